"""Calendar arithmetic on TIMEX3 values: shifting anchors, and the days a value covers.

>>> span_of("2019-W17")
(datetime.date(2019, 4, 22), datetime.date(2019, 4, 28))
>>> as_interval_value("2005-W48-WE")
'2005-12-03/2005-12-04'
"""

from __future__ import annotations

import calendar as _cal
import re
from datetime import date, timedelta

#: TIMEX3 value grammar (TimeML 1.2.1) as kg writes it, including the underspecified X forms.
VALUE_RE = re.compile(
    r"""^(?:
      (?:PRESENT|PAST|FUTURE)_REF
    | P(?:[\dX]+(?:\.\d+)?[YMWDQ]|[\dX]+(?:DE|CE|ML|WE))+(?:T(?:[\dX]+(?:\.\d+)?[HMS])+)?
    | PT(?:[\dX]+(?:\.\d+)?[HMS])+
    | (?:[\dX]{2}|[\dX]{3}|[\dX]{4}
         (?:-(?:[\dX]{2}(?:-[\dX]{2})?|W[\dX]{2}(?:-(?:WE|[1-7X]))?|Q[1-4X]|H[12X]|SP|SU|FA|WI))?)
      (?:T(?:\d{2}(?::\d{2}(?::\d{2})?)?|MO|MI|AF|EV|NI|DT))?
      (?:/[\dX]{4}(?:-[\dX]{2}(?:-[\dX]{2})?)?)?
    )$""",
    re.X,
)

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) shifted by ``delta`` months.

    >>> add_months(2019, 1, -2)
    (2018, 11)
    """
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def shift_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (Feb 29 becomes Feb 28)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def shift_months(day: date, months: int) -> date:
    """The same day of month ``months`` later, clipped to the month's length."""
    y, m = add_months(day.year, day.month, months)
    return date(y, m, min(day.day, _cal.monthrange(y, m)[1]))


def week_value(day: date) -> str:
    """The ISO week of a day as a TIMEX3 value ("2019-W17")."""
    y, w, _ = day.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _month_end(y: int, m: int) -> date:
    return date(y, m, _cal.monthrange(y, m)[1])


def span_of(value: str) -> tuple[date, date] | None:
    """First and last day a DATE/TIME value covers, or None (durations, references, X forms)."""
    try:
        return _span_of(value)
    except (ValueError, OverflowError):
        return None


def _span_of(value: str) -> tuple[date, date] | None:
    if "/" in value:
        a, b = value.split("/", 1)
        sa, sb = _span_of(a), _span_of(b)
        return (sa[0], sb[1]) if sa and sb else None
    value = value.split("T", 1)[0]
    if "X" in value or not value[:1].isdigit():
        return None
    if re.fullmatch(r"\d{4}", value):
        y = int(value)
        return date(y, 1, 1), date(y, 12, 31)
    if re.fullmatch(r"\d{3}", value):
        y = int(value) * 10
        return date(y, 1, 1), date(y + 9, 12, 31)
    if re.fullmatch(r"\d{2}", value):
        y = int(value) * 100
        return date(max(y, 1), 1, 1), date(y + 99, 12, 31)
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m:
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), _month_end(y, mo)
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    m = re.fullmatch(r"(\d{4})-W(\d{2})(?:-(WE|\d))?", value)
    if m:
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3] == "WE":
            return monday + timedelta(days=5), monday + timedelta(days=6)
        if m[3]:
            d = monday + timedelta(days=int(m[3]) - 1)
            return d, d
        return monday, monday + timedelta(days=6)
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        y, q = int(m[1]), int(m[2])
        return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        y, h = int(m[1]), int(m[2])
        return date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        y, first = int(m[1]), SEASON_START[m[2]]
        ey, em = add_months(y, first, 2)
        return date(y, first, 1), _month_end(ey, em)
    return None


def as_interval_value(value: str) -> str | None:
    """A week-end (or any calendar span) value as "YYYY-MM-DD/YYYY-MM-DD", else None."""
    span = span_of(value)
    if span is None:
        return None
    return f"{span[0].isoformat()}/{span[1].isoformat()}"
