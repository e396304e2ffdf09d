"""Execution on either engine (pyoxigraph or rdflib) with row limits and deadlines, and the
entry points :func:`run` and :func:`query`.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier as Node

from ..errors import QueryError
from ..vocab import DEFAULT_BASE, data_prefixes
from .named import NamedQuery, _scan, _syntax_error, _where, resolve
from .params import bind_params, with_values
from .results import Result
from .store import load_graph, open_store

ENGINES = ("oxigraph", "rdflib")

EVALUATION = "query {where} failed: {message}"


def execute(query: NamedQuery, bindings: Mapping[str, Node] | None = None, *, out: str | Path = "out",
            engine: str = "oxigraph", limit: int | None = None, deadline: float | None = None,
            memory: bool = False, source: Any = None) -> Result:
    """Run ``query`` with ``bindings`` on one engine. ``limit`` caps rows or triples (the result
    says when it was cut); ``deadline`` (a ``time.monotonic()`` value) stops a long stream;
    ``memory`` queries an in-memory copy of the store. ``source`` overrides the store or graph
    taken from ``out``."""
    bindings = dict(bindings or {})
    if engine not in ENGINES:
        raise QueryError(f"unknown engine '{engine}'; use one of {', '.join(ENGINES)}.")
    if engine == "oxigraph":
        store = source if source is not None else open_store(out, memory=memory)
        return _execute_oxigraph(query, bindings, store, limit, deadline)
    return _execute_rdflib(query, bindings, source if source is not None else load_graph(out), limit, deadline)


def _execute_oxigraph(query: NamedQuery, bindings: dict[str, Node], store: Any, limit: int | None,
                      deadline: float | None) -> Result:
    text, (line, column, length) = with_values(query, bindings)
    try:
        answer = store.query(text)
    except SyntaxError as error:
        message = str(error)
        found = re.search(r"(\d+):(\d+)", message)
        at_line, at_col = (int(found[1]), int(found[2])) if found else (1, 1)
        if at_line == line and at_col > column:
            at_col = max(column, at_col - length)
        raise _syntax_error(query, at_line, at_col, re.sub(r"^error at \d+:\d+:\s*", "", message)) from error
    except (OSError, RuntimeError, ValueError) as error:
        raise QueryError(EVALUATION.format(where=_where(query), message=error)) from error
    try:
        result = _collect_oxigraph(query, answer, limit, deadline)
    except (OSError, RuntimeError, ValueError) as error:
        raise QueryError(EVALUATION.format(where=_where(query), message=error)) from None
    finally:
        answer = None  # pyoxigraph results must be dropped on the thread that made them
    if result.timed_out:
        raise QueryTimeout(f"query {_where(query)} ran out of time; add a LIMIT or narrow the pattern.")
    return result


def _collect_oxigraph(query: NamedQuery, answer: Any, limit: int | None, deadline: float | None) -> Result:
    import pyoxigraph as ox

    if isinstance(answer, ox.QueryBoolean):
        return Result("ASK", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        names = [v.value for v in answer.variables]
        result = Result("SELECT", variables=names)
        seen: dict[Any, Node] = {}  # labels, units and flags repeat: convert each term once
        for solution in _capped(answer, limit, deadline, result):
            row = {}
            for index, name in enumerate(names):
                value = solution[index]
                if value is not None:
                    term = seen.get(value)
                    if term is None:
                        term = seen[value] = from_oxigraph(value)
                    row[name] = term
            result.rows.append(row)
        return result
    graph = _new_graph()
    result = Result(_scan(query.text).form or "CONSTRUCT", graph=graph)
    for triple in _capped(answer, limit, deadline, result):
        graph.add((from_oxigraph(triple.subject), from_oxigraph(triple.predicate), from_oxigraph(triple.object)))
    return result


def _capped(items: Any, limit: int | None, deadline: float | None, result: Result) -> Iterator[Any]:
    for count, item in enumerate(items):
        if limit is not None and count >= limit:
            result.truncated = True
            return
        if deadline is not None and time.monotonic() > deadline:
            result.timed_out = True
            return
        yield item


class QueryTimeout(QueryError):
    """A query did not finish before its deadline."""


_XSD_STRING = str(XSD.string)


@functools.lru_cache(maxsize=64)
def _datatype(iri: str) -> URIRef:
    return URIRef(iri)


def from_oxigraph(term: Any) -> Node:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=_datatype(datatype))
    raise QueryError(f"cannot represent the term {term!r} (RDF-star triples are not supported).")


def _execute_rdflib(query: NamedQuery, bindings: dict[str, Node], graph: Graph, limit: int | None,
                    deadline: float | None) -> Result:
    from pyparsing import ParseException

    try:
        answer = graph.query(query.text, initBindings=bindings)
        if answer.type == "ASK":
            return Result("ASK", boolean=bool(answer.askAnswer))
        if answer.type == "SELECT":
            names = [str(v) for v in answer.vars or []]
            result = Result("SELECT", variables=names)
            for solution in _capped(answer, limit, deadline, result):
                result.rows.append({name: solution[name] for name in names if solution[name] is not None})
            return _checked(result, query)
        out = _new_graph()
        result = Result(_scan(query.text).form or "CONSTRUCT", graph=out)
        for triple in _capped(answer, limit, deadline, result):
            out.add(triple)
        return _checked(result, query)
    except ParseException as error:
        raise _syntax_error(query, error.lineno, error.col, str(error.msg)) from error
    except QueryError:
        raise
    except Exception as error:  # rdflib raises many kinds; the user needs the message
        raise QueryError(EVALUATION.format(where=_where(query), message=error)) from error


def _checked(result: Result, query: NamedQuery) -> Result:
    if result.timed_out:
        raise QueryTimeout(f"query {_where(query)} ran out of time; add a LIMIT or narrow the pattern.")
    return result


def _new_graph() -> Graph:
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in data_prefixes(DEFAULT_BASE).items():
        graph.bind(prefix, namespace, override=True)
    return graph


def run(name_or_text: str, *, out: str | Path = "out", params: Mapping[str, str] | None = None,
        engine: str = "oxigraph", limit: int | None = None) -> Result:
    """Resolve a query (name, file or text), bind its parameters and run it."""
    named = resolve(name_or_text)
    return execute(named, bind_params(named, params), out=out, engine=engine, limit=limit)


def query(name_or_text: str, *, out: str | Path = "out", params: Mapping[str, str] | None = None,
          engine: str = "oxigraph") -> Any:
    """Run a named query, a ``.rq`` file or SPARQL text over ``DIR/kg.ttl``.

    Returns a list of rows (dicts of rdflib terms) for SELECT, a bool for ASK and an
    ``rdflib.Graph`` for CONSTRUCT and DESCRIBE.

        >>> rows = query("partners", out="out", params={"area": "西城区"})  # doctest: +SKIP
        >>> sorted(str(r["partnerLabel"]) for r in rows)                    # doctest: +SKIP
    """
    result = run(name_or_text, out=out, params=params, engine=engine)
    if result.form == "SELECT":
        return result.rows
    if result.form == "ASK":
        return result.boolean
    return result.graph
