//! Shared UI, one component per file.

pub mod crash;
pub mod language_switch;
pub mod network_banner;
