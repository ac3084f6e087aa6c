//! Wraps a page that needs a session: signed out, the person goes to
//! `/login?next=<this page>` and comes back here after signing in.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::i18n::{tr, Key};
use crate::session::{use_session, SessionState};

/// `/login?next=…` for the page at `path` with its query (`search`, with
/// or without the leading `?`).
pub fn login_path(path: &str, search: &str) -> String {
    let query = match search {
        "" => String::new(),
        with_mark if with_mark.starts_with('?') => with_mark.to_owned(),
        without => format!("?{without}"),
    };
    let next: String = format!("{path}{query}")
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect();
    format!("/login?next={next}")
}

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

#[cfg(test)]
mod tests {
    use super::login_path;

    #[test]
    fn the_page_and_its_query_ride_along_encoded() {
        assert_eq!(
            login_path("/register/owner", ""),
            "/login?next=/register/owner"
        );
        assert_eq!(
            login_path("/tenders", "?q=batik&page=2"),
            "/login?next=/tenders%3Fq%3Dbatik%26page%3D2"
        );
        assert_eq!(
            login_path("/tenders", "q=batik"),
            "/login?next=/tenders%3Fq%3Dbatik"
        );
    }
}
