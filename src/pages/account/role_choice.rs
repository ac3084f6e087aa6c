//! Asked once, after the first sign-in: UMKM owner, or cooperative staff
//! (with the cooperative's name and the staff member's own, which members
//! read on what staff filled in for them).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::auth::{self, Me};
use crate::api::json;
use crate::components::error_summary::{problem_for, ErrorSummary, FieldProblem};
use crate::components::radio::Radio;
use crate::components::text_field::TextField;
use crate::device_store;
use crate::focus::focus_page_heading;
use crate::i18n::{tr, Key};
use crate::session::{use_session, with_sign_in_again};

/// The answers kept on the device: `[role, cooperative, staff name]` as
/// JSON (any may hold a `|`). A draft written before staff were asked their
/// name is `role|cooperative`.
fn read_draft(saved: &str) -> (String, String, String) {
    json::parse(saved).unwrap_or_else(|| {
        let (role, cooperative) = saved.split_once('|').unwrap_or_default();
        (role.to_owned(), cooperative.to_owned(), String::new())
    })
}

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
    let (saved_role, saved_name, saved_staff_name) = read_draft(&saved);
    let role = RwSignal::new(saved_role);
    let name = RwSignal::new(saved_name);
    let staff_name = RwSignal::new(saved_staff_name);
    let problems = RwSignal::new(Vec::<FieldProblem>::new());
    let busy = RwSignal::new(false);
    {
        let draft_key = draft_key.clone();
        Effect::new(move |_| {
            let draft = (role.get(), name.get(), staff_name.get());
            if let (Some(key), Some(draft)) = (&draft_key, json::to_string(&draft)) {
                device_store::set(key, &draft);
            }
        });
    }

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let chosen = role.get_untracked();
        let cooperative = name.get_untracked().trim().to_owned();
        let staff = staff_name.get_untracked().trim().to_owned();
        let mut found = Vec::new();
        if chosen.is_empty() {
            found.push(FieldProblem {
                field_id: "role-supplier",
                message: Key::RoleEmpty.into(),
            });
        } else if chosen == "coop_staff" {
            for (field_id, typed, message) in [
                ("cooperative-name", &cooperative, Key::CoopNameEmpty),
                ("staff-name", &staff, Key::StaffNameEmpty),
            ] {
                if typed.is_empty() {
                    found.push(FieldProblem {
                        field_id,
                        message: message.into(),
                    });
                }
            }
        }
        if !found.is_empty() {
            problems.set(found);
            return;
        }
        busy.set(true);
        let draft_key = draft_key.clone();
        spawn_local(async move {
            let is_staff = chosen == "coop_staff";
            let result = with_sign_in_again(session, || {
                auth::choose_role(auth::RoleChoice {
                    role: &chosen,
                    cooperative_name: is_staff.then_some(cooperative.as_str()),
                    name: is_staff.then_some(staff.as_str()),
                })
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
                <TextField
                    id="staff-name"
                    label=Key::StaffNameLabel
                    hint=Key::StaffNameHint
                    value=staff_name
                    error=Signal::derive(move || problem_for(&problems.get(), "staff-name"))
                    autocomplete="name"
                />
            </Show>
            <button type="submit" class="button" disabled=move || busy.get()>
                {tr(Key::Continue)}
            </button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_reads_back_as_typed_and_an_older_one_too() {
        let typed = ("coop_staff", "Koperasi Tani | Ternak", "Rina");
        let draft = json::to_string(&typed).unwrap();
        assert_eq!(
            read_draft(&draft),
            (typed.0.into(), typed.1.into(), typed.2.into())
        );
        assert_eq!(
            read_draft("coop_staff|Koperasi Tani Makmur"),
            (
                "coop_staff".into(),
                "Koperasi Tani Makmur".into(),
                String::new()
            )
        );
        assert_eq!(read_draft(""), Default::default());
    }
}
