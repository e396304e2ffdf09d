"""Publishing: exports in five RDF formats (named graphs per report), the VoID/DCAT description
``void.ttl``, a static linked-data site, and pushing graphs to a store (SPARQL 1.1 Graph Store
HTTP Protocol).

Named graphs: each report's facts live in the graph named by the report's IRI (the report node, the
descriptions of the entities it mentions, the relations its evidence supports with that evidence,
and its observations with their indicators); the gazetteer-derived facts live in
``<base>graph/gazetteer``; the ontology in ``<ontology IRI>``.

The subpackage's modules: ``base`` (formats, dataset IRIs, writes), ``graphs`` (the named-graph
partition), ``dumps`` (export formats), ``void`` (the VoID/DCAT description), ``graph_store``
(:func:`push`) and ``static_site`` (:func:`publish_site`).
"""

from __future__ import annotations

from .base import DATASET_FILES, FORMATS, SPDX, Format, PublishError, Triple, dataset_iri, gazetteer_graph
from .dumps import UNKNOWN_FORMAT, export, jsonld_context, render, render_ntriples
from .graph_store import PUSH_FAILED, UNKNOWN_GRAPH, push
from .graphs import named_graphs, partition
from .static_site import Site, publish_site
from .void import default_description, describe_dataset, refresh_void, write_void

__all__ = [
    "DATASET_FILES", "FORMATS", "PUSH_FAILED", "SPDX", "UNKNOWN_FORMAT", "UNKNOWN_GRAPH",
    "Format", "PublishError", "Site", "Triple",
    "dataset_iri", "default_description", "describe_dataset", "export", "gazetteer_graph", "jsonld_context",
    "named_graphs", "partition", "publish_site", "push", "refresh_void", "render", "render_ntriples", "write_void",
]
