"""Entity resolution inside a document: aliases, coreference, type repair, roles in time."""

from __future__ import annotations


def entity(result, label):  # type: ignore[no-untyped-def]
    found = [e for e in result.entities if e.label == label]
    assert found, f"{label} not in {[e.label for e in result.entities]}"
    return found[0]


def test_surname_and_all_caps_join_the_full_name(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze("PUTIN: Vladimir Putin met reporters.\n\nPutin later said the talks went well.")
    putin = entity(r, "Vladimir Putin")
    assert {"PUTIN", "Putin"} <= set(putin.aliases)
    assert len([e for e in r.entities if e.type == "PERSON"]) == 1


def test_acronym_defined_in_the_text(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze("The Pacific Maritime Forum (PMF) met in Manila. Later the PMF issued a statement.")
    forum = [e for e in r.entities if "PMF" in e.aliases or e.label == "PMF"]
    assert len(forum) == 1
    assert len(forum[0].mentions) >= 2


def test_known_acronym_and_spelling_variants(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze("Russia backs the Shanghai Cooperation Organisation. The SCO summit opens soon.")
    sco = entity(r, "Shanghai Cooperation Organization")
    assert sco.type == "ORGANIZATION"
    assert len(sco.mentions) == 2


def test_demonym_stands_for_the_country(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze("The Russian side welcomed the proposal.")
    assert entity(r, "Russia").type == "COUNTRY"


def test_misspelling_close_to_a_known_name(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze("Russia resurged after the collapse of the Sovet Union.")
    assert "Sovet Union" in entity(r, "Soviet Union").aliases


def test_type_repair_from_the_gazetteer(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze("Putin spoke to Renmin Ribao about BRICS. Kremlin aide Yury Ushakov was present.")
    assert entity(r, "BRICS").type == "ORGANIZATION"
    assert entity(r, "People's Daily").type == "ORGANIZATION"
    assert entity(r, "Yury Ushakov").type == "PERSON"


def test_title_alone_resolves_to_the_holder_at_the_document_date(analyze) -> None:  # type: ignore[no-untyped-def]
    text = "The Russian president will travel to Paris."
    r2019 = analyze(text, "2019-04-24")
    r2009 = analyze(text, "2009-06-01")
    v2019 = [e for e in r2019.events if e.type == "VISIT"]
    v2009 = [e for e in r2009.events if e.type == "VISIT"]
    assert v2019 and v2019[0].participants[0].label == "Vladimir Putin"
    assert v2009 and v2009[0].participants[0].label == "Dmitry Medvedev"


def test_role_facts_from_titles(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze("Chinese Foreign Ministry spokeswoman Hua Chunying spoke. Kremlin aide Yury Ushakov agreed.")
    hua = entity(r, "Hua Chunying")
    assert any(f.role == "spokeswoman" for f in hua.roles)
    ushakov = entity(r, "Yury Ushakov")
    assert any(f.role == "aide" and f.of for f in ushakov.roles)


def test_unknown_person_merges_across_documents(analyze) -> None:  # type: ignore[no-untyped-def]
    from kg.resolve import merge_events  # noqa: F401  (the merge is by key)

    a = analyze("Envoy Zorblat Quennick arrived in Geneva on Monday.", doc_id="a")
    b = analyze("Zorblat Quennick met the press in Vienna.", doc_id="b")
    ka = {e.key for e in a.entities if e.label == "Zorblat Quennick"}
    kb = {e.key for e in b.entities if e.label == "Zorblat Quennick"}
    assert ka and ka == kb
