//! Links between the claims of one document, read after every claim is found:
//!
//! - **via**: the relay or source frame that carries a claim (`به گزارش خبرگزاری X، وزیر Y
//!   گفت …`, `وبحسب وكالة X، قال Y …`, `Y said …, according to X`): the nearest frame claim
//!   of the same sentence before the claim's cue, or one whose content holds the cue, with
//!   another speaker (SCHEMA §10 rule 9). The chain outlet → agency → speaker is the isnad.
//! - **responds_to**: for a denial, the accusations of the document it answers, wherever they
//!   stand (articles often lead with the denial): an accusation by another speaker whose
//!   content names the denier's side (the denier, the bodies and countries its title and name
//!   carry), or whose speaker the denial's content names (`rejected Microsoft's report`).
//! - **replies of the accused**: a claim of a side accused before it accuses, that denies
//!   somewhere and here blames only its accusers (`وارسو اعتادت تحميل روسيا …`), is a denial
//!   (SCHEMA §10 rule 11); a denial's content that names its accuser's side gives the owners it
//!   denies (`Claim::accusers_named`, rule 5).
//! - **own side only**: an accusation whose only accused are its speaker's own side (`China
//!   opposes all forms of cyberattacks`, said by China's spokesman) accuses no one: a denial
//!   when that side denies in the document, else a statement.
//!
//! What it does not do: find claims or speakers (`claims`), or relations (`relations`).

use crate::doc::{Claim, Label, Mention, Relation, Stance};
use std::collections::{HashMap, HashSet};

use crate::frames::context::Context;
use crate::gazetteer::Gazetteer;

/// Fills `via` and `responds_to` of `claims` (in document order); `roles` are the document's
/// ROLE relations (a spokesman speaks for the ministry his title names); the gazetteer says
/// which country a body is of ([`Gazetteer::home`]: the Kremlin is Russia's).
pub fn link(cx: &Context<'_>, gazetteer: &Gazetteer, roles: &[Relation], claims: &mut [Claim]) {
    let mut via: Vec<Option<usize>> = (0..claims.len()).map(|i| relay_of(claims, i)).collect();
    // A trailing relay (`X said …, the BBC reported`) carries the claim before it, whose
    // content ends before the relay (§10 rule 12: without a trailing frame).
    for i in 0..claims.len() {
        if let Some(k) = relayed_before(cx.text, claims, i) {
            via[k] = via[k].or(Some(i));
            let end = claims[i].content.end;
            let carried = &mut claims[k];
            if carried.content.end > end {
                carried.content.end = end;
                carried.targets.retain(|&t| cx.mentions[t].span.end <= end);
            }
        }
    }
    // A frame or verb that relays another speaker's claim states (SCHEMA §10 rule 11): the
    // stance is the carried claim's.
    for &j in via.iter().flatten() {
        claims[j].stance = Stance::State;
    }
    let parties = Sides::new(cx, gazetteer, roles);
    // Each speaker's side once, not once per pair of claims.
    let mut sides: HashMap<&str, Vec<&str>> = HashMap::new();
    for c in claims.iter() {
        if let Some(id) = speaker_id(cx.mentions, c) {
            sides.entry(id).or_insert_with(|| parties.of(id));
        }
    }
    let answers = |claims: &[Claim]| -> Vec<Vec<usize>> {
        let accusations: Vec<usize> = (0..claims.len())
            .filter(|&j| claims[j].stance == Stance::Accuse && claims[j].speaker.is_some())
            .collect();
        (0..claims.len()).map(|i| answered_by(&parties, &sides, &accusations, claims, i)).collect()
    };
    // Who an accusation accuses is never a victim of the attack it reports (`targeted the DNC`):
    // the attack predicates' targets, found once per document.
    let victims: HashSet<usize> =
        crate::frames::predicates::attacks(cx, claims).into_iter().flat_map(|a| a.targets).collect();
    own_side_only(&parties, &sides, &victims, claims);
    let before = answers(claims);
    // New denials answer accusations too, and are no longer accusations themselves.
    replies_of_the_accused(&parties, &sides, &victims, &before, claims);
    let responds = answers(claims);
    let named: Vec<Vec<usize>> = (0..claims.len())
        .map(|i| accusers_named(&parties, &sides, &victims, claims, &responds[i], i))
        .collect();
    for (((c, v), r), n) in claims.iter_mut().zip(via).zip(responds).zip(named) {
        c.via = v;
        c.responds_to = r;
        c.accusers_named = n;
    }
}

/// A side the document shows accused (before it accuses anyone), that denies somewhere, and
/// that in another claim
/// blames only its accusers or names no one else (`وارسو اعتادت تحميل روسيا مسؤولية …`, `the
/// U.S. is itself the biggest source of attacks`, `Russia was itself a target`) rejects the
/// accusation: DENY (SCHEMA §10 rule 11, a content that mainly rejects an accusation is DENY
/// even if it blames the accuser). A verb that accuses by itself (`اتهمت`, `accused`) keeps
/// its stance, and so does a claim that names a third party.
fn replies_of_the_accused(
    parties: &Sides<'_>,
    sides: &HashMap<&str, Vec<&str>>,
    victims: &HashSet<usize>,
    answered: &[Vec<usize>],
    claims: &mut [Claim],
) {
    let cx = parties.cx;
    let side_of = |c: &Claim| speaker_id(cx.mentions, c).map(|id| &sides[id]);
    let overlap = |a: &[&str], b: &[&str]| a.iter().any(|x| b.contains(x));
    // Who an accusation accuses: a state, body or group it names, not a victim of the attack
    // it reports (`targeted the DNC`, `الانتخابات الأمريكية`).
    let accuses = |a: &Claim, side: &[&str]| {
        a.targets.iter().any(|&t| {
            let m = &cx.mentions[t];
            matches!(m.label, Label::Gpe | Label::Norp | Label::Gov | Label::ThreatActor)
                && !victims.contains(&t)
                && !crate::frames::predicates::is_victim(cx, t)
                && parties.stands_for(side, &m.entity_id)
        })
    };
    let mut replies = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let Some(side) = side_of(c) else { continue };
        if c.stance != Stance::Accuse || verb_accuses(cx, c) {
            continue;
        }
        // The claims an article's reply answers stand near it: a window of claims around it
        // keeps a document of a million claims linear.
        let near = i.saturating_sub(REPLY_REACH)..(i + REPLY_REACH + 1).min(claims.len());
        let around = &claims[near.clone()];
        // The sides of the accusations that name this side, with the co-issuers of each
        // (`مجلس الأمن القومي الأميركي والخارجية البريطانية`).
        let accusers: Vec<Vec<&str>> = around
            .iter()
            .filter(|a| a.stance == Stance::Accuse)
            .filter_map(|a| side_of(a).map(|s| (a, s)))
            .filter(|(a, s)| !overlap(s, side) && accuses(a, side))
            .flat_map(|(a, s)| {
                let issuers = a.speaker.map(|k| cx.co_issuers(k)).unwrap_or_default();
                std::iter::once(s.clone())
                    .chain(issuers.into_iter().map(|k| parties.of(cx.mentions[k].entity_id.as_str())))
            })
            .collect();
        // A denial of this side that answers an accusation.
        let denies = around.iter().zip(&answered[near]).any(|(d, r)| {
            d.stance == Stance::Deny && !r.is_empty() && side_of(d).is_some_and(|s| overlap(s, side))
        });
        // Accused before it accuses: the side that accuses first is the accuser, whatever
        // the other side says back.
        let first = |of_side: bool| {
            around
                .iter()
                .filter(|a| a.stance == Stance::Accuse)
                .filter(|a| {
                    side_of(a).is_some_and(|s| {
                        if of_side { overlap(s, side) } else { !overlap(s, side) && accuses(a, side) }
                    })
                })
                .map(|a| a.cue.start)
                .min()
        };
        let accused_first = first(false).is_some_and(|against| first(true).is_none_or(|by| against < by));
        let only_accusers = c.targets.iter().all(|&t| {
            let m = &cx.mentions[t];
            let id = m.entity_id.as_str();
            !matches!(
                m.label,
                Label::Gpe | Label::Norp | Label::Gov | Label::Org | Label::Person | Label::ThreatActor
            ) || parties.stands_for(side, id)
                || accusers.iter().any(|s| parties.stands_for(s, id))
        });
        if !accusers.is_empty() && denies && accused_first && only_accusers {
            replies.push(i);
        }
    }
    for &i in &replies {
        claims[i].stance = Stance::Deny;
    }
}

/// An accusation by a state's speaker whose only accused are on its own side (`Beijing opposes all forms
/// of cyberattacks`, said by China's spokesman; `إيران نفسها ضحية الهجمات`) accuses no one
/// (SCHEMA §10 rule 11: an agent of the wrongdoing): a denial when that side denies elsewhere
/// in the document, else a statement. A verb that accuses by itself keeps its stance.
fn own_side_only(
    parties: &Sides<'_>,
    sides: &HashMap<&str, Vec<&str>>,
    victims: &HashSet<usize>,
    claims: &mut [Claim],
) {
    let cx = parties.cx;
    let side_of = |c: &Claim| speaker_id(cx.mentions, c).map(|id| &sides[id]);
    let accusable = |t: usize| {
        let m = &cx.mentions[t];
        matches!(
            m.label,
            Label::Gpe | Label::Norp | Label::Gov | Label::Org | Label::ThreatActor | Label::Person
        ) && !victims.contains(&t)
            && !crate::frames::predicates::is_victim(cx, t)
    };
    // Only a state speaks for its side: a country, a government body, or a person a ROLE puts
    // in one (the head of an institute may still accuse its country).
    let official = |c: &Claim| {
        c.speaker.is_some_and(|s| match cx.mentions[s].label {
            Label::Gpe | Label::Norp | Label::Gov => true,
            Label::Person => parties.roles.iter().any(|r| {
                r.predicate == "ROLE"
                    && cx.mentions[r.subject].entity_id == cx.mentions[s].entity_id
                    && matches!(cx.mentions[r.object].label, Label::Gov | Label::Gpe | Label::Norp)
            }),
            _ => false,
        })
    };
    // Every id on the side of some denial, once: a document of many claims stays linear.
    let denying: HashSet<&str> =
        claims.iter().filter(|d| d.stance == Stance::Deny).filter_map(side_of).flatten().copied().collect();
    let mut changes = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let Some(side) = side_of(c) else { continue };
        if c.stance != Stance::Accuse || verb_accuses(cx, c) || !official(c) {
            continue;
        }
        let mut accused = c.targets.iter().copied().filter(|&t| accusable(t)).peekable();
        if accused.peek().is_none() || !accused.all(|t| parties.stands_for(side, &cx.mentions[t].entity_id)) {
            continue;
        }
        let denies = side.iter().any(|x| denying.contains(x));
        changes.push((i, if denies { Stance::Deny } else { Stance::State }));
    }
    for (i, stance) in changes {
        claims[i].stance = stance;
    }
}

/// The mentions in denial `i`'s content that name the side of the accuser it answers (the
/// nearest of `answered`: its speaker's or a co-issuer's), not as a victim: who the denial
/// blames back is whose claim it rejects.
fn accusers_named(
    parties: &Sides<'_>,
    sides: &HashMap<&str, Vec<&str>>,
    victims: &HashSet<usize>,
    claims: &[Claim],
    answered: &[usize],
    i: usize,
) -> Vec<usize> {
    let cx = parties.cx;
    let d = &claims[i];
    if d.stance != Stance::Deny {
        return Vec::new();
    }
    // The answered accusation nearest before the denial, else the first after it.
    let here = d.cue.start;
    let nearest = answered.iter().filter(|&&j| claims[j].speaker.is_some()).min_by_key(|&&j| {
        let at = claims[j].cue.start;
        if at < here { (0, here - at) } else { (1, at - here) }
    });
    let accuser_sides: Vec<Vec<&str>> = nearest
        .iter()
        .filter_map(|&&j| claims[j].speaker)
        .flat_map(|s| cx.co_issuers(s))
        .map(|k| {
            let id = cx.mentions[k].entity_id.as_str();
            sides.get(id).cloned().unwrap_or_else(|| parties.of(id))
        })
        .collect();
    let own = speaker_id(cx.mentions, d).map(|id| &sides[id]);
    d.targets
        .iter()
        .copied()
        .filter(|&t| {
            let m = &cx.mentions[t];
            matches!(m.label, Label::Gpe | Label::Norp | Label::Gov | Label::Org | Label::Person)
                && !own.is_some_and(|s| parties.stands_for(s, &m.entity_id))
                && !victims.contains(&t)
                && !crate::frames::predicates::is_victim(cx, t)
                && accuser_sides.iter().any(|s| parties.stands_for(s, &m.entity_id))
        })
        .collect()
}

/// How many claims before and after a reply [`replies_of_the_accused`] reads.
const REPLY_REACH: usize = 200;

/// Whether claim `c`'s verb accuses by itself (`اتهمت`, `accused`, `متهم کرد`).
pub(crate) fn verb_accuses(cx: &Context<'_>, c: &Claim) -> bool {
    cx.hits_in(c.cue.start, c.cue.start + 1)
        .iter()
        .any(|h| h.kind == "cue" && &*h.value == "ACCUSE" && h.span == c.cue)
}

/// The entity id of claim `c`'s speaker, if it has one.
fn speaker_id<'m>(mentions: &'m [Mention], c: &Claim) -> Option<&'m str> {
    c.speaker.map(|s| mentions[s].entity_id.as_str())
}

/// The frame claim that relays claim `i`, if any.
fn relay_of(claims: &[Claim], i: usize) -> Option<usize> {
    let c = &claims[i];
    if c.frame {
        return None;
    }
    let carries = |j: usize| {
        let f = &claims[j];
        j != i && f.frame && f.sentence == c.sentence && f.speaker.is_some() && f.speaker != c.speaker
    };
    // A frame before the cue, the nearest one; else a frame after its clause that holds it, or
    // a trailing frame fragment with no clause of its own (`…, the FBI said, according to X.`).
    (0..i)
        .rev()
        .take_while(|&j| claims[j].sentence == c.sentence)
        .find(|&j| carries(j) && claims[j].cue.start < c.cue.start)
        .or_else(|| {
            (i + 1..claims.len())
                .take_while(|&j| claims[j].sentence == c.sentence)
                .find(|&j| carries(j) && (claims[j].content.contains(&c.cue) || claims[j].content.is_empty()))
        })
}

/// The claim that claim `i` attributes after the fact, when `i` relays words another
/// speaker's verb in its sentence already reports (`X declared Russia responsible, the BBC
/// reported`): a relay (§10 rule 9). The attribution stands after a comma (`…, the BBC
/// reported`, `…، وفقا لما ورد في X`) and the other verb before the words.
fn relayed_before(text: &str, claims: &[Claim], i: usize) -> Option<usize> {
    let c = &claims[i];
    if c.content.end > c.cue.start || !text[c.content.end..c.cue.start].contains([',', '،']) {
        return None;
    }
    (0..i).rev().take_while(|&k| claims[k].sentence == c.sentence).find(|&k| {
        let k = &claims[k];
        k.speaker.is_some()
            && k.speaker != c.speaker
            && k.cue.end <= c.content.start
            && k.content.start < c.content.end
            && c.content.start < k.content.end
    })
}

/// The accusations claim `i` answers, when it is a denial with a speaker.
/// `sides` holds every speaker's side ([`Sides::of`]); `accusations` the ACCUSE claims with a
/// speaker.
fn answered_by(
    parties: &Sides<'_>,
    sides: &HashMap<&str, Vec<&str>>,
    accusations: &[usize],
    claims: &[Claim],
    i: usize,
) -> Vec<usize> {
    let cx = parties.cx;
    let d = &claims[i];
    let Some(denier) = speaker_id(cx.mentions, d) else { return Vec::new() };
    if d.stance != Stance::Deny {
        return Vec::new();
    }
    let side = &sides[denier];
    let named_by_denial: Vec<&str> = d.targets.iter().map(|&t| cx.mentions[t].entity_id.as_str()).collect();
    accusations
        .iter()
        .copied()
        .filter(|&j| {
            let a = &claims[j];
            let Some(accuser) = speaker_id(cx.mentions, a) else { return false };
            // An accuser on the denier's own side (its minister, its country) is no accuser
            // the denial answers: a speaker error upstream, most likely.
            j != i
                && !sides[accuser].iter().any(|s| side.contains(s))
                && (a.targets.iter().any(|&t| parties.stands_for(side, &cx.mentions[t].entity_id))
                    || named_by_denial.contains(&accuser))
        })
        .collect()
}

/// What the parties of a document stand for.
struct Sides<'a> {
    cx: &'a Context<'a>,
    gazetteer: &'a Gazetteer,
    roles: &'a [Relation],
    /// Entity id → canonical name, from the first mention of each.
    canonicals: HashMap<&'a str, &'a str>,
    /// The document's countries and demonyms: (entity id, canonical), one per id.
    countries: Vec<(&'a str, &'a str)>,
}

impl<'a> Sides<'a> {
    fn new(cx: &'a Context<'a>, gazetteer: &'a Gazetteer, roles: &'a [Relation]) -> Sides<'a> {
        let mut canonicals = HashMap::new();
        let mut countries: Vec<(&str, &str)> = Vec::new();
        for m in cx.mentions {
            canonicals.entry(m.entity_id.as_str()).or_insert(m.canonical.as_str());
            if matches!(m.label, Label::Gpe | Label::Norp)
                && !m.canonical.is_empty()
                && !countries.iter().any(|(id, _)| *id == m.entity_id)
            {
                countries.push((&m.entity_id, &m.canonical));
            }
        }
        Sides { cx, gazetteer, roles, canonicals, countries }
    }

    /// Whether `target` is on `side`: one of its ids, or a body the gazetteer gives one of
    /// its countries (hackers of the IRGC accuse Iran's side).
    fn stands_for(&self, side: &[&str], target: &str) -> bool {
        side.contains(&target) || self.gazetteer.home(target).iter().any(|h| side.contains(&h.as_str()))
    }

    /// The entity ids a speaker stands for: itself, the bodies and countries its ROLE
    /// relations name, the countries the gazetteer gives these bodies, and the countries their
    /// canonical names hold (`Embassy of China, Canberra` → China) as the document's country
    /// mentions name them.
    fn of(&self, speaker: &'a str) -> Vec<&'a str> {
        let cx = self.cx;
        let mut side = vec![speaker];
        let add = |side: &mut Vec<&'a str>, id: &'a str| {
            if !side.contains(&id) {
                side.push(id);
            }
        };
        for r in
            self.roles.iter().filter(|r| r.predicate == "ROLE" && cx.mentions[r.subject].entity_id == speaker)
        {
            add(&mut side, cx.mentions[r.object].entity_id.as_str());
        }
        for k in 0..side.len() {
            for home in self.gazetteer.home(side[k]) {
                add(&mut side, home.as_str());
            }
        }
        // A capital speaks for its country (`نفت موسكو` is Russia's denial).
        if let Some(m) = cx.mentions.iter().find(|m| m.entity_id == speaker && m.label == Label::Gpe) {
            let capital_of = cx
                .hits_in(m.span.start, m.span.end)
                .iter()
                .find(|h| h.kind == "capital" && h.span.end == m.span.end)
                .map(|h| h.value.to_string());
            for &(id, canonical) in &self.countries {
                if capital_of.as_deref() == Some(canonical) {
                    add(&mut side, id);
                }
            }
        }
        let canonicals: Vec<&str> = side.iter().filter_map(|id| self.canonicals.get(id).copied()).collect();
        for &(id, canonical) in &self.countries {
            if canonicals.iter().any(|c| contains_word(c, canonical)) {
                add(&mut side, id);
            }
        }
        side
    }
}

/// Whether `name` occurs in `s` as whole words.
fn contains_word(s: &str, name: &str) -> bool {
    s.match_indices(name).any(|(at, _)| {
        let before = s[..at].chars().next_back();
        let after = s[at + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
