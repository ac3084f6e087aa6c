//! `/products?q=…&page=…`: the supplier's products, as cards on a phone
//! and a table on a wide screen, searched by name or SKU and paged, both in
//! the address (a reload or a shared link shows the same view). While a new
//! page loads the last one stays; a slower older answer never replaces a
//! newer one. An empty catalog says what a good first product looks like.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::list_items::{EmptyCatalog, Pager, ProductCard, ProductRow};
use super::notice::use_notices;
use crate::api::products::{self, ListQuery, Product, ProductPage};
use crate::api::{ApiError, Cancel};
use crate::components::retry_notice::RetryNotice;
use crate::domain::product::MAX_SEARCH_WORDS;
use crate::domain::query_string::clip_words;
use crate::i18n::{tr, use_i18n, I18n, Key, Message};
use crate::routes::Page;
use crate::session::use_session;

/// The list page.
#[component]
pub fn ProductList() -> impl IntoView {
    let i18n = use_i18n();
    let notices = use_notices();
    let query = use_query_map();
    let navigate = use_navigate();
    let wanted = Memo::new(move |_| {
        query.with(|q| ListQuery {
            q: clip_words(&q.get("q").unwrap_or_default(), MAX_SEARCH_WORDS),
            page: q
                .get("page")
                .and_then(|page| page.parse().ok())
                .filter(|page| *page >= 1)
                .unwrap_or(1),
        })
    });
    let loaded: RwSignal<Option<ProductPage>> = RwSignal::new(None);
    let failed: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let loading = RwSignal::new(false);
    let retry = RwSignal::new(0u32);
    let latest = StoredValue::new(0u32);
    let cancel = Cancel::on_unmount();
    let session = use_session();
    Effect::new(move |_| {
        let asked = wanted.get();
        retry.track();
        notices.deleted.track();
        session.me.track();
        let number = latest.get_value() + 1;
        latest.set_value(number);
        loading.set(true);
        let cancel = cancel.clone();
        leptos::task::spawn_local(async move {
            let answer = products::list(&asked, &cancel).await;
            // Only the newest request's answer is shown.
            if latest.try_get_value() != Some(number) || answer == Err(ApiError::Cancelled) {
                return;
            }
            if answer == Err(ApiError::Unauthorized) {
                session.expire();
            }
            loading.try_set(false);
            // An error keeps the last list shown, with the error above it.
            match answer {
                Ok(page) => {
                    loaded.try_set(Some(page));
                    failed.try_set(None);
                }
                Err(error) => {
                    failed.try_set(Some(error));
                }
            }
        });
    });
    let search = RwSignal::new(wanted.get_untracked().q);
    // Back and forward change the address: the box shows its search.
    Effect::new(move |_| search.set(wanted.with(|w| w.q.clone())));
    let on_search = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let page = Page::Products {
            q: search.get_untracked().trim().to_owned(),
            page: 1,
        };
        navigate(&page.href(), Default::default());
    };
    view! {
        <h1>{tr(Key::CatalogTitle)}</h1>
        <CatalogNoticeLine />
        <p class="button-row">
            <A href=Page::ProductNew.href() attr:class="button">
                {tr(Key::AddProduct)}
            </A>
            <A href=Page::ProductImport.href() attr:class="button button--secondary">
                {tr(Key::ImportProducts)}
            </A>
        </p>
        <form class="search-form" role="search" on:submit=on_search>
            <label class="field__label" for="product-search">
                {tr(Key::SearchProducts)}
            </label>
            <div class="search-form__row">
                <input
                    class="input"
                    id="product-search"
                    name="q"
                    type="search"
                    maxlength=MAX_SEARCH_WORDS
                    spellcheck="false"
                    prop:value=move || search.get()
                    on:input=move |event| search.set(event_target_value(&event))
                />
                <button class="button" type="submit">
                    {tr(Key::Search)}
                </button>
            </div>
        </form>
        <p class="save-status" role="status">
            {move || loading.get().then(|| i18n.t(Key::Loading))}
        </p>
        {move || {
            failed
                .get()
                .map(|error| {
                    view! { <RetryNotice error=error retry=retry /> }
                })
        }}
        {move || {
            loaded.get().map(|page| results(i18n, page, wanted.get_untracked(), notices.hidden()))
        }}
    }
}

/// Saved, deleted (with Undo): one line for the catalog's news.
#[component]
fn CatalogNoticeLine() -> impl IntoView {
    let i18n = use_i18n();
    let notices = use_notices();
    view! {
        <div role="status" class="catalog-notice">
            {move || {
                if let Some(deleting) = notices.deleting.get() {
                    Some(
                        view! {
                            <p class="notice notice--success">
                                {move || {
                                    Message::with(Key::ProductDeleted, "name", &deleting.name)
                                        .render(i18n.lang.get())
                                }} " "
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    on:click=move |_| notices.undo()
                                >
                                    {tr(Key::Undo)}
                                </button>
                            </p>
                        }
                            .into_any(),
                    )
                } else {
                    notices
                        .saved
                        .get()
                        .map(|name| {
                            view! {
                                <p class="notice notice--success">
                                    {move || {
                                        Message::with(Key::ProductSaved, "name", &name)
                                            .render(i18n.lang.get())
                                    }}
                                </p>
                            }
                                .into_any()
                        })
                }
            }}
        </div>
    }
}

/// The list, its count and its pages; the empty catalog and the empty
/// search say what to do instead.
fn results(i18n: I18n, page: ProductPage, asked: ListQuery, hidden: Vec<i64>) -> AnyView {
    let shown_before = page.items.len();
    let items: Vec<Product> = page
        .items
        .into_iter()
        .filter(|p| !hidden.contains(&p.id))
        .collect();
    // Only what this page left out counts off the total.
    let total = page
        .total
        .saturating_sub((shown_before - items.len()) as u32);
    if total == 0 && asked.q.is_empty() {
        return view! { <EmptyCatalog /> }.into_any();
    }
    if items.is_empty() {
        let everything = Page::products().href();
        let q = asked.q.clone();
        return view! {
            <p>{move || Message::with(Key::NoProductsMatch, "q", &q).render(i18n.lang.get())}</p>
            <p>
                <A href=everything>{tr(Key::ShowAllProducts)}</A>
            </p>
        }
        .into_any();
    }
    let pages = total.div_ceil(page.per_page.max(1)).max(1);
    let cards = items.clone();
    view! {
        <p>{move || Message::with(Key::ProductCount, "count", total).render(i18n.lang.get())}</p>
        <ul class="product-cards">
            {cards
                .into_iter()
                .map(|product| view! { <ProductCard product=product /> })
                .collect_view()}
        </ul>
        <div class="table-scroll product-table">
            <table class="table">
                <caption class="visually-hidden">{tr(Key::CatalogTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">
                            <span class="visually-hidden">{tr(Key::ProductPhotos)}</span>
                        </th>
                        <th scope="col">{tr(Key::ProductName)}</th>
                        <th scope="col">{tr(Key::ProductPrice)}</th>
                        <th scope="col">{tr(Key::ProductStock)}</th>
                        <th scope="col">{tr(Key::ProductMinOrder)}</th>
                        <th scope="col">{tr(Key::ProductStatus)}</th>
                    </tr>
                </thead>
                <tbody>
                    {items
                        .into_iter()
                        .map(|product| view! { <ProductRow product=product /> })
                        .collect_view()}
                </tbody>
            </table>
        </div>
        <Pager asked=asked pages=pages />
    }
    .into_any()
}
