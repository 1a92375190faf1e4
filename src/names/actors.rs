//! Threat actors by slot: a name no gazetteer holds, in the place a head noun for a hacking or
//! criminal group gives it (`actor_head` words of `rules/lexicon_actors.tsv`):
//! - Arabic and Persian put the name after the head, possibly after a nationality, an
//!   adjective (`actor_modifier`) or a naming word (`actor_naming`): `مجموعة القرصنة «X»`,
//!   `عصابة الفدية X`, `گروه هکری موسوم به «X»`, `المجموعة، التي تعرف باسم «X»`;
//! - English puts it before the head (`the X ransomware gang`, `X, a hacking group`) or after
//!   it (`hacker group X`, `a hacking group called X`).
//!
//! A `strong` head says the group hacks or extorts (`مجموعة القرصنة`, `گروه هکری`, `ransomware
//! gang`); a `weak` one (`مجموعة`, `گروه`, `group`) is also a group of companies or a set, so
//! its name must be quoted or in Latin script (or follow a naming word) and the sentence, or the
//! one before it, must speak of hacking (`actor_context` words; attack words alone do not, since
//! militant groups attack too). A name the gazetteer
//! holds keeps its gazetteer id (a THREAT_ACTOR) or is left alone (another label); the others
//! get `~` ids. Every other occurrence of a name found so carries it too.

use super::{Doc, Proposal, is_capitalized, is_name_char};
use crate::doc::{Label, Lang, Mention, Span};
use crate::normalize::normalize_str;

/// Most words of an unquoted name.
const MAX_WORDS: usize = 3;

/// Opening quote marks and the marks that close them.
fn closing_quote(open: char) -> Option<char> {
    match open {
        '«' => Some('»'),
        '"' => Some('"'),
        '“' => Some('”'),
        '”' => Some('”'),
        _ => None,
    }
}

/// The threat actors found by slot, then their other occurrences.
pub(super) fn actor_names(
    d: &Doc<'_>,
    mentions: &[Mention],
    gazetteer: &crate::gazetteer::Gazetteer,
) -> Vec<Proposal> {
    let mut found: Vec<Span> = Vec::new();
    for h in d.hits.iter().filter(|h| h.kind == "actor_head") {
        let strong = &*h.value == "strong";
        let span = if d.lang == Lang::En {
            english_before(d, h.span, strong).or_else(|| english_after(d, h.span, strong))
        } else {
            after_head(d, mentions, h.span, strong)
        };
        if let Some(s) = span.filter(|s| !s.is_empty() && d.taken.is_free(s.start, s.end)) {
            found.push(s);
        }
    }
    let mut out: Vec<Proposal> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    // Groups the pattern rules found naming themselves (`تطلق على نفسها اسم «X»`) recur too.
    for m in mentions.iter().filter(|m| m.label == Label::ThreatActor && m.entity_id.starts_with('~')) {
        let surface = &d.text[m.span.start..m.span.end];
        seen.push(normalize_str(surface));
        out.extend(other_occurrences(d, surface, m.span).into_iter().map(|o| Proposal {
            span: o,
            label: Label::ThreatActor,
            id: Some((m.entity_id.clone(), m.canonical.clone())),
            rule: "actor_by_slot",
        }));
    }
    for s in found {
        let surface = &d.text[s.start..s.end];
        let key = normalize_str(surface);
        if seen.contains(&key) {
            continue;
        }
        let entries = gazetteer.lookup(&key, d.lang);
        let id = match entries.iter().find(|e| e.label == Label::ThreatActor) {
            Some(e) => Some((e.entity_id.clone(), e.canonical.clone())),
            None if !entries.is_empty() => continue,
            None => None,
        };
        seen.push(key);
        out.push(Proposal { span: s, label: Label::ThreatActor, id: id.clone(), rule: "actor_by_slot" });
        out.extend(other_occurrences(d, surface, s).into_iter().map(|o| Proposal {
            span: o,
            label: Label::ThreatActor,
            id: id.clone(),
            rule: "actor_by_slot",
        }));
    }
    out
}

/// Every other free occurrence of `surface` in the text, standing as words of their own.
pub(super) fn other_occurrences(d: &Doc<'_>, surface: &str, first: Span) -> Vec<Span> {
    if surface.chars().filter(|c| c.is_alphabetic()).count() < 3 {
        return Vec::new();
    }
    d.text
        .match_indices(surface)
        .map(|(at, _)| Span::new(at, at + surface.len()))
        .filter(|s| *s != first)
        .filter(|s| {
            !d.text[..s.start].chars().next_back().is_some_and(is_name_char)
                && !d.text[s.end..].chars().next().is_some_and(is_name_char)
                && d.taken.is_free(s.start, s.end)
        })
        .collect()
}

impl Doc<'_> {
    /// Byte `at` moved past spaces (and ZWNJ, no-break spaces).
    fn skip_spaces(&self, at: usize) -> usize {
        let rest = &self.text[at..];
        at + (rest.len() - rest.trim_start_matches([' ', '\u{200c}', '\u{a0}']).len())
    }

    /// The end of the longest hit of `kind` starting at byte `at`.
    fn hit_end_at(&self, at: usize, kind: &str) -> Option<usize> {
        self.hits_in(at, at + 1).iter().filter(|h| h.kind == kind).map(|h| h.span.end).max()
    }

    /// A quoted name opening at byte `at`: the inside of the quotes, one to four words
    /// without a line break or a sentence's punctuation.
    fn quoted_at(&self, at: usize) -> Option<Span> {
        let open = self.text[at..].chars().next()?;
        let close = closing_quote(open)?;
        let inner = at + open.len_utf8();
        let len = self.text[inner..].find(close).filter(|&l| l > 0 && l <= 60)?;
        let s = &self.text[inner..inner + len];
        (s.trim() == s && !s.contains(['\n', '.', '،', ',', '؛', ';']) && s.split(' ').count() <= 4)
            .then(|| Span::new(inner, inner + len))
    }

    /// A Latin-script name starting at byte `at`: one to three words of letters, digits and
    /// `. - _ $`, each opening with a capital or a digit (`LockBit 3.0`, `NoName057`).
    fn latin_at(&self, at: usize) -> Option<Span> {
        let mut end = at;
        let mut words = 0;
        let mut pos = at;
        while words < MAX_WORDS {
            let rest = &self.text[pos..];
            let len = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '$')))
                .unwrap_or(rest.len());
            let word = rest[..len].trim_end_matches(['.', '-']);
            let opens = word.chars().next().is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            if word.is_empty() || !opens || !word.chars().any(|c| c.is_ascii_alphabetic()) && words == 0 {
                break;
            }
            words += 1;
            end = pos + word.len();
            if !rest[word.len()..].starts_with(' ') || word.len() != len {
                break;
            }
            pos += len + 1;
        }
        (words > 0).then(|| Span::new(at, end))
    }

    /// Whether the sentence holding byte `at`, or the one before it, speaks of hacking.
    fn hacking_context(&self, at: usize) -> bool {
        let si = self.sentence_of(at);
        let from = self.sentences.get(si.saturating_sub(1)).map_or(0, |s| s.start);
        let to = self.sentences.get(si).map_or(self.text.len(), |s| s.end);
        // Attack words alone do not say hacking: militants attack too (`جماعة «X» المتشددة`).
        self.hits_in(from, to).iter().any(|h| h.kind == "actor_context")
    }
}

/// Arabic and Persian: the name after the head, past nationalities and adjectives, a relative
/// pronoun and a naming word.
fn after_head(d: &Doc<'_>, mentions: &[Mention], head: Span, strong: bool) -> Option<Span> {
    let mut at = d.skip_spaces(head.end);
    for _ in 0..2 {
        let skip = mentions
            .iter()
            .find(|m| m.span.start == at && matches!(m.label, Label::Norp | Label::Gpe))
            .map(|m| m.span.end)
            .or_else(|| d.hit_end_at(at, "actor_modifier"));
        match skip {
            Some(end) => at = d.skip_spaces(end),
            None => break,
        }
    }
    // `المجموعة، التي تعرف باسم «X»`: a comma and a relative pronoun, then a naming word.
    let mut relative = at;
    if let Some(rest) = d.text[relative..].strip_prefix(['،', ',']) {
        relative = d.skip_spaces(d.text.len() - rest.len());
    }
    if let Some(i) = d.word_at(relative)
        && matches!(
            normalize_str(&d.text[d.words[i].start..d.words[i].end]).as_str(),
            "التي" | "الذي" | "والتي" | "كه"
        )
    {
        relative = d.skip_spaces(d.words[i].end);
    }
    let named = d.hit_end_at(relative, "actor_naming").or_else(|| d.hit_end_at(at, "actor_naming"));
    if let Some(end) = named {
        at = d.skip_spaces(end);
    }
    let context = || d.hacking_context(head.start);
    // `المجموعة «…»` after a definite head is mostly a quotation of the group's words: a
    // definite Arabic head gives a name only with a naming word, or unquoted after a strong head.
    let definite = d.lang == Lang::Ar
        && normalize_str(&d.text[head.start..head.end]).split(' ').any(|w| w.starts_with("ال"));
    if let Some(q) = d.quoted_at(at) {
        let first = d.text[q.start..q.end].split(' ').next().unwrap_or("");
        let plain = !d.lists.is_common(first, d.lang) && !d.lists.is_common_form(first, d.lang);
        return (named.is_some() || strong || !definite && plain && context()).then_some(q);
    }
    if let Some(l) = d.latin_at(at) {
        return (strong || context()).then_some(l);
    }
    // An unquoted name in Arabic script: after a definite strong head (`مجموعة القرصنة X`; after
    // an indefinite one a verb or an adjective follows) or a Persian one, or a naming word in a
    // sentence about hacking.
    let slot = strong && (definite || d.lang == Lang::Fa);
    if !(slot || named.is_some() && (strong || context())) {
        return None;
    }
    let i = d.word_at(at)?;
    let j = d.name_run(i, MAX_WORDS);
    (j > i).then(|| Span::new(d.words[i].start, d.words[j - 1].end))
}

/// English `the X group`, `the X ransomware gang`: capitalized words right before a head
/// written in lower case, after `the` (or any word, with a strong head).
fn english_before(d: &Doc<'_>, head: Span, strong: bool) -> Option<Span> {
    if is_capitalized(&d.text[head.start..head.end]) {
        return None;
    }
    let k = d.words.partition_point(|w| w.start < head.start);
    let mut i = k;
    while i > 0 && k - i < MAX_WORDS {
        let w = d.words[i - 1];
        let s = &d.text[w.start..w.end];
        let gap_end = d.words.get(i).map_or(head.start, |n| n.start);
        if !d.joined(w.end, gap_end) || !english_name_word(d, w, s) {
            break;
        }
        i -= 1;
    }
    if i == k {
        return None;
    }
    let before = i.checked_sub(1).map(|p| &d.text[d.words[p].start..d.words[p].end]);
    let after_the = before.is_some_and(|b| b.eq_ignore_ascii_case("the"));
    // A capitalized word opening a sentence is no name by itself (`State-backed hacking group`).
    let slot = after_the || strong && !d.clause_opens_at(d.words[i].start);
    if !slot || !strong && !d.hacking_context(head.start) {
        return None;
    }
    Some(Span::new(d.words[i].start, d.words[k - 1].end))
}

/// Whether English word `w` (`s`) may be part of a group's name: capitalized or opening with a
/// digit, free, not a sentence opener.
fn english_name_word(d: &Doc<'_>, w: Span, s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && d.taken.is_free(w.start, w.end)
        && !d.has_hit(w, &["cap_stop", "actor_head"])
}

/// English `hacker group X`, `a hacking group called X`, and `X, a ransomware gang`.
fn english_after(d: &Doc<'_>, head: Span, strong: bool) -> Option<Span> {
    let mut at = d.skip_spaces(head.end);
    let named = d.hit_end_at(at, "actor_naming");
    if let Some(end) = named {
        at = d.skip_spaces(end);
    }
    if strong || named.is_some() && d.hacking_context(head.start) {
        if let Some(q) = d.quoted_at(at) {
            return Some(q);
        }
        if at > head.end
            && let Some(i) = d.word_at(at)
        {
            let mut j = i;
            while j < d.words.len()
                && j - i < MAX_WORDS
                && (j == i || d.joined(d.words[j - 1].end, d.words[j].start))
                && english_name_word(d, d.words[j], &d.text[d.words[j].start..d.words[j].end])
            {
                j += 1;
            }
            if j > i {
                return Some(Span::new(d.words[i].start, d.words[j - 1].end));
            }
        }
    }
    strong.then(|| english_apposition(d, head)).flatten()
}

/// `X, a ransomware gang`: capitalized words before a comma, a determiner and at most two
/// words before a strong head.
fn english_apposition(d: &Doc<'_>, head: Span) -> Option<Span> {
    let k = d.words.partition_point(|w| w.start < head.start);
    let det = (k.saturating_sub(3)..k).find(|&p| {
        matches!(&d.text[d.words[p].start..d.words[p].end], "a" | "an" | "the")
            && (p + 1..=k).all(|q| q == k || d.joined(d.words[q - 1].end, d.words[q].start))
    })?;
    let before = d.text[..d.words[det].start].trim_end_matches(' ');
    let comma = before.strip_suffix(',')?;
    let end = comma.len();
    let last = d.words.partition_point(|w| w.end < end);
    if d.words.get(last).is_none_or(|w| w.end != end) {
        return None;
    }
    let mut first = last + 1;
    while first > 0
        && last + 1 - (first - 1) <= MAX_WORDS
        && english_name_word(d, d.words[first - 1], &d.text[d.words[first - 1].start..d.words[first - 1].end])
        && (first == last + 1 || d.joined(d.words[first - 1].end, d.words[first].start))
    {
        first -= 1;
    }
    (first <= last).then(|| Span::new(d.words[first].start, d.words[last].end))
}
