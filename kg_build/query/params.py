"""Query parameters: ``name=value`` strings bound as RDF terms of the declared kinds, written
in SPARQL syntax with every special character escaped, and placed in a ``VALUES`` block at the
start of a query's WHERE group (for pyoxigraph, which has no ``initBindings``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier as Node

from ..errors import QueryError
from ..vocab import KG, EntityClass
from .named import NamedQuery, Param, _scan, _where

UNKNOWN_PARAM = "query '{name}' has no parameter '{param}'; its parameters are: {names}."
BAD_PARAM = "parameter '{param}': {reason}"
NO_WHERE = "query {where} has no WHERE group to bind the parameters {names} into."


def bind_params(query: NamedQuery, given: Mapping[str, str] | None = None) -> dict[str, Node]:
    """Turn ``name=value`` strings into RDF terms by the declared kinds; declared parameters
    left out take their defaults. An inline query (no header) accepts any name."""
    given = dict(given or {})
    declared = {p.name: p for p in query.params}
    if declared:
        for name in given:
            if name not in declared:
                raise QueryError(UNKNOWN_PARAM.format(name=query.name, param=name, names=", ".join(declared)))
    bound: dict[str, Node] = {}
    for name in sorted(set(declared) | set(given)):
        param = declared.get(name, Param(name, "term"))
        value = given.get(name, param.default)
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(BAD_PARAM.format(param=name, reason="a name is letters, digits and '_'."))
        if value is None:
            raise QueryError(BAD_PARAM.format(param=name, reason="no value and no default; give --param "
                                              f"{name}=VALUE."))
        bound[name] = to_term(value, param.kind, name)
    return bound


_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def to_term(value: str, kind: str, name: str = "value") -> Node:
    """One parameter value as an RDF term of the given kind."""
    if kind == "label":
        return Literal(value, lang="zh")
    if kind == "string":
        return Literal(value)
    if kind == "gYear":
        if not re.fullmatch(r"-?\d{4}", value):
            raise QueryError(BAD_PARAM.format(param=name, reason=f"'{value}' is not a year such as 2019."))
        return Literal(value, datatype=XSD.gYear)
    if kind in ("integer", "decimal"):
        if not re.fullmatch(r"[+-]?\d+" if kind == "integer" else r"[+-]?(\d+(\.\d*)?|\.\d+)", value):
            raise QueryError(BAD_PARAM.format(param=name, reason=f"'{value}' is not an {kind}."))
        return Literal(value, datatype=XSD.integer if kind == "integer" else XSD.decimal)
    if kind == "class":
        local = value.rsplit("#", 1)[-1].removeprefix("kg:")
        if local not in {c.value for c in EntityClass}:
            raise QueryError(BAD_PARAM.format(param=name, reason=(
                f"'{value}' is not an entity class; use one of {', '.join(c.value for c in EntityClass)}.")))
        return KG[local]
    if kind == "iri" or (kind == "term" and value.startswith("<") and value.endswith(">")):
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", iri) or _IRI_BAD.search(iri):
            raise QueryError(BAD_PARAM.format(param=name, reason=f"'{value}' is not an absolute IRI."))
        return URIRef(iri)
    match = re.fullmatch(r'"(.*)"@([A-Za-z]+(?:-[A-Za-z0-9]+)*)', value, re.S)
    if match:
        return Literal(match[1], lang=match[2])
    return Literal(value)


def sparql_term(term: Node) -> str:
    """A term written in SPARQL syntax with every special character escaped."""
    if isinstance(term, URIRef):
        if _IRI_BAD.search(str(term)):
            raise QueryError(BAD_PARAM.format(param=str(term), reason="not a valid IRI."))
        return f"<{term}>"
    if isinstance(term, Literal):
        text = str(term)
        escaped = "".join(_ESCAPES.get(ch, ch) if ord(ch) >= 0x20 or ch in _ESCAPES else f"\\u{ord(ch):04X}"
                          for ch in text)
        if term.language:
            return f'"{escaped}"@{term.language}'
        if term.datatype and term.datatype != XSD.string:
            return f'"{escaped}"^^<{term.datatype}>'
        return f'"{escaped}"'
    raise QueryError(BAD_PARAM.format(param=str(term), reason="only IRIs and literals can be bound."))


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def with_values(query: NamedQuery, bindings: Mapping[str, Node]) -> tuple[str, tuple[int, int, int]]:
    """The query text with a ``VALUES`` row for ``bindings`` at the start of its WHERE group, and
    (line, column, length) of the insertion so error positions can be mapped back."""
    if not bindings:
        return query.text, (0, 0, 0)
    brace = _scan(query.text).where_brace
    if brace < 0:
        raise QueryError(NO_WHERE.format(where=_where(query), names=", ".join(sorted(bindings))))
    names = sorted(bindings)
    block = (" VALUES (" + " ".join("?" + n for n in names) + ") { ("
             + " ".join(sparql_term(bindings[n]) for n in names) + ") } ")
    line = query.text.count("\n", 0, brace) + 1
    column = brace - (query.text.rfind("\n", 0, brace) + 1) + 2
    return query.text[: brace + 1] + block + query.text[brace + 1 :], (line, column, len(block))
