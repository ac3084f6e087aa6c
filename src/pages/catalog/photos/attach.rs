//! Where a finished photo goes: the product it was chosen for, found again
//! when its last byte arrives, which may be long after its page was left.
//! A new product may have been created meanwhile (the draft for a new
//! product it was chosen in is known by its generation,
//! [`DraftSync::became`]); its page may be open again (the open pages'
//! photo lists are registered here, so the photo joins the list the form
//! writes, not a draft the form would overwrite).

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::MAX_PHOTOS;
use crate::api::client::sleep_ms;
use crate::api::upload::{UploadHandle, UploadStatus};
use crate::app_wide::app_wide;
use crate::domain::draft_sync::PHOTOS;
use crate::draft_sync::{DraftSync, ProductSlot, Resource};

/// The product a photo was chosen for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChosenFor {
    /// The product as it was then (maybe the new one).
    pub resource: Resource,
    /// The draft for a new product in use then.
    pub generation: usize,
}

/// An open product page's photo list: a token, its product, the list.
type OpenList = (u64, Signal<Resource>, RwSignal<String>);

/// The photo lists of the product pages open now (app-wide: found where
/// a component runs, then handed to the tasks that outlive it).
#[derive(Clone, Copy)]
pub struct OpenLists(StoredValue<Vec<OpenList>, LocalStorage>);

fn open_lists() -> OpenLists {
    app_wide(use_context::<OpenLists>, || {
        let lists = OpenLists(StoredValue::new_local(Vec::new()));
        provide_context(lists);
        lists
    })
}

/// Registers an open page's photo list (`photos`, of `resource`) until the
/// page is left; returns the registry for [`attach_when_done`].
pub fn register_open_list(resource: Signal<Resource>, photos: RwSignal<String>) -> OpenLists {
    let registry = open_lists();
    let OpenLists(lists) = registry;
    let token = js_sys::Date::now().to_bits() ^ (js_sys::Math::random().to_bits());
    lists.update_value(|lists| lists.push((token, resource, photos)));
    on_cleanup(move || {
        lists.try_update_value(|lists| lists.retain(|(t, _, _)| *t != token));
    });
    registry
}

/// Waits for `handle` to end; a finished photo joins its product. Calls
/// `ended` when it is done or cancelled (a failure that no retry mends
/// stays shown with its reason).
pub fn attach_when_done(
    lists: OpenLists,
    drafts: DraftSync,
    handle: UploadHandle,
    chosen_for: ChosenFor,
    ended: impl FnOnce() + 'static,
) {
    spawn_local(async move {
        let upload_id = loop {
            match handle.status.try_get_untracked() {
                Some(UploadStatus::Done { upload_id }) => break Some(upload_id),
                Some(UploadStatus::Cancelled) | None => break None,
                Some(UploadStatus::Failed(failure))
                    if !crate::components::upload_progress::resumable(failure) =>
                {
                    return
                }
                _ => sleep_ms(300).await,
            }
        };
        ended();
        if let Some(upload_id) = upload_id {
            attach(drafts, lists, chosen_for, &upload_id).await;
        }
    });
}

/// `upload_id` added to a comma-separated list, unless there or full.
fn with_photo(list: &str, upload_id: &str) -> String {
    let mut ids: Vec<&str> = list.split(',').filter(|id| !id.is_empty()).collect();
    if !ids.contains(&upload_id) && ids.len() < MAX_PHOTOS {
        ids.push(upload_id);
    }
    ids.join(",")
}

async fn attach(
    drafts: DraftSync,
    OpenLists(lists): OpenLists,
    chosen_for: ChosenFor,
    upload_id: &str,
) {
    let target = match chosen_for.resource {
        Resource::Product(ProductSlot::New) => untrack(|| drafts.became(chosen_for.generation))
            .map_or(chosen_for.resource, |id| {
                Resource::Product(ProductSlot::Saved(id))
            }),
        resource => resource,
    };
    // The product's page is open: the photo joins the list its form writes.
    let open = lists.try_with_value(|lists| {
        lists
            .iter()
            .find(|(_, resource, photos)| {
                resource.try_get_untracked() == Some(target) && photos.try_get_untracked().is_some()
            })
            .map(|(_, _, photos)| *photos)
    });
    if let Some(photos) = open.flatten() {
        photos.update(|list| *list = with_photo(list, upload_id));
        return;
    }
    let mut values = drafts.load(target).values;
    let list = values.get(PHOTOS).cloned().unwrap_or_default();
    values.insert(PHOTOS.to_owned(), with_photo(&list, upload_id));
    drafts.edit(target, values);
    if target != Resource::Product(ProductSlot::New) {
        drafts.push(target).await;
    }
}
