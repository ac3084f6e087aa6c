//! `/me/cooperative-links`: the cooperatives that support (or ask to
//! support) the signed-in owner, pending until the owner confirms.

use serde::Deserialize;

use super::auth::Cooperative;
use super::{ApiError, ApiRequest, Cancel};

/// A cooperative's link to the owner's supplier.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct CooperativeLink {
    /// The link, for confirming or ending it.
    pub id: i64,
    /// The cooperative.
    pub cooperative: Cooperative,
    /// `pending` until the owner confirms, then `confirmed`.
    pub status: LinkStatus,
}

/// Whether the owner has confirmed a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkStatus {
    /// The cooperative asked; its staff cannot see or change anything yet.
    Pending,
    /// The owner agreed: the cooperative's staff may act for them.
    Confirmed,
}

#[derive(Deserialize)]
struct Links {
    items: Vec<CooperativeLink>,
}

/// `GET /me/cooperative-links`, oldest first.
pub async fn mine(cancel: &Cancel) -> Result<Vec<CooperativeLink>, ApiError> {
    let links: Links = ApiRequest::get("/me/cooperative-links")
        .cancel_on(cancel)
        .fetch_json()
        .await?;
    Ok(links.items)
}

/// The owner's choice about link `id`: `POST /me/cooperative-links/{id}/confirm`
/// to approve it, `DELETE /me/cooperative-links/{id}` to refuse or end it.
pub async fn choose(id: i64, approve: bool) -> Result<(), ApiError> {
    let link = format!("/me/cooperative-links/{id}");
    let request = if approve {
        ApiRequest::post(format!("{link}/confirm"))
    } else {
        ApiRequest::delete(link)
    };
    request.send().await.map(|_| ())
}
