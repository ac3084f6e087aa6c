//! `/tenders`: procurement of BUMN and government buyers. Search and detail
//! are public; saving and interest need a session.
//!
//! ```ignore
//! let found = tenders::search(&TenderQuery::parse("q=batik"), false, &cancel).await?;
//! let tender = tenders::get(found.items[0].id, &cancel).await?;
//! tenders::set_saved(tender.summary.id, true).await?;
//! ```

use serde::{Deserialize, Serialize};

use super::{ApiError, ApiRequest, Cancel, Method};
use crate::domain::deadline::Deadline;
use crate::domain::document::DocumentKind;
use crate::domain::eligibility::Requirements;
use crate::domain::tender_query::{TenderQuery, TenderStatus};
use crate::domain::tkdn::Tkdn;

/// How many tenders a page of results holds.
pub const PER_PAGE: u32 = 20;

/// A region as the contract names it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Region {
    /// Its code (`34`).
    pub code: String,
    /// Its name (`DI Yogyakarta`).
    pub name: String,
}

/// A tender as the results list it (`Tender` in the contract).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Tender {
    /// Its id.
    pub id: i64,
    /// What is bought.
    pub title: String,
    /// The BUMN or government unit buying.
    pub buyer: String,
    /// A product category's code.
    pub category: String,
    /// Where it is.
    pub province: Region,
    /// The budget ceiling (HPS), whole rupiah.
    pub hps: u64,
    /// The deadline, with the buyer's offset.
    pub deadline: String,
    /// `open`, `closing_soon` or `closed`.
    pub status: String,
    /// Saved by this supplier.
    pub saved: bool,
    /// KBLI codes, any one of which will do.
    #[serde(default)]
    pub required_kbli: Vec<String>,
    /// Kinds of document it needs.
    #[serde(default)]
    pub required_documents: Vec<String>,
    /// The least TKDN of the goods.
    #[serde(default)]
    pub min_tkdn_percent: Option<f64>,
}

impl Tender {
    /// Its deadline, read (`None` if the server wrote something else).
    pub fn deadline(&self) -> Option<Deadline> {
        Deadline::parse(&self.deadline)
    }

    /// Its status.
    pub fn status(&self) -> Option<TenderStatus> {
        TenderStatus::from_code(&self.status)
    }

    /// What it asks of a supplier, for the eligibility check.
    pub fn requirements(&self) -> Requirements {
        Requirements {
            kbli: self.required_kbli.clone(),
            documents: self
                .required_documents
                .iter()
                .filter_map(|code| DocumentKind::from_code(code))
                .collect(),
            min_tkdn: self
                .min_tkdn_percent
                .and_then(|percent| Tkdn::from_wire(percent).ok()),
            deadline: self.deadline().map(|deadline| deadline.day),
        }
    }
}

/// An attachment of a tender (its name and size; the buyer's portal has it).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Attachment {
    /// Its file name.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
}

/// A tender with everything the contract has (`TenderDetail`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TenderDetail {
    /// What the list shows.
    #[serde(flatten)]
    pub summary: Tender,
    /// The scope of work, in the buyer's words.
    pub description: String,
    /// Where the goods go.
    pub delivery_location: String,
    /// Its attachments.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// This supplier registered interest.
    pub interested: bool,
}

/// A page of results.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct TenderPage {
    /// The tenders.
    pub items: Vec<Tender>,
    /// How many match in all.
    pub total: u32,
    /// This page, from 1.
    pub page: u32,
    /// Tenders per page.
    pub per_page: u32,
}

/// The request for `query` (only the saved tenders if `saved`); what the
/// query leaves out is the contract's default too.
pub fn search_path(query: &TenderQuery, saved: bool) -> String {
    let mut path = format!("/tenders?per_page={PER_PAGE}");
    if saved {
        path.push_str("&saved=true");
    }
    let rest = query.to_query();
    if !rest.is_empty() {
        path.push('&');
        path.push_str(&rest);
    }
    path
}

/// `GET /tenders`
pub async fn search(
    query: &TenderQuery,
    saved: bool,
    cancel: &Cancel,
) -> Result<TenderPage, ApiError> {
    ApiRequest::get(search_path(query, saved))
        .cancel_on(cancel)
        .fetch_json()
        .await
}

/// `GET /tenders/{id}`
pub async fn get(id: i64, cancel: &Cancel) -> Result<TenderDetail, ApiError> {
    ApiRequest::get(format!("/tenders/{id}"))
        .cancel_on(cancel)
        .fetch_json()
        .await
}

/// `PUT` or `DELETE /tenders/{id}/saved`: both may be repeated safely.
pub async fn set_saved(id: i64, saved: bool) -> Result<(), ApiError> {
    let method = if saved { Method::Put } else { Method::Delete };
    ApiRequest::new(method, format!("/tenders/{id}/saved"))
        .send()
        .await
        .map(|_| ())
}

#[derive(Serialize)]
struct InterestInput<'a> {
    note: Option<&'a str>,
}

/// `PUT /tenders/{id}/interest`, with an optional note to the buyer.
pub async fn register_interest(id: i64, note: &str) -> Result<(), ApiError> {
    let note = note.trim();
    ApiRequest::put(format!("/tenders/{id}/interest"))
        .json(&InterestInput {
            note: (!note.is_empty()).then_some(note),
        })
        .send()
        .await
        .map(|_| ())
}
