//! The SVG frame: land plus the inset with a margin, and the conversions
//! from projected km to SVG coordinates (y grows downwards) and to lon/lat,
//! rounded as the committed files store them.

use crate::projection::inverse;

/// Margin around the map in the SVG view box, km.
const MARGIN_KM: f64 = 10.0;

pub struct View {
    /// Projected x and n of the SVG origin (its top-left corner).
    ox: f64,
    on: f64,
    width: f64,
    height: f64,
}

impl View {
    /// `land` and `inset` as (min x, min n, max x, max n), projected km.
    pub fn framing(land: [f64; 4], inset: [f64; 4]) -> View {
        let ox = (land[0].min(inset[0]) - MARGIN_KM).floor();
        let on = (land[3].max(inset[3]) + MARGIN_KM).ceil();
        let width = ((land[2].max(inset[2]) + MARGIN_KM - ox) * 10.0).ceil() / 10.0;
        let height = ((on - land[1].min(inset[1]) + MARGIN_KM) * 10.0).ceil() / 10.0;
        View {
            ox,
            on,
            width,
            height,
        }
    }

    pub fn view_box(&self) -> [f64; 4] {
        [0.0, 0.0, self.width, self.height]
    }

    /// A projected point in SVG coordinates, rounded to 0.1 km.
    pub fn to_svg(&self, p: [f64; 2]) -> [f64; 2] {
        [round_to(p[0] - self.ox, 1), round_to(self.on - p[1], 1)]
    }

    /// A projected (min x, min n, max x, max n) box as SVG (x, y, width, height).
    pub fn rect(&self, r: [f64; 4]) -> [f64; 4] {
        let a = self.to_svg([r[0], r[3]]);
        [
            a[0],
            a[1],
            round_to(r[2] - r[0], 1),
            round_to(r[3] - r[1], 1),
        ]
    }

    /// An SVG point in lon/lat, rounded to 5 decimals (about 1 m).
    pub fn to_lonlat(&self, p: [f64; 2]) -> [f64; 2] {
        let ll = inverse(p[0] + self.ox, self.on - p[1]);
        [round_to(ll[0], 5), round_to(ll[1], 5)]
    }
}

/// `x` rounded to `digits` decimals, with −0 written as 0.
fn round_to(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    let r = (x * f).round() / f;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}
