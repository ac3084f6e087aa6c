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
use wallet::Wallet;

/// `/documents`: the wallet.
pub fn render_wallet() -> AnyView {
    // From the wallet a person most likely adds or opens a document.
    crate::lazy::prefetch(vec![crate::lazy::Area::Documents(DocumentsPage::New)]);
    view! { <Wallet /> }.into_any()
}

/// `/documents/new` and `/documents/<id>`: a document's form and its file
/// (a chunk of its own: the wallet does not carry the upload code).
pub fn render_document(page: DocumentsPage) -> AnyView {
    match page {
        DocumentsPage::Edit => view! { <EditDocument /> }.into_any(),
        _ => view! { <NewDocument /> }.into_any(),
    }
}
