//! "Can my business take part?": each requirement of the tender checked
//! against the supplier's own profile, documents and products (the rules
//! are `domain::eligibility`), met / not met / not known yet, with the
//! reason and the link that fixes it.

use leptos::prelude::*;
use leptos_router::components::A;

use super::facts::Facts;
use super::messages::{check_mark, reason, requirement_name, verdict_class, verdict_name};
use crate::domain::eligibility::{check, overall, Requirements};
use crate::i18n::{tr, use_i18n, Key};
use crate::routes::{login_path, Page};
use crate::session::{use_session, SessionState};

/// The eligibility section of a tender's page.
#[component]
pub fn Eligibility(
    /// What the tender asks.
    requirements: Requirements,
    /// The supplier's facts.
    facts: ReadSignal<Facts>,
    /// The tender's id (signing in comes back to it).
    tender_id: i64,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let body = move || match facts.get() {
        Facts::NoSupplier if session.state.get() == SessionState::SignedIn => {
            view! { <p>{tr(Key::EligibilityForSuppliers)}</p> }.into_any()
        }
        Facts::NoSupplier => {
            let path = Page::Tender { id: tender_id }.href();
            view! {
                <p>
                    <A href=login_path(&path, "")>{tr(Key::SignInToCheck)}</A>
                </p>
            }
            .into_any()
        }
        Facts::Loading => view! { <p>{tr(Key::CheckingEligibility)}</p> }.into_any(),
        Facts::Failed => {
            view! { <p class="notice notice--error">{tr(Key::EligibilityNotLoaded)}</p> }.into_any()
        }
        Facts::Known(known) => {
            let checks = check(&requirements, &known);
            if checks.is_empty() {
                return view! { <p>{tr(Key::NoRequirements)}</p> }.into_any();
            }
            let verdict = overall(&checks);
            view! {
                <p>
                    <span class=verdict_class(verdict)>{tr(verdict_name(verdict))}</span>
                </p>
                <ul class="eligibility">
                    {checks
                        .into_iter()
                        .map(|one| {
                            let (verdict, requirement) = (one.verdict, one.requirement);
                            let fix = reason(i18n.lang.get_untracked(), &one).1;
                            let sentence = move || reason(i18n.lang.get(), &one).0;
                            view! {
                                <li class="eligibility__item">
                                    <span class=verdict_class(
                                        verdict,
                                    )>{tr(check_mark(verdict))}</span>
                                    " "
                                    <strong>{tr(requirement_name(requirement))}</strong>
                                    <span class="eligibility__reason">{sentence}</span>
                                    {fix.map(|(link, href)| view! { <A href=href>{tr(link)}</A> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
            .into_any()
        }
    };
    view! {
        <section class="tender-section" aria-labelledby="eligibility-title">
            <h2 id="eligibility-title">{tr(Key::EligibilityTitle)}</h2>
            {body}
        </section>
    }
}
