//! The five 2021 municipality moves: each moved municipality is carved out
//! of its old region with a diagram of one group for the rest of the region
//! and one per moved municipality, and its pixels go to the new area.

use crate::power_diagram::Group;
use crate::projection::forward;
use crate::raster::Grid;
use crate::{area_index, facts, places, region_index, region_split};

/// Locked core radius around sites (see power_diagram::Group::core_km), km:
/// towns of the rest of a region, villages of a moved municipality.
const REGION_CORE_KM: f64 = 5.0;
const MOVED_CORE_KM: f64 = 3.0;
/// GeoNames places of a moved municipality's new region count as its places
/// within this distance of its centre, km (farther ones are places of the
/// new region that Natural Earth's coarse border puts in the old one).
const MOVED_PLACE_RADIUS_KM: f64 = 25.0;

/// Gives each moved municipality's pixels in `alab` (area labels) to its new
/// area. It grows from its places inside its old region until it has its
/// area, and must touch the new area's region (else the move is an error).
pub fn carve(
    grid: &Grid,
    rlab: &[u8],
    places: &[places::Place],
    alab: &mut [u8],
) -> Result<(), String> {
    for (ri, &(_, from, _)) in facts::REGIONS.iter().enumerate() {
        let moves: Vec<&facts::Move> = facts::MOVES.iter().filter(|m| m.from == from).collect();
        if moves.is_empty() {
            continue;
        }
        let groups = moved_groups(grid, rlab, ri, &moves, places);
        let merge: Vec<u8> = (0..groups.len() as u8).collect();
        let glab = region_split::split(grid, rlab, ri, groups, &merge);
        for (k, mv) in moves.iter().enumerate() {
            let g = (k + 1) as u8;
            let to = region_index(mv.to) as u8;
            if !touches(&glab, g, rlab, to, grid.w) {
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
    Ok(())
}

/// Groups for a region that lost municipalities in 2021: the rest of the
/// region (its own GeoNames places inside it), then each moved municipality
/// (centre, typed villages and the new region's places near the centre).
/// Targets are official land + inland water; `region_split::split` scales them to
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

/// Whether some pixel labelled `a` touches a pixel of region `b` in `rlab`.
fn touches(lab: &[u8], a: u8, rlab: &[u8], b: u8, w: usize) -> bool {
    (0..lab.len()).any(|p| {
        lab[p] == a
            && [p.wrapping_sub(1), p + 1, p.wrapping_sub(w), p + w]
                .into_iter()
                .any(|q| rlab.get(q) == Some(&b))
    })
}
