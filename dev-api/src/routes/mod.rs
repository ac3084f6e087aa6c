//! One module per resource of `api/openapi.yaml`.

pub mod auth;
pub mod coop;
pub mod dev;
pub mod documents;
pub mod links;
pub mod products;
pub mod reference;
pub mod supplier;
pub mod tenders;
pub mod uploads;

use axum::http::StatusCode;
use rusqlite::{params, OptionalExtension};

use crate::problem::ApiResult;
use crate::session::Session;
use crate::state::{rfc3339, AppState};

/// `DELETE /{table}/{id}` for a table of the supplier's own rows (`products`,
/// `documents`): removes the row if it is theirs, audits a staff member's
/// delete, and answers 204 either way (a repeated delete is harmless, and
/// another supplier's row is never touched or revealed).
pub(crate) fn delete_owned(
    state: &AppState,
    session: &Session,
    table: &'static str,
    id: i64,
) -> ApiResult<StatusCode> {
    let supplier = session.supplier_id()?;
    let connection = state.db()?;
    // What the row held, for the trail (identifiers masked there).
    let fields = match table {
        "products" => "data",
        _ => {
            "json_object('kind', kind, 'number', number, 'issuer', issuer, 'issued_on', issued_on,
              'expires_on', expires_on, 'tkdn_percent', tkdn_hundredths / 100.0,
              'bmp_percent', bmp_hundredths / 100.0, 'upload_id', upload_id, 'status', status)"
        }
    };
    let before: Option<String> = connection
        .query_row(
            &format!("SELECT {fields} FROM {table} WHERE id = ?1 AND supplier_id = ?2"),
            params![id, supplier],
            |row| row.get(0),
        )
        .optional()?;
    let before: serde_json::Value = before
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    let removed = connection.execute(
        &format!("DELETE FROM {table} WHERE id = ?1 AND supplier_id = ?2"),
        params![id, supplier],
    )?;
    if removed > 0 {
        crate::audit::record(
            &connection,
            session,
            supplier,
            &format!("DELETE /{table}/{id}"),
            &crate::audit::changes(&before, &serde_json::json!({})),
            &rfc3339(state.now()),
        )?;
    }
    Ok(StatusCode::NO_CONTENT)
}
