//! Which lexicon cues are claims: a cue is dropped when it only introduces another verb
//! (`بحسب ما أعلن`), names rather than reports (`a group then called`), carries a source's verb
//! (`نقلت … عن … قوله`), is negated, runs across a sentence break, or stands inside another
//! claim's quoted words (SCHEMA §10 rule 8).

use super::{Context, OrigHit};
use crate::doc::{Label, Lang, Span};
use crate::frames::context::quotes;
use crate::sentences;

/// The cues of `all_cues` (sorted, disjoint) that report a claim of their own.
pub(super) fn select(cx: &Context<'_>, all_cues: &[OrigHit]) -> Vec<OrigHit> {
    all_cues
        .iter()
        .filter(|cue| reports(cx, all_cues, cue))
        .cloned()
        .map(|mut cue| {
            // `London was blaming Moscow`: an -ing form after `be` is the verb of its clause,
            // with its own subject, not a participle sharing the main verb's.
            if cue.participle && progressive(cx, &cue) {
                cue.hit.participle = false;
            }
            cue
        })
        .collect()
}

/// Whether the English -ing cue `cue` follows a form of `be` (`was blaming`, `is also
/// accusing`, `have been warning`): one adverb may stand between.
fn progressive(cx: &Context<'_>, cue: &OrigHit) -> bool {
    if cx.lang != Lang::En {
        return false;
    }
    let before = &cx.text[cx.text.floor_char_boundary(cue.span.start.saturating_sub(40))..cue.span.start];
    let mut words = before.split_whitespace().rev();
    let be = |w: &str| matches!(w, "am" | "is" | "are" | "was" | "were" | "be" | "been" | "being");
    match words.next() {
        Some(w) if be(w) => true,
        Some(w) if w.ends_with("ly") || matches!(w, "also" | "still" | "now" | "already" | "not") => {
            words.next().is_some_and(be)
        }
        _ => false,
    }
}

/// How many words (adjectives: `منظمة كورية شمالية تدعى`) may stand between a naming noun and
/// the verb that names.
const NAMING_REACH: usize = 3;

/// `جماعة إيرانية معارضة تدعى "X"`, `a hacking group based in Iran called X`: a naming noun a
/// few words before the verb, nothing but words between, and a name right after the verb (a
/// quote or a mention).
fn names_after_adjectives(cx: &Context<'_>, cue: &OrigHit, verb: &str) -> bool {
    let rest = cx.text[cue.span.end..].trim_start();
    let name_follows = rest.starts_with(['"', '«', '“', '\'', '‘'])
        || cx
            .starting_in(cue.span.end, cue.span.end + 64)
            .next()
            .is_some_and(|i| cx.words_between(cue.span.end, cx.mentions[i].span.start) == 0);
    name_follows
        && cx.hits_in(cue.span.start.saturating_sub(160), cue.span.start).iter().any(|h| {
            h.kind == "naming_before"
                && h.value.split('|').any(|v| verb.ends_with(v))
                && h.span.end <= cue.span.start
                && !cx.more_words_than(h.span.end, cue.span.start, NAMING_REACH)
                && !cx.text[h.span.end..cue.span.start]
                    .contains(['.', '،', ',', ':', '"', '«', '»', '؛', ';'])
        })
}

/// Whether `cue` reports a claim of its own.
fn reports(cx: &Context<'_>, all_cues: &[OrigHit], cue: &OrigHit) -> bool {
    // `بحسب ما أعلن X`, `وفقا لما ذكرته X`: the frame introduces the verb that reports.
    let frame_before_verb = cue.frame
        && cues_after(all_cues, cue.span.end)
            .iter()
            .take_while(|c| !cx.more_words_than(cue.span.end, c.span.start, 1))
            .any(|c| {
                c.span.start > cue.span.end
                    && !cx.text[cue.span.end..c.span.start].contains(['.', '،', ',', '؟', '!', '\n', ':'])
            });
    if frame_before_verb {
        return false;
    }
    // `so-called`: a verb inside a hyphenated word reports nothing; nor does a verb
    // that names (`a group then called Phosphorus`, `مجموعة أخرى تدعى`).
    if cx.text[..cue.span.start].ends_with('-') {
        return false;
    }
    let verb = crate::normalize::normalize_str(&cx.text[cue.span.start..cue.span.end]);
    if cx
        .words_right_before("naming_before", cue.span.start)
        .any(|h| h.value.split('|').any(|v| verb.ends_with(v)))
        || names_after_adjectives(cx, cue, &verb)
    {
        return false;
    }
    // An English participle used as an adjective (`the alleged intrusions`, `their disputed
    // border`) or a passive one with its preposition (`the unit blamed for`, `a letter
    // attributed to`, `accused of`) reports nothing: no speaker says anything there.
    if cx.words_right_before("attributive_before", cue.span.start).next().is_some()
        || cx.hits_in(cue.span.start, cue.span.end).iter().any(|h| {
            h.kind == "passive_participle" && h.span.start == cue.span.start && h.span.end > cue.span.end
        })
    {
        return false;
    }
    // `ونقلت الوكالة عن الناطق … قوله إن` is two claims: the outlet's relay (STATE) and the
    // source's verb (SCHEMA §10 rule 9). A `sourced` cue (`القول`) is one only there.
    if cue.sourced && !frames_before(all_cues, cx, cue.span.start).any(|f| source_frame(cx, f, cue).is_some())
    {
        return false;
    }
    // `وجهت أمريكا اتهامات للصين`: a light verb reports only with an accusation as its object,
    // within four words (past a subject between them); `وجهت دعوة` reports nothing.
    if cue.accusation && !has_accusation_object(cx, cue) {
        return false;
    }
    // `با اشاره به گزارش …` (referring to a report) names a source, it does not frame
    // a claim.
    if cue.frame && cx.words_right_before("frame_blocker", cue.span.start).next().is_some() {
        return false;
    }
    let si = sentences::index_of(cx.sentences, cue.span.start);
    let Some(&sent) = cx.sentences.get(si) else { return false };
    let sent_start = sent.start;
    // A wire credit line (`(Reporting by X; Editing by Y)`) names the journalists: no claim.
    if cx.lang == Lang::En
        && cx.text[sent_start..cue.span.start]
            .trim_matches(|c: char| c.is_whitespace() || c == '(')
            .is_empty()
        && cx.text[cue.span.end..].starts_with(" by ")
    {
        return false;
    }
    // A phrase that runs across a sentence break (normalized text joins lines) is no cue.
    if !sent.contains(&cue.span) {
        return false;
    }
    // `initial` cues (the headline noun `رد`) only open a sentence; a negated verb
    // (`لم تذكر`, `did not say`) reports nothing.
    let misplaced = cue.initial && cx.words_between(sent_start, cue.span.start) > 0;
    let negated = cx.hits_in(sent_start, cue.span.start).iter().any(|h| {
        h.kind == "negation"
            && h.span.end <= cue.span.start
            && h.span.start >= sent_start
            && cx.words_between(h.span.end, cue.span.start) == 0
    });
    // A reporting verb inside a direct quote is the quoted speaker's words, not a claim
    // of its own (SCHEMA §10 rule 8: `قال: "… وقال المتهمون إنهم …"` is one claim).
    // The quote must be another cue's content: right after a colon, or within six words
    // of a cue before or after it (a stray mark pairing with the next quote opens none).
    // A verb that opens a new sentence with `و` after a full stop (`… في المدينة. وقال
    // الوزير`) is the journalist's: the mark before it was stray.
    let opens_sentence = |inner: &Span| {
        cue.prefixed && cx.text[inner.start..cue.span.start].trim_end().ends_with(['.', '؟', '!'])
    };
    let nested = quotes(cx.text, sent).iter().any(|(inner, outer)| {
        inner.contains(&cue.span)
            && cx.more_words_than(inner.start, inner.end, 3)
            && !opens_sentence(inner)
            && (outer.start > sent_start && cx.text[sent_start..outer.start].trim_end().ends_with(':')
                || all_cues.iter().any(|c| {
                    c.span.end <= outer.start
                        && c.span.start >= sent_start
                        && !cx.more_words_than(c.span.end, outer.start, 6)
                        || c.span.start >= outer.end
                            && c.span.end <= sent.end
                            && !cx.more_words_than(outer.end, c.span.start, 6)
                }))
    });
    !misplaced && !negated && !nested
}

/// Whether an accusation noun follows `cue` within four words, in its sentence.
fn has_accusation_object(cx: &Context<'_>, cue: &OrigHit) -> bool {
    // The subject between verb and object may carry commas (`وجّه مدعون أميركيون، اتهامات`).
    // Four words fit in 160 bytes; the bound keeps a long unpunctuated text linear.
    let reach = cx.text.floor_char_boundary((cue.span.end + 160).min(cx.text.len()));
    let end = cx.text[cue.span.end..reach].find(['.', ':', '\n', '؛']).map_or(reach, |i| cue.span.end + i);
    accusation_noun_within(cx, cue.span.end, end, 4)
}

/// Whether an `accusation_noun` (`الاتهامات`, `allegations`, `report`) starts in `[from, end)`
/// with at most `words` words before it: the object of the verb that ends at `from`.
pub(super) fn accusation_noun_within(cx: &Context<'_>, from: usize, end: usize, words: usize) -> bool {
    cx.hits_in(from, end).iter().any(|h| {
        h.kind == "accusation_noun" && h.span.end <= end && !cx.more_words_than(from, h.span.start, words)
    })
}

/// How many words a frame reaches to the cue it carries (`نقلت … عن … قوله`).
pub(super) const SOURCE_REACH: usize = 14;

/// The cues (sorted by start) that start at or after byte `at`.
pub(super) fn cues_after(cues: &[OrigHit], at: usize) -> &[OrigHit] {
    &cues[cues.partition_point(|c| c.span.start < at)..]
}

/// The frames that may carry the cue at `at` ([`source_frame`]), in document order: those
/// ending at most [`SOURCE_REACH`] words before it.
pub(super) fn frames_before<'h>(
    cues: &'h [OrigHit],
    cx: &Context<'_>,
    at: usize,
) -> impl Iterator<Item = &'h OrigHit> {
    let end = cues.partition_point(|c| c.span.start < at);
    // Cues are disjoint and sorted, so their ends grow too: walk back while in reach.
    let start = (0..end)
        .rev()
        .take_while(|&i| cues[i].span.end > at || !cx.more_words_than(cues[i].span.end, at, SOURCE_REACH))
        .last()
        .unwrap_or(end);
    cues[start..end].iter()
}

/// The `source_prep` hit (`عن`, `عنه`) between a frame `f` (`نقلت`) and a later cue `c` in
/// its slot (`قوله`), when `c` reports what the frame carries.
pub(super) fn source_frame<'h>(cx: &'h Context<'_>, f: &OrigHit, c: &OrigHit) -> Option<&'h OrigHit> {
    if !f.frame || f.span.end > c.span.start || cx.more_words_than(f.span.end, c.span.start, SOURCE_REACH) {
        return None;
    }
    if cx.first_hit("complementizer", f.span.end, c.span.start).is_some()
        || cx.text[f.span.end..c.span.start].contains(['.', '\n', '؟', '!', ':', '؛', ';'])
    {
        return None;
    }
    // `وبحسب ما أوردته X عن Y، فقد أعلنت Z …`: after a comma, a verb with its own subject right
    // after it is a clause of its own; the frame is a relay of it (§10 rule 9), not its speaker.
    let own_subject = cx.starting_in(c.span.end, c.span.end + 64).next().is_some_and(|i| {
        let m = &cx.mentions[i];
        matches!(m.label, Label::Person | Label::Org | Label::Gov | Label::ThreatActor)
            && cx.words_between(c.span.end, m.span.start) == 0
    });
    if own_subject && cx.text[f.span.end..c.span.start].contains(['،', ',']) {
        return None;
    }
    cx.first_hit("source_prep", f.span.end, c.span.start)
}
