//! The area labels traced back into polygons: the raster's pixel edges
//! become arcs split at junctions, each arc is simplified once (so
//! neighbours share identical borders: no gaps, no overlaps), and each
//! area's rings are assembled from its arcs, with a label point and
//! centroid.

use crate::inset::Inset;
use crate::projection::{point_in_rings, signed_area};
use crate::raster::{self, Grid};
use crate::view::View;
use crate::{facts, output, polygonize, simplify, AreaReport};

/// Islands (and other rings) smaller than this are dropped, km².
const MIN_RING_KM2: f64 = 3.0;
/// Douglas–Peucker tolerance country-wide and inside the capital-region inset, km.
const TOL_KM: f64 = 0.5;
const TOL_INSET_KM: f64 = 0.3;
/// How deep inside its area a label must sit, as a share of the deepest
/// point's distance from the boundary.
const LABEL_DEPTH: f64 = 0.6;

/// Every area of [`facts::AREAS`] in SVG coordinates and lon/lat, and its
/// size for the report.
pub fn areas(
    grid: &Grid,
    alab: &[u8],
    view: &View,
    inset: &Inset,
) -> (Vec<output::Area>, Vec<AreaReport>) {
    let arcs = polygonize::trace_arcs(alab, grid.w, grid.h);
    let svg_arcs = simplified_arcs(grid, &arcs, view, inset.source);
    let dist = raster::inner_distance(alab, grid.w, grid.h);
    let mut out_areas = Vec::new();
    let mut report = Vec::new();
    for (ai, &(code, name_fi, name_sv)) in facts::AREAS.iter().enumerate() {
        let polys = polygons(&arcs, &svg_arcs, ai as u8);
        let area_km2: f64 = polys.iter().flatten().map(|r| -signed_area(r)).sum();
        let lonlat: Vec<output::Polygon> = polys
            .iter()
            .map(|poly| {
                poly.iter()
                    .map(|ring| {
                        let mut r: Vec<[f64; 2]> =
                            ring.iter().map(|&p| view.to_lonlat(p)).collect();
                        r.dedup();
                        r
                    })
                    .collect()
            })
            .collect();
        let (label, centroid) = label_and_centroid(grid, alab, &dist, ai);
        report.push(AreaReport {
            code,
            official_km2: facts::official_total_km2(code),
            generated_km2: area_km2,
        });
        out_areas.push(output::Area {
            code,
            name_fi,
            name_sv,
            label: view.to_svg(label),
            centroid: view.to_svg(centroid),
            area_km2: area_km2.round(),
            svg: polys,
            lonlat,
        });
    }
    (out_areas, report)
}

/// Each arc in SVG coordinates, simplified with Douglas–Peucker: finer in
/// and around the inset window (`source`), which is drawn enlarged.
fn simplified_arcs(
    grid: &Grid,
    arcs: &[polygonize::Arc],
    view: &View,
    source: [f64; 4],
) -> Vec<Vec<[f64; 2]>> {
    let tol = |p: [f64; 2]| {
        let inside = p[0] > source[0] - 5.0
            && p[0] < source[2] + 5.0
            && p[1] > source[1] - 5.0
            && p[1] < source[3] + 5.0;
        if inside {
            TOL_INSET_KM
        } else {
            TOL_KM
        }
    };
    arcs.iter()
        .map(|a| {
            let pts: Vec<[f64; 2]> = a.verts.iter().map(|&(x, y)| grid.corner(x, y)).collect();
            let mut s: Vec<[f64; 2]> = simplify::douglas_peucker(&pts, &tol)
                .into_iter()
                .map(|p| view.to_svg(p))
                .collect();
            s.dedup();
            s
        })
        .collect()
}

/// Polygons (outer ring, then holes) of area `label`, in SVG coordinates,
/// assembled from its simplified arcs. Rings under MIN_RING_KM2 are
/// dropped, except the area's largest; a hole goes to the smallest outer
/// ring containing it.
fn polygons(
    arcs: &[polygonize::Arc],
    svg_arcs: &[Vec<[f64; 2]>],
    label: u8,
) -> Vec<output::Polygon> {
    let mut rings: Vec<(f64, Vec<[f64; 2]>)> = polygonize::rings_of(arcs, label)
        .into_iter()
        .map(|r| {
            let mut pts: Vec<[f64; 2]> = Vec::new();
            for (i, rev) in r {
                let mut a = svg_arcs[i].clone();
                if rev {
                    a.reverse();
                }
                if pts.last() == a.first() {
                    pts.pop();
                }
                pts.extend(a);
            }
            pts.dedup();
            // Map orientation (y up) is the mirror of SVG's.
            (-signed_area(&pts), pts)
        })
        .filter(|(_, pts)| pts.len() >= 4)
        .collect();
    let main = rings.iter().map(|r| r.0).fold(f64::MIN, f64::max);
    rings.retain(|r| r.0.abs() >= MIN_RING_KM2 || r.0 == main);
    rings.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (outers, holes): (Vec<_>, Vec<_>) = rings.into_iter().partition(|r| r.0 > 0.0);
    let mut polys: Vec<output::Polygon> = outers.iter().map(|o| vec![o.1.clone()]).collect();
    for (_, hole) in holes {
        let k = (0..outers.len())
            .rev()
            .find(|&k| point_in_rings(hole[0], std::slice::from_ref(&outers[k].1)))
            .unwrap_or(0);
        polys[k].push(hole);
    }
    polys
}

/// Label point and centroid of area `area`, projected km. The label sits
/// well inside the area (at least `LABEL_DEPTH` of the largest distance
/// from its boundary, `dist`, so it falls inside even a curved area) and,
/// among such pixels, nearest the centroid (the mean of its pixels): the
/// single farthest pixel of a long coastal strip such as Pohjanmaa lies at
/// one end, where its name ran into its neighbour's.
fn label_and_centroid(grid: &Grid, alab: &[u8], dist: &[u32], area: usize) -> ([f64; 2], [f64; 2]) {
    let mine = || {
        alab.iter()
            .enumerate()
            .filter(move |(_, &l)| l as usize == area)
            .map(|(i, _)| i)
    };
    let (mut sx, mut sn, mut cnt, mut deepest) = (0.0, 0.0, 0.0, 0);
    for i in mine() {
        let c = grid.center(i);
        sx += c[0];
        sn += c[1];
        cnt += 1.0;
        deepest = deepest.max(dist[i]);
    }
    let centroid = [sx / cnt, sn / cnt];
    let deep_enough = (f64::from(deepest) * LABEL_DEPTH).ceil() as u32;
    let off = |i: usize| {
        let c = grid.center(i);
        (c[0] - centroid[0]).powi(2) + (c[1] - centroid[1]).powi(2)
    };
    // The first of equals wins, so the choice is deterministic.
    let mut best: Option<(f64, usize)> = None;
    for i in mine().filter(|&i| dist[i] >= deep_enough) {
        let d = off(i);
        if best.is_none_or(|(b, _)| d < b) {
            best = Some((d, i));
        }
    }
    let at = best.map_or(centroid, |(_, i)| grid.center(i));
    (at, centroid)
}
