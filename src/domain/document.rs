//! The supplier's papers (issue 12): the kinds the contract knows, which
//! are needed for verification and which are certificates, each kind's
//! number as `domain.md` describes it, and which kinds expire. Dates and
//! the 60-day expiry warning are in [`super::calendar`].
//!
//! ```
//! use rantai::domain::document::{check_number, DocumentKind, NumberIssue};
//! assert_eq!(check_number(DocumentKind::Pirt, "2063401010012-25"), Ok("206340101001225".into()));
//! assert_eq!(check_number(DocumentKind::Bpom, "md 2345 6789 0123"), Ok("MD234567890123".into()));
//! assert_eq!(check_number(DocumentKind::Bpom, "MX234567890123"), Err(NumberIssue::BpomPrefix));
//! assert!(DocumentKind::Tkdn.expires() && !DocumentKind::Nib.expires());
//! ```

use super::identifiers::{self, IdError};

/// A kind of document, by its code in the contract (`DocumentKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    /// NIB, the business licence number from OSS.
    Nib,
    /// The NPWP card.
    Npwp,
    /// The owner's KTP (identity card).
    Ktp,
    /// A halal certificate (BPJPH).
    Halal,
    /// P-IRT, the home-industry food licence.
    Pirt,
    /// A BPOM registration (MD domestic, ML imported).
    Bpom,
    /// An SNI certificate (SPPT SNI).
    Sni,
    /// A TKDN (local content) certificate.
    Tkdn,
    /// ISO 9001 or another ISO certificate.
    Iso,
    /// Proof of the bank account (the passbook's first page).
    BankProof,
    /// Anything else a buyer asks for.
    Other,
}

/// Where a kind belongs in the wallet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// Papers the reviewer needs to verify the supplier.
    NeededForVerification,
    /// Certificates of products and processes.
    Certificate,
}

impl DocumentKind {
    /// Every kind, the wallet's order.
    pub const ALL: [DocumentKind; 11] = [
        DocumentKind::Nib,
        DocumentKind::Npwp,
        DocumentKind::Ktp,
        DocumentKind::BankProof,
        DocumentKind::Halal,
        DocumentKind::Pirt,
        DocumentKind::Bpom,
        DocumentKind::Sni,
        DocumentKind::Tkdn,
        DocumentKind::Iso,
        DocumentKind::Other,
    ];

    /// Its code in the contract.
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::Nib => "nib",
            DocumentKind::Npwp => "npwp",
            DocumentKind::Ktp => "ktp",
            DocumentKind::Halal => "halal",
            DocumentKind::Pirt => "pirt",
            DocumentKind::Bpom => "bpom",
            DocumentKind::Sni => "sni",
            DocumentKind::Tkdn => "tkdn",
            DocumentKind::Iso => "iso",
            DocumentKind::BankProof => "bank_proof",
            DocumentKind::Other => "other",
        }
    }

    /// The kind whose code is `code`.
    pub fn from_code(code: &str) -> Option<DocumentKind> {
        DocumentKind::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
    }

    /// Where it belongs in the wallet.
    pub fn group(self) -> Group {
        match self {
            DocumentKind::Nib
            | DocumentKind::Npwp
            | DocumentKind::Ktp
            | DocumentKind::BankProof => Group::NeededForVerification,
            _ => Group::Certificate,
        }
    }

    /// True when papers of this kind expire, so their expiry date is
    /// asked for: P-IRT (5 years), BPOM registrations (5 years), SNI, TKDN
    /// (2 or 3 years) and ISO certificates. A halal certificate lasts until
    /// the product or process changes; NIB, NPWP, a KTP (since 2011) and a
    /// passbook do not expire.
    pub fn expires(self) -> bool {
        matches!(
            self,
            DocumentKind::Pirt
                | DocumentKind::Bpom
                | DocumentKind::Sni
                | DocumentKind::Tkdn
                | DocumentKind::Iso
        )
    }

    /// True when the number is asked for (a passbook and other papers may
    /// have none).
    pub fn needs_number(self) -> bool {
        !matches!(self, DocumentKind::BankProof | DocumentKind::Other)
    }
}

/// What is wrong with a document's number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberIssue {
    /// Needed and empty.
    Required,
    /// An identifier's own problem (NIB, NPWP, NIK, P-IRT digits).
    Id(IdError),
    /// A BPOM number starts with `MD` or `ML`.
    BpomPrefix,
    /// A halal certificate number starts with `ID` and digits follow.
    HalalFormat,
    /// An SNI certificate names its standard: `SNI 3140.3:2010`.
    SniStandard,
    /// Longer than the contract allows (100 characters).
    TooLong,
}

/// The most characters of a number the contract takes.
pub const MAX_NUMBER: usize = 100;

/// The number of a document of `kind`, as it is kept (digits only for
/// identifiers, `MD`/`ML` + digits for BPOM, `ID` + digits for halal,
/// trimmed for the rest), or what is wrong with it.
pub fn check_number(kind: DocumentKind, typed: &str) -> Result<String, NumberIssue> {
    let typed = typed.trim();
    if typed.is_empty() {
        return if kind.needs_number() {
            Err(NumberIssue::Required)
        } else {
            Ok(String::new())
        };
    }
    if typed.chars().count() > MAX_NUMBER {
        return Err(NumberIssue::TooLong);
    }
    let id = |result: Result<String, IdError>| result.map_err(NumberIssue::Id);
    let digits = || identifiers::digits(typed).map_err(NumberIssue::Id);
    match kind {
        DocumentKind::Nib => id(identifiers::nib(&digits()?)),
        DocumentKind::Npwp => id(identifiers::npwp(&digits()?, |_| true)),
        DocumentKind::Ktp => {
            let nik = digits()?;
            id(identifiers::nik(&nik, |_| true).map(|_| nik))
        }
        DocumentKind::Pirt => exactly(digits()?, 15),
        DocumentKind::Bpom => prefixed(typed, &["MD", "ML"], NumberIssue::BpomPrefix)
            .and_then(|(prefix, rest)| exactly(rest, 12).map(|d| format!("{prefix}{d}"))),
        DocumentKind::Halal => match prefixed(typed, &["ID"], NumberIssue::HalalFormat) {
            Ok((prefix, rest)) if (8..=30).contains(&rest.len()) => Ok(format!("{prefix}{rest}")),
            _ => Err(NumberIssue::HalalFormat),
        },
        DocumentKind::Sni if !cites_sni_standard(typed) => Err(NumberIssue::SniStandard),
        _ => Ok(typed.to_owned()),
    }
}

/// `digits` when there are exactly `len`.
fn exactly(digits: String, len: usize) -> Result<String, NumberIssue> {
    if digits.len() == len {
        Ok(digits)
    } else {
        Err(NumberIssue::Id(IdError::Length {
            min: len,
            max: len,
            typed: digits.len(),
        }))
    }
}

/// `typed` as one of `prefixes` (any case) and the digits after it.
fn prefixed(
    typed: &str,
    prefixes: &[&'static str],
    wrong: NumberIssue,
) -> Result<(&'static str, String), NumberIssue> {
    let head = typed
        .get(..2)
        .map(str::to_ascii_uppercase)
        .unwrap_or_default();
    let prefix = prefixes.iter().find(|p| **p == head).ok_or(wrong)?;
    let rest = typed.get(2..).unwrap_or_default();
    let digits = identifiers::digits(rest).map_err(|_| wrong)?;
    Ok((prefix, digits))
}

/// True when `typed` cites a standard as `SNI <number>:<year>`
/// (`SNI 3140.3:2010`, `SNI ISO 9001:2015`).
fn cites_sni_standard(typed: &str) -> bool {
    let upper = typed.to_ascii_uppercase();
    upper.match_indices("SNI").any(|(at, _)| {
        let rest = &upper[at + 3..];
        match rest.split_once(':') {
            Some((number, year)) => {
                let number = number.trim();
                !number.is_empty()
                    && number.len() <= 30
                    && number.chars().any(|c| c.is_ascii_digit())
                    && year.bytes().take(4).filter(u8::is_ascii_digit).count() == 4
            }
            None => false,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_kind_reads_back_from_its_code_and_belongs_somewhere() {
        for kind in DocumentKind::ALL {
            assert_eq!(DocumentKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(DocumentKind::from_code("passport"), None);
        assert_eq!(
            DocumentKind::BankProof.group(),
            Group::NeededForVerification
        );
        assert_eq!(DocumentKind::Halal.group(), Group::Certificate);
    }

    #[test]
    fn numbers_are_read_as_people_write_them() {
        let ok = |kind, typed: &str, kept: &str| {
            assert_eq!(check_number(kind, typed), Ok(kept.to_owned()), "{typed}")
        };
        ok(DocumentKind::Nib, "1234 5678 90123", "1234567890123");
        ok(DocumentKind::Pirt, "2063401010012-25", "206340101001225");
        ok(DocumentKind::Bpom, "ML 1234 5678 9012", "ML123456789012");
        ok(
            DocumentKind::Halal,
            "ID00410000012345678",
            "ID00410000012345678",
        );
        ok(
            DocumentKind::Sni,
            "SPPT-0123 SNI 3140.3:2010",
            "SPPT-0123 SNI 3140.3:2010",
        );
        ok(DocumentKind::Iso, " QMS/2024/117 ", "QMS/2024/117");
        ok(DocumentKind::BankProof, "", "");
    }

    #[test]
    fn each_wrong_number_says_what_is_wrong() {
        let length = |min, typed| {
            NumberIssue::Id(IdError::Length {
                min,
                max: min,
                typed,
            })
        };
        assert_eq!(
            check_number(DocumentKind::Nib, ""),
            Err(NumberIssue::Required)
        );
        assert_eq!(
            check_number(DocumentKind::Pirt, "20634010100122"),
            Err(length(15, 14))
        );
        assert_eq!(
            check_number(DocumentKind::Bpom, "MD 1234"),
            Err(length(12, 4))
        );
        // A year typed with an emoji or a full-width digit in its first
        // four bytes (a panic once: the year was cut inside a character).
        for typed in ["SNI 3140.3:20😀", "SNI 3140.3:201€", "SNI 1:２０１０"] {
            assert_eq!(
                check_number(DocumentKind::Sni, typed),
                Err(NumberIssue::SniStandard),
                "{typed}"
            );
        }
        assert_eq!(
            check_number(DocumentKind::Bpom, "SP123456789012"),
            Err(NumberIssue::BpomPrefix)
        );
        assert_eq!(
            check_number(DocumentKind::Halal, "00410000012345678"),
            Err(NumberIssue::HalalFormat)
        );
        assert_eq!(
            check_number(DocumentKind::Halal, "ID123"),
            Err(NumberIssue::HalalFormat)
        );
        assert_eq!(
            check_number(DocumentKind::Sni, "SPPT-0123"),
            Err(NumberIssue::SniStandard)
        );
        assert_eq!(
            check_number(DocumentKind::Sni, "SNI 3140:20"),
            Err(NumberIssue::SniStandard)
        );
        assert_eq!(
            check_number(DocumentKind::Ktp, "3402014508850001"),
            Ok("3402014508850001".into())
        );
        assert_eq!(
            check_number(DocumentKind::Ktp, "3402019908850001"),
            Err(NumberIssue::Id(IdError::BirthDate))
        );
        assert_eq!(
            check_number(DocumentKind::Other, &"x".repeat(101)),
            Err(NumberIssue::TooLong)
        );
    }

    proptest! {
        #[test]
        fn no_typed_number_makes_a_check_panic(kind in 0usize..11, typed in ".{0,120}") {
            let _ = check_number(DocumentKind::ALL[kind], &typed);
        }

        #[test]
        fn an_sni_year_with_any_character_in_it_is_refused_not_a_panic(
            digits in "[0-9]{0,3}",
            odd in "[^0-9]",
            after in ".{0,4}",
        ) {
            let typed = format!("SNI 3140.3:{digits}{odd}{after}");
            prop_assert_eq!(check_number(DocumentKind::Sni, &typed), Err(NumberIssue::SniStandard));
        }

        #[test]
        fn a_kept_number_is_kept_again_unchanged(kind in 0usize..11, typed in "[A-Za-z0-9 .:/-]{0,40}") {
            let kind = DocumentKind::ALL[kind];
            if let Ok(kept) = check_number(kind, &typed) {
                prop_assert_eq!(check_number(kind, &kept), Ok(kept.clone()));
            }
        }
    }
}
