//! Document dates: the `date` and `date_source` columns of `documents.csv`.
//!
//! A document's date comes from, in this order:
//! 1. `--dates FILE.csv` (`doc_id,date`), which overrides everything ([`DateOverrides`]);
//! 2. a `date` field of its `--stdin-jsonl` line;
//! 3. its text ([`from_text`]): the first full date (day, month and year) in the top lines of
//!    the article, read from the DATE mentions the rules already found and normalized (any
//!    calendar: `۱۳ بهمن ۱۴۰۲` is `2024-02-02`, see [`crate::calendar`]), or a numeric
//!    `YYYY-MM-DD` / `YYYY/MM/DD` there (Solar Hijri when the year is 1300–1499:
//!    `۱۴۰۲/۱۱/۱۳`). It is a `dateline` when it stands where a dateline does (alone on its
//!    line, or right before the dash or colon that ends a dateline: `TEHRAN, Sept. 25, 2024
//!    (Reuters) -`), else `text`.
//!
//! Values are ISO 8601 and as precise as known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (input dates
//! may be any of the three; dates read from the text are always full dates, since a month or a
//! year near the top is as often the date of the events as of the article).
//!
//! What it does not do: guess from the file's modification time (never), or find dates in the
//! text (`rules` does; this module only reads what it found).

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::calendar::Calendar;
use crate::doc::{Label, Mention};
use crate::error::{Error, Result};

/// Where a document's date came from (`documents.csv` column `date_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateSource {
    /// A dateline at the top of the article.
    Dateline,
    /// The first full date near the top of the article.
    Text,
    /// Given with the input: `--dates` or the `date` field of `--stdin-jsonl`.
    Input,
}

impl DateSource {
    /// The value of the `date_source` column.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Dateline => "dateline",
            DateSource::Text => "text",
            DateSource::Input => "input",
        }
    }
}

/// A document's date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocDate {
    /// ISO 8601: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Empty for an input that says the date is
    /// unknown (an empty `date` in `--dates`): then the text is not read either.
    pub value: String,
    /// Where it came from.
    pub source: DateSource,
}

impl DocDate {
    /// The `date` and `date_source` cells: both empty when the value is.
    pub fn cells(date: Option<&DocDate>) -> (&str, &'static str) {
        match date {
            Some(d) if !d.value.is_empty() => (d.value.as_str(), d.source.as_str()),
            _ => ("", ""),
        }
    }
}

/// How many non-blank lines at the top of an article are read for its date: headline,
/// standfirst, byline, caption, dateline and lead sit there.
pub const TOP_LINES: usize = 6;

/// How far into the article (code points) its date is looked for, whatever the lines: an
/// article written as one long line has its date in the first sentences.
pub const TOP_CHARS: usize = 800;

/// The longest text before a date on its line for the date to be a dateline (`TEHRAN, ` or
/// `واشنطن - «عكاظ»: `), in code points.
const DATELINE_PREFIX: usize = 60;

/// The byte offset where the top of `text` ends: after [`TOP_LINES`] non-blank lines or
/// [`TOP_CHARS`] code points, whichever comes first.
fn top_end(text: &str) -> usize {
    let by_chars = text.char_indices().nth(TOP_CHARS).map_or(text.len(), |(i, _)| i);
    let mut seen = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        at += line.len();
        if !line.trim().is_empty() {
            seen += 1;
            if seen == TOP_LINES {
                break;
            }
        }
    }
    at.min(by_chars)
}

/// The date of an article read from its text: the first full date in its top lines (see the
/// module comment), with `dateline` or `text` as its source. `mentions` are the document's
/// mentions (their DATE `canonical` is the normalized Gregorian value).
pub fn from_text(text: &str, mentions: &[Mention]) -> Option<DocDate> {
    let end = top_end(text);
    // (start, end, value) of every full date at the top.
    let mut found: Vec<(usize, usize, String)> = mentions
        .iter()
        .filter(|m| m.label == Label::Date && m.span.end <= end && is_full_date(&m.canonical))
        .map(|m| (m.span.start, m.span.end, m.canonical.clone()))
        .collect();
    found.extend(numeric_dates(&text[..end]));
    let (start, stop, value) = found.into_iter().min_by_key(|(s, e, _)| (*s, *e))?;
    let source = if is_dateline(text, start, stop) { DateSource::Dateline } else { DateSource::Text };
    Some(DocDate { value, source })
}

/// Whether `s` is a full ISO date `YYYY-MM-DD`.
fn is_full_date(s: &str) -> bool {
    s.len() == 10 && parse_iso(s).as_deref() == Some(s)
}

/// The value of a decimal digit: ASCII, Arabic-Indic (`٠`–`٩`) or Persian (`۰`–`۹`).
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        '\u{6F0}'..='\u{6F9}' => Some(c as u32 - 0x6F0),
        _ => None,
    }
}

/// The number written in `s` (digits of any of [`digit`]'s scripts).
fn number(s: &str) -> Option<u32> {
    s.chars().try_fold(0u32, |n, c| n.checked_mul(10)?.checked_add(digit(c)?))
}

/// `YYYY-MM-DD` and `YYYY/MM/DD` (one separator, ASCII, Arabic-Indic or Persian digits).
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})([-/])(\d{1,2})([-/])(\d{1,2})\b").expect("a valid pattern"));

/// The numeric dates of `top`: (start, end, ISO value). A year 1300–1499 is Solar Hijri
/// (`۱۴۰۲/۱۱/۱۳` → `2024-02-02`), 1900–2199 Gregorian; a date that does not exist is skipped.
fn numeric_dates(top: &str) -> Vec<(usize, usize, String)> {
    NUMERIC
        .captures_iter(top)
        .filter(|c| c[2] == c[4])
        .filter_map(|c| {
            let (y, m, d) = (number(&c[1])?, number(&c[3])?, number(&c[5])?);
            let calendar = match y {
                1300..=1499 => Calendar::SolarHijri,
                1900..=2199 => Calendar::Gregorian,
                _ => return None,
            };
            let g = calendar.to_gregorian(y as i32, m, d)?;
            let whole = c.get(0)?;
            Some((whole.start(), whole.end(), g.to_string()))
        })
        .collect()
}

/// Whether the date at `start..end` of `text` stands where a dateline does: near the start of
/// its line, and followed (past spaces, commas and an agency in brackets, `(Reuters)`) by the
/// end of the line or by the dash or colon that closes a dateline.
fn is_dateline(text: &str, start: usize, end: usize) -> bool {
    // `DATELINE_PREFIX` characters are at most four bytes each.
    let Some(line_start) = crate::frames::context::line_start_within(text, start, 4 * DATELINE_PREFIX) else {
        return false;
    };
    if text[line_start..start].chars().count() > DATELINE_PREFIX {
        return false;
    }
    let mut rest = text[end..].trim_start_matches([' ', '\t', ',', '،', '\u{200f}', '\u{200e}']);
    // An agency or city in brackets: `(Reuters)`, `(واس)`.
    if let Some(inner) = rest.strip_prefix('(').or_else(|| rest.strip_prefix('（'))
        && let Some(close) = inner.find(')')
        && close <= 40
    {
        rest = inner[close + 1..].trim_start_matches([' ', '\t']);
    }
    rest.is_empty() || rest.starts_with(['\n', '\r', '-', '–', '—', ':', '|'])
}

/// Parses a date given with the input (`--dates`, a `date` field): `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD` (also with `/` and with a time after the day, `2024-08-19T10:00:00Z`, whose
/// date is kept), Gregorian, existing. Returns the ISO form, or `None`.
pub fn parse_iso(s: &str) -> Option<String> {
    let s = s.trim();
    let day_part = match s.find(['T', ' ']) {
        Some(10) => &s[..10],
        Some(_) => return None,
        None => s,
    };
    let parts: Vec<&str> = day_part.split(['-', '/']).collect();
    let num = |p: &str, len: std::ops::RangeInclusive<usize>| -> Option<u32> {
        if !len.contains(&p.chars().count()) {
            return None;
        }
        number(p)
    };
    let year = num(parts.first()?, 4..=4)?;
    if !(1..=9999).contains(&year) {
        return None;
    }
    match parts.len() {
        1 => Some(format!("{year:04}")),
        2 => {
            let m = num(parts[1], 1..=2)?;
            (1..=12).contains(&m).then(|| format!("{year:04}-{m:02}"))
        }
        3 => {
            let (m, d) = (num(parts[1], 1..=2)?, num(parts[2], 1..=2)?);
            let g = Calendar::Gregorian.to_gregorian(year as i32, m, d)?;
            Some(g.to_string())
        }
        _ => None,
    }
}

/// The dates of `--dates FILE.csv`: one row per document, `doc_id,date`, with that header. An
/// empty `date` says the date is unknown (nor read from the text).
#[derive(Debug, Clone, Default)]
pub struct DateOverrides {
    by_id: HashMap<String, DocDate>,
}

impl DateOverrides {
    /// Reads `path`. A row that is not `doc_id,date`, a date that is not `YYYY`, `YYYY-MM` or
    /// `YYYY-MM-DD`, or a `doc_id` given twice is an error naming the file and line.
    pub fn load(path: &Path) -> Result<DateOverrides> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        DateOverrides::parse(path, body)
    }

    /// Parses the CSV `body` of `path` (see [`DateOverrides::load`]).
    pub fn parse(path: &Path, body: &[u8]) -> Result<DateOverrides> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(body);
        let mut by_id = HashMap::new();
        let mut first_line: HashMap<String, u64> = HashMap::new();
        let mut header = true;
        for rec in reader.records() {
            let rec = rec.map_err(|e| {
                let line = e.position().map(|p| line_at(body, p.byte()));
                Error::data(path, line, format!("not CSV: {}", one_line(&e.to_string())))
            })?;
            // The line from the byte offset (`csv` does not count the blank lines it skips).
            let line = rec.position().map_or(0, |p| line_at(body, p.byte()));
            let cells: Vec<&str> = rec.iter().map(str::trim).collect();
            if cells.iter().all(|c| c.is_empty()) {
                continue;
            }
            if header {
                header = false;
                if cells != ["doc_id", "date"] {
                    return Err(Error::data(
                        path,
                        Some(line),
                        format!("header must be 'doc_id,date', found '{}'", one_line(&cells.join(","))),
                    ));
                }
                continue;
            }
            let [id, date] = cells[..] else {
                return Err(Error::data(
                    path,
                    Some(line),
                    format!("{} fields, expected 2 (doc_id,date)", cells.len()),
                ));
            };
            if id.is_empty() {
                return Err(Error::data(path, Some(line), "empty doc_id".to_string()));
            }
            let value = if date.is_empty() {
                String::new()
            } else {
                parse_iso(date).ok_or_else(|| {
                    Error::data(
                        path,
                        Some(line),
                        format!(
                            "bad date '{}' for '{}': expected YYYY, YYYY-MM or YYYY-MM-DD",
                            one_line(date),
                            one_line(id)
                        ),
                    )
                })?
            };
            if let Some(first) = first_line.insert(id.to_string(), line) {
                return Err(Error::data(
                    path,
                    Some(line),
                    format!("doc_id '{}' repeats line {first}", one_line(id)),
                ));
            }
            by_id.insert(id.to_string(), DocDate { value, source: DateSource::Input });
        }
        if header {
            return Err(Error::data(path, None, "empty file: expected header 'doc_id,date'".to_string()));
        }
        Ok(DateOverrides { by_id })
    }

    /// The date given for `doc_id`.
    pub fn get(&self, doc_id: &str) -> Option<&DocDate> {
        self.by_id.get(doc_id)
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// The 1-based line of byte `at` of `body`.
fn line_at(body: &[u8], at: u64) -> u64 {
    let mut at = usize::try_from(at).unwrap_or(usize::MAX).min(body.len());
    // A record's position is where reading it began: before the blank lines it skipped.
    while at < body.len() && matches!(body[at], b'\n' | b'\r') {
        at += 1;
    }
    1 + body[..at].iter().filter(|&&b| b == b'\n').count() as u64
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_dates_are_iso_as_precise_as_given() {
        for (given, want) in [
            ("2024", Some("2024")),
            ("2024-8", Some("2024-08")),
            ("2024-08-19", Some("2024-08-19")),
            ("2024/08/19", Some("2024/08/19").map(|_| "2024-08-19")),
            ("2024-08-19T10:00:00Z", Some("2024-08-19")),
            (" 2020-02-29 ", Some("2020-02-29")),
            ("۲۰۲۴-۰۸-۱۹", Some("2024-08-19")),
            ("2021-02-29", None),
            ("2024-13", None),
            ("24-08-19", None),
            ("19/08/2024", None),
            ("yesterday", None),
            ("", None),
        ] {
            assert_eq!(parse_iso(given).as_deref(), want, "{given:?}");
        }
    }

    /// Made-up article tops in the three languages, through the whole pipeline: the date the
    /// rules found and normalized (any calendar), or a numeric one, and where it stood.
    #[test]
    fn dates_from_article_tops() {
        let pipeline = crate::Pipeline::load(None, None).unwrap();
        let cases: &[(&str, &str, &str)] = &[
            (
                "إيران تنفي\n\nطهران - قالت الخارجية، الثلاثاء 14 آذار 2023، إن التقرير كاذب.",
                "2023-03-14",
                "text",
            ),
            ("عنوان\nقال مسؤول في 14 مارس 2023 إن الهجوم فشل.", "2023-03-14", "text"),
            ("عنوان الخبر\nالقاهرة - 5 نوفمبر 2024 - نفت الحكومة التقرير.", "2024-11-05", "dateline"),
            ("عنوان\n2024/08/19\nنفت إيران الاتهامات.", "2024-08-19", "dateline"),
            ("وزارة الخارجية در روز ۱۳ بهمن ۱۴۰۲ گفت که این اتهامات بی‌اساس است.", "2024-02-02", "text"),
            (
                "تیتر\nتهران - روز دوشنبه ۱ فروردین ۱۴۰۳ سخنگوی دولت گفت که حمله‌ای رخ نداد.",
                "2024-03-20",
                "text",
            ),
            ("تیتر\n۱۴۰۲/۱۱/۱۳\nسخنگو گفت.", "2024-02-02", "dateline"),
            (
                "Iran rejects claims\nTEHRAN, Nov. 5, 2024 (Reuters) - Iran said the report was false.",
                "2024-11-05",
                "dateline",
            ),
            ("Headline\nMicrosoft said on Nov. 5, 2024 that hackers were active.", "2024-11-05", "text"),
            ("Headline\nPublished 2024-08-19 | Updated\nThe FBI said.", "2024-08-19", "dateline"),
            ("Headline\nMarch 4, 2019\nThe White House said.", "2019-03-04", "dateline"),
            // No full date: a weekday, a month and year, a date with no year.
            ("Headline\nMicrosoft said on Friday that in June 2024 hackers were active on Aug. 9.", "", ""),
        ];
        for &(text, want, source) in cases {
            let doc = crate::input::from_text("t.txt".into(), text.into(), "utf-8");
            let r = pipeline.process(doc);
            let got = DocDate::cells(r.date.as_ref());
            assert_eq!(got, (want, source), "{text}");
        }
        // Past the top lines, a date is not the article's.
        let late = format!("{}On Nov. 5, 2024 it said.", "A line.\n".repeat(TOP_LINES));
        let r = pipeline.process(crate::input::from_text("t.txt".into(), late, "utf-8"));
        assert_eq!(r.date, None);
        // A date given with the input wins over the text's.
        let mut doc = crate::input::from_text("t.txt".into(), cases[0].0.into(), "utf-8");
        doc.date = Some(DocDate { value: "2020-09".into(), source: DateSource::Input });
        assert_eq!(DocDate::cells(pipeline.process(doc).date.as_ref()), ("2020-09", "input"));
    }

    #[test]
    fn numeric_dates_convert_their_calendar() {
        let v: Vec<String> = numeric_dates("x 2024/08/19 y ۱۴۰۲/۱۱/۱۳ 2024-13-01 2024-08/19")
            .into_iter()
            .map(|(_, _, v)| v)
            .collect();
        assert_eq!(v, ["2024-08-19", "2024-02-02"]);
    }

    #[test]
    fn datelines_end_with_a_dash_a_colon_or_the_line() {
        let t = "TEHRAN, Sept. 25, 2024 (Reuters) - Iran said";
        let (s, e) = (t.find("Sept").unwrap(), t.find(" (Reuters)").unwrap());
        assert!(is_dateline(t, s, e));
        let t = "Title\n2024/08/19\nBody";
        assert!(is_dateline(t, 6, 16));
        let t = "Iran said on 2024/08/19 that it had not.";
        assert!(!is_dateline(t, 13, 23));
    }

    #[test]
    fn overrides_name_file_and_line() {
        let p = Path::new("dates.csv");
        let ok = DateOverrides::parse(p, b"doc_id,date\na.txt,2024-08-19\nb.txt,2020-9\nc.txt,\n").unwrap();
        assert_eq!(ok.get("a.txt").unwrap().value, "2024-08-19");
        assert_eq!(ok.get("b.txt").unwrap().value, "2020-09");
        assert_eq!(ok.get("c.txt").unwrap().value, "");
        assert_eq!(ok.len(), 3);
        for (body, want) in [
            (&b"doc_id,date\na.txt,19/08/2024\n"[..], "dates.csv:2: bad date '19/08/2024' for 'a.txt'"),
            (b"id,when\n", "dates.csv:1: header must be 'doc_id,date'"),
            (b"doc_id,date\na.txt,2024,x\n", "dates.csv:2: 3 fields"),
            (b"doc_id,date\na.txt,2024\n\na.txt,2025\n", "dates.csv:4: doc_id 'a.txt' repeats line 2"),
            (b"", "dates.csv: empty file"),
        ] {
            let e = DateOverrides::parse(p, body).unwrap_err().to_string();
            assert!(e.starts_with(want), "{e}");
        }
    }
}
