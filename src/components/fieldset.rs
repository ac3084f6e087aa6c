//! A group of inputs under one question (radios, a picker), with its hint
//! and its error, wired for screen readers.

use leptos::prelude::*;

use super::field_message::{described_by, FieldMessages};
use crate::i18n::{tr, Key, Message};

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
    view! {
        <fieldset
            class="field fieldset"
            class:field--error=move || error.get().is_some()
            aria-describedby=described_by(id, hint, error)
        >
            <legend class="field__label">{tr(legend)}</legend>
            <FieldMessages id=id hint=hint error=error />
            {children()}
        </fieldset>
    }
}
