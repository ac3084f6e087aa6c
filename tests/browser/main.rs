//! Browser tests: components mounted in headless Chromium, and the API client
//! against a real local HTTP server (tests/support/fixture_server.py, started
//! by scripts/test on port 38788). Each test awaits `tick()`, never sleeps.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use rantai::api::{ApiError, ApiRequest, Cancel, RetryPolicy};
use rantai::app::{provide_i18n, Shell};
use rantai::components::crash::Crash;
use rantai::components::network_banner::NetworkBanner;
use rantai::components::require_session::RequireSession;
use rantai::components::resend_button::ResendButton;
use rantai::components::sign_in::SignInFlow;
use rantai::i18n::Lang;
use rantai::session::{Session, SessionState};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE_API: &str = "http://127.0.0.1:38788/api/v1";

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// The app's language context, in Indonesian whatever the browser says.
fn indonesian() {
    provide_i18n().lang.set(Lang::Id);
}

/// A fresh element to mount into, so tests don't see each other's DOM.
fn host() -> HtmlElement {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host.unchecked_into()
}

fn text_of(root: &HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

fn click(root: &HtmlElement, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
}

#[wasm_bindgen_test]
async fn the_shell_speaks_indonesian_and_switches_to_english_and_back() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item("rantai.lang", "id").unwrap();
    let root = host();
    let _app = leptos::mount::mount_to(root.clone(), || {
        provide_i18n();
        provide_context(Session::new(SessionState::SignedOut, None));
        view! { <Shell /> }
    });
    tick().await;

    assert_eq!(text_of(&root, "h1"), "Jadi pemasok BUMN dan pemerintah");
    assert_eq!(text_of(&root, ".language-switch"), "English");
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("id"));

    click(&root, ".language-switch");
    tick().await;
    assert_eq!(
        text_of(&root, "h1"),
        "Become a supplier to BUMN and government"
    );
    assert_eq!(text_of(&root, ".language-switch"), "Bahasa Indonesia");
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
    assert_eq!(
        storage.get_item("rantai.lang").unwrap().as_deref(),
        Some("en")
    );

    click(&root, ".language-switch");
    tick().await;
    assert_eq!(text_of(&root, "h1"), "Jadi pemasok BUMN dan pemerintah");
    assert_eq!(
        storage.get_item("rantai.lang").unwrap().as_deref(),
        Some("id")
    );
}

#[wasm_bindgen_test]
async fn a_failing_view_shows_the_friendly_error_with_a_way_home() {
    let root = host();
    let _view = leptos::mount::mount_to(root.clone(), || {
        indonesian();
        view! {
            <ErrorBoundary fallback=|_| {
                view! { <Crash /> }
            }>{Err::<String, _>(std::fmt::Error)}</ErrorBoundary>
        }
    });
    tick().await;
    assert_eq!(
        text_of(&root, "[role=alert] h1"),
        "Maaf, ada yang tidak beres"
    );
    let home = root.query_selector("a[href='/']").unwrap().unwrap();
    assert_eq!(home.text_content().as_deref(), Some("Kembali ke beranda"));
}

#[wasm_bindgen_test]
async fn the_network_banner_follows_offline_and_online_events() {
    let root = host();
    let _banner = leptos::mount::mount_to(root.clone(), || {
        indonesian();
        view! { <NetworkBanner /> }
    });
    tick().await;
    assert_eq!(text_of(&root, "[role=status]"), "");

    let window = web_sys::window().unwrap();
    window
        .dispatch_event(&web_sys::Event::new("offline").unwrap())
        .unwrap();
    tick().await;
    assert!(text_of(&root, "[role=status]").starts_with("Anda sedang offline"));

    window
        .dispatch_event(&web_sys::Event::new("online").unwrap())
        .unwrap();
    tick().await;
    assert!(text_of(&root, "[role=status]").starts_with("Koneksi kembali"));
}

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

/// Types `text` into the input the way a person does: value, then `input`.
fn type_into(root: &HtmlElement, selector: &str, text: &str) {
    let input: web_sys::HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into();
    input.set_value(text);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_sign_in_form_says_what_is_wrong_with_the_number_in_the_summary_and_at_the_field() {
    let root = host();
    let _form = leptos::mount::mount_to(root.clone(), || {
        indonesian();
        let now = RwSignal::new(0.0);
        view! { <SignInFlow now_ms=now on_signed_in=Callback::new(|_| ()) /> }
    });
    tick().await;
    assert!(
        root.query_selector(".error-summary").unwrap().is_none(),
        "no errors before submitting"
    );

    click(&root, "button[type=submit]");
    tick().await;
    assert!(
        text_of(&root, ".error-summary").contains("Masukkan nomor HP Anda"),
        "{}",
        root.inner_html()
    );

    type_into(&root, "#phone", "0812 345");
    click(&root, "button[type=submit]");
    tick().await;
    let expected = "Nomor HP terlalu pendek: 6 angka setelah 0, seharusnya 9 sampai 12";
    assert!(text_of(&root, ".error-summary").contains(expected));
    assert!(text_of(&root, "#phone-error").contains(expected));
    let phone = root.query_selector("#phone").unwrap().unwrap();
    assert_eq!(phone.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(
        phone.get_attribute("aria-describedby").as_deref(),
        Some("phone-hint phone-error")
    );
    assert_eq!(
        root.query_selector(".error-summary a")
            .unwrap()
            .unwrap()
            .get_attribute("href")
            .as_deref(),
        Some("#phone")
    );
}

#[wasm_bindgen_test]
async fn the_resend_button_counts_down_and_then_asks_again() {
    let root = host();
    let now = RwSignal::new(0.0);
    let asked = RwSignal::new(0);
    let _button = leptos::mount::mount_to(root.clone(), move || {
        indonesian();
        view! {
            <ResendButton
                available_at_ms=Signal::derive(|| 60_000.0)
                now_ms=now
                on_resend=Callback::new(move |()| asked.update(|n| *n += 1))
            />
        }
    });
    tick().await;
    let button: web_sys::HtmlButtonElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(
        button.text_content().as_deref(),
        Some("Kirim ulang dalam 60 detik")
    );
    assert!(button.disabled());

    now.set(59_500.0);
    tick().await;
    assert_eq!(
        button.text_content().as_deref(),
        Some("Kirim ulang dalam 1 detik")
    );

    now.set(60_000.0);
    tick().await;
    assert_eq!(button.text_content().as_deref(), Some("Kirim ulang kode"));
    assert!(!button.disabled());
    button.click();
    tick().await;
    assert_eq!(asked.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn a_page_that_needs_a_session_sends_a_signed_out_person_to_sign_in_and_back() {
    use leptos_router::components::{Route, Router, Routes};
    use leptos_router::path;

    let window = web_sys::window().unwrap();
    let start = window.location().href().unwrap();
    window
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/private?tab=2"))
        .unwrap();
    let root = host();
    let session = Session::new(SessionState::SignedOut, None);
    let _page = leptos::mount::mount_to(root.clone(), move || {
        indonesian();
        provide_context(session);
        view! {
            <Router>
                <Routes fallback=|| "elsewhere">
                    <Route
                        path=path!("/private")
                        view=|| view! { <RequireSession>"private page"</RequireSession> }
                    />
                </Routes>
            </Router>
        }
    });
    tick().await;
    tick().await;
    let location = window.location();
    assert_eq!(location.pathname().unwrap(), "/login");
    assert_eq!(location.search().unwrap(), "?next=/private%3Ftab%3D2");
    assert!(!root
        .text_content()
        .unwrap_or_default()
        .contains("private page"));
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&start))
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_wizard_step_shows_each_problem_beside_its_field_and_in_the_summary_and_keeps_the_draft()
{
    use leptos_router::components::{Route, Router, Routes};
    use leptos_router::path;
    use rantai::api::auth::Me;
    use rantai::pages::register::OwnerStep;
    use rantai::profile_sync::provide_profile_sync;

    let window = web_sys::window().unwrap();
    let start = window.location().href().unwrap();
    window
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/register/owner"))
        .unwrap();
    let me = Me {
        user_id: 71,
        phone: "+6281234567890".into(),
        role: Some("supplier".into()),
        cooperative: None,
        supplier_id: Some(72),
        idle_timeout_seconds: 1800,
    };
    let root = host();
    let _page = leptos::mount::mount_to(root.clone(), move || {
        indonesian();
        provide_context(Session::new(SessionState::SignedIn, Some(me)));
        provide_profile_sync();
        view! {
            <Router>
                <Routes fallback=|| "elsewhere">
                    <Route path=path!("/register/owner") view=OwnerStep />
                </Routes>
            </Router>
        }
    });
    tick().await;
    tick().await;
    assert!(
        root.query_selector("#owner-nik").unwrap().is_some(),
        "the step is shown"
    );
    assert!(root.query_selector(".error-summary").unwrap().is_none());
    assert_eq!(
        root.query_selector("#owner-phone")
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlInputElement>()
            .value(),
        "+6281234567890",
        "the phone comes from sign-in"
    );

    type_into(&root, "#owner-nik", "3402 0145 085");
    click(&root, "button[type=submit]");
    tick().await;
    let expected = "NIK harus 16 digit; Anda mengetik 11.";
    let summary = text_of(&root, ".error-summary");
    assert!(summary.contains(expected), "{summary}");
    assert!(summary.contains("Isi Nama pemilik."), "{summary}");
    assert!(text_of(&root, "#owner-nik-error").contains(expected));
    let nik = root.query_selector("#owner-nik").unwrap().unwrap();
    assert_eq!(nik.get_attribute("aria-invalid").as_deref(), Some("true"));
    let summary_html = root
        .query_selector(".error-summary")
        .unwrap()
        .unwrap()
        .inner_html();
    let name_link = summary_html.find("href=\"#owner-name\"");
    let nik_link = summary_html.find("href=\"#owner-nik\"");
    assert!(
        name_link.is_some() && name_link < nik_link,
        "links to each field, in page order: {summary_html}"
    );

    // What was typed is on the device, under this person and supplier.
    let stored = window
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item("rantai.u71.s72.profile.owner")
        .unwrap()
        .unwrap_or_default();
    assert!(stored.contains("3402 0145 085"), "{stored}");
    window
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item("rantai.u71.s72.profile.owner")
        .unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&start))
        .unwrap();
}
