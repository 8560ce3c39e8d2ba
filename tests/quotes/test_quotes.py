"""Who said what: quotes and reported speech attached to statements (real spaCy model, real store)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import kg
from kg.extract import analyze
from kg.extract.quotes import quote_spans
from kg.nlp import load_pipeline
from kg.records import Analysis, Document, EventMention, Quote


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_pipeline()


def _analyze(nlp, text: str) -> Analysis:  # type: ignore[no-untyped-def]
    return analyze(nlp(text), Document("t", text, date(2019, 4, 24)))


def _quotes(a: Analysis) -> list[tuple[EventMention, Quote]]:
    return [(ev, q) for ev in a.events for q in ev.quotes]


def _speaker(a: Analysis, q: Quote) -> str | None:
    return a.mentions[int(q.speaker[1:])].text if q.speaker else None


def _topics(a: Analysis, q: Quote) -> list[str]:
    return [a.mentions[int(t[1:])].text for t in q.topics]


def test_quote_spans_pair_marks_and_continue_paragraphs() -> None:
    text = 'He said: "One.\n\n"Two." Then “three” and «four».'
    assert [text[s:e] for s, e, _, _ in quote_spans(text)] == ['One.\n\n"Two.', "three", "four"]


def test_direct_quote_before_the_speech_verb_and_a_following_one(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "MOSCOW - Russian Foreign Minister Sergei Lavrov spoke to reporters on Monday. "
        '"We will not accept any ultimatum from NATO," Lavrov said. "Our position on Ukraine has not changed."'
    )
    a = _analyze(nlp, text)
    found = _quotes(a)
    assert [q.text for _, q in found] == [
        "We will not accept any ultimatum from NATO",
        "Our position on Ukraine has not changed.",
    ]
    for ev, q in found:
        assert ev.type == "STATEMENT" and ev.trigger == "said"
        assert q.direct and _speaker(a, q) == "Lavrov"
        assert text[q.start : q.end] == q.text
    assert _topics(a, found[0][1]) == ["NATO"]
    assert _topics(a, found[1][1]) == ["Ukraine"]


def test_direct_quote_after_a_colon(nlp) -> None:  # type: ignore[no-untyped-def]
    text = 'Russian President Vladimir Putin told reporters: "The Shanghai Cooperation Organization is a key platform."'
    a = _analyze(nlp, text)
    [(ev, q)] = _quotes(a)
    assert ev.trigger == "told" and q.direct
    assert q.text == "The Shanghai Cooperation Organization is a key platform."
    assert _speaker(a, q) == "Vladimir Putin"
    assert _topics(a, q) == ["Shanghai Cooperation Organization"]


def test_quote_of_several_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"We discussed trade. We also discussed security in Asia. This was useful," '
        "Russian Foreign Minister Sergei Lavrov said."
    )
    a = _analyze(nlp, text)
    [(_, q)] = _quotes(a)
    assert q.text == "We discussed trade. We also discussed security in Asia. This was useful"
    assert _speaker(a, q) == "Sergei Lavrov"


def test_quote_of_several_paragraphs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Chinese President Xi Jinping said in a speech in Beijing:\n\n"
        '"China will keep opening its economy to the world.\n\n'
        '"We welcome investors from Russia and the European Union."\n\nThe speech was broadcast live.'
    )
    a = _analyze(nlp, text)
    [(_, q)] = _quotes(a)
    assert q.text == (
        "China will keep opening its economy to the world.\n\n"
        "We welcome investors from Russia and the European Union."
    )
    assert q.direct and _speaker(a, q).endswith("Xi Jinping")
    assert _topics(a, q) == ["China", "Russia", "European Union"]


def test_consecutive_quoted_paragraphs_after_an_attribution(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"China will keep opening its economy," Chinese President Xi Jinping said in Beijing on Monday.\n\n'
        '"We welcome investors from Russia and the European Union. They will be treated fairly."\n\n'
        "Chinese Foreign Minister Wang Yi said the speech was important."
    )
    a = _analyze(nlp, text)
    assert [(_speaker(a, q), q.direct, q.text) for _, q in _quotes(a)] == [
        ("Xi Jinping", True, "China will keep opening its economy"),
        (
            "Xi Jinping",
            True,
            "We welcome investors from Russia and the European Union. They will be treated fairly.",
        ),
        ("Wang Yi", False, "the speech was important"),
    ]


def test_pronoun_speaker_is_the_named_speaker_before(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin on Monday. "
        '"Europe must stand together," Merkel said after the meeting. '
        '"We will defend the single market," she added.'
    )
    a = _analyze(nlp, text)
    found = _quotes(a)
    assert [q.text for _, q in found] == ["Europe must stand together", "We will defend the single market"]
    assert [_speaker(a, q) for _, q in found] == ["Merkel", "Merkel"]
    assert found[1][0].trigger == "added"


def test_pronoun_speaker_is_not_a_person_named_in_the_quote(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"We will not accept any ultimatum," said Russian Foreign Minister Sergei Lavrov. '
        '"I met Antony Blinken in Geneva and told him so," he added.'
    )
    a = _analyze(nlp, text)
    found = _quotes(a)
    assert [q.text for _, q in found] == [
        "We will not accept any ultimatum",
        "I met Antony Blinken in Geneva and told him so",
    ]
    assert [_speaker(a, q) for _, q in found] == ["Sergei Lavrov", "Sergei Lavrov"]
    assert _topics(a, found[1][1])[:1] == ["Antony Blinken"]


def test_pronoun_speaker_after_another_person_is_named(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Russian Foreign Minister Sergei Lavrov said Moscow wants peace. German Chancellor Angela Merkel met "
        'French President Emmanuel Macron in Berlin on Monday. "Europe must stand together," she said.'
    )
    a = _analyze(nlp, text)
    assert [(_speaker(a, q), q.text) for _, q in _quotes(a)] == [
        ("Sergei Lavrov", "Moscow wants peace"),
        ("Angela Merkel", "Europe must stand together"),
    ]


def test_reported_speech_is_the_complement_of_the_speech_verb(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Japanese Prime Minister Shinzo Abe emphasized that Japan and India share a vision of an open Indo-Pacific."
    a = _analyze(nlp, text)
    [(ev, q)] = _quotes(a)
    assert ev.trigger == "emphasized" and not q.direct
    assert q.text == "Japan and India share a vision of an open Indo-Pacific"
    assert _speaker(a, q) == "Shinzo Abe"
    assert {"Japan", "India"} <= set(_topics(a, q))


def test_quoted_fragment_stays_in_the_reported_speech(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Russian President Vladimir Putin argued that relations between Russia and China are a "
        '"stabilizing factor in global affairs."'
    )
    a = _analyze(nlp, text)
    texts = [q.text for _, q in _quotes(a)]
    assert len(texts) == 1
    assert (
        texts[0].startswith("relations between Russia and China are a") and "stabilizing factor" in texts[0]
    )


# -- the seeds: Putin's interview with People's Daily -------------------------------------------

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"


@pytest.fixture(scope="module")
def seeds_graph(tmp_path_factory):  # type: ignore[no-untyped-def]
    graph = kg.build([SEEDS], store=tmp_path_factory.mktemp("store"), progress=False)
    yield graph
    graph.close()


def test_interview_statement_carries_its_quotes(seeds_graph) -> None:  # type: ignore[no-untyped-def]
    statements = [
        e
        for e in seeds_graph.events()
        if e.type == "STATEMENT"
        and any("Putin" in p.label and p.role == "speaker" for p in e.participants)
        and any("People" in p.label and p.role == "audience" for p in e.participants)
    ]
    assert statements
    quotes = [q for e in statements for m in e.mentions for q in m.quotes]
    rows = seeds_graph.query(
        """PREFIX kg: <https://w3id.org/kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?text ?speaker ?direct ?start ?end ?doc WHERE {
          ?event a kg:Event ; kg:hasMention ?m . ?m kg:hasQuote ?q .
          ?event kg:participation ?p . ?p kg:actor/rdfs:label ?aud .
          FILTER(CONTAINS(?aud, "People"))
          ?q kg:quoteText ?text ; kg:speaker/rdfs:label ?speaker ; kg:direct ?direct ;
             kg:start ?start ; kg:end ?end ; kg:inDocument/kg:docId ?doc .
        }"""
    )
    texts = [r["text"] for r in rows] + [q.text for q in quotes]
    assert any("stabilizing factor" in t for t in texts)
    assert any("We absolutely do not agree" in t for t in texts)
    assert all("Putin" in r["speaker"] for r in rows if "We absolutely" in r["text"])
    direct = [r for r in rows if "We absolutely do not agree" in r["text"]]
    assert direct and all(r["direct"] is True for r in direct)
    assert all(r["start"] < r["end"] for r in rows)


def test_quotes_by_speaker_and_topic(seeds_graph) -> None:  # type: ignore[no-untyped-def]
    for topic in ("SCO", "Shanghai Cooperation Organization", "Q485207"):
        rows = seeds_graph.named("quotes_by_speaker", speaker="Putin", topic=topic)
        assert rows, topic
        assert all("Shanghai Cooperation" in r["topics"] for r in rows)
        assert any("United Nations" in r["quote"] and "BRICS" in r["quote"] for r in rows)
        assert {r["docId"] for r in rows} == {p.stem for p in SEEDS.glob("*.txt")}
        for r in rows:
            assert "Putin" in r["speakerLabel"] and r["start"] < r["end"]
            assert "People" in r["outlets"]


def test_quotes_by_speaker_outlet_filter(seeds_graph) -> None:  # type: ignore[no-untyped-def]
    every = seeds_graph.named("quotes_by_speaker", speaker="Putin")
    in_daily = seeds_graph.named("quotes_by_speaker", speaker="Putin", outlet="People's Daily")
    assert in_daily and len(in_daily) <= len(every)
    assert seeds_graph.named("quotes_by_speaker", speaker="Putin", outlet="no such outlet") == []
    assert seeds_graph.named("quotes_by_speaker", speaker="nobody at all") == []
