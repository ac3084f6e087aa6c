//! Content encoding: which one a request accepts, and the bytes in it. The
//! app's files are compressed once at start (`static_site`); JSON answers of
//! the API as they are sent ([`api_answers`]), as a production backend or
//! the proxy in front of it would.

use std::io::Write;

use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Answers shorter than this go as they are: compressing them saves less
/// than the header costs.
const SMALLEST: usize = 1024;

/// Largest JSON answer read whole to be compressed (bigger ones go as they
/// are; the API has none).
const LARGEST: usize = 8 * 1024 * 1024;

/// An encoding the browser accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    /// The best encoding `headers`' `Accept-Encoding` allows, if any.
    pub fn accepted(headers: &HeaderMap) -> Option<Encoding> {
        let accepts = headers
            .get(header::ACCEPT_ENCODING)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        if accepts.contains("br") {
            Some(Encoding::Brotli)
        } else if accepts.contains("gzip") {
            Some(Encoding::Gzip)
        } else {
            None
        }
    }

    /// Its `Content-Encoding` name.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
        }
    }

    /// `bytes` encoded; `best` spends the time for the smallest result (files
    /// compressed once), otherwise a quick setting (answers made per request).
    pub fn encode(self, bytes: &[u8], best: bool) -> std::io::Result<Vec<u8>> {
        match self {
            Encoding::Brotli => {
                let mut out = Vec::new();
                {
                    let quality = if best { 11 } else { 5 };
                    let mut writer = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
                    writer.write_all(bytes)?;
                }
                Ok(out)
            }
            Encoding::Gzip => {
                let level = if best {
                    flate2::Compression::best()
                } else {
                    flate2::Compression::fast()
                };
                let mut writer = flate2::write::GzEncoder::new(Vec::new(), level);
                writer.write_all(bytes)?;
                writer.finish()
            }
        }
    }
}

/// Compresses the API's JSON answers of 1 KB or more (a page of tenders,
/// a KBLI search) for browsers that accept it. An `ETag` stays as it is:
/// here it names the resource's version, which `If-Match` and
/// `If-None-Match` compare, not the bytes on the wire.
pub async fn api_answers(request: Request, next: Next) -> Response {
    let encoding = Encoding::accepted(request.headers());
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    let Some(encoding) = encoding else {
        return response;
    };
    let headers = response.headers();
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"));
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<usize>().ok());
    if !is_json
        || headers.contains_key(header::CONTENT_ENCODING)
        || length.is_some_and(|length| !(SMALLEST..=LARGEST).contains(&length))
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, LARGEST).await else {
        // Read only part way: the answer is gone. Say so, not half of it.
        return Response::from_parts(parts, axum::body::Body::empty());
    };
    let encoded = match encoding.encode(&bytes, false) {
        Ok(encoded) if bytes.len() >= SMALLEST && encoded.len() < bytes.len() => encoded,
        _ => return Response::from_parts(parts, axum::body::Body::from(bytes)),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_ENCODING,
        HeaderValue::from_static(encoding.name()),
    );
    Response::from_parts(parts, axum::body::Body::from(encoded))
}
