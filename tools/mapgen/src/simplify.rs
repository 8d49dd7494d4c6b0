//! Douglas–Peucker line simplification with fixed endpoints.
//!
//! Applied once per shared arc, so neighbouring areas keep identical borders.

fn seg_dist(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    };
    let (qx, qy) = (a[0] + t * dx, a[1] + t * dy);
    ((p[0] - qx).powi(2) + (p[1] - qy).powi(2)).sqrt()
}

/// Simplifies an open polyline; `tol` gives the allowed deviation at a point
/// (lets the capital region keep more detail than Lapland).
pub fn douglas_peucker(pts: &[[f64; 2]], tol: &dyn Fn([f64; 2]) -> f64) -> Vec<[f64; 2]> {
    let n = pts.len();
    if n <= 2 {
        return pts.to_vec();
    }
    if pts[0] == pts[n - 1] {
        // Closed loop: a degenerate base segment would make every distance a
        // radius; split at the point farthest from the start instead.
        let far = (1..n - 1)
            .max_by(|&i, &j| {
                seg_dist(pts[i], pts[0], pts[0])
                    .total_cmp(&seg_dist(pts[j], pts[0], pts[0]))
                    .then(j.cmp(&i))
            })
            .unwrap();
        let mut out = douglas_peucker(&pts[..=far], tol);
        out.pop();
        out.extend(douglas_peucker(&pts[far..], tol));
        return out;
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    let mut stack = vec![(0, n - 1)];
    while let Some((a, b)) = stack.pop() {
        let mut best = (0.0, 0);
        for (i, &p) in pts.iter().enumerate().take(b).skip(a + 1) {
            let d = seg_dist(p, pts[a], pts[b]) - tol(p);
            if d > best.0 {
                best = (d, i);
            }
        }
        if best.1 != 0 {
            keep[best.1] = true;
            stack.push((a, best.1));
            stack.push((best.1, b));
        }
    }
    pts.iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_endpoints_and_respects_tolerance() {
        let pts: Vec<[f64; 2]> = (0..=100)
            .map(|i| [i as f64, ((i as f64) * 0.3).sin() * 2.0])
            .collect();
        for tol in [0.1, 0.5, 1.0, 3.0] {
            let s = douglas_peucker(&pts, &|_| tol);
            assert_eq!(s[0], pts[0]);
            assert_eq!(*s.last().unwrap(), pts[100]);
            // Every original point is within tol of the simplified line.
            for p in &pts {
                let d = s
                    .windows(2)
                    .map(|w| seg_dist(*p, w[0], w[1]))
                    .fold(f64::MAX, f64::min);
                assert!(d <= tol + 1e-9, "tol {tol} d {d}");
            }
            assert!(s.len() < pts.len());
        }
        let straight = vec![[0.0, 0.0], [1.0, 0.01], [2.0, 0.0]];
        assert_eq!(
            douglas_peucker(&straight, &|_| 0.1),
            vec![[0.0, 0.0], [2.0, 0.0]]
        );
    }

    #[test]
    fn closed_loop_stays_a_ring() {
        let sq = vec![
            [0.0, 0.0],
            [5.0, 0.0],
            [10.0, 0.0],
            [10.0, 10.0],
            [0.0, 10.0],
            [0.0, 0.0],
        ];
        let s = douglas_peucker(&sq, &|_| 0.5);
        assert_eq!(
            s,
            vec![
                [0.0, 0.0],
                [10.0, 0.0],
                [10.0, 10.0],
                [0.0, 10.0],
                [0.0, 0.0]
            ]
        );
    }
}
