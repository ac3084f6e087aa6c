//! Tests of `product.rs`.

use super::*;
use crate::domain::profile::tests::draft;
use proptest::prelude::*;

fn known(typed: &str) -> Option<String> {
    let code = typed.to_lowercase();
    ["makanan", "pakaian", "kerajinan"]
        .contains(&code.as_str())
        .then_some(code)
}

#[test]
fn the_table_is_in_form_order_and_names_round_trip() {
    for (index, field) in Field::ALL.into_iter().enumerate() {
        assert_eq!(field as usize, index);
        assert_eq!(Field::from_name(field.name()), Some(field));
    }
    assert_eq!(Field::from_name("tkdn"), None);
}

#[test]
fn a_complete_product_reads_into_typed_values() {
    let typed = draft(&[
        ("name", "  Keripik Tempe 250 g "),
        ("category", "Makanan"),
        ("unit", "Pack"),
        ("price", "Rp 15.000"),
        ("min_order", "1.000"),
        ("stock", "0"),
        ("lead_time_days", "3"),
        ("tkdn_percent", "45,5 %"),
        ("halal", "ya"),
        ("sku", "KRP-250"),
    ]);
    let product = Product::from_draft(&typed, &known).unwrap();
    assert_eq!(
        product,
        Product {
            name: "Keripik Tempe 250 g".into(),
            category: Some("makanan".into()),
            description: None,
            unit: Unit::Pak,
            price: 15_000,
            min_order: 1_000,
            stock: Some(0),
            lead_time_days: Some(3),
            tkdn: Tkdn::from_hundredths(4550),
            halal: true,
            sku: Some("KRP-250".into()),
        }
    );
    assert_eq!(
        Product::from_draft(&product.to_draft(), &known),
        Ok(product)
    );
}

#[test]
fn empty_optional_fields_take_the_contract_defaults() {
    let product = Product::from_draft(
        &draft(&[("name", "Tas"), ("unit", "pcs"), ("price", "0")]),
        &known,
    )
    .unwrap();
    assert_eq!((product.min_order, product.halal), (1, false));
    assert_eq!(
        (product.stock, product.tkdn, product.sku),
        (None, None, None)
    );
}

#[test]
fn each_field_is_checked_by_its_own_rule() {
    let typed = draft(&[
        ("name", &"x".repeat(201)),
        ("category", "elektronik"),
        ("unit", "galon"),
        ("price", "sepuluh ribu"),
        ("min_order", "0"),
        ("stock", "1,5"),
        ("lead_time_days", "400"),
        ("tkdn_percent", "40,125"),
        ("halal", "mungkin"),
        ("sku", "A\tB"),
    ]);
    let issues: Vec<(Field, Issue)> = check(&typed, &known, true)
        .into_iter()
        .map(|i| (i.field, i.issue))
        .collect();
    assert_eq!(
        issues,
        vec![
            (Field::Name, Issue::TooLong { max: 200 }),
            (Field::Category, Issue::UnknownCategory),
            (Field::Unit, Issue::UnknownUnit),
            (Field::Price, Issue::Money(MoneyError::NotANumber)),
            (
                Field::MinOrder,
                Issue::OutOfRange {
                    min: 1,
                    max: MAX_QUANTITY
                }
            ),
            (Field::Stock, Issue::NotAWholeNumber),
            (Field::LeadTimeDays, Issue::OutOfRange { min: 0, max: 365 }),
            (Field::Tkdn, Issue::Tkdn(TkdnError::TooManyDecimals)),
            (Field::Halal, Issue::NotYesNo),
            (Field::Sku, Issue::ControlCharacter),
        ]
    );
}

#[test]
fn prices_past_the_contract_limit_and_cents_are_refused() {
    let price = |typed: &str| read(Kind::Price, typed, &known);
    assert_eq!(price("Rp1.000.000.000.000"), Ok(Value::Number(MAX_PRICE)));
    let too_much = Err(Issue::OutOfRange {
        min: 0,
        max: MAX_PRICE,
    });
    assert_eq!(price("1.000.000.000.001"), too_much);
    assert_eq!(price("99999999999999999999"), too_much);
    assert_eq!(price("1,5"), Err(Issue::Money(MoneyError::Cents)));
}

#[test]
fn required_fields_count_only_when_everything_is_asked_for() {
    let partial = draft(&[("name", "Tas"), ("price", "abc")]);
    assert_eq!(check(&partial, &known, false).len(), 1);
    let on_save = check(&partial, &known, true);
    assert_eq!(
        on_save.iter().map(|i| i.field).collect::<Vec<_>>(),
        vec![Field::Unit, Field::Price]
    );
    assert_eq!(on_save[0].issue, Issue::Required);
    assert_eq!(Product::from_draft(&partial, &known).unwrap_err().len(), 2);
}

#[test]
fn yes_and_no_are_read_in_either_language() {
    for typed in ["Ya", "yes", "TRUE", "1", "halal", "sudah"] {
        assert_eq!(parse_yes_no(typed), Some(true), "{typed}");
    }
    for typed in ["tidak", "No", "false", "0", "belum"] {
        assert_eq!(parse_yes_no(typed), Some(false), "{typed}");
    }
    assert_eq!(parse_yes_no("t"), None, "tidak or true: ambiguous");
}

prop_compose! {
    /// Any product that passes its checks, as the server would store it.
    pub fn any_product()(
        name in "[A-Za-z0-9][A-Za-z0-9 ,;\"'./-]{0,40}[A-Za-z0-9]",
        category in prop::option::of(prop::sample::select(vec!["makanan", "pakaian"])),
        description in prop::option::of("[^\\s\\p{C}][^\\p{C}]{0,60}[^\\s\\p{C}]|[^\\s\\p{C}]{1}"),
        unit in prop::sample::select(Unit::ALL.to_vec()),
        price in 0..=MAX_PRICE,
        min_order in 1..=MAX_QUANTITY,
        stock in prop::option::of(0..=MAX_QUANTITY),
        lead_time_days in prop::option::of(0..=MAX_LEAD_TIME_DAYS),
        tkdn in prop::option::of(0u16..=10_000),
        halal in any::<bool>(),
        sku in prop::option::of("[A-Z0-9][A-Za-z0-9 ./_-]{0,20}[A-Z0-9]|[A-Z0-9]"),
    ) -> Product {
        Product {
            name,
            category: category.map(str::to_owned),
            description,
            unit,
            price,
            min_order,
            stock,
            lead_time_days,
            tkdn: tkdn.and_then(Tkdn::from_hundredths),
            halal,
            sku,
        }
    }
}

proptest! {
    #[test]
    fn a_product_survives_its_draft(product in any_product()) {
        prop_assert_eq!(Product::from_draft(&product.to_draft(), &known), Ok(product));
    }

    #[test]
    fn checking_any_text_in_any_field_never_panics(index in 0usize..11, text in "\\PC{0,50}") {
        let field = Field::ALL[index];
        let one = draft(&[(field.name(), text.as_str())]);
        let _ = Product::from_draft(&one, &known);
    }

    #[test]
    fn any_typed_price_is_read_or_refused_and_a_read_one_is_in_range(typed in "(Rp ?)?[0-9. ,-]{0,20}") {
        if let Ok(Value::Number(price)) = read(Kind::Price, &typed, &known) {
            prop_assert!(price <= MAX_PRICE);
        }
    }
}
