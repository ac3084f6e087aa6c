//! One folder per area of the app; each area's `mod.rs` has one entry point,
//! `render(page)`, which `app.rs` calls for the area's routes. An area's
//! private parts stay in its folder. `not_found.rs` belongs to the shell.

pub mod account;
pub mod catalog;
pub mod coop;
pub mod documents;
pub mod not_found;
pub mod register;
pub mod tenders;
