//! `/documents`: the supplier's papers, grouped as the reviewer needs them
//! and certificates. Each shows its kind, number, issuer, dates, status
//! (with the reviewer's reason when refused) and a preview; what expires
//! within 60 days or has expired says what to do. Papers still missing
//! offer to add them; forms and uploads this device holds unfinished offer
//! to go on with them.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::form::{today, unsaved_forms, Unsaved};
use super::keep::{kept_uploads, KeptUpload};
use super::notice::use_notice;
use crate::api::documents::{self, Document};
use crate::api::products::thumbnail_url;
use crate::api::Cancel;
use crate::components::upload_progress::kilobytes;
use crate::domain::document::{DocumentKind, Group};
use crate::domain::document_status::{attention, needed_for_verification, Attention, Status};
use crate::i18n::document_labels::{
    attention_message, day_short, kind_name, status_class, status_name,
};
use crate::i18n::{tr, use_i18n, I18n, Key, Message};
use crate::routes::Page;

/// The wallet.
#[component]
pub fn Wallet() -> impl IntoView {
    let i18n = use_i18n();
    let notice = use_notice();
    // Said once: taken from the app-wide notice as the page opens.
    let said = notice.get_untracked();
    notice.set(None);
    let documents = RwSignal::new(None::<Result<Vec<Document>, Key>>);
    let unsaved = unsaved_forms();
    let kept = RwSignal::new(Vec::<KeptUpload>::new());
    let cancel = Cancel::on_unmount();
    spawn_local(async move {
        let answer = documents::list(&cancel).await.map_err(|e| e.message_key());
        documents.try_set(Some(answer));
    });
    // Asked now, while the session is at hand (not after an `.await`).
    let listing = kept_uploads();
    spawn_local(async move {
        let found = listing.await;
        kept.try_set(found);
    });
    let loaded = move || documents.get().and_then(Result::ok).unwrap_or_default();
    let group = move |group: Group| {
        let mut list: Vec<Document> = loaded()
            .into_iter()
            .filter(|document| document.kind().group() == group)
            .collect();
        list.sort_by_key(|document| {
            (
                DocumentKind::ALL.iter().position(|k| *k == document.kind()),
                document.id,
            )
        });
        list
    };
    // Only once the list is here: a list that did not come is not "none".
    let missing = move || {
        if !documents.with(|d| matches!(d, Some(Ok(_)))) {
            return Vec::new();
        }
        let have = loaded();
        needed_for_verification()
            .filter(|kind| !have.iter().any(|document| document.kind() == *kind))
            .collect::<Vec<_>>()
    };
    view! {
        <h1>{tr(Key::DocumentsTitle)}</h1>
        <p class="lead">{tr(Key::DocumentsIntro)}</p>
        {said
            .map(|key| {
                view! {
                    <p class="notice notice--success" role="status">
                        {tr(key)}
                    </p>
                }
            })}
        <Unfinished unsaved=unsaved kept=kept i18n=i18n />
        {move || match documents.get() {
            None => view! { <p class="page-loading">{tr(Key::LoadingDocuments)}</p> }.into_any(),
            Some(Err(key)) => {
                view! {
                    <p class="notice notice--error" role="alert">
                        {tr(key)}
                    </p>
                }
                    .into_any()
            }
            Some(Ok(_)) => ().into_any(),
        }}
        <section aria-labelledby="group-verification">
            <h2 id="group-verification">{tr(Key::GroupVerification)}</h2>
            <p>{tr(Key::GroupVerificationIntro)}</p>
            <ul class="document-list">
                <For
                    each=move || group(Group::NeededForVerification)
                    key=|document| (document.id, document.version.clone())
                    let:document
                >
                    <DocumentCard document=document i18n=i18n />
                </For>
                <For each=missing key=|kind| *kind let:kind>
                    <li class="document-card document-card--missing">
                        <div class="document-card__body">
                            <h3 class="document-card__title">{tr(kind_name(kind))}</h3>
                            <p>
                                <strong class="tag tag--grey">{tr(Key::NotYetUploaded)}</strong>
                            </p>
                            <A href=Page::DocumentNew {
                                kind: Some(kind),
                            }
                                .href()>
                                {move || {
                                    Message::with(Key::AddKind, "kind", i18n.t(kind_name(kind)))
                                        .render(i18n.lang.get())
                                }}
                            </A>
                        </div>
                    </li>
                </For>
            </ul>
        </section>
        <section aria-labelledby="group-certificates">
            <h2 id="group-certificates">{tr(Key::GroupCertificates)}</h2>
            <Show when=move || {
                documents.with(|d| matches!(d, Some(Ok(_)))) && group(Group::Certificate).is_empty()
            }>
                <p>{tr(Key::NoCertificatesYet)}</p>
            </Show>
            <ul class="document-list">
                <For
                    each=move || group(Group::Certificate)
                    key=|document| (document.id, document.version.clone())
                    let:document
                >
                    <DocumentCard document=document i18n=i18n />
                </For>
            </ul>
        </section>
        <p>
            <A href=Page::DocumentNew { kind: None }.href() attr:class="button">
                {tr(Key::AddDocument)}
            </A>
        </p>
    }
}

/// Forms and uploads this device holds unfinished, each with a link that
/// goes on with it; an upload shows how far it got.
#[component]
fn Unfinished(unsaved: Vec<Unsaved>, kept: RwSignal<Vec<KeptUpload>>, i18n: I18n) -> impl IntoView {
    if unsaved.is_empty() {
        return ().into_any();
    }
    let items = unsaved
        .into_iter()
        .map(|form| {
            let href = form.page().href();
            let kind = form.kind;
            let file = form.file.clone();
            let kept_upload = form.kept_upload.clone();
            let uploading = file.as_ref().is_some_and(|f| f.upload_id.is_none());
            let progress = move || {
                let file = file.clone()?;
                let sent = kept.with(|list| {
                    list.iter()
                        .find(|k| k.key == kept_upload)
                        .map(|k| (k.sent, k.length))
                });
                let (sent, total) = sent.unwrap_or((0, file.size));
                let percent = (sent * 100).checked_div(total).unwrap_or(0);
                Some(
                    Message::with(Key::KeptUploadLine, "name", &file.name)
                        .and("sent", kilobytes(sent))
                        .and("total", kilobytes(total))
                        .and("percent", percent)
                        .render(i18n.lang.get()),
                )
            };
            let name =
                move || kind.map_or(i18n.t(Key::AddDocument), |kind| i18n.t(kind_name(kind)));
            view! {
                <li>
                    <strong>{name}</strong>
                    " "
                    {progress}
                    " "
                    <A href=href>
                        {move || {
                            if uploading {
                                i18n.t(Key::ContinueUploading)
                            } else {
                                i18n.t(Key::ContinueForm)
                            }
                        }}
                    </A>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="notice" aria-labelledby="unfinished-title">
            <h2 id="unfinished-title">{tr(Key::UnfinishedTitle)}</h2>
            <ul>{items}</ul>
        </section>
    }
    .into_any()
}

/// A fact on a document's card.
#[derive(Clone)]
enum Fact {
    Text(String),
    Day(crate::domain::calendar::Day),
}

/// One document: a preview, its kind and status, its details, what needs
/// doing, and a link to change it or replace its file.
#[component]
fn DocumentCard(document: Document, i18n: I18n) -> impl IntoView {
    let kind = document.kind();
    let status = Status::from_code(&document.status);
    let note = attention(&document.brief(), today());
    let is_image = document.file.content_type.starts_with("image/");
    let preview = if is_image {
        view! {
            <img
                class="product-thumb"
                src=thumbnail_url(&document.upload_id)
                alt=""
                width="64"
                height="64"
                loading="lazy"
            />
        }
        .into_any()
    } else {
        let pages = document.file.pages;
        view! {
            <span class="document-card__pdf">"PDF"</span>
            {pages
                .map(|pages| {
                    view! {
                        <span class="document-card__pages">
                            {move || {
                                Message::with(Key::PdfPages, "pages", pages).render(i18n.lang.get())
                            }}
                        </span>
                    }
                })}
        }
        .into_any()
    };
    let day = |text: &Option<String>| {
        text.as_deref()
            .and_then(crate::domain::calendar::Day::parse)
    };
    let (issued, expires) = (day(&document.issued_on), day(&document.expires_on));
    // One row of the card's facts, when the document has it; a date is
    // written in the language shown.
    let fact = move |label: Key, value: Option<Fact>| {
        value.map(|value| {
            let text = move || match &value {
                Fact::Text(text) => text.clone(),
                Fact::Day(day) => day_short(i18n.lang.get(), *day),
            };
            view! {
                <div>
                    <dt>{tr(label)}</dt>
                    <dd>{text}</dd>
                </div>
            }
        })
    };
    let warning = note.map(|note| {
        let class = match note {
            Attention::Rejected { .. } | Attention::Expired { .. } => {
                "document-card__note notice notice--error"
            }
            Attention::ExpiresSoon { .. } => "document-card__note notice",
        };
        view! { <p class=class>{move || attention_message(kind, &note, i18n.lang.get())}</p> }
    });
    let number = document.number.clone().map(Fact::Text);
    let issuer = document.issuer.clone().map(Fact::Text);
    view! {
        <li class="document-card">
            <div class="document-card__preview">{preview}</div>
            <div class="document-card__body">
                <h3 class="document-card__title">{tr(kind_name(kind))}</h3>
                <p>
                    <strong class=status_class(status)>{tr(status_name(status))}</strong>
                </p>
                {warning}
                <dl class="document-card__facts">
                    {fact(Key::DocumentNumber, number)} {fact(Key::DocumentIssuer, issuer)}
                    {fact(Key::DocumentIssuedOn, issued.map(Fact::Day))}
                    {fact(Key::DocumentExpiresOn, expires.map(Fact::Day))}
                </dl>
                <A href=Page::Document { id: document.id }
                    .href()>
                    {tr(Key::ChangeDocument)}
                    <span class="visually-hidden">": " {tr(kind_name(kind))}</span>
                </A>
            </div>
        </li>
    }
}
