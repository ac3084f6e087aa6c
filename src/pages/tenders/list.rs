//! `/tenders?…` and `/tenders/saved?…`: tenders found by words, filters
//! and order, all of it in the address (a shared link, back and forward and
//! a reload show the same view). While new results load the last ones stay;
//! a slower older answer never replaces a newer one; leaving the page stops
//! its requests. Coming back from a tender shows the same results at the
//! same place at once. Nothing found: which filter to take away, one tap.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use super::card::TenderCard;
use super::facts::{use_facts, Facts};
use super::filters::Filters;
use super::memory;
use super::messages::relax_label;
use crate::api::tenders::{self, TenderPage};
use crate::api::{ApiError, Cancel};
use crate::components::pager::Pager;
use crate::components::retry_notice::RetryNotice;
use crate::domain::money::group_thousands;
use crate::domain::tender_query::TenderQuery;
use crate::i18n::{tr, use_i18n, Key, Lang, Message};
use crate::routes::Page;
use crate::session::{use_session, SessionState};
use crate::timing;

/// The results page: every tender, or (`saved`) the supplier's saved ones.
#[component]
pub fn TenderList(
    /// Only the tenders this supplier saved (`/tenders/saved`).
    saved: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let location = use_location();
    let query = Memo::new(move |_| location.search.with(|search| TenderQuery::parse(search)));
    let page_of = Callback::new(move |query: TenderQuery| {
        if saved {
            Page::SavedTenders { query }.href()
        } else {
            Page::Tenders { query }.href()
        }
    });
    let user = move || {
        session
            .me
            .with_untracked(|me| me.as_ref().map(|me| (me.user_id, me.supplier_id)))
    };
    let href = move || page_of.run(query.get_untracked());
    // Who is looking: the results follow a sign-in or sign-out, not every
    // refresh of the session (staying signed in).
    let viewer = Memo::new(move |_| {
        (
            session.state.get() == SessionState::Checking,
            session
                .me
                .with(|me| me.as_ref().map(|me| (me.user_id, me.supplier_id))),
        )
    });
    // The results with the view they are for (the pager's place, the
    // relaxations are that view's, not the one asked meanwhile).
    let loaded: RwSignal<Option<(TenderQuery, TenderPage)>> = RwSignal::new(
        memory::results_at(&href(), user()).map(|page| (query.get_untracked(), page)),
    );
    let failed: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let loading = RwSignal::new(false);
    let retry = RwSignal::new(0u32);
    let latest = StoredValue::new(0u32);
    let cancel = Cancel::on_unmount();
    Effect::new(move |_| {
        let asked = query.get();
        retry.track();
        if viewer.get().0 {
            return;
        }
        let number = latest.get_value() + 1;
        latest.set_value(number);
        loading.set(true);
        let cancel = cancel.clone();
        leptos::task::spawn_local(async move {
            let answer = tenders::search(&asked, saved, &cancel).await;
            // Only the newest request's answer is shown.
            if latest.try_get_value() != Some(number) || answer == Err(ApiError::Cancelled) {
                return;
            }
            // A session that ended: signing in again, in place, brings
            // the same view back.
            if answer == Err(ApiError::Unauthorized)
                && session.state.get_untracked() == SessionState::SignedIn
            {
                session.expire();
            }
            loading.try_set(false);
            match answer {
                Ok(page) => {
                    // What `scripts/bench` reads of how long the results
                    // take to draw once they have arrived.
                    timing::mark_drawn("rantai:tenders");
                    memory::remember(&page_of.run(asked.clone()), user(), &page);
                    loaded.try_set(Some((asked, page)));
                    failed.try_set(None);
                }
                // The last results stay, with the error above them.
                Err(error) => {
                    failed.try_set(Some(error));
                }
            }
        });
    });
    let facts = use_facts();
    // Back from a tender: the same place in the same results, once the
    // badges (which make cards taller) are drawn.
    let scroll_back = StoredValue::new(memory::take_scroll(&href()));
    Effect::new(move |_| {
        if facts.with(|facts| *facts == Facts::Loading) {
            return;
        }
        if let Some(y) = scroll_back.try_update_value(Option::take).flatten() {
            request_animation_frame(move || {
                if let Some(window) = web_sys::window() {
                    window.scroll_to_with_x_and_y(0.0, y);
                }
            });
        }
    });
    let title = if saved {
        Key::SavedTendersTitle
    } else {
        Key::TendersTitle
    };
    view! {
        <h1>{tr(title)}</h1>
        <p class="button-row">
            {move || {
                let other = if saved {
                    (
                        Key::AllTenders,
                        Page::Tenders {
                            query: TenderQuery::default(),
                        },
                    )
                } else if session
                    .me
                    .with(|me| me.as_ref().is_some_and(|me| me.supplier_id.is_some()))
                {
                    (
                        Key::SavedTendersTitle,
                        Page::SavedTenders {
                            query: TenderQuery::default(),
                        },
                    )
                } else {
                    return None;
                };
                Some(view! { <A href=other.1.href()>{tr(other.0)}</A> })
            }}
        </p>
        <Filters query=query page_of=page_of />
        <p class="save-status" role="status">
            {move || {
                if loading.get() {
                    Some(i18n.t(Key::LoadingTenders).to_owned())
                } else {
                    loaded
                        .with(|loaded| {
                            loaded.as_ref().map(|(_, page)| count(i18n.lang.get(), page.total))
                        })
                }
            }}
        </p>
        {move || {
            failed
                .get()
                .map(|error| {
                    view! { <RetryNotice error=error retry=retry /> }
                })
        }}
        {move || {
            if facts.with(|facts| *facts == Facts::Failed) {
                Some(view! { <p class="notice">{tr(Key::EligibilityNotLoaded)}</p> })
            } else {
                None
            }
        }}
        {move || {
            loaded
                .get()
                .map(|(asked, page)| {
                    let known = facts.with(|facts| facts.known().cloned());
                    results(page, asked, saved, page_of, known)
                })
        }}
    }
}

/// "1.234 tender" ("1,234 tenders").
fn count(lang: Lang, total: u32) -> String {
    let grouped = match lang {
        Lang::Id => group_thousands(u64::from(total)),
        Lang::En => group_thousands(u64::from(total)).replace('.', ","),
    };
    let message = if total == 1 {
        Message::with(Key::TenderCountOne, "count", grouped)
    } else {
        Message::with(Key::TenderCount, "count", grouped)
    };
    message.render(lang)
}

/// The count, the cards and the pages; nothing found says what to relax.
fn results(
    page: TenderPage,
    asked: TenderQuery,
    saved: bool,
    page_of: Callback<TenderQuery, String>,
    facts: Option<crate::domain::eligibility::SupplierFacts>,
) -> AnyView {
    if page.items.is_empty() && page.total > 0 {
        // A page past the end (an old link, tenders closed since).
        let first = page_of.run(TenderQuery { page: 1, ..asked });
        return view! {
            <p>{tr(Key::PageEmpty)}</p>
            <p>
                <A href=first>{tr(Key::FirstPage)}</A>
            </p>
        }
        .into_any();
    }
    if page.items.is_empty() {
        return nothing_found(asked, saved, page_of);
    }
    let pages = page.total.div_ceil(page.per_page.max(1)).max(1);
    let now_ms = js_sys::Date::now();
    let at = page.page;
    let href = Callback::new(move |number: u32| {
        page_of.run(TenderQuery {
            page: number,
            ..asked.clone()
        })
    });
    view! {
        <ul class="tender-cards">
            {page
                .items
                .into_iter()
                .map(|tender| {
                    view! { <TenderCard tender=tender facts=facts.clone() now_ms=now_ms /> }
                })
                .collect_view()}
        </ul>
        <Pager at=at pages=pages href=href />
    }
    .into_any()
}

/// No tender matches: each filter given, as a link to the view without it.
fn nothing_found(
    asked: TenderQuery,
    saved: bool,
    page_of: Callback<TenderQuery, String>,
) -> AnyView {
    let relaxations = asked.relaxations();
    if relaxations.is_empty() {
        let key = if saved {
            Key::NoSavedTenders
        } else {
            Key::NoTendersAtAll
        };
        return view! { <p>{tr(key)}</p> }.into_any();
    }
    view! {
        <section class="empty-state" aria-labelledby="no-tenders-title">
            <h2 id="no-tenders-title">{tr(Key::NoTendersMatch)}</h2>
            <p>{tr(Key::TryRelaxing)}</p>
            <ul class="relax-links">
                {relaxations
                    .into_iter()
                    .map(|(filter, relaxed)| {
                        view! {
                            <li>
                                <A href=page_of.run(relaxed)>{tr(relax_label(filter))}</A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
