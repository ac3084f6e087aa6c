//! Choosing KBLI 2020 codes: search by code or by words of the title
//! against the server's 1,790 codes, tick several, remove any.

use std::collections::BTreeMap;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::reference::{self, Entry};
use crate::api::Cancel;
use crate::components::fieldset::Fieldset;
use crate::domain::profile::codes;
use crate::i18n::{tr, use_i18n, Key, Message};

/// Most codes a profile may list (the contract's limit).
const MAX_CODES: usize = 20;

/// The draft's comma-separated `chosen` with `code` added or removed.
fn toggled(chosen: &str, code: &str, on: bool) -> String {
    let mut list = codes(chosen);
    if !on {
        list.retain(|c| *c != code);
    } else if !list.contains(&code) && list.len() < MAX_CODES {
        list.push(code);
    }
    list.join(",")
}

/// The KBLI picker.
#[component]
pub fn KbliPicker(
    /// The chosen codes, comma-separated.
    chosen: RwSignal<String>,
    /// What is wrong, if anything.
    #[prop(into)]
    error: Signal<Option<Message>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let query = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<Entry>::new());
    let searching = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let titles = RwSignal::new(BTreeMap::<String, String>::new());
    let cancel = Cancel::on_unmount();
    let remember = move |entries: &[Entry]| {
        titles.update(|known| {
            for entry in entries {
                known.insert(entry.code.clone(), entry.title.clone());
            }
        })
    };
    // Titles of codes chosen earlier (each a cached one-code search).
    {
        let cancel = cancel.clone();
        spawn_local(async move {
            for code in codes(&chosen.try_get_untracked().unwrap_or_default()) {
                if let Ok(entries) = reference::kbli(code, &cancel).await {
                    remember(&entries);
                }
            }
        });
    }
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    let search = move |typed: String| {
        query.set(typed.clone());
        if let Some(old) = timer.try_update_value(Option::take).flatten() {
            old.clear();
        }
        let cancel = cancel.clone();
        let run = move || {
            if typed.trim().chars().count() < 2 {
                found.set(Vec::new());
                return;
            }
            searching.set(true);
            spawn_local(async move {
                match reference::kbli(&typed, &cancel).await {
                    Ok(entries) => {
                        remember(&entries);
                        found.try_set(entries);
                        failed.try_set(false);
                    }
                    Err(_) => {
                        failed.try_set(true);
                    }
                }
                searching.try_set(false);
            });
        };
        if let Ok(handle) = set_timeout_with_handle(run, Duration::from_millis(250)) {
            timer.set_value(Some(handle));
        }
    };
    let chosen_list = move || {
        codes(&chosen.get())
            .into_iter()
            .map(|code| {
                let code = code.to_owned();
                let title = titles.with(|t| t.get(&code).cloned().unwrap_or_default());
                let removed = code.clone();
                let label = code.clone();
                view! {
                    <li class="chosen__item">
                        <span>
                            <strong>{code.clone()}</strong>
                            " "
                            {title}
                        </span>
                        <button
                            class="button button--secondary button--small"
                            type="button"
                            aria-label=move || {
                                Message::with(Key::RemoveCode, "code", &label)
                                    .render(i18n.lang.get())
                            }
                            on:click=move |_| chosen.update(|c| *c = toggled(c, &removed, false))
                        >
                            {tr(Key::Remove)}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Fieldset id="business-kbli-group" legend=Key::FieldKbli hint=Key::KbliHint error=error>
            <ul class="chosen" aria-live="polite">
                {chosen_list}
            </ul>
            <label class="field__label field__label--small" for="business-kbli">
                {tr(Key::KbliSearch)}
            </label>
            <input
                class="input"
                id="business-kbli"
                type="search"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || query.get()
                on:input=move |event| search(event_target_value(&event))
            />
            <p class="field__hint" aria-live="polite">
                {move || {
                    if searching.get() {
                        i18n.t(Key::Searching).to_owned()
                    } else if failed.get() {
                        i18n.t(Key::SearchFailed).to_owned()
                    } else if query.with(|q| q.trim().chars().count() >= 2)
                        && found.with(Vec::is_empty)
                    {
                        i18n.t(Key::KbliNoMatch).to_owned()
                    } else {
                        String::new()
                    }
                }}
            </p>
            <div class="choice__list">
                {move || {
                    found
                        .get()
                        .into_iter()
                        .map(|entry| {
                            let code = entry.code.clone();
                            let ticked = code.clone();
                            view! {
                                <label class="checkbox">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || {
                                            codes(&chosen.get()).contains(&ticked.as_str())
                                        }
                                        on:change=move |event| {
                                            let on = event_target_checked(&event);
                                            chosen.update(|c| *c = toggled(c, &code, on));
                                        }
                                    />
                                    <span>
                                        <strong>{entry.code.clone()}</strong>
                                        " "
                                        {entry.title.clone()}
                                    </span>
                                </label>
                            }
                        })
                        .collect_view()
                }}
            </div>
        </Fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::toggled;

    #[test]
    fn codes_are_added_once_and_removed() {
        assert_eq!(toggled("", "10794", true), "10794");
        assert_eq!(toggled("10794", "47111", true), "10794,47111");
        assert_eq!(toggled("10794,47111", "10794", true), "10794,47111");
        assert_eq!(toggled("10794,47111", "10794", false), "47111");
    }
}
