//! `ApiError`: every way a request can fail, mapped once from the response.
//!
//! Pure: no web-sys here, so the status mapping is tested natively.

use serde::Deserialize;

use crate::i18n::Key;

/// One field's problem in a 422 response (`errors[]` of RFC 9457 problem details).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct FieldError {
    /// The field's path in the request body, e.g. `business.nib`.
    pub field: String,
    /// A stable code the UI can translate, e.g. `too_short`.
    pub code: String,
    /// The server's own sentence, shown when the UI has none for `code`.
    #[serde(default)]
    pub message: String,
}

/// An `application/problem+json` body (RFC 9457) as the contract sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Problem {
    /// A short, human-readable summary.
    #[serde(default)]
    pub title: String,
    /// This occurrence in more detail.
    #[serde(default)]
    pub detail: Option<String>,
    /// Field-level errors of a validation failure.
    #[serde(default)]
    pub errors: Vec<FieldError>,
}

impl Problem {
    /// The problem in `body`, if it is one.
    pub fn parse(body: &str) -> Option<Problem> {
        super::json::parse(body)
    }
}

/// Why a request failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The browser says it is offline; nothing was sent.
    Offline,
    /// The request did not reach the server or the answer did not come back.
    Network,
    /// No answer within the request's time limit.
    Timeout,
    /// The page that asked for it was left; nobody is waiting for the answer.
    Cancelled,
    /// 401: no session, or it expired.
    Unauthorized,
    /// 403: signed in, but not allowed.
    Forbidden,
    /// 404.
    NotFound,
    /// 400 or 422: the request was refused as invalid; `errors` says where.
    Validation(Problem),
    /// 409: the request conflicts with the current state.
    Conflict(Option<Problem>),
    /// 412: `If-Match` no longer matches; the body carries the current data.
    PreconditionFailed {
        /// The server's current version (its JSON), to show beside the user's.
        current: Option<String>,
        /// Its `ETag`, to send as `If-Match` when the person keeps their own.
        etag: Option<String>,
    },
    /// 429: slow down; `retry_after_secs` says for how long when the server said.
    TooManyRequests {
        /// Seconds from the `Retry-After` header.
        retry_after_secs: Option<u32>,
    },
    /// 5xx.
    Server {
        /// The status code.
        status: u16,
        /// Seconds from `Retry-After` (sent with 503).
        retry_after_secs: Option<u32>,
    },
    /// Any other status, or a success whose body was not what the contract says.
    Unexpected {
        /// The status code (0 when the body, not the status, was wrong).
        status: u16,
    },
}

impl ApiError {
    /// The error for a non-success `status`, its `Retry-After` header and its body.
    pub fn from_response(status: u16, retry_after: Option<&str>, body: &str) -> ApiError {
        let retry_after_secs = retry_after.and_then(parse_retry_after);
        match status {
            400 | 422 => ApiError::Validation(Problem::parse(body).unwrap_or_default()),
            401 => ApiError::Unauthorized,
            403 => ApiError::Forbidden,
            404 | 410 => ApiError::NotFound,
            408 => ApiError::Timeout,
            409 => ApiError::Conflict(Problem::parse(body)),
            412 => ApiError::PreconditionFailed {
                current: (!body.trim().is_empty()).then(|| body.to_owned()),
                etag: None,
            },
            429 => ApiError::TooManyRequests { retry_after_secs },
            500..=599 => ApiError::Server {
                status,
                retry_after_secs,
            },
            _ => ApiError::Unexpected { status },
        }
    }

    /// True when the same request may succeed if sent again unchanged.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network | ApiError::Timeout | ApiError::TooManyRequests { .. } => true,
            ApiError::Server { status, .. } => matches!(status, 500 | 502 | 503 | 504),
            _ => false,
        }
    }

    /// Seconds the server asked us to wait before trying again.
    pub fn retry_after_secs(&self) -> Option<u32> {
        match self {
            ApiError::TooManyRequests { retry_after_secs }
            | ApiError::Server {
                retry_after_secs, ..
            } => *retry_after_secs,
            _ => None,
        }
    }

    /// The field errors to show next to their fields (empty for other errors).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Validation(problem) => &problem.errors,
            ApiError::Conflict(Some(problem)) => &problem.errors,
            _ => &[],
        }
    }

    /// The sentence a shop owner reads for this error.
    pub fn message_key(&self) -> Key {
        match self {
            ApiError::Offline => Key::ErrorOffline,
            ApiError::Network | ApiError::Cancelled => Key::ErrorNetwork,
            ApiError::Timeout => Key::ErrorTimeout,
            ApiError::Unauthorized => Key::ErrorUnauthorized,
            ApiError::Forbidden => Key::ErrorForbidden,
            ApiError::NotFound => Key::ErrorNotFound,
            ApiError::Validation(_) => Key::ErrorValidation,
            ApiError::Conflict(_) | ApiError::PreconditionFailed { .. } => Key::ErrorConflict,
            ApiError::TooManyRequests {
                retry_after_secs: Some(_),
            } => Key::ErrorTooManyRequestsIn,
            ApiError::TooManyRequests { .. } => Key::ErrorTooManyRequests,
            ApiError::Server { .. } => Key::ErrorServer,
            ApiError::Unexpected { .. } => Key::ErrorUnexpected,
        }
    }
}

/// Seconds from a `Retry-After` value. The contract sends delta-seconds; an
/// HTTP date (which it doesn't send) is treated as "not said".
pub fn parse_retry_after(value: &str) -> Option<u32> {
    value.trim().parse::<u32>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_maps_to_its_error() {
        let cases = [
            (401, ApiError::Unauthorized),
            (403, ApiError::Forbidden),
            (404, ApiError::NotFound),
            (408, ApiError::Timeout),
            (409, ApiError::Conflict(None)),
            (
                412,
                ApiError::PreconditionFailed {
                    current: None,
                    etag: None,
                },
            ),
            (
                429,
                ApiError::TooManyRequests {
                    retry_after_secs: None,
                },
            ),
            (
                503,
                ApiError::Server {
                    status: 503,
                    retry_after_secs: None,
                },
            ),
            (418, ApiError::Unexpected { status: 418 }),
        ];
        for (status, expected) in cases {
            assert_eq!(
                ApiError::from_response(status, None, ""),
                expected,
                "{status}"
            );
        }
    }

    #[test]
    fn validation_carries_the_field_errors_of_the_problem_body() {
        let body = r#"{"type":"about:blank","title":"Invalid","status":422,
            "errors":[{"field":"business.nib","code":"length","message":"NIB has 13 digits"}]}"#;
        let error = ApiError::from_response(422, None, body);
        assert_eq!(error.field_errors().len(), 1);
        assert_eq!(error.field_errors()[0].field, "business.nib");
        assert_eq!(error.message_key(), Key::ErrorValidation);
    }

    #[test]
    fn a_validation_error_with_an_unreadable_body_still_is_a_validation_error() {
        let error = ApiError::from_response(422, None, "<html>oops</html>");
        assert_eq!(error, ApiError::Validation(Problem::default()));
    }

    #[test]
    fn a_stale_write_keeps_the_current_version_from_the_body() {
        let error = ApiError::from_response(412, None, r#"{"version":3}"#);
        assert_eq!(
            error,
            ApiError::PreconditionFailed {
                current: Some(r#"{"version":3}"#.to_owned()),
                etag: None,
            }
        );
    }

    #[test]
    fn retry_after_is_read_from_429_and_503() {
        let limited = ApiError::from_response(429, Some(" 42 "), "");
        assert_eq!(limited.retry_after_secs(), Some(42));
        assert_eq!(limited.message_key(), Key::ErrorTooManyRequestsIn);
        let busy = ApiError::from_response(503, Some("7"), "");
        assert_eq!(busy.retry_after_secs(), Some(7));
        let dated = ApiError::from_response(429, Some("Wed, 21 Oct 2015 07:28:00 GMT"), "");
        assert_eq!(dated.retry_after_secs(), None);
    }

    #[test]
    fn only_failures_that_may_pass_on_a_second_try_are_transient() {
        assert!(ApiError::Network.is_transient());
        assert!(ApiError::Timeout.is_transient());
        assert!(ApiError::from_response(502, None, "").is_transient());
        assert!(ApiError::from_response(429, None, "").is_transient());
        for status in [400, 401, 403, 404, 409, 412, 422, 501] {
            assert!(
                !ApiError::from_response(status, None, "").is_transient(),
                "{status}"
            );
        }
        assert!(!ApiError::Offline.is_transient());
        assert!(!ApiError::Cancelled.is_transient());
    }
}
