//! Autosave for any form kept as a draft on the device: what is typed is
//! written a moment after typing pauses, at once when the page is hidden or
//! left, and then sent. What waits to be written is held outside the
//! reactive system, so the last keystrokes are written even while the page
//! is being torn down.
//!
//! ```ignore
//! autosave(move || form.draft(), move |values| drafts.edit(resource, values),
//!          move || spawn_local(async move { drafts.push(resource).await; }));
//! ```

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::domain::profile::Draft;

/// A form's fields by name, each the signal its input binds to.
pub type Fields = HashMap<&'static str, RwSignal<String>>;

/// Every field that is not empty (read tracked), as the draft kept on the
/// device. Inserted one by one: collecting into the map would sort first,
/// and the sort's code is a few KB of a form's download.
pub fn draft_of(fields: &Fields) -> Draft {
    let mut draft = Draft::new();
    for (name, value) in fields {
        let value = value.get();
        if !value.is_empty() {
            draft.insert((*name).to_owned(), value);
        }
    }
    draft
}

/// How long typing must pause before the draft is written to the device.
pub const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);

/// Writes `draft()` (read tracked: it runs again on each change) with
/// `write` after typing pauses, when the page is hidden or left; calls
/// `on_leave` after the last write when the page is left.
pub fn autosave(
    draft: impl Fn() -> Draft + 'static,
    write: impl Fn(Draft) + Clone + 'static,
    on_leave: impl Fn() + 'static,
) {
    let pending: Rc<RefCell<Option<Draft>>> = Rc::default();
    let timer: Rc<Cell<Option<TimeoutHandle>>> = Rc::default();
    let flush = {
        let (pending, timer) = (pending.clone(), timer.clone());
        move || {
            if let Some(handle) = timer.take() {
                handle.clear();
            }
            if let Some(values) = pending.borrow_mut().take() {
                write(values);
            }
        }
    };
    Effect::new({
        let flush = flush.clone();
        move |first: Option<()>| {
            let values = draft();
            if first.is_some() {
                *pending.borrow_mut() = Some(values);
                if let Some(old) = timer.take() {
                    old.clear();
                }
                timer.set(set_timeout_with_handle(flush.clone(), AUTOSAVE_DELAY).ok());
            }
        }
    });
    let on_hidden = flush.clone();
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            on_hidden();
        }
    });
    let on_pagehide = flush.clone();
    let pagehide = window_event_listener(leptos::ev::pagehide, move |_| on_pagehide());
    let leave = SendWrapper::new(move || {
        flush();
        on_leave();
    });
    on_cleanup(move || {
        hidden.remove();
        pagehide.remove();
        leave();
    });
}
