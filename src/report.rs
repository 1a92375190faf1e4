//! The reading view: static HTML pages built from the four tables of a finished run and the
//! articles they were extracted from.
//!
//! [`report`] reads `documents`, `entities`, `relations` and `claims` (`.csv`, plain or
//! spreadsheet-safe, or `.jsonl`) back as rows, reads each article through [`crate::input`]
//! (so `doc_id`s resolve exactly as `extract` assigned them), and writes `index.html` plus one
//! page per document. `extract --html` does not read the tables back: its workers render each
//! page ([`render_page`]) from the rows they have just made, and an [`HtmlWriter`] writes the
//! pages with their chunk and keeps only what the index needs. Pages are self-contained: inline CSS and JS, no network access, a
//! Content-Security-Policy that forbids loading anything. Every piece of text from an article
//! or a table is HTML-escaped.
//!
//! Markup: the article is split at every mention, cue and content boundary (code points, as in
//! the tables). Mentions and claim cues are `<mark>` elements, each emitted whole exactly once
//! (`data-mention="e3"`, `data-claim="c2"`); where a cue and a mention partly overlap the inner
//! one is closed and reopened as a continuation (`data-mention-part` / `data-claim-part`).
//! Claim contents are the innermost layer: `<span data-content="c2 c5">` fragments, broken at
//! every boundary, so they never need to nest with anything.
//!
//! This module does not extract anything and does not check the tables against gold (see
//! `eval`); a row whose offsets do not fit the article is listed as a warning, not highlighted.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};
use crate::input::{self, Encoding, InputFile};

/// What `isnad report` (or `extract --html`) is asked to do.
#[derive(Debug, Clone)]
pub struct ReportConfig {
    /// Folder holding the tables of a finished run.
    pub tables: PathBuf,
    /// Files and folders the articles were read from (walked as `extract` walks them).
    pub docs: Vec<PathBuf>,
    /// Folder to write `index.html` and the article pages into.
    pub html: PathBuf,
    /// How to decode the articles.
    pub encoding: Encoding,
    /// Articles larger than this many bytes are not read.
    pub max_bytes: u64,
}

/// What a report run wrote.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportSummary {
    /// Article pages written (one per `documents` row).
    pub pages: usize,
    /// Rows that could not be shown where they point, and articles that could not be read.
    pub warnings: Vec<String>,
}

/// A `documents` row as the report reads it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DocRow {
    /// Document id.
    pub doc_id: String,
    /// Language code.
    pub lang: String,
    /// Encoding.
    #[serde(default)]
    pub encoding: String,
    /// Length in code points.
    #[serde(default)]
    pub chars: usize,
    /// Entity rows.
    #[serde(default)]
    pub entities: usize,
    /// Relation rows.
    #[serde(default)]
    pub relations: usize,
    /// Claim rows.
    #[serde(default)]
    pub claims: usize,
    /// `ok`, `empty` or `error`.
    pub status: String,
    /// Reason for `error`.
    #[serde(default)]
    pub error: String,
    /// The article's date (ISO, as precise as known), or empty.
    #[serde(default)]
    pub date: String,
}

/// An `entities` row as the report reads it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EntRow {
    /// Document id.
    pub doc_id: String,
    /// `e1`, `e2`, …
    pub mention_id: String,
    /// Start (code points).
    pub start: usize,
    /// End (code points, exclusive).
    pub end: usize,
    /// Surface text.
    pub text: String,
    /// Label.
    pub label: String,
    /// Entity id.
    #[serde(default)]
    pub entity_id: String,
    /// Canonical name.
    #[serde(default)]
    pub canonical: String,
}

/// A `relations` row as the report reads it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RelRow {
    /// Document id.
    pub doc_id: String,
    /// `r1`, `r2`, …
    pub relation_id: String,
    /// Predicate.
    pub predicate: String,
    /// Subject mention id.
    pub subject_mention_id: String,
    /// Subject entity id.
    #[serde(default)]
    pub subject_entity_id: String,
    /// Subject surface.
    #[serde(default)]
    pub subject_text: String,
    /// Object mention id.
    pub object_mention_id: String,
    /// Object entity id.
    #[serde(default)]
    pub object_entity_id: String,
    /// Object surface.
    #[serde(default)]
    pub object_text: String,
    /// Detail.
    #[serde(default)]
    pub detail: String,
}

/// A `claims` row as the report reads it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ClaimRow {
    /// Document id.
    pub doc_id: String,
    /// `c1`, `c2`, …
    pub claim_id: String,
    /// Cue start.
    pub cue_start: usize,
    /// Cue end.
    pub cue_end: usize,
    /// Stance.
    pub stance: String,
    /// Speaker mention id.
    #[serde(default)]
    pub speaker_mention_id: String,
    /// Speaker entity id.
    #[serde(default)]
    pub speaker_entity_id: String,
    /// Speaker phrase.
    #[serde(default)]
    pub speaker_text: String,
    /// `direct` or `indirect`.
    #[serde(default)]
    pub quote: String,
    /// Content start.
    pub content_start: usize,
    /// Content end.
    pub content_end: usize,
    /// `;`-separated target entity ids.
    #[serde(default)]
    pub targets: String,
    /// The relaying claim's id, or empty.
    #[serde(default)]
    pub via: String,
    /// For a denial: the `;`-separated ids of the accusations it answers.
    #[serde(default)]
    pub responds_to: String,
    /// The claim group (`claim_groups.csv`), or empty.
    #[serde(default)]
    pub group_id: String,
}

/// The four tables of a run, read back.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    /// `documents` rows.
    pub documents: Vec<DocRow>,
    /// `entities` rows.
    pub entities: Vec<EntRow>,
    /// `relations` rows.
    pub relations: Vec<RelRow>,
    /// `claims` rows.
    pub claims: Vec<ClaimRow>,
}

impl Tables {
    /// Reads the four tables from `dir`: `NAME.csv` when present (a spreadsheet-safe file's BOM
    /// and `'` guards are undone), else `NAME.jsonl`.
    pub fn load(dir: &Path) -> Result<Tables> {
        Ok(Tables {
            documents: load_table(dir, "documents")?,
            entities: load_table(dir, "entities")?,
            relations: load_table(dir, "relations")?,
            claims: load_table(dir, "claims")?,
        })
    }
}

/// The string columns a spreadsheet-safe CSV may have guarded with a leading `'`.
pub(crate) trait Cells {
    fn cells(&mut self) -> Vec<&mut String>;
}

impl Cells for DocRow {
    fn cells(&mut self) -> Vec<&mut String> {
        vec![&mut self.doc_id, &mut self.error]
    }
}

impl Cells for EntRow {
    fn cells(&mut self) -> Vec<&mut String> {
        vec![&mut self.doc_id, &mut self.text, &mut self.entity_id, &mut self.canonical]
    }
}

impl Cells for RelRow {
    fn cells(&mut self) -> Vec<&mut String> {
        vec![
            &mut self.doc_id,
            &mut self.subject_entity_id,
            &mut self.subject_text,
            &mut self.object_entity_id,
            &mut self.object_text,
            &mut self.detail,
        ]
    }
}

impl Cells for ClaimRow {
    fn cells(&mut self) -> Vec<&mut String> {
        vec![&mut self.doc_id, &mut self.speaker_entity_id, &mut self.speaker_text, &mut self.targets]
    }
}

pub(crate) fn load_table<T: DeserializeOwned + Cells>(dir: &Path, name: &str) -> Result<Vec<T>> {
    let csv_path = dir.join(format!("{name}.csv"));
    let jsonl_path = dir.join(format!("{name}.jsonl"));
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    // Both formats in one folder: the newer one is the last run's.
    let use_csv =
        csv_path.is_file() && (!jsonl_path.is_file() || modified(&csv_path) >= modified(&jsonl_path));
    if use_csv {
        let bytes = fs::read(&csv_path).map_err(|e| Error::io(&csv_path, &e))?;
        let (excel, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (true, rest),
            None => (false, &bytes[..]),
        };
        let mut reader = csv::Reader::from_reader(body);
        let mut rows = Vec::new();
        for (i, rec) in reader.deserialize::<T>().enumerate() {
            let mut row = rec.map_err(|e| Error::data(&csv_path, Some(i as u64 + 2), e.to_string()))?;
            if excel {
                for cell in row.cells() {
                    unguard(cell);
                }
            }
            rows.push(row);
        }
        Ok(rows)
    } else if jsonl_path.is_file() {
        let text = fs::read_to_string(&jsonl_path).map_err(|e| Error::io(&jsonl_path, &e))?;
        let mut rows = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            rows.push(
                serde_json::from_str(line)
                    .map_err(|e| Error::data(&jsonl_path, Some(i as u64 + 1), e.to_string()))?,
            );
        }
        Ok(rows)
    } else {
        Err(Error::io(&csv_path, &std::io::Error::new(std::io::ErrorKind::NotFound, "table not found")))
    }
}

/// Undoes the formula guard of a spreadsheet-safe cell (see `output::OutputFormat::excel`).
fn unguard(cell: &mut String) {
    let mut it = cell.chars();
    if it.next() == Some('\'') && it.next().is_some_and(crate::output::is_formula_start) {
        cell.remove(0);
    }
}

/// Builds the reading view described in the module docs.
pub fn report(cfg: &ReportConfig) -> Result<ReportSummary> {
    let tables = Tables::load(&cfg.tables)?;
    let mut files: HashMap<String, InputFile> = HashMap::new();
    for f in input::walk(&cfg.docs)? {
        files.entry(f.id.clone()).or_insert(f);
    }
    let texts = |doc_id: &str| -> std::result::Result<String, String> {
        let f = files.get(doc_id).ok_or_else(|| "article not found under --docs".to_string())?;
        let doc = input::read(f, cfg.encoding, cfg.max_bytes);
        match doc.status {
            crate::doc::Status::Error(reason) => Err(reason),
            _ => Ok(doc.text),
        }
    };
    write_html(&tables, &texts, &cfg.html)
}

/// Writes `index.html` and one page per document of `tables` into `out`, reading each
/// article's text through `text_of` (an `Err` is shown on the page and as a warning).
pub fn write_html(
    tables: &Tables,
    text_of: &dyn Fn(&str) -> std::result::Result<String, String>,
    out: &Path,
) -> Result<ReportSummary> {
    let mut w = HtmlWriter::create(out)?;
    let by_doc = Grouped::new(tables);
    for (i, d) in tables.documents.iter().enumerate() {
        let text = if d.status == "error" { Err(d.error.clone()) } else { text_of(&d.doc_id) };
        if d.status != "error"
            && let Err(reason) = &text
        {
            w.warnings.push(format!("{}: {reason}", d.doc_id));
        }
        let near = Near {
            index: i,
            prev: i.checked_sub(1).map(|j| tables.documents[j].doc_id.as_str()),
            next: tables.documents.get(i + 1).map(|d| d.doc_id.as_str()),
        };
        let id = d.doc_id.as_str();
        let v = DocView {
            doc: d,
            ents: by_doc.ents.get(id).cloned().unwrap_or_default(),
            rels: by_doc.rels.get(id).cloned().unwrap_or_default(),
            claims: by_doc.claims.get(id).cloned().unwrap_or_default(),
        };
        let page = render_page(&v, text.as_deref().map_err(|e| e.as_str()), &near);
        w.add(&v, page)?;
    }
    w.finish()
}

/// Rows of each table grouped by `doc_id`, in table order.
struct Grouped<'a> {
    ents: HashMap<&'a str, Vec<&'a EntRow>>,
    rels: HashMap<&'a str, Vec<&'a RelRow>>,
    claims: HashMap<&'a str, Vec<&'a ClaimRow>>,
}

impl<'a> Grouped<'a> {
    fn new(t: &'a Tables) -> Grouped<'a> {
        let mut g = Grouped { ents: HashMap::new(), rels: HashMap::new(), claims: HashMap::new() };
        for e in &t.entities {
            g.ents.entry(&e.doc_id).or_default().push(e);
        }
        for r in &t.relations {
            g.rels.entry(&r.doc_id).or_default().push(r);
        }
        for c in &t.claims {
            g.claims.entry(&c.doc_id).or_default().push(c);
        }
        g
    }
}

/// One document's rows, owned: what a worker of `extract --html` hands on with its page.
#[derive(Debug, Clone, Default)]
pub struct PageRows {
    /// The `documents` row.
    pub doc: DocRow,
    /// Its `entities` rows.
    pub ents: Vec<EntRow>,
    /// Its `relations` rows.
    pub rels: Vec<RelRow>,
    /// Its `claims` rows.
    pub claims: Vec<ClaimRow>,
}

impl PageRows {
    /// The rows of one result, exactly as the tables hold them (through `output::doc_rows`).
    pub fn of(r: &crate::doc::DocResult) -> Result<PageRows> {
        let mut rows = PageRows::default();
        crate::output::doc_rows(r, &mut rows)?;
        Ok(rows)
    }

    /// The rows as a page reads them.
    pub fn view(&self) -> DocView<'_> {
        DocView {
            doc: &self.doc,
            ents: self.ents.iter().collect(),
            rels: self.rels.iter().collect(),
            claims: self.claims.iter().collect(),
        }
    }
}

impl crate::output::RowSink for PageRows {
    fn document(&mut self, r: &crate::output::DocumentRow<'_>) -> Result<()> {
        self.doc = DocRow {
            doc_id: r.doc_id.to_string(),
            lang: r.lang.to_string(),
            encoding: r.encoding.to_string(),
            chars: r.chars,
            entities: r.entities,
            relations: r.relations,
            claims: r.claims,
            status: r.status.to_string(),
            error: r.error.to_string(),
            date: r.date.to_string(),
        };
        Ok(())
    }
    fn entity(&mut self, r: &crate::output::EntityRow<'_>) -> Result<()> {
        self.ents.push(EntRow {
            doc_id: r.doc_id.to_string(),
            mention_id: r.mention_id.clone(),
            start: r.start,
            end: r.end,
            text: r.text.to_string(),
            label: r.label.to_string(),
            entity_id: r.entity_id.to_string(),
            canonical: r.canonical.to_string(),
        });
        Ok(())
    }
    fn relation(&mut self, r: &crate::output::RelationRow<'_>) -> Result<()> {
        self.rels.push(RelRow {
            doc_id: r.doc_id.to_string(),
            relation_id: r.relation_id.clone(),
            predicate: r.predicate.to_string(),
            subject_mention_id: r.subject_mention_id.clone(),
            subject_entity_id: r.subject_entity_id.to_string(),
            subject_text: r.subject_text.to_string(),
            object_mention_id: r.object_mention_id.clone(),
            object_entity_id: r.object_entity_id.to_string(),
            object_text: r.object_text.to_string(),
            detail: r.detail.to_string(),
        });
        Ok(())
    }
    fn claim(&mut self, r: &crate::output::ClaimRow<'_>) -> Result<()> {
        self.claims.push(ClaimRow {
            doc_id: r.doc_id.to_string(),
            claim_id: r.claim_id.clone(),
            cue_start: r.cue_start,
            cue_end: r.cue_end,
            stance: r.stance.to_string(),
            speaker_mention_id: r.speaker_mention_id.clone(),
            speaker_entity_id: r.speaker_entity_id.to_string(),
            speaker_text: r.speaker_text.to_string(),
            quote: r.quote.to_string(),
            content_start: r.content_start,
            content_end: r.content_end,
            via: r.via.clone(),
            responds_to: r.responds_to.clone(),
            targets: r.targets.clone(),
            // Groups are corpus-level: known once the run is over (`story.html`).
            group_id: String::new(),
        });
        Ok(())
    }
}

/// One document's rows as its page reads them.
#[derive(Debug, Clone)]
pub struct DocView<'a> {
    /// The `documents` row.
    pub doc: &'a DocRow,
    /// Its `entities` rows, in table order.
    pub ents: Vec<&'a EntRow>,
    /// Its `relations` rows.
    pub rels: Vec<&'a RelRow>,
    /// Its `claims` rows.
    pub claims: Vec<&'a ClaimRow>,
}

/// Where a page sits among the documents: its 0-based place and its neighbours' `doc_id`s.
#[derive(Debug, Clone, Copy, Default)]
pub struct Near<'a> {
    /// 0-based place of the document in `documents`.
    pub index: usize,
    /// The previous document's id.
    pub prev: Option<&'a str>,
    /// The next document's id.
    pub next: Option<&'a str>,
}

/// One rendered article page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Its file name ([`page_name`]).
    pub name: String,
    /// The HTML.
    pub html: String,
    /// Rows that could not be placed on it.
    pub warnings: Vec<String>,
}

/// Renders the page of one document; `text` is the article, or why it is not available. Pure:
/// `extract --html` calls it on the worker threads.
pub fn render_page(v: &DocView<'_>, text: std::result::Result<&str, &str>, near: &Near<'_>) -> Page {
    let name = page_name(near.index, &v.doc.doc_id);
    let prev = near.prev.and_then(|id| near.index.checked_sub(1).map(|i| page_name(i, id)));
    let next = near.next.map(|id| page_name(near.index + 1, id));
    let article = Article {
        doc: v.doc,
        text,
        ents: &v.ents,
        rels: &v.rels,
        claims: &v.claims,
        prev: prev.as_deref(),
        next: next.as_deref(),
    };
    let (html, warnings) = article.render();
    Page { name, html, warnings }
}

/// The text a page shows for a document of a run: the article, or its `error` reason.
pub fn page_text(doc: &crate::doc::Document) -> std::result::Result<&str, &str> {
    match &doc.status {
        crate::doc::Status::Error(reason) => Err(reason.as_str()),
        _ => Ok(doc.text.as_str()),
    }
}

/// Writes the reading view one article at a time, in `documents` order: [`HtmlWriter::add`]
/// writes a page and keeps only what the index needs (counts per entity, speaker and graph
/// edge; the index's row of the document goes to a temporary file beside it), and
/// [`HtmlWriter::finish`] writes `index.html`. Memory grows with the number of distinct
/// entities and speakers, never with the number of documents.
pub struct HtmlWriter {
    out: PathBuf,
    index: Index,
    /// The index's rows of the documents written so far.
    doc_rows: Option<std::io::BufWriter<fs::File>>,
    doc_rows_path: PathBuf,
    /// Rows that could not be shown where they point, and articles that could not be read.
    pub warnings: Vec<String>,
}

impl std::fmt::Debug for HtmlWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HtmlWriter").field("out", &self.out).finish_non_exhaustive()
    }
}

impl HtmlWriter {
    /// Creates `out` if needed, ready for the first page.
    pub fn create(out: &Path) -> Result<HtmlWriter> {
        fs::create_dir_all(out).map_err(|e| Error::io(out, &e))?;
        let doc_rows_path = out.join("index.html.documents.tmp");
        let f =
            crate::interrupt::create_tracked(&doc_rows_path).map_err(|e| Error::io(&doc_rows_path, &e))?;
        Ok(HtmlWriter {
            out: out.to_path_buf(),
            index: Index::default(),
            doc_rows: Some(std::io::BufWriter::new(f)),
            doc_rows_path,
            warnings: Vec::new(),
        })
    }

    /// Writes the page of the next document and adds its rows to the index.
    pub fn add(&mut self, v: &DocView<'_>, page: Page) -> Result<()> {
        self.warnings.extend(page.warnings.into_iter().map(|w| format!("{}: {w}", v.doc.doc_id)));
        let path = self.out.join(&page.name);
        fs::write(&path, page.html).map_err(|e| Error::io(&path, &e))?;
        let row = self.index.add(v, &page.name);
        if let Some(f) = self.doc_rows.as_mut() {
            f.write_all(row.as_bytes()).map_err(|e| Error::io(&self.doc_rows_path, &e))?;
        }
        Ok(())
    }

    /// Writes `index.html`.
    pub fn finish(mut self) -> Result<ReportSummary> {
        let tmp = self.doc_rows_path.clone();
        let rows = match self.doc_rows.take() {
            Some(f) => f.into_inner().map_err(|e| Error::io(&tmp, e.error()))?,
            None => return Err(Error::io(&tmp, &std::io::Error::other("reading view already finished"))),
        };
        drop(rows);
        let path = self.out.join("index.html");
        let (head, tail) = render_index(&self.index);
        let write = || -> std::io::Result<()> {
            let mut f = std::io::BufWriter::new(fs::File::create(&path)?);
            f.write_all(head.as_bytes())?;
            std::io::copy(&mut fs::File::open(&tmp)?, &mut f)?;
            f.write_all(tail.as_bytes())?;
            f.flush()
        };
        write().map_err(|e| Error::io(&path, &e))?;
        Ok(ReportSummary { pages: self.index.docs, warnings: std::mem::take(&mut self.warnings) })
    }
}

impl Drop for HtmlWriter {
    fn drop(&mut self) {
        drop(self.doc_rows.take());
        let _ = fs::remove_file(&self.doc_rows_path);
        crate::interrupt::untrack(&self.doc_rows_path);
    }
}

/// The file name of the page of the `i`-th document: a number (unique) and the `doc_id` with
/// anything but ASCII letters, digits, `.`, `-` and `_` replaced by `_`.
pub fn page_name(i: usize, doc_id: &str) -> String {
    let slug: String = doc_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' })
        .take(80)
        .collect();
    format!("doc-{:04}-{slug}.html", i + 1)
}

/// Appends `s` to `out`, HTML-escaped (safe in text and in quoted attributes).
fn esc_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `s`, HTML-escaped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    esc_into(&mut out, s);
    out
}

/// A label or stance made safe for a class name: `[A-Z_]` only, else `OTHER`.
pub(crate) fn class_token(s: &str) -> &str {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_uppercase() || c == '_') { s } else { "OTHER" }
}

/// Whether the language is written right to left.
fn is_rtl(lang: &str) -> bool {
    matches!(lang, "ar" | "fa")
}

const LABEL_COLOURS: &[(&str, &str)] = &[
    ("PERSON", "#ffd28a"),
    ("ORG", "#b8f0a8"),
    ("GOV", "#8fe3f0"),
    ("GPE", "#a9c8ff"),
    ("LOC", "#cdbdff"),
    ("NORP", "#ffc2f0"),
    ("THREAT_ACTOR", "#ff9e9e"),
    ("DATE", "#dcdcdc"),
    ("MONEY", "#f3f59a"),
    ("OTHER", "#e0e0e0"),
];

const STANCE_COLOURS: &[(&str, &str)] = &[
    ("STATE", "#4a6fa5"),
    ("ACCUSE", "#c0392b"),
    ("DENY", "#1e8449"),
    ("WARN", "#d68910"),
    ("OTHER", "#666"),
];

const GRAPH_PREDICATES: &[(&str, &str)] =
    &[("ACCUSES", "#c0392b"), ("DENIES", "#1e8449"), ("TARGETED", "#7d3c98")];

fn style() -> String {
    let mut css = String::from(
        "*{box-sizing:border-box}\
body{margin:0;font:15px/1.5 system-ui,'Noto Sans','DejaVu Sans',sans-serif;color:#222;background:#fafafa}\
header{padding:10px 18px;background:#263238;color:#fff;display:flex;gap:18px;align-items:baseline;flex-wrap:wrap}\
header a{color:#cfe8ff}header h1{font-size:17px;margin:0;font-weight:600}\
main{padding:14px 18px}\
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(280px,2fr);gap:18px;align-items:start}\
.article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:18px 22px;white-space:pre-wrap;\
overflow-wrap:anywhere;font-size:17px;line-height:2.1}\
.article[dir=rtl]{font-family:'Noto Naskh Arabic','Noto Sans Arabic','Vazirmatn','DejaVu Sans',serif;font-size:19px}\
aside{position:sticky;top:8px;max-height:calc(100vh - 16px);overflow:auto;background:#fff;\
border:1px solid #ddd;border-radius:6px;padding:10px 14px;font-size:13.5px}\
aside h2{font-size:14px;margin:12px 0 4px;border-bottom:1px solid #eee}\
aside ol{margin:0;padding-inline-start:22px}aside li{margin:2px 0}\
aside a{color:#1a4f8b;text-decoration:none}aside a:hover{text-decoration:underline}\
mark{border-radius:3px;padding:1px 1px;color:inherit}\
mark.cue{background:#fff;border:2px solid var(--s);font-weight:600;padding:0 2px}\
mark:target,mark.flash{outline:3px solid #ff5722;outline-offset:1px}\
.content{text-decoration:underline 2px var(--s);text-underline-offset:6px}\
.content.multi{text-decoration-style:double}\
.content.flash{background:#fff3c4}\
.legend span{display:inline-block;margin:2px 6px 2px 0;padding:0 6px;border-radius:3px;font-size:12px}\
.stance{font-size:11px;font-weight:700;color:#fff;background:var(--s);border-radius:3px;padding:0 4px}\
.warn{background:#fff4e5;border:1px solid #f0b36b;border-radius:6px;padding:8px 12px;margin-bottom:10px}\
.err{color:#b00020}.muted{color:#777}\
table{border-collapse:collapse;background:#fff;font-size:13.5px;margin-bottom:18px}\
th,td{border:1px solid #ddd;padding:3px 8px;text-align:start;vertical-align:top}th{background:#eef1f4}\
td.n{text-align:end;font-variant-numeric:tabular-nums}\
section{margin-bottom:22px}h2{font-size:17px}\
.cols{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}\
svg text{font:11px system-ui,'DejaVu Sans',sans-serif}\
@media (max-width:900px){.layout{grid-template-columns:1fr}aside{position:static;max-height:none}}",
    );
    for (label, colour) in LABEL_COLOURS {
        let _ = write!(css, ".m-{label}{{background:{colour}}}");
    }
    for (stance, colour) in STANCE_COLOURS {
        let _ = write!(css, ".s-{stance}{{--s:{colour}}}");
    }
    css
}

const SCRIPT: &str = "document.addEventListener('click',function(ev){\
var a=ev.target.closest('a[data-goto]');if(!a)return;var id=a.getAttribute('data-goto');\
document.querySelectorAll('.flash').forEach(function(e){e.classList.remove('flash')});\
var t=document.getElementById(id);if(t){t.classList.add('flash');}\
document.querySelectorAll('[data-content]').forEach(function(e){\
if(e.getAttribute('data-content').split(' ').indexOf(id)>=0)e.classList.add('flash')});});";

pub(crate) fn page_head(title: &str, lang: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; \
script-src 'unsafe-inline'; img-src data:\">\n\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>{}</title>\n\
<style>{}</style>\n</head>\n",
        esc(lang),
        esc(title),
        style()
    )
}

fn legend() -> String {
    let mut s = String::from("<div class=\"legend\">");
    for (label, _) in &LABEL_COLOURS[..LABEL_COLOURS.len() - 1] {
        let _ = write!(s, "<span class=\"m-{label}\">{label}</span>");
    }
    for (stance, _) in &STANCE_COLOURS[..STANCE_COLOURS.len() - 1] {
        let _ = write!(s, "<span class=\"stance s-{stance}\">{stance}</span>");
    }
    s.push_str("</div>");
    s
}

/// One article page.
struct Article<'a> {
    doc: &'a DocRow,
    text: std::result::Result<&'a str, &'a str>,
    ents: &'a [&'a EntRow],
    rels: &'a [&'a RelRow],
    claims: &'a [&'a ClaimRow],
    prev: Option<&'a str>,
    next: Option<&'a str>,
}

impl Article<'_> {
    /// The page and the warnings about rows that could not be placed.
    fn render(&self) -> (String, Vec<String>) {
        let d = self.doc;
        let mut warnings = Vec::new();
        let mut h = page_head(&d.doc_id, if d.lang == "und" { "" } else { &d.lang });
        h.push_str("<body>\n<header><a href=\"index.html\">← index</a>");
        if let Some(p) = self.prev {
            let _ = write!(h, "<a href=\"{}\">‹ previous</a>", esc(p));
        }
        if let Some(n) = self.next {
            let _ = write!(h, "<a href=\"{}\">next ›</a>", esc(n));
        }
        let _ = write!(
            h,
            "<h1><bdi>{}</bdi></h1><span>{} · {} · {} entities · {} relations · {} claims · {}</span></header>\n<main>\n",
            esc(&d.doc_id),
            esc(&d.lang),
            esc(&d.encoding),
            self.ents.len(),
            self.rels.len(),
            self.claims.len(),
            esc(&d.status)
        );
        h.push_str(&legend());
        let mut body = String::new();
        match self.text {
            Ok(text) => {
                let marked = mark_up(text, self.ents, self.claims);
                warnings = marked.warnings;
                if !warnings.is_empty() {
                    body.push_str("<div class=\"warn\"><b>Rows that do not fit this article</b> (tables and article may be out of step):<ul>");
                    for w in &warnings {
                        let _ = write!(body, "<li>{}</li>", esc(w));
                    }
                    body.push_str("</ul></div>");
                }
                let dir = if is_rtl(&d.lang) { "rtl" } else { "ltr" };
                let _ = write!(
                    body,
                    "<div class=\"article\" dir=\"{dir}\" lang=\"{}\">{}</div>",
                    esc(&d.lang),
                    marked.html
                );
            }
            Err(reason) => {
                let _ =
                    write!(body, "<div class=\"warn err\">Article text not available: {}</div>", esc(reason));
            }
        }
        let _ = write!(h, "<div class=\"layout\">\n<div>{body}</div>\n{}\n</div>\n", self.panel());
        let _ = write!(h, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n");
        (h, warnings)
    }

    /// The side panel: entities, relations and claims, each linking to its place in the text.
    fn panel(&self) -> String {
        let mut p = String::from("<aside>");
        let names: HashMap<&str, &EntRow> = self.ents.iter().map(|e| (e.mention_id.as_str(), *e)).collect();
        let _ = write!(p, "<h2>Entities ({})</h2><ol>", self.ents.len());
        for e in self.ents {
            let label = class_token(&e.label);
            let _ = write!(
                p,
                "<li><a href=\"#{id}\" data-goto=\"{id}\"><mark class=\"m-{label}\"><bdi>{text}</bdi></mark></a> \
<span class=\"muted\">{id} · {lab}</span> {canon}</li>",
                id = esc(&e.mention_id),
                text = esc(&e.text),
                lab = esc(&e.label),
                canon = esc(&e.canonical),
            );
        }
        p.push_str("</ol>");
        let _ = write!(p, "<h2>Relations ({})</h2><ol>", self.rels.len());
        let side = |id: &str, text: &str| -> String {
            let shown =
                names.get(id).map_or(text, |e| if e.canonical.is_empty() { &e.text } else { &e.canonical });
            format!("<a href=\"#{0}\" data-goto=\"{0}\"><bdi>{1}</bdi></a>", esc(id), esc(shown))
        };
        for r in self.rels {
            let _ = write!(
                p,
                "<li>{} <b>{}</b> {}{}</li>",
                side(&r.subject_mention_id, &r.subject_text),
                esc(&r.predicate),
                side(&r.object_mention_id, &r.object_text),
                if r.detail.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"muted\">(<bdi>{}</bdi>)</span>", esc(&r.detail))
                }
            );
        }
        p.push_str("</ol>");
        let _ = write!(p, "<h2>Claims ({})</h2><ol>", self.claims.len());
        for c in self.claims {
            let speaker = if !c.speaker_mention_id.is_empty() {
                side(&c.speaker_mention_id, &c.speaker_text)
            } else if !c.speaker_text.is_empty() {
                format!("<bdi>{}</bdi>", esc(&c.speaker_text))
            } else {
                "<span class=\"muted\">(no speaker)</span>".to_string()
            };
            let excerpt = match self.text {
                Ok(t) => excerpt(t, c.content_start, c.content_end, 140),
                Err(_) => String::new(),
            };
            let _ = write!(
                p,
                "<li><a href=\"#{id}\" data-goto=\"{id}\">{id}</a> <span class=\"stance s-{st}\">{stance}</span> \
{speaker} <span class=\"muted\">{quote}</span>: <bdi>{}</bdi>{targets}{links}</li>",
                esc(&excerpt),
                id = esc(&c.claim_id),
                st = class_token(&c.stance),
                stance = esc(&c.stance),
                quote = esc(&c.quote),
                targets = if c.targets.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"muted\">→ {}</span>", esc(&c.targets.replace(';', ", ")))
                },
                links = claim_links(c),
            );
        }
        p.push_str("</ol></aside>");
        p
    }
}

/// A claim's links as in-page anchors: the relay that carries it (`via`) and, for a denial,
/// the accusations it answers (`responds_to`); empty when it has neither.
fn claim_links(c: &ClaimRow) -> String {
    let anchors = |ids: &str| -> String {
        ids.split(';')
            .filter(|x| !x.is_empty())
            .map(|x| format!("<a href=\"#{id}\" data-goto=\"{id}\">{id}</a>", id = esc(x)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::new();
    if !c.via.is_empty() {
        let _ = write!(out, " <span class=\"muted\">via</span> {}", anchors(&c.via));
    }
    if !c.responds_to.is_empty() {
        let _ = write!(out, " <span class=\"muted\">answers</span> {}", anchors(&c.responds_to));
    }
    out
}

/// `text[start..end]` (code points), shortened to `max` code points with an ellipsis.
fn excerpt(text: &str, start: usize, end: usize, max: usize) -> String {
    let take = end.saturating_sub(start);
    let mut s: String = text.chars().skip(start).take(take.min(max)).collect();
    if take > max {
        s.push('…');
    }
    s
}

/// An article's text with its marks, and the rows that could not be placed.
struct Marked {
    html: String,
    warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Atom {
    /// Index into the entity rows.
    Mention(usize),
    /// Index into the claim rows.
    Cue(usize),
}

/// Builds the marked-up article text (see the module docs for the layering).
fn mark_up(text: &str, ents: &[&EntRow], claims: &[&ClaimRow]) -> Marked {
    let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
    let n = starts.len() - 1;
    let mut warnings = Vec::new();
    // (start, end, atom), code points.
    let mut atoms: Vec<(usize, usize, Atom)> = Vec::new();
    for (i, e) in ents.iter().enumerate() {
        if e.start > e.end || e.end > n {
            warnings.push(format!(
                "{} [{}, {}) lies outside the article ({n} code points)",
                e.mention_id, e.start, e.end
            ));
            continue;
        }
        let surface = &text[starts[e.start]..starts[e.end]];
        if surface != e.text {
            warnings
                .push(format!("{} text {:?} differs from the article's {:?}", e.mention_id, e.text, surface));
        }
        atoms.push((e.start, e.end, Atom::Mention(i)));
    }
    let mut contents: Vec<(usize, usize, usize)> = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        if c.cue_start > c.cue_end || c.cue_end > n {
            warnings.push(format!(
                "{} cue [{}, {}) lies outside the article",
                c.claim_id, c.cue_start, c.cue_end
            ));
        } else {
            atoms.push((c.cue_start, c.cue_end, Atom::Cue(i)));
        }
        if c.content_start > c.content_end || c.content_end > n {
            warnings.push(format!(
                "{} content [{}, {}) lies outside the article",
                c.claim_id, c.content_start, c.content_end
            ));
        } else if c.content_start < c.content_end {
            contents.push((c.content_start, c.content_end, i));
        }
    }
    // Outer first: earlier start, then longer, then cues around mentions of the same span.
    atoms.sort_by_key(|&(s, e, a)| (s, std::cmp::Reverse(e), matches!(a, Atom::Mention(_))));
    let mut bounds: BTreeSet<usize> = [0, n].into();
    for &(s, e, _) in &atoms {
        bounds.extend([s, e]);
    }
    for &(s, e, _) in &contents {
        bounds.extend([s, e]);
    }
    let bounds: Vec<usize> = bounds.into_iter().collect();

    let open_tag = |out: &mut String, atom: Atom, first: bool| match atom {
        Atom::Mention(i) => {
            let e = ents[i];
            let label = class_token(&e.label);
            let name = if e.canonical.is_empty() { &e.text } else { &e.canonical };
            let title = format!(
                "{name} — {}{}",
                e.label,
                if e.entity_id.is_empty() { String::new() } else { format!(" ({})", e.entity_id) }
            );
            let id = esc(&e.mention_id);
            if first {
                let _ = write!(
                    out,
                    "<mark id=\"{id}\" class=\"m m-{label}\" data-mention=\"{id}\" title=\"{}\">",
                    esc(&title)
                );
            } else {
                let _ = write!(
                    out,
                    "<mark class=\"m m-{label}\" data-mention-part=\"{id}\" title=\"{}\">",
                    esc(&title)
                );
            }
        }
        Atom::Cue(i) => {
            let c = claims[i];
            let st = class_token(&c.stance);
            let speaker = if c.speaker_text.is_empty() { "(no speaker)" } else { &c.speaker_text };
            let title = format!("{} {} — {speaker} — {}", c.claim_id, c.stance, c.quote);
            let id = esc(&c.claim_id);
            let stance = esc(&c.stance);
            if first {
                let _ = write!(
                    out,
                    "<mark id=\"{id}\" class=\"cue s-{st}\" data-claim=\"{id}\" data-stance=\"{stance}\" title=\"{}\">",
                    esc(&title)
                );
            } else {
                let _ = write!(
                    out,
                    "<mark class=\"cue s-{st}\" data-claim-part=\"{id}\" data-stance=\"{stance}\" title=\"{}\">",
                    esc(&title)
                );
            }
        }
    };

    let mut out = String::with_capacity(text.len() * 2);
    let mut stack: Vec<usize> = Vec::new();
    let mut next = 0;
    for (bi, &p) in bounds.iter().enumerate() {
        // Close what ends here, reopening (as continuations) what was inside and goes on.
        if let Some(i) = stack.iter().position(|&k| atoms[k].1 <= p) {
            let reopen: Vec<usize> = stack[i..].iter().copied().filter(|&k| atoms[k].1 > p).collect();
            for _ in i..stack.len() {
                out.push_str("</mark>");
            }
            stack.truncate(i);
            for k in reopen {
                open_tag(&mut out, atoms[k].2, false);
                stack.push(k);
            }
        }
        while next < atoms.len() && atoms[next].0 == p {
            open_tag(&mut out, atoms[next].2, true);
            if atoms[next].1 == p {
                out.push_str("</mark>");
            } else {
                stack.push(next);
            }
            next += 1;
        }
        let Some(&q) = bounds.get(bi + 1) else { break };
        let seg = &text[starts[p]..starts[q]];
        let covering: Vec<usize> =
            contents.iter().filter(|&&(s, e, _)| s <= p && q <= e).map(|&(_, _, i)| i).collect();
        if covering.is_empty() {
            esc_into(&mut out, seg);
        } else {
            let ids: Vec<&str> = covering.iter().map(|&i| claims[i].claim_id.as_str()).collect();
            let _ = write!(
                out,
                "<span class=\"content s-{}{}\" data-content=\"{}\">",
                class_token(&claims[covering[covering.len() - 1]].stance),
                if covering.len() > 1 { " multi" } else { "" },
                esc(&ids.join(" "))
            );
            esc_into(&mut out, seg);
            out.push_str("</span>");
        }
    }
    for _ in &stack {
        out.push_str("</mark>");
    }
    Marked { html: out, warnings }
}

/// What the index knows of one entity id across the corpus.
#[derive(Default)]
struct EntityInfo {
    /// How often each (canonical, label) pair was written for it.
    names: HashMap<(String, String), usize>,
    /// Mention rows.
    mentions: usize,
    /// Documents it is mentioned in.
    docs: usize,
    /// The place of the last document counted in `docs`.
    last_doc: Option<usize>,
}

/// Who a claim is by, as the index counts it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Speaker {
    Entity(String),
    Text(String),
    Nobody,
}

/// Everything `index.html` shows but the documents' rows, added up document by document.
#[derive(Default)]
struct Index {
    docs: usize,
    ok: usize,
    entities: usize,
    relations: usize,
    claims: usize,
    info: HashMap<String, EntityInfo>,
    /// Claims per speaker: STATE, ACCUSE, DENY, WARN, total.
    speakers: HashMap<Speaker, [usize; 5]>,
    /// ACCUSES / DENIES / TARGETED edges between entity ids, counted.
    edges: BTreeMap<(String, &'static str, String), usize>,
    degree: HashMap<String, usize>,
}

const STANCES: [&str; 4] = ["STATE", "ACCUSE", "DENY", "WARN"];

impl Index {
    /// Counts one document's rows; returns its row of the index's documents table.
    fn add(&mut self, v: &DocView<'_>, page: &str) -> String {
        let (place, d) = (self.docs, v.doc);
        self.docs += 1;
        self.ok += usize::from(d.status == "ok");
        self.entities += v.ents.len();
        self.relations += v.rels.len();
        self.claims += v.claims.len();
        for e in &v.ents {
            if e.entity_id.is_empty() {
                continue;
            }
            let slot = self.info.entry(e.entity_id.clone()).or_default();
            *slot.names.entry((e.canonical.clone(), e.label.clone())).or_default() += 1;
            slot.mentions += 1;
            if slot.last_doc != Some(place) {
                slot.docs += 1;
                slot.last_doc = Some(place);
            }
        }
        for c in &v.claims {
            let who = if !c.speaker_entity_id.is_empty() {
                Speaker::Entity(c.speaker_entity_id.clone())
            } else if !c.speaker_text.is_empty() {
                Speaker::Text(c.speaker_text.clone())
            } else {
                Speaker::Nobody
            };
            let row = self.speakers.entry(who).or_default();
            let col = STANCES.iter().position(|s| *s == c.stance).unwrap_or(3);
            row[col] += 1;
            row[4] += 1;
        }
        for r in &v.rels {
            let (s, o) = (r.subject_entity_id.as_str(), r.object_entity_id.as_str());
            if s.is_empty() || o.is_empty() || s == o {
                continue;
            }
            let Some(&(pred, _)) = GRAPH_PREDICATES.iter().find(|(p, _)| *p == r.predicate) else { continue };
            *self.edges.entry((s.to_string(), pred, o.to_string())).or_default() += 1;
            *self.degree.entry(s.to_string()).or_default() += 1;
            *self.degree.entry(o.to_string()).or_default() += 1;
        }
        format!(
            "<tr><td><a href=\"{name}\" data-doc-id=\"{id}\"><bdi>{id}</bdi></a></td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
<td class=\"n\">{}</td><td class=\"n\">{}</td><td{}>{}</td><td class=\"err\">{}</td></tr>",
            esc(&d.lang),
            esc(&d.encoding),
            d.chars,
            d.entities,
            d.relations,
            d.claims,
            if d.status == "error" { " class=\"err\"" } else { "" },
            esc(&d.status),
            esc(&d.error),
            name = esc(page),
            id = esc(&d.doc_id),
        )
    }

    /// The name and label shown for an entity id: its most frequent (canonical, label).
    fn name_of(&self, id: &str) -> (String, String) {
        match self.info.get(id) {
            Some(EntityInfo { names, .. }) => {
                let best = names.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(k, _)| k);
                let (canon, label) = best.map_or(("", ""), |(c, l)| (c.as_str(), l.as_str()));
                let shown = if canon.is_empty() {
                    // A `~` id holds the surface (SCHEMA §5): show it with spaces.
                    id.trim_start_matches('~').replace('_', " ")
                } else {
                    canon.to_string()
                };
                (shown, label.to_string())
            }
            None => (id.to_string(), String::new()),
        }
    }
}

/// The index page (documents, most mentioned entities, claims by speaker and stance, and the
/// graph of accusations, denials and targeting), as the part before the documents' rows and
/// the part after them.
fn render_index(t: &Index) -> (String, String) {
    let mut h = page_head("isnad: reading view", "en");
    let _ = write!(
        h,
        "<body>\n<header><h1>isnad reading view</h1><span>{} documents ({} ok) · {} entities · {} relations · {} claims · <a href=\"story.html\">story view</a></span></header>\n<main>\n",
        t.docs, t.ok, t.entities, t.relations, t.claims
    );
    let name_of = |id: &str| t.name_of(id);

    // Documents: their rows come between the two parts.
    h.push_str("<section><h2>Documents</h2><table><tr><th>document</th><th>lang</th><th>encoding</th><th>chars</th><th>entities</th><th>relations</th><th>claims</th><th>status</th><th>error</th></tr>");
    let mut h2 = String::from("</table></section>\n<div class=\"cols\">");

    // Most mentioned entities.
    let mut top: Vec<(&str, usize, usize)> =
        t.info.iter().map(|(id, v)| (id.as_str(), v.mentions, v.docs)).collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    h2.push_str("<section><h2>Most mentioned entities</h2><table><tr><th>entity</th><th>label</th><th>mentions</th><th>documents</th></tr>");
    for (id, mentions, docs) in top.iter().take(30) {
        let (canon, label) = name_of(id);
        let _ = write!(
            h2,
            "<tr><td title=\"{}\"><mark class=\"m-{}\">{}</mark></td><td>{}</td><td class=\"n\">{mentions}</td><td class=\"n\">{docs}</td></tr>",
            esc(id),
            class_token(&label),
            esc(&canon),
            esc(&label)
        );
    }
    h2.push_str("</table></section>");

    // Claims by speaker and stance.
    let mut by_speaker: BTreeMap<String, [usize; 5]> = BTreeMap::new();
    for (who, counts) in &t.speakers {
        let who = match who {
            Speaker::Entity(id) => name_of(id).0,
            Speaker::Text(text) => format!("“{text}”"),
            Speaker::Nobody => "(no speaker)".to_string(),
        };
        let row = by_speaker.entry(who).or_default();
        for (sum, n) in row.iter_mut().zip(counts) {
            *sum += n;
        }
    }
    let mut speakers: Vec<(String, [usize; 5])> = by_speaker.into_iter().collect();
    speakers.sort_by(|a, b| b.1[4].cmp(&a.1[4]).then(a.0.cmp(&b.0)));
    h2.push_str("<section><h2>Claims by speaker and stance</h2><table><tr><th>speaker</th>");
    for s in STANCES {
        let _ = write!(h2, "<th><span class=\"stance s-{s}\">{s}</span></th>");
    }
    h2.push_str("<th>total</th></tr>");
    for (who, counts) in speakers.iter().take(40) {
        let _ = write!(h2, "<tr><td><bdi>{}</bdi></td>", esc(who));
        for n in counts {
            let _ =
                write!(h2, "<td class=\"n\">{}</td>", if *n == 0 { String::new() } else { n.to_string() });
        }
        h2.push_str("</tr>");
    }
    h2.push_str("</table></section></div>\n");

    h2.push_str("<section><h2>Accusations, denials and targeting across the corpus</h2>");
    h2.push_str(&graph(t, &name_of));
    h2.push_str("</section>\n</main>\n</body>\n</html>\n");
    (h, h2)
}

/// An inline SVG of the ACCUSES / DENIES / TARGETED edges between entities, nodes on a circle.
fn graph(t: &Index, name_of: &dyn Fn(&str) -> (String, String)) -> String {
    let edges: BTreeMap<(&str, &str, &str), usize> =
        t.edges.iter().map(|((s, p, o), n)| ((s.as_str(), *p, o.as_str()), *n)).collect();
    let degree: HashMap<&str, usize> = t.degree.iter().map(|(id, n)| (id.as_str(), *n)).collect();
    if edges.is_empty() {
        return "<p class=\"muted\">No ACCUSES, DENIES or TARGETED relations between entities.</p>"
            .to_string();
    }
    const MAX_NODES: usize = 40;
    const CENTRE: f64 = 460.0;
    const RADIUS: f64 = 220.0;
    let mut nodes: Vec<(&str, usize)> = degree.into_iter().collect();
    nodes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let dropped = nodes.len().saturating_sub(MAX_NODES);
    nodes.truncate(MAX_NODES);
    nodes.sort_by(|a, b| a.0.cmp(b.0));
    let pos: HashMap<&str, (f64, f64, f64)> = {
        let k = nodes.len() as f64;
        nodes
            .iter()
            .enumerate()
            .map(|(i, (id, _))| {
                let a = std::f64::consts::TAU * i as f64 / k - std::f64::consts::FRAC_PI_2;
                (*id, (CENTRE + RADIUS * a.cos(), CENTRE + RADIUS * a.sin(), a))
            })
            .collect()
    };
    let mut s = String::from(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"920\" height=\"920\" viewBox=\"0 0 920 920\" \
role=\"img\" aria-label=\"relation graph\" style=\"background:#fff;border:1px solid #ddd;border-radius:6px\"><defs>",
    );
    for (pred, colour) in GRAPH_PREDICATES {
        let _ = write!(
            s,
            "<marker id=\"arrow-{pred}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" \
orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"{colour}\"/></marker>"
        );
    }
    s.push_str("</defs>");
    for (pi, (pred, colour)) in GRAPH_PREDICATES.iter().enumerate() {
        let _ = write!(
            s,
            "<line x1=\"12\" y1=\"{y}\" x2=\"44\" y2=\"{y}\" stroke=\"{colour}\" stroke-width=\"2\" marker-end=\"url(#arrow-{pred})\"/>\
<text x=\"50\" y=\"{ty}\">{pred}</text>",
            y = 18 + pi * 18,
            ty = 22 + pi * 18
        );
    }
    for (&(from, pred, to), &count) in &edges {
        let (Some(&(x1, y1, _)), Some(&(x2, y2, _))) = (pos.get(from), pos.get(to)) else { continue };
        let colour = GRAPH_PREDICATES.iter().find(|(p, _)| *p == pred).map_or("#666", |(_, c)| c);
        let pi = GRAPH_PREDICATES.iter().position(|(p, _)| *p == pred).unwrap_or(0) as f64;
        // Curve to the right of the direction of travel, more for later predicates, so edges
        // in both directions and of different predicates stay apart; stop short of the node.
        let (dx, dy) = (x2 - x1, y2 - y1);
        let len = (dx * dx + dy * dy).sqrt().max(1.0);
        let (ux, uy) = (dx / len, dy / len);
        let bend = 18.0 + 14.0 * pi;
        let (cx, cy) = ((x1 + x2) / 2.0 - uy * bend, (y1 + y2) / 2.0 + ux * bend);
        let shorten = |x: f64, y: f64, tx: f64, ty: f64| {
            let (vx, vy) = (tx - x, ty - y);
            let l = (vx * vx + vy * vy).sqrt().max(1.0);
            (x + vx / l * 9.0, y + vy / l * 9.0)
        };
        let (sx, sy) = shorten(x1, y1, cx, cy);
        let (ex, ey) = shorten(x2, y2, cx, cy);
        let width = 1.2 + (count as f64).ln() * 1.2;
        let (a, _) = name_of(from);
        let (b, _) = name_of(to);
        let _ = write!(
            s,
            "<path d=\"M{sx:.1},{sy:.1} Q{cx:.1},{cy:.1} {ex:.1},{ey:.1}\" fill=\"none\" stroke=\"{colour}\" \
stroke-width=\"{width:.1}\" stroke-opacity=\"0.8\" marker-end=\"url(#arrow-{pred})\"><title>{} {pred} {} ({count})</title></path>",
            esc(&a),
            esc(&b)
        );
    }
    for (id, deg) in &nodes {
        let (x, y, a) = pos[id];
        let (name, label) = name_of(id);
        let fill =
            LABEL_COLOURS.iter().find(|(l, _)| *l == class_token(&label)).map_or("#e0e0e0", |(_, c)| c);
        // Labels point away from the centre, turned so that they never read upside down.
        let (lx, ly) = (x + 12.0 * a.cos(), y + 12.0 * a.sin());
        let (anchor, turn) =
            if a.cos() >= 0.0 { ("start", a.to_degrees()) } else { ("end", a.to_degrees() + 180.0) };
        let short: String = if name.chars().count() > 26 {
            name.chars().take(25).chain(['…']).collect()
        } else {
            name.clone()
        };
        let _ = write!(
            s,
            "<g><title>{} ({}), {deg} edges</title><circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"7\" fill=\"{fill}\" stroke=\"#333\"/>\
<text x=\"{lx:.1}\" y=\"{ly:.1}\" dy=\"0.35em\" text-anchor=\"{anchor}\" transform=\"rotate({turn:.1} {lx:.1} {ly:.1})\">{}</text></g>",
            esc(&name),
            esc(&label),
            esc(&short)
        );
    }
    s.push_str("</svg>");
    if dropped > 0 {
        let _ = write!(s, "<p class=\"muted\">{dropped} less connected entities not shown.</p>");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(id: &str, start: usize, end: usize, text: &str) -> EntRow {
        EntRow {
            doc_id: "d".into(),
            mention_id: id.into(),
            start,
            end,
            text: text.into(),
            label: "GPE".into(),
            entity_id: "x".into(),
            canonical: "X".into(),
        }
    }

    fn claim(id: &str, cue: (usize, usize), content: (usize, usize)) -> ClaimRow {
        ClaimRow {
            doc_id: "d".into(),
            claim_id: id.into(),
            cue_start: cue.0,
            cue_end: cue.1,
            stance: "DENY".into(),
            content_start: content.0,
            content_end: content.1,
            ..ClaimRow::default()
        }
    }

    fn strip_tags(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    fn balanced(html: &str) -> bool {
        let opens = html.matches("<mark").count();
        let closes = html.matches("</mark>").count();
        let sopen = html.matches("<span").count();
        let sclose = html.matches("</span>").count();
        opens == closes && sopen == sclose
    }

    #[test]
    fn overlapping_layers_nest_and_each_mark_appears_once() {
        //          0123456789012345678901234
        let text = "إيران نفت أن <b> تكون طهران";
        let t = text.chars().count();
        let e1 = ent("e1", 0, 5, "إيران");
        let e2 = ent("e2", t - 5, t, "طهران");
        // The cue overlaps e1's end partly; the content crosses into e2.
        let c1 = claim("c1", (3, 9), (10, t - 2));
        let c2 = claim("c2", (6, 9), (0, t));
        let m = mark_up(text, &[&e1, &e2], &[&c1, &c2]);
        assert!(m.warnings.is_empty(), "{:?}", m.warnings);
        for id in ["e1", "e2"] {
            assert_eq!(m.html.matches(&format!("data-mention=\"{id}\"")).count(), 1, "{}", m.html);
        }
        for id in ["c1", "c2"] {
            assert_eq!(m.html.matches(&format!("data-claim=\"{id}\"")).count(), 1, "{}", m.html);
        }
        assert!(m.html.contains("&lt;b&gt;"));
        assert!(!m.html.contains("<b>"));
        assert!(balanced(&m.html), "{}", m.html);
        assert_eq!(strip_tags(&m.html), text);
    }

    #[test]
    fn rows_outside_the_text_are_warnings() {
        let e1 = ent("e1", 2, 40, "x");
        let e2 = ent("e2", 0, 2, "no");
        let m = mark_up("abc", &[&e1, &e2], &[]);
        assert_eq!(m.warnings.len(), 2, "{:?}", m.warnings);
        assert_eq!(m.html.matches("data-mention=").count(), 1);
    }

    #[test]
    fn escaping_covers_attributes() {
        assert_eq!(esc("<a href='x'>\"&"), "&lt;a href=&#39;x&#39;&gt;&quot;&amp;");
        assert_eq!(class_token("PERSON"), "PERSON");
        assert_eq!(class_token("x\" onclick=\""), "OTHER");
        assert_eq!(page_name(0, "ar/01 x?.txt"), "doc-0001-ar_01_x_.txt.html");
    }

    #[test]
    fn guards_are_undone() {
        let mut s = "'=HYPERLINK(1)".to_string();
        unguard(&mut s);
        assert_eq!(s, "=HYPERLINK(1)");
        let mut s = "'quoted'".to_string();
        unguard(&mut s);
        assert_eq!(s, "'quoted'");
    }

    #[test]
    fn a_denial_links_to_what_it_answers_and_a_claim_to_its_relay() {
        let mut c = claim("c3", (0, 1), (2, 3));
        assert_eq!(claim_links(&c), "");
        c.responds_to = "c1;c2".into();
        c.via = "c4".into();
        let html = claim_links(&c);
        assert!(html.contains("via</span> <a href=\"#c4\""), "{html}");
        assert!(
            html.contains("answers</span> <a href=\"#c1\" data-goto=\"c1\">c1</a>, <a href=\"#c2\""),
            "{html}"
        );
    }
}
