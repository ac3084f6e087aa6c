//! A photo on its way: its preview, a progress bar with the bytes and the
//! percent, what is happening in words, and pause, resume and cancel.

use leptos::prelude::*;

use super::attach::resumable;
use super::Sending;
use crate::api::upload::{Failure, UploadStatus};
use crate::i18n::{tr, I18n, Key, Message};

/// One photo on its way: its preview, progress in bytes and percent, and
/// what the person can do.
#[component]
pub fn SendingPhoto(
    /// The photo.
    photo: Sending,
    /// The language.
    i18n: I18n,
    /// The photos on their way (cancel takes it out).
    sending: RwSignal<Vec<Sending>>,
) -> impl IntoView {
    let handle = photo.handle;
    let number = photo.number;
    let cancel = move |_| {
        handle.cancel();
        sending.update(|list| list.retain(|s| s.number != number));
    };
    let progress = move || handle.progress.get();
    let said = move || {
        let lang = i18n.lang.get();
        match handle.status.get() {
            UploadStatus::Uploading | UploadStatus::Done { .. } => {
                let p = progress();
                Message::with(Key::UploadProgress, "sent", kilobytes(p.sent))
                    .and("total", kilobytes(p.total))
                    .and("percent", p.percent())
                    .render(lang)
            }
            UploadStatus::Queued => i18n.t(Key::UploadQueued).to_owned(),
            UploadStatus::Paused => i18n.t(Key::UploadPaused).to_owned(),
            UploadStatus::WaitingForConnection => i18n.t(Key::UploadWaiting).to_owned(),
            UploadStatus::WaitingForSignIn => i18n.t(Key::UploadSignIn).to_owned(),
            UploadStatus::Failed(failure) => i18n.t(failure_key(failure)).to_owned(),
            UploadStatus::Cancelled => i18n.t(Key::UploadCancelled).to_owned(),
        }
    };
    let paused = move || match handle.status.get() {
        UploadStatus::Paused => true,
        UploadStatus::Failed(failure) => resumable(failure),
        _ => false,
    };
    // The id of the line that says how it goes (`Copy`, for every closure).
    let label_id = move || format!("sending-{number}");
    view! {
        <li class="photo-list__item">
            <img class="product-thumb" src=photo.preview alt="" width="64" height="64" />
            <div class="photo-list__progress">
                <progress
                    max="100"
                    value=move || progress().percent()
                    aria-labelledby=label_id()
                ></progress>
                <p id=label_id()>{said}</p>
                // Said aloud when it stops or goes on, not at every chunk.
                <p class="visually-hidden" aria-live="polite">
                    {move || {
                        (!matches!(handle.status.get(), UploadStatus::Uploading)).then(said)
                    }}
                </p>
                <div class="button-row">
                    <Show
                        when=paused
                        fallback=move || {
                            view! {
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    on:click=move |_| handle.pause()
                                    aria-describedby=label_id()
                                >
                                    {tr(Key::PauseUpload)}
                                </button>
                            }
                        }
                    >
                        <button
                            type="button"
                            class="button button--secondary button--small"
                            on:click=move |_| handle.resume()
                            aria-describedby=label_id()
                        >
                            {tr(Key::ResumeUpload)}
                        </button>
                    </Show>
                    <button
                        type="button"
                        class="button button--secondary button--small"
                        on:click=cancel
                        aria-describedby=label_id()
                    >
                        {tr(Key::CancelUpload)}
                    </button>
                </div>
            </div>
        </li>
    }
}

/// `1234567` bytes as `1.206 KB`.
fn kilobytes(bytes: u64) -> String {
    crate::domain::money::group_thousands(bytes.div_ceil(1024))
}

/// What to say about an upload that stopped.
fn failure_key(failure: Failure) -> Key {
    match failure {
        Failure::TooLarge => Key::UploadTooLarge,
        Failure::NotAccepted => Key::PhotoNotAPhoto,
        Failure::SignedOut => Key::UploadSignIn,
        Failure::Forbidden => Key::ErrorForbidden,
        Failure::Refused(_) => Key::UploadRefused,
        Failure::Unreachable => Key::UploadUnreachable,
        Failure::Gone => Key::UploadGone,
    }
}
