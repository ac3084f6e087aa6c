//! The home task list (GOV.UK "complete multiple tasks"): what a supplier
//! still has to do, and each task's status, from the onboarding overview.

/// One thing to do before verification.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Task {
    /// Business, owner, address and bank.
    BusinessProfile,
    /// The product catalog.
    Products,
    /// Certificates and legal papers.
    Certificates,
    /// Submit for verification.
    Submit,
}

/// Where a task stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskStatus {
    /// Nothing done yet.
    NotStarted,
    /// Started, not finished.
    InProgress,
    /// Finished.
    Done,
    /// The reviewer asked for changes here.
    NeedsChanges,
    /// Waits for another task (submitting needs a complete profile).
    CannotStartYet,
}

/// What the overview says, reduced to what the task list needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Profile sections with every required field filled in (0 to 4).
    pub sections_complete: u8,
    /// Profile sections saved at least once (0 to 4).
    pub sections_started: u8,
    /// Products in the catalog.
    pub products: u32,
    /// Products with everything a buyer needs (a photo).
    pub products_complete: u32,
    /// Documents uploaded.
    pub documents: u32,
    /// `draft`, `submitted`, `in_review`, `approved` or `changes_requested`.
    pub verification: String,
    /// The fields (`section.field`) the reviewer asked to change.
    pub reason_fields: Vec<String>,
}

const PROFILE_SECTIONS: [&str; 4] = ["business.", "owner.", "address.", "bank."];

impl Progress {
    fn changes_requested_in(&self, prefixes: &[&str]) -> bool {
        self.verification == "changes_requested"
            && self
                .reason_fields
                .iter()
                .any(|field| prefixes.iter().any(|prefix| field.starts_with(prefix)))
    }

    /// Each task with its status, in the order they are usually done.
    pub fn tasks(&self) -> [(Task, TaskStatus); 4] {
        let profile = if self.changes_requested_in(&PROFILE_SECTIONS) {
            TaskStatus::NeedsChanges
        } else if self.sections_complete >= 4 {
            TaskStatus::Done
        } else if self.sections_started > 0 {
            TaskStatus::InProgress
        } else {
            TaskStatus::NotStarted
        };
        let counted = |count: u32, prefix: &str| {
            if self.changes_requested_in(&[prefix]) {
                TaskStatus::NeedsChanges
            } else if count > 0 {
                TaskStatus::Done
            } else {
                TaskStatus::NotStarted
            }
        };
        // Done with one complete product; started with any product.
        let products = match counted(self.products_complete, "products") {
            TaskStatus::NotStarted if self.products > 0 => TaskStatus::InProgress,
            status => status,
        };
        let submit = match self.verification.as_str() {
            "submitted" | "in_review" | "approved" => TaskStatus::Done,
            "changes_requested" => TaskStatus::NeedsChanges,
            _ if self.sections_complete >= 4 => TaskStatus::NotStarted,
            _ => TaskStatus::CannotStartYet,
        };
        [
            (Task::BusinessProfile, profile),
            (Task::Products, products),
            (Task::Certificates, counted(self.documents, "documents")),
            (Task::Submit, submit),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn products_are_done_once_one_is_complete() {
        let status = |products, products_complete| {
            let progress = Progress {
                products,
                products_complete,
                ..Progress::default()
            };
            progress.tasks()[1]
        };
        assert_eq!(status(0, 0), (Task::Products, TaskStatus::NotStarted));
        assert_eq!(status(3, 0), (Task::Products, TaskStatus::InProgress));
        assert_eq!(status(3, 1), (Task::Products, TaskStatus::Done));
    }

    fn statuses(progress: &Progress) -> Vec<TaskStatus> {
        progress.tasks().iter().map(|(_, status)| *status).collect()
    }

    #[test]
    fn a_new_supplier_has_everything_to_do_and_cannot_submit_yet() {
        let new = Progress {
            verification: "draft".into(),
            ..Progress::default()
        };
        use TaskStatus::*;
        assert_eq!(
            statuses(&new),
            vec![NotStarted, NotStarted, NotStarted, CannotStartYet]
        );
    }

    #[test]
    fn a_started_profile_is_in_progress_and_a_complete_one_can_be_submitted() {
        use TaskStatus::*;
        let started = Progress {
            sections_started: 1,
            sections_complete: 1,
            verification: "draft".into(),
            ..Progress::default()
        };
        assert_eq!(statuses(&started)[0], InProgress);
        let complete = Progress {
            sections_started: 4,
            sections_complete: 4,
            products: 3,
            products_complete: 1,
            verification: "draft".into(),
            ..Progress::default()
        };
        assert_eq!(
            statuses(&complete),
            vec![Done, Done, NotStarted, NotStarted]
        );
    }

    #[test]
    fn the_reviewers_reasons_mark_the_tasks_they_are_about() {
        use TaskStatus::*;
        let asked = Progress {
            sections_started: 4,
            sections_complete: 4,
            documents: 2,
            verification: "changes_requested".into(),
            reason_fields: vec!["business.npwp".into()],
            ..Progress::default()
        };
        assert_eq!(
            statuses(&asked),
            vec![NeedsChanges, NotStarted, Done, NeedsChanges]
        );
        let submitted = Progress {
            verification: "in_review".into(),
            sections_complete: 4,
            ..asked.clone()
        };
        assert_eq!(statuses(&submitted)[3], Done);
        assert_eq!(statuses(&submitted)[0], Done, "old reasons no longer count");
    }
}
