//! The story across articles (issue #11): document dates (`date`, `date_source`, `--dates`,
//! the `date` field of `--stdin-jsonl`), dated roles (`speaker_person_id`) and the STIX 2.1
//! export.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::util::{Workdir, stderr};

const AR: &str = "طهران تنفي\n\nطهران - 25 أيلول 2020 - قال المتحدث باسم الخارجية الإيرانية إن الاتهامات الأمريكية \"لا أساس لها\".\n";
const EN: &str = "Iran rejects claims\nMicrosoft said on Friday that a spokesperson for the Iranian Foreign Ministry called the accusations baseless.\n";

// See: issue #11 items 1 and 3.
#[test]
fn dates_from_text_and_from_dates_file_and_the_spokesman_they_give() {
    let wd = Workdir::new();
    wd.create("in/ar.txt", AR);
    wd.create("in/en.txt", EN);
    wd.create("in/none.txt", EN);
    let o = wd.run(&["extract", "in", "--out", "out", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = wd.read_csv("out/documents.csv");
    let by = |id: &str| docs.iter().find(|r| r["doc_id"] == id).unwrap().clone();
    assert_eq!(
        (by("ar.txt")["date"].as_str(), by("ar.txt")["date_source"].as_str()),
        ("2020-09-25", "dateline")
    );
    assert_eq!((by("en.txt")["date"].as_str(), by("en.txt")["date_source"].as_str()), ("", ""));
    let claims = wd.read_csv("out/claims.csv");
    let spokes: Vec<(&str, &str)> = claims
        .iter()
        .filter(|c| c["speaker_entity_id"] == "ministry_of_foreign_affairs_iran")
        .map(|c| (c["doc_id"].as_str(), c["speaker_person_id"].as_str()))
        .collect();
    assert!(spokes.contains(&("ar.txt", "saeed_khatibzadeh")), "{spokes:?}");
    assert!(spokes.contains(&("en.txt", "")), "no date, no person: {spokes:?}");

    // --dates overrides the text's date and gives one where the text has none.
    wd.create("dates.csv", "doc_id,date\nar.txt,2023-01\nen.txt,2024-10-01\nnone.txt,\n");
    let o = wd.run(&["extract", "in", "--out", "out2", "--dates", "dates.csv", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = wd.read_csv("out2/documents.csv");
    let cells: Vec<(&str, &str, &str)> =
        docs.iter().map(|r| (r["doc_id"].as_str(), r["date"].as_str(), r["date_source"].as_str())).collect();
    assert_eq!(
        cells,
        [("ar.txt", "2023-01", "input"), ("en.txt", "2024-10-01", "input"), ("none.txt", "", "")]
    );
    let claims = wd.read_csv("out2/claims.csv");
    let persons: Vec<(&str, &str)> = claims
        .iter()
        .filter(|c| c["speaker_entity_id"] == "ministry_of_foreign_affairs_iran")
        .map(|c| (c["doc_id"].as_str(), c["speaker_person_id"].as_str()))
        .collect();
    assert!(persons.contains(&("ar.txt", "nasser_kanaani")), "{persons:?}");
    assert!(persons.contains(&("en.txt", "esmaeil_baghaei")), "{persons:?}");

    // A bad row is a one-line error naming the file and line, exit 2, nothing written.
    wd.create("bad.csv", "doc_id,date\nar.txt,2024-01-01\nen.txt,5 Nov 2024\n");
    let o = wd.run(&["extract", "in", "--out", "out3", "--dates", "bad.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.csv:3: bad date '5 Nov 2024' for 'en.txt'"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!wd.path().join("out3/documents.csv").exists());
}

// See: issue #11 item 1: a `date` field of --stdin-jsonl, overridden by --dates.
#[test]
fn jsonl_input_dates() {
    let wd = Workdir::new();
    wd.create("dates.csv", "doc_id,date\nb.txt,2019\n");
    let input = [
        serde_json::json!({"doc_id": "a.txt", "text": EN, "date": "2020-09-25T08:00:00Z"}),
        serde_json::json!({"doc_id": "b.txt", "text": EN, "date": "2020-09-25"}),
        serde_json::json!({"doc_id": "c.txt", "text": AR}),
        serde_json::json!({"doc_id": "d.txt", "text": EN, "date": "last Tuesday"}),
    ]
    .iter()
    .map(|v| v.to_string() + "\n")
    .collect::<String>();
    let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["extract", "--stdin-jsonl", "--dates"])
        .arg(wd.path().join("dates.csv"))
        .arg("-q")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run isnad");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let docs: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|r| r["table"] == "documents")
        .collect();
    let cells: Vec<(&str, &str, &str)> = docs
        .iter()
        .map(|r| {
            (r["doc_id"].as_str().unwrap(), r["date"].as_str().unwrap(), r["date_source"].as_str().unwrap())
        })
        .collect();
    assert_eq!(
        cells,
        [
            ("a.txt", "2020-09-25", "input"),
            ("b.txt", "2019", "input"),
            ("c.txt", "2020-09-25", "dateline"),
            ("d.txt", "", ""),
        ]
    );
    assert_eq!(docs[3]["status"], "error");
    assert!(docs[3]["error"].as_str().unwrap().contains("bad date 'last Tuesday'"), "{}", docs[3]);
}
