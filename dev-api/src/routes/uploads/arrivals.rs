//! What reached dev-api for each upload, for tests (`GET /dev/uploads/{id}`
//! with `--dev`): every byte read from its PATCH bodies, those kept and
//! those discarded (past a `--drop-upload-after` cut, refused), and how
//! many PATCHes named it (a 409 is answered before its body is read). A
//! client that resumes from the server's offset sends each byte about once;
//! one that starts over, or sends its chunks twice, shows here. Kept in memory only: a restart
//! forgets it.

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
