"""Pieces of the self-contained HTML exports: bundled assets and safely embedded JSON.

Data from articles goes into the page only as JSON inside ``<script type="application/json">``
with ``<``, ``>``, ``&`` and the JS line separators escaped, so no text can close the block or
open a tag; the page scripts read it back with ``JSON.parse(el.textContent)``.

>>> json_script({"label": "</script><script>alert(1)</script>"}, "kg-data")
'<script type="application/json" id="kg-data">{"label":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}</script>'
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

ASSETS = Path(__file__).parent / "assets"

_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_for_html(data: Any) -> str:
    """Compact, deterministic JSON safe to place inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _ESCAPES[m.group(0)], text)


def json_script(data: Any, element_id: str) -> str:
    """A ``<script type="application/json">`` block holding ``data``."""
    return f'<script type="application/json" id="{html.escape(element_id)}">{json_for_html(data)}</script>'


@cache
def asset(name: str) -> str:
    """A bundled asset (kg/export/assets/) as text, without its source-map comment."""
    text = (ASSETS / name).read_text(encoding="utf-8")
    return re.sub(r"\n?//# sourceMappingURL=\S+\s*$", "\n", text)


def inline_script(code: str) -> str:
    """A ``<script>`` element with ``code``; refuses code that would end the element early."""
    if re.search(r"</script|<!--", code, re.IGNORECASE):
        raise ValueError("script text contains '</script' or '<!--'")
    return f"<script>{code}</script>"


def inline_style(css: str) -> str:
    if re.search(r"</style", css, re.IGNORECASE):
        raise ValueError("style text contains '</style'")
    return f"<style>{css}</style>"


def escape(text: str) -> str:
    """HTML-escape text for element content and attribute values."""
    return html.escape(text, quote=True)


def fill_template(name: str, parts: dict[str, str]) -> str:
    """An asset page template with each ``{{key}}`` replaced by its (already escaped) part."""
    return re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], asset(name))
