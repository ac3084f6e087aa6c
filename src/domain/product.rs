//! A product of the catalog, as the product form and the spreadsheet import
//! hold it: a [`Draft`] of text values as typed (so nothing typed is lost),
//! a table of [`Field`]s saying how each is checked, and [`Product`], the
//! typed values once every check passes. Limits are the contract's
//! (`ProductInput` in `api/openapi.yaml`); dev-api checks with the same rules.
//!
//! ```
//! use rantai::domain::product::{check, Draft, Field, Issue, Product};
//! let draft: Draft = [("name", "Keripik Tempe"), ("unit", "pak"), ("price", "Rp15.000"), ("tkdn", "40,5")]
//!     .into_iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect();
//! let known = |typed: &str| Some(typed.to_owned());
//! let product = Product::from_draft(&draft, &known).unwrap();
//! assert_eq!((product.price, product.min_order), (15_000, 1));
//! let typo: Draft = [("price".to_owned(), "sepuluh ribu".to_owned())].into();
//! assert_eq!(check(&typo, &known, false)[0].field, Field::Price);
//! ```

use super::money::{parse_rupiah, MoneyError};
pub use super::profile::Draft;
use super::quantity::parse_count;
use super::tkdn::{Tkdn, TkdnError};
use super::unit::Unit;

mod fields;
pub use fields::{Field, Kind, Spec, FIELDS};

/// The highest price per unit, in rupiah.
pub const MAX_PRICE: u64 = 1_000_000_000_000;
/// The highest minimum order and stock.
pub const MAX_QUANTITY: u64 = 1_000_000_000;
/// The longest lead time, in days.
pub const MAX_LEAD_TIME_DAYS: u64 = 365;
/// The most characters a catalog search takes (the contract's `q`).
pub const MAX_SEARCH_WORDS: usize = 100;

/// What is wrong with one field's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issue {
    /// Needed and empty.
    Required,
    /// Longer than allowed.
    TooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// A tab, line break or other control character (in a SKU).
    ControlCharacter,
    /// Not a category of the list.
    UnknownCategory,
    /// Not a unit of the list.
    UnknownUnit,
    /// Not an amount of rupiah.
    Money(MoneyError),
    /// Not a whole number (`1.000` is a thousand; `1,5` is refused).
    NotAWholeNumber,
    /// A number outside the allowed range.
    OutOfRange {
        /// The least allowed.
        min: u64,
        /// The most allowed.
        max: u64,
    },
    /// Not a TKDN percentage.
    Tkdn(TkdnError),
    /// Neither yes nor no.
    NotYesNo,
}

impl Issue {
    /// A stable code for the API's field errors.
    pub fn code(self) -> &'static str {
        match self {
            Issue::Required => "required",
            Issue::TooLong { .. } => "length",
            Issue::UnknownCategory | Issue::UnknownUnit => "unknown",
            Issue::OutOfRange { .. } | Issue::Tkdn(_) => "range",
            Issue::ControlCharacter
            | Issue::Money(_)
            | Issue::NotAWholeNumber
            | Issue::NotYesNo => "format",
        }
    }
}

/// A problem with one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldIssue {
    /// The field.
    pub field: Field,
    /// What is wrong.
    pub issue: Issue,
}

/// A field's value once read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Nothing typed.
    Empty,
    /// Text (trimmed) or a category code.
    Text(String),
    /// A unit.
    Unit(Unit),
    /// Rupiah or a count.
    Number(u64),
    /// A TKDN percentage.
    Tkdn(Tkdn),
    /// Yes or no.
    YesNo(bool),
}

/// Reads one field's text. `category` gives the code a typed category names
/// (a code or a name from the reference list), `None` when it names none;
/// when the list is not at hand it should answer `Some(typed)` (never block
/// on what cannot be checked: the server checks again).
pub fn read(
    kind: Kind,
    text: &str,
    category: &dyn Fn(&str) -> Option<String>,
) -> Result<Value, Issue> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Value::Empty);
    }
    let in_range = |n: u64, min: u64, max: u64| {
        (min..=max)
            .contains(&n)
            .then_some(Value::Number(n))
            .ok_or(Issue::OutOfRange { min, max })
    };
    match kind {
        Kind::Text(max) | Kind::Sku(max) if text.chars().count() > max => {
            Err(Issue::TooLong { max })
        }
        Kind::Sku(_) if text.chars().any(char::is_control) => Err(Issue::ControlCharacter),
        Kind::Text(_) | Kind::Sku(_) => Ok(Value::Text(text.to_owned())),
        Kind::Category => category(text)
            .map(Value::Text)
            .ok_or(Issue::UnknownCategory),
        Kind::Unit => Unit::parse(text).map(Value::Unit).ok_or(Issue::UnknownUnit),
        Kind::Price => match parse_rupiah(text) {
            Ok(amount) => in_range(amount.unwrap_or(0), 0, MAX_PRICE),
            Err(MoneyError::TooLarge) => in_range(u64::MAX, 0, MAX_PRICE),
            Err(error) => Err(Issue::Money(error)),
        },
        Kind::Count { min, max } => parse_count(text)
            .ok_or(Issue::NotAWholeNumber)
            .and_then(|n| in_range(n, min, max)),
        Kind::Tkdn => match Tkdn::parse(text) {
            Ok(tkdn) => Ok(tkdn.map_or(Value::Empty, Value::Tkdn)),
            Err(error) => Err(Issue::Tkdn(error)),
        },
        Kind::YesNo => parse_yes_no(text).map(Value::YesNo).ok_or(Issue::NotYesNo),
    }
}

/// Every problem in `draft`; with `require_all`, empty required fields too
/// (what saving asks for).
pub fn check(
    draft: &Draft,
    category: &dyn Fn(&str) -> Option<String>,
    require_all: bool,
) -> Vec<FieldIssue> {
    FIELDS
        .iter()
        .filter_map(|spec| {
            let text = draft.get(spec.name).map(String::as_str).unwrap_or("");
            let issue = match read(spec.kind, text, category) {
                Ok(Value::Empty) => (require_all && spec.required).then_some(Issue::Required),
                Ok(_) => None,
                Err(issue) => Some(issue),
            };
            issue.map(|issue| FieldIssue {
                field: spec.field,
                issue,
            })
        })
        .collect()
}

/// A product whose every field passed its check: what is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    /// Its name.
    pub name: String,
    /// Its category code.
    pub category: Option<String>,
    /// What it is, for buyers.
    pub description: Option<String>,
    /// What it is sold by.
    pub unit: Unit,
    /// Whole rupiah per unit.
    pub price: u64,
    /// The fewest units an order takes (at least 1).
    pub min_order: u64,
    /// Units in stock, when the supplier keeps count.
    pub stock: Option<u64>,
    /// Days from order to delivery.
    pub lead_time_days: Option<u64>,
    /// Local content.
    pub tkdn: Option<Tkdn>,
    /// Halal certified.
    pub halal: bool,
    /// The supplier's own product code.
    pub sku: Option<String>,
}

impl Product {
    /// The product in `draft`, or every problem with it (see [`read`] for
    /// `category`).
    pub fn from_draft(
        draft: &Draft,
        category: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Product, Vec<FieldIssue>> {
        let issues = check(draft, category, true);
        if !issues.is_empty() {
            return Err(issues);
        }
        let value = |field: Field| {
            let text = draft.get(field.name()).map(String::as_str).unwrap_or("");
            read(field.spec().kind, text, category).unwrap_or(Value::Empty)
        };
        let text = |field| match value(field) {
            Value::Text(text) => Some(text),
            _ => None,
        };
        let number = |field| match value(field) {
            Value::Number(n) => Some(n),
            _ => None,
        };
        Ok(Product {
            name: text(Field::Name).unwrap_or_default(),
            category: text(Field::Category),
            description: text(Field::Description),
            unit: match value(Field::Unit) {
                Value::Unit(unit) => unit,
                _ => Unit::Pcs,
            },
            price: number(Field::Price).unwrap_or(0),
            min_order: number(Field::MinOrder).unwrap_or(1),
            stock: number(Field::Stock),
            lead_time_days: number(Field::LeadTimeDays),
            tkdn: match value(Field::Tkdn) {
                Value::Tkdn(tkdn) => Some(tkdn),
                _ => None,
            },
            halal: value(Field::Halal) == Value::YesNo(true),
            sku: text(Field::Sku),
        })
    }

    /// Its fields as text, the way the server stores them (a price as
    /// `15000`, a unit as its code, halal as `true`/`false`): the draft an
    /// edit starts from, and what [`Product::from_draft`] reads back.
    pub fn to_draft(&self) -> Draft {
        let value = |field: Field| -> Option<String> {
            match field {
                Field::Name => Some(self.name.clone()),
                Field::Category => self.category.clone(),
                Field::Description => self.description.clone(),
                Field::Unit => Some(self.unit.code().to_owned()),
                Field::Price => Some(self.price.to_string()),
                Field::MinOrder => Some(self.min_order.to_string()),
                Field::Stock => self.stock.map(|n| n.to_string()),
                Field::LeadTimeDays => self.lead_time_days.map(|n| n.to_string()),
                Field::Tkdn => self.tkdn.map(|t| t.to_string()),
                Field::Halal => Some(self.halal.to_string()),
                Field::Sku => self.sku.clone(),
            }
        };
        Field::ALL
            .into_iter()
            .filter_map(|f| value(f).map(|v| (f.name().to_owned(), v)))
            .collect()
    }
}

/// Yes or no as typed, in either language: `ya`/`yes`/`true`/`1`/`halal`
/// or `tidak`/`no`/`false`/`0`/`belum`; `None` for anything else (ASCII
/// case, as [`Unit::parse`]).
pub fn parse_yes_no(typed: &str) -> Option<bool> {
    match typed.trim().to_ascii_lowercase().as_str() {
        "ya" | "y" | "yes" | "true" | "1" | "halal" | "sudah" | "ada" => Some(true),
        "tidak" | "tdk" | "no" | "n" | "false" | "0" | "belum" | "bukan" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
#[path = "product_tests.rs"]
pub(crate) mod tests;
