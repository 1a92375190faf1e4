//! Lexicon phrases found in normalized text: reporting verbs, stance words, attack verbs, tie
//! words, role titles. The pipeline finds their occurrences in the one scan it shares with the
//! gazetteer and the rule anchors ([`crate::keyset::Scan`]); [`Phrases::find`] scans alone.
//!
//! A lexicon word ending in `*` is a stem: any letters may follow it in the same word. Arabic
//! proclitics may precede any Arabic-script phrase (`وقال`, `فيما نفت` → `نفت`). A word flagged
//! `initial` matches only at the start of a sentence.
//!
//! What it does not do: decide what a phrase means in context (`claims`, `relations`).

use std::cmp::Reverse;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::doc::Lang;
use crate::gazetteer::word_span;
use crate::normalize::{is_arabic_letter, word_char_at};
use crate::rules::Lexicon;

/// One phrase occurrence (normalized byte offsets, whole words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Start in the normalized text (including proclitics).
    pub start: usize,
    /// End in the normalized text.
    pub end: usize,
    /// The lexicon kind (`cue`, `stance_deny`, …).
    pub kind: &'static str,
    /// The lexicon value (a stance for cues).
    pub value: Arc<str>,
    /// Only valid at the start of a sentence.
    pub initial: bool,
    /// A reporting frame: its speaker follows it.
    pub frame: bool,
    /// A proclitic (`و`, `ف`, …) is attached before the phrase.
    pub prefixed: bool,
    /// A circumstantial participle (`مضيفا`): its speaker is the main verb's.
    pub participle: bool,
    /// The cue's own stance holds whatever the words say (`به گزارش`: a source, not a claimant).
    pub fixed: bool,
    /// Only a cue as the verb of a relay frame's source (`نقلت X عن Y القول إن …`).
    pub sourced: bool,
    /// Only a cue with an accusation as its object (`وجهت X اتهامات لـ Y`).
    pub accusation: bool,
}

#[derive(Debug, Clone)]
struct Item {
    kind: &'static str,
    /// The rank of `kind` among the kinds in byte order: hits are sorted by it.
    kind_rank: u16,
    value: Arc<str>,
    stem: bool,
    initial: bool,
    frame: bool,
    participle: bool,
    fixed: bool,
    sourced: bool,
    accusation: bool,
    arabic: bool,
    lang: Lang,
}

/// The compiled phrase matcher.
#[derive(Debug, Clone)]
pub struct Phrases {
    ac: AhoCorasick,
    items: Vec<Item>,
    keys: Vec<String>,
}

impl Phrases {
    /// Compiles the words of `kinds` from `lexicon`.
    pub fn new(lexicon: &Lexicon, kinds: &[&'static str]) -> Phrases {
        let mut keys = Vec::new();
        let mut items = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for kind in kinds {
            // A word flagged `ambiguous` (a given name that is also a common word, `أمل`) is
            // left to the rules that ask for it in context; the phrase scan never reports it.
            for w in lexicon.words(kind).filter(|w| !w.flags.contains("ambiguous")) {
                let stem = w.word.ends_with('*');
                let word = w.word.trim_end_matches('*').trim().to_string();
                let lemma = w.flags.contains("lemma");
                let forms: Vec<(String, bool)> = if *kind == "cue" && w.lang == "fa" && !stem {
                    persian_verb_forms(&word).into_iter().map(|f| (f, false)).collect()
                } else if lemma && w.lang == "en" {
                    // The bare lemma follows `to` and modals (`declined to respond`): no report.
                    // A verb that is also a noun (`state`, `report`, `claims`) keeps only the
                    // forms no noun has.
                    let noun = w.flags.contains("noun");
                    english_verb_forms(&word, w.flags.contains("double"))
                        .into_iter()
                        .enumerate()
                        .filter(|&(k, _)| k >= if noun { 2 } else { 1 })
                        .map(|(_, f)| f)
                        .collect()
                } else {
                    vec![(word, false)]
                };
                for (key, gerund) in forms {
                    if key.is_empty() || !seen.insert((*kind, w.lang.clone(), key.clone())) {
                        continue;
                    }
                    items.push(Item {
                        kind,
                        kind_rank: 0,
                        value: w.value.as_str().into(),
                        stem,
                        initial: w.flags.contains("initial"),
                        frame: w.flags.contains("frame"),
                        participle: w.flags.contains("participle") || gerund,
                        fixed: w.flags.contains("fixed"),
                        sourced: w.flags.contains("sourced"),
                        accusation: w.flags.contains("accusation"),
                        lang: match w.lang.as_str() {
                            "ar" => Lang::Ar,
                            "fa" => Lang::Fa,
                            "en" => Lang::En,
                            _ => Lang::Und,
                        },
                        arabic: key.chars().next().is_some_and(is_arabic_letter),
                    });
                    keys.push(key);
                }
            }
        }
        let mut ranked: Vec<&str> = items.iter().map(|i| i.kind).collect();
        ranked.sort_unstable();
        ranked.dedup();
        for item in &mut items {
            item.kind_rank = ranked.binary_search(&item.kind).expect("a kind of the items") as u16;
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&keys)
            .expect("lexicon phrases compile (literal strings)");
        Phrases { ac, items, keys }
    }

    /// The normalized keys, indexed as the occurrences [`Phrases::find_with`] takes.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    /// Whether each key (indexed like [`Phrases::keys`]) is a stem: any letters may follow it
    /// in its word.
    pub fn stems(&self) -> Vec<bool> {
        self.items.iter().map(|i| i.stem).collect()
    }

    /// Every occurrence of every phrase of a document in `lang`, longest first among those
    /// that start together; overlapping hits of different kinds are all kept. Words listed for
    /// another language are skipped (Persian `برای` is not Arabic `ب` + `رأى`); words of an
    /// undetermined language, and all words in an undetermined document, apply everywhere.
    pub fn find(&self, norm: &str, lang: Lang) -> Vec<Hit> {
        let occ: Vec<(usize, usize, usize)> = self
            .ac
            .find_overlapping_iter(norm)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        self.find_with(norm, lang, &occ)
    }

    /// Like [`Phrases::find`], from occurrences `(start, end, key)` of [`Phrases::keys`]
    /// found by a scan shared with the other stages (any order).
    pub fn find_with(&self, norm: &str, lang: Lang, occ: &[(usize, usize, usize)]) -> Vec<Hit> {
        // (start, end, kind rank, item, prefixed, index): sorted and deduplicated before the hits
        // are built.
        let mut found: Vec<(usize, usize, u16, u32, bool, u32)> = Vec::with_capacity(occ.len());
        for &(ms, me, key) in occ {
            let item = &self.items[key];
            if item.lang != lang && item.lang != Lang::Und && lang != Lang::Und {
                continue;
            }
            let m_start = ms;
            let mut me = me;
            if item.stem {
                while let Some(n) = word_char_at(norm, me) {
                    me += n;
                }
            }
            let Some((ws, we)) = word_span(norm, m_start, me, item.arabic, false, &[]) else { continue };
            // Only the conjunctions and prepositions may precede a verb, not the article.
            let prefix = &norm[ws..m_start];
            if item.kind == "cue" && prefix.as_bytes().windows("ال".len()).any(|w| w == "ال".as_bytes()) {
                continue;
            }
            found.push((ws, we, item.kind_rank, key as u32, ws < m_start, found.len() as u32));
        }
        // By start, the longest first, then the kind; equal ones in the order found, which the
        // index says: an unstable sort gives the order of a stable one, at less cost.
        found.sort_unstable_by_key(|&(start, end, rank, _, _, index)| (start, Reverse(end), rank, index));
        found.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1 && a.2 == b.2);
        found
            .into_iter()
            .map(|(start, end, _, key, prefixed, _)| {
                let item = &self.items[key as usize];
                Hit {
                    start,
                    end,
                    kind: item.kind,
                    value: item.value.clone(),
                    initial: item.initial,
                    frame: item.frame,
                    participle: item.participle,
                    fixed: item.fixed,
                    sourced: item.sourced,
                    accusation: item.accusation,
                    prefixed,
                }
            })
            .collect()
    }
}

/// Persian light verbs and reporting verbs: the past stem and the present third person
/// singular, normalized (`کرد` / `کند`).
const PERSIAN_VERBS: &[(&str, &str)] = &[
    ("كرد", "كند"),
    ("نمود", "نمايد"),
    ("داد", "دهد"),
    ("داشت", "دارد"),
    ("ساخت", "سازد"),
    // `آن را … می‌خواند` names, it does not report: no present tense.
    ("خواند", ""),
    ("دانست", "داند"),
    ("شد", "شود"),
    ("گفت", "گويد"),
    ("افزود", "افزايد"),
    ("نوشت", "نويسد"),
];

/// The tenses the press reports in, for a Persian cue that ends in a past stem listed in
/// [`PERSIAN_VERBS`] (`رد کرد` → `رد کردند`, `رد کرده است`, `رد کرده‌اند`, `رد کرده بود`,
/// `رد کرده بودند`, `رد می‌کند`, `رد می‌کنند`), so the lexicon lists each verb once. The word
/// itself is always the first form; other cues are returned as they are.
pub fn persian_verb_forms(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    let (head, last) = match word.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), word),
    };
    let Some(&(past, present)) = PERSIAN_VERBS.iter().find(|(p, _)| *p == last) else { return out };
    let plural = present.strip_suffix('د').map(|p| format!("{p}ند")).unwrap_or_default();
    let present_forms = if present.is_empty() {
        Vec::new()
    } else {
        vec![format!("مي{present}"), format!("مي {present}"), format!("مي{plural}"), format!("مي {plural}")]
    };
    for form in [
        format!("{past}ند"),
        format!("{past}ه است"),
        format!("{past}ه اند"),
        format!("{past}هاند"),
        format!("{past}ه بود"),
        format!("{past}ه بودند"),
    ]
    .into_iter()
    .chain(present_forms)
    {
        out.push(format!("{head}{form}"));
    }
    out
}

/// The inflections of an English verb given by its lemma (lexicon flag `lemma`): the lemma, the
/// third person (`insists`, `denies`, `pushes`), the past (`insisted`, `denied`, `cited`;
/// `slammed` with the flag `double` or for a short consonant-vowel-consonant verb) and the
/// participle in `-ing` (`insisting`, `citing`), which is marked `true`: it shares the main
/// verb's subject like the listed participles. Irregular forms are listed as words of their own.
/// A multi-word lemma inflects its first word (`point out` → `points out`).
pub fn english_verb_forms(lemma: &str, double: bool) -> Vec<(String, bool)> {
    let (verb, rest) = match lemma.split_once(' ') {
        Some((v, r)) => (v, format!(" {r}")),
        None => (lemma, String::new()),
    };
    let vowel = |c: char| "aeiou".contains(c);
    let chars: Vec<char> = verb.chars().collect();
    let n = chars.len();
    let cvc = n >= 3
        && !vowel(chars[n - 1])
        && !"wxy".contains(chars[n - 1])
        && vowel(chars[n - 2])
        && !vowel(chars[n - 3]);
    let doubled = double || cvc && n <= 4;
    let stem_ed = if let Some(base) = verb.strip_suffix('y').filter(|b| !b.ends_with(vowel)) {
        format!("{base}ied")
    } else if verb.ends_with('e') {
        format!("{verb}d")
    } else if doubled {
        format!("{verb}{}ed", chars[n - 1])
    } else {
        format!("{verb}ed")
    };
    let third = if let Some(base) = verb.strip_suffix('y').filter(|b| !b.ends_with(vowel)) {
        format!("{base}ies")
    } else if ["s", "sh", "ch", "x", "z", "o"].iter().any(|e| verb.ends_with(e)) {
        format!("{verb}es")
    } else {
        format!("{verb}s")
    };
    let ing = if let Some(base) = verb.strip_suffix("ie") {
        format!("{base}ying")
    } else if let Some(base) = verb.strip_suffix('e').filter(|b| !b.ends_with('e')) {
        format!("{base}ing")
    } else if doubled {
        format!("{verb}{}ing", chars[n - 1])
    } else {
        format!("{verb}ing")
    };
    vec![
        (format!("{verb}{rest}"), false),
        (format!("{third}{rest}"), false),
        (format!("{stem_ed}{rest}"), false),
        (format!("{ing}{rest}"), true),
    ]
}

/// Keeps, of the hits of `kind`, a non-overlapping set preferring the longest (then leftmost).
pub fn longest(hits: &[Hit], kind: &str) -> Vec<Hit> {
    let mut v: Vec<&Hit> = hits.iter().filter(|h| h.kind == kind).collect();
    v.sort_by(|a, b| (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)));
    let mut chosen: Vec<Hit> = Vec::new();
    let mut taken = crate::doc::DisjointSpans::new();
    for h in v {
        if taken.insert_if_free(h.start, h.end) {
            chosen.push(h.clone());
        }
    }
    chosen.sort_by_key(|h| h.start);
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_lemmas_get_their_inflections() {
        let forms =
            |l: &str, d: bool| english_verb_forms(l, d).into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(forms("insist", false), ["insist", "insists", "insisted", "insisting"]);
        assert_eq!(forms("deny", false), ["deny", "denies", "denied", "denying"]);
        assert_eq!(forms("cite", false), ["cite", "cites", "cited", "citing"]);
        assert_eq!(forms("slam", false), ["slam", "slams", "slammed", "slamming"]);
        assert_eq!(forms("admit", true), ["admit", "admits", "admitted", "admitting"]);
        assert_eq!(forms("stress", false), ["stress", "stresses", "stressed", "stressing"]);
        assert_eq!(forms("point out", false), ["point out", "points out", "pointed out", "pointing out"]);
        assert!(english_verb_forms("warn", false)[3].1, "the -ing form is a participle");
    }

    #[test]
    fn persian_compound_verbs_get_their_tenses() {
        let forms = persian_verb_forms("رد كرد");
        for want in
            ["رد كرد", "رد كردند", "رد كرده است", "رد كردهاند", "رد كرده بود", "رد ميكند", "رد مي كنند"]
        {
            assert!(forms.iter().any(|f| f == want), "{want} missing from {forms:?}");
        }
        assert_eq!(persian_verb_forms("به گزارش"), vec!["به گزارش".to_string()]);
        assert!(persian_verb_forms("گفت").contains(&"ميگويند".to_string()));
    }
}
