//! Names by slot: people and organizations no gazetteer holds, proposed where the structure of
//! the sentence says a name must be, and the later short forms of the names a document has
//! introduced (SCHEMA §10 rule 15: a surname alone carries the full name's id).
//!
//! Reads the mentions chosen so far (gazetteer, rules, `compose`) and the lexicon hits, and
//! fills only the places no mention touches (a gazetteer entry always beats a guess):
//! - **a given name** (`first_name` words of `rules/lexicon_names.tsv` and
//!   `rules/lexicon_slots.tsv`) followed by one to three name words (`ومهدي طاووسيان`, `Elena
//!   Afanasyeva`): a PERSON. Name words stop at punctuation, function words (`name_stop`),
//!   reporting verbs, titles and other lexicon words, and mentions;
//! - **an apposition** (`، TITLE` after two or three name words that open a clause: `وقال جون
//!   ميلفيردو، مدير الشركة`, `حمیدرضا کاظمیان معاون وزیر`): a PERSON;
//! - **a title, its body and a name** (`قائد الشرطة المولدوفية فيوريل تشيرناوتيانو`): a PERSON;
//! - **English capitalized words** (`Structura National Technology`, `Office of the Press
//!   Secretary`): a GOV or ORG when they end in a head noun of one (`name_head`), a PERSON when
//!   they start with a given name or stand next to a title or a reporting verb;
//! - **a quoted or Latin-script name after a descriptor or a relay frame** (`شركة «سايبم»`,
//!   `منصة X`, `حسب "لوموند"`, `شبکه «العربیه»`): an ORG, the descriptor outside (rule 13);
//! - **an English camel-case word in an organization's slot** (`software maker TeamViewer`,
//!   `CloudHaven said`), and its other occurrences: an ORG;
//! - **a quoted place after a dateline's place and dash** (`مدريد - «الشرق الأوسط»:`): the
//!   outlet, an ORG;
//! - **a name before an age** in parentheses (`زوراب كاشيلي (41 عاماً)`, `(۳۰ ساله)`): a PERSON;
//! - **short forms**: the surname of a person named in full (`ميلفيردو` after `جون ميلفيردو`,
//!   `Zhou` after `Zhou Lanfeng`) and an acronym given in parentheses after a body (`Social Design
//!   Agency (SDA)`), wherever they occur in the document, carry the full name's id.
//!
//! Proposed names get `~` ids (SCHEMA §5); short forms the id of their full name.
//!
//! What it does not do: decide between gazetteer candidates (`link`) or join bodies and
//! countries (`compose`).

use crate::claims::OrigHit;
use crate::doc::{DisjointSpans, Label, Lang, Mention, Span, tilde_id};
use crate::normalize::{
    is_alphabetic, is_word_char, last_normalized_pair, last_short_normalized, normalize_str,
};
use crate::sentences;

mod actors;

/// Most name words after a given name, or in an apposition.
const MAX_NAME_WORDS: usize = 3;

/// Words (normalized) that join the next word to a name in Arabic: `عبد الرحيم`, `أبو سليم`,
/// `بن سلمان`; never a name's last word.
pub(crate) const NAME_CONNECTORS: &[&str] = &["عبد", "ابو", "بن", "ابن", "بنت"];

/// Lexicon kinds that end a run of name words (besides `name_stop` and punctuation).
const BREAKING_KINDS: &[&str] = &[
    "name_stop",
    "cue",
    "role_title",
    "title",
    "preposition",
    "complementizer",
    "negation",
    "pronoun",
    "relative",
    "body_noun",
    "body_head",
    "org_descriptor",
    "relay",
    "attack",
    "tie",
    "contrast",
    "source_prep",
    "group_noun",
    "victim_head",
    "actor_head",
    "actor_naming",
];

/// The word lists the slot rules look words up in (rather than scan for: the commonest words
/// of a language are most of its text).
#[derive(Debug, Clone, Default)]
pub struct NameWords {
    /// `common_word` entries, normalized, per language: a common Persian word (`زيان`, "loss")
    /// is a surname in an Arabic text.
    common: std::collections::HashMap<Lang, std::collections::HashSet<String>>,
    /// `first_name` entries, normalized, the `ambiguous` ones too.
    given: std::collections::HashSet<String>,
    /// `first_name` entries written with a madda (`آندری`), normalized but for the madda
    /// ([`madda_key`]): a word with a madda
    /// is a given name only as one of these.
    madda: std::collections::HashSet<String>,
}

impl NameWords {
    /// The lists of `lexicon`.
    pub fn new(lexicon: &crate::rules::Lexicon) -> NameWords {
        let mut common: std::collections::HashMap<Lang, std::collections::HashSet<String>> =
            std::collections::HashMap::new();
        for w in lexicon.words("common_word") {
            let lang = match w.lang.as_str() {
                "ar" => Lang::Ar,
                "fa" => Lang::Fa,
                "en" => Lang::En,
                _ => Lang::Und,
            };
            common.entry(lang).or_default().insert(normalize_str(&w.word));
        }
        let given = lexicon.words("first_name").map(|w| normalize_str(&w.word)).collect();
        let madda = lexicon
            .words("first_name")
            .filter(|w| w.surface.contains('آ'))
            .map(|w| madda_key(&w.surface))
            .collect();
        NameWords { common, given, madda }
    }

    /// Whether `word` (as written) is a given name, with or without one Arabic proclitic.
    fn is_given(&self, word: &str) -> bool {
        let key = normalize_str(word);
        self.given.contains(&key) || self.given.contains(&strip_proclitic(&key))
    }

    /// Whether `word` is a family name made of a given name and the Persian nisba `ی`
    /// (`احمدی`, `کریمی`, `رضایی`): a name word though frequency lists count it common.
    fn is_given_nisba(&self, word: &str) -> bool {
        let key = normalize_str(word);
        key.strip_suffix('ي').filter(|stem| stem.chars().count() >= 3).is_some_and(|stem| {
            self.given.contains(stem) || stem.strip_suffix('ي').is_some_and(|st| self.given.contains(st))
        })
    }

    /// Whether `word` (as written) is a common word in another form: an Arabic common noun or
    /// verb with a pronoun suffix (`رغبته`, `برنامجه`, `خلالها`), a Persian one with the plural
    /// suffix (`كشورها`), or an Arabic word with a proclitic and the article (`للصحافيين`,
    /// `بالشجاعة`, `والممثلة`): never a word of a name, though the list holds only the bare forms.
    fn is_common_form(&self, word: &str, lang: Lang) -> bool {
        let Some(set) = self.common.get(&lang) else { return false };
        common_form(&normalize_str(word), lang, |k| set.contains(k))
    }

    /// Whether `word` (as written) is one of the commonest words of `lang` (of every language
    /// when `lang` is undetermined), with or without one Arabic proclitic.
    fn is_common(&self, word: &str, lang: Lang) -> bool {
        let key = normalize_str(word);
        let stripped = strip_proclitic(&key);
        let has = |set: &std::collections::HashSet<String>| set.contains(&key) || set.contains(&stripped);
        match self.common.get(&lang) {
            Some(set) => has(set),
            None => lang == Lang::Und && self.common.values().any(has),
        }
    }
}

impl Doc<'_> {
    /// A person the gazetteer knows by a full name, followed by one more name word that ends
    /// the name (`محمد نعیم احمدی،`, `Mohammad Naeem Ahmadi said`), is another person, whose
    /// name is longer: the mention takes the word in and a `~` id, unless the gazetteer knows
    /// the longer name. A single-word alias (a surname) is never extended.
    fn longer_names(&mut self, mentions: &mut [Mention], gazetteer: &crate::gazetteer::Gazetteer) {
        for m in mentions.iter_mut() {
            if m.label != Label::Person
                || !m.source.starts_with("gazetteer:")
                || !self.text[m.span.start..m.span.end].contains(' ')
            {
                continue;
            }
            let next = self.words.partition_point(|w| w.start < m.span.end);
            let Some(&w) = self.words.get(next) else { continue };
            if !self.joined(m.span.end, w.start)
                || !self.name_word(w)
                || self.starts_given_name(w) && self.lang == Lang::En
                // A definite noun after a full name is the verb's object (`… بيسكوف الاتهامات`).
                || normalize_str(&self.text[w.start..w.end]).starts_with("ال")
                || !self.ends_name(w.end)
            {
                continue;
            }
            let span = Span::new(m.span.start, w.end);
            let surface = &self.text[span.start..span.end];
            match known_person(surface, gazetteer) {
                Some((id, canonical)) => {
                    m.entity_id = id.to_string();
                    m.canonical = canonical.to_string();
                }
                None => {
                    m.entity_id = tilde_id(&normalize_str(surface));
                    m.canonical.clear();
                }
            }
            m.span = span;
            m.source = "rule:person_longer_name".to_string();
            m.alias.clear();
            self.taken.insert_if_free(w.start, w.end);
        }
    }
}

/// Everything the slot rules read about one document.
struct Doc<'a> {
    lists: &'a NameWords,
    text: &'a str,
    lang: Lang,
    sentences: &'a [Span],
    hits: &'a [OrigHit],
    /// Word spans of the whole text, in order.
    words: Vec<Span>,
    /// Spans already taken by mentions and accepted proposals.
    taken: DisjointSpans,
    /// Spans of the GPE and LOC mentions, sorted.
    places: Vec<Span>,
}

impl Doc<'_> {
    /// The index of the word starting at byte `at`, if one does.
    fn word_at(&self, at: usize) -> Option<usize> {
        let i = self.words.partition_point(|w| w.start < at);
        (self.words.get(i)?.start == at).then_some(i)
    }

    /// The lexicon hits that start in `[from, to)` (hits are sorted by start).
    fn hits_in(&self, from: usize, to: usize) -> &[OrigHit] {
        crate::frames::context::starting_in(self.hits, from, to)
    }

    /// The lexicon hits covering word `w` (starting in it or overlapping it).
    fn hits_on(&self, w: Span) -> impl Iterator<Item = &OrigHit> {
        let from = self.hits.partition_point(|h| h.span.start < w.start.saturating_sub(64));
        self.hits[from..]
            .iter()
            .take_while(move |h| h.span.start < w.end)
            .filter(move |h| h.span.overlaps(&w))
    }

    fn has_hit(&self, w: Span, kinds: &[&str]) -> bool {
        self.hits_on(w).any(|h| kinds.contains(&h.kind))
    }

    /// Whether word `w` may be part of a name: not a function or lexicon word, not one of the
    /// language's commonest words (`common_word`) unless it is a given name, not taken.
    fn name_word(&self, w: Span) -> bool {
        let s = &self.text[w.start..w.end];
        (s.chars().filter(|&c| is_alphabetic(c) && c != '\u{640}').count() >= 2 || self.is_initial(w))
            && !s.chars().any(|c| c.is_ascii_digit())
            && !self.has_hit(w, BREAKING_KINDS)
            && (!self.lists.is_common(s, self.lang) && !self.lists.is_common_form(s, self.lang)
                || self.lists.is_given(s)
                || self.lang == Lang::Fa && self.lists.is_given_nisba(s))
            && self.taken.is_free(w.start, w.end)
            && (self.lang != Lang::En || is_capitalized(s))
            && !self.indefinite_accusative(s)
    }

    /// Whether Arabic `s` is an indefinite noun in the accusative (`كتاباً`, `متواجدا`,
    /// `مرسوما`): tanween fatha written, or an `ا` ending on a common word. Names take no
    /// tanween, so a run of name words stops there (`محمد العبدلي متواجدا`).
    fn indefinite_accusative(&self, s: &str) -> bool {
        if self.lang != Lang::Ar {
            return false;
        }
        s.contains('\u{64b}')
            || s.strip_suffix('ا')
                .is_some_and(|stem| stem.chars().count() >= 3 && self.lists.is_common(stem, self.lang))
    }

    /// Where an Arabic-script word joined by a hyphen right at `end` ends (`سكوت` + `-رايلتون`),
    /// when it is free and not a place or outlet (`موسكو-سانا` is a dateline).
    fn hyphen_tail(&self, end: usize) -> Option<usize> {
        let rest = self.text[end..].strip_prefix('-')?;
        if !rest.starts_with(|c: char| is_alphabetic(c) && !c.is_ascii()) {
            return None;
        }
        let w = self.words.get(self.words.partition_point(|w| w.start < end + 1))?;
        (w.start == end + 1 && self.taken.is_free(w.start, w.end) && self.name_word(*w)).then_some(w.end)
    }

    /// Whether only spaces separate bytes `a` and `b` (no punctuation, no line break).
    fn joined(&self, a: usize, b: usize) -> bool {
        a <= b && self.text[a..b].chars().all(|c| c == ' ' || c == '\u{200c}' || c == '\u{a0}')
    }

    /// The run of name words starting at word `i`, at most `max` long (initials not counted):
    /// the index past its end. A run never ends on an initial.
    fn name_run(&self, i: usize, max: usize) -> usize {
        let mut j = i;
        let mut counted = 0;
        while j < self.words.len()
            && counted < max
            && (self.name_word(self.words[j]) || self.compound_part(i, j))
            && (j == i || self.joined(self.words[j - 1].end, self.words[j].start) || self.initial_gap(j))
        {
            // `سلمى بنعيسى وعبد الله قرنفلي`: a given name after `و` opens the next name, and
            // so does any `و` word with a name word after it (`حسن البلام ومبارك المانع`).
            if j > i
                && self.text[self.words[j].start..].starts_with('و')
                && (self.after_and_is_given(self.words[j]) || self.coordinated_name(j))
            {
                break;
            }
            if !self.is_initial(self.words[j]) && !self.is_connector(j) {
                counted += 1;
            }
            j += 1;
        }
        while j > i && (self.is_initial(self.words[j - 1]) || self.is_connector(j - 1)) {
            j -= 1;
        }
        if j > i
            && j < self.words.len()
            && self.joined(self.words[j - 1].end, self.words[j].start)
            && self.article_surname(j)
        {
            j += 1;
        }
        j
    }

    /// Whether Arabic word `j` is a foreign surname that only looks like a proclitic and the
    /// article on a noun (`والترز` Walters, `كالامار` Callamard, `فاليري` after a given name):
    /// what follows the proclitic is no common word, and the name ends right after it (a stop,
    /// a complementizer, a reporting verb). Without that end (`جون والوفد المرافق`) it is the
    /// conjunction and a noun, as [`common_form`] reads it.
    fn article_surname(&self, j: usize) -> bool {
        let w = self.words[j];
        let s = &self.text[w.start..w.end];
        self.lang == Lang::Ar
            && self.taken.is_free(w.start, w.end)
            && !self.has_hit(w, BREAKING_KINDS)
            && s.chars().all(char::is_alphabetic)
            && article_lookalike(&normalize_str(s), |k| {
                self.lists.is_common(k, self.lang) || self.lists.is_common_form(k, self.lang)
            })
            && self.ends_name(w.end)
    }

    /// Whether Arabic word `j` is `و` + three letters or more (not a given name itself, as
    /// `وليد` is) with a name word joined after it: the first words of a second name.
    fn coordinated_name(&self, j: usize) -> bool {
        let w = self.words[j];
        let s = &self.text[w.start..w.end];
        self.lang == Lang::Ar
            && s['و'.len_utf8()..].chars().count() >= 3
            && !self.lists.is_given(s)
            && self.words.get(j + 1).is_some_and(|&n| self.joined(w.end, n.start) && self.name_word(n))
    }

    /// Whether word `k` is a connector of an Arabic compound name (`عبد`, `أبو`, `بن`).
    fn is_connector(&self, k: usize) -> bool {
        self.lang != Lang::En
            && NAME_CONNECTORS
                .contains(&normalize_str(&self.text[self.words[k].start..self.words[k].end]).as_str())
    }

    /// Whether a name may end at byte `at`: punctuation, the end of the sentence, or a
    /// complementizer or reporting verb right after (`… تشيرناوتيانو إن`, `… گفت`).
    fn ends_name(&self, at: usize) -> bool {
        let rest = self.text[at..].trim_start_matches([' ', '\u{200c}']);
        let next = at + (self.text[at..].len() - rest.len());
        // `كان X قد اتهم`: the pluperfect's particle follows its subject.
        let qad = self.lang == Lang::Ar && rest.strip_prefix("قد").is_some_and(|r| r.starts_with(' '));
        rest.is_empty()
            || qad
            || rest.starts_with([
                '،', ',', '.', ':', '(', ')', '«', '»', '"', '“', '”', '؛', ';', '\n', '-', '–',
            ])
            || self.hits[self.hits.partition_point(|h| h.span.start < next)..]
                .iter()
                .take_while(|h| h.span.start == next)
                .any(|h| matches!(h.kind, "complementizer" | "cue"))
    }

    /// Whether a reporting verb or title ends right before word `w`, or a reporting verb or
    /// complementizer starts right after it.
    fn name_slot_around(&self, w: Span) -> bool {
        let before = self.text[..w.start].trim_end_matches([' ', '\u{200c}']).len();
        let rest = &self.text[w.end..];
        let after = w.end + (rest.len() - rest.trim_start_matches([' ', '\u{200c}']).len());
        let from = self.hits.partition_point(|h| h.span.start < before.saturating_sub(48));
        self.hits[from..].iter().take_while(|h| h.span.start <= after).any(|h| {
            matches!(h.kind, "cue" | "role_title" | "title") && h.span.end == before
                || matches!(h.kind, "cue" | "complementizer") && h.span.start == after
        })
    }

    /// Whether a reporting verb starts within `words` words after word `w` (`Wang said`, `Wang
    /// also rejected`), in its sentence.
    fn cue_follows(&self, w: Span, words: usize) -> bool {
        let k = self.words.partition_point(|x| x.start < w.end);
        let until = self.words.get(k + words).map_or(self.text.len(), |x| x.start);
        let gap_end = self.words.get(k).map_or(w.end, |x| x.start);
        !self.text[w.end..gap_end].contains(['.', ',', ';', ':', '"'])
            && self.hits_in(w.end, until).iter().any(|h| h.kind == "cue" && h.span.start > w.end)
    }

    /// Whether word `w` is `و` + a given name (`ومهدي`, `وسيد`): the next name of a list.
    fn after_and_is_given(&self, w: Span) -> bool {
        let rest = &self.text[w.start + 'و'.len_utf8()..w.end];
        self.starts_given_name(w) || rest.chars().count() >= 3 && self.lists.is_given(rest)
    }

    /// Whether a given-name hit starts at word `w`.
    fn starts_given_name(&self, w: Span) -> bool {
        self.hits_on(w).any(|h| h.kind == "first_name" && h.span.start == w.start)
    }

    /// English middle initials: `Merrick B. Garland` (the word before `j` is one capital).
    fn initial_gap(&self, j: usize) -> bool {
        self.is_initial(self.words[j - 1]) && self.text[self.words[j - 1].end..self.words[j].start] == *". "
    }

    /// An English initial: one capital letter followed by a period.
    fn is_initial(&self, w: Span) -> bool {
        self.lang == Lang::En
            && w.len() == 1
            && self.text.as_bytes()[w.start].is_ascii_uppercase()
            && self.text[w.end..].starts_with(". ")
    }

    /// An Arabic family name of the relative-adjective shape (`الدباغي`, `الزريقي`): `ال`, at
    /// least four more letters, a final `ي`; not a common word (`الحالي`, `السابق`). Demonyms are
    /// gazetteer mentions already, so never free here.
    fn is_nisba(&self, w: Span) -> bool {
        let s = &self.text[w.start..w.end];
        self.lang == Lang::Ar
            && self.name_word(w)
            && s.starts_with("ال")
            && s.ends_with('ي')
            && s.chars().count() >= 7
    }

    /// Whether word `j` of a name run that starts at `i` belongs to it through an Arabic
    /// compound: a connector with the word after it (`عبد الرحيم`, `أبو سليم`, `بن سلمان`), or
    /// `الدين` after a name word and the word before it (`نور الدين`, `شمس الدين`). The parts are common words, so
    /// [`Doc::name_word`] alone rejects them.
    fn compound_part(&self, i: usize, j: usize) -> bool {
        if self.lang == Lang::En {
            return false;
        }
        let plain = |k: usize| {
            let w = self.words[k];
            self.taken.is_free(w.start, w.end)
                && !self.has_hit(w, BREAKING_KINDS)
                && self.text[w.start..w.end].chars().all(char::is_alphabetic)
        };
        let key = |k: usize| normalize_str(&self.text[self.words[k].start..self.words[k].end]);
        if !plain(j) {
            return false;
        }
        let connector = |k: usize| NAME_CONNECTORS.contains(&key(k).as_str());
        let next_joined = j + 1 < self.words.len()
            && self.joined(self.words[j].end, self.words[j + 1].start)
            && plain(j + 1);
        (connector(j) || j > i && next_joined && key(j + 1) == "الدين") && next_joined
            || j > i && (connector(j - 1) || key(j) == "الدين")
    }

    fn sentence_of(&self, at: usize) -> usize {
        sentences::index_of(self.sentences, at)
    }

    /// Whether byte `at` opens a clause: the start of a sentence, after punctuation, or right
    /// after a reporting verb or a relay frame.
    fn clause_opens_at(&self, at: usize) -> bool {
        let si = self.sentence_of(at);
        let start = self.sentences.get(si).map_or(0, |s| s.start);
        let before = self.text[start..at].trim_end_matches([' ', '\u{200c}']);
        before.is_empty()
            || before.ends_with(['،', ',', ':', '-', '–', '—', '(', '«', '"', '“', '؛', ';'])
            || self.hits[..self.hits.partition_point(|h| h.span.start < at)]
                .iter()
                .rev()
                .take(4)
                .any(|h| matches!(h.kind, "cue" | "relay") && h.span.end == start + before.len())
    }
}

fn is_capitalized(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_name_char(c: char) -> bool {
    is_word_char(c) || c == '\u{200c}' || c == '\u{200d}'
}

/// [`is_name_char`] of the characters below U+0800 (one or two UTF-8 bytes: ASCII, Latin,
/// Arabic and Persian), one bit each.
static TWO_BYTE_NAME_CHARS: std::sync::LazyLock<[u64; 32]> = std::sync::LazyLock::new(|| {
    let mut bits = [0u64; 32];
    for c in (0..0x800u32).filter_map(char::from_u32).filter(|&c| is_name_char(c)) {
        bits[c as usize / 64] |= 1 << (c as usize % 64);
    }
    bits
});

/// Word spans of `text`: maximal runs of letters, marks, digits and ZWNJ/ZWJ.
fn words(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let table = &*TWO_BYTE_NAME_CHARS;
    let mut out = Vec::with_capacity(bytes.len() / 8);
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        // Characters of one or two bytes from the table, without decoding them.
        let (name, len) = match crate::normalize::short_char_at(bytes, i) {
            Some((c, n)) => (table[c / 64] >> (c % 64) & 1 == 1, n),
            None => {
                let c = text[i..].chars().next().expect("i is a character boundary");
                (is_name_char(c), c.len_utf8())
            }
        };
        match (name, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Span::new(s, i));
                start = None;
            }
            _ => {}
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(Span::new(s, text.len()));
    }
    out
}

/// One proposed name, before it becomes a [`Mention`].
struct Proposal {
    span: Span,
    label: Label,
    /// `None`: a `~` id from the surface.
    id: Option<(String, String)>,
    rule: &'static str,
}

/// Adds the names found by slot to `mentions` (sorted, disjoint) and returns them sorted.
pub fn find(
    text: &str,
    lang: Lang,
    sentences: &[Span],
    mut mentions: Vec<Mention>,
    hits: &[OrigHit],
    lists: &NameWords,
    gazetteer: &crate::gazetteer::Gazetteer,
) -> Vec<Mention> {
    dateline_outlets(text, &mut mentions);
    let mut taken = DisjointSpans::new();
    for m in &mentions {
        taken.insert_if_free(m.span.start, m.span.end);
    }
    let places =
        mentions.iter().filter(|m| matches!(m.label, Label::Gpe | Label::Loc)).map(|m| m.span).collect();
    let mut doc = Doc { lists, text, lang, sentences, hits, words: words(text), taken, places };
    doc.longer_names(&mut mentions, gazetteer);
    let mut found: Vec<Proposal> = Vec::new();
    // Threat actors first: a head noun's slot is surer than a given name's (`مجموعة تدعى X`).
    for p in actors::actor_names(&doc, &mentions, gazetteer) {
        if doc.taken.insert_if_free(p.span.start, p.span.end) {
            found.push(p);
        }
    }
    // A surname joined by a hyphen (`غيريرو-سعادة`, `سكوت-رايلتون`) is part of the name.
    let with_tail = |d: &Doc<'_>, mut p: Proposal| {
        if p.label == Label::Person && d.lang != Lang::En {
            p.span.end = d.hyphen_tail(p.span.end).unwrap_or(p.span.end);
        }
        p
    };
    for rule in [
        given_names,
        appositions,
        titled_names,
        names_before_complementizer,
        comma_names,
        aged_names,
        described_companies,
        capitalized_names,
        descriptor_names,
        camel_case_names,
        datelines,
    ] {
        for p in rule(&doc) {
            let p = with_tail(&doc, p);
            if doc.taken.insert_if_free(p.span.start, p.span.end) {
                found.push(p);
            }
        }
    }
    let mut all: Vec<Mention> = mentions;
    all.extend(found.into_iter().map(|p| {
        let p = doc.id_without_and(p);
        to_mention(text, sentences, p)
    }));
    all.sort_by_key(|m| m.span.start);
    join_name_parts(text, &mut all);
    for m in all.iter_mut().filter(|m| m.label == Label::Person && m.source.starts_with("rule:person")) {
        if let Some((id, canonical)) = known_person(&text[m.span.start..m.span.end], gazetteer) {
            m.entity_id = id.to_string();
            m.canonical = canonical.to_string();
        }
    }
    let all = place_led_companies(text, lang, all);
    let mut all = leading_words_of_bodies(text, lang, all);
    let short = short_forms(&mut doc, &all);
    all.extend(short.into_iter().map(|p| to_mention(text, sentences, p)));
    all.sort_by_key(|m| m.span.start);
    all
}

/// English: a place right before a company found by its capitalized name (`Wuhan` +
/// `Xiaoruizhi Science and Technology Company`) opens that name: one ORG, its id built from the
/// whole name.
fn place_led_companies(text: &str, lang: Lang, all: Vec<Mention>) -> Vec<Mention> {
    if lang != Lang::En {
        return all;
    }
    let mut out: Vec<Mention> = Vec::with_capacity(all.len());
    for m in all {
        if let Some(prev) = out.last()
            && prev.label == Label::Gpe
            && m.label == Label::Org
            && m.entity_id.starts_with('~')
            && m.source.starts_with("rule:")
            && text[prev.span.end..m.span.start] == *" "
        {
            let place = out.pop().expect("checked above");
            let span = Span::new(place.span.start, m.span.end);
            let name = &text[span.start..span.end];
            out.push(Mention {
                span,
                entity_id: format!("~{}", crate::doc::entity_id(name)),
                canonical: name.to_string(),
                ..m
            });
            continue;
        }
        out.push(m);
    }
    out
}

/// English: the first two words of a company's name of three or more (`Wuhan Xiaoruizhi` after
/// `Wuhan Xiaoruizhi Science and Technology Company`), written again later, are that company:
/// the mentions found inside them (a place, a "person" by slot) give way to one ORG with its id.
fn leading_words_of_bodies(text: &str, lang: Lang, all: Vec<Mention>) -> Vec<Mention> {
    if lang != Lang::En {
        return all;
    }
    let mut forms: Vec<(usize, String, usize)> = Vec::new();
    for (k, m) in all.iter().enumerate() {
        let words: Vec<&str> = text[m.span.start..m.span.end].split(' ').collect();
        if m.label == Label::Org && words.len() >= 3 && words[..2].iter().all(|w| is_capitalized(w)) {
            forms.push((m.span.end, format!("{} {}", words[0], words[1]), k));
        }
    }
    if forms.is_empty() {
        return all;
    }
    let mut made: Vec<Mention> = Vec::new();
    for (end, form, k) in &forms {
        for (p, _) in text[*end..].match_indices(form.as_str()) {
            let span = Span::new(end + p, end + p + form.len());
            let bounded =
                !text[..span.start].ends_with(is_name_char) && !text[span.end..].starts_with(is_name_char);
            // Only where no longer mention covers it and what is inside is a place or a name by slot.
            let inside = all.iter().filter(|m| m.span.start < span.end && span.start < m.span.end);
            let replaceable = inside.clone().all(|m| {
                span.contains(&m.span) && (m.label == Label::Gpe || m.source.starts_with("rule:person"))
            });
            if bounded && replaceable && inside.count() > 0 {
                made.push(Mention { span, alias: form.clone(), ..all[*k].clone() });
            }
        }
    }
    if made.is_empty() {
        return all;
    }
    let mut out: Vec<Mention> =
        all.into_iter().filter(|m| !made.iter().any(|n| n.span.contains(&m.span))).collect();
    out.extend(made);
    out.sort_by_key(|m| m.span.start);
    out.dedup_by(|a, b| a.span == b.span);
    out
}

/// What may come before a dateline on its line: spaces, bullets, invisible direction marks.
const DATELINE_LEAD: &[char] = &[' ', '\t', '*', '•', '\u{a0}', '\u{200b}', '\u{200f}', '\u{202b}'];

/// A line's dateline parts: the bytes of the lead before it (bullets, invisible marks), the
/// text between the lead and the first dash within `reach` bytes, and the text after that
/// dash. `None` without such a dash or with nothing before it.
fn dateline_parts(line: &str, reach: usize) -> Option<(usize, &str, &str)> {
    let lead = line.len() - line.trim_start_matches(DATELINE_LEAD).len();
    let body = &line[lead..];
    let dash = body.find(['-', '–', '—']).filter(|&p| p <= reach)?;
    let left = &body[..dash];
    let after = &body[dash + body[dash..].chars().next().map_or(1, char::len_utf8)..];
    (!left.trim().is_empty()).then_some((lead, left, after))
}

/// A place in quotes after a dateline's place and dash (`* مدريد - «الشرق الأوسط»:`) is the
/// outlet that files the story, not the place (SCHEMA §10 rule 17): an ORG with a `~` id.
fn dateline_outlets(text: &str, mentions: &mut [Mention]) {
    let is_place = |m: &Mention| matches!(m.label, Label::Gpe | Label::Loc);
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        // One to three words (the city, known or not), a dash, a quote.
        let Some((_, city, after_dash)) = dateline_parts(line, 60) else { continue };
        let city = city.trim();
        if city.split(' ').count() > 3 || !city.chars().all(|c| is_name_char(c) || c == ' ') {
            continue;
        }
        let quoted = after_dash.trim_start_matches(' ');
        let Some(open) = quoted.chars().next().filter(|c| matches!(c, '«' | '"' | '“')) else { continue };
        let inner = start + line.len() - quoted.len() + open.len_utf8();
        let i = mentions.partition_point(|m| m.span.start < inner);
        let Some(m) = mentions.get_mut(i) else { continue };
        if m.span.start == inner && is_place(m) && text[m.span.end..].starts_with(['»', '"', '”']) {
            m.label = Label::Org;
            m.entity_id = tilde_id(&normalize_str(&text[m.span.start..m.span.end]));
            m.canonical = String::new();
            m.alias = String::new();
            m.source = "rule:org_dateline".to_string();
        }
    }
}

/// A proposed given name right before a known surname (`Sergei Ivanovich` + a gazetteer surname,
/// `Merrick B.` + `Garland`) is one PERSON with the known id.
fn join_name_parts(text: &str, all: &mut Vec<Mention>) {
    let mut out: Vec<Mention> = Vec::with_capacity(all.len());
    for b in all.drain(..) {
        if let Some(a) = out.last_mut()
            && a.label == Label::Person
            && b.label == Label::Person
            && a.source.starts_with("rule:person")
            && !b.source.starts_with("rule:")
            && {
                let gap = &text[a.span.end..b.span.start];
                gap == " "
                    || gap == ". "
                        && text[a.span.start..a.span.end].ends_with(|c: char| c.is_ascii_uppercase())
            }
        {
            a.span = Span::new(a.span.start, b.span.end);
            a.entity_id = b.entity_id;
            a.canonical = b.canonical;
            a.source = b.source;
            continue;
        }
        out.push(b);
    }
    *all = out;
}

impl Doc<'_> {
    /// A proposed person whose first word is `و` + a given name (`ومهدي فرهادي`) keeps the `و`
    /// in its span (SCHEMA §4) but not in its `~` id (`~مهدي_فرهادي`), so that every mention
    /// of the person carries one id.
    fn id_without_and(&self, mut p: Proposal) -> Proposal {
        if p.id.is_some() || p.label != Label::Person || !self.text[p.span.start..].starts_with('و') {
            return p;
        }
        let Some(i) = self.word_at(p.span.start) else { return p };
        let w = self.words[i];
        let word = &self.text[w.start..w.end];
        let rest = &word['و'.len_utf8()..];
        let prefixed_hit =
            self.hits_on(w).any(|h| h.kind == "first_name" && h.prefixed && h.span.start == w.start);
        if prefixed_hit
            || self.lists.given.contains(&normalize_str(rest))
                && !self.lists.given.contains(&normalize_str(word))
        {
            let surface = &self.text[w.start + 'و'.len_utf8()..p.span.end];
            p.id = Some((tilde_id(&normalize_str(surface)), String::new()));
        }
        p
    }
}

/// The gazetteer person a name found by slot is: the whole name without a leading `و`, or its
/// first and last words (`Merrick B. Garland` → Merrick Garland), known by that full name.
fn known_person<'g>(surface: &str, gazetteer: &'g crate::gazetteer::Gazetteer) -> Option<(&'g str, &'g str)> {
    let key = normalize_str(surface);
    let words: Vec<&str> = key.split(' ').collect();
    let first = strip_proclitic(words.first()?);
    let mut tries = vec![key.clone()];
    if words.len() >= 2 {
        tries.push(format!("{first} {}", words[1..].join(" ")));
        tries.push(format!("{first} {}", words[words.len() - 1]));
    }
    tries
        .iter()
        .find_map(|k| gazetteer.person(k))
        .or_else(|| tries.iter().find_map(|k| gazetteer.person_like(k)))
}

fn to_mention(text: &str, sentences: &[Span], p: Proposal) -> Mention {
    let surface = &text[p.span.start..p.span.end];
    let (entity_id, canonical) = p.id.unwrap_or_else(|| (tilde_id(&normalize_str(surface)), String::new()));
    Mention {
        span: p.span,
        label: p.label,
        entity_id,
        canonical,
        source: format!("rule:{}", p.rule),
        alias: String::new(),
        sentence: sentences::index_of(sentences, p.span.start),
    }
}

/// A given name and the name words after it.
fn given_names(d: &Doc<'_>) -> Vec<Proposal> {
    let mut out = Vec::new();
    for h in d.hits.iter().filter(|h| h.kind == "first_name") {
        let Some(i) = d.word_at(h.span.start) else { continue };
        let written = &d.text[h.span.start..h.span.end];
        // `على` ("on") folds to the name `علي`: as written, it is the preposition. Of the
        // proclitics only `و` ("and") comes before a name often enough (`ومهدي`; `بقوة` is
        // "with force").
        // `تآمر` ("conspiracy") folds to `تامر` too: a madda the given name lacks is another word.
        if written.ends_with('ى') && !h.value.contains('ى')
            || written.contains('آ') && !d.lists.madda.contains(&madda_key(written.trim_start_matches('و')))
            || d.lang == Lang::En && !is_capitalized(written)
            || h.prefixed && !written.starts_with('و')
        {
            continue;
        }
        if !d.taken.is_free(h.span.start, h.span.end) {
            continue;
        }
        let first_words = (i..d.words.len()).take_while(|&k| d.words[k].end <= h.span.end).count().max(1);
        let mut rest = d.name_run_after(i + first_words - 1);
        if rest == i + first_words && d.common_surname(i, rest) {
            rest += 1;
        }
        if rest > i + first_words {
            out.push(Proposal {
                span: Span::new(h.span.start, d.words[rest - 1].end),
                label: Label::Person,
                id: None,
                rule: "person_given_name",
            });
        }
    }
    out
}

impl Doc<'_> {
    /// Arabic `وزير النقل اللبناني علي حمية إن …`: one word right after the given name that opens
    /// at word `i` (a given name that is also a common word, `علي` ~ `على`) is its surname, a
    /// common word too (`حمية` "diet"), when a title stands before the given name in its clause
    /// and the name ends right after the word (`إن`, a verb, punctuation).
    fn common_surname(&self, i: usize, k: usize) -> bool {
        let Some(&w) = self.words.get(k) else { return false };
        let s = &self.text[w.start..w.end];
        let given = self.words[i];
        let from = self.text.floor_char_boundary(given.start.saturating_sub(96));
        let titled = self.hits_in(from, given.start).iter().any(|h| {
            matches!(h.kind, "role_title" | "title")
                && h.span.end <= given.start
                && !self.text[h.span.end..given.start].contains(['.', '،', ',', ':', '"', '«', '\n'])
        });
        self.lang == Lang::Ar
            && titled
            && self.joined(self.words[k - 1].end, w.start)
            && s.chars().count() >= 3
            && s.chars().all(|c| is_alphabetic(c) && c != '\u{640}')
            && !s.starts_with("ال")
            && (self.lists.is_common(s, self.lang) || self.name_word(w))
            && !self.has_hit(w, BREAKING_KINDS)
            && self.taken.is_free(w.start, w.end)
            && self.ends_name(w.end)
    }

    /// The end (word index) of the name words that follow word `last` directly.
    fn name_run_after(&self, last: usize) -> usize {
        let next = last + 1;
        // `فتحي وحازم`: a given name after `و` is the next name of a list, not a surname.
        if next >= self.words.len()
            || !self.joined(self.words[last].end, self.words[next].start)
            || self.text[self.words[next].start..].starts_with('و')
                && self.after_and_is_given(self.words[next])
        {
            return next;
        }
        self.name_run(next, MAX_NAME_WORDS)
    }
}

/// Two or three name words that open a clause, followed by `، TITLE` (or a title right after,
/// in Persian: `سامان رحیمی معاون وزیر`).
fn appositions(d: &Doc<'_>) -> Vec<Proposal> {
    let mut out = Vec::new();
    if d.lang == Lang::En {
        return out;
    }
    // A title (`، وزير الخارجية`), or after a comma a word that describes a person
    // (`، پژوهشگر امنیت سایبری`, `، الخبير في`; `apposition_head`).
    for t in d.hits.iter().filter(|h| matches!(h.kind, "role_title" | "apposition_head")) {
        let before = d.text[..t.span.start].trim_end_matches(' ');
        let comma = before.ends_with(['،', ',']);
        if !comma && (d.lang != Lang::Fa || t.kind == "apposition_head") {
            continue;
        }
        let name_end = before.trim_end_matches(['،', ',']).trim_end_matches([' ', '»', '"', '”']).len();
        out.extend(d.person_ending_at(name_end, "person_apposition", |first| d.clause_opens_at(first)));
    }
    out
}

impl Doc<'_> {
    /// The longest run of two or three name words that ends exactly at byte `name_end` and
    /// whose first word's start passes `opens`, as a PERSON proposal of `rule`.
    fn person_ending_at(
        &self,
        name_end: usize,
        rule: &'static str,
        opens: impl Fn(usize) -> bool,
    ) -> Option<Proposal> {
        let last = self.words.partition_point(|w| w.end <= name_end).checked_sub(1)?;
        if self.words[last].end != name_end {
            return None;
        }
        (2..=MAX_NAME_WORDS).rev().find_map(|n| {
            let first = (last + 1).checked_sub(n)?;
            (self.name_run(first, n) == last + 1 && opens(self.words[first].start)).then(|| Proposal {
                span: Span::new(self.words[first].start, name_end),
                label: Label::Person,
                id: None,
                rule,
            })
        })
    }
}

/// A title, the body it names (mentions, joined by spaces or `لدى`-like words inside), then
/// two or three name words: `قائد الشرطة المولدوفية فيوريل تشيرناوتيانو`.
fn titled_names(d: &Doc<'_>) -> Vec<Proposal> {
    let mut out = Vec::new();
    if d.lang == Lang::En {
        return out;
    }
    for t in d.hits.iter().filter(|h| matches!(h.kind, "role_title" | "apposition_head")) {
        if t.kind == "apposition_head" {
            // A describing noun (`الباحث`) names no body: only its complement may follow.
            out.extend(after_complement(d, t.span.end));
            continue;
        }
        // Skip the body: words that are taken by mentions, directly after the title.
        let mut i = d.words.partition_point(|w| w.start < t.span.end);
        if i >= d.words.len() || !d.joined(t.span.end, d.words[i].start) {
            continue;
        }
        let mut bodies = 0;
        // A description of the body counts as one too (`مدير الشركة X`).
        // So does a word describing the post (`الرئيس الكوستاريكي الجديد X`).
        let body_word =
            |w: Span| !d.taken.is_free(w.start, w.end) || d.has_hit(w, &["body_noun", "title_modifier"]);
        while i < d.words.len() && body_word(d.words[i]) && bodies < 8 {
            bodies += 1;
            i += 1;
        }
        // A title of two words or more names its body itself (`رئيس الحكومة X`).
        let carries_body = d.text[t.span.start..t.span.end].contains(' ');
        if bodies == 0 && !carries_body
            || i >= d.words.len()
            || bodies > 0 && !d.joined(d.words[i - 1].end, d.words[i].start)
        {
            // The title's own complement, common words no mention covers (`الأمين العام
            // للحركة X`, `الباحث في الشركة X`), then two name words that end the name.
            if let Some(p) = after_complement(d, t.span.end) {
                out.push(p);
            }
            continue;
        }
        let mut run = d.name_run(i, MAX_NAME_WORDS);
        if run <= i + 1
            && d.lists.is_given(&d.text[d.words[i].start..d.words[i].end])
            && d.common_surname(i, i + 1)
        {
            run = i + 2;
        }
        // One word is a name here only in the shape of a family name (`الدباغي`).
        let nisba = run == i + 1 && d.is_nisba(d.words[i]);
        if run >= i + 2 && d.ends_name(d.words[run - 1].end) || nisba {
            out.push(Proposal {
                span: Span::new(d.words[i].start, d.words[run - 1].end),
                label: Label::Person,
                id: None,
                rule: "person_after_title",
            });
        } else if run == i && bodies == 0 {
            out.extend(after_complement(d, t.span.end));
        }
    }
    out
}

/// How many common words a title's complement (`للحركة`, `في الشركة`) may hold before the name.
const COMPLEMENT_WORDS: usize = 3;

/// Arabic: the name after a title's complement of common words (`الأمين العام للحركة NAME`,
/// `الباحث في الشركة NAME`): two or three name words, right after the complement, that a
/// complementizer, a reporting verb or `قد` follows (a weaker slot than a title right before
/// the name, so punctuation alone does not end it).
fn after_complement(d: &Doc<'_>, title_end: usize) -> Option<Proposal> {
    if d.lang != Lang::Ar {
        return None;
    }
    let mut i = d.words.partition_point(|w| w.start < title_end);
    let first = i;
    // Words of mentions already found (`وزير النقل اللبناني`, `الأمين العام لحزب X`) belong to
    // the complement and do not count against its length.
    let mut common = 0;
    while i < d.words.len()
        && common < COMPLEMENT_WORDS
        && d.joined(if i == first { title_end } else { d.words[i - 1].end }, d.words[i].start)
        && !d.has_hit(d.words[i], &["complementizer", "cue"])
    {
        let w = d.words[i];
        if d.taken.is_free(w.start, w.end) {
            // `علي حمية`: a given name that is also a common word, before a common surname.
            if d.name_word(w) || d.lists.is_given(&d.text[w.start..w.end]) && d.common_surname(i, i + 1) {
                break;
            }
            common += 1;
        }
        i += 1;
    }
    if i == first || i >= d.words.len() || !d.joined(d.words[i - 1].end, d.words[i].start) {
        return None;
    }
    let mut run = d.name_run(i, MAX_NAME_WORDS);
    // `علي` (also the preposition `على`) is no name word by itself: with its surname it is.
    if run <= i + 1
        && d.lists.is_given(&d.text[d.words[i].start..d.words[i].end])
        && d.common_surname(i, i + 1)
    {
        run = i + 2;
    }
    if run < i + 2 {
        return None;
    }
    let end = d.words[run - 1].end;
    let next = run + usize::from(d.hyphen_tail(end).is_some());
    let end = d.hyphen_tail(end).unwrap_or(end);
    let rest = d.text[end..].trim_start_matches(' ');
    let at = end + (d.text[end..].len() - rest.len());
    // Also whom the name spoke to (`لوكالة «رويترز»`, `في تصريحات لـ…`) before the verb's words.
    let verb_after = rest.strip_prefix("قد").is_some_and(|r| r.starts_with(' '))
        || next < d.words.len()
            && d.words[next].start == at
            && (d.has_hit(d.words[next], &["complementizer", "cue", "addressee"])
                || rest.starts_with('ل')
                    && !d.taken.is_free(at, d.words.get(next + 1).map_or(at, |w| w.end)));
    verb_after.then(|| Proposal {
        span: Span::new(d.words[i].start, end),
        label: Label::Person,
        id: None,
        rule: "person_after_title",
    })
}

/// Two or three name words that end an Arabic speaker's phrase at its complementizer, after a
/// title that opens the clause and whatever names the post (`وقال المدعي العام الأمريكي في
/// نيويورك داميان وليامز إن …`, `قال الأمين العام لمنظمة X الدولية فرانسوا فاليريان إن …`):
/// a PERSON. Nothing but words may stand between the title and the complementizer.
fn names_before_complementizer(d: &Doc<'_>) -> Vec<Proposal> {
    const MOST_WORDS: usize = 10;
    let mut out = Vec::new();
    if d.lang != Lang::Ar {
        return out;
    }
    for t in d.hits.iter().filter(|h| h.kind == "role_title" && d.clause_opens_at(h.span.start)) {
        let Some(sent) = d.sentences.get(d.sentence_of(t.span.start)) else { continue };
        let from = d.hits.partition_point(|h| h.span.start < t.span.end);
        let Some(c) = d.hits[from..]
            .iter()
            .take_while(|h| h.span.start < sent.end)
            .find(|h| h.kind == "complementizer")
        else {
            continue;
        };
        let between = &d.text[t.span.end..c.span.start];
        if between.contains(|ch: char| !(is_word_char(ch) || ch == ' '))
            || between.split_whitespace().count() > MOST_WORDS
        {
            continue;
        }
        let name_end = t.span.end + between.trim_end().len();
        // The name follows the words of the post: never the title's own next word.
        out.extend(d.person_ending_at(name_end, "person_before_complementizer", |first| {
            d.text[t.span.end..first].split_whitespace().count() >= 1
        }));
    }
    out
}

/// Two or three name words set off by commas after a title and its body (`الرئيس التنفيذي
/// لشركة X، غسان مرقطي، …`): a PERSON.
fn comma_names(d: &Doc<'_>) -> Vec<Proposal> {
    let mut out = Vec::new();
    if d.lang == Lang::En {
        return out;
    }
    for t in d.hits.iter().filter(|h| matches!(h.kind, "role_title" | "title")) {
        let si = d.sentence_of(t.span.start);
        let Some(sent) = d.sentences.get(si) else { continue };
        let reach = (t.span.end + 160).min(sent.end);
        if reach <= t.span.end {
            continue;
        }
        let mut cut = reach;
        while !d.text.is_char_boundary(cut) {
            cut -= 1;
        }
        let Some(c) = d.text[t.span.end..cut].find(['،', ',']) else { continue };
        let after = t.span.end + c + d.text[t.span.end + c..].chars().next().map_or(1, char::len_utf8);
        let segment = &d.text[t.span.end..t.span.end + c];
        if segment.contains(['.', ':', '«', '»', '"']) {
            continue;
        }
        let i = d.words.partition_point(|w| w.start < after);
        if i >= d.words.len() || !d.text[after..d.words[i].start].chars().all(|ch| ch == ' ') {
            continue;
        }
        let run = d.name_run(i, MAX_NAME_WORDS);
        if run >= i + 2 && d.text[d.words[run - 1].end..].trim_start_matches(' ').starts_with(['،', ',']) {
            out.push(Proposal {
                span: Span::new(d.words[i].start, d.words[run - 1].end),
                label: Label::Person,
                id: None,
                rule: "person_between_commas",
            });
        }
    }
    out
}

/// Two or three name words before an age in parentheses (`زوراب كاشيلي (41 عاماً)`, `(۳۰
/// ساله)`, `(30 years old)`): court and police reports name the accused this way.
fn aged_names(d: &Doc<'_>) -> Vec<Proposal> {
    static AGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\(\s*[0-9٠-٩۰-۹]{2}\s*(?:عاما|عاماً|عامًا|سنة|ساله|سال|years? old|years?)\s*\)")
            .unwrap()
    });
    let mut out = Vec::new();
    for m in AGE.find_iter(d.text) {
        let name_end = d.text[..m.start()].trim_end_matches([' ', '\u{a0}']).len();
        out.extend(d.person_ending_at(name_end, "person_with_age", |_| true));
    }
    out
}

/// A dateline's outlet: `دمشق-واس`, `واشنطن - «عكاظ»:`, `العالم - إيران` at the start of a
/// line (SCHEMA §10 rule 17): the one or two words on the other side of the dash from a place.
fn datelines(d: &Doc<'_>) -> Vec<Proposal> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in d.text.split_inclusive('\n') {
        let start = line_start;
        line_start += line.len();
        // Bullets and invisible marks before the dateline are no part of it.
        let Some((lead, left, right_raw)) = dateline_parts(line, 80) else { continue };
        let left_span = Span::new(start + lead, start + lead + left.trim_end().len());
        let right = right_raw.trim_start_matches([' ', '«', '"', '“', '\u{200b}', '\u{200f}', '\u{202b}']);
        let right_from = start + (line.len() - right.len());
        let right_len = right.find(|c: char| !(is_name_char(c) || c == ' ')).unwrap_or(right.len()).min(
            right.find(' ').map_or(usize::MAX, |p| {
                // At most two words on the right.
                right[p + 1..].find(' ').map_or(right.len(), |q| p + 1 + q)
            }),
        );
        let right_span = Span::new(right_from, right_from + right[..right_len].trim_end().len());
        // A Latin outlet is capitalized: `China-linked hackers` is a compound word.
        if right.starts_with(|c: char| c.is_ascii_lowercase()) {
            continue;
        }
        let is_place = |s: Span| !d.taken.is_free(s.start, s.end) && d.place_at(s);
        let words_in = |s: Span| d.text[s.start..s.end].split_whitespace().count();
        let candidate = if is_place(left_span) && words_in(right_span) <= 2 {
            right_span
        } else if is_place(right_span) && words_in(left_span) <= 2 {
            left_span
        } else {
            continue;
        };
        if !candidate.is_empty() && d.taken.is_free(candidate.start, candidate.end) {
            // `الرياض - عبدالكريم الحمد`: a byline's reporter, not an outlet.
            let first = d.text[candidate.start..candidate.end].split(' ').next().unwrap_or("");
            let person = candidate == right_span && words_in(candidate) == 2 && d.lists.is_given(first);
            let (label, rule) =
                if person { (Label::Person, "person_byline") } else { (Label::Org, "org_dateline") };
            out.push(Proposal { span: candidate, label, id: None, rule });
        }
    }
    out
}

impl Doc<'_> {
    /// Whether `s` is exactly a place mention (recorded when the document was set up).
    fn place_at(&self, s: Span) -> bool {
        self.places.binary_search(&s).is_ok()
    }
}

/// English runs of capitalized words: bodies by their head noun, people by a given name or a
/// title or reporting verb next to them.
fn capitalized_names(d: &Doc<'_>) -> Vec<Proposal> {
    let mut out = Vec::new();
    if d.lang != Lang::En {
        return out;
    }
    let mut i = 0;
    while i < d.words.len() {
        let w = d.words[i];
        let s = &d.text[w.start..w.end];
        // A capitalized title (`Commissioner`, `Foreign Secretary`) opens no name: the name
        // after it starts past it.
        // A title of several words (`Director General`) is passed over whole.
        let title_end = d
            .hits_on(w)
            .filter(|h| matches!(h.kind, "role_title" | "title") && h.span.start == w.start)
            .map(|h| h.span.end)
            .max();
        if let Some(end) = title_end {
            i += d.words[i..].iter().take_while(|x| x.end <= end).count().max(1);
            continue;
        }
        if !is_capitalized(s) || !d.taken.is_free(w.start, w.end) || d.has_hit(w, &["cap_stop"]) {
            i += 1;
            continue;
        }
        // Capitalized words, with `of`, `the`, `and`, `for` inside (`Office of the Digital Envoy`).
        let mut j = i + 1;
        let mut last_cap = i;
        while j < d.words.len() && j - i < 8 {
            let wj = d.words[j];
            let sj = &d.text[wj.start..wj.end];
            let gap_ok = d.joined(d.words[j - 1].end, wj.start) || d.initial_gap(j);
            if !gap_ok || !d.taken.is_free(wj.start, wj.end) {
                break;
            }
            if is_capitalized(sj) {
                last_cap = j;
            } else if !matches!(sj, "of" | "the" | "and" | "for") {
                break;
            }
            j += 1;
        }
        let end = last_cap + 1;
        // `Police Commissioner X`: a title inside the run ends what comes before it; the
        // name starts after the last one.
        let title = (i + 1..end).rev().find(|&k| {
            d.hits_on(d.words[k])
                .any(|h| matches!(h.kind, "role_title" | "title") && h.span.end == d.words[k].end)
        });
        if let Some(k) = title
            && head_of_run(d, i, last_cap).is_none()
        {
            // `Assistant Secretary for Management Aditi Hardikar`, `Minister for Foreign Affairs
            // Penny Wong`: the title's complement after `for`/`of` runs into the name, which is
            // its last two words.
            let complement =
                d.words.get(k + 1).is_some_and(|w| matches!(&d.text[w.start..w.end], "for" | "of"));
            i = if complement && end >= k + 5 { end - 2 } else { k + 1 };
            continue;
        }
        let span = Span::new(w.start, d.words[last_cap].end);
        // The head noun ends the name (`… Cyber Directorate`) or comes before its `of`
        // (`Office of the Digital Envoy`).
        if let Some(h) = head_of_run(d, i, last_cap)
            && end - i >= 2
        {
            let label = if &*h.value == "GOV" { Label::Gov } else { Label::Org };
            // `Deputy Head of Staff of the National Digital Office`: a long run is
            // a title and its body; the body starts after the last `of the`.
            let mut from = i;
            if end - i > 6
                && let Some(k) = (i + 1..last_cap).rev().find(|&k| {
                    let sk = &d.text[d.words[k].start..d.words[k].end];
                    sk == "the" && &d.text[d.words[k - 1].start..d.words[k - 1].end] == "of"
                })
            {
                from = k + 1;
            }
            let span = Span::new(d.words[from].start, span.end);
            out.push(Proposal { span, label, id: None, rule: "name_capitalized_head" });
        } else if end - i >= 2 && end - i <= 4 && (i..end).all(|k| d.name_word(d.words[k])) {
            let given = d.hits_on(w).any(|h| h.kind == "first_name" && h.span.start == w.start);
            let context = d.person_context(span);
            if given || context {
                out.push(Proposal { span, label: Label::Person, id: None, rule: "person_capitalized" });
            }
        }
        i = end.max(i + 1);
    }
    out
}

/// The head noun of the capitalized run `words[i..=last]`: its last word (`… Cyber
/// Directorate`), or the word before its `of` (`Office of the Digital Envoy`).
fn head_of_run<'h>(d: &'h Doc<'_>, i: usize, last: usize) -> Option<&'h OrigHit> {
    let head_of = |k: usize| {
        let w = d.words[k];
        d.hits_on(w)
            .find(|h| h.kind == "name_head" && h.span.end == w.end && is_capitalized(&d.text[w.start..w.end]))
    };
    let before_of = (i..last).find(|&k| &d.text[d.words[k + 1].start..d.words[k + 1].end] == "of");
    head_of(last).or_else(|| before_of.and_then(head_of))
}

impl Doc<'_> {
    /// Whether a title or a reporting verb stands right before `span`, or a reporting verb, a
    /// `, a/the …` apposition or a `, who …` relative clause (people's, not things') right
    /// after it.
    fn person_context(&self, span: Span) -> bool {
        let before_end = self.text[..span.start].trim_end_matches(' ').len();
        let rest = &self.text[span.end..];
        let after_start = span.end + (rest.len() - rest.trim_start_matches(' ').len());
        let from = self.hits.partition_point(|h| h.span.start < before_end.saturating_sub(48));
        let around = self.hits[from..].iter().take_while(|h| h.span.start <= after_start);
        around.into_iter().any(|h| {
            matches!(h.kind, "cue" | "role_title" | "title") && h.span.end == before_end
                || h.kind == "cue" && h.span.start == after_start
        }) || [", the ", ", a ", ", an ", ", who "].iter().any(|p| rest.starts_with(p))
            || self.title_across_comma(span)
    }

    /// Whether a comma sets `span` off from a title: a title in the phrase after it (`Stuart
    /// Solomon, Recorded Future's chief operating officer,`, `X, head of the SBU's cyber
    /// department,`), or a title right before it (`Maharashtra's home minister, Anil Deshmukh,`).
    fn title_across_comma(&self, span: Span) -> bool {
        let is_title = |h: &OrigHit| matches!(h.kind, "role_title" | "title");
        let rest = &self.text[span.end..];
        if let Some(phrase) = rest.strip_prefix(", ") {
            let len = phrase.find([',', '.', ';', '"', '“', '”']).unwrap_or(phrase.len()).min(80);
            let from = span.end + 2;
            if self.hits_in(from, from + len).iter().any(|h| is_title(h) && h.span.end <= from + len) {
                return true;
            }
        }
        let before = self.text[..span.start].trim_end_matches(' ');
        before.ends_with(',') && {
            let comma = before.len() - 1;
            let end = self.text[..comma].trim_end_matches(' ').len();
            self.hits_in(end.saturating_sub(48), end).iter().any(|h| is_title(h) && h.span.end == end)
        }
    }
}

/// A quoted or Latin-script name right after a descriptor noun or a relay frame.
fn descriptor_names(d: &Doc<'_>) -> Vec<Proposal> {
    let mut out = Vec::new();
    for h in d.hits.iter().filter(|h| matches!(h.kind, "org_descriptor" | "relay")) {
        let rest = &d.text[h.span.end..];
        let trimmed = rest.trim_start_matches(' ');
        let at = h.span.end + (rest.len() - trimmed.len());
        let Some(open) = trimmed.chars().next() else { continue };
        let close = match open {
            '«' => '»',
            '"' => '"',
            '“' => '”',
            '”' => '”',
            _ => '\0',
        };
        let span = if close != '\0' {
            let inner_start = at + open.len_utf8();
            let Some(len) = d.text[inner_start..].find(close).filter(|&l| l > 0 && l <= 60) else { continue };
            let inner = Span::new(inner_start, inner_start + len);
            let s = &d.text[inner.start..inner.end];
            if s.trim() != s || s.contains(['\n', '.', '،', ',']) || s.split(' ').count() > 4 {
                continue;
            }
            inner
        } else if d.lang != Lang::En && trimmed.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // A Latin-script name inside Arabic or Persian text (`منصة X`, `شركة OpenAI`).
            let len = trimmed
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '-')))
                .unwrap_or(trimmed.len());
            let name = trimmed[..len].trim_end_matches('.');
            Span::new(at, at + name.len())
        } else {
            continue;
        };
        if span.is_empty() || !d.taken.is_free(span.start, span.end) {
            continue;
        }
        out.push(Proposal { span, label: Label::Org, id: None, rule: "org_after_descriptor" });
    }
    out
}

/// Whether `s` is one Latin word written in camel case (`TeamViewer`, `SentinelOne`): a capital,
/// lower-case letters, then a capital again; not all capitals, not a `Mc`/`Mac` surname.
fn is_camel_case(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4
        && b[0].is_ascii_uppercase()
        && b.iter().all(u8::is_ascii_alphanumeric)
        && !s.starts_with("Mc")
        && !s.starts_with("Mac")
        && b.windows(2).skip(1).any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
}

/// English camel-case names in an organization's slot: right before or after a reporting verb
/// (`TeamViewer said`, `according to TeamViewer`), or after a descriptor noun up to two words
/// before it (`software maker TeamViewer`); then every other occurrence of the same word in the
/// document. Camel case alone is no slot: malware is written so too (`NotPetya`, `CaddyWiper`).
fn camel_case_names(d: &Doc<'_>) -> Vec<Proposal> {
    let mut out = Vec::new();
    if d.lang != Lang::En {
        return out;
    }
    let mut slotted: Vec<&str> = Vec::new();
    for (i, &w) in d.words.iter().enumerate() {
        let s = &d.text[w.start..w.end];
        if !is_camel_case(s) || slotted.contains(&s) || !d.taken.is_free(w.start, w.end) {
            continue;
        }
        let descriptor = (i.saturating_sub(3)..i).any(|k| {
            d.hits_on(d.words[k]).any(|h| h.kind == "org_descriptor")
                && (k + 1..i).all(|j| d.joined(d.words[j - 1].end, d.words[j].start))
                && d.joined(d.words[i - 1].end, w.start)
        });
        if descriptor || d.person_context(w) {
            slotted.push(s);
        }
    }
    for &w in &d.words {
        if slotted.contains(&&d.text[w.start..w.end]) && d.taken.is_free(w.start, w.end) {
            out.push(Proposal { span: w, label: Label::Org, id: None, rule: "org_camel_case" });
        }
    }
    out
}

/// Words that may follow the descriptor of an apposition (`Zellis, a payroll provider that …`):
/// where the description ends.
const DESCRIPTION_ENDS: &[&str] =
    &["that", "which", "whose", "based", "owned", "in", "with", "used", "known"];

/// English capitalized names no gazetteer knows in a company's slot: right after a descriptor
/// noun (`software company Kaseya`, `the software provider, BeyondTrust`, `credit reporting
/// agency Equifax`) or before an apposition that ends in one (`Zellis, a payroll provider
/// that …`, `Emsisoft, a cybersecurity firm,`); then every other occurrence of the same words
/// in the document. At most three words, none of them a given name (`the developer John
/// Smith` is a person), a common word or a lexicon word.
fn described_companies(d: &Doc<'_>) -> Vec<Proposal> {
    let mut out = Vec::new();
    if d.lang != Lang::En {
        return out;
    }
    let word = |k: usize| &d.text[d.words[k].start..d.words[k].end];
    let descriptor = |k: usize| {
        let w = d.words[k];
        d.hits_on(w).any(|h| h.kind == "org_descriptor" && h.span.end == w.end) && !is_capitalized(word(k))
    };
    let given = |k: usize| d.hits_on(d.words[k]).any(|h| h.kind == "first_name");
    // The first slotted span of each name, in order.
    let mut named: Vec<Span> = Vec::new();
    let mut i = 0;
    while i < d.words.len() {
        if !is_capitalized(word(i)) || given(i) {
            i += 1;
            continue;
        }
        let end = d.name_run(i, 3);
        if end == i || (i..end).any(|k| !is_capitalized(word(k))) {
            i += 1;
            continue;
        }
        let after_descriptor =
            i > 0 && descriptor(i - 1) && matches!(&d.text[d.words[i - 1].end..d.words[i].start], " " | ", ");
        let before_description = matches!(d.text[d.words[end - 1].end..].get(..4), Some(", a " | ", an"))
            && (end + 1..(end + 6).min(d.words.len())).any(|k| {
                descriptor(k)
                    && (k + 1 >= d.words.len()
                        || !d.joined(d.words[k].end, d.words[k + 1].start)
                        || DESCRIPTION_ENDS.contains(&word(k + 1)))
                    && (end..k)
                        .all(|j| !d.text[d.words[j].end..d.words[j + 1].start].contains([',', '.', ';']))
            });
        let span = Span::new(d.words[i].start, d.words[end - 1].end);
        if (after_descriptor || before_description)
            && !named.iter().any(|n| d.text[n.start..n.end] == d.text[span.start..span.end])
        {
            named.push(span);
        }
        i = end;
    }
    for first in named {
        let surface = &d.text[first.start..first.end];
        for span in std::iter::once(first).chain(actors::other_occurrences(d, surface, first)) {
            out.push(Proposal { span, label: Label::Org, id: None, rule: "org_described" });
        }
    }
    out
}

/// Whether normalized Arabic `key` reads as a proclitic and the article on a noun (`والحكومه`,
/// as [`common_form`] takes it) only by its letters: what follows the first letter is no
/// common word (`is_common`), so the word may be a foreign surname (`والترز` Walters, `كالامار`
/// Callamard). Callers also ask that the name end right after it. `لل` does not count: it is
/// the preposition before an addressee.
pub fn article_lookalike(key: &str, is_common: impl Fn(&str) -> bool) -> bool {
    // `لل` is the preposition of an addressee (`قالت X للصحافيين إن`), never a name's start.
    key.chars().count() >= 6 && ["وال", "بال", "فال", "كال"].iter().any(|p| key.starts_with(p)) && {
        let rest: String = key.chars().skip(1).collect();
        !is_common(&rest) && !is_common(&strip_proclitic(&rest))
    }
}

/// Surnames of people named in full, and acronyms given in parentheses after a body, wherever
/// they occur alone.
fn short_forms(d: &mut Doc<'_>, all: &[Mention]) -> Vec<Proposal> {
    // normalized short form → (label, id, canonical); the first full name to give one wins.
    // The flag marks a form that is a given name too (`Wang` of `Wang Wenbin`): a name only
    // where a reporting verb follows it.
    let mut forms: std::collections::HashMap<String, (Label, String, String, bool)> =
        std::collections::HashMap::new();
    // Two-word compound surnames, normalized (`عبد الحميد`) → (id, canonical).
    let mut compound: std::collections::HashMap<String, (String, String)> = std::collections::HashMap::new();
    for m in all {
        let surface = &d.text[m.span.start..m.span.end];
        let words: Vec<&str> = surface.split_whitespace().collect();
        // Names found here and the gazetteer's people alike: not every gazetteer person lists
        // the surname alone (`راما` after `ادی راما`).
        if m.label == Label::Person && words.len() >= 2 {
            let (lists, lang) = (d.lists, d.lang);
            let mut add = |w: &str, given: bool| {
                let key = strip_proclitic(&normalize_str(w));
                let letters = key.chars().filter(|&c| is_alphabetic(c)).count();
                let latin = key.is_ascii();
                if letters >= if latin { 3 } else { 4 }
                    && !lists.is_common(w, lang)
                    && !lists.is_common_form(w, lang)
                {
                    forms
                        .entry(key)
                        .or_insert_with(|| (Label::Person, m.entity_id.clone(), m.canonical.clone(), given));
                }
            };
            add(words[words.len() - 1], false);
            // An Arabic compound surname (`هشام عبد الحميد` → `عبد الحميد`, `أبو X`, `بن X`).
            if words.len() >= 3 && COMPOUND_SURNAME.contains(&normalize_str(words[words.len() - 2]).as_str())
            {
                let key = format!(
                    "{} {}",
                    normalize_str(words[words.len() - 2]),
                    normalize_str(words[words.len() - 1])
                );
                compound.entry(key).or_insert_with(|| (m.entity_id.clone(), m.canonical.clone()));
            }
            // Surname first (`Zhou Lanfeng`, `Wang Wenbin`): the first word too; when it is also
            // a given name, only before a reporting verb (`Wang also rejected`).
            let first = d.words.partition_point(|w| w.start < m.span.start);
            let given = d.words.get(first).is_some_and(|&w| d.has_hit(w, &["first_name"]));
            if d.lang == Lang::En {
                add(words[0], given);
            }
        }
        if matches!(m.label, Label::Gov | Label::Org) {
            // `Social Design Agency (SDA)`: the parenthesized word names the same body.
            let rest = &d.text[m.span.end..];
            if let Some(inner) = rest.strip_prefix(" (").and_then(|r| r.split_once(')')).map(|(x, _)| x)
                && !inner.is_empty()
                && inner.len() <= 24
                && inner.chars().all(|c| is_name_char(c) || c == ' ' || c == '.')
                && inner.chars().next().is_some_and(|c| !c.is_ascii() || c.is_uppercase())
            {
                forms
                    .entry(normalize_str(inner))
                    .or_insert_with(|| (m.label, m.entity_id.clone(), m.canonical.clone(), false));
            }
        }
    }
    let mut out = compound_surnames(d, &compound);
    if forms.is_empty() {
        return out;
    }
    // A word can only normalize to a form (with or without a proclitic) that ends like it: most
    // words are ruled out by their last two characters before being normalized and looked up.
    let mut ends: Vec<(Option<char>, Option<char>)> = forms
        .keys()
        .map(|k| {
            let mut back = k.chars().rev();
            (back.next(), back.next())
        })
        .collect();
    ends.sort_unstable();
    ends.dedup();
    // The last characters below U+0800 of the forms: a word ending with another one is ruled
    // out from a table before its last two characters are read.
    let mut lasts = vec![false; 0x800];
    for c in ends.iter().filter_map(|&(last, _)| last).filter(|&c| (c as u32) < 0x800) {
        lasts[c as usize] = true;
    }
    for k in 0..d.words.len() {
        let w = d.words[k];
        let s = &d.text[w.start..w.end];
        if last_short_normalized(s).is_some_and(|c| !lasts[c as usize])
            || ends.binary_search(&last_normalized_pair(s)).is_err()
            || !d.taken.is_free(w.start, w.end)
        {
            continue;
        }
        let key = normalize_str(s);
        // Multi-word acronyms are rare: one word, or the parenthesized form itself.
        let hit = forms.get(&key).or_else(|| forms.get(&strip_proclitic(&key)));
        let Some((label, id, canonical, given)) = hit else { continue };
        if s.is_ascii() && !is_capitalized(s) || d.has_hit(w, BREAKING_KINDS) {
            continue;
        }
        if *given && !d.cue_follows(w, 2) {
            continue;
        }
        // An Arabic-script surname alone is a name where a name stands: opening a clause,
        // after a reporting verb or title, or before one (`وقال ميلفيردو`, `کاظمیان در بیانیه‌ای گفت`).
        if *label == Label::Person && !s.is_ascii() && !d.clause_opens_at(w.start) && !d.name_slot_around(w) {
            continue;
        }
        if d.taken.insert_if_free(w.start, w.end) {
            out.push(Proposal {
                span: w,
                label: *label,
                id: Some((id.clone(), canonical.clone())),
                rule: "short_form",
            });
        }
    }
    out
}

/// The first words of Arabic compound surnames (normalized): `عبد الحميد`, `أبو زيد`, `بن علي`.
const COMPOUND_SURNAME: &[&str] = &["عبد", "ابو", "بن", "ال"];

/// A compound surname alone (`وحذّر عبد الحميد`), where a name stands, after its full name
/// (`هشام عبد الحميد`): the full name's id.
fn compound_surnames(
    d: &mut Doc<'_>,
    compound: &std::collections::HashMap<String, (String, String)>,
) -> Vec<Proposal> {
    let mut out = Vec::new();
    if compound.is_empty() {
        return out;
    }
    for k in 0..d.words.len().saturating_sub(1) {
        let (a, b) = (d.words[k], d.words[k + 1]);
        let first = strip_proclitic(&normalize_str(&d.text[a.start..a.end]));
        let first = if COMPOUND_SURNAME.contains(&first.as_str()) {
            first
        } else {
            // `وعبد`: a proclitic on a word too short for `strip_proclitic`.
            let key = normalize_str(&d.text[a.start..a.end]);
            key.strip_prefix(['و', 'ف', 'ب', 'ل', 'ك']).unwrap_or(&key).to_string()
        };
        if !COMPOUND_SURNAME.contains(&first.as_str()) || !d.joined(a.end, b.start) {
            continue;
        }
        let key = format!("{first} {}", normalize_str(&d.text[b.start..b.end]));
        let Some((id, canonical)) = compound.get(&key) else { continue };
        let span = Span::new(a.start, b.end);
        if (d.clause_opens_at(a.start) || d.name_slot_around(span))
            && d.taken.insert_if_free(span.start, span.end)
        {
            out.push(Proposal {
                span,
                label: Label::Person,
                id: Some((id.clone(), canonical.clone())),
                rule: "short_form",
            });
        }
    }
    out
}

/// `word` normalized, its `آ` kept apart from `ا` (`آندري` and `آندری` one key, `اندری` another).
fn madda_key(word: &str) -> String {
    normalize_str(&word.replace('آ', "Q"))
}

/// Arabic pronoun suffixes (normalized), longest first: `ـهما ـهم ـهن ـها ـكم ـنا ـه`.
const AR_PRONOUN_SUFFIXES: &[&str] = &["هما", "هم", "هن", "ها", "كم", "نا", "ه"];

/// Persian plural suffixes written joined (normalized, the ZWNJ dropped): `ـهاي ـها`.
const FA_PLURAL_SUFFIXES: &[&str] = &["هاي", "ها"];

/// Arabic proclitics with the article (normalized): `لل بال وال فال كال`.
const AR_ARTICLE_PROCLITICS: &[&str] = &["لل", "بال", "وال", "فال", "كال"];

/// Whether normalized `key` is a common word (`is_common` on a bare form) in another form: for
/// Arabic, a proclitic with the article (`للصحافيين`; at least six letters, so `والي` stays), or a
/// pronoun suffix on a common stem of three letters or more (`رغبته` = `رغبة` + `ه`, ta marbuta
/// restored; `خلالها`); for Persian, a plural suffix on a common stem (`كشورها`). The stem is
/// tried with and without one proclitic.
pub fn common_form(key: &str, lang: Lang, is_common: impl Fn(&str) -> bool) -> bool {
    let suffixes = match lang {
        Lang::Ar => {
            if key.chars().count() >= 6 && AR_ARTICLE_PROCLITICS.iter().any(|p| key.starts_with(p)) {
                return true;
            }
            AR_PRONOUN_SUFFIXES
        }
        Lang::Fa => FA_PLURAL_SUFFIXES,
        _ => return false,
    };
    let bare = strip_proclitic(key);
    // `بعقد`, `لدار`: a proclitic on a common word of three letters (`strip_proclitic` keeps four).
    if lang == Lang::Ar
        && let Some(rest) = key.strip_prefix(['و', 'ف', 'ب', 'ل', 'ك'])
        && rest.chars().count() >= 3
        && is_common(rest)
    {
        return true;
    }
    [key, bare.as_str()].iter().any(|k| {
        suffixes.iter().any(|suf| {
            let Some(stem) = k.strip_suffix(suf).filter(|st| st.chars().count() >= 3) else { return false };
            is_common(stem)
                || lang == Lang::Ar && stem.strip_suffix('ت').is_some_and(|st| is_common(&format!("{st}ه")))
        })
    })
}

/// An Arabic-script word without one proclitic (`و ف ب ل ك`), when what is left is a word of
/// its own (four letters or more).
fn strip_proclitic(key: &str) -> String {
    let mut chars = key.chars();
    match chars.next() {
        Some('و' | 'ف' | 'ب' | 'ل' | 'ك') if chars.clone().count() >= 4 => chars.collect(),
        _ => key.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_letters_marks_and_joiners() {
        let t = "وقال جون‌ميلفيردو، (VNT) x";
        let w: Vec<&str> = words(t).into_iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(w, vec!["وقال", "جون‌ميلفيردو", "VNT", "x"]);
        // Characters of one, two, three and four bytes, against a plain character loop.
        let t = "Crème brûlée, ١٢٣ Ⅻ 東京\u{200d}x 😀ab Ωmega ٌّ؟كتابٌ ۱۴۰۲";
        let mut want = Vec::new();
        let mut start = None;
        for (i, c) in t.char_indices().chain([(t.len(), ' ')]) {
            match (is_name_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    want.push(Span::new(s, i));
                    start = None;
                }
                _ => {}
            }
        }
        assert_eq!(words(t), want);
    }

    #[test]
    fn one_proclitic_comes_off_a_long_word_only() {
        assert_eq!(strip_proclitic("وبانيتا"), "بانيتا");
        assert_eq!(strip_proclitic("وليد"), "وليد");
        assert_eq!(strip_proclitic("Zhou"), "Zhou");
    }
}
