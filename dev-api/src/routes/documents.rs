//! Certificates and legal papers: each points at a finished upload and goes
//! `uploaded` → `in_review` → `verified` / `rejected` (with a reason);
//! any but a rejected one shows `expired` once its expiry date has passed.
//! Kinds that expire need their expiry date; a TKDN certificate carries its
//! TKDN and BMP percentages; a PDF's pages are counted when it is saved.

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
use crate::session::Session;
use crate::state::{rfc3339, AppState};
use crate::versioning::{if_match, versioned};
use rantai::domain::calendar::{Day, Zone, WARN_DAYS};
use rantai::domain::document::DocumentKind;
use rantai::domain::tkdn::{Tkdn, TkdnError};

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
    /// A TKDN certificate's local content, 0 to 100 %.
    #[serde(default)]
    tkdn_percent: Option<f64>,
    /// A TKDN certificate's BMP (company benefit weight), 0 to 15 %.
    #[serde(default)]
    bmp_percent: Option<f64>,
    upload_id: String,
}

/// The most BMP a TKDN certificate adds: 15 %.
const MAX_BMP: u16 = 1_500;

/// A TKDN certificate's figure (`tkdn_percent` or `bmp_percent`, at most
/// `max` hundredths), read with the catalog's TKDN rule
/// ([`Tkdn::from_wire`]: 0 to 100 with at most two decimals): its field
/// error, if any. Only a TKDN certificate has the figures, and it needs
/// both.
fn figure_problem(
    field: &'static str,
    value: Option<f64>,
    max: u16,
    kind: DocumentKind,
) -> Option<FieldError> {
    let range = || FieldError::new(field, "range", format!("From 0 to {}.", max / 100));
    match (kind, value) {
        (DocumentKind::Tkdn, None) => Some(FieldError::new(
            field,
            "required",
            "Copy it from the TKDN certificate.",
        )),
        (DocumentKind::Tkdn, Some(value)) => match Tkdn::from_wire(value) {
            Ok(figure) if figure.hundredths() <= max => None,
            Ok(_) => Some(range()),
            Err(TkdnError::TooManyDecimals) => {
                Some(FieldError::new(field, "decimals", "At most two decimals."))
            }
            Err(_) => Some(range()),
        },
        (_, None) => None,
        (_, Some(_)) => Some(FieldError::new(
            field,
            "not_applicable",
            "Only a TKDN certificate has this figure.",
        )),
    }
}

/// A valid figure in hundredths of a percent, as stored.
fn hundredths(value: Option<f64>) -> Option<u16> {
    value
        .and_then(|v| Tkdn::from_wire(v).ok())
        .map(Tkdn::hundredths)
}

/// Stored hundredths as the wire's number (`40.25`).
fn percent(hundredths: Option<u16>) -> Option<f64> {
    hundredths
        .and_then(Tkdn::from_hundredths)
        .map(Tkdn::to_wire)
}

fn date(value: &Option<String>) -> Option<Option<chrono::NaiveDate>> {
    value
        .as_ref()
        .map(|text| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
}

impl DocumentInput {
    fn problems(&self, connection: &Connection, supplier: i64) -> ApiResult<Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = DocumentKind::from_code(&self.kind);
        if kind.is_none() {
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
        if expires.is_none() && kind.is_some_and(DocumentKind::expires) {
            errors.push(FieldError::new(
                "expires_on",
                "required",
                "Copy the expiry date from the document.",
            ));
        }
        if let Some(kind) = kind {
            let figures = [
                ("tkdn_percent", self.tkdn_percent, Tkdn::MAX.hundredths()),
                ("bmp_percent", self.bmp_percent, MAX_BMP),
            ];
            for (field, value, max) in figures {
                errors.extend(figure_problem(field, value, max, kind));
            }
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
const REVIEWED: [&str; 8] = [
    "kind",
    "number",
    "issuer",
    "issued_on",
    "expires_on",
    "tkdn_percent",
    "bmp_percent",
    "upload_id",
];

const COLUMNS: &str =
    "d.id, d.kind, d.number, d.issuer, d.issued_on, d.expires_on, d.upload_id, d.status,
    d.rejection_reason, d.version, u.filename, u.content_type, u.length, d.tkdn_hundredths,
    d.bmp_hundredths, d.pages";

/// The status a document shows: the stored one, but `expired` once its
/// last valid day (`expires_on`) is before `today`, unless it was rejected
/// (the reason says what to fix; a new file or expiry date sends it back
/// to `uploaded` either way).
pub fn shown_status(stored: String, expires_on: Option<&str>, today: &str) -> String {
    let past = expires_on.is_some_and(|day| day < today);
    if past && stored != "rejected" {
        "expired".to_owned()
    } else {
        stored
    }
}

fn document_json(row: &rusqlite::Row<'_>, today: &str) -> rusqlite::Result<Value> {
    let expires: Option<String> = row.get(5)?;
    let status = shown_status(row.get(7)?, expires.as_deref(), today);
    Ok(json!({
        "id": row.get::<_, i64>(0)?,
        "kind": row.get::<_, String>(1)?,
        "number": row.get::<_, Option<String>>(2)?,
        "issuer": row.get::<_, Option<String>>(3)?,
        "issued_on": row.get::<_, Option<String>>(4)?,
        "expires_on": expires,
        "tkdn_percent": percent(row.get(13)?),
        "bmp_percent": percent(row.get(14)?),
        "upload_id": row.get::<_, String>(6)?,
        "status": status,
        "rejection_reason": row.get::<_, Option<String>>(8)?,
        "version": row.get::<_, i64>(9)?.to_string(),
        "file": {
            "name": row.get::<_, String>(10)?,
            "content_type": row.get::<_, Option<String>>(11)?.unwrap_or_else(|| "application/pdf".into()),
            "size": row.get::<_, i64>(12)?,
            "pages": row.get::<_, Option<u32>>(15)?,
        },
    }))
}

/// Today in Indonesia's western time (WIB), as the contract writes a date:
/// the day a document's expiry is compared with.
pub fn today(state: &AppState) -> String {
    Day::today(state.now() * 1000, Zone::Wib).iso()
}

/// The pages of upload `upload` when it is a PDF; None for an image, or
/// when none can be counted. Counted when a document is saved from its
/// upload and kept with the document, not on each read (a list would read
/// every file again); an upload's bytes never change once it finished.
fn pages(state: &AppState, connection: &Connection, upload: &str) -> ApiResult<Option<u32>> {
    let content_type: Option<Option<String>> = connection
        .query_row(
            "SELECT content_type FROM uploads WHERE id = ?1",
            [upload],
            |row| row.get(0),
        )
        .optional()?;
    Ok(match content_type.flatten().as_deref() {
        Some("application/pdf") => {
            crate::pdf::pages_in_file(&super::uploads::file_path(state, upload))
        }
        _ => None,
    })
}

/// Each document of `supplier` in brief, by id, for the supplier overview:
/// what the home page needs to warn of expiry dates and rejections.
pub fn brief(connection: &Connection, supplier: i64, today: &str) -> ApiResult<Vec<Value>> {
    Ok(connection
        .prepare(
            "SELECT id, kind, status, expires_on, rejection_reason FROM documents
             WHERE supplier_id = ?1 ORDER BY id",
        )?
        .query_map([supplier], |row| {
            let expires: Option<String> = row.get(3)?;
            Ok(json!({
                "id": row.get::<_, i64>(0)?,
                "kind": row.get::<_, String>(1)?,
                "status": shown_status(row.get(2)?, expires.as_deref(), today),
                "expires_on": expires,
                "rejection_reason": row.get::<_, Option<String>>(4)?,
            }))
        })?
        .collect::<Result<_, _>>()?)
}

/// How many of `supplier`'s documents need the owner's attention on `today`
/// (a WIB date), as `rantai::domain::document_status::attention` counts
/// them: rejected, expired, or expiring within `WARN_DAYS` days (its last
/// valid day at most that many calendar days after today).
pub fn needing_attention(connection: &Connection, supplier: i64, today: &str) -> ApiResult<i64> {
    let last_warned = Day::parse(today).map_or_else(
        || today.to_owned(),
        |day| Day::from_days_since_epoch(day.days_since_epoch() + WARN_DAYS).iso(),
    );
    Ok(connection.query_row(
        "SELECT COUNT(*) FROM documents
         WHERE supplier_id = ?1 AND (status = 'rejected' OR expires_on <= ?2)",
        params![supplier, last_warned],
        |row| row.get(0),
    )?)
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
    let pages = pages(&state, &transaction, &input.upload_id)?;
    transaction.execute(
        "INSERT INTO documents (supplier_id, kind, number, issuer, issued_on, expires_on,
            tkdn_hundredths, bmp_hundredths, upload_id, pages, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            supplier,
            input.kind,
            input.number,
            input.issuer,
            input.issued_on,
            input.expires_on,
            hundredths(input.tkdn_percent),
            hundredths(input.bmp_percent),
            input.upload_id,
            pages,
            now
        ],
    )?;
    let id = transaction.last_insert_rowid();
    let document = load(&transaction, Some(supplier), id, &today(&state))?
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
            "tkdn_percent": document["tkdn_percent"],
            "bmp_percent": document["bmp_percent"],
            "upload_id": document["upload_id"],
        })
    };
    let before = details(&current);
    let (tkdn, bmp) = (
        hundredths(input.tkdn_percent),
        hundredths(input.bmp_percent),
    );
    let after = json!({
        "kind": input.kind,
        "number": input.number,
        "issuer": input.issuer,
        "issued_on": input.issued_on,
        "expires_on": input.expires_on,
        "tkdn_percent": percent(tkdn),
        "bmp_percent": percent(bmp),
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
    let pages = pages(&state, &connection, &input.upload_id)?;
    connection.execute(
        "UPDATE documents SET kind = ?1, number = ?2, issuer = ?3, issued_on = ?4, expires_on = ?5,
            upload_id = ?6, version = version + 1,
            status = CASE WHEN ?7 THEN 'uploaded' ELSE status END,
            rejection_reason = CASE WHEN ?7 THEN NULL ELSE rejection_reason END,
            tkdn_hundredths = ?8, bmp_hundredths = ?9, pages = ?10
         WHERE id = ?11",
        params![
            input.kind,
            input.number,
            input.issuer,
            input.issued_on,
            input.expires_on,
            input.upload_id,
            back_to_uploaded,
            tkdn,
            bmp,
            pages,
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
