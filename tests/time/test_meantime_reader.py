"""bench/meantime.py: MEANTIME-style CAT XML (a document written for this test) to TimeML."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from kg.time.timeml import read_timeml

BENCH = Path(__file__).resolve().parents[2] / "bench" / "meantime.py"

CAT = """<?xml version="1.0" ?><Document doc_id="42" doc_name="42_test" lang="en">
<token number="0" sentence="0" t_id="1">Envoys</token>
<token number="1" sentence="0" t_id="2">meet</token>
<token number="2" sentence="1" t_id="3">May</token>
<token number="3" sentence="1" t_id="4">2</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2019</token>
<token number="6" sentence="2" t_id="7">They</token>
<token number="7" sentence="2" t_id="8">met</token>
<token number="8" sentence="2" t_id="9">today</token>
<token number="9" sentence="2" t_id="10">.</token>
<token number="10" sentence="9" t_id="11">Later</token>
<token number="11" sentence="9" t_id="12">text</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="5" type="DATE" value="2019-05-02">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="6" type="DATE" value="2019-05-02">
<token_anchor t_id="9"/>
</TIMEX3>
</Markables>
</Document>
"""


def _reader():  # bench/ is not a package: load the module from its file
    spec = importlib.util.spec_from_file_location("meantime", BENCH)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_cat_xml_becomes_timeml(tmp_path):
    src = tmp_path / "42_test.xml"
    src.write_text(CAT, encoding="utf-8")
    name, doc = _reader().to_timeml(src)
    assert name == "42.tml"
    parsed = read_timeml(doc)
    assert parsed.docid == "42" and parsed.dct.isoformat() == "2019-05-02"
    body = doc[parsed.body_start : parsed.body_end]
    assert '<TIMEX3 tid="t5" type="DATE" value="2019-05-02">May 2, 2019</TIMEX3>' in body
    assert '<TIMEX3 tid="t6" type="DATE" value="2019-05-02">today</TIMEX3>.' in body
    assert "Later" not in body  # only the annotated first sentences are kept
