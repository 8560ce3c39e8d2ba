"""Cheap tense cues: is the sentence around an offset about the past or the future?

Used to anchor "on Friday" or "in June" when the caller gives no ``tense_of`` callback. The cue
nearest to the expression wins (the clause it sits in), so "said on Friday that it will" is past;
but a future cue earlier in the same clause outweighs a nearer past one ("will double its flights
untouched by the crisis by August" is future).

>>> tense_near("The minister will travel to Oslo on Monday.", 37, 43)
'future'
>>> tense_near("A statement released on Sunday said so.", 24, 30)
'past'
"""

from __future__ import annotations

import functools
import re

from kg.time.lexicon import lexicon

#: a future cue that is no verb ("ahead of the trip, ... issued on Sunday") does not outweigh
#: a nearer past verb
_NOMINAL_FUTURE = re.compile(r"ahead", re.I)
#: abbreviations whose full stop ends no sentence ("Roe vs. Wade", "Mr. Bush", "U.S. officials")
_ABBREVS = [
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "St",
    "Mt",
    "Gen",
    "Sen",
    "Rep",
    "Gov",
    "Lt",
    "Col",
    "Sgt",
    "Capt",
    "Adm",
    "Cmdr",
    "Prof",
    "Rev",
    "Sr",
    "Jr",
    "Sens",
    "Reps",
    "vs",
    "No",
    "Nos",
    "Ft",
    "Pres",
]
#: the look-behinds come after the stop, so they are tried only where a stop is
_NOT_ABBREV = r"(?<!\b[A-Z]\.)(?<![ap]\.m\.)" + "".join(rf"(?<!\b{a}\.)" for a in _ABBREVS)
_SENT_END = re.compile(rf"[.!?]{_NOT_ABBREV}[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n\s*\n")
#: "be"/"being" before a participle: a passive, whose tense is that of the "be" ("will be held")
_PASSIVE_BE = re.compile(r"\b(?:be|being)\s+(?:\w+ly\s+)?$", re.I)


@functools.cache
def _clause_break() -> re.Pattern[str]:
    """What ends the clause a future cue governs (lexicon ``clause_breaks``)."""
    return re.compile("|".join(lexicon()["clause_breaks"]), re.I)


@functools.cache
def _cue_re() -> re.Pattern[str]:
    cues = lexicon()["tense_cues"]
    parts = [f"(?P<future>{'|'.join(cues['future'])})", f"(?P<past>{'|'.join(cues['past'])})"]
    return re.compile("|".join(parts), re.I)


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (by punctuation) that holds text[start:end]."""
    lo = max(0, start - 400)
    s = lo
    # endpos one past ``start``: the look-ahead must see the expression's own first character
    for m in _SENT_END.finditer(text, lo, min(len(text), start + 1)):
        s = m.end()
    m2 = _SENT_END.search(text, end, min(len(text), end + 400))
    e = m2.start() + 1 if m2 else min(len(text), end + 400)
    return s, e


def tense_near(text: str, start: int, end: int) -> str | None:
    """ "past", "future" or None from the verb cues nearest to text[start:end] in its sentence."""
    s, e = sentence_bounds(text, start, end)
    best: tuple[int, str] | None = None
    fut_before = False
    for m in _cue_re().finditer(text, s, e):
        if start <= m.start() < end:
            continue  # cues inside the expression itself ("last", "next") are the grammar's job
        dist = start - m.end() if m.end() <= start else m.start() - end
        kind = "future" if m.group("future") is not None else "past"
        if kind == "past" and _PASSIVE_BE.search(text, max(s, m.start() - 24), m.start()):
            continue  # "will be paid", "should be completed", "to be held": a participle, no past
        if (
            kind == "future"
            and m.end() <= start
            and not _NOMINAL_FUTURE.match(m.group())
            and not _clause_break().search(text, m.end(), start)
        ):
            fut_before = True
        elif kind == "past" and fut_before and m.end() <= start and not m.group().lower().endswith("ed"):
            fut_before = False  # "will be ... since he was elected in January": a finite past verb
        if best is None or dist < best[0]:
            best = (dist, kind)
    # a future cue before the expression in its clause outweighs a nearer past one
    # ("will ... the project finished by August")
    if fut_before:
        return "future"
    return best[1] if best else None
