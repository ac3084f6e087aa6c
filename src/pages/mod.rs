//! One module per route; a route's private parts live in its folder.

pub mod home;
pub mod login;
pub mod not_found;
pub mod register;
