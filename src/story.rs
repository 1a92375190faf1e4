//! The story view of the reading view (`story.html`, issue #11 item 5): one row per claim
//! group (`claim_groups.csv`), the same claim across articles and languages, with its outlets
//! on a time axis (inline SVG, no script, no network) and the accusation groups a denial group
//! answers linked.
//!
//! It reads a finished run's tables, so it is written after them: by `isnad extract --html` once
//! the tables are published, and by `isnad report`. Memory grows with the number of claims (a
//! few strings each), not with the articles' text.
//!
//! What it does not do: group claims ([`crate::groups`]) or render article pages
//! ([`crate::report`]).

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::report::{ClaimRow, DocRow, class_token, esc, load_table, page_head, page_name};

/// A `claim_groups` row as the story view reads it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct GroupRow {
    /// `g1`, `g2`, …
    pub group_id: String,
    /// The speaker's entity id, or empty.
    #[serde(default)]
    pub speaker_entity_id: String,
    /// The group's stance.
    pub stance: String,
    /// `;`-separated target entity ids.
    #[serde(default)]
    pub targets: String,
    /// The first document (by date, then id).
    #[serde(default)]
    pub first_doc: String,
    /// Its date, or empty.
    #[serde(default)]
    pub first_date: String,
    /// `;`-separated documents.
    #[serde(default)]
    pub documents: String,
    /// `;`-separated languages.
    #[serde(default)]
    pub languages: String,
    /// How many claims.
    #[serde(default)]
    pub claims: usize,
    /// For a denial group: the `;`-separated accusation groups it answers.
    #[serde(default)]
    pub responds_to: String,
}

impl crate::report::Cells for GroupRow {
    fn cells(&mut self) -> Vec<&mut String> {
        vec![&mut self.group_id, &mut self.targets, &mut self.first_doc, &mut self.documents]
    }
}

/// Width of the time axis in SVG units.
const AXIS: f64 = 320.0;

/// Writes `story.html` into `html` from the tables in `tables`; returns how many groups it
/// shows (those carried by two or more claims, or answering or answered by another group).
pub fn write_story(tables: &Path, html: &Path) -> Result<usize> {
    let documents: Vec<DocRow> = load_table(tables, "documents")?;
    let claims: Vec<ClaimRow> = load_table(tables, "claims")?;
    let groups: Vec<GroupRow> = load_table(tables, "claim_groups")?;
    let page = render(&documents, &claims, &groups);
    let path = html.join("story.html");
    fs::write(&path, page.html).map_err(|e| Error::io(&path, &e))?;
    Ok(page.shown)
}

/// A rendered story page.
pub struct StoryPage {
    /// The page.
    pub html: String,
    /// How many groups it shows.
    pub shown: usize,
}

/// The Julian day number of an ISO date's first day (`2024`, `2024-08`, `2024-08-13`).
fn day(date: &str) -> Option<i64> {
    crate::groups::day_range(date).map(|(first, _)| first)
}

/// The ISO date of a Julian day number.
fn iso(jdn: i64) -> String {
    crate::calendar::Ymd::from_jdn(jdn).to_string()
}

/// Renders the story page of `groups`, placing each group's documents by their date.
pub fn render(documents: &[DocRow], claims: &[ClaimRow], groups: &[GroupRow]) -> StoryPage {
    let doc_of: HashMap<&str, (usize, &DocRow)> =
        documents.iter().enumerate().map(|(i, d)| (d.doc_id.as_str(), (i, d))).collect();
    // Which documents carry each group, in document order.
    let mut carried: HashMap<&str, BTreeMap<usize, &DocRow>> = HashMap::new();
    for c in claims.iter().filter(|c| !c.group_id.is_empty()) {
        if let Some(&(i, d)) = doc_of.get(c.doc_id.as_str()) {
            carried.entry(c.group_id.as_str()).or_default().insert(i, d);
        }
    }
    let answered: std::collections::HashSet<&str> =
        groups.iter().flat_map(|g| g.responds_to.split(';')).filter(|s| !s.is_empty()).collect();
    let mut shown: Vec<&GroupRow> = groups
        .iter()
        .filter(|g| g.claims >= 2 || !g.responds_to.is_empty() || answered.contains(g.group_id.as_str()))
        .collect();
    let docs_of = |g: &GroupRow| g.documents.split(';').filter(|s| !s.is_empty()).count();
    shown.sort_by(|a, b| {
        docs_of(b).cmp(&docs_of(a)).then(b.claims.cmp(&a.claims)).then(a.first_date.cmp(&b.first_date))
    });
    let days: Vec<i64> = documents.iter().filter_map(|d| day(&d.date)).collect();
    let span = days.iter().min().zip(days.iter().max()).map(|(a, b)| (*a, *b));

    let mut h = page_head("isnad: story view", "en");
    h.push_str(
        "<body>\n<header><h1>Story view</h1><span><a href=\"index.html\">index</a></span></header>\n<main>\n",
    );
    let _ = write!(
        h,
        "<p>{} claim groups: the same speaker's claim with one stance, carried by one or more articles \
(<code>claim_groups.csv</code>); shown here are the {} carried by two or more claims or linked to another group. \
Each dot is an article on the time axis{}; an undated article is listed without a dot.</p>",
        groups.len(),
        shown.len(),
        match span {
            Some((a, b)) => format!(" ({} to {})", iso(a), iso(b)),
            None => " (no article has a date)".to_string(),
        }
    );
    h.push('\n');
    let axis_head =
        span.map_or("time axis".to_string(), |(a, b)| format!("time axis: {} … {}", iso(a), iso(b)));
    h.push_str("<table class=\"story\"><tr><th>group</th><th>speaker</th><th>stance</th><th>");
    h.push_str(&esc(&axis_head));
    h.push_str("</th><th>articles</th><th>languages</th><th>claims</th><th>answers</th></tr>\n");
    for g in &shown {
        let docs = carried.get(g.group_id.as_str());
        let _ = write!(
            h,
            "<tr id=\"{id}\"><td>{id}</td><td>{}</td><td><span class=\"s-{}\">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(&speaker_name(g)),
            class_token(&g.stance),
            esc(&g.stance),
            axis(docs, span),
            outlets(docs, &doc_of),
            esc(&g.languages.replace(';', " ")),
            g.claims,
            answers(g),
            id = esc(&g.group_id),
        );
        h.push('\n');
    }
    h.push_str("</table>\n</main>\n</body>\n</html>\n");
    StoryPage { html: h, shown: shown.len() }
}

/// The speaker shown for a group: its entity id with spaces (`~` ids hold the surface).
fn speaker_name(g: &GroupRow) -> String {
    if g.speaker_entity_id.is_empty() {
        "(unnamed)".to_string()
    } else {
        g.speaker_entity_id.trim_start_matches('~').replace('_', " ")
    }
}

/// The links to the accusation groups a denial group answers.
fn answers(g: &GroupRow) -> String {
    g.responds_to
        .split(';')
        .filter(|s| !s.is_empty())
        .map(|id| format!("<a href=\"#{0}\">{0}</a>", esc(id)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The articles of a group, each a link to its page.
fn outlets(docs: Option<&BTreeMap<usize, &DocRow>>, doc_of: &HashMap<&str, (usize, &DocRow)>) -> String {
    let Some(docs) = docs else { return String::new() };
    docs.values()
        .map(|d| {
            let i = doc_of.get(d.doc_id.as_str()).map_or(0, |(i, _)| *i);
            let date = if d.date.is_empty() { String::new() } else { format!(" ({})", esc(&d.date)) };
            format!("<a href=\"{}\"><bdi>{}</bdi></a>{date}", esc(&page_name(i, &d.doc_id)), esc(&d.doc_id))
        })
        .collect::<Vec<_>>()
        .join("<br>")
}

/// An inline SVG time axis from the corpus's first to last date with a dot per dated article.
fn axis(docs: Option<&BTreeMap<usize, &DocRow>>, span: Option<(i64, i64)>) -> String {
    let Some((first, last)) = span else { return String::new() };
    let width = (last - first).max(1) as f64;
    let mut svg = format!(
        "<svg width=\"{w}\" height=\"14\" viewBox=\"0 0 {w} 14\" role=\"img\" aria-label=\"time axis\"><line x1=\"4\" y1=\"7\" x2=\"{e}\" y2=\"7\" stroke=\"#999\"/>",
        w = AXIS + 8.0,
        e = AXIS + 4.0
    );
    for d in docs.into_iter().flat_map(|m| m.values()) {
        if let Some(x) = day(&d.date) {
            let cx = 4.0 + AXIS * (x - first) as f64 / width;
            let _ = write!(
                svg,
                "<circle cx=\"{cx:.1}\" cy=\"7\" r=\"4\" fill=\"#36c\"><title>{}</title></circle>",
                esc(&d.date)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_inverts_day() {
        for date in ["1970-01-01", "2000-02-29", "2024-08-13", "2026-12-07", "1999-12-31"] {
            assert_eq!(iso(day(date).unwrap()), date);
        }
    }

    fn doc(id: &str, date: &str) -> DocRow {
        DocRow {
            doc_id: id.into(),
            lang: "en".into(),
            status: "ok".into(),
            date: date.into(),
            ..DocRow::default()
        }
    }

    fn claim(doc: &str, group: &str) -> ClaimRow {
        ClaimRow { doc_id: doc.into(), stance: "DENY".into(), group_id: group.into(), ..ClaimRow::default() }
    }

    #[test]
    fn groups_carried_twice_are_shown_with_their_dots_and_links() {
        let docs = [doc("a.txt", "2024-08-01"), doc("b.txt", "2024-08-21"), doc("c.txt", "")];
        let claims = [claim("a.txt", "g1"), claim("b.txt", "g1"), claim("c.txt", "g2"), claim("c.txt", "g3")];
        let g = |id: &str, n: usize, answers: &str| GroupRow {
            group_id: id.into(),
            speaker_entity_id: "<iran>".into(),
            stance: "DENY".into(),
            claims: n,
            responds_to: answers.into(),
            documents: "a.txt;b.txt".into(),
            ..GroupRow::default()
        };
        let page = render(&docs, &claims, &[g("g1", 2, "g2"), g("g2", 1, ""), g("g3", 1, "")]);
        assert_eq!(page.shown, 2, "g3 is a single claim linked to nothing");
        assert_eq!(page.html.matches("<circle").count(), 2, "two dated articles of g1, none of g2");
        assert!(page.html.contains("<a href=\"#g2\">g2</a>"), "the denial links to what it answers");
        assert!(page.html.contains("id=\"g2\""));
        assert!(page.html.contains("&lt;iran&gt;") && !page.html.contains("<iran>"), "escaped");
        assert!(!page.html.contains("<script"), "no script");
        assert!(page.html.contains("2024-08-01 to 2024-08-21"));
    }
}
