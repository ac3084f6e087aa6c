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

use crate::routes::AccountPage;
use home::Home;
use login::Login;

/// The view of `page`.
pub fn render(page: AccountPage) -> AnyView {
    match page {
        AccountPage::Home => view! { <Home /> }.into_any(),
        AccountPage::Login => view! { <Login /> }.into_any(),
    }
}
