//! Where keyboard focus goes when what is shown changes, so that someone on
//! a keyboard or a screen reader goes on from the new page or step instead of
//! from the top of the document.
//!
//! - A new page (a route change, also once an area's code has arrived): its
//!   `h1` takes focus ([`focus_page_heading`], called by
//!   [`crate::lazy::LazyArea`] and the not-found page).
//! - A step swapped in place (the code after the number in sign-in): its
//!   first field ([`focus_first_field`]), or its heading.
//!
//! A page's heading takes focus only once the person has done something on
//! the page (a key, a press, a click): on the very first load, and the
//! redirects of that load, focus stays at the top of the document as a
//! browser leaves it. It never takes focus away from something the page
//! focused itself (the field a `?focus=` link names, an error summary) nor
//! from an open dialog.
//!
//! ```ignore
//! // a page's view is ready:
//! focus_page_heading();
//! // a form has replaced another in place:
//! focus_first_field(code_form);
//! ```

use std::cell::Cell;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// For how many frames a new page's heading (or a new step's field) is
/// looked for when it is not drawn yet (a page that shows "loading" first).
const LOOK_FOR_FRAMES: u32 = 60;

/// The page's heading: the first `h1` of `<main>` that is not in a dialog.
const PAGE_HEADING: &str = "h1:not(dialog h1)";

/// The fields a step can start with.
const FIELD: &str = "input:not([type=hidden]), select, textarea";

thread_local! {
    /// The person has pressed a key, pressed or clicked since the app started.
    static PERSON_HAS_ACTED: Cell<bool> = const { Cell::new(false) };
    /// The listeners that notice that are in place.
    static WATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Where keyboard focus is when a new page is ready.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FocusNow {
    /// Nowhere that belongs to the page: the document itself (the link or
    /// button that led here is gone), `<main>` itself, the header or footer.
    OutsideThePage,
    /// On something in the page: the page put it there (a `?focus=` field,
    /// an error summary), or the person did.
    InThePage,
    /// A modal dialog is open (the page behind it is inert).
    InADialog,
}

/// Whether a new page's heading should take focus.
pub fn heading_takes_focus(person_has_acted: bool, now: FocusNow) -> bool {
    person_has_acted && now == FocusNow::OutsideThePage
}

/// Once a new page's view is ready: on the next frames, its `h1` takes
/// focus when [`heading_takes_focus`] says so (given `tabindex="-1"` if it
/// has none, so it can).
pub fn focus_page_heading() {
    watch_for_the_first_action();
    on_frames(LOOK_FOR_FRAMES, || {
        let document = document();
        let Some(main) = document.query_selector("main").ok().flatten() else {
            return true;
        };
        let Some(heading) = main.query_selector(PAGE_HEADING).ok().flatten() else {
            return false;
        };
        let now = focus_now(&document, &main);
        if heading_takes_focus(PERSON_HAS_ACTED.get(), now) {
            if !heading.has_attribute("tabindex") {
                let _ = heading.set_attribute("tabindex", "-1");
            }
            // Without scrolling: a page that puts its reader back where they
            // were (the tender results, coming back from one) has scrolled.
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = heading
                .unchecked_into::<web_sys::HtmlElement>()
                .focus_with_options(&options);
        }
        true
    });
}

/// Once `container` (a form that has replaced another in place) is drawn,
/// its first field takes focus.
pub fn focus_first_field(container: NodeRef<html::Form>) {
    on_frames(LOOK_FOR_FRAMES, move || {
        let field = container
            .get_untracked()
            .and_then(|form| form.query_selector(FIELD).ok().flatten());
        match field {
            Some(field) => {
                let _ = field.unchecked_into::<web_sys::HtmlElement>().focus();
                true
            }
            None => false,
        }
    });
}

/// Where focus is now, as far as a new page in `main` is concerned.
fn focus_now(document: &web_sys::Document, main: &web_sys::Element) -> FocusNow {
    if document
        .query_selector("dialog[open]")
        .ok()
        .flatten()
        .is_some()
    {
        return FocusNow::InADialog;
    }
    match document.active_element() {
        Some(active) if active != *main && active.closest("main").ok().flatten().is_some() => {
            FocusNow::InThePage
        }
        // The person tabbed to the skip link while the page was being
        // drawn: they are on their way in; focus is theirs.
        Some(active) if active.matches(".skip-link").unwrap_or(false) => FocusNow::InThePage,
        _ => FocusNow::OutsideThePage,
    }
}

/// Runs `attempt` on the next animation frame, and on each one after while
/// it returns `false`, `frames` times at most.
fn on_frames(frames: u32, attempt: impl Fn() -> bool + 'static) {
    request_animation_frame(move || {
        if !attempt() && frames > 1 {
            on_frames(frames - 1, attempt);
        }
    });
}

/// Notices the person's first key, press or click (in the capture phase, so
/// nothing on the page can hide it). Installed once, for the app's life.
fn watch_for_the_first_action() {
    if WATCHING.replace(true) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let noticed = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| PERSON_HAS_ACTED.set(true))
        .into_js_value();
    for kind in ["keydown", "pointerdown", "click"] {
        let _ =
            window.add_event_listener_with_callback_and_bool(kind, noticed.unchecked_ref(), true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_load_leaves_focus_at_the_top_of_the_document() {
        for now in [
            FocusNow::OutsideThePage,
            FocusNow::InThePage,
            FocusNow::InADialog,
        ] {
            assert!(!heading_takes_focus(false, now), "{now:?}");
        }
    }

    #[test]
    fn after_that_the_heading_takes_focus_unless_the_page_or_a_dialog_has_it() {
        assert!(heading_takes_focus(true, FocusNow::OutsideThePage));
        assert!(!heading_takes_focus(true, FocusNow::InThePage));
        assert!(!heading_takes_focus(true, FocusNow::InADialog));
    }
}
