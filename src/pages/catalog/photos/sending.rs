//! A photo on its way: its preview beside the upload's progress (bytes and
//! percent, what is happening in words) and pause, resume and cancel.

use leptos::prelude::*;

use super::Sending;
use crate::components::upload_progress::UploadProgress;
use crate::i18n::Key;

/// One photo on its way: its preview, and its upload's progress.
#[component]
pub fn SendingPhoto(
    /// The photo.
    photo: Sending,
    /// The photos on their way (cancel takes it out).
    sending: RwSignal<Vec<Sending>>,
) -> impl IntoView {
    let number = photo.number;
    let on_cancel = move |_| sending.update(|list| list.retain(|s| s.number != number));
    view! {
        <li class="photo-list__item">
            <img class="product-thumb" src=photo.preview alt="" width="64" height="64" />
            <div class="photo-list__progress">
                <UploadProgress
                    handle=photo.handle
                    label_id=format!("sending-{number}")
                    not_accepted=Key::PhotoNotAPhoto
                    on_cancel=on_cancel
                />
            </div>
        </li>
    }
}
