//! What a text field and a fieldset both show under their label: the hint
//! and the error, with the ids that `aria-describedby` points at
//! (`{id}-hint`, `{id}-error`).

use leptos::prelude::*;

use crate::i18n::{tr, use_i18n, Key, Message};

/// The `aria-describedby` of the field `id`: its hint and, while there is
/// one, its error.
pub fn described_by(
    id: &'static str,
    hint: Option<Key>,
    error: Signal<Option<Message>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static {
    move || {
        let mut ids = Vec::new();
        if hint.is_some() {
            ids.push(format!("{id}-hint"));
        }
        if error.get().is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// The hint and the error of the field `id`.
#[component]
pub fn FieldMessages(
    /// The stem of the ids (`{id}-hint`, `{id}-error`).
    id: &'static str,
    /// A hint under the label.
    hint: Option<Key>,
    /// What is wrong, if anything.
    error: Signal<Option<Message>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {hint
            .map(|hint| {
                view! {
                    <span class="field__hint" id=format!("{id}-hint")>
                        {tr(hint)}
                    </span>
                }
            })}
        {move || {
            error
                .get()
                .map(|message| {
                    view! {
                        <span class="field__error" id=format!("{id}-error")>
                            <span class="visually-hidden">{tr(Key::ErrorPrefix)} " "</span>
                            {move || message.render(i18n.lang.get())}
                        </span>
                    }
                })
        }}
    }
}
