//! `/tenders/*`: procurement a supplier can win. The results, searched and
//! filtered in the address; a tender in full with the eligibility check
//! against the supplier's own profile, documents and products; save,
//! interest and share; the saved tenders. Search and a tender's page are
//! public (as LPSE listings are); the rest needs a supplier.
//!
//! The rest of the app reaches this area only through [`render_list`] and
//! [`render_tender`], two lazily loaded chunks.

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

/// `/tenders` and `/tenders/saved`: the results.
pub fn render_list(saved: bool) -> AnyView {
    // From the results a person most likely opens a tender.
    crate::lazy::prefetch(vec![crate::lazy::Area::Tenders(TendersPage::Detail)]);
    view! { <TenderList saved=saved /> }.into_any()
}

/// `/tenders/<id>`: a tender with the eligibility check (a chunk of its own,
/// so that a shared link opens without the search's code).
pub fn render_tender() -> AnyView {
    view! { <TenderPage /> }.into_any()
}
