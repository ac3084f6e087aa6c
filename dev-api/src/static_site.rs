//! Serves the built app (`--static dist`) the way a careful CDN would:
//! brotli or gzip compressed once at start-up, long-lived caching for
//! Trunk's hashed file names, `index.html` for client routes, and the
//! Content-Security-Policy computed from the `index.html` actually served.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::compress::Encoding;

/// One file of the build, in all the encodings we send.
struct Asset {
    content_type: &'static str,
    identity: Vec<u8>,
    brotli: Vec<u8>,
    gzip: Vec<u8>,
    immutable: bool,
}

/// The whole build, in memory.
pub struct Site {
    assets: HashMap<String, Asset>,
    csp: String,
}

impl Site {
    /// Reads and compresses every file under `dir`.
    pub fn load(dir: &Path) -> std::io::Result<Site> {
        let mut assets = HashMap::new();
        let mut pending = vec![dir.to_path_buf()];
        while let Some(folder) = pending.pop() {
            for entry in std::fs::read_dir(&folder)? {
                let path = entry?.path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                let url = url_path(dir, &path);
                let bytes = std::fs::read(&path)?;
                assets.insert(url.clone(), Asset::new(&url, bytes)?);
            }
        }
        let index = assets.get("/index.html").ok_or_else(|| {
            std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("{} has no index.html: build the app first", dir.display()),
            )
        })?;
        let csp = content_security_policy(&String::from_utf8_lossy(&index.identity));
        Ok(Site { assets, csp })
    }

    /// The policy sent with every response.
    pub fn csp(&self) -> &str {
        &self.csp
    }

    /// The response for `path`: the file, or `index.html` for an app route.
    pub fn respond(&self, path: &str, request_headers: &HeaderMap) -> Response {
        let (asset, status) = match self.assets.get(path) {
            Some(asset) => (asset, StatusCode::OK),
            // A path with a file extension that isn't in the build is a
            // missing file, not a page of the app.
            None if has_extension(path) => {
                // Asked again next time: the file may come with the next build.
                return (
                    StatusCode::NOT_FOUND,
                    [(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"))],
                )
                    .into_response();
            }
            None => match self.assets.get("/index.html") {
                Some(index) => (index, StatusCode::OK),
                None => return StatusCode::NOT_FOUND.into_response(),
            },
        };
        let encoding = Encoding::accepted(request_headers);
        let body = match encoding {
            Some(Encoding::Brotli) => asset.brotli.clone(),
            Some(Encoding::Gzip) => asset.gzip.clone(),
            None => asset.identity.clone(),
        };
        let cache = if asset.immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        );
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        if let Some(encoding) = encoding {
            headers.insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(encoding.name()),
            );
        }
        response
    }
}

impl Asset {
    fn new(url: &str, identity: Vec<u8>) -> std::io::Result<Asset> {
        Ok(Asset {
            content_type: content_type(url),
            brotli: Encoding::Brotli.encode(&identity, true)?,
            gzip: Encoding::Gzip.encode(&identity, true)?,
            immutable: is_hashed(url),
            identity,
        })
    }
}

fn url_path(root: &Path, file: &Path) -> String {
    let relative: PathBuf = file.strip_prefix(root).unwrap_or(file).to_path_buf();
    let parts: Vec<String> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    format!("/{}", parts.join("/"))
}

fn has_extension(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|name| name.contains('.'))
}

/// Trunk names built files `name-<16 hex>.ext`: those never change.
fn is_hashed(url: &str) -> bool {
    let name = url.rsplit('/').next().unwrap_or(url);
    // The chunk loader is named by the build's wasm, but scripts/trunk-post-build
    // rewrites it afterwards (the chunks' names, the packs): asked for again
    // each time, like index.html, so a changed build step never meets a stale one.
    if name.starts_with("__wasm_split") {
        return false;
    }
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    // Trunk writes its 64-bit hash without leading zeros: 15 digits one
    // build in sixteen.
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (15..=16).contains(&hash.len()) && hash.bytes().all(|byte| byte.is_ascii_hexdigit())
    })
}

fn content_type(url: &str) -> &'static str {
    match url.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "webmanifest" => "application/manifest+json",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The policy for a page whose inline scripts are those of `index_html`:
/// only our own files and those exact inline scripts (by hash) may run.
pub fn content_security_policy(index_html: &str) -> String {
    let hashes: String = inline_scripts(index_html)
        .into_iter()
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
         style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; \
         font-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The text of every `<script>` without a `src`, exactly as in the file.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after_tag_name = &rest[start..];
        let Some(tag_end) = after_tag_name.find('>') else {
            break;
        };
        let tag = &after_tag_name[..tag_end];
        let body_and_rest = &after_tag_name[tag_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(&body_and_rest[..close]);
        }
        rest = &body_and_rest[close..];
    }
    scripts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_exactly_the_inline_scripts_of_the_page() {
        let html = r#"<head><script type="module">import init from '/a.js';</script>
            <script src="/b.js"></script></head>"#;
        let csp = content_security_policy(html);
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import init from '/a.js';"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1);
        assert!(csp.contains("object-src 'none'"));
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn trunk_hashed_names_are_recognised() {
        assert!(is_hashed("/rantai-0123456789abcdef.js"));
        assert!(is_hashed("/rantai-0123456789abcdef_bg.wasm"));
        assert!(is_hashed("/base-0123456789abcdef.css"));
        // A hash whose first digit was 0, as Trunk writes it.
        assert!(is_hashed("/rantai-43b6bdb402f7d33_bg.wasm"));
        assert!(!is_hashed("/rantai-43b6bdb402f7d3_bg.wasm"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/icon.svg"));
        assert!(!is_hashed("/__wasm_split-0123456789abcdef.js"));
    }
}
