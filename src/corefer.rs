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
//! 3. **A body without its country next to the holder of its title.** `Foreign Ministry
//!    spokeswoman <name>`, `المتحدث باسم وزارة الخارجية <name>`: a GOV, the title and a person
//!    whom `roles.tsv` lists with that title in exactly one body is that body (a `~` body, or
//!    a linked one when that body is the same body of another country).
//!
//! 4. **A name glossed in parentheses.** `جبا روت (JabaRoot DZ)`, `Storm-1516 (ستورم)`: a `~`
//!    name of one label written right beside a linked name of the same label in parentheses
//!    is that entity, and so is every other mention of the same `~` id in the document.
//!
//! 5. **A `~` id spelled as written** (SCHEMA §5: `~` + the surface, spaces as `_`). Rules
//!    build `~` ids from the folded surface, so every spelling of one name shares an id while
//!    the document is read; at the end each such id takes the spelling of its first mention
//!    (`~أوليفييه_باراتيلي`, `~جیمز_هالوران`, `~laura_brenner`): letters as written, tashkeel
//!    and tatweel dropped, Latin lower-cased. Every mention of that id keeps it together.
//!
//! What it does not do: choose spans or labels (`link`, `compose`), or give an id to a name no
//! gazetteer and no other mention knows.

use crate::doc::{Label, Lang, Mention};
use crate::frames::context::OrigHit;
use crate::gazetteer::Gazetteer;
use crate::normalize::normalize_str;
use crate::roles::{Roles, Title};

/// How far back (bytes) a body named without its country looks for the full name.
const BODY_REACH: usize = 64 * 1024;

/// Gives rule-found mentions in `mentions` (sorted, disjoint) the ids the gazetteer or their
/// coreferent mentions carry; spans, labels and sources are unchanged.
/// `hits` are the lexicon hits in the original text, sorted by start.
pub fn ids(
    text: &str,
    lang: Lang,
    mentions: &mut [Mention],
    hits: &[OrigHit],
    gazetteer: &Gazetteer,
    roles: &Roles,
) {
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
        // A `~` body, or a linked GOV body named without its country (the Persian `شورای امنیت
        // ملی` the gazetteer reads as one country's) after that body of another country.
        let bare_linked = m.label == Label::Gov && !m.entity_id.starts_with('~') && !m.entity_id.is_empty();
        if !(m.entity_id.starts_with('~') && matches!(m.label, Label::Gov | Label::Org) || bare_linked) {
            continue;
        }
        let begins = |j: usize| {
            let o = &mentions[j];
            j != i
                && o.label == m.label
                && !o.entity_id.starts_with('~')
                && !o.entity_id.is_empty()
                && o.entity_id != m.entity_id
                && (!bare_linked || {
                    let mine = gazetteer.body_stem(&m.entity_id, &m.canonical);
                    mine.is_some() && mine == gazetteer.body_stem(&o.entity_id, &o.canonical)
                })
                && variants(&keys[j]).any(|full| variants(&keys[i]).any(|bare| part_of(full, bare)))
        };
        // Only a mention before it: a later one may name another country's body (`Foreign
        // Ministry spokeswoman …` in Moscow, then `the Chinese Foreign Ministry`).
        // Within the stretch of text an article spans: a document of one long line stays linear.
        let reach = m.span.start.saturating_sub(BODY_REACH);
        let Some(j) = (0..i).rev().take_while(|&j| mentions[j].span.end >= reach).find(|&j| begins(j)) else {
            continue;
        };
        let (id, canonical) = (mentions[j].entity_id.clone(), mentions[j].canonical.clone());
        mentions[i].entity_id = id;
        mentions[i].canonical = canonical;
    }
    // 3. A body without its country next to the holder of its title: `Foreign Ministry
    //    spokeswoman <name>` is the ministry whose spokesperson `roles.tsv` says she was.
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if m.label != Label::Gov {
            continue;
        }
        let Some(p) = mentions.get(i + 1).filter(|p| p.label == Label::Person && p.sentence == m.sentence)
        else {
            continue;
        };
        // The title between the body and the name (`Foreign Ministry spokesman Lin Jian`), or
        // before the body with the name right after it (`المتحدث باسم وزارة الخارجية لين جيان`).
        let role_titles = |from: usize, to: usize| -> Vec<&OrigHit> {
            hits.iter()
                .skip(hits.partition_point(|h| h.span.start < from))
                .take_while(|h| h.span.end <= to)
                .filter(|h| h.kind == "role_title")
                .collect()
        };
        let only = |from: usize, to: usize, titles: &[&OrigHit], allowed: &[&str]| {
            let mut rest = text[from..to].to_string();
            for h in titles {
                rest = rest.replace(&text[h.span.start..h.span.end], " ");
            }
            rest.split_whitespace().all(|w| allowed.contains(&w))
        };
        let after = role_titles(m.span.end, p.span.start);
        let before_from = m.span.start.saturating_sub(48);
        let before_from =
            (before_from..m.span.start).find(|&k| text.is_char_boundary(k)).unwrap_or(m.span.start);
        let titles = if !after.is_empty() && only(m.span.end, p.span.start, &after, &[]) {
            after
        } else if text[m.span.end..p.span.start].trim().is_empty() {
            let before: Vec<&OrigHit> = role_titles(before_from, m.span.start);
            match before.last() {
                Some(h) if only(h.span.end, m.span.start, &[], &["باسم", "for", "of", "the"]) => vec![*h],
                _ => continue,
            }
        } else {
            continue;
        };
        let Some(title) = titles.iter().find_map(|h| Title::of_phrase(&text[h.span.start..h.span.end]))
        else {
            continue;
        };
        // A linked body changes only to the same body of another country (the Persian
        // `وزارت خارجه` alone is Iran's, unless its spokesperson is China's).
        let stem = |c: &str| c.rsplit_once(" (").map_or(c.to_string(), |(s, _)| s.to_string());
        if let [body] = roles.bodies_of(&p.entity_id, title)[..]
            && let Some(canonical) = gazetteer.canonical(body)
            && (m.entity_id.starts_with('~') || stem(&m.canonical) == stem(canonical))
        {
            let (id, canonical) = (body.to_string(), canonical.to_string());
            mentions[i].entity_id = id;
            mentions[i].canonical = canonical;
        }
    }
    glossed_names(text, mentions);
    spell_tilde_ids(text, mentions);
}

/// Step 4: a `~` name and a linked name of the same label side by side, one in parentheses
/// (`X (Y)` or `Y (X)`), are one entity; the `~` id takes the linked one everywhere.
fn glossed_names(text: &str, mentions: &mut [Mention]) {
    let glossed = |a: &Mention, b: &Mention| {
        let between = text[a.span.end..b.span.start].trim();
        let after = text[b.span.end..].trim_start();
        between == "(" && after.starts_with(')')
    };
    let mut same: std::collections::HashMap<String, (String, String)> = std::collections::HashMap::new();
    for pair in mentions.windows(2) {
        let [a, b] = pair else { continue };
        if a.label != b.label || a.sentence != b.sentence || !glossed(a, b) {
            continue;
        }
        let linked = |m: &Mention| !m.entity_id.is_empty() && !m.entity_id.starts_with('~');
        let (tilde, known) = match (linked(a), linked(b)) {
            (false, true) if a.entity_id.starts_with('~') => (a, b),
            (true, false) if b.entity_id.starts_with('~') => (b, a),
            _ => continue,
        };
        same.entry(tilde.entity_id.clone()).or_insert((known.entity_id.clone(), known.canonical.clone()));
    }
    for m in mentions.iter_mut() {
        if let Some((id, canonical)) = same.get(&m.entity_id) {
            m.entity_id.clone_from(id);
            m.canonical.clone_from(canonical);
        }
    }
}

/// Step 5: every `~` id takes the spelling of its first mention whose surface folds to it.
fn spell_tilde_ids(text: &str, mentions: &mut [Mention]) {
    let mut spelled: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for m in mentions.iter() {
        if !m.entity_id.starts_with('~') || spelled.contains_key(&m.entity_id) {
            continue;
        }
        let written = as_written(&text[m.span.start..m.span.end]);
        let folds_back = |id: &str| normalize_str(&id[1..].replace('_', " "));
        if folds_back(&written) == folds_back(&m.entity_id) {
            spelled.insert(m.entity_id.clone(), written);
        }
    }
    for m in mentions.iter_mut() {
        if let Some(id) = spelled.get(&m.entity_id) {
            m.entity_id.clone_from(id);
        }
    }
}

/// `~` + `surface` as written: tashkeel and tatweel dropped, Latin lower-cased, every run of
/// whitespace as `_` (ZWNJ stays, as in `نجیب‌الله`).
fn as_written(surface: &str) -> String {
    let mut out = String::from("~");
    for word in surface.split_whitespace() {
        if out.len() > 1 {
            out.push('_');
        }
        for c in word.chars().filter(|&c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}')) {
            out.extend(c.to_lowercase());
        }
    }
    out
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

    #[test]
    fn a_name_glossed_in_parentheses_takes_the_linked_id() {
        let cases = [
            // (text, tilde name, linked name, expect relinked)
            ("أعلنت مجموعة نجم الصحراء (Desert Star) ثم نجم الصحراء", "نجم الصحراء", "Desert Star", true),
            ("the group Desert Star (نجم الصحراء) and later نجم الصحراء", "نجم الصحراء", "Desert Star", true),
            ("گروه ستاره صحرا (Desert Star) گفت", "ستاره صحرا", "Desert Star", true),
            ("نجم الصحراء و Desert Star", "نجم الصحراء", "Desert Star", false),
        ];
        for (text, tilde, known, relinked) in cases {
            let mention = |start: usize, len: usize, id: &str| Mention {
                span: crate::doc::Span { start, end: start + len },
                label: Label::ThreatActor,
                entity_id: id.to_string(),
                canonical: String::new(),
                source: "rule:test".to_string(),
                alias: String::new(),
                sentence: 0,
            };
            let tid = crate::doc::tilde_id(&normalize_str(tilde));
            let mut ms: Vec<Mention> = text
                .match_indices(tilde)
                .map(|(i, _)| mention(i, tilde.len(), &tid))
                .chain(text.match_indices(known).map(|(i, _)| mention(i, known.len(), "desert_star")))
                .collect();
            ms.sort_by_key(|m| m.span.start);
            glossed_names(text, &mut ms);
            let all = ms.iter().all(|m| m.entity_id == "desert_star");
            assert_eq!(all, relinked, "{text}");
        }
    }

    #[test]
    fn tilde_ids_keep_the_spelling_of_their_first_mention() {
        for (surface, id) in [
            ("أوليفييه  باراتيلي", "~أوليفييه_باراتيلي"),
            ("جیمز هالوران", "~جیمز_هالوران"),
            ("Laura Brenner", "~laura_brenner"),
            ("مُحمّد علـي", "~محمد_علي"),
            ("نجیب‌الله صافی", "~نجیب‌الله_صافی"),
        ] {
            assert_eq!(as_written(surface), id, "{surface}");
        }
        let text = "سارة ويتمور قالت ثم ساره ويتمور";
        let at = |w: &str| text.find(w).unwrap();
        let person = |start: usize, len: usize| Mention {
            span: crate::doc::Span { start, end: start + len },
            label: Label::Person,
            entity_id: crate::doc::tilde_id(&normalize_str(&text[start..start + len])),
            canonical: String::new(),
            source: "rule:test".to_string(),
            alias: String::new(),
            sentence: 0,
        };
        let mut ms = vec![person(at("سارة"), "سارة ويتمور".len()), person(at("ساره"), "ساره ويتمور".len())];
        assert_eq!(ms[0].entity_id, ms[1].entity_id);
        spell_tilde_ids(text, &mut ms);
        assert_eq!(ms[0].entity_id, "~سارة_ويتمور");
        assert_eq!(ms[1].entity_id, "~سارة_ويتمور");
    }
}
