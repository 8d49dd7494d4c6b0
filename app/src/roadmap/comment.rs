//! Comments are items on the change log (kind `comment`, fields `subject`,
//! `body`, `hidden`, `deleted`), so they are live, queued offline and
//! ordered like every other change. This is what a page needs to show a
//! thread: which comments are under an item, in what order, and a body's
//! text cut into plain text and links.

use super::merge::RoadmapState;
use super::model::{Item, ItemKind};

/// The comments under `subject`, oldest first (by the change that created
/// them; this browser's unsent ones come last). Deleted comments are left
/// out; hidden ones stay, so a thread shows that something was removed.
pub fn comments_on<'a>(state: &'a RoadmapState, subject: &str) -> Vec<&'a Item> {
    let mut list: Vec<&Item> = state
        .items
        .values()
        .filter(|i| i.kind == ItemKind::Comment && i.subject() == subject && !i.deleted())
        .collect();
    list.sort_by(|a, b| a.created.seq.cmp(&b.created.seq).then(a.id.cmp(&b.id)));
    list
}

/// A comment as `GET /api/v1/items/{id}/comments` lists it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CommentView {
    pub id: String,
    pub subject: String,
    /// The author's name.
    pub by: String,
    /// When it was written (RFC 3339).
    pub at: String,
    /// Its text; empty when hidden.
    pub body: String,
    pub edited: bool,
    /// When its text last changed.
    pub updated: String,
    pub hidden: bool,
}

impl From<&Item> for CommentView {
    fn from(c: &Item) -> Self {
        let body_meta = c
            .meta
            .get(super::field::Field::Body.name())
            .unwrap_or(&c.created);
        CommentView {
            id: c.id.clone(),
            subject: c.subject().to_string(),
            by: c.created.by.clone(),
            at: c.created.at.clone(),
            body: c.text(super::field::Field::Body).to_string(),
            edited: c.edited(),
            updated: body_meta.at.clone(),
            hidden: c.hidden(),
        }
    }
}

/// How many comments (hidden ones included) each item has.
pub fn comment_counts(state: &RoadmapState) -> std::collections::HashMap<&str, usize> {
    let mut counts = std::collections::HashMap::new();
    for i in state.items.values() {
        if i.kind == ItemKind::Comment && !i.deleted() {
            *counts.entry(i.subject()).or_insert(0) += 1;
        }
    }
    counts
}

/// A piece of a comment's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    /// An `http://` or `https://` address, as written.
    Link(&'a str),
}

/// Cuts `text` into plain text and web addresses. An address starts with
/// `http://` or `https://` and runs to the next white space; punctuation
/// that usually ends a sentence (`.,;:!?'"`, and a `)` without its `(`)
/// stays text. Nothing else is interpreted: the page writes every segment
/// as text (never as markup), and a link only as an `href`.
pub fn linkify(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let starts_word = i == 0 || text[..i].ends_with(|c: char| c.is_whitespace() || c == '(');
        let scheme = ["https://", "http://"].into_iter().find(|s| {
            rest.len() > s.len()
                && rest
                    .get(..s.len())
                    .is_some_and(|p| p.eq_ignore_ascii_case(s))
        });
        if let (true, Some(scheme)) = (starts_word, scheme) {
            let mut end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            loop {
                let url = &rest[..end];
                let Some(last) = url.chars().last() else {
                    break;
                };
                let unbalanced = last == ')' && url.matches('(').count() < url.matches(')').count();
                if ".,;:!?'\"".contains(last) || unbalanced {
                    end -= last.len_utf8();
                } else {
                    break;
                }
            }
            if end > scheme.len() {
                if plain_from < i {
                    out.push(Segment::Text(&text[plain_from..i]));
                }
                out.push(Segment::Link(&rest[..end]));
                i += end;
                plain_from = i;
                continue;
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    if plain_from < text.len() {
        out.push(Segment::Text(&text[plain_from..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Segment::{Link, Text};
    use super::*;

    #[test]
    fn addresses_become_links_and_the_rest_stays_text() {
        assert_eq!(
            linkify("Katso https://soste.fi/a?b=1."),
            vec![Text("Katso "), Link("https://soste.fi/a?b=1"), Text(".")]
        );
        assert_eq!(
            linkify("(http://x.fi/a_(b)) ja\nHTTPS://Y.fi"),
            vec![
                Text("("),
                Link("http://x.fi/a_(b)"),
                Text(") ja\n"),
                Link("HTTPS://Y.fi")
            ]
        );
        // Not a link: no host, another scheme, glued to a word.
        for s in [
            "https:// x",
            "javascript:alert(1)",
            "xhttps://a.fi",
            "<a href=\"https://a.fi\">",
        ] {
            assert!(
                linkify(s)
                    .iter()
                    .all(|p| !matches!(p, Link(l) if !l.starts_with("https://a.fi"))),
                "{s}"
            );
        }
        assert_eq!(
            linkify("<a href=\"https://a.fi\">"),
            vec![Text("<a href=\"https://a.fi\">")]
        );
        assert_eq!(
            linkify("äö https://ä.fi/ö ü"),
            vec![Text("äö "), Link("https://ä.fi/ö"), Text(" ü")]
        );
        assert_eq!(linkify(""), vec![]);
        // Multi-byte letters where a scheme would end (a panic, once).
        assert_eq!(linkify("2\">\nLisää ääää"), vec![Text("2\">\nLisää ääää")]);
    }
}
