"""Named queries: ``queries/*.rq`` files with their ``# title:``, ``# description:`` and
``# param:`` headers, loaded and resolved from a name, a file or inline text.

Also the scanner that finds a query's form and its WHERE group (skipping comments, strings and
IRIs), and the error messages that point at a place in a query's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .. import errors
from ..errors import QueryError

PARAM_KINDS = ("label", "string", "gYear", "integer", "decimal", "iri", "class", "term")

UNKNOWN_QUERY = "no query named '{name}'; the named queries are: {names}. Give a name, a .rq file or -e TEXT."
SYNTAX = "query {where}, line {line}, column {column}: {message}\n    {text}\n    {caret}"
BAD_HEADER = "{path}, line {line}: {reason}"


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
    package = Path(__file__).resolve().parent.parent  # kg_build/, not this subpackage
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
