//! `/documents/*`: the supplier's papers and certificates. The wallet
//! (grouped as the reviewer needs them, with expiry warnings and the
//! reviewer's reasons), and a document's form with its file, which is sent
//! with the one upload client and kept on the device until it has arrived.
//!
//! The rest of the app reaches this area only through its `render_*`
//! entries, one lazily loaded chunk.

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

/// `/documents`, `/documents/new` and `/documents/<id>`.
pub fn render(page: DocumentsPage) -> AnyView {
    match page {
        DocumentsPage::Wallet => view! { <Wallet /> }.into_any(),
        DocumentsPage::New => view! { <NewDocument /> }.into_any(),
        DocumentsPage::Edit => view! { <EditDocument /> }.into_any(),
    }
}
