//! Splits one region's pixels among groups of sites with the
//! capacity-constrained diagram ([`crate::power_diagram`]), shared by the
//! Uusimaa split and the 2021 moves. Around the solve: sites stranded in
//! side pieces are dropped (thinning), land-locked pieces go to a neighbour
//! (orphans), and the targets are corrected for what changed hands
//! (re-balancing), so every label ends with its own share.

use crate::power_diagram::{self, Group};
use crate::raster::{self, Grid, OUTSIDE};

/// Detached pieces of a group smaller than this (km², at most 5 % of its
/// target) are merged into their neighbour even when they contain a site.
const ENCLAVE_KM2: f64 = 40.0;
/// Re-solves after dropping sites stranded in side pieces, at most this often.
const MAX_THIN_ROUNDS: usize = 3;
/// Re-solves with corrected targets after side pieces changed hands, at
/// most this often, until every merged label is within BALANCE_TOL of its
/// share.
const MAX_BALANCE_ROUNDS: usize = 4;
const BALANCE_TOL: f64 = 0.01;

/// Splits the pixels of region `region` (in `rlab`) among `groups` with the
/// capacity-constrained diagram and merges group g into output label
/// `merge[g]` (Uusimaa's municipalities into its areas). Returns a label per
/// pixel: the output label inside the region, `n_out` on other land,
/// OUTSIDE in the sea. Group targets are scaled so they add up to the
/// region's rasterised area.
pub fn split(
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
