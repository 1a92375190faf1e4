//! Pattern rules: regexes kept as data (`rules/patterns.tsv`) with word-list placeholders filled
//! from `rules/lexicon.tsv`, compiled once, run over the normalized text.
//!
//! They find what gazetteers cannot list: dates and amounts (with a normalized `canonical`),
//! people named after a title (`مراسلة الجزيرة بواشنطن …`, `آقای …`), ministries and companies
//! named after a head noun. Each match is checked at word boundaries like a gazetteer alias
//! (Arabic proclitics may precede it: `بـ25 مليار دولار`, `والثلاثاء`).
//!
//! What it does not do: choose between overlapping candidates (`link`).

use std::collections::{HashMap, HashSet};

use aho_corasick::AhoCorasick;
use regex::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Input, meta};

use crate::calendar::Calendar;
use crate::data::{self, DataFile};
use crate::doc::{Label, Lang};
use crate::error::{Error, Result};
use crate::gazetteer::{Triggers, word_span};
use crate::normalize::{Normalized, normalize_str};

/// Columns of `rules/lexicon.tsv`.
pub const LEXICON_COLUMNS: [&str; 5] = ["kind", "lang", "word", "value", "flags"];
/// Columns of `rules/patterns.tsv`.
pub const PATTERN_COLUMNS: [&str; 3] = ["name", "label", "pattern"];

/// One word of the lexicon.
#[derive(Debug, Clone)]
pub struct LexWord {
    /// The list it belongs to (`month`, `title`, `reporting_verb`, …).
    pub kind: String,
    /// The language it is written in.
    pub lang: String,
    /// The word, normalized.
    pub word: String,
    /// The word as written in the file.
    pub surface: String,
    /// Its value (month number, amount, currency code, stance, …).
    pub value: String,
    /// Flags (`ambiguous`).
    pub flags: String,
}

/// The lexicon: word lists by kind.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    words: Vec<LexWord>,
    by_kind_word: HashMap<(String, String), usize>,
}

impl Lexicon {
    /// Loads every file named `lexicon*.tsv` of `files`.
    pub fn load(files: &[DataFile]) -> Result<Lexicon> {
        let mut lex = Lexicon::default();
        let mut seen = std::collections::HashSet::new();
        for file in files.iter().filter(|f| f.name.starts_with("lexicon")) {
            for rec in data::parse(file, &LEXICON_COLUMNS)? {
                let f = &rec.fields;
                let word = normalize_str(f[2]);
                if f[0].is_empty() || word.is_empty() {
                    return Err(Error::data(&file.origin, Some(rec.line), "kind and word must not be empty"));
                }
                // A word listed twice for one language is kept once; the same spelling listed
                // for Arabic and for Persian (`وزير` / `وزیر` fold together) is kept for both,
                // since the claim stages match words of the document's language only.
                let key = (f[0].to_string(), word.clone());
                if !seen.insert((f[0].to_string(), f[1].to_string(), word.clone())) {
                    continue;
                }
                lex.by_kind_word.entry(key).or_insert(lex.words.len());
                lex.words.push(LexWord {
                    kind: f[0].to_string(),
                    lang: f[1].to_string(),
                    word,
                    surface: f[2].to_string(),
                    value: f[3].to_string(),
                    flags: f[4].to_string(),
                });
            }
        }
        Ok(lex)
    }

    /// The words of `kind`.
    pub fn words<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a LexWord> + 'a {
        self.words.iter().filter(move |w| w.kind == kind)
    }

    /// The value of the (normalized) `word` of `kind`.
    pub fn value(&self, kind: &str, word: &str) -> Option<&str> {
        self.get(kind, word).map(|w| w.value.as_str())
    }

    /// The entry of the (normalized) `word` of `kind` (the first one listed when several
    /// languages list it).
    pub fn get(&self, kind: &str, word: &str) -> Option<&LexWord> {
        self.by_kind_word.get(&(kind.to_string(), word.to_string())).map(|&i| &self.words[i])
    }

    /// Whether `word` (normalized) is in the list `kind`.
    pub fn contains(&self, kind: &str, word: &str) -> bool {
        self.by_kind_word.contains_key(&(kind.to_string(), word.to_string()))
    }

    /// The triggers for ambiguous gazetteer aliases (`title` and `trigger_before` words before
    /// a name, `trigger_after` words after it).
    pub fn triggers(&self) -> Triggers {
        Triggers {
            before: self.words("title").chain(self.words("trigger_before")).map(|w| w.word.clone()).collect(),
            after: self.words("trigger_after").map(|w| w.word.clone()).collect(),
        }
    }

    /// A regex alternation of the words of `kind` (longest first), optionally without the
    /// ambiguous ones.
    fn alternation(&self, kind: &str, with_ambiguous: bool) -> Option<String> {
        let mut ws: Vec<&str> = self
            .words(kind)
            .filter(|w| with_ambiguous || !w.flags.contains("ambiguous"))
            .map(|w| w.word.as_str())
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        if ws.is_empty() {
            return None;
        }
        ws.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        Some(format!("(?:{})", ws.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|")))
    }
}

/// One compiled pattern rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The rule name (`source` = `rule:<name>`).
    pub name: String,
    /// The label of its mentions.
    pub label: Label,
    /// The compiled regex. An anchored rule runs in windows of a few words, where the literal
    /// prefilter of a whole-text search costs more than it saves: it is built without one.
    pub regex: meta::Regex,
    /// The lexicon kind every match contains (`month`, `currency`, …), if declared: the rule
    /// then runs only in small windows around those words instead of over the whole text.
    pub anchor: Option<usize>,
    /// Named capture groups and their indexes.
    groups: Vec<(String, usize)>,
}

/// One capture group of a match, as the rule code reads it.
#[derive(Debug, Clone, Copy)]
struct Group<'h> {
    start: usize,
    end: usize,
    text: &'h str,
}

impl<'h> Group<'h> {
    fn as_str(&self) -> &'h str {
        self.text
    }
}

/// The groups of one match, read from reused capture slots (no allocation per match).
struct Groups<'a> {
    rule: &'a Rule,
    caps: &'a Captures,
    hay: &'a str,
}

impl<'a> Groups<'a> {
    fn get(&self, i: usize) -> Option<Group<'a>> {
        let regex_automata::Span { start, end } = self.caps.get_group(i)?;
        Some(Group { start, end, text: &self.hay[start..end] })
    }

    fn name(&self, name: &str) -> Option<Group<'a>> {
        let &(_, i) = self.rule.groups.iter().find(|(n, _)| n == name)?;
        self.get(i)
    }
}

/// A mention candidate found by a rule (normalized byte offsets, whole words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleMatch {
    /// Start in the normalized text.
    pub start: usize,
    /// End in the normalized text.
    pub end: usize,
    /// Index of the rule.
    pub rule: usize,
    /// The normalized value for DATE and MONEY, else empty. A DATE's is Gregorian whatever
    /// calendar it is written in.
    pub canonical: String,
    /// The calendar a DATE is written in: the calendar of its month name (the lexicon's
    /// `solar_hijri` and `hijri` flags), else of its era-marked year (`year_sh`, `year_h`
    /// groups), else Gregorian when it has a month number or a year; `None` for a weekday and
    /// for every other label.
    pub calendar: Option<Calendar>,
}

/// The compiled rules with their lexicon.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// The rules, in file order.
    pub rules: Vec<Rule>,
    /// The word lists.
    pub lexicon: Lexicon,
    /// One automaton over the words of every anchor kind, with the kind of each pattern.
    anchors: Option<(AhoCorasick, Vec<usize>)>,
    /// The anchor words (normalized), indexed as the automaton's patterns.
    anchor_keys: Vec<String>,
    /// The windows rules run in, indexed by `Rule::anchor`.
    anchor_specs: Vec<AnchorSpec>,
}

/// Words before and after an anchor word that a window around it covers unless the rule says
/// otherwise: enough for the longest rule (a title, a three-word body and a three-word name; a
/// day and `من` before a month).
const WINDOW_BEFORE: usize = 4;
const WINDOW_AFTER: usize = 9;

/// Where an anchored rule runs: around the words of lexicon kind `kind`, `before` words before
/// and `after` words after each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct AnchorSpec {
    kind: usize,
    before: usize,
    after: usize,
}

/// Reads the `window` column: empty (the default) or `BEFORE,AFTER` in words.
fn parse_window(s: &str) -> Option<(usize, usize)> {
    if s.trim().is_empty() {
        return Some((WINDOW_BEFORE, WINDOW_AFTER));
    }
    let (b, a) = s.split_once(',')?;
    Some((b.trim().parse().ok()?, a.trim().parse().ok()?))
}

/// One word of a name: letters, with inner apostrophes and hyphens (`O'Brien`, `Jean-Pierre`).
const NAME_WORD: &str = r"[[\p{Arabic}&&\p{L}]a-z](?:[[\p{Arabic}&&\p{L}]a-z'\-]*[[\p{Arabic}&&\p{L}]a-z])?";

impl RuleSet {
    /// Loads `patterns*.tsv` and `lexicon*.tsv` from `files`, expanding placeholders. An
    /// invalid regex or an unknown placeholder is an error naming file and line.
    pub fn load(files: &[DataFile]) -> Result<RuleSet> {
        let lexicon = Lexicon::load(files)?;
        let name = format!("(?:{NAME_WORD}(?: {NAME_WORD}){{0,2}})");
        let placeholder = Regex::new(r"\{([a-z_]+)(\*?)\}").expect("literal regex");
        let mut rules = Vec::new();
        let mut anchor_kinds: Vec<String> = Vec::new();
        let mut anchor_specs: Vec<AnchorSpec> = Vec::new();
        for file in files.iter().filter(|f| f.name.starts_with("patterns")) {
            for rec in data::parse(file, &PATTERN_COLUMNS)? {
                let f = &rec.fields;
                let err = |msg: String| Error::data(&file.origin, Some(rec.line), msg);
                let label = Label::parse(f[1]).ok_or_else(|| err(format!("unknown label '{}'", f[1])))?;
                let mut missing = None;
                let expanded = placeholder.replace_all(f[2], |c: &regex::Captures<'_>| {
                    if &c[1] == "name" {
                        return name.clone();
                    }
                    match lexicon.alternation(&c[1], !c[2].is_empty()) {
                        Some(alt) => alt,
                        None => {
                            missing = Some(c[1].to_string());
                            String::new()
                        }
                    }
                });
                if let Some(kind) = missing {
                    return Err(err(format!("placeholder {{{kind}}} names no word list of the lexicon")));
                }
                let anchor = match f.get(3).copied().unwrap_or("") {
                    "" => None,
                    kind => {
                        if lexicon.words(kind).next().is_none() {
                            return Err(err(format!("anchor '{kind}' names no word list of the lexicon")));
                        }
                        let k = match anchor_kinds.iter().position(|k| k == kind) {
                            Some(i) => i,
                            None => {
                                anchor_kinds.push(kind.to_string());
                                anchor_kinds.len() - 1
                            }
                        };
                        let (before, after) =
                            parse_window(f.get(4).copied().unwrap_or("")).ok_or_else(|| {
                                err(format!("window '{}' is not two word counts such as 4,9", f[4]))
                            })?;
                        let spec = AnchorSpec { kind: k, before, after };
                        Some(match anchor_specs.iter().position(|s| *s == spec) {
                            Some(i) => i,
                            None => {
                                anchor_specs.push(spec);
                                anchor_specs.len() - 1
                            }
                        })
                    }
                };
                let regex = meta::Regex::builder()
                    .configure(meta::Config::new().auto_prefilter(anchor.is_none()))
                    .build(&expanded)
                    .map_err(|e| err(format!("invalid regex in rule '{}': {}", f[0], regex_error(&e))))?;
                let groups = regex
                    .group_info()
                    .pattern_names(regex_automata::PatternID::ZERO)
                    .enumerate()
                    .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
                    .collect();
                rules.push(Rule { name: f[0].to_string(), label, regex, anchor, groups });
            }
        }
        let mut keys = Vec::new();
        let mut kinds = Vec::new();
        for (k, kind) in anchor_kinds.iter().enumerate() {
            for w in lexicon.words(kind) {
                keys.push(w.word.trim_end_matches('*').to_string());
                kinds.push(k);
            }
        }
        let anchors = if keys.is_empty() {
            None
        } else {
            let ac = AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::Standard)
                .build(&keys)
                .map_err(|e| Error::data("rules", None, format!("cannot compile the anchor words: {e}")))?;
            Some((ac, kinds))
        };
        Ok(RuleSet { rules, lexicon, anchors, anchor_keys: keys, anchor_specs })
    }

    /// Runs every rule over `norm` and returns the valid candidates (may overlap). Without the
    /// original text, Latin words after a title are not checked for capitals: prefer
    /// [`RuleSet::find_in`].
    pub fn find(&self, norm: &str) -> Vec<RuleMatch> {
        self.find_cased(norm, &self.anchor_occurrences(norm), &|_| true)
    }

    /// Runs every rule over the normalized view of `text`. A Latin word is part of a name after
    /// a title only when it is capitalized in the original (`spokesperson Steven Cheung said`).
    pub fn find_in(&self, norm: &Normalized, text: &str) -> Vec<RuleMatch> {
        let occ = self.anchor_occurrences(&norm.text);
        self.find_in_with(norm, text, &occ)
    }

    /// Like [`RuleSet::find_in`], from occurrences `(start, end, key)` of
    /// [`RuleSet::anchor_keys`] found by a scan shared with the other stages (any order).
    pub fn find_in_with(
        &self,
        norm: &Normalized,
        text: &str,
        anchors: &[(usize, usize, usize)],
    ) -> Vec<RuleMatch> {
        let upper = |pos: usize| {
            let o = norm.original_offset(pos, text.len());
            text[o..].chars().next().is_none_or(|c| !c.is_lowercase())
        };
        self.find_cased(&norm.text, anchors, &upper)
    }

    /// The anchor words (normalized), indexed as the occurrences [`RuleSet::find_in_with`]
    /// takes.
    pub fn anchor_keys(&self) -> &[String] {
        &self.anchor_keys
    }

    fn anchor_occurrences(&self, norm: &str) -> Vec<(usize, usize, usize)> {
        self.anchors.as_ref().map_or_else(Vec::new, |(ac, _)| {
            ac.find_overlapping_iter(norm).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect()
        })
    }

    fn find_cased(
        &self,
        norm: &str,
        anchors: &[(usize, usize, usize)],
        upper: &dyn Fn(usize) -> bool,
    ) -> Vec<RuleMatch> {
        let windows = self.anchor_windows(norm, anchors);
        let mut out = Vec::new();
        for (ri, rule) in self.rules.iter().enumerate() {
            let whole = [(0, norm.len())];
            let spans: &[(usize, usize)] = match rule.anchor {
                Some(k) => &windows[k],
                None => &whole,
            };
            let before = out.len();
            let mut caps = rule.regex.create_captures();
            for &(a, b) in spans {
                let hay = &norm[..b];
                let mut at = a;
                while at <= b {
                    rule.regex.search_captures(&Input::new(hay).span(at..b), &mut caps);
                    let Some(m0) = caps.get_match() else { break };
                    at = if m0.end() > m0.start() {
                        m0.end()
                    } else {
                        m0.end() + hay[m0.end()..].chars().next().map_or(1, char::len_utf8)
                    };
                    let g = Groups { rule, caps: &caps, hay };
                    self.accept(norm, ri, rule, &g, upper, &mut out);
                }
            }
            if rule.anchor.is_some() && spans.len() > 1 {
                // Windows do not overlap, but a match may reach past its window's start.
                let mut found = out.split_off(before);
                found.sort_by_key(|m| (m.start, m.end));
                found.dedup_by_key(|m| (m.start, m.end));
                out.extend(found);
            }
        }
        out
    }

    /// For each anchor window spec, the merged windows (normalized byte ranges, on word
    /// boundaries) around the occurrences of its kind's words.
    fn anchor_windows(&self, norm: &str, anchors: &[(usize, usize, usize)]) -> Vec<Vec<(usize, usize)>> {
        let mut windows: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.anchor_specs.len()];
        let Some((_, kinds)) = &self.anchors else { return windows };
        let mut anchors = anchors.to_vec();
        anchors.sort_unstable();
        let bytes = norm.as_bytes();
        let back = |mut p: usize, words: usize| {
            let mut seen = 0;
            while p > 0 {
                if bytes[p - 1] == b' ' {
                    seen += 1;
                    if seen > words {
                        break;
                    }
                }
                p -= 1;
            }
            p
        };
        let forward = |mut p: usize, words: usize| {
            let mut seen = 0;
            while p < bytes.len() {
                if bytes[p] == b' ' {
                    seen += 1;
                    if seen > words {
                        break;
                    }
                }
                p += 1;
            }
            p
        };
        for (start, end, key) in anchors {
            // An anchor counts only as a word of its own (after a clitic such as و or ال): the
            // same test a rule's match passes. Inside longer words the short ones (مه, آب, دی)
            // would otherwise open windows over most of an Arabic text.
            if word_span(norm, start, end, true, false, &[]).is_none() {
                continue;
            }
            for (spec, list) in self.anchor_specs.iter().zip(&mut windows) {
                if spec.kind != kinds[key] {
                    continue;
                }
                let w = (back(start, spec.before), forward(end, spec.after));
                match list.last_mut() {
                    Some(last) if w.0 <= last.1 => last.1 = last.1.max(w.1),
                    _ => list.push(w),
                }
            }
        }
        windows
    }

    /// Checks one regex match and records it.
    fn accept(
        &self,
        norm: &str,
        ri: usize,
        rule: &Rule,
        caps: &Groups<'_>,
        upper: &dyn Fn(usize) -> bool,
        out: &mut Vec<RuleMatch>,
    ) {
        let Some(m) = caps.name("m").or_else(|| caps.get(0)) else { return };
        let (mut s, mut e) = (m.start, m.end);
        if rule.label == Label::Person || rule.name.starts_with("org_") {
            match self.trim_name(norm, s, e, upper, rule.label == Label::Person) {
                Some((ns, ne)) => (s, e) = (ns, ne),
                None => return,
            }
        }
        let Some((ws, we)) = word_span(norm, s, e, true, false, &[]) else { return };
        let (canonical, calendar) = match rule.label {
            Label::Date => self.date_value(caps),
            Label::Money => (self.money_value(caps), None),
            _ => (String::new(), None),
        };
        out.push(RuleMatch { start: ws, end: we, rule: ri, canonical, calendar });
    }

    /// Cuts a name found after a title at its first stop word (for a `person`, also at its
    /// first common word) and trims stop words off its end; `None` when nothing that can be a
    /// name is left (first word a stop word or a definite noun).
    fn trim_name(
        &self,
        norm: &str,
        s: usize,
        e: usize,
        upper: &dyn Fn(usize) -> bool,
        person: bool,
    ) -> Option<(usize, usize)> {
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut pos = s;
        for w in norm[s..e].split(' ') {
            if w.starts_with(|c: char| c.is_ascii_alphabetic()) && !upper(pos) {
                break;
            }
            words.push((pos, pos + w.len()));
            pos += w.len() + 1;
        }
        // A definite noun, a function word, or one of the language's commonest words (`هجمات`)
        // opens no name; a given name does (`محمد`, common as it is).
        let common = |w: &str| {
            let bare = w.strip_prefix(['و', 'ف', 'ب', 'ل']).filter(|r| r.chars().count() >= 3).unwrap_or(w);
            (self.lexicon.contains("common_word", w) || self.lexicon.contains("common_word", bare))
                && !self.lexicon.contains("first_name", w)
        };
        // A word that is no part of a name ends it: a stop word, or a common word or its form
        // with a clitic (`رئيس`, `برابط`, `للصحافيين`), unless it is a given name or part of a
        // compound (`بن سلمان`, `عبد الله`, `نور الدين`).
        let bare_common = |w: &str| self.lexicon.contains("common_word", w);
        let is_connector = |w: &str| crate::names::NAME_CONNECTORS.contains(&w);
        let stops = |k: usize| {
            let w = &norm[words[k].0..words[k].1];
            let prev = &norm[words[k - 1].0..words[k - 1].1];
            // Right after the first name, a common word with the article is a family name as
            // often as not (`سعيد الدوسري`, `عزام الدخيل`): only later ones end the name.
            let compound = is_connector(w)
                || is_connector(prev)
                || matches!(w, "الدين" | "الله")
                || k == 1 && w.starts_with("ال");
            self.lexicon.contains("name_stop", w)
                || person
                    && !compound
                    && !self.lexicon.contains("first_name", w)
                    && (common(w)
                        || crate::names::common_form(w, Lang::Ar, bare_common)
                        || crate::names::common_form(w, Lang::Fa, bare_common))
        };
        // A foreign surname that only looks like a proclitic and the article (`والترز`) is the
        // name's last word when the name ends right after it (a stop, the end, a complementizer).
        let ends_after = |k: usize| {
            let rest = norm[words[k].1..].trim_start_matches(' ');
            rest.is_empty()
                || rest.starts_with(['،', ',', '.', ':', '(', '«', '"', '؛'])
                || ["ان ", "انه ", "انها ", "بان "].iter().any(|c| rest.starts_with(c))
        };
        let cut = (1..words.len()).find(|&k| {
            stops(k)
                && !(person
                    && crate::names::article_lookalike(&norm[words[k].0..words[k].1], bare_common)
                    && ends_after(k))
        });
        if let Some(k) = cut {
            words.truncate(k);
        }
        // An indefinite accusative (`محافظا`, `عرضا`: `ا` on a common stem) is no name word.
        let accusative = |w: &str| {
            w.strip_suffix('ا').is_some_and(|st| st.chars().count() >= 3 && bare_common(st))
                && !self.lexicon.contains("first_name", w)
        };
        if let Some(k) = (0..words.len()).find(|&k| accusative(&norm[words[k].0..words[k].1])) {
            words.truncate(k);
        }
        while let Some(&(a, b)) = words.last() {
            // A stop word or a connector (`فهد بن`) never ends a name.
            if self.lexicon.contains("name_stop", &norm[a..b]) || is_connector(&norm[a..b]) {
                words.pop();
            } else {
                break;
            }
        }
        let &(a, b) = words.first()?;
        let first = &norm[a..b];
        if first.starts_with("ال")
            || first.starts_with("لل")
            || self.lexicon.contains("name_stop", first)
            || first.ends_with('ه')
            || common(first)
            || !self.lexicon.contains("first_name", first)
                && (crate::names::common_form(first, Lang::Ar, bare_common)
                    || crate::names::common_form(first, Lang::Fa, bare_common))
        {
            return None;
        }
        Some((a, words.last()?.1))
    }

    /// A DATE's Gregorian value (`2024-02-02`, `2023-12`, `2018`, or empty when it has no
    /// year) and the calendar it is written in (see [`RuleMatch::calendar`]).
    ///
    /// A Solar Hijri or Hijri date is converted ([`Calendar::to_gregorian`]); written without
    /// its day, it takes the Gregorian month of its 15th day
    /// ([`Calendar::month_to_gregorian`]), and a year alone the Gregorian year of its middle
    /// day ([`Calendar::year_to_gregorian`]). A day the month does not have (`31 بهمن`) leaves
    /// the month's value.
    fn date_value(&self, caps: &Groups<'_>) -> (String, Option<Calendar>) {
        let (year, year_calendar) = match (caps.name("year_sh"), caps.name("year_h")) {
            (Some(y), _) => (Some(y), Some(Calendar::SolarHijri)),
            (None, Some(y)) => (Some(y), Some(Calendar::Hijri)),
            _ => (caps.name("year").or(caps.name("year2")).or(caps.name("year3")), None),
        };
        let year = year.map(|m| m.as_str().to_string());
        let (month, month_calendar) = match caps.name("month_num") {
            Some(m) => (Some(m.as_str().to_string()), Some(Calendar::Gregorian)),
            None => match caps.name("month2").or(caps.name("month")) {
                Some(m) => match self.lexicon.get("month", m.as_str()) {
                    Some(w) => (Some(w.value.clone()), Some(Calendar::from_flags(&w.flags))),
                    None => (None, None),
                },
                None => (None, None),
            },
        };
        let month = month.and_then(|v| v.parse::<u32>().ok()).filter(|m| (1..=12).contains(m));
        let day = caps.name("day").and_then(|d| {
            d.as_str()
                .parse::<u32>()
                .ok()
                .or_else(|| self.lexicon.value("day_ordinal", d.as_str())?.parse().ok())
        });
        let calendar = month_calendar.or(year_calendar).or(year.as_ref().map(|_| Calendar::Gregorian));
        let value = match calendar {
            Some(Calendar::Gregorian) | None => match (year, month, day) {
                (Some(y), Some(m), Some(d)) if (1..=31).contains(&d) => format!("{y}-{m:02}-{d:02}"),
                (Some(y), Some(m), _) => format!("{y}-{m:02}"),
                (Some(y), None, None) => y,
                _ => String::new(),
            },
            Some(cal) => {
                let year = year.and_then(|y| y.parse::<i32>().ok());
                match (year, month, day) {
                    (Some(y), Some(m), Some(d)) => cal
                        .to_gregorian(y, m, d)
                        .map(|g| g.to_string())
                        .or_else(|| cal.month_to_gregorian(y, m).map(|(gy, gm)| format!("{gy:04}-{gm:02}"))),
                    (Some(y), Some(m), None) => {
                        cal.month_to_gregorian(y, m).map(|(gy, gm)| format!("{gy:04}-{gm:02}"))
                    }
                    (Some(y), None, None) => cal.year_to_gregorian(y).map(|gy| format!("{gy:04}")),
                    _ => None,
                }
                .unwrap_or_default()
            }
        };
        (value, calendar)
    }

    fn money_value(&self, caps: &Groups<'_>) -> String {
        let amount: Option<f64> = match (caps.name("amount"), caps.name("number")) {
            (Some(a), _) => parse_amount(a.as_str()),
            (None, Some(n)) => self.lexicon.value("number", n.as_str()).and_then(|v| v.parse().ok()),
            _ => None,
        };
        let scale: f64 = caps
            .name("scale")
            .and_then(|s| self.lexicon.value("scale", s.as_str()))
            .and_then(|v| v.parse().ok())
            .unwrap_or(1.0);
        let currency = match caps.name("currency") {
            Some(c) => self.lexicon.value("currency", c.as_str()).unwrap_or(""),
            None => "USD",
        };
        match amount {
            Some(a) if !currency.is_empty() => {
                let v = a * scale;
                if v.fract() == 0.0 && v < 1e18 {
                    format!("{currency} {}", v as u64)
                } else {
                    format!("{currency} {v}")
                }
            }
            _ => String::new(),
        }
    }
}

/// Parses `25`, `25,000`, `2.5`, `1,234.5` (a comma followed by three digits groups thousands).
fn parse_amount(s: &str) -> Option<f64> {
    let groups: Vec<&str> = s.split(',').collect();
    let thousands = groups.len() > 1
        && groups[1..].iter().all(|g| {
            g.len() == 3
                || g.starts_with(|c: char| c.is_ascii_digit())
                    && g.split('.').next().is_some_and(|h| h.len() == 3)
        });
    let cleaned = if thousands { s.replace(',', "") } else { s.replace(',', ".") };
    cleaned.parse().ok()
}

/// The reason of a regex error without the (expanded, possibly long) pattern it quotes.
fn regex_error(e: &meta::BuildError) -> String {
    if let Some(syntax) = e.syntax_error() {
        return syntax_reason(&syntax.to_string());
    }
    match e.size_limit() {
        Some(limit) => format!("the compiled pattern is larger than the limit of {limit} bytes"),
        None => one_line(&e.to_string()),
    }
}

/// The reason line of a regex syntax error's report.
fn syntax_reason(text: &str) -> String {
    let reason = text.lines().rev().find(|l| l.trim_start().starts_with("error:")).unwrap_or(text);
    one_line(reason.trim_start().trim_start_matches("error:").trim())
}

fn one_line(s: &str) -> String {
    s.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalized;

    fn embedded() -> RuleSet {
        let files = data::load_set(crate::embedded::RULES, "rules", None).unwrap();
        RuleSet::load(&files).unwrap()
    }

    fn run(rs: &RuleSet, text: &str) -> Vec<(String, String, String)> {
        let n = Normalized::new(text);
        let mut v: Vec<_> = rs
            .find(&n.text)
            .into_iter()
            .map(|m| {
                let s = n.to_original(m.start, m.end);
                (rs.rules[m.rule].name.clone(), text[s.start..s.end].to_string(), m.canonical)
            })
            .collect();
        v.sort();
        v
    }

    fn has(v: &[(String, String, String)], text: &str, canonical: &str) -> bool {
        v.iter().any(|(_, t, c)| t == text && c == canonical)
    }

    #[test]
    fn dates() {
        let rs = embedded();
        let v = run(&rs, "في 03 تشرين الثاني/نوفمبر 2020 وفي أيار/مايو 2018 والثلاثاء");
        assert!(has(&v, "03 تشرين الثاني/نوفمبر 2020", "2020-11-03"), "{v:?}");
        assert!(has(&v, "أيار/مايو 2018", "2018-05"), "{v:?}");
        assert!(has(&v, "والثلاثاء", ""), "{v:?}");
        let v = run(&rs, "يوم الجمعة ٢٧ سبتمبر (أيلول) ٢٠٢٤، وفي ١٨ سبتمبر (أيلول)");
        assert!(has(&v, "٢٧ سبتمبر (أيلول) ٢٠٢٤", "2024-09-27"), "{v:?}");
        assert!(has(&v, "١٨ سبتمبر", ""), "a gloss without a year stays outside: {v:?}");
        let v = run(&rs, "در نوامبر ۲۰۲۰ و بین ماه‌های مه و ژوئن، مه غلیظ");
        assert!(has(&v, "نوامبر ۲۰۲۰", "2020-11"), "{v:?}");
        assert!(has(&v, "مه", ""), "{v:?}");
        assert_eq!(v.iter().filter(|(_, t, _)| t == "مه").count(), 1, "fog is not a month: {v:?}");
        let v = run(&rs, "On Nov. 5, 2024 officials may say");
        assert!(has(&v, "Nov. 5, 2024", "2024-11-05"), "{v:?}");
        assert!(!v.iter().any(|(_, t, _)| t == "may"), "{v:?}");
    }

    /// `(text, canonical, calendar)` of every DATE match of `text`.
    fn dates_of(rs: &RuleSet, text: &str) -> Vec<(String, String, &'static str)> {
        let n = Normalized::new(text);
        rs.find_in(&n, text)
            .into_iter()
            .filter(|m| rs.rules[m.rule].label == Label::Date)
            .map(|m| {
                let s = n.to_original(m.start, m.end);
                (text[s.start..s.end].to_string(), m.canonical, m.calendar.map_or("", Calendar::as_str))
            })
            .collect()
    }

    /// Solar Hijri and Hijri dates get a Gregorian `canonical` and keep their calendar.
    /// See: issue #14, item 6.
    #[test]
    fn solar_hijri_and_hijri_dates_are_gregorian() {
        let rs = embedded();
        let cases: [(&str, &str, &str, &str); 14] = [
            ("گزارش آذر ۱۴۰۲ منتشر شد", "آذر ۱۴۰۲", "2023-12", "solar_hijri"),
            ("روز ۱۳ بهمن ۱۴۰۲ بود", "۱۳ بهمن ۱۴۰۲", "2024-02-02", "solar_hijri"),
            ("از ۱ فروردین ۱۴۰۳ آغاز شد", "۱ فروردین ۱۴۰۳", "2024-03-20", "solar_hijri"),
            ("خبر ۱۴۰۲ آذر ۲۸ منتشر شد", "۱۴۰۲ آذر ۲۸", "2023-12-19", "solar_hijri"),
            ("در دی‌ماه ۱۴۰۲ گفت", "دی‌ماه ۱۴۰۲", "2024-01", "solar_hijri"),
            ("از سال ۱۳۹۷ تاکنون", "۱۳۹۷", "2018", "solar_hijri"),
            ("در ۱۴۰۲ ه.ش نوشت", "۱۴۰۲ ه.ش", "2023", "solar_hijri"),
            ("روز ۲۸ آذر گفت", "۲۸ آذر", "", "solar_hijri"),
            ("بدأ في 1 رمضان 1445 هـ", "1 رمضان 1445", "2024-03-11", "hijri"),
            ("صدر في رمضان 1445 ثم", "رمضان 1445", "2024-03", "hijri"),
            ("في عام 1445 هـ كتب", "1445 هـ", "2024", "hijri"),
            ("يوم 10 ذي الحجة 1445 قال", "10 ذي الحجة 1445", "2024-06-17", "hijri"),
            ("في 03 تشرين الثاني/نوفمبر 2020 قال", "03 تشرين الثاني/نوفمبر 2020", "2020-11-03", "gregorian"),
            ("در نوامبر ۲۰۲۰ گفت", "نوامبر ۲۰۲۰", "2020-11", "gregorian"),
        ];
        let mut fails = Vec::new();
        for (text, span, canonical, calendar) in cases {
            let got = dates_of(&rs, text);
            if !got.iter().any(|(t, c, k)| t == span && c == canonical && *k == calendar) {
                fails.push(format!("{text:?}: want ({span}, {canonical}, {calendar}), got {got:?}"));
            }
        }
        assert!(fails.is_empty(), "{}", fails.join("\n"));
        // A weekday has no calendar; a Persian month beside a Gregorian year converts to nothing;
        // a one-word Hijri month that is also a name needs a day, a year or شهر.
        let got = dates_of(&rs, "روز سه‌شنبه");
        assert_eq!(got, [("سه‌شنبه".to_string(), String::new(), "")]);
        assert!(dates_of(&rs, "در آذر ۲۰۲۳").iter().all(|(_, c, _)| c.is_empty() || c == "2023"));
        assert!(dates_of(&rs, "وقال رمضان إن").is_empty());
        assert!(
            dates_of(&rs, "خلال شهر رمضان")
                .iter()
                .any(|(t, c, k)| t == "رمضان" && c.is_empty() && *k == "hijri")
        );
    }

    #[test]
    fn money() {
        let rs = embedded();
        let v = run(&rs, "خطة بـ25 مليار دولار للطرق وجائزة قيمتها عشرة ملايين دولار للمبتكرين");
        assert!(has(&v, "بـ25 مليار دولار", "USD 25000000000"), "{v:?}");
        assert!(has(&v, "عشرة ملايين دولار", "USD 10000000"), "{v:?}");
        let v = run(&rs, "a $25 billion fund and 1,500 euros");
        assert!(has(&v, "25 billion", "USD 25000000000"), "{v:?}");
        assert!(has(&v, "1,500 euros", "EUR 1500"), "{v:?}");
    }

    #[test]
    fn people_after_titles() {
        let rs = embedded();
        let v = run(&rs, "وقالت مراسلة الجزيرة بباريس بيسان أبو كويك \"الطقس\"");
        assert!(has(&v, "بيسان أبو كويك", ""), "{v:?}");
        let v = run(&rs, "وأوضح مراسل الجزيرة في مدريد أن المطر");
        assert!(!v.iter().any(|(r, _, _)| r.starts_with("person")), "{v:?}");
    }

    /// A name after a title ends at its first common word, in any form (`رئيس`, `برابط`), and
    /// keeps the parts of a compound (`بن`).
    #[test]
    fn names_after_titles_stop_at_common_words() {
        let rs = embedded();
        for (text, name, longer) in [
            ("وافتتح الدكتور سامر قرطاجني رئيس اللجنة المعرض.", "سامر قرطاجني", "سامر قرطاجني رئيس"),
            ("بعث لي الدكتور لينا قطيفاني برابط المقال.", "لينا قطيفاني", "لينا قطيفاني برابط"),
            ("وأشاد الدكتور خالد بن سعيد الدغيثر بالجهود.", "خالد بن سعيد", "خالد"),
            ("وقدم المهندس سامر قطيفاني عرضاً للمشروع.", "سامر قطيفاني", "سامر قطيفاني عرضا"),
            // A family name with the article right after the first name stays, common or not.
            ("وقال الدكتور سامر الجديد إن الدراسة اكتملت.", "سامر الجديد", "سامر"),
            // A connector never ends a name.
            ("وبين المهندس سامر بن على المنصة ذلك.", "سامر", "سامر بن"),
        ] {
            let v = run(&rs, text);
            assert!(has(&v, name, ""), "{text}: {v:?}");
            assert!(!has(&v, longer, ""), "{text}: {v:?}");
        }
    }

    #[test]
    fn appositions_run_in_wide_windows_before_their_head_noun() {
        let rs = embedded();
        let rule = rs.rules.iter().find(|r| r.name == "person_apposition_en").unwrap();
        let spec = rs.anchor_specs[rule.anchor.expect("anchored")];
        assert_eq!((spec.before, spec.after), (10, 0));
        // Nine words from the start of the match to the head noun, plural head.
        let text = "The report was published, according to Jane Ann Doe, a senior threat intelligence \
                    researchers group lead.";
        let n = Normalized::new(text);
        let found: Vec<&str> = rs.find_in(&n, text).iter().map(|m| &n.text[m.start..m.end]).collect();
        assert!(found.contains(&"jane ann doe"), "{found:?}");
    }

    #[test]
    fn window_column_is_two_word_counts() {
        assert_eq!(parse_window(""), Some((WINDOW_BEFORE, WINDOW_AFTER)));
        assert_eq!(parse_window("10, 0"), Some((10, 0)));
        assert_eq!(parse_window("10"), None);
        let files = vec![
            DataFile {
                name: "patterns.tsv".into(),
                origin: "rules/patterns.tsv".into(),
                text: "name\tlabel\tpattern\tanchor\twindow\nm\tDATE\t{month}\tmonth\tfar\n".into(),
            },
            DataFile {
                name: "lexicon.tsv".into(),
                origin: "rules/lexicon.tsv".into(),
                text: "kind\tlang\tword\tvalue\tflags\nmonth\ten\tJanuary\t1\t\n".into(),
            },
        ];
        let e = RuleSet::load(&files).unwrap_err().to_string();
        assert!(e.starts_with("rules/patterns.tsv:2: window 'far'"), "{e}");
    }

    #[test]
    fn ministries_after_head_nouns() {
        let rs = embedded();
        let v = run(&rs, "وأعلنت وزارة الدفاع البريطانية أمس ذلك، وقالت وزارت نیرو نیز");
        assert!(v.iter().any(|(r, t, _)| r == "gov_ministry" && t == "وزارة الدفاع البريطانية"), "{v:?}");
        assert!(v.iter().any(|(r, t, _)| r == "gov_ministry_fa" && t == "وزارت نیرو"), "{v:?}");
        // Punctuation ends the ministry's name.
        let v = run(&rs, "وأعلنت وزارة الشؤون الاجتماعية. وتم تنظيم برنامج");
        assert!(v.iter().any(|(r, t, _)| r == "gov_ministry" && t == "وزارة الشؤون الاجتماعية"), "{v:?}");
    }

    /// `وزير` opens a word (`الوزير الجديد` is no `وزير` + body), and a name after a minister's
    /// body is no verb phrase.
    /// What follows a title is no name when it is a common word with a clitic or in the
    /// accusative, and `الفريق` alone ("the team") is no rank.
    #[test]
    fn no_names_after_titles_from_common_forms() {
        let rs = embedded();
        for text in [
            "وأعلن الرئيس محافظا على موقفه.",
            "وأكد الدكتور لرأينا في المسألة.",
            "وقال المدرب إن الفريق سيخوض مباراتين وديتين.",
        ] {
            let v = run(&rs, text);
            assert!(!v.iter().any(|(r, _, _)| r == "person_honorific"), "{text}: {v:?}");
        }
        for text in
            ["واستقبل الفريق أول سامر قطيفاني أمس الوفد.", "واستقبل الفريق أول ركن سامر قطيفاني أمس الوفد."]
        {
            let v = run(&rs, text);
            assert!(has(&v, "سامر قطيفاني", ""), "{text}: {v:?}");
            assert!(!has(&v, "ركن", ""), "{text}: {v:?}");
        }
    }

    #[test]
    fn ministers_open_a_word() {
        let rs = embedded();
        let v = run(&rs, "والمهمة الأولى على الوزير الجديد تتلخص في سرعة الإنجاز.");
        assert!(!v.iter().any(|(r, _, _)| r == "person_minister"), "{v:?}");
        let v = run(&rs, "وقال وزير الطاقة سامر قطيفاني إن الإنتاج ارتفع.");
        assert!(has(&v, "سامر قطيفاني", ""), "{v:?}");
    }

    #[test]
    fn titles_open_a_word() {
        // `problems.` ends like the title `Ms.`: whole-text search and anchor windows agree
        // that no name follows it.
        let mut rs = embedded();
        for r in &mut rs.rules {
            r.anchor = None;
        }
        let v = run(&rs, "He should look at his own problems. Russian Foreign Ministry officials agreed.");
        assert!(!v.iter().any(|(r, _, _)| r == "person_honorific"), "{v:?}");
        let v = run(&rs, "The meeting was chaired by Dr. Sarah Lindqvist of the institute.");
        assert!(v.iter().any(|(r, _, _)| r == "person_honorific"), "{v:?}");
    }

    #[test]
    fn english_names_after_titles_need_capitals() {
        let rs = embedded();
        let find = |text: &str| -> Vec<String> {
            let n = Normalized::new(text);
            rs.find_in(&n, text)
                .into_iter()
                .filter(|m| rs.rules[m.rule].label == Label::Person)
                .map(|m| {
                    let s = n.to_original(m.start, m.end);
                    text[s.start..s.end].to_string()
                })
                .collect()
        };
        assert_eq!(find("Campaign spokesperson Steven Cheung blamed Iran."), vec!["Steven Cheung"]);
        assert!(find("the spokesperson declined to comment").is_empty());
    }

    #[test]
    fn anchor_windows_find_what_whole_text_search_finds() {
        let rs = embedded();
        let mut unanchored = rs.clone();
        for r in &mut unanchored.rules {
            r.anchor = None;
        }
        assert!(rs.rules.iter().any(|r| r.anchor.is_some()), "some rules are anchored");
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles");
        let mut docs = 0;
        for lang in ["ar", "fa", "en"] {
            for e in std::fs::read_dir(format!("{dir}/{lang}")).unwrap() {
                let path = e.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                let n = Normalized::new(&text);
                let mut a = rs.find_in(&n, &text);
                let mut b = unanchored.find_in(&n, &text);
                let key = |m: &RuleMatch| (m.rule, m.start, m.end);
                a.sort_by_key(key);
                b.sort_by_key(key);
                assert_eq!(a, b, "{}", path.display());
                docs += 1;
            }
        }
        assert!(docs >= 6);
    }

    #[test]
    fn bad_regex_names_file_and_line() {
        let files = vec![DataFile {
            name: "patterns.tsv".into(),
            origin: "rules/patterns.tsv".into(),
            text: "name\tlabel\tpattern\nok\tDATE\t\\d{4}\nbad\tDATE\t(unclosed\n".into(),
        }];
        let e = RuleSet::load(&files).unwrap_err().to_string();
        assert!(e.starts_with("rules/patterns.tsv:3: invalid regex in rule 'bad'"), "{e}");
    }
}
