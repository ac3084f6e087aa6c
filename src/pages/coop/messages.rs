//! What the workspace says: statuses and orders of the roster, and the
//! answers to a member's code ("Kode salah", "Anggota belum memilih peran").

use leptos::prelude::*;

use crate::api::{coop, ApiError};
use crate::domain::roster_query::{MemberStatus, RosterSort};
use crate::i18n::{Key, Message};

/// A roster status's name.
pub fn status_name(status: MemberStatus) -> Key {
    match status {
        MemberStatus::Pending => Key::MemberPending,
        MemberStatus::Draft => Key::VerificationDraft,
        MemberStatus::Submitted => Key::VerificationSubmitted,
        MemberStatus::InReview => Key::VerificationInReview,
        MemberStatus::Approved => Key::VerificationApproved,
        MemberStatus::ChangesRequested => Key::VerificationChangesRequested,
    }
}

/// An order's name.
pub fn sort_name(sort: RosterSort) -> Key {
    match sort {
        RosterSort::Attention => Key::SortAttention,
        RosterSort::Name => Key::SortName,
        RosterSort::Updated => Key::SortUpdated,
    }
}

/// What to say when a member's code, a new code or a withdrawal failed.
pub fn link_error(error: &ApiError) -> Message {
    let field_code = error
        .field_errors()
        .first()
        .map(|field| field.code.as_str());
    match (error, field_code) {
        (_, Some("wrong")) => Message::new(Key::MemberCodeWrong),
        (_, Some("expired")) => Message::new(Key::MemberCodeExpired),
        (_, Some("locked")) => Message::new(Key::MemberCodeLocked),
        (ApiError::Conflict(_), _) => Message::new(Key::MemberHasNoSupplier),
        (ApiError::TooManyRequests { .. }, _) => Message::new(Key::MemberCodeWait),
        (other, _) => Message::new(other.message_key()),
    }
}

/// Confirms link `link_id` with the code the member read out (its digits
/// only); `on_confirmed` once it is, else what went wrong in `said`.
pub fn confirm_code(
    link_id: i64,
    typed: &str,
    said: RwSignal<Option<Message>>,
    on_confirmed: impl FnOnce() + 'static,
) {
    let code: String = typed.chars().filter(char::is_ascii_digit).collect();
    leptos::task::spawn_local(async move {
        match coop::confirm(link_id, &code).await {
            Ok(_) => on_confirmed(),
            Err(error) => {
                said.try_set(Some(link_error(&error)));
            }
        }
    });
}
