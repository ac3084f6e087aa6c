//! Whole quantities as people type them (`1000`, `1.000`, `1 000`): a dot
//! or a space groups thousands, the Indonesian way, and only between groups
//! of three digits, so `1.5` is refused rather than read as fifteen.
//!
//! ```
//! use rantai::domain::quantity::parse_count;
//! assert_eq!(parse_count("1.000"), Some(1_000));
//! assert_eq!(parse_count("1.5"), None);
//! ```

/// The whole number in `typed` (trimmed), or `None` when it is not one
/// (words, a sign, decimals, badly grouped digits, past `u64`).
pub fn parse_count(typed: &str) -> Option<u64> {
    let typed = typed.trim();
    let mut groups = typed.split(['.', ' ', '\u{a0}']);
    let first = groups.next()?;
    let is_digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    if !is_digits(first) {
        return None;
    }
    let mut digits = first.to_owned();
    for group in groups {
        if group.len() != 3 || !is_digits(group) || first.len() > 3 {
            return None;
        }
        digits.push_str(group);
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn grouped_and_plain_numbers_are_read_and_odd_ones_refused() {
        for (typed, count) in [
            ("12", 12),
            (" 1.000 ", 1_000),
            ("1 000 000", 1_000_000),
            ("007", 7),
        ] {
            assert_eq!(parse_count(typed), Some(count), "{typed}");
        }
        for typed in [
            "", "1.5", "1,000", "1..000", "1000.000", "-3", "+3", "dua", "1.0000",
        ] {
            assert_eq!(parse_count(typed), None, "{typed}");
        }
        assert_eq!(parse_count("99999999999999999999999"), None);
    }

    proptest! {
        #[test]
        fn grouping_a_number_never_changes_it(n in any::<u64>()) {
            prop_assert_eq!(parse_count(&n.to_string()), Some(n));
            prop_assert_eq!(parse_count(&crate::domain::money::group_thousands(n)), Some(n));
        }

        #[test]
        fn any_text_is_read_or_refused_without_a_panic(typed in "\\PC{0,30}") {
            let _ = parse_count(&typed);
        }
    }
}
