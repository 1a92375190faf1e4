#!/usr/bin/env python3
"""Benchmark inputs for isnad: a corpus of real news articles and padded gazetteers.

Usage (from the repository root; write into a temporary folder, never into the repository):

    python3 scripts/gen_corpus.py corpus  --out /tmp/bench/corpus-200 --mb 200
    python3 scripts/gen_corpus.py gazetteer --out /tmp/bench/gaz-100k --aliases 100000 \\
        --corpus /tmp/bench/corpus-200

`corpus` unpacks ../shared/corpus/bench/saudinewsnet/zips/*.zip (Arabic, one JSON array of
articles per day: title + content) and ../shared/corpus/bench/farsnews/*.json (Persian: title,
abstract, paragraphs) into one .txt per article, alternating Arabic and Persian and repeating the
articles until the folder holds --mb megabytes (the mix is the same at every size, so runs of
different sizes compare). Files go in sub-folders of 1000.

`gazetteer` writes ONE file, zz_bench_padding.tsv, to pass as `isnad extract --gazetteers DIR`:
it adds to the real gazetteers (gazetteers/*.tsv, counted) until the total reaches --aliases.
The padding is multi-word Arabic and Persian names, PERSON / ORG / GOV / GPE: most are random
2-4 word combinations of corpus words (realistic keys that seldom occur), and --hit-share of them
(default 2 %) are word n-grams taken from the corpus text itself, so they do match. Keys are
de-duplicated with a fold close to src/normalize.rs, so isnad reports few alias conflicts.

Deterministic for a given --seed.
"""

import argparse
import glob
import json
import os
import random
import re
import sys
import zipfile

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("ISNAD_SHARED", os.path.join(os.path.dirname(REPO), "shared"))


def arabic_articles():
    for z in sorted(glob.glob(os.path.join(SHARED, "corpus/bench/saudinewsnet/zips/*.zip"))):
        with zipfile.ZipFile(z) as zf:
            for name in sorted(zf.namelist()):
                if not name.endswith(".json"):
                    continue
                for a in json.loads(zf.read(name)):
                    text = "\n\n".join(p for p in (a.get("title", ""), a.get("content", "")) if p)
                    if text.strip():
                        yield text


def persian_articles():
    for f in sorted(glob.glob(os.path.join(SHARED, "corpus/bench/farsnews/*.json"))):
        with open(f, encoding="utf-8") as fh:
            for a in json.load(fh):
                parts = [a.get("title", ""), a.get("abstract", "")] + list(a.get("paragraphs", []))
                text = "\n\n".join(p for p in parts if p)
                if text.strip():
                    yield text


def corpus(args):
    ar = [t.encode("utf-8") for t in arabic_articles()]
    fa = [t.encode("utf-8") for t in persian_articles()]
    if not ar or not fa:
        sys.exit(f"gen_corpus: no articles found under {SHARED}/corpus/bench")
    target = int(args.mb * 1_000_000)
    total = n = 0
    rounds = 0
    while total < target:
        for i in range(max(len(ar), len(fa))):
            for lang, arts in (("ar", ar), ("fa", fa)):
                if i >= len(arts) or total >= target:
                    continue
                folder = os.path.join(args.out, f"{n // 1000:05d}")
                if n % 1000 == 0:
                    os.makedirs(folder, exist_ok=True)
                with open(os.path.join(folder, f"{lang}_{rounds:03d}_{i:06d}.txt"), "wb") as fh:
                    fh.write(arts[i])
                total += len(arts[i])
                n += 1
            if total >= target:
                break
        rounds += 1
    print(f"gen_corpus: {n} documents, {total / 1e6:.1f} MB ({len(ar)} Arabic and {len(fa)} Persian "
          f"articles, {rounds} round(s)) → {args.out}", file=sys.stderr)


def bigdoc(args):
    """One document of --mb megabytes: Arabic and Persian articles joined, on one line or not."""
    ar = [t for t in arabic_articles()][:2000]
    fa = [t for t in persian_articles()][:500]
    if not ar or not fa:
        sys.exit(f"gen_corpus: no articles found under {SHARED}/corpus/bench")
    target = int(args.mb * 1_000_000)
    sep = " " if args.single_line else "\n\n"
    parts, total, i = [], 0, 0
    while total < target:
        t = (ar if i % 3 else fa)[i % (len(ar) if i % 3 else len(fa))]
        if args.single_line:
            t = " ".join(t.split())
        b = len(t.encode("utf-8")) + len(sep)
        parts.append(t)
        total += b
        i += 1
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(sep.join(parts))
    print(f"gen_corpus: one document of {total / 1e6:.1f} MB ({i} articles) → {args.out}", file=sys.stderr)


MARKS = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d\u200e\u200f\u061c\u00ad\u06d6-\u06ed]")
FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ک": "ك",
                       "ؤ": "و", "ئ": "ي", "ۀ": "ه", "ة": "ه"})


def key(s):
    """Close to src/normalize.rs: drop marks, fold letters, lowercase, squeeze spaces."""
    return " ".join(MARKS.sub("", s).translate(FOLDS).lower().split())


WORD = re.compile(r"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]{3,}")


def gazetteer(args):
    real = 0
    real_keys = set()
    for f in sorted(glob.glob(os.path.join(REPO, "gazetteers", "*.tsv"))):
        with open(f, encoding="utf-8") as fh:
            for line in list(fh)[1:]:
                cols = line.rstrip("\n").split("\t")
                if len(cols) >= 5 and cols[4]:
                    real += 1
                    real_keys.add(key(cols[4]))
    need = args.aliases - real
    if need <= 0:
        sys.exit(f"gen_corpus: the real gazetteers already hold {real} aliases")
    rng = random.Random(args.seed)
    # Vocabulary and n-grams from a sample of the corpus.
    texts = []
    for root, _, files in sorted(os.walk(args.corpus)):
        for name in sorted(files)[:50]:
            with open(os.path.join(root, name), encoding="utf-8") as fh:
                texts.append(fh.read())
        if len(texts) >= 4000:
            break
    if not texts:
        sys.exit(f"gen_corpus: no .txt under {args.corpus}")
    words = []
    ngrams = []
    for t in texts:
        ws = WORD.findall(t)
        words.extend(ws)
        for i in range(0, max(0, len(ws) - 3), 7):
            ngrams.append(" ".join(ws[i:i + rng.choice((2, 2, 3))]))
    vocab = sorted(set(words))
    hits = sorted(set(ngrams))
    rng.shuffle(hits)
    n_hits = int(need * args.hit_share)
    labels = ["PERSON", "ORG", "GOV", "GPE"]
    seen = set(real_keys)
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "zz_bench_padding.tsv")
    written = hit_written = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write("entity_id\tcanonical\tlabel\tlang\talias\tflags\n")
        while written < need:
            if hit_written < n_hits and hits:
                alias = hits.pop()
                hit = True
            else:
                alias = " ".join(rng.choice(vocab) for _ in range(rng.choice((2, 2, 3, 3, 4))))
                hit = False
            k = key(alias)
            if k in seen:
                continue
            seen.add(k)
            n = written // 3  # three aliases per entity
            canonical = f"Bench Entity {n}"
            lang = "fa" if re.search("[پچژگکی]", alias) else "ar"
            out.write(f"bench_entity_{n}\t{canonical}\t{labels[n % 4]}\t{lang}\t{alias}\t\n")
            written += 1
            hit_written += hit
    print(f"gen_corpus: {real} real + {written} padding aliases ({hit_written} taken from the corpus) "
          f"→ {path}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("corpus", help="one .txt per article, repeated up to --mb")
    c.add_argument("--out", required=True)
    c.add_argument("--mb", type=float, default=20)
    g = sub.add_parser("gazetteer", help="a --gazetteers folder padding the real gazetteer")
    g.add_argument("--out", required=True)
    g.add_argument("--aliases", type=int, default=100_000)
    g.add_argument("--corpus", required=True, help="a folder written by `corpus`")
    g.add_argument("--hit-share", type=float, default=0.02)
    g.add_argument("--seed", type=int, default=7)
    b = sub.add_parser("bigdoc", help="one document of --mb megabytes (the size-growth benchmark)")
    b.add_argument("--out", required=True, help="the .txt file to write")
    b.add_argument("--mb", type=float, default=1)
    b.add_argument("--single-line", action="store_true", help="no line breaks at all")
    args = ap.parse_args()
    if os.path.abspath(args.out).startswith(REPO + os.sep):
        sys.exit("gen_corpus: write into a temporary folder, not into the repository")
    {"corpus": corpus, "gazetteer": gazetteer, "bigdoc": bigdoc}[args.cmd](args)


if __name__ == "__main__":
    main()
