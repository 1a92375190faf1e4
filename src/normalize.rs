//! Orthographic normalization for matching, with a map back to the original text.
//!
//! Matchers never see the original text: they see [`Normalized::text`], where the variation
//! Arabic and Persian writers produce is folded away (SCHEMA §6). Every match is mapped back with
//! [`Normalized::to_original`], the only way a later stage obtains an offset into the document.
//!
//! Folds, per input character:
//! - deleted: Arabic tashkeel U+064B–U+065F (harakat, tanween, shadda, sukun, hamza above/below),
//!   dagger alef U+0670, tatweel U+0640, ZWNJ/ZWJ U+200C/U+200D, soft hyphen, and the
//!   invisible format characters of [`is_invisible`] except ZWSP: bidi marks U+200E/U+200F,
//!   U+061C, bidi embeddings and overrides U+202A–U+202E, isolates U+2066–U+2069, the word
//!   joiner U+2060 and a BOM (zero-width no-break space) U+FEFF inside the text. A deleted word
//!   character (a mark, a joiner) is attributed to the character before it, so a span that ends
//!   on a letter followed by a mark covers the mark (spans end at word ends); a deleted
//!   invisible character is attributed to nothing, so no span starts or ends on one;
//! - ZWSP U+200B → a space: it is not a word character (SCHEMA §4), so it separates words;
//! - alef forms `أ إ آ ٱ` → `ا`; `ى ی` → `ي`; `ک` → `ك`; `ؤ` → `و`; `ئ` → `ي`; `ۀ ة` → `ه`
//!   (lossy: `ة`/`ه` and the yeh forms are merged everywhere, not only at word end);
//! - Arabic-Indic and Persian digits → ASCII digits, the Arabic decimal and thousands
//!   separators `٫ ٬` → `. ,`;
//! - letters → lowercase (the Arabic block is caseless and skips the case tables);
//! - every run of whitespace → one space;
//! - a hyphen after a space and glued to the next Arabic-script word, with an Arabic-script
//!   word before the space (`بارك -جي هون`), is deleted.
//!
//! What it does *not* do: strip clitics or suffixes (the gazetteer matcher decides those at
//! word boundaries) or change the original text.

use crate::doc::Span;

/// A normalized view of a text with a byte-level map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// For each byte of `text`, the original byte offsets where its source character starts
    /// and where its source characters end (covering deleted characters attributed to it).
    spans: Vec<(u32, u32)>,
    /// The packed view of `text` ([`pack`]), written in the same pass.
    packed: Vec<u8>,
    /// The byte offset in `text` of each character of `packed`, and `text.len()` at the end.
    packed_at: Vec<u32>,
}

/// What one original character becomes.
enum Fold {
    Keep,
    Delete,
    Space,
    Char(char),
}

/// Whether `c` is deleted by normalization (marks, tatweel, joiners, bidi controls and the
/// other invisible characters of [`is_invisible`] but ZWSP, which is a space).
pub fn is_deleted(c: char) -> bool {
    matches!(c,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{200C}' | '\u{200D}'
        | '\u{00AD}' | '\u{06D6}'..='\u{06ED}')
        || is_invisible(c) && c != ZWSP
}

/// ZERO WIDTH SPACE, which normalization reads as a space.
const ZWSP: char = '\u{200B}';

/// Whether `c` is an invisible format character that belongs to no word (SCHEMA §4): ZWSP
/// U+200B, the bidi marks LRM/RLM U+200E/U+200F and ALM U+061C, the bidi embeddings and
/// overrides U+202A–U+202E, the isolates U+2066–U+2069, the word joiner U+2060 and U+FEFF (a
/// BOM inside the text). Matching skips them ([`Normalized`]) and the tables trim them from the
/// edges of every text cell (`output`); ZWNJ/ZWJ are word characters and are not among them.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2060}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// `s` without the invisible characters of [`is_invisible`] at its start and end.
pub fn trim_invisible(s: &str) -> &str {
    s.trim_matches(is_invisible)
}

fn fold(c: char) -> Fold {
    if c.is_ascii() {
        return if c.is_ascii_whitespace() {
            Fold::Space
        } else if c.is_ascii_uppercase() {
            Fold::Char(c.to_ascii_lowercase())
        } else {
            Fold::Keep
        };
    }
    if is_deleted(c) {
        return Fold::Delete;
    }
    match c {
        ZWSP => Fold::Space,
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => Fold::Char('ا'),
        'ى' | 'ی' | 'ې' | 'ۍ' => Fold::Char('ي'),
        'ک' => Fold::Char('ك'),
        'ؤ' => Fold::Char('و'),
        'ئ' => Fold::Char('ي'),
        'ۀ' | 'ة' | 'ە' => Fold::Char('ه'),
        '\u{0660}'..='\u{0669}' => Fold::Char(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        // Arabic decimal and thousands separators (`١٠٫٥`, `٢٬٠٠٠`).
        '\u{066B}' => Fold::Char('.'),
        '\u{066C}' => Fold::Char(','),
        '\u{06F0}'..='\u{06F9}' => Fold::Char(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        // The Arabic, Syriac, Hebrew blocks are caseless: skip the case tables.
        '\u{0590}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' => Fold::Keep,
        c if c.is_whitespace() => Fold::Space,
        c if c.is_uppercase() => Fold::Char(c.to_lowercase().next().unwrap_or(c)),
        _ => Fold::Keep,
    }
}

/// What [`Normalized::fill`] does with one original character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FoldKind {
    /// It becomes [`Folded::out`].
    Out,
    /// It is (part of) a run of whitespace.
    Space,
    /// It is deleted.
    Delete,
}

/// [`fold`] of one character, with the two facts [`Normalized::fill`] asks of it.
#[derive(Debug, Clone, Copy)]
struct Folded {
    kind: FoldKind,
    /// What it becomes (itself, or its fold; `' '` for whitespace).
    out: char,
    /// [`is_word_char`] of `out`.
    word: bool,
    /// [`is_orig_word_char`] of the character itself (what a deleted one needs).
    orig_word: bool,
    /// [`pack_char`] of `out`.
    pack: u8,
}

fn folded(c: char) -> Folded {
    let (kind, out) = match fold(c) {
        Fold::Keep => (FoldKind::Out, c),
        Fold::Char(o) => (FoldKind::Out, o),
        Fold::Space => (FoldKind::Space, ' '),
        Fold::Delete => (FoldKind::Delete, c),
    };
    let word = kind != FoldKind::Delete && is_word_char(out);
    Folded { kind, out, word, orig_word: is_orig_word_char(c), pack: pack_char(out) }
}

/// [`folded`] of every character below U+0800 (one or two UTF-8 bytes), by code.
static FOLDED: std::sync::LazyLock<Vec<Folded>> = std::sync::LazyLock::new(|| {
    (0..0x800u32).map(|c| folded(char::from_u32(c).expect("no surrogates below U+0800"))).collect()
});

impl Normalized {
    /// Normalizes `text`.
    pub fn new(text: &str) -> Normalized {
        let mut n = Normalized {
            text: String::with_capacity(text.len()),
            spans: Vec::with_capacity(text.len()),
            packed: Vec::with_capacity(text.len()),
            packed_at: Vec::with_capacity(text.len() + 1),
        };
        n.fill(text);
        n
    }

    /// Normalizes `text` into `self`, reusing its buffers.
    pub fn fill(&mut self, text: &str) {
        // The buffers are written as locals and put back at the end: the compiler then keeps
        // their lengths in registers instead of reloading them through `self` after each store.
        let mut out_text = std::mem::take(&mut self.text);
        let mut spans = std::mem::take(&mut self.spans);
        let mut packed = std::mem::take(&mut self.packed);
        let mut packed_at = std::mem::take(&mut self.packed_at);
        out_text.clear();
        spans.clear();
        packed.clear();
        packed_at.clear();
        out_text.reserve(text.len());
        spans.reserve(text.len());
        packed.reserve(text.len());
        packed_at.reserve(text.len() + 1);
        let mut last_char_bytes = 0usize; // bytes of the last pushed char
        let mut prev_space = true;
        let mut prev_word = false;
        // A deleted word character (an orphan mark) with no letter before it: it belongs to the
        // start of the next letter.
        let mut pending: Option<u32> = None;
        let table = &*FOLDED;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // One- and two-byte characters (ASCII, Latin, Arabic, Persian) from the table,
            // without decoding; the rest through `folded` itself.
            let (f, n) = match short_char_at(bytes, i) {
                Some((c, n)) => (table[c], n),
                None => {
                    let c = text[i..].chars().next().expect("a character starts here");
                    (folded(c), c.len_utf8())
                }
            };
            let end = (i + n) as u32;
            let at = i as u32;
            i += n;
            let out = match f.kind {
                // A hyphen glued to the next Arabic-script word after a space, inside a run of
                // them (`بارك -جي هون`, a transliterated name's syllable break), is deleted:
                // the words match as written without it.
                FoldKind::Out
                    if f.out == '-'
                        && prev_space
                        && bytes.get(i).is_some_and(|b| (0xD8..=0xDB).contains(b))
                        && out_text.len() >= 3
                        && out_text[..out_text.len() - 1]
                            .chars()
                            .next_back()
                            .is_some_and(is_arabic_letter) =>
                {
                    continue;
                }
                FoldKind::Out => f.out,
                FoldKind::Space => {
                    // An orphan mark before a space belongs to no word.
                    pending = None;
                    if prev_space && !out_text.is_empty() {
                        continue;
                    }
                    ' '
                }
                FoldKind::Delete => {
                    if !f.orig_word {
                        continue;
                    }
                    if !prev_word {
                        pending.get_or_insert(at);
                    } else {
                        let n = spans.len();
                        for span in &mut spans[n - last_char_bytes..] {
                            span.1 = end;
                        }
                    }
                    continue;
                }
            };
            prev_space = out == ' ';
            prev_word = f.word;
            let start = if prev_word { pending.take().unwrap_or(at) } else { at };
            if !prev_word {
                pending = None;
            }
            let len = out.len_utf8();
            packed.push(f.pack);
            packed_at.push(out_text.len() as u32);
            out_text.push(out);
            for _ in 0..len {
                spans.push((start, end));
            }
            last_char_bytes = len;
        }
        packed_at.push(out_text.len() as u32);
        (self.text, self.spans, self.packed, self.packed_at) = (out_text, spans, packed, packed_at);
    }

    /// The packed view of [`Normalized::text`] ([`pack`]: one byte per character) and the byte
    /// offset in `text` of each packed position (one more at the end: `text.len()`).
    pub fn packed(&self) -> (&[u8], &[u32]) {
        (&self.packed, &self.packed_at)
    }

    /// Maps a byte range of the normalized text to the original text.
    ///
    /// `start` and `end` must be on character boundaries of [`Normalized::text`], `start < end`.
    pub fn to_original(&self, start: usize, end: usize) -> Span {
        debug_assert!(start < end && end <= self.text.len());
        Span::new(self.spans[start].0 as usize, self.spans[end - 1].1 as usize)
    }

    /// The original byte offset where the normalized byte `pos` comes from (`pos` may equal
    /// the text length, which maps to `orig_len`).
    pub fn original_offset(&self, pos: usize, orig_len: usize) -> usize {
        if pos >= self.spans.len() { orig_len } else { self.spans[pos].0 as usize }
    }

    /// Maps an original byte offset to the first normalized byte at or after it.
    pub fn from_original(&self, orig: usize) -> usize {
        self.spans.partition_point(|&(s, _)| (s as usize) < orig)
    }
}

/// Normalizes a short string (an alias, a lexicon word) without keeping the map.
///
/// The same folds as [`Normalized::new`], without building the offset map (gazetteer loading
/// normalizes every alias, so this path is kept allocation-light).
pub fn normalize_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_space = true;
    let table = &*FOLDED;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let f = table.get(c as usize).copied().unwrap_or_else(|| folded(c));
        let o = match f.kind {
            // As in `Normalized::fill`: a hyphen glued to the next Arabic-script word after a
            // space with one before it.
            FoldKind::Out
                if c == '-'
                    && prev_space
                    && chars.peek().is_some_and(|&n| ('\u{0600}'..='\u{06FF}').contains(&n))
                    && out.len() >= 3
                    && out[..out.len() - 1].chars().next_back().is_some_and(is_arabic_letter) =>
            {
                continue;
            }
            FoldKind::Out => f.out,
            FoldKind::Delete => continue,
            FoldKind::Space => {
                if prev_space {
                    continue;
                }
                ' '
            }
        };
        prev_space = o == ' ';
        out.push(o);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The last character of [`normalize_str`]`(s)`, without building it (`None` when it is
/// empty): a cheap test that two strings cannot normalize alike.
pub fn last_normalized_char(s: &str) -> Option<char> {
    s.chars().rev().find_map(|c| match fold(c) {
        Fold::Keep => Some(c),
        Fold::Char(o) => Some(o),
        Fold::Delete | Fold::Space => None,
    })
}

/// The last two characters of [`normalize_str`]`(s)`, last first, without building it (`None`
/// past its start): a test that two strings cannot normalize alike, finer than
/// [`last_normalized_char`].
pub fn last_normalized_pair(s: &str) -> (Option<char>, Option<char>) {
    // Most words end with two characters of one or two bytes that normalization keeps or
    // replaces by one such character: read them from the table without decoding the string.
    let bytes = s.as_bytes();
    if let Some((last, n)) = two_byte_fold_before(bytes, bytes.len())
        && let Some((before, _)) = two_byte_fold_before(bytes, bytes.len() - n)
    {
        return (Some(last), Some(before));
    }
    let (mut last, mut space) = (None, false);
    for c in s.chars().rev() {
        let o = match fold(c) {
            Fold::Keep => c,
            Fold::Char(o) => o,
            Fold::Delete => continue,
            // Spaces collapse to one, and none ends or starts the string.
            Fold::Space => {
                space = last.is_some();
                continue;
            }
        };
        match last {
            None => last = Some(o),
            Some(_) => return (last, Some(if space { ' ' } else { o })),
        }
    }
    (last, None)
}

/// The last character of [`normalize_str`]`(s)` when `s` ends with a character of one or two
/// bytes that normalization keeps or replaces by one such character, read from a table (the
/// first of [`last_normalized_pair`] then); `None` otherwise, which says nothing.
#[inline]
pub fn last_short_normalized(s: &str) -> Option<char> {
    two_byte_fold_before(s.as_bytes(), s.len()).map(|(c, _)| c)
}

/// What [`fold`] makes of each character below U+0800 (one or two UTF-8 bytes) when it is a
/// character below U+0800 too, kept or replaced; [`u16::MAX`] when it is deleted, a space or
/// anything else.
static TWO_BYTE_FOLD: std::sync::LazyLock<Box<[u16; 0x800]>> = std::sync::LazyLock::new(|| {
    let mut t = Box::new([u16::MAX; 0x800]);
    for c in (0..0x800u32).filter_map(char::from_u32) {
        let o = match fold(c) {
            Fold::Keep => c,
            Fold::Char(o) => o,
            Fold::Delete | Fold::Space => continue,
        };
        if (o as u32) < 0x800 {
            t[c as usize] = o as u16;
        }
    }
    t
});

/// The code and UTF-8 length of the character that starts at byte `at` of `bytes` when it
/// takes one or two bytes (below U+0800: ASCII, Latin, Arabic, Persian), read without decoding
/// the string; `None` for a longer character, which the caller decodes itself.
///
/// `bytes` is valid UTF-8 and `at < bytes.len()` a character boundary. This is the fast path of
/// every per-character loop over normalized or original text ([`Normalized::fill`], [`pack`],
/// [`word_char_at`], language detection, name words): one branch and a table lookup instead of
/// a full decode.
#[inline]
pub(crate) fn short_char_at(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let b = bytes[at];
    if b < 0x80 {
        Some((usize::from(b), 1))
    } else if b < 0xE0 {
        Some((usize::from(b & 0x1F) << 6 | usize::from(bytes[at + 1] & 0x3F), 2))
    } else {
        None
    }
}

/// [`short_char_at`] of the character that ends at byte `end` of `bytes` (valid UTF-8, `end` a
/// character boundary); `None` at the start or for a longer character.
#[inline]
fn short_char_before(bytes: &[u8], end: usize) -> Option<(usize, usize)> {
    let last = *bytes.get(end.checked_sub(1)?)?;
    let start = if last < 0x80 {
        end - 1
    } else {
        // A two-byte character starts with a lead byte; a longer one ends with two
        // continuation bytes (or starts at `end - 2` with a lead of three or more bytes).
        end.checked_sub(2).filter(|&s| bytes[s] >= 0xC0)?
    };
    short_char_at(bytes, start)
}

/// The folded character of one or two bytes that ends at byte `end` of `bytes` (UTF-8), and
/// its length in bytes, from [`TWO_BYTE_FOLD`]; `None` for any other character.
#[inline]
fn two_byte_fold_before(bytes: &[u8], end: usize) -> Option<(char, usize)> {
    let (c, n) = short_char_before(bytes, end)?;
    let o = TWO_BYTE_FOLD[c];
    (o != u16::MAX).then(|| (char::from_u32(u32::from(o)).expect("a character below U+0800"), n))
}

/// The byte [`pack_char`] gives every character it has no code for.
pub const PACK_OTHER: u8 = 0xFF;

/// Characters other than ASCII and U+0620..U+065F that get a code of their own (0xC0 up):
/// the Persian and other Arabic-script letters normalization keeps, the punctuation news text
/// uses, and the Latin-1 letters of European names.
const PACK_EXTRA: &str = "ٹپچڈڑژڤڨڭگںھہۆۇۈۋے\
،؛؟٪۔«»‘’“”–—…\
éèêëàáâäãåçíìîïñóòôöõøúùûüýÿßæœ";

static PACK_TABLE: std::sync::LazyLock<Box<[u8; 0x2030]>> = std::sync::LazyLock::new(|| {
    let mut t = Box::new([PACK_OTHER; 0x2030]);
    for u in 0..0x80u8 {
        t[u as usize] = u;
    }
    for u in 0x0620..0x0660u32 {
        t[u as usize] = 0x80 + (u - 0x0620) as u8;
    }
    for (i, c) in PACK_EXTRA.chars().enumerate() {
        debug_assert!(i < 63, "PACK_EXTRA holds at most 63 characters");
        t[c as usize] = 0xC0 + i as u8;
    }
    t
});

/// The one-byte code of a normalized character in the *packed* view the gazetteer automaton
/// scans: ASCII is itself, the Arabic letters U+0620..U+065F are 0x80..0xBF, the characters of
/// `PACK_EXTRA` 0xC0 up, and everything else [`PACK_OTHER`].
///
/// Arabic and Persian take two bytes per letter in UTF-8; one byte per letter halves the states
/// of the automaton (its compile time) and the bytes it scans. The code is one-to-one except
/// for [`PACK_OTHER`], so an alias holding such a character must be checked against the
/// normalized text after it matches.
#[inline]
pub fn pack_char(c: char) -> u8 {
    PACK_TABLE.get(c as usize).copied().unwrap_or(PACK_OTHER)
}

/// Writes the packed view of `s` into `bytes` (one byte per character, see [`pack_char`]) and
/// the byte offset in `s` of each character into `offsets`, plus `s.len()` at the end, so that
/// packed position `i` is byte `offsets[i]` of `s`.
pub fn pack(s: &str, bytes: &mut Vec<u8>, offsets: &mut Vec<u32>) {
    bytes.clear();
    offsets.clear();
    let table = &**PACK_TABLE;
    let text = s.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // One- and two-byte characters without decoding; the rest through `pack_char`.
        let (code, n) = match short_char_at(text, i) {
            Some((c, n)) => (table[c], n),
            None => {
                let c = s[i..].chars().next().expect("a character starts here");
                (pack_char(c), c.len_utf8())
            }
        };
        bytes.push(code);
        offsets.push(i as u32);
        i += n;
    }
    offsets.push(s.len() as u32);
}

/// Whether `c` belongs to a word in *normalized* text: letters, digits, and the combining
/// marks normalization keeps (Latin accents; the Arabic marks and the joiners are gone).
pub fn is_word_char(c: char) -> bool {
    is_alphanumeric(c) || !c.is_ascii() && is_mark(c)
}

/// [`is_word_char`] of the characters below U+0800 (one or two UTF-8 bytes), one bit each.
static TWO_BYTE_WORD_CHARS: std::sync::LazyLock<[u64; 32]> = std::sync::LazyLock::new(|| {
    let mut bits = [0u64; 32];
    for c in (0..0x800u32).filter_map(char::from_u32).filter(|&c| is_word_char(c)) {
        bits[c as usize / 64] |= 1 << (c as usize % 64);
    }
    bits
});

/// Whether the character below U+0800 with code `c` is a word character, from the table.
#[inline]
fn two_byte_word_char(c: usize) -> bool {
    TWO_BYTE_WORD_CHARS[c / 64] >> (c % 64) & 1 == 1
}

/// The length in bytes of the word character ([`is_word_char`]) that starts at byte `at` of
/// `s` (a character boundary); `None` at the end of `s` or before any other character. One-
/// and two-byte characters are answered from a table without decoding.
#[inline]
pub fn word_char_at(s: &str, at: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    if at >= bytes.len() {
        return None;
    }
    if let Some((c, n)) = short_char_at(bytes, at) {
        return two_byte_word_char(c).then_some(n);
    }
    s[at..].chars().next().filter(|&c| is_word_char(c)).map(char::len_utf8)
}

/// The length in bytes of the word character that ends at byte `at` of `s` (a character
/// boundary); `None` at the start of `s` or after any other character. Like [`word_char_at`].
#[inline]
pub fn word_char_before(s: &str, at: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    if at == 0 || at > bytes.len() {
        return None;
    }
    if let Some((c, n)) = short_char_before(bytes, at) {
        return two_byte_word_char(c).then_some(n);
    }
    s[..at].chars().next_back().filter(|&c| is_word_char(c)).map(char::len_utf8)
}

/// `char::is_alphanumeric`, answered from a bit table for the Basic Multilingual Plane.
///
/// The standard library answers a non-ASCII character by searching Unicode tables; on Arabic
/// and Persian text that search was a quarter of `extract`'s time. The table is built once from
/// `char::is_alphanumeric` itself, so the answer is the same for every character.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    bmp_property(c, &ALNUM_BMP, u8::is_ascii_alphanumeric, char::is_alphanumeric)
}

/// `char::is_alphabetic`, answered like [`is_alphanumeric`] from a bit table.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    bmp_property(c, &ALPHA_BMP, u8::is_ascii_alphabetic, char::is_alphabetic)
}

/// A character property: `ascii` below U+0080, the bit `table` (see [`bmp_table`]; built on
/// first use, so ASCII never waits for it) in the rest of the Basic Multilingual Plane, `other`
/// above it.
#[inline(always)]
fn bmp_property(
    c: char,
    table: &std::sync::LazyLock<Box<[u64; 1024]>>,
    ascii: impl Fn(&u8) -> bool,
    other: impl Fn(char) -> bool,
) -> bool {
    let u = c as u32;
    if u < 0x80 {
        ascii(&(u as u8))
    } else if u < 0x1_0000 {
        table[(u >> 6) as usize] >> (u & 63) & 1 == 1
    } else {
        other(c)
    }
}

/// One bit per character of the Basic Multilingual Plane: whether `property` holds.
fn bmp_table(property: fn(char) -> bool) -> Box<[u64; 1024]> {
    let mut t = Box::new([0u64; 1024]);
    for u in 0..0x1_0000u32 {
        if char::from_u32(u).is_some_and(property) {
            t[(u >> 6) as usize] |= 1 << (u & 63);
        }
    }
    t
}

static ALNUM_BMP: std::sync::LazyLock<Box<[u64; 1024]>> =
    std::sync::LazyLock::new(|| bmp_table(char::is_alphanumeric));
static ALPHA_BMP: std::sync::LazyLock<Box<[u64; 1024]>> =
    std::sync::LazyLock::new(|| bmp_table(char::is_alphabetic));

/// Whether `c` belongs to a word in *original* text (SCHEMA §4: letters, combining marks,
/// digits, ZWNJ/ZWJ; tatweel is a letter).
pub fn is_orig_word_char(c: char) -> bool {
    is_alphanumeric(c) || is_deleted(c) && !is_invisible(c) && c != '\u{00AD}' || is_mark(c)
}

/// Whether `c` is a combining mark (general category M) in the ranges news text uses.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E4}' | '\u{06E7}' | '\u{06E8}'
        | '\u{06EA}'..='\u{06ED}' | '\u{08D3}'..='\u{08FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Whether `c` is written in the Arabic script (Arabic, Persian letters).
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_codes_are_one_to_one_except_other() {
        assert!(PACK_EXTRA.chars().count() <= 63);
        let mut owner = std::collections::HashMap::new();
        for u in 0..0x2030u32 {
            let Some(c) = char::from_u32(u) else { continue };
            let code = pack_char(c);
            if code != PACK_OTHER {
                assert_eq!(owner.insert(code, c), None, "two characters share code {code:#x}");
            }
        }
        assert_eq!(pack_char('\u{1F600}'), PACK_OTHER);
        let (mut bytes, mut offsets) = (Vec::new(), Vec::new());
        pack("aپ é", &mut bytes, &mut offsets);
        assert_eq!(bytes.len(), 4);
        assert_eq!(offsets, [0, 1, 3, 4, 6]);
    }

    fn orig<'a>(text: &'a str, n: &Normalized, needle: &str) -> &'a str {
        let s = n.text.find(needle).expect("needle in normalized text");
        let span = n.to_original(s, s + needle.len());
        &text[span.start..span.end]
    }

    #[test]
    fn last_normalized_char_is_that_of_normalize_str() {
        for s in
            ["أميركا", "إِيرانَ", "الخارجية", "متحده\u{200c}ی", "Cotton  \n Sandstorm ", "ٌّ", "", " ", "ABC"]
        {
            assert_eq!(last_normalized_char(s), normalize_str(s).chars().last(), "{s:?}");
        }
        for s in [
            "أميركا",
            "إِيرانَ",
            "الخارجية",
            "متحده\u{200c}ی",
            "Cotton  \n Sandstorm ",
            "a b",
            " a  b ",
            "ab ",
            "ٌّ",
            "",
            " ",
            "A",
            " A ",
            "ABC",
            "ة\u{200c}ی",
            "Éé",
            "xÉ",
            "东京",
            "a😀",
            "كتابٌ",
            "قالت",
            "١٢",
            "ΑΒ",
        ] {
            let n = normalize_str(s);
            let mut back = n.chars().rev();
            assert_eq!(last_normalized_pair(s), (back.next(), back.next()), "{s:?}");
        }
    }

    #[test]
    fn word_chars_at_and_before_are_is_word_char() {
        let t = "قالَ Crème-brûlée, ١٢٣ 東京\u{200d}x 😀ab Ω ٌّ؟كتاب ۱۴ a\u{0301}";
        for (i, c) in t.char_indices() {
            let want = is_word_char(c).then_some(c.len_utf8());
            assert_eq!(word_char_at(t, i), want, "at {i} {c:?}");
            assert_eq!(word_char_before(t, i + c.len_utf8()), want, "before {c:?}");
        }
        assert_eq!((word_char_at(t, t.len()), word_char_before(t, 0)), (None, None));
    }

    #[test]
    fn packed_view_is_pack_of_the_text() {
        let texts = [
            "  قالت وزارةُ الخارجيّة   الروسية:\u{200B}«ترامب»  ",
            "ایالات متحده\u{200C}ی امریکا ۱۴۰۲ ٫ ٬ \u{FEFF}x",
            "The ÉLYSÉE said crème brûlée, Ⱥ İstanbul 😀 e\u{301} \u{202B}end\r\n\t",
            "",
        ];
        for text in texts {
            let n = Normalized::new(text);
            let (mut bytes, mut offsets) = (Vec::new(), Vec::new());
            pack(&n.text, &mut bytes, &mut offsets);
            assert_eq!(n.packed(), (&bytes[..], &offsets[..]), "{text:?}");
        }
    }

    #[test]
    fn folds_arabic_variants() {
        assert_eq!(normalize_str("أميركا"), "اميركا");
        assert_eq!(normalize_str("إِيرانَ"), "ايران");
        assert_eq!(normalize_str("مايكـــروسوفت"), "مايكروسوفت");
        assert_eq!(normalize_str("الخارجية"), "الخارجيه");
        assert_eq!(normalize_str("مایکروسافت"), "مايكروسافت");
        assert_eq!(normalize_str("۲۰۲۰ ٢٠٢٤"), "2020 2024");
        assert_eq!(normalize_str("متحده\u{200c}ی"), "متحدهي");
        assert_eq!(normalize_str("Cotton  \n Sandstorm"), "cotton sandstorm");
    }

    #[test]
    fn maps_back_covering_marks() {
        let text = "قال إيرانيٌّ  له";
        let n = Normalized::new(text);
        assert_eq!(orig(text, &n, "ايراني"), "إيرانيٌّ");
        let text = "ایالات متحده‌ی امریکا";
        let n = Normalized::new(text);
        assert_eq!(orig(text, &n, "متحدهي"), "متحده‌ی");
    }

    #[test]
    fn alphanumeric_table_agrees_with_std() {
        for u in 0..0x11_0000u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{u:04X}");
                assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{u:04X}");
            }
        }
    }

    #[test]
    fn normalize_str_agrees_with_the_mapped_view() {
        for s in [
            "  أميركا  والصين\n",
            "مايكـــروسوفت إِيرانَ",
            "متحده\u{200c}ی ۲۰۲۰",
            "Cotton  Sandstorm ",
            "\u{64e}x",
            "الولايات \u{202b}المتحدة\u{202c}",
            "White\u{200b}House \u{2067}x\u{2069}\u{feff}",
            "\u{2060} ایران\u{200b} ",
        ] {
            assert_eq!(normalize_str(s), Normalized::new(s).text.trim(), "{s:?}");
        }
    }

    #[test]
    fn a_hyphen_glued_to_an_arabic_word_after_a_space_is_deleted() {
        assert_eq!(normalize_str("بارك -جي هون"), "بارك جي هون");
        // Between two spaces, after a digit or a Latin word, and inside a word it stays.
        assert_eq!(normalize_str("موسكو - سانا"), "موسكو - سانا");
        assert_eq!(normalize_str("2020 -2021"), "2020 -2021");
        assert_eq!(normalize_str("جونغ-أون"), "جونغ-اون");
        let t = "كيم -ان";
        let n = Normalized::new(t);
        let at = n.text.find("ان").expect("the syllable");
        assert_eq!(&t[n.to_original(at, n.text.len()).start..], "ان");
    }

    /// Invisible characters are skipped (ZWSP is a space) and never start or end a mapped span.
    #[test]
    fn invisible_characters_fold_away() {
        assert_eq!(normalize_str("الولايات \u{202b}المتحدة"), "الولايات المتحده");
        assert_eq!(normalize_str("الولايات\u{2066} \u{2069}المتحدة\u{feff}"), "الولايات المتحده");
        assert_eq!(normalize_str("White\u{200b}House"), "white house");
        assert_eq!(normalize_str("ایر\u{2060}ان"), "ايران");
        let text = "في \u{202b}الولايات المتحدة\u{202c} اليوم";
        let n = Normalized::new(text);
        assert_eq!(orig(text, &n, "الولايات المتحده"), "الولايات المتحدة");
        for c in ['\u{200b}', '\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{2060}', '\u{feff}'] {
            assert!(is_invisible(c) && !is_orig_word_char(c) && !is_arabic_letter(c), "U+{:04X}", c as u32);
        }
        assert!(!is_invisible('\u{200c}') && is_orig_word_char('\u{200c}'), "ZWNJ is a word character");
        assert_eq!(trim_invisible("\u{202b}\u{200f}نص\u{202c}"), "نص");
    }

    #[test]
    fn from_original_inverts() {
        let text = "مَرحبا بكم";
        let n = Normalized::new(text);
        let b = text.find("بكم").unwrap();
        let p = n.from_original(b);
        assert_eq!(&n.text[p..], "بكم");
    }
}
