#!/usr/bin/env bash
# Time per MB of ONE document as it grows (see BENCHMARKS.md, "One big document").
#
#   scripts/bench_bigdoc.sh                      # 1, 4, 16 and 64 MB; news and dense text
#   scripts/bench_bigdoc.sh --mb "1 4 16" --kinds news
#
# Kinds of document (each one file, one line, no line break anywhere):
#   news     real SaudiNewsNet/FarsNews articles joined by spaces (../shared/corpus/bench)
#   dense    one title + reporting-verb phrase repeated: a mention and a cue every few words
#   stray    a guillemet that never closes, then reporting clauses: the quote-bound case
# For each kind and size: wall seconds, seconds per MB, peak RSS, and per-MB time relative
# to the smallest size of that kind (near-linear = stays within 2x). Inputs go to $BENCH_DIR
# (default ${TMPDIR:-/tmp}/isnad-bench/bigdoc), never into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

mbs="1 4 16 64"
kinds="news dense stray"
while [ $# -gt 0 ]; do
    case "$1" in
        --mb) mbs="$2"; shift 2 ;;
        --kinds) kinds="$2"; shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "bench_bigdoc: unknown argument $1" >&2; exit 2 ;;
    esac
done

dir="${BENCH_DIR:-${TMPDIR:-/tmp}/isnad-bench}/bigdoc"
mkdir -p "$dir"
cargo build --release --quiet
isnad="${CARGO_TARGET_DIR:-target}/release/isnad"

make_doc() { # KIND MB -> folder holding doc.txt
    local d="$dir/$1-$2"
    if [ ! -f "$d/doc.txt" ]; then
        mkdir -p "$d"
        case "$1" in
            news) python3 scripts/gen_corpus.py bigdoc --out "$d/doc.txt" --mb "$2" --single-line >&2 ;;
            dense) python3 -c "import sys; p='وقال المتحدث باسم الخارجية الإيرانية إن واشنطن اتهمت طهران '
n=int(float(sys.argv[1])*1e6)//len(p.encode()); open(sys.argv[2],'w').write(p*n)" "$2" "$d/doc.txt" ;;
            stray) python3 -c "import sys; p='قال إن الولايات المتحدة اتهمت إيران. '
n=int(float(sys.argv[1])*1e6)//len(p.encode()); open(sys.argv[2],'w').write('«'+p*n)" "$2" "$d/doc.txt" ;;
            *) echo "bench_bigdoc: unknown kind $1" >&2; exit 2 ;;
        esac
    fi
    echo "$d"
}

printf '%-6s %6s %9s %9s %9s %8s\n' kind MB seconds s/MB RSS_MB vs_first
for kind in $kinds; do
    first=""
    for mb in $mbs; do
        d="$(make_doc "$kind" "$mb")"
        size=$(stat -c %s "$d/doc.txt")
        out=$( { /usr/bin/time -f '%e %M' "$isnad" extract "$d" --out "$dir/out" --quiet --max-mb 1000 \
            >/dev/null; } 2>&1 | tail -1)
        secs=${out% *}
        rss=${out#* }
        python3 - "$kind" "$size" "$secs" "$rss" "${first:-}" <<'EOF'
import sys
kind, size, secs, rss, first = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
mb = size / 1e6
per = secs / mb
ratio = per / float(first) if first else 1.0
print(f"{kind:<6} {mb:6.1f} {secs:9.2f} {per:9.3f} {rss / 1024:9.0f} {ratio:7.2f}x")
EOF
        if [ -z "$first" ]; then first=$(python3 -c "print($secs / ($size / 1e6))"); fi
    done
done
