#!/usr/bin/env bash
# Throughput, memory and compile-time benchmark of `isnad extract` on real news (see BENCHMARKS.md).
#
#   scripts/bench.sh                          # quick: 20 MB corpus, 100k aliases, 1 and 2 threads
#   scripts/bench.sh --mb "200 1000"          # the big runs
#   scripts/bench.sh --mb 200 --aliases 100000 --compile "10000 100000 1000000" --jobs "1 2"
#
# Everything generated goes to $BENCH_DIR (default ${TMPDIR:-/tmp}/isnad-bench), never into the
# repository; corpora and gazetteers already there are reused. For each corpus size and thread
# count it prints: wall time, MB/s and docs/s of `extract`, its peak RSS (/usr/bin/time), the
# wall time of the bare pass (`extract --bare-scan`: read + normalize + one automaton scan,
# same threads) and the ratio of the two (pipeline load excluded from both). Then the time to
# load and compile the pipeline with each padded gazetteer size.
set -euo pipefail
cd "$(dirname "$0")/.."

mbs="20"
aliases="100000"
compile="10000 100000"
jobs="1 2"
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) mbs="$2"; shift 2 ;;
        --aliases) aliases="$2"; shift 2 ;;
        --compile) compile="$2"; shift 2 ;;
        --jobs) jobs="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "bench: unknown argument $1" >&2; exit 2 ;;
    esac
done

dir="${BENCH_DIR:-${TMPDIR:-/tmp}/isnad-bench}"
mkdir -p "$dir"
cargo build --release --quiet
cp "${CARGO_TARGET_DIR:-target}/release/isnad" "$dir/isnad"
isnad="$dir/isnad"

corpus() { # MB -> folder
    local c="$dir/corpus-$1"
    [ -d "$c" ] || python3 scripts/gen_corpus.py corpus --out "$c" --mb "$1" >&2
    echo "$c"
}
gazetteer() { # ALIASES -> folder
    local g="$dir/gaz-$1"
    [ -f "$g/zz_bench_padding.tsv" ] || python3 scripts/gen_corpus.py gazetteer --out "$g" --aliases "$1" \
        --corpus "$(corpus "${mbs%% *}")" >&2
    echo "$g"
}
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

echo "| corpus | aliases | threads | extract s | MB/s | docs/s | peak RSS MB | bare scan s | extract / bare |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for mb in $mbs; do
    c="$(corpus "$mb")"
    docs=$(find "$c" -name '*.txt' | wc -l)
    bytes=$(find "$c" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
    for a in $aliases; do
        g="$(gazetteer "$a")"
        for j in $jobs; do
            # The bare pass first: it also warms the page cache for the extract run.
            bare=$("$isnad" extract "$c" --gazetteers "$g" --jobs "$j" --bare-scan)
            scan_s=$(echo "$bare" | field scan_s)
            load_s=$(echo "$bare" | field load_s)
            out="$dir/out"
            rm -rf "$out"
            /usr/bin/time -f 'wall=%e rss_kb=%M' -o "$dir/time.txt" \
                "$isnad" extract "$c" --gazetteers "$g" --jobs "$j" --out "$out" --quiet 2>"$dir/extract.log"
            wall=$(field wall < "$dir/time.txt")
            rss=$(field rss_kb < "$dir/time.txt")
            awk -v mb="$mb" -v a="$a" -v j="$j" -v w="$wall" -v l="$load_s" -v s="$scan_s" -v r="$rss" \
                -v d="$docs" -v b="$bytes" 'BEGIN {
                    t = w - l; if (t <= 0) t = w;
                    printf "| %s MB | %d | %d | %.2f | %.1f | %.0f | %.0f | %.2f | %.2f |\n",
                        mb, a, j, w, b / 1e6 / t, d / t, r / 1024, s, t / s }'
        done
    done
done

echo
echo "| gazetteer aliases | load + compile s | peak RSS MB |"
echo "|---:|---:|---:|"
one="$dir/one"
mkdir -p "$one"
cp fixtures/articles/ar/01_*.txt "$one/a.txt"
/usr/bin/time -f 'rss_kb=%M' -o "$dir/time.txt" "$isnad" extract "$one" --jobs 1 --bare-scan > "$dir/scan.txt"
awk -v l="$(field load_s < "$dir/scan.txt")" -v r="$(field rss_kb < "$dir/time.txt")" \
    -v n="$(cat gazetteers/*.tsv | grep -vc '^entity_id')" \
    'BEGIN { printf "| %d (built-in) | %.3f | %.0f |\n", n, l, r / 1024 }'
for a in $compile; do
    g="$(gazetteer "$a")"
    /usr/bin/time -f 'rss_kb=%M' -o "$dir/time.txt" "$isnad" extract "$one" --gazetteers "$g" --jobs 1 --bare-scan \
        > "$dir/scan.txt"
    awk -v a="$a" -v l="$(field load_s < "$dir/scan.txt")" -v r="$(field rss_kb < "$dir/time.txt")" \
        'BEGIN { printf "| %d | %.3f | %.0f |\n", a, l, r / 1024 }'
done
