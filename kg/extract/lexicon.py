"""The extraction lexicons (triggers, status cues, titles), read once from kg/data/*.yaml."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import yaml

from kg.config import data_path


@dataclass(frozen=True)
class Trigger:
    """One trigger lemma for one event type, with its constraints from triggers.yaml."""

    lemma: str
    pos: str  # VERB | NOUN
    type: str
    cameo: str
    plover: str
    options: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[tuple[str, str], Trigger]  # (lemma, pos) -> trigger
    light_verbs: frozenset[str]
    purpose_verbs: frozenset[str]
    official_roles: tuple[str, ...]
    official_org_subtypes: frozenset[str]
    status: dict[str, Any]
    titles: dict[str, str]
    honorifics: frozenset[str]
    resolvable_titles: frozenset[str]

    def trigger(self, lemma: str, pos: str) -> Trigger | None:
        return self.triggers.get((lemma, pos))

    def lemmas(self, pos: str) -> list[str]:
        return sorted(lem for lem, p in self.triggers if p == pos)


def _yaml(name: str) -> dict[str, Any]:
    with data_path(name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicons, loaded once per process."""
    raw = _yaml("triggers.yaml")
    triggers: dict[tuple[str, str], Trigger] = {}
    for etype in ("MEETING", "VISIT", "STATEMENT", "AGREEMENT"):
        spec = raw[etype]
        for pos, key in (("VERB", "verbs"), ("NOUN", "nouns")):
            for lemma, opts in (spec.get(key) or {}).items():
                opts = opts or {}
                triggers[(lemma, pos)] = Trigger(
                    lemma=lemma,
                    pos=pos,
                    type=etype,
                    cameo=str(opts.get("cameo", spec["cameo"])),
                    plover=spec["plover"],
                    options=opts,
                )
    titles_raw = _yaml("titles.yaml")
    return Lexicon(
        triggers=triggers,
        light_verbs=frozenset(raw.get("light_verbs", [])),
        purpose_verbs=frozenset(raw.get("purpose_verbs", [])),
        official_roles=tuple(raw.get("official_roles", [])),
        official_org_subtypes=frozenset(raw.get("official_org_subtypes", [])),
        status=_yaml("status.yaml"),
        titles={k.lower(): v for k, v in titles_raw["titles"].items()},
        honorifics=frozenset(titles_raw.get("honorifics", [])),
        resolvable_titles=frozenset(titles_raw.get("resolvable_titles", [])),
    )
