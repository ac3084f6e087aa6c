//! The audit trail: who did what to which supplier's data, with the fields
//! a change touched (identifiers masked), and the account events of a user
//! (sign-ins, wrong codes) with the client's address.

use rusqlite::{params, Connection};
use serde_json::{json, Value};

use crate::client::ClientAddr;
use crate::problem::ApiResult;
use crate::session::Session;
use crate::state::rfc3339;

/// Fields whose values the trail keeps masked (all but the last 4 digits).
const IDENTIFIERS: [&str; 8] = [
    "nib",
    "npwp",
    "nik",
    "account_number",
    "phone",
    "email",
    "number",
    "nitku",
];

/// `••••••••••0001`: a bullet per character but the last four.
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let shown = chars.len().min(4);
    let hidden = chars.len() - shown;
    "•".repeat(hidden) + &chars[hidden..].iter().collect::<String>()
}

fn shown(field: &str, value: &Value) -> Value {
    match value {
        Value::String(text) if IDENTIFIERS.contains(&field) => json!(mask(text)),
        Value::Number(number) if IDENTIFIERS.contains(&field) => json!(mask(&number.to_string())),
        other => other.clone(),
    }
}

/// The fields a create set: each field of `made` (but its id, version and
/// times) from null, identifiers masked.
pub fn created(made: &Value) -> Vec<Value> {
    let mut fields = made.clone();
    if let Some(object) = fields.as_object_mut() {
        for meta in ["id", "version", "created_at", "updated_at"] {
            object.remove(meta);
        }
    }
    changes(&json!({}), &fields)
}

/// The fields that differ between two JSON objects, as `{field, old, new}`
/// with identifiers masked; a field missing on one side counts as null.
pub fn changes(old: &Value, new: &Value) -> Vec<Value> {
    let mut names: Vec<&String> = old
        .as_object()
        .into_iter()
        .chain(new.as_object())
        .flat_map(|fields| fields.keys())
        .collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter(|name| old[name.as_str()] != new[name.as_str()])
        .map(|name| {
            json!({
                "field": name,
                "old": shown(name, &old[name.as_str()]),
                "new": shown(name, &new[name.as_str()]),
            })
        })
        .collect()
}

/// The part of a supplier's data an action of the trail touched, as the
/// member's own trail (`GET /supplier/trail`) names it: a profile section,
/// `product`, `document`, `tender`, the cooperative `link`, or `acting` for
/// them; None for the rest (submitting the profile, an approved profile
/// sent back to review, a file's bytes arriving).
pub fn section(action: &str) -> Option<&'static str> {
    match action {
        "acting_started" | "acting_stopped" => return Some("acting"),
        "link_confirmed" | "link_ended" => return Some("link"),
        _ => {}
    }
    // `PUT /supplier/bank`, `DELETE /products/7`, `review_reset /documents/3`.
    let path = action.split_once(' ').map_or("", |(_, path)| path);
    let mut parts = path.trim_start_matches('/').split('/');
    match (parts.next(), parts.next()) {
        (Some("supplier"), Some("business")) => Some("business"),
        (Some("supplier"), Some("owner")) => Some("owner"),
        (Some("supplier"), Some("address")) => Some("address"),
        (Some("supplier"), Some("bank")) => Some("bank"),
        (Some("products"), _) => Some("product"),
        (Some("documents"), _) => Some("document"),
        (Some("tenders"), _) => Some("tender"),
        _ => None,
    }
}

/// Records `action` on `supplier`'s data by the session's user, with the
/// fields it changed (empty when it changed none or they don't apply).
pub fn record(
    connection: &Connection,
    session: &Session,
    supplier: i64,
    action: &str,
    changed: &[Value],
    at: &str,
) -> ApiResult<()> {
    connection.execute(
        "INSERT INTO audit (at, actor_user_id, supplier_id, action, changes) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![at, session.user_id, supplier, action, Value::from(changed.to_vec()).to_string()],
    )?;
    Ok(())
}

/// Records an account event of `user` (`sign_in`, `sign_in_failed`) with
/// the client's address.
pub fn record_user(
    connection: &Connection,
    user: i64,
    action: &str,
    client: &ClientAddr,
    now: i64,
) -> ApiResult<()> {
    connection.execute(
        "INSERT INTO account_events (at, user_id, action, client) VALUES (?1, ?2, ?3, ?4)",
        params![rfc3339(now), user, action, client.0],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_action_names_the_part_of_the_data_it_touched() {
        for (action, part) in [
            ("PUT /supplier/business", Some("business")),
            ("PUT /supplier/owner", Some("owner")),
            ("PUT /supplier/address", Some("address")),
            ("PUT /supplier/bank", Some("bank")),
            ("POST /supplier/submit", None),
            ("review_reset", None),
            ("POST /products", Some("product")),
            ("POST /products/bulk", Some("product")),
            ("DELETE /products/7", Some("product")),
            ("POST /documents", Some("document")),
            ("review_reset /documents/3", Some("document")),
            ("PUT /tenders/12/interest", Some("tender")),
            ("DELETE /tenders/12/saved", Some("tender")),
            ("link_confirmed", Some("link")),
            ("link_ended", Some("link")),
            ("acting_started", Some("acting")),
            ("acting_stopped", Some("acting")),
            ("POST /uploads", None),
            ("PATCH /uploads/ab12", None),
        ] {
            assert_eq!(section(action), part, "{action}");
        }
    }

    #[test]
    fn identifiers_are_masked_and_other_fields_shown() {
        assert_eq!(mask("0012345678900001"), "••••••••••••0001");
        assert_eq!(mask("12"), "12");
        let old = json!({"name": "Kopi", "npwp": "0012345678900001", "pkp": false});
        let new = json!({"name": "Kopi", "npwp": "0098765432100002", "pkp": true, "nib": null});
        assert_eq!(
            changes(&old, &new),
            vec![
                json!({"field": "npwp", "old": "••••••••••••0001", "new": "••••••••••••0002"}),
                json!({"field": "pkp", "old": false, "new": true}),
            ]
        );
    }
}
