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


# ------------------------------------------------------------------ names the NER or the ruler cut
def test_country_or_city_starting_a_longer_name(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze(
        "The Veloria Nationalist Party won. Delegates of the former Warsaw Pact met at Quorin University."
    )
    labels = {e.label for e in r.entities}
    assert {"Warsaw Pact", "Veloria Nationalist Party"} <= labels
    assert "Warsaw" not in labels


def test_name_cut_before_its_last_word_or_acronym(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze(
        "The Bank of Japan kept rates. The Trade Office in Taiwan (TOT) said so, and the TOT agreed. "
        "Staff of the Northern Farmers Union (NFU) voted."
    )
    labels = {e.label for e in r.entities}
    assert "Bank of Japan" in labels
    office = entity(r, "Trade Office in Taiwan")
    assert "TOT" in office.aliases
    assert "Northern Farmers Union" in labels
    assert not any("(" in e.label for e in r.entities)


def test_counts_descriptors_and_words_around_names(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze(
        "Ministers of the 150 World Trade Organisation members met. The militant Hamas group and "
        "Hamas officials spoke, according to the private ZNA news agency. Israel bought F-16 jets."
    )
    labels = {e.label for e in r.entities}
    assert "World Trade Organization" in labels
    assert [e.label for e in r.entities if "Hamas" in e.label] == ["Hamas"]
    assert "ZNA" in labels
    assert not any(e.label.startswith("F-16") for e in r.entities)


def test_title_word_and_honorific_stay_out_of_the_name(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze("Secretary of State Darla Quennick met First Lady Maribel Ostrand.")
    labels = {e.label for e in r.entities}
    assert {"Darla Quennick", "Maribel Ostrand"} <= labels


# ------------------------------------------------------------- bodies, regions, capitals, continents
def test_government_bodies_named_in_lower_case(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze(
        "Pakistani Foreign Minister Ali Zarkon said talks went well, the foreign ministry said. "
        "The Turkish parliament approved the deal. Officials met at the ministry of industry and trade."
    )
    ministry = entity(r, "Ministry of Foreign Affairs of Pakistan")
    assert "foreign ministry" in ministry.aliases
    assert "Turkish parliament" in entity(r, "Parliament of Turkey").aliases
    assert "ministry of industry and trade" in entity(r, "Ministry of Industry and Trade").aliases
    assert not [e for e in r.entities if e.label in {"ministry", "parliament"}]


def test_lower_case_regions_capitals_and_ethnic_groups(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze(
        "Exports to southeast Asian countries grew. ASEAN met in the Malaysian capital. "
        "Ethnic Albanian rebels fought in the former Yugoslav republic."
    )
    labels = {e.label for e in r.entities}
    assert "Southeast Asia" in labels
    assert "Malaysian capital" in entity(r, "Kuala Lumpur").aliases
    assert "Malaysia" in labels  # the demonym still names the country
    assert "Yugoslavia" in labels
    assert "Albania" not in labels


def test_continent_demonyms_only_with_the_continent(analyze) -> None:  # type: ignore[no-untyped-def]
    with_continent = analyze("Africa faces drought. Millions of Africans need help.")
    assert "Africans" in entity(with_continent, "Africa").aliases
    assert len([e for e in with_continent.entities if e.type == "PLACE"]) == 1
    alone = analyze("Millions of Africans need help, officials at the Africa-France summit said.")
    assert not [e for e in alone.entities if e.label in {"Africa", "Africans"}]


# --------------------------------------------------------------------------- one entity per thing
def test_one_name_typed_twice_and_variants_sharing_an_acronym(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze(
        "The rally favoured the Velorian National Party (VNP). Later the Velorian Nationalist Party (VNP) "
        "denied it. The US Congress met; Congress later voted."
    )
    assert len([e for e in r.entities if "VNP" in e.aliases or e.label == "VNP"]) == 1
    assert len([e for e in r.entities if "Congress" in e.label or "Congress" in e.aliases]) == 1


def test_head_word_alone_and_different_first_names(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze(
        "The World Bank approved a loan. The Bank said more would follow. Anisur Karim and Ataur Karim spoke."
    )
    assert "Bank" in entity(r, "World Bank").aliases
    assert {"Anisur Karim", "Ataur Karim"} <= {e.label for e in r.entities}


def test_unknown_named_events_need_a_forum_head(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze("Police were mobilised for the New Year weekend, decades after Watergate.")
    assert not [e for e in r.entities if e.type == "NAMED_EVENT"]


def test_persons_known_by_title_and_accent_folded_surnames(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze("The Dalai Lama will come to the White House. Erdogan said Turkey agreed.", "2019-04-24")
    assert "Dalai Lama" in entity(r, "14th Dalai Lama").aliases
    assert "Erdogan" in entity(r, "Recep Tayyip Erdoğan").aliases


# ------------------------------------------------------------------ surnames after the full name
def _mentions(nlp, text: str):  # type: ignore[no-untyped-def]
    from kg.extract.entities import entity_mentions

    return entity_mentions(nlp(text), "t")


def test_bare_surnames_after_the_full_name_are_mentions(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze(
        "United Nations envoy Zarkan Melidor said Thursday the talks would resume soon.\n\n"
        "Melidor welcomed the decision of the regional bloc. But Melidor, the representative of the "
        "secretary-general, warned that progress would be slow.\n\nMelidor said the generals had not answered."
    )
    assert len(entity(r, "Zarkan Melidor").mentions) == 4


def test_surnames_the_ner_typed_as_places_become_people(nlp) -> None:  # type: ignore[no-untyped-def]
    ms = _mentions(
        nlp,
        "President Kwame Osabo will travel on Monday, joining President Tabor Ndilu and Mamadou Tenkra of "
        "Niger. Ndilu, who chairs the union, Osabo and Tenkra sought to break the deadlock.",
    )
    people = {m.text for m in ms if m.type == "PERSON"}
    assert {"Mamadou Tenkra", "Ndilu", "Osabo", "Tenkra"} <= people
    tenkra = next(m for m in ms if m.text == "Mamadou Tenkra")
    assert tenkra.role is None  # "President Tabor Ndilu and" is not his title


def test_shared_surnames_and_longer_names_are_left_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    ms = _mentions(
        nlp,
        "Premier Lien Vardan met Foreign Minister John Vardan in Taipei on Tuesday, and Vardan smiled.\n\n"
        "Party chairman Martin Quell arrived in Singapore, where Quell Kuan Yew received him.\n\n"
        "British Prime Minister Theresa May will visit Berlin in May, her office said.",
    )
    assert not [m for m in ms if m.text == "Vardan" and m.type == "PERSON"]
    assert not [m for m in ms if m.text == "Quell"]
    assert not [m for m in ms if m.text == "May"]


def test_titles_with_hyphens_possessors_and_of(nlp) -> None:  # type: ignore[no-untyped-def]
    ms = _mentions(
        nlp,
        "Macau's chief executive-designate Stanley Ho said on Friday he was disappointed. "
        "European Commission head Jose Manuel Barroso said the deal was good. "
        "US House of Representatives Speaker Newt Gingrich arrived, and Secretary of State Madeleine "
        "Albright will attend.",
    )
    roles = {m.text: m.role for m in ms if m.type == "PERSON"}
    assert roles["Stanley Ho"] == "Macau's chief executive-designate"
    assert roles["Jose Manuel Barroso"] == "European Commission head"
    assert roles["Newt Gingrich"] == "US House of Representatives Speaker"
    assert roles["Madeleine Albright"] == "Secretary of State"


# ------------------------------------------------------------------- titles standing for people
def _participants(result, type_: str) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[p.label for p in e.participants] for e in result.events if e.type == type_]


def test_title_only_mention_is_the_person_the_text_gives_that_title(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze(
        "US House of Representatives Speaker Norvin Taleb arrived in Taipei on Wednesday for a three-day "
        "visit.\n\nTaleb was then whisked away to the presidential office, where the US speaker met "
        "President Lee Teng-hui.",
        "1997-04-02",
    )
    assert any("Norvin Taleb" in ps for ps in _participants(r, "MEETING"))
    assert not any("United States" in ps for ps in _participants(r, "MEETING"))


def test_lede_title_is_the_person_the_next_sentence_names(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze(
        "Poland is seeking to boost exports of chemical products to Thailand, the Polish foreign minister "
        "said here Friday.\n\nMarek Zielny told reporters Poland's industrial base stood the nation in good "
        "stead.\n\nIt follows a visit to Thailand by the Polish Premier Wlodzimierz Cimoszewicz last year.",
        "1997-04-18",
    )
    assert _participants(r, "STATEMENT") == [["Marek Zielny"]]
    r = analyze(
        "US President Bill Clinton walked a delicate line Friday as he met Hong Kong's Democratic party chief "
        "amid warnings from China.\n\nThe White House downgraded the talks with Martin Lee to a casual "
        "drop-in by Clinton.",
        "1997-04-18",
    )
    assert ["Bill Clinton", "Martin Lee"] in _participants(r, "MEETING")


def test_past_titles_are_no_holder_of_the_day(analyze) -> None:  # type: ignore[no-untyped-def]
    r = analyze(
        "President George W. Bush praised the talks on Monday. Pope Benedict met the 38th US president "
        "in Rome on Tuesday.",
        "2007-01-02",
    )
    assert not any("George W. Bush" in ps for ps in _participants(r, "MEETING"))
