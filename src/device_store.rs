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

/// The device's language choice: not a person's data, so it survives logout.
pub const LANGUAGE_KEY: &str = "rantai.lang";

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
