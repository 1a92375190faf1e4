//! Analyst-facing output: spreadsheet-safe CSV (`--excel`), JSON Lines (`--format jsonl`) and
//! the HTML reading view (`extract --html`, `isnad report`).

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use crate::util::{Workdir, read_csv, stderr};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles");
const TABLES: [&str; 4] = ["documents", "entities", "relations", "claims"];

/// A gazetteer whose canonical names start like spreadsheet formulas, and an article naming them.
fn formula_corpus(wd: &Workdir) {
    wd.create(
        "gaz/zz_formulas.tsv",
        "entity_id\tcanonical\tlabel\tlang\talias\tflags\n\
         cmd_calc_a0\t=cmd|calc!A0\tORG\ten\tZorblax Industries\t\n\
         plus_org\t+Plus Org\tORG\ten\tQuuxcorp\t\n\
         minus_org\t-Minus Org\tORG\ten\tFrobnitz Labs\t\n\
         at_org\t@At Org\tORG\ten\tWibblewobble Group\t\n",
    );
    wd.create(
        "in/zz/formulas.txt",
        "Zorblax Industries said that Quuxcorp hacked Frobnitz Labs and Wibblewobble Group.\n\
         =HYPERLINK(\"http://example.com\") was the only line, according to Microsoft.\n",
    );
}

fn extract(wd: &Workdir, out: &str, extra: &[&str]) {
    let mut args = vec!["extract", FIXTURES, "in", "--gazetteers", "gaz", "--out", out, "-q"];
    args.extend_from_slice(extra);
    let o = wd.run(&args);
    assert!(o.status.success(), "isnad {args:?}: {}", stderr(&o));
}

fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn excel_is_bom_crlf_and_guarded_and_plain_is_rfc4180() {
    let wd = Workdir::new();
    formula_corpus(&wd);
    extract(&wd, "plain", &[]);
    extract(&wd, "excel", &["--excel"]);
    for table in TABLES {
        let plain = fs::read(wd.path().join(format!("plain/{table}.csv"))).unwrap();
        let excel = fs::read(wd.path().join(format!("excel/{table}.csv"))).unwrap();
        // Plain: no BOM, LF, and exactly what the default csv writer makes of its own rows.
        assert!(!plain.starts_with(b"\xEF\xBB\xBF"), "{table}");
        let plain_rows = records(&plain);
        let mut w = csv::Writer::from_writer(Vec::new());
        for r in &plain_rows {
            w.write_record(r).unwrap();
        }
        assert!(w.into_inner().unwrap() == plain, "{table}.csv is not plain RFC 4180 output");
        // Excel: BOM, CRLF after every record, the same cells with formula starts guarded.
        let body = excel.strip_prefix(b"\xEF\xBB\xBF").unwrap_or_else(|| panic!("{table}.csv: no BOM"));
        assert!(body.ends_with(b"\r\n"), "{table}");
        let excel_rows = records(body);
        assert!(body.windows(2).filter(|w| w == b"\r\n").count() >= excel_rows.len(), "{table}: CRLF");
        assert_eq!(excel_rows.len(), plain_rows.len(), "{table}");
        for (p, x) in plain_rows.iter().zip(&excel_rows) {
            assert_eq!(p.len(), x.len());
            for (pc, xc) in p.iter().zip(x) {
                match pc.chars().next() {
                    Some('=' | '+' | '-' | '@' | '\t' | '\r') => assert_eq!(xc, &format!("'{pc}"), "{table}"),
                    _ => assert_eq!(xc, pc, "{table}"),
                }
            }
        }
    }
    // The formula-like canonicals, verbatim without --excel and guarded with it.
    let canon = |dir: &str| -> Vec<String> {
        let ents = read_csv(&wd.path().join(format!("{dir}/entities.csv")));
        ents.iter().filter(|r| r["doc_id"] == "zz/formulas.txt").map(|r| r["canonical"].clone()).collect()
    };
    let plain = canon("plain");
    for want in ["=cmd|calc!A0", "+Plus Org", "-Minus Org", "@At Org"] {
        assert!(plain.iter().any(|c| c == want), "{want} missing from {plain:?}");
    }
    let excel = canon("excel");
    for want in ["'=cmd|calc!A0", "'+Plus Org", "'-Minus Org", "'@At Org"] {
        assert!(excel.iter().any(|c| c == want), "{want} missing from {excel:?}");
    }
    // TAB and CR starts are guarded too; other cells are left alone.
    assert_eq!(isnad::output::guard_formula("\tx"), "'\tx");
    assert_eq!(isnad::output::guard_formula("\rx"), "'\rx");
    assert_eq!(isnad::output::guard_formula("إيران"), "إيران");
    assert_eq!(isnad::output::guard_formula(""), "");
    // --excel with JSON Lines is a usage error.
    let o = wd.run(&["extract", "in", "--out", "x", "--excel", "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn jsonl_rows_equal_csv_rows() {
    let wd = Workdir::new();
    formula_corpus(&wd);
    extract(&wd, "csv", &[]);
    extract(&wd, "jsonl", &["--format", "jsonl"]);
    for table in TABLES {
        assert!(!wd.path().join(format!("jsonl/{table}.csv")).exists());
        let csv_path = wd.path().join(format!("csv/{table}.csv"));
        let header: Vec<String> = csv::Reader::from_path(&csv_path)
            .unwrap()
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        let rows = read_csv(&csv_path);
        let text = fs::read_to_string(wd.path().join(format!("jsonl/{table}.jsonl"))).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), rows.len(), "{table}");
        assert!(!rows.is_empty(), "{table}");
        for (line, row) in lines.iter().zip(&rows) {
            let obj: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line).unwrap();
            assert_eq!(obj.len(), header.len(), "{table}: {line}");
            // Same fields, in column order.
            let at: Vec<usize> = header.iter().map(|h| line.find(&format!("\"{h}\":")).unwrap()).collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{table}: field order in {line}");
            for h in &header {
                let got = match &obj[h] {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Number(n) => n.to_string(),
                    other => panic!("{table}.{h}: unexpected {other}"),
                };
                assert_eq!(&got, &row[h], "{table}.{h}");
            }
        }
    }
}

/// Page file of each document, from the index's `data-doc-id` links.
fn pages(html: &Path) -> HashMap<String, String> {
    let index = fs::read_to_string(html.join("index.html")).unwrap();
    let re = regex::Regex::new(r#"<a href="([^"]+)" data-doc-id="([^"]+)">"#).unwrap();
    re.captures_iter(&index).map(|c| (c[2].replace("&amp;", "&"), c[1].to_string())).collect()
}

#[test]
fn html_escapes_article_text() {
    let wd = Workdir::new();
    wd.create(
        "in/en/xss.txt",
        "Microsoft said <script>window.__pwned=1</script> that Iran targeted the campaign.\n\
         Iran denied it: \"<img src=x onerror=\"window.__pwned=1\"> is not ours.\"\n",
    );
    let o = wd.run(&["extract", "in", "--out", "out", "--html", "html", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pages = pages(&wd.path().join("html"));
    let page = fs::read_to_string(wd.path().join("html").join(&pages["en/xss.txt"])).unwrap();
    assert!(page.contains("&lt;script&gt;"), "{page}");
    // Marks may split the escaped text, never unescape it.
    let text = regex::Regex::new("<[^>]*>").unwrap().replace_all(&page, "");
    assert!(text.contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;"), "{text}");
    assert!(text.contains("&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;"), "{text}");
    // The page's own script is its only one; no element comes from the article.
    assert_eq!(page.matches("<script").count(), 1, "{page}");
    assert!(!page.contains("<img"), "{page}");
    // `isnad report` on the finished run writes the same pages.
    let o = wd.run(&["report", "out", "--docs", "in", "--html", "html2", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for name in pages.values().map(String::as_str).chain(["index.html"]) {
        let a = fs::read(wd.path().join("html").join(name)).unwrap();
        let b = fs::read(wd.path().join("html2").join(name)).unwrap();
        assert!(a == b, "{name} differs between extract --html and report");
    }
}

#[test]
fn every_mention_and_claim_is_marked_exactly_once() {
    let wd = Workdir::new();
    formula_corpus(&wd);
    extract(&wd, "plain", &["--html", "html"]);
    let html = wd.path().join("html");
    let pages = pages(&html);
    let docs = read_csv(&wd.path().join("plain/documents.csv"));
    assert_eq!(pages.len(), docs.len());
    let ents = read_csv(&wd.path().join("plain/entities.csv"));
    let claims = read_csv(&wd.path().join("plain/claims.csv"));
    let mut checked = 0;
    for d in &docs {
        let id = &d["doc_id"];
        let page = fs::read_to_string(html.join(&pages[id])).unwrap();
        let mine: Vec<_> = ents.iter().filter(|e| &e["doc_id"] == id).collect();
        for e in &mine {
            let n = page.matches(&format!("data-mention=\"{}\"", e["mention_id"])).count();
            assert_eq!(n, 1, "{id} {}", e["mention_id"]);
            checked += 1;
        }
        assert_eq!(page.matches("data-mention=\"").count(), mine.len(), "{id}");
        let mine: Vec<_> = claims.iter().filter(|c| &c["doc_id"] == id).collect();
        for c in &mine {
            let n = page.matches(&format!("data-claim=\"{}\"", c["claim_id"])).count();
            assert_eq!(n, 1, "{id} {}", c["claim_id"]);
        }
        assert_eq!(page.matches("data-claim=\"").count(), mine.len(), "{id}");
        let rtl = matches!(d["lang"].as_str(), "ar" | "fa");
        assert_eq!(page.contains("class=\"article\" dir=\"rtl\""), rtl, "{id}");
    }
    assert!(checked > 300, "only {checked} mentions checked");
    // The reading view reads spreadsheet-safe and JSON Lines tables back to the same pages.
    extract(&wd, "excel", &["--excel"]);
    extract(&wd, "jsonl", &["--format", "jsonl"]);
    for tables in ["excel", "jsonl"] {
        let out = format!("html_{tables}");
        let o = wd.run(&["report", tables, "--docs", FIXTURES, "--docs", "in", "--html", &out, "-q"]);
        assert!(o.status.success(), "{}", stderr(&o));
        for name in pages.values().map(String::as_str).chain(["index.html"]) {
            let a = fs::read_to_string(html.join(name)).unwrap();
            let b = fs::read_to_string(wd.path().join(&out).join(name)).unwrap();
            assert!(a == b, "{name}: the page from {tables} tables differs");
        }
    }
}

// See: issue #14 item 4: pages are written as their chunk is, not from the finished tables.
#[cfg(unix)]
#[test]
fn html_pages_are_written_as_their_chunk_is() {
    let wd = Workdir::new();
    wd.create("in/a.txt", "قالت إيران الجمعة إن الاتهامات سخيفة.");
    wd.create("in/b.txt", "Microsoft said Iranian hackers targeted the campaign.");
    // The last document is a named pipe: the run waits on it until the test writes to it.
    let fifo = wd.path().join("zz.txt");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["extract", "in", "zz.txt", "--out", "out", "--html", "html", "--chunk", "1", "-q"])
        .current_dir(wd.path())
        .spawn()
        .unwrap();
    // The first two pages appear while the run is still waiting for the third document.
    let html = wd.path().join("html");
    let page = |n: &str| html.join(n).exists();
    crate::util::wait_until(&mut child, "writing the pages of the first two chunks", || {
        page("doc-0001-a.txt.html") && page("doc-0002-b.txt.html")
    });
    assert!(!wd.path().join("out/documents.csv").exists(), "the tables are not complete yet");
    assert!(!html.join("index.html").exists(), "the index comes last");
    fs::write(&fifo, "Iran denied it.").unwrap();
    assert!(child.wait().unwrap().success());
    assert!(!html.join("index.html.documents.tmp").exists());
    // A plain file in the pipe's place for `report`, which reads the articles again.
    fs::remove_file(&fifo).unwrap();
    fs::write(&fifo, "Iran denied it.").unwrap();
    // The same pages `isnad report` writes from the finished tables, links between chunks too.
    let o = wd.run(&["report", "out", "--docs", "in", "--docs", "zz.txt", "--html", "html2", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let names = ["doc-0001-a.txt.html", "doc-0002-b.txt.html", "doc-0003-zz.txt.html", "index.html"];
    for name in names {
        let a = fs::read(html.join(name)).unwrap();
        let b = fs::read(wd.path().join("html2").join(name)).unwrap();
        assert!(a == b, "{name} differs between extract --html and report");
    }
    let second = fs::read_to_string(html.join("doc-0002-b.txt.html")).unwrap();
    assert!(
        second.contains("href=\"doc-0001-a.txt.html\"") && second.contains("href=\"doc-0003-zz.txt.html\"")
    );
}

#[test]
fn the_story_view_links_groups_to_pages_and_to_what_they_answer() {
    let wd = Workdir::new();
    let o = wd.run(&["extract", FIXTURES, "--out", "out", "--html", "html", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = wd.path().join("html");
    let index = fs::read_to_string(html.join("index.html")).unwrap();
    assert!(index.contains("<a href=\"story.html\">"), "the index links the story view");
    let story = fs::read_to_string(html.join("story.html")).unwrap();
    assert!(!story.contains("<script"), "the story view runs no script");
    let rows: std::collections::HashSet<String> = regex::Regex::new(r#"<tr id="(g\d+)">"#)
        .unwrap()
        .captures_iter(&story)
        .map(|c| c[1].to_string())
        .collect();
    let groups = read_csv(&wd.path().join("out/claim_groups.csv"));
    assert!(rows.len() >= 10 && rows.len() < groups.len(), "{} rows of {} groups", rows.len(), groups.len());
    // Every group carried by two or more claims has its row, with one dot per dated article.
    for g in groups.iter().filter(|g| g["claims"].parse::<usize>().unwrap() >= 2) {
        assert!(rows.contains(&g["group_id"]), "{} missing", g["group_id"]);
    }
    for answer in regex::Regex::new(r##"<a href="#(g\d+)">"##).unwrap().captures_iter(&story) {
        assert!(rows.contains(&answer[1]), "the answer link #{} has no row", &answer[1]);
    }
    let pages: std::collections::HashSet<String> = pages(&html).into_values().collect();
    for link in regex::Regex::new(r#"<a href="(doc-[^"]+)">"#).unwrap().captures_iter(&story) {
        assert!(pages.contains(&link[1]), "{} is no page", &link[1]);
    }
    assert!(story.contains("<circle"), "dated articles sit on the time axis");
    let o = wd.run(&["report", "out", "--docs", FIXTURES, "--html", "html2", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        story,
        fs::read_to_string(wd.path().join("html2/story.html")).unwrap(),
        "report writes the same story"
    );
}
