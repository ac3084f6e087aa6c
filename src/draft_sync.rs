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
//! module keeps the records, calls the API and holds each resource's
//! [`SyncState`] for the page.
//!
//! ```ignore
//! let drafts = use_draft_sync();
//! drafts.edit(Section::Owner, draft);          // on every (debounced) change
//! spawn_local(async move {                     // on leaving the step
//!     let state = drafts.push(Section::Owner).await;
//!     if state.lets_step_move_on() { /* next step */ }
//! });
//! ```

use std::collections::HashMap;
use std::rc::Rc;

use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::client::{browser_online, sleep_ms};
use crate::api::idempotency;
use crate::api::json;
use crate::api::{ApiError, FieldError};
use crate::device_store;
use crate::domain::draft_sync::{self as decide, draft_name, parse_draft_name, Answer, Push};
pub use crate::domain::draft_sync::{ProductSlot, Record, Resource, Rules, State};
use crate::domain::profile::Draft;
use crate::i18n::Key;
use crate::session::{use_session, with_sign_in_again, Session, SessionState};

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
    /// The kinds of resource the areas opened so far know how to save.
    kinds: StoredValue<Vec<Rc<dyn Kind>>, LocalStorage>,
}

/// What the draft sync needs of one kind of resource (profile sections,
/// products): its rules and how to save it. The area that edits it gives it
/// ([`DraftSync::know`]), so each area's code stays in that area's chunk. A
/// draft of a kind not known yet stays on the device until its area opens.
pub trait Kind {
    /// True for the resources of this kind.
    fn has(&self, resource: Resource) -> bool;
    /// The rules of the sync's decisions for `resource`.
    fn rules(&self, resource: Resource) -> Box<dyn Rules>;
    /// Sends `values`; the resource as the server then has it.
    fn save(
        &self,
        resource: Resource,
        values: Draft,
        send: Send,
    ) -> LocalBoxFuture<'static, Result<Stored, ApiError>>;
    /// The server's values in a 412's body.
    fn stale(&self, resource: Resource, body: &str) -> Option<Draft>;
}

/// The context [`provide_draft_sync`] set up.
pub fn use_draft_sync() -> DraftSync {
    expect_context::<DraftSync>()
}

/// Provides the context, and sends what is unsent when the browser comes
/// back online, when the person signs in (again) and when they get a
/// supplier.
pub fn provide_draft_sync() -> DraftSync {
    let sync = DraftSync {
        session: use_session(),
        states: RwSignal::new(HashMap::new()),
        sending: StoredValue::new(Vec::new()),
        created: RwSignal::new(Vec::new()),
        kinds: StoredValue::new_local(Vec::new()),
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

/// How a save goes: over a version (`If-Match`), or as a create under an
/// `Idempotency-Key`.
#[derive(Clone, Debug)]
pub enum Send {
    /// Replace the server's version `if_match`.
    Save {
        /// The version the values started from.
        if_match: String,
    },
    /// Create it; a repeat with `key` returns the first result.
    Create {
        /// The `Idempotency-Key`.
        key: String,
    },
}

/// The resource as the server has it after a save.
pub struct Stored {
    /// Its values, as the form shows them.
    pub values: Draft,
    /// Their `ETag`.
    pub etag: String,
    /// The id of a product the save created.
    pub created: Option<i64>,
}

/// How the sync reads the API's answer to a save of `resource`.
fn answer(
    kind: &dyn Kind,
    resource: Resource,
    result: Result<Stored, ApiError>,
) -> Answer<Vec<FieldError>> {
    match result {
        Ok(saved) => Answer::Saved {
            values: saved.values,
            etag: saved.etag,
        },
        Err(ApiError::PreconditionFailed { current, etag }) => Answer::Stale {
            current: current
                .and_then(|body| kind.stale(resource, &body))
                .unwrap_or_default(),
            etag: etag.unwrap_or_default(),
        },
        Err(ApiError::Validation(problem)) => Answer::Invalid(problem.errors),
        Err(ApiError::Conflict(_)) => Answer::Locked,
        Err(error) if error.is_transient() => Answer::TryLater,
        // Not sent, or sent again once the same person has signed in again.
        Err(ApiError::Offline | ApiError::Cancelled | ApiError::Unauthorized) => Answer::TryLater,
        // A success whose body could not be read: the save most likely went
        // through, and sending it again says so (a 412 with these values).
        Err(ApiError::Unexpected { status: 0 }) => Answer::TryLater,
        Err(_) => Answer::NotAccepted,
    }
}

impl DraftSync {
    /// Learns how to save a kind of resource (an area does this when it
    /// opens), and sends what the device holds of it.
    pub fn know(self, kind: Rc<dyn Kind>) {
        self.kinds.update_value(|kinds| kinds.push(kind));
        self.push_all();
    }

    /// The kind `resource` is of, if its area has told.
    fn kind(self, resource: Resource) -> Option<Rc<dyn Kind>> {
        self.kinds
            .with_value(|kinds| kinds.iter().find(|kind| kind.has(resource)).cloned())
    }

    /// The storage key of `resource`'s draft: under the person's supplier,
    /// or under the person while they have none. A draft kept under the
    /// person joins the supplier's as soon as there is a supplier.
    fn key(self, resource: Resource) -> Option<String> {
        let supplier = self
            .session
            .me
            .with_untracked(|me| me.as_ref().map(|me| me.supplier_id))?;
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

    /// Where the resource's save stands (tracked).
    pub fn state(self, resource: impl Into<Resource>) -> SyncState {
        let resource = resource.into();
        self.states
            .with(|states| states.get(&resource).cloned())
            .unwrap_or_default()
    }

    fn state_untracked(self, resource: Resource) -> SyncState {
        untrack(|| self.state(resource))
    }

    fn set_state(self, resource: Resource, state: SyncState) {
        self.states.update(|states| {
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
        while self
            .sending
            .with_value(|sending| sending.contains(&resource))
        {
            sleep_ms(100).await;
        }
        self.sending.update_value(|sending| sending.push(resource));
        let state = self.push_now(resource).await;
        self.sending
            .update_value(|sending| sending.retain(|r| *r != resource));
        state
    }

    async fn push_now(self, resource: Resource) -> SyncState {
        let Some(kind) = self.kind(resource) else {
            // Its area has not opened: kept on the device until it does.
            return self.state_untracked(resource);
        };
        let rules = kind.rules(resource);
        let mut record = self.load(resource);
        let (sent, send) = match decide::push_plan(&*rules, &record) {
            Push::Nothing => return self.state_untracked(resource),
            Push::Conflict => {
                self.set_state(resource, State::Conflict);
                return State::Conflict;
            }
            Push::Save { values, if_match } => (values, Send::Save { if_match }),
            Push::Create {
                values,
                key: Some(key),
            } => (values, Send::Create { key }),
            Push::Create { values, key: None } => {
                // The key is kept before the create leaves, so a retry after
                // a lost answer carries it.
                let key = idempotency::new_key();
                let before = record.clone();
                record.create = Some((key.clone(), values.clone()));
                if !self.replace(resource, &before, &record) {
                    // Sent without its key kept, a lost answer could make a
                    // second product: it waits, kept as typed.
                    self.set_state(resource, State::Queued);
                    return State::Queued;
                }
                (values, Send::Create { key })
            }
        };
        // A create sends what its key was first used for, maybe older than
        // what is typed now; what was typed since is an edit after it.
        let typed = match &send {
            Send::Create { .. } => sent.clone(),
            Send::Save { .. } => record.values.clone(),
        };
        self.set_state(resource, State::Saving);
        let result = with_sign_in_again(self.session, || {
            kind.save(resource, sent.clone(), send.clone())
        })
        .await;
        let created = result.as_ref().ok().and_then(|stored| stored.created);
        let now = self.load(resource);
        let answer = answer(&*kind, resource, result);
        let (settled, state) = decide::settle(&*rules, now.clone(), &typed, &sent, answer);
        let resource = match (resource, created) {
            (Resource::Product(ProductSlot::New), Some(id)) => {
                self.move_created(id, &settled);
                Resource::Product(ProductSlot::Saved(id))
            }
            _ => {
                self.replace(resource, &now, &settled);
                resource
            }
        };
        self.set_state(resource, state.clone());
        let by_itself = decide::sends_by_itself(resource, &settled);
        if state == State::Queued && browser_online() && by_itself {
            // The server was unreachable though the device is online: try
            // again shortly rather than waiting for an `online` event.
            spawn_local(async move {
                sleep_ms(5_000).await;
                if self.state_untracked(resource) == State::Queued {
                    self.push(resource).await;
                }
            });
        }
        state
    }

    /// A new product the server created as `id`: its draft becomes that
    /// product's (and what was typed while the create was away is sent
    /// after it), the slot for a new one is empty again, and
    /// [`DraftSync::became`] says which product it became.
    fn move_created(self, id: i64, settled: &Record) {
        let saved = Resource::Product(ProductSlot::Saved(id));
        if let Some(key) = self.key(saved) {
            if write(&key, settled) {
                self.forget(Resource::Product(ProductSlot::New));
            }
        }
        self.set_state(Resource::Product(ProductSlot::New), State::Saved);
        self.created.update(|created| created.push(id));
        if settled.dirty {
            spawn_local(async move {
                self.push(saved).await;
            });
        }
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
                if unsent
                    && decide::sends_by_itself(resource, &record)
                    && self.kind(resource).is_some()
                {
                    self.push(resource).await;
                }
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Problem;
    use crate::domain::profile::Section;
    use crate::profile_sync::ProfileKind;

    const BANK: Resource = Resource::Profile(Section::Bank);

    fn read_as(error: ApiError) -> Answer<Vec<FieldError>> {
        answer(&ProfileKind, BANK, Err(error))
    }

    #[test]
    fn a_412_carries_the_server_s_values_as_the_form_shows_them() {
        let stale = ApiError::PreconditionFailed {
            current: Some(r#"{"bank_code":"014","account_number":"0123456789"}"#.into()),
            etag: Some("\"6\"".into()),
        };
        let expected: Draft = [("bank_code", "014"), ("account_number", "0123456789")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        assert_eq!(
            read_as(stale),
            Answer::Stale {
                current: expected,
                etag: "\"6\"".into()
            }
        );
    }

    #[test]
    fn only_failures_that_may_pass_later_are_queued() {
        let later = [
            ApiError::Offline,
            ApiError::Network,
            ApiError::Timeout,
            ApiError::Cancelled,
            ApiError::Unauthorized,
            ApiError::from_response(429, None, ""),
            ApiError::from_response(503, None, ""),
            ApiError::Unexpected { status: 0 },
        ];
        for error in later {
            assert_eq!(read_as(error.clone()), Answer::TryLater, "{error:?}");
        }
        for status in [403, 404, 428, 501] {
            let error = ApiError::from_response(status, None, "");
            assert_eq!(read_as(error), Answer::NotAccepted, "{status}");
        }
        assert_eq!(read_as(ApiError::Conflict(None)), Answer::Locked);
        assert_eq!(
            read_as(ApiError::Validation(Problem::default())),
            Answer::Invalid(Vec::new())
        );
    }

    #[test]
    fn a_save_not_accepted_is_never_shown_as_saved_or_sent_later() {
        let state = SyncState::NotAccepted;
        assert_eq!(state.message_key(), Key::SaveStateNotAccepted);
        assert_eq!(state.submit_problem(), Some(Key::SubmitNotAccepted));
        assert!(!state.lets_step_move_on());
        assert_eq!(SyncState::Saved.submit_problem(), None);
    }
}
