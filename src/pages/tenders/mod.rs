//! `/tenders/*`: procurement a supplier can win. The results, searched and
//! filtered in the address; a tender in full with the eligibility check
//! against the supplier's own profile, documents and products; save,
//! interest and share; the saved tenders. Search and a tender's page are
//! public (as LPSE listings are); the rest needs a supplier.
//!
//! The rest of the app reaches this area only through [`render`], one
//! lazily loaded chunk.

mod actions;
pub mod card;
mod detail;
mod eligibility;
mod facts;
mod filters;
mod list;
mod memory;
mod messages;

use leptos::prelude::*;

use crate::routes::TendersPage;
use detail::TenderPage;
use list::TenderList;

/// `/tenders`, `/tenders/saved` and `/tenders/<id>`.
pub fn render(page: TendersPage) -> AnyView {
    match page {
        TendersPage::List => view! { <TenderList saved=false /> }.into_any(),
        TendersPage::Saved => view! { <TenderList saved=true /> }.into_any(),
        TendersPage::Detail => view! { <TenderPage /> }.into_any(),
    }
}
