//! "A new version is ready — reload". The service worker (`public/sw.js`)
//! installs a new version beside the running one; `public/sw-register.js`,
//! inlined into index.html, marks `<html data-update-ready>` and sends the
//! window event [`READY`]. The button sends [`ACCEPT`], on which the script
//! lets the new version take over and reloads this tab into it. Nothing
//! changes before the person presses it.

use leptos::prelude::*;

use crate::i18n::{tr, Key};

/// Sent by the page's script when a new version waits.
pub const READY: &str = "rantai-update-ready";
/// Sent by the banner's button: take the new version now.
pub const ACCEPT: &str = "rantai-update-accept";

/// True when a new version was found waiting before the app listened.
fn marked_ready() -> bool {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
        .is_some_and(|root| root.has_attribute("data-update-ready"))
}

fn accept() {
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(ACCEPT)) {
        let _ = window.dispatch_event(&event);
    }
}

/// Announces politely (`role="status"`) that a new version waits, with the
/// button that reloads into it.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let ready = RwSignal::new(marked_ready());
    let listener = window_event_listener_untyped(READY, move |_| ready.set(true));
    on_cleanup(move || listener.remove());
    view! {
        <div class="update-banner" role="status">
            <Show when=move || ready.get()>
                <div class="container update-banner__bar">
                    <p class="update-banner__text">{tr(Key::UpdateReady)}</p>
                    <button type="button" class="button button--secondary" on:click=|_| accept()>
                        {tr(Key::UpdateReload)}
                    </button>
                </div>
            </Show>
        </div>
    }
}
