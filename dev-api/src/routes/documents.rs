//! Certificates and legal papers: each points at a finished upload and goes
//! `uploaded` → `in_review` → `verified` / `rejected` (with a reason) /
//! `expired` (past its expiry date).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::id::Id;
use crate::idempotency;
use crate::problem::{ApiResult, FieldError, Json, Problem};
use crate::reference::DOCUMENT_KINDS;
use crate::session::Session;
use crate::state::{rfc3339, AppState};
use crate::versioning::{if_match, versioned};

/// A document as the supplier describes it.
#[derive(Deserialize, Debug)]
pub struct DocumentInput {
    kind: String,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    issued_on: Option<String>,
    #[serde(default)]
    expires_on: Option<String>,
    upload_id: String,
}

fn date(value: &Option<String>) -> Option<Option<chrono::NaiveDate>> {
    value
        .as_ref()
        .map(|text| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
}

impl DocumentInput {
    fn problems(&self, connection: &Connection, supplier: i64) -> ApiResult<Vec<FieldError>> {
        let mut errors = Vec::new();
        if !DOCUMENT_KINDS.iter().any(|(code, _)| *code == self.kind) {
            errors.push(FieldError::new(
                "kind",
                "unknown",
                "Choose a kind of document from the list.",
            ));
        }
        if self
            .number
            .as_ref()
            .is_some_and(|n| n.chars().count() > 100)
        {
            errors.push(FieldError::new(
                "number",
                "length",
                "At most 100 characters.",
            ));
        }
        if self
            .issuer
            .as_ref()
            .is_some_and(|n| n.chars().count() > 200)
        {
            errors.push(FieldError::new(
                "issuer",
                "length",
                "At most 200 characters.",
            ));
        }
        let issued = date(&self.issued_on);
        let expires = date(&self.expires_on);
        if issued == Some(None) {
            errors.push(FieldError::new(
                "issued_on",
                "date",
                "A date like 2025-03-31.",
            ));
        }
        if expires == Some(None) {
            errors.push(FieldError::new(
                "expires_on",
                "date",
                "A date like 2028-03-31.",
            ));
        }
        if let (Some(Some(issued)), Some(Some(expires))) = (issued, expires) {
            if expires <= issued {
                errors.push(FieldError::new(
                    "expires_on",
                    "range",
                    "The expiry date comes after the issue date.",
                ));
            }
        }
        let upload: Option<(u64, u64)> = connection
            .query_row(
                "SELECT length, received FROM uploads WHERE id = ?1 AND supplier_id = ?2",
                params![self.upload_id, supplier],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        match upload {
            None => errors.push(FieldError::new(
                "upload_id",
                "unknown",
                "Upload the file first.",
            )),
            Some((length, received)) if received < length => errors.push(FieldError::new(
                "upload_id",
                "incomplete",
                "The file has not finished uploading.",
            )),
            Some(_) => {}
        }
        Ok(errors)
    }
}

/// What a reviewer checks on a document against its file.
const REVIEWED: [&str; 6] = [
    "kind",
    "number",
    "issuer",
    "issued_on",
    "expires_on",
    "upload_id",
];

const COLUMNS: &str =
    "d.id, d.kind, d.number, d.issuer, d.issued_on, d.expires_on, d.upload_id, d.status,
    d.rejection_reason, d.version, u.filename, u.content_type, u.length";

fn document_json(row: &rusqlite::Row<'_>, today: &str) -> rusqlite::Result<Value> {
    let expires: Option<String> = row.get(5)?;
    let mut status: String = row.get(7)?;
    if status == "verified" && expires.as_deref().is_some_and(|e| e < today) {
        status = "expired".into();
    }
    Ok(json!({
        "id": row.get::<_, i64>(0)?,
        "kind": row.get::<_, String>(1)?,
        "number": row.get::<_, Option<String>>(2)?,
        "issuer": row.get::<_, Option<String>>(3)?,
        "issued_on": row.get::<_, Option<String>>(4)?,
        "expires_on": expires,
        "upload_id": row.get::<_, String>(6)?,
        "status": status,
        "rejection_reason": row.get::<_, Option<String>>(8)?,
        "version": row.get::<_, i64>(9)?.to_string(),
        "file": {
            "name": row.get::<_, String>(10)?,
            "content_type": row.get::<_, Option<String>>(11)?.unwrap_or_else(|| "application/pdf".into()),
            "size": row.get::<_, i64>(12)?,
        },
    }))
}

fn today(state: &AppState) -> String {
    rfc3339(state.now())[..10].to_owned()
}

/// A document of `supplier` by id (any supplier when `None`: the reviewer).
pub fn load(
    connection: &Connection,
    supplier: Option<i64>,
    id: i64,
    today: &str,
) -> ApiResult<Option<Value>> {
    Ok(connection
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM documents d JOIN uploads u ON u.id = d.upload_id
                 WHERE d.id = ?1 AND (?2 IS NULL OR d.supplier_id = ?2)"
            ),
            params![id, supplier],
            |row| document_json(row, today),
        )
        .optional()?)
}

/// `GET /documents`
pub async fn list(State(state): State<AppState>, session: Session) -> ApiResult<Json<Value>> {
    let supplier = session.supplier_id()?;
    let today = today(&state);
    let connection = state.db()?;
    let items: Vec<Value> = connection
        .prepare(&format!(
            "SELECT {COLUMNS} FROM documents d JOIN uploads u ON u.id = d.upload_id
             WHERE d.supplier_id = ?1 ORDER BY d.id"
        ))?
        .query_map([supplier], |row| document_json(row, &today))?
        .collect::<Result<_, _>>()?;
    Ok(Json(json!({"items": items})))
}

/// `POST /documents` (with `Idempotency-Key`)
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let supplier = session.supplier_id()?;
    let key = idempotency::key(&headers)?;
    let input: DocumentInput =
        serde_json::from_slice(&body).map_err(|e| Problem::bad_request(e.to_string()))?;
    let scope = format!("supplier:{supplier}");
    let fingerprint = idempotency::fingerprint("POST /documents", &body);
    let mut connection = state.db()?;
    let transaction = connection.transaction()?;
    if let Some((status, body)) = idempotency::replay(&transaction, &scope, &key, &fingerprint)? {
        return Ok(versioned(status, body));
    }
    let errors = input.problems(&transaction, supplier)?;
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    let now = rfc3339(state.now());
    transaction.execute(
        "INSERT INTO documents (supplier_id, kind, number, issuer, issued_on, expires_on, upload_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![supplier, input.kind, input.number, input.issuer, input.issued_on, input.expires_on, input.upload_id, now],
    )?;
    let id = transaction.last_insert_rowid();
    let document = load(&transaction, Some(supplier), id, &now[..10])?
        .ok_or_else(|| Problem::internal("document vanished"))?;
    idempotency::remember(
        &transaction,
        &scope,
        &key,
        &fingerprint,
        StatusCode::CREATED,
        &document,
    )?;
    crate::audit::record(
        &transaction,
        &session,
        supplier,
        "POST /documents",
        &crate::audit::created(&document),
        &now,
    )?;
    transaction.commit()?;
    Ok(versioned(StatusCode::CREATED, document))
}

/// `GET /documents/{id}`
pub async fn read(
    State(state): State<AppState>,
    session: Session,
    Id(id): Id,
) -> ApiResult<Response> {
    let supplier = session.supplier_id()?;
    let document =
        load(&*state.db()?, Some(supplier), id, &today(&state))?.ok_or_else(Problem::not_found)?;
    Ok(versioned(StatusCode::OK, document))
}

/// `PUT /documents/{id}` (with `If-Match`): new details or a new file send
/// a rejected or expired document back to `uploaded`.
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Id(id): Id,
    headers: HeaderMap,
    Json(input): Json<DocumentInput>,
) -> ApiResult<Response> {
    let supplier = session.supplier_id()?;
    let today = today(&state);
    let connection = state.db()?;
    let current = load(&connection, Some(supplier), id, &today)?.ok_or_else(Problem::not_found)?;
    if !if_match(&headers)?.matches(current["version"].as_str().unwrap_or("")) {
        return Ok(versioned(StatusCode::PRECONDITION_FAILED, current));
    }
    let errors = input.problems(&connection, supplier)?;
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    let details = |document: &Value| {
        json!({
            "kind": document["kind"],
            "number": document["number"],
            "issuer": document["issuer"],
            "issued_on": document["issued_on"],
            "expires_on": document["expires_on"],
            "upload_id": document["upload_id"],
        })
    };
    let before = details(&current);
    let after = json!({
        "kind": input.kind,
        "number": input.number,
        "issuer": input.issuer,
        "issued_on": input.issued_on,
        "expires_on": input.expires_on,
        "upload_id": input.upload_id,
    });
    let changed = crate::audit::changes(&before, &after);
    // A reviewer checked these against the file: a verified document, or one
    // being reviewed, goes back to the queue when any of them changes.
    let reviewed = matches!(current["status"].as_str(), Some("verified" | "in_review"));
    let reset_by: Vec<&str> = if reviewed {
        REVIEWED
            .iter()
            .copied()
            .filter(|field| before[*field] != after[*field])
            .collect()
    } else {
        Vec::new()
    };
    let back_to_uploaded =
        matches!(current["status"].as_str(), Some("rejected" | "expired")) || !reset_by.is_empty();
    connection.execute(
        "UPDATE documents SET kind = ?1, number = ?2, issuer = ?3, issued_on = ?4, expires_on = ?5,
            upload_id = ?6, version = version + 1,
            status = CASE WHEN ?7 THEN 'uploaded' ELSE status END,
            rejection_reason = CASE WHEN ?7 THEN NULL ELSE rejection_reason END
         WHERE id = ?8",
        params![
            input.kind,
            input.number,
            input.issuer,
            input.issued_on,
            input.expires_on,
            input.upload_id,
            back_to_uploaded,
            id
        ],
    )?;
    let now = rfc3339(state.now());
    crate::audit::record(
        &connection,
        &session,
        supplier,
        &format!("PUT /documents/{id}"),
        &changed,
        &now,
    )?;
    if !reset_by.is_empty() {
        crate::audit::record(
            &connection,
            &session,
            supplier,
            &format!("review_reset /documents/{id}"),
            &[json!({"field": "status", "old": current["status"], "new": "uploaded"})],
            &now,
        )?;
    }
    let mut document =
        load(&connection, Some(supplier), id, &today)?.ok_or_else(Problem::not_found)?;
    document["review_reset_by"] = json!(reset_by);
    Ok(versioned(StatusCode::OK, document))
}

/// `DELETE /documents/{id}`
pub async fn delete(
    State(state): State<AppState>,
    session: Session,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    super::delete_owned(&state, &session, "documents", id)
}
