//! One upload's task: the loop that asks [`Upload::next_step`], waits
//! when told to (or until poked), makes the request and applies the answer.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::{select, Either};
use leptos::prelude::*;
use web_sys::Blob;

use super::{Failure, Progress, UploadStatus};
use crate::api::client::{browser_online, sleep_ms, Cancel};
use crate::domain::tus::{Step, Upload};
use crate::domain::tus_headers::metadata;
use crate::session::Session;

/// While offline, look again this often even if no `online` event comes.
const OFFLINE_RECHECK_MS: u32 = 30_000;

/// The upload's state, shared by its running task (which holds it) and its
/// handle (which holds a weak reference, so everything goes when it ends).
pub(super) struct Task {
    machine: RefCell<Upload>,
    pub(super) file: Blob,
    pub(super) metadata: String,
    pub(super) id: RefCell<Option<String>>,
    cancelled: Cell<bool>,
    /// Aborts the request in flight when the upload is cancelled.
    pub(super) requests: Cancel,
    /// Ends the current wait early (pause, resume, cancel, `online`).
    wake: RefCell<Option<oneshot::Sender<()>>>,
    session: Option<Session>,
    progress: RwSignal<Progress>,
    status: RwSignal<UploadStatus>,
}

impl Task {
    /// The task for `machine`'s upload of `file` (`names`: its file name
    /// and media type), showing what happens in `signals`.
    pub(super) fn new(
        machine: Upload,
        file: Blob,
        names: (&str, &str),
        session: Option<Session>,
        signals: (RwSignal<Progress>, RwSignal<UploadStatus>),
    ) -> Rc<Task> {
        Rc::new(Task {
            machine: RefCell::new(machine),
            file,
            metadata: metadata(names.0, names.1),
            id: RefCell::new(None),
            cancelled: Cell::new(false),
            requests: Cancel::new(),
            wake: RefCell::new(None),
            session,
            progress: signals.0,
            status: signals.1,
        })
    }

    /// Runs the upload to its end; the handle and the owner's clean-up
    /// hold only weak references, so everything goes then.
    pub(super) async fn run(self: Rc<Task>) {
        let weak = Rc::downgrade(&self);
        let online = window_event_listener(leptos::ev::online, move |_| {
            if let Some(task) = weak.upgrade() {
                // Back online: try again now, even after having given up.
                let unreachable = UploadStatus::Failed(Failure::Unreachable);
                if task.status.try_get_untracked() == Some(unreachable) {
                    task.machine.borrow_mut().resume();
                }
                task.poke();
            }
        });
        let mut waited = false;
        loop {
            let step = self.machine.borrow_mut().next_step();
            self.show(status_of(&step, self.id.borrow().clone()));
            let delay = match step {
                Step::Create { after_ms } | Step::AskOffset { after_ms } => after_ms,
                _ => 0,
            };
            if delay > 0 && !waited {
                waited = true;
                self.wait(Some(delay)).await;
                continue;
            }
            let sends = matches!(
                step,
                Step::Create { .. } | Step::Send(_) | Step::AskOffset { .. }
            );
            if sends && !browser_online() {
                self.show(UploadStatus::WaitingForConnection);
                self.wait(Some(OFFLINE_RECHECK_MS)).await;
                continue;
            }
            waited = false;
            let reply = match step {
                Step::Create { .. } => self.create().await,
                Step::Send(range) => self.append(range).await,
                Step::AskOffset { .. } => self.ask_offset().await,
                Step::Terminate => self.terminate().await,
                Step::Paused | Step::Failed(Failure::Unreachable) => {
                    self.wait(None).await;
                    continue;
                }
                Step::Failed(Failure::SignedOut) => {
                    match self.session {
                        // No session to ask: wait for resume() or cancel().
                        None => self.wait(None).await,
                        Some(session) => match self.signed_in_again(session).await {
                            Some(true) => self.machine.borrow_mut().resume(),
                            Some(false) => break,
                            None => {} // cancelled meanwhile
                        },
                    }
                    continue;
                }
                Step::Done | Step::Cancelled | Step::Failed(_) => break,
            };
            self.machine.borrow_mut().apply(reply);
            let _ = self.progress.try_set(self.machine.borrow().progress(0));
        }
        online.remove();
    }

    /// Waits for the person to sign in again: `Some(true)` when the same
    /// person did, `Some(false)` when someone else did, `None` when the
    /// upload was cancelled meanwhile.
    async fn signed_in_again(&self, session: Session) -> Option<bool> {
        self.show(UploadStatus::WaitingForSignIn);
        let mut signed_in = Box::pin(session.sign_in_again());
        loop {
            match select(signed_in, self.poked()).await {
                Either::Left((same_person, _)) => return Some(same_person),
                Either::Right((_, waiting)) if !self.cancelled.get() => signed_in = waiting,
                Either::Right(_) => return None,
            }
        }
    }

    pub(super) fn pause(&self) {
        self.machine.borrow_mut().pause();
        self.poke();
    }

    pub(super) fn resume(&self) {
        self.machine.borrow_mut().resume();
        self.poke();
    }

    pub(super) fn cancel(&self) {
        self.cancelled.set(true);
        self.machine.borrow_mut().cancel();
        self.requests.cancel();
        self.poke();
    }

    fn show(&self, status: UploadStatus) {
        if self
            .status
            .try_get_untracked()
            .is_some_and(|now| now != status)
        {
            let _ = self.status.try_set(status);
        }
    }

    fn poked(&self) -> oneshot::Receiver<()> {
        let (sender, receiver) = oneshot::channel();
        *self.wake.borrow_mut() = Some(sender);
        receiver
    }

    fn poke(&self) {
        if let Some(sender) = self.wake.borrow_mut().take() {
            let _ = sender.send(());
        }
    }

    /// Waits `ms` (forever with `None`) or until poked.
    async fn wait(&self, ms: Option<u32>) {
        let poked = self.poked();
        match ms {
            Some(ms) => drop(select(Box::pin(sleep_ms(ms)), poked).await),
            None => drop(poked.await),
        }
    }
}

fn status_of(step: &Step, upload_id: Option<String>) -> UploadStatus {
    match step {
        Step::Create { after_ms: 0 } | Step::AskOffset { after_ms: 0 } | Step::Send(_) => {
            UploadStatus::Uploading
        }
        Step::Create { .. } | Step::AskOffset { .. } => UploadStatus::WaitingForConnection,
        Step::Terminate | Step::Cancelled => UploadStatus::Cancelled,
        Step::Paused => UploadStatus::Paused,
        Step::Done => UploadStatus::Done {
            upload_id: upload_id.unwrap_or_default(),
        },
        Step::Failed(failure) => UploadStatus::Failed(*failure),
    }
}
