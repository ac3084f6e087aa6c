//! What the catalog says about a product's fields: each field's label and
//! input `id`, what is wrong with a value and how to fix it, the same for a
//! cell of an imported spreadsheet ("Baris 14: Harga 'sepuluh ribu': …"),
//! and the units' names.

use crate::api::FieldError;
use crate::components::error_summary::FieldProblem;
use crate::domain::money::MoneyError;
use crate::domain::product::{Field, FieldIssue, Issue, Kind};
use crate::domain::product_import::{CellProblem, Problem};
use crate::domain::tkdn::TkdnError;
use crate::domain::unit::Unit;
use crate::i18n::{Key, Lang, Message};

/// The label of `field`.
pub fn field_label(field: Field) -> Key {
    match field {
        Field::Name => Key::ProductName,
        Field::Category => Key::ProductCategory,
        Field::Description => Key::ProductDescription,
        Field::Unit => Key::ProductUnit,
        Field::Price => Key::ProductPrice,
        Field::MinOrder => Key::ProductMinOrder,
        Field::Stock => Key::ProductStock,
        Field::LeadTimeDays => Key::ProductLeadTime,
        Field::Tkdn => Key::ProductTkdn,
        Field::Halal => Key::ProductHalal,
        Field::Sku => Key::ProductSku,
    }
}

/// The `id` of `field`'s input on the product page (the first radio's for
/// halal), in the order of [`Field::ALL`].
const FIELD_IDS: [&str; 11] = [
    "product-name",
    "product-category",
    "product-description",
    "product-unit",
    "product-price",
    "product-min_order",
    "product-stock",
    "product-lead_time_days",
    "product-tkdn_percent",
    "product-halal",
    "product-sku",
];

/// The `id` of `field`'s input.
pub fn field_id(field: Field) -> &'static str {
    FIELD_IDS[field as usize]
}

/// What to say about `issue` in `field`.
pub fn issue_message(field: Field, issue: Issue) -> Message {
    let message = match issue {
        Issue::Required => Message::new(match field.spec().kind {
            Kind::Category | Kind::Unit => Key::IssueRequiredChoose,
            _ => Key::IssueRequiredType,
        }),
        Issue::TooLong { max } => Message::with(Key::IssueTooLong, "max", max),
        Issue::ControlCharacter => Key::ProductIssueControl.into(),
        Issue::UnknownCategory => Key::ProductIssueCategory.into(),
        Issue::UnknownUnit => Key::ProductIssueUnit.into(),
        Issue::Money(MoneyError::NotANumber) => Key::IssueMoneyNotANumber.into(),
        Issue::Money(MoneyError::Cents) => Key::IssueMoneyCents.into(),
        Issue::Money(MoneyError::TooLarge) => Key::IssueMoneyTooLarge.into(),
        Issue::NotAWholeNumber => Key::ProductIssueWhole.into(),
        Issue::OutOfRange { min, max } => {
            Message::with(Key::ProductIssueRange, "min", min).and("max", max)
        }
        Issue::Tkdn(TkdnError::NotANumber) => Key::ProductIssueTkdnNumber.into(),
        Issue::Tkdn(TkdnError::TooManyDecimals) => Key::ProductIssueTkdnDecimals.into(),
        Issue::Tkdn(TkdnError::OverHundred) => Key::ProductIssueTkdnOver.into(),
        Issue::NotYesNo => Key::ProductIssueYesNo.into(),
    };
    message.about(field_label(field))
}

/// The error summary's line for a field issue.
pub fn problem(issue: &FieldIssue) -> FieldProblem {
    FieldProblem {
        field_id: field_id(issue.field),
        message: issue_message(issue.field, issue.issue),
    }
}

/// The server's field errors as the form shows them: a SKU another
/// product has in plain words, anything else with the server's sentence.
pub fn server_problems(errors: &[FieldError]) -> Vec<FieldProblem> {
    errors
        .iter()
        .map(|error| {
            // An import's errors name the row too: `items.3.sku`.
            let name = error.field.rsplit('.').next().unwrap_or_default();
            let field = Field::from_name(name);
            let message = match (field, error.code.as_str()) {
                (Some(Field::Sku), "taken") => Message::new(Key::ProductIssueSkuTaken),
                _ => Message::with(Key::IssueFromServer, "detail", &error.message),
            };
            FieldProblem {
                field_id: field.map_or("product-name", field_id),
                message: message.about(field.map_or(Key::ProductName, field_label)),
            }
        })
        .collect()
}

/// One problem of an imported row, in `lang`: "Baris 14: Harga 'sepuluh
/// ribu': tulis angka saja, …".
pub fn cell_message(problem: &CellProblem, lang: Lang) -> String {
    let detail = match problem.problem {
        Problem::Field(issue) => issue_message(problem.column, issue),
        Problem::RepeatedSku { first_row } => {
            Message::with(Key::ImportRepeatedSku, "first", first_row).about(Key::ProductSku)
        }
    };
    let detail = detail.render(lang);
    if problem.value.is_empty() {
        // A missing value: the detail names the column already.
        return Message::with(Key::ImportCellEmpty, "row", problem.row)
            .and("detail", detail)
            .render(lang);
    }
    Message::with(Key::ImportCell, "row", problem.row)
        .and("value", &problem.value)
        .and("detail", detail)
        .render(lang)
}

/// The name of `unit`, as the unit list shows it.
pub fn unit_name(unit: Unit) -> Key {
    match unit {
        Unit::Pcs => Key::UnitPcs,
        Unit::Pak => Key::UnitPak,
        Unit::Kotak => Key::UnitKotak,
        Unit::Lusin => Key::UnitLusin,
        Unit::Kodi => Key::UnitKodi,
        Unit::Rim => Key::UnitRim,
        Unit::Kg => Key::UnitKg,
        Unit::Gram => Key::UnitGram,
        Unit::Liter => Key::UnitLiter,
        Unit::Meter => Key::UnitMeter,
        Unit::Set => Key::UnitSet,
        Unit::Porsi => Key::UnitPorsi,
        Unit::OrangHari => Key::UnitOrangHari,
        Unit::Paket => Key::UnitPaket,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::text;

    #[test]
    fn every_field_has_its_own_input_id_in_the_table_s_order() {
        for field in Field::ALL {
            assert_eq!(field_id(field), format!("product-{}", field.name()));
        }
    }

    #[test]
    fn a_message_about_a_field_names_it_in_every_language() {
        let issues = [
            Issue::Required,
            Issue::TooLong { max: 200 },
            Issue::Money(MoneyError::NotANumber),
            Issue::OutOfRange { min: 1, max: 9 },
        ];
        for field in Field::ALL {
            for issue in issues {
                let message = issue_message(field, issue);
                for lang in Lang::ALL {
                    let rendered = message.render(lang);
                    assert!(
                        rendered.contains(text(lang, field_label(field))),
                        "{rendered}"
                    );
                    assert!(!rendered.contains('{'), "{rendered}");
                }
            }
        }
    }

    #[test]
    fn a_server_error_lands_on_its_field_also_inside_an_import() {
        for field in ["sku", "items.3.sku"] {
            let error = FieldError {
                field: field.into(),
                code: "taken".into(),
                message: "Another of your products has this SKU.".into(),
            };
            let [problem] = server_problems(&[error]).try_into().unwrap();
            assert_eq!(problem.field_id, "product-sku");
            assert!(problem
                .message
                .render(Lang::Id)
                .contains("sudah dipakai produk lain"));
        }
    }

    #[test]
    fn a_bad_cell_says_its_row_column_and_value() {
        let problem = CellProblem {
            row: 14,
            column: Field::Price,
            value: "sepuluh ribu".into(),
            problem: Problem::Field(Issue::Money(MoneyError::NotANumber)),
        };
        let said = cell_message(&problem, Lang::Id);
        assert!(said.starts_with("Baris 14"), "{said}");
        assert!(
            said.contains("'sepuluh ribu'") && said.contains("Harga"),
            "{said}"
        );
        assert!(cell_message(&problem, Lang::En).starts_with("Row 14"));
    }
}
