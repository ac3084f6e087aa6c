//! `/reference/*`: regions, KBLI codes and banks for the wizard's pickers.
//! Lists are kept in memory once fetched (the server also lets the browser
//! cache them for a day), so going back and forth costs no bytes.

use std::cell::RefCell;
use std::collections::HashMap;

use serde::Deserialize;

use super::{ApiError, ApiRequest, Cancel};

/// One entry of a reference list: a region, a bank or a KBLI code.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Entry {
    /// Its code (`34.02`, `002`, `10794`).
    pub code: String,
    /// Its name (regions, banks).
    #[serde(default)]
    pub name: String,
    /// Its title (KBLI).
    #[serde(default)]
    pub title: String,
}

impl Entry {
    /// What to show: the name, or the KBLI title.
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            &self.title
        } else {
            &self.name
        }
    }
}

#[derive(Deserialize)]
struct List {
    items: Vec<Entry>,
}

thread_local! {
    static LISTS: RefCell<HashMap<String, Vec<Entry>>> = RefCell::new(HashMap::new());
}

/// The list at `path` (with its query), from memory when fetched before.
async fn list(path: String, cancel: &Cancel) -> Result<Vec<Entry>, ApiError> {
    if let Some(known) = LISTS.with(|lists| lists.borrow().get(&path).cloned()) {
        return Ok(known);
    }
    let fetched: List = ApiRequest::get(path.clone())
        .cancel_on(cancel)
        .fetch_json()
        .await?;
    LISTS.with(|lists| lists.borrow_mut().insert(path, fetched.items.clone()));
    Ok(fetched.items)
}

/// A level of the region tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionLevel {
    /// Provinsi.
    Province,
    /// Kabupaten or kota, inside a province.
    Regency,
    /// Kecamatan, inside a regency.
    District,
    /// Desa or kelurahan, inside a district.
    Village,
}

/// The regions of `level` inside `parent` (ignored for provinces).
pub async fn regions(
    level: RegionLevel,
    parent: &str,
    cancel: &Cancel,
) -> Result<Vec<Entry>, ApiError> {
    let path = match level {
        RegionLevel::Province => "/reference/provinces".to_owned(),
        RegionLevel::Regency => format!("/reference/regencies?province={parent}"),
        RegionLevel::District => format!("/reference/districts?regency={parent}"),
        RegionLevel::Village => format!("/reference/villages?district={parent}"),
    };
    list(path, cancel).await
}

/// Fetches a list until it arrives: a failed fetch (offline, a dropped
/// connection) is tried again every few seconds for as long as the page
/// that asked is open; `None` once that page is left.
pub async fn until_loaded<Fut>(fetch: impl Fn() -> Fut) -> Option<Vec<Entry>>
where
    Fut: std::future::Future<Output = Result<Vec<Entry>, ApiError>>,
{
    loop {
        match fetch().await {
            Ok(entries) => return Some(entries),
            Err(ApiError::Cancelled) => return None,
            Err(_) => super::client::sleep_ms(4_000).await,
        }
    }
}

/// The banks, by code.
pub async fn banks(cancel: &Cancel) -> Result<Vec<Entry>, ApiError> {
    list("/reference/banks".to_owned(), cancel).await
}

/// The product categories.
pub async fn product_categories(cancel: &Cancel) -> Result<Vec<Entry>, ApiError> {
    list("/reference/product-categories".to_owned(), cancel).await
}

/// KBLI codes matching `query` (a code prefix or words of the title).
pub async fn kbli(query: &str, cancel: &Cancel) -> Result<Vec<Entry>, ApiError> {
    let encoded: String = js_sys::encode_uri_component(query.trim()).into();
    list(format!("/reference/kbli?q={encoded}&limit=20"), cancel).await
}

impl Entry {
    /// What a person reads: region names come in capitals
    /// (`KABUPATEN BANTUL`) and are shown in title case (`Kabupaten
    /// Bantul`), keeping short abbreviations (`DKI`, `DI`) as they are.
    pub fn display(&self) -> String {
        let label = self.label();
        if label.chars().any(char::is_lowercase) {
            return label.to_owned();
        }
        label
            .split(' ')
            .map(|word| {
                if matches!(word, "DKI" | "DI" | "II" | "III" | "IV") {
                    return word.to_owned();
                }
                let mut chars = word.chars();
                chars.next().map_or_else(String::new, |first| {
                    first.to_string() + &chars.as_str().to_ascii_lowercase()
                })
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(name: &str) -> Entry {
        Entry {
            code: "34.02".into(),
            name: name.into(),
            title: String::new(),
        }
    }

    #[test]
    fn region_names_in_capitals_read_in_title_case() {
        assert_eq!(region("KABUPATEN BANTUL").display(), "Kabupaten Bantul");
        assert_eq!(region("DKI JAKARTA").display(), "DKI Jakarta");
        assert_eq!(region("DI YOGYAKARTA").display(), "DI Yogyakarta");
        assert_eq!(region("Bank Mandiri").display(), "Bank Mandiri");
    }
}
