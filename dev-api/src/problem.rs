//! Errors as `application/problem+json` (RFC 9457), and a JSON extractor
//! whose rejections are problems too (400 for bad JSON, never a 500).

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// One invalid field of a 422.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct FieldError {
    /// JSON path of the field in the request, e.g. `nib`.
    pub field: String,
    /// Stable code the app translates.
    pub code: &'static str,
    /// An English sentence.
    pub message: String,
}

impl FieldError {
    /// A field error.
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            code,
            message: message.into(),
        }
    }
}

/// An error response.
#[derive(Debug)]
pub struct Problem {
    status: StatusCode,
    title: String,
    detail: Option<String>,
    errors: Vec<FieldError>,
    retry_after: Option<u64>,
}

/// What handlers return.
pub type ApiResult<T> = Result<T, Problem>;

impl Problem {
    /// A problem with `status` and `title`.
    pub fn new(status: StatusCode, title: impl Into<String>) -> Problem {
        Problem {
            status,
            title: title.into(),
            detail: None,
            errors: Vec::new(),
            retry_after: None,
        }
    }

    /// The status it answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Adds a longer explanation.
    pub fn detail(mut self, detail: impl Into<String>) -> Problem {
        self.detail = Some(detail.into());
        self
    }

    /// 400.
    pub fn bad_request(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, "Bad request").detail(detail)
    }

    /// 401.
    pub fn unauthorized() -> Problem {
        Problem::new(StatusCode::UNAUTHORIZED, "Sign in first")
            .detail("No session, or it expired after being idle.")
    }

    /// 403.
    pub fn forbidden(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::FORBIDDEN, "Not allowed").detail(detail)
    }

    /// 404.
    pub fn not_found() -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "Not found")
    }

    /// 409.
    pub fn conflict(detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::CONFLICT, "Conflict").detail(detail)
    }

    /// 422 with the invalid fields.
    pub fn invalid(errors: Vec<FieldError>) -> Problem {
        Problem {
            errors,
            ..Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "Some fields are invalid")
        }
    }

    /// 422 for one field.
    pub fn invalid_field(field: &str, code: &'static str, message: impl Into<String>) -> Problem {
        Problem::invalid(vec![FieldError::new(field, code, message)])
    }

    /// 429 with `Retry-After`.
    pub fn too_many(retry_after_secs: u64, detail: impl Into<String>) -> Problem {
        Problem {
            retry_after: Some(retry_after_secs.max(1)),
            ..Problem::new(StatusCode::TOO_MANY_REQUESTS, "Too many requests").detail(detail)
        }
    }

    /// 500, for a storage failure; the detail stays in the log.
    pub fn internal(error: impl std::fmt::Display) -> Problem {
        eprintln!("dev-api: internal error: {error}");
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "Server error")
    }
}

impl From<rusqlite::Error> for Problem {
    fn from(error: rusqlite::Error) -> Problem {
        Problem::internal(error)
    }
}

#[derive(Serialize)]
struct Body<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    errors: &'a [FieldError],
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = Body {
            kind: "about:blank",
            title: &self.title,
            status: self.status.as_u16(),
            detail: self.detail.as_deref(),
            errors: &self.errors,
        };
        let json = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = (self.status, json).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// `axum::Json`, with rejections answered as problem details.
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Json(value)),
            Err(rejection) => Err(Problem::bad_request(rejection_text(&rejection))),
        }
    }
}

fn rejection_text(rejection: &JsonRejection) -> String {
    rejection.body_text()
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}
