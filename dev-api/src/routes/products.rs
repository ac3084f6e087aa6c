//! The supplier's product catalog: paged search, idempotent create, a bulk
//! import that reports per row, read, update with If-Match, delete. A SKU
//! is the supplier's own code for a product: no two of their products share
//! one (compared trimmed, without case), so it can name a product in a
//! spreadsheet or a tender's item list.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::id::Id;
use crate::idempotency;
use crate::problem::{ApiResult, FieldError, Json, Problem};
use crate::reference::CATEGORIES;
use crate::routes::supplier::audit;
use crate::routes::tenders::paging;
use crate::session::Session;
use crate::state::{rfc3339, AppState};
use crate::versioning::{if_match, versioned};
use rantai::domain::product::{self, Field, Issue, Kind};
use rantai::domain::tkdn::{Tkdn, TkdnError};
use rantai::domain::unit::Unit;

/// A product as the supplier writes it.
#[derive(Deserialize, Serialize, Clone, Debug)]
pub struct ProductInput {
    name: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    description: Option<String>,
    unit: String,
    price: i64,
    #[serde(default = "one")]
    min_order: i64,
    #[serde(default)]
    stock: Option<i64>,
    #[serde(default)]
    lead_time_days: Option<i64>,
    #[serde(default)]
    tkdn_percent: Option<f64>,
    #[serde(default)]
    halal: bool,
    #[serde(default)]
    sku: Option<String>,
    #[serde(default)]
    photo_upload_ids: Vec<String>,
}

fn one() -> i64 {
    1
}

/// An English sentence for a shared product rule's issue.
fn message(issue: Issue) -> String {
    match issue {
        Issue::Required => "Required.".to_owned(),
        Issue::TooLong { max } => format!("At most {max} characters."),
        Issue::ControlCharacter => "No tabs, line breaks or other control characters.".to_owned(),
        Issue::UnknownCategory => "Choose a category from the list.".to_owned(),
        Issue::UnknownUnit => "Choose a unit from the list.".to_owned(),
        Issue::OutOfRange { min, max } => format!("A whole number from {min} to {max}."),
        Issue::Tkdn(TkdnError::TooManyDecimals) => "At most two decimals.".to_owned(),
        Issue::Tkdn(_) => "0 to 100.".to_owned(),
        Issue::Money(_) | Issue::NotAWholeNumber | Issue::NotYesNo => {
            "Not a valid value.".to_owned()
        }
    }
}

/// `value` against `field`'s range in the shared field table.
fn out_of_range(field: Field, value: i64) -> Option<Issue> {
    let (min, max) = match field.spec().kind {
        Kind::Count { min, max } => (min, max),
        Kind::Price => (0, product::MAX_PRICE),
        _ => return None,
    };
    let inside = u64::try_from(value).is_ok_and(|v| (min..=max).contains(&v));
    (!inside).then_some(Issue::OutOfRange { min, max })
}

/// The field error of a SKU another of the supplier's products has.
fn sku_taken(prefix: &str) -> FieldError {
    FieldError::new(
        format!("{prefix}sku"),
        "taken",
        "Another of your products has this SKU.",
    )
}

/// Whether a write was refused by the unique index on SKUs (a save that
/// raced past the check in `problems`: answered like the check); any other
/// failure is an error.
fn refused_for_sku(written: rusqlite::Result<usize>) -> ApiResult<bool> {
    match written {
        Ok(_) => Ok(false),
        Err(error)
            if error
                .sqlite_error()
                .is_some_and(|e| e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE) =>
        {
            Ok(true)
        }
        Err(error) => Err(error.into()),
    }
}

impl ProductInput {
    /// The field errors of this product (empty when valid), `prefix` before
    /// each field: the shared rules of `rantai::domain::product`, plus the
    /// category list, the photos and whether the SKU is taken, which only
    /// the server knows. `own` is the product being updated (its own SKU is
    /// not a clash).
    fn problems(
        &self,
        connection: &Connection,
        supplier: i64,
        own: Option<i64>,
        prefix: &str,
    ) -> ApiResult<Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut error = |field: &str, code: &'static str, message: &str| {
            errors.push(FieldError::new(format!("{prefix}{field}"), code, message));
        };
        let mut issue =
            |field: Field, issue: Issue| error(field.name(), issue.code(), &message(issue));
        let any_category = |typed: &str| Some(typed.to_owned());
        let texts = [
            (Field::Name, Some(&self.name)),
            (Field::Description, self.description.as_ref()),
            (Field::Sku, self.sku.as_ref()),
        ];
        if self.name.trim().is_empty() {
            issue(Field::Name, Issue::Required);
        }
        for (field, text) in texts {
            if let Some(Err(problem)) =
                text.map(|t| product::read(field.spec().kind, t, &any_category))
            {
                issue(field, problem);
            }
        }
        if Unit::from_code(&self.unit).is_none() {
            issue(Field::Unit, Issue::UnknownUnit);
        }
        if let Some(category) = &self.category {
            if !CATEGORIES.iter().any(|(code, _, _)| code == category) {
                issue(Field::Category, Issue::UnknownCategory);
            }
        }
        let numbers = [
            (Field::Price, Some(self.price)),
            (Field::MinOrder, Some(self.min_order)),
            (Field::Stock, self.stock),
            (Field::LeadTimeDays, self.lead_time_days),
        ];
        for (field, value) in numbers {
            if let Some(problem) = value.and_then(|v| out_of_range(field, v)) {
                issue(field, problem);
            }
        }
        if let Some(Err(problem)) = self.tkdn_percent.map(Tkdn::from_wire) {
            issue(Field::Tkdn, Issue::Tkdn(problem));
        }
        if self.photo_upload_ids.len() > 8 {
            error("photo_upload_ids", "length", "At most 8 photos.");
        }
        for (index, id) in self.photo_upload_ids.iter().enumerate() {
            let kind: Option<Option<String>> = connection
                .query_row(
                    "SELECT content_type FROM uploads WHERE id = ?1 AND supplier_id = ?2 AND received = length",
                    params![id, supplier],
                    |row| row.get(0),
                )
                .optional()?;
            match kind {
                Some(Some(kind)) if kind.starts_with("image/") => {}
                Some(_) => error(
                    &format!("photo_upload_ids.{index}"),
                    "format",
                    "A photo is a JPEG, PNG or WebP.",
                ),
                None => error(
                    &format!("photo_upload_ids.{index}"),
                    "unknown",
                    "No finished upload with this id.",
                ),
            }
        }
        let sku_readable = !errors.iter().any(|e| e.field == format!("{prefix}sku"));
        if let Some(key) = self.sku_key().filter(|_| sku_readable) {
            let holder: Option<i64> = connection
                .query_row(
                    "SELECT id FROM products WHERE supplier_id = ?1 AND sku_key = ?2 AND id IS NOT ?3",
                    params![supplier, key, own],
                    |row| row.get(0),
                )
                .optional()?;
            if holder.is_some() {
                errors.push(sku_taken(prefix));
            }
        }
        Ok(errors)
    }

    /// The SKU as SKUs are compared: trimmed, lower case; None when empty.
    fn sku_key(&self) -> Option<String> {
        let key = self.sku.as_deref()?.trim().to_lowercase();
        (!key.is_empty()).then_some(key)
    }

    fn search_text(&self) -> String {
        format!(
            "{} {} {}",
            self.name,
            self.sku.as_deref().unwrap_or(""),
            self.description.as_deref().unwrap_or("")
        )
        .to_lowercase()
    }
}

fn product_json(id: i64, data: &str, version: i64, created: &str, updated: &str) -> Value {
    let mut product: Value = serde_json::from_str(data).unwrap_or_else(|_| json!({}));
    product["id"] = json!(id);
    product["version"] = json!(version.to_string());
    product["created_at"] = json!(created);
    product["updated_at"] = json!(updated);
    product
}

fn load(connection: &Connection, supplier: i64, id: i64) -> ApiResult<Option<(Value, i64)>> {
    Ok(connection
        .query_row(
            "SELECT data, version, created_at, updated_at FROM products WHERE id = ?1 AND supplier_id = ?2",
            params![id, supplier],
            |row| {
                let version: i64 = row.get(1)?;
                Ok((product_json(id, &row.get::<_, String>(0)?, version, &row.get::<_, String>(2)?, &row.get::<_, String>(3)?), version))
            },
        )
        .optional()?)
}

/// Stores a new product; None when its SKU turned out to be taken.
fn insert(
    connection: &Connection,
    supplier: i64,
    input: &ProductInput,
    now: &str,
) -> ApiResult<Option<Value>> {
    let data = serde_json::to_string(input).map_err(Problem::internal)?;
    if refused_for_sku(connection.execute(
        "INSERT INTO products (supplier_id, data, search, sku_key, version, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5)",
        params![supplier, data, input.search_text(), input.sku_key(), now],
    ))? {
        return Ok(None);
    }
    Ok(Some(product_json(
        connection.last_insert_rowid(),
        &data,
        1,
        now,
        now,
    )))
}

#[derive(Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    page: Option<u32>,
    per_page: Option<u32>,
}

/// `GET /products`
pub async fn list(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<ListQuery>,
) -> ApiResult<Json<Value>> {
    let supplier = session.supplier_id()?;
    let (page, per_page) = paging(query.page, query.per_page)?;
    let q = query.q.unwrap_or_default();
    if q.chars().count() > 100 {
        return Err(Problem::bad_request("q is at most 100 characters"));
    }
    let pattern = format!("%{}%", q.trim().to_lowercase().replace(['%', '_'], ""));
    let connection = state.db()?;
    let total: i64 = connection.query_row(
        "SELECT COUNT(*) FROM products WHERE supplier_id = ?1 AND search LIKE ?2",
        params![supplier, pattern],
        |row| row.get(0),
    )?;
    let offset = i64::from(page - 1) * i64::from(per_page);
    let items: Vec<Value> = connection
        .prepare(
            "SELECT id, data, version, created_at, updated_at FROM products
             WHERE supplier_id = ?1 AND search LIKE ?2 ORDER BY id DESC LIMIT ?3 OFFSET ?4",
        )?
        .query_map(params![supplier, pattern, per_page, offset], |row| {
            Ok(product_json(
                row.get(0)?,
                &row.get::<_, String>(1)?,
                row.get(2)?,
                &row.get::<_, String>(3)?,
                &row.get::<_, String>(4)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(Json(
        json!({"items": items, "total": total, "page": page, "per_page": per_page}),
    ))
}

/// `POST /products` (with `Idempotency-Key`)
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let supplier = session.supplier_id()?;
    let key = idempotency::key(&headers)?;
    let input: ProductInput =
        serde_json::from_slice(&body).map_err(|e| Problem::bad_request(e.to_string()))?;
    let scope = format!("supplier:{supplier}");
    let fingerprint = idempotency::fingerprint("POST /products", &body);
    let mut connection = state.db()?;
    let transaction = connection.transaction()?;
    if let Some((status, body)) = idempotency::replay(&transaction, &scope, &key, &fingerprint)? {
        return Ok(versioned(status, body));
    }
    let errors = input.problems(&transaction, supplier, None, "")?;
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    let now = rfc3339(state.now());
    let product = insert(&transaction, supplier, &input, &now)?
        .ok_or_else(|| Problem::invalid(vec![sku_taken("")]))?;
    idempotency::remember(
        &transaction,
        &scope,
        &key,
        &fingerprint,
        StatusCode::CREATED,
        &product,
    )?;
    crate::audit::record(
        &transaction,
        &session,
        supplier,
        "POST /products",
        &crate::audit::created(&product),
        &now,
    )?;
    transaction.commit()?;
    Ok(versioned(StatusCode::CREATED, product))
}

#[derive(Deserialize)]
pub struct Bulk {
    items: Vec<Value>,
}

/// `POST /products/bulk` (with `Idempotency-Key`): valid rows are created,
/// invalid ones reported, in one transaction. A row is created before the
/// next is checked, so a SKU an earlier row of the import took is taken.
pub async fn import(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let supplier = session.supplier_id()?;
    let key = idempotency::key(&headers)?;
    let bulk: Bulk =
        serde_json::from_slice(&body).map_err(|e| Problem::bad_request(e.to_string()))?;
    if bulk.items.is_empty() || bulk.items.len() > 500 {
        return Err(Problem::bad_request("Send 1 to 500 items."));
    }
    if let Some(row) = bulk.items.iter().position(|item| !item.is_object()) {
        return Err(Problem::bad_request(format!("Row {row} is not an object.")));
    }
    let scope = format!("supplier:{supplier}");
    let fingerprint = idempotency::fingerprint("POST /products/bulk", &body);
    let mut connection = state.db()?;
    let transaction = connection.transaction()?;
    if let Some((_, body)) = idempotency::replay(&transaction, &scope, &key, &fingerprint)? {
        return Ok(Json(body));
    }
    let now = rfc3339(state.now());
    let mut results = Vec::with_capacity(bulk.items.len());
    for (row, item) in bulk.items.into_iter().enumerate() {
        let prefix = format!("items.{row}.");
        let errors = match serde_json::from_value::<ProductInput>(item) {
            Ok(input) => {
                let mut errors = input.problems(&transaction, supplier, None, &prefix)?;
                if errors.is_empty() {
                    match insert(&transaction, supplier, &input, &now)? {
                        Some(product) => {
                            results.push(json!({"row": row, "status": "created", "product": product, "errors": []}));
                            continue;
                        }
                        None => errors.push(sku_taken(&prefix)),
                    }
                }
                errors
            }
            Err(error) => vec![FieldError::new(
                format!("items.{row}"),
                "type",
                error.to_string(),
            )],
        };
        results.push(json!({"row": row, "status": "invalid", "product": null, "errors": errors}));
    }
    let answer = json!({"results": results});
    idempotency::remember(
        &transaction,
        &scope,
        &key,
        &fingerprint,
        StatusCode::OK,
        &answer,
    )?;
    audit(
        &transaction,
        &session,
        supplier,
        "POST /products/bulk",
        &now,
    )?;
    transaction.commit()?;
    Ok(Json(answer))
}

/// `GET /products/{id}`
pub async fn read(
    State(state): State<AppState>,
    session: Session,
    Id(id): Id,
) -> ApiResult<Response> {
    let supplier = session.supplier_id()?;
    let (product, _) = load(&*state.db()?, supplier, id)?.ok_or_else(Problem::not_found)?;
    Ok(versioned(StatusCode::OK, product))
}

/// `PUT /products/{id}` (with `If-Match`)
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Id(id): Id,
    headers: HeaderMap,
    Json(input): Json<ProductInput>,
) -> ApiResult<Response> {
    let supplier = session.supplier_id()?;
    let connection = state.db()?;
    let (current, version) = load(&connection, supplier, id)?.ok_or_else(Problem::not_found)?;
    if !if_match(&headers)?.matches(&version.to_string()) {
        return Ok(versioned(StatusCode::PRECONDITION_FAILED, current));
    }
    let errors = input.problems(&connection, supplier, Some(id), "")?;
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    let now = rfc3339(state.now());
    let data = serde_json::to_string(&input).map_err(Problem::internal)?;
    if refused_for_sku(connection.execute(
        "UPDATE products SET data = ?1, search = ?2, sku_key = ?3, version = version + 1, updated_at = ?4
         WHERE id = ?5",
        params![data, input.search_text(), input.sku_key(), now, id],
    ))? {
        return Err(Problem::invalid(vec![sku_taken("")]));
    }
    let (product, _) = load(&connection, supplier, id)?.ok_or_else(Problem::not_found)?;
    let mut before = current.clone();
    let mut after = product.clone();
    for derived in ["version", "updated_at"] {
        before[derived] = Value::Null;
        after[derived] = Value::Null;
    }
    crate::audit::record(
        &connection,
        &session,
        supplier,
        &format!("PUT /products/{id}"),
        &crate::audit::changes(&before, &after),
        &now,
    )?;
    Ok(versioned(StatusCode::OK, product))
}

/// `DELETE /products/{id}`
pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    super::delete_owned(&state, &session, "products", id)
}
