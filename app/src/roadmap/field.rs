//! The fields of goals and actions and the rules for their values. The
//! same rules run in the browser (to explain a problem before sending) and
//! on the server (which never trusts the browser).

pub use super::model::Field;
use super::model::{ActionStatus, ItemKind, Theme};
use super::position::is_valid_key;
use crate::i18n::Locale;
use crate::model::TourStatus;
use crate::model::{InfluencePlace, Progress, AREA_CODES};
use serde_json::Value;

pub const MAX_TITLE: usize = 200;
pub const MAX_DESCRIPTION: usize = 4000;
pub const MAX_NAME: usize = 200;
/// A comment's text, in characters.
pub const MAX_COMMENT: usize = 4000;
/// Who attends a visit: a line of names and organisations.
pub const MAX_ATTENDEES: usize = 1000;

/// An area's contact person, role and network organisation (as before
/// areas moved onto the log).
pub const MAX_AREA_NAME: usize = crate::model::MAX_NAME;
/// A place to influence's note in an area.
pub const MAX_AREA_NOTE: usize = crate::model::MAX_NOTE;

/// Why a value was refused: the field's name (as sent) and the problem.
/// The problem is shown to the user with [`FieldError::message`], in the
/// interface language.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {}", self.message())]
pub struct FieldError {
    pub field: String,
    pub problem: FieldProblem,
}

/// What is wrong with a field's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    /// No item has a field of this name.
    UnknownField,
    /// The field exists, but not in items of this kind.
    NotInKind(ItemKind),
    /// The code as sent, at most 8 characters of it.
    UnknownAreaCode(String),
    UnknownVisitStatus,
    UnknownTheme,
    UnknownPlace,
    BadGoalId,
    BadSubjectId,
    UnknownStatus,
    BadDate,
    NotAList,
    AreaCodeNotText,
    BadPositionKey,
    NotABoolean,
    NotText,
    Empty,
    TooLong {
        max: usize,
    },
    /// `multiline`: line breaks were allowed, other control characters not.
    ControlCharacters {
        multiline: bool,
    },
    BadEmail,
    BadPhone,
    UnknownProgress,
    /// Not empty, yet nothing a reader could see (a zero-width space, a
    /// byte-order mark, a soft hyphen...).
    Invisible,
    /// Characters that override the text's direction (U+202A–U+202E,
    /// U+2066–U+2069).
    DirectionControls,
}

impl FieldError {
    pub fn new(field: &str, problem: FieldProblem) -> Self {
        Self {
            field: field.to_string(),
            problem,
        }
    }

    /// The problem in the interface language (see [`crate::i18n::locale`]).
    pub fn message(&self) -> String {
        self.problem.message_in(crate::i18n::locale())
    }

    pub fn message_fi(&self) -> String {
        self.problem.message_in(Locale::Fi)
    }

    pub fn message_in(&self, locale: Locale) -> String {
        self.problem.message_in(locale)
    }
}

impl FieldProblem {
    pub fn message_in(&self, locale: Locale) -> String {
        let t = locale.texts();
        use FieldProblem::*;
        let template = match self {
            UnknownField => t.rule_unknown_field,
            NotInKind(ItemKind::Goal) => t.rule_not_in_goal,
            NotInKind(ItemKind::Action) => t.rule_not_in_action,
            NotInKind(ItemKind::Visit) => t.rule_not_in_visit,
            NotInKind(ItemKind::Area) => t.rule_not_in_area,
            NotInKind(ItemKind::Comment) => t.rule_not_in_comment,
            BadEmail => t.rule_bad_email,
            BadPhone => t.rule_bad_phone,
            UnknownProgress => t.rule_unknown_progress,
            UnknownAreaCode(_) => t.rule_unknown_area_code,
            UnknownVisitStatus => t.rule_unknown_visit_status,
            UnknownTheme => t.rule_unknown_theme,
            UnknownPlace => t.rule_unknown_place,
            BadGoalId => t.rule_bad_goal_id,
            BadSubjectId => t.rule_bad_subject_id,
            UnknownStatus => t.rule_unknown_status,
            BadDate => t.rule_bad_date,
            NotAList => t.rule_not_a_list,
            AreaCodeNotText => t.rule_area_code_not_text,
            BadPositionKey => t.rule_bad_position_key,
            NotABoolean => t.rule_not_a_boolean,
            NotText => t.rule_not_text,
            Empty => t.rule_empty,
            TooLong { .. } => t.rule_too_long,
            ControlCharacters { multiline: true } => t.rule_control_multiline,
            ControlCharacters { multiline: false } => t.rule_control_single_line,
            Invisible => t.rule_invisible,
            DirectionControls => t.rule_direction_controls,
        };
        match self {
            // At most 8 characters of what was sent.
            UnknownAreaCode(code) => t.fill(
                template,
                &[("code", &code.chars().take(8).collect::<String>())],
            ),
            TooLong { max } => t.fill(template, &[("max", &max.to_string())]),
            _ => template.to_string(),
        }
    }
}

fn refuse(field: &str, problem: FieldProblem) -> FieldError {
    FieldError::new(field, problem)
}

/// Checks and normalises one field value of an item of `kind`. Whether a
/// referenced goal exists is checked by the merge, which knows the items.
pub fn validate(kind: ItemKind, field: &str, value: &Value) -> Result<Value, FieldError> {
    let known = Field::parse(field).ok_or_else(|| refuse(field, FieldProblem::UnknownField))?;
    if !Field::of(kind).contains(&known) {
        return Err(refuse(field, FieldProblem::NotInKind(kind)));
    }
    match known {
        Field::Title => text(field, value, MAX_TITLE, false, true),
        Field::Description => text(field, value, MAX_DESCRIPTION, true, false),
        Field::Owner | Field::Responsible | Field::Venue => {
            text(field, value, MAX_NAME, false, false)
        }
        Field::Attendees => text(field, value, MAX_ATTENDEES, false, false),
        Field::Notes | Field::Followups => text(field, value, MAX_DESCRIPTION, true, false),
        Field::ContactName | Field::ContactRole | Field::NetworkOrg => {
            text(field, value, MAX_AREA_NAME, false, false)
        }
        Field::ContactEmail => {
            let email = text(field, value, crate::model::MAX_EMAIL, false, false)?;
            match email.as_str() {
                Some("") | None => Ok(email),
                Some(e) => crate::model::validate_email(e)
                    .map(Value::from)
                    .map_err(|_| refuse(field, FieldProblem::BadEmail)),
            }
        }
        Field::ContactPhone => {
            let phone = text(field, value, 30, false, false)?;
            match phone.as_str() {
                Some("") | None => Ok(phone),
                Some(p) => crate::model::validate_phone(p)
                    .map(Value::from)
                    .map_err(|_| refuse(field, FieldProblem::BadPhone)),
            }
        }
        other if other.place().is_some() => {
            if matches!(other.place(), Some((_, true))) {
                let key = as_str(field, value)?;
                Progress::from_key(key)
                    .map(|p| Value::from(p.key()))
                    .ok_or_else(|| refuse(field, FieldProblem::UnknownProgress))
            } else {
                text(field, value, MAX_AREA_NOTE, true, false)
            }
        }
        Field::Area => {
            let code = as_str(field, value)?;
            if AREA_CODES.contains(&code) {
                Ok(Value::from(code))
            } else {
                Err(refuse(field, unknown_area(code)))
            }
        }
        Field::Status if kind == ItemKind::Visit => {
            let key = as_str(field, value)?;
            TourStatus::from_key(key)
                .map(|s| Value::from(s.key()))
                .ok_or_else(|| refuse(field, FieldProblem::UnknownVisitStatus))
        }
        Field::Theme => {
            let key = as_str(field, value)?;
            Theme::from_key(key)
                .map(|t| Value::from(t.key()))
                .ok_or_else(|| refuse(field, FieldProblem::UnknownTheme))
        }
        Field::Place => {
            let key = as_str(field, value)?;
            if key.is_empty() || InfluencePlace::from_key(key).is_some() {
                Ok(Value::from(key))
            } else {
                Err(refuse(field, FieldProblem::UnknownPlace))
            }
        }
        Field::Goal => {
            let id = as_str(field, value)?;
            if is_valid_id(id) {
                Ok(Value::from(id))
            } else {
                Err(refuse(field, FieldProblem::BadGoalId))
            }
        }
        Field::Status => {
            let key = as_str(field, value)?;
            ActionStatus::from_key(key)
                .map(|s| Value::from(s.key()))
                .ok_or_else(|| refuse(field, FieldProblem::UnknownStatus))
        }
        Field::Start | Field::Due | Field::Date => {
            let date = as_str(field, value)?.trim();
            if date.is_empty() {
                return Ok(Value::from(""));
            }
            match chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") {
                Ok(d)
                    if date.len() == 10 && (2000..=2100).contains(&chrono::Datelike::year(&d)) =>
                {
                    Ok(Value::from(date))
                }
                _ => Err(refuse(field, FieldProblem::BadDate)),
            }
        }
        Field::Areas => {
            let list = value
                .as_array()
                .ok_or_else(|| refuse(field, FieldProblem::NotAList))?;
            let mut codes: Vec<&str> = Vec::new();
            for v in list {
                let code = v
                    .as_str()
                    .ok_or_else(|| refuse(field, FieldProblem::AreaCodeNotText))?;
                if code != "*" && !AREA_CODES.contains(&code) {
                    return Err(refuse(field, unknown_area(code)));
                }
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            if codes.contains(&"*") {
                return Ok(Value::from(vec!["*"]));
            }
            // The fixed order of the 22 codes, so equal sets look equal.
            codes.sort_by_key(|c| AREA_CODES.iter().position(|a| a == c));
            Ok(Value::from(codes))
        }
        Field::Position => {
            let key = as_str(field, value)?;
            if is_valid_key(key) {
                Ok(Value::from(key))
            } else {
                Err(refuse(field, FieldProblem::BadPositionKey))
            }
        }
        Field::Body => text(field, value, MAX_COMMENT, true, true),
        Field::Subject => {
            let id = as_str(field, value)?;
            if is_valid_id(id) {
                Ok(Value::from(id))
            } else {
                Err(refuse(field, FieldProblem::BadSubjectId))
            }
        }
        Field::Deleted | Field::Hidden => value
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| refuse(field, FieldProblem::NotABoolean)),
        // The place fields (matched above by `place()`).
        _ => Err(refuse(field, FieldProblem::UnknownField)),
    }
}

/// An unknown area code keeps at most 8 characters of what was sent.
fn unknown_area(code: &str) -> FieldProblem {
    FieldProblem::UnknownAreaCode(code.chars().take(8).collect())
}

fn as_str<'a>(field: &str, value: &'a Value) -> Result<&'a str, FieldError> {
    value
        .as_str()
        .ok_or_else(|| refuse(field, FieldProblem::NotText))
}

/// Trims, checks the length in characters and the characters themselves
/// with the rule every text people type follows
/// ([`crate::model::check_text`]): no control characters (nor
/// line breaks, U+2028 and U+2029 included, where the field is one line;
/// multi-line fields turn those two into newlines), no direction
/// overrides, and something visible in a text that is not empty.
fn text(
    field: &str,
    value: &Value,
    max: usize,
    multiline: bool,
    required: bool,
) -> Result<Value, FieldError> {
    use crate::model::{check_text, TextProblem};
    let raw = as_str(field, value)?;
    let trimmed = raw.trim();
    if required && trimmed.is_empty() {
        return Err(refuse(field, FieldProblem::Empty));
    }
    if trimmed.chars().count() > max {
        return Err(refuse(field, FieldProblem::TooLong { max }));
    }
    match check_text(trimmed, multiline) {
        Ok(clean) => Ok(Value::from(clean)),
        Err(problem) => Err(refuse(
            field,
            match problem {
                TextProblem::ControlCharacters => FieldProblem::ControlCharacters { multiline },
                TextProblem::Invisible => FieldProblem::Invisible,
                TextProblem::DirectionControls => FieldProblem::DirectionControls,
            },
        )),
    }
}

/// The longest item id or change id.
pub const MAX_ID: usize = 64;

/// Item ids and change ids: `[a-z0-9-]{1,64}` ([`MAX_ID`]; UUIDs in
/// practice).
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID
        && id
            .bytes()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn texts_are_trimmed_and_limited() {
        let v = validate(ItemKind::Action, "title", &json!("  Avustukset  ")).unwrap();
        assert_eq!(v, json!("Avustukset"));
        assert!(validate(ItemKind::Action, "title", &json!("   ")).is_err());
        assert!(validate(ItemKind::Action, "title", &json!("a".repeat(201))).is_err());
        assert!(validate(ItemKind::Action, "title", &json!("ä".repeat(200))).is_ok());
        assert!(validate(ItemKind::Action, "title", &json!("a\nb")).is_err());
        assert!(validate(ItemKind::Action, "description", &json!("a\nb")).is_ok());
        assert!(validate(ItemKind::Action, "description", &json!("a\u{7}b")).is_err());
        assert!(validate(ItemKind::Action, "title", &json!(5)).is_err());
        // Markup is just text: stored as given, escaped when shown.
        let xss = validate(
            ItemKind::Action,
            "title",
            &json!("<img src=x onerror=alert(1)>"),
        );
        assert_eq!(xss.unwrap(), json!("<img src=x onerror=alert(1)>"));
    }

    #[test]
    fn a_required_text_needs_something_visible() {
        for invisible in [
            "\u{200B}",
            "\u{FEFF}",
            "\u{00AD}",
            "\u{200B}\u{FEFF}\u{00AD}",
            " \u{2060} ",
            "\u{034F}",
            "\u{115F}",
            "\u{1160}",
            "\u{3164}",
            "\u{FFA0}",
            "\u{2800}",
            "\u{FE0F}",
            "\u{E0020}",
            "\u{00A0}\u{200D}\u{3000}",
        ] {
            for kind in [ItemKind::Goal, ItemKind::Action] {
                let e = validate(kind, "title", &json!(invisible)).unwrap_err();
                assert_eq!(e.problem, FieldProblem::Invisible, "{invisible:?}");
            }
            // An optional field may be empty, but not blank-looking.
            let e = validate(ItemKind::Action, "owner", &json!(invisible)).unwrap_err();
            assert_eq!(e.problem, FieldProblem::Invisible, "{invisible:?}");
            let e = validate(ItemKind::Visit, "notes", &json!(invisible)).unwrap_err();
            assert_eq!(e.problem, FieldProblem::Invisible, "{invisible:?}");
        }
        // Whitespace only is still "empty", and optional fields may be.
        let e = validate(ItemKind::Goal, "title", &json!(" \u{3000}\u{2028} ")).unwrap_err();
        assert_eq!(e.problem, FieldProblem::Empty);
        assert_eq!(
            validate(ItemKind::Action, "owner", &json!("  ")).unwrap(),
            json!("")
        );
        // Inside visible text they are kept: a soft hyphen, the joiners of
        // an emoji sequence.
        for ok in [
            "Sote\u{00AD}keskukset",
            "Perhe 👩\u{200D}👩\u{200D}👧",
            "\u{200B}a",
        ] {
            assert_eq!(
                validate(ItemKind::Action, "title", &json!(ok)).unwrap(),
                json!(ok)
            );
        }
    }

    #[test]
    fn line_separators_are_line_breaks() {
        for sep in ['\u{2028}', '\u{2029}'] {
            let text = format!("rivi 1{sep}rivi 2");
            for (kind, field) in [
                (ItemKind::Action, "title"),
                (ItemKind::Action, "owner"),
                (ItemKind::Visit, "venue"),
                (ItemKind::Visit, "attendees"),
            ] {
                let e = validate(kind, field, &json!(text)).unwrap_err();
                assert_eq!(
                    e.problem,
                    FieldProblem::ControlCharacters { multiline: false },
                    "{field} {sep:?}"
                );
            }
            for (kind, field) in [
                (ItemKind::Goal, "description"),
                (ItemKind::Visit, "notes"),
                (ItemKind::Visit, "followups"),
            ] {
                assert_eq!(
                    validate(kind, field, &json!(text)).unwrap(),
                    json!("rivi 1\nrivi 2"),
                    "{field} {sep:?}"
                );
            }
        }
    }

    #[test]
    fn direction_overrides_are_refused_everywhere() {
        let texts = [
            (ItemKind::Goal, "title"),
            (ItemKind::Goal, "description"),
            (ItemKind::Action, "title"),
            (ItemKind::Action, "description"),
            (ItemKind::Action, "owner"),
            (ItemKind::Action, "responsible"),
            (ItemKind::Visit, "venue"),
            (ItemKind::Visit, "attendees"),
            (ItemKind::Visit, "notes"),
            (ItemKind::Visit, "followups"),
        ];
        for c in ('\u{202A}'..='\u{202E}').chain('\u{2066}'..='\u{2069}') {
            let text = format!("Avustukset {c}2023");
            for (kind, field) in texts {
                let e = validate(kind, field, &json!(text)).unwrap_err();
                assert_eq!(e.problem, FieldProblem::DirectionControls, "{field} {c:?}");
            }
        }
        let e = validate(ItemKind::Action, "title", &json!("a\u{202E}b")).unwrap_err();
        assert_eq!(
            e.message_in(Locale::En),
            "characters that override the text direction (U+202A–U+202E, U+2066–U+2069) are not allowed"
        );
        assert_eq!(
            e.message_fi(),
            "tekstin suuntaa ohjaavia merkkejä (U+202A–U+202E, U+2066–U+2069) ei sallita"
        );
        // The plain marks (LRM, RLM) are allowed: they only nudge one place.
        assert!(validate(ItemKind::Action, "title", &json!("HYTE\u{200F} 2023")).is_ok());
    }

    #[test]
    fn fields_belong_to_kinds() {
        assert!(validate(ItemKind::Goal, "status", &json!("done")).is_err());
        assert!(validate(ItemKind::Action, "theme", &json!("ict")).is_err());
        let e = validate(ItemKind::Action, "colour", &json!("red")).unwrap_err();
        assert_eq!(e.message_fi(), "tuntematon kenttä");
    }

    #[test]
    fn enums_dates_and_areas() {
        assert!(validate(ItemKind::Goal, "theme", &json!("ict")).is_ok());
        assert!(validate(ItemKind::Goal, "theme", &json!("sports")).is_err());
        assert!(validate(ItemKind::Goal, "place", &json!("")).is_ok());
        assert!(validate(ItemKind::Goal, "place", &json!("hyte")).is_ok());
        assert!(validate(ItemKind::Action, "status", &json!("blocked")).is_ok());
        assert!(validate(ItemKind::Action, "status", &json!("lost")).is_err());
        assert!(validate(ItemKind::Action, "due", &json!("2023-02-09")).is_ok());
        assert!(validate(ItemKind::Action, "due", &json!("")).is_ok());
        for bad in ["9.2.2023", "2023-02-30", "2023-2-9", "1899-01-01"] {
            assert!(
                validate(ItemKind::Action, "due", &json!(bad)).is_err(),
                "{bad}"
            );
        }
        let v = validate(ItemKind::Action, "areas", &json!(["PI", "HEL", "PI"])).unwrap();
        assert_eq!(v, json!(["HEL", "PI"]));
        let v = validate(ItemKind::Action, "areas", &json!(["PI", "*"])).unwrap();
        assert_eq!(v, json!(["*"]));
        assert!(validate(ItemKind::Action, "areas", &json!(["XX"])).is_err());
        assert!(validate(ItemKind::Action, "areas", &json!("PI")).is_err());
        assert!(validate(ItemKind::Action, "deleted", &json!("yes")).is_err());
        assert!(validate(ItemKind::Action, "position", &json!("a0")).is_err());
        assert!(validate(ItemKind::Action, "goal", &json!("G 1")).is_err());
    }

    /// Every problem, for checking that each has a text in each language.
    fn all_problems() -> Vec<FieldProblem> {
        vec![
            FieldProblem::UnknownField,
            FieldProblem::NotInKind(ItemKind::Goal),
            FieldProblem::NotInKind(ItemKind::Action),
            FieldProblem::NotInKind(ItemKind::Visit),
            FieldProblem::NotInKind(ItemKind::Area),
            FieldProblem::BadEmail,
            FieldProblem::BadPhone,
            FieldProblem::UnknownProgress,
            FieldProblem::UnknownAreaCode("XX".into()),
            FieldProblem::UnknownVisitStatus,
            FieldProblem::UnknownTheme,
            FieldProblem::UnknownPlace,
            FieldProblem::BadGoalId,
            FieldProblem::UnknownStatus,
            FieldProblem::BadDate,
            FieldProblem::NotAList,
            FieldProblem::AreaCodeNotText,
            FieldProblem::BadPositionKey,
            FieldProblem::NotABoolean,
            FieldProblem::NotText,
            FieldProblem::Empty,
            FieldProblem::TooLong { max: 200 },
            FieldProblem::ControlCharacters { multiline: true },
            FieldProblem::ControlCharacters { multiline: false },
            FieldProblem::Invisible,
            FieldProblem::DirectionControls,
        ]
    }

    #[test]
    fn messages_follow_the_locale() {
        let e = validate(ItemKind::Action, "due", &json!("9.2.2023")).unwrap_err();
        assert_eq!(e.problem, FieldProblem::BadDate);
        assert_eq!(e.message_fi(), "päivämäärä muodossa VVVV-KK-PP");
        assert_eq!(e.message_in(Locale::Sv), "datum i formatet ÅÅÅÅ-MM-DD");
        assert_eq!(e.message_in(Locale::En), "a date in the format YYYY-MM-DD");
        // Outside a page the locale is Finnish.
        assert_eq!(e.message(), e.message_fi());
        assert_eq!(e.to_string(), "due: päivämäärä muodossa VVVV-KK-PP");
        assert_eq!(Locale::Sv.texts().field_label("due"), "Klar senast");
        assert_eq!(
            Locale::En.texts().field_label("followups"),
            "Agreed follow-ups"
        );
        assert_eq!(Locale::Fi.texts().field_label("colour"), "Kenttä");

        let e = validate(ItemKind::Action, "areas", &json!(["ABCDEFGHIJKL"])).unwrap_err();
        assert_eq!(e.message_fi(), "tuntematon aluekoodi ABCDEFGH");
        assert_eq!(e.message_in(Locale::Sv), "okänd områdeskod ABCDEFGH");
        assert_eq!(e.message_in(Locale::En), "unknown area code ABCDEFGH");
        let e = validate(ItemKind::Action, "title", &json!("a".repeat(201))).unwrap_err();
        assert_eq!(e.message_in(Locale::En), "at most 200 characters");
        let e = validate(ItemKind::Goal, "status", &json!("done")).unwrap_err();
        assert_eq!(e.message_in(Locale::Sv), "ett mål har inget sådant fält");
    }

    #[test]
    fn every_problem_and_label_has_a_text_in_every_language() {
        for locale in Locale::ALL {
            let mut seen = Vec::new();
            for p in all_problems() {
                let m = p.message_in(locale);
                assert!(!m.trim().is_empty(), "{p:?} {locale:?}");
                assert!(!seen.contains(&m), "{p:?} {locale:?}: {m} twice");
                seen.push(m);
            }
            let t = locale.texts();
            let mut labels = Vec::new();
            for &f in Field::ALL {
                assert!(!t.field(f).is_empty(), "{f} {locale:?}");
                assert_eq!(t.field_label(f.name()), t.field(f), "{f}");
                assert_ne!(t.field(f), t.field_label("?"), "{f}");
                labels.push(t.field(f));
            }
            labels.sort();
            labels.dedup();
            assert_eq!(
                labels.len(),
                Field::ALL.len(),
                "{locale:?}: two fields share a label"
            );
        }
    }

    #[test]
    fn every_field_has_one_name_and_belongs_to_a_kind() {
        for &f in Field::ALL {
            assert_eq!(Field::parse(f.name()), Some(f));
            // The serde name is the wire name.
            assert_eq!(serde_json::to_value(f).unwrap(), json!(f.name()));
            let kinds: Vec<ItemKind> = ItemKind::ALL
                .into_iter()
                .filter(|k| Field::of(*k).contains(&f))
                .collect();
            assert!(!kinds.is_empty(), "{f} belongs to no kind");
            // Every field of a kind has a rule there: a value of the
            // wrong type is refused with a field problem, never as unknown.
            for k in kinds {
                let e = validate(k, f.name(), &json!({"x": 1})).unwrap_err();
                assert_ne!(e.problem, FieldProblem::UnknownField, "{f} in {k:?}");
            }
        }
        assert_eq!(Field::parse("Title"), None);
        assert_eq!(
            validate(ItemKind::Goal, "colour", &json!("x"))
                .unwrap_err()
                .problem,
            FieldProblem::UnknownField
        );
    }

    #[test]
    fn area_fields_have_their_own_rules() {
        let k = ItemKind::Area;
        assert_eq!(
            validate(k, "contact_name", &json!("  Minna  ")).unwrap(),
            json!("Minna")
        );
        assert!(validate(k, "contact_name", &json!("a\nb")).is_err());
        assert!(validate(k, "contact_name", &json!("a".repeat(121))).is_err());
        assert_eq!(validate(k, "contact_email", &json!("")).unwrap(), json!(""));
        assert!(validate(k, "contact_email", &json!("minna@pirha.fi")).is_ok());
        let e = validate(k, "contact_email", &json!("minna@")).unwrap_err();
        assert_eq!(e.problem, FieldProblem::BadEmail);
        assert!(validate(k, "contact_phone", &json!("+358 40 123 4567")).is_ok());
        let e = validate(k, "contact_phone", &json!("soita")).unwrap_err();
        assert_eq!(e.problem, FieldProblem::BadPhone);
        assert!(validate(k, "hyte_status", &json!("in_progress")).is_ok());
        let e = validate(k, "hyte_status", &json!("planned")).unwrap_err();
        assert_eq!(e.problem, FieldProblem::UnknownProgress);
        assert!(validate(k, "hyte_note", &json!("rivi\nrivi")).is_ok());
        let e = validate(k, "hyte_note", &json!("a".repeat(2001))).unwrap_err();
        assert_eq!(e.problem, FieldProblem::TooLong { max: 2000 });
        // Area fields belong to areas only, and areas have no titles.
        assert!(validate(ItemKind::Action, "hyte_status", &json!("done")).is_err());
        let e = validate(k, "title", &json!("x")).unwrap_err();
        assert_eq!(e.problem, FieldProblem::NotInKind(ItemKind::Area));
        assert_eq!(Field::GrantsStatus.default_value(), json!("unknown"));
        assert_eq!(
            Locale::Sv.texts().field_label("hyte_note"),
            "HYTE-förhandlingar: anteckning"
        );
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("3f2a0c1e-1b2c-4d5e-8f90-123456789abc"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("Abc"));
        assert!(!is_valid_id(&"a".repeat(65)));
    }
}
