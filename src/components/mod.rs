//! Shared UI, one component per file.

pub mod account;
pub mod crash;
pub mod error_summary;
pub mod field_message;
pub mod fieldset;
pub mod language_switch;
pub mod network_banner;
pub mod radio;
pub mod require_session;
pub mod resend_button;
pub mod role_choice;
pub mod search_choice;
pub mod session_timeout;
pub mod sign_in;
pub mod task_list;
pub mod text_field;
