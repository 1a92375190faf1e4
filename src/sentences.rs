//! Sentence splitting for Arabic, Persian and English news text.
//!
//! A sentence ends at `. ! ? ؟ ۔` (with any closing quotes or brackets after it) and at every
//! line break; it does not end inside quotes (`" “ ” « »`, mismatched pairs such as `“…“`
//! included, and a single quote that opens a line, British style, until `,'` or `.'` closes it),
//! inside numbers (`03.11`) or after abbreviations (`U.S.`, `Mr.`, `Nov.`). A line
//! break always ends a sentence and closes any quote left open, so one stray quote mark cannot
//! swallow the rest of an article.
//!
//! Two bounds keep every later stage linear in a document's length, whatever the document
//! holds (a file of one 50 MB line, a stray quote mark at its top):
//! - a quote that stays open for more than [`MAX_QUOTE`] bytes is a stray mark: the split goes
//!   back to the first terminator it held and goes on as if the quote had not opened (quote
//!   marks are ignored up to where it had got to, so no byte is read more than twice);
//! - a sentence longer than [`MAX_SENTENCE`] bytes is cut at the last space before the bound
//!   (real news sentences are well under it; text with no punctuation at all is not).
//!
//! A full stop right before an Arabic-script word ends a sentence (`المدينة.وقال`) unless
//! it sits inside a spelled-out acronym (`إيه.آي`); a line break inside an English sentence (a
//! lower-case word after it) does not.
//!
//! What it does not do: split on commas or `،`, or decide what a quote says (`claims`).

use crate::doc::Span;
use crate::normalize::{is_alphabetic, is_alphanumeric};

/// Abbreviations (lowercase, without the period) after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "sen", "rep", "st", "jr", "sr", "prof", "gov", "lt", "col", "capt",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "corp",
    "ltd", "co", "no", "vs", "etc", "approx", "dept", "est", "fig",
];

/// Longest quote, in bytes, that holds a sentence together; a quote open longer is stray.
pub const MAX_QUOTE: usize = 4096;

/// Longest sentence, in bytes; a longer one is cut at a space before this bound.
pub const MAX_SENTENCE: usize = 8192;

/// Bytes that start a character [`split`] looks at (line breaks, quotes, apostrophes,
/// guillemets, terminators): ASCII ones, and the lead bytes of `« »` (C2), `؟` (D8), `۔` (DB) and
/// `“ ” U+2028 U+2029` (E2). Every other byte is skipped without decoding.
const INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    let bytes = b"\n\r\"'.!?\xC2\xD8\xDB\xE2";
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// Splits `text` into sentence spans (byte offsets, trimmed of surrounding whitespace).
pub fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut in_quote = false;
    let mut guillemets = 0usize;
    // Where the open quote (either kind) began, and the first terminator it held back.
    let mut quote_since: Option<usize> = None;
    let mut held: Option<usize> = None;
    // Quote marks before this byte were already read once and belonged to a stray quote.
    let mut ignore_quotes_until = 0usize;
    // A line that opens with a single quote (`'For a long time, … This is known,' said X`,
    // British style) holds its sentences together until a stop or comma closes it.
    let mut single = opens_single(text, 0);
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        if pos - start >= MAX_SENTENCE {
            let cut = cut_before(text, start, pos);
            push(text, &mut out, start, cut);
            start = cut;
            (in_quote, guillemets, quote_since, held, single) = (false, 0, None, None, false);
        }
        if let Some(q) = quote_since
            && pos - q > MAX_QUOTE
        {
            ignore_quotes_until = pos;
            (in_quote, guillemets, quote_since, single) = (false, 0, None, false);
            if let Some(t) = held.take() {
                pos = t;
            }
            continue;
        }
        // Continuation bytes are never interesting, so `pos` is a character boundary here.
        if let Some(n) = plain_len(bytes, pos) {
            // Skip the run of plain characters, as far as the next place the two bounds above
            // can be reached.
            let limit = (start + MAX_SENTENCE).min(quote_since.map_or(usize::MAX, |q| q + MAX_QUOTE + 1));
            pos += n;
            while pos < limit
                && let Some(n) = plain_len(bytes, pos)
            {
                pos += n;
            }
            continue;
        }
        let Some(c) = text[pos..].chars().next() else { break };
        let after = pos + c.len_utf8();
        match c {
            // A hard line break inside an English sentence (a word or comma before it, a
            // lower-case word after it) wraps the line; it does not end the sentence.
            '\n' if wraps_line(text, pos) => {}
            '\n' | '\r' | '\u{2029}' | '\u{2028}' => {
                push(text, &mut out, start, pos);
                start = after;
                (in_quote, guillemets, quote_since, held) = (false, 0, None, None);
                single = opens_single(text, after);
            }
            // `,'` / `,’` closes a line's single quote.
            '\'' | '’' if single && text[..pos].ends_with([',', ';']) => single = false,
            '"' | '“' | '”' | '«' | '»' if pos < ignore_quotes_until => {}
            '"' | '“' | '”' => in_quote = !in_quote,
            '«' => guillemets += 1,
            '»' => guillemets = guillemets.saturating_sub(1),
            '.' | '!' | '?' | '؟' | '۔'
                if (!in_quote && !single || closes_quote(text, after, single)) && guillemets == 0 =>
            {
                in_quote = false;
                single = false;
                (quote_since, held) = (None, None);
                if c == '.' && !ends_sentence(text, pos) {
                    pos = after;
                    continue;
                }
                // Take the run of terminators and closing marks that follows.
                let end = after
                    + text[after..]
                        .chars()
                        .take_while(|c| {
                            matches!(c, '.' | '!' | '?' | '؟' | ')' | ']' | '»' | '”' | '"' | '\'')
                        })
                        .map(char::len_utf8)
                        .sum::<usize>();
                push(text, &mut out, start, end);
                start = end;
                pos = end;
                continue;
            }
            '.' | '!' | '?' | '؟' | '۔' => {
                held.get_or_insert(pos);
            }
            _ => {}
        }
        if in_quote || guillemets > 0 || single {
            quote_since.get_or_insert(pos);
        } else {
            (quote_since, held) = (None, None);
        }
        pos = after;
    }
    push(text, &mut out, start, text.len());
    out
}

/// The bytes to skip at `pos` (a character boundary) when the character there is of no
/// interest to [`split`]; `None` at the end of the text or at a character it looks at.
#[inline]
fn plain_len(bytes: &[u8], pos: usize) -> Option<usize> {
    let b = *bytes.get(pos)?;
    if !INTERESTING[b as usize] {
        return Some(1);
    }
    // D8 and DB also lead most Arabic and Persian letters: only `؟` (D8 9F) and `۔` (DB 94)
    // matter.
    let second = bytes.get(pos + 1).copied();
    (b == 0xD8 && second != Some(0x9F) || b == 0xDB && second != Some(0x94)).then_some(2)
}

/// Whether the line break at byte `pos` wraps an English sentence: a letter, digit or comma
/// before it and a lower-case ASCII letter right after it.
fn wraps_line(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end_matches([' ', '\r']).chars().next_back();
    let after = text[pos + 1..].chars().next();
    before.is_some_and(|c| c.is_ascii_alphanumeric() || c == ',')
        && after.is_some_and(|c| c.is_ascii_lowercase())
}

/// Where to cut a sentence that has reached `pos` without ending: after the last space in
/// the 256 bytes before `pos`, else at the character boundary at or before `pos`.
fn cut_before(text: &str, start: usize, pos: usize) -> usize {
    let bytes = text.as_bytes();
    let floor = pos.saturating_sub(256).max(start + 1);
    if let Some(i) = (floor..pos).rev().find(|&i| bytes[i] == b' ' || bytes[i] == b'\t') {
        return i + 1;
    }
    let mut cut = pos;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

/// Whether the terminator that ends at byte `after` is the last thing inside a quote that
/// closes right after it and is followed by a space (`He said "go." Then…`); with a line's
/// single quote open, `'` and `’` close it too.
fn closes_quote(text: &str, after: usize, single: bool) -> bool {
    let mut next = text[after..].chars();
    let mark = next.next();
    (matches!(mark, Some('"' | '”' | '“')) || single && matches!(mark, Some('\'' | '’')))
        && next.next().is_none_or(char::is_whitespace)
}

/// Whether the line that starts at byte `at` opens with a single quote mark before a letter.
fn opens_single(text: &str, at: usize) -> bool {
    let mut rest = text[at..].trim_start_matches([' ', '\t']).chars();
    matches!(rest.next(), Some('\'' | '‘')) && rest.next().is_some_and(is_alphabetic)
}

/// Whether the period at byte `i` ends a sentence.
fn ends_sentence(text: &str, i: usize) -> bool {
    let prev = text[..i].chars().next_back();
    let next = text[i + 1..].chars().next();
    if prev.is_some_and(|c| c.is_ascii_digit()) && next.is_some_and(|c| c.is_ascii_digit()) {
        return false; // 03.11, 2.5
    }
    // `… المدينة.وقال`: a full stop right before an Arabic-script word still ends the
    // sentence, unless the word before it is a spelled-out letter of an acronym (`إيه.آي`).
    if next.is_some_and(crate::normalize::is_arabic_letter) {
        let prev_word = text[..i].chars().rev().take_while(|c| is_alphabetic(*c)).count();
        return prev_word >= 4;
    }
    if next.is_some_and(is_alphanumeric) {
        return false; // U.S. inner period, example.com
    }
    // The word before the period.
    let end = i;
    let word_start = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_alphabetic(c) || c == '.')
        .last()
        .map_or(end, |(p, _)| p);
    let word = &text[word_start..end];
    if word.contains('.') {
        return false; // U.S
    }
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        // A single capital is an initial after a capitalized word (`Merrick B. Garland`), a
        // name after a lower-case one (`wrote on X. The group …`).
        let before = text[..word_start].trim_end();
        let prev_word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        return prev_word.chars().next().is_some_and(char::is_lowercase);
    }
    !ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
}

fn push(text: &str, out: &mut Vec<Span>, start: usize, end: usize) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

/// The index of the sentence containing byte `pos` (the last sentence starting at or before it).
pub fn index_of(sentences: &[Span], pos: usize) -> usize {
    sentences.partition_point(|s| s.start <= pos).saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|s| &t[s.start..s.end]).collect()
    }

    #[test]
    fn splits_three_languages() {
        assert_eq!(texts("قال إنه جاء. ثم ذهب؟ نعم"), vec!["قال إنه جاء.", "ثم ذهب؟", "نعم"]);
        assert_eq!(texts("او گفت. وی رفت"), vec!["او گفت.", "وی رفت"]);
        assert_eq!(
            texts("The U.S. said so. Mr. Smith left on Nov. 5."),
            vec!["The U.S. said so.", "Mr. Smith left on Nov. 5."]
        );
        assert_eq!(
            texts("Merrick B. Garland spoke. The group wrote on X. It was late."),
            vec!["Merrick B. Garland spoke.", "The group wrote on X.", "It was late."]
        );
        assert_eq!(texts("في 03.11 قال\nسطر"), vec!["في 03.11 قال", "سطر"]);
        assert_eq!(
            texts("انقطعت الكهرباء في المدينة.وقال المحافظ"),
            vec!["انقطعت الكهرباء في المدينة.", "وقال المحافظ"]
        );
        assert_eq!(texts("نشرت شركة إف إيه.بي تقريرها"), vec!["نشرت شركة إف إيه.بي تقريرها"]);
        assert_eq!(
            texts("The agency said the hackers\nused stolen passwords.\nThen it left."),
            vec!["The agency said the hackers\nused stolen passwords.", "Then it left."]
        );
    }

    #[test]
    fn quotes_hold_sentences_together() {
        assert_eq!(texts("قال \"هذا. وذاك\" ثم مضى. بعد"), vec!["قال \"هذا. وذاك\" ثم مضى.", "بعد"]);
        assert_eq!(texts("گفت: «این. آن» رفت. بعد"), vec!["گفت: «این. آن» رفت.", "بعد"]);
        assert_eq!(texts("قال “هذا. وذاك“ ثم. بعد"), vec!["قال “هذا. وذاك“ ثم.", "بعد"]);
        assert_eq!(texts("He said \"go.\" Then left."), vec!["He said \"go.\"", "Then left."]);
        // A stray quote closes at the line break.
        assert_eq!(texts("قال \"هذا. وذاك\nجديد. آخر"), vec!["قال \"هذا. وذاك", "جديد.", "آخر"]);
    }

    #[test]
    fn a_line_opening_with_a_single_quote_holds_until_it_closes() {
        assert_eq!(
            texts("'It is false. This is known,' said Liu. It's over."),
            vec!["'It is false. This is known,' said Liu.", "It's over."]
        );
        assert_eq!(texts("'It is false.' He left. Then"), vec!["'It is false.'", "He left.", "Then"]);
        // An apostrophe inside a line opens nothing.
        assert_eq!(texts("The hackers' tools. It's over."), vec!["The hackers' tools.", "It's over."]);
        // A line break closes it.
        assert_eq!(
            texts("'Never closed. Really\nNext. Line"),
            vec!["'Never closed. Really", "Next.", "Line"]
        );
    }

    #[test]
    fn a_stray_quote_holds_only_a_bounded_stretch() {
        // One « that never closes, on one line with many sentences: once it has been open
        // for MAX_QUOTE bytes the split goes back to the first full stop it held.
        let body = "قال إنه جاء. ".repeat(2000);
        let t = format!("«{body}");
        let s = split(&t);
        assert!(s.len() > 1900, "{} sentences", s.len());
        assert_eq!(&t[s[0].start..s[0].end], "«قال إنه جاء.");
        assert!(s.iter().all(|x| x.len() <= MAX_QUOTE), "a sentence swallowed the quote");
        // Quotes that close stay whole, however many terminators they hold.
        let t = format!("قال \"{}\" ثم مضى. بعد", "هذا. ".repeat(50));
        assert_eq!(split(&t).len(), 2);
    }

    #[test]
    fn a_sentence_without_end_is_cut_at_a_space() {
        for t in ["كلمة ".repeat(10_000), "x".repeat(30_000), "word, ".repeat(5_000), "\" ".repeat(9_000)]
        {
            let s = split(&t);
            assert!(s.iter().all(|x| x.len() <= MAX_SENTENCE), "longest {:?}", s.iter().map(Span::len).max());
            // Nothing is lost: the sentences cover every non-space byte, in order.
            let joined: String = s.iter().map(|x| &t[x.start..x.end]).collect::<Vec<_>>().join("");
            assert_eq!(joined.replace(' ', ""), t.replace(' ', ""));
            if t.contains(' ') {
                assert!(
                    s.iter().all(|x| x.end == t.len() || t[x.end..].starts_with(' ')),
                    "cut inside a word"
                );
            }
        }
    }

    #[test]
    fn index_of_finds_sentence() {
        let t = "أ. ب. ج";
        let s = split(t);
        assert_eq!(index_of(&s, t.find('ج').unwrap()), 2);
        assert_eq!(index_of(&s, 0), 0);
    }
}
