#!/usr/bin/env bash
# STIX 2.1 export test (`isnad export --stix`): extracts the fixtures, exports their bundle twice
# (byte-identical), validates it with the OASIS validator (stix2-validator, Python API) with zero
# errors and no warnings but the documented ones (README, "isnad export --stix": {103} ids are
# UUIDv5, not v4; {202} relationship pairs the spec permits but does not suggest), and loads it
# with the stix2 library (stix2.parse, custom content not allowed: the x_isnad_ properties are
# declared by the bundle's extension-definition).
#
# Needs: python3 with venv and pip (PyPI); installs stix2-validator and stix2 into a venv in a
# temporary folder. Fails, never skips, when any of it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q stix2-validator stix2

cargo build --release --quiet
isnad=target/release/isnad
"$isnad" extract fixtures/articles --out "$tmp/out" -q
"$isnad" export --stix "$tmp/out" --out "$tmp/bundle.json"
"$isnad" export --stix "$tmp/out" >"$tmp/bundle2.json"
cmp "$tmp/bundle.json" "$tmp/bundle2.json"

"$tmp/venv/bin/python" - "$tmp/bundle.json" <<'PY'
import collections
import re
import sys

import stix2
import stix2validator

path = sys.argv[1]
res = stix2validator.validate_file(path, stix2validator.ValidationOptions(version="2.1"))
errors, warnings = [], collections.Counter()
for o in res.object_results:
    errors.extend(f"{o.object_id}: {e}" for e in o.errors)
    for w in o.warnings:
        m = re.search(r"\{(\d+)\}", str(w))
        warnings[m.group(1) if m else str(w)] += 1
documented = {"103", "202"}
other = {k: v for k, v in warnings.items() if k not in documented}
print(f"stix2-validator: {len(errors)} errors, "
      f"warnings {dict(sorted(warnings.items()))}")
if errors or not res.is_valid:
    print("\n".join(errors[:20]))
    sys.exit("stix_test: the bundle does not validate")
if other:
    sys.exit(f"stix_test: undocumented warnings {other}")
with open(path, encoding="utf-8") as f:
    bundle = stix2.parse(f.read(), allow_custom=False)
kinds = collections.Counter(o.type for o in bundle.objects)
print(f"stix2.parse: {len(bundle.objects)} objects {dict(sorted(kinds.items()))}")
for t in ("identity", "intrusion-set", "location", "report", "relationship", "note", "extension-definition"):
    assert kinds[t] > 0, f"no {t} object"
print("stix_test: 1 passed, 0 failed")
PY
