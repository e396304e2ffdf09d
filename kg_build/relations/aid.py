"""Assistance named by a province's one-character abbreviation: 援藏, 援疆, 援青 (the national
pairing programmes of aid to Tibet, Xinjiang and Qinghai) state that the issuer assists that
province, though no mention names it. The province becomes an entity of the report (without
mentions), like the gazetteer's parents."""

from __future__ import annotations

import re

from ..doc import Doc, Entity, Relation
from ..gazetteer import Gazetteer
from ..link import area_key
from ..rules import Rules
from ..vocab import EntityClass as C
from ..vocab import RelationKind as R

# the one-character abbreviations of the provinces that receive paired aid → their short names
_AIDED = {"藏": "西藏", "疆": "新疆", "青": "青海"}
# 援藏援疆等工作, 援疆干部, 援青项目; not 支援青年, 增援, 救援
_AID = re.compile(r"(?<![支救声增求外驰])援([藏疆青])(?=援|[、和与及等工干人项资,，;；。]|$)")
_CLAUSE_START = re.compile(r"[,，;；:：。!！?？\n][^,，;；:：。!！?？\n]*$")
_NEGATION = re.compile(r"未(?!来)|没有|尚未|不再|并非|从未")


def aid_abbreviations(doc: Doc, gaz: Gazetteer, rules: Rules, issuer: str) -> tuple[list[Entity], list[Relation]]:
    """``assists`` from the issuer to each province named by 援藏/援疆/援青, and the provinces'
    entities; nothing inside a recognised name, nothing negated."""
    if not issuer:
        return [], []
    text = doc.norm
    names = [(m.start, m.end) for m in doc.mentions if m.rule != "nested"]
    entities: dict[str, Entity] = {}
    relations = []
    for s_index, sentence in enumerate(doc.sentences):
        for found in _AID.finditer(text, sentence.start, sentence.end):
            start, end = found.span()
            if any(s <= start and end <= e for s, e in names):
                continue
            keys = gaz.full.get(_AIDED[found.group(1)]) or gaz.short.get(_AIDED[found.group(1)]) or []
            if not keys or keys[0] not in gaz.areas:
                continue
            opening = _CLAUSE_START.search(text, sentence.start, start)
            c_start = opening.start() + 1 if opening else sentence.start
            if _NEGATION.search(text, max(c_start, start - 12), start):
                continue
            area = gaz.areas[keys[0]]
            key = area_key(area.code)
            entities[key] = Entity(key, C.AREA, area.name, (), (), area.code, area.level)
            planned = sentence.section == "plan" or any(w in text[c_start:start] for w in rules.planned)
            relations.append(Relation(R.ASSISTS, issuer, key, s_index, start, end, found.group(), planned))
    return [entities[k] for k in sorted(entities)], relations
