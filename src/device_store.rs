//! What Rantai keeps on the device, all under one key prefix.
//!
//! Shared office computers are the norm for cooperative staff, so every key
//! the app writes starts with [`PREFIX`], so that logout can remove a
//! person's traces without touching other sites' data; what localStorage
//! cannot hold (files of uploads kept across a reload) is in the app's own
//! IndexedDB database ([`crate::idb`]), which goes with them. Storage
//! may be missing or full (private mode, quota): every call degrades to
//! "nothing stored" instead of failing.

use wasm_bindgen::JsValue;
use web_sys::Storage;

use crate::domain::draft_sync::parse_draft_name;
use crate::domain::retention::{keep_draft, Draft};

/// The start of every key Rantai writes to localStorage or sessionStorage.
pub const PREFIX: &str = "rantai.";

/// The language chosen on this device (cleared at logout with the rest).
pub const LANGUAGE_KEY: &str = "rantai.lang";

/// The account whose data this device holds: signing in as anyone else
/// clears that data first.
pub const OWNER_KEY: &str = "rantai.owner";

/// Who was signed in when the server last said (`Me` as JSON), for a start
/// with no connection (`session`); a copy of what the server has.
pub const ME_KEY: &str = "rantai.me";

/// Present while a sign-out on this device waits for the server to confirm
/// it (no personal data: the value is `1`). The app then starts by asking
/// the server again, before anything else, and shows nobody signed in.
pub const SIGN_OUT_PENDING_KEY: &str = "rantai.signout";

fn local() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value stored under `key`, if any.
pub fn get(key: &str) -> Option<String> {
    local()?.get_item(key).ok().flatten()
}

/// Store `value` under `key`; false when the device refused (full, private mode).
pub fn set(key: &str, value: &str) -> bool {
    local().is_some_and(|storage| storage.set_item(key, value).is_ok())
}

/// Every localStorage key that starts with `prefix`.
pub fn keys_starting_with(prefix: &str) -> Vec<String> {
    local()
        .map(|storage| keys_of(&storage, prefix))
        .unwrap_or_default()
}

fn keys_of(storage: &Storage, prefix: &str) -> Vec<String> {
    (0..storage.length().unwrap_or(0))
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect()
}

/// Remove `key`.
pub fn remove(key: &str) {
    if let Some(storage) = local() {
        let _ = storage.remove_item(key);
    }
}

/// Remove every key Rantai wrote, from local and session storage, and
/// delete the app's IndexedDB database (every kept upload, its file too;
/// the open connection is closed first so the delete is not blocked, and
/// it finishes in the background): what a person leaves on a shared
/// computer goes with them at sign-out, and before someone else signs in.
pub fn clear_all() {
    crate::idb::delete_database();
    let session = web_sys::window().and_then(|window| window.session_storage().ok().flatten());
    for storage in [local(), session].into_iter().flatten() {
        for key in keys_of(&storage, PREFIX) {
            let _ = storage.remove_item(&key);
        }
    }
}

/// What [`keep_draft`] needs to know of the draft stored as `text` (a
/// `draft_sync::Record` as JSON), read without its values.
fn draft_of(text: &str) -> Option<Draft> {
    let record = js_sys::JSON::parse(text).ok()?;
    let field = |name: &str| js_sys::Reflect::get(&record, &JsValue::from_str(name)).ok();
    let theirs = field("theirs").is_some_and(|theirs| !theirs.is_null() && !theirs.is_undefined());
    Some(Draft {
        edited_ms: field("edited_ms").and_then(|ms| ms.as_f64()).unwrap_or(0.0) as u64,
        unsent: theirs || field("dirty").and_then(|dirty| dirty.as_bool()) == Some(true),
    })
}

/// Removes the drafts this device no longer needs ([`keep_draft`]): at
/// start, unsent ones older than the limit; once the server has said the
/// session is over (`session_lives` false), also the copies of what the
/// server has, and then, with no draft left, whose data this device held.
pub fn forget_drafts(now_ms: f64, session_lives: bool) {
    let people = format!("{PREFIX}u");
    let mut left = false;
    for key in keys_starting_with(&people) {
        let name = key
            .split_once('.')
            .and_then(|(_, rest)| rest.split_once('.'));
        let draft = name
            .and_then(|(_, name)| parse_draft_name(name))
            .and_then(|_| get(&key))
            .and_then(|text| draft_of(&text));
        match draft {
            Some(draft) if !keep_draft(draft, now_ms as u64, session_lives) => remove(&key),
            _ => left = true,
        }
    }
    if !left && !session_lives {
        remove(OWNER_KEY);
    }
}
