//! `extract --stdin-jsonl`: the JSON Lines rows of two fixture articles equal the CSV rows that
//! `extract` writes for the same articles, table by table and in the same order.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::util::{Workdir, run_stdin, stderr};

const DOCS: [&str; 2] = ["ar/01_mint_sandstorm_denial_first.txt", "fa/02_farsnews_style_no_zwnj.txt"];
const TABLES: [&str; 4] = ["documents", "entities", "relations", "claims"];

#[test]
fn jsonl_rows_equal_csv_rows() {
    let wd = Workdir::new();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    let mut input = String::new();
    for id in DOCS {
        let text = std::fs::read_to_string(fixtures.join(id)).unwrap();
        wd.create(&format!("in/{id}"), &text);
        let line = serde_json::json!({ "doc_id": id, "text": text });
        input.push_str(&line.to_string());
        input.push('\n');
    }
    let o = wd.run(&["extract", "in", "--out", "out", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let o = run_stdin(["extract", "--stdin-jsonl", "--jobs", "2", "--chunk", "1", "-q"], &input);
    assert!(o.status.success(), "{}", stderr(&o));

    let mut by_table: HashMap<String, Vec<HashMap<String, String>>> = HashMap::new();
    for line in String::from_utf8(o.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        let obj = v.as_object().expect("an object");
        let table = obj["table"].as_str().expect("a table field").to_string();
        let row = obj
            .iter()
            .filter(|(k, _)| *k != "table")
            .map(|(k, v)| {
                let s = match v {
                    serde_json::Value::String(s) => s.clone(),
                    serde_json::Value::Number(n) => n.to_string(),
                    other => panic!("{k}: only strings and numbers expected, got {other}"),
                };
                (k.clone(), s)
            })
            .collect();
        by_table.entry(table).or_default().push(row);
    }
    for t in TABLES {
        let mut csv = wd.read_csv(&format!("out/{t}.csv"));
        // `group_id` is corpus level: a stream has none; `isnad group` adds it (tests/groups.rs).
        for row in &mut csv {
            row.remove("group_id");
        }
        let json = by_table.remove(t).unwrap_or_default();
        assert!(!csv.is_empty(), "{t}: the fixtures give rows");
        assert_eq!(csv.len(), json.len(), "{t}: row counts");
        for (i, (c, j)) in csv.iter().zip(&json).enumerate() {
            assert_eq!(c, j, "{t} row {i}");
        }
    }
    assert!(by_table.is_empty(), "unknown tables: {:?}", by_table.keys());
}

#[test]
fn malformed_lines_are_error_rows_and_the_run_goes_on() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["extract", "--stdin-jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run isnad");
    let input =
        "{\"doc_id\": \"a.txt\", \"text\": \"قالت إيران\"}\n{oops\n{\"doc_id\": \"c.txt\", \"text\": \"\"}\n";
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let docs: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|v: &serde_json::Value| v["table"] == "documents")
        .collect();
    let got: Vec<(&str, &str)> =
        docs.iter().map(|d| (d["doc_id"].as_str().unwrap(), d["status"].as_str().unwrap())).collect();
    assert_eq!(got, vec![("a.txt", "ok"), ("stdin:2", "error"), ("c.txt", "empty")]);
    let reason = docs[1]["error"].as_str().unwrap();
    assert!(reason.starts_with("input line 2: invalid JSON"), "{reason}");
    assert!(!reason.contains('\n'));
}
