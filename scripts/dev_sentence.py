"""Show the parse, mentions and event mentions of one text (development aid).

usage: python scripts/dev_sentence.py "TEXT" [PUBLISHED]
"""

import sys
from datetime import date

from kg.extract import analyze
from kg.nlp import load_pipeline
from kg.records import Document
from kg.resolve import resolve_document

text = sys.argv[1]
pub = date.fromisoformat(sys.argv[2]) if len(sys.argv) > 2 else date(2019, 4, 24)
doc = load_pipeline()(text)
for t in doc:
    print(f"{t.i:3} {t.text:15} {t.dep_:10} {t.head.i:3} {t.pos_:6} {t.tag_:5} {t.ent_type_}")
a = analyze(doc, Document("x", text, pub))
for k, m in enumerate(a.mentions):
    print("M", k, m.text, m.type, m.role)
for t in a.times:
    print("T", t.text, t.value)
for e in a.events:
    print(
        "E",
        e.type,
        e.trigger,
        [(p.label, p.role) for p in e.participants],
        e.place and e.place.label,
        e.time and e.time.value,
        e.status,
    )
r = resolve_document(a)
for e in r.events:
    print(
        "R",
        e.type,
        e.trigger,
        [(p.label, p.role) for p in e.participants],
        e.place and e.place.label,
        e.time and e.time.value,
        e.status,
    )
