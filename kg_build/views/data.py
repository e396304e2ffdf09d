"""The part of a built graph a view shows, read in a few scans: the entities of the seven
classes with their aliases, facts and reports, the relations between them with their evidence,
and the reports, all in a deterministic order."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from ..vocab import KG, EntityClass, RelationKind


@dataclass
class _Entity:
    iri: URIRef
    cls: EntityClass
    label: str
    aliases: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    reports: list[int] = field(default_factory=list)


@dataclass
class _Relation:
    subject: URIRef
    kind: RelationKind
    object: URIRef
    evidence: list[dict[str, Any]] = field(default_factory=list)

    @property
    def planned(self) -> bool:
        """Drawn dashed: every sentence that states the relation states a plan."""
        return bool(self.evidence) and all(ev.get("planned") for ev in self.evidence)


@dataclass
class _Data:
    entities: dict[URIRef, _Entity]
    relations: list[_Relation]
    reports: list[dict[str, str]]  # title, file, iri


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _column(graph: Graph, predicate: URIRef) -> dict[Any, list[Any]]:
    """subject → objects of one predicate, in one scan (much faster than graph.value per subject)."""
    table: dict[Any, list[Any]] = defaultdict(list)
    for s, o in graph.subject_objects(predicate):
        table[s].append(o)
    return table


def _one(table: dict[Any, list[Any]], subject: Any) -> str:
    values = table.get(subject)
    return str(min(values, key=str)) if values else ""


def _read(graph: Graph) -> _Data:
    """Entities, relations with their evidence, and reports, in a deterministic order."""
    types = _column(graph, RDF.type)
    by_type: dict[Any, list[Any]] = defaultdict(list)
    for s, classes in types.items():
        for c in classes:
            by_type[c].append(s)
    label, alt = _column(graph, RDFS.label), _column(graph, SKOS.altLabel)
    entities: dict[Any, _Entity] = {}
    for cls in EntityClass:
        for s in sorted(by_type[cls.iri], key=str):
            if isinstance(s, URIRef) and s not in entities:
                labels = sorted(str(x) for x in label.get(s, ()))
                name = labels[0] if labels else s.rsplit("/", 1)[-1]
                entities[s] = _Entity(s, cls, name, sorted({str(x) for x in alt.get(s, ())} - {name}))
    report_iris = sorted(by_type[KG.Report], key=str)
    title, source, mentions = _column(graph, KG.title), _column(graph, KG.sourceFile), _column(graph, KG.mentions)
    reports = []
    for number, r in enumerate(report_iris):
        reports.append({"title": _one(title, r) or _one(label, r) or str(r), "file": _one(source, r), "iri": str(r)})
        for e in sorted(set(mentions.get(r, ())), key=str):
            if e in entities:
                entities[e].reports.append(number)
    report_index = {r: i for i, r in enumerate(report_iris)}

    cols = {name: _column(graph, p) for name, p in (
        ("s", RDF.subject), ("p", RDF.predicate), ("o", RDF.object), ("from", PROV.wasDerivedFrom),
        ("sentence", KG.sentence), ("note", RDFS.comment), ("planned", KG.planned), ("cue", KG.cue))}
    evidence: dict[tuple[Any, Any, Any], list[dict[str, Any]]] = defaultdict(list)
    for ev in by_type[KG.Evidence]:
        key = (cols["s"].get(ev, [None])[0], cols["p"].get(ev, [None])[0], cols["o"].get(ev, [None])[0])
        report = cols["from"].get(ev, [None])[0]
        evidence[key].append({
            "sentence": _one(cols["sentence"], ev), "note": _one(cols["note"], ev),
            "report": report_index.get(report) if report is not None else None,
            "planned": _one(cols["planned"], ev) == "true", "cue": _one(cols["cue"], ev),
        })
    relations = []
    for kind in RelationKind:
        for s, o in sorted(graph.subject_objects(kind.iri), key=lambda so: (str(so[0]), str(so[1]))):
            if s in entities and o in entities:
                found = sorted(evidence.get((s, kind.iri, o), []),
                               key=lambda ev: (ev["report"] if ev["report"] is not None else -1, ev["sentence"], ev["note"]))
                relations.append(_Relation(URIRef(str(s)), kind, URIRef(str(o)), found))

    for predicate, name in ((KG.code, "代码"), (KG.level, "级别"), (SKOS.definition, "定义")):
        for s, value in graph.subject_objects(predicate):
            if s in entities:
                entities[s].facts.append((name, str(value)))
    obs = {name: _column(graph, p) for name, p in (
        ("area", KG.area), ("indicator", KG.indicator), ("period", KG.period), ("value", KG.value),
        ("unit", KG.unit), ("target", KG.isTarget))}
    for node in by_type[KG.Observation]:
        area = obs["area"].get(node, [None])[0]
        if area in entities:
            indicator = _one(label, obs["indicator"].get(node, [None])[0])
            target = "（目标）" if _one(obs["target"], node) == "true" else ""
            entities[area].facts.append(("指标", f"{indicator} {_one(obs['period'], node)}："
                                                f"{_one(obs['value'], node)}{_one(obs['unit'], node)}{target}"))
    for entity in entities.values():
        entity.facts.sort()
    return _Data(entities, relations, reports)
