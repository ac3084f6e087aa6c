//! `/members/*`: the cooperative staff's workspace. The roster of the
//! cooperative's members with how far each is, adding a member (who
//! confirms with the code sent to their phone), and acting for a member:
//! the wizard, catalog and documents then work for that member exactly as
//! for an owner, under the shell's banner. Staff only: an owner's account
//! is told so (and the API refuses it too).
//!
//! The rest of the app reaches this area only through [`render`], one
//! lazily loaded chunk.

mod add_member;
mod member_card;
mod messages;
mod roster;
mod staff_name;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, Key};
use crate::routes::{CoopPage, Page};
use crate::session::use_session;
use add_member::AddMember;
use roster::Roster;

/// `/members` and `/members/new`, for cooperative staff.
pub fn render(page: CoopPage) -> AnyView {
    view! { <StaffOnly page=page /> }.into_any()
}

/// The page for staff; for anyone else, what this page is and the way home.
#[component]
fn StaffOnly(
    /// Which page.
    page: CoopPage,
) -> impl IntoView {
    let session = use_session();
    let staff = Memo::new(move |_| {
        session
            .me
            .with(|me| me.as_ref().is_some_and(|me| me.is_staff()))
    });
    move || {
        if !staff.get() {
            return view! {
                <h1>{tr(Key::StaffOnlyTitle)}</h1>
                <p>{tr(Key::StaffOnlyBody)}</p>
                <p>
                    <A href=Page::Home.href()>{tr(Key::BackHome)}</A>
                </p>
            }
            .into_any();
        }
        match page {
            CoopPage::Roster => view! { <Roster /> }.into_any(),
            CoopPage::AddMember => view! { <AddMember /> }.into_any(),
        }
    }
}
