//! What the tenders area says: a deadline ("tutup 3 hari lagi (12 Des 2026
//! 14.00 WIB)"), statuses and orders, which filter to relax, and each
//! eligibility check as a sentence with the link that fixes it.

use crate::domain::deadline::{Deadline, Left};
use crate::domain::eligibility::{Check, Reason, Requirement, Verdict};
use crate::domain::profile::Section;
use crate::domain::tender_query::{Filter, Sort, TenderStatus};
use crate::domain::tkdn::Tkdn;
use crate::i18n::document_labels::{day_short, kind_name};
use crate::i18n::{date_short, text, Key, Lang, Message};
use crate::routes::{Page, RegisterPage};

/// "12 Des 2026 14.00 WIB" (English "12 Dec 2026 14:00 WIB").
pub fn deadline_when(lang: Lang, deadline: &Deadline) -> String {
    let day = deadline.day;
    let separator = match lang {
        Lang::Id => '.',
        Lang::En => ':',
    };
    format!(
        "{} {:02}{separator}{:02} {}",
        date_short(lang, day.day, day.month, day.year.max(0) as u32),
        deadline.hour,
        deadline.minute,
        deadline.zone_name()
    )
}

/// "tutup 3 hari lagi (12 Des 2026 14.00 WIB)", as it stands at `now_ms`.
pub fn deadline_text(lang: Lang, deadline: &Deadline, now_ms: f64) -> String {
    let message = match deadline.left(now_ms as i64) {
        Left::Closed => Message::new(Key::ClosedOn),
        Left::Today => Message::new(Key::ClosesToday),
        Left::Tomorrow => Message::new(Key::ClosesTomorrow),
        Left::Days(days) => Message::with(Key::ClosesInDays, "days", days),
    };
    message
        .and("when", deadline_when(lang, deadline))
        .render(lang)
}

/// A status's name.
pub fn status_name(status: TenderStatus) -> Key {
    match status {
        TenderStatus::Open => Key::StatusOpen,
        TenderStatus::ClosingSoon => Key::StatusClosingSoon,
        TenderStatus::Closed => Key::StatusClosed,
    }
}

/// An order's name.
pub fn sort_name(sort: Sort) -> Key {
    match sort {
        Sort::Deadline => Key::SortDeadline,
        Sort::Newest => Key::SortNewest,
        Sort::HpsDesc => Key::SortHpsDesc,
        Sort::HpsAsc => Key::SortHpsAsc,
    }
}

/// The link that takes a filter away: "Semua provinsi".
pub fn relax_label(filter: Filter) -> Key {
    match filter {
        Filter::Words => Key::RelaxWords,
        Filter::Category => Key::RelaxCategory,
        Filter::Province => Key::RelaxProvince,
        Filter::Budget => Key::RelaxBudget,
        Filter::Status => Key::RelaxStatus,
    }
}

/// The tender as a whole for this supplier: the card's badge.
pub fn verdict_name(verdict: Verdict) -> Key {
    match verdict {
        Verdict::Met => Key::EligibleYes,
        Verdict::Unknown => Key::EligibleUnknown,
        Verdict::NotMet => Key::EligibleNo,
    }
}

/// One requirement's own verdict.
pub fn check_mark(verdict: Verdict) -> Key {
    match verdict {
        Verdict::Met => Key::CheckMet,
        Verdict::Unknown => Key::CheckUnknown,
        Verdict::NotMet => Key::CheckNotMet,
    }
}

/// The class of a verdict's tag.
pub fn verdict_class(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Met => "tag tag--green",
        Verdict::Unknown => "tag tag--blue",
        Verdict::NotMet => "tag tag--red",
    }
}

/// What a requirement is called.
pub fn requirement_name(requirement: Requirement) -> Key {
    match requirement {
        Requirement::Kbli => Key::RequirementKbli,
        Requirement::Document(kind) => kind_name(kind),
        Requirement::Tkdn => Key::RequirementTkdn,
    }
}

/// A percentage as the language writes it: `40,5` or `40.5`.
pub fn percent(lang: Lang, tkdn: Tkdn) -> String {
    match lang {
        Lang::Id => tkdn.to_indonesian(),
        Lang::En => tkdn.to_string(),
    }
}

/// Why a requirement is met or not, in words, and the link that fixes it
/// (its text and address) when the supplier can.
pub fn reason(lang: Lang, check: &Check) -> (String, Option<(Key, String)>) {
    let kind = match check.requirement {
        Requirement::Document(kind) => Some(kind),
        _ => None,
    };
    let kind_text = kind.map_or("", |kind| text(lang, kind_name(kind)));
    let business = || {
        Page::Register {
            step: RegisterPage::Step(Section::Business),
            focus: Some("kbli".into()),
            from_check: false,
        }
        .href()
    };
    let add_kind = || Page::DocumentNew { kind }.href();
    let (message, fix) = match &check.reason {
        Reason::KbliMatches { code } => (Message::with(Key::KbliMatches, "code", code), None),
        Reason::KbliOther { yours, wanted } => (
            Message::with(Key::KbliOther, "yours", yours.join(", "))
                .and("wanted", wanted.join(", ")),
            Some((Key::FixKbli, business())),
        ),
        Reason::KbliNotGiven => (
            Message::new(Key::KbliNotGiven),
            Some((Key::FixKbli, business())),
        ),
        Reason::DocumentValid => (Message::new(Key::DocumentValidFor), None),
        Reason::DocumentInReview => (
            Message::new(Key::DocumentInReviewFor),
            Some((Key::SeeDocuments, Page::Documents.href())),
        ),
        Reason::DocumentMissing => (
            Message::new(Key::DocumentMissingFor),
            Some((Key::FixAdd, add_kind())),
        ),
        Reason::DocumentRejected => (
            Message::new(Key::DocumentRejectedFor),
            Some((Key::FixUploadAgain, add_kind())),
        ),
        Reason::DocumentExpires { on } => (
            Message::with(Key::DocumentExpiresFor, "date", day_short(lang, *on)),
            Some((Key::FixRenew, add_kind())),
        ),
        Reason::TkdnEnough { highest, wanted } => (
            Message::with(Key::TkdnEnough, "highest", percent(lang, *highest))
                .and("wanted", percent(lang, *wanted)),
            None,
        ),
        Reason::TkdnLow { highest, wanted } => (
            Message::with(Key::TkdnLow, "highest", percent(lang, *highest))
                .and("wanted", percent(lang, *wanted)),
            Some((Key::FixProducts, Page::products().href())),
        ),
        Reason::TkdnNotGiven { wanted } => (
            Message::with(Key::TkdnNotGiven, "wanted", percent(lang, *wanted)),
            Some((Key::FixProducts, Page::products().href())),
        ),
    };
    (message.and("kind", kind_text).render(lang), fix)
}
