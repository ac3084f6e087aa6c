//! Pure rules of the domain: no web-sys, no leptos, tested with `cargo test`.
//! dev-api uses this crate without its `web` feature, so the app and the
//! stand-in agree on what a valid identifier or product is.

pub mod business;
pub mod calendar;
pub mod csv;
pub mod deadline;
pub mod document;
pub mod document_form;
pub mod document_status;
pub mod draft_sync;
pub mod eligibility;
pub mod file_kind;
pub mod identifiers;
pub mod money;
pub mod phone;
pub mod photo;
pub mod product;
pub mod product_import;
pub mod profile;
pub mod quantity;
pub mod query_string;
pub mod retention;
pub mod roster_query;
pub mod tasks;
pub mod tender_query;
pub mod tkdn;
pub mod tus;
pub mod tus_headers;
pub mod unit;
