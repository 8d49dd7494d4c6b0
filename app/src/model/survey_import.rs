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
use crate::i18n::Locale;
use crate::text::Texts;
use serde::{Deserialize, Serialize};

pub const MAX_IMPORT_BYTES: usize = super::MAX_IMPORT_BYTES_F64 as usize;
const MAX_ROWS: usize = 100;
const MAX_LABEL: usize = 200;
const MAX_TITLE: usize = 200;
const MAX_QUESTION: usize = 1000;

/// Why a file was refused: the 1-based line (when there is one) and what.
/// Displays as [`ImportError::message`], in the interface language (on
/// the server: the request's `lang` cookie).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{}", self.message())]
pub struct ImportError {
    pub line: Option<u64>,
    pub problem: ImportProblem,
}

/// A part of the file that a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportPart {
    Title,
    Question,
    Organiser,
    AnswerOption,
}

impl ImportPart {
    /// The part's name at the start of a sentence.
    fn name(self, t: &Texts) -> &'static str {
        match self {
            ImportPart::Title => t.import_part_title,
            ImportPart::Question => t.import_part_question,
            ImportPart::Organiser => t.import_part_organiser,
            ImportPart::AnswerOption => t.import_part_option,
        }
    }
}

/// What is wrong with the file. Values quoted from the file are kept as
/// they were (trimmed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ImportProblem {
    TooLarge { max_kb: usize },
    BadCsv,
    ColumnCount { found: usize },
    TooManyRows { max: usize },
    Missing { part: ImportPart },
    TooLong { part: ImportPart, max: usize },
    ControlCharacters { part: ImportPart },
    DuplicateOption { label: String },
    NotANumber { value: String },
    Negative { value: String },
    PercentOver100,
    BadDate { value: String },
    BadRespondents { value: String },
    ZeroRespondents,
    BadUnit { value: String },
    UnknownKey { key: String },
    NoTitle,
    NoDate,
    NoQuestion,
    NoRespondents,
    NoHeader,
    NoRows,
}

impl ImportProblem {
    pub fn message_in(&self, locale: Locale) -> String {
        let t = locale.texts();
        use ImportProblem::*;
        let template = match self {
            TooLarge { .. } => t.import_err_too_large,
            BadCsv => t.import_err_bad_csv,
            ColumnCount { .. } => t.import_err_column_count,
            TooManyRows { .. } => t.import_err_too_many_rows,
            Missing { .. } => t.import_err_missing,
            TooLong { .. } => t.import_err_too_long,
            ControlCharacters { .. } => t.import_err_control,
            DuplicateOption { .. } => t.import_err_duplicate_option,
            NotANumber { .. } => t.import_err_not_a_number,
            Negative { .. } => t.import_err_negative,
            PercentOver100 => t.import_err_percent_over_100,
            BadDate { .. } => t.import_err_bad_date,
            BadRespondents { .. } => t.import_err_bad_respondents,
            ZeroRespondents => t.import_err_zero_respondents,
            BadUnit { .. } => t.import_err_bad_unit,
            UnknownKey { .. } => t.import_err_unknown_key,
            NoTitle => t.import_err_no_title,
            NoDate => t.import_err_no_date,
            NoQuestion => t.import_err_no_question,
            NoRespondents => t.import_err_no_respondents,
            NoHeader => t.import_err_no_header,
            NoRows => t.import_err_no_rows,
        };
        let number = match self {
            TooLarge { max_kb: n } | TooManyRows { max: n } | TooLong { max: n, .. } => {
                n.to_string()
            }
            ColumnCount { found } => found.to_string(),
            _ => String::new(),
        };
        let part = match self {
            Missing { part } | TooLong { part, .. } | ControlCharacters { part } => part.name(t),
            _ => "",
        };
        let quoted = match self {
            DuplicateOption { label: v }
            | NotANumber { value: v }
            | Negative { value: v }
            | BadDate { value: v }
            | BadRespondents { value: v }
            | BadUnit { value: v }
            | UnknownKey { key: v } => v.as_str(),
            _ => "",
        };
        t.fill(
            template,
            &[
                ("max", &number),
                ("found", &number),
                ("part", part),
                ("label", quoted),
                ("value", quoted),
                ("key", quoted),
            ],
        )
    }
}

impl ImportError {
    fn at(line: u64, problem: ImportProblem) -> Self {
        Self {
            line: Some(line),
            problem,
        }
    }

    fn whole(problem: ImportProblem) -> Self {
        Self {
            line: None,
            problem,
        }
    }

    /// The message in the interface language (see [`crate::i18n::locale`]).
    pub fn message(&self) -> String {
        self.message_in(crate::i18n::locale())
    }

    pub fn message_fi(&self) -> String {
        self.message_in(Locale::Fi)
    }

    /// "Rivi 3: …" / "Rad 3: …" / "Line 3: …" when the problem has a line.
    pub fn message_in(&self, locale: Locale) -> String {
        let problem = self.problem.message_in(locale);
        match self.line {
            Some(line) => {
                let t = locale.texts();
                t.fill(
                    t.import_at_line,
                    &[("line", &line.to_string()), ("problem", &problem)],
                )
            }
            None => problem,
        }
    }
}

fn text(line: u64, part: ImportPart, value: &str, max: usize) -> Result<String, ImportError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ImportError::at(line, ImportProblem::Missing { part }));
    }
    if value.chars().count() > max {
        return Err(ImportError::at(line, ImportProblem::TooLong { part, max }));
    }
    if value.chars().any(char::is_control) {
        return Err(ImportError::at(
            line,
            ImportProblem::ControlCharacters { part },
        ));
    }
    Ok(value.to_string())
}

fn number(line: u64, value: &str) -> Result<f64, ImportError> {
    let cleaned = value.trim().trim_end_matches('%').trim().replace(',', ".");
    let value = value.trim().to_string();
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        Ok(_) => Err(ImportError::at(line, ImportProblem::Negative { value })),
        Err(_) => Err(ImportError::at(line, ImportProblem::NotANumber { value })),
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
        return Err(ImportError::whole(ImportProblem::TooLarge {
            max_kb: MAX_IMPORT_BYTES / 1024,
        }));
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
            ImportError::at(line, ImportProblem::BadCsv)
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        let fields: Vec<&str> = record.iter().collect();
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if fields.len() != 2 {
            return Err(ImportError::at(
                line,
                ImportProblem::ColumnCount {
                    found: fields.len(),
                },
            ));
        }
        let (key, value) = (fields[0], fields[1]);
        if let Some(unit) = unit {
            if rows.len() == MAX_ROWS {
                return Err(ImportError::at(
                    line,
                    ImportProblem::TooManyRows { max: MAX_ROWS },
                ));
            }
            let label = text(line, ImportPart::AnswerOption, key, MAX_LABEL)?;
            if rows.iter().any(|r| r.label == label) {
                return Err(ImportError::at(
                    line,
                    ImportProblem::DuplicateOption { label },
                ));
            }
            let value = number(line, value)?;
            if unit == Unit::Percent && value > 100.0 {
                return Err(ImportError::at(line, ImportProblem::PercentOver100));
            }
            rows.push(ResultRow { label, value });
            continue;
        }
        match key.trim().to_lowercase().as_str() {
            "title" => title = Some(text(line, ImportPart::Title, value, MAX_TITLE)?),
            "question" => question = Some(text(line, ImportPart::Question, value, MAX_QUESTION)?),
            "organiser" | "organizer" => {
                organiser = Some(text(line, ImportPart::Organiser, value, MAX_TITLE)?)
            }
            "date" => {
                let d =
                    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
                        ImportError::at(
                            line,
                            ImportProblem::BadDate {
                                value: value.trim().to_string(),
                            },
                        )
                    })?;
                date = Some(d);
            }
            "n" => {
                let v: u32 = value.trim().parse().map_err(|_| {
                    ImportError::at(
                        line,
                        ImportProblem::BadRespondents {
                            value: value.trim().to_string(),
                        },
                    )
                })?;
                if v == 0 {
                    return Err(ImportError::at(line, ImportProblem::ZeroRespondents));
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
                            ImportProblem::BadUnit {
                                value: other.to_string(),
                            },
                        ))
                    }
                }
            }
            other => {
                return Err(ImportError::at(
                    line,
                    ImportProblem::UnknownKey {
                        key: other.to_string(),
                    },
                ))
            }
        }
    }

    let title = title.ok_or_else(|| ImportError::whole(ImportProblem::NoTitle))?;
    let date = date.ok_or_else(|| ImportError::whole(ImportProblem::NoDate))?;
    let question = question.ok_or_else(|| ImportError::whole(ImportProblem::NoQuestion))?;
    let n = n.ok_or_else(|| ImportError::whole(ImportProblem::NoRespondents))?;
    let unit = unit.ok_or_else(|| ImportError::whole(ImportProblem::NoHeader))?;
    if rows.is_empty() {
        return Err(ImportError::whole(ImportProblem::NoRows));
    }

    // Warnings are in the interface language (on the server: the
    // request's `lang` cookie).
    let t = crate::text::t();
    let mut warnings = Vec::new();
    let total: f64 = rows.iter().map(|r| r.value).sum();
    match unit {
        Unit::Percent if !(98.5..=101.5).contains(&total) => warnings.push(t.fill(
            t.import_warn_shares,
            &[("total", &super::trim_number((total * 10.0).round() / 10.0))],
        )),
        Unit::Count if total > f64::from(n) => warnings.push(t.fill(
            t.import_warn_answers,
            &[("total", &super::trim_number(total)), ("n", &n.to_string())],
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
        imported: None,
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
            .message_fi()
            .contains("title"));
        let no_rows = "title,a\ndate,2023-01-01\nn,5\nquestion,q\nlabel,count\n";
        assert!(parse_survey_csv(no_rows)
            .unwrap_err()
            .message_fi()
            .contains("Tulosrivejä"));
        assert!(parse_survey_csv("").is_err());
        assert!(parse_survey_csv(&"x".repeat(MAX_IMPORT_BYTES + 1)).is_err());
    }

    #[test]
    fn refusals_follow_the_locale() {
        let bad_value = GOOD.replace("Yhteistyö,55", "Yhteistyö,paljon");
        let e = parse_survey_csv(&bad_value).unwrap_err();
        assert_eq!(
            e.problem,
            ImportProblem::NotANumber {
                value: "paljon".into()
            }
        );
        assert_eq!(e.message_fi(), "Rivi 6: arvo ”paljon” ei ole luku.");
        assert_eq!(
            e.message_in(Locale::Sv),
            "Rad 6: värdet ”paljon” är inte ett tal."
        );
        assert_eq!(
            e.message_in(Locale::En),
            "Line 6: the value “paljon” is not a number."
        );
        // Outside a request the locale is Finnish, and so is the display.
        assert_eq!(e.to_string(), e.message_fi());
        assert_eq!(e.message(), e.message_fi());

        let no_rows = "title,a\ndate,2023-01-01\nn,5\nquestion,q\nlabel,count\n";
        let e = parse_survey_csv(no_rows).unwrap_err();
        assert_eq!(e.line, None);
        assert_eq!(e.message_in(Locale::Sv), "Det finns inga resultatrader.");
        assert_eq!(e.message_in(Locale::En), "There are no result rows.");

        let long = GOOD.replace("Kevään 2023 kysely", &"x".repeat(MAX_TITLE + 1));
        let e = parse_survey_csv(&long).unwrap_err();
        assert_eq!(
            e.message_in(Locale::Sv),
            "Rad 1: Rubriken innehåller för många tecken (högst 200)."
        );
    }

    #[test]
    fn every_problem_has_a_text_in_every_language() {
        let parts = [
            ImportPart::Title,
            ImportPart::Question,
            ImportPart::Organiser,
            ImportPart::AnswerOption,
        ];
        let v = || "x".to_string();
        let mut all = vec![
            ImportProblem::TooLarge { max_kb: 64 },
            ImportProblem::BadCsv,
            ImportProblem::ColumnCount { found: 3 },
            ImportProblem::TooManyRows { max: MAX_ROWS },
            ImportProblem::DuplicateOption { label: v() },
            ImportProblem::NotANumber { value: v() },
            ImportProblem::Negative { value: v() },
            ImportProblem::PercentOver100,
            ImportProblem::BadDate { value: v() },
            ImportProblem::BadRespondents { value: v() },
            ImportProblem::ZeroRespondents,
            ImportProblem::BadUnit { value: v() },
            ImportProblem::UnknownKey { key: v() },
            ImportProblem::NoTitle,
            ImportProblem::NoDate,
            ImportProblem::NoQuestion,
            ImportProblem::NoRespondents,
            ImportProblem::NoHeader,
            ImportProblem::NoRows,
        ];
        for part in parts {
            all.push(ImportProblem::Missing { part });
            all.push(ImportProblem::TooLong { part, max: 200 });
            all.push(ImportProblem::ControlCharacters { part });
        }
        for locale in Locale::ALL {
            let mut seen = Vec::new();
            for p in &all {
                let m = p.message_in(locale);
                assert!(!m.trim().is_empty(), "{p:?} {locale:?}");
                assert!(!seen.contains(&m), "{p:?} {locale:?}: {m} twice");
                seen.push(m);
                let at = ImportError::at(4, p.clone()).message_in(locale);
                assert!(at.starts_with(["Rivi 4: ", "Rad 4: ", "Line 4: "][locale as usize]));
            }
        }
    }

    #[test]
    fn shares_far_from_100_get_a_warning_not_an_error() {
        let off = GOOD.replace("Yhteistyö,55", "Yhteistyö,70");
        let p = parse_survey_csv(&off).unwrap();
        assert_eq!(p.warnings.len(), 1);
        assert!(p.warnings[0].contains("115"), "{:?}", p.warnings);
        let counts = "title,a\ndate,2023-01-01\nn,5\nquestion,q\nlabel,count\nA,4\nB,3\n";
        assert_eq!(parse_survey_csv(counts).unwrap().warnings.len(), 1);
        // In the interface language, like the refusals.
        assert_eq!(
            p.warnings[0],
            "Osuudet ovat yhteensä 115 %, eivät noin 100 %."
        );
        crate::i18n::with_locale(Locale::En, || {
            let p = parse_survey_csv(counts).unwrap();
            assert_eq!(
                p.warnings,
                ["There are 7 answers in all, more than respondents (5): could several options be chosen?"]
            );
        });
    }
}
