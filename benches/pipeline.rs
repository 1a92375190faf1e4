//! Per-stage and whole-document benchmarks over the fixture articles, one group per language
//! (Arabic, Persian, English): normalize, gazetteer find, rules find, and the whole `process`.
//!
//! Every benchmark checks its answer before it is timed: the mention count of the whole
//! pipeline must reach half of the gold count of those articles (so a broken gazetteer cannot
//! produce a fast, meaningless number), and each stage's count is printed. The pipeline is
//! loaded once, outside the timings.
//!
//! ```sh
//! cargo bench --bench pipeline               # everything
//! cargo bench --bench pipeline -- 'fa/'      # one language
//! ```

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use isnad::Pipeline;
use isnad::doc::Lang;
use isnad::input;
use isnad::normalize::Normalized;

/// The fixture articles of `lang` (`ar`, `fa`, `en`), as (doc_id, text).
fn articles(lang: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles").join(lang);
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let id = format!("{lang}/{}", p.file_name().unwrap().to_string_lossy());
            (id, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no fixture articles in {}", dir.display());
    v
}

/// Gold entity rows of the fixture articles of `lang`.
fn gold_mentions(lang: &str) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/gold/entities.csv");
    let text = std::fs::read_to_string(path).unwrap();
    text.lines().skip(1).filter(|l| l.starts_with(&format!("{lang}/"))).count()
}

fn bench(c: &mut Criterion) {
    let pipeline = Pipeline::load(None, None).expect("embedded pipeline loads");
    for lang in ["ar", "fa", "en"] {
        let docs = articles(lang);
        let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
        let normalized: Vec<Normalized> = docs.iter().map(|(_, t)| Normalized::new(t)).collect();
        let langs: Vec<Lang> = docs.iter().map(|(_, t)| input::detect_lang(t)).collect();

        // Answers first.
        let whole: usize = docs
            .iter()
            .map(|(id, t)| pipeline.process(input::from_text(id.clone(), t.clone(), "utf-8")).mentions.len())
            .sum();
        let gaz: usize =
            normalized.iter().zip(&langs).map(|(n, &l)| pipeline.gazetteer.find(&n.text, l).len()).sum();
        let rules: usize = normalized.iter().map(|n| pipeline.rules.find(&n.text).len()).sum();
        let gold = gold_mentions(lang);
        eprintln!(
            "{lang}: {} articles, {bytes} bytes; mentions {whole} (gold {gold}), gazetteer candidates {gaz}, rule candidates {rules}",
            docs.len()
        );
        assert!(whole * 2 >= gold, "{lang}: {whole} mentions, fewer than half the {gold} gold ones");
        assert!(gaz > 0 && rules > 0, "{lang}: a stage found nothing");

        let mut g = c.benchmark_group(lang);
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function("normalize", |b| {
            let mut n = Normalized::default();
            b.iter(|| {
                for (_, t) in &docs {
                    n.fill(black_box(t));
                }
                n.text.len()
            })
        });
        g.bench_function("gazetteer_find", |b| {
            b.iter(|| {
                let found: usize = normalized
                    .iter()
                    .zip(&langs)
                    .map(|(n, &l)| pipeline.gazetteer.find(black_box(&n.text), l).len())
                    .sum();
                assert_eq!(found, gaz);
            })
        });
        g.bench_function("rules_find", |b| {
            b.iter(|| {
                let found: usize =
                    normalized.iter().map(|n| pipeline.rules.find(black_box(&n.text)).len()).sum();
                assert_eq!(found, rules);
            })
        });
        g.bench_function("process", |b| {
            let mut n = Normalized::default();
            b.iter_batched(
                || {
                    docs.iter()
                        .map(|(id, t)| input::from_text(id.clone(), t.clone(), "utf-8"))
                        .collect::<Vec<_>>()
                },
                |batch| {
                    let found: usize =
                        batch.into_iter().map(|d| pipeline.process_with(d, &mut n).mentions.len()).sum();
                    assert_eq!(found, whole);
                },
                criterion::BatchSize::SmallInput,
            )
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
