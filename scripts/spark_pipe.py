#!/usr/bin/env python3
"""Run isnad under PySpark: pipe a folder of .txt articles through `isnad extract --stdin-jsonl`
with RDD.pipe and write the same four CSV tables `isnad extract FOLDER` writes, byte for byte.

Usage (from the repository root, after `cargo build --release`):

    python3 scripts/spark_pipe.py fixtures/articles --out out-spark
    python3 scripts/spark_pipe.py CORPUS --out OUT --master local[2] --partitions 8 \
        --isnad target/release/isnad --gazetteers my-gazetteers

How it stays identical to `isnad extract`:

- the driver lists the documents the way `isnad` walks (recursive, symlinks followed, `*.txt`
  in any case; doc_id = the path relative to the folder with `/`), sorted by doc_id;
- each executor reads its files and decodes them the way `src/input.rs` does (UTF-8 and UTF-16
  by BOM, NUL bytes = binary, UTF-8, else Windows-1256 when the text is mostly Arabic), then
  sends `{"doc_id", "text", "encoding"}` lines, or `{"doc_id", "error"}` for a file it cannot
  decode, to one `isnad extract --stdin-jsonl` process per partition;
- partitions are contiguous runs of the sorted list and `toLocalIterator` returns them in order,
  so rows arrive sorted by doc_id (checked) and are written as they arrive (the driver never holds
  the corpus), with the CSV quoting of Rust's `csv` crate (quote a field holding `,` `"` CR or LF);
- each table is written to NAME.csv.tmp and renamed only when all four are complete;
- then `isnad group OUT` (the reduce step) adds claim_groups.csv and the group_id column of
  claims.csv, as `isnad extract` does after its last chunk.

On a real cluster the input folder must be readable by the executors (shared or network file
system) and the isnad binary present at the same path on every node.
"""

import argparse
import json
import os
import shlex
import subprocess
import sys

TABLES = {
    "documents": ["doc_id", "lang", "encoding", "chars", "sentences", "entities", "relations",
                  "claims", "status", "error", "date", "date_source"],
    "entities": ["doc_id", "mention_id", "start", "end", "text", "label", "entity_id", "canonical",
                 "source", "alias", "sentence", "calendar"],
    "relations": ["doc_id", "relation_id", "predicate", "subject_mention_id", "subject_entity_id",
                  "subject_text", "object_mention_id", "object_entity_id", "object_text", "detail",
                  "sentence", "evidence", "rule"],
    "claims": ["doc_id", "claim_id", "cue_start", "cue_end", "cue", "stance",
               "speaker_mention_id", "speaker_entity_id", "speaker_text", "quote", "content_start",
               "content_end", "content", "targets", "sentence", "rule", "via", "responds_to",
               "speaker_person_id"],
}


def walk(root):
    """(doc_id, path) of every *.txt under root, sorted by doc_id (code-point order, as isnad)."""
    if not os.path.isdir(root):
        return [(os.path.basename(root), root)]
    out = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        dirnames.sort()
        for name in filenames:
            path = os.path.join(dirpath, name)
            if name.lower().endswith(".txt") and os.path.isfile(path):
                rel = os.path.relpath(path, root)
                out.append(("/".join(rel.split(os.sep)), path))
    out.sort(key=lambda p: p[0])
    return out


def is_arabic_letter(c):
    o = ord(c)
    return (0x0620 <= o <= 0x064A or 0x066E <= o <= 0x06D3 or 0x06FA <= o <= 0x06FF
            or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF)


def mostly_arabic(text):
    arabic = other = 0
    for c in text:
        if ord(c) < 128:
            continue
        if is_arabic_letter(c):
            arabic += 1
        else:
            other += 1
    return arabic >= 8 and arabic * 10 >= (arabic + other) * 8


def decode(data):
    """(text, encoding) or raises ValueError(reason), as src/input.rs `decode` (Encoding::Auto)."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8"
        except UnicodeDecodeError as e:
            raise ValueError(f"invalid UTF-8 at byte {e.start + 3}")
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        name = "utf-16le" if data[0] == 0xFF else "utf-16be"
        try:
            return data[2:].decode("utf-16-le" if name == "utf-16le" else "utf-16-be"), name
        except UnicodeDecodeError:
            raise ValueError(f"invalid {name} text")
    if b"\0" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as e:
        text = data.decode("cp1256", errors="replace")
        if mostly_arabic(text):
            return text, "windows-1256"
        raise ValueError(f"invalid UTF-8 at byte {e.start} (not Windows-1256 Arabic either; try --encoding)")


def to_line(item, max_bytes):
    """One input line of `isnad extract --stdin-jsonl` for (doc_id, path)."""
    doc_id, path = item
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            reason = (f"file is {size // 1_000_000} MB, larger than the limit of "
                      f"{max_bytes // 1_000_000} MB (--max-mb)")
            return json.dumps({"doc_id": doc_id, "error": reason}, ensure_ascii=False)
        with open(path, "rb") as f:
            data = f.read()
        text, encoding = decode(data)
        return json.dumps({"doc_id": doc_id, "text": text, "encoding": encoding}, ensure_ascii=False)
    except ValueError as e:
        return json.dumps({"doc_id": doc_id, "error": str(e)}, ensure_ascii=False)
    except OSError as e:
        return json.dumps({"doc_id": doc_id, "error": " ".join(str(e.strerror or e).split())},
                          ensure_ascii=False)


def csv_field(v):
    """A field as Rust's csv crate writes it (QuoteStyle::Necessary, `\\n` terminator)."""
    s = str(v)
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", help="folder of .txt articles")
    ap.add_argument("--out", default="out-spark", help="output folder for the four CSV tables")
    ap.add_argument("--isnad", default=None, help="isnad binary (default: target/release/isnad)")
    ap.add_argument("--master", default="local[2]", help="Spark master (default local[2])")
    ap.add_argument("--partitions", type=int, default=2, help="partitions = isnad processes")
    ap.add_argument("--jobs", type=int, default=1, help="threads of each isnad process")
    ap.add_argument("--gazetteers", help="passed to isnad --gazetteers")
    ap.add_argument("--rules", help="passed to isnad --rules")
    ap.add_argument("--max-mb", type=int, default=100, help="as isnad --max-mb")
    args = ap.parse_args()

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(repo, "target"))
    isnad = os.path.abspath(args.isnad or os.path.join(target, "release", "isnad"))
    if not os.access(isnad, os.X_OK):
        sys.exit(f"spark_pipe: no isnad binary at {isnad} (run cargo build --release or pass --isnad)")
    cmd = [isnad, "extract", "--stdin-jsonl", "--jobs", str(args.jobs), "--quiet"]
    for flag, value in (("--gazetteers", args.gazetteers), ("--rules", args.rules)):
        if value:
            cmd += [flag, os.path.abspath(value)]

    files = walk(args.folder)
    if not files:
        sys.exit(f"spark_pipe: no .txt document found under {args.folder}")
    max_bytes = args.max_mb * 1_000_000

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession  # imported late: --help works without pyspark

    spark = (SparkSession.builder.master(args.master).appName("isnad")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        rows = (spark.sparkContext.parallelize(files, max(1, min(args.partitions, len(files))))
                .map(lambda item: to_line(item, max_bytes))
                .pipe(shlex.join(cmd), checkCode=True))
        write_tables(args.out, rows.toLocalIterator())
    finally:
        spark.stop()
    # The reduce step: claim groups are corpus level (claim_groups.csv and the group_id column
    # of claims.csv), computed once from the four complete tables.
    subprocess.run([isnad, "group", args.out, "--quiet"], check=True)
    print(f"spark_pipe: {len(files)} documents → {args.out}", file=sys.stderr)


def write_tables(out, lines):
    os.makedirs(out, exist_ok=True)
    tmp = {t: os.path.join(out, f"{t}.csv.tmp") for t in TABLES}
    files = {t: open(p, "w", encoding="utf-8", newline="") for t, p in tmp.items()}
    try:
        for t, cols in TABLES.items():
            files[t].write(",".join(cols) + "\n")
        last = None
        for line in lines:
            row = json.loads(line)
            table = row.pop("table")
            cols = TABLES[table]
            if list(row) != cols:
                raise SystemExit(f"spark_pipe: {table} row has columns {list(row)}, expected {cols}")
            if table == "documents":
                if last is not None and row["doc_id"] < last:
                    raise SystemExit(f"spark_pipe: rows out of order: {row['doc_id']} after {last}")
                last = row["doc_id"]
            files[table].write(",".join(csv_field(row[c]) for c in cols) + "\n")
        for f in files.values():
            f.close()
        for t, p in tmp.items():
            os.replace(p, os.path.join(out, f"{t}.csv"))
    except BaseException:
        for f in files.values():
            f.close()
        for p in tmp.values():
            if os.path.exists(p):
                os.remove(p)
        raise


if __name__ == "__main__":
    main()
