//! `/documents/new?kind=…` and `/documents/<id>`: a document's form. Kind
//! first, then its number (checked by kind), issuer, dates (an expiry for
//! kinds that expire, after the issue date), the TKDN figures for a TKDN
//! certificate, and the file. Everything is kept on the device as it is
//! typed or chosen; Save records it once (under the draft's
//! `Idempotency-Key`) or sends the change with `If-Match`. A change that
//! sends a reviewed document back to review says so first.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::form::{DocumentForm, FileState, Slot};
use super::messages::{field_id, field_label, number_hint};
use super::notice::use_notice;
use crate::api::documents::{self, Document};
use crate::api::{ApiError, Cancel};
use crate::components::choice_field::ChoiceField;
use crate::components::error_summary::ErrorSummary;
use crate::components::lazy_part::LazyPart;
use crate::components::text_field::TextField;
use crate::domain::document::{DocumentKind, Group};
use crate::domain::document_form::{sends_back_to_review, Field};
use crate::domain::document_status::Status;
use crate::i18n::document_labels::{kind_name, status_name};
use crate::i18n::{tr, use_i18n, Key};
use crate::routes::{use_id_in_address, Page};
use crate::session::{with_sign_in_again, Session};

/// `/documents/new?kind=…`
#[component]
pub fn NewDocument() -> impl IntoView {
    let query = use_query_map();
    let kind = query.with_untracked(|q| q.get("kind").and_then(|k| DocumentKind::from_code(&k)));
    view! { <DocumentPage which=Slot::New(kind) /> }
}

/// `/documents/<id>`
#[component]
pub fn EditDocument() -> impl IntoView {
    let id = use_id_in_address();
    move || match id.get() {
        Some(id) => view! { <DocumentPage which=Slot::Saved(id) /> }.into_any(),
        None => {
            view! { <p class="notice notice--error">{tr(Key::DocumentNotFound)}</p> }.into_any()
        }
    }
}

/// Where a save stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Saving {
    Idle,
    /// Waits for the file to arrive, then saves.
    AfterUpload,
    Busy,
    /// The change sends the document back to review: asked first.
    Confirming,
    Failed(Key),
}

/// Reads the document from the server when its page opens; what this
/// device kept of an unsaved change stays.
fn load_server_copy(form: DocumentForm, id: i64) {
    let cancel = Cancel::on_unmount();
    spawn_local(async move {
        match documents::get(id, &cancel).await {
            Ok(document) => {
                if form.server.try_set(Some(document.clone())).is_some() {
                    return;
                }
                if !form.has_kept() {
                    form.fill(&document.draft());
                }
            }
            Err(ApiError::NotFound | ApiError::Forbidden) => {
                form.missing.try_set(true);
            }
            Err(error) => {
                form.load_failed.try_set(Some(error.message_key()));
            }
        }
    });
}

/// Sends the form: a new document under its key, a change with `If-Match`.
async fn send(form: DocumentForm, session: Option<Session>) -> Result<Document, ApiError> {
    let values = form.draft_untracked();
    let server = form.server.get_untracked();
    let upload_id = form
        .file
        .get_untracked()
        .and_then(|file| file.upload_id)
        .or_else(|| server.as_ref().map(|d| d.upload_id.clone()))
        .unwrap_or_default();
    let key = form.idempotency_key();
    let request = || {
        let (values, upload_id, key, server) = (
            values.clone(),
            upload_id.clone(),
            key.clone(),
            server.clone(),
        );
        async move {
            match (form.slot, server) {
                (Slot::Saved(id), Some(server)) => {
                    documents::update(id, &values, &upload_id, &server.etag()).await
                }
                // Never a second document: the one being changed must be here first.
                (Slot::Saved(_), None) => Err(ApiError::Offline),
                (Slot::New(_), _) => documents::create(&values, &upload_id, &key).await,
            }
        }
    };
    match session {
        Some(session) => with_sign_in_again(session, request).await,
        None => request().await,
    }
}

/// The kinds, needed papers first, as `(code, name)` for the select.
fn kind_options(i18n: crate::i18n::I18n) -> Vec<(String, String)> {
    // Those needed for verification first (a partition, not a sort: the
    // sort's code would be one more piece of this page's download).
    let (needed, others): (Vec<DocumentKind>, Vec<DocumentKind>) = DocumentKind::ALL
        .into_iter()
        .partition(|kind| kind.group() == Group::NeededForVerification);
    needed
        .into_iter()
        .chain(others)
        .map(|kind| (kind.code().to_owned(), i18n.t(kind_name(kind)).to_owned()))
        .collect()
}

/// The form of one document.
#[component]
fn DocumentPage(
    /// The new document, or the one with this id.
    which: Slot,
) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_context::<Session>();
    let notice = use_notice();
    let navigate = use_navigate();
    let slot = which;
    let form = DocumentForm::new(slot);
    let saving = RwSignal::new(Saving::Idle);
    // What is kept on the device is forgotten after the save's `.await`,
    // under the page's owner (it needs the session's context).
    let owner = Owner::current();
    let reload_owner = StoredValue::new_local(owner.clone());
    crate::autosave::autosave(move || form.draft(), move |_| form.keep(), || {});
    if let Slot::Saved(id) = slot {
        load_server_copy(form, id);
    }
    let save = move || {
        let navigate = navigate.clone();
        let owner = owner.clone();
        saving.set(Saving::Busy);
        spawn_local(async move {
            let result = send(form, session).await;
            if saving.try_get_untracked().is_none() {
                return; // the page was left; what was typed stays on the device
            }
            match result {
                Ok(document) => {
                    match &owner {
                        Some(owner) => owner.with(|| form.forget()),
                        None => form.forget(),
                    }
                    let back_to_review = !document.review_reset_by.is_empty();
                    notice.set(Some(if back_to_review {
                        Key::DocumentSentBackToReview
                    } else {
                        Key::DocumentSaved
                    }));
                    navigate(&Page::Documents.href(), Default::default());
                }
                Err(ApiError::Validation(problem)) => {
                    form.show_server(&problem.errors);
                    saving.set(Saving::Idle);
                }
                Err(ApiError::PreconditionFailed { .. }) => {
                    saving.set(Saving::Failed(Key::DocumentChangedElsewhere));
                    if let (Slot::Saved(id), Some(owner)) = (form.slot, &owner) {
                        owner.with(|| load_server_copy(form, id));
                    }
                }
                Err(error) => saving.set(Saving::Failed(error.message_key())),
            }
        });
    };
    // A change to a reviewed document sends it back to review: asked first.
    let asks = move || {
        let new_file = form.file.with_untracked(Option::is_some);
        form.server.with_untracked(|server| {
            server.as_ref().is_some_and(|document| {
                Status::from_code(&document.status).reviewed()
                    && sends_back_to_review(&document.draft(), &form.draft_untracked(), new_file)
            })
        })
    };
    // The file part follows its upload and says when it ends.
    let save_after_upload = save.clone();
    let upload_ended =
        Callback::new(
            move |arrived: bool| match (saving.get_untracked(), arrived) {
                (Saving::AfterUpload, true) if asks() => saving.set(Saving::Confirming),
                (Saving::AfterUpload, true) => save_after_upload(),
                (Saving::AfterUpload, false) => saving.set(Saving::Idle),
                _ => {}
            },
        );
    let confirm_save = save.clone();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if matches!(saving.get_untracked(), Saving::Busy) {
            return;
        }
        form.keep();
        let found = form.current_problems();
        let blocked = !found.is_empty();
        form.shown.set(found);
        if blocked {
            return;
        }
        if matches!(
            form.sending.get_untracked(),
            FileState::Sending(_) | FileState::Preparing
        ) {
            saving.set(Saving::AfterUpload);
            return;
        }
        if asks() && saving.get_untracked() != Saving::Confirming {
            saving.set(Saving::Confirming);
            return;
        }
        save();
    };
    let title = match slot {
        Slot::New(_) => Key::NewDocumentTitle,
        Slot::Saved(_) => Key::EditDocumentTitle,
    };
    let kinds = Signal::derive(move || kind_options(i18n));
    // The kind alone: the fields that depend on it are drawn again only
    // when it changes, never while the person types elsewhere.
    let kind = Memo::new(move |_| form.kind());
    let submit = NodeRef::<leptos::html::Button>::new();
    let shows = move |field: Field| move || field.shown_for(kind.get());
    let live = move |field: Field| {
        Signal::derive(move || {
            form.error(field).get().or_else(|| {
                form.live_issue(field)
                    .filter(|_| field == Field::Tkdn || field == Field::Bmp)
            })
        })
    };
    let reviewed_status = move || {
        form.server
            .get()
            .map(|d| Status::from_code(&d.status))
            .filter(|status| status.reviewed())
    };
    view! {
        <p class="back-link">
            <A href=Page::Documents.href()>{tr(Key::BackToDocuments)}</A>
        </p>
        <h1>{tr(title)}</h1>
        <Show when=move || form.missing.get()>
            <p class="notice notice--error" role="alert">
                {tr(Key::DocumentNotFound)}
            </p>
        </Show>
        {move || {
            form.load_failed
                .get()
                .map(|key| {
                    let retry = move |_| {
                        form.load_failed.set(None);
                        let owner = reload_owner.get_value();
                        if let (Slot::Saved(id), Some(owner)) = (slot, owner) {
                            owner.with(|| load_server_copy(form, id));
                        }
                    };
                    view! {
                        <div class="notice notice--error" role="alert">
                            <p>{tr(key)}</p>
                            <button type="button" class="button button--secondary" on:click=retry>
                                {tr(Key::TryAgain)}
                            </button>
                        </div>
                    }
                })
        }}
        {move || {
            form.server
                .get()
                .and_then(|document| document.rejection_reason.clone())
                .filter(|_| {
                    form.server.with(|d| d.as_ref().is_some_and(|d| d.status == "rejected"))
                })
                .map(|reason| {
                    view! {
                        <div class="notice notice--error">
                            <p>
                                <strong>{tr(Key::RejectedByReviewer)}</strong>
                            </p>
                            <p>{reason}</p>
                            <p>{tr(Key::RejectedWhatToDo)}</p>
                        </div>
                    }
                })
        }}
        {move || {
            reviewed_status()
                .map(|status| {
                    view! {
                        <p class="notice">
                            {move || {
                                crate::i18n::Message::with(
                                        Key::ReviewedChangeWarning,
                                        "status",
                                        i18n.t(status_name(status)),
                                    )
                                    .render(i18n.lang.get())
                            }}
                        </p>
                    }
                })
        }}
        <ErrorSummary problems=form.shown />
        <form novalidate on:submit=on_submit>
            <ChoiceField
                id=field_id(Field::Kind)
                label=Key::DocumentKindLabel
                value=form.value(Field::Kind)
                error=form.error(Field::Kind)
                options=kinds
            />
            {move || {
                let hint = number_hint(kind.get());
                view! {
                    <TextField
                        id=field_id(Field::Number)
                        label=field_label(Field::Number)
                        hint=hint
                        value=form.value(Field::Number)
                        error=form.error(Field::Number)
                        input_class="input--medium"
                    />
                }
            }}
            <TextField
                id=field_id(Field::Issuer)
                label=field_label(Field::Issuer)
                hint=Key::DocumentIssuerHint
                value=form.value(Field::Issuer)
                error=form.error(Field::Issuer)
            />
            <TextField
                id=field_id(Field::IssuedOn)
                label=field_label(Field::IssuedOn)
                value=form.value(Field::IssuedOn)
                error=form.error(Field::IssuedOn)
                input_type="date"
                input_class="input--medium"
            />
            {move || {
                let hint = if kind.get().is_some_and(DocumentKind::expires) {
                    Key::ExpiresOnHintRequired
                } else {
                    Key::ExpiresOnHintOptional
                };
                view! {
                    <TextField
                        id=field_id(Field::ExpiresOn)
                        label=field_label(Field::ExpiresOn)
                        hint=hint
                        value=form.value(Field::ExpiresOn)
                        error=form.error(Field::ExpiresOn)
                        input_type="date"
                        input_class="input--medium"
                    />
                }
            }}
            <Show when=shows(Field::Tkdn)>
                <TextField
                    id=field_id(Field::Tkdn)
                    label=field_label(Field::Tkdn)
                    hint=Key::DocumentTkdnHint
                    value=form.value(Field::Tkdn)
                    error=live(Field::Tkdn)
                    inputmode="decimal"
                    input_class="input--short"
                />
                <TextField
                    id=field_id(Field::Bmp)
                    label=field_label(Field::Bmp)
                    hint=Key::DocumentBmpHint
                    value=form.value(Field::Bmp)
                    error=live(Field::Bmp)
                    inputmode="decimal"
                    input_class="input--short"
                />
            </Show>
            <LazyPart
                load=move || crate::lazy::document_file(form, upload_ended)
                loading=Key::LoadingDocumentFile
            />
            <Show when=move || saving.get() == Saving::Confirming>
                <div class="notice" role="alert">
                    <p>{tr(Key::ConfirmBackToReview)}</p>
                    <div class="button-row">
                        <button
                            type="button"
                            class="button"
                            on:click={
                                let confirm_save = confirm_save.clone();
                                move |_| confirm_save()
                            }
                        >
                            {tr(Key::SaveAndReview)}
                        </button>
                        <button
                            type="button"
                            class="button button--secondary"
                            on:click=move |_| {
                                saving.set(Saving::Idle);
                                if let Some(button) = submit.get_untracked() {
                                    let _ = button.focus();
                                }
                            }
                        >
                            {tr(Key::Cancel)}
                        </button>
                    </div>
                </div>
            </Show>
            <p class="save-status" role="status">
                {move || match saving.get() {
                    Saving::AfterUpload => i18n.t(Key::SavesAfterUpload),
                    Saving::Failed(key) => i18n.t(key),
                    _ => "",
                }}
            </p>
            // Stays while the question is asked: focus is never lost.
            <button
                class="button"
                type="submit"
                node_ref=submit
                aria-disabled=move || (saving.get() == Saving::Busy).then_some("true")
            >
                {move || {
                    if saving.get() == Saving::Busy {
                        i18n.t(Key::SavingDocument)
                    } else {
                        i18n.t(Key::SaveDocument)
                    }
                }}
            </button>
        </form>
    }
}
