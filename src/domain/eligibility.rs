//! Can this supplier take part in this tender? (issue 13) Each requirement
//! of the tender checked against the supplier's own data: its KBLI codes
//! (the business step), its documents (valid on the tender's deadline) and
//! its products' highest TKDN. Each is met, not met, or unknown (the data
//! to tell is not there yet), with the reason the page says and links from.
//!
//! ```
//! use rantai::domain::eligibility::{check, overall, Reason, Requirements, SupplierFacts, Verdict};
//! use rantai::domain::tkdn::Tkdn;
//! let tender = Requirements { kbli: vec!["10710".into(), "10793".into()], documents: vec![],
//!     min_tkdn: Tkdn::parse("40").unwrap(), deadline: None };
//! let facts = SupplierFacts { kbli: Some(vec!["10792".into()]), documents: vec![],
//!     highest_tkdn: Tkdn::parse("32").unwrap(), today: rantai::domain::calendar::Day::parse("2026-12-01").unwrap() };
//! let checks = check(&tender, &facts);
//! assert!(matches!(checks[0].reason, Reason::KbliOther { .. }));
//! assert_eq!(checks[1].verdict, Verdict::NotMet); // 32 % < 40 %
//! assert_eq!(overall(&checks), Verdict::NotMet);
//! ```

use super::calendar::Day;
use super::document::DocumentKind;
use super::document_status::{Brief, Status};
use super::tkdn::Tkdn;

/// What a tender asks of a supplier (`TenderDetail` in the contract).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requirements {
    /// KBLI codes, any one of which will do (empty: any business).
    pub kbli: Vec<String>,
    /// Documents it needs, each valid.
    pub documents: Vec<DocumentKind>,
    /// The least TKDN of the goods, if it asks one.
    pub min_tkdn: Option<Tkdn>,
    /// Its deadline's calendar day (a document must be valid until then).
    pub deadline: Option<Day>,
}

/// What the supplier has, as far as this device knows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupplierFacts {
    /// Its KBLI codes; `None` while the business step has none.
    pub kbli: Option<Vec<String>>,
    /// Its documents.
    pub documents: Vec<Brief>,
    /// The highest TKDN among its products (`None`: no product says).
    pub highest_tkdn: Option<Tkdn>,
    /// Today in Indonesia.
    pub today: Day,
}

/// Whether one requirement is met.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Met.
    Met,
    /// Not known yet: the data to tell is missing or waits for review.
    Unknown,
    /// Not met.
    NotMet,
}

/// One requirement of a tender.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requirement {
    /// The line of business (KBLI).
    Kbli,
    /// A document of this kind.
    Document(DocumentKind),
    /// The least TKDN.
    Tkdn,
}

/// Why a requirement is met or not, for the sentence and its link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// One of the supplier's KBLI codes is asked for.
    KbliMatches {
        /// That code.
        code: String,
    },
    /// None of the supplier's codes is asked for: "KBLI Anda 10792 tidak
    /// termasuk 10710, 10793".
    KbliOther {
        /// The supplier's codes.
        yours: Vec<String>,
        /// The tender's.
        wanted: Vec<String>,
    },
    /// The business step has no KBLI yet.
    KbliNotGiven,
    /// A verified document, valid on the deadline.
    DocumentValid,
    /// Uploaded, not verified yet.
    DocumentInReview,
    /// None uploaded: "Belum ada sertifikat halal yang berlaku — tambahkan".
    DocumentMissing,
    /// The reviewer refused it.
    DocumentRejected,
    /// It has expired, or expires before the deadline.
    DocumentExpires {
        /// Its last day.
        on: Day,
    },
    /// The highest TKDN among the products is enough.
    TkdnEnough {
        /// That TKDN.
        highest: Tkdn,
        /// The tender's.
        wanted: Tkdn,
    },
    /// "TKDN produk tertinggi 32 % < 40 % yang diminta".
    TkdnLow {
        /// The highest TKDN among the products.
        highest: Tkdn,
        /// The tender's.
        wanted: Tkdn,
    },
    /// No product says its TKDN.
    TkdnNotGiven {
        /// The tender's.
        wanted: Tkdn,
    },
}

/// One requirement checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// Which.
    pub requirement: Requirement,
    /// Met or not.
    pub verdict: Verdict,
    /// Why.
    pub reason: Reason,
}

/// Every requirement of `tender` checked against `facts`: the KBLI (when
/// the tender names codes), each document, then the TKDN (when asked).
pub fn check(tender: &Requirements, facts: &SupplierFacts) -> Vec<Check> {
    let mut checks = Vec::new();
    if !tender.kbli.is_empty() {
        let (verdict, reason) = kbli(&tender.kbli, facts.kbli.as_deref());
        checks.push(Check {
            requirement: Requirement::Kbli,
            verdict,
            reason,
        });
    }
    for kind in &tender.documents {
        let (verdict, reason) = document(*kind, facts, tender.deadline);
        checks.push(Check {
            requirement: Requirement::Document(*kind),
            verdict,
            reason,
        });
    }
    if let Some(wanted) = tender.min_tkdn {
        let (verdict, reason) = match facts.highest_tkdn {
            Some(highest) if highest >= wanted => {
                (Verdict::Met, Reason::TkdnEnough { highest, wanted })
            }
            Some(highest) => (Verdict::NotMet, Reason::TkdnLow { highest, wanted }),
            None => (Verdict::Unknown, Reason::TkdnNotGiven { wanted }),
        };
        checks.push(Check {
            requirement: Requirement::Tkdn,
            verdict,
            reason,
        });
    }
    checks
}

/// The tender as a whole: not met if any requirement is not, unknown if
/// any is unknown, met otherwise (also when it asks nothing).
pub fn overall(checks: &[Check]) -> Verdict {
    checks
        .iter()
        .map(|check| check.verdict)
        .max()
        .unwrap_or(Verdict::Met)
}

fn kbli(wanted: &[String], yours: Option<&[String]>) -> (Verdict, Reason) {
    let yours = match yours {
        Some(codes) if !codes.is_empty() => codes,
        _ => return (Verdict::Unknown, Reason::KbliNotGiven),
    };
    match yours.iter().find(|code| wanted.contains(code)) {
        Some(code) => (Verdict::Met, Reason::KbliMatches { code: code.clone() }),
        None => (
            Verdict::NotMet,
            Reason::KbliOther {
                yours: yours.to_vec(),
                wanted: wanted.to_vec(),
            },
        ),
    }
}

/// The best the supplier has of `kind`: a verified one valid on the
/// deadline beats one in review, which beats a refused or expiring one.
fn document(kind: DocumentKind, facts: &SupplierFacts, deadline: Option<Day>) -> (Verdict, Reason) {
    let valid_until = deadline.unwrap_or(facts.today).max(facts.today);
    facts
        .documents
        .iter()
        .filter(|brief| brief.kind == kind)
        .map(|brief| match (brief.status, brief.expires_on) {
            (Status::Rejected, _) => (Verdict::NotMet, Reason::DocumentRejected),
            (Status::Expired, Some(on)) => (Verdict::NotMet, Reason::DocumentExpires { on }),
            (_, Some(on)) if on < valid_until => (Verdict::NotMet, Reason::DocumentExpires { on }),
            (Status::Expired, None) => (Verdict::NotMet, Reason::DocumentRejected),
            (Status::Verified, _) => (Verdict::Met, Reason::DocumentValid),
            (Status::Uploaded | Status::InReview, _) => {
                (Verdict::Unknown, Reason::DocumentInReview)
            }
        })
        .min_by_key(|(verdict, _)| *verdict)
        .unwrap_or((Verdict::NotMet, Reason::DocumentMissing))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document_status::tests::brief;
    use proptest::prelude::*;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    fn facts(documents: Vec<Brief>) -> SupplierFacts {
        SupplierFacts {
            kbli: Some(vec!["10792".into(), "47111".into()]),
            documents,
            highest_tkdn: Tkdn::parse("45").unwrap(),
            today: day("2026-12-01"),
        }
    }

    fn halal_tender() -> Requirements {
        Requirements {
            kbli: vec!["10792".into()],
            documents: vec![DocumentKind::Halal, DocumentKind::Pirt],
            min_tkdn: Tkdn::parse("40").unwrap(),
            deadline: Some(day("2026-12-20")),
        }
    }

    #[test]
    fn a_supplier_with_everything_verified_is_eligible() {
        let checks = check(
            &halal_tender(),
            &facts(vec![
                brief(DocumentKind::Halal, Status::Verified, None),
                brief(DocumentKind::Pirt, Status::Verified, Some("2029-01-01")),
            ]),
        );
        assert_eq!(checks.len(), 4);
        assert!(
            checks.iter().all(|c| c.verdict == Verdict::Met),
            "{checks:?}"
        );
        assert_eq!(overall(&checks), Verdict::Met);
    }

    #[test]
    fn a_document_must_be_valid_on_the_deadline_and_verified_to_count() {
        let checks = check(
            &halal_tender(),
            &facts(vec![
                brief(DocumentKind::Halal, Status::InReview, None),
                brief(DocumentKind::Pirt, Status::Verified, Some("2026-12-15")),
            ]),
        );
        assert_eq!(checks[1].reason, Reason::DocumentInReview);
        assert_eq!(checks[1].verdict, Verdict::Unknown);
        assert_eq!(
            checks[2].reason,
            Reason::DocumentExpires {
                on: day("2026-12-15")
            }
        );
        assert_eq!(overall(&checks), Verdict::NotMet);
    }

    #[test]
    fn the_best_document_of_a_kind_counts_and_a_missing_one_says_so() {
        let checks = check(
            &halal_tender(),
            &facts(vec![
                brief(DocumentKind::Halal, Status::Rejected, None),
                brief(DocumentKind::Halal, Status::Verified, None),
            ]),
        );
        assert_eq!(checks[1].verdict, Verdict::Met);
        assert_eq!(checks[2].reason, Reason::DocumentMissing);
    }

    #[test]
    fn kbli_and_tkdn_unknown_until_given() {
        let mut unknown = facts(vec![]);
        unknown.kbli = None;
        unknown.highest_tkdn = None;
        let checks = check(&halal_tender(), &unknown);
        assert_eq!(checks[0].reason, Reason::KbliNotGiven);
        assert_eq!(checks[3].verdict, Verdict::Unknown);
        let open = Requirements {
            kbli: vec![],
            documents: vec![],
            min_tkdn: None,
            deadline: None,
        };
        assert!(check(&open, &unknown).is_empty());
        assert_eq!(overall(&check(&open, &unknown)), Verdict::Met);
    }

    proptest! {
        #[test]
        fn one_check_per_requirement_and_overall_is_the_worst(
            wanted in prop::collection::vec("[0-9]{5}", 0..4),
            yours in prop::option::of(prop::collection::vec("[0-9]{5}", 0..4)),
            kinds in prop::collection::vec(0usize..11, 0..4),
            statuses in prop::collection::vec((0usize..11, 0usize..5, prop::option::of(0i64..800)), 0..6),
            min in prop::option::of(0u16..=10_000),
            highest in prop::option::of(0u16..=10_000),
        ) {
            let today = day("2026-12-01");
            let all = [Status::Uploaded, Status::InReview, Status::Verified, Status::Rejected, Status::Expired];
            let tender = Requirements {
                kbli: wanted.clone(),
                documents: kinds.iter().map(|i| DocumentKind::ALL[*i]).collect(),
                min_tkdn: min.and_then(Tkdn::from_hundredths),
                deadline: Some(Day::from_days_since_epoch(today.days_since_epoch() + 14)),
            };
            let documents = statuses.iter().map(|(kind, status, days)| Brief {
                id: 1,
                kind: DocumentKind::ALL[*kind],
                status: all[*status],
                expires_on: days.map(|d| Day::from_days_since_epoch(today.days_since_epoch() - 100 + d)),
                rejection_reason: None,
            }).collect();
            let facts = SupplierFacts { kbli: yours, documents, highest_tkdn: highest.and_then(Tkdn::from_hundredths), today };
            let checks = check(&tender, &facts);
            let expected = usize::from(!wanted.is_empty()) + kinds.len() + usize::from(min.is_some());
            prop_assert_eq!(checks.len(), expected);
            prop_assert!(checks.iter().all(|c| c.verdict <= overall(&checks)));
        }
    }
}
