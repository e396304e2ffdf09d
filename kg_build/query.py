"""Named SPARQL queries (``queries/*.rq``), the embedded store, execution and result formats.

Two engines answer the same queries: pyoxigraph, over an on-disk store kept in ``DIR/store`` and
rebuilt when ``DIR/kg.ttl`` changes, and rdflib, over the parsed Turtle. Parameters are bound as
RDF terms, never spliced into the text: rdflib gets ``initBindings``; pyoxigraph gets a ``VALUES``
block built from escaped terms and placed at the start of the WHERE group. So that both engines
agree, a named query uses its parameters only in its top-level WHERE group.

    >>> from kg_build.query import load_queries
    >>> "partners" in load_queries()
    True
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import sys
import threading
import time
import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier as Node

from . import errors
from .errors import QueryError
from .vocab import DEFAULT_BASE, KG, EntityClass, data_prefixes

FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "json-ld", "nt")
ENGINES = ("oxigraph", "rdflib")
PARAM_KINDS = ("label", "string", "gYear", "integer", "decimal", "iri", "class", "term")
STORE_META = "kg-build-store.json"

UNKNOWN_QUERY = "no query named '{name}'; the named queries are: {names}. Give a name, a .rq file or -e TEXT."
UNKNOWN_PARAM = "query '{name}' has no parameter '{param}'; its parameters are: {names}."
BAD_PARAM = "parameter '{param}': {reason}"
SYNTAX = "query {where}, line {line}, column {column}: {message}\n    {text}\n    {caret}"
NO_WHERE = "query {where} has no WHERE group to bind the parameters {names} into."
BAD_HEADER = "{path}, line {line}: {reason}"
EVALUATION = "query {where} failed: {message}"


# ---------------------------------------------------------------- named queries


@dataclass(frozen=True, slots=True)
class Param:
    """One ``# param: NAME[:KIND] DEFAULT — DESCRIPTION`` header line."""

    name: str
    kind: str = "label"
    default: str | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A query file: its name (file stem), header fields and SPARQL text."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE."""
        return _scan(self.text).form

    @property
    def federated(self) -> bool:
        """True when the query calls another endpoint with SERVICE."""
        return _scan(self.text).service

    @classmethod
    def from_text(cls, name: str, text: str, path: Path | None = None) -> NamedQuery:
        title = description = ""
        params: list[Param] = []
        where = str(path or name)
        for number, line in enumerate(text.splitlines(), 1):
            stripped = line.strip()
            if not stripped.startswith("#"):
                if stripped:
                    break
                continue
            key, _, value = stripped.lstrip("#").strip().partition(":")
            value = value.strip()
            if key == "title":
                title = value
            elif key == "description":
                description = (description + " " + value).strip()
            elif key == "param":
                params.append(_parse_param(value, where, number))
        return cls(name, title, description, tuple(params), text, path)


_PARAM_LINE = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?P<kind>\w+))?(?:\s+(?P<default>.*?))?\s*(?:[—–]|\s-\s)\s*(?P<desc>.*)$")


def _parse_param(value: str, where: str, line: int) -> Param:
    match = _PARAM_LINE.match(value)
    if not match:
        raise QueryError(BAD_HEADER.format(path=where, line=line, reason=(
            f"cannot read '# param: {value}'; write '# param: NAME[:KIND] DEFAULT — DESCRIPTION'.")))
    kind = match["kind"] or "label"
    if kind not in PARAM_KINDS:
        raise QueryError(BAD_HEADER.format(path=where, line=line, reason=(
            f"unknown parameter kind '{kind}'; use one of {', '.join(PARAM_KINDS)}.")))
    return Param(match["name"], kind, (match["default"] or "").strip() or None, match["desc"].strip())


def queries_dir() -> Path:
    """The directory of the shipped named queries: package data when installed, else ``queries/``
    at the project root next to the package."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "queries", package.parent / "queries"):
        if candidate.is_dir() and any(candidate.glob("*.rq")):
            return candidate
    raise QueryError(f"no named queries found in {package / 'queries'} or {package.parent / 'queries'}; "
                     "reinstall kg-build or run it from its project directory.")


def load_queries(directory: str | Path | None = None) -> dict[str, NamedQuery]:
    """All named queries of ``directory`` (default: :func:`queries_dir`), by name, sorted."""
    folder = Path(directory) if directory is not None else queries_dir()
    found = {}
    for path in sorted(folder.glob("*.rq")):
        found[path.stem] = NamedQuery.from_text(path.stem, path.read_text(encoding="utf-8"), path)
    return found


def resolve(name_or_text: str, directory: str | Path | None = None) -> NamedQuery:
    """A named query, a ``.rq`` file, or SPARQL text given inline."""
    text = name_or_text.strip()
    if re.fullmatch(r"[\w.-]+", text) and not text.endswith((".rq", ".sparql")):
        queries = load_queries(directory)
        if text in queries:
            return queries[text]
        raise QueryError(UNKNOWN_QUERY.format(name=text, names=", ".join(queries)))
    path = Path(text)
    if "\n" not in text and "{" not in text and path.suffix in (".rq", ".sparql", ".txt"):
        if not path.is_file():
            raise QueryError(errors.NOT_FOUND.format(path=path))
        return NamedQuery.from_text(path.stem, path.read_text(encoding="utf-8"), path)
    return NamedQuery.from_text("-e", name_or_text)


# ---------------------------------------------------------------- parameters


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


@dataclass(slots=True)
class _Scan:
    form: str = ""
    where_brace: int = -1  # offset of the '{' that opens the WHERE group
    service: bool = False  # a federated SERVICE call somewhere in the query


_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def _scan(text: str) -> _Scan:
    """Find the query form and the WHERE group's brace, skipping comments, strings and IRIs."""
    scan, depth, i, n, seen_where = _Scan(), 0, 0, len(text), False
    while i < n:
        ch = text[i]
        if ch == "#":
            i = text.find("\n", i)
            i = n if i < 0 else i
            continue
        if ch in "\"'":
            quote = ch * 3 if text.startswith(ch * 3, i) else ch
            j = i + len(quote)
            while j < n and not text.startswith(quote, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(quote)
            continue
        if ch == "<":
            match = _IRIREF.match(text, i)
            if match:
                i = match.end()
                continue
        if ch == "{":
            if depth == 0 and scan.where_brace < 0 and scan.form and (seen_where or scan.form != "CONSTRUCT"):
                scan.where_brace = i
            depth += 1
        elif ch == "}":
            depth -= 1
        elif (ch.isalpha() or ch == "_") and (i == 0 or text[i - 1] not in "?$:_-" and not text[i - 1].isalnum()):
            word = _WORD.match(text, i)
            assert word is not None
            upper = word.group().upper()
            if upper == "SERVICE":
                scan.service = True
            elif depth > 0:
                pass
            elif not scan.form and upper in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
                scan.form = upper
                if upper == "CONSTRUCT":
                    rest = text[word.end():].lstrip()
                    seen_where = not rest.startswith("{")
            elif upper == "WHERE":
                seen_where = True
            i = word.end()
            continue
        i += 1
    return scan


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


def _where(query: NamedQuery) -> str:
    return "given with -e" if query.name == "-e" and query.path is None else f"'{query.path or query.name}'"


def _syntax_error(query: NamedQuery, line: int, column: int, message: str) -> QueryError:
    lines = query.text.splitlines() or [""]
    while line > 1 and (line > len(lines) or not lines[line - 1].strip()) and not any(
            x.strip() for x in lines[line - 1:line]) and line - 1 <= len(lines):
        line -= 1  # a parser that stops at the end of the text: point past the last word
        column = len(lines[line - 1].rstrip()) + 1
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    return QueryError(SYNTAX.format(where=_where(query), line=line, column=column, message=message.strip(),
                                    text=text, caret=" " * max(column - 1, 0) + "^"))


# ---------------------------------------------------------------- the graph and the store


def graph_path(out: str | Path) -> Path:
    path = Path(out) / "kg.ttl"
    if not path.is_file():
        raise QueryError(errors.NO_GRAPH.format(path=Path(out), out=out))
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


_LOCK = threading.Lock()
_STORES: dict[tuple[str, str, bool], Any] = {}
_GRAPHS: dict[tuple[str, int, int], Graph] = {}


def ensure_store(out: str | Path) -> Path:
    """``DIR/store``, (re)built from ``DIR/kg.ttl`` when missing or when the graph's checksum
    differs from the one recorded at the last build. Built aside and swapped in by renames."""
    import fcntl

    import pyoxigraph as ox

    source = graph_path(out)
    store = Path(out) / "store"
    with _LOCK, open(Path(out) / ".store.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        stat = source.stat()
        meta_path = store / STORE_META
        meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
        if meta.get("size") == stat.st_size and meta.get("mtime_ns") == stat.st_mtime_ns:
            return store
        checksum = _sha256(source)
        if meta.get("sha256") != checksum:
            for leftover in Path(out).glob(".store-*"):  # from a build that was killed halfway
                shutil.rmtree(leftover, ignore_errors=True)
            fresh = Path(out) / f".store-{os.getpid()}.tmp"
            loader = ox.Store(str(fresh))
            loader.bulk_load(path=str(source), format=ox.RdfFormat.TURTLE)
            loader.flush()
            del loader
            old = Path(out) / f".store-{os.getpid()}.old"
            if store.exists():
                os.replace(store, old)
            os.replace(fresh, store)
            shutil.rmtree(old, ignore_errors=True)
        meta = {"sha256": checksum, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "source": "kg.ttl"}
        tmp = store / (STORE_META + ".tmp")
        tmp.write_text(json.dumps(meta, sort_keys=True))
        os.replace(tmp, meta_path)
        return store


def open_store(out: str | Path, *, memory: bool = False) -> Any:
    """A pyoxigraph store of ``DIR/kg.ttl``: the on-disk ``DIR/store`` opened read-only, or with
    ``memory=True`` an in-memory copy (several times faster to query; what the server uses).
    Cached per directory and graph checksum."""
    import pyoxigraph as ox

    path = ensure_store(out)
    checksum = json.loads((path / STORE_META).read_text())["sha256"]
    key = (str(path.resolve()), checksum, memory)
    with _LOCK:
        if key not in _STORES:
            for stale in [k for k in _STORES if k[0] == key[0] and k[2] == memory]:
                del _STORES[stale]
            if memory:
                store = ox.Store()
                store.bulk_load(path=str(graph_path(out)), format=ox.RdfFormat.TURTLE)
            else:
                store = ox.Store.read_only(str(path))
            _STORES[key] = store
        return _STORES[key]


def load_graph(out: str | Path) -> Graph:
    """``DIR/kg.ttl`` parsed by rdflib (cached per file size and modification time)."""
    path = graph_path(out)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _LOCK:
        if key not in _GRAPHS:
            graph = Graph()
            graph.parse(path, format="turtle")
            _GRAPHS.clear()
            _GRAPHS[key] = graph
        return _GRAPHS[key]


# ---------------------------------------------------------------- execution


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


# ---------------------------------------------------------------- result formats


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


class _CallableModule(types.ModuleType):
    """Importing ``kg_build.query`` makes the submodule the package attribute ``kg_build.query``,
    which would hide the lazily exported function; calling the module calls :func:`query`."""

    def __call__(self, name_or_text: str, **kwargs: Any) -> Any:
        return query(name_or_text, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
