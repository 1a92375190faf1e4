#!/usr/bin/env bash
# Entity mentions per MB on the benchmark corpus, by where they come from (issue #12's bar: new
# patterns must not flood real news: at most 5 % more mentions per MB from patterns).
#
#   scripts/mentions_per_mb.sh [--mb 20] BIN [BIN ...]
#
# Generates (or reuses) a corpus of real SaudiNewsNet/FarsNews articles from
# ../shared/corpus/bench in $BENCH_DIR (default ${TMPDIR:-/tmp}/isnad-bench), runs each binary's
# `extract` on it and prints, per binary: MB, mentions per MB in all, from gazetteers, from rules
# (`source` = `rule:*`: patterns, names by slot, composed bodies) and per label.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=20
if [ "${1:-}" = "--mb" ]; then mb="$2"; shift 2; fi
[ $# -ge 1 ] || { sed -n '2,10p' "$0"; exit 2; }
dir="${BENCH_DIR:-${TMPDIR:-/tmp}/isnad-bench}"
corpus="$dir/corpus-$mb"
[ -d "$corpus" ] || python3 scripts/gen_corpus.py corpus --out "$corpus" --mb "$mb" >&2
for bin in "$@"; do
    out=$(mktemp -d)
    "$bin" extract "$corpus" --out "$out" -q >/dev/null 2>&1 || "$bin" extract "$corpus" --out "$out" >/dev/null
    python3 - "$bin" "$corpus" "$out/entities.csv" <<'PY'
import collections, csv, os, sys
bin_, corpus, ents = sys.argv[1:]
size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(corpus) for f in fs if f.endswith('.txt'))
mb = size / 1e6
by_source, by_label, n = collections.Counter(), collections.Counter(), 0
csv.field_size_limit(1 << 30)
for r in csv.DictReader(open(ents, encoding='utf-8')):
    n += 1
    by_source['rule' if r['source'].startswith('rule:') else 'gazetteer'] += 1
    by_label[r['label']] += 1
labels = ' '.join(f'{k}={v / mb:.1f}' for k, v in sorted(by_label.items()))
print(f'{bin_}: {mb:.1f} MB, {n / mb:.1f} mentions/MB (gazetteer {by_source["gazetteer"] / mb:.1f}, rules {by_source["rule"] / mb:.1f}); {labels}')
PY
    rm -rf "$out"
done
