//! Step 5: check your answers, then submit for verification. After
//! submission the same page is the status page: submitted, in review,
//! approved, or changes requested with each reason beside its answer and a
//! link to fix it; resubmitting is one click.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::answers::{answer_text, Names};
use super::messages::{field_id, problem, server_problems};
use super::progress::Progress;
use crate::api::supplier::{self, ProfileStatus};
use crate::api::{ApiError, Cancel, FieldError};
use crate::components::error_summary::{ErrorSummary, FieldProblem};
use crate::domain::profile::{check, Section};
use crate::i18n::profile_labels::{field_label, verification_name};
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::profile_sync::use_profile_sync;
use crate::routes::{Page, RegisterPage};
use crate::session::{use_session, with_sign_in_again};

/// The page where the field with input `id` (`section-field`, see
/// [`field_id`]) is edited, coming back here after.
fn page_of(field_id: &'static str) -> String {
    let edit = field_id.split_once('-').and_then(|(slug, field)| {
        Some(Page::Register {
            step: RegisterPage::Step(Section::from_slug(slug)?),
            focus: Some(field.to_owned()),
            from_check: true,
        })
    });
    edit.unwrap_or(Page::register(RegisterPage::Check)).href()
}

/// `/register/check`
#[component]
pub fn CheckStep() -> impl IntoView {
    let i18n = use_i18n();
    let sync = use_profile_sync();
    let session = use_session();
    let overview = RwSignal::new(None::<ProfileStatus>);
    let names = Names::load();
    let to_fix = RwSignal::new(Vec::<FieldProblem>::new());
    let failure = RwSignal::new(None::<Key>);
    let busy = RwSignal::new(false);
    let cancel = Cancel::on_unmount();
    // Sections filled on another device (or through a cooperative) are
    // read first; offline, this device's copy is what there is.
    let ready = RwSignal::new(false);
    spawn_local(async move {
        for section in Section::ALL {
            if let Ok(server) = supplier::section(section, &cancel).await {
                sync.adopt(section, server);
            }
        }
        ready.try_set(true);
        sync.push_all();
        if let Ok(found) = supplier::profile_status(&cancel).await {
            sync.note_sections(&found.sections);
            overview.try_set(Some(found));
        }
    });
    let status = move || overview.with(|o| o.as_ref().map(|o| o.status.clone()));
    let can_submit = move || {
        matches!(
            status().as_deref(),
            Some("draft" | "changes_requested") | None
        )
    };
    let reason_for = move |section: Section, field: &str| {
        let wanted = format!("{}.{field}", section.slug());
        overview.with(|o| {
            o.as_ref()
                .and_then(|o| o.reasons.iter().find(|r| r.field == wanted))
                .map(|r| r.message.clone())
        })
    };
    let submit = move |_| {
        if busy.get_untracked() {
            return;
        }
        failure.set(None);
        let found: Vec<FieldProblem> = Section::ALL
            .into_iter()
            .flat_map(|section| {
                check(section, &sync.load(section).values, &|_| true, true)
                    .iter()
                    .map(|issue| problem(section, issue))
                    .collect::<Vec<_>>()
            })
            .collect();
        if !found.is_empty() {
            to_fix.set(found);
            return;
        }
        busy.set(true);
        spawn_local(async move {
            for section in Section::ALL {
                if let Some(problem) = sync.drafts().push(section).await.submit_problem() {
                    busy.try_set(false);
                    failure.try_set(Some(problem));
                    return;
                }
            }
            match with_sign_in_again(session, supplier::submit).await {
                Ok(found) => {
                    overview.try_set(Some(found));
                    to_fix.try_set(Vec::new());
                }
                Err(ApiError::Validation(refused)) => {
                    // `section.field` names: each section's own, on its page.
                    let found = Section::ALL
                        .into_iter()
                        .flat_map(|section| {
                            let prefix = format!("{}.", section.slug());
                            let errors: Vec<FieldError> = refused
                                .errors
                                .iter()
                                .filter(|e| e.field.starts_with(&prefix))
                                .cloned()
                                .collect();
                            server_problems(section, &errors)
                        })
                        .collect();
                    to_fix.try_set(found);
                }
                Err(error) => {
                    failure.try_set(Some(error.message_key()));
                }
            }
            busy.try_set(false);
        });
    };
    let sections = move || {
        if !ready.get() {
            return view! { <p>{tr(Key::Loading)}</p> }.into_any();
        }
        Section::ALL
        .into_iter()
        .map(|section| {
            let values = sync.load(section).values;
            let rows = section
                .fields()
                .iter()
                .map(|field| {
                    let name = field.name;
                    let typed = values.get(name).cloned().unwrap_or_default();
                    let answer = move || answer_text(section, name, &typed, names, i18n.lang.get());
                    let hidden = move || format!(" {}", i18n.t(field_label(section, name)));
                    view! {
                        <div class="summary__row">
                            <dt class="summary__key">{tr(field_label(section, name))}</dt>
                            <dd class="summary__value">
                                {answer}
                                {move || {
                                    reason_for(section, name)
                                        .map(|reason| {
                                            view! {
                                                <span class="field__error">
                                                    {move || {
                                                        Message::with(Key::ReviewerSays, "detail", &reason)
                                                            .render(i18n.lang.get())
                                                    }}
                                                </span>
                                            }
                                        })
                                }}
                            </dd>
                            <dd class="summary__action">
                                <A href=page_of(
                                    field_id(section, name),
                                )>
                                    {move || {
                                        if reason_for(section, name).is_some() {
                                            i18n.t(Key::FixThis)
                                        } else {
                                            i18n.t(Key::Change)
                                        }
                                    }} <span class="visually-hidden">{hidden}</span>
                                </A>
                            </dd>
                        </div>
                    }
                })
                .collect_view();
            view! {
                <h2>{tr(super::progress::step_name(section.step()))}</h2>
                <dl class="summary">{rows}</dl>
            }
        })
        .collect_view()
        .into_any()
    };
    view! {
        {move || ready.get().then(|| view! { <Progress current=5 /> })}
        <h1>{tr(Key::CheckTitle)}</h1>
        {move || {
            status()
                .filter(|s| s != "draft")
                .map(|s| {
                    view! {
                        <div class="notice" role="status">
                            <p>
                                <strong>{tr(verification_name(&s))}</strong>
                            </p>
                            <p>{tr(status_explained(&s))}</p>
                        </div>
                    }
                })
        }}
        <ErrorSummary problems=to_fix title=Key::StillMissing page_of=page_of />
        {sections}
        <Show when=can_submit>
            <h2>{tr(Key::SubmitTitle)}</h2>
            <p>{tr(Key::SubmitDeclaration)}</p>
            <p
                class="notice notice--error"
                role="alert"
                hidden=move || failure.with(Option::is_none)
            >
                {move || failure.get().map(|key| i18n.t(key))}
            </p>
            <button
                class="button"
                type="button"
                on:click=submit
                aria-disabled=move || busy.get().then_some("true")
            >
                {move || {
                    if busy.get() {
                        i18n.t(Key::Sending)
                    } else if status().as_deref() == Some("changes_requested") {
                        i18n.t(Key::Resubmit)
                    } else {
                        i18n.t(Key::Submit)
                    }
                }}
            </button>
        </Show>
        <p class="back-link">
            <A href=Page::Home.href()>{tr(Key::BackToTasks)}</A>
        </p>
    }
}

/// What a verification status means for the person.
fn status_explained(status: &str) -> Key {
    match status {
        "submitted" => Key::StatusSubmittedExplained,
        "in_review" => Key::StatusInReviewExplained,
        "approved" => Key::StatusApprovedExplained,
        _ => Key::StatusChangesExplained,
    }
}
