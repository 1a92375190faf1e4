//! Attack predicates: who attacked, hacked, spied on or tried to influence whom (TARGETED,
//! SCHEMA §10 rule 3), read from the attack words of a sentence and the slots around them.
//!
//! - **verbal** (`attack` words: `استهدفت`, `هاجموا`, `هدف قرار داد`, `targeted`): attackers
//!   (THREAT_ACTOR/GPE/NORP/GOV) before the verb in its clause, targets after it (Arabic,
//!   English) or between the subject and the verb (Persian, verb-final).
//!
//! Attackers are never the speakers of the sentence's claims (`the FBI and CISA said …`), and
//! a demonym on a victim noun (`الانتخابات الأميركية`) is no attacker.
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
    /// The rule that found it (`attack`).
    pub rule: &'static str,
}

impl Attack {
    /// Every (attacker, target) pair of two different entities, coordinated slots giving
    /// every combination.
    pub fn pairs<'s>(&'s self, cx: &'s Context<'_>) -> impl Iterator<Item = (usize, usize)> + 's {
        self.attackers.iter().flat_map(move |&a| {
            self.targets
                .iter()
                .filter(move |&&t| cx.mentions[a].entity_id != cx.mentions[t].entity_id)
                .map(move |&t| (a, t))
        })
    }
}

/// The attack predicates of a document, in the order of their words.
pub fn attacks(cx: &Context<'_>, claims: &[Claim]) -> Vec<Attack> {
    let mut out = Vec::new();
    for h in cx.hits.iter().filter(|h| h.kind == "attack") {
        if let Some(a) = verbal(cx, claims, h) {
            out.push(a);
        }
    }
    out
}

/// The entity ids of the speakers of sentence `si`'s claims.
fn speakers_of<'c>(cx: &'c Context<'_>, claims: &[Claim], si: usize) -> Vec<&'c str> {
    // Claims are in document order, so a sentence's claims are one run.
    let first = claims.partition_point(|c| c.sentence < si);
    claims[first..]
        .iter()
        .take_while(|c| c.sentence == si)
        .filter_map(|c| c.speaker.map(|s| cx.mentions[s].entity_id.as_str()))
        .collect()
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

/// Where the clause holding `at` starts: after the last complementizer before it, else the
/// sentence's start.
fn clause_start(cx: &Context<'_>, sent: crate::doc::Span, at: usize) -> usize {
    cx.hits_in(sent.start, at)
        .iter()
        .filter(|x| x.kind == "complementizer" && x.span.end <= at && x.span.start >= sent.start)
        .map(|x| x.span.end)
        .next_back()
        .unwrap_or(sent.start)
}

/// The targets among `found`: people and bodies, without a party adjective that describes the
/// candidate right after it (`المرشح الديمقراطي جو بايدن`: the person is the target).
fn targets_among(cx: &Context<'_>, found: &[usize]) -> Vec<usize> {
    let target_ok =
        |i: usize| matches!(cx.mentions[i].label, Label::Person | Label::Org | Label::Gov | Label::Gpe);
    found
        .iter()
        .enumerate()
        .filter(|&(k, &i)| {
            let adjective = cx.mentions[i].label == Label::Org
                && found.get(k + 1).is_some_and(|&n| {
                    cx.mentions[n].label == Label::Person
                        && cx.words_between(cx.mentions[i].span.end, cx.mentions[n].span.start) == 0
                });
            target_ok(i) && !adjective
        })
        .map(|(_, &i)| i)
        .collect()
}

/// A verbal attack: its attackers before it in its clause, its targets after it (or before
/// it, verb-final).
fn verbal(cx: &Context<'_>, claims: &[Claim], h: &OrigHit) -> Option<Attack> {
    let si = sentences::index_of(cx.sentences, h.span.start);
    let &sent = cx.sentences.get(si)?;
    if negated(cx, sent, h) {
        return None;
    }
    let speakers = speakers_of(cx, claims, si);
    let clause_start = clause_start(cx, sent, h.span.start);
    let attacker_ok = |i: usize| {
        let m = &cx.mentions[i];
        matches!(m.label, Label::ThreatActor | Label::Gpe | Label::Norp | Label::Gov)
            && !is_victim(cx, i)
            && !speakers.contains(&m.entity_id.as_str())
    };
    let mut attackers: Vec<usize> =
        cx.mentions_in(clause_start, h.span.start).into_iter().filter(|&i| attacker_ok(i)).collect();
    if attackers.is_empty() {
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
                attacker_ok(i)
                    && cue.is_none_or(|c| {
                        m.span.start >= clause_start.max(c.end)
                            || m.span.end <= c.start && m.label != Label::Gov
                    })
            })
            .collect();
    }
    let found = if &*h.value == "verb_final" {
        // Verb-final Persian: the subject opens the clause (`هکرهای وابسته به سپاه`),
        // everything between it and the verb is the object (`کارزار انتخاباتی آمریکا را`).
        attackers.truncate(1);
        let from = attackers.last().map_or(clause_start, |&a| cx.mentions[a].span.end);
        cx.mentions_in(from, h.span.start)
    } else {
        let end = cx
            .hits_in(h.span.end, sent.end)
            .iter()
            .filter(|x| {
                (x.kind == "cue" || x.kind == "attack")
                    && x.span.start >= h.span.end
                    && x.span.end <= sent.end
            })
            .map(|x| x.span.start)
            .next()
            .unwrap_or(sent.end);
        cx.mentions_in(h.span.end, end)
    };
    let targets = targets_among(cx, &found);
    Some(Attack { sentence: si, attackers, targets, rule: "attack" })
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
