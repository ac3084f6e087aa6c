//! The account area: `/` (what Rantai is for; once signed in, the owner's
//! task list or the cooperative's members) and `/login` (sign in by
//! one-time code, and the role question asked once).
//!
//! The rest of the app reaches this area only through [`render`].

mod coop_links;
mod home;
mod login;
mod role_choice;
mod sign_out_notice;
mod task_list;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::sign_in::SignInFlow;
use crate::i18n::{tr, Key};
use crate::routes::{AccountPage, Page};
use crate::session::use_session;
use home::Home;
use login::Login;

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

/// The view of `page`.
pub fn render(page: AccountPage) -> AnyView {
    match page {
        AccountPage::Home => view! { <Home /> }.into_any(),
        AccountPage::Login => view! { <Login /> }.into_any(),
        AccountPage::SignInAgain => view! { <SignInAgain /> }.into_any(),
    }
}
