"""Names found by their head noun (…局, …中心, …工程, …论坛) over jieba tokens (where they begin is
``bounds``' business), relative names (县医院), list siblings that share a head, and bodies jieba
knows by name (nt: 国务院; 公安部). Roads, their sections and villages named after their township
are ``ways``' business."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import NamedTuple

from ..doc import Token
from ..gazetteer import load_surnames
from ..rules import Rules
from ..vocab import EntityClass
from .bounds import (
    closes_list, conjoined_start, event_prefix, extend_to_opener, join_split_heads, opening_words, phrase_start,
    through_parenthesis, word_at,
)
from .common import (
    CJK, Candidate, CLASSIFIER, COUNT, EDITION, FUNCTION_CHARS, LEVEL_PREFIX, LEVEL_WORDS, NAME_POS, PROPER_POS, PUNCT, SLOGAN, STOP_POS,
    after_opening_verb,
)


def _verbal(word: str, tags: dict[str, str]) -> bool:
    """An adverb-and-verb phrase that jieba keeps as one word (积极探索, 充分发挥)."""
    return len(word) >= 4 and tags.get(word[-2:]) == "v" and tags.get(word[:2]) in ("a", "ad", "d")


_TOWN_FIRST = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:镇|乡|街道)(?=[\u4e00-\u9fff]{2,})")


_BODY_HEADS = frozenset("部局厅署委")


_ASSOCIATIONS = frozenset({"协会", "学会", "商会", "联合会"})


_COMMON = 100  # a word jieba has seen this often is a common word (干部, 内部), not a name's tail


_COUNTED_AFTER = re.compile(rf"\d+[{CLASSIFIER}]")


_COUNTED_BEFORE = re.compile(rf"\d+[{CLASSIFIER}](?:{'|'.join(LEVEL_PREFIX)})?$")  # 3个|市级|现代农业产业园


_EDITION = re.compile(rf"{EDITION}|\d{{4}}年度?")


_ITEM = re.compile(r"[^、,，。；;:：！？!?()（）《》“”\n和及与]{2,8}")


def _nominal(phrase: str, tags: dict[str, str]) -> bool:
    """A set phrase that ends in a noun (未成年人, 基础设施) may open a name; one that ends in a verb
    (圆满完成, 全力以赴) may not."""
    tail = tags.get(phrase[-2:])
    return tail in ("n", "ng", "nr", "ns", "nz") if tail else tags.get(phrase[-1]) in ("n", "ng")


def _coined(word: str, tags: dict[str, str]) -> bool:
    """A two-character word jieba does not know, whose second character is a name's (保清, 兴苑,
    通威): a coined brand or place name, though its first character is a verb (保, 兴, 通). A verb
    and its object or complement (提质, 建强, 倒查) ends in a common word instead."""
    return len(word) == 2 and word[0] != "驻" and word[1] not in "上下" and tags.get(word[1]) in ("ns", "nr", "j", "t", "f")


def find_siblings(norm: str, tokens: tuple[Token, ...], found: list[Candidate], rules: Rules) -> list[Candidate]:
    """Members of a list that share a one-character head with a member already found
    (唐正街、惠民街、平安街: 惠民街 vouches for the others)."""
    out = []
    seeds = [c for c in found if c.rule == "suffix" and c.label in (EntityClass.PLACE, EntityClass.ORGANIZATION)]
    by_end = {c.end: c for c in found}
    token_ends = {t.end for t in tokens}
    for c in seeds:
        head = rules.head_of(c.name)
        if not head:
            continue
        # walk to the neighbours on both sides across 、
        for step in (-1, 1):
            pos = c.start if step < 0 else c.end
            while True:
                if step < 0:
                    if pos == 0 or norm[pos - 1] != "、":
                        break
                    m = re.search(_ITEM.pattern + "$", norm[max(0, pos - 9) : pos - 1])
                    if not m:
                        break
                    start, end = pos - 1 - len(m.group()), pos - 1
                else:
                    if pos >= len(norm) or norm[pos] != "、":
                        break
                    m = _ITEM.match(norm, pos + 1)
                    if not m:
                        break
                    start, end = m.start(), m.end()
                known = by_end.get(end)
                if known:  # already a name (迎宾路): walk on from it
                    pos = known.start if step < 0 else known.end
                    continue
                cut = norm.find(head[0], start + 1, end)
                if step > 0 and not norm.startswith(head[0], end - len(head[0])) and cut > 0 and cut + len(head[0]) in token_ends:
                    end = cut + len(head[0])  # 府河、金线河|水质提升: the member ends at the shared head
                start = after_opening_verb(norm, start, end - len(head[0]), tokens, rules)  # (白沟|引河: a verb can't open what ends the name)
                item = norm[start:end]
                if not item.endswith(head[0]) or len(item) <= len(head[0]) + 1 or item in rules.generic:
                    break
                out.append(Candidate(start, end, c.label, "suffix", item))
                pos = start if step < 0 else end
    return out


def areas_as_place_names(tokens: tuple[Token, ...], areas: list[Candidate]) -> tuple[Token, ...]:
    """Tokens inside a gazetteer area are place names, whatever jieba tagged them (保定/v 银行)."""
    spans = sorted((c.start, c.end) for c in areas if c.label == EntityClass.AREA and c.code)
    out = []
    i = 0
    for tok in tokens:
        while i < len(spans) and spans[i][1] <= tok.start:
            i += 1
        inside = i < len(spans) and spans[i][0] <= tok.start and tok.end <= spans[i][1]
        out.append(replace(tok, pos="ns") if inside and tok.pos != "ns" else tok)
    return tuple(out)


_COMPASS = re.compile(r"[东西南北]方|城[东西南北]|[东西南北]城")


_HONOURS = frozenset({"入选", "获评", "评为", "荣获", "列入", "纳入", "成为", "创建", "创成", "争创", "通过"})


_TERM = re.compile(r"第[一二三四五六七八九十\d]+届")
_PHASE = re.compile(r"[一二三四五六七八九十]期")
_ROUND = re.compile(r"第[一二三四五六七八九十\d]+次")
_ROUND_BEFORE = re.compile(r"第[一二三四五六七八九十\d]+次$")


def _closes_a_word(tokens: tuple[Token, ...], j: int, h: str, label: EntityClass, rules: Rules, tags: dict[str, str]) -> bool:
    """Whether the head ``h`` of token ``j`` only closes a common word or phrase, naming nothing."""
    tok = tokens[j]
    if tok.text != h and h in rules.brand_heads and tok.pos != "nt":
        return True  # 高科技: a trade word names a firm only after a name of its own
    if len(tok.text) == 2 and len(h) == 1 and (first := rules.head_of(tok.text[0])) and first[1] == label:
        return True  # 河湖, 山河: a pair of kinds, not a name
    if tok.text == h or _PHASE.fullmatch(tok.text[: -len(h)]):
        return False  # (南水北调东线|二期工程: a phase and the head, as one word)
    # the head is inside a dictionary word: a common noun (道路, 思路) unless it is a name
    after_proper = j > 0 and tokens[j - 1].end == tok.start and (
        tokens[j - 1].pos in PROPER_POS or (tokens[j - 1].pos == "s" and _COMPASS.fullmatch(tokens[j - 1].text) is not None)
        # 生活用纸|产业协会: an association is named by its trade
        or (h in _ASSOCIATIONS and tokens[j - 1].pos in ("n", "nz") and len(tokens[j - 1].text) >= 2)
        # 县|妇幼保健院: the issuer's own institution, named relative to its level
        or (label == EntityClass.ORGANIZATION and tokens[j - 1].text in LEVEL_WORDS and len(tok.text) >= 4)
        # 衡水湖|国家级|自然保护区: a site's rank between its name and its kind
        or (tokens[j - 1].text in LEVEL_PREFIX and j > 1 and tokens[j - 2].end == tokens[j - 1].start
            and tokens[j - 2].pos in PROPER_POS))
    # 第七次|全国|人口普查: the round of a nationwide survey names it
    reach = j - 1 if j > 0 and tokens[j - 1].text in ("全国", "全省") else j
    ordinal = label == EntityClass.PROGRAM and reach > 0 and _ROUND.fullmatch(tokens[reach - 1].text) is not None
    if (tok.text in tags and tok.pos not in PROPER_POS and not (len(h) == 1 and len(tok.text) >= 3) and not after_proper
            and not ordinal):
        return True  # …but 监管局 names an institution by what it does, 太行山|文化论坛 one by its place
    if len(h) == 1 and tags.get(tok.text[-2:], "ns") not in PROPER_POS:
        return True  # a one-character head that closes a common word (新格局 ends in 格局, not in 局)
    verb_first = len(h) == 1 and len(tok.text) == 2 and tags.get(tok.text[0]) in ("v", "vg", "ug")
    # 开园, 进淀: a verb and its object, not a name (but 县住|建局 is a broken name)
    return verb_first and (tok.text in tags or (j > 0 and tokens[j - 1].pos != "x"))


def _place_word(word: str, rules: Rules) -> bool:
    """A place named inside a place's name, whatever jieba tags it (徒骇河/i|右岸|公路)."""
    own = rules.head_of(word)
    return len(word) >= 3 and own is not None and own[1] == EntityClass.PLACE and len(own[0]) < len(word)


def _walk_back(tokens: tuple[Token, ...], j: int, h: str, label: EntityClass, proper: bool, norm: str, rules: Rules,
               tags: dict[str, str], cue_tails: tuple[str, ...]) -> tuple[int, int, bool]:
    """How far back from its head token ``j`` a name runs: (first token, the token of 驻 when the
    body is stationed elsewhere or -1, whether a proper word is among them)."""
    tok = tokens[j]
    cue_words = rules.cue_words
    k = j
    stationed = -1
    while k > 0:
        prev = tokens[k - 1]
        inside = k >= 2 and tokens[k - 2].end == prev.start and (
            (tokens[k - 2].pos in PROPER_POS and (tags.get(prev.text) not in ("v", "vn") or label == EntityClass.EVENT))  # 邯郸|建设|…枢纽: a verb ends the name's reach… (not an event's: 数字中国|建设|峰会)
            or (label == EntityClass.EVENT and (site := rules.head_of(tokens[k - 2].text)) is not None and site[1] == EntityClass.PLACE
                and len(site[0]) >= 2)  # (经济开发区|建设|主题擂台赛)
            or (label == EntityClass.PROGRAM and k == j and tokens[k - 2].pos in PROPER_POS | {"n"}
                and tokens[k - 2].text not in rules.openers))  # …but a programme's verb is (自贸|试验区|提升|战略)
        # 政务|服务|便民热线: a cue word used as a noun inside a name does not end it
        noun_cue = (prev.pos == "vn" and prev.text not in rules.openers and k >= 2 and tokens[k - 2].end == prev.start
                    and tokens[k - 2].pos in ("n", "nz")) or (
            # …全域|推进|试点: a programme's own verb right before its head
            label == EntityClass.PROGRAM and k == j and tok.text == h and k >= 2 and tokens[k - 2].end == prev.start
            and tokens[k - 2].pos in ("n", "nz", "j", "x") and len(tokens[k - 2].text) >= 2)
        reach = label == EntityClass.EVENT and prev.text in ("国际", "全国")  # 中国西部|国际|博览会: an event's reach is in its name
        if prev.end != tokens[k].start or (prev.text in cue_words and not noun_cue) or (prev.text in rules.modifiers and not inside and not reach):
            break  # a modifier opens a name's reach, unless a proper name stands before it (石家庄国际陆港)
        if prev.text in _HONOURS and label == EntityClass.PROGRAM and k < j:  # (节约型机关|创建|行动 is run by its verb)
            break  # 登封市|入选|国家全域旅游示范区: the title is earned, the place earns it
        if prev.text in rules.openers and prev.pos == "v" and k < j and label != EntityClass.PROGRAM:
            break  # 采购商|参加|第六届…博览会: a verb that opens an object phrase ends the name's reach
        if prev.text[:1] in "和与及" and prev.text[1:] in LEVEL_WORDS and k >= 2 and rules.head_of(tokens[k - 2].text):
            k -= 1  # …中心|和县|综合行政执法局: jieba fused the conjunction with the next body's level
            break
        if prev.text == "驻" and tokens[k].pos == "ns" and label == EntityClass.ORGANIZATION:
            stationed = k - 1  # 驻|重庆|人才工作站: a body stationed elsewhere is named so
            break
        if (prev.text == "与" and label == EntityClass.PROGRAM and k >= 2 and tokens[k - 2].end == prev.start
                and tokens[k - 2].pos == "ns" and tokens[k].pos == "ns"):
            k -= 2  # 通州区与廊坊北三县一体化…示范区: a programme shared by two areas
            continue
        if prev.text == "型" and k >= 2 and tokens[k - 2].end == prev.start and len(tokens[k - 2].text) <= 2 and label == EntityClass.PROGRAM:
            k -= 2  # 紧密|型|医共体…试点: a kind in 型 qualifies the programme
            continue
        if prev.text == "·" and k >= 2 and tokens[k - 2].end == prev.start and tokens[k - 2].pos in PROPER_POS | {"n"}:
            k -= 1  # 中国·高唐书画文创产业园, 首衡·保定…交易中心: a dot joins two parts of one name
            continue
        if prev.text in ("—", "-") and k >= 2 and tokens[k - 2].end == prev.start and tokens[k - 2].pos == "ns" and proper and len(h) >= 2:
            k -= 1  # 天津滨海—中关村科技园: a dash joins the partners of a joint park
            continue
        if (prev.text in ("和", "与") and label == EntityClass.ORGANIZATION and h.endswith(_JOINED_HEADS) and k >= 2
                and tokens[k - 2].end == prev.start and tokens[k - 2].pos in ("n", "nz", "l", "vn") and len(tokens[k - 2].text) >= 2
                and not rules.head_of(tokens[k - 2].text) and not norm.startswith(LEVEL_WORDS, prev.end)
                and tokens[k].pos not in ("ns", "nt", "j")
                and (k < 3 or tokens[k - 3].end < tokens[k - 2].start or tokens[k - 3].pos not in NAME_POS - {"ns", "nt"}
                     or any(ch in PUNCT for ch in tokens[k - 3].text) or tokens[k - 3].text in LEVEL_WORDS)):
            k -= 2  # 自然资源和规划局, 武术和棋类运动管理中心: a department named for two fields
            continue
        # a character jieba left alone between parts of a name (东城|铺|大枣…小镇, 雄|忻|高铁, 荔浦|芋|文化节)
        split_char = (len(prev.text) == 1 and CJK.match(prev.text) is not None and prev.text not in FUNCTION_CHARS
                      and prev.text not in "至到往一二三四五六七八九十百千万两"
                      and label in (EntityClass.PLACE, EntityClass.EVENT) and k >= 2 and tokens[k - 2].end == prev.start
                      and (tokens[k - 2].pos in PROPER_POS - {"x"} or (len(tokens[k - 2].text) == 1 and tokens[k - 2].pos in ("n", "ng"))))
        # 都 after a word is a capital, not "all" (元上|都|遗址, 鲤|都|印象园, 中国药|都)
        split_char = split_char or (prev.text == "都" and label == EntityClass.PLACE and k >= 2
                                    and tokens[k - 2].end == prev.start and tokens[k - 2].pos in ("x", "ns", "nz", "n", "j")
                                    and tokens[k - 2].text not in rules.modifiers)
        # …and one that opens a place's name at a list mark or a clause's start (、御|窑厂…公园, 响|沙湾|景区)
        split_char = split_char or (len(prev.text) == 1 and prev.pos in ("zg", "ng") and label == EntityClass.PLACE
                                    and (k < 2 or not tokens[k - 2].text.strip() or any(ch in PUNCT for ch in tokens[k - 2].text))
                                    and len(tokens[k].text) >= 2
                                    and tokens[k].pos in ("ns", "nr", "nz", "n", "x"))
        if split_char:
            k -= 1
            proper = True
            continue
        if any(ch in PUNCT for ch in prev.text) or prev.pos in STOP_POS or prev.text in FUNCTION_CHARS:
            break
        # a descriptive word right before a separate head token names the institution (友谊医院)
        adjacent_word = k == j and tok.text == h and len(prev.text) >= 2 and prev.pos in ("vn", "a", "l", "i")
        # events and programmes are named by what is done in them (广场舞大赛, 健身比赛)
        inner_verb = (label in (EntityClass.EVENT, EntityClass.PROGRAM) and prev.pos in ("v", "vn", "t")) or (
            label == EntityClass.ORGANIZATION and prev.pos == "v" and len(prev.text) == 2 and prev.text not in rules.openers
            and (h not in rules.brand_heads or (k >= 2 and tokens[k - 2].pos in PROPER_POS)))
        # (a firm named by its trade is not named by a deed, …增资|麒麟软件, unless after a place: 河北|攻略|传媒)
        # institutions say what they do (融资担保公司, 应急医疗救护中心)
        # a set phrase inside a name (信访诉求|人民调解|委员会), not at its start
        inner_phrase = prev.pos == "l" and k < j
        inner_place = label == EntityClass.PLACE and _place_word(prev.text, rules)
        if prev.pos not in NAME_POS and not adjacent_word and not inner_verb and not inner_phrase and not inner_place:
            break
        proper = proper or inner_place
        if prev.pos == "v" and tokens[k].pos in PROPER_POS and k < j and not (
                label == EntityClass.PROGRAM and tokens[k].pos == "x" and tags.get(tokens[k].text[0]) == "v"):
            break  # 做好|宁河…合作示范区: a verb before a proper name acts on the name's thing
        if _verbal(prev.text, tags) or (len(prev.text) > 2 and prev.text.endswith(cue_tails)):
            break  # 积极探索, 全面推行: a verb phrase, not part of the name
        if tokens[j].end - prev.start > 24:
            break
        if label == EntityClass.PROGRAM and k == j and _YEARS.fullmatch(prev.text):
            k -= 1  # 城市隐患治理|三年|行动: the length of a campaign belongs to its name
            continue
        if label == EntityClass.ORGANIZATION and _TERM.fullmatch(prev.text):
            break  # …县委员会|第十五届|委员会: a committee's term is no part of a body's name
        if prev.pos == "m" and not prev.text.startswith("第") and not (label == EntityClass.EVENT and prev.text[:1].isdigit()):
            break
        after_place = k >= 2 and tokens[k - 2].end == prev.start and tokens[k - 2].pos == "ns"
        works = label == EntityClass.PROGRAM and len(prev.text) >= 3  # 引黄|入冀补淀|工程: works are named by deeds
        if prev.pos == "x" and (len(prev.text) < 2 or any(ch in FUNCTION_CHARS for ch in prev.text)
                                or (tags.get(prev.text[0]) in ("v", "vg", "ug", "d", "r") and not after_place
                                    and not _coined(prev.text, tags) and not works
                                    # 拉林|铁路, 顾村|公园: an unknown word right before a place's head is its name
                                    and not (label == EntityClass.PLACE and k == j and (tags.get(prev.text[1:]) in ("n", "ng")
                                                                                        or _place_word(prev.text, rules))))):
            break  # an unknown word that opens with a verb or pronoun (争建, 做实, 这一), unless a place
            # name stands before it (廊坊|临空|经济区) or it is a coined name (保清|石油)
        if prev.pos in PROPER_POS or (prev.pos == "s" and _COMPASS.fullmatch(prev.text)):
            proper = True  # (东方|塑业, 城北|社区: a compass point names a firm or a quarter)
        elif (label == EntityClass.PLACE and len(prev.text) == 1 and k >= 2 and tokens[k - 2].end == prev.start
              and len(tokens[k - 2].text) >= 2 and tokens[k - 2].pos in ("n", "nr", "nz")
              and (inner := rules.head_of(prev.text)) is not None and inner[1] == EntityClass.PLACE):
            proper = True  # 鸡冠|山|森林公园: a mountain or lake named inside the park's name
        k -= 1
    return k, stationed, proper


def find_suffix_names(tokens: tuple[Token, ...], norm: str, rules: Rules, tags: dict[str, str]) -> list[Candidate]:
    """Runs of name-like tokens that end in a head noun of the genre (…局, …医院, …论坛)."""
    out = []
    tokens = join_split_heads(tokens, rules)
    opening = opening_words(rules)
    cue_tails = tuple(sorted(w for w in rules.cue_words if len(w) == 2))
    for j, tok in enumerate(tokens):
        head = rules.head_of(tok.text)
        if not head:
            continue
        h, label = head
        # the issuer's level fused with the head by jieba (区法院): a relative name
        fused_level = (label == EntityClass.ORGANIZATION and tok.text[:1] in LEVEL_WORDS and tok.text[1:] == h and len(h) >= 2
                       and h != "中心" and h not in rules.brand_heads)  # (市中心 is a part of a city)
        if not fused_level and _closes_a_word(tokens, j, h, label, rules, tags):
            continue
        proper = (tok.text != h and (tok.text not in tags or tok.pos in PROPER_POS)) or fused_level
        k, stationed, proper = _walk_back(tokens, j, h, label, proper, norm, rules, tags, cue_tails)
        while k < j and ((tokens[k].pos in ("v", "vd", "ad", "d", "i", "z") or tokens[k].text in rules.modifiers
                          or tokens[k].text in rules.openers)
                         or (tokens[k].pos == "l" and not (k == j - 1 and tok.text == h) and tokens[k + 1].text not in ("和", "与")
                             and not _nominal(tokens[k].text, tags))
                         or (tokens[k].pos == "a" and not (k == j - 1 and tok.text == h and len(h) >= 2 and len(tokens[k].text) >= 2))
                         or _verbal(tokens[k].text, tags)
                         or (tokens[k].pos == "m" and not tokens[k].text.startswith("第") and label != EntityClass.EVENT)
                         or tokens[k].text in _BESIDE) and tokens[k + 1].text != "型" and not (
                label == EntityClass.PROGRAM and tokens[k].pos == "v" and tokens[k].text not in rules.openers
                and tokens[k].text not in rules.modifiers and (
                    (tokens[k + 1].pos == "x" and len(tokens[k + 1].text) >= 3)
                    # 扫黑|除恶|专项斗争: two deeds right before the head name the campaign
                    or (k + 2 == j and tokens[k + 1].pos == "v" and len(tokens[k].text) == len(tokens[k + 1].text) == 2
                        and tokens[k + 1].text not in rules.openers and tokens[k + 1].text not in rules.modifiers
                        and tokens[k].text not in rules.cue_words and tokens[k + 1].text not in rules.cue_words))):
            if label == EntityClass.PLACE and _place_word(tokens[k].text, rules):
                break  # (徒骇河/i|右岸公路: a place's own name opens it)
            k += 1  # a name does not open with a verb, adjective, count, generic modifier or position
        if stationed >= 0:
            k = stationed
        if (k == j and tok.text == h and label == EntityClass.ORGANIZATION and j > 0 and tokens[j - 1].pos == "v"
                and not tok.text.startswith(LEVEL_WORDS)  # 把握|市委: a party committee is named by its level
                and len(tokens[j - 1].text) == 2 and tokens[j - 1].text not in rules.openers
                and tokens[j - 1].text not in rules.modifiers
                and tokens[j - 1].text not in rules.cue_words and tokens[j - 1].end == tok.start):
            k = j - 1  # …unless the verb is all that names the body (殡葬|管理所, 法律援助|中心)
        proper = proper or any(tokens[i].pos in PROPER_POS for i in range(k, j))
        start, end = tokens[k].start, tok.end
        if tokens[k].text[:1] in "和与及" and tokens[k].text[1:] in LEVEL_WORDS:
            start += 1  # (和县 → 县)
        if label == EntityClass.PROGRAM and h.endswith("制度") and norm.endswith(("最严格的", "最严格"), 0, start):
            start -= 4 if norm.endswith("最严格的", 0, start) else 3  # 最严格的耕地保护制度: the superlative is in its name
        if label == EntityClass.PROGRAM and h.endswith(("制", "制度")) and (reform := _REFORM.match(norm, end)):
            if not proper and reform.group() == "改革":
                continue  # 人事薪酬制度|改革, 医药卫生体制|改革: the reform of a kind of system names no programme
            end = reform.end()  # 管理体制机制|改革试点: reforming a system is the programme
        start = through_parenthesis(norm, start, tokens, rules)
        if h in rules.phrase_heads:
            start = phrase_start(norm, start, tokens, rules)
        elif label in (EntityClass.PROGRAM, EntityClass.EVENT):
            start = extend_to_opener(norm, start, end, tokens, rules, label, opening)
        if label == EntityClass.EVENT:
            start = event_prefix(norm, conjoined_start(norm, start, end, tokens, rules))
        elif label == EntityClass.PROGRAM:
            start = conjoined_start(norm, start, end, tokens, rules, label)
            if (count := _COUNT_OF_KIND.search(norm, start + 1, end - len(h))) is not None:
                start = count.end()  # 龙湖、城南|两大|乡村振兴示范区: places counted before the kind they are
            elif (level := _PROGRAMME_LEVEL.search(norm, max(0, start - 3), start)) is not None:
                start = level.start()  # 2个|县级|…示范区: the level a programme runs at is in its name
            if (round_ := _ROUND_BEFORE.search(norm, max(0, start - 5), start)) is not None:
                start = round_.start()  # 第七次|全国人口普查: the round of a survey is in its name
        if label == EntityClass.PROGRAM and (national := _NATIONAL_AFTER_AREA.match(norm, start, end)) is not None:
            start = national.start(1)  # 某市|国家…基金: a national programme is no city's own
        while start < end - len(h) and norm[start] in FUNCTION_CHARS and not word_at(tokens, start):
            start += 1  # 了|区三届人大三次会议 (but 经济|强村 opens with a word)
        if label == EntityClass.ORGANIZATION and h in _TASK_BODIES and (set_up := _SET_UP.search(norm, max(0, start - 14), start)):
            start = set_up.end()  # 设立|优化营商环境提升政务效能办公室: a task force is named by its whole task
        if label == EntityClass.ORGANIZATION and h in _PERSONAL_HEADS and not proper:
            start = _person_before(norm, start, tokens)  # 李素环|瓜果蔬菜专业合作社, 杜立芝|党代表工作室
            proper = proper or start < tokens[k].start
        # a relative name: the issuer's level before an institution (建成|县|中医院 → 县中医院)
        relative = ((label == EntityClass.ORGANIZATION or (label == EntityClass.PLACE and h.endswith(_RELATIVE_SITES)))
                    and k > 0 and tokens[k - 1].text in LEVEL_WORDS and tokens[k - 1].pos != "ns" and tokens[k - 1].end == start)
        if relative:
            start = tokens[k - 1].start
            proper = True
        elif label == EntityClass.ORGANIZATION and h in _PEOPLES_BODIES and k == j - 1 and tokens[k].text in LEVEL_WORDS:
            proper = True  # 区|妇联, 县|总工会: a people's organisation of the issuer's level
        name = norm[start:end]
        brand = k == j - 1 and tokens[k].pos in ("nz", "nt") and len(tokens[k].text) <= 3  # 蒙牛|乳业, 宝丰|能源: a brand jieba knows names the firm
        if h in rules.brand_heads and j + 1 < len(tokens) and tokens[j + 1].start == end and not brand and (
                tokens[j + 1].pos in ("n", "vn", "nz", "nt") or rules.head_of(tokens[j + 1].text)):
            continue  # 漕河科技|创新示范园, 清苑科技|创新能力: the trade word qualifies what follows
        if label == EntityClass.PLACE and _SECTION_AFTER.match(norm, end):
            proper = True  # 育才街（龙津路至春台路）: a road given with its section is a named road
        # a two-character name of one word that opens with no verb or quality (but 黄河 and 长江 are rivers jieba knows)
        great_river = tok.pos == "ns" and h in ("江", "河") and name[0] not in "大小新老"
        opens_badly = tags.get(name[0]) in (("v",) if great_river else ("v", "a"))
        if len(h) == 1 and len(name) < 3 and not (k == j and tok.pos in ("ns", "nz") and not opens_badly):
            continue
        if name[0] in CLASSIFIER and norm[start - 1 : start].isdigit():
            continue  # 5|所名院: jieba joined the measure word to what is counted
        if len(h) == 1 and re.search(r"[\d一二三四五六七八九十百千万两几多]$", name[: -len(h)]):
            continue  # a count with a measure word (电梯20部, 3处), not a name
        if len(name) == 4 and len(h) == 1 and (name[1] == name[3] or (
                name == tok.text and tok.text in tags and tok.pos != "ns")):
            continue  # 金山银山, 绿水青山: a set phrase of four characters, not a place
        if len(name) == 3 and name[1] == "其":
            continue  # 畅其路, 安其居: a verb, 其 and its object
        if len(name) == 3 and name[1] == "好" and tags.get(name[0]) == "v":
            continue  # 开好局: a verb, its complement and its object
        if len(name) == 4 and len(h) == 1 and tags.get(name[0]) == "v" and tags.get(name[2]) in ("v", "a"):
            continue  # 洗城净街: two verbs and their objects, a slogan
        plain_ok = _plainly_named(_Span(start, end, name, h, label, k, j), tokens, rules, tags)
        if label == EntityClass.ORGANIZATION and name.endswith(_FACILITIES):
            stem = name[: -len(next(f for f in _FACILITIES if name.endswith(f)))]
            own = rules.head_of(stem)
            if own and own[1] == EntityClass.PLACE and len(stem) > len(own[0]):
                out.append(Candidate(start, start + len(stem), EntityClass.PLACE, "suffix", stem))  # 仙人山景区|游客中心
            continue  # a visitor centre is a facility of the site, not a body
        if h in ("院区", "校区") and name.endswith(("新院区", "新校区")):
            continue  # 县医院|新院区, 区第三中学|新校区: a new campus is its institution's project, not a body
        if not (proper or plain_ok) or _names_a_kind(_Span(start, end, name, h, label, k, j), tokens, norm, rules, tags):
            continue
        town = _TOWN_FIRST.match(name) if label == EntityClass.PLACE and h in ("村", "社区", "小区") else None
        if town:
            start += town.end()  # 冉庄镇|冉庄村: the township is an area of its own
            name = name[town.end():]
        village = name.find("村") if label == EntityClass.PLACE and name.endswith(("示范村", "重点村")) else -1
        if 2 <= village < len(name) - 3:
            end = start + village + 1  # 南屯村|美丽乡村示范村: the village, not the title it earns
            name = name[: village + 1]
        kind = next((t for t in _KINDS_OF_VILLAGE if name.endswith(t)), "") if label == EntityClass.PLACE else ""
        if kind:
            stem = name[: -len(kind)]
            listed = norm[start - 1 : start] == "、"  # 卓苑、协作|城市社区: a member of a list of names
            if len(stem) < 2 or (tags.get(stem, "ns") not in PROPER_POS and not listed):
                continue  # 城市|城市社区: a kind of village, not one
            end -= len(kind)  # 中冉|城中村, 协作|城市社区: the village is named before its kind
            name = stem
            out += _members_before(norm, start, label, tokens, rules)  # 大堤口、中冉城中村: so are the others listed
        opener = next((w for w in opening if name.startswith(w) and name[len(w) : len(w) + 1] in "县区市省旗"), "")
        if label == EntityClass.ORGANIZATION and opener and len(name) - len(opener) >= 4:
            start += len(opener)  # 新建|县第三中学: jieba fused the verb with the level
            name = name[len(opener):]
        if label == EntityClass.ORGANIZATION and name.startswith("原") and len(name) >= 4:
            start += 1  # 原蓝山集团: the former company is still named 蓝山集团
            name = name[1:]
        cut = name.find("至")
        first = rules.head_of(name[:cut]) if label == EntityClass.PLACE and cut > 1 else None
        if first and first[1] == EntityClass.PLACE:
            out.append(Candidate(start, start + cut, label, "suffix", name[:cut]))  # 燕赵街至育才街: two streets
            start, name = start + cut + 1, name[cut + 1 :]
        strong = _STRONG_AND.match(name) if label == EntityClass.PROGRAM else None
        if strong is not None:  # 质量强县|和|标准化战略: a strategy of strength is a name of its own
            out.append(Candidate(start, start + strong.end(1), label, "suffix", strong.group(1)))
            start, name = start + strong.end(), name[strong.end() :]
        chiefs = [m.span() for m in _CHIEF_SYSTEM.finditer(name)] if label == EntityClass.PROGRAM else []
        if len(chiefs) > 1 and chiefs[-1][1] == len(name) and sum(e - s for s, e in chiefs) == len(name):
            out += [Candidate(start + s, start + e, label, "suffix", name[s:e]) for s, e in chiefs]  # 河长制|湖长制
            continue
        out.append(Candidate(start, end, label, "suffix", name))
    return out


_STRONG_AND = re.compile(r"([\u4e00-\u9fff]{2,4}[强兴][县市省区国])[和与及](?=[\u4e00-\u9fff]{3})")


_CHIEF_SYSTEM = re.compile(r"[\u4e00-\u9fff]{1,2}?长制")  # 河长制, 林长制, 田长制: systems of chiefs, written one after another


class _Span(NamedTuple):
    """A candidate name: where it is, its head, and the tokens it runs over (``k`` … ``j``)."""

    start: int
    end: int
    name: str
    head: str
    label: EntityClass
    k: int
    j: int


def _plainly_named(span: _Span, tokens: tuple[Token, ...], rules: Rules, tags: dict[str, str]) -> bool:
    """Whether a span without a proper word is a name all the same."""
    _, _, name, h, label, k, j = span
    tok = tokens[j]
    if label in (EntityClass.ORGANIZATION, EntityClass.EVENT) and len(h) >= 2 and len(name) >= 4 and h not in rules.brand_heads:
        return True  # institutions and events are named by ordinary words too (法律援助中心, 广场舞大赛)
    if label == EntityClass.PROGRAM and len(h) >= 2 and len(name) >= 6:
        return True
    if (label == EntityClass.ORGANIZATION and h in _BODY_HEADS and len(name) >= 3
            and (tok.text == h or (len(tok.text) >= 3 and tok.text in tags))):
        return True  # a body named by its field before a one-character head (公安部, 生态环境部, 组织部)
    if label == EntityClass.PLACE and len(h) >= 2 and len(name) >= len(h) + 4:
        return True  # a site named by what it is for (智能装备产业园, 国防军事小镇)
    if (label == EntityClass.PLACE and len(h) >= 2 and tok.text == h and k == j - 1 and len(tokens[k].text) == 2
            and (tokens[k].pos in ("a", "l", "nz", "f") or (tokens[k].pos == "n" and h in _NAMED_BY_A_NOUN))
            and tokens[k].text not in _BESIDE):
        return True  # a site named by one word before its own head token (和平|公园, 双庙|大街, 后海|绿道, 南部|新城)
    edition = _EDITION.match(name) if label == EntityClass.EVENT else None
    return edition is not None and len(name) > edition.end() + len(h)  # an edition makes an event (第八届戏曲节)


# heads a single common noun names (双庙|大街, 稀土|高新区, 果园|港区)
_NAMED_BY_A_NOUN = frozenset({"大街", "大道", "高新区", "经开区", "开发区", "工业园", "工业园区", "新城"})


_DESIGNATION = re.compile(r"(?:[\u4e00-\u9fff]{1,4}型)?(?:国家|国际|全国)")  # (but 拒马源|国家湿地公园 is a site)


def _names_a_kind(span: _Span, tokens: tuple[Token, ...], norm: str, rules: Rules, tags: dict[str, str]) -> bool:
    """Whether a name-shaped span names a kind of thing, a designation or a role, not one thing."""
    start, end, name, h, label, k, j = span
    tok = tokens[j]
    if len(name) <= len(h) or name in rules.generic or SLOGAN.match(name):
        return True
    if label == EntityClass.PLACE and _DESIGNATION.match(name) and not any(
            t.pos in PROPER_POS and not t.text.startswith(("国家", "国际", "全国"))
            for t in tokens[k : j + 1] if start <= t.start and t.end <= end):
        return True  # 生产服务型国家物流枢纽, 国际航空货运枢纽: a designation of a kind of site, not a site
    if closes_list(norm, start, tokens, rules):
        return True  # 西站、柳林等|特色宜居片区: the category of a list, not a name
    if label == EntityClass.POLICY and h == "规划" and norm.startswith("建设", end):
        return True  # 抽水蓄能规划建设: planned and built, no plan's title
    if label == EntityClass.PROGRAM and norm.startswith(("定位", "任务", "格局", "要求", "创新", "合作"), end):
        return True  # 首都城市战略定位: the head noun qualifies another word
    if (label == EntityClass.ORGANIZATION and h in _SCHOOLS and k == j - 1 and tok.text == h
            and tokens[k].pos not in PROPER_POS | {"m"} and tokens[k].text in tags and name == tokens[k].text + h):
        return True  # 城区小学, 普通学校: a kind of school named by a common word, not a school
    if label == EntityClass.ORGANIZATION and h in _SCHOOLS | {"医院", "学院"} and "示范" in name[: -len(h)]:
        return True  # 依法治校示范学校: a title schools earn, not a school
    if label == EntityClass.ORGANIZATION and h.endswith("中心") and (name.startswith("全国") or "国家" in name or "区域" in name):
        return True  # 国家区域医疗中心, 区域新型消费中心: a designation or a role, not a body
    if label == EntityClass.ORGANIZATION and norm.startswith(("城市", "城区", "地带"), end):
        return True  # 西部中心城市: a role of a city, not a body
    if label in (EntityClass.ORGANIZATION, EntityClass.PLACE) and (
            _COUNTED_AFTER.match(norm, end) or _COUNTED_BEFORE.search(norm, max(0, start - 9), start)
            or _COUNTED_AFTER.search(name)):
        return True  # 组建教育集团4个, 24家养老照料中心: counted things are kinds, not names
    if label == EntityClass.PROGRAM and _COUNTED_PROGRAMMES.search(name):
        return True  # 四个专项行动, 省定17项民生工程: a count of programmes is no name of one
    return False


_NATIONAL_AFTER_AREA = re.compile(r"[\u4e00-\u9fff]{2,6}?[省市区县](国家|全国)")


_PROGRAMME_LEVEL = re.compile(r"(?:国家级|省级|市级|县级|区级|全国)$")


_COUNT_OF_KIND = re.compile(r"[两二三四五六七八九十]大(?=[\u4e00-\u9fff]{4})")


_COUNTED_PROGRAMMES = re.compile(rf"^{COUNT}[个项]|\d+[个项]")  # a numeral inside a name (…八项规定精神…) counts nothing


def _members_before(norm: str, start: int, label: EntityClass, tokens: tuple[Token, ...], rules: Rules) -> list[Candidate]:
    """The members listed before a name, across 、, that share its kind (A、B城中村)."""
    out = []
    while start > 1 and norm[start - 1] == "、":
        first = start - 1
        while first > 0 and start - 1 - first < 8 and CJK.match(norm[first - 1]):
            first -= 1
        if first > 0 and CJK.match(norm[first - 1]):
            break  # no clean list member: a clause, not a name
        first = after_opening_verb(norm, first, start - 1, tokens, rules)
        if start - 1 - first < 2:
            break
        out.append(Candidate(first, start - 1, label, "sibling", norm[first : start - 1]))
        start = first
    return out


def _person_before(norm: str, start: int, tokens: tuple[Token, ...]) -> int:
    """Where a person's name that names a cooperative or a studio begins: two or three characters
    before ``start``, opening with a family name on a word jieba does not know or takes for a
    name (李素|环, 杜立芝)."""
    surnames = load_surnames()
    for size in (3, 2):
        i = bisect_left(tokens, start - size, key=lambda t: t.start)
        if (i < len(tokens) and tokens[i].start == start - size and norm[start - size] in surnames
                and tokens[i].pos in ("x", "nr", "nrfg", "nrt") and all(CJK.match(ch) for ch in norm[start - size : start])):
            return start - size
    return start


_TASK_BODIES = frozenset({"办公室", "领导小组", "指挥部", "工作专班", "专班"})
_SET_UP = re.compile(r"(?:设立|成立|组建)(?=[^，,。；;、：:“”的和]{4,14}$)")


_PERSONAL_HEADS = frozenset({"工作室", "合作社", "专业合作社", "家庭农场"})


_RELATIVE_SITES = ("图书馆", "博物馆", "展览馆", "文化馆", "科技馆", "体育馆", "规划馆", "公寓", "体育场", "体育中心")  # 县|图书馆


_PEOPLES_BODIES = frozenset({"工会", "总工会", "妇联", "残联", "科协", "文联", "侨联", "工商联", "红十字会"})


_FACILITIES = ("游客中心", "游客服务中心")


_KINDS_OF_VILLAGE = ("城中村", "城市社区", "农村社区", "贫困村")


_SCHOOLS = frozenset({"学校", "小学", "中学", "幼儿园"})


_BESIDE = frozenset({"东侧", "西侧", "南侧", "北侧", "两侧", "一侧", "周边", "沿线", "附近"})  # 南侧|药兴南路


_JOINED_HEADS = ("局", "厅", "部", "委", "委员会", "中心", "办公室")  # heads of departments named for two fields


_SECTION_AFTER = re.compile(r"[（(][^（()）]{1,16}(?:至|段)[^（()）]{0,12}[)）]")


_YEARS = re.compile(r"[一二三四五六七八九十两\d]+年")


_REFORM = re.compile(r"改革(?:试点)?")


_NT_ORG_ENDING: tuple[str, ...] = ("院", "部", "局", "社", "军", "署", "联合国", "组织", "部队", "集团", "公司", "大学", "学院", "二局", "三局")
_NAMED_ENDINGS = tuple(e for e in _NT_ORG_ENDING if len(e) > 1)  # 中铁二局: an ending that is itself a name


def find_named_bodies(tokens: tuple[Token, ...], rules: Rules, tags: dict[str, str],
                      freq: dict[str, int] | None = None) -> list[Candidate]:
    """jieba's organization names (nt: 国务院, 新华社, 中铁二局) that end like a body, not in a
    common word (新格局 ends in 格局); and the words it knows for ministries and bureaus (公安部,
    水利部), which end in a one-character head but not in a common word (全部, 西部)."""
    out = []
    freq = freq or {}
    for i, tok in enumerate(tokens):
        after_name = i > 0 and tokens[i - 1].end == tok.start and tokens[i - 1].pos in NAME_POS
        if (tok.pos == "n" and len(tok.text) >= 3 and not after_name and tok.text[-1] in _BODY_HEADS and tok.text not in rules.generic
                and freq.get(tok.text[-2:], 0) < _COMMON):
            out.append(Candidate(tok.start, tok.end, EntityClass.ORGANIZATION, "suffix", tok.text))
            continue
        named_ending = tok.text.endswith(_NAMED_ENDINGS)
        if tok.pos != "nt" or len(tok.text) < 3 or tok.text in rules.generic or (
                tags.get(tok.text[-2:], "nt") != "nt" and not named_ending):
            continue
        if i > 0 and tokens[i - 1].end == tok.start and len(tokens[i - 1].text) == 1 and tokens[i - 1].pos in ("n", "ng"):
            continue  # 群|团组织: jieba cut a longer common word
        if _COUNTED_AFTER.match("".join(t.text for t in tokens[i + 1 : i + 3])):
            continue  # 新增上市公司|2|家: a counted kind
        if tok.text.endswith(_NT_ORG_ENDING):
            out.append(Candidate(tok.start, tok.end, EntityClass.ORGANIZATION, "suffix", tok.text))
    return out
