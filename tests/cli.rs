//! End-to-end runs of the binary: exit codes, one-line errors naming file and line, bad input
//! as error rows, nothing half-written.

use crate::util::{Workdir, stderr};

#[test]
fn bad_documents_become_error_rows_and_the_run_goes_on() {
    let wd = Workdir::new();
    wd.create("in/good.txt", "قالت إيران الجمعة إن الاتهامات سخيفة.");
    wd.create("in/empty.txt", "");
    wd.create("in/binary.txt", b"\x00\x01\x02PNG");
    wd.create("in/latin1.txt", b"caf\xe9 \xe9t\xe9 cr\xe8me");
    wd.create("in/sub/cp1256.TXT", encoding_rs::WINDOWS_1256.encode("وصفت إيران الاتهامات بالسخيفة").0);
    wd.create("in/skip.md", "not a document");
    let o = wd.run(&["extract", "in", "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = wd.read_csv("out/documents.csv");
    let ids: Vec<&str> = docs.iter().map(|r| r["doc_id"].as_str()).collect();
    assert_eq!(ids, vec!["binary.txt", "empty.txt", "good.txt", "latin1.txt", "sub/cp1256.TXT"]);
    let by = |id: &str| docs.iter().find(|r| r["doc_id"] == id).unwrap();
    assert_eq!(by("empty.txt")["status"], "empty");
    assert_eq!(by("binary.txt")["status"], "error");
    assert!(by("binary.txt")["error"].contains("binary"));
    assert_eq!(by("latin1.txt")["status"], "error");
    assert!(by("latin1.txt")["error"].contains("invalid UTF-8"));
    assert_eq!(by("sub/cp1256.TXT")["encoding"], "windows-1256");
    assert_eq!(by("good.txt")["lang"], "ar");
    // --strict turns a failed document into exit code 1.
    let o = wd.run(&["extract", "in", "--out", "out2", "--strict"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn no_documents_is_exit_2_and_writes_nothing() {
    let wd = Workdir::new();
    wd.create("in/readme.md", "x");
    let o = wd.run(&["extract", "in", "--out", "out"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no .txt document found under in"), "{}", stderr(&o));
    assert!(!wd.path().join("out/entities.csv").exists());
    let o = wd.run(&["extract", "missing", "--out", "out"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing"), "{}", stderr(&o));
}

#[test]
fn bad_gazetteer_row_names_file_and_line() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "Iran");
    wd.create("gaz/extra.tsv", "entity_id\tcanonical\tlabel\tlang\talias\tflags\nx\tX\tBOGUS\ten\tfoo\t\n");
    let o = wd.run(&["extract", "in", "--out", "out", "--gazetteers", "gaz"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("extra.tsv:2: unknown label 'BOGUS'"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
}

#[test]
fn bad_rule_regex_names_file_and_line() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "Iran");
    wd.create("rules/patterns_extra.tsv", "name\tlabel\tpattern\nbroken\tDATE\t(\\d+\n");
    let o = wd.run(&["extract", "in", "--out", "out", "--rules", "rules"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("patterns_extra.tsv:2: invalid regex in rule 'broken'"), "{}", stderr(&o));
}

#[test]
fn user_gazetteer_adds_entities() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "وقال زيد الخيال إن الأمر انتهى.");
    wd.create("gaz/mine.tsv", "entity_id\tcanonical\tlabel\tlang\talias\tflags\nzaid_khayal\tZaid Khayal\tPERSON\tar\tزيد الخيال\t\n");
    let o = wd.run(&["extract", "in", "--out", "out", "--gazetteers", "gaz"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ents = wd.read_csv("out/entities.csv");
    let e = ents.iter().find(|r| r["entity_id"] == "zaid_khayal").expect("user alias matched");
    assert_eq!(e["text"], "زيد الخيال");
    assert_eq!(e["source"], "gazetteer:mine.tsv");
}

#[test]
fn output_is_identical_for_any_jobs() {
    let wd = Workdir::new();
    for i in 0..30 {
        wd.create(
            &format!("in/{i:02}.txt"),
            format!("قالت إيران والصين في {i} أيار/مايو 2018 إن ترامب زار طهران."),
        );
    }
    let a = wd.run(&["extract", "in", "--out", "o1", "--jobs", "1"]);
    let b = wd.run(&["extract", "in", "--out", "o2", "--jobs", "2"]);
    assert!(a.status.success() && b.status.success());
    for t in ["documents", "entities", "relations", "claims"] {
        let x = std::fs::read(wd.path().join(format!("o1/{t}.csv"))).unwrap();
        let y = std::fs::read(wd.path().join(format!("o2/{t}.csv"))).unwrap();
        assert_eq!(x, y, "{t}.csv differs between --jobs 1 and 2");
    }
}

#[test]
fn unwritable_output_is_an_error_and_leaves_no_table() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "إيران");
    wd.create("blocker", "a file where the output folder should be");
    let o = wd.run(&["extract", "in", "--out", "blocker/out"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("blocker"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_reported_not_fatal() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "إيران");
    std::os::unix::fs::symlink(wd.path().join("in"), wd.path().join("in/loop")).unwrap();
    let o = wd.run(&["extract", "in", "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = wd.read_csv("out/documents.csv");
    assert!(docs.iter().any(|r| r["doc_id"] == "a.txt" && r["status"] == "ok"));
    assert!(docs.iter().any(|r| r["status"] == "error" && r["error"].contains("loop")), "{docs:?}");
}

#[test]
fn output_is_identical_for_any_chunk_and_jobs() {
    let wd = Workdir::new();
    // Sub-folders and a second input path: chunks must still come out in doc_id order.
    for i in 0..23 {
        let dir = if i % 3 == 0 { "in/b" } else { "in/a" };
        wd.create(
            &format!("{dir}/{i:02}.txt"),
            format!("قالت إيران والصين في {i} أيار/مايو 2018 إن ترامب زار طهران. Microsoft said Iran lied."),
        );
    }
    wd.create("more/00.txt", "گفت سخنگوی وزارت امور خارجه ایران که آمریکا دروغ می‌گوید.");
    wd.create("in/empty.txt", "");
    let run = |out: &str, extra: &[&str]| {
        let mut args = vec!["extract", "in", "more", "--out", out, "-q"];
        args.extend_from_slice(extra);
        let o = wd.run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
    };
    run("base", &["--jobs", "1"]);
    let configs: [&[&str]; 5] = [
        &["--jobs", "2"],
        &["--jobs", "1", "--chunk", "1"],
        &["--jobs", "2", "--chunk", "1"],
        &["--jobs", "1", "--chunk", "7"],
        &["--jobs", "2", "--chunk", "7"],
    ];
    for (n, extra) in configs.iter().enumerate() {
        let out = format!("o{n}");
        run(&out, extra);
        for t in ["documents", "entities", "relations", "claims"] {
            let x = std::fs::read(wd.path().join(format!("base/{t}.csv"))).unwrap();
            let y = std::fs::read(wd.path().join(format!("{out}/{t}.csv"))).unwrap();
            assert_eq!(x, y, "{t}.csv differs with {extra:?}");
        }
        let tmp: Vec<_> = std::fs::read_dir(wd.path().join(&out))
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(tmp.is_empty(), "temporary files left: {tmp:?}");
    }
    let docs = wd.read_csv("base/documents.csv");
    let ids: Vec<&str> = docs.iter().map(|r| r["doc_id"].as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "documents sorted by doc_id across input paths");
    assert_eq!(ids.len(), 25);
    let o = wd.run(&["extract", "in", "--out", "x", "--chunk", "0"]);
    assert_eq!(o.status.code(), Some(2), "--chunk 0 is a usage error");
}

#[test]
fn oversized_file_is_an_error_row() {
    let wd = Workdir::new();
    wd.create("in/small.txt", "إيران");
    wd.create("in/big.txt", "إيران ".repeat(200_000));
    let o = wd.run(&["extract", "in", "--out", "out", "--max-mb", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = wd.read_csv("out/documents.csv");
    let big = docs.iter().find(|r| r["doc_id"] == "big.txt").unwrap();
    assert_eq!(big["status"], "error");
    assert!(big["error"].contains("--max-mb"), "{}", big["error"]);
    assert!(docs.iter().any(|r| r["doc_id"] == "small.txt" && r["status"] == "ok"));
}

// See: issue #14 item 2.
#[test]
fn doc_ids_are_unique_across_paths_and_pages_show_their_own_article() {
    let wd = Workdir::new();
    wd.create("one/x.txt", "Iran denied the zebra report.");
    wd.create("two/x.txt", "Microsoft said the walrus lied.");
    wd.create("two/y.txt", "Israel said nothing.");
    let o = wd.run(&["extract", "one", "two", "two", "two/y.txt", "--out", "out", "--html", "html", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = wd.read_csv("out/documents.csv");
    let ids: Vec<&str> = docs.iter().map(|r| r["doc_id"].as_str()).collect();
    assert_eq!(ids, ["one/x.txt", "two/x.txt", "two/y.txt"]);
    assert!(docs.iter().all(|r| r["status"] == "ok"), "{docs:?}");
    for (id, mine, other) in [("one/x.txt", "zebra", "walrus"), ("two/x.txt", "walrus", "zebra")] {
        let index = std::fs::read_to_string(wd.path().join("html/index.html")).unwrap();
        let at = index.find(&format!("data-doc-id=\"{id}\"")).expect(id);
        let href = index[..at].rsplit("href=\"").next().unwrap().split('"').next().unwrap();
        let page = std::fs::read_to_string(wd.path().join("html").join(href)).unwrap();
        assert!(page.contains(mine) && !page.contains(other), "{id}: {href} shows another article");
    }
    // One folder: doc_ids as SCHEMA §1 has them.
    let o = wd.run(&["extract", "two", "--out", "single", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let ids: Vec<String> =
        wd.read_csv("single/documents.csv").into_iter().map(|r| r["doc_id"].clone()).collect();
    assert_eq!(ids, ["x.txt", "y.txt"]);
}

/// The names of the temporary files in `dir`.
fn tmp_files(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

// See: issue #14 item 3.
#[cfg(unix)]
#[test]
fn interrupted_runs_leave_no_temporary_tables() {
    use std::os::unix::process::ExitStatusExt;
    let wd = Workdir::new();
    wd.create("in/a.txt", "قالت إيران إن الاتهامات سخيفة.");
    // A named pipe nobody writes to: reading it blocks, so the run is caught mid-way.
    let fifo = wd.path().join("slow.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    wd.create("out/documents.csv", "an earlier run's complete table\n");
    for (signal, number) in [("INT", 2), ("TERM", 15)] {
        // A stale temporary table of a killed run, in another format: the run removes it.
        wd.create("out/claims.jsonl.tmp", "stale");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_isnad"))
            .args(["extract", "in", "slow.txt", "--out", "out", "-q"])
            .current_dir(wd.path())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("run isnad");
        let out = wd.path().join("out");
        crate::util::wait_until(&mut child, "writing its temporary tables", || {
            out.join("documents.csv.tmp").exists() && !out.join("claims.jsonl.tmp").exists()
        });
        let sent = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = child.wait().unwrap();
        assert!(!status.success(), "SIG{signal}: {status}");
        assert_eq!(status.signal(), Some(number), "SIG{signal}: ends as the signal would: {status}");
        assert_eq!(tmp_files(&out), Vec::<String>::new(), "SIG{signal}: temporary tables left");
        let old = std::fs::read_to_string(out.join("documents.csv")).unwrap();
        assert_eq!(old, "an earlier run's complete table\n", "SIG{signal}: the old table was touched");
    }
}

// See: issue #14 item 7: rule files that would be ignored are not ignored silently.
#[test]
fn rule_files_not_named_patterns_or_lexicon_are_reported() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "Iran");
    wd.create("rules/dates.tsv", "# my dates\nname\tlabel\tpattern\nbroken\tDATE\t(\\d+\n");
    let o = wd.run(&["extract", "in", "--out", "out", "--rules", "rules"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("dates.tsv:2: a patterns file that would be ignored"), "{err}");
    assert!(err.contains("rename it patterns_dates.tsv"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    std::fs::remove_file(wd.path().join("rules/dates.tsv")).unwrap();
    wd.create("rules/notes.tsv", "some\tnotes\n");
    let o = wd.run(&["extract", "in", "--out", "out", "--rules", "rules"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("notes.tsv: ignored: only patterns*.tsv and lexicon*.tsv are read"),
        "{}",
        stderr(&o)
    );
}

// See: issue #14 item 7: a dangling symlink named directly is a row, --jobs is capped, one
// error is "1 error", and error rows name no encoding.
#[cfg(unix)]
#[test]
fn small_hostile_cases_run_to_completion() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "قالت إيران إن الاتهامات سخيفة.");
    std::os::unix::fs::symlink(wd.path().join("nowhere.txt"), wd.path().join("gone.txt")).unwrap();
    let o = wd.run(&["extract", "in", "gone.txt", "--out", "out", "--jobs", "100000"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("--jobs 100000 is more than this machine uses well"), "{err}");
    assert!(err.contains("1 documents ok, 0 empty, 1 error;"), "{err}");
    let docs = wd.read_csv("out/documents.csv");
    let gone = docs.iter().find(|r| r["doc_id"] == "gone.txt").expect("a row for the dangling link");
    assert_eq!(gone["status"], "error");
    assert!(gone["error"].starts_with("dangling symbolic link"), "{}", gone["error"]);
    assert_eq!(gone["encoding"], "");
    assert_eq!(docs.iter().find(|r| r["doc_id"] == "a.txt").unwrap()["encoding"], "utf-8");
}

// See: issue #14 item 7: the README's sample rows are rows the README's first command writes.
#[test]
fn readme_samples_are_rows_of_the_first_command() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let section =
        readme.split("## Tables (samples from the first command)").nth(1).expect("the samples section");
    let section = section.split("\n## ").next().unwrap();
    let wd = Workdir::new();
    let o = wd.run(&["extract", root.join("fixtures/articles").to_str().unwrap(), "--out", "out", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut checked = 0;
    for table in ["documents", "entities", "relations", "claims"] {
        let at = section.find(&format!("`{table}.csv`")).unwrap_or_else(|| panic!("no {table} sample"));
        let block = section[at..].split("```").nth(1).unwrap();
        let written = std::fs::read_to_string(wd.path().join(format!("out/{table}.csv"))).unwrap();
        let lines: std::collections::HashSet<&str> = written.lines().collect();
        for row in block.lines().filter(|l| !l.trim().is_empty()) {
            assert!(
                lines.contains(row),
                "README {table}.csv sample is not a row the first command writes:\n{row}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 8, "{checked} sample lines");
}

/// `entities.csv` ends with a `calendar` column: the calendar a DATE is written in, its
/// `canonical` Gregorian. See: issue #14, item 6.
#[test]
fn dates_of_every_calendar_are_gregorian_with_their_calendar_column() {
    let wd = Workdir::new();
    wd.create("in/fa.txt", "ایران روز ۱۳ بهمن ۱۴۰۲ و در آذر ۱۴۰۲ و سه‌شنبه گفت.\nروز سه‌شنبه ۲۸ آذر ۱۴۰۲ بود.");
    wd.create("in/ar.txt", "قالت إيران في 1 رمضان 1445 هـ وفي 5 مايو 2024 إن ذلك كذب.");
    let o = wd.run(&["extract", "in", "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let header = std::fs::read_to_string(wd.path().join("out/entities.csv")).unwrap();
    assert!(header.lines().next().unwrap().ends_with(",sentence,calendar"), "{header}");
    let rows = wd.read_csv("out/entities.csv");
    let got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|r| (r["text"].as_str(), r["label"].as_str(), r["canonical"].as_str(), r["calendar"].as_str()))
        .collect();
    for want in [
        ("1 رمضان 1445", "DATE", "2024-03-11", "hijri"),
        ("5 مايو 2024", "DATE", "2024-05-05", "gregorian"),
        ("۱۳ بهمن ۱۴۰۲", "DATE", "2024-02-02", "solar_hijri"),
        ("آذر ۱۴۰۲", "DATE", "2023-12", "solar_hijri"),
        ("سه‌شنبه", "DATE", "", ""),
        // A weekday joined to its date takes the date's value and calendar.
        ("سه‌شنبه ۲۸ آذر ۱۴۰۲", "DATE", "2023-12-19", "solar_hijri"),
        ("إيران", "GPE", "Iran", ""),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
}
