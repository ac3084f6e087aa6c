//! What every area's browser tests share: a fresh element to mount into,
//! the language context, doing what a person does (click, type), and the
//! API the client talks to.

use leptos::prelude::*;
use rantai::app::provide_i18n;
use rantai::i18n::Lang;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};

pub fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// The app's language context, in Indonesian whatever the browser says:
/// the language stored on the device is set first, or the browser's
/// (English in headless Chromium) would follow once `provide_i18n`'s own
/// choice lands, and a test run before the shell's would read English.
pub fn indonesian() {
    rantai::device_store::set(rantai::device_store::LANGUAGE_KEY, Lang::Id.code());
    provide_i18n().lang.set(Lang::Id);
}

/// A fresh element to mount into, so tests don't see each other's DOM.
pub fn host() -> HtmlElement {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    host.unchecked_into()
}

pub fn text_of(root: &HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

pub fn click(root: &HtmlElement, selector: &str) {
    root.query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into::<HtmlElement>()
        .click();
}

/// Types `text` into the input the way a person does: value, then `input`.
pub fn type_into(root: &HtmlElement, selector: &str, text: &str) {
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

const FIXTURE_API: &str = "http://127.0.0.1:38788/api/v1";

/// Points the client at the fixture server (tests/support/fixture_server.py,
/// which forwards sign-in and uploads to a real dev-api), as index.html's
/// meta does in the app.
pub fn use_fixture_api() {
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

/// Starts Leptos's task executor, as mounting anything does: a test that
/// awaits `tick()` without mounting needs it, whichever test runs first.
pub fn start_executor() {
    drop(leptos::mount::mount_to(host(), || ()));
}
