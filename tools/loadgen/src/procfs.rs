//! Memory and CPU of a process from Linux `/proc`, so that one run reports
//! what the load cost the server (and the generator itself, which shares the
//! machine and can be the bottleneck).

use serde::Serialize;

/// Linux reports CPU times in clock ticks; 100 a second on every mainstream
/// kernel configuration (reading `sysconf` would need `libc` for one number).
const TICKS_PER_SECOND: f64 = 100.0;

/// A process's memory at one moment, in KiB as `/proc/PID/status` gives it.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct Memory {
    /// Resident set size now.
    pub rss_kib: u64,
    /// The highest RSS since the process started ("high-water mark").
    pub hwm_kib: u64,
    /// The resident memory that is the process's own (`RssAnon`): RSS
    /// less the pages of files it maps, its own binary first (those are
    /// shared and the kernel can drop and read them again).
    pub anon_kib: u64,
}

/// Reads `VmRSS` and `VmHWM` of `pid` ("self" works too); `None` when the
/// process is gone or the file is not readable.
pub fn memory(pid: &str) -> Option<Memory> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    Some(Memory {
        rss_kib: status_kib(&status, "VmRSS:")?,
        hwm_kib: status_kib(&status, "VmHWM:")?,
        anon_kib: status_kib(&status, "RssAnon:").unwrap_or(0),
    })
}

/// One `Name:   1234 kB` line of `/proc/PID/status`.
fn status_kib(status: &str, name: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with(name))?;
    line[name.len()..].split_whitespace().next()?.parse().ok()
}

/// User + system CPU seconds `pid` has used so far.
pub fn cpu_seconds(pid: &str) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat_cpu_ticks(&stat).map(|t| t as f64 / TICKS_PER_SECOND)
}

/// `utime` + `stime` (fields 14 and 15) of a `/proc/PID/stat` line. The
/// command name (field 2) may contain spaces, so counting starts after its
/// closing parenthesis, where field 3 is.
fn stat_cpu_ticks(stat: &str) -> Option<u64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_status_and_stat_lines() {
        let status =
            "Name:\tserver\nVmHWM:\t  51200 kB\nVmRSS:\t  40960 kB\nRssAnon:\t  10240 kB\n";
        assert_eq!(status_kib(status, "VmRSS:"), Some(40960));
        assert_eq!(status_kib(status, "RssAnon:"), Some(10240));
        assert_eq!(status_kib(status, "VmHWM:"), Some(51200));
        let stat = "42 (my server) S 1 42 42 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 9 0";
        assert_eq!(stat_cpu_ticks(stat), Some(300));
    }

    #[test]
    fn reads_this_process() {
        assert!(memory("self")
            .is_some_and(|m| m.rss_kib > 0 && m.hwm_kib >= m.rss_kib && m.anon_kib <= m.rss_kib));
        assert!(cpu_seconds("self").is_some());
    }
}
