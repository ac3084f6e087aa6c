//! `/register/*`: the supplier registration wizard. One topic per page
//! (business, owner, address, bank), then check your answers and submit.
//! Every page keeps what is typed on the device as it is typed and sends
//! it when left ([`crate::profile_sync`]); steps can be done in any order.

mod address;
mod answers;
mod bank;
mod business;
mod check;
mod conflict;
mod form;
mod kbli;
pub mod messages;
mod owner;
mod progress;

pub use address::AddressStep;
pub use bank::BankStep;
pub use business::BusinessStep;
pub use check::CheckStep;
pub use owner::OwnerStep;
