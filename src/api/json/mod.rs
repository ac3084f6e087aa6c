//! JSON in and out of the app, in one place.
//!
//! In the browser this is the browser's own `JSON.parse` / `JSON.stringify`,
//! with [`from_js`] reading the JS value as a Rust type and
//! `serde-wasm-bindgen` writing one, so the app carries no JSON parser or
//! number formatter of its own. Native builds (unit tests) use
//! `serde_json`, which the wasm build never links.
//!
//! A profile section's body is written by [`Object`] instead: its amounts
//! reach 10^18 rupiah, beyond the integers a JS number holds exactly (and
//! `api::supplier` reads such an amount back from the text's digits).

#[cfg(target_arch = "wasm32")]
pub mod from_js;

use serde::de::DeserializeOwned;
use serde::Serialize;

/// `text` read as a `T`; `None` when it is not JSON or not a `T`.
#[cfg(target_arch = "wasm32")]
pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    from_js::from_js(value).ok()
}

/// `value` as JSON text: maps are objects, `None` is `null`.
#[cfg(target_arch = "wasm32")]
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let value = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()?;
    js_sys::JSON::stringify(&value).ok()?.as_string()
}

/// `text` read as a `T`; `None` when it is not JSON or not a `T`.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

/// `value` as JSON text: maps are objects, `None` is `null`.
#[cfg(not(target_arch = "wasm32"))]
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// A flat JSON object written field by field, numbers exactly as given.
#[derive(Debug)]
pub struct Object(String);

impl Object {
    /// `{`
    pub fn new() -> Object {
        Object(String::from("{"))
    }

    fn key(&mut self, key: &str) -> &mut String {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        push_str(&mut self.0, key);
        self.0.push(':');
        &mut self.0
    }

    /// `"key":null`
    pub fn null(&mut self, key: &str) {
        self.key(key).push_str("null");
    }

    /// `"key":true` or `false`.
    pub fn bool(&mut self, key: &str, value: bool) {
        self.key(key).push_str(if value { "true" } else { "false" });
    }

    /// `"key":123`
    pub fn number(&mut self, key: &str, value: u64) {
        let out = self.key(key);
        out.push_str(&value.to_string());
    }

    /// `"key":"text"`
    pub fn text(&mut self, key: &str, value: &str) {
        push_str(self.key(key), value);
    }

    /// `"key":["a","b"]`
    pub fn texts(&mut self, key: &str, values: &[impl AsRef<str>]) {
        let out = self.key(key);
        out.push('[');
        for (i, value) in values.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            push_str(out, value.as_ref());
        }
        out.push(']');
    }

    /// The object's text, `}` closed.
    pub fn finish(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

impl Default for Object {
    fn default() -> Object {
        Object::new()
    }
}

/// `text` as a JSON string, escaped as `serde_json` escapes it.
fn push_str(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c < ' ' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(c as u8 >> 4)]));
                out.push(char::from(HEX[usize::from(c as u8 & 0xf)]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_object_is_the_json_serde_json_writes() {
        let mut object = Object::new();
        object.null("a");
        object.bool("b", true);
        object.number("c", 999_999_999_999_999_999);
        object.text("d", "Bu \"Sari\"\\\n\t\u{1}\u{1f} é ✓");
        object.texts("e", &["1".to_owned(), "x\"y".to_owned()]);
        object.texts("f", &[""; 0]);
        let written = object.finish();
        let expected = serde_json::json!({
            "a": null,
            "b": true,
            "c": 999_999_999_999_999_999_u64,
            "d": "Bu \"Sari\"\\\n\t\u{1}\u{1f} é ✓",
            "e": ["1", "x\"y"],
            "f": [],
        });
        assert_eq!(written, serde_json::to_string(&expected).unwrap());
        assert_eq!(Object::new().finish(), "{}");
    }
}
