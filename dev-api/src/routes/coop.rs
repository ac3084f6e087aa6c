//! Cooperative staff: their members with onboarding progress, adding a
//! member, acting for one, and the audit trail of changes made for members.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::idempotency;
use crate::problem::{ApiResult, Json, Problem};
use crate::routes::auth::me_json;
use crate::routes::supplier::{audit, overview, SECTIONS};
use crate::routes::tenders::paging;
use crate::session::Session;
use crate::state::{rfc3339, AppState};
use rantai::domain::phone::normalize_mobile;

#[derive(Deserialize)]
pub struct MemberQuery {
    q: Option<String>,
    page: Option<u32>,
    per_page: Option<u32>,
}

fn member_json(connection: &rusqlite::Connection, supplier: i64) -> ApiResult<Value> {
    let view = overview(connection, supplier)?;
    let sections_complete = SECTIONS
        .iter()
        .filter(|s| view["sections"][**s]["complete"].as_bool().unwrap_or(false))
        .count();
    let [owner_name, owner_phone, business_name, user_phone, updated]: [Option<String>; 5] =
        connection.query_row(
            "SELECT
            (SELECT json_extract(data, '$.name') FROM sections WHERE supplier_id = ?1 AND section = 'owner'),
            (SELECT json_extract(data, '$.phone') FROM sections WHERE supplier_id = ?1 AND section = 'owner'),
            (SELECT json_extract(data, '$.name') FROM sections WHERE supplier_id = ?1 AND section = 'business'),
            (SELECT phone FROM users WHERE supplier_id = ?1),
            (SELECT MAX(updated_at) FROM sections WHERE supplier_id = ?1)",
            [supplier],
            |row| Ok([row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?]),
        )?;
    Ok(json!({
        "supplier_id": supplier,
        "owner_name": owner_name.unwrap_or_default(),
        "business_name": business_name,
        "phone": owner_phone.or(user_phone).unwrap_or_default(),
        "status": view["status"],
        "sections_complete": sections_complete,
        "products": view["products"],
        "documents": view["documents"],
        "updated_at": updated,
    }))
}

/// `GET /coop/members`
pub async fn members(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<MemberQuery>,
) -> ApiResult<Json<Value>> {
    let cooperative = session.cooperative()?;
    let (page, per_page) = paging(query.page, query.per_page)?;
    let q = query.q.unwrap_or_default();
    if q.chars().count() > 100 {
        return Err(Problem::bad_request("q is at most 100 characters"));
    }
    let pattern = format!("%{}%", q.trim().to_lowercase().replace(['%', '_'], ""));
    let connection = state.db()?;
    let filter = "FROM suppliers s WHERE s.cooperative_id = ?1 AND EXISTS (
        SELECT 1 FROM sections x WHERE x.supplier_id = s.id AND lower(x.data) LIKE ?2
        UNION SELECT 1 WHERE ?2 = '%%')";
    let total: i64 = connection.query_row(
        &format!("SELECT COUNT(*) {filter}"),
        params![cooperative, pattern],
        |row| row.get(0),
    )?;
    let ids: Vec<i64> = connection
        .prepare(&format!(
            "SELECT s.id {filter} ORDER BY s.id LIMIT ?3 OFFSET ?4"
        ))?
        .query_map(
            params![
                cooperative,
                pattern,
                per_page,
                i64::from(page - 1) * i64::from(per_page)
            ],
            |row| row.get(0),
        )?
        .collect::<Result<_, _>>()?;
    let items = ids
        .into_iter()
        .map(|id| member_json(&connection, id))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(
        json!({"items": items, "total": total, "page": page, "per_page": per_page}),
    ))
}

#[derive(Deserialize)]
struct MemberInput {
    owner_name: String,
    phone: String,
    #[serde(default)]
    business_name: Option<String>,
}

/// `POST /coop/members` (with `Idempotency-Key`)
pub async fn create_member(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let cooperative = session.cooperative()?;
    let key = idempotency::key(&headers)?;
    let input: MemberInput =
        serde_json::from_slice(&body).map_err(|e| Problem::bad_request(e.to_string()))?;
    let scope = format!("user:{}", session.user_id);
    let fingerprint = idempotency::fingerprint("POST /coop/members", &body);
    let mut connection = state.db()?;
    let transaction = connection.transaction()?;
    if let Some((status, body)) = idempotency::replay(&transaction, &scope, &key, &fingerprint)? {
        return Ok((status, Json(body)).into_response());
    }
    let owner_name = input.owner_name.trim();
    if owner_name.is_empty() || owner_name.chars().count() > 200 {
        return Err(Problem::invalid_field(
            "owner_name",
            "required",
            "Enter the owner's name (at most 200 characters).",
        ));
    }
    let phone = normalize_mobile(&input.phone)
        .map_err(|e| Problem::invalid_field("phone", "format", e.to_string()))?;
    let business = input
        .business_name
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty());
    if business.is_some_and(|b| b.chars().count() > 200) {
        return Err(Problem::invalid_field(
            "business_name",
            "length",
            "At most 200 characters.",
        ));
    }
    let taken = transaction
        .query_row("SELECT 1 FROM users WHERE phone = ?1", [&phone], |_| Ok(()))
        .optional()?;
    if taken.is_some() {
        return Err(Problem::conflict(
            "This phone number already has a Rantai account.",
        ));
    }
    let now = rfc3339(state.now());
    transaction.execute(
        "INSERT INTO suppliers (cooperative_id, status, created_at) VALUES (?1, 'draft', ?2)",
        params![cooperative, now],
    )?;
    let supplier = transaction.last_insert_rowid();
    transaction.execute(
        "INSERT INTO sections (supplier_id, section, data, version, updated_at) VALUES (?1, 'owner', ?2, 1, ?3)",
        params![supplier, json!({"name": owner_name, "phone": phone}).to_string(), now],
    )?;
    if let Some(business) = business {
        transaction.execute(
            "INSERT INTO sections (supplier_id, section, data, version, updated_at) VALUES (?1, 'business', ?2, 1, ?3)",
            params![supplier, json!({"name": business, "kbli": []}).to_string(), now],
        )?;
    }
    transaction.execute(
        "INSERT INTO users (phone, role, supplier_id, created_at) VALUES (?1, 'supplier', ?2, ?3)",
        params![phone, supplier, now],
    )?;
    let member = member_json(&transaction, supplier)?;
    idempotency::remember(
        &transaction,
        &scope,
        &key,
        &fingerprint,
        StatusCode::CREATED,
        &member,
    )?;
    audit(&transaction, &session, supplier, "POST /coop/members", &now)?;
    transaction.commit()?;
    Ok((StatusCode::CREATED, Json(member)).into_response())
}

#[derive(Deserialize)]
pub struct Acting {
    supplier_id: i64,
}

/// `PUT /coop/acting`: act for a member of the staff's own cooperative.
pub async fn act_for(
    State(state): State<AppState>,
    session: Session,
    Json(body): Json<Acting>,
) -> ApiResult<Json<Value>> {
    let cooperative = session.cooperative()?;
    let connection = state.db()?;
    let member_of: Option<Option<i64>> = connection
        .query_row(
            "SELECT cooperative_id FROM suppliers WHERE id = ?1",
            [body.supplier_id],
            |row| row.get(0),
        )
        .optional()?;
    match member_of {
        None => return Err(Problem::not_found()),
        Some(Some(id)) if id == cooperative => {}
        Some(_) => {
            return Err(Problem::forbidden(
                "This supplier is not a member of your cooperative.",
            ))
        }
    }
    connection.execute(
        "UPDATE sessions SET acting_supplier_id = ?1 WHERE token_hash = ?2",
        params![body.supplier_id, session.token_hash],
    )?;
    Ok(Json(me_json(
        &connection,
        &state,
        session.user_id,
        Some(body.supplier_id),
    )?))
}

/// `DELETE /coop/acting`
pub async fn stop_acting(
    State(state): State<AppState>,
    session: Session,
) -> ApiResult<Json<Value>> {
    session.cooperative()?;
    let connection = state.db()?;
    connection.execute(
        "UPDATE sessions SET acting_supplier_id = NULL WHERE token_hash = ?1",
        [&session.token_hash],
    )?;
    Ok(Json(me_json(&connection, &state, session.user_id, None)?))
}

#[derive(Deserialize)]
pub struct AuditQuery {
    supplier_id: Option<i64>,
    page: Option<u32>,
    per_page: Option<u32>,
}

/// `GET /coop/audit`
pub async fn audit_trail(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<AuditQuery>,
) -> ApiResult<Json<Value>> {
    let cooperative = session.cooperative()?;
    let (page, per_page) = paging(query.page, query.per_page)?;
    let connection = state.db()?;
    let filter = "FROM audit a JOIN suppliers s ON s.id = a.supplier_id JOIN users u ON u.id = a.actor_user_id
        WHERE s.cooperative_id = ?1 AND (?2 IS NULL OR a.supplier_id = ?2)";
    let total: i64 = connection.query_row(
        &format!("SELECT COUNT(*) {filter}"),
        params![cooperative, query.supplier_id],
        |row| row.get(0),
    )?;
    let items: Vec<Value> = connection
        .prepare(&format!("SELECT a.at, u.phone, a.supplier_id, a.action {filter} ORDER BY a.id DESC LIMIT ?3 OFFSET ?4"))?
        .query_map(
            params![cooperative, query.supplier_id, per_page, i64::from(page - 1) * i64::from(per_page)],
            |row| {
                Ok(json!({
                    "at": row.get::<_, String>(0)?,
                    "actor": row.get::<_, String>(1)?,
                    "supplier_id": row.get::<_, i64>(2)?,
                    "action": row.get::<_, String>(3)?,
                }))
            },
        )?
        .collect::<Result<_, _>>()?;
    Ok(Json(
        json!({"items": items, "total": total, "page": page, "per_page": per_page}),
    ))
}
