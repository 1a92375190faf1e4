//! Integration tests, one module per concern (ripgrep style).

// Workdir helper: temp folders, running the binary, reading CSV back.
mod util;
// End-to-end runs of the binary: exit codes, error messages, nothing half-written.
mod cli;
// Property tests of offsets and word boundaries.
mod offsets;
// Accuracy against gold annotations (seeds in ../shared, our own fixtures).
mod regression;
// Entity rules: names built from parts and found by structure, table-driven.
mod entities;
// Claim and relation rules, table-driven.
mod claims;
// Issue #13: who speaks a claim, table-driven.
mod speakers;
// The frame layer: relays (via) and the accusations a denial answers (responds_to).
mod frames;
// extract --stdin-jsonl: JSON Lines rows equal the CSV rows.
mod stream;
// Spreadsheet-safe CSV, JSON Lines tables and the HTML reading view.
mod report;
// extract --format xlsx (one typed workbook) and datapackage.json beside CSV tables.
mod workbook;
// Issue #11: document dates, dated roles, the STIX 2.1 export.
mod story;
// Issue #11: claim groups, `isnad group`, `eval --groups`.
mod groups;
