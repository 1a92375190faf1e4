//! Claim groups (issue #11 items 2 and 6): `claim_groups.csv` and the `group_id` column,
//! `isnad group OUT_DIR` (the same result as `extract`, also after `--stdin-jsonl`), the same
//! bytes for any `--jobs` and `--chunk`, and `isnad eval --groups`.

use std::path::Path;

use crate::util::{Workdir, run_stdin, stderr};

/// Invented articles: one accusation carried by two dated reports three days apart and an
/// undated one, the same accusation five years earlier, and the denial that answers it.
const CORPUS: [(&str, &str); 5] = [
    (
        "in/a.txt",
        "Microsoft accuses Iran\nAugust 9, 2024\nMicrosoft said Iranian hackers from Mint Sandstorm targeted the Trump campaign.\nIran denied the Microsoft report.\n",
    ),
    (
        "in/b.txt",
        "Tehran rejects claims\nAugust 12, 2024\nIran denied the Microsoft report on Mint Sandstorm.\nMicrosoft said Iranian hackers from Mint Sandstorm targeted the Trump campaign.\n",
    ),
    (
        "in/sub/c.txt",
        "Old story\nMarch 3, 2019\nMicrosoft said Iranian hackers from Mint Sandstorm targeted the Trump campaign.\n",
    ),
    (
        "in/sub/d.txt",
        "Undated\nMicrosoft said Iranian hackers from Mint Sandstorm targeted the Trump campaign.\n",
    ),
    ("in/e.txt", "قالت إيران والصين في 5 أيار/مايو 2018 إن ترامب زار طهران. Microsoft said Iran lied.\n"),
];

fn corpus(wd: &Workdir) {
    for (path, text) in CORPUS {
        wd.create(path, text);
    }
}

fn run_ok(wd: &Workdir, args: &[&str]) {
    let o = wd.run(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
}

fn read(wd: &Workdir, rel: &str) -> Vec<u8> {
    std::fs::read(wd.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn tmp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

// See: issue #11 item 2: what the groups say of the invented corpus.
#[test]
fn claim_groups_of_an_invented_corpus() {
    let wd = Workdir::new();
    corpus(&wd);
    run_ok(&wd, &["extract", "in", "--out", "out", "-q"]);
    let groups = wd.read_csv("out/claim_groups.csv");
    let header = std::fs::read_to_string(wd.path().join("out/claim_groups.csv")).unwrap();
    assert!(header.starts_with(
        "group_id,speaker_entity_id,stance,targets,first_doc,first_date,documents,languages,claims,responds_to\n"
    ));
    let accuse = groups
        .iter()
        .find(|g| g["speaker_entity_id"] == "microsoft" && g["documents"].contains("a.txt"))
        .expect("Microsoft's accusation");
    assert_eq!(accuse["stance"], "ACCUSE");
    // The two August reports and the undated one; not the 2019 report.
    assert_eq!(accuse["documents"], "a.txt;b.txt;sub/d.txt");
    assert_eq!((accuse["first_doc"].as_str(), accuse["first_date"].as_str()), ("a.txt", "2024-08-09"));
    assert_eq!(accuse["languages"], "en");
    let deny = groups.iter().find(|g| g["speaker_entity_id"] == "iran" && g["stance"] == "DENY").unwrap();
    assert_eq!(deny["documents"], "a.txt;b.txt");
    assert_eq!(deny["responds_to"], accuse["group_id"]);
    // Every claim names its group, the last column of claims.csv.
    let claims_text = std::fs::read_to_string(wd.path().join("out/claims.csv")).unwrap();
    assert!(claims_text.lines().next().unwrap().ends_with(",speaker_person_id,group_id"));
    let claims = wd.read_csv("out/claims.csv");
    let ids: std::collections::BTreeSet<&str> = groups.iter().map(|g| g["group_id"].as_str()).collect();
    assert!(claims.iter().all(|c| ids.contains(c["group_id"].as_str())), "{claims:?}");
    let total: usize = groups.iter().map(|g| g["claims"].parse::<usize>().unwrap()).sum();
    assert_eq!(total, claims.len());
    assert!(tmp_files(&wd.path().join("out")).is_empty());
}

// See: issue #11 item 6: `isnad group` recomputes what `extract` wrote, in every format.
#[test]
fn group_gives_what_extract_gives() {
    let wd = Workdir::new();
    corpus(&wd);
    for (out, flags) in
        [("plain", &[][..]), ("excel", &["--excel"][..]), ("jsonl", &["--format", "jsonl"][..])]
    {
        let mut args = vec!["extract", "in", "--out", out, "-q"];
        args.extend(flags);
        run_ok(&wd, &args);
        let ext = if out == "jsonl" { "jsonl" } else { "csv" };
        let claims = read(&wd, &format!("{out}/claims.{ext}"));
        let groups = read(&wd, &format!("{out}/claim_groups.{ext}"));
        let package = (ext == "csv").then(|| read(&wd, &format!("{out}/datapackage.json")));
        // Again on the finished folder: nothing changes.
        run_ok(&wd, &["group", out, "-q"]);
        assert_eq!(read(&wd, &format!("{out}/claims.{ext}")), claims, "{out}: regrouped claims");
        assert_eq!(read(&wd, &format!("{out}/claim_groups.{ext}")), groups, "{out}: regrouped groups");
        // From the four tables alone: no claim_groups, claims without their group_id.
        std::fs::remove_file(wd.path().join(format!("{out}/claim_groups.{ext}"))).unwrap();
        let stripped = strip_group_id(&String::from_utf8(claims.clone()).unwrap(), ext);
        wd.create(&format!("{out}/claims.{ext}"), stripped);
        run_ok(&wd, &["group", out, "-q"]);
        assert_eq!(read(&wd, &format!("{out}/claims.{ext}")), claims, "{out}: claims");
        assert_eq!(read(&wd, &format!("{out}/claim_groups.{ext}")), groups, "{out}: groups");
        if let Some(p) = package {
            assert_eq!(read(&wd, &format!("{out}/datapackage.json")), p, "{out}: datapackage.json");
        }
        assert!(tmp_files(&wd.path().join(out)).is_empty(), "{out}");
    }
}

/// A claims table without its last column, `group_id` (CSV), or field (JSON Lines).
fn strip_group_id(text: &str, ext: &str) -> String {
    let crlf = text.contains("\r\n");
    let lines: Vec<String> = text
        .split_inclusive('\n')
        .map(|l| {
            let end = if crlf { "\r\n" } else { "\n" };
            let body = l.trim_end_matches(['\r', '\n']);
            let cut = if ext == "jsonl" {
                format!("{}}}", &body[..body.rfind(",\"group_id\"").unwrap()])
            } else {
                body[..body.rfind(',').unwrap()].to_string()
            };
            format!("{cut}{end}")
        })
        .collect();
    lines.concat()
}

// See: issue #11 item 6: after --stdin-jsonl (rows split by table, as a cluster job writes
// them), `isnad group` gives the groups `extract` gives.
#[test]
fn group_after_stdin_jsonl_equals_extract() {
    let wd = Workdir::new();
    corpus(&wd);
    run_ok(&wd, &["extract", "in", "--out", "files", "--format", "jsonl", "-q"]);
    let mut input = String::new();
    let mut ids: Vec<(&str, &str)> =
        CORPUS.iter().map(|(p, t)| (p.strip_prefix("in/").unwrap(), *t)).collect();
    ids.sort();
    for (id, text) in ids {
        input.push_str(&serde_json::json!({ "doc_id": id, "text": text }).to_string());
        input.push('\n');
    }
    let o = run_stdin(["extract", "--stdin-jsonl", "--jobs", "2", "--chunk", "1", "-q"], &input);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut tables: std::collections::BTreeMap<String, String> = Default::default();
    for line in String::from_utf8(o.stdout).unwrap().lines() {
        let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
        let table = v.as_object_mut().unwrap().remove("table").unwrap();
        let t = tables.entry(table.as_str().unwrap().to_string()).or_default();
        t.push_str(&v.to_string());
        t.push('\n');
    }
    for (name, rows) in &tables {
        wd.create(&format!("stream/{name}.jsonl"), rows);
    }
    run_ok(&wd, &["group", "stream", "-q"]);
    assert_eq!(read(&wd, "stream/claim_groups.jsonl"), read(&wd, "files/claim_groups.jsonl"));
    let group_ids = |rel: &str| -> Vec<String> {
        std::fs::read_to_string(wd.path().join(rel))
            .unwrap()
            .lines()
            .map(|l| {
                serde_json::from_str::<serde_json::Value>(l).unwrap()["group_id"].as_str().unwrap().into()
            })
            .collect()
    };
    let ids = group_ids("stream/claims.jsonl");
    assert!(!ids.is_empty());
    assert_eq!(ids, group_ids("files/claims.jsonl"));
}

// See: issue #11 item 6: byte-identical groups for any --jobs and --chunk.
#[test]
fn groups_are_identical_for_any_jobs_and_chunk() {
    let wd = Workdir::new();
    corpus(&wd);
    for i in 0..9 {
        wd.create(
            &format!("in/more/{i:02}.txt"),
            format!("Report {i}\nAugust {}, 2024\nMicrosoft said Iranian hackers from Mint Sandstorm targeted the Trump campaign.\nIran denied the Microsoft report.\n", 10 + i),
        );
    }
    run_ok(&wd, &["extract", "in", "--out", "base", "-q", "--jobs", "1"]);
    for (n, extra) in
        [&["--jobs", "3"][..], &["--jobs", "2", "--chunk", "1"], &["--jobs", "1", "--chunk", "4"]]
            .iter()
            .enumerate()
    {
        let out = format!("o{n}");
        let mut args = vec!["extract", "in", "--out", out.as_str(), "-q"];
        args.extend(*extra);
        run_ok(&wd, &args);
        for t in ["claims.csv", "claim_groups.csv", "datapackage.json"] {
            assert_eq!(
                read(&wd, &format!("base/{t}")),
                read(&wd, &format!("{out}/{t}")),
                "{t} with {extra:?}"
            );
        }
    }
    let groups = wd.read_csv("base/claim_groups.csv");
    assert!(groups.iter().any(|g| g["documents"].split(';').count() >= 9), "{groups:?}");
}

// See: issue #11 item 6: errors name the table; a failed `isnad group` changes nothing.
#[test]
fn group_errors_are_one_line_and_leave_the_tables() {
    let wd = Workdir::new();
    let o = wd.run(&["group", "nowhere"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nowhere is not a folder of isnad tables"), "{}", stderr(&o));
    wd.create("empty/x.txt", "");
    let o = wd.run(&["group", "empty"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no documents table"), "{}", stderr(&o));

    corpus(&wd);
    run_ok(&wd, &["extract", "in", "--out", "out", "-q"]);
    let before = read(&wd, "out/claim_groups.csv");
    // Row 2's cue_start is not a number.
    let claims = std::fs::read_to_string(wd.path().join("out/claims.csv")).unwrap();
    let mut lines: Vec<String> = claims.lines().map(str::to_string).collect();
    let row: Vec<String> = lines[1]
        .split(',')
        .enumerate()
        .map(|(i, c)| if i == 2 { "x".into() } else { c.to_string() })
        .collect();
    lines[1] = row.join(",");
    wd.create("out/claims.csv", lines.join("\n") + "\n");
    let o = wd.run(&["group", "out"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("claims.csv:2: column 'cue_start'"), "{}", stderr(&o));
    assert_eq!(read(&wd, "out/claim_groups.csv"), before);
    assert!(tmp_files(&wd.path().join("out")).is_empty());
}

// See: issue #11 item 2: `isnad eval --groups` scores pairs of matched claims.
#[test]
fn eval_groups_scores_pairs_of_matched_claims() {
    let wd = Workdir::new();
    corpus(&wd);
    run_ok(&wd, &["extract", "in", "--out", "out", "-q"]);
    // Gold: the predicted claims themselves, grouped by hand.
    let claims = wd.read_csv("out/claims.csv");
    let mut gold = String::from("doc_id,cue_start,cue_end,cue,stance,speaker_entity_id,claim_id\n");
    let mut groups = String::from("doc_id,claim_id,group\n");
    for c in &claims {
        gold.push_str(&format!(
            "{},{},{},x,{},{},{}\n",
            c["doc_id"], c["cue_start"], c["cue_end"], c["stance"], c["speaker_entity_id"], c["claim_id"]
        ));
        // One gold group per (speaker, stance): the 2019 report joins the 2024 ones.
        groups.push_str(&format!(
            "{},{},{}/{}\n",
            c["doc_id"], c["claim_id"], c["speaker_entity_id"], c["stance"]
        ));
    }
    wd.create("gold/claims.csv", gold);
    wd.create("gold/entities.csv", "doc_id,start,end,text,label,entity_id\n");
    wd.create("groups.csv", &groups);
    let o = wd.run(&["eval", "--gold", "gold", "--pred", "out", "--groups", "groups.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let line = out.lines().find(|l| l.starts_with("pairs")).expect("a pairs line");
    let cells: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(cells[1], "1.000", "{out}");
    assert!(cells[2] != "1.000", "the 2019 report is its own group: recall < 1\n{out}");
    // A gold claim without a group is an error naming it.
    wd.create("groups.csv", groups.lines().take(2).collect::<Vec<_>>().join("\n") + "\n");
    let o = wd.run(&["eval", "--gold", "gold", "--pred", "out", "--groups", "groups.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("has no group in groups.csv"), "{}", stderr(&o));
}

// See: issue #11 item 2: the fixtures' grouping against their gold grouping, held to a floor a
// little under today's numbers (pairs F1 0.470, responds_to links F1 0.303).
#[test]
fn fixture_grouping_floor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let wd = Workdir::new();
    run_ok(&wd, &["extract", root.join("fixtures/articles").to_str().unwrap(), "--out", "out", "-q"]);
    let gold = root.join("fixtures/gold");
    let groups = gold.join("claim_groups_gold.csv");
    let s = isnad::groups::score::score(&gold.join("claims.csv"), &wd.path().join("out/claims.csv"), &groups)
        .unwrap();
    assert!(s.pairs.f1() >= 0.45, "pairs {:?} F1 {:.3}", s.pairs, s.pairs.f1());
    // Session 14: blind rounds 12-14 joined, their groups within articles only
    // (cross-document 0.449 with round 12, 0.438 with all three).
    assert!(s.cross_document.f1() >= 0.43, "cross-document F1 {:.3}", s.cross_document.f1());
    let r = s.responds_to.expect("the fixtures' gold has responds_to");
    assert!(r.f1() >= 0.28, "responds_to {r:?} F1 {:.3}", r.f1());
}
