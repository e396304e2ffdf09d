"""Graph → one self-contained, offline HTML view (pyvis with our own template).

The page inlines vis-network (from the pyvis package) and our template ``templates/view.html``;
it fetches nothing. Every string that comes from a report travels as JSON data inside a
``<script type="application/json">`` block (``<``, ``>`` and ``&`` escaped) and the page's
script inserts it with ``textContent``, so a label never becomes markup.

Nodes are the entities (the seven entity classes), edges the relation triples between them.
The layout is computed here with networkx (seeded), and the page draws it with physics off.

The subpackage's modules: ``style`` (colours, shapes, defaults, messages), ``data`` (reading the
graph), ``select`` (filtering the subgraph to show), ``layout`` (positions and communities) and
``render`` (the HTML page, :func:`render_html`, :func:`write_view`).
"""

from __future__ import annotations

from .layout import SPRING_LIMIT
from .render import render_html, view_names, write_view
from .style import (BAD_OPTION, CLASS_STYLE, COLOR_MODES, COMMUNITY_COLORS, DEFAULT_MAX_NODES, LAYOUT_SEED, NO_GRAPH,
                    OTHER_COLOR, QUERY_KIND, RELATION_STYLE, SYMMETRIC, TEMPLATE, TEMPLATE_DIR, UNKNOWN_CHOICE,
                    UNKNOWN_NAME, UNKNOWN_REPORT, ViewError)

__all__ = [
    "BAD_OPTION", "CLASS_STYLE", "COLOR_MODES", "COMMUNITY_COLORS", "DEFAULT_MAX_NODES", "LAYOUT_SEED", "NO_GRAPH",
    "OTHER_COLOR", "QUERY_KIND", "RELATION_STYLE", "SPRING_LIMIT", "SYMMETRIC", "TEMPLATE", "TEMPLATE_DIR",
    "UNKNOWN_CHOICE", "UNKNOWN_NAME", "UNKNOWN_REPORT", "ViewError",
    "render_html", "view_names", "write_view",
]
