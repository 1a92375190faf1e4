//! Writing the four tables (SCHEMA §3).
//!
//! The row structs below are the only place that knows column order. Offsets are converted
//! from bytes to code points here and nowhere else. Every table is written to `NAME.csv.tmp`,
//! flushed, and only when all four are complete renamed over `NAME.csv`: an interrupted or
//! failed run never leaves a half-written table (SIGINT and SIGTERM remove the temporary files,
//! see `interrupt`; the next run removes those a killed run left). Beside CSV tables,
//! `datapackage.json` (a Frictionless Data Package, [`datapackage`]) gives every column's type;
//! with `--format xlsx` the four tables are the sheets of one workbook ([`crate::xlsx`]), saved
//! to `isnad.xlsx.tmp` and renamed the same way.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::calendar::Calendar;
use crate::doc::{DocResult, Span, Status};
use crate::error::{Error, Result};
use crate::normalize::{is_invisible, trim_invisible};
use crate::xlsx::{WORKBOOK, XlsxTables};

/// The names of the tables, in the order they are written.
pub const TABLES: [&str; 4] = ["documents", "entities", "relations", "claims"];

/// A `documents.csv` row.
#[derive(Debug, Serialize)]
pub struct DocumentRow<'a> {
    /// Document id.
    pub doc_id: &'a str,
    /// Language.
    pub lang: &'a str,
    /// Encoding.
    pub encoding: &'a str,
    /// Length in code points.
    pub chars: usize,
    /// Number of sentences.
    pub sentences: usize,
    /// Entity rows.
    pub entities: usize,
    /// Relation rows.
    pub relations: usize,
    /// Claim rows.
    pub claims: usize,
    /// `ok`, `empty` or `error`.
    pub status: &'a str,
    /// One-line reason for `error`.
    pub error: &'a str,
    /// The document's date, ISO and as precise as known (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or
    /// empty ([`crate::dates`]).
    pub date: &'a str,
    /// Where the date came from: `dateline`, `text`, `input`, or empty.
    pub date_source: &'a str,
}

/// An `entities.csv` row.
#[derive(Debug, Serialize)]
pub struct EntityRow<'a> {
    /// Document id.
    pub doc_id: &'a str,
    /// `e1`, `e2`, …
    pub mention_id: String,
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// Surface text.
    pub text: &'a str,
    /// Label.
    pub label: &'a str,
    /// Entity id.
    pub entity_id: &'a str,
    /// Canonical name or normalized value.
    pub canonical: &'a str,
    /// `gazetteer:<file>` or `rule:<name>`.
    pub source: &'a str,
    /// Gazetteer alias that fired.
    pub alias: &'a str,
    /// Sentence index.
    pub sentence: usize,
    /// For a DATE, the calendar it is written in (`gregorian`, `solar_hijri`, `hijri`; its
    /// `canonical` is Gregorian whatever the calendar); empty for a weekday and other labels.
    pub calendar: &'a str,
}

/// A `relations.csv` row.
#[derive(Debug, Serialize)]
pub struct RelationRow<'a> {
    /// Document id.
    pub doc_id: &'a str,
    /// `r1`, `r2`, …
    pub relation_id: String,
    /// Predicate.
    pub predicate: &'a str,
    /// Subject mention id.
    pub subject_mention_id: String,
    /// Subject entity id.
    pub subject_entity_id: &'a str,
    /// Subject surface.
    pub subject_text: &'a str,
    /// Object mention id.
    pub object_mention_id: String,
    /// Object entity id.
    pub object_entity_id: &'a str,
    /// Object surface.
    pub object_text: &'a str,
    /// Detail (role title).
    pub detail: &'a str,
    /// Sentence index.
    pub sentence: usize,
    /// Sentence text.
    pub evidence: &'a str,
    /// Rule name.
    pub rule: &'a str,
}

/// A `claims.csv` row.
#[derive(Debug, Serialize)]
pub struct ClaimRow<'a> {
    /// Document id.
    pub doc_id: &'a str,
    /// `c1`, `c2`, …
    pub claim_id: String,
    /// Cue start (code points).
    pub cue_start: usize,
    /// Cue end.
    pub cue_end: usize,
    /// Cue text.
    pub cue: &'a str,
    /// Stance.
    pub stance: &'a str,
    /// Speaker mention id, or empty.
    pub speaker_mention_id: String,
    /// Speaker entity id, or empty.
    pub speaker_entity_id: &'a str,
    /// Speaker phrase.
    pub speaker_text: &'a str,
    /// `direct` or `indirect`.
    pub quote: &'a str,
    /// Content start.
    pub content_start: usize,
    /// Content end.
    pub content_end: usize,
    /// Content text.
    pub content: &'a str,
    /// `;`-separated target entity ids.
    pub targets: String,
    /// Sentence index.
    pub sentence: usize,
    /// Rule name.
    pub rule: &'a str,
    /// `claim_id` of the relaying claim that carries this one, or empty.
    pub via: String,
    /// For a denial: `;`-separated `claim_id`s of the accusations it answers.
    pub responds_to: String,
    /// For a body speaking through a titled, unnamed person (`the foreign ministry
    /// spokesman`), the person who held the title on the document's date ([`crate::roles`]).
    pub speaker_person_id: &'a str,
}

/// Converts byte offsets of one text to code-point offsets, in one pass over the text.
#[derive(Debug)]
pub struct CodePoints {
    table: Vec<(usize, usize)>,
}

impl CodePoints {
    /// Prepares the conversion of `offsets` (any order, duplicates allowed) within `text`.
    pub fn new(text: &str, mut offsets: Vec<usize>) -> CodePoints {
        offsets.sort_unstable();
        offsets.dedup();
        let mut table = Vec::with_capacity(offsets.len());
        // Code points before byte `o` = bytes before it that start a character.
        let (mut at, mut count) = (0usize, 0usize);
        for o in offsets {
            let end = o.min(text.len());
            count += char_starts(&text.as_bytes()[at..end]);
            at = end;
            table.push((o, count));
        }
        CodePoints { table }
    }

    /// The code-point offset of byte offset `b` (which must have been given to `new`).
    pub fn get(&self, b: usize) -> usize {
        match self.table.binary_search_by_key(&b, |&(o, _)| o) {
            Ok(i) => self.table[i].1,
            Err(_) => panic!("offset {b} was not registered"),
        }
    }
}

/// The number of characters that start in `bytes` (UTF-8: every byte but continuation bytes).
fn char_starts(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut n = 0;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().expect("chunks of eight"));
        // A continuation byte is 10xxxxxx: bit 7 of its lane set, bit 6 clear. The lanes' bits,
        // moved to bit 0 and multiplied by 0x0101…, add up in the top byte.
        let continuation = (x & !(x << 1) & HIGH) >> 7;
        n += 8 - (continuation.wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize;
    }
    n + chunks.remainder().iter().filter(|&&b| (b as i8) >= -0x40).count()
}

fn spans_of(r: &DocResult) -> Vec<usize> {
    let mut v = Vec::with_capacity(r.mentions.len() * 2 + r.claims.len() * 6);
    for m in &r.mentions {
        v.extend([m.span.start, m.span.end]);
    }
    for c in &r.claims {
        let (cue, content) = (trim_span(&r.doc.text, c.cue), trim_span(&r.doc.text, c.content));
        v.extend([cue.start, cue.end, content.start, content.end]);
        if let Some(s) = c.speaker_span {
            v.extend([s.start, s.end]);
        }
    }
    v
}

/// The text of `s`, without invisible characters at its edges (a cell never starts or ends
/// with a bidi control, ZWSP, word joiner or BOM: [`crate::normalize::is_invisible`]). For
/// sentences, titles and speaker phrases; mention texts are sliced untrimmed (normalization
/// never lets a mention start or end on one, `tests/offsets.rs` checks it).
fn slice(text: &str, s: Span) -> &str {
    trim_invisible(&text[s.start..s.end])
}

/// `s` shrunk past invisible characters at its edges, so that a cell with offsets still equals
/// `doc[start:end]` after [`slice`] trims it.
fn trim_span(text: &str, s: Span) -> Span {
    let inner = &text[s.start..s.end];
    let start = s.start + (inner.len() - inner.trim_start_matches(is_invisible).len());
    let end = s.end - (inner.len() - inner.trim_end_matches(is_invisible).len());
    Span::new(start, end.max(start))
}

/// Writes the four tables for `results` (already sorted by `doc_id`) into `dir`.
///
/// A thin wrapper around [`TableWriter`], for callers that hold every result at once.
pub fn write_tables(dir: &Path, results: &[DocResult]) -> Result<()> {
    let mut w = TableWriter::create(dir)?;
    for r in results {
        w.write(r)?;
    }
    w.finish()
}

const DOC_HEADER: &[&str] = &[
    "doc_id",
    "lang",
    "encoding",
    "chars",
    "sentences",
    "entities",
    "relations",
    "claims",
    "status",
    "error",
    "date",
    "date_source",
];
const ENT_HEADER: &[&str] = &[
    "doc_id",
    "mention_id",
    "start",
    "end",
    "text",
    "label",
    "entity_id",
    "canonical",
    "source",
    "alias",
    "sentence",
    "calendar",
];
const REL_HEADER: &[&str] = &[
    "doc_id",
    "relation_id",
    "predicate",
    "subject_mention_id",
    "subject_entity_id",
    "subject_text",
    "object_mention_id",
    "object_entity_id",
    "object_text",
    "detail",
    "sentence",
    "evidence",
    "rule",
];
const CLAIM_HEADER: &[&str] = &[
    "doc_id",
    "claim_id",
    "cue_start",
    "cue_end",
    "cue",
    "stance",
    "speaker_mention_id",
    "speaker_entity_id",
    "speaker_text",
    "quote",
    "content_start",
    "content_end",
    "content",
    "targets",
    "sentence",
    "rule",
    "via",
    "responds_to",
    "speaker_person_id",
];

/// How the tables are written (`extract --format`, `--excel`). The default is plain RFC 4180
/// CSV, byte for byte what the tables have always been.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutputFormat {
    /// JSON Lines: `NAME.jsonl`, one object per row with the CSV columns as fields (numbers as
    /// JSON numbers), instead of `NAME.csv`.
    pub jsonl: bool,
    /// Spreadsheet-safe CSV: a UTF-8 BOM, CRLF line ends, and every text cell that starts with
    /// `=`, `+`, `-`, `@`, TAB or CR prefixed with `'` so that a spreadsheet shows it as text
    /// instead of running it as a formula (see [`guard_formula`]). Numeric cells are never
    /// changed. Ignored with `jsonl`.
    pub excel: bool,
    /// One Excel workbook, `isnad.xlsx`, with one sheet per table and typed cells (see
    /// [`crate::xlsx`]), instead of the four files. Takes precedence over `jsonl` and `excel`.
    pub xlsx: bool,
}

impl OutputFormat {
    /// The file extension of the tables: `csv`, `jsonl` or `xlsx`.
    pub fn extension(&self) -> &'static str {
        if self.xlsx {
            "xlsx"
        } else if self.jsonl {
            "jsonl"
        } else {
            "csv"
        }
    }

    /// Whether the rows are rendered as JSON Lines (the workbook reads its rows in that form).
    fn renders_jsonl(&self) -> bool {
        self.jsonl || self.xlsx
    }

    /// Whether the tables are CSV files (plain or spreadsheet-safe), which `datapackage.json`
    /// describes.
    pub fn is_csv(&self) -> bool {
        !self.jsonl && !self.xlsx
    }
}

/// Whether a cell starting with `c` is read as a formula by spreadsheets (OWASP "CSV
/// injection": `=`, `+`, `-`, `@`, TAB, CR).
pub fn is_formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// `cell` as a spreadsheet-safe CSV writes it: with a `'` in front when it starts like a
/// formula, unchanged otherwise.
pub fn guard_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if is_formula_start(c) => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// One table being written into memory in the run's [`OutputFormat`]. `serialize` has the
/// signature of `csv::Writer`'s, so the sinks need not know the format.
enum CsvWriter {
    Csv {
        w: Box<csv::Writer<Vec<u8>>>,
        /// Spreadsheet-safe: text cells guarded, columns taken in `header` order.
        excel: bool,
        header: &'static [&'static str],
    },
    Jsonl(Vec<u8>),
}

impl CsvWriter {
    fn new(format: OutputFormat, header: &'static [&'static str]) -> CsvWriter {
        if format.renders_jsonl() {
            return CsvWriter::Jsonl(Vec::new());
        }
        CsvWriter::Csv { w: Box::new(csv_writer(format.excel)), excel: format.excel, header }
    }

    fn serialize<T: Serialize>(&mut self, row: &T) -> csv::Result<()> {
        match self {
            CsvWriter::Csv { w, excel: false, .. } => w.serialize(row),
            CsvWriter::Csv { w, excel: true, header } => {
                let value = serde_json::to_value(row).map_err(std::io::Error::from)?;
                let cells = header.iter().map(|col| match value.get(col) {
                    Some(serde_json::Value::String(s)) => guard_formula(s).into_owned(),
                    Some(serde_json::Value::Null) | None => String::new(),
                    Some(v) => v.to_string(),
                });
                w.write_record(cells)
            }
            CsvWriter::Jsonl(w) => {
                serde_json::to_writer(&mut *w, row).map_err(std::io::Error::from)?;
                Ok(w.write_all(b"\n")?)
            }
        }
    }

    /// The header row (CSV only: every JSON Lines object names its fields).
    fn write_header(&mut self) -> csv::Result<()> {
        match self {
            CsvWriter::Csv { w, header, .. } => w.write_record(*header),
            CsvWriter::Jsonl(_) => Ok(()),
        }
    }

    /// Everything written since the last call.
    fn take(&mut self) -> csv::Result<Vec<u8>> {
        match self {
            CsvWriter::Csv { w, excel, .. } => {
                // `csv::Writer` lends its output only by value: swap in a fresh one.
                let done = std::mem::replace(w, Box::new(csv_writer(*excel)));
                done.into_inner().map_err(|e| csv::Error::from(std::io::Error::other(e.error().to_string())))
            }
            CsvWriter::Jsonl(w) => Ok(std::mem::take(w)),
        }
    }
}

/// An in-memory CSV writer of the tables' dialect: RFC 4180, LF (CRLF when spreadsheet-safe),
/// no automatic header.
fn csv_writer(crlf: bool) -> csv::Writer<Vec<u8>> {
    let mut b = csv::WriterBuilder::new();
    b.has_headers(false).buffer_capacity(4096);
    if crlf {
        b.terminator(csv::Terminator::CRLF);
    }
    b.from_writer(Vec::new())
}

fn csv_err(path: &Path, e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(path, &io),
        other => Error::io(path, &std::io::Error::other(format!("{other:?}"))),
    }
}

/// Hands the rows of one document to `sink`: its `documents` row, then its entity, relation
/// and claim rows, each table in output order, offsets in code points. The CSV writer and the
/// JSON Lines stream both read a document through this one function.
pub fn doc_rows(r: &DocResult, sink: &mut impl RowSink) -> Result<()> {
    let text = &r.doc.text;
    let id = r.doc.id.as_str();
    let error = match &r.doc.status {
        Status::Error(reason) => reason.as_str(),
        _ => "",
    };
    let date = crate::dates::DocDate::cells(r.date.as_ref());
    sink.document(&DocumentRow {
        doc_id: id,
        lang: r.doc.lang.as_str(),
        encoding: r.doc.encoding,
        chars: char_starts(text.as_bytes()),
        sentences: r.sentences.len(),
        entities: r.mentions.len(),
        relations: r.relations.len(),
        claims: r.claims.len(),
        status: r.doc.status.as_str(),
        error: trim_invisible(error),
        date: date.0,
        date_source: date.1,
    })?;
    if r.mentions.is_empty() && r.claims.is_empty() {
        return Ok(());
    }
    let cp = CodePoints::new(text, spans_of(r));
    for (i, m) in r.mentions.iter().enumerate() {
        sink.entity(&EntityRow {
            doc_id: id,
            mention_id: format!("e{}", i + 1),
            start: cp.get(m.span.start),
            end: cp.get(m.span.end),
            text: &text[m.span.start..m.span.end],
            label: m.label.as_str(),
            entity_id: &m.entity_id,
            canonical: &m.canonical,
            source: &m.source,
            alias: &m.alias,
            sentence: m.sentence,
            calendar: r.calendars.get(i).copied().flatten().map_or("", Calendar::as_str),
        })?;
    }
    let mut order: Vec<usize> = (0..r.relations.len()).collect();
    order.sort_by_key(|&i| {
        let rel = &r.relations[i];
        (r.mentions[rel.subject].span.start, r.mentions[rel.object].span.start, i)
    });
    for (n, &i) in order.iter().enumerate() {
        let rel = &r.relations[i];
        let (s, o) = (&r.mentions[rel.subject], &r.mentions[rel.object]);
        let evidence = r.sentences.get(rel.sentence).map_or("", |sp| slice(text, *sp));
        sink.relation(&RelationRow {
            doc_id: id,
            relation_id: format!("r{}", n + 1),
            predicate: rel.predicate,
            subject_mention_id: format!("e{}", rel.subject + 1),
            subject_entity_id: &s.entity_id,
            subject_text: &text[s.span.start..s.span.end],
            object_mention_id: format!("e{}", rel.object + 1),
            object_entity_id: &o.entity_id,
            object_text: &text[o.span.start..o.span.end],
            detail: trim_invisible(&rel.detail),
            sentence: rel.sentence,
            evidence,
            rule: &rel.rule,
        })?;
    }
    for (n, c) in r.claims.iter().enumerate() {
        let (cue, content) = (trim_span(text, c.cue), trim_span(text, c.content));
        let speaker = c.speaker.map(|i| &r.mentions[i]);
        let targets: Vec<&str> = c.targets.iter().map(|&i| r.mentions[i].entity_id.as_str()).collect();
        sink.claim(&ClaimRow {
            doc_id: id,
            claim_id: format!("c{}", n + 1),
            cue_start: cp.get(cue.start),
            cue_end: cp.get(cue.end),
            cue: slice(text, cue),
            stance: c.stance.as_str(),
            speaker_mention_id: c.speaker.map(|i| format!("e{}", i + 1)).unwrap_or_default(),
            speaker_entity_id: speaker.map_or("", |m| m.entity_id.as_str()),
            speaker_text: c.speaker_span.map_or("", |s| slice(text, s)),
            quote: if c.direct { "direct" } else { "indirect" },
            content_start: cp.get(content.start),
            content_end: cp.get(content.end),
            content: slice(text, content),
            targets: targets.join(";"),
            sentence: c.sentence,
            rule: &c.rule,
            via: c.via.map(|v| format!("c{}", v + 1)).unwrap_or_default(),
            responds_to: c.responds_to.iter().map(|v| format!("c{}", v + 1)).collect::<Vec<_>>().join(";"),
            speaker_person_id: r.speaker_persons.get(n).map_or("", String::as_str),
        })?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Streaming: one document at a time, so a run's memory does not grow with the corpus.

/// Receives the rows of documents, one table row at a time (see [`doc_rows`]).
pub trait RowSink {
    /// A `documents.csv` row.
    fn document(&mut self, row: &DocumentRow<'_>) -> Result<()>;
    /// An `entities.csv` row.
    fn entity(&mut self, row: &EntityRow<'_>) -> Result<()>;
    /// A `relations.csv` row.
    fn relation(&mut self, row: &RelationRow<'_>) -> Result<()>;
    /// A `claims.csv` row.
    fn claim(&mut self, row: &ClaimRow<'_>) -> Result<()>;
}

/// Documents by status, rows by table and bytes of text: of one document (kept when its rows
/// are rendered, so that the worker that processed it can drop it) or summed over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents processed (`status=ok`).
    pub ok: usize,
    /// Empty documents.
    pub empty: usize,
    /// Documents that could not be read.
    pub errors: usize,
    /// Entity rows.
    pub entities: usize,
    /// Relation rows.
    pub relations: usize,
    /// Claim rows.
    pub claims: usize,
    /// Bytes of text.
    pub bytes: usize,
}

impl Counts {
    /// The counts of one document's result.
    pub fn of(r: &DocResult) -> Counts {
        let (ok, empty, errors) = match r.doc.status {
            Status::Ok => (1, 0, 0),
            Status::Empty => (0, 1, 0),
            Status::Error(_) => (0, 0, 1),
        };
        Counts {
            ok,
            empty,
            errors,
            entities: r.mentions.len(),
            relations: r.relations.len(),
            claims: r.claims.len(),
            bytes: r.doc.text.len(),
        }
    }

    /// Adds `other` to these counts.
    pub fn add(&mut self, other: &Counts) {
        self.ok += other.ok;
        self.empty += other.empty;
        self.errors += other.errors;
        self.entities += other.entities;
        self.relations += other.relations;
        self.claims += other.claims;
        self.bytes += other.bytes;
    }
}

/// One document's rows, already written in the run's format: the bytes each table gets, in
/// [`TABLES`] order. Rendering is done by the worker threads, so that the writer only appends
/// bytes and the document's memory is freed by the thread that allocated it.
#[derive(Debug, Default)]
pub struct Rendered {
    /// The rows of `documents`, `entities`, `relations` and `claims`.
    pub tables: [Vec<u8>; 4],
    /// What the document adds to the run's counts.
    pub counts: Counts,
}

/// Writes documents' rows into memory in one [`OutputFormat`]; one per worker thread, its
/// four writers reused from document to document.
pub struct Renderer {
    tables: [CsvWriter; 4],
}

impl std::fmt::Debug for Renderer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Renderer").finish_non_exhaustive()
    }
}

const HEADERS: [&[&str]; 4] = [DOC_HEADER, ENT_HEADER, REL_HEADER, CLAIM_HEADER];

impl Renderer {
    /// A renderer for `format`.
    pub fn new(format: OutputFormat) -> Renderer {
        Renderer { tables: HEADERS.map(|h| CsvWriter::new(format, h)) }
    }

    /// The header row of each table (empty for JSON Lines).
    pub fn headers(&mut self) -> Result<[Vec<u8>; 4]> {
        for t in &mut self.tables {
            t.write_header().map_err(|e| csv_err(Path::new("<header>"), e))?;
        }
        self.take()
    }

    /// The rows of one document (see [`doc_rows`]).
    pub fn render(&mut self, r: &DocResult) -> Result<Rendered> {
        doc_rows(r, self)?;
        Ok(Rendered { tables: self.take()?, counts: Counts::of(r) })
    }

    fn take(&mut self) -> Result<[Vec<u8>; 4]> {
        let mut out: [Vec<u8>; 4] = Default::default();
        for (i, t) in self.tables.iter_mut().enumerate() {
            out[i] = t.take().map_err(|e| csv_err(Path::new(TABLES[i]), e))?;
        }
        Ok(out)
    }

    fn put<T: Serialize>(&mut self, table: usize, row: &T) -> Result<()> {
        self.tables[table].serialize(row).map_err(|e| csv_err(Path::new(TABLES[table]), e))
    }
}

impl RowSink for Renderer {
    fn document(&mut self, row: &DocumentRow<'_>) -> Result<()> {
        self.put(0, row)
    }
    fn entity(&mut self, row: &EntityRow<'_>) -> Result<()> {
        self.put(1, row)
    }
    fn relation(&mut self, row: &RelationRow<'_>) -> Result<()> {
        self.put(2, row)
    }
    fn claim(&mut self, row: &ClaimRow<'_>) -> Result<()> {
        self.put(3, row)
    }
}

/// Writes the four tables document by document: [`TableWriter::create`] opens
/// `NAME.csv.tmp` for each table and writes the headers, [`TableWriter::append`] (or
/// [`TableWriter::write`]) appends one document's rows (call it in `doc_id` order),
/// [`TableWriter::finish`] flushes all four and only then renames them over `NAME.csv`
/// (with `datapackage.json` after them). With `--format xlsx` the rows go to the sheets of
/// one workbook, saved by `finish` to `isnad.xlsx.tmp` and renamed over `isnad.xlsx`.
/// Dropped without `finish` (an error, a panic), it removes its temporary files: no
/// half-written table is ever left.
pub struct TableWriter {
    dir: PathBuf,
    format: OutputFormat,
    files: Option<Sink>,
    renderer: Renderer,
}

/// Where a [`TableWriter`]'s rows go until it finishes.
enum Sink {
    /// `NAME.csv.tmp` / `NAME.jsonl.tmp`, one file per table.
    Files([std::io::BufWriter<fs::File>; 4]),
    /// The workbook (saved to `isnad.xlsx.tmp` by `finish`).
    Xlsx(Box<XlsxTables>),
}

impl std::fmt::Debug for TableWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TableWriter").field("dir", &self.dir).finish_non_exhaustive()
    }
}

impl TableWriter {
    /// Creates `dir` if needed and opens the four temporary tables with their headers.
    pub fn create(dir: &Path) -> Result<TableWriter> {
        TableWriter::create_with(dir, OutputFormat::default())
    }

    /// Like [`TableWriter::create`], writing the tables in `format` (`NAME.csv` or
    /// `NAME.jsonl`).
    pub fn create_with(dir: &Path, format: OutputFormat) -> Result<TableWriter> {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
        // An earlier run stopped by SIGKILL or a crash may have left its temporary tables.
        crate::interrupt::remove_stale(dir);
        // From here on, dropping `w` removes whatever temporary file was created.
        let mut w =
            TableWriter { dir: dir.to_path_buf(), format, files: None, renderer: Renderer::new(format) };
        if format.xlsx {
            // The workbook writes its own header rows.
            w.files = Some(Sink::Xlsx(Box::new(XlsxTables::create(dir, TABLES, HEADERS)?)));
            return Ok(w);
        }
        let mut files = Vec::with_capacity(4);
        for name in TABLES {
            let path = w.tmp(name);
            let f = crate::interrupt::create_tracked(&path).map_err(|e| Error::io(&path, &e))?;
            files.push(std::io::BufWriter::with_capacity(1 << 16, f));
        }
        w.files = files.try_into().ok().map(Sink::Files);
        // Headers are written even when a table has no rows.
        let mut headers = w.renderer.headers()?;
        if format.excel && !format.jsonl {
            for h in &mut headers {
                h.splice(0..0, *b"\xEF\xBB\xBF");
            }
        }
        w.append(&Rendered { tables: headers, counts: Counts::default() })?;
        Ok(w)
    }

    fn tmp(&self, name: &str) -> PathBuf {
        tmp_path(&self.dir, self.format, name)
    }

    /// The format of the claim-group files beside CSV or JSON Lines tables.
    fn groups_format(&self) -> crate::groups::table::Format {
        if self.format.jsonl {
            crate::groups::table::Format::Jsonl
        } else {
            crate::groups::table::Format::Csv { excel: self.format.excel }
        }
    }

    /// Renders and appends the rows of one document to the four tables.
    pub fn write(&mut self, r: &DocResult) -> Result<()> {
        let rendered = self.renderer.render(r)?;
        self.append(&rendered)
    }

    /// Appends rows a [`Renderer`] of this writer's format rendered.
    pub fn append(&mut self, rows: &Rendered) -> Result<()> {
        let files = match self.files.as_mut() {
            Some(Sink::Files(files)) => files,
            Some(Sink::Xlsx(book)) => {
                for (i, bytes) in rows.tables.iter().enumerate() {
                    book.append(&self.dir, i, bytes)?;
                }
                return Ok(());
            }
            None => {
                return Err(Error::io(&self.dir, &std::io::Error::other("table writer already finished")));
            }
        };
        for (i, (f, bytes)) in files.iter_mut().zip(&rows.tables).enumerate() {
            if !bytes.is_empty() {
                f.write_all(bytes).map_err(|e| Error::io(tmp_path(&self.dir, self.format, TABLES[i]), &e))?;
            }
        }
        Ok(())
    }

    /// Flushes the four tables, groups their claims ([`crate::groups::table::prepare`]:
    /// `claim_groups` and the regrouped `claims`, with `group_id`), and renames them all over
    /// `NAME.csv` (`NAME.jsonl`) in one step, then writes `datapackage.json` beside CSV tables;
    /// or saves the workbook (no claim groups) and renames it over `isnad.xlsx`.
    pub fn finish(mut self) -> Result<()> {
        match self.files.take() {
            None => return Ok(()),
            Some(Sink::Xlsx(book)) => {
                let tmp = self.dir.join(format!("{WORKBOOK}.tmp"));
                // The workbook creates its file itself: tracked first, so an interrupt removes it.
                crate::interrupt::track(&tmp);
                book.finish(&tmp)?;
                let to = self.dir.join(WORKBOOK);
                crate::interrupt::commit(std::slice::from_ref(&tmp), || {
                    fs::rename(&tmp, &to).map_err(|e| Error::io(&to, &e))
                })?;
            }
            Some(Sink::Files(files)) => {
                for (f, name) in files.into_iter().zip(TABLES) {
                    let path = self.tmp(name);
                    let f = f.into_inner().map_err(|e| Error::io(&path, e.error()))?;
                    f.sync_all().ok();
                }
                let mut tmps: Vec<PathBuf> = TABLES.iter().map(|name| self.tmp(name)).collect();
                // Corpus level: the claim groups, from the complete temporary tables, published
                // with them (the regrouped claims replace the streamed ones).
                let grouped = crate::groups::table::prepare(
                    &self.dir,
                    self.groups_format(),
                    &tmps[0],
                    &tmps[2],
                    &tmps[3],
                )?;
                tmps.extend(grouped.renames.iter().map(|(t, _)| t.clone()));
                let package = self.format.is_csv().then(|| datapackage(self.format));
                let package_tmp = self.dir.join(format!("{DATAPACKAGE}.tmp"));
                if let Some(json) = &package {
                    let mut f = crate::interrupt::create_tracked(&package_tmp)
                        .map_err(|e| Error::io(&package_tmp, &e))?;
                    f.write_all(json.as_bytes()).map_err(|e| Error::io(&package_tmp, &e))?;
                    tmps.push(package_tmp.clone());
                }
                // All renames or none: an interrupt waits for them (see `interrupt::commit`).
                // The tables first, then the package that describes them.
                crate::interrupt::commit(&tmps, || {
                    for (name, tmp) in TABLES.iter().zip(&tmps) {
                        if *name == "claims" {
                            // Replaced by the regrouped copy, renamed below.
                            fs::remove_file(tmp).map_err(|e| Error::io(tmp, &e))?;
                            continue;
                        }
                        let to = self.dir.join(format!("{name}.{}", self.format.extension()));
                        fs::rename(tmp, &to).map_err(|e| Error::io(&to, &e))?;
                    }
                    crate::groups::table::publish(&grouped.renames)?;
                    if package.is_some() {
                        let to = self.dir.join(DATAPACKAGE);
                        fs::rename(&package_tmp, &to).map_err(|e| Error::io(&to, &e))?;
                    }
                    Ok::<(), Error>(())
                })?;
            }
        }
        // Renamed: nothing left for `drop` to clean up.
        self.dir = PathBuf::new();
        Ok(())
    }
}

/// Where table `name` is written until the run is complete.
fn tmp_path(dir: &Path, format: OutputFormat, name: &str) -> PathBuf {
    dir.join(format!("{name}.{}.tmp", format.extension()))
}

/// The file name of the Frictionless Data Package descriptor written beside CSV tables.
pub const DATAPACKAGE: &str = "datapackage.json";

/// The columns whose values are integers (offsets, counts, sentence indexes); every other
/// column is text.
pub const INTEGER_COLUMNS: [&str; 12] = [
    "chars",
    "sentences",
    "entities",
    "relations",
    "claims",
    "start",
    "end",
    "sentence",
    "cue_start",
    "cue_end",
    "content_start",
    "content_end",
];

/// The header of table `name` (one of [`TABLES`]).
pub fn header(name: &str) -> Option<&'static [&'static str]> {
    TABLES.iter().position(|t| *t == name).map(|i| HEADERS[i])
}

/// The Frictionless Data Package descriptor (`datapackage.json`) of the four CSV tables and
/// `claim_groups.csv` (with the `group_id` column of `claims`, [`crate::groups`]) in `format`: one tabular resource per table with its Table Schema (every column by name, in
/// order, `integer` or `string`; `doc_id` and every id a string, so `001` stays `001`), the
/// primary key of each table, the foreign key from each table's `doc_id` to `documents`, and
/// the CSV dialect (CRLF and a byte order mark with `--excel`).
pub fn datapackage(format: OutputFormat) -> String {
    use serde_json::json;
    let keys: [&[&str]; 4] =
        [&["doc_id"], &["doc_id", "mention_id"], &["doc_id", "relation_id"], &["doc_id", "claim_id"]];
    use crate::groups::table as groups;
    // The claims table ends with `group_id`; `claim_groups` follows the four tables.
    let claims_header: Vec<&str> = CLAIM_HEADER.iter().copied().chain([groups::GROUP_ID]).collect();
    let headers: [&[&str]; 5] = [DOC_HEADER, ENT_HEADER, REL_HEADER, &claims_header, groups::HEADER];
    let keys: [&[&str]; 5] = [keys[0], keys[1], keys[2], keys[3], &["group_id"]];
    let resources: Vec<serde_json::Value> = TABLES
        .iter()
        .chain([&groups::TABLE])
        .zip(headers)
        .zip(keys)
        .map(|((name, header), key)| {
            let fields: Vec<serde_json::Value> = header
                .iter()
                .map(|c| {
                    let t = if INTEGER_COLUMNS.contains(c) { "integer" } else { "string" };
                    json!({ "name": c, "type": t })
                })
                .collect();
            let mut schema = json!({ "fields": fields, "primaryKey": key });
            if *name == groups::TABLE {
                schema["foreignKeys"] = json!([{
                    "fields": "first_doc",
                    "reference": { "resource": "documents", "fields": "doc_id" }
                }]);
            } else if *name != "documents" {
                schema["foreignKeys"] = json!([{
                    "fields": "doc_id",
                    "reference": { "resource": "documents", "fields": "doc_id" }
                }]);
            }
            json!({
                "name": name,
                "path": format!("{name}.csv"),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {
                    "delimiter": ",",
                    "doubleQuote": true,
                    "quoteChar": "\"",
                    "lineTerminator": if format.excel { "\r\n" } else { "\n" },
                    "header": true,
                },
                "schema": schema,
            })
        })
        .collect();
    let description = if format.excel {
        "isnad tables, spreadsheet-safe (--excel): UTF-8 with a byte order mark, CRLF, text cells \
         that start like a formula prefixed with '"
    } else {
        "isnad tables: entities, relations and claims extracted from news articles (columns in \
         ../shared/SCHEMA.md section 3)"
    };
    let package = json!({
        "profile": "tabular-data-package",
        "name": "isnad-tables",
        "description": description,
        "resources": resources,
    });
    let mut out = serde_json::to_string_pretty(&package).expect("a JSON value serializes");
    out.push('\n');
    out
}

impl Drop for TableWriter {
    fn drop(&mut self) {
        if self.dir.as_os_str().is_empty() {
            return;
        }
        drop(self.files.take());
        for name in TABLES {
            let _ = fs::remove_file(self.tmp(name));
            crate::interrupt::untrack(&self.tmp(name));
        }
        let groups = crate::groups::table::temporary_files(&self.dir, self.groups_format());
        let extras = [format!("{DATAPACKAGE}.tmp"), format!("{WORKBOOK}.tmp")].map(|n| self.dir.join(n));
        for path in extras.into_iter().chain(groups) {
            let _ = fs::remove_file(&path);
            crate::interrupt::untrack(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_starts_counts_characters() {
        for t in ["", "a", "abcdefgh", "وزارة الخارجية الروسية", "Crème brûlée 東京 😀 ok", "١٢٣٤٥٦٧٨٩٠ x"]
        {
            for cut in 0..=t.len() {
                let b = &t.as_bytes()[cut..];
                assert_eq!(char_starts(b), b.iter().filter(|&&x| (x as i8) >= -0x40).count(), "{t:?} {cut}");
            }
        }
    }

    /// A writer dropped before `finish` (a failed run) leaves the previous run's complete
    /// workbook, tables and `datapackage.json` as they were, and no temporary file.
    #[test]
    fn unfinished_writers_leave_the_old_output_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let doc = crate::doc::Document { id: "001".into(), text: "x".into(), ..Default::default() };
        let result = DocResult { doc, ..DocResult::default() };
        for format in [
            OutputFormat::default(),
            OutputFormat { excel: true, ..Default::default() },
            OutputFormat { xlsx: true, ..Default::default() },
        ] {
            let old: Vec<PathBuf> = if format.xlsx {
                vec![dir.path().join(WORKBOOK)]
            } else {
                TABLES
                    .iter()
                    .map(|t| dir.path().join(format!("{t}.csv")))
                    .chain([dir.path().join(DATAPACKAGE)])
                    .collect()
            };
            for p in &old {
                fs::write(p, b"old").unwrap();
            }
            let mut w = TableWriter::create_with(dir.path(), format).unwrap();
            w.write(&result).unwrap();
            drop(w);
            for p in &old {
                assert_eq!(fs::read(p).unwrap(), b"old", "{} changed", p.display());
            }
            let left: Vec<_> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".tmp"))
                .collect();
            assert!(left.is_empty(), "{format:?}: {left:?}");
            // Finished, the new output replaces the old.
            let mut w = TableWriter::create_with(dir.path(), format).unwrap();
            w.write(&result).unwrap();
            w.finish().unwrap();
            for p in &old {
                assert_ne!(fs::read(p).unwrap(), b"old", "{} not replaced", p.display());
            }
        }
    }

    #[test]
    fn code_points_convert_bytes() {
        let text = "إيران قالت x";
        let b = text.find('x').unwrap();
        let cp = CodePoints::new(text, vec![b, 0, text.len()]);
        assert_eq!(cp.get(0), 0);
        assert_eq!(cp.get(b), 11);
        assert_eq!(cp.get(text.len()), 12);
    }
}
