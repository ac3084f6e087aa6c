//! GOV.UK's error summary: every problem of a form, at its top, each a link
//! to its field. It takes focus when it appears, so a screen reader reads it.

use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::i18n::{tr, use_i18n, Key, Message};

/// A problem with one field: the field's `id` and what to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldProblem {
    /// The `id` of the input to link to.
    pub field_id: &'static str,
    /// What is wrong and how to fix it.
    pub message: Message,
}

/// The message for `field_id` among `problems`, if any.
pub fn problem_for(problems: &[FieldProblem], field_id: &str) -> Option<Message> {
    problems
        .iter()
        .find(|problem| problem.field_id == field_id)
        .map(|problem| problem.message.clone())
}

/// Moves focus to the field itself (the router would treat `#id` as a
/// navigation and leave focus on the link).
fn focus_field(event: leptos::ev::MouseEvent, field_id: &str) {
    event.prevent_default();
    if let Some(field) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(field_id))
    {
        field.scroll_into_view();
        let _ = field.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

/// The summary; renders nothing while `problems` is empty.
#[component]
pub fn ErrorSummary(
    /// The form's current problems.
    #[prop(into)]
    problems: Signal<Vec<FieldProblem>>,
    /// The heading, when not "there is a problem" (e.g. what is still missing).
    #[prop(optional)]
    title: Option<Key>,
    /// The page each field is on, when the fields are on other pages (check
    /// your answers); without it each link focuses its field on this page.
    #[prop(optional)]
    page_of: Option<fn(&'static str) -> String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if !problems.get().is_empty() {
            if let Some(element) = summary.get() {
                let _ = element.focus();
            }
        }
    });
    view! {
        <Show when=move || !problems.get().is_empty()>
            <div
                class="error-summary"
                role="alert"
                tabindex="-1"
                aria-labelledby="error-summary-title"
                node_ref=summary
            >
                <h2 id="error-summary-title" class="error-summary__title">
                    {tr(title.unwrap_or(Key::ErrorSummaryTitle))}
                </h2>
                <ul class="error-summary__list">
                    {move || {
                        problems
                            .get()
                            .into_iter()
                            .map(|problem| {
                                let field_id = problem.field_id;
                                let text = move || problem.message.render(i18n.lang.get());
                                let link = match page_of {
                                    Some(page_of) => {
                                        view! { <A href=page_of(field_id)>{text}</A> }.into_any()
                                    }
                                    None => {
                                        view! {
                                            <a
                                                href=format!("#{field_id}")
                                                on:click=move |event| focus_field(event, field_id)
                                            >
                                                {text}
                                            </a>
                                        }
                                            .into_any()
                                    }
                                };
                                view! { <li>{link}</li> }
                            })
                            .collect_view()
                    }}
                </ul>
            </div>
        </Show>
    }
}
