//! A cooperative's links to its members. Staff invite a member by number
//! (`POST /coop/members`); the link is pending until the member confirms it:
//! the staff member types the code the member reads out from their phone, or
//! the member, signed in on their own phone, confirms it. Either side can end
//! a link, pending or confirmed; staff then stop acting for that member.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::audit;
use crate::client::ClientAddr;
use crate::codes::{self, Purpose};
use crate::id::Id;
use crate::problem::{ApiResult, Json, Problem};
use crate::routes::auth::otp_sent;
use crate::routes::coop::{member_json, send_link_code};
use crate::session::Session;
use crate::state::{rfc3339, AppState};

/// A link as stored.
struct Link {
    cooperative: i64,
    /// None while the invited number's owner has no supplier.
    supplier: Option<i64>,
    confirmed: bool,
    phone: String,
}

fn find(connection: &Connection, id: i64) -> ApiResult<Option<Link>> {
    Ok(connection
        .query_row(
            "SELECT cooperative_id, supplier_id, status, phone FROM coop_links WHERE id = ?1",
            [id],
            |row| {
                Ok(Link {
                    cooperative: row.get(0)?,
                    supplier: row.get(1)?,
                    confirmed: row.get::<_, String>(2)? == "confirmed",
                    phone: row.get(3)?,
                })
            },
        )
        .optional()?)
}

/// The staff member's own cooperative's link `id`, or 404.
fn staff_link(connection: &Connection, session: &Session, id: i64) -> ApiResult<Link> {
    let cooperative = session.cooperative()?;
    find(connection, id)?
        .filter(|link| link.cooperative == cooperative)
        .ok_or_else(Problem::not_found)
}

/// The signed-in owner's link `id`, or 404 (staff acting for a member can
/// never confirm or end the member's links for them).
fn owner_link(connection: &Connection, session: &Session, id: i64) -> ApiResult<Link> {
    let own = owner_supplier(session);
    find(connection, id)?
        .filter(|link| link.supplier.is_some() && link.supplier == own)
        .ok_or_else(Problem::not_found)
}

fn owner_supplier(session: &Session) -> Option<i64> {
    (session.role.as_deref() == Some("supplier"))
        .then_some(session.own_supplier_id)
        .flatten()
}

fn confirm(
    connection: &Connection,
    state: &AppState,
    session: &Session,
    id: i64,
    link: &Link,
) -> ApiResult<()> {
    if link.confirmed {
        return Ok(());
    }
    let Some(supplier) = link.supplier else {
        return Err(Problem::conflict(
            "The member has not signed in to Rantai as an UMKM owner yet: ask them to sign in \
             with this number and choose UMKM, then confirm on their phone or send a new code.",
        ));
    };
    let now = rfc3339(state.now());
    connection.execute(
        "UPDATE coop_links SET status = 'confirmed', confirmed_at = ?1 WHERE id = ?2",
        params![now, id],
    )?;
    connection.execute("UPDATE otps SET used = 1 WHERE link_id = ?1", [id])?;
    audit::record(
        connection,
        session,
        supplier,
        "link_confirmed",
        &[json!({"field": "cooperative_id", "old": null, "new": link.cooperative})],
        &now,
    )
}

/// Ends link `id` if `visible` finds it for this session (404 otherwise).
fn end(
    state: &AppState,
    session: &Session,
    id: i64,
    visible: fn(&Connection, &Session, i64) -> ApiResult<Link>,
) -> ApiResult<StatusCode> {
    let connection = state.db()?;
    let link = visible(&connection, session, id)?;
    connection.execute("DELETE FROM coop_links WHERE id = ?1", [id])?;
    connection.execute("UPDATE otps SET used = 1 WHERE link_id = ?1", [id])?;
    let Some(supplier) = link.supplier else {
        // An invitation still waiting by number: nobody's data to record.
        return Ok(StatusCode::NO_CONTENT);
    };
    connection.execute(
        "UPDATE sessions SET acting_supplier_id = NULL WHERE acting_supplier_id = ?1
            AND user_id IN (SELECT id FROM users WHERE cooperative_id = ?2)",
        params![supplier, link.cooperative],
    )?;
    // A pending link's supplier is not the cooperative's to know: the trail
    // (which staff read) records only the end of a confirmed link, or the
    // member's own decision.
    if link.confirmed || owner_supplier(session) == Some(supplier) {
        audit::record(
            &connection,
            session,
            supplier,
            "link_ended",
            &[json!({"field": "cooperative_id", "old": link.cooperative, "new": null})],
            &rfc3339(state.now()),
        )?;
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct CodeInput {
    code: String,
}

/// `POST /coop/links/{id}/confirm`: the staff member types the code the
/// member read out; the answer is the member, now with their data. The code
/// is checked first (a wrong one counts as a wrong try whoever owns the
/// number); a right code for a number whose owner has no supplier yet is a
/// 409 and links nothing: consent is given for an account that exists, so
/// the member signs in first (then confirms on their phone, or staff send a
/// new code).
pub async fn staff_confirm(
    State(state): State<AppState>,
    session: Session,
    client: ClientAddr,
    Id(id): Id,
    Json(body): Json<CodeInput>,
) -> ApiResult<Json<Value>> {
    let connection = state.db()?;
    let link = staff_link(&connection, &session, id)?;
    if !link.confirmed {
        let checked = codes::check(
            &connection,
            &state,
            &client,
            &link.phone,
            Purpose::CoopLink(id),
            &body.code,
        )?;
        if let Err(refusal) = checked {
            // In the staff member's own account events (with the address),
            // not the cooperative's trail: a pending link's supplier is not
            // the cooperative's to know.
            audit::record_user(
                &connection,
                session.user_id,
                "link_code_failed",
                &client,
                state.now(),
            )?;
            return Err(refusal.problem());
        }
        confirm(&connection, &state, &session, id, &link)?;
    }
    Ok(Json(member_json(
        &connection,
        id,
        &crate::routes::documents::today(&state),
    )?))
}

/// `POST /coop/links/{id}/code`: a new code for a pending link.
pub async fn staff_resend(
    State(state): State<AppState>,
    session: Session,
    client: ClientAddr,
    Id(id): Id,
) -> ApiResult<Response> {
    let connection = state.db()?;
    let link = staff_link(&connection, &session, id)?;
    if link.confirmed {
        return Err(Problem::conflict("This member has confirmed already."));
    }
    let expires_in = send_link_code(&connection, &state, &client, id, &link.phone)?;
    Ok((
        StatusCode::ACCEPTED,
        Json(otp_sent(&link.phone, "sms", expires_in)),
    )
        .into_response())
}

/// `DELETE /coop/links/{id}`: the cooperative ends a link or withdraws an
/// invitation.
pub async fn staff_end(
    State(state): State<AppState>,
    session: Session,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    end(&state, &session, id, staff_link)
}

fn owner_link_json(connection: &Connection, id: i64) -> ApiResult<Value> {
    Ok(connection.query_row(
        "SELECT l.id, c.id, c.name, l.status, l.created_at, l.confirmed_at
         FROM coop_links l JOIN cooperatives c ON c.id = l.cooperative_id WHERE l.id = ?1",
        [id],
        |row| {
            Ok(json!({
                "id": row.get::<_, i64>(0)?,
                "cooperative": {"id": row.get::<_, i64>(1)?, "name": row.get::<_, String>(2)?},
                "status": row.get::<_, String>(3)?,
                "invited_at": row.get::<_, String>(4)?,
                "confirmed_at": row.get::<_, Option<String>>(5)?,
            }))
        },
    )?)
}

/// `GET /me/cooperative-links`: the cooperatives linked to the signed-in
/// owner's supplier, pending or confirmed (empty for anyone else).
pub async fn owner_list(State(state): State<AppState>, session: Session) -> ApiResult<Json<Value>> {
    let connection = state.db()?;
    let ids: Vec<i64> = match owner_supplier(&session) {
        Some(supplier) => connection
            .prepare("SELECT id FROM coop_links WHERE supplier_id = ?1 ORDER BY id")?
            .query_map([supplier], |row| row.get(0))?
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let items = ids
        .into_iter()
        .map(|id| owner_link_json(&connection, id))
        .collect::<ApiResult<Vec<_>>>()?;
    Ok(Json(json!({"items": items})))
}

/// `POST /me/cooperative-links/{id}/confirm`: the owner lets the
/// cooperative's staff act for them.
pub async fn owner_confirm(
    State(state): State<AppState>,
    session: Session,
    Id(id): Id,
) -> ApiResult<Json<Value>> {
    let connection = state.db()?;
    let link = owner_link(&connection, &session, id)?;
    confirm(&connection, &state, &session, id, &link)?;
    Ok(Json(owner_link_json(&connection, id)?))
}

/// `DELETE /me/cooperative-links/{id}`: the owner ends a link (or refuses
/// an invitation); the cooperative's staff stop acting for them at once.
pub async fn owner_end(
    State(state): State<AppState>,
    session: Session,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    end(&state, &session, id, owner_link)
}
