//! `/supplier`: the onboarding overview behind the home task list.

use serde::Deserialize;

use super::{ApiError, ApiRequest, Cancel};

/// One section's state.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct SectionState {
    /// All its required fields are filled in.
    pub complete: bool,
    /// Its version ("0" before the first save).
    pub version: String,
}

/// The four profile sections.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Sections {
    /// Business.
    pub business: SectionState,
    /// Owner.
    pub owner: SectionState,
    /// Address.
    pub address: SectionState,
    /// Bank.
    pub bank: SectionState,
}

/// A reviewer's reason for asking for a change.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ReviewReason {
    /// `section.field`, e.g. `business.npwp`.
    pub field: String,
    /// What to fix, in the reviewer's words.
    pub message: String,
}

/// The supplier's onboarding overview.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Overview {
    /// `draft`, `submitted`, `in_review`, `approved` or `changes_requested`.
    pub status: String,
    /// Each section's state.
    pub sections: Sections,
    /// The reviewer's reasons, when changes are requested.
    pub reasons: Vec<ReviewReason>,
    /// How many products.
    pub products: u32,
    /// How many documents.
    pub documents: u32,
}

/// `GET /supplier`
pub async fn overview(cancel: &Cancel) -> Result<Overview, ApiError> {
    ApiRequest::get("/supplier")
        .cancel_on(cancel)
        .fetch_json()
        .await
}
