//! The documents area's words: each field's id, label and hint, and what
//! to say about each problem, next to the field and in the error summary.

use crate::api::FieldError;
use crate::components::error_summary::FieldProblem;
use crate::domain::calendar::DateIssue;
use crate::domain::document::{DocumentKind, NumberIssue};
use crate::domain::document_form::{Field, Issue};
use crate::domain::tkdn::TkdnError;
use crate::i18n::issues::id_error;
use crate::i18n::{Key, Message};

/// The id of a field's input (`document-number`), also its anchor in the
/// error summary.
pub fn field_id(field: Field) -> &'static str {
    match field {
        Field::Kind => "document-kind",
        Field::Number => "document-number",
        Field::Issuer => "document-issuer",
        Field::IssuedOn => "document-issued_on",
        Field::ExpiresOn => "document-expires_on",
        Field::Tkdn => "document-tkdn_percent",
        Field::Bmp => "document-bmp_percent",
        Field::File => "document-file",
    }
}

/// A field's label.
pub fn field_label(field: Field) -> Key {
    match field {
        Field::Kind => Key::DocumentKindLabel,
        Field::Number => Key::DocumentNumber,
        Field::Issuer => Key::DocumentIssuer,
        Field::IssuedOn => Key::DocumentIssuedOn,
        Field::ExpiresOn => Key::DocumentExpiresOn,
        Field::Tkdn => Key::DocumentTkdn,
        Field::Bmp => Key::DocumentBmp,
        Field::File => Key::DocumentFile,
    }
}

/// How a kind's number is written, said under the number field.
pub fn number_hint(kind: Option<DocumentKind>) -> Key {
    match kind {
        Some(DocumentKind::Nib) => Key::NumberHintNib,
        Some(DocumentKind::Npwp) => Key::NumberHintNpwp,
        Some(DocumentKind::Ktp) => Key::NumberHintKtp,
        Some(DocumentKind::Pirt) => Key::NumberHintPirt,
        Some(DocumentKind::Bpom) => Key::NumberHintBpom,
        Some(DocumentKind::Halal) => Key::NumberHintHalal,
        Some(DocumentKind::Sni) => Key::NumberHintSni,
        Some(DocumentKind::Tkdn | DocumentKind::Iso) => Key::NumberHintCertificate,
        Some(DocumentKind::BankProof | DocumentKind::Other) | None => Key::NumberHintOptional,
    }
}

/// What to say about `issue` in `field`.
pub fn issue_message(field: Field, issue: Issue) -> Message {
    let message = match issue {
        Issue::KindRequired => Message::new(Key::IssueRequiredChoose),
        Issue::Number(NumberIssue::Required) => Message::new(Key::IssueRequiredType),
        Issue::Number(NumberIssue::Id(error)) => id_error(error),
        Issue::Number(NumberIssue::BpomPrefix) => Message::new(Key::IssueBpomPrefix),
        Issue::Number(NumberIssue::HalalFormat) => Message::new(Key::IssueHalalFormat),
        Issue::Number(NumberIssue::SniStandard) => Message::new(Key::IssueSniStandard),
        Issue::Number(NumberIssue::TooLong) => Message::with(Key::IssueTooLong, "max", 100),
        Issue::IssuerTooLong => Message::with(Key::IssueTooLong, "max", 200),
        Issue::Date(DateIssue::NotADate) => Message::new(Key::IssueNotADate),
        Issue::Date(DateIssue::IssuedInFuture) => Message::new(Key::IssueIssuedInFuture),
        Issue::Date(DateIssue::ExpiryRequired) => Message::new(Key::IssueExpiryRequired),
        Issue::Date(DateIssue::ExpiresBeforeIssued) => Message::new(Key::IssueExpiresBeforeIssued),
        Issue::PercentRequired => Message::new(Key::IssueRequiredType),
        Issue::Percent(TkdnError::NotANumber) => Message::new(Key::IssuePercentNumber),
        Issue::Percent(TkdnError::TooManyDecimals) => Message::new(Key::IssuePercentDecimals),
        Issue::Percent(TkdnError::OverHundred) => Message::new(Key::IssuePercentOver),
        Issue::BmpOverLimit => Message::new(Key::IssueBmpOver),
        Issue::FileRequired => Message::new(Key::IssueFileRequired),
    };
    message.about(field_label(field))
}

/// The error summary's line for one problem.
pub fn problem((field, issue): (Field, Issue)) -> FieldProblem {
    FieldProblem {
        field_id: field_id(field),
        message: issue_message(field, issue),
    }
}

/// The server's field errors (a 422), each on its field; one the form has
/// no field for goes on the kind.
pub fn server_problems(errors: &[FieldError]) -> Vec<FieldProblem> {
    errors
        .iter()
        .map(|error| {
            let field = Field::from_name(&error.field).unwrap_or(Field::Kind);
            FieldProblem {
                field_id: field_id(field),
                message: Message::with(Key::IssueFromServer, "detail", &error.message)
                    .about(field_label(field)),
            }
        })
        .collect()
}
