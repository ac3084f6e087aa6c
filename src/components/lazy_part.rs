//! A part of a page whose code comes after the page (a product's photos):
//! the page is drawn, and can be filled in, while the part's code is
//! fetched. Until it is here a line says what is coming; if it does not
//! come, a notice says so in the part's place, the load is tried again by
//! itself (`lazy::Retry`), and nothing typed in the page is touched.
//!
//! ```ignore
//! // `loading`: the text shown while the code comes (a product page its own).
//! view! { <LazyPart load=move || lazy::photos(form) loading=loading /> }
//! ```

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::i18n::{tr, Key};
use crate::lazy::{NotLoaded, Retry};

/// Loads a part: its code, then its view.
type Load = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<AnyView, NotLoaded>>>>>;

/// The part `load` draws, once its code is here.
#[component]
pub fn LazyPart<F, Fut>(
    /// Fetches the part's code and draws it.
    load: F,
    /// What shows while the code comes.
    loading: Key,
) -> impl IntoView
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<AnyView, NotLoaded>> + 'static,
{
    // Past this line nothing depends on the part: one copy of the code
    // serves every part of every page.
    part(Rc::new(move || Box::pin(load())), loading)
}

fn part(load: Load, loading: Key) -> AnyView {
    let retry = Retry::start();
    let load = SendWrapper::new(load);
    let part = move || {
        retry.track();
        let load = load.clone();
        Suspend::new(SendWrapper::new(async move {
            match load().await {
                Ok(view) => view,
                Err(NotLoaded) => {
                    retry.failed();
                    view! {
                        <div class="notice notice--error" role="alert">
                            <p>{tr(Key::PartNotLoaded)}</p>
                            <button
                                type="button"
                                class="button button--secondary"
                                on:click=move |_| retry.again()
                            >
                                {tr(Key::TryAgain)}
                            </button>
                        </div>
                    }
                    .into_any()
                }
            }
        }))
    };
    view! {
        <Suspense fallback=move || {
            view! { <p class="page-loading">{tr(loading)}</p> }
        }>{part}</Suspense>
    }
    .into_any()
}
