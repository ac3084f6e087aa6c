//! Calendar days as Indonesians mean them: a document issued or expiring
//! on a date means that day in Indonesia, not in UTC. A [`Day`] is a civil
//! date; "today" is the day at a UTC instant in a time zone (WIB, WITA,
//! WIT); how long until a document expires is whole days between two dates.
//!
//! ```
//! use rantai::domain::calendar::{expiry, Day, Expiry, Zone};
//! // 30 Nov 2026 20:00 UTC is already 1 Dec in Jakarta.
//! let today = Day::today(1_796_068_800_000, Zone::Wib);
//! assert_eq!(today, Day::parse("2026-12-01").unwrap());
//! assert_eq!(expiry(Day::parse("2027-01-12").unwrap(), today), Expiry::Soon { days_left: 42 });
//! ```

/// Days before its expiry date from which a document is flagged.
pub const WARN_DAYS: i64 = 60;

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// The year, e.g. 2026.
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
}

/// Indonesia's time zones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// Western Indonesia Time, UTC+7 (Java, Sumatra).
    Wib,
    /// Central Indonesia Time, UTC+8 (Bali, Nusa Tenggara, Sulawesi).
    Wita,
    /// Eastern Indonesia Time, UTC+9 (Maluku, Papua).
    Wit,
}

impl Zone {
    /// Hours ahead of UTC.
    pub fn offset_hours(self) -> i64 {
        match self {
            Zone::Wib => 7,
            Zone::Wita => 8,
            Zone::Wit => 9,
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Day {
    /// The day, if it exists (no 31 April, no 29 February 2027).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        (1..=9999)
            .contains(&year)
            .then_some(())
            .filter(|_| day >= 1 && day <= days_in_month(year, month))
            .map(|_| Day { year, month, day })
    }

    /// A day as the contract writes it (`2026-12-31`) or as people type it
    /// in Indonesia, day first (`31/12/2026`, `31-12-2026`, `31.12.2026`).
    pub fn parse(typed: &str) -> Option<Day> {
        let typed = typed.trim();
        let parts: Vec<&str> = typed.split(['-', '/', '.']).collect();
        let number = |text: &str| {
            (!text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit()))
                .then(|| text.parse::<u32>().ok())
                .flatten()
        };
        match parts.as_slice() {
            [y, m, d] if y.len() == 4 => Day::new(number(y)? as i32, number(m)?, number(d)?),
            [d, m, y] if y.len() == 4 => Day::new(number(y)? as i32, number(m)?, number(d)?),
            _ => None,
        }
    }

    /// `2026-12-31`, as the contract wants it.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year =
            (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The day `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Day {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }

    /// The day it is in `zone` at `utc_ms` (milliseconds since the epoch).
    pub fn today(utc_ms: i64, zone: Zone) -> Day {
        let local_ms = utc_ms + zone.offset_hours() * 3_600_000;
        Day::from_days_since_epoch(local_ms.div_euclid(86_400_000))
    }

    /// Whole days from `self` to `later` (negative when `later` is earlier).
    pub fn days_until(self, later: Day) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }
}

/// Where a document stands by its expiry date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    /// More than [`WARN_DAYS`] days left.
    Valid,
    /// Expires within [`WARN_DAYS`] days (0: today is its last day).
    Soon {
        /// Days left.
        days_left: i64,
    },
    /// Its last day has passed.
    Expired {
        /// Days since its last day.
        days_ago: i64,
    },
}

/// Where a document that is valid until `expires_on` (its last day) stands
/// on `today`.
pub fn expiry(expires_on: Day, today: Day) -> Expiry {
    match today.days_until(expires_on) {
        left if left < 0 => Expiry::Expired { days_ago: -left },
        left if left <= WARN_DAYS => Expiry::Soon { days_left: left },
        _ => Expiry::Valid,
    }
}

/// What is wrong with a document's dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateIssue {
    /// Not a date.
    NotADate,
    /// An issue date after today.
    IssuedInFuture,
    /// The expiry date is needed (the kind expires).
    ExpiryRequired,
    /// The expiry date is not after the issue date.
    ExpiresBeforeIssued,
}

/// A document's dates, read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentDates {
    /// When it was issued.
    pub issued_on: Option<Day>,
    /// Its last valid day.
    pub expires_on: Option<Day>,
}

/// A problem with one of a document's dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateProblem {
    /// The field, as the contract names it: `issued_on` or `expires_on`.
    pub field: &'static str,
    /// What is wrong.
    pub issue: DateIssue,
}

/// Checks a document's typed dates on `today`: each date, then the issue
/// date not in the future, an expiry date when `expires` (the kind
/// expires), after the issue date. Answers the days read, or the first
/// problem.
pub fn check_dates(
    issued: &str,
    expires_on: &str,
    expires: bool,
    today: Day,
) -> Result<DocumentDates, DateProblem> {
    let problem = |field, issue| DateProblem { field, issue };
    let read = |typed: &str, field| match typed.trim() {
        "" => Ok(None),
        text => Day::parse(text)
            .map(Some)
            .ok_or(problem(field, DateIssue::NotADate)),
    };
    let issued_on = read(issued, "issued_on")?;
    let expires_on = read(expires_on, "expires_on")?;
    if issued_on.is_some_and(|day| day > today) {
        return Err(problem("issued_on", DateIssue::IssuedInFuture));
    }
    if expires && expires_on.is_none() {
        return Err(problem("expires_on", DateIssue::ExpiryRequired));
    }
    if let (Some(from), Some(until)) = (issued_on, expires_on) {
        if until <= from {
            return Err(problem("expires_on", DateIssue::ExpiresBeforeIssued));
        }
    }
    Ok(DocumentDates {
        issued_on,
        expires_on,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn days_are_read_as_the_contract_and_as_people_write_them() {
        assert_eq!(
            day("2026-12-31"),
            Day {
                year: 2026,
                month: 12,
                day: 31
            }
        );
        assert_eq!(day("31/12/2026"), day("2026-12-31"));
        assert_eq!(day(" 1-2-2027 "), day("2027-02-01"));
        assert_eq!(day("29.02.2028"), day("2028-02-29"));
        for wrong in [
            "",
            "2027-02-29",
            "31/04/2026",
            "2026-13-01",
            "12/31/26",
            "kemarin",
            "2026-1-1-1",
        ] {
            assert_eq!(Day::parse(wrong), None, "{wrong}");
        }
        assert_eq!(day("2026-03-05").iso(), "2026-03-05");
    }

    #[test]
    fn today_is_the_day_in_indonesia_not_in_utc() {
        // 2026-11-30T20:00:00Z
        let evening_utc = 1_796_068_800_000;
        assert_eq!(Day::today(evening_utc, Zone::Wib), day("2026-12-01"));
        // 2026-11-30T16:30:00Z: still the 30th in Jakarta, the 1st in Jayapura.
        let afternoon_utc = evening_utc - 3 * 3_600_000 - 1_800_000;
        assert_eq!(Day::today(afternoon_utc, Zone::Wib), day("2026-11-30"));
        assert_eq!(Day::today(afternoon_utc, Zone::Wit), day("2026-12-01"));
    }

    #[test]
    fn a_document_is_flagged_sixty_days_before_its_last_day() {
        let today = day("2026-11-29");
        assert_eq!(expiry(day("2027-01-29"), today), Expiry::Valid);
        assert_eq!(
            expiry(day("2027-01-28"), today),
            Expiry::Soon { days_left: 60 }
        );
        assert_eq!(
            expiry(day("2026-11-29"), today),
            Expiry::Soon { days_left: 0 }
        );
        assert_eq!(
            expiry(day("2026-11-28"), today),
            Expiry::Expired { days_ago: 1 }
        );
    }

    #[test]
    fn dates_are_checked_in_order_and_say_which_field() {
        let today = day("2026-11-29");
        let wrong = |field, issue| Err(DateProblem { field, issue });
        let read = |issued_on, expires_on| {
            Ok(DocumentDates {
                issued_on,
                expires_on,
            })
        };
        assert_eq!(check_dates("", "", false, today), read(None, None));
        assert_eq!(
            check_dates("", "", true, today),
            wrong("expires_on", DateIssue::ExpiryRequired)
        );
        assert_eq!(
            check_dates("30/11/2026", "", false, today),
            wrong("issued_on", DateIssue::IssuedInFuture)
        );
        assert_eq!(
            check_dates("1/1/2025", "1/1/2025", true, today),
            wrong("expires_on", DateIssue::ExpiresBeforeIssued)
        );
        assert_eq!(
            check_dates("1/1/2025", "besok", true, today),
            wrong("expires_on", DateIssue::NotADate)
        );
        assert_eq!(
            check_dates("1/1/2025", "31/12/2029", true, today),
            read(Some(day("2025-01-01")), Some(day("2029-12-31")))
        );
    }

    proptest! {
        #[test]
        fn a_day_survives_the_epoch_and_its_text(days in -700_000i64..2_900_000) {
            let day = Day::from_days_since_epoch(days);
            prop_assert_eq!(day.days_since_epoch(), days);
            prop_assert_eq!(Day::parse(&day.iso()), Some(day));
            prop_assert!(Day::new(day.year, day.month, day.day).is_some());
        }

        #[test]
        fn no_typed_date_makes_parsing_panic(typed in ".{0,20}") {
            let _ = Day::parse(&typed);
        }
    }
}
