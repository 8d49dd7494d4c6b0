//! The messages of the roadmap sync WebSocket (`/api/v1/sync`), version 1.
//! docs/sync-protocol.md describes them for people; this is the same
//! contract for the compiler, used by the server, the browser and the load
//! generator.
//!
//! Every message type tolerates fields it does not know (serde's default;
//! never `deny_unknown_fields` here), as the document promises: a field can
//! be added to a message without a new protocol version. Unknown *item*
//! field names inside a change's `fields` are a different matter: those
//! are values, refused by the field rules (`invalid`, "unknown field").

use super::model::{Item, ItemKind};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

pub const PROTOCOL_VERSION: u32 = 1;
/// Frames above this get a `too_large` error and are not read further.
pub const MAX_MESSAGE_BYTES: usize = 64 * 1024;
/// A client further behind than this gets a snapshot instead of changes.
pub const MAX_CATCH_UP: u64 = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeOp {
    Create,
    Set,
}

/// One change as a client sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChangeRequest {
    /// Client-generated change id: a resend with the same id is applied once.
    pub cid: String,
    pub item: String,
    pub op: ChangeOp,
    /// Required when creating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ItemKind>,
    pub fields: BTreeMap<String, Value>,
    /// For each field, the `seq` of the value the client saw.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub base: BTreeMap<String, u64>,
}

/// A value that a later change replaced while its author did not know it:
/// kept so that its author can be told and restore it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Overwritten {
    pub field: String,
    pub value: Value,
    pub seq: u64,
    pub by: String,
    pub cid: String,
}

/// A change as the server ordered and stored it: one row of the change log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    pub cid: String,
    pub item: String,
    pub kind: ItemKind,
    pub op: ChangeOp,
    pub fields: BTreeMap<String, Value>,
    /// The values the changed fields had before.
    #[serde(default)]
    pub prev: BTreeMap<String, Value>,
    #[serde(default)]
    pub overwrote: Vec<Overwritten>,
    pub by: String,
    /// The author's account id (for the audit log); empty for the seed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub account: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMsg {
    Hello {
        v: u32,
        since: Option<u64>,
        #[serde(default)]
        name: String,
        #[serde(default)]
        client: String,
        /// The page the socket serves (`/roadmap`, `/areas/PI`...): the
        /// presence list of a page names those on the same page.
        #[serde(default)]
        page: String,
    },
    Change(ChangeRequest),
    Presence {
        editing: Option<String>,
        /// The field being edited, where the page edits fields one by one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        field: Option<String>,
    },
    History {
        item: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Peer {
    pub session: String,
    pub name: String,
    pub editing: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default)]
    pub page: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    BadJson,
    BadMessage,
    HelloFirst,
    Version,
    NotFound,
    Invalid,
    TooLarge,
    RateLimited,
    Busy,
    /// A change from a connection without a signed-in session.
    Unauthorized,
    /// A change from an account that may not edit.
    Forbidden,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    Welcome {
        v: u32,
        session: String,
        head: u64,
    },
    Snapshot {
        items: Vec<Item>,
        head: u64,
    },
    Changes {
        changes: Vec<Entry>,
        head: u64,
    },
    Ack {
        cid: String,
        seq: u64,
        entry: Entry,
        #[serde(default)]
        dup: bool,
    },
    /// Who is on the socket's page (and who edits anywhere), at most
    /// [`PRESENCE_NAMED`] of them by name.
    Presence {
        peers: Vec<Peer>,
        /// How many more are on the page than `peers` names there.
        #[serde(default, skip_serializing_if = "is_zero")]
        more: usize,
    },
    History {
        item: String,
        changes: Vec<Entry>,
    },
    Error {
        code: ErrorCode,
        message: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cid: Option<String>,
    },
}

impl ServerMsg {
    pub fn error(code: ErrorCode, message: impl Into<String>, cid: Option<String>) -> Self {
        ServerMsg::Error {
            code,
            message: message.into(),
            cid,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("server messages always serialise")
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Reads one client frame, telling malformed JSON from a well-formed but
/// unknown or mistyped message. The error carries serde's own detail; the
/// socket puts it after a sentence in the client's language.
pub fn parse_client(text: &str) -> Result<ClientMsg, (ErrorCode, String)> {
    let value: Value =
        serde_json::from_str(text).map_err(|e| (ErrorCode::BadJson, e.to_string()))?;
    serde_json::from_value(value).map_err(|e| (ErrorCode::BadMessage, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_the_documented_messages() {
        let hello = parse_client(r#"{"type":"hello","v":1,"since":null,"name":"Aino"}"#).unwrap();
        assert!(matches!(
            hello,
            ClientMsg::Hello {
                v: 1,
                since: None,
                ..
            }
        ));
        let change = parse_client(
            r#"{"type":"change","cid":"c1","item":"i1","op":"set","fields":{"title":"x"},"base":{"title":3}}"#,
        )
        .unwrap();
        let ClientMsg::Change(c) = change else {
            panic!()
        };
        assert_eq!(c.base["title"], 3);
        assert_eq!(c.fields["title"], json!("x"));
    }

    #[test]
    fn tells_bad_json_from_bad_messages() {
        assert_eq!(parse_client("{").unwrap_err().0, ErrorCode::BadJson);
        assert_eq!(
            parse_client(r#"{"type":"dance"}"#).unwrap_err().0,
            ErrorCode::BadMessage
        );
        assert_eq!(parse_client("[]").unwrap_err().0, ErrorCode::BadMessage);
    }

    /// Fields a message type does not know are ignored, in both
    /// directions, so that fields can be added within version 1.
    #[test]
    fn unknown_fields_are_ignored() {
        let change = parse_client(
            r#"{"type":"change","cid":"c","item":"i","op":"set","fields":{"title":"x"},"future":1,"hint":{"a":[1]}}"#,
        )
        .unwrap();
        let ClientMsg::Change(c) = change else {
            panic!("{change:?}")
        };
        assert_eq!(
            (c.cid.as_str(), c.fields["title"].as_str()),
            ("c", Some("x"))
        );
        for text in [
            r#"{"type":"hello","v":1,"since":3,"client":"x","future":true}"#,
            r#"{"type":"presence","editing":null,"future":"x"}"#,
            r#"{"type":"history","item":"i","future":[]}"#,
        ] {
            assert!(parse_client(text).is_ok(), "{text}");
        }

        // What the browser's client decodes (`serde_json::from_str::<ServerMsg>`).
        let entry = json!({
            "seq": 7, "cid": "c7", "item": "g-ict", "kind": "goal", "op": "set",
            "fields": {"title": "x"}, "prev": {"title": "w"}, "overwrote": [
                {"field": "title", "value": "v", "seq": 5, "by": "Aino", "cid": "c5", "future": 1}
            ],
            "by": "Bertta", "account": "a1", "at": "2023-02-09T10:00:00.000Z", "future": 1
        });
        let item = json!({
            "id": "g-ict", "kind": "goal", "fields": {"title": "x"},
            "meta": {"title": {"seq": 7, "by": "Bertta", "at": "2023-02-09T10:00:00.000Z", "cid": "c7", "future": 1}},
            "created": {"seq": 1, "by": "Siemen", "at": "2023-01-01T00:00:00.000Z"},
            "future": 1
        });
        let messages = [
            json!({"type": "welcome", "v": 1, "session": "s", "head": 7, "future": 1}),
            json!({"type": "snapshot", "items": [item], "head": 7, "future": 1}),
            json!({"type": "changes", "changes": [entry.clone()], "head": 7, "future": 1}),
            json!({"type": "ack", "cid": "c7", "seq": 7, "entry": entry.clone(), "dup": false, "future": 1}),
            json!({"type": "presence", "peers": [{"session": "s", "name": "", "editing": null, "future": 1}], "future": 1}),
            json!({"type": "history", "item": "g-ict", "changes": [], "future": 1}),
            json!({"type": "error", "code": "busy", "message": "m", "future": 1}),
        ];
        for message in messages {
            let text = message.to_string();
            let decoded = serde_json::from_str::<ServerMsg>(&text);
            assert!(decoded.is_ok(), "{text}: {decoded:?}");
        }
        let Ok(ServerMsg::Changes { changes, .. }) = serde_json::from_str::<ServerMsg>(
            &json!({"type": "changes", "changes": [entry], "head": 7, "later": {"x": 1}})
                .to_string(),
        ) else {
            panic!()
        };
        assert_eq!((changes[0].seq, changes[0].overwrote[0].seq), (7, 5));
    }

    #[test]
    fn server_messages_round_trip() {
        let msg = ServerMsg::error(ErrorCode::RateLimited, "liian monta", Some("c1".into()));
        let text = msg.to_json();
        assert!(text.contains(r#""type":"error""#) && text.contains(r#""code":"rate_limited""#));
        assert_eq!(serde_json::from_str::<ServerMsg>(&text).unwrap(), msg);
    }
}
