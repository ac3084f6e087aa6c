//! A labelled text input with its hint and its error, wired for screen
//! readers (`aria-describedby`, `aria-invalid`).

use leptos::prelude::*;

use crate::i18n::{tr, use_i18n, Key, Message};

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
    let class = format!("input {}", input_class.unwrap_or_default());
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="field__label" for=id>
                {tr(label)}
            </label>
            {hint.map(|hint| view! { <span class="field__hint" id=hint_id.clone()>{tr(hint)}</span> })}
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
            <input
                class=class
                id=id
                name=id
                type=input_type
                inputmode=inputmode
                autocomplete=autocomplete
                spellcheck="false"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event))
            />
        </div>
    }
}
