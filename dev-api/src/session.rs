//! Sessions: a random token in an HttpOnly cookie; the database keeps only
//! its SHA-256. A session ends after `idle_timeout_secs` without a request.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::problem::{ApiResult, Problem};
use crate::state::AppState;

/// The cookie's name.
pub const COOKIE: &str = "rantai_session";

/// Who is signed in, read from the session cookie.
#[derive(Clone, Debug)]
pub struct Session {
    /// The session's token hash (its key).
    pub token_hash: String,
    /// The user.
    pub user_id: i64,
    /// Their phone (E.164).
    pub phone: String,
    /// `supplier`, `coop_staff`, or None until chosen.
    pub role: Option<String>,
    /// The user's own supplier (UMKM owners).
    pub own_supplier_id: Option<i64>,
    /// The staff member's cooperative.
    pub cooperative_id: Option<i64>,
    /// The member a staff member acts for.
    pub acting_supplier_id: Option<i64>,
}

impl Session {
    /// The supplier whose data this session reads and writes.
    pub fn supplier_id(&self) -> ApiResult<i64> {
        match self.role.as_deref() {
            Some("supplier") => self
                .own_supplier_id
                .ok_or_else(|| Problem::forbidden("This account has no supplier profile.")),
            Some("coop_staff") => self.acting_supplier_id.ok_or_else(|| {
                Problem::forbidden("Choose a member to act for first (PUT /coop/acting).")
            }),
            _ => Err(Problem::forbidden(
                "Say whether you are an UMKM owner or cooperative staff first (PUT /me/role).",
            )),
        }
    }

    /// The staff member's cooperative, or 403 for anyone else.
    pub fn cooperative(&self) -> ApiResult<i64> {
        match (self.role.as_deref(), self.cooperative_id) {
            (Some("coop_staff"), Some(id)) => Ok(id),
            _ => Err(Problem::forbidden("Only cooperative staff can do this.")),
        }
    }
}

/// SHA-256 of a token, hex.
pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// 32 random bytes, hex.
pub fn new_token() -> ApiResult<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(Problem::internal)?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// Starts a session for `user_id`; returns the `Set-Cookie` value.
pub fn start(connection: &Connection, state: &AppState, user_id: i64) -> ApiResult<HeaderValue> {
    let token = new_token()?;
    connection.execute(
        "INSERT INTO sessions (token_hash, user_id, last_seen) VALUES (?1, ?2, ?3)",
        params![hash_token(&token), user_id, state.now()],
    )?;
    let secure = if state.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/{secure}"
    ))
    .map_err(Problem::internal)
}

/// The `Set-Cookie` value that removes the cookie.
pub fn clear_cookie() -> HeaderValue {
    HeaderValue::from_static("rantai_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
}

/// The session token from the request's cookies.
pub fn token_from(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|cookie| cookie.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty() && value.len() <= 128)
}

impl FromRequestParts<AppState> for Session {
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = token_from(&parts.headers).ok_or_else(Problem::unauthorized)?;
        let token_hash = hash_token(&token);
        let now = state.now();
        let connection = state.db()?;
        let found = connection
            .query_row(
                "SELECT s.user_id, s.last_seen, s.acting_supplier_id, u.phone, u.role,
                        u.supplier_id, u.cooperative_id
                 FROM sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.token_hash = ?1",
                [&token_hash],
                |row| {
                    Ok((
                        row.get::<_, i64>(1)?,
                        Session {
                            token_hash: token_hash.clone(),
                            user_id: row.get(0)?,
                            acting_supplier_id: row.get(2)?,
                            phone: row.get(3)?,
                            role: row.get(4)?,
                            own_supplier_id: row.get(5)?,
                            cooperative_id: row.get(6)?,
                        },
                    ))
                },
            )
            .optional()?;
        let Some((last_seen, session)) = found else {
            return Err(Problem::unauthorized());
        };
        if now - last_seen >= state.config.idle_timeout_secs {
            connection.execute("DELETE FROM sessions WHERE token_hash = ?1", [&token_hash])?;
            return Err(Problem::unauthorized());
        }
        connection.execute(
            "UPDATE sessions SET last_seen = ?1 WHERE token_hash = ?2",
            params![now, token_hash],
        )?;
        Ok(session)
    }
}
