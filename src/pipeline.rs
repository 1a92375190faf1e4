//! Orchestration: the compiled [`Pipeline`] (every stage built once, shared read-only by the
//! worker threads) and the driver that walks, reads, processes in parallel and writes in order.
//!
//! ```text
//! input::walk → input::read → normalize → gazetteer::find + rules::find → link
//!             → relations / claims → output::write_tables
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

use crate::calendar::Calendar;
use crate::data;
use crate::dates::{self, DateOverrides};
use crate::doc::{DocResult, Document, Label, Mention, Span, Status};
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::input::{self, Encoding};
use crate::keyset::{Part, Scan};
use crate::link;
use crate::normalize::Normalized;
use crate::output::{Counts, Rendered, Renderer};
use crate::phrases::Phrases;
use crate::report::{HtmlWriter, Near, Page, PageRows, ReportSummary};
use crate::roles::Roles;
use crate::rules::{RuleMatch, RuleSet};
use crate::sentences;
use crate::{claims, compose, names, relations};

/// Every compiled stage. Immutable, `Send + Sync`, built once per run.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// The compiled gazetteer.
    pub gazetteer: Gazetteer,
    /// The compiled pattern rules and lexicon.
    pub rules: RuleSet,
    /// The lexicon phrases claims and relations read (cues, stance words, titles, …).
    pub phrases: Phrases,
    /// The one scan that finds the gazetteer's, the phrases' and the rule anchors' keys.
    pub scan: Scan,
    /// The word lists the name-by-slot rules look words up in.
    pub names: names::NameWords,
    /// Who held which title in which body when (`gazetteers/roles.tsv`).
    pub roles: Roles,
    /// What loading the data files warned about (gazetteer conflicts, ignored rule files).
    pub warnings: Vec<String>,
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
    "body_head",
    "body_modifier",
    "capital",
    "first_name",
    "name_stop",
    "title",
    "org_descriptor",
    "relay",
    "actor_head",
    "actor_naming",
    "actor_modifier",
    "apposition_head",
    "title_modifier",
    "actor_context",
    "name_head",
    "cap_stop",
    "victim_head",
    "body_noun",
    "preposition",
    "agent",
    "relative",
    "clause_connective",
    "pronoun",
    "naming_before",
    "source_prep",
    "contrast",
    "frame_blocker",
    "addressee",
    "agentless",
    "stance_victim",
    "accusation_noun",
    "group_noun",
    "attack_noun",
    "attack_prep",
    "attack_agent",
    "attack_culprit",
    "responsibility",
    "group_anaphor",
    "country_anaphor",
    "locative",
    "owner_marker",
    "resumptive",
    "target_noun",
    "subject_opener",
    "attributive_before",
    "passive_participle",
    "agent_anaphor",
    "document_head",
    "attack_purpose",
    "content_noun",
    "demonstrative",
    "unknown_culprit",
    "trigger_before",
];

impl Pipeline {
    /// Builds the pipeline from the embedded data, with the `*.tsv` files of `gazetteers` and
    /// `rules` (when given) replacing embedded files of the same name or adding to them.
    ///
    /// Only `patterns*.tsv` and `lexicon*.tsv` of `rules` are rule files: another `*.tsv` there
    /// whose header is a rule file's is an error (it would be ignored, so it must be renamed),
    /// any other is ignored with a warning.
    pub fn load(gazetteers: Option<&Path>, rules: Option<&Path>) -> Result<Pipeline> {
        let rule_files = data::load_set(crate::embedded::RULES, "rules", rules)?;
        let mut warnings = unread_rule_files(&rule_files)?;
        let rules = RuleSet::load(&rule_files)?;
        let gaz_files = data::load_set(crate::embedded::GAZETTEERS, "gazetteers", gazetteers)?;
        // `roles.tsv` sits among the gazetteers but is no alias table.
        let (role_files, gaz_files): (Vec<_>, Vec<_>) =
            gaz_files.into_iter().partition(|f| crate::roles::is_roles_file(&f.name));
        let letters = crate::acronyms::LetterNames::from_lexicon(&rules.lexicon);
        let gazetteer = Gazetteer::load_with(&gaz_files, rules.lexicon.triggers(), &letters)?;
        let roles = Roles::load(&role_files, &gazetteer)?;
        let phrases = Phrases::new(&rules.lexicon, PHRASE_KINDS);
        let scan = Scan::new(&[
            (Part::Gazetteer, gazetteer.keys(), &[]),
            (Part::Phrases, phrases.keys(), &phrases.stems()),
            (Part::Anchors, rules.anchor_keys(), &[]),
        ])?;
        let names = names::NameWords::new(&rules.lexicon);
        warnings.splice(0..0, gazetteer.warnings.iter().cloned());
        Ok(Pipeline { gazetteer, rules, phrases, scan, names, roles, warnings })
    }

    /// Runs every stage on one document.
    pub fn process(&self, doc: Document) -> DocResult {
        let mut norm = Normalized::default();
        self.process_with(doc, &mut norm)
    }

    /// Like [`Pipeline::process_with`], but a bug that panics on this document turns it into a
    /// `status=error` row (the panic message is printed by the panic hook) instead of ending
    /// the run: on a corpus of millions, one odd document must not cost the other rows.
    pub fn process_guarded(&self, doc: Document, norm: &mut Normalized) -> DocResult {
        let (id, encoding, lang, date) = (doc.id.clone(), doc.encoding, doc.lang, doc.date.clone());
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.process_with(doc, norm))) {
            Ok(r) => r,
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                let reason =
                    format!("internal error: {}", msg.split_whitespace().collect::<Vec<_>>().join(" "));
                let doc = Document {
                    id,
                    encoding,
                    lang,
                    status: Status::Error(reason),
                    date: date.clone(),
                    ..Document::default()
                };
                DocResult { doc, date, ..DocResult::default() }
            }
        }
    }

    /// Like [`Pipeline::process`], reusing a per-thread normalization buffer.
    pub fn process_with(&self, doc: Document, norm: &mut Normalized) -> DocResult {
        if doc.status != Status::Ok {
            let date = doc.date.clone();
            return DocResult { doc, date, ..DocResult::default() };
        }
        let sentence_spans = sentences::split(&doc.text);
        norm.fill(&doc.text);
        let [gaz_occ, phrase_occ, anchor_occ] = self.scan.run(norm);
        let gaz = self.gazetteer.find_with(&norm.text, doc.lang, &gaz_occ);
        let found = self.rules.find_in_with(norm, &doc.text, &anchor_occ);
        let mentions =
            link::link(&doc.text, norm, &sentence_spans, &self.gazetteer, &self.rules, &gaz, &found);
        let norm_hits = self.phrases.find_with(&norm.text, doc.lang, &phrase_occ);
        let hits = claims::to_original(norm, &norm_hits);
        let mentions = compose::bodies(&doc.text, doc.lang, mentions, &hits, &self.gazetteer);
        let mentions =
            names::find(&doc.text, doc.lang, &sentence_spans, mentions, &hits, &self.names, &self.gazetteer);
        // Bodies the names stage found (`Cyber Directorate`) take their country too.
        let mentions = compose::bodies(&doc.text, doc.lang, mentions, &hits, &self.gazetteer);
        let mut mentions = compose::pieces(&doc.text, doc.lang, mentions);
        compose::hosts(&doc.text, &mut mentions, &self.gazetteer);
        crate::corefer::ids(&doc.text, doc.lang, &mut mentions, &hits, &self.gazetteer, &self.roles);
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
        let mut found_claims = claims::find(&cx, &rels);
        // Who speaks for whom, the titles given apart from names included, before the links
        // between claims read the parties' sides.
        let mut speaking = rels.clone();
        speaking.extend(relations::speaker_roles(&cx, &found_claims));
        crate::frames::discourse::link(&cx, &self.gazetteer, &speaking, &mut found_claims);
        rels.extend(relations::links(&cx, &found_claims));
        let derived = relations::from_claims(&cx, &found_claims, &rels);
        rels.extend(derived);
        relations::dedup(&cx, &mut rels);
        let calendars = date_calendars(norm, &self.rules, &found, &mentions);
        let date = doc.date.clone().or_else(|| dates::from_text(&doc.text, &mentions));
        let titles: Vec<Span> = hits.iter().filter(|h| h.kind == "role_title").map(|h| h.span).collect();
        let speaker_persons = crate::roles::speaker_persons(
            &self.roles,
            date.as_ref().map(|d| d.value.as_str()),
            &doc.text,
            &mentions,
            &found_claims,
            &titles,
        );
        DocResult {
            doc,
            sentences: sentence_spans,
            mentions,
            calendars,
            relations: rels,
            claims: found_claims,
            date,
            speaker_persons,
        }
    }
}

/// The warnings for the files of a rule folder that [`RuleSet::load`] does not read (named
/// neither `patterns*` nor `lexicon*`); an error for the first of them whose header is that
/// of a rule file.
fn unread_rule_files(files: &[data::DataFile]) -> Result<Vec<String>> {
    let mut warnings = Vec::new();
    for f in files.iter().filter(|f| !f.name.starts_with("patterns") && !f.name.starts_with("lexicon")) {
        let (line, header) = f
            .text
            .lines()
            .map(|l| l.trim_start_matches('\u{FEFF}').trim_end_matches('\r'))
            .enumerate()
            .find(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
            .unwrap_or((0, ""));
        let columns: Vec<&str> = header.split('\t').map(str::trim).collect();
        for (want, kind) in [
            (&crate::rules::PATTERN_COLUMNS[..], "patterns"),
            (&crate::rules::LEXICON_COLUMNS[..], "lexicon"),
        ] {
            if columns.starts_with(want) {
                return Err(Error::data(
                    &f.origin,
                    Some(line as u64 + 1),
                    format!(
                        "a {kind} file that would be ignored: only patterns*.tsv and lexicon*.tsv are read (rename it {kind}_{})",
                        f.name
                    ),
                ));
            }
        }
        warnings.push(format!(
            "{}: ignored: only patterns*.tsv and lexicon*.tsv are read from --rules",
            f.origin.display()
        ));
    }
    Ok(warnings)
}

/// The calendar of each mention (see [`DocResult::calendars`]): a DATE found by a rule takes
/// the calendar of the rule match it came from, the one with its span and rule. A DATE that
/// `compose::pieces` joined from pieces (`شنبه ۳ دی`: a weekday and its date) takes the
/// calendar of the match that ends where it ends (the date, whose `canonical` it took), else of
/// the one that starts where it starts.
fn date_calendars(
    norm: &Normalized,
    rules: &RuleSet,
    found: &[RuleMatch],
    mentions: &[Mention],
) -> Vec<Option<Calendar>> {
    // Original spans of the matches that have a calendar, by end and by start.
    let mut by_end: HashMap<usize, Vec<(usize, &str, Calendar)>> = HashMap::new();
    let mut by_start: HashMap<usize, Vec<(usize, Calendar)>> = HashMap::new();
    for m in found {
        let Some(cal) = m.calendar else { continue };
        let span = norm.to_original(m.start, m.end);
        by_end.entry(span.end).or_default().push((span.start, rules.rules[m.rule].name.as_str(), cal));
        by_start.entry(span.start).or_default().push((span.end, cal));
    }
    mentions
        .iter()
        .map(|m| {
            let rule = m.source.strip_prefix("rule:")?;
            if m.label != Label::Date {
                return None;
            }
            let (start, end) = (m.span.start, m.span.end);
            let ending = by_end.get(&end).map(Vec::as_slice).unwrap_or_default();
            let exact = |same_rule: bool| {
                ending.iter().find(|&&(s, r, _)| s == start && (!same_rule || r == rule)).map(|&(_, _, c)| c)
            };
            exact(true)
                .or_else(|| exact(false))
                .or_else(|| {
                    ending
                        .iter()
                        .filter(|&&(s, _, _)| s >= start)
                        .min_by_key(|&&(s, _, _)| s)
                        .map(|&(_, _, c)| c)
                })
                .or_else(|| {
                    let starting = by_start.get(&start)?;
                    starting.iter().filter(|&&(e, _)| e <= end).max_by_key(|&&(e, _)| e).map(|&(_, c)| c)
                })
        })
        .collect()
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
    /// How the tables are written: CSV (plain or spreadsheet-safe) or JSON Lines.
    pub format: crate::output::OutputFormat,
    /// Also write the HTML reading view into this folder (`--html`): each article's page as its
    /// chunk is written, `index.html` once the tables are complete.
    pub html: Option<PathBuf>,
    /// `--dates FILE.csv`: `doc_id,date` rows that give documents their date, over any date
    /// of the input or the text.
    pub dates: Option<PathBuf>,
}

impl ExtractConfig {
    /// The dates of [`ExtractConfig::dates`] (none when it is not given).
    pub fn load_dates(&self) -> Result<DateOverrides> {
        self.dates.as_deref().map_or_else(|| Ok(DateOverrides::default()), DateOverrides::load)
    }
}

/// Counts reported at the end of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Documents by status, rows by table, bytes of text.
    pub counts: Counts,
    /// Wall time in seconds.
    pub seconds: f64,
    /// Warnings from loading data files.
    pub warnings: Vec<String>,
    /// Seconds spent loading and compiling the pipeline (part of `seconds`).
    pub load_seconds: f64,
    /// What the reading view wrote, when [`ExtractConfig::html`] asked for it.
    pub html: Option<ReportSummary>,
}

/// How `extract` runs, beyond what it computes: neither option changes a byte of the output.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// Documents read and processed together before their rows are written (0 = the default,
    /// [`DEFAULT_CHUNK`]). Peak memory grows with the chunk, never with the corpus.
    pub chunk: usize,
    /// Draw a progress bar on stderr.
    pub progress: bool,
    /// The process exits when the run returns: the compiled pipeline is left to the operating
    /// system instead of being freed piece by piece ([`leave_to_exit`]).
    pub exiting: bool,
}

/// Documents per chunk unless told otherwise.
pub const DEFAULT_CHUNK: usize = 256;

impl Default for RunOptions {
    fn default() -> RunOptions {
        RunOptions { chunk: DEFAULT_CHUNK, progress: false, exiting: false }
    }
}

/// Runs `extract` with the default [`RunOptions`].
pub fn extract(cfg: &ExtractConfig) -> Result<Summary> {
    extract_with(cfg, &RunOptions::default())
}

/// Runs `extract`: loads the pipeline, then streams the documents in `doc_id` order as the
/// folders are walked ([`input::Walk`], on its own thread, one chunk ahead), one chunk at a
/// time: the chunk is read and processed in parallel, and its rows are appended to the four
/// tables by a writer thread while the next chunk is processed. Documents that fail are
/// `status=error` rows, not errors. The workers render the rows (see [`Renderer`]); the writer
/// thread only appends bytes. The tables are renamed into place only when all are complete.
/// With [`ExtractConfig::html`], the workers also render each document's page, which the
/// writer thread writes with the chunk; only what the index needs is kept (see
/// [`HtmlWriter`]).
pub fn extract_with(cfg: &ExtractConfig, opts: &RunOptions) -> Result<Summary> {
    let t0 = Instant::now();
    let pipeline = Pipeline::load(cfg.gazetteers.as_deref(), cfg.rules.as_deref())?;
    let overrides = cfg.load_dates()?;
    let load_seconds = t0.elapsed().as_secs_f64();
    let mut files = input::Walk::new(&cfg.inputs)?;
    let pool = thread_pool(cfg.jobs)?;
    let mut tables = crate::output::TableWriter::create_with(&cfg.out, cfg.format)?;
    let mut html = cfg.html.as_deref().map(HtmlWriter::create).transpose()?;
    // The bar's length costs a second walk (names only), done only when the bar is shown.
    let bar = if opts.progress { progress_bar(input::Walk::new(&cfg.inputs)?.count()) } else { None };
    let chunk = if opts.chunk == 0 { DEFAULT_CHUNK } else { opts.chunk };
    let mut s = Summary { warnings: pipeline.warnings.clone(), load_seconds, ..Summary::default() };
    // One chunk in the channel, one being written, one being processed: memory stays flat.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Result<Done>>>(1);
    // The next chunk's files are listed while this one is processed.
    let (batch_tx, batches) = std::sync::mpsc::sync_channel::<Vec<input::InputFile>>(1);
    std::thread::scope(|scope| -> Result<()> {
        scope.spawn(move || {
            loop {
                let batch: Vec<input::InputFile> = files.by_ref().take(chunk).collect();
                if batch.is_empty() || batch_tx.send(batch).is_err() {
                    break; // done, or the run stopped
                }
            }
        });
        let writer = scope.spawn(|| -> Result<()> {
            for results in rx {
                let n = results.len();
                for r in results {
                    let Done { rows, page } = r?;
                    tables.append(&rows)?;
                    s.counts.add(&rows.counts);
                    if let (Some(w), Some((page_rows, page))) = (html.as_mut(), page) {
                        w.add(&page_rows.view(), page)?;
                    }
                }
                if let Some(bar) = &bar {
                    bar.inc(n as u64);
                    bar.set_message(megabytes_done(s.counts.bytes));
                }
            }
            Ok(())
        });
        let mut batches = batches.into_iter().peekable();
        // Where the chunk starts among the documents, and the ids around it (for page links).
        let (mut first, mut prev_id) = (0usize, None::<String>);
        while let Some(files) = batches.next() {
            let next_id = match cfg.html {
                Some(_) => batches.peek().and_then(|b| b.first()).map(|f| f.id.clone()),
                None => None,
            };
            // Each worker renders its documents' rows (and pages) and frees them: the writer
            // only appends.
            let results: Vec<Result<Done>> = pool.install(|| {
                files
                    .par_iter()
                    .enumerate()
                    .map_init(
                        || (Normalized::default(), Renderer::new(cfg.format)),
                        |(norm, renderer), (k, f)| {
                            let mut doc = input::read(f, cfg.encoding, cfg.max_bytes);
                            if let Some(d) = overrides.get(&doc.id) {
                                doc.date = Some(d.clone());
                            }
                            let r = pipeline.process_guarded(doc, norm);
                            let rows = renderer.render(&r)?;
                            if cfg.html.is_none() {
                                return Ok(Done { rows, page: None });
                            }
                            let near = Near {
                                index: first + k,
                                prev: match k {
                                    0 => prev_id.as_deref(),
                                    _ => Some(files[k - 1].id.as_str()),
                                },
                                next: files.get(k + 1).map(|f| f.id.as_str()).or(next_id.as_deref()),
                            };
                            let page_rows = PageRows::of(&r)?;
                            let page = crate::report::render_page(
                                &page_rows.view(),
                                crate::report::page_text(&r.doc),
                                &near,
                            );
                            Ok(Done { rows, page: Some((page_rows, page)) })
                        },
                    )
                    .collect()
            });
            first += files.len();
            prev_id = files.last().map(|f| f.id.clone());
            if tx.send(results).is_err() {
                break; // the writer stopped on an error, which `join` returns
            }
        }
        drop(tx);
        writer.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    tables.finish()?;
    if cfg.format.is_csv() {
        crate::role_table::write(&cfg.out)?;
    }
    s.html = html.map(HtmlWriter::finish).transpose()?;
    s.seconds = t0.elapsed().as_secs_f64();
    if opts.exiting {
        leave_to_exit(pipeline);
    }
    Ok(s)
}

/// Leaves `pipeline` to the operating system, which takes a process's memory back at exit in
/// one go: freeing its millions of small allocations one by one (the keys, tries and tables of
/// a 100k-alias gazetteer) costs about 160M instructions, 0.05 s, at the end of every run.
/// Only for a process that exits next (the `isnad` binary): a library caller that runs many
/// extractions keeps the default, which frees it.
fn leave_to_exit(pipeline: Pipeline) {
    std::mem::forget(pipeline);
}

/// One document as a worker hands it to the writer: its rows, and with `--html` its page.
struct Done {
    rows: Rendered,
    page: Option<(PageRows, Page)>,
}

/// The most worker threads a run starts: 4 per core (at least 4, at most 256). The stages are
/// CPU-bound, so more only cost memory and start-up (10,000 threads took 72 s on one file).
pub fn max_jobs() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (4 * cores).clamp(4, 256)
}

/// A pool of `jobs` threads (0 = one per core), capped at [`max_jobs`].
pub fn thread_pool(jobs: usize) -> Result<rayon::ThreadPool> {
    let jobs = jobs.min(max_jobs());
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .map_err(|e| Error::usage(format!("cannot start {jobs} threads: {e}")))
}

fn progress_bar(len: usize) -> Option<indicatif::ProgressBar> {
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len as u64),
        indicatif::ProgressDrawTarget::stderr_with_hz(4),
    );
    let style = indicatif::ProgressStyle::with_template(
        "{spinner} {elapsed_precise} [{wide_bar}] {human_pos}/{human_len} docs, {msg}, {rate}, ETA {eta}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
    .with_key("rate", |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
        let _ = w.write_str(&rate(state.per_sec()));
    });
    bar.set_style(style);
    // The first frame shows the MB field too, before the first chunk is written.
    bar.set_message(megabytes_done(0));
    Some(bar)
}

/// The progress bar's MB field: megabytes of text done, one decimal.
fn megabytes_done(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// The progress bar's rate field: documents per second, one decimal.
fn rate(per_sec: f64) -> String {
    let per_sec = if per_sec.is_finite() { per_sec } else { 0.0 };
    format!("{per_sec:.1} docs/s")
}

/// What `extract --bare-scan` measured: the floor under `extract` (read, normalize and one
/// scan of the gazetteer automaton, on the same threads), with nothing written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScanSummary {
    /// Documents read.
    pub documents: usize,
    /// Bytes of decoded text.
    pub bytes: usize,
    /// Raw automaton hits (before boundary checks).
    pub matches: usize,
    /// Seconds to load and compile the pipeline (gazetteer, rules, lexicon).
    pub load_seconds: f64,
    /// Seconds to find, read, normalize and scan every document (load excluded).
    pub scan_seconds: f64,
}

/// Runs the bare pass of `extract --bare-scan`: every document is read, normalized and scanned
/// once by the gazetteer automaton; the hits are counted. `exiting` as in
/// [`RunOptions::exiting`].
pub fn bare_scan(cfg: &ExtractConfig, exiting: bool) -> Result<ScanSummary> {
    let t0 = Instant::now();
    let pipeline = Pipeline::load(cfg.gazetteers.as_deref(), cfg.rules.as_deref())?;
    let load_seconds = t0.elapsed().as_secs_f64();
    let pool = thread_pool(cfg.jobs)?;
    // Listing the files is part of reading them, as it is in `extract`'s timed run.
    let t1 = Instant::now();
    let files = input::walk(&cfg.inputs)?;
    let (bytes, matches) = pool.install(|| {
        files
            .par_iter()
            .map_init(Normalized::default, |norm, f| {
                let doc = input::read(f, cfg.encoding, cfg.max_bytes);
                norm.fill(&doc.text);
                (doc.text.len(), pipeline.scan.count(norm))
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    let summary = ScanSummary {
        documents: files.len(),
        bytes,
        matches,
        load_seconds,
        scan_seconds: t1.elapsed().as_secs_f64(),
    };
    if exiting {
        leave_to_exit(pipeline);
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    // See: issue #14 item 7: the bar's first frame has its MB field, rates have one decimal.
    #[test]
    fn progress_fields_are_short() {
        assert_eq!(megabytes_done(0), "0.0 MB");
        assert_eq!(megabytes_done(1_250_000), "1.2 MB");
        assert_eq!(rate(0.0), "0.0 docs/s");
        assert_eq!(rate(1234.5678), "1234.6 docs/s");
        assert_eq!(rate(f64::NAN), "0.0 docs/s");
        let bar = progress_bar(10).unwrap();
        assert_eq!(bar.message(), "0.0 MB");
        assert!(max_jobs() >= 4 && max_jobs() <= 256);
    }

    #[test]
    fn pipeline_is_send_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Pipeline>();
    }
}
