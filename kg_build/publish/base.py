"""What every publishing step shares: the dump formats and their file names, the IRIs of the
dataset and of the gazetteer graph, new graphs with our prefixes, and world-readable atomic
writes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import Namespace
from rdflib.term import Node

from ..build import write_atomic
from ..errors import KgBuildError
from ..vocab import data_prefixes

SPDX = Namespace("http://spdx.org/rdf/terms#")
Triple = tuple[Node, Node, Node]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    rdflib: str
    media_type: str
    suffix: str
    w3c: str  # http://www.w3.org/ns/formats/ IRI, for void:feature


FORMATS: dict[str, Format] = {
    "ttl": Format("ttl", "turtle", "text/turtle", ".ttl", "Turtle"),
    "nt": Format("nt", "nt", "application/n-triples", ".nt", "N-Triples"),
    "jsonld": Format("jsonld", "json-ld", "application/ld+json", ".jsonld", "JSON-LD"),
    "trig": Format("trig", "trig", "application/trig", ".trig", "TriG"),
    "nq": Format("nq", "nquads", "application/n-quads", ".nq", "N-Quads"),
}
DATASET_FILES = tuple(f"kg{f.suffix}" for f in FORMATS.values())


class PublishError(KgBuildError):
    """Publishing to a store or a directory failed."""


def _write(path: Path, data: bytes) -> None:
    """Write atomically and make the file world-readable (a web server serves it)."""
    import os

    write_atomic(path, data)
    os.chmod(path, 0o644)


def gazetteer_graph(base: str) -> URIRef:
    return URIRef(base + "graph/gazetteer")


def dataset_iri(base: str) -> URIRef:
    return URIRef(base + "dataset")


def _new_graph(base: str) -> Graph:
    g = Graph(bind_namespaces="core")
    for prefix, namespace in data_prefixes(base).items():
        g.bind(prefix, namespace, override=True)
    return g


def _sorted_lines(data: str) -> list[str]:
    return sorted(line for line in data.splitlines() if line.strip())
