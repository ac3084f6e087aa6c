//! The one request helper every endpoint module uses.
//!
//! ```ignore
//! let cancel = Cancel::on_unmount();
//! let me: Me = ApiRequest::get("/me").cancel_on(&cancel).fetch_json().await?;
//! ApiRequest::put("/supplier/business").json(&draft).if_match(&etag).send().await?;
//! ApiRequest::post("/products").json(&product).with_new_idempotency_key().send().await?;
//! let answer = ApiRequest::head("/uploads/0f3a").header("Tus-Resumable", "1.0.0").exchange().await?;
//! let offset = answer.header("Upload-Offset");
//! ```
//!
//! Each request has a time limit, is aborted when its page unmounts, and is
//! sent again with backoff when that is safe (see [`RetryPolicy`]).
//! [`ApiRequest::exchange`] sends once and hands back any status, for a
//! protocol that reads statuses itself (tus, in [`super::upload`]). The base
//! URL comes from `<meta name="rantai-api-base">` in `index.html`, so one
//! build serves staging and production.

use std::cell::Cell;

use gloo_net::http::{Method as HttpMethod, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;
use web_sys::Blob;

pub use super::abort::Cancel;
use super::abort::InFlight;
use super::error::ApiError;
use super::idempotency;
use super::json;
use super::retry::{Method, RetryPolicy};

/// Where the API lives when `index.html` does not say.
pub const DEFAULT_API_BASE: &str = "/api/v1";
/// How long one send may take before it counts as a timeout.
pub const DEFAULT_TIMEOUT_MS: u32 = 20_000;

thread_local! {
    static LAST_SERVER_CONTACT: Cell<f64> = const { Cell::new(0.0) };
}

/// When (ms since the epoch) the server last answered a request, which
/// keeps the session alive; 0 before the first answer.
pub fn last_server_contact_ms() -> f64 {
    LAST_SERVER_CONTACT.with(Cell::get)
}

/// The API's base URL: the `content` of `<meta name="rantai-api-base">`.
pub fn api_base() -> String {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| {
            document
                .query_selector("meta[name=rantai-api-base]")
                .ok()
                .flatten()
        })
        .and_then(|meta| meta.get_attribute("content"))
        .map(|base| base.trim_end_matches('/').to_owned())
        .filter(|base| !base.is_empty())
        .unwrap_or_else(|| DEFAULT_API_BASE.to_owned())
}

/// The server's answer: from [`ApiRequest::send`] always a 2xx, from
/// [`ApiRequest::exchange`] any status.
#[derive(Clone, Debug)]
pub struct ApiResponse {
    /// The status code.
    pub status: u16,
    /// The `ETag`, to send back as `If-Match` on the next write.
    pub etag: Option<String>,
    /// The body as text (empty for 204 and for HEAD).
    pub body: String,
    /// Every response header the page may read (names in lower case).
    pub headers: Vec<(String, String)>,
}

impl ApiResponse {
    /// The body parsed as `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        json::parse(&self.body).ok_or(ApiError::Unexpected { status: 0 })
    }

    /// The value of the header `name` (any case), e.g. `Location`.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// What a request carries.
enum Body {
    /// JSON text.
    Json(String),
    /// Bytes (a `Blob` or a `Uint8Array`) of this media type.
    Binary { data: JsValue, content_type: String },
}

/// One API request, built up and then sent.
#[must_use = "a request does nothing until it is sent"]
pub struct ApiRequest {
    method: Method,
    path: String,
    body: Option<Body>,
    headers: Vec<(&'static str, String)>,
    if_match: Option<String>,
    idempotency_key: Option<String>,
    timeout_ms: u32,
    retry: RetryPolicy,
    cancel: Option<Cancel>,
}

impl ApiRequest {
    /// A request to `path` under the API base, e.g. `/me`.
    pub fn new(method: Method, path: impl Into<String>) -> ApiRequest {
        ApiRequest {
            method,
            path: path.into(),
            body: None,
            headers: Vec::new(),
            if_match: None,
            idempotency_key: None,
            timeout_ms: DEFAULT_TIMEOUT_MS,
            retry: RetryPolicy::default(),
            cancel: None,
        }
    }

    /// GET `path`.
    pub fn get(path: impl Into<String>) -> ApiRequest {
        ApiRequest::new(Method::Get, path)
    }

    /// HEAD `path`: the headers without the body.
    pub fn head(path: impl Into<String>) -> ApiRequest {
        ApiRequest::new(Method::Head, path)
    }

    /// POST to `path`; retried only with an idempotency key.
    pub fn post(path: impl Into<String>) -> ApiRequest {
        ApiRequest::new(Method::Post, path)
    }

    /// PUT to `path`.
    pub fn put(path: impl Into<String>) -> ApiRequest {
        ApiRequest::new(Method::Put, path)
    }

    /// PATCH `path`; retried only with an idempotency key.
    pub fn patch(path: impl Into<String>) -> ApiRequest {
        ApiRequest::new(Method::Patch, path)
    }

    /// DELETE `path`.
    pub fn delete(path: impl Into<String>) -> ApiRequest {
        ApiRequest::new(Method::Delete, path)
    }

    /// Send `body` as JSON.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> ApiRequest {
        // Serialising our own derive(Serialize) types cannot fail; an empty
        // body would be refused by the server with a 400, never sent silently.
        self.body = Some(Body::Json(json::to_string(body).unwrap_or_default()));
        self
    }

    /// Send `body`, already JSON text (see [`json::Object`]).
    pub fn json_text(mut self, body: String) -> ApiRequest {
        self.body = Some(Body::Json(body));
        self
    }

    /// Send the bytes of `body` (a file, or a slice of one) as `content_type`.
    pub fn blob(mut self, body: &Blob, content_type: &str) -> ApiRequest {
        self.body = Some(Body::Binary {
            data: body.into(),
            content_type: content_type.to_owned(),
        });
        self
    }

    /// Send `body`'s bytes as `content_type`.
    pub fn bytes(mut self, body: &js_sys::Uint8Array, content_type: &str) -> ApiRequest {
        self.body = Some(Body::Binary {
            data: body.into(),
            content_type: content_type.to_owned(),
        });
        self
    }

    /// Carry the header `name: value` (one the helper does not set itself).
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> ApiRequest {
        self.headers.push((name, value.into()));
        self
    }

    /// Write only if the resource still has this `ETag` (else 412).
    pub fn if_match(mut self, etag: &str) -> ApiRequest {
        self.if_match = Some(etag.to_owned());
        self
    }

    /// Carry this `Idempotency-Key`: keep one key per thing the person meant
    /// to do, so that sending it again never does it twice.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> ApiRequest {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Carry a fresh `Idempotency-Key`, reused by this request's retries.
    pub fn with_new_idempotency_key(self) -> ApiRequest {
        self.idempotency_key(idempotency::new_key())
    }

    /// Give up on one send after `ms` milliseconds.
    pub fn timeout_ms(mut self, ms: u32) -> ApiRequest {
        self.timeout_ms = ms;
        self
    }

    /// Use this retry policy instead of the default.
    pub fn retry(mut self, policy: RetryPolicy) -> ApiRequest {
        self.retry = policy;
        self
    }

    /// Abort when `cancel` fires (its page unmounts).
    pub fn cancel_on(mut self, cancel: &Cancel) -> ApiRequest {
        self.cancel = Some(cancel.clone());
        self
    }

    /// Send, retrying while the policy allows, and parse the body as `T`.
    pub async fn fetch_json<T: DeserializeOwned>(self) -> Result<T, ApiError> {
        self.send().await?.json()
    }

    /// Send once, whatever the retry policy, and return what the server
    /// answered, 4xx and 5xx included; fails only when no answer came
    /// (offline, network, timeout, cancelled). For protocols that read the
    /// status and headers themselves and decide their own retries (tus).
    pub async fn exchange(self) -> Result<ApiResponse, ApiError> {
        if self.is_cancelled() {
            return Err(ApiError::Cancelled);
        }
        if !browser_online() {
            return Err(ApiError::Offline);
        }
        self.send_once().await
    }

    /// Send, retrying while the policy allows.
    pub async fn send(self) -> Result<ApiResponse, ApiError> {
        let mut attempt = 1;
        loop {
            if self.is_cancelled() {
                return Err(ApiError::Cancelled);
            }
            // Offline, a GET is still asked: the service worker may answer it
            // from the device (a reference list); else it fails at once.
            if !browser_online() && self.method != Method::Get {
                return Err(ApiError::Offline);
            }
            let error = match self.send_once().await.and_then(success) {
                Ok(response) => return Ok(response),
                Err(error) => error,
            };
            let delay = self.retry.next_delay_ms(
                self.method,
                self.idempotency_key.is_some(),
                attempt,
                &error,
                js_sys::Math::random(),
            );
            match delay {
                Some(ms) => sleep_ms(ms).await,
                None => return Err(error),
            }
            attempt += 1;
        }
    }

    fn is_cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .and_then(Cancel::signal)
            .is_some_and(|signal| signal.aborted())
    }

    async fn send_once(&self) -> Result<ApiResponse, ApiError> {
        let in_flight = InFlight::start(self.timeout_ms, self.cancel.as_ref())?;
        let url = format!("{}{}", api_base(), self.path);
        let mut builder = RequestBuilder::new(&url)
            .method(http_method(self.method))
            .abort_signal(Some(&in_flight.controller.signal()))
            .header("Accept", "application/json, application/problem+json");
        if let Some(etag) = &self.if_match {
            builder = builder.header("If-Match", etag);
        }
        if let Some(key) = &self.idempotency_key {
            builder = builder.header("Idempotency-Key", key);
        }
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        let request = match &self.body {
            Some(Body::Json(body)) => builder
                .header("Content-Type", "application/json")
                .body(body.as_str()),
            Some(Body::Binary { data, content_type }) => builder
                .header("Content-Type", content_type)
                .body(data.clone()),
            None => builder.build(),
        }
        .map_err(|_| ApiError::Unexpected { status: 0 })?;

        let response = request.send().await.map_err(|_| in_flight.failure())?;
        let status = response.status();
        if status != 401 {
            // The server counts any authenticated request as activity.
            LAST_SERVER_CONTACT.with(|last| last.set(js_sys::Date::now()));
        }
        let headers: Vec<(String, String)> = response.headers().entries().collect();
        let body = response.text().await.map_err(|_| in_flight.failure())?;
        let mut answer = ApiResponse {
            status,
            etag: None,
            body,
            headers,
        };
        answer.etag = answer.header("ETag").map(str::to_owned);
        Ok(answer)
    }
}

/// The answer when it is a success, else the error its status means.
fn success(answer: ApiResponse) -> Result<ApiResponse, ApiError> {
    if (200..300).contains(&answer.status) {
        return Ok(answer);
    }
    let mut error =
        ApiError::from_response(answer.status, answer.header("Retry-After"), &answer.body);
    if let ApiError::PreconditionFailed { etag, .. } = &mut error {
        *etag = answer.etag;
    }
    Err(error)
}

fn http_method(method: Method) -> HttpMethod {
    match method {
        Method::Get => HttpMethod::GET,
        Method::Head => HttpMethod::HEAD,
        Method::Post => HttpMethod::POST,
        Method::Put => HttpMethod::PUT,
        Method::Patch => HttpMethod::PATCH,
        Method::Delete => HttpMethod::DELETE,
    }
}

/// What the browser believes; `false` is reliable, `true` only means "maybe".
pub fn browser_online() -> bool {
    web_sys::window().is_none_or(|window| window.navigator().on_line())
}

/// Wait `ms` milliseconds without blocking the page.
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                i32::try_from(ms).unwrap_or(i32::MAX),
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
