//! On an UMKM owner's home page: a cooperative that asks to support them
//! ("Koperasi X ingin mendampingi Anda": approve or refuse) and one that
//! does ("Didampingi oleh Koperasi X": end it). Until the owner approves,
//! the cooperative's staff see and change nothing of theirs (the server's
//! rule); the text says what approving allows.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::home::load;
use crate::api::cooperative_links::{self, CooperativeLink, LinkStatus};
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::session::{use_session, with_sign_in_again};

/// The owner's cooperative links, with their choices; nothing when there
/// are none (or they could not be read: the task list says why).
#[component]
pub fn CoopLinks() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let loaded = load(|cancel| async move { cooperative_links::mine(&cancel).await });
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<Key>);
    // Approve (`true`) or refuse / end (`false`) link `id`.
    let choose = move |id: i64, approve: bool| {
        busy.set(true);
        spawn_local(async move {
            let result =
                with_sign_in_again(session, || cooperative_links::choose(id, approve)).await;
            busy.set(false);
            problem.set(result.as_ref().err().map(|error| error.message_key()));
            if result.is_ok() {
                loaded.update(|loaded| {
                    if let Some(Ok(links)) = loaded {
                        // Approved: now confirmed; refused or ended: gone.
                        links.retain_mut(|link| {
                            if link.id == id {
                                link.status = LinkStatus::Confirmed;
                            }
                            link.id != id || approve
                        });
                    }
                });
            }
        });
    };
    let links = move || {
        loaded
            .get()
            .and_then(Result::ok)
            .filter(|links| !links.is_empty())
    };
    move || {
        links().map(|links| {
            view! {
                <section aria-labelledby="coop-links-title">
                    <h2 id="coop-links-title">{tr(Key::CoopLinksTitle)}</h2>
                    <p class="notice notice--error" role="alert">
                        {move || problem.get().map(|key| i18n.t(key))}
                    </p>
                    <ul class="member-list">
                        {links
                            .into_iter()
                            .map(|link| view! { <Link link=link busy=busy choose=choose /> })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// One cooperative's link and what the owner can do with it.
#[component]
fn Link(
    /// The link.
    link: CooperativeLink,
    /// A choice is on its way: the buttons wait.
    busy: RwSignal<bool>,
    /// Approve (`true`) or refuse / end (`false`) the link with this id.
    choose: impl Fn(i64, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = link.id;
    let said = format!("coop-link-{id}");
    let name = link.cooperative.name;
    let (text, choices) = match link.status {
        LinkStatus::Pending => (
            Message::with(Key::CoopLinkPending, "coop", name),
            vec![(Key::CoopLinkApprove, true), (Key::CoopLinkRefuse, false)],
        ),
        LinkStatus::Confirmed => (
            Message::with(Key::CoopLinkConfirmed, "coop", name),
            vec![(Key::CoopLinkEnd, false)],
        ),
    };
    view! {
        <li class="member-list__item">
            <p id=said.clone()>{move || text.render(i18n.lang.get())}</p>
            <div class="button-row">
                {choices
                    .into_iter()
                    .map(|(label, approve)| {
                        view! {
                            <button
                                type="button"
                                class=if approve { "button" } else { "button button--quiet" }
                                aria-describedby=said.clone()
                                disabled=move || busy.get()
                                on:click=move |_| choose(id, approve)
                            >
                                {tr(label)}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </li>
    }
}
