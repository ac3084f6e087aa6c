//! The header's account control: "Sign in", or "Sign out" for the person
//! signed in.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::i18n::{tr, Key};
use crate::routes::Page;
use crate::session::{use_session, SessionState};

/// Sign in / sign out, as the session stands.
#[component]
pub fn Account() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let sign_out = move |_: leptos::ev::MouseEvent| {
        session.sign_out();
        navigate(&Page::Home.href(), Default::default());
    };
    let sign_in = Page::Login { next: None }.href();
    move || match session.state.get() {
        SessionState::Checking => ().into_any(),
        SessionState::SignedOut => view! {
            <A href=sign_in.clone() attr:class="button button--quiet site-header__account">
                {tr(Key::SignIn)}
            </A>
        }
        .into_any(),
        SessionState::SignedIn | SessionState::Expired => view! {
            <button
                on:click=sign_out.clone()
                type="button"
                class="button button--quiet site-header__account"
            >
                {tr(Key::SignOut)}
            </button>
        }
        .into_any(),
    }
}
