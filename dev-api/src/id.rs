//! `{id}` path parameters: positive integers, anything else a 400 problem.

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;

use crate::problem::Problem;

/// A resource id from the path: 1 to 2^53 - 1 (what JSON numbers carry exactly).
#[derive(Clone, Copy, Debug)]
pub struct Id(pub i64);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(raw) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| Problem::bad_request("The id in the path is missing."))?;
        match raw.parse::<i64>() {
            Ok(id) if (1..=9_007_199_254_740_991).contains(&id) => Ok(Id(id)),
            _ => Err(Problem::bad_request("An id is a whole number from 1.")),
        }
    }
}
