//! Wraps a page (or an area's routes) that needs a session: signed out, the
//! person goes to `/login?next=<this page>` ([`login_path`]) and comes back
//! here after signing in.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::i18n::{tr, Key};
use crate::routes::login_path;
use crate::session::{use_session, SessionState};

/// The page, once the session is known to be there; else the way to sign in.
/// An expired session keeps the page (and what is typed in it): the session
/// dialog signs the person in again in place.
#[component]
pub fn RequireSession(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    move || match session.state.get() {
        SessionState::Checking => view! { <p>{tr(Key::Loading)}</p> }.into_any(),
        SessionState::SignedOut => {
            let path = login_path(
                &location.pathname.get_untracked(),
                &location.search.get_untracked(),
            );
            view! { <Redirect path=path /> }.into_any()
        }
        SessionState::SignedIn | SessionState::Expired => children().into_any(),
    }
}
