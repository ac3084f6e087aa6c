//! The account area: `/` (what Rantai is for; once signed in, the owner's
//! task list with what cooperative staff filled in for them; staff go on to
//! their members) and `/login` (sign in by
//! one-time code, and the role question asked once).
//!
//! The rest of the app reaches this area only through its `render_*`
//! entries: sign-in (`/login`, and again in the session dialog) and home
//! are two lazily loaded chunks, so a visitor on a phone downloads sign-in
//! and not home, a signed-in person home and not sign-in.

mod coop_links;
mod home;
mod login;
pub mod resend_button;
mod role_choice;
pub mod sign_in;
mod sign_out_notice;
mod staff_trail;
mod task_list;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::i18n::{tr, Key};
use crate::routes::Page;
use crate::session::use_session;
use home::Home;
use login::Login;
use sign_in::SignInFlow;

/// Signing in again in place, for the session dialog: the same person's
/// number is filled in, and the page behind keeps everything typed. Someone
/// else at a shared computer signs the person out instead, and every trace
/// of them on this device goes, then signs in themselves.
#[component]
fn SignInAgain() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let not_you = move |_| {
        session.sign_out();
        navigate(&Page::Login { next: None }.href(), Default::default());
    };
    let phone = session
        .me
        .get_untracked()
        .map(|me| me.phone)
        .unwrap_or_default();
    view! {
        <SignInFlow
            phone=phone
            now_ms=session.now_ms
            on_signed_in=Callback::new(move |me| session.signed_in(me))
        />
        <p>
            <button type="button" class="button button--quiet" on:click=not_you>
                {tr(Key::NotYouWipe)}
            </button>
        </p>
    }
}

/// `/login`.
pub fn render_login() -> AnyView {
    view! { <Login /> }.into_any()
}

/// Signing in again, in the session dialog.
pub fn render_sign_in_again() -> AnyView {
    view! { <SignInAgain /> }.into_any()
}

/// The role question (`lazy::role_question`: a chunk of its own, drawn on
/// `/login` once a first sign-in needs it).
pub fn render_role_question(on_chosen: Callback<crate::api::auth::Me>) -> AnyView {
    view! { <role_choice::RoleChoice on_chosen=on_chosen /> }.into_any()
}

/// `/`.
pub fn render_home() -> AnyView {
    view! { <Home /> }.into_any()
}
