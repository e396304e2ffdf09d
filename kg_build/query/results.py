"""Query results: the :class:`Result` of a query and its serializations (an aligned text table,
CSV, TSV, SPARQL JSON and XML results for rows and booleans; Turtle, JSON-LD or N-Triples for
graphs).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier as Node

from ..errors import QueryError
from ..vocab import DEFAULT_BASE, data_prefixes
from .params import sparql_term

FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "json-ld", "nt")


@dataclass(slots=True)
class Result:
    """What a query returned, as rdflib terms: rows (SELECT), a boolean (ASK) or a graph."""

    form: str
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Node]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None
    truncated: bool = False
    timed_out: bool = False

    def serialize(self, fmt: str = "table") -> str:
        """The result as text: table, csv, tsv, json or xml for rows and booleans; turtle,
        json-ld or nt for graphs (a graph asked for in a row format is written as Turtle)."""
        return serialize(self, fmt)


def serialize(result: Result, fmt: str = "table") -> str:
    if result.graph is not None:
        graph_format = {"json-ld": "json-ld", "nt": "nt"}.get(fmt, "turtle")
        text = result.graph.serialize(format=graph_format)
        return text if isinstance(text, str) else text.decode("utf-8")
    if fmt not in FORMATS:
        raise QueryError(f"unknown result format '{fmt}'; use one of {', '.join(FORMATS)}.")
    writer = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}[fmt]
    return writer(result)


def term_json(term: Node) -> dict[str, str]:
    """One term in the SPARQL 1.1 JSON results form."""
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    entry = {"type": "literal", "value": str(term)}
    if term.language:
        entry["xml:lang"] = term.language
    elif term.datatype and term.datatype != XSD.string:
        entry["datatype"] = str(term.datatype)
    return entry


def to_json(result: Result) -> dict[str, Any]:
    if result.form == "ASK":
        return {"head": {}, "boolean": bool(result.boolean)}
    return {"head": {"vars": result.variables},
            "results": {"bindings": [{k: term_json(v) for k, v in row.items()} for row in result.rows]}}


def _json(result: Result) -> str:
    return json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n"


def _xml(result: Result) -> str:
    from xml.sax.saxutils import escape, quoteattr

    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
    lines += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
    lines.append("  </head>")
    if result.form == "ASK":
        lines.append(f"  <boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        lines.append("  <results>")
        for row in result.rows:
            lines.append("    <result>")
            for name, term in row.items():
                if isinstance(term, URIRef):
                    inner = f"<uri>{escape(str(term))}</uri>"
                elif isinstance(term, BNode):
                    inner = f"<bnode>{escape(str(term))}</bnode>"
                else:
                    assert isinstance(term, Literal)
                    attr = (f" xml:lang={quoteattr(term.language)}" if term.language else
                            f" datatype={quoteattr(str(term.datatype))}"
                            if term.datatype and term.datatype != XSD.string else "")
                    inner = f"<literal{attr}>{escape(str(term))}</literal>"
                lines.append(f"      <binding name={quoteattr(name)}>{inner}</binding>")
            lines.append("    </result>")
        lines.append("  </results>")
    lines.append("</sparql>")
    return "\n".join(lines) + "\n"


def _csv(result: Result) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if result.form == "ASK":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
    else:
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_plain(row[v]) if v in row else "" for v in result.variables])
    return buffer.getvalue()


def _plain(term: Node) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _tsv(result: Result) -> str:
    if result.form == "ASK":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    for row in result.rows:
        cells = []
        for name in result.variables:
            term = row.get(name)
            cells.append("" if term is None else f"_:{term}" if isinstance(term, BNode) else sparql_term(term))
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, limit: int) -> str:
    if _width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        used += _width(ch)
        if used > limit - 1:
            break
        out.append(ch)
    return "".join(out) + "…"


def short(term: Node) -> str:
    """A compact display form: prefixed names for known namespaces, lexical forms for literals."""
    if isinstance(term, URIRef):
        best = ""
        for prefix, namespace in data_prefixes(DEFAULT_BASE).items():
            if str(term).startswith(str(namespace)) and len(str(namespace)) > len(best):
                best, name = str(namespace), prefix
        return f"{name}:{str(term)[len(best):]}" if best else f"<{term}>"
    return _plain(term).replace("\n", " ")


def _table(result: Result, max_width: int = 60) -> str:
    if result.form == "ASK":
        return ("true" if result.boolean else "false") + "\n"
    header = result.variables
    body = [[_clip(short(row[v]), max_width) if v in row else "" for v in header] for row in result.rows]
    widths = [max([_width(h)] + [_width(r[i]) for r in body]) for i, h in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths)).rstrip()

    lines = [line(header), "  ".join("-" * w for w in widths)] + [line(r) for r in body]
    count = len(result.rows)
    lines.append(f"({count} row{'s' if count != 1 else ''}{', cut at the limit' if result.truncated else ''})")
    return "\n".join(lines) + "\n"
