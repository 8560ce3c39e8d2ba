"""Event status from tense, modality and cue words; negated and hypothetical events are dropped.

The cue lists live in kg/data/status.yaml.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Token

from kg.extract.lexicon import Lexicon
from kg.records import TimeValue


def lemmas(token: Token) -> set[str]:
    """The lemma and the plain forms of a word (the small model's lemmatizer turns "hopes" into "hop")."""
    low = token.lower_
    forms = {token.lemma_.lower(), low}
    for suffix in ("s", "es", "ed", "d", "ing"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            forms.add(low[: -len(suffix)])
    return forms


def _aux_lemmas(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}


def is_dropped(trigger: Token, chain: Sequence[Token], lex: Lexicon) -> bool:
    """True for negated ("did not meet") and hypothetical ("if Putin meets", "could visit") events."""
    cues = lex.status
    negation = set(cues["negation"])
    hypo = cues["hypothetical"]
    for tok in chain[:4]:
        if tok.i != trigger.i and tok.pos_ == "NOUN" and tok.lemma_.lower() in cues["planned"]["nouns"]:
            break  # "has not responded to an invitation to visit Israel": the visit stays invited
        kids = list(tok.children)
        if any(c.dep_ == "neg" and c.lower_ in negation for c in kids):
            return True
        if any(c.dep_ == "det" and c.lower_ == "no" for c in kids) and tok.pos_ == "NOUN":
            return True
        if any(c.dep_ == "mark" and c.lower_ in hypo["markers"] for c in kids):
            return True
        if any(c.dep_ == "aux" and c.lower_ in hypo["auxiliaries"] for c in kids):
            return True
        if tok.i != trigger.i and lemmas(tok) & set(hypo["governing"]):
            return True
    return False


def event_status(
    trigger: Token, chain: Sequence[Token], lex: Lexicon, time: TimeValue | None, published: date | None
) -> str:
    """happened | planned | cancelled, from cue words on the trigger's governing chain and the date."""
    cues = lex.status
    cancelled = cues["cancelled"]
    planned = cues["planned"]
    for tok in chain[1:5]:
        lemma = tok.lemma_.lower()
        if lemma in cancelled["governing"]:
            particles = cancelled.get("particles", {}).get(lemma)
            if not particles or any(c.dep_ == "prt" and c.lower_ in particles for c in tok.children):
                if lemma not in cues["postponed"]["governing"]:
                    return "cancelled"
                return "planned"
    if any(c.lower_ in cancelled["modifiers"] for c in trigger.lefts):
        return "cancelled"
    # future: auxiliaries, "is to", governing verbs of intention, modifiers of nominal triggers
    for tok in chain[:5]:
        auxes = _aux_lemmas(tok)
        if auxes & set(planned["auxiliaries"]):
            return "planned"
        if "would" in auxes and tok.i == chain[0].i:
            return "planned"
        if tok.i != trigger.i and lemmas(tok) & set(planned["governing"]):
            if not (
                tok.lemma_.lower() in {"agree", "decide"} and tok.tag_ in {"VBD", "VBN"} and time is None
            ):
                return "planned"
        if tok.lemma_ == "be" and any(
            c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in tok.children
        ):
            return "planned"
        if tok.dep_ == "pobj" and tok.head.lower_ in planned["prepositions"]:
            return "planned"
        if tok.lower_ in planned["prepositions"] and tok.dep_ in {"prep", "advmod"}:
            return "planned"
        if tok.lower_ == "ahead":
            return "planned"
    if any(c.lower_ in planned["modifiers"] for c in trigger.lefts):
        return "planned"
    if trigger.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lower_ in {"is", "are", "am"} for c in trigger.children
    ):
        if time is not None and published is not None and time.begin is not None and time.begin > published:
            return "planned"
    if time is not None and published is not None and time.begin is not None and time.begin > published:
        return "planned"
    return "happened"
