"""The TIMEX3 grammar: rules (a regular expression plus a normaliser each), tried in order.

All rules are compiled into one alternation (scanned once over the text); the rule that matched
is re-run alone to read its named groups, and its normaliser turns them into a TIMEX3 value,
anchored to the document creation time (DCT) and the tense of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from kg.time import calendar as cal
from kg.time.lexicon import lexicon
from kg.time.patterns import (
    CLOCK,
    DAY_WORD,
    DAYNUM,
    HOLIDAY,
    MONTH,
    MONTHS,
    NUM,
    PARTS,
    REFS,
    SEASON,
    SEASONS,
    SET_ADVERBS,
    SPOKEN_YEAR,
    UNIT,
    UNITS,
    VAGUE,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    ZONE,
    day_value,
    fmt_num,
    number_value,
    unit_key,
    year_value,
)

L = lexicon()
AMBIGUOUS_MONTHS = set(L["ambiguous_months"])
#: "$2 a day", "10,000 barrels a day": "a day" after an amount is a rate, not a duration
_RATE_BEFORE = re.compile(
    r"(?:\d\S*(?<![.!?;:,])|\b(?:dollars|cents|barrels|tons|tonnes|times|euros|pounds|yuan|yen|rupees|miles|kilometres"
    r"|kilometers|units|vehicles|visitors|flights|people|passengers|shares|copies))\s+$",
    re.I,
)


@dataclass
class Norm:
    """What a rule's normaliser returns: the TIMEX3 attributes."""

    type: str
    value: str
    mod: str | None = None
    quant: str | None = None
    #: a DATE computed by counting back from the DCT ("two weeks ago"): quantity mods may stay
    counted: bool = False


@dataclass
class Ctx:
    """What a normaliser may consult: the DCT, the tense (computed on demand), document state."""

    dct: date | None
    tense_fn: Callable[[], str | None]
    state: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    #: up to 30 characters either side of the expression, for the few rules that look around
    before: str = ""
    after: str = ""
    #: the whole text and the expression's offset in it (for look-backs within the sentence)
    doc: str = ""
    start: int = 0
    _tense: str | None = None
    _tense_done: bool = False

    @property
    def tense(self) -> str | None:
        if not self._tense_done:
            self._tense = self.tense_fn()
            self._tense_done = True
        return self._tense


G = dict[str, Any]
Handler = Callable[[G, Ctx], Norm | None]


def _low(s: str | None) -> str:
    return re.sub(r"\s+", " ", s.lower()).strip() if s else ""


def _month(word: str) -> int:
    return int(MONTHS[_low(word).rstrip(".")])


def _day(word: str) -> int:
    return day_value(word)


#: how far after the DCT a month(-day) may lie in a past-tense sentence and still be this year's
PAST_WINDOW_DAYS = 75


def _year_for(month: int, day: int, ctx: Ctx) -> int:
    """The year a month(-day) without a year falls in, from the DCT and the tense.

    Future tense: the next such date (this month counts). Past tense: the last one, unless it lies
    just ahead (within PAST_WINDOW_DAYS: "said talks would end on April 26" two days before).
    No tense: the nearest one.
    """
    assert ctx.dct is not None
    d = ctx.dct
    if month == d.month:
        return d.year
    cands = []
    for y in (d.year - 1, d.year, d.year + 1):
        try:
            c = date(y, month, min(day, 28) if day else 15)
        except ValueError:
            continue
        cands.append((y, (c - d).days))
    tense = ctx.tense
    if tense == "future":
        return min((y for y, diff in cands if diff >= 0), default=d.year)
    if tense == "past":
        ahead = [y for y, diff in cands if 0 <= diff <= PAST_WINDOW_DAYS]
        if ahead:
            return ahead[0]
        return max((y for y, diff in cands if diff < 0), default=d.year)
    return min(cands, key=lambda c: abs(c[1]))[0]


def _date_value(y: int | None, m: int, d: int | None) -> str:
    ys = f"{y:04d}" if y is not None else "XXXX"
    return f"{ys}-{m:02d}" + (f"-{d:02d}" if d is not None else "")


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- anchored days and weeks


def _weekday_date(wd: int, rel: str, ctx: Ctx) -> date | None:
    if ctx.dct is None:
        return None
    d = ctx.dct
    cur = d.isoweekday()
    if rel in ("last", "past", "previous", "this past"):
        return d - timedelta(days=(cur - wd) % 7 or 7)
    if rel in ("next", "coming", "this coming", "following", "the following"):
        return d + timedelta(days=(wd - cur) % 7 or 7)
    if rel == "this":
        return d + timedelta(days=wd - cur)
    if ctx.tense == "future":
        return d + timedelta(days=(wd - cur) % 7)
    return d - timedelta(days=(cur - wd) % 7)


def _day_word(word: str, ctx: Ctx) -> date | None:
    """today/yesterday/tomorrow/tonight/last night (+ the day before/after) as a date."""
    if ctx.dct is None:
        return None
    w = _low(word)
    off = 0
    if w.startswith("the day before"):
        off, w = -1, w.rsplit(" ", 1)[1]
    elif w.startswith("the day after"):
        off, w = 1, w.rsplit(" ", 1)[1]
    off += {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(w, 0)
    return ctx.dct + timedelta(days=off)


def _day_or_x(d: date | None, pattern: str = "XXXX-XX-XX") -> str:
    return d.isoformat() if d else pattern


# ---------------------------------------------------------------- normalisers


def n_iso(g: G, ctx: Ctx) -> Norm | None:
    y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
    return Norm("DATE", _date_value(y, m, d)) if _valid(y, m, d) else None


def n_numeric(g: G, ctx: Ctx) -> Norm | None:
    from kg.time.fallback import parse_absolute

    d = parse_absolute(g["all"], ctx.dct)
    return Norm("DATE", d.isoformat()) if d else None


_UNIVERSAL = re.compile(r"\b(?:GMT|UTC)\b")
#: a four-digit universal time in brackets right after another clock time restates it
_RESTATED = re.compile(r"(?:\d|[ap]\.?m\.?)\s*\(\s*$", re.I)
_PAREN_DAY = re.compile(rf"\s*\([^()]{{1,20}}\)\s*,?\s*(?:on\s+)?({WEEKDAY})\b", re.I)
_SENT_BREAK = re.compile(r"[.!?][\"')\]]*\s+[\"'(\[]?[A-Z0-9]|\n\s*\n")


def _sentence_day(ctx: Ctx) -> date | None:
    """The day last named before the expression in its own sentence ("on Tuesday ... at 6 p.m.")."""
    seen = ctx.state.get("day_at")
    if seen is None:
        return None
    end, day = seen
    if ctx.start - end > 300 or _SENT_BREAK.search(ctx.doc, end, ctx.start):
        return None
    return day  # type: ignore[no-any-return]


def n_clock(g: G, ctx: Ctx) -> Norm | None:
    """ "10:30 a.m. Tuesday", "0800 GMT", "noon": a TIME on the day named with it (else the DCT)."""
    if g.get("noon"):
        if re.search(r"\bhigh\s+$", ctx.before, re.I):
            return None  # "High Noon", "high noon comes today": an idiom
        hh, mm = (12, 0) if _low(g["noon"]) in ("noon", "midday") else (0, 0)
        if hh == 0 and any(g.get(k) for k in ("wd", "wd2", "mon", "dw", "dw2")):
            hh = 24  # "midnight Friday", "Friday at midnight": the end of that day, T24:00 in TimeML
    elif g.get("h24") is not None:
        hh, mm = int(g["h24"]), int(g["mi24"])
    elif g.get("h4") is not None:
        if _RESTATED.search(ctx.before):
            return None  # "10:35 a.m. (0735 GMT)": the same moment again, in universal time
        hh, mm = int(g["h4"]), int(g["mi4"])
    else:
        hh, mm = int(g["h"]), int(g["mi"] or 0)
        pm = g["ampm"].lower().startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    # "16:08 UTC", "0800 GMT": universal time is written with the ISO 8601 "Z"
    zone = "Z" if _UNIVERSAL.search(ctx.text) and not re.match(r"\s*[+-]\s*\d", ctx.after) else ""
    clock = f"T{hh:02d}:{mm:02d}{zone}"
    day: date | None = None
    if g.get("mon"):  # "5 p.m. EST Nov. 9"
        md = n_month_day({"mon": g["mon"], "day": g["day"], "y": g.get("y")}, ctx)
        if md is None or not md.value[:4].isdigit():
            return None
        return Norm("TIME", md.value + clock)
    wd = g.get("wd") or g.get("wd2")
    later = None if wd else _PAREN_DAY.match(ctx.after)
    if later:  # "10:35 a.m. (0735 GMT) Friday"
        wd = later.group(1)
    if wd:
        day = _weekday_date(WEEKDAYS[_low(wd)], "", ctx)
    elif g.get("dw") or g.get("dw2"):
        day = _day_word(str(g.get("dw") or g.get("dw2")), ctx)
    else:
        day = _sentence_day(ctx) or ctx.dct
    return Norm("TIME", _day_or_x(day) + clock)


def n_month_day(g: G, ctx: Ctx) -> Norm | None:
    m = _month(g["mon"])
    d = _day(g["day"])
    if d > 31:
        return None
    if not g["day"][:1].isdigit() and _low(g["mon"]) in AMBIGUOUS_MONTHS and not g["mon"][:1].isupper():
        return None  # "he may first consult": a spelt-out day needs a capitalised month
    follow = _FOLLOWING_YEAR.match(g.get("fy") or "") if ctx.dct is not None and not g.get("y") else None
    if g.get("y"):
        y = year_value(g["y"])
    elif follow and ctx.dct is not None:  # "on June 23 last year"
        y = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[follow.group(1).lower()]
    elif ctx.dct is not None:
        y = _year_for(m, d, ctx)
    else:
        return Norm("DATE", _date_value(None, m, d)) if d <= 31 else None
    return Norm("DATE", _date_value(y, m, d)) if _valid(y, m, d) else None


def n_day_range(g: G, ctx: Ctx) -> Norm | None:
    """ "April 25-27", "25-27 April 2019": an interval value "2019-04-25/2019-04-27"."""
    mon = g.get("mon") or g.get("mon2")
    d1, d2 = _day(str(g.get("d1") or g.get("e1"))), _day(str(g.get("d2") or g.get("e2")))
    if d2 <= d1:
        return None
    a = n_month_day({"mon": mon, "day": str(d1), "y": g.get("y")}, ctx)
    b = n_month_day(
        {"mon": mon, "day": str(d2), "y": a.value[:4] if a and a.value[:1].isdigit() else g.get("y")}, ctx
    )
    if a is None or b is None:
        return None
    return Norm("DATE", f"{a.value}/{b.value}")


def n_month_year(g: G, ctx: Ctx) -> Norm | None:
    return Norm("DATE", _date_value(year_value(g["y"]), _month(g["mon"]), None))


#: "February this year", "June 23 of last year": the year named after a month, in the expression
_REL_YEAR = r"\s*,?\s+(?:of\s+)?(?:this|last|next)\s+year(?![\w'’-])"
_FOLLOWING_YEAR = re.compile(r"\s*,?\s+(?:of\s+)?(this|last|next)\s+year\b", re.I)


def n_month(g: G, ctx: Ctx) -> Norm | None:
    word = g["mon"]
    rel = _low(g.get("rel"))
    if not rel and _low(word).rstrip(".") in AMBIGUOUS_MONTHS and not word[:1].isupper():
        return None
    if word == "may":
        return None  # "this may change", "next may be": the verb, even after a relative word
    bare = _low(word)
    if len(bare) <= 4 and bare not in ("may", "june", "july") and not rel:
        return None  # "Jan" alone is more often a name than a month; "Jan." is taken
    m = _month(word)
    if ctx.dct is None:
        return Norm("DATE", _date_value(None, m, None))
    d = ctx.dct
    follow = _FOLLOWING_YEAR.match(g.get("fy") or "")
    if follow and not rel:  # "in February this year", "in March of last year"
        off = {"this": 0, "last": -1, "next": 1}[follow.group(1).lower()]
        return Norm("DATE", _date_value(d.year + off, m, None))
    if rel in ("last", "this past", "past", "previous"):
        y = d.year if m < d.month else d.year - 1
    elif rel in ("next", "this coming", "coming"):
        y = d.year if m > d.month else d.year + 1
    elif rel == "this":
        y = d.year
    else:
        y = _year_for(m, 0, ctx)
    return Norm("DATE", _date_value(y, m, None))


def n_holiday(g: G, ctx: Ctx) -> Norm | None:
    name = _low(g["hol"]).replace("’", "'")
    rel = _low(g.get("rel"))
    if (
        not g.get("y")
        and not rel
        and not name.endswith((" day", " eve"))
        and (ctx.before.endswith("-") or re.match(r"\s+[a-z]", ctx.after) or "'" in ctx.after[:1])
        and re.match(r"\s+(?:day|eve)\b", ctx.after) is None
    ):
        return None  # "Christmas carols", "post-Christmas", "Christmas' ..." are not dates
    y = int(g["y"]) if g.get("y") else None
    if name.startswith("thanksgiving"):
        yy = y if y is not None else (ctx.dct.year if ctx.dct else None)
        if yy is None:
            return Norm("DATE", "XXXX-11")
        first = date(yy, 11, 1)
        day = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        past = rel in _PAST_RELS or (not rel and ctx.tense == "past")
        if y is None and ctx.dct is not None and past and day > ctx.dct:
            return n_holiday({"hol": name, "y": str(yy - 1)}, ctx)
        if y is None and ctx.dct is not None and rel in _FUT_RELS and day <= ctx.dct:
            return n_holiday({"hol": name, "y": str(yy + 1)}, ctx)
        return Norm("DATE", day.isoformat())
    m, d = L["holidays"][name]
    if y is None:
        if ctx.dct is None:
            return Norm("DATE", _date_value(None, m, d))
        if rel in _PAST_RELS:
            y = ctx.dct.year if (m, d) < (ctx.dct.month, ctx.dct.day) else ctx.dct.year - 1
        elif rel in _FUT_RELS:
            y = ctx.dct.year if (m, d) > (ctx.dct.month, ctx.dct.day) else ctx.dct.year + 1
        elif rel == "this":
            y = ctx.dct.year
        else:
            y = _year_for(m, d, ctx)
    return Norm("DATE", _date_value(y, m, d))


def n_weekday(g: G, ctx: Ctx) -> Norm | None:
    if re.match(
        r"\s+(?:Times|Telegraph|Express|Mirror|Herald|Post|Mail|Independent|Observer|Tribune|Morning)\b",
        ctx.after,
    ):
        return None  # newspapers
    wd = WEEKDAYS[_low(g["wd"])]
    rel = _low(g.get("rel"))
    day = _weekday_date(wd, rel, ctx)
    value = _day_or_x(day, f"XXXX-WXX-{wd}")
    if g.get("part"):
        return Norm("TIME", f"{value}T{PARTS[_low(g['part'])]}")
    return Norm("DATE", value)


def n_dayword(g: G, ctx: Ctx) -> Norm | None:
    w = _low(g["dw"])
    if w in ("tonight", "last night"):
        day = _day_word(w, ctx)
        return Norm("TIME", _day_or_x(day) + "TNI")
    day = _day_word(w, ctx)
    if ctx.dct is None:
        return Norm("DATE", {"today": "PRESENT_REF"}.get(w, "XXXX-XX-XX"))
    if g.get("part"):
        return Norm("TIME", _day_or_x(day) + "T" + PARTS[_low(g["part"])])
    return Norm("DATE", _day_or_x(day))


def n_this_part(g: G, ctx: Ctx) -> Norm | None:
    return Norm("TIME", _day_or_x(ctx.dct) + "T" + PARTS[_low(g["part"])])


def n_season(g: G, ctx: Ctx) -> Norm | None:
    word = _low(g["sea"])
    rel = _low(g.get("rel"))
    s = SEASONS[word]
    if word == "fall" and not rel and not g.get("y"):
        # "the fall of the Wall", "led the fall in prices": only "in/during/by ... the fall" is a season
        if not g.get("the") or re.match(r"\s+(?:of|in)\b", ctx.after):
            return None
        if not re.search(
            r"\b(?:in|during|since|until|by|over|through|for|this|next|last)\s+$", ctx.before, re.I
        ):
            return None
    if g.get("y"):
        return Norm("DATE", f"{int(g['y']):04d}-{s}")
    if ctx.dct is None:
        return Norm("DATE", f"XXXX-{s}")
    d = ctx.dct
    start = cal.SEASON_START[s]
    # the season's year is the year of its first month (winter 2019 = Dec 2019 - Feb 2020)
    cur_start = {12: 12, 1: 12, 2: 12}.get(d.month, (d.month - (d.month % 3)))
    cur_year = d.year - 1 if d.month in (1, 2) else d.year
    if rel in ("last", "past", "previous", "this past"):
        y = cur_year if start < cur_start else cur_year - 1
    elif rel in ("next", "coming", "this coming"):
        y = cur_year if start > cur_start else cur_year + 1
    elif rel == "this":
        y = cur_year
    elif ctx.tense == "past":
        y = cur_year if start <= cur_start else cur_year - 1
    elif ctx.tense == "future":
        y = cur_year if start >= cur_start else cur_year + 1
    else:
        y = cur_year
    return Norm("DATE", f"{y:04d}-{s}")


def _quarter_year(q: int, ctx: Ctx) -> int | None:
    if ctx.dct is None:
        return None
    y, cur = cal.quarter_of(ctx.dct)
    if q > cur and ctx.tense != "future":
        return y - 1
    return y


def _year_phrase(text: str | None, ctx: Ctx) -> int | None | str:
    """ "1989", "fiscal 1989", "this year", "last year", "next fiscal year" -> a year (or "X")."""
    t = _low(text)
    m = re.search(r"\d{4}", t)
    if m:
        return int(m.group())
    if ctx.dct is None:
        return "X"
    off = -1 if t.startswith(("last", "the previous", "the past")) else 1 if t.startswith("next") else 0
    return ctx.dct.year + off


def n_quarter(g: G, ctx: Ctx) -> Norm | None:
    unit = "H" if "half" in _low(g["qh"]) else "Q"
    q = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}.get(
        _low(g["ord"]), 2 if unit == "H" else 4
    )
    if unit == "H" and q > 2:
        return None
    yp = g.get("y") or g.get("y0") or (f"{g['y0p']} year" if g.get("y0p") else None)
    y: int | str | None
    if yp:
        y = _year_phrase(yp, ctx)
    elif unit == "Q":
        y = _quarter_year(q, ctx)
    else:
        y = ctx.dct.year if ctx.dct else None
    ys = "XXXX" if y is None or y == "X" else f"{int(y):04d}"
    if unit == "Q" and ys != "XXXX":
        ctx.state["quarter"] = (int(ys), q)
    return Norm("DATE", f"{ys}-{unit}{q}")


def n_qword(g: G, ctx: Ctx) -> Norm | None:
    """ "Q3 2019", "Q1"."""
    q = int(g["q"])
    y = int(g["y"]) if g.get("y") else _quarter_year(q, ctx)
    ys = f"{y:04d}" if y else "XXXX"
    if y:
        ctx.state["quarter"] = (y, q)
    return Norm("DATE", f"{ys}-Q{q}")


def n_rel_quarter(g: G, ctx: Ctx) -> Norm | None:
    """ "the quarter", "the latest quarter", "last quarter", "the year-ago quarter"."""
    rel = _low(g.get("rel"))
    if ctx.dct is None:
        return Norm("DATE", "XXXX-QX")
    y, q = cal.quarter_of(ctx.dct)
    prev = cal.add_months(y, 3 * q - 2, -3)
    last_done = (prev[0], (prev[1] - 1) // 3 + 1)
    if rel in ("year-ago", "year-earlier", "prior-year", "year ago", "year earlier"):
        base = ctx.state.get("quarter") or last_done
        return Norm("DATE", f"{base[0] - 1:04d}-Q{base[1]}")
    if rel in ("next", "coming", "following"):
        ny, nm = cal.add_months(y, 3 * q - 2, 3)
        return Norm("DATE", f"{ny:04d}-Q{(nm - 1) // 3 + 1}")
    if rel == "current" or (rel == "this" and ctx.tense != "past"):
        return Norm("DATE", f"{y:04d}-Q{q}")
    if rel in ("same",):
        return None
    base = ctx.state.get("quarter") if rel == "" else None
    yq = base or last_done
    ctx.state["quarter"] = yq
    return Norm("DATE", f"{yq[0]:04d}-Q{yq[1]}")


def n_year_period(g: G, ctx: Ctx) -> Norm | None:
    """ "the 1988 quarter", "the latest period": the quarter the text is talking about."""
    q = ctx.state.get("quarter")
    if g.get("y"):
        y = int(g["y"])
        return Norm("DATE", f"{y:04d}-Q{q[1]}" if q else f"{y:04d}")
    return Norm("DATE", f"{q[0]:04d}-Q{q[1]}") if q else None


def n_spoken_year(g: G, ctx: Ctx) -> Norm | None:
    """ "nineteen ninety-six", "the year two thousand"."""
    if g.get("k"):
        return Norm("DATE", "2000") if _low(ctx.text).startswith("the year") else None
    from kg.time.patterns import number_value

    tens = number_value(g["tens"]) or 0
    ones = number_value(g["ones"]) if g.get("ones") else 0
    century = 19 if _low(g["c"]) == "nineteen" else 20
    return Norm("DATE", f"{century}{int(tens + (ones or 0)):02d}")


def n_year(g: G, ctx: Ctx) -> Norm | None:
    return Norm("DATE", f"{int(g['y']):04d}")


_SHORT_YEAR_BEFORE = re.compile(
    r"\b(?:in|since|of|from|to|until|till|through|by|before|after|and|or|late|early|mid|class|summer|spring"
    r"|autumn|fall|winter|season)\s+$",
    re.I,
)


def n_short_year(g: G, ctx: Ctx) -> Norm | None:
    """ "since '82", "in '05": the nearest such year not far past the DCT's (after a preposition)."""
    if not _SHORT_YEAR_BEFORE.search(ctx.before):
        return None  # "iLife '11", "Windows '98": a product's name
    yy = int(g["yy"])
    now = ctx.dct.year if ctx.dct else 1999
    century = now // 100 * 100
    year = century + yy if century + yy <= now + 5 else century - 100 + yy
    return Norm("DATE", f"{year:04d}")


def n_decade(g: G, ctx: Ctx) -> Norm | None:
    if g.get("y"):
        return Norm("DATE", g["y"][:3])
    if g.get("yy") or g.get("yy2"):
        yy = int(g.get("yy") or g["yy2"])
        century = 19 if yy >= 30 else 20
        return Norm("DATE", f"{century}{yy // 10}")
    words = {
        "twenties": 2,
        "thirties": 3,
        "forties": 4,
        "fifties": 5,
        "sixties": 6,
        "seventies": 7,
        "eighties": 8,
        "nineties": 9,
    }
    return Norm("DATE", f"19{words[_low(g['w'])]}")


def n_century(g: G, ctx: Ctx) -> Norm | None:
    words = {
        "first": 1,
        "nineteenth": 19,
        "twentieth": 20,
        "twenty-first": 21,
        "twenty first": 21,
        "eighteenth": 18,
    }
    c = _low(g["c"])
    n = int(re.match(r"\d+", c).group()) if c[:1].isdigit() else words.get(c)  # type: ignore[union-attr]
    return Norm("DATE", f"{n - 1:02d}") if n else None


def _unit_shift(unit: str, n: int, ctx: Ctx) -> str:
    """The TIMEX3 value of the ``unit`` that is ``n`` units from the DCT (n=0: the DCT's own)."""
    if ctx.dct is None:
        return {
            "day": "XXXX-XX-XX",
            "week": "XXXX-WXX",
            "weekend": "XXXX-WXX-WE",
            "month": "XXXX-XX",
            "year": "XXXX",
            "decade": "XXX",
            "century": "XX",
            "quarter": "XXXX-QX",
        }.get(unit, "XXXX")
    d = ctx.dct
    if unit in ("day", "night"):
        return (d + timedelta(days=n)).isoformat()
    if unit == "week" or unit == "fortnight":
        return cal.week_value(d + timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "weekend":
        return cal.week_value(d + timedelta(weeks=n)) + "-WE"
    if unit == "month":
        y, m = cal.add_months(d.year, d.month, n)
        return f"{y:04d}-{m:02d}"
    if unit == "quarter":
        y, m = cal.add_months(d.year, d.month, 3 * n)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if unit == "year":
        return f"{d.year + n:04d}"
    if unit == "decade":
        return f"{d.year // 10 + n:03d}"
    if unit == "century":
        return f"{d.year // 100 + n:02d}"
    if unit == "millennium":
        return f"{d.year // 1000 + n}"
    return f"{d.year:04d}"


_PAST_RELS = (
    "last",
    "past",
    "previous",
    "the last",
    "the past",
    "the previous",
    "this past",
    "latest",
    "the latest",
)
_FUT_RELS = ("next", "coming", "the coming", "the next", "following", "the following", "this coming")


def n_rel_unit(g: G, ctx: Ctx) -> Norm | None:
    """ "this week", "last month", "next year", "earlier this year", "the past week" ..."""
    unit = unit_key(g["unit"])
    rel = _low(g.get("rel"))
    if rel == "the same":
        return None
    if unit == "weekend":
        return n_weekend({"rel": rel}, ctx)
    n = -1 if rel in _PAST_RELS else 1 if rel in _FUT_RELS else 0
    narrative = rel == "the next" and ctx.tense == "past"  # "the accord failed; the next year, war resumed"
    if (narrative or rel in ("the previous", "previous", "the following", "following")) and unit in (
        "week",
        "month",
        "year",
    ):
        # anaphoric: "sales rose in November from the previous month" -> October
        anchored = _anchor_value(unit, n, ctx)
        span = cal.span_of(anchored) if anchored is not None and narrative else None
        if narrative and (span is None or ctx.dct is None or span[1] >= ctx.dct):
            anchored = None  # a past narrative's "next year" is over by the DCT; else it is reported future
        if anchored is not None:
            return Norm("DATE", anchored)
    return Norm("DATE", _unit_shift(unit, n, ctx))


def n_in_the_unit(g: G, ctx: Ctx) -> Norm | None:
    """ "earlier in the year", "the year" (the DCT's)."""
    return Norm("DATE", _unit_shift(unit_key(g["unit"]), 0, ctx))


_AWARD_BEFORE = re.compile(
    r"\b(?:player|team|coach|manager|athlete|sportsman|sportswoman|footballer|person|man|woman|film|movie"
    r"|album|song|book|car|word|rookie|newcomer|driver|artist)s?\s+of\s+$",
    re.I,
)


def n_the_year(g: G, ctx: Ctx) -> Norm | None:
    """ "the year ended June 30" is a stretch of a year; "for the (full) year" is the DCT's year.

    Award titles ("player of the year") and appositions ("in 1981, the year before ...") are no
    reference to the DCT's year and are left untagged.
    """
    if _AWARD_BEFORE.search(ctx.before) or re.search(r"\d{4}\s*,\s*$", ctx.before):
        return None
    if re.match(r"\s+(?:ended|ending|ends|to\s+date|through|that|in\s+which)\b", ctx.after, re.I):
        return Norm("DURATION", "P1Y")
    if re.search(r"\b(?:throughout|during|over|in)\s+$", ctx.before, re.I):
        return Norm("DURATION", "P1Y")
    return Norm("DATE", _unit_shift("year", 0, ctx))


def n_year_end(g: G, ctx: Ctx) -> Norm | None:
    """ "by year end", "year-end": the end of the DCT's year."""
    if ctx.after[:1] == "-" or re.match(r"\s+(?:bonus|results?|figures?|report|audit|dividend)", ctx.after):
        return None
    return Norm("DATE", _unit_shift("year", 0, ctx), mod="END")


def n_week_of(g: G, ctx: Ctx) -> Norm | None:
    """ "the week of March 6": the ISO week holding that day."""
    md = n_month_day({"mon": g["mon"], "day": g["day"], "y": g.get("y")}, ctx)
    if md is None or not md.value[:4].isdigit():
        return None
    return Norm("DATE", cal.week_value(date.fromisoformat(md.value)))


#: verbs and prepositions after which "the day" is the day the story is about ("ended the day up")
_DAY_BEFORE = re.compile(
    r"(?:\b(?:end|ends|ended|ending|finish|finished|finishing|close|closed|closing|for|start\s+of|end\s+of"
    r"|rest\s+of|during)|(?:earlier|later|late|early)\s+in)\s+$",
    re.I,
)


def n_the_day(g: G, ctx: Ctx) -> Norm | None:
    """ "ended the day down 2%", "for the week", "by the end of the month": the story's own day
    (the last day named, else the DCT), week or month (the DCT's)."""
    unit = _low(g["unit"])
    if not re.match(r"\s*[,.;]|\s+(?:at|with|down|up|on|in)\b|['’]s\b", ctx.after):
        return None  # "the day before", "the day the wall fell", "the month of May"
    if not g.get("when") and not _DAY_BEFORE.search(ctx.before):
        return None
    if unit == "day":
        day = ctx.state.get("anchor_day") or ctx.dct
        return Norm("DATE", day.isoformat()) if day else None
    return Norm("DATE", _unit_shift(unit, 0, ctx))


def n_weekend(g: G, ctx: Ctx) -> Norm | None:
    rel = _low(g.get("rel"))
    if ctx.dct is None:
        return Norm("DATE", "XXXX-WXX-WE")
    wd = ctx.dct.isoweekday()
    if rel in _PAST_RELS:
        n = -1
    elif rel in _FUT_RELS:
        n = 1
    elif wd >= 6:
        n = 0
    elif rel == "this":
        n = -1 if ctx.tense == "past" else 0
    else:
        n = 0 if ctx.tense == "future" else -1
    return Norm("DATE", _unit_shift("weekend", n, ctx))


#: a fractional amount of a unit is written in the next smaller unit when that comes out whole
#: ("2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M), as TimeBank annotators write it
_SUB_UNIT = {"Y": (12, "M", False), "D": (24, "H", True), "H": (60, "M", True), "M": (60, "S", True)}


def _mixed(n: float, letter: str, timey: bool) -> str | None:
    """ "P2Y6M"-style value of a fractional amount, None when the remainder is not whole."""
    whole, frac = int(n), n - int(n)
    if letter not in _SUB_UNIT or (letter == "M" and not timey):
        return None
    factor, sub, sub_timey = _SUB_UNIT[letter]
    rest = frac * factor
    if not float(rest).is_integer():
        return None
    head = f"{whole}{letter}" if whole else ""
    tail = f"{int(rest)}{sub}"
    if timey:
        return f"PT{head}{tail}"
    if sub_timey:
        return f"P{head}T{tail}" if head else f"PT{tail}"
    return f"P{head}{tail}"


def _duration_value(n: float | None, unit: str) -> str:
    letter, timey = UNITS[unit]
    if n is not None and not float(n).is_integer():
        mixed = _mixed(n, letter, timey)
        if mixed:
            return mixed
    num = "X" if n is None else fmt_num(n)
    if letter == "DE" and n is not None:
        num, letter = fmt_num(n * 10), "Y"
    elif letter == "CE" and n is not None:
        num, letter = fmt_num(n * 100), "Y"
    elif letter == "2W":
        num, letter = ("X" if n is None else fmt_num(n * 2)), "W"
    elif letter == "WE":
        num, letter = ("X" if n is None else fmt_num(n * 2)), "D"
    return ("PT" if timey else "P") + num + letter


def _vague_count(word: str) -> float | None:
    """ "a couple of" counts as two (TimeBank: "a couple of years" = P2Y); other vague words as X."""
    return 2.0 if "couple" in _low(word) else None


_FRACTION_OF = re.compile(
    r"\s+of\s+(?:the|a|an|all|its|their|his|her|our|this|that|these|those|[\d$£€])", re.I
)


def n_duration(g: G, ctx: Ctx) -> Norm | None:
    unit = unit_key(g["unit"])
    numtxt = _low(g.get("num"))
    if g.get("vague"):
        n = _vague_count(g["vague"])
    else:
        n = number_value(numtxt) if numtxt else 1.0
        if n is None:
            return None
        if numtxt in ("a", "an") and unit == "second":
            return None
        if numtxt in ("a", "an") and _low(g["unit"]).endswith("s"):
            n = None  # "a decades-long dispute": the count is not given
        if numtxt in ("a", "an") and _RATE_BEFORE.search(ctx.before):
            return None  # "$2 a day", "10,000 barrels a day": a rate, not a stretch of time
    if unit == "quarter" and (
        re.search(r"-quarters", ctx.text, re.I)
        or (numtxt in ("a", "an", "one", "three") and _FRACTION_OF.match(ctx.after))
    ):
        return None  # "three-quarters", "more than a quarter of the market": a fraction
    if g.get("old") or (re.fullmatch(r"1[6-9]\d\d|20\d\d", numtxt) and unit not in ("hour", "minute")):
        return None
    if g.get("half") or g.get("half2"):
        n = (n or 0) + 0.5
    if n is not None and n > 5000:
        return None
    return Norm("DURATION", _duration_value(n, unit))


#: bare "days", "hours", "minutes" are a stretch of time only after these ("within days", "for hours")
_SHORT_UNITS_AFTER = re.compile(
    r"\b(?:for|within|in|over|after|took|take|takes|lasted|lasts|last|just|only|mere)\s+$", re.I
)


def n_plural_unit(g: G, ctx: Ctx) -> Norm | None:
    """ "for years", "within days": a DURATION of unknown count ("PXY")."""
    unit = unit_key(g["unit"])
    if unit in ("day", "hour", "minute") and not _SHORT_UNITS_AFTER.search(ctx.before):
        return None  # "days when prices fall", "the first days after"
    return Norm("DURATION", _duration_value(None, unit))


def n_unit_long(g: G, ctx: Ctx) -> Norm | None:
    """ "a day-long meeting" (P1D), "a decades-long dispute" (PXDE)."""
    word = _low(g["unit"])
    unit = unit_key(word)
    return Norm("DURATION", _duration_value(None if unit != word else 1.0, unit))


def n_ago(g: G, ctx: Ctx) -> Norm | None:
    unit = unit_key(g["unit"])
    numtxt = _low(g.get("num"))
    n = _vague_count(g["vague"]) if g.get("vague") else (number_value(numtxt) if numtxt else 1.0)
    direction = _low(g["dir"])
    sign = 1 if direction in ("from now", "hence") else -1
    if n is None or not float(n).is_integer():
        return Norm("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", counted=True)
    k = int(n) * sign
    if unit in ("year",) and direction in ("earlier", "ago") and k == -1 and ctx.state.get("quarter"):
        y, q = ctx.state["quarter"]
        return Norm("DATE", f"{y - 1:04d}-Q{q}", counted=True)
    if unit in ("hour", "minute", "second"):
        return Norm("DATE", _day_or_x(ctx.dct), counted=True)
    if direction == "earlier" and unit in ("day", "week"):
        # "On Friday ... A day earlier": counted back from the last day named (the reference time),
        # as TimeML anchors it; "ago" always counts back from the DCT, and so do "a year earlier",
        # "a month earlier" (comparisons of figures: "up 5% from a year earlier" is the DCT's year)
        anchored = _anchor_value(unit, k, ctx)
        if anchored is not None:
            return Norm("DATE", anchored, counted=True)
    return Norm("DATE", _unit_shift(unit, k, ctx), counted=True)


def n_year_earlier(g: G, ctx: Ctx) -> Norm | None:
    """ "year-earlier", "year-ago" used as adjectives."""
    if ctx.state.get("quarter"):
        y, q = ctx.state["quarter"]
        return Norm("DATE", f"{y - 1:04d}-Q{q}")
    return Norm("DATE", _unit_shift("year", -1, ctx))


def n_set(g: G, ctx: Ctx) -> Norm | None:
    quant = _low(g.get("q")).upper() or None
    if g.get("wd"):
        return Norm("SET", f"XXXX-WXX-{WEEKDAYS[_low(g['wd'])]}", quant=quant)
    if g.get("part"):
        return Norm("SET", f"XXXX-XX-XXT{PARTS[_low(g['part'])]}", quant=quant)
    if g.get("mon"):
        return Norm("SET", f"XXXX-{_month(g['mon']):02d}", quant=quant)
    unit = unit_key(g["unit"])
    n = number_value(_low(g["num"])) if g.get("num") else 1.0
    return Norm("SET", _duration_value(n, unit), quant=quant)


def n_freq(g: G, ctx: Ctx) -> Norm | None:
    return Norm("SET", _duration_value(1.0, unit_key(g["unit"])))


def n_set_adverb(g: G, ctx: Ctx) -> Norm | None:
    word = g["adv"]
    if word[:1].isupper() and not re.search(r"(?:^|[.!?\"'])\s*$", ctx.before):
        return None  # the Daily Telegraph
    if re.match(
        r"[\s,]+(?:newspaper|paper|magazine|publication|tabloid|[A-Z]|(?:said|says|reported|reports|quoted|quotes"
        r"|wrote|writes|added|printed|published|representing|carried|cited|claimed|noted|commented|editorial)\b)",
        ctx.after,
    ):
        return None  # "the daily Le Monde", "the daily said"
    if re.search(
        r"(?:\b(?:the|a|an|its|his|her|their)|'s)\s+(?:\w+\s+)?$", ctx.before, re.I
    ) and not re.match(r"\s+[a-z]", ctx.after):
        return None  # "Britain's biggest-selling daily."; but "a daily rally" is a set
    return Norm("SET", L["set_adverbs"][_low(g["adv"])])


def n_ref(g: G, ctx: Ctx) -> Norm | None:
    """ "now", "currently", "the future": PRESENT_REF, PAST_REF, FUTURE_REF."""
    w = _low(g["ref"]).replace("’", "'")
    if ctx.after[:1] == "-":
        return None  # "the now-defunct airline", "the current-account deficit": part of a compound
    return Norm("DATE", L["references"][w])


def n_recent_units(g: G, ctx: Ctx) -> Norm | None:
    """ "recent years", "in recent weeks": a stretch of unknown length up to now, DURATION "PXY".

    (TimeBank is split between this and DATE PAST_REF; MEANTIME and the AFP annotations use it.)
    """
    return Norm("DURATION", _duration_value(None, unit_key(g["unit"])))


def n_range(g: G, ctx: Ctx) -> Norm | None:
    """ "two to three weeks", "the next 12 to 18 months", "5-10 years": one DURATION, count unknown."""
    unit = unit_key(g["unit"])
    lo, hi = number_value(_low(g["n1"])), number_value(_low(g["n2"]))
    if lo is None or hi is None or not lo < hi:
        return n_duration({"num": g["n2"], "unit": g["unit"]}, ctx)
    return Norm("DURATION", _duration_value(None, unit))


# ---------------------------------------------------------------- anaphora: "that day", "the following week"

_DAY_VALUE = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_MONTH_VALUE = re.compile(r"(\d{4})-(\d\d)(?!\d)")
_QUARTER_VALUE = re.compile(r"\d{4}-Q\d")


def remember(state: dict[str, Any], norm: Norm, end: int = 0) -> None:
    """Keep the last day, month and year the text has named: anaphoric expressions refer to them.

    TimeML (and HeidelTime) anchor "that year", "the next day", "the previous month" to the last
    date mentioned before them, not to the DCT. ``end`` is where the expression ends in the text
    (a bare clock time later in the same sentence is on that day).
    """
    if norm.type not in ("DATE", "TIME") or not norm.value[:4].isdigit():
        return
    v = norm.value.split("/", 1)[0]
    state["last_unit"] = (
        "quarter" if _QUARTER_VALUE.match(v) else "month" if _MONTH_VALUE.match(v) else "year"
    )
    m = _DAY_VALUE.match(v)
    if m:
        state["anchor_day"] = date(int(m[1]), int(m[2]), int(m[3]))
        state["day_at"] = (end, state["anchor_day"])
    if m or _MONTH_VALUE.match(v):
        state["anchor_month"] = (int(v[:4]), int(v[5:7]))
    if re.match(r"\d{4}(?!\d)", v):
        state["anchor_year"] = int(v[:4])


def _anchor_value(unit: str, n: int, ctx: Ctx) -> str | None:
    """The ``unit`` that is ``n`` units from the last date the text named, None without one."""
    st = ctx.state
    if unit in ("day", "morning", "afternoon", "evening", "night", "week"):
        day = st.get("anchor_day")
        if day is None:
            return None
        if unit == "week":
            return cal.week_value(day + timedelta(weeks=n))
        shifted = day + timedelta(days=n)
        part = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}.get(unit)
        return shifted.isoformat() + (f"T{part}" if part else "")
    if unit == "month":
        ym = st.get("anchor_month")
        if ym is None:
            return None
        y, m = cal.add_months(ym[0], ym[1], n)
        return f"{y:04d}-{m:02d}"
    if unit == "quarter":
        q = st.get("quarter")
        return f"{q[0]:04d}-Q{q[1]}" if q and n == 0 else None
    if unit == "year":
        y0 = st.get("anchor_year")
        return None if y0 is None else f"{y0 + n:04d}"
    return None


#: "overnight" as an adverb of the story's last night: at a clause's end, or before a preposition,
#: a conjunction or a market report's noun ("overnight losses in New York"); not "overnight rates",
#: "an overnight stay", "became a star overnight" (no time: a manner)
_OVERNIGHT_AFTER = re.compile(
    r"\s*(?:[.,;:)!?\"'’”]|$)|\s+(?:in|on|at|to|and|after|before|as|when|while|from|near|with|into|by|until|but"
    r"|losses|gains|trading|session|rally|decline|declines|falls|rises|drop|drops)\b"
)
_OVERNIGHT_MANNER = re.compile(
    r"(?:\b(?:not|never)\b|n't\b)[^.,;]{0,30}$|\b(?:almost|virtually|literally|nearly)\s+$"
    r"|\b(?:happen|come|came|change|disappear|vanish|transform|solve|fix|resolve|turn)\w*\s+$"
    r"|\bbec[oa]me\w*\s+(?:\w+\s+){0,3}$",
    re.I,
)


def n_overnight(g: G, ctx: Ctx) -> Norm | None:
    """ "rebels shelled the town overnight": the night before the day the story is at (the last day
    named, else the DCT); in a future clause the coming night."""
    if not _OVERNIGHT_AFTER.match(ctx.after) or _OVERNIGHT_MANNER.search(ctx.before):
        return None
    if re.search(r"\b(?:an|the|a)\s+$", ctx.before, re.I):
        return None  # "an overnight stay", "the overnight session": a modifier of a noun
    if ctx.dct is None:
        return Norm("TIME", "XXXX-XX-XXTNI")
    if ctx.tense == "future":
        return Norm("TIME", ctx.dct.isoformat() + "TNI")
    day = ctx.state.get("anchor_day") or ctx.dct
    return Norm("TIME", (day - timedelta(days=1)).isoformat() + "TNI")


def n_same_period(g: G, ctx: Ctx) -> Norm | None:
    """ "the same period last year", "the same quarter a year earlier", "the same month of 2018": the
    stretch the text is talking about (the last quarter or month named), a year before (or in the
    year given)."""
    unit = _low(g["unit"])
    st = ctx.state
    quarter = st.get("quarter")
    month = st.get("anchor_month")
    if unit == "period":
        unit = st.get("last_unit") or "year"
    if unit == "quarter" and quarter:
        ref_year, part = quarter[0], f"-Q{quarter[1]}"
    elif unit == "month" and month:
        ref_year, part = month[0], f"-{month[1]:02d}"
    elif unit in ("quarter", "month"):
        return None
    else:
        if ctx.dct is None and not g.get("y"):
            return None
        ref_year, part = (st.get("anchor_year") or ctx.dct.year if ctx.dct else 0), ""
    year = int(g["y"]) if g.get("y") else ref_year - 1
    return Norm("DATE", f"{year:04d}{part}")


def n_that_unit(g: G, ctx: Ctx) -> Norm | None:
    """ "that year", "the same day", "later that month", "the following day", "the previous week"."""
    unit = _low(g["unit"])
    rel = _low(g.get("rel"))
    n = 1 if rel in ("next", "following") else -1 if rel in ("previous", "preceding", "prior") else 0
    value = _anchor_value(unit, n, ctx)
    if value is None:
        if n == 0 or unit not in ("day", "morning", "afternoon", "evening", "night"):
            return None
        if ctx.dct is None:
            return None
        value = (ctx.dct + timedelta(days=n)).isoformat()
        if unit != "day":
            value += "T" + PARTS[unit]
    return Norm("TIME" if "T" in value else "DATE", value)


# ---------------------------------------------------------------- the rules, in priority order

_WD_REL = r"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past|previous)\s+)"
_DAYWORD = r"(?:the\s+day\s+(?:before|after)\s+)?(?:today|yesterday|tomorrow|tonight)|last\s+night"
_UNIT_REL = (
    r"(?P<rel>this|last|next|the\s+current|the\s+coming|the\s+past|the\s+previous|the\s+following"
    r"|the\s+last|the\s+next|the\s+latest|coming|past|previous|current|latest|the\s+same)"
)
_CAL_UNIT = r"(?:week|weekend|month|year|decade|century)"

RULES: list[tuple[str, str, Handler]] = [
    ("iso", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)", n_iso),
    ("numeric", r"(?P<all>(?:1[0-2]|0?[1-9])/(?:3[01]|[12]\d|0?[1-9])/(?:\d{4}|\d\d))(?![\d/])", n_numeric),
    (
        "clock",
        rf"(?:(?P<wd2>{WEEKDAY})\s*,?\s+(?:at\s+)?|(?P<dw2>{_DAYWORD})\s+at\s+)?{CLOCK}{ZONE}?"
        rf"(?:\s*,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<dw>today|yesterday|tomorrow)"
        rf"|(?P<mon>{MONTH})\s+(?P<day>{DAYNUM})(?:\s*,?\s+(?P<y>{YEAR}))?(?!\d))(?![\w-]))?",
        n_clock,
    ),
    (
        "day_range",
        rf"(?:(?P<mon>{MONTH})\s+(?P<d1>{DAYNUM})\s*[-–]\s*(?P<d2>{DAYNUM})"
        rf"|(?P<e1>{DAYNUM})\s*[-–]\s*(?P<e2>{DAYNUM})\s+(?P<mon2>{MONTH}))(?!\d)(?:\s*,?\s+(?P<y>{YEAR}))?(?!\d)",
        lambda g, c: n_day_range(g, c),
    ),
    (
        "month_day",
        # the weekday and the date on one line or after a comma ("Friday\nSeptember 18" is a headline's
        # last word and the dateline below it)
        rf"(?:{WEEKDAY}(?:\s*,\s*|[^\S\n]+))?(?:(?P<mon>{MONTH})\s+(?P<day>(?:the\s+)?(?:{DAYNUM}(?<=[a-z])|{DAY_WORD})(?![\w-])|{DAYNUM})"
        rf"|(?:the\s+)?(?P<day2>{DAYNUM}(?:\s+of)?|{DAY_WORD}\s+of)\s+(?P<mon2>{MONTH}))(?!\d)"
        rf"(?:\s*,?\s+(?P<y>{YEAR}|{SPOKEN_YEAR})|(?P<fy>{_REL_YEAR}))?(?!\d)",
        lambda g, c: n_month_day(
            {
                "mon": g["mon"] or g["mon2"],
                "day": g["day"] or g["day2"].rsplit(" of", 1)[0],
                "y": g.get("y"),
                "fy": g.get("fy"),
            },
            c,
        ),
    ),
    ("month_year", rf"(?P<mon>{MONTH})(?:\s+of)?\s*,?\s+(?P<y>{YEAR}|{SPOKEN_YEAR})(?!\d)", n_month_year),
    (
        "holiday",
        rf"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past)\s+)?(?P<hol>{HOLIDAY})"
        rf"(?:\s*,?\s+(?P<y>{YEAR}))?",
        n_holiday,
    ),
    (
        "quarter",
        rf"(?:the\s+)?(?:(?P<y0>{YEAR}|fiscal\s+{YEAR})\s+|(?P<y0p>this|last|next)\s+(?:fiscal\s+)?year['’]s\s+)?"
        r"(?:fiscal\s+)?"
        r"(?P<ord>(?:first|second|third|fourth|1st|2nd|3rd|4th)"
        r"|(?:last|final)(?=[\s-]+(?:fiscal[\s-]+)?(?:quarter|half)\s+of\s+(?:fiscal\s+|this\s|last\s|next\s|\d)))"
        r"[\s-]+(?:fiscal[\s-]+)?"
        rf"(?P<qh>quarter|half)(?:\s+of\s+(?P<y>(?:fiscal\s+)?{YEAR}|(?:this|last|next|the\s+current|the\s+previous|the)"
        rf"\s+(?:fiscal\s+)?year))?",
        n_quarter,
    ),
    (
        "year_period",
        rf"the\s+(?P<y>{YEAR})\s+(?:fiscal\s+)?(?:quarter|period)|the\s+latest\s+period",
        lambda g, c: n_year_period(g, c),
    ),
    (
        "spoken_year",
        r"(?:the\s+year\s+)?(?:(?P<c>nineteen|twenty)[\s-](?P<tens>ten|eleven|twelve|thirteen|fourteen|fifteen"
        r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[\s-](?P<ones>one|two|three|four|five|six|seven|eight|nine))?|(?P<k>two\s+thousand))",
        lambda g, c: n_spoken_year(g, c),
    ),
    ("short_year", r"(?<!['’`\"])['’](?P<yy>\d\d)(?![\d'’%]|s\b|\s*(?:percent|per\s+cent)\b)", n_short_year),
    ("qword", rf"Q(?P<q>[1-4])(?:\s+(?P<y>{YEAR}))?", n_qword),
    (
        "same_period",
        r"the\s+same\s+(?P<unit>period|quarter|month)\s+(?:(?:of\s+)?(?:the\s+)?(?:last|previous|prior)\s+year"
        rf"|a\s+year\s+(?:earlier|ago|before)|(?:of|in)\s+(?P<y>{YEAR}))(?![\w-])",
        n_same_period,
    ),
    (
        "rel_quarter",
        r"(?:the\s+)?(?P<rel>latest|current|past|previous|last|next|coming|following|same|year-ago|year-earlier"
        r"|prior-year|most\s+recent|recent|this)[\s-]+(?:fiscal\s+)?quarter|the\s+(?:fiscal\s+)?quarter",
        n_rel_quarter,
    ),
    (
        "decade",
        r"(?:the\s+)?(?:(?P<y>1[5-9]\d0|20\d0)['’]?s|['’](?P<yy>\d0)s|(?<=the\s)(?P<yy2>[3-9]0)s"
        r"|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
        n_decade,
    ),
    (
        "century",
        r"(?:the\s+)?(?P<c>\d{1,2}(?:st|nd|rd|th)|first|eighteenth|nineteenth|twentieth|twenty[\s-]first)"
        r"[\s-]+century",
        n_century,
    ),
    (
        "season",
        rf"(?:(?P<rel>this\s+past|this\s+coming|this|last|next|coming|past|previous)\s+|(?P<the>the)\s+)?"
        rf"(?P<sea>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR}))?",
        n_season,
    ),
    ("dayword", rf"(?P<dw>{_DAYWORD})(?:\s+(?P<part>morning|afternoon|evening|night))?", n_dayword),
    (
        "weekday",
        rf"{_WD_REL}?(?P<wd>{WEEKDAY})(?:\s+(?P<part>morning|afternoon|evening|night))?",
        n_weekday,
    ),
    ("this_part", r"this\s+(?P<part>morning|afternoon|evening)", n_this_part),
    ("overnight", r"overnight(?![\w-])", n_overnight),
    (
        "ago",
        rf"(?:(?P<vague>{VAGUE})|(?P<num>{NUM}))[\s-]+(?P<unit>{UNIT})(?:\s+or\s+so)?\s+"
        r"(?P<dir>ago|earlier|from\s+now|hence)(?![\w-])",
        n_ago,
    ),
    (
        "that_unit",
        r"(?:(?:earlier|later)\s+)?(?:that(?:\s+same)?|the\s+same)\s+"
        r"(?P<unit>day|morning|afternoon|evening|night|week|month|year|quarter)(?![\w-])"
        r"|the\s+(?P<rel>next|following|previous|preceding|prior)\s+(?P<unit2>day|morning|afternoon|evening|night)"
        r"(?![\w-])",
        lambda g, c: n_that_unit({"unit": g.get("unit") or g.get("unit2"), "rel": g.get("rel")}, c),
    ),
    ("year_earlier", r"year-(?:earlier|ago)(?!\s+quarter)", n_year_earlier),
    (
        "rel_unit",
        rf"(?:(?:earlier|later)\s+(?:in\s+)?)?{_UNIT_REL}\s+(?:(?:fiscal|financial|calendar)\s+)?(?P<unit>{_CAL_UNIT})",
        n_rel_unit,
    ),
    (
        "in_the_unit",
        r"(?:earlier|later)\s+in\s+the\s+(?:(?:fiscal|financial|calendar)\s+)?(?P<unit>year)(?![\w-])"
        r"|(?:earlier|later)\s+in\s+the\s+(?P<unit2>week|month)",
        lambda g, c: n_in_the_unit({"unit": g.get("unit") or g.get("unit2")}, c),
    ),
    (
        "week_of",
        rf"the\s+week\s+of\s+(?P<mon>{MONTH})\s+(?P<day>{DAYNUM})(?:\s*,?\s+(?P<y>{YEAR}))?(?!\d)",
        lambda g, c: n_week_of(g, c),
    ),
    (
        "the_day",
        r"(?:(?P<when>earlier|later|late|early)\s+in\s+)?the\s+(?P<unit>day|week|month)(?![\w-])",
        lambda g, c: n_the_day(g, c),
    ),
    ("weekend", r"the\s+weekend", n_weekend),
    ("the_year", r"the\s+(?:fiscal\s+|financial\s+|full\s+)?year(?![\w-])", lambda g, c: n_the_year(g, c)),
    ("year_end", r"year[\s-]end(?![\w-])|year['’]s\s+end", lambda g, c: n_year_end(g, c)),
    (
        "set",
        rf"(?P<q>every|each|per)\s+(?:(?P<num>{NUM}|other)\s+)?"
        rf"(?:(?P<unit>{UNIT})|(?P<wd>{WEEKDAY})|(?P<part>morning|afternoon|evening|night)|(?P<mon>{MONTH}))",
        n_set,
    ),
    (
        "freq",
        rf"(?:once|twice|thrice|{NUM}\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{UNIT})",
        n_freq,
    ),
    ("set_adverb", rf"(?P<adv>{SET_ADVERBS})", n_set_adverb),
    ("recent_units", r"recent\s+(?P<unit>years|months|weeks|days|decades)", n_recent_units),
    (
        "range",
        r"(?:the\s+)?(?:(?:past|last|next|previous|coming|following|first|final|latest|remaining)\s+)?"
        rf"(?P<n1>{NUM})(?:\s+(?:to|or)\s+|\s*[-–]\s*)(?P<n2>{NUM})[\s-]+(?P<unit>{UNIT})(?![\w-])",
        n_range,
    ),
    (
        "duration",
        r"(?:the\s+)?(?:(?:past|last|next|previous|coming|following|first|final|latest|remaining|initial)\s+)?"
        rf"(?:(?P<vague>{VAGUE})|(?P<num>{NUM})(?P<half2>\s+and\s+a\s+half)?)"
        rf"(?:\s+(?:more|full|straight|consecutive|long|trading|business|working))?[\s-]+"
        rf"(?P<unit>{UNIT})(?:-long)?(?P<half>\s+and\s+a\s+half)?(?P<old>[\s-]+old)?"
        r"(?!-(?:earlier|ago)\b)",  # "a year-earlier loss": the adjective, not "a year"
        n_duration,
    ),
    ("unit_long", rf"(?P<unit>{UNIT})-long(?![\w-])", n_unit_long),
    (
        "plural_unit",
        r"(?P<unit>years|months|weeks|decades|centuries|days|hours|minutes)(?![\w-])",
        n_plural_unit,
    ),
    ("ref", rf"(?P<ref>{REFS})(?!\s+(?:(?:{NUM}|{VAGUE})[\s-]+)?(?:{UNIT}|{WEEKDAY}|{SEASON}))", n_ref),
    (
        "month",
        rf"(?:(?P<rel>last|next|this\s+past|this\s+coming|this|coming|past)\s+)?(?P<mon>{MONTH})(?!\.?\s*\d)"
        rf"(?P<fy>{_REL_YEAR})?",
        n_month,
    ),
    (
        "year",
        rf"(?:fiscal\s+(?:year\s+)?|(?:the\s+)?year\s+)?(?<![$£€\d.,])(?P<y>{YEAR})(?![\d,]\d|\.\d|\s*%|\s+percent)",
        n_year,
    ),
]
