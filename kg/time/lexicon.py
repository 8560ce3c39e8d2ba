"""The word lists of the TIMEX3 grammar, read once from kg/data/time/lexicon.yaml.

kg/time/lexicon_extra.yaml adds to them (lists are extended, mappings updated), so the time module
can grow its word lists next to its code.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from kg.config import data_path

_EXTRA = Path(__file__).with_name("lexicon_extra.yaml")


@functools.cache
def lexicon() -> dict[str, Any]:
    """The parsed lexicon (months, weekdays, units, references, modifiers, tense cues ...).

    >>> lexicon()["months"]["sept"]
    9
    """
    with data_path("time", "lexicon.yaml").open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    with _EXTRA.open(encoding="utf-8") as fh:
        extra: dict[str, Any] = yaml.safe_load(fh) or {}
    _merge(data, extra)
    return data


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> None:
    """Merge ``extra`` into ``base`` in place: mappings recursively, lists extended, the rest replaced."""
    for key, value in extra.items():
        old = base.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            old.extend(v for v in value if v not in old)
        else:
            base[key] = value
