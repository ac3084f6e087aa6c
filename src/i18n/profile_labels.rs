//! What the supplier profile's parts are called wherever they are shown:
//! each field's label (the wizard's steps, check your answers, the home
//! page's list of the reviewer's reasons) and the verification status, and
//! what is said about a mobile number (signing in, the owner's step).

use super::{Key, Message};
use crate::domain::phone::PhoneError;
use crate::domain::profile::Section;

/// The label of `field` in `section`.
pub fn field_label(section: Section, field: &str) -> Key {
    match (section, field) {
        (Section::Business, "name") => Key::FieldBusinessName,
        (Section::Business, "legal_form") => Key::FieldLegalForm,
        (Section::Business, "nib") => Key::FieldNib,
        (Section::Business, "npwp") => Key::FieldNpwp,
        (Section::Business, "pkp") => Key::FieldPkp,
        (Section::Business, "capital") => Key::FieldCapital,
        (Section::Business, "annual_sales") => Key::FieldAnnualSales,
        (Section::Business, _) => Key::FieldKbli,
        (Section::Owner, "name") => Key::FieldOwnerName,
        (Section::Owner, "nik") => Key::FieldNik,
        (Section::Owner, "phone") => Key::FieldPhone,
        (Section::Owner, _) => Key::FieldEmail,
        (Section::Address, "province") => Key::FieldProvince,
        (Section::Address, "regency") => Key::FieldRegency,
        (Section::Address, "district") => Key::FieldDistrict,
        (Section::Address, "village") => Key::FieldVillage,
        (Section::Address, "street") => Key::FieldStreet,
        (Section::Address, _) => Key::FieldPostalCode,
        (Section::Bank, "bank_code") => Key::FieldBankName,
        (Section::Bank, "account_number") => Key::FieldAccountNumber,
        (Section::Bank, _) => Key::FieldHolderName,
    }
}

/// The verification status (the contract's `status`) in words.
pub fn verification_name(status: &str) -> Key {
    match status {
        "submitted" => Key::VerificationSubmitted,
        "in_review" => Key::VerificationInReview,
        "approved" => Key::VerificationApproved,
        "changes_requested" => Key::VerificationChangesRequested,
        _ => Key::VerificationDraft,
    }
}

/// What to say about a typed number that is not a mobile number.
pub fn phone_message(error: PhoneError) -> Message {
    match error {
        PhoneError::Empty => Key::PhoneEmpty.into(),
        PhoneError::InvalidCharacter => Key::PhoneInvalidCharacter.into(),
        PhoneError::NotIndonesian => Key::PhoneNotIndonesian.into(),
        PhoneError::NotMobile => Key::PhoneNotMobile.into(),
        PhoneError::UnknownOperator => Key::PhoneUnknownOperator.into(),
        PhoneError::TooShort { digits } => Message::with(Key::PhoneTooShort, "digits", digits),
        PhoneError::TooLong { digits } => Message::with(Key::PhoneTooLong, "digits", digits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_phone_error_has_its_own_message() {
        assert_eq!(
            phone_message(PhoneError::TooShort { digits: 6 }),
            Message::with(Key::PhoneTooShort, "digits", 6)
        );
        assert_eq!(
            phone_message(PhoneError::NotMobile),
            Key::PhoneNotMobile.into()
        );
    }
}
