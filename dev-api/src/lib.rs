//! dev-api: a stateful local stand-in for Rantai's backend (`api/openapi.yaml`)
//! that also serves the built app on the same origin. See `main.rs` for flags.

pub mod audit;
pub mod client;
pub mod codes;
pub mod compress;
pub mod db;
pub mod faults;
pub mod guard;
pub mod id;
pub mod idempotency;
pub mod pdf;
pub mod problem;
pub mod reference;
pub mod routes;
pub mod seed;
pub mod seed_members;
pub mod session;
pub mod state;
pub mod static_site;
pub mod thumbnail;
pub mod validate;
pub mod versioning;

use axum::extract::{DefaultBodyLimit, OriginalUri, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, options, post, put};
use axum::Router;

use problem::Problem;
use routes::{
    auth, coop, dev, documents, links, products, reference as refs, supplier, tenders, uploads,
};
pub use state::{AppState, Config};

/// Largest JSON body accepted (uploads have their own limit).
const JSON_BODY_LIMIT: usize = 256 * 1024;

/// The whole service: the API under `/api/v1`, the app everywhere else.
pub fn app(state: AppState) -> Router {
    let mut api = Router::new()
        .route("/auth/otp", post(auth::request_otp))
        .route("/auth/verify", post(auth::verify_otp))
        .route("/auth/logout", post(auth::logout))
        .route("/auth/session", get(auth::current))
        .route("/me", get(auth::me))
        .route("/me/role", put(auth::choose_role))
        .route("/me/name", put(auth::set_name))
        .route("/me/cooperative-links", get(links::owner_list))
        .route(
            "/me/cooperative-links/{id}",
            axum::routing::delete(links::owner_end),
        )
        .route(
            "/me/cooperative-links/{id}/confirm",
            post(links::owner_confirm),
        )
        .route("/supplier", get(supplier::get_overview))
        .route(
            "/supplier/business",
            get(supplier::get_business).put(supplier::put_business),
        )
        .route(
            "/supplier/owner",
            get(supplier::get_owner).put(supplier::put_owner),
        )
        .route(
            "/supplier/address",
            get(supplier::get_address).put(supplier::put_address),
        )
        .route(
            "/supplier/bank",
            get(supplier::get_bank).put(supplier::put_bank),
        )
        .route("/supplier/submit", post(supplier::submit))
        .route("/supplier/trail", get(supplier::trail))
        .route("/products", get(products::list).post(products::create))
        .route("/products/bulk", post(products::import))
        .route(
            "/products/{id}",
            get(products::read)
                .put(products::update)
                .delete(products::delete),
        )
        .route("/documents", get(documents::list).post(documents::create))
        .route(
            "/documents/{id}",
            get(documents::read)
                .put(documents::update)
                .delete(documents::delete),
        )
        .route(
            "/coop/members",
            get(coop::members).post(coop::create_member),
        )
        .route("/coop/links/{id}", axum::routing::delete(links::staff_end))
        .route("/coop/links/{id}/confirm", post(links::staff_confirm))
        .route("/coop/links/{id}/code", post(links::staff_resend))
        .route("/coop/acting", put(coop::act_for).delete(coop::stop_acting))
        .route("/coop/audit", get(coop::audit_trail))
        .route("/tenders", get(tenders::list))
        .route("/tenders/{id}", get(tenders::detail))
        .route(
            "/tenders/{id}/saved",
            put(tenders::save).delete(tenders::unsave),
        )
        .route("/tenders/{id}/interest", put(tenders::interest))
        .route("/reference/provinces", get(refs::provinces))
        .route("/reference/regencies", get(refs::regencies))
        .route("/reference/districts", get(refs::districts))
        .route("/reference/villages", get(refs::villages))
        .route("/reference/kbli", get(refs::kbli))
        .route("/reference/banks", get(refs::banks))
        .route("/reference/product-categories", get(refs::categories))
        .route("/reference/units", get(refs::units))
        .route("/reference/document-kinds", get(refs::document_kinds));
    if state.config.dev {
        api = api
            .route("/dev/otp", get(dev::last_otp))
            .route("/dev/review/{id}", post(dev::review_supplier))
            .route("/dev/documents/{id}/review", post(dev::review_document))
            .route("/dev/tenders", post(dev::create_tender))
            .route("/dev/uploads/{id}", get(dev::upload_arrivals));
    }
    let api = api
        .layer(DefaultBodyLimit::max(JSON_BODY_LIMIT))
        .route("/uploads", options(uploads::options).post(uploads::create))
        .route(
            "/uploads/{id}",
            axum::routing::head(uploads::offset)
                .patch(uploads::append)
                .delete(uploads::terminate)
                .layer(DefaultBodyLimit::max(uploads::MAX_SIZE as usize + 1024)),
        )
        .route("/uploads/{id}/file", get(uploads::content::file))
        .route("/uploads/{id}/thumbnail", get(uploads::content::thumbnail))
        .fallback(|| async { Problem::not_found() })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            guard::requests,
        ))
        .layer(middleware::from_fn(problem_errors))
        .layer(middleware::from_fn(no_store))
        .layer(middleware::from_fn(compress::api_answers));
    Router::new()
        .nest("/api/v1", api)
        .fallback(serve_app)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            faults::inject,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .with_state(state)
}

async fn serve_app(
    State(state): State<AppState>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
) -> Response {
    match &state.site {
        Some(site) if !uri.path().starts_with("/api/") => site.respond(uri.path(), &headers),
        _ => Problem::not_found().into_response(),
    }
}

/// Every API error is `application/problem+json`, including the plain-text
/// rejections of axum's own extractors (a malformed path or query).
async fn problem_errors(request: axum::extract::Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    // Problems, and the JSON bodies some errors carry on purpose (a 412's
    // current version), stay as they are.
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| {
            value.as_bytes().starts_with(b"application/problem+json")
                || value.as_bytes().starts_with(b"application/json")
        });
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 16 * 1024)
        .await
        .unwrap_or_default();
    let detail = String::from_utf8_lossy(&text).trim().to_owned();
    let title = status.canonical_reason().unwrap_or("Error");
    let mut problem = Problem::new(status, title);
    if !detail.is_empty() {
        problem = problem.detail(detail);
    }
    let mut converted = problem.into_response();
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            converted.headers_mut().insert(name.clone(), value.clone());
        }
    }
    converted
}

/// API answers are personal: never cached by shared caches, unless a
/// handler (reference data) says otherwise.
async fn no_store(request: axum::extract::Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Headers every response carries; the CSP is the one computed from the
/// served `index.html`.
async fn security_headers(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: Next,
) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if let Some(csp) = state
        .site
        .as_ref()
        .and_then(|site| HeaderValue::from_str(site.csp()).ok())
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    } else {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        );
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(self), geolocation=(), microphone=()"),
    );
    response
}
