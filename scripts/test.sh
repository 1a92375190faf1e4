#!/usr/bin/env bash
# The whole test suite: Rust tests, then the suites that need other programs, each of which
# installs what it needs first (pandas/DuckDB/frictionless, openpyxl/LibreOffice, Chromium,
# PySpark; see each script).
# Usage: scripts/test.sh            # everything
#        ISNAD_QUICK=1 scripts/test.sh   # cargo test only
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test
if [ "${ISNAD_QUICK:-}" = 1 ]; then exit 0; fi
scripts/readers_test.sh
scripts/xlsx_test.sh
scripts/stix_test.sh
scripts/browser_test.sh
if [ -x scripts/test_spark.sh ]; then scripts/test_spark.sh; fi
