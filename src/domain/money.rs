//! Rupiah: whole rupiah as integers, written `Rp10.300.000` (no space, dots
//! between thousands, no decimals). People type amounts many ways; this
//! reads them all and refuses what it cannot read unambiguously.

/// The largest amount the contract accepts (a thousand trillion rupiah).
pub const MAX_RUPIAH: u64 = 1_000_000_000_000_000;

/// One billion (satu miliar) rupiah.
pub const BILLION: u64 = 1_000_000_000;

/// Why a typed amount is not an amount of rupiah.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoneyError {
    /// Something other than digits, `Rp`, spaces, dots or a zero-cents tail.
    NotANumber,
    /// Cents that are not zero: rupiah amounts are whole.
    Cents,
    /// More than [`MAX_RUPIAH`].
    TooLarge,
}

/// The amount in `typed`, or `None` when nothing was typed. Accepts
/// `Rp10.300.000`, `Rp 10.300.000,00`, `10.300.000,-`, `10 300 000`,
/// `10300000`.
pub fn parse_rupiah(typed: &str) -> Result<Option<u64>, MoneyError> {
    let mut rest = typed.trim();
    if let Some(stripped) = rest
        .strip_prefix("Rp")
        .or_else(|| rest.strip_prefix("rp"))
        .or_else(|| rest.strip_prefix("RP"))
    {
        rest = stripped.trim_start_matches(['.', ' ']);
    }
    if let Some((whole, tail)) = rest.split_once(',') {
        if tail != "-" && !tail.chars().all(|c| c.is_ascii_digit()) {
            return Err(MoneyError::NotANumber);
        }
        if tail.chars().any(|c| c != '0' && c != '-') {
            return Err(MoneyError::Cents);
        }
        rest = whole;
    }
    let mut amount: u64 = 0;
    let mut any_digit = false;
    for character in rest.chars() {
        match character {
            '0'..='9' => {
                any_digit = true;
                amount = amount
                    .checked_mul(10)
                    .and_then(|a| a.checked_add(u64::from(character as u8 - b'0')))
                    .ok_or(MoneyError::TooLarge)?;
            }
            '.' | ' ' | '\u{a0}' => {}
            _ => return Err(MoneyError::NotANumber),
        }
    }
    if !any_digit {
        return if rest.trim().is_empty() && typed.trim().len() <= 2 {
            Ok(None)
        } else {
            Err(MoneyError::NotANumber)
        };
    }
    if amount > MAX_RUPIAH {
        return Err(MoneyError::TooLarge);
    }
    Ok(Some(amount))
}

/// `10300000` → `10.300.000`.
pub fn group_thousands(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, character) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push('.');
        }
        out.push(character);
    }
    out
}

/// `10300000` → `Rp10.300.000`.
pub fn format_rupiah(amount: u64) -> String {
    format!("Rp{}", group_thousands(amount))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_usual_ways_of_writing_an_amount_are_read() {
        for typed in [
            "Rp10.300.000",
            "Rp 10.300.000",
            "Rp. 10.300.000,-",
            "10.300.000,00",
            "10 300 000",
            "10300000",
            "rp10300000",
        ] {
            assert_eq!(parse_rupiah(typed), Ok(Some(10_300_000)), "{typed}");
        }
    }

    #[test]
    fn nothing_typed_is_no_amount() {
        assert_eq!(parse_rupiah(""), Ok(None));
        assert_eq!(parse_rupiah("  "), Ok(None));
        assert_eq!(parse_rupiah("Rp"), Ok(None));
    }

    #[test]
    fn words_cents_and_huge_amounts_are_refused() {
        assert_eq!(parse_rupiah("sepuluh juta"), Err(MoneyError::NotANumber));
        assert_eq!(parse_rupiah("1,5"), Err(MoneyError::Cents));
        assert_eq!(parse_rupiah("10.000,x"), Err(MoneyError::NotANumber));
        assert_eq!(parse_rupiah("-5"), Err(MoneyError::NotANumber));
        assert_eq!(
            parse_rupiah("1.000.000.000.000.001"),
            Err(MoneyError::TooLarge)
        );
        assert_eq!(
            parse_rupiah("99999999999999999999999"),
            Err(MoneyError::TooLarge)
        );
    }

    #[test]
    fn amounts_are_written_the_indonesian_way() {
        assert_eq!(format_rupiah(10_300_000), "Rp10.300.000");
        assert_eq!(format_rupiah(0), "Rp0");
        assert_eq!(format_rupiah(999), "Rp999");
        assert_eq!(format_rupiah(1_000), "Rp1.000");
        assert_eq!(group_thousands(4_800_000_000), "4.800.000.000");
    }

    proptest! {
        #[test]
        fn formatting_then_reading_gives_the_same_amount(amount in 0u64..=MAX_RUPIAH) {
            prop_assert_eq!(parse_rupiah(&format_rupiah(amount)), Ok(Some(amount)));
            prop_assert_eq!(parse_rupiah(&group_thousands(amount)), Ok(Some(amount)));
        }

        #[test]
        fn any_text_is_read_or_refused_without_a_panic(typed in "\\PC{0,40}") {
            let _ = parse_rupiah(&typed);
        }
    }
}
