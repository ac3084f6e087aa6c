//! Points in time a page marks for `scripts/bench` (`performance.mark`):
//! when a list's answer arrived and when its items were drawn, so the
//! browser benches (`tests/bench/*.bench.ts`) can print how long drawing
//! took. A mark costs nothing a person would notice.
//!
//! ```ignore
//! timing::mark_drawn("rantai:roster"); // marks `rantai:roster-answer`, then `-drawn` on the next frame
//! ```

use leptos::prelude::request_animation_frame;

/// `performance.mark(name)`.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        let _ = performance.mark(name);
    }
}

/// Marks `<list>-answer` now, as an answer is handed to the page, and
/// `<list>-drawn` on the next animation frame, once its items are in it.
pub fn mark_drawn(list: &'static str) {
    mark(&format!("{list}-answer"));
    request_animation_frame(move || mark(&format!("{list}-drawn")));
}
