//! Messages several areas give about the same problems.

use crate::domain::identifiers::IdError;

use super::{Key, Message};

/// What is wrong with an identifier (NIB, NIK, NPWP, a licence number's
/// digits), about the field its caller names.
pub fn id_error(error: IdError) -> Message {
    match error {
        IdError::NotDigits => Key::IssueNotDigits.into(),
        IdError::Length { min, max, typed } if min == max => {
            Message::with(Key::IssueLengthExact, "min", min).and("typed", typed)
        }
        IdError::Length { min, max, typed } => Message::with(Key::IssueLengthRange, "min", min)
            .and("max", max)
            .and("typed", typed),
        IdError::Checksum => Key::IssueChecksum.into(),
        IdError::BirthDate => Key::IssueBirthDate.into(),
        IdError::Region => Key::IssueRegion.into(),
    }
}
