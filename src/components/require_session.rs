//! Wraps a page (or an area's routes) that needs a session: signed out, the
//! person goes to `/login?next=<this page>` ([`login_path`]) and comes back
//! here after signing in.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

use crate::i18n::{tr, Key};
use crate::routes::{login_path, Page};
use crate::session::{use_session, SessionState};

/// What a page that needs a session may show now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Access {
    /// Still asking the API who is signed in.
    Checking,
    /// Nobody is: sign in first.
    SignedOut,
    /// Signed in, but has not said yet whether they own an UMKM or work for
    /// a cooperative: the role question first.
    NeedsRole,
    /// Signed in without a supplier of their own (cooperative staff).
    NoSupplier,
    /// The page.
    Allowed,
}

/// The page, once the session is known to be there; else the way to sign in.
/// An expired session keeps the page (and what is typed in it): the session
/// dialog signs the person in again in place. The page is built once per
/// change of access, never again for a refreshed session.
#[component]
pub fn RequireSession(
    /// The page also needs the person's own supplier (the wizard, and later
    /// the catalog and documents): someone who has not chosen a role yet
    /// answers the role question first (`/login`) and comes back; someone
    /// without a supplier goes home. Nothing they type can then go unsaved.
    #[prop(optional)]
    needs_supplier: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    let access = Memo::new(move |_| match session.state.get() {
        SessionState::Checking => Access::Checking,
        SessionState::SignedOut => Access::SignedOut,
        SessionState::SignedIn | SessionState::Expired if needs_supplier => {
            session.me.with(|me| match me {
                Some(me) if me.supplier_id.is_some() => Access::Allowed,
                Some(me) if me.role.is_none() => Access::NeedsRole,
                Some(_) => Access::NoSupplier,
                None => Access::Checking,
            })
        }
        SessionState::SignedIn | SessionState::Expired => Access::Allowed,
    });
    let back_here = move || {
        login_path(
            &location.pathname.get_untracked(),
            &location.search.get_untracked(),
        )
    };
    move || match access.get() {
        Access::Checking => view! { <p>{tr(Key::Loading)}</p> }.into_any(),
        Access::SignedOut | Access::NeedsRole => view! { <Redirect path=back_here() /> }.into_any(),
        Access::NoSupplier => view! { <Redirect path=Page::Home.href() /> }.into_any(),
        Access::Allowed => children().into_any(),
    }
}
