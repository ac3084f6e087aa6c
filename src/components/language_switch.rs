//! The header's switch between Bahasa Indonesia and English.

use leptos::prelude::*;

use crate::device_store;
use crate::i18n::{tr, use_i18n, Key};

/// A button that switches to the other language and remembers the choice on
/// this device. Its text is the other language's own name, marked with that
/// language's `lang` so screen readers pronounce it right.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let switch = move |_| {
        let next = i18n.lang.get_untracked().other();
        i18n.choose(next);
        device_store::set(device_store::LANGUAGE_KEY, next.code());
    };
    view! {
        <button
            type="button"
            class="button button--quiet language-switch"
            lang=move || i18n.lang.get().other().code()
            aria-label=tr(Key::SwitchLanguageLabel)
            on:click=switch
        >
            {tr(Key::SwitchLanguage)}
        </button>
    }
}
