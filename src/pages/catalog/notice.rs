//! What the catalog tells the person across its pages: a product just
//! saved, and a product just deleted, which can be undone for a few seconds.
//! A delete is sent only when that time is up (or another delete starts);
//! until then the list leaves the product out, and Undo simply forgets the
//! delete. The context lives as long as the app, so leaving the catalog
//! does not stop a delete from being sent.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::client::sleep_ms;
use crate::api::{products, ApiError};
use crate::app_wide::app_wide;
use crate::draft_sync::{DraftSync, ProductSlot, Resource};

/// How long a delete can be undone.
pub const UNDO_FOR: Duration = Duration::from_secs(8);

/// A product deleted, not yet sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deleting {
    /// Its id.
    pub id: i64,
    /// Its name, for the message.
    pub name: String,
}

/// The catalog's notices.
#[derive(Clone, Copy)]
pub struct CatalogNotices {
    /// The name of the product just saved.
    pub saved: RwSignal<Option<String>>,
    /// The product being deleted, while it can be undone.
    pub deleting: RwSignal<Option<Deleting>>,
    /// Products whose delete is on its way (no longer undoable).
    pub removing: RwSignal<Vec<i64>>,
    /// Counts deletes sent, so lists read again afterwards.
    pub deleted: RwSignal<u32>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// The draft sync of the product page that deleted (the list itself
    /// never needs the draft sync's code).
    drafts: StoredValue<Option<DraftSync>>,
}

/// The app-wide notices (provided the first time the catalog opens).
pub fn use_notices() -> CatalogNotices {
    app_wide(use_context::<CatalogNotices>, || {
        let notices = CatalogNotices {
            saved: RwSignal::new(None),
            deleting: RwSignal::new(None),
            removing: RwSignal::new(Vec::new()),
            deleted: RwSignal::new(0),
            timer: StoredValue::new(None),
            drafts: StoredValue::new(None),
        };
        provide_context(notices);
        notices
    })
}

impl CatalogNotices {
    /// Deletes `product` once [`UNDO_FOR`] has passed without an undo; its
    /// draft on this device goes from `drafts` then. A delete still waiting
    /// is sent at once.
    pub fn delete(self, id: i64, name: String, drafts: DraftSync) {
        self.send_now();
        self.drafts.set_value(Some(drafts));
        self.saved.set(None);
        self.deleting.set(Some(Deleting { id, name }));
        let handle = set_timeout_with_handle(move || self.send_now(), UNDO_FOR).ok();
        self.timer.set_value(handle);
    }

    /// Forgets the waiting delete: the product stays.
    pub fn undo(self) {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        self.deleting.set(None);
    }

    /// The products the list leaves out: the one that can be undone and
    /// those whose delete is on its way (tracked).
    pub fn hidden(self) -> Vec<i64> {
        let mut hidden = self.removing.get();
        hidden.extend(self.deleting.with(|d| d.as_ref().map(|d| d.id)));
        hidden
    }

    /// Sends the waiting delete, if any, until the server has it; the
    /// product's draft on this device goes with it.
    fn send_now(self) {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        let Some(Deleting { id, .. }) = self.deleting.try_get_untracked().flatten() else {
            return;
        };
        if let Some(drafts) = self.drafts.try_get_value().flatten() {
            drafts.forget(Resource::Product(ProductSlot::Saved(id)));
        }
        spawn_local(async move {
            let mut wait = 2_000;
            loop {
                match products::delete(id).await {
                    // Not reached, or the session ended: again, later.
                    Err(error)
                        if error.is_transient()
                            || matches!(error, ApiError::Offline | ApiError::Unauthorized) =>
                    {
                        sleep_ms(wait).await;
                        wait = (wait * 2).min(60_000);
                    }
                    _ => break,
                }
            }
            self.removing
                .update(|removing| removing.retain(|r| *r != id));
            self.deleted.update(|n| *n += 1);
        });
    }
}
