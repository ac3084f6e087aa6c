//! A product's photos: up to five, the first the main one. A photo taken
//! with the camera or chosen from the gallery is made ready on the device
//! (upright, at most 1600 px, at most 400 kB; [`crate::photo`]) and sent
//! through the one tus upload client, with its progress, pause, resume and
//! cancel. It joins the product when its last byte has arrived, also when
//! the page was left or the product saved meanwhile (the upload lives as
//! long as the app); a product is saved without waiting for its photos.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::form::ProductForm;
use crate::api::client::sleep_ms;
use crate::api::products::{photo_ids, thumbnail_url};
use crate::api::upload::{self, Failure, Lifetime, UploadHandle, UploadStatus};
use crate::domain::draft_sync::PHOTOS;
use crate::domain::product::Draft;
use crate::draft_sync::{DraftSync, ProductSlot, Resource};
use crate::i18n::{tr, use_i18n, I18n, Key, Message};
use crate::photo::{self, PhotoError};

/// The most photos a product has.
pub const MAX_PHOTOS: usize = 5;

/// A photo on its way.
#[derive(Clone)]
struct Sending {
    /// Tells it apart in the list.
    number: u32,
    /// The prepared photo, shown while it is sent.
    preview: String,
    /// The upload.
    handle: UploadHandle,
}

/// The photos of the product in `form`.
#[component]
pub fn Photos(
    /// The product's form.
    form: ProductForm,
) -> impl IntoView {
    let i18n = use_i18n();
    let photos = form.value(PHOTOS);
    let ids = Signal::derive(move || photo_ids(&Draft::from([(PHOTOS.to_owned(), photos.get())])));
    let sending: RwSignal<Vec<Sending>> = RwSignal::new(Vec::new());
    let refused: RwSignal<Option<Message>> = RwSignal::new(None);
    let preparing = RwSignal::new(false);
    let next = StoredValue::new(0u32);
    let room = move || ids.with(Vec::len) + sending.with(Vec::len) < MAX_PHOTOS;
    let on_chosen = move |event: leptos::ev::Event| {
        let input = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(input) = input else { return };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // The same file may be chosen again after a refusal.
        input.set_value("");
        refused.set(None);
        preparing.set(true);
        spawn_local(async move {
            let ready = photo::prepare(&file).await;
            preparing.try_set(false);
            match ready {
                Err(error) => {
                    refused.try_set(Some(photo_problem(error)));
                }
                Ok(ready) => {
                    let number = next.get_value() + 1;
                    next.set_value(number);
                    let name = format!("foto-{number}.{}", ready.kind.extension());
                    let preview = photo::preview_url(&ready.blob).unwrap_or_default();
                    let handle = upload::start(ready.blob, &name, ready.kind.mime(), Lifetime::App);
                    sending.update(|list| {
                        list.push(Sending {
                            number,
                            preview: preview.clone(),
                            handle,
                        })
                    });
                    attach_when_done(form, handle, preview, sending, number);
                }
            }
        });
    };
    let make_main = move |id: String| {
        let mut list = ids.get_untracked();
        list.retain(|other| *other != id);
        list.insert(0, id);
        photos.set(list.join(","));
    };
    let remove = move |id: String| {
        let mut list = ids.get_untracked();
        list.retain(|other| *other != id);
        photos.set(list.join(","));
    };
    view! {
        <fieldset class="field fieldset" aria-describedby="product-photos-hint">
            <legend class="field__label">{tr(Key::ProductPhotos)}</legend>
            <p class="field__hint" id="product-photos-hint">
                {tr(Key::PhotosHint)}
            </p>
            <ul class="photo-list">
                {move || {
                    ids.get()
                        .into_iter()
                        .enumerate()
                        .map(|(index, id)| {
                            let (main_id, remove_id) = (id.clone(), id.clone());
                            let alt = move || {
                                Message::with(Key::PhotoNumber, "n", index + 1)
                                    .render(i18n.lang.get())
                            };
                            view! {
                                <li class="photo-list__item">
                                    <img
                                        class="product-thumb"
                                        src=thumbnail_url(&id)
                                        alt=alt
                                        width="64"
                                        height="64"
                                    />
                                    <div class="button-row">
                                        {if index == 0 {
                                            view! {
                                                <strong class="tag tag--green">{tr(Key::MainPhoto)}</strong>
                                            }
                                                .into_any()
                                        } else {
                                            view! {
                                                <button
                                                    type="button"
                                                    class="button button--secondary button--small"
                                                    on:click=move |_| make_main(main_id.clone())
                                                >
                                                    {tr(Key::MakeMainPhoto)}
                                                </button>
                                            }
                                                .into_any()
                                        }}
                                        <button
                                            type="button"
                                            class="button button--secondary button--small"
                                            on:click=move |_| remove(remove_id.clone())
                                        >
                                            {tr(Key::RemovePhoto)}
                                        </button>
                                    </div>
                                </li>
                            }
                        })
                        .collect_view()
                }} <For each=move || sending.get() key=|s| s.number let:photo>
                    <SendingPhoto photo=photo i18n=i18n sending=sending />
                </For>
            </ul>
            <p role="status" class="save-status">
                {move || preparing.get().then(|| i18n.t(Key::PreparingPhoto))}
            </p>
            {move || {
                refused
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field__error" role="alert">
                                {move || message.render(i18n.lang.get())}
                            </p>
                        }
                    })
            }}
            <Show when=room fallback=move || view! { <p>{tr(Key::PhotosFull)}</p> }>
                <div class="photo-pick">
                    <input
                        class="photo-pick__input"
                        id="photo-camera"
                        type="file"
                        accept="image/*"
                        capture="environment"
                        on:change=on_chosen
                    />
                    <label class="button button--secondary" for="photo-camera">
                        {tr(Key::TakePhoto)}
                    </label>
                    <input
                        class="photo-pick__input"
                        id="photo-gallery"
                        type="file"
                        accept="image/jpeg,image/png,image/webp,image/*"
                        on:change=on_chosen
                    />
                    <label class="button button--secondary" for="photo-gallery">
                        {tr(Key::ChoosePhoto)}
                    </label>
                </div>
            </Show>
        </fieldset>
    }
}

/// One photo on its way: its preview, progress in bytes and percent, and
/// what the person can do.
#[component]
fn SendingPhoto(
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
    let label_id = format!("sending-{}", photo.number);
    view! {
        <li class="photo-list__item">
            <img class="product-thumb" src=photo.preview alt="" width="64" height="64" />
            <div class="photo-list__progress">
                <progress
                    max="100"
                    value=move || progress().percent()
                    aria-labelledby=label_id.clone()
                ></progress>
                <p id=label_id.clone() aria-live="polite">
                    {said}
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
                        >
                            {tr(Key::ResumeUpload)}
                        </button>
                    </Show>
                    <button
                        type="button"
                        class="button button--secondary button--small"
                        on:click=cancel
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

/// Waits for `handle` to end; a finished photo joins the product (the
/// form's list while the page is open, else the product's draft on the
/// device, sent if the product exists), and leaves the list of those on
/// their way; a cancelled one just leaves it.
fn attach_when_done(
    form: ProductForm,
    handle: UploadHandle,
    preview: String,
    sending: RwSignal<Vec<Sending>>,
    number: u32,
) {
    let drafts = form.drafts;
    let photos = form.value(PHOTOS);
    let started_as = form.resource.get_untracked();
    spawn_local(async move {
        let upload_id = loop {
            match handle.status.try_get_untracked() {
                Some(UploadStatus::Done { upload_id }) => break Some(upload_id),
                Some(UploadStatus::Cancelled) | None => break None,
                // Ended for good: it stays in the list with its reason
                // until the person removes it.
                Some(UploadStatus::Failed(failure)) if !resumable(failure) => return,
                _ => sleep_ms(300).await,
            }
        };
        sending.try_update(|list| list.retain(|s| s.number != number));
        photo::revoke_preview(&preview);
        let Some(upload_id) = upload_id else { return };
        let add = |list: &str| {
            let mut ids: Vec<&str> = list.split(',').filter(|id| !id.is_empty()).collect();
            if !ids.contains(&upload_id.as_str()) && ids.len() < MAX_PHOTOS {
                ids.push(&upload_id);
            }
            ids.join(",")
        };
        // The page is open: its form holds the list (and writes it).
        if let Some(list) = photos.try_get_untracked() {
            photos.set(add(&list));
            return;
        }
        attach_to_draft(drafts, started_as, add).await;
    });
}

/// Adds a photo to the product's draft on the device after its page was
/// left: the product it became if it was new and has been created since.
async fn attach_to_draft(drafts: DraftSync, started_as: Resource, add: impl Fn(&str) -> String) {
    let resource = match (started_as, drafts.created()) {
        (Resource::Product(ProductSlot::New), Some(id)) => {
            Resource::Product(ProductSlot::Saved(id))
        }
        (resource, _) => resource,
    };
    let mut values = drafts.load(resource).values;
    let list = values.get(PHOTOS).cloned().unwrap_or_default();
    values.insert(PHOTOS.to_owned(), add(&list));
    drafts.edit(resource, values);
    if resource != Resource::Product(ProductSlot::New) {
        drafts.push(resource).await;
    }
}

/// What to say about a photo that cannot be used.
fn photo_problem(error: PhotoError) -> Message {
    match error {
        PhotoError::NotAPhoto => Key::PhotoNotAPhoto.into(),
        PhotoError::Heic => Key::PhotoHeic.into(),
        PhotoError::Unreadable => Key::PhotoUnreadable.into(),
        PhotoError::Damaged => Key::PhotoDamaged.into(),
        PhotoError::TooSmall { width, height } => {
            Message::with(Key::PhotoTooSmall, "width", width).and("height", height)
        }
        PhotoError::TooDetailed => Key::PhotoTooDetailed.into(),
        PhotoError::Unsupported => Key::PhotoUnsupported.into(),
    }
}

/// True when an upload that stopped this way can go on.
fn resumable(failure: Failure) -> bool {
    matches!(failure, Failure::Unreachable | Failure::SignedOut)
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
    }
}
