//! What a document's kind and status are called, and what is said about a
//! document that needs the person, wherever documents are shown (the
//! wallet, a document's page, home's task list).

use super::{date_short, Key, Lang, Message};
use crate::domain::calendar::Day;
use crate::domain::document::DocumentKind;
use crate::domain::document_status::{Attention, Status};

/// The name of a kind of document.
pub fn kind_name(kind: DocumentKind) -> Key {
    match kind {
        DocumentKind::Nib => Key::KindNib,
        DocumentKind::Npwp => Key::KindNpwp,
        DocumentKind::Ktp => Key::KindKtp,
        DocumentKind::Halal => Key::KindHalal,
        DocumentKind::Pirt => Key::KindPirt,
        DocumentKind::Bpom => Key::KindBpom,
        DocumentKind::Sni => Key::KindSni,
        DocumentKind::Tkdn => Key::KindTkdn,
        DocumentKind::Iso => Key::KindIso,
        DocumentKind::BankProof => Key::KindBankProof,
        DocumentKind::Other => Key::KindOther,
    }
}

/// The name of a document's status.
pub fn status_name(status: Status) -> Key {
    match status {
        Status::Uploaded => Key::DocStatusUploaded,
        Status::InReview => Key::DocStatusInReview,
        Status::Verified => Key::DocStatusVerified,
        Status::Rejected => Key::DocStatusRejected,
        Status::Expired => Key::DocStatusExpired,
    }
}

/// The tag class a status is shown with.
pub fn status_class(status: Status) -> &'static str {
    match status {
        Status::Uploaded | Status::InReview => "tag tag--blue",
        Status::Verified => "tag tag--green",
        Status::Rejected | Status::Expired => "tag tag--red",
    }
}

/// A calendar day as `12 Jan 2027`.
pub fn day_short(lang: Lang, day: Day) -> String {
    date_short(lang, day.day, day.month, day.year.max(0) as u32)
}

/// What to say about a document of `kind` that needs the person: "Sertifikat
/// halal Anda berakhir 12 Jan 2027 — perbarui".
pub fn attention_message(kind: DocumentKind, attention: &Attention, lang: Lang) -> String {
    let message = match attention {
        Attention::Rejected { reason } => Message::with(Key::DocRejectedNote, "reason", reason),
        Attention::Expired { on } => {
            Message::with(Key::DocExpiredNote, "date", day_short(lang, *on))
        }
        Attention::ExpiresSoon { on, days_left } => {
            Message::with(Key::DocExpiresSoonNote, "date", day_short(lang, *on))
                .and("days", days_left)
        }
    };
    message
        .and("kind", super::text(lang, kind_name(kind)))
        .render(lang)
}
