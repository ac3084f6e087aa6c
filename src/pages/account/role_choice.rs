//! Asked once, after the first sign-in: UMKM owner, or cooperative staff
//! (with the cooperative's name).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::auth::{self, Me};
use crate::components::error_summary::{problem_for, ErrorSummary, FieldProblem};
use crate::components::radio::Radio;
use crate::components::text_field::TextField;
use crate::device_store;
use crate::focus::focus_page_heading;
use crate::i18n::{tr, Key};
use crate::session::{use_session, with_sign_in_again};

/// The one-time role question; `on_chosen` gets the updated person. It
/// replaces the code step in place after a first sign-in, so its heading
/// takes focus as a new page's does.
#[component]
pub fn RoleChoice(
    /// Called once the role is saved.
    on_chosen: Callback<Me>,
) -> impl IntoView {
    focus_page_heading();
    let session = use_session();
    let draft_key = session.draft_key("role");
    // What was typed survives a reload or an expired session.
    let saved = draft_key
        .as_deref()
        .and_then(device_store::get)
        .unwrap_or_default();
    let (saved_role, saved_name) = saved.split_once('|').unwrap_or(("", ""));
    let role = RwSignal::new(saved_role.to_owned());
    let name = RwSignal::new(saved_name.to_owned());
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let busy = RwSignal::new(false);
    {
        let draft_key = draft_key.clone();
        Effect::new(move |_| {
            let draft = format!("{}|{}", role.get(), name.get());
            if let Some(key) = &draft_key {
                device_store::set(key, &draft);
            }
        });
    }

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let chosen = role.get_untracked();
        let cooperative = name.get_untracked().trim().to_owned();
        let mut found = Vec::new();
        if chosen.is_empty() {
            found.push(FieldProblem {
                field_id: "role-supplier",
                message: Key::RoleEmpty.into(),
            });
        } else if chosen == "coop_staff" && cooperative.is_empty() {
            found.push(FieldProblem {
                field_id: "cooperative-name",
                message: Key::CoopNameEmpty.into(),
            });
        }
        if !found.is_empty() {
            problems.set(found);
            return;
        }
        busy.set(true);
        let draft_key = draft_key.clone();
        spawn_local(async move {
            let cooperative = (chosen == "coop_staff").then_some(cooperative);
            let result = with_sign_in_again(session, || {
                auth::choose_role(&chosen, cooperative.as_deref())
            })
            .await;
            busy.set(false);
            match result {
                Ok(me) => {
                    if let Some(key) = &draft_key {
                        device_store::remove(key);
                    }
                    on_chosen.run(me);
                }
                Err(error) => problems.set(vec![FieldProblem {
                    field_id: "role-supplier",
                    message: error.message_key().into(),
                }]),
            }
        });
    };
    let role_problem = Signal::derive(move || problem_for(&problems.get(), "role-supplier"));

    view! {
        <ErrorSummary problems=problems />
        <form novalidate on:submit=submit>
            <fieldset class="field radios" class:field--error=move || role_problem.get().is_some()>
                <legend class="field__legend">
                    <h1>{tr(Key::RoleTitle)}</h1>
                </legend>
                <span class="field__hint">{tr(Key::RoleIntro)}</span>
                {move || {
                    role_problem
                        .get()
                        .map(|message| {
                            let i18n = crate::i18n::use_i18n();
                            view! { <span class="field__error">{move || message.render(i18n.lang.get())}</span> }
                        })
                }}
                <Radio
                    name="role"
                    id="role-supplier"
                    group=role
                    value="supplier".to_owned()
                    label=Key::RoleOwner
                    hint=Key::RoleOwnerHint
                />
                <Radio
                    name="role"
                    id="role-staff"
                    group=role
                    value="coop_staff".to_owned()
                    label=Key::RoleStaff
                    hint=Key::RoleStaffHint
                />
            </fieldset>
            <Show when=move || role.get() == "coop_staff">
                <TextField
                    id="cooperative-name"
                    label=Key::CoopNameLabel
                    value=name
                    error=Signal::derive(move || problem_for(&problems.get(), "cooperative-name"))
                    autocomplete="organization"
                />
            </Show>
            <button type="submit" class="button" disabled=move || busy.get()>
                {tr(Key::Continue)}
            </button>
        </form>
    }
}
