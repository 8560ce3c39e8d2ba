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
#: a cluster whose dates span more months than this is indexed as "any date" (checked always)
WIDE_MONTHS = 24

_LEAD_ROLE = {"STATEMENT": "speaker", "VISIT": "visitor"}
_MOVED = ("postpone", "reschedul", "delayed", "pushed back", "moved to")


class _Mention:
    """What the comparison needs of one event mention, computed once (not once per candidate)."""

    __slots__ = ("ev", "keys", "frozen", "begin", "end", "lead", "any_date")

    def __init__(self, ev: EventMention) -> None:
        self.ev = ev
        self.keys = {p.key for p in ev.participants}
        self.frozen = frozenset(self.keys)
        _, self.begin, self.end = event_date(ev)
        role = _LEAD_ROLE.get(ev.type)
        self.lead = _lead(ev, role) if role else None
        # a report that moves the date, or cancels, may name the event under any date
        self.any_date = ev.status == "cancelled" or _postponed(ev, None)


class _Cluster:
    def __init__(self, first: _Mention) -> None:
        self.mentions = [first.ev]
        self.docs = {first.ev.doc_id}
        self.keys = set(first.keys)
        self.begin, self.end = first.begin, first.end
        self.places = {first.ev.place.key} if first.ev.place else set()
        self.scores: list[float] = []
        self.lead = first.lead  # the lead (speaker, visitor) of the first mention

    @property
    def dated(self) -> bool:
        return bool(self.begin and self.end)

    def compatible(self, m: _Mention) -> float:
        ev = m.ev
        if ev.doc_id in self.docs:
            return 0.0
        keys = m.keys
        inter = self.keys & keys
        if not inter:
            return 0.0
        if m.lead != self.lead and ev.type in _LEAD_ROLE:
            return 0.0
        jac = len(inter) / len(self.keys | keys)
        if jac < 0.5 and not (keys <= self.keys or self.keys <= keys):
            return 0.0
        b, e = m.begin, m.end
        dated = bool(b and e and self.begin and self.end)
        if dated and not (b <= self.end and self.begin <= e):  # type: ignore[operator]
            if not m.any_date:
                return 0.0
        if not dated and keys != self.keys:
            # without two dates to compare, only the very same participants name the same event
            return 0.0
        if ev.place and self.places and ev.place.key not in self.places and ev.type != "STATEMENT":
            # a city and its country are compatible; different cities are not
            if not any(p.type == "COUNTRY" for p in [ev.place]) and len(self.places) == 1:
                return 0.0
        return max(jac, 0.5)

    def add(self, m: _Mention, score: float) -> None:
        ev = m.ev
        self.mentions.append(ev)
        self.docs.add(ev.doc_id)
        self.keys |= m.keys
        b, e = m.begin, m.end
        if b and e:
            if self.begin is None or self.end is None or (e - b) < (self.end - self.begin):
                self.begin, self.end = b, e
        if ev.place:
            self.places.add(ev.place.key)
        self.scores.append(score)


def _lead(ev: EventMention, role: str | None) -> str | None:
    return next((p.key for p in ev.participants if p.role == role), None)


def _postponed(ev: EventMention, cluster: _Cluster | None) -> bool:
    """A later report that moves the date ("postponed to May") still names the same event."""
    text = ev.source.sentence.lower()
    return any(w in text for w in _MOVED)


def _order(ev: EventMention) -> tuple[date, str, int]:
    return (ev.published or date.min, ev.doc_id, int(ev.local_id) if ev.local_id.isdigit() else 0)


def _months(begin: date | None, end: date | None) -> range | None:
    """The months a date range touches (as year * 12 + month), or None when they cannot be listed
    (missing or reversed bounds, or more than :data:`WIDE_MONTHS`)."""
    if not begin or not end or end < begin:
        return None
    first, last = begin.year * 12 + begin.month, end.year * 12 + end.month
    return range(first, last + 1) if last - first < WIDE_MONTHS else None


class _Blocks:
    """Where to look for the clusters a mention may merge with, without comparing it to them all.

    The candidates of a mention are, as they always were, the clusters among the last
    :data:`MAX_BLOCK` entries of the block of each of its participants (same type, same actor).
    A cluster can only be compatible if its dates overlap the mention's or if it has the very
    same participants (see :meth:`_Cluster.compatible`), so the blocks are also indexed by
    (type, actor, month) for dated clusters and by (type, exact participant set) for every
    cluster: only those are compared, with the same scores and the same tie-break (lowest cluster
    number) as a scan of the whole window. Index entries are never removed when a cluster
    changes (a superset of the candidates is harmless: each one is still compared); a mention
    that may name any date (postponed, cancelled) or has unusual dates scans the window.
    """

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.last: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
        self.by_month: dict[tuple[str, str, int], set[int]] = defaultdict(set)
        self.wide: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.by_keys: dict[tuple[str, frozenset[str]], set[int]] = defaultdict(set)

    def candidates(self, m: _Mention) -> set[int]:
        etype = m.ev.type
        blocks = [(etype, k) for k in m.keys]
        months = _months(m.begin, m.end)
        if m.any_date or (months is None and m.begin and m.end):
            # scan the windows
            found: set[int] = set()
            for block in blocks:
                found.update(self.entries[block][-MAX_BLOCK:])
            return found
        pool = set(self.by_keys.get((etype, m.frozen), ()))
        if months is not None:
            for block in blocks:
                pool.update(self.wide.get(block, ()))
                for month in months:
                    pool.update(self.by_month.get((*block, month), ()))
        return {c for c in pool if self._in_window(c, blocks)}

    def _in_window(self, c: int, blocks: list[tuple[str, str]]) -> bool:
        for block in blocks:
            pos = self.last[block].get(c)
            if pos is not None and pos >= len(self.entries[block]) - MAX_BLOCK:
                return True
        return False

    def place(self, c: int, cluster: _Cluster, m: _Mention) -> None:
        """Record that mention ``m`` went to cluster ``c`` (blocks, then the indexes)."""
        etype = m.ev.type
        for p in m.ev.participants:
            block = (etype, p.key)
            entries = self.entries[block]
            if not entries or entries[-1] != c:
                self.last[block][c] = len(entries)
                entries.append(c)
        self.by_keys[(etype, frozenset(cluster.keys))].add(c)
        if cluster.dated:
            months = _months(cluster.begin, cluster.end)
            for k in cluster.keys:
                if months is None:
                    self.wide[(etype, k)].add(c)
                else:
                    for month in months:
                        self.by_month[(etype, k, month)].add(c)


def merge_events(mentions: Iterable[EventMention]) -> list[Event]:
    """Merge event mentions of many documents into events (deterministic for the same input)."""
    return _merge(mentions, _Blocks())


def _merge(mentions: Iterable[EventMention], blocks: _Blocks) -> list[Event]:
    """Each mention, in order, joins its best-scoring candidate cluster (``blocks`` finds them and
    is told where it went) or starts a new one."""
    ordered = sorted(mentions, key=_order)
    clusters: list[_Cluster] = []
    for ev in ordered:
        m = _Mention(ev)
        best, best_score = None, 0.0
        for c in sorted(blocks.candidates(m)):
            score = clusters[c].compatible(m)
            if score > best_score:
                best, best_score = c, score
        if best is None:
            clusters.append(_Cluster(m))
            best = len(clusters) - 1
        else:
            clusters[best].add(m, best_score)
        blocks.place(best, clusters[best], m)
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
