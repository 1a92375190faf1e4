//! Claim groups (issue #11 item 2): the same claim across documents and languages.
//!
//! A group is one speaker's one statement with one stance about the same parties, however many
//! times the press repeats or relays it. This module owns the grouping **rule** and nothing
//! else: [`group`] takes the claims of a corpus (one [`ClaimIn`] per `claims.csv` row, already
//! joined with its document's date and language and its relations) and returns the groups.
//! Reading the tables and writing `claim_groups.csv` and the `group_id` column is
//! [`table`]'s; scoring a grouping against a gold one is [`score`]'s.
//!
//! # The rule
//!
//! 1. **Targets.** A claim's targets are the entity ids of its `targets` column (the entities
//!    named inside its content) together with the objects of the `ACCUSES` and `DENIES`
//!    relations of its document whose subject is the claim's speaker and that stand in the
//!    claim's sentence (the accused, and the owner of the denied claim), less the speaker.
//! 2. **Two claims belong together** when they have the same non-empty speaker and the same
//!    stance, and
//!    - they stand in the same document (one article reports one statement of a speaker with
//!      one stance; a claim that names no one, `وأضاف أن ...`, continues it), or
//!    - both documents are dated, at most [`GROUP_DAYS`] days apart, and the claims have a
//!      target in common, or
//!    - at least one of the documents has no date and the claims have **two** targets in
//!      common (without a date, one shared country such as `united_states` would join
//!      statements years apart); such a link is not made when it would join two groups whose
//!      dates are more than [`GROUP_DAYS`] apart (an undated report of a statement made twice,
//!      years apart, joins the first of them, in `(doc_id, cue_start)` order).
//!
//!    A date is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, read as the range of days it covers; two
//!    ranges are "d days apart" when the gap between them is d (0 when they overlap: `2024` and
//!    `2024-03-05` agree).
//! 3. **Groups** are the connected components of that relation (claims chain: a story
//!    reported over three weeks is one group when each report is within [`GROUP_DAYS`] of the
//!    next). A claim without a speaker is a group of its own.
//! 4. **Responds to.** A `DENY` group answers an accusation group (stance `ACCUSE` or `WARN`)
//!    when one of its claims answers one of the accusation's claims in their document (the
//!    claim-level `responds_to` of `claims.csv`), or when the denier is among the accusation's
//!    targets (the accusation blamed it), the accuser is among the denial's targets (`Tehran
//!    rejects Microsoft's claims`) and their dates are at most [`RESPOND_DAYS`] days apart.
//!
//! Group ids are `g1`, `g2`, … in the order of each group's first claim by `(doc_id,
//! cue_start, claim_id)`: a function of the rows, never of the order they were written in, so
//! they are the same for any `--jobs` and `--chunk`, and after `--stdin-jsonl`.

pub mod score;
pub mod table;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::calendar::Calendar;

/// Two claims are grouped only when their documents' dates are at most this many days apart.
pub const GROUP_DAYS: i64 = 14;

/// A denial group answers an accusation group only when their dates are at most this many days
/// apart (denials often come days or weeks after the report).
pub const RESPOND_DAYS: i64 = 45;

/// One claim as the grouping rule sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimIn {
    /// Document id.
    pub doc_id: String,
    /// `claim_id` (`c1`, …).
    pub claim_id: String,
    /// Cue start (code points): orders the claims of a document.
    pub cue_start: usize,
    /// Sentence index.
    pub sentence: usize,
    /// `STATE`, `ACCUSE`, `DENY` or `WARN`.
    pub stance: String,
    /// Speaker entity id, or empty.
    pub speaker: String,
    /// Entity ids named in the content (the `targets` column).
    pub content_targets: Vec<String>,
    /// Objects of the document's `ACCUSES`/`DENIES` relations from the speaker in this
    /// claim's sentence.
    pub relation_targets: Vec<String>,
    /// The document's date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), or empty.
    pub date: String,
    /// The document's language (`ar`, `fa`, `en`, `und`), or empty.
    pub lang: String,
    /// For a denial, the `claim_id`s of the accusations of its document it answers (the
    /// `responds_to` column of `claims.csv`).
    pub responds_to: Vec<String>,
}

/// One group: its members (indexes into the claims given to [`group`], sorted by
/// `(doc_id, cue_start, claim_id)`) and what `claim_groups.csv` says of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Group {
    /// `g1`, `g2`, …
    pub id: String,
    /// The members' speaker.
    pub speaker: String,
    /// The members' stance.
    pub stance: String,
    /// The union of the members' targets, sorted.
    pub targets: Vec<String>,
    /// The document with the earliest date (ties and undated: the smallest `doc_id`).
    pub first_doc: String,
    /// That document's date, or empty when no member's document has one.
    pub first_date: String,
    /// The members' documents, sorted, without repeats.
    pub documents: Vec<String>,
    /// The members' languages, sorted, without repeats.
    pub languages: Vec<String>,
    /// The members, as indexes into the claims given to [`group`].
    pub members: Vec<usize>,
    /// Ids of the accusation groups this denial group answers, in id order.
    pub responds_to: Vec<String>,
}

/// The grouping of a corpus: the groups in id order and, per claim, the index of its group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grouping {
    /// Groups, `g1` first.
    pub groups: Vec<Group>,
    /// For claim `i` (as given to [`group`]), the index in `groups` of its group.
    pub of_claim: Vec<usize>,
}

/// A date as the range of days it covers (Julian day numbers, inclusive).
pub fn day_range(date: &str) -> Option<(i64, i64)> {
    let mut parts = date.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let g = Calendar::Gregorian;
    let month: Option<u32> = parts.next().map(str::parse).transpose().ok()?;
    let day: Option<u32> = parts.next().map(str::parse).transpose().ok()?;
    match (month, day) {
        (None, _) => Some((g.to_jdn(year, 1, 1)?, g.to_jdn(year, 12, 31)?)),
        (Some(m), None) => Some((g.to_jdn(year, m, 1)?, g.to_jdn(year, m, g.month_len(year, m)?)?)),
        (Some(m), Some(d)) => g.to_jdn(year, m, d).map(|j| (j, j)),
    }
}

/// The number of days between two day ranges (0 when they overlap); `None` when either is
/// unknown, which every threshold accepts.
fn gap(a: Option<(i64, i64)>, b: Option<(i64, i64)>) -> Option<i64> {
    let (a, b) = (a?, b?);
    Some((a.0.max(b.0) - a.1.min(b.1)).max(0))
}

/// Whether two (possibly unknown) day ranges are at most `days` apart.
fn close(a: Option<(i64, i64)>, b: Option<(i64, i64)>, days: i64) -> bool {
    gap(a, b).is_none_or(|g| g <= days)
}

/// Rule 1: each claim's targets (content and relation targets, less the speaker).
fn claim_targets(claims: &[ClaimIn]) -> Vec<BTreeSet<String>> {
    claims
        .iter()
        .map(|c| {
            c.content_targets
                .iter()
                .chain(&c.relation_targets)
                .filter(|t| !t.is_empty() && **t != c.speaker)
                .cloned()
                .collect()
        })
        .collect()
}

/// A union-find over claim ranks; the root of a set is its smallest rank. Each root keeps the
/// range of days its dated members cover.
struct Sets {
    parent: Vec<usize>,
    days: Vec<Option<(i64, i64)>>,
}

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (root, child) = (a.min(b), a.max(b));
            self.parent[child] = root;
            self.days[root] = match (self.days[root], self.days[child]) {
                (Some(x), Some(y)) => Some((x.0.min(y.0), x.1.max(y.1))),
                (x, y) => x.or(y),
            };
        }
    }

    /// Whether the sets of `a` and `b` cover days at most [`GROUP_DAYS`] apart (or either
    /// has no date).
    fn close(&mut self, a: usize, b: usize) -> bool {
        let (a, b) = (self.find(a), self.find(b));
        close(self.days[a], self.days[b], GROUP_DAYS)
    }
}

/// Rules 2 and 3: links the claims that belong together. `rank[i]` is claim `i`'s position in
/// sort order; sets are over ranks.
fn link(claims: &[ClaimIn], targets: &[BTreeSet<String>], rank: &[usize], sets: &mut Sets) {
    let days: Vec<Option<(i64, i64)>> = claims.iter().map(|c| day_range(&c.date)).collect();
    // Claims by (speaker, stance, target); and, for the claims of undated documents, by
    // (speaker, stance, target pair).
    let mut one: HashMap<(&str, &str, &str), Vec<usize>> = HashMap::new();
    let mut two: BTreeMap<(&str, &str, &str, &str), Vec<usize>> = BTreeMap::new();
    for (i, c) in claims.iter().enumerate() {
        if c.speaker.is_empty() {
            continue;
        }
        let ts: Vec<&str> = targets[i].iter().map(String::as_str).collect();
        for (k, t) in ts.iter().enumerate() {
            one.entry((&c.speaker, &c.stance, t)).or_default().push(i);
            for u in &ts[k + 1..] {
                two.entry((&c.speaker, &c.stance, t, u)).or_default().push(i);
            }
        }
    }
    // The same document, speaker and stance: one statement, whatever each claim names.
    let mut statement: HashMap<(&str, &str, &str), usize> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        if !c.speaker.is_empty() {
            let first = *statement.entry((&c.doc_id, &c.speaker, &c.stance)).or_insert(i);
            sets.union(rank[first], rank[i]);
        }
    }
    for members in one.values() {
        // Dated documents: ranges sorted by start; a run of ranges each within GROUP_DAYS of
        // the furthest end so far is one component (the relation's components on a line).
        let mut dated: Vec<((i64, i64), usize)> =
            members.iter().filter_map(|&i| days[i].map(|d| (d, rank[i]))).collect();
        dated.sort_unstable();
        let mut end = i64::MIN;
        for (k, &((start, stop), r)) in dated.iter().enumerate() {
            if k > 0 && start - end <= GROUP_DAYS {
                sets.union(dated[k - 1].1, r);
            }
            end = end.max(stop);
        }
    }
    // An undated document's claim joins another document's claim only on two shared targets,
    // and never joins sets whose dates are far apart: it joins the first close one (buckets in
    // key order, members in rank order), so the result does not depend on the input order.
    for members in two.values_mut() {
        members.sort_unstable_by_key(|&i| rank[i]);
        for &u in members.iter().filter(|&&i| days[i].is_none()) {
            for &i in members.iter() {
                if sets.close(rank[u], rank[i]) {
                    sets.union(rank[u], rank[i]);
                }
            }
        }
    }
}

/// Groups the claims of a corpus (see the module docs for the rule). The result does not
/// depend on the order of `claims`.
pub fn group(claims: &[ClaimIn]) -> Grouping {
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&claims[a], &claims[b]);
        (&x.doc_id, x.cue_start, &x.claim_id, a).cmp(&(&y.doc_id, y.cue_start, &y.claim_id, b))
    });
    let mut rank = vec![0; claims.len()];
    for (k, &i) in order.iter().enumerate() {
        rank[i] = k;
    }
    let targets = claim_targets(claims);
    let mut days = vec![None; claims.len()];
    for (i, c) in claims.iter().enumerate() {
        days[rank[i]] = day_range(&c.date);
    }
    let mut sets = Sets { parent: (0..claims.len()).collect(), days };
    link(claims, &targets, &rank, &mut sets);
    // Groups numbered by their first member in sort order (the root is the smallest rank).
    let mut index_of_root: HashMap<usize, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut of_claim = vec![0; claims.len()];
    for (k, &i) in order.iter().enumerate() {
        let root = sets.find(k);
        let gi = *index_of_root.entry(root).or_insert_with(|| {
            groups.push(Group { id: format!("g{}", groups.len() + 1), ..Group::default() });
            groups.len() - 1
        });
        groups[gi].members.push(i);
        of_claim[i] = gi;
    }
    for g in &mut groups {
        describe(g, claims, &targets);
    }
    respond(&mut groups, claims, &of_claim);
    Grouping { groups, of_claim }
}

/// Fills a group's speaker, stance, targets, first document and date, documents, languages.
fn describe(g: &mut Group, claims: &[ClaimIn], targets: &[BTreeSet<String>]) {
    let first = &claims[g.members[0]];
    g.speaker = first.speaker.clone();
    g.stance = first.stance.clone();
    let mut all: BTreeSet<&str> = BTreeSet::new();
    let mut docs: BTreeSet<&str> = BTreeSet::new();
    let mut langs: BTreeSet<&str> = BTreeSet::new();
    for &i in &g.members {
        all.extend(targets[i].iter().map(String::as_str));
        docs.insert(&claims[i].doc_id);
        if !claims[i].lang.is_empty() {
            langs.insert(&claims[i].lang);
        }
    }
    // Earliest by the start of the date's range, then doc_id; undated documents come last.
    let earliest = g
        .members
        .iter()
        .map(|&i| {
            (day_range(&claims[i].date).map_or((1, 0), |r| (0, r.0)), &claims[i].doc_id, &claims[i].date)
        })
        .min();
    if let Some((_, doc, date)) = earliest {
        g.first_doc = doc.clone();
        g.first_date = date.clone();
    }
    g.targets = all.into_iter().map(str::to_string).collect();
    g.documents = docs.into_iter().map(str::to_string).collect();
    g.languages = langs.into_iter().map(str::to_string).collect();
}

/// The range of days a group's documents cover (unknown when none is dated).
fn group_days(g: &Group, claims: &[ClaimIn]) -> Option<(i64, i64)> {
    g.members.iter().filter_map(|&i| day_range(&claims[i].date)).reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
}

/// Rule 4: fills `responds_to` of every denial group. `of_claim[i]` is claim `i`'s group.
fn respond(groups: &mut [Group], claims: &[ClaimIn], of_claim: &[usize]) {
    let days: Vec<Option<(i64, i64)>> = groups.iter().map(|g| group_days(g, claims)).collect();
    let accusation = |g: &Group| matches!(g.stance.as_str(), "ACCUSE" | "WARN") && !g.speaker.is_empty();
    // Accusation groups by the entities they target.
    let mut by_target: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, g) in groups.iter().enumerate() {
        if accusation(g) {
            for t in &g.targets {
                by_target.entry(t).or_default().push(k);
            }
        }
    }
    let index: HashMap<(&str, &str), usize> = claims
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.doc_id.as_str(), c.claim_id.as_str()), of_claim[i]))
        .collect();
    let mut answers: Vec<(usize, BTreeSet<usize>)> = Vec::new();
    for (d, g) in groups.iter().enumerate() {
        if g.stance != "DENY" || g.speaker.is_empty() {
            continue;
        }
        // The accusations its claims answer in their documents (claims.csv `responds_to`).
        let mut found: BTreeSet<usize> = g
            .members
            .iter()
            .flat_map(|&i| claims[i].responds_to.iter().map(move |a| (claims[i].doc_id.as_str(), a.as_str())))
            .filter_map(|key| index.get(&key).copied())
            .filter(|&a| accusation(&groups[a]))
            .collect();
        // Across documents: the accusations that blamed the denier and whose accuser it names.
        for &a in by_target.get(g.speaker.as_str()).into_iter().flatten() {
            let named = g.targets.binary_search(&groups[a].speaker).is_ok();
            if named && close(days[d], days[a], RESPOND_DAYS) {
                found.insert(a);
            }
        }
        answers.push((d, found));
    }
    for (d, found) in answers {
        groups[d].responds_to = found.into_iter().map(|a| groups[a].id.clone()).collect();
    }
}

#[cfg(test)]
mod tests;
