"""Party congresses and plenums, anniversaries, and people (the speaker, names with a title)."""

from __future__ import annotations

import re

from ..doc import Doc, Token
from ..gazetteer import load_surnames
from ..vocab import EntityClass
from .common import CJK, EDITION, Candidate


_PARTY_EVENT = re.compile(
    r"(?:党的|中共)?[一二三四五六七八九十]{1,3}届[一二三四五六七八九]中全会"  # a plenum names itself
    r"|(?:党的|中共)?[一二三四五六七八九十]{1,3}大(?=[^\u4e00-\u9fff]|精神|和|以来|胜利|报告|召开|提出|部署|作出|上)"
    r"|(?:党的|中共)[一二三四五六七八九十]{1,3}大(?=等|期间|代表)"  # 党的二十大等重要节点
)


_TITLES_AFTER = ("同志", "总书记", "主席", "书记", "院士", "教授", "先生", "女士", "总理", "委员长", "故里")


_SITE_END = re.compile(r"[渠坝山河坡岭湖村庄江海关港岛桥区城]$")  # 红旗渠, 塞罕坝, 井冈山: sites with a spirit of their own


_ANNIVERSARY = re.compile(r"(?:成立|诞辰|诞生|解放|建立|开放|建党|建校|建院)(?:\d+|[一二三四五六七八九十百]+)周年")


_SELF_NAMED = ("建党", "建校", "建院")


_ANNIVERSARY_SUBJECT_POS = {"ns", "n", "nz", "nt", "nr", "j", "a", "b"}


_CELEBRATION = re.compile(r"(?:主题|纪念|庆祝)?(?:系列)?(?:活动|大会)")


_CONGRESS = re.compile(
    r"(?:中央|全国|[省市县区旗州盟][委]?)"
    r"(?:第?[一二三四五六七八九十]{1,3}届[一二三四五六七八九十]{1,3}次全会|第[一二三四五六七八九十]{1,3}次党代会"
    r"|第?[一二三四五六七八九十]{1,3}届(?:人大|政协)[一二三四五六七八九十]{1,3}次会议"
    r"|(?:人大|政协)第?[一二三四五六七八九十]{1,3}届[一二三四五六七八九十]{1,3}次会议|人代会|党代会)"
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
    surnames = load_surnames()
    for tok in tokens:
        if tok.pos == "x":  # a name the tagger does not know, with a family name and a title (吕才|故里)
            named = 2 <= len(tok.text) <= 3 and all(CJK.match(ch) for ch in tok.text)
            if named and ((tok.text[0] in surnames and doc.norm.startswith((*_TITLES_AFTER, "精神"), tok.end)
                           and not _SITE_END.search(tok.text))
                          or doc.norm.startswith("同志", tok.end)):  # 毛相林|同志: 同志 follows only a person
                out.append(Candidate(tok.start, tok.end, EntityClass.PERSON, "person", tok.text))
            continue
        if tok.pos not in ("nr", "nrfg") or not 2 <= len(tok.text) <= 4:
            continue
        if _DOCTRINE.match(doc.norm, tok.end):
            continue  # 习近平新时代中国特色社会主义思想 names a doctrine, not the person
        # (焦裕禄|精神: the spirit of a person; 红旗渠|精神 is a canal's)
        spirit = len(tok.text) == 3 and doc.norm.startswith("精神", tok.end) and not _SITE_END.search(tok.text)
        if (tok.pos == "nrfg" and len(tok.text) >= 3) or doc.norm.startswith(_TITLES_AFTER, tok.end) or spirit:  # 祥和/nrfg is a word
            out.append(Candidate(tok.start, tok.end, EntityClass.PERSON, "person", tok.text))
    # people listed before 同志 (刘长河、陈玉兰两位同志), and a person who opens a clause with an honour
    # (王秀英获评…, 张建国入选…) where jieba split the name or knows it
    for m in _COMRADES.finditer(doc.norm):
        pos = m.start()
        for member in m.group(1).split("、"):
            out.append(Candidate(pos, pos + len(member), EntityClass.PERSON, "person", member))
            pos += len(member) + 1
    by_start = {t.start: t for t in tokens}
    for m in _HONOURED_PERSON.finditer(doc.norm):
        inside = [by_start[i] for i in range(m.start(1), m.end(1)) if i in by_start]
        if m.group(1)[0] in surnames and inside and all(t.pos in ("nr", "nrfg", "x") for t in inside) and inside[-1].end == m.end(1):
            out.append(Candidate(m.start(1), m.end(1), EntityClass.PERSON, "person", m.group(1)))
    return out


_COMRADES = re.compile(r"(?<![\u4e00-\u9fff])((?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3})(?:两|三|四|五)?位?(?:等)?同志")
_HONOURED_PERSON = re.compile(r"(?:^|(?<=[，,。；;：:\n]))([\u4e00-\u9fff]{3})(?:获评|荣获|入选|被评为|当选)", re.M)


# short forms of event heads before 会: 博(览)会, 洽(谈)会, 交(易)会, 运(动)会, 奥(运)会, 园(博)会,
# 服(贸)会; the short form needs one or two characters of its own before it (数博会, 进博会, 冬奥会)
_ABBREVIATED_EVENT = re.compile(r"[\u4e00-\u9fff]{1,2}[博洽交运奥园服]会")


# what may follow an event's short name (not 会议, 会员, nor the modal 会 before a verb)
_AFTER_EVENT = re.compile(r"[^\u4e00-\u9fff]|[等和及与上期的在开召举闭筹顺圆]")


_ABBREVIATION_POS = {"j", "nz", "nr"}


# 会 ending a body or a common word, not an event
_NOT_EVENT = ("委员会", "委会", "十字会", "全会", "协会", "学会", "商会", "工会", "社会", "机会", "理事会", "董事会",
              "联合会", "基金会", "都会", "总会", "分会", "议会", "国会", "体会", "约会", "宴会")


_CONTEST = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:比赛|赛)(?=[，,。；;、]|$)")


def find_abbreviated_events(norm: str, tokens: tuple[Token, ...]) -> list[Candidate]:
    """Events written by their short form ending in 会 (冬奥会, 廊洽会、数博会): a dictionary
    abbreviation (POS j/nz/nr) of three or four characters, or one or two characters and a short
    form of an event head, starting a word and followed by a list mark, 上, 期间 …"""
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    out = []
    for tok in tokens:
        if tok.pos in _ABBREVIATION_POS and 3 <= len(tok.text) <= 4 and tok.text.endswith("会") and not tok.text.endswith(_NOT_EVENT):
            out.append(Candidate(tok.start, tok.end, EntityClass.EVENT, "party", tok.text))
            if tok.text.endswith("运会") and (contest := _CONTEST.match(norm, tok.end)):
                end = contest.end()  # 省运会|皮划艇激流回旋赛: a contest of the games is an event of its own
                out.append(Candidate(tok.start, end, EntityClass.EVENT, "party", norm[tok.start : end]))
    for m in _ABBREVIATED_EVENT.finditer(norm):
        if m.end() not in ends or m.group().endswith(_NOT_EVENT) or not _AFTER_EVENT.match(norm + "。", m.end()):
            continue
        start = next((s for s in range(m.end() - 3, m.start() - 1, -1) if s in starts), None)
        if start is None:
            continue
        out.append(Candidate(start, m.end(), EntityClass.EVENT, "party", norm[start : m.end()]))
    # the edition before a short form is in the event's name (第133届|广交会, 杭州第19届|亚运会)
    return [c._replace(start=e.start(), name=norm[e.start() : c.end]) if (e := _EDITION_BEFORE.search(norm, max(0, c.start - 8), c.start)) else c
            for c in out]


_EDITION_BEFORE = re.compile(rf"{EDITION}$")
