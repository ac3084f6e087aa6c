//! A search form whose words are searched after a pause in typing (one
//! request, not one per key), at once on Enter or its button, and whose box
//! follows the address when back or forward changes the words searched
//! (only then: a filter chosen while words are typed leaves them alone).
//! The form holds what the caller puts in it (filters) after the box.

use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::{tr, Key};

/// How long typing pauses before the words are searched.
const TYPING_PAUSE: Duration = Duration::from_millis(400);

/// The search form.
#[component]
pub fn SearchBox(
    /// The input's `id`.
    id: &'static str,
    /// Its label.
    label: Key,
    /// The most characters searched.
    max_chars: usize,
    /// The words the address searches now.
    #[prop(into)]
    asked: Signal<String>,
    /// Searches these words (trimmed, at most `max_chars`).
    on_search: Callback<String>,
    /// What the form holds after the box (filters).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let words = RwSignal::new(asked.get_untracked());
    let pause = StoredValue::new(None::<TimeoutHandle>);
    let stop_waiting = move || {
        if let Some(waiting) = pause.try_get_value().flatten() {
            waiting.clear();
        }
    };
    Effect::new(move |before: Option<String>| {
        let now = asked.get();
        if before.is_some_and(|before| before != now)
            && words.with_untracked(|typed| typed.trim() != now)
        {
            stop_waiting();
            words.set(now.clone());
        }
        now
    });
    let search_now = move || {
        stop_waiting();
        let typed: String = words
            .get_untracked()
            .trim()
            .chars()
            .take(max_chars)
            .collect();
        on_search.run(typed);
    };
    on_cleanup(stop_waiting);
    let on_input = move |event: leptos::ev::Event| {
        words.set(event_target_value(&event));
        stop_waiting();
        pause.set_value(set_timeout_with_handle(search_now, TYPING_PAUSE).ok());
    };
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        search_now();
    };
    view! {
        <form class="search-box" role="search" on:submit=on_submit>
            <label class="field__label" for=id>
                {tr(label)}
            </label>
            <div class="search-form__row">
                <input
                    class="input"
                    id=id
                    type="search"
                    maxlength=max_chars
                    spellcheck="false"
                    prop:value=move || words.get()
                    on:input=on_input
                />
                <button class="button" type="submit">
                    {tr(Key::Search)}
                </button>
            </div>
            {children.map(|children| children())}
        </form>
    }
}
