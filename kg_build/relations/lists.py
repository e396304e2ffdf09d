"""Lists and subjects: which mentions stand together as one list, and who does what a cue says.

A list is a run of mentions joined only by list marks (A、B和C), possibly with short members
that the mention stage did not recognise (A、光大云缴费、C). The subject of a clause is the area
or organization that opens it (the last of a written hierarchy such as 北京市东城区), else the
issuer; an area written right before another (河北张北县) only qualifies it.
"""

from __future__ import annotations

import re

from ..doc import Mention
from ..vocab import EntityClass as C

SUBJECTS = frozenset({C.AREA, C.ORGANIZATION})
_CLAUSE_BREAK = re.compile(r"[,，;；:：。!！?？]")

# locatedIn: what may stand between the things that settle and the cue (…等15家机构相继|揭牌|签约 落户);
# a programme or a fund that lands (落地) with no place named is put into effect, it does not settle
MOVER_GAP = re.compile(r"(?:[\u4e00-\u9fff]{0,2}总部)?(?:等[^,，;；。]{0,10}|[^,，;；。等]{0,5})")  # (A、B总部等…落地)

# lists: between members of a list of objects (A、B和C), or an area and its qualifier; the words
# that open an unrecognised part of the next member's name (A、第四届河北省“B”比赛, A、庆祝B)
_LIST_GAP = re.compile(r"[、和及与,，“”\"\s]*|以及")
_LIST_MARK = re.compile(r"以及|[、和及与]")
_MEMBER_OPENING = re.compile(r"(?:首届|第[一二三四五六七八九十\d]+届)[^,，;；。、]{0,6}|庆祝|纪念")
_OFFICE_TAIL = re.compile(r"^[\u4e00-\u9fff]{0,2}总部$")
_UNNAMED_MEMBER = 10  # longest member of a list that the mention stage did not recognise


def list_after(after: list[tuple[int, Mention]], cue_end: int, text: str) -> list[tuple[int, Mention]]:
    """The mentions that follow ``cue_end`` one after another, joined only by list marks (A、B和C)."""
    out: list[tuple[int, Mention]] = []
    end = cue_end
    for i, m in after:
        if not joined(text[end : m.start], first=not out):
            break
        out.append((i, m))
        end = m.end
    return out


def list_before(before: list[tuple[int, Mention]], pos: int, text: str) -> list[tuple[int, Mention]]:
    """The list that ends right before the cue at ``pos`` (A、B等15家机构 | 落户)."""
    if not before or not MOVER_GAP.fullmatch(text[before[-1][1].end : pos]):
        return []
    out = [before[-1]]
    for i, m in reversed(before[:-1]):
        if not joined(text[m.end : out[0][1].start]):
            break
        out.insert(0, (i, m))
    return out


def joined(gap: str, *, first: bool = False) -> bool:
    """Whether ``gap`` only joins two members of a list: list marks (、 和 及), or members that are not
    recognised as names (A、光大云缴费、C), or the words that open the next one's name (A、第四届
    河北省“B”比赛, A、庆祝B). Right after the cue (``first``) only list marks pass."""
    if _LIST_GAP.fullmatch(gap):
        return True
    pieces = _LIST_MARK.split(gap)
    pieces[0] = _OFFICE_TAIL.sub("", pieces[0])  # A总部、B总部: the firms are the members
    return not first and len(pieces) > 1 and not pieces[0].strip("“”\"") and all(
        0 < len(p) <= _UNNAMED_MEMBER and not _CLAUSE_BREAK.search(p) for p in pieces[1:-1]) \
        and (not pieces[-1].strip("“”\"") or bool(_MEMBER_OPENING.fullmatch(pieces[-1])))


def subject_of(before: list[tuple[int, Mention]], keys: dict[int, str], issuer: str, c_start: int, text: str) -> str:
    """An area or organization that opens the clause (the last of a written hierarchy such as
    北京市东城区), else the issuer."""
    for n, (index, m) in enumerate(before):
        if m.label in SUBJECTS and not text[c_start : m.start].strip(" “”\""):
            if m.rule == "coref":
                return issuer
            while n + 1 < len(before) and before[n + 1][1].start == m.end and before[n + 1][1].label == C.AREA \
                    and m.label == C.AREA and before[n + 1][1].rule != "coref":
                n += 1
                index, m = before[n]
            return keys[index]
    return issuer


def drop_qualifiers(objects: list[tuple[int, Mention]]) -> list[tuple[int, Mention]]:
    """In 河北张北县 the province qualifies the county; it is not a party of its own."""
    keep = []
    for n, (index, m) in enumerate(objects):
        nxt = objects[n + 1][1] if n + 1 < len(objects) else None
        if nxt is not None and nxt.start == m.end and m.label == C.AREA and nxt.label == C.AREA:
            continue
        keep.append((index, m))
    return keep
