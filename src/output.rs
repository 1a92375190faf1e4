//! Writing the four tables (SCHEMA §3).
//!
//! The row structs below are the only place that knows column order. Offsets are converted
//! from bytes to code points here and nowhere else. Every table is written to `NAME.csv.tmp`,
//! flushed, and only when all four are complete renamed over `NAME.csv`: an interrupted or
//! failed run never leaves a half-written table.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::doc::{DocResult, Span, Status};
use crate::error::{Error, Result};

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
        let mut it = offsets.into_iter().peekable();
        let mut count = 0usize;
        for (b, _) in text.char_indices() {
            while it.peek().is_some_and(|&o| o <= b) {
                table.push((it.next().unwrap_or_default(), count));
            }
            count += 1;
        }
        for o in it {
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

fn spans_of(r: &DocResult) -> Vec<usize> {
    let mut v = Vec::with_capacity(r.mentions.len() * 2 + r.claims.len() * 6);
    for m in &r.mentions {
        v.extend([m.span.start, m.span.end]);
    }
    for c in &r.claims {
        v.extend([c.cue.start, c.cue.end, c.content.start, c.content.end]);
        if let Some(s) = c.speaker_span {
            v.extend([s.start, s.end]);
        }
    }
    v
}

fn slice(text: &str, s: Span) -> &str {
    &text[s.start..s.end]
}

/// Writes the four tables for `results` (already sorted by `doc_id`) into `dir`.
pub fn write_tables(dir: &Path, results: &[DocResult]) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let tmp = |name: &str| dir.join(format!("{name}.csv.tmp"));
    let result = (|| -> Result<()> {
        let mut docs = writer(&tmp("documents"))?;
        let mut ents = writer(&tmp("entities"))?;
        let mut rels = writer(&tmp("relations"))?;
        let mut clms = writer(&tmp("claims"))?;
        // Headers are written even when a table has no rows.
        write_header(&mut docs, &tmp("documents"), DOC_HEADER)?;
        write_header(&mut ents, &tmp("entities"), ENT_HEADER)?;
        write_header(&mut rels, &tmp("relations"), REL_HEADER)?;
        write_header(&mut clms, &tmp("claims"), CLAIM_HEADER)?;
        for r in results {
            write_doc(r, &mut docs, &mut ents, &mut rels, &mut clms, dir)?;
        }
        for (w, name) in [(docs, "documents"), (ents, "entities"), (rels, "relations"), (clms, "claims")] {
            finish(w, &tmp(name))?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        for name in TABLES {
            let _ = fs::remove_file(tmp(name));
        }
        return Err(e);
    }
    for name in TABLES {
        let to = dir.join(format!("{name}.csv"));
        fs::rename(tmp(name), &to).map_err(|e| Error::io(&to, &e))?;
    }
    Ok(())
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
];

type CsvWriter = csv::Writer<std::io::BufWriter<fs::File>>;

fn writer(path: &PathBuf) -> Result<CsvWriter> {
    let f = fs::File::create(path).map_err(|e| Error::io(path, &e))?;
    Ok(csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(std::io::BufWriter::with_capacity(1 << 16, f)))
}

fn write_header(w: &mut CsvWriter, path: &Path, header: &[&str]) -> Result<()> {
    w.write_record(header).map_err(|e| csv_err(path, e))
}

fn csv_err(path: &Path, e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(path, &io),
        other => Error::io(path, &std::io::Error::other(format!("{other:?}"))),
    }
}

fn finish(w: CsvWriter, path: &Path) -> Result<()> {
    let mut inner = w.into_inner().map_err(|e| Error::io(path, e.error()))?;
    inner.flush().map_err(|e| Error::io(path, &e))?;
    inner.get_ref().sync_all().ok();
    Ok(())
}

fn write_doc(
    r: &DocResult,
    docs: &mut CsvWriter,
    ents: &mut CsvWriter,
    rels: &mut CsvWriter,
    clms: &mut CsvWriter,
    dir: &Path,
) -> Result<()> {
    let text = &r.doc.text;
    let id = r.doc.id.as_str();
    let err_of = |e: csv::Error| csv_err(dir, e);
    let error = match &r.doc.status {
        Status::Error(reason) => reason.as_str(),
        _ => "",
    };
    docs.serialize(DocumentRow {
        doc_id: id,
        lang: r.doc.lang.as_str(),
        encoding: r.doc.encoding,
        chars: text.chars().count(),
        sentences: r.sentences.len(),
        entities: r.mentions.len(),
        relations: r.relations.len(),
        claims: r.claims.len(),
        status: r.doc.status.as_str(),
        error,
    })
    .map_err(err_of)?;
    if r.mentions.is_empty() && r.claims.is_empty() {
        return Ok(());
    }
    let cp = CodePoints::new(text, spans_of(r));
    for (i, m) in r.mentions.iter().enumerate() {
        ents.serialize(EntityRow {
            doc_id: id,
            mention_id: format!("e{}", i + 1),
            start: cp.get(m.span.start),
            end: cp.get(m.span.end),
            text: slice(text, m.span),
            label: m.label.as_str(),
            entity_id: &m.entity_id,
            canonical: &m.canonical,
            source: &m.source,
            alias: &m.alias,
            sentence: m.sentence,
        })
        .map_err(err_of)?;
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
        rels.serialize(RelationRow {
            doc_id: id,
            relation_id: format!("r{}", n + 1),
            predicate: rel.predicate,
            subject_mention_id: format!("e{}", rel.subject + 1),
            subject_entity_id: &s.entity_id,
            subject_text: slice(text, s.span),
            object_mention_id: format!("e{}", rel.object + 1),
            object_entity_id: &o.entity_id,
            object_text: slice(text, o.span),
            detail: &rel.detail,
            sentence: rel.sentence,
            evidence,
            rule: &rel.rule,
        })
        .map_err(err_of)?;
    }
    for (n, c) in r.claims.iter().enumerate() {
        let speaker = c.speaker.map(|i| &r.mentions[i]);
        let targets: Vec<&str> = c.targets.iter().map(|&i| r.mentions[i].entity_id.as_str()).collect();
        clms.serialize(ClaimRow {
            doc_id: id,
            claim_id: format!("c{}", n + 1),
            cue_start: cp.get(c.cue.start),
            cue_end: cp.get(c.cue.end),
            cue: slice(text, c.cue),
            stance: c.stance.as_str(),
            speaker_mention_id: c.speaker.map(|i| format!("e{}", i + 1)).unwrap_or_default(),
            speaker_entity_id: speaker.map_or("", |m| m.entity_id.as_str()),
            speaker_text: c.speaker_span.map_or("", |s| slice(text, s)),
            quote: if c.direct { "direct" } else { "indirect" },
            content_start: cp.get(c.content.start),
            content_end: cp.get(c.content.end),
            content: slice(text, c.content),
            targets: targets.join(";"),
            sentence: c.sentence,
            rule: &c.rule,
        })
        .map_err(err_of)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
