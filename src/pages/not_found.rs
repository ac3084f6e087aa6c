//! Any address the router does not know.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::focus::focus_page_heading;
use crate::i18n::{tr, Key};
use crate::routes::Page;

/// "Page not found", with the way back home. Not a lazily loaded area, so
/// it moves focus to its heading itself, as `LazyArea` does for the others.
#[component]
pub fn NotFound() -> impl IntoView {
    focus_page_heading();
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
