//! Validation of everything a user can send. The same rules run in the
//! browser (to explain early) and on the server (to decide).

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
    /// Not empty, yet nothing a reader could see (see [`is_invisible`]).
    Invisible,
    /// Characters that override the direction of the text around them
    /// (see [`is_direction_control`]).
    DirectionControls,
    InvalidEmail,
    InvalidPhone,
    UnknownValue,
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
        let t = locale.texts();
        let field = match self.field {
            Field::Area => t.field_area,
            Field::ContactName => t.field_contact_name,
            Field::ContactRole => t.field_contact_role,
            Field::ContactEmail => t.field_contact_email,
            Field::ContactPhone => t.field_contact_phone,
            Field::NetworkOrg => t.field_network_org,
            Field::Place => t.input_place,
            Field::Status => t.field_status,
            Field::Note => t.input_note,
        };
        let template = match &self.problem {
            Problem::TooLong { .. } => t.input_too_long,
            Problem::ControlCharacters => t.input_control,
            Problem::Invisible => t.input_invisible,
            Problem::DirectionControls => t.input_direction,
            Problem::InvalidEmail => t.input_email,
            Problem::InvalidPhone => t.input_phone,
            Problem::UnknownValue => t.input_unknown,
        };
        let max = match &self.problem {
            Problem::TooLong { max } => max.to_string(),
            _ => String::new(),
        };
        t.fill(template, &[("field", field), ("max", &max)])
    }
}

use crate::i18n::Locale;

type Result<T> = std::result::Result<T, ValidationError>;

/// What is wrong with the characters of a free text: one rule for every
/// text people type, the area forms here and the roadmap's fields
/// (`roadmap::field`), in the browser and on the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextProblem {
    /// Control characters; in a one-line text also line breaks, U+2028
    /// LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR included.
    ControlCharacters,
    /// Not empty, yet nothing a reader could see.
    Invisible,
    /// Bidirectional embedding, override or isolate characters.
    DirectionControls,
}

/// Characters that show nothing by themselves. The format characters
/// (Unicode general category Cf, as of Unicode 16: soft hyphen, zero-width
/// space and joiners, direction marks, word joiner, invisible operators,
/// the byte-order mark, tags, ...), and the other characters that render
/// as nothing: the combining grapheme joiner, variation selectors, the
/// Hangul fillers and the blank braille pattern. Explicit ranges rather
/// than a Unicode crate: the list is short and grows rarely, and a
/// character missing from it only lets a blank-looking text through.
/// (Zero-width joiners are fine *inside* a text, in emoji sequences and
/// several scripts; they only do not count as something to see.)
const INVISIBLE: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),   // soft hyphen (Cf)
    ('\u{034F}', '\u{034F}'),   // combining grapheme joiner
    ('\u{0600}', '\u{0605}'),   // Arabic number signs (Cf)
    ('\u{061C}', '\u{061C}'),   // Arabic letter mark (Cf)
    ('\u{06DD}', '\u{06DD}'),   // Arabic end of ayah (Cf)
    ('\u{070F}', '\u{070F}'),   // Syriac abbreviation mark (Cf)
    ('\u{0890}', '\u{0891}'),   // Arabic pound and piastre marks above (Cf)
    ('\u{08E2}', '\u{08E2}'),   // Arabic disputed end of ayah (Cf)
    ('\u{115F}', '\u{1160}'),   // Hangul choseong and jungseong fillers
    ('\u{17B4}', '\u{17B5}'),   // Khmer inherent vowels
    ('\u{180B}', '\u{180F}'),   // Mongolian variation selectors, vowel separator (Cf)
    ('\u{200B}', '\u{200F}'),   // zero-width space, (non-)joiner, LRM, RLM (Cf)
    ('\u{202A}', '\u{202E}'),   // bidirectional embeddings and overrides (Cf)
    ('\u{2060}', '\u{2064}'),   // word joiner, invisible operators (Cf)
    ('\u{2066}', '\u{206F}'),   // bidirectional isolates, deprecated format characters (Cf)
    ('\u{2800}', '\u{2800}'),   // braille pattern blank
    ('\u{3164}', '\u{3164}'),   // Hangul filler
    ('\u{FE00}', '\u{FE0F}'),   // variation selectors
    ('\u{FEFF}', '\u{FEFF}'),   // zero-width no-break space, byte-order mark (Cf)
    ('\u{FFA0}', '\u{FFA0}'),   // halfwidth Hangul filler
    ('\u{FFF9}', '\u{FFFB}'),   // interlinear annotation (Cf)
    ('\u{110BD}', '\u{110BD}'), // Kaithi number sign (Cf)
    ('\u{110CD}', '\u{110CD}'), // Kaithi number sign above (Cf)
    ('\u{13430}', '\u{1343F}'), // Egyptian hieroglyph format controls (Cf)
    ('\u{1BCA0}', '\u{1BCA3}'), // shorthand format controls (Cf)
    ('\u{1D173}', '\u{1D17A}'), // musical symbol format controls (Cf)
    ('\u{E0001}', '\u{E0001}'), // language tag (Cf)
    ('\u{E0020}', '\u{E007F}'), // tags (Cf)
    ('\u{E0100}', '\u{E01EF}'), // variation selectors supplement
];

/// Does `c` show nothing by itself (see [`INVISIBLE`])?
pub fn is_invisible(c: char) -> bool {
    INVISIBLE.iter().any(|&(from, to)| (from..=to).contains(&c))
}

/// The characters that change the direction of the text after them until
/// a matching end: embeddings and overrides (U+202A–U+202E) and isolates
/// (U+2066–U+2069). In a name or a title they can make text read backwards
/// or hide what follows, so no text field takes them. (The plain marks
/// U+200E and U+200F, which only nudge one position, are allowed.)
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character a reader sees: not whitespace, not a control character,
/// not an invisible one.
pub fn is_visible(c: char) -> bool {
    !c.is_whitespace() && !c.is_control() && !is_invisible(c)
}

/// Checks the characters of a trimmed free text and returns it as stored.
/// Newlines and tabs are allowed only where `multiline` is set (where
/// U+2028 and U+2029 become newlines, as does `\r\n`); other control
/// characters and the direction controls never are; a text that is not
/// empty must have at least one visible character.
pub fn check_text(value: &str, multiline: bool) -> std::result::Result<String, TextProblem> {
    if value.chars().any(is_direction_control) {
        return Err(TextProblem::DirectionControls);
    }
    let bad = value.chars().any(|c| {
        if multiline {
            c.is_control() && !matches!(c, '\n' | '\t' | '\r')
        } else {
            c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
        }
    });
    if bad {
        return Err(TextProblem::ControlCharacters);
    }
    if !value.is_empty() && !value.chars().any(is_visible) {
        return Err(TextProblem::Invisible);
    }
    let value = value.replace("\r\n", "\n");
    Ok(if multiline {
        value.replace(['\u{2028}', '\u{2029}'], "\n")
    } else {
        value
    })
}

/// Trims and checks a free-text value (see [`check_text`]).
pub fn clean_text(field: Field, value: &str, max: usize, multiline: bool) -> Result<String> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(ValidationError::new(field, Problem::TooLong { max }));
    }
    check_text(value, multiline).map_err(|p| {
        ValidationError::new(
            field,
            match p {
                TextProblem::ControlCharacters => Problem::ControlCharacters,
                TextProblem::Invisible => Problem::Invisible,
                TextProblem::DirectionControls => Problem::DirectionControls,
            },
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn text_limits_and_control_characters() {
        let long = "x".repeat(MAX_NOTE + 1);
        assert_eq!(
            clean_text(Field::Note, &long, MAX_NOTE, true)
                .unwrap_err()
                .problem,
            Problem::TooLong { max: MAX_NOTE }
        );
        assert_eq!(
            clean_text(Field::Note, "rivi 1\r\nrivi 2", MAX_NOTE, true).unwrap(),
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
    fn invisible_texts_are_refused() {
        for invisible in [
            "\u{200B}",
            "\u{FEFF}",
            "\u{00AD}",
            " \u{200B}\u{200D} ",
            "\u{2800}",
            "\u{3164}",
            "\u{115F}\u{1160}",
            "\u{FFA0}",
            "\u{034F}",
            "\u{FE0F}",
            "\u{E0041}",
            "\u{2060}\u{00A0}\u{3000}",
        ] {
            assert_eq!(
                clean_text(Field::ContactName, invisible, MAX_NAME, false)
                    .unwrap_err()
                    .problem,
                Problem::Invisible,
                "{invisible:?}"
            );
            assert_eq!(
                clean_text(Field::Note, invisible, MAX_NOTE, true)
                    .unwrap_err()
                    .problem,
                Problem::Invisible,
                "{invisible:?}"
            );
        }
        // Empty is still allowed where it was (the field is optional).
        assert_eq!(
            clean_text(Field::ContactName, "  ", MAX_NAME, false).unwrap(),
            ""
        );
        // Invisible characters inside a visible text are fine: joiners
        // build emoji and some scripts need them.
        assert!(clean_text(Field::ContactName, "Anna\u{00AD}Liisa", MAX_NAME, false).is_ok());
        assert!(clean_text(
            Field::NetworkOrg,
            "Verkosto 👩\u{200D}👩\u{200D}👧",
            MAX_NAME,
            false
        )
        .is_ok());
    }

    #[test]
    fn line_separators_and_direction_controls() {
        for sep in ["\u{2028}", "\u{2029}"] {
            let one_line = format!("Anna{sep}Virtanen");
            assert_eq!(
                clean_text(Field::ContactName, &one_line, MAX_NAME, false)
                    .unwrap_err()
                    .problem,
                Problem::ControlCharacters
            );
            assert_eq!(
                clean_text(Field::Note, &format!("rivi 1{sep}rivi 2"), MAX_NOTE, true).unwrap(),
                "rivi 1\nrivi 2"
            );
        }
        for c in ('\u{202A}'..='\u{202E}').chain('\u{2066}'..='\u{2069}') {
            let text = format!("Anna{c}nenottriV");
            assert_eq!(
                clean_text(Field::ContactName, &text, MAX_NAME, false)
                    .unwrap_err()
                    .problem,
                Problem::DirectionControls,
                "{c:?}"
            );
            assert_eq!(
                clean_text(Field::Note, &text, MAX_NOTE, true)
                    .unwrap_err()
                    .problem,
                Problem::DirectionControls
            );
            assert_eq!(
                validate_email(&format!("a{c}@b.fi")).unwrap_err().problem,
                Problem::DirectionControls
            );
        }
        // The plain direction marks are not controls of a whole run.
        assert!(clean_text(Field::ContactRole, "שלום\u{200F} 1", MAX_NAME, false).is_ok());
        let e = ValidationError::new(Field::Note, Problem::DirectionControls);
        assert!(e.message_in(Locale::En).contains("U+202A"), "{e}");
        for locale in Locale::ALL {
            let invisible =
                ValidationError::new(Field::Note, Problem::Invisible).message_in(locale);
            let direction = e.message_in(locale);
            let control =
                ValidationError::new(Field::Note, Problem::ControlCharacters).message_in(locale);
            assert!(invisible != direction && direction != control && invisible != control);
        }
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
    }
}
