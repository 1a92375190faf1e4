//! Scoring: reads a gold folder and a prediction folder (SCHEMA sections 2, 3 and 9) and computes
//! precision, recall and F1 for entities (strict, partial, per label, linking accuracy), relation
//! triples and claims, plus an optional list of human-readable errors.
//!
//! This module owns reading the three tables by header name, the optional check that every
//! entity row's `text` is the slice of its document it claims to be, the matching rules and the
//! text table printed by `isnad eval`. It does not run the pipeline and writes no file: the caller
//! prints [`render`]'s output.
//!
//! Every document id found on either side is scored (the union): a predicted document that the
//! gold does not cover counts all its rows as false positives, and a gold document without
//! predictions counts all its rows as misses. When predictions were made on a wider folder than
//! the gold covers, point `isnad eval` at a prediction table restricted to the gold documents, or
//! read the precision with that in mind.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What to score: two folders holding `entities.csv` and optionally `relations.csv` and
/// `claims.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalConfig {
    /// The gold folder (SCHEMA section 9 layout).
    pub gold: PathBuf,
    /// The prediction folder (SCHEMA section 3 layout; extra columns are ignored).
    pub pred: PathBuf,
    /// The folder holding the documents, named by `doc_id`. When given, every entity row of both
    /// sides must satisfy `text == doc[start:end]` (code points), and error lines carry context.
    pub docs: Option<PathBuf>,
    /// Collect human-readable error lines into [`Scores::errors`].
    pub errors: bool,
}

/// True positive, false positive and false negative counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Predictions that match a gold item.
    pub tp: usize,
    /// Predictions that match no gold item.
    pub fp: usize,
    /// Gold items that no prediction matches.
    pub fn_: usize,
}

impl Prf {
    /// `tp / (tp + fp)`, or 0.0 when there is no prediction.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// `tp / (tp + fn)`, or 0.0 when there is no gold item.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall, or 0.0 when both are 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) }
    }

    fn is_empty(&self) -> bool {
        self.tp + self.fp + self.fn_ == 0
    }
}

/// `num / den`, or 0.0 when `den` is 0.
fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 { 0.0 } else { num as f64 / den as f64 }
}

/// Entity scores (SCHEMA section 9).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntityScores {
    /// `(doc_id, start, end, label)` equal, one-to-one; an abbreviation's final period may be
    /// in or out of the span.
    pub strict: Prf,
    /// Same document and label and overlapping spans, one-to-one (strict matches first, then
    /// greedily in order of start).
    pub partial: Prf,
    /// Strict scores per label: a false positive counts under the predicted label, a miss under
    /// the gold label.
    pub per_label: BTreeMap<String, Prf>,
    /// Strict matches, among those counted in `linking_total`, whose `entity_id` is the gold one.
    pub linking_correct: usize,
    /// Strict matches whose gold `entity_id` is non-empty and does not start with `~`.
    pub linking_total: usize,
}

impl EntityScores {
    /// `linking_correct / linking_total`, or 0.0 when there is nothing to link.
    pub fn linking_accuracy(&self) -> f64 {
        ratio(self.linking_correct, self.linking_total)
    }
}

/// Relation scores over the distinct `(predicate, subject_entity_id, object_entity_id)` triples
/// of each document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RelationScores {
    /// All predicates together.
    pub all: Prf,
    /// One entry per predicate found on either side.
    pub per_predicate: BTreeMap<String, Prf>,
}

/// Claim scores: claims are matched by overlapping cue spans, one-to-one, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimScores {
    /// Cue detection: a match is a true positive.
    pub cue: Prf,
    /// Number of matched (gold, predicted) pairs.
    pub matched: usize,
    /// Matched pairs with the same speaker id (`~` ids normalized; both empty counts as equal).
    pub speaker_correct: usize,
    /// Matched pairs with the same stance.
    pub stance_correct: usize,
    /// Matches with both speaker and stance right; every other prediction is a false positive
    /// and every other gold claim a miss.
    pub full: Prf,
    /// `via` over matched pairs where gold or prediction has one: (equal, compared), the
    /// predicted relay mapped to its matched gold claim. `None` when the gold has no `via`.
    pub via: Option<(usize, usize)>,
    /// `responds_to` the same way (as sets of claims).
    pub responds_to: Option<(usize, usize)>,
    /// `via` links over all claims, as (document, claim, relay) triples in gold claim ids; a
    /// link with an unmatched end is a false positive.
    pub via_links: Prf,
    /// `responds_to` links the same way: (document, denial, accusation).
    pub responds_links: Prf,
}

impl ClaimScores {
    /// `speaker_correct / matched`, or 0.0 when nothing matched.
    pub fn speaker_accuracy(&self) -> f64 {
        ratio(self.speaker_correct, self.matched)
    }

    /// `stance_correct / matched`, or 0.0 when nothing matched.
    pub fn stance_accuracy(&self) -> f64 {
        ratio(self.stance_correct, self.matched)
    }
}

/// Everything [`evaluate`] computes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Entity scores (`entities.csv` is required on both sides).
    pub entities: EntityScores,
    /// Relation scores, or `None` when either side has no `relations.csv`.
    pub relations: Option<RelationScores>,
    /// Claim scores, or `None` when either side has no `claims.csv`.
    pub claims: Option<ClaimScores>,
    /// When [`EvalConfig::errors`] is set: one line per miss, false positive or wrong attribute,
    /// sorted by document and offset.
    pub errors: Vec<String>,
}

/// Scores the prediction folder against the gold folder.
///
/// Document ids are the union of both sides (see the module documentation). Errors: a missing
/// folder or `entities.csv`, a malformed row (missing column, non-integer offset, start after
/// end) or, with [`EvalConfig::docs`], an entity row whose text is not `doc[start:end]`; each
/// names the file and line.
pub fn evaluate(cfg: &EvalConfig) -> Result<Scores> {
    for (what, dir) in [("gold", &cfg.gold), ("prediction", &cfg.pred)] {
        if !dir.is_dir() {
            return Err(Error::usage(format!("{what} folder {} not found", dir.display())));
        }
    }
    let mut cache = cfg.docs.as_ref().map(|dir| DocCache::new(dir.clone()));

    let gold_path = cfg.gold.join("entities.csv");
    let pred_path = cfg.pred.join("entities.csv");
    let gold_ents = read_entities(&gold_path)?;
    let pred_ents = read_entities(&pred_path)?;
    if let Some(cache) = cache.as_mut() {
        check_texts(cache, &gold_path, &gold_ents)?;
        check_texts(cache, &pred_path, &pred_ents)?;
    }

    let mut sink = Sink { on: cfg.errors, items: Vec::new() };
    let entities = score_entities(&gold_ents, &pred_ents, &mut sink);

    let relations = match optional_pair(cfg, "relations.csv") {
        Some((g, p)) => Some(score_relations(&read_relations(&g)?, &read_relations(&p)?, &mut sink)),
        None => None,
    };
    let claims = match optional_pair(cfg, "claims.csv") {
        Some((g, p)) => Some(score_claims(&read_claims(&g)?, &read_claims(&p)?, &mut sink)),
        None => None,
    };

    let errors = if cfg.errors { format_issues(sink.items, cache.as_mut()) } else { Vec::new() };
    Ok(Scores { entities, relations, claims, errors })
}

/// The two paths of an optional table, when both sides have it.
fn optional_pair(cfg: &EvalConfig, name: &str) -> Option<(PathBuf, PathBuf)> {
    let (g, p) = (cfg.gold.join(name), cfg.pred.join(name));
    (g.is_file() && p.is_file()).then_some((g, p))
}

// ---------------------------------------------------------------------------------------------
// Reading

/// One entity row; `line` is the 1-based line of the row in its file.
#[derive(Debug, Clone)]
struct EntRow {
    doc: String,
    start: usize,
    end: usize,
    text: String,
    label: String,
    id: String,
    line: u64,
}

/// One relation row.
#[derive(Debug, Clone)]
struct RelRow {
    doc: String,
    predicate: String,
    subject: String,
    object: String,
}

/// One claim row.
#[derive(Debug, Clone)]
struct ClaimRow {
    doc: String,
    start: usize,
    end: usize,
    cue: String,
    stance: String,
    speaker: String,
    line: u64,
    /// `claim_id`, `via`, `responds_to` when the file has them (gold may not), else empty.
    id: String,
    via: String,
    responds_to: String,
}

/// Whether the header of the CSV file at `path` names every column of `columns`.
fn has_columns(path: &Path, columns: &[&str]) -> bool {
    let Ok(file) = std::fs::File::open(path) else { return false };
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(file);
    let Ok(header) = rdr.headers() else { return false };
    let names: Vec<&str> = header.iter().map(|h| h.trim_start_matches('\u{feff}').trim()).collect();
    columns.iter().all(|c| names.contains(c))
}

/// A CSV file read by header name: `rows` holds, per row, its line and the wanted columns in the
/// order they were asked for.
fn read_table(path: &Path, columns: &[&str]) -> Result<Vec<(u64, Vec<String>)>> {
    let file = std::fs::File::open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::io(path, &std::io::Error::new(e.kind(), "file not found (this table is required)"))
        } else {
            Error::io(path, &e)
        }
    })?;
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(file);
    let csv_err = |e: csv::Error| {
        let line = e.position().map(|p| p.line());
        Error::data(path, line.or(Some(1)), e.to_string())
    };
    let header = rdr.headers().map_err(csv_err)?.clone();
    let names: Vec<&str> = header.iter().map(|h| h.trim_start_matches('\u{feff}').trim()).collect();
    let mut idx = Vec::with_capacity(columns.len());
    for col in columns {
        match names.iter().position(|n| n == col) {
            Some(i) => idx.push(i),
            None => {
                return Err(Error::data(path, Some(1), format!("missing column `{col}` in the header")));
            }
        }
    }
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(csv_err)?;
        let line = rec.position().map_or(0, |p| p.line());
        if rec.len() != header.len() {
            let missing: Vec<&str> =
                idx.iter().zip(columns).filter(|(i, _)| **i >= rec.len()).map(|(_, c)| *c).collect();
            let what = if missing.is_empty() {
                String::new()
            } else {
                format!(" (missing `{}`)", missing.join("`, `"))
            };
            return Err(Error::data(
                path,
                Some(line),
                format!("row has {} fields, the header has {}{what}", rec.len(), header.len()),
            ));
        }
        rows.push((line, idx.iter().map(|&i| rec[i].to_string()).collect()));
    }
    Ok(rows)
}

/// Parses a code-point offset.
fn offset(path: &Path, line: u64, col: &str, value: &str) -> Result<usize> {
    value.trim().parse().map_err(|_| {
        Error::data(path, Some(line), format!("`{col}` is not a non-negative integer: {value:?}"))
    })
}

/// Parses a `[start, end)` pair and checks `start <= end`.
fn span(path: &Path, line: u64, cols: [&str; 2], s: &str, e: &str) -> Result<(usize, usize)> {
    let (start, end) = (offset(path, line, cols[0], s)?, offset(path, line, cols[1], e)?);
    if start > end {
        return Err(Error::data(
            path,
            Some(line),
            format!("`{}` {start} is after `{}` {end}", cols[0], cols[1]),
        ));
    }
    Ok((start, end))
}

/// Rejects an empty `doc_id`.
fn doc_id(path: &Path, line: u64, value: String) -> Result<String> {
    if value.is_empty() {
        return Err(Error::data(path, Some(line), "empty `doc_id`"));
    }
    Ok(value)
}

fn read_entities(path: &Path) -> Result<Vec<EntRow>> {
    let cols = ["doc_id", "start", "end", "text", "label", "entity_id"];
    let mut out = Vec::new();
    for (line, f) in read_table(path, &cols)? {
        let [doc, s, e, text, label, id]: [String; 6] = f.try_into().expect("six columns");
        let (start, end) = span(path, line, ["start", "end"], &s, &e)?;
        if label.is_empty() {
            return Err(Error::data(path, Some(line), "empty `label`"));
        }
        out.push(EntRow { doc: doc_id(path, line, doc)?, start, end, text, label, id, line });
    }
    Ok(out)
}

fn read_relations(path: &Path) -> Result<Vec<RelRow>> {
    let cols = ["doc_id", "predicate", "subject_entity_id", "object_entity_id"];
    let mut out = Vec::new();
    for (line, f) in read_table(path, &cols)? {
        let [doc, predicate, subject, object]: [String; 4] = f.try_into().expect("four columns");
        if predicate.is_empty() {
            return Err(Error::data(path, Some(line), "empty `predicate`"));
        }
        out.push(RelRow { doc: doc_id(path, line, doc)?, predicate, subject, object });
    }
    Ok(out)
}

fn read_claims(path: &Path) -> Result<Vec<ClaimRow>> {
    let mut cols = vec!["doc_id", "cue_start", "cue_end", "cue", "stance", "speaker_entity_id"];
    let links = has_columns(path, &LINK_COLUMNS);
    if links {
        cols.extend(LINK_COLUMNS);
    }
    let mut out = Vec::new();
    for (line, mut f) in read_table(path, &cols)? {
        let (id, via, responds_to) = if links {
            let r = f.split_off(6);
            let [id, via, responds_to]: [String; 3] = r.try_into().expect("three link columns");
            (id, via, responds_to)
        } else {
            Default::default()
        };
        let [doc, s, e, cue, stance, speaker]: [String; 6] = f.try_into().expect("six columns");
        let (start, end) = span(path, line, ["cue_start", "cue_end"], &s, &e)?;
        out.push(ClaimRow {
            doc: doc_id(path, line, doc)?,
            start,
            end,
            cue,
            stance,
            speaker,
            line,
            id,
            via,
            responds_to,
        });
    }
    Ok(out)
}

/// The claim-link columns (SCHEMA §3 extension, issue #13): scored when the gold has them.
const LINK_COLUMNS: [&str; 3] = ["claim_id", "via", "responds_to"];

// ---------------------------------------------------------------------------------------------
// Documents

/// Documents loaded on demand from the `--docs` folder, as code points.
struct DocCache {
    dir: PathBuf,
    docs: HashMap<String, Vec<char>>,
}

impl DocCache {
    fn new(dir: PathBuf) -> DocCache {
        DocCache { dir, docs: HashMap::new() }
    }

    /// The text of `doc_id`, BOM removed.
    fn get(&mut self, doc_id: &str) -> Result<&[char]> {
        if !self.docs.contains_key(doc_id) {
            let text = read_doc(&self.dir.join(doc_id))?;
            self.docs.insert(doc_id.to_string(), text.chars().collect());
        }
        Ok(&self.docs[doc_id])
    }
}

/// Decodes a document: UTF-8, or UTF-16 when it starts with a UTF-16 BOM; the BOM is dropped.
fn read_doc(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    let utf16 = |rest: &[u8], be: bool| {
        let units = rest.chunks(2).map(|c| match (c, be) {
            ([a, b], true) => u16::from_be_bytes([*a, *b]),
            ([a, b], false) => u16::from_le_bytes([*a, *b]),
            _ => 0xD800, // odd trailing byte: an unpaired surrogate, so decoding fails
        });
        char::decode_utf16(units).collect::<std::result::Result<String, _>>()
    };
    let text = match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, false).ok(),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, true).ok(),
        [0xEF, 0xBB, 0xBF, rest @ ..] => std::str::from_utf8(rest).ok().map(str::to_string),
        all => std::str::from_utf8(all).ok().map(str::to_string),
    };
    text.ok_or_else(|| {
        Error::data(path, None, "not valid UTF-8 (the evaluator reads UTF-8, or UTF-16 with a BOM)")
    })
}

/// Checks `text == doc[start:end]` for every row of `path`.
fn check_texts(cache: &mut DocCache, path: &Path, rows: &[EntRow]) -> Result<()> {
    for row in rows {
        let doc = cache.get(&row.doc)?;
        if row.end > doc.len() {
            return Err(Error::data(
                path,
                Some(row.line),
                format!(
                    "span {}-{} ends past the end of {} ({} code points)",
                    row.start,
                    row.end,
                    row.doc,
                    doc.len()
                ),
            ));
        }
        let actual: String = doc[row.start..row.end].iter().collect();
        if actual != row.text {
            return Err(Error::data(
                path,
                Some(row.line),
                format!(
                    "text {} is not {}[{}:{}], which is {}",
                    quote(&row.text),
                    row.doc,
                    row.start,
                    row.end,
                    quote(&actual)
                ),
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Error lines

/// An error line before formatting: where it sorts and what context it shows.
struct Issue {
    doc: String,
    offset: usize,
    msg: String,
    context: Context,
}

enum Context {
    None,
    /// Show the span with up to 40 code points either side.
    Span(usize, usize),
    /// Show the sentence around the span.
    Sentence(usize, usize),
}

/// Collects issues when error lines were asked for.
struct Sink {
    on: bool,
    items: Vec<Issue>,
}

impl Sink {
    fn push(&mut self, doc: &str, offset: usize, context: Context, msg: impl FnOnce() -> String) {
        if self.on {
            self.items.push(Issue { doc: doc.to_string(), offset, msg: msg(), context });
        }
    }
}

/// Sorts issues by document and offset (stable, so equal keys keep the order they were found
/// in) and appends context from the documents when they are available.
fn format_issues(mut items: Vec<Issue>, mut cache: Option<&mut DocCache>) -> Vec<String> {
    items.sort_by(|a, b| (&a.doc, a.offset).cmp(&(&b.doc, b.offset)));
    items
        .into_iter()
        .map(|it| {
            let doc = match (&it.context, cache.as_deref_mut()) {
                (Context::None, _) | (_, None) => None,
                (_, Some(c)) => c.get(&it.doc).ok(),
            };
            let ctx = match (doc, it.context) {
                (Some(d), Context::Span(s, e)) => span_context(d, s, e),
                (Some(d), Context::Sentence(s, e)) => sentence_context(d, s, e),
                _ => None,
            };
            match ctx {
                Some(c) => format!("{}  | {c}", it.msg),
                None => it.msg,
            }
        })
        .collect()
}

/// `left[span]right` with up to 40 code points either side, line breaks as spaces.
fn span_context(doc: &[char], start: usize, end: usize) -> Option<String> {
    if start > end || end > doc.len() {
        return None;
    }
    let from = start.saturating_sub(40);
    let to = (end + 40).min(doc.len());
    let flat = |cs: &[char]| -> String { cs.iter().map(|&c| flatten(c)).collect() };
    Some(format!("{}[{}]{}", flat(&doc[from..start]), flat(&doc[start..end]), flat(&doc[end..to])))
}

/// The sentence holding `[start, end)`: from after the previous `. ! ? ؟` or line break to the
/// next one (included), trimmed; at most 200 code points either side of the span.
fn sentence_context(doc: &[char], start: usize, end: usize) -> Option<String> {
    if start > end || end > doc.len() {
        return None;
    }
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '؟' | '\n' | '\r');
    let limit = 200;
    let mut from = start;
    while from > 0 && start - from < limit && !is_end(doc[from - 1]) {
        from -= 1;
    }
    let mut to = end;
    while to < doc.len() && to - end < limit && !is_end(doc[to]) {
        to += 1;
    }
    if to < doc.len() && !matches!(doc[to], '\n' | '\r') && to - end < limit {
        to += 1;
    }
    let text: String = doc[from..to].iter().map(|&c| flatten(c)).collect();
    Some(text.trim().to_string())
}

/// `s` in double quotes, one line: `"`, `\\`, control characters and invisible format
/// characters (ZWNJ, ZWJ, direction marks, BOM) are escaped; letters and combining marks are
/// shown as they are, so that Arabic with tashkeel stays readable.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}') =>
            {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Line breaks and tabs as spaces, so that one error stays on one line.
fn flatten(c: char) -> char {
    if matches!(c, '\n' | '\r' | '\t') { ' ' } else { c }
}

// ---------------------------------------------------------------------------------------------
// Entities

/// Rows of both sides grouped by document, in document order.
fn by_doc<'a, T>(
    gold: &'a [T],
    pred: &'a [T],
    doc: impl Fn(&T) -> &str,
) -> BTreeMap<&'a str, (Vec<&'a T>, Vec<&'a T>)> {
    let mut map: BTreeMap<&str, (Vec<&T>, Vec<&T>)> = BTreeMap::new();
    for g in gold {
        map.entry(doc(g)).or_default().0.push(g);
    }
    for p in pred {
        map.entry(doc(p)).or_default().1.push(p);
    }
    map
}

/// Whether two half-open spans share a code point (identical empty spans count as overlapping).
fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0.max(b.0) < a.1.min(b.1) || a == b
}

/// Whether `g` and `p` are the same abbreviation with and without its final period.
fn period_variant(g: &EntRow, p: &EntRow) -> bool {
    g.start == p.start
        && g.label == p.label
        && ((g.end == p.end + 1 && g.text.ends_with('.')) || (p.end == g.end + 1 && p.text.ends_with('.')))
}

/// Whether a gold entity id takes part in linking accuracy.
fn linkable(id: &str) -> bool {
    !id.is_empty() && !id.starts_with('~')
}

fn score_entities(gold: &[EntRow], pred: &[EntRow], sink: &mut Sink) -> EntityScores {
    let mut s = EntityScores::default();
    for (doc, (mut g, mut p)) in by_doc(gold, pred, |r| &r.doc) {
        let order = |a: &&EntRow, b: &&EntRow| {
            (a.start, a.end, &a.label, a.line).cmp(&(b.start, b.end, &b.label, b.line))
        };
        g.sort_by(order);
        p.sort_by(order);

        // Strict: exact (start, end, label) first, then the period variant of an abbreviation.
        let mut gold_of: Vec<Option<usize>> = vec![None; p.len()];
        let mut used = vec![false; g.len()];
        let mut exact: HashMap<(usize, usize, &str), Vec<usize>> = HashMap::new();
        for (gi, r) in g.iter().enumerate().rev() {
            exact.entry((r.start, r.end, r.label.as_str())).or_default().push(gi);
        }
        for (pi, r) in p.iter().enumerate() {
            if let Some(gi) = exact.get_mut(&(r.start, r.end, r.label.as_str())).and_then(Vec::pop) {
                gold_of[pi] = Some(gi);
                used[gi] = true;
            }
        }
        for (pi, r) in p.iter().enumerate() {
            if gold_of[pi].is_some() {
                continue;
            }
            if let Some(gi) = (0..g.len()).find(|&gi| !used[gi] && period_variant(g[gi], r)) {
                gold_of[pi] = Some(gi);
                used[gi] = true;
            }
        }

        for (pi, r) in p.iter().enumerate() {
            let label = s.per_label.entry(r.label.clone()).or_default();
            match gold_of[pi] {
                Some(gi) => {
                    s.strict.tp += 1;
                    label.tp += 1;
                    let gr = g[gi];
                    if linkable(&gr.id) {
                        s.linking_total += 1;
                        if gr.id == r.id {
                            s.linking_correct += 1;
                        } else {
                            sink.push(doc, gr.start, Context::Span(gr.start, gr.end), || {
                                format!(
                                    "WRONG-ID entity {doc}:{}-{} {} {} gold={} pred={}",
                                    gr.start,
                                    gr.end,
                                    gr.label,
                                    quote(&gr.text),
                                    gr.id,
                                    show_id(&r.id)
                                )
                            });
                        }
                    }
                }
                None => {
                    s.strict.fp += 1;
                    label.fp += 1;
                    sink.push(doc, r.start, Context::Span(r.start, r.end), || {
                        format!(
                            "FALSE entity    {doc}:{}-{} {} {} ({})",
                            r.start,
                            r.end,
                            r.label,
                            quote(&r.text),
                            show_id(&r.id)
                        )
                    });
                }
            }
        }
        for (gi, r) in g.iter().enumerate() {
            if !used[gi] {
                s.strict.fn_ += 1;
                s.per_label.entry(r.label.clone()).or_default().fn_ += 1;
                sink.push(doc, r.start, Context::Span(r.start, r.end), || {
                    format!("MISS entity     {doc}:{}-{} {} {}", r.start, r.end, r.label, quote(&r.text))
                });
            }
        }

        // Partial: strict matches count; the rest match greedily in order of start.
        let mut partial_tp = gold_of.iter().filter(|m| m.is_some()).count();
        for (pi, r) in p.iter().enumerate() {
            if gold_of[pi].is_some() {
                continue;
            }
            for (gi, gr) in g.iter().enumerate() {
                if gr.start > r.end {
                    break;
                }
                if !used[gi] && gr.label == r.label && overlaps((gr.start, gr.end), (r.start, r.end)) {
                    used[gi] = true;
                    partial_tp += 1;
                    break;
                }
            }
        }
        s.partial.tp += partial_tp;
        s.partial.fp += p.len() - partial_tp;
        s.partial.fn_ += g.len() - partial_tp;
    }
    s
}

/// An entity id for display: empty ids show as `-`.
fn show_id(id: &str) -> &str {
    if id.is_empty() { "-" } else { id }
}

// ---------------------------------------------------------------------------------------------
// Relations

/// Normalizes an entity id for comparison. Ids from a gazetteer (not starting with `~`) are
/// returned unchanged. A rule id (`~` + surface) is folded as SCHEMA section 6 describes:
/// tashkeel (U+064B–U+065F, U+0670), tatweel and ZWNJ/ZWJ removed; `أ إ آ ٱ` → `ا`; `ى ی ئ` →
/// `ي`; `ک` → `ك`; `ؤ` → `و`; `ة` → `ه`; Arabic-Indic and Persian digits → ASCII; whitespace →
/// `_`; lowercased.
fn norm_id(id: &str) -> String {
    if !id.starts_with('~') {
        return id.to_string();
    }
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{200C}' | '\u{200D}' => {}
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ى' | 'ی' | 'ئ' => out.push('ي'),
            'ک' => out.push('ك'),
            'ؤ' => out.push('و'),
            'ة' => out.push('ه'),
            '\u{0660}'..='\u{0669}' => out.push(digit(c as u32 - 0x0660)),
            '\u{06F0}'..='\u{06F9}' => out.push(digit(c as u32 - 0x06F0)),
            c if c.is_whitespace() => out.push('_'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The ASCII digit `d` (0–9).
fn digit(d: u32) -> char {
    char::from_digit(d, 10).unwrap_or('0')
}

fn score_relations(gold: &[RelRow], pred: &[RelRow], sink: &mut Sink) -> RelationScores {
    type Triple = (String, String, String, String);
    // Normalized triple -> the first row that gave it (for display).
    let set = |rows: &[RelRow]| -> BTreeMap<Triple, RelRow> {
        let mut m = BTreeMap::new();
        for r in rows {
            let key = (r.doc.clone(), r.predicate.clone(), norm_id(&r.subject), norm_id(&r.object));
            m.entry(key).or_insert_with(|| r.clone());
        }
        m
    };
    let (g, p) = (set(gold), set(pred));
    let mut s = RelationScores::default();
    let line = |tag: &str, r: &RelRow| {
        format!("{tag} {} {} {} -> {}", r.doc, r.predicate, show_id(&r.subject), show_id(&r.object))
    };
    for (key, r) in &p {
        let entry = s.per_predicate.entry(r.predicate.clone()).or_default();
        if g.contains_key(key) {
            s.all.tp += 1;
            entry.tp += 1;
        } else {
            s.all.fp += 1;
            entry.fp += 1;
            sink.push(&r.doc, usize::MAX, Context::None, || line("FALSE relation ", r));
        }
    }
    for (key, r) in &g {
        if !p.contains_key(key) {
            s.all.fn_ += 1;
            s.per_predicate.entry(r.predicate.clone()).or_default().fn_ += 1;
            sink.push(&r.doc, usize::MAX, Context::None, || line("MISS relation  ", r));
        }
    }
    s
}

// ---------------------------------------------------------------------------------------------
// Claims

fn score_claims(gold: &[ClaimRow], pred: &[ClaimRow], sink: &mut Sink) -> ClaimScores {
    let mut s = ClaimScores::default();
    let mut full_tp = 0;
    let links = gold.iter().any(|g| !g.id.is_empty());
    let (mut via, mut responds) = ((0, 0), (0, 0));
    for (doc, (mut g, mut p)) in by_doc(gold, pred, |r| &r.doc) {
        let key = |r: &&ClaimRow| (r.start, r.end, r.line);
        g.sort_by_key(key);
        p.sort_by_key(key);
        let mut used = vec![false; g.len()];
        let mut pairs: Vec<(usize, &ClaimRow)> = Vec::new();
        for r in &p {
            let found = g
                .iter()
                .enumerate()
                .find(|(gi, gr)| !used[*gi] && overlaps((gr.start, gr.end), (r.start, r.end)));
            let Some((gi, gr)) = found else {
                s.cue.fp += 1;
                sink.push(doc, r.start, Context::Sentence(r.start, r.end), || {
                    format!(
                        "FALSE claim     {doc}:{} {} {} speaker={}",
                        r.start,
                        quote(&r.cue),
                        r.stance,
                        show_id(&r.speaker)
                    )
                });
                continue;
            };
            used[gi] = true;
            pairs.push((gi, *r));
            s.cue.tp += 1;
            s.matched += 1;
            let speaker_ok = norm_id(&gr.speaker) == norm_id(&r.speaker);
            let stance_ok = gr.stance == r.stance;
            s.speaker_correct += usize::from(speaker_ok);
            s.stance_correct += usize::from(stance_ok);
            if speaker_ok && stance_ok {
                full_tp += 1;
            } else {
                sink.push(doc, gr.start, Context::Sentence(gr.start, gr.end), || {
                    format!(
                        "WRONG claim     {doc}:{} {} speaker gold={} pred={} stance gold={} pred={}",
                        gr.start,
                        quote(&gr.cue),
                        show_id(&gr.speaker),
                        show_id(&r.speaker),
                        gr.stance,
                        r.stance
                    )
                });
            }
        }
        if links {
            let (v, r) = score_links(&g, &pairs);
            via = (via.0 + v.0, via.1 + v.1);
            responds = (responds.0 + r.0, responds.1 + r.1);
            link_prf(&g, &p, &pairs, |c| &c.via, &mut s.via_links);
            link_prf(&g, &p, &pairs, |c| &c.responds_to, &mut s.responds_links);
        }
        for (gi, gr) in g.iter().enumerate() {
            if !used[gi] {
                s.cue.fn_ += 1;
                sink.push(doc, gr.start, Context::Sentence(gr.start, gr.end), || {
                    format!(
                        "MISS claim      {doc}:{} {} {} speaker={}",
                        gr.start,
                        quote(&gr.cue),
                        gr.stance,
                        show_id(&gr.speaker)
                    )
                });
            }
        }
    }
    s.full = Prf { tp: full_tp, fp: s.cue.tp + s.cue.fp - full_tp, fn_: s.cue.tp + s.cue.fn_ - full_tp };
    if links {
        s.via = Some(via);
        s.responds_to = Some(responds);
    }
    s
}

/// Adds one document's links (the `;`-separated claim ids `field` gives) to `prf`: gold
/// links as (claim, target) gold ids, predicted ones mapped through the matched pairs.
fn link_prf(
    gold: &[&ClaimRow],
    pred: &[&ClaimRow],
    pairs: &[(usize, &ClaimRow)],
    field: fn(&ClaimRow) -> &String,
    prf: &mut Prf,
) {
    use std::collections::BTreeSet;
    let to_gold =
        |pred_id: &str| pairs.iter().find(|(_, p)| p.id == pred_id).map(|(gi, _)| gold[*gi].id.clone());
    let ids = |s: &str| s.split(';').filter(|x| !x.is_empty()).map(str::to_string).collect::<Vec<_>>();
    let want: BTreeSet<(String, String)> =
        gold.iter().flat_map(|g| ids(field(g)).into_iter().map(|t| (g.id.clone(), t))).collect();
    let mut got: BTreeSet<(String, String)> = BTreeSet::new();
    let mut unmatched = 0;
    for p in pred {
        for t in ids(field(p)) {
            match (to_gold(&p.id), to_gold(&t)) {
                (Some(a), Some(b)) => {
                    got.insert((a, b));
                }
                _ => unmatched += 1,
            }
        }
    }
    let tp = want.intersection(&got).count();
    prf.tp += tp;
    prf.fp += got.len() - tp + unmatched;
    prf.fn_ += want.len() - tp;
}

/// `via` and `responds_to` of one document's matched pairs `(gold index, prediction)`:
/// ((equal, compared), (equal, compared)). A predicted link names a predicted claim; it counts
/// as the gold claim that claim was matched to (an unmatched one matches nothing).
fn score_links(gold: &[&ClaimRow], pairs: &[(usize, &ClaimRow)]) -> ((usize, usize), (usize, usize)) {
    let to_gold = |pred_id: &str| -> String {
        pairs
            .iter()
            .find(|(_, p)| p.id == pred_id)
            .map_or_else(|| format!("unmatched:{pred_id}"), |(gi, _)| gold[*gi].id.clone())
    };
    let set = |ids: &str, map: &dyn Fn(&str) -> String| -> std::collections::BTreeSet<String> {
        ids.split(';').filter(|x| !x.is_empty()).map(map).collect()
    };
    let (mut via, mut responds) = ((0, 0), (0, 0));
    for (gi, p) in pairs {
        let g = gold[*gi];
        let (gv, pv) = (set(&g.via, &|x| x.to_string()), set(&p.via, &to_gold));
        if !gv.is_empty() || !pv.is_empty() {
            via.1 += 1;
            via.0 += usize::from(gv == pv);
        }
        let (gr, pr) = (set(&g.responds_to, &|x| x.to_string()), set(&p.responds_to, &to_gold));
        if !gr.is_empty() || !pr.is_empty() {
            responds.1 += 1;
            responds.0 += usize::from(gr == pr);
        }
    }
    (via, responds)
}

// ---------------------------------------------------------------------------------------------
// Rendering

const NAME_WIDTH: usize = 18;

fn header(out: &mut String, title: &str) {
    let _ =
        writeln!(out, "{title:<NAME_WIDTH$}{:>7}{:>8}{:>8}{:>7}{:>7}{:>7}", "P", "R", "F1", "tp", "fp", "fn");
}

fn prf_row(out: &mut String, name: &str, prf: &Prf) {
    let _ = writeln!(
        out,
        "{name:<NAME_WIDTH$}{:>7.3}{:>8.3}{:>8.3}{:>7}{:>7}{:>7}",
        prf.precision(),
        prf.recall(),
        prf.f1(),
        prf.tp,
        prf.fp,
        prf.fn_
    );
}

fn accuracy_row(out: &mut String, name: &str, num: usize, den: usize) {
    let _ = writeln!(out, "{name:<NAME_WIDTH$}{:>7.3} ({num}/{den})", ratio(num, den));
}

/// The text table `isnad eval` prints: entities (strict, partial, per label, linking accuracy),
/// relations (all, per predicate), claims (cue, speaker and stance accuracy, full claim), three
/// decimals, then the error lines if any.
pub fn render(scores: &Scores) -> String {
    let mut out = String::new();
    let e = &scores.entities;
    header(&mut out, "entities");
    prf_row(&mut out, "strict", &e.strict);
    prf_row(&mut out, "partial", &e.partial);
    for (label, prf) in &e.per_label {
        prf_row(&mut out, &format!("  {label}"), prf);
    }
    accuracy_row(&mut out, "linking accuracy", e.linking_correct, e.linking_total);

    out.push('\n');
    match &scores.relations {
        Some(r) if !r.all.is_empty() => {
            header(&mut out, "relations");
            prf_row(&mut out, "all", &r.all);
            for (pred, prf) in &r.per_predicate {
                prf_row(&mut out, &format!("  {pred}"), prf);
            }
        }
        _ => out.push_str("relations: no rows\n"),
    }

    out.push('\n');
    match &scores.claims {
        Some(c) if !c.cue.is_empty() => {
            header(&mut out, "claims");
            prf_row(&mut out, "cue", &c.cue);
            accuracy_row(&mut out, "speaker accuracy", c.speaker_correct, c.matched);
            accuracy_row(&mut out, "stance accuracy", c.stance_correct, c.matched);
            prf_row(&mut out, "full claim", &c.full);
            if let (Some(v), Some(r)) = (c.via, c.responds_to) {
                accuracy_row(&mut out, "via accuracy", v.0, v.1);
                accuracy_row(&mut out, "responds_to acc.", r.0, r.1);
                prf_row(&mut out, "via links", &c.via_links);
                prf_row(&mut out, "responds_to links", &c.responds_links);
            }
        }
        _ => out.push_str("claims: no rows\n"),
    }

    if !scores.errors.is_empty() {
        let _ = writeln!(out, "\nerrors ({})", scores.errors.len());
        for line in &scores.errors {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENT: &str = "doc_id,start,end,text,label,entity_id\n";
    const REL: &str = "doc_id,predicate,subject_entity_id,object_entity_id\n";
    const CLAIM: &str = "doc_id,cue_start,cue_end,cue,stance,speaker_entity_id,speaker_text,quote,content\n";
    const PRED_ENT: &str =
        "doc_id,mention_id,start,end,text,label,entity_id,canonical,source,alias,sentence\n";

    /// A scratch directory with `gold/`, `pred/` and `docs/`.
    struct Work {
        dir: tempfile::TempDir,
    }

    impl Work {
        fn new() -> Work {
            let dir = tempfile::tempdir().expect("temp dir");
            for sub in ["gold", "pred", "docs"] {
                std::fs::create_dir(dir.path().join(sub)).expect("mkdir");
            }
            Work { dir }
        }

        fn path(&self, rel: &str) -> PathBuf {
            self.dir.path().join(rel)
        }

        fn write(&self, rel: &str, content: &str) -> &Work {
            std::fs::write(self.path(rel), content).expect("write");
            self
        }

        fn config(&self, docs: bool) -> EvalConfig {
            EvalConfig {
                gold: self.path("gold"),
                pred: self.path("pred"),
                docs: docs.then(|| self.path("docs")),
                errors: true,
            }
        }

        fn eval(&self) -> Scores {
            evaluate(&self.config(false)).expect("evaluate")
        }
    }

    /// Scores two entity tables (rows without header).
    fn entities(gold: &str, pred: &str) -> Scores {
        let w = Work::new();
        w.write("gold/entities.csv", &format!("{ENT}{gold}"))
            .write("pred/entities.csv", &format!("{ENT}{pred}"));
        w.eval()
    }

    fn prf(tp: usize, fp: usize, fn_: usize) -> Prf {
        Prf { tp, fp, fn_ }
    }

    #[test]
    fn prf_is_zero_when_undefined() {
        let p = Prf::default();
        assert_eq!((p.precision(), p.recall(), p.f1()), (0.0, 0.0, 0.0));
        let p = prf(3, 1, 2);
        assert_eq!(p.precision(), 0.75);
        assert_eq!(p.recall(), 0.6);
        assert!((p.f1() - 2.0 * 0.75 * 0.6 / 1.35).abs() < 1e-12);
    }

    #[test]
    fn exact_match() {
        let rows = "a.txt,0,4,Iran,GPE,iran\na.txt,10,15,Lavro,PERSON,sergey_lavrov\n";
        let s = entities(rows, rows);
        assert_eq!(s.entities.strict, prf(2, 0, 0));
        assert_eq!(s.entities.partial, prf(2, 0, 0));
        assert_eq!(s.entities.strict.f1(), 1.0);
        assert_eq!(s.entities.per_label["GPE"], prf(1, 0, 0));
        assert_eq!((s.entities.linking_correct, s.entities.linking_total), (2, 2));
        assert!(s.errors.is_empty(), "{:?}", s.errors);
    }

    #[test]
    fn prediction_columns_are_read_by_name() {
        let w = Work::new();
        w.write("gold/entities.csv", &format!("{ENT}a.txt,0,4,Iran,GPE,iran\n")).write(
            "pred/entities.csv",
            &format!("{PRED_ENT}a.txt,e1,0,4,Iran,GPE,iran,Iran,gazetteer:x.tsv,Iran,0\n"),
        );
        assert_eq!(w.eval().entities.strict, prf(1, 0, 0));
    }

    #[test]
    fn label_mismatch_is_a_miss_and_a_false_positive() {
        let s = entities("a.txt,0,4,Iran,GPE,iran\n", "a.txt,0,4,Iran,NORP,iran\n");
        assert_eq!(s.entities.strict, prf(0, 1, 1));
        assert_eq!(s.entities.partial, prf(0, 1, 1));
        assert_eq!(s.entities.per_label["GPE"], prf(0, 0, 1));
        assert_eq!(s.entities.per_label["NORP"], prf(0, 1, 0));
        assert_eq!(s.entities.linking_total, 0);
        assert_eq!(s.errors.len(), 2);
        assert!(s.errors.iter().any(|e| e.starts_with("MISS entity")));
        assert!(s.errors.iter().any(|e| e.starts_with("FALSE entity")));
    }

    #[test]
    fn partial_overlap() {
        let s = entities(
            "a.txt,0,12,Donald Trump,PERSON,donald_trump\n",
            "a.txt,7,12,Trump,PERSON,donald_trump\n",
        );
        assert_eq!(s.entities.strict, prf(0, 1, 1));
        assert_eq!(s.entities.partial, prf(1, 0, 0));
        // Touching spans do not overlap.
        let s = entities("a.txt,0,5,Trump,PERSON,x\n", "a.txt,5,9,Iran,PERSON,x\n");
        assert_eq!(s.entities.partial, prf(0, 1, 1));
    }

    #[test]
    fn partial_is_one_to_one() {
        let s = entities(
            "a.txt,0,12,Donald Trump,PERSON,donald_trump\n",
            "a.txt,0,6,Donald,PERSON,x\na.txt,7,12,Trump,PERSON,x\n",
        );
        assert_eq!(s.entities.strict, prf(0, 2, 1));
        assert_eq!(s.entities.partial, prf(1, 1, 0));
        // A strict match keeps its gold even when an earlier prediction overlaps it.
        let s = entities(
            "a.txt,0,12,Donald Trump,PERSON,x\n",
            "a.txt,0,6,Donald,PERSON,x\na.txt,0,12,Donald Trump,PERSON,x\n",
        );
        assert_eq!(s.entities.strict, prf(1, 1, 0));
        assert_eq!(s.entities.partial, prf(1, 1, 0));
    }

    #[test]
    fn duplicates_count_once_each() {
        let s = entities("a.txt,0,4,Iran,GPE,iran\n", "a.txt,0,4,Iran,GPE,iran\na.txt,0,4,Iran,GPE,iran\n");
        assert_eq!(s.entities.strict, prf(1, 1, 0));
        let s = entities("a.txt,0,4,Iran,GPE,iran\na.txt,0,4,Iran,GPE,iran\n", "a.txt,0,4,Iran,GPE,iran\n");
        assert_eq!(s.entities.strict, prf(1, 0, 1));
    }

    #[test]
    fn abbreviation_with_or_without_final_period() {
        let gold = "a.txt,4,8,U.S.,GPE,united_states\n";
        let s = entities(gold, "a.txt,4,7,U.S,GPE,united_states\n");
        assert_eq!(s.entities.strict, prf(1, 0, 0));
        assert_eq!(s.entities.linking_correct, 1);
        let s = entities("a.txt,4,7,U.S,GPE,united_states\n", "a.txt,4,8,U.S.,GPE,united_states\n");
        assert_eq!(s.entities.strict, prf(1, 0, 0));
        // Two characters shorter, or a longer side that does not end in a period: no match.
        assert_eq!(entities(gold, "a.txt,4,6,U.,GPE,x\n").entities.strict, prf(0, 1, 1));
        assert_eq!(
            entities("a.txt,0,4,Iran,GPE,iran\n", "a.txt,0,5,Iran ,GPE,iran\n").entities.strict,
            prf(0, 1, 1)
        );
        // Different start or label: no match.
        assert_eq!(entities(gold, "a.txt,5,8,.S.,GPE,x\n").entities.strict, prf(0, 1, 1));
        assert_eq!(entities(gold, "a.txt,4,7,U.S,ORG,x\n").entities.strict, prf(0, 1, 1));
    }

    #[test]
    fn linking_skips_rule_ids_and_empty_ids() {
        let gold = "a.txt,0,4,Iran,GPE,iran\n\
                    a.txt,10,16,Russia,GPE,russia\n\
                    a.txt,20,28,Bisan AK,PERSON,~bisan_ak\n\
                    a.txt,30,34,2020,DATE,\n";
        let pred = "a.txt,0,4,Iran,GPE,iran\n\
                    a.txt,10,16,Russia,GPE,~russia\n\
                    a.txt,20,28,Bisan AK,PERSON,~other\n\
                    a.txt,30,34,2020,DATE,\n";
        let s = entities(gold, pred);
        assert_eq!(s.entities.strict, prf(4, 0, 0));
        assert_eq!((s.entities.linking_correct, s.entities.linking_total), (1, 2));
        assert_eq!(s.entities.linking_accuracy(), 0.5);
        assert_eq!(s.errors.len(), 1);
        assert!(s.errors[0].starts_with("WRONG-ID entity a.txt:10-16 GPE"));
        assert!(s.errors[0].contains("gold=russia pred=~russia"));
    }

    #[test]
    fn documents_are_the_union_of_both_sides() {
        let s = entities("a.txt,0,4,Iran,GPE,iran\n", "a.txt,0,4,Iran,GPE,iran\nb.txt,0,4,Iran,GPE,iran\n");
        assert_eq!(s.entities.strict, prf(1, 1, 0));
        // Same offsets in another document never match.
        let s = entities("a.txt,0,4,Iran,GPE,iran\n", "b.txt,0,4,Iran,GPE,iran\n");
        assert_eq!(s.entities.strict, prf(0, 1, 1));
    }

    #[test]
    fn norm_id_folds_rule_ids_only() {
        assert_eq!(norm_id("~أحمد_عليّ"), "~احمد_علي");
        assert_eq!(norm_id("~إيرانـية"), "~ايرانيه");
        assert_eq!(norm_id("~مؤسسة_ی"), "~موسسه_ي");
        assert_eq!(norm_id("~می\u{200C}کند"), "~ميكند");
        assert_eq!(norm_id("~Bisan ٢٠٢٠"), "~bisan_2020");
        assert_eq!(norm_id("Iran"), "Iran");
        assert_eq!(norm_id(""), "");
    }

    #[test]
    fn quote_keeps_marks_and_shows_invisibles() {
        assert_eq!(quote("إيرانيًا"), "\"إيرانيًا\"");
        assert_eq!(quote("می\u{200C}کند \"x\"\n"), "\"می\\u{200c}کند \\\"x\\\"\\n\"");
    }

    #[test]
    fn relations_are_sets_and_rule_ids_are_normalized() {
        let w = Work::new();
        w.write("gold/entities.csv", ENT)
            .write("pred/entities.csv", ENT)
            .write(
                "gold/relations.csv",
                &format!(
                    "{REL}a.txt,ACCUSES,microsoft,iran\n\
                     a.txt,ROLE,~بيسان_أبو_كويك,al_jazeera\n\
                     a.txt,DENIES,iran,microsoft\n\
                     b.txt,ACCUSES,microsoft,iran\n"
                ),
            )
            .write(
                "pred/relations.csv",
                &format!(
                    "{REL}a.txt,ACCUSES,microsoft,iran\n\
                     a.txt,ACCUSES,microsoft,iran\n\
                     a.txt,ROLE,~بيسان_ابو_كويك,al_jazeera\n\
                     a.txt,ACCUSES,iran,microsoft\n\
                     c.txt,ACCUSES,Microsoft,iran\n"
                ),
            );
        let s = w.eval();
        let r = s.relations.expect("relations");
        assert_eq!(r.all, prf(2, 2, 2));
        assert_eq!(r.per_predicate["ACCUSES"], prf(1, 2, 1));
        assert_eq!(r.per_predicate["ROLE"], prf(1, 0, 0));
        assert_eq!(r.per_predicate["DENIES"], prf(0, 0, 1));
        assert!(
            s.errors.contains(&"MISS relation   b.txt ACCUSES microsoft -> iran".to_string()),
            "{:?}",
            s.errors
        );
        assert!(s.claims.is_none());
    }

    #[test]
    fn claims_match_by_overlapping_cues() {
        let w = Work::new();
        w.write("gold/entities.csv", ENT)
            .write("pred/entities.csv", ENT)
            .write(
                "gold/claims.csv",
                &format!(
                    "{CLAIM}a.txt,10,14,said,STATE,microsoft,Microsoft,indirect,x\n\
                     a.txt,30,36,denied,DENY,iran,Iran,indirect,y\n\
                     a.txt,50,56,warned,WARN,,experts,indirect,z\n\
                     a.txt,70,74,said,STATE,~أحمد,Ahmad,direct,w\n"
                ),
            )
            .write(
                "pred/claims.csv",
                &format!(
                    "{CLAIM}a.txt,9,12,xsa,STATE,microsoft,Microsoft,indirect,x\n\
                     a.txt,12,15,aid,STATE,microsoft,Microsoft,indirect,x\n\
                     a.txt,30,36,denied,ACCUSE,iran,Iran,indirect,y\n\
                     a.txt,50,56,warned,WARN,,,indirect,z\n\
                     a.txt,70,74,said,STATE,~احمد,Ahmad,direct,w\n\
                     a.txt,90,94,said,STATE,iran,Iran,direct,v\n"
                ),
            );
        let s = w.eval();
        let c = s.claims.expect("claims");
        // The first overlapping prediction takes the gold cue; the second is a false positive.
        assert_eq!(c.cue, prf(4, 2, 0));
        assert_eq!(c.matched, 4);
        assert_eq!(c.speaker_correct, 4);
        assert_eq!(c.stance_correct, 3);
        assert_eq!(c.speaker_accuracy(), 1.0);
        assert_eq!(c.stance_accuracy(), 0.75);
        assert_eq!(c.full, prf(3, 3, 1));
        assert!(
            s.errors.contains(
                &"WRONG claim     a.txt:30 \"denied\" speaker gold=iran pred=iran stance gold=DENY pred=ACCUSE"
                    .to_string()
            ),
            "{:?}",
            s.errors
        );
        assert!(s.relations.is_none());
    }

    #[test]
    fn via_and_responds_to_are_scored_through_the_matched_claims() {
        let links = "doc_id,cue_start,cue_end,cue,stance,speaker_entity_id,claim_id,via,responds_to\n";
        let w = Work::new();
        w.write("gold/entities.csv", ENT)
            .write("pred/entities.csv", ENT)
            .write(
                "gold/claims.csv",
                &format!(
                    "{links}a.txt,0,4,says,STATE,reuters,c1,,\n\
                     a.txt,10,14,said,ACCUSE,microsoft,c2,c1,\n\
                     a.txt,30,36,denied,DENY,iran,c3,,c2\n"
                ),
            )
            // The prediction numbers its claims its own way and misses the relay: its via
            // points to an unmatched claim, its denial answers the matched accusation.
            .write(
                "pred/claims.csv",
                &format!(
                    "{links}a.txt,10,14,said,ACCUSE,microsoft,c1,c9,\n\
                     a.txt,30,36,denied,DENY,iran,c2,,c1\n\
                     a.txt,50,54,said,STATE,x,c9,,\n"
                ),
            );
        let c = w.eval().claims.expect("claims");
        assert_eq!(c.via, Some((0, 1)));
        assert_eq!(c.responds_to, Some((1, 1)));
        assert_eq!((c.via_links.tp, c.via_links.fp, c.via_links.fn_), (0, 1, 1));
        assert_eq!((c.responds_links.tp, c.responds_links.fp, c.responds_links.fn_), (1, 0, 0));
    }

    #[test]
    fn claims_with_wrong_speaker_and_misses() {
        let w = Work::new();
        w.write("gold/entities.csv", ENT)
            .write("pred/entities.csv", ENT)
            .write(
                "gold/claims.csv",
                &format!(
                    "{CLAIM}a.txt,10,14,said,STATE,microsoft,M,indirect,x\n\
                     a.txt,30,36,denied,DENY,iran,I,indirect,y\n"
                ),
            )
            .write("pred/claims.csv", &format!("{CLAIM}a.txt,10,14,said,STATE,iran,M,indirect,x\n"));
        let c = w.eval().claims.expect("claims");
        assert_eq!(c.cue, prf(1, 0, 1));
        assert_eq!((c.speaker_correct, c.stance_correct), (0, 1));
        assert_eq!(c.full, prf(0, 1, 2));
    }

    #[test]
    fn docs_check_rejects_a_wrong_text_with_file_and_line() {
        let w = Work::new();
        w.write("docs/a.txt", "\u{feff}قالت إيران إن مايكروسوفت\n")
            .write(
                "gold/entities.csv",
                &format!("{ENT}a.txt,5,10,إيران,GPE,iran\na.txt,14,24,مايكروسوفت,ORG,microsoft\n"),
            )
            .write(
                "pred/entities.csv",
                &format!("{ENT}a.txt,5,10,إيران,GPE,iran\na.txt,13,23,مايكروسوفت,ORG,microsoft\n"),
            );
        // Without the documents the row is scored.
        assert_eq!(w.eval().entities.strict, prf(1, 1, 1));
        let err = evaluate(&w.config(true)).expect_err("wrong text");
        let msg = err.to_string();
        let at = format!("{}:3: ", w.path("pred").join("entities.csv").display());
        assert!(msg.starts_with(&at), "{msg}");
        assert!(msg.contains("\"مايكروسوفت\""), "{msg}");
        assert!(msg.contains("\" مايكروسوف\""), "{msg}");
        assert_eq!(err.line(), Some(3));

        // Fixed, the check passes, and error lines carry context.
        w.write("pred/entities.csv", &format!("{ENT}a.txt,14,24,مايكروسوفت,ORG,microsoft\n"));
        let s = evaluate(&w.config(true)).expect("valid");
        assert_eq!(s.entities.strict, prf(1, 0, 1));
        assert_eq!(
            s.errors,
            vec!["MISS entity     a.txt:5-10 GPE \"إيران\"  | قالت [إيران] إن مايكروسوفت ".to_string()]
        );
    }

    #[test]
    fn docs_check_rejects_offsets_past_the_end() {
        let w = Work::new();
        w.write("docs/a.txt", "Iran")
            .write("gold/entities.csv", &format!("{ENT}a.txt,0,4,Iran,GPE,iran\n"))
            .write("pred/entities.csv", &format!("{ENT}a.txt,0,5,Iran.,GPE,iran\n"));
        let err = evaluate(&w.config(true)).expect_err("past the end");
        assert_eq!(err.line(), Some(2));
        assert!(err.to_string().contains("past the end"), "{err}");
    }

    #[test]
    fn claim_errors_show_the_sentence() {
        let w = Work::new();
        w.write("docs/a.txt", "First one. Then Iran said no! Last\nline")
            .write("gold/entities.csv", ENT)
            .write("pred/entities.csv", ENT)
            .write("gold/claims.csv", &format!("{CLAIM}a.txt,21,25,said,DENY,iran,Iran,indirect,no\n"))
            .write("pred/claims.csv", CLAIM);
        let s = evaluate(&w.config(true)).expect("valid");
        assert_eq!(
            s.errors,
            vec!["MISS claim      a.txt:21 \"said\" DENY speaker=iran  | Then Iran said no!".to_string()]
        );
    }

    #[test]
    fn missing_column_names_file_and_line() {
        let w = Work::new();
        w.write("gold/entities.csv", "doc_id,start,end,text,entity_id\n").write("pred/entities.csv", ENT);
        let err = evaluate(&w.config(false)).expect_err("missing label");
        let at = format!("{}:1: ", w.path("gold").join("entities.csv").display());
        assert!(err.to_string().starts_with(&at), "{err}");
        assert!(err.to_string().contains("`label`"), "{err}");

        w.write("gold/entities.csv", ENT)
            .write("pred/entities.csv", &format!("{ENT}a.txt,0,4,Iran,GPE,iran\na.txt,5,9,Iraq,GPE\n"));
        let err = evaluate(&w.config(false)).expect_err("short row");
        let at = format!("{}:3: ", w.path("pred").join("entities.csv").display());
        assert!(err.to_string().starts_with(&at), "{err}");
        assert!(err.to_string().contains("`entity_id`"), "{err}");
    }

    #[test]
    fn bad_offsets_name_file_and_line() {
        let w = Work::new();
        w.write("pred/entities.csv", ENT)
            .write("gold/entities.csv", &format!("{ENT}a.txt,0,4,Iran,GPE,iran\na.txt,x,9,Iraq,GPE,iraq\n"));
        let err = evaluate(&w.config(false)).expect_err("non-integer");
        assert_eq!(err.line(), Some(3));
        assert!(err.to_string().contains("`start`"), "{err}");

        w.write("gold/entities.csv", &format!("{ENT}a.txt,9,5,Iraq,GPE,iraq\n"));
        let err = evaluate(&w.config(false)).expect_err("start after end");
        assert_eq!(err.line(), Some(2));
        assert!(err.to_string().contains("after"), "{err}");

        w.write("gold/entities.csv", ENT)
            .write("gold/claims.csv", CLAIM)
            .write("pred/claims.csv", &format!("{CLAIM}a.txt,4,-1,said,STATE,,,indirect,x\n"));
        let err = evaluate(&w.config(false)).expect_err("negative offset");
        assert_eq!(err.line(), Some(2));
        assert!(err.to_string().contains("`cue_end`"), "{err}");
    }

    #[test]
    fn entities_table_is_required_and_others_optional() {
        let w = Work::new();
        w.write("gold/entities.csv", ENT).write("gold/relations.csv", REL).write("gold/claims.csv", CLAIM);
        let err = evaluate(&w.config(false)).expect_err("no pred entities");
        assert!(err.to_string().contains("entities.csv"), "{err}");
        assert_eq!(err.path(), Some(w.path("pred").join("entities.csv").as_path()));

        w.write("pred/entities.csv", ENT);
        let s = w.eval();
        assert!(s.relations.is_none() && s.claims.is_none());
        let text = render(&s);
        assert!(text.contains("relations: no rows"), "{text}");
        assert!(text.contains("claims: no rows"), "{text}");
    }

    #[test]
    fn render_shows_three_decimals_and_errors() {
        let s = entities(
            "a.txt,0,4,Iran,GPE,iran\na.txt,5,9,Iraq,GPE,iraq\na.txt,10,14,Bush,PERSON,x\n",
            "a.txt,0,4,Iran,GPE,iran\na.txt,5,9,Iraq,GPE,iraq\n",
        );
        let text = render(&s);
        assert!(text.starts_with("entities "), "{text}");
        let strict = text.lines().find(|l| l.starts_with("strict")).expect("strict row");
        let cols: Vec<&str> = strict.split_whitespace().collect();
        assert_eq!(cols, ["strict", "1.000", "0.667", "0.800", "2", "0", "1"]);
        assert!(text.contains("\n  PERSON "), "{text}");
        assert!(text.contains("linking accuracy    1.000 (2/2)"), "{text}");
        assert!(text.contains("errors (1)\nMISS entity     a.txt:10-14 PERSON \"Bush\"\n"), "{text}");
    }

    #[test]
    fn gold_scored_against_itself_is_perfect() {
        let gold = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/gold/seeds"));
        let docs = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/seeds"));
        assert!(gold.is_dir(), "gold folder {} is missing", gold.display());
        assert!(docs.is_dir(), "corpus folder {} is missing", docs.display());
        let cfg = EvalConfig { gold: gold.clone(), pred: gold, docs: Some(docs), errors: true };
        let s = evaluate(&cfg).expect("gold is valid against its documents");
        assert!(s.entities.strict.tp > 300, "{:?}", s.entities.strict);
        assert_eq!(s.entities.strict.f1(), 1.0);
        assert_eq!(s.entities.partial.f1(), 1.0);
        assert!(s.entities.per_label.values().all(|p| p.f1() == 1.0));
        assert_eq!(s.entities.linking_accuracy(), 1.0);
        let r = s.relations.expect("relations");
        assert_eq!((r.all.f1(), r.all.tp), (1.0, 97));
        let c = s.claims.expect("claims");
        assert_eq!((c.cue.f1(), c.cue.tp), (1.0, 89));
        assert_eq!(c.full.f1(), 1.0);
        assert_eq!((c.speaker_accuracy(), c.stance_accuracy()), (1.0, 1.0));
        assert!(s.errors.is_empty(), "{:?}", s.errors);
    }
}
