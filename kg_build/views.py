"""Graph → one self-contained, offline HTML view (pyvis with our own template).

The page inlines vis-network (from the pyvis package) and our template ``templates/view.html``;
it fetches nothing. Every string that comes from a report travels as JSON data inside a
``<script type="application/json">`` block (``<``, ``>`` and ``&`` escaped) and the page's
script inserts it with ``textContent``, so a label never becomes markup.

Nodes are the entities (the seven entity classes), edges the relation triples between them.
The layout is computed here with networkx (seeded), and the page draws it with physics off.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .errors import KgBuildError, QueryError
from .vocab import KG, EntityClass, RelationKind

TEMPLATE_DIR = Path(__file__).parent / "templates"
TEMPLATE = "view.html"
DEFAULT_MAX_NODES = 2000
LAYOUT_SEED = 7
COLOR_MODES = ("class", "community")
SPRING_LIMIT = 250  # components above this are laid out as a spring backbone plus rings

# Chinese labels mirror the @zh rdfs:label of ontology/kg.ttl (a test compares them).
CLASS_STYLE: dict[EntityClass, tuple[str, str, str]] = {
    EntityClass.AREA: ("行政区", "#2b6cb0", "dot"),
    EntityClass.ORGANIZATION: ("机构", "#dd6b20", "square"),
    EntityClass.PROGRAM: ("项目与行动", "#2f855a", "diamond"),
    EntityClass.POLICY: ("政策文件", "#6b46c1", "triangle"),
    EntityClass.PLACE: ("地点", "#b7791f", "triangleDown"),
    EntityClass.EVENT: ("活动", "#c53030", "star"),
    EntityClass.PERSON: ("人物", "#2c7a7b", "hexagon"),
}
RELATION_STYLE: dict[RelationKind, tuple[str, str]] = {
    RelationKind.PARTNERS_WITH: ("合作", "#d53f8c"),
    RelationKind.ASSISTS: ("帮扶", "#dd6b20"),
    RelationKind.SUPPORTS: ("支持", "#38a169"),
    RelationKind.LOCATED_IN: ("位于", "#718096"),
    RelationKind.ESTABLISHES: ("成立", "#805ad5"),
    RelationKind.HOSTS: ("举办", "#e53e3e"),
    RelationKind.ENACTS: ("制定", "#3182ce"),
    RelationKind.IMPLEMENTS: ("实施", "#319795"),
}
COMMUNITY_COLORS = ("#2b6cb0", "#dd6b20", "#2f855a", "#c53030", "#6b46c1", "#b7791f",
                    "#2c7a7b", "#d53f8c", "#4a5568", "#9c4221", "#276749", "#553c9a")
OTHER_COLOR = "#a0aec0"  # entities without relations, and small communities past the palette
SYMMETRIC = {RelationKind.PARTNERS_WITH}

UNKNOWN_NAME = "no entity is labelled {name!r}{hint}; --focus matches an rdfs:label or skos:altLabel exactly."
UNKNOWN_CHOICE = "unknown {what} {value!r}; choose from: {choices}."
UNKNOWN_REPORT = "no report matches {value!r}; give a source file, its stem, a title or an IRI: {choices}."
QUERY_KIND = "{source}: a view needs a CONSTRUCT, DESCRIBE or SELECT query, not {kind}."
NO_GRAPH = "{path}: no built graph here; run `kg-build build --out {out}` first."
BAD_OPTION = "{option} must be {rule}, not {value!r}."


class ViewError(KgBuildError):
    """A view option names something the graph does not have."""


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


# ---------------------------------------------------------------- choosing the subgraph

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
    from .query import bind_params, execute, resolve

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


# ---------------------------------------------------------------- layout and styling

def _layout(count: int, pairs: list[tuple[int, int]], seed: int) -> dict[int, tuple[float, float]]:
    """Seeded layout of nodes 0..count-1 (integers: their set order does not depend on
    PYTHONHASHSEED): each connected component laid out alone, then packed in rows, largest first.
    Coordinates are in pixels."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(count))
    g.add_edges_from(pairs)
    boxes = []
    for comp in sorted(nx.connected_components(g), key=lambda c: (-len(c), min(c))):
        members = sorted(comp)
        pos = _component_layout(_induced(g, members), members, seed) if len(members) > 2 else (
            {m: (110.0 * i, 0.0) for i, m in enumerate(members)})
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        boxes.append((pos, min(xs), min(ys), max(xs) - min(xs) + 170, max(ys) - min(ys) + 90))
    width = max([b[3] for b in boxes] + [math.sqrt(sum(b[3] * b[4] for b in boxes)) * 1.3])
    placed: dict[int, tuple[float, float]] = {}
    x = y = row = 0.0
    for pos, left, top, w, h in boxes:
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        for node, (px, py) in pos.items():
            placed[node] = (round(x + px - left, 1), round(y + py - top, 1))
        x, row = x + w, max(row, h)
    return placed


def _induced(g: Any, nodes: list[int]) -> Any:
    """The subgraph on ``nodes``, as a new graph in their order (a networkx subgraph view would
    iterate a set, whose order changes with PYTHONHASHSEED)."""
    import networkx as nx

    keep = {n: i for i, n in enumerate(nodes)}
    h = nx.Graph()
    h.add_nodes_from(nodes)
    h.add_edges_from(sorted((tuple(sorted((u, v), key=keep.__getitem__)) for u, v in g.edges(nodes)
                             if u in keep and v in keep), key=lambda e: (keep[e[0]], keep[e[1]])))
    return h


def _rings(count: int) -> list[tuple[float, int]]:
    """Concentric rings (radius, capacity) that hold ``count`` leaves about 65 px apart."""
    rings: list[tuple[float, int]] = []
    left = count
    while left > 0:
        radius = 80.0 + 55.0 * len(rings)
        capacity = max(6, int(2 * math.pi * radius / 65))
        rings.append((radius, min(capacity, left)))
        left -= capacity
    return rings


def _component_layout(sub: Any, members: list[int], seed: int) -> dict[int, tuple[float, float]]:
    """Leaves (degree 1) go on rings around their neighbour; the other nodes (at most
    SPRING_LIMIT of them, the best connected) get a spring layout spread so rings do not overlap;
    in a bigger component the rest grow breadth first on rings around what is already placed."""
    import networkx as nx
    import numpy as np

    index = {m: i for i, m in enumerate(members)}
    degree = dict(sub.degree())
    leaves = {m for m in members if degree[m] == 1 and degree[next(iter(sub[m]))] > 1}
    core = [m for m in members if m not in leaves] or members[:1]
    if len(core) > SPRING_LIMIT:
        core = sorted(core, key=lambda m: (-degree[m], index[m]))[:SPRING_LIMIT]
    children = {c: sorted((x for x in sub[c] if x in leaves), key=index.__getitem__) for c in core}
    radii = np.array([(_rings(len(children[c]))[-1][0] if children[c] else 0.0) + 45.0 for c in core])
    if len(core) == 1:
        xy = np.zeros((1, 2))
    else:
        core_graph = _induced(sub, core)
        raw = nx.spring_layout(core_graph, seed=seed, iterations=80 if len(core) < 100 else 50)
        xy = np.array([raw[c] for c in core], dtype=float)
        at = {c: i for i, c in enumerate(core)}
        needs = [(radii[at[u]] + radii[at[v]]) / max(float(np.linalg.norm(xy[at[u]] - xy[at[v]])), 1e-6)
                 for u, v in core_graph.edges()]
        xy *= max(float(np.median(needs)) if needs else 0.0, 60.0 * math.sqrt(len(core)))
        xy = _separate(xy, radii)
    pos = {c: (float(xy[i][0]), float(xy[i][1])) for i, c in enumerate(core)}
    for c in core:
        _ring_out(pos, c, children[c], 2 * math.pi)
    queue = sorted(core, key=lambda m: (-degree[m], index[m]))
    for parent in queue:  # only in components above SPRING_LIMIT; grows while iterating
        rest = sorted((x for x in sub[parent] if x not in pos), key=index.__getitem__)
        if rest:
            _ring_out(pos, parent, rest, math.pi)
            queue.extend(rest)
    return pos


def _ring_out(pos: dict[int, tuple[float, float]], parent: int, kids: list[int], spread: float) -> None:
    """Place ``kids`` on rings around ``parent``, over ``spread`` radians turned away from the origin."""
    px, py = pos[parent]
    away = math.atan2(py, px) if spread < 2 * math.pi and (px or py) else -math.pi / 2
    done = 0
    for radius, count in _rings(len(kids)):
        for i in range(count):
            angle = away - spread / 2 + spread * (i + 0.5) / count + (0.0 if spread < 2 * math.pi else 0.3 * (radius % 2))
            pos[kids[done]] = (px + radius * math.cos(angle), py + radius * math.sin(angle))
            done += 1


def _separate(xy: Any, radii: Any, rounds: int = 40) -> Any:
    """Push apart discs (centre xy, radius radii) that overlap; vectorised, deterministic."""
    import numpy as np

    need = radii[:, None] + radii[None, :]
    for _ in range(rounds):
        delta = xy[:, None, :] - xy[None, :, :]
        dist = np.sqrt((delta ** 2).sum(axis=2))
        np.fill_diagonal(dist, np.inf)
        overlap = np.clip(need - dist, 0.0, None)
        if not overlap.any():
            break
        unit = delta / np.where(dist == np.inf, 1.0, np.maximum(dist, 1e-6))[:, :, None]
        xy = xy + 0.5 * (overlap[:, :, None] * unit).sum(axis=1)
    return xy


def _communities(count: int, pairs: list[tuple[int, int]], seed: int) -> dict[int, int]:
    """Louvain communities (seeded) of nodes 0..count-1, numbered largest first; nodes without
    relations get no community of their own (number len(COMMUNITY_COLORS): the grey "other")."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(count))
    g.add_edges_from(pairs)
    groups = nx.community.louvain_communities(g, seed=seed)
    ranked = sorted((c for c in groups if len(c) > 1), key=lambda c: (-len(c), min(c)))[:len(COMMUNITY_COLORS)]
    numbers = {n: number for number, group in enumerate(ranked) for n in group}
    return {n: numbers.get(n, len(COMMUNITY_COLORS)) for n in range(count)}


class _IdList(list[str]):
    """A list with a set beside it, so pyvis's ``id in node_ids`` checks cost O(1), not O(n)."""

    def __init__(self) -> None:
        super().__init__()
        self._members: set[str] = set()

    def append(self, item: str) -> None:
        super().append(item)
        self._members.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _community_legend(community: dict[int, int]) -> list[dict[str, Any]]:
    sizes = Counter(community.values())
    return [{"number": n + 1 if n < len(COMMUNITY_COLORS) else 0, "count": size,
             "color": COMMUNITY_COLORS[n] if n < len(COMMUNITY_COLORS) else OTHER_COLOR}
            for n, size in sorted(sizes.items())]


def _script_json(value: Any) -> str:
    """JSON that is safe inside <script>: no '<', '>' or '&' characters, no line separators."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"
    folder = sorted(lib.glob("vis-*"), key=lambda p: tuple(int(x) for x in p.name[4:].split(".")))[-1]
    js = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    css = (folder / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError(f"{folder}: vis-network cannot be inlined (it contains a closing tag)")
    return js, css


def render_html(graph: Graph, *, title: str = "知识图谱", focus: str | None = None, hops: int = 1,
                classes: Sequence[str] | None = None, relations: Sequence[str] | None = None,
                report: str | None = None, query: str | None = None, params: Mapping[str, str] | None = None,
                max_nodes: int = DEFAULT_MAX_NODES,
                color: str = "class", seed: int = LAYOUT_SEED) -> str:
    """One self-contained HTML page showing ``graph``'s entities and relations.

    Example: render_html(Graph().parse("out/kg.ttl"), title="西城区", focus="西城区", hops=1)
    """
    import jinja2
    import markupsafe
    from pyvis.network import Network

    if color not in COLOR_MODES:
        raise ViewError(UNKNOWN_CHOICE.format(what="colouring", value=color, choices=", ".join(COLOR_MODES)))
    data = _read(graph)
    chosen = _select(graph, data, focus=focus, hops=hops, classes=classes, relations=relations,
                     report=report, query=query, params=params, max_nodes=max_nodes)
    ids = {iri: f"n{i}" for i, iri in enumerate(chosen.nodes)}
    index = {iri: i for i, iri in enumerate(chosen.nodes)}
    pairs = [(index[r.subject], index[r.object]) for r in chosen.relations]
    positions = _layout(len(index), pairs, seed)
    community = _communities(len(index), pairs, seed) if color == "community" else {}
    degree: Counter[int] = Counter()
    for u, v in pairs:
        degree[u] += 1
        degree[v] += 1

    net = Network(directed=True, cdn_resources="in_line", heading="")
    net.set_template_dir(str(TEMPLATE_DIR) + "/", TEMPLATE)
    net.node_ids = _IdList()  # pyvis tests membership in this list for every node and edge
    details: dict[str, Any] = {}
    groups: dict[str, dict[str, str]] = {}  # vis parses a group's colour once, not once per node
    for iri, nid in ids.items():
        entity = data.entities[iri]
        label, colour, shape = CLASS_STYLE[entity.cls]
        group = entity.cls.value
        if community:
            number = community[index[iri]]
            colour = COMMUNITY_COLORS[number] if number < len(COMMUNITY_COLORS) else OTHER_COLOR
            group = f"{group}-{number}"
        groups[group] = {"color": colour, "shape": shape}
        x, y = positions[index[iri]]
        net.add_node(nid, label=entity.label, shape=shape, group=group, x=x, y=y,
                     size=round(9 + 5 * math.sqrt(degree[index[iri]]), 1), cls=entity.cls.value)
        details[nid] = {"iri": str(iri), "label": entity.label, "cls": entity.cls.value, "aliases": entity.aliases,
                        "facts": entity.facts, "reports": entity.reports, "edges": []}
    edge_details: dict[str, Any] = {}
    for number, rel in enumerate(chosen.relations):
        eid, kind_label, colour = f"e{number}", *RELATION_STYLE[rel.kind]
        a, b = ids[rel.subject], ids[rel.object]
        net.add_edge(a, b, id=eid, label=kind_label, kind=rel.kind.value, dashes=rel.planned,
                     color=colour, arrows="" if rel.kind in SYMMETRIC else "to")
        edge_details[eid] = {"kind": rel.kind.value, "label": kind_label, "from": a, "to": b,
                             "planned": rel.planned, "evidence": rel.evidence}
        details[a]["edges"].append(eid)
        details[b]["edges"].append(eid)
    net.options = {
        "physics": {"enabled": False},
        "groups": dict(sorted(groups.items())),
        "layout": {"improvedLayout": False, "randomSeed": seed},
        "interaction": {"hover": True, "tooltipDelay": 3600000, "hideEdgesOnDrag": len(pairs) > 2000},
        "nodes": {"font": {"size": 14, "face": "Noto Sans CJK SC, Noto Sans SC, sans-serif"}, "borderWidth": 1},
        "edges": {"smooth": False, "width": 1.2, "font": {"size": 10, "align": "middle", "color": "#4a5568"}},
    }
    present_classes = Counter(data.entities[iri].cls.value for iri in chosen.nodes)
    present_kinds = Counter(r.kind.value for r in chosen.relations)
    meta = {
        "title": title,
        "classes": [{"key": c.value, "label": CLASS_STYLE[c][0], "color": CLASS_STYLE[c][1], "shape": CLASS_STYLE[c][2],
                     "count": present_classes[c.value]} for c in EntityClass if present_classes[c.value]],
        "relations": [{"key": k.value, "label": RELATION_STYLE[k][0], "color": RELATION_STYLE[k][1],
                       "count": present_kinds[k.value]} for k in RelationKind if present_kinds[k.value]],
        "communities": _community_legend(community),
        "reports": [r["title"] for r in data.reports],
        "details": details,
        "edgeDetails": edge_details,
        "notice": _notice(chosen, max_nodes),
        "counts": {"nodes": len(ids), "edges": len(pairs)},
    }
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)), autoescape=True,
                             keep_trailing_newline=True)
    env.filters["script_json"] = lambda value: markupsafe.Markup(_script_json(value))
    vis_js, vis_css = _vis_assets()
    env.globals.update(kg=meta, title=title, vis_js=vis_js, vis_css=vis_css)
    net.templateEnv = env
    html: str = net.generate_html(name="graph.html")
    return html


def _notice(chosen: _Selection, max_nodes: int) -> str:
    if not chosen.omitted:
        return ""
    left = sum(chosen.omitted.values())
    by_class = "、".join(f"{CLASS_STYLE[EntityClass(c)][0]} {n}" for c, n in sorted(chosen.omitted.items()))
    return (f"图中实体过多：共 {chosen.total} 个，只显示关系最多的 {max_nodes} 个，省略了 {left} 个（{by_class}）。"
            f"要看省略的实体，请用 kg-build view --max-nodes {chosen.total}，"
            f"或缩小范围：--focus 名称 --hops 1、--class 类别、--relation 关系、--report 报告。")


def write_view(out_dir: Path, file: Path | None = None, *, graph: Graph | None = None, **options: Any) -> Path:
    """Render DIR/kg.ttl (or ``graph``, already loaded) into ``file`` (default DIR/graph.html),
    written atomically; ``options`` are those of :func:`render_html`.

    Example: write_view(Path("out"), focus="西城区", hops=2)
    """
    from .build import write_atomic

    if graph is None:
        source = Path(out_dir) / "kg.ttl"
        if not source.is_file():
            raise ViewError(NO_GRAPH.format(path=out_dir, out=out_dir))
        graph = Graph().parse(source, format="turtle")
    options.setdefault("title", _default_title(graph, options))
    target = Path(file) if file is not None else Path(out_dir) / "graph.html"
    write_atomic(target, render_html(graph, **options).encode("utf-8"))
    return target


def _default_title(graph: Graph, options: dict[str, Any]) -> str:
    titles = sorted(_text(graph.value(r, KG.title) or graph.value(r, RDFS.label)) for r in graph.subjects(RDF.type, KG.Report))
    base = titles[0] if len(titles) == 1 else f"{len(titles)} 份政府工作报告"
    if options.get("focus"):
        base += f" · {options['focus']}"
    return f"知识图谱：{base}"


def view_names(values: Iterable[str]) -> list[str]:
    """Split CLI values given as repeated options or comma lists."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]
