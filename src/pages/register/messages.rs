//! What the wizard says about a problem with a field: what is wrong and how
//! to fix it ("NIB has 13 digits; you typed 12"); the legal forms' names;
//! each field's input `id`. (Field labels: [`crate::i18n::profile_labels`].)

use crate::api::FieldError;
use crate::components::error_summary::FieldProblem;
use crate::domain::money::MoneyError;
use crate::domain::profile::{FieldIssue, Issue, Kind, Section};
use crate::i18n::profile_labels::field_label;
use crate::i18n::profile_labels::phone_message;
use crate::i18n::{Key, Message};

/// The legal forms, in the contract's codes (`domain::business::LEGAL_FORMS`),
/// with their radio's `id` (the first is the field's, for the error
/// summary) and their name.
pub const LEGAL_FORM_CHOICES: [(&str, &str, Key); 6] = [
    ("perorangan", "business-legal_form", Key::LegalPerorangan),
    ("cv", "legal_form-cv", Key::LegalCv),
    ("firma", "legal_form-firma", Key::LegalFirma),
    ("pt", "legal_form-pt", Key::LegalPt),
    (
        "pt_perorangan",
        "legal_form-pt_perorangan",
        Key::LegalPtPerorangan,
    ),
    ("koperasi", "legal_form-koperasi", Key::LegalKoperasi),
];

/// The name of the legal form `code`.
pub fn legal_form_name(code: &str) -> Option<Key> {
    LEGAL_FORM_CHOICES
        .iter()
        .find(|(value, _, _)| *value == code)
        .map(|(_, _, name)| *name)
}

/// The `id` of a field's input on its step page: `section-field`.
pub fn field_id(section: Section, field: &str) -> &'static str {
    section
        .fields()
        .iter()
        .position(|f| f.name == field)
        .map(|index| FIELD_IDS[section as usize][index])
        .unwrap_or("main")
}

const FIELD_IDS: [[&str; 8]; 4] = [
    [
        "business-name",
        "business-legal_form",
        "business-nib",
        "business-npwp",
        "business-pkp",
        "business-capital",
        "business-annual_sales",
        "business-kbli",
    ],
    [
        "owner-name",
        "owner-nik",
        "owner-phone",
        "owner-email",
        "",
        "",
        "",
        "",
    ],
    [
        "address-province",
        "address-regency",
        "address-district",
        "address-village",
        "address-street",
        "address-postal_code",
        "",
        "",
    ],
    [
        "bank-bank_code",
        "bank-account_number",
        "bank-holder_name",
        "",
        "",
        "",
        "",
        "",
    ],
];

/// What to say about `issue` in `field`.
pub fn issue_message(section: Section, field: &str, issue: Issue) -> Message {
    let label = field_label(section, field);
    let message = match issue {
        Issue::Required => {
            let typed = section.field(field).is_some_and(|f| {
                matches!(
                    f.kind,
                    Kind::Text(_) | Kind::Digits(_) | Kind::Money | Kind::Phone
                )
            });
            let yes_no = section.field(field).is_some_and(|f| f.kind == Kind::YesNo);
            Message::new(if typed {
                Key::IssueRequiredType
            } else if yes_no {
                Key::IssueRequiredAnswer
            } else {
                Key::IssueRequiredChoose
            })
        }
        Issue::TooLong { max } => Message::with(Key::IssueTooLong, "max", max),
        // These two say what to type without naming the field.
        Issue::Email => return Key::IssueEmail.into(),
        Issue::Phone(error) => return phone_message(error),
        Issue::Money(MoneyError::NotANumber) => Key::IssueMoneyNotANumber.into(),
        Issue::Money(MoneyError::Cents) => Key::IssueMoneyCents.into(),
        Issue::Money(MoneyError::TooLarge) => Key::IssueMoneyTooLarge.into(),
        Issue::Id(error) => crate::i18n::issues::id_error(error),
    };
    message.about(label)
}

/// The error summary's line for a field issue.
pub fn problem(section: Section, issue: &FieldIssue) -> FieldProblem {
    FieldProblem {
        field_id: field_id(section, issue.field),
        message: issue_message(section, issue.field, issue.issue),
    }
}

/// The server's field errors (a 422) as problems on the page's fields, in
/// the server's words after the field's name.
pub fn server_problems(section: Section, errors: &[FieldError]) -> Vec<FieldProblem> {
    errors
        .iter()
        .map(|error| {
            let field = error
                .field
                .strip_prefix(section.slug())
                .and_then(|rest| rest.strip_prefix('.'))
                .unwrap_or(&error.field);
            FieldProblem {
                field_id: field_id(section, field),
                message: Message::with(Key::IssueFromServer, "detail", &error.message)
                    .about(field_label(section, field)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::business::LEGAL_FORMS;
    use crate::domain::identifiers::IdError;
    use crate::i18n::{text, Lang};

    /// A message about a field says which: each issue that `issue_message`
    /// gives its field's label has a `{field}` for it in every language.
    #[test]
    fn every_issue_about_a_field_names_the_field() {
        let length = |min, max| IdError::Length { min, max, typed: 3 };
        let issues = [
            Issue::Required,
            Issue::TooLong { max: 5 },
            Issue::Email,
            Issue::Money(MoneyError::NotANumber),
            Issue::Money(MoneyError::Cents),
            Issue::Money(MoneyError::TooLarge),
            Issue::Id(IdError::NotDigits),
            Issue::Id(length(13, 13)),
            Issue::Id(length(15, 16)),
            Issue::Id(IdError::Checksum),
            Issue::Id(IdError::BirthDate),
            Issue::Id(IdError::Region),
            Issue::Phone(crate::domain::phone::PhoneError::Empty),
        ];
        let mut checked = 0;
        for section in Section::ALL {
            for field in section.fields() {
                for &issue in &issues {
                    let message = issue_message(section, field.name, issue);
                    let Some(label) = message.field else {
                        continue;
                    };
                    assert_eq!(label, field_label(section, field.name));
                    for lang in Lang::ALL {
                        assert!(
                            text(lang, message.key).contains("{field}"),
                            "{:?} about {} has no {{field}} in {}",
                            message.key,
                            field.name,
                            lang.code()
                        );
                    }
                    checked += 1;
                }
            }
        }
        assert!(checked > 100, "only {checked} checked");
    }

    #[test]
    fn the_wizard_offers_exactly_the_legal_forms_the_rules_know() {
        let offered: Vec<&str> = LEGAL_FORM_CHOICES
            .iter()
            .map(|(code, _, _)| *code)
            .collect();
        assert_eq!(offered, LEGAL_FORMS);
        assert_eq!(
            LEGAL_FORM_CHOICES[0].1,
            field_id(Section::Business, "legal_form")
        );
    }
}
