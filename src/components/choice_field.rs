//! A labelled `<select>` with its hint and error, for a short list (a
//! product's unit, its category). The first option is "choose".

use leptos::prelude::*;

use super::field_message::{described_by, FieldMessages};
use crate::i18n::{tr, use_i18n, Key, Message};

/// One select field. `options` are `(value, text)` pairs, read tracked (a
/// list that arrives later, or texts that follow the language).
#[component]
pub fn ChoiceField(
    /// The select's `id` (and `name`).
    id: &'static str,
    /// The label.
    label: Key,
    /// A hint under the label.
    #[prop(optional)]
    hint: Option<Key>,
    /// The chosen value (empty: none).
    value: RwSignal<String>,
    /// What is wrong, if anything.
    #[prop(into)]
    error: Signal<Option<Message>>,
    /// The choices.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="field__label" for=id>
                {tr(label)}
            </label>
            <FieldMessages id=id hint=hint error=error />
            <select
                class="input select"
                id=id
                name=id
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described_by(id, hint, error)
                on:change=move |event| value.set(event_target_value(&event))
            >
                <option value="" selected=move || value.get().is_empty()>
                    {move || i18n.t(Key::ChooseOne)}
                </option>
                {move || {
                    let chosen = value.get();
                    let mut options = options.get();
                    // A value not in the list (typed in a spreadsheet, or a
                    // list not here yet) still shows as chosen.
                    if !chosen.is_empty() && !options.iter().any(|(v, _)| *v == chosen) {
                        options.push((chosen.clone(), chosen.clone()));
                    }
                    options
                        .into_iter()
                        .map(|(option, text)| {
                            let selected = option == chosen;
                            view! {
                                <option value=option selected=selected>
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}
