//! The textbook single pass: the yardstick `scripts/bench.sh` measures `isnad extract` against
//! (issue #14). It shares no code with isnad: its fold, alias loader and boundary check are
//! written here from scratch, so it is an independent floor, not isnad's own `--bare-scan`.
//!
//! ```sh
//! cargo build --release --example textbook
//! target/release/examples/textbook CORPUS --gazetteers gazetteers --gazetteers GAZ --jobs 2
//! ```
//!
//! What it does, and nothing more:
//!
//! 1. loads the `alias` column of every `*.tsv` file in each `--gazetteers` folder (a file of the
//!    same name in a later folder replaces the earlier one, as `isnad --gazetteers` replaces a
//!    built-in file; blank lines and `#` comments skipped, the first other line is the header),
//!    folds each alias and builds one `aho-corasick` automaton over them (`MatchKind::
//!    LeftmostLongest`: one non-overlapping scan keeping the longest alias at each position, the
//!    usual semantics for a gazetteer);
//! 2. reads every `.txt` file under the corpus folder (sorted walk), decodes it as UTF-8 (lossy),
//!    folds it ([`fold`]) and scans it once;
//! 3. keeps a hit when the letters before it in its word are a proclitic sequence ([`PROCLITICS`])
//!    and the hit ends a word; counts the kept hits.
//!
//! Documents run on a rayon pool of `--jobs` threads. It prints one line,
//! `textbook: documents=N bytes=B matches=M load_s=S scan_s=S`, where `load_s` is step 1 and
//! `scan_s` is steps 2 and 3 (the walk included).

use std::path::{Path, PathBuf};
use std::time::Instant;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

/// Letter sequences allowed before a name inside its word: conjunctions `و` `ف`, prepositions
/// `ب` `ل` `ك`, the article `ال` and their combinations (folded).
const PROCLITICS: &[&str] = &[
    "", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "وب", "ول", "وك", "فب", "فل", "فك",
    "وبال", "وكال", "فبال", "ولل", "فلل",
];

/// The most letters a proclitic sequence has.
const MAX_PROCLITIC_LETTERS: usize = 4;

/// Folds one character: `None` deletes it, otherwise its replacement.
///
/// Arabic and Persian: diacritics (U+064B–U+065F, U+0670) and tatweel are deleted; alef with
/// hamza or madda and alef wasla become bare alef; teh marbuta becomes heh; alef maksura and
/// Persian yeh become Arabic yeh; Persian kaf becomes Arabic kaf; the zero-width non-joiner
/// becomes a space. Latin: ASCII letters are lowercased. Everything else is kept.
fn fold_char(c: char) -> Option<char> {
    match c {
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => None,
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ة' => Some('ه'),
        'ى' | 'ی' => Some('ي'),
        'ک' => Some('ك'),
        '\u{200C}' => Some(' '),
        _ => Some(c.to_ascii_lowercase()),
    }
}

/// Folds `text` into `out` (cleared first) with [`fold_char`].
fn fold(text: &str, out: &mut String) {
    out.clear();
    out.reserve(text.len());
    out.extend(text.chars().filter_map(fold_char));
}

/// The aliases of a TSV file: the `alias` column of every record after the header.
fn aliases_of(text: &str) -> Vec<&str> {
    let mut lines = text
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    let Some(header) = lines.next() else { return Vec::new() };
    let Some(col) = header.trim_start_matches('\u{FEFF}').split('\t').position(|h| h.trim() == "alias")
    else {
        return Vec::new();
    };
    lines.filter_map(|l| l.split('\t').nth(col)).map(str::trim).filter(|a| !a.is_empty()).collect()
}

/// The `*.tsv` files of `dirs`, a later folder's file replacing an earlier one of the same name.
fn tsv_files(dirs: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        let mut here: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
            .collect();
        here.sort();
        for p in here {
            files.retain(|f| f.file_name() != p.file_name());
            files.push(p);
        }
    }
    Ok(files)
}

/// Step 1: every folded alias of the gazetteer folders, de-duplicated, in one automaton.
#[inline(never)]
fn load_automaton(dirs: &[PathBuf]) -> std::io::Result<(AhoCorasick, usize)> {
    let mut keys: Vec<String> = Vec::new();
    for path in tsv_files(dirs)? {
        let text = std::fs::read_to_string(&path)?;
        for alias in aliases_of(&text) {
            let mut key = String::new();
            fold(alias, &mut key);
            keys.push(key);
        }
    }
    keys.sort_unstable();
    keys.dedup();
    let n = keys.len();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&keys)
        .map_err(std::io::Error::other)?;
    Ok((ac, n))
}

/// Whether a hit at `start..end` of `text` starts after a proclitic sequence (or a non-letter)
/// and ends a word.
fn at_word(text: &str, start: usize, end: usize) -> bool {
    let ends_word = text[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    if !ends_word {
        return false;
    }
    let before = &text[..start];
    let word_start = before
        .char_indices()
        .rev()
        .take(MAX_PROCLITIC_LETTERS + 1)
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map_or(start, |(i, _)| i);
    PROCLITICS.contains(&&text[word_start..start])
}

/// Steps 2 and 3 for one file: read, fold, scan; the bytes read and the hits kept.
fn scan_file(ac: &AhoCorasick, path: &Path, folded: &mut String) -> (usize, usize) {
    let bytes = std::fs::read(path).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    fold(&text, folded);
    let hits = ac.find_iter(folded.as_str()).filter(|m| at_word(folded, m.start(), m.end())).count();
    (bytes.len(), hits)
}

/// Every `.txt` file under `root`, in sorted order.
fn walk(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"))
        .map(walkdir::DirEntry::into_path)
        .collect()
}

/// The command line: `CORPUS [--gazetteers DIR]... [--jobs N]`.
struct Args {
    corpus: PathBuf,
    gazetteers: Vec<PathBuf>,
    jobs: usize,
}

/// Parses the command line, or explains it.
fn args() -> Result<Args, String> {
    let mut corpus = None;
    let mut gazetteers = Vec::new();
    let mut jobs = 1;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--gazetteers" => gazetteers.push(PathBuf::from(it.next().ok_or("--gazetteers needs a folder")?)),
            "--jobs" => jobs = it.next().and_then(|j| j.parse().ok()).ok_or("--jobs needs a number")?,
            _ if corpus.is_none() && !a.starts_with('-') => corpus = Some(PathBuf::from(a)),
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    let corpus = corpus.ok_or("usage: textbook CORPUS [--gazetteers DIR]... [--jobs N]")?;
    Ok(Args { corpus, gazetteers, jobs })
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = args()?;
    let t0 = Instant::now();
    let (ac, aliases) = load_automaton(&args.gazetteers)?;
    let load_s = t0.elapsed().as_secs_f64();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.jobs).build()?;
    let t1 = Instant::now();
    let files = walk(&args.corpus);
    let (bytes, matches) = pool.install(|| {
        files
            .par_iter()
            .map_init(String::new, |folded, path| scan_file(&ac, path, folded))
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    let scan_s = t1.elapsed().as_secs_f64();
    println!(
        "textbook: documents={} bytes={bytes} matches={matches} aliases={aliases} load_s={load_s:.3} scan_s={scan_s:.3}",
        files.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_and_checks_proclitics() {
        let mut s = String::new();
        fold("الرِّياض وأمريكا", &mut s);
        assert_eq!(s, "الرياض وامريكا");
        assert!(at_word("والرياض قال", "وال".len(), "والرياض".len()));
        assert!(!at_word("سالرياض", "سال".len(), "سالرياض".len()));
        assert!(!at_word("الرياضة", "".len(), "الرياض".len()));
    }
}
