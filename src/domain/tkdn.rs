//! TKDN (Tingkat Komponen Dalam Negeri, local content): a percentage from 0
//! to 100 with at most two decimals, kept as hundredths of a percent so no
//! float ever rounds it. Typed `40`, `40,5`, `40.25` or `40 %`; on the wire a
//! JSON number (`tkdn_percent`).
//!
//! ```
//! use rantai::domain::tkdn::{Tkdn, TkdnError};
//! let tkdn = Tkdn::parse("40,25 %").unwrap().unwrap();
//! assert_eq!(tkdn.hundredths(), 4025);
//! assert_eq!(tkdn.to_string(), "40.25");
//! assert_eq!(tkdn.to_indonesian(), "40,25");
//! assert_eq!(Tkdn::parse("40,255"), Err(TkdnError::TooManyDecimals));
//! ```

use std::fmt;

/// A TKDN percentage, in hundredths of a percent (0 to 10 000).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tkdn(u16);

/// Why a typed TKDN is not a percentage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TkdnError {
    /// Not a number (words, two decimal marks, a minus sign).
    NotANumber,
    /// More than two decimals.
    TooManyDecimals,
    /// Above 100.
    OverHundred,
}

impl Tkdn {
    /// 100 %.
    pub const MAX: Tkdn = Tkdn(10_000);

    /// From hundredths of a percent; `None` above 100 %.
    pub fn from_hundredths(hundredths: u16) -> Option<Tkdn> {
        (hundredths <= Tkdn::MAX.0).then_some(Tkdn(hundredths))
    }

    /// Hundredths of a percent: `40,25 %` is 4025.
    pub fn hundredths(self) -> u16 {
        self.0
    }

    /// The percentage typed in `typed`, or `None` when nothing was typed.
    /// A comma or a dot marks the decimals; a `%` and spaces are ignored.
    pub fn parse(typed: &str) -> Result<Option<Tkdn>, TkdnError> {
        let text = typed.trim().trim_end_matches('%').trim_end();
        if text.is_empty() {
            return if typed.trim().is_empty() {
                Ok(None)
            } else {
                Err(TkdnError::NotANumber)
            };
        }
        let (whole, decimals) = match text.split_once([',', '.']) {
            Some((whole, decimals)) => (whole, decimals),
            None => (text, ""),
        };
        let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() && decimals.is_empty() || !digits(whole) || !digits(decimals) {
            return Err(TkdnError::NotANumber);
        }
        let significant = decimals.trim_end_matches('0');
        if significant.len() > 2 {
            return Err(TkdnError::TooManyDecimals);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 3 {
            return Err(TkdnError::OverHundred);
        }
        let whole: u16 = whole.parse().unwrap_or(0);
        let fraction: u16 = format!("{significant:0<2}").parse().unwrap_or(0);
        whole
            .checked_mul(100)
            .and_then(|w| w.checked_add(fraction))
            .and_then(Tkdn::from_hundredths)
            .map(Some)
            .ok_or(TkdnError::OverHundred)
    }

    /// From the wire's JSON number; refuses what is not 0 to 100 with at
    /// most two decimals (as `40.25` is, and `40.251` is not).
    pub fn from_wire(percent: f64) -> Result<Tkdn, TkdnError> {
        if !percent.is_finite() || percent < 0.0 {
            return Err(TkdnError::NotANumber);
        }
        if percent > 100.0 {
            return Err(TkdnError::OverHundred);
        }
        let hundredths = (percent * 100.0).round();
        if (percent * 100.0 - hundredths).abs() > 1e-6 {
            return Err(TkdnError::TooManyDecimals);
        }
        Ok(Tkdn(hundredths as u16))
    }

    /// For the wire's JSON number (`40.25`): the nearest double, which
    /// [`Tkdn::from_wire`] reads back exactly.
    pub fn to_wire(self) -> f64 {
        f64::from(self.0) / 100.0
    }

    /// Written the Indonesian way, a comma before the decimals: `40,25`.
    pub fn to_indonesian(self) -> String {
        self.to_string().replace('.', ",")
    }
}

impl fmt::Display for Tkdn {
    /// `40`, `40.5`, `40.25`: no trailing zeros.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (whole, fraction) = (self.0 / 100, self.0 % 100);
        match fraction {
            0 => write!(f, "{whole}"),
            f10 if f10 % 10 == 0 => write!(f, "{whole}.{}", f10 / 10),
            _ => write!(f, "{whole}.{fraction:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_usual_ways_of_writing_a_percentage_are_read() {
        for (typed, hundredths) in [
            ("40", 4000),
            ("40,5", 4050),
            ("40.25", 4025),
            ("40 %", 4000),
            ("40,25%", 4025),
            ("0", 0),
            ("100", 10_000),
            ("100,00", 10_000),
            (",5", 50),
            ("7.", 700),
            ("007,10", 710),
            (" 25,500 ", 2550),
        ] {
            assert_eq!(
                Tkdn::parse(typed),
                Ok(Tkdn::from_hundredths(hundredths)),
                "{typed}"
            );
        }
        assert_eq!(Tkdn::parse("  "), Ok(None));
    }

    #[test]
    fn words_extra_decimals_and_more_than_a_hundred_are_refused() {
        assert_eq!(Tkdn::parse("empat puluh"), Err(TkdnError::NotANumber));
        assert_eq!(Tkdn::parse("-5"), Err(TkdnError::NotANumber));
        assert_eq!(Tkdn::parse("1.000,5"), Err(TkdnError::NotANumber));
        assert_eq!(Tkdn::parse("%"), Err(TkdnError::NotANumber));
        assert_eq!(Tkdn::parse("."), Err(TkdnError::NotANumber));
        assert_eq!(Tkdn::parse("40,125"), Err(TkdnError::TooManyDecimals));
        assert_eq!(Tkdn::parse("100,01"), Err(TkdnError::OverHundred));
        assert_eq!(Tkdn::parse("99999999"), Err(TkdnError::OverHundred));
    }

    #[test]
    fn the_wire_number_is_checked_for_range_and_decimals() {
        assert_eq!(Tkdn::from_wire(45.5), Ok(Tkdn(4550)));
        assert_eq!(Tkdn::from_wire(0.07), Ok(Tkdn(7)));
        assert_eq!(Tkdn::from_wire(40.251), Err(TkdnError::TooManyDecimals));
        assert_eq!(Tkdn::from_wire(100.5), Err(TkdnError::OverHundred));
        assert_eq!(Tkdn::from_wire(-1.0), Err(TkdnError::NotANumber));
        assert_eq!(Tkdn::from_wire(f64::NAN), Err(TkdnError::NotANumber));
    }

    proptest! {
        #[test]
        fn every_percentage_survives_writing_and_the_wire(hundredths in 0u16..=10_000) {
            let tkdn = Tkdn(hundredths);
            prop_assert_eq!(Tkdn::parse(&tkdn.to_string()), Ok(Some(tkdn)));
            prop_assert_eq!(Tkdn::parse(&tkdn.to_indonesian()), Ok(Some(tkdn)));
            prop_assert_eq!(Tkdn::parse(&format!("{} %", tkdn.to_indonesian())), Ok(Some(tkdn)));
            prop_assert_eq!(Tkdn::from_wire(tkdn.to_wire()), Ok(tkdn));
            let json = serde_json::to_string(&tkdn.to_wire()).unwrap();
            prop_assert_eq!(json.trim_end_matches(".0"), tkdn.to_string());
        }

        #[test]
        fn any_text_is_read_or_refused_without_a_panic(typed in "\\PC{0,20}") {
            if let Ok(Some(tkdn)) = Tkdn::parse(&typed) {
                prop_assert!(tkdn <= Tkdn::MAX);
            }
        }
    }
}
