//! Resumable uploads: tus 1.0 core + creation + termination. The bytes are
//! checked, not the name: only PDF, JPEG, PNG and WebP are kept. Reading a
//! finished upload back (its file, a photo's thumbnail) is in `content`;
//! what reached the server for each upload, for tests, in `arrivals`.

pub mod arrivals;
pub mod content;

use std::io::{Seek, SeekFrom, Write};
use std::path::PathBuf;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use futures_util::StreamExt;
use rusqlite::{params, OptionalExtension};
use serde_json::json;

use crate::audit;
use crate::faults;
use crate::problem::{ApiResult, Problem};
use crate::session::Session;
use crate::state::{rfc3339, AppState};

/// The largest file, in bytes.
pub const MAX_SIZE: u64 = 10 * 1024 * 1024;
const TUS_VERSION: &str = "1.0.0";

fn tus_headers(response: &mut Response) {
    response.headers_mut().insert(
        HeaderName::from_static("tus-resumable"),
        HeaderValue::from_static(TUS_VERSION),
    );
}

fn check_version(headers: &HeaderMap) -> ApiResult<()> {
    match headers.get("tus-resumable").and_then(|v| v.to_str().ok()) {
        Some(TUS_VERSION) => Ok(()),
        None => Err(Problem::bad_request("Send Tus-Resumable: 1.0.0.")),
        Some(_) => Err(
            Problem::new(StatusCode::PRECONDITION_FAILED, "Unsupported tus version")
                .detail("This server speaks tus 1.0.0."),
        ),
    }
}

fn number_header(headers: &HeaderMap, name: &str) -> ApiResult<u64> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .ok_or_else(|| Problem::bad_request(format!("Send {name} as a whole number.")))
}

/// The file type the first bytes show, if it is one we keep.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a]) {
        Some("image/png")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// Bytes needed before the type can be told.
const SNIFF_BYTES: usize = 12;

/// Where the bytes of upload `id` are kept.
pub(crate) fn file_path(state: &AppState, id: &str) -> PathBuf {
    state.config.upload_dir.join(id)
}

/// `OPTIONS /uploads`
pub async fn options() -> Response {
    let mut response = StatusCode::NO_CONTENT.into_response();
    tus_headers(&mut response);
    let headers = response.headers_mut();
    headers.insert(
        HeaderName::from_static("tus-version"),
        HeaderValue::from_static(TUS_VERSION),
    );
    headers.insert(
        HeaderName::from_static("tus-extension"),
        HeaderValue::from_static("creation,termination"),
    );
    headers.insert(
        HeaderName::from_static("tus-max-size"),
        HeaderValue::from(MAX_SIZE),
    );
    response
}

fn metadata_filename(headers: &HeaderMap) -> String {
    headers
        .get("upload-metadata")
        .and_then(|v| v.to_str().ok())
        .into_iter()
        .flat_map(|v| v.split(','))
        .filter_map(|pair| pair.trim().split_once(' '))
        .find(|(name, _)| *name == "filename")
        .and_then(|(_, value)| {
            base64::engine::general_purpose::STANDARD
                .decode(value.trim())
                .ok()
        })
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map(|name| {
            name.chars()
                .filter(|c| !c.is_control() && *c != '/' && *c != '\\')
                .take(200)
                .collect()
        })
        .filter(|name: &String| !name.is_empty())
        .unwrap_or_else(|| "file".to_owned())
}

/// `POST /uploads`
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
) -> ApiResult<Response> {
    check_version(&headers)?;
    let supplier = session.supplier_id()?;
    let length = number_header(&headers, "upload-length")?;
    if headers
        .get("upload-metadata")
        .is_some_and(|v| v.len() > 2048)
    {
        return Err(Problem::bad_request(
            "Upload-Metadata is at most 2048 characters.",
        ));
    }
    if length == 0 {
        return Err(Problem::bad_request("Upload-Length is at least 1."));
    }
    if length > MAX_SIZE {
        return Err(
            Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "File too large").detail(
                "A file is at most 10 MB. Make a photo smaller or scan at a lower resolution.",
            ),
        );
    }
    expire_unfinished(&state)?;
    let connection = state.db()?;
    within_limits(&connection, &state, supplier, length)?;
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(Problem::internal)?;
    let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    std::fs::create_dir_all(&state.config.upload_dir).map_err(Problem::internal)?;
    std::fs::File::create(file_path(&state, &id)).map_err(Problem::internal)?;
    let now = rfc3339(state.now());
    connection.execute(
        "INSERT INTO uploads (id, supplier_id, length, filename, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, supplier, length, metadata_filename(&headers), now],
    )?;
    audit::record(
        &connection,
        &session,
        supplier,
        "POST /uploads",
        &[json!({"field": "upload", "old": null, "new": {"id": id, "length": length}})],
        &now,
    )?;
    let mut response = StatusCode::CREATED.into_response();
    tus_headers(&mut response);
    let location =
        HeaderValue::from_str(&format!("/api/v1/uploads/{id}")).map_err(Problem::internal)?;
    response.headers_mut().insert(header::LOCATION, location);
    Ok(response)
}

struct Upload {
    length: u64,
    received: u64,
    /// The type its first bytes showed (None until they arrived).
    content_type: Option<String>,
    /// The name it was uploaded under.
    filename: String,
}

/// Upload `id` of the supplier the session works for (its own, or the
/// member whose confirmed link staff act through: see `Session`): 400 for a
/// malformed id, 404 for one that does not exist or is another's, so nobody
/// learns which ids exist.
fn find(state: &AppState, session: &Session, id: &str) -> ApiResult<Upload> {
    let supplier = session.supplier_id()?;
    if id.len() != 32 || !id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(Problem::bad_request(
            "An upload id is 32 hexadecimal characters.",
        ));
    }
    let found: Option<(i64, Upload)> = state
        .db()?
        .query_row(
            "SELECT supplier_id, length, received, content_type, filename FROM uploads WHERE id = ?1",
            [id],
            |row| {
                Ok((
                    row.get(0)?,
                    Upload {
                        length: row.get(1)?,
                        received: row.get(2)?,
                        content_type: row.get(3)?,
                        filename: row.get(4)?,
                    },
                ))
            },
        )
        .optional()?;
    match found {
        Some((owner, upload)) if owner == supplier => Ok(upload),
        _ => Err(Problem::not_found()),
    }
}

/// `HEAD /uploads/{id}`: the offset to resume from.
pub async fn offset(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    check_version(&headers)?;
    expire_unfinished(&state)?;
    let upload = find(&state, &session, &id)?;
    let mut response = StatusCode::OK.into_response();
    tus_headers(&mut response);
    let headers = response.headers_mut();
    headers.insert(
        HeaderName::from_static("upload-offset"),
        HeaderValue::from(upload.received),
    );
    headers.insert(
        HeaderName::from_static("upload-length"),
        HeaderValue::from(upload.length),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// An upload an append or a termination is working on; others get 409
/// until it is dropped.
struct Claim {
    state: AppState,
    id: String,
}

impl Claim {
    fn take(state: &AppState, id: &str) -> Option<Claim> {
        let mut busy = state.busy_uploads.lock().unwrap_or_else(|p| p.into_inner());
        busy.insert(id.to_owned()).then(|| Claim {
            state: state.clone(),
            id: id.to_owned(),
        })
    }
}

impl Drop for Claim {
    fn drop(&mut self) {
        self.state
            .busy_uploads
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&self.id);
    }
}

fn busy() -> Problem {
    Problem::conflict("Another request is writing this upload; ask HEAD and resume from there.")
}

/// Removes every unfinished upload older than the limit (a day by default)
/// that no document uses, with its bytes.
fn expire_unfinished(state: &AppState) -> ApiResult<()> {
    let cutoff = rfc3339(state.now() - state.config.upload_limits.expire_after_secs);
    let connection = state.db()?;
    let stale: Vec<String> = connection
        .prepare(
            "SELECT id FROM uploads WHERE received < length AND created_at < ?1
             AND NOT EXISTS (SELECT 1 FROM documents WHERE upload_id = uploads.id)",
        )?
        .query_map([cutoff], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    for id in stale {
        if let Some(_claim) = Claim::take(state, &id) {
            connection.execute("DELETE FROM uploads WHERE id = ?1", [&id])?;
            let _ = std::fs::remove_file(file_path(state, &id));
            arrivals::forget(state, &id);
        }
    }
    Ok(())
}

/// What one supplier may keep: a number of uploads, of unfinished ones, and
/// of bytes (declared lengths). Past them 429 (unfinished: finish or wait)
/// or 413 (stored: delete files no longer needed).
fn within_limits(
    connection: &rusqlite::Connection,
    state: &AppState,
    supplier: i64,
    length: u64,
) -> ApiResult<()> {
    let limits = state.config.upload_limits;
    let (count, unfinished, bytes): (i64, i64, i64) = connection.query_row(
        "SELECT COUNT(*), COALESCE(SUM(received < length), 0), COALESCE(SUM(length), 0)
         FROM uploads WHERE supplier_id = ?1",
        [supplier],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    if count as usize >= limits.count || bytes as u64 + length > limits.bytes {
        return Err(
            Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "Storage full").detail(format!(
                "A supplier keeps at most {} files and {} MB; delete files no longer needed.",
                limits.count,
                limits.bytes / (1024 * 1024)
            )),
        );
    }
    if unfinished as usize >= limits.in_flight {
        return Err(Problem::too_many(
            60,
            format!(
                "At most {} unfinished uploads at once: finish or cancel one first.",
                limits.in_flight
            ),
        ));
    }
    Ok(())
}

/// `PATCH /uploads/{id}`: append bytes at `Upload-Offset`. One append per
/// upload at a time (another gets 409); the body is written as it arrives.
/// Every PATCH that names an upload, and every byte read from its body,
/// is counted in `arrivals`. A 409 is answered without reading the body
/// (as tus servers do: the client asks HEAD and resumes), so the bytes a
/// client sends at a stale offset are not taken from it, nor counted.
pub async fn append(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<Response> {
    check_version(&headers)?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    if content_type != Some("application/offset+octet-stream") {
        return Err(
            Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Wrong Content-Type")
                .detail("Send the bytes as application/offset+octet-stream."),
        );
    }
    let offset = number_header(&headers, "upload-offset")?;
    expire_unfinished(&state)?;
    find(&state, &session, &id)?;
    arrivals::patch_began(&state, &id);
    let mut stream = body.into_data_stream();
    let Some(_claim) = Claim::take(&state, &id) else {
        return Err(busy());
    };
    // Read again under the claim: what it was before may have moved, and an
    // upload terminated or expired meanwhile is gone (404).
    let upload = find(&state, &session, &id)?;
    if offset != upload.received {
        return Err(Problem::conflict(format!(
            "The upload is at byte {}; ask HEAD and resume from there.",
            upload.received
        )));
    }
    let path = file_path(&state, &id);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .map_err(Problem::internal)?;
    // Write at `received`: bytes past it (an append that failed half-way,
    // e.g. a full disk) were never recorded and are dropped, so the file
    // always equals what is recorded.
    file.set_len(offset).map_err(Problem::internal)?;
    file.seek(SeekFrom::Start(offset))
        .map_err(Problem::internal)?;
    // The first bytes, kept until the file's type can be told.
    let mut start = if offset < SNIFF_BYTES as u64 {
        std::fs::read(&path).map_err(Problem::internal)?
    } else {
        Vec::new()
    };
    let sniff_at = SNIFF_BYTES.min(upload.length as usize);
    let mut sniffed = offset >= SNIFF_BYTES as u64;
    let mut written: u64 = 0;
    let mut dropped = false;
    let mut refusal = None;
    let cut = next_cut(state.config.drop_upload_after, offset, upload.length);
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            break; // the connection went: keep what arrived
        };
        arrivals::bytes_read(&state, &id, chunk.len());
        if offset + written + chunk.len() as u64 > upload.length {
            refusal = Some(Problem::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "More bytes than Upload-Length",
            ));
            break;
        }
        // --drop-upload-after: keep the bytes up to the cut, then drop the
        // connection (what came after the cut in this chunk is discarded).
        let room = cut.map_or(u64::MAX, |cut| cut - (offset + written));
        let chunk = &chunk[..chunk.len().min(room as usize)];
        if !sniffed {
            start.extend_from_slice(chunk);
            if start.len() >= sniff_at {
                match sniff(&start) {
                    Some(kind) => {
                        state.db()?.execute(
                            "UPDATE uploads SET content_type = ?1 WHERE id = ?2",
                            params![kind, id],
                        )?;
                        sniffed = true;
                    }
                    None => {
                        state
                            .db()?
                            .execute("DELETE FROM uploads WHERE id = ?1", [&id])?;
                        let _ = std::fs::remove_file(&path);
                        arrivals::forget(&state, &id);
                        return Err(Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Unsupported file")
                            .detail("Only PDF, JPEG, PNG or WebP files are accepted; this file is none of them, whatever its name says."));
                    }
                }
            }
        }
        if let Err(error) = file.write_all(chunk) {
            // Record what was written before this chunk; the next append
            // cuts the file back to it.
            refusal = Some(Problem::internal(error));
            break;
        }
        written += chunk.len() as u64;
        if cut == Some(offset + written) {
            dropped = true;
            break;
        }
    }
    let received = offset + written;
    if let Err(error) = file.flush().and_then(|()| file.set_len(received)) {
        refusal.get_or_insert(Problem::internal(error));
    }
    let connection = state.db()?;
    connection.execute(
        "UPDATE uploads SET received = ?1 WHERE id = ?2",
        params![received, id],
    )?;
    if written > 0 {
        audit::record(
            &connection,
            &session,
            session.supplier_id()?,
            &format!("PATCH /uploads/{id}"),
            &[json!({"field": "received", "old": offset, "new": received})],
            &rfc3339(state.now()),
        )?;
    }
    drop(connection);
    if let Some(refusal) = refusal {
        return Err(refusal);
    }
    if dropped {
        return Ok(faults::dropped());
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    tus_headers(&mut response);
    response.headers_mut().insert(
        HeaderName::from_static("upload-offset"),
        HeaderValue::from(received),
    );
    Ok(response)
}

/// Where `--drop-upload-after N` cuts a PATCH that starts at `offset`: at
/// the next multiple of N, so an upload is cut each time its bytes reach
/// one, however its PATCHes are sized. None without the flag, or when that
/// multiple is the upload's last byte or past it (a finished upload is not
/// cut).
fn next_cut(every: Option<u64>, offset: u64, length: u64) -> Option<u64> {
    every
        .filter(|every| *every > 0)
        .map(|every| (offset / every + 1) * every)
        .filter(|cut| *cut < length)
}

/// `DELETE /uploads/{id}` (tus termination): waits (up to 5 s) for an
/// append in progress to end, so the two never interleave; 409 after that.
pub async fn terminate(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    check_version(&headers)?;
    find(&state, &session, &id)?;
    let mut claim = Claim::take(&state, &id);
    for _ in 0..500 {
        if claim.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        claim = Claim::take(&state, &id);
    }
    let _claim = claim.ok_or_else(busy)?;
    let connection = state.db()?;
    let in_use: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM documents WHERE upload_id = ?1)",
        [&id],
        |row| row.get(0),
    )?;
    if !in_use {
        let removed = connection.execute("DELETE FROM uploads WHERE id = ?1", [&id])?;
        let _ = std::fs::remove_file(file_path(&state, &id));
        arrivals::forget(&state, &id);
        if removed > 0 {
            audit::record(
                &connection,
                &session,
                session.supplier_id()?,
                &format!("DELETE /uploads/{id}"),
                &[],
                &rfc3339(state.now()),
            )?;
        }
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    tus_headers(&mut response);
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::next_cut;

    #[test]
    fn cuts_fall_on_multiples_of_n_below_the_length_wherever_a_patch_starts() {
        let n = Some(1_000_000);
        let six_mb = 6_000_000;
        assert_eq!(next_cut(n, 0, six_mb), Some(1_000_000));
        assert_eq!(next_cut(n, 999_999, six_mb), Some(1_000_000));
        assert_eq!(next_cut(n, 1_000_000, six_mb), Some(2_000_000));
        assert_eq!(next_cut(n, 4_500_000, six_mb), Some(5_000_000));
        assert_eq!(next_cut(n, 5_000_000, six_mb), None, "the last byte");
        assert_eq!(next_cut(n, 5_000_000, six_mb + 1), Some(six_mb));
        assert_eq!(next_cut(None, 0, six_mb), None);
        assert_eq!(next_cut(Some(0), 0, six_mb), None);
    }
}
