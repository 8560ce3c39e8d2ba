"""Event mentions from the dependency parse: trigger, participants with roles, place, time, status.

Triggers come from kg/data/triggers.yaml through a spaCy ``Matcher`` on lemma and part of speech.
Arguments are read off the parse around the trigger (subject, objects, "with"/"to"/"in" phrases,
possessors, the subject of a light verb for nominal triggers), never from mere co-occurrence in the
sentence. Participants refer to entity mentions by index (``"@3"``); resolution links them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from spacy.attrs import LEMMA
from spacy.tokens import Doc, Token

from kg.extract.lexicon import Trigger, lexicon
from kg.extract.status import event_status, is_dropped
from kg.nlp.text import doc_text
from kg.records import EntityMention, EventMention, Participant, Span, TimeValue

#: prepositions that order two events in time (the time of one is not the time of the other)
#: nouns for unnamed speakers: "a Thai official said", "diplomats said"
_ANONYMOUS = frozenset({"official", "source", "diplomat", "analyst", "observer", "aide", "insider"})
#: gatherings at which other meetings take place ("talks at a summit held in X")
_GATHERINGS = frozenset({"summit", "conference", "forum", "session", "gathering", "assembly"})
_MEET_VERBS = frozenset({"meet", "meets", "met"})
_SEQUENCE_PREPS = frozenset({"following", "after", "before", "ahead", "since", "prior", "until", "pending"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj"})
_PERSONAL = frozenset({"he", "she", "him", "his", "her", "hers"})
#: words that mark a person as a woman, in the title or just before the name
_FEMALE_CUES = ("woman", "mrs", "ms.", "ms ", "madame", "madam", "queen", "princess", "lady", "chairwoman")
_ARG_SKIP_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "punct", "cc", "det"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC", "PLACE", "COUNTRY"})
_ACTOR_TYPES = frozenset({"PERSON", "ORG", "ORGANIZATION", "GPE", "COUNTRY", "NORP", "TITLE"})
_GROUP_NOUNS = frozenset(
    {
        "leader",
        "leaders",
        "official",
        "officials",
        "delegation",
        "delegations",
        "representative",
        "representatives",
        "minister",
        "ministers",
        "counterpart",
        "counterparts",
        "government",
        "head",
        "heads",
        "envoy",
        "envoys",
        "president",
        "premier",
        "chief",
        "side",
        "ambassador",
        "ambassadors",
        "diplomat",
        "diplomats",
        "team",
        "negotiators",
        "spokesman",
        "spokeswoman",
        "foreign minister",
    }
)


class MentionIndex:
    """Find the entity mention covering a token, and mentions inside a token range."""

    def __init__(self, doc: Doc, mentions: Sequence[EntityMention]) -> None:
        self.mentions = mentions
        self.by_token: dict[int, int] = {}
        for k, m in enumerate(mentions):
            tok = doc.char_span(m.start, m.end, alignment_mode="expand")
            if tok is None:
                continue
            for i in range(tok.start, tok.end):
                self.by_token.setdefault(i, k)

    def at(self, token: Token) -> int | None:
        return self.by_token.get(token.i)


@dataclass(frozen=True)
class _TriggerTable:
    """The lexicon's trigger lemmas as vocabulary hashes, for a vectorised scan of a document."""

    lemmas: np.ndarray  # hashes of every trigger lemma (the last word of a multi-word trigger)
    #: lemma hash -> multi-word triggers ending in it: (preceding lower-case words, full lemma)
    multi: dict[int, list[tuple[tuple[str, ...], str]]]


_TRIGGER_POS = {"VERB": frozenset({"VERB"}), "NOUN": frozenset({"NOUN", "PROPN"})}
_TABLES: dict[int, _TriggerTable] = {}


def _trigger_table(doc: Doc) -> _TriggerTable:
    key = id(doc.vocab)
    if key not in _TABLES:
        strings = doc.vocab.strings
        hashes: set[int] = set()
        multi: dict[int, list[tuple[tuple[str, ...], str]]] = {}
        for lemma, _pos in lexicon().triggers:
            *before, last = lemma.split()
            h = strings.add(last)
            hashes.add(h)
            if before:
                multi.setdefault(h, []).append((tuple(before), lemma))
        _TABLES[key] = _TriggerTable(np.array(sorted(hashes), dtype=np.uint64), multi)
    return _TABLES[key]


def trigger_tokens(doc: Doc) -> list[tuple[Token, Trigger]]:
    """Trigger tokens of the document with their lexicon entries (lemma and part of speech).

    The lemmas are compared as hashes over the whole document at once (``Doc.to_array``): walking
    every token in Python cost more than the rest of event extraction.
    """
    if not len(doc):
        return []
    lex = lexicon()
    table = _trigger_table(doc)
    lemmas = doc.to_array([LEMMA]).astype(np.uint64)
    found: list[tuple[Token, Trigger]] = []
    for i in np.flatnonzero(np.isin(lemmas, table.lemmas)).tolist():
        token = doc[i]
        for pos, tags in _TRIGGER_POS.items():
            if token.pos_ not in tags:
                continue
            trig = lex.trigger(token.lemma_, pos)
            for before, lemma in table.multi.get(int(lemmas[i]), []):
                words = tuple(t.lower_ for t in doc[max(0, i - len(before)) : i])
                if words == before and lex.trigger(lemma, pos) is not None:
                    trig = lex.trigger(lemma, pos)
            if trig is not None:
                found.append((token, trig))
                break
    return found


def governors(token: Token) -> list[Token]:
    """The chain of heads that govern a trigger inside its clause (expected -> to meet, plans -> to visit)."""
    chain = [token]
    cur = token
    while cur.head.i != cur.i and len(chain) < 8:
        dep = cur.dep_
        if dep == "acl" and cur.tag_ == "VBN":
            break  # "plans drawn up by X during their meeting": a past participle clause of its own
        cur = cur.head
        chain.append(cur)
        if dep in _CLAUSE_DEPS:
            break
    return chain


def clause_chain(token: Token) -> list[Token]:
    """Like :func:`governors` but without the head of an embedding clause (its time is its own)."""
    chain = [token]
    cur = token
    while cur.head.i != cur.i and len(chain) < 8 and cur.dep_ not in _CLAUSE_DEPS:
        if cur.dep_ == "pobj" and cur.head.lower_ in _SEQUENCE_PREPS:
            break  # "following his visit, X will meet on Tuesday": Tuesday dates the meeting, not the visit
        cur = cur.head
        chain.append(cur)
    return chain


#: dependents by which a date describes a noun ("this week's summit", "the 1984 declaration")
_NOUN_MODIFIERS = frozenset({"amod", "compound", "nummod", "poss"})


def _names_trigger(noun: Token, trigger: Token) -> bool:
    """Whether a noun is the trigger or a compound part of it ("the 1984 Joint Declaration agreement")."""
    cur = noun
    for _ in range(4):
        if cur.i == trigger.i:
            return True
        if cur.dep_ != "compound":
            return False
        cur = cur.head
    return False


def clause_verb(token: Token) -> Token:
    """The verb a nominal trigger belongs to ("held talks" -> held; "in an interview" -> said)."""
    cur = token
    for _ in range(4):
        if cur.pos_ in {"VERB", "AUX"} or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


class EventExtractor:
    """Extract event mentions from one parsed document."""

    def __init__(
        self,
        doc: Doc,
        doc_id: str,
        mentions: Sequence[EntityMention],
        times: Sequence[TimeValue],
        published=None,
    ) -> None:  # type: ignore[no-untyped-def]
        self.doc = doc
        self.text = doc_text(doc)
        self.doc_id = doc_id
        self.mentions = mentions
        self.index = MentionIndex(doc, mentions)
        # only calendar values date an event ("now", "recently" do not)
        self.times = [t for t in times if t.type in {"DATE", "TIME"} and t.value[:1].isdigit()]
        self.published = published
        self.lex = lexicon()
        #: plural pronouns being resolved (their candidates may contain further pronouns)
        self._resolving: set[int] = set()

    # -- arguments ------------------------------------------------------------------------------
    def _female(self, k: int) -> bool:
        """A person the text marks as a woman ("spokeswoman X", "Mrs X")."""
        m = self.mentions[k]
        cues = f"{m.role or ''} {self.text[max(0, m.start - 12) : m.start]}".lower()
        return any(cue in cues for cue in _FEMALE_CUES)

    def _antecedent(self, token: Token) -> int | None:
        """The person a pronoun stands for: the subject of its clause, else the nearest person before it.

        "she"/"her" prefer the last person the text marks as a woman, and "he" skips such persons.
        """
        female = token.lower_ in {"she", "her", "hers"}
        marked = [
            k
            for k, m in enumerate(self.mentions)
            if m.start < token.idx and token.idx - m.start < 1500 and m.type == "PERSON" and self._female(k)
        ]
        if female and marked:
            return marked[-1]
        skip = set() if female else set(marked)
        if token.lower_ in {"him", "her"} and token.dep_ in {"dobj", "dative", "pobj"}:
            # "Tung warned him": an object pronoun is not its own clause's subject
            skip |= {k for k in self.subjects(token.head) if token.head.pos_ in {"VERB", "AUX"}}
            return self._nearest_person(token, skip)
        cur = token.head
        for _ in range(6):
            for child in cur.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i < token.i and child.i != token.i:
                    k = self.index.at(child)
                    if k is not None and self.mentions[k].type in {"PERSON", "TITLE"} and k not in skip:
                        return k
            if cur.head.i == cur.i:
                break
            cur = cur.head
        best: int | None = None
        best_subject: int | None = None
        for k, m in enumerate(self.mentions):
            if m.start >= token.idx:
                break
            if m.type in {"PERSON", "TITLE"} and token.idx - m.start < 1500 and k not in skip:
                if _inside_quotes(self.text, m.sentence_start, m.start):
                    continue  # a person named inside a quote is not the one who speaks
                best = k
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}:
                    head = span.root.head
                    main = head.dep_ == "ROOT" or (head.dep_ == "conj" and head.head.dep_ == "ROOT")
                    # the main clause's subject outranks one inside a reported clause ("X warned
                    # that Y was unlikely to ... '...,' he said": he is X)
                    if (
                        main
                        or best_subject is None
                        or self.mentions[best_subject].sentence_start != m.sentence_start
                    ):
                        best_subject = k
        # in an earlier sentence the subject is the most salient antecedent
        if best is not None and best_subject is not None:
            if self.mentions[best].sentence_start != token.sent.start_char:
                return best_subject
        return best

    def _nearest_person(self, token: Token, skip: set[int]) -> int | None:
        """The last person named before a token (outside quotes), other than ``skip``."""
        best = None
        for k, m in enumerate(self.mentions):
            if m.start >= token.idx:
                break
            if m.type in {"PERSON", "TITLE"} and token.idx - m.start < 1500 and k not in skip:
                if not _inside_quotes(self.text, m.sentence_start, m.start):
                    best = k
        return best

    def _plural_antecedents(self, token: Token) -> list[int]:
        """ "they": the coordinated named subject of this or the previous sentence ("Turkey and Israel
        ... They signed"), when there is one."""
        if token.i in self._resolving:
            return []  # "they" whose candidate antecedents lead back to another "they"
        self._resolving.add(token.i)
        try:
            return self._plural_candidates(token)
        finally:
            self._resolving.discard(token.i)

    def _plural_candidates(self, token: Token) -> list[int]:
        sent = token.sent
        prev = self.doc[sent.start - 1].sent if sent.start > 0 else None
        for s in [sent, prev] if prev is not None else [sent]:
            for tok in s:
                if tok.i >= token.i or tok.dep_ not in {"nsubj", "nsubjpass"}:
                    continue
                if not any(c.dep_ == "conj" for c in tok.children):
                    continue
                group = [k for k in self.mentions_of(tok, depth=1) if self.mentions[k].type in _ACTOR_TYPES]
                if len(group) >= 2:
                    return group
        # "decisions made by A and B during their meeting": the nearest coordinated pair before it
        for tok in reversed(list(sent)):
            if tok.i >= token.i or not any(c.dep_ == "conj" for c in tok.children):
                continue
            group = [k for k in self.mentions_of(tok, depth=1) if self.mentions[k].type == "PERSON"]
            if len(group) >= 2:
                return group
        # "X was to meet his counterpart Y. They would sign ...": the two sides of the last meeting
        for s in [sent, prev] if prev is not None else [sent]:
            for tok in reversed(list(s)):
                if tok.i >= token.i or tok.pos_ != "VERB":
                    continue
                trig = self.lex.trigger(tok.lemma_.lower(), "VERB")
                if trig is None or trig.type != "MEETING":
                    continue
                people = [
                    k
                    for k in self.subjects(tok)
                    + self._children_mentions(tok, {"dobj"})
                    + [k for o in self._pobjs(tok, {"with"}) for k in self.mentions_of(o)]
                    if self.mentions[k].type == "PERSON"
                ]
                if len(people) >= 2:
                    return people
        return []

    def mentions_of(self, token: Token, depth: int = 0, via_appos: bool = False) -> list[int]:
        """Entity mentions an argument token stands for (with its conjuncts and appositions)."""
        if depth > 4:
            return []
        found: list[int] = []
        k = self.index.at(token)
        if k is not None and self.mentions[k].type in _ACTOR_TYPES | _PLACE_TYPES | {"EVENT", "NAMED_EVENT"}:
            m = self.mentions[k]
            if not (m.type == "NORP" and token.dep_ in {"amod", "compound"}):
                found.append(k)
        elif token.lower_ in _PERSONAL and token.pos_ == "PRON":
            ante = self._antecedent(token)
            if ante is not None:
                found.append(ante)
        elif token.lower_ in {"they", "them", "their"} and token.pos_ == "PRON":
            found.extend(self._plural_antecedents(token))
        elif token.pos_ in {"NOUN", "PROPN"}:
            # "his Chinese counterpart President Xi Jinping", "the leaders of South Africa and Niger",
            # "a foreign ministry statement", "Thai Prime Minister Chavalit"
            for child in token.children:
                if child.dep_ in {"appos", "compound", "nmod"} or (
                    child.dep_ == "prep"
                    and child.lower_ in {"of", "from"}
                    and token.lower_ in _GROUP_NOUNS
                    and not via_appos
                ):
                    target = (
                        child
                        if child.dep_ != "prep"
                        else next((c for c in child.children if c.dep_ == "pobj"), None)
                    )
                    if target is not None:
                        # "Razali, the representative of X": the apposition describes, X is not him
                        found.extend(self.mentions_of(target, depth + 1, via_appos=child.dep_ == "appos"))
            if not found and token.lower_ in _GROUP_NOUNS:
                for child in token.children:
                    if child.dep_ in {"amod", "compound", "poss"}:
                        kk = self.index.at(child)
                        if kk is not None and self.mentions[kk].type in {
                            "NORP",
                            "GPE",
                            "COUNTRY",
                            "ORG",
                            "ORGANIZATION",
                        }:
                            found.append(kk)
        for child in token.children:
            if child.dep_ == "conj":
                found.extend(self.mentions_of(child, depth + 1))
            elif child.dep_ == "appos" and k is None and not found:
                found.extend(self.mentions_of(child, depth + 1, via_appos=True))
        out: list[int] = []
        for k in found:
            if k not in out:
                out.append(k)
        return out

    def _children(self, token: Token, deps: set[str]) -> list[Token]:
        return [c for c in token.children if c.dep_ in deps]

    def _pobjs(self, token: Token, preps: set[str]) -> list[Token]:
        out: list[Token] = []
        for prep in token.children:
            if prep.dep_ in {"prep", "agent", "dative"} and prep.lower_ in preps:
                out.extend(c for c in prep.children if c.dep_ in {"pobj", "pcomp"})
        return out

    def subjects(self, verb: Token) -> list[int]:
        """Subjects of a verb, inherited through xcomp/conj/acl chains when the verb has none."""
        cur = verb
        for _ in range(5):
            subs = self._children(cur, {"nsubj", "nsubjpass", "csubj"})
            if cur.i == verb.i and verb.dep_ == "acl" and verb.tag_ == "VBN":
                # "a trade agreement signed (by X) last year": only a by-phrase names who signed,
                # not the clause the noun sits in ("parliament approved an agreement signed ...")
                agents = self._pobjs(verb, {"by"})
                return [k for a in agents for k in self.mentions_of(a)]
            if subs:
                passive = any(c.dep_ == "auxpass" for c in cur.children)
                agents = self._pobjs(cur, {"by"}) if passive and cur.i == verb.i else []
                if agents:
                    return [k for a in agents for k in self.mentions_of(a)]
                if passive and cur.i == verb.i:
                    return []  # "Blair was praised": the subject is not the one who spoke
                return [k for s in subs for k in self.mentions_of(s)]
            if (
                cur.dep_ == "advcl"
                and cur.tag_ in {"VBZ", "VBP", "VBD"}
                and any(c.dep_ == "mark" for c in cur.children)
            ):
                return []  # "as the bloc struggles to reach a deal": a finite clause has its own subject
            if cur.dep_ in {
                "xcomp",
                "conj",
                "advcl",
                "acl",
                "dobj",
                "pobj",
                "prep",
                "ccomp",
                "attr",
                "acomp",
            } and (cur.head.i != cur.i):
                # "plans to visit": the subject of the verb that owns "plans"
                cur = cur.head
                continue
            if cur.dep_ == "relcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in cur.children):
                cur = cur.head  # "the first speaker to visit Taiwan": the speaker's referent
                continue
            break
        return []

    # -- place and time ---------------------------------------------------------------------------
    def place_of(self, tokens: Sequence[Token], exclude: set[int]) -> int | None:
        """A place attached with in/at to one of the tokens (the trigger and its verb) or their objects."""
        tokens = list(tokens) + [
            c
            for t in tokens
            for c in t.children
            if c.dep_ in {"dobj", "pobj"} and self.index.at(c) is not None
        ]
        for tok in tokens:
            for pobj in self._pobjs(tok, {"in", "at", "inside"}):
                for k in self.mentions_of(pobj):
                    if k not in exclude and self.mentions[k].type in _PLACE_TYPES:
                        return k
            for child in tok.children:
                if child.lower_ == "here" and child.dep_ == "advmod":
                    return -1  # the dateline
        return None

    def time_of(self, trigger: Token, chain: Sequence[Token]) -> TimeValue | None:
        """The time expression attached to the trigger's clause, else the sentence's only one."""
        sent = trigger.sent
        in_sent = [t for t in self.times if sent.start_char <= t.start < sent.end_char]
        if not in_sent:
            return None
        found = self.lex.trigger(trigger.lemma_.lower(), trigger.pos_ if trigger.pos_ == "NOUN" else "VERB")
        trig_type = found.type if found is not None else None
        anchors = {t.i for t in chain}
        rank = {t.i: n for n, t in enumerate(chain)}
        # "his visit, planned for May 20, was called off": the plan's date is the event's date, unless
        # the clause itself gives another ("... planned for May 3, was postponed to June 10")
        plans = {c.i for c in self._plan_clauses(trigger, chain)}
        anchors |= plans
        attached: list[tuple[int, TimeValue]] = []
        for tv in in_sent:
            span = self.doc.char_span(tv.start, tv.end, alignment_mode="expand")
            if span is None:
                continue
            cur = span.root
            dist = 0
            for _ in range(8):
                if cur.i in anchors:
                    # the nearest governing anchor first: "... and on Saturday was scheduled to meet"
                    # dates the meeting by Saturday, not by the Friday of the clause it is joined to
                    attached.append((rank.get(cur.i, 0) + dist + (3 if cur.i in plans else 0), tv))
                    break
                if cur.head.i == cur.i:
                    break
                if cur.dep_ in _CLAUSE_DEPS | {"acl"} and cur.i not in anchors:
                    break
                if (
                    cur.dep_ in _NOUN_MODIFIERS
                    and cur.head.pos_ in {"NOUN", "PROPN"}
                    and not _names_trigger(cur.head, trigger)
                    # "aired its stand at this week's summit": the gathering's date is the occasion's
                    and not (
                        cur.head.dep_ == "pobj"
                        and self.lex.trigger(cur.head.lemma_.lower(), "NOUN") is not None
                    )
                ):
                    break  # "a 2007-2013 spending package": the date describes another noun
                inner = self.lex.trigger(cur.lemma_.lower(), "NOUN") if cur.pos_ == "NOUN" else None
                if cur.i != trigger.i and inner is not None and inner.type == trig_type:
                    # "talks on decisions made during their meeting in September": another meeting's
                    # date (but "told X during a visit last week" is dated by the visit it was part of)
                    break
                cur = cur.head
                dist += 1
        if attached:
            attached.sort(key=lambda x: (x[0], abs(x[1].start - trigger.idx)))
            return _as_date(attached[0][1])
        return None

    def _host_event(self, token: Token, verb: Token) -> list[Token] | None:
        """The gathering a meeting took place at ("talks on the sidelines of a summit held at the
        weekend in Bamako"): the summit noun and the participles that date and place it."""
        for tok in {token, verb}:
            for nominal in self._pobjs(tok, {"on", "at", "during"}):
                sidelines = nominal.lower_ == "sidelines"
                if sidelines:
                    nominal = next(iter(self._pobjs(nominal, {"of"})), nominal)
                elif nominal.lemma_.lower() not in _GATHERINGS:
                    continue  # "during their meeting with X" is another meeting, not a venue
                found = self.lex.trigger(nominal.lemma_.lower(), "NOUN")
                if nominal.i != token.i and found is not None and found.type == "MEETING":
                    return [nominal, *(c for c in nominal.children if c.dep_ == "acl")]
        return None

    def _plan_clauses(self, trigger: Token, chain: Sequence[Token]) -> list[Token]:
        """Participle clauses that schedule the event: "his visit, planned for May 20", "carries out
        his mission to Yangon, expected next month"."""
        lemmas = {"plan", "schedule", "set", "expect", "slate"}
        out = [c for c in trigger.children if c.dep_ == "acl" and c.lemma_.lower() in lemmas]
        if trigger.pos_ == "NOUN" and len(chain) > 1 and trigger.dep_ == "dobj":
            out += [c for c in chain[1].children if c.dep_ in {"advcl", "acl"} and c.lemma_.lower() in lemmas]
        return out

    def _continued_time(self, verb: Token) -> TimeValue | None:
        """ "Turkey and Israel boosted their ties last year. They signed two pacts": a sentence that
        goes on about the previous one's subject, with a pronoun, goes on in its time."""
        subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or subj.pos_ != "PRON" or subj.lower_ not in {"they", "he", "she"}:
            return None
        if subj.i != verb.sent.start and not (
            subj.i == verb.sent.start + 1 and self.doc[verb.sent.start].is_punct
        ):
            return None  # only a sentence that opens with the pronoun continues the previous one
        sent = verb.sent
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        if self.text.count("\n\n", prev.end_char, sent.start_char):
            return None  # a new paragraph
        # the time of the last dated verb: "held talks Friday and on Saturday was to meet Y. They ..."
        for tok in reversed(list(prev)):
            if tok.pos_ in {"VERB", "AUX"}:
                found = self.time_of(tok, [tok])
                if found is not None:
                    return found
        return None

    def anaphoric_time(self, trigger: Token) -> TimeValue | None:
        """ "At the time" / "then": the last date of the previous sentences."""
        sent = trigger.sent
        low = sent.text.lower()
        if not any(cue in low for cue in ("at the time", "at that time", "at the same time")):
            return None
        before = [t for t in self.times if t.end <= sent.start_char and sent.start_char - t.end < 600]
        return _as_date(before[-1]) if before else None

    # -- events -----------------------------------------------------------------------------------
    def extract(self) -> list[EventMention]:
        out: list[EventMention] = []
        for token, trig in trigger_tokens(self.doc):
            ev = self._event(token, trig)
            if ev is not None:
                out.extend(self._split_listed_meetings(ev))
        # a meeting during a visit happens where the visit goes ("talks ... during his visit to Beijing")
        for ev in out:
            if ev.type == "MEETING" and ev.place is None:
                visit = next(
                    (
                        v
                        for v in out
                        if v.type == "VISIT"
                        and v.place is not None
                        and v.source.sentence_start == ev.source.sentence_start
                    ),
                    None,
                )
                if visit is not None:
                    ev.place = visit.place
        return out

    def _ok_constraints(self, token: Token, trig: Trigger) -> bool:
        opts = trig.options
        if "prep" in opts and not ({c.lower_ for c in token.children} & set(opts["prep"])):
            return False
        if "particle" in opts and not any(
            c.dep_ == "prt" and c.lower_ in opts["particle"] for c in token.children
        ):
            return False
        if opts.get("plural_only") and token.tag_ not in {"NNS", "NNPS"}:
            return False
        if "requires_modifier" in opts and not (
            {c.lower_ for c in token.lefts} & set(opts["requires_modifier"])
        ):
            places = [
                k
                for o in self._pobjs(token, {"in"})
                for k in self.mentions_of(o)
                if self.mentions[k].type in _PLACE_TYPES
            ]
            if not (opts.get("or_place") and places):
                return False
        if opts.get("requires_light_verb") and not (
            token.dep_ in {"dobj", "nsubjpass"} and token.head.lemma_.lower() in self.lex.light_verbs
        ):
            # "the 1984 Joint Declaration agreement between Britain and China" names its parties itself
            if not (trig.type == "AGREEMENT" and self._pobjs(token, {"between"})):
                return False
        if "needs_object" in opts:
            objs = {c.lemma_.lower() for c in token.children if c.dep_ in {"dobj", "nsubjpass"}}
            objs |= {c.lemma_.lower() for c in self._pobjs(token, {"on", "to", "over"})}
            if not objs & set(opts["needs_object"]):
                return False
        if "needs_object_or_xcomp" in opts:
            objs = {c.lemma_.lower() for c in token.children if c.dep_ in {"dobj", "nsubjpass"}}
            objs |= {c.lemma_.lower() for c in self._pobjs(token, {"on", "to"})}
            if not objs & set(opts["needs_object_or_xcomp"]):
                return False
        if opts.get("needs_ccomp") and not any(c.dep_ == "ccomp" for c in token.children):
            return False
        if opts.get("requires_destination") and not any(
            self.mentions[k].type in _PLACE_TYPES
            for o in self._destinations(token)
            for k in self.mentions_of(o)
        ):
            return False
        return True

    def _event(self, token: Token, trig: Trigger) -> EventMention | None:
        if not self._ok_constraints(token, trig):
            return None
        chain = governors(token)
        if is_dropped(token, chain, self.lex):
            return None
        roles: list[tuple[int, str]] = []
        place: int | None = None
        named_event: int | None = None
        verb = token if trig.pos == "VERB" else clause_verb(token)

        if trig.pos == "VERB":
            subj = self.subjects(token)
            objs = self._children_mentions(token, {"dobj", "dative"})
            if not objs and trig.type == "MEETING":
                objs = self._loose_objects(token, set(subj))
            withs = [k for o in self._pobjs(token, {"with", "between", "among"}) for k in self.mentions_of(o)]
            if trig.type == "VISIT":
                dest = objs + [
                    k for o in self._pobjs(token, {"to", "in", "for", "at"}) for k in self.mentions_of(o)
                ]
                if trig.lemma == "attend":
                    named = [k for k in dest if self.mentions[k].type in {"EVENT", "NAMED_EVENT"}]
                    if not named:
                        return None
                if not dest and any(c.dep_ == "dobj" for c in token.children):
                    return None  # "arrived to tour the residence": a visit needs a named destination
                roles += [(k, "visitor") for k in subj]
                roles += [(k, "host") for k in dest if self.mentions[k].type not in {"EVENT", "NAMED_EVENT"}]
                named_event = next(
                    (k for k in dest if self.mentions[k].type in {"EVENT", "NAMED_EVENT"}), None
                )
                place = next((k for k in dest if self.mentions[k].type in _PLACE_TYPES), None)
            elif trig.type == "STATEMENT":
                if self._reports_event(token) or self._embedded_report(token):
                    return None
                if self._anonymous_source(token):
                    return None  # "a Thai official said": not a named actor
                audience = objs if trig.lemma in {"tell", "thank", "urge", "warn", "write", "send"} else []
                audience += [
                    k
                    for o in self._pobjs(token, {"to"})
                    for k in self.mentions_of(o)
                    if trig.lemma in {"write", "send", "appeal", "plead", "say", "declare", "tell"}
                ]
                roles += [(k, "speaker") for k in subj]
                roles += [(k, "audience") for k in audience]
                if self._face_to_face(token, trig, audience):
                    # "X told President Y during a visit to China": a conversation, i.e. a meeting
                    trig = self.lex.trigger("meet", "VERB") or trig
                    roles = [(k, "participant") for k, _r in roles]
                # "said in an interview with X" / "said at a press conference"
                for nominal in self._pobjs(token, {"in", "during", "at"}):
                    if nominal.lemma_.lower() in {
                        "interview",
                        "speech",
                        "address",
                        "statement",
                        "letter",
                        "message",
                        "conference",
                        "briefing",
                    }:
                        roles += [
                            (k, "audience")
                            for o in self._pobjs(nominal, {"with", "to"})
                            for k in self.mentions_of(o)
                        ]
                        roles += [
                            (k, "audience")
                            for o in self._children(nominal, {"compound", "nmod"})
                            for k in self.mentions_of(o)
                            if self.mentions[k].type in {"ORG", "ORGANIZATION"}
                        ]
            else:
                if trig.options.get("requires_person_object") and not any(
                    self.mentions[k].type == "PERSON" for k in objs
                ):
                    return None
                if trig.options.get("requires_participant_object") and not withs:
                    return None
                if trig.options.get("requires_actor_subject") and not any(
                    self.mentions[k].type in {"PERSON", "ORG", "ORGANIZATION"} for k in subj
                ):
                    return None  # "thousands gathered": a crowd is not a meeting
                role = "party" if trig.type == "AGREEMENT" else "participant"
                roles += [(k, role) for k in subj + objs + withs + self._hosting_bodies(token, trig)]
        else:
            roles += self._nominal_roles(token, trig)
            roles += [(k, "participant") for k in self._hosting_bodies(token, trig)]
            if trig.type == "VISIT":
                dest = [k for o in self._destinations(token, {"to", "in"}) for k in self.mentions_of(o)]
                roles += [(k, "host") for k in dest if self.mentions[k].type not in {"EVENT", "NAMED_EVENT"}]
                place = next((k for k in dest if self.mentions[k].type in _PLACE_TYPES), None)
        # a named forum the event belongs to: "to join the St. Petersburg International Economic Forum"
        if named_event is None:
            named_event = self._named_event_near(token, verb)
        host_event = self._host_event(token, verb) if trig.type == "MEETING" else None
        if place is None:
            place = self.place_of([token, verb] if verb.i != token.i else [token], {k for k, _ in roles})
        if place is None and host_event is not None:
            place = self.place_of(host_event, {k for k, _ in roles})
        roles = self._dedupe(roles)
        if not roles:
            return None
        purpose = trig.pos == "NOUN" and self._travel_purpose(token)
        on_trip = trig.type == "VISIT" and token.dep_ == "pobj" and token.head.lower_ == "on"
        if purpose or on_trip:
            # "arrived for talks": the arrival's date is not the talks'; "X, on his trip to Iran, met
            # Y on Sunday": the day of the meeting is not the trip's
            time = self.time_of(token, [token])
        else:
            time = (
                self.time_of(token, clause_chain(token))
                or self.anaphoric_time(token)
                or (self.time_of(host_event[0], host_event) if host_event else None)
                or self._continued_time(verb)
            )
        if not purpose and (
            time is None
            and chain[-1].dep_ in {"advcl", "conj"}
            or time is None
            and any(t.dep_ in {"advcl"} for t in clause_chain(token))
        ):
            # "walked a delicate line Friday as he met ...": an adverbial clause shares the main clause's time
            time = self.time_of(token, governors(verb if verb.i != token.i else token))
        status = event_status(token, chain, self.lex, time, self.published)
        if (purpose or self._plan_clauses(token, chain)) and status == "happened":
            status = "planned"
        if (
            time is None
            and trig.type == "STATEMENT"
            and trig.pos == "VERB"
            and trig.lemma not in {"send", "write"}
            and self.published is not None
            and (token.tag_ == "VBD" and not _inside_quotes(self.text, token.sent.start_char, token.idx))
        ):
            # the dateline: a wire story's "X said" without a date was said on the day it reports
            # (a letter or message sent is not dated by the report)
            time = TimeValue(
                "", token.idx, token.idx, "DATE", self.published.isoformat(), self.published, self.published
            )
        sent = token.sent
        participants = [
            Participant(key=f"@{k}", label=self.mentions[k].text, type=self.mentions[k].type, role=r)
            for k, r in roles
        ]
        place_p = None
        if place is not None and place >= 0:
            m = self.mentions[place]
            place_p = Participant(key=f"@{place}", label=m.text, type=m.type, role="place")
        elif place == -1:
            place_p = Participant(key="@dateline", label="here", type="PLACE", role="place")
        confidence = 0.85 if trig.pos == "VERB" else 0.75
        if len(participants) == 1 and trig.type in {"MEETING", "AGREEMENT"}:
            confidence -= 0.2
        return EventMention(
            doc_id=self.doc_id,
            type=trig.type,
            trigger=token.text,
            participants=participants,
            source=Span(
                self.doc_id,
                token.idx,
                token.idx + len(token.text),
                sent.text.strip(),
                sent.start_char,
                sent.end_char,
            ),
            place=place_p,
            time=time,
            status=status,
            confidence=round(confidence, 2),
            cameo=trig.cameo,
            plover=trig.plover,
            published=self.published,
            named_event=f"@{named_event}" if named_event is not None else None,
            local_id=f"{token.idx}",
        )

    def _split_listed_meetings(self, ev: EventMention) -> list[EventMention]:
        """ "Levy will also meet President A, Foreign Minister B and General C": officials listed each with
        their own title are separate meetings (one per official), not one meeting of all."""
        if ev.type != "MEETING" or len(ev.participants) < 3 or ev.trigger.lower() not in _MEET_VERBS:
            return [ev]
        subject, *others = ev.participants
        titled = [p for p in others if p.type == "PERSON" and self.mentions[int(p.key[1:])].role]
        roles = {self.mentions[int(p.key[1:])].role for p in titled}
        if len(titled) != len(others) or len(roles) != len(titled):
            return [ev]
        out = []
        for n, other in enumerate(others):
            out.append(replace(ev, participants=[subject, other], local_id=f"{ev.local_id}-{n}"))
        return out

    def _loose_objects(self, verb: Token, exclude: set[int]) -> list[int]:
        """Named objects the parser attached oddly ("met President Lee Teng-hui Wednesday" parsed as
        a compound of the date): mentions right after the verb, reached without a preposition or clause."""
        allowed = {
            "dobj",
            "compound",
            "npadvmod",
            "appos",
            "conj",
            "nmod",
            "amod",
            "attr",
            "dative",
            "oprd",
            "cc",
        }
        found: list[int] = []
        for tok in verb.subtree:
            if tok.i <= verb.i or tok.i > verb.i + 8:
                continue
            cur, ok = tok, True
            while cur.i != verb.i:
                if cur.dep_ not in allowed:
                    ok = False
                    break
                cur = cur.head
            k = self.index.at(tok)
            if (
                ok
                and k is not None
                and k not in exclude
                and k not in found
                and self.mentions[k].type in {"PERSON", "ORG", "ORGANIZATION", "GPE", "COUNTRY"}
            ):
                found.append(k)
        return found

    def _destinations(
        self, token: Token, preps: frozenset[str] | set[str] = frozenset({"to"})
    ) -> list[Token]:
        """Where a nominal visit goes: its own "to" phrase, or that of the verb it is the object of
        ("carries out his mission to Yangon", parsed with "to Yangon" on the verb)."""
        found = self._pobjs(token, set(preps))
        if not found and token.dep_ == "dobj":
            found = self._pobjs(token.head, {"to"})
        return found

    def _children_mentions(self, token: Token, deps: set[str]) -> list[int]:
        return [k for c in self._children(token, deps) for k in self.mentions_of(c)]

    def _anonymous_source(self, verb: Token) -> bool:
        """The speaker is an unnamed official or source ("a Thai official", "Western diplomats")."""
        subjects = self._children(verb, {"nsubj"})
        if len(subjects) != 1 or subjects[0].lemma_.lower() not in _ANONYMOUS:
            return False
        head = subjects[0]
        named = [
            k
            for c in head.children
            if c.dep_ in {"appos", "compound"}
            for k in self.mentions_of(c)
            if self.mentions[k].type == "PERSON"
        ]
        return not named and self.index.at(head) is None

    def _hosting_bodies(self, token: Token, trig: Trigger) -> list[int]:
        """ "held talks at the ministry of trade": the body that hosts talks takes part in them."""
        if trig.type != "MEETING":
            return []
        heads = [token, token.head] if token.dep_ == "dobj" else [token]
        return [
            k
            for tok in heads
            for o in self._pobjs(tok, {"at"})
            for k in self.mentions_of(o)
            if self.mentions[k].type in {"ORG", "ORGANIZATION"}
        ]

    def _is_visit_noun(self, token: Token) -> bool:
        found = self.lex.trigger(token.lemma_.lower(), "NOUN")
        return found is not None and found.type == "VISIT"

    def _face_to_face(self, verb: Token, trig: Trigger, audience: list[int]) -> bool:
        """ "told <a person> during a visit / at talks": said in a meeting, not to the press."""
        if trig.lemma != "tell" or not any(self.mentions[k].type == "PERSON" for k in audience):
            return False
        for nominal in self._pobjs(verb, {"during", "at", "in"}):
            found = self.lex.trigger(nominal.lemma_.lower(), "NOUN")
            if found is not None and found.type in {"VISIT", "MEETING"}:
                return True
        return False

    def _travel_purpose(self, token: Token) -> bool:
        """A nominal event that is the purpose of a trip ("arrived Tuesday for talks with X, including a
        meeting with Y"): it lies ahead of the travel, so it is planned and not dated by it."""
        cur = token
        for _ in range(6):
            if cur.head.i == cur.i:
                return False
            if cur.dep_ == "pobj" and cur.head.lower_ == "including" and cur.head.head.pos_ == "NOUN":
                cur = cur.head.head  # "talks with X, including a meeting with Y": part of the talks
                continue
            if cur.dep_ == "pobj" and cur.head.lower_ in {"for", "including"}:
                verb = cur.head.head
                if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.lex.purpose_verbs:
                    return False
                if cur.head.lower_ == "for":
                    return True
                # "arrived for talks with X, including a meeting with Y" (the parser hangs the
                # "including" phrase on the verb): part of the purpose when the verb has one
                return any(
                    self.lex.trigger(o.lemma_.lower(), "NOUN") is not None for o in self._pobjs(verb, {"for"})
                )
            if cur.dep_ not in {"pobj", "prep", "conj", "appos"}:
                return False
            cur = cur.head
        return False

    def _embedded_report(self, verb: Token) -> bool:
        """A speech verb inside a relative clause or inside another speaker's words ("..., which China
        insists is an internal affair", "Lee said ... China says ...") is part of that report."""
        if verb.dep_ in {"relcl", "acl"}:
            return True
        cur = verb
        for _ in range(6):
            if cur.head.i == cur.i:
                return False
            dep, cur = cur.dep_, cur.head
            if dep in {"ccomp", "relcl", "advcl"} and cur.pos_ == "VERB":
                trig = self.lex.trigger(cur.lemma_.lower(), "VERB")
                if trig is not None and trig.type == "STATEMENT":
                    return True
        return False

    def _reports_event(self, verb: Token) -> bool:
        """ "said the talks will focus on ...": the speech only reports on another event."""
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            if not any(
                a.lower_ in {"will", "would", "shall", "'ll"} for a in clause.children if a.dep_ == "aux"
            ):
                continue  # "said the talks were useful" is a statement in its own right
            for subj in clause.children:
                if subj.dep_ in {"nsubj", "nsubjpass"} and subj.pos_ == "NOUN":
                    trig = self.lex.trigger(subj.lemma_.lower(), "NOUN")
                    if trig is not None and trig.type in {"MEETING", "VISIT"}:
                        return True
        return False

    def _nominal_roles(self, token: Token, trig: Trigger) -> list[tuple[int, str]]:
        """Participants of a nominal trigger: possessor, with-phrase, modifiers, light-verb subject."""
        first_role = {"VISIT": "visitor", "STATEMENT": "speaker", "AGREEMENT": "party"}.get(
            trig.type, "participant"
        )
        other_role = {"VISIT": "host", "STATEMENT": "audience", "AGREEMENT": "party"}.get(
            trig.type, "participant"
        )
        roles: list[tuple[int, str]] = []
        for c in token.children:
            if c.dep_ == "poss":
                roles += [(k, first_role) for k in self.mentions_of(c)]
            elif c.dep_ in {"compound", "nmod", "amod"}:
                for k in self.mentions_of(c):
                    m = self.mentions[k]
                    if m.type == "NORP":
                        continue
                    if trig.type == "VISIT" and m.type in _PLACE_TYPES:
                        continue
                    roles.append((k, first_role))
        roles += [
            (k, other_role)
            for o in self._pobjs(token, {"with", "between", "among"})
            for k in self.mentions_of(o)
        ]
        if trig.type == "MEETING":
            # "a summit of EU leaders", "a meeting of the Security Council"
            roles += [(k, "participant") for o in self._pobjs(token, {"of"}) for k in self.mentions_of(o)]
            # "a meeting with Lee which Clinton visited", "the summit that Putin attended"
            roles += [
                (k, "participant")
                for c in token.children
                if c.dep_ == "relcl" and c.lemma_.lower() in {"visit", "attend", "join"}
                for k in self._children_mentions(c, {"nsubj"})
            ]
        if trig.type == "STATEMENT":
            roles += [(k, "audience") for o in self._pobjs(token, {"to"}) for k in self.mentions_of(o)]
            roles += [(k, "speaker") for o in self._pobjs(token, {"by", "from"}) for k in self.mentions_of(o)]
        elif trig.type in {"VISIT", "MEETING"}:
            # "a visit to Thailand by the Polish Premier X"
            roles = [(k, first_role) for o in self._pobjs(token, {"by"}) for k in self.mentions_of(o)] + roles
        head = token.head
        # "Putin held talks", "Putin gave an interview", "said in an interview", "during his visit"
        if (
            token.dep_ in {"dobj", "attr"}
            and head.pos_ in {"VERB", "AUX"}
            and (head.lemma_.lower() in self.lex.light_verbs or head.lemma_ == "be")
        ):
            roles = [(k, first_role) for k in self.subjects(head)] + roles
        elif token.dep_ in {"nsubj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
            if trig.type == "STATEMENT" and head.lemma_ in {"say", "state", "add", "note"}:
                pass  # "said a foreign ministry statement": the statement's own modifiers name the speaker
        elif (
            token.dep_ == "pobj"
            and head.dep_ == "prep"
            and head.lower_ in {"in", "during", "at", "after", "for", "on", "including"}
        ):
            verb = head.head
            if head.lower_ == "including" and verb.pos_ == "NOUN":
                verb = clause_verb(verb)  # "arrived for talks with X, including a meeting with Y"
            if verb.pos_ in {"VERB", "AUX"} and trig.type in {"STATEMENT", "MEETING", "VISIT"}:
                if trig.type == "STATEMENT" and verb.lemma_.lower() in {
                    "say",
                    "argue",
                    "stress",
                    "note",
                    "tell",
                    "emphasize",
                    "point",
                    "insist",
                    "add",
                }:
                    roles = [(k, "speaker") for k in self.subjects(verb)] + roles
                elif trig.type == "MEETING" and not any(
                    c.dep_ == "poss" and self.mentions_of(c) for c in token.children
                ):
                    # "X held talks during a meeting with Y" (but "their meeting" names its own sides)
                    roles = [(k, "participant") for k in self.subjects(verb)] + roles
                elif trig.type == "VISIT" and not any(r == "visitor" for _, r in roles):
                    roles = [(k, "visitor") for k in self.subjects(verb)] + roles
            elif trig.type == "MEETING" and roles and verb.pos_ in {"VERB", "AUX"}:
                # "... for cooperation talks with Turkish leaders, including a meeting with X"
                roles = [(k, "participant") for k in self.subjects(verb)] + roles
        if (
            trig.type == "VISIT"
            and not any(r == "visitor" for _, r in roles)
            and token.dep_ == "dobj"
            and token.head.lemma_.lower() == "include"
        ):
            # "Rosati's visit, which included stops in A and B": the stops are the visitor's
            owner = token.head.head if token.head.dep_ == "relcl" else None
            if owner is None:
                owner = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
            if owner is not None and owner.dep_ == "pobj" and owner.head.lower_ in {"of", "by"}:
                # the parser hangs the relative clause on the visitor ("the tour of X, which included")
                if self._is_visit_noun(owner.head.head):
                    roles = [(k, "visitor") for k in self.mentions_of(owner)] + roles
            elif owner is not None and self._is_visit_noun(owner):
                owners = [c for c in owner.children if c.dep_ == "poss"] + self._pobjs(owner, {"of", "by"})
                roles = [(k, "visitor") for c in owners for k in self.mentions_of(c)] + roles
        if trig.type == "VISIT" and not any(r == "visitor" for _, r in roles):
            # "he said, midway through a three-day visit to Thailand": the visitor is the one the
            # clause is about
            verb = token.head
            for _ in range(4):
                if verb.pos_ in {"VERB", "AUX"} or verb.head.i == verb.i:
                    break
                verb = verb.head
            if verb.pos_ in {"VERB", "AUX"}:
                people = [k for k in self.subjects(verb) if self.mentions[k].type in {"PERSON", "TITLE"}]
                roles = [(k, "visitor") for k in people] + roles
        return roles

    def _named_event_near(self, token: Token, verb: Token) -> int | None:
        for tok in {token, verb}:
            for child in tok.subtree:
                k = self.index.at(child)
                if k is not None and self.mentions[k].type in {"EVENT", "NAMED_EVENT"}:
                    return k
        return None

    def _dedupe(self, roles: list[tuple[int, str]]) -> list[tuple[int, str]]:
        seen: dict[int, str] = {}
        for k, r in roles:
            if self.mentions[k].type in {"EVENT", "NAMED_EVENT"}:
                continue
            seen.setdefault(k, r)
        return list(seen.items())


_QUOTES = '"“”«»'


def _inside_quotes(text: str, sentence_start: int, offset: int) -> bool:
    """Whether an offset lies inside a quotation that opened in its sentence (or its paragraph)."""
    start = text.rfind("\n\n", 0, offset)
    start = max(start, 0) if start >= 0 else sentence_start
    return sum(text.count(q, start, offset) for q in _QUOTES) % 2 == 1


def _as_date(tv: TimeValue) -> TimeValue:
    """Events are dated to the day: a TIME value ("1997-04-02T10:30") keeps its day."""
    if tv.type == "TIME" and "T" in tv.value:
        return TimeValue(
            tv.text, tv.start, tv.end, "DATE", tv.value.split("T")[0], tv.begin, tv.end_day, tv.mod
        )
    return tv


def event_mentions(
    doc: Doc, doc_id: str, mentions: Sequence[EntityMention], times: Sequence[TimeValue], published=None
) -> list[EventMention]:  # type: ignore[no-untyped-def]
    """Every event mention of a parsed document (before in-document merging)."""
    return EventExtractor(doc, doc_id, mentions, times, published).extract()
