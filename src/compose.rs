//! Bodies built from parts (SCHEMA §10 rule 14): a government body named by a head noun and
//! the country that identifies it is one GOV mention, in every form a language writes it.
//!
//! Reads the linked mentions and the lexicon hits, and returns the mentions with the pairs
//! joined:
//! - **a head and a country** (`body_head` words of `rules/lexicon_bodies.tsv`: `السفارة`,
//!   `نیروی دریایی`, `embassy`, `foreign ministry`) next to a GPE or NORP mention — after the
//!   head in Arabic and Persian (`السفارة الصينية`, `سفارت ایران`, `the embassy of China`),
//!   before it in English (`the Chinese embassy`, `China's embassy`) — become one GOV whose
//!   canonical name is the head's template filled with the country (`Embassy of {country}` →
//!   `Embassy of China`), its id derived from that name (SCHEMA §5);
//! - **a named body and a country** (`وزارت خزانه‌داری` + `آمریکا`, `U.S.` + `Treasury
//!   Department`, `مكتب التحقيقات الفدرالي` + `الأمريكي`) become one mention with the body's
//!   label. The id is the body's when the body is that country's (its home, from the gazetteer),
//!   else the same body of the other country where the gazetteer has one (`Ministry of Foreign
//!   Affairs (Iran)` + Russia → `Ministry of Foreign Affairs (Russia)`), else the head's template.
//!   A body of another country with no such counterpart is left alone (`البيت الأبيض روسيا`).
//!
//! Only spaces, `body_modifier` words between an Arabic or Persian head and its country
//! (`پلیس ملی ژاپن`), and in English a possessive `'s` may separate the parts: a comma, a quote mark
//! or a preposition (`السفارة الروسية في برلين`: `in Berlin` stays its own mention) ends a name.
//! An Arabic demonym joins only a head of its gender: `وزير الخارجية الروسي` is the Russian
//! minister of foreign affairs (masculine `الروسي` agrees with `وزير`, not with `الخارجية`).
//! A one-word ORG (a party adjective, `الديمقراطي`) joins nothing: `النظام الديمقراطي الأميركي`
//! is the American democratic system.
//!
//! What it does not do: choose among overlapping candidates (`link`), or decide a country's
//! government, army or intelligence services in general, which SCHEMA tags as the country.

use crate::claims::OrigHit;
use crate::doc::{Label, Lang, Mention, Span, entity_id};
use crate::gazetteer::Gazetteer;

/// How two parts of a name were joined, for the `source` column.
const SOURCE_HEAD: &str = "rule:compose_head";
const SOURCE_BODY: &str = "rule:compose_body";

/// Joins heads and bodies with the countries next to them; `hits` are the lexicon hits in the
/// original text, sorted by start. The result is sorted and disjoint, like `mentions`.
pub fn bodies(
    text: &str,
    lang: Lang,
    mentions: Vec<Mention>,
    hits: &[OrigHit],
    gazetteer: &Gazetteer,
) -> Vec<Mention> {
    let heads: Vec<&OrigHit> = hits.iter().filter(|h| h.kind == "body_head").collect();
    if heads.is_empty() && !mentions.iter().any(|m| is_body(m.label)) {
        return mentions;
    }
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    let mut used = vec![false; mentions.len()];
    // Head words that no mention covers become bodies of their own; so do heads longer than
    // the rule mentions inside them (`وزارة الاتصالات وتقنية المعلومات` over a pattern's
    // `وزارة الاتصالات`), which they swallow.
    let mut head_bodies: Vec<(Span, &OrigHit)> = Vec::new();
    let mut swallowed: Vec<(Span, usize)> = Vec::new();
    for h in &heads {
        let first = mentions.partition_point(|m| m.span.end <= h.span.start);
        let inside: Vec<usize> =
            (first..mentions.len()).take_while(|&i| mentions[i].span.start < h.span.end).collect();
        // Also an organization named inside the head (`mission to the United Nations`).
        let shorter_rule_mention = |i: &usize| {
            let m = &mentions[*i];
            (m.entity_id.starts_with('~') || m.label == Label::Org)
                && h.span.contains(&m.span)
                && m.span != h.span
        };
        if inside.iter().all(shorter_rule_mention) {
            swallowed.extend(inside.into_iter().map(|i| (h.span, i)));
            head_bodies.push((h.span, h));
        }
    }
    // Candidate joins, in text order: (body part, country mention index, template).
    let mut joins: Vec<Join> = Vec::new();
    for (span, h) in head_bodies {
        // `الزوارق البحرية الكندية` ("Canadian naval boats"): a one-word head after a
        // definite noun is that noun's adjective, not a body.
        if lang == Lang::Ar && adjective_after_noun(text, span) {
            continue;
        }
        if let Some(c) = country_next_to(text, lang, &mentions, span, hits)
            && agrees(lang, &text[span.start..span.end], &mentions[c], text)
        {
            joins.push(Join { part: Part::Head(span, h), country: c });
        }
    }
    for (i, m) in mentions.iter().enumerate() {
        let surface = &text[m.span.start..m.span.end];
        if is_body(m.label)
            && (m.label == Label::Gov || surface.trim().contains(' '))
            && let Some(c) = country_next_to(text, lang, &mentions, m.span, hits)
            && agrees(lang, surface, &mentions[c], text)
        {
            joins.push(Join { part: Part::Body(i), country: c });
        }
    }
    joins.sort_by_key(|j| j.part.span(&mentions).start);
    let mut taken = crate::doc::DisjointSpans::new();
    let mut made: Vec<Mention> = Vec::new();
    for j in joins {
        let c = &mentions[j.country];
        let part_span = j.part.span(&mentions);
        let span = Span::new(part_span.start.min(c.span.start), part_span.end.max(c.span.end));
        if used[j.country] || matches!(j.part, Part::Body(b) if used[b]) {
            continue;
        }
        let Some((label, id, canonical, source)) = resolve(text, &j.part, c, &mentions, hits, gazetteer)
        else {
            continue;
        };
        if !taken.insert_if_free(span.start, span.end) {
            continue;
        }
        used[j.country] = true;
        match j.part {
            Part::Body(b) => used[b] = true,
            Part::Head(head, _) => {
                for &(_, i) in swallowed.iter().filter(|(s, _)| *s == head) {
                    used[i] = true;
                }
            }
        }
        made.push(Mention {
            span,
            label,
            entity_id: id,
            canonical,
            source: source.to_string(),
            alias: String::new(),
            sentence: mentions[j.country].sentence.min(match j.part {
                Part::Body(b) => mentions[b].sentence,
                Part::Head(..) => mentions[j.country].sentence,
            }),
        });
    }
    let mut made = made.into_iter().peekable();
    for (i, m) in mentions.into_iter().enumerate() {
        while made.peek().is_some_and(|n| n.span.start <= m.span.start) {
            out.extend(made.next());
        }
        if !used[i] {
            out.push(m);
        }
    }
    out.extend(made);
    out
}

/// An embassy named by its country alone (`China's embassy`, `السفارة الروسية`) followed by
/// the city it is in (`… in Washington`, `… في لندن`, `… در تیرانا`) is that city's embassy
/// (`Embassy of China, Washington, D.C.`, the English Wikipedia title's shape), and so is every
/// other mention of the same embassy in the document, when the document names one city for it.
pub fn hosts(text: &str, mentions: &mut [Mention], gazetteer: &Gazetteer) {
    const EMBASSY: &str = "Embassy of ";
    // embassy id → the host city's (id, canonical), `None` once two cities disagree.
    let mut found: Vec<(String, Option<(String, String)>)> = Vec::new();
    for k in 0..mentions.len().saturating_sub(1) {
        let (m, next) = (&mentions[k], &mentions[k + 1]);
        if m.label != Label::Gov || !m.canonical.starts_with(EMBASSY) || m.canonical.contains(',') {
            continue;
        }
        let gap = &text[m.span.end..next.span.start];
        let in_city = matches!(gap, " in " | " في " | " لدى " | " در " | " at ")
            || gap == " " && text[next.span.start..].starts_with('ب');
        if next.label != Label::Gpe
            || !in_city
            || next.canonical.is_empty()
            || gazetteer.is_nation(&next.entity_id)
        {
            continue;
        }
        let host = (next.entity_id.clone(), next.canonical.clone());
        match found.iter_mut().find(|(id, _)| *id == m.entity_id) {
            Some((_, h)) if h.as_ref().is_some_and(|h| h.0 != host.0) => *h = None,
            Some(_) => {}
            None => found.push((m.entity_id.clone(), Some(host))),
        }
    }
    for (embassy, host) in found {
        let Some((_, city)) = host else { continue };
        for m in mentions.iter_mut().filter(|m| m.entity_id == embassy) {
            m.canonical = format!("{}, {city}", m.canonical);
            m.entity_id = entity_id(&m.canonical);
        }
    }
}

/// The body part of a join: a head word no mention covers, or a body mention.
enum Part<'h> {
    Head(Span, &'h OrigHit),
    Body(usize),
}

impl Part<'_> {
    fn span(&self, mentions: &[Mention]) -> Span {
        match self {
            Part::Head(s, _) => *s,
            Part::Body(i) => mentions[*i].span,
        }
    }
}

struct Join<'h> {
    part: Part<'h>,
    country: usize,
}

fn is_body(l: Label) -> bool {
    matches!(l, Label::Gov | Label::Org)
}

fn is_country(l: Label) -> bool {
    matches!(l, Label::Gpe | Label::Norp)
}

/// The label, id, canonical name and source of a joined body, or `None` when the parts do not
/// make one name.
fn resolve(
    text: &str,
    part: &Part<'_>,
    country: &Mention,
    mentions: &[Mention],
    hits: &[OrigHit],
    gazetteer: &Gazetteer,
) -> Option<(Label, String, String, &'static str)> {
    // A capital standing for its country's government (`Beijing's foreign ministry`, `وزارة
    // خارجية طهران`) names that country's body (SCHEMA §10 rule 14): `capital` words of
    // `rules/lexicon_bodies.tsv` give the country.
    let country_name = if matches!(country.label, Label::Gpe) && !gazetteer.is_nation(&country.entity_id) {
        hits.iter()
            .skip(hits.partition_point(|h| h.span.start < country.span.start))
            .take_while(|h| h.span.start < country.span.end)
            .find(|h| h.kind == "capital" && h.span.end == country.span.end)
            .map_or(country.canonical.as_str(), |h| &*h.value)
    } else {
        country.canonical.as_str()
    };
    let from_template = |template: &str| {
        let canonical = template.replace("{country}", country_name);
        (Label::Gov, entity_id(&canonical), canonical, SOURCE_HEAD)
    };
    match part {
        Part::Head(_, h) => Some(from_template(&h.value)),
        Part::Body(b) => {
            let body = &mentions[*b];
            if let Some((id, canonical)) = gazetteer.relink(&body.entity_id, &country.entity_id) {
                return Some((body.label, id.to_string(), canonical.to_string(), SOURCE_BODY));
            }
            // A head word with the body's span (`وزارة العدل` read as one country's ministry
            // by default), or followed only by modifiers (`پلیس ملی`), names the other
            // country's body through its template; so does a rule's body (`~` id) with a head.
            let head = || {
                hits.iter()
                    .skip(hits.partition_point(|h| h.span.start < body.span.start))
                    .take_while(|h| h.span.start == body.span.start)
                    .find(|h| {
                        h.kind == "body_head"
                            && (h.span == body.span
                                || h.span.end < body.span.end
                                    && only_modifiers(text, hits, Span::new(h.span.end, body.span.end)))
                    })
            };
            let home = gazetteer.home(&body.entity_id);
            let rule_body_with_head = body.entity_id.starts_with('~') && head().is_some();
            if home.contains(&country.entity_id)
                || home.is_empty() && body.label == Label::Gov && !rule_body_with_head
            {
                return Some((body.label, body.entity_id.clone(), body.canonical.clone(), SOURCE_BODY));
            }
            Some(from_template(&head()?.value))
        }
    }
}

/// The GPE or NORP mention that completes a body at `span`: right after it in Arabic and
/// Persian; right before it in English (`Chinese embassy`, `China's embassy`), or after `of`
/// (`the embassy of China`).
fn country_next_to(
    text: &str,
    lang: Lang,
    mentions: &[Mention],
    span: Span,
    hits: &[OrigHit],
) -> Option<usize> {
    let after = mentions.partition_point(|m| m.span.start < span.end);
    if lang == Lang::En {
        let before = mentions.partition_point(|m| m.span.end <= span.start).checked_sub(1);
        if let Some(i) = before
            && is_country(mentions[i].label)
            && english_prefix_gap(&text[mentions[i].span.end..span.start])
        {
            return Some(i);
        }
        let m = mentions.get(after)?;
        let gap = &text[span.end..m.span.start];
        return (is_country(m.label) && gap.trim().eq_ignore_ascii_case("of") && gap.starts_with(' '))
            .then_some(after);
    }
    let m = mentions.get(after)?;
    (is_country(m.label)
        && only_modifiers(text, hits, Span::new(span.end, m.span.start))
        && !has_proclitic(text, m))
    .then_some(after)
}

/// Whether the gap between an Arabic or Persian body and its country holds only spaces and
/// `body_modifier` words (`پلیس ملی ژاپن`, `الشرطة الوطنية اليابانية`), or ends with one.
fn only_modifiers(text: &str, hits: &[OrigHit], gap: Span) -> bool {
    let mut at = gap.start;
    let first = hits.partition_point(|h| h.span.start < gap.start);
    for h in hits[first..].iter().take_while(|h| h.span.end <= gap.end) {
        if h.kind == "body_modifier" && h.span.start >= at && only_spaces(&text[at..h.span.start]) {
            at = h.span.end;
        }
    }
    at > gap.start && at == gap.end || only_spaces(&text[at..gap.end])
}

/// Whether an Arabic-script country mention carries a proclitic its alias does not start with
/// (`لأمريكا`, `وإيران`, `بروسيا`): a preposition or a conjunction, so not the body's country.
fn has_proclitic(text: &str, m: &Mention) -> bool {
    let first = text[m.span.start..].chars().next();
    let alias_first = crate::normalize::normalize_str(&m.alias).chars().next();
    matches!(first, Some('و' | 'ف' | 'ب' | 'ل' | 'ك'))
        && first.map(|c| crate::normalize::normalize_str(&c.to_string())).as_deref()
            != alias_first.map(|c| c.to_string()).as_deref()
}

/// Whether an Arabic demonym agrees in gender with the body it would complete: the body's
/// first word (`وزارة`, `القوات` feminine; `مكتب`, `مجلس` masculine) and the demonym's ending
/// (`الروسية` feminine, `الروسي` masculine). Countries (genitive: `وزارة خارجية إيران`) and other
/// languages always agree.
fn agrees(lang: Lang, body: &str, country: &Mention, text: &str) -> bool {
    if lang != Lang::Ar || country.label != Label::Norp {
        return true;
    }
    let letters = |w: &str| w.chars().filter(|c| c.is_alphabetic()).collect::<String>();
    let first = letters(body.split_whitespace().next().unwrap_or(""));
    let feminine_body = first.ends_with('ة') || first.ends_with("ات");
    let adjective = letters(&text[country.span.start..country.span.end]);
    let feminine_adjective = adjective.ends_with('ة');
    let masculine_adjective =
        adjective.ends_with('ي') || adjective.ends_with("ين") || adjective.ends_with("ون");
    if feminine_body { feminine_adjective } else { masculine_adjective }
}

/// Whether the one-word Arabic head at `span` (`البحرية`) follows a definite noun (`القطع`).
fn adjective_after_noun(text: &str, span: Span) -> bool {
    let head = &text[span.start..span.end];
    // A conjunction before the head opens a new conjunct (`السفارة الصينية والحكومة
    // الإيرانية`): a noun, not the adjective of the word before.
    if head.contains(' ') || head.starts_with("وال") || head.starts_with("فال") {
        return false;
    }
    let Some(before) = text[..span.start].strip_suffix(' ') else { return false };
    let prev = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let bare = prev.strip_prefix(['و', 'ف', 'ب', 'ل', 'ك']).filter(|p| p.starts_with("ال")).unwrap_or(prev);
    bare.starts_with("ال") && bare.chars().count() > 3
}

/// Joins what SCHEMA writes as one span but the gazetteer and the rules find in pieces:
/// a weekday and its date (`شنبه ۳ دی`, `الأحد، 9 يناير 2022`), a month named in two
/// calendars (`يونيو حزيران`, `مارس/ آذار`), an amount and its currency's country (`700 مليون دولار
/// أسترالي`), and a name with the descriptor inside its quote marks (`“مجموعة النسر الرمادي”`, rule
/// 13). An Arabic feminine demonym after a definite noun or a quoted name (`شركة الغاز
/// السعودية`) is the adjective, NORP, not the country.
pub fn pieces(text: &str, lang: Lang, mentions: Vec<Mention>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for mut m in mentions {
        if let Some(prev) = out.last_mut() {
            let gap = &text[prev.span.end..m.span.start];
            let weekday = prev.label == Label::Date && prev.source == "rule:date_weekday";
            let month_pair = prev.label == Label::Date
                && m.label == Label::Date
                && prev.source == "rule:date_month"
                && m.source == "rule:date_month";
            let joined = if m.label == Label::Date && weekday && matches!(gap, " " | "، " | ", " | "\u{200c}")
            {
                prev.canonical = m.canonical.clone();
                true
            } else if month_pair && matches!(gap, " " | "/" | "/ " | " / ") {
                true
            } else {
                prev.label == Label::Money
                    && m.label == Label::Norp
                    && lang != Lang::En
                    && gap == " "
                    && text[prev.span.start..prev.span.end]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphabetic)
            };
            if joined {
                prev.span = Span::new(prev.span.start, m.span.end);
                continue;
            }
        }
        if lang == Lang::Ar && m.label == Label::Gpe && is_demonym_after_noun(text, &m) {
            m.label = Label::Norp;
        }
        out.push(m);
    }
    for m in &mut out {
        widen_to_quotes(text, m);
    }
    out
}

/// An Arabic GPE written like a feminine demonym (`السعودية`) right after a definite noun or a
/// closing quote is the adjective.
fn is_demonym_after_noun(text: &str, m: &Mention) -> bool {
    let surface = &text[m.span.start..m.span.end];
    if !(surface.starts_with("ال") && (surface.ends_with("ية") || surface.ends_with("يه"))) {
        return false;
    }
    let Some(before) = text[..m.span.start].strip_suffix(' ') else { return false };
    if before.ends_with(['"', '»', '”']) {
        return true;
    }
    let prev = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    let bare = prev.strip_prefix(['و', 'ف', 'ب', 'ل', 'ك']).filter(|p| p.starts_with("ال")).unwrap_or(prev);
    bare.starts_with("ال") && bare.chars().count() > 3
}

/// `“مجموعة النسر الرمادي”`: a mention whose quote marks also hold one descriptor word before it
/// (and nothing else) spans the whole quoted name.
fn widen_to_quotes(text: &str, m: &mut Mention) {
    if !matches!(m.label, Label::ThreatActor | Label::Org | Label::Gov) {
        return;
    }
    let Some(close) = text[m.span.end..].chars().next().filter(|c| matches!(c, '"' | '”' | '»')) else {
        return;
    };
    let Some(before) = text[..m.span.start].strip_suffix(' ') else { return };
    let word_start = before.trim_end_matches(|c: char| c.is_alphabetic()).len();
    let word = &before[word_start..];
    let open = before[..word_start].chars().next_back();
    let pairs =
        matches!((open, close), (Some('"'), '"') | (Some('“'), '”') | (Some('”'), '”') | (Some('«'), '»'));
    if pairs && !word.is_empty() && word.chars().count() <= 8 {
        m.span = Span::new(word_start, m.span.end);
    }
}

/// Whether `gap` holds nothing but spaces and the invisible marks writers put between words.
fn only_spaces(gap: &str) -> bool {
    !gap.is_empty()
        && gap.chars().all(|c| matches!(c, ' ' | '\t' | '\u{a0}' | '\u{200c}' | '\u{200e}' | '\u{200f}'))
}

/// Whether an English country and the body after it are one name: a space, or a possessive.
fn english_prefix_gap(gap: &str) -> bool {
    gap == " " || gap == "'s " || gap == "’s "
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_that_join_and_gaps_that_do_not() {
        assert!(only_spaces(" "));
        assert!(only_spaces("\u{200c}"));
        assert!(only_spaces(" \u{200f}"));
        assert!(!only_spaces(""));
        assert!(!only_spaces("، "));
        assert!(!only_spaces(" في "));
        assert!(english_prefix_gap("'s "));
        assert!(english_prefix_gap(" "));
        assert!(!english_prefix_gap(", "));
        assert!(!english_prefix_gap(" and "));
    }
}
