//! `isnad extract --stdin-jsonl`: documents in as JSON Lines on stdin, table rows out as JSON
//! Lines on stdout, for cluster engines that pipe records through a program (Spark's
//! `RDD.pipe`, Hadoop streaming, `xargs`).
//!
//! Each input line is an object `{"doc_id": "…", "text": "…"}`; two optional fields let a
//! sender that decoded the bytes itself say what it found: `encoding` (`utf-8`, `utf-16le`,
//! `utf-16be`, `windows-1256`; default `utf-8`) and `error` (a one-line reason the document
//! could not be read: it becomes a `status=error` row). Other fields are ignored; blank lines
//! are skipped.
//!
//! Each output line is one table row: `{"table": "documents" | "entities" | "relations" |
//! "claims", …}` followed by the columns of that CSV table with the same names and values
//! (numbers as JSON numbers, offsets in code points). A document's rows come together, its
//! `documents` row first, in input order; the rows come from [`output::doc_rows`], the function
//! the CSV writer reads, so a row here and its CSV row cannot differ.
//!
//! A line that is not valid UTF-8 or JSON, or lacks `doc_id` or `text`, becomes a `documents`
//! row with `status` = `error` and a reason naming the line number (its `doc_id` is the one it
//! gave, else `stdin:N`); the run goes on.
//!
//! What it does not do: sort (the caller orders rows by `doc_id`), read files, or write CSV.

use std::io::{BufRead, Write};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::doc::{Document, Status};
use crate::error::{Error, Result};
use crate::input;
use crate::normalize::Normalized;
use crate::output::{self, ClaimRow, Counts, DocumentRow, EntityRow, RelationRow, RowSink};
use crate::pipeline::{DEFAULT_CHUNK, ExtractConfig, Pipeline, Summary};

/// One input line.
#[derive(Debug, Deserialize)]
struct InLine {
    doc_id: Option<String>,
    text: Option<String>,
    encoding: Option<String>,
    error: Option<String>,
}

/// Runs `extract --stdin-jsonl`: loads the pipeline of `cfg` (its inputs and output folder are
/// not used) and streams stdin to stdout.
pub fn extract_stdin(cfg: &ExtractConfig, chunk: usize) -> Result<Summary> {
    let pipeline = Pipeline::load(cfg.gazetteers.as_deref(), cfg.rules.as_deref())?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .build()
        .map_err(|e| Error::usage(format!("cannot start {} threads: {e}", cfg.jobs)))?;
    run(&pipeline, &pool, chunk, std::io::stdin().lock(), std::io::stdout().lock())
}

/// Reads documents from `input` until it ends, processes them `chunk` lines at a time in
/// parallel on `pool`, and writes their rows to `out` in input order.
pub fn run(
    pipeline: &Pipeline,
    pool: &rayon::ThreadPool,
    chunk: usize,
    mut input: impl BufRead,
    out: impl Write,
) -> Result<Summary> {
    let t0 = Instant::now();
    let chunk = if chunk == 0 { DEFAULT_CHUNK } else { chunk };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut s = Summary { warnings: pipeline.gazetteer.warnings.clone(), ..Summary::default() };
    let mut line_no = 0u64;
    let mut buf = Vec::new();
    let mut eof = false;
    while !eof {
        let mut lines: Vec<(u64, Vec<u8>)> = Vec::with_capacity(chunk);
        while lines.len() < chunk {
            buf.clear();
            let n = input.read_until(b'\n', &mut buf).map_err(|e| Error::io("<stdin>", &e))?;
            if n == 0 {
                eof = true;
                break;
            }
            line_no += 1;
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            lines.push((line_no, std::mem::take(&mut buf)));
        }
        // Each worker renders its documents' rows; this thread only writes the bytes.
        let results: Vec<Result<(Vec<u8>, Counts)>> = pool.install(|| {
            lines
                .into_par_iter()
                .map_init(Normalized::default, |norm, (n, bytes)| {
                    let r = pipeline.process_guarded(parse_line(n, &bytes), norm);
                    let mut rows = JsonRows { out: Vec::new() };
                    output::doc_rows(&r, &mut rows)?;
                    Ok((rows.out, Counts::of(&r)))
                })
                .collect()
        });
        for r in results {
            let (rows, counts) = r?;
            out.write_all(&rows).map_err(|e| Error::io("<stdout>", &e))?;
            s.counts.add(&counts);
        }
    }
    out.flush().map_err(|e| Error::io("<stdout>", &e))?;
    s.seconds = t0.elapsed().as_secs_f64();
    Ok(s)
}

/// Turns input line `n` into a document, or into an error document saying what is wrong.
fn parse_line(n: u64, bytes: &[u8]) -> Document {
    let fallback_id = format!("stdin:{n}");
    let error = |id: Option<String>, reason: String| Document {
        id: id.unwrap_or_else(|| fallback_id.clone()),
        encoding: "utf-8",
        status: Status::Error(format!("input line {n}: {reason}")),
        ..Document::default()
    };
    let line = match std::str::from_utf8(bytes) {
        Ok(l) => l.trim_end_matches(['\n', '\r']),
        Err(e) => return error(None, format!("invalid UTF-8 at byte {}", e.valid_up_to())),
    };
    let rec: InLine = match serde_json::from_str(line) {
        Ok(r) => r,
        Err(e) => {
            let full = e.to_string();
            let msg = full.split(" at line ").next().unwrap_or(&full);
            return error(None, format!("invalid JSON: {msg} at column {}", e.column()));
        }
    };
    let Some(id) = rec.doc_id else {
        return error(None, "missing field doc_id".to_string());
    };
    let encoding = match rec.encoding.as_deref() {
        None | Some("utf-8") => "utf-8",
        Some("utf-16le") => "utf-16le",
        Some("utf-16be") => "utf-16be",
        Some("windows-1256") => "windows-1256",
        Some(other) => return error(Some(id), format!("unknown encoding '{}'", one_line(other))),
    };
    if let Some(reason) = rec.error {
        return Document { id, encoding, status: Status::Error(one_line(&reason)), ..Document::default() };
    }
    match rec.text {
        Some(text) => input::from_text(id, text, encoding),
        None => error(Some(id), "missing field text".to_string()),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A row with the name of its table first.
#[derive(Serialize)]
struct Tagged<'a, T: Serialize> {
    table: &'static str,
    #[serde(flatten)]
    row: &'a T,
}

/// Writes rows as JSON Lines.
struct JsonRows<W: Write> {
    out: W,
}

impl<W: Write> JsonRows<W> {
    fn put<T: Serialize>(&mut self, table: &'static str, row: &T) -> Result<()> {
        serde_json::to_writer(&mut self.out, &Tagged { table, row })
            .map_err(|e| Error::io("<stdout>", &std::io::Error::from(e)))?;
        self.out.write_all(b"\n").map_err(|e| Error::io("<stdout>", &e))
    }
}

impl<W: Write> RowSink for JsonRows<W> {
    fn document(&mut self, row: &DocumentRow<'_>) -> Result<()> {
        self.put("documents", row)
    }
    fn entity(&mut self, row: &EntityRow<'_>) -> Result<()> {
        self.put("entities", row)
    }
    fn relation(&mut self, row: &RelationRow<'_>) -> Result<()> {
        self.put("relations", row)
    }
    fn claim(&mut self, row: &ClaimRow<'_>) -> Result<()> {
        self.put("claims", row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_become_error_documents() {
        let d = parse_line(3, b"{\"doc_id\": \"a.txt\"");
        assert_eq!(d.id, "stdin:3");
        assert!(
            matches!(&d.status, Status::Error(r) if r.starts_with("input line 3: invalid JSON")),
            "{d:?}"
        );
        let d = parse_line(4, b"{\"doc_id\": \"a.txt\"}\r\n");
        assert_eq!(d.id, "a.txt");
        assert_eq!(d.status, Status::Error("input line 4: missing field text".into()));
        let d = parse_line(5, b"\xff{}");
        assert!(matches!(&d.status, Status::Error(r) if r.contains("invalid UTF-8")), "{d:?}");
        let d = parse_line(6, "{\"doc_id\": \"b.txt\", \"text\": \"قالت إيران\", \"x\": 1}".as_bytes());
        assert_eq!((d.id.as_str(), d.status, d.lang.as_str()), ("b.txt", Status::Ok, "ar"));
    }

    #[test]
    fn rows_are_tagged_json_with_numbers() {
        let pipeline = Pipeline::load(None, None).unwrap();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let input = "{\"doc_id\":\"a.txt\",\"text\":\"قالت إيران إن الاتهامات سخيفة.\"}\n\nnot json\n";
        let mut out = Vec::new();
        let s = run(&pipeline, &pool, 1, input.as_bytes(), &mut out).unwrap();
        assert_eq!((s.counts.ok, s.counts.errors), (1, 1));
        let rows: Vec<serde_json::Value> =
            String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(rows[0]["table"], "documents");
        assert_eq!(rows[0]["doc_id"], "a.txt");
        assert!(rows[0]["chars"].is_u64());
        let last = rows.last().unwrap();
        assert_eq!((&last["doc_id"], &last["status"]), (&"stdin:3".into(), &"error".into()));
        assert!(last["error"].as_str().unwrap().starts_with("input line 3: invalid JSON"), "{last}");
    }
}
