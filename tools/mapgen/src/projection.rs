//! Lambert azimuthal equal-area projection on a sphere.
//!
//! Equal-area is what we want: pixel counts on the raster are then directly
//! square kilometres, so the power diagram can hit the target areas.

/// Mean Earth radius (IUGG), km.
pub const R_KM: f64 = 6371.0088;
/// Projection centre: roughly the middle of mainland Finland.
pub const LON0: f64 = 26.0;
pub const LAT0: f64 = 64.5;

/// (lon, lat) in degrees → (x east, y north) in km.
pub fn forward(lon: f64, lat: f64) -> [f64; 2] {
    let (phi, lam) = (lat.to_radians(), (lon - LON0).to_radians());
    let phi1 = LAT0.to_radians();
    let k = (2.0 / (1.0 + phi1.sin() * phi.sin() + phi1.cos() * phi.cos() * lam.cos())).sqrt();
    [
        R_KM * k * phi.cos() * lam.sin(),
        R_KM * k * (phi1.cos() * phi.sin() - phi1.sin() * phi.cos() * lam.cos()),
    ]
}

/// (x east, y north) in km → (lon, lat) in degrees.
pub fn inverse(x: f64, y: f64) -> [f64; 2] {
    let phi1 = LAT0.to_radians();
    let rho = (x * x + y * y).sqrt();
    if rho < 1e-12 {
        return [LON0, LAT0];
    }
    let c = 2.0 * (rho / (2.0 * R_KM)).asin();
    let phi = (c.cos() * phi1.sin() + y * c.sin() * phi1.cos() / rho).asin();
    let lam = (x * c.sin()).atan2(rho * phi1.cos() * c.cos() - y * phi1.sin() * c.sin());
    [LON0 + lam.to_degrees(), phi.to_degrees()]
}

/// Signed shoelace area of a ring in a y-up plane (positive = counter-clockwise).
/// Works for closed (first == last) and open rings alike.
pub fn signed_area(ring: &[[f64; 2]]) -> f64 {
    let n = ring.len();
    if n < 3 {
        return 0.0;
    }
    let mut s = 0.0;
    for i in 0..n {
        let a = ring[i];
        let b = ring[(i + 1) % n];
        s += a[0] * b[1] - b[0] * a[1];
    }
    s / 2.0
}

/// Even-odd point-in-polygon over any number of rings.
pub fn point_in_rings(p: [f64; 2], rings: &[Vec<[f64; 2]>]) -> bool {
    let mut inside = false;
    for ring in rings {
        let n = ring.len();
        for i in 0..n {
            let a = ring[i];
            let b = ring[(i + 1) % n];
            if (a[1] > p[1]) != (b[1] > p[1]) {
                let x = a[0] + (p[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1]);
                if p[0] < x {
                    inside = !inside;
                }
            }
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for &(lon, lat) in &[(20.5, 59.7), (26.0, 64.5), (31.6, 70.1), (24.9384, 60.1699)] {
            let [x, y] = forward(lon, lat);
            let [lo, la] = inverse(x, y);
            assert!(
                (lo - lon).abs() < 1e-6 && (la - lat).abs() < 1e-6,
                "{lon},{lat}"
            );
        }
        let [x, y] = forward(LON0, LAT0);
        assert!(x.abs() < 1e-9 && y.abs() < 1e-9);
    }

    #[test]
    fn equal_area_cell() {
        // A 0.1°×0.1° cell at 60°N has area R²·Δλ·(sin φ2 − sin φ1).
        let (lon, lat, d) = (25.0_f64, 60.0_f64, 0.1_f64);
        let ring: Vec<[f64; 2]> = [
            (lon, lat),
            (lon + d, lat),
            (lon + d, lat + d),
            (lon, lat + d),
        ]
        .iter()
        .map(|&(a, b)| forward(a, b))
        .collect();
        let exact =
            R_KM * R_KM * d.to_radians() * ((lat + d).to_radians().sin() - lat.to_radians().sin());
        assert!((signed_area(&ring) - exact).abs() / exact < 1e-3);
    }

    #[test]
    fn ring_helpers() {
        let ccw = vec![[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0], [0.0, 0.0]];
        assert_eq!(signed_area(&ccw), 4.0);
        let cw: Vec<_> = ccw.iter().rev().copied().collect();
        assert_eq!(signed_area(&cw), -4.0);
        assert!(point_in_rings([1.0, 1.0], std::slice::from_ref(&ccw)));
        assert!(!point_in_rings([3.0, 1.0], std::slice::from_ref(&ccw)));
        let hole = vec![[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 1.5]];
        assert!(!point_in_rings([1.0, 1.0], &[ccw, hole]));
    }
}
