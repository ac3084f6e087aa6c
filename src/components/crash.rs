//! What a person sees when a page fails to render.

use leptos::prelude::*;

use crate::i18n::{tr, Key};
use crate::routes::Page;

/// A friendly message and two ways out: reload, or back to the home page.
/// The fallback of the app's top-level `ErrorBoundary`.
#[component]
pub fn Crash() -> impl IntoView {
    let reload = |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        <section class="notice notice--error" role="alert" aria-labelledby="crash-title">
            <h1 id="crash-title">{tr(Key::CrashTitle)}</h1>
            <p>{tr(Key::CrashBody)}</p>
            <div class="button-row">
                <button type="button" class="button" on:click=reload>
                    {tr(Key::Reload)}
                </button>
                <a class="button button--secondary" href=Page::Home.href()>
                    {tr(Key::BackHome)}
                </a>
            </div>
        </section>
    }
}
