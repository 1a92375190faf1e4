//! Attack predicates: who attacked, hacked, spied on or tried to influence whom (TARGETED,
//! SCHEMA §10 rule 3), read from the attack words of a sentence and the slots around them.
//!
//! - **verbal** (`attack` words: `استهدفت`, `هاجموا`, `هدف قرار داد`, `targeted`): attackers
//!   (THREAT_ACTOR/GPE/NORP/GOV) before the verb in its clause, targets after it (Arabic,
//!   English) or between the subject and the verb (Persian, verb-final).
//!
//! - **nominal** (`attack_noun` words: `الهجوم`, `التدخل`, `attacks`, `حمله`, `مداخله`): the
//!   target slot opens at a preposition up to three words after the noun (`هجوماً إلكترونياً
//!   واسعاً على`, `interference in`, `حمله سایبری به`); the attacker is a demonym or country
//!   between the noun and it (`الهجوم الروسي على`, `حمله سایبری روسیه به`), an English
//!   possessive or adjective before the noun (`Russia's attack on`, `Chinese hacking of`), the
//!   agent after it (`من قبل`, `by`, `attributed to`, `توسط`), else the subject of its clause
//!   (`إسرائيل شنت هجوماً على`).
//!
//! In both, a demonym in the target slot is its country (`على الانتخابات الأمريكية`,
//! `targeting American voters`: SCHEMA §10 rule 3); a group referred back to (`المجموعة`,
//! `the group`, `این گروه`, kind `group_anaphor`) is the last threat actor named in its
//! sentence or the two before. Attackers are never the speakers of the sentence's claims (`the
//! FBI and CISA said …`) unless the speaker claims responsibility (`أعلنت X مسؤوليتها عن
//! الهجوم`), and a demonym on a victim noun (`الانتخابات الأميركية`) is no attacker.
//!
//! What it does not do: make relations of them (`relations`), find claims (`claims`).

use crate::doc::{Claim, Label, Lang};
use crate::frames::context::{Context, OrigHit};
use crate::sentences;

/// One attack predicate with its filled slots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attack {
    /// The sentence it stands in.
    pub sentence: usize,
    /// The attackers (mention indexes).
    pub attackers: Vec<usize>,
    /// The targets (mention indexes).
    pub targets: Vec<usize>,
    /// The rule that found it (`attack`, `attack:noun`).
    pub rule: &'static str,
}

impl Attack {
    /// Every (attacker, target) pair of two different entities, coordinated slots giving
    /// every combination.
    pub fn pairs<'s>(&'s self, cx: &'s Context<'_>) -> impl Iterator<Item = (usize, usize)> + 's {
        self.attackers.iter().flat_map(move |&a| {
            self.targets
                .iter()
                .filter(move |&&t| {
                    cx.mentions[a].entity_id != cx.mentions[t].entity_id && !own_body(cx, a, t)
                })
                .map(move |&t| (a, t))
        })
    }
}

/// Whether attacker `a` is a body of target `t`'s own country (`the US Justice Department`,
/// `Ministry of State Security (China)` → the United States, China): a state's body reports or
/// acts against attacks on its country, it does not attack it.
pub(crate) fn own_body(cx: &Context<'_>, a: usize, t: usize) -> bool {
    let (body, country) = (&cx.mentions[a], &cx.mentions[t]);
    if body.label != Label::Gov || !matches!(country.label, Label::Gpe | Label::Norp) {
        return false;
    }
    let id = country.entity_id.as_str();
    let in_parens = body
        .canonical
        .rsplit_once('(')
        .is_some_and(|(_, c)| crate::doc::entity_id(c.trim_end_matches(')')) == id);
    in_parens || body.entity_id.strip_prefix(id).is_some_and(|rest| rest.starts_with('_'))
}

/// The attack predicates of a document, in the order of their words.
pub fn attacks(cx: &Context<'_>, claims: &[Claim]) -> Vec<Attack> {
    let mut out = Vec::new();
    for h in cx.hits.iter() {
        let found = match h.kind {
            "attack" => verbal(cx, claims, h),
            "attack_noun" => nominal(cx, claims, h),
            _ => None,
        };
        if let Some(mut a) = found {
            if a.attackers.is_empty() {
                a.attackers.extend(denier(cx, claims, a.sentence, h.span.start));
            }
            // A victim of an earlier attack of the sentence is no attacker of a later one
            // (`the hack of the Estonian parliament and had also targeted Latvia`).
            let earlier: Vec<usize> = out
                .iter()
                .filter(|b: &&Attack| b.sentence == a.sentence)
                .flat_map(|b| b.targets.clone())
                .collect();
            if a.attackers.iter().any(|x| !earlier.contains(x)) {
                a.attackers.retain(|x| !earlier.contains(x));
            }
            out.push(a);
        }
    }
    out
}

/// The attacker of an attack with no attacker named in the content of a denial before it
/// (`نفت إيران أن يكون لها أي دور في اختراق …`, `Moscow denied carrying out cyberattacks
/// against X`, `ایران … هیچ نقشی در حمله به X نداشته است`): the denial's speaker, when it is a
/// state, nationality or group (a body such as a mission or embassy speaks for its state). The text states the attack it reports denied (SCHEMA
/// §10 rule 3).
fn denier(cx: &Context<'_>, claims: &[Claim], si: usize, at: usize) -> Option<usize> {
    claims
        .iter()
        .filter(|c| c.sentence == si && c.stance == crate::doc::Stance::Deny)
        // Persian puts the denial's verb last (`… را رد کرد`).
        .filter(|c| c.cue.end <= at || cx.lang == Lang::Fa && at < c.cue.start)
        .filter(|c| c.content.start == c.content.end || c.content.start <= at && at < c.content.end)
        .filter_map(|c| c.speaker)
        .rfind(|&s| {
            let m = &cx.mentions[s];
            // A body denies for its state (`the mission denied …`): it is no attacker.
            matches!(m.label, Label::Gpe | Label::Norp | Label::ThreatActor) && !in_dateline(cx, s)
        })
}

/// The entity ids of the speakers of sentence `si`'s claims: none when the sentence claims
/// responsibility (`أعلنت X مسؤوليتها عن الهجوم`), where the speaker is the attacker.
fn speakers_of<'c>(cx: &'c Context<'_>, claims: &[Claim], si: usize) -> Vec<&'c str> {
    let sent = cx.sentences[si];
    if cx.first_hit("responsibility", sent.start, sent.end).is_some() {
        return Vec::new();
    }
    // Claims are in document order, so a sentence's claims are one run.
    let first = claims.partition_point(|c| c.sentence < si);
    // A joint statement's issuers all speak (`the FBI, the ODNI and CISA said`).
    let run = || claims[first..].iter().take_while(|c| c.sentence == si);
    let mut out: Vec<&str> = run()
        .filter_map(|c| c.speaker)
        .flat_map(|s| cx.co_issuers(s))
        .map(|s| cx.mentions[s].entity_id.as_str())
        .collect();
    // The bodies in the title of a speaker speak with it: between a cue and the speaker after it
    // (`نفى المتحدث باسم الخارجية الإيرانية X`), or before a title right before the speaker
    // (`Iran's foreign ministry spokesman X said`). Persian puts the object between a speaker
    // and its verb (`X روسیه را … متهم کرد`): that is no title.
    for c in run() {
        let Some(s) = c.speaker else { continue };
        let m = &cx.mentions[s];
        let (a, b) = if m.span.start >= c.cue.end {
            (c.cue.end, m.span.start)
        } else {
            let title = cx.hits_in(m.span.start.saturating_sub(PREP_WINDOW), m.span.start).iter().find(|h| {
                h.kind == "role_title"
                    && h.span.end <= m.span.start
                    && !cx.more_words_than(h.span.end, m.span.start, 0)
            });
            let Some(t) = title else { continue };
            (
                cx.text.floor_char_boundary(t.span.start.saturating_sub(PREP_WINDOW / 2)).max(sent.start),
                t.span.start,
            )
        };
        if a < b && !cx.more_words_than(a, b, 8) && !cx.text[a..b].contains(CLAUSE_BREAKS) {
            out.extend(cx.mentions_in(a, b).into_iter().map(|i| cx.mentions[i].entity_id.as_str()));
        }
    }
    out
}

/// An attack word negated right before or after it (`does not interfere in`, `لم تتدخل في`,
/// `دخالت نمی‌کند`).
fn negated(cx: &Context<'_>, sent: crate::doc::Span, h: &OrigHit) -> bool {
    cx.hits_in(sent.start, sent.end).iter().any(|n| {
        n.kind == "negation"
            && (n.span.end <= h.span.start && cx.words_between(n.span.end, h.span.start) <= 1
                || n.span.start >= h.span.end && cx.words_between(h.span.end, n.span.start) == 0)
    })
}

/// Where the clause holding `at` starts: after the last complementizer or colon before it
/// (`Kremlin: Kyiv's attack on …`), else the sentence's start.
fn clause_start(cx: &Context<'_>, sent: crate::doc::Span, at: usize) -> usize {
    let complementizer = cx
        .hits_in(sent.start, at)
        .iter()
        .filter(|x| x.kind == "complementizer" && x.span.end <= at && x.span.start >= sent.start)
        .map(|x| x.span.end)
        .next_back()
        .unwrap_or(sent.start);
    let colon = cx.text[complementizer..at].rfind(':').map(|i| complementizer + i + 1);
    colon.unwrap_or(complementizer)
}

/// The targets among `found`: people, bodies and the countries of demonyms, without a party
/// adjective or demonym that describes the candidate right after it (`المرشح الديمقراطي جو
/// بايدن`: the person is the target).
fn targets_among(cx: &Context<'_>, found: &[usize]) -> Vec<usize> {
    let target_ok = |i: usize| {
        matches!(
            cx.mentions[i].label,
            Label::Person | Label::Org | Label::Gov | Label::Gpe | Label::Loc | Label::Norp
        )
    };
    found
        .iter()
        .enumerate()
        .filter(|&(k, &i)| {
            // A demonym in a title before a name (`للرئيس الأمريكي السابق دونالد ترمب`) is the
            // person's nationality.
            let adjective = match cx.mentions[i].label {
                Label::Org => found.get(k + 1).is_some_and(|&n| {
                    cx.mentions[n].label == Label::Person
                        && cx.words_between(cx.mentions[i].span.end, cx.mentions[n].span.start) == 0
                }),
                Label::Norp => found.get(k + 1).is_some_and(|&n| {
                    cx.mentions[n].label == Label::Person
                        && !cx.more_words_than(cx.mentions[i].span.end, cx.mentions[n].span.start, 2)
                }),
                _ => false,
            };
            // A region or sea the text only locates (`في منطقة المحيط الهادئ`, `in the South
            // China Sea`, `في الولايات المتحدة والشرق الأوسط`) is where the victims are, not a
            // victim; a named facility is (`على ميناء X`).
            let region = cx.mentions[i].label == Label::Loc
                && (near_locative(cx, i)
                    || k > 0 && coordinated(cx, found[k - 1], i) && located(cx, found[k - 1]));
            target_ok(i) && !adjective && !seat(cx, i) && !region
        })
        .map(|(_, &i)| i)
        .collect()
}

/// Whether the clause of a nominal attack is negated (`لا تملك أي نية للتدخل في`, `no
/// intention of interfering in`): a negation up to six words before the noun with no clause
/// break between, or, verb-final, a negated verb right after a name of its target slot
/// (`دخالت در انتخابات آمریکا ندارد`).
fn clause_negated(cx: &Context<'_>, sent: crate::doc::Span, noun: usize, slot: usize, end: usize) -> bool {
    let before = cx.hits_in(noun.saturating_sub(PREP_WINDOW * 2).max(sent.start), noun).iter().any(|n| {
        n.kind == "negation"
            && n.span.end <= noun
            && !cx.more_words_than(n.span.end, noun, 6)
            && !cx.text[n.span.end..noun].contains(CLAUSE_BREAKS)
    });
    let after = cx.lang == Lang::Fa
        && cx.hits_in(slot, (end + PREP_WINDOW).min(sent.end)).iter().any(|n| {
            n.kind == "negation"
                && cx
                    .mentions_in(slot, n.span.start)
                    .last()
                    .is_some_and(|&m| !cx.more_words_than(cx.mentions[m].span.end, n.span.start, 0))
        });
    before || after
}

/// Whether mention `i` can attack: a group, country, nationality or government body that is
/// not a claim's speaker, not a demonym on a victim noun and not a place the text locates.
fn can_attack(cx: &Context<'_>, speakers: &[&str], i: usize) -> bool {
    let m = &cx.mentions[i];
    matches!(m.label, Label::ThreatActor | Label::Gpe | Label::Norp | Label::Gov)
        && !is_victim(cx, i)
        && !speakers.contains(&m.entity_id.as_str())
        && (m.label != Label::Gpe || !located(cx, i) && !in_dateline(cx, i))
        && !owns_accusation(cx, i)
}

/// Whether mention `i` (or a mention it is coordinated with) owns an accusation noun: the
/// accuser, not the attacker (`ادعای واهی آمریکا و انگلیس درباره هک …`, `اتهامات واشنطن`,
/// `the US accusation that it hacked …`).
fn owns_accusation(cx: &Context<'_>, i: usize) -> bool {
    let owns = |k: usize| {
        let m = &cx.mentions[k];
        // Named through a marker after the noun (`الاتهامات التي وجهها X`, `claims made by X`).
        let marked = cx.words_right_before("owner_marker", m.span.start).any(|x| {
            cx.hits_in(x.span.start.saturating_sub(PREP_WINDOW), x.span.start).iter().any(|n| {
                n.kind == "accusation_noun"
                    && n.span.end <= x.span.start
                    && !cx.more_words_than(n.span.end, x.span.start, 1)
                    && !cx.text[n.span.end..x.span.start].contains(CLAUSE_BREAKS)
            })
        });
        if marked {
            return true;
        }
        if cx.lang == Lang::En {
            return cx
                .hits_in(m.span.end, m.span.end + 24)
                .iter()
                .any(|h| h.kind == "accusation_noun" && !cx.more_words_than(m.span.end, h.span.start, 1));
        }
        // Arabic writes the accused with `ل` (`اتهامات لإيرانيين`) or after a participle
        // (`الاتهامات الموجهة لموسكو`): that is no owner.
        let text = &cx.text[m.span.start..m.span.end];
        let accused = cx.lang == Lang::Ar && text.starts_with('ل') && !m.alias.starts_with('ل');
        !accused
            && cx.hits_in(m.span.start.saturating_sub(PREP_WINDOW), m.span.start).iter().any(|h| {
                let between = &cx.text[h.span.end.min(m.span.start)..m.span.start];
                h.kind == "accusation_noun"
                    && h.span.end <= m.span.start
                    && !cx.more_words_than(h.span.end, m.span.start, 1)
                    && !between.contains(CLAUSE_BREAKS)
                    && !between.split_whitespace().any(|w| w.starts_with("الم"))
            })
    };
    let mut k = i;
    for _ in 0..3 {
        if owns(k) {
            return true;
        }
        if k == 0 || !coordinated(cx, k - 1, k) {
            return false;
        }
        k -= 1;
    }
    false
}

/// Whether place `i` stands in a dateline (`TEHRAN, Iran (AP) —`, `HANOI/BEIJING —`,
/// `طهران - `, `بغداد/ السومرية نيوز- `): near the start of its line, before a dash set off
/// by a space on one side, with at most six words and no sentence stop between the line's
/// start and the dash. A dateline only places the article, it attacks no one (SCHEMA §10
/// rule 3).
pub(crate) fn in_dateline(cx: &Context<'_>, i: usize) -> bool {
    let m = &cx.mentions[i];
    let Some(line_start) = crate::frames::context::line_start_within(cx.text, m.span.start, 40) else {
        return false;
    };
    let mut cut = (m.span.end + 60).min(cx.text.len());
    while !cx.text.is_char_boundary(cut) {
        cut -= 1;
    }
    let rest = &cx.text[m.span.end..cut];
    let Some(dash) = rest.char_indices().find_map(|(k, c)| {
        let spaced = rest[..k].ends_with(char::is_whitespace)
            || rest[k + c.len_utf8()..].starts_with(char::is_whitespace);
        let joined = k == 0 && !rest[c.len_utf8()..].starts_with(|n: char| n.is_ascii_alphanumeric());
        (matches!(c, '-' | '–' | '—') && (spaced || joined)).then_some(k)
    }) else {
        return false;
    };
    let head = &cx.text[line_start..m.span.end + dash];
    // In Latin script a dateline opens with a capitalised place (`THE HAGUE`, `PARIS, May
    // 17`): an em dash after a sentence's first words (`Iran — which denies it —`) is none.
    let first = head.split_whitespace().next().unwrap_or("").trim_end_matches([',', '/']);
    let latin = first.chars().any(|c| c.is_ascii_alphabetic());
    let capitals = first.chars().all(|c| !c.is_lowercase());
    (!latin || capitals)
        && !head.contains(['\n', '؛', ';', '«', '"', '“', '!', '?', '؟'])
        && !cx.more_words_than(line_start, m.span.end + dash, 6)
}

/// Whether place `i` only locates (`في لندن`, `in Paris`, `در تهران`): a locative preposition
/// right before it.
pub(crate) fn located(cx: &Context<'_>, i: usize) -> bool {
    cx.words_right_before("locative", cx.mentions[i].span.start).next().is_some()
}

/// Whether a locative stands up to two words before mention `i` in its clause (`in the South
/// China Sea`, `في منطقة X`).
fn near_locative(cx: &Context<'_>, i: usize) -> bool {
    let at = cx.mentions[i].span.start;
    cx.hits_in(at.saturating_sub(PREP_WINDOW), at).iter().any(|h| {
        h.kind == "locative"
            && h.span.end <= at
            && !cx.more_words_than(h.span.end, at, 2)
            && !cx.text[h.span.end..at].contains(CLAUSE_BREAKS)
    })
}

/// Whether place `i` is where a body sits (`مركز مقره واشنطن`, `a firm based in Paris`): a
/// `locative` word valued `seat` right before it. The place is not the victim.
fn seat(cx: &Context<'_>, i: usize) -> bool {
    cx.mentions[i].label == Label::Gpe
        && cx.words_right_before("locative", cx.mentions[i].span.start).any(|h| &*h.value == "seat")
}

/// The threat actor a group description in `[from, to)` refers back to (`المجموعة`, `the
/// group`, `این گروه`): the last one named before it in sentence `si` or the two before. A
/// description followed by a name (`the group Fancy Bear`) is that group's, not a reference.
fn group_referent(cx: &Context<'_>, claims: &[Claim], si: usize, from: usize, to: usize) -> Option<usize> {
    let g = cx.first_hit("group_anaphor", from, to)?;
    let named_after = cx.starting_in(g.span.end, to).any(|i| {
        cx.mentions[i].label == Label::ThreatActor
            && !cx.more_words_than(g.span.end, cx.mentions[i].span.start, 1)
    });
    if named_after {
        return None;
    }
    let lo = cx.sentences[si.saturating_sub(2)].start;
    let named = cx.starting_in(lo, g.span.start).rev().find(|&i| cx.mentions[i].label == Label::ThreatActor);
    // Else the group that has been speaking (`وقالت الجماعة … وأضافت … وكانت هذه الجماعة أعلنت
    // مسؤوليتها عن هجوم على …`): the speaker of the last claim in those sentences.
    // The description is itself the subject of a reporting verb right after it (`وكانت هذه
    // الجماعة أعلنت مسؤوليتها`): the speaker found for that verb.
    let subject = || {
        claims
            .get(claims.partition_point(|c| c.cue.start < g.span.end))
            .filter(|c| !cx.more_words_than(g.span.end, c.cue.start, 1))
            .and_then(|c| c.speaker)
            .filter(|&s| cx.mentions[s].label == Label::ThreatActor)
    };
    named.or_else(subject).or_else(|| {
        // Claims are in document order: walk back from the description, never the whole list.
        claims[..claims.partition_point(|c| c.cue.start < g.span.start)]
            .iter()
            .rev()
            .take_while(|c| c.sentence + 2 >= si)
            .find_map(|c| c.speaker)
            .filter(|&s| cx.mentions[s].label == Label::ThreatActor)
    })
}

/// The speaker a singular subject pronoun right after a complementizer or cue refers back to
/// (`China denied that it hacked …`, `the group said it had breached …`, `أعلنت الجماعة أنها
/// اخترقت …`; kind `resumptive`): the speaker of the last claim of sentence `si`
/// whose cue comes before the clause, when it is a group, country or nationality. A body's
/// `it` (`the FBI said it had found …`) attacks no one.
fn resumed_speaker(
    cx: &Context<'_>,
    claims: &[Claim],
    si: usize,
    clause_start: usize,
    at: usize,
) -> Option<usize> {
    let sent = cx.sentences[si];
    let first = claims.partition_point(|c| c.sentence < si);
    let claim = claims[first..].iter().take_while(|c| c.sentence == si).filter(|c| c.cue.end <= at).last()?;
    // The pronoun opens the clause after a complementizer (`that it`, `أنها`, `که آنها`) or
    // right after the cue (`said it had breached`).
    let opens = |p: &OrigHit| {
        let after_complementizer = clause_start > sent.start
            && clause_start >= claim.cue.end
            && (p.span.end == clause_start
                || p.span.start >= clause_start && !cx.more_words_than(clause_start, p.span.start, 0));
        let after_cue = p.span.start >= claim.cue.end && !cx.more_words_than(claim.cue.end, p.span.start, 0);
        after_complementizer || after_cue
    };
    let pronoun =
        cx.hits_in(claim.cue.end, at).iter().any(|p| p.kind == "resumptive" && p.span.end <= at && opens(p));
    if !pronoun {
        return None;
    }
    let s = claim.speaker?;
    let m = &cx.mentions[s];
    (matches!(m.label, Label::ThreatActor | Label::Gpe | Label::Norp)
        && !is_victim(cx, s)
        && !in_dateline(cx, s))
    .then_some(s)
}

/// Words that open a new English clause after a comma (`…, with the firm reporting`, `…, which
/// …`): a verb's object list does not reach past them.
const CLAUSE_OPENERS: [&str; 10] =
    ["with", "while", "which", "who", "as", "but", "according", "saying", "after", "when"];

/// Where an English object slot from `from` ends before `limit`: at a comma before a
/// [`CLAUSE_OPENERS`] word.
fn english_clause_end(cx: &Context<'_>, from: usize, limit: usize) -> usize {
    if cx.lang != Lang::En {
        return limit;
    }
    let slot = &cx.text[from..limit];
    slot.match_indices(',')
        .find(|&(k, _)| {
            let next = slot[k + 1..].split_whitespace().next().unwrap_or("");
            CLAUSE_OPENERS.contains(&next.to_lowercase().as_str())
        })
        .map_or(limit, |(k, _)| from + k)
}

/// English auxiliaries of the passive (`was targeted`, `had been hacked`).
const PASSIVE_AUX: [&str; 6] = ["was", "were", "been", "being", "is", "are"];

/// Whether the English verb at `at` is passive: an auxiliary among the two words before it
/// (`was targeted`, `were also hacked`) in its clause.
fn passive(cx: &Context<'_>, clause_start: usize, at: usize) -> bool {
    cx.lang == Lang::En
        && cx.text[clause_start..at]
            .split_whitespace()
            .rev()
            .take(2)
            .any(|w| PASSIVE_AUX.contains(&w.to_lowercase().as_str()))
}

/// A passive attack (`Guam was targeted by Chinese hackers`, `the Trump campaign was hacked`):
/// its target is the clause's subject before the verb, its attacker the agent after `by`.
fn passive_attack(
    cx: &Context<'_>,
    speakers: &[&str],
    si: usize,
    clause_start: usize,
    h: &OrigHit,
) -> Attack {
    let sent = cx.sentences[si];
    let targets = targets_among(cx, &cx.mentions_in(clause_start, h.span.start));
    let agent = cx.hits_in(h.span.end, sent.end).iter().find(|x| {
        x.kind == "attack_agent" && x.span.end <= sent.end && !cx.more_words_than(h.span.end, x.span.start, 3)
    });
    let attackers = agent.map_or_else(Vec::new, |a| {
        let end = cx.phrase_end(a.span.end, sent.end);
        cx.mentions_in(a.span.end, end).into_iter().filter(|&i| can_attack(cx, speakers, i)).collect()
    });
    Attack { sentence: si, attackers, targets, rule: "attack:passive" }
}

/// A verbal attack: its attackers before it in its clause, its targets after it (or before
/// it, verb-final).
fn verbal(cx: &Context<'_>, claims: &[Claim], h: &OrigHit) -> Option<Attack> {
    let si = sentences::index_of(cx.sentences, h.span.start);
    let &sent = cx.sentences.get(si)?;
    // A word inside a group noun (`hacking group`, `هکری`) names the group, not an attack.
    let in_group = cx.hits_in(h.span.start.saturating_sub(PREP_WINDOW), h.span.end).iter().any(|g| {
        g.kind == "group_noun" && g.span.start <= h.span.start && h.span.end <= g.span.end && g.span != h.span
    });
    if in_group || negated(cx, sent, h) {
        return None;
    }
    let speakers = speakers_of(cx, claims, si);
    let clause_start = clause_start(cx, sent, h.span.start);
    let attacker_ok = |i: usize| can_attack(cx, &speakers, i);
    // An English participle after a noun (`hackers targeting U.S. elections`) is a reduced
    // relative: its subject is that noun phrase, not the clause's.
    let participle = cx.lang == Lang::En && cx.text[h.span.start..h.span.end].ends_with("ing");
    let from = if participle {
        let near = cx.starting_in(clause_start, h.span.start).rev().find(|&i| {
            cx.mentions[i].span.end <= h.span.start
                && !cx.more_words_than(cx.mentions[i].span.end, h.span.start, 3)
        });
        near.map_or(h.span.start, |i| cx.mentions[i].span.start)
    } else {
        clause_start
    };
    if !participle && passive(cx, clause_start, h.span.start) {
        return Some(passive_attack(cx, &speakers, si, clause_start, h));
    }
    // A pronoun opening the clause is its subject: everything after it is the object.
    let resumed = resumed_speaker(cx, claims, si, clause_start, h.span.start);
    let mut attackers: Vec<usize> = match resumed {
        Some(s) => vec![s],
        None => cx.mentions_in(from, h.span.start).into_iter().filter(|&i| attacker_ok(i)).collect(),
    };
    if attackers.is_empty() && !participle {
        // Around a reporting verb, the bodies before it and the speaker phrase after it
        // speak (`the FBI, ODNI and CISA said …`, `أوضحت الشركة الأمريكية أنهم`); a group
        // named before it as the topic (`وبشأن القراصنة الروس، أوضحت …`) can attack.
        let cue = cx
            .hits_in(sent.start, h.span.start)
            .iter()
            .filter(|x| x.kind == "cue" && x.span.end <= h.span.start)
            .map(|x| x.span)
            .next_back();
        attackers = cx
            .mentions_in(sent.start, h.span.start)
            .into_iter()
            .filter(|&i| {
                let m = &cx.mentions[i];
                // A demonym before the cue is a topic only on a group noun (`القراصنة الروس`),
                // not on a speaker's or outlet's noun (`هيئة الإذاعة الأمريكية`).
                let topic = |c: crate::doc::Span| {
                    m.span.end <= c.start
                        && m.label != Label::Gov
                        && (m.label != Label::Norp
                            || cx.hits_in(m.span.start.saturating_sub(PREP_WINDOW), m.span.start).iter().any(
                                |g| {
                                    g.kind == "group_noun"
                                        && g.span.end <= m.span.start
                                        && !cx.more_words_than(g.span.end, m.span.start, 1)
                                },
                            ))
                };
                attacker_ok(i) && cue.is_none_or(|c| m.span.start >= clause_start.max(c.end) || topic(c))
            })
            .collect();
    }
    if attackers.is_empty() {
        attackers.extend(group_referent(cx, claims, si, clause_start, h.span.start));
    }
    // Arabic VSO: a verb opening its clause (`هاجمت روسيا …`, `وقد اخترق قراصنة روس …`) has
    // its subject right after it; the object follows the subject.
    let mut slot_from = h.span.end;
    if attackers.is_empty()
        && cx.lang == Lang::Ar
        && &*h.value != "verb_final"
        && cx.text[clause_start..h.span.start].split_whitespace().all(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric()),
                "" | "و" | "ف" | "قد" | "وقد" | "كما" | "ثم" | "ولقد"
            )
        })
    {
        let subject = cx.starting_in(h.span.end, sent.end).next().filter(|&i| {
            let m = &cx.mentions[i];
            !cx.more_words_than(h.span.end, m.span.start, 1)
                && !cx.text[h.span.end..m.span.start].contains(CLAUSE_BREAKS)
                && m.label != Label::Person
                && attacker_ok(i)
        });
        if let Some(i) = subject {
            attackers.push(i);
            slot_from = cx.mentions[i].span.end;
        }
    }
    let (slot, slot_end) = if &*h.value == "verb_final" {
        // Verb-final Persian: the subject opens the clause (`هکرهای وابسته به سپاه`),
        // everything between it and the verb is the object (`کارزار انتخاباتی آمریکا را`).
        // Coordinated states or groups all attack (`روسیه و چین … را هک کردند`); a list of
        // agencies there is a statement's issuers (`بر اساس بیانیه X، Y و Z، …`).
        let run = attackers
            .windows(2)
            .take_while(|w| {
                coordinated(cx, w[0], w[1]) && w.iter().all(|&i| cx.mentions[i].label != Label::Gov)
            })
            .count();
        attackers.truncate(run + 1);
        (attackers.last().map_or(clause_start, |&a| cx.mentions[a].span.end), h.span.start)
    } else {
        // The slot ends at the next cue or attack word, or at an agent (`تلاش برای هک … از سوی
        // عوامل روسی`, `hacking … by Russian actors`), whose phrase names the attackers.
        let stop = cx.hits_in(h.span.end, sent.end).iter().find(|x| {
            matches!(x.kind, "cue" | "attack" | "attack_agent")
                && x.span.start >= h.span.end
                && x.span.end <= sent.end
        });
        let end = english_clause_end(cx, h.span.end, stop.map_or(sent.end, |x| x.span.start));
        if let Some(agent) = stop.filter(|x| x.kind == "attack_agent" && attackers.is_empty()) {
            let phrase = cx.phrase_end(agent.span.end, sent.end);
            attackers =
                cx.mentions_in(agent.span.end, phrase).into_iter().filter(|&i| attacker_ok(i)).collect();
        }
        (slot_from, end)
    };
    let mut targets = targets_among(cx, &cx.mentions_in(slot, slot_end));
    add_anaphoric_country(cx, si, slot, slot_end, &attackers, &mut targets);
    Some(Attack { sentence: si, attackers, targets, rule: "attack" })
}
/// Whether mentions `a` and `b` are coordinated: only `و`, `and`, commas between, and at least
/// one of them (`اسپاموفلاژ تایوان، …`: a group and the object after it, a space apart, are no list).
fn coordinated(cx: &Context<'_>, a: usize, b: usize) -> bool {
    let between = &cx.text[cx.mentions[a].span.end..cx.mentions[b].span.start];
    // Arabic writes `و` on the next word (`مجلس الأمن القومي والخارجية البريطانية`).
    let m = &cx.mentions[b];
    if cx.lang == Lang::Ar
        && between.trim().is_empty()
        && cx.text[m.span.start..m.span.end].starts_with('و')
        && !m.alias.starts_with('و')
    {
        return true;
    }
    let words = between.split(|c: char| c.is_whitespace() || matches!(c, ',' | '،'));
    let mut joined = between.contains([',', '،']);
    for w in words {
        match w {
            "" => {}
            "و" | "and" => joined = true,
            _ => return false,
        }
    }
    joined
}

/// Clause punctuation: no slot reaches over it.
const CLAUSE_BREAKS: [char; 7] = [',', '،', '.', ':', '؛', ';', '\n'];

/// How far (in bytes) after an attack noun its preposition is looked for: three words.
const PREP_WINDOW: usize = 120;

/// A nominal attack: the target slot after its preposition, the attacker from the noun's own
/// modifiers, its agent, or its clause's subject.
fn nominal(cx: &Context<'_>, claims: &[Claim], h: &OrigHit) -> Option<Attack> {
    // A noun inside a verbal attack word (`هجمات على`, `attack on`) is read there.
    let inside_verbal = cx
        .hits_in(h.span.start.saturating_sub(PREP_WINDOW), h.span.end)
        .iter()
        .any(|x| x.kind == "attack" && x.span.start < h.span.end && h.span.start < x.span.end);
    let si = sentences::index_of(cx.sentences, h.span.start);
    let &sent = cx.sentences.get(si)?;
    if inside_verbal || negated(cx, sent, h) {
        return None;
    }
    let window = sent.end.min(h.span.end + PREP_WINDOW);
    let prep = cx.hits_in(h.span.end, window).iter().find(|p| {
        p.kind == "attack_prep"
            && p.span.end <= sent.end
            && (p.value.is_empty() || p.value == h.value)
            && !cx.more_words_than(h.span.end, p.span.start, 3)
            && !cx.text[h.span.end..p.span.start].contains(CLAUSE_BREAKS)
    });
    let Some(prep) = prep else { return premodified(cx, claims, h, si) };
    // The slot stops at the next cue, complementizer or attack (`التدخل في الانتخابات مضيفا أن
    // روسيا …`).
    let mut end = cx.phrase_end(prep.span.end, sent.end);
    end = cx
        .hits_in(prep.span.end, end)
        .iter()
        .find(|x| {
            matches!(x.kind, "cue" | "complementizer" | "attack" | "attack_noun")
                && x.span.start > prep.span.end
        })
        .map_or(end, |x| x.span.start);
    if clause_negated(cx, sent, h.span.start, prep.span.end, end) {
        return None;
    }
    // An agent closes the target slot and names the attacker (`attacks on X by Y`).
    let agent = cx.hits_in(h.span.end, end.max(prep.span.end)).iter().find(|x| x.kind == "attack_agent");
    let agent = agent.or_else(|| {
        cx.hits_in(end, sent.end)
            .iter()
            .find(|x| x.kind == "attack_agent" && !cx.more_words_than(end, x.span.start, 0))
    });
    if let Some(a) = agent.filter(|a| a.span.start >= prep.span.end) {
        end = end.min(a.span.start);
    }
    let speakers = speakers_of(cx, claims, si);
    let mut attackers: Vec<usize> = cx
        .mentions_in(h.span.end, prep.span.start)
        .into_iter()
        .filter(|&i| can_attack(cx, &speakers, i))
        .collect();
    if attackers.is_empty() && cx.lang == Lang::En {
        // `Russia's cyber attack on`, `Chinese hacking of`.
        let before = cx.starting_in(sent.start, h.span.start).rev().find(|&i| {
            let m = &cx.mentions[i];
            m.span.end <= h.span.start
                && !cx.more_words_than(m.span.end, h.span.start, 2)
                && !cx.text[m.span.end..h.span.start].contains(CLAUSE_BREAKS)
        });
        attackers.extend(before.filter(|&i| can_attack(cx, &speakers, i)));
    }
    if attackers.is_empty()
        && let Some(a) = agent
    {
        let from = cx.mentions.partition_point(|m| m.span.start < a.span.end);
        let by = (from..cx.mentions.len())
            .take_while(|&i| !cx.more_words_than(a.span.end, cx.mentions[i].span.start, 1))
            .find(|&i| can_attack(cx, &speakers, i));
        attackers.extend(by);
    }
    let clause_start = clause_start(cx, sent, h.span.start);
    if attackers.is_empty() {
        attackers = cx
            .mentions_in(clause_start, h.span.start)
            .into_iter()
            .filter(|&i| can_attack(cx, &speakers, i))
            .collect();
        attackers = culprits(cx, &attackers, h).unwrap_or(attackers);
    }
    if attackers.is_empty() {
        attackers.extend(group_referent(cx, claims, si, clause_start, h.span.start));
    }
    let mut targets = targets_among(cx, &cx.mentions_in(prep.span.end, end));
    add_anaphoric_country(cx, si, prep.span.end, end, &attackers, &mut targets);
    Some(Attack { sentence: si, attackers, targets, rule: "attack:noun" })
}

/// Adds to `targets` the country a country anaphor in the target slot `[from, to)` refers back
/// to (kind `country_anaphor`: `حمله به زیرساخت‌های این کشور`, `التجسس على مواطنيها`, `the
/// country's grid`): the first country or nationality named before it in sentence `si` that is
/// none of the `attackers` (`برتانیه روسیه را به مداخله در سیاست این کشور متهم کرد` → the United
/// Kingdom), when the slot names no target itself (`هشت شرکت مخابراتی این کشور، از جمله X و
/// Y`, `وزارت خارجه این کشور`: the named ones are the targets).
fn add_anaphoric_country(
    cx: &Context<'_>,
    si: usize,
    from: usize,
    to: usize,
    attackers: &[usize],
    targets: &mut Vec<usize>,
) {
    let sent = cx.sentences[si];
    let to = to.min(sent.end);
    if from >= to || !targets.is_empty() {
        return;
    }
    let Some(anaphor) = cx.first_hit("country_anaphor", from, to).filter(|h| h.span.start >= from) else {
        return;
    };
    let attacker_ids: Vec<&str> = attackers.iter().map(|&a| cx.mentions[a].entity_id.as_str()).collect();
    let country = cx.starting_in(sent.start, anaphor.span.start).find(|&i| {
        let m = &cx.mentions[i];
        matches!(m.label, Label::Gpe | Label::Norp)
            && m.span.end <= anaphor.span.start
            && !attacker_ids.contains(&m.entity_id.as_str())
            && !in_dateline(cx, i)
    });
    targets.extend(country);
}

/// The culprits a blame word right before an attack noun names (kind `attack_culprit`: `X را
/// عامل حمله به Y دانست`, `X تقف وراء الهجوم على Y`, `X was behind the attack on Y`): the
/// candidate right before the word (up to two words between, `را رسماً`) and those coordinated
/// with it; the names before them (the accuser, `دولت آمریکا X را …`) are no attackers.
fn culprits(cx: &Context<'_>, candidates: &[usize], h: &OrigHit) -> Option<Vec<usize>> {
    let blame = cx.hits_in(h.span.start.saturating_sub(PREP_WINDOW), h.span.start).iter().rfind(|b| {
        b.kind == "attack_culprit"
            && b.span.end <= h.span.start
            && !cx.more_words_than(b.span.end, h.span.start, 1)
            && !cx.text[b.span.end..h.span.start].contains(CLAUSE_BREAKS)
    })?;
    let pos = candidates.iter().rposition(|&i| {
        let m = &cx.mentions[i];
        m.span.end <= blame.span.start
            && !cx.more_words_than(m.span.end, blame.span.start, 2)
            && !cx.text[m.span.end..blame.span.start].contains(CLAUSE_BREAKS)
    })?;
    let mut out = vec![candidates[pos]];
    for k in (0..pos).rev() {
        if !coordinated(cx, candidates[k], candidates[k + 1]) {
            break;
        }
        out.push(candidates[k]);
    }
    Some(out)
}

/// An English attack noun (kind `target_noun`) whose target is the name right before it (`the Nobitex hack`, `the
/// SolarWinds breach`, `a Sony Pictures intrusion`): a company, body or person, never a
/// nationality or group (`the Russian hack`, `the Lazarus hack` name the attacker). The attacker
/// is the subject of its clause (`X was behind the Nobitex hack`).
fn premodified(cx: &Context<'_>, claims: &[Claim], h: &OrigHit, si: usize) -> Option<Attack> {
    // `the Trump campaign`, `the Microsoft operation` name an owner, not a target.
    if cx.lang != Lang::En || !cx.has("target_noun", h.span) {
        return None;
    }
    let sent = cx.sentences[si];
    let at = cx.mentions.partition_point(|m| m.span.end <= h.span.start);
    let t = at.checked_sub(1).filter(|&i| {
        let m = &cx.mentions[i];
        matches!(m.label, Label::Org | Label::Gov | Label::Person)
            && m.span.start >= sent.start
            && cx.text[m.span.end..h.span.start].trim().is_empty()
    })?;
    let speakers = speakers_of(cx, claims, si);
    let clause_start = clause_start(cx, sent, cx.mentions[t].span.start);
    let mut attackers: Vec<usize> = cx
        .mentions_in(clause_start, cx.mentions[t].span.start)
        .into_iter()
        .filter(|&i| can_attack(cx, &speakers, i))
        .collect();
    if attackers.is_empty() {
        attackers.extend(group_referent(cx, claims, si, clause_start, cx.mentions[t].span.start));
    }
    Some(Attack { sentence: si, attackers, targets: vec![t], rule: "attack:noun" })
}

/// Whether mention `i` is a demonym describing a victim (`الانتخابات الأميركية`).
pub(crate) fn is_victim(cx: &Context<'_>, i: usize) -> bool {
    let m = &cx.mentions[i];
    if !matches!(m.label, Label::Norp | Label::Gpe) {
        return false;
    }
    // The noun the demonym describes: before it in Arabic and Persian
    // (`الانتخابات الأميركية`), after it in English (`a U.S. presidential campaign`).
    let before = cx.text[..m.span.start].trim_end().len();
    let after = m.span.end + (cx.text[m.span.end..].len() - cx.text[m.span.end..].trim_start().len());
    let english = cx.lang == Lang::En;
    // Persian joins a country to its noun by the ezafe (`انتخابات آمریکا`, `کارزار انتخاباتی
    // آمریکا`): a country right after a victim noun, or one word after it, is the victim too.
    let persian = cx.lang == Lang::Fa;
    (m.label == Label::Norp || english || persian)
        && cx.hits_in(before.saturating_sub(200), after + 1).iter().any(|h| {
            h.kind == "victim_head"
                && (h.span.end == before && (m.label == Label::Norp || persian)
                    || persian
                        && h.span.end < before
                        && cx.words_between(h.span.end, m.span.start) == 1
                        && !cx.text[h.span.end..m.span.start].contains([',', '،', '.'])
                    || english && h.span.start == after)
        })
}
