//! A load that failed: what happened, in words, and a button to try again.
//! What was shown before stays shown around it.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{tr, Key};

/// The failure and "Coba lagi".
#[component]
pub fn RetryNotice(
    /// What went wrong.
    error: ApiError,
    /// Bumped by one to try again (the page's load tracks it).
    retry: RwSignal<u32>,
) -> impl IntoView {
    view! {
        <div class="notice notice--error" role="alert">
            <p>{tr(error.message_key())}</p>
            <button
                type="button"
                class="button button--secondary"
                on:click=move |_| retry.update(|n| *n += 1)
            >
                {tr(Key::TryAgain)}
            </button>
        </div>
    }
}
