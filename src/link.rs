//! Linking: choosing among overlapping candidates and turning each chosen one into a
//! [`Mention`] with its entity id, canonical name and original span.
//!
//! Policy (SCHEMA §4: flat, longest wins):
//! 1. gazetteer candidates and DATE/MONEY rule candidates compete; the longest span wins, then
//!    the longer alias key (fewer clitic letters), then the gazetteer over a rule, then the
//!    leftmost, then the lower entry/rule index — a total order, so results never depend on
//!    hash or thread order;
//! 2. names found by title and head-noun rules (PERSON, GOV, ORG) fill only the places no
//!    chosen candidate touches: a gazetteer entry always beats a guess.
//!
//! Rule-found names get the `~` id of SCHEMA §5.

use crate::doc::{DisjointSpans, Label, Lang, Mention, Span, tilde_id};
use crate::gazetteer::{Candidate, Gazetteer};
use crate::normalize::Normalized;
use crate::rules::{RuleMatch, RuleSet};
use crate::sentences;

#[derive(Debug, Clone, Copy)]
enum Source {
    Gazetteer(usize),
    Rule(usize),
}

#[derive(Debug, Clone, Copy)]
struct Choice {
    start: usize,
    end: usize,
    key_len: usize,
    source: Source,
}

impl Choice {
    /// Sort key: longer span, longer key, gazetteer first, leftmost, lowest index.
    fn key(&self) -> (std::cmp::Reverse<usize>, std::cmp::Reverse<usize>, u8, usize, usize) {
        let (kind, idx) = match self.source {
            Source::Gazetteer(i) => (0, i),
            Source::Rule(i) => (1, i),
        };
        (std::cmp::Reverse(self.end - self.start), std::cmp::Reverse(self.key_len), kind, self.start, idx)
    }
}

/// Resolves overlaps and links the chosen candidates.
pub fn link(
    text: &str,
    norm: &Normalized,
    sentence_spans: &[Span],
    gazetteer: &Gazetteer,
    rules: &RuleSet,
    gaz: &[Candidate],
    found: &[RuleMatch],
) -> Vec<Mention> {
    // A name inside a handle or an identifier (`okaz_online@`, `@reuters`, `apt_28`) is site
    // furniture, not a mention (SCHEMA §10 rule 17): `_` and `@` join it to its neighbours.
    let in_handle = |start: usize, end: usize| {
        let span = norm.to_original(start, end);
        let b = text.as_bytes();
        let joins = |c: u8| c == b'_' || c == b'@';
        span.start.checked_sub(1).is_some_and(|i| joins(b[i])) || b.get(span.end).is_some_and(|&c| joins(c))
    };
    let mut primary: Vec<Choice> = gaz
        .iter()
        .filter(|c| {
            // A case-sensitive alias (`US`) must be written exactly so (not the pronoun `us`).
            let e = gazetteer.entry(c.entry);
            (!e.exact_case || {
                let span = norm.to_original(c.start, c.end);
                text[span.start..span.end] == e.alias
            }) && !in_handle(c.start, c.end)
        })
        .map(|c| Choice {
            start: c.start,
            end: c.end,
            key_len: c.key_len,
            source: Source::Gazetteer(c.entry),
        })
        .collect();
    let mut fallback = Vec::new();
    for (i, m) in found.iter().enumerate() {
        let ch = Choice { start: m.start, end: m.end, key_len: m.end - m.start, source: Source::Rule(i) };
        match rules.rules[m.rule].label {
            Label::Date | Label::Money => primary.push(ch),
            _ if in_handle(m.start, m.end) => {}
            _ => fallback.push(ch),
        }
    }
    primary.sort_by_key(Choice::key);
    fallback.sort_by_key(Choice::key);
    let mut chosen: Vec<Choice> = Vec::new();
    let mut taken = DisjointSpans::new();
    for group in [primary, fallback] {
        for ch in group {
            if taken.insert_if_free(ch.start, ch.end) {
                chosen.push(ch);
            }
        }
    }
    chosen.sort_by_key(|c| c.start);
    let mut mentions: Vec<Mention> = chosen
        .into_iter()
        .map(|ch| {
            let span = norm.to_original(ch.start, ch.end);
            let surface = &text[span.start..span.end];
            let sentence = sentences::index_of(sentence_spans, span.start);
            match ch.source {
                Source::Gazetteer(i) => {
                    let e = gazetteer.entry(i);
                    Mention {
                        span,
                        label: e.label,
                        entity_id: e.entity_id.clone(),
                        canonical: e.canonical.clone(),
                        source: format!("gazetteer:{}", e.file),
                        alias: e.alias.clone(),
                        sentence,
                    }
                }
                Source::Rule(i) => {
                    let m = &found[i];
                    let rule = &rules.rules[m.rule];
                    let entity_id = match rule.label {
                        Label::Date | Label::Money => String::new(),
                        _ => tilde_id(surface),
                    };
                    Mention {
                        span,
                        label: rule.label,
                        entity_id,
                        canonical: m.canonical.clone(),
                        source: format!("rule:{}", rule.name),
                        alias: String::new(),
                        sentence,
                    }
                }
            }
        })
        .collect();
    // English writes some names with the article (`The Guardian`, `the Washington Post`) and a
    // descriptor after them (`Fars news agency`): SCHEMA's spans leave both outside, so the
    // article is cut from a named body's span, and lower-case trailing words of an alias that
    // writes them capitalized are cut when what stays is an alias of the same entity.
    for m in mentions.iter_mut() {
        if !matches!(m.label, Label::Org | Label::Gov | Label::Loc | Label::ThreatActor) {
            continue;
        }
        let surface = &text[m.span.start..m.span.end];
        if (surface.starts_with("the ") || surface.starts_with("The ")) && surface.len() > 4 {
            m.span.start += 4;
        }
        if m.source.starts_with("gazetteer:") && m.alias.is_ascii() {
            let surface = &text[m.span.start..m.span.end];
            let mut keep = surface;
            while let Some((head, last)) = keep.rsplit_once(' ') {
                let lower = last.bytes().all(|b| b.is_ascii_lowercase());
                let capital_in_alias = m.alias.split(' ').any(|w| w.eq_ignore_ascii_case(last) && w != last);
                if !lower || !capital_in_alias {
                    break;
                }
                keep = head;
            }
            if keep.len() < surface.len()
                && gazetteer
                    .lookup(&crate::normalize::normalize_str(keep), Lang::En)
                    .iter()
                    .any(|e| e.entity_id == m.entity_id)
            {
                m.span.end = m.span.start + keep.len();
            }
        }
    }
    // A Persian body followed by its country (`وزارت امور خارجه‌ی روسیه`) is that country's body.
    for i in 1..mentions.len() {
        let (a, b) = mentions.split_at_mut(i);
        let (body, country) = (&mut a[i - 1], &b[0]);
        if body.label == Label::Gov
            && matches!(country.label, Label::Gpe | Label::Norp)
            && text[body.span.end..country.span.start].chars().all(char::is_whitespace)
            && let Some((id, canonical)) = gazetteer.body_in(&body.entity_id, &country.entity_id)
        {
            body.entity_id = id;
            body.canonical = canonical;
        }
    }
    this_country(text, gazetteer, rules, &mut mentions);
    mentions
}

/// A GOV body followed by "this country" (a `country_anaphor` of value `genitive`: `وزارت
/// خارجه این کشور`, `وزارة خارجية هذا البلد`) is the body of the country the words point back
/// to: the first country of its sentence (the subject an article's sentence is about, as in
/// `جمهوری چک ... وزارت خارجه این کشور`), else the last country before the sentence.
fn this_country(text: &str, gazetteer: &Gazetteer, rules: &RuleSet, mentions: &mut [Mention]) {
    let genitive = |w: &str| rules.lexicon.value("country_anaphor", w) == Some("genitive");
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if m.label != Label::Gov || m.entity_id.is_empty() {
            continue;
        }
        let next: Vec<&str> = text[m.span.end..]
            .split_whitespace()
            .take(2)
            .map(|w| w.trim_end_matches(|c: char| !c.is_alphabetic()))
            .collect();
        if next.len() < 2 || !genitive(&crate::normalize::normalize_str(&next.join(" "))) {
            continue;
        }
        let nation = |o: &&Mention| o.label == Label::Gpe && gazetteer.is_nation(&o.entity_id);
        let before = &mentions[..i];
        let country = before
            .iter()
            .filter(|o| o.sentence == m.sentence)
            .find(nation)
            .or_else(|| before.iter().rev().find(nation));
        let Some(country) = country else { continue };
        if let Some((id, canonical)) = gazetteer.body_in(&m.entity_id, &country.entity_id) {
            mentions[i].entity_id = id;
            mentions[i].canonical = canonical;
        }
    }
}
