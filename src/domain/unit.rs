//! Units a product is sold by. The code is what goes on the wire (and what
//! dev-api's `/reference/units` lists); people type units many ways, in
//! Bahasa Indonesia or English (`box`, `dus`, `buah`, `kilo`), and
//! [`Unit::parse`] reads the usual ones.
//!
//! ```
//! use rantai::domain::unit::Unit;
//! assert_eq!(Unit::parse(" Box "), Some(Unit::Kotak));
//! assert_eq!(Unit::Kotak.code(), "kotak");
//! assert_eq!(Unit::from_code("box"), None); // the wire takes codes only
//! ```

/// A unit of sale.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Unit {
    /// One piece (buah).
    Pcs,
    /// A pack.
    Pak,
    /// A box.
    Kotak,
    /// A dozen, 12 pieces.
    Lusin,
    /// A score, 20 pieces (cloth, clothing).
    Kodi,
    /// A ream, 500 sheets.
    Rim,
    /// A kilogram.
    Kg,
    /// A gram.
    Gram,
    /// A liter.
    Liter,
    /// A meter.
    Meter,
    /// A set.
    Set,
    /// A portion (catering).
    Porsi,
    /// A person-day (services).
    OrangHari,
    /// A package (paket).
    Paket,
}

impl Unit {
    /// Every unit, in the order the unit list shows them.
    pub const ALL: [Unit; 14] = [
        Unit::Pcs,
        Unit::Pak,
        Unit::Kotak,
        Unit::Lusin,
        Unit::Kodi,
        Unit::Rim,
        Unit::Kg,
        Unit::Gram,
        Unit::Liter,
        Unit::Meter,
        Unit::Set,
        Unit::Porsi,
        Unit::OrangHari,
        Unit::Paket,
    ];

    /// Its code on the wire.
    pub fn code(self) -> &'static str {
        match self {
            Unit::Pcs => "pcs",
            Unit::Pak => "pak",
            Unit::Kotak => "kotak",
            Unit::Lusin => "lusin",
            Unit::Kodi => "kodi",
            Unit::Rim => "rim",
            Unit::Kg => "kg",
            Unit::Gram => "gram",
            Unit::Liter => "liter",
            Unit::Meter => "meter",
            Unit::Set => "set",
            Unit::Porsi => "porsi",
            Unit::OrangHari => "orang-hari",
            Unit::Paket => "paket",
        }
    }

    /// Other words people write for it (lowercase), besides its code.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Unit::Pcs => &["buah", "bh", "pc", "piece", "pieces", "biji", "unit"],
            Unit::Pak => &["pack", "pck", "bungkus", "bks"],
            Unit::Kotak => &["box", "dus", "dos", "karton"],
            Unit::Lusin => &["dozen", "lsn", "dz"],
            Unit::Kodi => &[],
            Unit::Rim => &["ream"],
            Unit::Kg => &["kilogram", "kilo"],
            Unit::Gram => &["g", "gr", "gm"],
            Unit::Liter => &["l", "ltr", "litre"],
            Unit::Meter => &["m", "mtr", "metre"],
            Unit::Set => &[],
            Unit::Porsi => &["portion", "porsian"],
            Unit::OrangHari => &["orang hari", "person-day", "person day", "man-day"],
            Unit::Paket => &["package", "pkt"],
        }
    }

    /// The unit whose wire code is exactly `code` (what the server accepts).
    pub fn from_code(code: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.code() == code)
    }

    /// The unit `typed` names: its code or a usual word for it, in any case,
    /// with spaces around ignored. ASCII case only: every code and word is
    /// ASCII, and Unicode's case tables would cost the catalog's code 7 KB.
    pub fn parse(typed: &str) -> Option<Unit> {
        let typed = typed.trim().to_ascii_lowercase();
        Unit::ALL
            .into_iter()
            .find(|u| u.code() == typed || u.aliases().contains(&typed.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn codes_are_unique_and_read_back() {
        for unit in Unit::ALL {
            assert_eq!(Unit::from_code(unit.code()), Some(unit));
            assert_eq!(Unit::parse(&unit.code().to_uppercase()), Some(unit));
            assert!(unit.code().len() <= 20, "the contract's maxLength");
        }
    }

    #[test]
    fn the_usual_words_in_either_language_are_units() {
        for (typed, unit) in [
            ("Buah", Unit::Pcs),
            ("box", Unit::Kotak),
            ("Dus", Unit::Kotak),
            ("pack", Unit::Pak),
            ("gram", Unit::Gram),
            ("Kilo", Unit::Kg),
            ("kodi", Unit::Kodi),
            ("rim", Unit::Rim),
            ("lusin", Unit::Lusin),
            ("orang hari", Unit::OrangHari),
        ] {
            assert_eq!(Unit::parse(typed), Some(unit), "{typed}");
        }
        assert_eq!(Unit::parse("galon"), None);
        assert_eq!(Unit::parse(""), None);
    }

    #[test]
    fn no_word_names_two_units() {
        let mut words: Vec<&str> = Unit::ALL
            .into_iter()
            .flat_map(|u| std::iter::once(u.code()).chain(u.aliases().iter().copied()))
            .collect();
        let all = words.len();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), all);
    }

    proptest! {
        #[test]
        fn any_text_is_a_unit_or_none_without_a_panic(typed in "\\PC{0,30}") {
            if let Some(unit) = Unit::parse(&typed) {
                prop_assert_eq!(Unit::parse(unit.code()), Some(unit));
            }
        }
    }
}
