//! Resumable uploads: tus 1.0 core + creation + termination. The bytes are
//! checked, not the name: only PDF, JPEG, PNG and WebP are kept.

use std::io::Write;
use std::path::PathBuf;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use rusqlite::{params, OptionalExtension};

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

fn file_path(state: &AppState, id: &str) -> PathBuf {
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
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(Problem::internal)?;
    let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    std::fs::create_dir_all(&state.config.upload_dir).map_err(Problem::internal)?;
    std::fs::File::create(file_path(&state, &id)).map_err(Problem::internal)?;
    state.db()?.execute(
        "INSERT INTO uploads (id, supplier_id, length, filename, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, supplier, length, metadata_filename(&headers), rfc3339(state.now())],
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
}

fn find(state: &AppState, session: &Session, id: &str) -> ApiResult<Upload> {
    let supplier = session.supplier_id()?;
    if id.len() != 32 || !id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return Err(Problem::bad_request(
            "An upload id is 32 hexadecimal characters.",
        ));
    }
    let found: Option<(i64, u64, u64)> = state
        .db()?
        .query_row(
            "SELECT supplier_id, length, received FROM uploads WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    match found {
        None => Err(Problem::not_found()),
        Some((owner, _, _)) if owner != supplier => Err(Problem::not_found()),
        Some((_, length, received)) => Ok(Upload { length, received }),
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

/// `PATCH /uploads/{id}`: append bytes at `Upload-Offset`.
pub async fn append(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
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
    let upload = find(&state, &session, &id)?;
    if offset != upload.received {
        return Err(Problem::conflict(format!(
            "The upload is at byte {}; ask HEAD and resume from there.",
            upload.received
        )));
    }
    if offset + body.len() as u64 > upload.length {
        return Err(Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "More bytes than Upload-Length",
        ));
    }
    // --drop-upload-after: keep only the first bytes, then drop the connection.
    let keep = state
        .config
        .drop_upload_after
        .map_or(body.len(), |limit| body.len().min(limit as usize));
    let chunk = &body[..keep];
    let path = file_path(&state, &id);
    if offset < SNIFF_BYTES as u64
        && offset + chunk.len() as u64 >= SNIFF_BYTES.min(upload.length as usize) as u64
    {
        let mut start = std::fs::read(&path).map_err(Problem::internal)?;
        start.extend_from_slice(chunk);
        match sniff(&start) {
            Some(kind) => {
                state.db()?.execute(
                    "UPDATE uploads SET content_type = ?1 WHERE id = ?2",
                    params![kind, id],
                )?;
            }
            None => {
                state
                    .db()?
                    .execute("DELETE FROM uploads WHERE id = ?1", [&id])?;
                let _ = std::fs::remove_file(&path);
                return Err(Problem::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "Unsupported file")
                    .detail("Only PDF, JPEG, PNG or WebP files are accepted; this file is none of them, whatever its name says."));
            }
        }
    }
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(Problem::internal)?;
    file.write_all(chunk).map_err(Problem::internal)?;
    file.flush().map_err(Problem::internal)?;
    let received = offset + chunk.len() as u64;
    state.db()?.execute(
        "UPDATE uploads SET received = ?1 WHERE id = ?2",
        params![received, id],
    )?;
    if keep < body.len() {
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

/// `DELETE /uploads/{id}` (tus termination)
pub async fn terminate(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    check_version(&headers)?;
    find(&state, &session, &id)?;
    let in_use: bool = state.db()?.query_row(
        "SELECT EXISTS (SELECT 1 FROM documents WHERE upload_id = ?1)",
        [&id],
        |row| row.get(0),
    )?;
    if !in_use {
        state
            .db()?
            .execute("DELETE FROM uploads WHERE id = ?1", [&id])?;
        let _ = std::fs::remove_file(file_path(&state, &id));
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    tus_headers(&mut response);
    Ok(response)
}
