"""Cue words in clauses: every cue word of a kind (resources/cues.tsv, plus the bare cues kept in
code) found in a clause, outside any name and not negated, states relations of that kind from
its subject to the objects it reaches (see ``objects``). Planned when the clause says so (将, 要,
力争) or when it belongs to this year's tasks."""

from __future__ import annotations

import re

from ..doc import Doc, Mention, Relation
from ..rules import Rules
from ..vocab import RelationKind as R
from .lists import SUBJECTS, subject_of
from .objects import (BARE_HOST_CUES, BARE_PARTNER_CUES, BATTLE_CUES, OBJECTS, Found, established, hosted, implemented,
                      parties, settlements, supported, venue)

_NEGATION = re.compile(r"未(?!来)|没有|尚未|不再|并非|从未")
_BARE_CUES = ((R.PARTNERS_WITH, BARE_PARTNER_CUES), (R.HOSTS, BARE_HOST_CUES), (R.IMPLEMENTS, BATTLE_CUES))
# the issuer has somebody else do it (鼓励开发区|建立, 支持白石山镇|举办): the agent right before the cue
_AGENT = re.compile(r"(?:支持|鼓励|引导|帮助|指导|推动|督促)([^,，;；:：。、“”\"等和与]{1,10})$")


def clause_relations(doc: Doc, rules: Rules, in_clause: list[tuple[int, Mention]],
                     sentence_members: list[tuple[int, Mention]], keys: dict[int, str], issuer: str,
                     c_start: int, c_end: int, s_index: int, planned_section: bool) -> list[Relation]:
    """The relations stated by the cue words of one clause ``[c_start, c_end)``."""
    text = doc.norm
    out: list[Relation] = []
    covered: list[tuple[int, int]] = [(m.start, m.end) for _, m in in_clause]
    for kind, cues in [*rules.cues.items(), *_BARE_CUES]:
        for cue in cues:
            pos = text.find(cue, c_start, c_end)
            while pos != -1:
                cue_end = pos + len(cue)
                inside_name = any(s <= pos and cue_end <= e for s, e in covered)
                negated = bool(_NEGATION.search(text[max(c_start, pos - 12) : pos]))
                if not inside_name and not negated:
                    planned = planned_section or any(w in text[c_start:pos] for w in rules.planned)
                    out += _cue_relations(doc, kind, cue, pos, cue_end, in_clause, sentence_members, keys, issuer,
                                          c_start, c_end, s_index, planned)
                pos = text.find(cue, cue_end, c_end)
    return out


def _cue_relations(doc: Doc, kind: R, cue: str, pos: int, cue_end: int, in_clause: list[tuple[int, Mention]],
                   sentence_members: list[tuple[int, Mention]], keys: dict[int, str], issuer: str,
                   c_start: int, c_end: int, s_index: int, planned: bool) -> list[Relation]:
    text = doc.norm
    before = [(i, m) for i, m in in_clause if m.end <= pos]
    after = [(i, m) for i, m in in_clause if m.start >= cue_end]
    subject = subject_of(before, keys, issuer, c_start, text)
    if kind in (R.ESTABLISHES, R.HOSTS):
        agent = _AGENT.search(text, max(c_start, pos - 12), pos)
        if agent:  # 支持白石山镇举办…: the area does it; 鼓励开发区建立…: somebody other than the issuer
            doer = next(((i, m) for i, m in before if m.start == agent.start(1) and m.end == pos and m.label in SUBJECTS),
                        None)
            subject = "" if doer is None else issuer if doer[1].rule == "coref" else keys[doer[0]]
    objects: Found = []
    if kind in (R.PARTNERS_WITH, R.ASSISTS):
        objects, subject = parties(text, kind, cue, pos, c_start, before, after, subject, issuer)
    elif kind == R.LOCATED_IN:
        return settlements(doc, cue, pos, cue_end, before, after, keys, issuer, s_index, planned)
    elif kind == R.SUPPORTS:
        objects = supported(text, cue, pos, cue_end, before, after, c_end)
    elif kind == R.ESTABLISHES:
        objects = established(text, cue, after)
    elif kind == R.IMPLEMENTS:
        objects = implemented(text, cue, pos, cue_end, before, after)
    elif kind == R.HOSTS:
        objects = hosted(text, cue, pos, cue_end, before, after)
        if objects and objects[-1][2].end <= pos:  # A、B等在清苑成功举办: hosted where the text says
            subject = venue(text, before, objects[-1][2].end, pos, keys) or subject
    else:
        objects = [(kind, i, m) for i, m in after if m.label in OBJECTS[kind]]
    if not subject:
        return []
    out = []
    for rel_kind, index, m in objects:
        target = issuer if m.rule == "coref" else keys[index]  # 门头沟区与我县…, 对口帮扶我县
        if target:
            out.append(Relation(rel_kind, subject, target, s_index, min(pos, m.start), max(cue_end, m.end), cue,
                                planned))
    return out
