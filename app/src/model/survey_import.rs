//! Importing a survey's results from a CSV file (server side).
//!
//! The file has a few `key,value` lines, then a header row `label,percent`
//! or `label,count`, then one row per answer option:
//!
//! ```text
//! title,Kevään 2023 kysely
//! date,2023-03-01
//! n,120
//! question,Mikä on tärkein teema?
//! organiser,Alueen järjestöverkosto   (optional)
//! label,percent
//! Yhteistyö,55
//! Vaikuttaminen,45
//! ```
//!
//! A file with any problem is refused whole, with the line and the problem.

use super::{ChartKind, ImportPreview, ResultRow, Survey, SurveyResult, Unit};
use serde::{Deserialize, Serialize};

pub const MAX_IMPORT_BYTES: usize = super::MAX_IMPORT_BYTES_F64 as usize;
const MAX_ROWS: usize = 100;
const MAX_LABEL: usize = 200;
const MAX_TITLE: usize = 200;
const MAX_QUESTION: usize = 1000;

/// Why a file was refused: the 1-based line (when there is one) and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", self.message_fi())]
pub struct ImportError {
    pub line: Option<u64>,
    pub message: String,
}

impl ImportError {
    fn at(line: u64, message: impl Into<String>) -> Self {
        Self {
            line: Some(line),
            message: message.into(),
        }
    }

    fn whole(message: impl Into<String>) -> Self {
        Self {
            line: None,
            message: message.into(),
        }
    }

    pub fn message_fi(&self) -> String {
        match self.line {
            Some(line) => format!("Rivi {line}: {}", self.message),
            None => self.message.clone(),
        }
    }
}

fn text(line: u64, what: &str, value: &str, max: usize) -> Result<String, ImportError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ImportError::at(line, format!("{what} puuttuu.")));
    }
    if value.chars().count() > max {
        return Err(ImportError::at(
            line,
            format!("{what} on liian pitkä (enintään {max} merkkiä)."),
        ));
    }
    if value.chars().any(char::is_control) {
        return Err(ImportError::at(
            line,
            format!("{what} sisältää ohjausmerkkejä."),
        ));
    }
    Ok(value.to_string())
}

fn number(line: u64, value: &str) -> Result<f64, ImportError> {
    let cleaned = value.trim().trim_end_matches('%').trim().replace(',', ".");
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        Ok(_) => Err(ImportError::at(
            line,
            format!("arvo ”{}” ei voi olla negatiivinen.", value.trim()),
        )),
        Err(_) => Err(ImportError::at(
            line,
            format!("arvo ”{}” ei ole luku.", value.trim()),
        )),
    }
}

/// `Kevään 2023 kysely` → `kevaan-2023-kysely`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.to_lowercase().chars() {
        let c = match c {
            'ä' | 'å' | 'á' | 'à' => 'a',
            'ö' | 'ó' | 'ò' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "kysely".to_string()
    } else {
        out
    }
}

pub fn parse_survey_csv(input: &str) -> Result<ImportPreview, ImportError> {
    if input.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::whole(format!(
            "Tiedosto on liian suuri (enintään {} kt).",
            MAX_IMPORT_BYTES / 1024
        )));
    }
    let input = input.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input.as_bytes());

    let (mut title, mut date, mut n, mut question, mut organiser) = (None, None, None, None, None);
    let mut unit = None;
    let mut rows: Vec<ResultRow> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            ImportError::at(line, "rivi ei ole kelvollista CSV:tä.")
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let fields: Vec<&str> = record.iter().collect();
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if fields.len() != 2 {
            return Err(ImportError::at(
                line,
                format!("odotettiin kahta saraketta, löytyi {}.", fields.len()),
            ));
        }
        let (key, value) = (fields[0], fields[1]);
        if let Some(unit) = unit {
            if rows.len() == MAX_ROWS {
                return Err(ImportError::at(
                    line,
                    format!("rivejä on liikaa (enintään {MAX_ROWS})."),
                ));
            }
            let label = text(line, "Vastausvaihtoehto", key, MAX_LABEL)?;
            if rows.iter().any(|r| r.label == label) {
                return Err(ImportError::at(
                    line,
                    format!("vastausvaihtoehto ”{label}” on jo aiemmin."),
                ));
            }
            let value = number(line, value)?;
            if unit == Unit::Percent && value > 100.0 {
                return Err(ImportError::at(
                    line,
                    "prosenttiosuus ei voi olla yli 100.".to_string(),
                ));
            }
            rows.push(ResultRow { label, value });
            continue;
        }
        match key.trim().to_lowercase().as_str() {
            "title" => title = Some(text(line, "Otsikko", value, MAX_TITLE)?),
            "question" => question = Some(text(line, "Kysymys", value, MAX_QUESTION)?),
            "organiser" | "organizer" => organiser = Some(text(line, "Järjestäjä", value, MAX_TITLE)?),
            "date" => {
                let d = chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
                    ImportError::at(line, format!("päivämäärä ”{}” ei ole muotoa VVVV-KK-PP.", value.trim()))
                })?;
                date = Some(d);
            }
            "n" => {
                let v: u32 = value.trim().parse().map_err(|_| {
                    ImportError::at(line, format!("vastaajamäärä ”{}” ei ole positiivinen kokonaisluku.", value.trim()))
                })?;
                if v == 0 {
                    return Err(ImportError::at(line, "vastaajamäärä ei voi olla 0.".to_string()));
                }
                n = Some(v);
            }
            "label" => {
                unit = match value.trim().to_lowercase().as_str() {
                    "percent" | "prosentti" | "%" => Some(Unit::Percent),
                    "count" | "lukumäärä" | "määrä" => Some(Unit::Count),
                    other => {
                        return Err(ImportError::at(
                            line,
                            format!("toisen sarakkeen otsikon pitää olla percent tai count, ei ”{other}”."),
                        ))
                    }
                }
            }
            other => {
                return Err(ImportError::at(
                    line,
                    format!("tuntematon kenttä ”{other}” (sallitut: title, date, n, question, organiser, label)."),
                ))
            }
        }
    }

    let title = title.ok_or_else(|| ImportError::whole("Otsikko (title) puuttuu."))?;
    let date = date.ok_or_else(|| ImportError::whole("Päivämäärä (date) puuttuu."))?;
    let question = question.ok_or_else(|| ImportError::whole("Kysymys (question) puuttuu."))?;
    let n = n.ok_or_else(|| ImportError::whole("Vastaajamäärä (n) puuttuu."))?;
    let unit = unit.ok_or_else(|| {
        ImportError::whole("Tulosrivien otsikkorivi (label,percent tai label,count) puuttuu.")
    })?;
    if rows.is_empty() {
        return Err(ImportError::whole("Tulosrivejä ei ole."));
    }

    let mut warnings = Vec::new();
    let total: f64 = rows.iter().map(|r| r.value).sum();
    match unit {
        Unit::Percent if !(98.5..=101.5).contains(&total) => warnings.push(format!(
            "Osuudet ovat yhteensä {} %, eivät noin 100 %.",
            super::trim_number((total * 10.0).round() / 10.0)
        )),
        Unit::Count if total > f64::from(n) => warnings.push(format!(
            "Vastauksia on yhteensä {}, enemmän kuin vastaajia ({n}): oliko kysymyksessä monta valintaa?",
            super::trim_number(total)
        )),
        _ => {}
    }

    let chart = if rows.len() <= 6 {
        ChartKind::Donut
    } else {
        ChartKind::Bar
    };
    let survey = Survey {
        id: format!("{}-{}", slug(&title), date.format("%Y")),
        title: title.clone(),
        organiser: organiser.unwrap_or_default(),
        method: "Tuotu CSV-tiedostosta".to_string(),
        period: date.format("%-d.%-m.%Y").to_string(),
        date: date.format("%Y-%m-%d").to_string(),
        respondents: Some(n),
        respondents_note: String::new(),
        question: question.clone(),
        summary: String::new(),
        all_areas: false,
        results: vec![SurveyResult {
            key: "tulokset".to_string(),
            title: question,
            unit,
            chart,
            rows,
        }],
        findings: Vec::new(),
    };
    Ok(ImportPreview { survey, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "title,Kevään 2023 kysely\ndate,2023-03-01\nn,120\nquestion,Mikä on tärkein teema?\nlabel,percent\nYhteistyö,55\n\"Vaikuttaminen, yhdessä\",45\n";

    #[test]
    fn a_good_file_becomes_a_survey() {
        let p = parse_survey_csv(GOOD).unwrap();
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
        assert_eq!(p.survey.id, "kevaan-2023-kysely-2023");
        assert_eq!(p.survey.respondents, Some(120));
        let r = &p.survey.results[0];
        assert_eq!(r.unit, Unit::Percent);
        assert_eq!(r.rows[1].label, "Vaikuttaminen, yhdessä");
        assert_eq!(r.rows[1].value, 45.0);
    }

    #[test]
    fn problems_name_their_line() {
        let bad_value = GOOD.replace("Yhteistyö,55", "Yhteistyö,paljon");
        let e = parse_survey_csv(&bad_value).unwrap_err();
        assert_eq!(e.line, Some(6));
        assert!(
            e.message_fi()
                .starts_with("Rivi 6: arvo ”paljon” ei ole luku"),
            "{e}"
        );

        let bad_date = GOOD.replace("2023-03-01", "1.3.2023");
        assert_eq!(parse_survey_csv(&bad_date).unwrap_err().line, Some(2));

        let three_columns = GOOD.replace("Yhteistyö,55", "Yhteistyö,55,extra");
        assert_eq!(parse_survey_csv(&three_columns).unwrap_err().line, Some(6));

        let duplicate = GOOD.replace("\"Vaikuttaminen, yhdessä\"", "Yhteistyö");
        assert_eq!(parse_survey_csv(&duplicate).unwrap_err().line, Some(7));

        let unknown_key = GOOD.replace("n,120", "respondents,120");
        assert_eq!(parse_survey_csv(&unknown_key).unwrap_err().line, Some(3));

        let negative = GOOD.replace("Yhteistyö,55", "Yhteistyö,-5");
        assert!(parse_survey_csv(&negative).is_err());
    }

    #[test]
    fn missing_parts_are_named() {
        let no_title = GOOD.replace("title,Kevään 2023 kysely\n", "");
        assert!(parse_survey_csv(&no_title)
            .unwrap_err()
            .message
            .contains("title"));
        let no_rows = "title,a\ndate,2023-01-01\nn,5\nquestion,q\nlabel,count\n";
        assert!(parse_survey_csv(no_rows)
            .unwrap_err()
            .message
            .contains("Tulosrivejä"));
        assert!(parse_survey_csv("").is_err());
        assert!(parse_survey_csv(&"x".repeat(MAX_IMPORT_BYTES + 1)).is_err());
    }

    #[test]
    fn shares_far_from_100_get_a_warning_not_an_error() {
        let off = GOOD.replace("Yhteistyö,55", "Yhteistyö,70");
        let p = parse_survey_csv(&off).unwrap();
        assert_eq!(p.warnings.len(), 1);
        assert!(p.warnings[0].contains("115"), "{:?}", p.warnings);
        let counts = "title,a\ndate,2023-01-01\nn,5\nquestion,q\nlabel,count\nA,4\nB,3\n";
        assert_eq!(parse_survey_csv(counts).unwrap().warnings.len(), 1);
    }
}
