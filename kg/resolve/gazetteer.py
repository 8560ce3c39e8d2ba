"""The gazetteer: known countries, organizations, places, named events and persons, with lookups.

The data lives in ``kg/data/gazetteer/`` (built by ``scripts/build_gazetteer.py`` from CountryInfo,
supraverden, PETRARCH-2 Phoenix, GeoNames and ``curated.yaml``; memberships in ``memberships.yaml``).
Keys are the project's stable identities: ``wd:<QID>`` when a source gave a QID, else
``<type>:<slug>``; :func:`entity_key` gives unknown (NIL) entities keys by the same rule.

>>> g = Gazetteer.default()
>>> g.lookup("U.S.")[0].label
'United States'
>>> g.demonym("Russians").label
'Russia'
>>> from datetime import date
>>> g.holder("President", g.lookup("Russia")[0].key, date(2019, 4, 24)).label
'Vladimir Putin'
"""

from __future__ import annotations

import functools
import json
import re
import threading
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kg.config import data_path

__all__ = [
    "GazEntry",
    "Gazetteer",
    "Membership",
    "Role",
    "entity_key",
    "normalize_name",
    "normalize_role",
    "slug",
]

#: order of types when a surface names several entries (most likely first)
TYPE_RANK = {"COUNTRY": 0, "ORGANIZATION": 1, "NAMED_EVENT": 2, "PLACE": 3, "PERSON": 4}
#: posts whose holders also get ALL-CAPS ruler patterns (headlines)
HEAD_ROLES = frozenset(
    {
        "president",
        "prime minister",
        "chancellor",
        "king",
        "queen",
        "emir",
        "sultan",
        "foreign minister",
        "secretary of state",
        "supreme leader",
        "general secretary",
    }
)
#: shortest surface fuzzy matching will consider (normalized characters)
FUZZY_MIN_LEN = 6


@functools.lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def slug(label: str) -> str:
    """Lowercase ASCII with runs of other characters as "-".

    >>> slug("Côte d'Ivoire")
    'cote-d-ivoire'
    """
    return re.sub(r"[^a-z0-9]+", "-", _fold(label).lower()).strip("-")


def entity_key(label: str, type: str, wikidata: str | None = None) -> str:
    """The stable key of an entity: ``wd:QID`` if known, else ``type:slug``.

    >>> entity_key("Vladimir Putin", "PERSON")
    'person:vladimir-putin'
    >>> entity_key("Shanghai Cooperation Organization", "ORGANIZATION", "Q485207")
    'wd:Q485207'
    """
    return f"wd:{wikidata}" if wikidata else f"{type.lower()}:{slug(label)}"


_ACRONYM_DOT = re.compile(r"(?<=\b[a-z])\.(?=[a-z]\b)")
_APOSTROPHE = re.compile(r"['\u2019`]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize_name(text: str) -> str:
    """Compare names: casefolded, no diacritics or punctuation, leading "the" dropped.

    >>> normalize_name("The U.S."), normalize_name("US"), normalize_name("Côte d’Ivoire")
    ('us', 'us', 'cote divoire')
    """
    text = _fold(text.replace("\u2019", "'")).casefold().replace("&", " and ")
    if "." in text:
        text = _ACRONYM_DOT.sub("", text)  # U.S. -> US
    text = _NON_ALNUM.sub(" ", _APOSTROPHE.sub("", text)).strip()
    return text[4:] if text.startswith("the ") else text


_ROLE_SYNONYMS = {
    "premier": "prime minister",
    "pm": "prime minister",
    "prime minister of the government": "prime minister",
    "head of government": "prime minister",
    "foreign affairs minister": "foreign minister",
    "minister of foreign affair": "foreign minister",
    "minister for foreign affair": "foreign minister",
    "minister of external affair": "foreign minister",
    "external affairs minister": "foreign minister",
    "foreign secretary": "foreign minister",
    "defence minister": "defense minister",
    "minister of defence": "defense minister",
    "minister of defense": "defense minister",
    "minister of national defense": "defense minister",
    "minister of national defence": "defense minister",
    "spokeswoman": "spokesperson",
    "spokesman": "spokesperson",
    "spokesperson": "spokesperson",
    "secretary general": "secretary general",
    "chancellor": "chancellor",
}


def normalize_role(role: str) -> str:
    """A comparable form of a title: "Premier" ~ "Prime Minister", "Minister of Foreign Affairs" ~
    "foreign minister".

    >>> normalize_role("Premier"), normalize_role("Minister of Foreign Affairs")
    ('prime minister', 'foreign minister')
    """
    text = re.sub(r"[^a-z ]+", " ", _fold(role).lower().replace("-", " "))
    text = re.sub(r"\s+", " ", text).strip()
    words = text.split(" ")
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]  # "Presidents", "Foreign Affairs" -> singular
    text = " ".join(words)
    if text in _ROLE_SYNONYMS:
        return _ROLE_SYNONYMS[text]
    m = re.fullmatch(r"minister (?:of|for) (?:the )?(.+)", text)
    if m:
        return f"{m.group(1)} minister"
    return text


@dataclass(frozen=True)
class Role:
    """A post held between two days (either may be unknown)."""

    role: str
    of: str | None
    start: date | None
    end: date | None

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class GazEntry:
    """One known entity."""

    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None
    subtype: str | None = None
    roles: tuple[Role, ...] = ()
    demonyms: tuple[str, ...] = ()
    geonames: int | None = None
    lat: float | None = None
    lon: float | None = None
    #: where the QID comes from (only set with ``wikidata``)
    qid_source: str | None = None
    #: source codes: ci CountryInfo, sv supraverden, px Phoenix, gn GeoNames, cu curated
    sources: tuple[str, ...] = ()

    @property
    def curated(self) -> bool:
        return "cu" in self.sources

    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class Membership:
    """A dated membership of a country (or organization) in an organization."""

    org: str
    member: str
    since: date | None
    until: date | None
    citation: str
    note: str | None = None

    def covers(self, day: date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)


def _day(value: Any) -> date | None:
    """YAML/JSON day: None, a date, "2019-04-24", or a year (2009 -> 2009-01-01)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        return date(int(value), 1, 1)
    return date.fromisoformat(str(value))


def _entry(row: dict[str, Any]) -> GazEntry:
    own = row.get("country")
    roles = tuple(
        Role(r[0], r[3] if len(r) > 3 else own, _day(r[1]), _day(r[2])) for r in row.get("roles", ())
    )
    return GazEntry(
        key=row["key"],
        label=row["label"],
        type=row["type"],
        aliases=tuple(row.get("aliases", ())),
        wikidata=row.get("wikidata"),
        country=own,
        subtype=row.get("subtype"),
        roles=roles,
        demonyms=tuple(row.get("demonyms", ())),
        geonames=row.get("geonames"),
        lat=row.get("lat"),
        lon=row.get("lon"),
        qid_source=row.get("qid_source"),
        sources=tuple(row.get("src", "").split("+")) if row.get("src") else (),
    )


#: how far back from its end a term without a start date is believed (about one term of office)
OPEN_TERM_DAYS = 4 * 365


class Gazetteer:
    """Lookups over the gazetteer entries (see the module docstring)."""

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    def __init__(self, entries: list[GazEntry], memberships: list[dict[str, Any]] | None = None) -> None:
        self._entries = {e.key: e for e in entries}
        self._names: dict[str, list[GazEntry]] = defaultdict(list)
        self._demonyms: dict[str, list[GazEntry]] = defaultdict(list)
        for e in entries:
            seen = set()
            for name in e.names():
                n = normalize_name(name)
                if n and n not in seen:
                    seen.add(n)
                    self._names[n].append(e)
            for d in e.demonyms:
                self._demonyms[normalize_name(d)].append(e)
        for n, found in self._names.items():
            if len(found) > 1:
                found.sort(key=lambda e, n=n: self._rank(e, n))  # type: ignore[misc]
        self._raw_memberships = memberships or []
        self._memberships: list[Membership] | None = None
        self._roles: dict[tuple[str, str], list[tuple[GazEntry, Role]]] | None = None
        self._fuzzy: dict[str | None, tuple[list[str], list[GazEntry]]] = {}

    # ------------------------------------------------------------------------------------ loading
    @classmethod
    def load(cls, folder: Path | str | None = None) -> Gazetteer:
        """Read a gazetteer folder (entries.jsonl + memberships.yaml)."""
        folder = Path(folder) if folder else data_path("gazetteer")
        text = (folder / "entries.jsonl").read_text(encoding="utf-8").strip()
        entries = [_entry(row) for row in json.loads("[" + text.replace("\n", ",") + "]")]
        memberships: list[dict[str, Any]] = []
        mpath = folder / "memberships.yaml"
        if mpath.exists():
            memberships = yaml.load(
                mpath.read_text("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            )["organizations"]
        return cls(entries, memberships)

    @classmethod
    def default(cls) -> Gazetteer:
        """The shipped gazetteer, loaded once per process."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls.load()
        return cls._default

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> list[GazEntry]:
        """All entries, sorted by key."""
        return sorted(self._entries.values(), key=lambda e: e.key)

    # ------------------------------------------------------------------------------------ lookups
    @staticmethod
    def _latest(e: GazEntry) -> date:
        days = [r.end or date.max for r in e.roles] + [r.start or date.min for r in e.roles]
        return max(days, default=date.min)

    def _rank(self, e: GazEntry, norm: str) -> tuple:
        return (
            not e.curated,
            TYPE_RANK.get(e.type, 9),
            normalize_name(e.label) != norm,
            -self._latest(e).toordinal(),
            e.key,
        )

    def get(self, key: str) -> GazEntry | None:
        """The entry with this key.

        >>> Gazetteer.default().get("country:russia").label
        'Russia'
        """
        return self._entries.get(key)

    def lookup(self, surface: str) -> list[GazEntry]:
        """Every entry named ``surface`` (label or alias, after :func:`normalize_name`), likeliest first.

        >>> [e.key for e in Gazetteer.default().lookup("SCO")][:1]
        ['wd:Q485207']
        """
        return list(self._names.get(normalize_name(surface), ()))

    def demonym(self, word: str) -> GazEntry | None:
        """The country a demonym ("Russian", "Ivorians", "U.S.") refers to.

        >>> Gazetteer.default().demonym("South African").label
        'South Africa'
        """
        n = normalize_name(word)
        for form in (n, n[:-1] if n.endswith("s") else n + "s"):
            found = self._demonyms.get(form)
            if found:
                return min(found, key=lambda e: self._demonym_rank(e, form))
        return None

    @staticmethod
    def _demonym_rank(e: GazEntry, form: str) -> tuple:
        label = normalize_name(e.label)
        prefix = 0
        for a, b in zip(label, form, strict=False):
            if a != b:
                break
            prefix += 1
        return (not e.curated, -prefix, len(label), e.key)

    # ---------------------------------------------------------------------------------------- roles
    def _role_index(self) -> dict[tuple[str, str], list[tuple[GazEntry, Role]]]:
        if self._roles is None:
            index: dict[tuple[str, str], list[tuple[GazEntry, Role]]] = defaultdict(list)
            for e in self._entries.values():
                for r in e.roles:
                    if r.of:
                        index[(normalize_role(r.role), r.of)].append((e, r))
            self._roles = dict(index)
        return self._roles

    def holder(self, role: str, of_key: str, on: date | None = None) -> GazEntry | None:
        """Who held ``role`` of ``of_key`` on a day (today's holder per the data when ``on`` is None).

        Terms that overlap (a source's "still in office at the last update") resolve to the holder
        whose term began last.

        >>> from datetime import date
        >>> g = Gazetteer.default()
        >>> g.holder("president", "country:russia", date(2010, 1, 1)).label
        'Dmitry Medvedev'
        """
        found = self._role_index().get((normalize_role(role), of_key), [])
        if on is not None:
            found = [(e, r) for e, r in found if r.covers(on)]
            # a term known only by its end ("Foreign Minister until 2005") says little about a day
            # years before that end: keep it only for the last few years of the term
            dated = [
                (e, r)
                for e, r in found
                if r.start is not None or r.end is None or (r.end - on).days <= OPEN_TERM_DAYS
            ]
            found = dated
            want = normalize_role(role)
            # a term of unknown start says little when another holder's term is dated, or when the
            # same person held another, dated post that day (Cimoszewicz, Prime Minister of Poland in
            # 1997, was Foreign Minister only from 2001)
            if any(r.start is not None for _, r in found):
                found = [(e, r) for e, r in found if r.start is not None]
            found = [
                (e, r)
                for e, r in found
                if r.start is not None
                or not any(
                    o.start is not None and o.covers(on) and normalize_role(o.role) != want for o in e.roles
                )
            ]
        else:
            found = [(e, r) for e, r in found if r.end is None]
        if not found:
            return None
        best = max(found, key=lambda er: ((er[1].start or date.min), er[0].curated, er[0].key))
        return best[0]

    # ---------------------------------------------------------------------------------------- fuzzy
    def _fuzzy_pool(self, type: str | None) -> tuple[list[str], list[GazEntry]]:
        if type not in self._fuzzy:
            names: list[str] = []
            owners: list[GazEntry] = []
            for n, found in self._names.items():
                if len(n) < FUZZY_MIN_LEN:
                    continue
                for e in found:
                    if type is None or e.type == type:
                        names.append(n)
                        owners.append(e)
                        break
            self._fuzzy[type] = (names, owners)
        return self._fuzzy[type]

    def fuzzy(self, surface: str, type: str | None = None) -> GazEntry | None:
        """A conservative misspelling match: one edit (two from 10 characters on, a swap counting
        as one), same first letter, never for surfaces under 6 characters, None when ambiguous.

        >>> Gazetteer.default().fuzzy("Sovet Union").label
        'Soviet Union'
        """
        from rapidfuzz import fuzz, process
        from rapidfuzz.distance import OSA

        n = normalize_name(surface)
        if len(n) < FUZZY_MIN_LEN:
            return None
        exact = [e for e in self._names.get(n, ()) if type is None or e.type == type]
        if exact:
            return exact[0]
        cache = self.__dict__.setdefault("_fuzzy_cache", {})
        if (n, type) in cache:
            return cache[(n, type)]  # type: ignore[no-any-return]
        # a match shares the first letter, so only names with that letter are compared
        buckets = self.__dict__.setdefault("_fuzzy_buckets", {})
        if (type, n[0]) not in buckets:
            all_names, all_owners = self._fuzzy_pool(type)
            picked = [
                (name, owner) for name, owner in zip(all_names, all_owners, strict=True) if name[:1] == n[0]
            ]
            buckets[(type, n[0])] = ([p[0] for p in picked], [p[1] for p in picked])
        names, owners = buckets[(type, n[0])]
        allowed = 1 if len(n) < 10 else 2
        hits = process.extract(n, names, scorer=fuzz.ratio, score_cutoff=80, limit=10)
        good = {
            owners[i].key: owners[i]
            for name, _score, i in hits
            if name[0] == n[0] and OSA.distance(n, name) <= allowed and abs(len(name) - len(n)) <= allowed
        }
        result = next(iter(good.values())) if len(good) == 1 else None
        if len(cache) > 100_000:
            cache.clear()
        cache[(n, type)] = result
        return result

    # ----------------------------------------------------------------------------------- spaCy ruler
    def ruler_patterns(self) -> list[dict[str, Any]]:
        """Phrase patterns for spaCy's EntityRuler: {"label": TYPE, "pattern": surface, "id": key}.

        Case-sensitive (ORTH): "SCO" matches, "sco" does not. Persons only by multi-word names
        (and, for curated persons, their surnames) plus ALL-CAPS variants for headlines.

        >>> pats = Gazetteer.default().ruler_patterns()
        >>> {"label": "ORGANIZATION", "pattern": "SCO", "id": "wd:Q485207"} in pats
        True
        """
        best: dict[str, GazEntry] = {}
        for e in self._entries.values():
            for surface in self._surfaces(e):
                other = best.get(surface)
                if other is None or self._rank(e, normalize_name(surface)) < self._rank(
                    other, normalize_name(surface)
                ):
                    best[surface] = e
        return [{"label": best[s].type, "pattern": s, "id": best[s].key} for s in sorted(best)]

    def add_ruler(self, nlp: Any, name: str = "gazetteer_ruler") -> Any:
        """Add an EntityRuler with :meth:`ruler_patterns` as the *first* pipe and return it.

        First, because spaCy runs every pipe before the ruler over each pattern text while adding
        patterns (27 s before "ner" vs ~3 s first); the NER still respects the ruler's entities.
        """
        ruler = nlp.add_pipe("entity_ruler", name=name, first=True)
        ruler.add_patterns(self.ruler_patterns())
        return ruler

    @staticmethod
    def _surfaces(e: GazEntry) -> list[str]:
        out: list[str] = []
        for name in e.names():
            name = name.strip()
            if len(name) < 2 or name.lower().startswith("the ") or not re.search(r"[A-Za-z]", name):
                continue
            if name[0].islower():
                continue
            words = name.split()
            if e.type == "PERSON":
                if len(words) < 2 and not e.curated:
                    continue
                out.append(name)
                if e.curated or any(normalize_role(r.role) in HEAD_ROLES for r in e.roles):
                    out.append(name.upper())  # "PUTIN" in a headline
            elif e.type == "COUNTRY":
                out.append(name)
                if len(name) > 3 and not name.isupper():
                    out.append(name.upper())
            else:
                out.append(name)
        return out

    # ---------------------------------------------------------------------------------- memberships
    def _resolve_label(self, label: str) -> str:
        for e in self._names.get(normalize_name(label), ()):
            if e.type in ("COUNTRY", "ORGANIZATION") and normalize_name(e.label) == normalize_name(label):
                return e.key
        found = [
            e for e in self._names.get(normalize_name(label), ()) if e.type in ("COUNTRY", "ORGANIZATION")
        ]
        if not found:
            raise KeyError(f"memberships.yaml: unknown country or organization {label!r}")
        return found[0].key

    def memberships(self) -> list[Membership]:
        """Dated membership facts (memberships.yaml), each with the citation it relies on."""
        if self._memberships is None:
            out = []
            for org in self._raw_memberships:
                org_key = self._resolve_label(org["organization"])
                for m in org["members"]:
                    out.append(
                        Membership(
                            org=org_key,
                            member=self._resolve_label(m["member"]),
                            since=_day(m.get("since")),
                            until=_day(m.get("until")),
                            citation=org["citation"],
                            note=m.get("note"),
                        )
                    )
            self._memberships = out
        return list(self._memberships)

    def members(self, org_key: str, on: date | None = None) -> list[str]:
        """Keys of the members of an organization on a day (current members when ``on`` is None).

        >>> g = Gazetteer.default()
        >>> "country:india" in g.members(g.lookup("SCO")[0].key, date(2016, 1, 1))
        False
        """
        out = []
        for m in self.memberships():
            if m.org != org_key:
                continue
            if (on is None and m.until is None) or (on is not None and m.covers(on)):
                out.append(m.member)
        return sorted(set(out))
