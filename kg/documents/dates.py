"""Publication dates as sources write them, to ``datetime.date`` or a clear reason why not.

Deliberately strict (no relative dates such as "yesterday"): a wrong publication date anchors every
relative time expression of the article, so kg would rather have none.

>>> parse_published("2019-04-24T08:30:00+03:00")
datetime.date(2019, 4, 24)
>>> parse_published("24 April 2019")
datetime.date(2019, 4, 24)
>>> parse_published("2019-02-30")
Traceback (most recent call last):
...
ValueError: '2019-02-30' is not a real date (day is out of range for month)
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T.*)?")
_SLASH = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_FORMATS = (
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%A, %d %B %Y",
    "%A, %B %d, %Y",
)


def parse_published(value: object) -> date:
    """A publication date from a string (ISO date or datetime, "24 April 2019", RFC 2822), a date
    or a datetime. Raises ValueError with a readable reason otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is a {type(value).__name__}, not a date string")
    text = " ".join(value.split())
    if not text:
        raise ValueError("the date is empty")
    for pattern in (_ISO, _COMPACT, _SLASH):
        m = pattern.fullmatch(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError as e:
                raise ValueError(f"{value!r} is not a real date ({e})") from None
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text.replace(".", ""))
    cleaned = re.sub(r"\bSept\b", "Sep", cleaned)
    for fmt in _FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    raise ValueError(f"{value!r} is not a date kg understands (use YYYY-MM-DD)")
