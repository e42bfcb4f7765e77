//! Interrupts: on SIGINT (Ctrl-C), SIGTERM (what `timeout`, `kill`,
//! Slurm and `docker stop` send) and SIGHUP (a closed terminal) the
//! temporary output files not yet renamed into place are removed and the
//! process exits 130, so an interrupted run leaves no half-written output
//! (ctrlc's `termination` feature routes all three to one handler).

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary output files not yet renamed into place.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Install the handler (once per process).
pub fn handle_interrupts() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(paths) = PENDING.lock() {
            for p in paths.iter() {
                let _ = std::fs::remove_file(p);
            }
        }
        super::stderr::print_line("lexiscope: interrupted; no output was written");
        std::process::exit(130);
    });
}

/// A temporary file an interrupt must remove.
pub fn add_pending(path: &Path) {
    if let Ok(mut paths) = PENDING.lock() {
        paths.push(path.to_path_buf());
    }
}

/// The temporary file is renamed into place (or gone).
pub fn remove_pending(path: &Path) {
    if let Ok(mut paths) = PENDING.lock() {
        paths.retain(|p| p != path);
    }
}
