//! Deleting a product, asked twice: the button, then "delete «name»? yes /
//! no". The catalog then leaves it out and offers Undo for a few seconds
//! ([`super::notice`]).

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::form::ProductForm;
use super::notice::use_notices;
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::routes::Page;

/// Delete, asked twice: the button, then "delete «name»? yes / no". The
/// catalog then leaves it out and offers Undo for a few seconds.
#[component]
pub fn DeleteProduct(
    /// The product.
    id: i64,
    /// Its form (for its name).
    form: ProductForm,
) -> impl IntoView {
    let i18n = use_i18n();
    let notices = use_notices();
    let navigate = use_navigate();
    let asking = RwSignal::new(false);
    let question = NodeRef::<leptos::html::P>::new();
    let button = NodeRef::<leptos::html::Button>::new();
    // Focus follows what is shown: the question, or the button again after
    // Cancel (never left on a button that is gone).
    let back_to_button = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(question) = question.get() {
            let _ = question.focus();
        }
    });
    Effect::new(move |_| {
        if let Some(button) = button.get() {
            if back_to_button.get_value() {
                back_to_button.set_value(false);
                let _ = button.focus();
            }
        }
    });
    let confirm = Callback::new(move |_: ()| {
        let name = form.value("name").get_untracked();
        notices.delete(id, name.trim().to_owned(), form.drafts);
        navigate(&Page::products().href(), Default::default());
    });
    view! {
        <section class="danger-zone" aria-labelledby="delete-title">
            <h2 id="delete-title">{tr(Key::DeleteProduct)}</h2>
            <Show
                when=move || asking.get()
                fallback=move || {
                    view! {
                        <button
                            type="button"
                            class="button button--warning"
                            on:click=move |_| asking.set(true)
                            node_ref=button
                        >
                            {tr(Key::DeleteProduct)}
                        </button>
                    }
                }
            >
                <p tabindex="-1" node_ref=question>
                    {move || {
                        Message::with(Key::DeleteQuestion, "name", form.value("name").get())
                            .render(i18n.lang.get())
                    }}
                </p>
                <div class="button-row">
                    <button
                        type="button"
                        class="button button--warning"
                        on:click=move |_| confirm.run(())
                    >
                        {tr(Key::DeleteConfirm)}
                    </button>
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| {
                            back_to_button.set_value(true);
                            asking.set(false);
                        }
                    >
                        {tr(Key::Cancel)}
                    </button>
                </div>
            </Show>
        </section>
    }
}
