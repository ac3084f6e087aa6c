//! A group of inputs under one question (radios, a picker), with its hint
//! and its error, wired for screen readers.

use leptos::prelude::*;

use crate::i18n::{tr, use_i18n, Key, Message};

/// A `<fieldset>` whose `<legend>` is the question.
#[component]
pub fn Fieldset(
    /// The stem of the hint's and error's ids (`{id}-hint`, `{id}-error`).
    id: &'static str,
    /// The question.
    legend: Key,
    /// A hint under the question.
    #[prop(optional)]
    hint: Option<Key>,
    /// What is wrong, if anything.
    #[prop(into)]
    error: Signal<Option<Message>>,
    /// The inputs.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <fieldset
            class="field fieldset"
            class:field--error=move || error.get().is_some()
            aria-describedby=described_by
        >
            <legend class="field__label">{tr(legend)}</legend>
            {hint.map(|hint| view! { <span class="field__hint" id=hint_id>{tr(hint)}</span> })}
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <span class="field__error" id=error_id.clone()>
                                <span class="visually-hidden">{tr(Key::ErrorPrefix)} " "</span>
                                {move || message.render(i18n.lang.get())}
                            </span>
                        }
                    })
            }}
            {children()}
        </fieldset>
    }
}
