//! Indonesian identifiers: NIB, NIK, NPWP (15 and 16 digits), postal code,
//! bank account number. Each takes the digits (see [`digits`]) and says
//! what is wrong in a way the UI can turn into "NIB has 13 digits; you typed 12".

/// Why an identifier is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdError {
    /// A character other than digits, spaces, dots and hyphens.
    NotDigits,
    /// The wrong number of digits: `expected` (a range for some), `typed`.
    Length {
        /// Fewest digits allowed.
        min: usize,
        /// Most digits allowed.
        max: usize,
        /// Digits typed.
        typed: usize,
    },
    /// The legacy NPWP's check digit does not match.
    Checksum,
    /// The NIK's birth date is not a real date.
    BirthDate,
    /// The NIK's region is not a known regency.
    Region,
}

impl IdError {
    /// A stable code for the API's field errors.
    pub fn code(self) -> &'static str {
        match self {
            IdError::NotDigits => "format",
            IdError::Length { .. } => "length",
            IdError::Checksum => "checksum",
            IdError::BirthDate => "date",
            IdError::Region => "region",
        }
    }
}

/// The digits of `typed`, allowing the spaces, dots and hyphens people type.
pub fn digits(typed: &str) -> Result<String, IdError> {
    let mut out = String::with_capacity(typed.len());
    for character in typed.chars() {
        match character {
            '0'..='9' => out.push(character),
            ' ' | '.' | '-' | '\u{a0}' => {}
            _ => return Err(IdError::NotDigits),
        }
    }
    Ok(out)
}

fn exact(digits: &str, len: usize) -> Result<(), IdError> {
    if digits.len() == len {
        Ok(())
    } else {
        Err(IdError::Length {
            min: len,
            max: len,
            typed: digits.len(),
        })
    }
}

/// NIB: exactly 13 digits (no published checksum).
pub fn nib(digits: &str) -> Result<String, IdError> {
    exact(digits, 13).map(|()| digits.to_owned())
}

/// Postal code: 5 digits.
pub fn postal_code(digits: &str) -> Result<String, IdError> {
    exact(digits, 5).map(|()| digits.to_owned())
}

/// Bank account number: 6 to 20 digits.
pub fn account_number(digits: &str) -> Result<String, IdError> {
    if (6..=20).contains(&digits.len()) {
        Ok(digits.to_owned())
    } else {
        Err(IdError::Length {
            min: 6,
            max: 20,
            typed: digits.len(),
        })
    }
}

/// Luhn check digit over `digits`.
fn luhn_check_digit(digits: &str) -> u32 {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(index, byte)| {
            let digit = u32::from(byte - b'0');
            if index % 2 == 0 {
                let doubled = digit * 2;
                if doubled > 9 {
                    doubled - 9
                } else {
                    doubled
                }
            } else {
                digit
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// What a NIK says about its holder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NikInfo {
    /// `PP.RR`, the regency of registration.
    pub regency: String,
    /// Day, month and two-digit year of birth.
    pub birth: (u32, u32, u32),
    /// Registered as female (day + 40).
    pub female: bool,
}

/// NIK: 16 digits `PPRRSSDDMMYYXXXX`, a real birth date (day + 40 for
/// women) and a regency `known_regency("PP.RR")` accepts.
pub fn nik(digits: &str, known_regency: impl Fn(&str) -> bool) -> Result<NikInfo, IdError> {
    exact(digits, 16)?;
    let number = |range: std::ops::Range<usize>| digits[range].parse::<u32>().unwrap_or(0);
    let regency = format!("{}.{}", &digits[0..2], &digits[2..4]);
    let raw_day = number(6..8);
    let female = raw_day > 40;
    let day = if female { raw_day - 40 } else { raw_day };
    let (month, year) = (number(8..10), number(10..12));
    if !is_real_date(day, month, year) {
        return Err(IdError::BirthDate);
    }
    if !known_regency(&regency) {
        return Err(IdError::Region);
    }
    Ok(NikInfo {
        regency,
        birth: (day, month, year),
        female,
    })
}

/// True when day/month exist in the two-digit year (29 Feb in leap years;
/// "00" counts as 2000, a leap year).
fn is_real_date(day: u32, month: u32, year: u32) -> bool {
    let leap = year.is_multiple_of(4);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// NPWP as 16 digits: a 16-digit one as it is (one not starting with `0`
/// is a NIK, checked as such), a legacy 15-digit one with a valid check
/// digit gets a leading `0`.
pub fn npwp(digits: &str, known_regency: impl Fn(&str) -> bool) -> Result<String, IdError> {
    match digits.len() {
        15 => {
            if luhn_check_digit(&digits[..8]) != u32::from(digits.as_bytes()[8] - b'0') {
                return Err(IdError::Checksum);
            }
            Ok(format!("0{digits}"))
        }
        16 if digits.starts_with('0') => {
            let legacy = &digits[1..];
            if luhn_check_digit(&legacy[..8]) != u32::from(legacy.as_bytes()[8] - b'0') {
                return Err(IdError::Checksum);
            }
            Ok(digits.to_owned())
        }
        16 => nik(digits, known_regency).map(|_| digits.to_owned()),
        typed => Err(IdError::Length {
            min: 15,
            max: 16,
            typed,
        }),
    }
}

/// NITKU: the 16-digit NPWP followed by the 6-digit branch number
/// (`000000` for the head office).
pub fn nitku(npwp16: &str, branch: u32) -> String {
    format!("{npwp16}{:06}", branch % 1_000_000)
}

/// A 16-digit NPWP of a company (leading `0`) as its legacy 15-digit number
/// in the familiar grouping `99.999.999.9-999.999`; `None` for an
/// individual's NPWP (a NIK) or anything that is not 16 digits.
pub fn legacy_npwp(npwp16: &str) -> Option<String> {
    let legacy = npwp16.strip_prefix('0')?;
    if legacy.len() != 15 || !legacy.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(format!(
        "{}.{}.{}.{}-{}.{}",
        &legacy[0..2],
        &legacy[2..5],
        &legacy[5..8],
        &legacy[8..9],
        &legacy[9..12],
        &legacy[12..15]
    ))
}

impl NikInfo {
    /// The four-digit birth year: a two-digit year after `current_year`'s
    /// is last century's.
    pub fn birth_year(&self, current_year: u32) -> u32 {
        let century = current_year / 100 * 100;
        let year = century + self.birth.2;
        if year > current_year {
            year - 100
        } else {
            year
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn bantul(regency: &str) -> bool {
        regency == "34.02"
    }

    #[test]
    fn typed_separators_are_dropped_and_letters_refused() {
        assert_eq!(digits("01.234.567.8-901.000"), Ok("012345678901000".into()));
        assert_eq!(digits("12a"), Err(IdError::NotDigits));
    }

    #[test]
    fn nib_has_exactly_13_digits() {
        assert!(nib("1234567890123").is_ok());
        assert_eq!(
            nib("123456789012"),
            Err(IdError::Length {
                min: 13,
                max: 13,
                typed: 12
            })
        );
    }

    #[test]
    fn nik_decodes_birth_date_sex_and_regency() {
        let info = nik("3402014508850001", bantul).unwrap();
        assert_eq!(
            info,
            NikInfo {
                regency: "34.02".into(),
                birth: (5, 8, 85),
                female: true
            }
        );
        assert_eq!(nik("3402013102850001", bantul), Err(IdError::BirthDate));
        assert_eq!(nik("3402012902010001", bantul), Err(IdError::BirthDate));
        assert!(nik("3402012902000001", bantul).is_ok());
        assert_eq!(nik("9999011508850001", bantul), Err(IdError::Region));
    }

    #[test]
    fn legacy_npwp_is_checked_and_converted_to_16_digits() {
        // 01.234.567.?: Luhn over 01234567 gives 4.
        assert_eq!(
            npwp("012345674901000", bantul),
            Ok("0012345674901000".into())
        );
        assert_eq!(npwp("012345675901000", bantul), Err(IdError::Checksum));
        assert_eq!(
            npwp("0012345674901000", bantul),
            Ok("0012345674901000".into())
        );
        assert_eq!(
            npwp("3402011508850001", bantul),
            Ok("3402011508850001".into())
        );
        assert_eq!(
            npwp("1234", bantul),
            Err(IdError::Length {
                min: 15,
                max: 16,
                typed: 4
            })
        );
    }

    #[test]
    fn postal_codes_and_accounts_have_their_lengths() {
        assert!(postal_code("55711").is_ok());
        assert!(postal_code("5571").is_err());
        assert!(account_number("123456").is_ok());
        assert!(account_number("12345").is_err());
        assert!(account_number(&"1".repeat(21)).is_err());
    }

    #[test]
    fn nitku_is_the_npwp_and_the_branch_number() {
        assert_eq!(nitku("0012345674901000", 0), "0012345674901000000000");
        assert_eq!(nitku("0012345674901000", 12), "0012345674901000000012");
    }

    #[test]
    fn a_company_npwp_shows_its_legacy_number_and_a_nik_has_none() {
        assert_eq!(
            legacy_npwp("0012345674901000").as_deref(),
            Some("01.234.567.4-901.000")
        );
        assert_eq!(legacy_npwp("3402011508850001"), None);
        assert_eq!(legacy_npwp("0123"), None);
    }

    #[test]
    fn a_two_digit_birth_year_after_this_year_is_last_century() {
        let born = |yy| NikInfo {
            regency: "34.02".into(),
            birth: (1, 1, yy),
            female: false,
        };
        assert_eq!(born(85).birth_year(2026), 1985);
        assert_eq!(born(26).birth_year(2026), 2026);
        assert_eq!(born(27).birth_year(2026), 1927);
        assert_eq!(born(0).birth_year(2026), 2000);
    }

    proptest! {
        #[test]
        fn nothing_panics_on_arbitrary_input(typed in "\\PC{0,30}") {
            if let Ok(d) = digits(&typed) {
                let _ = (nib(&d), postal_code(&d), account_number(&d), nik(&d, bantul), npwp(&d, bantul));
            }
        }

        #[test]
        fn every_legacy_npwp_with_its_check_digit_converts(first8 in "[0-9]{8}", rest in "[0-9]{6}") {
            let check = luhn_check_digit(&first8);
            let legacy = format!("{first8}{check}{rest}");
            prop_assert_eq!(npwp(&legacy, bantul), Ok(format!("0{legacy}")));
        }

        #[test]
        fn the_legacy_grouping_reads_back_as_the_same_npwp(legacy in "[0-9]{15}") {
            let shown = legacy_npwp(&format!("0{legacy}")).unwrap_or_default();
            prop_assert_eq!(digits(&shown), Ok(legacy));
        }

        #[test]
        fn formatting_then_parsing_returns_the_same_digits(raw in "[0-9]{13}") {
            let grouped = format!("{}.{}-{} {}", &raw[..2], &raw[2..5], &raw[5..9], &raw[9..]);
            prop_assert_eq!(digits(&grouped), Ok(raw));
        }
    }
}
