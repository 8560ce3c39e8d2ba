"""Cross-document event merging: one node per real-world event, every source kept.

Events are compared only inside blocks that share the type and a participant (blocking), so the
cost grows with the corpus, not with its square. Two mentions merge when their participants
overlap (Jaccard >= 0.5), their dates overlap (or one is missing) and their places agree. A
planned mention and a later happened (or cancelled) one merge into one event whose status history
keeps each report; a postponed event's new date is taken from the latest report.

>>> from kg.records import EventMention, Participant, Span
>>> from datetime import date
>>> p = [Participant("a", "A", "PERSON"), Participant("b", "B", "PERSON")]
>>> m1 = EventMention("d1", "MEETING", "meet", p, Span("d1", 0, 4), status="planned", published=date(2019, 4, 24))
>>> m2 = EventMention("d2", "MEETING", "talks", p, Span("d2", 0, 5), published=date(2019, 4, 26))
>>> [e.status for e in merge_events([m1, m2])], len(merge_events([m1, m2])[0].mentions)
(['happened'], 2)
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from kg.records import Event, EventMention, Participant, StatusRecord
from kg.resolve.events import event_date

#: a block larger than this is compared only within a sliding window by date
MAX_BLOCK = 400


class _Cluster:
    def __init__(self, first: EventMention) -> None:
        self.mentions = [first]
        self.docs = {first.doc_id}
        self.keys = {p.key for p in first.participants}
        _, self.begin, self.end = event_date(first)
        self.places = {first.place.key} if first.place else set()
        self.scores: list[float] = []

    def compatible(self, ev: EventMention) -> float:
        if ev.doc_id in self.docs:
            return 0.0
        keys = {p.key for p in ev.participants}
        inter = self.keys & keys
        if not inter:
            return 0.0
        first = self.mentions[0]
        lead = {"STATEMENT": "speaker", "VISIT": "visitor"}.get(ev.type)
        if lead and _lead(first, lead) != _lead(ev, lead):
            return 0.0
        jac = len(inter) / len(self.keys | keys)
        if jac < 0.5 and not (keys <= self.keys or self.keys <= keys):
            return 0.0
        _, b, e = event_date(ev)
        dated = bool(b and e and self.begin and self.end)
        if dated and not (b <= self.end and self.begin <= e):  # type: ignore[operator]
            if not _postponed(ev, self) and ev.status != "cancelled":
                return 0.0
        if not dated and keys != self.keys:
            # without two dates to compare, only the very same participants name the same event
            return 0.0
        if ev.place and self.places and ev.place.key not in self.places and ev.type != "STATEMENT":
            # a city and its country are compatible; different cities are not
            if not any(p.type == "COUNTRY" for p in [ev.place]) and len(self.places) == 1:
                return 0.0
        return max(jac, 0.5)

    def add(self, ev: EventMention, score: float) -> None:
        self.mentions.append(ev)
        self.docs.add(ev.doc_id)
        self.keys |= {p.key for p in ev.participants}
        _, b, e = event_date(ev)
        if b and e:
            if self.begin is None or self.end is None or (e - b) < (self.end - self.begin):
                self.begin, self.end = b, e
        if ev.place:
            self.places.add(ev.place.key)
        self.scores.append(score)


def _lead(ev: EventMention, role: str) -> str | None:
    return next((p.key for p in ev.participants if p.role == role), None)


def _postponed(ev: EventMention, cluster: _Cluster) -> bool:
    """A later report that moves the date ("postponed to May") still names the same event."""
    text = ev.source.sentence.lower()
    return any(w in text for w in ("postpone", "reschedul", "delayed", "pushed back", "moved to"))


def _order(ev: EventMention) -> tuple[date, str, int]:
    return (ev.published or date.min, ev.doc_id, int(ev.local_id) if ev.local_id.isdigit() else 0)


def merge_events(mentions: Iterable[EventMention]) -> list[Event]:
    """Merge event mentions of many documents into events (deterministic for the same input)."""
    ordered = sorted(mentions, key=_order)
    clusters: list[_Cluster] = []
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for ev in ordered:
        candidates: set[int] = set()
        for p in ev.participants:
            block = blocks[(ev.type, p.key)]
            candidates.update(block[-MAX_BLOCK:])
        best, best_score = None, 0.0
        for c in sorted(candidates):
            score = clusters[c].compatible(ev)
            if score > best_score:
                best, best_score = c, score
        if best is None:
            clusters.append(_Cluster(ev))
            best = len(clusters) - 1
        else:
            clusters[best].add(ev, best_score)
        for p in ev.participants:
            block = blocks[(ev.type, p.key)]
            if not block or block[-1] != best:
                block.append(best)
    return [_event(c) for c in clusters]


def event_key(first: EventMention) -> str:
    """A stable key from the first mention's content (type, participants, date, source)."""
    value, _, _ = event_date(first)
    raw = "|".join(
        [
            first.type,
            ",".join(sorted(p.key for p in first.participants)),
            value or "",
            first.doc_id,
            first.local_id,
        ]
    )
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _event(cluster: _Cluster) -> Event:
    mentions = cluster.mentions
    first = mentions[0]
    parts: dict[str, Participant] = {}
    for m in mentions:
        for p in m.participants:
            parts.setdefault(p.key, p)
    place_counts: dict[str, tuple[int, Participant]] = {}
    for m in mentions:
        if m.place:
            n, _ = place_counts.get(m.place.key, (0, m.place))
            place_counts[m.place.key] = (n + 1, m.place)
    place = None
    if place_counts:
        # the most specific place reported most often (a city over its country)
        place = sorted(place_counts.values(), key=lambda x: (-(x[1].type == "PLACE"), -x[0], x[1].key))[0][1]
    # the date: latest report that moved it (postponed), else the most specific
    best_value, best_begin, best_end = None, None, None
    for m in mentions:
        value, b, e = event_date(m)
        if value is None:
            continue
        moved = best_begin is not None and b is not None and _postponed(m, cluster)
        if (
            best_value is None
            or moved
            or (b and e and best_begin and best_end and (e - b) < (best_end - best_begin))
        ):
            best_value, best_begin, best_end = value, b, e
    history = [
        StatusRecord(status=m.status, as_of=m.published, doc_id=m.doc_id, date=event_date(m)[0])
        for m in mentions
    ]
    latest = max(mentions, key=_order)
    status = latest.status
    if (
        status == "planned"
        and any(h.status == "happened" for h in history)
        and not _postponed(latest, cluster)
    ):
        status = "happened"
    confidence = max(m.confidence for m in mentions)
    merge_conf = round(sum(cluster.scores) / len(cluster.scores), 3) if cluster.scores else 1.0
    return Event(
        key=event_key(first),
        type=first.type,
        participants=list(parts.values()),
        mentions=mentions,
        place=place,
        date=best_value,
        begin=best_begin,
        end_day=best_end,
        status=status,
        confidence=confidence,
        merge_confidence=merge_conf,
        cameo=first.cameo,
        plover=first.plover,
        named_event=next((m.named_event for m in mentions if m.named_event), None),
        history=history,
    )
