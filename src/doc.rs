//! The shared vocabulary of the pipeline: the [`Document`] every stage reads, the [`Span`]s it
//! points at, and the rows ([`Mention`], [`Relation`], [`Claim`]) that stages add to a
//! [`DocResult`].
//!
//! Spans are byte offsets into `Document::text` (the original decoded text, never modified).
//! The conversion to the code-point offsets the tables use happens only in `output`.

use std::fmt;

/// A growing set of pairwise disjoint spans: "take this candidate if it overlaps none taken
/// so far" in O(log n), the choice `link` and `phrases::longest` make over every candidate of a
/// document (checking each one against every span taken was quadratic in the document).
///
/// An empty span is never taken (no mention or cue is empty).
#[derive(Debug, Default, Clone)]
pub struct DisjointSpans {
    /// end by start; disjoint, so ordered by start is ordered by end too.
    by_start: std::collections::BTreeMap<usize, usize>,
}

impl DisjointSpans {
    /// An empty set.
    pub fn new() -> DisjointSpans {
        DisjointSpans::default()
    }

    /// Whether `[start, end)` overlaps no span in the set (an empty span never does).
    pub fn is_free(&self, start: usize, end: usize) -> bool {
        start >= end || self.by_start.range(..end).next_back().is_none_or(|(_, &e)| e <= start)
    }

    /// Adds `[start, end)` unless it overlaps a span already in the set; says whether it did.
    pub fn insert_if_free(&mut self, start: usize, end: usize) -> bool {
        if start >= end {
            return false;
        }
        // The only span that can overlap is the last one starting before `end`.
        if let Some((_, &e)) = self.by_start.range(..end).next_back()
            && e > start
        {
            return false;
        }
        self.by_start.insert(start, end);
        true
    }
}

/// A half-open byte range `[start, end)` into a document's original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Whether `other` lies inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// The language of a document, guessed from its letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Arabic.
    Ar,
    /// Persian.
    Fa,
    /// English.
    En,
    /// Undetermined.
    #[default]
    Und,
}

impl Lang {
    /// The code written in `documents.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Fa => "fa",
            Lang::En => "en",
            Lang::Und => "und",
        }
    }
}

/// Whether a document could be read, and if not, why.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Status {
    /// Decoded and processed.
    #[default]
    Ok,
    /// Decoded, but holds no text (or only whitespace).
    Empty,
    /// Could not be read or decoded; the one-line reason.
    Error(String),
}

impl Status {
    /// The value of the `status` column.
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Empty => "empty",
            Status::Error(_) => "error",
        }
    }
}

/// One input document: its id, its original text and how it was decoded.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// `doc_id` as SCHEMA §1 defines it (relative path with `/`).
    pub id: String,
    /// The decoded text, BOM removed, nothing else changed.
    pub text: String,
    /// The encoding the bytes were decoded from (`utf-8`, `utf-16le`, …).
    pub encoding: &'static str,
    /// The detected language.
    pub lang: Lang,
    /// Whether the document could be read.
    pub status: Status,
    /// A date given with the input (`--dates`, a `date` field of `--stdin-jsonl`), which the
    /// text's date does not replace (see [`crate::dates`]).
    pub date: Option<crate::dates::DocDate>,
}

/// The entity labels of SCHEMA §4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    /// A named person.
    Person,
    /// A non-government organization.
    Org,
    /// A government body.
    Gov,
    /// A country, city, state or province.
    Gpe,
    /// Another named place or facility.
    Loc,
    /// A standalone nationality adjective or demonym.
    Norp,
    /// A named hacking group or persona.
    ThreatActor,
    /// A calendar expression.
    Date,
    /// An amount with a currency.
    Money,
}

impl Label {
    /// Every label, in SCHEMA order.
    pub const ALL: [Label; 9] = [
        Label::Person,
        Label::Org,
        Label::Gov,
        Label::Gpe,
        Label::Loc,
        Label::Norp,
        Label::ThreatActor,
        Label::Date,
        Label::Money,
    ];

    /// The label as written in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Gov => "GOV",
            Label::Gpe => "GPE",
            Label::Loc => "LOC",
            Label::Norp => "NORP",
            Label::ThreatActor => "THREAT_ACTOR",
            Label::Date => "DATE",
            Label::Money => "MONEY",
        }
    }

    /// Parses a label as written in the tables.
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entity mention, linked to its entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Where it is in the original text.
    pub span: Span,
    /// Its label.
    pub label: Label,
    /// The entity id (SCHEMA §5); empty for DATE and MONEY.
    pub entity_id: String,
    /// The canonical English name, or the normalized value of a DATE/MONEY.
    pub canonical: String,
    /// `gazetteer:<file>` or `rule:<name>`.
    pub source: String,
    /// The gazetteer alias that fired, as written in the gazetteer; empty for rules.
    pub alias: String,
    /// 0-based index of the sentence it is in.
    pub sentence: usize,
}

/// One relation between two mentions (SCHEMA §7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// `ROLE`, `AFFILIATED_WITH`, `TARGETED`, `ACCUSES` or `DENIES`.
    pub predicate: &'static str,
    /// Index of the subject in `DocResult::mentions`.
    pub subject: usize,
    /// Index of the object in `DocResult::mentions`.
    pub object: usize,
    /// Extra detail, e.g. the role title as written.
    pub detail: String,
    /// Sentence index.
    pub sentence: usize,
    /// The rule that produced it.
    pub rule: String,
}

/// The stance of a claim (SCHEMA §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stance {
    /// Any other statement.
    State,
    /// Attributes wrongdoing to someone.
    Accuse,
    /// Rejects an accusation or claim.
    Deny,
    /// Warns of a future threat.
    Warn,
}

impl Stance {
    /// The stance as written in the tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::State => "STATE",
            Stance::Accuse => "ACCUSE",
            Stance::Deny => "DENY",
            Stance::Warn => "WARN",
        }
    }

    /// Parses a stance as written in the tables and rule files.
    pub fn parse(s: &str) -> Option<Stance> {
        match s {
            "STATE" => Some(Stance::State),
            "ACCUSE" => Some(Stance::Accuse),
            "DENY" => Some(Stance::Deny),
            "WARN" => Some(Stance::Warn),
            _ => None,
        }
    }
}

/// One reported statement (SCHEMA §8).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The reporting verb or frame.
    pub cue: Span,
    /// The stance.
    pub stance: Stance,
    /// Index of the speaker in `DocResult::mentions`, if one was found.
    pub speaker: Option<usize>,
    /// The speaker phrase as written (may be a title phrase or pronoun).
    pub speaker_span: Option<Span>,
    /// Whether the content is quoted.
    pub direct: bool,
    /// What is claimed.
    pub content: Span,
    /// Indices of the mentions inside the content, in order, one per entity.
    pub targets: Vec<usize>,
    /// Sentence index.
    pub sentence: usize,
    /// The rule that produced it.
    pub rule: String,
    /// Whether the cue is a relay or source frame (`according to`, `به گزارش`, `حسب`): a
    /// claim of the source that carries other claims (SCHEMA §10 rule 9).
    pub frame: bool,
    /// Index in `DocResult::claims` of the relaying claim that carries this one (`via`).
    pub via: Option<usize>,
    /// Indexes in `DocResult::claims` of the accusations a denial answers (`responds_to`).
    pub responds_to: Vec<usize>,
    /// For a denial: the mentions of its content that name the side of an accuser it answers
    /// (`أميركا وبريطانيا` in a reply blaming them): the owners it denies (SCHEMA §10 rule 5).
    pub accusers_named: Vec<usize>,
}

/// Everything the pipeline found in one document.
#[derive(Debug, Clone, Default)]
pub struct DocResult {
    /// The document.
    pub doc: Document,
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    /// Entity mentions, sorted by start, never overlapping.
    pub mentions: Vec<Mention>,
    /// The calendar each mention's date is written in, one per mention in the order of
    /// `mentions` (`None` for a weekday and for every label but DATE): `entities.csv`'s
    /// `calendar` column. Empty when the document has no mentions.
    pub calendars: Vec<Option<crate::calendar::Calendar>>,
    /// Relations between mentions.
    pub relations: Vec<Relation>,
    /// Claims.
    pub claims: Vec<Claim>,
    /// The document's date: given with the input, else read from the text (`documents.csv`
    /// columns `date`, `date_source`).
    pub date: Option<crate::dates::DocDate>,
    /// The person who held the titled speaker's role on the document's date, one per claim in
    /// the order of `claims` (empty when none): `claims.csv`'s `speaker_person_id`
    /// ([`crate::roles`]). Empty when the document has no claims.
    pub speaker_persons: Vec<String>,
}

/// The entity id of a canonical name (SCHEMA §5): lowercase ASCII letters and digits kept, every
/// other run of characters replaced by one `_`, `_` trimmed at both ends.
pub fn entity_id(canonical: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let mut out = String::with_capacity(canonical.len());
    let mut gap = false;
    // Accents fold to their base letters first (NFKD, combining marks dropped): `Curaçao` →
    // `curacao`, `İmamoğlu` → `imamoglu`; so do the letters NFKD leaves whole (`Kılıçdaroğlu`
    // → `kilicdaroglu`, `Sikorski` with `ł`, `Støre`, `Maaßen`).
    let spelled = canonical.chars().flat_map(|c| {
        let base: &str = match c {
            'ı' => "i",
            'ø' => "o",
            'Ø' => "O",
            'ł' => "l",
            'Ł' => "L",
            'đ' | 'ð' => "d",
            'Đ' => "D",
            'ß' => "ss",
            'æ' => "ae",
            'Æ' => "AE",
            'œ' => "oe",
            'Œ' => "OE",
            'þ' => "th",
            'Þ' => "Th",
            _ => "",
        };
        let one = if base.is_empty() { Some(c) } else { None };
        base.chars().chain(one)
    });
    for c in spelled.collect::<String>().nfkd().filter(|&c| !is_combining_mark(c)) {
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// The id of an entity found by a rule and held by no gazetteer (SCHEMA §5): `~` + the surface
/// with every run of whitespace as `_`.
pub fn tilde_id(surface: &str) -> String {
    let mut out = String::from("~");
    out.push_str(&surface.split_whitespace().collect::<Vec<_>>().join("_"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_ids_follow_schema() {
        assert_eq!(entity_id("Saeed Khatibzadeh"), "saeed_khatibzadeh");
        assert_eq!(entity_id("Washington, D.C."), "washington_d_c");
        assert_eq!(entity_id("Ministry of Foreign Affairs (Iran)"), "ministry_of_foreign_affairs_iran");
        assert_eq!(entity_id("European People's Party"), "european_people_s_party");
        assert_eq!(entity_id("Curaçao"), "curacao");
        assert_eq!(entity_id("Recep Tayyip Erdoğan"), "recep_tayyip_erdogan");
        assert_eq!(entity_id("Ekrem İmamoğlu"), "ekrem_imamoglu");
        assert_eq!(entity_id("Åland Islands"), "aland_islands");
        // Letters NFKD leaves whole fold too.
        assert_eq!(entity_id("Kemal Kılıçdaroğlu"), "kemal_kilicdaroglu");
        assert_eq!(entity_id("Radosław Sikorski"), "radoslaw_sikorski");
        assert_eq!(entity_id("Jonas Gahr Støre"), "jonas_gahr_store");
        assert_eq!(entity_id("Hans-Georg Maaßen"), "hans_georg_maassen");
        assert_eq!(tilde_id("بيسان أبو  كويك"), "~بيسان_أبو_كويك");
    }

    #[test]
    fn disjoint_spans_take_what_overlaps_nothing() {
        // Against the pairwise check it replaces, on every small span sequence.
        let spans: Vec<(usize, usize)> = (0..6).flat_map(|a| (a..7).map(move |b| (a, b))).collect();
        for seed in 0..200usize {
            let order: Vec<(usize, usize)> =
                (0..12).map(|k| spans[(seed * 7919 + k * 104_729) % spans.len()]).collect();
            let mut set = DisjointSpans::new();
            let mut taken: Vec<(usize, usize)> = Vec::new();
            for &(a, b) in &order {
                let free = a < b && taken.iter().all(|&(x, y)| b <= x || y <= a);
                assert_eq!(set.insert_if_free(a, b), free, "{a}..{b} after {taken:?}");
                if free {
                    taken.push((a, b));
                }
            }
        }
    }
}
