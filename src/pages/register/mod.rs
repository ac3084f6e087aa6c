//! `/register/*`: the supplier registration wizard. One topic per page
//! (business, owner, address, bank), then check your answers and submit.
//! Every page keeps what is typed on the device as it is typed and sends
//! it when left ([`crate::profile_sync`]); steps can be done in any order.
//!
//! The rest of the app reaches this area only through its `render_*`
//! entries, one lazily loaded chunk per step.

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
use crate::i18n::Message;
use crate::lazy::Area;
use crate::profile_sync::{provide_profile_sync, ProfileSync};
use crate::routes::RegisterPage;
use address::AddressStep;
use bank::BankStep;
use business::BusinessStep;
use check::CheckStep;
use owner::OwnerStep;

/// `/register/business`.
pub fn render_business() -> AnyView {
    step(
        RegisterPage::Step(Section::Business),
        || view! { <BusinessStep /> },
    )
}

/// `/register/owner`.
pub fn render_owner() -> AnyView {
    step(
        RegisterPage::Step(Section::Owner),
        || view! { <OwnerStep /> },
    )
}

/// `/register/address`.
pub fn render_address() -> AnyView {
    step(
        RegisterPage::Step(Section::Address),
        || view! { <AddressStep /> },
    )
}

/// `/register/bank`.
pub fn render_bank() -> AnyView {
    step(RegisterPage::Step(Section::Bank), || view! { <BankStep /> })
}

/// `/register/check`.
pub fn render_check() -> AnyView {
    step(RegisterPage::Check, || view! { <CheckStep /> })
}

/// The business step's KBLI picker (`lazy::kbli`: a chunk of its own, drawn
/// after the step's other fields).
pub fn render_kbli(chosen: RwSignal<String>, error: Signal<Option<Message>>) -> AnyView {
    view! { <kbli::KbliPicker chosen=chosen error=error /> }.into_any()
}

/// A step's page. The first time the area opens it brings the profile's
/// draft sync, which then lives as long as the app; after the page, the
/// other steps' code is fetched, so the next one opens at once (also
/// offline, once fetched: the service worker keeps it).
fn step<V: IntoView + 'static>(page: RegisterPage, view: impl FnOnce() -> V) -> AnyView {
    // First: the step's components find the sync in their context.
    start_draft_sync();
    let others = RegisterPage::ALL.into_iter().filter(|other| *other != page);
    crate::lazy::prefetch(others.map(Area::Register).collect());
    view().into_any()
}

/// Starts the profile's draft sync, unless it runs already: it lives as long
/// as the app and sends what the device holds unsent whenever it can. The
/// app starts it without opening the wizard when this device holds drafts.
pub fn start_draft_sync() {
    app_wide(use_context::<ProfileSync>, provide_profile_sync);
}
