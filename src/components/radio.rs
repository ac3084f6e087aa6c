//! One radio option of a group, label and hint included; the whole row is
//! the touch target.

use leptos::prelude::*;

use crate::i18n::{tr, Key};

/// A radio that sets `group` to `value` when chosen.
#[component]
pub fn Radio<T>(
    /// The group's `name`.
    name: &'static str,
    /// The input's `id` (an error summary may link to it).
    id: &'static str,
    /// The group's current choice.
    group: RwSignal<T>,
    /// What this option sets it to.
    value: T,
    /// The option's text.
    label: Key,
    /// A line of explanation under it.
    #[prop(optional)]
    hint: Option<Key>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let hint_id = format!("{id}-hint");
    let chosen = value.clone();
    view! {
        <label class="radio">
            <input
                id=id
                type="radio"
                name=name
                aria-describedby=hint.map(|_| hint_id.clone())
                prop:checked=move || group.with(|current| *current == chosen)
                on:change=move |_| group.set(value.clone())
            />
            <span>
                {tr(label)}
                {hint
                    .map(|hint| {
                        view! {
                            <span class="radio__hint" id=hint_id.clone()>
                                {tr(hint)}
                            </span>
                        }
                    })}
            </span>
        </label>
    }
}
