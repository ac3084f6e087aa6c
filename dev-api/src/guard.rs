//! Checks every API request passes before a handler sees it:
//!
//! - **Same origin**: a state-changing request (anything but GET, HEAD,
//!   OPTIONS) from a browser must come from the app's own origin, besides
//!   the SameSite=Strict cookie: `Sec-Fetch-Site` must be `same-origin` (or
//!   `none`, a person's own action), else `Origin` must be this server's
//!   origin. Cross-site or same-site (a sibling subdomain) is 403. A request
//!   with neither header is not from a browser that could be tricked into
//!   sending it (curl, scripts, tests; every current browser sends `Origin`
//!   on such requests) and is let through: the cookie still decides who it is.
//! - **JSON bodies**: a request that carries a body to a JSON endpoint
//!   (every one but the tus uploads) must say `Content-Type:
//!   application/json`, else 415.

use axum::body::HttpBody;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::client::is_https;
use crate::problem::Problem;
use crate::state::{AppState, Config};

fn changes_state(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Whether the request's browser headers say it came from another site.
pub fn cross_site(headers: &HeaderMap, config: &Config) -> bool {
    let text = |name| headers.get(name).and_then(|value| value.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        return !matches!(site.trim(), "same-origin" | "none");
    }
    let Some(origin) = text(header::ORIGIN.as_str()) else {
        return false;
    };
    let scheme = if is_https(headers, config) {
        "https"
    } else {
        "http"
    };
    let own = text(header::HOST.as_str()).map(|host| format!("{scheme}://{host}"));
    own.is_none_or(|own| !origin.trim().eq_ignore_ascii_case(&own))
}

fn has_body(request: &Request) -> bool {
    let headers = request.headers();
    if request.body().size_hint().lower() > 0 {
        return true;
    }
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<u64>().ok());
    match length {
        Some(length) => length > 0,
        None => headers.contains_key(header::TRANSFER_ENCODING),
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

/// The middleware: 403 for a cross-site write, 415 for a body that is not JSON.
pub async fn requests(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    if changes_state(request.method()) && cross_site(headers, &state.config) {
        return Problem::forbidden("Requests that change data come from Rantai's own pages.")
            .into_response();
    }
    let uploads = request.uri().path().contains("/uploads");
    if !uploads && has_body(&request) && !is_json(headers) {
        return Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Send JSON")
            .detail("Send the body as Content-Type: application/json.")
            .into_response();
    }
    next.run(request).await
}
