//! The bookkeeping of a tus 1.0 upload (core, creation, termination) as pure
//! logic: which request to make next, from which byte, after how long a
//! wait, and what each answer means. The one upload client in `api/` does
//! the I/O: it asks [`Upload::next_step`], makes that request, and hands the
//! answer to [`Upload::apply`], until the step is `Done`, `Paused`,
//! `Cancelled` or `Failed`.
//!
//! ```
//! use rantai::domain::tus::{Reply, Step, Upload, CHUNK_SIZE};
//! let mut upload = Upload::new(300 * 1024).unwrap();
//! assert_eq!(upload.next_step(), Step::Create { after_ms: 0 });
//! upload.apply(Reply::Created);
//! assert_eq!(upload.next_step(), Step::Send(0..CHUNK_SIZE));
//! upload.apply(Reply::Dropped); // the connection went: ask what arrived
//! assert_eq!(upload.next_step(), Step::AskOffset { after_ms: 1_000 });
//! upload.apply(Reply::Head { offset: 100_000, length: 300 * 1024 });
//! assert_eq!(upload.next_step(), Step::Send(100_000..300 * 1024));
//! assert_eq!(upload.progress(0).percent(), 32);
//! ```

use std::ops::Range;

/// Bytes per PATCH.
pub const CHUNK_SIZE: u64 = 256 * 1024;
/// The largest file the server takes (`Tus-Max-Size`).
pub const MAX_SIZE: u64 = 10 * 1024 * 1024;
/// Failed requests in a row, without a byte of progress, before giving up.
pub const MAX_FAILURES: u32 = 8;
/// Times an upload may start over after the server forgot it (404/410).
pub const MAX_RESTARTS: u32 = 3;
/// The longest wait between retries.
pub const MAX_DELAY_MS: u32 = 30_000;

/// What to do now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// `POST /uploads` with `Upload-Length`, after waiting this long.
    Create {
        /// Milliseconds to wait first.
        after_ms: u32,
    },
    /// `PATCH` these bytes of the file, with `Upload-Offset: range.start`.
    Send(Range<u64>),
    /// `HEAD` the upload for its offset, after waiting this long.
    AskOffset {
        /// Milliseconds to wait first.
        after_ms: u32,
    },
    /// `DELETE` the upload (the person cancelled).
    Terminate,
    /// Nothing until [`Upload::resume`].
    Paused,
    /// Every byte arrived.
    Done,
    /// Cancelled, and the server told (or never knew).
    Cancelled,
    /// Stopped; the reason says what the person can do.
    Failed(Failure),
}

/// Why an upload stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Empty, or over [`MAX_SIZE`], or past what the supplier may keep (413).
    TooLarge,
    /// Not a PDF, JPEG, PNG or WebP by its bytes (415).
    NotAccepted,
    /// The session ended (401): sign in, then resume.
    SignedOut,
    /// Not this person's upload (403).
    Forbidden,
    /// The server answered in a way this client does not expect (400, 412, …).
    Refused(u16),
    /// [`MAX_FAILURES`] failures in a row, or [`MAX_RESTARTS`] restarts:
    /// offline or the server is down; resume later.
    Unreachable,
    /// An upload resumed after a reload is no longer there: the server
    /// forgot it (404, 410, or another length), or the device no longer
    /// keeps it. Nothing to resume; the file has to be chosen again.
    Gone,
}

/// The answer to the last step's request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// `201 Created` to the `POST` (the `Location` is the caller's to keep).
    Created,
    /// `204` to a `PATCH`, with its `Upload-Offset`.
    Appended {
        /// The server's offset now.
        offset: u64,
    },
    /// `200` to a `HEAD`, with its `Upload-Offset` and `Upload-Length`.
    Head {
        /// Bytes the server has.
        offset: u64,
        /// The length it was told.
        length: u64,
    },
    /// Any other status.
    Status(u16),
    /// No answer: the connection dropped, timed out or was aborted.
    Dropped,
}

/// Bytes confirmed out of the total.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Progress {
    /// Bytes sent.
    pub sent: u64,
    /// The file's length.
    pub total: u64,
}

impl Progress {
    /// Whole percent, rounded down: 100 only when every byte is sent.
    pub fn percent(self) -> u8 {
        (self.sent.min(self.total) * 100)
            .checked_div(self.total)
            .map_or(100, |p| p as u8)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Pending {
    Create,
    Send(Range<u64>),
    AskOffset,
    Terminate,
}

/// One file's upload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    length: u64,
    offset: u64,
    created: bool,
    offset_unknown: bool,
    pending: Option<Pending>,
    failures: u32,
    restarts: u32,
    /// Resumed after a reload: never starts over from zero.
    resumed: bool,
    paused: bool,
    cancelled: bool,
    terminated: bool,
    failure: Option<Failure>,
}

impl Upload {
    /// A new upload of a file of `length` bytes; refused when empty or over [`MAX_SIZE`].
    pub fn new(length: u64) -> Result<Upload, Failure> {
        if !(1..=MAX_SIZE).contains(&length) {
            return Err(Failure::TooLarge);
        }
        Ok(Upload {
            length,
            offset: 0,
            created: false,
            offset_unknown: false,
            pending: None,
            failures: 0,
            restarts: 0,
            resumed: false,
            paused: false,
            cancelled: false,
            terminated: false,
            failure: None,
        })
    }

    /// An upload created earlier (its URL kept on the device, say before a
    /// reload): it starts by asking the server's offset, and goes on from
    /// there, never from zero: if the server forgot it, it is
    /// [`Failure::Gone`].
    pub fn existing(length: u64) -> Result<Upload, Failure> {
        let mut upload = Upload::new(length)?;
        upload.created = true;
        upload.offset_unknown = true;
        upload.resumed = true;
        Ok(upload)
    }

    /// The step to take now; the caller makes its request and passes the
    /// answer to [`Upload::apply`].
    pub fn next_step(&mut self) -> Step {
        let after_ms = match self.failures {
            0 => 0,
            n => 1_000u32
                .saturating_mul(1 << (n - 1).min(15))
                .min(MAX_DELAY_MS),
        };
        let (step, pending) = if self.cancelled {
            match self.created && !self.terminated {
                true => (Step::Terminate, Some(Pending::Terminate)),
                false => (Step::Cancelled, None),
            }
        } else if let Some(failure) = self.failure {
            (Step::Failed(failure), None)
        } else if self.created && !self.offset_unknown && self.offset == self.length {
            (Step::Done, None)
        } else if self.paused {
            (Step::Paused, None)
        } else if !self.created {
            (Step::Create { after_ms }, Some(Pending::Create))
        } else if self.offset_unknown {
            (Step::AskOffset { after_ms }, Some(Pending::AskOffset))
        } else {
            let range = self.offset..(self.offset + CHUNK_SIZE).min(self.length);
            (Step::Send(range.clone()), Some(Pending::Send(range)))
        };
        self.pending = pending;
        step
    }

    /// Takes in the answer to the step [`Upload::next_step`] gave.
    pub fn apply(&mut self, reply: Reply) {
        let Some(pending) = self.pending.take() else {
            return;
        };
        match (pending, reply) {
            (Pending::Terminate, _) => self.terminated = true,
            (Pending::Create, Reply::Created) => {
                (self.created, self.offset, self.failures) = (true, 0, 0);
            }
            (Pending::Send(range), Reply::Appended { offset })
                if offset > range.start && offset <= range.end =>
            {
                (self.offset, self.failures) = (offset, 0);
            }
            (Pending::AskOffset, Reply::Head { offset, length })
                if length == self.length && offset <= length =>
            {
                if offset > self.offset {
                    self.failures = 0;
                }
                (self.offset, self.offset_unknown) = (offset, false);
            }
            (Pending::AskOffset, Reply::Head { .. }) => self.start_over(),
            (Pending::Send(_) | Pending::AskOffset, Reply::Status(404 | 410)) => self.start_over(),
            (_, Reply::Status(status)) if stops_at(status).is_some() => {
                self.failure = stops_at(status);
            }
            (pending, _) => {
                // A drop, a 409 (another append, or not the server's offset),
                // a 5xx or 429, or an answer that does not add up: ask the
                // server where it is (a new upload is simply created again).
                self.failures += 1;
                self.offset_unknown = pending != Pending::Create;
                if self.failures >= MAX_FAILURES {
                    self.failure = Some(Failure::Unreachable);
                }
            }
        }
    }

    /// The server forgot the upload (expired, 404/410): create it again and
    /// send every byte, at most [`MAX_RESTARTS`] times; an upload resumed
    /// after a reload is [`Failure::Gone`] instead.
    fn start_over(&mut self) {
        if self.resumed {
            self.failure = Some(Failure::Gone);
            return;
        }
        self.restarts += 1;
        (self.created, self.offset, self.offset_unknown) = (false, 0, false);
        if self.restarts > MAX_RESTARTS {
            self.failure = Some(Failure::Unreachable);
        }
    }

    /// Stops after the request in flight (whose answer is still applied).
    pub fn pause(&mut self) {
        self.paused = true;
    }

    /// Goes on after a pause, going offline, signing in again or giving up:
    /// asks the server's offset first (tus's resume), with no wait.
    pub fn resume(&mut self) {
        let transient = matches!(
            self.failure,
            Some(Failure::Unreachable | Failure::SignedOut)
        );
        if transient {
            (self.failure, self.restarts) = (None, 0);
        }
        self.paused = false;
        self.failures = 0;
        self.offset_unknown = self.created;
    }

    /// Gives up: the next step deletes the upload on the server, if made.
    pub fn cancel(&mut self) {
        self.cancelled = true;
    }

    /// Progress: the bytes the server confirmed, plus `in_flight` bytes of
    /// the PATCH under way (as the browser reports them), within its chunk.
    /// After a dropped PATCH it steps back to what the server kept.
    pub fn progress(&self, in_flight: u64) -> Progress {
        let sent = match &self.pending {
            Some(Pending::Send(range)) => (range.start + in_flight).min(range.end),
            _ => self.offset,
        };
        Progress {
            sent,
            total: self.length,
        }
    }
}

/// The failure a status means, if it is one a retry cannot mend (408, 409,
/// 429 and 5xx can be: wait, ask the offset, go on).
fn stops_at(status: u16) -> Option<Failure> {
    match status {
        401 => Some(Failure::SignedOut),
        403 => Some(Failure::Forbidden),
        413 => Some(Failure::TooLarge),
        415 => Some(Failure::NotAccepted),
        400..=407 | 410..=412 | 414 | 416..=428 => Some(Failure::Refused(status)),
        _ => None,
    }
}

#[cfg(test)]
#[path = "tus_tests.rs"]
mod tests;
