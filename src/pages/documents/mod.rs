//! `/documents/*`: the supplier's papers and certificates. The wallet
//! (grouped as the reviewer needs them, with expiry warnings and the
//! reviewer's reasons), and a document's form with its file, which is sent
//! with the one upload client and kept on the device until it has arrived.
//!
//! The rest of the app reaches this area only through its `render_*`
//! entries, two lazily loaded chunks (the wallet, a document's form).

mod document_page;
mod file;
mod form;
mod keep;
mod messages;
mod notice;
mod wallet;

use leptos::prelude::*;

use crate::routes::DocumentsPage;
use document_page::{EditDocument, NewDocument};
pub use form::DocumentForm;
use wallet::Wallet;

/// `/documents`: the wallet.
pub fn render_wallet() -> AnyView {
    // From the wallet a person most likely adds or opens a document.
    crate::lazy::prefetch(vec![crate::lazy::Area::Documents(DocumentsPage::New)]);
    view! { <Wallet /> }.into_any()
}

/// A document's file (`lazy::document_file`: a chunk of its own, with the
/// file's checks, the photos prepared on the device and the kept upload,
/// drawn after the form's fields). An upload this device kept goes on;
/// `on_end` hears when one ends (`true`: the file arrived).
pub fn render_file(form: DocumentForm, on_end: Callback<bool>) -> AnyView {
    file::resume_kept_upload(form);
    file::follow_upload(form, move |arrived| on_end.run(arrived));
    view! { <file::FileField form=form /> }.into_any()
}

/// Forgets the upload kept under `person_key` (its document is saved).
pub fn forget_kept_upload(person_key: &str) {
    keep::forget_as(person_key);
}

/// `/documents/new` and `/documents/<id>`: a document's form (a chunk of
/// its own: the wallet does not carry it); its file comes after.
pub fn render_document(page: DocumentsPage) -> AnyView {
    match page {
        DocumentsPage::Edit => view! { <EditDocument /> }.into_any(),
        _ => view! { <NewDocument /> }.into_any(),
    }
}
