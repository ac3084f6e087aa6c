//! `/coop/*`: a cooperative's members.

use serde::Deserialize;

use super::{ApiError, ApiRequest, Cancel};

/// One member and how far their onboarding is.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Member {
    /// The member's supplier id (`None` until the member confirms the link).
    pub supplier_id: Option<i64>,
    /// The owner's name.
    pub owner_name: String,
    /// The business's name, once known.
    pub business_name: Option<String>,
    /// Verification status (`None` until the member confirms the link).
    pub status: Option<String>,
    /// Profile sections complete (0 to 4).
    pub sections_complete: u8,
}

/// A page of members.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct MemberPage {
    /// The members.
    pub items: Vec<Member>,
    /// How many in all.
    pub total: u32,
}

/// `GET /coop/members`
pub async fn members(cancel: &Cancel) -> Result<MemberPage, ApiError> {
    ApiRequest::get("/coop/members?per_page=100")
        .cancel_on(cancel)
        .fetch_json()
        .await
}
