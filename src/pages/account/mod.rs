//! The account area: `/` (what Rantai is for; once signed in, the owner's
//! task list or the cooperative's members) and `/login` (sign in by
//! one-time code, and the role question asked once).
//!
//! The rest of the app reaches this area only through [`render`].

mod home;
mod login;
mod role_choice;
mod task_list;

use leptos::prelude::*;

use crate::components::sign_in::SignInFlow;
use crate::routes::AccountPage;
use crate::session::use_session;
use home::Home;
use login::Login;

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

/// The view of `page`.
pub fn render(page: AccountPage) -> AnyView {
    match page {
        AccountPage::Home => view! { <Home /> }.into_any(),
        AccountPage::Login => view! { <Login /> }.into_any(),
        AccountPage::SignInAgain => view! { <SignInAgain /> }.into_any(),
    }
}
