//! One upload's task: the loop that asks [`Upload::next_step`], waits
//! when told to (or until poked), takes its turn to send ([`slots`]),
//! makes the request and applies the answer (and keeps it, [`kept`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::channel::oneshot;
use futures::future::{select, Either};
use leptos::prelude::*;
use web_sys::Blob;

use super::slots::{Place, Slot};
use super::{Failure, Progress, UploadStatus};
use crate::api::client::{browser_online, sleep_ms, Cancel};
use crate::domain::tus::{Step, Upload};
use crate::session::Session;

/// While offline, look again this often even if no `online` event comes.
const OFFLINE_RECHECK_MS: u32 = 30_000;

/// What a kept upload does on the device as it goes (`kept::Keeper`).
/// A trait object, so that an app that keeps no upload carries none of
/// that code (nor IndexedDB's): nothing but `start_kept` and `resume_kept`
/// makes one.
pub(super) trait Keep {
    /// After an answer: the URL (once created) and the offset confirmed.
    fn progress(&self, task: &Task, sent: u64);
    /// Cancelled: what is kept goes.
    fn forget(&self);
    /// Stopped with `last` (`Paused`: its owner went; it stays kept).
    fn ended(&self, task: &Task, last: &Step);
}

/// The upload's state, shared by its running task (which holds it) and its
/// handle (which holds a weak reference, so everything goes when it ends).
pub(super) struct Task {
    machine: RefCell<Upload>,
    pub(super) file: Blob,
    pub(super) metadata: String,
    pub(super) id: RefCell<Option<String>>,
    cancelled: Cell<bool>,
    /// Its owner was cleaned up (a kept upload: the record stays).
    left: Cell<bool>,
    /// Its turn to send, while it has requests to make.
    slot: RefCell<Option<Slot>>,
    /// Its place in line while it waits for a turn.
    line: RefCell<Option<Place>>,
    /// Keeps it on the device, for `start_kept` and `resume_kept`.
    pub(super) keeper: RefCell<Option<Box<dyn Keep>>>,
    /// Aborts the request in flight when the upload is cancelled.
    pub(super) requests: Cancel,
    /// Ends the current wait early (pause, resume, cancel, `online`).
    wake: RefCell<Option<oneshot::Sender<()>>>,
    pub(super) session: Option<Session>,
    pub(super) progress: RwSignal<Progress>,
    pub(super) status: RwSignal<UploadStatus>,
}

impl Task {
    /// The task for `machine`'s upload of `file` (`metadata`: its
    /// `Upload-Metadata`), showing what happens in `signals`; it sends in
    /// `slot` if it has one, else waits for one.
    pub(super) fn new(
        machine: Upload,
        file: Blob,
        metadata: String,
        session: Option<Session>,
        signals: (RwSignal<Progress>, RwSignal<UploadStatus>),
        slot: Option<Slot>,
    ) -> Rc<Task> {
        Rc::new(Task {
            machine: RefCell::new(machine),
            file,
            metadata,
            id: RefCell::new(None),
            cancelled: Cell::new(false),
            left: Cell::new(false),
            slot: RefCell::new(slot),
            line: RefCell::new(None),
            keeper: RefCell::new(None),
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
        let last = loop {
            if self.left.get() {
                break Step::Paused;
            }
            let step = self.machine.borrow_mut().next_step();
            let sends = matches!(
                step,
                Step::Create { .. } | Step::Send(_) | Step::AskOffset { .. }
            );
            if !sends {
                self.give_turn_back();
            } else if !self.take_turn().await {
                continue; // poked while in line: paused, cancelled, left
            }
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
                            Some(false) => break step,
                            None => {} // cancelled or left meanwhile
                        },
                    }
                    continue;
                }
                Step::Done | Step::Cancelled | Step::Failed(_) => break step,
            };
            self.machine.borrow_mut().apply(reply);
            let progress = self.machine.borrow().progress(0);
            let _ = self.progress.try_set(progress);
            if let Some(keeper) = self.keeper.borrow().as_ref() {
                keeper.progress(&self, progress.sent);
            }
        };
        self.give_turn_back();
        if let Some(keeper) = self.keeper.borrow().as_ref() {
            keeper.ended(&self, &last);
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
                Either::Right((_, waiting)) if !self.stopped() => signed_in = waiting,
                Either::Right(_) => return None,
            }
        }
    }

    /// Waits for its turn to send (showing `Queued`) unless it has it:
    /// true once it has, false when poked meanwhile (it keeps its place).
    async fn take_turn(&self) -> bool {
        if self.slot.borrow().is_some() {
            return true;
        }
        let mut line = self.line.take().unwrap_or_else(Place::new);
        let mut turn = line.try_take();
        if turn.is_none() {
            self.show(UploadStatus::Queued);
            let poked;
            (turn, poked) = match select(&mut line, self.poked()).await {
                Either::Left((turn, _)) => (turn, false),
                Either::Right(_) => (None, true),
            };
            if poked {
                *self.line.borrow_mut() = Some(line);
            }
        }
        *self.slot.borrow_mut() = turn;
        self.slot.borrow().is_some()
    }

    /// Leaves its turn (and its place in line) to the next upload.
    fn give_turn_back(&self) {
        drop(self.slot.take());
        drop(self.line.take());
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
        if let Some(keeper) = self.keeper.borrow().as_ref() {
            keeper.forget();
        }
        self.machine.borrow_mut().cancel();
        self.requests.cancel();
        // Its request aborted: the next upload in line may go now.
        self.give_turn_back();
        self.poke();
    }

    /// Its owner was cleaned up: a kept upload stops here (the request in
    /// flight aborted, the server's upload and the record left as they
    /// are, for `resume_kept`); any other is cancelled.
    pub(super) fn owner_gone(&self) {
        match self.keeper.borrow().as_ref() {
            Some(keeper) => keeper.ended(self, &Step::Paused),
            None => return self.cancel(),
        }
        self.left.set(true);
        self.requests.cancel();
        self.give_turn_back();
        self.poke();
    }

    fn stopped(&self) -> bool {
        self.cancelled.get() || self.left.get()
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
