//! `isnad extract --stdin-jsonl`: documents in as JSON Lines on stdin, table rows out as JSON
//! Lines on stdout, for cluster engines that pipe records through a program (Spark's
//! `RDD.pipe`, Hadoop streaming, `xargs`).
//!
//! Each input line is an object `{"doc_id": "…", "text": "…"}`; two optional fields let a
//! sender that decoded the bytes itself say what it found: `encoding` (`utf-8`, `utf-16le`,
//! `utf-16be`, `windows-1256`; default `utf-8`) and `error` (a one-line reason the document
//! could not be read: it becomes a `status=error` row). A third, `date` (`YYYY`, `YYYY-MM` or
//! `YYYY-MM-DD`, also with a time after the day), is the document's date (`date_source` =
//! `input`; `--dates` overrides it); a date that is none of these makes the line an error row.
//! Other fields are ignored; blank lines are skipped.
//!
//! Each output line is one table row: `{"table": "documents" | "entities" | "relations" |
//! "claims", …}` followed by the columns of that CSV table with the same names and values
//! (numbers as JSON numbers, offsets in code points). A document's rows come together, its
//! `documents` row first, in input order; the rows come from [`output::doc_rows`], the function
//! the CSV writer reads, so a row here and its CSV row cannot differ.
//!
//! A line that is not valid UTF-8 or JSON, or lacks `doc_id` or `text`, becomes a `documents`
//! row with `status` = `error` and a reason naming the line number (its `doc_id` is the one it
//! gave, else `stdin:N`); the run goes on. A line longer than `--max-mb` is not held: the rest
//! of it is skipped as it is read, and its row says how large it was (the `doc_id` is read from
//! the line's start when it comes first, as senders usually write it). A UTF-8 byte order mark
//! before the first line is skipped. A `doc_id` that an earlier line gave already becomes an
//! error row under the id `stdin:N` naming both lines, so no two `documents` rows share an id
//! (the ids seen are kept in memory).
//!
//! What it does not do: sort (the caller orders rows by `doc_id`), read files, or write CSV.

use std::io::{BufRead, Write};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::dates::{DateOverrides, DateSource, DocDate};
use crate::doc::{DocResult, Document, Status};
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
    date: Option<String>,
}

/// Runs `extract --stdin-jsonl`: loads the pipeline of `cfg` (its inputs and output folder are
/// not used) and streams stdin to stdout.
pub fn extract_stdin(cfg: &ExtractConfig, chunk: usize) -> Result<Summary> {
    let pipeline = Pipeline::load(cfg.gazetteers.as_deref(), cfg.rules.as_deref())?;
    let pool = crate::pipeline::thread_pool(cfg.jobs)?;
    let dates = cfg.load_dates()?;
    run_with_dates(
        &pipeline,
        &pool,
        chunk,
        cfg.max_bytes,
        &dates,
        std::io::stdin().lock(),
        std::io::stdout().lock(),
    )
}

/// Reads documents from `input` until it ends, processes them `chunk` lines at a time in
/// parallel on `pool`, and writes their rows to `out` in input order. Lines longer than
/// `max_bytes` become error rows without being held in memory.
pub fn run(
    pipeline: &Pipeline,
    pool: &rayon::ThreadPool,
    chunk: usize,
    max_bytes: u64,
    input: impl BufRead,
    out: impl Write,
) -> Result<Summary> {
    run_with_dates(pipeline, pool, chunk, max_bytes, &DateOverrides::default(), input, out)
}

/// Like [`run`], with the dates of `--dates` over those of the input lines.
pub fn run_with_dates(
    pipeline: &Pipeline,
    pool: &rayon::ThreadPool,
    chunk: usize,
    max_bytes: u64,
    dates: &DateOverrides,
    mut input: impl BufRead,
    out: impl Write,
) -> Result<Summary> {
    let t0 = Instant::now();
    let chunk = if chunk == 0 { DEFAULT_CHUNK } else { chunk };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut s = Summary { warnings: pipeline.warnings.clone(), ..Summary::default() };
    let mut line_no = 0u64;
    let mut buf = Vec::new();
    let mut eof = false;
    // Every doc_id written, with its input line: a repeat becomes an error row.
    let mut seen: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    while !eof {
        let mut lines: Vec<(u64, Line)> = Vec::with_capacity(chunk);
        while lines.len() < chunk {
            buf.clear();
            let n =
                read_line_bounded(&mut input, &mut buf, max_bytes).map_err(|e| Error::io("<stdin>", &e))?;
            if n == 0 {
                eof = true;
                break;
            }
            line_no += 1;
            if line_no == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                buf.drain(..3);
            }
            if n > max_bytes {
                lines.push((line_no, Line::TooLong(n, std::mem::take(&mut buf))));
                continue;
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            lines.push((line_no, Line::Whole(std::mem::take(&mut buf))));
        }
        // Each worker renders its documents' rows; this thread only writes the bytes.
        let results: Vec<Result<Done>> = pool.install(|| {
            lines
                .into_par_iter()
                .map_init(Normalized::default, |norm, (n, line)| {
                    let mut doc = match line {
                        Line::Whole(bytes) => parse_line(n, &bytes),
                        Line::TooLong(len, head) => too_long(n, len, &head, max_bytes),
                    };
                    if let Some(d) = dates.get(&doc.id) {
                        doc.date = Some(d.clone());
                    }
                    let r = pipeline.process_guarded(doc, norm);
                    let (rows, counts) = json_rows(&r)?;
                    Ok(Done { line: n, id: r.doc.id, rows, counts })
                })
                .collect()
        });
        for r in results {
            let Done { line, id, mut rows, mut counts } = r?;
            // A doc_id met before: one error row under the line's own id instead of a second
            // row with the first one's id.
            if let Some(first) = seen.get(&id) {
                let reason = format!("input line {line}: doc_id '{id}' repeats input line {first}; not read");
                let doc = Document {
                    id: format!("stdin:{line}"),
                    encoding: "",
                    status: Status::Error(reason),
                    ..Document::default()
                };
                (rows, counts) = json_rows(&DocResult { doc, ..DocResult::default() })?;
            } else {
                seen.insert(id, line);
            }
            out.write_all(&rows).map_err(|e| Error::io("<stdout>", &e))?;
            s.counts.add(&counts);
        }
    }
    out.flush().map_err(|e| Error::io("<stdout>", &e))?;
    s.seconds = t0.elapsed().as_secs_f64();
    Ok(s)
}

/// One document's rows, rendered by a worker.
struct Done {
    line: u64,
    id: String,
    rows: Vec<u8>,
    counts: Counts,
}

/// The JSON Lines rows of one result and its counts.
fn json_rows(r: &DocResult) -> Result<(Vec<u8>, Counts)> {
    let mut rows = JsonRows { out: Vec::new() };
    output::doc_rows(r, &mut rows)?;
    Ok((rows.out, Counts::of(r)))
}

/// One input line as read: whole, or too long (its length and the bytes kept of its start).
enum Line {
    Whole(Vec<u8>),
    TooLong(u64, Vec<u8>),
}

/// Reads one line (with its `\n`) into `buf`, keeping at most `max_bytes + 1` bytes of it and
/// skipping the rest; returns the line's full length (0 at the end of input).
fn read_line_bounded(input: &mut impl BufRead, buf: &mut Vec<u8>, max_bytes: u64) -> std::io::Result<u64> {
    let keep = usize::try_from(max_bytes.saturating_add(1)).unwrap_or(usize::MAX);
    let mut total = 0u64;
    loop {
        let chunk = match input.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(total);
        }
        let (take, done) = match memchr_newline(chunk) {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = keep.saturating_sub(buf.len()).min(take);
        buf.extend_from_slice(&chunk[..room]);
        input.consume(take);
        total += take as u64;
        if done {
            return Ok(total);
        }
    }
}

fn memchr_newline(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'\n')
}

/// The error document of a line longer than `max_bytes`, with the `doc_id` its start gives.
fn too_long(n: u64, len: u64, head: &[u8], max_bytes: u64) -> Document {
    let id = leading_doc_id(head).unwrap_or_else(|| format!("stdin:{n}"));
    let reason = format!(
        "input line {n}: document is {}, larger than the limit of {} (--max-mb)",
        input::megabytes(len),
        input::megabytes(max_bytes)
    );
    Document { id, encoding: "", status: Status::Error(reason), ..Document::default() }
}

/// The `doc_id` of a JSON line whose first field it is (`{"doc_id": "…", …`).
fn leading_doc_id(head: &[u8]) -> Option<String> {
    let s = match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
    };
    let rest = s.trim_start().strip_prefix('{')?.trim_start().strip_prefix("\"doc_id\"")?;
    let rest = rest.trim_start().strip_prefix(':')?.trim_start();
    let mut de = serde_json::Deserializer::from_str(rest).into_iter::<String>();
    de.next()?.ok()
}

/// Turns input line `n` into a document, or into an error document saying what is wrong.
fn parse_line(n: u64, bytes: &[u8]) -> Document {
    let fallback_id = format!("stdin:{n}");
    let error = |id: Option<String>, reason: String| Document {
        id: id.unwrap_or_else(|| fallback_id.clone()),
        encoding: "",
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
    let date = match rec.date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(d) => match crate::dates::parse_iso(d) {
            Some(value) => Some(DocDate { value, source: DateSource::Input }),
            None => {
                return error(
                    Some(id),
                    format!("bad date '{}': expected YYYY, YYYY-MM or YYYY-MM-DD", one_line(d)),
                );
            }
        },
    };
    if let Some(reason) = rec.error {
        // Nothing was decoded unless the sender says from what.
        let encoding = if rec.encoding.is_some() { encoding } else { "" };
        return Document {
            id,
            encoding,
            status: Status::Error(one_line(&reason)),
            date,
            ..Document::default()
        };
    }
    match rec.text {
        Some(text) => Document { date, ..input::from_text(id, text, encoding) },
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
        let s = run(&pipeline, &pool, 1, 100_000_000, input.as_bytes(), &mut out).unwrap();
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

    // See: issue #14 item 2.
    #[test]
    fn a_repeated_doc_id_is_an_error_row() {
        let pipeline = Pipeline::load(None, None).unwrap();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let line = "{\"doc_id\":\"a.txt\",\"text\":\"قالت إيران.\"}\n";
        let input = format!("{line}{{\"doc_id\":\"b.txt\",\"text\":\"x\"}}\n{line}");
        let mut out = Vec::new();
        let s = run(&pipeline, &pool, 2, 100_000_000, input.as_bytes(), &mut out).unwrap();
        assert_eq!((s.counts.ok, s.counts.errors), (2, 1));
        let docs: Vec<serde_json::Value> = String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|r| r["table"] == "documents")
            .collect();
        let ids: Vec<&str> = docs.iter().map(|r| r["doc_id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["a.txt", "b.txt", "stdin:3"]);
        assert_eq!(docs[2]["error"], "input line 3: doc_id 'a.txt' repeats input line 1; not read");
        assert_eq!(docs[2]["encoding"], "");
    }

    #[test]
    fn lines_over_the_limit_are_error_rows_and_are_not_held() {
        let pipeline = Pipeline::load(None, None).unwrap();
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let big = format!("{{\"doc_id\": \"big.txt\", \"text\": \"{}\"}}", "قال ".repeat(1000));
        let big2 = big.replace("big.txt", "big2.txt");
        let input = format!("\u{feff}{{\"doc_id\":\"a.txt\",\"text\":\"قالت إيران.\"}}\n{big}\n{big2}");
        let mut out = Vec::new();
        let s = run(&pipeline, &pool, 2, 1_500, input.as_bytes(), &mut out).unwrap();
        assert_eq!((s.counts.ok, s.counts.errors), (1, 2), "the BOM line is read, both big lines fail");
        let rows: Vec<serde_json::Value> =
            String::from_utf8(out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        let errors: Vec<&serde_json::Value> = rows.iter().filter(|r| r["status"] == "error").collect();
        assert_eq!(errors.len(), 2);
        assert_eq!((&errors[0]["doc_id"], &errors[1]["doc_id"]), (&"big.txt".into(), &"big2.txt".into()));
        for e in errors {
            let msg = e["error"].as_str().unwrap();
            assert!(msg.contains("larger than the limit of 0.0015 MB (--max-mb)"), "{msg}");
        }
        // The reader keeps at most the limit of a line, and reports its whole length.
        let mut buf = Vec::new();
        let mut r = std::io::BufReader::with_capacity(7, big.as_bytes());
        assert_eq!(read_line_bounded(&mut r, &mut buf, 100).unwrap(), big.len() as u64);
        assert_eq!(buf.len(), 101);
        assert_eq!(crate::input::megabytes(1_000_000), "1 MB");
        assert_eq!(crate::input::megabytes(1_500_000), "1.5 MB");
        assert_eq!(crate::input::megabytes(1_000_001), "1.000001 MB");
    }
}
