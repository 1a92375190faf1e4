//! The frame layer's links between claims (`via`, `responds_to`): table-driven, made-up
//! sentences in the three languages.

use crate::util::run_text;
use isnad::doc::DocResult;

/// The (cue, speaker entity id) of claim `i`.
fn claim(r: &DocResult, i: usize) -> (String, String) {
    let c = &r.claims[i];
    let cue = r.doc.text[c.cue.start..c.cue.end].to_string();
    let speaker = c.speaker.map(|s| r.mentions[s].entity_id.clone()).unwrap_or_default();
    (cue, speaker)
}

/// The claim whose cue is `cue`, as (index, speaker).
fn by_cue(r: &DocResult, cue: &str) -> usize {
    (0..r.claims.len()).find(|&i| claim(r, i).0 == cue).unwrap_or_else(|| {
        panic!(
            "no claim with cue {cue:?}: {:?}",
            (0..r.claims.len()).map(|i| claim(r, i)).collect::<Vec<_>>()
        )
    })
}

/// (name, text, relayed claim's cue, relaying claim's cue).
const VIA: &[(&str, &str, &str, &str)] = &[
    (
        "fa relay frame before the verb",
        "به گزارش خبرگزاری رویترز، وزارت امور خارجه روسیه گفت این ادعاها بی‌اساس است.",
        "گفت",
        "به گزارش",
    ),
    (
        "ar relay frame before the verb",
        "وبحسب وكالة رويترز، قالت وزارة الخارجية الروسية إن الاتهامات باطلة.",
        "قالت",
        "وبحسب",
    ),
    (
        "en source frame after the clause",
        "Russia was behind the intrusion, the FBI said, according to Reuters.",
        "said",
        "according to",
    ),
];

#[test]
fn relays_carry_the_claims_they_report() {
    for (name, text, relayed, relay) in VIA {
        let r = run_text(text);
        let (i, j) = (by_cue(&r, relayed), by_cue(&r, relay));
        assert_eq!(r.claims[i].via, Some(j), "{name}: {:?}", r.claims);
        assert_eq!(r.claims[j].via, None, "{name}: a relay is carried by nothing");
    }
}

/// (name, text, denial's cue, the accusations' cues it answers).
const RESPONDS: &[(&str, &str, &str, &[&str])] = &[
    (
        "ar denial first, the accusation after it",
        "نفت إيران الاتهامات.\nواتهمت مايكروسوفت إيران بشن هجمات على الحملة.",
        "نفت",
        &["واتهمت"],
    ),
    (
        "en spokesman of the accused country",
        "Microsoft accused Iran of hacking the campaign.\nIran's foreign ministry spokesman Nasser Kanaani rejected the report as baseless.",
        "rejected",
        &["accused"],
    ),
    (
        "fa the denial names its accuser",
        "آمریکا روسیه را به دخالت در انتخابات متهم کرد.\nسخنگوی کرملین گفته‌های آمریکا را بی‌اساس دانست.",
        "دانست",
        &["متهم کرد"],
    ),
];

#[test]
fn denials_answer_the_accusations_they_reject() {
    for (name, text, denial, accusations) in RESPONDS {
        let r = run_text(text);
        let d = by_cue(&r, denial);
        let want: Vec<usize> = accusations.iter().map(|a| by_cue(&r, a)).collect();
        assert_eq!(
            r.claims[d].responds_to,
            want,
            "{name}: {:?}",
            (0..r.claims.len()).map(|i| claim(&r, i)).collect::<Vec<_>>()
        );
    }
    // An accusation by the denier's own side is not answered, and a statement answers nothing.
    let r = run_text(
        "Microsoft said Iranian hackers targeted the campaign.\nMicrosoft said the company would publish more details.",
    );
    assert!(r.claims.iter().all(|c| c.responds_to.is_empty()), "{:?}", r.claims);
}

/// The (attacker, target) entity id pairs of a text's TARGETED relations.
fn targeted(r: &DocResult) -> Vec<(String, String)> {
    r.relations
        .iter()
        .filter(|x| x.predicate == "TARGETED")
        .map(|x| (r.mentions[x.subject].entity_id.clone(), r.mentions[x.object].entity_id.clone()))
        .collect()
}

/// (name, text, TARGETED pairs that must be found, pairs that must not).
#[allow(clippy::type_complexity)]
const ATTACKS: &[(&str, &str, &[(&str, &str)], &[(&str, &str)])] = &[
    (
        "ar demonym after the attack noun is the attacker",
        "تسبب الهجوم الروسي على أوكرانيا في انقطاع الكهرباء.",
        &[("russia", "ukraine")],
        &[],
    ),
    (
        "ar adjectives between the noun and its preposition, the clause subject attacks",
        "وكانت كوريا الشمالية قد شنت هجوما إلكترونيا واسعا على اليابان العام الماضي.",
        &[("north_korea", "japan")],
        &[],
    ),
    (
        "en possessive attacker of a nominal attack",
        "Officials said China's cyber espionage against Taiwan had grown.",
        &[("china", "taiwan")],
        &[],
    ),
    (
        "en agent after the target slot, demonym target",
        "A wave of intrusions into Ukrainian ministries by Russian hackers was reported.",
        &[("russia", "ukraine")],
        &[],
    ),
    (
        "fa agent of a nominal attack",
        "حمله سایبری به بانک‌های ترکیه توسط هکرهای روسی انجام شد.",
        &[("russia", "turkey")],
        &[],
    ),
    (
        "ar interference noun takes في, the victim demonym is the country",
        "حذرت الأجهزة الأمنية من التدخل الصيني في الانتخابات الكندية.",
        &[("china", "canada")],
        &[],
    ),
    (
        "fa negated interference is no attack",
        "سخنگوی وزارت خارجه گفت چین هیچ قصدی برای دخالت در انتخابات استرالیا ندارد.",
        &[],
        &[("china", "australia")],
    ),
    (
        "ar negated intention is no attack",
        "وقال البيان إن روسيا لا تملك أي نية للتدخل في الانتخابات الفرنسية.",
        &[],
        &[("russia", "france")],
    ),
    (
        "en a place the text only locates does not attack",
        "In London, officials said the attack on British hospitals was serious.",
        &[],
        &[("london", "united_kingdom")],
    ),
    (
        "en headline speaker before a colon does not attack",
        "Downing Street: Russia's cyber attack on Estonia was reckless",
        &[("russia", "estonia")],
        &[("10_downing_street", "estonia")],
    ),
    (
        "ar the group referred back to attacks",
        "رصدت الشركة نشاط مجموعة Sandworm منذ سنوات. وقالت إن المجموعة هاجمت شبكات الكهرباء في أوكرانيا.",
        &[("seashell_blizzard", "ukraine")],
        &[],
    ),
    (
        "ar claiming responsibility makes the speaker the attacker",
        "وأعلنت مجموعة Predatory Sparrow مسؤوليتها عن اختراق استهدف مصرفا في إيران.",
        &[("predatory_sparrow", "iran")],
        &[],
    ),
    (
        "en participle after a noun: the noun phrase attacks, not the clause subject",
        "Washington has offered rewards for information about foreign hackers targeting U.S. elections.",
        &[],
        &[("washington_d_c", "united_states")],
    ),
    (
        "fa (Dari) بر opens a nominal attack's target slot",
        "به گفته مقام‌ها، حمله سایبری روسیه بر پارلمان استونی ناکام ماند.",
        &[("russia", "parliament_of_estonia")],
        &[],
    ),
    (
        "fa the name before a blame word attacks, not the accuser before it",
        "دولت آمریکا روسیه را رسماً عامل حمله سایبری به مایکروسافت معرفی کرد.",
        &[("russia", "microsoft")],
        &[("united_states", "microsoft")],
    ),
    (
        "en the name before a blame word attacks, not the accuser before it",
        "Washington named Russia as responsible for the attack on Ukrainian banks.",
        &[("russia", "ukraine")],
        &[("washington_d_c", "ukraine")],
    ),
    (
        "ar the name before a blame word attacks, not the accuser before it",
        "ونشرت واشنطن تقريرا يجعل موسكو المسؤولة عن الهجوم على المصارف الأوكرانية.",
        &[("moscow", "ukraine")],
        &[("washington_d_c", "ukraine")],
    ),
    (
        "ar a denial's speaker attacks in the denied clause",
        "ونفت روسيا أن يكون لها أي دور في اختراق شبكات وزارة الدفاع الإستونية.",
        &[("russia", "ministry_of_defence_estonia")],
        &[],
    ),
    (
        "en a denial's speaker attacks in the denied clause",
        "Beijing denied carrying out cyberattacks against Taiwan.",
        &[("beijing", "taiwan")],
        &[],
    ),
    (
        "fa a denial's speaker attacks in the denied clause",
        "روسیه هرگونه نقش در حمله سایبری به اوکراین را رد کرد.",
        &[("russia", "ukraine")],
        &[],
    ),
    (
        "ar a named facility is a target, a region the text only locates is not",
        "وقالت الشركة إن قراصنة إيرانيين شنوا هجوما إلكترونيا على مطار بغداد الدولي وعلى مواقع في منطقة الخليج العربي.",
        &[("iran", "baghdad_international_airport")],
        &[("iran", "persian_gulf")],
    ),
    (
        "en a named facility is a target, a region the text only locates is not",
        "Officials said Russian hackers launched an attack on Baghdad International Airport and on ships in the Red Sea.",
        &[("russia", "baghdad_international_airport")],
        &[("russia", "red_sea")],
    ),
    (
        "fa a named facility is a target, a region the text only locates is not",
        "به گفته مقام‌ها، هکرهای روسی حمله سایبری به فرودگاه بغداد و کشتی‌ها در دریای سرخ انجام دادند.",
        &[("russia", "baghdad_international_airport")],
        &[("russia", "red_sea")],
    ),
    (
        "ar a theft noun takes its target after من",
        "وأضاف البيان أن كوريا الشمالية مسؤولة عن سرقة ملايين الدولارات من منصة بايبت.",
        &[("north_korea", "bybit")],
        &[],
    ),
    (
        "ar a leak noun takes its target after من",
        "وقال المحققون إن قراصنة صينيين يقفون وراء تسريب وثائق من وزارة الخارجية الألمانية.",
        &[("china", "federal_foreign_office")],
        &[],
    ),
    (
        "fa a theft noun takes its target after از",
        "به گفته پلیس، هکرهای کره شمالی مسئول سرقت میلیون‌ها دلار از صرافی بای‌بیت بودند.",
        &[("north_korea", "bybit")],
        &[],
    ),
    (
        "fa a country anaphor in the target slot is the first country named before it, not the attacker",
        "دولت لهستان روسیه را به حمله سایبری به زیرساخت‌های این کشور متهم کرد.",
        &[("russia", "poland")],
        &[],
    ),
    (
        "ar a country anaphor in the target slot is the first country named before it, not the attacker",
        "وقال وزير الدفاع الياباني إن قراصنة صينيين شنوا هجوما على البنية التحتية للبلاد.",
        &[("china", "japan")],
        &[],
    ),
    (
        "en a country anaphor in the target slot is the first country named before it, not the attacker",
        "Poland's digital minister said Russian hackers had targeted the country's power grid.",
        &[("russia", "poland")],
        &[],
    ),
    (
        "fa a country anaphor describing named targets adds no target",
        "سخنگوی دولت ژاپن گفت هکرهای چینی به هشت شرکت مخابراتی این کشور از جمله سونی حمله کردند.",
        &[("china", "sony")],
        &[("china", "japan")],
    ),
    (
        "fa the attack noun inside a split light verb (هدف حملات سایبری قرار داد) keeps the را object as target",
        "دولت لهستان اعلام کرد که هکرهای روسی سال‌ها وزارت دفاع لهستان را هدف حملات سایبری قرار داده‌اند.",
        &[("russia", "department_of_defense_poland")],
        &[],
    ),
];

#[test]
fn attack_predicates_fill_their_slots() {
    for (name, text, want, not) in ATTACKS {
        let r = run_text(text);
        let got = targeted(&r);
        for (a, t) in *want {
            assert!(got.iter().any(|(x, y)| x == a && y == t), "{name}: want {a} -> {t}, got {got:?}");
        }
        for (a, t) in *not {
            assert!(!got.iter().any(|(x, y)| x == a && y == t), "{name}: unwanted {a} -> {t}, got {got:?}");
        }
    }
}

/// The (subject, object) entity id pairs of a text's relations of `predicate`.
fn relations_of(r: &DocResult, predicate: &str) -> Vec<(String, String)> {
    r.relations
        .iter()
        .filter(|x| x.predicate == predicate)
        .map(|x| (r.mentions[x.subject].entity_id.clone(), r.mentions[x.object].entity_id.clone()))
        .collect()
}

/// (name, text, predicate, pairs that must be found, pairs that must not).
#[allow(clippy::type_complexity)]
const RELATIONS: &[(&str, &str, &str, &[(&str, &str)], &[(&str, &str)])] = &[
    (
        "fa a group and the list of targets after it, a space apart, are no list of attackers",
        "طبق گزارش متا، اسپاموفلاژ تایوان، آمریکا و ژاپن را هدف قرار داده است.",
        "TARGETED",
        &[("taizi_flood", "taiwan"), ("taizi_flood", "japan")],
        &[("taiwan", "japan")],
    ),
    (
        "ar a quoted description ending in the demonym ties the group it names",
        "وحذر الخبراء من مجموعة \"تدعمها الحكومة الروسية\" يطلق عليها اسم \"ساندوورم\" في تقرير جديد.",
        "AFFILIATED_WITH",
        &[("seashell_blizzard", "russia")],
        &[],
    ),
    (
        "ar name set off by commas after its title and body",
        "وقال المتحدث باسم وزارة الخارجية الصينية، ماو نينغ، إن الاتهامات لا أساس لها.",
        "ROLE",
        &[("mao_ning", "ministry_of_foreign_affairs_china")],
        &[],
    ),
    (
        "en name set off by a comma after its title and body",
        "The spokesperson for the Chinese Foreign Ministry, Mao Ning, said the report was false.",
        "ROLE",
        &[("mao_ning", "ministry_of_foreign_affairs_china")],
        &[],
    ),
    (
        "ar a denial names two coordinated accusers after its marker",
        "رفضت روسيا الاتهامات التي وجهها البيت الأبيض ووزارة الخارجية البريطانية بشأن الهجوم.",
        "DENIES",
        &[("russia", "white_house"), ("russia", "foreign_commonwealth_and_development_office")],
        &[],
    ),
    (
        "en a place the content only locates is not accused",
        "Microsoft said Russian hackers attacked a company based in Germany.",
        "ACCUSES",
        &[("microsoft", "russia")],
        &[("microsoft", "germany")],
    ),
    (
        "ar the seat of a victim body is neither target nor accused",
        "وقالت مايكروسوفت إن قراصنة روسا اخترقوا مركز أبحاث مقره واشنطن.",
        "ACCUSES",
        &[],
        &[("microsoft", "washington_d_c")],
    ),
    (
        "en a dateline place is no attacker",
        "TEHRAN (AP) — Russia denied on Tuesday that it hacked Ukrainian ministries.",
        "TARGETED",
        &[],
        &[("tehran", "ukraine")],
    ),
    (
        "ar a dateline place is no attacker",
        "طهران - نفت روسيا أن تكون لها أي علاقة بمحاولات اختراق وزارات أوكرانية.",
        "TARGETED",
        &[],
        &[("tehran", "ukraine")],
    ),
    (
        "en every issuer of a joint statement accuses, none attacks",
        "The FBI, the State Department and the Cybersecurity and Infrastructure Security Agency said Russia hacked Latvia.",
        "ACCUSES",
        &[
            ("federal_bureau_of_investigation", "russia"),
            ("united_states_department_of_state", "russia"),
            ("cybersecurity_and_infrastructure_security_agency", "russia"),
        ],
        &[],
    ),
    (
        "en the issuers of a joint statement are no attackers",
        "The FBI, the State Department and the Cybersecurity and Infrastructure Security Agency said Russia hacked Latvia.",
        "TARGETED",
        &[("russia", "latvia")],
        &[
            ("united_states_department_of_state", "latvia"),
            ("cybersecurity_and_infrastructure_security_agency", "latvia"),
        ],
    ),
    (
        "en the victim of a first attack does not attack the second target",
        "Officials said Russia was behind the hack of the Estonian parliament and had also targeted Latvia.",
        "TARGETED",
        &[("russia", "parliament_of_estonia"), ("russia", "latvia")],
        &[("parliament_of_estonia", "latvia")],
    ),
    (
        "ar the victim of a first attack does not attack the second target",
        "وقالت الشرطة إن روسيا اخترقت البرلمان الإستوني واستهدفت لاتفيا.",
        "TARGETED",
        &[("russia", "parliament_of_estonia"), ("russia", "latvia")],
        &[("parliament_of_estonia", "latvia")],
    ),
    (
        "ar a title with a possessive pronoun names the body before it",
        "ورفضت وزارة الخارجية الروسية الاتهامات، وقالت المتحدثة باسمها، ماريا زاخاروفا، إنها باطلة.",
        "ROLE",
        &[("maria_zakharova", "ministry_of_foreign_affairs_russia")],
        &[],
    ),
    (
        "ar the company after a title is the company named before",
        "أعلنت شركة مايكروسوفت أنها رصدت هجمات جديدة. وقال مدير الأمن في الشركة توم بيرت إن المجموعة نشطة.",
        "ROLE",
        &[("tom_burt", "microsoft")],
        &[],
    ),
    (
        "en the company's title before a name",
        "Microsoft said it had seen new attacks. The company's vice president Tom Burt said the group was active.",
        "ROLE",
        &[("tom_burt", "microsoft")],
        &[],
    ),
    (
        "fa the company after a title is the company named before",
        "مایکروسافت اعلام کرد حملات تازه‌ای دیده است. معاون این شرکت تام برت گفت این گروه فعال است.",
        "ROLE",
        &[("tom_burt", "microsoft")],
        &[],
    ),
    (
        "ar the owner of a denied report past its adjective and the agency noun",
        "ونفت وزارة الخارجية الروسية صحة التقرير الأخير للاستخبارات البريطانية.",
        "DENIES",
        &[("ministry_of_foreign_affairs_russia", "united_kingdom")],
        &[],
    ),
    (
        "ar the author of a denied report named after a title",
        "ورفض الوزير سيرغي لافروف تقرير المحقق روبرت مولر.",
        "DENIES",
        &[("sergey_lavrov", "robert_mueller")],
        &[],
    ),
    (
        "ar accusations directed at a place: the place is not their owner",
        "ورفض الوزير سيرغي لافروف الاتهامات الموجهة لموسكو.",
        "DENIES",
        &[],
        &[("sergey_lavrov", "moscow")],
    ),
    (
        "en an apposition that links the group to a state",
        "The report said the emails came from Sandworm, a group it links to Russia.",
        "AFFILIATED_WITH",
        &[("seashell_blizzard", "russia")],
        &[],
    ),
    (
        "en a compound tie before the group",
        "Officials seized websites run by a Kremlin-backed network known as Doppelganger.",
        "AFFILIATED_WITH",
        &[("doppelganger_disinformation_campaign", "moscow_kremlin")],
        &[],
    ),
    (
        "ar an opposition group is not tied to its nationality",
        "وأعلنت جماعة إيرانية معارضة تدعى \"العصفور المفترس\" مسؤوليتها عن الهجوم.",
        "AFFILIATED_WITH",
        &[],
        &[("predatory_sparrow", "iran")],
    ),
    (
        "ar a country written as the group noun's adjective",
        "وقالت الشركة إن منظمة روسية تدعى \"ساندوورم\" تقف وراء الهجوم.",
        "AFFILIATED_WITH",
        &[("seashell_blizzard", "russia")],
        &[],
    ),
    (
        "en the accused of an accusation attacks the gerund's object",
        "Germany accused Russia of hacking the Bundestag.",
        "TARGETED",
        &[("russia", "bundestag")],
        &[("germany", "bundestag")],
    ),
    (
        "en the victim of the accused's attack is not accused",
        "Germany accused Russia of hacking the Bundestag.",
        "ACCUSES",
        &[("germany", "russia")],
        &[("germany", "bundestag")],
    ),
    (
        "fa the accused of an accusation attacks the object of هک",
        "آلمان روسیه را به هک پارلمان آلمان متهم کرد.",
        "TARGETED",
        &[("russia", "parliament_of_germany")],
        &[],
    ),
    (
        "fa coordinated subjects of a verb-final attack all attack",
        "روسیه و چین سال گذشته حساب‌های وزارت خارجه آلمان را هک کردند.",
        "TARGETED",
        &[("russia", "federal_foreign_office"), ("china", "federal_foreign_office")],
        &[("russia", "china")],
    ),
    (
        "fa the owner of a denied accusation is no attacker",
        "سخنگوی وزارت خارجه ادعای آمریکا درباره هک پارلمان آلمان را رد کرد.",
        "TARGETED",
        &[],
        &[("united_states", "parliament_of_germany")],
    ),
    (
        "fa an agent ends the target slot: its phrase is accused, not a victim",
        "مایکروسافت گفت تلاش‌ها برای هک از سوی عوامل روسی خنثی شده است.",
        "ACCUSES",
        &[("microsoft", "russia")],
        &[],
    ),
    (
        "ar a title at the cue describes the speaker named before",
        "وقال ناصر كنعاني إن الاتهامات باطلة. وحذر المتحدث باسم الخارجية الإيرانية من أي مغامرة.",
        "ROLE",
        &[("nasser_kanaani", "ministry_of_foreign_affairs_iran")],
        &[],
    ),
    (
        "en a title before the cue describes the speaker named before",
        "Nasser Kanaani said the claims were false. The spokesman for the Iranian Foreign Ministry added that Tehran would respond.",
        "ROLE",
        &[("nasser_kanaani", "ministry_of_foreign_affairs_iran")],
        &[],
    ),
    (
        "ar VSO: the subject right after a clause-opening attack verb attacks",
        "وقد هاجمت روسيا شبكات الكهرباء في أوكرانيا العام الماضي.",
        "TARGETED",
        &[("russia", "ukraine")],
        &[],
    ),
    (
        "ar people coordinated after a plural title share it",
        "وتعرضت هواتف بعض قادة الحزب الديمقراطي الأمريكي أمثال هيلاري كلينتون وجو بايدن للتجسس.",
        "ROLE",
        &[
            ("hillary_clinton", "democratic_party_united_states"),
            ("joe_biden", "democratic_party_united_states"),
        ],
        &[],
    ),
    (
        "en people coordinated after a title share it",
        "Hackers targeted the phones of Democratic Party leaders Hillary Clinton and Joe Biden.",
        "ROLE",
        &[
            ("hillary_clinton", "democratic_party_united_states"),
            ("joe_biden", "democratic_party_united_states"),
        ],
        &[],
    ),
    (
        "en a pronoun after the complementizer is the speaker, the attacker",
        "China rejected claims that it targeted Guam.",
        "TARGETED",
        &[("china", "guam")],
        &[],
    ),
    (
        "ar a pronoun on the complementizer is the speaker, the attacker",
        "وأعلنت إيران أنها استهدفت إسرائيل.",
        "TARGETED",
        &[("iran", "israel")],
        &[("israel", "iran")],
    ),
    (
        "ar a plural pronoun means the hackers, not the speaking state",
        "وبشأن القراصنة الروس، قالت الصين أنهم حاولوا استهداف البيت الأبيض.",
        "TARGETED",
        &[("russia", "white_house")],
        &[("china", "white_house")],
    ),
    (
        "en a pronoun right after the cue; the object list stops at a new clause",
        "Predatory Sparrow said it had hacked Nobitex, with Elliptic reporting losses.",
        "TARGETED",
        &[("predatory_sparrow", "nobitex")],
        &[("predatory_sparrow", "elliptic_company")],
    ),
    (
        "en the name before an attack noun is its target",
        "Analysts said Fancy Bear was behind the Microsoft breach.",
        "TARGETED",
        &[("forest_blizzard", "microsoft")],
        &[],
    ),
    (
        "en the name before a campaign owns it, it is no target",
        "Analysts said Iran supported the Trump campaign.",
        "TARGETED",
        &[],
        &[("iran", "donald_trump")],
    ),
    (
        "en passive: the subject is the target, the agent the attacker",
        "Analysts said the Trump campaign was hacked by Iran.",
        "TARGETED",
        &[("iran", "donald_trump")],
        &[],
    ),
    (
        "en passive with a demonym agent",
        "Guam was targeted by Chinese hackers, Microsoft said.",
        "TARGETED",
        &[("china", "guam")],
        &[],
    ),
    (
        "en a state's body does not accuse its own country",
        "The Justice Department accused Russia of violating U.S. laws.",
        "ACCUSES",
        &[("united_states_department_of_justice", "russia")],
        &[("united_states_department_of_justice", "united_states")],
    ),
    (
        "ar the owners of an accusation, coordinated by a clitic, attack no one",
        "ورفضت طهران الاتهامات التي وجهها مجلس الأمن القومي الأمريكي والخارجية البريطانية بشأن الهجوم على ألبانيا.",
        "TARGETED",
        &[],
        &[
            ("united_states_national_security_council", "albania"),
            ("foreign_commonwealth_and_development_office", "albania"),
        ],
    ),
    (
        "ar a demonym on an outlet before the cue is no topic attacker",
        "وقالت المجموعة في بيان نشرته هيئة الإذاعة الأمريكية إن الهجوم استهدف محطات الوقود في إيران.",
        "TARGETED",
        &[],
        &[("united_states", "iran")],
    ),
    (
        "fa a demonym on voters is a victim, not accused",
        "وزارت خزانه‌داری آمریکا گفت هکرهای ایرانی اعتماد رأی دهندگان آمریکایی را تضعیف کردند.",
        "ACCUSES",
        &[("united_states_department_of_the_treasury", "iran")],
        &[("united_states_department_of_the_treasury", "united_states")],
    ),
    (
        "ar an attack verb with an object clitic makes its targets victims",
        "وقالت مايكروسوفت إن المجموعة بدأت نشاطها، وأول ما استهدفته منشآت في جزيرة جوام.",
        "ACCUSES",
        &[],
        &[("microsoft", "guam")],
    ),
    (
        "ar a group description is the group that has been speaking",
        "وقالت مجموعة العصفور المفترس إن الهجوم رد على الاستفزازات. وأضافت أن الأنظمة تعطلت. وأضافت أن الخدمات ستعود. وكانت هذه الجماعة أعلنت مسؤوليتها عن هجوم إلكتروني على وزارة الطرق والتنمية الحضرية.",
        "TARGETED",
        &[("predatory_sparrow", "ministry_of_roads_and_urban_development")],
        &[],
    ),
    (
        "en a tie given to a group before it is named",
        "A group linked to Israel took the credit. Later, Predatory Sparrow said it had hacked Nobitex.",
        "AFFILIATED_WITH",
        &[("predatory_sparrow", "israel")],
        &[],
    ),
    (
        "ar a tie given to a group before it is named",
        "أعلنت مجموعة مرتبطة بإيران مسؤوليتها عن الهجوم. وقالت كوتون ساندستورم إن العملية نجحت.",
        "AFFILIATED_WITH",
        &[("cotton_sandstorm", "iran")],
        &[],
    ),
    (
        "fa hackers described by nationality, the group named next",
        "هکرهای روسی به شبکه برق حمله کردند. گروه سندورم این حمله را انجام داد.",
        "AFFILIATED_WITH",
        &[("seashell_blizzard", "russia")],
        &[],
    ),
    (
        "ar the body in the title of the speaker after the cue speaks, it does not attack",
        "ونفى المتحدث الرسمي باسم الخارجية الإيرانية سعيد خطيب زاده مساء الأحد أن تكون طهران تدخلت في الانتخابات الأميركية.",
        "TARGETED",
        &[],
        &[("ministry_of_foreign_affairs_iran", "united_states")],
    ),
    (
        "en the body in the title before the speaker speaks, it does not attack",
        "Iran's foreign ministry spokesman Nasser Kanaani rejected interference in the US election as a lie.",
        "TARGETED",
        &[],
        &[("ministry_of_foreign_affairs_iran", "united_states")],
    ),
    (
        "ar a nominal target slot stops at the next cue",
        "وحذر المسؤول من أن روسيا ستحاول التدخل في الانتخابات مضيفا أن الصين تحاول ذلك أيضا.",
        "TARGETED",
        &[],
        &[("russia", "china")],
    ),
    (
        "ar a joint statement does not accuse one of its issuers",
        "وقال مكتب التحقيقات الفيدرالي ووكالة الأمن السيبراني وأمن البنية التحتية إن مكتب التحقيقات الفيدرالي رصد قراصنة إيرانيين.",
        "ACCUSES",
        &[("cybersecurity_and_infrastructure_security_agency", "iran")],
        &[("cybersecurity_and_infrastructure_security_agency", "federal_bureau_of_investigation")],
    ),
    (
        "ar interference in a country's affairs targets the country",
        "وقال الوزير إن واشنطن تمارس التدخل بالشؤون الداخلية للصين وإيران.",
        "TARGETED",
        &[("washington_d_c", "china"), ("washington_d_c", "iran")],
        &[],
    ),
    (
        "ar a speaker of an institute may accuse the institute's country",
        "وقال رئيس معهد دراسات الأمن القومي عاموس يادلين إن الهجوم المنسوب إلى إسرائيل رسالة مهمة.",
        "ACCUSES",
        &[("amos_yadlin", "israel")],
        &[],
    ),
    (
        "ar the coordinated objects of an accusing verb before a quoted content are accused",
        "واتهم وزير الخارجية الصيني وانغ يي اليابان وكوريا الجنوبية بـ\"نشر الأكاذيب عن الصين\".",
        "ACCUSES",
        &[("wang_yi", "japan"), ("wang_yi", "south_korea")],
        &[],
    ),
    (
        "ar the object of an accusing participle is accused",
        "وأصدرت وزارة الخارجية الصينية بيانا، متهمة طوكيو بـ«التجسس على الشركات».",
        "ACCUSES",
        &[("ministry_of_foreign_affairs_china", "tokyo")],
        &[],
    ),
    (
        "en the object of an accusing participle is accused",
        "The Chinese foreign ministry issued a statement accusing Tokyo of \"spreading lies\" about the talks.",
        "ACCUSES",
        &[("ministry_of_foreign_affairs_china", "tokyo")],
        &[],
    ),
    (
        "en the target of an attack verb with no named attacker is not accused",
        "Microsoft said the espionage campaign also targeted Germany.",
        "ACCUSES",
        &[],
        &[("microsoft", "germany")],
    ),
    (
        "ar a country after من (where the attack came from) is accused, not a victim",
        "وذكرت مايكروسوفت أن رسائل تصيد جاءت من روسيا واستهدفت موظفين في البرلمان.",
        "ACCUSES",
        &[("microsoft", "russia")],
        &[],
    ),
    (
        "fa the را object of a split light verb of attack is a victim, not accused",
        "دولت لهستان اعلام کرد که هکرهای روسی سال‌ها وزارت دفاع لهستان را هدف حملات سایبری قرار داده‌اند.",
        "ACCUSES",
        &[("poland", "russia")],
        &[("poland", "department_of_defense_poland")],
    ),
    (
        "ar two groups named together share the tie after them (dual adjective)",
        "وحمّلت السلطات مجموعتي \"لازاروس\" و\"كيمسوكي\" المرتبطتين بمكتب الاستطلاع العام مسؤولية الاختراق.",
        "AFFILIATED_WITH",
        &[
            ("diamond_sleet", "reconnaissance_general_bureau"),
            ("emerald_sleet", "reconnaissance_general_bureau"),
        ],
        &[],
    ),
    (
        "en groups named together share the tie after them",
        "Researchers said APT28 and APT29, both linked to Russia, were active again.",
        "AFFILIATED_WITH",
        &[("forest_blizzard", "russia"), ("midnight_blizzard", "russia")],
        &[],
    ),
    (
        "ar an envoy's body is the country he represents, not the host he is posted to",
        "وأوضح سفير إيران لدى الأمم المتحدة أمير سعيد إيرواني أن طهران لم تشارك في أي هجوم.",
        "ROLE",
        &[("amir_saeid_iravani", "iran")],
        &[("amir_saeid_iravani", "united_nations")],
    ),
    (
        "en an ambassador to the UN is his country's",
        "Russia's ambassador to the United Nations Vasily Nebenzya said the charges were absurd.",
        "ROLE",
        &[("vasily_nebenzya", "russia")],
        &[("vasily_nebenzya", "united_nations")],
    ),
];

#[test]
fn relations_fill_their_slots() {
    for (name, text, predicate, want, not) in RELATIONS {
        let r = run_text(text);
        let got = relations_of(&r, predicate);
        for (a, t) in *want {
            assert!(got.iter().any(|(x, y)| x == a && y == t), "{name}: want {a} -> {t}, got {got:?}");
        }
        for (a, t) in *not {
            assert!(!got.iter().any(|(x, y)| x == a && y == t), "{name}: unwanted {a} -> {t}, got {got:?}");
        }
    }
}
