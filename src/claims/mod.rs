//! Claims: who said what (SCHEMA §8).
//!
//! For every reporting verb or frame found by the lexicon (`cue` words of
//! `rules/lexicon_claims.tsv`), in document order:
//! - **content**: the quoted words when a quote opens right after the cue and its speaker
//!   (`قال X "…"`, `گفت: «…»`) or closes right before the cue (`“…”، كما جاء في البيان`);
//!   otherwise the clause after the complementizer (`أن إن که that`) to the end of the sentence;
//! - **speaker**: Arabic puts the speaker after the verb (`وقال خطيب زاده`), Persian and English
//!   before it; the side the language prefers is tried first, then the other, then — for
//!   pronouns and elided subjects (`وأضاف`, `وی`, `he`) — the previous claim's speaker. A title
//!   with no name (`وأضاف مراسل القناة في روما`) is resolved through the ROLE relations seen
//!   earlier in the document;
//! - **stance**: the verb's own stance (`نفى` DENY, `اتهم` ACCUSE, `حذر` WARN); a neutral verb
//!   takes the stance of the words around it: calling something absurd or baseless is DENY,
//!   a negated accusation (`لا نية للتدخل`) is DENY, a forecast is WARN, an attack or
//!   interference is ACCUSE, anything else STATE.
//!
//! What it does not do: relations (`relations`), or find the entities (`link`).

use crate::doc::{Claim, Label, Lang, Mention, Relation, Span, Stance};
pub use crate::frames::context::{Context, OrigHit, quotes, to_original};
use crate::phrases::longest;

mod clause;
mod content;
mod cues;
mod speaker;

use clause::{Clause, QuoteCache};
use speaker::{History, RecentSpeakers, RoleTitles};

/// Finds the claims of one document. `roles` are the ROLE relations found so far (for
/// resolving bare titles).
///
/// Phases, per cue in document order: which cues report ([`cues`]), the clause each owns
/// ([`clause`]), its speaker ([`speaker`]), its content ([`content`]), then its stance and
/// targets.
pub fn find(cx: &Context<'_>, roles: &[Relation]) -> Vec<Claim> {
    let titles = RoleTitles::new(roles);
    let all_cues = to_original(cx.norm, &longest(cx.norm_hits, "cue"));
    let cues = cues::select(cx, &all_cues);
    let mut claims: Vec<Claim> = Vec::new();
    let mut recent = RecentSpeakers::default();
    let mut quote_cache = QuoteCache::default();
    // The last claim that is no relaying outlet's: a pronoun or elided subject refers past
    // the outlet (`ونقلت عنه وكالة X قوله`, §10 rule 10).
    let mut last_own: Option<usize> = None;
    for (ci, cue) in cues.iter().enumerate() {
        let Some(cl) = Clause::of(cx, &cues, ci, &mut quote_cache) else { continue };
        // `وأعلن X فجر الخميس رفض طهران للاتهامات`, `أكدت الوزارة رفضها …`: an Arabic verbal
        // noun right after the previous verb's slot, with no conjunction, is what that verb
        // said, not a claim of its own; the verb takes its stance and its words.
        if let Some(prev) = claims.last_mut().filter(|c| opens_content(cx, c, cue, cl.si)) {
            if let Some(st) = Stance::parse(&cue.value).filter(|&st| st != Stance::State) {
                prev.stance = st;
            }
            let end =
                cx.text[..cl.sent.end].trim_end_matches(['.', ' ', '\n', '،']).len().max(cue.span.start);
            prev.content = Span::new(cue.span.start, end);
            prev.targets = targets_in(cx.mentions, prev.content);
            continue;
        }
        let same_sentence =
            last_own.map(|k| &claims[k]).filter(|c: &&Claim| c.sentence == cl.si).and_then(|c| c.speaker);
        let quoted_by = claims
            .last()
            .filter(|c| {
                c.sentence == cl.si
                    && c.content.contains(&cue.span)
                    && (c.direct || quoted(cx.text, c.content))
            })
            .and_then(|c| c.speaker.map(|s| (s, c.content)));
        let history = History { recent: &recent, same_sentence, quoted_by };
        let speaker = speaker::choose(cx, cue, &cl, &titles, &all_cues, &history);
        let relays = cue.frame && relays_a_source(cx, cue, &all_cues, cl.sent);
        let (content, direct) = if relays {
            (content::relayed(cx, &speaker, cl.sent), false)
        } else {
            content::of(cx, cue, &cl, &speaker)
        };
        if cut_off(cx, content) {
            continue;
        }
        let stance = if relays {
            Stance::State
        } else {
            stance_in(cx, cue, &cl, content, &speaker, &titles, claims.last())
        };
        if let Some(s) = speaker.mention.filter(|_| !relays) {
            recent.push(cx.mentions[s].label, s);
        }
        // An outlet or company that frames a report (`according to X`, `به گزارش X`) is what a
        // later `the newspaper`, `الوكالة` may refer back to.
        if let Some(s) = speaker.mention.filter(|&s| cue.frame && cx.mentions[s].label == Label::Org) {
            recent.push_outlet(s);
        }
        if let Some(s) =
            speaker.mention.filter(|&s| stance == Stance::Accuse && cx.mentions[s].label == Label::Gov)
        {
            recent.push_accusing_body(s);
        }
        // A verb in a relative clause (`الاتهامات التي وجهها X`) is no main clause a later
        // verb joined by `و` continues.
        if !relays && cx.words_right_before("relative", cue.span.start).next().is_none() {
            last_own = Some(claims.len());
        }
        claims.push(Claim {
            cue: cue.span,
            stance,
            speaker: speaker.mention,
            speaker_span: speaker.span,
            direct,
            content,
            targets: targets_in(cx.mentions, content),
            sentence: cl.si,
            rule: format!("cue:{}", if direct { "direct" } else { "indirect" }),
            frame: cue.frame || cue.fixed,
            via: None,
            responds_to: Vec::new(),
            accusers_named: Vec::new(),
        });
    }
    relaying_frames_state(&mut claims);
    claims
}

/// Whether `content` is at most one word that runs into the end of a document cut off
/// mid-sentence (an excerpt that stops at `أعلنت أوب`): the claim's words are lost, and so
/// is the claim.
fn cut_off(cx: &Context<'_>, content: Span) -> bool {
    let rest = cx.text[content.end.min(cx.text.len())..].trim_end();
    rest.is_empty()
        && !cx.text.trim_end().ends_with(['.', '!', '?', '؟', '"', '»', '”', '\'', ')', '۔'])
        && !cx.more_words_than(content.start, content.end, 1)
}

/// A frame whose words hold another claim's verb (`به گزارش X، Y … رد کرد`, `According to X,
/// officials said …`) only relays that claim (SCHEMA §10 rule 9): it states. Alone it keeps
/// the stance of what it reports (`به گزارش X، شایعاتی بی‌اساس …`).
fn relaying_frames_state(claims: &mut [Claim]) {
    for i in 0..claims.len() {
        let (head, rest) = claims.split_at_mut(i + 1);
        let frame = &mut head[i];
        if frame.frame
            && frame.stance != Stance::State
            && rest
                .iter()
                .take_while(|c| c.sentence == frame.sentence)
                .any(|c| !c.frame && frame.content.contains(&c.cue))
        {
            frame.stance = Stance::State;
        }
    }
}

/// How many words (a time, a place) may stand between a verb's slot and the verbal noun that
/// opens what it said.
const VERBAL_NOUN_GAP: usize = 4;

/// Arabic: whether unprefixed `cue` opens what claim `prev` of sentence `si` said (`وأعلن X
/// فجر الخميس رفض …`): right after `prev`'s subject named after its verb, with no `و`,
/// connective (`إذ`, `حيث`), relative (`التي`, `ما`), complementizer, mark or quote between and at
/// most [`VERBAL_NOUN_GAP`] words.
fn opens_content(cx: &Context<'_>, prev: &Claim, cue: &OrigHit, si: usize) -> bool {
    if cx.lang != Lang::Ar
        || prev.sentence != si
        || prev.frame
        || prev.direct
        || cue.prefixed
        || cue.participle
        || cue.frame
    {
        return false;
    }
    let Some(subject) = prev.speaker_span.filter(|sp| sp.start >= prev.cue.end && sp.end <= cue.span.start)
    else {
        return false;
    };
    let between = &cx.text[subject.end..cue.span.start];
    prev.content.end <= cue.span.start + 1
        && !between.contains(['.', '"', '«', '»', '“', '”', ':', '\n'])
        && !between.split_whitespace().any(|w| w.starts_with('و') && w.chars().count() <= 2)
        && !cx.more_words_than(subject.end, cue.span.start, VERBAL_NOUN_GAP)
        && !cx
            .hits_in(subject.end, cue.span.start)
            .iter()
            .any(|h| matches!(h.kind, "relative" | "complementizer" | "clause_connective" | "contrast"))
}

/// Whether `content` is quoted words: it opens with a quote mark.
fn quoted(text: &str, content: Span) -> bool {
    text[content.start..content.end].trim_start().starts_with(['"', '«', '“', '\''])
}

/// The stance of `cue` with `content` in clause `cl`, said by `speaker`; `titles` are the
/// document's ROLE titles, `last` is the previous claim.
fn stance_in(
    cx: &Context<'_>,
    cue: &OrigHit,
    cl: &Clause<'_>,
    content: Span,
    speaker: &speaker::Speaker,
    titles: &RoleTitles,
    last: Option<&Claim>,
) -> Stance {
    // Where the words that set the stance are: after the verb, and before it too in
    // verb-final Persian (`آن گزارش را بی‌اساس دانست`).
    let scope_start = if cx.lang == Lang::Fa { cl.left.min(cue.span.start) } else { cue.span.start };
    let scope = Span::new(scope_start.min(content.start), content.end.max(cue.span.end));
    // Who could be an agent: someone named in the content, between the verb (or a speaker
    // after it) and the content (`قال X إن روسيا «…»`, `called Moscow the "threat"`), or in
    // Persian before the verb; never in the speaker's own phrase (`وأعلن المدير التنفيذي لشركة
    // X أن …`: X is no agent).
    let object_start = speaker.span.filter(|s| s.start >= cue.span.end).map_or(cue.span.end, |s| s.end);
    let agents = Agents {
        after_verb: object_start,
        content,
        object: (object_start < content.start).then(|| Span::new(object_start, content.start)),
        persian_left: (cx.lang == Lang::Fa).then_some(scope),
        speaker: speaker.span,
    };
    // An evaluating participle (`calling them "recycled fantasies"`, `واصفة إياها`) after a
    // denial or an accusation in its sentence carries that stance when its words are neutral.
    // A continuing participle (`مضيفاً أن`, `adding that`) with neutral words goes on with a
    // denial (`denied it, adding that its systems were safe`); after an accusation it often
    // adds a circumstance, and keeps its own stance.
    let same_sentence = |ok: fn(Stance) -> bool| {
        last.filter(|c| c.sentence == cl.si && ok(c.stance)).map_or(Stance::State, |c| c.stance)
    };
    match stance_of(cx, cue, scope, &agents, speaker.mention) {
        Stance::State if &*cue.value == "INHERIT" => {
            same_sentence(|s| matches!(s, Stance::Deny | Stance::Accuse))
        }
        Stance::State if cue.participle => same_sentence(|s| s == Stance::Deny),
        Stance::State if cl.joined(cx, cue) && continues_a_denial(cx, cl, speaker, titles, last) => {
            Stance::Deny
        }
        other => other,
    }
}

/// Whether a verb with neutral words, joined by `و`/`and` to the previous one, goes on with a
/// denial its speaker made earlier in the sentence (`نفت السفارة الاتهامات، وقالت إن …`, `denied any wrongdoing and said …`, `این
/// اتهام‌ها را بی‌بنیاد خواند و گفت …`): the previous claim is a denial of the same sentence
/// and of the same speaker, or of the body the speaker speaks for by a ROLE (`نفت الوزارة
/// الاتهام، وقالت المتحدثة باسمها X`) (SCHEMA §10 rule 11: the content mainly rejects an
/// accusation).
fn continues_a_denial(
    cx: &Context<'_>,
    cl: &Clause<'_>,
    speaker: &speaker::Speaker,
    titles: &RoleTitles,
    last: Option<&Claim>,
) -> bool {
    let id = |m: Option<usize>| m.map(|i| cx.mentions[i].entity_id.as_str()).filter(|id| !id.is_empty());
    last.filter(|c| c.sentence == cl.si && c.stance == Stance::Deny).is_some_and(|c| {
        match (id(speaker.mention), id(c.speaker)) {
            (Some(now), Some(before)) => now == before || titles.speaks_for(cx, now, before),
            _ => false,
        }
    })
}

/// Whether the frame `cue` relays a source with a verb of its own (`ونقلت X عن Y قوله …`, §10
/// rule 9): a `source_prep` after the cue within its reach, before any complementizer, and a
/// cue after it in the sentence `sent`. Without that verb (`نقلت X عن Y أن …`) the source
/// speaks through the frame.
fn relays_a_source(cx: &Context<'_>, cue: &OrigHit, all_cues: &[OrigHit], sent: Span) -> bool {
    cx.first_hit("source_prep", cue.span.end, sent.end).is_some_and(|h| {
        !cx.more_words_than(cue.span.end, h.span.start, cues::SOURCE_REACH)
            && cx.first_hit("complementizer", cue.span.end, h.span.start).is_none()
            && all_cues.iter().any(|c| c.span.start >= h.span.end && c.span.end <= sent.end)
    })
}

/// Where a claim's agents may stand (SCHEMA §10 rule 11: ACCUSE needs an agent).
struct Agents {
    /// Where the verb's object starts: after the verb, or after a speaker that follows it.
    after_verb: usize,
    /// The claim's content.
    content: Span,
    /// Between the verb or a speaker after it and the content: the verb's object.
    object: Option<Span>,
    /// In verb-final Persian, the clause before the verb too.
    persian_left: Option<Span>,
    /// The speaker's own phrase (title and name): nobody there is an agent.
    speaker: Option<Span>,
}

impl Agents {
    /// Whether a mention at `span` stands where an agent may. In the verb's object slot, a
    /// mention after a preposition (`على منصة X`, `in a Thursday X post`) is a circumstance,
    /// unless a complementizer opened the clause after it (`قال X إن روسيا «…»`).
    fn admits(&self, cx: &Context<'_>, span: Span) -> bool {
        let in_speaker = self.speaker.is_some_and(|s| s.start < span.end && span.start < s.end);
        let within = |r: Option<Span>| r.is_some_and(|r| r.contains(&span));
        let object = self.object.is_some_and(|o| {
            o.contains(&span) && {
                let before = cx.hits_in(o.start, span.start);
                let last =
                    |kind: &str| before.iter().rev().find(|h| h.kind == kind && h.span.end <= span.start);
                // An agent marker (`by`, `من قبل`, `توسط`) names who did it: no circumstance.
                let agent_marker = |p: &OrigHit| {
                    before
                        .iter()
                        .any(|h| matches!(h.kind, "attack_agent" | "owner_marker") && h.span == p.span)
                };
                match (last("complementizer"), last("preposition").filter(|p| !agent_marker(p))) {
                    (_, None) => true,
                    (Some(c), Some(p)) => c.span.start > p.span.start,
                    (None, Some(_)) => false,
                }
            }
        });
        !in_speaker && (self.content.contains(&span) || object || within(self.persian_left))
    }
}

/// The stance `cue` gives the words in `scope`: the verb's own, else the stance words around
/// it (a negated accusation is a denial). `speaker` is the claim's speaker mention: a group
/// naming itself (`أعلنت جماعة X مسؤوليتها`) is no actor it accuses.
fn stance_of(
    cx: &Context<'_>,
    cue: &OrigHit,
    scope: Span,
    agents: &Agents,
    speaker: Option<usize>,
) -> Stance {
    let speaker_id = speaker.map(|s| cx.mentions[s].entity_id.as_str());
    let verb = Stance::parse(&cue.value).unwrap_or(Stance::State);
    // Condemning an accusation denies it (`واستنكر هذه الاتهامات`, `slammed the advisory as …`).
    if verb == Stance::Accuse
        && !cue.fixed
        && !cue.accusation
        && condemns_an_accusation(cx, agents.after_verb)
    {
        return Stance::Deny;
    }
    if verb != Stance::State || cue.fixed {
        return verb;
    }
    let in_scope = cx.hits_in(scope.start, scope.end);
    let scoped =
        |kind: &'static str| in_scope.iter().filter(move |h| h.kind == kind && scope.contains(&h.span));
    // A denial word that describes what was spread (`اطلاعات نادرست`, `fake accounts`) names
    // the accused act: it accuses.
    let (deny_words, disinformation): (Vec<&OrigHit>, Vec<&OrigHit>) =
        scoped("stance_deny").partition(|h| !describes_content(cx, h));
    let deny = !deny_words.is_empty();
    // A culprit nobody names (`من يقف وراء الهجوم`, `who was behind it`, `الجهة التي تقف وراء`,
    // `چه کسی پشت`) is asked about or sought, not accused: its words neither accuse nor are
    // negated into a denial, and the attack they speak of has no agent (`تعرف واشنطن من يقف
    // وراء الهجوم`: the one who knows did not do it).
    let sought = |g: &OrigHit| cx.words_right_before("unknown_culprit", g.span.start).next().is_some();
    let accusing = |h: &&OrigHit| !scoped("stance_accuse").any(|g| g.span.contains(&h.span) && sought(g));
    let accusations = || scoped("stance_accuse").filter(accusing);
    let culprit_sought = scoped("stance_accuse").any(sought);
    let accuse = accusations().next().is_some()
        || !disinformation.is_empty()
        || scoped("attack").next().is_some()
        || scoped("attack_noun").next().is_some();
    // A negated accusation (`لا نية للتدخل`, `لم تتدخل`, `did not interfere`): the negation
    // within four words before the accusation word.
    // Persian puts the negated verb after it (`در انتخابات هیچ کشوری دخالت نمی‌کند`).
    let persian = cx.lang == Lang::Fa;
    // Whether a negation and an accusation word of the scope stand as `ok` says.
    // A negation inside a resolve not to suffer something (`will not tolerate`, `تحمل نخواهد`)
    // negates no accusation: it is the speaker's, as a victim.
    let resolve = |n: &OrigHit| scoped("stance_victim").any(|v| v.span.contains(&n.span));
    let pair = |ok: &dyn Fn(&OrigHit, &OrigHit) -> bool| {
        scoped("negation").filter(|n| !resolve(n)).any(|n| accusations().any(|a| ok(n, a)))
    };
    let negated = pair(&|n, a| {
        a.span.start >= n.span.end && cx.words_between(n.span.end, a.span.start) <= 3
            || persian && n.span.start >= a.span.end && cx.words_between(a.span.end, n.span.start) <= 1
    });
    // A negation anywhere before the accusation word in the same clause (`لم ترصد تعاونا …
    // في أنشطة التأثير`) makes it a plain statement; a contrast (`اما`, `but`) opens a new one.
    let contrast_between =
        |a: usize, b: usize| cx.hits_in(a, b).iter().any(|h| h.kind == "contrast" && h.span.end <= b);
    let denied_far = pair(&|n, a| a.span.start >= n.span.end && !contrast_between(n.span.end, a.span.start));
    let names_actor = cx.starting_in(scope.start, scope.end).any(|i| {
        let m = &cx.mentions[i];
        m.label == Label::ThreatActor
            && agents.admits(cx, m.span)
            && m.span.start > cue.span.end
            && speaker_id != Some(m.entity_id.as_str())
    }) || describes_an_actor(cx, agents.content, speaker);
    // Words that blame outright (`ایران را مسئول این حمله دانست`, `responsible for`) accuse even
    // where the speaker is the victim, and whatever threat the words also see.
    let blames = accusations().any(|h| &*h.value == "blame");
    // An attack given a purpose (`يهدف إلى إثارة الذعر`, `aimed at sowing chaos`, `با هدف`)
    // has someone who meant it: an agent described (SCHEMA §10 rule 11, `the aim was chaos`).
    let purposed = (scoped("attack").next().is_some() || scoped("attack_noun").next().is_some())
        && scoped("attack_purpose").next().is_some();
    if deny || negated {
        Stance::Deny
    } else if cx.has("stance_victim", scope) && !names_actor && !blames {
        Stance::State
    } else if cx.has("stance_warn", scope) && !blames {
        Stance::Warn
    } else if names_actor
        || accuse
            && !denied_far
            && !culprit_sought
            && (blames || purposed || names_an_agent(cx, scope, agents, speaker_id))
    {
        Stance::Accuse
    } else {
        Stance::State
    }
}

/// Whether an accusing verb has an accusation or a report as its object, starting at `from`
/// (`استنكر هذه الاتهامات`, `ندد بالادعاءات`, `slammed the US advisory`): at most two words
/// before the noun.
fn condemns_an_accusation(cx: &Context<'_>, from: usize) -> bool {
    cues::accusation_noun_within(cx, from, cx.phrase_end(from, cx.text.len()), 2)
}

/// Whether the denial word `h` describes something spread rather than a claim: a
/// `content_noun` right before it in Arabic and Persian (`معلومات كاذبة`, `اطلاعات نادرست`),
/// right after it in English (`false information`, `fake accounts`).
/// A demonstrative before the noun makes it a subject with the denial as its predicate (`این
/// تصاویر «ساختگی» است`, `these images are fake`), and so does punctuation between them.
fn describes_content(cx: &Context<'_>, h: &OrigHit) -> bool {
    let adjacent =
        |a: usize, b: usize| a <= b && cx.text[a..b].chars().all(|c| c.is_whitespace() || c == '\u{200c}');
    let attributive = |n: &OrigHit| cx.words_right_before("demonstrative", n.span.start).next().is_none();
    cx.hits_in(h.span.start.saturating_sub(64), h.span.end + 64).iter().any(|n| {
        n.kind == "content_noun"
            && attributive(n)
            && if cx.lang == Lang::En {
                adjacent(h.span.end, n.span.start)
            } else {
                adjacent(n.span.end, h.span.start)
            }
    })
}

/// Whether `content` opens with its subject described as a hacking group (`that the group
/// registered domains …`, `أن القراصنة استغلوا …`, SCHEMA §10 rule 11: an agent described):
/// not a possessor (`the group's servers`), not negated right after (`the hackers were not …`),
/// and not where the speaker is itself an actor, whom the description names (`أعلنت المجموعة
/// مسؤوليتها`).
fn describes_an_actor(cx: &Context<'_>, content: Span, speaker: Option<usize>) -> bool {
    if speaker.is_some_and(|s| cx.mentions[s].label == Label::ThreatActor) {
        return false;
    }
    cx.hits_in(content.start, content.end).iter().any(|h| {
        h.kind == "group_anaphor"
            && content.contains(&h.span)
            && !cx.more_words_than(content.start, h.span.start, 0)
            && !cx.text[h.span.end..].starts_with(['\'', '’'])
            && cx
                .hits_in(h.span.end, content.end)
                .iter()
                .filter(|n| n.kind == "negation")
                .all(|n| cx.more_words_than(h.span.end, n.span.start, 1))
    })
}

/// Whether a `kind` hit is the subject that opens `content` (`that they …`, `أن القراصنة …`),
/// in Arabic also right after the verb that opens it (`نشر هؤلاء معلومات`: verb first).
fn content_opens_with(cx: &Context<'_>, content: Span, kind: &str) -> bool {
    let before = usize::from(cx.lang == Lang::Ar);
    cx.hits_in(content.start, content.end).iter().any(|h| {
        h.kind == kind
            && content.contains(&h.span)
            && !cx.more_words_than(content.start, h.span.start, before)
    })
}

/// Whether `scope` names someone who could have done what its accusation words say (SCHEMA
/// §10 rule 11: ACCUSE needs an agent): a person, body, group, country or nationality other
/// than the speaker, standing where [`Agents`] admits one and not as the victim; or a
/// description of a group or operation named before (`the group`, `these hackers`,
/// `المجموعة`, `این گروه`, `این افراد`); or a pronoun opening the content (`said they had
/// spread …`). An agentless report (`hackers broke into the account`, `the breach began with
/// a flaw`) states.
fn names_an_agent(cx: &Context<'_>, scope: Span, agents: &Agents, speaker_id: Option<&str>) -> bool {
    cx.has("group_anaphor", scope)
        || content_opens_with(cx, agents.content, "agent_anaphor")
        || cx.starting_in(scope.start, scope.end).any(|i| {
            let m = &cx.mentions[i];
            matches!(
                m.label,
                Label::ThreatActor | Label::Norp | Label::Gpe | Label::Gov | Label::Org | Label::Person
            ) && agents.admits(cx, m.span)
                && speaker_id != Some(m.entity_id.as_str())
                && !victim_slot(cx, m.span)
                && !modifies_a_victim(cx, i)
        })
}

/// Whether the mention at `span` stands where a victim does: right after an attack preposition
/// (`on`, `against`, `على`, `به`) or a victim noun (`الناخبين الأمريكيين`); in English right
/// before a victim noun (`American voters`) or right after an active attack verb (`breached
/// the exchange`); in Arabic right after a relative clause's attack verb (`الذي استهدف أرامكو`).
/// Not after a tie or an agent marker (`وابسته به`, `linked to`, `coordinated by`, `من قبل`):
/// who stands there did it.
fn victim_slot(cx: &Context<'_>, span: Span) -> bool {
    let marked_agent = |at: usize| {
        cx.words_right_before("tie", at).next().is_some()
            || cx.words_right_before("attack_agent", at).next().is_some()
    };
    if marked_agent(span.start) {
        return false;
    }
    let object_of_attack = match cx.lang {
        // `breached the exchange`, `hacked its servers`: a determiner may stand between.
        Lang::En => cx.hits_in(span.start.saturating_sub(64), span.start).iter().any(|v| {
            v.kind == "attack" && v.span.end <= span.start && {
                let between = cx.text[v.span.end..span.start].trim();
                between.is_empty() || matches!(between, "the" | "a" | "an" | "its" | "their")
            }
        }),
        // `الذي استهدف (شركة) أرامكو`: one head word may stand between.
        Lang::Ar => cx.hits_in(span.start.saturating_sub(64), span.start).iter().any(|v| {
            v.kind == "attack"
                && v.span.end <= span.start
                && !cx.more_words_than(v.span.end, span.start, 1)
                && cx.words_right_before("relative", v.span.start).next().is_some()
        }),
        _ => false,
    };
    object_of_attack
        // `من` (value `from`) opens the target of a theft or leak (`سرقة بيانات من X`) but also a
        // source or origin (`جاءت من إيران`): it marks no victim here.
        || cx
            .words_right_before("attack_prep", span.start)
            .any(|p| !marked_agent(p.span.start) && &*p.value != "from")
        || cx.words_right_before("victim_head", span.start).next().is_some()
        || cx.lang == Lang::En
            && cx.hits_in(span.end, span.end + 64).iter().any(|h| {
                h.kind == "victim_head"
                    && h.span.start >= span.end
                    && cx.words_between(span.end, h.span.start) == 0
            })
}

/// Whether mention `i` is an adjective of the mention right before it, which stands as a
/// victim (`استهدف شركة أرامكو السعودية`: the demonym is the victim's, no agent).
fn modifies_a_victim(cx: &Context<'_>, i: usize) -> bool {
    let m = &cx.mentions[i];
    i > 0 && m.label == Label::Norp && {
        let prev = &cx.mentions[i - 1];
        prev.span.end <= m.span.start
            && cx.text[prev.span.end..m.span.start]
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '"' | '“' | '”' | '«' | '»'))
            && victim_slot(cx, prev.span)
    }
}

/// The entities named in `content`, one mention each, in order.
fn targets_in(mentions: &[Mention], content: Span) -> Vec<usize> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    let first = mentions.partition_point(|m| m.span.start < content.start);
    for (i, m) in mentions.iter().enumerate().skip(first).take_while(|(_, m)| m.span.start < content.end) {
        if content.contains(&m.span) && !m.entity_id.is_empty() && !seen.contains(&m.entity_id.as_str()) {
            seen.push(&m.entity_id);
            out.push(i);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Normalized;

    #[test]
    fn more_words_than_agrees_with_the_full_count() {
        let text = "قال المتحدث باسم الخارجية، في بيان: \"لا\" — the U.S. side said 12 words here and there.";
        let norm = Normalized::new(text);
        let cx = Context {
            text,
            lang: Lang::Ar,
            sentences: &[],
            mentions: &[],
            hits: &[],
            norm_hits: &[],
            norm: &norm,
        };
        let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        for (k, &a) in bounds.iter().enumerate().step_by(3) {
            for &b in &bounds[k..] {
                for n in 0..20 {
                    assert_eq!(cx.more_words_than(a, b, n), cx.words_between(a, b) > n, "{a}..{b} > {n}");
                }
            }
        }
        // Inside a character (a byte window reaching back from a mention): counted from the
        // character that holds the offset, without a panic.
        for a in 0..=text.len() {
            for b in a..=text.len() + 2 {
                let (fa, cb) = (text.floor_char_boundary(a), text.ceil_char_boundary(b.min(text.len())));
                assert_eq!(cx.words_between(a, b), cx.words_between(fa, cb), "{a}..{b}");
            }
        }
    }

    #[test]
    fn quote_pairs_including_mismatched() {
        let t = "قال “هذا“ و«ذاك» و\"ثالث\" و 'رابع'";
        let q: Vec<&str> = quotes(t, Span::new(0, t.len())).iter().map(|(i, _)| &t[i.start..i.end]).collect();
        assert_eq!(q, vec!["هذا", "ذاك", "ثالث", "رابع"]);
        let t = "Iran's spokesman said 'absurd' today";
        let q: Vec<&str> = quotes(t, Span::new(0, t.len())).iter().map(|(i, _)| &t[i.start..i.end]).collect();
        assert_eq!(q, vec!["absurd"]);
    }
}
