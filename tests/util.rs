//! A scratch directory that runs the `isnad` binary and reads its CSV output back as rows.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary working directory, removed on drop.
pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    /// A new empty directory.
    pub fn new() -> Workdir {
        Workdir { dir: tempfile::tempdir().expect("temp dir") }
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `bytes` to `rel` (creating folders).
    pub fn create(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// Runs `isnad` with `args` in this directory.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_isnad"))
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("run isnad")
    }

    /// Reads `rel` (a CSV file) as rows of column → value.
    pub fn read_csv(&self, rel: &str) -> Vec<HashMap<String, String>> {
        read_csv(&self.dir.path().join(rel))
    }
}

/// Reads a CSV file as rows of column → value.
pub fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers.iter().zip(rec.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .collect()
}

/// stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Waits until `ready()` holds while `child` runs. Panics, naming `what`, when the child ends
/// first, or (killing it) when two minutes pass: a guard against a hang, not a timing check.
pub fn wait_until(child: &mut std::process::Child, what: &str, mut ready: impl FnMut() -> bool) {
    let give_up = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while !ready() {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("isnad ended ({status}) before {what}");
        }
        if std::time::Instant::now() > give_up {
            let _ = child.kill();
            panic!("isnad never got to {what}");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// The pipeline with the embedded data, loaded once for all tests.
pub fn pipeline() -> &'static isnad::Pipeline {
    static P: std::sync::OnceLock<isnad::Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(|| isnad::Pipeline::load(None, None).expect("embedded data loads"))
}

/// Runs the whole pipeline on `text` as one document `t.txt`.
pub fn run_text(text: &str) -> isnad::doc::DocResult {
    let doc = isnad::doc::Document {
        id: "t.txt".into(),
        text: text.to_string(),
        encoding: "utf-8",
        lang: isnad::input::detect_lang(text),
        status: isnad::doc::Status::Ok,
        date: None,
    };
    pipeline().process(doc)
}

/// Runs the `isnad` binary with `args`, `input` on its standard input, and waits for it.
pub fn run_stdin<S: AsRef<std::ffi::OsStr>>(args: impl IntoIterator<Item = S>, input: &str) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run isnad");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}
