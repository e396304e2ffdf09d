"""Entity pairs → typed relations, each with its evidence sentence and span.

A cue word of the genre (resources/cues.tsv) states a relation; its objects are the mentions of
the right classes that follow it in the clause (lists split into one relation per member), or
for partnerships and assistance the parties named after 与/同/和. Some cues take what stands
before them when nothing follows (A、B等项目签约, …等在X成功举办, 林长制全面推行). The subject is
an area or organization opening the clause or named right before the cue (支持X举办), else the
issuer (implicit subjects and 我区, 区政府 …); when the issuer only encourages somebody unnamed
(鼓励企业…), there is no relation. Planned relations (将, 要, 力争, this year's tasks) are kept
and marked; negated ones dropped. The gazetteer's hierarchy adds ``locatedIn`` for every area,
marked as derived.

Layout: ``cues`` finds the cue words of each clause and dispatches them; ``objects`` holds what
each kind's cue reaches (and ``OBJECTS``, the range kept to); ``lists`` joins lists and finds
subjects; ``hierarchy`` reads locations written without a cue (河北阜平, 西城区人民法院);
``aid`` reads 援藏/援疆; ``chain`` adds the gazetteer's parents.
"""

from __future__ import annotations

from bisect import bisect_left

import re
from dataclasses import replace

from ..doc import Doc, Mention, Relation
from ..gazetteer import Gazetteer
from ..link import area_key
from ..rules import Rules
from ..vocab import EntityClass as C
from ..vocab import RelationKind as R
from .aid import aid_abbreviations
from .chain import gazetteer_chain
from .cues import clause_relations
from .hierarchy import name_locations, written_hierarchy
from .lists import SUBJECTS
from .objects import OBJECTS

__all__ = ["OBJECTS", "SUBJECTS", "relate"]

_CLAUSE = re.compile(r"[^,，;；:：。!！?？\n]+")


def relate(doc: Doc, *, gazetteer: Gazetteer, rules: Rules) -> Doc:
    """Stage: relations from the text, from names, and from the gazetteer's hierarchy."""
    keys = _mention_keys(doc)
    found: dict[tuple[R, str, str, int], Relation] = {}

    def add(rel: Relation) -> None:
        if rel.subject == rel.object:
            return
        if rel.kind == R.PARTNERS_WITH and rel.subject > rel.object:
            rel = replace(rel, subject=rel.object, object=rel.subject)
        if rel.derived and any(r.kind == rel.kind and r.subject == rel.subject and r.object == rel.object
                               for r in found.values()):
            return  # the text already states it
        k = (rel.kind, rel.subject, rel.object, rel.sentence)
        old = found.get(k)
        if old is None or (old.planned and not rel.planned):
            found[k] = rel

    issuer = area_key(doc.meta.issuer_code) if doc.meta.issuer_code else ""
    for s_index, sentence in enumerate(doc.sentences):
        members = [(i, m) for i, m in _mentions_in(doc, sentence.start, sentence.end) if i in keys]
        planned_section = sentence.section == "plan"
        clauses = [(c.start(), c.end()) for c in _CLAUSE.finditer(doc.norm, sentence.start, sentence.end)]
        for n, (c_start, c_end) in enumerate(clauses):
            in_clause = [(i, m) for i, m in members if c_start <= m.start and m.end <= c_end]
            # a list of areas grouped by province runs on into the next clauses (支持河北A、B,内蒙古C和D…)
            for nxt_start, nxt_end in clauses[n + 1 :]:
                nxt = [(i, m) for i, m in members if nxt_start <= m.start and m.end <= nxt_end]
                if not nxt or nxt[0][1].label != C.AREA or doc.norm[nxt_start : nxt[0][1].start].strip():
                    break
                in_clause += [(i, m) for i, m in nxt if m.label == C.AREA]
                c_end = nxt_end
            for rel in clause_relations(doc, rules, in_clause, members, keys, issuer, c_start, c_end,
                                        s_index, planned_section):
                add(rel)
        for rel in written_hierarchy(members, keys, gazetteer, s_index, sentence.start, sentence.end):
            add(rel)
    for rel in name_locations(doc, keys):
        add(rel)
    aided, aid = aid_abbreviations(doc, gazetteer, rules, issuer)
    for rel in aid:
        add(rel)
    known = {e.key for e in doc.entities}
    entities, chain = gazetteer_chain(
        replace(doc, entities=(*doc.entities, *(e for e in aided if e.key not in known))), gazetteer)
    for rel in chain:
        add(rel)
    relations = tuple(sorted(found.values(), key=lambda r: (r.kind, r.subject, r.object, r.sentence, r.start)))
    return replace(doc, entities=entities, relations=relations)


def _mention_keys(doc: Doc) -> dict[int, str]:
    return {index: e.key for e in doc.entities for index in e.mentions}


def _mentions_in(doc: Doc, start: int, end: int) -> list[tuple[int, Mention]]:
    """The mentions inside [start, end) (doc.mentions is sorted by start)."""
    first = bisect_left(doc.mentions, start, key=lambda m: m.start)
    last = bisect_left(doc.mentions, end, lo=first, key=lambda m: m.start)
    return [(i, doc.mentions[i]) for i in range(first, last) if doc.mentions[i].end <= end and doc.mentions[i].rule != "nested"]
