//! Hands freed memory back to the system: allocator settings at start,
//! and a trim after a wave of closed sockets.
//!
//! glibc raises its threshold for serving a large allocation from its own
//! mapping (and unmapping it when freed) to the size of the largest block
//! ever freed: after one sign-in (Argon2 uses 19 MiB) every block up to
//! 19 MiB came from the arenas and stayed there when freed. With 100
//! clients x 10 changes/s for 20 s (and SurrealKV's write buffer held to
//! 16 MiB for the comparison) the process's own memory (RssAnon) peaked at
//! 92 MiB, and at 71 MiB with the threshold fixed at 128 KiB, the arenas
//! limited to one per core and free memory above 128 KiB returned at once
//! (`tune_allocator`).
//!
//! glibc's allocator keeps what a thread frees in that thread's arena: after
//! 1,000 tabs had opened and closed, the process stayed ~50 MiB above where
//! it started, for good (README *Sync benchmark*). `malloc_trim` gives the
//! free pages of every arena back. It runs twice once a wave of closes is over,
//! never on a timer under steady load: it holds each arena's lock while it
//! walks it, and a change would wait for that. (mimalloc instead of glibc
//! returned less here and started 55 MiB higher, so the allocator stays.)

use crate::background::Background;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Closes counted since the last look.
static CLOSED: AtomicUsize = AtomicUsize::new(0);
/// How often the count is looked at.
const LOOK: Duration = Duration::from_secs(2);
/// Closes within one look that make a wave.
const WAVE: usize = 32;

/// One socket closed (its task is ending).
pub fn closed() {
    CLOSED.fetch_add(1, Ordering::Relaxed);
}

/// Trims after each wave of closes, when the next look finds it over.
pub fn spawn(background: &Background) {
    background.spawn(async move {
        let mut look = tokio::time::interval(LOOK);
        look.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // Trims left to do: two quiet looks after a wave, since what the
        // closed sockets leave behind (presence rows, the lists republished
        // after them) may still be freed after the first.
        let mut trims = 0;
        loop {
            look.tick().await;
            let closed = CLOSED.swap(0, Ordering::Relaxed);
            if closed >= WAVE {
                trims = 2;
            } else if trims > 0 {
                trims -= 1;
                let _ = tokio::task::spawn_blocking(trim).await;
            }
        }
    });
}

/// Fixes glibc's thresholds (see above) and keeps one arena per core
/// (its default is eight per core). Call before any thread starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn tune_allocator() {
    const THRESHOLD: libc::c_int = 128 * 1024;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let arenas = libc::c_int::try_from(cores.max(2)).unwrap_or(libc::c_int::MAX);
    // SAFETY: mallopt only sets the allocator's parameters; called before
    // other threads exist, as glibc asks.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, THRESHOLD);
        libc::mallopt(libc::M_ARENA_MAX, arenas);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn tune_allocator() {}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn trim() {
    // SAFETY: malloc_trim only walks and releases the allocator's own free
    // lists; it takes no pointers of ours and is safe from any thread.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn trim() {}
