//! The clause a cue owns: from the previous cue of its sentence (or a dateline dash, or a
//! semicolon) to the next cue that is not inside quoted words, and where the speaker slot after
//! a cue ends.

use super::{Context, OrigHit};
use crate::doc::{Label, Lang, Span};
use crate::frames::context::quotes;
use crate::sentences;

/// The part of a sentence one cue owns, with the sentence's quotes.
pub(super) struct Clause<'q> {
    /// The index of the cue's sentence.
    pub si: usize,
    /// The cue's sentence.
    pub sent: Span,
    /// Where the previous cue of the sentence ends (after the slot of a frame before the cue,
    /// which owns its source), else the sentence start.
    pub prev_cue_end: usize,
    /// Where the clause starts: the latest of `prev_cue_end`, a dateline dash and a semicolon.
    pub left: usize,
    /// Where the sentence starts past its dateline (`DHAKA (Reuters) - `), if any.
    pub body_start: usize,
    /// Where the clause ends: the next cue not inside quoted words, else the sentence end.
    pub right: usize,
    /// The sentence's quotes, `(inner, outer)`.
    pub quotes: &'q [(Span, Span)],
}

/// The quotes of the last sentence asked for, found once per sentence.
#[derive(Debug, Default)]
pub(super) struct QuoteCache {
    sentence: Option<usize>,
    quotes: Vec<(Span, Span)>,
}

impl QuoteCache {
    fn of(&mut self, cx: &Context<'_>, si: usize, sent: Span) -> &[(Span, Span)] {
        if self.sentence != Some(si) {
            *self = QuoteCache { sentence: Some(si), quotes: quotes(cx.text, sent) };
        }
        &self.quotes
    }
}

impl<'q> Clause<'q> {
    /// The clause of `cues[ci]` (`cues` sorted, disjoint, each inside its sentence); `None`
    /// when the cue is in no sentence.
    pub(super) fn of(
        cx: &Context<'_>,
        cues: &[OrigHit],
        ci: usize,
        cache: &'q mut QuoteCache,
    ) -> Option<Clause<'q>> {
        let cue = &cues[ci];
        let si = sentences::index_of(cx.sentences, cue.span.start);
        let sent = *cx.sentences.get(si)?;
        // A frame before the verb (`به گزارش خبرگزاری رویترز، شرکت مایکروسافت … اعلام کرد`)
        // owns its source too: the verb's part starts after the frame's slot.
        // (Every cue lies inside its sentence: the ones before this sentence end before it.)
        let prev_cue_end = cues[..ci]
            .iter()
            .rev()
            .take_while(|c| c.span.start >= sent.start)
            .find(|c| c.span.end <= cue.span.start)
            .map_or(sent.start, |c| {
                if c.frame {
                    let slot = speaker_slot_end(cx, c.span, sent);
                    if slot < cue.span.start && cx.text[slot..].starts_with([',', '،']) {
                        slot
                    } else {
                        c.span.end
                    }
                } else {
                    c.span.end
                }
            });
        let dateline = ["- ", "– ", "— ", ": "]
            .iter()
            .filter_map(|d| cx.text[sent.start..cue.span.start].rfind(d).map(|p| sent.start + p + d.len()))
            .max()
            .unwrap_or(sent.start);
        // A semicolon ends the clause before it (`به گزارش X به نقل از Y؛ Z مدعی شدند`).
        let semicolon = cx.text[sent.start..cue.span.start].rfind(['؛', ';']).map_or(sent.start, |p| {
            sent.start + p + cx.text[sent.start + p..].chars().next().map_or(1, char::len_utf8)
        });
        let subordinate = subordinate_start(cx, sent.start, cue.span.start).unwrap_or(sent.start);
        let quotes = cache.of(cx, si, sent);
        let mut clause = Clause {
            si,
            sent,
            prev_cue_end,
            left: prev_cue_end.max(dateline).max(semicolon).max(subordinate),
            body_start: dateline,
            right: sent.end,
            quotes,
        };
        // A cue inside quoted words is nested speech: it does not end this claim's clause.
        clause.right = cues[ci + 1..]
            .iter()
            .take_while(|c| c.span.start < sent.end)
            .find(|c| !clause.quoted(cx, &c.span) || clause.quoted(cx, &cue.span))
            .map_or(sent.end, |c| c.span.start);
        Some(clause)
    }

    /// Whether `cue` is joined by `و`/`and` to the previous cue of its sentence (`نفت X …
    /// وقالت`, `denied it and said`): the conjunction as its prefix or the word before it, or,
    /// in verb-final Persian, right after the previous cue (`… «بی‌اساس» خواند و ادعاهای آمریکا
    /// را رد کرد`).
    pub(super) fn joined(&self, cx: &Context<'_>, cue: &OrigHit) -> bool {
        let is_and = |w: &str| matches!(crate::normalize::normalize_str(w).as_str(), "و" | "and");
        let between = &cx.text[self.prev_cue_end.min(cue.span.start)..cue.span.start];
        cue.prefixed
            || between.split_whitespace().next_back().is_some_and(is_and)
            || cx.lang == Lang::Fa
                && self.prev_cue_end > self.sent.start
                && between.split_whitespace().next().is_some_and(is_and)
    }

    /// Whether `sp` is inside quoted words of three or more: speech, where a quoted name
    /// (`"مايكروسوفت"`) is a name.
    pub(super) fn quoted(&self, cx: &Context<'_>, sp: &Span) -> bool {
        self.quotes
            .iter()
            .any(|(inner, outer)| outer.contains(sp) && cx.words_between(inner.start, inner.end) >= 3)
    }
}

/// Ends a clause before the connective that introduces the next claim (`، فيما`, `, while`).
pub(super) fn cut_connective(cx: &Context<'_>, from: usize, to: usize) -> usize {
    let t = &cx.text[from.min(to)..to];
    let trimmed = t.trim_end();
    let last_word_start =
        trimmed.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(p, c)| p + c.len_utf8());
    let last = crate::normalize::normalize_str(&trimmed[last_word_start..]);
    if ["فيما", "بينما", "while", "as", "و", "and", "لكن", "but", "اما"].contains(&last.as_str())
    {
        return from + last_word_start;
    }
    // English puts the next verb's subject before it: `denied any role, and Putin's
    // spokesman X told` ends this clause at the `and` that opens a subject named right
    // before the next verb.
    if cx.lang == Lang::En
        && let Some(cut) = subject_clause_start(cx, from.min(to), to)
    {
        return cut;
    }
    // Persian puts the next verb last, so its clause starts at the `و` that joins it: `… هک شده
    // و ایران را مسئول این حمله دانست` ends this clause before `و ایران`.
    if cx.lang == Lang::Fa
        && let Some(p) = t.rfind(" و ")
    {
        return from.min(to) + p;
    }
    to
}

/// English: where a subordinate clause that holds the verb at `to` with its own subject starts
/// (`…, as Britain on Monday blamed`, `…, while Microsoft said`): after the last
/// `, as` / `, while` / `, after` / `, because` / `, when` / `, since` before `to`, with a name
/// among at most [`SUBJECT_CLAUSE_WORDS`] words after it and no comma between.
fn subordinate_start(cx: &Context<'_>, from: usize, to: usize) -> Option<usize> {
    if cx.lang != Lang::En || from >= to {
        return None;
    }
    let t = &cx.text[from..to];
    let at = [", as ", ", while ", ", after ", ", because ", ", when ", ", since "]
        .iter()
        .filter_map(|w| t.rfind(w).map(|p| from + p + w.len()))
        .max()?;
    let named = cx.mentions_in(at, to).into_iter().any(|i| Context::is_speaker_label(cx.mentions[i].label));
    (named && !cx.text[at..to].contains(',') && !cx.more_words_than(at, to, SUBJECT_CLAUSE_WORDS))
        .then_some(at)
}

/// How many words an English subject clause (`and Putin's spokesman X`) holds before the
/// next verb.
const SUBJECT_CLAUSE_WORDS: usize = 6;

/// English: where a coordinated clause whose subject is named right before `to` starts in
/// `text[from..to]` (`, and the Chinese embassy said`): the last `and`/`while`/`but` with at
/// most [`SUBJECT_CLAUSE_WORDS`] words after it, a person or body among them and nothing but
/// a space after the last name.
fn subject_clause_start(cx: &Context<'_>, from: usize, to: usize) -> Option<usize> {
    let t = &cx.text[from..to];
    let at = ["and ", "while ", "but ", "whereas "]
        .iter()
        .filter_map(|w| {
            t.rmatch_indices(w).find(|(p, _)| t[..*p].ends_with(char::is_whitespace)).map(|(p, _)| from + p)
        })
        .max()?;
    let subject = cx.mentions_in(at, to).into_iter().next_back()?;
    let m = &cx.mentions[subject];
    (matches!(m.label, Label::Person | Label::Org | Label::Gov)
        && cx.text[m.span.end..to].chars().all(char::is_whitespace)
        && !cx.more_words_than(at, to, SUBJECT_CLAUSE_WORDS))
    .then(|| cx.text[..at].trim_end_matches([' ', ',']).len().max(from))
}

/// Where the speaker slot after a cue ends: at the complementizer, the next cue, a quote mark,
/// a colon, a comma or the end of the sentence.
pub(super) fn speaker_slot_end(cx: &Context<'_>, cue: Span, sent: Span) -> usize {
    let limit = cx
        .hits_in(cue.end, sent.end)
        .iter()
        .filter(|h| {
            h.span.start >= cue.end
                && h.span.end <= sent.end
                && (h.kind == "complementizer" && !cx.inside_a_name(h.span) || h.kind == "cue")
        })
        .map(|h| h.span.start)
        .min()
        .unwrap_or(sent.end);
    // A quoted name (`كشفت صحيفة «نيويورك تايمز»`) belongs to the slot: the search for the
    // slot's end skips it. The quotes are paired only when a mark is met.
    let mut names: Option<Vec<Span>> = None;
    for (p, c) in cx.text[cue.end..limit].char_indices() {
        if !matches!(c, '"' | '“' | '”' | '«' | ':' | '،' | ',' | '(') {
            continue;
        }
        let p = p + cue.end;
        let names = names.get_or_insert_with(|| {
            quotes(cx.text, Span::new(cue.end, sent.end))
                .into_iter()
                .filter(|(inner, _)| cx.is_quoted_name(*inner))
                .map(|(_, outer)| outer)
                .collect()
        });
        if !names.iter().any(|n| n.start <= p && p < n.end) {
            return p;
        }
    }
    limit
}
