//! Sign-in by one-time code, the session's user, the one-time role choice.

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::problem::{ApiResult, Json, Problem};
use crate::session::{self, Session};
use crate::state::AppState;
use rantai::domain::phone::{mask, normalize_mobile, PhoneError};

/// Seconds between two codes to one number.
pub const RESEND_AFTER_SECS: i64 = 60;
/// Codes per number per hour.
pub const CODES_PER_HOUR: i64 = 5;
/// Seconds a code stays valid.
pub const CODE_LIFETIME_SECS: i64 = 300;
/// Wrong codes before the code locks.
pub const MAX_WRONG_TRIES: i64 = 5;

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
    Json(body): Json<OtpRequest>,
) -> ApiResult<Response> {
    let phone = normalize_mobile(&body.phone).map_err(phone_problem)?;
    let channel = body.channel.unwrap_or(Channel::Sms);
    let now = state.now();
    let connection = state.db()?;
    let (last_sent, sent_last_hour, oldest_last_hour): (Option<i64>, i64, Option<i64>) = connection.query_row(
        "SELECT MAX(sent_at), COUNT(*), MIN(sent_at) FROM otps WHERE phone = ?1 AND sent_at > ?2",
        params![phone, now - 3600],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    if let Some(last) = last_sent {
        if now - last < RESEND_AFTER_SECS {
            return Err(Problem::too_many(
                (RESEND_AFTER_SECS - (now - last)) as u64,
                "One code per minute.",
            ));
        }
    }
    if sent_last_hour >= CODES_PER_HOUR {
        let wait = oldest_last_hour.map_or(3600, |oldest| oldest + 3600 - now);
        return Err(Problem::too_many(wait as u64, "Five codes per hour."));
    }
    let code = new_code()?;
    connection.execute(
        "INSERT INTO otps (phone, code, sent_at, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![phone, code, now, now + CODE_LIFETIME_SECS],
    )?;
    let channel_name = match channel {
        Channel::Sms => "sms",
        Channel::Whatsapp => "whatsapp",
    };
    if state.config.dev {
        println!("dev-api: one-time code for {phone} by {channel_name}: {code}");
    }
    let body = json!({
        "phone": phone,
        "masked_phone": mask(&phone),
        "channel": channel_name,
        "expires_in": CODE_LIFETIME_SECS,
        "resend_after": RESEND_AFTER_SECS,
    });
    Ok((StatusCode::ACCEPTED, Json(body)).into_response())
}

fn new_code() -> ApiResult<String> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).map_err(Problem::internal)?;
    Ok(format!("{:06}", u32::from_le_bytes(bytes) % 1_000_000))
}

#[derive(Deserialize)]
pub struct OtpVerify {
    phone: String,
    code: String,
}

/// `POST /auth/verify`
pub async fn verify_otp(
    State(state): State<AppState>,
    Json(body): Json<OtpVerify>,
) -> ApiResult<Response> {
    let phone = normalize_mobile(&body.phone).map_err(phone_problem)?;
    let now = state.now();
    let connection = state.db()?;
    let latest: Option<(i64, String, i64, i64)> = connection
        .query_row(
            "SELECT rowid, code, expires_at, wrong_tries FROM otps
             WHERE phone = ?1 AND used = 0 ORDER BY sent_at DESC, rowid DESC LIMIT 1",
            [&phone],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    let Some((otp_id, code, expires_at, wrong_tries)) = latest else {
        return Err(Problem::invalid_field(
            "code",
            "expired",
            "No code was sent to this number, or it was used.",
        ));
    };
    if wrong_tries >= MAX_WRONG_TRIES {
        return Err(Problem::invalid_field(
            "code",
            "locked",
            "Too many wrong codes: ask for a new one.",
        ));
    }
    if now >= expires_at {
        return Err(Problem::invalid_field(
            "code",
            "expired",
            "The code expired: ask for a new one.",
        ));
    }
    let typed: String = body.code.chars().filter(char::is_ascii_digit).collect();
    if typed != code {
        let tries = wrong_tries + 1;
        connection.execute(
            "UPDATE otps SET wrong_tries = ?1 WHERE rowid = ?2",
            params![tries, otp_id],
        )?;
        return Err(if tries >= MAX_WRONG_TRIES {
            Problem::invalid_field("code", "locked", "Too many wrong codes: ask for a new one.")
        } else {
            Problem::invalid_field(
                "code",
                "wrong",
                format!("Wrong code; {} tries left.", MAX_WRONG_TRIES - tries),
            )
        });
    }
    connection.execute("UPDATE otps SET used = 1 WHERE rowid = ?1", [otp_id])?;
    let user_id = match connection
        .query_row("SELECT id FROM users WHERE phone = ?1", [&phone], |row| {
            row.get::<_, i64>(0)
        })
        .optional()?
    {
        Some(id) => id,
        None => {
            connection.execute(
                "INSERT INTO users (phone, created_at) VALUES (?1, ?2)",
                params![phone, crate::state::rfc3339(now)],
            )?;
            connection.last_insert_rowid()
        }
    };
    let cookie = session::start(&connection, &state, user_id)?;
    let me = me_json(&connection, &state, user_id, None)?;
    Ok(([(header::SET_COOKIE, cookie)], Json(me)).into_response())
}

/// `POST /auth/logout`
pub async fn logout(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> ApiResult<Response> {
    if let Some(token) = session::token_from(&headers) {
        state.db()?.execute(
            "DELETE FROM sessions WHERE token_hash = ?1",
            [session::hash_token(&token)],
        )?;
    }
    Ok((
        StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, session::clear_cookie())],
    )
        .into_response())
}

/// `GET /me`
pub async fn me(State(state): State<AppState>, session: Session) -> ApiResult<Json<Value>> {
    let connection = state.db()?;
    Ok(Json(me_json(
        &connection,
        &state,
        session.user_id,
        session.acting_supplier_id,
    )?))
}

/// A user's phone, role, own supplier and cooperative (id, name).
type UserRow = (String, Option<String>, Option<i64>, Option<(i64, String)>);

/// The `Me` object of the contract.
pub fn me_json(
    connection: &Connection,
    state: &AppState,
    user_id: i64,
    acting: Option<i64>,
) -> ApiResult<Value> {
    let (phone, role, supplier_id, cooperative): UserRow = connection.query_row(
        "SELECT u.phone, u.role, u.supplier_id, c.id, c.name
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
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, cooperative))
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
        "role": role,
        "cooperative": cooperative.map(|(id, name)| json!({"id": id, "name": name})),
        "supplier_id": if role.as_deref() == Some("coop_staff") { acting } else { supplier_id },
        "acting_for": acting_for,
        "idle_timeout_seconds": state.config.idle_timeout_secs,
    }))
}

/// A member's display name: the business name, else the owner's.
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
    Ok(names
        .into_iter()
        .next()
        .unwrap_or_else(|| format!("#{supplier_id}")))
}

#[derive(Deserialize)]
pub struct RoleChoice {
    role: Role,
    #[serde(default)]
    cooperative_name: Option<String>,
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
            connection.execute("INSERT INTO cooperatives (name) VALUES (?1)", [name])?;
            let cooperative = connection.last_insert_rowid();
            connection.execute(
                "UPDATE users SET role = 'coop_staff', cooperative_id = ?1 WHERE id = ?2",
                params![cooperative, session.user_id],
            )?;
        }
    }
    Ok(Json(me_json(&connection, &state, session.user_id, None)?))
}
