//! A wizard step's state: its fields' values, kept on the device as they
//! are typed (autosave) and sent when the step is left; the server's copy,
//! read when the step opens; its problems, shown beside each field and in
//! the error summary; the reviewer's reasons. The page around it is
//! `step_page.rs`.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::messages::{field_id, issue_message, problem, server_problems};
use crate::api::reference::Entry;
use crate::api::supplier::{self, ReviewReason};
use crate::api::Cancel;
use crate::components::error_summary::FieldProblem;
use crate::domain::profile::{check, Draft, Section};
use crate::i18n::{Key, Message};
use crate::profile_sync::{use_profile_sync, ProfileSync, SyncState};

/// One step's form state; `Copy`, so closures in the view can share it.
#[derive(Clone, Copy)]
pub struct StepForm {
    /// The section this step fills in.
    pub section: Section,
    values: StoredValue<crate::autosave::Fields>,
    /// The problems found when "Save and continue" was last pressed: shown
    /// until it is pressed again (the error summary takes focus each time).
    pub shown: RwSignal<Vec<FieldProblem>>,
    /// The reviewer's reasons about this section's fields.
    pub reasons: RwSignal<Vec<ReviewReason>>,
    /// Regencies of the NIK's province, when known (to check its region).
    pub regencies: RwSignal<Option<Vec<Entry>>>,
    /// Values offered when a field is empty (the phone from sign-in).
    defaults: StoredValue<Vec<(&'static str, String)>>,
    /// Where the section's draft is kept and sent.
    pub sync: ProfileSync,
}

impl StepForm {
    /// The form for `section`, filled from this device's draft.
    pub fn new(section: Section) -> StepForm {
        let sync = use_profile_sync();
        let stored = sync.load(section).values;
        let values = section
            .fields()
            .iter()
            .map(|field| {
                let typed = stored.get(field.name).cloned().unwrap_or_default();
                (field.name, RwSignal::new(typed))
            })
            .collect();
        StepForm {
            section,
            values: StoredValue::new(values),
            shown: RwSignal::new(Vec::new()),
            reasons: RwSignal::new(Vec::new()),
            regencies: RwSignal::new(None),
            defaults: StoredValue::new(Vec::new()),
            sync,
        }
    }

    /// The value of `field` (a signal the field's input binds to).
    pub fn value(self, field: &str) -> RwSignal<String> {
        self.values
            .with_value(|values| values.get(field).copied())
            .unwrap_or_else(|| RwSignal::new(String::new()))
    }

    /// Every field's value (tracked).
    pub fn draft(self) -> Draft {
        self.values.with_value(crate::autosave::draft_of)
    }

    /// Offers `value` for `field` whenever it is empty: now, and again after
    /// the server's copy is read.
    pub fn default_value(self, field: &'static str, value: String) {
        self.defaults
            .update_value(|defaults| defaults.push((field, value)));
        self.apply_defaults();
    }

    fn apply_defaults(self) {
        for (field, value) in self.defaults.get_value() {
            let signal = self.value(field);
            if signal.get_untracked().is_empty() {
                signal.set(value);
            }
        }
    }

    /// Replaces every field's value.
    pub fn fill(self, draft: &Draft) {
        self.values.with_value(|values| {
            for (name, value) in values {
                value.set(draft.get(*name).cloned().unwrap_or_default());
            }
        });
    }

    fn known_regency(self, regency: &str) -> bool {
        self.regencies.with(|list| match list {
            Some(list)
                if list
                    .first()
                    .is_some_and(|e| e.code.get(..2) == regency.get(..2)) =>
            {
                list.iter().any(|entry| entry.code == regency)
            }
            _ => true,
        })
    }

    /// This device's checks of every field, then what the server refused.
    pub fn current_problems(self) -> Vec<FieldProblem> {
        let draft = self.draft_untracked();
        let mut problems: Vec<FieldProblem> =
            check(self.section, &draft, &|r| self.known_regency(r), true)
                .iter()
                .map(|issue| problem(self.section, issue))
                .collect();
        if let SyncState::Refused(errors) = untrack(|| self.sync.state(self.section)) {
            for server in server_problems(self.section, &errors) {
                if !problems.iter().any(|p| p.field_id == server.field_id) {
                    problems.push(server);
                }
            }
        }
        problems
    }

    /// What to say beside `field`: its problem when the form was last sent,
    /// else the reviewer's reason.
    pub fn error(self, field: &'static str) -> Signal<Option<Message>> {
        let id = field_id(self.section, field);
        Signal::derive(move || {
            self.shown
                .with(|shown| {
                    shown
                        .iter()
                        .find(|p| p.field_id == id)
                        .map(|p| p.message.clone())
                })
                .or_else(|| {
                    self.reason(field)
                        .map(|reason| Message::with(Key::ReviewerSays, "detail", reason))
                })
        })
    }

    /// The reviewer's reason about `field`, if any.
    pub fn reason(self, field: &str) -> Option<String> {
        let wanted = format!("{}.{field}", self.section.slug());
        self.reasons.with(|reasons| {
            reasons
                .iter()
                .find(|r| r.field == wanted)
                .map(|r| r.message.clone())
        })
    }

    /// This device's check of one value as typed (for hints such as the NIK
    /// decoding), without waiting for "Save and continue".
    pub fn live_issue(self, field: &'static str) -> Option<Message> {
        let draft = self.draft();
        check(self.section, &draft, &|r| self.known_regency(r), false)
            .into_iter()
            .find(|issue| issue.field == field)
            .map(|issue| issue_message(self.section, field, issue.issue))
    }
}

/// Writes the form to the device a moment after typing pauses, and at once
/// when the page is hidden or left; sends it when the page is left.
pub fn autosave(form: StepForm) {
    let (sync, section) = (form.sync, form.section);
    crate::autosave::autosave(
        move || form.draft(),
        move |values| sync.edit(section, values),
        move || {
            spawn_local(async move {
                sync.push(section).await;
            });
        },
    );
}

/// Reads the server's copy and the reviewer's reasons when the step opens.
/// Whatever was typed while the copy was on its way counts as the person's
/// change (written to the device first), so it is never replaced by it.
pub fn load_server_copy(form: StepForm) {
    let cancel = Cancel::on_unmount();
    let shown = form.draft_untracked();
    spawn_local(async move {
        let section = form.section;
        // A save of this section that lands while the copy is on its way
        // (the draft sync sends what was queued as it starts) makes the copy
        // older than what the device holds: then it is not adopted.
        let version_before = form.sync.load(section).etag;
        let server = supplier::section(section, &cancel).await;
        if form.values.try_with_value(|_| ()).is_none() {
            return;
        }
        let now = form.draft_untracked();
        if now != shown {
            form.sync.edit(section, now);
        }
        let saved_meanwhile = form.sync.load(section).etag != version_before;
        match server {
            Ok(server) if !saved_meanwhile => {
                let record = form.sync.adopt(section, server);
                if !record.dirty {
                    form.fill(&record.values);
                }
            }
            _ => {}
        }
        form.apply_defaults();
        form.sync.push(section).await;
        if let Ok(overview) = supplier::profile_status(&cancel).await {
            form.sync.note_sections(&overview.sections);
            if overview.status == "submitted" || overview.status == "in_review" {
                form.sync.lock(section);
            }
            form.reasons.try_set(overview.reasons);
        }
    });
}

impl StepForm {
    /// Every field's value, read without tracking.
    pub fn draft_untracked(self) -> Draft {
        untrack(move || self.draft())
    }

    /// The problems again after the server answered (it may have refused
    /// some values); `None` when the form is gone.
    pub fn sync_problems(self) -> Option<Vec<FieldProblem>> {
        self.values.try_with_value(|_| ())?;
        Some(self.current_problems())
    }
}
