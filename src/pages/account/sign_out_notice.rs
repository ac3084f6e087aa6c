//! Says where a sign-out stands: signed out on this device, and whether the
//! server has confirmed it yet (it is asked again until it has).

use leptos::prelude::*;

use crate::i18n::{tr, Key};
use crate::session::{use_session, SignOut};

/// The sign-out's status line on the signed-out home and sign-in pages;
/// empty when there is no sign-out to speak of.
#[component]
pub fn SignOutNotice() -> impl IntoView {
    let session = use_session();
    let message = move || match session.sign_out.get() {
        SignOut::None => None,
        SignOut::Pending => Some(Key::SignOutPending),
        SignOut::Confirmed => Some(Key::SignOutConfirmed),
    };
    view! {
        <p class="notice" role="status">
            {move || message().map(tr)}
        </p>
    }
}
