//! `/login?next=…`: sign in by one-time code, say once who you are, then go
//! back where you were going.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::role_choice::RoleChoice;
use crate::components::sign_in::SignInFlow;
use crate::i18n::{tr, Key};
use crate::session::{use_session, SessionState};

/// Where to go after signing in: `next` when it is a path of this app,
/// else home (never another site: `//evil.example` or `https://…`).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// The sign-in page.
#[component]
pub fn Login() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let next = Memo::new(move |_| safe_next(query.get().get("next").as_deref()));
    let needs_role = move || session.me.get().is_some_and(|me| me.role.is_none());
    Effect::new(move |_| {
        let ready = session.state.get() == SessionState::SignedIn && !needs_role();
        if ready {
            navigate(&next.get(), Default::default());
        }
    });
    let signed_in = Callback::new(move |me| session.signed_in(me));

    view! {
        {move || match session.state.get() {
            SessionState::Checking => view! { <p>{tr(Key::Loading)}</p> }.into_any(),
            SessionState::SignedIn | SessionState::Expired if needs_role() => {
                // Expired mid-form: the form stays; the session dialog signs in again.
                view! { <RoleChoice on_chosen=signed_in /> }
                    .into_any()
            }
            SessionState::SignedIn | SessionState::Expired => {
                view! { <p>{tr(Key::Loading)}</p> }.into_any()
            }
            SessionState::SignedOut => {
                view! {
                    <h1>{tr(Key::LoginTitle)}</h1>
                    <p>{tr(Key::LoginIntro)}</p>
                    <SignInFlow now_ms=session.now_ms on_signed_in=signed_in />
                }
                    .into_any()
            }
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_paths_of_this_app_are_followed_after_sign_in() {
        assert_eq!(
            safe_next(Some("/register/owner?x=1")),
            "/register/owner?x=1"
        );
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
