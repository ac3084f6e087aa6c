//! A labelled `<select>` of a list's filter or order, whose choice follows
//! the address (back and forward move it: `prop:selected`, as a choice the
//! person made is no longer moved by the `selected` attribute).

use leptos::prelude::*;

use crate::i18n::{tr, Key};

/// One filter's select. `options` are `(code, name)`; with `any`, a first
/// option of code `""` means "no filter".
#[component]
pub fn FilterSelect(
    /// The select's `id`.
    id: &'static str,
    /// Its label.
    label: Key,
    /// The first choice, "any", if the filter may be left out.
    #[prop(optional)]
    any: Option<Key>,
    /// The choices: each code and its name.
    options: Vec<(&'static str, Key)>,
    /// The code chosen now (`""`: any).
    #[prop(into)]
    chosen: Signal<&'static str>,
    /// A choice was made: its code.
    on_choose: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field__label" for=id>
                {tr(label)}
            </label>
            <select
                class="input select"
                id=id
                on:change=move |event| on_choose.run(event_target_value(&event))
            >
                {any
                    .map(|any| {
                        view! {
                            <option value="" prop:selected=move || chosen.get().is_empty()>
                                {tr(any)}
                            </option>
                        }
                    })}
                {options
                    .into_iter()
                    .map(|(code, name)| {
                        view! {
                            <option value=code prop:selected=move || chosen.get() == code>
                                {tr(name)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
