"""dateparser, for absolute date strings the grammar does not read itself (cached, imported lazily).

dateparser is always told the language (``languages=['en']``): its language detection is slow and
misreads short news strings.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime

_PLAUSIBLE = re.compile(r"\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.I)


@functools.lru_cache(maxsize=8192)
def parse_absolute(text: str, dct: date | None, order: str = "MDY") -> date | None:
    """The day an absolute date string names, or None.

    >>> parse_absolute("4/26/2019", None)
    datetime.date(2019, 4, 26)
    """
    found = parse_with_period(text, dct, order)
    return found[0] if found and found[1] == "day" else None


@functools.lru_cache(maxsize=8192)
def parse_with_period(text: str, dct: date | None, order: str = "MDY") -> tuple[date, str] | None:
    """(date, period) from dateparser, period being "day", "month" or "year"; None if unparsable."""
    if not _PLAUSIBLE.search(text) or len(text) > 60:
        return None
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {"DATE_ORDER": order, "PREFER_DAY_OF_MONTH": "first"}
    if dct is not None:
        settings["RELATIVE_BASE"] = datetime(dct.year, dct.month, dct.day)
    parser = _parser(tuple(sorted((k, str(v)) for k, v in settings.items() if k != "RELATIVE_BASE")))
    try:
        data = (
            parser.get_date_data(text, date_formats=None)
            if dct is None
            else DateDataParser(languages=["en"], settings=settings).get_date_data(text)
        )
    except Exception:  # dateparser raises a variety of errors on odd strings
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date(), str(data.period or "day")


@functools.lru_cache(maxsize=16)
def _parser(settings_key: tuple[tuple[str, str], ...]):  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings=dict(settings_key))
