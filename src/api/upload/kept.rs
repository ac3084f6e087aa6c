//! Uploads kept on the device across a reload or a killed tab: the file
//! itself, the upload's URL once created, and the offset the server last
//! confirmed, in IndexedDB under the signed-in person's key
//! ([`Session::draft_key`]), so people sharing a computer never see each
//! other's. (One staff member acting for several members puts the member
//! in the key, `s12.document.new`, as the catalog's import does.)
//!
//! ```ignore
//! // Choosing a file: it is kept before its first byte goes.
//! let upload = upload::start_kept(file, "nib.pdf", "application/pdf", Lifetime::App, "document.new", "nib");
//! // After a reload: what was kept, and each goes on from the server's offset.
//! for kept in upload::kept_uploads().await {
//!     let upload = upload::resume_kept(&kept.key, Lifetime::App);
//! }
//! // Once the document that refers to the upload is saved:
//! upload::forget_kept("document.new");
//! ```
//!
//! **Leaving.** A kept upload outlives its page by design: when the owner
//! of its [`Lifetime`] is cleaned up (the page of a `Page` upload is left,
//! the app of an `App` upload unmounts) it stops, its request in flight
//! aborted, and is kept as it is, neither cancelled nor deleted on the
//! server; [`resume_kept`] goes on with it, exactly as after a reload.
//! Only [`UploadHandle::cancel`] deletes it (on the server and here).
//!
//! The person is the one signed in when these are called: call them where
//! the session context is (a component, an event handler, an `Action`),
//! not after an `.await` in a bare `spawn_local`. Signed out, nothing is
//! kept or listed. Without IndexedDB (or when it fails) an upload is sent
//! as [`start`] sends it, just not kept. Sign-out wipes everything kept
//! ([`crate::device_store::clear_all`]).

mod keeper;
mod record;

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::Blob;

use super::task::Task;
use super::{
    handle_under, owner_for, prepare, slots, start, under, Failure, Lifetime, Progress,
    UploadHandle, UploadStatus,
};
use crate::api::ApiRequest;
use crate::domain::tus::Upload;
use crate::domain::tus_headers::{metadata, upload_id};
use crate::session::Session;
use keeper::{live, register, unregister, Keeper};
use record::Record;

/// An upload kept on this device, as [`kept_uploads`] lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptUpload {
    /// The key the area gave [`start_kept`] (`document.new`).
    pub key: String,
    /// The file's name.
    pub filename: String,
    /// Its media type.
    pub filetype: String,
    /// Its length in bytes.
    pub length: u64,
    /// The bytes the server last confirmed (the whole length once done).
    pub sent: u64,
    /// The upload's id, once every byte arrived.
    pub upload_id: Option<String>,
    /// What the area kept with it.
    pub note: String,
}

/// Like [`start`], but the upload (URL once created, the file, progress)
/// is kept on the device under `key` until [`forget_kept`]`(key)`, so
/// that after a reload [`resume_kept`] goes on from the server's offset.
/// A second upload under the same key replaces the first (cancelled on
/// the server unless it had finished). Kept when done (with its id), so a
/// tab killed before the area saved what refers to it loses nothing.
pub fn start_kept(
    file: Blob,
    filename: &str,
    filetype: &str,
    lifetime: Lifetime,
    key: &str,
    note: &str,
) -> UploadHandle {
    let Some(person_key) = under(&owner_for(lifetime), || person_key(key)) else {
        return start(file, filename, filetype, lifetime);
    };
    let (handle, task) = prepare(file.clone(), filename, filetype, lifetime);
    // Empty or too large: refused without a request, and not kept.
    let Some(task) = task else { return handle };
    if let Some(before) = live(&person_key) {
        before.cancel();
    }
    let keeper = Keeper::new(person_key.clone(), new_token());
    let record = Record {
        key: person_key,
        token: keeper.token.clone(),
        url: None,
        filename: filename.to_owned(),
        filetype: filetype.to_owned(),
        length: file.size() as u64,
        sent: 0,
        upload_id: None,
        note: note.to_owned(),
        kept_ms: js_sys::Date::now(),
    };
    register(&task, keeper);
    spawn_local(async move {
        // Kept before its first byte goes; else sent as `start` would.
        match record::write(&record, &file).await {
            Some(before) => terminate_replaced(before, &record.token),
            None => {
                unregister(&task);
                task.keeper.take();
            }
        }
        Task::run(task).await;
    });
    handle
}

/// This person's kept uploads (key as given to [`start_kept`], without the
/// person prefix), oldest first. Empty when signed out or IndexedDB is
/// unavailable. The person is read when it is called.
pub fn kept_uploads() -> impl std::future::Future<Output = Vec<KeptUpload>> + 'static {
    let prefix = person_key("");
    async move {
        let Some(prefix) = prefix else {
            return Vec::new();
        };
        record::list(&prefix)
            .await
            .into_iter()
            .map(|record| KeptUpload {
                key: record
                    .key
                    .strip_prefix(&prefix)
                    .unwrap_or_default()
                    .to_owned(),
                filename: record.filename,
                filetype: record.filetype,
                length: record.length,
                sent: record.sent,
                upload_id: record.upload_id,
                note: record.note,
            })
            .collect()
    }
}

/// Resumes the kept upload under `key` (after a reload) and returns at
/// once: `Uploading` (or `Queued`) while it reads the file back and asks
/// the server's offset (`HEAD`), then it sends from there, never from
/// zero. `Failed(Gone)` when nothing is kept under `key` for the person
/// signed in, or the server no longer has the upload; `Done { upload_id }`
/// at once if it had finished.
/// If this tab is still sending it (an `App` upload whose page was left
/// and opened again), the handle is that upload's, as it stands.
pub fn resume_kept(key: &str, lifetime: Lifetime) -> UploadHandle {
    let owner = owner_for(lifetime);
    let person_key = under(&owner, || person_key(key));
    if let Some(task) = person_key.as_deref().and_then(live) {
        return under(&owner, || UploadHandle {
            progress: task.progress.into(),
            status: task.status.into(),
            task: StoredValue::new_local(Rc::new(RefCell::new(Rc::downgrade(&task)))),
        });
    }
    let slot = slots::free_slot();
    let first = match slot {
        Some(_) => UploadStatus::Uploading,
        None => UploadStatus::Queued,
    };
    let none = Progress { sent: 0, total: 0 };
    let (handle, (progress, status), task_ref) = handle_under(&owner, first, none);
    let session = under(&owner, use_context::<Session>);
    spawn_local(async move {
        let kept = match &person_key {
            Some(key) => record::read(key).await,
            None => None,
        };
        let Some((record, file)) = kept else {
            let _ = status.try_set(UploadStatus::Failed(Failure::Gone));
            return;
        };
        let _ = progress.try_set(Progress {
            sent: record.sent,
            total: record.length,
        });
        if let Some(upload_id) = record.upload_id.clone() {
            let _ = status.try_set(UploadStatus::Done { upload_id });
            return;
        }
        let id = record.url.as_deref().and_then(upload_id).map(str::to_owned);
        let machine = match id {
            Some(_) => Upload::existing(record.length),
            // Its creation was never answered: nothing was confirmed.
            None => Upload::new(record.length),
        };
        let (Some(file), Ok(machine)) = (file, machine) else {
            let _ = status.try_set(UploadStatus::Failed(Failure::Gone));
            return;
        };
        // Its owner went while the record was read: it stays as it is.
        if status.try_get_untracked().is_none() {
            return;
        }
        let metadata = metadata(&record.filename, &record.filetype);
        let signals = (progress, status);
        let task = Task::new(machine, file, metadata, session, signals, slot);
        *task.id.borrow_mut() = id;
        *task_ref.borrow_mut() = Rc::downgrade(&task);
        let keeper = Keeper::new(record.key, record.token);
        keeper.noted(record.url, record.sent);
        register(&task, keeper);
        Task::run(task).await;
    });
    handle
}

/// Removes the upload kept under `key` (once what refers to it is saved,
/// or the person discarded the file). The upload on the server stays; if
/// it is still being sent, it goes on, no longer kept.
pub fn forget_kept(key: &str) {
    if let Some(person_key) = person_key(key) {
        forget_kept_as(&person_key);
    }
}

/// [`forget_kept`] for the key already under the person's prefix
/// ([`Session::draft_key`]), for a caller that has no session's context
/// left (after an `.await`).
pub fn forget_kept_as(person_key: &str) {
    if let Some(task) = live(person_key) {
        unregister(&task);
        task.keeper.take();
    }
    record::remove(person_key);
}

/// `key` under the signed-in person's prefix (`rantai.u7.document.new`),
/// as [`forget_kept_as`] takes it.
pub fn person_key(key: &str) -> Option<String> {
    use_context::<Session>()?.draft_key(key)
}

fn new_token() -> String {
    format!(
        "{:x}{:x}",
        js_sys::Date::now() as u64,
        (js_sys::Math::random() * 1e15) as u64
    )
}

/// The replaced upload, if it was unfinished, is deleted on the server.
fn terminate_replaced(before: Option<Record>, token: &str) {
    let Some(before) = before.filter(|before| before.token != token && before.upload_id.is_none())
    else {
        return;
    };
    let Some(id) = before.url.as_deref().and_then(upload_id).map(str::to_owned) else {
        return;
    };
    spawn_local(async move {
        let _ = ApiRequest::delete(format!("/uploads/{id}"))
            .header("Tus-Resumable", "1.0.0")
            .exchange()
            .await;
    });
}
