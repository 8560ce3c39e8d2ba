"""The word lists of the TIMEX3 grammar, read once from kg/data/time/lexicon.yaml."""

from __future__ import annotations

import functools
from typing import Any

import yaml

from kg.config import data_path


@functools.cache
def lexicon() -> dict[str, Any]:
    """The parsed lexicon (months, weekdays, units, references, modifiers, tense cues ...).

    >>> lexicon()["months"]["sept"]
    9
    """
    with data_path("time", "lexicon.yaml").open(encoding="utf-8") as fh:
        data: dict[str, Any] = yaml.safe_load(fh)
    return data
