//! UI that two or more areas (or the shell) share, one component per file.
//! Nothing here imports from `pages/`.

pub mod account;
pub mod acting_banner;
pub mod choice_field;
pub mod conflict_panel;
pub mod crash;
pub mod error_summary;
pub mod field_message;
pub mod fieldset;
pub mod filter_select;
pub mod language_switch;
pub mod lazy_part;
pub mod network_banner;
pub mod pager;
pub mod radio;
pub mod require_session;
pub mod retry_notice;
pub mod search_box;
pub mod session_timeout;
pub mod text_field;
pub mod update_banner;
pub mod upload_progress;
