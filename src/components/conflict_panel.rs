//! A draft changed on another device while this one held unsent changes
//! (a 412): both versions side by side, field by field, and the person
//! chooses. Any resource of the [draft sync](crate::draft_sync): a wizard
//! section, a product.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::profile::Draft;
use crate::draft_sync::{use_draft_sync, Resource, SyncState};
use crate::i18n::{tr, Key};

/// One field that differs: its label, this device's value, the server's.
pub type ConflictRow = (Key, String, String);

/// The conflict panel; renders nothing unless `resource` is in conflict.
#[component]
pub fn ConflictPanel(
    /// The resource that may be in conflict.
    #[prop(into)]
    resource: Signal<Resource>,
    /// The fields that differ between this device's values and the
    /// server's, as rows to show.
    differing: Callback<(Draft, Draft), Vec<ConflictRow>>,
    /// Given the saved version's values when the person takes it, to show
    /// them in the form.
    on_take_theirs: Callback<Draft>,
) -> impl IntoView {
    let drafts = use_draft_sync();
    let rows = move || {
        let record = drafts.load(resource.get());
        let theirs = record.theirs.map(|(values, _)| values).unwrap_or_default();
        differing
            .run((record.values, theirs))
            .into_iter()
            .map(|(label, mine, other)| {
                view! {
                    <tr>
                        <th scope="row">{tr(label)}</th>
                        <td>{mine}</td>
                        <td>{other}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let keep_mine = move |_| {
        let resource = resource.get_untracked();
        spawn_local(async move {
            drafts.keep_mine(resource).await;
        });
    };
    let take_theirs = move |_| on_take_theirs.run(drafts.take_theirs(resource.get_untracked()));
    view! {
        <Show when=move || drafts.state(resource.get()) == SyncState::Conflict>
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
