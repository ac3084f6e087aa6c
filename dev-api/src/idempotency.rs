//! `Idempotency-Key`: a create sent twice (a retry after a dropped
//! connection) returns the first result instead of making a duplicate.
//! Keys are scoped (`supplier:5`, `user:3`): one party's key never
//! collides with another's.

use axum::http::{HeaderMap, StatusCode};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::problem::{ApiResult, Problem};

/// The request's key, checked: 8 to 64 visible ASCII characters.
pub fn key(headers: &HeaderMap) -> ApiResult<String> {
    let key = headers
        .get("idempotency-key")
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .unwrap_or_default();
    if (8..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(key.to_owned())
    } else {
        Err(Problem::bad_request(
            "Send an Idempotency-Key header (a UUID) with each create.",
        ))
    }
}

/// A fingerprint of what was asked, to tell a retry from a reuse of the key.
pub fn fingerprint(path: &str, body: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(path.as_bytes());
    hasher.update([0]);
    hasher.update(body);
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The stored answer to this key, if the request was seen before; 409 when
/// the key was used for a different request.
pub fn replay(
    connection: &Connection,
    scope: &str,
    key: &str,
    fingerprint: &str,
) -> ApiResult<Option<(StatusCode, Value)>> {
    let found: Option<(String, u16, String)> = connection
        .query_row(
            "SELECT request_hash, status, body FROM idempotency WHERE scope = ?1 AND key = ?2",
            params![scope, key],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    match found {
        None => Ok(None),
        Some((hash, _, _)) if hash != fingerprint => Err(Problem::conflict(
            "This Idempotency-Key was used for a different request.",
        )),
        Some((_, status, body)) => Ok(Some((
            StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
            serde_json::from_str(&body).unwrap_or(Value::Null),
        ))),
    }
}

/// Remembers the answer to this key (in the same transaction as the write).
pub fn remember(
    connection: &Connection,
    scope: &str,
    key: &str,
    fingerprint: &str,
    status: StatusCode,
    body: &Value,
) -> ApiResult<()> {
    connection.execute(
        "INSERT INTO idempotency (scope, key, request_hash, status, body) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![scope, key, fingerprint, status.as_u16(), body.to_string()],
    )?;
    Ok(())
}
