"""Entity mentions from a parsed document: clean spans, the titles people carry, title-only mentions.

Types stay close to what the NER or the gazetteer ruler said (PERSON, ORGANIZATION, COUNTRY, PLACE,
NAMED_EVENT from the ruler; ORG, GPE, LOC, FAC, NORP, EVENT from the statistical model); resolution
decides the final type with the gazetteer and the context.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.extract.lexicon import lexicon
from kg.records import EntityMention

#: NER labels kg keeps (the rest, dates and numbers, are not entities)
KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "COUNTRY", "ORGANIZATION", "PLACE", "NAMED_EVENT"}
)
_STRIP_LEFT = frozenset({"the", "The", "THE", "a", "an"})
_STRIP_RIGHT = frozenset({"'s", "’s", "'", "’", ",", ".", "-", "–", "—", ")", "(", '"', "“", "”"})
_NOT_NAMES = re.compile(r"^[\W\d_]+$")


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
    while end > start and (doc[end - 1].text in _STRIP_RIGHT or doc[end - 1].is_space):
        end -= 1
    if start >= end:
        return None
    out = doc[start:end]
    if _NOT_NAMES.match(out.text) or len(out.text) < 2:
        return None
    return out


def _merged_spans(doc: Doc) -> list[tuple[Span, str]]:
    """Entity spans with their labels, joining a stray token to the person name it starts.

    "Yury" (ORG) + "Ushakov" (PERSON) -> "Yury Ushakov" (PERSON): the small model often splits
    unfamiliar first names off as another type.
    """
    ents = [(e, e.label_) for e in doc.ents if e.label_ in KEPT_LABELS]
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
                out[-1] = (doc[prev.start : span.end], "PERSON")
                continue
            if (
                adjacent
                and label in {"ORG", "ORGANIZATION"}
                and prev_label in {"NORP", "GPE", "COUNTRY"}
                and (len(prev) == 1 and prev[0].text[:1].isupper())
            ):
                # "Peruvian Congress", "US House of Representatives": the state is part of the name
                out[-1] = (doc[prev.start : span.end], label)
                continue
        if label == "PERSON":
            span = _extend_name(span)
        out.append((span, label))
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
    while i >= max(span.sent.start, span.start - 7):
        tok = doc[i]
        if (
            tok.is_punct
            or tok.is_space
            or tok.dep_ in {"det", "poss", "case"}
            or tok.pos_ in {"VERB", "ADP", "AUX"}
        ):
            break
        if tok.head.i < span.start - 10 or tok.head.i >= span.end + 3:
            break
        words.insert(0, tok)
        i -= 1
    phrase = " ".join(t.text for t in words)
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


def _has_title(text: str, titles: dict[str, str]) -> bool:
    words = text.replace("-", " - ").split()
    for n in (3, 2, 1):
        for k in range(len(words) - n + 1):
            if " ".join(words[k : k + n]).replace(" - ", "-") in titles:
                return True
    return False


def entity_mentions(doc: Doc, doc_id: str) -> list[EntityMention]:
    """Every entity mention kg keeps, in text order, with the title of each person."""
    text = doc.text  # spaCy rebuilds Doc.text on every access
    mentions: list[EntityMention] = []
    for span, label in _merged_spans(doc):
        clean = clean_span(span)
        if clean is None:
            continue
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
    mentions.extend(_title_only_mentions(doc, doc_id, mentions))
    mentions.extend(_title_modifiers(doc, doc_id, mentions))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


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


def _title_only_mentions(doc: Doc, doc_id: str, named: list[EntityMention]) -> list[EntityMention]:
    """Noun phrases naming a person only by title: "the Chinese president", "Russia's foreign minister"."""
    lex = lexicon()
    covered = {i for m in named for i in range(m.start, m.end)}
    out: list[EntityMention] = []
    for token in doc:
        if token.pos_ not in {"NOUN", "PROPN"} or token.lower_ not in {
            t.split()[-1] for t in lex.resolvable_titles
        }:
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
        start = min([m.i for m in mods] + [token.i])
        span = doc[start : token.i + 1]
        phrase = span.text
        title = " ".join(t.text for t in span if not t.ent_type_ and t.dep_ != "case")
        if title.lower() not in lex.resolvable_titles and token.lower_ not in lex.resolvable_titles:
            continue
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
    for ent in doc.ents:
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
