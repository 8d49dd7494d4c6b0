use crate::roadmap::field::Field;
use serde::{Deserialize, Serialize};

/// Codes of the 22 areas: 21 welfare areas and the City of Helsinki.
pub const AREA_CODES: [&str; 22] = [
    "HEL", "VK", "LU", "KU", "IU", "VS", "SA", "KH", "PI", "PH", "KY", "EK", "ES", "PS", "PK",
    "KS", "EP", "PO", "KP", "PP", "KA", "LA",
];

/// The five places where NGOs can influence a welfare area (from the
/// cooperation roadmap). The order is the roadmap's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InfluencePlace {
    /// Continuity of municipal grants and partnership activity.
    Grants,
    /// Premises used by NGOs stay in their use after contract transfers.
    Premises,
    /// NGOs take part in the welfare-area, service and participation strategies.
    Strategy,
    /// A structure for the yearly wellbeing and health (HYTE) negotiations.
    Hyte,
    /// NGO support and services are part of the sote centres.
    SoteCentres,
}

impl InfluencePlace {
    pub const ALL: [InfluencePlace; 5] = [
        InfluencePlace::Grants,
        InfluencePlace::Premises,
        InfluencePlace::Strategy,
        InfluencePlace::Hyte,
        InfluencePlace::SoteCentres,
    ];

    /// The key used in URLs, forms and the database.
    pub fn key(self) -> &'static str {
        match self {
            InfluencePlace::Grants => "grants",
            InfluencePlace::Premises => "premises",
            InfluencePlace::Strategy => "strategy",
            InfluencePlace::Hyte => "hyte",
            InfluencePlace::SoteCentres => "sote_centres",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// How far a place to influence has got in one area.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    #[default]
    Unknown,
    NotStarted,
    InProgress,
    Done,
}

impl Progress {
    pub const ALL: [Progress; 4] = [
        Progress::Unknown,
        Progress::NotStarted,
        Progress::InProgress,
        Progress::Done,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Progress::Unknown => "unknown",
            Progress::NotStarted => "not_started",
            Progress::InProgress => "in_progress",
            Progress::Done => "done",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// Where the area's tour visit stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TourStatus {
    /// No date agreed yet.
    #[default]
    Unknown,
    Planned,
    Confirmed,
    Visited,
}

impl TourStatus {
    pub const ALL: [TourStatus; 4] = [
        TourStatus::Unknown,
        TourStatus::Planned,
        TourStatus::Confirmed,
        TourStatus::Visited,
    ];

    pub fn key(self) -> &'static str {
        match self {
            TourStatus::Unknown => "unknown",
            TourStatus::Planned => "planned",
            TourStatus::Confirmed => "confirmed",
            TourStatus::Visited => "visited",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// Who changed a section last, and when (RFC 3339, UTC).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub updated_at: Option<String>,
    pub updated_by: Option<String>,
}

/// The welfare area's named contact person for NGOs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPerson {
    pub name: String,
    /// E.g. "NGO liaison" or "participation coordinator".
    pub role: String,
    pub email: String,
    pub phone: String,
}

/// Contacts section of an area: the welfare area's contact person (if
/// named) and the regional NGO network organisation.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contacts {
    pub person: Option<ContactPerson>,
    pub network_org: Option<String>,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// The status of one place to influence in one area.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceStatus {
    pub status: Progress,
    pub note: String,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// The five places to influence, one field each so that the JSON is
/// self-describing (`places.hyte.status`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Places {
    pub grants: PlaceStatus,
    pub premises: PlaceStatus,
    pub strategy: PlaceStatus,
    pub hyte: PlaceStatus,
    pub sote_centres: PlaceStatus,
}

impl Places {
    pub fn get(&self, place: InfluencePlace) -> &PlaceStatus {
        match place {
            InfluencePlace::Grants => &self.grants,
            InfluencePlace::Premises => &self.premises,
            InfluencePlace::Strategy => &self.strategy,
            InfluencePlace::Hyte => &self.hyte,
            InfluencePlace::SoteCentres => &self.sote_centres,
        }
    }

    pub fn get_mut(&mut self, place: InfluencePlace) -> &mut PlaceStatus {
        match place {
            InfluencePlace::Grants => &mut self.grants,
            InfluencePlace::Premises => &mut self.premises,
            InfluencePlace::Strategy => &mut self.strategy,
            InfluencePlace::Hyte => &mut self.hyte,
            InfluencePlace::SoteCentres => &mut self.sote_centres,
        }
    }
}

/// The spring 2023 tour visit to this area.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TourVisit {
    /// ISO date (YYYY-MM-DD) when known.
    pub date: Option<String>,
    pub status: TourStatus,
    pub notes: String,
    /// Where the meeting is held.
    #[serde(default)]
    pub venue: String,
    /// Who attends (one line).
    #[serde(default)]
    pub attendees: String,
    /// What was agreed to do next, after the visit.
    #[serde(default)]
    pub followups: String,
    #[serde(flatten)]
    pub stamp: Stamp,
}

/// One entry of the history areas had before they moved onto the change
/// log (`area_change`): which section got which value, when and from whom.
/// Read only by the migration that moves it onto the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaChange {
    pub area: String,
    /// `contacts`, `tour` or `places.<key>`.
    pub section: String,
    pub value: serde_json::Value,
    pub at: String,
    pub by: String,
    #[serde(default)]
    pub account: Option<String>,
}

/// One of the 22 areas with everything the area page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub code: String,
    pub name_fi: String,
    pub name_sv: String,
    /// Population at the end of 2020 (Statistics Finland).
    pub population: u32,
    pub contacts: Contacts,
    pub places: Places,
    pub tour: TourVisit,
}

impl Area {
    /// Takes the contacts and the five places from the area's live item
    /// (`area-<code>` on the change log): the one way both the server and
    /// the browser read them. Each section is stamped with the newest
    /// change of its fields after the item was created.
    pub fn apply_item(&mut self, item: &crate::roadmap::Item) {
        let stamp = |fields: &[Field]| {
            item.meta
                .iter()
                .filter(|(name, meta)| {
                    fields.iter().any(|f| f.name() == name.as_str()) && meta.seq > item.created.seq
                })
                .map(|(_, meta)| meta)
                .max_by_key(|meta| meta.seq)
                .map(|meta| Stamp {
                    updated_at: Some(meta.at.clone()),
                    updated_by: Some(meta.by.clone()),
                })
                .unwrap_or_default()
        };
        let text = |f: Field| item.text(f).to_string();
        let person = ContactPerson {
            name: text(Field::ContactName),
            role: text(Field::ContactRole),
            email: text(Field::ContactEmail),
            phone: text(Field::ContactPhone),
        };
        let named = !(person.name.is_empty()
            && person.role.is_empty()
            && person.email.is_empty()
            && person.phone.is_empty());
        let network_org = text(Field::NetworkOrg);
        self.contacts = Contacts {
            person: named.then_some(person),
            network_org: (!network_org.is_empty()).then_some(network_org),
            stamp: stamp(&Field::CONTACTS),
        };
        for place in InfluencePlace::ALL {
            let (status, note) = (Field::place_status(place), Field::place_note(place));
            *self.places.get_mut(place) = PlaceStatus {
                status: Progress::from_key(item.text(status)).unwrap_or_default(),
                note: text(note),
                stamp: stamp(&[status, note]),
            };
        }
    }

    /// Takes the tour section from the area's live visit (`visit-<code>`),
    /// stamped with its newest change.
    pub fn apply_visit(&mut self, visit: &crate::roadmap::Item) {
        let date = visit.text(Field::Date);
        let last = visit.last_change();
        self.tour = TourVisit {
            date: (!date.is_empty()).then(|| date.to_string()),
            status: visit.visit_status(),
            notes: visit.text(Field::Notes).to_string(),
            venue: visit.text(Field::Venue).to_string(),
            attendees: visit.text(Field::Attendees).to_string(),
            followups: visit.text(Field::Followups).to_string(),
            stamp: Stamp {
                updated_at: Some(last.at.clone()),
                updated_by: Some(last.by.clone()),
            },
        };
    }

    /// The area as the live log has it: its own item and its visit, where
    /// `state` holds them.
    pub fn with_live(mut self, state: &crate::roadmap::RoadmapState) -> Self {
        if let Some(item) = state.area_item(&self.code) {
            self.apply_item(item);
        }
        if let Some(visit) = state.visit(&self.code) {
            self.apply_visit(visit);
        }
        self
    }

    /// A short name for tight spaces, in the interface language:
    /// "Pirkanmaa" (fi, en) or "Birkaland" (sv) rather than the welfare
    /// area's full official name.
    pub fn short_name(&self) -> String {
        self.short_name_in(crate::i18n::locale())
    }

    /// English uses the Finnish names, as official English usage does.
    pub fn short_name_in(&self, locale: Locale) -> String {
        match locale {
            Locale::Sv => short_name_sv(&self.name_sv),
            Locale::Fi | Locale::En => short_name_fi(&self.name_fi),
        }
    }

    /// The full official name in the interface language.
    pub fn name(&self) -> &str {
        self.name_in(crate::i18n::locale())
    }

    pub fn name_in(&self, locale: Locale) -> &str {
        match locale {
            Locale::Sv => &self.name_sv,
            Locale::Fi | Locale::En => &self.name_fi,
        }
    }

    /// The other official name and its language: the Swedish one, or on
    /// Swedish pages the Finnish one.
    pub fn other_name_in(&self, locale: Locale) -> (&str, Locale) {
        match locale {
            Locale::Sv => (&self.name_fi, Locale::Fi),
            Locale::Fi | Locale::En => (&self.name_sv, Locale::Sv),
        }
    }
}

use crate::i18n::Locale;

/// The short name of the area with `code` (the seed's names), for pages
/// that show codes without loading the areas (the roadmap).
pub fn area_short_name(code: &str, locale: Locale) -> String {
    #[derive(Deserialize)]
    struct Names {
        code: String,
        name_fi: String,
        name_sv: String,
    }
    static NAMES: std::sync::LazyLock<Vec<Names>> = std::sync::LazyLock::new(|| {
        serde_json::from_str(include_str!("../../seed/areas.json")).unwrap_or_default()
    });
    NAMES
        .iter()
        .find(|n| n.code == code)
        .map(|n| match locale {
            Locale::Sv => short_name_sv(&n.name_sv),
            Locale::Fi | Locale::En => short_name_fi(&n.name_fi),
        })
        .unwrap_or_else(|| code.to_string())
}

/// "Birkalands välfärdsområde" → "Birkaland", "Helsingfors stad" →
/// "Helsingfors", "Södra Savolax välfärdsområde" → "Södra Savolax".
pub fn short_name_sv(name_sv: &str) -> String {
    if name_sv == "Helsingfors stad" {
        return "Helsingfors".to_string();
    }
    let stem = name_sv.trim_end_matches(" välfärdsområde");
    // The genitive -s: "Birkalands" → "Birkaland", "Österbottens" →
    // "Österbotten"; "Vanda och Kervo", "Satakunta", "Savolax" have none.
    stem.strip_suffix('s').unwrap_or(stem).to_string()
}

/// Strips the "hyvinvointialue" suffix and turns the genitive into the
/// base form people use in speech ("Pirkanmaan hyvinvointialue" →
/// "Pirkanmaa", "Helsingin kaupunki" → "Helsinki").
pub fn short_name_fi(name_fi: &str) -> String {
    const SPECIAL: [(&str, &str); 3] = [
        ("Helsingin kaupunki", "Helsinki"),
        ("Vantaan ja Keravan hyvinvointialue", "Vantaa ja Kerava"),
        ("Kainuun hyvinvointialue", "Kainuu"),
    ];
    if let Some((_, short)) = SPECIAL.iter().find(|(full, _)| *full == name_fi) {
        return (*short).to_string();
    }
    let stem = name_fi.trim_end_matches(" hyvinvointialue");
    // "Pirkanmaan" → "Pirkanmaa", "Länsi-Uudenmaan" → "Länsi-Uusimaa",
    // "Kanta-Hämeen" → "Kanta-Häme", "Lapin" → "Lappi".
    const ENDINGS: [(&str, &str); 10] = [
        ("Satakunnan", "Satakunta"),
        ("Uudenmaan", "Uusimaa"),
        ("Hämeen", "Häme"),
        ("Karjalan", "Karjala"),
        ("Savon", "Savo"),
        ("Pohjanmaan", "Pohjanmaa"),
        ("Suomen", "Suomi"),
        ("Lapin", "Lappi"),
        ("laakson", "laakso"),
        ("maan", "maa"),
    ];
    for (genitive, base) in ENDINGS {
        if let Some(prefix) = stem.strip_suffix(genitive) {
            return format!("{prefix}{base}");
        }
    }
    stem.trim_end_matches('n').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_the_spoken_forms() {
        let cases = [
            ("Helsingin kaupunki", "Helsinki"),
            ("Pirkanmaan hyvinvointialue", "Pirkanmaa"),
            ("Länsi-Uudenmaan hyvinvointialue", "Länsi-Uusimaa"),
            ("Kanta-Hämeen hyvinvointialue", "Kanta-Häme"),
            ("Päijät-Hämeen hyvinvointialue", "Päijät-Häme"),
            ("Etelä-Karjalan hyvinvointialue", "Etelä-Karjala"),
            ("Pohjois-Savon hyvinvointialue", "Pohjois-Savo"),
            ("Keski-Pohjanmaan hyvinvointialue", "Keski-Pohjanmaa"),
            ("Varsinais-Suomen hyvinvointialue", "Varsinais-Suomi"),
            ("Keski-Suomen hyvinvointialue", "Keski-Suomi"),
            ("Lapin hyvinvointialue", "Lappi"),
            ("Kymenlaakson hyvinvointialue", "Kymenlaakso"),
            ("Satakunnan hyvinvointialue", "Satakunta"),
            ("Kainuun hyvinvointialue", "Kainuu"),
            ("Vantaan ja Keravan hyvinvointialue", "Vantaa ja Kerava"),
        ];
        for (full, short) in cases {
            assert_eq!(short_name_fi(full), short, "{full}");
        }
    }

    #[test]
    fn swedish_short_names() {
        let cases = [
            ("Helsingfors stad", "Helsingfors"),
            ("Birkalands välfärdsområde", "Birkaland"),
            ("Vanda och Kervo välfärdsområde", "Vanda och Kervo"),
            ("Satakunta välfärdsområde", "Satakunta"),
            ("Södra Savolax välfärdsområde", "Södra Savolax"),
            ("Egentliga Finlands välfärdsområde", "Egentliga Finland"),
            ("Kymmenedalens välfärdsområde", "Kymmenedalen"),
            (
                "Mellersta Österbottens välfärdsområde",
                "Mellersta Österbotten",
            ),
        ];
        for (full, short) in cases {
            assert_eq!(short_name_sv(full), short, "{full}");
        }
        assert_eq!(area_short_name("PI", Locale::Sv), "Birkaland");
        assert_eq!(area_short_name("PI", Locale::En), "Pirkanmaa");
        assert_eq!(area_short_name("HEL", Locale::Fi), "Helsinki");
    }

    #[test]
    fn keys_round_trip() {
        for p in InfluencePlace::ALL {
            assert_eq!(InfluencePlace::from_key(p.key()), Some(p));
        }
        for s in Progress::ALL {
            assert_eq!(Progress::from_key(s.key()), Some(s));
        }
        assert_eq!(Progress::from_key("finished"), None);
    }
}
