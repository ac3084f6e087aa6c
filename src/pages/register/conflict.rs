//! A section changed on another device while this one held unsent changes:
//! both versions side by side, field by field, and the person chooses.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::profile::{differences, Draft, Section};
use crate::i18n::profile_labels::field_label;
use crate::i18n::{tr, Key};
use crate::profile_sync::{use_profile_sync, SyncState};

/// The conflict panel; renders nothing unless the section is in conflict.
#[component]
pub fn ConflictPanel(
    /// The section that may be in conflict.
    section: Section,
    /// Given the saved version's values when the person takes it, to show
    /// them in the form.
    on_take_theirs: Callback<Draft>,
) -> impl IntoView {
    let sync = use_profile_sync();
    let rows = move || {
        let record = sync.load(section);
        let theirs = record.theirs.map(|(values, _)| values).unwrap_or_default();
        differences(section, &record.values, &theirs)
            .into_iter()
            .map(|field| {
                let mine = record.values.get(field).cloned().unwrap_or_default();
                let other = theirs.get(field).cloned().unwrap_or_default();
                view! {
                    <tr>
                        <th scope="row">{tr(field_label(section, field))}</th>
                        <td>{mine}</td>
                        <td>{other}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let keep_mine = move |_| {
        spawn_local(async move {
            sync.keep_mine(section).await;
        });
    };
    let take_theirs = move |_| on_take_theirs.run(sync.take_theirs(section));
    view! {
        <Show when=move || sync.state(section) == SyncState::Conflict>
            <section class="notice notice--warning" aria-labelledby="conflict-title">
                <h2 id="conflict-title">{tr(Key::ConflictTitle)}</h2>
                <p>{tr(Key::ConflictIntro)}</p>
                <div class="table-scroll">
                    <table class="table">
                        <thead>
                            <tr>
                                <th scope="col">{tr(Key::ConflictField)}</th>
                                <th scope="col">{tr(Key::ConflictMine)}</th>
                                <th scope="col">{tr(Key::ConflictTheirs)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <div class="button-row">
                    <button class="button" type="button" on:click=keep_mine>
                        {tr(Key::ConflictKeepMine)}
                    </button>
                    <button class="button button--secondary" type="button" on:click=take_theirs>
                        {tr(Key::ConflictTakeTheirs)}
                    </button>
                </div>
            </section>
        </Show>
    }
}
