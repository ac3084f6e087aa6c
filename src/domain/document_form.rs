//! A document's form (issue 12): its fields, each checked as typed, and
//! whether a change sends a document back to review. The form keeps its
//! values as text, the way they were typed ([`Draft`]); the wire's JSON is
//! written from them by `api::documents`.
//!
//! ```
//! use rantai::domain::calendar::Day;
//! use rantai::domain::document_form::{check, Field, Issue};
//! use rantai::domain::document::NumberIssue;
//! let today = Day::parse("2026-12-01").unwrap();
//! let draft = [("kind", "pirt"), ("number", "123")]
//!     .map(|(k, v)| (k.to_owned(), v.to_owned())).into();
//! let problems = check(&draft, today, true);
//! assert!(matches!(problems[0], (Field::Number, Issue::Number(NumberIssue::Id(_)))));
//! assert_eq!(problems[1], (Field::ExpiresOn, Issue::Date(rantai::domain::calendar::DateIssue::ExpiryRequired)));
//! ```

use super::calendar::{check_dates, DateIssue, Day};
use super::document::{check_number, DocumentKind, NumberIssue};
pub use super::profile::Draft;
use super::tkdn::{Tkdn, TkdnError};

/// The most characters of an issuer's name the contract takes.
pub const MAX_ISSUER: usize = 200;

/// BMP (Bobot Manfaat Perusahaan) is at most 15 %, in hundredths.
pub const MAX_BMP_HUNDREDTHS: u16 = 1_500;

/// A field of the form, named as the contract names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The kind of document.
    Kind,
    /// Its number.
    Number,
    /// Who issued it.
    Issuer,
    /// When.
    IssuedOn,
    /// Its last valid day.
    ExpiresOn,
    /// A TKDN certificate's local content, percent.
    Tkdn,
    /// A TKDN certificate's BMP, percent.
    Bmp,
    /// The file.
    File,
}

impl Field {
    /// Every field, in the form's order.
    pub const ALL: [Field; 8] = [
        Field::Kind,
        Field::Number,
        Field::Issuer,
        Field::IssuedOn,
        Field::ExpiresOn,
        Field::Tkdn,
        Field::Bmp,
        Field::File,
    ];

    /// Its name in the draft and on the wire.
    pub fn name(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Number => "number",
            Field::Issuer => "issuer",
            Field::IssuedOn => "issued_on",
            Field::ExpiresOn => "expires_on",
            Field::Tkdn => "tkdn_percent",
            Field::Bmp => "bmp_percent",
            Field::File => "upload_id",
        }
    }

    /// The field the server names `name` (as in a 422's `errors`).
    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.name() == name)
    }

    /// True when the form shows it for `kind` (the TKDN figures only for
    /// a TKDN certificate).
    pub fn shown_for(self, kind: Option<DocumentKind>) -> bool {
        match self {
            Field::Tkdn | Field::Bmp => kind == Some(DocumentKind::Tkdn),
            _ => true,
        }
    }
}

/// What is wrong with one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issue {
    /// No kind chosen.
    KindRequired,
    /// The number, by its kind's rules.
    Number(NumberIssue),
    /// The issuer's name is longer than [`MAX_ISSUER`].
    IssuerTooLong,
    /// A date.
    Date(DateIssue),
    /// A TKDN figure that is needed is empty.
    PercentRequired,
    /// A TKDN figure that is not a percentage.
    Percent(TkdnError),
    /// BMP over 15 %.
    BmpOverLimit,
    /// No file chosen.
    FileRequired,
}

/// The kind a draft names, if any.
pub fn kind_of(draft: &Draft) -> Option<DocumentKind> {
    draft
        .get(Field::Kind.name())
        .and_then(|code| DocumentKind::from_code(code))
}

fn typed(draft: &Draft, field: Field) -> &str {
    draft.get(field.name()).map_or("", |value| value.trim())
}

/// Checks every field of `draft` on `today` (a calendar day in Indonesia);
/// `has_file` when a file is chosen (uploaded or on its way). Answers each
/// field's first problem, in the form's order.
pub fn check(draft: &Draft, today: Day, has_file: bool) -> Vec<(Field, Issue)> {
    let mut problems = Vec::new();
    let Some(kind) = kind_of(draft) else {
        problems.push((Field::Kind, Issue::KindRequired));
        if !has_file {
            problems.push((Field::File, Issue::FileRequired));
        }
        return problems;
    };
    if let Err(issue) = check_number(kind, typed(draft, Field::Number)) {
        problems.push((Field::Number, Issue::Number(issue)));
    }
    if typed(draft, Field::Issuer).chars().count() > MAX_ISSUER {
        problems.push((Field::Issuer, Issue::IssuerTooLong));
    }
    let dates = check_dates(
        typed(draft, Field::IssuedOn),
        typed(draft, Field::ExpiresOn),
        kind.expires(),
        today,
    );
    if let Err(problem) = dates {
        let field = Field::from_name(problem.field).unwrap_or(Field::ExpiresOn);
        problems.push((field, Issue::Date(problem.issue)));
    }
    if kind == DocumentKind::Tkdn {
        for (field, limit) in [(Field::Tkdn, None), (Field::Bmp, Some(MAX_BMP_HUNDREDTHS))] {
            if let Err(issue) = percent(typed(draft, field), limit) {
                problems.push((field, issue));
            }
        }
    }
    if !has_file {
        problems.push((Field::File, Issue::FileRequired));
    }
    problems
}

/// A needed percentage, at most `limit` hundredths when given.
fn percent(typed: &str, limit: Option<u16>) -> Result<Tkdn, Issue> {
    let value = Tkdn::parse(typed)
        .map_err(Issue::Percent)?
        .ok_or(Issue::PercentRequired)?;
    match limit {
        Some(limit) if value.hundredths() > limit => Err(Issue::BmpOverLimit),
        _ => Ok(value),
    }
}

/// A percentage as the wire's JSON number, when it reads as one.
pub fn wire_percent(typed: &str) -> Option<f64> {
    Tkdn::parse(typed).ok().flatten().map(Tkdn::to_wire)
}

/// The number as it is kept (see [`check_number`]), or as typed when it
/// does not read (the server's 422 then names it).
pub fn wire_number(draft: &Draft) -> String {
    let number = typed(draft, Field::Number);
    kind_of(draft)
        .and_then(|kind| check_number(kind, number).ok())
        .unwrap_or_else(|| number.to_owned())
}

/// True when saving `now` over `before` (a document the reviewer has
/// verified or is reviewing) sends it back to review: a new file, another
/// kind, or another number (as kept, so `MD 1234…` and `MD1234…` are the
/// same), issuer or date. The person is told before they confirm.
pub fn sends_back_to_review(before: &Draft, now: &Draft, new_file: bool) -> bool {
    if new_file {
        return true;
    }
    let kept = |draft: &Draft, field: Field| match field {
        Field::Number => wire_number(draft),
        _ => typed(draft, field).to_owned(),
    };
    Field::ALL
        .into_iter()
        .filter(|field| *field != Field::File)
        .any(|field| kept(before, field) != kept(now, field))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn draft(pairs: &[(&str, &str)]) -> Draft {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    fn today() -> Day {
        Day::parse("2026-12-01").unwrap()
    }

    #[test]
    fn a_kind_is_chosen_first() {
        assert_eq!(
            check(&draft(&[]), today(), false),
            vec![
                (Field::Kind, Issue::KindRequired),
                (Field::File, Issue::FileRequired)
            ]
        );
        assert_eq!(
            check(&draft(&[("kind", "passport")]), today(), true),
            vec![(Field::Kind, Issue::KindRequired)]
        );
    }

    #[test]
    fn a_halal_certificate_needs_its_number_but_no_expiry() {
        let halal = draft(&[("kind", "halal"), ("number", "ID31110000123450924")]);
        assert_eq!(check(&halal, today(), true), vec![]);
        let wrong = draft(&[("kind", "halal"), ("number", "31110000123450924")]);
        assert_eq!(
            check(&wrong, today(), true),
            vec![(Field::Number, Issue::Number(NumberIssue::HalalFormat))]
        );
    }

    #[test]
    fn a_bpom_number_expires_after_it_was_issued() {
        let bpom = draft(&[
            ("kind", "bpom"),
            ("number", "MD 2345 6789 0123"),
            ("issued_on", "2025-03-01"),
            ("expires_on", "2024-03-01"),
        ]);
        assert_eq!(
            check(&bpom, today(), true),
            vec![(
                Field::ExpiresOn,
                Issue::Date(DateIssue::ExpiresBeforeIssued)
            )]
        );
    }

    #[test]
    fn a_tkdn_certificate_needs_both_figures_bmp_at_most_15() {
        let base = [
            ("kind", "tkdn"),
            ("number", "TKDN-0412/2025"),
            ("expires_on", "2028-01-31"),
        ];
        let with = |tkdn: &str, bmp: &str| {
            let mut d = draft(&base);
            d.insert("tkdn_percent".into(), tkdn.into());
            d.insert("bmp_percent".into(), bmp.into());
            check(&d, today(), true)
        };
        assert_eq!(with("45,5", "10"), vec![]);
        assert_eq!(
            with("", "15,01"),
            vec![
                (Field::Tkdn, Issue::PercentRequired),
                (Field::Bmp, Issue::BmpOverLimit)
            ]
        );
        assert_eq!(
            with("40,255", "abc"),
            vec![
                (Field::Tkdn, Issue::Percent(TkdnError::TooManyDecimals)),
                (Field::Bmp, Issue::Percent(TkdnError::NotANumber))
            ]
        );
        // Another kind has no TKDN figures to check.
        let mut iso = draft(&[
            ("kind", "iso"),
            ("number", "QMS/123"),
            ("expires_on", "2027-05-01"),
        ]);
        iso.insert("bmp_percent".into(), "99".into());
        assert_eq!(check(&iso, today(), true), vec![]);
    }

    #[test]
    fn the_file_is_needed() {
        let nib = draft(&[("kind", "nib"), ("number", "9120 0012 3456 7")]);
        assert_eq!(
            check(&nib, today(), false),
            vec![(Field::File, Issue::FileRequired)]
        );
    }

    #[test]
    fn only_a_change_the_reviewer_checked_sends_back_to_review() {
        let before = draft(&[
            ("kind", "bpom"),
            ("number", "MD234567890123"),
            ("issuer", "BPOM"),
        ]);
        let spaced = draft(&[
            ("kind", "bpom"),
            ("number", "md 2345 6789 0123"),
            ("issuer", "BPOM "),
        ]);
        assert!(!sends_back_to_review(&before, &spaced, false));
        assert!(sends_back_to_review(&before, &spaced, true));
        let other = draft(&[
            ("kind", "bpom"),
            ("number", "MD234567890124"),
            ("issuer", "BPOM"),
        ]);
        assert!(sends_back_to_review(&before, &other, false));
    }

    proptest! {
        #[test]
        fn checking_never_panics_and_names_each_field_once(
            kind in prop::sample::select(vec!["", "nib", "npwp", "ktp", "halal", "pirt", "bpom", "sni", "tkdn", "iso", "bank_proof", "other", "x"]),
            values in prop::collection::vec(".{0,40}", 7),
            has_file in any::<bool>(),
        ) {
            let mut d = draft(&[("kind", kind)]);
            for (field, value) in Field::ALL.into_iter().skip(1).zip(values) {
                d.insert(field.name().into(), value);
            }
            let problems = check(&d, today(), has_file);
            for field in Field::ALL {
                prop_assert!(problems.iter().filter(|(f, _)| *f == field).count() <= 1);
            }
            prop_assert_eq!(problems.iter().any(|(f, _)| *f == Field::File), !has_file);
        }

        #[test]
        fn a_draft_is_never_sent_back_to_review_by_itself(
            number in "[A-Za-z0-9 .-]{0,20}", issuer in ".{0,20}",
        ) {
            let d = draft(&[("kind", "pirt"), ("number", &number), ("issuer", &issuer)]);
            prop_assert!(!sends_back_to_review(&d, &d, false));
        }
    }
}
