//! `/coop/*`: a cooperative's members: the roster, inviting a member (who
//! confirms with a code), acting for one, and ending a link.
//!
//! ```ignore
//! let page = coop::members(&RosterQuery::default(), &cancel).await?;
//! let me = coop::act_for(page.items[0].supplier_id.unwrap()).await?; // saves now go to the member
//! ```

use serde::{Deserialize, Serialize};

use super::auth::Me;
use super::{ApiError, ApiRequest, Cancel, RetryPolicy};
use crate::domain::roster_query::RosterQuery;

/// How many members a page of the roster holds.
pub const PER_PAGE: u32 = 50;

/// One member and how far their onboarding is.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Member {
    /// The link between the cooperative and the member.
    pub link_id: i64,
    /// `pending` until the member confirms, then `confirmed`.
    pub link_status: String,
    /// The member's supplier id (`None` until the member confirms the link).
    pub supplier_id: Option<i64>,
    /// The owner's name.
    pub owner_name: String,
    /// The business's name, once known.
    pub business_name: Option<String>,
    /// The owner's number (E.164).
    pub phone: String,
    /// Verification status (`None` until the member confirms the link).
    pub status: Option<String>,
    /// Profile sections complete (0 to 4).
    pub sections_complete: u8,
    /// How many reviewer reasons are open.
    #[serde(default)]
    pub reasons: u32,
    /// How many documents are rejected, expired or expire soon.
    #[serde(default)]
    pub documents_attention: u32,
}

/// A page of members.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct MemberPage {
    /// The members.
    pub items: Vec<Member>,
    /// How many in all.
    pub total: u32,
    /// This page, from 1.
    pub page: u32,
    /// Members per page.
    pub per_page: u32,
}

/// `GET /coop/members` for a view of the roster.
pub async fn members(query: &RosterQuery, cancel: &Cancel) -> Result<MemberPage, ApiError> {
    let rest = query.to_query();
    let path = if rest.is_empty() {
        format!("/coop/members?per_page={PER_PAGE}")
    } else {
        format!("/coop/members?per_page={PER_PAGE}&{rest}")
    };
    ApiRequest::get(path).cancel_on(cancel).fetch_json().await
}

/// Who to invite (`MemberInput`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Invitation {
    /// The owner's name.
    pub owner_name: String,
    /// Their mobile number (E.164).
    pub phone: String,
    /// The business's name, if known.
    pub business_name: Option<String>,
}

/// `POST /coop/members`, once however often it is sent with `key`.
pub async fn invite(invitation: &Invitation, key: &str) -> Result<Member, ApiError> {
    ApiRequest::post("/coop/members")
        .json(invitation)
        .idempotency_key(key)
        .fetch_json()
        .await
}

#[derive(Serialize)]
struct LinkCode<'a> {
    code: &'a str,
}

/// `POST /coop/links/{id}/confirm` with the code the member read out. Not
/// retried: a code is used once.
pub async fn confirm(link_id: i64, code: &str) -> Result<Member, ApiError> {
    ApiRequest::post(format!("/coop/links/{link_id}/confirm"))
        .json(&LinkCode { code })
        .retry(RetryPolicy::NEVER)
        .fetch_json()
        .await
}

/// `POST /coop/links/{id}/code`: a new code to the member. Not retried: a
/// retry would send a second code.
pub async fn resend_code(link_id: i64) -> Result<(), ApiError> {
    ApiRequest::post(format!("/coop/links/{link_id}/code"))
        .retry(RetryPolicy::NEVER)
        .send()
        .await
        .map(|_| ())
}

/// `DELETE /coop/links/{id}`: withdraw an invitation or end a link.
pub async fn end_link(link_id: i64) -> Result<(), ApiError> {
    ApiRequest::delete(format!("/coop/links/{link_id}"))
        .send()
        .await
        .map(|_| ())
}

#[derive(Serialize)]
struct Acting {
    supplier_id: i64,
}

/// `PUT /coop/acting`: from now on this session reads and writes the
/// member's data; the answer is the session's person, acting.
pub async fn act_for(supplier_id: i64) -> Result<Me, ApiError> {
    ApiRequest::put("/coop/acting")
        .json(&Acting { supplier_id })
        .fetch_json()
        .await
}

/// `DELETE /coop/acting`: acting for nobody again.
pub async fn stop_acting() -> Result<Me, ApiError> {
    ApiRequest::delete("/coop/acting").fetch_json().await
}
