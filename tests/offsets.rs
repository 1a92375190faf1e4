//! Property tests: for any input, every mention the pipeline reports maps back to the original
//! text exactly and starts and ends on word boundaries (SCHEMA §2, §4).

use isnad::Pipeline;
use isnad::doc::{Document, Label, Status};
use isnad::normalize::{is_invisible, is_orig_word_char};
use isnad::output::{ClaimRow, DocumentRow, EntityRow, RelationRow, RowSink, doc_rows};
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
        Just("\u{200b}".to_string()),
        Just("\u{202b}".to_string()),
        Just("\u{202c}".to_string()),
        Just("\u{2067}".to_string()),
        Just("\u{2069}".to_string()),
        Just("\u{2060}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{200f}".to_string()),
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
    // No text cell of any table starts or ends with an invisible character, and every cell
    // with offsets is the text at them.
    let mut cells = Cells::default();
    doc_rows(&r, &mut cells).expect("rows render");
    let chars: Vec<char> = text.chars().collect();
    let at = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    for (name, cell) in &cells.text {
        prop_assert!(
            !cell.starts_with(is_invisible) && !cell.ends_with(is_invisible),
            "{name} cell {cell:?} has an invisible edge in {text:?}"
        );
    }
    for (cell, s, e) in &cells.spans {
        prop_assert_eq!(cell, &at(*s, *e), "a cell is not doc[start:end] in {:?}", text);
    }
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

/// The text cells of one document's rows, by column name, and the cells with offsets.
#[derive(Default)]
struct Cells {
    text: Vec<(&'static str, String)>,
    spans: Vec<(String, usize, usize)>,
}

impl RowSink for Cells {
    fn document(&mut self, row: &DocumentRow<'_>) -> isnad::error::Result<()> {
        self.text.push(("error", row.error.to_string()));
        Ok(())
    }
    fn entity(&mut self, row: &EntityRow<'_>) -> isnad::error::Result<()> {
        self.text.push(("text", row.text.to_string()));
        self.text.push(("canonical", row.canonical.to_string()));
        self.spans.push((row.text.to_string(), row.start, row.end));
        Ok(())
    }
    fn relation(&mut self, row: &RelationRow<'_>) -> isnad::error::Result<()> {
        for (name, cell) in [
            ("subject_text", row.subject_text),
            ("object_text", row.object_text),
            ("detail", row.detail),
            ("evidence", row.evidence),
        ] {
            self.text.push((name, cell.to_string()));
        }
        Ok(())
    }
    fn claim(&mut self, row: &ClaimRow<'_>) -> isnad::error::Result<()> {
        for (name, cell) in [("cue", row.cue), ("speaker_text", row.speaker_text), ("content", row.content)] {
            self.text.push((name, cell.to_string()));
        }
        self.spans.push((row.cue.to_string(), row.cue_start, row.cue_end));
        self.spans.push((row.content.to_string(), row.content_start, row.content_end));
        Ok(())
    }
}

/// Every invisible character, written inside (and at the edges of) a gazetteer name in a
/// phrase, leaves the name found with `text == doc[start:end]` and no invisible edge.
/// See: issue #14, item 5.
#[test]
fn invisible_characters_inside_names_match() {
    const INVISIBLES: [(char, &str); 15] = [
        ('\u{200B}', "ZWSP"),
        ('\u{202A}', "LRE"),
        ('\u{202B}', "RLE"),
        ('\u{202C}', "PDF"),
        ('\u{202D}', "LRO"),
        ('\u{202E}', "RLO"),
        ('\u{2066}', "LRI"),
        ('\u{2067}', "RLI"),
        ('\u{2068}', "FSI"),
        ('\u{2069}', "PDI"),
        ('\u{2060}', "WJ"),
        ('\u{FEFF}', "BOM"),
        ('\u{200F}', "RLM"),
        ('\u{200E}', "LRM"),
        ('\u{061C}', "ALM"),
    ];
    // {} is where the invisible character goes; each phrase names `id` once.
    const PHRASES: [(&str, &str); 8] = [
        ("وصل وفد من الولايات {}المتحدة أمس", "united_states"),
        ("وصل وفد من الولايات{} المتحدة أمس", "united_states"),
        ("وصل وفد من {}الولايات المتحدة{} أمس", "united_states"),
        ("هیئتی از ایالات {}متحده رسید", "united_states"),
        ("قال الحرس {}الثوري الإيراني إن", "islamic_revolutionary_guard_corps"),
        ("A note from the White {}House said", "white_house"),
        ("A note from the White{} House said", "white_house"),
        ("سخنگوی وزارت امور{} خارجه گفت", "ministry_of_foreign_affairs_iran"),
    ];
    let mut failures = Vec::new();
    for (c, name) in INVISIBLES {
        for (phrase, id) in PHRASES {
            let text = phrase.replace("{}", &c.to_string());
            let doc = Document {
                id: "t".into(),
                text: text.clone(),
                encoding: "utf-8",
                status: Status::Ok,
                ..Default::default()
            };
            let r = pipeline().process(doc);
            let Some(m) = r.mentions.iter().find(|m| m.entity_id == id) else {
                failures.push(format!("{name} in {phrase:?}: {id} not found"));
                continue;
            };
            let surface = &text[m.span.start..m.span.end];
            if surface.starts_with(is_invisible) || surface.ends_with(is_invisible) {
                failures.push(format!("{name} in {phrase:?}: span {surface:?} has an invisible edge"));
            }
            let mut cells = Cells::default();
            doc_rows(&r, &mut cells).expect("rows render");
            let chars: Vec<char> = text.chars().collect();
            for (cell, s, e) in &cells.spans {
                if *cell != chars[*s..*e].iter().collect::<String>() {
                    failures.push(format!("{name} in {phrase:?}: {cell:?} is not doc[{s}:{e}]"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases fail:\n{}", failures.len(), 15 * 8, failures.join("\n"));
}

/// A title, a quote and a sentence that start or end with invisible characters give cells
/// without them, and the quote's offsets shrink with it. See: issue #14, item 5.
#[test]
fn invisible_characters_are_trimmed_from_cell_edges() {
    let text = "وقال المتحدث باسم الخارجية الإيرانية سعيد خطيب زاده: \"\u{202B}إن الاتهامات باطلة\u{202C}\u{200F}\"\u{2069}.";
    let doc = Document {
        id: "t".into(),
        text: text.into(),
        encoding: "utf-8",
        status: Status::Ok,
        ..Default::default()
    };
    let r = pipeline().process(doc);
    let mut cells = Cells::default();
    doc_rows(&r, &mut cells).expect("rows render");
    let content: Vec<&String> = cells.text.iter().filter(|(n, _)| *n == "content").map(|(_, c)| c).collect();
    assert_eq!(content, ["إن الاتهامات باطلة"], "{:?}", cells.text);
    for (name, cell) in &cells.text {
        assert!(!cell.starts_with(is_invisible) && !cell.ends_with(is_invisible), "{name}: {cell:?}");
    }
    let chars: Vec<char> = text.chars().collect();
    for (cell, s, e) in &cells.spans {
        assert_eq!(*cell, chars[*s..*e].iter().collect::<String>());
    }
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
