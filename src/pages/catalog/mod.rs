//! `/products/*`: the supplier's product catalog. The list (searched and
//! paged in the address), a product's form (kept on the device as it is
//! typed, like the wizard's, and saved once even when the answer is lost),
//! delete with Undo, and bulk import from a spreadsheet.
//!
//! The rest of the app reaches this area only through its `render_*`
//! entries, two lazily loaded chunks: the list, and a product's form (with
//! its photos and the upload client) with the import.

mod delete;
mod form;
mod import;
mod import_send;
mod list;
mod list_items;
mod messages;
mod notice;
mod photos;
pub mod price_field;
mod product_page;

use leptos::prelude::*;

use crate::routes::CatalogPage;
pub use form::ProductForm;
use import::ImportProducts;
use list::ProductList;
use product_page::{EditProduct, NewProduct};

/// `/products`. The list itself never needs the draft sync: products kept
/// unsent on this device are sent by the sync the app starts for them
/// (`lazy::start_draft_sync`), and a product's page brings it.
pub fn render_list() -> AnyView {
    // From the list a person most likely opens a product.
    crate::lazy::prefetch(vec![crate::lazy::Area::Catalog(CatalogPage::New)]);
    view! { <ProductList /> }.into_any()
}

/// `/products/new` and `/products/<id>`.
pub fn render_product(page: CatalogPage) -> AnyView {
    crate::draft_sync::app_draft_sync();
    match page {
        CatalogPage::Edit => view! { <EditProduct /> }.into_any(),
        _ => view! { <NewProduct /> }.into_any(),
    }
}

/// A product's photos (`lazy::photos`: a chunk of their own, with the
/// photos prepared on the device and the upload client, drawn after the
/// product's fields).
pub fn render_photos(form: ProductForm) -> AnyView {
    view! { <photos::Photos form=form /> }.into_any()
}

/// `/products/import`.
pub fn render_import() -> AnyView {
    view! { <ImportProducts /> }.into_any()
}
