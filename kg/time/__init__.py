"""kg.time: TIMEX3 recognition and normalisation for English news, anchored to the DCT.

>>> from datetime import date
>>> from kg.time import tag, normalize
>>> [(t.text, t.value) for t in tag("Talks will resume next week.", date(2019, 4, 24))]
[('next week', '2019-W18')]
"""

from __future__ import annotations

from kg.time.tagger import as_interval, normalize, tag

__all__ = ["as_interval", "normalize", "tag"]
