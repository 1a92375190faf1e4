//! `roles.csv` (issue #11 item 3b): every ROLE relation of a run over the corpus, with the
//! person, the body, the title, the first and last document date and the documents.
//!
//! Written by `extract` after the four tables are complete, from `relations.csv` and
//! `documents.csv` read back side by side (both are sorted by `doc_id`), so it is byte-identical
//! for any `--jobs` and chunk size, and memory holds only the per-role rows, never a table.
//! Rows are sorted by person, body and title; `documents` is `;`-separated and sorted.
//!
//! What it does not do: run for `--format jsonl|xlsx` or after `--stdin-jsonl` (issue #11
//! item 6), nor look up the gazetteer's `roles.tsv` (that is `speaker_person_id`).

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::tables::TableReader;

/// The header of `roles.csv`.
pub const HEADER: &[&str] = &[
    "person_entity_id",
    "person_text",
    "body_entity_id",
    "body_text",
    "title",
    "first_date",
    "last_date",
    "mentions",
    "documents",
];

#[derive(Debug, Deserialize)]
struct Doc {
    doc_id: String,
    #[serde(default)]
    date: String,
}

#[derive(Debug, Deserialize)]
struct Rel {
    doc_id: String,
    predicate: String,
    subject_entity_id: String,
    subject_text: String,
    object_entity_id: String,
    object_text: String,
    detail: String,
}

#[derive(Debug, Default)]
struct Role {
    person_text: String,
    body_text: String,
    first: Option<String>,
    last: Option<String>,
    mentions: u64,
    docs: BTreeSet<String>,
}

/// Reads the finished `relations.csv` and `documents.csv` of `dir` and writes `roles.csv`
/// (through `roles.csv.tmp`, renamed when complete).
pub fn write(dir: &Path) -> Result<()> {
    let mut docs = TableReader::open(dir, "documents")?;
    let mut rels = TableReader::open(dir, "relations")?;
    rels.require(&["doc_id", "predicate", "subject_entity_id", "object_entity_id", "detail"])?;
    let mut roles: BTreeMap<(String, String, String), Role> = BTreeMap::new();
    let mut doc: Option<Doc> = None;
    while let Some(row) = rels.next_row::<Rel>()? {
        let r = row.value;
        if r.predicate != "ROLE" {
            continue;
        }
        while doc.as_ref().is_none_or(|d| d.doc_id != r.doc_id) {
            match docs.next_row::<Doc>()? {
                Some(d) => doc = Some(d.value),
                None => {
                    let msg = format!("doc_id '{}' is not in documents (in the same order)", r.doc_id);
                    return Err(Error::data(rels.path(), Some(row.line), msg));
                }
            }
        }
        let date = doc.as_ref().map(|d| d.date.clone()).unwrap_or_default();
        let person =
            if r.subject_entity_id.is_empty() { r.subject_text.clone() } else { r.subject_entity_id };
        let role = roles.entry((person, r.object_entity_id, r.detail)).or_default();
        if role.mentions == 0 {
            role.person_text = r.subject_text;
            role.body_text = r.object_text;
        }
        role.mentions += 1;
        if !date.is_empty() {
            if role.first.as_ref().is_none_or(|f| date < *f) {
                role.first = Some(date.clone());
            }
            if role.last.as_ref().is_none_or(|l| date > *l) {
                role.last = Some(date);
            }
        }
        role.docs.insert(r.doc_id);
    }
    let path = dir.join("roles.csv");
    let tmp = dir.join("roles.csv.tmp");
    let mut w = csv::Writer::from_path(&tmp).map_err(|e| Error::data(&tmp, None, e.to_string()))?;
    let csv_err = |e: csv::Error| Error::data(&tmp, None, e.to_string());
    w.write_record(HEADER).map_err(csv_err)?;
    for ((person, body, title), r) in &roles {
        let docs: Vec<&str> = r.docs.iter().map(String::as_str).collect();
        let mentions = r.mentions.to_string();
        let first = r.first.as_deref().unwrap_or("");
        let last = r.last.as_deref().unwrap_or("");
        let docs = docs.join(";");
        let rec = [person.as_str(), &r.person_text, body, &r.body_text, title, first, last, &mentions, &docs];
        w.write_record(rec).map_err(csv_err)?;
    }
    let mut file = w.into_inner().map_err(|e| Error::data(&tmp, None, e.to_string()))?;
    file.flush().map_err(|e| Error::io(&tmp, &e))?;
    drop(file);
    std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, &e))
}
