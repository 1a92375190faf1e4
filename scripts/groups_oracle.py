#!/usr/bin/env python3
"""Score the claim-grouping rule alone: run `isnad group` on the GOLD claims (gold speaker,
stance and cue; targets = the gold entity ids inside each claim's content span) and score the
result against a gold grouping, so that extraction errors (speaker, stance, cues) do not count.

    python3 scripts/groups_oracle.py --gold fixtures/gold --docs-table out/documents.csv \
        --groups fixtures/gold/claim_groups_gold.csv
    python3 scripts/groups_oracle.py --gold ../shared/gold/dev --docs-table /tmp/dev/documents.csv \
        --groups fixtures/gold/dev_claim_groups_gold.csv

`--docs-table` is the documents.csv of an `isnad extract` run over the same articles (for
each document's language and date). Relations are left empty (the gold relations have no
sentence index), so only content targets are used. Prints the `isnad eval --groups` lines.
With ORACLE_KEEP=DIR the tables are written to DIR and kept, for a closer look.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

CLAIMS = ["doc_id", "claim_id", "cue_start", "cue_end", "cue", "stance", "speaker_entity_id",
          "targets", "sentence"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", required=True)
    ap.add_argument("--docs-table", required=True)
    ap.add_argument("--groups", required=True)
    ap.add_argument("--isnad", default=os.path.join("target", "release", "isnad"))
    args = ap.parse_args()

    ents = defaultdict(list)
    with open(os.path.join(args.gold, "entities.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["entity_id"]:
                ents[r["doc_id"]].append((int(r["start"]), int(r["end"]), r["entity_id"]))
    with open(os.path.join(args.gold, "claims.csv"), encoding="utf-8") as f:
        claims = list(csv.DictReader(f))
    by_doc = defaultdict(list)
    for c in claims:
        by_doc[c["doc_id"]].append(c)

    with tempfile.TemporaryDirectory() as tmp:
        tmp = os.environ.get("ORACLE_KEEP", tmp)
        os.makedirs(tmp, exist_ok=True)
        with open(os.path.join(tmp, "claims.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(CLAIMS)
            for doc in sorted(by_doc):
                rows = sorted(by_doc[doc], key=lambda r: (int(r["cue_start"]), int(r["cue_end"])))
                for i, c in enumerate(rows):
                    cs, ce = int(c["content_start"]), int(c["content_end"])
                    ids = []
                    for s, e, eid in sorted(ents[doc]):
                        if s >= cs and e <= ce and eid not in ids:
                            ids.append(eid)
                    w.writerow([doc, c.get("claim_id") or f"c{i + 1}", c["cue_start"], c["cue_end"],
                                c["cue"], c["stance"], c["speaker_entity_id"], ";".join(ids), 0])
        with open(os.path.join(tmp, "relations.csv"), "w", encoding="utf-8") as f:
            f.write("doc_id,predicate,subject_entity_id,object_entity_id,sentence\n")
        with open(args.docs_table, encoding="utf-8") as src, \
                open(os.path.join(tmp, "documents.csv"), "w", encoding="utf-8") as dst:
            dst.write(src.read())
        with open(os.path.join(args.gold, "entities.csv"), encoding="utf-8") as src, \
                open(os.path.join(tmp, "entities.csv"), "w", encoding="utf-8") as dst:
            dst.write(src.read())
        subprocess.run([args.isnad, "group", tmp, "-q"], check=True)
        out = subprocess.run([args.isnad, "eval", "--gold", args.gold, "--pred", tmp,
                              "--groups", args.groups], check=True, capture_output=True, text=True)
        print(out.stdout[out.stdout.index("claim groups"):], end="")


if __name__ == "__main__":
    sys.exit(main())
