//! What Rantai keeps on the device, all under one key prefix.
//!
//! Shared office computers are the norm for cooperative staff, so every key
//! the app writes starts with [`PREFIX`], so that logout can remove a
//! person's traces without touching other sites' data. Storage
//! may be missing or full (private mode, quota): every call degrades to
//! "nothing stored" instead of failing.

use web_sys::Storage;

/// The start of every key Rantai writes to localStorage or sessionStorage.
pub const PREFIX: &str = "rantai.";

/// The language chosen on this device (cleared at logout with the rest).
pub const LANGUAGE_KEY: &str = "rantai.lang";

/// The account whose data this device holds: signing in as anyone else
/// clears that data first.
pub const OWNER_KEY: &str = "rantai.owner";

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

/// Remove every key Rantai wrote, from local and session storage: what a
/// person leaves on a shared computer goes with them at logout.
pub fn clear_all() {
    let session = web_sys::window().and_then(|window| window.session_storage().ok().flatten());
    for storage in [local(), session].into_iter().flatten() {
        for key in keys_of(&storage, PREFIX) {
            let _ = storage.remove_item(&key);
        }
    }
}
