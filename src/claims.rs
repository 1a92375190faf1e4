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
use crate::frames::context::trim;
pub use crate::frames::context::{Context, OrigHit, quotes, to_original};
use crate::normalize::is_alphanumeric;
use crate::phrases::longest;
use crate::sentences;

/// Finds the claims of one document. `roles` are the ROLE relations found so far (for
/// resolving bare titles).
pub fn find(cx: &Context<'_>, roles: &[Relation]) -> Vec<Claim> {
    let titles = RoleTitles::new(roles);
    let all_cues = to_original(cx.norm, &longest(cx.norm_hits, "cue"));
    let cues: Vec<OrigHit> = all_cues
        .iter()
        .filter(|cue| {
            // `بحسب ما أعلن X`, `وفقا لما ذكرته X`: the frame introduces the verb that reports.
            let frame_before_verb = cue.frame
                && cues_after(&all_cues, cue.span.end)
                    .iter()
                    .take_while(|c| !cx.more_words_than(cue.span.end, c.span.start, 1))
                    .any(|c| {
                        c.span.start > cue.span.end
                            && !cx.text[cue.span.end..c.span.start]
                                .contains(['.', '،', ',', '؟', '!', '\n', ':'])
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
            if cx.words_right_before("naming_before", cue.span.start).any(|h| verb.ends_with(&*h.value)) {
                return false;
            }
            // `ونقلت الوكالة عن الناطق … قوله إن`: the verb after the source is the cue, the
            // frame that carries it is not.
            if cue.frame
                && cues_after(&all_cues, cue.span.end)
                    .iter()
                    .take_while(|c| !cx.more_words_than(cue.span.end, c.span.start, SOURCE_REACH))
                    .any(|c| source_frame(cx, cue, c).is_some())
            {
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
                    && (outer.start > sent_start
                        && cx.text[sent_start..outer.start].trim_end().ends_with(':')
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
        })
        .cloned()
        .collect();
    let mut claims: Vec<Claim> = Vec::new();
    let mut recent = RecentSpeakers::default();
    let mut quote_cache: (Option<usize>, Vec<(Span, Span)>) = (None, Vec::new());
    for (ci, cue) in cues.iter().enumerate() {
        let si = sentences::index_of(cx.sentences, cue.span.start);
        let Some(&sent) = cx.sentences.get(si) else { continue };
        // The part of the sentence this cue owns: from the previous cue (or a dateline dash)
        // to the next cue.
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
        let left_bound = prev_cue_end.max(dateline).max(semicolon);
        if quote_cache.0 != Some(si) {
            quote_cache = (Some(si), quotes(cx.text, sent));
        }
        let qs = &quote_cache.1;
        let quoted = |sp: &Span| {
            qs.iter()
                .any(|(inner, outer)| outer.contains(sp) && cx.words_between(inner.start, inner.end) >= 3)
        };
        // A cue inside quoted words is nested speech: it does not end this claim's clause.
        let right_bound = cues[ci + 1..]
            .iter()
            .take_while(|c| c.span.start < sent.end)
            .find(|c| !quoted(&c.span) || quoted(&cue.span))
            .map_or(sent.end, |c| c.span.start);
        // Quoted words of three or more are speech; a quoted name (`"مايكروسوفت"`) is a name.
        let in_quote = |sp: &Span| {
            qs.iter()
                .any(|(inner, outer)| outer.contains(sp) && cx.words_between(inner.start, inner.end) >= 3)
        };
        let previous = recent.last();
        let arabic = cx.lang == Lang::Ar;
        let (right_speaker, right_end) = speaker_right(cx, cue, sent, &titles);
        // Arabic headlines and clauses put a bare subject right before an unprefixed verb
        // (`إيران تتنصل`, `مجموعة 'مايكروسوفت' تعلن`).
        let subject_before = (arabic && !cue.prefixed && !cue.frame)
            .then(|| {
                cx.starting_in(left_bound, cue.span.start).rev().find(|&i| {
                    let m = &cx.mentions[i];
                    m.span.end <= cue.span.start && Context::is_speaker_label(m.label) && {
                        // Only quote marks or a relative pronoun between (`المسؤولين الذين نفوا`).
                        let between = Span::new(m.span.end, cue.span.start);
                        let bare: String = cx.text[between.start..between.end]
                            .chars()
                            .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '\'' | '”' | '“' | '»'))
                            .collect();
                        bare.is_empty()
                            || cx.hits_in(between.start, between.end).iter().any(|h| {
                                h.kind == "relative"
                                    && between.contains(&h.span)
                                    && cx.words_between(between.start, between.end) == 1
                            })
                    }
                })
            })
            .flatten();
        let left_speaker = speaker_left(cx, left_bound, cue.span.start, &in_quote, arabic);
        // A title before the verb that an earlier ROLE explains (`وزير الخارجية الروسي شدد`).
        let left_role = subject_before
            .or(left_speaker)
            .is_some_and(|m| cx.mentions[m].label != Label::Person)
            .then(|| role_holder(cx, &titles, Span::new(left_bound, cue.span.start), cue.span.start))
            .flatten();
        // A participle (`مضيفا`, `قائلين`) shares the main verb's subject: the sentence's first
        // person or body, else the previous speaker.
        let same_sentence_previous = claims.last().filter(|c| c.sentence == si).and_then(|c| c.speaker);
        let participle_subject = cue
            .participle
            .then(|| {
                same_sentence_previous
                    .or_else(|| speaker_left(cx, sent.start, cue.span.start, &in_quote, false))
            })
            .flatten();
        // A passive agent (`رد ادعای مایکروسافت … توسط وزارت امور خارجه`).
        let agent = cx
            .hits_in(cue.span.end, sent.end)
            .iter()
            .filter(|h| h.kind == "agent" && h.span.end <= sent.end)
            .find_map(|h| {
                let from = cx.mentions.partition_point(|m| m.span.start < h.span.end);
                (from..cx.mentions.len())
                    .take_while(|&i| !cx.more_words_than(h.span.end, cx.mentions[i].span.start, 0))
                    .find(|&i| Context::is_speaker_label(cx.mentions[i].label))
            });
        // Unnamed officials of a named country right before the verb (`American intelligence
        // agencies said`, `مقامات اطلاعاتی آمریکا میگویند`) speak for that country.
        let officials_of = (!arabic && !cue.frame)
            .then(|| {
                let noun = cx.hits_in(left_bound, cue.span.start).iter().find(|h| {
                    h.kind == "body_noun"
                        && &*h.value == "officials"
                        && h.span.end <= cue.span.start
                        && h.span.start >= left_bound
                        && cx.words_between(h.span.end, cue.span.start) <= 3
                })?;
                cx.starting_in(left_bound, cue.span.start).rev().find(|&i| {
                    let m = &cx.mentions[i];
                    matches!(m.label, Label::Norp | Label::Gpe)
                        && m.span.end <= cue.span.start
                        && (m.span.end <= noun.span.start
                            && cx.words_between(m.span.end, noun.span.start) <= 1
                            || m.span.start >= noun.span.end
                                && cx.words_between(noun.span.end, m.span.start) <= 2)
                })
            })
            .flatten();
        // The source a frame before the cue names (`ونقلت الوكالة عن الناطق … قوله`): a
        // pronoun (`عنه`) is the previous speaker.
        let source = frames_before(&all_cues, cx, cue.span.start).find_map(|f| source_frame(cx, f, cue));
        let source_named = source.filter(|h| &*h.value != "pronoun").and_then(|h| {
            // A person named with a title (`عن الناطق باسم الخارجية سعيد خطيب زاده`) is the
            // source, not the body in the title.
            cx.starting_in(h.span.end, cue.span.start)
                .find(|&i| cx.mentions[i].label == Label::Person && cx.mentions[i].span.end <= cue.span.start)
                .or_else(|| speaker_left(cx, h.span.end, cue.span.start, &in_quote, false))
        });
        // A pronoun opening the clause (`وی افزود`, `He added`, `او با اشاره به گزارش
        // مایکروسافت تأکید کرد`) is the subject: the previous speaker, whoever is named
        // between it and the verb.
        let pronoun_subject = !arabic
            && !cue.frame
            && cx.hits_in(left_bound, cue.span.start).iter().any(|h| {
                h.kind == "pronoun"
                    && h.span.end <= cue.span.start
                    && cx.words_between(left_bound, h.span.start) == 0
            });
        let order: [Option<usize>; 3] = if source.is_some() {
            [source_named, None, None]
        } else if let Some(k) = kana_subject(cx, cue.span.start, left_bound) {
            [Some(k), None, None]
        } else if pronoun_subject {
            [None, None, None]
        } else if cue.participle {
            [participle_subject, None, None]
        } else if let Some(o) = officials_of {
            [Some(o), None, None]
        } else if let Some(a) = agent {
            [Some(a), None, None]
        } else if let Some(p) = left_role {
            [Some(p), None, None]
        } else if cue.frame {
            [right_speaker, left_speaker, None]
        } else if arabic {
            [subject_before, right_speaker, left_speaker]
        } else if cx.lang == Lang::Fa && left_speaker.is_none() {
            // `کسی که این گزارش را تکذیب کرد، NAME …`: with no subject before a
            // verb-final clause, the name set off after it is who spoke.
            [apposed_person(cx, cue.span.end, sent), right_speaker, None]
        } else {
            // English names the speaker after the verb only when the verb is inverted after
            // the content (`…," said the spokesman`) or opens its clause: after a subject
            // word (`Officials said China's …`) the name after the verb is the content's.
            let before = cx.text[left_bound.min(cue.span.start)..cue.span.start].trim_end();
            let inverted = before.is_empty()
                || before.ends_with([',', '"', '”', '’', '\'', '—', '–', ':', '(', '«', '»'])
                || cx.words_right_before("pronoun", cue.span.start).next().is_some();
            let right = right_speaker.filter(|_| cx.lang != Lang::En || inverted || left_speaker.is_some());
            // `The hackers were Russian, said Lavrov.`: a name that ends the sentence or its
            // clause after an inverted verb is the speaker, not a name in the content before.
            let closes = right.is_some_and(|r| {
                let after = cx.text[cx.mentions[r].span.end..sent.end].trim_start();
                after.is_empty() || after.starts_with(['.', ',', ';', ':', '!', '?'])
            });
            // A person before the verb, set off by an apposition (`X, a researcher at Y, told
            // AFP`), stays its subject.
            let left_person = left_speaker.is_some_and(|l| cx.mentions[l].label == Label::Person);
            if cx.lang == Lang::En && inverted && !before.is_empty() && closes && !left_person {
                [right, left_speaker, None]
            } else {
                [left_speaker, right, None]
            }
        };
        let named = order.into_iter().flatten().next();
        // A description (`الشركة الأميركية`, `المجموعة`, `the company`) refers back to the
        // last entity of its kind, even when a demonym inside it is a mention.
        let described = if cue.participle || pronoun_subject || source.is_some() {
            None
        } else {
            let window = Span::new(left_bound, speaker_slot_end(cx, cue.span, sent).max(right_end));
            described_speaker(cx, window, cue.span.start, previous, named, &recent, cue.span)
        };
        // A verb joined by `و` to the previous claim of the sentence continues it (`وقال "…"
        // ووصف الولايات المتحدة بـ…`): same speaker, unless a person is named right after.
        let is_and = |w: &str| matches!(crate::normalize::normalize_str(w).as_str(), "و" | "and");
        let between = &cx.text[prev_cue_end.min(cue.span.start)..cue.span.start];
        // Persian puts the verb last: `… «بی‌اساس» خواند و ادعاهای آمریکا را رد کرد` joins the
        // second verb with `و` right after the first.
        let joined = cue.prefixed
            || between.split_whitespace().next_back().is_some_and(is_and)
            || cx.lang == Lang::Fa
                && prev_cue_end > sent.start
                && between.split_whitespace().next().is_some_and(is_and);
        let continues = joined
            && same_sentence_previous.is_some()
            && !named.is_some_and(|m| {
                cx.mentions[m].label == Label::Person && m == right_speaker.unwrap_or(usize::MAX)
            });
        let named = if continues { same_sentence_previous } else { named };
        // Unnamed experts, sources and analysts (`وقال خبراء`, `experts say`, `کارشناسان
        // می‌گویند`) speak for no one the text names (SCHEMA §10 rule 10), unless a person or
        // body is named with them.
        let unnamed = unnamed_source(cx, cue.span)
            && named.is_none_or(|m| {
                !matches!(cx.mentions[m].label, Label::Person | Label::Org | Label::Gov | Label::ThreatActor)
            });
        let (speaker, speaker_span) = match (cue.participle && named.is_none(), described, named) {
            _ if unnamed => (None, None),
            (true, _, _) => (previous, None),
            (_, Some(d), _) => (Some(d), None),
            (_, None, Some(m)) => (Some(m), Some(cx.mentions[m].span)),
            // Pronoun or elided subject: the previous claim's speaker.
            (_, None, None) => (previous, None),
        };
        // The content starts after the speaker when the speaker follows the verb.
        let after_speaker = if named.is_some() && named == right_speaker {
            speaker_span.filter(|s| s.start >= cue.span.end).map_or(cue.span.end, |s| s.end).max(right_end)
        } else {
            cue.span.end
        };
        // Content.
        let mut direct = false;
        let mut content = None;
        if let Some((inner, outer)) = qs.iter().find(|(i, o)| {
            o.start >= cue.span.end && o.start < right_bound.max(cue.span.end + 1) && !cx.is_quoted_name(*i)
        }) {
            let gap = cx.words_between(after_speaker.min(outer.start), outer.start);
            // A scare-quoted word before the complementizer (`said they were "confident" that
            // Iran was behind …`) is not the reported words: the clause after `that` is.
            let clause_follows = cx.words_between(inner.start, inner.end) <= 2
                && cx
                    .first_hit("complementizer", outer.end, right_bound)
                    .is_some_and(|h| cx.words_between(outer.end, h.span.start) == 0);
            if gap <= 2 && !clause_follows {
                direct = true;
                content = Some(*inner);
            }
        }
        if content.is_none()
            && let Some((inner, outer)) =
                qs.iter().rev().find(|(_, o)| o.end <= cue.span.start && o.start >= left_bound)
            && cx.words_between(inner.start, inner.end) >= 3
            && (cx.words_between(outer.end, cue.span.start) <= 3
                // `"…," a spokesperson for the mission said.`: the speaker phrase sits between
                // the quote and a sentence-final verb.
                // A frame after its clause reports the clause, quote marks and all.
                || !cue.frame
                    && cx.words_between(outer.end, cue.span.start) <= 14
                    && cx.words_between(cue.span.end, right_bound) <= 4)
        {
            direct = true;
            content = Some(*inner);
        }
        let content = content.unwrap_or_else(|| {
            // A frame after its clause (`Russia is the main threat, according to the FBI`,
            // `…، وفقًا للبيان`) reports the clause before it.
            if cue.frame && cx.words_between(left_bound, cue.span.start) >= 3 {
                let before = trim(cx.text, Span::new(left_bound, cue.span.start));
                let body = cx.text[before.start..before.end].trim_end_matches([',', '،', ' ']);
                return Span::new(before.start, before.start + body.len());
            }
            // English puts the speaker after an unquoted clause too (`North Korean hackers stole
            // $1.5 billion, Google's Mandiant unit said in a report`): with no `that` after the
            // verb, the clause before the comma is what it reports.
            if cx.lang == Lang::En
                && cx.first_hit("complementizer", cue.span.end, right_bound).is_none()
                && !cx.text[cue.span.end..right_bound].contains(['"', '“', ':'])
                && let Some(comma) = cx.text[left_bound..cue.span.start].rfind(',').map(|p| left_bound + p)
                && cx.words_between(comma, cue.span.start) <= 6
                && cx.words_between(left_bound, comma) >= 4
            {
                return trim(cx.text, Span::new(left_bound, comma));
            }
            let from = cx
                .first_hit("complementizer", cue.span.end, right_bound)
                .map_or(after_speaker, |h| h.span.end);
            let end = if right_bound < sent.end { cut_connective(cx, from, right_bound) } else { sent.end };
            let after = trim(cx.text, Span::new(from.min(end), end));
            // Verb-final Persian with nothing after the verb (`X Y را به … متهم کرد`, `X آن
            // را بی‌اساس دانست`): the words between the speaker and the verb are the content.
            match speaker_span {
                Some(sp) if cx.lang == Lang::Fa && after.is_empty() && sp.end <= cue.span.start => {
                    trim(cx.text, Span::new(sp.end.max(left_bound), cue.span.start))
                }
                _ => after,
            }
        });
        // Where the words that set the stance are: after the verb, and before it too in
        // verb-final Persian (`آن گزارش را بی‌اساس دانست`).
        let scope_start = if cx.lang == Lang::Fa { left_bound.min(cue.span.start) } else { cue.span.start };
        let scope = Span::new(scope_start.min(content.start), content.end.max(cue.span.end));
        // An evaluating participle (`calling them "recycled fantasies"`, `واصفة إياها`) after a
        // denial or an accusation in its sentence carries that stance when its words are neutral.
        let stance = match stance_of(cx, cue, scope) {
            Stance::State if &*cue.value == "INHERIT" => claims
                .last()
                .filter(|c| c.sentence == si && matches!(c.stance, Stance::Deny | Stance::Accuse))
                .map_or(Stance::State, |c| c.stance),
            other => other,
        };
        let targets = targets_in(cx.mentions, content);
        if let Some(s) = speaker {
            recent.push(cx.mentions[s].label, s);
        }
        claims.push(Claim {
            cue: cue.span,
            stance,
            speaker,
            speaker_span,
            direct,
            content,
            targets,
            sentence: si,
            rule: format!("cue:{}", if direct { "direct" } else { "indirect" }),
            frame: cue.frame || cue.fixed,
            via: None,
            responds_to: Vec::new(),
        });
    }
    claims
}

/// How many words a frame reaches to the cue it carries (`نقلت … عن … قوله`).
const SOURCE_REACH: usize = 14;

/// The cues (sorted by start) that start at or after byte `at`.
fn cues_after(cues: &[OrigHit], at: usize) -> &[OrigHit] {
    &cues[cues.partition_point(|c| c.span.start < at)..]
}

/// The frames that may carry the cue at `at` ([`source_frame`]), in document order: those
/// ending at most [`SOURCE_REACH`] words before it.
fn frames_before<'h>(cues: &'h [OrigHit], cx: &Context<'_>, at: usize) -> impl Iterator<Item = &'h OrigHit> {
    let end = cues.partition_point(|c| c.span.start < at);
    // Cues are disjoint and sorted, so their ends grow too: walk back while in reach.
    let start = (0..end)
        .rev()
        .take_while(|&i| cues[i].span.end > at || !cx.more_words_than(cues[i].span.end, at, SOURCE_REACH))
        .last()
        .unwrap_or(end);
    cues[start..end].iter()
}

/// The speakers of the claims found so far, for the references that go back to them: the
/// last one, and the last one of each label.
#[derive(Debug, Default)]
struct RecentSpeakers {
    last: Option<usize>,
    /// (label, order of its last claim, mention), one row per label.
    by_label: Vec<(Label, usize, usize)>,
    count: usize,
}

impl RecentSpeakers {
    fn push(&mut self, label: Label, mention: usize) {
        self.last = Some(mention);
        self.count += 1;
        match self.by_label.iter_mut().find(|(l, _, _)| *l == label) {
            Some(row) => *row = (label, self.count, mention),
            None => self.by_label.push((label, self.count, mention)),
        }
    }

    fn last(&self) -> Option<usize> {
        self.last
    }

    /// The last speaker with one of `labels`.
    fn last_of(&self, labels: &[Label]) -> Option<usize> {
        self.by_label.iter().filter(|(l, _, _)| labels.contains(l)).max_by_key(|(_, k, _)| *k).map(|r| r.2)
    }
}

/// How far back (bytes) a description looks for the mention it stands for, when no speaker
/// of its kind came before: an antecedent further back than this is not one.
const ANTECEDENT_REACH: usize = 64 * 1024;

/// The `source_prep` hit (`عن`, `عنه`) between a frame `f` (`نقلت`) and a later cue `c` in
/// its slot (`قوله`), when `c` reports what the frame carries.
fn source_frame<'h>(cx: &'h Context<'_>, f: &OrigHit, c: &OrigHit) -> Option<&'h OrigHit> {
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

/// Ends a clause before the connective that introduces the next claim (`، فيما`, `, while`).
fn cut_connective(cx: &Context<'_>, from: usize, to: usize) -> usize {
    let t = &cx.text[from.min(to)..to];
    let trimmed = t.trim_end();
    let last_word_start =
        trimmed.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(p, c)| p + c.len_utf8());
    let last = crate::normalize::normalize_str(&trimmed[last_word_start..]);
    if ["فيما", "بينما", "while", "as", "و", "and", "لكن", "but", "اما"].contains(&last.as_str())
    {
        return from + last_word_start;
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

/// The entity a description stands for: a `body_noun` word in `window` (the speaker slot
/// around the cue) with no person or body named in it resolves to the last speaker, else the
/// last mention, with one of the labels its lexicon value lists (`البيان` → `GOV|ORG`);
/// `officials` (`المسؤولون الإيرانيون`) defers to the country named with them.
fn described_speaker(
    cx: &Context<'_>,
    window: Span,
    before: usize,
    previous: Option<usize>,
    named: Option<usize>,
    speakers: &RecentSpeakers,
    cue: Span,
) -> Option<usize> {
    // In English, a description right before the verb, after any name (`Hours after the breach,
    // the group claimed`, `The newspaper added`), is the verb's subject whatever is named
    // before it (Persian puts objects there: verb-final).
    let subject = cx.hits_in(window.start, cue.start).iter().rev().find(|h| {
        cx.lang == Lang::En
            && h.kind == "body_noun"
            && h.span.end <= cue.start
            && h.span.start >= window.start
            && !cx.more_words_than(h.span.end, cue.start, 1)
            && !cx.text[h.span.end..cue.start].contains([',', '،', '.', ':', '"', '«', '»', '“', '”'])
            && named.is_some_and(|m| cx.mentions[m].span.end <= h.span.start)
    });
    if let Some(h) = subject
        && !matches!(&*h.value, "unnamed" | "officials" | "title")
    {
        let labels: Vec<Label> = h.value.split('|').filter_map(Label::parse).collect();
        return labels.iter().find_map(|&l| speakers.last_of(&[l])).or(previous);
    }
    let noun = cx.hits_in(window.start, window.end).iter().find(|h| {
        h.kind == "body_noun"
            && window.contains(&h.span)
            && (cue.contains(&h.span) || named.is_none_or(|m| h.span.end <= cx.mentions[m].span.start))
    });
    // A title given apart from its name (`وحذر المتحدث باسم الخارجية`, `the spokesman for the
    // ministry added`): the person who spoke last, when the title's body names no one else.
    if let Some(n) = noun
        && &*n.value == "title"
        && named.is_none_or(|m| {
            cx.mentions[m].label != Label::Person
                && !cx.more_words_than(n.span.end, cx.mentions[m].span.start, 2)
        })
        && let Some(p) = speakers.last_of(&[Label::Person])
    {
        return Some(p);
    }
    // A frame that names the statement (`وفقًا للبيان`) refers back whatever is around it.
    let in_cue = noun.is_some_and(|n| cue.contains(&n.span));
    if !in_cue
        && named.is_some_and(|m| {
            matches!(cx.mentions[m].label, Label::Person | Label::Org | Label::Gov | Label::ThreatActor)
        })
    {
        return None;
    }
    let noun = noun?;
    if !in_cue && named.is_some_and(|m| cx.words_between(noun.span.end, cx.mentions[m].span.start) > 2) {
        return None;
    }
    if &*noun.value == "unnamed" {
        return None;
    }
    if &*noun.value == "officials" {
        // `المسؤولون الإيرانيون`: unnamed officials of a named country speak for it.
        return if named.is_some() { None } else { previous };
    }
    // The noun's value lists the labels it can stand for, the likeliest first (`الجماعة` →
    // `THREAT_ACTOR|ORG`): for each in turn, the last speaker of it, else the last mention of
    // it; else the previous speaker. A group is the last group named, even after an outlet spoke.
    let labels: Vec<Label> = noun.value.split('|').filter_map(Label::parse).collect();
    labels
        .iter()
        .find_map(|&l| {
            speakers.last_of(&[l]).or_else(|| {
                cx.starting_in(before.saturating_sub(ANTECEDENT_REACH), before)
                    .rev()
                    .find(|&i| cx.mentions[i].label == l && cx.mentions[i].span.end <= before)
            })
        })
        .or(previous)
}

/// The titles of the ROLE relations found before the claims, normalized once per document:
/// (holder, title, its first three words).
struct RoleTitles(Vec<(usize, String, String)>);

impl RoleTitles {
    fn new(roles: &[Relation]) -> RoleTitles {
        RoleTitles(
            roles
                .iter()
                .map(|r| {
                    let d = crate::normalize::normalize_str(&r.detail);
                    let d_title = d.split(' ').take(3).collect::<Vec<_>>().join(" ");
                    (r.subject, d, d_title)
                })
                .collect(),
        )
    }
}

/// The person an earlier ROLE relation gave the title written in `region` (`وزير الخارجية
/// الروسي`, `مراسل الجزيرة`), if any; only people named before `before`.
fn role_holder(cx: &Context<'_>, titles: &RoleTitles, region: Span, before: usize) -> Option<usize> {
    let text = crate::normalize::normalize_str(&cx.text[region.start..region.end]);
    if text.is_empty() {
        return None;
    }
    titles
        .0
        .iter()
        .rev()
        // A title given with its name inside the region stands for the verb's subject only when
        // nothing is named between the name and the verb (`Kremlin spokesman X dismissed`, not
        // `حملة للرئيس الأمريكي السابق X … تقرير نشرته شركة Y اتهمت`).
        .filter(|(subject, _, _)| {
            let m = cx.mentions[*subject].span;
            m.start < before
                && (!region.contains(&m)
                    || !cx.starting_in(m.end, before).any(|i| {
                        Context::is_speaker_label(cx.mentions[i].label) && cx.mentions[i].span.end <= before
                    }))
        })
        .find(|(_, d, d_title)| {
            !d.is_empty()
                && (text.contains(d.as_str())
                    || d.starts_with(&text)
                    || text.starts_with(d_title.as_str()) && d_title.contains(' '))
        })
        .map(|(subject, _, _)| *subject)
}

/// Where the speaker slot after a cue ends: at the complementizer, the next cue, a quote mark,
/// a colon, a comma or the end of the sentence.
fn speaker_slot_end(cx: &Context<'_>, cue: Span, sent: Span) -> usize {
    let limit = cx
        .hits_in(cue.end, sent.end)
        .iter()
        .filter(|h| {
            h.span.start >= cue.end
                && h.span.end <= sent.end
                && (h.kind == "complementizer" || h.kind == "cue")
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

/// The speaker right after the cue: a mention within two words, or after a title phrase.
fn speaker_right(
    cx: &Context<'_>,
    cue_hit: &OrigHit,
    sent: Span,
    titles: &RoleTitles,
) -> (Option<usize>, usize) {
    let cue = cue_hit.span;
    let stop = speaker_slot_end(cx, cue, sent);
    let titled = cx
        .first_hit("role_title", cue.end, stop)
        .is_some_and(|h| cx.words_between(cue.end, h.span.start) <= 1);
    // A name after a preposition (`وجهت أصابع الاتهام إلى قراصنة إيرانيين`) is not the
    // speaker; titles and frames (`مراسل القناة في روما`, `according to`) contain them.
    let stop = if titled || cue_hit.frame {
        stop
    } else {
        // A preposition inside a name (`بعثة إيران الدائمة لدى الأمم المتحدة`) is part of it.
        cx.hits_in(cue.end, stop)
            .iter()
            .filter(|h| {
                // Nor does `في` after officials (`اتهمت السلطات في مولدوفا`): the place is
                // whose officials they are.
                let officials = cx.hits_in(cue.end, h.span.start).iter().any(|o| {
                    o.kind == "body_noun"
                        && &*o.value == "officials"
                        && cx.words_between(o.span.end, h.span.start) == 0
                });
                h.kind == "preposition"
                    && h.span.end <= stop
                    && !officials
                    && !cx.starting_in(cue.end, h.span.start).any(|i| cx.mentions[i].span.end > h.span.start)
            })
            .map(|h| h.span.start)
            .next()
            .unwrap_or(stop)
    };
    // `نقلت وكالة «رويترز» عن مسؤول أميركي أن …`: the outlet only carries the words of the
    // source named after `عن`; `نقلت عنه …` carries the previous speaker's.
    let source = cue_hit.frame.then(|| cx.first_hit("source_prep", cue.end, stop)).flatten();
    if let Some(h) = source
        && &*h.value == "pronoun"
    {
        return (None, h.span.end);
    }
    let window = Span::new(source.map_or(cue.end, |h| h.span.end), stop);
    let max_gap = if titled || cue_hit.frame { 8 } else { 4 };
    let in_window: Vec<usize> = cx
        .starting_in(window.start, window.end)
        .filter(|&i| {
            let m = &cx.mentions[i];
            window.contains(&m.span)
                && Context::is_speaker_label(m.label)
                && cx.words_between(cue.end, m.span.start) <= max_gap
        })
        .collect();
    if let Some(&first) = in_window.iter().find(|&&i| cx.mentions[i].label == Label::Person) {
        // After a title, a person right before another person is the title's body, not its
        // holder (`المتحدث باسم حملة ترامب ستيفن تشيونغ`).
        let mut p = first;
        while titled
            && let Some(&next) =
                in_window.iter().find(|&&i| cx.mentions[i].span.start >= cx.mentions[p].span.end)
            && cx.mentions[next].label == Label::Person
            && cx.words_between(cx.mentions[p].span.end, cx.mentions[next].span.start) == 0
        {
            p = next;
        }
        return (Some(p), cx.mentions[p].span.end);
    }
    // The title's holder set off by commas after it (`انتقد وزير الداخلية الكندي، NAME، …`,
    // `وأكدت الناطقة باسمه، NAME: …`): the head name is the speaker (§10 rule 10).
    if titled && let Some(p) = apposed_person(cx, stop, sent) {
        return (Some(p), cx.mentions[p].span.end);
    }
    if titled && let Some(p) = role_holder(cx, titles, Span::new(cue.end, stop), cue.start) {
        // A title without a name: the person an earlier ROLE gave that title to.
        return (Some(p), stop);
    }
    match in_window.first() {
        Some(&i) => (Some(i), cx.mentions[i].span.end),
        None => (None, cue.end),
    }
}

/// The subject of a pluperfect `كان X قد VERB` (`وكانت مايكروسوفت قد اتهمت إيران …`): the
/// first person or body between `كان`/`كانت` and the `قد` right before the cue. Arabic puts
/// the subject there, not after the verb.
fn kana_subject(cx: &Context<'_>, cue_start: usize, left_bound: usize) -> Option<usize> {
    if cx.lang != Lang::Ar {
        return None;
    }
    let before = cx.text[left_bound.min(cue_start)..cue_start].trim_end();
    let qad_at = left_bound.min(cue_start) + before.strip_suffix("قد")?.len();
    if cx.text[..qad_at].chars().next_back().is_some_and(is_alphanumeric) {
        return None;
    }
    let head = &cx.text[left_bound.min(qad_at)..qad_at];
    let kana_end = head
        .split_whitespace()
        .rev()
        .take(8)
        .find(|w| matches!(w.trim_start_matches(['و', 'ف']), "كان" | "كانت" | "كانوا"))
        .map(|w| {
            let at = head.rfind(w).unwrap_or(0);
            left_bound.min(qad_at) + at + w.len()
        })?;
    cx.starting_in(kana_end, qad_at).find(|&i| {
        let m = &cx.mentions[i];
        m.span.end <= qad_at
            && matches!(m.label, Label::Person | Label::Org | Label::Gov | Label::ThreatActor | Label::Gpe)
    })
}

/// Whether an unnamed-source noun (`body_noun` value `unnamed`) is the cue's subject: right
/// after it (`وقال خبراء`) or right before it (`experts said`, `کارشناسان می‌گویند`).
fn unnamed_source(cx: &Context<'_>, cue: Span) -> bool {
    cx.hits_in(cue.start.saturating_sub(96), cue.end + 48).iter().any(|h| {
        h.kind == "body_noun"
            && &*h.value == "unnamed"
            && (h.span.start >= cue.end && cx.words_between(cue.end, h.span.start) == 0
                || h.span.end <= cue.start
                    && (cx.words_between(h.span.end, cue.start) == 0
                        || located_between(cx, h.span.end, cue.start)))
    })
}

/// Whether `text[a..b]` is only a preposition and a place (`a source [in Tehran] told`,
/// `مصدر [في طهران] قال`): the place says where the unnamed source is, not who speaks.
fn located_between(cx: &Context<'_>, a: usize, b: usize) -> bool {
    let Some(p) = cx.hits_in(a, b).iter().find(|h| h.kind == "preposition") else { return false };
    let places: Vec<usize> = cx.mentions_in(p.span.end, b);
    cx.words_between(a, p.span.start) == 0
        && places.len() == 1
        && matches!(cx.mentions[places[0]].label, Label::Gpe | Label::Loc)
        && cx.words_between(p.span.end, cx.mentions[places[0]].span.start) == 0
        && cx.words_between(cx.mentions[places[0]].span.end, b) == 0
}

/// A PERSON right after the comma at `at` that closes with a comma, a colon, a complementizer,
/// a title or the sentence's end: an apposition naming the holder of the title before it, or
/// (Persian) who the verb-final clause before it was about.
fn apposed_person(cx: &Context<'_>, at: usize, sent: Span) -> Option<usize> {
    if !cx.text[at..].starts_with([',', '،']) {
        return None;
    }
    let i = cx.starting_in(at, sent.end).next()?;
    let m = &cx.mentions[i];
    if m.label != Label::Person || cx.words_between(at, m.span.start) > 0 {
        return None;
    }
    let rest = cx.text[m.span.end..sent.end].trim_start();
    let closes = rest.is_empty()
        || rest.starts_with([',', '،', ':', '.'])
        || cx.hits_in(m.span.end, sent.end).iter().take(3).any(|h| {
            matches!(h.kind, "complementizer" | "cue" | "role_title" | "title")
                && cx.words_between(m.span.end, h.span.start) == 0
        });
    closes.then_some(i)
}

/// The speaker before the cue (within the part of the sentence the cue owns): a person or
/// body, else a place or nationality; never inside quotes. Verb-final and subject-first
/// languages take the first one (the subject opens the clause); Arabic, where the speaker
/// before a verb is usually the antecedent of a relative clause, takes the nearest.
fn speaker_left(
    cx: &Context<'_>,
    from: usize,
    to: usize,
    in_quote: &dyn Fn(&Span) -> bool,
    nearest: bool,
) -> Option<usize> {
    let cands: Vec<usize> = cx
        .starting_in(from, to)
        .filter(|&i| {
            let m = &cx.mentions[i];
            m.span.start >= from
                && m.span.end <= to
                && Context::is_speaker_label(m.label)
                && !in_quote(&m.span)
        })
        .collect();
    let strong = |i: &usize| {
        matches!(cx.mentions[*i].label, Label::Person | Label::Org | Label::Gov | Label::ThreatActor)
    };
    if nearest {
        cands.iter().rev().copied().find(strong).or_else(|| cands.last().copied())
    } else {
        // In verb-final Persian the name that opens the clause is its subject (`تهران
        // اتهامات آمریکا درباره هک کارزار ترامپ را رد کرد`), whatever its label.
        let opening = cands.first().copied().filter(|&i| {
            let m = &cx.mentions[i];
            cx.lang == Lang::Fa
                && cx.words_between(from, m.span.start) == 0
                && cx.text[from..m.span.start].trim().chars().all(|c| !is_alphanumeric(c))
        });
        let first =
            opening.or_else(|| cands.iter().copied().find(strong)).or_else(|| cands.first().copied())?;
        // `Google's Mandiant unit said`: the possessor names the owner, the possessed the
        // speaker.
        let mut pick = first;
        while let Some(&next) =
            cands.iter().find(|&&j| cx.mentions[j].span.start >= cx.mentions[pick].span.end)
            && strong(&next)
            && cx.text[cx.mentions[pick].span.end..].starts_with(['\'', '’'])
            && cx.text[cx.mentions[pick].span.end..].chars().nth(1) == Some('s')
            && cx.words_between(cx.mentions[pick].span.end, cx.mentions[next].span.start) <= 1
        {
            pick = next;
        }
        Some(pick)
    }
}

fn stance_of(cx: &Context<'_>, cue: &OrigHit, scope: Span) -> Stance {
    let verb = Stance::parse(&cue.value).unwrap_or(Stance::State);
    if verb != Stance::State || cue.fixed {
        return verb;
    }
    let deny = cx.has("stance_deny", scope);
    let accuse = cx.has("stance_accuse", scope);
    // A negated accusation (`لا نية للتدخل`, `لم تتدخل`, `did not interfere`): the negation
    // within four words before the accusation word.
    let in_scope = cx.hits_in(scope.start, scope.end);
    // Persian puts the negated verb after it (`در انتخابات هیچ کشوری دخالت نمی‌کند`).
    let persian = cx.lang == Lang::Fa;
    // Whether a negation and an accusation word of the scope stand as `ok` says.
    let pair = |ok: &dyn Fn(&OrigHit, &OrigHit) -> bool| {
        in_scope.iter().filter(|n| n.kind == "negation" && scope.contains(&n.span)).any(|n| {
            in_scope.iter().any(|a| a.kind == "stance_accuse" && scope.contains(&a.span) && ok(n, a))
        })
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
        m.label == Label::ThreatActor && scope.contains(&m.span) && m.span.start > cue.span.end
    });
    // Words that blame outright (`ایران را مسئول این حمله دانست`, `responsible for`) accuse even
    // where the speaker is the victim.
    let blames =
        in_scope.iter().any(|h| h.kind == "stance_accuse" && &*h.value == "blame" && scope.contains(&h.span));
    if deny || negated {
        Stance::Deny
    } else if cx.has("stance_victim", scope) && !names_actor && !blames {
        Stance::State
    } else if cx.has("stance_warn", scope) {
        Stance::Warn
    } else if names_actor || accuse && !denied_far {
        Stance::Accuse
    } else {
        Stance::State
    }
}

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
