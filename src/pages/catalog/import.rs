//! `/products/import`: products from a spreadsheet. The person downloads a
//! template (or uses their own file: UTF-8 or Windows-1252, `,` or `;`,
//! headers in either language), chooses it, and sees every row checked
//! before anything is sent: each bad row with its exact problem. Then the
//! good rows go in batches, with a progress bar, and a summary says what
//! was created, skipped and refused. Each batch's `Idempotency-Key` comes
//! from its rows, so choosing the same file again after a dropped
//! connection creates nothing twice.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::import_send::send_good_rows;
use super::messages::cell_message;
use crate::api::reference::{product_categories, Entry};
use crate::api::Cancel;
use crate::domain::product_import::{self, template, ImportError, Language, Preview};
use crate::i18n::{tr, use_i18n, I18n, Key, Message};
use crate::routes::Page;
use crate::session::use_session;

/// What the page is doing.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Stage {
    /// Waiting for a file.
    Choose,
    /// The file could not be read as a spreadsheet.
    Unreadable(Key),
    /// Every row checked; nothing sent.
    Preview(Preview),
    /// Sending: batches done of all.
    Sending { done: usize, of: usize },
    /// Sent, or stopped by an error: what happened to each row.
    Done(Summary),
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Summary {
    /// Rows created.
    pub created: usize,
    /// Bad rows of the file, not sent.
    pub skipped: usize,
    /// Rows an earlier import of this device created already, not sent.
    pub already: usize,
    /// Rows the server refused, with why (row number, message).
    pub refused: Vec<(usize, Message)>,
    /// Rows not sent because the connection or server failed.
    pub unsent: usize,
    /// Why sending stopped.
    pub error: Option<Key>,
}

/// The import page.
#[component]
pub fn ImportProducts() -> impl IntoView {
    let i18n = use_i18n();
    let stage = RwSignal::new(Stage::Choose);
    let categories: RwSignal<Option<Vec<Entry>>> = RwSignal::new(None);
    // A file is read once the category list was asked for (here or not):
    // the same file then always makes the same rows, and the same keys.
    let asked = RwSignal::new(false);
    let cancel = Cancel::on_unmount();
    spawn_local(async move {
        if let Ok(list) = product_categories(&cancel).await {
            categories.try_set(Some(list));
        }
        asked.try_set(true);
    });
    let on_file = move |event: leptos::ev::Event| {
        let file = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        let Some(file) = file else { return };
        spawn_local(async move {
            let Ok(buffer) = JsFuture::from(file.array_buffer()).await else {
                stage.try_set(Stage::Unreadable(Key::ImportUnreadable));
                return;
            };
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            let Some(known) = categories.try_get_untracked() else {
                return; // the page was left while the file was read
            };
            let category = |typed: &str| category_code(known.as_deref(), typed);
            stage.try_set(match product_import::read(&bytes, &category) {
                Ok(preview) => Stage::Preview(preview),
                Err(ImportError::Empty) => Stage::Unreadable(Key::ImportEmpty),
                Err(ImportError::MissingColumns(_)) => Stage::Unreadable(Key::ImportMissingColumns),
                Err(ImportError::RepeatedColumn(_)) => Stage::Unreadable(Key::ImportRepeatedColumn),
            });
        });
    };
    let session = use_session();
    let send = move |_| {
        let Stage::Preview(preview) = stage.get_untracked() else {
            return;
        };
        spawn_local(send_good_rows(preview, stage, session));
    };
    view! {
        <p class="back-link">
            <A href=Page::products().href()>{tr(Key::BackToCatalog)}</A>
        </p>
        <h1>{tr(Key::ImportTitle)}</h1>
        <p>{tr(Key::ImportIntro)}</p>
        <Templates />
        <div class="field">
            <label class="field__label" for="import-file">
                {tr(Key::ImportChooseFile)}
            </label>
            <p class="field__hint" id="import-file-hint">
                {tr(Key::ImportFileHint)}
            </p>
            <input
                class="file-input"
                id="import-file"
                type="file"
                accept=".csv,text/csv"
                aria-describedby="import-file-hint"
                disabled=move || !asked.get()
                on:change=on_file
            />
        </div>
        <div>
            {move || match stage.get() {
                Stage::Choose => ().into_any(),
                Stage::Unreadable(key) => {
                    view! {
                        <p class="notice notice--error" role="alert">
                            {tr(key)}
                        </p>
                    }
                        .into_any()
                }
                Stage::Preview(preview) => preview_view(i18n, preview, send).into_any(),
                Stage::Sending { done, of } => {
                    view! {
                        <label for="import-progress">{tr(Key::ImportSending)}</label>
                        <progress id="import-progress" max=of value=done></progress>
                    }
                        .into_any()
                }
                Stage::Done(summary) => summary_view(i18n, summary).into_any(),
            }}
        </div>
    }
}

/// The code a typed category names, by code or name; any text while the
/// list is not here (the server checks).
fn category_code(list: Option<&[Entry]>, typed: &str) -> Option<String> {
    match list {
        None => Some(typed.to_owned()),
        Some(list) => list
            .iter()
            .find(|e| e.code.eq_ignore_ascii_case(typed) || e.label().eq_ignore_ascii_case(typed))
            .map(|e| e.code.clone()),
    }
}

/// Download links for the template in both languages.
#[component]
fn Templates() -> impl IntoView {
    let link = |language: Language| {
        let text = template(language);
        let parts = js_sys::Array::of1(&text.into());
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/csv;charset=utf-8");
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
            .ok()
            .and_then(|blob| web_sys::Url::create_object_url_with_blob(&blob).ok())
            .unwrap_or_default()
    };
    let (indonesian, english) = (link(Language::Indonesian), link(Language::English));
    let urls = (indonesian.clone(), english.clone());
    on_cleanup(move || {
        let _ = web_sys::Url::revoke_object_url(&urls.0);
        let _ = web_sys::Url::revoke_object_url(&urls.1);
    });
    view! {
        <ul class="link-list">
            <li>
                <a href=indonesian download="contoh-produk-rantai.csv">
                    {tr(Key::TemplateIndonesian)}
                </a>
            </li>
            <li>
                <a href=english download="rantai-products-template.csv">
                    {tr(Key::TemplateEnglish)}
                </a>
            </li>
        </ul>
    }
}

/// Every row checked: the counts, each problem, and the button that sends
/// the good rows.
fn preview_view(i18n: I18n, preview: Preview, send: impl Fn(()) + Copy + 'static) -> impl IntoView {
    let good = preview.products().count();
    let problems: Vec<_> = preview.problems().cloned().collect();
    let bad_rows = preview.rows.iter().filter(|r| r.result.is_err()).count();
    let lang = move || i18n.lang.get();
    view! {
        <h2>{tr(Key::ImportPreviewTitle)}</h2>
        <p role="status">
            {move || {
                Message::with(Key::ImportCounts, "good", good).and("bad", bad_rows).render(lang())
            }}
        </p>
        {(!problems.is_empty())
            .then(|| {
                view! {
                    <div class="notice notice--error">
                        <h3>{tr(Key::ImportProblemsTitle)}</h3>
                        <ul class="problem-list">
                            {problems
                                .into_iter()
                                .map(|problem| {
                                    view! { <li>{move || cell_message(&problem, lang())}</li> }
                                })
                                .collect_view()}
                        </ul>
                        <p>{tr(Key::ImportFixHint)}</p>
                    </div>
                }
            })}
        {(good > 0)
            .then(|| {
                view! {
                    <button type="button" class="button" on:click=move |_| send(())>
                        {move || Message::with(Key::ImportGoodRows, "count", good).render(lang())}
                    </button>
                }
            })}
    }
}

/// The summary after sending.
fn summary_view(i18n: I18n, summary: Summary) -> impl IntoView {
    let lang = move || i18n.lang.get();
    let Summary {
        created,
        skipped,
        already,
        refused,
        unsent,
        error,
    } = summary;
    let failed = refused.len();
    view! {
        <h2 tabindex="-1" id="import-summary">
            {tr(Key::ImportDoneTitle)}
        </h2>
        <ul>
            <li>{move || Message::with(Key::ImportCreated, "count", created).render(lang())}</li>
            <li>{move || Message::with(Key::ImportSkipped, "count", skipped).render(lang())}</li>
            {(already > 0)
                .then(|| {
                    view! {
                        <li>
                            {move || {
                                Message::with(Key::ImportAlready, "count", already).render(lang())
                            }}
                        </li>
                    }
                })}
            <li>{move || Message::with(Key::ImportRefused, "count", failed).render(lang())}</li>
        </ul>
        {error
            .map(|key| {
                view! {
                    <p class="notice notice--error" role="alert">
                        {tr(key)}
                        " "
                        {move || Message::with(Key::ImportUnsent, "count", unsent).render(lang())}
                    </p>
                }
            })}
        <ul class="problem-list">
            {refused
                .into_iter()
                .map(|(row, message)| {
                    view! {
                        <li>
                            {move || {
                                Message::with(Key::ImportRowRefused, "row", row)
                                    .and("detail", message.render(lang()))
                                    .render(lang())
                            }}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <p>
            <A href=Page::products().href()>{tr(Key::BackToCatalog)}</A>
        </p>
    }
}
