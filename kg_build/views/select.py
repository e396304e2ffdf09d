"""Filtering: the entities and relations a view keeps, chosen by class, relation kind, report,
a named query or a focus entity and its neighbourhood, and capped at the node limit (the best
connected entities stay)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from ..errors import QueryError
from ..vocab import EntityClass, RelationKind
from .data import _Data, _Relation
from .style import (BAD_OPTION, CLASS_STYLE, QUERY_KIND, RELATION_STYLE, UNKNOWN_CHOICE, UNKNOWN_NAME, UNKNOWN_REPORT,
                    ViewError)


def _choice(values: Sequence[str] | None, enum: type[EntityClass] | type[RelationKind], what: str) -> set[str] | None:
    if not values:
        return None
    table: dict[str, str] = {}
    for member in enum:
        table[member.value.lower()] = member.value
        table[member.name.lower()] = member.value
        zh = CLASS_STYLE[member][0] if isinstance(member, EntityClass) else RELATION_STYLE[member][0]
        table[zh] = member.value
    chosen = set()
    for value in values:
        key = value.strip().removeprefix("kg:").lower()
        if key not in table:
            raise ViewError(UNKNOWN_CHOICE.format(what=what, value=value, choices=", ".join(m.value for m in enum)))
        chosen.add(table[key])
    return chosen


def _report_number(data: _Data, value: str) -> int:
    for number, report in enumerate(data.reports):
        names = {report["iri"], report["iri"].rsplit("/", 1)[-1], report["title"], report["file"], Path(report["file"]).stem}
        if value in names:
            return number
    choices = ", ".join(sorted(Path(r["file"]).stem or r["iri"] for r in data.reports)) or "(no reports)"
    raise ViewError(UNKNOWN_REPORT.format(value=value, choices=choices))


def _query_selection(graph: Graph, data: _Data, query: str,
                     params: Mapping[str, str] | None) -> tuple[set[Any], set[tuple[Any, str, Any]] | None]:
    """Run a named query or .rq file (kg_build.query, on rdflib): a CONSTRUCT/DESCRIBE gives the
    subgraph (its entities, and its relation triples if it has any), a SELECT its IRIs' entities."""
    from ..query import bind_params, execute, resolve

    named = resolve(query)
    result = execute(named, bind_params(named, params), engine="rdflib", source=graph)
    if result.graph is not None:
        triples = list(result.graph)
        kinds: dict[Any, str] = {k.iri: k.value for k in RelationKind}
        edges = {(s, kinds[p], o) for s, p, o in triples if p in kinds}
        return {t for s, _, o in triples for t in (s, o) if t in data.entities}, (edges or None)
    if result.form == "SELECT":
        return {term for row in result.rows for term in row.values() if term in data.entities}, None
    raise QueryError(QUERY_KIND.format(source=query, kind=result.form))


def _seeds(data: _Data, focus: str) -> set[URIRef]:
    wanted = focus.strip()
    seeds = {iri for iri, e in data.entities.items() if wanted in (e.label, *e.aliases)}
    if not seeds:
        close = sorted({e.label for e in data.entities.values()
                        if wanted and (wanted in e.label or any(wanted in a for a in e.aliases))})[:8]
        raise ViewError(UNKNOWN_NAME.format(name=focus, hint=f" (did you mean: {', '.join(close)}?)" if close else ""))
    return seeds


@dataclass
class _Selection:
    nodes: list[URIRef]
    relations: list[_Relation]
    total: int
    omitted: Counter[str]


def _select(graph: Graph, data: _Data, *, focus: str | None, hops: int, classes: Sequence[str] | None,
            relations: Sequence[str] | None, report: str | None, query: str | None,
            params: Mapping[str, str] | None, max_nodes: int) -> _Selection:
    if hops < 0:
        raise ViewError(BAD_OPTION.format(option="--hops", rule="0 or more", value=hops))
    if max_nodes < 1:
        raise ViewError(BAD_OPTION.format(option="--max-nodes", rule="1 or more", value=max_nodes))
    keep_classes = _choice(classes, EntityClass, "class")
    keep_kinds = _choice(relations, RelationKind, "relation")
    nodes = set(data.entities)
    rels = [r for r in data.relations if keep_kinds is None or r.kind.value in keep_kinds]
    if report is not None:
        number = _report_number(data, report)
        nodes &= {iri for iri, e in data.entities.items() if number in e.reports}
        rels = [r for r in rels if any(ev["report"] in (number, None) for ev in r.evidence) or not r.evidence]
    if query is not None:
        chosen, triples = _query_selection(graph, data, query, params)
        nodes &= chosen
        if triples is not None:
            rels = [r for r in rels if (r.subject, r.kind.value, r.object) in triples]
    seeds: set[URIRef] = set()
    if focus is not None:  # walk the relations of every class; the class filter applies after
        seeds = _seeds(data, focus)
        adjacency: dict[URIRef, set[URIRef]] = defaultdict(set)
        for r in rels:
            if r.subject in nodes and r.object in nodes:
                adjacency[r.subject].add(r.object)
                adjacency[r.object].add(r.subject)
        reached, frontier = set(seeds), set(seeds)
        for _ in range(hops):
            frontier = {n for f in frontier for n in adjacency[f]} - reached
            reached |= frontier
        nodes &= reached
    if keep_classes is not None:
        nodes = {n for n in nodes if data.entities[n].cls.value in keep_classes}
    nodes |= seeds
    rels = [r for r in rels if r.subject in nodes and r.object in nodes]
    total = len(nodes)
    omitted: Counter[str] = Counter()
    if total > max_nodes:
        degree: Counter[URIRef] = Counter()
        for r in rels:
            degree[r.subject] += 1
            degree[r.object] += 1
        ranked = sorted(nodes, key=lambda n: (-degree[n], data.entities[n].label, str(n)))
        omitted.update(data.entities[n].cls.value for n in ranked[max_nodes:])
        nodes = set(ranked[:max_nodes])
        rels = [r for r in rels if r.subject in nodes and r.object in nodes]
    return _Selection(sorted(nodes, key=str), rels, total, omitted)
