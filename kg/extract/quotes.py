"""Who said what: direct quotes and reported speech attached to the STATEMENT that states them.

A quote belongs to the speech verb that introduces it, never to mere co-occurrence:

* direct quotes: the quoted text next to a speech verb (``"...," Putin said`` and
  ``Putin said: "..."``), across sentences and across paragraphs (an opening quote mark whose
  paragraph ends unclosed continues in the next paragraph when that one opens with a quote mark);
* a quote with no speech verb of its own that directly follows an attributed one
  (``"A," Putin said. "B."``, consecutive quoted paragraphs) goes to the same statement;
* reported speech: the clausal complement (ccomp) of the speech verb
  (``Putin emphasized that ...``); a short quoted fragment inside it stays part of it.

Speakers and topics are entity-mention references (``"@3"``) until resolution links them
(:func:`kg.resolve.quotes.link_quotes`). A pronoun speaker ("he added") is the named speaker of the
previous quoted statement when there is one.

>>> from kg.nlp import load_pipeline                                          # doctest: +SKIP
>>> from kg.extract import analyze                                            # doctest: +SKIP
>>> from kg.records import Document                                           # doctest: +SKIP
>>> text = '"We absolutely do not agree with such approaches," Putin said.'
>>> a = analyze(load_pipeline()(text), Document("d1", text))                  # doctest: +SKIP
>>> a.events[0].quotes[0].text, a.events[0].quotes[0].direct                 # doctest: +SKIP
('We absolutely do not agree with such approaches', True)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from kg.nlp.text import doc_text
from kg.records import EntityMention, EventMention, Quote

_OPEN = frozenset("“„«")
_CLOSE = frozenset("”»")
_STRAIGHT = '"'
_MARKS = _OPEN | _CLOSE | {_STRAIGHT}
#: a quote that never closes is given up after this many characters
_MAX_QUOTE = 4000
#: how far a speech verb may be from the quote it introduces (characters of the text between)
_MAX_GAP_BEFORE = 100
_MAX_GAP_AFTER = 160
#: a quote that fills at least this share of a reported clause is that clause's direct quote
_FILL = 0.75
_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})
_SENTENCE_END = re.compile(r"[.!?]\s")
_TRIM = " \t\n,;:—–-"
#: entity-mention types that a quote can be "about"
_TOPIC_TYPES = frozenset(
    {"PERSON", "COUNTRY", "ORGANIZATION", "PLACE", "NAMED_EVENT", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"}
)


@dataclass
class _Span:
    """A quoted (or reported) stretch of text: inner offsets and, for quotes, the marks around it."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    direct: bool
    event: int | None = None  # index of the statement it belongs to
    speaker: str | None = None


def quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """Quoted stretches of a text as ``(start, end, outer_start, outer_end)``, in text order.

    Curly and guillemet marks say which way they face; a straight ``"`` opens after a space or
    line start and closes otherwise. A quote left open at the end of a paragraph continues when the
    next paragraph opens with a quote mark (the English convention for quotes of several paragraphs).

    >>> t = 'He said: "One.\\n\\n"Two." Then "three".'
    >>> [t[s:e] for s, e, _, _ in quote_spans(t)]
    ['One.\\n\\n"Two.', 'three']
    """
    marks: list[tuple[int, bool]] = []  # (offset, opens)
    for i, ch in enumerate(text):
        if ch not in _MARKS:
            continue
        if ch in _OPEN:
            marks.append((i, True))
        elif ch in _CLOSE:
            marks.append((i, False))
        else:
            before = text[i - 1] if i else " "
            marks.append((i, before.isspace() or before in "([{—–-/:"))
    out: list[tuple[int, int, int, int]] = []
    pending: int | None = None
    for i, opens in marks:
        if pending is not None and i - pending > _MAX_QUOTE:
            pending = None
        if opens:
            if pending is None:
                pending = i
            elif "\n" in text[pending:i]:
                # the previous paragraph's quote never closed: it continues only if this mark opens its
                # paragraph, otherwise it is dropped and this one starts afresh
                line_start = text.rfind("\n", 0, i) + 1
                if text[line_start:i].strip():
                    pending = i
            elif text[i] == _STRAIGHT:
                out.append((pending + 1, i, pending, i + 1))
                pending = None
            # an opening curly mark inside an open quote: a typo or nesting; ignore it
        elif pending is not None:
            out.append((pending + 1, i, pending, i + 1))
            pending = None
    return out


def _quote_text(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The quote's text without surrounding punctuation, with its offsets.

    The text is the document's text between the offsets, except that the quote marks opening the
    continuation paragraphs of a quote of several paragraphs are left out.
    """
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    body = re.sub(r"(\n\s*)[“„«\"]", r"\1", text[start:end])
    return body, start, end


class _Attributor:
    def __init__(self, doc: Doc, mentions: Sequence[EntityMention], events: Sequence[EventMention]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.mentions = mentions
        self.events = events
        self.quotes = [_Span(s, e, os, oe, True) for s, e, os, oe in quote_spans(self.text)]
        # statements whose trigger is a speech verb, by index into events
        self.triggers: dict[int, Token] = {}
        for k, ev in enumerate(events):
            if ev.type != "STATEMENT":
                continue
            span = doc.char_span(ev.source.start, ev.source.end, alignment_mode="expand")
            if span is not None and span.root.pos_ in {"VERB", "AUX"}:
                self.triggers[k] = span.root

    # -- where things are ----------------------------------------------------------------------
    def _inside_quote(self, offset: int) -> bool:
        return any(q.outer_start <= offset < q.outer_end for q in self.quotes)

    def _reported(self, token: Token) -> list[tuple[int, int]]:
        """Character spans of what a speech verb reports: its clausal complements."""
        out: list[tuple[int, int]] = []
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        for clause in clauses:
            toks = [t for t in clause.subtree]
            while toks and (toks[0].dep_ == "mark" or toks[0].is_punct or toks[0].is_space):
                toks = toks[1:]
            while toks and (toks[-1].is_space or (toks[-1].is_punct and toks[-1].text not in _MARKS | {"”"})):
                toks = toks[:-1]
            if len(toks) >= 3:
                out.append((toks[0].idx, toks[-1].idx + len(toks[-1].text)))
        if not clauses and token.dep_ == "parataxis" and token.head.pos_ in {"VERB", "AUX"}:
            # "Moscow was against such policies, Putin said": the clause the verb comments on
            head = token.head
            toks = [t for t in head.subtree if t.i < token.left_edge.i]
            while toks and (toks[-1].is_punct or toks[-1].is_space):
                toks = toks[:-1]
            if len(toks) >= 3:
                out.append((toks[0].idx, toks[-1].idx + len(toks[-1].text)))
        return out

    def _gap_ok(self, gap: str, limit: int, colon_newline: bool = False) -> bool:
        if len(gap) > limit or any(ch in _MARKS for ch in gap):
            return False
        if colon_newline and gap.rstrip().endswith(":"):
            gap = gap.rstrip()
        if "\n" in gap:
            return False
        return not _SENTENCE_END.search(gap + " ")

    def _nearest_verb(self, q: _Span) -> int | None:
        best: tuple[int, int, int] | None = None  # (gap, direction, event)
        for k, tok in self.triggers.items():
            if self._inside_quote(tok.idx):
                continue
            if tok.idx >= q.outer_end:
                gap = self.text[q.outer_end : tok.idx]
                if self._gap_ok(gap, _MAX_GAP_BEFORE):
                    cand = (len(gap), 0, k)
                    best = cand if best is None or cand < best else best
            elif tok.idx + len(tok.text) <= q.outer_start:
                gap = self.text[tok.idx + len(tok.text) : q.outer_start]
                if self._gap_ok(gap, _MAX_GAP_AFTER, colon_newline=True):
                    cand = (len(gap), 1, k)
                    best = cand if best is None or cand < best else best
        return best[2] if best else None

    def _chain_ok(self, prev: _Span, q: _Span) -> bool:
        """Whether an unattributed quote continues the statement of the attributed quote before it."""
        gap_start, gap_end = prev.outer_end, q.outer_start
        if gap_end - gap_start > 300 or prev.event is None:
            return False
        for k, tok in self.triggers.items():
            if k != prev.event and gap_start <= tok.idx < gap_end:
                return False  # another statement in between
        own = {p.key for p in self.events[prev.event].participants}
        for n, m in enumerate(self.mentions):
            if gap_start <= m.start < gap_end and m.type in {"PERSON", "TITLE"} and f"@{n}" not in own:
                return False  # another person named in between ("Putin said. Lavrov ...")
        trig = self.triggers[prev.event]
        tail_from = (
            max(gap_start, trig.idx + len(trig.text)) if gap_start <= trig.idx < gap_end else gap_start
        )
        tail = self.text[tail_from:gap_end]
        return len(_SENTENCE_END.findall(tail + " ")) <= 1

    # -- speakers and topics -------------------------------------------------------------------
    def _speaker(self, k: int, previous: tuple[str, int] | None) -> str | None:
        """The statement's speaker; for "he added", the named speaker of the statement before.

        ``previous`` is that speaker's mention reference and the offset of its speech verb. It wins
        over the parser's antecedent unless another person is named (outside quotes) in between; an
        antecedent named inside a quote ('"I met Xi," he said') is never the speaker.
        """
        ev = self.events[k]
        speaker = next((p.key for p in ev.participants if p.role == "speaker"), None)
        tok = self.triggers.get(k)
        if tok is None or previous is None:
            return speaker
        subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subj and subj[0].lower_ in _PRONOUNS and subj[0].pos_ == "PRON":
            ref, since = previous
            between = [
                m
                for n, m in enumerate(self.mentions)
                if since < m.start < tok.idx
                and m.type == "PERSON"
                and f"@{n}" != ref
                and not self._inside_quote(m.start)
            ]
            ante = self.mentions[int(speaker[1:])] if speaker and speaker[1:].isdigit() else None
            if not between or ante is None or self._inside_quote(ante.start):
                return ref
        return speaker

    def _topics(self, start: int, end: int, speaker: str | None) -> tuple[str, ...]:
        out: list[str] = []
        for n, m in enumerate(self.mentions):
            ref = f"@{n}"
            if (
                start <= m.start
                and m.end <= end
                and m.type in _TOPIC_TYPES
                and ref != speaker
                and ref not in out
            ):
                out.append(ref)
        return tuple(out)

    # -- the whole document --------------------------------------------------------------------
    def attach(self) -> None:
        reported: list[_Span] = []
        for k, tok in self.triggers.items():
            for begin, finish in self._reported(tok):
                reported.append(_Span(begin, finish, begin, finish, False, k))
        kept_reported: list[_Span] = []
        for r in reported:
            assert r.event is not None
            if self._inside_quote(self.triggers[r.event].idx):
                # "..., President Putin in his address stated that ...," inside someone else's quote:
                # reported speech of its own, the quote around it is not the verb's
                kept_reported.append(r)
                continue
            overlapping = [q for q in self.quotes if q.outer_start < r.end and r.start < q.outer_end]
            if any(q.outer_start <= r.start and r.end <= q.outer_end + 1 for q in overlapping):
                # the reported clause is (part of) a quote: the quote is the statement's text
                for q in overlapping:
                    if q.event is None:
                        q.event = r.event
                continue
            if overlapping:
                # a quote that runs past the clause ("... are a 'stabilizing factor,'" adding) is in it
                r.start = r.outer_start = min(r.start, *(q.outer_start for q in overlapping))
                r.end = r.outer_end = max(r.end, *(q.outer_end for q in overlapping))
            filling = [q for q in overlapping if (q.end - q.start) >= _FILL * (r.end - r.start)]
            if filling:
                for q in filling:
                    if q.event is None:
                        q.event = r.event
                continue
            for q in overlapping:
                q.event = -1  # a quoted fragment of reported speech ("a 'stabilizing factor'")
            kept_reported.append(r)
        for q in self.quotes:
            if q.event is None and len(self.text[q.start : q.end].split()) >= 3:
                q.event = self._nearest_verb(q)
        prev: _Span | None = None
        for q in self.quotes:
            if (
                q.event is None
                and prev is not None
                and len(self.text[q.start : q.end].split()) >= 3
                and self._chain_ok(prev, q)
            ):
                q.event = prev.event
            if q.event is not None and q.event >= 0:
                prev = q
        spans = sorted(
            [q for q in self.quotes if q.event is not None and q.event >= 0] + kept_reported,
            key=lambda s: (s.start, s.end),
        )
        last_named: tuple[str, int] | None = None
        for s in spans:
            assert s.event is not None
            speaker = self._speaker(s.event, last_named)
            if speaker is not None and s.event in self.triggers:
                last_named = (speaker, self.triggers[s.event].idx)
            body, start, end = _quote_text(self.text, s.start, s.end)
            if not body:
                continue
            quote = Quote(
                text=body,
                start=start,
                end=end,
                direct=s.direct,
                speaker=speaker,
                topics=self._topics(start, end, speaker),
            )
            if quote not in self.events[s.event].quotes:
                self.events[s.event].quotes.append(quote)


def attach_quotes(doc: Doc, mentions: Sequence[EntityMention], events: Sequence[EventMention]) -> None:
    """Attach to each STATEMENT mention the quotes and reported speech of its speech verb (in place)."""
    if not any(ev.type == "STATEMENT" for ev in events):
        return
    _Attributor(doc, mentions, events).attach()


__all__ = ["attach_quotes", "quote_spans"]
