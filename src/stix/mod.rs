//! STIX 2.1 export (`isnad export --stix OUT_DIR`): the tables of a finished run as one bundle
//! for threat-intelligence platforms.
//!
//! What becomes what:
//! - an entity labelled `THREAT_ACTOR` → `intrusion-set` (aliases from the gazetteer's
//!   `threat_actors.tsv`); `GOV` and `ORG` → `identity` (`organization`); `PERSON` →
//!   `identity` (`individual`); a `GPE` or `NORP` entity that is a country (see
//!   `country_codes.tsv`) → `location` with its ISO 3166-1 alpha-2 `country`. Other labels
//!   (cities, dates, money) have no object.
//! - each document with at least one object → a `report` (`published` = its date, else the
//!   epoch below) whose `object_refs` are its entities, relationships and notes.
//! - `AFFILIATED_WITH` with a threat actor as subject → `relationship` `attributed-to`;
//!   `TARGETED` → `targets`. One relationship per (source, type, target) over the corpus, with
//!   the documents that report it in `x_isnad_documents`.
//! - each claim → a `note` with its content, speaker, stance, cue and code-point offsets in
//!   `x_isnad_…` custom properties.
//! - the custom properties are declared, as STIX 2.1 asks, by one `extension-definition`
//!   (`toplevel-property-extension`, created by an `identity` for isnad) that every object
//!   names in its `extensions`; empty custom properties are left out.
//!
//! Determinism: ids are UUIDv5 (namespace [`NAMESPACE`]) of the entity id, the doc id, the
//! claim id or the relationship triple; `created`/`modified` are the document's date where
//! known, else [`EPOCH`]; objects are written in a fixed order and JSON keys sorted. Two
//! exports of the same tables are byte-identical.
//!
//! What it does not do: stream. The bundle is built in memory, about the size of the four
//! tables.

mod objects;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::tables::TableReader;

pub use objects::{EPOCH, NAMESPACE};

/// What `isnad export --stix` needs.
#[derive(Debug, Clone)]
pub struct StixConfig {
    /// The output folder of `isnad extract` (its CSV or JSON Lines tables).
    pub tables: PathBuf,
    /// A gazetteer folder as given to extract (threat-actor aliases), or the built-in one.
    pub gazetteers: Option<PathBuf>,
}

/// One row of documents.csv, the columns the export reads.
#[derive(Debug, Deserialize)]
struct DocRow {
    doc_id: String,
    lang: String,
    status: String,
    #[serde(default)]
    date: String,
}

/// One row of entities.csv.
#[derive(Debug, Deserialize)]
struct EntRow {
    doc_id: String,
    label: String,
    entity_id: String,
    canonical: String,
    text: String,
}

/// One row of relations.csv.
#[derive(Debug, Deserialize)]
struct RelRow {
    doc_id: String,
    predicate: String,
    subject_entity_id: String,
    object_entity_id: String,
}

/// One row of claims.csv.
#[derive(Debug, Deserialize)]
pub(crate) struct ClaimRow {
    pub(crate) doc_id: String,
    pub(crate) claim_id: String,
    pub(crate) cue_start: u64,
    pub(crate) cue_end: u64,
    pub(crate) cue: String,
    pub(crate) stance: String,
    pub(crate) speaker_entity_id: String,
    pub(crate) speaker_text: String,
    pub(crate) quote: String,
    pub(crate) content_start: u64,
    pub(crate) content_end: u64,
    pub(crate) content: String,
    pub(crate) targets: String,
    #[serde(default)]
    pub(crate) speaker_person_id: String,
}

/// An entity that has a STIX object: its kind and name.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub(crate) kind: objects::Kind,
    pub(crate) label: String,
    pub(crate) name: String,
}

/// Everything read from the tables, keyed so that iteration order is fixed.
#[derive(Debug, Default)]
struct Corpus {
    /// Documents with status ok: doc id → (lang, timestamp).
    docs: BTreeMap<String, (String, String)>,
    entities: BTreeMap<String, Entity>,
    /// doc id → entity ids it names that have objects.
    doc_entities: BTreeMap<String, BTreeSet<String>>,
    /// (source entity, relationship type, target entity) → documents.
    relationships: BTreeMap<(String, String, String), BTreeSet<String>>,
    claims: Vec<ClaimRow>,
}

/// Writes the bundle of `cfg.tables` to `out` (see the module docs).
pub fn export(cfg: &StixConfig, out: &mut dyn Write) -> Result<()> {
    let codes = objects::country_codes();
    let aliases = objects::threat_actor_aliases(cfg.gazetteers.as_deref())?;
    let corpus = read_corpus(&cfg.tables, &codes)?;
    let bundle = build(&corpus, &codes, &aliases);
    let path = cfg.tables.join("bundle");
    serde_json::to_writer_pretty(&mut *out, &bundle).map_err(|e| Error::io(&path, &e.into()))?;
    out.write_all(b"\n").map_err(|e| Error::io(&path, &e))
}

/// Writes the bundle to `path` through `path.tmp`, renamed when complete.
pub fn export_to_file(cfg: &StixConfig, path: &Path) -> Result<()> {
    let tmp = PathBuf::from(format!("{}.tmp", path.display()));
    let file = std::fs::File::create(&tmp).map_err(|e| Error::io(&tmp, &e))?;
    let mut w = std::io::BufWriter::new(file);
    let done = export(cfg, &mut w).and_then(|()| w.flush().map_err(|e| Error::io(&tmp, &e)));
    if let Err(e) = done {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, path).map_err(|e| Error::io(path, &e))
}

/// Reads the four tables.
fn read_corpus(dir: &Path, codes: &BTreeMap<String, String>) -> Result<Corpus> {
    let mut c = Corpus::default();
    let mut t = TableReader::open(dir, "documents")?;
    t.require(&["doc_id", "lang", "status"])?;
    while let Some(row) = t.next_row::<DocRow>()? {
        let d = row.value;
        if d.status == "ok" {
            let ts = objects::timestamp(&d.date).ok_or_else(|| {
                Error::data(t.path(), Some(row.line), format!("column 'date': '{}' is no ISO date", d.date))
            })?;
            c.docs.insert(d.doc_id, (d.lang, ts));
        }
    }
    let mut t = TableReader::open(dir, "entities")?;
    t.require(&["doc_id", "label", "entity_id", "canonical", "text"])?;
    while let Some(row) = t.next_row::<EntRow>()? {
        let e = row.value;
        let Some(kind) = objects::Kind::of(&e.label, &e.entity_id, codes) else { continue };
        if e.entity_id.is_empty() || !c.docs.contains_key(&e.doc_id) {
            continue;
        }
        let name = if e.canonical.is_empty() { e.text } else { e.canonical };
        c.entities.entry(e.entity_id.clone()).or_insert(Entity { kind, label: e.label, name });
        c.doc_entities.entry(e.doc_id).or_default().insert(e.entity_id);
    }
    let mut t = TableReader::open(dir, "relations")?;
    t.require(&["doc_id", "predicate", "subject_entity_id", "object_entity_id"])?;
    while let Some(row) = t.next_row::<RelRow>()? {
        let r = row.value;
        let (Some(s), Some(o)) = (c.entities.get(&r.subject_entity_id), c.entities.get(&r.object_entity_id))
        else {
            continue;
        };
        let kind = match r.predicate.as_str() {
            "AFFILIATED_WITH"
                if s.kind == objects::Kind::IntrusionSet && o.kind != objects::Kind::IntrusionSet =>
            {
                "attributed-to"
            }
            "TARGETED" => "targets",
            _ => continue,
        };
        if r.subject_entity_id == r.object_entity_id || !c.docs.contains_key(&r.doc_id) {
            continue;
        }
        let key = (r.subject_entity_id, kind.to_string(), r.object_entity_id);
        c.relationships.entry(key).or_default().insert(r.doc_id);
    }
    let mut t = TableReader::open(dir, "claims")?;
    t.require(&[
        "doc_id",
        "claim_id",
        "cue_start",
        "cue_end",
        "cue",
        "stance",
        "content_start",
        "content_end",
    ])?;
    while let Some(row) = t.next_row::<ClaimRow>()? {
        if c.docs.contains_key(&row.value.doc_id) {
            c.claims.push(row.value);
        }
    }
    Ok(c)
}

/// The bundle: entity objects by id, relationships, then each document's report and notes.
fn build(
    c: &Corpus,
    codes: &BTreeMap<String, String>,
    aliases: &BTreeMap<String, BTreeSet<String>>,
) -> Value {
    let mut out: Vec<Value> = objects::extension_objects();
    for (id, e) in &c.entities {
        out.push(objects::entity_object(id, e, codes, aliases));
    }
    let mut doc_rels: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for ((s, kind, o), docs) in &c.relationships {
        let first = docs.iter().map(|d| c.docs[d].1.as_str()).min().unwrap_or(EPOCH);
        let rel = objects::relationship(kind, (s, &c.entities[s]), (o, &c.entities[o]), docs, first);
        let rid = rel["id"].as_str().unwrap_or_default().to_string();
        for d in docs {
            doc_rels.entry(d.as_str()).or_default().push(rid.clone());
        }
        out.push(rel);
    }
    let mut doc_claims: BTreeMap<&str, Vec<&ClaimRow>> = BTreeMap::new();
    for claim in &c.claims {
        doc_claims.entry(claim.doc_id.as_str()).or_default().push(claim);
    }
    for (doc, (lang, ts)) in &c.docs {
        let report_id = objects::report_id(doc);
        let mut refs: Vec<String> = Vec::new();
        if let Some(ids) = c.doc_entities.get(doc) {
            refs.extend(ids.iter().map(|id| objects::entity_ref(id, &c.entities[id])));
        }
        refs.extend(doc_rels.get(doc.as_str()).into_iter().flatten().cloned());
        let mut notes = Vec::new();
        for claim in doc_claims.get(doc.as_str()).into_iter().flatten() {
            let note = objects::note(claim, &report_id, &c.entities, ts);
            refs.push(note["id"].as_str().unwrap_or_default().to_string());
            notes.push(note);
        }
        if refs.is_empty() {
            continue;
        }
        out.push(objects::report(&report_id, doc, lang, ts, refs));
        out.extend(notes);
    }
    let mut props = BTreeSet::new();
    for o in &mut out {
        objects::finish(o);
        props.extend(
            o.as_object().into_iter().flat_map(|m| m.keys()).filter(|k| k.starts_with("x_isnad_")).cloned(),
        );
    }
    out[1]["extension_properties"] = serde_json::json!(props);
    let all: Vec<&str> = c.docs.keys().map(String::as_str).collect();
    let bundle_id = Uuid::new_v5(&NAMESPACE, format!("bundle:{}", all.join("\n")).as_bytes());
    serde_json::json!({
        "type": "bundle",
        "id": format!("bundle--{bundle_id}"),
        "objects": out,
    })
}
