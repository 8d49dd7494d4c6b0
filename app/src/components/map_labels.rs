//! Which area names the map shows, so that none covers another or the
//! inset. On a phone the names are larger relative to the map (they must
//! stay readable at about half a pixel per kilometre), and the small
//! southern areas have no room for all of theirs: the larger area keeps its
//! name and the covered one leaves it out, as map makers do. Every area is
//! still named by the card a pointer or finger brings up, by the live
//! region the keyboard moves, and in the table beside the map.
//!
//! Decided from estimated text boxes when the page is rendered, so the
//! server and the browser agree and it works before and without the wasm;
//! the estimate errs on the large side (a browser test measures the real
//! boxes in all three languages at both sizes).

/// One of the two text sizes of the names, in map units
/// (`style/main.css`, `.map-label`: 15px, 24px below 40rem).
struct Size {
    font: f64,
    /// A character's advance in ems, on the wide side: measured in
    /// Chromium with DejaVu Sans, these names average 0.42–0.54 em at the
    /// desktop size and 0.49–0.62 em at the phone size (hinting).
    char_em: f64,
    /// The white halo around each name (half its stroke) and a little air.
    halo: f64,
}

const DESKTOP: Size = Size {
    font: 15.0,
    char_em: 0.55,
    halo: 2.0,
};
const PHONE: Size = Size {
    font: 24.0,
    char_em: 0.65,
    halo: 2.5,
};

/// One name on the main map.
pub struct Name<'a> {
    pub text: &'a str,
    /// Where the area wants it (the middle of its baseline).
    pub at: [f64; 2],
    /// The area's size: the larger area keeps its name.
    pub km2: f64,
}

/// Where a name goes and at which sizes it is shown. At the phone size it
/// may sit further in from the map's side (`phone_dx`, a CSS shift: one
/// element serves both sizes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placed {
    pub x: f64,
    pub y: f64,
    pub phone_dx: f64,
    pub on_desktop: bool,
    pub on_phone: bool,
}

type Rect = [f64; 4]; // left, top, right, bottom

fn half_width(text: &str, size: &Size) -> f64 {
    text.chars().count() as f64 * size.font * size.char_em / 2.0 + size.halo
}

fn text_box(text: &str, x: f64, y: f64, size: &Size) -> Rect {
    let half = half_width(text, size);
    [
        x - half,
        y - 0.95 * size.font - size.halo,
        x + half,
        y + 0.25 * size.font + size.halo,
    ]
}

fn meet(a: &Rect, b: &Rect) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// `view_box`: the map's (x, y, width, height), names are moved in from
/// its sides; `keep_clear`: the inset's frame (x, y, width, height).
pub fn place(names: &[Name], view_box: [f64; 4], keep_clear: [f64; 4]) -> Vec<Placed> {
    let (left, right) = (view_box[0], view_box[0] + view_box[2]);
    let clear: Rect = [
        keep_clear[0],
        keep_clear[1],
        keep_clear[0] + keep_clear[2],
        keep_clear[1] + keep_clear[3],
    ];
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| names[b].km2.total_cmp(&names[a].km2).then(a.cmp(&b)));
    // For one size: each name's x (inside the map) and whether it is shown.
    let at_size = |size: &Size| {
        let xs: Vec<f64> = names
            .iter()
            .map(|n| {
                let half = half_width(n.text, size).min((right - left) / 2.0);
                n.at[0].clamp(left + half, right - half)
            })
            .collect();
        let mut kept: Vec<Rect> = Vec::new();
        let mut shown = vec![false; names.len()];
        for &i in &order {
            let rect = text_box(names[i].text, xs[i], names[i].at[1], size);
            if !meet(&rect, &clear) && !kept.iter().any(|k| meet(k, &rect)) {
                kept.push(rect);
                shown[i] = true;
            }
        }
        (xs, shown)
    };
    let (desktop_x, on_desktop) = at_size(&DESKTOP);
    let (phone_x, on_phone) = at_size(&PHONE);
    (0..names.len())
        .map(|i| Placed {
            x: desktop_x[i],
            y: names[i].at[1],
            phone_dx: phone_x[i] - desktop_x[i],
            on_desktop: on_desktop[i],
            on_phone: on_phone[i],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str, x: f64, y: f64, km2: f64) -> Name<'_> {
        Name {
            text,
            at: [x, y],
            km2,
        }
    }

    #[test]
    fn of_two_names_that_meet_the_larger_area_keeps_its_own() {
        let names = [
            name("Pieni", 100.0, 100.0, 10.0),
            name("Suuri", 110.0, 105.0, 99.0),
        ];
        let placed = place(&names, [0.0, 0.0, 500.0, 500.0], [0.0, 0.0, 0.0, 0.0]);
        assert!(!placed[0].on_desktop && !placed[0].on_phone);
        assert!(placed[1].on_desktop && placed[1].on_phone);
    }

    #[test]
    fn names_that_fit_at_the_small_size_only_are_left_out_on_phones() {
        // 30 units apart: clear at 15, not at 24.
        let names = [
            name("Aaaa", 100.0, 100.0, 10.0),
            name("Bbbb", 100.0, 130.0, 20.0),
        ];
        let placed = place(&names, [0.0, 0.0, 500.0, 500.0], [0.0, 0.0, 0.0, 0.0]);
        assert!(placed[0].on_desktop && placed[1].on_desktop);
        assert!(!placed[0].on_phone && placed[1].on_phone);
    }

    #[test]
    fn a_name_never_covers_the_inset_and_is_moved_in_from_the_edge() {
        let names = [
            name("Saaristo", 50.0, 50.0, 10.0),
            name("Reuna-alue", 495.0, 300.0, 10.0),
        ];
        let placed = place(&names, [0.0, 0.0, 500.0, 500.0], [0.0, 0.0, 120.0, 120.0]);
        assert!(!placed[0].on_desktop && !placed[0].on_phone);
        let (phone, desktop) = (
            half_width("Reuna-alue", &PHONE),
            half_width("Reuna-alue", &DESKTOP),
        );
        assert!((placed[1].x - (500.0 - desktop)).abs() < 1e-9);
        assert!((placed[1].x + placed[1].phone_dx - (500.0 - phone)).abs() < 1e-9);
        assert!(placed[1].on_phone && placed[1].on_desktop);
    }
}
