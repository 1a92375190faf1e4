//! Gazetteers: alias tables loaded from data files, compiled once into one Aho-Corasick
//! automaton over normalized aliases, and matched with clitic-aware word boundaries.
//!
//! File format (`gazetteers/*.tsv`, see `gazetteers/README.md`):
//! `entity_id  canonical  label  lang  alias  flags`, one alias per row; `flags` is empty or
//! `ambiguous`.
//!
//! Matching finds *every* occurrence of every alias in the normalized text (overlapping search),
//! checks each occurrence's boundaries first — an Arabic-script alias may carry the proclitics
//! `و ف ب ك ل` and the article combinations before it and the Persian suffixes `ها های ی ای`
//! after it, a Latin alias must stand alone — and only then hands the valid candidates to
//! `link`, which chooses among them (longest wins). Checking boundaries before choosing is what
//! keeps `ترامب` when a longer alias ending inside the next word (`… ترامب رد` in `ترامب ردا`)
//! also occurs.
//!
//! What it does not do: decide between overlapping candidates (`link`) or find names that no
//! gazetteer holds (`rules`).

use std::collections::HashMap;

use rayon::prelude::*;

use crate::acronyms::LetterNames;
use crate::data::{self, DataFile};
use crate::doc::{Label, Lang, entity_id};
use crate::error::{Error, Result};
use crate::keyset::KeySet;
use crate::normalize::{
    is_arabic_letter, is_deleted, is_word_char, normalize_str, word_char_at, word_char_before,
};

/// The columns of a gazetteer file.
pub const COLUMNS: [&str; 6] = ["entity_id", "canonical", "label", "lang", "alias", "flags"];

/// A canonical name's `(Country)` part: `Ministry of Foreign Affairs (Iran)` →
/// (`Ministry of Foreign Affairs`, `Iran`).
fn split_country(canonical: &str) -> Option<(&str, &str)> {
    let (stem, rest) = canonical.rsplit_once(" (")?;
    Some((stem, rest.strip_suffix(')')?))
}

type Homes = HashMap<String, Vec<String>>;
type Families = HashMap<(String, String), (String, String)>;

/// The tables behind [`Gazetteer::home`] and [`Gazetteer::relink`], from the entries and their
/// normalized keys.
fn body_countries(
    entries: &[Entry],
    keys: &[String],
    patterns: &[Vec<usize>],
) -> (Homes, Families, HashMap<String, String>) {
    let mut key_of = vec![0usize; entries.len()];
    for (k, p) in patterns.iter().enumerate() {
        for &i in p {
            key_of[i] = k;
        }
    }
    // Every unambiguous country and demonym key, with its country.
    let countries: HashMap<&str, &str> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e.label, Label::Gpe | Label::Norp) && !e.ambiguous && !e.needs_article)
        .map(|(i, e)| (keys[key_of[i]].as_str(), e.entity_id.as_str()))
        .collect();
    let mut canonicals: HashMap<String, String> = HashMap::new();
    let mut homes: Homes = HashMap::new();
    let mut families: Families = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        canonicals.entry(e.entity_id.clone()).or_insert_with(|| e.canonical.clone());
        if !matches!(e.label, Label::Gov | Label::Org) {
            continue;
        }
        let home = homes.entry(e.entity_id.clone()).or_default();
        let mut add = |c: String| {
            if !home.contains(&c) {
                home.push(c);
            }
        };
        if let Some((stem, country)) = split_country(&e.canonical) {
            add(entity_id(country));
            if e.label == Label::Gov {
                families
                    .entry((stem.to_string(), entity_id(country)))
                    .or_insert_with(|| (e.entity_id.clone(), e.canonical.clone()));
            }
        }
        for text in [normalize_str(&e.canonical), keys[key_of[i]].clone()] {
            let words: Vec<&str> = text.split(' ').collect();
            for n in 1..=3.min(words.len()) {
                for w in words.windows(n) {
                    if let Some(c) = countries.get(w.join(" ").as_str()) {
                        add(c.to_string());
                    }
                }
            }
        }
    }
    homes.retain(|_, v| !v.is_empty());
    (homes, families, canonicals)
}

/// Proclitic sequences allowed before an Arabic-script alias (normalized).
pub(crate) const PLAIN_PREFIXES: &[&str] = &["", "و", "ف", "ب", "ك", "ل", "وب", "ول", "وك", "فب", "فل", "فك"];
/// Proclitic sequences that carry the article `ال` (or its contraction after `ل`).
pub(crate) const ARTICLE_PREFIXES: &[&str] =
    &["ال", "وال", "فال", "بال", "كال", "لل", "وبال", "وكال", "فبال", "ولل", "فلل"];
/// Suffixes allowed after an Arabic-script alias in Persian text (normalized plural and ezafe
/// forms: `روسها`, `متحدهی`).
pub const PERSIAN_SUFFIXES: &[&str] = &["ها", "هاي", "ي", "اي", "هايي"];
/// Suffixes allowed after an Arabic-script alias in other text: only the Persian plural, since
/// in Arabic a final `ي` makes a place name an adjective (`حلب` → `الحلبي`).
pub const PLURAL_SUFFIXES: &[&str] = &["ها", "هاي", "هايي"];

/// One alias row.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The entity id.
    pub entity_id: String,
    /// The canonical English name.
    pub canonical: String,
    /// The label of a mention of this alias.
    pub label: Label,
    /// The alias as written in the gazetteer.
    pub alias: String,
    /// The gazetteer file name.
    pub file: std::sync::Arc<str>,
    /// 1-based line in the file.
    pub line: u64,
    /// Matches only next to a trigger or after the entity was named unambiguously.
    pub ambiguous: bool,
    /// Matches only when written with exactly the alias's letter case (`US`, not `us`).
    pub exact_case: bool,
    /// The alias began with the article `ال`, stored without it: the text must supply it.
    pub needs_article: bool,
    /// The alias is written in Arabic script (clitics and suffixes apply).
    pub arabic: bool,
    /// The language of the alias (`ar`, `fa`, `en`; `Und` for `*`).
    pub lang: Lang,
    /// Generated at load time (a spelled-out acronym, [`crate::acronyms`]), not listed: it
    /// gives way, without a warning, to any listed alias with its key.
    pub generated: bool,
    /// Matches only in documents of its language `lang`: a generated Persian form written
    /// together (`یو‌دی‌ان`, UDN), whose letters in Arabic text are an Arabic word (`يؤديان`).
    pub own_lang_only: bool,
}

/// Words that make an ambiguous alias next to them a name (titles such as `آقای`, `Mr.`).
#[derive(Debug, Clone, Default)]
pub struct Triggers {
    /// Normalized words or phrases that come right before a name.
    pub before: Vec<String>,
    /// Normalized words that come right after a name (`group`, `گروه`).
    pub after: Vec<String>,
}

/// A valid occurrence of an alias: normalized byte offsets extended to whole words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    /// Start (normalized bytes), at a word start.
    pub start: usize,
    /// End (normalized bytes), at a word end.
    pub end: usize,
    /// Length of the matched alias key in bytes (longer keys are preferred on equal spans).
    pub key_len: usize,
    /// Index of the entry in [`Gazetteer::entry`].
    pub entry: usize,
}

/// A compiled gazetteer.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    /// The normalized keys, one per automaton pattern.
    keys: Vec<String>,
    /// The keys compiled for search, built on first use: the pipeline scans the gazetteer's
    /// keys together with the lexicon's in one [`KeySet`] of its own.
    keyset: std::sync::OnceLock<KeySet>,
    /// Entries per key.
    patterns: Vec<Vec<usize>>,
    entries: Vec<Entry>,
    triggers: Triggers,
    /// Problems found while loading that did not stop it (conflicting aliases).
    pub warnings: Vec<String>,
    /// (body entity, country entity) → the entity a Persian `body + country` names.
    relinks: HashMap<(String, String), (String, String)>,
    /// The countries each GOV/ORG entity belongs to (see [`Gazetteer::home`]).
    homes: HashMap<String, Vec<String>>,
    /// (canonical without its `(Country)`, country id) → (entity id, canonical): the same body
    /// of each country (`Ministry of Foreign Affairs (Iran)`, `… (Russia)`).
    families: HashMap<(String, String), (String, String)>,
    /// Entity id → canonical name.
    canonicals: HashMap<String, String>,
    /// Normalized full names (two words or more, unambiguous) of people → entry.
    people: HashMap<String, usize>,
    /// [`name_skeleton`]s of the Arabic- and Persian-script full names of people → entry, or
    /// `None` when two people share one.
    skeletons: HashMap<String, Option<usize>>,
    /// Entities with a demonym (a NORP alias): countries, as against cities.
    nations: std::collections::HashSet<String>,
    /// Normalized key → its index in `keys` (see [`Gazetteer::lookup`]).
    by_key: HashMap<String, usize>,
}

impl Gazetteer {
    /// Loads and compiles `files`. Malformed rows are errors naming file and line; an alias that
    /// normalizes to the same string as another entity's alias is a warning (the first wins).
    pub fn load(files: &[DataFile], triggers: Triggers) -> Result<Gazetteer> {
        Gazetteer::load_with(files, triggers, &LetterNames::default())
    }

    /// Like [`Gazetteer::load`], and adds the Arabic and Persian spellings `letters` gives
    /// every acronym alias (`APT28` → `إيه بي تي 28`, `ای‌پی‌تی 28`).
    pub fn load_with(files: &[DataFile], triggers: Triggers, letters: &LetterNames) -> Result<Gazetteer> {
        let mut entries = Vec::new();
        for file in files {
            let name: std::sync::Arc<str> = file.name.as_str().into();
            for rec in data::parse(file, &COLUMNS)? {
                entries.push(parse_entry(file, &name, &rec)?);
            }
        }
        let spelled = letters.expand(&entries);
        entries.extend(spelled);
        Gazetteer::build(entries, triggers)
    }

    /// Compiles entries (with `alias` not yet normalized).
    pub fn build(rows: Vec<Entry>, triggers: Triggers) -> Result<Gazetteer> {
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<usize>> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut entries: Vec<Entry> = Vec::with_capacity(rows.len());
        let mut warnings = Vec::new();
        let mut relinks: HashMap<(String, String), (String, String)> = HashMap::new();
        // Persian writes a body and its country as two names joined by the ezafe
        // (`وزارت امور خارجه‌ی روسیه`), and SCHEMA's gold marks them as two mentions. A Persian
        // GOV/ORG alias that ends in a country's name is therefore matched without it, and the
        // country that follows the body in the text chooses the entity (`link`). Companies and
        // outlets keep the country inside their name (`خبرگزاری فرانسه`).
        // Normalizing the aliases is most of the loader's own work: done on all cores.
        let mut normed: Vec<String> = rows.par_iter().map(|e| normalize_str(&e.alias)).collect();
        let countries: HashMap<&str, &str> = rows
            .iter()
            .zip(&normed)
            .filter(|(e, _)| e.label == Label::Gpe)
            .map(|(e, key)| (key.as_str(), e.entity_id.as_str()))
            .collect();
        let splits: Vec<Option<(String, String)>> = rows
            .iter()
            .zip(&normed)
            .map(|(e, key)| {
                if e.lang != Lang::Fa || e.label != Label::Gov {
                    return None;
                }
                let (base, last) = key.rsplit_once(' ')?;
                // `سفارت چین در واشنگتن`: a place after `در` ("in") is part of the name.
                if base.ends_with(" در") {
                    return None;
                }
                countries.get(last).map(|&c| (base.to_string(), c.to_string()))
            })
            .collect();
        drop(countries);
        // SCHEMA §10 rule 13: a medium noun before an outlet's name stays outside it (`وكالة
        // يونهاب`, `خبرگزاری تسنیم` → the name alone). An alias that is a medium noun and
        // another alias of the same entity is matched as that name alone, where the medium
        // noun before it is the trigger an ambiguous alias needs.
        let own: std::collections::HashSet<(&str, &str)> =
            rows.iter().zip(&normed).map(|(e, k)| (e.entity_id.as_str(), k.as_str())).collect();
        // Which entities each key names, per language: the name alone must name only the
        // outlet in the alias's language (`فارس` is also the province in Persian).
        let mut named: HashMap<(&str, Lang), Vec<&str>> = HashMap::new();
        for (e, k) in rows.iter().zip(&normed) {
            named.entry((k.as_str(), e.lang)).or_default().push(e.entity_id.as_str());
        }
        let only = |key: &str, lang: Lang, id: &str| {
            [lang, Lang::Und, Lang::En]
                .iter()
                .all(|&l| named.get(&(key, l)).is_none_or(|ids| ids.iter().all(|&x| x == id)))
        };
        let descriptor_led: Vec<Option<String>> = rows
            .iter()
            .zip(&normed)
            .map(|(e, k)| {
                if e.label != Label::Org {
                    return None;
                }
                triggers.before.iter().find_map(|t| {
                    k.strip_prefix(t.as_str())
                        .and_then(|rest| rest.strip_prefix(' '))
                        .filter(|rest| {
                            own.contains(&(e.entity_id.as_str(), *rest)) && only(rest, e.lang, &e.entity_id)
                        })
                        .map(str::to_string)
                })
            })
            .collect();
        drop(own);
        drop(named);
        // Whole aliases first, then the split ones (so a split body never shadows a whole name).
        let order: Vec<usize> = (0..rows.len())
            .filter(|&i| splits[i].is_none())
            .chain((0..rows.len()).filter(|&i| splits[i].is_some()))
            .collect();
        let mut rows: Vec<Option<Entry>> = rows.into_iter().map(Some).collect();
        for i in order {
            let (Some(mut e), split) = (rows[i].take(), &splits[i]) else { continue };
            let mut key = match (split, &descriptor_led[i]) {
                (Some((base, _)), _) => base.clone(),
                (None, Some(name)) => {
                    e.ambiguous = true;
                    name.clone()
                }
                (None, None) => std::mem::take(&mut normed[i]),
            };
            e.arabic = key.chars().next().is_some_and(is_arabic_letter);
            // The article is a bare alef + lam as written: `ألمانيا` and `آلمان` only fold to
            // `ال…`, they carry no article.
            let written: String = e.alias.trim().chars().filter(|&c| !is_deleted(c)).take(2).collect();
            if e.arabic && written == "ال" && key.chars().count() > 3 && !key["ال".len()..].starts_with(' ')
            {
                key = key["ال".len()..].to_string();
                e.needs_article = true;
            }
            // Arabic and Persian spellings that fold together (Persian `روسیه` Russia, Arabic
            // `روسية` Russian) are both kept: the document's language chooses between them.
            let bucket = if matches!(e.lang, Lang::Ar | Lang::Fa) { e.lang } else { Lang::Und };
            // Two aliases clash when they share the key, the article and a language bucket
            // (Arabic and Persian spellings may coexist; `Und` clashes with both).
            let bucket_of =
                |x: &Entry| if matches!(x.lang, Lang::Ar | Lang::Fa) { x.lang } else { Lang::Und };
            let pat = by_key.get(key.as_str()).copied();
            // A generated alias only fills a key nobody lists (generated rows come after the
            // listed whole aliases).
            if e.generated && pat.is_some() {
                continue;
            }
            let clash = pat.and_then(|p| {
                patterns[p].iter().find(|&&i| {
                    let f = &entries[i];
                    let fb = bucket_of(f);
                    f.needs_article == e.needs_article
                        && (fb == bucket || fb == Lang::Und || bucket == Lang::Und)
                })
            });
            if let Some(&first) = clash {
                let f: &Entry = &entries[first];
                if let Some((_, country)) = &split {
                    if f.entity_id != e.entity_id {
                        relinks
                            .entry((f.entity_id.clone(), country.clone()))
                            .or_insert((e.entity_id.clone(), e.canonical.clone()));
                    }
                    continue;
                }
                if f.entity_id != e.entity_id || f.label != e.label {
                    warnings.push(format!(
                        "{}:{}: alias '{}' ({} {}) normalizes to the same string as '{}' ({} {}) at {}:{}; keeping the first",
                        e.file, e.line, e.alias, e.label, e.entity_id, f.alias, f.label, f.entity_id, f.file, f.line
                    ));
                }
                continue;
            }
            let idx = entries.len();
            let pat = pat.unwrap_or_else(|| {
                keys.push(key.clone());
                by_key.insert(key, keys.len() - 1);
                patterns.push(Vec::new());
                keys.len() - 1
            });
            patterns[pat].push(idx);
            entries.push(e);
        }
        if keys.iter().any(String::is_empty) {
            return Err(Error::data("gazetteers", None, "an alias normalizes to nothing".to_string()));
        }
        let keyset = std::sync::OnceLock::new();
        let (homes, families, canonicals) = body_countries(&entries, &keys, &patterns);
        let nations =
            entries.iter().filter(|e| e.label == Label::Norp).map(|e| e.entity_id.clone()).collect();
        let mut people = HashMap::new();
        for (k, p) in keys.iter().zip(&patterns) {
            for &i in p {
                let e = &entries[i];
                if e.label == Label::Person && !e.ambiguous && !e.needs_article && k.contains(' ') {
                    people.entry(k.clone()).or_insert(i);
                }
            }
        }
        let mut skeletons: HashMap<String, Option<usize>> = HashMap::new();
        for (k, &i) in &people {
            let Some(sk) = name_skeleton(k) else { continue };
            let slot = skeletons.entry(sk).or_insert(Some(i));
            if slot.is_some_and(|j| entries[j].entity_id != entries[i].entity_id) {
                *slot = None;
            }
        }
        Ok(Gazetteer {
            keys,
            keyset,
            patterns,
            entries,
            triggers,
            warnings,
            relinks,
            homes,
            families,
            canonicals,
            nations,
            people,
            skeletons,
            by_key,
        })
    }

    /// The entries whose alias is the whole normalized word sequence `norm` (`الجزيرة`,
    /// `al alam`), ambiguous ones included, after a proclitic sequence (`و`, `بال`, `لل`) an
    /// Arabic alias may take: for a name a rule found by its context (a title, a dateline),
    /// which is the context an ambiguous alias waits for. Where an Arabic and a Persian alias
    /// share the key, only the entries of `lang` are given.
    pub fn lookup(&self, norm: &str, lang: Lang) -> Vec<&Entry> {
        const PREFIXES: [&str; 6] = ["", "و", "ف", "ب", "ل", "ك"];
        let mut out: Vec<&Entry> = Vec::new();
        for p in PREFIXES {
            let Some(rest) = norm.strip_prefix(p).filter(|r| !r.is_empty()) else { continue };
            // `لل…` is `ل` + the article with its alef dropped.
            let bare = rest
                .strip_prefix("ال")
                .or_else(|| if p == "ل" { rest.strip_prefix('ل') } else { None })
                .filter(|b| !b.is_empty());
            let mut add = |key: &str, article: bool| {
                let Some(&pat) = self.by_key.get(key) else { return };
                let own = self.patterns[pat].iter().any(|&i| self.entries[i].lang == lang);
                for &i in &self.patterns[pat] {
                    let e = &self.entries[i];
                    let lang_ok = (!own || e.lang == lang || !matches!(e.lang, Lang::Ar | Lang::Fa))
                        && (!e.own_lang_only || e.lang == lang);
                    let affixes_ok = (p.is_empty() && !article) || e.arabic;
                    if (article || !e.needs_article)
                        && lang_ok
                        && affixes_ok
                        && !out.iter().any(|o| std::ptr::eq(*o, e))
                    {
                        out.push(e);
                    }
                }
            };
            add(rest, false);
            if let Some(b) = bare {
                add(b, true);
            }
        }
        out
    }

    /// The entity `(entity_id, canonical)` that the body `entity` followed by the country
    /// `country` stands for in Persian (`وزارت امور خارجه` + `روسیه` → the Russian ministry).
    ///
    /// Besides the Persian aliases that name a body with its country, every body whose
    /// canonical name carries its country (`Ministry of Foreign Affairs (Iran)`) relinks to the
    /// same name with the other country where the gazetteer holds one.
    pub fn relink(&self, entity: &str, country: &str) -> Option<(&str, &str)> {
        if let Some((id, canonical)) = self.relinks.get(&(entity.to_string(), country.to_string())) {
            return Some((id.as_str(), canonical.as_str()));
        }
        let (stem, _) = split_country(self.canonicals.get(entity)?)?;
        self.families
            .get(&(stem.to_string(), country.to_string()))
            .filter(|(id, _)| id != entity)
            .map(|(id, canonical)| (id.as_str(), canonical.as_str()))
    }

    /// The body `entity` of `country` when the text writes them together (`شورای امنیت ملی
    /// افغانستان`): the gazetteer's own entity where [`Gazetteer::relink`] knows one, else an
    /// id and canonical built from the body's stem and the country (SCHEMA §5:
    /// `National Security Council (Afghanistan)`, `national_security_council_afghanistan`).
    /// The stem is the canonical without its `(Country)` or without its home country's name
    /// in front (`United States National Security Council`). `None` when `country` already is
    /// the body's home or no nation (a capital), or the body's canonical names no home country
    /// to take away.
    pub fn body_in(&self, entity: &str, country: &str) -> Option<(String, String)> {
        if self.home(entity).iter().any(|c| c == country) {
            return None;
        }
        if let Some((id, canonical)) = self.relink(entity, country) {
            return Some((id.to_string(), canonical.to_string()));
        }
        if !self.is_nation(country) {
            return None;
        }
        let stem = self.body_stem(entity, self.canonicals.get(entity)?)?;
        let place = self.canonicals.get(country)?;
        Some((format!("{}_{country}", entity_id(stem)), format!("{stem} ({place})")))
    }

    /// A body's name without its country: `Ministry of Foreign Affairs (Iran)` and `United
    /// States National Security Council` (the home country's name in front) →
    /// `Ministry of Foreign Affairs`, `National Security Council`. `canonical` is `entity`'s.
    pub fn body_stem<'a>(&self, entity: &str, canonical: &'a str) -> Option<&'a str> {
        match split_country(canonical) {
            Some((stem, _)) => Some(stem),
            None => self.home(entity).iter().find_map(|home| {
                let name = self.canonicals.get(home)?;
                canonical.strip_prefix(name.as_str())?.strip_prefix(' ')
            }),
        }
    }

    /// The person a full name (normalized, `merrick garland`) names, if the gazetteer knows
    /// one by exactly that name: `(entity id, canonical)`.
    pub fn person(&self, name: &str) -> Option<(&str, &str)> {
        self.people
            .get(name)
            .map(|&i| (self.entries[i].entity_id.as_str(), self.entries[i].canonical.as_str()))
    }

    /// The person an Arabic- or Persian-script full name (normalized) names when it is written
    /// another way than any alias (`گوو جیاکون` for `گوئو جیاکون`, `جيمس` for `جیمز`): the one
    /// person whose full name has the same [`name_skeleton`].
    pub fn person_like(&self, name: &str) -> Option<(&str, &str)> {
        let i = (*self.skeletons.get(&name_skeleton(name)?)?)?;
        Some((self.entries[i].entity_id.as_str(), self.entries[i].canonical.as_str()))
    }

    /// The canonical name of the entity `entity`, if the gazetteer holds it.
    pub fn canonical(&self, entity: &str) -> Option<&str> {
        self.canonicals.get(entity).map(String::as_str)
    }

    /// Whether `entity` is a country (it has a demonym), not a city or region.
    pub fn is_nation(&self, entity: &str) -> bool {
        self.nations.contains(entity)
    }

    /// The countries (entity ids) a GOV or ORG entity belongs to: the country in its canonical
    /// name (`… (Iran)`, `United States Department of Justice`) and the countries and demonyms
    /// its aliases name (`مكتب التحقيقات الفدرالي الأمريكي`). Empty when none is known.
    pub fn home(&self, entity: &str) -> &[String] {
        self.homes.get(entity).map_or(&[], Vec::as_slice)
    }

    /// The entry at `i`.
    pub fn entry(&self, i: usize) -> &Entry {
        &self.entries[i]
    }

    /// Number of aliases.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the gazetteer holds no alias.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Counts the raw automaton hits in `norm`, the same overlapping scan [`Gazetteer::find`]
    /// starts with, without boundary checks: the floor `extract --bare-scan` measures against.
    pub fn scan_count(&self, norm: &str) -> usize {
        self.keyset().occurrences(norm).len()
    }

    /// The normalized keys, indexed as the occurrences [`Gazetteer::find_with`] takes.
    pub fn keys(&self) -> &[String] {
        &self.keys
    }

    fn keyset(&self) -> &KeySet {
        self.keyset
            .get_or_init(|| KeySet::new(&self.keys).expect("keys were checked when the gazetteer was built"))
    }

    /// Finds every valid occurrence of every alias in `norm` (normalized text). Candidates may
    /// overlap; an ambiguous alias is kept only next to a trigger or where an unambiguous
    /// occurrence of the same entity is anywhere in the document.
    ///
    /// The document's language `lang` decides the affixes — Persian text takes the suffixes
    /// `ی ای` (see [`PERSIAN_SUFFIXES`]) but no Arabic proclitics (`بابل` is not `ب` + `ابل`) —
    /// and, where an Arabic and a Persian alias fold to the same string, which one applies.
    pub fn find(&self, norm: &str, lang: Lang) -> Vec<Candidate> {
        self.find_with(norm, lang, &self.keyset().occurrences(norm))
    }

    /// Like [`Gazetteer::find`], from occurrences `(start, end, key)` of [`Gazetteer::keys`]
    /// found by a scan shared with the other stages (any order).
    pub fn find_with(&self, norm: &str, lang: Lang, occ: &[(usize, usize, usize)]) -> Vec<Candidate> {
        let persian = lang == Lang::Fa;
        let suffixes = if persian { PERSIAN_SUFFIXES } else { PLURAL_SUFFIXES };
        let mut out = Vec::new();
        let mut ambiguous = Vec::new();
        for &(ms, me, pattern) in occ {
            let pattern = &self.patterns[pattern];
            let own = pattern.len() > 1 && pattern.iter().any(|&i| self.entries[i].lang == lang);
            for &idx in pattern {
                let e = &self.entries[idx];
                if own && e.lang != lang && matches!(e.lang, Lang::Ar | Lang::Fa)
                    || e.own_lang_only && e.lang != lang
                {
                    continue;
                }
                let proclitics = e.arabic && !persian;
                let Some((ws, we)) = word_span(norm, ms, me, e.arabic, e.needs_article, suffixes)
                    .filter(|&(ws, _)| proclitics || ws == ms || e.needs_article && &norm[ws..ms] == "ال")
                else {
                    continue;
                };
                let c = Candidate { start: ws, end: we, key_len: me - ms, entry: idx };
                if e.ambiguous {
                    ambiguous.push(c);
                } else {
                    out.push(c);
                }
            }
        }
        if !ambiguous.is_empty() {
            let seen: HashMap<&str, usize> = out.iter().fold(HashMap::new(), |mut acc, c| {
                let id = self.entries[c.entry].entity_id.as_str();
                let s = acc.entry(id).or_insert(c.start);
                *s = (*s).min(c.start);
                acc
            });
            for c in ambiguous {
                let id = self.entries[c.entry].entity_id.as_str();
                // Named unambiguously anywhere in the document: a headline often gives the
                // surname (`بقائی … تکذیب کرد`) before the body gives the full name.
                let named = seen.contains_key(id);
                if named || self.triggered(norm, c.start, c.end) {
                    out.push(c);
                }
            }
        }
        out.sort_by_key(|c| (c.start, c.end, c.entry));
        out
    }

    fn triggered(&self, norm: &str, start: usize, end: usize) -> bool {
        // Quote marks between a trigger and the name do not count (`قناة "روسيا اليوم"`).
        let quotes =
            |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '”' | '«' | '»' | '(' | ')');
        let before = norm[..start].trim_end_matches(quotes);
        let after = norm[end..].trim_start_matches(quotes);
        self.triggers.before.iter().any(|t| {
            before.ends_with(t.as_str())
                && !before[..before.len() - t.len()].chars().next_back().is_some_and(is_word_char)
        }) || self.triggers.after.iter().any(|t| {
            after.starts_with(t.as_str()) && !after[t.len()..].chars().next().is_some_and(is_word_char)
        })
    }
}

/// Checks the word boundaries of a raw occurrence `[ms, me)` in normalized text and returns
/// the span extended to whole words, or `None` when the occurrence is inside an unrelated word.
///
/// With `arabic`, the part of the word before the occurrence must be a proclitic sequence
/// (`و ف ب ك ل` and the article combinations; only article-bearing ones when `needs_article`),
/// and the part after it may be one of `suffixes` (`ها های ی ای`). Otherwise the
/// occurrence must be a whole word by itself.
pub fn word_span(
    norm: &str,
    ms: usize,
    me: usize,
    arabic: bool,
    needs_article: bool,
    suffixes: &[&str],
) -> Option<(usize, usize)> {
    let key = &norm[ms..me];
    let mut ws = ms;
    if key.chars().next().is_some_and(is_word_char) {
        while let Some(n) = word_char_before(norm, ws) {
            ws -= n;
        }
    }
    let mut we = me;
    if key.chars().next_back().is_some_and(is_word_char) {
        while let Some(n) = word_char_at(norm, we) {
            we += n;
        }
    }
    let prefix = &norm[ws..ms];
    let suffix = &norm[me..we];
    if !arabic {
        return (prefix.is_empty() && suffix.is_empty()).then_some((ws, we));
    }
    let prefix_ok = if needs_article {
        ARTICLE_PREFIXES.contains(&prefix)
    } else {
        PLAIN_PREFIXES.contains(&prefix) || ARTICLE_PREFIXES.contains(&prefix)
    };
    let suffix_ok = suffix.is_empty() || suffixes.contains(&suffix);
    (prefix_ok && suffix_ok).then_some((ws, we))
}

fn parse_entry(file: &DataFile, name: &std::sync::Arc<str>, rec: &data::Record<'_>) -> Result<Entry> {
    let f = &rec.fields;
    let err = |msg: String| Error::data(&file.origin, Some(rec.line), msg);
    let (id, canonical, label, lang, alias, flags) = (f[0], f[1], f[2], f[3], f[4], f[5]);
    if canonical.is_empty() {
        return Err(err("empty canonical name".into()));
    }
    let expected = entity_id(canonical);
    if id != expected {
        return Err(err(format!(
            "entity_id '{id}' does not match canonical '{canonical}' (expected '{expected}')"
        )));
    }
    let label = Label::parse(label).ok_or_else(|| err(format!("unknown label '{label}'")))?;
    if matches!(label, Label::Date | Label::Money) {
        return Err(err(format!("label {label} comes from rules, not gazetteers")));
    }
    if !matches!(lang, "ar" | "fa" | "en" | "*" | "") {
        return Err(err(format!("unknown lang '{lang}': use ar, fa or en")));
    }
    if !alias.chars().any(char::is_alphanumeric) {
        return Err(err("empty alias: it needs at least one letter or digit".into()));
    }
    let (mut ambiguous, mut exact_case) = (false, false);
    for flag in flags.split([' ', ',']).filter(|f| !f.is_empty()) {
        match flag {
            "ambiguous" => ambiguous = true,
            "case" => exact_case = true,
            other => {
                return Err(err(format!(
                    "unknown flag '{other}': use 'ambiguous', 'case', both, or leave empty"
                )));
            }
        }
    }
    Ok(Entry {
        entity_id: id.to_string(),
        canonical: canonical.to_string(),
        label,
        alias: alias.to_string(),
        file: name.clone(),
        line: rec.line,
        ambiguous,
        exact_case,
        needs_article: false,
        arabic: false,
        generated: false,
        own_lang_only: false,
        lang: match lang {
            "ar" => Lang::Ar,
            "fa" => Lang::Fa,
            "en" => Lang::En,
            _ => Lang::Und,
        },
    })
}

/// What stays of a transliterated full name (normalized, two words or more, Arabic or Persian
/// script) across the spellings the press uses for one foreign name: its letters, with the
/// letters one sound is written with folded together (G: `گ غ ق ج`; P: `پ ب`; V: `ڤ و ف`; Ch:
/// `چ` and `تش`; T: `ط ت`; S: `ص س`; Z: `ذ ض ظ ز`; H: `ح ه`), hamza seats and spaces
/// dropped (also `ي` between vowels, where a normalized `ئ` stood), doubled letters written once. Long vowels stay: they tell Arabic names apart
/// (`حسن`, `حسين`). `None` for other names and for skeletons under five letters.
pub fn name_skeleton(name: &str) -> Option<String> {
    if !name.contains(' ') || !name.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        return None;
    }
    let mut out = String::new();
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        let f = match c {
            // `ئ` folds to `ي` in normalized text: between two vowels it was a hamza seat
            // (`گوئو` → `گويو`), not a letter of the name.
            'ي' if out.ends_with(['ف', 'ا']) && matches!(chars.peek(), Some('و' | 'ا')) => continue,
            'ت' if chars.peek() == Some(&'ش') => {
                chars.next();
                'چ'
            }
            'گ' | 'غ' | 'ق' | 'ج' | 'ژ' => 'ج',
            'پ' | 'ب' => 'ب',
            'ڤ' | 'و' | 'ف' => 'ف',
            'ط' | 'ت' => 'ت',
            'ص' | 'س' => 'س',
            'ذ' | 'ض' | 'ظ' | 'ز' => 'ز',
            'ح' | 'ه' | 'ة' => 'ه',
            'ك' | 'ک' => 'ك',
            'ا' | 'أ' | 'إ' | 'آ' => 'ا',
            'ي' | 'ی' | 'ى' => 'ي',
            'ء' | 'ئ' | 'ؤ' => continue,
            c if c.is_alphabetic() => c,
            _ => continue,
        };
        if !out.ends_with(f) {
            out.push(f);
        }
    }
    (out.chars().count() >= 5).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_foreign_name_share_a_skeleton() {
        let same = [
            ("گوئو جیاکون", "گوو جیا کون"),
            ("غوه جياكون", "قوه جياكون"),
            ("بيتر ستانو", "پیتر ستانو"),
            ("فيكتور جورا", "ویکتور ژورا"),
            ("تشارلز بيل", "چارلز بيل"),
        ];
        for (a, b) in same {
            assert_eq!(name_skeleton(a), name_skeleton(b), "{a} / {b}");
            assert!(name_skeleton(a).is_some(), "{a}");
        }
        let apart = [("جيمس لويس", "جيمس موريس"), ("علي حسن", "علي حسين")];
        for (a, b) in apart {
            assert_ne!(name_skeleton(a), name_skeleton(b), "{a} / {b}");
        }
        // One word, Latin script, or too few letters: no skeleton.
        assert_eq!(name_skeleton("جيمس"), None);
        assert_eq!(name_skeleton("james lewis"), None);
        assert_eq!(name_skeleton("لي يو"), None);
    }

    fn gaz(rows: &str) -> Gazetteer {
        let text = format!("{}\n{rows}", COLUMNS.join("\t"));
        let file = DataFile { name: "t.tsv".into(), origin: "gazetteers/t.tsv".into(), text };
        let triggers = Triggers { before: vec!["اقاي".into(), "mr.".into()], after: vec![] };
        Gazetteer::load(&[file], triggers).unwrap()
    }

    fn found(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        let n = crate::normalize::Normalized::new(text);
        g.find(&n.text, Lang::Und)
            .into_iter()
            .map(|c| {
                let s = n.to_original(c.start, c.end);
                (text[s.start..s.end].to_string(), g.entry(c.entry).entity_id.clone())
            })
            .collect()
    }

    const ROWS: &str = "china\tChina\tGPE\tar\tالصين\t\n\
        iran\tIran\tGPE\tar\tإيران\t\n\
        iran\tIran\tGPE\tfa\tایران\t\n\
        donald_trump\tDonald Trump\tPERSON\tar\tترامب\t\n\
        x\tX\tORG\tar\tترامب رد\t\n\
        tom_burt\tTom Burt\tPERSON\tfa\tتام برت\t\n\
        tom_burt\tTom Burt\tPERSON\tfa\tبرت\tambiguous\n\
        cotton_sandstorm\tCotton Sandstorm\tTHREAT_ACTOR\ten\tCotton Sandstorm\t\n";

    #[test]
    fn clitics_and_suffixes() {
        let g = gaz(ROWS);
        assert_eq!(found(&g, "والصين")[0].0, "والصين");
        assert_eq!(found(&g, "للصين")[0].0, "للصين");
        assert_eq!(found(&g, "لإيران")[0].0, "لإيران");
        assert_eq!(found(&g, "ایرانها")[0].0, "ایرانها");
        assert!(found(&g, "صين").is_empty(), "article required");
        assert!(found(&g, "ميإيرانك").is_empty(), "inside a word");
        assert!(found(&g, "xcotton sandstorm").is_empty());
        assert_eq!(found(&g, "(Cotton  Sandstorm)")[0].0, "Cotton  Sandstorm");
    }

    #[test]
    fn boundary_checked_before_choosing() {
        let g = gaz(ROWS);
        // `ترامب رد` ends inside `ردا`: it is not a candidate, and `ترامب` survives.
        let f = found(&g, "قال ترامب ردا");
        assert_eq!(f, vec![("ترامب".to_string(), "donald_trump".to_string())]);
        let f = found(&g, "قال ترامب رد");
        assert!(f.iter().any(|(t, id)| t == "ترامب رد" && id == "x"));
    }

    #[test]
    fn a_medium_noun_before_an_outlets_name_stays_outside() {
        let text = format!(
            "{}\n{}",
            COLUMNS.join("\t"),
            "yonhap\tYonhap\tORG\tar\tيونهاب\t\nyonhap\tYonhap\tORG\tar\tوكالة يونهاب\t\n\
             afp\tAFP\tORG\tfa\tخبرگزاری فرانسه\t\nfrance\tFrance\tGPE\tfa\tفرانسه\t\n"
        );
        let file = DataFile { name: "t.tsv".into(), origin: "gazetteers/t.tsv".into(), text };
        let triggers =
            Triggers { before: vec!["وكاله".into(), "خبرگزاري".into()], after: vec![] };
        let g = Gazetteer::load(&[file], triggers).unwrap();
        let f = found(&g, "ونقلت وكالة يونهاب عن مسؤول");
        assert_eq!(f, vec![("يونهاب".to_string(), "yonhap".to_string())]);
        // A medium noun before another entity's name is part of the outlet's (`خبرگزاری فرانسه`).
        let f = found(&g, "به گزارش خبرگزاری فرانسه");
        assert_eq!(f[0], ("خبرگزاری فرانسه".to_string(), "afp".to_string()));
    }

    #[test]
    fn ambiguous_alias_needs_trigger_or_prior_name() {
        let g = gaz(ROWS);
        assert!(found(&g, "برت گفت").is_empty());
        assert_eq!(found(&g, "آقای برت گفت").len(), 1);
        let f = found(&g, "تام برت آمد. سپس برت گفت");
        assert_eq!(f.iter().filter(|(t, _)| t == "برت").count(), 2); // inside the full name too
    }

    #[test]
    fn conflicts_are_reported_and_rows_validated() {
        let g = gaz("a\tA\tGPE\tar\tأبها\t\nb\tB\tGPE\tar\tابها\t\n");
        assert_eq!(g.warnings.len(), 1);
        assert!(g.warnings[0].contains("t.tsv:3"), "{}", g.warnings[0]);
        let bad = DataFile {
            name: "t.tsv".into(),
            origin: "gazetteers/t.tsv".into(),
            text: format!("{}\nwrong_id\tIran\tGPE\tar\tإيران\t\n", COLUMNS.join("\t")),
        };
        let e = Gazetteer::load(&[bad], Triggers::default()).unwrap_err();
        assert!(e.to_string().starts_with("gazetteers/t.tsv:2: entity_id"), "{e}");
    }

    #[test]
    fn persian_body_and_country_split() {
        let g = gaz(
            "ministry_of_foreign_affairs_iran\tMinistry of Foreign Affairs (Iran)\tGOV\tfa\tوزارت امور خارجه\t\n\
            ministry_of_foreign_affairs_russia\tMinistry of Foreign Affairs (Russia)\tGOV\tfa\tوزارت امور خارجه روسیه\t\n\
            russia\tRussia\tGPE\tfa\tروسیه\t\n",
        );
        assert!(g.warnings.is_empty(), "{:?}", g.warnings);
        let f = found(&g, "وزارت امور خارجه روسیه گفت");
        assert_eq!(f[0], ("وزارت امور خارجه".to_string(), "ministry_of_foreign_affairs_iran".to_string()));
        assert_eq!(
            g.relink("ministry_of_foreign_affairs_iran", "russia"),
            Some(("ministry_of_foreign_affairs_russia", "Ministry of Foreign Affairs (Russia)"))
        );
    }
}
