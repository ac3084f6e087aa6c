//! One tender in the results: what is bought and by whom, its budget,
//! deadline and place, whether it is saved, and (signed in) whether this
//! supplier meets what it asks.

use leptos::prelude::*;
use leptos_router::components::A;

use super::memory;
use super::messages::{deadline_text, status_name, verdict_class, verdict_name};
use crate::api::tenders::Tender;
use crate::domain::eligibility::{check, overall, SupplierFacts};
use crate::domain::money::format_rupiah;
use crate::i18n::{tr, use_i18n, Key};
use crate::routes::Page;

/// A card of the results list.
#[component]
pub fn TenderCard(
    /// The tender.
    tender: Tender,
    /// The signed-in supplier's facts, for the badge (`None`: no badge).
    facts: Option<SupplierFacts>,
    /// Now, in milliseconds since the epoch, for the days left.
    now_ms: f64,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = Page::Tender { id: tender.id }.href();
    let verdict = facts.map(|facts| overall(&check(&tender.requirements(), &facts)));
    let deadline = tender.deadline();
    let status = tender.status();
    let remember_scroll = move |_| {
        if let Some(window) = web_sys::window() {
            memory::leaving_at(window.scroll_y().unwrap_or_default());
        }
    };
    view! {
        <li class="tender-card">
            <h2 class="tender-card__title">
                <A href=href on:click=remember_scroll>
                    {tender.title}
                </A>
            </h2>
            <p class="tender-card__buyer">{tender.buyer}</p>
            <p class="tender-card__tags">
                {status
                    .map(|status| {
                        view! { <span class="tag tag--grey">{tr(status_name(status))}</span> }
                    })}
                {verdict
                    .map(|verdict| {
                        view! {
                            <span class=verdict_class(verdict)>{tr(verdict_name(verdict))}</span>
                        }
                    })}
                {tender
                    .saved
                    .then(|| view! { <span class="tag tag--blue">{tr(Key::SavedTag)}</span> })}
            </p>
            <dl class="tender-card__facts">
                <div>
                    <dt>{tr(Key::Hps)}</dt>
                    <dd>{format_rupiah(tender.hps)}</dd>
                </div>
                <div>
                    <dt>{tr(Key::Deadline)}</dt>
                    <dd>
                        {move || {
                            deadline
                                .map(|deadline| deadline_text(i18n.lang.get(), &deadline, now_ms))
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{tr(Key::Location)}</dt>
                    <dd>{tender.province.name}</dd>
                </div>
            </dl>
        </li>
    }
}
