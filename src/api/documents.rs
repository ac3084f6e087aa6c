//! `/documents`: the supplier's papers and certificates, each pointing at a
//! finished upload.
//!
//! ```ignore
//! let wallet = documents::list(&cancel).await?;
//! let saved = documents::create(&draft, &upload_id, &key).await?;          // Idempotency-Key
//! let saved = documents::update(saved.id, &draft, &upload_id, &saved.etag()).await?; // If-Match
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::client::api_base;
use super::{json, ApiError, ApiRequest, Cancel};
use crate::domain::calendar::Day;
use crate::domain::document::DocumentKind;
use crate::domain::document_form::{wire_number, wire_percent, Draft, Field};
use crate::domain::document_status::{Brief, Status};

/// The file a document points at.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct FileInfo {
    /// Its name as chosen.
    pub name: String,
    /// `application/pdf`, `image/jpeg`, `image/png` or `image/webp`.
    pub content_type: String,
    /// Bytes.
    pub size: u64,
    /// A PDF's pages, when the server could count them.
    #[serde(default)]
    pub pages: Option<u32>,
}

/// A document as the server has it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Document {
    /// Its id.
    pub id: i64,
    /// Its kind's code.
    pub kind: String,
    /// Its number.
    #[serde(default)]
    pub number: Option<String>,
    /// Who issued it.
    #[serde(default)]
    pub issuer: Option<String>,
    /// When (`YYYY-MM-DD`).
    #[serde(default)]
    pub issued_on: Option<String>,
    /// Its last valid day (`YYYY-MM-DD`).
    #[serde(default)]
    pub expires_on: Option<String>,
    /// A TKDN certificate's local content, percent.
    #[serde(default)]
    pub tkdn_percent: Option<f64>,
    /// A TKDN certificate's BMP, percent.
    #[serde(default)]
    pub bmp_percent: Option<f64>,
    /// The upload holding its file.
    pub upload_id: String,
    /// `uploaded`, `in_review`, `verified`, `rejected` or `expired`.
    pub status: String,
    /// Why the reviewer refused it.
    #[serde(default)]
    pub rejection_reason: Option<String>,
    /// Its version (the `ETag` without quotes).
    pub version: String,
    /// Only in a save's answer: what sent it back to review.
    #[serde(default)]
    pub review_reset_by: Vec<String>,
    /// Its file.
    pub file: FileInfo,
}

impl Document {
    /// The `ETag` of this version, as `If-Match` wants it.
    pub fn etag(&self) -> String {
        format!("\"{}\"", self.version)
    }

    /// Its kind (`Other` for a kind this app does not know).
    pub fn kind(&self) -> DocumentKind {
        DocumentKind::from_code(&self.kind).unwrap_or(DocumentKind::Other)
    }

    /// What the wallet and home need of it.
    pub fn brief(&self) -> Brief {
        BriefWire {
            id: self.id,
            kind: self.kind.clone(),
            status: self.status.clone(),
            expires_on: self.expires_on.clone(),
            rejection_reason: self.rejection_reason.clone(),
        }
        .brief()
    }

    /// Its values as the form shows them (`40,5` for a percentage).
    pub fn draft(&self) -> Draft {
        let percent = |value: Option<f64>| {
            value
                .and_then(|p| crate::domain::tkdn::Tkdn::from_wire(p).ok())
                .map(|p| p.to_indonesian())
        };
        let values = [
            (Field::Kind, Some(self.kind.clone())),
            (Field::Number, self.number.clone()),
            (Field::Issuer, self.issuer.clone()),
            (Field::IssuedOn, self.issued_on.clone()),
            (Field::ExpiresOn, self.expires_on.clone()),
            (Field::Tkdn, percent(self.tkdn_percent)),
            (Field::Bmp, percent(self.bmp_percent)),
        ];
        values
            .into_iter()
            .filter_map(|(field, value)| Some((field.name().to_owned(), value?)))
            .filter(|(_, value)| !value.is_empty())
            .collect()
    }
}

/// A document in the overview's short list (`documents_brief`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct BriefWire {
    /// Its id.
    pub id: i64,
    /// Its kind's code.
    pub kind: String,
    /// Its status's code.
    pub status: String,
    /// Its last valid day.
    #[serde(default)]
    pub expires_on: Option<String>,
    /// Why the reviewer refused it.
    #[serde(default)]
    pub rejection_reason: Option<String>,
}

impl BriefWire {
    /// As the domain reads it.
    pub fn brief(&self) -> Brief {
        Brief {
            id: self.id,
            kind: DocumentKind::from_code(&self.kind).unwrap_or(DocumentKind::Other),
            status: Status::from_code(&self.status),
            expires_on: self.expires_on.as_deref().and_then(Day::parse),
            rejection_reason: self.rejection_reason.clone(),
        }
    }
}

/// A value as sent: what parses goes as its type, the rest as typed so the
/// server's 422 names it.
#[derive(Serialize)]
#[serde(untagged)]
enum Sent {
    Text(String),
    Percent(f64),
    Null,
}

/// The JSON of a `DocumentInput` for `values` and the file `upload_id`.
pub fn to_wire(values: &Draft, upload_id: &str) -> String {
    let typed = |field: Field| values.get(field.name()).map_or("", |v| v.trim());
    let tkdn = typed(Field::Kind) == DocumentKind::Tkdn.code();
    let mut body: BTreeMap<&str, Sent> = BTreeMap::new();
    for field in Field::ALL {
        let value = typed(field);
        let sent = match field {
            Field::File => Sent::Text(upload_id.to_owned()),
            Field::Tkdn | Field::Bmp if !tkdn || value.is_empty() => Sent::Null,
            Field::Tkdn | Field::Bmp => {
                wire_percent(value).map_or_else(|| Sent::Text(value.to_owned()), Sent::Percent)
            }
            _ if value.is_empty() => Sent::Null,
            Field::Number => Sent::Text(wire_number(values)),
            _ => Sent::Text(value.to_owned()),
        };
        body.insert(field.name(), sent);
    }
    json::to_string(&body).unwrap_or_else(|| "{}".to_owned())
}

#[derive(Deserialize)]
struct Wallet {
    items: Vec<Document>,
}

/// Every document of the supplier.
pub async fn list(cancel: &Cancel) -> Result<Vec<Document>, ApiError> {
    let wallet: Wallet = ApiRequest::get("/documents")
        .cancel_on(cancel)
        .fetch_json()
        .await?;
    Ok(wallet.items)
}

/// One document.
pub async fn get(id: i64, cancel: &Cancel) -> Result<Document, ApiError> {
    ApiRequest::get(format!("/documents/{id}"))
        .cancel_on(cancel)
        .fetch_json()
        .await
}

/// Records a document; `key` makes a repeat return the first result.
pub async fn create(values: &Draft, upload_id: &str, key: &str) -> Result<Document, ApiError> {
    ApiRequest::post("/documents")
        .json_text(to_wire(values, upload_id))
        .idempotency_key(key)
        .fetch_json()
        .await
}

/// Replaces a document's details or file, if the server still has `etag`.
pub async fn update(
    id: i64,
    values: &Draft,
    upload_id: &str,
    etag: &str,
) -> Result<Document, ApiError> {
    ApiRequest::put(format!("/documents/{id}"))
        .json_text(to_wire(values, upload_id))
        .if_match(etag)
        .fetch_json()
        .await
}

/// Removes a document (also when it already was).
pub async fn delete(id: i64) -> Result<(), ApiError> {
    ApiRequest::delete(format!("/documents/{id}"))
        .send()
        .await
        .map(|_| ())
}

/// The document's file, to open or download.
pub fn file_url(upload_id: &str) -> String {
    format!("{}/uploads/{}/file", api_base(), encode(upload_id))
}

fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text)
        .as_string()
        .unwrap_or_default()
}
