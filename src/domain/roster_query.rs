//! What the cooperative's roster shows (issue 14): words, a status and an
//! order, and the page, all in the address (a reload, back and forward keep
//! the view). Read leniently, written with defaults left out.
//!
//! ```
//! use rantai::domain::roster_query::{MemberStatus, RosterQuery, RosterSort};
//! let query = RosterQuery::parse("q=sari&status=changes_requested&sort=name&page=2");
//! assert_eq!(query.status, Some(MemberStatus::ChangesRequested));
//! assert_eq!(query.sort, RosterSort::Name);
//! assert_eq!(RosterQuery::parse(&query.to_query()), query);
//! assert_eq!(RosterQuery::default().to_query(), "");
//! ```

use super::query_string::{encode, page_value, query_value, words_value};

/// The most characters of the words searched (the contract's limit).
pub const MAX_WORDS: usize = 100;

/// Where a member stands (`status` in the contract's roster filter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberStatus {
    /// Invited; the member has not confirmed the link yet.
    Pending,
    /// Filling in the profile.
    Draft,
    /// Sent for verification.
    Submitted,
    /// Being verified.
    InReview,
    /// Verified.
    Approved,
    /// The reviewer asked for changes.
    ChangesRequested,
}

impl MemberStatus {
    /// Every status, in the order offered.
    pub const ALL: [MemberStatus; 6] = [
        MemberStatus::ChangesRequested,
        MemberStatus::Pending,
        MemberStatus::Draft,
        MemberStatus::Submitted,
        MemberStatus::InReview,
        MemberStatus::Approved,
    ];

    /// Its code in the contract and the address.
    pub fn code(self) -> &'static str {
        match self {
            MemberStatus::Pending => "pending",
            MemberStatus::Draft => "draft",
            MemberStatus::Submitted => "submitted",
            MemberStatus::InReview => "in_review",
            MemberStatus::Approved => "approved",
            MemberStatus::ChangesRequested => "changes_requested",
        }
    }

    /// The status whose code is `code`.
    pub fn from_code(code: &str) -> Option<MemberStatus> {
        MemberStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The roster's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RosterSort {
    /// Who needs something first (the contract's default).
    #[default]
    Attention,
    /// By name.
    Name,
    /// Most recently changed first.
    Updated,
}

impl RosterSort {
    /// Every order, as offered.
    pub const ALL: [RosterSort; 3] = [RosterSort::Attention, RosterSort::Name, RosterSort::Updated];

    /// Its code in the contract and the address.
    pub fn code(self) -> &'static str {
        match self {
            RosterSort::Attention => "attention",
            RosterSort::Name => "name",
            RosterSort::Updated => "updated",
        }
    }

    /// The order whose code is `code`.
    pub fn from_code(code: &str) -> Option<RosterSort> {
        RosterSort::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One view of the roster (the default: everyone, who needs something
/// first, page 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterQuery {
    /// Words in the owner's or business's name or the phone (empty: any).
    pub q: String,
    /// Only members with this status.
    pub status: Option<MemberStatus>,
    /// The order.
    pub sort: RosterSort,
    /// The page, from 1.
    pub page: u32,
}

impl Default for RosterQuery {
    fn default() -> RosterQuery {
        RosterQuery {
            q: String::new(),
            status: None,
            sort: RosterSort::Attention,
            page: 1,
        }
    }
}

impl RosterQuery {
    /// The view a query string (without its `?`) names.
    pub fn parse(query: &str) -> RosterQuery {
        let value = |name: &str| query_value(query, name);
        RosterQuery {
            q: words_value(query, "q", MAX_WORDS),
            status: value("status").as_deref().and_then(MemberStatus::from_code),
            sort: value("sort")
                .as_deref()
                .and_then(RosterSort::from_code)
                .unwrap_or_default(),
            page: page_value(query),
        }
    }

    /// Its query string (without `?`), defaults left out.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode(&self.q)));
        }
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.code()));
        }
        if self.sort != RosterSort::Attention {
            parts.push(format!("sort={}", self.sort.code()));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn what_does_not_read_is_left_out() {
        let query = RosterQuery::parse("status=maybe&sort=random&page=0");
        assert_eq!(query, RosterQuery::parse(""));
        assert_eq!(query.page, 1);
    }

    proptest! {
        #[test]
        fn any_view_written_to_the_address_reads_back_the_same(
            q in "[ -~]{0,30}",
            status in proptest::option::of(0usize..6),
            sort in 0usize..3,
            page in 1u32..500,
        ) {
            let query = RosterQuery {
                q: q.trim().to_owned(),
                status: status.map(|i| MemberStatus::ALL[i]),
                sort: RosterSort::ALL[sort],
                page,
            };
            prop_assert_eq!(RosterQuery::parse(&query.to_query()), query);
        }

        #[test]
        fn reading_any_text_never_panics(text in ".{0,80}") {
            let query = RosterQuery::parse(&text);
            prop_assert_eq!(RosterQuery::parse(&query.to_query()), query);
        }
    }
}
