//! The API client against the fixture server: bodies and ETags, errors,
//! retries, idempotency keys, time limits and cancelling; custom headers and
//! binary bodies against the dev-api it forwards to.

use leptos::prelude::*;
use leptos::task::tick;
use rantai::api::{when_quiet, ApiError, ApiRequest, Cancel, RetryPolicy};
use wasm_bindgen_test::*;

use super::support::{start_executor, use_fixture_api};

const QUICK_RETRIES: RetryPolicy = RetryPolicy {
    max_attempts: 4,
    base_delay_ms: 10,
    max_delay_ms: 50,
};

fn unique(name: &str) -> String {
    format!("{name}-{}", js_sys::Math::random().to_bits())
}

#[derive(serde::Deserialize)]
struct Attempts {
    attempts: u32,
}

#[wasm_bindgen_test]
async fn a_real_get_returns_the_body_and_the_etag() {
    use_fixture_api();
    let response = ApiRequest::get("/echo").send().await.unwrap();
    assert_eq!(response.status, 200);
    assert_eq!(response.etag.as_deref(), Some("\"v1\""));
    let body: serde_json::Value = response.json().unwrap();
    assert_eq!(body["method"], "GET");
}

#[wasm_bindgen_test]
async fn error_statuses_arrive_as_their_api_errors() {
    use_fixture_api();
    let invalid = ApiRequest::post("/status/422")
        .json(&())
        .send()
        .await
        .unwrap_err();
    assert_eq!(invalid.field_errors()[0].field, "business.nib");

    let stale = ApiRequest::put("/status/412").send().await.unwrap_err();
    assert!(
        matches!(stale, ApiError::PreconditionFailed { current: Some(body), etag: Some(_) } if body.contains("Kopi Bantul"))
    );

    let limited = ApiRequest::get("/status/429").send().await.unwrap_err();
    assert_eq!(limited.retry_after_secs(), Some(60));

    let missing = ApiRequest::get("/status/404").send().await.unwrap_err();
    assert_eq!(missing, ApiError::NotFound);
}

#[wasm_bindgen_test]
async fn an_idempotent_request_is_retried_through_transient_failures() {
    use_fixture_api();
    let id = unique("get");
    let body: Attempts = ApiRequest::get(format!("/flaky/{id}?fail=2"))
        .retry(QUICK_RETRIES)
        .fetch_json()
        .await
        .unwrap();
    assert_eq!(body.attempts, 3);
}

#[wasm_bindgen_test]
async fn a_post_without_an_idempotency_key_is_sent_once_only() {
    use_fixture_api();
    let id = unique("post");
    let error = ApiRequest::post(format!("/flaky/{id}?fail=1"))
        .retry(QUICK_RETRIES)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Server { status: 503, .. }));
    let seen: Attempts = ApiRequest::get(format!("/attempts/{id}"))
        .fetch_json()
        .await
        .unwrap();
    assert_eq!(seen.attempts, 1);

    let keyed = unique("keyed");
    let body: Attempts = ApiRequest::post(format!("/flaky/{keyed}?fail=1"))
        .with_new_idempotency_key()
        .retry(QUICK_RETRIES)
        .fetch_json()
        .await
        .unwrap();
    assert_eq!(body.attempts, 2);
}

#[wasm_bindgen_test]
async fn the_client_creates_an_idempotency_key_and_sends_it() {
    use_fixture_api();
    #[derive(serde::Deserialize)]
    struct Echo {
        key: Option<String>,
    }
    let echo: Echo = ApiRequest::post("/idempotent")
        .with_new_idempotency_key()
        .fetch_json()
        .await
        .unwrap();
    let key = echo.key.expect("the key reached the server");
    assert_eq!(key.len(), 36);
    assert_eq!(&key[14..15], "4");
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out() {
    use_fixture_api();
    let error = ApiRequest::get("/slow")
        .timeout_ms(200)
        .retry(RetryPolicy::NEVER)
        .send()
        .await
        .unwrap_err();
    assert_eq!(error, ApiError::Timeout);
}

#[wasm_bindgen_test]
async fn background_work_waits_until_no_request_is_in_flight() {
    use std::cell::Cell;
    use std::rc::Rc;
    use_fixture_api();
    let ran = Rc::new(Cell::new(0));
    let count = |ran: &Rc<Cell<u32>>| {
        let ran = ran.clone();
        move || ran.set(ran.get() + 1)
    };
    when_quiet(count(&ran));
    assert_eq!(ran.get(), 1, "nothing in flight: at once");

    let slow = ApiRequest::get("/slow")
        .timeout_ms(300)
        .retry(RetryPolicy::NEVER)
        .send();
    let asked = async {
        tick().await;
        when_quiet(count(&ran));
        assert_eq!(ran.get(), 1, "waits while the request is in flight");
    };
    let (result, ()) = futures::join!(slow, asked);
    assert_eq!(result.unwrap_err(), ApiError::Timeout);
    assert_eq!(ran.get(), 2, "runs once it has ended, even in failure");
}

#[wasm_bindgen_test]
async fn leaving_the_page_aborts_its_request() {
    start_executor();
    use_fixture_api();
    let owner = Owner::new();
    let cancel = owner.with(Cancel::on_unmount);
    let request = ApiRequest::get("/slow").cancel_on(&cancel).send();
    let unmount = async {
        tick().await;
        owner.cleanup();
    };
    let (result, ()) = futures::join!(request, unmount);
    assert_eq!(result.unwrap_err(), ApiError::Cancelled);
}

/// tus by hand: a real dev-api (behind the fixture server) takes custom
/// headers and a `Uint8Array` body, and its answers' headers come back.
#[wasm_bindgen_test]
async fn custom_headers_and_a_binary_body_reach_the_server_and_its_headers_come_back() {
    super::upload::signed_in_owner().await;
    let tus = |request: ApiRequest| request.header("Tus-Resumable", "1.0.0");
    let created = tus(ApiRequest::post("/uploads"))
        .header("Upload-Length", "5")
        .exchange()
        .await
        .unwrap();
    assert_eq!(created.status, 201);
    let location = created.header("location").unwrap().to_owned();
    let path = location.trim_start_matches("/api/v1");
    let pdf = js_sys::Uint8Array::from(&b"%PDF-"[..]);
    let appended = tus(ApiRequest::patch(path))
        .header("Upload-Offset", "0")
        .bytes(&pdf, "application/offset+octet-stream")
        .exchange()
        .await
        .unwrap();
    assert_eq!(appended.status, 204);
    assert_eq!(appended.header("Upload-Offset"), Some("5"));
    let head = tus(ApiRequest::head(path)).exchange().await.unwrap();
    assert_eq!(head.header("Upload-Length"), Some("5"));
    assert_eq!(head.body, "");
    // A refusal is an answer to exchange(), not an error.
    let again = tus(ApiRequest::patch(path))
        .header("Upload-Offset", "0")
        .bytes(&pdf, "application/offset+octet-stream");
    assert_eq!(again.exchange().await.unwrap().status, 409);
}
