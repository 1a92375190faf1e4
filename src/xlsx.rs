//! The tables as one Excel workbook (`extract --format xlsx`): `isnad.xlsx`, one sheet per
//! table, written with `rust_xlsxwriter`.
//!
//! A CSV cannot say "this is text", so spreadsheets guess: `Nov. 5, 2024` becomes a date,
//! `2024-08-09` a date, `001` the number 1, and `text == doc[start:end]` is lost at the first
//! save. Here every cell has its type: text columns are string cells with the Text number format
//! `@` (never converted, never run as a formula, whatever they start with), offsets, counts and
//! sentence indexes are numbers. Each sheet has a bold frozen header row and an autofilter over
//! its rows; a sheet most of whose rows are Arabic or Persian (by the first letter of the row's
//! text: `lang` for documents, `text` for entities, `evidence` for relations, `content` for
//! claims) is shown right to left. A table longer than a sheet holds (1,048,575 rows) goes on in
//! `NAME 2`, `NAME 3`, … after the four sheets.
//!
//! Rows arrive as the JSON Lines the renderer writes (one object per row, numbers as JSON
//! numbers), in `doc_id` order, and are written to disk as they come (the workbook's
//! constant-memory mode keeps one row per sheet in memory, the rest in temporary files in the
//! output folder), so memory does not grow with the corpus. The workbook is saved to
//! `isnad.xlsx.tmp` and renamed over `isnad.xlsx` by [`crate::output::TableWriter::finish`].
//!
//! What it does not do: decide the columns (`output` owns them) or read workbooks back.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::normalize::{is_alphabetic, is_arabic_letter};

/// The file name of the workbook.
pub const WORKBOOK: &str = "isnad.xlsx";

/// Rows an xlsx sheet holds, header included.
const SHEET_ROWS: u32 = 1_048_576;

/// For each table, the column whose first letter decides whether a row is right to left.
const DIRECTION_COLUMN: [&str; 4] = ["lang", "text", "evidence", "content"];

/// Column widths (in characters) for the columns that hold long text; others get 12.
fn column_width(name: &str) -> f64 {
    match name {
        "doc_id" => 32.0,
        "evidence" | "content" => 60.0,
        "text" | "canonical" | "alias" | "subject_text" | "object_text" | "speaker_text" | "detail"
        | "error" => 24.0,
        "source" | "rule" => 22.0,
        _ => 12.0,
    }
}

/// One table's sheets and what has been written to the last of them.
#[derive(Debug, Default)]
struct Table {
    /// Worksheet indexes in the workbook, the first one named after the table.
    sheets: Vec<usize>,
    /// Rows written to the last sheet, header included.
    rows: u32,
    /// Data rows of the table written so far, and how many of them are right to left, per
    /// sheet.
    direction: Vec<(usize, usize)>,
}

/// The workbook being written: four sheets, rows appended in order.
pub struct XlsxTables {
    workbook: Workbook,
    headers: [&'static [&'static str]; 4],
    names: [&'static str; 4],
    tables: [Table; 4],
    text: Format,
    header: Format,
    /// Rows per sheet, header included ([`SHEET_ROWS`]; smaller in tests).
    sheet_rows: u32,
}

impl std::fmt::Debug for XlsxTables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("XlsxTables").field("names", &self.names).finish_non_exhaustive()
    }
}

/// A `rust_xlsxwriter` error as one actionable line, on `path`.
fn xlsx_err(path: &Path, e: XlsxError) -> Error {
    let msg = match e {
        XlsxError::MaxStringLengthExceeded => {
            "a cell is longer than 32,767 characters, the most an xlsx cell holds: write this \
             corpus with --format csv or jsonl"
                .to_string()
        }
        XlsxError::IoError(io) | XlsxError::TempFileError(_, io) => {
            return Error::io(path, &io);
        }
        other => format!("cannot write the workbook: {}", other.to_string().replace('\n', " ")),
    };
    Error::io(path, &std::io::Error::other(msg))
}

impl XlsxTables {
    /// A workbook whose temporary files go in `dir`, with one sheet per table named
    /// `names[i]` holding the header row `headers[i]`.
    pub fn create(
        dir: &Path,
        names: [&'static str; 4],
        headers: [&'static [&'static str]; 4],
    ) -> Result<XlsxTables> {
        XlsxTables::with_sheet_rows(dir, names, headers, SHEET_ROWS)
    }

    fn with_sheet_rows(
        dir: &Path,
        names: [&'static str; 4],
        headers: [&'static [&'static str]; 4],
        sheet_rows: u32,
    ) -> Result<XlsxTables> {
        let mut workbook = Workbook::new();
        workbook.set_tempdir(dir).map_err(|e| xlsx_err(dir, e))?;
        let mut t = XlsxTables {
            workbook,
            headers,
            names,
            tables: Default::default(),
            text: Format::new().set_num_format("@"),
            header: Format::new().set_bold().set_num_format("@"),
            sheet_rows,
        };
        for table in 0..4 {
            t.new_sheet(dir, table)?;
        }
        Ok(t)
    }

    /// Adds a sheet for `table` (its first, or the next one when the last is full) and writes
    /// its header row.
    fn new_sheet(&mut self, dir: &Path, table: usize) -> Result<()> {
        let n = self.tables[table].sheets.len();
        let name =
            if n == 0 { self.names[table].to_string() } else { format!("{} {}", self.names[table], n + 1) };
        let index = self.workbook.worksheets().len();
        let ws = self.workbook.add_worksheet_with_constant_memory().map_err(|e| xlsx_err(dir, e))?;
        ws.set_name(&name).map_err(|e| xlsx_err(dir, e))?;
        for (col, column) in self.headers[table].iter().enumerate() {
            let col = col as u16;
            ws.set_column_width(col, column_width(column)).map_err(|e| xlsx_err(dir, e))?;
            ws.write_string_with_format(0, col, *column, &self.header).map_err(|e| xlsx_err(dir, e))?;
        }
        ws.set_freeze_panes(1, 0).map_err(|e| xlsx_err(dir, e))?;
        let t = &mut self.tables[table];
        t.sheets.push(index);
        t.rows = 1;
        t.direction.push((0, 0));
        Ok(())
    }

    /// Appends the rows of `table` in `jsonl` (one JSON object per line, as the renderer
    /// writes them). `dir` names the output folder in error messages.
    pub fn append(&mut self, dir: &Path, table: usize, jsonl: &[u8]) -> Result<()> {
        for line in jsonl.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let row: serde_json::Map<String, Value> = serde_json::from_slice(line).map_err(|e| {
                Error::io(dir, &std::io::Error::other(format!("cannot read a rendered row: {e}")))
            })?;
            if self.tables[table].rows >= self.sheet_rows {
                self.new_sheet(dir, table)?;
            }
            let t = &self.tables[table];
            let (sheet, r) = (*t.sheets.last().expect("a sheet per table"), t.rows);
            let ws = self.workbook.worksheet_from_index(sheet).map_err(|e| xlsx_err(dir, e))?;
            for (col, column) in self.headers[table].iter().enumerate() {
                let col = col as u16;
                match row.get(*column) {
                    Some(Value::String(s)) if !s.is_empty() => {
                        ws.write_string_with_format(r, col, s, &self.text).map_err(|e| xlsx_err(dir, e))?;
                    }
                    Some(Value::Number(n)) => {
                        let v = n.as_f64().unwrap_or(f64::NAN);
                        ws.write_number(r, col, v).map_err(|e| xlsx_err(dir, e))?;
                    }
                    _ => {}
                }
            }
            let rtl = match row.get(DIRECTION_COLUMN[table]) {
                Some(Value::String(s)) if table == 0 => s == "ar" || s == "fa",
                Some(Value::String(s)) => is_rtl(s),
                _ => false,
            };
            let t = &mut self.tables[table];
            t.rows += 1;
            let d = t.direction.last_mut().expect("a sheet per table");
            d.0 += 1;
            d.1 += usize::from(rtl);
        }
        Ok(())
    }

    /// Sets each sheet's autofilter and direction and saves the workbook to `path`.
    pub fn finish(mut self, path: &Path) -> Result<()> {
        for table in 0..4 {
            let t = &self.tables[table];
            let last_col = self.headers[table].len().saturating_sub(1) as u16;
            for (i, &sheet) in t.sheets.iter().enumerate() {
                let (rows, rtl) = t.direction[i];
                let ws = self.workbook.worksheet_from_index(sheet).map_err(|e| xlsx_err(path, e))?;
                ws.autofilter(0, 0, rows as u32, last_col).map_err(|e| xlsx_err(path, e))?;
                ws.set_right_to_left(rtl * 2 > rows);
            }
        }
        self.workbook.save(path).map_err(|e| xlsx_err(path, e))
    }
}

/// Whether `s` reads right to left: its first letter is Arabic-script.
pub fn is_rtl(s: &str) -> bool {
    s.chars().find(|&c| is_alphabetic(c)).is_some_and(is_arabic_letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_is_the_first_letter() {
        assert!(is_rtl("«إيران» said"));
        assert!(is_rtl("2024 ایران"));
        assert!(!is_rtl("Iran (إيران)"));
        assert!(!is_rtl("2024"));
    }

    /// A cell longer than xlsx allows is a one-line error that says what to do instead.
    #[test]
    fn overlong_cells_are_an_actionable_error() {
        let dir = tempfile::tempdir().unwrap();
        const H: &[&str] = &["doc_id", "text"];
        let mut x = XlsxTables::create(dir.path(), ["a", "b", "c", "d"], [H; 4]).unwrap();
        let row = format!("{{\"doc_id\":\"x\",\"text\":\"{}\"}}\n", "ا".repeat(40_000));
        let e = x.append(dir.path(), 1, row.as_bytes()).unwrap_err().to_string();
        assert!(e.contains("longer than 32,767 characters") && e.contains("--format csv or jsonl"), "{e}");
        assert_eq!(e.lines().count(), 1, "{e}");
    }

    /// A table longer than a sheet goes on in a second sheet with its own header.
    #[test]
    fn long_tables_continue_on_new_sheets() {
        let dir = tempfile::tempdir().unwrap();
        const H: &[&str] = &["doc_id", "n"];
        let mut x = XlsxTables::with_sheet_rows(dir.path(), ["a", "b", "c", "d"], [H; 4], 3).unwrap();
        x.append(
            dir.path(),
            1,
            b"{\"doc_id\":\"001\",\"n\":1}\n{\"doc_id\":\"002\",\"n\":2}\n{\"doc_id\":\"003\",\"n\":3}\n",
        )
        .unwrap();
        assert_eq!(x.tables[1].sheets.len(), 2);
        assert_eq!(x.tables[1].direction, [(2, 0), (1, 0)]);
        let names: Vec<String> = x.workbook.worksheets().iter().map(|w| w.name()).collect();
        assert_eq!(names, ["a", "b", "c", "d", "b 2"]);
        x.finish(&dir.path().join("t.xlsx.tmp")).unwrap();
        assert!(std::fs::metadata(dir.path().join("t.xlsx.tmp")).unwrap().len() > 0);
    }
}
