//! The API client against the fixture server: bodies and ETags, errors,
//! retries, idempotency keys, time limits and cancelling.

use leptos::prelude::*;
use leptos::task::tick;
use rantai::api::{ApiError, ApiRequest, Cancel, RetryPolicy};
use wasm_bindgen_test::*;

use super::support::{document, start_executor};

const FIXTURE_API: &str = "http://127.0.0.1:38788/api/v1";

/// Points the client at the fixture server, as index.html's meta does in the app.
fn use_fixture_api() {
    let document = document();
    if document
        .query_selector("meta[name=rantai-api-base]")
        .unwrap()
        .is_none()
    {
        let meta = document.create_element("meta").unwrap();
        meta.set_attribute("name", "rantai-api-base").unwrap();
        meta.set_attribute("content", FIXTURE_API).unwrap();
        document.head().unwrap().append_child(&meta).unwrap();
    }
}

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
