//! Orchestration: the compiled [`Pipeline`] (every stage built once, shared read-only by the
//! worker threads) and the driver that walks, reads, processes in parallel and writes in order.
//!
//! ```text
//! input::walk → input::read → normalize → gazetteer::find + rules::find → link
//!             → relations / claims → output::write_tables
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::data;
use crate::doc::{DocResult, Document, Status};
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::input::{self, Encoding};
use crate::link;
use crate::normalize::Normalized;
use crate::phrases::Phrases;
use crate::rules::RuleSet;
use crate::sentences;
use crate::{claims, relations};

/// Every compiled stage. Immutable, `Send + Sync`, built once per run.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// The compiled gazetteer.
    pub gazetteer: Gazetteer,
    /// The compiled pattern rules and lexicon.
    pub rules: RuleSet,
    /// The lexicon phrases claims and relations read (cues, stance words, titles, …).
    pub phrases: Phrases,
}

/// The lexicon kinds compiled into [`Pipeline::phrases`].
pub const PHRASE_KINDS: &[&str] = &[
    "cue",
    "stance_deny",
    "stance_warn",
    "stance_accuse",
    "negation",
    "complementizer",
    "attack",
    "tie",
    "role_title",
    "victim_head",
];

impl Pipeline {
    /// Builds the pipeline from the embedded data, with the `*.tsv` files of `gazetteers` and
    /// `rules` (when given) replacing embedded files of the same name or adding to them.
    pub fn load(gazetteers: Option<&Path>, rules: Option<&Path>) -> Result<Pipeline> {
        let rule_files = data::load_set(crate::embedded::RULES, "rules", rules)?;
        let rules = RuleSet::load(&rule_files)?;
        let gaz_files = data::load_set(crate::embedded::GAZETTEERS, "gazetteers", gazetteers)?;
        let gazetteer = Gazetteer::load(&gaz_files, rules.lexicon.triggers())?;
        let phrases = Phrases::new(&rules.lexicon, PHRASE_KINDS);
        Ok(Pipeline { gazetteer, rules, phrases })
    }

    /// Runs every stage on one document.
    pub fn process(&self, doc: Document) -> DocResult {
        let mut norm = Normalized::default();
        self.process_with(doc, &mut norm)
    }

    /// Like [`Pipeline::process`], reusing a per-thread normalization buffer.
    pub fn process_with(&self, doc: Document, norm: &mut Normalized) -> DocResult {
        if doc.status != Status::Ok {
            return DocResult { doc, ..DocResult::default() };
        }
        let sentence_spans = sentences::split(&doc.text);
        norm.fill(&doc.text);
        let gaz = self.gazetteer.find(&norm.text);
        let found = self.rules.find(&norm.text);
        let mentions =
            link::link(&doc.text, norm, &sentence_spans, &self.gazetteer, &self.rules, &gaz, &found);
        let norm_hits = self.phrases.find(&norm.text);
        let hits = claims::to_original(norm, &norm_hits);
        let cx = claims::Context {
            text: &doc.text,
            lang: doc.lang,
            sentences: &sentence_spans,
            mentions: &mentions,
            hits: &hits,
            norm_hits: &norm_hits,
            norm,
        };
        let mut rels = relations::roles(&cx);
        let found_claims = claims::find(&cx, &rels);
        rels.extend(relations::links(&cx, &found_claims));
        rels.extend(relations::from_claims(&cx, &found_claims));
        relations::dedup(&cx, &mut rels);
        DocResult { doc, sentences: sentence_spans, mentions, relations: rels, claims: found_claims }
    }
}

/// What `isnad extract` is asked to do.
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    /// Files and folders to read.
    pub inputs: Vec<PathBuf>,
    /// Output folder.
    pub out: PathBuf,
    /// Worker threads (0 = all cores).
    pub jobs: usize,
    /// Folder of gazetteer files adding to or replacing the embedded ones.
    pub gazetteers: Option<PathBuf>,
    /// Folder of rule files adding to or replacing the embedded ones.
    pub rules: Option<PathBuf>,
    /// How to decode documents.
    pub encoding: Encoding,
    /// Files larger than this many bytes are not read (an error row instead).
    pub max_bytes: u64,
}

/// Counts reported at the end of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Documents processed.
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
    /// Bytes of text processed.
    pub bytes: usize,
    /// Wall time in seconds.
    pub seconds: f64,
    /// Warnings from loading data files.
    pub warnings: Vec<String>,
}

/// Runs `extract`: loads the pipeline, processes every document in parallel and writes the
/// four tables. Documents that fail are `status=error` rows, not errors.
pub fn extract(cfg: &ExtractConfig) -> Result<Summary> {
    let t0 = Instant::now();
    let pipeline = Pipeline::load(cfg.gazetteers.as_deref(), cfg.rules.as_deref())?;
    let files = input::walk(&cfg.inputs)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .build()
        .map_err(|e| Error::usage(format!("cannot start {} threads: {e}", cfg.jobs)))?;
    let mut results: Vec<DocResult> = pool.install(|| {
        files
            .par_iter()
            .map_init(Normalized::default, |norm, f| {
                let doc = input::read(f, cfg.encoding, cfg.max_bytes);
                pipeline.process_with(doc, norm)
            })
            .collect()
    });
    results.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
    crate::output::write_tables(&cfg.out, &results)?;
    let mut s = Summary { warnings: pipeline.gazetteer.warnings.clone(), ..Summary::default() };
    for r in &results {
        match r.doc.status {
            Status::Ok => s.ok += 1,
            Status::Empty => s.empty += 1,
            Status::Error(_) => s.errors += 1,
        }
        s.entities += r.mentions.len();
        s.relations += r.relations.len();
        s.claims += r.claims.len();
        s.bytes += r.doc.text.len();
    }
    s.seconds = t0.elapsed().as_secs_f64();
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipeline_is_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Pipeline>();
    }
}
