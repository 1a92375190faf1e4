//! Finding input documents and decoding them (SCHEMA §1).
//!
//! [`walk`] turns the paths given on the command line into a sorted list of [`InputFile`]s with
//! their `doc_id`; [`read`] turns one into a [`Document`], decoding UTF-8, UTF-16 (by BOM) and
//! Windows-1256 and guessing the language. A file that cannot be read or decoded becomes a
//! document with `Status::Error` and a one-line reason: it never stops the run.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::doc::{Document, Lang, Status};
use crate::error::{Error, ErrorKind, Result};

/// One file to process, with its `doc_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The `doc_id`: the path relative to the input folder, with `/` separators.
    pub id: String,
    /// Where to read it.
    pub path: PathBuf,
    /// Set when the walk itself failed on this entry (unreadable folder, symlink loop).
    pub walk_error: Option<String>,
}

/// How to decode documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 (or UTF-16 by BOM), falling back to Windows-1256 for legacy Arabic files.
    #[default]
    Auto,
    /// Always Windows-1256 (unless a BOM says otherwise).
    Windows1256,
}

impl Encoding {
    /// Parses an `--encoding` value.
    pub fn parse(s: &str) -> Result<Encoding> {
        match s.to_ascii_lowercase().as_str() {
            "auto" | "utf-8" | "utf8" => Ok(Encoding::Auto),
            "windows-1256" | "cp1256" | "windows1256" => Ok(Encoding::Windows1256),
            other => Err(Error::usage(format!("unknown --encoding '{other}': use utf-8 or windows-1256"))),
        }
    }
}

/// Lists the documents under `paths`: folders are walked recursively (symlinks followed, loops
/// reported), every `*.txt` (any case) is a document; a file named directly is a document
/// whatever its extension. Sorted by `doc_id` within each path, paths in the order given.
///
/// Errors when a path does not exist or when no path holds any document.
pub fn walk(paths: &[PathBuf]) -> Result<Vec<InputFile>> {
    let mut out = Vec::new();
    for root in paths {
        let meta = fs::metadata(root).map_err(|e| Error::io(root, &e))?;
        if !meta.is_dir() {
            let id = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| root.display().to_string());
            out.push(InputFile { id, path: root.clone(), walk_error: None });
            continue;
        }
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name() {
            match entry {
                Ok(e) => {
                    if !e.file_type().is_file() || !is_txt(e.path()) {
                        continue;
                    }
                    found.push(InputFile {
                        id: rel_id(root, e.path()),
                        path: e.path().to_path_buf(),
                        walk_error: None,
                    });
                }
                Err(err) => {
                    // A loop or an unreadable folder: report it as a document row when we
                    // know which entry it was, so nothing is silently dropped.
                    if let Some(p) = err.path() {
                        let reason = if err.loop_ancestor().is_some() {
                            "symbolic link loop".to_string()
                        } else {
                            one_line(&err.to_string())
                        };
                        found.push(InputFile {
                            id: rel_id(root, p),
                            path: p.to_path_buf(),
                            walk_error: Some(reason),
                        });
                    }
                }
            }
        }
        found.sort_by(|a, b| a.id.cmp(&b.id));
        out.extend(found);
    }
    if out.is_empty() {
        let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        return Err(Error::new(ErrorKind::NoInput(format!(
            "no .txt document found under {}",
            list.join(", ")
        ))));
    }
    Ok(out)
}

fn is_txt(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt"))
}

fn rel_id(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reads and decodes one input file. Files larger than `max_bytes` are not read.
pub fn read(input: &InputFile, encoding: Encoding, max_bytes: u64) -> Document {
    let mut doc = Document { id: input.id.clone(), encoding: "utf-8", ..Document::default() };
    if let Some(reason) = &input.walk_error {
        doc.status = Status::Error(reason.clone());
        return doc;
    }
    let bytes = match read_bounded(&input.path, max_bytes) {
        Ok(b) => b,
        Err(reason) => {
            doc.status = Status::Error(reason);
            return doc;
        }
    };
    match decode(&bytes, encoding) {
        Ok((text, enc)) => return from_text(doc.id, text, enc),
        Err(reason) => doc.status = Status::Error(reason),
    }
    doc
}

/// A document from text that is already decoded (as `extract --stdin-jsonl` receives it):
/// the language is guessed, and a text holding only whitespace is `Status::Empty`.
pub fn from_text(id: String, text: String, encoding: &'static str) -> Document {
    let status = if text.trim().is_empty() { Status::Empty } else { Status::Ok };
    Document { id, lang: detect_lang(&text), text, encoding, status }
}

fn read_bounded(path: &Path, max_bytes: u64) -> std::result::Result<Vec<u8>, String> {
    let file = fs::File::open(path).map_err(|e| one_line(&e.to_string()))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > max_bytes {
        return Err(format!(
            "file is {} MB, larger than the limit of {} MB (--max-mb)",
            len / 1_000_000,
            max_bytes / 1_000_000
        ));
    }
    let mut buf = Vec::with_capacity(len as usize);
    file.take(max_bytes + 1).read_to_end(&mut buf).map_err(|e| one_line(&e.to_string()))?;
    if buf.len() as u64 > max_bytes {
        return Err(format!("file is larger than the limit of {} MB (--max-mb)", max_bytes / 1_000_000));
    }
    Ok(buf)
}

/// Decodes bytes per SCHEMA §1, returning the text and the encoding name, or a one-line reason.
pub fn decode(bytes: &[u8], encoding: Encoding) -> std::result::Result<(String, &'static str), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), "utf-8"))
            .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to() + 3));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (enc, name) = if bytes[0] == 0xFF {
            (encoding_rs::UTF_16LE, "utf-16le")
        } else {
            (encoding_rs::UTF_16BE, "utf-16be")
        };
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        if had_errors {
            return Err(format!("invalid {name} text"));
        }
        return Ok((text.into_owned(), name));
    }
    if encoding == Encoding::Windows1256 {
        let (text, _) = encoding_rs::WINDOWS_1256.decode_without_bom_handling(bytes);
        return Ok((text.into_owned(), "windows-1256"));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("binary file (contains NUL bytes)".to_string());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), "utf-8")),
        Err(e) => {
            let (text, _) = encoding_rs::WINDOWS_1256.decode_without_bom_handling(bytes);
            if mostly_arabic(&text) {
                Ok((text.into_owned(), "windows-1256"))
            } else {
                Err(format!(
                    "invalid UTF-8 at byte {} (not Windows-1256 Arabic either; try --encoding)",
                    e.valid_up_to()
                ))
            }
        }
    }
}

/// Whether most non-ASCII letters of `text` are Arabic-script letters.
fn mostly_arabic(text: &str) -> bool {
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if crate::normalize::is_arabic_letter(c) {
            arabic += 1;
        } else {
            other += 1;
        }
    }
    arabic >= 8 && arabic * 10 >= (arabic + other) * 8
}

/// Guesses the language from letter counts: Arabic script with Persian-only letters is `fa`,
/// Arabic script otherwise `ar`, Latin `en`.
pub fn detect_lang(text: &str) -> Lang {
    let (mut latin, mut arabic, mut fa, mut ar) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().take(200_000) {
        match c {
            'a'..='z' | 'A'..='Z' => latin += 1,
            'پ' | 'چ' | 'ژ' | 'گ' => {
                arabic += 1;
                fa += 3;
            }
            'ی' | 'ک' => {
                arabic += 1;
                fa += 1;
            }
            'ة' => {
                arabic += 1;
                ar += 3;
            }
            'ي' | 'ك' | 'ى' => {
                arabic += 1;
                ar += 1;
            }
            c if crate::normalize::is_arabic_letter(c) => arabic += 1,
            _ => {}
        }
    }
    if arabic == 0 && latin == 0 {
        Lang::Und
    } else if arabic >= latin {
        if fa > ar { Lang::Fa } else { Lang::Ar }
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_legacy() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc", Encoding::Auto).unwrap(), ("abc".into(), "utf-8"));
        let le: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("إيران".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode(&le, Encoding::Auto).unwrap(), ("إيران".into(), "utf-16le"));
        let (cp, _, _) = encoding_rs::WINDOWS_1256.encode("وصفت إيران الجمعة الاتهامات بالسخيفة");
        let (text, enc) = decode(&cp, Encoding::Auto).unwrap();
        assert_eq!(enc, "windows-1256");
        assert!(text.starts_with("وصفت إيران"));
        assert!(decode(b"ab\0cd", Encoding::Auto).unwrap_err().contains("binary"));
        assert!(decode(b"abc\xFF\xFEdef", Encoding::Auto).unwrap_err().contains("invalid UTF-8 at byte 3"));
    }

    #[test]
    fn detects_language() {
        assert_eq!(detect_lang("وصفت إيران الجمعة الاتهامات بالسخيفة"), Lang::Ar);
        assert_eq!(detect_lang("سخنگوی وزارت امور خارجه این ادعا را بی‌اساس خواند"), Lang::Fa);
        assert_eq!(detect_lang("Microsoft said Iranian hackers targeted a campaign"), Lang::En);
        assert_eq!(detect_lang("12 34"), Lang::Und);
    }
}
