//! The tus requests an upload's task makes, each turned into the
//! [`Reply`] the state machine takes: through [`ApiRequest::exchange`], so
//! the helper's own retries stay out of it (the machine decides).

use std::ops::Range;

use super::task::Task;
use crate::api::client::{ApiRequest, ApiResponse};
use crate::api::error::ApiError;
use crate::domain::tus::Reply;
use crate::domain::tus_headers::{patch_timeout_ms, upload_id};

impl Task {
    fn request(&self, request: ApiRequest) -> ApiRequest {
        request
            .header("Tus-Resumable", "1.0.0")
            .cancel_on(&self.requests)
    }

    fn path(&self) -> Option<String> {
        Some(format!("/uploads/{}", self.id.borrow().as_deref()?))
    }

    pub(super) async fn create(&self) -> Reply {
        let length = self.file.size() as u64;
        let answer = self
            .request(ApiRequest::post("/uploads"))
            .header("Upload-Length", length.to_string())
            .header("Upload-Metadata", self.metadata.clone())
            .exchange()
            .await;
        reply(answer, 201, |answer| {
            let id = upload_id(answer.header("Location")?)?;
            *self.id.borrow_mut() = Some(id.to_owned());
            Some(Reply::Created)
        })
    }

    pub(super) async fn append(&self, range: Range<u64>) -> Reply {
        let (Some(path), Ok(chunk)) = (
            self.path(),
            self.file
                .slice_with_f64_and_f64(range.start as f64, range.end as f64),
        ) else {
            return Reply::Status(404); // no upload to send to: create one
        };
        let answer = self
            .request(ApiRequest::patch(path))
            .header("Upload-Offset", range.start.to_string())
            .blob(&chunk, "application/offset+octet-stream")
            .timeout_ms(patch_timeout_ms(range.end - range.start))
            .exchange()
            .await;
        reply(answer, 204, |answer| {
            Some(Reply::Appended {
                offset: number(answer, "Upload-Offset")?,
            })
        })
    }

    pub(super) async fn ask_offset(&self) -> Reply {
        let Some(path) = self.path() else {
            return Reply::Status(404);
        };
        let answer = self.request(ApiRequest::head(path)).exchange().await;
        reply(answer, 200, |answer| {
            Some(Reply::Head {
                offset: number(answer, "Upload-Offset")?,
                length: number(answer, "Upload-Length")?,
            })
        })
    }

    /// `DELETE`, without `requests` (the cancel that fired it is why).
    pub(super) async fn terminate(&self) -> Reply {
        let Some(path) = self.path() else {
            return Reply::Dropped;
        };
        let answer = ApiRequest::delete(path)
            .header("Tus-Resumable", "1.0.0")
            .exchange()
            .await;
        reply(answer, 204, |_| Some(Reply::Status(204)))
    }
}

/// The reply an answer makes: `read` it when it has the `expected` status
/// (a success without the headers tus promises counts as a failed try).
fn reply(
    answer: Result<ApiResponse, ApiError>,
    expected: u16,
    read: impl FnOnce(&ApiResponse) -> Option<Reply>,
) -> Reply {
    match answer {
        Err(_) => Reply::Dropped,
        Ok(answer) if answer.status == expected => {
            read(&answer).unwrap_or(Reply::Status(answer.status))
        }
        Ok(answer) => Reply::Status(answer.status),
    }
}

fn number(answer: &ApiResponse, header: &str) -> Option<u64> {
    answer.header(header)?.trim().parse().ok()
}
