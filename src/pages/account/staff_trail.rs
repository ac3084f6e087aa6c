//! On a member's home: what cooperative staff filled in for them ("Diisi
//! oleh Rina (Koperasi Makmur) pada 3 Des 2026: rekening bank"), the
//! latest change of each part of their data, so nothing is done in their
//! name without them seeing it. The staff member is named as they gave
//! their name when they chose to be staff; the API names one who gave
//! none by their masked number (`••••••••5432`).

use leptos::prelude::*;

use super::home::load;
use crate::api::supplier::{self, TrailEntry};
use crate::domain::calendar::{Day, Zone};
use crate::domain::deadline::Deadline;
use crate::i18n::document_labels::day_short;
use crate::i18n::{tr, use_i18n, Key, Message};

/// How many changes are listed.
const SHOWN: usize = 5;

/// The part of the data an entry touched, if it is one a member reads.
fn part(section: Option<&str>) -> Option<Key> {
    Some(match section? {
        "business" => Key::TrailBusiness,
        "owner" => Key::TrailOwner,
        "address" => Key::TrailAddress,
        "bank" => Key::TrailBank,
        "product" => Key::TrailProduct,
        "document" => Key::TrailDocument,
        "tender" => Key::TrailTender,
        _ => return None,
    })
}

/// The latest change of each part, newest first, at most [`SHOWN`].
fn latest(entries: Vec<TrailEntry>) -> Vec<(TrailEntry, Key)> {
    let mut seen = Vec::new();
    let mut shown = Vec::new();
    for entry in entries {
        if let Some(key) = part(entry.section.as_deref()) {
            if !seen.contains(&key) && shown.len() < SHOWN {
                seen.push(key);
                shown.push((entry, key));
            }
        }
    }
    shown
}

/// The section, when staff did something for this member.
#[component]
pub fn StaffTrail() -> impl IntoView {
    let i18n = use_i18n();
    let trail = load(|cancel| async move { supplier::trail(&cancel).await });
    move || {
        let entries = match trail.get() {
            Some(Ok(entries)) => latest(entries),
            _ => Vec::new(),
        };
        (!entries.is_empty()).then(|| {
            view! {
                <section class="staff-trail" aria-labelledby="staff-trail-title">
                    <h2 id="staff-trail-title">{tr(Key::TrailTitle)}</h2>
                    <ul>
                        {entries
                            .into_iter()
                            .map(|(entry, what)| {
                                let day = Deadline::parse(&entry.at)
                                    .map(|at| Day::today(at.utc_ms, Zone::Wib));
                                view! {
                                    <li>
                                        {move || {
                                            let lang = i18n.lang.get();
                                            Message::with(Key::TrailEntry, "staff", &entry.staff_name)
                                                .and("coop", &entry.cooperative.name)
                                                .and(
                                                    "date",
                                                    day.map(|d| day_short(lang, d)).unwrap_or_default(),
                                                )
                                                .and("what", i18n.t(what))
                                                .render(lang)
                                        }}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
