//! dev-api: a stateful local stand-in for Rantai's backend (see
//! `api/openapi.yaml`) that also serves the built app on the same origin.
//!
//! `cargo run --release -p dev-api -- --static dist` serves the app at
//! http://127.0.0.1:8080.

mod static_site;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{OriginalUri, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use clap::Parser;

use static_site::Site;

/// Command-line flags: the stable interface scripts and tests rely on.
#[derive(Parser, Debug)]
#[command(about = "Local stand-in for Rantai's backend API; serves the built app too")]
struct Flags {
    /// Port on 127.0.0.1.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Folder of the built app (Trunk's `dist`) to serve.
    #[arg(long = "static", value_name = "DIR")]
    static_dir: Option<PathBuf>,
}

#[derive(Clone)]
struct AppState {
    site: Option<Arc<Site>>,
}

#[tokio::main]
async fn main() {
    let flags = Flags::parse();
    let site = match &flags.static_dir {
        Some(dir) => match Site::load(dir) {
            Ok(site) => Some(Arc::new(site)),
            Err(error) => {
                eprintln!("dev-api: cannot serve {}: {error}", dir.display());
                std::process::exit(2);
            }
        },
        None => None,
    };
    let app = router(AppState { site });
    let address = SocketAddr::from(([127, 0, 0, 1], flags.port));
    let listener = match tokio::net::TcpListener::bind(address).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("dev-api: cannot listen on {address}: {error}");
            std::process::exit(2);
        }
    };
    println!("dev-api: serving http://{address}/");
    if let Err(error) = axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
    {
        eprintln!("dev-api: {error}");
        std::process::exit(1);
    }
}

fn router(state: AppState) -> Router {
    Router::new()
        .fallback(serve_app)
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
        Some(site) => site.respond(uri.path(), &headers),
        None => axum::http::StatusCode::NOT_FOUND.into_response(),
    }
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
    if let Some(site) = &state.site {
        if let Ok(csp) = HeaderValue::from_str(site.csp()) {
            headers.insert(header::CONTENT_SECURITY_POLICY, csp);
        }
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
