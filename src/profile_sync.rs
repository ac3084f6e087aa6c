//! The profile drafts on this device and how they reach the server.
//!
//! Each section's [`Record`] lives in localStorage under the signed-in
//! person's and supplier's key, so a reload, a killed tab, going offline or
//! an expired session loses nothing. The wizard writes what is typed into
//! the record; [`ProfileSync::push`] sends a dirty record with `If-Match`.
//! A push that cannot reach the server leaves the record queued and is
//! tried again when the browser is back online, when the person signs in
//! again, and a few seconds later while the page stays open. A 412 keeps
//! the server's version beside the person's ([`Record::theirs`]) until they
//! choose; nothing is overwritten silently.
//!
//! ```ignore
//! let sync = use_profile_sync();
//! sync.edit(Section::Owner, draft);          // on every (debounced) change
//! spawn_local(async move { sync.push(Section::Owner).await; }); // on leaving the step
//! ```

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};

use crate::api::supplier::{self, draft_from_wire, Overview, SavedSection};
use crate::api::{ApiError, FieldError};
use crate::device_store;
use crate::domain::profile::{check_value, differences, missing, Draft, Section};
use crate::session::{use_session, with_sign_in_again, Session, SessionState};

/// One section as this device holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// What the person typed.
    pub values: Draft,
    /// The server version `values` started from (empty: not read yet).
    pub etag: String,
    /// The server's values at `etag`.
    pub base: Draft,
    /// `values` hold changes the server does not have yet.
    pub dirty: bool,
    /// A newer server version that differs from `values`, and its `ETag`:
    /// changed on another device, waiting for the person to choose.
    pub theirs: Option<(Draft, String)>,
}

/// Where a section's save stands, as the page tells the person.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SyncState {
    /// Nothing to send: the server has what is shown.
    #[default]
    Saved,
    /// Kept on this device; not sent yet.
    OnDevice,
    /// Being sent.
    Saving,
    /// Could not reach the server; sent when the connection returns.
    Queued,
    /// Changed on another device: the person chooses a version.
    Conflict,
    /// The server refused some values; `errors` says which.
    Refused(Vec<FieldError>),
    /// The profile is being verified and cannot change now.
    Locked,
}

/// The profile sync context.
#[derive(Clone, Copy)]
pub struct ProfileSync {
    session: Session,
    states: RwSignal<HashMap<Section, SyncState>>,
    /// Sections the server last said were complete (from the overview).
    complete_on_server: RwSignal<Vec<Section>>,
    /// Sections with a save on its way: a second push waits for it, so two
    /// saves of one section never race each other's `If-Match`.
    sending: StoredValue<Vec<Section>>,
}

/// The context [`provide_profile_sync`] set up.
pub fn use_profile_sync() -> ProfileSync {
    expect_context::<ProfileSync>()
}

/// Provides the context and sends queued sections when the browser comes
/// back online and when the person signs in (again).
pub fn provide_profile_sync() -> ProfileSync {
    let sync = ProfileSync {
        session: use_session(),
        states: RwSignal::new(HashMap::new()),
        sending: StoredValue::new(Vec::new()),
        complete_on_server: RwSignal::new(Vec::new()),
    };
    provide_context(sync);
    let handle = window_event_listener(leptos::ev::online, move |_| sync.push_all());
    on_cleanup(move || handle.remove());
    Effect::new(move |was: Option<SessionState>| {
        let now = sync.session.state.get();
        if now == SessionState::SignedIn && was != Some(SessionState::SignedIn) {
            sync.push_all();
        }
        now
    });
    sync
}

impl ProfileSync {
    fn key(self, section: Section) -> Option<String> {
        let me = self.session.me.get_untracked()?;
        let supplier = me.supplier_id?;
        self.session
            .draft_key(&format!("s{supplier}.profile.{}", section.slug()))
    }

    /// The section as this device holds it (empty when nothing is stored).
    pub fn load(self, section: Section) -> Record {
        self.key(section)
            .and_then(|key| device_store::get(&key))
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default()
    }

    fn store(self, section: Section, record: &Record) {
        if let (Some(key), Ok(json)) = (self.key(section), serde_json::to_string(record)) {
            device_store::set(&key, &json);
        }
    }

    /// Where the section's save stands (tracked).
    pub fn state(self, section: Section) -> SyncState {
        self.states
            .with(|states| states.get(&section).cloned())
            .unwrap_or_default()
    }

    fn set_state(self, section: Section, state: SyncState) {
        self.states.update(|states| {
            states.insert(section, state);
        });
    }

    /// Keeps what the person typed on this device.
    pub fn edit(self, section: Section, values: Draft) {
        let mut record = self.load(section);
        if record.values == values {
            return;
        }
        record.values = values;
        record.dirty = true;
        self.store(section, &record);
        if !matches!(self.state(section), SyncState::Conflict | SyncState::Locked) {
            self.set_state(section, SyncState::OnDevice);
        }
    }

    /// Takes the server's copy read by the page, unless this device holds
    /// changes the server does not have. Returns what the page should show.
    pub fn adopt(self, section: Section, server: SavedSection) -> Record {
        let mut record = self.load(section);
        if record.dirty || record.theirs.is_some() {
            if record.etag.is_empty() {
                // Typed before the first read: compare with what the server has.
                record.etag = server.etag;
                record.base = server.values;
                self.store(section, &record);
            }
            return record;
        }
        record = Record {
            values: server.values.clone(),
            etag: server.etag,
            base: server.values,
            dirty: false,
            theirs: None,
        };
        self.store(section, &record);
        self.set_state(section, SyncState::Saved);
        record
    }

    /// Sends the section if it holds unsent changes; returns where it stands.
    /// Values this device knows to be invalid stay on the device and the
    /// server keeps its own for them.
    pub async fn push(self, section: Section) -> SyncState {
        while self
            .sending
            .with_value(|sending| sending.contains(&section))
        {
            crate::api::client::sleep_ms(100).await;
        }
        self.sending.update_value(|sending| sending.push(section));
        let state = self.push_now(section).await;
        self.sending
            .update_value(|sending| sending.retain(|s| *s != section));
        state
    }

    async fn push_now(self, section: Section) -> SyncState {
        let record = self.load(section);
        if record.theirs.is_some() {
            self.set_state(section, SyncState::Conflict);
            return SyncState::Conflict;
        }
        if !record.dirty {
            return self.state(section);
        }
        let etag = if record.etag.is_empty() {
            "\"0\"".to_owned()
        } else {
            record.etag.clone()
        };
        let mut sent = record.values.clone();
        for field in section.fields() {
            let typed = sent.get(field.name).cloned().unwrap_or_default();
            if check_value(field.kind, &typed, &|_| true).is_err() {
                match record.base.get(field.name) {
                    Some(kept) => sent.insert(field.name.to_owned(), kept.clone()),
                    None => sent.remove(field.name),
                };
            }
        }
        self.set_state(section, SyncState::Saving);
        let result = with_sign_in_again(self.session, || {
            supplier::save_section(section, &sent, &etag)
        })
        .await;
        let state = self.settle(section, &record.values, &sent, result);
        self.set_state(section, state.clone());
        if state == SyncState::Queued && crate::api::client::browser_online() {
            // The server was unreachable though the device is online: try
            // again shortly rather than waiting for an `online` event.
            spawn_local(async move {
                crate::api::client::sleep_ms(5_000).await;
                if self.state(section) == SyncState::Queued {
                    self.push(section).await;
                }
            });
        }
        state
    }

    fn settle(
        self,
        section: Section,
        typed: &Draft,
        sent: &Draft,
        result: Result<SavedSection, ApiError>,
    ) -> SyncState {
        let mut record = self.load(section);
        match result {
            Ok(saved) => {
                record.etag = saved.etag;
                record.base = saved.values;
                // Still dirty if typed again meanwhile, or if invalid values stayed here.
                record.dirty = record.values != *typed || typed != sent;
                self.store(section, &record);
                if record.dirty {
                    SyncState::OnDevice
                } else {
                    SyncState::Saved
                }
            }
            Err(ApiError::PreconditionFailed { current, etag }) => {
                let theirs = current
                    .and_then(|body| serde_json::from_str(&body).ok())
                    .map(|body| draft_from_wire(section, &body))
                    .unwrap_or_default();
                let etag = etag.unwrap_or_default();
                if differences(section, sent, &theirs).is_empty() {
                    // Our own earlier save, whose answer was lost: nothing to choose.
                    record.etag = etag;
                    record.base = theirs;
                    record.dirty = record.values != *sent;
                    self.store(section, &record);
                    return if record.dirty {
                        SyncState::OnDevice
                    } else {
                        SyncState::Saved
                    };
                }
                record.theirs = Some((theirs, etag));
                self.store(section, &record);
                SyncState::Conflict
            }
            Err(ApiError::Validation(problem)) => SyncState::Refused(problem.errors),
            Err(ApiError::Conflict(_)) => SyncState::Locked,
            Err(_) => SyncState::Queued,
        }
    }

    /// Resolves a conflict with the person's own values: they are sent over
    /// the server's newer version.
    pub async fn keep_mine(self, section: Section) -> SyncState {
        let mut record = self.load(section);
        if let Some((theirs, etag)) = record.theirs.take() {
            record.base = theirs;
            record.etag = etag;
            record.dirty = true;
            self.store(section, &record);
        }
        self.push(section).await
    }

    /// Resolves a conflict with the server's values; returns them to show.
    pub fn take_theirs(self, section: Section) -> Draft {
        let mut record = self.load(section);
        if let Some((theirs, etag)) = record.theirs.take() {
            record = Record {
                values: theirs.clone(),
                etag,
                base: theirs,
                dirty: false,
                theirs: None,
            };
            self.store(section, &record);
        }
        self.set_state(section, SyncState::Saved);
        record.values
    }

    /// Remembers which sections the server's overview says are complete.
    pub fn note_overview(self, overview: &Overview) {
        let sections = &overview.sections;
        let complete = [
            sections.business.complete,
            sections.owner.complete,
            sections.address.complete,
            sections.bank.complete,
        ];
        self.complete_on_server.set(
            Section::ALL
                .into_iter()
                .zip(complete)
                .filter_map(|(section, done)| done.then_some(section))
                .collect(),
        );
    }

    /// True when the section has every answer it needs, here or on the
    /// server (tracked).
    pub fn is_complete(self, section: Section) -> bool {
        self.complete_on_server.with(|done| done.contains(&section))
            || missing(section, &self.load(section).values).is_empty()
    }

    /// Marks the section as not changeable while the profile is verified.
    pub fn lock(self, section: Section) {
        self.set_state(section, SyncState::Locked);
    }

    /// Sends every section that has unsent changes, one after another.
    pub fn push_all(self) {
        if self.session.state.get_untracked() != SessionState::SignedIn {
            return;
        }
        spawn_local(async move {
            for section in Section::ALL {
                if self.load(section).dirty {
                    self.push(section).await;
                }
            }
        });
    }
}
