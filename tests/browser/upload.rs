//! The upload client against a real dev-api (--dev, behind the fixture
//! server, which keeps the session cookie and logs what it forwards):
//! chunks and honest progress, pause and resume, a lost answer, refusal,
//! cancelling, and how long an upload lives.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::{select, Either};
use leptos::prelude::*;
use rantai::api::auth::{self, Channel};
use rantai::api::client::sleep_ms;
use rantai::api::upload::{start, Failure, Lifetime, Progress, UploadHandle, UploadStatus};
use rantai::api::ApiRequest;
use rantai::app_wide::provide_app_owner;
use rantai::domain::tus::CHUNK_SIZE;
use wasm_bindgen_test::*;
use web_sys::Blob;

use super::support::{start_executor, use_fixture_api};

/// Signs a new UMKM owner in through dev-api, as the sign-in pages do.
pub async fn signed_in_owner() {
    start_executor();
    use_fixture_api();
    #[derive(serde::Deserialize)]
    struct Code {
        code: String,
    }
    let phone = format!("+62812{:08}", (js_sys::Math::random() * 1e8) as u32);
    auth::request_otp(&phone, Channel::Sms).await.unwrap();
    let code: Code = ApiRequest::get(format!(
        "/dev/otp?phone={}",
        js_sys::encode_uri_component(&phone)
    ))
    .fetch_json()
    .await
    .unwrap();
    auth::verify_otp(&phone, &code.code).await.unwrap();
    auth::choose_role(auth::RoleChoice {
        role: "supplier",
        cooperative_name: None,
        name: None,
    })
    .await
    .unwrap();
}

pub fn blob_of(bytes: &[u8]) -> Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    Blob::new_with_u8_array_sequence(&parts).unwrap()
}

/// `length` bytes that start like a JPEG (all the server looks at).
fn jpeg_like(length: usize) -> Blob {
    let mut bytes = vec![0xff, 0xd8, 0xff, 0xe0];
    let mut seed: u32 = 7;
    bytes.extend((4..length).map(|_| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (seed >> 24) as u8
    }));
    blob_of(&bytes)
}

/// What dev-api was sent through the fixture server: method, path, status.
pub async fn forwarded() -> Vec<(String, String, u16)> {
    ApiRequest::get("/forwarded").fetch_json().await.unwrap()
}

pub async fn offset_and_length(upload_id: &str) -> (u16, Option<String>, Option<String>) {
    let head = ApiRequest::head(format!("/uploads/{upload_id}"))
        .header("Tus-Resumable", "1.0.0")
        .exchange()
        .await
        .unwrap();
    let header = |name| head.header(name).map(str::to_owned);
    (
        head.status,
        header("Upload-Offset"),
        header("Upload-Length"),
    )
}

/// Every status and every confirmed byte count the upload showed, until
/// `until` says so (a test that waits 20 s for it fails).
#[derive(Default, Debug)]
pub struct Seen {
    pub statuses: Vec<UploadStatus>,
    pub sent: Vec<u64>,
}

pub async fn watch(
    upload: UploadHandle,
    until: impl Fn(&UploadStatus, Progress) -> bool + 'static,
) -> Seen {
    let seen = Rc::new(RefCell::new(Seen::default()));
    let (done, finished) = oneshot::channel();
    let done = RefCell::new(Some(done));
    let owner = Owner::new();
    let record = seen.clone();
    owner.with(|| {
        Effect::new(move |_| {
            let (status, progress) = (upload.status.get(), upload.progress.get());
            let mut seen = record.borrow_mut();
            if seen.statuses.last() != Some(&status) {
                seen.statuses.push(status.clone());
            }
            if seen.sent.last() != Some(&progress.sent) {
                seen.sent.push(progress.sent);
            }
            if until(&status, progress) {
                if let Some(done) = done.borrow_mut().take() {
                    let _ = done.send(());
                }
            }
        });
    });
    let outcome = select(finished, Box::pin(sleep_ms(20_000))).await;
    owner.cleanup();
    let seen = seen.take();
    assert!(
        matches!(outcome, Either::Left(_)),
        "gave up waiting: {seen:?}"
    );
    seen
}

/// A 600 KB upload for `owner`'s page, once its first chunk has arrived.
async fn under_way(owner: &Owner) -> UploadHandle {
    let upload = owner.with(|| start(jpeg_like(600_000), "rak.jpg", "image/jpeg", Lifetime::Page));
    watch(upload, |_, progress| progress.sent >= CHUNK_SIZE).await;
    upload
}

pub fn ended(status: &UploadStatus, _: Progress) -> bool {
    matches!(
        status,
        UploadStatus::Done { .. } | UploadStatus::Failed(_) | UploadStatus::Cancelled
    )
}

pub fn done_id(seen: &Seen) -> String {
    match seen.statuses.last() {
        Some(UploadStatus::Done { upload_id }) => upload_id.clone(),
        other => panic!("not done: {other:?} after {seen:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_600_kb_file_goes_up_in_three_chunks_with_honest_progress() {
    signed_in_owner().await;
    let before = forwarded().await.len();
    let owner = Owner::new();
    let upload = owner.with(|| start(jpeg_like(600_000), "rak.jpg", "image/jpeg", Lifetime::Page));
    let seen = watch(upload, ended).await;
    let upload_id = done_id(&seen);
    assert_eq!(seen.sent, vec![0, CHUNK_SIZE, 2 * CHUNK_SIZE, 600_000]);
    let patches: Vec<_> = forwarded().await[before..]
        .iter()
        .filter(|(method, path, _)| method == "PATCH" && path.ends_with(&upload_id))
        .map(|(_, _, status)| *status)
        .collect();
    assert_eq!(patches, vec![204, 204, 204]);
    let (status, offset, length) = offset_and_length(&upload_id).await;
    assert_eq!(status, 200);
    assert_eq!(offset.as_deref(), Some("600000"));
    assert_eq!(offset, length);
}

#[wasm_bindgen_test]
async fn pausing_holds_the_upload_and_resuming_asks_the_offset_and_finishes() {
    signed_in_owner().await;
    let page = Owner::new();
    let upload = under_way(&page).await;
    upload.pause();
    let paused = watch(upload, |status, _| *status == UploadStatus::Paused).await;
    let held = *paused.sent.last().unwrap();
    assert!(held < 600_000 && held % CHUNK_SIZE == 0, "{held}");
    let before = forwarded().await.len();
    sleep_ms(300).await; // nothing goes while paused
    assert_eq!(forwarded().await.len(), before);
    upload.resume();
    let seen = watch(upload, ended).await;
    let upload_id = done_id(&seen);
    let after: Vec<_> = forwarded().await[before..]
        .iter()
        .map(|(method, _, status)| (method.clone(), *status))
        .collect();
    assert_eq!(after.first(), Some(&("HEAD".to_owned(), 200)), "{after:?}");
    assert_eq!(
        offset_and_length(&upload_id).await.1.as_deref(),
        Some("600000")
    );
}

#[wasm_bindgen_test]
async fn an_answer_lost_after_the_bytes_arrived_resumes_from_the_server_s_offset() {
    signed_in_owner().await;
    ApiRequest::post("/drop?bytes=100000").send().await.unwrap();
    let owner = Owner::new();
    let upload = owner.with(|| start(jpeg_like(600_000), "rak.jpg", "image/jpeg", Lifetime::Page));
    let seen = watch(upload, ended).await;
    let upload_id = done_id(&seen);
    assert!(seen.statuses.contains(&UploadStatus::WaitingForConnection));
    assert_eq!(
        seen.sent,
        vec![0, 100_000, 100_000 + CHUNK_SIZE, 600_000],
        "nothing sent twice"
    );
    let (_, offset, length) = offset_and_length(&upload_id).await;
    assert_eq!(
        (offset.as_deref(), length.as_deref()),
        (Some("600000"), Some("600000"))
    );
}

/// A small file: the server answers 415 after reading the first bytes.
#[wasm_bindgen_test]
async fn a_program_is_refused_by_the_server_for_its_bytes() {
    signed_in_owner().await;
    let mut program = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00".to_vec();
    program.resize(4_096, 0);
    let owner = Owner::new();
    let upload = owner.with(|| start(blob_of(&program), "photo.jpg", "image/jpeg", Lifetime::Page));
    let seen = watch(upload, ended).await;
    assert_eq!(
        seen.statuses.last(),
        Some(&UploadStatus::Failed(Failure::NotAccepted))
    );
}

#[wasm_bindgen_test]
async fn an_empty_file_fails_without_a_request() {
    start_executor();
    let upload = start(blob_of(&[]), "kosong.jpg", "image/jpeg", Lifetime::Page);
    assert_eq!(
        upload.status.get_untracked(),
        UploadStatus::Failed(Failure::TooLarge)
    );
}

/// The DELETE dev-api was sent after entry `before` of the log, and the
/// upload's id (polled: the cancelled task sends it in its own time).
pub async fn deleted_after(before: usize) -> String {
    for _ in 0..100 {
        let log = forwarded().await;
        let delete = log[before..]
            .iter()
            .find(|(method, _, status)| method == "DELETE" && *status == 204);
        if let Some((_, path, _)) = delete {
            return path.rsplit('/').next().unwrap().to_owned();
        }
        sleep_ms(100).await;
    }
    panic!("no DELETE reached dev-api");
}

#[wasm_bindgen_test]
async fn cancelling_stops_at_once_and_deletes_the_upload_on_the_server() {
    signed_in_owner().await;
    let before = forwarded().await.len();
    let page = Owner::new();
    let upload = under_way(&page).await;
    upload.cancel();
    let seen = watch(upload, ended).await;
    assert_eq!(seen.statuses.last(), Some(&UploadStatus::Cancelled));
    let upload_id = deleted_after(before).await;
    assert_eq!(offset_and_length(&upload_id).await.0, 404);
}

#[wasm_bindgen_test]
async fn a_page_upload_is_cancelled_when_its_page_is_left() {
    signed_in_owner().await;
    let before = forwarded().await.len();
    let page = Owner::new();
    under_way(&page).await;
    page.cleanup();
    let upload_id = deleted_after(before).await;
    assert_eq!(offset_and_length(&upload_id).await.0, 404);
}

#[wasm_bindgen_test]
async fn an_app_upload_goes_on_after_its_page_is_left() {
    signed_in_owner().await;
    let app = Owner::new();
    app.with(provide_app_owner);
    let page = app.with(Owner::new);
    let upload = page.with(|| start(jpeg_like(300_000), "rak.jpg", "image/jpeg", Lifetime::App));
    page.cleanup();
    let seen = watch(upload, ended).await;
    let upload_id = done_id(&seen);
    assert_eq!(
        offset_and_length(&upload_id).await.1.as_deref(),
        Some("300000")
    );
}
