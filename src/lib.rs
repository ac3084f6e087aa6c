//! Rantai: takes an Indonesian micro or small business from nothing to a
//! verified supplier of state-owned enterprises and government buyers.
//!
//! `domain/` holds the pure rules, `api/` talks to the backend,
//! `pages/` and `components/` are the UI, `i18n/` holds every word shown.

pub mod api;
pub mod app;
pub mod components;
pub mod device_store;
pub mod i18n;
pub mod pages;
