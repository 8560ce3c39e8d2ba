"""The tense of the clause around a character offset, from the parse (for anchoring dates)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_FUTURE_GOVERNORS = frozenset({"expect", "plan", "schedule", "due", "set", "intend", "prepare", "hope"})


def clause_tense(verb: Token) -> str | None:
    """past | present | future for a verb, looking at its auxiliaries and governing verbs."""
    cur = verb
    for _ in range(4):
        auxes = [c for c in cur.children if c.dep_ in {"aux", "auxpass"}]
        if any(a.lower_ in _FUTURE_AUX for a in auxes):
            return "future"
        if cur.lemma_ in _FUTURE_GOVERNORS and (
            cur.i != verb.i or any(c.dep_ == "xcomp" for c in cur.children)
        ):
            return "future"  # "(was) scheduled to meet on Saturday": a plan looks ahead
        if cur.lemma_ == "be" and any(c.dep_ == "xcomp" for c in cur.children) and cur.tag_ in {"VBZ", "VBP"}:
            return "future"
        if any(a.tag_ in {"VBD"} for a in auxes) or (cur.tag_ == "VBD" and not auxes):
            return "past"
        if any(a.lower_ in {"has", "have", "had"} for a in auxes):
            return "past"
        if cur.tag_ in {"VBZ", "VBP"} and not auxes:
            return "present"
        if cur.dep_ == "acl" and cur.tag_ == "VBN":
            return "past"  # "plans drawn up in September": a past participle clause
        if cur.dep_ in {"xcomp", "conj", "acl", "advcl", "pcomp"} and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    if verb.tag_ == "VBN":
        return "past"
    return None


def tense_at(doc: Doc, offset: int) -> str | None:
    """Tense of the clause that governs the token at a character offset."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span[0]
    for _ in range(6):
        if tok.pos_ in {"VERB", "AUX"}:
            return clause_tense(tok)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return None
