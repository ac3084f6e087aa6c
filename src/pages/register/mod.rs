//! `/register/*`: the supplier registration wizard. One topic per page
//! (business, owner, address, bank), then check your answers and submit.
//! Every page keeps what is typed on the device as it is typed and sends
//! it when left ([`crate::profile_sync`]); steps can be done in any order.
//!
//! The rest of the app reaches this area only through [`render`].

mod address;
mod answers;
mod bank;
mod business;
mod check;
mod conflict;
mod kbli;
mod messages;
mod owner;
mod progress;
mod search_choice;
mod step_form;
mod step_page;

use leptos::prelude::*;

use crate::app_wide::app_wide;
use crate::domain::profile::Section;
use crate::profile_sync::{provide_profile_sync, ProfileSync};
use crate::routes::RegisterPage;
use address::AddressStep;
use bank::BankStep;
use business::BusinessStep;
use check::CheckStep;
use owner::OwnerStep;

/// The view of `page`. The first time the area opens it brings the
/// profile's draft sync, which then lives as long as the app.
pub fn render(page: RegisterPage) -> AnyView {
    start_draft_sync();
    match page {
        RegisterPage::Step(Section::Business) => view! { <BusinessStep /> }.into_any(),
        RegisterPage::Step(Section::Owner) => view! { <OwnerStep /> }.into_any(),
        RegisterPage::Step(Section::Address) => view! { <AddressStep /> }.into_any(),
        RegisterPage::Step(Section::Bank) => view! { <BankStep /> }.into_any(),
        RegisterPage::Check => view! { <CheckStep /> }.into_any(),
    }
}

/// Starts the profile's draft sync, unless it runs already: it lives as long
/// as the app and sends what the device holds unsent whenever it can. The
/// app starts it without opening the wizard when this device holds drafts.
pub fn start_draft_sync() {
    app_wide(use_context::<ProfileSync>, provide_profile_sync);
}
