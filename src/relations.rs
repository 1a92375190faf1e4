//! Relations between linked mentions (SCHEMA §7).
//!
//! - **ROLE**: a role title (`role_title` words: `المتحدث باسم`, `وزير`, `سخنگوی`, `معاون`,
//!   `spokesman`) next to a PERSON — before the name (`الناطق باسم الخارجية الإيرانية سعيد خطيب
//!   زاده`) or after it (`تام برت، معاون مایکروسافت`) — gives PERSON → the first body named in
//!   the title (GOV/ORG before GPE/NORP); `detail` is the title as written.
//! - **AFFILIATED_WITH**: a tie word (`المرتبطين`, `مورد حمایت`, `linked to`) between a
//!   THREAT_ACTOR and the body after it.
//! - **TARGETED**: the attack predicates of [`crate::frames::predicates`] (verbal and nominal,
//!   with their attacker and target slots), one relation per attacker and target.
//! - **ACCUSES / DENIES**, derived from claims: an ACCUSE claim's speaker accuses the entities
//!   its content names (not the victims: `الانتخابات الأميركية`); a DENY claim's speaker
//!   denies the owner its sentence names (next to or through a marker after the accusation
//!   noun), else the speaker of the accusation it answers (`responds_to`: the document's main
//!   accuser when answered, else the nearest), else, when it names the accusation (`این
//!   ادعا`, `these claims`), the last accuser before it; never its own side, and no one when
//!   none is found (SCHEMA §10 rule 5). Attackers are never the bodies that report the attack (`the
//!   FBI and CISA said`).
//!
//! What it does not do: find claims (`claims`).

use std::collections::BTreeMap;

use crate::claims::Context;
use crate::doc::{Claim, Label, Lang, Relation, Span, Stance};
use crate::sentences;

fn rel(
    predicate: &'static str,
    subject: usize,
    object: usize,
    detail: String,
    sentence: usize,
    rule: &str,
) -> Relation {
    Relation { predicate, subject, object, detail, sentence, rule: rule.to_string() }
}

fn is_body(l: Label) -> bool {
    matches!(l, Label::Gov | Label::Org)
}

/// The first body among `idx`: a GOV/ORG, else a GPE/NORP. A host the title holder is posted
/// to (`سفير إيران لدى الأمم المتحدة`, `Iran's ambassador to the UN`) is not the body,
/// when another is named.
fn first_body(cx: &Context<'_>, idx: &[usize]) -> Option<usize> {
    let hosted: Vec<usize> = idx.iter().copied().filter(|&i| !posted_to(cx, i)).collect();
    let idx = if hosted.is_empty() { idx } else { &hosted };
    idx.iter()
        .copied()
        .find(|&i| is_body(cx.mentions[i].label))
        .or_else(|| idx.iter().copied().find(|&i| matches!(cx.mentions[i].label, Label::Gpe | Label::Norp)))
}

/// Whether mention `i` follows a word that names where a title holder is posted (`لدى`, `نزد`,
/// `to`).
fn posted_to(cx: &Context<'_>, i: usize) -> bool {
    let at = cx.mentions[i].span.start;
    let from = cx.text.floor_char_boundary(at.saturating_sub(16));
    let before = cx.text[from..at].trim_end().to_lowercase();
    ["لدى", "نزد", "to", "to the"]
        .iter()
        .any(|w| before.strip_suffix(w).is_some_and(|r| r.is_empty() || r.ends_with(char::is_whitespace)))
}

/// The PERSON set off by a comma right after a title phrase ending at `end` (`الرئيس التنفيذي
/// لشركة X، Y،`, `وزير البحرية الأمريكية، Y`): the name the title describes.
fn apposed_person(cx: &Context<'_>, end: usize, limit: usize) -> Option<usize> {
    let rest = cx.text.get(end..limit)?;
    let after_comma = rest.strip_prefix(['،', ','])?;
    let at = end + (rest.len() - after_comma.len()) + (after_comma.len() - after_comma.trim_start().len());
    let i = cx.mentions.partition_point(|m| m.span.start < at);
    (i < cx.mentions.len() && cx.mentions[i].span.start == at && cx.mentions[i].label == Label::Person)
        .then_some(i)
}

/// The body a title before a name refers back to when it names none itself: a title with a
/// possessive pronoun (`المتحدثة باسمها`, `its spokesman`) → the nearest body named before it
/// in its sentence; a definite body noun after the title (`رئيس قسم الابتكار بالشركة X`, `the
/// company's director X`, `مدیر این شرکت`) → the body of the noun's kind named most often
/// before it, the first on a tie (SCHEMA §10 rule 1: the text makes them one).
fn anaphoric_body(cx: &Context<'_>, title: Span, person: usize, si: usize) -> Option<usize> {
    let words = &cx.text[title.start..title.end];
    let possessive = ["باسمه", "باسمها", "باسمهم"].iter().any(|p| words.ends_with(p))
        || cx.lang == Lang::En
            && cx.text[cx.text.floor_char_boundary(title.start.saturating_sub(16))..title.start]
                .trim_end()
                .to_lowercase()
                .ends_with(" its");
    // The noun after the title, or right before it (`the company's vice president X`).
    let noun = cx.hits_in(title.start.saturating_sub(24), cx.mentions[person].span.start).iter().find(|h| {
        h.kind == "body_noun"
            && h.span.end <= cx.mentions[person].span.start
            && (h.span.start >= title.end
                || h.span.end <= title.start && !cx.more_words_than(h.span.end, title.start, 1))
            && (h.value.contains("ORG") || h.value.contains("GOV"))
    });
    let wanted = |l: Label| match noun {
        Some(h) => h.value.split('|').any(|v| v == l.as_str()) && is_body(l),
        None => is_body(l),
    };
    if !possessive && noun.is_none() {
        return None;
    }
    let before = |i: usize| cx.mentions[i].span.end <= title.start && wanted(cx.mentions[i].label);
    if possessive {
        return cx.starting_in(cx.sentences[si].start, title.start).rev().find(|&i| before(i));
    }
    // `الشركة` is the company the article is about: the body of that kind named most often
    // before the title, the first named on a tie (the lead's), never a dateline's outlet or a
    // byline's (a line of a few words).
    // A line of five words is short: its ends are near (the document may be one long line).
    let byline = |i: usize| {
        let at = cx.mentions[i].span.start;
        let line = crate::frames::context::line_start_within(cx.text, at, BYLINE_REACH)
            .zip(crate::frames::context::line_end_within(cx.text, at, BYLINE_REACH));
        line.is_some_and(|(from, to)| !cx.more_words_than(from, to, 5))
            || crate::frames::predicates::in_dateline(cx, i)
    };
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    // The article the title is in: the bodies named in the stretch of text before it.
    let from = title.start.saturating_sub(ARTICLE_REACH);
    for i in cx.starting_in(from, title.start).filter(|&i| before(i) && !byline(i)) {
        counts.entry(cx.mentions[i].entity_id.as_str()).or_insert((0, i)).0 += 1;
    }
    counts.values().max_by_key(|&&(n, i)| (n, std::cmp::Reverse(i))).map(|&(_, i)| i)
}

/// How far (bytes) a byline's line may reach from a mention in it.
const BYLINE_REACH: usize = 400;

/// How far back (bytes) a description looks for the bodies of its article.
const ARTICLE_REACH: usize = 64 * 1024;

/// ROLE relations from titles next to people.
pub fn roles(cx: &Context<'_>) -> Vec<Relation> {
    let mut out: Vec<Relation> = Vec::new();
    let mut pairs = std::collections::HashSet::new();
    for h in cx.hits.iter().filter(|h| h.kind == "role_title") {
        let si = sentences::index_of(cx.sentences, h.span.start);
        let Some(&sent) = cx.sentences.get(si) else { continue };
        // Name before the title: `PERSON TITLE body`, `PERSON، TITLE body`, or an apposition
        // with the body first (`Tom Burt, Microsoft's corporate vice president`).
        let before = cx.starting_in(sent.start, h.span.start).rev().find(|&i| {
            let m = &cx.mentions[i];
            let between = &cx.text[m.span.end.min(h.span.start)..h.span.start];
            m.span.end <= h.span.start
                && m.span.start >= sent.start
                && m.label == Label::Person
                && (between.chars().all(|c| c.is_whitespace() || matches!(c, '،' | ',' | '»' | '”' | '"'))
                    || between.trim_start().starts_with([',', '،'])
                        && cx.words_between(m.span.end, h.span.start) <= 3
                        && !between.contains(['.', ':', '"', '«', '“']))
        });
        let body_end = cx.phrase_end(h.span.end, sent.end);
        let (person, body, detail_span) = match before {
            Some(p) => {
                let from = cx.mentions[p].span.end;
                let body = cx.mentions_in(from, body_end);
                (p, body, Span::new(h.span.start, body_end))
            }
            None => {
                // Title before the name: the first PERSON within reach, with the body between.
                let mut after = cx.mentions_in(h.span.end, body_end);
                if !after.iter().any(|&i| cx.mentions[i].label == Label::Person) {
                    after.extend(apposed_person(cx, body_end, sent.end));
                }
                let Some(pos) = after.iter().position(|&i| cx.mentions[i].label == Label::Person) else {
                    continue;
                };
                let p = after[pos];
                let mut body = after[..pos].to_vec();
                if body.iter().all(|&i| posted_to(cx, i)) && cx.lang == Lang::En {
                    // English puts the body before the title: `Kremlin spokesman Dmitry Peskov`,
                    // `Russian Foreign Minister Sergei Lavrov`.
                    body.extend(cx.starting_in(sent.start, h.span.start).rev().find(|&i| {
                        let m = &cx.mentions[i];
                        m.span.end <= h.span.start
                            && cx.words_between(m.span.end, h.span.start) <= 1
                            && !cx.text[m.span.end..h.span.start].contains([',', '،', '.'])
                    }));
                }
                if body.is_empty() {
                    body.extend(anaphoric_body(cx, h.span, p, si));
                }
                (p, body, Span::new(h.span.start, cx.mentions[p].span.start))
            }
        };
        let Some(org) = first_body(cx, &body) else { continue };
        let detail = cx.text[detail_span.start..detail_span.end]
            .trim()
            .trim_end_matches(['،', ','])
            .trim()
            .to_string();
        // People coordinated after the named one share the title (`بعض قادة الحزب أمثال X
        // وY وZ`, `the party's leaders X and Y`).
        let mut people = vec![person];
        while let Some(&last) = people.last() {
            let next = last + 1;
            let joined = next < cx.mentions.len()
                && cx.mentions[next].label == Label::Person
                && cx.mentions[next].span.end <= sent.end
                && cx.text[cx.mentions[last].span.end..cx.mentions[next].span.start]
                    .split(|c: char| c.is_whitespace() || matches!(c, ',' | '،'))
                    .all(|w| w.is_empty() || matches!(w, "و" | "and"));
            if !joined || before.is_some() {
                break;
            }
            people.push(next);
        }
        for p in people {
            if pairs.insert((p, org)) {
                out.push(rel("ROLE", p, org, detail.clone(), si, "role:title"));
            }
        }
    }
    out
}

/// Words after a nationality that make a group its state's opponents (`جماعة إيرانية
/// معارضة`, `an Iranian opposition group`): no tie.
const OPPOSITION: &[&str] = &["معارضة", "معارض", "المعارضة", "opposition", "dissident", "مخالف", "اپوزیسیون"];

fn opposed(cx: &Context<'_>, m: &crate::doc::Mention) -> bool {
    let next = cx.text[m.span.end..].split_whitespace().next().unwrap_or("");
    OPPOSITION.iter().any(|w| next.trim_matches(|c: char| !c.is_alphanumeric()).eq_ignore_ascii_case(w))
}

/// English compound ties before a group (`Kremlin-backed 'Doppelganger'`, `a Russian
/// government-directed campaign known as Doppelganger`, `Chinese state-sponsored hackers`): the
/// state or body right before the compound → the first threat actor after it in its clause.
fn compound_ties(cx: &Context<'_>) -> Vec<Relation> {
    const COMPOUNDS: [&str; 6] = ["-backed", "-directed", "-sponsored", "-linked", "-aligned", "-affiliated"];
    let mut out = Vec::new();
    if cx.lang != Lang::En {
        return out;
    }
    for (o, m) in cx.mentions.iter().enumerate() {
        if !matches!(m.label, Label::Gov | Label::Gpe | Label::Norp) {
            continue;
        }
        let rest = &cx.text[m.span.end..];
        // `Russian government-directed`: a government or state word between.
        let rest = ["government", "state"]
            .iter()
            .find_map(|w| rest.strip_prefix(' ').and_then(|r| r.strip_prefix(w)))
            .unwrap_or(rest);
        if !COMPOUNDS.iter().any(|c| rest.starts_with(c)) {
            continue;
        }
        let si = sentences::index_of(cx.sentences, m.span.start);
        let Some(&sent) = cx.sentences.get(si) else { continue };
        let actor = cx.starting_in(m.span.end, sent.end).find(|&i| {
            let a = &cx.mentions[i];
            a.label == Label::ThreatActor
                && !cx.more_words_than(m.span.end, a.span.start, 10)
                && !cx.text[m.span.end..a.span.start].contains([',', '،', '.', ';', ':', '(', ')'])
        });
        if let Some(a) = actor {
            out.push(rel("AFFILIATED_WITH", a, o, String::new(), si, "tie:compound"));
        }
    }
    out
}

/// ROLE relations of speakers named before and described by a title at their cue
/// (`وحذر المتحدث باسم الخارجية الإيرانية من …` after the spokesman was named, `the
/// company's director added`): the claim's speaker, a person, → the body the title names,
/// when no person is named in the title phrase (SCHEMA §10 rule 1, title apart from name).
pub fn speaker_roles(cx: &Context<'_>, claims: &[Claim]) -> Vec<Relation> {
    let mut out = Vec::new();
    for c in claims {
        let Some(s) = c.speaker.filter(|&s| cx.mentions[s].label == Label::Person) else { continue };
        let Some(&sent) = cx.sentences.get(c.sentence) else { continue };
        // The title right after the cue (VSO) or right before it (`the spokesman said`).
        let title = cx.hits_in(sent.start, sent.end).iter().find(|h| {
            h.kind == "role_title"
                && (h.span.start >= c.cue.end && !cx.more_words_than(c.cue.end, h.span.start, 0)
                    || h.span.end <= c.cue.start && cx.phrase_end(h.span.end, c.cue.start) == c.cue.start)
        });
        let Some(h) = title else { continue };
        let limit = if h.span.start >= c.cue.end { sent.end } else { c.cue.start };
        let end = cx.phrase_end(h.span.end, limit);
        let inside = cx.mentions_in(h.span.end, end);
        if inside.iter().any(|&i| cx.mentions[i].label == Label::Person) {
            continue;
        }
        if let Some(o) = first_body(cx, &inside) {
            let detail = cx.text[h.span.start..end].trim().to_string();
            out.push(rel("ROLE", s, o, detail, c.sentence, "role:speaker"));
        }
    }
    out
}

/// Ties given to hackers before the group is named (SCHEMA §10 rule 2: `a group linked to
/// Israel … Gonjeshke Darande said`, `state-backed Chinese hackers … the APT40 group`): in a
/// sentence that names no threat actor, the first group noun (`group_noun`) with a tie word right
/// after it (`a group linked to X`, `مجموعة مرتبطة بـX`) or a nationality right before or after it
/// (`Chinese hackers`, `قراصنة روس`, `هکرهای روسی`) gives its state or body to the first threat
/// actor named in the next sentence.
fn described_before_named(cx: &Context<'_>) -> Vec<Relation> {
    let mut out = Vec::new();
    for (si, sent) in cx.sentences.iter().enumerate() {
        let Some(next) = cx.sentences.get(si + 1) else { break };
        if cx.starting_in(sent.start, sent.end).any(|i| cx.mentions[i].label == Label::ThreatActor) {
            continue;
        }
        let Some(actor) =
            cx.starting_in(next.start, next.end).find(|&i| cx.mentions[i].label == Label::ThreatActor)
        else {
            continue;
        };
        let sponsor =
            cx.hits_in(sent.start, sent.end).iter().filter(|g| g.kind == "group_noun").find_map(|g| {
                let tie = cx
                    .hits_in(g.span.end, sent.end)
                    .iter()
                    .find(|t| t.kind == "tie" && !cx.more_words_than(g.span.end, t.span.start, 0));
                if let Some(t) = tie {
                    let end = cx.phrase_end(t.span.end, sent.end);
                    return cx.mentions_in(t.span.end, end).into_iter().find(|&i| {
                        matches!(cx.mentions[i].label, Label::Gov | Label::Gpe | Label::Norp | Label::Org)
                    });
                }
                // A nationality next to the noun, nothing but spaces between.
                cx.mentions_in(g.span.start.saturating_sub(64), (g.span.end + 64).min(sent.end))
                    .into_iter()
                    .find(|&i| {
                        let m = &cx.mentions[i];
                        let between = if m.span.end <= g.span.start {
                            &cx.text[m.span.end..g.span.start]
                        } else if m.span.start >= g.span.end {
                            &cx.text[g.span.end..m.span.start]
                        } else {
                            "-"
                        };
                        m.label == Label::Norp
                            && m.span.start >= sent.start
                            && between.trim().is_empty()
                            && !opposed(cx, m)
                    })
            });
        if let Some(o) = sponsor {
            out.push(rel("AFFILIATED_WITH", actor, o, String::new(), si + 1, "tie:described"));
        }
    }
    out
}

/// Threat actor `a` and the actors named together with it before it (`مجموعتي "X" و"Y"
/// المرتبطتين بـ…`, `APT28 and APT29, both tied to …`): a tie after the last holds for each.
fn coordinated_actors(cx: &Context<'_>, a: usize) -> Vec<usize> {
    let joined = |x: usize, y: usize| {
        cx.text[cx.mentions[x].span.end..cx.mentions[y].span.start]
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '،'))
            .map(|w| w.trim_matches(|c: char| matches!(c, '"' | '«' | '»' | '“' | '”')))
            .all(|w| w.is_empty() || matches!(w, "and" | "و"))
    };
    let mut lo = a;
    while lo > 0 && cx.mentions[lo - 1].label == Label::ThreatActor && joined(lo - 1, lo) {
        lo -= 1;
    }
    (lo..=a).collect()
}

/// AFFILIATED_WITH and TARGETED relations.
pub fn links(cx: &Context<'_>, claims: &[Claim]) -> Vec<Relation> {
    let mut out = Vec::new();
    // A group named with its nationality (`مجموعة القرصنة الإيرانية كوتون ساندستورم`, `the
    // Russian group Fancy Bear`, `گروه هکری ایرانی مینت سندستورم`) is tied to that country.
    for (a, actor) in cx.mentions.iter().enumerate().filter(|(_, m)| m.label == Label::ThreatActor) {
        let si = sentences::index_of(cx.sentences, actor.span.start);
        let Some(&sent) = cx.sentences.get(si) else { continue };
        let near = |m: &crate::doc::Mention| {
            let (x, y) = if m.span.end <= actor.span.start {
                (m.span.end, actor.span.start)
            } else {
                (actor.span.end, m.span.start)
            };
            // Quote marks right around the group's name (`تُدعى «فولت تايفون»`) or a quoted
            // description ending in the demonym (`مجموعة "ترعاها الدولة الصينية" يطلق عليها
            // اسم`) are no break.
            let quote = |c: char| c.is_whitespace() || matches!(c, '"' | '«' | '»' | '“' | '”');
            let between = if x > y { "" } else { cx.text[x..y].trim_matches(quote) };
            // A country is a nationality right after the group noun (`مجموعة روسية`).
            let adjective = m.label == Label::Gpe
                && cx.hits_in(sent.start, m.span.start).iter().any(|h| {
                    h.kind == "group_noun"
                        && h.span.end <= m.span.start
                        && cx.words_between(h.span.end, m.span.start) == 0
                });
            (m.label == Label::Norp || adjective)
                && !opposed(cx, m)
                && sent.contains(&m.span)
                && x <= y
                && cx.words_between(x, y) <= 5
                && !between.contains([',', '،', '.', ':', '(', ')', '"', '«', '»', '“', '”'])
                && cx.hits_in(sent.start, sent.end).iter().any(|h| {
                    // The group noun sits inside the pair or up to three words before it.
                    let first = m.span.start.min(actor.span.start);
                    h.kind == "group_noun"
                        && h.span.end <= m.span.end.max(actor.span.end)
                        && h.span.start >= sent.start
                        && (h.span.start >= first || cx.words_between(h.span.end, first) <= 3)
                })
        };
        if let Some(o) = cx.starting_in(sent.start, sent.end).find(|&i| near(&cx.mentions[i])) {
            out.push(rel("AFFILIATED_WITH", a, o, String::new(), si, "group:nationality"));
        }
    }
    for h in cx.hits.iter().filter(|h| h.kind == "tie") {
        let si = sentences::index_of(cx.sentences, h.span.start);
        let Some(&sent) = cx.sentences.get(si) else { continue };
        let actor = cx.starting_in(sent.start, h.span.start).rev().find(|&i| {
            let m = &cx.mentions[i];
            m.label == Label::ThreatActor && m.span.end <= h.span.start && m.span.start >= sent.start
        });
        let end = cx.phrase_end(h.span.end, sent.end);
        let object = cx
            .mentions_in(h.span.start, end)
            .into_iter()
            .find(|&i| matches!(cx.mentions[i].label, Label::Gov | Label::Gpe | Label::Norp | Label::Org));
        if let (Some(a), Some(o)) = (actor, object) {
            for a in coordinated_actors(cx, a) {
                out.push(rel("AFFILIATED_WITH", a, o, String::new(), si, "tie"));
            }
        }
    }
    out.extend(compound_ties(cx));
    out.extend(described_before_named(cx));
    out.extend(speaker_roles(cx, claims));
    out.extend(crate::frames::predicates::attacks(cx, claims).into_iter().flat_map(|a| {
        a.pairs(cx).map(|(s, o)| rel("TARGETED", s, o, String::new(), a.sentence, a.rule)).collect::<Vec<_>>()
    }));
    out
}

/// The countries a speaker speaks for: the places and nationalities of its ROLE relations, and
/// the country in parentheses of a body it holds a role in (`Ministry of Foreign Affairs
/// (Russia)` → Russia). A speaker does not accuse its own country.
fn home_of(cx: &Context<'_>, roles: &RolesOf<'_>, speaker: usize) -> Vec<String> {
    let id = cx.mentions[speaker].entity_id.as_str();
    let mut out = Vec::new();
    // Only a state's body speaks for its country: an institute or company named with its
    // country (`Institute for National Security Studies (Israel)`) may accuse it.
    let mut add_body = |m: &crate::doc::Mention| {
        if matches!(m.label, Label::Gpe | Label::Norp) {
            out.push(m.entity_id.clone());
        } else if m.label == Label::Gov
            && let Some((_, country)) = m.canonical.rsplit_once('(')
        {
            out.push(crate::doc::entity_id(country.trim_end_matches(')')));
        }
    };
    add_body(&cx.mentions[speaker]);
    for &object in roles.get(id).into_iter().flatten() {
        add_body(&cx.mentions[object]);
    }
    // A speaker does not accuse or deny the body it holds a role in.
    out.extend(roles.get(id).into_iter().flatten().map(|&o| cx.mentions[o].entity_id.clone()));
    out
}

/// The objects of the ROLE relations of each subject entity, in relation order.
type RolesOf<'a> = std::collections::HashMap<&'a str, Vec<usize>>;

fn roles_of<'a>(cx: &Context<'a>, found: &[Relation]) -> RolesOf<'a> {
    let mut map = RolesOf::new();
    for r in found.iter().filter(|r| r.predicate == "ROLE") {
        map.entry(cx.mentions[r.subject].entity_id.as_str()).or_default().push(r.object);
    }
    map
}

/// The owner an accusation noun ending at `from` names through a marker within two words after
/// it (`الاتهامات الواهية التي وجهها مجلس الأمن القومي`, `claims made by the FBI`, `ادعاهای
/// مطرح‌شده از سوی آمریکا`): the first body, state or person after the marker, not `speaker`.
fn marked_owner(cx: &Context<'_>, from: usize, limit: usize, speaker: usize) -> Option<usize> {
    let window = limit.min(from + 96);
    let marker = cx.hits_in(from, window).iter().find(|h| {
        h.kind == "owner_marker" && h.span.end <= limit && !cx.more_words_than(from, h.span.start, 2)
    })?;
    let end = cx.phrase_end(marker.span.end, limit);
    cx.mentions_in(marker.span.end, end).into_iter().find(|&i| {
        let m = &cx.mentions[i];
        matches!(m.label, Label::Gpe | Label::Norp | Label::Gov | Label::Org | Label::Person)
            && m.entity_id != cx.mentions[speaker].entity_id
    })
}

/// The owners of the accusations a denial's sentence `sent` names, other than `speaker`:
/// the state or body right next to an accusation noun (English before it, `the US
/// accusation`, `Microsoft's report`; Arabic and Persian after it, `اتهامات واشنطن`, else
/// before it, the subject of a light verb, `وجهت أمريكا اتهامات`), or the one a marker after it
/// names (`التي وجهها X`); every body coordinated with it (`X والخارجية البريطانية`).
fn owners_named(cx: &Context<'_>, sent: Span, speaker: usize) -> Vec<usize> {
    let ok = |i: usize| {
        let m = &cx.mentions[i];
        matches!(m.label, Label::Gpe | Label::Norp | Label::Gov | Label::Org)
            && m.entity_id != cx.mentions[speaker].entity_id
    };
    let before = |h: &crate::frames::context::OrigHit| {
        let at = cx.mentions.partition_point(|m| m.span.end <= h.span.start);
        at.checked_sub(1).filter(|&i| {
            let between = cx.text[cx.mentions[i].span.end..h.span.start].trim();
            between.is_empty() || cx.lang == Lang::En && matches!(between, "'s" | "’s")
        })
    };
    // Arabic and Persian name the owner after the noun, also past up to two definite words
    // (`التقرير النهائي للاستخبارات الأمريكية`: the agency's adjective, `تقرير المحقق X`): a
    // person then is the author. A participle (`الموجهة لموسكو`, `المنسوبة إلى`) turns to the
    // accused instead: past one, only a person is named by a title (`المحقق`).
    let after = |h: &crate::frames::context::OrigHit| {
        let at = cx.mentions.partition_point(|m| m.span.start < h.span.end);
        Some(at).filter(|&i| {
            let Some(m) = cx.mentions.get(i) else { return false };
            let between: Vec<&str> = cx.text[h.span.end..m.span.start].split_whitespace().collect();
            let participle = between.iter().any(|w| w.starts_with("الم"));
            between.is_empty()
                || cx.lang == Lang::Ar
                    && between.len() <= 2
                    && between.iter().all(|w| w.starts_with("ال") || w.starts_with("لل"))
                    && (!participle || m.label == Label::Person)
        })
    };
    let author = |i: usize| {
        cx.mentions[i].label == Label::Person && cx.mentions[i].entity_id != cx.mentions[speaker].entity_id
    };
    let mut out: Vec<usize> = Vec::new();
    for h in cx
        .hits_in(sent.start, sent.end)
        .iter()
        .filter(|h| h.kind == "accusation_noun" && sent.contains(&h.span))
    {
        let next_to = if cx.lang == Lang::En {
            before(h).filter(|&i| ok(i))
        } else {
            // `رفض طهران للاتهامات`: a name before a noun with `ل` is whose rejection it is.
            let of = cx.lang == Lang::Ar && cx.text[h.span.start..].starts_with('ل');
            after(h).filter(|&i| ok(i) || author(i)).or_else(|| before(h).filter(|&i| ok(i) && !of))
        };
        if let Some(o) = next_to.or_else(|| marked_owner(cx, h.span.end, sent.end, speaker)) {
            for k in cx.co_issuers(o) {
                if (ok(k) || author(k)) && !out.contains(&k) {
                    out.push(k);
                }
            }
        }
    }
    out
}

/// The objects of an accusing verb, named between the verb (or the speaker after it) and the
/// content (`اتهم الوزير X روسيا بـ…`, `متهمة الرباط بـ…`, `accusing Moscow of …`): the accused
/// (SCHEMA §10 rule 4), coordinated ones too (`X وY`), whatever their label. Verb-final Persian
/// is not read here.
fn verb_objects(cx: &Context<'_>, c: &Claim) -> Vec<usize> {
    let mut from = c.cue.end;
    if let Some(sp) = c.speaker_span.filter(|sp| sp.start >= c.cue.end) {
        from = from.max(sp.end);
    }
    if cx.lang == Lang::Fa || c.content.start <= from || cx.more_words_than(from, c.content.start, 6) {
        return Vec::new();
    }
    let slot = &cx.text[from..c.content.start];
    if slot.contains(['.', ':', ';', '؛', '\n', '"', '«', '“']) && !slot.trim_end().ends_with(['"', '«', '“'])
    {
        return Vec::new();
    }
    let ok = |i: usize| {
        let m = &cx.mentions[i];
        Some(i) != c.speaker
            && c.speaker_span.is_none_or(|sp| !sp.contains(&m.span))
            && !crate::frames::predicates::located(cx, i)
            && matches!(
                m.label,
                Label::Gpe | Label::Norp | Label::ThreatActor | Label::Gov | Label::Org | Label::Person
            )
    };
    // The object stands right before the content's preposition (`بـ`, `of`, `for`), with the
    // ones coordinated before it; a name further back is an adverbial (`في تصريح لهسبريس`).
    let found = cx.mentions_in(from, c.content.start);
    // A complementizer between them opens the content's clause (`X، إن «…»`, `told X that`):
    // the name is an addressee or a place, not the object.
    let Some(pos) = found.iter().rposition(|&i| {
        let end = cx.mentions[i].span.end;
        !cx.more_words_than(end, c.content.start, 1)
            && cx.first_hit("complementizer", end, c.content.start).is_none()
    }) else {
        return Vec::new();
    };
    let mut out = vec![found[pos]];
    for k in (0..pos).rev() {
        let between = &cx.text[cx.mentions[found[k]].span.end..cx.mentions[found[k + 1]].span.start];
        let joined = between
            .split(|ch: char| ch.is_whitespace() || matches!(ch, ',' | '،'))
            .all(|w| w.is_empty() || matches!(w, "و" | "and"));
        let arabic_and = cx.lang == Lang::Ar
            && between.trim().is_empty()
            && cx.text[cx.mentions[found[k + 1]].span.start..].starts_with('و');
        if !(joined && !between.trim().is_empty() || arabic_and) {
            break;
        }
        out.push(found[k]);
    }
    out.retain(|&i| ok(i));
    out
}

/// ACCUSES and DENIES relations derived from claims.
///
/// `found` are the relations already found: TARGETED objects are victims, not accused, and
/// ROLE relations tell a speaker's own country.
pub fn from_claims(cx: &Context<'_>, claims: &[Claim], found: &[Relation]) -> Vec<Relation> {
    let targeted = found;
    // Victims: the objects of TARGETED relations and every mention in the target slot of an
    // attack predicate, with or without a named attacker (`the espionage targeted Guam`).
    let mut victims: std::collections::HashSet<(usize, &str)> = targeted
        .iter()
        .filter(|r| r.predicate == "TARGETED")
        .map(|r| (r.sentence, cx.mentions[r.object].entity_id.as_str()))
        .collect();
    for a in crate::frames::predicates::attacks(cx, claims) {
        victims.extend(a.targets.iter().map(|&t| (a.sentence, cx.mentions[t].entity_id.as_str())));
    }
    let roles = roles_of(cx, found);
    let (mut out, accusers, main) = accusations(cx, claims, &roles, &victims);
    for c in claims.iter().filter(|c| c.stance == Stance::Deny) {
        let Some(s) = c.speaker else { continue };
        for o in denied(cx, claims, c, s, &roles, &accusers, main) {
            out.push(rel("DENIES", s, o, String::new(), c.sentence, "claim:deny"));
        }
    }
    out
}

/// The body a speaker accuses for: its ROLE's body, else itself.
fn voice_of(cx: &Context<'_>, roles: &RolesOf<'_>, s: usize) -> usize {
    roles
        .get(cx.mentions[s].entity_id.as_str())
        .and_then(|objects| objects.iter().copied().find(|&o| is_body(cx.mentions[o].label)))
        .unwrap_or(s)
}

/// The ACCUSES relations of the accusations, the accusers by entity id (their first mention),
/// and the document's main accuser.
fn accusations<'a>(
    cx: &Context<'a>,
    claims: &[Claim],
    roles: &RolesOf<'_>,
    victims: &std::collections::HashSet<(usize, &str)>,
) -> (Vec<Relation>, BTreeMap<&'a str, usize>, Option<usize>) {
    let mut out = Vec::new();
    // Accusers, in the order they first accuse. A person who holds a role in a body (`تام برت،
    // معاون مایکروسافت`) accuses for that body.
    let mut accusers: BTreeMap<&str, usize> = BTreeMap::new();
    let mut voices: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (k, c) in claims.iter().enumerate() {
        if c.stance != Stance::Accuse {
            continue;
        }
        let Some(s) = c.speaker else { continue };
        let voice = voice_of(cx, roles, s);
        accusers.entry(cx.mentions[s].entity_id.as_str()).or_insert(s);
        voices.entry(cx.mentions[voice].entity_id.as_str()).or_insert((k, voice));
        let speaker_id = &cx.mentions[s].entity_id;
        let home = home_of(cx, roles, s);
        // The accused are the states, groups and agencies the content names, not the victims
        // of what it reports (`targeted the White House`); a company or person only when the
        // verb itself accuses (`متهما شركة مايكروسوفت`).
        let verb_accuses = crate::frames::discourse::verb_accuses(cx, c);
        let objects = verb_objects(cx, c);
        for &t in c.targets.iter().chain(&objects) {
            let m = &cx.mentions[t];
            let object = objects.contains(&t);
            let accusable = match m.label {
                Label::Gpe | Label::Norp | Label::ThreatActor | Label::Gov => true,
                Label::Org | Label::Person => verb_accuses || object,
                _ => false,
            };
            // A place the content only locates (`ومقرها دبي`, `operating in Ukraine`) is
            // neither accused nor a victim.
            let victim = !object
                && (crate::frames::predicates::is_victim(cx, t)
                    || victims.contains(&(c.sentence, m.entity_id.as_str()))
                    || m.label == Label::Gpe && crate::frames::predicates::located(cx, t));
            // A state's body does not accuse its own country (`the Justice Department said …
            // U.S. laws`).
            let own = crate::frames::predicates::own_body(cx, s, t)
                || crate::frames::predicates::own_body(cx, voice, t);
            // Nor does a joint statement accuse one of its issuers.
            let issuers = cx.co_issuers(s);
            let issuer = issuers.iter().any(|&k| cx.mentions[k].entity_id == m.entity_id);
            if &m.entity_id != speaker_id
                && accusable
                && !victim
                && !own
                && !issuer
                && !home.contains(&m.entity_id)
            {
                for &issuer in &issuers {
                    out.push(rel("ACCUSES", issuer, t, String::new(), c.sentence, "claim:accuse"));
                }
            }
        }
    }
    // The main accuser: the first to accuse, a company, agency or person before a state
    // (states named in denials are usually accused back).
    let main = voices
        .values()
        .min_by_key(|&&(k, m)| (matches!(cx.mentions[m].label, Label::Gpe | Label::Norp), k))
        .map(|&(_, m)| m);
    (out, accusers, main)
}

/// Whom denial `c` by speaker `s` denies (SCHEMA §10 rule 5): the accusations' owners named
/// in its sentence, else an accuser it names, else the accusers its content blames back, else
/// the accusation it answers (the main accuser's when it answers that), else the last accuser
/// its `these claims` refers back to; never the denier's own side.
fn denied(
    cx: &Context<'_>,
    claims: &[Claim],
    c: &Claim,
    s: usize,
    roles: &RolesOf<'_>,
    accusers: &BTreeMap<&str, usize>,
    main: Option<usize>,
) -> Vec<usize> {
    let sent = cx.sentences[c.sentence];
    // The accuser the denial names (`نفى … ادعاءات مايكروسوفت`); a state named in a denial is
    // usually accused back, not the accuser, and a person usually speaks for the company the
    // denial is aimed at.
    let in_sentence = cx.mentions_in(sent.start, sent.end).into_iter().find(|&i| {
        let m = &cx.mentions[i];
        accusers.contains_key(m.entity_id.as_str())
            && m.entity_id != cx.mentions[s].entity_id
            && matches!(m.label, Label::Org | Label::Gov)
    });
    // `اتهامات واشنطن`, `الاتهامات الأميركية`, `the US accusation`: the accusations' owners,
    // named next to an accusation noun in the denial's sentence.
    let owners = owners_named(cx, sent, s);
    // The speakers of the accusations the denial answers (`responds_to`, found by the frame
    // layer from sides and names), when the sentence names no owner; never the speaker's
    // own side. No answered accusation and no owner: no DENIES (SCHEMA §10 rule 5).
    let home = home_of(cx, roles, s);
    // The answered accusation nearest before the denial, else the first after it.
    let here = c.cue.start;
    let nearest =
        c.responds_to.iter().filter_map(|&k| claims.get(k)).filter(|a| a.speaker.is_some()).min_by_key(|a| {
            if a.cue.start < here { (0, here - a.cue.start) } else { (1, a.cue.start - here) }
        });
    // The document's main accuser when the denial answers it, else the nearest.
    let answers_main = main.filter(|&m| {
        c.responds_to.iter().any(|&k| {
            claims
                .get(k)
                .and_then(|a| a.speaker)
                .is_some_and(|a| cx.mentions[a].entity_id == cx.mentions[m].entity_id)
        })
    });
    let answered = answers_main.or(nearest.and_then(|a| a.speaker));
    // `این ادعا`, `هذه الاتهامات`, `these claims` with no owner named: the last accuser
    // before the denial, outside the denier's side.
    let refers_back = cx.first_hit("accusation_noun", sent.start, sent.end).is_some();
    let last_accuser = refers_back
        .then(|| {
            claims.iter().rev().filter(|a| a.stance == Stance::Accuse && a.cue.start < c.cue.start).find_map(
                |a| {
                    a.speaker.map(|p| voice_of(cx, roles, p)).filter(|&p| {
                        let id = &cx.mentions[p].entity_id;
                        id != &cx.mentions[s].entity_id && !home.contains(id)
                    })
                },
            )
        })
        .flatten();
    // A reply that blames its accusers back (`أميركا وبريطانيا اللتين …`) denies them.
    let chosen = if !owners.is_empty() {
        owners
    } else if let Some(named) = in_sentence {
        vec![named]
    } else if !c.accusers_named.is_empty() {
        c.accusers_named.clone()
    } else {
        // An accusation countries issued together (`لندن وأوتاوا وواشنطن تتهم`) is denied to
        // each of them.
        answered
            .or(last_accuser)
            .map(|a| if cx.mentions[a].label == Label::Gpe { cx.co_issuers(a) } else { vec![a] })
            .unwrap_or_default()
    };
    chosen
        .into_iter()
        .filter(|&o| {
            let id = &cx.mentions[o].entity_id;
            id != &cx.mentions[s].entity_id && !home.contains(id)
        })
        .collect()
}

/// Drops relations whose `(predicate, subject entity, object entity)` repeats within a sentence.
pub fn dedup(cx: &Context<'_>, rels: &mut Vec<Relation>) {
    let mut seen = std::collections::HashSet::new();
    rels.retain(|r| {
        seen.insert((
            r.predicate,
            cx.mentions[r.subject].entity_id.clone(),
            cx.mentions[r.object].entity_id.clone(),
            r.sentence,
        ))
    });
}
