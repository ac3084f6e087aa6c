//! What the tender list shows (issue 13): words, filters, sort and page,
//! all of it in the address's query string, so a link reproduces the view,
//! back and forward move between searches and a reload keeps it. Read
//! leniently (a value that does not read is left out, as if not given);
//! written with defaults left out, so one view has one address.
//!
//! ```
//! use rantai::domain::tender_query::{Sort, TenderQuery, TenderStatus};
//! let query = TenderQuery::parse("q=keripik&province=34&hps_max=50000000&status=open&sort=newest");
//! assert_eq!(query.province.as_deref(), Some("34"));
//! assert_eq!(query.status, Some(TenderStatus::Open));
//! assert_eq!(query.sort, Sort::Newest);
//! assert_eq!(TenderQuery::parse(&query.to_query()), query);
//! assert_eq!(TenderQuery::default().to_query(), "");
//! ```

use super::query_string::{encode, page_value, query_value, words_value};

/// How the list is ordered (`sort` in the contract).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// The deadline soonest first (the contract's default).
    #[default]
    Deadline,
    /// Published most recently first.
    Newest,
    /// The largest budget (HPS) first.
    HpsDesc,
    /// The smallest budget first.
    HpsAsc,
}

impl Sort {
    /// Every order, as offered.
    pub const ALL: [Sort; 4] = [Sort::Deadline, Sort::Newest, Sort::HpsDesc, Sort::HpsAsc];

    /// Its code in the contract and the address.
    pub fn code(self) -> &'static str {
        match self {
            Sort::Deadline => "deadline",
            Sort::Newest => "newest",
            Sort::HpsDesc => "hps_desc",
            Sort::HpsAsc => "hps_asc",
        }
    }

    fn from_code(code: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|sort| sort.code() == code)
    }
}

/// A tender's status (`TenderStatus` in the contract).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TenderStatus {
    /// Open, more than 7 days left.
    Open,
    /// Open, at most 7 days left.
    ClosingSoon,
    /// Past its deadline.
    Closed,
}

impl TenderStatus {
    /// Every status.
    pub const ALL: [TenderStatus; 3] = [
        TenderStatus::Open,
        TenderStatus::ClosingSoon,
        TenderStatus::Closed,
    ];

    /// Its code in the contract and the address.
    pub fn code(self) -> &'static str {
        match self {
            TenderStatus::Open => "open",
            TenderStatus::ClosingSoon => "closing_soon",
            TenderStatus::Closed => "closed",
        }
    }

    /// The status whose code is `code`.
    pub fn from_code(code: &str) -> Option<TenderStatus> {
        TenderStatus::ALL
            .into_iter()
            .find(|status| status.code() == code)
    }
}

/// The most characters of the words searched (the contract's limit).
pub const MAX_WORDS: usize = 100;

/// One view of the tender list (the default: every tender, deadline
/// first, page 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenderQuery {
    /// Words in the title, buyer or description (empty: any).
    pub q: String,
    /// A category's code.
    pub category: Option<String>,
    /// A province's two-digit code.
    pub province: Option<String>,
    /// The least budget (HPS), whole rupiah.
    pub hps_min: Option<u64>,
    /// The largest budget.
    pub hps_max: Option<u64>,
    /// Only tenders with this status.
    pub status: Option<TenderStatus>,
    /// The order.
    pub sort: Sort,
    /// The page, from 1.
    pub page: u32,
}

impl Default for TenderQuery {
    fn default() -> TenderQuery {
        TenderQuery {
            q: String::new(),
            category: None,
            province: None,
            hps_min: None,
            hps_max: None,
            status: None,
            sort: Sort::Deadline,
            page: 1,
        }
    }
}

/// One filter the person can take away when nothing matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    /// The words.
    Words,
    /// The category.
    Category,
    /// The province.
    Province,
    /// The budget range.
    Budget,
    /// The status.
    Status,
}

fn province_code(text: &str) -> Option<String> {
    (text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.to_owned())
}

fn category_code(text: &str) -> Option<String> {
    let fits = !text.is_empty()
        && text.len() <= 40
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    fits.then(|| text.to_owned())
}

impl TenderQuery {
    /// The view a query string (without its `?`) names.
    pub fn parse(query: &str) -> TenderQuery {
        let value = |name: &str| query_value(query, name);
        let amount = |name: &str| value(name).and_then(|text| text.parse::<u64>().ok());
        TenderQuery {
            q: words_value(query, "q", MAX_WORDS),
            category: value("category").as_deref().and_then(category_code),
            province: value("province").as_deref().and_then(province_code),
            hps_min: amount("hps_min"),
            hps_max: amount("hps_max"),
            status: value("status").as_deref().and_then(TenderStatus::from_code),
            sort: value("sort")
                .as_deref()
                .and_then(Sort::from_code)
                .unwrap_or_default(),
            page: page_value(query),
        }
    }

    /// Its query string (without `?`): each value given, in a fixed order,
    /// defaults (any, deadline first, page 1) left out.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode(&self.q)));
        }
        if let Some(category) = &self.category {
            parts.push(format!("category={}", encode(category)));
        }
        if let Some(province) = &self.province {
            parts.push(format!("province={province}"));
        }
        if let Some(min) = self.hps_min {
            parts.push(format!("hps_min={min}"));
        }
        if let Some(max) = self.hps_max {
            parts.push(format!("hps_max={max}"));
        }
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.code()));
        }
        if self.sort != Sort::Deadline {
            parts.push(format!("sort={}", self.sort.code()));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        parts.join("&")
    }

    /// The filters given, each with the view without it (and from page
    /// 1): "no results — show every province".
    pub fn relaxations(&self) -> Vec<(Filter, TenderQuery)> {
        let base = TenderQuery {
            page: 1,
            ..self.clone()
        };
        let mut relaxed = Vec::new();
        let mut without = |filter: Filter, given: bool, drop: fn(&mut TenderQuery)| {
            if given {
                let mut query = base.clone();
                drop(&mut query);
                relaxed.push((filter, query));
            }
        };
        without(Filter::Words, !self.q.is_empty(), |q| q.q.clear());
        without(Filter::Category, self.category.is_some(), |q| {
            q.category = None
        });
        without(Filter::Province, self.province.is_some(), |q| {
            q.province = None
        });
        without(
            Filter::Budget,
            self.hps_min.is_some() || self.hps_max.is_some(),
            |q| (q.hps_min, q.hps_max) = (None, None),
        );
        without(Filter::Status, self.status.is_some(), |q| q.status = None);
        relaxed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn what_does_not_read_is_left_out() {
        let query = TenderQuery::parse(
            "province=3&category=%3Cscript%3E&hps_min=-5&hps_max=1e9&status=maybe&sort=random&page=0",
        );
        assert_eq!(query, TenderQuery::parse(""));
        assert_eq!(query.page, 1);
    }

    #[test]
    fn each_filter_can_be_relaxed_on_its_own() {
        let query = TenderQuery::parse("q=batik&province=34&hps_min=1000000&page=3");
        let relaxed = query.relaxations();
        assert_eq!(
            relaxed.iter().map(|(f, _)| *f).collect::<Vec<_>>(),
            vec![Filter::Words, Filter::Province, Filter::Budget]
        );
        assert_eq!(relaxed[1].1.to_query(), "q=batik&hps_min=1000000");
        assert!(TenderQuery::default().relaxations().is_empty());
    }

    fn any_query() -> impl Strategy<Value = TenderQuery> {
        (
            "[ -~ -ÿ]{0,30}",
            proptest::option::of("[a-z0-9_-]{1,12}"),
            proptest::option::of("[0-9]{2}"),
            proptest::option::of(any::<u64>()),
            proptest::option::of(any::<u64>()),
            proptest::option::of(0usize..3),
            0usize..4,
            1u32..500,
        )
            .prop_map(
                |(q, category, province, hps_min, hps_max, status, sort, page)| TenderQuery {
                    q: q.trim().to_owned(),
                    category,
                    province,
                    hps_min,
                    hps_max,
                    status: status.map(|i| TenderStatus::ALL[i]),
                    sort: Sort::ALL[sort],
                    page,
                },
            )
    }

    proptest! {
        #[test]
        fn any_view_written_to_the_address_reads_back_the_same(query in any_query()) {
            prop_assert_eq!(TenderQuery::parse(&query.to_query()), query);
        }

        #[test]
        fn reading_any_text_never_panics_and_writes_back_stably(text in ".{0,80}|q=[a ]{90,120}") {
            let query = TenderQuery::parse(&text);
            prop_assert_eq!(TenderQuery::parse(&query.to_query()), query);
        }
    }
}
