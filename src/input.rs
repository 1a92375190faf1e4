//! Finding input documents and decoding them (SCHEMA §1).
//!
//! [`walk`] turns the paths given on the command line into a sorted list of [`InputFile`]s with
//! their `doc_id`; [`read`] turns one into a [`Document`], decoding UTF-8, UTF-16 (by BOM) and
//! Windows-1256 and guessing the language. A file that cannot be read or decoded becomes a
//! document with `Status::Error` and a one-line reason: it never stops the run.

use std::collections::BTreeSet;
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
/// whatever its extension. Sorted by `doc_id`; see [`Walk`] for how several paths are combined.
///
/// Errors when a path does not exist or when no path holds any document. [`Walk`] yields the
/// same list one document at a time.
pub fn walk(paths: &[PathBuf]) -> Result<Vec<InputFile>> {
    Ok(Walk::new(paths)?.collect())
}

/// The documents under some paths in `doc_id` order, found while they are being read: memory
/// holds the listing of the folders being walked, never the whole corpus. Each folder's
/// entries are visited in the order of their names with a `/` after folder names, which is
/// the order of the `doc_id`s under them; the walks of several paths are merged by `doc_id`.
///
/// `doc_id`s never repeat. Before the walk starts, the paths are resolved: a path given twice,
/// a folder inside another given folder and a `*.txt` file inside a given folder are read once,
/// as part of the walk that finds them anyway. When several paths remain and two of them hold
/// an entry of the same name at their top (`x.txt`, or a folder `en/`), so that their
/// `doc_id`s could meet, the `doc_id`s under each of those paths get the path's name as a
/// prefix (`a/x.txt`, `b/x.txt`; more of the path when the names are equal too). The
/// decision depends only on the paths' top-level listings, so it is the same on every run and
/// the walk still streams. Anything that still meets (two file names that are not UTF-8 and
/// read the same) becomes one error row naming every path, never two rows with one id.
pub struct Walk {
    sources: Vec<Source>,
    /// The next document of each source, `None` once it is done.
    heads: Vec<Option<InputFile>>,
}

impl std::fmt::Debug for Walk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Walk").field("next", &self.heads).finish_non_exhaustive()
    }
}

/// One path given on the command line.
enum Source {
    File(Option<InputFile>),
    Dir { root: PathBuf, prefix: Option<String>, entries: walkdir::IntoIter },
}

/// A path given on the command line, resolved before the walk.
#[derive(Debug)]
struct Root {
    path: PathBuf,
    /// The path with symlinks resolved (the path itself when that fails).
    canon: PathBuf,
    is_dir: bool,
    /// Why the path cannot be read, when that is known before the walk (a dangling symlink).
    error: Option<String>,
}

impl Root {
    /// The names the `doc_id`s under this path can start with: for a file its name, for a
    /// folder the names of its sub-folders and `*.txt` files.
    fn top_names(&self) -> BTreeSet<String> {
        if !self.is_dir {
            return self.path.file_name().map(lossy).into_iter().collect();
        }
        let Ok(rd) = fs::read_dir(&self.path) else { return BTreeSet::new() };
        rd.filter_map(|e| e.ok())
            .filter(|e| fs::metadata(e.path()).is_ok_and(|m| m.is_dir()) || is_txt(&e.path()))
            .map(|e| lossy(&e.file_name()))
            .collect()
    }

    /// The last `k` components of the folder that names this path's `doc_id`s: the folder
    /// itself, or a file's parent.
    fn prefix(&self, k: usize) -> String {
        let base =
            if self.is_dir { self.canon.as_path() } else { self.canon.parent().unwrap_or(Path::new("")) };
        let names: Vec<String> = base
            .components()
            .filter_map(|c| match c {
                std::path::Component::Normal(s) => Some(lossy(s)),
                _ => None,
            })
            .collect();
        names[names.len().saturating_sub(k)..].join("/")
    }

    /// How many components [`Root::prefix`] can take at most.
    fn depth(&self) -> usize {
        let base =
            if self.is_dir { self.canon.as_path() } else { self.canon.parent().unwrap_or(Path::new("")) };
        base.components().filter(|c| matches!(c, std::path::Component::Normal(_))).count()
    }
}

fn lossy(s: &std::ffi::OsStr) -> String {
    s.to_string_lossy().into_owned()
}

/// Resolves the paths given: each is checked to exist, and a path the walk of another reads
/// anyway (the same path again, a folder or `*.txt` file inside a given folder) is dropped.
fn resolve(paths: &[PathBuf]) -> Result<Vec<Root>> {
    let mut roots: Vec<Root> = Vec::with_capacity(paths.len());
    for path in paths {
        let (is_dir, error) = match fs::metadata(path) {
            Ok(meta) => (meta.is_dir(), None),
            // A symlink to nothing is a document that cannot be read, as inside a folder.
            Err(e) if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) => {
                (false, Some(format!("dangling symbolic link: {}", one_line(&e.to_string()))))
            }
            Err(e) => return Err(Error::io(path, &e)),
        };
        let canon = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        roots.push(Root { path: path.clone(), canon, is_dir, error });
    }
    let covered = |i: usize, r: &Root| {
        roots.iter().enumerate().any(|(j, d)| {
            if j == i {
                return false;
            }
            if d.canon == r.canon {
                // The same path twice: the first one reads it.
                return j < i;
            }
            d.is_dir && r.canon.starts_with(&d.canon) && (r.is_dir || is_txt(&r.canon))
        })
    };
    let keep: Vec<bool> = roots.iter().enumerate().map(|(i, r)| !covered(i, r)).collect();
    let mut keep = keep.into_iter();
    roots.retain(|_| keep.next().unwrap_or(true));
    Ok(roots)
}

/// The `doc_id` prefix of each root (see [`Walk`]): `None` unless its top-level names meet
/// another root's.
fn prefixes(roots: &[Root]) -> Vec<Option<String>> {
    let n = roots.len();
    if n < 2 {
        return vec![None; n];
    }
    let tops: Vec<BTreeSet<String>> = roots.iter().map(Root::top_names).collect();
    let max_k = roots.iter().map(Root::depth).max().unwrap_or(1).max(1);
    let mut prefixed = vec![false; n];
    let mut k = 1;
    loop {
        let prefix: Vec<Option<String>> = (0..n).map(|i| prefixed[i].then(|| roots[i].prefix(k))).collect();
        let mut seen = BTreeSet::new();
        let distinct = prefix.iter().flatten().all(|p| seen.insert(p.as_str()));
        if !distinct && k < max_k {
            k += 1;
            continue;
        }
        // What each root's ids start with once prefixed.
        let firsts: Vec<BTreeSet<String>> = (0..n)
            .map(|i| match &prefix[i] {
                Some(p) => std::iter::once(p.split('/').next().unwrap_or("").to_string()).collect(),
                None => tops[i].clone(),
            })
            .collect();
        let mut changed = false;
        for i in 0..n {
            for j in i + 1..n {
                if (prefixed[i] && prefixed[j]) || firsts[i].is_disjoint(&firsts[j]) {
                    continue;
                }
                for x in [i, j] {
                    changed |= !prefixed[x];
                    prefixed[x] = true;
                }
            }
        }
        if !changed {
            return prefix;
        }
    }
}

impl Walk {
    /// Starts the walk of `paths`. Errors when a path does not exist or when no path holds any
    /// document.
    pub fn new(paths: &[PathBuf]) -> Result<Walk> {
        let roots = resolve(paths)?;
        let prefixes = prefixes(&roots);
        let mut sources = Vec::with_capacity(roots.len());
        for (root, prefix) in roots.into_iter().zip(prefixes) {
            let source = if root.is_dir {
                let entries = walkdir::WalkDir::new(&root.path)
                    .follow_links(true)
                    .sort_by(|a, b| sort_key(a).cmp(&sort_key(b)))
                    .into_iter();
                Source::Dir { root: root.path, prefix, entries }
            } else {
                let name =
                    root.path.file_name().map(lossy).unwrap_or_else(|| root.path.display().to_string());
                let id = match prefix {
                    Some(p) => format!("{p}/{name}"),
                    None => name,
                };
                Source::File(Some(InputFile { id, path: root.path, walk_error: root.error }))
            };
            sources.push(source);
        }
        let heads = sources.iter_mut().map(Iterator::next).collect::<Vec<_>>();
        let walk = Walk { sources, heads };
        if walk.heads.iter().all(Option::is_none) {
            let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            return Err(Error::new(ErrorKind::NoInput(format!(
                "no .txt document found under {}",
                list.join(", ")
            ))));
        }
        Ok(walk)
    }

    /// Takes the head of source `i`, moving the source on.
    fn take(&mut self, i: usize) -> Option<InputFile> {
        let next = self.sources[i].next();
        std::mem::replace(&mut self.heads[i], next)
    }
}

impl Iterator for Walk {
    type Item = InputFile;

    fn next(&mut self) -> Option<InputFile> {
        let mut best: Option<(usize, &str)> = None;
        for (i, head) in self.heads.iter().enumerate() {
            if let Some(f) = head
                && best.is_none_or(|(_, id)| f.id.as_str() < id)
            {
                best = Some((i, f.id.as_str()));
            }
        }
        let (i, _) = best?;
        let mut first = self.take(i)?;
        // Every file with the same id is next, in this source or at another's head.
        let mut paths = vec![first.path.clone()];
        while let Some(j) = self.heads.iter().position(|h| h.as_ref().is_some_and(|f| f.id == first.id)) {
            if let Some(f) = self.take(j) {
                paths.push(f.path);
            }
        }
        if paths.len() > 1 {
            paths.sort();
            let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            first.walk_error = Some(format!(
                "doc_id collision: {} all have this doc_id, none was read (rename one)",
                list.join(" and ")
            ));
        }
        Some(first)
    }
}

/// What a folder entry is sorted by: its name as its `doc_id` component, with `/` after a
/// folder's, so that the walk meets the `doc_id`s in string order (`a-b.txt` before `a/x.txt`).
fn sort_key(e: &walkdir::DirEntry) -> String {
    let mut key = e.file_name().to_string_lossy().into_owned();
    if e.file_type().is_dir() {
        key.push('/');
    }
    key
}

impl Iterator for Source {
    type Item = InputFile;

    fn next(&mut self) -> Option<InputFile> {
        let (root, prefix, entries) = match self {
            Source::File(f) => return f.take(),
            Source::Dir { root, prefix, entries } => (root, prefix.as_deref(), entries),
        };
        let id_of = |p: &Path| match prefix {
            Some(pre) => format!("{pre}/{}", rel_id(root, p)),
            None => rel_id(root, p),
        };
        while let Some(entry) = entries.next() {
            match entry {
                Ok(e) => {
                    if e.file_type().is_dir() && e.depth() > 0 && e.file_name().to_str().is_none() {
                        // Folders whose names are not UTF-8 and read the same would give
                        // their documents the same ids: neither is read, one row says so.
                        let twins = lossy_twins(e.path());
                        if twins.len() > 1 {
                            entries.skip_current_dir();
                            if twins[0] == e.path() {
                                let list: Vec<String> =
                                    twins.iter().map(|p| p.display().to_string()).collect();
                                return Some(InputFile {
                                    id: format!("{}/", id_of(e.path())),
                                    path: e.into_path(),
                                    walk_error: Some(format!(
                                        "doc_id collision: the folders {} have names that are not UTF-8 and read the same, neither was read (rename one)",
                                        list.join(" and ")
                                    )),
                                });
                            }
                            continue;
                        }
                    }
                    if !e.file_type().is_file() || !is_txt(e.path()) {
                        continue;
                    }
                    return Some(InputFile { id: id_of(e.path()), path: e.into_path(), walk_error: None });
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
                        return Some(InputFile {
                            id: id_of(p),
                            path: p.to_path_buf(),
                            walk_error: Some(reason),
                        });
                    }
                }
            }
        }
        None
    }
}

/// The folder `dir` and its sibling folders whose names read the same once decoded, sorted.
fn lossy_twins(dir: &Path) -> Vec<PathBuf> {
    let (Some(parent), Some(name)) = (dir.parent(), dir.file_name()) else { return vec![dir.to_path_buf()] };
    let name = lossy(name);
    let mut twins: Vec<PathBuf> = fs::read_dir(parent)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| lossy(&e.file_name()) == name && fs::metadata(e.path()).is_ok_and(|m| m.is_dir()))
                .map(|e| e.path())
                .collect()
        })
        .unwrap_or_default();
    twins.sort();
    if twins.is_empty() {
        twins.push(dir.to_path_buf());
    }
    twins
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
    // Nothing decoded yet: an error row says no encoding.
    let mut doc = Document { id: input.id.clone(), encoding: "", ..Document::default() };
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
    Document { id, lang: detect_lang(&text), text, encoding, status, date: None }
}

/// A byte count in megabytes for a message: whole when it is one (`100 MB`), else with as
/// many decimals as it takes to differ from a whole number (`1.5 MB`, `1.000001 MB`).
pub fn megabytes(bytes: u64) -> String {
    let (whole, rest) = (bytes / 1_000_000, bytes % 1_000_000);
    if rest == 0 {
        return format!("{whole} MB");
    }
    let frac = format!("{rest:06}");
    format!("{whole}.{} MB", frac.trim_end_matches('0'))
}

fn read_bounded(path: &Path, max_bytes: u64) -> std::result::Result<Vec<u8>, String> {
    let file = fs::File::open(path).map_err(|e| one_line(&e.to_string()))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > max_bytes {
        return Err(format!(
            "file is {}, larger than the limit of {} (--max-mb)",
            megabytes(len),
            megabytes(max_bytes)
        ));
    }
    let mut buf = Vec::with_capacity(len as usize);
    file.take(max_bytes + 1).read_to_end(&mut buf).map_err(|e| one_line(&e.to_string()))?;
    if buf.len() as u64 > max_bytes {
        return Err(format!("file is larger than the limit of {} (--max-mb)", megabytes(max_bytes)));
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
        if let Some(name) = utf16_without_bom(head) {
            return Err(format!(
                "looks like {name} text without a byte order mark: save it with a BOM or as UTF-8"
            ));
        }
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

/// `UTF-16LE` or `UTF-16BE` when `head` reads as text in that encoding: nine in ten of its
/// high bytes are 0x00 (Latin) or 0x06 (Arabic script) and it decodes without error.
fn utf16_without_bom(head: &[u8]) -> Option<&'static str> {
    let head = &head[..head.len() & !1];
    if head.len() < 4 {
        return None;
    }
    for (high, enc, name) in [(1, encoding_rs::UTF_16LE, "UTF-16LE"), (0, encoding_rs::UTF_16BE, "UTF-16BE")]
    {
        let highs = head.iter().skip(high).step_by(2);
        let text_like = highs.filter(|&&b| b == 0x00 || b == 0x06).count();
        if text_like * 10 >= head.len() / 2 * 9 && !enc.decode_without_bom_handling(head).1 {
            return Some(name);
        }
    }
    None
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

/// Guesses the language: Latin letters `en`; Arabic script `fa` when its Persian evidence
/// (Persian-only letters, Persian function words) outweighs the Arabic (`ة`, `ى`, Arabic
/// function words), `ar` otherwise.
pub fn detect_lang(text: &str) -> Lang {
    // The four counts in the four lanes of one number ([`LANG_LANES`]): one addition a character.
    let mut counts = 0u128;
    let table = &*LANG_LANES;
    let bytes = text.as_bytes();
    let (mut i, mut chars) = (0, 0);
    while i < bytes.len() && chars < 200_000 {
        // One- and two-byte characters from the table, without decoding.
        let (w, n) = match crate::normalize::short_char_at(bytes, i) {
            Some((c, n)) => (table[c], n),
            None => {
                let c = text[i..].chars().next().expect("a character starts here");
                (lanes(lang_weights(c)), c.len_utf8())
            }
        };
        counts += w;
        i += n;
        chars += 1;
    }
    let lane = |k: u32| (counts >> (32 * k)) as u32 as usize;
    let (latin, arabic, fa, ar) = (lane(0), lane(1), lane(2), lane(3));
    if arabic == 0 && latin == 0 {
        Lang::Und
    } else if arabic >= latin {
        let (fa_words, ar_words) = function_words(text);
        if fa + 2 * fa_words > ar + 2 * ar_words { Lang::Fa } else { Lang::Ar }
    } else {
        Lang::En
    }
}

/// Function words only Persian has (`است`, `این`, `که`, `را`, `می`, …), and only Arabic
/// (`في`, `التي`, `الذي`, `هذه`, …), with the yeh and kaf folded to the Arabic letters: Persian
/// news written with Arabic `ي`/`ك` (as FarsNews writes it) is Persian by its words.
const FA_FUNCTION_WORDS: &[&str] = &[
    "است",
    "اين",
    "كه",
    "را",
    "از",
    "در",
    "با",
    "مي",
    "براي",
    "هاي",
    "ها",
    "شد",
    "شده",
    "كرد",
    "بود",
    "نيز",
    "وي",
    "اما",
    "تا",
    "يك",
    "خود",
    "بر",
    "آن",
    "ايشان",
    "هم",
    "اينكه",
    "كند",
];
const AR_FUNCTION_WORDS: &[&str] = &[
    "في",
    "التي",
    "الذي",
    "الذين",
    "هذه",
    "هذا",
    "إلى",
    "الى",
    "أن",
    "إن",
    "عن",
    "مع",
    "كان",
    "كانت",
    "قد",
    "لم",
    "لن",
    "ذلك",
    "حيث",
    "أو",
    "بين",
    "عند",
    "منذ",
    "وفي",
    "قال",
    "وقال",
];

/// How many words of (at most the first 64 KB of) `text` are Persian and Arabic function words.
fn function_words(text: &str) -> (usize, usize) {
    let mut cut = text.len().min(64 * 1024);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let (mut fa, mut ar) = (0, 0);
    let mut key = String::new();
    for w in text[..cut].split(|c: char| !(c.is_alphabetic() || c == '\u{200c}')) {
        if w.is_empty() || w.len() > 16 {
            continue;
        }
        key.clear();
        key.extend(w.chars().map(|c| match c {
            'ی' => 'ي',
            'ک' => 'ك',
            c => c,
        }));
        // `می‌شود`: the Persian verb prefix before a ZWNJ.
        let key = key.split('\u{200c}').next().unwrap_or("");
        if FA_FUNCTION_WORDS.contains(&key) {
            fa += 1;
        } else if AR_FUNCTION_WORDS.contains(&key) {
            ar += 1;
        }
    }
    (fa, ar)
}

/// What one character adds to [`detect_lang`]'s counts: Latin letters, Arabic-script letters,
/// Persian and Arabic evidence.
fn lang_weights(c: char) -> [u8; 4] {
    match c {
        'a'..='z' | 'A'..='Z' => [1, 0, 0, 0],
        'پ' | 'چ' | 'ژ' | 'گ' => [0, 1, 3, 0],
        'ی' | 'ک' => [0, 1, 1, 0],
        'ة' => [0, 1, 0, 3],
        // `ي` and `ك` are Persian too, as many Persian outlets write them: no evidence.
        'ى' => [0, 1, 0, 1],
        c if crate::normalize::is_arabic_letter(c) => [0, 1, 0, 0],
        _ => [0; 4],
    }
}

/// Weights `[latin, arabic, fa, ar]` as four 32-bit lanes of one number, latin lowest, so that
/// one addition adds all four: [`detect_lang`] reads at most 200,000 characters of weight at
/// most 3, far below a lane's 2^32, so no lane carries into the next.
fn lanes(w: [u8; 4]) -> u128 {
    w.iter().enumerate().map(|(k, &x)| u128::from(x) << (32 * k)).sum()
}

/// [`lanes`] of [`lang_weights`] of every character below U+0800, by code.
static LANG_LANES: std::sync::LazyLock<Vec<u128>> = std::sync::LazyLock::new(|| {
    (0..0x800u32)
        .map(|c| lanes(lang_weights(char::from_u32(c).expect("no surrogates below U+0800"))))
        .collect()
});

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

    // See: issue #14 item 7.
    #[test]
    fn utf16_without_bom_is_named() {
        let text = "قالت إيران: Iran said.\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        let e = decode(&le, Encoding::Auto).unwrap_err();
        assert_eq!(e, "looks like UTF-16LE text without a byte order mark: save it with a BOM or as UTF-8");
        assert!(decode(&be, Encoding::Auto).unwrap_err().starts_with("looks like UTF-16BE text"));
        assert!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\x01\x02", Encoding::Auto).unwrap_err().contains("binary")
        );
    }

    // See: issue #14 item 7.
    #[test]
    fn error_rows_say_no_encoding_and_dangling_links_are_rows() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("bin.txt"), b"\x00\x01\x02").unwrap();
        let f = InputFile { id: "bin.txt".into(), path: dir.path().join("bin.txt"), walk_error: None };
        let doc = read(&f, Encoding::Auto, 1000);
        assert!(matches!(doc.status, Status::Error(_)));
        assert_eq!(doc.encoding, "");
        #[cfg(unix)]
        {
            let link = dir.path().join("gone.txt");
            std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
            let files: Vec<InputFile> = Walk::new(&[link]).unwrap().collect();
            assert_eq!(files.len(), 1);
            let reason = files[0].walk_error.as_deref().unwrap();
            assert!(reason.starts_with("dangling symbolic link: "), "{reason}");
            assert_eq!(read(&files[0], Encoding::Auto, 1000).encoding, "");
        }
    }

    #[test]
    fn detects_language() {
        assert_eq!(detect_lang("وصفت إيران الجمعة الاتهامات بالسخيفة"), Lang::Ar);
        assert_eq!(detect_lang("سخنگوی وزارت نیرو آن گزارش را بی‌اساس دانست"), Lang::Fa);
        assert_eq!(detect_lang("Microsoft said Iranian hackers targeted a campaign"), Lang::En);
        assert_eq!(detect_lang("12 34"), Lang::Und);
    }

    /// Persian written with the Arabic yeh and kaf (`ي`, `ك`) is Persian by its function words;
    /// Arabic with a Persian letter in a foreign name stays Arabic.
    #[test]
    fn persian_with_arabic_yeh_and_kaf_is_persian() {
        for (text, want) in [
            ("وزير خارجه اين كشور اعلام كرد كه مذاكرات را ادامه مي‌دهد و اين موضوع مهم است", Lang::Fa),
            ("رييس سازمان در ديدار با مردم شهر اعلام كرد اين طرح براي مردم است", Lang::Fa),
            ("وي افزود كه اين برنامه از سال آينده اجرا مي‌شود", Lang::Fa),
            ("قال الوزير في المؤتمر إن الحكومة التي تشكلت حديثا ستعمل مع الشركاء", Lang::Ar),
            ("وصل اللاعب پيتر إلى المدينة التي استضافت البطولة في الصيف", Lang::Ar),
            ("سخنگوی وزارت نیرو آن گزارش را بی‌اساس دانست", Lang::Fa),
        ] {
            assert_eq!(detect_lang(text), want, "{text}");
        }
    }

    fn ids(paths: &[PathBuf]) -> Vec<String> {
        Walk::new(paths).unwrap().map(|f| f.id).collect()
    }

    #[test]
    fn walk_meets_doc_ids_in_string_order() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "a-b.txt",
            "a/x.txt",
            "a/y/z.txt",
            "a.txt",
            "a0.txt",
            "B.txt",
            "b/c/d.txt",
            "b.c.txt",
            "ab.txt",
            "a/Y.txt",
            "a/y.txt",
            "notes.md",
            "ü.txt",
            "z/UPPER.TXT",
        ];
        for n in names {
            let p = dir.path().join(n);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(&p, "x").unwrap();
        }
        let got = ids(&[dir.path().to_path_buf()]);
        let mut want: Vec<String> =
            names.iter().filter(|n| !n.ends_with(".md")).map(|n| n.to_string()).collect();
        want.sort();
        assert_eq!(got, want);
    }

    #[test]
    fn walks_of_several_paths_merge_by_doc_id() {
        let (one, two) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        for (d, n) in [(&one, "b.txt"), (&one, "d.txt"), (&two, "a.txt"), (&two, "c.txt"), (&two, "e.txt")] {
            fs::write(d.path().join(n), n).unwrap();
        }
        let paths = [one.path().to_path_buf(), two.path().to_path_buf()];
        let files: Vec<InputFile> = Walk::new(&paths).unwrap().collect();
        let got: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(got, ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]);
        assert!(files[1].path.starts_with(one.path()) && files[2].path.starts_with(two.path()));
    }

    fn ids_and_errors(paths: &[PathBuf]) -> Vec<(String, bool)> {
        Walk::new(paths).unwrap().map(|f| (f.id, f.walk_error.is_some())).collect()
    }

    // See: issue #14 item 2.
    #[test]
    fn doc_ids_never_repeat_across_paths() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for n in ["one/x.txt", "one/only1.txt", "two/x.txt", "three/en/a.txt", "four/en/b.txt", "five/z.txt"]
        {
            let p = d.join(n);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(&p, n).unwrap();
        }
        // A single path: doc_ids as SCHEMA §1 has them.
        assert_eq!(ids(&[d.join("one")]), ["only1.txt", "x.txt"]);
        // Two folders that each hold x.txt: both are prefixed with their folder's name.
        assert_eq!(ids(&[d.join("one"), d.join("two")]), ["one/only1.txt", "one/x.txt", "two/x.txt"]);
        // A folder whose names meet no other path's keeps its ids.
        assert_eq!(
            ids(&[d.join("one"), d.join("two"), d.join("five")]),
            ["one/only1.txt", "one/x.txt", "two/x.txt", "z.txt"]
        );
        // Sub-folders of the same name meet too.
        assert_eq!(ids(&[d.join("three"), d.join("four")]), ["four/en/b.txt", "three/en/a.txt"]);
        // The same path twice, or a file or folder inside a given folder, is read once.
        assert_eq!(ids(&[d.join("one"), d.join("one")]), ["only1.txt", "x.txt"]);
        assert_eq!(ids(&[d.join("one"), d.join("one/x.txt")]), ["only1.txt", "x.txt"]);
        assert_eq!(ids(&[d.join("one/x.txt"), d.join("one")]), ["only1.txt", "x.txt"]);
        assert_eq!(ids(&[d.to_path_buf(), d.join("two")]).len(), 6);
        // Two files of the same name named directly: their folders' names tell them apart.
        assert_eq!(ids(&[d.join("one/x.txt"), d.join("two/x.txt")]), ["one/x.txt", "two/x.txt"]);
        // Folders of the same name: as much of their paths as it takes.
        let (a, b) = (d.join("p/in"), d.join("q/in"));
        for (dir, n) in [(&a, "x.txt"), (&b, "x.txt")] {
            fs::create_dir_all(dir).unwrap();
            fs::write(dir.join(n), n).unwrap();
        }
        assert_eq!(ids(&[a, b]), ["p/in/x.txt", "q/in/x.txt"]);
    }

    // See: issue #14 item 2.
    #[cfg(target_os = "linux")]
    #[test]
    fn names_that_decode_alike_are_one_error_row() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let name = |b: &[u8]| std::ffi::OsStr::from_bytes(b).to_os_string();
        fs::write(d.join(name(b"a\xff.txt")), "x").unwrap();
        fs::write(d.join(name(b"a\xfe.txt")), "y").unwrap();
        fs::write(d.join("b.txt"), "z").unwrap();
        for sub in [&b"s\xff"[..], b"s\xfe"] {
            fs::create_dir(d.join(name(sub))).unwrap();
            fs::write(d.join(name(sub)).join("x.txt"), "w").unwrap();
        }
        let files: Vec<InputFile> = Walk::new(&[d.to_path_buf()]).unwrap().collect();
        let got: Vec<(String, bool)> = files.iter().map(|f| (f.id.clone(), f.walk_error.is_some())).collect();
        assert_eq!(
            got,
            [
                ("a\u{FFFD}.txt".to_string(), true),
                ("b.txt".to_string(), false),
                ("s\u{FFFD}/".to_string(), true)
            ]
        );
        let reason = files[0].walk_error.as_deref().unwrap();
        assert!(reason.starts_with("doc_id collision: ") && reason.matches(".txt").count() == 2, "{reason}");
        assert!(files[2].walk_error.as_deref().unwrap().contains("folders"), "{:?}", files[2]);
        assert_eq!(ids_and_errors(&[d.to_path_buf()]).iter().filter(|(_, e)| *e).count(), 2);
    }

    #[test]
    fn walk_of_nothing_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("x.md"), "x").unwrap();
        let e = Walk::new(&[dir.path().to_path_buf()]).unwrap_err().to_string();
        assert!(e.contains("no .txt document found"), "{e}");
    }
}
