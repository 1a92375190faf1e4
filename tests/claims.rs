//! Claim and relation rules, one table per rule family, run through the whole pipeline with
//! the embedded data (so a change to the lexicon or the rules shows up here).

use isnad::doc::DocResult;

/// The cue of every claim, as written.
fn cues(r: &DocResult) -> Vec<&str> {
    r.claims.iter().map(|c| &r.doc.text[c.cue.start..c.cue.end]).collect()
}

/// The entity id of the last claim's speaker.
fn last_speaker(r: &DocResult) -> Option<&str> {
    r.claims.last().and_then(|c| c.speaker).map(|s| r.mentions[s].entity_id.as_str())
}

fn run(text: &str) -> DocResult {
    crate::util::run_text(text)
}

/// (name, text, cue, speaker entity id, stance, direct)
const CLAIMS: &[(&str, &str, &str, &str, &str, bool)] = &[
    (
        "ar a quoted alias before the verb is the speaker's name, not its words",
        "وكانت وكالة الأمن القومي الأميركية «إن إس إيه» قد أعلنت أن مجموعة «تورلا» تقف وراء التسلل إلى الشبكة.",
        "أعلنت",
        "national_security_agency",
        "ACCUSE",
        false,
    ),
    (
        "ar a subject that opens with a title names its holder past the bodies in it",
        "وأعلن المؤسس المشارك والرئيس التنفيذي لشركة \"تيليغرام\" بافيل دوروف أن الخدمة عادت.",
        "وأعلن",
        "pavel_durov",
        "STATE",
        false,
    ),
    (
        "ar a long title with places before the name: the name speaks, not the institute",
        "قالت الحكومة إن الموقع توقف. وقال رئيس قسم الأبحاث في معهد الدراسات الأمنية في جامعة بغداد الدكتور سامي العبيدي إن الهجوم كبير.",
        "وقال",
        "~سامي_العبيدي",
        "STATE",
        false,
    ),
    (
        "en a subject word before the verb: the name after it is the content's",
        "Officials said Russia's hackers had breached the ministry.",
        "said",
        "",
        "ACCUSE",
        false,
    ),
    (
        "en a description right before the verb is its subject, not a name before it",
        "Predatory Sparrow said it breached the bank. Hours after the exchange went offline, the group claimed it had wiped data.",
        "claimed",
        "predatory_sparrow",
        "STATE",
        false,
    ),
    (
        "en an unnamed source in a place speaks for no one",
        "A source in Kabul told the agency that the banks had closed.",
        "told",
        "",
        "STATE",
        false,
    ),
    (
        "ar title with a possessive pronoun set off by commas names its holder",
        "رفضت وزارة الخارجية الصينية التقرير، وأوضح المتحدث باسمها، لين جيان: \"هذه أكاذيب\".",
        "وأوضح",
        "lin_jian",
        "DENY",
        true,
    ),
    (
        "en inverted verb after the content names its speaker",
        "The hackers were Russian, said Lavrov.",
        "said",
        "sergey_lavrov",
        "ACCUSE",
        false,
    ),
    ("ar speaker after verb", "وقال لافروف إن الاتهامات سخيفة.", "وقال", "sergey_lavrov", "DENY", false),
    ("ar subject before verb", "إيران تنفي اتهامات مايكروسوفت.", "تنفي", "iran", "DENY", false),
    ("ar conjunction prefix", "فيما نفت طهران أي تدخل في الانتخابات.", "نفت", "tehran", "DENY", false),
    (
        "ar quote after speaker",
        "وقالت مايكروسوفت \"استهدف قراصنة إيرانيون الحملة\".",
        "وقالت",
        "microsoft",
        "ACCUSE",
        true,
    ),
    (
        "ar warn verb",
        "وحذر مكتب التحقيقات الفيدرالي من هجمات روسية.",
        "وحذر",
        "federal_bureau_of_investigation",
        "WARN",
        false,
    ),
    (
        "fa speaker before verb",
        "مایکروسافت اعلام کرد که هکرهای ایرانی به کارزار حمله کردند.",
        "اعلام کرد",
        "microsoft",
        "ACCUSE",
        false,
    ),
    (
        "fa guillemets",
        "سخنگوی وزارت امور خارجه گفت: «این ادعا بی‌اساس است».",
        "گفت",
        "ministry_of_foreign_affairs_iran",
        "DENY",
        true,
    ),
    (
        "fa frame speaker follows",
        "طبق گفته مایکروسافت هکرهای روسی به کارزار حمله کرده‌اند.",
        "طبق گفته",
        "microsoft",
        "ACCUSE",
        false,
    ),
    (
        "en subject first",
        "Microsoft said Iranian hackers targeted the campaign.",
        "said",
        "microsoft",
        "ACCUSE",
        false,
    ),
    (
        "en speaker after quote",
        "\"The accusations are absurd,\" said Nasser Kanaani.",
        "said",
        "nasser_kanaani",
        "DENY",
        true,
    ),
    (
        "ar quoted name is the speaker, not the quote",
        "كشفت صحيفة «نيويورك تايمز» أن قراصنة صينيين حاولوا اختراق هواتف ترامب.",
        "كشفت",
        "the_new_york_times",
        "ACCUSE",
        false,
    ),
    (
        "ar frame with a quoted name",
        "وبحسب وكالة «رويترز»، تعطلت أنظمة المصرف.",
        "وبحسب",
        "reuters",
        "STATE",
        false,
    ),
    (
        "ar title whose body is a person",
        "واتهم المتحدث باسم حملة ترامب ستيفن تشيونغ إيران بالتدخل.",
        "واتهم",
        "steven_cheung",
        "ACCUSE",
        false,
    ),
    (
        "fa pluperfect of a compound verb",
        "مایکروسافت پیش‌تر اعلام کرده بود که هکرهای ایرانی به ستاد ترامپ نفوذ کرده‌اند.",
        "اعلام کرده بود",
        "microsoft",
        "ACCUSE",
        false,
    ),
    (
        "fa negated verb after the accusation denies",
        "دمیتری پسکوف گفت روسیه در انتخابات هیچ کشوری دخالت نمی‌کند.",
        "گفت",
        "dmitry_peskov",
        "DENY",
        false,
    ),
    (
        "ar outlet carries the source after عن",
        "ونقلت وكالة «رويترز» عن مسؤول أميركي أن المحققين يحاولون تحديد حجم الأضرار.",
        "ونقلت",
        "united_states",
        "STATE",
        false,
    ),
    (
        "ar the verbal noun after the source is the cue",
        "ونقلت وكالة محلية عن المتحدث باسم وزارة الخارجية الإيرانية سعيد خطيب زاده قوله إن هذه الاتهامات سخيفة.",
        "قوله",
        "saeed_khatibzadeh",
        "DENY",
        false,
    ),
    (
        "en possessive: the possessed body speaks",
        "Google's Mandiant unit said North Korean hackers stole the funds.",
        "said",
        "mandiant",
        "ACCUSE",
        false,
    ),
    (
        "en possessive with a title: the titled person speaks",
        "The Kremlin denied any role, and Putin's spokesman Dmitry Peskov told reporters that the president would discuss the matter in Geneva.",
        "told",
        "dmitry_peskov",
        "STATE",
        false,
    ),
    (
        "en the name right before the verb, not the sentence's first",
        "Yaroslav Vasinskyi, a Ukrainian national, was arrested in Poland, Attorney General Merrick Garland said at a news conference.",
        "said",
        "merrick_garland",
        "STATE",
        false,
    ),
    (
        "ar a title before commas around its holder's name",
        "وأوضح الباحث في الشركة، أنطون تشيريبانوف، أن البرنامج صمم للتحكم في قواطع التيار.",
        "وأوضح",
        "~أنطون_تشيريبانوف",
        "STATE",
        false,
    ),
    (
        "ar a complementizer before a quoted fragment makes reported speech",
        "ورأى الخبير جيمس لويس أن العقوبات «لا تكفي وحدها» لردع المجموعة.",
        "ورأى",
        "james_andrew_lewis",
        "STATE",
        false,
    ),
    (
        "ar a demonym describing the subject before its quoted name",
        "وقالت شركة الأمن السيبراني السلوفاكية \"إيسيت\" إن باحثيها عثروا على برنامج خبيث.",
        "وقالت",
        "eset",
        "STATE",
        false,
    ),
    (
        "en bodies named together right before the verb speak as the first",
        "In a joint advisory, the FBI and CISA said Chinese hackers had breached the networks.",
        "said",
        "federal_bureau_of_investigation",
        "ACCUSE",
        false,
    ),
    (
        "en a passive agent right after the participle speaks",
        "The ban builds on export curbs against the chipmaker announced by the Treasury Department on Friday.",
        "announced",
        "united_states_department_of_the_treasury",
        "STATE",
        false,
    ),
    (
        "fa a subject right after که opens its own clause",
        "سفارت را بستند و دلیل آن نفوذ به شبکه گمرک اعلام شد که لندن مدعی شده کار هکرهای روسی بوده است.",
        "مدعی شده",
        "london",
        "ACCUSE",
        false,
    ),
    (
        "fa a relative clause after the subject does not",
        "گروه هکری «گنجشک درنده» که در سال ۲۰۲۱ در ایران نیز فعال بود، در پیامی مدعی شد که سامانه‌های بانک هنوز از کار افتاده‌اند.",
        "مدعی شد",
        "predatory_sparrow",
        "STATE",
        false,
    ),
    (
        "ar a verb joined by و continues the main clause, not a relative clause",
        "وأكد إسماعيل بقائي أن بلاده تنفي المزاعم التي وجهتها وزارة العدل الأمريكية إلى مواطنين إيرانيين، واستنكر تلك المزاعم مساء السبت.",
        "واستنكر",
        "esmaeil_baghaei",
        "DENY",
        false,
    ),
    (
        "en a participle's subject is the sentence's first name past the dateline",
        "DHAKA (Reuters) - Bangladesh Bank, the country's central bank, has filed a lawsuit against a Philippine lender, accusing it of helping hackers steal millions.",
        "accusing",
        "bangladesh_bank",
        "ACCUSE",
        false,
    ),
    (
        "ar the parent named after التابع neither wrote nor said it",
        "وجاء ذلك ردا على تقرير نشره مختبر \"سيتيزن لاب\" التابع لجامعة تورنتو الكندية، الاثنين، كشف فيه أن 65 شخصا استهدفوا.",
        "كشف",
        "citizen_lab",
        "STATE",
        false,
    ),
    (
        "en bodies named together past a possessor country speak as the first",
        "The US Treasury Department and Britain's Foreign Office announced their own sanctions on the same day.",
        "announced",
        "united_states_department_of_the_treasury",
        "STATE",
        false,
    ),
    (
        "fa a frame before the verb keeps its source",
        "به گزارش خبرگزاری رویترز، شرکت مایکروسافت روز جمعه اعلام کرد که هکرهای ایرانی به کارزار حمله کردند.",
        "اعلام کرد",
        "microsoft",
        "ACCUSE",
        false,
    ),
    (
        "fa the name opening the clause is the subject",
        "تهران اتهامات آمریکا درباره هک کارزار ترامپ را رد کرد.",
        "رد کرد",
        "tehran",
        "DENY",
        false,
    ),
    (
        "ar a preposition inside the speaker's name",
        "في المقابل، نفت بعثة إيران الدائمة لدى الأمم المتحدة الاتهامات الأميركية.",
        "نفت",
        "permanent_mission_of_iran_to_the_united_nations",
        "DENY",
        false,
    ),
    (
        "fa a second verb joined by و keeps the subject",
        "ناصر کنعانی این تحریم‌ها را «بی‌اساس» خواند و ادعاهای آمریکا درباره حملات سایبری را رد کرد.",
        "رد کرد",
        "nasser_kanaani",
        "DENY",
        false,
    ),
    (
        "ar officials in a country speak for it",
        "واتهمت السلطات في مولدوفا روسيا بتمويل شبكة لشراء الأصوات.",
        "واتهمت",
        "moldova",
        "ACCUSE",
        false,
    ),
    (
        "en a scare-quoted word before 'that' is not the content",
        "The FBI said they were \"confident\" that Iran was behind the hack of the campaign.",
        "said",
        "federal_bureau_of_investigation",
        "ACCUSE",
        false,
    ),
    (
        "fa a clause ends at the و before the next verb's clause",
        "کارزار دونالد ترامپ اعلام کرد که بخشی از اسناد داخلی‌اش هک شده و ایران را مسئول این حمله دانست.",
        "اعلام کرد",
        "donald_trump",
        "STATE",
        false,
    ),
    (
        "en an evaluating participle inherits the denial",
        "RT dismissed the US allegations in a statement, calling them \"recycled Cold War fantasies.\"",
        "calling",
        "rt_tv_network",
        "DENY",
        true,
    ),
    (
        "en headline present tense",
        "Iran dismisses US accusation it hacked Trump campaign as 'fabricated'",
        "dismisses",
        "iran",
        "DENY",
        false,
    ),
    (
        "en unquoted clause before a trailing speaker",
        "North Korean hackers stole $1.5 billion this year, Google's Mandiant unit said in a report.",
        "said",
        "mandiant",
        "ACCUSE",
        false,
    ),
    (
        "ar China's formula denies",
        "وقالت ماو نينغ إن الصين «تعارض بشدة وتكافح كل أشكال الهجمات السيبرانية».",
        "وقالت",
        "mao_ning",
        "DENY",
        false,
    ),
    // A definite description takes the likeliest kind first: the group, not the outlet that
    // spoke last.
    (
        "ar a group described after an outlet spoke",
        "أعلنت مجموعة كوتون ساندستورم مسؤوليتها عن الاختراق.\nوقالت رويترز إن الخدمات عادت مساء.\nوكانت هذه الجماعة ذكرت في مارس أنها ستنشر وثائق جديدة.",
        "ذكرت",
        "cotton_sandstorm",
        "STATE",
        false,
    ),
    // The pluperfect `كان X قد VERB` puts the subject between `كان` and `قد`.
    (
        "ar subject of كان … قد",
        "وكانت مايكروسوفت قد اتهمت إيران بشن هجمات على الحملة.",
        "اتهمت",
        "microsoft",
        "ACCUSE",
        false,
    ),
    // Persian: with no subject before the verb-final clause, the name set off after it spoke.
    (
        "fa name after a verb-final clause",
        "یکی از کسانی که این ادعا را رد کرد، عباس عراقچی وزیر امور خارجه بود.",
        "رد کرد",
        "abbas_araghchi",
        "DENY",
        false,
    ),
    // A semicolon ends the relay's clause: the subject after it speaks.
    (
        "fa subject after a relay and ؛",
        "به گزارش ایسنا به نقل از رویترز؛ محققان مایکروسافت مدعی شدند که گروهی ایرانی پشت این حمله است.",
        "مدعی شدند",
        "microsoft",
        "ACCUSE",
        false,
    ),
    // Unnamed experts speak for no one, not for the country their content names.
    ("ar unnamed experts", "وقال خبراء إن روسيا تقف وراء الهجوم.", "وقال", "", "ACCUSE", false),
    ("en unnamed analysts", "Analysts said Russia was behind the attack.", "said", "", "ACCUSE", false),
    // The holder of a title, set off by commas after it, speaks (not the title's body).
    (
        "ar title، name، after the verb",
        "واتهم وزير الخارجية البريطاني، ديفيد لامي، روسيا بشن الهجمات.",
        "واتهم",
        "david_lammy",
        "ACCUSE",
        false,
    ),
    (
        "ar a relay frame with the source's own verb is the outlet's STATE claim",
        "ونقلت وكالة رويترز عن مسؤولين أمريكيين قولهم إن قراصنة روس اخترقوا شبكة الكهرباء.",
        "ونقلت",
        "reuters",
        "STATE",
        false,
    ),
    (
        "ar the source's verb after a relay frame claims with its own stance",
        "ونقلت وكالة رويترز عن مسؤولين أمريكيين قولهم إن قراصنة روس اخترقوا شبكة الكهرباء.",
        "قولهم",
        "united_states",
        "ACCUSE",
        false,
    ),
    (
        "ar the masdar القول is a cue only as a relayed source's verb",
        "ونقلت وكالة رويترز عن مسؤولين أمريكيين القول إن قراصنة روس اخترقوا شبكة الكهرباء.",
        "القول",
        "united_states",
        "ACCUSE",
        false,
    ),
    (
        "ar a relay frame without the source's verb: the source speaks through it",
        "ونقلت وكالة رويترز عن مسؤولين أمريكيين أن قراصنة روس اخترقوا شبكة الكهرباء.",
        "ونقلت",
        "united_states",
        "ACCUSE",
        false,
    ),
    (
        "ar a group claiming an attack names itself, it accuses no one",
        "وأعلنت مجموعة سايبر أفنجرز مسؤوليتها عن اختراق أنظمة المياه في بنسلفانيا.",
        "وأعلنت",
        "cyber_av3ngers",
        "STATE",
        false,
    ),
    (
        "en a trailing relay verb states; the verb it relays keeps its stance",
        "The Estonian government said on Monday that Russian hackers had breached its tax office, Reuters reported.",
        "reported",
        "reuters",
        "STATE",
        false,
    ),
    (
        "en a clause with its own subject after the verb is what it reports, not the clause before",
        "The outage began on Monday, a day after Microsoft said Russian hackers were behind the breach.",
        "said",
        "microsoft",
        "ACCUSE",
        false,
    ),
    // Denial rhetoric of the accused side (session 10): no denial verb, a denial all the same.
    (
        "en opposing hacking denies",
        "China firmly opposes every kind of hacking, Lin Jian said.",
        "said",
        "lin_jian",
        "DENY",
        false,
    ),
    (
        "en itself a victim denies",
        "Wang Wenbin said China was itself a victim of cyberattacks and urged Washington to stop politicizing the issue.",
        "said",
        "wang_wenbin",
        "DENY",
        false,
    ),
    (
        "ar exaggerated accusations deny",
        "وقال المتحدث باسم الخارجية الروسية ماريا زاخاروفا إن هذه الاتهامات مبالغ فيها.",
        "وقال",
        "maria_zakharova",
        "DENY",
        false,
    ),
    (
        "fa fabricated report denies",
        "سخنگوی وزارت امور خارجه چین، مائو نینگ، گفت این گزارش ساختگی است.",
        "گفت",
        "mao_ning",
        "DENY",
        false,
    ),
    (
        "en a group claiming responsibility states",
        "The hacking group Predatory Sparrow said it was claiming responsibility for the breach of the bank.",
        "said",
        "predatory_sparrow",
        "STATE",
        false,
    ),
    // Attribution vocabulary (session 10): who works for, backs or directs the operation.
    (
        "en working for a state accuses",
        "Mandiant said the operators were working for the Belarusian military.",
        "said",
        "mandiant",
        "ACCUSE",
        false,
    ),
    (
        "ar working on behalf of a government accuses",
        "وقال الباحث جون هولتكويست إن المهاجمين يعملون لصالح الحكومة الصينية.",
        "وقال",
        "john_hultquist",
        "ACCUSE",
        false,
    ),
    (
        "fa backed by a state accuses",
        "شرکت مایکروسافت اعلام کرد این گروه تحت حمایت دولت روسیه است.",
        "اعلام کرد",
        "microsoft",
        "ACCUSE",
        false,
    ),
    // ACCUSE needs an agent (SCHEMA §10 rule 11, session 10): an agentless report states; a
    // definite group description or a tie's object is an agent.
    (
        "en agentless break-in states",
        "Poland's government said hackers had broken into the email account of a minister.",
        "said",
        "poland",
        "STATE",
        false,
    ),
    (
        "ar agentless breach states",
        "وأضافت شركة مايكروسوفت أن الاختراق تم عبر حساب مورد خارجي.",
        "وأضافت",
        "microsoft",
        "STATE",
        false,
    ),
    (
        "en the hackers named before accuse",
        "Mandiant said the hackers had also scanned networks of the ministry.",
        "said",
        "mandiant",
        "ACCUSE",
        false,
    ),
    (
        "fa the state after a tie is the agent",
        "مایکروسافت اعلام کرد هکرهای وابسته به پیونگ‌یانگ این ارزها را دزدیده‌اند.",
        "اعلام کرد",
        "microsoft",
        "ACCUSE",
        false,
    ),
    (
        "en headline present tense of a noun-verb",
        "Ukraine blames Russia's Sandworm for the Kyivstar wiper attack",
        "blames",
        "ukraine",
        "ACCUSE",
        false,
    ),
    (
        "fa frame by report",
        "طبق گزارش شرکت متا، این شبکه از سال ۲۰۱۸ فعال بوده است.",
        "طبق گزارش",
        "meta_platforms",
        "STATE",
        false,
    ),
    // Session 11: what the verb's object is, where agents stand, what a denial word describes.
    (
        "ar condemning accusations denies them, past a speaker after the verb",
        "واستنكر المتحدث باسم الخارجية الإيرانية هذه الاتهامات بشدة.",
        "واستنكر",
        "ministry_of_foreign_affairs_iran",
        "DENY",
        false,
    ),
    (
        "en slamming a report denies it",
        "The embassy spokesman slammed the report as a \"smear campaign\".",
        "slammed",
        "",
        "DENY",
        false,
    ),
    (
        "fa a denial word on spread content accuses; a pronoun opening the content is its agent",
        "وزارت خزانه‌داری آمریکا می‌گوید آنها اطلاعات نادرست را در شبکه‌های اجتماعی منتشر کردند.",
        "می‌گوید",
        "united_states_department_of_the_treasury",
        "ACCUSE",
        false,
    ),
    (
        "fa a denial word as the predicate of a demonstrative subject denies",
        "نامزد مخالفان گفت که این تصاویر «ساختگی» است.",
        "گفت",
        "",
        "DENY",
        false,
    ),
    (
        "ar a company in the speaker's title is no agent",
        "وأعلن المدير التنفيذي لشركة \"بايبت\" بن تشو أن 400 ألف إيثريوم سرقت خلال العملية.",
        "وأعلن",
        "ben_zhou",
        "STATE",
        false,
    ),
    (
        "en the object of an active attack verb is the victim",
        "Predatory Sparrow said it had hacked the Nobitex platform.",
        "said",
        "predatory_sparrow",
        "STATE",
        false,
    ),
    (
        "ar the object of a relative attack verb and its demonym are the victim",
        "وقال الوزير ليون بانيتا إن فيروس شمعون الذي استهدف شركة أرامكو السعودية كان الأكثر تدميرا.",
        "وقال",
        "leon_panetta",
        "STATE",
        false,
    ),
    (
        "ar the subject between the complementizer and a quoted fragment is the agent; the clause is reported (§10 rule 12)",
        "وقال وزير الخارجية الأمريكي أنتوني بلينكن إن روسيا «نفذت هجمات إلكترونية» ضد أوكرانيا.",
        "وقال",
        "antony_blinken",
        "ACCUSE",
        false,
    ),
    (
        "ar a link between a state and the attack accuses",
        "وقال باحثون في الأمن إنهم عثروا على صلة بين كوريا الشمالية والهجوم.",
        "وقال",
        "",
        "ACCUSE",
        false,
    ),
    (
        "ar ridicule denies",
        "وأكد مندوب كوريا الشمالية أن \"ربط الهجوم ببلاده يثير السخرية\".",
        "وأكد",
        "north_korea",
        "DENY",
        true,
    ),
    (
        "en blaming outright accuses whatever threat the words also see",
        "Lord Ahmad said the Lazarus Group was almost certainly behind the operation, a grave threat to the country.",
        "said",
        "~lord_ahmad",
        "ACCUSE",
        false,
    ),
    (
        "fa agentless passive has no speaker",
        "همچنین گفته شده که سامانه سوخت دوباره به کار افتاد.",
        "گفته شده",
        "",
        "STATE",
        false,
    ),
    (
        "ar a continuing participle with neutral words goes on with the denial before it",
        "نفى المتحدث باسم الخارجية الصينية وانغ ون بين التقرير، مضيفاً أن أنظمة بلاده تعمل بشكل طبيعي.",
        "مضيفاً",
        "wang_wenbin",
        "DENY",
        false,
    ),
    (
        "en a continuing participle with neutral words goes on with the denial before it",
        "The embassy spokesman Liu Pengyu denied the report on Friday, adding that the country's networks were running normally.",
        "adding",
        "liu_pengyu",
        "DENY",
        false,
    ),
    (
        "en a continuing participle after an accusation adds a circumstance: it states",
        "Prime Minister Mark Rutte accused Moscow of meddling in the vote, adding that the count would go ahead on Sunday.",
        "adding",
        "mark_rutte",
        "STATE",
        false,
    ),
    (
        "ar a verb joined to a denial of the same speaker goes on with it",
        "ونفت وزارة الخارجية الروسية الاتهامات، وقالت إن موسكو تحترم سيادة الدول الأخرى.",
        "وقالت",
        "ministry_of_foreign_affairs_russia",
        "DENY",
        false,
    ),
    (
        "en a verb joined to a denial of the same speaker goes on with it",
        "The Chinese embassy denied the accusation on Monday and said Beijing respected the sovereignty of every country.",
        "said",
        "embassy_of_china",
        "DENY",
        false,
    ),
    (
        "fa a verb joined to a denial of the same speaker goes on with it",
        "سخنگوی وزارت امور خارجه چین این اتهام‌ها را «بی‌پایه» خواند و گفت که پکن به حاکمیت همه کشورها احترام می‌گذارد.",
        "گفت",
        "ministry_of_foreign_affairs_china",
        "DENY",
        false,
    ),
    (
        "en malicious code planted by a named state accuses",
        "Officials said the Russian military had planted malicious code in the power grid.",
        "said",
        "",
        "ACCUSE",
        false,
    ),
    (
        "ar malicious software used by a named state accuses",
        "وأوضح التقرير أن إيران استخدمت برمجيات خبيثة جديدة ضد موظفين حكوميين.",
        "وأوضح",
        "",
        "ACCUSE",
        false,
    ),
    (
        "ar destabilising behaviour of a named state accuses",
        "وقالت الوزارة إن موسكو تواصل سلوكها المزعزع للاستقرار في الفضاء الإلكتروني.",
        "وقالت",
        "",
        "ACCUSE",
        false,
    ),
    (
        "fa deceiving the public with manipulated videos accuses the state named",
        "وزارت خارجه آلمان گفت که روسیه با ویدئوهای دستکاری‌شده افکار عمومی را فریب داده است.",
        "گفت",
        "federal_foreign_office",
        "ACCUSE",
        false,
    ),
    (
        "en the negation of a resolve not to tolerate negates no accusation",
        "The Foreign Office said the country will not tolerate malicious cyber activity.",
        "said",
        "foreign_commonwealth_and_development_office",
        "STATE",
        false,
    ),
    (
        "ar a spokeswoman joined to her ministry's denial goes on with it",
        "ونفت وزارة الخارجية الصينية الاتهام، وقالت المتحدثة باسمها ماو نينغ إن بكين تحترم سيادة الدول الأخرى.",
        "وقالت",
        "mao_ning",
        "DENY",
        false,
    ),
    (
        "ar knowing who is behind an attack accuses no one",
        "وقال مسؤول أميركي إن واشنطن تعرف من يقف وراء الهجوم على الشركة.",
        "وقال",
        "united_states",
        "STATE",
        false,
    ),
    (
        "en not knowing who was behind an attack denies nothing",
        "The FBI said it was not clear who was behind the attack.",
        "said",
        "federal_bureau_of_investigation",
        "STATE",
        false,
    ),
    (
        "fa not knowing who is behind an attack denies nothing",
        "پلیس آلمان گفت که هنوز مشخص نیست چه کسی پشت این حمله است.",
        "گفت",
        "police_of_germany",
        "STATE",
        false,
    ),
    (
        "en a verb of another speaker after a denial keeps its own stance",
        "Moscow denied the report, while Microsoft said the servers were back online.",
        "said",
        "microsoft",
        "STATE",
        false,
    ),
    (
        "ar a medium noun refers to the outlet the text introduced with one, past a later speaker",
        "نشرت صحيفة «فايننشال تايمز» تحقيقا عن برنامج التجسس. وقالت منظمة هيومن رايتس ووتش إن هواتف المعارضين اخترقت. وأضافت الجريدة أن القائمة تضم نوابا ووزراء سابقين.",
        "وأضافت",
        "financial_times",
        "STATE",
        false,
    ),
    (
        "en the outlet is the one that framed the report, not the company that spoke last",
        "The breach exposed millions of customer records, according to Bloomberg. Okta said its own systems were secure. The outlet added that regulators had opened an inquiry.",
        "added",
        "bloomberg_news",
        "STATE",
        false,
    ),
    (
        "fa this newspaper is the outlet introduced with a medium noun",
        "به گزارش روزنامه «گاردین»، داده‌های هزاران بیمار به سرقت رفته است. شرکت مایکروسافت گفت سامانه‌هایش امن است. این روزنامه افزود که پلیس تحقیقات را آغاز کرده است.",
        "افزود",
        "the_guardian",
        "STATE",
        false,
    ),
    (
        "en a content whose subject is the group described names an agent: it accuses",
        "Mandiant said the group had registered dozens of lookalike domains.",
        "said",
        "mandiant",
        "ACCUSE",
        false,
    ),
    (
        "ar a content whose subject is the hackers described accuses",
        "وقالت شركة مايكروسوفت إن القراصنة زرعوا برمجيات خبيثة في خوادم البلدية.",
        "وقالت",
        "microsoft",
        "ACCUSE",
        false,
    ),
    (
        "en the described hackers negated right after: no accusation",
        "Easterly said the hackers were not targeting voting machines.",
        "said",
        "",
        "DENY",
        false,
    ),
    (
        "ar the accused side that denied, blaming only its accuser, still denies",
        "اتهمت الحكومة البريطانية روسيا بشن الهجوم على شبكة المستشفيات. ونفت السفارة الروسية في لندن هذه الاتهامات. وقالت السفارة في بيان إن «لندن اعتادت تحميل روسيا مسؤولية كل عطل تقني».",
        "وقالت",
        "embassy_of_russia_london",
        "DENY",
        false,
    ),
    (
        "en an -ing verb after be has its own subject",
        "The embassy said London was blaming Moscow for every technical fault.",
        "blaming",
        "london",
        "ACCUSE",
        false,
    ),
    (
        "en a court document speaks for the prosecuting country, not the department",
        "The United States charged two Russian nationals on Tuesday, the Justice Department said. According to the indictment, the men ran a network of fake news sites.",
        "According to",
        "united_states",
        "STATE",
        false,
    ),
    (
        "fa an indictment speaks for the country that accused",
        "ایالات متحده روز سه‌شنبه دو تبعه روسیه را به اداره سایت‌های خبری جعلی متهم کرد. در این کیفرخواست آمده است که این دو نفر برای یک شرکت در مسکو کار می‌کردند.",
        "آمده است",
        "united_states",
        "STATE",
        false,
    ),
    (
        "fa a statement the frame names with its owner is the owner's",
        "یوروپل روز دوشنبه اعلام کرد که سه سرور را در هلند توقیف کرده است. بر اساس بیانیه مایکروسافت، این گروه هکری از این سرورها برای حمله به بانک‌ها استفاده می‌کرد.",
        "بر اساس بیانیه",
        "microsoft",
        "ACCUSE",
        false,
    ),
    (
        "ar an agent anaphor right after the verb that opens the content accuses",
        "قالت الشرطة الهولندية يوم الاثنين إنها أغلقت ثلاثة مواقع. وبحسب بيان شركة مايكروسوفت، نشر هؤلاء معلومات مضللة عن الانتخابات.",
        "وبحسب",
        "microsoft",
        "ACCUSE",
        false,
    ),
    (
        "en a participle after a document has the document's owner as subject",
        "The minister spoke for an hour. He pointed to a Russian foreign ministry statement saying the vote had been rigged.",
        "saying",
        "ministry_of_foreign_affairs_russia",
        "STATE",
        false,
    ),
    (
        "ar an attack given a purpose has someone who meant it: it accuses",
        "وقال وزير الداخلية إن الهجوم على شبكة المياه يهدف إلى إثارة الذعر بين السكان.",
        "وقال",
        "",
        "ACCUSE",
        false,
    ),
    (
        "en an attack aimed at something accuses",
        "The minister said the attack on the water network was aimed at spreading panic.",
        "said",
        "",
        "ACCUSE",
        false,
    ),
    (
        "ar a body right after a verb joined by و is its own subject, not the previous speaker",
        "نفت طهران أي صلة لها بالاختراق، ووصفت وزارة الاستخبارات الإيرانية الاتهامات بأنها فبركة.",
        "ووصفت",
        "ministry_of_intelligence_iran",
        "DENY",
        false,
    ),
    (
        "ar an expert's opinion verb is a claim",
        "ويرى الباحث في أمن المعلومات سامي الخطيب أن الهجمات على المصارف ستتكرر.",
        "ويرى",
        "~سامي_الخطيب",
        "STATE",
        false,
    ),
    (
        "en describing an incident is a claim",
        "Microsoft described the intrusion as limited to a handful of test accounts.",
        "described",
        "microsoft",
        "STATE",
        false,
    ),
    (
        "fa as X wrote frames a claim of X",
        "به نوشته مایکروسافت، گروه هکری وابسته به دولت روسیه به ایمیل مدیران ارشد این شرکت نفوذ کرده است.",
        "به نوشته",
        "microsoft",
        "ACCUSE",
        false,
    ),
    (
        "fa whom the speaker told, after به right before the verb, never speaks",
        "یک مقام امنیتی ترکیه که نخواست نامش فاش شود به خبرگزاری رویترز گفت این ویدیو از خارج منتشر شده است.",
        "گفت",
        "turkey",
        "STATE",
        false,
    ),
    (
        "en a title of two words before a name is no part of it",
        "Interpol Director General Maria Lindqvist said the raids had been coordinated across nine countries.",
        "said",
        "~maria_lindqvist",
        "STATE",
        false,
    ),
    (
        "ar a syllable break and a complementizer-like syllable inside a name",
        "وقال المندوب الكوري الشمالي كيم -إن ريونغ أمام الصحفيين في نيويورك إن هذه التهم لا أساس لها.",
        "وقال",
        "kim_in_ryong",
        "DENY",
        false,
    ),
    (
        "en the speaker's own side as the only agent, alone: no accusation",
        "Chinese foreign ministry spokesman Wang Wenbin said on Monday that China opposes all forms of cyberattacks.",
        "said",
        "wang_wenbin",
        "STATE",
        false,
    ),
    (
        "en the speaker's own side as the only agent, after its denial: a denial",
        "The Chinese foreign ministry rejected the accusations on Tuesday. Chinese foreign ministry spokesman Wang Wenbin said China opposes all forms of cyberattacks.",
        "said",
        "wang_wenbin",
        "DENY",
        false,
    ),
    (
        "fa a frame with no verb of its own takes the stance of what it reports",
        "به گزارش خبرگزاری فارس، شایعاتی بی‌اساس درباره حمله سایبری به پالایشگاه‌ها منتشر شده است.",
        "به گزارش",
        "fars_news_agency",
        "DENY",
        false,
    ),
    (
        "fa a frame that holds another verb only relays it",
        "به گزارش خبرگزاری فارس، وزارت امور خارجه ایران این اتهامات را بی‌اساس خواند.",
        "به گزارش",
        "fars_news_agency",
        "STATE",
        false,
    ),
];

#[test]
fn claim_table() {
    let mut fails = Vec::new();
    for &(name, text, cue, speaker, stance, direct) in CLAIMS {
        let r = run(text);
        let Some(c) = r.claims.iter().find(|c| &text[c.cue.start..c.cue.end] == cue) else {
            fails.push(format!("{name}: no claim with cue {cue:?}"));
            continue;
        };
        let got = c.speaker.map_or("", |s| r.mentions[s].entity_id.as_str());
        if got != speaker || c.stance.as_str() != stance || c.direct != direct {
            fails.push(format!(
                "{name}: speaker {got} stance {} direct {} (want {speaker} {stance} {direct})",
                c.stance.as_str(),
                c.direct
            ));
        }
    }
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}

#[test]
fn a_trailing_relay_carries_the_claim_before_it() {
    let text = "The Estonian government said on Monday that Russian hackers had breached its tax office, Reuters reported.";
    let r = run(text);
    assert_eq!(cues(&r), vec!["said", "reported"]);
    let said = &r.claims[0];
    assert_eq!(said.stance.as_str(), "ACCUSE");
    assert_eq!(said.via, Some(1), "the outlet's verb relays the government's claim");
    let content = &text[said.content.start..said.content.end];
    assert!(content.ends_with("tax office"), "no trailing frame in the content: {content:?}");
}

#[test]
fn pronoun_takes_the_previous_speaker() {
    let r = run("قال لافروف إن واشنطن تتدخل. وأضاف أن موسكو لا تتدخل في الانتخابات.");
    let speakers: Vec<&str> =
        r.claims.iter().filter_map(|c| c.speaker).map(|s| r.mentions[s].entity_id.as_str()).collect();
    assert_eq!(speakers, vec!["sergey_lavrov", "sergey_lavrov"]);
    let r = run("تام برت گفت که هکرها فعال هستند. وی تاکید کرد که حملات ادامه دارد.");
    let last = last_speaker(&r);
    assert_eq!(last, Some("tom_burt"));
}

#[test]
fn a_pronoun_subject_outranks_a_name_before_the_verb() {
    // `وی با اشاره به گزارش مایکروسافت تأکید کرد`: Baghaei speaks, Microsoft is only cited, and
    // `به گزارش` after `اشاره` is no reporting frame.
    let r = run(
        "اسماعیل بقائی گفت که این ادعا واهی است. وی با اشاره به گزارش مایکروسافت تأکید کرد که ایران دخالتی ندارد.",
    );
    assert!(!cues(&r).contains(&"به گزارش"), "{:?}", cues(&r));
    assert_eq!(last_speaker(&r), Some("esmaeil_baghaei"));
}

#[test]
fn frames_carrying_a_verb_and_so_called_are_not_claims() {
    let r = run("قال لافروف إن واشنطن تتدخل. ونقلت عنه وكالة «تاس» قوله إن الاتهامات سخيفة.");
    // SCHEMA §10 rule 9: the outlet's relay is a STATE claim of its own, the source's verb
    // another; `عنه` points back past the outlet at the previous speaker.
    assert_eq!(cues(&r), vec!["قال", "ونقلت", "قوله"]);
    assert_eq!(r.mentions[r.claims[1].speaker.unwrap()].entity_id, "tass");
    assert_eq!(r.claims[1].stance.as_str(), "STATE");
    assert_eq!(last_speaker(&r), Some("sergey_lavrov"), "عنه points back at the previous speaker");
    assert_eq!(r.claims[2].stance.as_str(), "DENY");
    let r =
        run("Microsoft said the same group, then called Phosphorus, had tried to break into email accounts.");
    assert_eq!(cues(&r), vec!["said"], "a verb that names is no cue");
    assert_eq!(r.claims[0].stance.as_str(), "ACCUSE");
    let r = run("Officials dismissed the so-called threat from hackers.");
    assert!(!cues(&r).contains(&"called"), "{:?}", r.claims);
    let r = run("قالت الشرطة إن منظمة كورية شمالية تدعى \"لازاروس\" سرقت الأموال.");
    assert_eq!(cues(&r), vec!["قالت"], "a naming verb after a noun and its adjectives is no cue");
}

#[test]
fn the_name_a_naming_verb_gives_speaks_not_its_demonym() {
    let r = run("أعلنت جماعة إيرانية معارضة تدعى \"العصفور المفترس\"، الجمعة، مسؤوليتها عن تعطيل المصرف.");
    assert_eq!(cues(&r), vec!["أعلنت"], "{:?}", r.claims);
    assert_eq!(last_speaker(&r), Some("predatory_sparrow"), "{:?}", r.claims);
}

#[test]
fn the_same_source_is_the_previous_speaker() {
    let r = run(
        "قالت وزارة الخزانة الأمريكية إن الشبكة غسلت الأموال. وأشار المصدر نفسه إلى أن الشبكة تعمل من آسيا.",
    );
    assert_eq!(cues(&r), vec!["قالت", "وأشار"], "{:?}", r.claims);
    assert_eq!(last_speaker(&r), Some("united_states_department_of_the_treasury"), "{:?}", r.claims);
}

#[test]
fn a_body_before_a_title_is_the_title_holder_named_before() {
    let r = run("Liu Pengyu, spokesman for the Chinese embassy in Washington, rejected the claims. \
         'Beijing opposes all hacking,' said the Chinese embassy spokesman.");
    assert_eq!(last_speaker(&r), Some("liu_pengyu"), "{:?}", r.claims);
}

/// A wire credit line and a verb with no reported clause (`attributed the attack to X`,
/// SCHEMA §10 rule 7) are no claims; the claim before them stays.
#[test]
fn credit_lines_and_attributions_are_not_claims() {
    let text = "Britain said on Friday that Russian military hackers were behind the outage. \
                Canada and Japan attributed the outage to Moscow later that day.\n\
                (Reporting by Anna Berg in London; Editing by Tom Hale)";
    let r = run(text);
    assert_eq!(cues(&r), vec!["said"]);
}

#[test]
fn negated_verb_is_not_a_claim() {
    let r = run("ولم تذكر مايكروسوفت أسماء المواقع.");
    assert!(r.claims.is_empty(), "{:?}", r.claims);
}

fn triples(r: &DocResult) -> Vec<(String, String, String)> {
    r.relations
        .iter()
        .map(|x| {
            (
                x.predicate.to_string(),
                r.mentions[x.subject].entity_id.clone(),
                r.mentions[x.object].entity_id.clone(),
            )
        })
        .collect()
}

fn has(r: &DocResult, p: &str, s: &str, o: &str) -> bool {
    triples(r).iter().any(|(a, b, c)| a == p && b == s && c == o)
}

#[test]
fn role_relations() {
    let r = run("وقال الناطق باسم الخارجية الإيرانية سعيد خطيب زاده إن الاتهامات سخيفة.");
    assert!(has(&r, "ROLE", "saeed_khatibzadeh", "ministry_of_foreign_affairs_iran"), "{:?}", triples(&r));
    let r = run("تام برت، معاون مایکروسافت، گفت که هکرها فعال هستند.");
    assert!(has(&r, "ROLE", "tom_burt", "microsoft"), "{:?}", triples(&r));
    let r = run("Russian Foreign Minister Sergei Lavrov said the claims were absurd.");
    assert!(has(&r, "ROLE", "sergey_lavrov", "russia"), "{:?}", triples(&r));
}

/// (name, text, the ROLE that must be found, one that must not): heads of state and
/// government, candidates and executives (SCHEMA §10 rule 1).
#[allow(clippy::type_complexity)]
const ROLES: &[(&str, &str, (&str, &str), (&str, &str))] = &[
    (
        "ar president with a demonym",
        "وقال الرئيس الروسي فلاديمير بوتين إن بلاده لم تتدخل.",
        ("vladimir_putin", "russia"),
        ("", ""),
    ),
    (
        "ar candidate with a party adjective",
        "وتعرضت حملة المرشح الجمهوري دونالد ترامب لاختراق.",
        ("donald_trump", "republican_party_united_states"),
        ("", ""),
    ),
    (
        "ar a party before a conjunction and another title is not the next title's body",
        "ويتنافس دونالد ترامب عن الحزب الجمهوري ونائبة الرئيس كامالا هاريس.",
        ("", ""),
        ("kamala_harris", "republican_party_united_states"),
    ),
    (
        "fa prime minister after the name",
        "«ادی راما» نخست‌وزیر آلبانی گفت که دیپلمات‌ها باید بروند.",
        ("edi_rama", "albania"),
        ("", ""),
    ),
    (
        "fa candidate of a party after the name",
        "کامالا هریس، نامزد حزب دموکرات، در این رقابت شرکت دارد.",
        ("kamala_harris", "democratic_party_united_states"),
        ("", ""),
    ),
    (
        "en president with a demonym before the title",
        "Belarusian President Alexander Lukashenko dismissed the reports.",
        ("alexander_lukashenko", "belarus"),
        ("", ""),
    ),
];

#[test]
fn role_titles_of_heads_and_candidates() {
    for (name, text, (ps, po), (ns, no)) in ROLES {
        let r = run(text);
        assert!(ps.is_empty() || has(&r, "ROLE", ps, po), "{name}: {:?}", triples(&r));
        assert!(ns.is_empty() || !has(&r, "ROLE", ns, no), "{name}: {:?}", triples(&r));
    }
}

#[test]
fn denials_deny_the_owner_the_accusation_names() {
    // The owner named through a marker after the accusation noun.
    let r = run("ورفضت طهران الاتهامات الواهية التي وجهها مكتب التحقيقات الفيدرالي ضد إيران.");
    assert!(has(&r, "DENIES", "tehran", "federal_bureau_of_investigation"), "{:?}", triples(&r));
    let r = run("Moscow rejected the claims made by Microsoft as absurd.");
    assert!(has(&r, "DENIES", "moscow", "microsoft"), "{:?}", triples(&r));
    // A denial answers the accusation before it: its speaker is denied, never the denier's side.
    let r = run(
        "وقالت مايكروسوفت إن قراصنة روسًا اخترقوا الشبكة. ونفت وزارة الخارجية الروسية ذلك، وقال المتحدث باسمها إن الاتهامات سخيفة.",
    );
    assert!(has(&r, "DENIES", "ministry_of_foreign_affairs_russia", "microsoft"), "{:?}", triples(&r));
    assert!(!has(&r, "DENIES", "ministry_of_foreign_affairs_russia", "russia"), "{:?}", triples(&r));
    // `رفض إيران للاتهامات`: the name before a noun with `ل` is whose rejection it is, not the
    // accusations' owner.
    let r = run(
        "وقالت الخارجية البريطانية إن إيران تقف وراء الهجوم. وأكد إسماعيل بقائي مساء السبت رفض إيران للاتهامات المفبركة التي نشرتها الخارجية البريطانية.",
    );
    assert!(
        has(&r, "DENIES", "esmaeil_baghaei", "foreign_commonwealth_and_development_office"),
        "{:?}",
        triples(&r)
    );
    assert!(!has(&r, "DENIES", "esmaeil_baghaei", "iran"), "{:?}", triples(&r));
    // Countries named together as the subject accuse together (a joint statement, §10 rule 4).
    let r = run("قالت بريطانيا وكندا والولايات المتحدة إن قراصنة روسا حاولوا سرقة أبحاث اللقاحات.");
    for accuser in ["united_kingdom", "canada", "united_states"] {
        assert!(has(&r, "ACCUSES", accuser, "russia"), "{accuser}: {:?}", triples(&r));
    }
    // A capital's denial answers an accusation of its country, and denies each country that
    // issued it together.
    let r = run(
        "قالت بريطانيا وكندا والولايات المتحدة إن قراصنة روسا حاولوا سرقة أبحاث اللقاحات. ونفت موسكو أي صلة لها بالهجمات.",
    );
    for accuser in ["united_kingdom", "canada", "united_states"] {
        assert!(has(&r, "DENIES", "moscow", accuser), "{accuser}: {:?}", triples(&r));
    }
    // A reply of the accused that blames its accuser back is a denial of that accuser.
    for text in [
        "قالت وزارة الخارجية الأسترالية إن الصين تقف وراء اختراق البرلمان. ونفت المتحدثة باسم الخارجية الصينية ماو نينغ الاتهامات. وأضافت ماو أن أستراليا تتجاهل عمليات التجسس التي تستهدف الصين.",
        "Australia's foreign ministry said China was behind the breach of parliament's network. Chinese Foreign Ministry spokeswoman Mao Ning rejected the accusation. Mao said Australia was ignoring the espionage campaigns aimed at China.",
    ] {
        let r = run(text);
        let last = r.claims.last().expect("a claim");
        assert_eq!(last.stance.as_str(), "DENY", "{text}");
        assert!(has(&r, "DENIES", "mao_ning", "australia"), "{:?}", triples(&r));
        assert!(!has(&r, "ACCUSES", "mao_ning", "australia"), "{:?}", triples(&r));
    }
}

#[test]
fn affiliation_and_targeting() {
    let r = run(
        "وقالت مايكروسوفت إن عاصفة الرمال القطنية والمرتبطين بالحرس الثوري الإيراني استهدفوا حملة دونالد ترامب.",
    );
    assert!(
        has(&r, "AFFILIATED_WITH", "cotton_sandstorm", "islamic_revolutionary_guard_corps"),
        "{:?}",
        triples(&r)
    );
    assert!(has(&r, "TARGETED", "cotton_sandstorm", "donald_trump"), "{:?}", triples(&r));
    let r = run("هکرهای چینی کارزار جو بایدن را هدف قرار دادند.");
    assert!(has(&r, "TARGETED", "china", "joe_biden"), "{:?}", triples(&r));
}

#[test]
fn accusation_and_denial_graph() {
    // The denial comes first; the accuser is found all the same.
    let r = run("نفت إيران الاتهامات. وكانت مايكروسوفت قد قالت إن قراصنة إيرانيين استهدفوا الحملة.");
    assert!(has(&r, "ACCUSES", "microsoft", "iran"), "{:?}", triples(&r));
    assert!(has(&r, "DENIES", "iran", "microsoft"), "{:?}", triples(&r));
}

#[test]
fn case_sensitive_aliases_skip_ordinary_words() {
    let r = run("Tell us what the US said.");
    let ids: Vec<(&str, &str)> =
        r.mentions.iter().map(|m| (&r.doc.text[m.span.start..m.span.end], m.entity_id.as_str())).collect();
    assert_eq!(ids, vec![("US", "united_states")]);
}

#[test]
fn denial_points_at_the_accusation_it_names() {
    // Microsoft accuses most, but the denial names Washington's accusation.
    let r =
        run("وكانت مايكروسوفت قد اتهمت روسيا بالتدخل. ونفى الكرملين اتهامات واشنطن بالتدخل في الانتخابات.");
    assert!(has(&r, "DENIES", "moscow_kremlin", "washington_d_c"), "{:?}", triples(&r));
    assert!(!has(&r, "DENIES", "moscow_kremlin", "microsoft"), "{:?}", triples(&r));
}

#[test]
fn a_group_named_with_its_nationality_is_tied_to_the_country() {
    let r = run("قالت مايكروسوفت إن مجموعة القرصنة الإيرانية كوتون ساندستورم استهدفت مواقع.");
    assert!(has(&r, "AFFILIATED_WITH", "cotton_sandstorm", "iran"), "{:?}", triples(&r));
    let r = run("Microsoft said the Russian group Fancy Bear was behind it.");
    assert!(has(&r, "AFFILIATED_WITH", "forest_blizzard", "russia"), "{:?}", triples(&r));
}

#[test]
fn unnamed_officials_speak_for_their_country() {
    let r = run(
        "Iran dismissed the claims about Donald Trump, a day after American intelligence agencies said Tehran was behind the breach.",
    );
    let c = r.claims.iter().find(|c| &r.doc.text[c.cue.start..c.cue.end] == "said").expect("said is a cue");
    assert_eq!(c.speaker.map(|s| r.mentions[s].entity_id.as_str()), Some("united_states"));
}

#[test]
fn speakers_around_a_reporting_verb_do_not_attack() {
    let r = run(
        "The FBI, ODNI and CISA said in a joint statement that the campaign of Donald Trump was targeted.",
    );
    assert!(
        !triples(&r).iter().any(|(p, _, _)| p == "TARGETED"),
        "bodies that speak are not attackers: {:?}",
        triples(&r)
    );
    let r = run("وبشأن القراصنة الروس، أوضحت الشركة الأمريكية أنهم حاولوا استهداف البيت الأبيض.");
    assert!(has(&r, "TARGETED", "russia", "white_house"), "{:?}", triples(&r));
    assert!(!has(&r, "TARGETED", "united_states", "white_house"), "{:?}", triples(&r));
}

#[test]
fn a_denial_answers_the_body_its_accuser_speaks_for() {
    let r = run("تام برت، معاون مایکروسافت، گفت که هکرهای ایرانی به ستاد انتخاباتی حمله کردند. \
         ناصر کنعانی این ادعا را بی‌اساس خواند.");
    assert!(has(&r, "DENIES", "nasser_kanaani", "microsoft"), "{:?}", triples(&r));
}

#[test]
fn affiliations_read_through_quoted_names_and_known_as() {
    let r = run("وقالت مايكروسوفت إن مجموعة «مينت ساندستورم» المرتبطة بـ«الحرس الثوري» أرسلت رسائل تصيد.");
    assert!(
        has(&r, "AFFILIATED_WITH", "mint_sandstorm", "islamic_revolutionary_guard_corps"),
        "{:?}",
        triples(&r)
    );
    let r = run("Google said Chinese state-backed hackers known as Volt Typhoon probed water utilities.");
    assert!(has(&r, "AFFILIATED_WITH", "volt_typhoon", "china"), "{:?}", triples(&r));
}

#[test]
fn a_title_broken_across_lines_is_no_panic() {
    // `الناطق \nباسم`: the role title runs past the end of its sentence (a line break ends one).
    let r = run("وصرح الناطق \nباسم الوزارة بأن الهجمات مستمرة.");
    assert_eq!(r.doc.status, isnad::doc::Status::Ok);
}

#[test]
fn a_negated_attack_targets_nothing() {
    let r = run("وقال المتحدث إن إيران لم تستهدف حملة دونالد ترامب.");
    assert!(!triples(&r).iter().any(|(p, _, _)| p == "TARGETED"), "{:?}", triples(&r));
    let r = run("وقال المتحدث إن إيران استهدفت حملة دونالد ترامب.");
    assert!(has(&r, "TARGETED", "iran", "donald_trump"), "{:?}", triples(&r));
}

#[test]
fn an_unknown_person_described_after_the_name_is_a_person() {
    let r = run(
        "\"The operators will register new domains,\" Jane Roe, a disinformation researcher at the Atlantic Council, told reporters.",
    );
    let names: Vec<&str> = r
        .mentions
        .iter()
        .filter(|m| m.label == isnad::doc::Label::Person)
        .map(|m| &r.doc.text[m.span.start..m.span.end])
        .collect();
    assert_eq!(names, vec!["Jane Roe"]);
    let speaker = r.claims.first().and_then(|c| c.speaker).map(|s| r.mentions[s].entity_id.as_str());
    assert_eq!(
        speaker,
        Some("~jane_roe"),
        "a rule id is the surface as written, lower-cased, with `_` (SCHEMA §5)"
    );
}

/// A reporting verb inside a direct quote is the quoted speaker's words (SCHEMA §10 rule 8);
/// a stray quote mark that opens no quote hides nothing.
#[test]
fn reporting_verbs_inside_a_direct_quote_are_not_claims() {
    for (text, outer) in [
        ("وقال المتحدث: \"لقد اخترقوا الشبكة، وقال المتهمون إنهم لم يفعلوا ذلك أبدا\".", "وقال"),
        ("گفت: «آنها ادعا کردند که حمله کار ایران بود، اما هیچ مدرکی ارائه نکردند».", "گفت"),
        ("\"They said they had proof, and they denied nothing,\" the minister told reporters.", "told"),
    ] {
        let r = run(text);
        assert_eq!(cues(&r), vec![outer], "{text}");
    }
    let r = run("استهدف فيروس \"شامون\" الشركة. وقال الوزير إن الهجوم خطير.");
    assert!(cues(&r).contains(&"وقال"), "{:?}", cues(&r));
}

#[test]
fn english_participles_as_adjectives_or_passives_are_not_claims() {
    let r = run("The alleged intrusions matched the clashes along their disputed border, the company said.");
    assert_eq!(cues(&r), vec!["said"], "{:?}", r.claims);
    let r = run("The SBU said Solntsepek is a front for Sandworm, the unit blamed for the 2015 blackouts.");
    assert_eq!(cues(&r), vec!["said"], "{:?}", r.claims);
    let r = run("A fake letter attributed to a Lithuanian official circulated online, Mandiant said.");
    assert_eq!(cues(&r), vec!["said"], "{:?}", r.claims);
    // The active verb reports no clause either (SCHEMA §10 rule 7); `said` next to it does.
    let r = run("The company attributed the campaign to APT32.");
    assert!(cues(&r).is_empty(), "{:?}", r.claims);
    let r = run("The company said it attributed the campaign to APT32.");
    assert_eq!(cues(&r), vec!["said"], "{:?}", r.claims);
}

#[test]
fn accusations_levelled_are_claims_of_their_own() {
    // A light verb reports only with an accusation as its object, past a subject between them.
    let r = run("ووجهت أمريكا اتهامات للصين بمهاجمة شبكاتها.");
    assert_eq!(cues(&r), vec!["ووجهت"], "{:?}", r.claims);
    assert_eq!(r.claims[0].stance.as_str(), "ACCUSE", "levelling accusations is no denial of them");
    assert_eq!(last_speaker(&r), Some("united_states"));
    let r = run("ووجهت الوزارة دعوة إلى السفير.");
    assert!(r.claims.is_empty(), "an invitation is no accusation: {:?}", r.claims);
    // The relative clause that names who made the accusation a denial rejects.
    let r = run("ورفضت روسيا مرارا المزاعم التي ساقها مشرعون أمريكيون حول تدخلها في الانتخابات.");
    assert_eq!(cues(&r), vec!["ورفضت", "ساقها"], "{:?}", r.claims);
    assert_eq!((r.claims[1].stance.as_str(), last_speaker(&r)), ("ACCUSE", Some("united_states")));
    let r = run("وزارت خزانه‌داری آمریکا شش فرد را به اتهام دخالت در انتخابات تحریم کرد.");
    assert_eq!(cues(&r), vec!["به اتهام"], "{:?}", r.claims);
    assert_eq!(last_speaker(&r), Some("united_states_department_of_the_treasury"));
}

#[test]
fn a_trailing_per_and_a_document_that_reads_report() {
    let r = run("The hackers stole $90 million from the exchange, per the Guardian.");
    assert_eq!(cues(&r), vec!["per the"], "{:?}", r.claims);
    assert_eq!(last_speaker(&r), Some("the_guardian"));
    let r = run("\"The attack was reckless and costly,\" the White House statement reads.");
    assert_eq!(cues(&r), vec!["reads"], "{:?}", r.claims);
    assert_eq!(last_speaker(&r), Some("white_house"));
    assert!(r.claims[0].direct);
}

#[test]
fn a_coordinated_subject_clause_ends_the_content_before_it() {
    let text = "The Kremlin has denied any role in the attacks, and Putin's spokesman Dmitry Peskov told reporters that Moscow knew nothing.";
    let r = run(text);
    let denied = &r.claims[0];
    let content = &text[denied.content.start..denied.content.end];
    assert_eq!(content, "any role in the attacks", "the next verb's subject is not this content");
}

#[test]
fn a_verbal_noun_opening_the_verbs_words_is_no_claim_of_its_own() {
    let r = run("وأكد إسماعيل بقائي مساء السبت رفض إيران القاطع للاتهامات البريطانية الأخيرة.");
    assert_eq!(cues(&r), vec!["وأكد"], "the verbal noun رفض is what the spokesman stressed");
    assert_eq!(r.claims[0].stance.as_str(), "DENY");
    assert_eq!(last_speaker(&r), Some("esmaeil_baghaei"));
    // A verb of its own after a connective stays a claim.
    let r = run(
        "رفضت طهران الاتهامات الأميركية، إذ قال المتحدث باسم الخارجية الإيرانية إسماعيل بقائي إن هذه المزاعم واهية.",
    );
    assert_eq!(cues(&r), vec!["رفضت", "قال"]);
}

#[test]
fn an_apposition_before_the_verb_is_no_content() {
    let text = "Ola Nordmann, head of threat intelligence at Oslo-based NordvikSec, said naming the hacker would deter others.";
    let r = run(text);
    let c = &r.claims[0];
    assert_eq!(&text[c.content.start..c.content.end], "naming the hacker would deter others");
}

#[test]
fn indefinite_researchers_are_unnamed_unless_they_continue_a_company() {
    // Opening a sentence right after a company's claim: that company's researchers.
    let r = run(
        "وقالت مايكروسوفت في تقرير إن قراصنة كوريين شماليين سرقوا عملات مشفرة.\nوأوضح باحثون أن المجموعة بدّلت أدواتها منذ الربيع.",
    );
    assert_eq!(last_speaker(&r), Some("microsoft"));
    // Inside a sentence about past attacks: unnamed (SCHEMA §10 rule 10).
    let r = run("وتراجع الشركة سجلاتها بعد اختراق سابق قال باحثون إنه جرى لمصلحة موسكو.");
    assert_eq!(last_speaker(&r), None);
}

/// A document cut off mid-sentence (an excerpt) loses the claim whose words it cut; a claim of
/// one word that ends a complete document stays.
#[test]
fn a_claim_cut_off_by_the_end_of_an_excerpt_is_no_claim() {
    let cut = run("قالت الشركة إن القراصنة إيرانيون. وفي شهر مايو الماضي، أعلنت أوب");
    assert_eq!(cues(&cut), ["قالت"]);
    let whole = run("Microsoft said the hackers were Iranian. The ministry denied it.");
    assert_eq!(cues(&whole), ["said", "denied"]);
}
