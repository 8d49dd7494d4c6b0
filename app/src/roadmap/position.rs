//! Fractional ordering keys.
//!
//! An item's place in its list is a string key over `0-9a-z`; lists sort by
//! `(key, id)`. To move an item between two neighbours the client picks a
//! key strictly between theirs, so one move is one field change, no other
//! item is renumbered, and every client computes the same order whatever
//! order the changes arrive in. Keys never end in `0`, so there is always
//! room below any key.

const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
const BASE: u32 = 36;

/// Longest key accepted from a client.
pub const MAX_KEY_LEN: usize = 64;

fn digit(c: u8) -> u32 {
    DIGITS.iter().position(|d| *d == c).unwrap_or(0) as u32
}

/// Is `key` a well-formed ordering key?
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_KEY_LEN
        && key.bytes().all(|c| DIGITS.contains(&c))
        && !key.ends_with('0')
}

/// A key strictly between `lo` and `hi`. `lo = ""` means "before
/// everything", `hi = None` "after everything". When the neighbours are not
/// in order (equal keys from two concurrent inserts), the key goes right
/// after `lo`; the tie is then broken by id, the same way everywhere.
pub fn between(lo: &str, hi: Option<&str>) -> String {
    let hi = hi.filter(|h| lo < *h);
    // Appending and prepending are the common moves: step by one digit
    // there (keys grow by one character per ~35 moves) instead of halving
    // the gap (one character per ~5).
    match hi {
        None if !lo.is_empty() => return after(lo),
        Some(hi) if lo.is_empty() => return before(hi),
        _ => {}
    }
    let lo = lo.as_bytes();
    let hi = hi.map(str::as_bytes);
    let mut out = Vec::new();
    // Once the output has taken a digit smaller than `hi`'s at the same
    // place, anything after it stays below `hi`.
    let mut hi_bounded = hi.is_some();
    let mut i = 0;
    loop {
        let l = lo.get(i).map(|c| digit(*c)).unwrap_or(0);
        let h = match (hi_bounded, hi) {
            (true, Some(hi)) => hi.get(i).map(|c| digit(*c)).unwrap_or(0),
            _ => BASE,
        };
        if h > l + 1 {
            out.push(DIGITS[((l + h) / 2) as usize]);
            break;
        }
        out.push(DIGITS[l as usize]);
        if h == l + 1 {
            hi_bounded = false;
        }
        i += 1;
    }
    String::from_utf8(out).expect("ascii digits")
}

/// The next key after `lo`: its first digit below `z` raised by one, or a
/// `1` added when it is all `z`s.
fn after(lo: &str) -> String {
    let bytes = lo.as_bytes();
    match bytes.iter().position(|c| *c != b'z') {
        Some(i) => {
            let mut out = bytes[..i].to_vec();
            out.push(DIGITS[digit(bytes[i]) as usize + 1]);
            String::from_utf8(out).expect("ascii digits")
        }
        None => format!("{lo}1"),
    }
}

/// A key just before `hi`: its first digit above `1` lowered by one, or,
/// when it has only `0`s and `1`s, its final `1` turned into `0z`.
fn before(hi: &str) -> String {
    let bytes = hi.as_bytes();
    match bytes.iter().position(|c| digit(*c) > 1) {
        Some(i) => {
            let mut out = bytes[..i].to_vec();
            out.push(DIGITS[digit(bytes[i]) as usize - 1]);
            String::from_utf8(out).expect("ascii digits")
        }
        None => format!("{}0z", &hi[..hi.len() - 1]),
    }
}

/// Keys for `n` items in a fresh list, spread out so that later inserts
/// stay short.
pub fn spread(n: usize) -> Vec<String> {
    // Enough digits that consecutive keys are at least two apart.
    let mut width = 1u32;
    while (BASE as u128).pow(width) < 2 * (n as u128 + 1) {
        width += 1;
    }
    let room = (BASE as u128).pow(width);
    let step = room / (n as u128 + 1);
    (1..=n as u128)
        .map(|i| {
            let mut v = i * step;
            let mut digits = vec![b'0'; width as usize];
            for d in digits.iter_mut().rev() {
                *d = DIGITS[(v % BASE as u128) as usize];
                v /= BASE as u128;
            }
            while digits.last() == Some(&b'0') {
                digits.pop();
            }
            String::from_utf8(digits).expect("ascii digits")
        })
        .collect()
}

/// The key that puts an item at `index` of `others` (the list without the
/// item itself, already in order).
pub fn key_at(others: &[&str], index: usize) -> String {
    let index = index.min(others.len());
    let lo = if index == 0 { "" } else { others[index - 1] };
    between(lo, others.get(index).copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn between_is_strictly_between_and_valid() {
        let cases = [
            ("", None),
            ("", Some("1")),
            ("a", Some("b")),
            ("a5", Some("b")),
            ("a", Some("a1")),
            ("z", None),
            ("zzz", None),
            ("", Some("01")),
            ("az", Some("b")),
        ];
        for (lo, hi) in cases {
            let k = between(lo, hi);
            assert!(is_valid_key(&k), "{k:?} from {lo:?}..{hi:?}");
            assert!(lo < k.as_str(), "{lo:?} < {k:?}");
            if let Some(hi) = hi {
                assert!(k.as_str() < hi, "{k:?} < {hi:?}");
            }
        }
    }

    #[test]
    fn repeated_inserts_at_one_place_stay_ordered_and_short() {
        // Always insert right after the first item: the worst case.
        let mut list = vec!["h".to_string(), "i".to_string()];
        for _ in 0..200 {
            let k = between(&list[0], Some(&list[1]));
            assert!(k.len() <= 45, "{} after {} inserts", k.len(), list.len());
            assert!(list[0] < k && k < list[1]);
            list.insert(1, k);
        }
        assert!(list.windows(2).all(|w| w[0] < w[1]));
        assert!(
            list.iter().all(|k| is_valid_key(k)),
            "keys stay within {MAX_KEY_LEN}"
        );
        // Appending and prepending grow keys slowly.
        let mut last = "h".to_string();
        for _ in 0..1000 {
            let k = between(&last, None);
            assert!(k > last && is_valid_key(&k), "{k} after {last}");
            last = k;
        }
        assert!(last.len() <= 32, "{}", last.len());
        let mut first = "h".to_string();
        for _ in 0..1000 {
            let k = between("", Some(&first));
            assert!(k < first && is_valid_key(&k), "{k} before {first}");
            first = k;
        }
        assert!(first.len() <= 32, "{}", first.len());
    }

    #[test]
    fn equal_neighbours_still_give_a_valid_key() {
        let k = between("m", Some("m"));
        assert!(k.as_str() > "m" && is_valid_key(&k));
    }

    #[test]
    fn spread_is_ordered() {
        for n in [0, 1, 2, 5, 40, 2000] {
            let keys = spread(n);
            assert_eq!(keys.len(), n);
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "n = {n}");
            assert!(keys.iter().all(|k| is_valid_key(k)));
        }
    }

    #[test]
    fn key_at_places_an_item() {
        let list = ["b", "d", "f"];
        assert!(key_at(&list, 0).as_str() < "b");
        let k = key_at(&list, 2);
        assert!("d" < k.as_str() && k.as_str() < "f");
        assert!(key_at(&list, 9).as_str() > "f");
    }

    #[test]
    fn rejects_bad_keys() {
        for k in ["", "A", "a0", "a-b", &"a".repeat(65)] {
            assert!(!is_valid_key(k), "{k:?}");
        }
    }
}
