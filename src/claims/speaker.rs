//! Who speaks a claim: the candidates around the cue (the name right after it, the subject
//! before it, a frame's source, a passive agent, a pluperfect subject, a title an earlier ROLE
//! explains, unnamed officials of a country, a participle's main subject), the order the
//! language and the cue's form try them in, and the references that go back to an earlier
//! speaker (pronouns, elided subjects, descriptions like `الشركة`, verbs joined by `و`).

use super::clause::{Clause, speaker_slot_end};
use super::cues::{frames_before, source_frame};
use super::{Context, OrigHit, quotes};
use crate::doc::{Label, Lang, Relation, Span};
use crate::normalize::{is_alphanumeric, is_word_char};

/// The speaker chosen for one cue.
#[derive(Debug, Clone, Copy)]
pub(super) struct Speaker {
    /// The speaker's mention, if any.
    pub mention: Option<usize>,
    /// The span of the speaker as named in the clause (`None` when it is referred back to).
    pub span: Option<Span>,
    /// Where the content may start: after the speaker when it follows the verb.
    pub content_from: usize,
}

/// What the document said before a cue: the speakers so far, and the speaker of the previous
/// claim when it is in the cue's sentence.
pub(super) struct History<'a> {
    /// The speakers of the claims found so far.
    pub recent: &'a RecentSpeakers,
    /// The previous claim's speaker, when that claim is in the same sentence.
    pub same_sentence: Option<usize>,
    /// The speaker of the previous claim whose quoted words hold the cue, and those words:
    /// a verb inside someone's quote with no subject of its own in the quote is that
    /// speaker's wording (SCHEMA §10 rule 8), not a new speaker's.
    pub quoted_by: Option<(usize, Span)>,
}

/// The speaker candidates of one cue, each found by its own structure.
struct Candidates<'h> {
    /// The name after the verb, and where its slot ends.
    right: Option<usize>,
    right_end: usize,
    /// Arabic: a bare subject right before an unprefixed verb (`إيران تتنصل`).
    subject_before: Option<usize>,
    /// The subject before the verb.
    left: Option<usize>,
    /// The person an earlier ROLE gave the title before the verb.
    left_role: Option<usize>,
    /// A participle's main subject.
    participle: Option<usize>,
    /// A passive agent (`توسط وزارت امور خارجه`).
    agent: Option<usize>,
    /// The country whose unnamed officials speak.
    officials_of: Option<usize>,
    /// The `source_prep` of a frame that carries the cue, and the source it names.
    source: Option<&'h OrigHit>,
    source_named: Option<usize>,
    /// The subject of a pluperfect `كان X قد`.
    kana: Option<usize>,
    /// Whether a pronoun opens the clause (`وی افزود`, `He added`).
    pronoun: bool,
}

/// The speaker of `cue` in clause `cl`.
pub(super) fn choose(
    cx: &Context<'_>,
    cue: &OrigHit,
    cl: &Clause<'_>,
    titles: &RoleTitles,
    all_cues: &[OrigHit],
    history: &History<'_>,
) -> Speaker {
    let cl = &Clause { left: past_full_stop(cx, cl.left, cue.span.start), ..*cl };
    let cands = Candidates::find(cx, cue, cl, titles, all_cues, history.same_sentence);
    let named = cands.named(cx, cue, cl);
    if let Some((q, words)) = history.quoted_by
        && named.is_none_or(|m| !words.contains(&cx.mentions[m].span))
    {
        return Speaker { mention: Some(q), span: None, content_from: cue.span.end };
    }
    let previous = history.recent.last();
    // A description (`الشركة الأميركية`, `المجموعة`, `the company`) refers back to the
    // last entity of its kind, even when a demonym inside it is a mention.
    let described = if cue.participle || cands.pronoun || cands.source.is_some() {
        None
    } else {
        let window = Span::new(cl.left, speaker_slot_end(cx, cue.span, cl.sent).max(cands.right_end));
        described_speaker(cx, window, cue.span.start, previous, named, history.recent, cue.span)
    };
    // A verb joined by `و` to the previous claim of the sentence continues it (`وقال "…"
    // ووصف الولايات المتحدة بـ…`): same speaker, unless a person is named right after.
    // In Arabic a body named right after the verb is its subject too (`نفت بيونغ يانغ …،
    // ووصفت لجنة التوحيد الاتهامات …`).
    let subject_after = |m: usize| {
        m == cands.right.unwrap_or(usize::MAX)
            && match cx.mentions[m].label {
                Label::Person => true,
                Label::Gov | Label::Org | Label::ThreatActor => {
                    cx.lang == Lang::Ar
                        && cx.mentions[m].span.start >= cue.span.end
                        && cx.words_between(cue.span.end, cx.mentions[m].span.start) == 0
                }
                _ => false,
            }
    };
    let continues =
        cl.joined(cx, cue) && history.same_sentence.is_some() && !named.is_some_and(subject_after);
    let named = if continues { history.same_sentence } else { named };
    // The name as written in the clause, before a title's body gives way to its holder.
    let written = named;
    let named = named.map(|m| body_title_holder(cx, titles, m, cue.span.start).unwrap_or(m));
    // Unnamed experts, sources and analysts (`وقال خبراء`, `experts say`, `کارشناسان
    // می‌گویند`) speak for no one the text names (SCHEMA §10 rule 10), unless a person or
    // body is named with them.
    // An agentless passive (`گفته شده است که …`) names no speaker, unless its agent is named.
    let agentless = cands.agent.is_none()
        && cx
            .hits_in(cue.span.start, cue.span.end)
            .iter()
            .any(|h| h.kind == "agentless" && h.span == cue.span);
    let unnamed = (agentless || unnamed_source(cx, cue.span, cl.left))
        && named.is_none_or(|m| {
            !matches!(cx.mentions[m].label, Label::Person | Label::Org | Label::Gov | Label::ThreatActor)
        });
    // `وأشار باحثون إلى …` opening a sentence right after a company spoke: its researchers.
    let researchers_of = previous.filter(|&p| {
        unnamed
            && cx.mentions[p].label == Label::Org
            && cx.words_between(cl.sent.start, cue.span.start) == 0
            && cx.hits_in(cue.span.end, cue.span.end + 48).iter().any(|h| {
                h.kind == "body_noun"
                    && &*h.value == RESEARCHERS
                    && cx.words_between(cue.span.end, h.span.start) == 0
            })
    });
    let unnamed = unnamed && researchers_of.is_none();
    let named = named.or(researchers_of);
    let document_owner = cue.participle.then(|| document_owner(cx, cue.span.start)).flatten();
    let (mention, span) = match (cue.participle && named.is_none(), described, named) {
        _ if document_owner.is_some() => (document_owner, document_owner.map(|m| cx.mentions[m].span)),
        _ if unnamed => (None, None),
        (true, _, _) => (previous, None),
        (_, Some(d), _) => (Some(d), None),
        (_, None, Some(m)) => (Some(m), Some(cx.mentions[m].span)),
        // Pronoun or elided subject: the previous claim's speaker.
        (_, None, None) => (previous, None),
    };
    // The content starts after the speaker when the speaker follows the verb.
    let content_from = if written.is_some() && written == cands.right {
        let span = written.map(|m| cx.mentions[m].span);
        span.filter(|s| s.start >= cue.span.end).map_or(cue.span.end, |s| s.end).max(cands.right_end)
    } else {
        cue.span.end
    };
    Speaker { mention, span, content_from }
}

/// English `a Russian foreign ministry statement saying …`, `a Microsoft report accusing …`: the
/// participle at `at` has the document right before it as its subject, and so whoever is
/// named right before the document (one word, `government`, may stand between).
fn document_owner(cx: &Context<'_>, at: usize) -> Option<usize> {
    if cx.lang != Lang::En {
        return None;
    }
    let head = cx.words_right_before("document_head", at).next()?;
    cx.starting_in(head.span.start.saturating_sub(64), head.span.start).rev().find(|&i| {
        let m = &cx.mentions[i];
        Context::is_speaker_label(m.label)
            && m.span.end <= head.span.start
            && !cx.more_words_than(m.span.end, head.span.start, 1)
            && !cx.text[m.span.end..head.span.start].contains([',', '.', ';', ':'])
    })
}

/// Where a clause that starts at `left` starts for the cue at `cue_start`: after the last full
/// stop before the cue that the sentence splitter left inside the sentence (an unclosed quote:
/// `… "تعرف من يقف وراء الهجوم. وقال الوزير، …`). No subject or description stands across
/// it. Arabic and Persian only: English abbreviations (`U.S.`) carry full stops.
fn past_full_stop(cx: &Context<'_>, left: usize, cue_start: usize) -> usize {
    if !matches!(cx.lang, Lang::Ar | Lang::Fa) || left >= cue_start {
        return left;
    }
    // A subject is a few words long: look only that far back, so a long unpunctuated text
    // stays linear.
    let from = left.max(cx.text.floor_char_boundary(cue_start.saturating_sub(LOOK_BACK)));
    let head = &cx.text[from..cue_start];
    head.char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, '.' | '؟' | '!') && head[i + c.len_utf8()..].starts_with(char::is_whitespace)
        })
        .map_or(left, |(i, c)| from + i + c.len_utf8())
}

impl<'h> Candidates<'h> {
    /// Every candidate of `cue` in clause `cl`.
    fn find(
        cx: &'h Context<'_>,
        cue: &OrigHit,
        cl: &Clause<'_>,
        titles: &RoleTitles,
        all_cues: &[OrigHit],
        same_sentence: Option<usize>,
    ) -> Candidates<'h> {
        let arabic = cx.lang == Lang::Ar;
        let in_quote = |sp: &Span| cl.quoted(cx, sp);
        let (right, right_end) = speaker_right(cx, cue, cl.sent, titles, all_cues);
        let subject_before =
            (arabic && !cue.prefixed && !cue.frame).then(|| bare_subject(cx, cue, cl)).flatten();
        let left = speaker_left(cx, cl.left, cue.span.start, &in_quote, arabic);
        // A title before the verb that an earlier ROLE explains (`وزير الخارجية الروسي شدد`).
        let left_role = subject_before
            .or(left)
            .is_some_and(|m| cx.mentions[m].label != Label::Person)
            .then(|| role_holder(cx, titles, Span::new(cl.left, cue.span.start), cue.span.start))
            .flatten();
        // A participle (`مضيفا`, `قائلين`) shares the main verb's subject: the previous claim's
        // speaker in the sentence, else the sentence's first person or body.
        let participle = cue
            .participle
            .then(|| {
                with_subject(cx, cue.span.start, cl.sent.start)
                    .or(same_sentence)
                    .or_else(|| speaker_left(cx, cl.body_start, cue.span.start, &in_quote, false))
            })
            .flatten();
        // The source a frame before the cue names (`ونقلت الوكالة عن الناطق … قوله`): a
        // pronoun (`عنه`) is the previous speaker.
        let source = frames_before(all_cues, cx, cue.span.start).find_map(|f| source_frame(cx, f, cue));
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
        let pronoun = !arabic
            && !cue.frame
            && cx.hits_in(cl.left, cue.span.start).iter().any(|h| {
                h.kind == "pronoun"
                    && h.span.end <= cue.span.start
                    && cx.words_between(cl.left, h.span.start) == 0
            });
        Candidates {
            right,
            right_end,
            subject_before,
            left,
            left_role,
            participle,
            agent: passive_agent(cx, cue, cl.sent),
            officials_of: (!arabic && !cue.frame).then(|| officials_of(cx, cue, cl.left)).flatten(),
            source,
            source_named,
            kana: kana_subject(cx, cue.span.start, cl.left),
            pronoun,
        }
    }

    /// The named speaker: the first candidate in the order the cue's form and the language
    /// give.
    fn named(&self, cx: &Context<'_>, cue: &OrigHit, cl: &Clause<'_>) -> Option<usize> {
        let order: [Option<usize>; 3] = if self.source.is_some() {
            [self.source_named, None, None]
        } else if let Some(k) = self.kana {
            [Some(k), None, None]
        } else if self.pronoun {
            [None, None, None]
        } else if cue.participle {
            [self.participle, None, None]
        } else if let Some(o) = self.officials_of {
            [Some(o), None, None]
        } else if let Some(a) = self.agent.filter(|&a| !self.subject_right_before(cx, cue, a)) {
            [Some(a), None, None]
        } else if let Some(p) = self.left_role {
            [Some(p), None, None]
        } else if cue.frame {
            [self.right, self.left, None]
        } else if cx.lang == Lang::Ar {
            [self.subject_before, self.right, self.left]
        } else if cx.lang == Lang::Fa && self.left.is_none() {
            // `کسی که این گزارش را تکذیب کرد، NAME …`: with no subject before a
            // verb-final clause, the name set off after it is who spoke.
            [apposed_person(cx, cue.span.end, cl.sent), self.right, None]
        } else {
            self.subject_first(cx, cue, cl)
        };
        order.into_iter().flatten().next()
    }

    /// Arabic: whether the verb's subject is named right after it, before the passive agent
    /// `agent` (`وأعلنت الحكومة الألبانية … بذريعة تعرضها من قبل إيران`): the agent is
    /// another verb's.
    fn subject_right_before(&self, cx: &Context<'_>, cue: &OrigHit, agent: usize) -> bool {
        cx.lang == Lang::Ar
            && self.right.is_some_and(|r| {
                let m = &cx.mentions[r];
                m.span.end <= cx.mentions[agent].span.start
                    && cx.words_between(cue.span.end, m.span.start) <= 1
            })
    }

    /// English and Persian, subject first: English names the speaker after the verb only
    /// when the verb is inverted after the content (`…," said the spokesman`) or opens its
    /// clause: after a subject word (`Officials said China's …`) the name after the verb is
    /// the content's.
    fn subject_first(&self, cx: &Context<'_>, cue: &OrigHit, cl: &Clause<'_>) -> [Option<usize>; 3] {
        let before = cx.text[cl.left.min(cue.span.start)..cue.span.start].trim_end();
        let inverted = before.is_empty()
            || before.ends_with([',', '"', '”', '’', '\'', '—', '–', ':', '(', '«', '»'])
            || cx.words_right_before("pronoun", cue.span.start).next().is_some();
        let right = self.right.filter(|_| cx.lang != Lang::En || inverted || self.left.is_some());
        // `The hackers were Russian, said Lavrov.`: a name that ends the sentence or its
        // clause after an inverted verb is the speaker, not a name in the content before.
        let closes = right.is_some_and(|r| {
            let after = cx.text[cx.mentions[r].span.end..cl.sent.end].trim_start();
            after.is_empty() || after.starts_with(['.', ',', ';', ':', '!', '?'])
        });
        // A person before the verb, set off by an apposition (`X, a researcher at Y, told
        // AFP`), stays its subject.
        let left_person = self.left.is_some_and(|l| cx.mentions[l].label == Label::Person);
        if cx.lang == Lang::En && inverted && !before.is_empty() && closes && !left_person {
            [right, self.left, None]
        } else {
            [self.left, right, None]
        }
    }
}

/// Arabic headlines and clauses put a bare subject right before an unprefixed verb (`إيران
/// تتنصل`, `مجموعة 'مايكروسوفت' تعلن`): the mention with only quote marks or a relative
/// pronoun between it and the verb (`المسؤولين الذين نفوا`).
fn bare_subject(cx: &Context<'_>, cue: &OrigHit, cl: &Clause<'_>) -> Option<usize> {
    cx.starting_in(cl.left, cue.span.start).rev().find(|&i| {
        let m = &cx.mentions[i];
        m.span.end <= cue.span.start && Context::is_speaker_label(m.label) && {
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
}

/// How far back (bytes) a cue looks for a full stop or a `with` that opens its subject.
const LOOK_BACK: usize = 400;

/// How many words an English `with` reaches to the participle whose subject it opens.
const WITH_REACH: usize = 6;

/// English `…, with the consultancy X estimating that …`, `with Kremlin spokesman X
/// calling …`: a participle after `with` and a name has that name as its own subject, not the
/// main verb's. The person named there, else the first body; nothing when a mark stands
/// between `with` and the participle.
fn with_subject(cx: &Context<'_>, cue_start: usize, sent_start: usize) -> Option<usize> {
    if cx.lang != Lang::En {
        return None;
    }
    let start = sent_start.max(cx.text.floor_char_boundary(cue_start.saturating_sub(LOOK_BACK)));
    let head = &cx.text[start..cue_start];
    let at = head.char_indices().map(|(i, _)| i).rev().find(|&i| {
        head[i..].get(..5).is_some_and(|w| w.eq_ignore_ascii_case("with "))
            && (i == 0 || head[..i].ends_with(char::is_whitespace))
    })?;
    let from = start + at + "with ".len();
    if cx.more_words_than(from, cue_start, WITH_REACH)
        || cx.text[from..cue_start].contains([',', ';', ':', '.', '"', '“', '”', '(', ')'])
    {
        return None;
    }
    let named: Vec<usize> = cx
        .starting_in(from, cue_start)
        .filter(|&i| {
            let m = &cx.mentions[i];
            m.span.end <= cue_start
                && matches!(m.label, Label::Person | Label::Org | Label::Gov | Label::ThreatActor)
        })
        .collect();
    named.iter().copied().rfind(|&i| cx.mentions[i].label == Label::Person).or_else(|| named.first().copied())
}

/// A passive agent after the cue (`رد ادعای مایکروسافت … توسط وزارت امور خارجه`).
fn passive_agent(cx: &Context<'_>, cue: &OrigHit, sent: Span) -> Option<usize> {
    cx.hits_in(cue.span.end, sent.end)
        .iter()
        // English `by` is an agent only right after the participle (`announced by the Treasury`),
        // not further on (`said the networks were hit by hackers`).
        .filter(|h| {
            h.kind == "agent"
                && h.span.end <= sent.end
                && (cx.lang != Lang::En || cx.text[cue.span.end..h.span.start].trim().is_empty())
        })
        .find_map(|h| {
            let from = cx.mentions.partition_point(|m| m.span.start < h.span.end);
            (from..cx.mentions.len())
                .take_while(|&i| {
                    // `by the Treasury Department`: the English article may stand between.
                    let article = usize::from(cx.lang == Lang::En);
                    !cx.more_words_than(h.span.end, cx.mentions[i].span.start, article)
                })
                .find(|&i| Context::is_speaker_label(cx.mentions[i].label))
        })
}

/// Unnamed officials of a named country right before the verb (`American intelligence
/// agencies said`, `مقامات اطلاعاتی آمریکا میگویند`) speak for that country.
fn officials_of(cx: &Context<'_>, cue: &OrigHit, left: usize) -> Option<usize> {
    let noun = cx.hits_in(left, cue.span.start).iter().find(|h| {
        h.kind == "body_noun"
            && &*h.value == "officials"
            && h.span.end <= cue.span.start
            && h.span.start >= left
            && cx.words_between(h.span.end, cue.span.start) <= 3
    })?;
    cx.starting_in(left, cue.span.start).rev().find(|&i| {
        let m = &cx.mentions[i];
        matches!(m.label, Label::Norp | Label::Gpe)
            && m.span.end <= cue.span.start
            && (m.span.end <= noun.span.start && cx.words_between(m.span.end, noun.span.start) <= 1
                || m.span.start >= noun.span.end && cx.words_between(noun.span.end, m.span.start) <= 2)
    })
}

/// The speakers of the claims found so far, for the references that go back to them: the
/// last one, and the last one of each label.
#[derive(Debug, Default)]
pub(super) struct RecentSpeakers {
    last: Option<usize>,
    /// (label, order of its last claim, mention), one row per label.
    by_label: Vec<(Label, usize, usize)>,
    count: usize,
    /// The last outlet or company that framed a report (`according to X`).
    outlet: Option<usize>,
    /// The last government body that accused (a prosecutor, a ministry).
    accusing_body: Option<usize>,
}

impl RecentSpeakers {
    /// Records `mention` (of `label`) as the latest speaker.
    pub(super) fn push(&mut self, label: Label, mention: usize) {
        self.last = Some(mention);
        self.count += 1;
        match self.by_label.iter_mut().find(|(l, _, _)| *l == label) {
            Some(row) => *row = (label, self.count, mention),
            None => self.by_label.push((label, self.count, mention)),
        }
    }

    /// Records `mention` as the source of a report frame (`according to X`, `به گزارش X`).
    pub(super) fn push_outlet(&mut self, mention: usize) {
        self.outlet = Some(mention);
    }

    /// Records `mention`, a government body, as the latest that accused.
    pub(super) fn push_accusing_body(&mut self, mention: usize) {
        self.accusing_body = Some(mention);
    }

    /// The latest speaker.
    pub(super) fn last(&self) -> Option<usize> {
        self.last
    }

    /// The last speaker with one of `labels`.
    fn last_of(&self, labels: &[Label]) -> Option<usize> {
        self.by_label.iter().filter(|(l, _, _)| labels.contains(l)).max_by_key(|(_, k, _)| *k).map(|r| r.2)
    }
}

/// The `body_noun` value of an unnamed source (`خبراء`, `experts`): no speaker.
const UNNAMED: &str = "unnamed";

/// The `body_noun` value of indefinite researchers (`باحثون`, `researchers`): unnamed, except
/// right after a company's claim, opening a sentence, where they are its researchers.
const RESEARCHERS: &str = "researchers";

/// The `body_noun` value of a document that refers back to its author (`the report`).
const DOCUMENT: &str = "document";

/// The `body_noun` value of an outlet named by its medium noun (`الصحيفة`, `the newspaper`).
const OUTLET: &str = "outlet";

/// The `body_noun` value of a court document (`the indictment`, `لائحة الاتهام`, `کیفرخواست`):
/// it speaks for the prosecuting country (SCHEMA §10 rule 10).
const COURT: &str = "court";

/// The `body_noun` value of a statement (`البيان`, `the statement`, `بیانیه`): its owner, named
/// where the text first gave it (`ردت الحكومة ببيان`, `in a statement from X`), else the last
/// government body or company that spoke.
const STATEMENT: &str = "statement";

/// The `body_noun` value of a government named without its country (`ورفضت الحكومة`, `the
/// government said`): the country it governs (SCHEMA §10 rule 13).
const GOVERNMENT: &str = "government";

/// How far back (bytes) a description looks for the mention it stands for, when no speaker
/// of its kind came before: an antecedent further back than this is not one.
const ANTECEDENT_REACH: usize = 64 * 1024;

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
    // `وأشار المصدر نفسه`, `the same source added`: the previous speaker.
    if cx.hits_in(window.start, window.end).iter().any(|h| {
        h.kind == "body_noun" && &*h.value == "same" && window.contains(&h.span) && !h.span.contains(&cue)
    }) {
        return previous;
    }
    if let Some(outlet) = demonym_outlet(cx, cue, speakers) {
        return Some(outlet);
    }
    // Arabic: a description right after the verb is its subject, whatever is named before the
    // verb (`فاليسار الموحد قالت الجريدة`: the name is the topic).
    let right_after = cx.hits_in(cue.end, window.end).iter().find(|h| {
        cx.lang == Lang::Ar
            && h.kind == "body_noun"
            && h.span.start >= cue.end
            && cx.words_between(cue.end, h.span.start) == 0
            && !matches!(&*h.value, UNNAMED | RESEARCHERS | "officials" | "title" | "same")
    });
    if let Some(h) = right_after
        && named.is_some_and(|m| cx.mentions[m].span.end <= cue.start)
        && let Some(d) = of_kind(cx, h, before, speakers)
    {
        return Some(d);
    }
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
        && !matches!(&*h.value, UNNAMED | RESEARCHERS | "officials" | "title")
    {
        if &*h.value == DOCUMENT {
            return speakers.last_of(&[Label::Org, Label::Gov]).or(previous);
        }
        if matches!(&*h.value, OUTLET | COURT | STATEMENT | GOVERNMENT) {
            return of_kind(cx, h, before, speakers).or(previous);
        }
        let labels: Vec<Label> = h.value.split('|').filter_map(Label::parse).collect();
        return labels.iter().find_map(|&l| speakers.last_of(&[l])).or(previous);
    }
    // Arabic is verb-first: a description right after the verb is its subject, not one in a
    // fronted topic before it (`وعن الجهة التي تقف وراء المجموعة، قالت الشركة …`).
    let after_verb = cx.hits_in(cue.end, window.end).iter().find(|h| {
        cx.lang == Lang::Ar
            && h.kind == "body_noun"
            && h.span.start >= cue.end
            && cx.words_between(cue.end, h.span.start) == 0
            && named.is_none_or(|m| h.span.end <= cx.mentions[m].span.start)
    });
    let noun = after_verb.or_else(|| {
        cx.hits_in(window.start, window.end).iter().find(|h| {
            h.kind == "body_noun"
                && window.contains(&h.span)
                && (cue.contains(&h.span) || named.is_none_or(|m| h.span.end <= cx.mentions[m].span.start))
        })
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
    // `بر اساس بیانیه مایکروسافت`, `وفقا لبيان الوزارة`: a statement the frame names with its owner
    // right after it is the owner's.
    let owned = |m: usize| {
        matches!(cx.mentions[m].label, Label::Person | Label::Org | Label::Gov | Label::ThreatActor)
            && cx.mentions[m].span.start >= cue.end
            && cx.words_between(cue.end, cx.mentions[m].span.start) == 0
    };
    if in_cue && named.is_some_and(owned) {
        return None;
    }
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
    if matches!(&*noun.value, UNNAMED | RESEARCHERS) {
        return None;
    }
    if &*noun.value == "officials" {
        // `المسؤولون الإيرانيون`: unnamed officials of a named country speak for it.
        return if named.is_some() { None } else { previous };
    }
    // The noun's value lists the labels it can stand for, the likeliest first (`الجماعة` →
    // `THREAT_ACTOR|ORG`): for each in turn, the last speaker of it, else the last mention of
    // it; else the previous speaker. A group is the last group named, even after an outlet spoke.
    // A government never falls back to the previous speaker: that is most often the accuser
    // it answers.
    let found = of_kind(cx, noun, before, speakers);
    if &*noun.value == GOVERNMENT { found } else { found.or(previous) }
}

/// The entity a description of kind `value` (`THREAT_ACTOR|ORG`) stands for: for each label in
/// turn, the last speaker of it, else the last mention of it before `before`.
fn of_kind(cx: &Context<'_>, noun: &OrigHit, before: usize, speakers: &RecentSpeakers) -> Option<usize> {
    // A document (`the report`, `التقرير`, `تقريرها` "its report") is its author's: whichever
    // company or government body spoke last, else the last one named before it (`أجرت شركة X
    // الفحص، وقال تقريرها …`).
    if &*noun.value == COURT {
        return prosecuting_country(cx, before, speakers);
    }
    if &*noun.value == GOVERNMENT {
        // `الحكومة الألبانية`: the country named right after the noun.
        let own = cx.starting_in(noun.span.end, noun.span.end + 64).find(|&i| {
            let m = &cx.mentions[i];
            matches!(m.label, Label::Gpe | Label::Norp) && cx.words_between(noun.span.end, m.span.start) == 0
        });
        return own.or_else(|| governed_country(cx, before, speakers));
    }
    if &*noun.value == STATEMENT
        && let Some(owner) = statement_owner(cx, noun.span.start)
    {
        return Some(owner);
    }
    if &*noun.value == DOCUMENT {
        return speakers.last_of(&[Label::Org, Label::Gov]).or_else(|| {
            cx.starting_in(before.saturating_sub(ANTECEDENT_REACH), before).rev().find(|&i| {
                let m = &cx.mentions[i];
                matches!(m.label, Label::Org | Label::Gov)
                    && m.span.end <= before
                    && !addressed(cx, m.span.start)
                    && !parent(cx, i)
            })
        });
    }
    let labels: Vec<Label> = match &*noun.value {
        STATEMENT => vec![Label::Gov, Label::Org],
        value => value.split('|').filter_map(Label::parse).collect(),
    };
    // The head word of the description without its article (`الشركة` → `شركة`, `the company`
    // → `company`): a mention the text introduced with it (`شركة «X»`) is what it refers to.
    let described = crate::normalize::normalize_str(&cx.text[noun.span.start..noun.span.end]);
    let head = described.rsplit(' ').next().unwrap_or("");
    let head = head.strip_prefix("ال").filter(|h| h.chars().count() >= 3).unwrap_or(head).to_string();
    let introduced = |i: usize| {
        let at = cx.mentions[i].span.start;
        let from = (at.saturating_sub(40)..at).find(|&k| cx.text.is_char_boundary(k)).unwrap_or(at);
        let words = crate::normalize::normalize_str(&cx.text[from..at]);
        !head.is_empty() && words.trim_end_matches(['"', '«', '“', '\'', ' ']).ends_with(head.as_str())
    };
    if &*noun.value == OUTLET {
        return outlet_named(cx, &head, before, speakers);
    }
    labels.iter().find_map(|&l| {
        let mentioned = || {
            cx.starting_in(before.saturating_sub(ANTECEDENT_REACH), before).rev().find(|&i| {
                let m = &cx.mentions[i];
                m.label == l && m.span.end <= before && !addressed(cx, m.span.start) && !parent(cx, i)
            })
        };
        match speakers.last_of(&[l]) {
            // A company named after the last company that spoke is the one meant (`قدّرت
            // شركة X …`, then `قالت الشركة`).
            Some(s) if l == Label::Org => Some(
                cx.starting_in(cx.mentions[s].span.end, before)
                    .rev()
                    .find(|&i| {
                        let m = &cx.mentions[i];
                        m.label == l && m.span.end <= before && introduced(i)
                    })
                    .unwrap_or(s),
            ),
            Some(s) => Some(s),
            // No one of that kind spoke yet: the mention the text introduced with the head
            // noun (`مختبر «X» التابع لجامعة Y`, then `المختبر`), else the last of that kind.
            None => cx
                .starting_in(before.saturating_sub(ANTECEDENT_REACH), before)
                .rev()
                .find(|&i| {
                    let m = &cx.mentions[i];
                    m.label == l && m.span.end <= before && introduced(i) && !addressed(cx, m.span.start)
                })
                .or_else(mentioned),
        }
    })
}

/// An outlet named by its medium noun `head` without the article (`وكالة` for `الوكالة`,
/// `newspaper` for `the British newspaper`): the last one the text introduced with that noun
/// (`وكالة «يونهاب»`), else with another medium noun (`صحيفة «لوموند»` for `الجريدة`), else the
/// last that framed a report, else the last company that spoke.
fn outlet_named(cx: &Context<'_>, head: &str, before: usize, speakers: &RecentSpeakers) -> Option<usize> {
    let introduced = |i: usize| {
        let at = cx.mentions[i].span.start;
        let from = (at.saturating_sub(40)..at).find(|&k| cx.text.is_char_boundary(k)).unwrap_or(at);
        let words = crate::normalize::normalize_str(&cx.text[from..at]);
        !head.is_empty() && words.trim_end_matches(['"', '«', '“', '\'', ' ']).ends_with(head)
    };
    let last_outlet = |by: &dyn Fn(usize) -> bool| {
        cx.starting_in(before.saturating_sub(ANTECEDENT_REACH), before).rev().find(|&i| {
            let m = &cx.mentions[i];
            m.label == Label::Org && m.span.end <= before && by(i) && !addressed(cx, m.span.start)
        })
    };
    let medium =
        |i: usize| cx.words_right_before("trigger_before", cx.mentions[i].span.start).next().is_some();
    // A body whose own name opens with the noun (`الوكالة الوطنية للشرطة …`, `وكالة الأمن
    // القومي` for `الوكالة`) is met like an outlet introduced with it: the later of the two.
    let named_with = cx.starting_in(before.saturating_sub(ANTECEDENT_REACH), before).rev().find(|&i| {
        let m = &cx.mentions[i];
        matches!(m.label, Label::Org | Label::Gov) && m.span.end <= before && !head.is_empty() && {
            let own = crate::normalize::normalize_str(&cx.text[m.span.start..m.span.end]);
            let own = own.strip_prefix("ال").unwrap_or(&own);
            own.strip_prefix(head).is_some_and(|rest| rest.starts_with(' '))
        }
    });
    let first = match (named_with, last_outlet(&introduced)) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    first.or_else(|| last_outlet(&medium)).or(speakers.outlet).or_else(|| speakers.last_of(&[Label::Org]))
}

/// English `the British newspaper added`, `the Qatari broadcaster said`: a demonym and a medium
/// noun right before the verb name the outlet ([`outlet_named`]), not the country.
fn demonym_outlet(cx: &Context<'_>, cue: Span, speakers: &RecentSpeakers) -> Option<usize> {
    if cx.lang != Lang::En {
        return None;
    }
    let noun = cx.hits_in(cue.start.saturating_sub(48), cue.start).iter().rev().find(|h| {
        h.kind == "trigger_before" && h.span.end <= cue.start && !cx.more_words_than(h.span.end, cue.start, 1)
    })?;
    let norp = cx.starting_in(noun.span.start.saturating_sub(48), noun.span.start).next_back()?;
    let m = &cx.mentions[norp];
    if m.label != Label::Norp || !cx.text[m.span.end..noun.span.start].chars().all(char::is_whitespace) {
        return None;
    }
    let head = crate::normalize::normalize_str(&cx.text[noun.span.start..noun.span.end]);
    outlet_named(cx, &head, cue.start, speakers)
}

/// The country a court document speaks for (`according to the indictment`, `As alleged in
/// court filings`, `در این کیفرخواست آمده است`): the country of the government body that spoke
/// last, else of the last one named, as a mention of that country before `before` (the body's
/// id or canonical name holds it: `united_states_department_of_justice`, `… (Iran)`); the body
/// itself when the text never names its country; else the last country that spoke, else the
/// last one named.
fn prosecuting_country(cx: &Context<'_>, before: usize, speakers: &RecentSpeakers) -> Option<usize> {
    let back = || cx.starting_in(before.saturating_sub(ANTECEDENT_REACH), before).rev();
    let body = speakers.accusing_body.or_else(|| speakers.last_of(&[Label::Gov])).or_else(|| {
        back().find(|&i| cx.mentions[i].label == Label::Gov && cx.mentions[i].span.end <= before)
    });
    let country = |b: usize| {
        back().find(|&i| {
            let m = &cx.mentions[i];
            matches!(m.label, Label::Gpe | Label::Norp)
                && m.span.end <= before
                && crate::frames::predicates::own_body(cx, b, i)
        })
    };
    match body {
        Some(b) => country(b).or(Some(b)),
        None => speakers.last_of(&[Label::Gpe]).or_else(|| {
            back().find(|&i| cx.mentions[i].label == Label::Gpe && cx.mentions[i].span.end <= before)
        }),
    }
}

/// How far back (bytes) a statement noun looks for the place the statement was first named.
const STATEMENT_REACH: usize = 1500;

/// The owner of the statement a noun at `at` refers back to, read where the text named the
/// statement before (`ببيان`, `في بيان`, `a statement`, `بیانیه‌ای`, up to three of them back):
/// the body or person right after it (`بيان الخارجية`, `بيانًا صادرًا عن X`, `a statement from
/// X`), else the first one named in its sentence before it (`ردت الحكومة المغربية ببيان`,
/// `أصدر X وY بيانًا مشتركًا`: a joint statement is its first issuer's). A country counts
/// only when named with a government noun; names inside quotes do not count.
fn statement_owner(cx: &Context<'_>, at: usize) -> Option<usize> {
    let from = cx.text.floor_char_boundary(at.saturating_sub(STATEMENT_REACH));
    let stops = ['.', '\n', '؟', '?', '!'];
    let owner = |i: usize| {
        let m = &cx.mentions[i];
        (matches!(m.label, Label::Gov | Label::Org | Label::Person)
            || matches!(m.label, Label::Gpe | Label::Norp) && governed(cx, i))
            && !addressed(cx, m.span.start)
            && !parent(cx, i)
            && !quoted(cx, m.span)
    };
    let mut to = at;
    for _ in 0..4 {
        let (ws, we, definite) = last_statement_word(cx.text, from, to)?;
        let after = cx.starting_in(we, at).find(|&i| {
            let m = &cx.mentions[i];
            m.span.end <= at
                && !cx.more_words_than(we, m.span.start, 3)
                && !cx.text[we..m.span.start].contains(stops)
        });
        if let Some(i) = after.filter(|&i| owner(i)) {
            return Some(i);
        }
        // A definite statement (`وفقًا للبيان`, `the statement said`) refers back itself: the
        // names before it in its sentence are what it says, not who issued it.
        let sentence = cx.text[from..ws].rfind(stops).map_or(from, |p| from + p + 1);
        if !definite
            && let Some(i) = cx.starting_in(sentence, ws).find(|&i| cx.mentions[i].span.end <= ws && owner(i))
        {
            return Some(i);
        }
        to = ws;
    }
    None
}

/// Whether `span` sits inside a pair of quote marks in its line.
fn quoted(cx: &Context<'_>, span: Span) -> bool {
    let from = crate::frames::context::line_start_within(cx.text, span.start, 400).unwrap_or(span.start);
    let opened = cx.text[from..span.start].chars().fold(0usize, |n, c| match c {
        '«' | '“' => n + 1,
        '»' | '”' => n.saturating_sub(1),
        '"' => n ^ 1,
        _ => n,
    });
    opened > 0
}

/// The last word in `text[from..to]` that names a statement: `بيان` with its proclitics and an
/// accusative or pronoun ending (`ببيان`, `وبيانها`, `بيانا`), `statement(s)`, `بیانیه`,
/// `اعلامیه` (with `‌ای`); not `بيانات` (data). Also whether it is definite: with the article
/// (`البيان`, `للبيان`) or after `the`, `this`, `این`, `همین`.
fn last_statement_word(text: &str, from: usize, to: usize) -> Option<(usize, usize, bool)> {
    let stems = ["بيان", "statement", "بيانيه", "اعلاميه"];
    let mut end = to;
    while end > from {
        let ws = text[from..end]
            .char_indices()
            .rev()
            .find(|&(_, c)| !crate::normalize::is_orig_word_char(c))
            .map_or(from, |(p, c)| from + p + c.len_utf8());
        // The word ending at `end` (skip non-word characters first).
        let word_end = end;
        let word = &text[ws..word_end];
        if !word.is_empty() {
            let w = crate::normalize::normalize_str(word).to_lowercase();
            let bare = ["وال", "فال", "بال", "لل", "ال", "وب", "فب", "ب", "و", "ف", "ل"]
                .iter()
                .find_map(|p| w.strip_prefix(p).filter(|r| stems.iter().any(|s| r.starts_with(s))))
                .unwrap_or(&w);
            let statement = stems.iter().any(|s| {
                bare.strip_prefix(s)
                    .is_some_and(|rest| matches!(rest, "" | "ا" | "ه" | "ها" | "s" | "اي" | "ي"))
            });
            if statement {
                let article = w.len() > bare.len() && w[..w.len() - bare.len()].ends_with(['ل']);
                let before = crate::normalize::normalize_str(
                    text[text.floor_char_boundary(ws.saturating_sub(8))..ws].trim_end(),
                )
                .to_lowercase();
                let determiner = ["the", "this", "that", "اين", "همين", "ان"].iter().any(|d| {
                    before.strip_suffix(d).is_some_and(|r| !r.chars().next_back().is_some_and(is_word_char))
                });
                return Some((ws, word_end, article || determiner));
            }
        }
        // Step back over this word and the separators before it.
        let prev = text[from..ws].char_indices().rev().find(|&(_, c)| crate::normalize::is_orig_word_char(c));
        match prev {
            Some((p, c)) => end = from + p + c.len_utf8(),
            None => break,
        }
    }
    None
}

/// The country a government named alone stands for: the last country the text named with a
/// government noun before `before` (`الحكومة المغربية`, `حكومة المغرب`, `the Moroccan
/// government`, `the government of Morocco`, `دولت آلبانی`), else the last country that spoke.
fn governed_country(cx: &Context<'_>, before: usize, speakers: &RecentSpeakers) -> Option<usize> {
    cx.starting_in(before.saturating_sub(ANTECEDENT_REACH), before)
        .rev()
        .find(|&i| {
            let m = &cx.mentions[i];
            matches!(m.label, Label::Gpe | Label::Norp) && m.span.end <= before && governed(cx, i)
        })
        .or_else(|| speakers.last_of(&[Label::Gpe]))
}

/// Whether mention `i` (a country or its adjective) is named with a government noun: right
/// after it in Arabic and Persian (`الحكومة المغربية`, `دولت آلبانی`, `the government of X`),
/// right before it in English (`the Moroccan government`, `Morocco's government`), or inside
/// its own span (`الحكومة الإيرانية` tagged whole).
fn governed(cx: &Context<'_>, i: usize) -> bool {
    let m = &cx.mentions[i];
    let from = cx.text.floor_char_boundary(m.span.start.saturating_sub(40));
    let to = cx.text.ceil_char_boundary((m.span.end + 16).min(cx.text.len()));
    let before = crate::normalize::normalize_str(cx.text[from..m.span.start].trim_end());
    let own = crate::normalize::normalize_str(&cx.text[m.span.start..m.span.end]);
    let after = cx.text[m.span.end..to].to_lowercase();
    let heads = ["حكومه", "دولت", "حكومت", "government of", "government of the"];
    // The head noun ends `before`, with the article and a proclitic (`وللحكومة`) if any.
    let names = |h: &str| {
        before.strip_suffix(h).is_some_and(|rest| {
            let rest = rest.strip_suffix("ال").or_else(|| rest.strip_suffix("لل")).unwrap_or(rest);
            let rest = rest.strip_suffix(['و', 'ف', 'ب']).unwrap_or(rest);
            !rest.chars().next_back().is_some_and(is_word_char)
        })
    };
    let english = after.strip_prefix(' ').is_some_and(|a| a.starts_with("government"))
        || after.starts_with("'s government")
        || after.starts_with("’s government");
    english || heads.iter().any(|h| names(h) || own.starts_with(&format!("ال{h} ")))
}

/// Whether `text[from..to]` holds nothing but spaces and words that describe the name before
/// them (`org_descriptor`: `the Tasnim news agency warned`, `the Chainalysis consultancy said`).
fn descriptors_only(cx: &Context<'_>, from: usize, to: usize) -> bool {
    let mut at = from;
    for h in cx.hits_in(from, to) {
        if h.kind != "org_descriptor" || h.span.start < at || h.span.end > to {
            continue;
        }
        if !cx.text[at..h.span.start].chars().all(char::is_whitespace) {
            return false;
        }
        at = h.span.end;
    }
    cx.text[at..to].chars().all(char::is_whitespace)
}

/// Whether mention `i` names the parent of the body before it (`مختبر X التابع لجامعة Y`,
/// `Mandiant, a unit of Google`): the parent neither wrote nor said what the body did.
fn parent(cx: &Context<'_>, i: usize) -> bool {
    let at = cx.mentions[i].span.start;
    let from = cx.text.floor_char_boundary(at.saturating_sub(32));
    let before = crate::normalize::normalize_str(cx.text[from..at].trim_end());
    let arabic = ["التابع", "التابعه", "التابعين", "التابعه ل", "التابع ل"];
    let english = ["a unit of", "part of", "owned by", "a subsidiary of", "affiliated with"];
    arabic.iter().chain(&english).any(|w| before.ends_with(w))
}

/// The titles of the ROLE relations found before the claims, normalized once per document.
pub(super) struct RoleTitles(Vec<RoleTitle>);

/// One ROLE relation's title.
struct RoleTitle {
    /// The holder's mention.
    holder: usize,
    /// The body's mention.
    body: usize,
    /// The title as written, normalized.
    title: String,
    /// Its first three words.
    head: String,
}

impl RoleTitles {
    /// The titles of `roles`.
    pub(super) fn new(roles: &[Relation]) -> RoleTitles {
        RoleTitles(
            roles
                .iter()
                .map(|r| {
                    let title = crate::normalize::normalize_str(&r.detail);
                    let head = title.split(' ').take(3).collect::<Vec<_>>().join(" ");
                    RoleTitle { holder: r.subject, body: r.object, title, head }
                })
                .collect(),
        )
    }
}

impl RoleTitles {
    /// Whether a ROLE makes the person `holder` (an entity id) speak for the body `body` (`ماو
    /// نينغ` of the ministry whose spokeswoman she is).
    pub(super) fn speaks_for(&self, cx: &Context<'_>, holder: &str, body: &str) -> bool {
        self.0.iter().any(|t| {
            cx.mentions[t.holder].entity_id.as_str() == holder
                && cx.mentions[t.body].entity_id.as_str() == body
        })
    }
}

/// English `the Chinese embassy spokesman`, `a Microsoft spokeswoman`: a body named right
/// before a title stands for the person an earlier ROLE gave that title in that body (the
/// body's id, or a post of it: `embassy_of_china` → `embassy_of_china_washington_d_c`); only
/// people named before `before`.
fn body_title_holder(cx: &Context<'_>, titles: &RoleTitles, body: usize, before: usize) -> Option<usize> {
    let m = &cx.mentions[body];
    if cx.lang != Lang::En || !matches!(m.label, Label::Gov | Label::Org) {
        return None;
    }
    let title = cx.hits_in(m.span.end, m.span.end + 48).iter().find(|h| {
        h.kind == "role_title"
            && h.span.start >= m.span.end
            && cx.words_between(m.span.end, h.span.start) == 0
    })?;
    let word = crate::normalize::normalize_str(&cx.text[title.span.start..title.span.end]);
    let id = m.entity_id.as_str();
    titles
        .0
        .iter()
        .rev()
        .find(|t| {
            let of = cx.mentions[t.body].entity_id.as_str();
            cx.mentions[t.holder].span.end <= before
                && (of == id || of.strip_prefix(id).is_some_and(|rest| rest.starts_with('_')))
                && t.title.contains(word.as_str())
        })
        .map(|t| t.holder)
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
        .filter(|t| {
            let m = cx.mentions[t.holder].span;
            m.start < before
                && (!region.contains(&m)
                    || !cx.starting_in(m.end, before).any(|i| {
                        Context::is_speaker_label(cx.mentions[i].label) && cx.mentions[i].span.end <= before
                    }))
        })
        .find(|t| {
            !t.title.is_empty()
                && (text.contains(t.title.as_str())
                    || t.title.starts_with(&text)
                    || text.starts_with(t.head.as_str()) && t.head.contains(' '))
        })
        .map(|t| t.holder)
}

/// The speaker right after the cue: a mention within two words, or after a title phrase.
fn speaker_right(
    cx: &Context<'_>,
    cue_hit: &OrigHit,
    sent: Span,
    titles: &RoleTitles,
    all_cues: &[OrigHit],
) -> (Option<usize>, usize) {
    let cue = cue_hit.span;
    let stop = speaker_slot_end(cx, cue, sent);
    // Whom the speaker addressed (`في تصريحات لموقع X`, `in an interview with X`) never speaks.
    let stop = cx.first_hit("addressee", cue.end, stop).map_or(stop, |h| h.span.start);
    if let Some(p) = titled_subject(cx, cue_hit, stop, sent) {
        return (Some(p), cx.mentions[p].span.end);
    }
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
    // source named after `عن` (the source speaks); `نقلت عنه …` carries the previous
    // speaker's. With the source's own verb after it (`ونقلت وكالة X عن Y قوله …`, §10 rule
    // 9), the frame is the outlet's claim: the name between the frame and `عن`, or after
    // `عنه`; the source is never the frame's speaker then.
    let source = cue_hit.frame.then(|| cx.first_hit("source_prep", cue.end, stop)).flatten();
    let own_verb =
        source.is_some_and(|h| all_cues.iter().any(|c| c.span.start >= h.span.end && c.span.end <= sent.end));
    let outlet_before = |h: &OrigHit| {
        cx.starting_in(cue.end, h.span.start).any(|i| {
            Context::is_speaker_label(cx.mentions[i].label) && cx.mentions[i].span.end <= h.span.start
        })
    };
    let window = match source {
        Some(h) if own_verb && outlet_before(h) => Span::new(cue.end, h.span.start),
        Some(h) if (&*h.value == "pronoun") != own_verb => return (None, h.span.end),
        Some(h) => Span::new(h.span.end, stop),
        None => Span::new(cue.end, stop),
    };
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
    // `قالت شركة الأمن السيبراني السلوفاكية «إيسيت»`: a demonym describing the subject comes
    // before the subject's name; the name speaks (not one addressed: `لرويترز`).
    let first = in_window.first().map(|&i| {
        let described = cx.lang == Lang::Ar && cx.mentions[i].label == Label::Norp;
        in_window
            .iter()
            .copied()
            .skip(1)
            .find(|&j| {
                let m = &cx.mentions[j];
                let before = cx.text[..m.span.start].trim_end_matches(['«', '"', '“', 'ـ']);
                described
                    && matches!(m.label, Label::Org | Label::Gov | Label::ThreatActor)
                    && !cx.text[m.span.start..].starts_with('ل')
                    && !before.ends_with('ل')
                    && !cx.more_words_than(cx.mentions[i].span.end, m.span.start, 1)
                    && cx.first_hit("preposition", cx.mentions[i].span.end, m.span.start).is_none()
            })
            .unwrap_or(i)
    });
    match first {
        Some(i) => {
            let Some(n) = named_by_noun(cx, cue, i) else { return (Some(i), cx.mentions[i].span.end) };
            // The slot runs to the name's closing quote mark.
            let end = cx.mentions[n].span.end;
            let after = &cx.text[end..];
            (Some(n), end + after.len() - after.trim_start_matches(['"', '»', '”', '\'']).len())
        }
        None => (None, cue.end),
    }
}

/// How many words (adjectives, the naming verb) a demonym may be from the name a naming verb
/// gives.
const NAMING_GAP: usize = 3;

/// `أعلنت جماعة إيرانية معارضة تدعى "X"`, `claimed a group based in Iran called X`: when the
/// first name after the cue is a demonym or place inside a naming noun's phrase, the name the
/// naming verb gives speaks.
fn named_by_noun(cx: &Context<'_>, cue: Span, first: usize) -> Option<usize> {
    let f = &cx.mentions[first];
    if !matches!(f.label, Label::Norp | Label::Gpe) {
        return None;
    }
    let noun = cx
        .hits_in(cue.end, f.span.start)
        .iter()
        .find(|h| h.kind == "naming_before" && h.span.start >= cue.end && h.span.end <= f.span.start)?;
    // The naming verb ends the speaker slot (it is a cue word): look past it.
    cx.starting_in(f.span.end, f.span.end + 256).take(4).find(|&i| {
        let m = &cx.mentions[i];
        let between =
            crate::normalize::normalize_str(cx.text[f.span.end..m.span.start.max(f.span.end)].trim());
        m.span.start >= f.span.end
            && matches!(m.label, Label::ThreatActor | Label::Org | Label::Gov | Label::Person)
            && between.trim_end_matches(['"', '«', '“', '\'', ' ']).ends_with(&*noun.value)
            && !cx.more_words_than(f.span.end, m.span.start, NAMING_GAP)
    })
}

/// How many words an Arabic subject that opens with a title reaches to its holder's name.
const TITLE_REACH: usize = 14;

/// Arabic: a subject after the verb that opens with a common noun (a title no lexicon lists:
/// `وقال رئيس قسم الأبحاث في معهد … الدكتور X`, `وأعلن المؤسس المشارك … لشركة Y Z`) names its
/// holder as the first person in the slot, whatever bodies and places the title names on the
/// way. Not after a frame, nor when the subject itself is a name (`قالت شركة مايكروسوفت …`).
fn titled_subject(cx: &Context<'_>, cue: &OrigHit, stop: usize, sent: Span) -> Option<usize> {
    if cx.lang != Lang::Ar || cue.frame {
        return None;
    }
    let first_word = cx.text[cue.span.end..stop].split_whitespace().next()?;
    let at = cue.span.end + cx.text[cue.span.end..stop].find(first_word)?;
    let named_first =
        cx.starting_in(cue.span.end, stop).next().is_some_and(|i| cx.mentions[i].span.start <= at);
    let inside = cx.mentions.partition_point(|m| m.span.start <= at);
    let covered = inside > 0 && cx.mentions[inside - 1].span.end > at;
    if named_first || covered || !first_word.chars().all(crate::normalize::is_alphanumeric) {
        return None;
    }
    let people: Vec<usize> = cx
        .starting_in(cue.span.end, stop)
        .filter(|&i| cx.mentions[i].label == Label::Person && cx.mentions[i].span.end <= stop)
        .collect();
    let first = people.iter().copied().find(|&i| {
        let m = &cx.mentions[i];
        m.label == Label::Person
            && m.span.end <= stop
            && !cx.more_words_than(cue.span.end, m.span.start, TITLE_REACH)
            && !cx.text[cue.span.end..m.span.start].contains(['(', '.'])
            && !quotes(cx.text, Span::new(cue.span.end, m.span.start))
                .iter()
                .any(|(inner, _)| !cx.is_quoted_name(*inner))
    });
    // The holder set off by commas after the title (`وأوضح الباحث في الشركة، NAME، أن …`).
    let Some(first) = first else {
        return (!cx.more_words_than(cue.span.end, stop, TITLE_REACH))
            .then(|| apposed_person(cx, stop, sent))
            .flatten();
    };
    // A person right before another is the title's body (`المتحدث باسم حملة ترامب ستيفن
    // تشيونغ`): the last of the run holds the title.
    Some(
        people
            .iter()
            .copied()
            .skip_while(|&i| i != first)
            .scan(None::<usize>, |prev, i| {
                let joined = prev.is_none_or(|p| {
                    cx.words_between(cx.mentions[p].span.end, cx.mentions[i].span.start) == 0
                });
                *prev = Some(i);
                joined.then_some(i)
            })
            .last()
            .unwrap_or(first),
    )
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
fn unnamed_source(cx: &Context<'_>, cue: Span, clause_left: usize) -> bool {
    let near = cx.hits_in(cue.start.saturating_sub(96), cue.end + 48);
    // `المصدر نفسه` is a source named before.
    let same =
        |s: &Span| near.iter().any(|h| h.kind == "body_noun" && &*h.value == "same" && h.span.contains(s));
    near.iter().any(|h| {
        h.kind == "body_noun"
            && matches!(&*h.value, UNNAMED | RESEARCHERS)
            && !same(&h.span)
            && (h.span.start >= cue.end && cx.words_between(cue.end, h.span.start) == 0
                || h.span.end <= cue.start
                    && (cx.words_between(h.span.end, cue.start) == 0
                        || located_between(cx, h.span.end, cue.start)
                        || opens_persian_clause(cx, h.span, clause_left)))
    })
}

/// Persian is verb-final: an unnamed source that opens the clause (`برخی از رسانه‌های داخلی
/// … خبر داده‌اند`, at most two words such as `برخی از` before it) is its subject, whatever
/// the clause names before the verb.
fn opens_persian_clause(cx: &Context<'_>, noun: Span, clause_left: usize) -> bool {
    cx.lang == Lang::Fa
        && noun.start >= clause_left
        && cx.words_between(clause_left, noun.start) <= 2
        && cx.mentions_in(clause_left, noun.start).is_empty()
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
/// Whether the name at `start` is whom a speaker addressed: an `addressee` opener right before
/// it (`در گفت‌وگو با رویترز گفت`, `in an interview with the BBC, X said`).
fn addressed(cx: &Context<'_>, start: usize) -> bool {
    cx.hits_in(start.saturating_sub(64), start)
        .iter()
        .any(|h| h.kind == "addressee" && h.span.end <= start && cx.words_between(h.span.end, start) <= 1)
}

/// Persian `X به رویترز گفت`, `به خبرنگاران … گفته است`: a name right after `به` and right
/// before the verb at `verb` is whom the speaker told, never the speaker.
fn persian_addressee(cx: &Context<'_>, i: usize, verb: usize) -> bool {
    let m = &cx.mentions[i];
    if cx.lang != Lang::Fa || m.span.end > verb || cx.more_words_than(m.span.end, verb, 1) {
        return false;
    }
    // `به خبرگزاری رویترز`: a medium noun may stand between.
    let at = cx
        .words_right_before("trigger_before", m.span.start)
        .map(|h| h.span.start)
        .min()
        .unwrap_or(m.span.start);
    let from = cx.text.floor_char_boundary(at.saturating_sub(8));
    let before = cx.text[from..at].trim_end();
    before == "به" || before.ends_with(" به") || before.ends_with("\u{200c}به")
}

/// Whether mention `i` is the source a frame names right before it (`به گزارش خبرگزاری X`,
/// `according to X`), or a parenthesized alias of that source (`… (ایسنا)`): the frame's
/// claim owns it, so it is not the subject of the verb after the frame (`به گزارش X، Y گفت`).
/// Persian only (verb-final: the outlet opens the verb's clause), outlets only.
fn frame_source(cx: &Context<'_>, i: usize) -> bool {
    let named_by_frame = |k: usize| {
        let start = cx.mentions[k].span.start;
        cx.hits_in(start.saturating_sub(64), start).iter().any(|h| {
            h.kind == "cue" && h.frame && h.span.end <= start && cx.words_between(h.span.end, start) <= 1
        })
    };
    let m = &cx.mentions[i];
    if cx.lang != Lang::Fa || m.label != Label::Org {
        return false;
    }
    named_by_frame(i)
        || i > 0
            && !m.entity_id.is_empty()
            && cx.mentions[i - 1].entity_id == m.entity_id
            && cx.text[cx.mentions[i - 1].span.end..m.span.start].trim() == "("
            && named_by_frame(i - 1)
}

/// Whether a Persian mention ending at `end` is marked as a direct object by `را` right after
/// it (`بریتانیا روسیه را به … متهم کرد`, `«X» را مسئول … دانست`): an object, never the
/// subject that speaks.
fn persian_object(cx: &Context<'_>, end: usize) -> bool {
    cx.lang == Lang::Fa && {
        let rest = cx.text[end..].trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '\u{200c}' | '»' | '"' | '”' | '\'' | ')')
        });
        rest.strip_prefix("را").is_some_and(|r| r.chars().next().is_none_or(|c| !is_alphanumeric(c)))
    }
}

/// Where the first Persian object marker `را` (a word of its own) in `from..to` starts.
fn persian_object_marker(cx: &Context<'_>, from: usize, to: usize) -> Option<usize> {
    if cx.lang != Lang::Fa {
        return None;
    }
    let t = &cx.text[from..to];
    t.match_indices("را")
        .map(|(p, _)| p)
        .find(|&p| {
            let before = t[..p].chars().next_back();
            let after = t[p + "را".len()..].chars().next();
            before.is_none_or(|c| !is_alphanumeric(c) && c != '\u{200c}')
                && after.is_none_or(|c| !is_alphanumeric(c) && c != '\u{200c}')
        })
        .map(|p| from + p)
}

/// Persian: where the last clause opened by a complementizer (`که`) in `[from, to)` starts, when
/// a person, body or place is named right after it: that clause's subject is the verb's.
fn persian_clause_start(cx: &Context<'_>, from: usize, to: usize) -> Option<usize> {
    if cx.lang != Lang::Fa {
        return None;
    }
    let k = cx.hits_in(from, to).iter().rev().find(|h| h.kind == "complementizer" && h.span.end <= to)?;
    // Only a subject right after it (`که تیرانا مدعی شده`): a relative clause (`X که پیش‌تر …
    // حمله کرده بود، … مدعی شد`) describes the subject before it.
    cx.starting_in(k.span.end, to)
        .next()
        .is_some_and(|i| {
            let m = &cx.mentions[i];
            m.span.end <= to
                && Context::is_speaker_label(m.label)
                && cx.words_between(k.span.end, m.span.start) == 0
        })
        .then_some(k.span.end)
}

/// The first of the bodies named together with body `l` (`the FBI and CISA`), also past a
/// country that owns `l` (`the US Treasury Department and Britain's Foreign Office`).
fn first_issuer(cx: &Context<'_>, l: usize) -> Option<usize> {
    let owner = l.checked_sub(1).filter(|&o| {
        matches!(cx.mentions[o].label, Label::Gpe | Label::Norp)
            && matches!(&cx.text[cx.mentions[o].span.end..cx.mentions[l].span.start], "'s " | "’s ")
    });
    let Some(o) = owner.filter(|&o| o > 0) else { return cx.co_issuers(l).first().copied() };
    let before = o - 1;
    let between = cx.text[cx.mentions[before].span.end..cx.mentions[o].span.start].trim();
    let body = matches!(cx.mentions[before].label, Label::Gov | Label::Org);
    if body && matches!(between, "and" | ", and" | ",") {
        cx.co_issuers(before).first().copied()
    } else {
        Some(l)
    }
}

/// English `X's [title words] Y`: whether `text[a..b]` is a possessive `'s` and at most two
/// lower-case words, so the name at `b` is possessed by the one ending at `a`.
fn possessed(cx: &Context<'_>, a: usize, b: usize) -> bool {
    let Some(rest) = cx.text[a..b].strip_prefix(['\'', '’']).and_then(|r| r.strip_prefix('s')) else {
        return false;
    };
    let words: Vec<&str> = rest.split_whitespace().collect();
    (rest.is_empty() || rest.starts_with(char::is_whitespace))
        && words.len() <= 2
        && words.iter().all(|w| w.chars().all(|c| c.is_lowercase() || c == '-'))
}

fn speaker_left(
    cx: &Context<'_>,
    from: usize,
    to: usize,
    in_quote: &dyn Fn(&Span) -> bool,
    nearest: bool,
) -> Option<usize> {
    // Persian puts the subject before the object: past the first `را`, the words are the
    // object's and the predicate's (`X Y را به هدف قرار دادن وزارت Z متهم کرد`).
    let to = persian_object_marker(cx, from, to).unwrap_or(to);
    // `… خوانده شده که تیرانا مدعی شده`: a Persian clause after `که` has its own subject.
    let from = persian_clause_start(cx, from, to).unwrap_or(from);
    let cands: Vec<usize> = cx
        .starting_in(from, to)
        .filter(|&i| {
            let m = &cx.mentions[i];
            m.span.start >= from
                && m.span.end <= to
                && Context::is_speaker_label(m.label)
                && !in_quote(&m.span)
                && !addressed(cx, m.span.start)
                && !frame_source(cx, i)
                && !persian_object(cx, m.span.end)
                && !persian_addressee(cx, i, to)
                && !parent(cx, i)
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
        // `Putin's spokesman Dmitry Peskov told`: lower-case title words may stand between.
        let mut pick = first;
        while let Some(&next) =
            cands.iter().find(|&&j| cx.mentions[j].span.start >= cx.mentions[pick].span.end)
            && strong(&next)
            && possessed(cx, cx.mentions[pick].span.end, cx.mentions[next].span.start)
        {
            pick = next;
        }
        // English puts the subject right before its verb: a person or body with nothing but
        // a space between it and the verb (`…, Attorney General X said`) is the subject, not
        // the name that opened the sentence.
        // Bodies named together (`the FBI and CISA said`) speak as the first of them.
        let adjacent = cands
            .last()
            .copied()
            .filter(|&l| {
                cx.lang == Lang::En
                    && strong(&l)
                    && cx.mentions[l].span.start > cx.mentions[pick].span.end
                    && descriptors_only(cx, cx.mentions[l].span.end, to)
            })
            .and_then(|l| first_issuer(cx, l))
            .filter(|&l| cx.mentions[l].span.start > cx.mentions[pick].span.end);
        Some(adjacent.unwrap_or(pick))
    }
}
