//! Fault injection for resilience tests, off by default: added latency, and
//! a share of API requests that fail with 503 or a dropped connection,
//! either before the handler runs or after its write has committed.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::problem::Problem;
use crate::state::AppState;

static RANDOM: AtomicU64 = AtomicU64::new(0x9e37_79b9_7f4a_7c15);

/// Uniform in [0, 1).
fn random() -> f64 {
    let mut x = RANDOM.load(Ordering::Relaxed);
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    RANDOM.store(x, Ordering::Relaxed);
    (x >> 11) as f64 / (1u64 << 53) as f64
}

enum Fault {
    UnavailableBefore,
    DropBefore,
    UnavailableAfter,
    DropAfter,
}

fn unavailable() -> Response {
    Problem::new(StatusCode::SERVICE_UNAVAILABLE, "Injected fault").into_response()
}

/// A response whose body fails: the client sees the connection drop.
pub fn dropped() -> Response {
    let failing = futures_util::stream::once(async {
        Err::<axum::body::Bytes, _>(std::io::Error::other("injected dropped connection"))
    });
    Response::new(Body::from_stream(failing))
}

/// The middleware: applies `--latency-ms` and `--fault-rate` to `/api/`
/// requests other than the dev endpoints that tests use to drive the app.
pub async fn inject(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if !path.starts_with("/api/") || path.starts_with("/api/v1/dev/") {
        return next.run(request).await;
    }
    if state.config.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(state.config.latency_ms)).await;
    }
    if state.config.fault_rate <= 0.0 || random() >= state.config.fault_rate {
        return next.run(request).await;
    }
    let fault = match (random() * 4.0) as u8 {
        0 => Fault::UnavailableBefore,
        1 => Fault::DropBefore,
        2 => Fault::UnavailableAfter,
        _ => Fault::DropAfter,
    };
    match fault {
        Fault::UnavailableBefore => unavailable(),
        Fault::DropBefore => dropped(),
        Fault::UnavailableAfter => {
            let _ = next.run(request).await;
            unavailable()
        }
        Fault::DropAfter => {
            let _ = next.run(request).await;
            dropped()
        }
    }
}
