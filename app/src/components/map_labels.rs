//! Which area names the map shows, so that none covers another, the
//! inset or the inset's caption. On a phone the names are larger relative
//! to the map (they must stay readable at about half a pixel per
//! kilometre), and the small
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
    /// The inset's caption at this size (`.inset-title`: 14px, 22px).
    caption_font: f64,
}

const DESKTOP: Size = Size {
    font: 15.0,
    char_em: 0.55,
    halo: 2.0,
    caption_font: 14.0,
};
const PHONE: Size = Size {
    font: 24.0,
    char_em: 0.65,
    halo: 2.5,
    caption_font: 22.0,
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

/// The estimated width of `text` at `font` units, with this size's
/// character advance.
fn text_width(text: &str, font: f64, size: &Size) -> f64 {
    text.chars().count() as f64 * font * size.char_em
}

fn half_width(text: &str, size: &Size) -> f64 {
    text_width(text, size.font, size) / 2.0 + size.halo
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

/// The inset's caption as it is drawn at one text size: where its first
/// baseline starts (under the frame's left corner, clear of its border)
/// and its lines.
#[derive(Debug)]
pub struct Caption<'a> {
    pub x: f64,
    pub y: f64,
    pub lines: Vec<&'a str>,
}

/// The distance between the caption's baselines, in ems (`dy` of its
/// second line).
pub const CAPTION_LINE_EM: f64 = 1.15;

/// The caption at one size: one line, or two (split at the space nearest
/// its middle) when one would run past the frame's width.
fn caption_at<'a>(caption: &'a str, frame: [f64; 4], size: &Size) -> Caption<'a> {
    let f = size.caption_font;
    let middle = caption.chars().count() as i64 / 2;
    let lines = if text_width(caption, f, size) <= frame[2] {
        vec![caption]
    } else {
        caption
            .char_indices()
            .filter(|&(_, c)| c == ' ')
            .min_by_key(|&(i, _)| (caption[..i].chars().count() as i64 - middle).abs())
            .map_or_else(
                || vec![caption],
                |(i, _)| vec![&caption[..i], &caption[i + 1..]],
            )
    };
    Caption {
        x: frame[0] + 4.0,
        y: frame[1] + frame[3] + 4.0 + 0.95 * f,
        lines,
    }
}

/// The caption on a desktop and on a phone.
pub fn captions(caption: &str, frame: [f64; 4]) -> [Caption<'_>; 2] {
    [
        caption_at(caption, frame, &DESKTOP),
        caption_at(caption, frame, &PHONE),
    ]
}

/// The caption's box at one size, with a name's halo of air around it.
fn caption_box(caption: &str, frame: [f64; 4], size: &Size) -> Rect {
    let Caption { x, y, lines } = caption_at(caption, frame, size);
    let f = size.caption_font;
    let widest = lines
        .iter()
        .map(|l| text_width(l, f, size))
        .fold(0.0, f64::max);
    let below = (lines.len().max(1) - 1) as f64 * CAPTION_LINE_EM * f;
    [
        x - size.halo,
        y - 0.95 * f - size.halo,
        x + widest + size.halo,
        y + below + 0.25 * f + size.halo,
    ]
}

/// `view_box`: the map's (x, y, width, height), names are moved in from
/// its sides; `frame`: the inset's (x, y, width, height), which has
/// `caption` under it.
pub fn place(names: &[Name], view_box: [f64; 4], frame: [f64; 4], caption: &str) -> Vec<Placed> {
    let (left, right) = (view_box[0], view_box[0] + view_box[2]);
    let frame_rect: Rect = [frame[0], frame[1], frame[0] + frame[2], frame[1] + frame[3]];
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
        let clear = [frame_rect, caption_box(caption, frame, size)];
        let mut kept: Vec<Rect> = Vec::new();
        let mut shown = vec![false; names.len()];
        for &i in &order {
            let rect = text_box(names[i].text, xs[i], names[i].at[1], size);
            if !clear.iter().any(|c| meet(&rect, c)) && !kept.iter().any(|k| meet(k, &rect)) {
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
        let placed = place(&names, [0.0, 0.0, 500.0, 500.0], [0.0, 0.0, 0.0, 0.0], "");
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
        let placed = place(&names, [0.0, 0.0, 500.0, 500.0], [0.0, 0.0, 0.0, 0.0], "");
        assert!(placed[0].on_desktop && placed[1].on_desktop);
        assert!(!placed[0].on_phone && placed[1].on_phone);
    }

    #[test]
    fn a_name_never_covers_the_inset_and_is_moved_in_from_the_edge() {
        let names = [
            name("Saaristo", 50.0, 50.0, 10.0),
            name("Reuna-alue", 495.0, 300.0, 10.0),
        ];
        let placed = place(
            &names,
            [0.0, 0.0, 500.0, 500.0],
            [0.0, 0.0, 120.0, 120.0],
            "",
        );
        assert!(!placed[0].on_desktop && !placed[0].on_phone);
        let (phone, desktop) = (
            half_width("Reuna-alue", &PHONE),
            half_width("Reuna-alue", &DESKTOP),
        );
        assert!((placed[1].x - (500.0 - desktop)).abs() < 1e-9);
        assert!((placed[1].x + placed[1].phone_dx - (500.0 - phone)).abs() < 1e-9);
        assert!(placed[1].on_phone && placed[1].on_desktop);
    }

    #[test]
    fn a_name_never_covers_the_inset_caption_at_its_own_size() {
        // The caption runs from x 14 under a frame ending at y 200, one
        // line at both sizes (baseline 217.3 or 224.9); a name at 240
        // clears the small caption but not the large one.
        let caption = "Uusimaa suurennettuna";
        let frame = [10.0, 100.0, 320.0, 100.0];
        let names = [name("Alue", 120.0, 240.0, 10.0)];
        let placed = place(&names, [0.0, 0.0, 500.0, 500.0], frame, caption);
        assert!(placed[0].on_desktop);
        assert!(!placed[0].on_phone);
        // Without the caption the same name fits at both sizes.
        let placed = place(&names, [0.0, 0.0, 500.0, 500.0], frame, "");
        assert!(placed[0].on_desktop && placed[0].on_phone);
    }

    #[test]
    fn a_caption_wider_than_the_frame_takes_two_lines_split_near_its_middle() {
        let frame = [10.0, 100.0, 315.0, 225.0];
        let [desktop, phone] = captions("Pääkaupunkiseutu suurennettuna", frame);
        assert_eq!(desktop.lines, ["Pääkaupunkiseutu suurennettuna"]);
        assert_eq!(phone.lines, ["Pääkaupunkiseutu", "suurennettuna"]);
        // Each clear of the frame's border by its own text size.
        assert!(desktop.y - 0.95 * 14.0 > 325.0 && phone.y - 0.95 * 22.0 > 325.0);
        // One word too wide stays one line.
        let [_, phone_one] = captions("Pääkaupunkiseutusuurennettuna", frame);
        assert_eq!(phone_one.lines.len(), 1);
        // The second line is in the box: a name under it is left out.
        let names = [name("Alue", 100.0, phone.y + 25.3 + 20.0, 10.0)];
        let placed = place(
            &names,
            [0.0, 0.0, 700.0, 700.0],
            frame,
            "Pääkaupunkiseutu suurennettuna",
        );
        assert!(!placed[0].on_phone);
    }
}
