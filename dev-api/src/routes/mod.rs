//! One module per resource of `api/openapi.yaml`.

pub mod auth;
pub mod dev;
pub mod reference;
pub mod supplier;
pub mod tenders;
