//! The fields of goals and actions and the rules for their values. The
//! same rules run in the browser (to explain a problem before sending) and
//! on the server (which never trusts the browser).

use super::model::{ActionStatus, ItemKind, Theme};
use super::position::is_valid_key;
use crate::model::TourStatus;
use crate::model::{InfluencePlace, AREA_CODES};
use serde_json::Value;

pub const MAX_TITLE: usize = 200;
pub const MAX_DESCRIPTION: usize = 4000;
pub const MAX_NAME: usize = 200;
/// Who attends a visit: a line of names and organisations.
pub const MAX_ATTENDEES: usize = 1000;

/// Every field name a change may carry.
pub const FIELDS: [&str; 19] = [
    "title",
    "description",
    "theme",
    "place",
    "goal",
    "owner",
    "responsible",
    "status",
    "start",
    "due",
    "areas",
    "position",
    "deleted",
    "area",
    "date",
    "venue",
    "attendees",
    "notes",
    "followups",
];

/// Why a value was refused. `message_fi` is shown to the user.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message_fi}")]
pub struct FieldError {
    pub field: String,
    pub message_fi: String,
}

fn refuse(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_string(),
        message_fi: message.into(),
    }
}

/// Which fields an item of `kind` has.
pub fn fields_of(kind: ItemKind) -> &'static [&'static str] {
    match kind {
        ItemKind::Goal => &[
            "title",
            "description",
            "theme",
            "place",
            "position",
            "deleted",
        ],
        ItemKind::Action => &[
            "title",
            "description",
            "goal",
            "owner",
            "responsible",
            "status",
            "start",
            "due",
            "areas",
            "position",
            "deleted",
        ],
        ItemKind::Visit => &[
            "area",
            "date",
            "venue",
            "attendees",
            "status",
            "notes",
            "followups",
        ],
    }
}

/// The Finnish name of a field, for messages and history.
pub fn label_fi(field: &str) -> &'static str {
    match field {
        "title" => "Otsikko",
        "description" => "Kuvaus",
        "theme" => "Teema",
        "place" => "Vaikuttamisen paikka",
        "goal" => "Tavoite",
        "owner" => "Vastuuorganisaatio",
        "responsible" => "Vastuuhenkilö",
        "status" => "Tila",
        "start" => "Alkaa",
        "due" => "Valmis viimeistään",
        "areas" => "Alueet",
        "position" => "Järjestys",
        "deleted" => "Poistettu",
        "area" => "Alue",
        "date" => "Päivämäärä",
        "venue" => "Paikka",
        "attendees" => "Osallistujat",
        "notes" => "Muistiinpanot",
        "followups" => "Sovitut jatkotoimet",
        _ => "Kenttä",
    }
}

/// Values a new item gets for the fields its creator left out.
pub fn default_value(field: &str) -> Value {
    match field {
        "status" => Value::from(ActionStatus::Planned.key()),
        "areas" => Value::Array(vec![]),
        "deleted" => Value::Bool(false),
        _ => Value::from(""),
    }
}

/// Fields a new item must have.
pub fn required_on_create(kind: ItemKind) -> &'static [&'static str] {
    match kind {
        ItemKind::Goal => &["title", "theme", "position"],
        ItemKind::Action => &["title", "goal", "position"],
        ItemKind::Visit => &["area"],
    }
}

/// Checks and normalises one field value of an item of `kind`. Whether a
/// referenced goal exists is checked by the merge, which knows the items.
pub fn validate(kind: ItemKind, field: &str, value: &Value) -> Result<Value, FieldError> {
    if !fields_of(kind).contains(&field) {
        return Err(refuse(
            field,
            if FIELDS.contains(&field) {
                format!(
                    "kenttää ei ole {}ssa",
                    match kind {
                        ItemKind::Goal => "tavoittee",
                        ItemKind::Action => "toimenpitee",
                        ItemKind::Visit => "vierailu",
                    }
                )
            } else {
                "tuntematon kenttä".to_string()
            },
        ));
    }
    match field {
        "title" => text(field, value, MAX_TITLE, false, true),
        "description" => text(field, value, MAX_DESCRIPTION, true, false),
        "owner" | "responsible" | "venue" => text(field, value, MAX_NAME, false, false),
        "attendees" => text(field, value, MAX_ATTENDEES, false, false),
        "notes" | "followups" => text(field, value, MAX_DESCRIPTION, true, false),
        "area" => {
            let code = as_str(field, value)?;
            if AREA_CODES.contains(&code) {
                Ok(Value::from(code))
            } else {
                Err(refuse(field, format!("tuntematon aluekoodi {code:.8}")))
            }
        }
        "status" if kind == ItemKind::Visit => {
            let key = as_str(field, value)?;
            TourStatus::from_key(key)
                .map(|s| Value::from(s.key()))
                .ok_or_else(|| refuse(field, "tuntematon vierailun tila"))
        }
        "theme" => {
            let key = as_str(field, value)?;
            Theme::from_key(key)
                .map(|t| Value::from(t.key()))
                .ok_or_else(|| refuse(field, "tuntematon teema"))
        }
        "place" => {
            let key = as_str(field, value)?;
            if key.is_empty() || InfluencePlace::from_key(key).is_some() {
                Ok(Value::from(key))
            } else {
                Err(refuse(field, "tuntematon vaikuttamisen paikka"))
            }
        }
        "goal" => {
            let id = as_str(field, value)?;
            if is_valid_id(id) {
                Ok(Value::from(id))
            } else {
                Err(refuse(field, "tavoitteen tunniste ei kelpaa"))
            }
        }
        "status" => {
            let key = as_str(field, value)?;
            ActionStatus::from_key(key)
                .map(|s| Value::from(s.key()))
                .ok_or_else(|| refuse(field, "tuntematon tila"))
        }
        "start" | "due" | "date" => {
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
                _ => Err(refuse(field, "päivämäärä muodossa VVVV-KK-PP")),
            }
        }
        "areas" => {
            let list = value
                .as_array()
                .ok_or_else(|| refuse(field, "alueiden pitää olla luettelo"))?;
            let mut codes: Vec<&str> = Vec::new();
            for v in list {
                let code = v
                    .as_str()
                    .ok_or_else(|| refuse(field, "aluekoodin pitää olla teksti"))?;
                if code != "*" && !AREA_CODES.contains(&code) {
                    return Err(refuse(field, format!("tuntematon aluekoodi {code:.8}")));
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
        "position" => {
            let key = as_str(field, value)?;
            if is_valid_key(key) {
                Ok(Value::from(key))
            } else {
                Err(refuse(field, "järjestysavain ei kelpaa"))
            }
        }
        "deleted" => value
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| refuse(field, "arvon pitää olla tosi tai epätosi")),
        _ => Err(refuse(field, "tuntematon kenttä")),
    }
}

fn as_str<'a>(field: &str, value: &'a Value) -> Result<&'a str, FieldError> {
    value
        .as_str()
        .ok_or_else(|| refuse(field, "arvon pitää olla tekstiä"))
}

/// Trims, refuses control characters (and line breaks where the field is
/// one line) and checks the length in characters.
fn text(
    field: &str,
    value: &Value,
    max: usize,
    multiline: bool,
    required: bool,
) -> Result<Value, FieldError> {
    let raw = as_str(field, value)?;
    let trimmed = raw.trim();
    if required && trimmed.is_empty() {
        return Err(refuse(field, "ei voi olla tyhjä"));
    }
    if trimmed.chars().count() > max {
        return Err(refuse(field, format!("enintään {max} merkkiä")));
    }
    let bad = trimmed
        .chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\t' || c == '\r')));
    if bad {
        return Err(refuse(
            field,
            if multiline {
                "sisältää ohjausmerkkejä"
            } else {
                "yksirivinen kenttä: ei rivinvaihtoja tai ohjausmerkkejä"
            },
        ));
    }
    Ok(Value::from(trimmed.replace("\r\n", "\n")))
}

/// Item ids and change ids: `[a-z0-9-]{1,64}` (UUIDs in practice).
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
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
    fn fields_belong_to_kinds() {
        assert!(validate(ItemKind::Goal, "status", &json!("done")).is_err());
        assert!(validate(ItemKind::Action, "theme", &json!("ict")).is_err());
        let e = validate(ItemKind::Action, "colour", &json!("red")).unwrap_err();
        assert_eq!(e.message_fi, "tuntematon kenttä");
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

    #[test]
    fn ids() {
        assert!(is_valid_id("3f2a0c1e-1b2c-4d5e-8f90-123456789abc"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("Abc"));
        assert!(!is_valid_id(&"a".repeat(65)));
    }
}
