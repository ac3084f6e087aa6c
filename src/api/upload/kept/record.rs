//! A kept upload's record and its file in IndexedDB ([`crate::idb`]): the
//! record (JSON text) in `uploads`, the file (a Blob, stored as it is) in
//! `files`, both under the person's key (`rantai.u7.document.new`). Every
//! change after the first write is made only to the record of the same
//! upload (its `token`), so an upload that was replaced or forgotten never
//! writes over, or brings back, what is kept now.

use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, IdbDatabase, IdbKeyRange, IdbObjectStore, IdbRequest, IdbTransactionMode};

use crate::api::json;
use crate::idb::{self, FILES, UPLOADS};

/// What is kept of one upload, besides its file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct Record {
    /// The key it is kept under, with the person's prefix.
    pub key: String,
    /// Tells this upload apart from another kept under the same key later.
    pub token: String,
    /// The tus upload's URL, once created.
    pub url: Option<String>,
    pub filename: String,
    pub filetype: String,
    pub length: u64,
    /// The last offset the server confirmed.
    pub sent: u64,
    /// The upload's id once every byte arrived.
    pub upload_id: Option<String>,
    /// What the area keeps with it (the document's kind, say).
    pub note: String,
    /// When it was started (ms since the epoch), to list the oldest first.
    pub kept_ms: f64,
}

/// A change to a kept record, made if it is still the same upload's.
pub(super) enum Change {
    /// Its URL and the offset the server confirmed.
    Progress { url: Option<String>, sent: u64 },
    /// Every byte arrived: the id is kept, the file goes.
    Done { upload_id: String },
    /// Cancelled: the record and the file go.
    Forget,
}

fn parse(value: &JsValue) -> Option<Record> {
    json::parse(&value.as_string()?)
}

/// Keeps `record` and `file` under the record's key, replacing what was
/// kept there; `Some` of the record it replaced once written, `None` when
/// the device keeps nothing (no IndexedDB, private mode, quota).
pub(super) async fn write(record: &Record, file: &Blob) -> Option<Option<Record>> {
    let db = idb::open().await?;
    let text = JsValue::from_str(&json::to_string(record)?);
    let key = JsValue::from_str(&record.key);
    let stores = [UPLOADS, FILES];
    let before = idb::transaction(&db, &stores, IdbTransactionMode::Readwrite, |tx| {
        let uploads = tx.store(UPLOADS)?;
        let before = uploads.get(&key)?;
        uploads.put_with_key(&text, &key)?;
        tx.store(FILES)?.put_with_key(file, &key)?;
        Ok(before)
    })
    .await?;
    Some(before.result().ok().as_ref().and_then(parse))
}

/// Makes `change` to the record under `key` if it is `token`'s, without
/// waiting; only on an open database (one deleted meanwhile, at sign-out,
/// is not created again for it).
pub(super) fn change(key: &str, token: &str, change: Change) {
    let Some(db) = idb::opened() else { return };
    let (key, token) = (JsValue::from_str(key), token.to_owned());
    let stores = [UPLOADS, FILES];
    let changed = idb::transaction(&db, &stores, IdbTransactionMode::Readwrite, |tx| {
        let (uploads, files) = (tx.store(UPLOADS)?, tx.store(FILES)?);
        tx.then(uploads.get(&key)?, move |value| {
            let Some(mut record) = parse(&value).filter(|record| record.token == token) else {
                return;
            };
            let _ = match change {
                Change::Progress { url, sent } => {
                    (record.url, record.sent) = (url, sent);
                    put(&uploads, &record, &key)
                }
                Change::Done { upload_id } => {
                    (record.upload_id, record.sent) = (Some(upload_id), record.length);
                    put(&uploads, &record, &key).and_then(|_| files.delete(&key))
                }
                Change::Forget => uploads.delete(&key).and_then(|_| files.delete(&key)),
            };
        });
        Ok(())
    });
    spawn_local(async move {
        changed.await;
    });
}

fn put(uploads: &IdbObjectStore, record: &Record, key: &JsValue) -> Result<IdbRequest, JsValue> {
    let text = json::to_string(record).ok_or(JsValue::NULL)?;
    uploads.put_with_key(&JsValue::from_str(&text), key)
}

/// Removes the record and the file under `key`, whoever's, without
/// waiting (begun now when the database is open, so a listing asked for
/// next no longer finds it).
pub(super) fn remove(key: &str) {
    let key = JsValue::from_str(key);
    let remove = move |db: &IdbDatabase| {
        let stores = [UPLOADS, FILES];
        idb::transaction(db, &stores, IdbTransactionMode::Readwrite, move |tx| {
            tx.store(UPLOADS)?.delete(&key)?;
            tx.store(FILES)?.delete(&key)
        })
    };
    match idb::opened() {
        Some(db) => {
            let removed = remove(&db);
            spawn_local(async move {
                removed.await;
            });
        }
        None => spawn_local(async move {
            if let Some(db) = idb::open().await {
                remove(&db).await;
            }
        }),
    }
}

/// The record kept under `key`, and its file while it is kept.
pub(super) async fn read(key: &str) -> Option<(Record, Option<Blob>)> {
    let db = idb::open().await?;
    let key = JsValue::from_str(key);
    let stores = [UPLOADS, FILES];
    let (record, file) = idb::transaction(&db, &stores, IdbTransactionMode::Readonly, |tx| {
        Ok((tx.store(UPLOADS)?.get(&key)?, tx.store(FILES)?.get(&key)?))
    })
    .await?;
    let record = parse(&record.result().ok()?)?;
    let file = file.result().ok().and_then(|file| file.dyn_into().ok());
    Some((record, file))
}

/// Every record whose key starts with `prefix`, oldest first.
pub(super) async fn list(prefix: &str) -> Vec<Record> {
    let Some(db) = idb::open().await else {
        return Vec::new();
    };
    let range = IdbKeyRange::bound(
        &JsValue::from_str(prefix),
        &JsValue::from_str(&format!("{prefix}\u{ffff}")),
    );
    let Ok(range) = range else { return Vec::new() };
    let all = idb::transaction(&db, &[UPLOADS], IdbTransactionMode::Readonly, |tx| {
        tx.store(UPLOADS)?.get_all_with_key(&range)
    })
    .await;
    let values = all.and_then(|all| all.result().ok());
    let mut records: Vec<Record> = values
        .map(|values| {
            js_sys::Array::from(&values)
                .iter()
                .filter_map(|v| parse(&v))
                .collect()
        })
        .unwrap_or_default();
    records.sort_by(|a, b| a.kept_ms.total_cmp(&b.kept_ms));
    records
}
