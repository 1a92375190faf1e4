//! Entity rules that build names from parts or find them by structure, one table per rule
//! family, run through the whole pipeline with the embedded data. Every phrase is made up.

use isnad::Pipeline;
use isnad::doc::{DocResult, Document, Status};

fn pipeline() -> &'static Pipeline {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(|| Pipeline::load(None, None).expect("embedded data loads"))
}

fn run(text: &str) -> DocResult {
    let doc = Document {
        id: "t.txt".into(),
        text: text.to_string(),
        encoding: "utf-8",
        lang: isnad::input::detect_lang(text),
        status: Status::Ok,
    };
    pipeline().process(doc)
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
const BODIES: &[(&str, &str, &str, &str, &str, &[&str])] = &[
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
        "وقالت الشرطة الألبانية إنها اعتقلت مشتبها.",
        "الشرطة الألبانية",
        "GOV",
        "police_of_albania",
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
    ("ar title agreement", "وقال وزير الخارجية الروسي إن بلاده لم تتدخل.", &["الروسي"]),
    // A preposition attached to the country: the internal affairs *of* America.
    ("ar proclitic", "إيران ليست طرفا في الشؤون الداخلية لأمريكا.", &["لأمريكا"]),
    // A party adjective is no body: the American democratic system.
    ("ar one-word party adjective", "تقويض الثقة في النظام الديمقراطي الأميركي.", &["الأميركي"]),
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
