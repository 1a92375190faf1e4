#!/usr/bin/env bash
# The extract / bare-scan ratio in instructions (valgrind's callgrind), not seconds: the same
# figure on every run of the same binary and input, whatever else the machine is doing.
#
#   scripts/bench_instructions.sh                       # 1,000 articles, 100k aliases, 1 thread
#   scripts/bench_instructions.sh --docs 2000 --aliases 10000
#   scripts/bench_instructions.sh --bin path/to/isnad   # an older build, for before/after
#
# The sample is the first --docs articles (by doc_id) of the 200 MB benchmark corpus (half
# SaudiNewsNet, half FarsNews at the default size), generated into $BENCH_DIR like
# scripts/bench.sh does. Both runs exclude the pipeline load (gazetteer, rules and lexicon
# compile): what is left is read + normalize + scan for the bare pass, and everything for
# extract. The textbook pass (examples/textbook.rs, always from this tree: read + its own fold +
# one aho-corasick scan of the same aliases + proclitic check) is counted the same way, its
# automaton build excluded. Needs valgrind (callgrind_annotate comes with it).
set -euo pipefail
cd "$(dirname "$0")/.."

docs=1000
aliases=100000
bin=""
while [ $# -gt 0 ]; do
    case "$1" in
        --docs) docs="$2"; shift 2 ;;
        --aliases) aliases="$2"; shift 2 ;;
        --bin) bin="$2"; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
        *) echo "bench_instructions: unknown argument $1" >&2; exit 2 ;;
    esac
done
command -v valgrind > /dev/null || { echo "bench_instructions: valgrind is not installed" >&2; exit 2; }

dir="${BENCH_DIR:-${TMPDIR:-/tmp}/isnad-bench}"
mkdir -p "$dir"
cargo build --release --quiet --bin isnad --example textbook
textbook="$dir/textbook-cg"
cp "${CARGO_TARGET_DIR:-target}/release/examples/textbook" "$textbook"
if [ -z "$bin" ]; then
    bin="$dir/isnad-cg"
    cp "${CARGO_TARGET_DIR:-target}/release/isnad" "$bin"
fi
corpus="$dir/corpus-200"
[ -d "$corpus" ] || python3 scripts/gen_corpus.py corpus --out "$corpus" --mb 200 >&2
gaz="$dir/gaz-$aliases"
[ -f "$gaz/zz_bench_padding.tsv" ] || python3 scripts/gen_corpus.py gazetteer --out "$gaz" \
    --aliases "$aliases" --corpus "$corpus" >&2
sample="$dir/sample-$docs"
if [ ! -d "$sample" ]; then
    mkdir -p "$sample"
    # The whole sorted list first: `head` closing a pipe under `pipefail` would stop the script.
    (cd "$corpus" && find . -name '*.txt' | LC_ALL=C sort) > "$dir/list-all"
    head -n "$docs" "$dir/list-all" | while read -r f; do
        mkdir -p "$sample/$(dirname "$f")"
        cp "$corpus/$f" "$sample/$f"
    done
fi

# Instructions of a run, and of its load (the function named LOAD, inclusive).
count() { # NAME LOAD PROGRAM ARGS...
    local name="$1" fn="$2"; shift 2
    valgrind --tool=callgrind --callgrind-out-file="$dir/cg.$name" "$@" > /dev/null 2>&1
    local total load
    total=$(sed -n 's/^totals: *//p' "$dir/cg.$name")
    load=$(callgrind_annotate --inclusive=yes "$dir/cg.$name" 2>/dev/null \
        | awk -v fn="$fn [" 'index($0, fn) && !n++ { gsub(",", "", $1); print $1 }')
    echo "$total ${load:-0}"
}
pl="isnad::pipeline::Pipeline::load"
read -r et el < <(count extract "$pl" "$bin" extract "$sample" --gazetteers "$gaz" --jobs 1 --out "$dir/out-cg" --quiet)
read -r bt bl < <(count bare "$pl" "$bin" extract "$sample" --gazetteers "$gaz" --jobs 1 --bare-scan)
read -r tt tl < <(count textbook "textbook::load_automaton" "$textbook" "$sample" --gazetteers gazetteers \
    --gazetteers "$gaz" --jobs 1)
awk -v et="$et" -v el="$el" -v bt="$bt" -v bl="$bl" -v tt="$tt" -v tl="$tl" -v d="$docs" -v a="$aliases" 'BEGIN {
    printf "| articles | aliases | extract Minstr | bare scan Minstr | textbook Minstr | load Minstr | extract / bare | extract / textbook |\n"
    printf "|---:|---:|---:|---:|---:|---:|---:|---:|\n"
    printf "| %d | %d | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f |\n", d, a, (et - el) / 1e6, (bt - bl) / 1e6,
        (tt - tl) / 1e6, el / 1e6, (et - el) / (bt - bl), (et - el) / (tt - tl) }'
