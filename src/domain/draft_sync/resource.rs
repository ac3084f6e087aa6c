//! What the draft sync keeps and sends: a section of the profile, or a
//! product of the catalog (a new one not yet created, or one the server
//! has). Each knows its name on the device, what a save sends of what was
//! typed, and when two drafts are the same once stored.

use crate::domain::product::{self, Field, FIELDS};
use crate::domain::profile::{check_value, differences, Draft, Section};

/// Something edited as a draft on the device and saved with `If-Match`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resource {
    /// One section of the supplier's profile.
    Profile(Section),
    /// One product of the catalog.
    Product(ProductSlot),
}

/// Which product a draft is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ProductSlot {
    /// The product being added: created by the first save (with an
    /// `Idempotency-Key` kept in the draft), never sent by itself.
    New,
    /// The product with this id on the server.
    Saved(i64),
}

/// The draft value holding a product's photos: their upload ids, the main
/// photo first, separated by commas (not a field of the form's table).
pub const PHOTOS: &str = "photos";

impl From<Section> for Resource {
    fn from(section: Section) -> Resource {
        Resource::Profile(section)
    }
}

impl Resource {
    /// Its draft's name on the device: `profile.business`, `product.new`,
    /// `product.42`.
    pub fn name(self) -> String {
        match self {
            Resource::Profile(section) => format!("profile.{}", section.slug()),
            Resource::Product(ProductSlot::New) => "product.new".to_owned(),
            Resource::Product(ProductSlot::Saved(id)) => format!("product.{id}"),
        }
    }

    /// The resource whose draft is called `name` (see [`Resource::name`]).
    pub fn from_name(name: &str) -> Option<Resource> {
        match name.split_once('.')? {
            ("profile", slug) => Section::from_slug(slug).map(Resource::Profile),
            ("product", "new") => Some(Resource::Product(ProductSlot::New)),
            ("product", id) if id.bytes().all(|b| b.is_ascii_digit()) => id
                .parse()
                .ok()
                .map(|id| Resource::Product(ProductSlot::Saved(id))),
            _ => None,
        }
    }

    /// The rules of its kind, for the sync's decisions (the draft sync's
    /// sending half asks them here, for every kind).
    pub fn rules(self) -> Box<dyn Rules> {
        match self {
            Resource::Profile(section) => Box::new(ProfileRules(section)),
            Resource::Product(slot) => Box::new(ProductRules(slot)),
        }
    }
}

/// What the sync's decisions need to know of one kind of resource.
pub trait Rules {
    /// What a save sends for `values`: a value this device knows to be
    /// invalid is replaced by the server's own (`base`), or left out when
    /// the server has none, so it stays on the device and the server keeps
    /// what it had.
    fn to_send(&self, values: &Draft, base: &Draft) -> Draft;

    /// True when two drafts hold the same values once written the way the
    /// server stores them (`0123 4567` and `01234567` are the same, as are
    /// `Rp15.000` and `15000`).
    fn same_on_server(&self, one: &Draft, other: &Draft) -> bool;

    /// True when a save creates the resource (a new product): under an
    /// `Idempotency-Key`, and only once the person asked for it.
    fn creates(&self) -> bool {
        false
    }
}

/// A section of the profile.
pub struct ProfileRules(pub Section);

impl Rules for ProfileRules {
    fn to_send(&self, values: &Draft, base: &Draft) -> Draft {
        let invalid = self.0.fields().iter().filter(|field| {
            let typed = values.get(field.name).map(String::as_str).unwrap_or("");
            check_value(field.kind, typed, &|_| true).is_err()
        });
        keep_server_values(values, base, invalid.map(|field| field.name))
    }

    fn same_on_server(&self, one: &Draft, other: &Draft) -> bool {
        differences(self.0, one, other).is_empty()
    }
}

/// A product. A new one is sent as typed: the server's field errors then
/// say what to fix.
pub struct ProductRules(pub ProductSlot);

impl Rules for ProductRules {
    fn to_send(&self, values: &Draft, base: &Draft) -> Draft {
        if self.creates() {
            return values.clone();
        }
        let invalid = FIELDS.iter().filter(|spec| {
            let typed = values.get(spec.name).map(String::as_str).unwrap_or("");
            product::read(spec.kind, typed, &|code| Some(code.to_owned())).is_err()
        });
        keep_server_values(values, base, invalid.map(|spec| spec.name))
    }

    fn same_on_server(&self, one: &Draft, other: &Draft) -> bool {
        same_product(one, other)
    }

    fn creates(&self) -> bool {
        self.0 == ProductSlot::New
    }
}

/// `values` with each of `invalid` replaced by `base`'s, or left out.
fn keep_server_values<'a>(
    values: &Draft,
    base: &Draft,
    invalid: impl Iterator<Item = &'a str>,
) -> Draft {
    let mut sent = values.clone();
    for name in invalid {
        match base.get(name) {
            Some(kept) => sent.insert(name.to_owned(), kept.clone()),
            None => sent.remove(name),
        };
    }
    sent
}

/// Two product drafts that the server would store alike.
fn same_product(one: &Draft, other: &Draft) -> bool {
    let text = |draft: &Draft, name: &str| {
        draft
            .get(name)
            .map(String::as_str)
            .unwrap_or("")
            .trim()
            .to_owned()
    };
    let category = |code: &str| Some(code.to_owned());
    let fields_alike = Field::ALL.into_iter().all(|field| {
        let spec = field.spec();
        let (a, b) = (text(one, spec.name), text(other, spec.name));
        match (
            product::read(spec.kind, &a, &category),
            product::read(spec.kind, &b, &category),
        ) {
            (Ok(a), Ok(b)) => stored_as(field, a) == stored_as(field, b),
            _ => a == b,
        }
    });
    fields_alike && text(one, PHOTOS) == text(other, PHOTOS)
}

/// A value as the server stores it: an empty minimum order is 1, an
/// empty halal answer "no".
fn stored_as(field: Field, value: product::Value) -> product::Value {
    match (field, value) {
        (Field::MinOrder, product::Value::Empty) => product::Value::Number(1),
        (Field::Halal, product::Value::Empty) => product::Value::YesNo(false),
        (_, value) => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn draft(pairs: &[(&str, &str)]) -> Draft {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn products_are_named_on_the_device_by_id_or_as_the_new_one() {
        let new = Resource::Product(ProductSlot::New);
        let saved = Resource::Product(ProductSlot::Saved(42));
        assert_eq!(
            (new.name(), saved.name()),
            ("product.new".into(), "product.42".into())
        );
        for resource in [new, saved, Resource::Profile(Section::Bank)] {
            assert_eq!(Resource::from_name(&resource.name()), Some(resource));
        }
        for other in [
            "product.",
            "product.-1",
            "product.4x",
            "product.NEW",
            "products.1",
        ] {
            assert_eq!(Resource::from_name(other), None, "{other}");
        }
    }

    #[test]
    fn only_a_new_product_is_created() {
        assert!(Resource::Product(ProductSlot::New).rules().creates());
        assert!(!Resource::Product(ProductSlot::Saved(1)).rules().creates());
        assert!(!Resource::Profile(Section::Owner).rules().creates());
    }

    #[test]
    fn an_edit_keeps_invalid_values_on_the_device_and_a_new_product_sends_all() {
        let typed = draft(&[
            ("name", "Keripik"),
            ("price", "sepuluh ribu"),
            ("unit", "pak"),
        ]);
        let base = draft(&[("name", "Keripik"), ("price", "15000"), ("unit", "pcs")]);
        let saved = Resource::Product(ProductSlot::Saved(3))
            .rules()
            .to_send(&typed, &base);
        assert_eq!(saved.get("price").map(String::as_str), Some("15000"));
        assert_eq!(saved.get("unit").map(String::as_str), Some("pak"));
        let new = Resource::Product(ProductSlot::New)
            .rules()
            .to_send(&typed, &Draft::new());
        assert_eq!(new, typed);
    }

    #[test]
    fn products_written_differently_are_the_same_on_the_server() {
        let typed = draft(&[
            ("name", " Keripik "),
            ("price", "Rp15.000"),
            ("unit", "PCS"),
            ("tkdn_percent", "40,5"),
            ("photos", "a1,b2"),
        ]);
        let stored = draft(&[
            ("name", "Keripik"),
            ("price", "15000"),
            ("unit", "pcs"),
            ("tkdn_percent", "40.50"),
            ("halal", "false"),
            ("min_order", "1"),
            ("photos", "a1,b2"),
        ]);
        let product = Resource::Product(ProductSlot::Saved(1)).rules();
        assert!(product.same_on_server(&typed, &stored));
        let mut other_photo_order = stored.clone();
        other_photo_order.insert("photos".into(), "b2,a1".into());
        assert!(!product.same_on_server(&stored, &other_photo_order));
        let mut cheaper = stored.clone();
        cheaper.insert("price".into(), "14.999".into());
        assert!(!product.same_on_server(&stored, &cheaper));
    }

    proptest! {
        #[test]
        fn a_product_draft_is_the_same_as_itself_and_its_name_reads_back(
            id in 0i64..i64::MAX,
            values in proptest::collection::btree_map("[a-z_]{1,12}", ".{0,12}", 0..6),
        ) {
            let resource = Resource::Product(ProductSlot::Saved(id));
            prop_assert_eq!(Resource::from_name(&resource.name()), Some(resource));
            let values: Draft = values.into_iter().collect();
            prop_assert!(resource.rules().same_on_server(&values, &values));
        }
    }
}
