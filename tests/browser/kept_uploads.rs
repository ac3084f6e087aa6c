//! Uploads kept on the device against a real dev-api: one left at a
//! "reload" goes on from the server's offset and arrives byte for byte,
//! two send at once and the third waits its turn, and sign-out's
//! `clear_all` leaves nothing kept.
//!
//! A reload is simulated the way the app meets one: the kept upload's
//! owner is cleaned up (what a reload does to every owner) and its handle
//! dropped, nothing else; only what IndexedDB holds and what the server
//! has are there for `resume_kept` to go on with.

use std::cell::RefCell;
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::{select, Either};
use leptos::prelude::*;
use rantai::api::auth;
use rantai::api::client::{api_base, sleep_ms};
use rantai::api::upload::{
    forget_kept, kept_uploads, resume_kept, start, start_kept, KeptUpload, Lifetime, UploadHandle,
    UploadStatus,
};
use rantai::app_wide::provide_app_owner;
use rantai::device_store;
use rantai::domain::tus::CHUNK_SIZE;
use rantai::session::{Session, SessionState};
use wasm_bindgen_test::*;

use super::upload::{
    blob_of, deleted_after, done_id, ended, forwarded, offset_and_length, signed_in_owner, watch,
};

const LENGTH: usize = 700_000;

/// A new supplier signed in, and an app owner with their session.
async fn app_of_a_new_supplier() -> Owner {
    signed_in_owner().await;
    let me = auth::me().await.unwrap();
    let app = Owner::new();
    app.with(|| {
        provide_app_owner();
        provide_context(Session::new(SessionState::SignedIn, Some(me)));
    });
    app
}

/// `length` bytes that start like a PDF (all the server looks at).
fn pdf_like(length: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    let mut seed: u32 = 11;
    bytes.extend((bytes.len()..length).map(|_| {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (seed >> 24) as u8
    }));
    bytes
}

/// The file dev-api keeps for the upload, as it serves it.
async fn served_file(upload_id: &str) -> Vec<u8> {
    let url = format!("{}/uploads/{upload_id}/file", api_base());
    let response = gloo_net::http::Request::get(&url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.binary().await.unwrap()
}

#[wasm_bindgen_test]
async fn a_kept_upload_left_at_a_reload_goes_on_from_the_server_s_offset() {
    let app = app_of_a_new_supplier().await;
    let bytes = pdf_like(LENGTH);
    let page = app.with(Owner::new);
    let upload = page.with(|| {
        let file = blob_of(&bytes);
        start_kept(
            file,
            "nib.pdf",
            "application/pdf",
            Lifetime::Page,
            "document.new",
            "nib",
        )
    });
    watch(upload, |_, progress| progress.sent >= CHUNK_SIZE).await;
    upload.pause();
    watch(upload, |status, _| *status == UploadStatus::Paused).await;
    let before_reload = forwarded().await.len();
    // The reload: the page's owner goes, and the handle with it.
    page.cleanup();

    let kept = app.with(kept_uploads).await;
    let sent = kept.first().map_or(0, |kept| kept.sent);
    assert_eq!(
        kept,
        vec![KeptUpload {
            key: "document.new".into(),
            filename: "nib.pdf".into(),
            filetype: "application/pdf".into(),
            length: LENGTH as u64,
            sent,
            upload_id: None,
            note: "nib".into(),
        }]
    );
    assert!(sent >= CHUNK_SIZE && sent < LENGTH as u64, "{sent}");

    let page = app.with(Owner::new);
    let resumed = page.with(|| resume_kept("document.new", Lifetime::Page));
    assert_eq!(resumed.status.get_untracked(), UploadStatus::Uploading);
    let seen = watch(resumed, ended).await;
    let upload_id = done_id(&seen);
    let after: Vec<_> = forwarded().await[before_reload..]
        .iter()
        .map(|(method, _, status)| (method.clone(), *status))
        .collect();
    // Nothing deleted or created again: asked where it stood, sent the rest.
    let rest = (LENGTH as u64 - sent).div_ceil(CHUNK_SIZE) as usize;
    let mut expected = vec![("HEAD".to_owned(), 200)];
    expected.extend(vec![("PATCH".to_owned(), 204); rest]);
    assert_eq!(after, expected);
    assert_eq!(served_file(&upload_id).await, bytes);

    // Kept, with its id, until the area has saved what refers to it.
    let kept = app.with(kept_uploads).await;
    assert_eq!(kept[0].upload_id.as_deref(), Some(upload_id.as_str()));
    assert_eq!(kept[0].sent, LENGTH as u64);
    let again = app.with(|| resume_kept("document.new", Lifetime::App));
    watch(again, ended).await;
    assert_eq!(
        again.status.get_untracked(),
        UploadStatus::Done { upload_id }
    );
    app.with(|| forget_kept("document.new"));
    assert_eq!(app.with(kept_uploads).await, vec![]);
    let gone = app.with(|| resume_kept("document.new", Lifetime::App));
    watch(gone, ended).await;
    assert_eq!(
        gone.status.get_untracked(),
        UploadStatus::Failed(rantai::api::upload::Failure::Gone)
    );
}

#[wasm_bindgen_test]
async fn a_file_chosen_again_replaces_the_kept_one_which_is_deleted_on_the_server() {
    let app = app_of_a_new_supplier().await;
    let page = app.with(Owner::new);
    let first = page.with(|| {
        let file = blob_of(&pdf_like(LENGTH));
        start_kept(
            file,
            "lama.pdf",
            "application/pdf",
            Lifetime::Page,
            "document.7",
            "",
        )
    });
    watch(first, |_, progress| progress.sent >= CHUNK_SIZE).await;
    first.pause();
    watch(first, |status, _| *status == UploadStatus::Paused).await;
    page.cleanup(); // a reload
    let before = forwarded().await.len();
    let second = app.with(|| {
        let file = blob_of(&pdf_like(300_000));
        start_kept(
            file,
            "baru.pdf",
            "application/pdf",
            Lifetime::App,
            "document.7",
            "",
        )
    });
    done_id(&watch(second, ended).await);
    let replaced = deleted_after(before).await;
    assert_eq!(offset_and_length(&replaced).await.0, 404);
    let kept = app.with(kept_uploads).await;
    let names: Vec<_> = kept.iter().map(|kept| kept.filename.as_str()).collect();
    assert_eq!(names, ["baru.pdf"]);
    app.with(|| forget_kept("document.7"));
}

/// The most uploads seen `Uploading` at once until all are done, and
/// each one's statuses.
async fn watch_all(uploads: Vec<UploadHandle>) -> (usize, Vec<Vec<UploadStatus>>) {
    let seen = Rc::new(RefCell::new((0, vec![Vec::new(); uploads.len()])));
    let (done, finished) = oneshot::channel();
    let done = RefCell::new(Some(done));
    let owner = Owner::new();
    let record = seen.clone();
    owner.with(|| {
        Effect::new(move |_| {
            let statuses: Vec<_> = uploads.iter().map(|u| u.status.get()).collect();
            let mut seen = record.borrow_mut();
            let uploading = statuses
                .iter()
                .filter(|s| **s == UploadStatus::Uploading)
                .count();
            seen.0 = seen.0.max(uploading);
            for (each, status) in seen.1.iter_mut().zip(&statuses) {
                if each.last() != Some(status) {
                    each.push(status.clone());
                }
            }
            if statuses
                .iter()
                .all(|s| matches!(s, UploadStatus::Done { .. }))
            {
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

#[wasm_bindgen_test]
async fn of_three_uploads_two_send_at_once_and_the_third_waits_its_turn() {
    let app = app_of_a_new_supplier().await;
    let uploads: Vec<UploadHandle> = (0..3)
        .map(|n| {
            let file = blob_of(&pdf_like(600_000 + n));
            app.with(|| start(file, "akta.pdf", "application/pdf", Lifetime::App))
        })
        .collect();
    let first: Vec<_> = uploads.iter().map(|u| u.status.get_untracked()).collect();
    assert_eq!(
        first,
        [
            UploadStatus::Uploading,
            UploadStatus::Uploading,
            UploadStatus::Queued
        ]
    );
    let (most, statuses) = watch_all(uploads).await;
    assert_eq!(most, 2, "{statuses:?}");
    assert_eq!(
        statuses[2][..2],
        [UploadStatus::Queued, UploadStatus::Uploading]
    );
}

#[wasm_bindgen_test]
async fn nothing_is_kept_after_sign_out_and_no_one_sees_another_s() {
    let app = app_of_a_new_supplier().await;
    let file = blob_of(&pdf_like(300_000));
    let upload = app.with(|| {
        start_kept(
            file,
            "npwp.pdf",
            "application/pdf",
            Lifetime::App,
            "document.12",
            "npwp",
        )
    });
    done_id(&watch(upload, ended).await);
    assert_eq!(app.with(kept_uploads).await.len(), 1);
    // Staff acting for another member on the same computer.
    let someone_else = app.with(Owner::new);
    let mut other = auth::me().await.unwrap();
    other.user_id += 1;
    someone_else.with(|| provide_context(Session::new(SessionState::SignedIn, Some(other))));
    assert_eq!(someone_else.with(kept_uploads).await, vec![]);

    device_store::clear_all();
    assert_eq!(app.with(kept_uploads).await, vec![]);
    device_store::clear_all(); // nothing left behind by the listing either
}
