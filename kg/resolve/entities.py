"""In-document entity resolution: link mentions to the gazetteer, repair types, corefer names.

One canonical entity per real thing in a document: "Putin", "PUTIN" and "Vladimir Putin" become one
entity; "the Shanghai Cooperation Organization (SCO)" makes "SCO" an alias; "Russian" stands for
Russia; "Sovet Union" is matched to the Soviet Union by a conservative fuzzy lookup; a title alone
("the Chinese president") resolves to whoever held it at the document's date.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from kg.extract.lexicon import lexicon
from kg.records import Analysis, Entity, EntityMention, RoleFact, Span
from kg.resolve.gazetteer import GazEntry, Gazetteer, entity_key, normalize_name, slug


def _name_words() -> dict[str, frozenset[str]]:
    import yaml

    from kg.config import data_path

    with data_path("name_words.yaml").open(encoding="utf-8") as handle:
        return {key: frozenset(words) for key, words in yaml.safe_load(handle).items()}


#: word lists of kg/data/name_words.yaml
_NAME_WORDS = _name_words()

#: NER label -> kg type for names the gazetteer does not know (NORP never stands alone)
NIL_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORGANIZATION",
    "ORGANIZATION": "ORGANIZATION",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "PLACE": "PLACE",
    "COUNTRY": "COUNTRY",
    "EVENT": "NAMED_EVENT",
    "NAMED_EVENT": "NAMED_EVENT",
}
#: which gazetteer types a NER label may be repaired to, most likely first
COMPATIBLE = {
    "PERSON": ("PERSON", "ORGANIZATION", "COUNTRY", "PLACE", "NAMED_EVENT"),
    "ORG": ("ORGANIZATION", "COUNTRY", "NAMED_EVENT", "PLACE", "PERSON"),
    "GPE": ("COUNTRY", "PLACE", "ORGANIZATION", "NAMED_EVENT", "PERSON"),
    "LOC": ("PLACE", "COUNTRY", "ORGANIZATION", "NAMED_EVENT"),
    "FAC": ("PLACE", "ORGANIZATION", "NAMED_EVENT"),
    "NORP": ("COUNTRY", "ORGANIZATION"),
    "EVENT": ("NAMED_EVENT", "ORGANIZATION"),
}


def _not_entities() -> frozenset[str]:
    import yaml

    from kg.config import data_path

    with data_path("not_entities.yaml").open(encoding="utf-8") as handle:
        return frozenset(w.casefold() for w in yaml.safe_load(handle)["not_entities"])


NOT_ENTITIES = _not_entities()
#: "pro-Taliban", "anti-Western": a stance towards a name, not the name
_STANCE = re.compile(r"^(?:pro|anti|non|ex|post|pre)-", re.I)
_GENERIC = re.compile(
    r"^(?:western|eastern|arab|african|asian|european|islamic|muslim|christian|communist|"
    r"international community|government|ministry|parliament|army|police|state|republic|"
    r"west|east|north|south|the west|internet|administration)$",
    re.I,
)


#: a descriptor before an organization's name: "Islamist Hamas", "Marxist Tupac Amaru Revolutionary Movement"
_DESCRIPTORS = _NAME_WORDS["descriptors"]
#: model designations of weapons and aircraft: "F-4E", "MiG-29", "S-300", "T-72"
_MODEL_CODE = re.compile(r"^(?!G-\d)[A-Z][A-Za-z]{0,2}-\d+[A-Z]{0,2}$")
#: continents named by their demonyms; one is an alias of the continent only when the text names it
_CONTINENT_DEMONYMS = {
    "african": "Africa",
    "africans": "Africa",
    "european": "Europe",
    "europeans": "Europe",
    "asian": "Asia",
    "asians": "Asia",
}
#: compass words in lower case before a region: "southeast Asian", "south Asia"
_COMPASS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "central"}
)
#: the last word of an organization's name standing for it: "the Bank" after "the World Bank"
_ORG_HEAD_ALONE = _NAME_WORDS["org_head_alone"]
#: named-event mentions the gazetteer does not know are kept only with one of these heads
_EVENT_HEADS = _NAME_WORDS["event_heads"]
#: portfolio words -> the name used in "Ministry of ... of <country>"
_PORTFOLIO_NAMES = {
    "foreign": "Foreign Affairs",
    "external": "External Affairs",
    "home": "Home Affairs",
    "defense": "Defence",
    "labor": "Labour",
    "economic": "Economy",
}
_BODY = re.compile(
    r"^(?:(?P<country>.+?)\s+)?(?:(?P<portfolio>[a-z][a-z ]*?)\s+ministry|ministry\s+(?:of|for)\s+"
    r"(?P<portfolio2>[a-z][a-z ,]*)|(?P<parliament>parliament))$",
    re.I,
)


#: sentences of a story's lede, where a title may name someone the next sentences introduce
_LEDE_SENTENCES = 3
#: a title of someone else than the office's holder of the day: "38th US president", "former president"
_PAST_TITLE = re.compile(r"\b(?:\d+(?:st|nd|rd|th)|former|late|then|ex|previous|past)\b", re.I)


@dataclass
class _Cluster:
    key: str
    label: str
    type: str
    entry: GazEntry | None
    mentions: list[EntityMention] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)
    #: the surfaces without titles and honorifics ("Laura Bush" for "First Lady Laura Bush")
    names: list[str] = field(default_factory=list)


def _close_person_name(surface: str, label: str) -> bool:
    """A misspelt person name: same number of words, same initials, each word nearly equal."""
    from rapidfuzz.fuzz import ratio

    a, b = surface.replace("-", " ").split(), label.replace("-", " ").split()
    if len(a) != len(b) or any(x[:1].casefold() != y[:1].casefold() for x, y in zip(a, b, strict=True)):
        return False
    return all(ratio(x.casefold(), y.casefold()) >= 80 for x, y in zip(a, b, strict=True))


def _same_first_name(a: str, b: str) -> bool:
    """An initial, or a spelling of the same first name ("Mahmud" ~ "Mahmoud")."""
    from rapidfuzz.fuzz import ratio

    a, b = a.strip("."), b.strip(".")
    return len(a) == 1 or len(b) == 1 or ratio(a, b) >= 75


def _strip_title(text: str, type_: str, gaz: Gazetteer | None = None) -> str:
    """Drop honorifics, titles and a demonym before a title from a person's name.

    "President Putin" -> "Putin"; "Chinese President Xi" -> "Xi"; "Foreign Minister John Chan" -> "John Chan".
    """
    if type_ != "PERSON":
        return text
    lex = lexicon()
    words = text.split()
    while len(words) > 1:
        w = words[0].lower().strip(".")
        two = " ".join(words[:2]).lower()
        if two in lex.titles and len(words) > 2:
            words = words[2:]
        elif (
            w in lex.titles
            or w in lex.honorifics
            or gaz is not None
            and len(words) > 2
            and words[1].lower() in lex.titles
            and gaz.demonym(words[0])
        ):
            words = words[1:]
        else:
            break
    return " ".join(words)


_CAPITALS: dict[int, dict[str, GazEntry]] = {}


def _capitals(gaz: Gazetteer) -> dict[str, GazEntry]:
    """Country key -> its capital city (from the gazetteer), built once per gazetteer."""
    found = _CAPITALS.get(id(gaz))
    if found is None:
        options: dict[str, list[GazEntry]] = defaultdict(list)
        for e in gaz.entries():
            if e.type == "PLACE" and e.subtype == "capital" and e.country:
                options[e.country].append(e)
        found = {}
        for country_key, cities in options.items():
            country = gaz.get(country_key)

            def rank(e: GazEntry, country: GazEntry | None = country) -> tuple[bool, bool]:
                # the GeoNames capital (the country's coordinates are its capital's), then any
                # city GeoNames knows: not "City of Light" or "Bida" from CountryInfo's synonyms
                same = (
                    country is not None and e.lat is not None and (e.lat, e.lon) == (country.lat, country.lon)
                )
                return (not same, e.geonames is None)

            found[country_key] = min(cities, key=rank)
        _CAPITALS[id(gaz)] = found
    return found


class DocumentResolver:
    """Resolve the entity mentions of one analysed document."""

    def __init__(self, analysis: Analysis, gazetteer: Gazetteer | None = None) -> None:
        self.analysis = analysis
        self.gaz = gazetteer or Gazetteer.default()
        self.published = analysis.document.published
        self.clusters: dict[str, _Cluster] = {}
        #: mention index -> entity key (None when the mention is not an entity)
        self.link: dict[int, str | None] = {}
        #: mention index -> extra entity keys (a hyphenated demonym "Russian-Chinese" is two countries)
        self.extra: dict[int, list[str]] = defaultdict(list)
        #: ministries named without their state: (mention index, label, portfolio)
        self._bare_bodies: list[tuple[int, str, str]] = []

    # -- linking ----------------------------------------------------------------------------------
    def _pick(self, entries: list[GazEntry], label: str) -> GazEntry | None:
        if not entries:
            return None
        order = COMPATIBLE.get(label, ("PERSON", "ORGANIZATION", "COUNTRY", "PLACE", "NAMED_EVENT"))
        for t in order:
            for e in entries:
                if e.type == t:
                    return e
        return entries[0]

    def _lookup(self, surface: str, label: str) -> GazEntry | None:
        acro = self.analysis.acronyms.get(surface)
        entries = self.gaz.lookup(surface)
        words = surface.split()
        # "Islamist Hamas", "148 World Trade Organisation": a modifier before a known name
        for cut in (1, 2):
            if entries or len(words) <= cut:
                break
            if (
                all(not w[:1].isupper() or w.isdigit() or self.gaz.demonym(w) for w in words[:cut])
                or cut == 1
            ):
                entries = [e for e in self.gaz.lookup(" ".join(words[cut:])) if e.type != "PERSON"]
        if not entries and acro:
            entries = self.gaz.lookup(acro)
        if not entries and label == "PERSON" and surface.isupper():
            entries = self.gaz.lookup(surface.title())
        if not entries and label in {"NORP", "GPE", "ORG"}:
            dem = self.gaz.demonym(surface)
            if dem is not None:
                return dem
        return self._pick(entries, label)

    def _add(
        self, k: int, m: EntityMention, key: str, label: str, type_: str, entry: GazEntry | None, surface: str
    ) -> None:
        cl = self.clusters.get(key)
        if cl is None:
            cl = self.clusters[key] = _Cluster(key, label, type_, entry)
        cl.mentions.append(m)
        cl.surfaces.append(surface)
        cl.names.append(surface)
        if m.text != surface and not surface.startswith(m.text):
            cl.surfaces.append(m.text)
        self.link[k] = key

    def resolve(self) -> None:
        mentions = self.analysis.mentions
        pending_people: list[int] = []
        continents: list[tuple[int, str]] = []
        for k, m in enumerate(mentions):
            if m.type == "TITLE":
                continue
            surface = _strip_title(m.text, m.type, self.gaz)
            if m.type == "ORG" and self._government_body(k, m, surface):
                continue
            surface = self._strip_modifier(k, surface)
            continent = _CONTINENT_DEMONYMS.get(surface.casefold())
            if continent is not None:
                continents.append((k, continent))
                continue
            if (
                _GENERIC.match(surface)
                or surface.casefold() in NOT_ENTITIES
                or not any(c.isupper() for c in surface)
                or _STANCE.match(surface)
                or (_MODEL_CODE.match(surface.split()[0]) and not self.gaz.lookup(surface))
                or (m.type == "NORP" and self._ethnic(m))
                or self._continent_in_compound(m, surface)
            ):
                self.link[k] = None
                continue
            if m.type == "NORP" and "-" in surface:
                # "Russian-Chinese relations": two countries
                keys = []
                for part in surface.split("-"):
                    dem = self.gaz.demonym(part)
                    if dem is not None:
                        keys.append(dem)
                if keys:
                    self._add(k, m, keys[0].key, keys[0].label, keys[0].type, keys[0], surface)
                    for extra in keys[1:]:
                        cl = self.clusters.setdefault(
                            extra.key, _Cluster(extra.key, extra.label, extra.type, extra)
                        )
                        cl.mentions.append(m)
                        cl.surfaces.append(surface)
                        self.extra[k].append(extra.key)
                else:
                    self.link[k] = None
                continue
            if m.type == "PERSON" and len(surface.split()) == 1:
                pending_people.append(k)  # a surname: other mentions of this document first
                continue
            entry = self._lookup(surface, m.type)
            if entry is not None and entry.type == "COUNTRY" and m.type in {"NORP", "GPE"}:
                # "the Malaysian capital": the capital city (the alias is "Malaysian capital"); the
                # demonym still names the country, which is no participant of what happens there
                if re.match(r"\s*capital\b", self.analysis.document.text[m.end : m.end + 12], re.I):
                    capital = self._capital(entry.key)
                    if capital is not None:
                        cl = self.clusters.setdefault(
                            entry.key, _Cluster(entry.key, entry.label, entry.type, entry)
                        )
                        cl.mentions.append(m)
                        cl.surfaces.append(m.text)
                        entry, surface = capital, f"{surface} capital"
            if entry is None and m.type == "PERSON":
                pending_people.append(k)
                continue
            if entry is None and m.type != "NORP" and len(surface) >= 6:
                entry = self.gaz.fuzzy(surface, "PERSON" if m.type == "PERSON" else None)
                if entry is not None and entry.type == "PERSON" and m.type != "PERSON":
                    entry = None
            if entry is not None:
                if m.type == "NORP" and entry.type not in {"COUNTRY", "ORGANIZATION", "PLACE"}:
                    self.link[k] = None
                    continue
                self._add(k, m, entry.key, entry.label, entry.type, entry, surface)
                continue
            type_ = NIL_TYPES.get(m.type)
            if type_ is None:
                self.link[k] = None
                continue
            self._nil(k, m, surface, type_)
        self._people(pending_people)
        self._repair_surnames()
        self._resolve_bare_bodies()
        self._merge_same_names()
        self._continents(continents)
        self._titles()

    # -- repairs ----------------------------------------------------------------------------------
    def _strip_modifier(self, k: int, surface: str) -> str:
        """Drop a lowercase compass word or a descriptor before a name when the rest is the name:
        "southeast Asia" stays (a region), "south Lebanon" -> "Lebanon"; "Islamist Hamas" -> "Hamas"
        when Hamas is known or named alone in the text."""
        words = surface.split()
        if len(words) < 2:
            return surface
        rest = " ".join(words[1:])
        first = words[0]
        if first in _COMPASS:
            if self.gaz.lookup(surface) or self.gaz.demonym(surface):
                return surface
            return rest
        if first.casefold() in _DESCRIPTORS:
            if self.gaz.lookup(rest) or any(
                normalize_name(o.text) == normalize_name(rest)
                for j, o in enumerate(self.analysis.mentions)
                if j != k
            ):
                return rest
        return surface

    def _continent_in_compound(self, m: EntityMention, surface: str) -> bool:
        """ "the Africa-France summit", "Asia-Europe meeting": a continent naming a forum is no actor."""
        text = self.analysis.document.text
        if text[m.end : m.end + 1] not in {"-", "–"} and text[max(0, m.start - 1) : m.start] not in {
            "-",
            "–",
        }:
            return False
        return any(e.subtype == "continent" for e in self.gaz.lookup(surface))

    def _ethnic(self, m: EntityMention) -> bool:
        """ "ethnic Albanian rebels": a people, not the state."""
        before = self.analysis.document.text[max(0, m.start - 8) : m.start]
        return bool(re.search(r"\bethnic\s+$", before, re.I))

    def _government_body(self, k: int, m: EntityMention, surface: str) -> bool:
        """ "the foreign ministry", "Pakistan's foreign ministry", "the Turkish parliament": a body of
        the state named before the noun (or of no named state: the name is then this document's)."""
        if any(w[:1].isupper() for w in surface.split()[-1:]) and not surface.islower():
            # "Foreign Ministry" and other names written as names go the usual way unless lower case
            if not re.search(r"\b(?:ministry|parliament)$|^ministry\b", surface):
                return False
        found = _BODY.match(surface)
        if found is None:
            return False
        country = None
        if found["country"]:
            words = found["country"].replace("'s", "").replace("\u2019s", "")
            country = self.gaz.demonym(words) or next(
                (e for e in self.gaz.lookup(words) if e.type == "COUNTRY"), None
            )
            if country is None:
                return False
        for entry in self.gaz.lookup(surface):
            if entry.type == "ORGANIZATION":
                self._add(k, m, entry.key, entry.label, entry.type, entry, surface)
                return True
        portfolio = (found["portfolio"] or found["portfolio2"] or "").strip()
        if found["parliament"]:
            if country is None:
                return False
            label = f"Parliament of {country.label}"
            bare = m.text
        else:
            name = _PORTFOLIO_NAMES.get(portfolio.lower()) or " ".join(
                w if w in {"and", "of"} else w.capitalize() for w in portfolio.replace(",", " ,").split()
            ).replace(" ,", ",")
            label = f"Ministry of {name}" + (f" of {country.label}" if country else "")
            bare = f"{portfolio} ministry" if found["portfolio"] else surface
        if country is None and not found["parliament"]:
            self._bare_bodies.append((k, label, portfolio))  # whose ministry: once people are known
            self.link[k] = None
            return True
        self._add_body(k, label, bare)
        return True

    def _add_body(self, k: int, label: str, bare: str, scoped: bool = False) -> None:
        m = self.analysis.mentions[k]
        entry = next((e for e in self.gaz.lookup(label) if e.type == "ORGANIZATION"), None)
        if entry is not None:
            self._add(k, m, entry.key, entry.label, entry.type, entry, m.text)
        else:
            key = entity_key(label, "ORGANIZATION")
            if scoped:
                key += "--" + slug(self.analysis.document.id)  # no state named: this document's ministry
            self._add(k, m, key, label, "ORGANIZATION", None, m.text)
        if bare != m.text:
            self.clusters[self.link[k] or ""].surfaces.append(bare)

    def _resolve_bare_bodies(self) -> None:
        """ "the foreign ministry" with no state named is the ministry of the one state whose foreign
        minister the text names ("Pakistani Foreign Minister Khurshid Kasuri ... the foreign ministry
        said"); with none or several, it stays this document's "Ministry of Foreign Affairs"."""
        from kg.resolve.gazetteer import normalize_role

        if not self._bare_bodies:
            return
        facts = self.role_facts()
        for k, label, portfolio in self._bare_bodies:
            want = normalize_role(f"{portfolio} minister")
            countries: set[str] = set()
            for c in self.clusters.values():
                if c.type != "PERSON" or not c.mentions:
                    continue
                for f in facts.get(c.key, []):
                    if normalize_role(f.role) == want and (f.of or (c.entry and c.entry.country)):
                        countries.add(f.of or (c.entry.country if c.entry else "") or "")
                for r in c.entry.roles if c.entry else ():
                    if (
                        normalize_role(r.role) == want
                        and r.of
                        and (self.published is None or r.covers(self.published))
                    ):
                        countries.add(r.of)
            country = self.gaz.get(next(iter(countries))) if len(countries) == 1 else None
            m = self.analysis.mentions[k]
            if country is not None and country.type == "COUNTRY":
                self._add_body(k, f"{label} of {country.label}", m.text)
            else:
                self._add_body(k, label, m.text, scoped=True)

    def _merge_same_names(self) -> None:
        """One name the NER typed two ways in one text ("Mindanao" as a place and an organization) is
        one entity (the type most of its mentions got); so are two spellings the text gives the same
        acronym ("Bangladesh National Party (BNP)", "Bangladesh Nationalist Party (BNP)"), and a name
        with and without its state ("US Congress", "Congress")."""
        groups: dict[str, list[_Cluster]] = defaultdict(list)
        text = self.analysis.document.text
        for cl in self.clusters.values():
            if not cl.mentions:
                continue
            if cl.entry is None:
                groups[normalize_name(cl.label)].append(cl)
            if cl.type == "ORGANIZATION":
                for m in cl.mentions:
                    acro = re.match(r"\s*\(([A-Z]{2,8})\)", text[m.end : m.end + 12])
                    if acro:
                        groups["(" + acro.group(1)].append(cl)
        orgs = [c for c in self.clusters.values() if c.type == "ORGANIZATION" and c.mentions]
        nil_orgs = {normalize_name(c.label): c for c in orgs if c.entry is None}
        for cl in orgs:
            for name in {cl.label, *cl.surfaces}:
                words = name.split()
                if len(words) < 2 or not (self.gaz.demonym(words[0]) or self._is_country(words[0])):
                    continue
                other = nil_orgs.get(normalize_name(" ".join(words[1:])))
                if other is not None and other is not cl:
                    groups["<" + cl.key].extend([cl, other])
        done: set[str] = set()
        for group in groups.values():
            unique = {c.key: c for c in group if c.key in self.clusters and c.key not in done}
            group = list(unique.values())
            if len(group) < 2:
                continue
            group.sort(key=lambda c: (c.entry is None, -len(c.label.split()), -len(c.mentions)))
            target = group[0]
            for other in group[1:]:
                done.add(other.key)
                self._absorb(target, other)

    def _is_country(self, word: str) -> bool:
        return any(e.type == "COUNTRY" for e in self.gaz.lookup(word))

    def _absorb(self, target: _Cluster, other: _Cluster) -> None:
        target.mentions.extend(other.mentions)
        target.surfaces.extend(other.surfaces)
        target.names.extend(other.names)
        for k, linked in list(self.link.items()):
            if linked == other.key:
                self.link[k] = target.key
        del self.clusters[other.key]

    def _continents(self, pending: list[tuple[int, str]]) -> None:
        """ "Africans" is the alias of Africa when the text names Africa; alone it is no entity."""
        for k, name in pending:
            target = next(
                (c for c in self.clusters.values() if normalize_name(c.label) == normalize_name(name)), None
            )
            if target is None:
                self.link[k] = None
                continue
            m = self.analysis.mentions[k]
            self._add(k, m, target.key, target.label, target.type, target.entry, m.text)

    def _repair_surnames(self) -> None:
        """A one-word name the NER typed as a place or organization that is a person's surname here."""
        people = [c for c in self.clusters.values() if c.type == "PERSON"]
        for key, cl in list(self.clusters.items()):
            if cl.entry is not None or cl.type == "PERSON":
                continue
            words = normalize_name(cl.label.replace("-", " ")).split()
            target = None
            for p in people:
                full = normalize_name(p.label.replace("-", " ")).split()
                names = [normalize_name(s.replace("-", " ")).split() for s in [p.label, *p.surfaces]]
                # "Haniya" (typed as a place) in "Ismail Haniya", "Douste-Blazy" in "Philippe Douste-Blazy",
                # or the very same name typed as an organization
                if (
                    (len(words) == 1 and len(full) > 1 and words[0] in full[1:])
                    or words in names
                    or (1 < len(words) < len(full) and full[-len(words) :] == words)
                ):
                    target = p
                    break
            if target is None:
                continue
            target.mentions.extend(cl.mentions)
            target.surfaces.extend(cl.surfaces)
            target.names.extend(cl.names)
            for k, linked in list(self.link.items()):
                if linked == key:
                    self.link[k] = target.key
            del self.clusters[key]

    def _capital(self, country_key: str) -> GazEntry | None:
        capitals = _capitals(self.gaz)
        return capitals.get(country_key)

    def _nil(self, k: int, m: EntityMention, surface: str, type_: str) -> None:
        """A name the gazetteer does not know: merge by normalised name (and defined acronym)."""
        expansion = self.analysis.acronyms.get(surface)
        if expansion:
            for cl in self.clusters.values():
                if normalize_name(cl.label) == normalize_name(expansion):
                    self._add(k, m, cl.key, cl.label, cl.type, cl.entry, surface)
                    return
        for acro, full in self.analysis.acronyms.items():
            if normalize_name(full) == normalize_name(surface):
                for cl in self.clusters.values():
                    if acro in cl.surfaces:
                        self._add(k, m, cl.key, cl.label, cl.type, cl.entry, surface)
                        return
        if " " not in surface and lexicon().trigger(surface.lower(), "NOUN") is not None:
            self.link[k] = None  # "his annual Address to the Federal Assembly": an event word, not a name
            return
        if type_ == "NAMED_EVENT" and surface.split()[-1].casefold() not in _EVENT_HEADS:
            self.link[k] = None  # "Watergate", "New Year's weekend": not a named forum or summit
            return
        if " " not in surface and surface.casefold() in _ORG_HEAD_ALONE:
            # "the Bank" after "the World Bank": the one organization of the text with that head
            owners = [
                c
                for c in self.clusters.values()
                if c.type == "ORGANIZATION" and c.label.split()[-1].casefold() == surface.casefold()
            ]
            if len(owners) == 1:
                self._add(k, m, owners[0].key, owners[0].label, owners[0].type, owners[0].entry, surface)
            else:
                self.link[k] = None
            return
        key = entity_key(surface, type_)
        self._add(k, m, key, surface, type_, None, surface)

    def _people(self, pending: list[int]) -> None:
        """Person names the gazetteer does not know: surnames and all-caps forms join full names."""
        mentions = self.analysis.mentions
        # full names first, longest first, so "Putin" finds "Vladimir Putin"
        order = sorted(
            pending, key=lambda k: -len(_strip_title(mentions[k].text, "PERSON", self.gaz).split())
        )
        people: list[_Cluster] = [c for c in self.clusters.values() if c.type == "PERSON"]
        for k in order:
            m = mentions[k]
            surface = _strip_title(m.text, "PERSON")
            words = [w.casefold() for w in surface.replace("-", " ").split()]
            target = None
            for cl in people:
                names = {w.casefold() for s in [cl.label, *cl.surfaces] for w in s.replace("-", " ").split()}
                full = cl.label.casefold().replace("-", " ").split()
                if len(words) == 1 and words[0] in names:
                    target = cl
                    break
                if len(words) > 1 and words == full:
                    target = cl
                    break
                if (
                    len(words) > 1
                    and len(full) > 1
                    and words[-1] == full[-1]
                    and words[0][:1] == full[0][:1]
                    and _same_first_name(words[0], full[0])
                ):
                    target = cl  # "M. Abbas", "Mahmud Abbas" for "Mahmoud Abbas" (not "Ataur" for "Anisur")
                    break
                if 1 < len(words) < len(full) and full[-len(words) :] == words:
                    target = cl  # "Douste-Blazy" in "Philippe Douste-Blazy"
                    break
            if target is None and len(words) == 1 and len(words[0]) >= 4:
                # a misspelt surname of someone already named here ("Chang" for "John Chan")
                from rapidfuzz.fuzz import ratio

                close = [
                    cl
                    for cl in people
                    if len(cl.label.split()) > 1
                    and cl.label.casefold().replace("-", " ").split()[-1][:1] == words[0][:1]
                    and ratio(cl.label.casefold().replace("-", " ").split()[-1], words[0]) >= 88
                ]
                if len(close) == 1:  # "Chang" for "John Chan", unless "Lien Chan" is there too
                    target = close[0]
            if target is None and len(words) == 1:
                entry = self._lookup(surface, "PERSON")
                if (
                    entry is not None
                    and entry.type == "PERSON"
                    and normalize_name(entry.label.split()[-1])
                    != normalize_name(surface)  # Erdoğan ~ Erdogan
                ):
                    entry = None
                if entry is not None:
                    self._add(k, m, entry.key, entry.label, entry.type, entry, surface)
                    people.append(self.clusters[entry.key])
                    continue
            if target is None and len(words) > 1:
                entry = self.gaz.fuzzy(surface, "PERSON")
                if entry is not None and _close_person_name(surface, entry.label):
                    self._add(k, m, entry.key, entry.label, entry.type, entry, surface)
                    people.append(self.clusters[entry.key])
                    continue
            if target is not None:
                self._add(k, m, target.key, target.label, target.type, target.entry, surface)
                continue
            key = entity_key(surface, "PERSON")
            self._add(k, m, key, surface, "PERSON", None, surface)
            people.append(self.clusters[key])

    def _titles(self) -> None:
        """Title-only mentions ("the Chinese president", "the US speaker") resolve to a person of the
        text: the one the text gives that title, else the one it names in the next sentences (the
        wire lede: "..., the Polish foreign minister said.\n\nDariusz Rosati told reporters ..."),
        else the holder at the document's date; a title that names no office of a state ("the US
        speaker" when no speaker is named) stands for its state, as its modifier would."""
        from kg.resolve.gazetteer import normalize_role

        lex = lexicon()
        facts = self.role_facts()
        for k, m in enumerate(self.analysis.mentions):
            if m.type != "TITLE":
                continue
            self.link[k] = None
            of, country, title = self._split_role(m.role or m.text)
            if title is None or _PAST_TITLE.search(m.role or m.text):
                continue
            want = normalize_role(title)
            person = self._titled_person(want, country, facts) or self._named_next(k, want, country, facts)
            if person is not None:
                self.link[k] = person.key
                continue
            resolvable = {normalize_role(lex.titles.get(t, t)) for t in lex.resolvable_titles}
            if want not in resolvable:
                state = country or of
                if state is not None and state.key in self.clusters and self.clusters[state.key].mentions:
                    self.link[k] = state.key
                continue
            if country is None:
                continue
            holder = self._title_holder(title, country.key)
            if holder is not None:
                cl = self.clusters.get(holder.key)
                if cl is None:
                    cl = self.clusters[holder.key] = _Cluster(holder.key, holder.label, "PERSON", holder)
                self.link[k] = holder.key

    def _of_state(
        self, c: _Cluster, country: GazEntry | None, facts: dict[str, list[RoleFact]], strict: bool = False
    ) -> bool:
        """Whether a person is of a state (no state asked: yes; not known: not against it, unless
        ``strict``)."""
        if country is None:
            return True
        if c.entry is not None and c.entry.country:
            return c.entry.country == country.key
        ofs = {f.of for f in facts.get(c.key, []) if f.of}
        states = set(ofs)
        for o in ofs:
            body = self.gaz.get(o)
            if body is not None and body.country:
                states.add(body.country)  # the speaker of the US House is of the United States
        return country.key in states or (not states and not strict)

    def _conflicts(self, c: _Cluster, want: str, facts: dict[str, list[RoleFact]]) -> bool:
        """A person the text titles otherwise ("Premier X" is no foreign minister), or who held
        another, dated post of state at the document's date."""
        from kg.resolve.gazetteer import normalize_role

        said = [normalize_role(f.role) for f in facts.get(c.key, [])]
        if said and want not in said:
            return True
        if c.entry is None or self.published is None:
            return False
        held = [r for r in c.entry.roles if r.covers(self.published) and r.start is not None]
        return bool(held) and all(normalize_role(r.role) != want for r in held) and not said

    def _titled_person(
        self, want: str, country: GazEntry | None, facts: dict[str, list[RoleFact]]
    ) -> _Cluster | None:
        """The one person of the text it gives this title ("US House of Representatives Speaker Newt
        Gingrich" ... "the US speaker")."""
        from kg.resolve.gazetteer import normalize_role

        found = [
            c
            for c in self.clusters.values()
            if c.type == "PERSON"
            and c.mentions
            and any(normalize_role(f.role) == want for f in facts.get(c.key, []))
            and self._of_state(c, country, facts, strict=True)  # not Japan's ambassador for Peru's
        ]
        return found[0] if len(found) == 1 else None

    def _named_next(
        self, k: int, want: str, country: GazEntry | None, facts: dict[str, list[RoleFact]]
    ) -> _Cluster | None:
        """The person first named in one of the next two sentences after a title-only mention of the
        lede (a story's first sentences), when nothing said of them contradicts the title. Later in a
        story a title mostly goes back to someone named before ("the Hong Kong Democratic leader")."""
        mentions = self.analysis.mentions
        starts = [a for a, _ in self.analysis.sentences]
        here = next((i for i, a in enumerate(starts) if a == mentions[k].sentence_start), None)
        if here is None or here > _LEDE_SENTENCES - 1:
            return None
        window = set(starts[here + 1 : here + 3])
        first_seen: dict[str, int] = {}
        for j, o in enumerate(mentions):
            key = self.link.get(j)
            if key is not None and o.type == "PERSON":
                first_seen.setdefault(key, o.start)
        for j, o in enumerate(mentions):
            if o.type != "PERSON" or o.sentence_start not in window:
                continue
            key = self.link.get(j)
            cl = self.clusters.get(key) if key else None
            if cl is None or cl.type != "PERSON" or first_seen.get(cl.key, -1) < mentions[k].end:
                continue
            if len(_strip_title(o.text, "PERSON", self.gaz).split()) < 2:
                continue  # a surname alone is no introduction
            if self._conflicts(cl, want, facts) or not self._of_state(cl, country, facts):
                continue
            return cl
        return None

    def _title_holder(self, title: str, country_key: str) -> GazEntry | None:
        """Who "the Polish foreign minister" is: the holder at the document's date when the text names
        them too; else the one person of that country named in the text who held the title then, or
        the only one of that country (unless another post of theirs is dated to that day); else the
        holder per the gazetteer."""
        from kg.resolve.gazetteer import normalize_role

        holder = self.gaz.holder(title, country_key, self.published)
        if holder is not None and holder.key in self.clusters and self.clusters[holder.key].mentions:
            return holder
        facts = self.role_facts()
        want = normalize_role(title)
        national: list[_Cluster] = []
        titled: list[_Cluster] = []
        day = self.published
        for c in self.clusters.values():
            if c.type != "PERSON" or not c.mentions:
                continue
            roles = [
                (r.role, r.of) for r in (c.entry.roles if c.entry else ()) if day is None or r.covers(day)
            ]
            roles += [(f.role, f.of) for f in facts.get(c.key, [])]
            if (c.entry and c.entry.country == country_key) or any(of == country_key for _, of in roles):
                if self._conflicts(c, want, facts):
                    continue
                national.append(c)
                if any(normalize_role(role) == want for role, of in roles if of in (None, country_key)):
                    titled.append(c)
        for group in (titled, national):
            if len(group) == 1:
                c = group[0]
                return c.entry or GazEntry(
                    c.key, c.label, "PERSON", (), None, country_key, None, (), (), None, None, None
                )
        return holder

    def _split_role(self, text: str) -> tuple[GazEntry | None, GazEntry | None, str | None]:
        """ "Hong Kong's Democratic party chief" -> (the body or state it is of, the first state
        named, the canonical role)."""
        lex = lexicon()
        words = text.replace("'s", "").replace("\u2019s", "").split()
        of: GazEntry | None = None
        state: GazEntry | None = None
        title_words: list[str] = []
        i = 0
        while i < len(words):
            found = None
            for n in (4, 3, 2, 1):
                chunk = " ".join(words[i : i + n])
                if n > 1 and chunk.lower() in lex.titles:
                    break
                ent = self.gaz.demonym(chunk) if n == 1 else None
                if ent is None:
                    cands = [e for e in self.gaz.lookup(chunk) if e.type in {"COUNTRY", "ORGANIZATION"}]
                    ent = cands[0] if cands else None
                if ent is not None:
                    found = (ent, n)
                    break
            if found:
                of = found[0]
                if state is None and of.type == "COUNTRY":
                    state = of
                i += found[1]
            else:
                if words[i].lower() not in {"the", "its", "his", "her", "their"}:
                    title_words.append(words[i])
                i += 1
        title_text = " ".join(title_words).lower()
        role = lex.titles.get(title_text)
        if role is None:
            for n in (3, 2, 1):
                tail = " ".join(title_text.split()[-n:])
                if tail in lex.titles:
                    role = lex.titles[tail]
                    break
        return of, state, role

    # -- output -----------------------------------------------------------------------------------
    def role_facts(self) -> dict[str, list[RoleFact]]:
        """Role facts stated by the document ("Kremlin aide Yury Ushakov")."""
        out: dict[str, list[RoleFact]] = defaultdict(list)
        seen: set[tuple[str, str, str | None]] = set()
        for k, m in enumerate(self.analysis.mentions):
            key = self.link.get(k)
            if key is None or m.role is None or m.type != "PERSON":
                continue
            of, _state, role = self._split_role(m.role)
            of_key = of.key if of is not None else None
            if role is None:
                continue
            if (key, role, of_key) in seen:
                continue
            seen.add((key, role, of_key))
            out[key].append(
                RoleFact(
                    person=key,
                    role=role,
                    of=of_key,
                    as_of=self.published,
                    source=Span(m.doc_id, m.start, m.end, "", m.sentence_start, m.sentence_end),
                )
            )
        return out

    def entities(self) -> list[Entity]:
        roles = self.role_facts()
        out = []
        for key in sorted(self.clusters):
            cl = self.clusters[key]
            if not cl.mentions and cl.entry is None:
                continue
            label = cl.label
            if cl.entry is None and cl.type == "PERSON":
                # the fullest name without titles ("Laura Bush" for "First Lady Laura Bush"), unless only
                # a word is left: "Sheikh Hasina", "King Hussein"
                full = max(cl.surfaces, key=lambda s: (len(s.split()), len(s)), default=label)
                bare = max(cl.names, key=lambda s: (len(s.split()), len(s)), default=full)
                label = bare if len(bare.split()) > 1 else full
            e = cl.entry
            known = set(e.aliases) if e is not None and e.type != "PERSON" else set()
            aliases = sorted(({s for s in cl.surfaces} | known) - {label})
            out.append(
                Entity(
                    key=key,
                    label=label,
                    type=cl.type,
                    aliases=aliases,
                    wikidata=e.wikidata if e else None,
                    country=e.country if e else None,
                    subtype=e.subtype if e else None,
                    mentions=sorted(cl.mentions, key=lambda m: (m.start, m.end)),
                    roles=roles.get(key, []),
                    geonames=e.geonames if e else None,
                    lat=e.lat if e else None,
                    lon=e.lon if e else None,
                )
            )
        return out


def resolve_entities(analysis: Analysis, gazetteer: Gazetteer | None = None) -> DocumentResolver:
    """Link and corefer the entity mentions of one document; the resolver keeps the mention links."""
    resolver = DocumentResolver(analysis, gazetteer)
    resolver.resolve()
    return resolver
