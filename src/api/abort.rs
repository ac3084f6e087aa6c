//! What stops a request: the page's [`Cancel`], and one send's own time
//! limit ([`InFlight`]), which together abort the fetch.
//!
//! ```ignore
//! let cancel = Cancel::on_unmount(); // in a page component
//! ApiRequest::get("/me").cancel_on(&cancel).send().await?;
//! ```

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::on_cleanup;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, AbortSignal};

use super::client::browser_online;
use super::error::ApiError;

/// Aborts a page's requests when the page unmounts.
///
/// Create one in the page component and pass it to each request with
/// [`ApiRequest::cancel_on`](super::ApiRequest::cancel_on).
#[derive(Clone)]
pub struct Cancel(SendWrapper<Option<AbortController>>);

impl Cancel {
    /// A `Cancel` that fires when the current reactive owner is cleaned up.
    pub fn on_unmount() -> Cancel {
        let cancel = Cancel::new();
        let on_unmount = cancel.clone();
        on_cleanup(move || on_unmount.cancel());
        cancel
    }

    /// A `Cancel` that fires only when [`Cancel::cancel`] is called, for
    /// requests that outlive the page that started them (an upload).
    pub fn new() -> Cancel {
        Cancel(SendWrapper::new(AbortController::new().ok()))
    }

    /// Abort every request tied to this `Cancel`, now.
    pub fn cancel(&self) {
        if let Some(controller) = self.0.as_ref() {
            controller.abort();
        }
    }

    pub(super) fn signal(&self) -> Option<AbortSignal> {
        self.0.as_ref().map(AbortController::signal)
    }
}

impl Default for Cancel {
    fn default() -> Self {
        Cancel::new()
    }
}

thread_local! {
    /// How many sends are in flight, and what waits for none to be.
    static IN_FLIGHT: Cell<u32> = const { Cell::new(0) };
    static WHEN_QUIET: std::cell::RefCell<Vec<Box<dyn FnOnce()>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `task` once no request to the API is in flight (now, if none is):
/// background work (fetching the code of areas not yet opened) waits until
/// the page's own answers have come, rather than share the connection with
/// them.
pub fn when_quiet(task: impl FnOnce() + 'static) {
    if IN_FLIGHT.with(Cell::get) == 0 {
        task();
    } else {
        WHEN_QUIET.with_borrow_mut(|waiting| waiting.push(Box::new(task)));
    }
}

/// One send in flight: its own abort controller, fired by the time limit or
/// by the page's `Cancel`. Dropping it clears the timer and the listener and
/// aborts the fetch, so a request whose future is dropped stops too.
pub(super) struct InFlight {
    pub(super) controller: AbortController,
    timed_out: Rc<Cell<bool>>,
    timer: Option<(i32, Closure<dyn FnMut()>)>,
    page: Option<(AbortSignal, Closure<dyn FnMut()>)>,
}

impl InFlight {
    pub(super) fn start(timeout_ms: u32, cancel: Option<&Cancel>) -> Result<InFlight, ApiError> {
        let controller = AbortController::new().map_err(|_| ApiError::Network)?;
        let timed_out = Rc::new(Cell::new(false));
        let on_timeout = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let timer = web_sys::window()
            .and_then(|window| {
                window
                    .set_timeout_with_callback_and_timeout_and_arguments_0(
                        on_timeout.as_ref().unchecked_ref(),
                        i32::try_from(timeout_ms).unwrap_or(i32::MAX),
                    )
                    .ok()
            })
            .map(|handle| (handle, on_timeout));
        let page = cancel.and_then(Cancel::signal).map(|signal| {
            let controller = controller.clone();
            let listener = Closure::<dyn FnMut()>::new(move || controller.abort());
            let _ =
                signal.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
            (signal, listener)
        });
        IN_FLIGHT.with(|count| count.set(count.get() + 1));
        Ok(InFlight {
            controller,
            timed_out,
            timer,
            page,
        })
    }

    /// Why the fetch failed: our timer, the page leaving, or the network.
    pub(super) fn failure(&self) -> ApiError {
        if self.timed_out.get() {
            ApiError::Timeout
        } else if self
            .page
            .as_ref()
            .is_some_and(|(signal, _)| signal.aborted())
        {
            ApiError::Cancelled
        } else if !browser_online() {
            ApiError::Offline
        } else {
            ApiError::Network
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let (Some((handle, _)), Some(window)) = (&self.timer, web_sys::window()) {
            window.clear_timeout_with_handle(*handle);
        }
        if let Some((signal, listener)) = &self.page {
            let _ = signal
                .remove_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
        }
        self.controller.abort();
        let left = IN_FLIGHT.with(|count| {
            count.set(count.get().saturating_sub(1));
            count.get()
        });
        if left == 0 {
            for task in WHEN_QUIET.with_borrow_mut(std::mem::take) {
                task();
            }
        }
    }
}
