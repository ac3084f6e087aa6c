//! `/supplier`: the onboarding overview behind the home task list, the four
//! profile sections the wizard saves (versioned: `ETag` / `If-Match`), and
//! submitting for verification.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::json::{self, Object};
use super::{ApiError, ApiRequest, ApiResponse, Cancel};
use crate::domain::identifiers::digits;
use crate::domain::money::{group_thousands, parse_rupiah};
use crate::domain::profile::{codes, Draft, Field, Kind, Section};

/// One section's state.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct SectionState {
    /// All its required fields are filled in.
    pub complete: bool,
    /// Its version ("0" before the first save).
    pub version: String,
}

/// The four profile sections.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Sections {
    /// Business.
    pub business: SectionState,
    /// Owner.
    pub owner: SectionState,
    /// Address.
    pub address: SectionState,
    /// Bank.
    pub bank: SectionState,
}

/// A reviewer's reason for asking for a change.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ReviewReason {
    /// `section.field`, e.g. `business.npwp`.
    pub field: String,
    /// What to fix, in the reviewer's words.
    pub message: String,
}

/// The supplier's onboarding overview.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Overview {
    /// `draft`, `submitted`, `in_review`, `approved` or `changes_requested`.
    pub status: String,
    /// Each section's state.
    pub sections: Sections,
    /// The reviewer's reasons, when changes are requested.
    pub reasons: Vec<ReviewReason>,
    /// How many products.
    pub products: u32,
    /// How many products are complete (have a photo).
    #[serde(default)]
    pub products_complete: u32,
    /// How many documents.
    pub documents: u32,
    /// Each document's kind, status and expiry, for home's warnings.
    #[serde(default)]
    pub documents_brief: Vec<super::documents::BriefWire>,
    /// The highest TKDN among the products, for the tenders' eligibility.
    #[serde(default)]
    pub highest_tkdn_percent: Option<f64>,
}

/// Where the profile stands: what the wizard reads of `GET /supplier` (and
/// of the submit's answer). The rest is home's and the tenders'; reading
/// only this keeps their readers out of the wizard's download.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ProfileStatus {
    /// `draft`, `submitted`, `in_review`, `approved` or `changes_requested`.
    pub status: String,
    /// Each section's state.
    pub sections: Sections,
    /// The reviewer's reasons, when changes are requested.
    pub reasons: Vec<ReviewReason>,
}

/// `GET /supplier`, as far as the wizard reads it.
pub async fn profile_status(cancel: &Cancel) -> Result<ProfileStatus, ApiError> {
    read_supplier(cancel).await
}

/// `GET /supplier`
pub async fn overview(cancel: &Cancel) -> Result<Overview, ApiError> {
    read_supplier(cancel).await
}

/// `GET /supplier`, read as `T` (each reader takes the fields it needs).
async fn read_supplier<T: serde::de::DeserializeOwned>(cancel: &Cancel) -> Result<T, ApiError> {
    ApiRequest::get("/supplier")
        .cancel_on(cancel)
        .fetch_json()
        .await
}

/// Something cooperative staff did for this supplier (`TrailEntry`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct TrailEntry {
    /// When (RFC 3339).
    pub at: String,
    /// The staff member: their name, or their masked number if they gave
    /// none.
    pub staff_name: String,
    /// Their cooperative.
    pub cooperative: super::auth::Cooperative,
    /// The part of the data touched: `business`, `owner`, `address`,
    /// `bank`, `product`, `document`, `tender`, `link`, `acting`.
    #[serde(default)]
    pub section: Option<String>,
}

#[derive(Deserialize)]
struct TrailPage {
    items: Vec<TrailEntry>,
}

/// `GET /supplier/trail`: the newest of what staff did for this supplier.
pub async fn trail(cancel: &Cancel) -> Result<Vec<TrailEntry>, ApiError> {
    ApiRequest::get("/supplier/trail?per_page=50")
        .cancel_on(cancel)
        .fetch_json::<TrailPage>()
        .await
        .map(|page| page.items)
}

/// One profile section as the server has it: the person's draft values
/// (see [`draft_from_wire`]) and its version for `If-Match`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedSection {
    /// The values, as text the form shows.
    pub values: Draft,
    /// Its `ETag`, sent back as `If-Match`.
    pub etag: String,
}

fn saved(section: Section, response: ApiResponse) -> Result<SavedSection, ApiError> {
    Ok(SavedSection {
        values: draft_from_wire(section, &response.body)
            .ok_or(ApiError::Unexpected { status: 0 })?,
        etag: response.etag.unwrap_or_else(|| "\"0\"".to_owned()),
    })
}

/// `GET /supplier/{section}`
pub async fn section(section: Section, cancel: &Cancel) -> Result<SavedSection, ApiError> {
    let response = ApiRequest::get(format!("/supplier/{}", section.slug()))
        .cancel_on(cancel)
        .send()
        .await?;
    saved(section, response)
}

/// The business section's KBLI codes alone (`GET /supplier/business`): all
/// a tender's eligibility check needs, without the code that reads the
/// whole section into a draft.
pub async fn kbli(cancel: &Cancel) -> Result<Vec<String>, ApiError> {
    #[derive(Deserialize)]
    struct BusinessKbli {
        kbli: Option<Vec<String>>,
    }
    let business: BusinessKbli = ApiRequest::get(format!("/supplier/{}", Section::Business.slug()))
        .cancel_on(cancel)
        .fetch_json()
        .await?;
    Ok(business.kbli.unwrap_or_default())
}

/// `PUT /supplier/{section}` with `If-Match: etag`. A 412 carries the
/// server's version ([`ApiError::PreconditionFailed`]); read it with
/// [`draft_from_wire`].
pub async fn save_section(
    section: Section,
    values: &Draft,
    etag: &str,
) -> Result<SavedSection, ApiError> {
    let response = ApiRequest::put(format!("/supplier/{}", section.slug()))
        .json_text(draft_to_wire(section, values))
        .if_match(etag)
        .send()
        .await?;
    saved(section, response)
}

/// `POST /supplier/submit`
pub async fn submit() -> Result<ProfileStatus, ApiError> {
    ApiRequest::post("/supplier/submit")
        .with_new_idempotency_key()
        .fetch_json()
        .await
}

/// The JSON the contract expects for a draft: empty text is `null`, amounts
/// are whole numbers, yes/no are booleans, KBLI codes a list, identifiers
/// their digits. A value that does not parse is sent as typed, so the
/// server's 422 names it rather than the value silently vanishing. Keys
/// in name order.
pub fn draft_to_wire(section: Section, values: &Draft) -> String {
    // Name order by insertion: a library sort's code would weigh more
    // than a dozen fields need.
    let mut fields: Vec<&Field> = Vec::new();
    for field in section.fields() {
        let at = fields.iter().position(|f| f.name > field.name);
        fields.insert(at.unwrap_or(fields.len()), field);
    }
    let mut out = Object::new();
    for field in fields {
        let (name, typed) = (
            field.name,
            values.get(field.name).map(|v| v.trim()).unwrap_or(""),
        );
        match field.kind {
            Kind::Codes => out.texts(name, &codes(typed)),
            _ if typed.is_empty() => out.null(name),
            Kind::Money => match parse_rupiah(typed) {
                Ok(Some(amount)) => out.number(name, amount),
                _ => out.text(name, typed),
            },
            Kind::YesNo => out.bool(name, typed == "true"),
            Kind::Digits(_) => out.text(name, &digits(typed).unwrap_or_else(|_| typed.to_owned())),
            _ => out.text(name, typed),
        }
    }
    out.finish()
}

/// A section's JSON as read: what [`draft_from_wire`] keeps of each value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Wire {
    /// A string.
    Text(String),
    /// A whole number from 0.
    Number(u64),
    /// In the browser, a whole number beyond 2^53: a JS number holds it
    /// only roughly, so its digits are read from the text.
    Large,
    /// `true` or `false`.
    Bool(bool),
    /// A list; only its strings.
    List(Vec<String>),
    /// An object.
    Object(BTreeMap<String, Wire>),
    /// `null`, or anything else the form does not show.
    Other,
}

impl<'de> Deserialize<'de> for Wire {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Wire, D::Error> {
        deserializer.deserialize_any(WireVisitor)
    }
}

struct WireVisitor;

impl<'de> Visitor<'de> for WireVisitor {
    type Value = Wire;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("JSON")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Wire, E> {
        Ok(Wire::Other)
    }

    fn visit_none<E: de::Error>(self) -> Result<Wire, E> {
        Ok(Wire::Other)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Wire, E> {
        Ok(Wire::Bool(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Wire, E> {
        Ok(Wire::Number(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Wire, E> {
        Ok(u64::try_from(value).map_or(Wire::Other, Wire::Number))
    }

    /// In the browser, a whole number beyond 2^53 (JS numbers hold no
    /// more exactly); natively, a number written with a fraction or exponent.
    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Wire, E> {
        Ok(
            if cfg!(target_arch = "wasm32") && value >= 0.0 && value.fract() == 0.0 {
                Wire::Large
            } else {
                Wire::Other
            },
        )
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Wire, E> {
        Ok(Wire::Text(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Wire, E> {
        Ok(Wire::Text(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Wire, A::Error> {
        let mut texts = Vec::new();
        while let Some(item) = items.next_element::<Wire>()? {
            if let Wire::Text(text) = item {
                texts.push(text);
            }
        }
        Ok(Wire::List(texts))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Wire, A::Error> {
        let mut object = BTreeMap::new();
        while let Some(key) = entries.next_key::<String>()? {
            object.insert(key, entries.next_value::<Wire>()?);
        }
        Ok(Wire::Object(object))
    }
}

/// The draft for a section's JSON: numbers grouped by thousands, booleans
/// as `"true"`/`"false"`, lists comma-separated; `null` and derived fields
/// (NITKU, scale) left out. `None` when `text` is not JSON.
pub fn draft_from_wire(section: Section, text: &str) -> Option<Draft> {
    let Wire::Object(body) = json::parse(text)? else {
        return Some(Draft::new());
    };
    // Inserted one by one: collecting into the map would sort first.
    let mut draft = Draft::new();
    for field in section.fields() {
        let value = match body.get(field.name) {
            Some(Wire::Text(text)) => text.clone(),
            Some(Wire::Number(number)) => group_thousands(*number),
            Some(Wire::Large) => match exact_number(text, field.name) {
                Some(number) => group_thousands(number),
                None => continue,
            },
            Some(Wire::Bool(yes)) => yes.to_string(),
            Some(Wire::List(items)) => items.join(","),
            Some(Wire::Object(_) | Wire::Other) | None => continue,
        };
        if !value.is_empty() {
            draft.insert(field.name.to_owned(), value);
        }
    }
    Some(draft)
}

/// The whole number written as `key`'s value in the JSON object `text`,
/// digit for digit. Only a key is a quoted name followed by `:` (inside a
/// string a quote is escaped).
fn exact_number(text: &str, key: &str) -> Option<u64> {
    let quoted = format!("\"{key}\"");
    text.match_indices(&quoted).find_map(|(at, _)| {
        let value = text[at + quoted.len()..].trim_start().strip_prefix(':')?;
        let value = value.trim_start();
        let end = value
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(value.len());
        value[..end].parse().ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_goes_on_the_wire_in_the_contract_s_types_and_comes_back_the_same() {
        let draft: Draft = [
            ("name", "Keripik Bu Sari"),
            ("legal_form", "perorangan"),
            ("nib", "1234 5678 90123"),
            ("pkp", "false"),
            ("capital", "Rp50.000.000"),
            ("kbli", "10794,47111"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let text = draft_to_wire(Section::Business, &draft);
        let wire: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(wire["nib"], "1234567890123");
        assert_eq!(wire["capital"], 50_000_000);
        assert_eq!(wire["pkp"], false);
        assert_eq!(wire["npwp"], serde_json::Value::Null);
        assert_eq!(wire["kbli"], serde_json::json!(["10794", "47111"]));
        assert_eq!(text, wire.to_string(), "keys in name order, as before");
        let back = draft_from_wire(Section::Business, &text).unwrap();
        assert_eq!(back["capital"], "50.000.000");
        assert_eq!(back["nib"], "1234567890123");
        assert_eq!(back["kbli"], "10794,47111");
        assert!(!back.contains_key("npwp"));
    }

    #[test]
    fn a_value_that_does_not_parse_is_sent_as_typed_for_the_server_to_name() {
        let draft: Draft = [("capital".to_owned(), "lima juta".to_owned())].into();
        let wire: serde_json::Value =
            serde_json::from_str(&draft_to_wire(Section::Business, &draft)).unwrap();
        assert_eq!(wire["capital"], "lima juta");
    }

    #[test]
    fn only_what_the_form_shows_is_read_back() {
        let body = r#"{"name":"Kopi","capital":-5,"annual_sales":1.5,"pkp":true,
            "kbli":["10794",7,null,"47111"],"npwp":null,"nib":{"x":[1]},"extra":"x"}"#;
        let draft = draft_from_wire(Section::Business, body).unwrap();
        let expected: Draft = [("kbli", "10794,47111"), ("name", "Kopi"), ("pkp", "true")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        assert_eq!(draft, expected);
        assert_eq!(
            draft_from_wire(Section::Business, "[1]"),
            Some(Draft::new())
        );
        assert_eq!(draft_from_wire(Section::Business, "not json"), None);
    }

    #[test]
    fn a_number_beyond_what_a_js_number_holds_is_read_digit_for_digit() {
        let text = r#"{"name":"\"capital\": 1","legal_form":"capital", "capital" : 999999999999999999,"x":1}"#;
        assert_eq!(exact_number(text, "capital"), Some(999_999_999_999_999_999));
        assert_eq!(exact_number(text, "x"), Some(1));
        assert_eq!(exact_number(text, "name"), None);
        assert_eq!(exact_number(text, "nib"), None);
    }
}
