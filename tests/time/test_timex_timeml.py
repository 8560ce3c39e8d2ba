"""TimeML round trip, bad documents, the `kg timex` command and the shared-corpus floor."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import TimeMLError
from kg.time.timeml import read_timeml, tag_dir, tag_timeml

DATA = Path(__file__).resolve().parents[1] / "data" / "timeml"
TAG = re.compile(r"<[^>]+>")


def body(xml: str) -> str:
    return re.search(r"<TEXT>(.*?)</TEXT>", xml, re.S).group(1)  # type: ignore[union-attr]


def test_round_trip_keeps_text_and_everything_outside():
    raw = (DATA / "kg_synthetic_1.tml").read_text(encoding="utf-8")
    out = tag_timeml(raw, "kg_synthetic_1.tml")
    ET.fromstring(out.encode())  # well-formed
    assert TAG.sub("", body(out)) == TAG.sub("", body(raw))
    assert out.split("<TEXT>")[0] == raw.split("<TEXT>")[0]
    assert out.split("</TEXT>")[1] == raw.split("</TEXT>")[1]
    inner = body(out)
    assert "<EVENT" not in inner and 'value="2019-04-21"' in inner
    timexes = re.findall(r'<TIMEX3 tid="(t\d+)" type="(\w+)" value="([^"]+)"[^>]*>([^<]*)</TIMEX3>', inner)
    assert [t[0] for t in timexes] == [f"t{i}" for i in range(1, len(timexes) + 1)]
    got = {(t[3], t[2]) for t in timexes}
    assert {
        ("Sunday", "2019-04-21"),
        ("three years", "P3Y"),
        ("every year", "P1Y"),
        ("last week", "2019-W16"),
        ("Monday", "2019-04-29"),
    } <= got
    assert ("the end of June", "2019-06") in got
    assert "&amp;" in inner  # entities stay escaped


def test_te3input_and_tag_dir(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(DATA / "kg_synthetic_2.TE3input", src)
    shutil.copy(DATA / "kg_synthetic_1.tml", src)
    (src / "broken.tml").write_text("<TimeML><DOCID>x</DOCID><TEXT>Now</TimeML>", encoding="utf-8")
    (src / "nodct.tml").write_text("<TimeML><DOCID>y</DOCID><TEXT>Now.</TEXT></TimeML>", encoding="utf-8")
    (src / "empty.tml").write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2019-01-01">x</TIMEX3></DCT><TEXT> </TEXT></TimeML>',
        encoding="utf-8",
    )
    done, errors = tag_dir(src, tmp_path / "out")
    assert done == 2
    assert sorted(e.code for e in errors) == ["E300", "E301", "E302"]
    out = (tmp_path / "out" / "kg_synthetic_2.tml").read_text(encoding="utf-8")
    assert '<TIMEX3 tid="t1" type="DATE" value="2005-W48-WE">the weekend</TIMEX3>' in out
    assert 'value="2006-10-31"' in out


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("<TimeML><TEXT>Now</TEXT>", "E301"),
        ("<TimeML><TEXT>Now</TEXT></TimeML>", "E300"),
        ('<TimeML><DCT><TIMEX3 value="someday">x</TIMEX3></DCT><TEXT>Now</TEXT></TimeML>', "E300"),
        ('<TimeML><DCT><TIMEX3 value="2019-04-24">x</TIMEX3></DCT></TimeML>', "E302"),
        ('<TimeML><DCT><TIMEX3 value="2019-04-24">x</TIMEX3></DCT><TEXT>\n</TEXT></TimeML>', "E302"),
    ],
)
def test_bad_documents(raw, code):
    with pytest.raises(TimeMLError) as err:
        read_timeml(raw, "bad.tml")
    assert err.value.code == code and "bad.tml" in str(err.value)


def test_cli_dir(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(DATA / "kg_synthetic_1.tml", src)
    result = CliRunner().invoke(app, ["timex", str(src), str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "kg_synthetic_1.tml").exists()
    (src / "broken.tml").write_text("<TimeML>", encoding="utf-8")
    result = CliRunner().invoke(app, ["timex", str(src), str(tmp_path / "out2")])
    assert result.exit_code == 1 and "E301" in result.output
    assert (tmp_path / "out2" / "kg_synthetic_1.tml").exists()


def test_cli_text():
    runner = CliRunner()
    result = runner.invoke(
        app, ["timex", "--text", "Talks resume next week.", "--dct", "2019-04-24", "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows[0]["value"] == "2019-W18" and rows[0]["start"] == 13 and rows[0]["type"] == "DATE"
    result = runner.invoke(app, ["timex", "--text", "Talks resume next week.", "--dct", "2019-04-24"])
    assert result.exit_code == 0 and "2019-W18" in result.output
    result = runner.invoke(app, ["timex", "--text", "x", "--dct", "April"])
    assert result.exit_code == 2 and "E303" in result.output


def test_tbaq_test_split_floor(shared):
    shared("corpora", "timeml", "tbaq", "TimeBank")
    shared("eval", "score_timex.py")
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "bench" / "timex_eval.py"
    spec = importlib.util.spec_from_file_location("kg_bench_timex_eval", path)
    bench = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(bench)  # type: ignore[union-attr]
    res = bench.run(bench.split("test"), "tbaq-test")
    assert res["errors"] == []
    assert res["relaxed_f1"] >= 88
    assert res["value_f1"] >= 72
