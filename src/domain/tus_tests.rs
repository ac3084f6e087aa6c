//! Tests of `tus.rs`: each answer's meaning, and a simulated flaky server.

use super::*;
use proptest::prelude::*;

const MB: u64 = 1024 * 1024;

fn created(length: u64) -> Upload {
    let mut upload = Upload::new(length).unwrap();
    assert_eq!(upload.next_step(), Step::Create { after_ms: 0 });
    upload.apply(Reply::Created);
    upload
}

#[test]
fn a_file_goes_in_256_kb_chunks_and_the_last_is_what_is_left() {
    let mut upload = created(MB + 10);
    let mut ranges = Vec::new();
    while let Step::Send(range) = upload.next_step() {
        ranges.push(range.clone());
        upload.apply(Reply::Appended { offset: range.end });
    }
    assert_eq!(ranges.len(), 5);
    assert_eq!(ranges[4], MB..MB + 10);
    assert_eq!(upload.next_step(), Step::Done);
    assert_eq!(upload.progress(0).percent(), 100);
}

#[test]
fn empty_and_oversized_files_are_refused_before_anything_is_sent() {
    assert_eq!(Upload::new(0), Err(Failure::TooLarge));
    assert_eq!(Upload::new(MAX_SIZE + 1), Err(Failure::TooLarge));
    assert!(Upload::new(MAX_SIZE).is_ok());
}

#[test]
fn a_conflict_asks_the_offset_and_resumes_from_the_server_s() {
    let mut upload = created(MB);
    assert_eq!(upload.next_step(), Step::Send(0..CHUNK_SIZE));
    upload.apply(Reply::Status(409));
    assert_eq!(upload.next_step(), Step::AskOffset { after_ms: 1_000 });
    upload.apply(Reply::Head {
        offset: 5_000,
        length: MB,
    });
    assert_eq!(upload.next_step(), Step::Send(5_000..5_000 + CHUNK_SIZE));
    upload.apply(Reply::Status(409));
    upload.next_step();
    upload.apply(Reply::Status(503));
    assert_eq!(upload.next_step(), Step::AskOffset { after_ms: 2_000 });
}

#[test]
fn a_partly_kept_chunk_goes_on_from_where_the_server_stopped() {
    let mut upload = created(MB);
    upload.next_step();
    upload.apply(Reply::Appended { offset: 1_000 });
    assert_eq!(upload.next_step(), Step::Send(1_000..1_000 + CHUNK_SIZE));
    assert_eq!(upload.progress(600).sent, 1_600);
    assert_eq!(upload.progress(CHUNK_SIZE * 2).sent, 1_000 + CHUNK_SIZE);
}

#[test]
fn an_expired_upload_is_created_again_and_sent_whole() {
    let mut upload = created(MB);
    upload.next_step();
    upload.apply(Reply::Appended { offset: CHUNK_SIZE });
    upload.next_step();
    upload.apply(Reply::Status(410));
    assert_eq!(upload.progress(0).sent, 0);
    assert_eq!(upload.next_step(), Step::Create { after_ms: 0 });
    upload.apply(Reply::Created);
    assert_eq!(upload.next_step(), Step::Send(0..CHUNK_SIZE));
    for _ in 0..MAX_RESTARTS {
        upload.apply(Reply::Status(404));
        upload.next_step();
        upload.apply(Reply::Created);
        upload.next_step();
    }
    assert_eq!(upload.next_step(), Step::Failed(Failure::Unreachable));
}

#[test]
fn statuses_a_retry_cannot_mend_stop_the_upload() {
    for (status, failure) in [
        (401, Failure::SignedOut),
        (403, Failure::Forbidden),
        (413, Failure::TooLarge),
        (415, Failure::NotAccepted),
        (412, Failure::Refused(412)),
    ] {
        let mut upload = created(MB);
        upload.next_step();
        upload.apply(Reply::Status(status));
        assert_eq!(upload.next_step(), Step::Failed(failure), "{status}");
    }
}

#[test]
fn retries_wait_longer_each_time_then_give_up_until_resumed() {
    let mut upload = Upload::new(MB).unwrap();
    let mut waits = Vec::new();
    for _ in 0..MAX_FAILURES {
        match upload.next_step() {
            Step::Create { after_ms } => waits.push(after_ms),
            other => panic!("{other:?}"),
        }
        upload.apply(Reply::Dropped);
    }
    assert_eq!(
        waits,
        vec![0, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]
    );
    assert_eq!(upload.next_step(), Step::Failed(Failure::Unreachable));
    upload.resume();
    assert_eq!(upload.next_step(), Step::Create { after_ms: 0 });
}

#[test]
fn pause_resume_and_cancel() {
    let mut upload = created(MB);
    assert_eq!(upload.next_step(), Step::Send(0..CHUNK_SIZE));
    upload.pause();
    upload.apply(Reply::Appended { offset: CHUNK_SIZE });
    assert_eq!(upload.next_step(), Step::Paused);
    assert_eq!(upload.progress(0).sent, CHUNK_SIZE);
    upload.resume();
    assert_eq!(upload.next_step(), Step::AskOffset { after_ms: 0 });
    upload.cancel();
    upload.apply(Reply::Dropped);
    assert_eq!(upload.next_step(), Step::Terminate);
    upload.apply(Reply::Status(204));
    assert_eq!(upload.next_step(), Step::Cancelled);
    let mut never_created = Upload::new(10).unwrap();
    never_created.cancel();
    assert_eq!(never_created.next_step(), Step::Cancelled);
}

#[test]
fn an_upload_kept_across_a_reload_asks_first_and_is_gone_when_the_server_forgot_it() {
    let mut upload = Upload::existing(MB).unwrap();
    assert_eq!(upload.next_step(), Step::AskOffset { after_ms: 0 });
    upload.apply(Reply::Head {
        offset: MB,
        length: MB,
    });
    assert_eq!(upload.next_step(), Step::Done);
    let mut other = Upload::existing(MB).unwrap();
    other.next_step();
    other.apply(Reply::Head {
        offset: 10,
        length: 2 * MB,
    });
    assert_eq!(other.next_step(), Step::Failed(Failure::Gone));
    let mut expired = Upload::existing(MB).unwrap();
    expired.next_step();
    expired.apply(Reply::Head {
        offset: 10,
        length: MB,
    });
    expired.next_step();
    expired.apply(Reply::Status(410));
    assert_eq!(expired.next_step(), Step::Failed(Failure::Gone));
    expired.resume();
    assert_eq!(expired.next_step(), Step::Failed(Failure::Gone), "for good");
}

/// What the simulated server does with one request.
#[derive(Clone, Copy, Debug)]
enum Weather {
    /// Answers.
    Fine,
    /// Keeps this share (in 1/256) of a PATCH, then the connection drops.
    Drop(u8),
    /// Answers 409 as if another append were writing.
    Busy,
    /// Answers 503.
    Down,
    /// Forgets the upload (expired).
    Expire,
}

fn weather() -> impl Strategy<Value = Weather> {
    prop_oneof![
        6 => Just(Weather::Fine),
        3 => any::<u8>().prop_map(Weather::Drop),
        1 => Just(Weather::Busy),
        1 => Just(Weather::Down),
        1 => Just(Weather::Expire),
    ]
}

proptest! {
    /// Against a server that drops, is busy, is down and forgets: every
    /// PATCH starts at the server's offset (no byte range skipped or sent
    /// twice), no chunk is over 256 KB, confirmed progress never goes back
    /// except when the server forgot the upload, and the file arrives whole.
    #[test]
    fn a_flaky_server_still_gets_every_byte_once(
        length in 1..=3 * MB,
        weathers in prop::collection::vec(weather(), 1..400),
    ) {
        let mut upload = Upload::new(length).unwrap();
        let mut server: Option<u64> = None;
        // The weather clears once the list is used up, and the server
        // forgets at most twice: then the upload must finish.
        let mut weathers = weathers.into_iter().chain(std::iter::repeat(Weather::Fine));
        let mut expiries = 0;
        let mut last_progress = 0;
        for _ in 0..2_000 {
            let step = upload.next_step();
            let mut now = weathers.next().unwrap();
            if let Weather::Expire = now {
                expiries += 1;
                // Only an unfinished upload expires.
                if expiries <= 2 && server != Some(length) { server = None; }
                now = Weather::Fine;
            }
            let reply = match (&step, now) {
                (Step::Done, _) => break,
                (Step::Failed(Failure::Unreachable), _) => { upload.resume(); continue; }
                (Step::Create { .. }, Weather::Fine) => { server = Some(0); Reply::Created }
                (_, Weather::Down) => Reply::Status(503),
                (Step::Create { .. }, _) => Reply::Dropped,
                (_, _) if server.is_none() => Reply::Status(404),
                (Step::AskOffset { .. }, Weather::Fine) => Reply::Head { offset: server.unwrap(), length },
                (Step::AskOffset { .. }, _) => Reply::Dropped,
                (Step::Send(_), Weather::Busy) => Reply::Status(409),
                (Step::Send(range), weather) => {
                    prop_assert_eq!(Some(range.start), server, "sent from the server's offset");
                    prop_assert!(range.end > range.start && range.end - range.start <= CHUNK_SIZE);
                    prop_assert!(range.end <= length);
                    if let Weather::Drop(share) = weather {
                        server = Some(range.start + (range.end - range.start) * u64::from(share) / 256);
                        Reply::Dropped
                    } else {
                        server = Some(range.end);
                        Reply::Appended { offset: range.end }
                    }
                }
                (other, _) => return Err(TestCaseError::fail(format!("unexpected {other:?}"))),
            };
            let forgotten = matches!(reply, Reply::Status(404));
            upload.apply(reply);
            let progress = upload.progress(0).sent;
            prop_assert!(progress >= last_progress || forgotten && progress == 0);
            last_progress = progress;
        }
        prop_assert_eq!(upload.next_step(), Step::Done);
        prop_assert_eq!(server, Some(length));
    }
}
