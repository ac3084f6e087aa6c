//! What the app keeps on a device, and for how long. Offices share
//! computers and phones change hands, so a draft (which may hold a NIK or a
//! bank account number) stays only while it is needed: while it holds
//! something the server does not have yet (never lose input), and not
//! longer than [`UNSENT_DRAFT_DAYS`] after the person last typed in it. A
//! draft the server already has is only a copy: it stays while the session
//! lives and goes when the session has ended.
//!
//! ```
//! use rantai::domain::retention::{keep_draft, Draft, DAY_MS};
//!
//! let typed = Draft { edited_ms: 0, unsent: true };
//! assert!(keep_draft(typed, 6 * DAY_MS, false));
//! assert!(!keep_draft(typed, 7 * DAY_MS, false));
//! ```

/// A day in milliseconds.
pub const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// Days an unsent draft stays on the device after the last typing in it.
pub const UNSENT_DRAFT_DAYS: u64 = 7;

/// What the rule needs to know of a draft on the device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Draft {
    /// When the person last typed in it (ms since the epoch; 0: never on
    /// this device, or before this was kept).
    pub edited_ms: u64,
    /// It holds changes the server does not have, or a conflict the person
    /// has not decided yet.
    pub unsent: bool,
}

/// Whether `draft` stays on the device at `now_ms`; `session_lives` is
/// false once the server has said the session is over.
pub fn keep_draft(draft: Draft, now_ms: u64, session_lives: bool) -> bool {
    if draft.unsent {
        now_ms.saturating_sub(draft.edited_ms) < UNSENT_DRAFT_DAYS * DAY_MS
    } else {
        session_lives
    }
}

/// Seconds to wait before asking the server again to end a session it has
/// not confirmed ending: doubling from 1 s, at most 30 s (a retry also goes
/// out as soon as the browser is back online).
pub fn sign_out_retry_secs(previous: u32) -> u32 {
    previous.saturating_mul(2).clamp(1, 30)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_750_000_000_000;

    #[test]
    fn unsent_input_stays_seven_days_after_the_last_typing_session_or_not() {
        let typed = |days_ago: u64| Draft {
            edited_ms: NOW - days_ago * DAY_MS,
            unsent: true,
        };
        for session_lives in [true, false] {
            assert!(keep_draft(typed(0), NOW, session_lives));
            assert!(keep_draft(
                Draft {
                    edited_ms: NOW - 7 * DAY_MS + 1,
                    unsent: true
                },
                NOW,
                session_lives
            ));
            assert!(!keep_draft(typed(7), NOW, session_lives));
            assert!(!keep_draft(typed(30), NOW, session_lives));
        }
        let unknown_age = Draft {
            edited_ms: 0,
            unsent: true,
        };
        assert!(!keep_draft(unknown_age, NOW, true));
        let clock_went_back = Draft {
            edited_ms: NOW + DAY_MS,
            unsent: true,
        };
        assert!(keep_draft(clock_went_back, NOW, false));
    }

    #[test]
    fn a_copy_of_what_the_server_has_goes_with_the_session() {
        let copy = Draft {
            edited_ms: NOW,
            unsent: false,
        };
        assert!(keep_draft(copy, NOW, true));
        assert!(!keep_draft(copy, NOW, false));
        let old_copy = Draft {
            edited_ms: 0,
            unsent: false,
        };
        assert!(keep_draft(old_copy, NOW, true));
    }

    #[test]
    fn sign_out_is_asked_again_doubling_up_to_half_a_minute() {
        let mut waits = vec![sign_out_retry_secs(0)];
        for _ in 0..7 {
            waits.push(sign_out_retry_secs(*waits.last().unwrap_or(&0)));
        }
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30, 30]);
    }
}
