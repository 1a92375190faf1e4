#!/usr/bin/env bash
# Readers test: the tables load in pandas and DuckDB with every row and every character intact,
# plain and with --excel, and formula-like cells are guarded only with --excel
# (see scripts/readers_test.py). pandas and duckdb go into a venv in out/.readers-test.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=out/.readers-test
if ! "$venv/bin/python" -c 'import pandas, duckdb' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q pandas duckdb
fi

cargo build --release --quiet
isnad=target/release/isnad

# Beside the fixtures: a gazetteer entity whose canonical name is a formula, so that a
# =HYPERLINK( cell exists whatever the claim rules find in en/01.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/gaz" "$tmp/in/zz"
printf 'entity_id\tcanonical\tlabel\tlang\talias\tflags\nhyperlink_http_example_com\t=HYPERLINK("http://example.com")\tORG\ten\tZorblax Industries\t\n' \
    >"$tmp/gaz/zz_formula.tsv"
printf 'Zorblax Industries said on Monday that the attachment was harmless.\r\n-5 degrees, said Microsoft.\r\n' \
    >"$tmp/in/zz/formula.txt"

rm -rf out/readers
"$isnad" extract fixtures/articles "$tmp/in" --gazetteers "$tmp/gaz" --out out/readers/plain -q
"$isnad" extract fixtures/articles "$tmp/in" --gazetteers "$tmp/gaz" --out out/readers/excel --excel -q

"$venv/bin/python" scripts/readers_test.py out/readers/plain out/readers/excel fixtures/articles "$tmp/in"
