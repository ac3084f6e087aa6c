//! A tender's deadline as the buyer set it: an instant written with the
//! buyer's own offset (`2026-12-12T14:00:00+07:00`), shown in that time zone
//! ("12 Des 2026 14.00 WIB"), with how many calendar days are left there
//! ("tutup 3 hari lagi").
//!
//! ```
//! use rantai::domain::deadline::{Deadline, Left};
//! let deadline = Deadline::parse("2026-12-12T14:00:00+08:00").unwrap();
//! assert_eq!(deadline.zone_name(), "WITA");
//! assert_eq!((deadline.hour, deadline.minute), (14, 0));
//! // 9 Dec 2026 10:00 in Makassar is 02:00 UTC.
//! let now_ms = deadline.utc_ms - (3 * 24 + 4) * 3_600_000;
//! assert_eq!(deadline.left(now_ms), Left::Days(3));
//! ```

use super::calendar::Day;

/// A deadline, in the buyer's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// Its calendar day where the buyer is.
    pub day: Day,
    /// Its hour there, 0 to 23.
    pub hour: u32,
    /// Its minute.
    pub minute: u32,
    /// Hours ahead of UTC where the buyer is.
    pub offset_hours: i64,
    /// The instant, in milliseconds since the epoch.
    pub utc_ms: i64,
}

/// How long is left until a deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Left {
    /// It has passed.
    Closed,
    /// It is today, where the buyer is.
    Today,
    /// Tomorrow.
    Tomorrow,
    /// This many calendar days (2 or more).
    Days(i64),
}

fn number(text: &str) -> Option<u32> {
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

impl Deadline {
    /// Reads an RFC 3339 instant (`2026-12-12T14:00:00+07:00`, seconds and
    /// their fraction optional, `Z` for UTC); `None` if it does not read.
    pub fn parse(text: &str) -> Option<Deadline> {
        let (date, rest) = text.trim().split_once(['T', 't', ' '])?;
        let day = Day::parse(date).filter(|_| date.len() == 10 && date.as_bytes()[4] == b'-')?;
        let (clock, offset_minutes) = if let Some(clock) = rest.strip_suffix(['Z', 'z']) {
            (clock, 0)
        } else {
            let at = rest.rfind(['+', '-'])?;
            let (clock, offset) = rest.split_at(at);
            let (hours, minutes) = offset[1..].split_once(':')?;
            let size = i64::from(number(hours)?) * 60 + i64::from(number(minutes)?);
            (clock, if offset.starts_with('-') { -size } else { size })
        };
        let mut parts = clock.split(':');
        let hour = number(parts.next()?).filter(|h| *h < 24)?;
        let minute = number(parts.next()?).filter(|m| *m < 60)?;
        let seconds = match parts.next() {
            Some(seconds) => {
                let whole = seconds.split('.').next()?;
                number(whole).filter(|s| *s < 61)?
            }
            None => 0,
        };
        let local_ms = (day.days_since_epoch() * 86_400
            + i64::from(hour) * 3_600
            + i64::from(minute) * 60
            + i64::from(seconds))
            * 1_000;
        Some(Deadline {
            day,
            hour,
            minute,
            offset_hours: offset_minutes.div_euclid(60),
            utc_ms: local_ms - offset_minutes * 60_000,
        })
    }

    /// Its time zone's name: WIB, WITA or WIT (`UTC+5` elsewhere).
    pub fn zone_name(&self) -> String {
        match self.offset_hours {
            7 => "WIB".to_owned(),
            8 => "WITA".to_owned(),
            9 => "WIT".to_owned(),
            other => format!("UTC{other:+}"),
        }
    }

    /// How long is left at `now_ms`, in calendar days where the buyer is.
    pub fn left(&self, now_ms: i64) -> Left {
        if now_ms >= self.utc_ms {
            return Left::Closed;
        }
        let local_now_ms = now_ms + self.offset_hours * 3_600_000;
        let today = Day::from_days_since_epoch(local_now_ms.div_euclid(86_400_000));
        match today.days_until(self.day) {
            days if days <= 0 => Left::Today,
            1 => Left::Tomorrow,
            days => Left::Days(days),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn each_zone_is_named_and_read_in_its_own_time() {
        let wit = Deadline::parse("2026-12-31T23:30:00+09:00").unwrap();
        assert_eq!(wit.zone_name(), "WIT");
        assert_eq!(wit.day, Day::parse("2026-12-31").unwrap());
        assert_eq!(
            wit.utc_ms,
            Deadline::parse("2026-12-31T14:30:00Z").unwrap().utc_ms
        );
        assert_eq!(
            Deadline::parse("2026-12-31T14:30Z").unwrap().zone_name(),
            "UTC+0"
        );
        let fraction = Deadline::parse("2026-12-31T16:00:00.250+07:00").unwrap();
        assert_eq!((fraction.hour, fraction.minute), (16, 0));
    }

    #[test]
    fn days_left_count_calendar_days_where_the_buyer_is() {
        let deadline = Deadline::parse("2026-12-12T14:00:00+07:00").unwrap();
        let at = |utc: &str| Deadline::parse(utc).unwrap().utc_ms;
        // 11 Dec 23:00 UTC is already 12 Dec 06:00 in Jakarta.
        assert_eq!(deadline.left(at("2026-12-11T23:00:00Z")), Left::Today);
        assert_eq!(deadline.left(at("2026-12-11T17:00:00Z")), Left::Today);
        assert_eq!(deadline.left(at("2026-12-11T16:59:59Z")), Left::Tomorrow);
        assert_eq!(deadline.left(at("2026-12-11T10:00:00Z")), Left::Tomorrow);
        assert_eq!(deadline.left(at("2026-12-09T10:00:00Z")), Left::Days(3));
        assert_eq!(deadline.left(at("2026-12-12T07:00:00Z")), Left::Closed);
    }

    #[test]
    fn what_is_not_an_instant_does_not_read() {
        for text in [
            "",
            "2026-12-12",
            "12/12/2026T14:00+07:00",
            "2026-12-12T25:00:00+07:00",
            "2026-12-12T14:00:00",
            "2026-12-12T14:00:00+7",
            "2026-13-12T14:00:00Z",
            "2026-12-12Tab:00:00Z",
        ] {
            assert_eq!(Deadline::parse(text), None, "{text}");
        }
    }

    proptest! {
        #[test]
        fn any_instant_reads_back_to_its_parts(
            days in 19_000i64..25_000, hour in 0u32..24, minute in 0u32..60, offset in 7i64..=9,
        ) {
            let day = Day::from_days_since_epoch(days);
            let text = format!("{}T{hour:02}:{minute:02}:00+{offset:02}:00", day.iso());
            let deadline = Deadline::parse(&text).unwrap();
            prop_assert_eq!((deadline.day, deadline.hour, deadline.minute), (day, hour, minute));
            // A moment before a midnight deadline is still the day before.
            let just_before = if (hour, minute) == (0, 0) { Left::Tomorrow } else { Left::Today };
            prop_assert_eq!(deadline.left(deadline.utc_ms - 1), just_before);
            prop_assert_eq!(deadline.left(deadline.utc_ms), Left::Closed);
        }

        #[test]
        fn reading_any_text_never_panics(text in ".{0,40}") {
            let _ = Deadline::parse(&text);
        }
    }
}
