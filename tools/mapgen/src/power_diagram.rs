//! Capacity-constrained, multiplicatively weighted diagram on the land raster.
//!
//! Each group (a region, or an Uusimaa municipality) owns a set of sites and
//! a log-weight v. A pixel belongs to the group minimising
//! (squared distance to the group's nearest site) · exp(−v). The weights are
//! tuned until every group covers its target area; unlike a plain Voronoi
//! diagram this lets a small, dense area (Vantaa) and a large, sparsely
//! populated one (Lapland) both get their real size. A multiplicative weight
//! moves every border between two sites by the same fraction of their
//! distance, so a group with many close sites along a border (the Oulu
//! region) cannot push that border past a neighbour's towns (Kemi, Tornio) the
//! way an additive power weight (d² − w) does.

use crate::raster::OUTSIDE;

pub struct Group {
    pub sites: Vec<[f64; 2]>,
    /// Target area in km².
    pub target: f64,
    /// Pixels this close (km) to one of the group's sites that is the nearest
    /// site of all stay with the group whatever the weights: a sparse group's
    /// large weight must not swallow a neighbour's town (e.g. Kokkola).
    pub core_km: f64,
}

/// Extra distance (km) beyond the nearest site within which a group may still
/// win a pixel.
const REACH_KM: f64 = 80.0;

/// Groups considered per pixel: the winner is always among the nearest few.
const K: usize = 10;

/// Per land pixel, the K nearest groups (by nearest site) and their squared distances.
struct Candidates {
    group: Vec<u8>,
    d2: Vec<f32>,
    /// Group a pixel is locked to (OUTSIDE = free).
    locked: Vec<u8>,
}

fn candidates(centres: &[[f64; 2]], groups: &[Group]) -> Candidates {
    let sites: Vec<(f64, f64, usize)> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, gr)| gr.sites.iter().map(move |s| (s[0], s[1], g)))
        .collect();
    let mut group = Vec::with_capacity(centres.len() * K);
    let mut d2 = Vec::with_capacity(centres.len() * K);
    let mut best = vec![f64::MAX; groups.len()];
    let mut locked = Vec::with_capacity(centres.len());
    for c in centres {
        best.iter_mut().for_each(|b| *b = f64::MAX);
        for &(x, y, g) in &sites {
            let d = (x - c[0]).powi(2) + (y - c[1]).powi(2);
            if d < best[g] {
                best[g] = d;
            }
        }
        let mut order: Vec<usize> = (0..groups.len()).collect();
        order.sort_by(|&a, &b| best[a].total_cmp(&best[b]).then(a.cmp(&b)));
        locked.push(if best[order[0]] <= groups[order[0]].core_km.powi(2) {
            order[0] as u8
        } else {
            OUTSIDE
        });
        // A group whose nearest site is much farther than the pixel's nearest
        // site cannot claim the pixel, whatever its weight (otherwise a strong
        // weight reaches across empty land, e.g. Ostrobothnia into the
        // north-western arm of Lapland).
        let reach = (best[order[0]].sqrt() + REACH_KM).powi(2);
        for k in 0..K {
            // Fewer than K groups (a region split in two): pad with
            // candidates that never win.
            let Some(&g) = order.get(k) else {
                group.push(order[0] as u8);
                d2.push(f32::INFINITY);
                continue;
            };
            group.push(g as u8);
            d2.push(if best[g] <= reach {
                best[g] as f32
            } else {
                f32::INFINITY
            });
        }
    }
    Candidates { group, d2, locked }
}

/// Returns the group of each land pixel (centres given in km) and the
/// log-weights reached (`init` warm-starts them).
pub fn solve(
    centres: &[[f64; 2]],
    pixel_km2: f64,
    groups: &[Group],
    max_iter: usize,
    init: Option<&[f64]>,
) -> (Vec<u8>, Vec<f64>) {
    assert!(groups.len() < OUTSIDE as usize);
    let cand = candidates(centres, groups);
    let n = groups.len();
    let mut w = init.map_or_else(|| vec![0.0f64; n], <[f64]>::to_vec);
    let mut step = vec![0.5f64; n];
    let mut prev_err = vec![0.0f64; n];
    let mut lab = vec![0u8; centres.len()];
    for it in 0..=max_iter {
        let wf: Vec<f32> = w.iter().map(|&x| (-x).exp() as f32).collect();
        let mut count = vec![0usize; n];
        for (p, l) in lab.iter_mut().enumerate() {
            if cand.locked[p] != OUTSIDE {
                *l = cand.locked[p];
                count[*l as usize] += 1;
                continue;
            }
            let (gs, ds) = (&cand.group[p * K..p * K + K], &cand.d2[p * K..p * K + K]);
            let mut bi = 0;
            let mut bv = f32::MAX;
            for k in 0..K {
                let v = ds[k] * wf[gs[k] as usize];
                if v < bv {
                    bv = v;
                    bi = k;
                }
            }
            *l = gs[bi];
            count[gs[bi] as usize] += 1;
        }
        let area: Vec<f64> = count.iter().map(|&c| c as f64 * pixel_km2).collect();
        let worst = (0..n)
            .map(|g| (area[g] - groups[g].target).abs() / groups[g].target)
            .fold(0.0, f64::max);
        // Within 0.4 % or two pixels (Kauniainen is only ~24 pixels).
        let done = (0..n).all(|g| {
            (area[g] - groups[g].target).abs() <= (0.004 * groups[g].target).max(2.0 * pixel_km2)
        });
        if done || it == max_iter {
            eprintln!(
                "power diagram: {it} iterations, worst area error {:.2} %",
                worst * 100.0
            );
            break;
        }
        for g in 0..n {
            let err = groups[g].target - area[g];
            // Newton-like step for a disc (dA/dw = π), damped, with a
            // per-group step size that shrinks when the error changes sign.
            if err * prev_err[g] < 0.0 {
                step[g] = (step[g] * 0.5).max(0.02);
            } else {
                step[g] = (step[g] * 1.1).min(2.0);
            }
            prev_err[g] = err;
            w[g] += step[g] * err / groups[g].target;
        }
    }
    (lab, w)
}
