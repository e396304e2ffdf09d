"""Named graphs: each report's facts live in the graph named by the report's IRI (the report node,
the descriptions of the entities it mentions, the relations its evidence supports with that
evidence, and its observations with their indicators); the gazetteer-derived facts live in
``<base>graph/gazetteer``; the ontology in ``<ontology IRI>``.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS
from rdflib.term import Node

from ..validate import graph_base, load_ontology
from ..vocab import KG, ONTOLOGY_IRI
from .base import Triple, _new_graph, gazetteer_graph


def partition(graph: Graph, base: str | None = None) -> dict[URIRef | None, set[Triple]]:
    """Split the data graph into named graphs (see the module docstring). Key ``None`` is the
    default graph: triples no rule places (empty for a graph kg-build built)."""
    base = base or graph_base(graph)
    relations = set(graph.transitive_subjects(RDFS.subPropertyOf, KG.relation)) | {
        KG.partnersWith, KG.assists, KG.supports, KG.locatedIn, KG.establishes, KG.hosts, KG.enacts, KG.implements}
    parts: dict[URIRef | None, set[Triple]] = {}
    placed: set[Triple] = set()

    def put(name: URIRef, triples: Iterable[Triple]) -> None:
        bucket = parts.setdefault(name, set())
        for triple in triples:
            bucket.add(triple)
            placed.add(triple)

    def describe(name: URIRef, node: Node) -> None:  # a node's own statements, not its relations
        put(name, (t for t in graph.triples((node, None, None)) if t[1] not in relations))

    def evidence(name: URIRef, node: Node) -> None:
        describe(name, node)
        s, p, o = graph.value(node, RDF.subject), graph.value(node, RDF.predicate), graph.value(node, RDF.object)
        if s is not None and p is not None and o is not None and (s, p, o) in graph:
            put(name, [(s, p, o)])

    for report in sorted(graph.subjects(RDF.type, KG.Report), key=str):
        assert isinstance(report, URIRef)
        describe(report, report)
        for entity in list(graph.objects(report, KG.mentions)) + list(graph.objects(report, KG.issuer)):
            describe(report, entity)
        for node in graph.subjects(PROV.wasDerivedFrom, report):
            if (node, RDF.type, KG.Evidence) in graph:
                evidence(report, node)
            else:
                describe(report, node)
                for indicator in graph.objects(node, KG.indicator):
                    describe(report, indicator)
    gazetteer = gazetteer_graph(base)
    for node in graph.subjects(KG.derivation, KG.GazetteerDerivation):
        evidence(gazetteer, node)
    described = {s for s, p, _ in placed if p == RDF.type}
    for subject in sorted(set(graph.subjects(RDF.type, None)) - described, key=str):  # e.g. parent areas
        describe(gazetteer, subject)
    rest = {t for t in graph if t not in placed}
    if rest:
        parts[None] = rest
    return parts


def named_graphs(graph: Graph, *, with_ontology: bool = True) -> dict[URIRef | None, Graph]:
    """The partition as rdflib graphs, plus the ontology graph, in a stable order."""
    from rdflib.compare import to_canonical_graph

    base = graph_base(graph)
    out: dict[URIRef | None, Graph] = {}
    parts = partition(graph, base)
    for name in sorted(parts, key=lambda n: (n is not None, str(n))):
        g = _new_graph(base)
        for triple in parts[name]:
            g.add(triple)
        out[name] = g
    if with_ontology:
        ontology = _new_graph(base)
        for triple in to_canonical_graph(load_ontology()):  # blank-node ids stable across runs
            ontology.add(triple)
        out[URIRef(ONTOLOGY_IRI)] = ontology
    return out
