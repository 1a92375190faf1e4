//! Clean interrupts: the temporary files a run is writing are removed when it is stopped by
//! SIGINT (Ctrl-C) or SIGTERM, and the leftovers of a run that could not clean up (SIGKILL, a
//! power cut) are removed by the next run into the same folder.
//!
//! Writers [`track`] each temporary file they create (or create it with [`create_tracked`]) and [`untrack`] it once it is renamed or
//! removed; the renames that publish a run's tables happen inside [`commit`], so an interrupt
//! never lands between them (all tables of the new run, or all of the old one). [`install`]
//! starts a thread that, on SIGINT or SIGTERM, removes every tracked file and then ends the
//! process as the signal would have (exit status 130 or 143 in a shell). Complete tables of an
//! earlier run are never touched: they are replaced only by [`commit`]'s renames.
//!
//! This module does not write tables; `output` and `report` do, and tell it what they create.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Temporary files of this process that are not yet renamed or removed.
static TRACKED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn tracked() -> MutexGuard<'static, Vec<PathBuf>> {
    TRACKED.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Records that `path` is a temporary file of this run, to be removed on an interrupt.
pub fn track(path: &Path) {
    tracked().push(path.to_path_buf());
}

/// Creates (truncates) the temporary file `path` and [`track`]s it, both under the lock the
/// signal thread takes: an interrupt removes it whenever it comes, never between the two.
pub fn create_tracked(path: &Path) -> std::io::Result<std::fs::File> {
    let mut files = tracked();
    let f = std::fs::File::create(path)?;
    files.push(path.to_path_buf());
    Ok(f)
}

/// Forgets `path` (it was renamed into place or removed).
pub fn untrack(path: &Path) {
    tracked().retain(|p| p != path);
}

/// Runs `publish` (the renames that put a run's tables in place) with interrupts held off:
/// a signal that arrives meanwhile is acted on once `publish` is done. Then forgets the files
/// of `renamed` that `publish` moved away.
pub fn commit<T>(renamed: &[PathBuf], publish: impl FnOnce() -> T) -> T {
    let mut files = tracked();
    let out = publish();
    files.retain(|p| !renamed.contains(p) || p.exists());
    out
}

/// Whether `name` is a temporary file an isnad run writes into its output folder:
/// `TABLE.EXT.tmp` for one of the four tables and any format (`documents.csv.tmp`,
/// `claims.jsonl.tmp`, …), the claim groups (`claim_groups.csv.tmp`,
/// `claims_grouped.csv.tmp`), or any `*.xlsx.tmp` workbook.
pub fn is_run_tmp(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".tmp") else { return false };
    if stem.ends_with(".xlsx") || stem == "datapackage.json" {
        return true;
    }
    let Some((table, ext)) = stem.rsplit_once('.') else { return false };
    (crate::output::TABLES.contains(&table)
        || [crate::groups::table::TABLE, crate::groups::table::CLAIMS_TMP].contains(&table))
        && !ext.is_empty()
        && ext.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Removes the temporary tables an earlier run left in `dir` (see [`is_run_tmp`]); returns
/// their names. A folder that cannot be listed is left alone.
pub fn remove_stale(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut removed: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| is_run_tmp(name))
        .filter(|name| std::fs::remove_file(dir.join(name)).is_ok())
        .collect();
    removed.sort();
    removed
}

/// Starts the thread that cleans up on SIGINT and SIGTERM (see the module docs). Call once,
/// early in `main`. Errors when the handlers cannot be installed.
pub fn install() -> std::io::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new().name("isnad-signals".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            // Held until any `commit` in progress is done; never released: the process ends.
            let mut files = tracked();
            for p in files.drain(..) {
                let _ = std::fs::remove_file(p);
            }
            // End as the signal would have, so that the parent sees it (shells: 128 + N).
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_tmp_names_of_every_format() {
        for name in [
            "documents.csv.tmp",
            "claims.jsonl.tmp",
            "entities.xlsx.tmp",
            "isnad.xlsx.tmp",
            "datapackage.json.tmp",
            "claim_groups.csv.tmp",
            "claims_grouped.jsonl.tmp",
        ] {
            assert!(is_run_tmp(name), "{name}");
        }
        for name in ["documents.csv", "notes.tmp", "mine.csv.tmp", "documents..tmp", "x.tmp.csv"] {
            assert!(!is_run_tmp(name), "{name}");
        }
    }

    #[test]
    fn stale_tmp_files_are_removed_and_tables_kept() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["documents.csv", "documents.csv.tmp", "relations.jsonl.tmp", "notes.tmp"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        assert_eq!(remove_stale(dir.path()), ["documents.csv.tmp", "relations.jsonl.tmp"]);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, ["documents.csv", "notes.tmp"]);
    }
}
