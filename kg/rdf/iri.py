"""Minting IRIs: any key (document id, entity key, event key) becomes a valid, stable IRI.

Why here and not inline: the pipeline, the resolver and the query room must agree on IRIs, and two
different keys must never share one. A key made only of ``[A-Za-z0-9._-]`` is kept as it is (readable
IRIs); any other key is cleaned to a slug and gets ``~`` plus a hash of the exact key, so the
mapping stays injective (``~`` never appears in a kept key).

>>> slug("afp.com-20190424")
'afp.com-20190424'
>>> slug("Putin meets Xi.txt")
'Putin-meets-Xi.txt~84d4635099d6ed87'
>>> str(entity_iri("wd:Q7747"))
'https://w3id.org/kg/id/entity/Q7747'
>>> str(entity_iri("person:vladimir-putin"))
'https://w3id.org/kg/id/entity/person/vladimir-putin'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib.term import URIRef

from kg.rdf.namespaces import KGR

_SAFE = re.compile(r"[A-Za-z0-9._-]+")
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9._-]+")
_QID = re.compile(r"Q[1-9][0-9]*")
#: longest slug kept before it is cut (and hashed)
MAX_SLUG = 80


def key_hash(*parts: object, length: int = 16) -> str:
    """A short, stable hex hash of some values (``repr`` of each, NUL-separated).

    >>> key_hash("a", 1) == key_hash("a", 1) != key_hash("a", "1")
    True
    """
    data = "\x00".join(repr(p) for p in parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:length]


def slug(key: str) -> str:
    """A path segment for ``key``: the key itself when it is safe, else a cleaned slug + ``~hash``.

    >>> slug("a/b") != slug("a-b") and slug("a b") != slug("a-b")
    True
    >>> slug("")[:1]
    '~'
    """
    if _SAFE.fullmatch(key) and key not in (".", "..") and len(key) <= MAX_SLUG:
        return key
    ascii_text = unicodedata.normalize("NFKD", key).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE_RUN.sub("-", ascii_text).strip("-.")[:MAX_SLUG].strip("-.")
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{cleaned}~{digest}"


def doc_iri(doc_id: str) -> URIRef:
    """The IRI of a source document.

    >>> str(doc_iri("a1"))
    'https://w3id.org/kg/id/doc/a1'
    """
    return URIRef(f"{KGR}doc/{slug(doc_id)}")


def doc_graph(doc_id: str) -> URIRef:
    """The named graph holding everything derived from one document.

    >>> str(doc_graph("a1"))
    'https://w3id.org/kg/id/graph/doc/a1'
    """
    return URIRef(f"{KGR}graph/doc/{slug(doc_id)}")


def entity_iri(key: str) -> URIRef:
    """The IRI of a resolved entity: ``wd:Q..`` -> ``entity/Q..``; ``type:name`` -> ``entity/type/name``.

    A key without a colon goes under ``entity/~/`` so it never collides with a typed key.

    >>> str(entity_iri("country:France"))
    'https://w3id.org/kg/id/entity/country/France'
    >>> str(entity_iri("Q5"))
    'https://w3id.org/kg/id/entity/~/Q5'
    """
    prefix, sep, name = key.partition(":")
    if sep and prefix == "wd" and _QID.fullmatch(name):
        return URIRef(f"{KGR}entity/{name}")
    if sep:
        return URIRef(f"{KGR}entity/{slug(prefix)}/{slug(name)}")
    return URIRef(f"{KGR}entity/~/{slug(key)}")


def event_iri(key: str) -> URIRef:
    """The IRI of a merged (cross-document) event; the key is the resolver's.

    >>> str(event_iri("e3f1"))
    'https://w3id.org/kg/id/event/e3f1'
    """
    return URIRef(f"{KGR}event/{slug(key)}")


def sentence_iri(doc_id: str, start: int, end: int) -> URIRef:
    """The IRI of a sentence, from its document and character offsets.

    >>> str(sentence_iri("a1", 0, 13))
    'https://w3id.org/kg/id/doc/a1/sentence/0-13'
    """
    return URIRef(f"{doc_iri(doc_id)}/sentence/{int(start)}-{int(end)}")


def mention_iri(doc_id: str, start: int, end: int) -> URIRef:
    """The IRI of an entity mention, from its document and character offsets.

    >>> str(mention_iri("a1", 0, 5))
    'https://w3id.org/kg/id/doc/a1/mention/0-5'
    """
    return URIRef(f"{doc_iri(doc_id)}/mention/{int(start)}-{int(end)}")


def event_mention_iri(doc_id: str, local_id: str) -> URIRef:
    """The IRI of an event mention: its document + its ``local_id`` (stable inside the document).

    >>> str(event_mention_iri("a1", "ev1"))
    'https://w3id.org/kg/id/doc/a1/event/ev1'
    """
    return URIRef(f"{doc_iri(doc_id)}/event/{slug(local_id)}")


def part_iri(parent: URIRef, kind: str, *content: object) -> URIRef:
    """The IRI of a node that belongs to another one (participation, quote, status record ...).

    Minted from the parent IRI and a hash of the node's content, so no blank node is ever needed.

    >>> str(part_iri(URIRef("https://w3id.org/kg/id/event/e1"), "participation", "host", "wd:Q148"))[:46]
    'https://w3id.org/kg/id/event/e1/participation/'
    """
    return URIRef(f"{parent}/{kind}/{key_hash(*content)}")


def membership_iri(org_key: str, member_key: str, *content: object) -> URIRef:
    """The IRI of a membership (reference data): organization, member and a hash of the rest.

    >>> str(membership_iri("wd:Q458", "wd:Q142")).startswith("https://w3id.org/kg/id/membership/")
    True
    """
    return URIRef(f"{KGR}membership/{key_hash(org_key, member_key, *content)}")
