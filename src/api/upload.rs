//! The one tus 1.0 upload client: every file the app sends goes through
//! [`start`]. [`Upload`] decides (which request, from which byte, after
//! what wait, what an answer means); this module only makes the requests,
//! through [`ApiRequest::exchange`](super::ApiRequest::exchange), and
//! reports what happens as signals.
//!
//! ```ignore
//! use rantai::api::upload::{self, Lifetime, UploadStatus};
//! let upload = upload::start(photo.blob, "kopi.webp", "image/webp", Lifetime::App);
//! view! {
//!     <progress max="100" value=move || upload.progress.get().percent()></progress>
//!     <button on:click=move |_| upload.pause()>"Jeda"</button>
//! }
//! // Once `upload.status.get()` is `UploadStatus::Done { upload_id }`,
//! // the product refers to `upload_id`.
//! ```
//!
//! **Lifetime.** An upload runs in a task of its own and says in [`start`]
//! how long it may go on ([`Lifetime`]): until its page is left, or (so a
//! product can be saved while its photos are still on their way) until the
//! app closes. It is cancelled, and deleted on the server, when that owner
//! is cleaned up; [`UploadHandle::cancel`] does the same at any time. The
//! file is held in memory until the upload ends: done, cancelled, or failed
//! in a way no retry mends.
//!
//! **Kept uploads** ([`start_kept`]) also outlive the tab: the file, the
//! upload's URL and its confirmed offset are kept on the device
//! (IndexedDB), so that after a reload, or a tab the phone killed,
//! [`resume_kept`] goes on from the server's offset. Leaving the owner of
//! a kept upload stops it without cancelling it: see [`kept`].
//!
//! **Two at once.** At most two uploads send at the same time, app-wide;
//! the others are [`UploadStatus::Queued`] until one of those is done,
//! fails, is cancelled or paused (`upload/slots.rs`).
//!
//! **Resuming.** After a dropped connection, a timeout, a 409, 429 or 5xx it
//! waits (1 s, doubling up to 30 s, or until the browser's `online` event)
//! and asks the server's offset with `HEAD` before sending on; after eight
//! failures in a row it stops (`Failed(Unreachable)`) until `online` or
//! [`UploadHandle::resume`]. Offline, it waits for `online`. After a 401
//! it asks the person to sign in again in place
//! ([`Session::sign_in_again`]; not [`crate::session::with_sign_in_again`],
//! which would send the same request again where tus asks the offset
//! first) and resumes if the same person did.
//!
//! **Progress** counts the bytes the server has confirmed. Fetch reports
//! nothing while a body goes out, so it moves a chunk (256 KB) at a time.

pub mod kept;
mod requests;
mod slots;
mod task;

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use web_sys::Blob;

use crate::app_wide::app_wide;
use crate::domain::tus::Upload;
pub use crate::domain::tus::{Failure, Progress};
use crate::domain::tus_headers::metadata;
use crate::session::Session;
pub use kept::{
    forget_kept, forget_kept_as, kept_uploads, person_key, resume_kept, start_kept, KeptUpload,
};
use task::Task;

/// How long an upload may go on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lifetime {
    /// Until the reactive owner current at [`start`] is cleaned up (the page
    /// or component unmounts); then it is cancelled (a kept upload is
    /// stopped instead, and kept: [`resume_kept`] goes on with it).
    Page,
    /// Until the app closes: it goes on when the page that started it is
    /// left. Its signals live on the app's owner ([`crate::app_wide`]).
    App,
}

/// Where an upload stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UploadStatus {
    /// Waiting for its turn: two other uploads are sending (at most two
    /// send at once, app-wide). It starts by itself when one of them is
    /// done, fails, is cancelled or paused.
    Queued,
    /// Sending, or asking the server where it is.
    Uploading,
    /// Paused by the person: nothing until [`UploadHandle::resume`].
    Paused,
    /// Offline, or a request failed: trying again after a wait.
    WaitingForConnection,
    /// The session ended: it goes on once the person has signed in again.
    WaitingForSignIn,
    /// Every byte arrived; the product or document refers to `upload_id`.
    Done {
        /// The upload's id (the last segment of its `Location`).
        upload_id: String,
    },
    /// Stopped; the reason says what the person can do.
    /// [`UploadHandle::resume`] goes on after `Unreachable` or `SignedOut`.
    Failed(Failure),
    /// Cancelled: the server was told to forget it.
    Cancelled,
}

/// One upload under way: read its signals, and pause, resume or cancel it.
/// `Copy`; its methods do nothing once the upload has ended.
#[derive(Clone, Copy)]
pub struct UploadHandle {
    /// Bytes the server has confirmed, of the file's length.
    pub progress: Signal<Progress>,
    /// Where the upload stands.
    pub status: Signal<UploadStatus>,
    task: StoredValue<TaskRef, LocalStorage>,
}

/// The task a handle acts on, set once it exists (a resumed upload's only
/// after its record has been read).
type TaskRef = Rc<RefCell<Weak<Task>>>;

impl UploadHandle {
    /// Stops after the request in flight (whose answer still counts).
    pub fn pause(self) {
        self.with_task(Task::pause);
    }

    /// Goes on after a pause, or after `Failed(Unreachable)` or
    /// `Failed(SignedOut)`, from the offset the server reports, at once.
    pub fn resume(self) {
        self.with_task(Task::resume);
    }

    /// Stops now (aborting the request in flight) and deletes the upload on
    /// the server.
    pub fn cancel(self) {
        self.with_task(Task::cancel);
    }

    fn with_task(self, act: impl FnOnce(&Task)) {
        let task = self.task.try_with_value(|task| task.borrow().upgrade());
        if let Some(task) = task.flatten() {
            act(&task);
        }
    }
}

/// Starts uploading `file` as `filename` of media type `filetype` (both
/// sent as tus metadata) and returns its handle at once. A file that is
/// empty or over 10 MB is `Failed(TooLarge)` without a request.
pub fn start(file: Blob, filename: &str, filetype: &str, lifetime: Lifetime) -> UploadHandle {
    let (handle, task) = prepare(file, filename, filetype, lifetime);
    if let Some(task) = task {
        leptos::task::spawn_local(Task::run(task));
    }
    handle
}

/// The handle and the task (not yet running) of a new upload.
fn prepare(
    file: Blob,
    filename: &str,
    filetype: &str,
    lifetime: Lifetime,
) -> (UploadHandle, Option<Rc<Task>>) {
    let owner = owner_for(lifetime);
    let length = file.size() as u64;
    let machine = Upload::new(length);
    let slot = machine.is_ok().then(slots::free_slot).flatten();
    let first = match (&machine, &slot) {
        (Err(failure), _) => UploadStatus::Failed(*failure),
        (Ok(_), Some(_)) => UploadStatus::Uploading,
        (Ok(_), None) => UploadStatus::Queued,
    };
    let progress = Progress {
        sent: 0,
        total: length,
    };
    let (handle, signals, task_ref) = handle_under(&owner, first, progress);
    let task = machine.ok().map(|machine| {
        let session = under(&owner, use_context::<Session>);
        let metadata = metadata(filename, filetype);
        Task::new(machine, file, metadata, session, signals, slot)
    });
    if let Some(task) = &task {
        *task_ref.borrow_mut() = Rc::downgrade(task);
    }
    (handle, task)
}

/// The owner an upload of this lifetime lives under.
fn owner_for(lifetime: Lifetime) -> Option<Owner> {
    match lifetime {
        Lifetime::Page => Owner::current(),
        // `app_wide` runs `Owner::current` on the app's owner.
        Lifetime::App => app_wide(|| None, Owner::current),
    }
}

type Signals = (RwSignal<Progress>, RwSignal<UploadStatus>);

/// A handle showing `first` and `progress`, on `owner`: everything it
/// holds lives there, `Signal`s included (each is a value of that
/// owner's too). Its task, once set in the returned [`TaskRef`], is told
/// when the owner is cleaned up.
fn handle_under(
    owner: &Option<Owner>,
    first: UploadStatus,
    progress: Progress,
) -> (UploadHandle, Signals, TaskRef) {
    under(owner, || {
        let progress = RwSignal::new(progress);
        let status = RwSignal::new(first);
        let task_ref = TaskRef::default();
        let on_cleanup_ref = SendWrapper::new(task_ref.clone());
        on_cleanup(move || {
            let task = on_cleanup_ref.borrow().upgrade();
            if let Some(task) = task {
                task.owner_gone();
            }
        });
        let handle = UploadHandle {
            progress: progress.into(),
            status: status.into(),
            task: StoredValue::new_local(task_ref.clone()),
        };
        (handle, (progress, status), task_ref)
    })
}

fn under<T>(owner: &Option<Owner>, make: impl FnOnce() -> T) -> T {
    match owner {
        Some(owner) => owner.with(make),
        None => make(),
    }
}
