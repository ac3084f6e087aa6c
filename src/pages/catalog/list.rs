//! `/products?q=…&page=…`: the supplier's products, as cards on a phone
//! and a table on a wide screen, searched by name or SKU and paged, both in
//! the address (a reload or a shared link shows the same view). While a new
//! page loads the last one stays; a slower older answer never replaces a
//! newer one. An empty catalog says what a good first product looks like.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::messages::unit_name;
use super::notice::use_notices;
use crate::api::products::{self, thumbnail_url, ListQuery, Product, ProductPage};
use crate::api::{ApiError, Cancel};
use crate::domain::money::{format_rupiah, group_thousands};
use crate::domain::unit::Unit;
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
            q: q.get("q").unwrap_or_default(),
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
                    view! {
                        <div class="notice notice--error" role="alert">
                            <p>{tr(error.message_key())}</p>
                            <button
                                type="button"
                                class="button button--secondary"
                                on:click=move |_| retry.update(|n| *n += 1)
                            >
                                {tr(Key::TryAgain)}
                            </button>
                        </div>
                    }
                })
        }}
        {move || {
            loaded
                .get()
                .map(|page| results(i18n, page, wanted.get_untracked(), notices.deleting.get()))
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
fn results(
    i18n: I18n,
    page: ProductPage,
    asked: ListQuery,
    deleting: Option<super::notice::Deleting>,
) -> AnyView {
    let hidden = deleting.map(|d| d.id);
    let items: Vec<Product> = page
        .items
        .into_iter()
        .filter(|p| Some(p.id) != hidden)
        .collect();
    let total = page.total.saturating_sub(u32::from(hidden.is_some()));
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

/// What the list shows of a product: its price per unit, stock, minimum
/// order and whether it is complete (a photo).
struct Shown {
    href: String,
    thumbnail: Option<String>,
    price: String,
    unit: Option<Key>,
    stock: Option<String>,
    min_order: String,
    complete: bool,
}

impl Shown {
    fn of(product: &Product) -> Shown {
        Shown {
            href: Page::Product { id: product.id }.href(),
            thumbnail: product.photo_upload_ids.first().map(|id| thumbnail_url(id)),
            price: format_rupiah(product.price),
            unit: Unit::from_code(&product.unit).map(unit_name),
            stock: product.stock.map(group_thousands),
            min_order: group_thousands(product.min_order),
            complete: !product.photo_upload_ids.is_empty(),
        }
    }

    fn status(&self) -> Key {
        if self.complete {
            Key::ProductComplete
        } else {
            Key::ProductNeedsPhoto
        }
    }
}

/// A small photo, or an empty frame of the same size.
fn thumbnail(url: Option<String>) -> AnyView {
    match url {
        Some(url) => view! { <img class="product-thumb" src=url alt="" width="64" height="64" loading="lazy" /> }
        .into_any(),
        None => {
            view! { <span class="product-thumb product-thumb--none" aria-hidden="true"></span> }
                .into_any()
        }
    }
}

/// A product as a card (phones).
#[component]
fn ProductCard(
    /// The product.
    product: Product,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = Shown::of(&product);
    let status = shown.status();
    let (unit, stock, min_order) = (shown.unit, shown.stock.clone(), shown.min_order.clone());
    view! {
        <li class="product-card">
            {thumbnail(shown.thumbnail)} <div class="product-card__body">
                <A href=shown.href attr:class="product-card__name">
                    {product.name}
                </A>
                <p class="product-card__price">
                    {move || {
                        Message::with(Key::PricePerUnit, "price", &shown.price)
                            .and("unit", unit.map_or("", |u| i18n.t(u)))
                            .render(i18n.lang.get())
                    }}
                </p>
                <p class="product-card__facts">
                    {move || {
                        let stock = stock.clone().unwrap_or_else(|| "–".to_owned());
                        Message::with(Key::StockAndMinimum, "stock", stock)
                            .and("min", &min_order)
                            .render(i18n.lang.get())
                    }}
                </p>
                <p class=if shown.complete {
                    "tag tag--green"
                } else {
                    "tag tag--grey"
                }>{tr(status)}</p>
            </div>
        </li>
    }
}

/// A product as a table row (wide screens).
#[component]
fn ProductRow(
    /// The product.
    product: Product,
) -> impl IntoView {
    let i18n = use_i18n();
    let shown = Shown::of(&product);
    let status = shown.status();
    let unit = shown.unit;
    view! {
        <tr>
            <td>{thumbnail(shown.thumbnail)}</td>
            <td>
                <A href=shown.href>{product.name}</A>
            </td>
            <td>
                {move || {
                    Message::with(Key::PricePerUnit, "price", &shown.price)
                        .and("unit", unit.map_or("", |u| i18n.t(u)))
                        .render(i18n.lang.get())
                }}
            </td>
            <td>{shown.stock.unwrap_or_else(|| "–".to_owned())}</td>
            <td>{shown.min_order}</td>
            <td>{tr(status)}</td>
        </tr>
    }
}

/// Previous and next pages, and where this one is.
#[component]
fn Pager(
    /// The search and page shown.
    asked: ListQuery,
    /// How many pages there are.
    pages: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let at = asked.page.min(pages);
    let link = move |page: u32| {
        Page::Products {
            q: asked.q.clone(),
            page,
        }
        .href()
    };
    view! {
        <nav class="pager" aria-label=move || i18n.t(Key::Pages)>
            {(at > 1).then(|| view! { <A href=link(at - 1)>{tr(Key::PreviousPage)}</A> })}
            <span>
                {move || {
                    Message::with(Key::PageOf, "page", at)
                        .and("pages", pages)
                        .render(i18n.lang.get())
                }}
            </span>
            {(at < pages).then(|| view! { <A href=link(at + 1)>{tr(Key::NextPage)}</A> })}
        </nav>
    }
}

/// No product yet: what a good first product looks like, and the two ways
/// to add one.
#[component]
fn EmptyCatalog() -> impl IntoView {
    view! {
        <section class="empty-state" aria-labelledby="empty-catalog-title">
            <h2 id="empty-catalog-title">{tr(Key::EmptyCatalogTitle)}</h2>
            <p>{tr(Key::EmptyCatalogIntro)}</p>
            <ul>
                <li>{tr(Key::EmptyCatalogName)}</li>
                <li>{tr(Key::EmptyCatalogPhoto)}</li>
                <li>{tr(Key::EmptyCatalogPrice)}</li>
            </ul>
        </section>
    }
}
