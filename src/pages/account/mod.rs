//! The account area: `/` (what Rantai is for; once signed in, the owner's
//! task list or the cooperative's members) and `/login` (sign in by
//! one-time code, and the role question asked once).
//!
//! The rest of the app reaches this area only through its `render_*`
//! entries: sign-in (`/login`, and again in the session dialog) and home
//! are two lazily loaded chunks, so a visitor on a phone downloads sign-in
//! and not home, a signed-in person home and not sign-in.

mod home;
mod login;
pub mod resend_button;
mod role_choice;
pub mod sign_in;
mod task_list;

use leptos::prelude::*;

use crate::session::use_session;
use home::Home;
use login::Login;
use sign_in::SignInFlow;

/// Signing in again in place, for the session dialog: the same person's
/// number is filled in, and the page behind keeps everything typed.
#[component]
fn SignInAgain() -> impl IntoView {
    let session = use_session();
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

/// `/`.
pub fn render_home() -> AnyView {
    view! { <Home /> }.into_any()
}
