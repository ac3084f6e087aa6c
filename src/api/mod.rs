//! The backend API client: one request helper ([`client`]), one error type
//! ([`error`]), the retry policy ([`retry`]), the one tus upload client
//! ([`upload`]), and (as screens arrive) one module per resource of
//! `api/openapi.yaml`.

mod abort;
pub mod auth;
pub mod client;
pub mod coop;
pub mod cooperative_links;
pub mod documents;
pub mod error;
pub mod idempotency;
pub mod json;
pub mod products;
pub mod reference;
pub mod retry;
pub mod supplier;
pub mod tenders;
pub mod upload;

pub use abort::when_quiet;
pub use client::{ApiRequest, ApiResponse, Cancel};
pub use error::{ApiError, FieldError, Problem};
pub use retry::{Method, RetryPolicy};
