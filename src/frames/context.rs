//! The context every frame phase reads: one document's text, sentences, mentions and lexicon
//! hits, with the look-ups the phases share (hits and mentions in a range by binary search, word
//! counts, quote spans).

use crate::doc::{Label, Lang, Mention, Span};
use crate::normalize::{Normalized, is_alphanumeric};
use crate::phrases::Hit;

/// A lexicon hit with its span mapped to the original text; the hit's own fields (`kind`,
/// `value`, flags) are reached through `Deref`.
#[derive(Debug, Clone)]
pub struct OrigHit {
    /// Span in the original text.
    pub span: Span,
    /// The hit in the normalized text.
    pub hit: Hit,
}

impl std::ops::Deref for OrigHit {
    type Target = Hit;

    fn deref(&self) -> &Hit {
        &self.hit
    }
}

/// Where the line holding byte `at` of `text` starts, when that is at most `reach` bytes
/// before `at` (`None`: further back). Looks at no more than `reach` bytes, so the checks
/// that ask it per mention stay linear in a document of one long line.
pub(crate) fn line_start_within(text: &str, at: usize, reach: usize) -> Option<usize> {
    let from = text.floor_char_boundary(at.saturating_sub(reach));
    match text[from..at].rfind('\n') {
        Some(p) => Some(from + p + 1),
        None if from == 0 => Some(0),
        None => None,
    }
}

/// Where the line holding byte `at` of `text` ends, when that is at most `reach` bytes after
/// `at` (`None`: further on).
pub(crate) fn line_end_within(text: &str, at: usize, reach: usize) -> Option<usize> {
    let to = text.ceil_char_boundary(at.saturating_add(reach).min(text.len()));
    match text[at..to].find('\n') {
        Some(p) => Some(at + p),
        None if to == text.len() => Some(to),
        None => None,
    }
}

/// Maps normalized hits to the original text.
pub fn to_original(norm: &Normalized, hits: &[Hit]) -> Vec<OrigHit> {
    hits.iter().map(|h| OrigHit { span: norm.to_original(h.start, h.end), hit: h.clone() }).collect()
}

/// How far (in words) a title, tie or attack word reaches for its arguments.
pub(crate) const REACH: usize = 8;

/// How far (bytes) past its start [`Context::phrase_end`] pairs quote marks: far more than
/// [`REACH`] words and a quoted name.
const PHRASE_WINDOW: usize = 2048;

/// Where [`Context::words_between`] stops counting.
const WORD_COUNT_CAP: usize = 32;

/// Everything the claim and relation stages read about one document.
#[derive(Debug)]
pub struct Context<'a> {
    /// The original text.
    pub text: &'a str,
    /// The language.
    pub lang: Lang,
    /// Sentence spans.
    pub sentences: &'a [Span],
    /// Linked mentions, sorted.
    pub mentions: &'a [Mention],
    /// Lexicon hits in the original text, sorted by start.
    pub hits: &'a [OrigHit],
    /// Normalized hits (for `longest`).
    pub norm_hits: &'a [Hit],
    /// The normalized view.
    pub norm: &'a Normalized,
}

impl Context<'_> {
    /// The number of words in `text[a..b]`, counted up to [`WORD_COUNT_CAP`] (every caller
    /// compares with a small number, and the ranges can be whole sentences).
    pub(crate) fn words_between(&self, a: usize, b: usize) -> usize {
        self.count_words(a, b, WORD_COUNT_CAP)
    }

    /// Whether `text[a..b]` holds more than `n` words: [`Context::words_between`] `> n`,
    /// without counting past `n + 1`.
    pub(crate) fn more_words_than(&self, a: usize, b: usize, n: usize) -> bool {
        self.count_words(a, b, (n + 1).min(WORD_COUNT_CAP)) > n
    }

    fn count_words(&self, a: usize, b: usize, cap: usize) -> usize {
        // A byte window reaching back from a mention may land inside a character: count from
        // the character that holds it.
        let (a, b) = (self.text.floor_char_boundary(a), self.text.ceil_char_boundary(b.min(self.text.len())));
        if a >= b {
            return 0;
        }
        let mut words = 0;
        let mut in_word = false;
        for c in self.text[a..b].chars() {
            let w = crate::normalize::is_alphanumeric(c) || crate::normalize::is_deleted(c);
            if w && !in_word {
                words += 1;
                if words >= cap {
                    return words;
                }
            }
            in_word = w;
        }
        words
    }

    /// The indexes of the mentions that start in `[from, to)` (mentions are sorted by start),
    /// found by binary search: the claim and relation rules ask this per cue and per title.
    pub(crate) fn starting_in(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let lo = self.mentions.partition_point(|m| m.span.start < from);
        let hi = self.mentions.partition_point(|m| m.span.start < to);
        lo..hi.max(lo)
    }

    /// The lexicon hits that start in `[from, to)` (hits are sorted by start): every rule
    /// looks only near its cue, so no stage is quadratic in the length of a document.
    pub(crate) fn hits_in(&self, from: usize, to: usize) -> &[OrigHit] {
        starting_in(self.hits, from, to)
    }

    /// The hits of `kind` that end right before `at`, with no word between.
    pub(crate) fn words_right_before<'s>(
        &'s self,
        kind: &'s str,
        at: usize,
    ) -> impl Iterator<Item = &'s OrigHit> + 's {
        self.hits_in(at.saturating_sub(64), at)
            .iter()
            .filter(move |h| h.kind == kind && h.span.end <= at && self.words_between(h.span.end, at) == 0)
    }

    pub(crate) fn has(&self, kind: &str, span: Span) -> bool {
        self.hits_in(span.start, span.end).iter().any(|h| h.kind == kind && span.contains(&h.span))
    }

    /// The first hit of `kind` in `[from, to)`. A complementizer inside a name (`إن` of a
    /// transliterated `كيم إن سو`) is none.
    pub(crate) fn first_hit(&self, kind: &str, from: usize, to: usize) -> Option<&OrigHit> {
        self.hits_in(from, to).iter().find(|h| {
            h.kind == kind && h.span.end <= to && !(kind == "complementizer" && self.inside_a_name(h.span))
        })
    }

    /// Whether `span` lies inside a longer mention.
    pub(crate) fn inside_a_name(&self, span: Span) -> bool {
        self.starting_in(span.start.saturating_sub(NAME_REACH), span.start + 1).any(|i| {
            let m = self.mentions[i].span;
            m.start <= span.start && m.end >= span.end && m != span
        })
    }

    /// Whether the quoted text `inner` is a name: one mention covers it all (`«رويترز»`,
    /// `"سي إن إن"`), so the quote marks neither end a speaker slot nor make a direct quote.
    pub(crate) fn is_quoted_name(&self, inner: Span) -> bool {
        let inner = trim(self.text, inner);
        self.starting_in(inner.start, inner.end + 1)
            .any(|i| self.mentions[i].span.start <= inner.start + 1 && self.mentions[i].span.end >= inner.end)
    }

    /// The mentions inside `[from, to)`.
    pub(crate) fn mentions_in(&self, from: usize, to: usize) -> Vec<usize> {
        self.starting_in(from, to).filter(|&i| self.mentions[i].span.end <= to).collect()
    }

    /// Where the phrase starting at `from` stops: clause punctuation, a quote mark that is not
    /// around a name, or [`REACH`] words; `limit` at most.
    pub(crate) fn phrase_end(&self, from: usize, limit: usize) -> usize {
        // A phrase that starts past the sentence's end (a title word across a line break) is empty.
        if from >= limit {
            return limit;
        }
        let mut words = 0;
        let mut in_word = false;
        // Quote marks around a name (`المرتبطة بـ«الحرس الثوري»`) do not end the phrase. A
        // phrase is a few words: the marks are paired within a window past `from`, never over
        // the rest of the document (`limit` may be its end), which would make every cue's
        // phrase cost the document's length.
        let window = limit.min(self.text.floor_char_boundary(from.saturating_add(PHRASE_WINDOW)));
        let names: Vec<Span> = quotes(self.text, Span::new(from, window))
            .into_iter()
            .filter(|(inner, _)| self.is_quoted_name(*inner))
            .map(|(_, outer)| outer)
            .collect();
        for (i, c) in self.text[from..limit].char_indices() {
            let quote = matches!(c, '"' | '“' | '”' | '«' | '»');
            if quote && names.iter().any(|n| n.start <= from + i && from + i < n.end) {
                continue;
            }
            if quote || matches!(c, ':' | '.' | '،' | ',' | '(' | ')' | '\n' | '؛' | ';') {
                return from + i;
            }
            let w = crate::normalize::is_alphanumeric(c);
            if w && !in_word {
                words += 1;
                if words > REACH {
                    return from + i;
                }
            }
            in_word = w;
        }
        limit
    }

    /// The bodies named together with mention `i` (`مكتب التحقيقات الفيدرالي ووكالة الأمن
    /// السيبراني`, `the FBI, the ODNI and CISA`): a joint statement speaks for each.
    pub(crate) fn co_issuers(&self, i: usize) -> Vec<usize> {
        // Bodies speak with bodies (`the FBI and CISA`), countries with countries (`لندن
        // وأوتاوا وواشنطن تتهم`, `Britain, Canada and the US said`).
        let state = |l: Label| matches!(l, Label::Gpe);
        let seed = self.mentions[i].label;
        let body = |k: usize| {
            let l = self.mentions[k].label;
            if state(seed) { state(l) } else { matches!(l, Label::Gov | Label::Org) }
        };
        if !body(i) {
            return vec![i];
        }
        // Countries need a conjunction or comma between them (or the proclitic `و` the second
        // one's span holds: `بريطانيا وكندا`): side by side they are subject and object in
        // verb-final Persian (`آلمان روسیه را … متهم کرد`).
        let joined = |a: usize, b: usize| {
            let between = &self.text[self.mentions[a].span.end..self.mentions[b].span.start];
            between
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | '،'))
                .all(|w| w.is_empty() || matches!(w, "and" | "the" | "و"))
                && !(state(seed)
                    && between.trim().is_empty()
                    && !self.text[self.mentions[b].span.start..].starts_with('و'))
        };
        let (mut lo, mut hi) = (i, i);
        while lo > 0 && body(lo - 1) && joined(lo - 1, lo) {
            lo -= 1;
        }
        while hi + 1 < self.mentions.len() && body(hi + 1) && joined(hi, hi + 1) {
            hi += 1;
        }
        (lo..=hi).collect()
    }

    pub(crate) fn is_speaker_label(l: Label) -> bool {
        !matches!(l, Label::Date | Label::Money | Label::Loc)
    }
}

/// The hits of `hits` (sorted by start) that start in `[from, to)`, by binary search.
pub fn starting_in(hits: &[OrigHit], from: usize, to: usize) -> &[OrigHit] {
    let lo = hits.partition_point(|h| h.span.start < from);
    let hi = hits.partition_point(|h| h.span.start < to).max(lo);
    &hits[lo..hi]
}

/// How far before a hit (bytes) a name holding it may start.
const NAME_REACH: usize = 128;

/// Quote spans (inner content, without the marks) in `text[s.start..s.end]`.
pub fn quotes(text: &str, s: Span) -> Vec<(Span, Span)> {
    let mut out = Vec::new();
    if s.start >= s.end {
        return out;
    }
    let mut open: Option<(usize, char)> = None;
    // Single quotes nested in single quotes (`'The claim that it is 'supporting hacking' is
    // false,' said …`): how many inner ones are open.
    let mut inner_singles = 0usize;
    let within = &text[s.start..s.end];
    for k in quote_leads(within.as_bytes()) {
        let c = within[k..].chars().next().expect("a lead byte starts a character");
        if !matches!(c, '"' | '“' | '”' | '«' | '»' | '\'') {
            continue;
        }
        let i = k + s.start;
        let before = within[..k].chars().next_back();
        let next = text[i + c.len_utf8()..s.end].chars().next();
        // An apostrophe inside a word is not a quote mark.
        if c == '\'' && before.is_some_and(is_alphanumeric) && next.is_some_and(is_alphanumeric) {
            continue;
        }
        match open {
            None => {
                if c != '»' && c != '\'' || c == '\'' && next.is_some_and(|n| !n.is_whitespace()) {
                    open = Some((i, c));
                }
            }
            Some((_, '\''))
                if c == '\''
                    && before.is_none_or(char::is_whitespace)
                    && next.is_some_and(is_alphanumeric) =>
            {
                inner_singles += 1;
            }
            Some((_, '\'')) if c == '\'' && inner_singles > 0 => {
                inner_singles -= 1;
            }
            Some((o, oc)) => {
                let closes = match oc {
                    '«' => c == '»',
                    '\'' => c == '\'',
                    _ => matches!(c, '"' | '“' | '”'),
                };
                if closes {
                    let inner = Span::new(o + oc.len_utf8(), i);
                    out.push((inner, Span::new(o, i + c.len_utf8())));
                    open = None;
                }
            }
        }
    }
    out
}

/// The positions in `bytes` (UTF-8) of the bytes that can start a quote mark: `"` and `'`, C2
/// (`« »`) and E2 (`“ ”`). Eight bytes at a time are ruled out together when none of them is
/// one; only the others are decoded.
fn quote_leads(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Whether a lane of `v` is zero (exact for the whole word, not per lane).
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    let any_lead = move |x: u64| {
        zero(x ^ (ONES * u64::from(b'"')))
            || zero(x ^ (ONES * u64::from(b'\'')))
            || zero(x ^ (ONES * 0xC2))
            || zero(x ^ (ONES * 0xE2))
    };
    let lead = |b: u8| matches!(b, b'"' | b'\'' | 0xC2 | 0xE2);
    bytes.chunks(8).enumerate().flat_map(move |(n, chunk)| {
        let skip = chunk.len() == 8 && !any_lead(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        let from = if skip { chunk.len() } else { 0 };
        (from..chunk.len()).filter(move |&k| lead(chunk[k])).map(move |k| n * 8 + k)
    })
}

/// Trims whitespace and sentence-final punctuation off a span.
pub(crate) fn trim(text: &str, s: Span) -> Span {
    let t = &text[s.start..s.end];
    let lead = t.len() - t.trim_start().len();
    let body = t
        .trim_start()
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '!' | '?' | '؟' | '۔'));
    Span::new(s.start + lead, s.start + lead + body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_leads_are_every_byte_that_can_start_a_mark() {
        let t = "قال «إن» الوزير \"said\" it's “done” — x 'y' ١٢٣٤٥٦٧٨ «ab»";
        for cut in 0..t.len() {
            let b = &t.as_bytes()[cut..];
            let want: Vec<usize> =
                (0..b.len()).filter(|&k| matches!(b[k], b'"' | b'\'' | 0xC2 | 0xE2)).collect();
            assert_eq!(quote_leads(b).collect::<Vec<_>>(), want, "from byte {cut}");
        }
    }

    #[test]
    fn single_quotes_nested_in_single_quotes_close_the_outer_one() {
        let inner = |t: &str| -> Vec<String> {
            quotes(t, Span::new(0, t.len())).iter().map(|(i, _)| t[i.start..i.end].to_string()).collect()
        };
        let t = "'The claim that it is 'supporting hacking' is false,' said Liu.";
        assert_eq!(inner(t), ["The claim that it is 'supporting hacking' is false,"]);
        assert_eq!(inner("'It is false,' he said, and 'absurd'."), ["It is false,", "absurd"]);
        assert_eq!(inner("He said 'it's over' and left."), ["it's over"]);
    }
}
