//! `/supplier`: the onboarding overview behind the home task list, the four
//! profile sections the wizard saves (versioned: `ETag` / `If-Match`), and
//! submitting for verification.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::{ApiError, ApiRequest, ApiResponse, Cancel};
use crate::domain::identifiers::digits;
use crate::domain::money::{group_thousands, parse_rupiah};
use crate::domain::profile::{codes, Draft, Kind, Section};

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
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Overview {
    /// `draft`, `submitted`, `in_review`, `approved` or `changes_requested`.
    pub status: String,
    /// Each section's state.
    pub sections: Sections,
    /// The reviewer's reasons, when changes are requested.
    pub reasons: Vec<ReviewReason>,
    /// How many products.
    pub products: u32,
    /// How many documents.
    pub documents: u32,
}

/// `GET /supplier`
pub async fn overview(cancel: &Cancel) -> Result<Overview, ApiError> {
    ApiRequest::get("/supplier")
        .cancel_on(cancel)
        .fetch_json()
        .await
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
    let body: Value = response.json()?;
    Ok(SavedSection {
        values: draft_from_wire(section, &body),
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

/// `PUT /supplier/{section}` with `If-Match: etag`. A 412 carries the
/// server's version ([`ApiError::PreconditionFailed`]); read it with
/// [`draft_from_wire`].
pub async fn save_section(
    section: Section,
    values: &Draft,
    etag: &str,
) -> Result<SavedSection, ApiError> {
    let response = ApiRequest::put(format!("/supplier/{}", section.slug()))
        .json(&draft_to_wire(section, values))
        .if_match(etag)
        .send()
        .await?;
    saved(section, response)
}

/// `POST /supplier/submit`
pub async fn submit() -> Result<Overview, ApiError> {
    ApiRequest::post("/supplier/submit")
        .with_new_idempotency_key()
        .fetch_json()
        .await
}

/// The JSON the contract expects for a draft: empty text is `null`, amounts
/// are whole numbers, yes/no are booleans, KBLI codes a list, identifiers
/// their digits. A value that does not parse is sent as typed, so the
/// server's 422 names it rather than the value silently vanishing.
pub fn draft_to_wire(section: Section, values: &Draft) -> Value {
    let mut out = Map::new();
    for field in section.fields() {
        let typed = values.get(field.name).map(|v| v.trim()).unwrap_or("");
        let value = match field.kind {
            Kind::Codes => Value::from(codes(typed)),
            _ if typed.is_empty() => Value::Null,
            Kind::Money => match parse_rupiah(typed) {
                Ok(Some(amount)) => Value::from(amount),
                _ => Value::from(typed),
            },
            Kind::YesNo => Value::Bool(typed == "true"),
            Kind::Digits(_) => Value::from(digits(typed).unwrap_or_else(|_| typed.to_owned())),
            _ => Value::from(typed),
        };
        out.insert(field.name.to_owned(), value);
    }
    Value::Object(out)
}

/// The draft for a section's JSON: numbers grouped by thousands, booleans
/// as `"true"`/`"false"`, lists comma-separated; `null` and derived fields
/// (NITKU, scale) left out.
pub fn draft_from_wire(section: Section, body: &Value) -> Draft {
    section
        .fields()
        .iter()
        .filter_map(|field| {
            let text = match &body[field.name] {
                Value::String(text) => text.clone(),
                Value::Number(number) => number.as_u64().map(group_thousands)?,
                Value::Bool(yes) => yes.to_string(),
                Value::Array(items) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(","),
                _ => return None,
            };
            (!text.is_empty()).then(|| (field.name.to_owned(), text))
        })
        .collect()
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
        let wire = draft_to_wire(Section::Business, &draft);
        assert_eq!(wire["nib"], "1234567890123");
        assert_eq!(wire["capital"], 50_000_000);
        assert_eq!(wire["pkp"], false);
        assert_eq!(wire["npwp"], Value::Null);
        assert_eq!(wire["kbli"], serde_json::json!(["10794", "47111"]));
        let back = draft_from_wire(Section::Business, &wire);
        assert_eq!(back["capital"], "50.000.000");
        assert_eq!(back["nib"], "1234567890123");
        assert_eq!(back["kbli"], "10794,47111");
        assert!(!back.contains_key("npwp"));
    }

    #[test]
    fn a_value_that_does_not_parse_is_sent_as_typed_for_the_server_to_name() {
        let draft: Draft = [("capital".to_owned(), "lima juta".to_owned())].into();
        assert_eq!(
            draft_to_wire(Section::Business, &draft)["capital"],
            "lima juta"
        );
    }
}
