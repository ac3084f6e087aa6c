//! Sessions: a random token in an HttpOnly cookie; the database keeps only
//! its SHA-256. A session ends after `idle_timeout_secs` without a request,
//! and `absolute_timeout_secs` after sign-in however active it was. Over
//! https the cookie is `__Host-rantai_session` (Secure, Path=/, no Domain:
//! no subdomain or plain-http page can set or shadow it).

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use crate::client::is_https;
use crate::problem::{ApiResult, Problem};
use crate::state::{AppState, Config};

/// The cookie's name over plain http (local development).
pub const COOKIE: &str = "rantai_session";
/// The cookie's name over https.
pub const SECURE_COOKIE: &str = "__Host-rantai_session";

/// The cookie's name for a request: the `__Host-` one over https.
pub fn cookie_name(headers: &HeaderMap, config: &Config) -> &'static str {
    if is_https(headers, config) {
        SECURE_COOKIE
    } else {
        COOKIE
    }
}

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
            _ => Err(Problem::forbidden(
                "This page is for cooperative staff: sign in with a cooperative staff account.",
            )),
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

/// Starts a session for `user_id` from a request with `headers`; returns
/// the `Set-Cookie` value (`Secure` and `__Host-` over https).
pub fn start(
    connection: &Connection,
    state: &AppState,
    headers: &HeaderMap,
    user_id: i64,
) -> ApiResult<HeaderValue> {
    let token = new_token()?;
    let now = state.now();
    connection.execute(
        "INSERT INTO sessions (token_hash, user_id, last_seen, started_at) VALUES (?1, ?2, ?3, ?3)",
        params![hash_token(&token), user_id, now],
    )?;
    let name = cookie_name(headers, &state.config);
    let secure = if name == SECURE_COOKIE {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{name}={token}; HttpOnly; SameSite=Strict; Path=/{secure}"
    ))
    .map_err(Problem::internal)
}

/// The `Set-Cookie` value that removes the cookie of a request with `headers`.
pub fn clear_cookie(headers: &HeaderMap, config: &Config) -> HeaderValue {
    if cookie_name(headers, config) == SECURE_COOKIE {
        HeaderValue::from_static(
            "__Host-rantai_session=; HttpOnly; SameSite=Strict; Path=/; Secure; Max-Age=0",
        )
    } else {
        HeaderValue::from_static("rantai_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
    }
}

/// The session token from the request's cookies: over https only the
/// `__Host-` cookie counts.
pub fn token_from(headers: &HeaderMap, config: &Config) -> Option<String> {
    let wanted = cookie_name(headers, config);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|cookie| cookie.trim().split_once('='))
        .find(|(name, _)| *name == wanted)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty() && value.len() <= 128)
}

impl FromRequestParts<AppState> for Session {
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = token_from(&parts.headers, &state.config).ok_or_else(Problem::unauthorized)?;
        let token_hash = hash_token(&token);
        let now = state.now();
        let connection = state.db()?;
        let found = connection
            .query_row(
                // Acting for a member counts only while the cooperative's
                // link to that member is confirmed.
                "SELECT s.user_id, s.last_seen,
                        CASE WHEN EXISTS (SELECT 1 FROM coop_links l
                            WHERE l.supplier_id = s.acting_supplier_id
                              AND l.cooperative_id = u.cooperative_id
                              AND l.status = 'confirmed')
                        THEN s.acting_supplier_id END,
                        u.phone, u.role, u.supplier_id, u.cooperative_id, s.started_at
                 FROM sessions s JOIN users u ON u.id = s.user_id
                 WHERE s.token_hash = ?1",
                [&token_hash],
                |row| {
                    Ok((
                        row.get::<_, i64>(1)?,
                        row.get::<_, i64>(7)?,
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
        let Some((last_seen, started_at, session)) = found else {
            return Err(Problem::unauthorized());
        };
        if now - last_seen >= state.config.idle_timeout_secs
            || now - started_at >= state.config.absolute_timeout_secs
        {
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

/// `Option<Session>`, for routes open to signed-out visitors too (tender
/// search and detail): no cookie is `None`; a cookie that names no live
/// session is still 401, as on every route, so the app learns its session
/// ended and offers to sign in again.
impl OptionalFromRequestParts<AppState> for Session {
    type Rejection = Problem;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Option<Self>, Self::Rejection> {
        if token_from(&parts.headers, &state.config).is_none() {
            return Ok(None);
        }
        <Session as FromRequestParts<AppState>>::from_request_parts(parts, state)
            .await
            .map(Some)
    }
}
