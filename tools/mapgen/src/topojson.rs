//! Minimal TopoJSON decoder: just enough for world-atlas's quantized,
//! delta-encoded arcs and (Multi)Polygon geometries.

use serde_json::Value;

pub type Ring = Vec<[f64; 2]>;
pub type Polygon = Vec<Ring>;

/// Decodes all arcs to absolute coordinates (applying the quantization transform).
fn decode_arcs(topo: &Value) -> Result<Vec<Vec<[f64; 2]>>, String> {
    let (scale, translate) = match topo.get("transform") {
        Some(t) => (pair(&t["scale"])?, pair(&t["translate"])?),
        None => ([1.0, 1.0], [0.0, 0.0]),
    };
    let quantized = topo.get("transform").is_some();
    let arcs = topo["arcs"].as_array().ok_or("topology has no arcs")?;
    arcs.iter()
        .map(|arc| {
            let pts = arc.as_array().ok_or("arc is not an array")?;
            let (mut x, mut y) = (0.0, 0.0);
            pts.iter()
                .map(|p| {
                    let [a, b] = pair(p)?;
                    // Quantized topologies store deltas from the previous point.
                    if quantized {
                        x += a;
                        y += b;
                    } else {
                        x = a;
                        y = b;
                    }
                    Ok([x * scale[0] + translate[0], y * scale[1] + translate[1]])
                })
                .collect()
        })
        .collect()
}

fn pair(v: &Value) -> Result<[f64; 2], String> {
    match v.as_array().map(|a| a.as_slice()) {
        Some([a, b, ..]) => Ok([
            a.as_f64().ok_or("not a number")?,
            b.as_f64().ok_or("not a number")?,
        ]),
        _ => Err(format!("expected a coordinate pair, got {v}")),
    }
}

/// Joins arcs (by index; negative = reversed arc !i) into one ring.
fn ring(arcs: &[Vec<[f64; 2]>], idx: &Value) -> Result<Ring, String> {
    let mut out: Ring = Vec::new();
    for i in idx.as_array().ok_or("ring is not an array")? {
        let i = i.as_i64().ok_or("arc index is not an integer")?;
        let (k, rev) = if i < 0 {
            (!i as usize, true)
        } else {
            (i as usize, false)
        };
        let arc = arcs.get(k).ok_or("arc index out of range")?;
        let mut pts = arc.clone();
        if rev {
            pts.reverse();
        }
        // Consecutive arcs share their joining point.
        let skip = usize::from(!out.is_empty());
        out.extend_from_slice(&pts[skip..]);
    }
    Ok(out)
}

/// Polygons (lon/lat rings) of the geometry in `object` whose `properties.name == name`.
pub fn decode_named(topo: &Value, object: &str, name: &str) -> Result<Vec<Polygon>, String> {
    let arcs = decode_arcs(topo)?;
    let geoms = topo["objects"][object]["geometries"]
        .as_array()
        .ok_or_else(|| format!("object {object} has no geometries"))?;
    let g = geoms
        .iter()
        .find(|g| g["properties"]["name"] == name)
        .ok_or_else(|| format!("no geometry named {name}"))?;
    let polys: Vec<&Value> = match g["type"].as_str() {
        Some("Polygon") => vec![&g["arcs"]],
        Some("MultiPolygon") => g["arcs"].as_array().ok_or("bad arcs")?.iter().collect(),
        t => return Err(format!("unsupported geometry type {t:?}")),
    };
    polys
        .into_iter()
        .map(|p| {
            p.as_array()
                .ok_or("polygon is not an array")?
                .iter()
                .map(|r| ring(&arcs, r))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_hand_made_topology() {
        // Two squares sharing arc 0; transform scale 0.5, translate (10, 20).
        let topo: Value = serde_json::from_str(
            r#"{"type":"Topology",
                "transform":{"scale":[0.5,0.5],"translate":[10,20]},
                "arcs":[[[2,0],[0,2]], [[2,2],[-2,0],[0,-2],[2,0]], [[2,0],[2,0],[0,2],[-2,0]]],
                "objects":{"countries":{"type":"GeometryCollection","geometries":[
                  {"type":"Polygon","properties":{"name":"A"},"arcs":[[0,1]]},
                  {"type":"MultiPolygon","properties":{"name":"B"},"arcs":[[[2,-1]]]}
                ]}}}"#,
        )
        .unwrap();
        let a = decode_named(&topo, "countries", "A").unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(
            a[0][0],
            vec![
                [11.0, 20.0],
                [11.0, 21.0],
                [10.0, 21.0],
                [10.0, 20.0],
                [11.0, 20.0]
            ]
        );
        let b = decode_named(&topo, "countries", "B").unwrap();
        // Arc 2 then arc 0 reversed: ends where it started (closed ring).
        assert_eq!(
            b[0][0],
            vec![
                [11.0, 20.0],
                [12.0, 20.0],
                [12.0, 21.0],
                [11.0, 21.0],
                [11.0, 20.0]
            ]
        );
        assert!(decode_named(&topo, "countries", "C").is_err());
    }
}
