//! Pairwise scores of a predicted claim grouping against a gold one (`isnad eval --groups
//! FILE`).
//!
//! The gold grouping is a CSV of `doc_id,claim_id,group` (ids and labels only): `claim_id`
//! names a claim of the gold `claims.csv` (its `claim_id` column, or, for a gold table without
//! one, `c1`, `c2`, … in order of `cue_start` within each document, as the fixtures number
//! them); an optional `cue_start` column is checked against that claim. Every gold claim must
//! have a row. Predicted claims (`claims.csv` with `group_id`) are matched to gold claims as
//! `isnad eval` matches them: same document, overlapping cue spans, one-to-one, in order.
//! Over the matched claims, a pair is positive when both claims are in one group: precision is
//! the share of predicted positive pairs that are gold positive, recall the reverse. Pairs of
//! claims of two different documents are also scored alone (the cross-document grouping).
//! Unmatched claims (cue misses and false alarms) take part in no pair. When the gold claims
//! carry `responds_to` (the fixtures do), the `responds_to` of `claim_groups.csv` is scored as
//! links between groups: a gold link (denial → accusation, same article) is found when the
//! matched predicted denial's group lists the matched accusation's group.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use crate::error::{Error, Result};
use crate::eval::Prf;

/// Pairwise grouping scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupScores {
    /// Every pair of matched claims.
    pub pairs: Prf,
    /// Pairs whose claims are in different documents.
    pub cross_document: Prf,
    /// Claims matched to a gold claim.
    pub matched: usize,
    /// Gold groups among the matched claims.
    pub gold_groups: usize,
    /// Predicted groups among the matched claims.
    pub pred_groups: usize,
    /// `responds_to` of `claim_groups.csv` as links between groups, against the gold
    /// claim-level `responds_to` carried to the predicted groups of the matched claims; `None`
    /// when the gold claims have no `responds_to` column.
    pub responds_to: Option<Prf>,
}

/// One claim row: document, cue span, and its id or group.
struct Row {
    doc: String,
    start: usize,
    end: usize,
    key: String,
    line: u64,
    /// `responds_to` (`;`-separated claim ids), empty when the table has none.
    responds_to: String,
}

/// Reads `columns` of a CSV by header name; `optional` columns read as empty when absent.
fn read(path: &Path, columns: &[&str], optional: &[&str]) -> Result<Vec<(u64, Vec<String>)>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    let mut rdr = csv::ReaderBuilder::new().from_reader(file);
    let err = |e: csv::Error| Error::data(path, e.position().map(|p| p.line()), e.to_string());
    let header = rdr.headers().map_err(err)?.clone();
    let names: Vec<&str> = header.iter().map(|h| h.trim_start_matches('\u{feff}')).collect();
    let mut idx = Vec::new();
    for c in columns {
        match names.iter().position(|n| n == c) {
            Some(i) => idx.push(Some(i)),
            None if optional.contains(c) => idx.push(None),
            None => {
                let hint = if *c == super::table::GROUP_ID {
                    " (run `isnad group` on the prediction folder, or a newer `isnad extract`)"
                } else {
                    ""
                };
                return Err(Error::data(path, Some(1), format!("missing column `{c}`{hint}")));
            }
        }
    }
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(err)?;
        let line = rec.position().map_or(0, |p| p.line());
        out.push((line, idx.iter().map(|i| i.map_or(String::new(), |i| rec[i].to_string())).collect()));
    }
    Ok(out)
}

fn number(path: &Path, line: u64, col: &str, v: &str) -> Result<usize> {
    v.trim().parse().map_err(|_| Error::data(path, Some(line), format!("`{col}` is not a number: {v:?}")))
}

/// Claims of `path` with `key_col` as their key (empty when `optional`) and their
/// `responds_to`, if any.
fn claims(path: &Path, key_col: &str, optional: bool) -> Result<Vec<Row>> {
    let opt: &[&str] = if optional { &[key_col, "responds_to"] } else { &["responds_to"] };
    let mut out = Vec::new();
    for (line, f) in read(path, &["doc_id", "cue_start", "cue_end", key_col, "responds_to"], opt)? {
        let start = number(path, line, "cue_start", &f[1])?;
        let end = number(path, line, "cue_end", &f[2])?;
        let [doc, _, _, key, responds_to]: [String; 5] = f.try_into().expect("five columns");
        out.push(Row { doc, start, end, key, line, responds_to });
    }
    Ok(out)
}

/// Whether the CSV at `path` has `column` in its header.
fn has_column(path: &Path, column: &str) -> bool {
    let Ok(mut rdr) = csv::Reader::from_path(path) else { return false };
    rdr.headers().is_ok_and(|h| h.iter().any(|c| c.trim_start_matches('\u{feff}') == column))
}

/// Group-level `responds_to` links against the gold claim-level ones (see
/// [`GroupScores::responds_to`]); `groups` is the predicted `claim_groups.csv`.
fn score_responds(gold: &[Row], pred: &[Row], matched: &[(usize, usize)], groups: &Path) -> Result<Prf> {
    use std::collections::BTreeSet;
    let to_pred: HashMap<(&str, &str), usize> =
        matched.iter().map(|&(g, p)| ((gold[g].doc.as_str(), gold[g].key.as_str()), p)).collect();
    let mut want: BTreeSet<(&str, &str)> = BTreeSet::new();
    for g in gold {
        for a in g.responds_to.split(';').filter(|a| !a.is_empty()) {
            if let (Some(&d), Some(&t)) =
                (to_pred.get(&(g.doc.as_str(), g.key.as_str())), to_pred.get(&(g.doc.as_str(), a)))
            {
                want.insert((pred[d].key.as_str(), pred[t].key.as_str()));
            }
        }
    }
    let mut got: BTreeSet<(String, String)> = BTreeSet::new();
    for (_, f) in read(groups, &["group_id", "responds_to"], &[])? {
        for a in f[1].split(';').filter(|a| !a.is_empty()) {
            got.insert((f[0].clone(), a.to_string()));
        }
    }
    let tp = want.iter().filter(|(d, a)| got.contains(&(d.to_string(), a.to_string()))).count();
    Ok(Prf { tp, fp: got.len() - tp, fn_: want.len() - tp })
}

/// Gives gold claims without a `claim_id` the fixtures' numbering: `c1`, `c2`, … by
/// `cue_start` within each document.
fn number_claims(rows: &mut [Row]) {
    let mut by_doc: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        by_doc.entry(r.doc.clone()).or_default().push(i);
    }
    for idx in by_doc.values_mut() {
        idx.sort_by_key(|&i| (rows[i].start, rows[i].end, rows[i].line));
        for (k, &i) in idx.iter().enumerate() {
            if rows[i].key.is_empty() {
                rows[i].key = format!("c{}", k + 1);
            }
        }
    }
}

/// Scores the `group_id`s of `pred_claims` against the grouping `groups_file` of the claims of
/// `gold_claims` (see the module docs).
pub fn score(gold_claims: &Path, pred_claims: &Path, groups_file: &Path) -> Result<GroupScores> {
    let mut gold = claims(gold_claims, "claim_id", true)?;
    number_claims(&mut gold);
    let starts: HashMap<(&str, &str), usize> =
        gold.iter().map(|g| ((g.doc.as_str(), g.key.as_str()), g.start)).collect();
    let mut label: HashMap<(String, String), String> = HashMap::new();
    for (line, f) in read(groups_file, &["doc_id", "claim_id", "group", "cue_start"], &["cue_start"])? {
        let start = starts.get(&(f[0].as_str(), f[1].as_str()));
        if let (Some(&start), false) = (start, f[3].is_empty())
            && number(groups_file, line, "cue_start", &f[3])? != start
        {
            let msg = format!("{} {} starts at {start} in the gold claims, not {}", f[0], f[1], f[3]);
            return Err(Error::data(groups_file, Some(line), msg));
        }
        if label.insert((f[0].clone(), f[1].clone()), f[2].clone()).is_some() {
            return Err(Error::data(groups_file, Some(line), format!("{} {} has two rows", f[0], f[1])));
        }
    }
    if let Some(g) = gold.iter().find(|g| !label.contains_key(&(g.doc.clone(), g.key.clone()))) {
        let msg = format!(
            "gold claim {} of {} (cue_start {}) has no group in {}",
            g.key,
            g.doc,
            g.start,
            groups_file.display()
        );
        return Err(Error::data(gold_claims, Some(g.line), msg));
    }
    let pred = claims(pred_claims, super::table::GROUP_ID, false)?;
    let matched = match_claims(&gold, &pred);
    let pairs: Vec<(&str, &str, &str)> = matched
        .iter()
        .map(|&(g, p)| {
            (
                gold[g].doc.as_str(),
                label[&(gold[g].doc.clone(), gold[g].key.clone())].as_str(),
                pred[p].key.as_str(),
            )
        })
        .collect();
    let mut scores = count(&pairs);
    let groups = pred_claims.with_file_name(format!("{}.csv", super::table::TABLE));
    if has_column(gold_claims, "responds_to") && groups.is_file() {
        scores.responds_to = Some(score_responds(&gold, &pred, &matched, &groups)?);
    }
    Ok(scores)
}

/// Matched `(gold, prediction)` indexes: per document, each prediction (in cue order) takes the
/// first unused gold claim whose cue overlaps its own.
fn match_claims(gold: &[Row], pred: &[Row]) -> Vec<(usize, usize)> {
    let mut by_doc: BTreeMap<&str, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    for (i, g) in gold.iter().enumerate() {
        by_doc.entry(&g.doc).or_default().0.push(i);
    }
    for (i, p) in pred.iter().enumerate() {
        by_doc.entry(&p.doc).or_default().1.push(i);
    }
    let overlaps =
        |a: &Row, b: &Row| a.start.max(b.start) < a.end.min(b.end) || (a.start, a.end) == (b.start, b.end);
    let mut out = Vec::new();
    for (_, (mut g, mut p)) in by_doc {
        g.sort_by_key(|&i| (gold[i].start, gold[i].end, gold[i].line));
        p.sort_by_key(|&i| (pred[i].start, pred[i].end, pred[i].line));
        let mut used = vec![false; g.len()];
        for &pi in &p {
            if let Some(k) = (0..g.len()).find(|&k| !used[k] && overlaps(&gold[g[k]], &pred[pi])) {
                used[k] = true;
                out.push((g[k], pi));
            }
        }
    }
    out
}

/// Pairwise counts over `(document, gold label, predicted group)` triples.
pub fn count(items: &[(&str, &str, &str)]) -> GroupScores {
    let pairs = |n: usize| n * n.saturating_sub(1) / 2;
    let tally = |key: &dyn Fn(&(&str, &str, &str)) -> String| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for it in items {
            *m.entry(key(it)).or_default() += 1;
        }
        m
    };
    let gold = tally(&|t| t.1.to_string());
    let pred = tally(&|t| t.2.to_string());
    let both = tally(&|t| format!("{}\u{1}{}", t.1, t.2));
    let gold_in = tally(&|t| format!("{}\u{1}{}", t.0, t.1));
    let pred_in = tally(&|t| format!("{}\u{1}{}", t.0, t.2));
    let both_in = tally(&|t| format!("{}\u{1}{}\u{1}{}", t.0, t.1, t.2));
    let sum = |m: &HashMap<String, usize>| m.values().map(|&n| pairs(n)).sum::<usize>();
    let (g, p, tp) = (sum(&gold), sum(&pred), sum(&both));
    let (gi, pi, tpi) = (sum(&gold_in), sum(&pred_in), sum(&both_in));
    let prf = |tp: usize, g: usize, p: usize| Prf { tp, fp: p - tp, fn_: g - tp };
    GroupScores {
        pairs: prf(tp, g, p),
        cross_document: prf(tp - tpi, g - gi, p - pi),
        matched: items.len(),
        gold_groups: gold.len(),
        pred_groups: pred.len(),
        responds_to: None,
    }
}

/// One row of the groups table: `name`, then precision, recall, F1 and the counts of `p`.
fn prf_line(out: &mut String, name: &str, p: &Prf) {
    let _ = writeln!(
        out,
        "{name:<18}{:>7.3}{:>8.3}{:>8.3}{:>7}{:>7}{:>7}",
        p.precision(),
        p.recall(),
        p.f1(),
        p.tp,
        p.fp,
        p.fn_
    );
}

/// The lines `isnad eval --groups` prints after the other scores.
pub fn render(s: &GroupScores) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n{:<18}{:>7}{:>8}{:>8}{:>7}{:>7}{:>7}",
        "claim groups", "P", "R", "F1", "tp", "fp", "fn"
    );
    for (name, p) in [("pairs", &s.pairs), ("  cross-document", &s.cross_document)] {
        prf_line(&mut out, name, p);
    }
    if let Some(p) = &s.responds_to {
        prf_line(&mut out, "responds_to links", p);
    }
    let _ = writeln!(
        out,
        "matched claims    {} (gold groups {}, predicted groups {})",
        s.matched, s.gold_groups, s.pred_groups
    );
    out
}
