"""The cross-document merge looks clusters up in indexes (by actor and month, by exact participant
set) instead of comparing each mention with every cluster of its blocks' windows: same events."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from kg.records import Event, EventMention, Participant, Span, TimeValue
from kg.resolve import merge
from kg.resolve.merge import _Cluster, _Mention, _months, merge_events


class _Windows(merge._Blocks):
    """The candidates as they were before the indexes: every cluster of the blocks' windows
    (the same interface as merge._Blocks, none of its indexes)."""

    def __init__(self) -> None:
        self.blocks: dict[tuple[str, str], list[int]] = {}

    def candidates(self, m: _Mention) -> set[int]:
        found: set[int] = set()
        for p in m.ev.participants:
            found.update(self.blocks.get((m.ev.type, p.key), [])[-merge.MAX_BLOCK :])
        return found

    def place(self, c: int, cluster: _Cluster, m: _Mention) -> None:
        for p in m.ev.participants:
            block = self.blocks.setdefault((m.ev.type, p.key), [])
            if not block or block[-1] != c:
                block.append(c)


def _scan_windows(mentions: list[EventMention]) -> list[Event]:
    """The merge as it was before the indexes: every cluster of the windows is compared."""
    return merge._merge(mentions, _Windows())


def _mentions(n: int, seed: int) -> list[EventMention]:
    """News-shaped mentions (Zipf actors, 4 types, 2 years) with the awkward cases mixed in:
    undated, half-dated, reversed and year-long dates, postponed and cancelled reports, places,
    several mentions per document."""
    rng = random.Random(seed)
    actors = [Participant(f"wd:Q{k}", f"A{k}", "COUNTRY" if k < 20 else "PERSON") for k in range(300)]
    weights = [1 / (k + 1) for k in range(len(actors))]
    places = [Participant(f"wd:P{k}", f"P{k}", rng.choice(["PLACE", "COUNTRY"]), "place") for k in range(12)]
    roles = {"VISIT": ["visitor", "host"], "STATEMENT": ["speaker", "audience"]}
    out = []
    for i in range(n):
        etype = rng.choice(["MEETING", "VISIT", "STATEMENT", "AGREEMENT"])
        picked = dict.fromkeys(rng.choices(actors, weights, k=rng.randint(1, 3)))
        parts = [
            Participant(p.key, p.label, p.type, roles.get(etype, ["participant"] * 2)[min(j, 1)])
            for j, p in enumerate(picked)
        ]
        day = date(2019, 1, 1) + timedelta(days=rng.randrange(730))
        x = rng.random()
        tv: TimeValue | None = TimeValue(day.isoformat(), 0, 1, "DATE", day.isoformat(), day, day)
        if x < 0.25:
            tv = None
        elif x < 0.3:
            tv = TimeValue("2019", 0, 1, "DATE", "2019", day, None)
        elif x < 0.35:
            tv = TimeValue("R", 0, 1, "DATE", "R", day, day - timedelta(days=rng.randint(1, 60)))
        elif x < 0.4:
            tv = TimeValue("Y", 0, 1, "DATE", "Y", day, day + timedelta(days=rng.randint(30, 900)))
        sentence = "The talks were postponed." if rng.random() < 0.05 else "They met."
        doc = f"d{i // 3}"
        out.append(
            EventMention(
                doc,
                etype,
                "met",
                parts,
                Span(doc, 0, 3, sentence),
                place=rng.choice(places) if rng.random() < 0.3 else None,
                time=tv,
                status=rng.choice(["happened"] * 8 + ["planned", "cancelled"]),
                published=day + timedelta(days=rng.randint(-3, 3)),
                local_id=str(i % 3),
            )
        )
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_indexed_merge_equals_window_scan(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merge, "MAX_BLOCK", 40)  # small windows: clusters do fall out of them
    mentions = _mentions(2500, seed)
    expected = _scan_windows(mentions)
    assert sum(len(e.mentions) > 1 for e in expected) > 100  # the test data does merge
    assert merge_events(mentions) == expected


def test_months_of_a_date_range() -> None:
    assert list(_months(date(2019, 12, 30), date(2020, 1, 2)) or []) == [2019 * 12 + 12, 2020 * 12 + 1]
    assert _months(date(2019, 1, 1), None) is None
    assert _months(date(2019, 2, 1), date(2019, 1, 1)) is None  # reversed: compared with every cluster
    assert _months(date(2019, 1, 1), date(2021, 6, 1)) is None  # too wide to list
