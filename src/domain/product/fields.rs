//! The product form's field table: each field's contract name, how its
//! text is checked and whether it is required.

use super::{MAX_LEAD_TIME_DAYS, MAX_QUANTITY};

/// A field of the product form, in the order the form asks for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Required, up to 200 characters.
    Name,
    /// A category code from the reference list.
    Category,
    /// Up to 4000 characters, line breaks kept.
    Description,
    /// Required: a [`Unit`](crate::domain::unit::Unit).
    Unit,
    /// Required: whole rupiah per unit.
    Price,
    /// At least 1 (1 when left empty).
    MinOrder,
    /// 0 or more.
    Stock,
    /// 0 to 365 days.
    LeadTimeDays,
    /// A [`Tkdn`](crate::domain::tkdn::Tkdn) percentage.
    Tkdn,
    /// Yes or no (no when left empty).
    Halal,
    /// Up to 64 characters, no control characters.
    Sku,
}

/// How a field's text is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Free text up to this many characters.
    Text(usize),
    /// A code the caller's category list knows.
    Category,
    /// A unit of sale.
    Unit,
    /// Whole rupiah, up to [`MAX_PRICE`](super::MAX_PRICE).
    Price,
    /// A whole number in this range.
    Count {
        /// The least allowed.
        min: u64,
        /// The most allowed.
        max: u64,
    },
    /// A TKDN percentage.
    Tkdn,
    /// Yes or no.
    YesNo,
    /// A SKU: text up to this many characters, without control characters.
    Sku(usize),
}

/// One row of the field table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spec {
    /// Which field.
    pub field: Field,
    /// Its name in the contract (and the suffix of its input's `id`).
    pub name: &'static str,
    /// How it is checked.
    pub kind: Kind,
    /// Needed before the product can be saved.
    pub required: bool,
}

const fn spec(field: Field, name: &'static str, kind: Kind, required: bool) -> Spec {
    Spec {
        field,
        name,
        kind,
        required,
    }
}

const fn count(min: u64, max: u64) -> Kind {
    Kind::Count { min, max }
}

/// The product's fields, in form order (indexed by `Field as usize`).
pub const FIELDS: [Spec; 11] = [
    spec(Field::Name, "name", Kind::Text(200), true),
    spec(Field::Category, "category", Kind::Category, false),
    spec(Field::Description, "description", Kind::Text(4000), false),
    spec(Field::Unit, "unit", Kind::Unit, true),
    spec(Field::Price, "price", Kind::Price, true),
    spec(Field::MinOrder, "min_order", count(1, MAX_QUANTITY), false),
    spec(Field::Stock, "stock", count(0, MAX_QUANTITY), false),
    spec(
        Field::LeadTimeDays,
        "lead_time_days",
        count(0, MAX_LEAD_TIME_DAYS),
        false,
    ),
    spec(Field::Tkdn, "tkdn_percent", Kind::Tkdn, false),
    spec(Field::Halal, "halal", Kind::YesNo, false),
    spec(Field::Sku, "sku", Kind::Sku(64), false),
];

impl Field {
    /// Every field, in form order.
    pub const ALL: [Field; 11] = {
        let mut all = [Field::Name; 11];
        let mut index = 0;
        while index < 11 {
            all[index] = FIELDS[index].field;
            index += 1;
        }
        all
    };

    /// Its row of the table.
    pub fn spec(self) -> Spec {
        FIELDS[self as usize]
    }

    /// Its name in the contract and in a [`Draft`](super::Draft).
    pub fn name(self) -> &'static str {
        self.spec().name
    }

    /// The field called `name` in the contract.
    pub fn from_name(name: &str) -> Option<Field> {
        FIELDS.iter().find(|s| s.name == name).map(|s| s.field)
    }
}
