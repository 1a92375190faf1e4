//! Dated roles (`gazetteers/roles.tsv`): who held a title in a body, from when to when, and the
//! `speaker_person_id` column of `claims.csv` they give.
//!
//! A claim whose speaker is a government body named with a spokesperson's or a head's title
//! and no name (`المتحدث باسم الخارجية الإيرانية`, `سخنگوی وزارت امور خارجه`, `the FBI
//! director`) was said by the person who held that title then: with the document's date
//! known, the role table names them. The `speaker` columns keep SCHEMA's body convention; the
//! person goes in the appended column, empty when the date is unknown, the body has no row for
//! the title, or two people may have held it on that date (China's several spokespersons, a
//! month in which one succeeded another).
//!
//! Format of the file (TSV, `#` comments, like every gazetteer): `person body title from to`,
//! `person` a PERSON and `body` a GOV entity id of the gazetteers, `title` `spokesperson` or
//! `head`, `from` the first day in the role and `to` the day it ended (the successor's first
//! day), each `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only that is known (then the role may
//! have begun, or ended, any day of it); an empty `to` means the person holds it today.
//!
//! What it does not do: find titles (the lexicon's `role_title` words, found by `phrases`), or
//! change who the speaker is (`claims`).

use std::collections::HashMap;

use crate::calendar::Calendar;
use crate::data::{self, DataFile};
use crate::doc::{Claim, Label, Mention, Span};
use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::normalize::normalize_str;

/// The file name of the role table among the gazetteers.
pub const ROLES_FILE: &str = "roles.tsv";

/// The columns of the role table.
pub const COLUMNS: [&str; 5] = ["person", "body", "title", "from", "to"];

/// Whether a gazetteer file is the role table (read here, not as an alias table).
pub fn is_roles_file(name: &str) -> bool {
    name == ROLES_FILE
}

/// The kinds of title the table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Title {
    /// Spokesman, spokeswoman, press secretary (`المتحدث باسم`, `الناطق باسم`, `سخنگوی`).
    Spokesperson,
    /// Director, chief, head (`مدير`, `رئيس`, `مدیر`, `رئیس`).
    Head,
}

impl Title {
    /// Parses the `title` column.
    pub fn parse(s: &str) -> Option<Title> {
        match s {
            "spokesperson" => Some(Title::Spokesperson),
            "head" => Some(Title::Head),
            _ => None,
        }
    }

    /// The kind of a title as written in an article (a `role_title` phrase), if it is one of
    /// the two: folded as the matcher folds (`normalize_str`), then looked up by word.
    pub fn of_phrase(phrase: &str) -> Option<Title> {
        let norm = normalize_str(phrase);
        const SPOKES: [&str; 7] =
            ["متحدث", "ناطق", "سخنگو", "spokesman", "spokeswoman", "spokesperson", "press secretary"];
        const HEADS: [&str; 6] = ["مدير", "رييس", "رئيس", "director", "chief", "head"];
        if SPOKES.iter().any(|w| norm.contains(&normalize_str(w))) {
            Some(Title::Spokesperson)
        } else if HEADS.iter().any(|w| norm.contains(&normalize_str(w))) {
            Some(Title::Head)
        } else {
            None
        }
    }
}

/// One row of the table: days as Julian Day Numbers, `[from, to)`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Role {
    person: String,
    body: String,
    title: Title,
    from: i64,
    to: i64,
}

/// The loaded role table.
#[derive(Debug, Clone, Default)]
pub struct Roles {
    by_body: HashMap<(String, Title), Vec<Role>>,
    rows: usize,
}

/// The days `[first, after)` an ISO value `YYYY`, `YYYY-MM` or `YYYY-MM-DD` covers.
pub fn days(iso: &str) -> Option<(i64, i64)> {
    let parts: Vec<&str> = iso.split('-').collect();
    let num = |s: &str| s.parse::<u32>().ok();
    let year = i32::try_from(num(parts.first()?)?).ok()?;
    let g = Calendar::Gregorian;
    match parts.len() {
        1 if parts[0].len() == 4 => Some((g.to_jdn(year, 1, 1)?, g.to_jdn(year + 1, 1, 1)?)),
        2 => {
            let m = num(parts[1])?;
            let first = g.to_jdn(year, m, 1)?;
            Some((first, first + i64::from(g.month_len(year, m)?)))
        }
        3 => {
            let d = g.to_jdn(year, num(parts[1])?, num(parts[2])?)?;
            Some((d, d + 1))
        }
        _ => None,
    }
}

impl Roles {
    /// Reads the role tables among `files` (see [`is_roles_file`]), checking every `person`
    /// against the PERSON ids and every `body` against the GOV ids of `gazetteer`. Errors name
    /// the file and line.
    pub fn load(files: &[DataFile], gazetteer: &Gazetteer) -> Result<Roles> {
        let mut labels: HashMap<&str, Vec<Label>> = HashMap::new();
        for i in 0..gazetteer.len() {
            let e = gazetteer.entry(i);
            let v = labels.entry(e.entity_id.as_str()).or_default();
            if !v.contains(&e.label) {
                v.push(e.label);
            }
        }
        let mut roles = Roles::default();
        for file in files.iter().filter(|f| is_roles_file(&f.name)) {
            for rec in data::parse(file, &COLUMNS)? {
                let err = |msg: String| Error::data(&file.origin, Some(rec.line), msg);
                let f = &rec.fields;
                let (person, body, title, from, to) = (f[0], f[1], f[2], f[3], f[4]);
                let has = |id: &str, label: Label| labels.get(id).is_some_and(|v| v.contains(&label));
                if !has(person, Label::Person) {
                    return Err(err(format!("person '{person}' is no PERSON entity_id of the gazetteers")));
                }
                if !has(body, Label::Gov) {
                    return Err(err(format!("body '{body}' is no GOV entity_id of the gazetteers")));
                }
                let title = Title::parse(title)
                    .ok_or_else(|| err(format!("title '{title}': expected spokesperson or head")))?;
                let bad =
                    |col: &str, v: &str| err(format!("{col} '{v}': expected YYYY, YYYY-MM or YYYY-MM-DD"));
                let (from_day, _) = days(from).ok_or_else(|| bad("from", from))?;
                let to_day = if to.is_empty() {
                    i64::MAX
                } else {
                    let (first, after) = days(to).ok_or_else(|| bad("to", to))?;
                    // A day is the successor's first day; a month or year: some day of it.
                    if to.len() == 10 { first } else { after }
                };
                if to_day <= from_day {
                    return Err(err(format!("to '{to}' is not after from '{from}'")));
                }
                roles.by_body.entry((body.to_string(), title)).or_default().push(Role {
                    person: person.to_string(),
                    body: body.to_string(),
                    title,
                    from: from_day,
                    to: to_day,
                });
                roles.rows += 1;
            }
        }
        Ok(roles)
    }

    /// The number of rows loaded.
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// The bodies in which `person` ever held `title`, sorted, without repeats.
    pub fn bodies_of(&self, person: &str, title: Title) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .by_body
            .values()
            .flatten()
            .filter(|r| r.person == person && r.title == title)
            .map(|r| r.body.as_str())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The person who held `title` in `body` on `date` (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`: the
    /// whole period): the one person whose term overlaps it, `None` when none or several do.
    pub fn holder(&self, body: &str, title: Title, date: &str) -> Option<&str> {
        let (first, after) = days(date)?;
        let mut found: Option<&str> = None;
        for r in self.by_body.get(&(body.to_string(), title))? {
            debug_assert!(r.body == body && r.title == title);
            if r.from < after && first < r.to {
                match found {
                    Some(p) if p != r.person => return None,
                    _ => found = Some(&r.person),
                }
            }
        }
        found
    }
}

/// Words allowed between a title and the body it is of (`A spokesperson for the …`,
/// `سخنگوی وزارت …`: nothing but space).
const TITLE_GAPS: [&str; 6] = ["", "for", "for the", "of", "of the", "باسم"];

/// The `speaker_person_id` of each claim (one per claim, in order; empty when none): see the
/// module comment. `titles` are the spans of the document's `role_title` phrases.
pub fn speaker_persons(
    roles: &Roles,
    date: Option<&str>,
    text: &str,
    mentions: &[Mention],
    claims: &[Claim],
    titles: &[Span],
) -> Vec<String> {
    let Some(date) = date.filter(|d| !d.is_empty()) else {
        return vec![String::new(); claims.len()];
    };
    claims
        .iter()
        .map(|c| {
            let Some(m) = c.speaker.and_then(|i| mentions.get(i)) else { return String::new() };
            if m.label != Label::Gov {
                return String::new();
            }
            let Some(title) = title_of(text, m, c.speaker_span, mentions, titles) else {
                return String::new();
            };
            roles.holder(&m.entity_id, title, date).unwrap_or_default().to_string()
        })
        .collect()
}

/// The title a body mention is named with and no name: a title phrase inside the speaker phrase,
/// or right before the body (`المتحدث باسم الخارجية`, `spokesperson for the FBI`) or right after
/// it (`Foreign Ministry spokesman`), with no PERSON mention in the phrase or right after the
/// title.
fn title_of(
    text: &str,
    body: &Mention,
    phrase: Option<Span>,
    mentions: &[Mention],
    titles: &[Span],
) -> Option<Title> {
    let gap = |a: usize, b: usize| -> bool {
        if a > b {
            return a <= body.span.end; // the title runs into the body (`رئيس وكالة …`)
        }
        let g = text[a..b].trim().to_lowercase();
        !g.contains(['\n', '.', '،', ','])
            && TITLE_GAPS.contains(&g.split_whitespace().collect::<Vec<_>>().join(" ").as_str())
    };
    let person_near = |from: usize, to: usize| {
        mentions.iter().any(|p| p.label == Label::Person && p.span.start >= from && p.span.start <= to)
    };
    for t in titles {
        // A title inside the body's own name is no person (`Office of the Director of National
        // Intelligence`, `مكتب مدير الاستخبارات الوطنية`).
        if t.start >= body.span.start && t.start < body.span.end {
            continue;
        }
        let inside = phrase.is_some_and(|p| p.contains(t));
        let before = t.start < body.span.start && gap(t.end, body.span.start);
        let after = t.start >= body.span.end && gap(body.span.end, t.start);
        if !(inside || before || after) {
            continue;
        }
        let Some(kind) = Title::of_phrase(&text[t.start..t.end]) else { continue };
        // A name right after the title, or inside the phrase: the person is named.
        let end = t.end.max(body.span.end);
        let next_word = text[end..]
            .char_indices()
            .skip_while(|(_, c)| c.is_whitespace() || *c == ',' || *c == '،')
            .map(|(i, _)| end + i)
            .next()
            .unwrap_or(end);
        if person_near(end, next_word) {
            continue;
        }
        if let Some(p) = phrase
            && mentions.iter().any(|x| x.label == Label::Person && p.contains(&x.span))
        {
            continue;
        }
        return Some(kind);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Roles {
        let gaz = DataFile {
            name: "g.tsv".into(),
            origin: "gazetteers/g.tsv".into(),
            text: "entity_id\tcanonical\tlabel\tlang\talias\tflags\n\
                   ministry_of_foreign_affairs_iran\tMinistry of Foreign Affairs (Iran)\tGOV\ten\tIranian Foreign Ministry\t\n\
                   abbas_mousavi_diplomat\tAbbas Mousavi (diplomat)\tPERSON\ten\tAbbas Mousavi\t\n\
                   saeed_khatibzadeh\tSaeed Khatibzadeh\tPERSON\ten\tSaeed Khatibzadeh\t\n\
                   nasser_kanaani\tNasser Kanaani\tPERSON\ten\tNasser Kanaani\t\n"
                .into(),
        };
        let g = Gazetteer::load(&[gaz], Default::default()).unwrap();
        let roles = DataFile {
            name: ROLES_FILE.into(),
            origin: "gazetteers/roles.tsv".into(),
            text: "# c\nperson\tbody\ttitle\tfrom\tto\n\
                   abbas_mousavi_diplomat\tministry_of_foreign_affairs_iran\tspokesperson\t2019-04\t2020-08-16\n\
                   saeed_khatibzadeh\tministry_of_foreign_affairs_iran\tspokesperson\t2020-08-16\t2022-06-27\n\
                   nasser_kanaani\tministry_of_foreign_affairs_iran\tspokesperson\t2022-06-27\t\n"
                .into(),
        };
        Roles::load(&[roles], &g).unwrap()
    }

    /// See: issue #11 item 3: the spokesman of an article dated 2020-09 is Khatibzadeh.
    #[test]
    fn holders_by_date() {
        let r = table();
        assert_eq!(r.len(), 3);
        let mfa = "ministry_of_foreign_affairs_iran";
        for (date, want) in [
            ("2020-09", Some("saeed_khatibzadeh")),
            ("2020-09-25", Some("saeed_khatibzadeh")),
            ("2020-08-15", Some("abbas_mousavi_diplomat")),
            ("2020-08-16", Some("saeed_khatibzadeh")),
            ("2020-08", None), // both held it that month
            ("2019-04-01", Some("abbas_mousavi_diplomat")),
            ("2019-03-31", None),
            ("2021", Some("saeed_khatibzadeh")),
            ("2022", None),
            ("2026-01-01", Some("nasser_kanaani")),
            ("bad", None),
        ] {
            assert_eq!(r.holder(mfa, Title::Spokesperson, date), want, "{date}");
        }
        assert_eq!(r.holder(mfa, Title::Head, "2021"), None);
        assert_eq!(r.holder("other", Title::Spokesperson, "2021"), None);
    }

    #[test]
    fn titles_are_read_in_three_languages() {
        for (s, want) in [
            ("المتحدث باسم", Some(Title::Spokesperson)),
            ("الناطقة باسم", Some(Title::Spokesperson)),
            ("سخنگوی", Some(Title::Spokesperson)),
            ("spokeswoman", Some(Title::Spokesperson)),
            ("مدير", Some(Title::Head)),
            ("رئيس وكالة", Some(Title::Head)),
            ("director", Some(Title::Head)),
            ("سفير", None),
        ] {
            assert_eq!(Title::of_phrase(s), want, "{s}");
        }
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let g = Gazetteer::load(&[], Default::default()).unwrap();
        let f = DataFile {
            name: ROLES_FILE.into(),
            origin: "gazetteers/roles.tsv".into(),
            text: "person\tbody\ttitle\tfrom\tto\nx\ty\tspokesperson\t2020\t\n".into(),
        };
        let e = Roles::load(&[f], &g).unwrap_err().to_string();
        assert!(e.starts_with("gazetteers/roles.tsv:2: person 'x'"), "{e}");
        assert_eq!(days("2024-02"), Some((2_460_342, 2_460_371)));
    }
}
