//! Drafts on this device and how they reach the server, for every resource
//! the server versions with an `ETag` (profile sections now; products and
//! documents next).
//!
//! Each resource's [`Record`] lives in localStorage under the signed-in
//! person and their supplier (`rantai.u<user>.s<supplier>.profile.owner`),
//! or under the person alone while they have no supplier yet
//! (`rantai.u<user>.profile.owner`, joined to the supplier's once there is
//! one), so a reload, a killed tab, going offline, an expired session or a
//! role whose save has not come back loses nothing. [`DraftSync::push`]
//! sends a dirty record with `If-Match`. A push that cannot reach the
//! server leaves the record queued and is tried again when the browser is
//! back online, when the person signs in (again) or gets a supplier, and a
//! few seconds later while the page stays open. A 412 keeps the server's
//! version beside the person's ([`Record::theirs`]) until they choose;
//! nothing is overwritten silently. A save the server does not accept
//! (403, …) stays on the device and says so ([`SyncState::NotAccepted`]).
//!
//! Every decision is a pure function of [`crate::domain::draft_sync`]; this
//! module keeps the records and holds each resource's [`SyncState`] for the
//! page. What a push sends for each kind of resource, and how its answer is
//! read, is [`send`]: code of its own, fetched after the page, so that a
//! page that edits drafts draws without it. A push made before it arrives
//! stays queued, as one that could not reach the server.
//!
//! ```ignore
//! let drafts = app_draft_sync();
//! drafts.edit(Section::Owner, draft);          // on every (debounced) change
//! spawn_local(async move {                     // on leaving the step
//!     let state = drafts.push(Section::Owner).await;
//!     if state.lets_step_move_on() { /* next step */ }
//! });
//! ```

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::client::{browser_online, sleep_ms};
use crate::api::json;
use crate::api::FieldError;
use crate::app_wide::app_wide;
use crate::device_store;
use crate::domain::draft_sync::{self as decide, draft_name, parse_draft_name};
pub use crate::domain::draft_sync::{ProductSlot, Record, Resource, State};
use crate::domain::profile::Draft;
use crate::i18n::Key;
use crate::session::{use_session, Session, SessionState};

mod send;
pub use send::send;

/// Where a resource's save stands; a refusal carries the server's field errors.
pub type SyncState = State<Vec<FieldError>>;

impl<E> State<E> {
    /// The line under a page's heading that says where its save stands.
    pub fn message_key(&self) -> Key {
        match self {
            State::Saved => Key::SaveStateSaved,
            State::OnDevice => Key::SaveStateOnDevice,
            State::Saving => Key::SaveStateSaving,
            State::Queued => Key::SaveStateQueued,
            State::Conflict => Key::SaveStateConflict,
            State::Refused(_) => Key::SaveStateRefused,
            State::Locked => Key::SaveStateLocked,
            State::NotAccepted => Key::SaveStateNotAccepted,
        }
    }

    /// Why submitting cannot go ahead after a save ended in this state
    /// (`None`: saved).
    pub fn submit_problem(&self) -> Option<Key> {
        match self {
            State::Saved => None,
            State::Conflict => Some(Key::SubmitConflict),
            State::Refused(_) => Some(Key::SubmitRefused),
            State::NotAccepted => Some(Key::SubmitNotAccepted),
            _ => Some(Key::SubmitNotSent),
        }
    }
}

/// The draft sync context.
#[derive(Clone, Copy)]
pub struct DraftSync {
    session: Session,
    states: RwSignal<HashMap<Resource, SyncState>>,
    /// Resources with a save on its way: a second push waits for it, so two
    /// saves of one resource never race each other's `If-Match`.
    sending: StoredValue<Vec<Resource>>,
    /// The products new drafts became, in order: the draft for a new
    /// product in use after `n` creates became `created[n]`.
    created: RwSignal<Vec<i64>>,
}

/// The context [`provide_draft_sync`] set up.
pub fn use_draft_sync() -> DraftSync {
    expect_context::<DraftSync>()
}

/// The app's draft sync: the one on the app's owner, provided there the
/// first time it is asked for, so that it outlives the page that asked (a
/// queued save is sent when the connection returns, wherever the person is
/// by then).
pub fn app_draft_sync() -> DraftSync {
    app_wide(use_context::<DraftSync>, provide_draft_sync)
}

/// Provides the context, and sends what is unsent when the browser comes
/// back online, when the person signs in (again) and when they get a
/// supplier. The sending code is fetched once the page is shown.
fn provide_draft_sync() -> DraftSync {
    let sync = DraftSync {
        session: use_session(),
        states: RwSignal::new(HashMap::new()),
        sending: StoredValue::new(Vec::new()),
        created: RwSignal::new(Vec::new()),
    };
    provide_context(sync);
    let handle = window_event_listener(leptos::ev::online, move |_| sync.push_all());
    on_cleanup(move || handle.remove());
    Effect::new(move |was: Option<(SessionState, Option<i64>)>| {
        let supplier = sync
            .session
            .me
            .with(|me| me.as_ref().and_then(|me| me.supplier_id));
        let now = (sync.session.state.get(), supplier);
        if now.0 == SessionState::SignedIn && was != Some(now) {
            sync.push_all();
        }
        now
    });
    crate::lazy::prefetch_sending();
    sync
}

fn read(key: &str) -> Option<Record> {
    device_store::get(key).and_then(|text| json::parse(&text))
}

fn write(key: &str, record: &Record) -> bool {
    json::to_string(record).is_some_and(|text| device_store::set(key, &text))
}

/// Moves the draft kept under the person to their supplier's key
/// ([`decide::join_person_draft`]); the person's copy is removed only once
/// the supplier's is written.
fn join_person_draft(person_key: &str, supplier_key: &str) {
    let Some(person) = read(person_key) else {
        return;
    };
    let written = match decide::join_person_draft(person, read(supplier_key)) {
        Some(joined) => write(supplier_key, &joined),
        None => true,
    };
    if written {
        device_store::remove(person_key);
    }
}

impl DraftSync {
    /// The storage key of `resource`'s draft: under the person's supplier,
    /// or under the person while they have none. A draft kept under the
    /// person joins the supplier's as soon as there is a supplier.
    fn key(self, resource: Resource) -> Option<String> {
        let supplier = self
            .session
            .me
            .try_with_untracked(|me| me.as_ref().map(|me| me.supplier_id))
            .flatten()?;
        if supplier.is_some() {
            let person = self.session.draft_key(&draft_name(None, resource))?;
            let key = self.session.draft_key(&draft_name(supplier, resource))?;
            join_person_draft(&person, &key);
            return Some(key);
        }
        self.session.draft_key(&draft_name(None, resource))
    }

    /// The resource as this device holds it (empty when nothing is stored).
    pub fn load(self, resource: impl Into<Resource>) -> Record {
        self.key(resource.into())
            .and_then(|key| read(&key))
            .unwrap_or_default()
    }

    /// Writes `record` unless it is what the device already holds; false
    /// when it could not be written (storage full, no one signed in).
    fn replace(self, resource: Resource, before: &Record, record: &Record) -> bool {
        record == before || self.key(resource).is_some_and(|key| write(&key, record))
    }

    /// Where the resource's save stands (tracked); before anything was
    /// sent or typed in this page's life, as the device holds it.
    pub fn state(self, resource: impl Into<Resource>) -> SyncState {
        let resource = resource.into();
        self.states
            .try_with(|states| states.get(&resource).cloned())
            .flatten()
            .unwrap_or_else(|| decide::as_kept(&self.load(resource)))
    }

    fn state_untracked(self, resource: Resource) -> SyncState {
        untrack(|| self.state(resource))
    }

    fn set_state(self, resource: Resource, state: SyncState) {
        self.states.try_update(|states| {
            states.insert(resource, state);
        });
    }

    /// Keeps what the person typed on this device.
    pub fn edit(self, resource: impl Into<Resource>, values: Draft) {
        let resource = resource.into();
        let before = self.load(resource);
        let now_ms = js_sys::Date::now() as u64;
        if let Some(record) = decide::edit(before.clone(), values, now_ms) {
            self.replace(resource, &before, &record);
            let state = self.state_untracked(resource).after_edit();
            self.set_state(resource, state);
        }
    }

    /// Takes the server's copy (`values` at `etag`) read by the page, unless
    /// this device holds changes the server does not have. Returns what the
    /// page should show.
    pub fn adopt(self, resource: impl Into<Resource>, values: Draft, etag: String) -> Record {
        let resource = resource.into();
        let before = self.load(resource);
        let (record, taken) = decide::adopt(before.clone(), values, etag);
        self.replace(resource, &before, &record);
        if taken {
            self.set_state(resource, State::Saved);
        }
        record
    }

    /// Sends the resource if it holds unsent changes; returns where it
    /// stands. Values this device knows to be invalid stay on the device and
    /// the server keeps its own for them.
    pub async fn push(self, resource: impl Into<Resource>) -> SyncState {
        let resource = resource.into();
        // `try_`: the sync may go with the app while a push waits.
        while self
            .sending
            .try_with_value(|sending| sending.contains(&resource))
            .unwrap_or(false)
        {
            sleep_ms(100).await;
        }
        self.sending
            .try_update_value(|sending| sending.push(resource));
        let state = match crate::lazy::send_draft(self, resource).await {
            Ok(sending) => sending.await,
            Err(_) => self.code_not_here(resource),
        };
        self.sending
            .try_update_value(|sending| sending.retain(|r| *r != resource));
        state
    }

    /// A push whose sending code did not arrive (a dropped connection):
    /// what is unsent stays on the device, queued, and is tried again in a
    /// few seconds.
    fn code_not_here(self, resource: Resource) -> SyncState {
        match decide::not_sent(&self.load(resource)) {
            Some(state) => {
                self.set_state(resource, state.clone());
                if state == State::Queued {
                    self.push_soon(resource);
                }
                state
            }
            None => self.state_untracked(resource),
        }
    }

    /// Pushes `resource` again in a few seconds, once the browser is online,
    /// if it is still queued then.
    fn push_soon(self, resource: Resource) {
        spawn_local(async move {
            loop {
                sleep_ms(5_000).await;
                if self.state_untracked(resource) != State::Queued {
                    return;
                }
                if browser_online() {
                    self.push(resource).await;
                    return;
                }
            }
        });
    }

    /// Which draft for a new product is in use now: pass it to
    /// [`DraftSync::became`] later to learn which product it became.
    pub fn new_product_generation(self) -> usize {
        self.created.with_untracked(Vec::len)
    }

    /// The product that the draft for a new product in use at `generation`
    /// became, once created (tracked).
    pub fn became(self, generation: usize) -> Option<i64> {
        self.created
            .with(|created| created.get(generation).copied())
    }

    /// Drops the resource's draft from this device (a product deleted, a
    /// new one discarded).
    pub fn forget(self, resource: impl Into<Resource>) {
        let resource = resource.into();
        if let Some(key) = self.key(resource) {
            device_store::remove(&key);
        }
        self.states.update(|states| {
            states.remove(&resource);
        });
    }

    /// Resolves a conflict with the person's own values: they are sent over
    /// the server's newer version.
    pub async fn keep_mine(self, resource: impl Into<Resource>) -> SyncState {
        let resource = resource.into();
        let before = self.load(resource);
        self.replace(resource, &before, &decide::keep_mine(before.clone()));
        self.push(resource).await
    }

    /// Resolves a conflict with the server's values; returns them to show.
    pub fn take_theirs(self, resource: impl Into<Resource>) -> Draft {
        let resource = resource.into();
        let before = self.load(resource);
        let record = decide::take_theirs(before.clone());
        self.replace(resource, &before, &record);
        self.set_state(resource, State::Saved);
        record.values
    }

    /// Marks the resource as not changeable (the profile is being verified).
    pub fn lock(self, resource: impl Into<Resource>) {
        self.set_state(resource.into(), State::Locked);
    }

    /// The resources with a draft on this device that are the person's now:
    /// their supplier's, and those kept under the person alone.
    fn on_device(self) -> Vec<Resource> {
        let Some(prefix) = self.session.draft_key("") else {
            return Vec::new();
        };
        let supplier = self
            .session
            .me
            .with_untracked(|me| me.as_ref().and_then(|me| me.supplier_id));
        let mut found = Vec::new();
        for key in device_store::keys_starting_with(&prefix) {
            let parsed = key.strip_prefix(&prefix).and_then(parse_draft_name);
            if let Some((holder, resource)) = parsed {
                if (holder.is_none() || holder == supplier) && !found.contains(&resource) {
                    found.push(resource);
                }
            }
        }
        found
    }

    /// Sends every resource that has unsent changes, one after another.
    pub fn push_all(self) {
        if self.session.state.get_untracked() != SessionState::SignedIn {
            return;
        }
        spawn_local(async move {
            for resource in self.on_device() {
                let record = self.load(resource);
                let unsent = record.dirty || record.create.is_some();
                if unsent && decide::sends_by_itself(resource, &record) {
                    self.push(resource).await;
                }
            }
        });
    }
}
