"""Mentions → entities: one entity per real thing in a report, with a canonical name and aliases.

- Areas are identified by their gazetteer key (GB/T 2260 code); every surface form is an alias.
- Other entities are identified by class and canonical name. A name relative to the issuer
  (区财政局, 县医院) is completed with the issuer's own name so that the same short name in two
  reports stays two entities; a name written out in full is the same entity in every report.
- Abbreviations the report defines (以下简称“…”, 简称, the glossary) become aliases.
- Issuer pronouns (我区, 区政府, 我们) are mentions of the issuer but never its aliases.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from .doc import Doc, Entity, Mention
from .gazetteer import Gazetteer
from .vocab import EntityClass

_ABBREV = re.compile(r"[(（](?:以下)?简称[“\"]?([^”\"()（）]{2,20})[”\"]?[)）]")
_RELATIVE = re.compile(r"^[省市区县旗州盟乡镇]")


def area_key(code: str) -> str:
    return f"area:{code}"


def canonical(mention: Mention, doc: Doc, gaz: Gazetteer) -> str:
    """The name an entity is known by, completed with the issuer's area if it is relative."""
    name = re.sub(r"[“”\"《》\s?]", "", mention.name or mention.text)
    if mention.label in (EntityClass.ORGANIZATION, EntityClass.PLACE, EntityClass.EVENT, EntityClass.PROGRAM):
        if _RELATIVE.match(name) and len(name) > 2:
            owner = _owner(name[0], doc.meta.issuer_code, gaz)
            if owner:
                return owner + name[1:]
    return name


def _owner(level_char: str, issuer: str, gaz: Gazetteer) -> str:
    """The area in the issuer's chain whose name ends in ``level_char`` (区 → 西城区)."""
    for key in [issuer, *gaz.ancestors(issuer)] if issuer else []:
        name = gaz.areas[key].name
        if name.endswith(level_char) or (level_char == "区" and name.endswith(("新区", "自治区"))):
            return name
    return ""


def link(doc: Doc, *, gazetteer: Gazetteer) -> Doc:
    """Stage: group mentions into entities (sorted by key)."""
    gaz = gazetteer
    groups: dict[str, list[int]] = defaultdict(list)
    info: dict[str, tuple[EntityClass, str, str]] = {}
    for index, m in enumerate(doc.mentions):
        if m.rule == "nested":
            continue
        if m.label == EntityClass.AREA:
            if m.code:
                key = area_key(m.code)
                area = gaz.areas.get(m.code)
                name = area.name if area else m.name
                info.setdefault(key, (m.label, name, m.code))
            else:
                name = canonical(m, doc, gaz)
                key = f"{m.label.value}:{name}"
                info.setdefault(key, (m.label, name, ""))
        else:
            name = canonical(m, doc, gaz)
            key = f"{m.label.value}:{name}"
            info.setdefault(key, (m.label, name, ""))
        groups[key].append(index)
    if doc.meta.issuer_code:  # the issuer is always an entity of its own report
        key = area_key(doc.meta.issuer_code)
        info.setdefault(key, (EntityClass.AREA, gaz.areas[doc.meta.issuer_code].name, doc.meta.issuer_code))
        groups.setdefault(key, [])

    aliases: dict[str, set[str]] = defaultdict(set)
    for key, indices in groups.items():
        for index in indices:
            m = doc.mentions[index]
            if m.rule == "coref":
                continue
            surface = re.sub(r"[“”\"《》\s?]", "", m.text)
            aliases[key].add(surface)
            if m.name and m.name != surface:
                aliases[key].add(re.sub(r"[“”\"《》\s]", "", m.name))
    _merge_abbreviations(doc, groups, info, aliases)
    _merge_quoted_cores(doc, groups, info, aliases)

    definitions = {g.term: g.definition for g in doc.meta.glossary}
    entities = []
    for key in sorted(groups):
        label, name, code = info[key]
        level = gaz.areas[code].level if code in gaz.areas else ""
        entities.append(
            Entity(
                key=key,
                label=label,
                name=name,
                aliases=tuple(sorted(a for a in aliases[key] if a and a != name)),
                mentions=tuple(sorted(groups[key])),
                code=gaz.areas[code].code if code in gaz.areas else "",
                level=level,
                definition=definitions.get(name, "") or next((definitions[a] for a in sorted(aliases[key]) if a in definitions), ""),
            )
        )
    return replace(doc, entities=tuple(entities))


def _merge_abbreviations(doc: Doc, groups: dict[str, list[int]], info: dict[str, tuple[EntityClass, str, str]],
                         aliases: dict[str, set[str]]) -> None:
    """Fold an abbreviation's entity into the entity it abbreviates: 《X》(以下简称“Y”), and
    glossary entries whose definition names the full form (…的简称, 全称为…)."""
    pairs: list[tuple[str, str]] = []  # (full-form key, abbreviation)
    by_end = {m.end: i for i, m in enumerate(doc.mentions) if m.rule != "nested"}
    for m in _ABBREV.finditer(doc.norm):
        index = by_end.get(m.start())
        if index is not None:
            pairs.append((_key_of(index, groups), m.group(1)))
    for entry in doc.meta.glossary:
        full = re.search(r"《([^》]{4,80})》的?(?:简称|简写)|全称(?:为|是)?[“《]([^”》]{4,60})[”》]", entry.definition)
        if full:
            name = full.group(1) or full.group(2)
            key = next((k for k, (_, n, _) in info.items() if n == name), "")
            if key:
                pairs.append((key, entry.term))
    for full_key, abbreviation in pairs:
        if not full_key:
            continue
        label = info[full_key][0]
        for key in [k for k, (lab, n, _) in info.items() if n == abbreviation and k != full_key]:
            groups[full_key].extend(groups.pop(key))
            aliases[full_key] |= aliases.pop(key, set())
            info.pop(key)
        aliases[full_key].add(abbreviation)
        del label


_QUOTED = re.compile(r"“([^”]{2,20})”")


def _merge_quoted_cores(doc: Doc, groups: dict[str, list[int]], info: dict[str, tuple[EntityClass, str, str]],
                        aliases: dict[str, set[str]]) -> None:
    """“疏整促”专项行动 and a bare “疏整促” name one programme: when exactly one named entity
    quotes a core, the bare core joins it as an alias."""
    cores: dict[str, set[str]] = defaultdict(set)
    defined = {g.term for g in doc.meta.glossary}  # a glossary term is a thing of its own
    for key, indices in groups.items():
        for index in indices:
            m = doc.mentions[index]
            if m.label == EntityClass.PROGRAM:
                for core in _QUOTED.findall(m.text):
                    if core != info[key][1]:
                        cores[core].add(key)
    for core, owners in sorted(cores.items()):
        if len(owners) != 1 or core in defined:
            continue
        owner = next(iter(owners))
        aliases[owner].add(core)
        for key in [k for k, (label, name, _) in info.items() if name == core and label == EntityClass.PROGRAM and k != owner]:
            groups[owner].extend(groups.pop(key))
            aliases[owner] |= aliases.pop(key, set())
            info.pop(key)


def _key_of(index: int, groups: dict[str, list[int]]) -> str:
    for key, indices in groups.items():
        if index in indices:
            return key
    return ""
