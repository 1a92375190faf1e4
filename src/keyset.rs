//! The gazetteer's multi-pattern search: every occurrence of every normalized alias key in a
//! normalized text, overlapping, as one Aho-Corasick scan.
//!
//! Two things keep a gazetteer of a million aliases cheap to compile and to scan:
//!
//! - **Packed text.** The automaton reads one byte per character (see
//!   [`crate::normalize::pack_char`]) instead of UTF-8, where every Arabic and Persian letter
//!   takes two bytes.
//! - **First words in the automaton, the rest in a sorted table.** Gazetteer aliases are mostly
//!   several words (`وزارة الخارجية الروسية`, `Office of the Director of National Intelligence`),
//!   and a million of them share far fewer first words. The automaton holds each distinct first
//!   word once; the rest of every key (from its first space) sits in one table sorted by first
//!   word and bytes. Where the automaton finds a first word, the table is narrowed byte by byte
//!   along the text that follows it — an implicit trie — and every key that ends on the way is
//!   an occurrence. The result is exactly what one automaton over the whole keys reports (a
//!   unit test checks it), with a trie over first words only: building an automaton costs time
//!   per state, and sorting a table does not.
//!
//! The stages' scan ([`KeySet::word_occurrences`]) looks for first words only where a word may
//! start, walking them in a double-array trie (`src/trie.rs`) instead of the automaton, which
//! the unanchored scan ([`KeySet::occurrences`], `extract --bare-scan`) still uses.

use std::collections::HashMap;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Input, MatchKind};
use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::gazetteer::{ARTICLE_PREFIXES, PERSIAN_SUFFIXES, PLAIN_PREFIXES};
use crate::normalize::{Normalized, PACK_OTHER, is_word_char, pack, pack_char};
use crate::trie::{self, ByteTrie};

/// No key.
const NONE: u32 = u32::MAX;

/// A distinct first word.
#[derive(Debug, Clone, Copy)]
struct Head {
    /// The key that is this word alone, or [`NONE`].
    key: u32,
    /// The range of [`KeySet::tails`] that continue this word.
    lo: u32,
    hi: u32,
    /// The least and greatest second byte of those tails (the byte after their space), so that
    /// a text going on with another byte leaves the table untouched; `0..=255` when a tail is
    /// the space alone.
    low1: u8,
    high1: u8,
    /// The word starts with a letter or digit of its own code: what precedes an occurrence in
    /// its word must be a proclitic sequence ([`KeySet::word_occurrences`]).
    starts_word: bool,
}

impl Head {
    /// Whether some tail of this word may follow its occurrence that ends at packed position
    /// `end`. Every tail starts with the space after its first word: where the text goes on
    /// with anything else (most first words are found inside longer words), or with a byte no
    /// tail has second, the table is not touched at all.
    #[inline]
    fn tails_may_follow(&self, bytes: &[u8], end: usize) -> bool {
        let second = bytes.get(end + 1).copied();
        self.lo != self.hi
            && bytes.get(end) == Some(&b' ')
            && ((self.low1, self.high1) == (0, u8::MAX)
                || second.is_some_and(|b| b >= self.low1 && b <= self.high1))
    }
}

/// What may follow an occurrence of a key inside its word ([`KeySet::word_occurrences`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// Anything: the key ends with a non-letter (or a character without a code), or it is a
    /// stem.
    Free,
    /// Nothing, or one of the suffixes an alias may take ([`PERSIAN_SUFFIXES`]).
    Word,
}

/// A bit of a packed byte's class for the boundary checks: part of a word ([`is_word_char`]).
const WORD: u8 = 1;
/// [`PACK_OTHER`]: the character could be part of a word or not, so a check that meets it
/// leaves the occurrence to the stage.
const UNKNOWN: u8 = 2;
/// A letter of some proclitic sequence.
const CLITIC: u8 = 4;
/// A letter of some suffix.
const SUFFIX: u8 = 8;

/// The most letters of a proclitic sequence or a suffix.
const MAX_AFFIX: usize = 4;

/// The word affixes [`KeySet::word_occurrences`] lets an occurrence have, packed.
#[derive(Debug, Clone)]
struct Affixes {
    /// The class bits of each packed byte.
    class: [u8; 256],
    /// The proclitic sequences every stage accepts before a word (the gazetteer's, which the
    /// phrases and the rule anchors share), the empty one left out, as [`Affixes::code`]s of
    /// their letters read backwards; sorted.
    proclitics: Vec<u32>,
    /// The suffixes any stage accepts after a key that is not a stem, as codes of their letters
    /// read forwards; sorted.
    suffixes: Vec<u32>,
}

impl Affixes {
    fn new() -> Affixes {
        let mut class = [0; 256];
        for c in (0..0x2030u32).filter_map(char::from_u32) {
            let b = pack_char(c);
            if b != PACK_OTHER && is_word_char(c) {
                class[b as usize] = WORD;
            }
        }
        class[PACK_OTHER as usize] = UNKNOWN;
        let codes = |lists: &[&[&str]], bit: u8, class: &mut [u8; 256], backwards: bool| {
            let mut codes: Vec<u32> = Vec::new();
            for a in lists.iter().flat_map(|l| l.iter()).filter(|a| !a.is_empty()) {
                let mut letters: Vec<u8> = a.chars().map(pack_char).collect();
                assert!(letters.len() <= MAX_AFFIX, "affix {a} is longer than {MAX_AFFIX} letters");
                letters.iter().for_each(|&b| class[b as usize] |= bit);
                if backwards {
                    letters.reverse();
                }
                codes.push(letters.iter().fold(0, |code, &b| Affixes::code(code, b)));
            }
            codes.sort_unstable();
            codes
        };
        let proclitics = codes(&[PLAIN_PREFIXES, ARTICLE_PREFIXES], CLITIC, &mut class, true);
        let suffixes = codes(&[PERSIAN_SUFFIXES], SUFFIX, &mut class, false);
        Affixes { class, proclitics, suffixes }
    }

    /// `code` with one more letter: the packed bytes of at most [`MAX_AFFIX`] letters (none of
    /// them 0) in one number.
    #[inline]
    fn code(code: u32, b: u8) -> u32 {
        code << 8 | u32::from(b)
    }

    /// Whether the letters of the word around packed position `at`, read backwards (`back`)
    /// or forwards from it up to the end of the word, are none or one of `list` (letters with
    /// the class bit `bit`). A character without a code of its own answers yes: the stage
    /// decides.
    #[inline]
    fn affix_ok(&self, bytes: &[u8], at: usize, back: bool, bit: u8, list: &[u32]) -> bool {
        let (mut code, mut n) = (0, 0);
        loop {
            let b = if back { at.checked_sub(n + 1).map(|i| bytes[i]) } else { bytes.get(at + n).copied() };
            let Some(b) = b else { break };
            let class = self.class[b as usize];
            if class == 0 {
                break;
            }
            if class & UNKNOWN != 0 {
                return true;
            }
            if class & bit == 0 || n == MAX_AFFIX {
                return false;
            }
            code = Affixes::code(code, b);
            n += 1;
        }
        n == 0 || list.binary_search(&code).is_ok()
    }

    /// Whether an occurrence may start at packed position `at`: at a word start, or after a
    /// proclitic sequence.
    #[inline]
    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        self.affix_ok(bytes, at, true, CLITIC, &self.proclitics)
    }

    /// Whether an occurrence of a key that ends as `end` may end at packed position `at`: at a
    /// word end, or before a suffix.
    #[inline]
    fn may_end(&self, bytes: &[u8], at: usize, end: End) -> bool {
        end == End::Free || self.affix_ok(bytes, at, false, SUFFIX, &self.suffixes)
    }
}

/// The rest of a multi-word key, from its first space: `len` packed bytes at `start` of
/// [`KeySet::tail_bytes`], the first eight of them also in `head8` (big-endian, zero-padded)
/// so that narrowing the table rarely leaves it.
#[derive(Debug, Clone, Copy)]
struct Tail {
    head8: u64,
    start: u32,
    len: u32,
    key: u32,
}

/// A compiled set of normalized keys.
#[derive(Debug, Clone)]
pub struct KeySet {
    /// The automaton over the packed first words that start with a letter or digit of their own
    /// code ([`Head::starts_word`]), which [`KeySet::occurrences`] scans unanchored.
    words: contiguous::NFA,
    /// The same first words as a trie whose values are their [`KeySet::heads`] indexes:
    /// [`KeySet::word_occurrences`] walks it only where such a word may start.
    word_trie: ByteTrie,
    /// The [`KeySet::heads`] index of each pattern of `words`.
    word_heads: Vec<u32>,
    /// Whether some first word in `words` starts with this packed byte.
    word_first: [bool; 256],
    /// The automaton over the other first words (a key that starts with a space, a mark or a
    /// character without a code), scanned unanchored; `None` when there are none.
    free: Option<AhoCorasick>,
    /// The [`KeySet::heads`] index of each pattern of `free`.
    free_heads: Vec<u32>,
    /// Per distinct first word.
    heads: Vec<Head>,
    /// Sorted by first word, then by bytes.
    tails: Vec<Tail>,
    tail_bytes: Vec<u8>,
    /// The normalized text of each key whose packed form holds [`PACK_OTHER`] (a character
    /// with no code of its own): its occurrences are checked against the normalized text.
    verify: HashMap<u32, Box<str>>,
    /// Whether key `i` is in `verify` (a hash lookup per occurrence would cost more).
    needs_verify: Vec<bool>,
    /// What may follow key `i` in its word.
    ends: Vec<End>,
    affixes: Affixes,
}

impl KeySet {
    /// Compiles `keys` (normalized, non-empty, distinct). Occurrences name a key by its index.
    pub fn new(keys: &[String]) -> Result<KeySet> {
        KeySet::with_stems(keys, &[])
    }

    /// Like [`KeySet::new`], where key `i` is a stem when `stems[i]` (missing: not a stem):
    /// [`KeySet::word_occurrences`] lets any letters follow it in its word.
    pub fn with_stems(keys: &[String], stems: &[bool]) -> Result<KeySet> {
        if keys.len() >= NONE as usize {
            return Err(Error::data("gazetteers", None, format!("too many aliases ({})", keys.len())));
        }
        if keys.iter().any(String::is_empty) {
            return Err(Error::data("gazetteers", None, "an alias normalizes to nothing".to_string()));
        }
        let packed: Vec<Vec<u8>> = keys.par_iter().map(|k| k.chars().map(pack_char).collect()).collect();
        let needs_verify: Vec<bool> = packed.iter().map(|p| p.contains(&PACK_OTHER)).collect();
        let verify = (0..keys.len())
            .filter(|&i| needs_verify[i])
            .map(|i| (i as u32, keys[i].as_str().into()))
            .collect();
        let mut head_ids: HashMap<&[u8], u32> = HashMap::new();
        let mut head_words: Vec<&[u8]> = Vec::new();
        let mut heads: Vec<Head> = Vec::new();
        let mut tails: Vec<(u32, Tail)> = Vec::new();
        let mut tail_bytes: Vec<u8> = Vec::new();
        for (key, p) in packed.iter().enumerate() {
            // The first word is never empty, even for a key that starts with a space.
            let (word, rest) =
                p.split_at(p.iter().skip(1).position(|&b| b == b' ').map_or(p.len(), |i| i + 1));
            let head = *head_ids.entry(word).or_insert_with(|| {
                head_words.push(word);
                let first = keys[key].chars().next().filter(|&c| pack_char(c) != PACK_OTHER);
                let starts_word = first.is_some_and(is_word_char);
                heads.push(Head { key: NONE, lo: 0, hi: 0, low1: 0, high1: u8::MAX, starts_word });
                (heads.len() - 1) as u32
            });
            if rest.is_empty() {
                heads[head as usize].key = key as u32;
            } else {
                let mut head8 = [0u8; 8];
                let n = rest.len().min(8);
                head8[..n].copy_from_slice(&rest[..n]);
                let head8 = u64::from_be_bytes(head8);
                let tail =
                    Tail { head8, start: tail_bytes.len() as u32, len: rest.len() as u32, key: key as u32 };
                tails.push((head, tail));
                tail_bytes.extend_from_slice(rest);
            }
        }
        let bytes = |t: &Tail| &tail_bytes[t.start as usize..(t.start + t.len) as usize];
        tails.par_sort_unstable_by(|(ha, a), (hb, b)| ha.cmp(hb).then_with(|| bytes(a).cmp(bytes(b))));
        let mut start = 0;
        while start < tails.len() {
            let head = tails[start].0;
            let end = start + tails[start..].partition_point(|(h, _)| *h == head);
            let h = &mut heads[head as usize];
            (h.lo, h.hi) = (start as u32, end as u32);
            let (first, last) = (&tails[start].1, &tails[end - 1].1);
            if first.len > 1 {
                (h.low1, h.high1) = ((first.head8 >> 48) as u8, (last.head8 >> 48) as u8);
            }
            start = end;
        }
        let tails: Vec<Tail> = tails.into_iter().map(|(_, t)| t).collect();
        let compile_error = |e: aho_corasick::BuildError| {
            Error::data("gazetteers", None, format!("cannot compile gazetteer: {e}"))
        };
        let (word_heads, free_heads): (Vec<u32>, Vec<u32>) =
            (0..heads.len() as u32).partition(|&h| heads[h as usize].starts_word);
        let mut word_first = [false; 256];
        word_heads.iter().for_each(|&h| word_first[head_words[h as usize][0] as usize] = true);
        let words = contiguous::NFA::builder()
            .match_kind(MatchKind::Standard)
            .build(word_heads.iter().map(|&h| head_words[h as usize]))
            .map_err(compile_error)?;
        let free = if free_heads.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(free_heads.iter().map(|&h| head_words[h as usize]))
                    .map_err(compile_error)?,
            )
        };
        let ends = keys
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let last = k.chars().next_back().filter(|&c| pack_char(c) != PACK_OTHER);
                let stem = stems.get(i).copied().unwrap_or(false);
                if !stem && last.is_some_and(is_word_char) { End::Word } else { End::Free }
            })
            .collect();
        let word_trie = ByteTrie::new(
            &word_heads.iter().map(|&h| head_words[h as usize]).collect::<Vec<_>>(),
            &word_heads,
        );
        Ok(KeySet {
            words,
            word_trie,
            word_heads,
            word_first,
            free,
            free_heads,
            heads,
            tails,
            tail_bytes,
            verify,
            needs_verify,
            ends,
            affixes: Affixes::new(),
        })
    }

    /// Byte `k` of tail `t` (`k < t.len`).
    #[inline]
    fn byte(&self, t: &Tail, k: usize) -> u8 {
        if k < 8 { (t.head8 >> (56 - 8 * k)) as u8 } else { self.tail_bytes[t.start as usize + k] }
    }

    /// Every occurrence of every key in `norm` (normalized text), overlapping, as
    /// `(start, end, key)` in normalized bytes, in no particular order.
    pub fn occurrences(&self, norm: &str) -> Vec<(usize, usize, usize)> {
        let (mut bytes, mut offsets) = (Vec::with_capacity(norm.len()), Vec::with_capacity(norm.len() + 1));
        pack(norm, &mut bytes, &mut offsets);
        self.find(norm, &bytes, &offsets, false)
    }

    /// [`KeySet::occurrences`] in a normalized text whose packed view
    /// ([`Normalized::packed`]) is made already.
    pub fn occurrences_in(&self, norm: &Normalized) -> Vec<(usize, usize, usize)> {
        let (bytes, offsets) = norm.packed();
        self.find(&norm.text, bytes, offsets, false)
    }

    /// The [`KeySet::occurrences`] that can be words (in the same order): an occurrence of a
    /// key that starts with a letter or digit starts its word or follows a proclitic sequence
    /// (`و`, `بال`, … [`PLAIN_PREFIXES`], [`ARTICLE_PREFIXES`]), and one of a key that ends
    /// with one ends its word or is followed by a suffix ([`PERSIAN_SUFFIXES`]) unless the key
    /// is a stem. This is what [`crate::gazetteer::word_span`] accepts with the most lenient
    /// arguments any stage gives it, so no stage loses an occurrence it would keep; most raw
    /// occurrences are short words inside longer ones, and are dropped before they are
    /// materialized.
    pub fn word_occurrences(&self, norm: &Normalized) -> Vec<(usize, usize, usize)> {
        let (bytes, offsets) = norm.packed();
        self.find(&norm.text, bytes, offsets, true)
    }

    /// [`KeySet::occurrences`], or with `in_words` [`KeySet::word_occurrences`], in `norm`
    /// whose packed view is `bytes`, packed position `i` being byte `offsets[i]` of `norm`.
    fn find(&self, norm: &str, bytes: &[u8], offsets: &[u32], in_words: bool) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let affixes = &self.affixes;
        let mut push = |bytes: &[u8], s: usize, e: usize, key: u32| {
            if in_words && !affixes.may_end(bytes, e, self.ends[key as usize]) {
                return;
            }
            let (s, e) = (offsets[s] as usize, offsets[e] as usize);
            if !self.needs_verify[key as usize] || self.verify.get(&key).is_none_or(|k| norm[s..e] == **k) {
                out.push((s, e, key as usize));
            }
        };
        for (start, end, head) in self.first_words(bytes, in_words) {
            let head = self.heads[head as usize];
            if head.key != NONE {
                push(bytes, start, end, head.key);
            }
            // Every tail in `lo..hi` agrees with the text on its first `k` bytes and is longer.
            if !head.tails_may_follow(bytes, end) {
                continue;
            }
            let (mut lo, mut hi) = (head.lo as usize, head.hi as usize);
            let (mut pos, mut k) = (end, 0);
            while lo < hi && pos < bytes.len() {
                let b = bytes[pos];
                let (low, high) = (self.byte(&self.tails[lo], k), self.byte(&self.tails[hi - 1], k));
                if b < low || b > high {
                    break;
                }
                if low != high {
                    let range = &self.tails[lo..hi];
                    let first = if b == low { 0 } else { range.partition_point(|t| self.byte(t, k) < b) };
                    let past =
                        if b == high { range.len() } else { range.partition_point(|t| self.byte(t, k) <= b) };
                    (lo, hi) = (lo + first, lo + past);
                }
                (pos, k) = (pos + 1, k + 1);
                if lo < hi && self.tails[lo].len as usize == k {
                    push(bytes, start, pos, self.tails[lo].key);
                    lo += 1;
                }
            }
        }
        out
    }

    /// Whether the occurrence of first word `head` that ends at packed position `end` may be
    /// (the start of) an occurrence of a key that can be a word: the word alone ends where it
    /// may ([`Affixes::may_end`]), or a tail may follow it ([`Head::tails_may_follow`]).
    #[inline(always)]
    fn may_lead(&self, bytes: &[u8], end: usize, head: u32) -> bool {
        let head = &self.heads[head as usize];
        head.key != NONE && self.affixes.may_end(bytes, end, self.ends[head.key as usize])
            || head.tails_may_follow(bytes, end)
    }

    /// The occurrences of first words in `bytes` (packed), as `(start, end, head)` in packed
    /// positions, in the order one overlapping scan over every first word reports them: by end,
    /// then the longest first. With `in_words`, a word that starts with a letter or digit
    /// ([`Head::starts_word`]) only where it may start a word ([`Affixes::may_start`]): it is
    /// looked for there alone, by a walk of [`KeySet::word_trie`], instead of everywhere,
    /// and only the occurrences that may lead to a key that can be a word
    /// ([`KeySet::may_lead`]) are kept.
    fn first_words(&self, bytes: &[u8], in_words: bool) -> Vec<(usize, usize, u32)> {
        let mut found: Vec<(usize, usize, u32)> = Vec::new();
        if in_words {
            let class = &self.affixes.class;
            // The letters since the last character that is not one (or has no code of its own):
            // past MAX_AFFIX of them, no occurrence may start.
            let mut run = 0;
            for (at, &b) in bytes.iter().enumerate() {
                let c = class[b as usize];
                if self.word_first[b as usize]
                    && (run == 0 || run <= MAX_AFFIX && self.affixes.may_start(bytes, at))
                {
                    let mut state = trie::ROOT;
                    for (end, &b) in bytes.iter().enumerate().skip(at) {
                        let Some(next) = self.word_trie.step(state, b) else { break };
                        state = next;
                        if let Some(h) = self.word_trie.value(state)
                            && self.may_lead(bytes, end + 1, h)
                        {
                            found.push((at, end + 1, h));
                        }
                    }
                }
                run = if c == 0 || c & UNKNOWN != 0 { 0 } else { run + 1 };
            }
        } else {
            let input = Input::new(bytes);
            let iter = self.words.try_find_overlapping_iter(input).expect("an unanchored scan cannot fail");
            found.extend(iter.map(|m| (m.start(), m.end(), self.word_heads[m.pattern().as_usize()])));
        }
        if let Some(free) = &self.free {
            found.extend(
                free.find_overlapping_iter(bytes)
                    .map(|m| (m.start(), m.end(), self.free_heads[m.pattern().as_usize()]))
                    .filter(|&(_, end, h)| !in_words || self.may_lead(bytes, end, h)),
            );
        }
        // Nearly sorted already (by start, then end): the stable sort takes the runs as they are.
        found.sort_by_key(|&(start, end, _)| (end, start));
        found
    }
}

/// The stage a key of a [`Scan`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Gazetteer aliases.
    Gazetteer = 0,
    /// Lexicon phrases (cues, stance words, titles, …).
    Phrases = 1,
    /// The words that anchor pattern rules (months, currencies, titles).
    Anchors = 2,
}

/// One scan for every stage that looks for fixed strings: the keys of the gazetteer, the
/// lexicon phrases and the rule anchors compiled into one [`KeySet`], so a document is scanned
/// once, and each stage gets its own occurrences back, numbered as its own keys.
#[derive(Debug, Clone)]
pub struct Scan {
    set: KeySet,
    /// The (stage, key) a key of `set` stands for, and the index in `shared` of its further
    /// owners ([`NONE`] when it has none).
    owners: Vec<(Part, u32, u32)>,
    /// Further owners of the keys that two stages share (a month name is an anchor and a phrase).
    shared: Vec<Vec<(Part, u32)>>,
}

impl Scan {
    /// Compiles the keys of each stage, `(stage, keys, stems)`: key `i` of a stage is a stem
    /// (any letters may follow it in its word) when `stems[i]` (missing: not a stem).
    pub fn new(parts: &[(Part, &[String], &[bool])]) -> Result<Scan> {
        let mut index: HashMap<&str, u32> = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut stem_keys: Vec<bool> = Vec::new();
        let mut owners: Vec<(Part, u32, u32)> = Vec::new();
        let mut shared: Vec<Vec<(Part, u32)>> = Vec::new();
        for &(part, list, stems) in parts {
            for (i, k) in list.iter().enumerate() {
                if k.is_empty() {
                    continue;
                }
                let stem = stems.get(i).copied().unwrap_or(false);
                match index.get(k.as_str()) {
                    Some(&u) => {
                        stem_keys[u as usize] |= stem;
                        let more = &mut owners[u as usize].2;
                        if *more == NONE {
                            *more = shared.len() as u32;
                            shared.push(Vec::new());
                        }
                        shared[*more as usize].push((part, i as u32));
                    }
                    None => {
                        index.insert(k, keys.len() as u32);
                        keys.push(k.clone());
                        stem_keys.push(stem);
                        owners.push((part, i as u32, NONE));
                    }
                }
            }
        }
        Ok(Scan { set: KeySet::with_stems(&keys, &stem_keys)?, owners, shared })
    }

    /// The occurrences of every stage's keys in `norm` that can be words
    /// ([`KeySet::word_occurrences`]), indexed by [`Part`].
    pub fn run(&self, norm: &Normalized) -> [Vec<(usize, usize, usize)>; 3] {
        let mut out: [Vec<(usize, usize, usize)>; 3] = Default::default();
        for (s, e, key) in self.set.word_occurrences(norm) {
            let (part, i, more) = self.owners[key];
            out[part as usize].push((s, e, i as usize));
            if more != NONE {
                for &(part, i) in &self.shared[more as usize] {
                    out[part as usize].push((s, e, i as usize));
                }
            }
        }
        out
    }

    /// The number of raw occurrences in `norm` (what `extract --bare-scan` counts).
    pub fn count(&self, norm: &Normalized) -> usize {
        self.set.occurrences_in(norm).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize_str;

    /// What one automaton over the whole keys finds, in UTF-8.
    fn plain(keys: &[String], norm: &str) -> Found {
        let ac = AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(keys).unwrap();
        let mut v: Vec<_> =
            ac.find_overlapping_iter(norm).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect();
        v.sort_unstable();
        v
    }

    type Found = Vec<(usize, usize, usize)>;

    /// (what [`KeySet`] finds, what one automaton over the whole keys finds)
    fn split(keys: &[&str], text: &str) -> (Found, Found) {
        let keys: Vec<String> = keys.iter().map(|k| normalize_str(k)).collect();
        let norm = normalize_str(text);
        let mut got = KeySet::new(&keys).unwrap().occurrences(&norm);
        got.sort_unstable();
        (got, plain(&keys, &norm))
    }

    #[test]
    fn finds_what_one_automaton_over_whole_keys_finds() {
        let keys = [
            "وزارة الخارجية",
            "وزارة الخارجية الروسية",
            "وزارة",
            "الخارجية الروسية",
            "ترامب",
            "ترامب رد",
            "دونالد ترامب",
            "Office of the Director",
            "of the",
            "the",
            "crème brûlée",
            "Storm-2035",
            "ایالات متحده",
            "متحده",
            " الخارجية",
        ];
        let text = "قالت وزارة الخارجية الروسية إن ترامب ردا على دونالد ترامب، وزارة الخارجيةالروسية. \
                    The Office of the Director said crème brûlée and crème brulée; Storm-2035 هکرهای \
                    ایالات متحده‌ی امریکا ومتحده";
        let (got, want) = split(&keys, text);
        assert!(want.len() > 12, "the test text should hold many occurrences: {want:?}");
        assert_eq!(got, want);
    }

    #[test]
    fn one_scan_answers_every_stage_with_its_own_numbering() {
        let gaz: Vec<String> = ["ترامب", "وزارة الخارجية"].iter().map(|k| normalize_str(k)).collect();
        let phrases: Vec<String> = ["قال", "وزارة"].iter().map(|k| normalize_str(k)).collect();
        let anchors: Vec<String> = ["قال"].iter().map(|k| normalize_str(k)).collect();
        let scan = Scan::new(&[
            (Part::Gazetteer, &gaz, &[]),
            (Part::Phrases, &phrases, &[]),
            (Part::Anchors, &anchors, &[]),
        ])
        .unwrap();
        let norm = Normalized::new("قال ترامب إن وزارة الخارجية");
        let [g, p, a] = scan.run(&norm);
        let keys = |v: &[(usize, usize, usize)]| {
            let mut k: Vec<usize> = v.iter().map(|o| o.2).collect();
            k.sort_unstable();
            k
        };
        assert_eq!(keys(&g), vec![0, 1]);
        assert_eq!(keys(&p), vec![0, 1], "a key two stages share reaches both");
        assert_eq!(keys(&a), vec![0]);
        assert_eq!(scan.count(&norm), 4);
    }

    /// The distinct normalized aliases of the built-in gazetteer, in file order.
    fn built_in_keys() -> Vec<String> {
        let files = crate::data::load_set(crate::embedded::GAZETTEERS, "gazetteers", None).unwrap();
        let mut keys: Vec<String> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for f in files.iter().filter(|f| !crate::roles::is_roles_file(&f.name)) {
            for rec in crate::data::parse(f, &crate::gazetteer::COLUMNS).unwrap() {
                let k = normalize_str(rec.fields[4]);
                if !k.is_empty() && seen.insert(k.clone()) {
                    keys.push(k);
                }
            }
        }
        keys
    }

    #[test]
    fn agrees_with_one_automaton_on_the_built_in_gazetteer_and_fixtures() {
        let keys = built_in_keys();
        assert!(keys.len() > 1000);
        let set = KeySet::new(&keys).unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
        let mut total = 0;
        for lang in ["ar", "fa", "en"] {
            for entry in std::fs::read_dir(dir.join(lang)).unwrap() {
                let norm = normalize_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
                let mut got = set.occurrences(&norm);
                got.sort_unstable();
                let want = plain(&keys, &norm);
                total += want.len();
                assert_eq!(got, want);
            }
        }
        assert!(total > 500, "fixtures should hold many gazetteer occurrences, found {total}");
    }

    #[test]
    fn word_occurrences_keep_every_occurrence_a_stage_can_accept() {
        let words = ["الصين", "قال", "ها", "متحده", "روس", "ب", "Storm-2035", "-2035", "crème", "of the"];
        let keys: Vec<String> = words.iter().map(|k| normalize_str(k)).collect();
        let stems: Vec<bool> = words.iter().map(|&w| w == "قال").collect();
        let set = KeySet::with_stems(&keys, &stems).unwrap();
        let text = "قالت الصين والصين بالصين وسالصين الصينية الروسها روسهای روسهاییان قالوا \
                    ایالات متحده‌ی امریکا ومتحدهها Storm-2035 و-2035 crème brûlée, Office of the \
                    Director ب بب";
        let n = Normalized::new(text);
        let norm = n.text.as_str();
        assert_eq!(norm, normalize_str(text));
        let raw = set.occurrences(norm);
        let kept = set.word_occurrences(&n);
        let mut rest = raw.iter();
        assert!(kept.iter().all(|k| rest.any(|r| r == k)), "a subsequence of the raw occurrences");
        for &(s, e, key) in &raw {
            let e = if stems[key] { e + norm[e..].find(|c: char| !is_word_char(c)).unwrap_or(0) } else { e };
            let lenient = crate::gazetteer::word_span(norm, s, e, true, false, PERSIAN_SUFFIXES);
            let found = kept.iter().any(|&(ks, _, kk)| ks == s && kk == key);
            assert_eq!(found, lenient.is_some(), "{} at {s}", &norm[s..e]);
        }
        assert!(kept.len() > 10 && kept.len() < raw.len(), "{} of {}", kept.len(), raw.len());
    }

    #[test]
    fn anchored_first_words_are_what_one_overlapping_scan_keeps_in_its_order() {
        let mut keys = built_in_keys();
        // Keys that start with a space, a mark or a character without a code (the `free`
        // automaton), and one-letter first words found inside longer words.
        for k in [" الخارجية", "-2035", "Storm-2035", "ب", "ال", "ا لا", "ها"] {
            let k = normalize_str(k);
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        let set = KeySet::new(&keys).unwrap();
        assert!(set.free.is_some());
        // The first words in the order `with_stems` numbers them, and one automaton over all.
        let mut words: Vec<Vec<u8>> = Vec::new();
        let mut index = HashMap::new();
        for k in &keys {
            let p: Vec<u8> = k.chars().map(pack_char).collect();
            let cut = p.iter().skip(1).position(|&b| b == b' ').map_or(p.len(), |i| i + 1);
            let w = p[..cut].to_vec();
            index.entry(w.clone()).or_insert_with(|| {
                words.push(w);
                words.len() - 1
            });
        }
        let all = AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(&words).unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
        let mut total = 0;
        for lang in ["ar", "fa", "en"] {
            for entry in std::fs::read_dir(dir.join(lang)).unwrap() {
                let norm = normalize_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
                let (mut bytes, mut offsets) = (Vec::new(), Vec::new());
                pack(&norm, &mut bytes, &mut offsets);
                let want: Vec<(usize, usize, u32)> = all
                    .find_overlapping_iter(&bytes)
                    .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
                    .filter(|&(s, e, h)| {
                        let head = &set.heads[h as usize];
                        (!head.starts_word || set.affixes.may_start(&bytes, s)) && set.may_lead(&bytes, e, h)
                    })
                    .collect();
                total += want.len();
                assert_eq!(set.first_words(&bytes, true), want);
                let mut raw = set.first_words(&bytes, false);
                raw.sort_unstable();
                let mut want: Vec<_> = all
                    .find_overlapping_iter(&bytes)
                    .map(|m| (m.start(), m.end(), m.pattern().as_u32()))
                    .collect();
                want.sort_unstable();
                assert_eq!(raw, want);
            }
        }
        assert!(total > 500, "{total}");
    }
}
