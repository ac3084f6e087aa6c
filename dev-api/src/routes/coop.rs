//! Cooperative staff: their members with onboarding progress, adding a
//! member, acting for one, and the audit trail of changes made for members.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::{params, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::audit;
use crate::client::ClientAddr;
use crate::codes::{self, Purpose};
use crate::idempotency;
use crate::problem::{ApiResult, Json, Problem};
use crate::routes::auth::me_json;
use crate::routes::documents;
use crate::routes::supplier::{progress, sections_complete, SECTIONS};
use crate::routes::tenders::paging;
use crate::session::Session;
use crate::state::{rfc3339, AppState};
use rantai::domain::phone::normalize_mobile;

#[derive(Deserialize)]
pub struct MemberQuery {
    q: Option<String>,
    status: Option<RosterStatus>,
    sort: Option<RosterSort>,
    page: Option<u32>,
    per_page: Option<u32>,
}

/// The roster's status filter: a pending invitation, or a confirmed
/// member's verification status.
#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum RosterStatus {
    Pending,
    Draft,
    Submitted,
    InReview,
    Approved,
    ChangesRequested,
}

impl RosterStatus {
    fn code(self) -> &'static str {
        match self {
            RosterStatus::Pending => "pending",
            RosterStatus::Draft => "draft",
            RosterStatus::Submitted => "submitted",
            RosterStatus::InReview => "in_review",
            RosterStatus::Approved => "approved",
            RosterStatus::ChangesRequested => "changes_requested",
        }
    }
}

/// The roster's order.
#[derive(Deserialize, Clone, Copy, Default)]
#[serde(rename_all = "snake_case")]
enum RosterSort {
    /// Who needs something first: changes requested, then documents
    /// needing attention, then pending invitations, then fewest sections
    /// complete; then by name.
    #[default]
    Attention,
    /// By name (the business's, else the owner's), A to Z.
    Name,
    /// Most recently changed first (never changed last); then by name.
    Updated,
}

/// What the roster filters and sorts one of its links by.
struct Standing {
    link: i64,
    /// None while the link is pending.
    supplier: Option<i64>,
    changes_requested: bool,
    /// The name the roster shows first, lowercased.
    name: String,
    updated: Option<String>,
}

/// A member of the roster. While the link is pending nothing of the
/// member's own data shows, not even whether the number has an account or a
/// supplier: only what the staff typed. `today` (a WIB date) is the day
/// documents' expiry is counted from.
pub(crate) fn member_json(
    connection: &rusqlite::Connection,
    link: i64,
    today: &str,
) -> ApiResult<Value> {
    let (supplier, status, invited_name, invited_business, phone): (
        Option<i64>,
        String,
        String,
        Option<String>,
        String,
    ) = connection.query_row(
        "SELECT supplier_id, status, invited_name, invited_business, phone FROM coop_links WHERE id = ?1",
        [link],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?)),
    )?;
    let supplier = match supplier {
        Some(supplier) if status == "confirmed" => supplier,
        _ => {
            return Ok(json!({
                "link_id": link,
                "link_status": "pending",
                "supplier_id": null,
                "owner_name": invited_name,
                "business_name": invited_business,
                "phone": phone,
                "status": null,
                "reasons": 0,
                "sections_complete": 0,
                "products": 0,
                "products_complete": 0,
                "documents": 0,
                "documents_attention": 0,
                "updated_at": null,
            }))
        }
    };
    let view = progress(connection, supplier)?;
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
    // Reasons are open only while the profile waits for those changes.
    let reasons = match view["status"].as_str() {
        Some("changes_requested") => view["reasons"].as_array().map_or(0, Vec::len),
        _ => 0,
    };
    Ok(json!({
        "link_id": link,
        "link_status": "confirmed",
        "supplier_id": supplier,
        "owner_name": owner_name.unwrap_or(invited_name),
        "business_name": business_name,
        "phone": owner_phone.or(user_phone).unwrap_or(phone),
        "status": view["status"],
        "reasons": reasons,
        "sections_complete": sections_complete,
        "products": view["products"],
        "products_complete": view["products_complete"],
        "documents": view["documents"],
        "documents_attention": documents::needing_attention(connection, supplier, today)?,
        "updated_at": updated,
    }))
}

/// The digits of `q` as they appear in a stored phone number (E.164
/// without its `+`: `0813 5555` → `628135555`), when `q` looks like part of
/// a phone number; empty otherwise.
fn phone_digits(q: &str) -> String {
    let q = q.trim();
    if q.is_empty()
        || !q
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c))
    {
        return String::new();
    }
    let digits: String = q.chars().filter(char::is_ascii_digit).collect();
    match digits.strip_prefix('0') {
        Some(national) => format!("62{national}"),
        None => digits,
    }
}

/// `GET /coop/members`: confirmed members and pending invitations, found by
/// `q` (owner's name, business's name or phone), filtered by `status`, in
/// the order `sort` says.
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
    let phone = phone_digits(&q);
    let status = query.status.map(RosterStatus::code);
    let today = documents::today(&state);
    let connection = state.db()?;
    // `s` is the member's supplier once the link is confirmed (NULL while it
    // is pending: nothing of the member's own data is searched then, only
    // what the staff typed).
    let mut standings: Vec<Standing> = connection
        .prepare(
            "SELECT l.id, s.id, s.status = 'changes_requested',
                CASE WHEN s.id IS NULL THEN COALESCE(l.invited_business, l.invited_name)
                ELSE COALESCE(
                    (SELECT json_extract(data, '$.name') FROM sections WHERE supplier_id = s.id AND section = 'business'),
                    (SELECT json_extract(data, '$.name') FROM sections WHERE supplier_id = s.id AND section = 'owner'),
                    l.invited_name) END,
                (SELECT MAX(updated_at) FROM sections WHERE supplier_id = s.id)
            FROM coop_links l LEFT JOIN suppliers s ON s.id = l.supplier_id AND l.status = 'confirmed'
            WHERE l.cooperative_id = ?1
              AND (?2 IS NULL OR (?2 = 'pending' AND s.id IS NULL) OR s.status = ?2)
              AND (?3 = '%%' OR lower(l.invited_name) LIKE ?3
                OR lower(COALESCE(l.invited_business, '')) LIKE ?3
                OR (?4 <> '' AND replace(l.phone, '+', '') LIKE '%' || ?4 || '%')
                OR EXISTS (SELECT 1 FROM sections x WHERE x.supplier_id = s.id
                    AND x.section IN ('business', 'owner')
                    AND (lower(COALESCE(json_extract(x.data, '$.name'), '')) LIKE ?3
                        OR (?4 <> '' AND replace(COALESCE(json_extract(x.data, '$.phone'), ''), '+', '')
                            LIKE '%' || ?4 || '%')))
                OR (?4 <> '' AND EXISTS (SELECT 1 FROM users u WHERE u.supplier_id = s.id
                    AND replace(u.phone, '+', '') LIKE '%' || ?4 || '%')))",
        )?
        .query_map(params![cooperative, status, pattern, phone], |row| {
            Ok(Standing {
                link: row.get(0)?,
                supplier: row.get(1)?,
                changes_requested: row.get::<_, Option<bool>>(2)?.unwrap_or(false),
                name: row.get::<_, String>(3)?.to_lowercase(),
                updated: row.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let by_name = |a: &Standing, b: &Standing| a.name.cmp(&b.name).then(a.link.cmp(&b.link));
    match query.sort.unwrap_or_default() {
        RosterSort::Name => standings.sort_by(by_name),
        RosterSort::Updated => {
            standings.sort_by(|a, b| b.updated.cmp(&a.updated).then(by_name(a, b)))
        }
        RosterSort::Attention => {
            // (no changes requested, no document needing attention,
            // confirmed, sections complete): smallest first.
            let mut keyed = standings
                .into_iter()
                .map(|standing| {
                    let key = match standing.supplier {
                        Some(supplier) => (
                            !standing.changes_requested,
                            documents::needing_attention(&connection, supplier, &today)? == 0,
                            true,
                            sections_complete(&connection, supplier)?,
                        ),
                        None => (true, true, false, 0),
                    };
                    Ok((key, standing))
                })
                .collect::<ApiResult<Vec<_>>>()?;
            keyed.sort_by(|(a_key, a), (b_key, b)| a_key.cmp(b_key).then(by_name(a, b)));
            standings = keyed.into_iter().map(|(_, standing)| standing).collect();
        }
    }
    let total = standings.len();
    let items = standings
        .iter()
        .skip((page as usize - 1) * per_page as usize)
        .take(per_page as usize)
        .map(|standing| member_json(&connection, standing.link, &today))
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

/// The supplier an invitation to `phone` points at: the number's own
/// supplier when its owner has chosen the supplier role, else none yet (the
/// invitation waits by number). Adding a member never makes or changes an
/// account, a role or a profile.
fn supplier_of_number(connection: &rusqlite::Connection, phone: &str) -> ApiResult<Option<i64>> {
    Ok(connection
        .query_row(
            "SELECT supplier_id FROM users WHERE phone = ?1 AND role = 'supplier'",
            [phone],
            |row| row.get::<_, Option<i64>>(0),
        )
        .optional()?
        .flatten())
}

/// The cooperative's link for `phone` (through the number's supplier when
/// it has one), so that asking again answers with the same invitation
/// whoever owns the number.
fn existing_link(
    connection: &rusqlite::Connection,
    cooperative: i64,
    phone: &str,
    supplier: Option<i64>,
) -> ApiResult<Option<(i64, String)>> {
    Ok(connection
        .query_row(
            "SELECT id, status FROM coop_links WHERE cooperative_id = ?1
               AND ((?2 IS NOT NULL AND supplier_id = ?2) OR (supplier_id IS NULL AND phone = ?3))
             ORDER BY supplier_id IS NULL, id LIMIT 1",
            params![cooperative, supplier, phone],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?)
}

/// `POST /coop/members` (with `Idempotency-Key`): invites the owner of a
/// number. The link stays pending until they confirm it with the code sent
/// to their phone; the answer is the same whether or not the number has an
/// account, or is staff's. It never makes or changes an account: the
/// invitation waits by number until its owner has a supplier. Asking again
/// for the same number answers with the same invitation.
pub async fn create_member(
    State(state): State<AppState>,
    session: Session,
    client: ClientAddr,
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
    let now = rfc3339(state.now());
    let supplier = supplier_of_number(&transaction, &phone)?;
    let existing = existing_link(&transaction, cooperative, &phone, supplier)?;
    let link = match existing {
        Some((id, status)) => {
            if status != "confirmed" {
                transaction.execute(
                    "UPDATE coop_links SET invited_name = ?1, invited_business = ?2 WHERE id = ?3",
                    params![owner_name, business, id],
                )?;
            }
            id
        }
        None => {
            transaction.execute(
                "INSERT INTO coop_links (cooperative_id, supplier_id, status, invited_name, invited_business, phone, created_at)
                 VALUES (?1, ?2, 'pending', ?3, ?4, ?5, ?6)",
                params![cooperative, supplier, owner_name, business, phone, now],
            )?;
            transaction.last_insert_rowid()
        }
    };
    let member = member_json(&transaction, link, &documents::today(&state))?;
    if member["link_status"] == "pending" {
        // Past a limit the invitation still stands (answering 429 would tell
        // that someone asked for a code for this number just now); the staff
        // member sends the code again with `POST /coop/links/{id}/code`.
        match send_link_code(&transaction, &state, &client, link, &phone) {
            Err(problem) if problem.status() != StatusCode::TOO_MANY_REQUESTS => {
                return Err(problem)
            }
            _ => {}
        }
    }
    idempotency::remember(
        &transaction,
        &scope,
        &key,
        &fingerprint,
        StatusCode::CREATED,
        &member,
    )?;
    transaction.commit()?;
    Ok((StatusCode::CREATED, Json(member)).into_response())
}

/// Sends the member the code that confirms link `link`.
pub(crate) fn send_link_code(
    connection: &rusqlite::Connection,
    state: &AppState,
    client: &ClientAddr,
    link: i64,
    phone: &str,
) -> ApiResult<i64> {
    codes::send(
        connection,
        state,
        client,
        phone,
        Purpose::CoopLink(link),
        "sms",
    )
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
    // Only a confirmed member; anything else (another cooperative's member,
    // a pending invitation, no such supplier) is the same 403.
    let confirmed = connection
        .query_row(
            "SELECT 1 FROM coop_links WHERE cooperative_id = ?1 AND supplier_id = ?2 AND status = 'confirmed'",
            params![cooperative, body.supplier_id],
            |_| Ok(()),
        )
        .optional()?;
    if confirmed.is_none() {
        return Err(Problem::forbidden(
            "This supplier is not a confirmed member of your cooperative.",
        ));
    }
    connection.execute(
        "UPDATE sessions SET acting_supplier_id = ?1 WHERE token_hash = ?2",
        params![body.supplier_id, session.token_hash],
    )?;
    audit::record(
        &connection,
        &session,
        body.supplier_id,
        "acting_started",
        &[],
        &rfc3339(state.now()),
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
    if let Some(member) = session.acting_supplier_id {
        audit::record(
            &connection,
            &session,
            member,
            "acting_stopped",
            &[],
            &rfc3339(state.now()),
        )?;
    }
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
    // What the cooperative's own staff did; the members' own actions are theirs.
    let filter = "FROM audit a JOIN users u ON u.id = a.actor_user_id
        WHERE u.cooperative_id = ?1 AND (?2 IS NULL OR a.supplier_id = ?2)";
    let total: i64 = connection.query_row(
        &format!("SELECT COUNT(*) {filter}"),
        params![cooperative, query.supplier_id],
        |row| row.get(0),
    )?;
    let items: Vec<Value> = connection
        .prepare(&format!("SELECT a.at, u.phone, a.supplier_id, a.action, a.changes {filter} ORDER BY a.id DESC LIMIT ?3 OFFSET ?4"))?
        .query_map(
            params![cooperative, query.supplier_id, per_page, i64::from(page - 1) * i64::from(per_page)],
            |row| {
                Ok(json!({
                    "at": row.get::<_, String>(0)?,
                    "actor": row.get::<_, String>(1)?,
                    "supplier_id": row.get::<_, i64>(2)?,
                    "action": row.get::<_, String>(3)?,
                    "changes": serde_json::from_str::<Value>(&row.get::<_, String>(4)?)
                        .unwrap_or_else(|_| json!([])),
                }))
            },
        )?
        .collect::<Result<_, _>>()?;
    Ok(Json(
        json!({"items": items, "total": total, "page": page, "per_page": per_page}),
    ))
}
