//! The draft sync's sending half: what a push sends for each kind of
//! resource (a profile section, a product), and how the sync reads the
//! answer. It is code of its own (the `draft_send` split point in
//! [`crate::lazy`]), fetched after a page that edits drafts is shown: the
//! page draws and keeps what is typed on the device without it, and a push
//! made before it arrives stays queued ([`super::DraftSync::push`]).

use futures::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::{DraftSync, SyncState};
use crate::api::client::browser_online;
use crate::api::{idempotency, products, supplier};
use crate::api::{ApiError, FieldError};
use crate::domain::draft_sync::{self as decide, Answer, ProductSlot, Push, Resource, State};
use crate::domain::profile::Draft;
use crate::session::with_sign_in_again;

/// Sends `resource` if it holds unsent changes; where it then stands.
pub fn send(sync: DraftSync, resource: Resource) -> LocalBoxFuture<'static, SyncState> {
    Box::pin(push_now(sync, resource))
}

/// How a save goes: over a version (`If-Match`), or as a create under an
/// `Idempotency-Key`.
#[derive(Clone, Debug)]
enum Send {
    /// Replace the server's version `if_match`.
    Save {
        /// The version the values started from.
        if_match: String,
    },
    /// Create it; a repeat with `key` returns the first result.
    Create {
        /// The `Idempotency-Key`.
        key: String,
    },
}

/// The resource as the server has it after a save.
struct Stored {
    /// Its values, as the form shows them.
    values: Draft,
    /// Their `ETag`.
    etag: String,
    /// The id of a product the save created.
    created: Option<i64>,
}

/// Sends `values` of `resource`; the resource as the server then has it.
async fn save(resource: Resource, values: Draft, send: Send) -> Result<Stored, ApiError> {
    match (resource, send) {
        (Resource::Profile(section), Send::Save { if_match }) => {
            let saved = supplier::save_section(section, &values, &if_match).await?;
            Ok(Stored {
                values: saved.values,
                etag: saved.etag,
                created: None,
            })
        }
        (Resource::Product(slot), send) => {
            let saved = match (slot, send) {
                (_, Send::Create { key }) => products::create(&values, &key).await?,
                (ProductSlot::Saved(id), Send::Save { if_match }) => {
                    products::update(id, &values, &if_match).await?
                }
                (ProductSlot::New, Send::Save { .. }) => {
                    return Err(ApiError::Unexpected { status: 0 })
                }
            };
            Ok(Stored {
                values: saved.draft(),
                etag: saved.etag(),
                created: Some(saved.id),
            })
        }
        // A profile section is never created.
        (Resource::Profile(_), Send::Create { .. }) => Err(ApiError::Unexpected { status: 0 }),
    }
}

/// The server's values of `resource` in a 412's body.
fn stale(resource: Resource, body: &str) -> Option<Draft> {
    match resource {
        Resource::Profile(section) => supplier::draft_from_wire(section, body),
        Resource::Product(_) => products::draft_from_wire(body),
    }
}

/// How the sync reads the API's answer to a save of `resource`.
fn answer(resource: Resource, result: Result<Stored, ApiError>) -> Answer<Vec<FieldError>> {
    match result {
        Ok(saved) => Answer::Saved {
            values: saved.values,
            etag: saved.etag,
        },
        Err(ApiError::PreconditionFailed { current, etag }) => Answer::Stale {
            current: current
                .and_then(|body| stale(resource, &body))
                .unwrap_or_default(),
            etag: etag.unwrap_or_default(),
        },
        Err(ApiError::Validation(problem)) => Answer::Invalid(problem.errors),
        Err(ApiError::Conflict(_)) => Answer::Locked,
        Err(error) if error.is_transient() => Answer::TryLater,
        // Not sent, or sent again once the same person has signed in again.
        Err(ApiError::Offline | ApiError::Cancelled | ApiError::Unauthorized) => Answer::TryLater,
        // A success whose body could not be read: the save most likely went
        // through, and sending it again says so (a 412 with these values).
        Err(ApiError::Unexpected { status: 0 }) => Answer::TryLater,
        Err(_) => Answer::NotAccepted,
    }
}

async fn push_now(sync: DraftSync, resource: Resource) -> SyncState {
    let rules = resource.rules();
    let mut record = sync.load(resource);
    let (sent, send) = match decide::push_plan(&*rules, &record) {
        Push::Nothing => return sync.state_untracked(resource),
        Push::Conflict => {
            sync.set_state(resource, State::Conflict);
            return State::Conflict;
        }
        Push::Save { values, if_match } => (values, Send::Save { if_match }),
        Push::Create {
            values,
            key: Some(key),
        } => (values, Send::Create { key }),
        Push::Create { values, key: None } => {
            // The key is kept before the create leaves, so a retry after a
            // lost answer carries it.
            let key = idempotency::new_key();
            let before = record.clone();
            record.create = Some((key.clone(), values.clone()));
            if !sync.replace(resource, &before, &record) {
                // Sent without its key kept, a lost answer could make a
                // second product: it waits, kept as typed.
                sync.set_state(resource, State::Queued);
                return State::Queued;
            }
            (values, Send::Create { key })
        }
    };
    // A create sends what its key was first used for, maybe older than what
    // is typed now; what was typed since is an edit after it.
    let typed = match &send {
        Send::Create { .. } => sent.clone(),
        Send::Save { .. } => record.values.clone(),
    };
    sync.set_state(resource, State::Saving);
    let result =
        with_sign_in_again(sync.session, || save(resource, sent.clone(), send.clone())).await;
    let created = result.as_ref().ok().and_then(|stored| stored.created);
    let now = sync.load(resource);
    let answer = answer(resource, result);
    let (settled, state) = decide::settle(&*rules, now.clone(), &typed, &sent, answer);
    let resource = match (resource, created) {
        (Resource::Product(ProductSlot::New), Some(id)) => {
            move_created(sync, id, &settled);
            Resource::Product(ProductSlot::Saved(id))
        }
        _ => {
            sync.replace(resource, &now, &settled);
            resource
        }
    };
    sync.set_state(resource, state.clone());
    let by_itself = decide::sends_by_itself(resource, &settled);
    if state == State::Queued && browser_online() && by_itself {
        // The server was unreachable though the device is online: try again
        // shortly rather than waiting for an `online` event.
        sync.push_soon(resource);
    }
    state
}

/// A new product the server created as `id`: its draft becomes that
/// product's (and what was typed while the create was away is sent after
/// it), the slot for a new one is empty again, and
/// [`DraftSync::became`] says which product it became.
fn move_created(sync: DraftSync, id: i64, settled: &decide::Record) {
    let saved = Resource::Product(ProductSlot::Saved(id));
    if let Some(key) = sync.key(saved) {
        if super::write(&key, settled) {
            sync.forget(Resource::Product(ProductSlot::New));
        }
    }
    sync.set_state(Resource::Product(ProductSlot::New), State::Saved);
    sync.created.try_update(|created| created.push(id));
    if settled.dirty {
        spawn_local(async move {
            sync.push(saved).await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Problem;
    use crate::domain::profile::Section;

    const BANK: Resource = Resource::Profile(Section::Bank);

    fn read_as(error: ApiError) -> Answer<Vec<FieldError>> {
        answer(BANK, Err(error))
    }

    #[test]
    fn a_412_carries_the_server_s_values_as_the_form_shows_them() {
        let stale = ApiError::PreconditionFailed {
            current: Some(r#"{"bank_code":"014","account_number":"0123456789"}"#.into()),
            etag: Some("\"6\"".into()),
        };
        let expected: Draft = [("bank_code", "014"), ("account_number", "0123456789")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        assert_eq!(
            read_as(stale),
            Answer::Stale {
                current: expected,
                etag: "\"6\"".into()
            }
        );
    }

    #[test]
    fn only_failures_that_may_pass_later_are_queued() {
        let later = [
            ApiError::Offline,
            ApiError::Network,
            ApiError::Timeout,
            ApiError::Cancelled,
            ApiError::Unauthorized,
            ApiError::from_response(429, None, ""),
            ApiError::from_response(503, None, ""),
            ApiError::Unexpected { status: 0 },
        ];
        for error in later {
            assert_eq!(read_as(error.clone()), Answer::TryLater, "{error:?}");
        }
        for status in [403, 404, 428, 501] {
            let error = ApiError::from_response(status, None, "");
            assert_eq!(read_as(error), Answer::NotAccepted, "{status}");
        }
        assert_eq!(read_as(ApiError::Conflict(None)), Answer::Locked);
        assert_eq!(
            read_as(ApiError::Validation(Problem::default())),
            Answer::Invalid(Vec::new())
        );
    }
}
