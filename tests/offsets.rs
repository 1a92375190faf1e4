//! Property tests: for any input, every mention the pipeline reports maps back to the original
//! text exactly and starts and ends on word boundaries (SCHEMA §2, §4).

use isnad::Pipeline;
use isnad::doc::{Document, Label, Status};
use isnad::normalize::is_orig_word_char;
use proptest::prelude::*;

fn pipeline() -> &'static Pipeline {
    static P: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    P.get_or_init(|| Pipeline::load(None, None).expect("embedded data loads"))
}

/// Pieces that exercise folds, clitics, suffixes, marks, joiners and digits.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("إيران".to_string()),
        Just("والصين".to_string()),
        Just("ایران".to_string()),
        Just("مایکروسافت".to_string()),
        Just("ترامب".to_string()),
        Just("آقای برت".to_string()),
        Just("الولايات المتحدة".to_string()),
        Just("Cotton Sandstorm".to_string()),
        Just("أيار/مايو 2018".to_string()),
        Just("۲۰۲۰".to_string()),
        Just("بـ25 مليار دولار".to_string()),
        Just("\u{64e}".to_string()),
        Just("\u{651}".to_string()),
        Just("\u{200c}".to_string()),
        Just("ـ".to_string()),
        Just("ها".to_string()),
        Just("ی".to_string()),
        Just("و".to_string()),
        Just("ال".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\"".to_string()),
        Just("«".to_string()),
        Just(".".to_string()),
        Just("\u{a0}".to_string()),
        Just("وقال".to_string()),
        Just("فيما نفت".to_string()),
        Just("المتحدث باسم".to_string()),
        Just("قال إن".to_string()),
        Just(" said ".to_string()),
        Just("گفت:".to_string()),
        Just("“".to_string()),
        Just("'".to_string()),
        "[a-zA-Z]{1,4}",
        "[\u{0621}-\u{064A}]{1,3}",
    ]
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let doc = Document {
        id: "t".into(),
        text: text.to_string(),
        encoding: "utf-8",
        status: Status::Ok,
        ..Default::default()
    };
    // Claims and relations run too: no input may make any stage panic.
    let r = pipeline().process(doc);
    for c in &r.claims {
        prop_assert!(
            c.cue.end <= text.len() && c.content.start <= c.content.end && c.content.end <= text.len()
        );
        prop_assert!(text.is_char_boundary(c.content.start) && text.is_char_boundary(c.content.end));
    }
    let mut last_end = 0;
    for m in &r.mentions {
        let (s, e) = (m.span.start, m.span.end);
        prop_assert!(s < e && e <= text.len());
        prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        prop_assert!(s >= last_end, "mentions overlap in {text:?}");
        last_end = e;
        let before = text[..s].chars().next_back();
        let after = text[e..].chars().next();
        let first = text[s..e].chars().next().unwrap();
        let last = text[s..e].chars().next_back().unwrap();
        if is_orig_word_char(first) {
            prop_assert!(
                !before.is_some_and(is_orig_word_char),
                "{:?} starts inside a word in {text:?}",
                &text[s..e]
            );
        }
        if is_orig_word_char(last) {
            prop_assert!(
                !after.is_some_and(is_orig_word_char),
                "{:?} ends inside a word in {text:?}",
                &text[s..e]
            );
        }
        if m.label != Label::Money {
            prop_assert!(
                is_orig_word_char(first) && is_orig_word_char(last) || last == '.',
                "{:?}",
                &text[s..e]
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn spans_are_exact_and_on_word_boundaries(parts in proptest::collection::vec(piece(), 1..24)) {
        check(&parts.concat())?;
    }

    #[test]
    fn arbitrary_text_never_breaks_offsets(text in "\\PC{0,80}") {
        check(&text)?;
    }
}
