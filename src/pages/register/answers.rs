//! Answers as check-your-answers shows them: names instead of codes
//! (regions, bank, KBLI), rupiah written out, yes/no in words.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::messages::legal_form_name;
use crate::api::reference::{self, Entry, RegionLevel};
use crate::api::Cancel;
use crate::domain::money::{format_rupiah, parse_rupiah};
use crate::domain::profile::{codes, Kind, Section};
use crate::i18n::{text, Key, Lang};
use crate::profile_sync::use_profile_sync;

/// Names of the codes in the answers, filled as the lists arrive.
#[derive(Clone, Copy)]
pub struct Names(RwSignal<BTreeMap<String, String>>);

impl Names {
    /// Starts fetching the names of the codes this device holds.
    pub fn load() -> Names {
        let names = Names(RwSignal::new(BTreeMap::new()));
        let sync = use_profile_sync();
        let address = sync.load(Section::Address).values;
        let chosen = |field: &str| address.get(field).cloned().unwrap_or_default();
        let mut lists = vec![(RegionLevel::Province, String::new())];
        for (level, parent) in [
            (RegionLevel::Regency, "province"),
            (RegionLevel::District, "regency"),
            (RegionLevel::Village, "district"),
        ] {
            if !chosen(parent).is_empty() {
                lists.push((level, chosen(parent)));
            }
        }
        let kbli = sync
            .load(Section::Business)
            .values
            .get("kbli")
            .cloned()
            .unwrap_or_default();
        let cancel = Cancel::on_unmount();
        spawn_local(async move {
            let remember = |entries: Vec<Entry>| {
                names.0.try_update(|known| {
                    for entry in entries {
                        let shown = entry.display();
                        known.insert(entry.code, shown);
                    }
                });
            };
            for (level, parent) in lists {
                if let Ok(entries) = reference::regions(level, &parent, &cancel).await {
                    remember(entries);
                }
            }
            if let Ok(entries) = reference::banks(&cancel).await {
                remember(entries);
            }
            for code in codes(&kbli) {
                if let Ok(entries) = reference::kbli(code, &cancel).await {
                    remember(entries.into_iter().filter(|e| e.code == code).collect());
                }
            }
        });
        names
    }

    fn name(self, code: &str) -> Option<String> {
        self.0.with(|known| known.get(code).cloned())
    }
}

/// The answer to `field` of `section`, as a person reads it.
pub fn answer_text(section: Section, field: &str, typed: &str, names: Names, lang: Lang) -> String {
    if typed.trim().is_empty() {
        return text(lang, Key::NotAnswered).to_owned();
    }
    let kind = section.field(field).map(|f| f.kind);
    match kind {
        Some(Kind::YesNo) => {
            text(lang, if typed == "true" { Key::Yes } else { Key::No }).to_owned()
        }
        Some(Kind::Money) => match parse_rupiah(typed) {
            Ok(Some(amount)) => format_rupiah(amount),
            _ => typed.to_owned(),
        },
        Some(Kind::Codes) => codes(typed)
            .into_iter()
            .map(|code| match names.name(code) {
                Some(title) => format!("{code} {title}"),
                None => code.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("; "),
        Some(Kind::Choice) if field == "legal_form" => legal_form_name(typed)
            .map(|key| text(lang, key).to_owned())
            .unwrap_or_else(|| typed.to_owned()),
        Some(Kind::Choice) => names.name(typed).unwrap_or_else(|| typed.to_owned()),
        _ => typed.to_owned(),
    }
}
