//! Validation of everything a user can send. The same rules run in the
//! browser (to explain early) and on the server (to decide).

use super::{ContactPerson, InfluencePlace, Progress};
use serde::{Deserialize, Serialize};

pub const MAX_NAME: usize = 120;
pub const MAX_NOTE: usize = 2000;
pub const MAX_EMAIL: usize = 254;

/// Which input a problem is about, so the form can point at it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Area,
    ContactName,
    ContactRole,
    ContactEmail,
    ContactPhone,
    NetworkOrg,
    Place,
    Status,
    Note,
}

/// What is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    TooLong {
        max: usize,
    },
    ControlCharacters,
    InvalidEmail,
    InvalidPhone,
    UnknownValue,
    /// Other contact details were given but no name.
    NameMissingForContact,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", self.message())]
pub struct ValidationError {
    pub field: Field,
    pub problem: Problem,
}

impl ValidationError {
    pub fn new(field: Field, problem: Problem) -> Self {
        Self { field, problem }
    }

    /// The message shown to the user, in the interface language (on the
    /// server: the request's `lang` cookie).
    pub fn message(&self) -> String {
        self.message_in(crate::i18n::locale())
    }

    pub fn message_fi(&self) -> String {
        self.message_in(Locale::Fi)
    }

    pub fn message_in(&self, locale: Locale) -> String {
        let [fi, sv, en] = match self.field {
            Field::Area => ["Alue", "Område", "Area"],
            Field::ContactName => [
                "Yhteyshenkilön nimi",
                "Kontaktpersonens namn",
                "Contact person's name",
            ],
            Field::ContactRole => [
                "Yhteyshenkilön tehtävä",
                "Kontaktpersonens uppgift",
                "Contact person's role",
            ],
            Field::ContactEmail => ["Sähköposti", "E-post", "Email"],
            Field::ContactPhone => ["Puhelin", "Telefon", "Phone"],
            Field::NetworkOrg => ["Järjestöverkosto", "Organisationsnätverket", "NGO network"],
            Field::Place => [
                "Vaikuttamisen paikka",
                "Påverkansplatsen",
                "Place to influence",
            ],
            Field::Status => ["Tila", "Status", "Status"],
            Field::Note => ["Muistiinpano", "Anteckningen", "Note"],
        };
        let field = locale.pick([fi, sv, en]);
        let pick = |fi: String, sv: String, en: String| locale.pick([fi, sv, en]);
        let s = |x: &str| x.to_string();
        let what = match &self.problem {
            Problem::TooLong { max } => pick(
                format!("on liian pitkä (enintään {max} merkkiä)."),
                format!("är för långt (högst {max} tecken)."),
                format!("is too long (at most {max} characters)."),
            ),
            Problem::ControlCharacters => pick(
                s("sisältää kiellettyjä ohjausmerkkejä."),
                s("innehåller otillåtna styrtecken."),
                s("contains forbidden control characters."),
            ),
            Problem::InvalidEmail => pick(
                s("ei ole kelvollinen sähköpostiosoite (esim. nimi@alue.fi)."),
                s("är inte en giltig e-postadress (t.ex. namn@omrade.fi)."),
                s("is not a valid email address (e.g. name@area.fi)."),
            ),
            Problem::InvalidPhone => pick(
                s("ei ole kelvollinen puhelinnumero (numeroita, välilyöntejä, + ja -)."),
                s("är inte ett giltigt telefonnummer (siffror, mellanslag, + och -)."),
                s("is not a valid phone number (digits, spaces, + and -)."),
            ),
            Problem::UnknownValue => pick(
                s("on tuntematon arvo."),
                s("har ett okänt värde."),
                s("has an unknown value."),
            ),
            Problem::NameMissingForContact => pick(
                s("puuttuu, vaikka muita yhteystietoja on annettu."),
                s("saknas, fast andra kontaktuppgifter har getts."),
                s("is missing although other contact details were given."),
            ),
        };
        format!("{field} {what}")
    }
}

use crate::i18n::Locale;

type Result<T> = std::result::Result<T, ValidationError>;

/// Trims and checks a free-text value. Newlines and tabs are allowed only
/// where `multiline` is set; other control characters never are.
pub fn clean_text(field: Field, value: &str, max: usize, multiline: bool) -> Result<String> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(ValidationError::new(field, Problem::TooLong { max }));
    }
    let bad = value
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t' || c == '\r')));
    if bad {
        return Err(ValidationError::new(field, Problem::ControlCharacters));
    }
    Ok(value.replace("\r\n", "\n"))
}

pub fn validate_area_code(code: &str) -> Result<String> {
    let code = code.trim().to_ascii_uppercase();
    if super::AREA_CODES.contains(&code.as_str()) {
        Ok(code)
    } else {
        Err(ValidationError::new(Field::Area, Problem::UnknownValue))
    }
}

pub fn validate_email(value: &str) -> Result<String> {
    let value = clean_text(Field::ContactEmail, value, MAX_EMAIL, false)?;
    let invalid = || ValidationError::new(Field::ContactEmail, Problem::InvalidEmail);
    let (local, domain) = value.split_once('@').ok_or_else(invalid)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
    let local_ok = !local.is_empty()
        && !local
            .chars()
            .any(|c| c.is_whitespace() || c == '@' || c == '<' || c == '>');
    if domain_ok && local_ok {
        Ok(value)
    } else {
        Err(invalid())
    }
}

pub fn validate_phone(value: &str) -> Result<String> {
    let value = clean_text(Field::ContactPhone, value, 30, false)?;
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let plus_ok = value.rfind('+').is_none_or(|i| i == 0);
    if allowed && plus_ok && (5..=15).contains(&digits) {
        Ok(value)
    } else {
        Err(ValidationError::new(
            Field::ContactPhone,
            Problem::InvalidPhone,
        ))
    }
}

/// What the contacts form sends.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactsInput {
    pub name: String,
    pub role: String,
    pub email: String,
    pub phone: String,
    pub network_org: String,
}

/// The validated contacts: `person` is `None` when no contact is named yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidContacts {
    pub person: Option<ContactPerson>,
    pub network_org: Option<String>,
}

pub fn validate_contacts(input: &ContactsInput) -> Result<ValidContacts> {
    let name = clean_text(Field::ContactName, &input.name, MAX_NAME, false)?;
    let role = clean_text(Field::ContactRole, &input.role, MAX_NAME, false)?;
    let email = match input.email.trim() {
        "" => String::new(),
        e => validate_email(e)?,
    };
    let phone = match input.phone.trim() {
        "" => String::new(),
        p => validate_phone(p)?,
    };
    let network_org = clean_text(Field::NetworkOrg, &input.network_org, MAX_NAME, false)?;
    let person = if name.is_empty() {
        if !(role.is_empty() && email.is_empty() && phone.is_empty()) {
            return Err(ValidationError::new(
                Field::ContactName,
                Problem::NameMissingForContact,
            ));
        }
        None
    } else {
        Some(ContactPerson {
            name,
            role,
            email,
            phone,
        })
    };
    Ok(ValidContacts {
        person,
        network_org: (!network_org.is_empty()).then_some(network_org),
    })
}

pub fn validate_place(key: &str) -> Result<InfluencePlace> {
    InfluencePlace::from_key(key.trim())
        .ok_or_else(|| ValidationError::new(Field::Place, Problem::UnknownValue))
}

pub fn validate_progress(key: &str) -> Result<Progress> {
    Progress::from_key(key.trim())
        .ok_or_else(|| ValidationError::new(Field::Status, Problem::UnknownValue))
}

pub fn validate_note(field: Field, value: &str) -> Result<String> {
    clean_text(field, value, MAX_NOTE, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contacts(name: &str, email: &str, phone: &str) -> ContactsInput {
        ContactsInput {
            name: name.into(),
            role: "Järjestöyhdyshenkilö".into(),
            email: email.into(),
            phone: phone.into(),
            network_org: String::new(),
        }
    }

    #[test]
    fn emails() {
        assert!(validate_email("anna.virtanen@pirha.fi").is_ok());
        assert!(validate_email(" a@b.fi ").is_ok());
        for bad in [
            "",
            "anna",
            "anna@",
            "@pirha.fi",
            "a@b",
            "a b@c.fi",
            "a@b..fi",
            "a@.fi",
        ] {
            assert_eq!(
                validate_email(bad).unwrap_err().problem,
                Problem::InvalidEmail,
                "{bad}"
            );
        }
    }

    #[test]
    fn phones() {
        for ok in ["+358 40 123 4567", "040-1234567", "(09) 310 1234"] {
            assert!(validate_phone(ok).is_ok(), "{ok}");
        }
        for bad in ["abc", "123", "040 12+34567", "+358 40 123 4567 8901 2345"] {
            assert!(validate_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn contact_needs_a_name_when_details_are_given() {
        let err = validate_contacts(&contacts("", "a@b.fi", "")).unwrap_err();
        assert_eq!(err.field, Field::ContactName);
        let none = validate_contacts(&ContactsInput::default()).unwrap();
        assert_eq!(none.person, None);
        let some = validate_contacts(&contacts("Anna", "a@b.fi", "040 123 4567")).unwrap();
        assert_eq!(some.person.unwrap().name, "Anna");
    }

    #[test]
    fn text_limits_and_control_characters() {
        let long = "x".repeat(MAX_NOTE + 1);
        assert_eq!(
            validate_note(Field::Note, &long).unwrap_err().problem,
            Problem::TooLong { max: MAX_NOTE }
        );
        assert_eq!(
            validate_note(Field::Note, "rivi 1\r\nrivi 2").unwrap(),
            "rivi 1\nrivi 2"
        );
        assert_eq!(
            clean_text(Field::ContactName, "Anna\u{0007}", MAX_NAME, false)
                .unwrap_err()
                .problem,
            Problem::ControlCharacters
        );
    }

    #[test]
    fn messages_name_the_field() {
        let e = ValidationError::new(Field::ContactEmail, Problem::InvalidEmail);
        assert!(e.message_fi().starts_with("Sähköposti"));
        assert_eq!(e.to_string(), e.message_fi());
    }

    #[test]
    fn codes_and_keys() {
        assert_eq!(validate_area_code("pi").unwrap(), "PI");
        assert!(validate_area_code("XX").is_err());
        assert!(validate_place("hyte").is_ok());
        assert!(validate_place("parking").is_err());
        assert!(validate_progress("done").is_ok());
        assert!(validate_progress("DONE!").is_err());
    }
}
