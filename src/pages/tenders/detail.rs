//! `/tenders/<id>`: a tender in full (buyer, budget, deadline, delivery
//! place, scope, what it asks, attachments), whether this supplier meets
//! what it asks, and save, interest and share. Public: signed out, the
//! actions and the check offer to sign in and come back here.

use leptos::prelude::*;
use leptos_router::components::A;

use super::actions::{can_act, InterestButton, SaveButton, ShareButton, SignInToAct};
use super::eligibility::Eligibility;
use super::facts::use_facts;
use super::memory;
use super::messages::{deadline_text, percent, status_name};
use crate::api::tenders::{self, TenderDetail};
use crate::api::{ApiError, Cancel};
use crate::components::retry_notice::RetryNotice;
use crate::domain::document::DocumentKind;
use crate::domain::money::format_rupiah;
use crate::domain::tender_query::{TenderQuery, TenderStatus};
use crate::i18n::document_labels::kind_name;
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::routes::{use_id_in_address, Page};
use crate::session::{use_session, SessionState};

/// The tender page.
#[component]
pub fn TenderPage() -> impl IntoView {
    let in_address = use_id_in_address();
    let id = Memo::new(move |_| in_address.get().unwrap_or(0));
    let loaded = RwSignal::new(None::<Result<TenderDetail, ApiError>>);
    let retry = RwSignal::new(0u32);
    let latest = StoredValue::new(0u32);
    let cancel = Cancel::on_unmount();
    Effect::new(move |shown: Option<i64>| {
        let id = id.get();
        retry.track();
        // Another tender (back and forward between two): not the last one's
        // page, nor its late answer.
        if shown.is_some_and(|shown| shown != id) {
            loaded.set(None);
        }
        let number = latest.get_value() + 1;
        latest.set_value(number);
        let cancel = cancel.clone();
        leptos::task::spawn_local(async move {
            let answer = tenders::get(id, &cancel).await;
            if latest.try_get_value() == Some(number) && answer != Err(ApiError::Cancelled) {
                loaded.try_set(Some(answer));
            }
        });
        id
    });
    let back = memory::last_list().unwrap_or_else(|| {
        Page::Tenders {
            query: TenderQuery::default(),
        }
        .href()
    });
    view! {
        <p>
            <A href=back>{tr(Key::BackToTenders)}</A>
        </p>
        {move || match loaded.get() {
            None => {
                // Not a heading: the tender's own takes focus once it is here.
                view! { <p>{tr(Key::LoadingTender)}</p> }
                    .into_any()
            }
            Some(Ok(tender)) => view! { <TenderView tender=tender /> }.into_any(),
            Some(Err(ApiError::NotFound)) => {
                view! {
                    <h1>{tr(Key::TenderNotFoundTitle)}</h1>
                    <p>{tr(Key::TenderNotFound)}</p>
                }
                    .into_any()
            }
            Some(Err(error)) => {
                view! {
                    <h1>{tr(Key::TenderNotLoadedTitle)}</h1>
                    <RetryNotice error=error retry=retry />
                }
                    .into_any()
            }
        }}
    }
}

/// A tender's attachment size: `240 KB`.
fn size_kb(bytes: u64) -> String {
    format!("{} KB", bytes.div_ceil(1024))
}

/// The tender, loaded.
#[component]
fn TenderView(
    /// The tender.
    tender: TenderDetail,
) -> impl IntoView {
    let i18n = use_i18n();
    let facts = use_facts();
    let acting = can_act();
    let session = use_session();
    let summary = tender.summary.clone();
    let id = summary.id;
    let requirements = summary.requirements();
    let deadline = summary.deadline();
    let now_ms = js_sys::Date::now();
    let closed = summary.status() == Some(TenderStatus::Closed);
    let documents: Vec<DocumentKind> = requirements.documents.clone();
    let kbli = summary.required_kbli.join(", ");
    let min_tkdn = requirements.min_tkdn;
    let saved = summary.saved;
    let interested = tender.interested;
    let title = summary.title.clone();
    let status = summary.status();
    view! {
        <h1>{summary.title}</h1>
        <p class="lead">{summary.buyer}</p>
        <p class="tender-card__tags">
            {status
                .map(|status| {
                    view! { <span class="tag tag--grey">{tr(status_name(status))}</span> }
                })}
        </p>
        <dl class="facts">
            <div>
                <dt>{tr(Key::Hps)}</dt>
                <dd>{format_rupiah(summary.hps)}</dd>
            </div>
            <div>
                <dt>{tr(Key::Deadline)}</dt>
                <dd>{move || deadline.map(|d| deadline_text(i18n.lang.get(), &d, now_ms))}</dd>
            </div>
            <div>
                <dt>{tr(Key::Location)}</dt>
                <dd>{summary.province.name}</dd>
            </div>
            <div>
                <dt>{tr(Key::DeliveryLocation)}</dt>
                <dd>{tender.delivery_location}</dd>
            </div>
        </dl>
        <div class="button-row tender-actions">
            {move || {
                if acting.get() {
                    view! { <SaveButton tender_id=id saved=saved /> }.into_any()
                } else {
                    ().into_any()
                }
            }} <ShareButton title=title />
        </div>
        <section class="tender-section" aria-labelledby="scope-title">
            <h2 id="scope-title">{tr(Key::ScopeTitle)}</h2>
            <p class="tender-scope">{tender.description}</p>
        </section>
        <section class="tender-section" aria-labelledby="asks-title">
            <h2 id="asks-title">{tr(Key::RequirementsTitle)}</h2>
            <ul>
                {(!kbli.is_empty())
                    .then(|| {
                        view! {
                            <li>
                                {move || {
                                    Message::with(Key::AsksKbli, "codes", &kbli)
                                        .render(i18n.lang.get())
                                }}
                            </li>
                        }
                    })}
                {documents
                    .into_iter()
                    .map(|kind| view! { <li>{tr(kind_name(kind))}</li> })
                    .collect_view()}
                {min_tkdn
                    .map(|tkdn| {
                        view! {
                            <li>
                                {move || {
                                    Message::with(
                                            Key::AsksTkdn,
                                            "percent",
                                            percent(i18n.lang.get(), tkdn),
                                        )
                                        .render(i18n.lang.get())
                                }}
                            </li>
                        }
                    })}
            </ul>
        </section>
        <Eligibility requirements=requirements facts=facts tender_id=id />
        <section class="tender-section" aria-labelledby="interest-section-title">
            <h2 id="interest-section-title">{tr(Key::InterestSectionTitle)}</h2>
            {move || {
                if closed {
                    view! { <p>{tr(Key::TenderClosedNoInterest)}</p> }.into_any()
                } else if acting.get() {
                    view! { <InterestButton tender_id=id interested=interested /> }.into_any()
                } else if session.state.get() == SessionState::SignedIn {
                    view! { <p>{tr(Key::EligibilityForSuppliers)}</p> }.into_any()
                } else {
                    view! { <SignInToAct tender_id=id /> }.into_any()
                }
            }}
        </section>
        <section class="tender-section" aria-labelledby="attachments-title">
            <h2 id="attachments-title">{tr(Key::AttachmentsTitle)}</h2>
            <p>{tr(Key::AttachmentsWhere)}</p>
            <ul>
                {tender
                    .attachments
                    .into_iter()
                    .map(|file| view! { <li>{file.name} " (" {size_kb(file.size)} ")"</li> })
                    .collect_view()}
            </ul>
        </section>
    }
}
