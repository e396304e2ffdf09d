"""Enumerations: partners of a cooperation (与A、B签订合作协议; 引进A、B等企业) and members typed by
the category noun that closes the list (A、B等20处口袋公园)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..doc import Token
from ..rules import Rules
from ..vocab import EntityClass
from .common import (
    Candidate, CJK, CLASSIFIER, CLAUSE_BREAK, COUNT, PROPER_POS, after_opening_verb,
    strip_quotes,
)


_PARTY_LIST = re.compile(
    r"(?:与|同|跟)(?P<list>[^,，。；;:：“”《》()（）等]{2,80}?)"
    r"(?:等[^,，。；;]{0,8}?(?:企业|公司|单位|机构|高校|院校|医院|集团))?"
    r"(?:分别|先后|成功|正式|深度|深入)?(?:开展|达成|建立|加强|深化)?(?:战略|全面|深度|紧密)?"
    r"(?:合作|签约|对接|共建|结对|(?:签订|签署)(?=[^,，。；;]{0,10}(?:合作|协议)))"
)


_INTRODUCE = re.compile(
    r"(?:引进|引入|签约|落地|招引)(?:了)?(?P<list>[^,，。；;:：“”《》()（）]{2,60}?)等(?:\d+|[一二三四五六七八九十百]+)?[家个批]?(?:知名|龙头|重点|优质)?(?:企业|公司|项目)"
)


_LIST_SPLIT = re.compile(r"、|和|及|以及|与")


_GENERIC_PARTY = re.compile(r"\d+[个家项所]|(?:企业|单位|部门|平台|机构|院校|高校|专家|地区|商超|力量|发展|创新|各方|方面|群众|人才)$")


_AREA_LEVELS = ("省", "州", "市", "县", "区", "镇", "乡")


_PARTY_VERB = re.compile(r"加强|开展|深化|推进|推动|建立|实现|强化")  # 与…力量|加强|产学研合作: a clause, not a partner


def find_parties(norm: str, taken: list[Candidate], modifiers: frozenset[str] = frozenset(),
                 generic: frozenset[str] = frozenset()) -> list[Candidate]:
    """Members of a list of partners (与A、B和C签订合作协议; 引进A、B等企业): organizations,
    unless a rule already recognised them as something else."""
    out = []
    for pattern in (_PARTY_LIST, _INTRODUCE):
        for m in pattern.finditer(norm):
            pos = m.start("list")
            for member in _LIST_SPLIT.split(m.group("list")):
                start = norm.find(member, pos)
                end = start + len(member)
                pos = end
                name = member.strip()
                trimmed = re.sub(r"(?:通力|共同|携手|联合|紧密|积极|全面|的)+$", "", name.split("的")[0])  # …河西区|的对口合作
                end -= len(name) - len(trimmed)
                name = trimmed
                if not 2 <= len(name) <= 16 or not CJK.search(name) or _GENERIC_PARTY.search(name) or _PARTY_VERB.search(name):
                    continue
                if any(name.startswith(w) for w in modifiers) or name in generic or name.endswith(_AREA_LEVELS):
                    continue  # (越南谅山省: an area, not a partner body)
                covered = {i for c in taken if c.start < end and start < c.end for i in range(c.start, c.end)}
                if all(i in covered for i in range(start, end)) or name in ("我们", "我区", "我县", "我市"):
                    continue  # already named, perhaps by several mentions (天津市 + 蓟州区)
                out.append(Candidate(start, end, EntityClass.ORGANIZATION, "partner", name))
    return out


_MEMBER_SPLIT = re.compile(r"、|”“|和|及|以及|与")


def find_typed_lists(norm: str, tokens: tuple[Token, ...], taken: list[Candidate], rules: Rules,
                     tags: dict[str, str]) -> list[Candidate]:
    """Members of an enumeration closed by a category noun (A、B等20处口袋公园; A、B和C等活动):
    the category gives every member its class. A member loses the verb that opens it (参加, 庆祝)."""
    categories = "|".join(sorted(map(re.escape, rules.list_types), key=len, reverse=True))
    pattern = re.compile(
        rf"(?:等{COUNT}?[{CLASSIFIER}]?|{COUNT}[{CLASSIFIER}])(?P<mod>[^{CLAUSE_BREAK}、等“”]{{0,5}}?)(?P<cat>{categories})"
    )
    token_ends = {t.end for t in tokens}
    token_starts = {t.start for t in tokens}
    by_end = {c.end: c for c in sorted(taken, key=lambda c: c.end - c.start)}
    by_start = {c.start: c for c in sorted(taken, key=lambda c: c.end - c.start)}
    out = []
    for m in pattern.finditer(norm):
        if m.end() not in token_ends or (m.group("mod") and m.group("mod") in rules.list_types):
            continue
        if m.group().startswith("等") and m.start() not in token_starts:
            continue  # 等 inside a word (中等职业学校)
        label = rules.list_types[m.group("cat")]
        clause_start = max(norm.rfind(c, 0, m.start()) for c in CLAUSE_BREAK) + 1
        region = norm[clause_start : m.start()]
        pieces = [(p.start(), p.end()) for p in _MEMBER_SPLIT.finditer(region)]
        if not pieces and not m.group().startswith("等"):
            continue  # one thing and a count (建成2处城市森林): no enumeration
        bounds = [0, *(x for pair in pieces for x in pair), len(region)]
        members = [(clause_start + bounds[i], clause_start + bounds[i + 1]) for i in range(0, len(bounds), 2)]
        kinds = sum(1 for s, e in members if (e - s <= 2 and tags.get(norm[s:e], "ns") not in PROPER_POS)
                    or (label in (EntityClass.PLACE, EntityClass.ORGANIZATION) and _ends_in_verb(tokens, e))
                    or ((label in (EntityClass.PROGRAM, EntityClass.EVENT) or m.group("cat") == "市场")
                        and _common_words(tokens, s, e, tags)))
        # (海工装备、航运金融等市场: markets of trades, not marketplaces)
        if kinds * 2 >= len(members):
            continue  # a list of kinds (国有、民营、外资等企业; 枢纽带动、文商旅融合等区域), not of names
        found = []
        for start, end in members:
            start, end = strip_quotes(norm, start, end)
            known = by_end.get(end) or by_end.get(end + 1)
            if known and known.label == EntityClass.AREA and known.end == end:
                continue  # 对标北京、上海等地…: a member that ends in an area is the area
            limit = known.start if known and known.start >= start else end
            last = bisect_right(tokens, limit, key=lambda t: t.end) - 1
            first = bisect_left(tokens, start, key=lambda t: t.start)
            if (limit == end and 0 <= first < last and tokens[last].end == end and tokens[last].pos.startswith("v")
                    and tokens[first].start == start and tokens[first].pos in PROPER_POS
                    and not (tokens[last].start in by_end and by_end[tokens[last].start].label == EntityClass.AREA)):
                limit = tokens[last].start  # 光大云|缴费: a verb that ends a name opens nothing (but 东城|推介 names no thing)
            start = after_opening_verb(norm, start, limit, tokens, rules, tags)
            if known and start <= known.start < end:
                end = known.end
            name = norm[start:end].strip("“”\"")
            place = by_start.get(start)
            if label == EntityClass.PROGRAM and place and place.label == EntityClass.PLACE and _works_on(norm, place.end, end):
                continue  # S465|改扩建: works on a named road name the road, not a programme
            if not 2 <= len(name) <= 20 or not CJK.search(name) or name in rules.generic or name in rules.list_types:
                continue
            if any(name.startswith(w) for w in rules.modifiers) or re.search(rf"(?<!第){COUNT}[{CLASSIFIER}]", name):
                continue
            if "的" in name or (len(name) <= 2 and tags.get(name, "ns") not in PROPER_POS):
                continue  # a description (我们的节日) or a common word
            own = rules.head_of(name)
            if own and len(own[0]) >= 2 and label == EntityClass.PLACE and own[1] in (
                    EntityClass.PROGRAM, EntityClass.POLICY, EntityClass.EVENT):
                continue  # 国土空间规划和122个村庄: a plan beside the villages is none of them (but a fund
                # listed among institutions, 国家融资担保基金等重要机构, is one)
            kind = own[1] if own and len(own[0]) >= 2 and own[1] in (EntityClass.PLACE, EntityClass.ORGANIZATION) else label
            found.append(Candidate(start, end, kind, "typed", name))  # …试验基地等央企资源: a base is a place
        out += found
    return out


def _common_words(tokens: tuple[Token, ...], start: int, end: int, tags: dict[str, str]) -> bool:
    """Whether ``start:end`` is made of common dictionary words only (跑道, 背街小巷, 道路环境): what a
    works or campaign deals with, not the name of one."""
    inside = tokens[bisect_left(tokens, start, key=lambda t: t.start) : bisect_right(tokens, end, key=lambda t: t.end)]
    return bool(inside) and inside[-1].end == end and all(t.text in tags and t.pos not in PROPER_POS for t in inside)


def _works_on(norm: str, start: int, end: int) -> bool:
    """Whether ``start:end`` says only what works are done (改扩建, 提档升级)."""
    return _WORKS.fullmatch(norm, start, end) is not None


_WORKS = re.compile(r"(?:新建|改建|扩建|改扩建|大修|拓宽|提档|升级|改造|提升|建设|续建|贯通)+")


def _ends_in_verb(tokens: tuple[Token, ...], end: int) -> bool:
    """Whether a verb or adjective of two or more characters ends at ``end`` (…带动, …融合)."""
    last = bisect_right(tokens, end, key=lambda t: t.end) - 1
    return last >= 0 and tokens[last].end == end and tokens[last].pos in ("v", "vn", "a", "d") and len(tokens[last].text) >= 2


_HONOURED = re.compile(
    r"(?P<list>[^,，。；;:：“”《》()（）\n]{2,40}?)(?:成功|先后|分别)?(?:获评|入选|被评为|被命名为|荣获)(?:为)?"
    r"[“\"]?(?P<title>[^,，。；;:：“”\n]{2,30}?)(?P<cat>示范村|重点村|美丽乡村|村|社区|景区|镇|乡)[”\"]?(?=[,，。；;、]|$)"
)
_HONOUR_CLASS = {"示范村": EntityClass.PLACE, "重点村": EntityClass.PLACE, "美丽乡村": EntityClass.PLACE, "村": EntityClass.PLACE,
                 "社区": EntityClass.PLACE, "景区": EntityClass.PLACE}


def find_honoured(norm: str, tokens: tuple[Token, ...], taken: list[Candidate], rules: Rules,
                  tags: dict[str, str]) -> list[Candidate]:
    """Villages, communities and scenic spots named bare as the winners of an award for their kind
    (骆驼湾获评全国乡村旅游重点村; 顾家台、楼房共同获评…示范村): the award's last word is their class."""
    out = []
    covered = {i for c in taken for i in range(c.start, c.end)}
    for m in _HONOURED.finditer(norm):
        label = _HONOUR_CLASS.get(m.group("cat"))
        if label is None:
            continue
        clause_start = m.start("list")
        region = m.group("list")
        region = re.sub(r"(?:共同|一并|均|都)$", "", region)
        pos = clause_start
        for member in re.split(r"、|和|及|与", region):
            start = norm.find(member, pos)
            end = start + len(member)
            pos = end
            start = after_opening_verb(norm, start, end, tokens, rules)
            name = norm[start:end]
            if not 2 <= len(name) <= 6 or not CJK.search(name) or name in rules.generic or "的" in name:
                continue
            if re.search(rf"{COUNT}[{CLASSIFIER}]", name) or any(i in covered for i in range(start, end)):
                continue  # 4个社区获评…: a count; a member another rule already named keeps its name
            if tags.get(name, "ns") not in PROPER_POS and len(name) <= 2:
                continue  # a common word (楼房 is one too: only names the dictionary does not know)
            out.append(Candidate(start, end, label, "typed", name))
    return out


_BARE_POS = PROPER_POS | {"n", "ng", "zg"}


_LIST_END = "、等和及与,，。；;"


def find_bare_siblings(norm: str, tokens: tuple[Token, ...], found: list[Candidate], rules: Rules,
                       freq: dict[str, int]) -> list[Candidate]:
    """Bare names listed beside a place the text names by its head (雍和宫、东单、后海等): a list
    keeps to one kind of thing. A member is one or two name-like tokens between list marks, and
    not a common word (公园、广场)."""
    by_start = {t.start: i for i, t in enumerate(tokens)}
    by_end = {t.end: i for i, t in enumerate(tokens)}
    taken = {(c.start, c.end) for c in found}
    out: list[Candidate] = []
    for c in found:
        if c.label != EntityClass.PLACE or c.rule != "suffix":
            continue
        following = by_start.get(c.end)
        if following is not None and tokens[following].text not in _LIST_END and not tokens[following].pos.startswith(("v", "d")):
            continue  # the place must be a whole member of the list itself (黄河故道|高效农业 is not)
        for step in (1, -1):
            pos = c.end if step > 0 else c.start
            while True:
                mark = pos if step > 0 else pos - 1
                if not norm.startswith("、", mark):
                    break
                first = by_start.get(mark + 1) if step > 0 else by_end.get(mark)
                if first is None:
                    break
                run = [first]
                while len(run) < 2:
                    nxt = run[-1] + step
                    if not 0 <= nxt < len(tokens) or tokens[nxt].pos not in _BARE_POS or tokens[nxt].text in _LIST_END:
                        break
                    run.append(nxt)
                if any(tokens[i].pos not in _BARE_POS for i in run):
                    run = run[:1] if tokens[run[0]].pos in _BARE_POS else []
                if not run:
                    break
                start, end = min(tokens[i].start for i in run), max(tokens[i].end for i in run)
                before, after = norm[start - 1 : start], norm[end : end + 1]
                if (step > 0 and after not in _LIST_END) or (step < 0 and before not in _LIST_END and tokens[min(run) - 1].pos in _BARE_POS):
                    break  # the run goes on into a longer phrase
                item = norm[start:end]
                common = len(run) == 1 and freq.get(item, 0) >= _COMMON_WORD
                if not 2 <= len(item) <= 6 or item in rules.generic or common or rules.head_of(item) or not CJK.search(item):
                    break
                if "其" in item:
                    break  # 固其基、安其居: a parallel phrase, not a name
                if (start, end) not in taken:
                    out.append(Candidate(start, end, EntityClass.PLACE, "sibling", item))
                pos = end if step > 0 else start
    return out


_COMMON_WORD = 300  # a word jieba has seen this often is a common noun, not a bare name

