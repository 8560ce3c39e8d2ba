"""Canonical lexical forms, so N-Quads are byte-identical whichever store or parser the terms crossed.

rdflib and Oxigraph write some literals differently (rdflib parses ``"1"^^xsd:decimal`` into
``"1.0"``, Oxigraph stores ``"1.0"`` as ``"1"``); kg writes and compares the XSD 1.1 canonical form.

>>> canonical_decimal("1.0"), canonical_decimal("0.80"), canonical_decimal("-0"), canonical_decimal("1E2")
('1', '0.8', '0', '100')
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

#: decimals kg writes are rounded to this many places (confidences, coordinates)
PLACES = Decimal("0.000001")


def canonical_decimal(text: str) -> str:
    """The XSD 1.1 canonical form of an xsd:decimal lexical value (unchanged when it is not one)."""
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        return text
    if not value.is_finite():
        return text
    if value == value.to_integral_value():
        return str(int(value))
    out = format(value, "f")
    return out.rstrip("0") if "." in out else out


def rounded_decimal(value: float) -> str:
    """A float as a canonical xsd:decimal rounded to :data:`PLACES` (no binary-float noise).

    >>> rounded_decimal(0.1 + 0.2), rounded_decimal(1.0), rounded_decimal(-0.0)
    ('0.3', '1', '0')
    """
    return canonical_decimal(format(Decimal(repr(float(value))).quantize(PLACES), "f"))
