"""What a view looks like and what it reports: the template's place, the defaults, the colour,
shape and Chinese label of every entity class and relation kind, and the error messages."""

from __future__ import annotations

from pathlib import Path

from ..errors import KgBuildError
from ..vocab import EntityClass, RelationKind

TEMPLATE_DIR = Path(__file__).parent.parent / "templates"  # kg_build/templates, package data
TEMPLATE = "view.html"
DEFAULT_MAX_NODES = 2000
LAYOUT_SEED = 7
COLOR_MODES = ("class", "community")

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
