//! Sending an import's good rows: in batches, each under a key made from
//! its rows (the same rows sent again after a lost answer return the
//! server's first result), skipping rows an earlier import on this device
//! created already (a file fixed and chosen again sends only what is new),
//! with a progress bar, ending with the summary.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::import::{Stage, Summary};
use super::messages::server_problems;
use crate::api::{json, products};
use crate::device_store;
use crate::domain::product_import::{batch_key, Preview, BATCH_SIZE};
use crate::i18n::{Key, Message};
use crate::session::{with_sign_in_again, Session};

/// How many created rows this device remembers per supplier.
const REMEMBERED: usize = 5_000;

/// The device key of the rows created by imports for the signed-in
/// person's supplier (wiped at sign-out with the rest of their keys).
fn imported_key(session: Session) -> Option<String> {
    let supplier = session
        .me
        .with_untracked(|me| me.as_ref().and_then(|me| me.supplier_id))?;
    session.draft_key(&format!("s{supplier}.imported"))
}

/// Sends the preview's good rows and ends with the summary.
pub async fn send_good_rows(preview: Preview, stage: RwSignal<Stage>, session: Session) {
    let store = imported_key(session);
    let mut imported: Vec<String> = store
        .as_deref()
        .and_then(device_store::get)
        .and_then(|text| json::parse(&text))
        .unwrap_or_default();
    let mut summary = Summary {
        skipped: preview.rows.len() - preview.products().count(),
        ..Summary::default()
    };
    // Each good row as sent, with the key of its content.
    let mut rows = Vec::new();
    for (row, product) in preview.products() {
        let body = products::to_wire(&product.to_draft());
        let key = batch_key(&body);
        if imported.contains(&key) {
            summary.already += 1;
        } else {
            rows.push((row, body, key));
        }
    }
    let batches: Vec<_> = rows.chunks(BATCH_SIZE).collect();
    for (index, batch) in batches.iter().enumerate() {
        stage.try_set(Stage::Sending {
            done: index,
            of: batches.len(),
        });
        let items: Vec<String> = batch.iter().map(|(_, body, _)| body.clone()).collect();
        let results = match with_sign_in_again(session, || products::import(&items)).await {
            Ok(results) => results,
            Err(error) => {
                summary.unsent = batches[index..].iter().map(|b| b.len()).sum();
                summary.error = Some(error.message_key());
                break;
            }
        };
        for result in results {
            let Some((file_row, _, key)) = batch.get(result.row) else {
                continue;
            };
            if result.status == "created" {
                summary.created += 1;
                imported.push(key.clone());
            } else {
                let message = server_problems(&result.errors)
                    .into_iter()
                    .next()
                    .map_or(Message::new(Key::ErrorValidation), |p| p.message);
                summary.refused.push((*file_row, message));
            }
        }
        let from = imported.len().saturating_sub(REMEMBERED);
        if let (Some(store), Some(text)) = (&store, json::to_string(&imported[from..])) {
            device_store::set(store, &text);
        }
    }
    stage.try_set(Stage::Done(summary));
    request_animation_frame(|| {
        if let Some(heading) = document().get_element_by_id("import-summary") {
            let _ = heading.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}
