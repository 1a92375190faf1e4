#!/usr/bin/env bash
# Readers test: the tables load in pandas and DuckDB with every row and every character intact,
# plain and with --excel, and formula-like cells are guarded only with --excel; datapackage.json
# describes the CSV tables (Frictionless `validate` passes, fields equal the headers) and the
# README's pandas recipes keep a doc_id `001` a string, for CSV and JSON Lines
# (see scripts/readers_test.py). pandas, duckdb and frictionless go into a venv in out/.readers-test.
set -euo pipefail
cd "$(dirname "$0")/.."

venv=out/.readers-test
if ! "$venv/bin/python" -c 'import pandas, duckdb, frictionless' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q pandas duckdb frictionless
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
# A file named directly is its own doc_id: `001`, which a reader that guesses types makes 1.
printf 'Microsoft said on Nov. 5, 2024 that Iranian hackers targeted the campaign.\n' >"$tmp/001"

rm -rf out/readers
"$isnad" extract fixtures/articles "$tmp/in" "$tmp/001" --gazetteers "$tmp/gaz" --out out/readers/plain -q
"$isnad" extract fixtures/articles "$tmp/in" "$tmp/001" --gazetteers "$tmp/gaz" --out out/readers/excel --excel -q
# Only numeric-looking ids: where pandas' guess turns `001` into 1.
"$isnad" extract "$tmp/001" --out out/readers/ids/csv -q
"$isnad" extract "$tmp/001" --out out/readers/ids/jsonl --format jsonl -q

# Frictionless checks every row against datapackage.json: types, primary and foreign keys, and
# that the header of each CSV is the schema's field names.
for style in plain excel; do
    "$venv/bin/frictionless" validate out/readers/$style/datapackage.json >"$tmp/validate.txt" 2>&1 || {
        cat "$tmp/validate.txt"
        echo "FAIL frictionless validate out/readers/$style/datapackage.json"
        exit 1
    }
    echo "frictionless: out/readers/$style/datapackage.json valid"
done

"$venv/bin/python" scripts/readers_test.py out/readers/plain out/readers/excel out/readers/ids fixtures/articles "$tmp/in" "$tmp/001"
