//! Indonesian mobile numbers: accepted as typed, stored as E.164 (`+628…`).
//!
//! ```
//! use rantai::domain::phone::normalize_mobile;
//! assert_eq!(normalize_mobile("0812-3456-7890"), Ok("+6281234567890".to_owned()));
//! ```

use std::fmt;

/// Why a typed number is not an Indonesian mobile number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneError {
    /// Nothing typed.
    Empty,
    /// Something other than digits, spaces, `+`, `-`, `.`, `(`, `)`.
    InvalidCharacter,
    /// A `+` country code other than Indonesia's `+62`.
    NotIndonesian,
    /// The national number does not start with 8 (a landline, or a typo).
    NotMobile,
    /// `8` followed by a digit no mobile operator uses (`80`, `84`).
    UnknownOperator,
    /// Fewer digits than a mobile number has; `digits` were typed after the 8.
    TooShort {
        /// National digits typed.
        digits: usize,
    },
    /// More digits than a mobile number has.
    TooLong {
        /// National digits typed.
        digits: usize,
    },
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhoneError::Empty => write!(f, "enter a mobile number"),
            PhoneError::InvalidCharacter => write!(f, "use digits only"),
            PhoneError::NotIndonesian => write!(f, "use an Indonesian number (+62)"),
            PhoneError::NotMobile => write!(f, "a mobile number starts with 08"),
            PhoneError::UnknownOperator => write!(f, "no operator uses this prefix"),
            PhoneError::TooShort { digits } => {
                write!(f, "too short: {digits} digits after 0, 9 to 12 expected")
            }
            PhoneError::TooLong { digits } => {
                write!(f, "too long: {digits} digits after 0, 9 to 12 expected")
            }
        }
    }
}

/// Fewest and most digits of a national mobile number (after `0` / `+62`).
pub const NATIONAL_DIGITS: std::ops::RangeInclusive<usize> = 9..=12;

/// The E.164 form (`+628…`) of a mobile number typed as `0812…`,
/// `+62 812…`, `62812…` or `812…`, with any spaces, hyphens, dots or brackets.
pub fn normalize_mobile(input: &str) -> Result<String, PhoneError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(PhoneError::Empty);
    }
    let (has_plus, rest) = match trimmed.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let mut digits = String::with_capacity(rest.len());
    for character in rest.chars() {
        match character {
            '0'..='9' => digits.push(character),
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return Err(PhoneError::InvalidCharacter),
        }
    }
    if digits.is_empty() {
        return Err(PhoneError::Empty);
    }
    let national = if has_plus {
        digits.strip_prefix("62").ok_or(PhoneError::NotIndonesian)?
    } else if let Some(national) = digits.strip_prefix("62") {
        national
    } else if let Some(national) = digits.strip_prefix('0') {
        national
    } else {
        digits.as_str()
    };
    // "+62 0812…" is a common mix of both spellings.
    let national = if has_plus || digits.starts_with("62") {
        national.strip_prefix('0').unwrap_or(national)
    } else {
        national
    };
    let bytes = national.as_bytes();
    match bytes.first() {
        None => return Err(PhoneError::TooShort { digits: 0 }),
        Some(b'8') => {}
        Some(_) => return Err(PhoneError::NotMobile),
    }
    if matches!(bytes.get(1), Some(b'0' | b'4')) {
        return Err(PhoneError::UnknownOperator);
    }
    let count = national.len();
    if count < *NATIONAL_DIGITS.start() {
        return Err(PhoneError::TooShort { digits: count });
    }
    if count > *NATIONAL_DIGITS.end() {
        return Err(PhoneError::TooLong { digits: count });
    }
    Ok(format!("+62{national}"))
}

/// A number shown without revealing it whole: `+62 812-••••-7890`.
pub fn mask(e164: &str) -> String {
    let national = e164.strip_prefix("+62").unwrap_or(e164);
    if national.len() < 7 || !national.is_ascii() {
        return e164.to_owned();
    }
    let (head, tail) = (&national[..3], &national[national.len() - 4..]);
    format!("+62 {head}-••••-{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_usual_spelling_normalises_to_the_same_number() {
        for typed in [
            "081234567890",
            "0812-3456-7890",
            "0812 3456 7890",
            "+62 812 3456 7890",
            "+62-812-3456-7890",
            "6281234567890",
            "+6281234567890",
            "+62 (0)812 3456 7890",
            "81234567890",
            " 0812.3456.7890 ",
        ] {
            assert_eq!(
                normalize_mobile(typed),
                Ok("+6281234567890".to_owned()),
                "{typed}"
            );
        }
    }

    #[test]
    fn each_wrong_number_gets_its_own_reason() {
        assert_eq!(normalize_mobile(""), Err(PhoneError::Empty));
        assert_eq!(
            normalize_mobile("0812-abc"),
            Err(PhoneError::InvalidCharacter)
        );
        assert_eq!(
            normalize_mobile("+60 12 345 6789"),
            Err(PhoneError::NotIndonesian)
        );
        assert_eq!(normalize_mobile("0274 123456"), Err(PhoneError::NotMobile));
        assert_eq!(
            normalize_mobile("0801 2345 678"),
            Err(PhoneError::UnknownOperator)
        );
        assert_eq!(
            normalize_mobile("0812 345"),
            Err(PhoneError::TooShort { digits: 6 })
        );
        assert_eq!(
            normalize_mobile("0812 3456 7890 123"),
            Err(PhoneError::TooLong { digits: 14 })
        );
    }

    #[test]
    fn the_shortest_and_longest_numbers_are_accepted() {
        assert_eq!(
            normalize_mobile("0812345678"),
            Ok("+62812345678".to_owned())
        );
        assert_eq!(
            normalize_mobile("0812345678901"),
            Ok("+62812345678901".to_owned())
        );
    }

    #[test]
    fn masking_keeps_the_operator_and_the_last_four_digits() {
        assert_eq!(mask("+6281234567890"), "+62 812-••••-7890");
    }

    fn valid_national() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec!['1', '2', '3', '5', '6', '7', '8', '9']),
            prop::collection::vec(0u8..10, 7..=10),
        )
            .prop_map(|(operator, rest)| {
                let digits: String = rest.iter().map(|d| char::from(b'0' + d)).collect();
                format!("8{operator}{digits}")
            })
    }

    fn spell(national: &str, style: u8, separator: &str) -> String {
        let grouped: Vec<String> = national
            .as_bytes()
            .chunks(4)
            .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
            .collect();
        let body = grouped.join(separator);
        match style % 4 {
            0 => format!("0{body}"),
            1 => format!("+62{separator}{body}"),
            2 => format!("62{body}"),
            _ => body,
        }
    }

    proptest! {
        #[test]
        fn any_valid_number_in_any_spelling_normalises_to_one_e164(
            national in valid_national(),
            style in 0u8..4,
            separator in prop::sample::select(vec!["", " ", "-", "."]),
        ) {
            let typed = spell(&national, style, separator);
            prop_assert_eq!(normalize_mobile(&typed), Ok(format!("+62{national}")));
        }

        #[test]
        fn nothing_panics_on_arbitrary_input(input in ".{0,40}") {
            if let Ok(e164) = normalize_mobile(&input) {
                prop_assert!(e164.starts_with("+628"));
                prop_assert!(NATIONAL_DIGITS.contains(&(e164.len() - 3)));
                let _ = mask(&e164);
            }
        }
    }
}
