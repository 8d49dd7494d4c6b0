//! The tasks of one process that outlive a request, and their stop.
//!
//! The embedded database shuts down — its own maintenance tasks included —
//! only when the last handle to it is dropped, and every background task
//! holds one. If the process simply returned, the runtime would cancel
//! the database's tasks mid-way and SurrealDB would log each of them as
//! "did not shut down cleanly". So a stop goes in order:
//!
//! 1. [`Background::stop`] is signalled: sockets close with 1012 (service
//!    restart, so browsers reconnect at once), the writer stops taking
//!    changes and answers every one it already has, followers return;
//! 2. every tracked task is awaited, so every handle they held is dropped;
//! 3. [`settle`] waits for the database's own tasks to finish shutting down.

use std::future::Future;
use std::time::Duration;
use tokio_util::sync::CancellationToken;
use tokio_util::task::{task_tracker::TaskTrackerToken, TaskTracker};

/// The stop signal and the tasks that must end before the process does.
#[derive(Clone, Default)]
pub struct Background {
    stopping: CancellationToken,
    tasks: TaskTracker,
}

impl Background {
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs `work` until it ends or the process stops; on a stop it is
    /// dropped at its next await, and so is everything it holds.
    pub fn spawn<F>(&self, work: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        let stopping = self.stopping.clone();
        self.tasks.spawn(async move {
            stopping.run_until_cancelled_owned(work).await;
        });
    }

    /// Runs `work`, which watches [`Background::stopping`] itself: for a
    /// task that must finish what it has (the writer) rather than be
    /// dropped mid-way.
    pub fn spawn_graceful<F>(&self, work: F)
    where
        F: Future<Output = ()> + Send + 'static,
    {
        self.tasks.spawn(work);
    }

    /// Counts a task spawned elsewhere (a socket, which axum spawns) as
    /// one the stop waits for, for as long as the token lives.
    pub fn track(&self) -> TaskTrackerToken {
        self.tasks.token()
    }

    /// Resolves when the process begins to stop.
    pub fn stopping(&self) -> tokio_util::sync::WaitForCancellationFutureOwned {
        self.stopping.clone().cancelled_owned()
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping.is_cancelled()
    }

    /// Signals every task to stop (idempotent).
    pub fn stop(&self) {
        self.stopping.cancel();
    }

    /// Signals the stop and waits, at most `within`, for every tracked
    /// task to end. False if some did not.
    pub async fn finish(&self, within: Duration) -> bool {
        self.stop();
        self.tasks.close();
        tokio::time::timeout(within, self.tasks.wait())
            .await
            .is_ok()
    }
}

/// How long no task may end before the database counts as shut down.
const QUIET: Duration = Duration::from_secs(1);

/// Waits, at most `within`, until the runtime's tasks are done: none is
/// left, or none has ended for [`QUIET`]. After the last database handle
/// is dropped, that is the database finishing its shutdown. A quiet
/// runtime with tasks still alive counts as done because SurrealDB 3.3's
/// SDK can leave one behind for good (a live query's kill that waits for
/// a session already gone); waiting longer would only delay the exit.
/// False if tasks were still ending when `within` ran out.
pub async fn settle(within: Duration) -> bool {
    let metrics = tokio::runtime::Handle::current().metrics();
    let deadline = tokio::time::Instant::now() + within;
    let mut alive = metrics.num_alive_tasks();
    let mut last_end = tokio::time::Instant::now();
    loop {
        if alive == 0 || last_end.elapsed() >= QUIET {
            return true;
        }
        if tokio::time::Instant::now() >= deadline {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
        let now = metrics.num_alive_tasks();
        if now != alive {
            alive = now;
            last_end = tokio::time::Instant::now();
        }
    }
}
