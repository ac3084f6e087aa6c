//! Sign-in by one-time code, the session's user, the one-time role choice.

use axum::extract::State;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::audit;
use crate::client::ClientAddr;
use crate::codes::{self, Purpose};
use crate::problem::{ApiResult, Json, Problem};
use crate::session::{self, Session};
use crate::state::AppState;
use rantai::domain::phone::{mask, normalize_mobile, PhoneError};

pub use crate::codes::{CODES_PER_HOUR, CODE_LIFETIME_SECS, MAX_WRONG_TRIES, RESEND_AFTER_SECS};

#[derive(Deserialize)]
pub struct OtpRequest {
    phone: String,
    #[serde(default)]
    channel: Option<Channel>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum Channel {
    Sms,
    Whatsapp,
}

fn phone_problem(error: PhoneError) -> Problem {
    let code = match error {
        PhoneError::Empty => "required",
        PhoneError::TooShort { .. } | PhoneError::TooLong { .. } => "length",
        _ => "format",
    };
    Problem::invalid_field("phone", code, error.to_string())
}

/// `POST /auth/otp`
pub async fn request_otp(
    State(state): State<AppState>,
    client: ClientAddr,
    Json(body): Json<OtpRequest>,
) -> ApiResult<Response> {
    let phone = normalize_mobile(&body.phone).map_err(phone_problem)?;
    let channel = match body.channel.unwrap_or(Channel::Sms) {
        Channel::Sms => "sms",
        Channel::Whatsapp => "whatsapp",
    };
    let connection = state.db()?;
    let expires_in = codes::send(
        &connection,
        &state,
        &client,
        &phone,
        Purpose::SignIn,
        channel,
    )?;
    Ok((
        StatusCode::ACCEPTED,
        Json(otp_sent(&phone, channel, expires_in)),
    )
        .into_response())
}

/// The `OtpSent` of the contract.
pub fn otp_sent(phone: &str, channel: &str, expires_in: i64) -> Value {
    json!({
        "phone": phone,
        "masked_phone": mask(phone),
        "channel": channel,
        "expires_in": expires_in,
        "resend_after": RESEND_AFTER_SECS,
    })
}

#[derive(Deserialize)]
pub struct OtpVerify {
    phone: String,
    code: String,
}

/// `POST /auth/verify`
pub async fn verify_otp(
    State(state): State<AppState>,
    client: ClientAddr,
    headers: axum::http::HeaderMap,
    Json(body): Json<OtpVerify>,
) -> ApiResult<Response> {
    let phone = normalize_mobile(&body.phone).map_err(phone_problem)?;
    let now = state.now();
    let connection = state.db()?;
    let user = connection
        .query_row("SELECT id FROM users WHERE phone = ?1", [&phone], |row| {
            row.get::<_, i64>(0)
        })
        .optional()?;
    if let Err(refusal) = codes::check(
        &connection,
        &state,
        &client,
        &phone,
        Purpose::SignIn,
        &body.code,
    )? {
        if let Some(user) = user {
            audit::record_user(&connection, user, "sign_in_failed", &client, now)?;
        }
        return Err(refusal.problem());
    }
    let user_id = match user {
        Some(id) => id,
        None => {
            connection.execute(
                "INSERT INTO users (phone, created_at) VALUES (?1, ?2)",
                params![phone, crate::state::rfc3339(now)],
            )?;
            connection.last_insert_rowid()
        }
    };
    audit::record_user(&connection, user_id, "sign_in", &client, now)?;
    // Whatever session the browser still had (a previous person's, whose
    // sign-out never reached us) ends here: it never lives on beside the
    // new one, and a late sign-out of it finds nothing to end.
    if let Some(token) = session::token_from(&headers, &state.config) {
        connection.execute(
            "DELETE FROM sessions WHERE token_hash = ?1",
            [session::hash_token(&token)],
        )?;
    }
    let cookie = session::start(&connection, &state, &headers, user_id)?;
    let me = me_json(&connection, &state, user_id, None)?;
    Ok(([(header::SET_COOKIE, cookie)], Json(me)).into_response())
}

/// `POST /auth/logout`: ends the session the request's cookie names. The
/// cookie is cleared only when this request ended a session: a logout with
/// no cookie or a session already gone (a late retry of a sign-out after
/// someone else signed in on the browser) answers 204 without `Set-Cookie`,
/// which could otherwise remove the newer person's cookie.
///
/// Either way it answers `Clear-Site-Data: "cache"`: the browser drops the
/// files and thumbnails it cached (`Cache-Control: private`) on what may be
/// a shared office computer. Only the cache: the app wipes its own storage,
/// and clearing cookies here would end a newer person's session too.
pub async fn logout(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> ApiResult<Response> {
    let ended = match session::token_from(&headers, &state.config) {
        Some(token) => state.db()?.execute(
            "DELETE FROM sessions WHERE token_hash = ?1",
            [session::hash_token(&token)],
        )?,
        None => 0,
    };
    let mut response = (
        StatusCode::NO_CONTENT,
        [(
            HeaderName::from_static("clear-site-data"),
            HeaderValue::from_static("\"cache\""),
        )],
    )
        .into_response();
    if ended > 0 {
        response.headers_mut().insert(
            header::SET_COOKIE,
            session::clear_cookie(&headers, &state.config),
        );
    }
    Ok(response)
}

/// `GET /auth/session`: who is signed in, or `me: null` (never 401: the
/// app asks it at start, and a signed-out visit must log no failed request).
pub async fn current(
    State(state): State<AppState>,
    session: Result<Session, Problem>,
) -> ApiResult<Json<Value>> {
    let me = match session {
        Ok(session) => session_me(&*state.db()?, &state, &session)?.0,
        Err(problem) if problem.status() == StatusCode::UNAUTHORIZED => Value::Null,
        Err(problem) => return Err(problem),
    };
    Ok(Json(json!({ "me": me })))
}

/// `GET /me`
pub async fn me(State(state): State<AppState>, session: Session) -> ApiResult<Json<Value>> {
    session_me(&*state.db()?, &state, &session)
}

/// The session's `Me` (acting for whom it acts).
fn session_me(
    connection: &Connection,
    state: &AppState,
    session: &Session,
) -> ApiResult<Json<Value>> {
    Ok(Json(me_json(
        connection,
        state,
        session.user_id,
        session.acting_supplier_id,
    )?))
}

/// A user's phone, role, own supplier and cooperative (id, name).
type UserRow = (
    String,
    Option<String>,
    Option<i64>,
    Option<(i64, String)>,
    Option<String>,
);

/// The `Me` object of the contract.
pub fn me_json(
    connection: &Connection,
    state: &AppState,
    user_id: i64,
    acting: Option<i64>,
) -> ApiResult<Value> {
    let (phone, role, supplier_id, cooperative, name): UserRow = connection.query_row(
        "SELECT u.phone, u.role, u.supplier_id, c.id, c.name, u.name
             FROM users u LEFT JOIN cooperatives c ON c.id = u.cooperative_id WHERE u.id = ?1",
        [user_id],
        |row| {
            let cooperative = match (
                row.get::<_, Option<i64>>(3)?,
                row.get::<_, Option<String>>(4)?,
            ) {
                (Some(id), Some(name)) => Some((id, name)),
                _ => None,
            };
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                cooperative,
                row.get(5)?,
            ))
        },
    )?;
    let acting_for = match acting {
        Some(member) => {
            Some(json!({"supplier_id": member, "name": member_name(connection, member)?}))
        }
        None => None,
    };
    Ok(json!({
        "user_id": user_id,
        "phone": phone,
        "name": name,
        "role": role,
        "cooperative": cooperative.map(|(id, name)| json!({"id": id, "name": name})),
        "supplier_id": if role.as_deref() == Some("coop_staff") { acting } else { supplier_id },
        "acting_for": acting_for,
        "idle_timeout_seconds": state.config.idle_timeout_secs,
    }))
}

/// A member's display name: the business name, else the owner's, from the
/// profile, else as staff typed them in the invitation.
pub fn member_name(connection: &Connection, supplier_id: i64) -> ApiResult<String> {
    let names: Vec<String> = connection
        .prepare(
            "SELECT json_extract(data, '$.name') FROM sections
             WHERE supplier_id = ?1 AND section IN ('business', 'owner')
             ORDER BY section = 'business' DESC",
        )?
        .query_map([supplier_id], |row| row.get::<_, Option<String>>(0))?
        .filter_map(|name| name.ok().flatten())
        .filter(|name| !name.trim().is_empty())
        .collect();
    if let Some(name) = names.into_iter().next() {
        return Ok(name);
    }
    // Nothing in the profile yet: what staff typed when inviting them.
    let invited: Option<String> = connection
        .query_row(
            "SELECT COALESCE(NULLIF(TRIM(invited_business), ''), invited_name) FROM coop_links
             WHERE supplier_id = ?1 ORDER BY id DESC LIMIT 1",
            [supplier_id],
            |row| row.get(0),
        )
        .optional()?
        .flatten();
    Ok(invited.unwrap_or_else(|| format!("#{supplier_id}")))
}

#[derive(Deserialize)]
pub struct RoleChoice {
    role: Role,
    #[serde(default)]
    cooperative_name: Option<String>,
    /// The staff member's own name, shown to members on their trail.
    #[serde(default)]
    name: Option<String>,
}

/// How long a staff member's name may be, in characters.
const MAX_NAME_CHARS: usize = 100;

/// A staff member's name (trimmed) is at most [`MAX_NAME_CHARS`].
fn check_name(name: &str) -> ApiResult<()> {
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(Problem::invalid_field(
            "name",
            "length",
            "A name is at most 100 characters.",
        ));
    }
    Ok(())
}

#[derive(Deserialize)]
pub struct NameInput {
    name: String,
}

/// `PUT /me/name`: a staff member gives or changes the name members read
/// on what staff filled in for them (staff made before they were asked it
/// at the role question have none). Only staff have one.
pub async fn set_name(
    State(state): State<AppState>,
    session: Session,
    Json(body): Json<NameInput>,
) -> ApiResult<Json<Value>> {
    session.cooperative()?;
    let name = body.name.trim();
    if name.is_empty() {
        return Err(Problem::invalid_field(
            "name",
            "required",
            "Enter your name.",
        ));
    }
    check_name(name)?;
    let connection = state.db()?;
    connection.execute(
        "UPDATE users SET name = ?1 WHERE id = ?2",
        params![name, session.user_id],
    )?;
    session_me(&connection, &state, &session)
}

#[derive(Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Role {
    Supplier,
    CoopStaff,
}

/// `PUT /me/role`
pub async fn choose_role(
    State(state): State<AppState>,
    session: Session,
    Json(body): Json<RoleChoice>,
) -> ApiResult<Json<Value>> {
    if session.role.is_some() {
        return Err(Problem::conflict("The role was chosen already."));
    }
    let connection = state.db()?;
    let now = crate::state::rfc3339(state.now());
    match body.role {
        Role::Supplier => {
            connection.execute(
                "INSERT INTO suppliers (status, created_at) VALUES ('draft', ?1)",
                [&now],
            )?;
            let supplier = connection.last_insert_rowid();
            connection.execute(
                "UPDATE users SET role = 'supplier', supplier_id = ?1 WHERE id = ?2",
                params![supplier, session.user_id],
            )?;
            // Cooperatives' invitations to this number now point at the
            // owner's own supplier, still pending until the owner confirms.
            connection.execute(
                "UPDATE coop_links SET supplier_id = ?1 WHERE phone = ?2 AND supplier_id IS NULL",
                params![supplier, session.phone],
            )?;
        }
        Role::CoopStaff => {
            let name = body
                .cooperative_name
                .as_deref()
                .map(str::trim)
                .unwrap_or_default();
            if name.is_empty() {
                return Err(Problem::invalid_field(
                    "cooperative_name",
                    "required",
                    "Enter the cooperative's name.",
                ));
            }
            let staff_name = body
                .name
                .as_deref()
                .map(str::trim)
                .filter(|staff_name| !staff_name.is_empty());
            if let Some(staff_name) = staff_name {
                check_name(staff_name)?;
            }
            connection.execute("INSERT INTO cooperatives (name) VALUES (?1)", [name])?;
            let cooperative = connection.last_insert_rowid();
            connection.execute(
                "UPDATE users SET role = 'coop_staff', cooperative_id = ?1, name = ?2 WHERE id = ?3",
                params![cooperative, staff_name, session.user_id],
            )?;
        }
    }
    Ok(Json(me_json(&connection, &state, session.user_id, None)?))
}
