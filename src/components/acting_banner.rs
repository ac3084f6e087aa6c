//! While cooperative staff act for a member, every page says for whom
//! ("Anda bekerja untuk: Toko Sari Rasa") with **Selesai**, which stops and
//! returns to the roster. Every save meanwhile goes to that member.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::coop;
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::routes::{Page, RosterQuery};
use crate::session::use_session;

/// The banner, shown only while acting for a member.
#[component]
pub fn ActingBanner() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let failed = RwSignal::new(false);
    let acting_for = Memo::new(move |_| {
        session
            .me
            .with(|me| me.as_ref().and_then(|me| me.acting_for.clone()))
    });
    let stop = move |_| {
        failed.set(false);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            match coop::stop_acting().await {
                Ok(me) => {
                    // The member's page goes first, then the member: a page
                    // of theirs is never drawn again without a supplier.
                    let roster = Page::Members {
                        query: RosterQuery::default(),
                    };
                    navigate(&roster.href(), Default::default());
                    request_animation_frame(move || session.me.set(Some(me)));
                }
                Err(_) => {
                    failed.try_set(true);
                }
            }
        });
    };
    move || {
        acting_for.get().map(|member| {
            let stop = stop.clone();
            view! {
                <div
                    class="acting-banner"
                    role="region"
                    aria-label=move || i18n.t(Key::ActingRegion)
                >
                    <div class="container acting-banner__bar">
                        <p>
                            {move || {
                                Message::with(Key::ActingFor, "name", &member.name)
                                    .render(i18n.lang.get())
                            }}
                        </p>
                        <button type="button" class="button button--small" on:click=stop>
                            {tr(Key::StopActing)}
                        </button>
                    </div>
                    <p role="status" class="container save-status">
                        {move || failed.get().then(|| i18n.t(Key::StopActingFailed))}
                    </p>
                </div>
            }
        })
    }
}
