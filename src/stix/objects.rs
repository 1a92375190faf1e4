//! The STIX 2.1 objects of the export, one function per object type, and the data they need
//! (country codes, threat-actor aliases, timestamps, ids).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{Value, json};
use uuid::Uuid;

use super::{ClaimRow, Entity};
use crate::error::Result;

/// The UUIDv5 namespace of every id the export writes (a fixed random UUID of isnad's own).
pub const NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_0c52_4b0e_4d5a_9b55_0a7e_1d2c_3b4a);

/// The timestamp of objects with no document date (entities; documents without a date): the
/// Unix epoch, so that the bundle never depends on the clock.
pub const EPOCH: &str = "1970-01-01T00:00:00.000Z";

/// The STIX object an entity becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `intrusion-set`: a threat actor.
    IntrusionSet,
    /// `identity` of class `organization`: a government body or an organization.
    Organization,
    /// `identity` of class `individual`: a person.
    Individual,
    /// `location` with a `country`: a country (or its demonym).
    Location,
}

impl Kind {
    /// The kind of an entity of `label`, or `None` for labels without an object.
    pub fn of(label: &str, entity_id: &str, codes: &BTreeMap<String, String>) -> Option<Kind> {
        match label {
            "THREAT_ACTOR" => Some(Kind::IntrusionSet),
            "GOV" | "ORG" => Some(Kind::Organization),
            "PERSON" => Some(Kind::Individual),
            "GPE" | "NORP" if codes.contains_key(entity_id) => Some(Kind::Location),
            _ => None,
        }
    }

    fn stix_type(self) -> &'static str {
        match self {
            Kind::IntrusionSet => "intrusion-set",
            Kind::Organization | Kind::Individual => "identity",
            Kind::Location => "location",
        }
    }
}

/// entity id → ISO 3166-1 alpha-2 code (`country_codes.tsv`, built in).
pub fn country_codes() -> BTreeMap<String, String> {
    include_str!("country_codes.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("entity_id\t"))
        .filter_map(|l| l.split_once('\t'))
        .map(|(id, code)| (id.to_string(), code.trim().to_string()))
        .collect()
}

/// entity id → its aliases in `threat_actors.tsv` (the built-in one, or the one in `dir`).
pub fn threat_actor_aliases(dir: Option<&Path>) -> Result<BTreeMap<String, BTreeSet<String>>> {
    let files = crate::data::load_set(crate::embedded::GAZETTEERS, "gazetteers", dir)?;
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files.iter().filter(|f| f.name == "threat_actors.tsv") {
        for r in crate::data::parse(file, &["entity_id", "canonical", "label", "lang", "alias"])? {
            out.entry(r.fields[0].to_string()).or_default().insert(r.fields[4].to_string());
        }
    }
    Ok(out)
}

/// A STIX timestamp from an ISO date of documents.csv (`2024`, `2024-08`, `2024-08-16`):
/// midnight UTC of its first day; [`EPOCH`] for an empty date; `None` when it is no date.
pub fn timestamp(date: &str) -> Option<String> {
    if date.is_empty() {
        return Some(EPOCH.to_string());
    }
    let parts: Vec<&str> = date.split('-').collect();
    fn num(s: &str, n: usize) -> Option<&str> {
        (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
    }
    let (y, m, d) = match parts[..] {
        [y] => (num(y, 4)?, "01", "01"),
        [y, m] => (num(y, 4)?, num(m, 2)?, "01"),
        [y, m, d] => (num(y, 4)?, num(m, 2)?, num(d, 2)?),
        _ => return None,
    };
    let ok = |s: &str, hi: u32| s.parse::<u32>().is_ok_and(|v| (1..=hi).contains(&v));
    (ok(m, 12) && ok(d, 31)).then(|| format!("{y}-{m}-{d}T00:00:00.000Z"))
}

fn id(kind: &str, key: &str) -> String {
    format!("{kind}--{}", Uuid::new_v5(&NAMESPACE, key.as_bytes()))
}

/// The id of the object of entity `entity_id`.
pub fn entity_ref(entity_id: &str, e: &Entity) -> String {
    id(e.kind.stix_type(), &format!("entity:{entity_id}"))
}

/// The id of the report of document `doc_id`.
pub fn report_id(doc_id: &str) -> String {
    id("report", &format!("doc:{doc_id}"))
}

/// The object of one entity.
pub fn entity_object(
    entity_id: &str,
    e: &Entity,
    codes: &BTreeMap<String, String>,
    aliases: &BTreeMap<String, BTreeSet<String>>,
) -> Value {
    let mut o = json!({
        "type": e.kind.stix_type(),
        "spec_version": "2.1",
        "id": entity_ref(entity_id, e),
        "created": EPOCH,
        "modified": EPOCH,
        "name": e.name,
        "x_isnad_entity_id": entity_id,
        "x_isnad_label": e.label,
    });
    match e.kind {
        Kind::IntrusionSet => {
            let names: Vec<&String> =
                aliases.get(entity_id).into_iter().flatten().filter(|a| **a != e.name).collect();
            if !names.is_empty() {
                o["aliases"] = json!(names);
            }
        }
        Kind::Organization => o["identity_class"] = json!("organization"),
        Kind::Individual => o["identity_class"] = json!("individual"),
        Kind::Location => o["country"] = json!(codes[entity_id]),
    }
    o
}

/// One relationship between two entity objects, reported by `docs`.
pub fn relationship(
    kind: &str,
    (s, se): (&str, &Entity),
    (o, oe): (&str, &Entity),
    docs: &BTreeSet<String>,
    created: &str,
) -> Value {
    json!({
        "type": "relationship",
        "spec_version": "2.1",
        "id": id("relationship", &format!("rel:{s}\t{kind}\t{o}")),
        "created": created,
        "modified": created,
        "relationship_type": kind,
        "source_ref": entity_ref(s, se),
        "target_ref": entity_ref(o, oe),
        "x_isnad_documents": docs,
    })
}

/// The report of one document.
pub fn report(report_id: &str, doc_id: &str, lang: &str, ts: &str, refs: Vec<String>) -> Value {
    let mut o = json!({
        "type": "report",
        "spec_version": "2.1",
        "id": report_id,
        "created": ts,
        "modified": ts,
        "published": ts,
        "name": doc_id,
        "report_types": ["threat-report"],
        "object_refs": refs,
        "x_isnad_doc_id": doc_id,
    });
    if !lang.is_empty() {
        o["lang"] = json!(lang);
    }
    o
}

/// The note of one claim: its content, and speaker, stance, cue and offsets as custom
/// properties; it refers to its report, its speaker and its targets where they have objects.
pub fn note(c: &ClaimRow, report_id: &str, entities: &BTreeMap<String, Entity>, ts: &str) -> Value {
    let mut refs = vec![report_id.to_string()];
    let targets: Vec<&str> = c.targets.split(';').filter(|t| !t.is_empty()).collect();
    for e in std::iter::once(c.speaker_entity_id.as_str()).chain(targets.iter().copied()) {
        if let Some(ent) = entities.get(e) {
            let r = entity_ref(e, ent);
            if !refs.contains(&r) {
                refs.push(r);
            }
        }
    }
    let content = if c.content.is_empty() { &c.cue } else { &c.content };
    json!({
        "type": "note",
        "spec_version": "2.1",
        "id": id("note", &format!("claim:{}\t{}", c.doc_id, c.claim_id)),
        "created": ts,
        "modified": ts,
        "abstract": format!("{} {}: {}", c.speaker_text, c.stance, c.cue),
        "content": content,
        "object_refs": refs,
        "x_isnad_doc_id": c.doc_id,
        "x_isnad_claim_id": c.claim_id,
        "x_isnad_speaker_entity_id": c.speaker_entity_id,
        "x_isnad_speaker_text": c.speaker_text,
        "x_isnad_speaker_person_id": c.speaker_person_id,
        "x_isnad_stance": c.stance,
        "x_isnad_cue": c.cue,
        "x_isnad_cue_start": c.cue_start,
        "x_isnad_cue_end": c.cue_end,
        "x_isnad_quote": c.quote,
        "x_isnad_content": c.content,
        "x_isnad_content_start": c.content_start,
        "x_isnad_content_end": c.content_end,
        "x_isnad_targets": targets,
    })
}

/// The id of the `extension-definition` that declares the `x_isnad_…` properties.
pub fn extension_id() -> String {
    id("extension-definition", "extension:isnad")
}

/// The `identity` of isnad and the `extension-definition` of its custom properties.
pub fn extension_objects() -> Vec<Value> {
    let me = id("identity", "isnad");
    vec![
        json!({
            "type": "identity",
            "spec_version": "2.1",
            "id": me,
            "created": EPOCH,
            "modified": EPOCH,
            "name": "isnad",
            "identity_class": "system",
        }),
        json!({
            "type": "extension-definition",
            "spec_version": "2.1",
            "id": extension_id(),
            "created_by_ref": me,
            "created": EPOCH,
            "modified": EPOCH,
            "name": "isnad",
            "description": "Top-level x_isnad_ properties: the isnad tables' ids, labels, documents, claim speakers, stances, cues and code-point offsets",
            "schema": "isnad README, section 'isnad export --stix'",
            "version": "1.0.0",
            "extension_types": ["toplevel-property-extension"],
        }),
    ]
}

/// Leaves out empty `x_isnad_…` properties (STIX forbids empty lists) and names the
/// extension in an object that has any.
pub fn finish(o: &mut Value) {
    let Some(map) = o.as_object_mut() else { return };
    map.retain(|k, v| {
        !k.starts_with("x_isnad_")
            || !(v.as_str().is_some_and(str::is_empty) || v.as_array().is_some_and(Vec::is_empty))
    });
    if map.keys().any(|k| k.starts_with("x_isnad_")) {
        map.insert(
            "extensions".to_string(),
            json!({ extension_id(): { "extension_type": "toplevel-property-extension" } }),
        );
    }
}
