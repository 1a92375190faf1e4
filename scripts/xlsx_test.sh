#!/usr/bin/env bash
# Workbook test (`extract --format xlsx`): reads isnad.xlsx back with openpyxl and converts it
# with headless LibreOffice to CSV, and checks that every cell equals the CSV tables of the same
# run: text stays text (English dates, ISO dates, years, `001`, formula-like cells), offsets and
# counts are numbers, every `text` cell is the article at its offsets (see scripts/xlsx_test.py).
#
# Needs: LibreOffice Calc (installed with apt-get when missing), openpyxl (pip, into the venv
# out/.readers-test that readers_test.sh also uses).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc >/dev/null
fi
venv=out/.readers-test
if ! "$venv/bin/python" -c 'import openpyxl' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q openpyxl
fi

cargo build --release --quiet
isnad=target/release/isnad

# Beside the fixtures: cells a spreadsheet would turn into dates, numbers or formulas. A file
# named directly is its own doc_id, so this one's is `001`.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/gaz"
printf 'entity_id\tcanonical\tlabel\tlang\talias\tflags\nhyperlink_http_example_com\t=HYPERLINK("http://example.com")\tORG\ten\tZorblax Industries\t\n' \
    >"$tmp/gaz/zz_formula.tsv"
printf 'Microsoft said on Nov. 5, 2024 that Iranian hackers targeted the campaign of Donald Trump.\r\nOn Aug. 19 the FBI said that on August 9, 2024 Zorblax Industries was hit, and in 2020 too.\r\n-5 degrees, said Microsoft.\r\n' \
    >"$tmp/001"
# A tab inside a sentence and a literal `_x000D_` (the form xlsx escapes a CR in).
mkdir -p "$tmp/in"
printf 'Microsoft said\tthat Iran lied about _x000D_ codes and Tehran.\n' >"$tmp/in/escapes.txt"

rm -rf out/xlsx
"$isnad" extract fixtures/articles "$tmp/in" "$tmp/001" --gazetteers "$tmp/gaz" --out out/xlsx/book --format xlsx -q
"$isnad" extract fixtures/articles "$tmp/in" "$tmp/001" --gazetteers "$tmp/gaz" --out out/xlsx/csv -q

# Every sheet (-1) to UTF-8 CSV (76), comma (44), double quotes (34), raw cell contents
# (token 9 false: not "as shown"), no formulas.
mkdir -p out/xlsx/lo
soffice -env:UserInstallation="file://$tmp/lo-profile" --headless \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir out/xlsx/lo out/xlsx/book/isnad.xlsx >/dev/null 2>&1

"$venv/bin/python" scripts/xlsx_test.py out/xlsx/book out/xlsx/csv out/xlsx/lo fixtures/articles "$tmp/in" "$tmp/001"
