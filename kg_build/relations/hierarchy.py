"""``locatedIn`` that the text shows without a cue word: an area written right after its parent
(河北阜平), which the text states, and an area written at the head of an organization's or a
place's name (涞源县人民医院 → 涞源县), which the name implies: those are marked ``by_name``
and published with their own derivation (kg:NameDerivation), apart from stated facts."""

from __future__ import annotations

from ..doc import Doc, Mention, Relation
from ..gazetteer import Gazetteer
from ..link import area_key
from ..vocab import EntityClass as C
from ..vocab import RelationKind as R


def written_hierarchy(members: list[tuple[int, Mention]], keys: dict[int, str], gaz: Gazetteer,
                      s_index: int, start: int, end: int) -> list[Relation]:
    """河北阜平: an area written right after its parent is located in it (the text says so)."""
    out = []
    for (i, a), (j, b) in zip(members, members[1:]):
        if a.label == C.AREA and b.label == C.AREA and a.end == b.start and a.code and b.code:
            if a.code in gaz.ancestors(b.code):
                out.append(Relation(R.LOCATED_IN, keys[j], keys[i], s_index, a.start, b.end, "", False))
    del start, end
    return out


def name_locations(doc: Doc, keys: dict[int, str]) -> list[Relation]:
    """北京市西城区人民法院 is located in 西城区: an area written at the head of a name."""
    out = []
    outer = [(i, m) for i, m in enumerate(doc.mentions) if m.rule != "nested" and m.label in (C.ORGANIZATION, C.PLACE)]
    nested = [m for m in doc.mentions if m.rule == "nested" and m.code]
    for index, m in outer:
        inner = [n for n in nested if m.start <= n.start and n.end <= m.end]
        if inner and index in keys:
            area = inner[-1]
            s_index = doc.sentence_at(m.start)
            out.append(Relation(R.LOCATED_IN, keys[index], area_key(area.code), s_index, m.start, m.end, "", False,
                                by_name=True))
    return out
