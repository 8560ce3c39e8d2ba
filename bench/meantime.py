"""Read MEANTIME (NewsReader, CC BY 4.0) CAT XML into TempEval-3 style TimeML, for scoring kg.time.

MEANTIME stores tokens and stand-off markables; :func:`to_timeml` lays the tokens out as text
(light detokenisation, one sentence a line) with inline TIMEX3 tags, and the document's
CREATION_TIME timex as the <DCT>. MEANTIME annotates time expressions only in the first sentences
(title, dateline and the first four of the body: sentence numbers 0-5), so only those are kept. Only used by bench/timex_eval.py ``--meantime``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

_NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = {"(", "$", "``"}
#: sentences 0..LAST_SENTENCE carry MEANTIME's TIMEX3 annotation
LAST_SENTENCE = 5


def meantime_files(root: Path) -> list[Path]:
    return sorted(root.glob("intra_cross-doc_annotation/*/*.xml"), key=lambda p: p.name)


def to_timeml(path: Path) -> tuple[str, str] | None:
    """(file name, TimeML string) of one MEANTIME document; None without a creation time."""
    root = ET.parse(path).getroot()
    tokens = [(t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]
    markables = root.find("Markables")
    dct = None
    opens: dict[str, list[str]] = {}
    closes: dict[str, int] = {}
    for tx in markables.iter("TIMEX3") if markables is not None else []:
        ids = [a.get("t_id", "") for a in tx.iter("token_anchor")]
        if not ids:
            continue
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = tx.get("value")
        attrs = (
            f'tid="t{tx.get("m_id")}" type="{tx.get("type")}" value="{html.escape(tx.get("value") or "")}"'
        )
        opens.setdefault(ids[0], []).append(f"<TIMEX3 {attrs}>")
        closes[ids[-1]] = closes.get(ids[-1], 0) + 1
    if not dct or not re.fullmatch(r"\d{4}-\d\d-\d\d", dct):
        return None
    out: list[str] = []
    prev_sent, prev_tok = None, ""
    for tid, sent, word in tokens:
        if sent > LAST_SENTENCE:
            break
        if prev_sent is not None:
            if sent != prev_sent:
                out.append("\n")
            elif word not in _NO_SPACE_BEFORE and prev_tok not in _NO_SPACE_AFTER:
                out.append(" ")
        out.extend(opens.get(tid, []))
        out.append(html.escape(word, quote=False))
        out.append("</TIMEX3>" * closes.get(tid, 0))
        prev_sent, prev_tok = sent, word
    docid = root.get("doc_id", path.stem)
    doc = (
        f'<?xml version="1.0" ?>\n<TimeML>\n<DOCID>{docid}</DOCID>\n'
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" functionInDocument="CREATION_TIME">{dct}'
        f"</TIMEX3></DCT>\n<TEXT>{''.join(out)}</TEXT>\n</TimeML>\n"
    )
    return f"{docid}.tml", doc


def write_timeml(root: Path, out_dir: Path) -> list[Path]:
    """Convert every English MEANTIME document under ``root`` into ``out_dir``; the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for p in meantime_files(root):
        conv = to_timeml(p)
        if conv is None:
            continue
        name, doc = conv
        (out_dir / name).write_text(doc, encoding="utf-8")
        written.append(out_dir / name)
    return written
