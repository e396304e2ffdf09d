"""Layout: seeded, deterministic node positions (networkx spring layout for each component's
core, leaves on rings around their neighbour, components packed in rows) and Louvain
communities for colouring by community."""

from __future__ import annotations

import math
from typing import Any

from .style import COMMUNITY_COLORS

SPRING_LIMIT = 250  # components above this are laid out as a spring backbone plus rings


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
