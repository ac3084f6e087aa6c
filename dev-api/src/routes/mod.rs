//! One module per resource of `api/openapi.yaml`.

pub mod auth;
pub mod coop;
pub mod dev;
pub mod documents;
pub mod products;
pub mod reference;
pub mod supplier;
pub mod tenders;
pub mod uploads;
