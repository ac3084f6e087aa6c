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
use std::rc::Rc;

use futures::future::LocalBoxFuture;
use leptos::prelude::*;

use crate::i18n::{tr, Key};
use crate::lazy::{when_here, NotLoaded, Retry};

/// Loads a part: its code, then its view.
type Load = Rc<dyn Fn() -> LocalBoxFuture<'static, Result<AnyView, NotLoaded>>>;

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
    when_here(
        retry,
        loading,
        Rc::new(move || {
            let load = load.clone();
            Box::pin(async move {
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
            })
        }),
    )
}
