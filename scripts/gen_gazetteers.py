#!/usr/bin/env python3
"""Generate the isnad gazetteers that come from public name lists, and check all of them.

Usage (from the repository root):

    python3 scripts/gen_gazetteers.py ../shared          # regenerate countries.tsv, threat_actors.tsv
    python3 scripts/gen_gazetteers.py --check            # validate every gazetteers/*.tsv

Generated files:

- gazetteers/countries.tsv: ISO 3166-1 names in English, Arabic and Persian (Debian iso-codes,
  shared/gazetteer-sources/iso-codes), canonical = English Wikipedia title, merged with the
  hand-written gazetteers/hand/countries_extra.tsv (short forms, press spellings, demonyms).
- gazetteers/threat_actors.tsv: threat-actor names from the MISP galaxy clusters (threat-actor,
  microsoft-activity-group, mitre-intrusion-set) and Microsoft's own naming map (MSTIC), merged
  by shared names, canonical = Microsoft's name if Microsoft named the actor, else MITRE ATT&CK's,
  else MISP's; merged with the hand-written gazetteers/hand/threat_actors_ar_fa.tsv (Arabic and
  Persian press spellings).

Both are deterministic: rows are sorted, and every decision that drops an alias is printed.
The normalization below mirrors src/normalize.rs and src/gazetteer.rs (alias keys): keep them in
step.
"""

import argparse
import collections
import json
import os
import re
import sys
import unicodedata

HEADER = ["entity_id", "canonical", "label", "lang", "alias", "flags"]
LABELS = {"PERSON", "ORG", "GOV", "GPE", "LOC", "NORP", "THREAT_ACTOR"}
LANGS = {"ar", "fa", "en"}
FLAGS = {"", "ambiguous", "case"}

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
GAZ = os.path.join(REPO, "gazetteers")
HAND = os.path.join(GAZ, "hand")


# ---------------------------------------------------------------------------------------------
# Ids and normalization (SCHEMA §5, §6; src/normalize.rs)
# ---------------------------------------------------------------------------------------------

# Letters NFKD does not decompose, folded to their base letters (as src/doc.rs `entity_id`).
_LETTER_FOLD = {"ı": "i", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss",
                "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d"}


def entity_id(canonical):
    """SCHEMA §5: accents folded (NFKD, combining marks dropped; ı ø ł đ ß æ œ þ ð to their base
    letters), lowercase, keep ASCII letters and digits, every other run -> one `_`."""
    import unicodedata
    canonical = "".join(_LETTER_FOLD.get(c, c) for c in canonical)
    folded = "".join(c for c in unicodedata.normalize("NFKD", canonical) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")


def _is_deleted(c):
    o = ord(c)
    return (0x064B <= o <= 0x065F or o in (0x0670, 0x0640, 0x200C, 0x200D, 0x200E, 0x200F,
                                          0x061C, 0x00AD) or 0x06D6 <= o <= 0x06ED)


_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ۍ": "ي",
    "ک": "ك", "ؤ": "و", "ئ": "ي", "ۀ": "ه", "ة": "ه", "ە": "ه",
}


def normalize(s):
    """The matcher's normalization of an alias (src/normalize.rs `normalize_str`)."""
    out = []
    prev_space = False
    for c in s.strip():
        o = ord(c)
        if _is_deleted(c):
            continue
        if c in _FOLD:
            c = _FOLD[c]
        elif 0x0660 <= o <= 0x0669:
            c = chr(ord("0") + o - 0x0660)
        elif 0x06F0 <= o <= 0x06F9:
            c = chr(ord("0") + o - 0x06F0)
        elif c.isspace():
            if prev_space:
                continue
            c = " "
        elif c.isupper():
            c = c.lower()[0]
        prev_space = c == " "
        out.append(c)
    return "".join(out).strip()


def is_arabic_letter(c):
    o = ord(c)
    return (0x0620 <= o <= 0x064A or 0x066E <= o <= 0x06D3 or 0x06FA <= o <= 0x06FF
            or 0x0750 <= o <= 0x077F or 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFF)


def alias_key(alias):
    """(key, needs_article) as the loader stores an alias (src/gazetteer.rs `build`)."""
    k = normalize(alias)
    if k and is_arabic_letter(k[0]) and k.startswith("ال") and len(k) > 3:
        return k[2:], True
    return k, False


def fold_marks(s):
    """Drop tashkeel, dagger alef and tatweel from a source name (ISO Arabic carries shadda)."""
    s = unicodedata.normalize("NFC", s)
    s = "".join(c for c in s if not (0x064B <= ord(c) <= 0x065F or c in "\u0670\u0640"))
    return re.sub(r"\s+", " ", s).strip()


# ---------------------------------------------------------------------------------------------
# Rows
# ---------------------------------------------------------------------------------------------

Row = collections.namedtuple("Row", "entity_id canonical label lang alias flags")


def make_row(canonical, label, lang, alias, flags=""):
    return Row(entity_id(canonical), canonical, label, lang, alias, flags)


def read_tsv(path):
    """Reads a gazetteer-format file; returns [(line, Row)]. Raises ValueError on bad lines."""
    rows = []
    header = None
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            raw = raw.rstrip("\r\n")
            if raw.startswith("\ufeff"):
                raw = raw[1:]
            if not raw.strip() or raw.startswith("#"):
                continue
            fields = [x.strip() for x in raw.split("\t")]
            if header is None:
                if fields[:6] != HEADER:
                    raise ValueError(f"{path}:{n}: header must be {HEADER}")
                header = fields
                continue
            if len(fields) > 6:
                raise ValueError(f"{path}:{n}: more than 6 fields")
            fields += [""] * (6 - len(fields))
            rows.append((n, Row(*fields)))
    return rows


def lang_of(alias):
    return "en" if not any(is_arabic_letter(c) for c in alias) else None


def write_tsv(path, rows, comment):
    rows = sorted(set(rows), key=lambda r: (r.entity_id, r.label, r.lang, normalize(r.alias), r.alias))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in comment.strip("\n").split("\n"):
            f.write("# " + line + "\n" if line else "#\n")
        f.write("\t".join(HEADER) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    return rows


def resolve(auto_rows, hand_rows, what):
    """Merges generated rows with hand rows. Hand rows win over generated ones on the same key;
    two generated rows of different entities on the same key are both dropped. Returns rows."""
    out = []
    hand_keys = {}
    for r in hand_rows:
        k = alias_key(r.alias)
        prev = hand_keys.get(k)
        if prev and (prev.entity_id, prev.label) != (r.entity_id, r.label):
            print(f"  {what}: hand alias '{r.alias}' ({r.entity_id} {r.label}) conflicts with "
                  f"'{prev.alias}' ({prev.entity_id} {prev.label}); keeping the first")
            continue
        if prev:
            continue
        hand_keys[k] = r
        out.append(r)
    by_key = collections.defaultdict(list)
    for r in auto_rows:
        by_key[alias_key(r.alias)].append(r)
    for k in sorted(by_key):
        rs = by_key[k]
        owners = sorted({(r.entity_id, r.label) for r in rs})
        if k in hand_keys:
            h = hand_keys[k]
            for o in owners:
                if o != (h.entity_id, h.label):
                    print(f"  {what}: dropped '{rs[0].alias}' for {o[0]} {o[1]}: the hand file "
                          f"gives it to {h.entity_id} {h.label}")
            continue
        if len(owners) > 1:
            print(f"  {what}: dropped '{rs[0].alias}': claimed by " +
                  ", ".join(f"{a} {b}" for a, b in owners))
            continue
        # One owner: keep one row (prefer a flagged one, so `ambiguous` is not lost).
        rs.sort(key=lambda r: (r.flags != "ambiguous", r.lang, r.alias))
        out.append(rs[0])
    return out


# ---------------------------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------------------------

# ISO 3166-1 short names that differ from the English Wikipedia article title.
WIKI_TITLES = {
    "AX": "Åland", "BO": "Bolivia", "BN": "Brunei", "BQ": "Caribbean Netherlands",
    "BS": "The Bahamas", "CD": "Democratic Republic of the Congo", "CG": "Republic of the Congo",
    "CI": "Ivory Coast", "CV": "Cape Verde", "CZ": "Czech Republic",
    "FK": "Falkland Islands", "FM": "Federated States of Micronesia",
    "GE": "Georgia (country)", "GM": "The Gambia",
    "IE": "Republic of Ireland", "IR": "Iran", "KP": "North Korea", "KR": "South Korea",
    "LA": "Laos", "MD": "Moldova", "MF": "Collectivity of Saint Martin", "MO": "Macau",
    "PN": "Pitcairn Islands", "PS": "State of Palestine", "RU": "Russia",
    "ST": "São Tomé and Príncipe", "SX": "Sint Maarten", "SY": "Syria",
    "TF": "French Southern and Antarctic Lands", "TL": "East Timor", "TR": "Turkey",
    "TW": "Taiwan", "TZ": "Tanzania", "VA": "Vatican City", "VE": "Venezuela",
    "VG": "British Virgin Islands", "VI": "United States Virgin Islands", "VN": "Vietnam",
    "SH": "Saint Helena, Ascension and Tristan da Cunha",
}

# Names the ISO table gets wrong for matching (replace the derived ar/fa/en names of a code).
NAME_OVERRIDES = {
    "TR": {"ar": ["تركيا"], "fa": ["ترکیه"], "en": ["Turkey", "Türkiye"]},
    "KP": {"ar": ["كوريا الشمالية", "جمهورية كوريا الشعبية الديمقراطية"],
           "fa": ["کره شمالی", "جمهوری دموکراتیک خلق کره"],
           "en": ["North Korea", "Democratic People's Republic of Korea", "DPRK"]},
    "KR": {"ar": ["كوريا الجنوبية", "جمهورية كوريا"], "fa": ["کره جنوبی", "جمهوری کره"],
           "en": ["South Korea", "Republic of Korea"]},
    "VA": {"ar": ["الفاتيكان", "دولة الفاتيكان", "مدينة الفاتيكان"], "fa": ["واتیکان"],
           "en": ["Vatican City", "Vatican", "Holy See"]},
    "VG": {"ar": ["جزر العذراء البريطانية"], "fa": ["جزایر ویرجین بریتانیا"],
           "en": ["British Virgin Islands"]},
    "VI": {"ar": ["جزر العذراء الأمريكية"], "fa": ["جزایر ویرجین ایالات متحده"],
           "en": ["United States Virgin Islands", "U.S. Virgin Islands"]},
    "MF": {"ar": ["سانت مارتين"], "fa": ["سن مارتن"], "en": ["Saint Martin"]},
    "SX": {"ar": ["سينت مارتن"], "fa": ["سینت مارتن"], "en": ["Sint Maarten"]},
    "RS": {"ar": ["صربيا"], "fa": ["صربستان"], "en": ["Serbia"]},
    "SH": {"ar": ["سانت هيلينا"], "fa": ["سنت هلنا"], "en": ["Saint Helena"]},
    "BQ": {"ar": ["الجزر الكاريبية الهولندية"], "fa": ["هلند کارائیب"],
           "en": ["Caribbean Netherlands", "Bonaire, Sint Eustatius and Saba"]},
    "CD": {"ar": ["جمهورية الكونغو الديمقراطية", "الكونغو الديمقراطية"],
           "fa": ["جمهوری دموکراتیک کنگو", "کنگو کینشاسا"],
           "en": ["Democratic Republic of the Congo", "DR Congo", "DRC"]},
    "CG": {"ar": ["جمهورية الكونغو", "الكونغو برازافيل"], "fa": ["جمهوری کنگو", "کنگو برازاویل"],
           "en": ["Republic of the Congo", "Congo-Brazzaville"]},
}

# Country aliases that are ordinary words in news text (normalized form).
AMBIGUOUS_COUNTRY = {normalize(x) for x in [
    "Chad", "Jersey", "Guernsey", "Georgia",  # first names, a garment, the US state
    "مالي", "مالی",  # "financial" (Arabic and Persian)
    "بنين",  # "sons"
    "چک",  # "cheque"
    "عمان",  # also Amman, Jordan's capital
    "غنا",  # Persian "wealth"
    "کامرون",  # Persian spelling of (David) Cameron
]}

# ISO-derived aliases to leave out (common words or misleading after normalization).
SKIP_ISO_ALIASES = {normalize(x) for x in [
    "Virgin Islands", "Congo", "الكونغو", "کنگو", "كوريا", "کره", "Korea",
]}


def iso_name_variants(name, lang):
    """Press-usable forms of an ISO name: `X, Y` -> `Y` when it contains `X` (a full form such as
    `جمهورية كوريا`), else `X`; `(…)` parts are dropped; names with Latin letters in an
    Arabic-script field are skipped."""
    if not name:
        return []
    name = fold_marks(name)
    name = re.sub(r"\s*\([^)]*\)\s*", " ", name).strip()
    parts = re.split(r"\s*[،,]\s*", name, maxsplit=1)
    if len(parts) == 2:
        x, y = parts
        name = y if x and x in y else x
    if lang == "ar":
        name = re.sub(r"\s+و\s+", " و", name)  # "البوسنة و الهرسك" -> "البوسنة والهرسك"
    return [name] if name else []


def strip_disambiguation(title):
    return re.sub(r"\s*\([^)]*\)$", "", title)


def build_countries(shared):
    path = os.path.join(shared, "gazetteer-sources", "iso-codes", "iso3166-1_en_ar_fa.tsv")
    auto = []
    with open(path, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            rec = dict(zip(head, line.rstrip("\n").split("\t")))
            code = rec["alpha_2"]
            canonical = WIKI_TITLES.get(code) or rec.get("common_name_en") or rec["name_en"]
            names = {"en": set(), "ar": set(), "fa": set()}
            over = NAME_OVERRIDES.get(code)
            if over:
                for lang in names:
                    names[lang].update(over.get(lang, []))
            else:
                names["en"].add(strip_disambiguation(canonical))
                for col in ("name_en", "common_name_en", "official_name_en"):
                    v = rec.get(col, "")
                    if v and "," not in v and "(" not in v:
                        names["en"].add(re.sub(r"^the ", "", v))
                for lang in ("ar", "fa"):
                    for col in (f"name_{lang}", f"official_name_{lang}"):
                        for v in iso_name_variants(rec.get(col, ""), lang):
                            if not re.search(r"[A-Za-z]", v):
                                names[lang].add(v)
            for lang in names:
                for alias in sorted(names[lang]):
                    if normalize(alias) in SKIP_ISO_ALIASES:
                        continue
                    flags = "ambiguous" if normalize(alias) in AMBIGUOUS_COUNTRY else ""
                    auto.append(make_row(canonical, "GPE", lang, alias, flags))
    hand_path = os.path.join(HAND, "countries_extra.tsv")
    hand = [r for _, r in read_tsv(hand_path)]
    rows = resolve(auto, hand, "countries")
    return rows


# ---------------------------------------------------------------------------------------------
# Threat actors
# ---------------------------------------------------------------------------------------------

# Names never used to merge clusters nor kept as aliases: generic words, umbrella labels that
# vendors apply to several distinct actors.
GENERIC_ACTOR_NAMES = {
    "apt", "unknown", "group", "team", "hackers", "hacker", "anonymous", "none", "other",
    "grizzlysteppe", "unc", "dev", "storm", "threat", "actor", "china", "iran", "russia",
    "northkorea", "korea", "israel", "unnamed", "ta", "sector", "cyber", "operation",
}

# Aliases that are ordinary words or phrases in general news text (lowercase): matched only next
# to a trigger ("group", "hackers", "مجموعة", "گروه") or after the actor's unambiguous name.
AMBIGUOUS_ACTOR_ALIASES = {
    # Microsoft's old element names that news uses as ordinary words (the rare elements such as
    # strontium, nobelium, holmium, hafnium, neptunium stay unambiguous)
    "aluminum", "boron", "bromine", "calcium", "chlorine", "chromium", "cobalt", "copper",
    "gallium", "gold", "helium", "hydrogen", "iodine", "iridium", "krypton", "magnesium",
    "manganese", "mercury", "nickel", "oxygen", "phosphorus", "platinum", "plutonium",
    "polonium", "potassium", "radium", "silicon", "sodium", "sulphur", "tantalum", "thorium",
    "zinc",
    # other vendor names that are everyday words
    "aeon", "armageddon", "basin", "bitter", "bottle", "bowser", "buckeye", "calypso",
    "cardinal", "castle", "chameleon", "chimera", "cicada", "cleaver", "combine", "covenant",
    "dragonfly", "dune", "foxtrot", "frankenstein", "gingersnap", "golem", "gorilla",
    "hellfire", "hippo", "honeybee", "horde", "indra", "kairos", "karst", "kazu", "labubu",
    "lexus", "longhorn", "lurid", "machete", "madi", "mana", "mantis", "masan", "mask",
    "mirage", "monsoon", "moonlight", "nazar", "newscaster", "nitro", "packrat", "paladin",
    "parasite", "pickaxe", "pioneer", "polaris", "popeye", "pupa", "rancor", "reaper",
    "sayad", "scarab", "scimitar", "siesta", "sima", "slingshot", "snake", "summit",
    "superman", "tailgater", "templar", "tick", "timmy", "trident", "vermin", "voyeur",
    "watchdog", "wildcard", "wraith", "zarya", "cca", "uca", "uuc", "rtm", "aiz", "equation",
    "axiom", "inception", "patchwork", "sidewinder", "turbine", "tortoiseshell", "phantom",
    "karma", "icecap",
    # phrases
    "animal farm", "black cube", "brown fox", "crescent and star", "desert falcon",
    "desert falcons", "dust storm", "evil eye", "genesis day", "golden falcon", "holy souls",
    "lucky cat", "prince of persia", "red eyes", "red wolf", "rotten tomato", "sea turtle",
    "shadow network", "silver fox", "space pirates", "storm cloud", "the big bang",
    "the gentlemen", "the mask", "white bear", "white giant", "big panda", "salted earth",
}

# Aliases dropped outright: generic words, names of other entities (companies, agencies,
# parties) that belong in other gazetteers.
DROP_ACTOR_ALIASES = {
    "alias", "alibaba", "hezb", "sea", "gop", "tsb", "cloud", "unnamed actor",
    "lead", "storm", "sandstorm", "blizzard", "typhoon", "tempest", "cuba", "play", "royal",
    "hive", "vice", "ups",
    "microsoft", "google", "mandiant", "fireeye", "kaspersky", "anonymous", "unit",
}

SOURCE_RANK = {"ms": 0, "mag": 1, "mitre": 2, "ta": 3}


def actor_key(name):
    return re.sub(r"[^0-9a-z]", "", name.lower())


def clean_actor_name(name):
    name = name.replace("\u200b", "").strip()
    name = re.sub(r"^(Subgroup|Sub-group)\s*:\s*", "", name, flags=re.I)
    name = re.sub(r"\s+", " ", name).strip(" ,;")
    return name


def usable_actor_name(name):
    k = actor_key(name)
    if len(k) < 3 or k.isdigit() or k in GENERIC_ACTOR_NAMES:
        return False
    if re.match(r"(?i)^(operation|campaign|op)\b", name):
        return False
    if not re.fullmatch(r"[A-Za-z0-9\u00C0-\u024F .\-_'&!@#/+]+", name):
        return False  # other scripts (Chinese, Cyrillic) are not press spellings here
    if re.fullmatch(r"G\d{4}", name):
        return False  # MITRE ATT&CK group ids
    if len(name) > 60:
        return False
    if re.fullmatch(r"(?i)(group|team|unit) \d{1,2}", name):
        return False
    if name.lower() in DROP_ACTOR_ALIASES:
        return False
    return True


def load_actor_clusters(shared):
    src = os.path.join(shared, "gazetteer-sources")
    clusters = []  # (source, value, [names])

    def add(source, value, names):
        names = [clean_actor_name(n) for n in [value] + list(names) if n]
        clusters.append((source, clean_actor_name(value), names))

    with open(os.path.join(src, "msft-mstic", "MicrosoftMapping.json"), encoding="utf-8-sig") as f:
        for x in json.load(f):
            others = [s for s in x.get("Other names", "").split(",") if s.strip()]
            add("ms", x["Threat actor name"], others)
    with open(os.path.join(src, "misp-galaxy", "microsoft-activity-group.json"), encoding="utf-8") as f:
        for v in json.load(f)["values"]:
            add("mag", v["value"], v.get("meta", {}).get("synonyms", []))
    with open(os.path.join(src, "misp-galaxy", "mitre-intrusion-set.json"), encoding="utf-8") as f:
        for v in json.load(f)["values"]:
            value = re.sub(r"\s+-\s+G\d+$", "", v["value"])
            add("mitre", value, v.get("meta", {}).get("synonyms", []))
    with open(os.path.join(src, "misp-galaxy", "threat-actor.json"), encoding="utf-8") as f:
        for v in json.load(f)["values"]:
            add("ta", v["value"], v.get("meta", {}).get("synonyms", []))
    clusters.sort(key=lambda c: (SOURCE_RANK[c[0]], c[1].lower(), c[1]))
    return clusters


def build_threat_actors(shared):
    clusters = load_actor_clusters(shared)
    ms_names = {actor_key(c[1]) for c in clusters if c[0] == "ms"}
    parent = list(range(len(clusters)))
    ms_of = [set() for _ in clusters]     # Microsoft names held by a root
    mitre_of = [set() for _ in clusters]  # MITRE names held by a root
    for i, (source, value, _) in enumerate(clusters):
        if source == "ms" or (source == "mag" and actor_key(value) in ms_names):
            ms_of[i].add(value)
        if source == "mitre":
            mitre_of[i].add(value)

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def compatible(a, b):
        if ms_of[a] and ms_of[b] and ms_of[a] != ms_of[b]:
            return False
        if not ms_of[a] and not ms_of[b] and mitre_of[a] and mitre_of[b] and mitre_of[a] != mitre_of[b]:
            return False
        return True

    seen = collections.defaultdict(list)  # name key -> processed cluster indexes
    umbrellas = []
    umbrella_idx = set()
    for i, (_, _, names) in enumerate(clusters):
        keys = {actor_key(n) for n in names if usable_actor_name(n)}
        count = collections.Counter()
        for k in keys:
            for j in seen[k]:
                count[find(j)] += 1
        if clusters[i][0] not in ("ms", "mitre") and not ms_of[i]:
            # A cluster that names two distinct anchored actors is an umbrella (vendors' loose
            # "also known as" lists): it merges with neither, so it cannot glue them together.
            ms_sets = {frozenset(ms_of[r]) for r in count if ms_of[r]}
            mitre_sets = {frozenset(mitre_of[r]) for r in count if mitre_of[r] and not ms_of[r]}
            if len(ms_sets) > 1 or (not ms_sets and len(mitre_sets) > 1):
                umbrellas.append(clusters[i][1])
                umbrella_idx.add(i)
                continue
        for root in sorted(count, key=lambda r: (-count[r], r)):
            a, b = find(i), find(root)
            if a == b:
                continue
            if compatible(a, b):
                lo, hi = min(a, b), max(a, b)
                parent[hi] = lo
                ms_of[lo] |= ms_of[hi]
                mitre_of[lo] |= mitre_of[hi]
        for k in keys:
            seen[k].append(i)

    comps = collections.defaultdict(list)
    for i in range(len(clusters)):
        if i not in umbrella_idx:
            comps[find(i)].append(i)
    if os.environ.get("GAZ_DEBUG"):
        for root, members in sorted(comps.items()):
            if len(members) > 1:
                print("  component:", " | ".join(f"{clusters[i][0]}:{clusters[i][1]}" for i in members))

    # Canonical name per component.
    def canonical_of(members):
        ms = sorted({clusters[i][1] for i in members if clusters[i][0] == "ms"})
        if ms:
            return ms[0]
        mag = sorted({clusters[i][1] for i in members
                      if clusters[i][0] == "mag" and actor_key(clusters[i][1]) in ms_names})
        if mag:
            return mag[0]
        mitre = sorted({clusters[i][1] for i in members if clusters[i][0] == "mitre"})
        if mitre:
            return mitre[0]
        # MISP only: the value named most often by the merged clusters.
        refs = collections.Counter()
        for i in members:
            for n in clusters[i][2]:
                refs[actor_key(n)] += 1
        values = sorted({clusters[i][1] for i in members},
                        key=lambda v: (-refs[actor_key(v)], v.lower(), v))
        return values[0]

    # Which components claim each alias key, and whether the claim is authoritative (the name
    # comes from a Microsoft or MITRE cluster of the actor, not only from MISP's threat-actor list).
    claims = collections.defaultdict(dict)  # key -> {root: authoritative}
    spellings = collections.defaultdict(list)  # (root, key) -> spellings
    for root, members in comps.items():
        for i in members:
            source = clusters[i][0]
            for n in clusters[i][2]:
                if not usable_actor_name(n):
                    continue
                k = actor_key(n)
                auth = source != "ta"  # Microsoft's map, its MISP copy, or MITRE
                claims[k][root] = claims[k].get(root, False) or auth
                spellings[(root, k)].append(n)

    canon = {root: canonical_of(members) for root, members in comps.items()}
    # A canonical name must stay with its own actor.
    canon_owner = {}
    for root, c in canon.items():
        canon_owner.setdefault(actor_key(c), root)
    rows = []
    dropped = []
    for k in sorted(claims):
        owners = claims[k]
        if len(owners) > 1:
            if k in canon_owner and canon_owner[k] in owners:
                keep = canon_owner[k]
            else:
                auth = [r for r, a in owners.items() if a]
                keep = auth[0] if len(auth) == 1 else None
            names = sorted({canon[r] for r in owners})
            sample = sorted(spellings[(next(iter(owners)), k)])[0]
            if keep is None:
                dropped.append(f"'{sample}' (shared by {', '.join(names)})")
                continue
            dropped.append(f"'{sample}' kept for {canon[keep]} only (also in "
                           f"{', '.join(n for n in names if n != canon[keep])})")
            owners = {keep: True}
        root = next(iter(owners))
        for alias in actor_spellings(spellings[(root, k)]):
            rows.append((canon[root], alias))
    print(f"threat actors: {len(clusters)} source clusters merged into {len(comps)} actors")
    print(f"  threat actors: {len(umbrellas)} umbrella clusters (naming several actors) left out: {', '.join(umbrellas)}")
    for d in dropped:
        print(f"  threat actors: dropped {d}")

    auto = []
    for canonical, alias in rows:
        flags = "ambiguous" if alias.lower() in AMBIGUOUS_ACTOR_ALIASES else ""
        auto.append(make_row(canonical, "THREAT_ACTOR", "en", alias, flags))
    # An alias another gazetteer gives to a person, body or place (Unit 8200, NSO Group) stays
    # there: threat-actor lists also name agencies and companies.
    others = {}
    for f in sorted(os.listdir(GAZ)):
        # roles.tsv is the dated-role table, not an alias table.
        if f.endswith(".tsv") and f not in ("threat_actors.tsv", "roles.tsv"):
            for _, r in read_tsv(os.path.join(GAZ, f)):
                others.setdefault(alias_key(r.alias), (f, r))
    kept = []
    for r in auto:
        o = others.get(alias_key(r.alias))
        if o:
            print(f"  threat actors: dropped '{r.alias}' ({r.canonical}): {o[0]} has it as "
                  f"{o[1].canonical} {o[1].label}")
        else:
            kept.append(r)
    auto = kept
    hand = [r for _, r in read_tsv(os.path.join(HAND, "threat_actors_ar_fa.tsv"))]
    known = {r.entity_id for r in auto}
    for r in hand:
        if r.entity_id not in known:
            print(f"  threat actors: hand entity '{r.canonical}' is not among the generated actors")
            known.add(r.entity_id)
    return resolve(auto, hand, "threat actors")


def actor_spellings(names):
    """Distinct press forms of one alias key: one spelling per normalized form (`CyberAv3ngers`,
    `Cyber Av3ngers`), mixed case preferred over all caps, plus `APT 28` / `APT-28` variants of
    `APT28`."""
    def score(n):
        mixed = n != n.upper() and n != n.lower()
        return (not mixed, n)
    groups = collections.defaultdict(list)
    for n in set(names):
        groups[normalize(n)].append(n)
    out = set()
    for forms in groups.values():
        best = sorted(forms, key=score)[0]
        if best.isupper() and re.fullmatch(r"[A-Z]+( [A-Z]+)*", best) and len(best) > 4:
            best = best.title()
        out.add(best)
        m = re.fullmatch(r"(?i)(APT|FIN)[ -]?(\d+)", best)
        if m:
            p, n = m.group(1).upper(), m.group(2)
            out |= {f"{p}{n}", f"{p} {n}", f"{p}-{n}"}
    # one spelling per normalized form
    final = {}
    for n in sorted(out, key=score):
        final.setdefault(normalize(n), n)
    return sorted(final.values())


# ---------------------------------------------------------------------------------------------
# Check
# ---------------------------------------------------------------------------------------------

def check(paths):
    """Validates gazetteer files; returns the number of errors."""
    errors = 0
    warnings = 0
    keys = {}  # (key, needs_article) -> (entity_id, label, path, line, alias)
    bare = collections.defaultdict(set)  # key -> {(entity_id, label, needs_article)}
    entities = collections.defaultdict(set)
    canon_of = {}
    counts = {}
    for path in paths:
        name = os.path.relpath(path, REPO)
        try:
            rows = read_tsv(path)
        except ValueError as e:
            print(f"ERROR {e}")
            errors += 1
            continue
        counts[name] = len(rows)
        text = open(path, encoding="utf-8").read()
        for bad in ("/" + "work/", "/" + "root/"):
            if bad in text:
                print(f"ERROR {name}: contains an absolute path '{bad}'")
                errors += 1
        for line, r in rows:
            where = f"{name}:{line}"
            if any("\t" in x for x in r):
                print(f"ERROR {where}: tab inside a field")
                errors += 1
            if r.entity_id != entity_id(r.canonical):
                print(f"ERROR {where}: entity_id '{r.entity_id}' != '{entity_id(r.canonical)}'")
                errors += 1
            if r.label not in LABELS:
                print(f"ERROR {where}: label '{r.label}'")
                errors += 1
            if r.lang not in LANGS:
                print(f"ERROR {where}: lang '{r.lang}'")
                errors += 1
            if any(f not in FLAGS for f in r.flags.replace(",", " ").split()):
                print(f"ERROR {where}: flags '{r.flags}'")
                errors += 1
            if not normalize(r.alias):
                print(f"ERROR {where}: empty alias")
                errors += 1
                continue
            if unicodedata.normalize("NFC", r.alias) != r.alias:
                print(f"WARN  {where}: alias '{r.alias}' is not NFC")
                warnings += 1
            arabic = any(is_arabic_letter(c) for c in r.alias)
            if (r.lang == "en") == arabic:
                print(f"WARN  {where}: alias '{r.alias}' is not in the script of lang {r.lang}")
                warnings += 1
            prev = canon_of.get(r.entity_id)
            if prev and prev != r.canonical:
                print(f"ERROR {where}: entity '{r.entity_id}' has canonical '{r.canonical}' and '{prev}'")
                errors += 1
            canon_of[r.entity_id] = r.canonical
            entities[r.entity_id].add(r.label)
            k = alias_key(r.alias)
            owner = (r.entity_id, r.label)
            if k in keys:
                o = keys[k]
                if (o[0], o[1]) != owner:
                    print(f"ERROR {where}: alias '{r.alias}' ({r.entity_id} {r.label}) normalizes like "
                          f"'{o[4]}' ({o[0]} {o[1]}) at {o[2]}:{o[3]}")
                    errors += 1
                else:
                    print(f"WARN  {where}: alias '{r.alias}' duplicates '{o[4]}' at {o[2]}:{o[3]}")
                    warnings += 1
            else:
                keys[k] = (r.entity_id, r.label, name, line, r.alias)
            bare[k[0]].add((r.entity_id, r.label, k[1]))
    for k, owners in sorted(bare.items()):
        if len({(a, b) for a, b, _ in owners}) > 1 and len({c for _, _, c in owners}) > 1:
            print(f"WARN  alias '{k}' with and without the article ال belongs to different entities: " +
                  ", ".join(f"{a} {b}" + (" (ال…)" if c else "") for a, b, c in sorted(owners)))
            warnings += 1
    for name, n in counts.items():
        print(f"{name}: {n} rows")
    print(f"{sum(counts.values())} rows, {len(entities)} entities, {errors} errors, {warnings} warnings")
    return errors


# ---------------------------------------------------------------------------------------------

COUNTRIES_HEADER = """
Generated by scripts/gen_gazetteers.py from ISO 3166-1 (Debian iso-codes, LGPL-2.1+) and
gazetteers/hand/countries_extra.tsv. Do not edit: edit the hand file or the script and rerun.
"""

ACTORS_HEADER = """
Generated by scripts/gen_gazetteers.py from the MISP galaxy (CC0), Microsoft's threat-actor
naming map (MSTIC, CC BY 4.0) and gazetteers/hand/threat_actors_ar_fa.tsv.
Do not edit: edit the hand file or the script and rerun.
"""


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("shared", nargs="?", help="the shared folder (../shared)")
    ap.add_argument("--check", action="store_true", help="validate gazetteers/*.tsv and exit")
    args = ap.parse_args(argv)
    if args.check or not args.shared:
        if not args.check:
            ap.error("give the shared folder, or --check")
        paths = sorted(os.path.join(GAZ, f) for f in os.listdir(GAZ)
                       if f.endswith(".tsv") and f != "roles.tsv")
        return 1 if check(paths) else 0
    countries = build_countries(args.shared)
    rows = write_tsv(os.path.join(GAZ, "countries.tsv"), countries, COUNTRIES_HEADER)
    print(f"countries.tsv: {len(rows)} rows, {len({r.entity_id for r in rows})} entities")
    actors = build_threat_actors(args.shared)
    rows = write_tsv(os.path.join(GAZ, "threat_actors.tsv"), actors, ACTORS_HEADER)
    print(f"threat_actors.tsv: {len(rows)} rows, {len({r.entity_id for r in rows})} entities")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
