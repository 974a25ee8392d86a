//! What happens if the program panics after all: one short message asking for a report, no
//! backtrace (whatever `RUST_BACKTRACE` says), and exit code 2.

use std::io::Write;
use std::panic::{self, UnwindSafe};
use std::process::ExitCode;

/// Replaces the default panic output with a short message asking to report the bug.
pub fn install_hook() {
    panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        let place = info
            .location()
            .map(|l| format!(" (at {}:{})", l.file(), l.line()))
            .unwrap_or_default();
        // A closed stderr must not turn the panic into an abort.
        let _ = writeln!(
            std::io::stderr().lock(),
            "aidisclose: internal error: {what}{place}\n\
             This is a bug; please report it with the command you ran."
        );
    }));
}

/// Runs `main`; a panic in it, or in a worker thread it waits for, ends with exit code 2.
pub fn guard(main: impl FnOnce() -> ExitCode + UnwindSafe) -> ExitCode {
    panic::catch_unwind(main).unwrap_or(ExitCode::from(2))
}
