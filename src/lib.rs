//! Rantai: takes an Indonesian micro or small business from nothing to a
//! verified supplier of state-owned enterprises and government buyers.
//!
//! `domain/` holds the pure rules, `api/` talks to the backend (and sends
//! files, `api::upload`; `idb` keeps them across a reload), `photo` makes a chosen photo ready to send,
//! `routes.rs` names every page, `pages/` (one folder per area) and
//! `components/` are the UI, `i18n/` holds every word shown.

#[cfg(feature = "web")]
pub mod api;
#[cfg(feature = "web")]
pub mod app;
#[cfg(feature = "web")]
pub mod app_wide;
#[cfg(feature = "web")]
pub mod autosave;
#[cfg(feature = "web")]
pub mod components;
#[cfg(feature = "web")]
pub mod device_store;
pub mod domain;
#[cfg(feature = "web")]
pub mod draft_sync;
#[cfg(feature = "web")]
pub mod focus;
#[cfg(feature = "web")]
pub mod i18n;
#[cfg(feature = "web")]
pub mod idb;
#[cfg(feature = "web")]
pub mod lazy;
#[cfg(feature = "web")]
pub mod pages;
#[cfg(feature = "web")]
pub mod photo;
#[cfg(feature = "web")]
pub mod profile_sync;
#[cfg(feature = "web")]
pub mod routes;
#[cfg(feature = "web")]
pub mod session;
#[cfg(feature = "web")]
pub mod timing;
