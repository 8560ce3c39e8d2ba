"""spaCy's AttributeRuler with its patterns compiled to table lookups: same output, a tenth of the cost.

The English models map tags to POS, morphology and a few lemmas with an AttributeRuler of ~180
one- and two-token patterns (``[{"TAG": "NNS"}]``, ``[{"LOWER": "'s", "TAG": "POS"}]``). spaCy runs
them through its general Matcher, a state machine that visits every pattern at every token:
about 3 ms of a 30 ms news article, a tenth of the whole model. Such patterns are only equality
tests on token attributes, so each can be found by one dictionary lookup per token on one of
its columns (``Doc.to_array``) and then checked in full. Patterns of any other shape (operators,
sets, regular expressions, extension attributes) keep spaCy's Matcher for the whole ruler.

Matches are returned exactly as :meth:`AttributeRuler.match` returns them (each ``(rule,
key, start, end)`` once, sorted by rule), and spaCy's own ``set_annotations`` applies them, so
later rules still win.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> ruler = nlp.add_pipe("kg_attribute_ruler")
>>> ruler.add([[{"LOWER": "who"}]], {"TAG": "WP"})
>>> [t.tag_ for t in nlp("Who knows?")]
['WP', '', '']
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_ALPHA, IS_DIGIT, IS_PUNCT, IS_SPACE, LEMMA, LOWER, NORM, ORTH, SHAPE, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc

#: token attributes a compiled pattern may test: string attributes (compared by hash) ...
_STRING_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "NORM": NORM, "TAG": TAG, "DEP": DEP,
                 "LEMMA": LEMMA, "SHAPE": SHAPE}  # fmt: skip
#: ... and lexical flags (compared as 0/1)
_FLAG_ATTRS = {"IS_SPACE": IS_SPACE, "IS_PUNCT": IS_PUNCT, "IS_ALPHA": IS_ALPHA, "IS_DIGIT": IS_DIGIT}
#: which test of a pattern's first token indexes it: the rarest kind of value (a word beats a tag)
_SELECTIVITY = {ORTH: 0, LOWER: 1, NORM: 2, LEMMA: 3, SHAPE: 4, DEP: 5, TAG: 6}


#: a test on one column: equal to a hash, in a set of hashes, not in one, or matching a regex
_EQ, _IN, _NOT_IN, _REGEX = range(4)
_Test = tuple[int, int, Any]  # (column, kind, payload)


@dataclass(frozen=True)
class _Rule:
    """One pattern of one rule: ``tests[k]`` are the tests token ``start + k`` must pass."""

    rule: int
    key: int
    tests: tuple[tuple[_Test, ...], ...]


@dataclass
class _Tables:
    """The compiled patterns: the columns to read, and the rules indexed by a test of their first token."""

    columns: list[int]
    by_first: dict[tuple[int, int], list[_Rule]]
    anywhere: list[_Rule]  # patterns whose first token has no equality or set test to index


class _Regex:
    """A regex test on a string attribute, its verdict cached per string hash (the vocabulary is
    finite, and most tokens are common words)."""

    def __init__(self, pattern: str, strings: Any) -> None:
        self.regex = re.compile(pattern)
        self.strings = strings
        self.verdicts: dict[int, bool] = {}

    def __call__(self, value: int) -> bool:
        verdict = self.verdicts.get(value)
        if verdict is None:
            verdict = self.verdicts[value] = bool(self.regex.search(self.strings[value]))
        return verdict


def _compile_token(spec: Any, vocab: Any, columns: dict[int, int]) -> tuple[_Test, ...] | None:
    """A token's pattern as column tests (the Matcher's semantics), or None if it needs the Matcher."""
    if not isinstance(spec, dict):
        return None
    tests: list[_Test] = []
    for name, value in spec.items():
        name = name.upper() if isinstance(name, str) else None
        if name in _FLAG_ATTRS and isinstance(value, bool):
            tests.append((columns.setdefault(_FLAG_ATTRS[name], len(columns)), _EQ, int(value)))
            continue
        if name not in _STRING_ATTRS:
            return None  # POS/MORPH ids, extensions, lengths, sentence starts: not compiled
        column = columns.setdefault(_STRING_ATTRS[name], len(columns))
        if isinstance(value, str):
            tests.append((column, _EQ, get_string_id(value)))
            continue
        if not isinstance(value, dict):
            return None
        for op, arg in value.items():
            if (
                op in ("IN", "NOT_IN")
                and isinstance(arg, list | tuple)
                and all(isinstance(v, str) for v in arg)
            ):
                tests.append(
                    (column, _IN if op == "IN" else _NOT_IN, frozenset(get_string_id(v) for v in arg))
                )
            elif op == "REGEX" and isinstance(arg, str):
                tests.append((column, _REGEX, _Regex(arg, vocab.strings)))
            else:
                return None  # FUZZY, IS_SUBSET, comparisons ...
    return tuple(tests)


def _index_keys(tests: tuple[_Test, ...], attr_of: dict[int, int]) -> list[tuple[int, int]]:
    """The lookup keys of a first token: those of its most selective equality or set-membership test."""
    usable = [t for t in tests if t[1] in (_EQ, _IN)]
    if not usable:
        return []
    column, kind, payload = min(usable, key=lambda t: (_SELECTIVITY.get(attr_of[t[0]], 9), t[1]))
    return [(column, payload)] if kind == _EQ else [(column, v) for v in sorted(payload)]


def compile_patterns(ruler: AttributeRuler) -> _Tables | None:
    """The ruler's patterns as lookup tables, or None when one of them needs the general Matcher."""
    columns: dict[int, int] = {}
    compiled: list[_Rule] = []
    for rule in range(len(ruler.attrs)):
        name = str(rule)
        found = ruler.matcher.get(name)
        if found is None:
            return None
        for pattern in found[1]:
            if not pattern:
                continue
            tests = [_compile_token(spec, ruler.vocab, columns) for spec in pattern]
            if any(t is None for t in tests):
                return None
            compiled.append(_Rule(rule, ruler.vocab.strings[name], tuple(t for t in tests if t is not None)))
    attr_of = {c: a for a, c in columns.items()}
    by_first: dict[tuple[int, int], list[_Rule]] = {}
    anywhere: list[_Rule] = []
    for r in compiled:
        keys = _index_keys(r.tests[0], attr_of)
        for key in keys:
            by_first.setdefault(key, []).append(r)
        if not keys:
            anywhere.append(r)
    return _Tables([attr_of[c] for c in range(len(columns))], by_first, anywhere)


def find_matches(tables: _Tables, doc: Doc) -> list[tuple[int, int, int, int]]:
    """``(rule, key, start, end)`` of every pattern match in the doc, each once, sorted."""
    n = len(doc)
    if n == 0 or not tables.columns:
        return []
    array: Any = doc.to_array(list[int | str](tables.columns))
    values: list[list[int]] = array.reshape(n, len(tables.columns)).T.tolist()
    found: set[tuple[int, int, int, int]] = set()
    by_first = tables.by_first
    for column, col_values in enumerate(values):
        for start, value in enumerate(col_values):
            rules = by_first.get((column, value))
            if rules:
                for r in rules:
                    if _holds(r, values, start, n):
                        found.add((r.rule, r.key, start, start + len(r.tests)))
    for r in tables.anywhere:
        for start in range(n):
            if _holds(r, values, start, n):
                found.add((r.rule, r.key, start, start + len(r.tests)))
    return sorted(found)


def _holds(r: _Rule, values: list[list[int]], start: int, n: int) -> bool:
    if start + len(r.tests) > n:
        return False
    for k, tests in enumerate(r.tests):
        for column, kind, payload in tests:
            v = values[column][start + k]
            if kind == _EQ:
                ok = v == payload
            elif kind == _IN:
                ok = v in payload
            elif kind == _NOT_IN:
                ok = v not in payload
            else:
                ok = payload(v)
            if not ok:
                return False
    return True


class CompiledAttributeRuler(AttributeRuler):
    """An AttributeRuler whose matching runs on compiled tables when its patterns allow it."""

    _tables: _Tables | None
    _compiled_for: tuple[Any, int] | None = None

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        # recompiled when patterns were added or cleared (``clear`` makes a new Matcher); the
        # Matcher itself is kept, not its id, which a new one could reuse
        done = self._compiled_for
        if done is None or done[0] is not self.matcher or done[1] != len(self.attrs):
            self._tables = compile_patterns(self)
            self._compiled_for = (self.matcher, len(self.attrs))
        if self._tables is None:
            return super().match(doc)  # type: ignore[no-any-return]
        return find_matches(self._tables, doc)


@Language.factory(
    "kg_attribute_ruler",
    default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}},
)
def make_compiled_attribute_ruler(
    nlp: Language, name: str, validate: bool, scorer: Callable[..., Any] | None
) -> CompiledAttributeRuler:
    """The ``attribute_ruler`` factory's arguments, building a :class:`CompiledAttributeRuler`."""
    return CompiledAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def compile_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap the pipeline's stock AttributeRuler for a compiled one with the same patterns.

    Returns False (and leaves the pipeline alone) when there is no such component or its patterns
    need spaCy's Matcher.
    """
    if name not in nlp.pipe_names:
        return False
    old = nlp.get_pipe(name)
    if type(old) is not AttributeRuler or compile_patterns(old) is None:
        return False
    new = nlp.replace_pipe(name, "kg_attribute_ruler", config={"validate": old.validate})
    new.add_patterns(old.patterns)  # type: ignore[attr-defined]
    return True
