//! The supplier profile: four sections saved as drafts one at a time, each
//! versioned (ETag / If-Match), then submitted for verification.

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::problem::{ApiResult, FieldError, Json, Problem};
use crate::reference::BANKS;
use crate::routes::documents;
use crate::routes::tenders::paging;
use crate::session::Session;
use crate::state::{rfc3339, AppState};
use crate::validate;
use crate::versioning::{if_match, with_etag};
use rantai::domain::business::{plausible_email, scale, Scale, LEGAL_FORMS};
use rantai::domain::profile::Section;

/// The sections, in wizard order.
pub const SECTIONS: [&str; 4] = ["business", "owner", "address", "bank"];

fn load(
    connection: &Connection,
    supplier: i64,
    section: &str,
) -> ApiResult<(Value, i64, Option<String>)> {
    let row: Option<(String, i64, String)> = connection
        .query_row(
            "SELECT data, version, updated_at FROM sections WHERE supplier_id = ?1 AND section = ?2",
            params![supplier, section],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    Ok(match row {
        Some((data, version, updated)) => (
            serde_json::from_str(&data).unwrap_or_else(|_| json!({})),
            version,
            Some(updated),
        ),
        None => (json!({}), 0, None),
    })
}

/// What the section shows: the stored fields plus the derived ones.
fn present(section: &str, data: &Value) -> Value {
    let mut out = data.clone();
    if section == "business" {
        out["nitku"] = match data["npwp"].as_str() {
            Some(npwp) if npwp.len() == 16 => json!(format!("{npwp}000000")),
            _ => Value::Null,
        };
        out["scale"] =
            json!(scale(data["capital"].as_u64(), data["annual_sales"].as_u64()).map(Scale::code));
        if out.get("kbli").is_none() {
            out["kbli"] = json!([]);
        }
    }
    out
}

async fn get_section(
    state: AppState,
    session: Session,
    section: &'static str,
) -> ApiResult<Response> {
    let supplier = session.supplier_id()?;
    let connection = state.db()?;
    let (data, version, _) = load(&connection, supplier, section)?;
    Ok(with_etag(StatusCode::OK, present(section, &data), version))
}

async fn put_section(
    state: AppState,
    session: Session,
    headers: HeaderMap,
    section: &'static str,
    body: Value,
) -> ApiResult<Response> {
    let supplier = session.supplier_id()?;
    let Some(fields) = body.as_object() else {
        return Err(Problem::bad_request("the section is a JSON object"));
    };
    let if_match = if_match(&headers)?;
    let mut connection = state.db()?;
    let clean = clean_section(&connection, section, fields)?;
    let transaction = connection.transaction()?;
    let (current, version, saved) = load(&transaction, supplier, section)?;
    if !if_match.matches_if_exists(&version.to_string(), saved.is_some()) {
        return Ok(with_etag(
            StatusCode::PRECONDITION_FAILED,
            present(section, &current),
            version,
        ));
    }
    let status: String = transaction.query_row(
        "SELECT status FROM suppliers WHERE id = ?1",
        [supplier],
        |row| row.get(0),
    )?;
    if matches!(status.as_str(), "submitted" | "in_review") {
        return Err(Problem::conflict(
            "The profile is being verified; it can be changed again after the review.",
        ));
    }
    let next = version + 1;
    let now = rfc3339(state.now());
    transaction.execute(
        "INSERT INTO sections (supplier_id, section, data, version, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (supplier_id, section) DO UPDATE SET data = excluded.data, version = excluded.version,
            updated_at = excluded.updated_at",
        params![supplier, section, clean.to_string(), next, now],
    )?;
    crate::audit::record(
        &transaction,
        &session,
        supplier,
        &format!("PUT /supplier/{section}"),
        &crate::audit::changes(&current, &clean),
        &now,
    )?;
    let reset_by: Vec<&str> = if status == "approved" {
        reviewed_fields(section)
            .iter()
            .copied()
            .filter(|field| !same_value(&current[*field], &clean[*field]))
            .collect()
    } else {
        Vec::new()
    };
    if !reset_by.is_empty() {
        back_to_review(&transaction, &session, supplier, &now)?;
    }
    transaction.commit()?;
    let mut body = present(section, &clean);
    body["review_reset_by"] = json!(reset_by);
    Ok(with_etag(StatusCode::OK, body, next))
}

/// The fields a reviewer checked against the papers: changing one of them
/// on an approved profile sends it back to review. Contact details (owner's
/// phone and email) and the address are not among them.
fn reviewed_fields(section: &str) -> &'static [&'static str] {
    match section {
        "business" => &[
            "name",
            "legal_form",
            "nib",
            "npwp",
            "pkp",
            "kbli",
            "capital",
            "annual_sales",
        ],
        "owner" => &["name", "nik"],
        "bank" => &["bank_code", "account_number", "holder_name"],
        _ => &[],
    }
}

/// Equal, counting an absent field, null and an empty list as the same.
fn same_value(old: &Value, new: &Value) -> bool {
    let empty = |value: &Value| match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        _ => false,
    };
    old == new || (empty(old) && empty(new))
}

/// An approved profile whose checked data changed waits for review again.
fn back_to_review(
    connection: &Connection,
    session: &Session,
    supplier: i64,
    now: &str,
) -> ApiResult<()> {
    connection.execute(
        "UPDATE suppliers SET status = 'submitted', reasons = '[]', submitted_at = ?1 WHERE id = ?2",
        params![now, supplier],
    )?;
    crate::audit::record(
        connection,
        session,
        supplier,
        "review_reset",
        &[json!({"field": "status", "old": "approved", "new": "submitted"})],
        now,
    )
}

/// Records a change to a supplier's data by whoever made it (the owner, or
/// staff acting for them); `crate::audit::record` also says which fields.
pub fn audit(
    connection: &Connection,
    session: &Session,
    supplier: i64,
    action: &str,
    at: &str,
) -> ApiResult<()> {
    crate::audit::record(connection, session, supplier, action, &[], at)
}

/// Checks the fields that are present and returns them normalised (digits
/// only, NPWP as 16 digits); unknown fields are dropped.
fn clean_section(
    connection: &Connection,
    section: &str,
    fields: &Map<String, Value>,
) -> ApiResult<Value> {
    let mut errors: Vec<FieldError> = Vec::new();
    let mut out = Map::new();
    let text = |name: &str, max: usize, errors: &mut Vec<FieldError>| -> Option<Value> {
        match fields.get(name) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.chars().count() <= max => {
                let trimmed = s.trim();
                (!trimmed.is_empty()).then(|| json!(trimmed))
            }
            Some(Value::String(_)) => {
                errors.push(FieldError::new(
                    name,
                    "length",
                    format!("At most {max} characters."),
                ));
                None
            }
            Some(_) => {
                errors.push(FieldError::new(name, "type", "Expected text."));
                None
            }
        }
    };
    let mut put = |name: &str, value: Option<Value>| {
        out.insert(name.to_owned(), value.unwrap_or(Value::Null));
    };
    match section {
        "business" => {
            put("name", text("name", 200, &mut errors));
            let form = text("legal_form", 20, &mut errors);
            if let Some(form) = form.as_ref().and_then(Value::as_str) {
                if !LEGAL_FORMS.contains(&form) {
                    errors.push(FieldError::new(
                        "legal_form",
                        "format",
                        "Unknown legal form.",
                    ));
                }
            }
            put("legal_form", form);
            put(
                "nib",
                validate::digits_field(fields, "nib", &mut errors, validate::nib),
            );
            put(
                "npwp",
                validate::digits_field(fields, "npwp", &mut errors, validate::npwp),
            );
            put("pkp", validate::bool_field(fields, "pkp", &mut errors));
            put(
                "capital",
                validate::rupiah_field(fields, "capital", &mut errors),
            );
            put(
                "annual_sales",
                validate::rupiah_field(fields, "annual_sales", &mut errors),
            );
            put(
                "kbli",
                Some(validate::kbli_field(connection, fields, &mut errors)?),
            );
        }
        "owner" => {
            put("name", text("name", 200, &mut errors));
            put(
                "nik",
                validate::digits_field(fields, "nik", &mut errors, |d| {
                    validate::nik(connection, d)
                }),
            );
            put("phone", validate::phone_field(fields, &mut errors));
            let email = text("email", 254, &mut errors);
            if let Some(email) = email.as_ref().and_then(Value::as_str) {
                if !plausible_email(email) {
                    errors.push(FieldError::new(
                        "email",
                        "format",
                        "An email address looks like name@example.com.",
                    ));
                }
            }
            put("email", email);
        }
        "address" => {
            let codes = validate::region_fields(connection, fields, &mut errors)?;
            for (name, value) in codes {
                put(name, value);
            }
            put("street", text("street", 300, &mut errors));
            put(
                "postal_code",
                validate::digits_field(fields, "postal_code", &mut errors, validate::postal_code),
            );
        }
        _ => {
            // A code is matched exactly: " 002" is not a bank code.
            let bank = match fields.get("bank_code") {
                None | Some(Value::Null) => None,
                Some(Value::String(code)) if code.is_empty() => None,
                Some(Value::String(code)) => Some(json!(code)),
                Some(_) => {
                    errors.push(FieldError::new(
                        "bank_code",
                        "type",
                        "Expected a bank code.",
                    ));
                    None
                }
            };
            if let Some(code) = bank.as_ref().and_then(Value::as_str) {
                if !BANKS.iter().any(|(known, _)| *known == code) {
                    errors.push(FieldError::new(
                        "bank_code",
                        "unknown",
                        "Choose a bank from the list.",
                    ));
                }
            }
            put("bank_code", bank);
            put(
                "account_number",
                validate::digits_field(
                    fields,
                    "account_number",
                    &mut errors,
                    validate::account_number,
                ),
            );
            put("holder_name", text("holder_name", 200, &mut errors));
        }
    }
    if errors.is_empty() {
        Ok(Value::Object(out))
    } else {
        Err(Problem::invalid(errors))
    }
}

/// The fields each section needs before the profile can be submitted: the
/// required fields of the shared profile rules (`rantai::domain::profile`).
fn missing(section: &str, data: &Value) -> Vec<&'static str> {
    Section::from_slug(section)
        .map(Section::fields)
        .unwrap_or_default()
        .iter()
        .filter(|field| field.required)
        .map(|field| field.name)
        .filter(|name| match &data[*name] {
            Value::Null => true,
            Value::Array(items) => items.is_empty(),
            Value::String(s) => s.is_empty(),
            _ => false,
        })
        .collect()
}

/// The `SupplierOverview` of the contract: the supplier's `progress`, its
/// documents in brief (their status as shown on `today`, a WIB date) and
/// the highest TKDN among its products.
pub fn overview(connection: &Connection, supplier: i64, today: &str) -> ApiResult<Value> {
    let mut overview = progress(connection, supplier)?;
    overview["documents_brief"] = json!(documents::brief(connection, supplier, today)?);
    overview["highest_tkdn_percent"] = json!(highest_tkdn(connection, supplier)?);
    Ok(overview)
}

/// The highest `tkdn_percent` among the supplier's products, for the tender
/// eligibility check; None when no product gives one.
fn highest_tkdn(connection: &Connection, supplier: i64) -> rusqlite::Result<Option<f64>> {
    connection.query_row(
        "SELECT MAX(json_extract(data, '$.tkdn_percent')) FROM products WHERE supplier_id = ?1",
        [supplier],
        |row| row.get(0),
    )
}

/// Where a supplier stands, as the overview and a cooperative's roster show
/// it: status, sections complete, the reviewer's reasons, and how many
/// products (complete ones too) and documents it has.
pub fn progress(connection: &Connection, supplier: i64) -> ApiResult<Value> {
    let (status, reasons, submitted_at): (String, String, Option<String>) = connection
        .query_row(
            "SELECT status, reasons, submitted_at FROM suppliers WHERE id = ?1",
            [supplier],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?
        .ok_or_else(Problem::not_found)?;
    let mut sections = Map::new();
    for section in SECTIONS {
        let (data, version, updated) = load(connection, supplier, section)?;
        sections.insert(
            section.to_owned(),
            json!({"complete": missing(section, &data).is_empty(), "version": version.to_string(), "updated_at": updated}),
        );
    }
    let count = |rows: &str| -> rusqlite::Result<i64> {
        connection
            .query_row(&format!("SELECT COUNT(*) FROM {rows}"), [supplier], |row| {
                row.get(0)
            })
            .or(Ok(0))
    };
    Ok(json!({
        "supplier_id": supplier,
        "status": status,
        "sections": sections,
        "reasons": serde_json::from_str::<Value>(&reasons).unwrap_or_else(|_| json!([])),
        "products": count("products WHERE supplier_id = ?1")?,
        // Complete for the home task list: with a photo (every stored
        // product has its name, unit and price).
        "products_complete": count(
            "products WHERE supplier_id = ?1 AND json_array_length(data, '$.photo_upload_ids') > 0"
        )?,
        "documents": count("documents WHERE supplier_id = ?1")?,
        "submitted_at": submitted_at,
    }))
}

/// How many of the supplier's sections have every field they need, as
/// `progress` counts them: what a cooperative's roster sorts by.
pub fn sections_complete(connection: &Connection, supplier: i64) -> ApiResult<usize> {
    let mut complete = 0;
    for section in SECTIONS {
        let (data, _, _) = load(connection, supplier, section)?;
        if missing(section, &data).is_empty() {
            complete += 1;
        }
    }
    Ok(complete)
}

/// `GET /supplier`
pub async fn get_overview(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<Json<Value>> {
    let supplier = session.supplier_id()?;
    Ok(Json(overview(
        &*state.db()?,
        supplier,
        &documents::today(&state),
    )?))
}

#[derive(Deserialize)]
pub struct TrailQuery {
    page: Option<u32>,
    per_page: Option<u32>,
}

/// `GET /supplier/trail`: what cooperative staff did for the session's
/// supplier, newest first (the owner's own actions are not in it): who
/// (staff have no name stored, so their phone masked but for its last 4
/// digits), of which cooperative, the part of the data it touched and the
/// fields it changed, masked as `GET /coop/audit` shows them. Staff acting
/// for the member see the same trail.
pub async fn trail(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<TrailQuery>,
) -> ApiResult<Json<Value>> {
    let supplier = session.supplier_id()?;
    let (page, per_page) = paging(query.page, query.per_page)?;
    let connection = state.db()?;
    let filter = "FROM audit a JOIN users u ON u.id = a.actor_user_id
        JOIN cooperatives c ON c.id = u.cooperative_id
        WHERE a.supplier_id = ?1 AND u.role = 'coop_staff'";
    let total: i64 =
        connection.query_row(&format!("SELECT COUNT(*) {filter}"), [supplier], |row| {
            row.get(0)
        })?;
    let items: Vec<Value> = connection
        .prepare(&format!(
            "SELECT a.at, u.phone, c.id, c.name, a.action, a.changes, u.name {filter}
             ORDER BY a.id DESC LIMIT ?2 OFFSET ?3"
        ))?
        .query_map(
            params![
                supplier,
                per_page,
                i64::from(page - 1) * i64::from(per_page)
            ],
            |row| {
                let action: String = row.get(4)?;
                Ok(json!({
                    "at": row.get::<_, String>(0)?,
                    "staff_name": staff_name(row.get(6)?, &row.get::<_, String>(1)?),
                    "cooperative": {"id": row.get::<_, i64>(2)?, "name": row.get::<_, String>(3)?},
                    "section": crate::audit::section(&action),
                    "action": action,
                    "changes": serde_json::from_str::<Value>(&row.get::<_, String>(5)?)
                        .unwrap_or_else(|_| json!([])),
                }))
            },
        )?
        .collect::<Result<_, _>>()?;
    Ok(Json(
        json!({"items": items, "total": total, "page": page, "per_page": per_page}),
    ))
}

/// How the trail names a staff member: their name, or, for an account
/// made before staff were asked one, their number masked but for its last
/// four digits.
fn staff_name(name: Option<String>, phone: &str) -> String {
    name.filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| crate::audit::mask(phone))
}

/// `POST /supplier/submit`
pub async fn submit(State(state): State<AppState>, session: Session) -> ApiResult<Json<Value>> {
    let supplier = session.supplier_id()?;
    let today = documents::today(&state);
    let connection = state.db()?;
    let status: String = connection.query_row(
        "SELECT status FROM suppliers WHERE id = ?1",
        [supplier],
        |row| row.get(0),
    )?;
    match status.as_str() {
        "submitted" | "in_review" => return Ok(Json(overview(&connection, supplier, &today)?)),
        "approved" => return Err(Problem::conflict("The profile is already verified.")),
        _ => {}
    }
    let mut errors = Vec::new();
    for section in SECTIONS {
        let (data, _, _) = load(&connection, supplier, section)?;
        for field in missing(section, &data) {
            errors.push(FieldError::new(
                format!("{section}.{field}"),
                "required",
                "Fill this in before submitting.",
            ));
        }
    }
    if !errors.is_empty() {
        return Err(Problem::invalid(errors));
    }
    let now = rfc3339(state.now());
    connection.execute(
        "UPDATE suppliers SET status = 'submitted', reasons = '[]', submitted_at = ?1 WHERE id = ?2",
        params![now, supplier],
    )?;
    audit(
        &connection,
        &session,
        supplier,
        "POST /supplier/submit",
        &now,
    )?;
    Ok(Json(overview(&connection, supplier, &today)?))
}

macro_rules! section_handlers {
    ($($get:ident, $put:ident => $section:literal;)*) => {$(
        #[doc = concat!("`GET /supplier/", $section, "`")]
        pub async fn $get(State(state): State<AppState>, session: Session) -> ApiResult<Response> {
            get_section(state, session, $section).await
        }

        #[doc = concat!("`PUT /supplier/", $section, "`")]
        pub async fn $put(
            State(state): State<AppState>,
            session: Session,
            headers: HeaderMap,
            Json(body): Json<Value>,
        ) -> ApiResult<Response> {
            put_section(state, session, headers, $section, body).await
        }
    )*};
}

section_handlers! {
    get_business, put_business => "business";
    get_owner, put_owner => "owner";
    get_address, put_address => "address";
    get_bank, put_bank => "bank";
}
