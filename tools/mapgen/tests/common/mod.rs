//! What the mapgen test files share: the repository root and the committed
//! GeoJSON read back as rings.

use serde_json::Value;
use std::path::PathBuf;

/// Rings of one polygon (outer ring, then holes), lon/lat.
pub type Rings = Vec<Vec<[f64; 2]>>;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A committed file of app/geo, parsed.
pub fn load(name: &str) -> Value {
    let path = root().join("app/geo").join(name);
    serde_json::from_str(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap()
}

/// Area code → the polygons of its MultiPolygon in the committed GeoJSON,
/// in the file's order.
pub fn committed_polygons() -> Vec<(String, Vec<Rings>)> {
    load("areas.geojson")["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let polys = f["geometry"]["coordinates"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    p.as_array()
                        .unwrap()
                        .iter()
                        .map(|r| {
                            r.as_array()
                                .unwrap()
                                .iter()
                                .map(|c| [c[0].as_f64().unwrap(), c[1].as_f64().unwrap()])
                                .collect()
                        })
                        .collect()
                })
                .collect();
            (f["properties"]["code"].as_str().unwrap().to_string(), polys)
        })
        .collect()
}
