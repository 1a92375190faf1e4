//! Reading the tables of a finished run back, one row at a time.
//!
//! A [`TableReader`] opens `NAME.csv` (plain, or spreadsheet-safe: its byte order mark is
//! skipped and the `'` that guards a formula-like cell removed) or, when there is no CSV,
//! `NAME.jsonl`, and hands out rows deserialized into the caller's row struct, with the line
//! each starts on. It never holds more than one row, so a consumer that streams (the STIX
//! export) stays bounded whatever the size of the corpus.
//!
//! Errors are one line naming the file and the line: a missing table, a missing column, a row
//! with the wrong number of fields, a cell that does not parse (`claims.csv:7: column
//! 'cue_start': invalid digit found in string`).
//!
//! What it does not do: check the rows against each other (the consumer does), or read the
//! workbook of `--format xlsx`.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// One row and the 1-based line of the file it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row<T> {
    /// The line the row starts on (the header is line 1 of a CSV table).
    pub line: u64,
    /// The row.
    pub value: T,
}

/// Reads one table of a run's output folder, row by row (see the module docs).
pub struct TableReader {
    path: PathBuf,
    inner: Inner,
}

enum Inner {
    Csv {
        reader: Box<csv::Reader<BufReader<File>>>,
        headers: csv::StringRecord,
        /// Spreadsheet-safe: text cells may carry a `'` guard.
        excel: bool,
        record: csv::StringRecord,
    },
    Jsonl {
        lines: std::io::Lines<BufReader<File>>,
        line: u64,
    },
}

impl std::fmt::Debug for TableReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TableReader").field("path", &self.path).finish_non_exhaustive()
    }
}

impl TableReader {
    /// Opens table `name` (`documents`, `entities`, …) in `dir`: `NAME.csv` when present, else
    /// `NAME.jsonl`; with both, the newer one (the last run's).
    pub fn open(dir: &Path, name: &str) -> Result<TableReader> {
        let csv_path = dir.join(format!("{name}.csv"));
        let jsonl_path = dir.join(format!("{name}.jsonl"));
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let use_csv =
            csv_path.is_file() && (!jsonl_path.is_file() || modified(&csv_path) >= modified(&jsonl_path));
        if use_csv {
            TableReader::open_file(&csv_path)
        } else if jsonl_path.is_file() {
            TableReader::open_file(&jsonl_path)
        } else {
            Err(Error::data(
                &csv_path,
                None,
                format!(
                    "no {name} table (neither {name}.csv nor {name}.jsonl): expected the output folder of `isnad extract`"
                ),
            ))
        }
    }

    /// Opens one table file: JSON Lines when its name ends in `.jsonl` (or `.jsonl.tmp`, a
    /// table of a run not yet renamed into place), else CSV.
    pub fn open_file(path: &Path) -> Result<TableReader> {
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        let jsonl = name.ends_with(".jsonl") || name.ends_with(".jsonl.tmp");
        if !jsonl {
            let csv_path = path.to_path_buf();
            let file = File::open(&csv_path).map_err(|e| Error::io(&csv_path, &e))?;
            let mut buf = BufReader::new(file);
            let excel = buf.fill_buf().map_err(|e| Error::io(&csv_path, &e))?.starts_with(b"\xEF\xBB\xBF");
            if excel {
                buf.consume(3);
            }
            let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(buf);
            let headers = reader.headers().map_err(|e| csv_error(&csv_path, None, e))?.clone();
            Ok(TableReader {
                path: csv_path,
                inner: Inner::Csv {
                    reader: Box::new(reader),
                    headers,
                    excel,
                    record: csv::StringRecord::new(),
                },
            })
        } else {
            let file = File::open(path).map_err(|e| Error::io(path, &e))?;
            Ok(TableReader {
                path: path.to_path_buf(),
                inner: Inner::Jsonl { lines: BufReader::new(file).lines(), line: 0 },
            })
        }
    }

    /// The file being read.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Checks that a CSV table has each of `columns` in its header (a JSON Lines table names
    /// its fields in every row: a missing one is reported with the row).
    pub fn require(&self, columns: &[&str]) -> Result<()> {
        if let Inner::Csv { headers, .. } = &self.inner {
            for c in columns {
                if !headers.iter().any(|h| h == *c) {
                    return Err(Error::data(&self.path, Some(1), format!("missing column '{c}'")));
                }
            }
        }
        Ok(())
    }

    /// The next row, or `None` at the end of the table.
    pub fn next_row<T: DeserializeOwned>(&mut self) -> Result<Option<Row<T>>> {
        match &mut self.inner {
            Inner::Csv { reader, headers, excel, record } => {
                let more =
                    reader.read_record(record).map_err(|e| csv_error(&self.path, Some(&*headers), e))?;
                if !more {
                    return Ok(None);
                }
                let line = record.position().map_or(0, |p| p.line());
                if *excel {
                    *record = record.iter().map(unguard).collect();
                }
                let value =
                    record.deserialize(Some(headers)).map_err(|e| csv_error(&self.path, Some(headers), e))?;
                Ok(Some(Row { line, value }))
            }
            Inner::Jsonl { lines, line } => loop {
                let Some(text) = lines.next() else { return Ok(None) };
                *line += 1;
                let text = text.map_err(|e| Error::io(&self.path, &e))?;
                if text.trim().is_empty() {
                    continue;
                }
                let value = serde_json::from_str(&text)
                    .map_err(|e| Error::data(&self.path, Some(*line), json_message(&e)))?;
                return Ok(Some(Row { line: *line, value }));
            },
        }
    }
}

/// A cell of a spreadsheet-safe CSV without the `'` that guards a formula-like start
/// (see `output::OutputFormat::excel`).
fn unguard(cell: &str) -> &str {
    let mut it = cell.chars();
    if it.next() == Some('\'') && it.next().is_some_and(crate::output::is_formula_start) {
        &cell[1..]
    } else {
        cell
    }
}

/// A one-line error for a CSV failure at the row it concerns.
fn csv_error(path: &Path, headers: Option<&csv::StringRecord>, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    let msg = match e.kind() {
        csv::ErrorKind::Io(io) => return Error::io(path, io),
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("{len} fields, the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { err, .. } => format!("not UTF-8 (field {})", err.field() + 1),
        csv::ErrorKind::Deserialize { err, .. } => {
            let column = err
                .field()
                .and_then(|i| headers.and_then(|h| h.get(i as usize)))
                .map(|c| format!("column '{c}': "))
                .unwrap_or_default();
            format!("{column}{}", err.kind())
        }
        other => format!("{other:?}"),
    };
    Error::data(path, line, msg.replace('\n', " "))
}

/// serde_json's message without its ` at line L column C` tail (the line is the row's).
fn json_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct R {
        doc_id: String,
        n: usize,
    }

    #[test]
    fn reads_csv_excel_and_jsonl_with_lines() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "doc_id,n\nx,1\n\"y\nz\",2\n").unwrap();
        let mut r = TableReader::open(dir.path(), "a").unwrap();
        r.require(&["doc_id", "n"]).unwrap();
        assert!(r.require(&["m"]).unwrap_err().to_string().ends_with("a.csv:1: missing column 'm'"));
        let rows: Vec<Row<R>> = std::iter::from_fn(|| r.next_row().unwrap()).collect();
        assert_eq!(rows[1], Row { line: 3, value: R { doc_id: "y\nz".into(), n: 2 } });

        std::fs::write(dir.path().join("b.csv"), "\u{FEFF}doc_id,n\n'=x,1\n'a,2\n").unwrap();
        let mut r = TableReader::open(dir.path(), "b").unwrap();
        let ids: Vec<String> =
            std::iter::from_fn(|| r.next_row::<R>().unwrap()).map(|r| r.value.doc_id).collect();
        assert_eq!(ids, ["=x", "'a"]);

        std::fs::write(dir.path().join("c.jsonl"), "{\"doc_id\":\"x\",\"n\":1}\n\n{\"doc_id\":\"y\"}\n")
            .unwrap();
        let mut r = TableReader::open(dir.path(), "c").unwrap();
        assert_eq!(r.next_row::<R>().unwrap().unwrap().line, 1);
        let e = r.next_row::<R>().unwrap_err().to_string();
        assert!(e.ends_with("c.jsonl:3: missing field `n`"), "{e}");
    }

    #[test]
    fn errors_name_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "doc_id,n\nx,1\ny,two\n").unwrap();
        let mut r = TableReader::open(dir.path(), "a").unwrap();
        r.next_row::<R>().unwrap();
        let e = r.next_row::<R>().unwrap_err().to_string();
        assert!(e.ends_with("a.csv:3: column 'n': invalid digit found in string"), "{e}");
        std::fs::write(dir.path().join("b.csv"), "doc_id,n\nx,1,3\n").unwrap();
        let e = TableReader::open(dir.path(), "b").unwrap().next_row::<R>().unwrap_err().to_string();
        assert!(e.ends_with("b.csv:2: 3 fields, the header has 2"), "{e}");
        let e = TableReader::open(dir.path(), "none").unwrap_err().to_string();
        assert!(e.contains("none.csv: no none table"), "{e}");
    }
}
