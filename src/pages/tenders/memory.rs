//! The last results shown and where the person had scrolled, kept in memory
//! (never on the device) while the app is open: coming back from a tender
//! shows the same results at once, at the same place, and the detail page's
//! "back" link returns to the search it came from. Results are kept for
//! the person who saw them only, for the supplier they were seen for (they
//! say what was saved: staff acting for two members never see one's in
//! the other's list).

use std::cell::RefCell;

use crate::api::tenders::TenderPage;

/// Who saw results: the person and the supplier they worked for (`None`
/// signed out).
pub type Viewer = Option<(i64, Option<i64>)>;

/// One list as it was last shown.
#[derive(Clone, Debug)]
pub struct Shown {
    /// Its address (path and query).
    pub href: String,
    /// Who saw them.
    pub user: Viewer,
    /// Its results.
    pub results: TenderPage,
    /// How far down the page was scrolled when a tender was opened from it.
    pub scroll_y: Option<f64>,
}

thread_local! {
    static LAST: RefCell<Option<Shown>> = const { RefCell::new(None) };
}

/// The results last shown to `user` at `href`, if that was the last list.
pub fn results_at(href: &str, user: Viewer) -> Option<TenderPage> {
    LAST.with_borrow(|last| {
        last.as_ref()
            .filter(|shown| shown.href == href && shown.user == user)
            .map(|shown| shown.results.clone())
    })
}

/// Remembers the results just shown to `user` at `href` (forgetting the
/// scroll of another list).
pub fn remember(href: &str, user: Viewer, results: &TenderPage) {
    LAST.with_borrow_mut(|last| {
        let scroll_y = last
            .as_ref()
            .filter(|shown| shown.href == href)
            .and_then(|shown| shown.scroll_y);
        *last = Some(Shown {
            href: href.to_owned(),
            user,
            results: results.clone(),
            scroll_y,
        });
    });
}

/// A tender is being opened from the list: remember where the list was.
pub fn leaving_at(scroll_y: f64) {
    LAST.with_borrow_mut(|last| {
        if let Some(shown) = last {
            shown.scroll_y = Some(scroll_y);
        }
    });
}

/// Where to scroll back to at `href` (once: it is forgotten when read).
pub fn take_scroll(href: &str) -> Option<f64> {
    LAST.with_borrow_mut(|last| {
        last.as_mut()
            .filter(|shown| shown.href == href)
            .and_then(|shown| shown.scroll_y.take())
    })
}

/// The address of the last list shown: where "back to the results" goes.
pub fn last_list() -> Option<String> {
    LAST.with_borrow(|last| last.as_ref().map(|shown| shown.href.clone()))
}
