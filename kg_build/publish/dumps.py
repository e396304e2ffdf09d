"""Export formats: the graph serialized deterministically (byte-identical for the same graph) as
Turtle, N-Triples, JSON-LD, TriG or N-Quads, the last two with the named graphs, and the
``kg-build export`` step that writes a dump and lists it in ``void.ttl``."""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import Graph

from ..errors import InputError
from ..validate import ONTOLOGY_DIR, graph_base, load_built_graph
from ..vocab import DEFAULT_BASE
from .base import FORMATS, _new_graph, _sorted_lines, _write
from .graphs import named_graphs
from .void import refresh_void

UNKNOWN_FORMAT = "unknown export format '{fmt}'; use one of: {known}."


def jsonld_context(base: str) -> dict[str, object]:
    """The published context (``ontology/context.jsonld``), its data prefixes moved to ``base``."""
    context = json.loads((ONTOLOGY_DIR / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    return {k: (base + v[len(DEFAULT_BASE):] if isinstance(v, str) and v.startswith(DEFAULT_BASE) else v)
            for k, v in context.items()}


def _sort_json(value: object, key: str = "") -> object:
    """Sort JSON-LD arrays (unordered sets in RDF) so the output is byte-stable; keep @list order."""
    if isinstance(value, dict):
        return {k: _sort_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sort_json(v) for v in value]
        return items if key == "@list" else sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def render(graph: Graph, fmt: str) -> bytes:
    """``graph`` in one of FORMATS, deterministic (byte-identical for the same graph)."""
    if fmt not in FORMATS:
        raise InputError(UNKNOWN_FORMAT.format(fmt=fmt, known=", ".join(FORMATS)))
    base = graph_base(graph)
    if fmt == "ttl":
        data = _new_graph(base)
        for triple in graph:
            data.add(triple)
        return data.serialize(format="turtle", encoding="utf-8")
    if fmt == "nt":
        return ("\n".join(_sorted_lines(graph.serialize(format="nt"))) + "\n").encode("utf-8")
    if fmt == "jsonld":
        context = jsonld_context(base)
        doc = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
        doc["@context"] = context
        text = json.dumps(_sort_json(doc), ensure_ascii=False, indent=2, sort_keys=True)
        return (text + "\n").encode("utf-8")
    graphs = named_graphs(graph)
    if fmt == "nq":
        lines: list[str] = []
        for name, part in graphs.items():
            for line in _sorted_lines(part.serialize(format="nt")):
                lines.append(line if name is None else f"{line[:-1].rstrip()} <{name}> .")
        return ("\n".join(sorted(lines)) + "\n").encode("utf-8")
    prefixes: set[str] = set()
    blocks: list[str] = []
    for name, part in graphs.items():
        text = part.serialize(format="turtle")
        body = [line for line in text.splitlines() if not line.startswith("@prefix")]
        prefixes.update(line for line in text.splitlines() if line.startswith("@prefix"))
        inner = "\n".join(("    " + line) if line else "" for line in body).strip("\n")
        blocks.append(f"{'' if name is None else f'<{name}> '}{{\n{inner}\n}}\n")
    return ("\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)).encode("utf-8")


def export(out_dir: Path, fmt: str, file: Path | None = None) -> Path:
    """Write the built graph ``out_dir/kg.ttl`` as ``fmt`` to ``file`` (default
    ``out_dir/kg.<suffix>``) and refresh ``out_dir/void.ttl``'s distributions."""
    if fmt not in FORMATS:
        raise InputError(UNKNOWN_FORMAT.format(fmt=fmt, known=", ".join(FORMATS)))
    graph = load_built_graph(out_dir)
    target = file or out_dir / f"kg{FORMATS[fmt].suffix}"
    _write(target, render(graph, fmt))
    if (out_dir / "void.ttl").is_file() and target.resolve() == (out_dir / f"kg{FORMATS[fmt].suffix}").resolve():
        refresh_void(out_dir, graph, target)
    return target


def render_ntriples(graph: Graph) -> bytes:
    return ("\n".join(_sorted_lines(graph.serialize(format="nt"))) + "\n").encode("utf-8")
