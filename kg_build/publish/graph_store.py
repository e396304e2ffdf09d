"""Pushing graphs to a store over the SPARQL 1.1 Graph Store HTTP Protocol: one PUT per named
graph, so each report's graph is replaced atomically."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph, URIRef

from ..errors import InputError
from ..validate import load_built_graph
from .base import PublishError
from .dumps import render_ntriples
from .graphs import named_graphs

UNKNOWN_GRAPH = "no named graph <{graph}> in {path}; the graphs are: {known}."
PUSH_FAILED = "{endpoint}: PUT of graph <{graph}> failed: {reason}; is it a SPARQL 1.1 Graph Store endpoint (Oxigraph: http://HOST:PORT/store)?"


def push(out_dir: Path, endpoint: str, graph_iri: str | None = None, *, timeout: float = 60.0,
         graphs: Mapping[URIRef | None, Graph] | None = None) -> list[tuple[str, int]]:
    """PUT each named graph (or only ``graph_iri``) to a SPARQL 1.1 Graph Store endpoint. A PUT
    replaces the whole graph in one request, so a report's graph is swapped atomically.
    Returns (graph IRI or "default", triples) per graph sent."""
    import urllib.error
    import urllib.parse
    import urllib.request

    graphs = graphs if graphs is not None else named_graphs(load_built_graph(out_dir))
    chosen = dict(graphs)
    if graph_iri is not None:
        key = URIRef(graph_iri)
        if key not in chosen:
            known = ", ".join(f"<{g}>" for g in graphs if g is not None)
            raise InputError(UNKNOWN_GRAPH.format(graph=graph_iri, path=out_dir / "kg.ttl", known=known))
        chosen = {key: graphs[key]}
    sent = []
    for name, part in chosen.items():
        query = "default" if name is None else urllib.parse.urlencode({"graph": str(name)})
        url = endpoint + ("&" if "?" in endpoint else "?") + query
        body = render_ntriples(part)
        request = urllib.request.Request(url, data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                response.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode("utf-8", "replace").strip()[:200]
            raise PublishError(PUSH_FAILED.format(endpoint=endpoint, graph=name, reason=f"HTTP {error.code} {detail}")) from error
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise PublishError(PUSH_FAILED.format(endpoint=endpoint, graph=name, reason=str(reason))) from error
        sent.append(("default" if name is None else str(name), len(part)))
    return sent
