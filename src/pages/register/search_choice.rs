//! Choosing one entry of a long list (a province, a village, a bank) on a
//! phone: a search box that narrows a short list of radio buttons. Plain
//! inputs, so it works with the keyboard and a screen reader as they are.

use leptos::prelude::*;

use crate::api::reference::Entry;
use crate::components::fieldset::Fieldset;
use crate::i18n::{tr, use_i18n, Key, Message};

/// How many matches are shown at once; typing narrows the rest.
const SHOWN: usize = 8;

/// True when `entry` matches every word of `query` (in its code or label).
pub fn matches(entry: &Entry, query: &str) -> bool {
    // Region, bank and KBLI names are plain ASCII: ASCII case folding is
    // enough, and keeps Unicode's case tables out of the wasm.
    let haystack = format!("{} {}", entry.code, entry.display()).to_ascii_lowercase();
    query
        .to_ascii_lowercase()
        .split_whitespace()
        .all(|word| haystack.contains(word))
}

/// A searchable single choice.
#[component]
pub fn SearchChoice(
    /// The search input's `id`; the error summary links here.
    id: &'static str,
    /// The question (e.g. "Provinsi").
    legend: Key,
    /// The entries; `None` while they load.
    #[prop(into)]
    options: Signal<Option<Vec<Entry>>>,
    /// The chosen entry's code (empty: none).
    chosen: RwSignal<String>,
    /// What is wrong, if anything.
    #[prop(into)]
    error: Signal<Option<Message>>,
    /// Called with the new code when the person chooses.
    #[prop(optional)]
    on_choose: Option<Callback<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let search_label = move || {
        Message::new(Key::SearchIn)
            .about(legend)
            .render(i18n.lang.get())
    };
    let chosen_name = move || {
        let code = chosen.get();
        options.with(|list| {
            list.as_ref()
                .and_then(|list| list.iter().find(|e| e.code == code))
                .map(Entry::display)
        })
    };
    let shown = move || {
        let query = query.get();
        options.with(|list| {
            let list = list.as_deref().unwrap_or_default();
            let found: Vec<Entry> = list
                .iter()
                .filter(|e| matches(e, &query))
                .cloned()
                .collect();
            let more = found.len().saturating_sub(SHOWN);
            (found.into_iter().take(SHOWN).collect::<Vec<_>>(), more)
        })
    };
    let name = format!("{id}-choice");
    view! {
        <Fieldset id=id legend=legend error=error>
            <p class="choice__current" aria-live="polite">
                {move || match chosen_name() {
                    Some(name) => Message::with(Key::ChosenIs, "name", name).render(i18n.lang.get()),
                    None => i18n.t(Key::NothingChosen).to_owned(),
                }}
            </p>
            <label class="field__label field__label--small" for=id>
                {search_label}
            </label>
            <input
                class="input"
                id=id
                type="search"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || query.get()
                on:input=move |event| query.set(event_target_value(&event))
            />
            <Show
                when=move || options.with(Option::is_some)
                fallback=|| view! { <p class="field__hint">{tr(Key::LoadingList)}</p> }
            >
                <div class="choice__list">
                    {
                        let name = name.clone();
                        move || {
                            let (entries, more) = shown();
                            let name = name.clone();
                            view! {
                                {entries
                                    .into_iter()
                                    .map(|entry| {
                                        let code = entry.code.clone();
                                        let picked = code.clone();
                                        view! {
                                            <label class="radio">
                                                <input
                                                    type="radio"
                                                    name=name.clone()
                                                    prop:checked=move || chosen.with(|c| *c == code)
                                                    on:change=move |_| {
                                                        chosen.set(picked.clone());
                                                        if let Some(callback) = on_choose {
                                                            callback.run(picked.clone());
                                                        }
                                                    }
                                                />
                                                <span>{entry.display()}</span>
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                                {(more > 0)
                                    .then(|| {
                                        view! {
                                            <p class="field__hint">
                                                {move || {
                                                    Message::with(Key::MoreMatches, "count", more)
                                                        .render(i18n.lang.get())
                                                }}
                                            </p>
                                        }
                                    })}
                            }
                        }
                    }
                </div>
            </Show>
        </Fieldset>
    }
}
