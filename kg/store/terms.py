"""Conversions between rdflib terms, pyoxigraph terms, N-Triples text and plain Python values.

Kept in one module so every backend turns results into the same Python values.

>>> from rdflib import Literal, URIRef
>>> nt(Literal('say "hi"\\n'))
'"say \\\\"hi\\\\"\\\\n"'
>>> to_python(Literal("2019-04-24", datatype=XSD.date))
datetime.date(2019, 4, 24)
>>> to_python(URIRef("https://w3id.org/kg/id/e/putin"))
'https://w3id.org/kg/id/e/putin'
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

_XSD = str(XSD)
_INT_TYPES = {
    _XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOAT_TYPES = {_XSD + "decimal", _XSD + "double", _XSD + "float"}
_NOT_IN_IRI = re.compile(r'[<>"{}|^`\\ \n\r\t]')
_BACKSLASH_U = re.compile(r"((?:\\\\)+)([uU])")
_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
)


def nt(term: Node) -> str:
    """The N-Triples (and SPARQL) form of an rdflib term; safe to embed in N-Quads or SPARQL."""
    if isinstance(term, URIRef):
        iri = str(term)
        if _NOT_IN_IRI.search(iri):
            raise ValueError(f"not a valid IRI: {iri!r}")
        return f"<{iri}>"
    if isinstance(term, Literal):
        body = str(term).translate(_ESCAPES)
        if "\\" in body:
            # a SPARQL processor may expand \uXXXX anywhere in the query text before parsing it
            # (rdflib does): write the "u" of an escaped backslash + "u" as \U00000075 so it cannot
            body = _BACKSLASH_U.sub(
                lambda m: m.group(1) + ("\\U00000075" if m.group(2) == "u" else "\\U00000055"), body
            )
        text = f'"{body}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype and str(term.datatype) != _XSD + "string":
            return f"{text}^^<{term.datatype}>"
        return text
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"cannot write {term!r} as N-Triples")


def nquads(quads: Any) -> str:
    """N-Quads text of (s, p, o, g) rdflib quads."""
    return "".join(f"{nt(s)} {nt(p)} {nt(o)} {nt(g)} .\n" for s, p, o, g in quads)


def to_ox(term: Node) -> Any:
    """The pyoxigraph term of an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    raise TypeError(f"cannot convert {term!r} to pyoxigraph")


def from_ox(term: Any) -> Node | None:
    """The rdflib term of a pyoxigraph term (None stays None)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD + "string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"cannot convert {term!r} to rdflib")


def to_term(value: Any) -> Node:
    """An rdflib term for a Python value given as a query binding (terms pass through).

    >>> to_term(3)
    rdflib.term.Literal('3', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer'))
    """
    if isinstance(value, Node):
        return value
    if isinstance(value, bool):
        return Literal(value)
    if isinstance(value, int | float | Decimal | date | datetime):
        return Literal(value)
    if isinstance(value, str):
        return Literal(value)
    raise TypeError(f"cannot bind {type(value).__name__} value {value!r}")


def to_python(term: Node | None) -> Any:
    """A plain Python value for a result term: str, int, float, bool, date, datetime, IRI str, None."""
    if term is None:
        return None
    if isinstance(term, Literal):
        dt = str(term.datatype) if term.datatype else None
        lex = str(term)
        try:
            if dt in _INT_TYPES:
                return int(lex)
            if dt in _FLOAT_TYPES:
                return float(lex)
            if dt == _XSD + "boolean":
                return lex.strip() in ("true", "1")
            if dt == _XSD + "date":
                return date.fromisoformat(lex)
            if dt == _XSD + "dateTime":
                return datetime.fromisoformat(lex.replace("Z", "+00:00"))
        except ValueError:
            return lex
        return lex
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)
