//! Accuracy regression tests: the pipeline on annotated articles must stay at or above the bar
//! of the issue that set it. The seed articles live in `../shared` (CI puts it beside the
//! repository); a missing folder fails the test, it never skips it.

use std::path::{Path, PathBuf};

use isnad::ExtractConfig;
use isnad::eval::{EvalConfig, Scores, evaluate, render};
use isnad::input::Encoding;

fn require(p: PathBuf) -> PathBuf {
    assert!(
        p.is_dir(),
        "{} is missing: the regression test needs it (CI checks out ../shared beside the repository)",
        p.display()
    );
    p
}

fn score(docs: &Path, gold: &Path) -> Scores {
    let out = tempfile::tempdir().unwrap();
    let cfg = ExtractConfig {
        inputs: vec![docs.to_path_buf()],
        out: out.path().to_path_buf(),
        jobs: 2,
        gazetteers: None,
        rules: None,
        encoding: Encoding::Auto,
        max_bytes: 100_000_000,
        format: Default::default(),
        html: None,
        dates: None,
    };
    isnad::extract(&cfg).expect("extract runs");
    let scores = evaluate(&EvalConfig {
        gold: gold.to_path_buf(),
        pred: out.path().to_path_buf(),
        docs: Some(docs.to_path_buf()),
        errors: false,
    })
    .expect("eval runs (and every predicted row's text matches its offsets)");
    eprintln!("{}", render(&scores));
    scores
}

fn check(s: &Scores, bar: &Bar) -> Vec<String> {
    let mut fails = Vec::new();
    let mut at_least = |what: String, got: f64, want: f64| {
        if got + 1e-9 < want {
            fails.push(format!("{what}: {got:.3} < {want:.3}"));
        }
    };
    at_least("entity strict F1".into(), s.entities.strict.f1(), bar.entity_f1);
    for (label, prf) in &s.entities.per_label {
        at_least(format!("entity {label} F1"), prf.f1(), bar.label_f1);
    }
    at_least("linking accuracy".into(), s.entities.linking_accuracy(), bar.linking);
    let c = s.claims.as_ref().expect("claims scored");
    at_least("claim cue F1".into(), c.cue.f1(), bar.cue_f1);
    at_least("speaker accuracy".into(), c.speaker_accuracy(), bar.speaker);
    at_least("stance accuracy".into(), c.stance_accuracy(), bar.stance);
    at_least("full claim F1".into(), c.full.f1(), bar.full_claim_f1);
    let r = s.relations.as_ref().expect("relations scored");
    at_least("relation F1".into(), r.all.f1(), bar.relation_f1);
    for (p, prf) in &r.per_predicate {
        at_least(format!("relation {p} F1"), prf.f1(), bar.predicate_f1);
    }
    fails
}

struct Bar {
    entity_f1: f64,
    label_f1: f64,
    linking: f64,
    cue_f1: f64,
    speaker: f64,
    stance: f64,
    full_claim_f1: f64,
    relation_f1: f64,
    predicate_f1: f64,
}

/// See: issue #2 (entities) and issue #3 (claims, relations).
const SEEDS_BAR: Bar = Bar {
    entity_f1: 0.85,
    label_f1: 0.75,
    linking: 0.95,
    cue_f1: 0.80,
    speaker: 0.80,
    stance: 0.80,
    full_claim_f1: 0.65,
    relation_f1: 0.65,
    predicate_f1: 0.50,
};

/// Scores `../shared/corpus/NAME` against `../shared/gold/NAME` (both must exist) and fails
/// with every measure below `bar`.
fn shared_set_meets(name: &str, bar: &Bar) {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let docs = require(shared.join("corpus").join(name));
    let gold = require(shared.join("gold").join(name));
    let fails = check(&score(&docs, &gold), bar);
    assert!(fails.is_empty(), "below the bar on ../shared {name}:\n{}", fails.join("\n"));
}

#[test]
fn seeds_meet_the_bar() {
    shared_set_meets("seeds", &SEEDS_BAR);
}

/// Our own fixture articles (`fixtures/`, 115 articles, most of them written blind as
/// held-out tests, the last five in session 6, which lowered every aggregate when they joined):
/// a floor a little under today's scores, so a change that loses ground fails. See: issue #2,
/// #3, #12.
// Lowered in session 7 when blind round 7 (6 articles written by a session that never saw the
// rules) joined the fixtures, and in session 9 when blind round 8 (6 more: LOC F1 0.600 over
// ten LOC mentions, speaker 0.750, full claim 0.569 with them) did.
const FIXTURES_BAR: Bar = Bar {
    entity_f1: 0.91,
    label_f1: 0.58,
    // Session 11: blind round 10 joined (63 articles; its new people and bodies link less).
    // Session 14: blind round 12 joined (75 articles; linking 0.961 -> 0.954), and English
    // companies found by slot carry `~` ids where the gold knows them (0.954 -> 0.948).
    linking: 0.94,
    // Session 14: blind round 12 joined (cue 0.944 -> 0.938); session 15: rounds 15 and 16
    // joined (97 articles; cue 0.935 -> 0.933, relations 0.527 -> 0.504); session 16: rounds 17 and
    // 18 joined (109 articles); session 17: round 19 joined (115 articles; entity F1 0.931 ->
    // 0.927, full claim 0.620 -> 0.608, relations 0.512 -> 0.502).
    cue_f1: 0.93,
    speaker: 0.72,
    stance: 0.76,
    // Session 12: blind round 11 joined (69 articles; full claim 0.570 -> 0.558).
    full_claim_f1: 0.54,
    relation_f1: 0.47,
    predicate_f1: 0.37,
};

/// The 24 real articles of `../shared/corpus/dev` (other stories than the seeds'): a floor a
/// little under today's scores (issue #12's entity bar is 0.92; claims and relations are far
/// from issue #13's bar and are held where they are).
const DEV_BAR: Bar = Bar {
    entity_f1: 0.96,
    label_f1: 0.60,
    linking: 0.97,
    // Session 11: cue 0.941, speaker 0.789, stance 0.754, full claim 0.554, relations 0.600
    // (lowest predicate ACCUSES 0.500). Session 17 (raised): cue 0.954, speaker 0.893, stance
    // 0.815, full claim 0.702, relations 0.708 (lowest predicate TARGETED 0.564).
    cue_f1: 0.93,
    speaker: 0.85,
    stance: 0.78,
    full_claim_f1: 0.66,
    relation_f1: 0.66,
    predicate_f1: 0.52,
};

#[test]
fn dev_stays_above_its_floor() {
    shared_set_meets("dev", &DEV_BAR);
}

#[test]
fn fixtures_stay_above_their_floor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let fails = check(&score(&require(root.join("articles")), &require(root.join("gold"))), &FIXTURES_BAR);
    assert!(fails.is_empty(), "below the floor on fixtures:\n{}", fails.join("\n"));
}
