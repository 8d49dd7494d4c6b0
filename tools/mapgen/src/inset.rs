//! The capital-region inset: a window around Helsinki and Vantaa–Kerava,
//! drawn enlarged in the sea west of the Bothnian Bay coast, where it covers
//! no land.

use crate::area_index;
use crate::raster::{label_bbox, Grid, OUTSIDE};

/// Inset magnification.
const INSET_SCALE: f64 = 4.5;

/// Both windows as (min x, min n, max x, max n), projected km.
pub struct Inset {
    /// What the inset shows: HEL + VK with a margin.
    pub source: [f64; 4],
    /// Where it is drawn, enlarged.
    pub target: [f64; 4],
}

/// `land`: the bounding box of all land, from [`label_bbox`]. The target
/// lies 15 km west of the land, at the height (scanned north to south in
/// 5 km steps) where the westernmost land of its rows is farthest east, so
/// it needs the least room off the coast.
pub fn place(grid: &Grid, alab: &[u8], land: [f64; 4]) -> Inset {
    let (w, h) = (grid.w, grid.h);
    let core = label_bbox(
        grid,
        alab,
        &[area_index("HEL") as u8, area_index("VK") as u8],
    );
    let (sw, sh) = (
        (core[2] - core[0] + 8.0).max(70.0),
        (core[3] - core[1] + 8.0).max(50.0),
    );
    let (scx, scn) = ((core[0] + core[2]) / 2.0, (core[1] + core[3]) / 2.0);
    let source = [
        scx - sw / 2.0,
        scn - sh / 2.0,
        scx + sw / 2.0,
        scn + sh / 2.0,
    ];
    let (tw, th) = (sw * INSET_SCALE, sh * INSET_SCALE);
    let row_min_x: Vec<f64> = (0..h)
        .map(|y| {
            (0..w)
                .find(|&x| alab[y * w + x] != OUTSIDE)
                .map_or(f64::MAX, |x| grid.x0 + x as f64 * grid.res)
        })
        .collect();
    let gap = 15.0;
    let mut best = (f64::MIN, 0.0);
    let mut top = land[3] - 100.0;
    while top - th > land[1] + 100.0 {
        let rows = ((grid.n0 - top - gap) / grid.res).max(0.0) as usize
            ..(((grid.n0 - (top - th) + gap) / grid.res) as usize).min(h);
        let m = rows.map(|y| row_min_x[y]).fold(f64::MAX, f64::min);
        if m > best.0 {
            best = (m, top);
        }
        top -= 5.0;
    }
    let target = [best.0 - gap - tw, best.1 - th, best.0 - gap, best.1];
    Inset { source, target }
}
