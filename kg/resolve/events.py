"""In-document event resolution: link participants to entities, then one event per occurrence.

"Putin will meet Xi ... the talks on 26 April" is one MEETING; "Putin said" sentences around an
interview are the interview's STATEMENT unless they give another audience or date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

from kg.extract.lexicon import lexicon
from kg.records import Entity, EventMention, Participant, Span, TimeValue
from kg.resolve.entities import DocumentResolver
from kg.resolve.quotes import link_quotes

_ACTOR_TYPES = frozenset({"PERSON", "COUNTRY", "ORGANIZATION"})


def _granularity_days(tv: TimeValue | None) -> int:
    if tv is None or tv.begin is None or tv.end_day is None:
        return 10**6
    return (tv.end_day - tv.begin).days


def is_dateline(tv: TimeValue | None) -> bool:
    """A date taken from the article's dateline, not stated in the text (it has no surface text)."""
    return tv is not None and not tv.text


def times_compatible(a: TimeValue | None, b: TimeValue | None) -> bool:
    """Two event times can be the same occurrence: one is missing, or their spans overlap."""
    if a is None or b is None or is_dateline(a) or is_dateline(b):
        return True
    if a.begin is None or b.begin is None or a.end_day is None or b.end_day is None:
        return a.value == b.value or "REF" in a.value or "REF" in b.value
    return a.begin <= b.end_day and b.begin <= a.end_day


def more_specific(a: TimeValue | None, b: TimeValue | None) -> TimeValue | None:
    if a is None or (is_dateline(a) and b is not None and not is_dateline(b)):
        return b
    if b is None or (is_dateline(b) and not is_dateline(a)):
        return a
    return b if _granularity_days(b) < _granularity_days(a) else a


def link_participants(
    events: list[EventMention], resolver: DocumentResolver, entities: dict[str, Entity]
) -> list[EventMention]:
    """Replace mention references ("@3") with entity participants; drop events left without actors."""
    mentions = resolver.analysis.mentions
    dateline = resolver.analysis.dateline
    main_country: list[str | None] | None = None  # the document's main country, found once if needed
    out: list[EventMention] = []
    for ev in events:
        parts: list[Participant] = []
        seen: set[str] = set()
        place: Participant | None = None
        if ev.place is not None:
            idx = dateline if ev.place.key == "@dateline" else int(ev.place.key[1:])
            key = resolver.link.get(idx) if idx is not None else None
            if key and key in entities and entities[key].type in {"PLACE", "COUNTRY"}:
                place = _participant(entities[key], "place")
        for p in ev.participants:
            idx = int(p.key[1:])
            keys = [resolver.link.get(idx)] + resolver.extra.get(idx, [])
            for key in keys:
                if key is None or key in seen or key not in entities:
                    continue
                ent = entities[key]
                role = p.role
                if ent.type == "PLACE":
                    if ev.type == "VISIT" and role == "host":
                        # a city visited: the host is its country, the city is the place
                        if place is None:
                            place = _participant(ent, "place")
                        country = entities.get(ent.country or "")
                        if country is None and ent.country:
                            country = _country_entity(resolver, ent.country)
                            if country is not None:
                                entities.setdefault(country.key, country)
                        if country is not None and country.key not in seen:
                            seen.add(country.key)
                            parts.append(_participant(country, "host"))
                    continue
                if ent.type not in _ACTOR_TYPES:
                    continue
                if (
                    role == "audience"
                    and ent.type == "COUNTRY"
                    and not resolver.gaz.lookup(mentions[idx].text)
                ):
                    continue  # "an interview with Chinese newspaper X": the demonym only modifies
                seen.add(key)
                parts.append(_participant(ent, role))
        if ev.type == "VISIT":
            if any(p.role == "host" and p.type == "PERSON" for p in parts):
                continue  # "visit Fujimori": seeing a person is a meeting, not a visit to a place
            hosts = [p for p in parts if p.role == "host"]
            visitors = [p for p in parts if p.role == "visitor" and p.type in {"PERSON", "ORGANIZATION"}]
            if not visitors:
                continue
            if (
                not hosts
                and place is None
                and ev.place is None
                and ev.trigger.lower()
                not in {
                    "visit",
                    "visits",
                    "trip",
                    "trips",
                    "tour",
                    "tours",
                    "visitor",
                    "stop",
                    "stops",
                    "arrival",
                }
            ):
                # "goes to the polls", "which Clinton visited": a verb of motion or visiting is a visit
                # only with a destination (a nominal "his visit" may name it elsewhere)
                continue
            if place is None and hosts and hosts[0].type == "COUNTRY":
                place = Participant(hosts[0].key, hosts[0].label, hosts[0].type, "place", hosts[0].wikidata)
            parts = visitors + [p for p in parts if p.role != "visitor"]
        if ev.type == "MEETING" and len(parts) == 1 and parts[0].type == "COUNTRY":
            continue  # "discussions with Thailand": a meeting needs a named side that met
        if ev.type == "STATEMENT":
            speakers = [
                p
                for p in parts
                if p.role == "speaker" and _can_speak(entities[p.key]) and not _demonym_only(p, ev, resolver)
            ]
            if not speakers:
                continue
            parts = speakers + [p for p in parts if p.role != "speaker"]
            if main_country is None:
                main_country = [_main_country(resolver, entities)]
            if not _on_foreign_affairs(ev, parts, resolver, entities, main_country[0]):
                continue
        if not parts:
            continue
        named = None
        if ev.named_event:
            nkey = resolver.link.get(int(ev.named_event[1:]))
            if nkey in entities and entities[nkey].type == "NAMED_EVENT":
                named = nkey
        linked = replace(
            ev,
            participants=parts,
            place=place,
            named_event=named,
            quotes=link_quotes(ev.quotes, resolver, entities),
        )
        out.extend(_one_visit_per_country(linked))
    return _voiced_by_spokespeople(out, entities)


def _titles(ent: Entity) -> list[str]:
    """The titles the text gives an entity: at its mentions and in its role facts."""
    return [m.role or "" for m in ent.mentions] + [f.role for f in ent.roles]


def _spokesperson(ent: Entity) -> bool:
    return ent.type == "PERSON" and any("spokes" in r.lower() for r in _titles(ent))


def _voiced_by_spokespeople(events: list[EventMention], entities: dict[str, Entity]) -> list[EventMention]:
    """ "The foreign ministry said Monday ... the ministry's spokeswoman X told reporters": a
    ministry speaks through its spokesperson, so the two are one statement by the person."""
    spoken = {
        (ev.participants[0].key, event_date(ev)[0])
        for ev in events
        if ev.type == "STATEMENT" and _spokesperson(entities[ev.participants[0].key])
    }
    out = []
    for ev in events:
        speaker = entities[ev.participants[0].key] if ev.participants else None
        if ev.type == "STATEMENT" and speaker is not None and speaker.type == "ORGANIZATION":
            day = event_date(ev)[0]
            voice = next((key for key, d in sorted(spoken, key=str) if d == day), None)
            if voice is not None and (speaker.subtype == "ministry" or "ministry" in speaker.label.lower()):
                person = entities[voice]
                ev = replace(ev, participants=[_participant(person, "speaker"), *ev.participants[1:]])
        out.append(ev)
    return out


def _one_visit_per_country(ev: EventMention) -> list[EventMention]:
    """ "A tour that took in Indonesia and the Philippines" is a visit to each country."""
    hosts = [p for p in ev.participants if p.role == "host" and p.type == "COUNTRY"]
    if ev.type != "VISIT" or len(hosts) < 2:
        return [ev]
    visitors = [p for p in ev.participants if p.role == "visitor"]
    out = []
    for n, host in enumerate(hosts):
        place = ev.place if ev.place is not None and ev.place.key == host.key else None
        place = place or Participant(host.key, host.label, host.type, "place", host.wikidata)
        out.append(replace(ev, participants=[*visitors, host], place=place, local_id=f"{ev.local_id}-v{n}"))
    return out


_MEDIA = frozenset({"newspaper", "news agency", "broadcaster", "company", "media"})


def _can_speak(ent: Entity) -> bool:
    """An actor that makes statements: a person, a state or a non-media organization (an outlet
    reports statements; whether a statement counts is :func:`_on_foreign_affairs`'s question)."""
    if ent.type in {"PERSON", "COUNTRY"}:
        return True
    if ent.type == "ORGANIZATION":
        return ent.subtype not in _MEDIA and not any(m.role == "media" for m in ent.mentions)
    return False


def _country_of(ent: Entity, resolver: DocumentResolver) -> str | None:
    """The country an actor belongs to (its own key for a country); None when unknown."""
    if ent.type == "COUNTRY":
        return ent.key
    if ent.country:
        return ent.country
    for fact in ent.roles:
        of = resolver.gaz.get(fact.of) if fact.of else None
        if of is not None:
            return of.key if of.type == "COUNTRY" else of.country
    entry = resolver.gaz.get(ent.key)
    return entry.country if entry is not None else None


def _official(ent: Entity, resolver: DocumentResolver) -> bool:
    """A speaker who speaks for a state or an international body: a state, a ministry or an
    international organization, or a person whose title (in the text, or in the gazetteer on the
    document's date) is an office of state."""
    lex = lexicon()
    if ent.type == "COUNTRY":
        return True
    if ent.type == "ORGANIZATION":
        subtype = ent.subtype
        if subtype is None:
            entry = resolver.gaz.get(ent.key)
            subtype = entry.subtype if entry is not None else None
        return subtype in lex.official_org_subtypes
    titles = _titles(ent)
    entry = resolver.gaz.get(ent.key)
    day = resolver.published
    if entry is not None and day is not None:
        titles += [r.role for r in entry.roles if r.start is not None and r.covers(day)]
    return any(word in title.lower() for title in titles for word in lex.official_roles)


def _on_foreign_affairs(
    ev: EventMention,
    parts: list[Participant],
    resolver: DocumentResolver,
    entities: dict[str, Entity],
    main_country: str | None,
) -> bool:
    """Whether a statement counts (GUIDELINES: statements "on international affairs").

    An official's statement or one made to a named audience does; anyone else's only when its
    sentence names an actor or place of another country than the speaker's (the document's
    ``main_country`` when the speaker's is unknown), or an international organization. Party
    leaders on an election, or a company on a death, do not.
    """
    speaker = entities[parts[0].key]
    if any(p.role != "speaker" for p in parts) or _official(speaker, resolver):
        return True
    home = _country_of(speaker, resolver) or main_country
    for k, m in enumerate(resolver.analysis.mentions):
        if m.sentence_start != ev.source.sentence_start:
            continue
        for key in [resolver.link.get(k), *resolver.extra.get(k, [])]:
            ent = entities.get(key or "")
            if ent is None or ent.key == speaker.key:
                continue
            if ent.type == "ORGANIZATION" and _official(ent, resolver) and ent.country is None:
                return True
            other = _country_of(ent, resolver)
            if other is not None and other != home:
                return True
    return False


def _main_country(resolver: DocumentResolver, entities: dict[str, Entity]) -> str | None:
    """The country a document is mostly about (the most mentioned one)."""
    counts: dict[str, int] = defaultdict(int)
    for key in resolver.link.values():
        ent = entities.get(key or "")
        if ent is not None:
            country = _country_of(ent, resolver)
            if country:
                counts[country] += 1
    return max(sorted(counts), key=lambda c: counts[c]) if counts else None


def _demonym_only(p: Participant, ev: EventMention, resolver: DocumentResolver) -> bool:
    """A country that speaks only through a demonym ("a Thai official said") is not a named speaker."""
    if p.type != "COUNTRY":
        return False
    for orig in ev.participants:
        if orig.role == "speaker" and orig.key.startswith("@"):
            idx = int(orig.key[1:])
            text = resolver.analysis.mentions[idx].text
            # "Thai" is both a demonym and a (rare) alias of Thailand: the demonym reading wins
            if resolver.link.get(idx) == p.key and (
                not resolver.gaz.lookup(text) or resolver.gaz.demonym(text) is not None
            ):
                return True
    return False


def _country_entity(resolver: DocumentResolver, key: str) -> Entity | None:
    entry = resolver.gaz.get(key)
    if entry is None:
        return None
    return Entity(
        key=entry.key,
        label=entry.label,
        type=entry.type,
        wikidata=entry.wikidata,
        geonames=entry.geonames,
        lat=entry.lat,
        lon=entry.lon,
    )


def _participant(ent: Entity, role: str) -> Participant:
    return Participant(key=ent.key, label=ent.label, type=ent.type, role=role, wikidata=ent.wikidata)


def _first(ev: EventMention, role: str) -> str | None:
    return next((p.key for p in ev.participants if p.role == role), None)


def _others(ev: EventMention, role: str) -> set[str]:
    return {p.key for p in ev.participants if p.role == role}


def same_occurrence(a: EventMention, b: EventMention) -> bool:
    """Whether two mentions of one document state the same event."""
    if a.type != b.type or not times_compatible(a.time, b.time):
        return False
    if (
        a.place
        and b.place
        and a.place.key != b.place.key
        and a.type != "STATEMENT"
        and a.place.type == b.place.type  # a city and a country may both be right
    ):
        return False
    if a.type in {"STATEMENT", "VISIT"}:
        lead, other = ("speaker", "audience") if a.type == "STATEMENT" else ("visitor", "host")
        if _first(a, lead) != _first(b, lead) or _first(a, lead) is None:
            return False
        oa, ob = _others(a, other), _others(b, other)
        if oa and ob and not (oa & ob):
            return False
        if (
            a.type == "STATEMENT"
            and a.time
            and b.time
            and a.time.value != b.time.value
            and not (is_dateline(a.time) or is_dateline(b.time))
        ):
            return False  # statements on different days are different statements
        if a.type == "STATEMENT" and _dateline_against_other_day(a, b):
            return False
        return True
    pa = {p.key for p in a.participants}
    pb = {p.key for p in b.participants}
    inter = pa & pb
    if not inter:
        return False
    return len(inter) / len(pa | pb) >= 0.5 or pa <= pb or pb <= pa


#: how far (in characters) an undated "he said" may follow a dated statement of the same speaker and
#: still be read as the same statement (a quote continued over the next paragraph or two)
_CONTINUATION_CHARS = 400


def _dateline_against_other_day(a: EventMention, b: EventMention) -> bool:
    """An undated "X said" far from X's statement of another stated day is another statement.

    Wire copy dates the day's remarks by the dateline ("X said") and earlier ones explicitly ("X
    said Wednesday"); only a nearby "he said" continues the dated statement.
    """
    if a.time is None or b.time is None or is_dateline(a.time) == is_dateline(b.time):
        return False
    if a.time.value == b.time.value:
        return False
    distance = abs(a.source.sentence_start - b.source.sentence_start)
    return distance > _CONTINUATION_CHARS


def merge_mentions(a: EventMention, b: EventMention) -> EventMention:
    """One event mention from two of the same document (b folded into a)."""
    keys = {p.key for p in a.participants}
    parts = list(a.participants) + [p for p in b.participants if p.key not in keys]
    status = a.status
    if "cancelled" in (a.status, b.status):
        status = "cancelled"
    return replace(
        a,
        participants=parts,
        place=_finer_place(a.place, b.place),
        time=more_specific(a.time, b.time),
        status=status,
        confidence=round(min(0.99, max(a.confidence, b.confidence) + 0.05), 2),
        quotes=a.quotes + b.quotes,
        more_sources=[*a.more_sources, b.source, *b.more_sources],
        named_event=a.named_event or b.named_event,
    )


def _finer_place(a: Participant | None, b: Participant | None) -> Participant | None:
    """The more specific of two places of one event: a city over its country."""
    if a is None:
        return b
    if b is not None and a.type == "COUNTRY" and b.type == "PLACE":
        return b
    return a


def merge_in_document(events: list[EventMention]) -> list[EventMention]:
    """Merge the mentions of one document that state the same event (text order kept).

    A statement made to an outlet or a body (an interview, an address) keeps no dateline date: the
    day it was given is not the day the article reports it.
    """
    merged = _dated_by_visits(_merge(events))
    return [
        replace(ev, time=None)
        if ev.type == "STATEMENT"
        and is_dateline(ev.time)
        and (
            any(p.role == "audience" and p.type == "ORGANIZATION" for p in ev.participants)
            or any(_trigger_word(span) in _WRITTEN for span in [ev.source, *ev.more_sources])
        )
        else ev
        for ev in merged
    ]


#: triggers of written statements, which the report's day does not date ("sent a message")
_WRITTEN = frozenset({"sent", "sends", "send", "wrote", "writes", "write", "letter", "message"})


def _trigger_word(span: Span) -> str:
    """The trigger a source span points at, lower-cased."""
    return span.sentence[span.start - span.sentence_start : span.end - span.sentence_start].lower()


def _dated_by_visits(events: list[EventMention]) -> list[EventMention]:
    """ "Kasuri will visit Afghanistan this week for talks ... Kasuri's December 7-9 visit": talks
    dated only coarsely (a week, a month) inside the visit of one of their sides take the visit's
    finer dates."""
    visits = [ev for ev in events if ev.type == "VISIT" and ev.time is not None and not is_dateline(ev.time)]
    out = []
    for ev in events:
        tv = ev.time
        if ev.type == "MEETING" and tv is not None and tv.begin and tv.end_day and not is_dateline(tv):
            keys = {p.key for p in ev.participants}
            for visit in visits:
                inner = visit.time
                assert inner is not None
                if (
                    _first(visit, "visitor") in keys
                    and inner.begin
                    and inner.end_day
                    and tv.begin <= inner.begin
                    and inner.end_day <= tv.end_day
                    and _granularity_days(inner) < _granularity_days(tv)
                ):
                    ev = replace(ev, time=inner)
                    break
        out.append(ev)
    return out


def _merge(events: list[EventMention]) -> list[EventMention]:
    merged: list[EventMention] = []
    for ev in events:
        target = None
        # prefer the richest compatible event (an interview with an outlet over a bare "said")
        candidates = [k for k, m in enumerate(merged) if same_occurrence(m, ev)]
        if candidates:
            value = ev.time.value if ev.time else None

            def preference(
                k: int, value: str | None = value, ev: EventMention = ev
            ) -> tuple[bool, bool, int, int]:
                m = merged[k]
                return (
                    (m.time.value if m.time else None) == value,
                    m.source.sentence_start == ev.source.sentence_start,
                    len(m.participants),
                    -k,
                )

            target = max(candidates, key=preference)
        if target is None:
            merged.append(ev)
        else:
            merged[target] = merge_mentions(merged[target], ev)
    return merged


def event_date(ev: EventMention) -> tuple[str | None, date | None, date | None]:
    """The TIMEX3 value and day bounds of an event mention's time (interval for week-ends)."""
    tv = ev.time
    if tv is None:
        return None, None, None
    value = tv.value
    if value.endswith("-WE") and tv.begin and tv.end_day:
        value = f"{tv.begin.isoformat()}/{tv.end_day.isoformat()}"
    return value, tv.begin, tv.end_day
