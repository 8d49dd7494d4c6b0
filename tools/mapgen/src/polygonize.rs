//! Label raster → polygons with shared arcs.
//!
//! Boundaries are traced along pixel edges and cut at nodes (pixel corners
//! where three or more labels meet, or two labels touch diagonally). Each arc
//! is later simplified once and reused by both neighbours, so the areas
//! keep tiling the country without gaps or overlaps.

use crate::raster::OUTSIDE;
use std::collections::BTreeMap;

/// Directions between pixel corners; y grows downwards (row 0 = north).
const E: u8 = 0;
const S: u8 = 1;
const W: u8 = 2;
const N: u8 = 3;

fn reverse(d: u8) -> u8 {
    (d + 2) % 4
}
/// Left turn as seen on the screen (y down): east → north.
fn turn_left(d: u8) -> u8 {
    (d + 3) % 4
}
fn turn_right(d: u8) -> u8 {
    (d + 1) % 4
}

pub struct Arc {
    /// Pixel corners (x, y), 0 ≤ x ≤ w, 0 ≤ y ≤ h.
    pub verts: Vec<(u32, u32)>,
    /// Label on the (screen) left / right of the arc in its stored direction.
    pub left: u8,
    pub right: u8,
    start_dir: u8,
    end_dir: u8,
}

struct Labels<'a> {
    lab: &'a [u8],
    w: usize,
    h: usize,
}

impl Labels<'_> {
    fn pix(&self, x: i64, y: i64) -> u8 {
        if x < 0 || y < 0 || x >= self.w as i64 || y >= self.h as i64 {
            OUTSIDE
        } else {
            self.lab[y as usize * self.w + x as usize]
        }
    }

    /// (left, right) labels of the edge leaving corner (x, y) in direction d,
    /// if it exists and separates two different labels.
    fn sides(&self, x: u32, y: u32, d: u8) -> Option<(u8, u8)> {
        let (x, y) = (x as i64, y as i64);
        let (l, r) = match d {
            E if x < self.w as i64 => (self.pix(x, y - 1), self.pix(x, y)),
            S if y < self.h as i64 => (self.pix(x, y), self.pix(x - 1, y)),
            W if x > 0 => (self.pix(x - 1, y), self.pix(x - 1, y - 1)),
            N if y > 0 => (self.pix(x - 1, y - 1), self.pix(x, y - 1)),
            _ => return None,
        };
        (l != r).then_some((l, r))
    }

    fn degree(&self, x: u32, y: u32) -> usize {
        (0..4).filter(|&d| self.sides(x, y, d).is_some()).count()
    }
}

fn step(v: (u32, u32), d: u8) -> (u32, u32) {
    match d {
        E => (v.0 + 1, v.1),
        S => (v.0, v.1 + 1),
        W => (v.0 - 1, v.1),
        _ => (v.0, v.1 - 1),
    }
}

struct Tracer<'a> {
    l: Labels<'a>,
    /// Visited flags for the east and the south edge of every corner.
    seen_e: Vec<bool>,
    seen_s: Vec<bool>,
}

impl Tracer<'_> {
    /// Index into the seen flags of the undirected edge leaving v in direction d.
    fn edge(&mut self, v: (u32, u32), d: u8) -> &mut bool {
        let vw = self.l.w + 1;
        let i = v.1 as usize * vw + v.0 as usize;
        match d {
            E => &mut self.seen_e[i],
            S => &mut self.seen_s[i],
            W => &mut self.seen_e[i - 1],
            _ => &mut self.seen_s[i - vw],
        }
    }

    fn is_node(&self, v: (u32, u32)) -> bool {
        self.l.degree(v.0, v.1) >= 3
    }

    fn trace(&mut self, start: (u32, u32), d0: u8) -> Arc {
        let (left, right) = self.l.sides(start.0, start.1, d0).unwrap();
        let mut verts = vec![start];
        let (mut v, mut d) = (start, d0);
        loop {
            *self.edge(v, d) = true;
            v = step(v, d);
            verts.push(v);
            if v == start || self.is_node(v) {
                break;
            }
            // Degree-2 corner: continue along the only other boundary edge.
            d = [turn_left(d), d, turn_right(d)]
                .into_iter()
                .find(|&nd| self.l.sides(v.0, v.1, nd).is_some())
                .expect("boundary continues");
        }
        Arc {
            verts,
            left,
            right,
            start_dir: d0,
            end_dir: d,
        }
    }
}

/// Traces all boundary arcs of a label raster (w×h, OUTSIDE = no land).
/// Scan order makes the result deterministic.
pub fn trace_arcs(lab: &[u8], w: usize, h: usize) -> Vec<Arc> {
    let n = (w + 1) * (h + 1);
    let mut t = Tracer {
        l: Labels { lab, w, h },
        seen_e: vec![false; n],
        seen_s: vec![false; n],
    };
    let mut arcs = Vec::new();
    // Arcs between nodes first …
    for y in 0..=h as u32 {
        for x in 0..=w as u32 {
            if t.is_node((x, y)) {
                for d in 0..4 {
                    if t.l.sides(x, y, d).is_some() && !*t.edge((x, y), d) {
                        arcs.push(t.trace((x, y), d));
                    }
                }
            }
        }
    }
    // … then closed loops without nodes (islands, enclaves).
    for y in 0..=h as u32 {
        for x in 0..=w as u32 {
            for d in [E, S] {
                if t.l.sides(x, y, d).is_some() && !*t.edge((x, y), d) {
                    arcs.push(t.trace((x, y), d));
                }
            }
        }
    }
    arcs
}

/// Rings of one label as sequences of (arc index, reversed), each traversed
/// with the label on the screen-left side (counter-clockwise on the map for
/// outer rings, clockwise for holes). At a corner where the label touches
/// itself diagonally we turn left, i.e. keep the diagonal pixels apart.
pub fn rings_of(arcs: &[Arc], label: u8) -> Vec<Vec<(usize, bool)>> {
    // (start corner, start direction) → directed arc; plus its end corner and arriving direction.
    let mut by_start = BTreeMap::new();
    let mut directed = Vec::new();
    for (i, a) in arcs.iter().enumerate() {
        let (first, last) = (a.verts[0], *a.verts.last().unwrap());
        if a.left == label {
            by_start.insert((first, a.start_dir), directed.len());
            directed.push(((i, false), last, a.end_dir));
        }
        if a.right == label {
            by_start.insert((last, reverse(a.end_dir)), directed.len());
            directed.push(((i, true), first, reverse(a.start_dir)));
        }
    }
    let mut used = vec![false; directed.len()];
    let mut rings = Vec::new();
    for s in 0..directed.len() {
        if used[s] {
            continue;
        }
        used[s] = true;
        let mut ring = vec![directed[s].0];
        let mut cur = s;
        for _ in 0..directed.len() {
            let (_, v, din) = directed[cur];
            let next = [turn_left(din), din, turn_right(din)]
                .into_iter()
                .find_map(|d| by_start.get(&(v, d)).copied());
            match next {
                Some(nx) if nx == s => break,
                Some(nx) if !used[nx] => {
                    used[nx] = true;
                    ring.push(directed[nx].0);
                    cur = nx;
                }
                _ => panic!("broken ring topology for label {label}"),
            }
        }
        rings.push(ring);
    }
    rings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring_corners(arcs: &[Arc], ring: &[(usize, bool)]) -> Vec<(u32, u32)> {
        let mut out: Vec<(u32, u32)> = Vec::new();
        for &(i, rev) in ring {
            let mut v = arcs[i].verts.clone();
            if rev {
                v.reverse();
            }
            if !out.is_empty() {
                v.remove(0);
            }
            out.extend(v);
        }
        out
    }

    fn area2(c: &[(u32, u32)]) -> i64 {
        // Shoelace in screen coordinates; negate for y-up.
        -c.windows(2)
            .map(|p| p[0].0 as i64 * p[1].1 as i64 - p[1].0 as i64 * p[0].1 as i64)
            .sum::<i64>()
    }

    #[test]
    fn shared_arcs_and_orientation() {
        // 0 0 1
        // 0 2 1     2 is an enclave of 0 touching 1
        // 0 0 1
        let lab = [0, 0, 1, 0, 2, 1, 0, 0, 1];
        let arcs = trace_arcs(&lab, 3, 3);
        for label in [0u8, 1, 2] {
            let rings = rings_of(&arcs, label);
            let total: i64 = rings.iter().map(|r| area2(&ring_corners(&arcs, r))).sum();
            let pixels = lab.iter().filter(|&&l| l == label).count() as i64;
            assert_eq!(total, 2 * pixels, "label {label}");
            for r in &rings {
                let c = ring_corners(&arcs, r);
                assert_eq!(c.first(), c.last());
            }
        }
        // Every arc is used once per side.
        for a in &arcs {
            assert_ne!(a.left, a.right);
        }
    }

    #[test]
    fn hole_and_diagonal_touch() {
        // 1 0 0 0
        // 0 1 1 1
        // 0 1 0 1   label 1 has a hole and a pixel touching diagonally
        // 0 1 1 1
        let lab = [1, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 1];
        let arcs = trace_arcs(&lab, 4, 4);
        let rings = rings_of(&arcs, 1);
        let areas: Vec<i64> = rings
            .iter()
            .map(|r| area2(&ring_corners(&arcs, r)))
            .collect();
        // Two outer rings (1 px and the 3×3 block) and one hole (−1 px), kept apart.
        let mut sorted = areas.clone();
        sorted.sort();
        assert_eq!(sorted, vec![-2, 2, 18]);
    }
}
