"""Ways and villages: numbered and ring roads, the sections, extensions and basins of roads, rails
and rivers the text names (G234国道顺平段, 北三环东延, 安宁河流域), and villages named after their
township without 村 (臧村镇|马庄、刘庄)."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..doc import Token
from ..rules import Rules
from ..vocab import EntityClass
from .common import Candidate


def find_road_works(norm: str, tokens: tuple[Token, ...], found: list[Candidate], rules: Rules) -> list[Candidate]:
    """Ring roads (西三环), numbered lines and roads (地铁4号线北段, G227), the extension of a road
    the text names by its direction (北三环东延, 会展西街南延), a railway's second line (成昆铁路复线),
    a river's basin and its numbered bridges (安宁河流域, 安宁河一桥): places, like the roads they extend."""
    starts = {t.start for t in tokens}
    out = [Candidate(m.start(), m.end(), EntityClass.PLACE, "suffix", m.group())
           for m in _RING_ROAD.finditer(norm) if m.start() in starts]
    out += [Candidate(m.start(), m.end(), EntityClass.PLACE, "suffix", m.group()) for m in _NUMBERED_LINE.finditer(norm)]
    ends = {t.end: t for t in tokens}
    for c in [*found, *out]:
        head = rules.head_of(c.name) if c.label == EntityClass.PLACE else None
        if (head and head[0] in _ROAD_HEADS + _RAIL_HEADS and norm[c.start - 1 : c.start] == "至"
                and (origin := ends.get(c.start - 1)) is not None and origin.pos in ("ns", "nr", "nz")
                and not ((own := rules.head_of(origin.text)) and own[0] in _ROAD_HEADS)):  # (路A至路B is a section)
            out.append(Candidate(origin.start, c.end, EntityClass.PLACE, "suffix", norm[origin.start : c.end]))  # A至B铁路
        if (head and head[0] in _ROAD_HEADS or _RING_ROAD.fullmatch(c.name)) and (m := _EXTENSION.match(norm, c.end)):
            out.append(Candidate(c.start, m.end(), EntityClass.PLACE, "suffix", norm[c.start : m.end()]))
        elif head and head[0] in _RAIL_HEADS + _RIVER_HEADS and (m := _SECTION.match(norm, c.end)):
            out.append(Candidate(c.start, m.end(), EntityClass.PLACE, "suffix", norm[c.start : m.end()]))  # 松花江|哈尔滨段
        elif head and head[0] in _RAIL_HEADS and (m := _SECOND_LINE.match(norm, c.end)):
            out.append(Candidate(c.start, m.end(), EntityClass.PLACE, "suffix", norm[c.start : m.end()]))  # 成昆铁路复线
        elif head and head[0] in _RIVER_HEADS and norm.startswith("流域", c.end):
            out.append(Candidate(c.start, c.end + 2, EntityClass.PLACE, "suffix", norm[c.start : c.end + 2]))  # 安宁河|流域
        elif head and head[0] in _RIVER_HEADS and (m := _NTH_BRIDGE.match(norm, c.end)):
            out.append(Candidate(c.start, m.end(), EntityClass.PLACE, "suffix", norm[c.start : m.end()]))  # 安宁河一桥
    return out


# metro and rail lines with their phase and section (地铁4号线北段, Z4线一期北段), and national,
# provincial and county roads by number (G227, S465, 省道242)
_NUMBERED_LINE = re.compile(
    r"(?:地铁|轨道交通)?(?<![A-Za-z0-9])(?:[A-Z]?\d{1,2}号线|[A-Z]\d{1,2}线)(?:延伸线|支线)?(?:[一二三四五]期)?(?:[东西南北]段|[东西南北]延)?"
    r"|(?:国道|省道|县道)\d{2,4}线?|(?<![A-Za-z0-9.])[GS]\d{2,4}(?![A-Za-z0-9.%])(?!峰会|集团|成员|国家|网络|基站|技术|应用|手机)(?:国道|省道)?")
_RING_ROAD = re.compile(r"[东西南北][二三四五六七]环(?![境保节比])")
_EXTENSION = re.compile(
    r"[东西南北]延(?:伸段|段|线)?"
    r"|(?:(?:(?![等和及与的])[\u4e00-\u9fff]){2,3}?(?<![路全])段|(?:(?![等和及与的])[\u4e00-\u9fff]){0,3}?(?:连接线|支线))"
    r"(?![\u4e00-\u9fff]{0,2}(?:工程|项目))"  # 保阜高速|阜平段, 太行山高速|连接线
    r"|[\u4e00-\u9fff]{2,4}?至[\u4e00-\u9fff]{2,4}?段(?![\u4e00-\u9fff]{0,2}(?:工程|项目))"  # …高速|义乌至金华段
    r"|[\u4e00-\u9fff]{2,3}?(?:城区|市区)段(?![\u4e00-\u9fff]{0,2}(?:工程|项目))"  # 汾河|太原城区段
)
_SECTION = re.compile(r"(?:[\u4e00-\u9fff]{2,4}?至[\u4e00-\u9fff]{2,4}?|[\u4e00-\u9fff]{2,3}?(?:城区|市区)?)段(?![\u4e00-\u9fff]{0,2}(?:工程|项目))")
_RAIL_HEADS = ("铁路", "高铁", "城际铁路", "城际", "轻轨")
_SECOND_LINE = re.compile(r"复线|二线|[东西南北]段|[一二三]期")
_RIVER_HEADS = ("河", "江")
_NTH_BRIDGE = re.compile(r"[一二三四五六七八九十]桥")
_ROAD_HEADS = ("路", "街", "大街", "大道", "公路", "道", "高速", "高速公路", "国道", "省道")


def find_villages(norm: str, tokens: tuple[Token, ...], areas: list[Candidate], tags: dict[str, str]) -> list[Candidate]:
    """Villages named right after their township without the word 村 (臧村镇|马庄、刘庄; 李庄乡|北段庄村),
    and the villages listed after the first: places."""
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    out = []
    for c in areas:
        if c.label != EntityClass.AREA or not c.name.endswith(("镇", "乡")) or c.end not in starts:
            continue
        pos = c.end
        while True:
            m = _VILLAGE.match(norm, pos)
            if not m or m.end() not in ends or tags.get(m.group(), "ns") not in ("ns", "nr", "x") or m.start() not in starts:
                break
            inside = tokens[bisect_left(tokens, m.start(), key=lambda t: t.start) : bisect_left(tokens, m.end(), key=lambda t: t.start)]
            if any(len(t.text) > 1 and t.pos not in _VILLAGE_POS for t in inside):
                break  # …镇|通过|农村: words of a clause, not a village's name
            out.append(Candidate(m.start(), m.end(), EntityClass.PLACE, "suffix", m.group()))
            if norm[m.end() : m.end() + 1] not in ("、", "和"):
                break
            pos = m.end() + 1
    return out


_VILLAGE_POS = frozenset({"x", "ns", "nr", "nrt", "nz", "t", "s", "f"})
_VILLAGE = re.compile(r"[\u4e00-\u9fff]{1,3}?(?:庄村|庄|营|屯|堡|寨|村)(?![\u4e00-\u9fff]{0,1}(?:镇|乡|街道))")
