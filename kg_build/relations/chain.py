"""The gazetteer's hierarchy: every area of the report, and every area nested in a name, gets its
parents as entities (without mentions), linked by ``locatedIn`` marked as derived."""

from __future__ import annotations

from ..doc import Doc, Entity, Relation
from ..gazetteer import Gazetteer
from ..link import area_key
from ..vocab import EntityClass as C
from ..vocab import RelationKind as R


def gazetteer_chain(doc: Doc, gaz: Gazetteer) -> tuple[tuple[Entity, ...], list[Relation]]:
    """Every area's parents become entities (without mentions) linked by derived ``locatedIn``."""
    entities = {e.key: e for e in doc.entities}
    relations = []
    nested_codes = {m.code for m in doc.mentions if m.rule == "nested" and m.code}
    for code in nested_codes:
        key = area_key(code)
        if key not in entities:
            area = gaz.areas[code]
            entities[key] = Entity(key, C.AREA, area.name, (), (), area.code, area.level)
    for key in sorted(k for k, e in entities.items() if e.label == C.AREA and k.startswith("area:")):
        code = key[len("area:") :]
        if code not in gaz.areas:
            continue
        chain = [code, *gaz.ancestors(code)]
        for child, parent in zip(chain, chain[1:]):
            parent_key = area_key(parent)
            if parent_key not in entities:
                area = gaz.areas[parent]
                entities[parent_key] = Entity(parent_key, C.AREA, area.name, (), (), area.code, area.level)
            relations.append(Relation(R.LOCATED_IN, area_key(child), parent_key, -1, 0, 0, "", False, True))
    return tuple(entities[k] for k in sorted(entities)), relations
