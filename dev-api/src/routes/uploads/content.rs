//! A finished upload read back: its file (a document's scan, a product's
//! photo) and, for a photo, a thumbnail for lists. Whoever may append to an
//! upload may read it (`super::find`: the supplier, or staff acting for it
//! through a confirmed link); anything else, and an upload still arriving,
//! is 404.
//!
//! Both answers are cached by the browser for a day, privately: an id is
//! never reused, so what it holds never changes. `Vary: Cookie` keeps that
//! cache to the session that filled it (the next person signing in on a
//! shared computer fetches again, and is checked), and sign-out clears it
//! (`Clear-Site-Data`, in `auth::logout`). `X-Content-Type-Options: nosniff`
//! comes with every response (`security_headers` in lib.rs): the type is the
//! one the bytes showed when they arrived.

use std::io::ErrorKind;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::{params, OptionalExtension};

use super::{file_path, find, Upload};
use crate::problem::{ApiResult, Problem};
use crate::session::Session;
use crate::state::AppState;
use crate::thumbnail;

/// `GET /uploads/{id}/file` (and HEAD, which axum answers from GET without
/// the body): the bytes, as the type they showed.
pub async fn file(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let upload = find(&state, &session, &id)?;
    let kind = finished(&upload)?;
    let bytes = read(&state, &id)?;
    Ok(cached(kind, disposition(&stem(&upload), kind), bytes))
}

/// `GET /uploads/{id}/thumbnail`: a photo as a JPEG at most 320 px on its
/// long side. Made on the first request and kept in the `thumbnails` table
/// beside the upload's row: deleting the upload deletes it (a foreign key),
/// two first requests at once store one, and no file beside the upload
/// needs cleaning up. A PDF has none (404: there is no such thing to GET;
/// 415 would speak of a request body). An image that cannot be read (bytes
/// that only start like one, or too large to decode) is 404 too, and
/// remembered as such so it is not decoded again.
pub async fn thumbnail(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let upload = find(&state, &session, &id)?;
    if !finished(&upload)?.starts_with("image/") {
        return Err(Problem::not_found().detail("A PDF has no thumbnail; GET its file."));
    }
    let kept: Option<Option<Vec<u8>>> = state
        .db()?
        .query_row(
            "SELECT jpeg FROM thumbnails WHERE upload_id = ?1",
            [&id],
            |row| row.get(0),
        )
        .optional()?;
    let jpeg = match kept {
        Some(jpeg) => jpeg,
        None => {
            let bytes = read(&state, &id)?;
            // Decoding takes a while for a large photo: not on the async
            // workers. A decoder that panics on odd bytes is an unreadable
            // image too, not a 500 on every request.
            let jpeg = match tokio::task::spawn_blocking(move || thumbnail::jpeg(&bytes)).await {
                Ok(Ok(jpeg)) => Some(jpeg),
                Ok(Err(error)) => {
                    eprintln!("dev-api: no thumbnail of upload {id}: {error}");
                    None
                }
                Err(panic) => {
                    eprintln!("dev-api: no thumbnail of upload {id}: {panic}");
                    None
                }
            };
            // Only while the upload exists: one terminated meanwhile keeps nothing.
            state.db()?.execute(
                "INSERT OR IGNORE INTO thumbnails (upload_id, jpeg)
                 SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM uploads WHERE id = ?1)",
                params![id, jpeg],
            )?;
            jpeg
        }
    };
    let jpeg = jpeg.ok_or_else(|| {
        Problem::not_found().detail("This image cannot be read, so it has no thumbnail.")
    })?;
    let name = format!("{}-thumbnail", stem(&upload));
    Ok(cached("image/jpeg", disposition(&name, "image/jpeg"), jpeg))
}

/// The type of a finished upload; 404 while bytes are still to come.
fn finished(upload: &Upload) -> ApiResult<&str> {
    match &upload.content_type {
        Some(kind) if upload.received == upload.length => Ok(kind),
        _ => Err(Problem::not_found()),
    }
}

/// The upload's bytes; 404 when it was terminated since it was found.
fn read(state: &AppState, id: &str) -> ApiResult<Vec<u8>> {
    std::fs::read(file_path(state, id)).map_err(|error| match error.kind() {
        ErrorKind::NotFound => Problem::not_found(),
        _ => Problem::internal(error),
    })
}

/// `bytes` of type `kind` with the headers a file and a thumbnail share.
fn cached(kind: &str, disposition: HeaderValue, bytes: Vec<u8>) -> Response {
    let kind =
        HeaderValue::from_str(kind).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, kind),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=86400"),
            ),
            (header::VARY, HeaderValue::from_static("Cookie")),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

/// The name the file was uploaded under, without its extension.
fn stem(upload: &Upload) -> String {
    match upload.filename.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem.to_owned(),
        Some(_) => "file".to_owned(),
        None => upload.filename.clone(),
    }
}

/// `inline`, named `name` with the extension of `kind` (what the bytes
/// are, whatever the uploaded name said: a photo named `.exe` is saved as
/// `.jpg`): in ASCII for every browser, and in UTF-8 (RFC 8187) for the
/// ones that read it.
fn disposition(name: &str, kind: &str) -> HeaderValue {
    let extension = match kind {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "bin",
    };
    let full = format!("{name}.{extension}");
    let plain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    let ascii: String = full
        .chars()
        .map(|c| if plain(c) || c == ' ' { c } else { '_' })
        .collect();
    let encoded: String = full
        .bytes()
        .map(|b| match b {
            b if plain(char::from(b)) => char::from(b).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect();
    HeaderValue::from_str(&format!(
        "inline; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or(HeaderValue::from_static("inline"))
}
