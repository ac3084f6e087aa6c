//! A document's form state: each field's value and the file, kept on the
//! device as they are typed and chosen (a reload or an expired session
//! keeps them, as the wizard's do), with the `Idempotency-Key` its create
//! is sent under, so a repeat never records it twice.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::keep::kept_name;
use super::messages::{field_id, issue_message, problem, server_problems};
use crate::api::documents::Document;
use crate::api::upload::UploadHandle;
use crate::api::{json, FieldError};
use crate::components::error_summary::FieldProblem;
use crate::device_store;
use crate::domain::calendar::{Day, Zone};
use crate::domain::document::DocumentKind;
use crate::domain::document_form::{check, kind_of, Draft, Field};
use crate::i18n::Message;
use crate::session::Session;

/// Which document the form is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// A new one, recorded by the first save; started for a kind (from
    /// the wallet's "add …") or not. Each is its own draft on the device.
    New(Option<DocumentKind>),
    /// The one with this id.
    Saved(i64),
}

impl Slot {
    fn name(self) -> String {
        match self {
            Slot::New(None) => "new".to_owned(),
            Slot::New(Some(kind)) => format!("new-{}", kind.code()),
            Slot::Saved(id) => id.to_string(),
        }
    }
}

/// The file chosen for the document, as kept on the device.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenFile {
    /// Its name.
    pub name: String,
    /// Bytes sent (after a photo was made smaller).
    pub size: u64,
    /// Its upload once every byte arrived.
    #[serde(default)]
    pub upload_id: Option<String>,
}

/// What this device keeps of the form.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Kept {
    values: Draft,
    #[serde(default)]
    key: String,
    #[serde(default)]
    file: Option<ChosenFile>,
}

/// Where the file stands.
#[derive(Clone, Copy)]
pub enum FileState {
    /// None chosen (an existing document keeps its own).
    None,
    /// Being checked and, for a photo, made smaller.
    Preparing,
    /// On its way.
    Sending(UploadHandle),
}

/// Today in Indonesia (WIB: most suppliers are on Java and Sumatra; a day
/// later or earlier only at the edges of the day in WITA and WIT).
pub fn today() -> Day {
    Day::today(js_sys::Date::now() as i64, Zone::Wib)
}

/// One document's form; `Copy`, so closures in the view can share it.
#[derive(Clone, Copy)]
pub struct DocumentForm {
    /// The document.
    pub slot: Slot,
    values: StoredValue<crate::autosave::Fields>,
    /// The chosen file (kept), if any.
    pub file: RwSignal<Option<ChosenFile>>,
    /// The file being prepared or sent.
    pub sending: RwSignal<FileState>,
    /// A problem with the chosen file, said beside it at once.
    pub file_problem: RwSignal<Option<Message>>,
    /// The problems found when Save was last pressed.
    pub shown: RwSignal<Vec<FieldProblem>>,
    /// The server's copy of an existing document.
    pub server: RwSignal<Option<Document>>,
    /// The server has no such document.
    pub missing: RwSignal<bool>,
    /// The document could not be read (the connection): what to say.
    pub load_failed: RwSignal<Option<crate::i18n::Key>>,
    key: StoredValue<Option<String>>,
    idempotency_key: StoredValue<String>,
    /// The name the file's upload is kept under.
    pub kept_upload: StoredValue<Option<String>>,
    /// Saved: nothing more is kept (the page's last autosave included).
    saved: StoredValue<bool>,
}

impl DocumentForm {
    /// The form for `slot`, filled from this device's copy (a new one
    /// started for a kind has that kind).
    pub fn new(slot: Slot) -> DocumentForm {
        let supplier = use_context::<Session>()
            .and_then(|session| session.me.with_untracked(|me| me.as_ref()?.supplier_id));
        let key = supplier.and_then(|supplier| {
            use_context::<Session>()?.draft_key(&kept_name(supplier, &slot.name()))
        });
        let kept: Kept = key
            .as_deref()
            .and_then(device_store::get)
            .and_then(|text| json::parse(&text))
            .unwrap_or_default();
        let mut values_kept = kept.values;
        if let (Slot::New(Some(kind)), None) = (slot, values_kept.get("kind")) {
            values_kept.insert("kind".into(), kind.code().into());
        }
        let values = Field::ALL
            .into_iter()
            .filter(|field| *field != Field::File)
            .map(|field| {
                let typed = values_kept.get(field.name()).cloned().unwrap_or_default();
                (field.name(), RwSignal::new(typed))
            })
            .collect();
        let idempotency_key = if kept.key.is_empty() {
            crate::api::idempotency::new_key()
        } else {
            kept.key
        };
        DocumentForm {
            slot,
            values: StoredValue::new(values),
            file: RwSignal::new(kept.file),
            sending: RwSignal::new(FileState::None),
            file_problem: RwSignal::new(None),
            shown: RwSignal::new(Vec::new()),
            server: RwSignal::new(None),
            missing: RwSignal::new(false),
            load_failed: RwSignal::new(None),
            key: StoredValue::new(key),
            idempotency_key: StoredValue::new(idempotency_key),
            kept_upload: StoredValue::new(supplier.map(|s| kept_name(s, &slot.name()))),
            saved: StoredValue::new(false),
        }
    }

    /// The value of `field` (a signal its input binds to).
    pub fn value(self, field: Field) -> RwSignal<String> {
        self.values
            .with_value(|values| values.get(field.name()).copied())
            .unwrap_or_else(|| RwSignal::new(String::new()))
    }

    /// Every value (tracked).
    pub fn draft(self) -> Draft {
        self.values.with_value(crate::autosave::draft_of)
    }

    /// Every value, read without tracking.
    pub fn draft_untracked(self) -> Draft {
        untrack(move || self.draft())
    }

    /// The kind chosen (tracked).
    pub fn kind(self) -> Option<DocumentKind> {
        kind_of(&self.draft())
    }

    /// Replaces every value.
    pub fn fill(self, draft: &Draft) {
        self.values.with_value(|values| {
            for (name, value) in values {
                value.set(draft.get(*name).cloned().unwrap_or_default());
            }
        });
    }

    /// The key a create is sent under.
    pub fn idempotency_key(self) -> String {
        self.idempotency_key.get_value()
    }

    /// Writes the form to the device (the values, the key, the file).
    pub fn keep(self) {
        let Some(Some(key)) = self.key.try_get_value() else {
            return;
        };
        if self.saved.try_get_value() != Some(false) {
            return;
        }
        let kept = Kept {
            values: self.draft_untracked(),
            key: self.idempotency_key(),
            file: self.file.get_untracked(),
        };
        // Nothing of the person's own yet: nothing to keep (a page only
        // opened is not an unsaved document).
        let untouched = kept.file.is_none()
            && match self.slot {
                Slot::New(_) => kept.values.keys().all(|name| name == "kind"),
                Slot::Saved(_) => self.server.with_untracked(|server| {
                    server.as_ref().is_some_and(|d| d.draft() == kept.values)
                }),
            };
        if untouched {
            device_store::remove(&key);
            return;
        }
        if let Some(text) = json::to_string(&kept) {
            device_store::set(&key, &text);
        }
    }

    /// True when this device holds something of the form not yet saved.
    pub fn has_kept(self) -> bool {
        self.key
            .get_value()
            .is_some_and(|key| device_store::get(&key).is_some())
    }

    /// Forgets what this device kept (the document is saved), for good.
    pub fn forget(self) {
        self.saved.try_set_value(true);
        if let Some(Some(key)) = self.key.try_get_value() {
            device_store::remove(&key);
        }
        // The kept upload's code comes with the file part (`lazy::
        // document_file`), here by now; the key is taken while the
        // session's context is.
        let kept = self.kept_upload.try_get_value().flatten();
        let person_key = kept.and_then(|name| crate::api::upload::person_key(&name));
        if let Some(person_key) = person_key {
            leptos::task::spawn_local(async move {
                // Not here (offline since the page opened, and never sent
                // a file): nothing was kept either.
                let _ = crate::lazy::forget_kept_upload(person_key).await;
            });
        }
    }

    /// True when a file is chosen: a new one, or the document's own.
    pub fn has_file(self) -> bool {
        self.file.with_untracked(Option::is_some)
            || matches!(
                self.sending.get_untracked(),
                FileState::Sending(_) | FileState::Preparing
            )
            || self.server.with_untracked(Option::is_some)
    }

    /// This device's checks of every field.
    pub fn current_problems(self) -> Vec<FieldProblem> {
        let mut problems: Vec<FieldProblem> =
            check(&self.draft_untracked(), today(), self.has_file())
                .into_iter()
                .map(problem)
                .collect();
        if let Some(message) = self.file_problem.get_untracked() {
            problems.retain(|p| p.field_id != field_id(Field::File));
            problems.push(FieldProblem {
                field_id: field_id(Field::File),
                message,
            });
        }
        problems
    }

    /// Shows the server's field errors (a 422) beside their fields.
    pub fn show_server(self, errors: &[FieldError]) {
        self.shown.try_set(server_problems(errors));
    }

    /// What to say beside `field`: its problem when Save was last pressed.
    pub fn error(self, field: Field) -> Signal<Option<Message>> {
        let id = field_id(field);
        Signal::derive(move || {
            self.shown.with(|shown| {
                shown
                    .iter()
                    .find(|p| p.field_id == id)
                    .map(|p| p.message.clone())
            })
        })
    }

    /// This device's check of `field` as typed, before Save.
    pub fn live_issue(self, field: Field) -> Option<Message> {
        check(&self.draft(), today(), true)
            .into_iter()
            .find(|(f, _)| *f == field)
            .map(|(f, issue)| issue_message(f, issue))
    }
}

/// A form this device holds, not yet saved.
#[derive(Clone, Debug)]
pub struct Unsaved {
    /// Which document.
    pub slot: Slot,
    /// The kind chosen.
    pub kind: Option<DocumentKind>,
    /// The file chosen.
    pub file: Option<ChosenFile>,
    /// The name its upload is kept under.
    pub kept_upload: String,
}

impl Unsaved {
    /// The page that goes on with it.
    pub fn page(&self) -> crate::routes::Page {
        match self.slot {
            Slot::New(kind) => crate::routes::Page::DocumentNew { kind },
            Slot::Saved(id) => crate::routes::Page::Document { id },
        }
    }
}

/// Every document form this device holds unsaved for the supplier.
pub fn unsaved_forms() -> Vec<Unsaved> {
    let Some(session) = use_context::<Session>() else {
        return Vec::new();
    };
    let Some(supplier) = session.me.with_untracked(|me| me.as_ref()?.supplier_id) else {
        return Vec::new();
    };
    let Some(prefix) = session.draft_key(&kept_name(supplier, "")) else {
        return Vec::new();
    };
    device_store::keys_starting_with(&prefix)
        .into_iter()
        .filter_map(|key| {
            let slot = match key.strip_prefix(&prefix)? {
                "new" => Slot::New(None),
                name => match name.strip_prefix("new-") {
                    Some(code) => Slot::New(Some(DocumentKind::from_code(code)?)),
                    None => Slot::Saved(name.parse().ok()?),
                },
            };
            let kept: Kept = json::parse(&device_store::get(&key)?)?;
            Some(Unsaved {
                slot,
                kind: kind_of(&kept.values),
                file: kept.file,
                kept_upload: kept_name(supplier, &slot.name()),
            })
        })
        .collect()
}
