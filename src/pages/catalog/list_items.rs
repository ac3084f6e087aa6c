//! What the catalog list is made of: a product as a card (phones) and as a
//! table row (wide screens), the pages, and the empty catalog.

use leptos::prelude::*;
use leptos_router::components::A;

use super::messages::unit_name;
use crate::api::products::{thumbnail_url, ListQuery, Product};
use crate::domain::money::{format_rupiah, group_thousands};
use crate::domain::unit::Unit;
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::routes::Page;

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
pub fn ProductCard(
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
pub fn ProductRow(
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
pub fn Pager(
    /// The search and page shown.
    asked: ListQuery,
    /// How many pages there are.
    pages: u32,
) -> impl IntoView {
    let href = Callback::new(move |page: u32| {
        Page::Products {
            q: asked.q.clone(),
            page,
        }
        .href()
    });
    view! { <crate::components::pager::Pager at=asked.page pages=pages href=href /> }
}

/// No product yet: what a good first product looks like, and the two ways
/// to add one.
#[component]
pub fn EmptyCatalog() -> impl IntoView {
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
