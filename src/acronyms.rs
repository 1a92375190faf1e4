//! Spelled-out acronyms: the Arabic and Persian aliases of a Latin acronym, generated when the
//! gazetteer is loaded. Arabic and Persian press write `APT28` letter by letter (`إيه بي تي 28`,
//! `ای‌پی‌تی ۲۸`), `FBI` as `إف بي آي` / `اف‌بی‌آی`; the letter names come from the lexicon
//! (kind `letter_name` in `rules/lexicon_letters.tsv`, value = the Latin letters), so a spelling
//! is added by a data row, not code.
//!
//! What it does not do: match (the generated rows are ordinary gazetteer entries, folded by
//! `normalize` like every alias, so `أ`/`إ`/`ا`, `ي`/`ی`, `ک`/`ك`, ZWNJ and Persian or Arabic-Indic
//! digits need no variants of their own), or decide clashes with listed aliases:
//! [`Gazetteer::build`](crate::gazetteer::Gazetteer::build) drops, silently, a generated alias
//! whose key a listed alias already has.

use std::collections::{HashMap, HashSet};

use crate::doc::{Label, Lang};
use crate::gazetteer::Entry;
use crate::normalize::normalize_str;
use crate::rules::Lexicon;

/// The lexicon kind of the letter names.
pub const LETTER_KIND: &str = "letter_name";

/// Acronyms of more letters are read as words (`CYBERCOM`, `UNESCO`'s kin): not spelled.
const MAX_LETTERS: usize = 6;

/// At most this many spellings per acronym, language and separator (letters with two names
/// multiply: `JKZ` has eight).
const MAX_COMBINATIONS: usize = 8;

/// What Arabic writes between letter names: a space (`إف بي آي`) or a dot (`إف.بي.آي`).
const AR_SEPARATORS: &[&str] = &[" ", "."];
/// What Persian writes between letter names: a space, a ZWNJ (`اف‌بی‌آی`, which normalization
/// deletes, so it also stands for the names written together) or a hyphen.
const FA_SEPARATORS: &[&str] = &[" ", "\u{200C}", "-"];

/// Letter names a Persian form written together (ZWNJ) may not begin with: the article `ال`
/// (`L`: the matcher would read `ال‌بی‌…` as the article) and the privative prefix `بی` (`B`:
/// `بی‌اس‌اس`, BSS, folds to `بی‌اساس`, "baseless"; ZWNJ is deleted before matching).
const JOINED_NOT_FIRST: &[&str] = &["ال", "بی"];

/// The letter names of each language, and the words a generated alias must not consist of.
#[derive(Debug, Clone, Default)]
pub struct LetterNames {
    /// Letter (`A`–`Z` as 0–25) → its Arabic names, the usual one first.
    ar: Vec<Vec<String>>,
    /// Letter → its Persian names.
    fa: Vec<Vec<String>>,
    /// Normalized `common_word` entries: a generated alias made only of them is dropped.
    common: HashSet<String>,
}

/// An alias that is an acronym, split: `APT28`, `APT 28`, `APT-28` → (`APT`, `28`, the
/// separator); `FBI` → (`FBI`, ``, ``). All-capital Latin letters, at least three, or two with
/// digits; at most [`MAX_LETTERS`].
fn split_acronym(alias: &str) -> Option<(&str, &str, &str)> {
    let n = alias.bytes().take_while(u8::is_ascii_uppercase).count();
    let (letters, rest) = alias.split_at(n);
    let (sep, digits) = match rest.strip_prefix(['-', ' ']) {
        Some(d) => (&rest[..1], d),
        None => ("", rest),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) || !sep.is_empty() && digits.is_empty() {
        return None;
    }
    let enough = n >= 3 || n == 2 && !digits.is_empty();
    (enough && n <= MAX_LETTERS).then_some((letters, digits, sep))
}

impl LetterNames {
    /// Reads the `letter_name` words of `lex` (lang `ar` or `fa`, value the Latin letters the
    /// name stands for, space-separated: Arabic `بي` is B and P; other rows are ignored) and
    /// its `common_word` list.
    pub fn from_lexicon(lex: &Lexicon) -> LetterNames {
        let mut names = LetterNames {
            ar: vec![Vec::new(); 26],
            fa: vec![Vec::new(); 26],
            common: lex.words("common_word").map(|w| w.word.clone()).collect(),
        };
        for w in lex.words(LETTER_KIND) {
            let table = match w.lang.as_str() {
                "ar" => &mut names.ar,
                "fa" => &mut names.fa,
                _ => continue,
            };
            for letter in w.value.split(' ') {
                let [b] = letter.as_bytes() else { continue };
                if !b.is_ascii_uppercase() {
                    continue;
                }
                let names = &mut table[usize::from(b - b'A')];
                if !names.contains(&w.surface) {
                    names.push(w.surface.clone());
                }
            }
        }
        names
    }

    /// The spelled-out forms of `alias` in Arabic and Persian, or none when it is no acronym
    /// or a letter has no name. Forms that may be ordinary text are left out (see
    /// `too_common`), and so are Persian forms written together that begin with the article
    /// `ال` or the prefix `بی` ([`JOINED_NOT_FIRST`]).
    pub fn spell(&self, alias: &str) -> Vec<(Lang, String)> {
        self.spell_with(alias).into_iter().map(|(lang, form, _)| (lang, form)).collect()
    }

    /// [`LetterNames::spell`], with whether the form is written together (ZWNJ).
    fn spell_with(&self, alias: &str) -> Vec<(Lang, String, bool)> {
        let Some((letters, digits, digit_sep)) = split_acronym(alias) else { return Vec::new() };
        let mut out = Vec::new();
        for (lang, table, seps) in [(Lang::Ar, &self.ar, AR_SEPARATORS), (Lang::Fa, &self.fa, FA_SEPARATORS)]
        {
            let Some(combos) = combinations(table, letters) else { continue };
            for sep in seps {
                for names in &combos {
                    let mut form = names.join(sep);
                    if *sep == "\u{200C}" && JOINED_NOT_FIRST.iter().any(|p| form.starts_with(p)) {
                        continue;
                    }
                    if !digits.is_empty() {
                        form.push_str(if digit_sep == "-" { "-" } else { " " });
                        form.push_str(digits);
                    }
                    if !self.too_common(&form, letters.len()) {
                        out.push((lang, form, *sep == "\u{200C}"));
                    }
                }
            }
        }
        out
    }

    /// Whether `form` (of `letters` letter names) may be ordinary text: written together, it
    /// is a common word; of two letter names (with digits), both are (`أو إن 5`, "or if 5").
    /// Three letter names or more in a row are no phrase (`إف بي آي`, although `إف`, `بي` and
    /// `آي` are each common words).
    fn too_common(&self, form: &str, letters: usize) -> bool {
        let key = normalize_str(form);
        let names: Vec<&str> =
            key.split([' ', '.', '-']).filter(|w| !w.bytes().all(|b| b.is_ascii_digit())).collect();
        names.len() == 1 && self.common.contains(names[0])
            || letters < 3 && names.iter().all(|w| self.common.contains(*w))
    }

    /// The generated entries for `entries`: one per spelled-out form of each acronym alias
    /// (people excepted: `MBS` is not spelled), with the entity, label and `ambiguous` flag of
    /// the alias it spells; a Persian form written together matches in Persian documents only
    /// (`یو‌دی‌ان`, UDN, is Arabic `يؤديان`, "they perform"). A key two entities' acronyms spell alike (`A` and `E` are both
    /// `ای` in Persian) is given to neither.
    pub fn expand(&self, entries: &[Entry]) -> Vec<Entry> {
        if self.ar.iter().chain(&self.fa).all(Vec::is_empty) {
            return Vec::new();
        }
        let mut out: Vec<Entry> = Vec::new();
        let mut owner: HashMap<String, Option<(String, Label)>> = HashMap::new();
        for e in entries.iter().filter(|e| e.label != Label::Person) {
            for (lang, form, joined) in self.spell_with(&e.alias) {
                let key = normalize_str(&form);
                let me = (e.entity_id.clone(), e.label);
                match owner.get_mut(&key) {
                    Some(slot) => {
                        if slot.as_ref().is_some_and(|o| *o != me) {
                            *slot = None;
                        }
                        continue;
                    }
                    None => {
                        owner.insert(key, Some(me));
                    }
                }
                out.push(Entry {
                    alias: form,
                    lang,
                    exact_case: false,
                    needs_article: false,
                    arabic: false,
                    generated: true,
                    own_lang_only: joined,
                    ..e.clone()
                });
            }
        }
        out.retain(|e| owner.get(&normalize_str(&e.alias)).is_some_and(Option::is_some));
        out
    }
}

/// Every way of naming `letters` with `table`, usual names first, at most [`MAX_COMBINATIONS`].
fn combinations<'a>(table: &'a [Vec<String>], letters: &str) -> Option<Vec<Vec<&'a str>>> {
    let mut combos: Vec<Vec<&str>> = vec![Vec::new()];
    for b in letters.bytes() {
        let names = table.get(usize::from(b - b'A')).filter(|n| !n.is_empty())?;
        combos = combos
            .iter()
            .flat_map(|c| names.iter().map(move |n| c.iter().copied().chain([n.as_str()]).collect()))
            .take(MAX_COMBINATIONS)
            .collect();
    }
    Some(combos)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{DataFile, load_set};
    use crate::gazetteer::{COLUMNS, Gazetteer, Triggers};

    #[test]
    fn which_aliases_are_acronyms() {
        for (alias, want) in [
            ("APT28", Some(("APT", "28", ""))),
            ("APT-28", Some(("APT", "28", "-"))),
            ("APT 28", Some(("APT", "28", " "))),
            ("TA453", Some(("TA", "453", ""))),
            ("UNC1151", Some(("UNC", "1151", ""))),
            ("FBI", Some(("FBI", "", ""))),
            ("US", None),
            ("UK", None),
            ("APT-", None),
            ("Cl0p", None),
            ("LockBit", None),
            ("U.S.", None),
            ("CYBERCOM", None),
            ("A1", None),
        ] {
            assert_eq!(split_acronym(alias), want, "{alias}");
        }
    }

    fn letters() -> LetterNames {
        let files = load_set(crate::embedded::RULES, "rules", None).unwrap();
        LetterNames::from_lexicon(&crate::rules::Lexicon::load(&files).unwrap())
    }

    fn gaz(rows: &str, letters: &LetterNames) -> Gazetteer {
        let text = format!("{}\n{rows}", COLUMNS.join("\t"));
        let file = DataFile { name: "t.tsv".into(), origin: "gazetteers/t.tsv".into(), text };
        Gazetteer::load_with(&[file], Triggers::default(), letters).unwrap()
    }

    const ROWS: &str = "forest_blizzard\tForest Blizzard\tTHREAT_ACTOR\ten\tAPT28\t\n\
        forest_blizzard\tForest Blizzard\tTHREAT_ACTOR\ten\tAPT-28\t\n\
        mint_sandstorm\tMint Sandstorm\tTHREAT_ACTOR\ten\tAPT35\t\n\
        mint_sandstorm\tMint Sandstorm\tTHREAT_ACTOR\ten\tTA453\t\n\
        ghostwriter\tGhostwriter\tTHREAT_ACTOR\ten\tUNC1151\t\n\
        federal_bureau_of_investigation\tFederal Bureau of Investigation\tGOV\ten\tFBI\t\n\
        cybersecurity_and_infrastructure_security_agency\tCybersecurity and Infrastructure Security Agency\tGOV\ten\tCISA\t\n\
        cybersecurity_and_infrastructure_security_agency\tCybersecurity and Infrastructure Security Agency\tGOV\tar\tسيسا\t\n\
        united_kingdom\tUnited Kingdom\tGPE\ten\tUK\tcase\n\
        x\tX\tORG\ten\tIN\t\n\
        y\tY\tORG\ten\tON5\t\n\
        bss\tBSS\tORG\ten\tBSS\t\n\
        udn\tUDN\tORG\ten\tUDN\t\n\
        mohammed_bin_salman\tMohammed bin Salman\tPERSON\ten\tMBS\tcase\n";

    /// (text, the mention's text or "" for none, entity id, case name)
    const CASES: &[(&str, &str, &str, &str)] = &[
        ("أعلنت مجموعة إيه بي تي 28 مسؤوليتها", "إيه بي تي 28", "forest_blizzard", "ar spaced"),
        ("نسب الهجوم إلى اي بي تي 28", "اي بي تي 28", "forest_blizzard", "ar plain alef"),
        ("قراصنة أي بي تي 28", "أي بي تي 28", "forest_blizzard", "ar hamza alef"),
        ("قراصنة إيه بي تي-28", "إيه بي تي-28", "forest_blizzard", "ar hyphenated digits"),
        ("گروه ای‌پی‌تی ۳۵ حمله کرد", "ای‌پی‌تی ۳۵", "mint_sandstorm", "fa zwnj, Persian digits"),
        ("گروه ای پی تی ۲۸", "ای پی تی ۲۸", "forest_blizzard", "fa spaced"),
        ("گروه ای-پی-تی 28", "ای-پی-تی 28", "forest_blizzard", "fa hyphens"),
        ("گروه ایپیتی ۲۸", "ایپیتی ۲۸", "forest_blizzard", "fa written together"),
        ("مجموعة تي إيه 453", "تي إيه 453", "mint_sandstorm", "two letters with digits"),
        ("مجموعة يو إن سي 1151", "يو إن سي 1151", "ghostwriter", "ar UNC"),
        ("وقال مكتب التحقيقات إف بي آي", "إف بي آي", "federal_bureau_of_investigation", "ar FBI"),
        ("وقال الإف بي آي", "الإف بي آي", "federal_bureau_of_investigation", "ar FBI with article"),
        ("إف.بي.آي", "إف.بي.آي", "federal_bureau_of_investigation", "ar dots"),
        ("پلیس اف‌بی‌آی اعلام کرد", "اف‌بی‌آی", "federal_bureau_of_investigation", "fa FBI"),
        ("پلیس اف بی آی", "اف بی آی", "federal_bureau_of_investigation", "fa FBI spaced"),
        ("وكالة سيسا", "سيسا", "cybersecurity_and_infrastructure_security_agency", "CISA stays a word"),
        ("قال يو كيه", "", "", "two letters without digits: never"),
        ("إن في أو", "", "", "not an alias"),
        ("آي إن", "", "", "two letters"),
        ("وقع أو إن 5 مرات", "", "", "two common letter names with digits: a phrase"),
        ("قال إم بي إس", "", "", "people are not spelled"),
        ("ادعاهای بی‌اساس", "", "", "fa B written together: the prefix بی"),
        ("خبرگزاری بی‌اس‌اس", "", "", "fa B written together is not generated"),
        ("خبرگزاری بی اس اس", "بی اس اس", "bss", "fa B spaced"),
        ("روزنامه یو‌دی‌ان", "یو‌دی‌ان", "udn", "fa written together, Persian text"),
        ("وهما يؤديان دورهما", "", "", "fa written together in Arabic text: an Arabic word"),
        ("إيه بي تي 281", "", "", "digits end at a word end"),
    ];

    #[test]
    fn spelled_acronyms_match() {
        let letters = letters();
        let g = gaz(ROWS, &letters);
        for &(text, want, id, name) in CASES {
            let n = crate::normalize::Normalized::new(text);
            let lang = if text.contains(['ی', 'پ', 'گ', 'ک']) { Lang::Fa } else { Lang::Ar };
            let got: Vec<(String, String)> = g
                .find(&n.text, lang)
                .into_iter()
                .map(|c| {
                    let s = n.to_original(c.start, c.end);
                    (text[s.start..s.end].to_string(), g.entry(c.entry).entity_id.clone())
                })
                .collect();
            if want.is_empty() {
                assert!(got.is_empty(), "{name}: {text}: {got:?}");
            } else {
                assert!(got.contains(&(want.to_string(), id.to_string())), "{name}: {text}: {got:?}");
            }
        }
        assert!(g.warnings.is_empty(), "{:?}", g.warnings);
    }

    #[test]
    fn without_letter_names_nothing_is_generated() {
        let g = gaz(ROWS, &LetterNames::default());
        let n = crate::normalize::Normalized::new("إف بي آي");
        assert!(g.find(&n.text, Lang::Und).is_empty());
    }

    #[test]
    fn listed_aliases_win_and_shared_spellings_are_dropped() {
        let letters = letters();
        // A listed Arabic alias that a generated one would repeat, for another entity: kept.
        let rows = "a_b_c\tA B C\tORG\ten\tABC\t\n\
            other\tOther\tORG\tar\tإيه بي سي\t\n\
            e_b_c\tE B C\tORG\ten\tEBC\t\n\
            i_b_c\tI B C\tORG\ten\tIBC\t\n";
        let g = gaz(rows, &letters);
        assert!(g.warnings.is_empty(), "{:?}", g.warnings);
        let ids = |t: &str| -> Vec<String> {
            let n = crate::normalize::Normalized::new(t);
            g.find(&n.text, Lang::Und).into_iter().map(|c| g.entry(c.entry).entity_id.clone()).collect()
        };
        assert_eq!(ids("إيه بي سي"), ["other"]);
        // `إي` (E) and `آي` (I) fold together: neither ECB nor IBC gets `اي بي سي`.
        assert!(ids("آي بي سي").is_empty());
        // Persian `ای` is both A and E: `ای بی سی` is shared, so nobody's.
        assert!(ids("ای بی سی").is_empty());
    }

    #[test]
    fn embedded_gazetteers_get_spellings() {
        let p = crate::pipeline::Pipeline::load(None, None).unwrap();
        let g = &p.gazetteer;
        let generated = (0..g.len()).filter(|&i| g.entry(i).generated).count();
        eprintln!("{generated} generated aliases");
        assert!(generated > 1000, "{generated}");
        for (text, lang, id) in [
            ("إيه بي تي 28", Lang::Ar, "forest_blizzard"),
            ("ای‌پی‌تی ۲۸", Lang::Fa, "forest_blizzard"),
            ("يو إن سي 1151", Lang::Ar, "storm_0257"),
            ("إف بي آي", Lang::Ar, "federal_bureau_of_investigation"),
            ("اف‌بی‌آی", Lang::Fa, "federal_bureau_of_investigation"),
        ] {
            let ids: Vec<&str> =
                g.lookup(&normalize_str(text), lang).iter().map(|e| e.entity_id.as_str()).collect();
            assert!(ids.contains(&id), "{text}: {ids:?}");
        }
    }
}
