//! Reading a run's tables into [`ClaimIn`]s and writing the grouping back: `claim_groups.csv`
//! (one row per group, [`HEADER`]) and a `group_id` column appended at the end of
//! `claims.csv` (SCHEMA §3 is extended, never reordered: every other cell is copied as it was).
//!
//! Two entry points, one result: `extract` calls [`prepare`] on its temporary tables before it
//! renames them (so the four tables, the `group_id` column and `claim_groups.csv` appear
//! together or not at all), and `isnad group OUT_DIR` calls [`regroup`] on a finished folder
//! (CSV, spreadsheet-safe CSV or JSON Lines, e.g. the tables of `--stdin-jsonl` split by
//! `table`), replacing an earlier `group_id` column. Both write `NAME.EXT.tmp` files
//! (tracked by [`crate::interrupt`], removed on SIGINT/SIGTERM or by the next run) and rename
//! them only when complete.
//!
//! Memory: one [`ClaimIn`] per claim and the `ACCUSES`/`DENIES` relations, never a whole
//! table's text. What it does not do: the workbook of `--format xlsx` (it has no `group_id`
//! column nor a `claim_groups` sheet).

use std::collections::HashMap;
use std::fs::{self, File};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{ClaimIn, Grouping, group};
use crate::error::{Error, Result};
use crate::tables::TableReader;

/// The table's name (`claim_groups.csv`, `claim_groups.jsonl`).
pub const TABLE: &str = "claim_groups";

/// The column appended to `claims`.
pub const GROUP_ID: &str = "group_id";

/// The temporary file of the regrouped claims table (`claims_grouped.EXT.tmp`), renamed over
/// `claims.EXT`.
pub const CLAIMS_TMP: &str = "claims_grouped";

/// The header of `claim_groups.csv`.
pub const HEADER: &[&str] = &[
    "group_id",
    "speaker_entity_id",
    "stance",
    "targets",
    "first_doc",
    "first_date",
    "documents",
    "languages",
    "claims",
    "responds_to",
];

/// How a folder's tables are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV; `excel`: with a byte order mark, CRLF and formula guards.
    Csv {
        /// Spreadsheet-safe.
        excel: bool,
    },
    /// JSON Lines.
    Jsonl,
}

impl Format {
    /// The tables' file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv { .. } => "csv",
            Format::Jsonl => "jsonl",
        }
    }
}

/// What [`prepare`] wrote: the temporary files and where each goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// `(temporary file, final name)`: the regrouped claims and `claim_groups`.
    pub renames: Vec<(PathBuf, PathBuf)>,
    /// Number of groups.
    pub groups: usize,
    /// Groups with claims from more than one document.
    pub across_documents: usize,
    /// Claims grouped.
    pub claims: usize,
}

#[derive(Debug, Deserialize)]
struct DocIn {
    doc_id: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    date: String,
}

#[derive(Debug, Deserialize)]
struct RelIn {
    doc_id: String,
    predicate: String,
    subject_entity_id: String,
    object_entity_id: String,
    sentence: usize,
}

#[derive(Debug, Deserialize)]
struct ClaimRowIn {
    doc_id: String,
    claim_id: String,
    cue_start: usize,
    stance: String,
    speaker_entity_id: String,
    #[serde(default)]
    targets: String,
    sentence: usize,
    #[serde(default)]
    responds_to: String,
}

/// Reads the claims of the three tables (in file order), each joined with its document's date
/// and language and the `ACCUSES`/`DENIES` relations from its speaker in its sentence.
pub fn read_claims(documents: &Path, relations: &Path, claims: &Path) -> Result<Vec<ClaimIn>> {
    let mut docs: HashMap<String, (String, String)> = HashMap::new();
    let mut r = TableReader::open_file(documents)?;
    r.require(&["doc_id"])?;
    while let Some(row) = r.next_row::<DocIn>()? {
        docs.insert(row.value.doc_id, (row.value.lang, row.value.date));
    }
    let mut rels: HashMap<(String, usize, String), Vec<String>> = HashMap::new();
    let mut r = TableReader::open_file(relations)?;
    r.require(&["doc_id", "predicate", "subject_entity_id", "object_entity_id", "sentence"])?;
    while let Some(row) = r.next_row::<RelIn>()? {
        let v = row.value;
        if matches!(v.predicate.as_str(), "ACCUSES" | "DENIES") && !v.subject_entity_id.is_empty() {
            rels.entry((v.doc_id, v.sentence, v.subject_entity_id)).or_default().push(v.object_entity_id);
        }
    }
    let mut out = Vec::new();
    let mut r = TableReader::open_file(claims)?;
    r.require(&["doc_id", "claim_id", "cue_start", "stance", "speaker_entity_id", "sentence"])?;
    while let Some(row) = r.next_row::<ClaimRowIn>()? {
        let c = row.value;
        let (lang, date) = docs.get(&c.doc_id).cloned().unwrap_or_default();
        let key = (c.doc_id, c.sentence, c.speaker_entity_id);
        let relation_targets =
            if key.2.is_empty() { Vec::new() } else { rels.get(&key).cloned().unwrap_or_default() };
        let (doc_id, sentence, speaker) = key;
        out.push(ClaimIn {
            doc_id,
            claim_id: c.claim_id,
            cue_start: c.cue_start,
            sentence,
            stance: c.stance,
            speaker,
            content_targets: c.targets.split(';').filter(|t| !t.is_empty()).map(str::to_string).collect(),
            relation_targets,
            date,
            lang,
            responds_to: c.responds_to.split(';').filter(|t| !t.is_empty()).map(str::to_string).collect(),
        });
    }
    Ok(out)
}

/// Groups the claims of `claims` (a table file) and writes, beside it in `dir`, the regrouped
/// claims (`claims_grouped.EXT.tmp`: every row as it was, with `group_id` last) and
/// `claim_groups.EXT.tmp`. Renaming them is the caller's (see [`Prepared::renames`]).
pub fn prepare(
    dir: &Path,
    format: Format,
    documents: &Path,
    relations: &Path,
    claims: &Path,
) -> Result<Prepared> {
    let rows = read_claims(documents, relations, claims)?;
    let grouping = group(&rows);
    let ext = format.extension();
    let claims_tmp = dir.join(format!("{CLAIMS_TMP}.{ext}.tmp"));
    let groups_tmp = dir.join(format!("{TABLE}.{ext}.tmp"));
    let ids: Vec<&str> = grouping.of_claim.iter().map(|&g| grouping.groups[g].id.as_str()).collect();
    match format {
        Format::Csv { excel } => rewrite_csv(claims, &claims_tmp, excel, &ids)?,
        Format::Jsonl => rewrite_jsonl(claims, &claims_tmp, &ids)?,
    }
    write_groups(&groups_tmp, format, &grouping)?;
    Ok(Prepared {
        renames: vec![
            (claims_tmp, dir.join(format!("claims.{ext}"))),
            (groups_tmp, dir.join(format!("{TABLE}.{ext}"))),
        ],
        groups: grouping.groups.len(),
        across_documents: grouping.groups.iter().filter(|g| g.documents.len() > 1).count(),
        claims: rows.len(),
    })
}

/// `isnad group OUT_DIR`: recomputes `claim_groups` and the `group_id` column of a finished
/// folder from its `documents`, `relations` and `claims` tables (CSV or JSON Lines, as
/// [`TableReader::open`] picks them), and rewrites `datapackage.json` when the folder has one.
pub fn regroup(dir: &Path) -> Result<Prepared> {
    let path_of = |name: &str| TableReader::open(dir, name).map(|r| r.path().to_path_buf());
    let (documents, relations, claims) = (path_of("documents")?, path_of("relations")?, path_of("claims")?);
    let format = if claims.extension().is_some_and(|e| e == "jsonl") {
        Format::Jsonl
    } else {
        let mut head = [0u8; 3];
        let n = File::open(&claims).and_then(|mut f| std::io::Read::read(&mut f, &mut head)).unwrap_or(0);
        Format::Csv { excel: n == 3 && head == *b"\xEF\xBB\xBF" }
    };
    let mut prepared = track_or_clean(prepare(dir, format, &documents, &relations, &claims), dir, format)?;
    let package = dir.join(crate::output::DATAPACKAGE);
    if let (Format::Csv { excel }, true) = (format, package.is_file()) {
        let tmp = dir.join(format!("{}.tmp", crate::output::DATAPACKAGE));
        let of = crate::output::OutputFormat { excel, ..Default::default() };
        prepared.renames.push((tmp.clone(), package));
        let written = crate::interrupt::create_tracked(&tmp)
            .and_then(|mut f| f.write_all(crate::output::datapackage(of).as_bytes()))
            .map_err(|e| Error::io(&tmp, &e));
        if let Err(e) = written {
            remove(&prepared.renames.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>());
            return Err(e);
        }
    }
    let tmps: Vec<PathBuf> = prepared.renames.iter().map(|(t, _)| t.clone()).collect();
    crate::interrupt::commit(&tmps, || publish(&prepared.renames)).inspect_err(|_| remove(&tmps))?;
    Ok(prepared)
}

/// Renames each temporary file over its final name.
pub fn publish(renames: &[(PathBuf, PathBuf)]) -> Result<()> {
    for (tmp, to) in renames {
        fs::rename(tmp, to).map_err(|e| Error::io(to, &e))?;
    }
    Ok(())
}

/// Removes (and forgets) temporary files.
fn remove(tmps: &[PathBuf]) {
    for t in tmps {
        let _ = fs::remove_file(t);
        crate::interrupt::untrack(t);
    }
}

/// On an error of [`prepare`], removes the temporary files it may have left in `dir`.
fn track_or_clean(r: Result<Prepared>, dir: &Path, format: Format) -> Result<Prepared> {
    r.inspect_err(|_| remove(&temporary_files(dir, format)))
}

/// The temporary files [`prepare`] writes into `dir`.
pub fn temporary_files(dir: &Path, format: Format) -> Vec<PathBuf> {
    let ext = format.extension();
    vec![dir.join(format!("{CLAIMS_TMP}.{ext}.tmp")), dir.join(format!("{TABLE}.{ext}.tmp"))]
}

/// Creates a tracked temporary file.
fn create(path: &Path) -> Result<BufWriter<File>> {
    let f = crate::interrupt::create_tracked(path).map_err(|e| Error::io(path, &e))?;
    Ok(BufWriter::with_capacity(1 << 16, f))
}

/// Flushes a temporary file, reporting the error a `Drop` would hide.
fn close(w: BufWriter<File>, path: &Path) -> Result<()> {
    let f = w.into_inner().map_err(|e| Error::io(path, e.error()))?;
    f.sync_all().ok();
    Ok(())
}

fn csv_err(path: &Path) -> impl Fn(csv::Error) -> Error + '_ {
    move |e| {
        let line = e.position().map(|p| p.line());
        Error::data(path, line, e.to_string().replace('\n', " "))
    }
}

/// Copies the CSV claims table `from` to `to` with `group_id` (`ids[i]` for row `i`) as the
/// last column; an existing `group_id` column is dropped first. Cells are copied as they are
/// (a spreadsheet-safe table keeps its guards, byte order mark and CRLF).
fn rewrite_csv(from: &Path, to: &Path, excel: bool, ids: &[&str]) -> Result<()> {
    let file = File::open(from).map_err(|e| Error::io(from, &e))?;
    let mut buf = BufReader::new(file);
    if buf.fill_buf().map_err(|e| Error::io(from, &e))?.starts_with(b"\xEF\xBB\xBF") {
        buf.consume(3);
    }
    let mut rdr = csv::ReaderBuilder::new().has_headers(false).from_reader(buf);
    let mut out = create(to)?;
    if excel {
        out.write_all(b"\xEF\xBB\xBF").map_err(|e| Error::io(to, &e))?;
    }
    let mut wb = csv::WriterBuilder::new();
    wb.has_headers(false);
    if excel {
        wb.terminator(csv::Terminator::CRLF);
    }
    let mut w = wb.from_writer(out);
    let mut rec = csv::ByteRecord::new();
    let mut drop_col: Option<usize> = None;
    let mut row = 0usize;
    let werr = csv_err(to);
    while rdr.read_byte_record(&mut rec).map_err(csv_err(from))? {
        let id: &[u8] = if row == 0 {
            drop_col = rec.iter().position(|c| c == GROUP_ID.as_bytes());
            GROUP_ID.as_bytes()
        } else {
            ids.get(row - 1).map(|s| s.as_bytes()).ok_or_else(|| {
                Error::data(from, Some(row as u64 + 1), "more claims than when the table was grouped")
            })?
        };
        let cells = rec.iter().enumerate().filter(|(i, _)| Some(*i) != drop_col).map(|(_, c)| c);
        let mut next = csv::ByteRecord::new();
        cells.for_each(|c| next.push_field(c));
        next.push_field(id);
        w.write_byte_record(&next).map_err(&werr)?;
        row += 1;
    }
    let out = w.into_inner().map_err(|e| Error::io(to, &std::io::Error::other(e.error().to_string())))?;
    close(out, to)
}

/// Copies the JSON Lines claims table `from` to `to` with `"group_id"` as each object's last
/// field (an earlier one, which this function always writes last, is replaced).
fn rewrite_jsonl(from: &Path, to: &Path, ids: &[&str]) -> Result<()> {
    let file = File::open(from).map_err(|e| Error::io(from, &e))?;
    let mut out = create(to)?;
    let mut row = 0usize;
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::io(from, &e))?;
        let text = line.trim_end();
        if text.is_empty() {
            continue;
        }
        let body = text
            .strip_suffix('}')
            .ok_or_else(|| Error::data(from, Some(n as u64 + 1), "not a JSON object on one line"))?;
        let body = strip_group_id(body);
        let id = ids.get(row).ok_or_else(|| {
            Error::data(from, Some(n as u64 + 1), "more claims than when the table was grouped")
        })?;
        let sep = if body.trim_end().ends_with('{') { "" } else { "," };
        writeln!(out, "{body}{sep}\"{GROUP_ID}\":{}}}", serde_json::Value::from(*id))
            .map_err(|e| Error::io(to, &e))?;
        row += 1;
    }
    close(out, to)
}

/// An object's text without a trailing `,"group_id":"…"` (as [`rewrite_jsonl`] writes it).
fn strip_group_id(body: &str) -> &str {
    let key = format!(",\"{GROUP_ID}\":\"");
    match body.rfind(&key) {
        Some(i) if body[i + key.len()..].strip_suffix('"').is_some_and(|v| !v.contains('"')) => &body[..i],
        _ => body,
    }
}

/// One `claim_groups` row.
#[derive(Debug, Serialize)]
struct GroupRow<'a> {
    group_id: &'a str,
    speaker_entity_id: &'a str,
    stance: &'a str,
    targets: String,
    first_doc: &'a str,
    first_date: &'a str,
    documents: String,
    languages: String,
    claims: usize,
    responds_to: String,
}

/// Writes `claim_groups` in `format` to `path`.
fn write_groups(path: &Path, format: Format, grouping: &Grouping) -> Result<()> {
    let mut out = create(path)?;
    let io = |e: std::io::Error| Error::io(path, &e);
    let rows = grouping.groups.iter().map(|g| GroupRow {
        group_id: &g.id,
        speaker_entity_id: &g.speaker,
        stance: &g.stance,
        targets: g.targets.join(";"),
        first_doc: &g.first_doc,
        first_date: &g.first_date,
        documents: g.documents.join(";"),
        languages: g.languages.join(";"),
        claims: g.members.len(),
        responds_to: g.responds_to.join(";"),
    });
    match format {
        Format::Jsonl => {
            for row in rows {
                serde_json::to_writer(&mut out, &row).map_err(|e| io(e.into()))?;
                out.write_all(b"\n").map_err(io)?;
            }
            close(out, path)
        }
        Format::Csv { excel } => {
            if excel {
                out.write_all(b"\xEF\xBB\xBF").map_err(io)?;
            }
            let mut wb = csv::WriterBuilder::new();
            wb.has_headers(false);
            if excel {
                wb.terminator(csv::Terminator::CRLF);
            }
            let mut w = wb.from_writer(out);
            let werr = csv_err(path);
            w.write_record(HEADER).map_err(&werr)?;
            for r in rows {
                let count = r.claims.to_string();
                let cells = [
                    r.group_id,
                    r.speaker_entity_id,
                    r.stance,
                    &r.targets,
                    r.first_doc,
                    r.first_date,
                    &r.documents,
                    &r.languages,
                    &count,
                    &r.responds_to,
                ];
                let guard = |c: &'_ str| {
                    if excel { crate::output::guard_formula(c).into_owned() } else { c.to_string() }
                };
                w.write_record(
                    cells.iter().enumerate().map(|(i, c)| if i == 8 { c.to_string() } else { guard(c) }),
                )
                .map_err(&werr)?;
            }
            let out =
                w.into_inner().map_err(|e| Error::io(path, &std::io::Error::other(e.error().to_string())))?;
            close(out, path)
        }
    }
}
