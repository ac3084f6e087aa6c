//! A labelled text input with its hint and its error, wired for screen
//! readers (`aria-describedby`, `aria-invalid`).

use leptos::prelude::*;

use super::field_message::{described_by, FieldMessages};
use crate::i18n::{tr, Key, Message};

/// One text field. The value is the caller's signal (kept as typed).
#[component]
pub fn TextField(
    /// The input's `id` (and `name`); the error summary links here.
    id: &'static str,
    /// The label.
    label: Key,
    /// A hint under the label.
    #[prop(optional)]
    hint: Option<Key>,
    /// What was typed.
    value: RwSignal<String>,
    /// What is wrong with it, if anything.
    #[prop(into)]
    error: Signal<Option<Message>>,
    /// `type` of the input.
    #[prop(default = "text")]
    input_type: &'static str,
    /// `inputmode`: which keyboard a phone shows.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// `autocomplete`.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Extra class for the input (e.g. `input--short`).
    #[prop(optional)]
    input_class: Option<&'static str>,
) -> impl IntoView {
    let class = format!("input {}", input_class.unwrap_or_default());
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="field__label" for=id>
                {tr(label)}
            </label>
            <FieldMessages id=id hint=hint error=error />
            <input
                class=class
                id=id
                name=id
                type=input_type
                inputmode=inputmode
                autocomplete=autocomplete
                spellcheck="false"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by(id, hint, error)
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            />
        </div>
    }
}
