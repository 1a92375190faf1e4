//! What a claim reports: the quoted words when a quote opens right after the cue and its
//! speaker or closes right before the cue, else the clause after the complementizer, else (a
//! frame or an English verb after its clause) the clause before the cue.

use super::Context;
use super::OrigHit;
use super::clause::{Clause, cut_connective};
use super::speaker::Speaker;
use crate::doc::{Lang, Span};
use crate::frames::context::trim;

/// The content of `cue` in clause `cl` and whether it is quoted (direct speech).
pub(super) fn of(cx: &Context<'_>, cue: &OrigHit, cl: &Clause<'_>, speaker: &Speaker) -> (Span, bool) {
    match quoted(cx, cue, cl, speaker) {
        Some(inner) => (inner, true),
        None => (reported(cx, cue, cl, speaker), false),
    }
}

/// The content of a frame that relays a source with its own verb (`ونقلت وكالة X عن Y قوله إن
/// …`, §10 rule 9): everything after the outlet to the end of sentence `sent` — the source and
/// what it is reported to have said.
pub(super) fn relayed(cx: &Context<'_>, speaker: &Speaker, sent: Span) -> Span {
    let from = speaker.content_from.min(sent.end);
    let lead = cx.text[from..sent.end].len()
        - cx.text[from..sent.end]
            .trim_start_matches(|c: char| c.is_whitespace() || "»”\"'،,".contains(c))
            .len();
    trim(cx.text, Span::new(from + lead, sent.end))
}

/// The quoted words the cue reports: a quote opening right after the cue and its speaker
/// (`قال X "…"`), else one closing right before the cue (`“…”، كما جاء في البيان`).
fn quoted(cx: &Context<'_>, cue: &OrigHit, cl: &Clause<'_>, speaker: &Speaker) -> Option<Span> {
    if let Some((inner, outer)) = cl.quotes.iter().find(|(i, o)| {
        o.start >= cue.span.end && o.start < cl.right.max(cue.span.end + 1) && !cx.is_quoted_name(*i)
    }) {
        let gap = cx.words_between(speaker.content_from.min(outer.start), outer.start);
        // A scare-quoted word before the complementizer (`said they were "confident" that
        // Iran was behind …`) is not the reported words: the clause after `that` is.
        let clause_follows = cx.words_between(inner.start, inner.end) <= 2
            && cx
                .first_hit("complementizer", outer.end, cl.right)
                .is_some_and(|h| cx.words_between(outer.end, h.span.start) == 0);
        // `قال X إن روسيا «نفذت هجمات»`: a complementizer and a word before the quote make
        // reported speech with a quoted fragment (§10 rule 12); `قال إن «…»` quotes.
        let from = speaker.content_from.min(outer.start);
        let reported = cx
            .first_hit("complementizer", from, outer.start)
            .is_some_and(|h| cx.words_between(h.span.end, outer.start) > 0);
        if gap <= 2 && !clause_follows && !reported {
            return Some(*inner);
        }
    }
    let (inner, outer) = cl
        .quotes
        .iter()
        .rev()
        .find(|(i, o)| o.end <= cue.span.start && o.start >= cl.left && !cx.is_quoted_name(*i))?;
    let before = cx.words_between(inner.start, inner.end) >= 3
        && (cx.words_between(outer.end, cue.span.start) <= 3
            // `"…," a spokesperson for the mission said.`: the speaker phrase sits between
            // the quote and a sentence-final verb.
            // A frame after its clause reports the clause, quote marks and all.
            || !cue.frame
                && cx.words_between(outer.end, cue.span.start) <= 14
                && cx.words_between(cue.span.end, cl.right) <= 4);
    before.then_some(*inner)
}

/// The reported (unquoted) clause of the cue.
fn reported(cx: &Context<'_>, cue: &OrigHit, cl: &Clause<'_>, speaker: &Speaker) -> Span {
    // A frame after its clause (`Russia is the main threat, according to the FBI`,
    // `…، وفقًا للبيان`) reports the clause before it.
    if cue.frame && cx.words_between(cl.left, cue.span.start) >= 3 {
        let before = trim(cx.text, Span::new(cl.left, cue.span.start));
        let body = cx.text[before.start..before.end].trim_end_matches([',', '،', ' ']);
        return Span::new(before.start, before.start + body.len());
    }
    // English puts the speaker after an unquoted clause too (`North Korean hackers stole
    // $1.5 billion, Google's Mandiant unit said in a report`): with no `that` after the
    // verb, the clause before the comma is what it reports.
    if cx.lang == Lang::En
        && !clause_follows(cx, cue, cl)
        && cx.first_hit("complementizer", cue.span.end, cl.right).is_none()
        && !cx.text[cue.span.end..cl.right].contains(['"', '“', ':'])
        && let Some(comma) = cx.text[cl.left..cue.span.start].rfind(',').map(|p| cl.left + p)
        && cx.words_between(comma, cue.span.start) <= 6
        && cx.words_between(cl.left, comma) >= 4
        // `X, head of research at Y, said …`: with the speaker before the comma, the words
        // before it are the speaker's apposition, and what it says follows the verb.
        && speaker.span.is_none_or(|sp| sp.start >= comma)
    {
        return trim(cx.text, Span::new(cl.left, comma));
    }
    let from =
        cx.first_hit("complementizer", cue.span.end, cl.right).map_or(speaker.content_from, |h| h.span.end);
    let end = if cl.right < cl.sent.end { cut_connective(cx, from, cl.right) } else { cl.sent.end };
    // A comma closing the speaker's slot (`قال X، الأحد، إن …`) is no part of the words.
    let from = from.min(end);
    let from =
        from + (cx.text[from..end].len() - cx.text[from..end].trim_start_matches([' ', '،', ',']).len());
    let after = trim(cx.text, Span::new(from, end));
    // Verb-final Persian with nothing after the verb (`X Y را به … متهم کرد`, `X آن را
    // بی‌اساس دانست`): the words between the speaker and the verb are the content.
    // With the speaker referred back to (`این گروه …`, `وی …`), the words from the clause's
    // start are.
    match speaker
        .span
        .or((speaker.mention.is_some() && after.is_empty()).then(|| Span::new(cl.left, cl.left)))
    {
        Some(sp) if cx.lang == Lang::Fa && after.is_empty() && sp.end <= cue.span.start => {
            // An apposition's comma (`X، سخنگوی Y، آن را … خواند`) is no part of the words.
            let from = sp.end.max(cl.left);
            let lead = cx.text[from..cue.span.start].len()
                - cx.text[from..cue.span.start].trim_start_matches([' ', '،', ',']).len();
            trim(cx.text, Span::new(from + lead, cue.span.start))
        }
        _ => after,
    }
}

/// Whether a clause with its own subject follows the English verb (`agencies said Tehran was
/// behind it`, `said the hackers …`): a name other than a date, or a subject word, right after it.
fn clause_follows(cx: &Context<'_>, cue: &OrigHit, cl: &Clause<'_>) -> bool {
    // Only spaces between (`says; Hanoi calls …` is another clause).
    let adjacent = |at: usize| at >= cue.span.end && cx.text[cue.span.end..at].trim().is_empty();
    let name_next = cx.starting_in(cue.span.end, cl.right).next().is_some_and(|i| {
        let m = &cx.mentions[i];
        // An inverted speaker ends the clause (`…, said Lavrov.`); a subject has a verb after it.
        m.label != crate::doc::Label::Date
            && adjacent(m.span.start)
            && cx.words_between(m.span.end, cl.right) > 0
    });
    name_next
        || cx.first_hit("subject_opener", cue.span.end, cl.right).is_some_and(|h| adjacent(h.span.start))
}
