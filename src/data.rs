//! Reading the tab-separated data files (gazetteers, rules) and choosing between the embedded
//! copies and the user's overrides.
//!
//! Format: UTF-8, one record per line, fields separated by TAB, no quoting; the first
//! non-comment line is the header; lines starting with `#` and blank lines are ignored.
//! Errors name the file and the 1-based line.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One data file: its name (as shown in `source` and in errors) and its contents.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// The file name, e.g. `people.tsv`.
    pub name: String,
    /// Where it came from, for error messages (`gazetteers/people.tsv`, or the user's path).
    pub origin: PathBuf,
    /// The text.
    pub text: String,
}

/// One record with its line number.
#[derive(Debug, Clone)]
pub struct Record<'a> {
    /// 1-based line in the file.
    pub line: u64,
    /// The fields, in header order; missing trailing fields are empty strings.
    pub fields: Vec<&'a str>,
}

/// Parses `file`, checking that its header starts with `expected` columns.
///
/// Records may omit trailing empty fields; a record with more fields than the header is an error.
pub fn parse<'a>(file: &'a DataFile, expected: &[&str]) -> Result<Vec<Record<'a>>> {
    let mut out = Vec::new();
    let mut header: Option<usize> = None;
    for (i, raw) in file.text.lines().enumerate() {
        let line = (i + 1) as u64;
        let raw = raw.strip_prefix('\u{FEFF}').unwrap_or(raw).trim_end_matches('\r');
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').map(str::trim).collect();
        match header {
            None => {
                if fields.len() < expected.len() || fields[..expected.len()] != *expected {
                    return Err(Error::data(
                        &file.origin,
                        Some(line),
                        format!("header must be '{}', found '{}'", expected.join("\\t"), fields.join("\\t")),
                    ));
                }
                header = Some(fields.len());
            }
            Some(n) => {
                if fields.len() > n {
                    return Err(Error::data(
                        &file.origin,
                        Some(line),
                        format!("{} fields, the header has {n} (a stray tab?)", fields.len()),
                    ));
                }
                let mut fields = fields;
                fields.resize(n, "");
                out.push(Record { line, fields });
            }
        }
    }
    if header.is_none() {
        return Err(Error::data(
            &file.origin,
            None,
            format!("empty file: expected header '{}'", expected.join("\\t")),
        ));
    }
    Ok(out)
}

/// The embedded files of `embedded`, with files of the same name in `dir` replacing them and
/// other `*.tsv` files of `dir` added. Sorted by name.
pub fn load_set(embedded: &[(&str, &str)], embedded_dir: &str, dir: Option<&Path>) -> Result<Vec<DataFile>> {
    let mut files: Vec<DataFile> = embedded
        .iter()
        .map(|(name, text)| DataFile {
            name: name.to_string(),
            origin: Path::new(embedded_dir).join(name),
            text: text.to_string(),
        })
        .collect();
    if let Some(dir) = dir {
        let rd = std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?;
        let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        paths.retain(|p| p.extension().is_some_and(|e| e == "tsv"));
        paths.sort();
        for p in paths {
            let text = std::fs::read_to_string(&p).map_err(|e| Error::io(&p, &e))?;
            let name = p.file_name().unwrap_or_default().to_string_lossy().into_owned();
            let file = DataFile { name: name.clone(), origin: p.clone(), text };
            match files.iter_mut().find(|f| f.name == name) {
                Some(slot) => *slot = file,
                None => files.push(file),
            }
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> DataFile {
        DataFile { name: "t.tsv".into(), origin: "gazetteers/t.tsv".into(), text: text.into() }
    }

    #[test]
    fn parses_with_comments_and_short_rows() {
        let f = file("# comment\na\tb\tc\n\nx\ty\n");
        let recs = parse(&f, &["a", "b"]).unwrap();
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].line, 4);
        assert_eq!(recs[0].fields, vec!["x", "y", ""]);
    }

    #[test]
    fn errors_name_file_and_line() {
        let f = file("a\tb\nx\ty\tz\n");
        let e = parse(&f, &["a", "b"]).unwrap_err();
        assert!(e.to_string().starts_with("gazetteers/t.tsv:2: "), "{e}");
        let e = parse(&file("q\tb\n"), &["a", "b"]).unwrap_err();
        assert!(e.to_string().starts_with("gazetteers/t.tsv:1: header"), "{e}");
    }
}
