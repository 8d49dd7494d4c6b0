//! The setup client: learns the roadmap from a snapshot, picks the goal to
//! create actions under and creates the action all clients share.
//!
//! Each measured client creates its own action over its own connection
//! (one message each) rather than the setup client creating them all: the
//! server limits a connection to 50 messages a second, so one connection
//! creating 500 actions would be rate-limited or take ten seconds.

use crate::messages::{self, ItemRef};
use crate::session;
use futures::{SinkExt, StreamExt};
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

/// Setup may take this long (connect, snapshot, one create).
const SETUP_TIMEOUT: Duration = Duration::from_secs(30);

/// What the measured clients need from setup.
#[derive(Debug)]
pub struct Setup {
    /// The head after the shared action was created: clients catch up
    /// from here instead of each receiving a snapshot.
    pub head: u64,
    pub goal: String,
}

/// Connects (with the session `cookie`, when signed in), reads the snapshot
/// and creates `shared_item` under `wanted_goal` (or the first live goal
/// when that one does not exist).
pub async fn prepare(
    url: &str,
    cookie: Option<&str>,
    wanted_goal: &str,
    shared_item: &str,
) -> Result<Setup, String> {
    let request = session::upgrade_request(url, cookie)?;
    tokio::time::timeout(SETUP_TIMEOUT, exchange(request, wanted_goal, shared_item))
        .await
        .map_err(|_| "setup timed out (no snapshot or no ack in 30 s)".to_string())?
}

async fn exchange(
    request: session::Request,
    wanted_goal: &str,
    shared_item: &str,
) -> Result<Setup, String> {
    let url = request.uri().to_string();
    let (mut socket, _) = tokio_tungstenite::connect_async_with_config(request, None, true)
        .await
        .map_err(|e| format!("cannot connect to {url}: {e}"))?;
    let hello = messages::hello(None);
    socket
        .send(Message::text(hello))
        .await
        .map_err(|e| e.to_string())?;
    let cid = format!("{shared_item}-new");
    let mut goal = None;
    while let Some(frame) = socket.next().await {
        let Message::Text(text) = frame.map_err(|e| e.to_string())? else {
            continue;
        };
        if messages::is_presence(&text) {
            continue;
        }
        let msg = messages::parse(&text).map_err(|e| format!("unreadable frame: {e}"))?;
        match msg.kind {
            "snapshot" if goal.is_none() => {
                let chosen = choose_goal(&msg.items, wanted_goal)
                    .ok_or("the snapshot has no goal to create actions under")?;
                let create = messages::create_action(
                    &cid,
                    shared_item,
                    &chosen,
                    "y1",
                    "Kuormitustesti: yhteinen toimenpide",
                );
                socket
                    .send(Message::text(create))
                    .await
                    .map_err(|e| e.to_string())?;
                goal = Some(chosen);
            }
            "ack" if msg.cid == Some(cid.as_str()) => {
                let _ = socket.close(None).await;
                return Ok(Setup {
                    head: msg.seq.unwrap_or(0),
                    goal: goal.unwrap_or_default(),
                });
            }
            "error" => return Err(refused(msg.code, &text)),
            _ => {}
        }
    }
    Err("the server closed the setup connection".into())
}

/// The setup's error message; the codes of a missing or insufficient
/// sign-in say what to do.
fn refused(code: Option<&str>, text: &str) -> String {
    let hint = match code {
        Some("unauthorized") => {
            " (changes need a signed-in editor or admin: give --email and --password)"
        }
        Some("forbidden") => " (the account may only read: sign in as an editor or admin)",
        _ => "",
    };
    format!("setup refused: {text}{hint}")
}

/// `wanted` when it is a live goal, else the first live goal.
fn choose_goal(items: &[ItemRef], wanted: &str) -> Option<String> {
    let goals: Vec<&ItemRef> = items.iter().filter(|i| i.is_live_goal()).collect();
    goals
        .iter()
        .find(|g| g.id == wanted)
        .or(goals.first())
        .map(|g| g.id.to_string())
}
