//! Any address the router does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, Key};
use crate::routes::Page;

/// "Page not found", with the way back home.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>{tr(Key::NotFoundTitle)}</h1>
        <p>{tr(Key::NotFoundBody)}</p>
        <p>
            <A href=Page::Home.href() attr:class="button">
                {tr(Key::BackHome)}
            </A>
        </p>
    }
}
