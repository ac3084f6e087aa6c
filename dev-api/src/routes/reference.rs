//! Reference data: regions (idn-area-data), KBLI 2020, banks, categories,
//! units and document kinds. Cacheable: `Cache-Control` and an `ETag` that
//! answers `If-None-Match` with 304.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::OptionalExtension;
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::problem::{ApiResult, Problem};
use crate::reference::{unit_name, BANKS, CATEGORIES, DOCUMENT_KINDS, LISTS_VERSION};
use crate::state::AppState;
use rantai::domain::unit::Unit;

/// A JSON body with a strong ETag of its bytes; 304 when the client has it.
fn cached(request: &HeaderMap, body: Value) -> Response {
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    let digest = Sha256::digest(&bytes);
    let etag = format!(
        "\"{}\"",
        digest[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let matches = request
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            value
                .split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    let mut response = if matches {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, "application/json")], bytes).into_response()
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    response
}

fn regions_version(state: &AppState) -> ApiResult<String> {
    Ok(state
        .db()?
        .query_row(
            "SELECT value FROM meta WHERE key = 'regions_version'",
            [],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or_else(|| "unknown".to_owned()))
}

fn regions(
    state: &AppState,
    headers: &HeaderMap,
    parent: Option<&str>,
    level: i64,
) -> ApiResult<Response> {
    let version = regions_version(state)?;
    let connection = state.db()?;
    let mut statement = connection.prepare(
        "SELECT code, name FROM regions WHERE level = ?1 AND (?2 IS NULL OR parent = ?2) ORDER BY code",
    )?;
    let items: Vec<Value> = statement
        .query_map(rusqlite::params![level, parent], |row| {
            Ok(json!({"code": row.get::<_, String>(0)?, "name": row.get::<_, String>(1)?}))
        })?
        .collect::<Result<_, _>>()?;
    Ok(cached(headers, json!({"version": version, "items": items})))
}

fn check_code(value: &str, name: &str, groups: usize) -> ApiResult<()> {
    let parts: Vec<&str> = value.split('.').collect();
    let well_formed = parts.len() == groups
        && parts
            .iter()
            .all(|part| part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()));
    if well_formed {
        Ok(())
    } else {
        Err(Problem::bad_request(format!(
            "{name} must be a region code like 34.02"
        )))
    }
}

/// `GET /reference/provinces`
pub async fn provinces(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    regions(&state, &headers, None, 1)
}

#[derive(Deserialize)]
pub struct ByProvince {
    province: String,
}

/// `GET /reference/regencies?province=34`
pub async fn regencies(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<ByProvince>,
) -> ApiResult<Response> {
    check_code(&query.province, "province", 1)?;
    regions(&state, &headers, Some(&query.province), 2)
}

#[derive(Deserialize)]
pub struct ByRegency {
    regency: String,
}

/// `GET /reference/districts?regency=34.02`
pub async fn districts(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<ByRegency>,
) -> ApiResult<Response> {
    check_code(&query.regency, "regency", 2)?;
    regions(&state, &headers, Some(&query.regency), 3)
}

#[derive(Deserialize)]
pub struct ByDistrict {
    district: String,
}

/// `GET /reference/villages?district=34.02.01`
pub async fn villages(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<ByDistrict>,
) -> ApiResult<Response> {
    check_code(&query.district, "district", 3)?;
    regions(&state, &headers, Some(&query.district), 4)
}

#[derive(Deserialize)]
pub struct KbliQuery {
    #[serde(default)]
    q: Option<String>,
    #[serde(default)]
    limit: Option<u32>,
}

/// `GET /reference/kbli?q=roti` — by code prefix, else every word in the title.
pub async fn kbli(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<KbliQuery>,
) -> ApiResult<Response> {
    let limit = query.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(Problem::bad_request("limit is 1 to 100"));
    }
    let q = query.q.unwrap_or_default();
    if q.chars().count() > 100 {
        return Err(Problem::bad_request("q is at most 100 characters"));
    }
    let q = q.trim().to_lowercase();
    let connection = state.db()?;
    let row = |row: &rusqlite::Row<'_>| {
        Ok(json!({
            "code": row.get::<_, String>(0)?,
            "category": row.get::<_, String>(1)?,
            "title": row.get::<_, String>(2)?,
        }))
    };
    let items: Vec<Value> = if !q.is_empty() && q.bytes().all(|b| b.is_ascii_digit()) {
        connection
            .prepare("SELECT code, category, title FROM kbli WHERE code LIKE ?1 || '%' ORDER BY code LIMIT ?2")?
            .query_map(rusqlite::params![q, limit], row)?
            .collect::<Result<_, _>>()?
    } else {
        let words: Vec<String> = q
            .split_whitespace()
            .map(|word| word.replace(['%', '_'], ""))
            .filter(|word| !word.is_empty())
            .take(6)
            .collect();
        let mut sql = String::from("SELECT code, category, title FROM kbli WHERE 1 = 1");
        for index in 0..words.len() {
            sql.push_str(&format!(
                " AND lower(title) LIKE '%' || ?{} || '%'",
                index + 1
            ));
        }
        sql.push_str(&format!(" ORDER BY code LIMIT {limit}"));
        connection
            .prepare(&sql)?
            .query_map(rusqlite::params_from_iter(words.iter()), row)?
            .collect::<Result<_, _>>()?
    };
    Ok(cached(
        &headers,
        json!({"version": "KBLI 2020", "items": items}),
    ))
}

fn code_list(
    headers: &HeaderMap,
    items: impl Iterator<Item = (&'static str, &'static str)>,
) -> Response {
    let items: Vec<Value> = items
        .map(|(code, name)| json!({"code": code, "name": name}))
        .collect();
    cached(headers, json!({"version": LISTS_VERSION, "items": items}))
}

/// `GET /reference/banks`
pub async fn banks(headers: HeaderMap) -> Response {
    code_list(&headers, BANKS.iter().copied())
}

/// `GET /reference/product-categories`
pub async fn categories(headers: HeaderMap) -> Response {
    code_list(
        &headers,
        CATEGORIES.iter().map(|(code, name, _)| (*code, *name)),
    )
}

/// `GET /reference/units`
pub async fn units(headers: HeaderMap) -> Response {
    code_list(
        &headers,
        Unit::ALL.into_iter().map(|u| (u.code(), unit_name(u))),
    )
}

/// `GET /reference/document-kinds`
pub async fn document_kinds(headers: HeaderMap) -> Response {
    code_list(&headers, DOCUMENT_KINDS.iter().copied())
}
