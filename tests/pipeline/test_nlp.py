"""kg's own spaCy components: the gazetteer ruler and the paragraph boundaries."""

from __future__ import annotations

import warnings

import spacy

from kg.nlp.pipeline import PARAGRAPHS_NAME, RULER_FACTORY, RULER_NAME, GazetteerRuler, paragraph_boundaries


def test_the_gazetteer_ruler_is_spacys_entity_ruler(nlp) -> None:  # type: ignore[no-untyped-def]
    ruler = nlp.get_pipe(RULER_NAME)
    assert isinstance(ruler, GazetteerRuler) and len(ruler) > 10_000
    assert nlp.pipe_names.index(RULER_NAME) < nlp.pipe_names.index("ner")
    doc = nlp("Putin met BRICS leaders and the SCO in Beijing.")
    ents = {e.text: (e.label_, e.ent_id_) for e in doc.ents}
    assert ents["SCO"] == ("ORGANIZATION", "wd:Q485207")


def test_an_empty_gazetteer_ruler_still_warns() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(RULER_FACTORY)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        nlp("Nothing to match.")
    assert any("W036" in str(w.message) for w in caught)
    ruler.add_patterns([{"label": "ORG", "pattern": "BRICS"}])  # type: ignore[attr-defined]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert [e.text for e in nlp("BRICS leaders").ents] == ["BRICS"]
    assert not any("W036" in str(w.message) for w in caught)


def test_line_breaks_start_sentences() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe(PARAGRAPHS_NAME)
    doc = nlp("MOSCOW, March 3 -\nRussia said.\nThe talks\n\nended. A b \n")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["MOSCOW", "Russia", "The", "ended"]
    assert paragraph_boundaries(nlp.make_doc("")) is not None and paragraph_boundaries(nlp.make_doc("\n"))


def test_phrase_patterns_do_not_grow_the_pipelines_vocabulary() -> None:
    nlp = spacy.blank("en")
    before = len(nlp.vocab)
    ruler = nlp.add_pipe(RULER_FACTORY, config={"phrase_matcher_attr": "ORTH"})
    ruler.add_patterns(  # type: ignore[attr-defined]
        [
            {"label": "ORG", "pattern": "Zorblax Cooperation Council", "id": "org:zcc"},
            {"label": "GPE", "pattern": "Quuxland", "id": "gpe:q"},
        ]
    )
    assert len(nlp.vocab) == before  # the pattern words live in the ruler's own vocabulary
    doc = nlp("Quuxland joined the Zorblax Cooperation Council (zorblax cooperation council).")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("Quuxland", "GPE", "gpe:q"),
        ("Zorblax Cooperation Council", "ORG", "org:zcc"),
    ]
    assert nlp.tokenizer.vocab is nlp.vocab  # the pipeline's tokenizer is back


def test_a_lower_case_gazetteer_ruler_matches_any_case() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(RULER_FACTORY, config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns([{"label": "ORG", "pattern": "Zorblax Council"}])  # type: ignore[attr-defined]
    assert [e.text for e in nlp("the ZORBLAX council met").ents] == ["ZORBLAX council"]
