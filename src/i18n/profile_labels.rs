//! What the supplier profile's parts are called wherever they are shown:
//! each field's label (the wizard's steps, check your answers, the home
//! page's list of the reviewer's reasons) and the verification status.

use super::Key;
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
