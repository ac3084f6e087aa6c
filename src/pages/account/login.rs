//! `/login?next=…`: sign in by one-time code, say once who you are, then go
//! back where you were going.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::sign_in::SignInFlow;
use super::sign_out_notice::SignOutNotice;
use crate::components::lazy_part::LazyPart;
use crate::i18n::{tr, Key};
use crate::routes::safe_next;
use crate::session::{use_session, SessionState};

/// The sign-in page.
#[component]
pub fn Login() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let next = Memo::new(move |_| safe_next(query.get().get("next").as_deref()));
    let needs_role = move || session.me.get().is_some_and(|me| me.role.is_none());
    // On the session's changes only: the address changing as this page goes
    // (to `next`, whose query has no `next`) must not send it elsewhere.
    Effect::new(move |_| {
        let ready = session.state.get() == SessionState::SignedIn && !needs_role();
        if ready {
            navigate(&next.get_untracked(), Default::default());
        }
    });
    let signed_in = Callback::new(move |me| session.signed_in(me));
    // The role question comes after a first sign-in: its code is fetched
    // while the number and the code are typed.
    crate::lazy::prefetch_part("role_question");

    view! {
        {move || match session.state.get() {
            SessionState::Checking => view! { <p>{tr(Key::Loading)}</p> }.into_any(),
            SessionState::SignedIn | SessionState::Expired if needs_role() => {
                // Expired mid-form: the form stays; the session dialog signs in again.
                view! {
                    <LazyPart
                        load=move || crate::lazy::role_question(signed_in)
                        loading=Key::Loading
                    />
                }
                    .into_any()
            }
            SessionState::SignedIn | SessionState::Expired => {
                view! { <p>{tr(Key::Loading)}</p> }.into_any()
            }
            SessionState::SignedOut => {
                view! {
                    <SignOutNotice />
                    <h1>{tr(Key::LoginTitle)}</h1>
                    <p>{tr(Key::LoginIntro)}</p>
                    <SignInFlow now_ms=session.now_ms on_signed_in=signed_in />
                }
                    .into_any()
            }
        }}
    }
}
