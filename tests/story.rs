//! The story across articles (issue #11): document dates (`date`, `date_source`, `--dates`,
//! the `date` field of `--stdin-jsonl`), dated roles (`speaker_person_id`) and the STIX 2.1
//! export.

use crate::util::{Workdir, run_stdin, stderr};

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
    let dates = wd.path().join("dates.csv");
    let args = [
        std::ffi::OsStr::new("extract"),
        "--stdin-jsonl".as_ref(),
        "--dates".as_ref(),
        dates.as_os_str(),
        "-q".as_ref(),
    ];
    let o = run_stdin(args, &input);
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

/// Extracts three English fixtures into `out` and exports their bundle twice; returns the
/// bundle, parsed.
fn fixture_bundle(wd: &Workdir) -> serde_json::Value {
    for name in
        ["01_microsoft_iran_wire.txt", "06_wire_apt40_advisory.txt", "09_ap_style_treasury_china_hack.txt"]
    {
        let text = std::fs::read(format!("fixtures/articles/en/{name}")).unwrap();
        wd.create(&format!("in/{name}"), text);
    }
    let o = wd.run(&["extract", "in", "--out", "out", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = wd.run(&["export", "--stix", "out", "--out", "b1.json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = wd.run(&["export", "--stix", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let b1 = std::fs::read(wd.path().join("b1.json")).unwrap();
    assert!(b1 == o.stdout, "two exports of one corpus differ");
    assert!(!wd.path().join("b1.json.tmp").exists());
    serde_json::from_slice(&b1).unwrap()
}

// See: issue #11 item 4: byte-identical, every reference resolves, a note carries its claim.
#[test]
fn stix_export_is_deterministic_and_closed() {
    let wd = Workdir::new();
    let b = fixture_bundle(&wd);
    assert_eq!(b["type"], "bundle");
    let objects = b["objects"].as_array().unwrap();
    let ids: std::collections::HashSet<&str> = objects.iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), objects.len(), "ids repeat");
    let mut kinds = std::collections::BTreeMap::new();
    for o in objects {
        *kinds.entry(o["type"].as_str().unwrap()).or_insert(0) += 1;
        for key in ["source_ref", "target_ref", "created_by_ref"] {
            if let Some(r) = o[key].as_str() {
                assert!(ids.contains(r), "{key} {r} of {} resolves to nothing", o["id"]);
            }
        }
        for r in o["object_refs"].as_array().into_iter().flatten() {
            assert!(ids.contains(r.as_str().unwrap()), "object_ref {r} of {} resolves to nothing", o["id"]);
        }
        for (k, _) in o.as_object().unwrap() {
            let custom = !["type", "spec_version", "id", "created", "modified"].contains(&k.as_str())
                && k.starts_with("x_");
            assert!(!custom || k.starts_with("x_isnad_"), "custom property {k}");
        }
    }
    for t in ["identity", "intrusion-set", "location", "report", "relationship", "note"] {
        assert!(kinds.get(t).is_some_and(|n| *n > 0), "no {t}: {kinds:?}");
    }
    let rels: Vec<&str> = objects.iter().filter_map(|o| o["relationship_type"].as_str()).collect();
    assert!(rels.contains(&"targets"), "{rels:?}");

    // One claim of claims.csv, found as a note with its speaker, stance, cue and offsets.
    let claims = wd.read_csv("out/claims.csv");
    let c = &claims[0];
    let note = objects
        .iter()
        .find(|o| {
            o["type"] == "note"
                && o["x_isnad_doc_id"] == c["doc_id"].as_str()
                && o["x_isnad_claim_id"] == c["claim_id"].as_str()
        })
        .expect("the first claim has a note");
    for (col, prop) in [
        ("cue_start", "x_isnad_cue_start"),
        ("cue_end", "x_isnad_cue_end"),
        ("content_start", "x_isnad_content_start"),
        ("content_end", "x_isnad_content_end"),
    ] {
        assert_eq!(note[prop].as_u64().unwrap().to_string(), c[col], "{prop}");
    }
    assert_eq!(note["x_isnad_stance"], c["stance"].as_str());
    assert_eq!(note["x_isnad_cue"], c["cue"].as_str());
    assert_eq!(note["x_isnad_speaker_entity_id"], c["speaker_entity_id"].as_str());
    // A report's published date is its document's date, or the epoch.
    let docs = wd.read_csv("out/documents.csv");
    for o in objects.iter().filter(|o| o["type"] == "report") {
        let d = docs.iter().find(|d| d["doc_id"] == o["name"].as_str().unwrap()).unwrap();
        let published = o["published"].as_str().unwrap();
        if d["date"].is_empty() {
            assert_eq!(published, isnad::stix::EPOCH);
        } else {
            assert!(published.starts_with(&d["date"]), "{published} {}", d["date"]);
        }
    }
}

// See: issue #11 item 4: a bad table is a one-line error naming the file and line.
#[test]
fn stix_export_errors_name_file_and_line() {
    let wd = Workdir::new();
    wd.create("in/a.txt", EN);
    let o = wd.run(&["extract", "in", "--out", "out", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let claims = std::fs::read_to_string(wd.path().join("out/claims.csv")).unwrap();
    let mut lines: Vec<String> = claims.lines().map(String::from).collect();
    assert!(lines.len() > 1, "a claim to break");
    lines[1] = lines[1].replacen(",c1,", ",c1,x", 1);
    wd.create("out/claims.csv", lines.join("\n") + "\n");
    let o = wd.run(&["export", "--stix", "out"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("claims.csv:2: column 'cue_start'"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    let o = wd.run(&["export", "--stix", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("documents.csv: no documents table"), "{}", stderr(&o));
}

// See: issue #11 item 3b: roles.csv over the corpus, first and last date, sorted documents,
// the same for any --jobs and chunk size.
#[test]
fn roles_csv_over_an_invented_corpus() {
    let wd = Workdir::new();
    wd.create(
        "in/b.txt",
        "طهران تنفي\n\nطهران - 25 أيلول 2020 - قال المتحدث باسم الخارجية الإيرانية سعيد خطيب زاده إن الاتهامات الأمريكية \"لا أساس لها\".\n",
    );
    wd.create(
        "in/a.txt",
        "طهران ترد\n\nطهران - 3 آذار 2021 - قال المتحدث باسم الخارجية الإيرانية سعيد خطيب زاده إن التقرير \"كاذب\".\n",
    );
    wd.create("in/c.txt", EN);
    let o = wd.run(&["extract", "in", "--out", "out", "-q", "--jobs", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = wd.read_csv("out/roles.csv");
    let row =
        rows.iter().find(|r| r["person_entity_id"] == "saeed_khatibzadeh").expect("the spokesman's role");
    assert_eq!(row["body_entity_id"], "ministry_of_foreign_affairs_iran");
    assert_eq!(row["title"], "المتحدث باسم الخارجية الإيرانية");
    assert_eq!((row["first_date"].as_str(), row["last_date"].as_str()), ("2020-09-25", "2021-03-03"));
    assert_eq!((row["mentions"].as_str(), row["documents"].as_str()), ("2", "a.txt;b.txt"));
    let o = wd.run(&["extract", "in", "--out", "out2", "-q", "--jobs", "3", "--chunk", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let one = std::fs::read(wd.path().join("out/roles.csv")).unwrap();
    assert_eq!(one, std::fs::read(wd.path().join("out2/roles.csv")).unwrap());
    assert!(!wd.path().join("out/roles.csv.tmp").exists());
}
