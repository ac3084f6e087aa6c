//! Tender search and detail (open to signed-out visitors, as public tender
//! listings are), saving and registering interest (a supplier's own).

use axum::extract::{Query, State};
use axum::http::StatusCode;
use rusqlite::{params, OptionalExtension, ToSql};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::id::Id;
use crate::problem::{ApiResult, Json, Problem};
use crate::session::Session;
use crate::state::{rfc3339, AppState};

/// Days before the deadline from which an open tender is "closing soon".
const CLOSING_SOON_DAYS: i64 = 7;

#[derive(Deserialize)]
pub struct Search {
    q: Option<String>,
    category: Option<String>,
    province: Option<String>,
    hps_min: Option<i64>,
    hps_max: Option<i64>,
    status: Option<Status>,
    saved: Option<bool>,
    sort: Option<Sort>,
    page: Option<u32>,
    per_page: Option<u32>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Status {
    Open,
    ClosingSoon,
    Closed,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Sort {
    Deadline,
    Newest,
    HpsDesc,
    HpsAsc,
}

/// Checked paging: `page` from 1, `per_page` 1 to 100.
pub fn paging(page: Option<u32>, per_page: Option<u32>) -> ApiResult<(u32, u32)> {
    let page = page.unwrap_or(1);
    let per_page = per_page.unwrap_or(20);
    if !(1..=100_000).contains(&page) || !(1..=100).contains(&per_page) {
        return Err(Problem::bad_request(
            "page is 1 or more; per_page is 1 to 100",
        ));
    }
    Ok((page, per_page))
}

fn status_of(deadline: i64, now: i64) -> &'static str {
    if deadline <= now {
        "closed"
    } else if deadline <= now + CLOSING_SOON_DAYS * 86_400 {
        "closing_soon"
    } else {
        "open"
    }
}

fn deadline_text(deadline: i64, offset_hours: i64) -> (String, &'static str) {
    let zone = match offset_hours {
        8 => "WITA",
        9 => "WIT",
        _ => "WIB",
    };
    let offset = chrono::FixedOffset::east_opt((offset_hours * 3600) as i32).unwrap_or_else(|| {
        chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
    });
    let text = chrono::DateTime::from_timestamp(deadline, 0)
        .unwrap_or_default()
        .with_timezone(&offset)
        .to_rfc3339();
    (text, zone)
}

/// A tender as the search lists it, its requirements too (so a list card
/// can tell whether the supplier may take part, as the detail page does).
const SUMMARY_COLUMNS: &str = "t.id, t.title, t.buyer, t.category, t.province, r.name, t.hps,
    t.deadline, t.utc_offset_hours, t.published_at, s.tender_id IS NOT NULL, t.required_kbli,
    t.required_documents, t.min_tkdn";

/// Tenders with their province and, for supplier `?1`, whether it saved them.
const TENDERS_JOINED: &str = "tenders t LEFT JOIN regions r ON r.code = t.province
    LEFT JOIN saved_tenders s ON s.tender_id = t.id AND s.supplier_id = ?1";

fn summary(row: &rusqlite::Row<'_>, now: i64) -> rusqlite::Result<Value> {
    let deadline: i64 = row.get(7)?;
    let (deadline_rfc, zone) = deadline_text(deadline, row.get(8)?);
    // Stored as JSON arrays.
    let list = |text: String| serde_json::from_str::<Value>(&text).unwrap_or_else(|_| json!([]));
    Ok(json!({
        "id": row.get::<_, i64>(0)?,
        "title": row.get::<_, String>(1)?,
        "buyer": row.get::<_, String>(2)?,
        "category": row.get::<_, String>(3)?,
        "province": {"code": row.get::<_, String>(4)?, "name": row.get::<_, Option<String>>(5)?.unwrap_or_default()},
        "hps": row.get::<_, i64>(6)?,
        "deadline": deadline_rfc,
        "time_zone": zone,
        "status": status_of(deadline, now),
        "saved": row.get::<_, bool>(10)?,
        "published_at": rfc3339(row.get(9)?),
        "required_kbli": list(row.get(11)?),
        "required_documents": list(row.get(12)?),
        "min_tkdn_percent": row.get::<_, Option<f64>>(13)?,
    }))
}

/// The tender search itself, shared by the handler and the benchmark.
///
/// Words go through the full-text index; by-deadline order (open tenders
/// soonest first, then closed ones latest first) is two index-ordered
/// queries, so neither sorts the whole table.
pub fn search(
    connection: &rusqlite::Connection,
    supplier: i64,
    now: i64,
    query: &SearchQuery,
) -> rusqlite::Result<Value> {
    let mut conditions: Vec<String> = Vec::new();
    let mut values: Vec<Box<dyn ToSql>> = vec![Box::new(supplier)];
    let bind = |value: Box<dyn ToSql>, values: &mut Vec<Box<dyn ToSql>>| {
        values.push(value);
        format!("?{}", values.len())
    };
    // With words, the matches (from the full-text index) drive the query.
    let mut with = String::new();
    let mut source = String::from("tenders t");
    if !query.words.is_empty() {
        // Every word, as a prefix: "serag batik" finds "Seragam Batik".
        let terms: Vec<String> = query
            .words
            .iter()
            .map(|word| format!("\"{word}\"*"))
            .collect();
        let slot = bind(Box::new(terms.join(" ")), &mut values);
        with = format!(
            "WITH matched AS MATERIALIZED (SELECT rowid AS id FROM tenders_fts WHERE tenders_fts MATCH {slot})"
        );
        source = "matched m JOIN tenders t ON t.id = m.id".into();
    }
    if let Some(category) = &query.category {
        let slot = bind(Box::new(category.clone()), &mut values);
        conditions.push(format!("t.category = {slot}"));
    }
    if let Some(province) = &query.province {
        let slot = bind(Box::new(province.clone()), &mut values);
        conditions.push(format!("t.province = {slot}"));
    }
    if let Some(min) = query.hps_min {
        let slot = bind(Box::new(min), &mut values);
        conditions.push(format!("t.hps >= {slot}"));
    }
    if let Some(max) = query.hps_max {
        let slot = bind(Box::new(max), &mut values);
        conditions.push(format!("t.hps <= {slot}"));
    }
    let soon = now + CLOSING_SOON_DAYS * 86_400;
    match query.status {
        Some(Status::Open) => conditions.push(format!("t.deadline > {soon}")),
        Some(Status::ClosingSoon) => {
            conditions.push(format!("t.deadline > {now} AND t.deadline <= {soon}"))
        }
        Some(Status::Closed) => conditions.push(format!("t.deadline <= {now}")),
        None => {}
    }
    if query.saved_only {
        conditions.push("s.tender_id IS NOT NULL".into());
    }
    let saved_join = "LEFT JOIN saved_tenders s ON s.tender_id = t.id AND s.supplier_id = ?1";
    let from = format!("{source} LEFT JOIN regions r ON r.code = t.province {saved_join}");
    // Counting skips the region join; the saved join stays (it binds ?1, and
    // `saved=true` filters on it), a primary-key lookup per row.
    let count_from = format!("{source} {saved_join}");
    let filter = |extra: Option<String>| {
        let all: Vec<&str> = conditions
            .iter()
            .map(String::as_str)
            .chain(extra.as_deref())
            .collect();
        if all.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", all.join(" AND "))
        }
    };
    let parameters: Vec<&dyn ToSql> = values.iter().map(|value| value.as_ref()).collect();
    let count = |extra: Option<String>| -> rusqlite::Result<i64> {
        connection.query_row(
            &format!("{with} SELECT COUNT(*) FROM {count_from} {}", filter(extra)),
            parameters.as_slice(),
            |row| row.get(0),
        )
    };
    let page = |extra: Option<String>,
                order: &str,
                limit: i64,
                offset: i64|
     -> rusqlite::Result<Vec<Value>> {
        let sql = format!(
            "{with} SELECT {SUMMARY_COLUMNS} FROM {from} {} ORDER BY {order}, t.id LIMIT {limit} OFFSET {offset}",
            filter(extra)
        );
        connection
            .prepare(&sql)?
            .query_map(parameters.as_slice(), |row| summary(row, now))?
            .collect()
    };
    let limit = i64::from(query.per_page);
    let offset = i64::from(query.page - 1) * limit;
    let total = count(None)?;
    let items = match query.sort {
        Sort::Deadline => {
            let open_condition = format!("t.deadline > {now}");
            let open_total = count(Some(open_condition.clone()))?;
            let mut items = if offset < open_total {
                page(Some(open_condition), "t.deadline ASC", limit, offset)?
            } else {
                Vec::new()
            };
            let wanted = limit - items.len() as i64;
            if wanted > 0 {
                let closed_offset = (offset - open_total).max(0);
                let closed = Some(format!("t.deadline <= {now}"));
                items.extend(page(closed, "t.deadline DESC", wanted, closed_offset)?);
            }
            items
        }
        Sort::Newest => page(None, "t.published_at DESC", limit, offset)?,
        Sort::HpsDesc => page(None, "t.hps DESC", limit, offset)?,
        Sort::HpsAsc => page(None, "t.hps ASC", limit, offset)?,
    };
    Ok(json!({"items": items, "total": total, "page": query.page, "per_page": query.per_page}))
}

/// A checked tender search.
pub struct SearchQuery {
    words: Vec<String>,
    category: Option<String>,
    province: Option<String>,
    hps_min: Option<i64>,
    hps_max: Option<i64>,
    status: Option<Status>,
    saved_only: bool,
    sort: Sort,
    page: u32,
    per_page: u32,
}

impl SearchQuery {
    /// A query for words `q`, sorted by deadline, first page of 20.
    pub fn words(q: &str) -> SearchQuery {
        SearchQuery {
            // Letters and digits only: nothing in a word can be FTS syntax.
            words: q
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|word| !word.is_empty())
                .take(6)
                .map(str::to_owned)
                .collect(),
            category: None,
            province: None,
            hps_min: None,
            hps_max: None,
            status: None,
            saved_only: false,
            sort: Sort::Deadline,
            page: 1,
            per_page: 20,
        }
    }

    /// Only tenders in province `code`.
    pub fn in_province(mut self, code: &str) -> SearchQuery {
        self.province = Some(code.to_owned());
        self
    }
}

/// The supplier whose saved tenders and interests a reader sees: none (0,
/// which matches no row) when signed out or not yet a supplier.
fn reader(session: Option<&Session>) -> i64 {
    session.and_then(|s| s.supplier_id().ok()).unwrap_or(0)
}

/// `GET /tenders`, open to signed-out visitors (`saved` false); `saved=true`
/// is about the supplier's own list, so it needs a session.
pub async fn list(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(search_params): Query<Search>,
) -> ApiResult<Json<Value>> {
    let (page, per_page) = paging(search_params.page, search_params.per_page)?;
    if search_params
        .q
        .as_deref()
        .is_some_and(|q| q.chars().count() > 100)
    {
        return Err(Problem::bad_request("q is at most 100 characters"));
    }
    if search_params
        .category
        .as_deref()
        .is_some_and(|c| c.chars().count() > 40)
    {
        return Err(Problem::bad_request("category is at most 40 characters"));
    }
    if search_params.hps_min.is_some_and(|v| v < 0) || search_params.hps_max.is_some_and(|v| v < 0)
    {
        return Err(Problem::bad_request("HPS is not negative"));
    }
    if search_params
        .province
        .as_deref()
        .is_some_and(|p| p.len() != 2 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(Problem::bad_request("province is a two-digit code"));
    }
    let query = SearchQuery {
        category: search_params.category.filter(|c| !c.is_empty()),
        province: search_params.province,
        hps_min: search_params.hps_min,
        hps_max: search_params.hps_max,
        status: search_params.status,
        saved_only: search_params.saved.unwrap_or(false),
        sort: search_params.sort.unwrap_or(Sort::Deadline),
        page,
        per_page,
        ..SearchQuery::words(search_params.q.as_deref().unwrap_or(""))
    };
    if query.saved_only && session.is_none() {
        return Err(Problem::unauthorized().detail("Sign in to see the tenders you saved."));
    }
    let supplier = reader(session.as_ref());
    let connection = state.db()?;
    Ok(Json(search(&connection, supplier, state.now(), &query)?))
}

/// `GET /tenders/{id}`, open to signed-out visitors (`saved` and
/// `interested` false).
pub async fn detail(
    State(state): State<AppState>,
    session: Option<Session>,
    Id(id): Id,
) -> ApiResult<Json<Value>> {
    let connection = state.db()?;
    load(&connection, reader(session.as_ref()), id, state.now())?
        .map(Json)
        .ok_or_else(Problem::not_found)
}

/// Tender `id` as its detail page shows it to `supplier` (0: signed out);
/// `None` when there is none.
pub fn load(
    connection: &rusqlite::Connection,
    supplier: i64,
    id: i64,
    now: i64,
) -> rusqlite::Result<Option<Value>> {
    connection
        .query_row(
            &format!(
                "SELECT {SUMMARY_COLUMNS}, t.description, t.delivery_location, t.attachments,
                    EXISTS (SELECT 1 FROM interests i WHERE i.tender_id = t.id AND i.supplier_id = ?1)
                 FROM {TENDERS_JOINED} WHERE t.id = ?2"
            ),
            params![supplier, id],
            |row| {
                let mut tender = summary(row, now)?;
                let parse = |text: String| serde_json::from_str::<Value>(&text).unwrap_or(Value::Null);
                tender["description"] = json!(row.get::<_, String>(14)?);
                tender["delivery_location"] = json!(row.get::<_, String>(15)?);
                tender["attachments"] = parse(row.get(16)?);
                tender["interested"] = json!(row.get::<_, bool>(17)?);
                Ok(tender)
            },
        )
        .optional()
}

fn tender_exists(connection: &rusqlite::Connection, id: i64) -> ApiResult<()> {
    let exists: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM tenders WHERE id = ?1)",
        [id],
        |row| row.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(Problem::not_found())
    }
}

/// `PUT /tenders/{id}/saved`
pub async fn save(
    State(state): State<AppState>,
    session: Session,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    let supplier = session.supplier_id()?;
    let connection = state.db()?;
    tender_exists(&connection, id)?;
    let saved = connection.execute(
        "INSERT OR IGNORE INTO saved_tenders (supplier_id, tender_id) VALUES (?1, ?2)",
        params![supplier, id],
    )?;
    if saved > 0 {
        crate::audit::record(
            &connection,
            &session,
            supplier,
            &format!("PUT /tenders/{id}/saved"),
            &[],
            &rfc3339(state.now()),
        )?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `DELETE /tenders/{id}/saved`
pub async fn unsave(
    State(state): State<AppState>,
    session: Session,
    Id(id): Id,
) -> ApiResult<StatusCode> {
    let supplier = session.supplier_id()?;
    let connection = state.db()?;
    tender_exists(&connection, id)?;
    let removed = connection.execute(
        "DELETE FROM saved_tenders WHERE supplier_id = ?1 AND tender_id = ?2",
        params![supplier, id],
    )?;
    if removed > 0 {
        crate::audit::record(
            &connection,
            &session,
            supplier,
            &format!("DELETE /tenders/{id}/saved"),
            &[],
            &rfc3339(state.now()),
        )?;
    }
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, Default)]
pub struct InterestBody {
    note: Option<String>,
}

/// `PUT /tenders/{id}/interest`
pub async fn interest(
    State(state): State<AppState>,
    session: Session,
    Id(id): Id,
    body: axum::body::Bytes,
) -> ApiResult<Json<Value>> {
    let supplier = session.supplier_id()?;
    // The body is optional: none, or a JSON object with a note (whitespace
    // alone is a body, and not JSON).
    let body: InterestBody = if body.is_empty() {
        InterestBody::default()
    } else {
        serde_json::from_slice(&body).map_err(|error| Problem::bad_request(error.to_string()))?
    };
    let note = body.note.filter(|n| !n.trim().is_empty());
    if note.as_deref().is_some_and(|n| n.chars().count() > 500) {
        return Err(Problem::bad_request("note is at most 500 characters"));
    }
    let now = state.now();
    let connection = state.db()?;
    tender_exists(&connection, id)?;
    let deadline: i64 =
        connection.query_row("SELECT deadline FROM tenders WHERE id = ?1", [id], |row| {
            row.get(0)
        })?;
    if deadline <= now {
        return Err(Problem::conflict("This tender has closed."));
    }
    // What was registered before (none: not registered), for the trail.
    let previous: Option<Option<String>> = connection
        .query_row(
            "SELECT note FROM interests WHERE supplier_id = ?1 AND tender_id = ?2",
            params![supplier, id],
            |row| row.get(0),
        )
        .optional()?;
    connection.execute(
        "INSERT INTO interests (supplier_id, tender_id, note, registered_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (supplier_id, tender_id) DO UPDATE SET note = COALESCE(excluded.note, note)",
        params![supplier, id, note, rfc3339(now)],
    )?;
    let (note, at): (Option<String>, String) = connection.query_row(
        "SELECT note, registered_at FROM interests WHERE supplier_id = ?1 AND tender_id = ?2",
        params![supplier, id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    crate::audit::record(
        &connection,
        &session,
        supplier,
        &format!("PUT /tenders/{id}/interest"),
        &[
            json!({"field": "registered", "old": previous.is_some(), "new": true}),
            json!({"field": "note", "old": previous.flatten(), "new": note}),
        ],
        &rfc3339(now),
    )?;
    Ok(Json(
        json!({"tender_id": id, "note": note, "registered_at": at}),
    ))
}
