//! Ids that agree across a document: a name a rule found carries the id the gazetteer or an
//! earlier, fuller mention gives it, instead of a `~` id of its own.
//!
//! Two steps, on the final mentions (after `link`, `names` and `compose`):
//! 1. **A rule found an ambiguous alias.** A gazetteer alias flagged `ambiguous` (`العالم`
//!    "the world" for Al Alam, `العثماني` for Saadeddine Othmani) waits for a trigger; a rule
//!    that finds a name by its context (a title before it, a dateline) is such a trigger, so a
//!    rule mention whose whole surface is an alias of one entity with the same label takes
//!    that entity's id and canonical name.
//! 2. **A body without its country after the body with it.** `وزارة العدل` after `وزارة العدل
//!    الأميركية`, `Interior Ministry` after `French Interior Ministry`: a GOV or ORG with a `~` id
//!    whose words begin (Arabic, Persian) or end (English) a linked mention of the same label
//!    earlier in the document is that body (the nearest such mention before it).
//!
//! What it does not do: choose spans or labels (`link`, `compose`), or give an id to a name no
//! gazetteer and no other mention knows.

use crate::doc::{Label, Lang, Mention};
use crate::gazetteer::Gazetteer;
use crate::normalize::normalize_str;

/// Gives rule-found mentions in `mentions` (sorted, disjoint) the ids the gazetteer or their
/// coreferent mentions carry; spans, labels and sources are unchanged.
pub fn ids(text: &str, lang: Lang, mentions: &mut [Mention], gazetteer: &Gazetteer) {
    let named = |l: Label| matches!(l, Label::Person | Label::Org | Label::Gov | Label::ThreatActor);
    for m in mentions.iter_mut() {
        if !m.entity_id.starts_with('~') || !m.source.starts_with("rule:") || !named(m.label) {
            continue;
        }
        let key = normalize_str(&text[m.span.start..m.span.end]);
        let found = gazetteer.lookup(&key, lang);
        let mut same = found.iter().filter(|e| e.label == m.label);
        if let Some(e) = same.next()
            && same.all(|o| o.entity_id == e.entity_id)
        {
            m.entity_id = e.entity_id.clone();
            m.canonical = e.canonical.clone();
        }
    }
    let keys: Vec<String> = mentions.iter().map(|m| normalize_str(&text[m.span.start..m.span.end])).collect();
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if !m.entity_id.starts_with('~') || !matches!(m.label, Label::Gov | Label::Org) {
            continue;
        }
        let begins = |j: usize| {
            let o = &mentions[j];
            j != i
                && o.label == m.label
                && !o.entity_id.starts_with('~')
                && !o.entity_id.is_empty()
                && variants(&keys[j]).any(|full| variants(&keys[i]).any(|bare| part_of(full, bare)))
        };
        // Only a mention before it: a later one may name another country's body (`Foreign
        // Ministry spokeswoman …` in Moscow, then `the Chinese Foreign Ministry`).
        let Some(j) = (0..i).rev().find(|&j| begins(j)) else { continue };
        let (id, canonical) = (mentions[j].entity_id.clone(), mentions[j].canonical.clone());
        mentions[i].entity_id = id;
        mentions[i].canonical = canonical;
    }
}

/// A normalized surface as written and, when it opens with a one-letter Arabic proclitic
/// (`ووزارة`, `بالوزارة`), without it. Both forms are tried on both sides, so a word that only
/// looks like a proclitic (`وزارة`) compares with itself.
fn variants(key: &str) -> impl Iterator<Item = &str> {
    let stripped = key
        .strip_prefix(['و', 'ف', 'ب', 'ل', 'ك'])
        .filter(|rest| rest.split(' ').next().is_some_and(|w| w.chars().count() >= 3));
    std::iter::once(key).chain(stripped)
}

/// Whether `full` is `bare`'s words with more words after them (Arabic and Persian put the
/// country after the body: `وزارة العدل الاميركيه`) or before them (English: `french interior
/// ministry`).
fn part_of(full: &str, bare: &str) -> bool {
    full.len() > bare.len()
        && (full.starts_with(bare) && full[bare.len()..].starts_with(' ')
            || full.ends_with(bare) && full[..full.len() - bare.len()].ends_with(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_part_of_a_longer_name() {
        assert!(part_of("وزارة العدل الاميركيه", "وزارة العدل"));
        assert!(part_of("french interior ministry", "interior ministry"));
        assert!(!part_of("وزارة العدلية", "وزارة العدل"));
        assert!(!part_of("وزارة العدل", "وزارة العدل"));
        assert!(variants("ووزارة العدل").any(|v| v == "وزارة العدل"));
    }
}
