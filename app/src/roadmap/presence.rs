//! What one page's `presence` message says: who is on that page, and who
//! is editing anywhere (their markers show on every page that shows the
//! item), at most [`PRESENCE_NAMED`] people by name.
//!
//! The list is bounded because every join and leave sends it to everyone:
//! a full list is O(viewers) bytes to each of O(viewers) sockets, and each
//! socket's write buffer keeps the size of the largest frame it sent
//! (1,000 open tabs held ~100 KiB each that way). A mature product names a
//! few people and counts the rest ("and 950 more"), as Figma and Google
//! Docs do.

use super::protocol::{Peer, ServerMsg};

/// The most people one `presence` message names.
pub const PRESENCE_NAMED: usize = 30;

/// Whether `peer` is on `page` (a client that named no page is on all).
fn is_on(peer: &Peer, page: &str) -> bool {
    peer.page.is_empty() || peer.page == page
}

/// The message for the sockets serving `page`: editors first (anywhere),
/// then the others on the page, in the order of `peers`; `more` counts
/// those on the page left unnamed.
pub fn for_page(peers: &[Peer], page: &str) -> ServerMsg {
    let mut named: Vec<Peer> = peers
        .iter()
        .filter(|p| p.editing.is_some())
        .take(PRESENCE_NAMED)
        .cloned()
        .collect();
    let room = PRESENCE_NAMED - named.len();
    named.extend(
        peers
            .iter()
            .filter(|p| p.editing.is_none() && is_on(p, page))
            .take(room)
            .cloned(),
    );
    let here = peers.iter().filter(|p| is_on(p, page)).count();
    let named_here = named.iter().filter(|p| is_on(p, page)).count();
    ServerMsg::Presence {
        peers: named,
        more: here - named_here,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peer(n: usize, page: &str, editing: Option<&str>) -> Peer {
        Peer {
            session: format!("s{n:04}"),
            name: format!("P{n}"),
            editing: editing.map(str::to_string),
            field: None,
            page: page.to_string(),
        }
    }

    fn unpack(msg: ServerMsg) -> (Vec<String>, usize) {
        match msg {
            ServerMsg::Presence { peers, more } => {
                (peers.into_iter().map(|p| p.session).collect(), more)
            }
            other => panic!("not presence: {other:?}"),
        }
    }

    #[test]
    fn a_small_audience_is_named_in_full_and_only_on_its_page() {
        let peers = vec![
            peer(1, "/roadmap", None),
            peer(2, "/areas/PI", None),
            peer(3, "", None),
        ];
        let (named, more) = unpack(for_page(&peers, "/roadmap"));
        assert_eq!(named, ["s0001", "s0003"]);
        assert_eq!(more, 0);
    }

    #[test]
    fn a_crowd_is_named_up_to_the_limit_and_counted() {
        let peers: Vec<Peer> = (0..1000).map(|n| peer(n, "/roadmap", None)).collect();
        let (named, more) = unpack(for_page(&peers, "/roadmap"));
        assert_eq!(named.len(), PRESENCE_NAMED);
        assert_eq!(more, 1000 - PRESENCE_NAMED);
        // The message stays small however many are here.
        assert!(for_page(&peers, "/roadmap").to_json().len() < 4096);
        // Another page's crowd costs this page nothing.
        let (named, more) = unpack(for_page(&peers, "/tour"));
        assert!(named.is_empty());
        assert_eq!(more, 0);
    }

    #[test]
    fn editors_anywhere_come_first_so_their_markers_never_drop_out() {
        let mut peers: Vec<Peer> = (0..100).map(|n| peer(n, "/roadmap", None)).collect();
        peers.push(peer(500, "/areas/PI", Some("a-1")));
        peers.push(peer(501, "/roadmap", Some("a-2")));
        let (named, more) = unpack(for_page(&peers, "/roadmap"));
        assert_eq!(&named[..2], ["s0500", "s0501"]);
        assert_eq!(named.len(), PRESENCE_NAMED);
        // 101 on the roadmap, 29 of them named (the editor from /areas/PI
        // is named but elsewhere).
        assert_eq!(more, 101 - (PRESENCE_NAMED - 1));
    }
}
