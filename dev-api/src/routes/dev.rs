//! Dev-only endpoints (`--dev`): read the last one-time code, act as
//! reviewer, add a tender, see what reached the server for an upload.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::id::Id;
use crate::problem::{ApiResult, Json, Problem};
use crate::reference::CATEGORIES;
use crate::routes::supplier::overview;
use crate::routes::uploads::arrivals;
use crate::state::AppState;
use rantai::domain::phone::normalize_mobile;

#[derive(Deserialize)]
pub struct OtpQuery {
    phone: String,
}

/// `GET /dev/otp?phone=%2B62…`: the last code sent to that number (kept in
/// memory: the database has only hashes).
pub async fn last_otp(
    State(state): State<AppState>,
    Query(query): Query<OtpQuery>,
) -> ApiResult<Json<Value>> {
    let phone = normalize_mobile(&query.phone).map_err(|_| Problem::not_found())?;
    let code = state
        .dev_codes
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(&phone)
        .cloned();
    code.map(|code| Json(json!({"code": code})))
        .ok_or_else(Problem::not_found)
}

#[derive(Deserialize)]
pub struct Review {
    decision: Decision,
    #[serde(default)]
    reasons: Vec<Reason>,
}

#[derive(Deserialize, serde::Serialize)]
pub struct Reason {
    field: String,
    message: String,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Decision {
    StartReview,
    Approve,
    RequestChanges,
}

/// `POST /dev/review/{id}`: the reviewer's decision on a submitted supplier.
pub async fn review_supplier(
    State(state): State<AppState>,
    Id(id): Id,
    Json(body): Json<Review>,
) -> ApiResult<Json<Value>> {
    let connection = state.db()?;
    let status: Option<String> = connection
        .query_row("SELECT status FROM suppliers WHERE id = ?1", [id], |row| {
            row.get(0)
        })
        .optional()?;
    let status = status.ok_or_else(Problem::not_found)?;
    if !matches!(status.as_str(), "submitted" | "in_review") {
        return Err(Problem::conflict(format!(
            "A {status} profile is not waiting for review."
        )));
    }
    let (next, reasons) = match body.decision {
        Decision::StartReview => ("in_review", Vec::new()),
        Decision::Approve => ("approved", Vec::new()),
        Decision::RequestChanges => {
            if body.reasons.is_empty()
                || body
                    .reasons
                    .iter()
                    .any(|r| r.message.trim().is_empty() || r.field.trim().is_empty())
            {
                return Err(Problem::invalid_field(
                    "reasons",
                    "required",
                    "Give each change a field and a reason.",
                ));
            }
            ("changes_requested", body.reasons)
        }
    };
    connection.execute(
        "UPDATE suppliers SET status = ?1, reasons = ?2 WHERE id = ?3",
        params![
            next,
            serde_json::to_string(&reasons).unwrap_or_else(|_| "[]".into()),
            id
        ],
    )?;
    let today = crate::routes::documents::today(&state);
    Ok(Json(overview(&connection, id, &today)?))
}

#[derive(Deserialize)]
pub struct DocumentReview {
    decision: DocumentDecision,
    #[serde(default)]
    reason: Option<String>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum DocumentDecision {
    StartReview,
    Verify,
    Reject,
}

/// `POST /dev/documents/{id}/review`: verify or reject a document.
pub async fn review_document(
    State(state): State<AppState>,
    Id(id): Id,
    Json(body): Json<DocumentReview>,
) -> ApiResult<Json<Value>> {
    let connection = state.db()?;
    let reason = body.reason.filter(|r| !r.trim().is_empty());
    let (status, reason) = match body.decision {
        DocumentDecision::StartReview => ("in_review", None),
        DocumentDecision::Verify => ("verified", None),
        DocumentDecision::Reject => match reason {
            Some(reason) if reason.chars().count() <= 500 => ("rejected", Some(reason)),
            _ => {
                return Err(Problem::invalid_field(
                    "reason",
                    "required",
                    "Say why the document is rejected.",
                ))
            }
        },
    };
    let changed = connection.execute(
        "UPDATE documents SET status = ?1, rejection_reason = ?2, version = version + 1 WHERE id = ?3",
        params![status, reason, id],
    )?;
    if changed == 0 {
        return Err(Problem::not_found());
    }
    let today = crate::routes::documents::today(&state);
    crate::routes::documents::load(&connection, None, id, &today)?
        .map(Json)
        .ok_or_else(Problem::not_found)
}

/// `GET /dev/uploads/{id}`: an upload's declared length, the bytes it kept,
/// and what reached the server for it: every byte read from its PATCH
/// bodies (kept or discarded) and how many PATCHes named it. Any supplier's
/// upload, without a session; 404 for one that does not exist (or no
/// longer does).
pub async fn upload_arrivals(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let stored: Option<(i64, i64)> = state
        .db()?
        .query_row(
            "SELECT length, received FROM uploads WHERE id = ?1",
            [&id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let (length, received) = stored.ok_or_else(Problem::not_found)?;
    let counts = arrivals::of(&state, &id);
    Ok(Json(json!({
        "length": length,
        "received": received,
        "arrived": counts.arrived,
        "patches": counts.patches,
    })))
}

/// The longest title, buyer or description `POST /dev/tenders` takes.
const MAX_TENDER_TEXT: usize = 10_000;

/// A tender to add: its title, and what differs from the defaults.
#[derive(Deserialize)]
pub struct NewTender {
    title: String,
    #[serde(default)]
    buyer: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    province: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    hps: Option<i64>,
    #[serde(default)]
    closes_in_days: Option<i64>,
}

/// `POST /dev/tenders`: adds a tender (what a test needs, e.g. a title
/// nobody would type); the rest has plain defaults: a BUMN buyer in DI
/// Yogyakarta, food, Rp100.000.000, closing in 30 days, no requirements.
pub async fn create_tender(
    State(state): State<AppState>,
    Json(body): Json<NewTender>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let buyer = body.buyer.unwrap_or_else(|| "PT Contoh Persero".into());
    let description = body.description.unwrap_or_default();
    let province = body.province.unwrap_or_else(|| "34".into());
    let category = body.category.unwrap_or_else(|| "makanan".into());
    let hps = body.hps.unwrap_or(100_000_000);
    let days = body.closes_in_days.unwrap_or(30);
    if body.title.trim().is_empty() {
        return Err(Problem::invalid_field(
            "title",
            "required",
            "Give the tender a title.",
        ));
    }
    for (field, text) in [
        ("title", &body.title),
        ("buyer", &buyer),
        ("description", &description),
    ] {
        if text.chars().count() > MAX_TENDER_TEXT {
            return Err(Problem::invalid_field(
                field,
                "length",
                "At most 10,000 characters.",
            ));
        }
    }
    if !CATEGORIES.iter().any(|(code, _, _)| *code == category) {
        return Err(Problem::invalid_field(
            "category",
            "unknown",
            "Not a category code.",
        ));
    }
    if !(0..=1_000_000_000_000_000).contains(&hps) || !(-365..=365).contains(&days) {
        return Err(Problem::bad_request(
            "hps is 0 to 10^15; closes_in_days -365 to 365",
        ));
    }
    let connection = state.db()?;
    let known: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM regions WHERE code = ?1 AND length(code) = 2)",
        [&province],
        |row| row.get(0),
    )?;
    if !known {
        return Err(Problem::invalid_field(
            "province",
            "unknown",
            "Not a province code.",
        ));
    }
    let now = state.now();
    let search = format!("{} {buyer} {description}", body.title).to_lowercase();
    connection.execute(
        "INSERT INTO tenders (title, buyer, category, province, hps, deadline, utc_offset_hours,
            published_at, description, delivery_location, required_kbli, required_documents,
            min_tkdn, attachments, search)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 7, ?7, ?8, ?9, '[]', '[]', NULL, '[]', ?10)",
        params![
            body.title,
            buyer,
            category,
            province,
            hps,
            now + days * 86_400,
            now,
            description,
            format!("Kantor {buyer}"),
            search
        ],
    )?;
    let id = connection.last_insert_rowid();
    connection.execute(
        "INSERT INTO tenders_fts (rowid, search) VALUES (?1, ?2)",
        params![id, search],
    )?;
    let tender = crate::routes::tenders::load(&connection, 0, id, now)?;
    tender
        .map(|tender| (StatusCode::CREATED, Json(tender)))
        .ok_or_else(Problem::not_found)
}
