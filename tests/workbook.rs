//! `extract --format xlsx`: one workbook with typed cells, frozen headers, autofilters and
//! right-to-left sheets; `datapackage.json` beside CSV tables. See: issue #14, item 8.

use std::io::Read;

use crate::util::{Workdir, read_csv, stderr};

/// Documents whose cells a spreadsheet would turn into dates and numbers, in three languages.
fn corpus(wd: &Workdir) {
    wd.create("in/ar.txt", "قالت وزارة الخارجية الإيرانية يوم الأحد إن الاتهامات الأميركية سخيفة.");
    wd.create("in/fa.txt", "وزارت امور خارجه ایران روز ۱۳ بهمن ۱۴۰۲ گفت که این ادعاها بی اساس است.");
    wd.create(
        "in/en.txt",
        "Microsoft said on Nov. 5, 2024 that Iran targeted the campaign. On Aug. 19 the FBI agreed.",
    );
    // A file named directly is its own doc_id: `001`.
    wd.create("001", "In 2020 Microsoft said that Russia targeted Donald Trump.");
}

/// The text of `name` inside the zip archive at `path`.
fn zip_text(path: &std::path::Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut s).unwrap();
    s
}

/// The cells of sheet XML row `r` (1-based) as `(type attribute, text)`.
fn row_cells(xml: &str, r: usize) -> Vec<(String, String)> {
    let start = xml.find(&format!("<row r=\"{r}\"")).unwrap_or_else(|| panic!("row {r}"));
    let row = &xml[start..start + xml[start..].find("</row>").unwrap()];
    row.split("<c ")
        .skip(1)
        .map(|c| {
            let t = c.split_once("t=\"").map(|(_, rest)| rest[..rest.find('"').unwrap()].to_string());
            let text = c
                .split_once("<t>")
                .or_else(|| c.split_once("<t xml:space=\"preserve\">"))
                .map(|(_, rest)| rest[..rest.find("</t>").unwrap()].to_string())
                .or_else(|| {
                    c.split_once("<v>").map(|(_, rest)| rest[..rest.find("</v>").unwrap()].to_string())
                })
                .unwrap_or_default();
            (t.unwrap_or_else(|| "n".into()), text)
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

#[test]
fn xlsx_is_one_workbook_of_typed_cells() {
    let wd = Workdir::new();
    corpus(&wd);
    let o = wd.run(&["extract", "in", "001", "--out", "book", "--format", "xlsx", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = wd.run(&["extract", "in", "001", "--out", "csv", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // One file, renamed into place: no tables, no temporary files beside it.
    let mut files: Vec<String> = std::fs::read_dir(wd.path().join("book"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["isnad.xlsx"]);
    let book = wd.path().join("book/isnad.xlsx");
    let workbook = zip_text(&book, "xl/workbook.xml");
    let names: Vec<&str> =
        workbook.split("<sheet name=\"").skip(1).map(|s| &s[..s.find('"').unwrap()]).collect();
    assert_eq!(names, ["documents", "entities", "relations", "claims"]);
    for (i, table) in names.iter().enumerate() {
        let xml = zip_text(&book, &format!("xl/worksheets/sheet{}.xml", i + 1));
        let rows = read_csv(&wd.path().join(format!("csv/{table}.csv")));
        let header = std::fs::read_to_string(wd.path().join(format!("csv/{table}.csv"))).unwrap();
        let mut header: Vec<&str> = header.lines().next().unwrap().split(',').collect();
        // The workbook has no `group_id` column (claim groups are written beside CSV and JSON
        // Lines tables only).
        header.retain(|c| *c != "group_id");
        // Header: every column name, frozen; autofilter over every row.
        let head: Vec<String> = row_cells(&xml, 1).into_iter().map(|(_, t)| t).collect();
        assert_eq!(head, header, "{table}");
        assert!(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\""), "{table}: header not frozen");
        let last_col = (b'A' + header.len() as u8 - 1) as char;
        assert!(xml.contains(&format!("<autoFilter ref=\"A1:{last_col}{}\"", rows.len() + 1)), "{table}");
        // Cells: text columns are strings whatever they look like, numbers are numbers.
        for (r, row) in rows.iter().enumerate() {
            let cells = row_cells(&xml, r + 2);
            let mut cells = cells.into_iter();
            for col in &header {
                let want = &row[*col];
                if want.is_empty() {
                    continue;
                }
                let (t, text) =
                    cells.next().unwrap_or_else(|| panic!("{table} row {} {col}: missing", r + 2));
                let numeric = isnad::output::INTEGER_COLUMNS.contains(col);
                assert_eq!(
                    t,
                    if numeric { "n" } else { "inlineStr" },
                    "{table} row {} {col} = {want:?}",
                    r + 2
                );
                assert_eq!(unescape(&text), *want, "{table} row {} {col}", r + 2);
            }
        }
        // Right to left exactly when most rows are Arabic or Persian.
        let column = ["lang", "text", "evidence", "content"][i];
        let rtl = rows
            .iter()
            .filter(|r| {
                if i == 0 { r[column] == "ar" || r[column] == "fa" } else { isnad::xlsx::is_rtl(&r[column]) }
            })
            .count();
        assert_eq!(
            xml.contains("rightToLeft=\"1\""),
            rtl * 2 > rows.len(),
            "{table}: {rtl} of {} RTL",
            rows.len()
        );
    }
    // The cells a spreadsheet would have converted are there, as text.
    let entities = zip_text(&book, "xl/worksheets/sheet2.xml");
    for text in ["Nov. 5, 2024", "Aug. 19", "2024-11-05", "001", "2020"] {
        assert!(
            entities.contains(&format!("t=\"inlineStr\"><is><t>{text}</t>")),
            "{text} is not a text cell"
        );
    }
    assert!(!entities.contains("<f>"), "no formula cells");
}

#[test]
fn xlsx_rejects_excel_and_takes_html() {
    let wd = Workdir::new();
    corpus(&wd);
    let o = wd.run(&["extract", "in", "--out", "out", "--format", "xlsx", "--excel"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--excel applies to CSV tables, not to --format xlsx"), "{}", stderr(&o));
    assert!(!wd.path().join("out").exists());
    // The reading view is rendered from the results, whatever the tables' format.
    let o = wd.run(&["extract", "in", "--out", "out", "--format", "xlsx", "--html", "html", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(wd.path().join("out/isnad.xlsx").is_file() && wd.path().join("html/index.html").is_file());
}

/// `datapackage.json` describes the CSV tables: its fields are each table's header, `doc_id`
/// is a string, and a column is an integer exactly when JSON Lines writes it as a number.
#[test]
fn datapackage_fields_are_the_csv_headers() {
    let wd = Workdir::new();
    corpus(&wd);
    for (out, flags) in [("plain", &[][..]), ("excel", &["--excel"][..])] {
        let mut args = vec!["extract", "in", "001", "--out", out, "-q"];
        args.extend(flags);
        let o = wd.run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let text = std::fs::read_to_string(wd.path().join(out).join("datapackage.json")).unwrap();
        let package: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(package["profile"], "tabular-data-package");
        let resources = package["resources"].as_array().unwrap();
        // The four tables and claim_groups.csv (issue #11).
        assert_eq!(resources.len(), 5);
        for r in resources {
            let path = wd.path().join(out).join(r["path"].as_str().unwrap());
            let raw = std::fs::read_to_string(&path).unwrap();
            let header: Vec<&str> =
                raw.trim_start_matches('\u{feff}').lines().next().unwrap().split(',').collect();
            let fields = r["schema"]["fields"].as_array().unwrap();
            let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
            assert_eq!(names, header, "{out}/{}", r["name"]);
            let key = if r["name"] == "claim_groups" { "group_id" } else { "doc_id" };
            assert_eq!(fields[0]["name"], key);
            assert_eq!(fields[0]["type"], "string");
            let terminator = if out == "excel" { "\r\n" } else { "\n" };
            assert_eq!(r["dialect"]["lineTerminator"], terminator);
        }
    }
    // JSON Lines: numbers exactly in the integer columns, and no datapackage.json.
    let o = wd.run(&["extract", "in", "001", "--out", "jsonl", "--format", "jsonl", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!wd.path().join("jsonl/datapackage.json").exists());
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(wd.path().join("plain/datapackage.json")).unwrap())
            .unwrap();
    for r in package["resources"].as_array().unwrap() {
        let name = r["name"].as_str().unwrap();
        let lines = std::fs::read_to_string(wd.path().join(format!("jsonl/{name}.jsonl"))).unwrap();
        assert!(!lines.is_empty(), "{name}");
        for line in lines.lines() {
            let row: serde_json::Value = serde_json::from_str(line).unwrap();
            for f in r["schema"]["fields"].as_array().unwrap() {
                let v = &row[f["name"].as_str().unwrap()];
                assert_eq!(v.is_u64(), f["type"] == "integer", "{name}.{}: {v}", f["name"]);
            }
        }
    }
}

/// The sheets are the same whatever `--jobs` and `--chunk` (the file differs only in its
/// creation time).
#[test]
fn xlsx_sheets_are_identical_for_any_jobs_and_chunk() {
    let wd = Workdir::new();
    for i in 0..12 {
        wd.create(&format!("in/{i:02}.txt"), format!("قالت إيران في {i} أيار/مايو 2018 إن ترامب زار طهران."));
    }
    corpus(&wd);
    let mut sheets = Vec::new();
    for (out, extra) in [("a", &["--jobs", "1"][..]), ("b", &["--jobs", "2", "--chunk", "1"][..])] {
        let mut args = vec!["extract", "in", "--out", out, "--format", "xlsx", "-q"];
        args.extend(extra);
        let o = wd.run(&args);
        assert!(o.status.success(), "{}", stderr(&o));
        let book = wd.path().join(out).join("isnad.xlsx");
        sheets.push(
            (1..=4).map(|i| zip_text(&book, &format!("xl/worksheets/sheet{i}.xml"))).collect::<Vec<_>>(),
        );
    }
    assert_eq!(sheets[0], sheets[1]);
}
