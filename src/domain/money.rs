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

/// An amount regrouped as it is typed (`150000|` → `150.000|`), with where
/// the caret goes: after the same digit it was after, so typing and deleting
/// in the middle of a number carry on where the person is. `caret` and the
/// answer's caret count characters. `None` when the text is not a plain
/// amount (words, cents, an `Rp`): it is left as typed.
pub fn regroup_typing(typed: &str, caret: usize) -> Option<(String, usize)> {
    if typed.is_empty() || !typed.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
    // Past u64 is too large as well (not zero, which once replaced a long
    // pasted number).
    let amount: u64 = match digits.trim_start_matches('0') {
        "" => 0,
        significant => significant.parse().ok()?,
    };
    if digits.is_empty() || amount > MAX_RUPIAH {
        return None;
    }
    let digits_before = typed
        .chars()
        .take(caret)
        .filter(char::is_ascii_digit)
        .count();
    // Leading zeros go, and the caret moves back by as many as it passed.
    let dropped = digits.len() - amount.to_string().len();
    let wanted = digits_before.saturating_sub(dropped);
    let grouped = group_thousands(amount);
    let mut seen = 0;
    let mut position = 0;
    for (index, c) in grouped.chars().enumerate() {
        if seen == wanted {
            break;
        }
        if c.is_ascii_digit() {
            seen += 1;
        }
        position = index + 1;
    }
    Some((grouped, if wanted == 0 { 0 } else { position }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn an_amount_regroups_as_it_is_typed_and_the_caret_stays_by_its_digit() {
        assert_eq!(regroup_typing("150000", 6), Some(("150.000".into(), 7)));
        // A digit typed in the middle: the caret stays after it.
        assert_eq!(regroup_typing("15.9000", 4), Some(("159.000".into(), 3)));
        // A dot deleted: nothing moves but the grouping.
        assert_eq!(regroup_typing("1000000", 1), Some(("1.000.000".into(), 1)));
        assert_eq!(regroup_typing("0012", 4), Some(("12".into(), 2)));
        assert_eq!(regroup_typing("15.000", 0), Some(("15.000".into(), 0)));
        for left_alone in ["", "Rp15000", "15.000,50", "sepuluh", "1 000"] {
            assert_eq!(regroup_typing(left_alone, 1), None, "{left_alone}");
        }
        // Too large, past u64 too: left as typed (for the form's check to
        // say so), never regrouped to 0.
        for too_large in [
            "1000000000000000001",
            "99999999999999999999",
            &"9".repeat(10_000),
        ] {
            assert_eq!(regroup_typing(too_large, 3), None, "{too_large}");
        }
        assert_eq!(regroup_typing("000", 3), Some(("0".into(), 1)));
    }

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
        fn regrouping_keeps_the_amount_and_the_digits_before_the_caret(
            amount in 0u64..10_000_000_000_000, caret in 0usize..20, dots in any::<bool>(),
        ) {
            let typed = if dots { group_thousands(amount) } else { amount.to_string() };
            let caret = caret.min(typed.chars().count());
            let (grouped, at) = regroup_typing(&typed, caret).unwrap();
            prop_assert_eq!(parse_rupiah(&grouped), Ok(Some(amount)));
            let before = |text: &str, n: usize| text.chars().take(n).filter(char::is_ascii_digit).count();
            prop_assert_eq!(before(&grouped, at), before(&typed, caret));
            prop_assert!(at <= grouped.chars().count());
        }

        #[test]
        fn formatting_then_reading_gives_the_same_amount(amount in 0u64..=MAX_RUPIAH) {
            prop_assert_eq!(parse_rupiah(&format_rupiah(amount)), Ok(Some(amount)));
            prop_assert_eq!(parse_rupiah(&group_thousands(amount)), Ok(Some(amount)));
        }

        #[test]
        fn regrouping_never_changes_the_amount_typed(typed in "[0-9.]{1,40}", caret in 0usize..40) {
            if let Some((grouped, _)) = regroup_typing(&typed, caret) {
                prop_assert_eq!(parse_rupiah(&grouped), parse_rupiah(&typed));
            }
        }

        #[test]
        fn any_text_is_read_or_refused_without_a_panic(typed in "\\PC{0,40}") {
            let _ = parse_rupiah(&typed);
        }
    }
}
