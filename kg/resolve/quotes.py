"""Quotes after resolution: speaker and topic mention references ("@3") become entity keys.

Called from :func:`kg.resolve.events.link_participants` for every event mention it keeps, so a
quote's speaker is the same entity as the statement's speaker participant.

>>> from kg.records import Entity, Quote
>>> class R:  # a stand-in for DocumentResolver: mention index -> entity key
...     link = {0: "wd:Q7747", 1: "wd:Q485207"}
...     extra: dict = {}
>>> ents = {k: Entity(k, k, "PERSON") for k in ("wd:Q7747", "wd:Q485207")}
>>> link_quotes([Quote("...", 0, 3, True, "@0", ("@1", "@0"))], R(), ents)[0]
Quote(text='...', start=0, end=3, direct=True, speaker='wd:Q7747', topics=('wd:Q485207',))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from kg.records import Entity, Quote


def _keys(ref: str | None, resolver: Any, entities: Mapping[str, Entity]) -> list[str]:
    """The entity keys a mention reference stands for (an entity key passes through unchanged)."""
    if not ref:
        return []
    if not ref.startswith("@"):
        return [ref] if ref in entities else []
    try:
        idx = int(ref[1:])
    except ValueError:
        return []
    keys = [resolver.link.get(idx), *resolver.extra.get(idx, [])]
    return [k for k in keys if k and k in entities]


def link_quotes(quotes: Sequence[Quote], resolver: Any, entities: Mapping[str, Entity]) -> list[Quote]:
    """The quotes with speaker and topics as entity keys; unlinked references are dropped.

    ``resolver`` is the document's :class:`kg.resolve.entities.DocumentResolver` (``link`` maps a
    mention index to its entity key, ``extra`` to further keys of a mention naming several).
    """
    out: list[Quote] = []
    for q in quotes:
        speakers = _keys(q.speaker, resolver, entities)
        speaker = speakers[0] if speakers else None
        topics: list[str] = []
        for ref in q.topics:
            for key in _keys(ref, resolver, entities):
                if key != speaker and key not in topics:
                    topics.append(key)
        linked = replace(q, speaker=speaker, topics=tuple(topics))
        if linked not in out:
            out.append(linked)
    return out


__all__ = ["link_quotes"]
