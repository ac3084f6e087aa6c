//! Contexts for the whole app that an area brings with it. The wizard's
//! draft sync, for one, lives in the register area's chunk, yet once that
//! area has opened it must outlive its pages (a queued save is sent when the
//! connection returns, wherever the person is by then). The area provides
//! it on the app's own owner the first time it opens:
//!
//! ```ignore
//! let sync = app_wide(use_context::<ProfileSync>, provide_profile_sync);
//! ```

use leptos::prelude::*;

/// The owner of the app's contexts (the one `App` runs under).
#[derive(Clone)]
struct AppOwner(Owner);

/// Remembers the current owner as the app's; call once, in `App`.
pub fn provide_app_owner() {
    if let Some(owner) = Owner::current() {
        provide_context(AppOwner(owner));
    }
}

/// The context `find` finds; else the one `provide` makes, provided on the
/// app's owner so that it lives as long as the app.
pub fn app_wide<T>(find: impl FnOnce() -> Option<T>, provide: impl FnOnce() -> T) -> T {
    find().unwrap_or_else(|| match use_context::<AppOwner>() {
        Some(AppOwner(owner)) => owner.with(provide),
        None => provide(),
    })
}
