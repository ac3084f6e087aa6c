//! What a kept upload's task writes on the device as it goes (its URL,
//! each confirmed offset, its id once done), and which kept uploads this
//! tab is sending now.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use super::record::{self, Change};
use crate::api::client::api_base;
use crate::api::upload::task::{Keep, Task};
use crate::domain::tus::Step;

/// What a kept upload's task writes on the device as it goes.
pub(super) struct Keeper {
    pub(super) key: String,
    pub(super) token: String,
    /// The URL and offset last written, so each is written once.
    written: RefCell<(Option<String>, u64)>,
}

impl Keeper {
    pub(super) fn new(key: String, token: String) -> Keeper {
        Keeper {
            key,
            token,
            written: RefCell::new((None, 0)),
        }
    }

    /// The URL and offset the record holds now.
    pub(super) fn noted(&self, url: Option<String>, sent: u64) {
        *self.written.borrow_mut() = (url, sent);
    }
}

impl Keep for Keeper {
    /// The URL (once created) and the confirmed offset are kept, when
    /// they changed.
    fn progress(&self, task: &Task, sent: u64) {
        let url = task
            .id
            .borrow()
            .as_ref()
            .map(|id| format!("{}/uploads/{id}", api_base()));
        if *self.written.borrow() == (url.clone(), sent) {
            return;
        }
        self.noted(url.clone(), sent);
        record::change(&self.key, &self.token, Change::Progress { url, sent });
    }

    fn forget(&self) {
        record::change(&self.key, &self.token, Change::Forget);
    }

    /// Done, its id is kept (the file goes); cancelled, what is kept
    /// goes; else it stays as it is. Either way this tab no longer sends it.
    fn ended(&self, task: &Task, last: &Step) {
        unregister(task);
        match last {
            Step::Done => {
                let upload_id = task.id.borrow().clone().unwrap_or_default();
                record::change(&self.key, &self.token, Change::Done { upload_id });
            }
            Step::Cancelled => self.forget(),
            _ => {}
        }
    }
}

thread_local! {
    /// The kept uploads this tab is sending, by their person's key.
    static LIVE: RefCell<Vec<(String, Weak<Task>)>> = const { RefCell::new(Vec::new()) };
}

/// `task` keeps what it does with `keeper`, and is found by its key.
pub(super) fn register(task: &Rc<Task>, keeper: Keeper) {
    let key = keeper.key.clone();
    *task.keeper.borrow_mut() = Some(Box::new(keeper));
    LIVE.with(|live| live.borrow_mut().push((key, Rc::downgrade(task))));
}

/// The task sending the upload kept under `person_key` in this tab.
pub(super) fn live(person_key: &str) -> Option<Rc<Task>> {
    LIVE.with(|live| {
        let mut live = live.borrow_mut();
        live.retain(|(_, task)| task.strong_count() > 0);
        live.iter()
            .find(|(key, _)| key == person_key)
            .and_then(|(_, task)| task.upgrade())
    })
}

/// `task` is no longer sending in this tab (ended, left, or forgotten).
pub(super) fn unregister(task: &Task) {
    LIVE.with(|live| {
        live.borrow_mut()
            .retain(|(_, other)| !std::ptr::eq(other.as_ptr(), task))
    });
}
