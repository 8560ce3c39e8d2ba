"""The namespaces kg writes, as rdflib ``DefinedNamespace`` classes (a typo is an AttributeError).

Every term here is declared, with a label and a comment, in ``ontology/kg.ttl`` (a test checks it).

The graph model, in short (prefix ``kg:`` = KG, resources under ``KGR``):

* ``kg:Document`` (docId, title, url, published, sourceOutlet, contentHash, extractorVersion)
  one named graph per document: ``<KGR>graph/doc/{slug}``.
* ``kg:Sentence`` (inDocument, text, start, end) - NIF-like context of every fact.
* ``kg:Mention`` (inDocument, inSentence, anchorOf, start, end, refersTo -> entity, roleLabel).
* entities ``kg:Person | kg:Country | kg:Organization | kg:Place | kg:NamedEvent`` (all ``kg:Entity``):
  rdfs:label, skos:altLabel, kg:wikidata "Q.." + owl:sameAs <http://www.wikidata.org/entity/Q..>,
  kg:country, kg:subtype, kg:geonamesId, geo:lat / geo:long.
* ``kg:EventMention`` in the document graph: eventType (skos concept), status, dateValue, dateStart,
  dateEnd, place, participation -> ``kg:Participation`` (actor, role), hasActor, trigger,
  inDocument, inSentence, start, end, confidence, extractorVersion, published, hasQuote, partOfEvent.
* ``kg:Event`` in the merged graph ``<KGR>graph/merged``: the same descriptive properties plus
  hasMention -> kg:EventMention, statusRecord -> ``kg:StatusRecord`` (status, asOf, fromDocument,
  dateValue), mergeConfidence, cameoCode, ploverCategory, partOfNamedEvent.
* ``kg:RoleFact`` (holder, roleLabel, roleOf, validFrom, validTo, asOf, derivedFrom mention).
* ``kg:Quote`` (quoteText, speaker, mentionsEntity, direct, start, end, inDocument).
* ``kg:Membership`` (member, organization, since, until, citation) in graph ``<KGR>graph/reference``.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace
from rdflib.term import URIRef

#: resources (documents, entities, events, graphs)
KGR = Namespace("https://w3id.org/kg/id/")
#: event type concepts (ontology/event-types.ttl)
KGT = Namespace("https://w3id.org/kg/event-type/")
#: participant role concepts
KGROLE = Namespace("https://w3id.org/kg/role/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEONAMES = Namespace("https://sws.geonames.org/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
#: CAMEO event codes as SKOS concepts (ontology/event-types.ttl), e.g. ``CAMEO["036"]``
CAMEO = Namespace("https://w3id.org/kg/cameo/")
#: PLOVER event categories as SKOS concepts (ontology/event-types.ttl), e.g. ``PLOVER.CONSULT``
PLOVER = Namespace("https://w3id.org/kg/plover/")

MERGED_GRAPH = URIRef(KGR["graph/merged"])
REFERENCE_GRAPH = URIRef(KGR["graph/reference"])


class KG(DefinedNamespace):
    """The kg ontology (ontology/kg.ttl)."""

    _NS = Namespace("https://w3id.org/kg/ontology#")
    _fail = True

    # classes
    Document: URIRef
    Sentence: URIRef
    Mention: URIRef
    Entity: URIRef
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Place: URIRef
    NamedEvent: URIRef
    Event: URIRef
    EventMention: URIRef
    Participation: URIRef
    StatusRecord: URIRef
    RoleFact: URIRef
    Quote: URIRef
    Membership: URIRef
    EventType: URIRef
    ParticipantRole: URIRef

    # document
    docId: URIRef
    title: URIRef
    url: URIRef
    published: URIRef
    sourceOutlet: URIRef
    contentHash: URIRef
    extractorVersion: URIRef

    # sentences and mentions
    inDocument: URIRef
    inSentence: URIRef
    text: URIRef
    start: URIRef
    end: URIRef
    anchorOf: URIRef
    refersTo: URIRef
    roleLabel: URIRef

    # entities
    key: URIRef
    localId: URIRef
    wikidata: URIRef
    country: URIRef
    subtype: URIRef
    geonamesId: URIRef

    # events
    eventType: URIRef
    status: URIRef
    dateValue: URIRef
    dateStart: URIRef
    dateEnd: URIRef
    dateGranularity: URIRef
    dateModifier: URIRef
    place: URIRef
    hasActor: URIRef
    participation: URIRef
    actor: URIRef
    role: URIRef
    trigger: URIRef
    confidence: URIRef
    mergeConfidence: URIRef
    cameoCode: URIRef
    ploverCategory: URIRef
    hasMention: URIRef
    partOfEvent: URIRef
    partOfNamedEvent: URIRef
    statusRecord: URIRef
    asOf: URIRef
    fromDocument: URIRef
    currentStatus: URIRef

    # roles in time
    holder: URIRef
    roleOf: URIRef
    validFrom: URIRef
    validTo: URIRef
    derivedFrom: URIRef

    # quotes
    hasQuote: URIRef
    quoteText: URIRef
    speaker: URIRef
    mentionsEntity: URIRef
    direct: URIRef

    # memberships
    member: URIRef
    organization: URIRef
    since: URIRef
    until: URIRef
    citation: URIRef


def _bind_terms(namespace: type[DefinedNamespace]) -> None:
    """Make each declared term a plain class attribute.

    rdflib builds a new URIRef on every ``KG.term`` access (0.7 µs, and a string hash again
    wherever the term is a dict key); the writers read these terms about 300 times per document.
    Undeclared names still raise AttributeError.
    """
    for name in namespace.__annotations__:
        type.__setattr__(namespace, name, namespace._NS[name])


_bind_terms(KG)
