//! The single writer of this process: orders changes in batches.
//!
//! Changes queue on a channel; the task takes all that are waiting (up to
//! [`MAX_BATCH`]), prepares and applies them to its roadmap state (keeping
//! what they touched, to undo), and commits them in one transaction guarded
//! by the head it started from.
//! When another process got there first the commit changes nothing; the
//! writer reads the entries it missed and tries again. Only a committed
//! change is acknowledged.

use crate::background::Background;
use crate::observe;
use app::i18n::{with_locale, Locale};
use app::roadmap::{ChangeError, ChangeRequest, Entry, ErrorCode, Item, RoadmapState};
use app::store::{CommitError, Store, StoreError};
use std::collections::{BTreeSet, HashMap};
use tokio::sync::{mpsc, oneshot};

const MAX_BATCH: usize = 256;
const MAX_ATTEMPTS: usize = 20;

pub use app::roadmap::submit::Outcome;

pub struct Job {
    pub req: ChangeRequest,
    pub by: app::auth::Actor,
    /// The author's language: a refusal is written in it.
    pub locale: Locale,
    pub reply: oneshot::Sender<Outcome>,
    /// When it was queued, for the answer's latency.
    pub queued: std::time::Instant,
}

struct Writer {
    store: Store,
    state: RoadmapState,
    /// Every stored change id and its `seq`: resends are answered, not applied.
    cids: HashMap<String, u64>,
    committed: mpsc::UnboundedSender<Vec<Entry>>,
}

pub async fn spawn(
    store: Store,
    committed: mpsc::UnboundedSender<Vec<Entry>>,
    background: &Background,
) -> Result<mpsc::Sender<Job>, StoreError> {
    let mut writer = Writer {
        store: store.clone(),
        state: RoadmapState::default(),
        cids: HashMap::new(),
        committed,
    };
    writer.catch_up().await?;
    let (tx, mut rx) = mpsc::channel::<Job>(4096);
    let stopping = background.stopping();
    background.spawn_graceful(async move {
        // On a stop the queue closes (a new change is told the server is
        // stopping, and the client sends it again elsewhere) and every
        // change already queued is still stored and answered.
        tokio::pin!(stopping);
        let mut open = true;
        loop {
            let first = if open {
                tokio::select! {
                    biased;
                    _ = &mut stopping => {
                        rx.close();
                        open = false;
                        continue;
                    }
                    job = rx.recv() => job,
                }
            } else {
                rx.recv().await
            };
            let Some(first) = first else { break };
            let mut batch = vec![first];
            while batch.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
            writer.process(batch).await;
        }
    });
    Ok(tx)
}

/// What a batch changed in the writer's state: the head and each touched
/// item as it was before (or that it did not exist), to put back when the
/// batch's commit fails.
struct Undo {
    head: u64,
    items: HashMap<String, Option<Item>>,
}

impl Undo {
    fn new(state: &RoadmapState) -> Self {
        Self {
            head: state.head,
            items: HashMap::new(),
        }
    }

    /// Keeps item `id` as it is now, the first time the batch touches it.
    fn remember(&mut self, state: &RoadmapState, id: &str) {
        if !self.items.contains_key(id) {
            self.items
                .insert(id.to_string(), state.items.get(id).cloned());
        }
    }

    fn restore(self, state: &mut RoadmapState) {
        state.head = self.head;
        for (id, before) in self.items {
            match before {
                Some(item) => state.items.insert(id, item),
                None => state.items.remove(&id),
            };
        }
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Writer {
    /// Reads the log entries after our head and applies them.
    async fn catch_up(&mut self) -> Result<(), StoreError> {
        loop {
            let entries = self
                .store
                .roadmap_changes_since(self.state.head, 5000)
                .await?;
            if entries.is_empty() {
                return Ok(());
            }
            for e in &entries {
                self.cids.insert(e.cid.clone(), e.seq);
                self.state.apply(e);
            }
        }
    }

    async fn process(&mut self, batch: Vec<Job>) {
        metrics::histogram!(observe::BATCH_SIZE).record(batch.len() as f64);
        let mut jobs: Vec<Option<Job>> = batch.into_iter().map(Some).collect();
        for attempt in 0..MAX_ATTEMPTS {
            let at = now();
            // The batch applies to the state itself; a commit that fails
            // puts back what it touched. (A copy of the whole roadmap per
            // batch was most of the writer's time at light load, one
            // change per batch: perf, 100 clients x 1 change/s.)
            let mut undo = Undo::new(&self.state);
            let mut entries: Vec<Entry> = Vec::new();
            // Where each job's answer comes from: a new entry, a stored
            // one (resend), or a refusal.
            let mut plans: Vec<Plan> = Vec::with_capacity(jobs.len());
            let mut batch_cids: HashMap<&str, usize> = HashMap::new();
            for job in jobs.iter().flatten() {
                let cid = job.req.cid.as_str();
                if self.cids.contains_key(cid) {
                    plans.push(Plan::Stored);
                } else if let Some(i) = batch_cids.get(cid) {
                    plans.push(Plan::SameAs(*i));
                } else {
                    let state = &self.state;
                    let prepared = with_locale(job.locale, || {
                        state.authorize(&job.req, &job.by, &at)?;
                        state.prepare(&job.req, &job.by.name, &at, state.head + 1)
                    });
                    match prepared {
                        Ok(mut entry) => {
                            entry.account = job.by.account.clone();
                            undo.remember(&self.state, &entry.item);
                            self.state.apply(&entry);
                            batch_cids.insert(cid, entries.len());
                            plans.push(Plan::New(entries.len()));
                            entries.push(entry);
                        }
                        Err(e) => plans.push(Plan::Refused(e)),
                    }
                }
            }
            if !entries.is_empty() {
                let touched: BTreeSet<&str> = entries.iter().map(|e| e.item.as_str()).collect();
                let items: Vec<&Item> = touched.iter().map(|id| &self.state.items[*id]).collect();
                match self.store.commit_roadmap(undo.head, &entries, &items).await {
                    Ok(()) => {}
                    Err(CommitError::Stale) => {
                        undo.restore(&mut self.state);
                        metrics::counter!(observe::RETRIES).increment(1);
                        if let Err(e) = self.catch_up().await {
                            observe::database_error("catch_up");
                            tracing::error!("roadmap writer cannot catch up: {e}");
                            break;
                        }
                        tracing::debug!("roadmap commit lost a race (attempt {attempt}); retrying");
                        continue;
                    }
                    Err(CommitError::Store(e)) => {
                        undo.restore(&mut self.state);
                        observe::database_error("commit");
                        tracing::error!("roadmap commit failed: {e}");
                        break;
                    }
                }
                for e in &entries {
                    self.cids.insert(e.cid.clone(), e.seq);
                }
                let _ = self.committed.send(entries.clone());
            }
            for (job, plan) in jobs.iter_mut().zip(plans) {
                let Some(job) = job.take() else { continue };
                let outcome = match plan {
                    Plan::New(i) => Ok((entries[i].clone(), false)),
                    Plan::SameAs(i) => Ok((entries[i].clone(), true)),
                    Plan::Refused(e) => Err(e),
                    Plan::Stored => match self.store.roadmap_entry_by_cid(&job.req.cid).await {
                        Ok(Some(entry)) => Ok((entry, true)),
                        _ => Err(busy(job.locale)),
                    },
                };
                answer(job, outcome);
            }
            return;
        }
        for job in jobs.into_iter().flatten() {
            let locale = job.locale;
            answer(job, Err(busy(locale)));
        }
    }
}

/// Sends the answer and counts it.
fn answer(job: Job, outcome: Outcome) {
    let kind = match &outcome {
        Ok((_, false)) => "stored",
        Ok((_, true)) => "resend",
        Err(e) if e.code == ErrorCode::Busy => "busy",
        Err(_) => "refused",
    };
    metrics::counter!(observe::CHANGES, "outcome" => kind).increment(1);
    metrics::histogram!(observe::ACK_SECONDS).record(job.queued.elapsed().as_secs_f64());
    let _ = job.reply.send(outcome);
}

enum Plan {
    New(usize),
    SameAs(usize),
    Stored,
    Refused(ChangeError),
}

pub(super) fn busy(locale: Locale) -> ChangeError {
    ChangeError {
        code: ErrorCode::Busy,
        message: locale.texts().sync_busy.into(),
    }
}
