//! On the roster of staff who have given no name (accounts made before
//! staff were asked it with the role): members would read a masked number
//! on what staff filled in for them ("Diisi oleh ••••••••5432 …"), so the
//! roster asks for the name once, and says when it is saved.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::auth;
use crate::components::text_field::TextField;
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::session::{use_session, with_sign_in_again};

/// The question while the staff member has no name; then what was saved.
#[component]
pub fn StaffName() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let unnamed = Memo::new(move |_| {
        session.me.with(|me| {
            me.as_ref()
                .is_some_and(|me| me.is_staff() && me.name.is_none())
        })
    });
    let saved = RwSignal::new(None::<String>);
    view! {
        <Show when=move || unnamed.get()>
            <NameForm saved=saved />
        </Show>
        <p class="save-status" role="status">
            {move || {
                saved
                    .get()
                    .map(|name| {
                        Message::with(Key::StaffNameSaved, "name", name).render(i18n.lang.get())
                    })
            }}
        </p>
    }
}

/// The name field and its button.
#[component]
fn NameForm(
    /// Set to the name once the server has it.
    saved: RwSignal<Option<String>>,
) -> impl IntoView {
    let session = use_session();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<Message>);
    let saving = RwSignal::new(false);
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let typed = name.get_untracked().trim().to_owned();
        if saving.get_untracked() {
            return;
        }
        if typed.is_empty() {
            error.set(Some(Message::new(Key::StaffNameEmpty)));
            return;
        }
        saving.set(true);
        error.set(None);
        spawn_local(async move {
            match with_sign_in_again(session, || auth::set_name(&typed)).await {
                Ok(me) => {
                    saved.try_set(me.name.clone());
                    // Last: the form goes once the person has a name.
                    session.me.try_set(Some(me));
                }
                Err(failure) => {
                    error.try_set(Some(Message::new(failure.message_key())));
                    saving.try_set(false);
                }
            }
        });
    };
    view! {
        <section class="notice" aria-labelledby="staff-name-title">
            <h2 id="staff-name-title">{tr(Key::StaffNameMissingTitle)}</h2>
            <p>{tr(Key::StaffNameMissingBody)}</p>
            <form on:submit=save novalidate>
                <TextField
                    id="staff-name"
                    label=Key::StaffNameLabel
                    hint=Key::StaffNameHint
                    value=name
                    error=error
                    autocomplete="name"
                />
                <button type="submit" class="button" disabled=move || saving.get()>
                    {tr(Key::SaveStaffName)}
                </button>
            </form>
        </section>
    }
}
