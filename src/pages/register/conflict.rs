//! A section changed on another device while this one held unsent changes:
//! the shared [`ConflictPanel`] with the section's fields.

use leptos::prelude::*;

use crate::components::conflict_panel::{ConflictPanel, ConflictRow};
use crate::domain::profile::{differences, Draft, Section};
use crate::i18n::profile_labels::field_label;

/// The conflict panel of one section.
#[component]
pub fn SectionConflict(
    /// The section that may be in conflict.
    section: Section,
    /// Given the saved version's values when the person takes it.
    on_take_theirs: Callback<Draft>,
) -> impl IntoView {
    let differing = Callback::new(move |(mine, theirs): (Draft, Draft)| {
        differences(section, &mine, &theirs)
            .into_iter()
            .map(|field| -> ConflictRow {
                let value = |draft: &Draft| draft.get(field).cloned().unwrap_or_default();
                (field_label(section, field), value(&mine), value(&theirs))
            })
            .collect::<Vec<_>>()
    });
    view! {
        <ConflictPanel
            resource=crate::draft_sync::Resource::Profile(section)
            differing=differing
            on_take_theirs=on_take_theirs
        />
    }
}
