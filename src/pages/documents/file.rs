//! The document's file: a photo of the paper taken with the camera, or a
//! PDF, JPEG or PNG chosen. Checked before a byte is sent, each problem
//! with its own sentence: the type by the file's first bytes (a renamed
//! program is refused), not empty, at most 10 MB; a photo is made smaller
//! on the device, its short side kept at 1000 px or more so the text stays
//! readable. Then it is sent with the one upload client, kept on the
//! device so a reload or a killed tab goes on from where it stopped.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use super::form::{ChosenFile, DocumentForm, FileState};
use super::keep;
use super::messages::field_id;
use crate::api::documents::file_url;
use crate::api::upload::UploadStatus;
use crate::components::upload_progress::{failure_key, kilobytes, resumable, UploadProgress};
use crate::domain::document_form::Field;
use crate::domain::file_kind::{sniff, FileKind, SNIFF_LEN};
use crate::domain::tus::MAX_SIZE;
use crate::i18n::{tr, use_i18n, Key, Message};
use crate::photo::{self, PhotoError, Purpose};

/// The first bytes of `file`, which say what it is.
async fn first_bytes(file: &web_sys::Blob) -> Option<Vec<u8>> {
    let start = file.slice_with_f64_and_f64(0.0, SNIFF_LEN as f64).ok()?;
    let buffer = JsFuture::from(start.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// What to say about a photo of a paper that cannot be used.
fn photo_problem(error: PhotoError) -> Message {
    match error {
        PhotoError::NotAPhoto => Key::FileNotAccepted.into(),
        PhotoError::Heic => Key::PhotoHeic.into(),
        PhotoError::Unreadable => Key::PhotoUnreadable.into(),
        PhotoError::Damaged => Key::PhotoDamaged.into(),
        PhotoError::TooSmall { width, height, .. } => {
            Message::with(Key::PaperPhotoTooSmall, "width", width).and("height", height)
        }
        PhotoError::TooDetailed => Key::PhotoTooDetailed.into(),
        PhotoError::Unsupported => Key::PhotoUnsupported.into(),
    }
}

/// The file ready to send (a photo made smaller), its name and type.
async fn ready_to_send(
    file: &web_sys::File,
) -> Result<(web_sys::Blob, String, &'static str), Message> {
    let size = file.size() as u64;
    if size == 0 {
        return Err(Key::FileEmpty.into());
    }
    let bytes = first_bytes(file).await.ok_or(Key::PhotoUnreadable)?;
    match sniff(&bytes) {
        FileKind::Pdf if size > MAX_SIZE => {
            Err(Message::with(Key::FileTooLarge, "size", kilobytes(size)))
        }
        FileKind::Pdf => Ok((file.clone().into(), file.name(), "application/pdf")),
        kind if kind.is_photo() => {
            let ready = photo::prepare(file, Purpose::Paper)
                .await
                .map_err(photo_problem)?;
            let stem = file.name();
            let stem = stem
                .rsplit_once('.')
                .map_or(stem.as_str(), |(stem, _)| stem);
            let name = format!("{stem}.{}", ready.kind.extension());
            Ok((ready.blob, name, ready.kind.mime()))
        }
        FileKind::Heic => Err(Key::PhotoHeic.into()),
        _ => Err(Key::FileNotAccepted.into()),
    }
}

/// Goes on with a file whose upload this device kept (after a reload).
pub fn resume_kept_upload(form: DocumentForm) {
    let unfinished = form
        .file
        .with_untracked(|file| file.as_ref().is_some_and(|f| f.upload_id.is_none()));
    if let (true, Some(name)) = (unfinished, form.kept_upload.get_value()) {
        form.sending.set(FileState::Sending(keep::resume(&name)));
    }
}

/// Follows the upload: once every byte arrived, the file is the
/// document's (kept on the device at once). `on_end` runs when it ends:
/// `true` when the file arrived, `false` when it stopped for good.
pub fn follow_upload(form: DocumentForm, on_end: impl Fn(bool) + 'static) {
    Effect::new(move || {
        let FileState::Sending(handle) = form.sending.get() else {
            return;
        };
        match handle.status.get() {
            UploadStatus::Done { upload_id } => {
                form.file.update(|file| {
                    if let Some(file) = file {
                        file.upload_id = Some(upload_id);
                    }
                });
                form.keep();
                form.sending.set(FileState::None);
                on_end(true);
            }
            UploadStatus::Cancelled => {
                form.file.set(None);
                form.keep();
                form.sending.set(FileState::None);
                on_end(false);
            }
            // Stopped for good (refused, too large, forgotten by the
            // server): the file is no longer chosen, and the reason stays.
            UploadStatus::Failed(failure) if !resumable(failure) => {
                // Nothing to go on with: its file leaves the device.
                if let Some(name) = form.kept_upload.get_value() {
                    keep::forget(&name);
                }
                form.file.set(None);
                form.keep();
                form.sending.set(FileState::None);
                form.file_problem
                    .set(Some(failure_key(failure, Key::FileNotAccepted).into()));
                on_end(false);
            }
            _ => {}
        }
    });
}

/// The file field: what is chosen or the document's own file, the upload's
/// progress, and the two ways to choose one.
#[component]
pub fn FileField(
    /// The form.
    form: DocumentForm,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = field_id(Field::File);
    let error = Signal::derive(move || form.error(Field::File).get().or(form.file_problem.get()));
    // Keeping an upload needs the session's context, which a task has no
    // more after its first `.await`: it runs under the page's owner.
    let owner = Owner::current();
    let on_chosen = move |event: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&event);
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // The same file may be chosen again after a refusal.
        input.set_value("");
        form.file_problem.set(None);
        form.sending.set(FileState::Preparing);
        let kind = form
            .draft_untracked()
            .get("kind")
            .cloned()
            .unwrap_or_default();
        let owner = owner.clone();
        spawn_local(async move {
            let ready = ready_to_send(&file).await;
            // The page was left meanwhile: nothing is sent.
            if form.sending.try_set(FileState::None).is_some() {
                return;
            }
            let (blob, name, mime) = match ready {
                Ok(ready) => ready,
                Err(message) => {
                    form.file_problem.set(Some(message));
                    return;
                }
            };
            let Some(kept) = form.kept_upload.get_value() else {
                return;
            };
            let size = blob.size() as u64;
            let start = || keep::start(blob, &name, mime, &kept, &kind);
            let handle = match &owner {
                Some(owner) => owner.with(start),
                None => start(),
            };
            form.file.set(Some(ChosenFile {
                name,
                size,
                upload_id: None,
            }));
            form.keep();
            form.sending.set(FileState::Sending(handle));
        });
    };
    let chosen = move || {
        form.file.get().map(|file| {
            Message::with(Key::FileChosen, "name", file.name)
                .and("size", kilobytes(file.size))
                .render(i18n.lang.get())
        })
    };
    let own_file = move || {
        form.server
            .get()
            .filter(|_| form.file.with(Option::is_none))
            .map(|document| {
                let label = Message::with(Key::FileChosen, "name", &document.file.name)
                    .and("size", kilobytes(document.file.size));
                view! {
                    <p>
                        {move || label.render(i18n.lang.get())} " "
                        <a href=file_url(&document.upload_id) target="_blank" rel="noopener">
                            {tr(Key::OpenFile)}
                        </a>
                    </p>
                }
            })
    };
    view! {
        <fieldset
            class="field fieldset"
            class:field--error=move || error.get().is_some()
            aria-describedby="document-file-hint"
        >
            <legend class="field__label">{tr(Key::DocumentFile)}</legend>
            <p class="field__hint" id="document-file-hint">
                {tr(Key::FileHint)}
            </p>
            {move || {
                error
                    .get()
                    .map(|message| {
                        view! {
                            <p class="field__error" id="document-file-error" role="alert">
                                {move || message.render(i18n.lang.get())}
                            </p>
                        }
                    })
            }}
            {own_file}
            <p>{chosen}</p>
            {move || match form.sending.get() {
                FileState::Sending(handle) => {
                    view! {
                        <UploadProgress
                            handle=handle
                            label_id="document-upload".to_owned()
                            not_accepted=Key::FileNotAccepted
                            on_cancel=move |_| {}
                        />
                    }
                        .into_any()
                }
                FileState::Preparing => {
                    view! {
                        <p role="status" class="save-status">
                            {tr(Key::PreparingFile)}
                        </p>
                    }
                        .into_any()
                }
                FileState::None => ().into_any(),
            }}
            <div class="photo-pick">
                <input
                    class="photo-pick__input"
                    id="document-camera"
                    type="file"
                    accept="image/*"
                    capture="environment"
                    on:change=on_chosen.clone()
                />
                <label class="button button--secondary" for="document-camera">
                    {tr(Key::TakePaperPhoto)}
                </label>
                <input
                    class="photo-pick__input"
                    id=id
                    type="file"
                    accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
                    on:change=on_chosen
                />
                <label class="button button--secondary" for=id>
                    {tr(Key::ChooseDocumentFile)}
                </label>
            </div>
        </fieldset>
    }
}
