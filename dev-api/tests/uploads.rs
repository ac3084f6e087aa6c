//! Uploads (tus): one append at a time per upload, termination that waits
//! for it, bodies written as they arrive, limits per supplier, expiry.

mod support;

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{Method, StatusCode};
use dev_api::state::UploadLimits;
use dev_api::Config;
use support::{Reply, TestApi};

const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

const TUS: (&str, &str) = ("tus-resumable", "1.0.0");
const BYTES: (&str, &str) = ("content-type", "application/offset+octet-stream");

async fn create(api: &TestApi, cookie: &str, length: usize) -> Reply {
    api.send(
        Method::POST,
        "/uploads",
        None,
        &[TUS, ("upload-length", &length.to_string())],
        Some(cookie),
    )
    .await
}

async fn new_upload(api: &TestApi, cookie: &str) -> String {
    let created = create(api, cookie, PNG.len()).await;
    assert_eq!(created.status, StatusCode::CREATED, "{:?}", created.body);
    created.location_id()
}

/// A body that sends the first 8 bytes, waits `pause`, then the rest.
fn slow(pause: Duration) -> Body {
    let parts = futures_util::stream::unfold(0, move |step| async move {
        match step {
            0 => Some((Ok::<_, std::io::Error>(Bytes::from_static(&PNG[..8])), 1)),
            1 => {
                tokio::time::sleep(pause).await;
                Some((Ok(Bytes::from_static(&PNG[8..])), 2))
            }
            _ => None,
        }
    });
    Body::from_stream(parts)
}

async fn patch(api: &TestApi, cookie: &str, id: &str, body: Body) -> Reply {
    api.send_body(
        Method::PATCH,
        &format!("/uploads/{id}"),
        body,
        &[TUS, BYTES, ("upload-offset", "0")],
        Some(cookie),
    )
    .await
}

async fn patch_at(api: &TestApi, cookie: &str, id: &str, offset: usize, bytes: &[u8]) -> Reply {
    api.send_body(
        Method::PATCH,
        &format!("/uploads/{id}"),
        Body::from(bytes.to_vec()),
        &[TUS, BYTES, ("upload-offset", &offset.to_string())],
        Some(cookie),
    )
    .await
}

async fn head(api: &TestApi, cookie: &str, id: &str) -> Reply {
    api.send(
        Method::HEAD,
        &format!("/uploads/{id}"),
        None,
        &[TUS],
        Some(cookie),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_patches_at_the_same_offset_one_wins_the_other_gets_409() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0001").await;
    let id = new_upload(&api, &cookie).await;
    // Both at once, whole bodies.
    let (a, b) = tokio::join!(
        patch(&api, &cookie, &id, Body::from(PNG)),
        patch(&api, &cookie, &id, Body::from(PNG))
    );
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::NO_CONTENT, StatusCode::CONFLICT]);
    assert_eq!(
        head(&api, &cookie, &id).await.header("upload-offset"),
        Some(&*PNG.len().to_string())
    );

    // One still arriving when the other comes.
    let id = new_upload(&api, &cookie).await;
    let first = patch(&api, &cookie, &id, slow(Duration::from_millis(400)));
    let second = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        // The bytes that arrived are on disk already: the body is streamed.
        let on_disk = std::fs::metadata(api.state.config.upload_dir.join(&id))
            .unwrap()
            .len();
        (patch(&api, &cookie, &id, Body::from(PNG)).await, on_disk)
    };
    let (first, (second, on_disk)) = tokio::join!(first, second);
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert_eq!(first.status, StatusCode::NO_CONTENT, "{:?}", first.body);
    assert_eq!(on_disk, 8);
    let stored = std::fs::read(api.state.config.upload_dir.join(&id)).unwrap();
    assert_eq!(stored, PNG);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn terminating_during_an_append_waits_for_it_then_removes_the_upload() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0002").await;
    let id = new_upload(&api, &cookie).await;
    let append = patch(&api, &cookie, &id, slow(Duration::from_millis(300)));
    let terminate = async {
        tokio::time::sleep(Duration::from_millis(100)).await;
        api.send(
            Method::DELETE,
            &format!("/uploads/{id}"),
            None,
            &[TUS],
            Some(&cookie),
        )
        .await
    };
    let (appended, terminated) = tokio::join!(append, terminate);
    assert_eq!(appended.status, StatusCode::NO_CONTENT);
    assert_eq!(terminated.status, StatusCode::NO_CONTENT);
    assert_eq!(head(&api, &cookie, &id).await.status, StatusCode::NOT_FOUND);
    assert!(!api.state.config.upload_dir.join(&id).exists());
}

#[tokio::test]
async fn a_supplier_may_keep_only_so_many_uploads_unfinished_and_stored() {
    let api = TestApi::with(Config {
        dev: true,
        upload_limits: UploadLimits {
            count: 3,
            bytes: 1000,
            in_flight: 2,
            ..UploadLimits::default()
        },
        ..Config::default()
    });
    let (cookie, _) = api.new_supplier("0813 2000 0003").await;
    let first = new_upload(&api, &cookie).await;
    new_upload(&api, &cookie).await;
    let third = create(&api, &cookie, PNG.len()).await;
    assert_eq!(third.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(third.header("retry-after").is_some());
    assert_eq!(
        third.header("content-type"),
        Some("application/problem+json")
    );
    patch(&api, &cookie, &first, Body::from(PNG)).await;
    new_upload(&api, &cookie).await;
    let fourth = create(&api, &cookie, PNG.len()).await;
    assert_eq!(fourth.status, StatusCode::PAYLOAD_TOO_LARGE, "three kept");
    let other = api.new_supplier("0813 2000 0004").await.0;
    let big = create(&api, &other, 1001).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE, "over the bytes");
    assert_eq!(create(&api, &other, 1000).await.status, StatusCode::CREATED);
}

#[tokio::test]
async fn an_unfinished_upload_expires_after_a_day_and_a_finished_one_stays() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0005").await;
    let unfinished = new_upload(&api, &cookie).await;
    let finished = new_upload(&api, &cookie).await;
    patch(&api, &cookie, &finished, Body::from(PNG)).await;
    api.state.clock.advance(23 * 3600);
    let cookie = api.sign_in("0813 2000 0005").await;
    assert_eq!(
        head(&api, &cookie, &unfinished).await.status,
        StatusCode::OK
    );
    api.state.clock.advance(2 * 3600);
    let cookie = api.sign_in("0813 2000 0005").await;
    assert_eq!(
        head(&api, &cookie, &unfinished).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(!api.state.config.upload_dir.join(&unfinished).exists());
    assert_eq!(head(&api, &cookie, &finished).await.status, StatusCode::OK);
}

#[tokio::test]
async fn creating_appending_and_deleting_an_upload_is_in_the_audit_trail() {
    let api = TestApi::new();
    let (cookie, supplier) = api.new_supplier("0813 2000 0006").await;
    let id = new_upload(&api, &cookie).await;
    patch(&api, &cookie, &id, Body::from(PNG)).await;
    api.send(
        Method::DELETE,
        &format!("/uploads/{id}"),
        None,
        &[TUS],
        Some(&cookie),
    )
    .await;
    let actions: Vec<String> = api
        .rows(&format!(
            "SELECT action FROM audit WHERE supplier_id = {supplier} ORDER BY id"
        ))
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(
        actions,
        vec![
            "POST /uploads".to_owned(),
            format!("PATCH /uploads/{id}"),
            format!("DELETE /uploads/{id}")
        ]
    );
}

#[tokio::test]
async fn one_supplier_never_reads_appends_or_terminates_anothers_upload() {
    let api = TestApi::new();
    let (owner, _) = api.new_supplier("0813 2000 0007").await;
    let (stranger, _) = api.new_supplier("0813 2000 0008").await;
    let id = new_upload(&api, &owner).await;
    assert_eq!(
        head(&api, &stranger, &id).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        patch(&api, &stranger, &id, Body::from(PNG)).await.status,
        StatusCode::NOT_FOUND
    );
    let deleted = api
        .send(
            Method::DELETE,
            &format!("/uploads/{id}"),
            None,
            &[TUS],
            Some(&stranger),
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NOT_FOUND);
    assert_eq!(head(&api, &owner, &id).await.status, StatusCode::OK);
}

#[tokio::test]
async fn an_append_writes_at_the_recorded_offset_dropping_bytes_never_recorded() {
    let api = TestApi::new();
    let (cookie, _) = api.new_supplier("0813 2000 0009").await;
    let id = new_upload(&api, &cookie).await;
    assert_eq!(
        patch_at(&api, &cookie, &id, 0, &PNG[..8]).await.status,
        StatusCode::NO_CONTENT
    );
    // An append that failed half-way (a full disk) left bytes on disk that
    // were never recorded.
    let path = api.state.config.upload_dir.join(&id);
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    std::io::Write::write_all(&mut file, b"half-written").unwrap();
    drop(file);
    assert_eq!(
        head(&api, &cookie, &id).await.header("upload-offset"),
        Some("8")
    );
    let resumed = patch_at(&api, &cookie, &id, 8, &PNG[8..]).await;
    assert_eq!(resumed.status, StatusCode::NO_CONTENT, "{:?}", resumed.body);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        PNG,
        "the file is what was recorded"
    );
}
