//! A file on its way: a progress bar with the bytes and the percent, what
//! is happening in words (said aloud when it stops or goes on, not at every
//! chunk), and pause, resume and cancel. Product photos and documents show
//! their uploads with it.

use leptos::prelude::*;

use crate::api::upload::{Failure, UploadHandle, UploadStatus};
use crate::i18n::{tr, use_i18n, Key, Message};

/// True when the person can send it on after it stopped.
pub fn resumable(failure: Failure) -> bool {
    matches!(failure, Failure::Unreachable | Failure::SignedOut)
}

/// `1234567` bytes as `1.206` (kilobytes, grouped the Indonesian way).
pub fn kilobytes(bytes: u64) -> String {
    crate::domain::money::group_thousands(bytes.div_ceil(1024))
}

/// What to say about an upload that stopped; `not_accepted` when the
/// server found the file is not of a kind it takes.
pub fn failure_key(failure: Failure, not_accepted: Key) -> Key {
    match failure {
        Failure::TooLarge => Key::UploadTooLarge,
        Failure::NotAccepted => not_accepted,
        Failure::SignedOut => Key::UploadSignIn,
        Failure::Forbidden => Key::ErrorForbidden,
        Failure::Refused(_) => Key::UploadRefused,
        Failure::Unreachable => Key::UploadUnreachable,
        Failure::Gone => Key::UploadGone,
    }
}

/// The progress of `handle`, and its buttons.
#[component]
pub fn UploadProgress(
    /// The upload.
    handle: UploadHandle,
    /// The id of the line saying how it goes (the buttons and the bar
    /// point at it).
    label_id: String,
    /// What to say when the server refuses the file's kind.
    not_accepted: Key,
    /// Runs after Cancel (the upload is cancelled already).
    #[prop(into)]
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
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
            UploadStatus::Failed(failure) => i18n.t(failure_key(failure, not_accepted)).to_owned(),
            UploadStatus::Cancelled => i18n.t(Key::UploadCancelled).to_owned(),
        }
    };
    let paused = move || match handle.status.get() {
        UploadStatus::Paused => true,
        UploadStatus::Failed(failure) => resumable(failure),
        _ => false,
    };
    let ended = move || {
        matches!(
            handle.status.get(),
            UploadStatus::Done { .. } | UploadStatus::Cancelled
        )
    };
    let cancel = move |_| {
        handle.cancel();
        on_cancel.run(());
    };
    let label = StoredValue::new(label_id);
    let label = move || label.get_value();
    view! {
        <div class="upload-progress">
            <progress
                max="100"
                value=move || progress().percent()
                aria-labelledby=label()
            ></progress>
            <p id=label()>{said}</p>
            <p class="visually-hidden" aria-live="polite">
                {move || (!matches!(handle.status.get(), UploadStatus::Uploading)).then(said)}
            </p>
            <Show when=move || !ended()>
                <div class="button-row">
                    <Show
                        when=paused
                        fallback=move || {
                            view! {
                                <button
                                    type="button"
                                    class="button button--secondary button--small"
                                    on:click=move |_| handle.pause()
                                    aria-describedby=label()
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
                            aria-describedby=label()
                        >
                            {tr(Key::ResumeUpload)}
                        </button>
                    </Show>
                    <button
                        type="button"
                        class="button button--secondary button--small"
                        on:click=cancel
                        aria-describedby=label()
                    >
                        {tr(Key::CancelUpload)}
                    </button>
                </div>
            </Show>
        </div>
    }
}
