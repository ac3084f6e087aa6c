//! A document's file is kept on the device while it uploads (the upload
//! client's kept uploads, in IndexedDB): a reload or a killed tab goes on
//! from where the server says it stopped. Named per supplier, so staff
//! acting for two members never mix their files. Each call needs the
//! session's context: after an `.await`, run it under the page's owner.

use crate::api::upload::{self, Lifetime, UploadHandle};
pub use crate::api::upload::{kept_uploads, KeptUpload};

/// The name a document's upload is kept under: `s12.document.new` or
/// `s12.document.7` (supplier 12).
pub fn kept_name(supplier: i64, slot: &str) -> String {
    format!("s{supplier}.document.{slot}")
}

/// Starts sending `file`, kept under `name`; `note` is the kind's code.
pub fn start(
    file: web_sys::Blob,
    filename: &str,
    filetype: &str,
    name: &str,
    note: &str,
) -> UploadHandle {
    upload::start_kept(file, filename, filetype, Lifetime::App, name, note)
}

/// Goes on with the upload kept under `name`.
pub fn resume(name: &str) -> UploadHandle {
    upload::resume_kept(name, Lifetime::App)
}

/// Forgets the upload kept under `name` (stopped for good).
pub fn forget(name: &str) {
    upload::forget_kept(name);
}

/// Forgets the upload kept under `person_key` (its document is saved).
pub fn forget_as(person_key: &str) {
    upload::forget_kept_as(person_key);
}
