"""Party congresses and plenums, anniversaries, and people (the speaker, names with a title)."""

from __future__ import annotations

import re

from ..doc import Doc, Token
from ..vocab import EntityClass
from .common import Candidate


_PARTY_EVENT = re.compile(
    r"(?:党的|中共)?(?:[一二三四五六七八九十]{1,3})(?:届[一二三四五六七八九]中全会|大)"
    r"(?=[^\u4e00-\u9fff]|精神|和|以来|胜利|报告|召开|提出|部署|作出|上)"
)


_TITLES_AFTER = ("同志", "总书记", "主席", "书记", "院士", "教授", "先生", "女士", "总理", "委员长")


_ANNIVERSARY = re.compile(r"(?:成立|诞辰|诞生|解放|建立|开放|建党|建校|建院)(?:\d+|[一二三四五六七八九十百]+)周年")


_SELF_NAMED = ("建党", "建校", "建院")


_ANNIVERSARY_SUBJECT_POS = {"ns", "n", "nz", "nt", "nr", "j", "a", "b"}


_CELEBRATION = re.compile(r"(?:主题|纪念|庆祝)?(?:系列)?(?:活动|大会)")


_CONGRESS = re.compile(
    r"(?:中央|全国|[省市县区旗州盟]委?)"
    r"(?:第?[一二三四五六七八九十]{1,3}届[一二三四五六七八九十]{1,3}次全会|第[一二三四五六七八九十]{1,3}次党代会"
    r"|第?[一二三四五六七八九十]{1,3}届人大[一二三四五六七八九十]{1,3}次会议|人代会|党代会)"
)


def find_party_events(norm: str, tokens: tuple[Token, ...] = ()) -> list[Candidate]:
    """Party congresses and plenums (党的十九大, 县委十四届三次全会, 区人代会) and anniversaries
    (新中国成立70周年; 庆祝…周年系列活动 when the celebration itself is named)."""
    out = [Candidate(m.start(), m.end(), EntityClass.EVENT, "party", m.group()) for m in _PARTY_EVENT.finditer(norm)]
    out += [Candidate(m.start(), m.end(), EntityClass.EVENT, "party", m.group()) for m in _CONGRESS.finditer(norm)]
    by_end = {t.end: t for t in tokens}
    for m in _ANNIVERSARY.finditer(norm):
        start = m.start()
        if not m.group().startswith(_SELF_NAMED):
            inside = next((t for t in tokens if t.start < start < t.end), None)
            if inside:  # the anchor closes a word (改革开放)
                start = inside.start
            while start in by_end and by_end[start].pos in _ANNIVERSARY_SUBJECT_POS and m.end() - by_end[start].start <= 16:
                start = by_end[start].start
            if start == m.start():
                continue  # nobody's anniversary: 成立30周年 of an unnamed thing
        end = m.end()
        tail = _CELEBRATION.match(norm, end)
        if tail and norm[max(0, start - 2) : start] == "庆祝":
            start, end = start - 2, tail.end()
        out.append(Candidate(start, end, EntityClass.EVENT, "party", norm[start:end]))
    return out


_DOCTRINE = re.compile(r"[\u4e00-\u9fff]{0,16}(?:思想|理论)")


def find_people(doc: Doc, tokens: tuple[Token, ...]) -> list[Candidate]:
    out = []
    speaker = doc.meta.speaker
    if speaker:
        pattern = r"[\s?]{0,3}".join(re.escape(ch) for ch in speaker)
        for m in re.finditer(pattern, doc.norm):
            out.append(Candidate(m.start(), m.end(), EntityClass.PERSON, "header", speaker))
    for j, tok in enumerate(tokens):
        if tok.pos not in ("nr", "nrfg") or not 2 <= len(tok.text) <= 4:
            continue
        nxt = doc.norm[tok.end : tok.end + 4]
        if _DOCTRINE.match(doc.norm, tok.end):
            continue  # 习近平新时代中国特色社会主义思想 names a doctrine, not the person
        if tok.pos == "nrfg" or nxt.startswith(_TITLES_AFTER):
            out.append(Candidate(tok.start, tok.end, EntityClass.PERSON, "person", tok.text))
    return out
