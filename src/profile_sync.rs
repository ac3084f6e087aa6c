//! The profile's drafts: the [draft sync](crate::draft_sync) for its four
//! sections, and which sections are complete (on the server, or in this
//! device's draft).
//!
//! ```ignore
//! let sync = use_profile_sync();
//! sync.edit(Section::Owner, draft);          // on every (debounced) change
//! spawn_local(async move { sync.push(Section::Owner).await; }); // on leaving the step
//! ```

use leptos::prelude::*;

use crate::api::supplier::{SavedSection, Sections};
use crate::domain::profile::{missing, Draft, Section};
use crate::draft_sync::{app_draft_sync, DraftSync};
pub use crate::draft_sync::{Record, SyncState};

/// The profile sync context.
#[derive(Clone, Copy)]
pub struct ProfileSync {
    drafts: DraftSync,
    /// Sections the server last said were complete (from the overview).
    complete_on_server: RwSignal<Vec<Section>>,
}

/// The context [`provide_profile_sync`] set up.
pub fn use_profile_sync() -> ProfileSync {
    expect_context::<ProfileSync>()
}

/// Provides the context (and the app's draft sync, unless already there).
pub fn provide_profile_sync() -> ProfileSync {
    let sync = ProfileSync {
        drafts: app_draft_sync(),
        complete_on_server: RwSignal::new(Vec::new()),
    };
    provide_context(sync);
    sync
}

impl ProfileSync {
    /// The draft sync the sections go through.
    pub fn drafts(self) -> DraftSync {
        self.drafts
    }

    /// The section as this device holds it (empty when nothing is stored).
    pub fn load(self, section: Section) -> Record {
        self.drafts.load(section)
    }

    /// Where the section's save stands (tracked).
    pub fn state(self, section: Section) -> SyncState {
        self.drafts.state(section)
    }

    /// Keeps what the person typed on this device.
    pub fn edit(self, section: Section, values: Draft) {
        self.drafts.edit(section, values);
    }

    /// Takes the server's copy read by the page, unless this device holds
    /// changes the server does not have. Returns what the page should show.
    pub fn adopt(self, section: Section, server: SavedSection) -> Record {
        self.drafts.adopt(section, server.values, server.etag)
    }

    /// Sends the section if it holds unsent changes; returns where it stands.
    pub async fn push(self, section: Section) -> SyncState {
        self.drafts.push(section).await
    }

    /// Resolves a conflict with the person's own values.
    pub async fn keep_mine(self, section: Section) -> SyncState {
        self.drafts.keep_mine(section).await
    }

    /// Resolves a conflict with the server's values; returns them to show.
    pub fn take_theirs(self, section: Section) -> Draft {
        self.drafts.take_theirs(section)
    }

    /// Marks the section as not changeable while the profile is verified.
    pub fn lock(self, section: Section) {
        self.drafts.lock(section);
    }

    /// Sends everything that has unsent changes, one after another.
    pub fn push_all(self) {
        self.drafts.push_all();
    }

    /// Remembers which sections the server's overview says are complete.
    pub fn note_sections(self, sections: &Sections) {
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
}
