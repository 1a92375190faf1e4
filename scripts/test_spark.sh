#!/usr/bin/env bash
# Checks that scripts/spark_pipe.py (isnad under PySpark local mode, through RDD.pipe and
# `isnad extract --stdin-jsonl`, then `isnad group`) writes the same tables, byte for byte, as
# `isnad extract` on fixtures/articles. Installs pyspark with pip when it is missing (Java 17+
# must be on PATH). Prints "spark: N passed, N failed" and exits non-zero on any difference.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! python3 -c 'import pyspark' 2>/dev/null; then
    python3 -m pip install --quiet --disable-pip-version-check 'pyspark>=3.5'
fi
java -version >/dev/null 2>&1 || { echo "test_spark: java is not on PATH (PySpark needs Java 17+)" >&2; exit 2; }

cargo build --release --quiet
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# A private copy: a concurrent `cargo build` must not swap the binary between the two runs.
cp "${CARGO_TARGET_DIR:-target}/release/isnad" "$tmp/isnad"
isnad="$tmp/isnad"

export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"

# A second corpus with the awkward files: BOMs, UTF-16, Windows-1256, binary, empty, CRLF.
edge="$tmp/edge"
mkdir -p "$edge/sub"
cp fixtures/articles/ar/01_*.txt "$edge/a.txt"
printf '\xef\xbb\xbfMicrosoft said, "Iran lied."\r\nTehran denied it.\r\n' > "$edge/bom.txt"
python3 -c 'import sys; sys.stdout.buffer.write(b"\xff\xfe" + "قالت إيران إن الاتهامات سخيفة".encode("utf-16-le"))' > "$edge/sub/u16.TXT"
python3 -c 'import sys; sys.stdout.buffer.write("وصفت إيران الاتهامات بالسخيفة وقالت طهران".encode("cp1256"))' > "$edge/sub/cp1256.txt"
printf '\x00\x01PNG' > "$edge/binary.txt"
printf 'caf\xe9' > "$edge/latin1.txt"
: > "$edge/empty.txt"

passed=0
failed=0
for corpus in fixtures/articles "$edge"; do
    name=$(basename "$corpus")
    "$isnad" extract "$corpus" --out "$tmp/cli-$name" --quiet
    python3 scripts/spark_pipe.py "$corpus" --out "$tmp/spark-$name" --isnad "$isnad" --partitions 3
    for t in documents entities relations claims claim_groups; do
        if cmp -s "$tmp/cli-$name/$t.csv" "$tmp/spark-$name/$t.csv"; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
            echo "test_spark: $name/$t.csv differs:" >&2
            diff "$tmp/cli-$name/$t.csv" "$tmp/spark-$name/$t.csv" | head -20 >&2 || true
        fi
        echo "test_spark: $name/$t.csv: $(wc -l < "$tmp/cli-$name/$t.csv") lines"
    done
done
echo "spark: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
