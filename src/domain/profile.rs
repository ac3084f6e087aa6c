//! The supplier profile the registration wizard fills in: four sections
//! (business, owner, address, bank), each a list of named fields kept as the
//! person typed them, and the checks that say what is wrong with each.
//!
//! Every section is the same shape, a [`Draft`] of text values, so one store,
//! one save path and one conflict view serve all four; a field's [`Kind`]
//! says how its text is checked and how it goes on the wire.

use std::collections::BTreeMap;

use super::business::plausible_email;
use super::identifiers::{self, IdError};
use super::money::{parse_rupiah, MoneyError};
use super::phone::{normalize_mobile, PhoneError};

/// What a person typed in one section: field name → text as typed. A yes/no
/// is `"true"`/`"false"`, a list (KBLI codes) is comma-separated.
pub type Draft = BTreeMap<String, String>;

/// A section of the profile, in wizard order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// The business: name, legal form, NIB, NPWP, PKP, capital, sales, KBLI.
    Business,
    /// The owner as on the KTP.
    Owner,
    /// The business address.
    Address,
    /// The bank account payments go to.
    Bank,
}

/// Which identifier a digits field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdKind {
    /// NIB, 13 digits.
    Nib,
    /// NPWP, 15 or 16 digits.
    Npwp,
    /// NIK, 16 digits.
    Nik,
    /// Postal code, 5 digits.
    PostalCode,
    /// Bank account number, 6 to 20 digits.
    Account,
}

/// How a field's text is checked and sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text up to this many characters.
    Text(usize),
    /// One of a fixed list of codes (legal form, bank, region).
    Choice,
    /// An identifier: digits, separators allowed.
    Digits(IdKind),
    /// Whole rupiah.
    Money,
    /// Yes or no.
    YesNo,
    /// A list of codes (KBLI), comma-separated in the draft.
    Codes,
    /// An Indonesian mobile number.
    Phone,
    /// An email address.
    Email,
}

/// One field of a section.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Its name in the contract (and the suffix of its input's `id`).
    pub name: &'static str,
    /// How it is checked.
    pub kind: Kind,
    /// Needed before the profile can be submitted.
    pub required: bool,
}

const fn field(name: &'static str, kind: Kind, required: bool) -> Field {
    Field {
        name,
        kind,
        required,
    }
}

const BUSINESS: [Field; 8] = [
    field("name", Kind::Text(200), true),
    field("legal_form", Kind::Choice, true),
    field("nib", Kind::Digits(IdKind::Nib), true),
    field("npwp", Kind::Digits(IdKind::Npwp), true),
    field("pkp", Kind::YesNo, true),
    field("capital", Kind::Money, true),
    field("annual_sales", Kind::Money, false),
    field("kbli", Kind::Codes, true),
];
const OWNER: [Field; 4] = [
    field("name", Kind::Text(200), true),
    field("nik", Kind::Digits(IdKind::Nik), true),
    field("phone", Kind::Phone, true),
    field("email", Kind::Email, false),
];
const ADDRESS: [Field; 6] = [
    field("province", Kind::Choice, true),
    field("regency", Kind::Choice, true),
    field("district", Kind::Choice, true),
    field("village", Kind::Choice, true),
    field("street", Kind::Text(300), true),
    field("postal_code", Kind::Digits(IdKind::PostalCode), true),
];
const BANK: [Field; 3] = [
    field("bank_code", Kind::Choice, true),
    field("account_number", Kind::Digits(IdKind::Account), true),
    field("holder_name", Kind::Text(200), true),
];

impl Section {
    /// The four sections, in wizard order.
    pub const ALL: [Section; 4] = [
        Section::Business,
        Section::Owner,
        Section::Address,
        Section::Bank,
    ];

    /// Its name in the contract and in the wizard's URL.
    pub fn slug(self) -> &'static str {
        match self {
            Section::Business => "business",
            Section::Owner => "owner",
            Section::Address => "address",
            Section::Bank => "bank",
        }
    }

    /// The section named `slug`.
    pub fn from_slug(slug: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// Its step number in the wizard (1 to 4; check-your-answers is 5).
    pub fn step(self) -> usize {
        self as usize + 1
    }

    /// Its fields, in the order the page asks for them.
    pub fn fields(self) -> &'static [Field] {
        match self {
            Section::Business => &BUSINESS,
            Section::Owner => &OWNER,
            Section::Address => &ADDRESS,
            Section::Bank => &BANK,
        }
    }

    /// The field called `name`.
    pub fn field(self, name: &str) -> Option<Field> {
        self.fields().iter().copied().find(|f| f.name == name)
    }
}

/// The wizard's steps: the four sections and check-your-answers.
pub const STEPS: usize = 5;

/// What is wrong with one field's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issue {
    /// Needed and empty.
    Required,
    /// Longer than allowed.
    TooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// Not a valid identifier.
    Id(IdError),
    /// Not an Indonesian mobile number.
    Phone(PhoneError),
    /// Not an email address.
    Email,
    /// Not an amount of rupiah.
    Money(MoneyError),
}

/// A problem with a named field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldIssue {
    /// The field's name.
    pub field: &'static str,
    /// What is wrong.
    pub issue: Issue,
}

/// Checks one value. Empty is fine here (see [`check`] for required
/// fields); `known_regency("PP.RR")` says whether a NIK's regency exists,
/// and should answer `true` when the list is not at hand (never block on
/// what cannot be checked).
pub fn check_value(
    kind: Kind,
    value: &str,
    known_regency: &dyn Fn(&str) -> bool,
) -> Result<(), Issue> {
    if value.trim().is_empty() {
        return Ok(());
    }
    match kind {
        Kind::Text(max) if value.trim().chars().count() > max => Err(Issue::TooLong { max }),
        Kind::Text(_) | Kind::Choice | Kind::YesNo | Kind::Codes => Ok(()),
        Kind::Money => parse_rupiah(value).map(|_| ()).map_err(Issue::Money),
        Kind::Phone => normalize_mobile(value).map(|_| ()).map_err(Issue::Phone),
        Kind::Email if plausible_email(value.trim()) => Ok(()),
        Kind::Email => Err(Issue::Email),
        Kind::Digits(id) => {
            let digits = identifiers::digits(value).map_err(Issue::Id)?;
            let result = match id {
                IdKind::Nib => identifiers::nib(&digits),
                IdKind::Npwp => identifiers::npwp(&digits, known_regency),
                IdKind::Nik => identifiers::nik(&digits, known_regency).map(|_| digits),
                IdKind::PostalCode => identifiers::postal_code(&digits),
                IdKind::Account => identifiers::account_number(&digits),
            };
            result.map(|_| ()).map_err(Issue::Id)
        }
    }
}

/// Every problem in `draft`; with `require_all`, empty required fields too
/// (what "Save and continue" and submitting ask for).
pub fn check(
    section: Section,
    draft: &Draft,
    known_regency: &dyn Fn(&str) -> bool,
    require_all: bool,
) -> Vec<FieldIssue> {
    section
        .fields()
        .iter()
        .filter_map(|field| {
            let value = draft.get(field.name).map(String::as_str).unwrap_or("");
            let issue = if value.trim().is_empty() {
                (require_all && field.required).then_some(Issue::Required)
            } else {
                check_value(field.kind, value, known_regency).err()
            };
            issue.map(|issue| FieldIssue {
                field: field.name,
                issue,
            })
        })
        .collect()
}

/// The required fields of `draft` that are still empty.
pub fn missing(section: Section, draft: &Draft) -> Vec<&'static str> {
    section
        .fields()
        .iter()
        .filter(|f| f.required && draft.get(f.name).is_none_or(|v| v.trim().is_empty()))
        .map(|f| f.name)
        .collect()
}

/// A value in the form the server stores it, for comparing: identifiers as
/// their digits, amounts as numbers, phones in E.164, text trimmed. What
/// does not parse stays as typed.
pub fn canonical(kind: Kind, value: &str) -> String {
    let value = value.trim();
    let parsed = match kind {
        Kind::Digits(IdKind::Npwp) => identifiers::digits(value)
            .ok()
            .map(|digits| identifiers::npwp(&digits, |_| true).unwrap_or(digits)),
        Kind::Digits(_) => identifiers::digits(value).ok(),
        Kind::Money => parse_rupiah(value)
            .ok()
            .flatten()
            .map(|amount| amount.to_string()),
        Kind::Phone => normalize_mobile(value).ok(),
        Kind::Codes => Some(codes(value).join(",")),
        _ => None,
    };
    parsed.unwrap_or_else(|| value.to_owned())
}

/// The fields whose values differ between two drafts once written the way
/// the server stores them (so `0123 4567` and `01234567` are the same), in
/// the section's order: what a conflict shows side by side.
pub fn differences(section: Section, mine: &Draft, theirs: &Draft) -> Vec<&'static str> {
    let value = |draft: &Draft, field: &Field| {
        canonical(
            field.kind,
            draft.get(field.name).map(String::as_str).unwrap_or(""),
        )
    };
    section
        .fields()
        .iter()
        .filter(|f| value(mine, f) != value(theirs, f))
        .map(|f| f.name)
        .collect()
}

/// The KBLI codes of a draft's comma-separated list.
pub fn codes(list: &str) -> Vec<&str> {
    list.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// True when an account holder's name is one of `names` (the business's,
/// the owner's), ignoring case, punctuation, extra spaces and the usual
/// prefixes of a business name (CV, PT, UD, Toko, Koperasi). Names on a KTP
/// and a bank account are written in the Latin letters A–Z, so ASCII case
/// folding is enough (and keeps Unicode's case tables out of the wasm).
pub fn holder_matches(holder: &str, names: &[String]) -> bool {
    fn plain(name: &str) -> String {
        const PREFIXES: [&str; 7] = ["cv", "pt", "ud", "toko", "koperasi", "kop", "bpk"];
        name.to_ascii_lowercase()
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty() && !PREFIXES.contains(word))
            .collect::<Vec<_>>()
            .join(" ")
    }
    let holder = plain(holder);
    names.iter().any(|name| plain(name) == holder)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_regency(_: &str) -> bool {
        true
    }

    /// A draft of these field names and values.
    pub(crate) fn draft(pairs: &[(&str, &str)]) -> Draft {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn a_complete_business_section_has_no_problems() {
        let business = draft(&[
            ("name", "Keripik Bu Sari"),
            ("legal_form", "perorangan"),
            ("nib", "1234567890123"),
            ("npwp", "01.234.567.4-901.000"),
            ("pkp", "false"),
            ("capital", "Rp50.000.000"),
            ("kbli", "10794"),
        ]);
        assert_eq!(
            check(Section::Business, &business, &any_regency, true),
            vec![]
        );
        assert!(missing(Section::Business, &business).is_empty());
    }

    #[test]
    fn empty_required_fields_count_only_when_everything_is_asked_for() {
        let partial = draft(&[("name", "Keripik Bu Sari"), ("nib", "123")]);
        let while_typing = check(Section::Business, &partial, &any_regency, false);
        assert_eq!(
            while_typing,
            vec![FieldIssue {
                field: "nib",
                issue: Issue::Id(IdError::Length {
                    min: 13,
                    max: 13,
                    typed: 3
                })
            }]
        );
        let on_continue = check(Section::Business, &partial, &any_regency, true);
        assert_eq!(on_continue.len(), 6);
        assert!(on_continue.contains(&FieldIssue {
            field: "kbli",
            issue: Issue::Required
        }));
        assert!(!on_continue.iter().any(|i| i.field == "annual_sales"));
    }

    #[test]
    fn each_kind_of_field_is_checked_by_its_own_rule() {
        let owner = draft(&[
            ("name", &"x".repeat(201)),
            ("nik", "3402014508850001"),
            ("phone", "0712"),
            ("email", "sari@"),
        ]);
        let problems = check(Section::Owner, &owner, &|r| r == "34.02", true);
        assert_eq!(
            problems,
            vec![
                FieldIssue {
                    field: "name",
                    issue: Issue::TooLong { max: 200 }
                },
                FieldIssue {
                    field: "phone",
                    issue: Issue::Phone(PhoneError::NotMobile)
                },
                FieldIssue {
                    field: "email",
                    issue: Issue::Email
                },
            ]
        );
        let unknown_region = check(Section::Owner, &owner, &|_| false, false);
        assert!(unknown_region.contains(&FieldIssue {
            field: "nik",
            issue: Issue::Id(IdError::Region)
        }));
        assert_eq!(
            check_value(Kind::Money, "1,5", &any_regency),
            Err(Issue::Money(MoneyError::Cents))
        );
        assert_eq!(
            check_value(Kind::Digits(IdKind::PostalCode), "55 711", &any_regency),
            Ok(())
        );
    }

    #[test]
    fn differences_ignore_surrounding_space_and_absent_versus_empty() {
        let mine = draft(&[("name", "Bu Sari "), ("nik", "1"), ("email", "")]);
        let theirs = draft(&[("name", "Bu Sari"), ("nik", "2")]);
        assert_eq!(differences(Section::Owner, &mine, &theirs), vec!["nik"]);
    }

    #[test]
    fn a_value_as_typed_and_as_the_server_stores_it_are_no_difference() {
        let typed = draft(&[
            ("nib", "1234 5678 90123"),
            ("capital", "Rp50.000.000"),
            ("kbli", "10794, 47111"),
        ]);
        let stored = draft(&[
            ("nib", "1234567890123"),
            ("capital", "50000000"),
            ("kbli", "10794,47111"),
        ]);
        assert!(differences(Section::Business, &typed, &stored).is_empty());
        let phone_typed = draft(&[("phone", "0812-3456-7890")]);
        let phone_stored = draft(&[("phone", "+6281234567890")]);
        assert!(differences(Section::Owner, &phone_typed, &phone_stored).is_empty());
    }

    #[test]
    fn sections_round_trip_through_their_slugs_and_know_their_step() {
        for section in Section::ALL {
            assert_eq!(Section::from_slug(section.slug()), Some(section));
        }
        assert_eq!(Section::Owner.step(), 2);
        assert_eq!(Section::from_slug("check"), None);
        assert_eq!(codes(" 10794, ,47111"), vec!["10794", "47111"]);
    }

    #[test]
    fn a_holder_name_matches_its_business_or_owner_however_it_is_written() {
        let names = [
            "CV. Keripik Bu Sari".to_owned(),
            "Sari Wulandari".to_owned(),
        ];
        assert!(holder_matches("KERIPIK BU SARI", &names));
        assert!(holder_matches("sari  wulandari", &names));
        assert!(!holder_matches("Budi Santoso", &names));
    }

    proptest! {
        #[test]
        fn checking_any_text_in_any_field_never_panics(section in 0usize..4, value in "\\PC{0,40}") {
            let section = Section::ALL[section];
            for field in section.fields() {
                let one = draft(&[(field.name, value.as_str())]);
                let _ = check(section, &one, &any_regency, true);
            }
        }
    }
}
