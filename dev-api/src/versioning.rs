//! Versions as ETags: every editable resource (profile section, product,
//! document) answers with its version as a strong `ETag`, and a write must
//! send it back as `If-Match` (428 without; the handler answers 412 with the
//! current resource when it no longer matches).

use std::fmt::Display;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::problem::{ApiResult, Json, Problem};

/// `body` as JSON with `version` as its `ETag`.
pub fn with_etag(status: StatusCode, body: Value, version: impl Display) -> Response {
    let etag = HeaderValue::from_str(&format!("\"{version}\""))
        .unwrap_or(HeaderValue::from_static("\"0\""));
    (status, [(header::ETAG, etag)], Json(body)).into_response()
}

/// A resource whose JSON carries its own `version`, with that as its `ETag`.
pub fn versioned(status: StatusCode, body: Value) -> Response {
    let version = body["version"].as_str().unwrap_or("0").to_owned();
    with_etag(status, body, version)
}

/// The version in `If-Match` (quotes and a weak `W/` dropped), or 428.
pub fn if_match(headers: &HeaderMap) -> ApiResult<String> {
    headers
        .get(header::IF_MATCH)
        .and_then(|value| value.to_str().ok())
        .map(|value| value.trim().trim_start_matches("W/").trim_matches('"').to_owned())
        .ok_or_else(|| {
            Problem::new(StatusCode::PRECONDITION_REQUIRED, "Send If-Match")
                .detail("Send the ETag you read as If-Match, so changes from another device are not overwritten.")
        })
}
