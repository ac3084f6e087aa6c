//! GOV.UK's "complete multiple tasks": the supplier's steps to verification,
//! each with its status, and the verification status with the reviewer's
//! reasons.

use leptos::prelude::*;

use leptos_router::components::A;

use crate::api::documents::BriefWire;
use crate::api::supplier::Overview;
use crate::domain::calendar::{Day, Zone};
use crate::domain::document::DocumentKind;
use crate::domain::document_status::{attention, task_status as documents_task, Attention, Brief};
use crate::domain::profile::Section;
use crate::domain::tasks::{Progress, Task, TaskStatus};
use crate::i18n::document_labels::attention_message;
use crate::i18n::profile_labels::{field_label, verification_name};
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::routes::{Page, RegisterPage};

/// What the task list needs from the overview.
pub fn progress(overview: &Overview) -> Progress {
    let sections = [
        &overview.sections.business,
        &overview.sections.owner,
        &overview.sections.address,
        &overview.sections.bank,
    ];
    Progress {
        sections_complete: sections.iter().filter(|s| s.complete).count() as u8,
        sections_started: sections.iter().filter(|s| s.version != "0").count() as u8,
        products: overview.products,
        products_complete: overview.products_complete,
        documents: overview.documents,
        verification: overview.status.clone(),
        reason_fields: overview.reasons.iter().map(|r| r.field.clone()).collect(),
    }
}

fn task_name(task: Task) -> Key {
    match task {
        Task::BusinessProfile => Key::TaskProfile,
        Task::Products => Key::TaskProducts,
        Task::Certificates => Key::TaskCertificates,
        Task::Submit => Key::TaskSubmit,
    }
}

fn status_name(status: TaskStatus) -> (Key, &'static str) {
    match status {
        TaskStatus::NotStarted => (Key::StatusNotStarted, "tag tag--grey"),
        TaskStatus::InProgress => (Key::StatusInProgress, "tag tag--blue"),
        TaskStatus::Done => (Key::StatusDone, "tag tag--green"),
        TaskStatus::NeedsChanges => (Key::StatusNeedsChanges, "tag tag--red"),
        TaskStatus::CannotStartYet => (Key::StatusCannotStartYet, "tag tag--grey"),
    }
}

/// The section and field a reviewer's reason (`section.field`) is about.
fn reason_field(field: &str) -> Option<(Section, &str)> {
    let (slug, name) = field.split_once('.')?;
    let section = Section::from_slug(slug)?;
    section.field(name)?;
    Some((section, name))
}

/// The name of the field a reviewer's reason is about (`section.field`).
fn field_name(field: &str) -> Option<Key> {
    reason_field(field).map(|(section, name)| field_label(section, name))
}

/// The wizard page and field a reviewer's reason (`section.field`) is about.
fn fix_link(field: &str) -> Option<String> {
    let (section, name) = reason_field(field)?;
    let page = Page::Register {
        step: RegisterPage::Step(section),
        focus: Some(name.to_owned()),
        from_check: false,
    };
    Some(page.href())
}

/// Where a task is done.
fn task_link(task: Task) -> Option<String> {
    let step = match task {
        Task::BusinessProfile => RegisterPage::Step(Section::Business),
        Task::Submit => RegisterPage::Check,
        Task::Products => return Some(Page::products().href()),
        Task::Certificates => return Some(Page::Documents.href()),
    };
    Some(Page::register(step).href())
}

/// The task list for one supplier's overview.
#[component]
pub fn TaskList(
    /// The supplier's onboarding overview.
    overview: Overview,
) -> impl IntoView {
    let i18n = use_i18n();
    let briefs: Vec<Brief> = overview
        .documents_brief
        .iter()
        .map(BriefWire::brief)
        .collect();
    let today = Day::today(js_sys::Date::now() as i64, Zone::Wib);
    let tasks = progress(&overview)
        .tasks()
        .map(|(task, status)| match (task, status) {
            (Task::Certificates, status) if status != TaskStatus::NeedsChanges => {
                (task, documents_task(&briefs, today))
            }
            other => other,
        });
    let notes: Vec<(i64, DocumentKind, Attention)> = briefs
        .iter()
        .filter_map(|brief| Some((brief.id, brief.kind, attention(brief, today)?)))
        .collect();
    let done = tasks
        .iter()
        .filter(|(_, status)| *status == TaskStatus::Done)
        .count();
    let reasons = overview.reasons.clone();
    let status = overview.status.clone();
    let (products, products_complete) = (overview.products, overview.products_complete);
    view! {
        <h2>{tr(Key::VerificationTitle)}</h2>
        <p class="lead">
            <strong>{tr(verification_name(&status))}</strong>
        </p>
        <Show when={
            let reasons = reasons.clone();
            move || !reasons.is_empty()
        }>
            <div class="notice notice--error">
                <p>{tr(Key::ReasonsIntro)}</p>
                <ul>
                    {reasons
                        .clone()
                        .into_iter()
                        .map(|reason| {
                            let field = reason.field.clone();
                            let href = fix_link(&reason.field);
                            view! {
                                <li>
                                    <strong>
                                        {move || {
                                            field_name(&field)
                                                .map(|key| i18n.t(key))
                                                .unwrap_or("")
                                                .to_owned()
                                        }}
                                    </strong>
                                    " "
                                    {reason.message.clone()}
                                    " "
                                    {href.map(|href| view! { <A href=href>{tr(Key::FixThis)}</A> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        </Show>
        <h2>{tr(Key::TasksTitle)}</h2>
        <p>{move || Message::with(Key::TasksProgress, "done", done).render(i18n.lang.get())}</p>
        <ul class="task-list">
            {tasks
                .into_iter()
                .map(|(task, status)| {
                    let (status_key, tag_class) = status_name(status);
                    let id = format!("task-{task:?}").to_ascii_lowercase();
                    let status_id = format!("{id}-status");
                    view! {
                        <li class="task-list__item">
                            <span
                                class="task-list__name"
                                id=id.clone()
                                aria-describedby=status_id.clone()
                            >
                                {match task_link(task) {
                                    Some(href) => {
                                        view! {
                                            <A href=href attr:aria-describedby=status_id.clone()>
                                                {tr(task_name(task))}
                                            </A>
                                        }
                                            .into_any()
                                    }
                                    None => tr(task_name(task)).into_any(),
                                }}
                                {(task == Task::BusinessProfile)
                                    .then(|| {
                                        view! {
                                            <span class="task-list__hint">
                                                {tr(Key::TaskProfileHint)}
                                            </span>
                                        }
                                    })}
                                {(task == Task::Certificates && !notes.is_empty())
                                    .then(|| view! { <DocumentNotes notes=notes.clone() /> })}
                                {(task == Task::Products && products > 0)
                                    .then(|| {
                                        view! {
                                            <span class="task-list__hint">
                                                {move || {
                                                    Message::with(Key::TaskProductsCount, "count", products)
                                                        .and("complete", products_complete)
                                                        .render(i18n.lang.get())
                                                }}
                                            </span>
                                        }
                                    })}
                            </span>
                            <strong class=tag_class id=status_id>
                                {tr(status_key)}
                            </strong>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The documents that need the person (refused, expired, expiring within 60
/// days), each a link to it.
#[component]
fn DocumentNotes(notes: Vec<(i64, DocumentKind, Attention)>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span class="task-list__notes">
            {notes
                .into_iter()
                .map(|(id, kind, note)| {
                    view! {
                        <span class="task-list__hint">
                            <A href=Page::Document { id }
                                .href()>
                                {move || attention_message(kind, &note, i18n.lang.get())}
                            </A>
                        </span>
                    }
                })
                .collect_view()}
        </span>
    }
}
