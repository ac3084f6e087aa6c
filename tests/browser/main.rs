//! Browser tests: components mounted in headless Chromium, photos prepared
//! on the device, and the API client against a real local HTTP server
//! (tests/support/fixture_server.py, started by scripts/test on port 38788,
//! which forwards sign-in and uploads to a real dev-api on port 38790).
//! Component tests await `tick()`, never sleep; network tests wait for what
//! the server did, with a deadline. One test binary (one wasm link), one
//! module per area, as in `dev-api/tests/`.
#![cfg(target_arch = "wasm32")]

mod account;
mod api_client;
mod catalog;
mod json;
mod kept_uploads;
mod photo;
mod pictures;
mod register;
mod shell;
mod support;
mod tenders;
mod upload;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
