//! Raster helpers on a regular grid of projected kilometres.
//! Row 0 is the northernmost row (like the SVG output, y grows downwards).

/// Label of pixels outside Finland.
pub const OUTSIDE: u8 = 255;

#[derive(Clone, Copy, Debug)]
pub struct Grid {
    /// Easting of the left edge of column 0.
    pub x0: f64,
    /// Northing of the top edge of row 0.
    pub n0: f64,
    pub res: f64,
    pub w: usize,
    pub h: usize,
}

impl Grid {
    /// Grid covering the rings' bounding box plus a border of empty pixels.
    pub fn covering(rings: &[Vec<[f64; 2]>], res: f64) -> Grid {
        let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
        for p in rings.iter().flatten() {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        let x0 = ((lo[0] - 2.0) / res).floor() * res;
        let n0 = ((hi[1] + 2.0) / res).ceil() * res;
        Grid {
            x0,
            n0,
            res,
            w: ((hi[0] + 2.0 - x0) / res).ceil() as usize,
            h: ((n0 - lo[1] + 2.0) / res).ceil() as usize,
        }
    }

    pub fn center(&self, i: usize) -> [f64; 2] {
        let (x, y) = (i % self.w, i / self.w);
        [
            self.x0 + (x as f64 + 0.5) * self.res,
            self.n0 - (y as f64 + 0.5) * self.res,
        ]
    }

    /// Pixel index containing a projected point, if on the grid.
    pub fn pixel_of(&self, p: [f64; 2]) -> Option<usize> {
        let x = ((p[0] - self.x0) / self.res).floor();
        let y = ((self.n0 - p[1]) / self.res).floor();
        (x >= 0.0 && y >= 0.0 && (x as usize) < self.w && (y as usize) < self.h)
            .then(|| y as usize * self.w + x as usize)
    }

    /// Projected coordinates of pixel corner (x, y), 0 ≤ x ≤ w, 0 ≤ y ≤ h.
    pub fn corner(&self, x: u32, y: u32) -> [f64; 2] {
        [self.x0 + x as f64 * self.res, self.n0 - y as f64 * self.res]
    }
}

/// Even-odd scanline fill: true for pixels whose centre is inside the rings.
pub fn rasterize(grid: &Grid, rings: &[Vec<[f64; 2]>]) -> Vec<bool> {
    let mut out = vec![false; grid.w * grid.h];
    let mut xs = Vec::new();
    for y in 0..grid.h {
        let n = grid.n0 - (y as f64 + 0.5) * grid.res;
        xs.clear();
        for ring in rings {
            for i in 0..ring.len() {
                let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                if (a[1] > n) != (b[1] > n) {
                    xs.push(a[0] + (n - a[1]) * (b[0] - a[0]) / (b[1] - a[1]));
                }
            }
        }
        xs.sort_by(f64::total_cmp);
        for pair in xs.chunks_exact(2) {
            // Columns whose centre x0 + (i + 0.5)·res lies in [pair0, pair1).
            let first = ((pair[0] - grid.x0) / grid.res - 0.5).ceil().max(0.0) as usize;
            let last = ((pair[1] - grid.x0) / grid.res - 0.5).ceil().max(0.0) as usize;
            for i in first..last.min(grid.w) {
                out[y * grid.w + i] = true;
            }
        }
    }
    out
}

fn neighbours4(i: usize, w: usize, h: usize) -> impl Iterator<Item = usize> {
    let (x, y) = (i % w, i / w);
    [
        (x > 0).then(|| i - 1),
        (x + 1 < w).then(|| i + 1),
        (y > 0).then(|| i - w),
        (y + 1 < h).then(|| i + w),
    ]
    .into_iter()
    .flatten()
}

/// 4-connected components of equal labels (OUTSIDE excluded):
/// per-pixel component id (u32::MAX outside) and per-component (label, size).
pub fn components(lab: &[u8], w: usize, h: usize) -> (Vec<u32>, Vec<(u8, usize)>) {
    let mut id = vec![u32::MAX; lab.len()];
    let mut comps = Vec::new();
    let mut stack = Vec::new();
    for s in 0..lab.len() {
        if lab[s] == OUTSIDE || id[s] != u32::MAX {
            continue;
        }
        let c = comps.len() as u32;
        let mut size = 0;
        id[s] = c;
        stack.push(s);
        while let Some(p) = stack.pop() {
            size += 1;
            for q in neighbours4(p, w, h) {
                if lab[q] == lab[s] && id[q] == u32::MAX {
                    id[q] = c;
                    stack.push(q);
                }
            }
        }
        comps.push((lab[s], size));
    }
    (id, comps)
}

/// Gives stray pieces to a neighbour: a component that contains none of its
/// label's anchor pixels (sites) and is not the label's largest piece, but
/// touches other labels, goes to the label it shares most border with.
/// Pieces bordered only by sea (islands) are kept. Pieces under `min_px[label]`
/// pixels are given away even if they hold a site (a town swallowed by a
/// neighbour would otherwise remain as a small round enclave). Labels from
/// `fixed_from` on (land outside the region being split) keep their pixels
/// and receive none, but still count as land around a piece.
pub fn reassign_orphans(
    lab: &mut [u8],
    w: usize,
    h: usize,
    anchors: &[Vec<usize>],
    min_px: &[usize],
    fixed_from: usize,
) {
    for _round in 0..20 {
        let (id, comps) = components(lab, w, h);
        let mut keep = vec![false; comps.len()];
        let mut largest: Vec<Option<usize>> = vec![None; anchors.len()];
        for (c, &(l, size)) in comps.iter().enumerate() {
            let l = l as usize;
            if largest[l].is_none_or(|b| comps[b].1 < size) {
                largest[l] = Some(c);
            }
        }
        for c in largest.into_iter().flatten() {
            keep[c] = true;
        }
        for (c, &(l, _)) in comps.iter().enumerate() {
            if l as usize >= fixed_from {
                keep[c] = true;
            }
        }
        for (l, px) in anchors.iter().enumerate() {
            for &p in px {
                if lab[p] as usize == l && comps[id[p] as usize].1 >= min_px[l] {
                    keep[id[p] as usize] = true;
                }
            }
        }
        let mut border = std::collections::BTreeMap::<u32, Vec<u32>>::new();
        for p in 0..lab.len() {
            if lab[p] == OUTSIDE || keep[id[p] as usize] {
                continue;
            }
            for q in neighbours4(p, w, h) {
                if lab[q] != OUTSIDE && lab[q] != lab[p] {
                    border
                        .entry(id[p])
                        .or_insert_with(|| vec![0; anchors.len()])[lab[q] as usize] += 1;
                }
            }
        }
        if border.is_empty() {
            return;
        }
        let new: Vec<Option<u8>> = (0..comps.len() as u32)
            .map(|c| {
                let counts = border.get(&c)?;
                let best = (0..fixed_from.min(counts.len()))
                    .filter(|&l| counts[l] > 0)
                    .max_by(|&a, &b| counts[a].cmp(&counts[b]).then(b.cmp(&a)))?;
                Some(best as u8)
            })
            .collect();
        for p in 0..lab.len() {
            if lab[p] != OUTSIDE {
                if let Some(l) = new[id[p] as usize] {
                    lab[p] = l;
                }
            }
        }
    }
}

/// Bounding box (min x, min n, max x, max n) of the pixels with a label in
/// `want`.
pub(crate) fn label_bbox(grid: &Grid, lab: &[u8], want: &[u8]) -> [f64; 4] {
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

/// Chamfer (3-4) distance of every pixel to the nearest pixel of another
/// label or outside; used to find label points deep inside each area.
pub fn inner_distance(lab: &[u8], w: usize, h: usize) -> Vec<u32> {
    let mut d = vec![u32::MAX / 2; lab.len()];
    for p in 0..lab.len() {
        let edge = (p % w == 0 || p % w == w - 1 || p / w == 0 || p / w == h - 1)
            || neighbours4(p, w, h).any(|q| lab[q] != lab[p]);
        if lab[p] == OUTSIDE || edge {
            d[p] = 0;
        }
    }
    let fwd: [(isize, isize, u32); 4] = [(-1, 0, 3), (-1, -1, 4), (0, -1, 3), (1, -1, 4)];
    for pass in 0..2 {
        for k in 0..lab.len() {
            let p = if pass == 0 { k } else { lab.len() - 1 - k };
            let (x, y) = ((p % w) as isize, (p / w) as isize);
            for &(dx, dy, c) in &fwd {
                let (dx, dy) = if pass == 0 { (dx, dy) } else { (-dx, -dy) };
                let (qx, qy) = (x + dx, y + dy);
                if qx >= 0 && qy >= 0 && (qx as usize) < w && (qy as usize) < h {
                    let q = qy as usize * w + qx as usize;
                    d[p] = d[p].min(d[q] + c);
                }
            }
        }
    }
    d
}
