//! The page around one wizard step: progress, title, save status, the
//! conflict panel, the error summary, the step's fields and "Save and
//! continue". The step's state is [`StepForm`].

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::conflict::SectionConflict;
use super::messages::field_id;
use super::progress::Progress;
use super::step_form::{autosave, load_server_copy, StepForm};
use crate::components::error_summary::ErrorSummary;
use crate::domain::profile::{Draft, Section};
use crate::i18n::{tr, use_i18n, Key};
use crate::routes::{Page, RegisterPage};

/// Where "Save and continue" goes: the next step, or back to check your
/// answers when the person came from there.
fn next_path(section: Section, from_check: bool) -> String {
    let next = if from_check {
        RegisterPage::Check
    } else {
        RegisterPage::Step(section).next()
    };
    Page::register(next).href()
}

/// The page around one step: progress, title, save status, conflict, error
/// summary, the fields (`children`) and "Save and continue".
#[component]
pub fn StepPage(
    /// The step's form state.
    form: StepForm,
    /// The page's heading.
    title: Key,
    /// The fields.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let section = form.section;
    let sync = form.sync;
    let query = use_query_map();
    let from_check = query.with_untracked(|q| q.get("from").as_deref() == Some("check"));
    let focus = query.with_untracked(|q| q.get("focus"));
    let navigate = use_navigate();
    let busy = RwSignal::new(false);
    autosave(form);
    load_server_copy(form);
    if let Some(field) = focus {
        request_animation_frame(move || {
            if let Some(element) = document().get_element_by_id(field_id(section, &field)) {
                use wasm_bindgen::JsCast;
                let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        });
    }
    let problems = Signal::from(form.shown);
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        sync.edit(section, form.draft_untracked());
        let found = form.current_problems();
        let blocked = !found.is_empty();
        form.shown.set(found);
        let navigate = navigate.clone();
        busy.set(true);
        spawn_local(async move {
            let state = sync.drafts().push(section).await;
            busy.try_set(false);
            let stay = blocked || !state.lets_step_move_on();
            if stay {
                if let Some(found) = form.sync_problems() {
                    form.shown.try_set(found);
                }
            } else {
                navigate(&next_path(section, from_check), Default::default());
            }
        });
    };
    let reasons_here = move || {
        form.reasons
            .with(|reasons| reasons.iter().any(|r| r.field.starts_with(section.slug())))
    };
    view! {
        <Progress current=section.step() />
        <h1>{tr(title)}</h1>
        <p class="save-status" role="status">
            {move || i18n.t(sync.drafts().state(section).message_key())}
        </p>
        <SectionConflict
            section=section
            on_take_theirs=Callback::new(move |theirs: Draft| form.fill(&theirs))
        />
        <ErrorSummary problems=problems />
        <Show when=reasons_here>
            <p class="notice notice--error">{tr(Key::ReasonsOnThisStep)}</p>
        </Show>
        <form novalidate on:submit=on_submit>
            {children()}
            <button class="button" type="submit" aria-disabled=move || busy.get().then_some("true")>
                {move || {
                    if busy.get() {
                        i18n.t(Key::Saving)
                    } else if from_check {
                        i18n.t(Key::SaveAndReturn)
                    } else {
                        i18n.t(Key::SaveAndContinue)
                    }
                }}
            </button>
        </form>
        <p class="back-link">
            <A href=Page::Home.href()>{tr(Key::BackToTasks)}</A>
        </p>
    }
}
