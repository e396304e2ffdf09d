"""HTML rendering: the selected entities and relations as one self-contained pyvis page (our
template, vis-network inlined, every report string passed as escaped JSON data), and writing it
next to the graph."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from ..vocab import KG, EntityClass, RelationKind
from .data import _read, _text
from .layout import _communities, _layout
from .select import _select, _Selection
from .style import (CLASS_STYLE, COLOR_MODES, COMMUNITY_COLORS, DEFAULT_MAX_NODES, LAYOUT_SEED, NO_GRAPH, OTHER_COLOR,
                    RELATION_STYLE, SYMMETRIC, TEMPLATE, TEMPLATE_DIR, UNKNOWN_CHOICE, ViewError)


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
    from ..build import write_atomic

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
