//! A rupiah amount field that groups thousands as it is typed
//! (`150000` shows as `150.000`) and keeps the caret after the digit the
//! person typed, so typing or deleting in the middle carries on where they
//! are. Anything that is not a plain amount (`Rp 15.000`, words) is left as
//! typed until the field is left, then regrouped if it is an amount; the
//! form's check says what is wrong with the rest.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::field_message::{described_by, FieldMessages};
use crate::domain::money::{group_thousands, parse_rupiah, regroup_typing};
use crate::i18n::{tr, Key, Message};

/// The field. The value is the caller's signal.
#[component]
pub fn PriceField(
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
) -> impl IntoView {
    let on_input = move |event: leptos::ev::Event| {
        let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let typed = input.value();
        let caret = input.selection_start().ok().flatten().unwrap_or(0) as usize;
        match regroup_typing(&typed, caret) {
            Some((grouped, at)) if grouped != typed => {
                // The element first, caret included; the signal's own write
                // of the same text then leaves the caret where it is.
                input.set_value(&grouped);
                let at = at as u32;
                let _ = input.set_selection_range(at, at);
                value.set(grouped);
            }
            _ => value.set(typed),
        }
    };
    let on_change = move |_| {
        if let Ok(Some(amount)) = parse_rupiah(&value.get_untracked()) {
            value.set(group_thousands(amount));
        }
    };
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="field__label" for=id>
                {tr(label)}
            </label>
            <FieldMessages id=id hint=hint error=error />
            <div class="input-prefix">
                <span class="input-prefix__text" aria-hidden="true">
                    "Rp"
                </span>
                <input
                    class="input input--medium"
                    id=id
                    name=id
                    type="text"
                    inputmode="numeric"
                    autocomplete="off"
                    spellcheck="false"
                    aria-invalid=move || error.get().is_some().then_some("true")
                    aria-describedby=described_by(id, hint, error)
                    prop:value=move || value.get()
                    on:input=on_input
                    on:change=on_change
                />
            </div>
        </div>
    }
}
