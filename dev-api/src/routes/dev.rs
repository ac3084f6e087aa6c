//! Dev-only endpoints (`--dev`): read the last one-time code, act as reviewer.

use axum::extract::{Query, State};
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::id::Id;
use crate::problem::{ApiResult, Json, Problem};
use crate::routes::supplier::overview;
use crate::state::{rfc3339, AppState};
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
    Ok(Json(overview(&connection, id)?))
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
    let today = rfc3339(state.now())[..10].to_owned();
    crate::routes::documents::load(&connection, None, id, &today)?
        .map(Json)
        .ok_or_else(Problem::not_found)
}
