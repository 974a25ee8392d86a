//! Progress of a long scan on stderr: files scanned / files listed and the rate, redrawn in place.
//!
//! The scan only bumps an atomic counter per file; a reporter thread samples it a few times a
//! second and draws only when the scan has run for a while, so short scans print nothing. When the
//! progress is disabled (stderr is not a terminal, `--quiet`) no thread is started.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long a scan runs before the progress line appears.
const DELAY: Duration = Duration::from_millis(500);
/// How often the line is redrawn.
const INTERVAL: Duration = Duration::from_millis(100);

/// Counters shared between the scan and the reporter.
#[derive(Debug, Default)]
pub struct Progress {
    enabled: bool,
    total: AtomicUsize,
    done: AtomicUsize,
    finished: AtomicBool,
}

impl Progress {
    /// A progress that draws on stderr when `enabled`; a disabled one only counts.
    pub fn new(enabled: bool) -> Progress {
        Progress {
            enabled,
            ..Progress::default()
        }
    }

    /// Counts one file listed for the scan to read.
    pub fn found(&self) {
        self.total.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts one scanned file.
    pub fn tick(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }

    /// Files scanned so far.
    pub fn done(&self) -> usize {
        self.done.load(Ordering::Relaxed)
    }

    /// Runs `work`, drawing the progress on stderr meanwhile when enabled; the line is erased
    /// when the work ends.
    pub fn run<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        if !self.enabled {
            return work();
        }
        std::thread::scope(|scope| {
            let reporter = scope.spawn(|| self.report());
            let result = work();
            self.finished.store(true, Ordering::Relaxed);
            reporter.thread().unpark();
            let drawn = reporter.join().unwrap_or(false);
            if drawn {
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r\x1b[2K");
                let _ = err.flush();
            }
            result
        })
    }

    /// The reporter loop; returns whether it drew anything.
    fn report(&self) -> bool {
        let start = Instant::now();
        let mut drawn = false;
        while !self.finished.load(Ordering::Relaxed) {
            std::thread::park_timeout(INTERVAL);
            let elapsed = start.elapsed();
            if elapsed < DELAY || self.finished.load(Ordering::Relaxed) {
                continue;
            }
            let line = status_line(self.done(), self.total.load(Ordering::Relaxed), elapsed);
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K{line}");
            let _ = err.flush();
            drawn = true;
        }
        drawn
    }
}

/// `scanning 1,234 / 20,000 files (2,468 files/s)`, the total being the files listed so far (the
/// walk goes on while files are read); before the first, that files are being listed.
pub fn status_line(done: usize, total: usize, elapsed: Duration) -> String {
    let rate = done as f64 / elapsed.as_secs_f64().max(1e-3);
    if total == 0 {
        return "aidisclose: listing files…".to_string();
    }
    format!(
        "aidisclose: scanning {} / {} files ({} files/s)",
        thousands(done),
        thousands(total),
        thousands(rate.round() as usize)
    )
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_line_shows_count_total_and_rate() {
        assert_eq!(
            status_line(1234, 20_000, Duration::from_millis(500)),
            "aidisclose: scanning 1,234 / 20,000 files (2,468 files/s)"
        );
        assert_eq!(
            status_line(0, 0, Duration::from_millis(700)),
            "aidisclose: listing files…"
        );
    }

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn disabled_progress_counts_and_returns_the_result() {
        let p = Progress::new(false);
        let r = p.run(|| {
            (0..3).for_each(|_| p.found());
            p.tick();
            p.tick();
            42
        });
        assert_eq!(r, 42);
        assert_eq!(p.done(), 2);
    }

    #[test]
    fn enabled_progress_returns_the_result_and_stops_its_reporter() {
        let p = Progress::new(true);
        let r = p.run(|| {
            p.found();
            p.tick();
            "done"
        });
        assert_eq!(r, "done");
        assert_eq!(p.done(), 1);
    }
}
