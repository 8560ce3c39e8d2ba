"""Article text and metadata out of an HTML page (lxml): scripts, styles, navigation and footers
dropped, one paragraph per block element.

>>> page = extract_html("<html><head><title>T</title><script>alert(1)</script></head>"
...     "<body><nav>Home</nav><p>Putin met <b>Xi</b>.</p><p>Talks went well.</p></body></html>")
>>> page.text, page.title
('Putin met Xi.\\n\\nTalks went well.', 'T')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lhtml

#: elements whose content is never article text
DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
)
#: elements that start a new paragraph
BLOCKS = {
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "figure", "figcaption", "address", "hr",
}  # fmt: skip
#: meta names/properties carrying the publication date, most specific first
DATE_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "date",
)  # fmt: skip
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


@dataclass
class Page:
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None


def _meta(root: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        content = m.get("content")
        if key and content and key not in out:
            out[key] = content.strip()
    return out


def extract_html(markup: str) -> Page:
    """The text, title, publication date (as written) and canonical URL of an HTML page."""
    markup = _XML_DECL.sub("", markup, count=1)
    if not markup.strip():
        return Page(text="")
    try:
        root = lhtml.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return Page(text="")
    meta = _meta(root)
    title_el = root.find(".//title")
    title = title_el.text_content() if title_el is not None else None
    title = title or meta.get("og:title")
    published = next((meta[k] for k in DATE_META if meta.get(k)), None)
    if published is None:
        for t in root.iter("time"):
            if t.get("itemprop") == "datePublished" or t.get("pubdate") is not None:
                published = t.get("datetime") or t.text_content()
                break
    url = meta.get("og:url")
    for link in root.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            url = link.get("href")
            break

    etree.strip_elements(root, etree.Comment, *DROP, with_tail=False)
    body = root.find(".//body")
    scope = root.find(".//article")
    if scope is None:
        scope = root.find(".//main")
    if scope is None or not scope.text_content().strip():
        scope = body if body is not None else root
    for el in scope.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in BLOCKS:
            el.text = "\n\n" + (el.text or "")
            el.tail = "\n\n" + (el.tail or "")
        elif el.tag == "br":
            el.tail = "\n" + (el.tail or "")
        elif el.tag in ("td", "th"):
            el.tail = " " + (el.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in scope.text_content().split("\n"))
    paragraphs: list[str] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    return Page(text="\n\n".join(paragraphs), title=title, published=published, url=url)
