//! What the wallet tells the person after a document's page: saved, or
//! saved and back to review. Lives as long as the app.

use leptos::prelude::*;

use crate::app_wide::app_wide;
use crate::i18n::Key;

#[derive(Clone, Copy)]
struct Notice(RwSignal<Option<Key>>);

/// The notice the wallet shows once.
pub fn use_notice() -> RwSignal<Option<Key>> {
    app_wide(
        || use_context::<Notice>().map(|notice| notice.0),
        || {
            let notice = RwSignal::new(None);
            provide_context(Notice(notice));
            notice
        },
    )
}
