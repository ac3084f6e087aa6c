//! A product's photos: up to five, the first the main one. A photo taken
//! with the camera or chosen from the gallery is made ready on the device
//! (upright, at most 1600 px, at most 400 kB; [`crate::photo`]) and sent
//! through the one tus upload client, with its progress, pause, resume and
//! cancel. It joins the product when its last byte has arrived, also when
//! the page was left or the product saved meanwhile (the upload lives as
//! long as the app); a product is saved without waiting for its photos.

mod attach;
mod sending;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::form::ProductForm;
use crate::api::products::{photo_ids, thumbnail_url};
use crate::api::upload::{self, Lifetime, UploadHandle};
use crate::domain::draft_sync::PHOTOS;
use crate::domain::product::Draft;
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::photo::{self, PhotoError, Purpose};
use attach::{attach_when_done, register_open_list, ChosenFor};
use sending::SendingPhoto;

/// The most photos a product has.
pub const MAX_PHOTOS: usize = 5;

/// A photo on its way.
#[derive(Clone)]
pub struct Sending {
    /// Tells it apart in the list.
    pub number: u32,
    /// The prepared photo, shown while it is sent.
    pub preview: String,
    /// The upload.
    pub handle: UploadHandle,
}

/// The photos of the product in `form`.
#[component]
pub fn Photos(
    /// The product's form.
    form: ProductForm,
) -> impl IntoView {
    let i18n = use_i18n();
    let photos = form.value(PHOTOS);
    let open_lists = register_open_list(form.resource, photos);
    let ids = Signal::derive(move || photo_ids(&Draft::from([(PHOTOS.to_owned(), photos.get())])));
    let sending: RwSignal<Vec<Sending>> = RwSignal::new(Vec::new());
    let refused: RwSignal<Option<Message>> = RwSignal::new(None);
    let preparing = RwSignal::new(false);
    let next = StoredValue::new(0u32);
    let room = move || ids.with(Vec::len) + sending.with(Vec::len) < MAX_PHOTOS;
    let drafts = form.drafts;
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
        let chosen_for = ChosenFor {
            resource: form.resource.get_untracked(),
            generation: drafts.new_product_generation(),
        };
        spawn_local(async move {
            let ready = photo::prepare(&file, Purpose::Product).await;
            // Left while the photo was prepared (seconds on a cheap phone):
            // nothing of the page is there any more, and nothing is sent.
            let Some(number) = next.try_get_value().map(|n| n + 1) else {
                return;
            };
            next.set_value(number);
            preparing.set(false);
            let ready = match ready {
                Ok(ready) => ready,
                Err(error) => {
                    refused.set(Some(photo_problem(error)));
                    return;
                }
            };
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
            let ended = move || {
                sending.try_update(|list| list.retain(|s| s.number != number));
                photo::revoke_preview(&preview);
            };
            attach_when_done(open_lists, drafts, handle, chosen_for, ended);
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
                                                    {move || {
                                                        Message::with(Key::MakeMainPhoto, "n", index + 1)
                                                            .render(i18n.lang.get())
                                                    }}
                                                </button>
                                            }
                                                .into_any()
                                        }}
                                        <button
                                            type="button"
                                            class="button button--secondary button--small"
                                            on:click=move |_| remove(remove_id.clone())
                                        >
                                            {move || {
                                                Message::with(Key::RemovePhoto, "n", index + 1)
                                                    .render(i18n.lang.get())
                                            }}
                                        </button>
                                    </div>
                                </li>
                            }
                        })
                        .collect_view()
                }} <For each=move || sending.get() key=|s| s.number let:photo>
                    <SendingPhoto photo=photo sending=sending />
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

/// What to say about a photo that cannot be used.
fn photo_problem(error: PhotoError) -> Message {
    match error {
        PhotoError::NotAPhoto => Key::PhotoNotAPhoto.into(),
        PhotoError::Heic => Key::PhotoHeic.into(),
        PhotoError::Unreadable => Key::PhotoUnreadable.into(),
        PhotoError::Damaged => Key::PhotoDamaged.into(),
        PhotoError::TooSmall { width, height, .. } => {
            Message::with(Key::PhotoTooSmall, "width", width).and("height", height)
        }
        PhotoError::TooDetailed => Key::PhotoTooDetailed.into(),
        PhotoError::Unsupported => Key::PhotoUnsupported.into(),
    }
}
