//! The product form's state: each field's value, kept on the device as it
//! is typed (autosave) like the wizard's; the server's copy, read when an
//! existing product opens; the problems shown beside each field and in the
//! error summary. A new product's draft (and the `Idempotency-Key` of its
//! create) lives in the draft sync's slot for a new product, so a reload or
//! an expired session keeps it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::messages::{field_id, issue_message, problem, server_problems};
use crate::api::reference::Entry;
use crate::api::{products, ApiError, Cancel};
use crate::components::error_summary::FieldProblem;
use crate::domain::draft_sync::PHOTOS;
use crate::domain::product::{check, Draft, Field};
use crate::draft_sync::{DraftSync, ProductSlot, Resource, SyncState};
use crate::i18n::Message;

/// One product's form state; `Copy`, so closures in the view can share it.
#[derive(Clone, Copy)]
pub struct ProductForm {
    /// The product: the new one until its create succeeds (whether the
    /// person's Save or the draft sync sent it), then that product.
    pub resource: Signal<Resource>,
    values: StoredValue<crate::autosave::Fields>,
    /// The problems found when Save was last pressed.
    pub shown: RwSignal<Vec<FieldProblem>>,
    /// The category list, once fetched (until then any code is taken).
    pub categories: RwSignal<Option<Vec<Entry>>>,
    /// The server could not find the product (deleted, or not this supplier's).
    pub missing: RwSignal<bool>,
    /// The fields may be typed into: a new product, or an existing one
    /// whose values are here (from the server, or kept on this device).
    /// Until then typing would start a draft without them.
    pub ready: RwSignal<bool>,
    /// Where the draft is kept and sent.
    pub drafts: DraftSync,
}

impl ProductForm {
    /// The form for `slot`, filled from this device's draft.
    pub fn new(slot: ProductSlot) -> ProductForm {
        let drafts = crate::draft_sync::app_draft_sync();
        let first = Resource::Product(slot);
        let record = drafts.load(first);
        let ready = slot == ProductSlot::New || !record.etag.is_empty();
        let stored = record.values;
        let resource = match slot {
            ProductSlot::New => {
                // The draft for a new product in use now: once created it
                // is that product (also when the draft sync created it).
                let generation = drafts.new_product_generation();
                Signal::derive(move || {
                    drafts
                        .became(generation)
                        .map_or(first, |id| Resource::Product(ProductSlot::Saved(id)))
                })
            }
            ProductSlot::Saved(_) => Signal::stored(first),
        };
        let names = Field::ALL.map(Field::name).into_iter().chain([PHOTOS]);
        let values = names
            .map(|name| {
                let typed = stored.get(name).cloned().unwrap_or_default();
                (name, RwSignal::new(typed))
            })
            .collect();
        ProductForm {
            resource,
            values: StoredValue::new(values),
            shown: RwSignal::new(Vec::new()),
            categories: RwSignal::new(None),
            missing: RwSignal::new(false),
            ready: RwSignal::new(ready),
            drafts,
        }
    }

    /// The value of the field called `name` (a signal its input binds to).
    pub fn value(self, name: &str) -> RwSignal<String> {
        self.values
            .with_value(|values| values.get(name).copied())
            .unwrap_or_else(|| RwSignal::new(String::new()))
    }

    /// Every value (tracked).
    pub fn draft(self) -> Draft {
        self.values.with_value(crate::autosave::draft_of)
    }

    /// Every value, read without tracking.
    pub fn draft_untracked(self) -> Draft {
        untrack(move || self.draft())
    }

    /// Replaces every value.
    pub fn fill(self, draft: &Draft) {
        self.values.with_value(|values| {
            for (name, value) in values {
                value.set(draft.get(*name).cloned().unwrap_or_default());
            }
        });
    }

    /// The category code a typed category names: a code or a name of the
    /// list; any text while the list is not here (the server checks).
    fn category_code(self, typed: &str) -> Option<String> {
        self.categories.with_untracked(|list| match list {
            None => Some(typed.to_owned()),
            Some(list) => list
                .iter()
                .find(|entry| entry.code == typed || entry.label().eq_ignore_ascii_case(typed))
                .map(|entry| entry.code.clone()),
        })
    }

    /// This device's checks of every field, then what the server refused.
    pub fn current_problems(self) -> Vec<FieldProblem> {
        let draft = self.draft_untracked();
        let mut problems: Vec<FieldProblem> = check(&draft, &|t| self.category_code(t), true)
            .iter()
            .map(problem)
            .collect();
        let state = untrack(|| self.drafts.state(self.resource.get()));
        if let SyncState::Refused(errors) = state {
            for server in server_problems(&errors) {
                if !problems.iter().any(|p| p.field_id == server.field_id) {
                    problems.push(server);
                }
            }
        }
        problems
    }

    /// What to say beside `field`: its problem when Save was last pressed.
    pub fn error(self, field: Field) -> Signal<Option<Message>> {
        let id = field_id(field);
        Signal::derive(move || {
            self.shown.with(|shown| {
                shown
                    .iter()
                    .find(|p| p.field_id == id)
                    .map(|p| p.message.clone())
            })
        })
    }

    /// This device's check of one value as typed, without waiting for Save.
    pub fn live_issue(self, field: Field) -> Option<Message> {
        let draft = self.draft();
        check(&draft, &|t| self.category_code(t), false)
            .into_iter()
            .find(|issue| issue.field == field)
            .map(|issue| issue_message(field, issue.issue))
    }

    /// The problems again after the server answered; `None` when the form
    /// is gone.
    pub fn sync_problems(self) -> Option<Vec<FieldProblem>> {
        self.values.try_with_value(|_| ())?;
        Some(self.current_problems())
    }
}

/// Writes the form to the device a moment after typing pauses and when the
/// page is hidden or left; sends an existing product's changes when the page
/// is left (a new product is created only by Save).
pub fn autosave(form: ProductForm) {
    let drafts = form.drafts;
    let resource = form.resource;
    // Read when it runs: the new product becomes its saved self on create.
    let current = move || resource.try_get_untracked();
    crate::autosave::autosave(
        move || form.draft(),
        move |values| {
            if let Some(resource) = current() {
                drafts.edit(resource, values);
            }
        },
        move || {
            let saved = current().filter(|r| *r != Resource::Product(ProductSlot::New));
            if let Some(resource) = saved {
                spawn_local(async move {
                    drafts.push(resource).await;
                });
            }
        },
    );
}

/// Reads the product from the server when its page opens. What was typed
/// while it was on its way counts as the person's change, so it is never
/// replaced by it.
pub fn load_server_copy(form: ProductForm, id: i64) {
    let cancel = Cancel::on_unmount();
    let shown = form.draft_untracked();
    let resource = Resource::Product(ProductSlot::Saved(id));
    spawn_local(async move {
        let version_before = form.drafts.load(resource).etag;
        let server = products::get(id, &cancel).await;
        if form.values.try_with_value(|_| ()).is_none() {
            return;
        }
        let now = form.draft_untracked();
        if now != shown {
            form.drafts.edit(resource, now);
        }
        let saved_meanwhile = form.drafts.load(resource).etag != version_before;
        match server {
            Ok(product) if !saved_meanwhile => {
                let record = form.drafts.adopt(resource, product.draft(), product.etag());
                if !record.dirty {
                    form.fill(&record.values);
                }
                form.ready.try_set(true);
                form.drafts.push(resource).await;
            }
            Ok(_) => {
                form.ready.try_set(true);
            }
            Err(ApiError::NotFound) => {
                form.missing.try_set(true);
            }
            _ => {}
        }
    });
}
