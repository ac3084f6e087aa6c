//! Field checks for the supplier sections, over the shared `domain` rules.

use rusqlite::{Connection, OptionalExtension};
use serde_json::{json, Map, Value};

use crate::problem::{ApiResult, FieldError};
use rantai::domain::identifiers::{self, IdError};
use rantai::domain::phone::normalize_mobile;

fn id_message(name: &str, error: IdError) -> String {
    let field = match name {
        "postal_code" => "Postal code".to_owned(),
        "account_number" => "Account number".to_owned(),
        other => other.to_uppercase(),
    };
    match error {
        IdError::NotDigits => format!("{field}: use digits only."),
        IdError::Length { min, max, typed } if min == max => {
            format!("{field} has {min} digits; you typed {typed}.")
        }
        IdError::Length { min, max, typed } => {
            format!("{field} has {min} to {max} digits; you typed {typed}.")
        }
        IdError::Checksum => format!("{field}: the check digit does not match; check for a typo."),
        IdError::BirthDate => format!("{field}: the birth date in it is not a real date."),
        IdError::Region => format!("{field}: the region code in it is not a known regency."),
    }
}

/// A digits field checked by `check`: `None` when absent or empty.
pub fn digits_field(
    fields: &Map<String, Value>,
    name: &str,
    errors: &mut Vec<FieldError>,
    check: impl Fn(&str) -> Result<String, IdError>,
) -> Option<Value> {
    let typed = match fields.get(name) {
        None | Some(Value::Null) => return None,
        Some(Value::String(typed)) if typed.chars().count() <= 40 => typed,
        Some(_) => {
            errors.push(FieldError::new(name, "type", "Expected digits as text."));
            return None;
        }
    };
    let result = identifiers::digits(typed).and_then(|digits| {
        if digits.is_empty() {
            Ok(String::new())
        } else {
            check(&digits)
        }
    });
    match result {
        Ok(digits) if digits.is_empty() => None,
        Ok(digits) => Some(json!(digits)),
        Err(error) => {
            errors.push(FieldError::new(name, error.code(), id_message(name, error)));
            None
        }
    }
}

/// NIB.
pub fn nib(digits: &str) -> Result<String, IdError> {
    identifiers::nib(digits)
}

/// NPWP (15 or 16 digits), stored as 16. Individuals' NPWP (a NIK) is checked
/// for its date only here: the region table is not at hand in this closure.
pub fn npwp(digits: &str) -> Result<String, IdError> {
    identifiers::npwp(digits, |_| true)
}

/// NIK with its regency checked against the region table.
pub fn nik(connection: &Connection, digits: &str) -> Result<String, IdError> {
    identifiers::nik(digits, |regency| region_exists(connection, regency, 2))
        .map(|_| digits.to_owned())
}

/// Postal code.
pub fn postal_code(digits: &str) -> Result<String, IdError> {
    identifiers::postal_code(digits)
}

/// Bank account number.
pub fn account_number(digits: &str) -> Result<String, IdError> {
    identifiers::account_number(digits)
}

fn region_exists(connection: &Connection, code: &str, level: i64) -> bool {
    connection
        .query_row(
            "SELECT 1 FROM regions WHERE code = ?1 AND level = ?2",
            rusqlite::params![code, level],
            |_| Ok(()),
        )
        .optional()
        .ok()
        .flatten()
        .is_some()
}

/// A yes/no field.
pub fn bool_field(
    fields: &Map<String, Value>,
    name: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Value> {
    match fields.get(name) {
        None | Some(Value::Null) => None,
        Some(Value::Bool(value)) => Some(json!(value)),
        Some(_) => {
            errors.push(FieldError::new(name, "type", "Expected yes or no."));
            None
        }
    }
}

/// Whole rupiah, 0 or more.
pub fn rupiah_field(
    fields: &Map<String, Value>,
    name: &str,
    errors: &mut Vec<FieldError>,
) -> Option<Value> {
    match fields.get(name) {
        None | Some(Value::Null) => None,
        Some(Value::Number(number)) => match number.as_i64() {
            Some(value) if (0..=1_000_000_000_000_000).contains(&value) => Some(json!(value)),
            _ => {
                errors.push(FieldError::new(name, "range", "Whole rupiah, 0 or more."));
                None
            }
        },
        Some(_) => {
            errors.push(FieldError::new(name, "type", "Expected whole rupiah."));
            None
        }
    }
}

/// KBLI codes that exist, without repeats.
pub fn kbli_field(
    connection: &Connection,
    fields: &Map<String, Value>,
    errors: &mut Vec<FieldError>,
) -> ApiResult<Value> {
    let items = match fields.get("kbli") {
        None | Some(Value::Null) => return Ok(json!([])),
        Some(Value::Array(items)) if items.len() <= 20 => items,
        Some(_) => {
            errors.push(FieldError::new(
                "kbli",
                "type",
                "A list of at most 20 KBLI codes.",
            ));
            return Ok(json!([]));
        }
    };
    let mut codes: Vec<String> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let known = match item.as_str() {
            Some(code) if code.len() == 5 && code.bytes().all(|b| b.is_ascii_digit()) => connection
                .query_row("SELECT 1 FROM kbli WHERE code = ?1", [code], |_| Ok(()))
                .optional()?
                .map(|()| code.to_owned()),
            _ => None,
        };
        match known {
            Some(code) if !codes.contains(&code) => codes.push(code),
            Some(_) => {}
            None => errors.push(FieldError::new(
                format!("kbli.{index}"),
                "unknown",
                "Not a KBLI 2020 code.",
            )),
        }
    }
    Ok(json!(codes))
}

/// The owner's phone, normalised to E.164.
pub fn phone_field(fields: &Map<String, Value>, errors: &mut Vec<FieldError>) -> Option<Value> {
    match fields.get("phone") {
        None | Some(Value::Null) => None,
        Some(Value::String(typed)) if typed.trim().is_empty() => None,
        Some(Value::String(typed)) if typed.chars().count() <= 32 => {
            match normalize_mobile(typed) {
                Ok(phone) => Some(json!(phone)),
                Err(error) => {
                    errors.push(FieldError::new("phone", "format", error.to_string()));
                    None
                }
            }
        }
        Some(_) => {
            errors.push(FieldError::new(
                "phone",
                "type",
                "Expected a phone number as text.",
            ));
            None
        }
    }
}

/// The address's region codes: each must exist and sit inside its parent.
pub fn region_fields(
    connection: &Connection,
    fields: &Map<String, Value>,
    errors: &mut Vec<FieldError>,
) -> ApiResult<Vec<(&'static str, Option<Value>)>> {
    let levels = [
        ("province", 1),
        ("regency", 2),
        ("district", 3),
        ("village", 4),
    ];
    let mut out = Vec::new();
    let mut parent: Option<String> = None;
    for (name, level) in levels {
        let value = match fields.get(name) {
            None | Some(Value::Null) => None,
            Some(Value::String(code)) if code.is_empty() => None,
            Some(Value::String(code)) if code.len() <= 13 => Some(code.clone()),
            Some(_) => {
                errors.push(FieldError::new(name, "type", "Expected a region code."));
                None
            }
        };
        if let Some(code) = &value {
            let inside_parent = parent
                .as_ref()
                .is_none_or(|p| code.starts_with(&format!("{p}.")));
            if !region_exists(connection, code, level) {
                errors.push(FieldError::new(name, "unknown", "Choose from the list."));
            } else if !inside_parent {
                errors.push(FieldError::new(
                    name,
                    "region",
                    "Not inside the region chosen above.",
                ));
            }
        }
        parent = value.clone().or(parent);
        out.push((name, value.map(Value::String)));
    }
    Ok(out)
}
