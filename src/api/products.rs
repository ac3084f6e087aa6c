//! `/products`: the supplier's catalog.
//!
//! ```ignore
//! let page = products::list(&ListQuery { q: "keripik".into(), page: 1 }, &cancel).await?;
//! let saved = products::create(&draft, &key).await?;   // Idempotency-Key
//! let saved = products::update(saved.id, &draft, &saved.etag).await?; // If-Match
//! ```
//!
//! The form edits a product as a [`Draft`] of text, the way it was typed;
//! [`to_wire`] writes the JSON the contract expects and [`Product::draft`]
//! turns the server's product back into text the form shows.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::client::api_base;
use super::{json, ApiError, ApiRequest, Cancel, FieldError};
use crate::domain::draft_sync::PHOTOS;
use crate::domain::money::{group_thousands, parse_rupiah};
use crate::domain::product::{Draft, Field, Kind};
use crate::domain::product_import::batch_key;
use crate::domain::quantity::parse_count;
use crate::domain::tkdn::Tkdn;
use crate::domain::unit::Unit;

/// Products per page of the list.
pub const PER_PAGE: u32 = 20;

/// A product as the server has it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Product {
    /// Its id.
    pub id: i64,
    /// Its version (the `ETag` without quotes).
    pub version: String,
    /// Its name.
    pub name: String,
    /// Its category code.
    #[serde(default)]
    pub category: Option<String>,
    /// What it is.
    #[serde(default)]
    pub description: Option<String>,
    /// Its unit's code.
    pub unit: String,
    /// Whole rupiah per unit.
    pub price: u64,
    /// The fewest units an order takes.
    #[serde(default = "one")]
    pub min_order: u64,
    /// Units in stock.
    #[serde(default)]
    pub stock: Option<u64>,
    /// Days from order to delivery.
    #[serde(default)]
    pub lead_time_days: Option<u64>,
    /// Local content, percent.
    #[serde(default)]
    pub tkdn_percent: Option<f64>,
    /// Halal certified.
    #[serde(default)]
    pub halal: bool,
    /// The supplier's own code.
    #[serde(default)]
    pub sku: Option<String>,
    /// Its photos' upload ids, the main one first.
    #[serde(default)]
    pub photo_upload_ids: Vec<String>,
}

fn one() -> u64 {
    1
}

impl Product {
    /// The `ETag` of this version, as `If-Match` wants it.
    pub fn etag(&self) -> String {
        format!("\"{}\"", self.version)
    }

    /// Its values as the form shows them (`15.000`, `40,5`), photos as a
    /// comma-separated list of upload ids.
    pub fn draft(&self) -> Draft {
        let mut draft = Draft::new();
        let mut put = |field: Field, value: Option<String>| {
            if let Some(value) = value.filter(|v| !v.is_empty()) {
                draft.insert(field.name().to_owned(), value);
            }
        };
        put(Field::Name, Some(self.name.clone()));
        put(Field::Category, self.category.clone());
        put(Field::Description, self.description.clone());
        put(Field::Unit, Some(self.unit.clone()));
        put(Field::Price, Some(group_thousands(self.price)));
        put(Field::MinOrder, Some(group_thousands(self.min_order)));
        put(Field::Stock, self.stock.map(group_thousands));
        put(
            Field::LeadTimeDays,
            self.lead_time_days.map(|d| d.to_string()),
        );
        put(
            Field::Tkdn,
            self.tkdn_percent
                .and_then(|p| Tkdn::from_wire(p).ok())
                .map(Tkdn::to_indonesian),
        );
        put(Field::Halal, Some(self.halal.to_string()));
        put(Field::Sku, self.sku.clone());
        if !self.photo_upload_ids.is_empty() {
            draft.insert(PHOTOS.to_owned(), self.photo_upload_ids.join(","));
        }
        draft
    }
}

/// One page of the list.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ProductPage {
    /// The products on it, newest first.
    pub items: Vec<Product>,
    /// How many products match in all.
    pub total: u32,
    /// This page's number, from 1.
    pub page: u32,
    /// Products per page.
    pub per_page: u32,
}

/// A value as sent: what parses goes as its type, the rest as typed so the
/// server's 422 names it.
#[derive(Serialize)]
#[serde(untagged)]
enum Sent {
    Text(String),
    Number(u64),
    Percent(f64),
    Bool(bool),
    Null,
    Photos(Vec<String>),
}

/// The JSON of a `ProductInput` for `values`.
pub fn to_wire(values: &Draft) -> String {
    let mut body: BTreeMap<&str, Sent> = BTreeMap::new();
    for field in Field::ALL {
        let spec = field.spec();
        let typed = values.get(spec.name).map(|v| v.trim()).unwrap_or("");
        let as_typed = || Sent::Text(typed.to_owned());
        let sent = match spec.kind {
            _ if typed.is_empty() && field == Field::Halal => Sent::Bool(false),
            _ if typed.is_empty() && field == Field::MinOrder => Sent::Number(1),
            _ if typed.is_empty() => Sent::Null,
            Kind::Unit => Unit::parse(typed).map_or_else(as_typed, |u| Sent::Text(u.code().into())),
            Kind::Price => match parse_rupiah(typed) {
                Ok(Some(amount)) => Sent::Number(amount),
                _ => as_typed(),
            },
            Kind::Count { .. } => parse_count(typed).map_or_else(as_typed, Sent::Number),
            Kind::Tkdn => match Tkdn::parse(typed) {
                Ok(Some(tkdn)) => Sent::Percent(tkdn.to_wire()),
                _ => as_typed(),
            },
            Kind::YesNo => {
                crate::domain::product::parse_yes_no(typed).map_or_else(as_typed, Sent::Bool)
            }
            Kind::Text(_) | Kind::Sku(_) | Kind::Category => as_typed(),
        };
        body.insert(spec.name, sent);
    }
    let photos = photo_ids(values);
    body.insert("photo_upload_ids", Sent::Photos(photos));
    json::to_string(&body).unwrap_or_else(|| "{}".to_owned())
}

/// The upload ids in a draft's photo list, the main one first.
pub fn photo_ids(values: &Draft) -> Vec<String> {
    values
        .get(PHOTOS)
        .map(|ids| {
            ids.split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// What the list shows: words in the name or SKU, and the page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    /// Words to look for (empty: every product).
    pub q: String,
    /// The page, from 1.
    pub page: u32,
}

/// A page of the supplier's products.
pub async fn list(query: &ListQuery, cancel: &Cancel) -> Result<ProductPage, ApiError> {
    let mut path = format!("/products?page={}&per_page={PER_PAGE}", query.page.max(1));
    if !query.q.trim().is_empty() {
        path.push_str("&q=");
        path.push_str(&encode(query.q.trim()));
    }
    ApiRequest::get(path).cancel_on(cancel).fetch_json().await
}

/// One product.
pub async fn get(id: i64, cancel: &Cancel) -> Result<Product, ApiError> {
    ApiRequest::get(format!("/products/{id}"))
        .cancel_on(cancel)
        .fetch_json()
        .await
}

/// Creates a product; `key` makes a repeat return the first result.
pub async fn create(values: &Draft, key: &str) -> Result<Product, ApiError> {
    ApiRequest::post("/products")
        .json_text(to_wire(values))
        .idempotency_key(key)
        .fetch_json()
        .await
}

/// Replaces a product's values, if the server still has version `etag`.
pub async fn update(id: i64, values: &Draft, etag: &str) -> Result<Product, ApiError> {
    ApiRequest::put(format!("/products/{id}"))
        .json_text(to_wire(values))
        .if_match(etag)
        .fetch_json()
        .await
}

/// Removes a product (also when it already was).
pub async fn delete(id: i64) -> Result<(), ApiError> {
    ApiRequest::delete(format!("/products/{id}"))
        .send()
        .await
        .map(|_| ())
}

/// What the server did with one imported row.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ImportResult {
    /// The row's index in the request's items, from 0.
    pub row: usize,
    /// `created` or `invalid`.
    pub status: String,
    /// Why an invalid row was refused.
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

#[derive(Deserialize)]
struct ImportAnswer {
    results: Vec<ImportResult>,
}

/// Creates the products of one batch of an import (each a `ProductInput`'s
/// JSON, see [`to_wire`]). The batch's `Idempotency-Key` comes from its
/// content, so the same rows sent again create nothing twice.
pub async fn import(items: &[String]) -> Result<Vec<ImportResult>, ApiError> {
    let body = format!("{{\"items\":[{}]}}", items.join(","));
    let key = batch_key(&body);
    let answer: ImportAnswer = ApiRequest::post("/products/bulk")
        .json_text(body)
        .idempotency_key(key)
        .timeout_ms(60_000)
        .fetch_json()
        .await?;
    Ok(answer.results)
}

/// The address of a photo's small version (at most 320 px), for lists.
pub fn thumbnail_url(upload_id: &str) -> String {
    format!("{}/uploads/{}/thumbnail", api_base(), encode(upload_id))
}

fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text)
        .as_string()
        .unwrap_or_default()
}

/// The product in a 412's body, as the form shows it.
pub fn draft_from_wire(text: &str) -> Option<Draft> {
    json::parse::<Product>(text).map(|product| product.draft())
}
