//! Previous, "Halaman 2 dari 7", next: the links between the pages of a
//! list whose page is in the address (the catalog, the tender results).

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::{tr, use_i18n, Key, Message};

/// The links to the page before and after `at`, and where `at` stands.
#[component]
pub fn Pager(
    /// The page shown, from 1.
    at: u32,
    /// How many pages there are.
    pages: u32,
    /// The address of a page.
    href: Callback<u32, String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let at = at.clamp(1, pages.max(1));
    view! {
        <nav class="pager" aria-label=move || i18n.t(Key::Pages)>
            {(at > 1).then(|| view! { <A href=href.run(at - 1)>{tr(Key::PreviousPage)}</A> })}
            <span>
                {move || {
                    Message::with(Key::PageOf, "page", at)
                        .and("pages", pages)
                        .render(i18n.lang.get())
                }}
            </span>
            {(at < pages).then(|| view! { <A href=href.run(at + 1)>{tr(Key::NextPage)}</A> })}
        </nav>
    }
}
