//! What reached dev-api for each upload, for tests (`GET /dev/uploads/{id}`
//! with `--dev`): every byte read from its PATCH bodies, those kept and
//! those discarded (past a `--drop-upload-after` cut, at a stale offset,
//! refused), and how many PATCHes named it. A client that resumes from the
//! server's offset sends each byte about once; one that starts over, or
//! sends its chunks twice, shows here. Kept in memory only: a restart
//! forgets it.

use axum::body::BodyDataStream;
use futures_util::StreamExt;

use super::MAX_SIZE;
use crate::state::AppState;

/// One upload's counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Arrivals {
    /// Bytes read from its PATCH bodies, kept or not.
    pub arrived: u64,
    /// PATCH requests that named it (whatever their answer).
    pub patches: u64,
}

fn update(state: &AppState, id: &str, change: impl FnOnce(&mut Arrivals)) {
    let mut all = state
        .upload_arrivals
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    change(all.entry(id.to_owned()).or_default());
}

/// A PATCH for upload `id` began.
pub fn patch_began(state: &AppState, id: &str) {
    update(state, id, |counts| counts.patches += 1);
}

/// `bytes` more were read from a PATCH body of upload `id`.
pub fn bytes_read(state: &AppState, id: &str, bytes: usize) {
    update(state, id, |counts| counts.arrived += bytes as u64);
}

/// Reads and counts a body that is answered without being kept (409: the
/// upload is busy or at another offset), up to the largest file: what the
/// client sent arrived all the same.
pub async fn discard(state: &AppState, id: &str, mut body: BodyDataStream) {
    let mut read = 0u64;
    while read < MAX_SIZE {
        match body.next().await {
            Some(Ok(chunk)) => {
                read += chunk.len() as u64;
                bytes_read(state, id, chunk.len());
            }
            _ => break,
        }
    }
}

/// The counts of upload `id` (zero when no PATCH named it yet).
pub fn of(state: &AppState, id: &str) -> Arrivals {
    state
        .upload_arrivals
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(id)
        .copied()
        .unwrap_or_default()
}

/// Upload `id` is gone: so are its counts.
pub fn forget(state: &AppState, id: &str) {
    state
        .upload_arrivals
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .remove(id);
}
