"""Reads isnad's tables the way analysts do (pandas, DuckDB) and checks that nothing is lost.

usage: readers_test.py PLAIN_DIR EXCEL_DIR IDS_DIR ARTICLES [ARTICLES ...]

PLAIN_DIR holds the tables of `isnad extract`, EXCEL_DIR those of the same run with `--excel`;
IDS_DIR/csv and IDS_DIR/jsonl the tables (CSV, JSON Lines) of a run on one document named
`001`; the ARTICLES are the folders the run read (doc_id = path
relative to one of them) and files it was given by name (doc_id = the file's name).

Checks, for both outputs: pandas and DuckDB (read_csv_auto) load all four tables with the row
count of Python's csv module and the same columns; every entity `text`, claim `cue` and claim
`content` cell equals the article sliced by its code-point offsets, byte for byte (so Arabic and
Persian text, CRLF, ZWNJ and diacritics round-trip); a cell starting `=HYPERLINK(` is verbatim in
the plain tables and guarded as `'=HYPERLINK(` in the spreadsheet-safe ones. `datapackage.json`
lists, for each table, exactly the CSV header as its fields, `doc_id` as a string and the
offsets and counts as integers; read with the types it gives, every cell is the csv module's.
The README's recipes (`dtype={"doc_id": str}` for read_csv and read_json) keep the doc_id `001`
a string, where pandas' default guess makes it 1.
"""

import json

import csv
import os
import sys

import duckdb
import pandas as pd

TABLES = ["documents", "entities", "relations", "claims", "claim_groups"]
FORMULA = ("=", "+", "-", "@", "\t", "\r")
SPANS = {"entities": [("text", "start", "end")], "claims": [("cue", "cue_start", "cue_end"), ("content", "content_start", "content_end")]}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def unguard(cell):
    """Undoes --excel's formula guard."""
    if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA:
        return cell[1:]
    return cell


def load_articles(roots, doc_ids):
    texts = {}
    for doc_id in doc_ids:
        for root in roots:
            p = root if os.path.isfile(root) else os.path.join(root, *doc_id.split("/"))
            if os.path.isfile(root) and os.path.basename(root) != doc_id:
                continue
            if os.path.isfile(p):
                # newline="" keeps CRLF: offsets count every code point of the file.
                with open(p, encoding="utf-8-sig", newline="") as f:
                    texts[doc_id] = f.read()
                break
    return texts


def check_spans(reader, style, table, records, texts, langs, counts):
    for col, s, e in SPANS.get(table, []):
        for r in records:
            doc = texts.get(r["doc_id"])
            if doc is None:
                continue
            want = doc[int(r[s]) : int(r[e])]
            got = r[col]
            if style == "excel":
                got = unguard(got)
            if got != want:
                fail(f"{reader}/{style}/{table}.{col} {r['doc_id']} [{r[s]},{r[e]}): {got!r} != article {want!r}")
            else:
                counts[langs.get(r["doc_id"], "und")] = counts.get(langs.get(r["doc_id"], "und"), 0) + 1


def check_datapackage(style, d):
    """datapackage.json: fields = CSV headers, types as the tables hold them."""
    package = json.load(open(os.path.join(d, "datapackage.json"), encoding="utf-8"))
    resources = {r["name"]: r for r in package["resources"]}
    if sorted(resources) != sorted(TABLES):
        fail(f"{style}/datapackage.json: resources {sorted(resources)}")
        return
    for table in TABLES:
        r = resources[table]
        path = os.path.join(d, r["path"])
        rows = csv_rows(path)
        with open(path, encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f))
        fields = r["schema"]["fields"]
        if [f["name"] for f in fields] != header:
            fail(f"{style}/datapackage.json {table}: fields {[f['name'] for f in fields]} != header {header}")
        types = {f["name"]: f["type"] for f in fields}
        key = "group_id" if table == "claim_groups" else "doc_id"
        if types.get(key) != "string":
            fail(f"{style}/datapackage.json {table}: {key} is {types.get(key)}, not string")
        for row in rows:
            for col, v in row.items():
                if types[col] == "integer" and not (v.isascii() and v.isdigit()):
                    fail(f"{style}/{table}.{col}: {v!r} is not of type {types[col]}")
                    break
        # Read with the types the package gives: every cell as the csv module reads it.
        dtypes = {name: ("int64" if t == "integer" else str) for name, t in types.items()}
        df = pd.read_csv(path, dtype=dtypes, keep_default_na=False, encoding="utf-8-sig")
        got = [{k: str(v) for k, v in rec.items()} for rec in df.to_dict("records")]
        if got != rows:
            fail(f"pandas(datapackage dtypes)/{style}/{table}: cells differ from the csv module's")
    print(f"{style}/datapackage.json: fields equal the headers of {len(TABLES)} tables; pandas reads them with its types")


def check_readme_recipes(ids_dir):
    """The README's pandas lines keep doc_id `001` a string, where pandas' guess makes it 1."""
    csv_path = os.path.join(ids_dir, "csv", "entities.csv")
    jsonl_path = os.path.join(ids_dir, "jsonl", "entities.jsonl")
    want = [r["doc_id"] for r in csv_rows(csv_path)]
    if not want or set(want) != {"001"}:
        fail(f"the run on 001 has entity doc_ids {sorted(set(want))}: the test input lost it")
    guessed = {
        "read_csv()": pd.read_csv(csv_path)["doc_id"].tolist(),
        "read_json(lines=True)": pd.read_json(jsonl_path, lines=True)["doc_id"].tolist(),
    }
    recipes = {
        "read_csv(dtype={'doc_id': str})": pd.read_csv(csv_path, dtype={"doc_id": str})["doc_id"].tolist(),
        "read_json(lines=True, dtype={'doc_id': str})": pd.read_json(jsonl_path, lines=True, dtype={"doc_id": str})["doc_id"].tolist(),
    }
    for name, got in recipes.items():
        if got != want:
            fail(f"README recipe {name}: doc_ids {got[:3]} != {want[:3]}")
    print(f"README recipes keep doc_id '001' ({len(want)} entity rows); without dtype pandas reads "
          + ", ".join(f"{k} -> {v[0]!r}" for k, v in guessed.items()))


def main():
    plain_dir, excel_dir, ids_dir, *roots = sys.argv[1:]
    con = duckdb.connect()
    check_readme_recipes(ids_dir)
    for style, d in [("plain", plain_dir), ("excel", excel_dir)]:
        check_datapackage(style, d)
    for style, d in [("plain", plain_dir), ("excel", excel_dir)]:
        raw = open(os.path.join(d, "documents.csv"), "rb").read()
        if (style == "excel") != raw.startswith(b"\xef\xbb\xbf"):
            fail(f"{style}/documents.csv: BOM {'missing' if style == 'excel' else 'present'}")
        docs = csv_rows(os.path.join(d, "documents.csv"))
        langs = {r["doc_id"]: r["lang"] for r in docs}
        texts = load_articles(roots, [r["doc_id"] for r in docs if r["status"] == "ok"])
        for table in TABLES:
            path = os.path.join(d, f"{table}.csv")
            want = csv_rows(path)
            header = list(want[0].keys()) if want else None
            # pandas, as strings (what a careful analyst does), and with its default inference.
            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            if len(df) != len(want):
                fail(f"pandas/{style}/{table}: {len(df)} rows, csv module {len(want)}")
            if header and list(df.columns) != header:
                fail(f"pandas/{style}/{table}: columns {list(df.columns)} != {header}")
            if len(pd.read_csv(path, encoding="utf-8-sig")) != len(want):
                fail(f"pandas(default dtypes)/{style}/{table}: row count differs")
            # DuckDB's sniffer, then all columns as text for the comparison.
            q = path.replace("'", "''")
            n = con.execute(f"SELECT count(*) FROM read_csv_auto('{q}')").fetchone()[0]
            if n != len(want):
                fail(f"duckdb/{style}/{table}: {n} rows, csv module {len(want)}")
            cur = con.execute(f"SELECT * FROM read_csv_auto('{q}', all_varchar=true)")
            columns = [c[0] for c in cur.description]
            if header and columns != header:
                fail(f"duckdb/{style}/{table}: columns {columns} != {header}")
            db = [dict(zip(columns, ["" if v is None else v for v in row])) for row in cur.fetchall()]
            counts = {}
            check_spans("pandas", style, table, df.to_dict("records"), texts, langs, counts)
            check_spans("duckdb", style, table, db, texts, langs, {})
            # Every cell, through both readers, equals the csv module's cell.
            for reader, rows in [("pandas", df.to_dict("records")), ("duckdb", db)]:
                for i, (a, b) in enumerate(zip(rows, want)):
                    if a != b:
                        diff = {k: (a.get(k), b[k]) for k in b if a.get(k) != b[k]}
                        fail(f"{reader}/{style}/{table} row {i + 1}: {diff}")
                        break
            for r in want:
                for col, cell in r.items():
                    if style == "excel" and cell[:1] in FORMULA and not cell.lstrip("-").isdigit():
                        fail(f"excel/{table}.{col}: unguarded formula cell {cell[:40]!r}")
            if SPANS.get(table):
                print(f"{style}/{table}: {len(want)} rows; spans round-trip by language: {dict(sorted(counts.items()))}")
            else:
                print(f"{style}/{table}: {len(want)} rows")
    # Each =HYPERLINK( cell of the plain run is a '=HYPERLINK( cell of the --excel run.
    plain = [(t, i, c) for t in TABLES for i, r in enumerate(csv_rows(os.path.join(plain_dir, f"{t}.csv"))) for c, v in r.items() if v.startswith("=HYPERLINK(")]
    excel_rows = {t: csv_rows(os.path.join(excel_dir, f"{t}.csv")) for t in TABLES}
    plain_rows = {t: csv_rows(os.path.join(plain_dir, f"{t}.csv")) for t in TABLES}
    if not plain:
        fail("no cell starting =HYPERLINK( in the plain tables")
    for t, i, c in plain:
        if excel_rows[t][i][c] != "'" + plain_rows[t][i][c]:
            fail(f"excel/{t} row {i + 1} {c}: {excel_rows[t][i][c][:30]!r} is not the guarded plain cell")
    print(f"=HYPERLINK( cells: {len(plain)} verbatim in plain, guarded in excel ({', '.join(sorted({t + '.' + c for t, _, c in plain}))})")
    en01 = [r for r in plain_rows["claims"] if r["doc_id"] == "en/01_microsoft_iran_wire.txt" and r["content"].startswith("=HYPERLINK(")]
    if en01:
        print(f"en/01 claim {en01[0]['claim_id']}: content starts =HYPERLINK( (checked above)")
    else:
        print("note: en/01's =HYPERLINK( claim content is not extracted by this build; the extra article covers the check")
    print(f"{len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
