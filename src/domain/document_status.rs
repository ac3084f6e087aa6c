//! Where a supplier's documents stand: each one's review status, what
//! needs the person's attention (a rejection, an expiry passed or within
//! [`WARN_DAYS`] days), and the home task "Sertifikat dan dokumen".
//!
//! ```
//! use rantai::domain::calendar::Day;
//! use rantai::domain::document::DocumentKind;
//! use rantai::domain::document_status::{attention, Attention, Brief, Status};
//! let today = Day::parse("2026-12-01").unwrap();
//! let halal = Brief { id: 3, kind: DocumentKind::Pirt, status: Status::Verified,
//!     expires_on: Day::parse("2026-12-31"), rejection_reason: None };
//! assert_eq!(attention(&halal, today), Some(Attention::ExpiresSoon { on: Day::parse("2026-12-31").unwrap(), days_left: 30 }));
//! ```

pub use super::calendar::WARN_DAYS;
use super::calendar::{expiry, Day, Expiry};
use super::document::{DocumentKind, Group};
use super::tasks::TaskStatus;

/// A document's review status (`DocumentStatus` in the contract).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Sent, not yet looked at.
    Uploaded,
    /// A reviewer is looking at it.
    InReview,
    /// Checked and accepted.
    Verified,
    /// Refused, with the reviewer's reason.
    Rejected,
    /// Past its expiry date.
    Expired,
}

impl Status {
    /// The status whose contract code is `code` (an unknown one reads as
    /// `Uploaded`: shown as waiting, never as verified).
    pub fn from_code(code: &str) -> Status {
        match code {
            "in_review" => Status::InReview,
            "verified" => Status::Verified,
            "rejected" => Status::Rejected,
            "expired" => Status::Expired,
            _ => Status::Uploaded,
        }
    }

    /// True when a reviewer has looked at what the document says (a change
    /// sends it back to review).
    pub fn reviewed(self) -> bool {
        matches!(self, Status::InReview | Status::Verified)
    }
}

/// What the wallet and home need of one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Brief {
    /// Its id.
    pub id: i64,
    /// Its kind.
    pub kind: DocumentKind,
    /// Its status.
    pub status: Status,
    /// Its last valid day, for kinds that expire.
    pub expires_on: Option<Day>,
    /// Why the reviewer refused it.
    pub rejection_reason: Option<String>,
}

/// Why a document needs the person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attention {
    /// The reviewer refused it: fix what the reason says and send it again.
    Rejected {
        /// The reviewer's words (shown as text).
        reason: String,
    },
    /// Its last day has passed: upload the renewed one.
    Expired {
        /// Its last day.
        on: Day,
    },
    /// It expires within [`WARN_DAYS`] days: renew it in time.
    ExpiresSoon {
        /// Its last day.
        on: Day,
        /// Days left (0: today is the last).
        days_left: i64,
    },
}

/// What `brief` needs of the person on `today`, if anything. A rejection
/// comes first; the server's `expired` and the calendar agree on expiry,
/// and either one is enough.
pub fn attention(brief: &Brief, today: Day) -> Option<Attention> {
    if brief.status == Status::Rejected {
        let reason = brief.rejection_reason.clone().unwrap_or_default();
        return Some(Attention::Rejected { reason });
    }
    let on = brief.expires_on?;
    match (brief.status, expiry(on, today)) {
        (Status::Expired, _) | (_, Expiry::Expired { .. }) => Some(Attention::Expired { on }),
        (_, Expiry::Soon { days_left }) => Some(Attention::ExpiresSoon { on, days_left }),
        (_, Expiry::Valid) => None,
    }
}

/// The kinds the reviewer needs to verify a supplier.
pub fn needed_for_verification() -> impl Iterator<Item = DocumentKind> {
    DocumentKind::ALL
        .into_iter()
        .filter(|kind| kind.group() == Group::NeededForVerification)
}

/// The home task "Sertifikat dan dokumen": done when every paper needed for
/// verification is there and none of them refused or expired; needs
/// changes when any document was refused or has expired; in progress with
/// any document.
pub fn task_status(briefs: &[Brief], today: Day) -> TaskStatus {
    let usable = |brief: &Brief| {
        !matches!(
            attention(brief, today),
            Some(Attention::Rejected { .. } | Attention::Expired { .. })
        )
    };
    if briefs.iter().any(|brief| !usable(brief)) {
        return TaskStatus::NeedsChanges;
    }
    let all_there =
        needed_for_verification().all(|kind| briefs.iter().any(|brief| brief.kind == kind));
    match (all_there, briefs.is_empty()) {
        (true, _) => TaskStatus::Done,
        (false, true) => TaskStatus::NotStarted,
        (false, false) => TaskStatus::InProgress,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    /// A document of `kind` with `status`, valid until `expires_on`, for
    /// tests here and of the rules that read documents (eligibility).
    pub(crate) fn brief(kind: DocumentKind, status: Status, expires_on: Option<&str>) -> Brief {
        Brief {
            id: 1,
            kind,
            status,
            expires_on: expires_on.map(day),
            rejection_reason: None,
        }
    }

    #[test]
    fn a_document_is_flagged_from_60_days_before_its_last_day() {
        let today = day("2026-12-01");
        let expiring = |on: &str| {
            attention(
                &brief(DocumentKind::Pirt, Status::Verified, Some(on)),
                today,
            )
        };
        assert_eq!(expiring("2027-01-31"), None); // 61 days
        assert_eq!(
            expiring("2027-01-30"),
            Some(Attention::ExpiresSoon {
                on: day("2027-01-30"),
                days_left: 60
            })
        );
        assert_eq!(
            expiring("2026-12-01"),
            Some(Attention::ExpiresSoon {
                on: day("2026-12-01"),
                days_left: 0
            })
        );
        assert_eq!(
            expiring("2026-11-30"),
            Some(Attention::Expired {
                on: day("2026-11-30")
            })
        );
    }

    #[test]
    fn a_rejection_says_the_reviewers_reason() {
        let mut refused = brief(DocumentKind::Npwp, Status::Rejected, None);
        refused.rejection_reason = Some("Foto buram".into());
        assert_eq!(
            attention(&refused, day("2026-12-01")),
            Some(Attention::Rejected {
                reason: "Foto buram".into()
            })
        );
    }

    #[test]
    fn the_task_is_done_with_the_four_papers() {
        let today = day("2026-12-01");
        assert_eq!(task_status(&[], today), TaskStatus::NotStarted);
        let mut briefs = vec![brief(DocumentKind::Halal, Status::Uploaded, None)];
        assert_eq!(task_status(&briefs, today), TaskStatus::InProgress);
        for kind in [
            DocumentKind::Nib,
            DocumentKind::Npwp,
            DocumentKind::Ktp,
            DocumentKind::BankProof,
        ] {
            briefs.push(brief(kind, Status::Uploaded, None));
        }
        assert_eq!(task_status(&briefs, today), TaskStatus::Done);
        briefs.push(brief(
            DocumentKind::Sni,
            Status::Verified,
            Some("2026-11-01"),
        ));
        assert_eq!(task_status(&briefs, today), TaskStatus::NeedsChanges);
    }

    proptest! {
        #[test]
        fn a_document_without_an_expiry_date_never_expires(days in 0i64..200_000, status in 0usize..4) {
            let status = [Status::Uploaded, Status::InReview, Status::Verified, Status::Expired][status];
            let today = Day::from_days_since_epoch(days);
            let undated = brief(DocumentKind::Halal, status, None);
            prop_assert_eq!(attention(&undated, today), None);
        }
    }
}
