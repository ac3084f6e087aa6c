//! A JS value (what the browser's `JSON.parse` gives) read as a Rust type.
//!
//! The app only asks whether an answer is the type it expects (`parse`
//! gives `None` when it is not), so a refusal carries no words: building
//! "invalid type: floating point `1.5`, expected u32" is what brought
//! Rust's float formatter into the main module (issue 9: -5 KB on every
//! page). Every number is a JS number: an integer up to 2^53 reaches an
//! integer type, anything else only `f64`.

use std::fmt;

use js_sys::{Array, Object};
use serde::de::{self, DeserializeSeed, Expected, Unexpected, Visitor};
use serde::forward_to_deserialize_any;
use wasm_bindgen::{JsCast, JsValue};

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// The value is not the type asked for. Which part, and why, is not kept.
#[derive(Debug, PartialEq, Eq)]
pub struct NotThisType;

impl fmt::Display for NotThisType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not the type asked for")
    }
}

impl std::error::Error for NotThisType {}

// Every way serde reports a refusal, overridden so that none formats one.
impl de::Error for NotThisType {
    fn custom<T: fmt::Display>(_: T) -> NotThisType {
        NotThisType
    }
    fn invalid_type(_: Unexpected, _: &dyn Expected) -> NotThisType {
        NotThisType
    }
    fn invalid_value(_: Unexpected, _: &dyn Expected) -> NotThisType {
        NotThisType
    }
    fn invalid_length(_: usize, _: &dyn Expected) -> NotThisType {
        NotThisType
    }
    fn unknown_variant(_: &str, _: &'static [&'static str]) -> NotThisType {
        NotThisType
    }
    fn unknown_field(_: &str, _: &'static [&'static str]) -> NotThisType {
        NotThisType
    }
    fn missing_field(_: &'static str) -> NotThisType {
        NotThisType
    }
    fn duplicate_field(_: &'static str) -> NotThisType {
        NotThisType
    }
}

/// `value` read as a `T`.
pub fn from_js<T: de::DeserializeOwned>(value: JsValue) -> Result<T, NotThisType> {
    T::deserialize(FromJs(value))
}

/// Reads one JS value: `null` and `undefined` are `()` and `None`, a
/// string is a unit variant's name, an object of one key a variant with
/// data, any other object a map or struct, an array a sequence or tuple.
struct FromJs(JsValue);

impl FromJs {
    fn is_nothing(&self) -> bool {
        self.0.is_null() || self.0.is_undefined()
    }

    /// A plain object (not an array, not `null`).
    fn is_plain_object(&self) -> bool {
        self.0.is_object() && !Array::is_array(&self.0)
    }

    fn visit_number<'de, V: Visitor<'de>>(
        number: f64,
        visitor: V,
    ) -> Result<V::Value, NotThisType> {
        if number.fract() != 0.0 || number.abs() > MAX_SAFE_INTEGER {
            visitor.visit_f64(number)
        } else if number < 0.0 {
            visitor.visit_i64(number as i64)
        } else {
            visitor.visit_u64(number as u64)
        }
    }

    fn visit_entries<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisType> {
        visitor.visit_map(Entries {
            entries: Object::entries(self.0.unchecked_ref()),
            next: 0,
            value: JsValue::UNDEFINED,
        })
    }

    fn visit_items<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisType> {
        visitor.visit_seq(Items {
            items: self.0.unchecked_into(),
            next: 0,
        })
    }
}

/// The hint a type gives (a struct, a string, an integer) is taken: only
/// that case is read, so a type's reader is built without the cases its
/// JSON never has (a struct read from an array, an integer from text).
macro_rules! integers {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisType> {
            match self.0.as_f64() {
                Some(number) => FromJs::visit_number(number, visitor),
                None => Err(NotThisType),
            }
        }
    )*};
}

impl<'de> de::Deserializer<'de> for FromJs {
    type Error = NotThisType;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisType> {
        if self.is_nothing() {
            visitor.visit_unit()
        } else if let Some(yes) = self.0.as_bool() {
            visitor.visit_bool(yes)
        } else if let Some(number) = self.0.as_f64() {
            FromJs::visit_number(number, visitor)
        } else if let Some(text) = self.0.as_string() {
            visitor.visit_string(text)
        } else if Array::is_array(&self.0) {
            self.visit_items(visitor)
        } else if self.0.is_object() {
            self.visit_entries(visitor)
        } else {
            Err(NotThisType)
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, NotThisType> {
        self.deserialize_map(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisType> {
        if self.is_plain_object() {
            self.visit_entries(visitor)
        } else {
            Err(NotThisType)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisType> {
        if Array::is_array(&self.0) {
            self.visit_items(visitor)
        } else {
            Err(NotThisType)
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, NotThisType> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisType> {
        match self.0.as_string() {
            Some(text) => visitor.visit_string(text),
            None => Err(NotThisType),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisType> {
        self.deserialize_string(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisType> {
        self.deserialize_string(visitor)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisType> {
        match self.0.as_bool() {
            Some(yes) => visitor.visit_bool(yes),
            None => Err(NotThisType),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisType> {
        match self.0.as_f64() {
            Some(number) => visitor.visit_f64(number),
            None => Err(NotThisType),
        }
    }

    integers! {
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisType> {
        if self.is_nothing() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, NotThisType> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, NotThisType> {
        if self.0.is_string() {
            return visitor.visit_enum(Variant {
                name: self.0,
                data: None,
            });
        }
        let entries = if self.is_plain_object() {
            Object::entries(self.0.unchecked_ref())
        } else {
            return Err(NotThisType);
        };
        if entries.length() != 1 {
            return Err(NotThisType);
        }
        let entry: Array = entries.get(0).unchecked_into();
        visitor.visit_enum(Variant {
            name: entry.get(0),
            data: Some(entry.get(1)),
        })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, NotThisType> {
        visitor.visit_unit()
    }

    forward_to_deserialize_any! {
        i128 u128 f32 char bytes byte_buf unit unit_struct tuple_struct
    }
}

/// An array's items, in order.
struct Items {
    items: Array,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Items {
    type Error = NotThisType;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, NotThisType> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        seed.deserialize(FromJs(item)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.items.length() - self.next) as usize)
    }
}

/// An object's own keys and values, as `Object.entries` gives them.
struct Entries {
    entries: Array,
    next: u32,
    /// The value of the key just read.
    value: JsValue,
}

impl<'de> de::MapAccess<'de> for Entries {
    type Error = NotThisType;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, NotThisType> {
        if self.next >= self.entries.length() {
            return Ok(None);
        }
        let entry: Array = self.entries.get(self.next).unchecked_into();
        self.next += 1;
        self.value = entry.get(1);
        seed.deserialize(FromJs(entry.get(0))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, NotThisType> {
        seed.deserialize(FromJs(std::mem::take(&mut self.value)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some((self.entries.length() - self.next) as usize)
    }
}

/// An enum's variant: its name, and its data when it has some.
struct Variant {
    name: JsValue,
    data: Option<JsValue>,
}

impl<'de> de::EnumAccess<'de> for Variant {
    type Error = NotThisType;
    type Variant = VariantData;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, VariantData), NotThisType> {
        let name = seed.deserialize(FromJs(self.name))?;
        Ok((name, VariantData(self.data)))
    }
}

/// A variant's data (`None` for a unit variant).
struct VariantData(Option<JsValue>);

impl<'de> de::VariantAccess<'de> for VariantData {
    type Error = NotThisType;

    fn unit_variant(self) -> Result<(), NotThisType> {
        match self.0 {
            None => Ok(()),
            Some(_) => Err(NotThisType),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, NotThisType> {
        seed.deserialize(FromJs(self.0.ok_or(NotThisType)?))
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, NotThisType> {
        de::Deserializer::deserialize_any(FromJs(self.0.ok_or(NotThisType)?), visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, NotThisType> {
        de::Deserializer::deserialize_any(FromJs(self.0.ok_or(NotThisType)?), visitor)
    }
}
