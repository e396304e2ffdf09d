"""Named SPARQL queries (``queries/*.rq``), the embedded store, execution and result formats.

Two engines answer the same queries: pyoxigraph, over an on-disk store kept in ``DIR/store`` and
rebuilt when ``DIR/kg.ttl`` changes, and rdflib, over the parsed Turtle. Parameters are bound as
RDF terms, never spliced into the text: rdflib gets ``initBindings``; pyoxigraph gets a ``VALUES``
block built from escaped terms and placed at the start of the WHERE group. So that both engines
agree, a named query uses its parameters only in its top-level WHERE group.

    >>> from kg_build.query import load_queries
    >>> "partners" in load_queries()
    True

The subpackage's modules: ``named`` (query files, their headers, resolving a name), ``params``
(binding parameters as terms, the ``VALUES`` block), ``store`` (the cached rdflib graph and
pyoxigraph store), ``engines`` (execution, :func:`run`, :func:`query`) and ``results``
(:class:`Result` and its formats).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from .engines import ENGINES, EVALUATION, QueryTimeout, execute, from_oxigraph, query, run
from .named import (BAD_HEADER, PARAM_KINDS, SYNTAX, UNKNOWN_QUERY, NamedQuery, Param, load_queries, queries_dir,
                    resolve)
from .params import BAD_PARAM, NO_WHERE, UNKNOWN_PARAM, bind_params, sparql_term, to_term, with_values
from .results import FORMATS, GRAPH_FORMATS, Result, serialize, short, term_json, to_json
from .store import STORE_META, ensure_store, graph_path, load_graph, open_store

__all__ = [
    "BAD_HEADER", "BAD_PARAM", "ENGINES", "EVALUATION", "FORMATS", "GRAPH_FORMATS", "NO_WHERE", "PARAM_KINDS",
    "STORE_META", "SYNTAX", "UNKNOWN_PARAM", "UNKNOWN_QUERY",
    "NamedQuery", "Param", "QueryTimeout", "Result",
    "bind_params", "ensure_store", "execute", "from_oxigraph", "graph_path", "load_graph", "load_queries",
    "open_store", "queries_dir", "query", "resolve", "run", "serialize", "short", "sparql_term", "term_json",
    "to_json", "to_term", "with_values",
]


class _CallableModule(types.ModuleType):
    """Importing ``kg_build.query`` makes the submodule the package attribute ``kg_build.query``,
    which would hide the lazily exported function; calling the module calls :func:`query`."""

    def __call__(self, name_or_text: str, **kwargs: Any) -> Any:
        return query(name_or_text, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
