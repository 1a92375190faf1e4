//! Issue #13: who speaks a claim, one table per rule (made-up sentences), run through the whole
//! pipeline with the embedded data. Each row names the cue (the last claim with that cue is
//! checked) and the speaker's entity id (empty: no speaker).

use isnad::doc::DocResult;

fn run(text: &str) -> DocResult {
    crate::util::run_text(text)
}

/// (name, text, cue, speaker entity id)
type Row = (&'static str, &'static str, &'static str, &'static str);

/// Runs `rows` and lists the rows whose speaker differs.
fn check(rows: &[Row]) {
    let mut fails = Vec::new();
    for &(name, text, cue, speaker) in rows {
        let r = run(text);
        let Some(c) = r.claims.iter().rev().find(|c| &text[c.cue.start..c.cue.end] == cue) else {
            fails.push(format!("{name}: no claim with cue {cue:?}"));
            continue;
        };
        let got = c.speaker.map_or("", |s| r.mentions[s].entity_id.as_str());
        if got != speaker {
            fails.push(format!("{name}: speaker {got:?}, want {speaker:?}"));
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

/// A verb inside a speaker's quoted words, with no subject of its own there, is that speaker's
/// wording: it does not hand the next elided subject to a name outside the quote.
#[test]
fn a_verb_inside_quoted_words_keeps_the_quoted_speaker() {
    check(&[
        (
            "ar the outlet that carried the statement is not the next verb's subject",
            "أعلنت جماعة العصفور المفترس مسؤوليتها عن تعطيل المصارف. وقالت الجماعة، في رسالة بثتها قناة الجزيرة القطرية، إنها \"تعلن تبنيها تعطيل أنظمة المصارف في البلاد\". وأضافت في الرسالة: \"عمليتنا رد على القمع\".",
            "وأضافت",
            "predatory_sparrow",
        ),
        (
            "en a pronoun after a quote with a verb in it",
            "Predatory Sparrow said in a post carried by the BBC that it \"claims the attack on the banks\". It added: \"our operation answers the crackdown\".",
            "added",
            "predatory_sparrow",
        ),
        (
            "fa a description after a quote with a verb in it",
            "گنجشک درنده در پیامی که شبکه بی‌بی‌سی منتشر کرد گفت: «ما اعلام می‌کنیم که مسئولیت حمله به بانک‌ها را بر عهده داریم». این گروه افزود: «عملیات ما پاسخ سرکوب است».",
            "افزود",
            "predatory_sparrow",
        ),
    ]);
}

/// No subject or description reaches across a full stop the sentence splitter left inside an
/// unclosed quote (Arabic and Persian).
#[test]
fn no_subject_across_a_full_stop_inside_an_unclosed_quote() {
    check(&[
        (
            "ar a title after the stop is the minister, not the company before it",
            "أوضح ليون بانيتا في كلمته أن البرنامج الخبيث عطّل حواسيب شركة أرامكو، ثم نقل عن مساعديه أن الإدارة \"تعلم الجهة المسؤولة. وقال الوزير، في ختام كلمته، إن الضرر كان واسعا.",
            "وقال",
            "leon_panetta",
        ),
        (
            "fa a title after the stop is the official, not the company before it",
            "عباس عراقچی گفت که حمله شکست خورد و منبعی گفت \"ایران می‌داند چه کسی به شرکت مایکروسافت حمله کرد. این مقام تاکید کرد که ایران پاسخ می‌دهد.",
            "تاکید کرد",
            "abbas_araghchi",
        ),
        (
            "en a title in a new sentence is the person who spoke last",
            "Leon Panetta, the US defense secretary, said the virus that hit Saudi Aramco was serious. The minister added that the attack was destructive.",
            "added",
            "leon_panetta",
        ),
    ]);
}

/// Arabic: a passive agent of another verb (`تعرضها من قبل إيران`) does not outrank the subject
/// named right after the cue; an agent with no subject named still speaks.
#[test]
fn a_subject_right_after_an_arabic_verb_outranks_a_later_agent() {
    check(&[
        (
            "ar the government named after the verb, the agent of another verb later",
            "قالت إيران إن الهجوم فشل. وأعلنت الحكومة الألبانية يوم الأربعاء قطع علاقاتها مع إيران بذريعة تعرضها من قبل إيران لهجمات.",
            "وأعلنت",
            "albania",
        ),
        (
            "fa the agent of a headline rejection still speaks",
            "رد ادعای مایکروسافت درباره هک انتخابات توسط وزارت امور خارجه ایران",
            "رد ادعای",
            "ministry_of_foreign_affairs_iran",
        ),
    ]);
}

/// English `with X VERBing`: the participle's own subject is the name after `with`, not the main
/// verb's subject. (Arabic and Persian participles have no such construction; their participles
/// keep the main subject.)
#[test]
fn a_participle_after_with_has_the_name_after_with_as_subject() {
    check(&[
        (
            "en a firm after with reports, not the group that spoke",
            "Predatory Sparrow claimed the bank hack on Telegram, with the Elliptic consultancy reporting that $50 million vanished.",
            "reporting",
            "elliptic_company",
        ),
        (
            "en a person after with and a title calls, not the government",
            "The Russian government denied any role, with Kremlin spokesman Dmitry Peskov calling the claims unfounded.",
            "calling",
            "dmitry_peskov",
        ),
        (
            "en without with the participle keeps the main subject",
            "Predatory Sparrow claimed the bank hack on Telegram, adding that the coins were gone.",
            "adding",
            "predatory_sparrow",
        ),
        (
            "ar a participle keeps the main subject",
            "قالت جماعة العصفور المفترس إنها اخترقت المنصة، مضيفة أن الأموال أحرقت.",
            "مضيفة",
            "predatory_sparrow",
        ),
    ]);
}

/// Arabic: a description right after the verb is its subject even when a name stands before
/// the verb as its topic (`فاليسار الموحد قالت الجريدة`); Persian and English put the
/// description before the verb and keep their rules.
#[test]
fn an_arabic_description_right_after_the_verb_outranks_a_topic_before_it() {
    check(&[
        (
            "ar the newspaper after the verb, a party before it",
            "قالت صحيفة لوموند إن هواتف القادة تعرضت للتجسس. فاليسار الموحد قالت الجريدة إن أحد قادته استهدف.",
            "قالت",
            "le_monde",
        ),
        (
            "fa the newspaper before the verb",
            "روزنامه لوموند گفت که تلفن رهبران شنود شده است. این روزنامه افزود که یکی از رهبران حزب هدف قرار گرفت.",
            "افزود",
            "le_monde",
        ),
        (
            "en the newspaper before the verb",
            "Le Monde said the phones of the leaders were tapped. The newspaper added that a party leader was targeted.",
            "added",
            "le_monde",
        ),
    ]);
}

/// Whom a speaker addressed (`في تصريحات لموقع X`, `در گفت‌وگو با X`, `in an interview with X`)
/// is never the speaker, nor the company a later `this company` refers back to.
#[test]
fn the_addressee_of_a_statement_never_speaks() {
    check(&[
        (
            "ar an outlet after a title the lexicon has, the name unknown",
            "وقال الرئيس التنفيذي للشركة في تصريحات لموقع «ذا فيرج» إن المهاجمين استغلوا ثغرة في النظام.",
            "وقال",
            "",
        ),
        (
            "fa an outlet after the subject of a verb-final clause",
            "سخنگوی این نهاد در گفت‌وگو با خبرگزاری رویترز گفت که مهاجمان از یک آسیب‌پذیری استفاده کردند.",
            "گفت",
            "",
        ),
        (
            "fa a company described, the addressee the only company named",
            "مدیر این شرکت در مصاحبه با رویترز گفت که مهاجمان از یک آسیب‌پذیری استفاده کردند.",
            "گفت",
            "",
        ),
        (
            "en the addressee before the speaker",
            "In an interview with the BBC, Microsoft said the attackers had exploited a flaw.",
            "said",
            "microsoft",
        ),
    ]);
}

/// Unnamed media and reports (`رسانه‌های داخلی`, `وسائل إعلام محلية`, `local media`) speak for
/// no one, also when a place says where they are and when Persian opens the clause with them;
/// an agentless passive (`گفته شده است`) has no speaker.
#[test]
fn unnamed_media_and_agentless_passives_name_no_speaker() {
    check(&[
        (
            "fa unnamed media open a verb-final clause, a place inside it",
            "وزارت خارجه ایران این اتهام را رد کرد. برخی از رسانه‌های داخلی در ایران از کمبود بنزین خبر داده‌اند.",
            "خبر داده‌اند",
            "",
        ),
        (
            "fa an agentless passive after a named speaker",
            "وزارت خارجه ایران این اتهام را رد کرد. همچنین گفته شده است که بهای سوخت بالا رفته است.",
            "گفته شده است",
            "",
        ),
        (
            "ar unnamed media after the verb, a place after them",
            "نفت الخارجية الإيرانية الاتهامات. وذكرت وسائل إعلام محلية في إيران أن محطات الوقود توقفت.",
            "وذكرت",
            "",
        ),
        (
            "en unnamed local media",
            "Iran's foreign ministry denied the charge. Local media in Iran reported that fuel stations had stopped.",
            "reported",
            "",
        ),
    ]);
}

/// Arabic is verb-first: a description right after the verb (`قالت الشركة`) is the subject, not
/// a description inside a fronted topic; and a company the text introduced (`شركة «X»`) after
/// the last company that spoke is the one `الشركة` means.
#[test]
fn a_description_after_the_verb_refers_to_the_last_company_introduced() {
    check(&[(
        "ar fronted topic holding another description",
        "وأكدت صحيفة «الأخبار» أن الهجوم وقع ليلاً. وقدّرت شركة «نوفاتك» المتخصصة أن المجموعة جمعت 90 مليون دولار. وحذرت وكالة الأمن السيبراني «سيسا» من هجمات مماثلة. وعن الجهة التي تقف وراء المجموعة، قالت الشركة البريطانية إن عناصرها يتجنبون استهداف روسيا.",
        "قالت",
        "~نوفاتك",
    )]);
}

/// Persian: the outlet a frame names (`به گزارش خبرگزاری X (ایسنا)،`), and its parenthesized
/// alias, belong to the frame's claim; the verb after the frame is the name that follows.
#[test]
fn a_persian_frames_outlet_is_not_the_next_verbs_subject() {
    check(&[(
        "fa an outlet with its acronym in parentheses",
        "به گزارش خبرگزاری دانشجویان ایران (ایسنا)، ژائو لی‌جیان سخنگوی وزارت امور خارجه چین روز سه‌شنبه گفت که واشنگتن بدون مدرک پکن را متهم می‌کند.",
        "گفت",
        "zhao_lijian",
    )]);
}

/// The accused is the verb's object, never its speaker: Persian marks it with `را`, and a
/// name after that marker is in the object or the predicate (`X Y را به … متهم کرد`); Arabic
/// and English put it after the verb.
#[test]
fn an_object_marked_by_ra_is_never_the_speaker() {
    check(&[
        (
            "fa a described subject, the object after it: the group named before speaks",
            "گروه هکری گنجشک درنده اعلام کرد که سامانه‌های بانک را از کار انداخته است. این گروه در ادامه بانک سپه را به همکاری با سپاه پاسداران متهم کرد.",
            "متهم کرد",
            "predatory_sparrow",
        ),
        (
            "fa an unnamed spokesman: the object is no speaker",
            "سخنگوی دولت روز پنجشنبه روسیه را به دخالت در انتخابات متهم کرد.",
            "متهم کرد",
            "",
        ),
        (
            "fa a name past the object marker is the predicate's, not the subject",
            "مقام‌های آمریکایی پیش‌تر گروه «لازاروس» را به هدف قرار دادن کارکنان وزارت انرژی آمریکا متهم کرده بودند.",
            "متهم کرده بودند",
            "united_states",
        ),
        (
            "ar the accused after the verb and its subject",
            "اتهمت بريطانيا روسيا بالتدخل في الانتخابات.",
            "اتهمت",
            "united_kingdom",
        ),
        (
            "en the accused after the verb",
            "Britain accused Russia of meddling in the election.",
            "accused",
            "united_kingdom",
        ),
    ]);
}

/// A document (`the advisory`, `التقرير`) speaks for the body that issued it: the company or
/// government body that spoke last, not a person who spoke in between (SCHEMA §10 rule 10).
#[test]
fn a_document_speaks_for_the_body_that_issued_it() {
    check(&[
        (
            "ar the lab is the one the text introduced as a lab, not the university it belongs to",
            "نشر مختبر \"نوفا لاب\" التابع لجامعة تورنتو تقريرا جديدا. وأوضح المختبر أن الهواتف اخترقت.",
            "وأوضح",
            "~نوفا_لاب",
        ),
        (
            "ar its report is the company named before it, though no company spoke, not a person named after it",
            "وفحصت شركة مايكروسوفت هاتف الوزير محمد اشتية بعد الحادث، وقال تقريرها إن المهاجمين دخلوا عبر بريد مزيف.",
            "وقال",
            "microsoft",
        ),
        (
            "en the advisory is the agency's, past the minister who spoke after it",
            "The Australian Signals Directorate said on Monday that APT40 was behind the intrusions. Defence Minister Richard Marles said the government would respond. \"APT40 continues to target our networks,\" the advisory warned.",
            "warned",
            "australian_signals_directorate",
        ),
        (
            "ar the report is the company's, past the spokesman who spoke after it",
            "قالت شركة مايكروسوفت إن مجموعة ستورم 0558 سرقت مفتاحا للتوقيع. وقال المتحدث باسم الخارجية الأمريكية ماثيو ميلر إن الوزارة رصدت النشاط أولا. وأضاف التقرير أن الشركة لم تكتشف السرقة بنفسها.",
            "وأضاف",
            "microsoft",
        ),
        (
            "fa the report a body's statement was relayed in stays that body's, not the relaying outlet's",
            "به گزارش خبرگزاری مهر به نقل از روزنامه گلوبال تایمز، وزارت امنیت کشور چین اعلام کرد که آمریکا شبکه‌های این کشور را هک کرده است. در این گزارش آمده است که این حملات سال‌ها ادامه داشته است.",
            "آمده است",
            "ministry_of_state_security_china",
        ),
    ]);
}

/// A government named without its country speaks for the last country named with a government
/// noun (SCHEMA §10 rule 13), never for the accuser that spoke before it.
#[test]
fn a_government_named_alone_is_the_country_it_governs() {
    check(&[
        (
            "ar the government after the Moroccan government replied",
            "اتهمت منظمة العفو الدولية الجزائر بمراقبة ناشطين. وعلقت الحكومة الجزائرية على التقرير مساء الأحد. ونفت الحكومة هذه الاتهامات قطعيا.",
            "ونفت",
            "algeria",
        ),
        (
            "en the government after the Dutch government was named",
            "A Belgian newspaper accused the Dutch government of spying on journalists. The government said the report was false.",
            "said",
            "netherlands",
        ),
        (
            "ar the government named with its country after the verb",
            "قالت إيران إن الهجوم فشل. وأعلنت الحكومة الألبانية قطع علاقاتها مع إيران.",
            "وأعلنت",
            "albania",
        ),
    ]);
}

/// A statement referred back to (`وأضاف البيان`, `the statement added`) is its owner's, read
/// where the text introduced the statement; a statement named in a frame (`وفقًا للبيان`) does
/// not introduce it.
#[test]
fn a_statement_speaks_for_the_owner_it_was_introduced_with() {
    check(&[
        (
            "ar a statement introduced after the government's reply",
            "اتهمت منظمة العفو الدولية الجزائر بمراقبة ناشطين. وأصدرت الحكومة الجزائرية بيانا مساء الأحد. وأكد البيان أن السلطات لم تستخدم أي برنامج للتجسس.",
            "وأكد",
            "algeria",
        ),
        (
            "ar a joint statement is its first issuer's",
            "نشر مكتب التحقيقات الفيدرالي ووكالة الأمن القومي بيانا مشتركا حول مجموعة القرصنة. وأعلنت وزارة العدل توقيف مشتبه به. ودعا البيان المستشفيات إلى تحديث برامجها.",
            "ودعا",
            "federal_bureau_of_investigation",
        ),
        (
            "en a statement from its owner",
            "Amnesty accused Algeria of watching activists. Algeria's government issued a statement on Sunday. The statement said the claims were false.",
            "said",
            "algeria",
        ),
    ]);
}

/// A medium noun alone or with a demonym (`شبکه سعودی`, `the British newspaper`) is the outlet
/// named last, not the country of the demonym.
#[test]
fn a_medium_noun_with_a_demonym_is_the_outlet_named_last() {
    check(&[
        (
            "fa the Qatari network after the outlet was named",
            "شبکه الجزیره در گزارشی اعلام کرد که هکرها به سامانه یک بانک دسترسی یافته‌اند. شبکه قطری در ادامه مدعی شد که داده‌های مشتریان فروخته شده است.",
            "مدعی شد",
            "al_jazeera",
        ),
        (
            "en a demonym and a medium noun before the verb",
            "The Guardian reported that hackers breached the network. The British newspaper added that the attack lasted a week.",
            "added",
            "the_guardian",
        ),
    ]);
}

/// English: a name followed by descriptor nouns right before the verb is its subject (`the
/// Tasnim news agency warned`), not a name earlier in the sentence.
#[test]
fn a_name_with_descriptor_nouns_before_the_verb_is_the_subject() {
    check(&[(
        "en an outlet with its medium noun after an earlier clause",
        "A shopkeeper told the BBC that card payments had failed, and the Tasnim news agency warned that bread prices could rise.",
        "warned",
        "tasnim_news_agency",
    )]);
}

/// English: a subordinate clause after a comma (`, as X declared`, `, while X said`) has its own
/// subject, not the name that opened the sentence.
#[test]
fn a_subordinate_clause_has_its_own_subject() {
    check(&[
        (
            "en as after a comma",
            "Germany's foreign office summoned the Russian ambassador on Friday, as the Netherlands on the same day blamed Moscow for the intrusion.",
            "blamed",
            "netherlands",
        ),
        (
            "en while after a comma",
            "Microsoft published its findings on Monday, while the FBI said the hackers had been tracked for months.",
            "said",
            "federal_bureau_of_investigation",
        ),
    ]);
}
