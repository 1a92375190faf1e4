#!/usr/bin/env python3
"""Scores predicted tables against gold per language (the README's per-language tables).

    python3 scripts/eval_by_lang.py --gold ../shared/gold/dev --pred /tmp/dev [--bin target/release/isnad]

Splits the gold and predicted CSVs by the language `documents.csv` of the prediction gives each
document (ar, fa, en), writes them to a temporary folder and runs `isnad eval` on each part.
"""
import argparse
import csv
import os
import subprocess
import sys
import tempfile


def split(src, dst, docs, name):
    path = os.path.join(src, name)
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    with open(os.path.join(dst, name), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(rows[0])
        for r in rows[1:]:
            if r and r[0] in docs:
                w.writerow(r)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--bin", default="target/release/isnad")
    ap.add_argument("--lines", default="strict,GOV,ORG,PERSON,linking,cue,speaker,stance,full claim,all ")
    args = ap.parse_args()
    with open(os.path.join(args.pred, "documents.csv"), encoding="utf-8", newline="") as fh:
        langs = {}
        for r in csv.DictReader(fh):
            langs.setdefault(r["lang"], set()).add(r["doc_id"])
    keep = [k.strip() for k in args.lines.split(",")]
    for lang in ("ar", "fa", "en"):
        docs = langs.get(lang, set())
        if not docs:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            gold, pred = os.path.join(tmp, "gold"), os.path.join(tmp, "pred")
            os.makedirs(gold)
            os.makedirs(pred)
            for name in os.listdir(args.gold):
                if name.endswith(".csv"):
                    split(args.gold, gold, docs, name)
            for name in os.listdir(args.pred):
                if name.endswith(".csv"):
                    split(args.pred, pred, docs, name)
            out = subprocess.run([args.bin, "eval", "--gold", gold, "--pred", pred],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                sys.exit(out.stderr)
            print(f"== {lang} ({len(docs)} documents)")
            for line in out.stdout.splitlines():
                if any(line.strip().startswith(k.strip()) for k in keep):
                    print(line)


if __name__ == "__main__":
    main()
