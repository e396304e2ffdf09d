"""The closed KG namespace and the prefix table. Only this module spells IRIs.

`KG` mirrors `ontology/kg.ttl` term for term (a test compares the two), and
`DefinedNamespace` rejects a misspelled term at attribute access.
"""

from __future__ import annotations

from enum import StrEnum

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg-build/ontology"
DEFAULT_BASE = "https://w3id.org/kg-build/id/"


class KG(DefinedNamespace):
    """Terms of the kg-build ontology."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    Entity: URIRef
    AdministrativeArea: URIRef
    Organization: URIRef
    Program: URIRef
    PolicyDocument: URIRef
    Place: URIRef
    Event: URIRef
    Person: URIRef
    Report: URIRef
    Indicator: URIRef
    Observation: URIRef
    Evidence: URIRef
    Derivation: URIRef
    TextExtraction: URIRef
    GazetteerDerivation: URIRef
    NameDerivation: URIRef
    # relations
    relation: URIRef
    partnersWith: URIRef
    assists: URIRef
    supports: URIRef
    locatedIn: URIRef
    establishes: URIRef
    hosts: URIRef
    enacts: URIRef
    implements: URIRef
    # entities and reports
    code: URIRef
    level: URIRef
    mentions: URIRef
    issuer: URIRef
    speaker: URIRef
    title: URIRef
    year: URIRef
    date: URIRef
    office: URIRef
    sourceFile: URIRef
    sourceFormat: URIRef
    encoding: URIRef
    checksum: URIRef
    characters: URIRef
    # observations
    indicator: URIRef
    area: URIRef
    period: URIRef
    value: URIRef
    unit: URIRef
    normalizedValue: URIRef
    baseUnit: URIRef
    changePercent: URIRef
    changePoints: URIRef
    isTarget: URIRef
    # evidence
    derivation: URIRef
    planned: URIRef
    sentence: URIRef
    sentenceStart: URIRef
    sentenceEnd: URIRef
    evidenceStart: URIRef
    evidenceEnd: URIRef
    cue: URIRef


class EntityClass(StrEnum):
    """Entity classes; values are the ontology's local names."""

    AREA = "AdministrativeArea"
    ORGANIZATION = "Organization"
    PROGRAM = "Program"
    POLICY = "PolicyDocument"
    PLACE = "Place"
    EVENT = "Event"
    PERSON = "Person"

    @property
    def iri(self) -> URIRef:
        return KG[self.value]


class RelationKind(StrEnum):
    """Relation kinds; values are the ontology's local names."""

    PARTNERS_WITH = "partnersWith"
    ASSISTS = "assists"
    SUPPORTS = "supports"
    LOCATED_IN = "locatedIn"
    ESTABLISHES = "establishes"
    HOSTS = "hosts"
    ENACTS = "enacts"
    IMPLEMENTS = "implements"

    @property
    def iri(self) -> URIRef:
        return KG[self.value]


# Path segment of each kind of resource under the base IRI.
SEGMENT = {
    EntityClass.AREA: "area",
    EntityClass.ORGANIZATION: "organization",
    EntityClass.PROGRAM: "program",
    EntityClass.POLICY: "document",
    EntityClass.PLACE: "place",
    EntityClass.EVENT: "event",
    EntityClass.PERSON: "person",
}

PREFIXES: dict[str, Namespace] = {
    "kg": Namespace(ONTOLOGY_IRI + "#"),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "dcterms": Namespace(str(DCTERMS)),
    "dcat": Namespace(str(DCAT)),
    "void": Namespace(str(VOID)),
}


def data_prefixes(base: str) -> dict[str, Namespace]:
    """The prefixes bound in a data graph: ours, the core ones, and one per kind of resource."""
    table = dict(PREFIXES)
    for segment in sorted(set(SEGMENT.values()) | {"report", "indicator", "observation", "evidence"}):
        table[segment] = Namespace(base + segment + "/")
    return table
