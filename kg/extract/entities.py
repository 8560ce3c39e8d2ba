"""Entity mentions from a parsed document: clean spans, the titles people carry, title-only mentions.

Types stay close to what the NER or the gazetteer ruler said (PERSON, ORGANIZATION, COUNTRY, PLACE,
NAMED_EVENT from the ruler; ORG, GPE, LOC, FAC, NORP, EVENT from the statistical model); resolution
decides the final type with the gazetteer and the context.
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import lexicon
from kg.nlp.text import doc_text
from kg.records import EntityMention


def _name_words() -> dict[str, frozenset[str]]:
    import yaml

    from kg.config import data_path

    with data_path("name_words.yaml").open(encoding="utf-8") as handle:
        return {key: frozenset(words) for key, words in yaml.safe_load(handle).items()}


#: word lists of kg/data/name_words.yaml
_NAME_WORDS = _name_words()

#: NER labels kg keeps (the rest, dates and numbers, are not entities)
KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "COUNTRY", "ORGANIZATION", "PLACE", "NAMED_EVENT"}
)
_STRIP_LEFT = frozenset({"the", "The", "THE", "a", "an"})
_STRIP_RIGHT = frozenset({"'s", "’s", "'", "’", ",", ".", "-", "–", "—", ")", "(", '"', "“", "”"})
#: lowercase words a span may swallow at its end: "North and (South Korea)", "UNB news (agency)"
_STRIP_RIGHT_WORDS = frozenset({"and", "or", "news", "where", "when"})
_NOT_NAMES = re.compile(r"^[\W\d_]+$")

#: last words of a longer name that a country or city starts ("Bangladesh Nationalist Party",
#: "Warsaw Pact", "Dhaka University"): the gazetteer ruler tags the first word and the NER never
#: sees the whole name
ORG_HEADS = _NAME_WORDS["org_heads"]
PLACE_HEADS = _NAME_WORDS["place_heads"]
EVENT_HEADS = frozenset(
    {"Olympics", "Games", "Summit", "Forum", "Conference", "Cup", "Expo", "Championships"}
)
#: buildings named by a common noun after a state ("the Israeli Embassy"): not a name of their own
_NOT_BODY = frozenset({"embassy", "consulate", "mission", "house", "palace"})
#: compass words written in lower case before a region ("southeast Asian", "south Asia")
_COMPASS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"})
#: words of a title: "US President", "UN Secretary General" are a state and a title, not a name
_TITLE_WORDS = _NAME_WORDS["title_words"]


def _media_cues() -> tuple[re.Pattern[str], frozenset[str]]:
    import yaml

    from kg.config import data_path

    with data_path("media.yaml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    before = "|".join(re.escape(w) for w in data["before"])
    return re.compile(rf"\b(?:{before})\W*(?:\w+\W+){{0,2}}$", re.I), frozenset(data["name_words"])


#: words announcing a news outlet before its name, and words that make a name an outlet's name
_MEDIA_CUE, _MEDIA_WORDS = _media_cues()


def clean_span(span: Span) -> Span | None:
    """Drop determiners, possessive markers and punctuation at the edges of an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].text in _STRIP_LEFT or doc[start].is_punct or doc[start].is_space):
        start += 1
    # a sentence-initial word swallowed by the span: "Following Mbeki's visit" -> "Mbeki"
    while start < end - 1 and doc[start].pos_ in {"VERB", "ADP", "ADV", "SCONJ", "AUX", "PRON", "DET"}:
        start += 1
    # "148 World Trade Organisation members": a count before a name
    while start < end - 1 and doc[start].text.isdigit():
        start += 1
    # "the Action Congress (AC": an acronym's opening bracket left inside the span
    for i in range(start + 1, end):
        if doc[i].text == "(" and not any(t.text == ")" for t in doc[i:end]):
            end = i
            break
    while end > start and (
        doc[end - 1].text in _STRIP_RIGHT or doc[end - 1].is_space or doc[end - 1].text in _STRIP_RIGHT_WORDS
    ):
        end -= 1
    if start >= end:
        return None
    out = doc[start:end]
    if _NOT_NAMES.match(out.text) or len(out.text) < 2:
        return None
    return out


def _strip_common_nouns(span: Span) -> Span:
    """ "ZNA news agency", "the Hamas group": lowercase nouns the NER took in after a name."""
    end = span.end
    doc = span.doc
    while (
        end - 1 > span.start
        and doc[end - 1].is_lower
        and doc[end - 1].is_alpha
        and doc[end - 2].whitespace_
        and any(t.text[:1].isupper() for t in doc[span.start : end - 1])
        and doc[end - 2].lower_ not in {"of", "and", "for", "de"}
    ):
        end -= 1
    return doc[span.start : end]


def _merged_spans(doc: Doc) -> list[tuple[Span, str]]:
    """:func:`_repaired_spans`, computed once per document (mentions and acronyms both need them)."""
    cached = doc.user_data.get(_MERGED_KEY)
    if cached is None:
        cached = doc.user_data[_MERGED_KEY] = _repaired_spans(doc)
    return cached  # type: ignore[no-any-return]


_MERGED_KEY = "kg_merged_spans"


def _repaired_spans(doc: Doc) -> list[tuple[Span, str]]:
    """Entity spans with their labels, repaired where the NER or the gazetteer ruler cut a name.

    "Yury" (ORG) + "Ushakov" (PERSON) -> "Yury Ushakov" (PERSON): the small model often splits
    unfamiliar first names off as another type. "Bank of" + "Japan", "Bangladesh" + "Nationalist
    Party", "American Institute" + "in Taiwan (AIT)" become one name.
    """
    ents = [(e, e.label_) for e in doc.ents if e.label_ in KEPT_LABELS and any(c.isupper() for c in e.text)]
    ents = _acronym_spans(doc, ents)
    out: list[tuple[Span, str]] = []
    for span, label in ents:
        if out:
            prev, prev_label = out[-1]
            adjacent = prev.end == span.start and not doc[prev.end - 1].whitespace_.count("\n")
            if (
                adjacent
                and label == "PERSON"
                and prev_label in {"ORG", "GPE", "PERSON"}
                and (len(prev) == 1 and prev[0].is_title and prev[0].pos_ == "PROPN")
            ):
                out[-1] = (_drop_title_word(doc[prev.start : span.end]), "PERSON")
                continue
            if (
                adjacent
                and (
                    label in {"ORG", "ORGANIZATION"}
                    or (label == "FAC" and span.text.casefold() not in _NOT_BODY)
                )
                and prev_label in {"NORP", "GPE", "COUNTRY"}
                and (len(prev) == 1 and prev[0].text[:1].isupper())
            ):
                # "Peruvian Congress", "US House of Representatives": the state is part of the name
                out[-1] = (doc[prev.start : span.end], label)
                continue
            if (
                prev[0].text in {"St", "St.", "Saint"}
                and doc[span.start - 1].text in {"'s", "’s"}
                and prev.end in {span.start, span.start - 1}
                and span[-1].text in PLACE_HEADS | ORG_HEADS
            ):
                out[-1] = (doc[prev.start : span.end], "FAC")  # "St Margaret's Episcopal Church"
                continue
            joined = _join_of_phrase(prev, prev_label, span, label)
            if joined is not None:
                out[-1] = joined
                continue
        if label == "PERSON":
            span = _extend_name(_drop_title_word(span))
        else:
            span, label = _extend_to_head(span, label)
            while out and out[-1][0].end > span.start:
                out.pop()  # "Africa" of "Africa-France Summit"
            if (
                label in {"NORP", "LOC", "GPE"}
                and span.start > span.sent.start
                and doc[span.start - 1].text in _COMPASS
            ):
                span = doc[span.start - 1 : span.end]  # "southeast Asian": resolution decides
        out.append((span, label))
    return out


_ORG_LABELS = frozenset({"ORG", "ORGANIZATION", "FAC", "EVENT"})
_NAME_LABELS = frozenset({"COUNTRY", "GPE", "PLACE", "LOC", "ORG", "ORGANIZATION", "NORP"})


def _join_of_phrase(prev: Span, prev_label: str, span: Span, label: str) -> tuple[Span, str] | None:
    """An organization name the ruler cut at its last word: "Bank of" + "Japan", "National Council
    of Resistance of" + "Iran", or "Bank" + "of" + "Japan"."""
    doc = span.doc
    if label not in _NAME_LABELS or prev.sent.start != span.sent.start:
        return None
    if (
        prev.end == span.start
        and doc[prev.end - 1].lower_ in {"of", "for", "on", "in", "de"}
        and (prev_label in _ORG_LABELS or (prev_label in {"LOC", "GPE"} and doc[prev.end - 1].lower_ == "of"))
    ):
        # "Horn of" + "Africa", "Gulf of" + "Aden" too
        return doc[prev.start : span.end], "ORG" if prev_label == "ORGANIZATION" else prev_label
    if prev_label not in _ORG_LABELS:
        return None
    if (
        span.start == prev.end + 1
        and doc[prev.end].lower_ in {"of", "for", "on"}
        and doc[prev.end - 1].text in ORG_HEADS
        and prev_label in {"ORG", "ORGANIZATION"}
    ):
        return doc[prev.start : span.end], "ORG"
    return None


def _extend_to_head(span: Span, label: str) -> tuple[Span, str]:
    """A country or city that starts a longer name: "Bangladesh Nationalist Party", "Warsaw Pact",
    "Gaza Strip", "Beijing Olympics" (the head noun says which kind of name it is)."""
    if label not in {"COUNTRY", "PLACE", "GPE", "LOC", "ORGANIZATION", "ORG"}:
        return span, label
    doc = span.doc
    root = span.root
    head = root.head
    if root.dep_ != "compound" or head.i < span.end or head.i - span.end > 3 or _headline(span):
        return span, label
    for tok in doc[span.end : head.i + 1]:
        if (
            tok.ent_type_
            or not tok.text[:1].isupper()
            or tok.lower_ in _TITLE_WORDS
            or "\n" in doc[tok.i - 1].whitespace_
            or tok.is_sent_start
        ):
            return span, label
    word = head.text
    if word in ORG_HEADS:
        new = "ORG"
    elif word in PLACE_HEADS:
        new = "LOC"
    elif word in EVENT_HEADS:
        new = "EVENT"
    else:
        return span, label
    start = span.start
    # "the Alternative ASEAN Network": a modifier of the same head before the name
    while (
        start > span.sent.start
        and doc[start - 1].head.i == head.i
        and doc[start - 1].dep_ in {"amod", "compound"}
        and doc[start - 1].is_title
        and not doc[start - 1].ent_type_
        and not doc[start - 1].is_sent_start
        and doc[start - 1].lower_ not in _TITLE_WORDS
    ):
        start -= 1
    # "Africa-France Summit": a hyphenated pair of names before the head
    if start >= 2 and doc[start - 1].text in {"-", "–"} and not doc[start - 2].whitespace_:
        if doc[start - 2].text[:1].isupper() and not doc[start - 1].whitespace_:
            start -= 2
    return doc[start : head.i + 1], new


def _headline(span: Span) -> bool:
    """A title-case line ("China-Russia Alliance a 'Stabilizing Factor'") says little about names."""
    words = [t for t in span.sent if t.is_alpha and len(t) > 3 and not t.ent_type_]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) / len(words) > 0.6


def _drop_title_word(span: Span) -> Span:
    """ "Secretary of State Madeleine Albright": the NER took the title's last word into the name."""
    if len(span) < 2:
        return span
    titles = lexicon().titles
    doc = span.doc
    for n in (2, 3):
        start = span.start - n
        if start >= 0 and " ".join(t.lower_ for t in doc[start : span.start + 1]) in titles:
            return doc[span.start + 1 : span.end]
    return span


_ACRONYM_GLUE = frozenset(
    {"of", "for", "in", "on", "and", "the", "de", "du", "des", "la", "&", "-", "'s", "’s"}
)


#: where an acronym in brackets may stand: found in the text first, not by walking every token
_BRACKETED_ACRONYM = re.compile(r"\(\s*[A-Z]{2,8}\s*\)")


def _acronym_spans(doc: Doc, ents: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """A name followed by its acronym in brackets is one name however the NER cut it:
    "the American Institute in Taiwan (AIT)", "Bangladesh Nationalist Party (BNP)"."""
    found: list[Span] = []
    candidates = [doc.char_span(m.start(), m.start() + 1) for m in _BRACKETED_ACRONYM.finditer(doc_text(doc))]
    for tok in (c[0] for c in candidates if c is not None):
        if not (
            tok.text == "("
            and tok.i + 2 < len(doc)
            and doc[tok.i + 2].text == ")"
            and doc[tok.i + 1].text.isupper()
            and doc[tok.i + 1].text.isalpha()
            and 2 <= len(doc[tok.i + 1].text) <= 8
        ):
            continue
        acro = doc[tok.i + 1].text
        for start in range(tok.i - 1, max(tok.sent.start, tok.i - 10) - 1, -1):
            first = doc[start]
            if first.lower_ in _ACRONYM_GLUE or not first.text[:1].isupper():
                continue
            words = [t for t in doc[start : tok.i] if t.lower_ not in _ACRONYM_GLUE]
            if any(not t.text[:1].isupper() and not t.is_punct for t in words):
                break
            initials = "".join(t.text[0] for t in words if t.text[:1].isupper())
            if initials == acro:
                found.append(doc[start : tok.i])
                break
            if len(initials) >= len(acro):
                break
    if not found:
        return ents
    # "The American Institute": a determiner the NER took in does not count
    out = [(s[1:] if len(s) > 1 and s[0].lower_ == "the" else s, lab) for s, lab in ents]
    for host in found:
        inside = [(s, lab) for s, lab in out if host.start <= s.start and s.end <= host.end]
        partial = [
            s
            for s, _ in out
            if s.start < host.end and host.start < s.end and (s.start < host.start or s.end > host.end)
        ]
        if (
            partial
            or any(lab == "PERSON" for _, lab in inside)
            or (len(inside) == 1 and inside[0][0] == host)
        ):
            continue
        if not inside and len(host) < 2:
            continue
        label = inside[0][1] if len(inside) == 1 and inside[0][1] in {"ORG", "ORGANIZATION"} else "ORG"
        out = [e for e in out if e not in inside] + [(host, label)]
    out.sort(key=lambda e: e[0].start)
    return out


def _extend_name(span: Span) -> Span:
    """A person name cut short by a title match ("President Xi" + "Jinping") gets its last words back."""
    doc = span.doc
    end = span.end
    while (
        end < len(doc)
        and end - span.end < 2
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and not doc[end].ent_type_
        and "\n" not in doc[end - 1].whitespace_
        and not doc[end].is_sent_start
    ):
        end += 1
    return doc[span.start : end] if end != span.end else span


def title_phrase(span: Span) -> str | None:
    """The title a person mention carries: "Russian President", "Kremlin aide", "spokeswoman"."""
    lex = lexicon()
    doc = span.doc
    # pre-modifiers inside the noun phrase: "Chinese Foreign Ministry spokeswoman Hua Chunying"
    words: list[Token] = []
    i = span.start - 1
    while i >= max(span.sent.start, span.start - 9):
        tok = doc[i]
        if _inside_title(tok):
            words.insert(0, tok)
            i -= 1
            continue
        if tok.dep_ == "case" and i > span.sent.start and doc[i - 1].ent_type_ in _STATE_LABELS and words:
            # "Hong Kong's chief executive-designate": the state or body whose title it is
            first = i - 1
            while first > span.sent.start and doc[first].ent_iob_ == "I":
                first -= 1
            words[:0] = list(doc[first : i + 1])
            break
        if (
            tok.is_punct
            or tok.is_space
            or tok.dep_ in {"det", "poss", "case", "cc", "mark"}
            or tok.pos_ in {"VERB", "ADP", "AUX", "SCONJ", "CCONJ"}
            or tok.ent_type_ == "PERSON"  # another person's name: "Olusegun Obasanjo and (Mamadou Tandja)"
        ):
            break
        if tok.head.i < span.start - 10 or tok.head.i >= span.end + 3:
            break
        words.insert(0, tok)
        i -= 1
    while words and (words[0].text == "of" or words[0].text in {"-", "–"}):
        words.pop(0)
    phrase = "".join(t.text_with_ws for t in words).strip()
    if phrase and _has_title(phrase.lower(), lex.titles):
        return phrase
    # apposition: "Yury Ushakov, a Kremlin aide" / "Hua, the ministry's spokeswoman"
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.pos_ == "NOUN":
            sub = [t for t in child.subtree if t.dep_ not in {"det", "punct"} and t.i <= child.i]
            text = " ".join(t.text for t in sub)
            if _has_title(text.lower(), lex.titles):
                return text
    return None


_STATE_LABELS = frozenset({"GPE", "COUNTRY", "ORG", "ORGANIZATION", "NORP"})


def _inside_title(tok: Token) -> bool:
    """A hyphen inside a word ("executive-designate") or the "of" of a capitalised name ("Secretary of
    State", "House of Representatives Speaker"): part of the title before a name."""
    doc = tok.doc
    if tok.i == 0 or tok.i + 1 >= len(doc):
        return False
    before, after = doc[tok.i - 1], doc[tok.i + 1]
    if tok.text in {"-", "–"}:
        return not before.whitespace_ and not tok.whitespace_ and before.is_alpha and after.is_alpha
    return tok.lower_ == "of" and before.is_title and after.is_title and after.ent_type_ != "PERSON"


def _title_tail(text: str, titles: dict[str, str]) -> str | None:
    """The longest title ending ``text``: "party chief" -> "chief", "foreign minister" -> itself."""
    words = text.split()
    for n in range(len(words), 0, -1):
        tail = " ".join(words[-n:])
        if tail in titles:
            return tail
    return None


def _has_title(text: str, titles: dict[str, str]) -> bool:
    for words in (text.split(), text.replace("-", " ").split()):
        for n in (4, 3, 2, 1):
            for k in range(len(words) - n + 1):
                if " ".join(words[k : k + n]) in titles:
                    return True
    return False


def entity_mentions(doc: Doc, doc_id: str) -> list[EntityMention]:
    """Every entity mention kg keeps, in text order, with the title of each person."""
    text = doc_text(doc)
    mentions: list[EntityMention] = []
    for span, label in _merged_spans(doc):
        clean = clean_span(span)
        if clean is None:
            continue
        if label in {"ORG", "GPE", "LOC", "FAC"}:
            clean = _strip_common_nouns(clean)
        sent = clean.sent
        role = title_phrase(clean) if label == "PERSON" else None
        if label in {"ORG", "ORGANIZATION"} and (
            _MEDIA_WORDS & set(clean.text.split())
            or _MEDIA_CUE.search(text[max(sent.start_char, clean.start_char - 40) : clean.start_char])
        ):
            role = "media"
        mentions.append(
            EntityMention(
                doc_id=doc_id,
                start=clean.start_char,
                end=clean.end_char,
                text=clean.text,
                type=label,
                role=role,
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
            )
        )
    mentions.extend(_government_bodies(doc, doc_id, mentions))
    mentions.extend(_conjoined_people(doc, doc_id, mentions))
    mentions.extend(_surname_mentions(doc, doc_id, mentions))
    mentions.extend(_title_only_mentions(doc, doc_id, mentions))
    mentions.extend(_title_modifiers(doc, doc_id, mentions))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


#: particles of a name that never stand for the person alone ("al", "bin", "de", "van")
_NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "bint", "ibn", "abu", "abdel", "de", "da", "do", "dos", "das", "del", "della", "di"}
    | {"du", "van", "von", "der", "den", "la", "le", "st", "jr", "sr"}
)


def _fold(text: str) -> str:
    """Accent-, case-, space- and hyphen-free form of a name: one key for its spellings."""
    import unicodedata

    nfkd = unicodedata.normalize("NFKD", text)
    return "".join(c for c in nfkd if c.isalnum()).casefold()


def _bare_name(text: str) -> list[str]:
    """The words of a person's name without leading titles and honorifics."""
    lex = lexicon()
    words = text.split()
    while len(words) > 1:
        one, two = words[0].lower().strip("."), " ".join(words[:2]).lower()
        if two in lex.titles and len(words) > 2:
            words = words[2:]
        elif one in lex.titles or one in lex.honorifics:
            words = words[1:]
        else:
            break
    return words


def _short_forms(words: list[str]) -> list[tuple[str, bool]]:
    """The forms a story names a person by after the full name, with whether each is the given
    name position: the last word ("Mbeki", "Douste-Blazy"), the last two of a longer name ("Suu
    Kyi"), and the first word (the family name of "Tung Chee-hwa", the name of "Razali Ismail")."""
    if len(words) < 2:
        return []
    forms = [(words[-1], False), (words[0], True)]
    if len(words) > 2 and words[-2].lower() not in _NAME_PARTICLES:
        forms.append((" ".join(words[-2:]), False))
    return [
        (f, first)
        for f, first in forms
        if len(f) >= 3
        and f[:1].isupper()
        and f.replace(" ", "").replace("-", "").isalpha()
        and not f.isupper()
        and f.lower() not in _NAME_PARTICLES
        and f.lower() not in lexicon().titles
        and f.lower() not in lexicon().honorifics
        and f not in ORG_HEADS | PLACE_HEADS | EVENT_HEADS
    ]


def _conjoined_people(doc: Doc, doc_id: str, named: list[EntityMention]) -> list[EntityMention]:
    """An untagged two- or three-word proper name conjoined with a person is a person too:
    "joining Nigerian President Olusegun Obasanjo and Mamadou Tanjda of Niger"."""
    covered = {i for m in named for i in range(m.start, m.end)}
    out: list[EntityMention] = []
    for m in named:
        if m.type != "PERSON":
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        for tok in [c for c in root.children if c.dep_ == "conj"]:
            if tok.pos_ != "PROPN" or not tok.is_title or tok.ent_type_ in KEPT_LABELS or tok.idx in covered:
                continue
            start = tok.i
            while (
                start > tok.sent.start
                and doc[start - 1].head.i == tok.i
                and doc[start - 1].dep_ == "compound"
                and doc[start - 1].pos_ == "PROPN"
                and doc[start - 1].is_title
                and doc[start - 1].ent_type_ not in KEPT_LABELS  # "Mamadou" tagged CARDINAL
                and doc[start - 1].lower_ not in _TITLE_WORDS
            ):
                start -= 1
            name = doc[start : tok.i + 1]
            if not 2 <= len(name) <= 3 or any(t.idx in covered for t in name):
                continue
            out.append(
                EntityMention(
                    doc_id=doc_id,
                    start=name.start_char,
                    end=name.end_char,
                    text=name.text,
                    type="PERSON",
                    role=title_phrase(name),
                    sentence_start=name.sent.start_char,
                    sentence_end=name.sent.end_char,
                )
            )
            covered.update(range(name.start_char, name.end_char))
    return out


def _surname_mentions(doc: Doc, doc_id: str, named: list[EntityMention]) -> list[EntityMention]:
    """Later bare surnames of a person the text names in full: "United Nations envoy Razali Ismail
    said ... Razali welcomed ...". The NER misses many of them, and events then lose their speaker.

    A form shared by two persons of the text ("Chan" of Lien Chan and John Chan) is left alone, as
    is one inside a longer capitalised name ("Lee Kuan Yew" beside Martin Lee), a sentence-initial
    word the tagger does not take for a name ("Young people ..."), and a first name after an
    honorific ("Sheikh Mohammed" is not Mohammed ElBaradei)."""
    owners: dict[str, set[str]] = {}
    firsts: set[str] = set()
    for m in named:
        if m.type != "PERSON":
            continue
        words = _bare_name(m.text)
        for form, first in _short_forms(words):
            owners.setdefault(form, set()).add(_fold(" ".join(words)))
            if first:
                firsts.add(form)
    forms = {f: next(iter(o)) for f, o in owners.items() if len(o) == 1}
    if not forms:
        return []
    # the NER's "Obasanjo" (ORG) or "Mbeki" (GPE) after the full name: the person
    for i, m in enumerate(named):
        if m.type in {"ORG", "GPE", "LOC", "FAC", "NORP"} and m.text in forms:
            named[i] = dataclasses.replace(m, type="PERSON")
    text = doc_text(doc)
    covered = [(m.start, m.end) for m in named]
    titles, honorifics = lexicon().titles, lexicon().honorifics
    out: list[EntityMention] = []
    pattern = re.compile(
        r"(?<![\w\-'’])("
        + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        + r")(?![\w\-])"
    )
    for found in pattern.finditer(text):
        a, b = found.span()
        if any(s < b and a < e for s, e in covered):
            continue
        span = doc.char_span(a, b)
        if span is None or _headline(span):
            continue
        sent = span.sent
        prev = doc[span.start - 1] if span.start > sent.start else None
        nxt = doc[span.end] if span.end < sent.end else None
        if nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha:
            continue  # "Lee Kuan Yew"
        if (
            prev is not None
            and prev.text[:1].isupper()
            and prev.is_alpha
            and (prev.pos_ == "PROPN" or prev.ent_type_ or not prev.is_sent_start)
        ):
            word = prev.lower_.strip(".")
            if word not in titles and word not in honorifics:
                continue  # "Jacob Zuma" beside Nkosazana Dlamini-Zuma, "Hong Kong Lee"
            if found.group(1) in firsts:
                continue  # "Sheikh Mohammed"
        if any(t.ent_type_ for t in span):
            continue  # "in May" (a date) beside Theresa May
        initial = prev is None or prev.is_punct or prev.is_space
        if initial and span[0].pos_ != "PROPN":
            continue  # "Young people ...", "Rice production ..."
        out.append(
            EntityMention(
                doc_id=doc_id,
                start=a,
                end=b,
                text=span.text,
                type="PERSON",
                role=title_phrase(span),
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
            )
        )
        covered.append((a, b))
    return out


#: portfolios of a ministry named in lower case ("the foreign ministry", "ministry of industry and trade")
PORTFOLIOS = _NAME_WORDS["portfolios"]
_BODY_HEADS = frozenset({"ministry", "parliament"})


def _government_bodies(doc: Doc, doc_id: str, named: list[EntityMention]) -> list[EntityMention]:
    """Government bodies named by common nouns: "the foreign ministry", "Pakistan's foreign ministry",
    "the ministry of industry and trade", "the Turkish parliament" (a bare "the ministry" or "the
    parliament" is not a name). A demonym or country before the noun is part of the name, and its own
    mention is dropped from ``named``."""
    out: list[EntityMention] = []
    lowered = doc_text(doc).lower()
    if not any(head in lowered for head in _BODY_HEADS):
        return out  # most documents name no ministry or parliament: skip the walk over every token
    for tok in doc:
        if tok.lower_ not in _BODY_HEADS or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        first, portfolio, country = tok.i, False, False
        i = tok.i - 1
        while i >= tok.sent.start:
            t = doc[i]
            if t.lower_ in PORTFOLIOS and not portfolio and not country:
                portfolio, first = True, i
            elif t.dep_ == "case" and i > tok.sent.start and doc[i - 1].ent_type_ in {"GPE", "COUNTRY"}:
                pass  # "Pakistan's foreign ministry"
            elif t.ent_type_ in {"NORP", "GPE", "COUNTRY"} and not country:
                while i > tok.sent.start and doc[i].ent_iob_ == "I":
                    i -= 1
                country, first = True, i
            else:
                break
            i -= 1
        last = tok.i
        if tok.lower_ == "ministry" and not portfolio:
            of = [c for c in tok.rights if c.dep_ == "prep" and c.lower_ in {"of", "for"}]
            objs = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
            if objs and objs[0].lower_ in PORTFOLIOS:
                words = [t for t in objs[0].subtree if t.i > of[0].i]
                if all(t.is_lower or t.text in {",", "and"} for t in words):
                    last, portfolio = max(t.i for t in words), True
        if not (portfolio or (tok.lower_ == "parliament" and country)):
            continue
        span = doc[first : last + 1]
        a, b = span.start_char, span.end_char
        if any(m.start < b and a < m.end and not (a <= m.start and m.end <= b) for m in named):
            continue  # a name the NER or the gazetteer found around it
        named[:] = [m for m in named if not (a <= m.start and m.end <= b)]
        sent = span.sent
        out.append(EntityMention(doc_id, a, b, span.text, "ORG", None, sent.start_char, sent.end_char))
    return out


def _title_modifiers(doc: Doc, doc_id: str, named: list[EntityMention]) -> list[EntityMention]:
    """The demonym of a title the NER left untagged ("Lithuanian Prime Minister X"): a mention of
    the country, which resolution keeps only when the word is a known demonym."""
    covered = {m.start for m in named}
    out: list[EntityMention] = []
    for m in named:
        if m.type != "PERSON" or not m.role:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        first = span.start - len(m.role.split())
        if first < 0 or doc[first].text != m.role.split()[0]:
            continue
        tok = doc[first]
        if tok.is_title and not tok.ent_type_ and tok.idx not in covered and tok.pos_ in {"ADJ", "PROPN"}:
            sent = tok.sent
            out.append(
                EntityMention(
                    doc_id,
                    tok.idx,
                    tok.idx + len(tok.text),
                    tok.text,
                    "NORP",
                    None,
                    sent.start_char,
                    sent.end_char,
                )
            )
    return out


_TITLE_HEADS: dict[int, tuple[frozenset[str], np.ndarray]] = {}


def _title_heads(doc: Doc) -> tuple[frozenset[str], np.ndarray]:
    """Last words of the titles that may stand alone, and their hashes in the document's vocabulary."""
    key = id(doc.vocab)
    if key not in _TITLE_HEADS:
        lex = lexicon()
        heads = frozenset({t.split()[-1] for t in lex.resolvable_titles}) | {
            t.split()[-1] for t in lex.titles if " of " not in t and "-" not in t.split()[-1]
        }
        wanted = np.array(sorted(doc.vocab.strings.add(h) for h in heads), dtype=np.uint64)
        _TITLE_HEADS[key] = (heads, wanted)
    return _TITLE_HEADS[key]


def _title_only_mentions(doc: Doc, doc_id: str, named: list[EntityMention]) -> list[EntityMention]:
    """Noun phrases naming a person only by title: "the Chinese president", "Russia's foreign minister"."""
    lex = lexicon()
    covered = {i for m in named for i in range(m.start, m.end)}
    heads, wanted = _title_heads(doc)
    out: list[EntityMention] = []
    if not len(doc):
        return out
    # the few tokens that can head a title, found over the whole document at once
    lowers = doc.to_array([LOWER]).astype(np.uint64)
    for i in np.flatnonzero(np.isin(lowers, wanted)).tolist():
        token = doc[i]
        if token.pos_ not in {"NOUN", "PROPN"} or token.lower_ not in heads:
            continue
        if token.idx in covered:
            continue
        # no name follows or is attached ("President Xi" is a named mention)
        if any(c.dep_ in {"appos", "compound"} and c.ent_type_ == "PERSON" for c in token.children):
            continue
        if token.i + 1 < len(doc) and doc[token.i + 1].ent_type_ == "PERSON":
            continue
        mods = [c for c in token.lefts if c.dep_ in {"amod", "compound", "poss", "nmod"} and not c.is_punct]
        modifiers = [m for m in mods if m.ent_type_ in {"NORP", "GPE", "COUNTRY"} or m.lower_ == "foreign"]
        if not any(m.ent_type_ for m in modifiers):
            continue
        start = min([m.left_edge.i for m in mods] + [token.i])
        span = doc[start : token.i + 1]
        phrase = span.text
        title = " ".join(t.text for t in span if not t.ent_type_ and t.dep_ != "case").lower()
        if (
            title not in lex.resolvable_titles
            and token.lower_ not in lex.resolvable_titles
            and not _title_tail(title, lex.titles)
        ):
            continue  # any other title ("the US speaker") stands for a person the text names
        sent = span.sent
        out.append(
            EntityMention(
                doc_id=doc_id,
                start=span.start_char,
                end=span.end_char,
                text=phrase,
                type="TITLE",
                role=phrase,
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
            )
        )
    return out


def defined_acronyms(doc: Doc) -> dict[str, str]:
    """Acronyms the text defines: "the Shanghai Cooperation Organization (SCO)" -> {"SCO": "..."}."""
    out: dict[str, str] = {}
    for ent, _label in _merged_spans(doc):
        end = ent.end
        if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
            acro = doc[end + 1].text
            if acro.isupper() and 2 <= len(acro) <= 8:
                initials = "".join(w[0] for w in ent.text.split() if w[:1].isupper())
                if acro[0] == initials[:1] or acro in initials:
                    clean = clean_span(ent)
                    if clean is not None:
                        out[acro] = clean.text
    return out
