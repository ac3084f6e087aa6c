//! How the draft sync saves a product: a new one is created under its
//! `Idempotency-Key`, an existing one replaced with `If-Match`. The catalog
//! tells the draft sync when it opens (and the app, when this device holds
//! product drafts), so none of this is in any other area's code.

use std::rc::Rc;

use futures::future::LocalBoxFuture;
use leptos::prelude::*;

use crate::api::{products, ApiError};
use crate::app_wide::app_wide;
use crate::domain::draft_sync::ProductRules;
use crate::domain::product::Draft;
use crate::draft_sync::{
    provide_draft_sync, DraftSync, Kind, ProductSlot, Resource, Rules, Send, Stored,
};

/// The draft sync, knowing products (provided on the app's owner the first
/// time).
pub fn product_drafts() -> DraftSync {
    #[derive(Clone, Copy)]
    struct KnowsProducts(DraftSync);
    app_wide(
        || use_context::<KnowsProducts>().map(|known| known.0),
        || {
            let drafts = use_context::<DraftSync>().unwrap_or_else(provide_draft_sync);
            drafts.know(Rc::new(ProductKind));
            provide_context(KnowsProducts(drafts));
            drafts
        },
    )
}

/// How the draft sync saves a product.
struct ProductKind;

impl Kind for ProductKind {
    fn has(&self, resource: Resource) -> bool {
        matches!(resource, Resource::Product(_))
    }

    fn rules(&self, resource: Resource) -> Box<dyn Rules> {
        // Asked only for what it `has`.
        let slot = match resource {
            Resource::Product(slot) => slot,
            Resource::Profile(_) => ProductSlot::New,
        };
        Box::new(ProductRules(slot))
    }

    fn save(
        &self,
        resource: Resource,
        values: Draft,
        send: Send,
    ) -> LocalBoxFuture<'static, Result<Stored, ApiError>> {
        Box::pin(async move {
            let saved = match (resource, send) {
                (_, Send::Create { key }) => products::create(&values, &key).await?,
                (Resource::Product(ProductSlot::Saved(id)), Send::Save { if_match }) => {
                    products::update(id, &values, &if_match).await?
                }
                _ => return Err(ApiError::Unexpected { status: 0 }),
            };
            Ok(Stored {
                values: saved.draft(),
                etag: saved.etag(),
                created: Some(saved.id),
            })
        })
    }

    fn stale(&self, _resource: Resource, body: &str) -> Option<Draft> {
        products::draft_from_wire(body)
    }
}
