"""Reads isnad's tables the way analysts do (pandas, DuckDB) and checks that nothing is lost.

usage: readers_test.py PLAIN_DIR EXCEL_DIR ARTICLES_DIR [ARTICLES_DIR ...]

PLAIN_DIR holds the tables of `isnad extract`, EXCEL_DIR those of the same run with `--excel`;
the ARTICLES_DIRs are the folders the run read (doc_id = path relative to one of them).

Checks, for both outputs: pandas and DuckDB (read_csv_auto) load all four tables with the row
count of Python's csv module and the same columns; every entity `text`, claim `cue` and claim
`content` cell equals the article sliced by its code-point offsets, byte for byte (so Arabic and
Persian text, CRLF, ZWNJ and diacritics round-trip); a cell starting `=HYPERLINK(` is verbatim in
the plain tables and guarded as `'=HYPERLINK(` in the spreadsheet-safe ones.
"""

import csv
import os
import sys

import duckdb
import pandas as pd

TABLES = ["documents", "entities", "relations", "claims"]
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
            p = os.path.join(root, *doc_id.split("/"))
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


def main():
    plain_dir, excel_dir, *roots = sys.argv[1:]
    con = duckdb.connect()
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
