//! The few sync-protocol messages the load generator speaks
//! (docs/sync-protocol.md), built and read by hand.
//!
//! The `app` crate has the real types, but depending on it would compile the
//! Leptos SSR stack into this small client; the wire format is JSON and
//! documented, so building it with `serde_json` is enough.

use serde::Deserialize;
use serde_json::{json, Value};

/// The four values of an action's `status`, cycled by the shared-item edits.
pub const STATUSES: [&str; 4] = ["planned", "in_progress", "done", "blocked"];

/// The four values of a place to influence's status in an area.
pub const PROGRESS: [&str; 4] = ["unknown", "not_started", "in_progress", "done"];

/// The first message of every connection. `since: None` asks for a snapshot.
/// No `name`: changes are attributed to the signed-in account.
pub fn hello(since: Option<u64>) -> String {
    json!({"type": "hello", "v": 1, "since": since}).to_string()
}

/// Creates an action under `goal`: the item a client (or the setup client)
/// edits during the run. `title`, `goal` and `position` are the fields an
/// action requires on create.
pub fn create_action(cid: &str, item: &str, goal: &str, position: &str, title: &str) -> String {
    json!({
        "type": "change",
        "cid": cid,
        "item": item,
        "op": "create",
        "kind": "action",
        "fields": {"title": title, "goal": goal, "position": position},
    })
    .to_string()
}

/// Sets one field of an existing item. `base` is the `seq` of the value the
/// client last saw, as a browser sends it; `None` leaves it out (the server
/// then never reports an overwrite).
pub fn set_field(cid: &str, item: &str, field: &str, value: &str, base: Option<u64>) -> String {
    let mut msg = json!({
        "type": "change",
        "cid": cid,
        "item": item,
        "op": "set",
        "fields": {field: value},
    });
    if let Some(seq) = base {
        msg["base"] = json!({ field: seq });
    }
    msg.to_string()
}

/// Any server message, reduced to what the measurements need. Strings are
/// borrowed from the frame (ids, codes and types never contain escapes), so
/// reading a `changes` message with hundreds of entries allocates little;
/// unknown fields (`entry`, `message`, `peers`, item fields) are skipped.
#[derive(Debug, Deserialize)]
pub struct Incoming<'a> {
    #[serde(rename = "type")]
    pub kind: &'a str,
    #[serde(default)]
    pub cid: Option<&'a str>,
    #[serde(default)]
    pub seq: Option<u64>,
    #[serde(default)]
    pub head: Option<u64>,
    #[serde(default)]
    pub code: Option<&'a str>,
    #[serde(default, borrow)]
    pub changes: Vec<EntryRef<'a>>,
    #[serde(default, borrow)]
    pub items: Vec<ItemRef<'a>>,
}

/// One log entry of a `changes` message: which change, in which order.
#[derive(Debug, Deserialize)]
pub struct EntryRef<'a> {
    pub seq: u64,
    pub cid: &'a str,
    pub item: &'a str,
}

/// One item of a `snapshot`: enough to pick the goal to create actions in.
#[derive(Debug, Deserialize)]
pub struct ItemRef<'a> {
    pub id: &'a str,
    pub kind: &'a str,
    #[serde(default)]
    pub fields: serde_json::Map<String, Value>,
}

impl ItemRef<'_> {
    /// A goal nobody has deleted: actions may be created under it.
    pub fn is_live_goal(&self) -> bool {
        self.kind == "goal" && self.fields.get("deleted") != Some(&Value::Bool(true))
    }
}

/// Presence lists are the largest frames (every peer, on every join) and
/// carry nothing measured: recognised by their prefix without parsing. The
/// server writes the `type` tag first.
pub fn is_presence(text: &str) -> bool {
    text.starts_with(r#"{"type":"presence""#)
}

/// Reads one server frame.
pub fn parse(text: &str) -> Result<Incoming<'_>, serde_json::Error> {
    serde_json::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_the_documented_change_shapes() {
        let v: Value = serde_json::from_str(&set_field("c1", "i1", "title", "x", Some(3))).unwrap();
        assert_eq!(v["base"]["title"], 3);
        assert_eq!(v["fields"]["title"], "x");
        let v: Value = serde_json::from_str(&set_field("c1", "i1", "title", "x", None)).unwrap();
        assert!(v.get("base").is_none());
        let v: Value = serde_json::from_str(&hello(None)).unwrap();
        assert!(v["since"].is_null());
        assert!(v.get("name").is_none());
        let v: Value = serde_json::from_str(&hello(Some(4))).unwrap();
        assert_eq!(v["since"], 4);
        let v: Value =
            serde_json::from_str(&create_action("c", "i", "g-hyte", "y11", "t")).unwrap();
        assert_eq!(v["kind"], "action");
        assert_eq!(v["fields"]["goal"], "g-hyte");
    }

    #[test]
    fn reads_changes_and_acks() {
        let text = r#"{"type":"changes","changes":[{"seq":5,"cid":"lg-a-1-2","item":"x","kind":"action","op":"set","fields":{"title":"ä \"q\""},"prev":{},"overwrote":[],"by":"n","at":"t"}],"head":5}"#;
        let m = parse(text).unwrap();
        assert_eq!(m.kind, "changes");
        assert_eq!(m.changes[0].cid, "lg-a-1-2");
        assert_eq!(m.head, Some(5));
        let ack = r#"{"type":"ack","cid":"c","seq":7,"entry":{"seq":7},"dup":false}"#;
        let m = parse(ack).unwrap();
        assert_eq!((m.cid, m.seq), (Some("c"), Some(7)));
        assert!(is_presence(r#"{"type":"presence","peers":[]}"#));
    }
}
