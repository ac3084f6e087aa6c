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

/// An `If-Match` header as RFC 9110 (13.1.1) reads it: `*`, or a list of
/// entity tags compared strongly (a weak `W/"…"` tag never matches).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IfMatch {
    /// `*`: any current version.
    Any,
    /// The strong tags listed (their opaque parts, without quotes).
    Tags(Vec<String>),
}

impl IfMatch {
    /// Whether the resource at `version` satisfies the condition.
    pub fn matches(&self, version: &str) -> bool {
        self.matches_if_exists(version, true)
    }

    /// Whether a resource that may not exist yet satisfies the condition:
    /// `*` needs a current representation (RFC 9110 13.1.1), so it fails
    /// while `exists` is false; a listed tag is compared with `version` (a
    /// profile section never saved is at `"0"`, the ETag its GET answers).
    pub fn matches_if_exists(&self, version: &str, exists: bool) -> bool {
        match self {
            IfMatch::Any => exists,
            IfMatch::Tags(tags) => tags.iter().any(|tag| tag == version),
        }
    }

    /// Parses every `If-Match` line; weak and malformed entries are dropped
    /// (they can never match).
    pub fn parse<'a>(values: impl Iterator<Item = &'a str>) -> IfMatch {
        let mut tags = Vec::new();
        for value in values {
            let mut rest = value.trim();
            if rest == "*" {
                return IfMatch::Any;
            }
            while !rest.is_empty() {
                let weak = rest.starts_with("W/");
                let tag = rest.trim_start_matches("W/");
                let Some(body) = tag.strip_prefix('"') else {
                    break;
                };
                let Some(end) = body.find('"') else {
                    break;
                };
                if !weak {
                    tags.push(body[..end].to_owned());
                }
                rest = body[end + 1..]
                    .trim_start()
                    .trim_start_matches(',')
                    .trim_start();
            }
        }
        IfMatch::Tags(tags)
    }
}

/// The request's `If-Match`, or 428 without one.
pub fn if_match(headers: &HeaderMap) -> ApiResult<IfMatch> {
    let values: Vec<&str> = headers
        .get_all(header::IF_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .collect();
    if values.is_empty() {
        return Err(
            Problem::new(StatusCode::PRECONDITION_REQUIRED, "Send If-Match")
                .detail("Send the ETag you read as If-Match, so changes from another device are not overwritten."),
        );
    }
    Ok(IfMatch::parse(values.into_iter()))
}

#[cfg(test)]
mod tests {
    use super::IfMatch;

    fn parse(value: &str) -> IfMatch {
        IfMatch::parse(std::iter::once(value))
    }

    #[test]
    fn if_match_reads_star_lists_and_never_matches_a_weak_tag() {
        assert!(parse("*").matches("7"));
        assert!(!parse("*").matches_if_exists("0", false));
        assert!(parse("\"0\"").matches_if_exists("0", false));
        assert!(parse("\"3\"").matches("3"));
        assert!(parse("\"1\", \"3\"").matches("3"));
        assert!(parse("W/\"1\",\"3\"").matches("3"));
        assert!(!parse("W/\"3\"").matches("3"));
        assert!(!parse("3").matches("3"), "a tag is quoted");
        assert!(!parse("\"3").matches("3"));
        assert!(!parse("\"2\", W/\"3\"").matches("3"));
    }
}
