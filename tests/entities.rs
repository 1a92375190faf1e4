//! Entity rules that build names from parts or find them by structure, one table per rule
//! family, run through the whole pipeline with the embedded data. Every phrase is made up.

use isnad::doc::DocResult;

fn run(text: &str) -> DocResult {
    crate::util::run_text(text)
}

/// (surface, label, entity id) of every mention.
fn mentions(r: &DocResult) -> Vec<(String, String, String)> {
    r.mentions
        .iter()
        .map(|m| (r.doc.text[m.span.start..m.span.end].to_string(), m.label.to_string(), m.entity_id.clone()))
        .collect()
}

/// Asserts that `text` holds a mention `surface` with `label` (and `id`, unless empty), and
/// none of `absent` as a mention of its own.
fn check(name: &str, text: &str, surface: &str, label: &str, id: &str, absent: &[&str]) {
    let r = run(text);
    let got = mentions(&r);
    assert!(
        got.iter().any(|(s, l, i)| s == surface && l == label && (id.is_empty() || i == id)),
        "{name}: no {label} {surface:?} ({id}) in {got:?}"
    );
    for a in absent {
        assert!(!got.iter().any(|(s, _, _)| s == a), "{name}: {a:?} should be inside a longer name: {got:?}");
    }
}

/// A body and its country are one GOV (SCHEMA §10 rule 14): (name, text, surface, label, id,
/// parts that must not stand alone).
type BodyCase =
    (&'static str, &'static str, &'static str, &'static str, &'static str, &'static [&'static str]);

const BODIES: &[BodyCase] = &[
    (
        "ar a national police agency and its country's adjective",
        "اتهمت الوكالة الوطنية للشرطة الكورية الجنوبية مجموعة لازاروس بسرقة العملات.",
        "الوكالة الوطنية للشرطة الكورية الجنوبية",
        "GOV",
        "national_police_agency_south_korea",
        &["الكورية الجنوبية"],
    ),
    (
        "en a country's mission to the United Nations, the organization inside the head",
        "North Korea's mission to the United Nations has dismissed the charges.",
        "North Korea's mission to the United Nations",
        "GOV",
        "permanent_mission_of_north_korea_to_the_united_nations",
        &["United Nations"],
    ),
    (
        "en a country's UN mission",
        "Iran's UN mission denied the report.",
        "Iran's UN mission",
        "GOV",
        "permanent_mission_of_iran_to_the_united_nations",
        &["UN"],
    ),
    (
        "fa head + adjective + country",
        "پلیس ملی کانادا اعلام کرد که پرونده باز است.",
        "پلیس ملی کانادا",
        "GOV",
        "",
        &["کانادا"],
    ),
    (
        "ar head + adjective + demonym",
        "وقالت الشرطة الوطنية الكندية إن التحقيق مستمر.",
        "الشرطة الوطنية الكندية",
        "GOV",
        "",
        &["الكندية"],
    ),
    (
        "ar head + feminine demonym",
        "قالت السفارة الصينية إن التقرير كاذب.",
        "السفارة الصينية",
        "GOV",
        "embassy_of_china",
        &["الصينية"],
    ),
    (
        "ar navy",
        "اتهمت البحرية الأمريكية قراصنة بالتجسس.",
        "البحرية الأمريكية",
        "GOV",
        "united_states_navy",
        &[],
    ),
    (
        "ar ministry of another country",
        "ونفت وزارة الخارجية الهولندية الخبر.",
        "وزارة الخارجية الهولندية",
        "GOV",
        "ministry_of_foreign_affairs_netherlands",
        &[],
    ),
    (
        "ar police",
        "وقالت الشرطة الفنزويلية إنها اعتقلت مشتبها.",
        "الشرطة الفنزويلية",
        "GOV",
        "police_of_venezuela",
        &[],
    ),
    (
        "ar known body + demonym",
        "وأعلن مكتب التحقيقات الفيدرالي الأمريكي النتائج.",
        "مكتب التحقيقات الفيدرالي الأمريكي",
        "GOV",
        "federal_bureau_of_investigation",
        &[],
    ),
    (
        "fa body + country (ezafe)",
        "وزارت دادگستری آمریکا این افراد را متهم کرد.",
        "وزارت دادگستری آمریکا",
        "GOV",
        "united_states_department_of_justice",
        &["آمریکا"],
    ),
    ("fa embassy", "کارکنان سفارت چین کشور را ترک کردند.", "سفارت چین", "GOV", "embassy_of_china", &[]),
    (
        "fa foreign ministry of another country",
        "وزارت امور خارجه روسیه این ادعا را رد کرد.",
        "وزارت امور خارجه روسیه",
        "GOV",
        "ministry_of_foreign_affairs_russia",
        &[],
    ),
    (
        "en demonym + head",
        "The Chinese embassy said the report was false.",
        "Chinese embassy",
        "GOV",
        "embassy_of_china",
        &["Chinese"],
    ),
    (
        "en possessive + head",
        "China's embassy rejected the claim.",
        "China's embassy",
        "GOV",
        "embassy_of_china",
        &[],
    ),
    (
        "en prefix + known body",
        "The U.S. Treasury Department named six people.",
        "U.S. Treasury Department",
        "GOV",
        "united_states_department_of_the_treasury",
        &["U.S."],
    ),
    (
        "en head + of + country",
        "A statement from the embassy of Iran followed.",
        "embassy of Iran",
        "GOV",
        "embassy_of_iran",
        &[],
    ),
    // A capital standing for its country names that country's body.
    (
        "en capital's possessive",
        "Beijing's foreign ministry rejected the report.",
        "Beijing's foreign ministry",
        "GOV",
        "ministry_of_foreign_affairs_china",
        &[],
    ),
    (
        "ar capital in the genitive",
        "ونفت وزارة خارجية بكين التقرير.",
        "وزارة خارجية بكين",
        "GOV",
        "ministry_of_foreign_affairs_china",
        &[],
    ),
    (
        "fa capital after the body",
        "وزارت خارجه پکن این گزارش را رد کرد.",
        "وزارت خارجه پکن",
        "GOV",
        "ministry_of_foreign_affairs_china",
        &[],
    ),
    // Ministries beyond foreign affairs, justice and defence, from the head table (session 13).
    (
        "ar health ministry + feminine demonym",
        "أكدت وزارة الصحة الأردنية أن بيانات المرضى سليمة.",
        "وزارة الصحة الأردنية",
        "GOV",
        "ministry_of_health_jordan",
        &["الأردنية"],
    ),
    (
        "ar long head over a pattern's shorter ministry",
        "وقالت وزارة الاتصالات وتقنية المعلومات العمانية إنها أوقفت الخدمة.",
        "وزارة الاتصالات وتقنية المعلومات العمانية",
        "GOV",
        "ministry_of_communications_and_information_technology_oman",
        &["العمانية"],
    ),
    (
        "fa health ministry + country",
        "وزارت بهداشت ترکیه گفت سامانه نوبت‌دهی از کار افتاده است.",
        "وزارت بهداشت ترکیه",
        "GOV",
        "ministry_of_health_turkey",
        &["ترکیه"],
    ),
    (
        "en possessive + education ministry",
        "Kenya's education ministry said exam results were not altered.",
        "Kenya's education ministry",
        "GOV",
        "ministry_of_education_kenya",
        &["Kenya"],
    ),
    (
        "ar second conjunct after a definite adjective",
        "وقالت الحكومة الأسترالية والسفارة الصينية إن الحادث قيد التحقيق.",
        "والسفارة الصينية",
        "GOV",
        "embassy_of_china",
        &["الصينية"],
    ),
];

#[test]
fn bodies_are_one_span_with_their_country() {
    for (name, text, surface, label, id, absent) in BODIES {
        check(name, text, surface, label, id, absent);
    }
}

/// Where the parts do not make one name: (name, text, mentions that must stay apart).
const NOT_BODIES: &[(&str, &str, &[&str])] = &[
    // The masculine demonym describes the minister, not the (feminine) ministry.
    ("ar title agreement", "وصل وزير الخارجية الروسي إلى المطار صباحا.", &["الروسي"]),
    // A preposition attached to the country: the internal affairs *of* America.
    ("ar proclitic", "إيران ليست طرفا في الشؤون الداخلية لأمريكا.", &["لأمريكا"]),
    // A party adjective is no body: the American democratic system.
    ("ar one-word party adjective", "يدرس الطلاب تاريخ النظام الديمقراطي الأميركي.", &["الأميركي"]),
    // A place after `in` is a mention of its own.
    ("en in place", "The Russian embassy in Berlin declined to comment.", &["Berlin"]),
];

#[test]
fn parts_that_do_not_make_one_name_stay_apart() {
    for (name, text, apart) in NOT_BODIES {
        let got = mentions(&run(text));
        for a in *apart {
            assert!(got.iter().any(|(s, _, _)| s == a), "{name}: {a:?} joined a longer mention: {got:?}");
        }
    }
}

/// People and organizations found by slot: (name, text, surface, label, parts that must not
/// stand alone). Names here are made up, so no gazetteer holds them.
const SLOTS: &[(&str, &str, &str, &str, &[&str])] = &[
    // A name that ends the speaker's phrase at the complementizer, after a title and its post
    // (session 13).
    (
        "ar title, post with a place, name, complementizer",
        "وقال المدعي العام الكندي في أوتاوا رايموند كوشيه إن المتهمين باعوا البيانات.",
        "رايموند كوشيه",
        "PERSON",
        &[],
    ),
    (
        "ar title, unknown organisation, name, complementizer",
        "وقالت المديرة التنفيذية لمنظمة الحقوق الرقمية الدولية ماريانا لوبيز إن المنصة أخفت الأدلة.",
        "ماريانا لوبيز",
        "PERSON",
        &[],
    ),
    // A description of the body between a title and a name (session 11).
    (
        "ar title, body description, name",
        "من جهته، أوضح رئيس البعثة نبيل قرطاجني أن الأمور تسير بانتظام.",
        "نبيل قرطاجني",
        "PERSON",
        &[],
    ),
    // A foreign surname that looks like `و`/`ب`/`ف`/`ك` + the article, at the end of a name
    // before a complementizer (session 14).
    (
        "ar surname that looks like a proclitic and the article",
        "وقالت المتحدثة باسم الوزارة كارين والترز إن الملف مغلق.",
        "كارين والترز",
        "PERSON",
        &[],
    ),
    // A Persian family name made of a given name and the nisba `ی`, common as frequency lists
    // count it (session 14).
    (
        "fa given name + nisba as a surname",
        "حمید رضایی گفت که سامانه‌ها سالم است.",
        "حمید رضایی",
        "PERSON",
        &[],
    ),
    // A name no given-name list holds before a comma and a word that describes a person
    // (`apposition_head`, session 14).
    (
        "fa name, comma, researcher",
        "ژولین مارتینو، پژوهشگر امنیت سایبری در دانشگاه لیون، گفت که حمله پیچیده بود.",
        "ژولین مارتینو",
        "PERSON",
        &[],
    ),
    (
        "ar name, comma, expert",
        "وقال فيسنتي مورالس، الخبير في أمن المعلومات، إن الهجوم كان معقدا.",
        "فيسنتي مورالس",
        "PERSON",
        &[],
    ),
    // A name before `, who …` is a person's (session 14).
    (
        "en name before a relative clause",
        "Marten Oduya, who teaches law in Nairobi, said the charges were weak.",
        "Marten Oduya",
        "PERSON",
        &[],
    ),
    // Capitalized company names no gazetteer knows in a company's slot (session 14): after a
    // descriptor noun, or before an apposition that ends in one; then every other occurrence.
    (
        "en capitalized name after a descriptor",
        "Hackers broke into the logistics company Fernvale in May.",
        "Fernvale",
        "ORG",
        &["company Fernvale"],
    ),
    (
        "en capitalized name after a descriptor and a comma",
        "The attackers used a key stolen from a software provider, Quillmark Systems, to get in.",
        "Quillmark Systems",
        "ORG",
        &[],
    ),
    (
        "en capitalized name before an apposition ending in a descriptor",
        "Staff data leaked through Bramblecourt, a payroll provider that used the tool.",
        "Bramblecourt",
        "ORG",
        &[],
    ),
    (
        "en another occurrence of a described name",
        "The hotel chain Ostrava Resorts was hit. Later Ostrava Resorts said the cost was high.",
        "Ostrava Resorts",
        "ORG",
        &[],
    ),
    // Camel-case company names in an organization's slot (session 11), and their other
    // occurrences; camel case alone (malware) is no slot.
    (
        "en camel case after a descriptor",
        "German software maker TeamViewer said it was hit.",
        "TeamViewer",
        "ORG",
        &["German software maker TeamViewer"],
    ),
    (
        "en camel case before a reporting verb",
        "Later, CloudHaven said the outage was over.",
        "CloudHaven",
        "ORG",
        &[],
    ),
    // A name ends before a common word with a clitic: a pronoun suffix (`رغبته` = `رغبة` +
    // `ه`), a proclitic with the article (`للصحافيين`), a Persian plural suffix (`شرکتها`).
    (
        "ar name before a common noun with a pronoun suffix",
        "وأكد المهاجم سامر قطيفاني رغبته في البقاء مع الفريق.",
        "سامر قطيفاني",
        "PERSON",
        &["سامر قطيفاني رغبته"],
    ),
    (
        "ar name before a proclitic and the article",
        "وقالت لينا برقاوي للصحافيين إن الاجتماع انتهى.",
        "لينا برقاوي",
        "PERSON",
        &["لينا برقاوي للصحافيين"],
    ),
    // A quoted place after a dateline's place and dash is the outlet.
    (
        "ar quoted outlet in a dateline",
        "* مدريد - «الشرق الأوسط»: أعلن الوزير أمس أن الاجتماع تأجل.",
        "الشرق الأوسط",
        "ORG",
        &[],
    ),
    (
        "ar quoted outlet after a city no gazetteer knows",
        "* سنوريا - «الشرق الأوسط»: قالت الشرطة أمس إن التحقيق مستمر.",
        "الشرق الأوسط",
        "ORG",
        &["* سنوريا"],
    ),
    // A byline's reporter (a given name first) is a PERSON, not an outlet.
    (
        "ar reporter in a byline",
        "الرياض - سامر الجديد\nأعلنت الوزارة أمس أن العمل بدأ.",
        "سامر الجديد",
        "PERSON",
        &[],
    ),
    (
        "ar name before a proclitic on a short common word",
        "ويرتبط اللاعب سامر قطيفاني بعقد احترافي مع النادي.",
        "سامر قطيفاني",
        "PERSON",
        &["سامر قطيفاني بعقد"],
    ),
    // Two full names joined by `و` are two people.
    (
        "ar two full names joined by و",
        "وشارك في العمل حسن قطيفاني وسيرين برقاوي أمس.",
        "حسن قطيفاني",
        "PERSON",
        &["حسن قطيفاني وسيرين برقاوي", "حسن قطيفاني وسيرين"],
    ),
    (
        "fa name before a plural common noun",
        "به گفته مهدی کاوسیان شرکتها در این طرح حضور دارند.",
        "مهدی کاوسیان",
        "PERSON",
        &["مهدی کاوسیان شرکتها"],
    ),
    ("ar given name + surname", "وقال جون ميلفيردو إن الهجوم فشل.", "جون ميلفيردو", "PERSON", &[]),
    (
        "ar given name after و",
        "اتهم البيان سمير قرنفلي ومهدي طاووسيان بالاختراق.",
        "ومهدي طاووسيان",
        "PERSON",
        &["سمير قرنفلي ومهدي"],
    ),
    (
        "ar apposition before a title",
        "وقال زكريا بلحمري، مدير الشركة، إن البيانات سُرقت.",
        "زكريا بلحمري",
        "PERSON",
        &[],
    ),
    (
        "ar title, body, name",
        "وقال قائد الشرطة الألبانية فيلدان قرهموتي إن التحقيق مستمر.",
        "فيلدان قرهموتي",
        "PERSON",
        &[],
    ),
    (
        "ar name between commas after a title",
        "وأعلن الرئيس التنفيذي للشركة، غسان مرقطي، أن الخدمة عادت.",
        "غسان مرقطي",
        "PERSON",
        &[],
    ),
    (
        "fa given name + surname",
        "حمیدرضا کاظمیان معاون وزیر گفت این خبر دروغ است.",
        "حمیدرضا کاظمیان",
        "PERSON",
        &[],
    ),
    (
        "fa apposition with comma",
        "به گفته مسئولان، جعفر دلاوری‌نژاد، مدیر شرکت، این حمله را تایید کرد.",
        "جعفر دلاوری‌نژاد",
        "PERSON",
        &[],
    ),
    (
        "en given name + initial + surname",
        "said Merrick Q. Holloway on Monday.",
        "Merrick Q. Holloway",
        "PERSON",
        &[],
    ),
    (
        "en capitalized body by its head",
        "The sites were run by Vortex Narrative Technologies, prosecutors said.",
        "Vortex Narrative Technologies",
        "ORG",
        &[],
    ),
    (
        "en government body by its head",
        "a statement by the Office of the Digital Envoy said.",
        "Office of the Digital Envoy",
        "GOV",
        &[],
    ),
    (
        "en person after a reporting verb",
        "\"We saw nothing,\" said Tarquin Ollerenshaw.",
        "Tarquin Ollerenshaw",
        "PERSON",
        &[],
    ),
    (
        "ar quoted name after a descriptor",
        "استهدف الهجوم شركة «قرطبة للبرمجيات» في الرياض.",
        "قرطبة للبرمجيات",
        "ORG",
        &[],
    ),
    ("ar Latin name after a descriptor", "ونشرت المجموعة بيانا على منصة Zelmora أمس.", "Zelmora", "ORG", &[]),
    (
        "fa quoted outlet after a relay frame",
        "به گزارش «تیزبین»، این حمله دیروز رخ داد.",
        "تیزبین",
        "ORG",
        &[],
    ),
    ("ar dateline outlet", "الرباط - «الوطن الرقمي»: أعلنت الحكومة خطة جديدة.", "الوطن الرقمي", "ORG", &[]),
    ("ar compound name with الدين", "وانتقد القرار طارق شمس الدين أمس.", "طارق شمس الدين", "PERSON", &[]),
    (
        "ar compound name with عبد",
        "واستدعت النيابة طارق عبد الرحيم للتحقيق.",
        "طارق عبد الرحيم",
        "PERSON",
        &[],
    ),
    (
        "ar a rank's qualifier stays outside",
        "وقال العميد المتقاعد فؤاد زريقات إن الهجوم منسق.",
        "فؤاد زريقات",
        "PERSON",
        &["المتقاعد فؤاد زريقات"],
    ),
    ("ar name before an age", "وذكر البيان أن زوراب كاشيلي (41 عاماً) فر.", "زوراب كاشيلي", "PERSON", &[]),
    (
        "ar family name after a head of government",
        "وقال رئيس الحكومة الدباغي إن الاتهامات باطلة.",
        "الدباغي",
        "PERSON",
        &[],
    ),
    // `زيان` is a common Persian word ("loss"); in Arabic it is a surname.
    (
        "ar surname that is a common word elsewhere",
        "وقال سمير زيان إن الحزب لم يتلق أي إشعار.",
        "سمير زيان",
        "PERSON",
        &[],
    ),
    (
        "ar Maghrebi relative ends a name",
        "وهاجم الحزب يونس شراطي للي كان يدافع عن المشروع.",
        "يونس شراطي",
        "PERSON",
        &["يونس شراطي للي"],
    ),
    // English names set off by commas from a title (session 10).
    (
        "en name before a comma and an owner's title",
        "The intrusions matched the clashes, Stuart Solomon, Recorded Future's chief operating officer, told Reuters.",
        "Stuart Solomon",
        "PERSON",
        &[],
    ),
    (
        "en name before a comma and head of",
        "Illia Vitiuk, head of the cybersecurity department of the SBU, told reporters it was planned.",
        "Illia Vitiuk",
        "PERSON",
        &[],
    ),
    (
        "en name after a title and a comma",
        "Maharashtra's home minister, Anil Deshmukh, told the state assembly it was sabotage.",
        "Anil Deshmukh",
        "PERSON",
        &[],
    ),
    (
        "en a hyphenated compound is no dateline",
        "China-linked hackers targeted India's power grid, Recorded Future says.",
        "China",
        "GPE",
        &["linked hackers"],
    ),
    // A title's complement of common words before the name (`الأمين العام للحركة X`).
    (
        "ar name after a title's complement, before قد",
        "وكان الأمين العام للحركة ريشار فيران قد اتهم القناة بنشر أخبار كاذبة.",
        "ريشار فيران",
        "PERSON",
        &["للحركة ريشار"],
    ),
    (
        "ar name after a describing noun's complement, before أن",
        "وأوضح الباحث في الشركة ماركو فيلتيني أن البرنامج صمم للتخريب.",
        "ماركو فيلتيني",
        "PERSON",
        &[],
    ),
    (
        "ar hyphenated surname after a complement, before whom it was told to",
        "وقال الخبير في المختبر دانيال فوري-سيمون لوكالة «رويترز» إن الهجوم محدود.",
        "دانيال فوري-سيمون",
        "PERSON",
        &[],
    ),
    (
        "en a capitalized title before the name stays outside it",
        "Police Commissioner Rhian Dawlish said in March that the suspects were based abroad.",
        "Rhian Dawlish",
        "PERSON",
        &["Commissioner Rhian Dawlish"],
    ),
    (
        "en a company after a place and -based",
        "Ola Nordmann, an analyst at Oslo-based NordvikSec, said the group was new.",
        "NordvikSec",
        "ORG",
        &[],
    ),
    (
        "ar a word describing the post between title and name",
        "أعلن الرئيس الكوستاريكي الجديد رودريغو تشافيس، الأحد، حالة الطوارئ الوطنية.",
        "رودريغو تشافيس",
        "PERSON",
        &["الجديد رودريغو"],
    ),
    (
        "ar a name stops at an indefinite accusative",
        "وأصدر عبد الصمد الكباص كتابا جديدا عن الهجمات.",
        "عبد الصمد الكباص",
        "PERSON",
        &["عبد الصمد الكباص كتابا"],
    ),
    (
        "ar a name stops at tanween",
        "وكان محمد العبدلي متواجداً في الموقع.",
        "محمد العبدلي",
        "PERSON",
        &["محمد العبدلي متواجداً"],
    ),
    (
        "ar a given name that is also a preposition, after a title with a demonym, and a common surname",
        "وقال وزير النقل اللبناني علي حمية إن ما جرى اعتداء.",
        "علي حمية",
        "PERSON",
        &["اللبناني علي حمية"],
    ),
];

#[test]
fn names_found_by_slot() {
    for (name, text, surface, label, absent) in SLOTS {
        check(name, text, surface, label, "", absent);
    }
}

/// Ids of names found by slot: (name, text, surface, id).
const SLOT_IDS: &[(&str, &str, &str, &str)] = &[
    // The `و` stays in the span (SCHEMA §4), not in the id.
    (
        "ar و before a given name",
        "اتهم البيان سمير قرنفلي ومهدي طاووسيان بالاختراق.",
        "ومهدي طاووسيان",
        "~مهدي_طاووسيان",
    ),
    // A transliteration the gazetteer does not list, same letters for the same sounds
    // (`گوئو جیاکون` is listed; `گو` + `و` is another way to write it).
    (
        "fa spelling variant of a gazetteer name",
        "گوو جیاکون، سخنگوی وزارت خارجه چین، گفت که این ادعا نادرست است.",
        "گوو جیاکون",
        "guo_jiakun",
    ),
    // An Arabic compound surname alone carries the full name's id.
    (
        "ar compound surname alone",
        "وقال الدكتور هشام عبد الحميد، أستاذ أمن المعلومات، إن الهجوم خطير.\nوحذّر عبد الحميد من هجمات أخرى.",
        "عبد الحميد",
        "~هشام_عبد_الحميد",
    ),
    // A gazetteer person's surname alone, later in the document, carries the full name's id.
    (
        "fa surname of a gazetteer person",
        "ادی راما دیروز سخن گفت.\nراما در بیانیه‌ای گفت دولت تصمیم گرفته است.",
        "راما",
        "edi_rama",
    ),
];

#[test]
fn slot_names_get_their_ids() {
    for (name, text, surface, id) in SLOT_IDS {
        check(name, text, surface, "PERSON", id, &[]);
    }
}

/// What the slots must not take: (name, text, words that must not be inside a PERSON or ORG
/// found by slot).
const NOT_NAMES: &[(&str, &str, &[&str])] = &[
    // `و` + the article on a common noun after a given name is the conjunction, not a surname
    // that looks like it (session 14), even before a complementizer.
    (
        "ar the preposition على before a common word, with no title, is no name",
        "ويعتمد علي حمية غذائية صارمة.",
        &["علي حمية"],
    ),
    (
        "ar conjunction and a noun after a given name",
        "وصل الوزير جون والوفد المرافق له إلى المطار.",
        &["جون والوفد"],
    ),
    (
        "ar conjunction and a common noun before أن",
        "وقال المتحدث باسم الوزارة أحمد والشركة إن الملف مغلق.",
        &["أحمد والشركة"],
    ),
    // A common word after a title is no name.
    ("ar common words after a title", "وتحدث وزير الزراعة الكندي عن خسائر المحاصيل.", &["خسائر"]),
    ("fa common words after a title", "رئیس سازمان کشور گزارش تازه‌ای منتشر کرد.", &["کشور", "گزارش"]),
    // Words after a title's complement need a verb after them to be a name.
    ("ar complement then common words", "تصيد مسؤولا من حساب مستشار سابق جرى اختراقه.", &["جرى اختراقه"]),
    (
        "ar a title with its person then a complementizer",
        "وصرح المتحدث باسمها ستيفن تشيونج بأن الوثائق المسربة \"حصل عليها\" بطرق غير قانونية.",
        &["الوثائق المسربة"],
    ),
    // Two given names joined by `و` are two people, not a name and a surname.
    ("ar two given names joined by و", "وشارك فتحي وحازم في التدريب.", &["فتحي وحازم"]),
    // `تآمر` ("conspiracy") folds to the given name `تامر`; written with its madda it is not one.
    ("ar madda word that folds to a given name", "ووصفت الاحتجاجات بأنها تآمر لقلب النظام.", &["تآمر"]),
    // `على` ("on") is not the given name `علي`.
    ("ar preposition that folds to a name", "وقع الهجوم على منشآت الطاقة.", &["على"]),
    // `بقوة` is "with force", not a name with a proclitic.
    ("ar proclitic before a common word", "ورد الجيش بقوة وحزم.", &["بقوة"]),
    // A title inside a word (`problems.` ends like `Ms.`) opens no name after it.
    (
        "en title letters at a word's end",
        "He should look at his own problems. Russian Foreign Ministry officials agreed.",
        &["Russian Foreign Ministry", "Russian"],
    ),
    // Malware is written in camel case too: without a slot it is no organization.
    ("en camel-case malware", "The NotPetya wiper spread through tax software.", &["NotPetya"]),
    // A capitalized sentence opener is no name.
    ("en sentence opener", "The company said the breach was contained.", &["The"]),
];

/// A title's words stay out of the name after it: a title of two words (`Director General`),
/// a title with its complement (`Assistant Secretary for Management`); `إلى` after `الوزارة` is
/// no part of a ministry's name.
#[test]
fn titles_and_prepositions_stay_out_of_names() {
    for (text, name, absent) in [
        (
            "Interpol Director General Maria Lindqvist said the raids were coordinated.",
            "Maria Lindqvist",
            "General",
        ),
        (
            "Assistant Secretary for Management Aditi Hardikar told lawmakers the breach was serious.",
            "Aditi Hardikar",
            "Management",
        ),
        ("وأشارت الوزارة إلى أن المتهمين نفذوا آلاف الهجمات.", "", "إلى"),
    ] {
        let got = mentions(&run(text));
        assert!(name.is_empty() || got.iter().any(|(s, l, _)| s == name && l == "PERSON"), "{text}: {got:?}");
        assert!(got.iter().all(|(s, _, _)| !s.contains(absent)), "{text}: {got:?}");
    }
}

/// A title is no body: `Foreign Secretary` is a person's post, not a GOV.
#[test]
fn capitalized_titles_are_no_bodies() {
    let r = run("Foreign Secretary David Cameron said the attack was unacceptable.");
    assert!(
        r.mentions.iter().all(|m| !r.doc.text[m.span.start..m.span.end].contains("Secretary")),
        "{:?}",
        r.mentions
    );
}

#[test]
fn slots_do_not_take_common_words() {
    for (name, text, words) in NOT_NAMES {
        let r = run(text);
        for m in r
            .mentions
            .iter()
            .filter(|m| m.source.starts_with("rule:person") || m.source.starts_with("rule:org"))
        {
            let s = &r.doc.text[m.span.start..m.span.end];
            for w in *words {
                assert!(!s.contains(w), "{name}: {s:?} ({}) takes {w:?}", m.source);
            }
        }
    }
}

/// A company found in a descriptor's slot is found wherever else the article names it, and a
/// given name after a descriptor stays a person's.
#[test]
fn described_companies_are_found_everywhere_in_the_article() {
    let r = run("The hotel chain Ostrava Resorts was hit. Later Ostrava Resorts said the cost was high.");
    let orgs = r.mentions.iter().filter(|m| &r.doc.text[m.span.start..m.span.end] == "Ostrava Resorts");
    assert_eq!(orgs.filter(|m| m.label.to_string() == "ORG").count(), 2);
    let r = run("The developer John Quillmark said the firm was never hacked.");
    assert!(
        !r.mentions
            .iter()
            .any(|m| m.label.to_string() == "ORG" && r.doc.text[m.span.start..].starts_with("John")),
        "{:?}",
        r.mentions
    );
}

/// A surname and a parenthesized acronym later carry the full name's id.
#[test]
fn short_forms_carry_the_full_names_id() {
    let r = run("وقال جون ميلفيردو إن الهجوم فشل. وأضاف ميلفيردو أن التحقيق مستمر.");
    let ids: Vec<&str> = r
        .mentions
        .iter()
        .filter(|m| r.doc.text[m.span.start..m.span.end].ends_with("ميلفيردو"))
        .map(|m| m.entity_id.as_str())
        .collect();
    assert_eq!(ids.len(), 2, "{:?}", r.mentions);
    assert_eq!(ids[0], ids[1]);
    let r =
        run("The sites were run by Vortex Narrative Technologies (VNT). Officials said VNT paid for ads.");
    let vnt: Vec<&str> = r
        .mentions
        .iter()
        .filter(|m| &r.doc.text[m.span.start..m.span.end] == "VNT")
        .map(|m| m.entity_id.as_str())
        .collect();
    assert_eq!(vnt.len(), 2, "{:?}", r.mentions);
    assert!(vnt.iter().all(|id| *id == "~vortex_narrative_technologies"), "{vnt:?}");
    // A surname written first that is also a given name: a name before a reporting verb only.
    let r = run(
        "Spokesman Wang Wenbin said the report was false. Wang also rejected the claims. Wang went home.",
    );
    let wang: Vec<(usize, &str)> = r
        .mentions
        .iter()
        .filter(|m| &r.doc.text[m.span.start..m.span.end] == "Wang")
        .map(|m| (m.span.start, m.entity_id.as_str()))
        .collect();
    assert_eq!(wang.len(), 1, "{:?}", r.mentions);
    assert_eq!(wang[0].1, "wang_wenbin");
}

/// Dates, amounts and labels SCHEMA writes as one span: (name, text, surface, label).
const PIECES: &[(&str, &str, &str, &str)] = &[
    ("ar weekday + date", "افتتحت البلدية يوم الأحد، 9 يناير 2022، جسرا جديدا.", "الأحد، 9 يناير 2022", "DATE"),
    ("fa weekday + date", "این نمایشگاه روز شنبه ۳ دی باز شد.", "شنبه ۳ دی", "DATE"),
    ("en weekday + date", "The museum reopened on Friday, Feb. 4 after repairs.", "Friday, Feb. 4", "DATE"),
    ("ar two calendars", "وفي شهر يونيو حزيران المقبل تفتتح المكتبة.", "يونيو حزيران", "DATE"),
    (
        "ar money + currency's country",
        "اشترت البلدية معدات بقيمة 700 مليون دولار أسترالي.",
        "700 مليون دولار أسترالي",
        "MONEY",
    ),
    ("ar cryptocurrency", "وقال إن 250 ألف إيثريوم بيعت في يوم واحد.", "250 ألف إيثريوم", "MONEY"),
    ("fa cryptocurrency", "این تابلو به قیمت 35 بیت کوین فروخته شد.", "35 بیت کوین", "MONEY"),
    ("en vague amount", "The storm cost the region billions of dollars.", "billions of dollars", "MONEY"),
    ("ar vague amount", "وتسببت الهجمات في خسائر بملايين الدولارات.", "بملايين الدولارات", "MONEY"),
    ("ar dual of a scale", "ودفعت البلدية مليوني دولار لإصلاح الجسر.", "مليوني دولار", "MONEY"),
    ("fa Dari scale and currency", "این شرکت ۲۵ ملیون دالر زیان دید.", "۲۵ ملیون دالر", "MONEY"),
    ("fa Dari decimal amount", "بودجه این طرح ۱٫۲ ملیارد دالر است.", "۱٫۲ ملیارد دالر", "MONEY"),
    ("fa Dari month with a year", "این پل در ماه جدی ۱۴۰۲ باز شد.", "جدی ۱۴۰۲", "DATE"),
    ("fa Dari month with a day", "نمایشگاه روز ۱۰ جوزا آغاز می‌شود.", "۱۰ جوزا", "DATE"),
    (
        "en wire dateline month without a period",
        "LONDON, Feb 5 (Reuters) - The museum reopened.",
        "Feb 5",
        "DATE",
    ),
    ("ar feminine demonym after a noun", "زار الوفد شركة الغاز السعودية أمس.", "السعودية", "NORP"),
    (
        "ar descriptor inside the quotes",
        "ونشرت “مجموعة كوتون ساندستورم” بيانا جديدا.",
        "مجموعة كوتون ساندستورم",
        "THREAT_ACTOR",
    ),
];

#[test]
fn pieces_are_one_span() {
    for (name, text, surface, label) in PIECES {
        check(name, text, surface, label, "", &[]);
    }
    // A country after a verb is the country; a naval adjective after a noun is no navy.
    check(
        "ar country after a verb",
        "وأعلنت السعودية أنها صدت الهجوم.",
        "السعودية",
        "GPE",
        "saudi_arabia",
        &[],
    );
    // A Dari month that is also an ordinary word needs a day, a year or ماه next to it.
    let r = run("این موضوع برای ما بسیار جدی است.");
    assert!(!mentions(&r).iter().any(|(_, l, _)| l == "DATE"), "{:?}", mentions(&r));
    let r = run("رست الزوارق البحرية الفنزويلية في الميناء.");
    assert!(mentions(&r).iter().any(|(s, l, _)| s == "الفنزويلية" && l == "NORP"), "{:?}", mentions(&r));
}

/// An embassy named by its country takes the city it is in, everywhere in the document
/// (`Embassy of China, Canberra`); with no city it stays the country's embassy.
#[test]
fn embassies_take_their_city() {
    let text = "China's embassy in Canberra rejected the report.\nThe Chinese embassy added that the claims were false.";
    let r = run(text);
    let ids: Vec<&str> =
        r.mentions.iter().filter(|m| m.label.as_str() == "GOV").map(|m| m.entity_id.as_str()).collect();
    assert_eq!(ids, vec!["embassy_of_china_canberra", "embassy_of_china_canberra"], "{:?}", mentions(&r));
    let r = run("السفارة الروسية في لندن نفت التقرير.");
    assert!(r.mentions.iter().any(|m| m.entity_id == "embassy_of_russia_london"), "{:?}", mentions(&r));
    let r = run("The Chinese embassy rejected the report.");
    assert!(r.mentions.iter().any(|m| m.entity_id == "embassy_of_china"), "{:?}", mentions(&r));
}

/// A rule-found name takes the id of the gazetteer alias it is (an ambiguous one, waiting for
/// the context the rule read), and a body without its country the id of the same body named
/// with it earlier in the document: (name, text, surface, label, id).
const COREFERENT_IDS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "ar ambiguous outlet in a dateline",
        "الميادين - بيروت\nأعلنت وزارة الاتصالات اللبنانية أمس تعطل شبكة الهاتف.",
        "الميادين",
        "ORG",
        "al_mayadeen",
    ),
    (
        "fa ambiguous outlet in a dateline",
        "کیهان - تهران\nوزارت ارتباطات اعلام کرد که شبکه در چند استان قطع شد.",
        "کیهان",
        "ORG",
        "kayhan",
    ),
    (
        "en ambiguous outlet in a dateline",
        "Mehr - Tehran\nOfficials said the outage ended.",
        "Mehr",
        "ORG",
        "mehr_news_agency",
    ),
    (
        "ar body without its country after the body with it",
        "وأعلنت وزارة الداخلية الفرنسية توقيف مشتبه. وقالت وزارة الداخلية إن التحقيق مستمر.",
        "وزارة الداخلية",
        "GOV",
        "ministry_of_the_interior_france",
    ),
    (
        "en body without its country after the body with it",
        "The French Interior Ministry arrested a suspect. The Interior Ministry said the inquiry goes on.",
        "Interior Ministry",
        "GOV",
        "ministry_of_the_interior_france",
    ),
    // A body without its country next to the one holder of its title (`roles.tsv`).
    (
        "en body + title + its spokesperson",
        "Foreign Ministry spokesman Lin Jian rejected the charges on Tuesday.",
        "Foreign Ministry",
        "GOV",
        "ministry_of_foreign_affairs_china",
    ),
    (
        "ar title + body + its spokesperson",
        "ورفض المتحدث باسم وزارة الخارجية لين جيان الاتهامات.",
        "وزارة الخارجية",
        "GOV",
        "ministry_of_foreign_affairs_china",
    ),
    (
        "fa title + body + its spokesperson",
        "سخنگوی وزارت خارجه لین جیان این اتهامات را رد کرد.",
        "وزارت خارجه",
        "GOV",
        "ministry_of_foreign_affairs_china",
    ),
];

#[test]
fn coreferent_mentions_share_an_id() {
    for (name, text, surface, label, id) in COREFERENT_IDS {
        check(name, text, surface, label, id, &[]);
    }
    // A later body with its country may be another country's: the bare one keeps its own id.
    let r =
        run("Foreign Ministry spokeswoman Lena Arvo spoke in Minsk. The Chinese Foreign Ministry disagreed.");
    assert!(
        !r.mentions.iter().any(|m| m.entity_id == "ministry_of_foreign_affairs_china"
            && r.doc.text[m.span.start..m.span.end] == *"Foreign Ministry"),
        "{:?}",
        mentions(&r)
    );
}

/// A name inside a handle (`_` or `@` joined to it) is site furniture, not a mention
/// (SCHEMA §10 rule 17): (name, text, the handle's name part).
const HANDLES: &[(&str, &str, &str)] = &[
    ("ar handle", "نقلت رويترز الخبر.\nللتواصل: reuters_arabic@\n", "reuters"),
    ("fa handle", "ایرنا گزارش داد.\nirna_farsi@ دنبال کنید\n", "irna"),
    ("en handle", "The report was posted by @Microsoft_Threat on Friday.", "Microsoft"),
];

#[test]
fn names_inside_handles_are_no_mentions() {
    for (name, text, word) in HANDLES {
        let got = mentions(&run(text));
        assert!(!got.iter().any(|(s, _, _)| s == word), "{name}: {word:?} in {got:?}");
    }
}

/// English names written with the article or a lower-case descriptor after them: SCHEMA's
/// span leaves both outside (`the Guardian` → `Guardian`, `Tasnim news agency` → `Tasnim`);
/// a capitalized descriptor is part of the name. (name, text, surface, label).
const ENGLISH_EDGES: &[(&str, &str, &str, &str)] = &[
    (
        "en article before an outlet",
        "A report in the Guardian said the servers were wiped.",
        "Guardian",
        "ORG",
    ),
    ("en capital article", "The Washington Post first reported the leak.", "Washington Post", "ORG"),
    ("en lower-case descriptor", "Iran's Tasnim news agency denied the claim.", "Tasnim", "ORG"),
    ("en capitalized descriptor", "The Tasnim News Agency denied the claim.", "Tasnim News Agency", "ORG"),
];

#[test]
fn english_articles_and_descriptors_stay_outside() {
    for (name, text, surface, label) in ENGLISH_EDGES {
        check(name, text, surface, label, "", &[]);
    }
}

/// A group that names itself (`که خود را X می‌خوانند`, `تطلق على نفسها اسم X`, `calling itself
/// X`) is a threat actor with a rule id, quote marks and the naming verb outside its span; the
/// naming verb `calling` reports nothing.
#[test]
fn groups_that_name_themselves() {
    for (name, text, surface, id) in [
        (
            "fa verb-final self-naming",
            "چند هکر ناشناس که خود را عقاب‌های سرخ می‌خوانند مدعی شدند به داده‌ها دست یافته‌اند.",
            "عقاب‌های سرخ",
            "~عقاب‌های_سرخ",
        ),
        (
            "ar a quoted self-given name",
            "وأعلنت جماعة تطلق على نفسها اسم «جنود الظل» مسؤوليتها عن الهجوم.",
            "جنود الظل",
            "~جنود_الظل",
        ),
        (
            "en a group calling itself",
            "A hacking group calling itself Cyber Wolves claimed responsibility on Telegram.",
            "Cyber Wolves",
            "~cyber_wolves",
        ),
    ] {
        check(name, text, surface, "THREAT_ACTOR", id, &[]);
    }
    let text = "A hacking group calling itself Cyber Wolves claimed responsibility on Telegram.";
    let r = run(text);
    let cues: Vec<&str> = r.claims.iter().map(|c| &text[c.cue.start..c.cue.end]).collect();
    assert_eq!(cues, ["claimed"]);
}

/// Threat actors by slot (`src/names/actors.rs`): a name after (Arabic, Persian) or before
/// (English) a head noun for a hacking or criminal group: (name, text, surface, id).
const ACTOR_SLOTS: &[(&str, &str, &str, &str)] = &[
    (
        "ar quoted name after a weak head",
        "وقال الباحثون إن مجموعة «قمر الجبل» شنت حملة تجسس على الوزارات.",
        "قمر الجبل",
        "~قمر_الجبل",
    ),
    (
        "ar unquoted name after a definite hacking head",
        "وأعلنت مجموعة القرصنة كوبرا نيكس مسؤوليتها عن اختراق الموقع.",
        "كوبرا نيكس",
        "~كوبرا_نيكس",
    ),
    (
        "ar Latin name after a ransomware head",
        "وتبنت عصابة الفدية BlueMarlin الهجوم على المستشفى.",
        "BlueMarlin",
        "~bluemarlin",
    ),
    (
        "ar nationality between head and name",
        "وقالت مجموعة القرصنة الإيرانية «نجم الليل» إنها سربت الملفات.",
        "نجم الليل",
        "~نجم_الليل",
    ),
    (
        "ar naming word after an indefinite head",
        "ونفذت مجموعة قرصنة تدعى صقور الرمال هجوما على المصرف.",
        "صقور الرمال",
        "~صقور_الرمال",
    ),
    (
        "ar alias after a definite group",
        "وذكر التقرير أن المجموعة، التي تعرف أيضاً باسم «الغراب الأزرق»، تعمل منذ سنوات.",
        "الغراب الأزرق",
        "~الغراب_الأزرق",
    ),
    (
        "fa quoted name after a weak head",
        "ابزارهای این حمله به بدافزار گروه «شاهین سرخ» شباهت دارد.",
        "شاهین سرخ",
        "~شاهین_سرخ",
    ),
    (
        "fa unquoted name after a hacking head",
        "گروه هکری پلنگ سیاه مسئولیت این حمله را بر عهده گرفت.",
        "پلنگ سیاه",
        "~پلنگ_سیاه",
    ),
    ("fa naming word", "گروه هکری موسوم به «ماه نو» اطلاعات بانک را منتشر کرد.", "ماه نو", "~ماه_نو"),
    (
        "fa Latin name after a ransomware head",
        "گروه باج‌افزاری NightOwl اطلاعات بیمارستان را منتشر کرد.",
        "NightOwl",
        "~nightowl",
    ),
    (
        "en the X ransomware gang",
        "The files were leaked by the GreyMantis ransomware gang on Monday.",
        "GreyMantis",
        "~greymantis",
    ),
    (
        "en the X group in a hacking story",
        "Investigators said the Silver Heron group breached the ministry network.",
        "Silver Heron",
        "~silver_heron",
    ),
    (
        "en a hacking group called X",
        "A hacking group called Copper Lynx claimed the attack.",
        "Copper Lynx",
        "~copper_lynx",
    ),
    (
        "en hacker group X",
        "The hacktivist group Storm Owls targeted banks in the region.",
        "Storm Owls",
        "~storm_owls",
    ),
    (
        "en X, a ransomware gang",
        "Officials named Velvet Jackal, a ransomware gang, as the culprit.",
        "Velvet Jackal",
        "~velvet_jackal",
    ),
];

/// What the threat-actor slots must not take: (name, text, words no THREAT_ACTOR may hold).
const NOT_ACTORS: &[(&str, &str, &[&str])] = &[
    // A weak head with a quoted name where only attack words stand around it: militants
    // attack too, so no hacking context (session 14).
    (
        "ar militant group with attack words",
        "لم تتبن أي جهة الهجمات، لكن جماعة «الراية السوداء» المتشددة نفذت هجمات سابقة.",
        &["الراية السوداء"],
    ),
    (
        "en company group in a business story",
        "Shares of the food group \"Marlow Foods\" rose after the attack on rivals.",
        &["Marlow Foods"],
    ),
    (
        "ar group of companies",
        "واستحوذت مجموعة من الشركات على حصة في المصرف بعد الاختراق.",
        &["من", "الشركات"],
    ),
    (
        "ar working group without a hacking context",
        "وقالت مجموعة «العمل المناخي» إن التقرير جاهز.",
        &["العمل المناخي"],
    ),
    (
        "ar quotation after a definite group",
        "وقال المدعي العام إن هجمات المجموعة «كانت عنيفة جدا» بعد الاختراق.",
        &["كانت"],
    ),
    (
        "ar verb after an indefinite hacking head",
        "وقالت الشركة إن مجموعة قرصنة أجنبية تعكف على تعقب المواقع.",
        &["تعكف", "أجنبية"],
    ),
    ("fa group of countries", "گروه هفت کشور صنعتی بیانیه‌ای صادر کرد.", &["هفت"]),
    ("fa a verb after a hacking head", "گروه هکری اعلام کرد که به داده‌ها دست یافته است.", &["اعلام"]),
    (
        "en business group without a hacking context",
        "The Meridian group reported higher profits this year.",
        &["Meridian"],
    ),
    (
        "en sentence-opening adjective",
        "State-sponsored hacking group activity rose sharply.",
        &["State-sponsored"],
    ),
];

#[test]
fn threat_actors_by_slot() {
    for (name, text, surface, id) in ACTOR_SLOTS {
        check(name, text, surface, "THREAT_ACTOR", id, &[]);
    }
    for (name, text, words) in NOT_ACTORS {
        let r = run(text);
        for m in r.mentions.iter().filter(|m| m.label.to_string() == "THREAT_ACTOR") {
            let s = &r.doc.text[m.span.start..m.span.end];
            for w in *words {
                assert!(!s.contains(w), "{name}: THREAT_ACTOR {s:?} ({}) takes {w:?}", m.source);
            }
        }
    }
}

/// A name found by slot, and one a group gave itself, carry their id to their other
/// occurrences; a name the gazetteer holds keeps the gazetteer's id.
#[test]
fn actor_names_recur_and_keep_gazetteer_ids() {
    let text = "وقالت مجموعة القرصنة «قمر الجبل» إنها سربت الوثائق.\nونشرت «قمر الجبل» الملفات لاحقا.";
    let r = run(text);
    let n = mentions(&r)
        .iter()
        .filter(|(s, l, i)| s == "قمر الجبل" && l == "THREAT_ACTOR" && i == "~قمر_الجبل")
        .count();
    assert_eq!(n, 2, "{:?}", mentions(&r));
    let text =
        "وقالت مجموعة قرصنة تطلق على نفسها اسم «ذئب الليل» إنها سربت الوثائق. ونشرت «ذئب الليل» الملفات.";
    let r = run(text);
    let n = mentions(&r).iter().filter(|(s, l, _)| s == "ذئب الليل" && l == "THREAT_ACTOR").count();
    assert_eq!(n, 2, "{:?}", mentions(&r));
    check(
        "ar gazetteer actor in a slot",
        "وأعلنت مجموعة القرصنة حنظلة مسؤوليتها عن الاختراق.",
        "حنظلة",
        "THREAT_ACTOR",
        "handala",
        &[],
    );
}

/// A body the gazetteer knows for one country, written with or pointing back to another:
/// (name, text, surface, id). The body takes the other country's id, built from its name
/// when the gazetteer has none (SCHEMA §5), and the bare body after it in the text is the same.
const BODIES_OF_ANOTHER_COUNTRY: &[(&str, &str, &str, &str)] = &[
    (
        "fa body + a country with no such body listed",
        "شورای امنیت ملی ازبکستان هشدار داد که حمله ادامه دارد.",
        "شورای امنیت ملی ازبکستان",
        "national_security_council_uzbekistan",
    ),
    (
        "fa bare body after the body with its country",
        "شورای امنیت ملی ازبکستان هشدار داد. سخنگوی شورای امنیت ملی گفت که بررسی ادامه دارد.",
        "شورای امنیت ملی",
        "national_security_council_uzbekistan",
    ),
    (
        "fa 'this country' points to the sentence's first country",
        "دولت نروژ روسیه را به نفوذ در شبکه وزارت خارجه این کشور متهم کرد.",
        "وزارت خارجه",
        "ministry_of_foreign_affairs_norway",
    ),
    (
        "ar bare ministry after the ministry with its country",
        "قالت وزارة الخارجية النرويجية إن الشبكة اخترقت. وأضافت وزارة الخارجية أن التحقيق مستمر.",
        "وزارة الخارجية",
        "ministry_of_foreign_affairs_norway",
    ),
];

#[test]
fn a_body_takes_the_country_written_with_it_or_pointed_to() {
    for (name, text, surface, id) in BODIES_OF_ANOTHER_COUNTRY {
        check(name, text, surface, "GOV", id, &[]);
    }
}

/// A person the gazetteer knows by a full name, followed by one more name word that ends the
/// name, is someone else with a longer name (`~` id); a definite noun or a reporting verb
/// after the known name leaves it as it is.
#[test]
fn a_known_full_name_with_one_more_name_word_is_another_person() {
    let cases = [
        (
            "محمد نعیم رحمانی، استاد دانشگاه، گفت که سامانه‌ها سالم است.",
            "محمد نعیم رحمانی",
            "~محمد_نعیم_رحمانی",
        ),
        (
            "Antony Blinken Okafor, a lawyer, said the case was weak.",
            "Antony Blinken Okafor",
            "~antony_blinken_okafor",
        ),
        ("ورفض ديمتري بيسكوف الاتهامات جملة وتفصيلا.", "ديمتري بيسكوف", "dmitry_peskov"),
        ("Antony Blinken said the case was weak.", "Antony Blinken", "antony_blinken"),
    ];
    for (text, surface, id) in cases {
        check(text, text, surface, "PERSON", id, &[]);
    }
}

/// A company's name led by its city is one ORG, and its first two words written again later are
/// that company, not a place and a person.
#[test]
fn a_company_led_by_a_city_and_its_short_form() {
    let r = run(
        "Britain sanctioned Wuhan Qinglan Science and Technology Company on Monday. The Foreign Office said Wuhan Qinglan was a front.",
    );
    let orgs: Vec<(&str, &str)> = r
        .mentions
        .iter()
        .filter(|m| m.label.to_string() == "ORG")
        .map(|m| (&r.doc.text[m.span.start..m.span.end], m.entity_id.as_str()))
        .collect();
    assert_eq!(
        orgs,
        vec![
            ("Wuhan Qinglan Science and Technology Company", "~wuhan_qinglan_science_and_technology_company"),
            ("Wuhan Qinglan", "~wuhan_qinglan_science_and_technology_company"),
        ],
        "{:?}",
        r.mentions
    );
}
