//! Facts about a business that follow from what its owner typed: the UMKM
//! scale (PP 7/2021) and whether it must be VAT-registered (PKP).

use super::money::BILLION;

/// A business's scale under PP 7/2021.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Usaha mikro.
    Mikro,
    /// Usaha kecil.
    Kecil,
    /// Usaha menengah.
    Menengah,
    /// Above menengah: not an UMKM.
    Besar,
}

impl Scale {
    /// The contract's name (`mikro`, `kecil`, `menengah`, `besar`).
    pub fn code(self) -> &'static str {
        match self {
            Scale::Mikro => "mikro",
            Scale::Kecil => "kecil",
            Scale::Menengah => "menengah",
            Scale::Besar => "besar",
        }
    }
}

/// The scale from business capital (excluding land and buildings), or,
/// failing that, from annual sales; `None` when neither is known.
pub fn scale(capital: Option<u64>, annual_sales: Option<u64>) -> Option<Scale> {
    let by = |amount: u64, limits: [u64; 3]| match amount {
        a if a <= limits[0] * BILLION => Scale::Mikro,
        a if a <= limits[1] * BILLION => Scale::Kecil,
        a if a <= limits[2] * BILLION => Scale::Menengah,
        _ => Scale::Besar,
    };
    match (capital, annual_sales) {
        (Some(capital), _) => Some(by(capital, [1, 5, 10])),
        (None, Some(sales)) => Some(by(sales, [2, 15, 50])),
        (None, None) => None,
    }
}

/// Annual sales above which a business must be PKP (VAT-registered).
pub const PKP_THRESHOLD: u64 = 4_800_000_000;

/// True when sales this high oblige the business to be PKP.
pub fn must_be_pkp(annual_sales: u64) -> bool {
    annual_sales > PKP_THRESHOLD
}

/// The legal forms the contract knows, in the order the wizard offers them.
pub const LEGAL_FORMS: [&str; 6] = [
    "perorangan",
    "cv",
    "firma",
    "pt",
    "pt_perorangan",
    "koperasi",
];

/// name@domain.tld, no spaces: a plain syntax check, as for any optional email.
pub fn plausible_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.contains(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn capital_decides_the_scale_at_each_boundary() {
        assert_eq!(scale(Some(BILLION), None), Some(Scale::Mikro));
        assert_eq!(scale(Some(BILLION + 1), None), Some(Scale::Kecil));
        assert_eq!(scale(Some(5 * BILLION), None), Some(Scale::Kecil));
        assert_eq!(scale(Some(5 * BILLION + 1), None), Some(Scale::Menengah));
        assert_eq!(scale(Some(10 * BILLION), None), Some(Scale::Menengah));
        assert_eq!(scale(Some(10 * BILLION + 1), None), Some(Scale::Besar));
    }

    #[test]
    fn capital_wins_over_sales_and_sales_count_when_capital_is_unknown() {
        assert_eq!(
            scale(Some(50_000_000), Some(40 * BILLION)),
            Some(Scale::Mikro)
        );
        assert_eq!(scale(None, Some(2 * BILLION)), Some(Scale::Mikro));
        assert_eq!(scale(None, Some(15 * BILLION)), Some(Scale::Kecil));
        assert_eq!(scale(None, Some(50 * BILLION)), Some(Scale::Menengah));
        assert_eq!(scale(None, Some(50 * BILLION + 1)), Some(Scale::Besar));
        assert_eq!(scale(None, None), None);
    }

    #[test]
    fn pkp_is_required_only_above_four_point_eight_billion() {
        assert!(!must_be_pkp(PKP_THRESHOLD));
        assert!(must_be_pkp(PKP_THRESHOLD + 1));
    }

    #[test]
    fn emails_get_a_plain_syntax_check() {
        assert!(plausible_email("sari@warung.id"));
        assert!(!plausible_email("sari@warung"));
        assert!(!plausible_email("sari warung@x.id"));
        assert!(!plausible_email("@x.id"));
        assert!(!plausible_email("sari@.id"));
    }

    proptest! {
        #[test]
        fn a_larger_capital_never_gives_a_smaller_scale(a in 0u64..20 * BILLION, b in 0u64..20 * BILLION) {
            let (low, high) = (a.min(b), a.max(b));
            let rank = |s: Option<Scale>| s.map(|s| s as u8);
            prop_assert!(rank(scale(Some(low), None)) <= rank(scale(Some(high), None)));
        }
    }
}
