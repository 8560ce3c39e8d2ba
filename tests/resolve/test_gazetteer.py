"""The gazetteer data and its lookup API (kg.resolve.gazetteer)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import spacy
import yaml

from kg.records import ENTITY_TYPES
from kg.resolve.gazetteer import Gazetteer, entity_key, normalize_name, normalize_role

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
GAZ = ROOT / "kg" / "data" / "gazetteer"


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.default()


def one(g: Gazetteer, surface: str) -> str:
    found = g.lookup(surface)
    assert found, surface
    return found[0].key


# ------------------------------------------------------------------------------------- keys, names
def test_entity_key_and_normalize_name() -> None:
    assert entity_key("Vladimir Putin", "PERSON") == "person:vladimir-putin"
    assert entity_key("Côte d'Ivoire", "COUNTRY") == "country:cote-d-ivoire"
    assert entity_key("Shanghai Cooperation Organization", "ORGANIZATION", "Q485207") == "wd:Q485207"
    assert normalize_name("U.S.") == normalize_name("US") == "us"
    assert normalize_name("The Kremlin") == "kremlin"
    assert normalize_name("Côte d’Ivoire") == normalize_name("COTE D'IVOIRE")


def test_keys_unique_types_valid_and_references_resolve(g: Gazetteer) -> None:
    entries = g.entries()
    assert len({e.key for e in entries}) == len(entries)
    for e in entries:
        assert e.type in ENTITY_TYPES
        assert e.key == entity_key(e.label, e.type, e.wikidata) or e.key.startswith(
            entity_key(e.label, e.type, e.wikidata) + "--"  # namesakes of different countries
        )
        if e.country:
            assert g.get(e.country) is not None, (e.key, e.country)
        for r in e.roles:
            assert r.of is None or g.get(r.of) is not None, (e.key, r)
            assert r.start is None or r.end is None or r.start <= r.end, (e.key, r)


# -------------------------------------------------------------------------------------- alias kinds
def test_acronyms_and_spelling_variants(g: Gazetteer) -> None:
    sco = one(g, "Shanghai Cooperation Organization")
    assert one(g, "SCO") == sco
    assert one(g, "Shanghai Cooperation Organisation") == sco
    assert one(g, "Cooperation Organization of Shanghai") == sco
    assert g.get(sco).label == "Shanghai Cooperation Organization"
    assert g.get(one(g, "Group of Twenty")).label == "G20"
    assert g.get(one(g, "EAEU")).label == "Eurasian Economic Union"
    assert (
        g.get(one(g, "APEC")).label == "Asia-Pacific Economic Cooperation"
    )  # curated before the Secretariat
    assert g.get(one(g, "SPIEF")).type == "NAMED_EVENT"
    assert g.get(one(g, "Renmin Ribao")).label == "People's Daily"
    assert g.get(one(g, "People's Daily")).subtype == "newspaper"
    assert g.get(one(g, "China's foreign ministry")).label == "Ministry of Foreign Affairs of China"
    assert g.get(one(g, "Chinese Foreign Ministry")).label == "Ministry of Foreign Affairs of China"
    assert g.get(one(g, "Yuri Ushakov")).label == "Yury Ushakov"
    assert g.get(one(g, "the Kremlin")).type == "ORGANIZATION"


def test_countries_and_all_caps(g: Gazetteer) -> None:
    us = one(g, "United States")
    assert one(g, "U.S.") == one(g, "US") == one(g, "USA") == us
    assert g.get(one(g, "USSR")).label == "Soviet Union"
    assert g.get(one(g, "Cote d'Ivoire")).label == "Ivory Coast"
    assert g.get(one(g, "RUSSIAN FEDERATION")).label == "Russia"
    assert g.get(one(g, "PUTIN")).label == "Vladimir Putin"
    assert g.lookup("no such place anywhere") == []


def test_demonyms(g: Gazetteer) -> None:
    cases = {
        "Russian": "Russia",
        "Russians": "Russia",
        "Chinese": "China",
        "South African": "South Africa",
        "Ivorian": "Ivory Coast",
        "Cote d'Ivorians": "Ivory Coast",
        "French": "France",
        "US": "United States",
        "U.S.": "United States",
        "American": "United States",
        "Afghan": "Afghanistan",  # from CountryInfo's Nationality field
    }
    for word, country in cases.items():
        found = g.demonym(word)
        assert found is not None and found.label == country, word
    assert g.demonym("Martian") is None


# ------------------------------------------------------------------------------------ roles by date
def test_holder_by_date(g: Gazetteer) -> None:
    russia = one(g, "Russia")
    presidents = {y: g.holder("President", russia, date(y, 6, 1)) for y in (1995, 2005, 2010, 2019)}
    assert {y: e.label for y, e in presidents.items() if e} == {
        1995: "Boris Yeltsin",
        2005: "Vladimir Putin",
        2010: "Dmitry Medvedev",
        2019: "Vladimir Putin",
    }
    assert g.holder("premier", russia, date(2010, 6, 1)).label == "Vladimir Putin"
    assert g.holder("Prime Minister", russia, date(2019, 4, 24)).label == "Dmitry Medvedev"
    assert g.holder("foreign minister", russia, date(2019, 4, 24)).label == "Sergey Lavrov"
    china = one(g, "China")
    assert g.holder("president", china, date(2010, 1, 1)).label == "Hu Jintao"
    assert g.holder("president", china, date(2019, 4, 24)).label == "Xi Jinping"
    assert g.holder("Premier", china, date(2000, 1, 1)).label == "Zhu Rongji"
    assert g.holder("Emperor", china, date(2000, 1, 1)) is None
    poland = "country:poland"
    assert g.holder("foreign minister", poland, date(2003, 6, 1)).label == "Wlodzimierz Cimoszewicz"


def test_holder_skips_terms_of_unknown_start_against_dated_ones() -> None:
    from kg.resolve.gazetteer import GazEntry, Role

    def person(key: str, *roles: Role) -> GazEntry:
        return GazEntry(f"person:{key}", key.title(), "PERSON", roles=roles)

    fm = "Minister of Foreign Affairs"
    velnia = "country:velnia"
    a = person(
        "z",
        Role(fm, velnia, None, date(2000, 2, 1)),
        Role("Prime Minister", velnia, date(1996, 1, 1), date(1997, 12, 1)),
    )
    b = person("b", Role(fm, velnia, None, date(1998, 12, 1)))
    c = person("c", Role(fm, velnia, date(1995, 1, 1), None))
    day = date(1997, 4, 18)
    # a was prime minister that day; b's term may not have begun; c's did
    assert Gazetteer([a, b]).holder("foreign minister", velnia, day).key == "person:b"
    assert Gazetteer([a, b, c]).holder("foreign minister", velnia, day).key == "person:c"
    assert Gazetteer([a]).holder("foreign minister", velnia, day) is None


def test_roles_normalise() -> None:
    assert normalize_role("Premier") == normalize_role("Prime Minister") == "prime minister"
    assert normalize_role("Minister of Foreign Affairs") == normalize_role("foreign minister")
    assert normalize_role("Presidents") == "president"


def test_persons_carry_dated_roles(g: Gazetteer) -> None:
    putin = g.get("person:vladimir-putin")
    assert putin is not None and putin.country == one(g, "Russia")
    assert any(r.role == "President" and r.start == date(2012, 5, 7) and r.end is None for r in putin.roles)
    hua = g.get(one(g, "Hua Chunying"))
    assert hua.roles[0].of == one(g, "Ministry of Foreign Affairs of China")


# ------------------------------------------------------------------------------------------- QIDs
def test_qids_only_from_a_source(g: Gazetteer) -> None:
    with_qid = [e for e in g.entries() if e.wikidata]
    assert len(with_qid) > 500
    for e in with_qid:
        assert re.fullmatch(r"Q\d+", e.wikidata)
        assert e.qid_source, e.key
        assert e.key == f"wd:{e.wikidata}"
    curated = yaml.safe_load((GAZ / "curated.yaml").read_text("utf-8"))["entries"]
    for item in curated:
        if item.get("wikidata"):
            assert item.get("qid_source"), item["label"]
    assert g.get(one(g, "SCO")).wikidata == "Q485207"  # from supraverden
    assert g.get(one(g, "BRICS")).wikidata is None  # no source gave one


# ------------------------------------------------------------------------------------------ fuzzy
def test_fuzzy_misspellings(g: Gazetteer) -> None:
    assert g.fuzzy("Sovet Union").label == "Soviet Union"
    assert g.fuzzy("Mamadou Tanjda").label == "Mamadou Tandja"
    assert g.fuzzy("Vladmir Putin", "PERSON").label == "Vladimir Putin"
    assert g.fuzzy("Rusia") is None  # too short to risk
    assert g.fuzzy("Bahia cocoa zone") is None
    assert g.fuzzy("Soviet Union", "PERSON") is None  # type filter


# ------------------------------------------------------------------------------------ memberships
def test_memberships(g: Gazetteer) -> None:
    ms = g.memberships()
    assert ms and all(m.citation for m in ms)
    sco = one(g, "SCO")
    india = one(g, "India")
    assert india not in g.members(sco, date(2016, 1, 1))
    assert india in g.members(sco, date(2018, 1, 1))
    assert one(g, "Iran") in g.members(sco)
    brics = one(g, "BRICS")
    assert sorted(g.get(k).label for k in g.members(brics, date(2012, 1, 1))) == [
        "Brazil",
        "China",
        "India",
        "Russia",
        "South Africa",
    ]
    assert g.members(one(g, "Eurasian Economic Community"), date(2016, 1, 1)) == []
    un = one(g, "United Nations")
    assert one(g, "USSR") in g.members(un, date(1980, 1, 1))
    assert one(g, "USSR") not in g.members(un)
    assert one(g, "Russia") in g.members(un)
    for org in ("G20", "APEC", "ASEAN", "EAEU"):
        assert g.members(one(g, org)), org


# ---------------------------------------------------------------------------------------- places
def test_geonames_coordinates(g: Gazetteer) -> None:
    beijing = g.get(one(g, "Beijing"))
    assert (beijing.type, beijing.geonames) == ("PLACE", 1816670)
    assert beijing.lat == pytest.approx(39.9, abs=0.2) and beijing.lon == pytest.approx(116.4, abs=0.2)
    assert beijing.country == one(g, "China")
    moscow = g.get(one(g, "Moscow"))
    assert moscow.geonames == 524901
    assert moscow.lat == pytest.approx(55.75, abs=0.2) and moscow.lon == pytest.approx(37.6, abs=0.2)
    russia = g.get(one(g, "Russia"))
    assert russia.geonames == 2017370 and russia.lat is not None
    assert g.get(one(g, "West Africa")).type == "PLACE"


# ------------------------------------------------------------------------------------ spaCy ruler
def test_ruler_patterns(g: Gazetteer) -> None:
    pats = g.ruler_patterns()
    assert all(p["label"] in ENTITY_TYPES and isinstance(p["pattern"], str) for p in pats)
    surfaces = {p["pattern"] for p in pats}
    assert "SCO" in surfaces and "sco" not in surfaces
    assert "PUTIN" in surfaces and "Vladimir Putin" in surfaces
    nlp = spacy.blank("en")
    g.add_ruler(nlp)
    doc = nlp("PUTIN met Xi Jinping at the SCO summit in Moscow; sco is lowercase. The Kremlin said.")
    ents = {(e.text, e.label_, e.ent_id_) for e in doc.ents}
    assert ("PUTIN", "PERSON", "person:vladimir-putin") in ents
    assert ("SCO", "ORGANIZATION", one(g, "SCO")) in ents
    assert ("Moscow", "PLACE", "place:moscow") in ents
    assert not any(e.text == "sco" for e in doc.ents)


# ---------------------------------------------------------------------------------- reproducible
def test_build_is_reproducible(tmp_path: Path) -> None:
    sources = SHARED / "corpora" / "gazetteer-sources"
    if not sources.exists():
        pytest.skip("../shared/corpora/gazetteer-sources is not available")
    script = ROOT / "scripts" / "build_gazetteer.py"
    subprocess.run(
        [sys.executable, str(script), "--sources", str(sources), "--out", str(tmp_path)], check=True
    )
    assert (tmp_path / "entries.jsonl").read_bytes() == (GAZ / "entries.jsonl").read_bytes()


def test_data_is_sorted_and_compact() -> None:
    lines = (GAZ / "entries.jsonl").read_text("utf-8").splitlines()
    keys = [json.loads(line)["key"] for line in lines]
    assert keys == sorted(keys)
    assert (GAZ / "entries.jsonl").stat().st_size < 6_000_000
