//! Pure rules of the domain: no web-sys, no leptos, tested with `cargo test`.
//! dev-api compiles these same files (`#[path]`), so the app and the stand-in
//! agree on what a valid identifier is.

pub mod business;
pub mod csv;
pub mod draft_sync;
pub mod identifiers;
pub mod money;
pub mod phone;
pub mod profile;
pub mod retention;
pub mod tasks;
