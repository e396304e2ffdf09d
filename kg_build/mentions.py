"""Candidate entity spans with class labels.

Each rule family computes candidates on the analysis text (``doc.norm``); ``resolve`` keeps the
longest of overlapping candidates and marks areas nested inside a longer name; ``detect_mentions``
writes the result onto the Doc. Rule families: gazetteer areas, 《》 titles, “” quotes with a head
noun, the report's glossary, name suffixes (head nouns) over jieba tokens, people, and the
issuer's pronouns (我区, 全区, 区政府 …).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import NamedTuple

from .doc import Doc, Meta, Mention, Token
from .gazetteer import Gazetteer
from .rules import Rules
from .vocab import EntityClass, RelationKind

_CJK = re.compile(r"[\u3400-\u9fff]")
_LEVEL_CHAR = {"province": "省", "city": "市", "county": "区", "town": "镇"}
_PROPER_POS = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "eng", "x"}
_NAME_POS = _PROPER_POS | {"n", "vn", "b", "s", "ng", "nrt", "an", "f", "m", "a", "z"}
_FUNCTION_CHARS = set("我你他们的了在和与及是对把被将要也都就还又或等经由向从为以")
_STOP_POS = {"p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug", "d", "r", "q", "y", "e", "o", "zg", "t", "tg", "k", "h"}
_PUNCT = set(" ,.;:!?()[]\"'、，。；：！？（）【】《》“”‘’·—-…\n\t/")
_SLOGAN = re.compile(r"^[一二三四五六七八九十两双百千万多几\d]+[个大项条种类化有无不]")
_TITLE_DOC_HEADS = re.compile(
    r"(?:规划|计划|方案|意见|办法|条例|决定|决议|通知|规定|细则|纲要|法|标准|指南|措施|政策|清单|目录|"
    r"指引|公约|章程|协议|备忘录|白皮书|导则|要点|制度|规则|条|机制|行动|体系|纲领|建议|报告|批复|若干)$"
)
_PARTY_EVENT = re.compile(
    r"(?:党的|中共)?(?:[一二三四五六七八九十]{1,3})(?:届[一二三四五六七八九]中全会|大)"
    r"(?=[^\u4e00-\u9fff]|精神|和|以来|胜利|报告|召开|提出|部署|作出|上)"
)
_COUNT = r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百几多两]+)"
_CLASSIFIER = "个家处条座所项批场届名位类种栋户"
_TITLES_AFTER = ("同志", "总书记", "主席", "书记", "院士", "教授", "先生", "女士", "总理", "委员长")


class Candidate(NamedTuple):
    start: int
    end: int
    label: EntityClass
    rule: str
    name: str
    code: str = ""
    surface: str = ""


PRIORITY = {"partner": 7, "typed": 0.5, "title": 0, "glossary": 1, "quote": 2, "party": 2, "gazetteer": 3, "suffix": 4, "person": 5, "header": 0, "coref": 6}


# ----------------------------------------------------------------------------- the issuer


def resolve_issuer(meta: Meta, norm: str, gaz: Gazetteer) -> str:
    """Key of the issuing area: the header's issuer string through the gazetteer, choosing
    between same-named areas by how often their parents are named in the text."""
    if not meta.issuer:
        return ""
    first = gaz.resolve_issuer(meta.issuer)
    if not first:
        return ""
    same = gaz.lookup(gaz.areas[first].name)
    if len(same) > 1 and gaz.areas[first].name == meta.issuer:
        return max(same, key=lambda k: (_parent_evidence(k, norm, gaz), -int(k.isdigit() and k or 0)))
    return first


def _parent_evidence(key: str, norm: str, gaz: Gazetteer) -> int:
    score = 0
    for parent in gaz.ancestors(key):
        area = gaz.areas[parent]
        for name in (area.name, *area.shorts):
            score += norm.count(name)
    return score


def choose_area(keys: list[str], issuer: str, norm: str, gaz: Gazetteer, before: str = "") -> str:
    """Pick one of several same-named areas: one whose parent is written right before it, else
    the one closest to the issuer, else the one whose parents the text names most."""
    if len(keys) == 1:
        return keys[0]
    if before:
        for key in keys:
            for parent in gaz.ancestors(key):
                area = gaz.areas[parent]
                if any(before.endswith(n) for n in (area.name, *area.shorts)):
                    return key
    issuer_chain = [issuer, *gaz.ancestors(issuer)] if issuer else []

    def score(key: str) -> tuple[int, int, int, str]:
        chain = [key, *gaz.ancestors(key)]
        shared = sum(1 for k in chain if k in issuer_chain)
        level = {"province": 3, "city": 2, "county": 1}.get(gaz.areas[key].level, 0)
        return (shared, _parent_evidence(key, norm, gaz), level, key)

    return max(keys, key=score)


# ----------------------------------------------------------------------------- rule families


def find_areas(norm: str, tokens: tuple[Token, ...], gaz: Gazetteer, issuer: str, tags: dict[str, str],
               freq: dict[str, int] | None = None) -> list[Candidate]:
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    towns = {gaz.areas[k].name: k for k in _issuer_towns(gaz, issuer)}
    home = {issuer, *gaz.ancestors(issuer)} if issuer else set()
    prefixes = gaz.prefixes
    town_prefixes = {name[:k] for name in towns for k in range(2, len(name) + 1)}
    out: list[Candidate] = []
    i, n = 0, len(norm)
    while i < n:
        if not _CJK.match(norm[i]):
            i += 1
            continue
        found = None
        longest = 1
        for length in range(2, min(20, n - i) + 1):
            piece = norm[i : i + length]
            if piece not in prefixes and piece not in town_prefixes:
                break
            longest = length
        for length in range(longest, 1, -1):
            piece = norm[i : i + length]
            if piece in towns:
                found = (length, [towns[piece]], False)
                break
            full = gaz.full.get(piece)
            if full and length == 2 and (tags.get(piece, "ns") != "ns" or i not in starts or i + 2 not in ends):
                full = None  # a two-character official name that is a common word or part of one (城区, 完成县级)
            elif full and length == 3 and (i not in starts or (i + 3 not in ends and i + 3 < n and _CJK.match(norm[i + 3]))):
                full = None  # a short official name across word boundaries (新增城区 is not 增城区)
            if full:
                full = [k for k in full if gaz.areas[k].level != "town"]
                if full:
                    found = (length, full, False)
                    break
            short = gaz.short.get(piece)
            if short and _short_ok(norm, i, i + length, piece, starts, ends, tags, gaz, short, out, home, issuer, freq):
                found = (length, short, True)
                break
        if found:
            length, keys, _ = found
            end = i + length
            # a short form plus a generic level suffix: 鄂伦春 + 旗 for 鄂伦春自治旗
            before = norm[max(0, i - 8) : i]
            key = choose_area(keys, issuer, norm, gaz, before)
            area = gaz.areas[key]
            if end < n and norm[end] in "省市区县旗盟州" and found[2] and area.name.endswith(norm[end]):
                end += 1
            if found[2] and not _short_in_scope(key, issuer, gaz, out, i, norm):
                i += 1
                continue
            out.append(Candidate(i, end, EntityClass.AREA, "gazetteer", area.name, key, norm[i:end]))
            i = end
        else:
            i += 1
    out.extend(_new_areas(norm, tokens))
    return out


def _issuer_towns(gaz: Gazetteer, issuer: str) -> list[str]:
    if not issuer or issuer not in gaz.areas:
        return []
    area = gaz.areas[issuer]
    if area.level == "county":
        return gaz.towns.get(issuer, [])
    if area.level == "city":
        counties = [k for k, a in gaz.areas.items() if a.parent == issuer and a.level == "county"]
        return [t for c in counties for t in gaz.towns.get(c, [])]
    if area.level == "province" and issuer[2:4] == "00" and issuer in ("110000", "120000", "310000", "500000"):
        return []
    return []


def _short_ok(norm: str, start: int, end: int, piece: str, starts: set[int], ends: set[int],
              tags: dict[str, str], gaz: Gazetteer, keys: list[str], found: list[Candidate], home: set[str],
              issuer: str = "", freq: dict[str, int] | None = None) -> bool:
    """A short form (阜平, 门头沟) is an area only where it stands as a word of its own and is
    not a common word (a place name to jieba, unless it names the issuer or its parents), or
    right after the name of its province or city (河北阜平)."""
    freq = freq or {}
    if found and found[-1].end == start:
        parent = found[-1].code
        if any(parent in gaz.ancestors(k) for k in keys):
            return True
    previous = found[-1].code if found else ""
    if (previous in gaz.areas and 0 < start - found[-1].end <= 2 and not norm[found[-1].end : start].strip("、和及与")
            and any(gaz.areas[k].province == gaz.areas[previous].province for k in keys)):
        return True  # the next member of a list of areas in one province (喀喇沁旗、鄂伦春旗)
    if start not in starts or (end not in ends and norm[end : end + 1] not in "省市区县旗盟州"):
        return False
    tag = tags.get(piece)
    if (tag is not None and tag not in ("ns", "j") and freq.get(piece, 0) >= 100
            and not any(k in home or issuer in gaz.ancestors(k) for k in keys)):
        return False  # a common word (保定 'v', 和平 'nz'); a rare one (门头沟 'n') is the place
    nxt = norm[end : end + 1]
    return not (nxt and nxt in "路街村镇乡河湖山桥庄寺园")


def _short_in_scope(key: str, issuer: str, gaz: Gazetteer, found: list[Candidate], start: int, norm: str = "") -> bool:
    """Short forms of areas outside the issuer's province count only for provinces, or right
    after the name of a parent (河南邓州)."""
    area = gaz.areas[key]
    if area.level in ("province", "country") or not issuer:
        return True
    if found and found[-1].end == start and found[-1].code in gaz.ancestors(key):
        return True
    if (found and found[-1].code in gaz.areas and start - found[-1].end <= 2
            and not norm[found[-1].end : start].strip("、和及与,，") and gaz.areas[found[-1].code].province == area.province):
        return True  # a list of areas in one province: 内蒙古喀喇沁旗、鄂伦春旗
    return area.province == gaz.areas[issuer].province if issuer in gaz.areas else False


def _new_areas(norm: str, tokens: tuple[Token, ...]) -> list[Candidate]:
    """State-level new areas (…新区) that the division tables do not list."""
    starts = {t.start: t for t in tokens}
    out = []
    for m in re.finditer(r"新区", norm):
        for length in (4, 3, 2):
            start = m.start() - length
            tok = starts.get(start)
            if start >= 0 and tok is not None and all(_CJK.match(ch) for ch in norm[start : m.start()]) and tok.pos not in ("v", "vn", "d", "a", "p", "c", "u", "uj"):
                out.append(Candidate(start, m.end(), EntityClass.AREA, "gazetteer", norm[start : m.end()], ""))
                break
    return out


_ENACTED_BY = ("制定", "出台", "印发", "发布", "实施", "落实", "贯彻", "编制", "修订", "颁布", "执行", "审议", "通过", "决议")


def find_titles(norm: str) -> list[Candidate]:
    """《…》 titles of policy documents. A title without a document head (…办法, …意见, …规划)
    counts only where the clause enacts or applies it; books and shows are left out."""
    out = []
    for m in re.finditer(r"《([^《》\n]{2,80})》", norm):
        title = m.group(1).strip()
        if "政府工作报告" in title or not _CJK.search(title):
            continue
        label = EntityClass.POLICY
        if not _TITLE_DOC_HEADS.search(re.sub(r"[(（][^)）]*[)）]$", "", title)):
            clause_start = max(norm.rfind(c, 0, m.start()) for c in ",，;；。:：\n") + 1
            if not any(cue in norm[clause_start : m.start()] for cue in _ENACTED_BY):
                continue
        out.append(Candidate(m.start(), m.end(), label, "title", title))
    return out


_NOT_PROGRAMME_AFTER = ("要求", "重要要求", "精神", "理念", "目标", "意识", "标准", "称号", "荣誉", "思想", "讲话", "指示",
                        "原则", "定位", "格局", "品牌", "特色品牌", "政策", "名片", "企业", "的")
_HONOURED_BY = ("获评", "评为", "入选", "荣获", "命名为", "获得", "授予")


def _runs_programme(norm: str, start: int, end: int, content: str, cues: tuple[str, ...]) -> bool:
    """A bare quoted phrase is a programme when the clause runs it (开展“清四乱”, 推进…和“水岸共治”);
    not a slogan (“提境界、强担当”), a metaphor (…的“最大增量”) or one of a run of quotes that
    qualifies something else (落实“双控”“四降”要求)."""
    if not 2 <= len(content) <= 24 or _FIVE_YEAR.fullmatch(content) or "、" in content:
        return False
    if _SLOGAN.match(content) and "个" in content[:3] or content.startswith(("全", "在")):
        return False  # “四个意识”, “在全省率先”: slogans and rankings
    after_run = re.match(r"(?:“[^“”\n]{1,30}”)*(?:等)?", norm[end:]).end() + end  # type: ignore[union-attr]
    if norm.startswith(_NOT_PROGRAMME_AFTER, after_run) or not _CJK.search(content) or norm[start - 1 : start] == "的":
        return False
    clause_start = max(norm.rfind(c, 0, start) for c in ",，;；。:：\n") + 1
    before = norm[clause_start:start]
    return any(cue in before for cue in cues)


_NUMBERED_SLOGAN = re.compile(r"(?:[一二两三四五六七八九十百千双多]+[\u4e00-\u9fff]{1,3}?){2,}[\u4e00-\u9fff]{0,4}")
_FIVE_YEAR = re.compile(r"[一二三四五六七八九十]+五")
_ARTICLES = re.compile(r"[\u4e00-\u9fff]{2,}[一二三四五六七八九十]{1,3}条$")  # “金服十条”: a policy of N articles
_UNQUOTED_TITLE = re.compile(
    r"(?:出台|制定|印发|发布|落实|贯彻|修订|编制|颁布|实施|贯彻落实|认真落实|深入落实|严格落实)"
    r"(?P<title>(?:关于)?[^\s,，。；;:：、“”《》()（）\d]{4,30}?(?:条例|办法|(?<!反馈)意见|细则|规定|纲要|决定|方案|规划))"
    r"(?=[,，。；;、]|精神|及其|和|以及|要求)"
)


def find_unquoted_titles(norm: str, tokens: tuple[Token, ...]) -> list[Candidate]:
    """Policy documents named without 《》 after a verb that enacts or applies them (出台关于…的若干意见,
    落实民营经济促进条例, 严格落实中央八项规定精神)."""
    starts = {t.start for t in tokens}
    out = []
    for m in _UNQUOTED_TITLE.finditer(norm):
        start = m.start("title")
        title = m.group("title")
        if start not in starts or _FIVE_YEAR.search(title):
            continue
        out.append(Candidate(start, m.end("title"), EntityClass.POLICY, "title", title))
    return out


def find_quotes(norm: str, rules: Rules) -> list[Candidate]:
    out = []
    program_cues = tuple(rules.cues.get(RelationKind.IMPLEMENTS, ())) + (
        "创建", "建立", "推出", "实行", "推广", "探索", "创新", "健全", "完善", "构建", "组织", "发放", "打响")
    for m in re.finditer(r"“([^“”\n]{1,30})”", norm):
        content = m.group(1).strip()
        if "是指" in content or re.search(r"[,，:：;；]", content) or content.endswith(rules.concept_tails):
            continue
        listed = "、" in content
        after = norm[m.end() : m.end() + 12]
        if _FIVE_YEAR.fullmatch(content):
            continue  # “十四五”规划: the plan period, not a named thing
        if _ARTICLES.search(content):
            out.append(Candidate(m.start(), m.end(), EntityClass.POLICY, "quote", content))  # “金服十条”
            continue
        head = _head_after(after, rules)
        if head:
            between, h, label = head
            end = m.end() + len(between) + len(h)
            start = m.start()
            if label == EntityClass.EVENT:  # 第四届“省长杯”工业设计大赛
                edition = re.search(r"(?:第[一二三四五六七八九十百\d]+届|首届)[\u4e00-\u9fff]{0,4}$", norm[max(0, start - 12) : start])
                start -= len(edition.group()) if edition else 0
            out.append(Candidate(start, end, label, "quote", norm[start:m.start()] + content + between + h))
            continue
        own = rules.head_of(content)
        if own and norm[: m.start()].endswith(_HONOURED_BY) and not _CJK.match(norm[m.end() : m.end() + 1]):
            continue  # 获评“山东省法治政府建设示范项目”: an award's title
        if own and not listed and len(own[0]) > 1 and len(content) > len(own[0]):
            out.append(Candidate(m.start(), m.end(), own[1], "quote", content))
        elif _runs_programme(norm, m.start(), m.end(), content, program_cues):
            out.append(Candidate(m.start(), m.end(), EntityClass.PROGRAM, "quote", content))
    return out


def _head_after(after: str, rules: Rules) -> tuple[str, str, EntityClass] | None:
    """The head noun that follows a closing quote, perhaps after a few characters (“四名”汇智计划):
    (what lies between, head, class). The farthest head wins (“四位一体”联动服务机制)."""
    plain = 0  # how many characters after the quote may belong to the name
    while plain < 4 and plain < len(after) and (_CJK.match(after[plain]) or after[plain].isdigit()) and after[plain] not in _FUNCTION_CHARS:
        plain += 1
    for cut in range(plain, -1, -1):
        rest = after[cut:]
        for length in rules.head_lengths:
            word = rest[:length]
            label = rules.heads.get(word) or rules.quote_heads.get(word)
            if label and len(word) == length > 1:  # a one-character head after a quote is too weak (产业布局)
                return after[:cut], word, label
    return None


def find_glossary_terms(doc: Doc, rules: Rules) -> list[Candidate]:
    out = []
    for entry in doc.meta.glossary:
        term = entry.term
        if len(term) < 2:
            continue
        head = rules.head_of(term)
        label = head[1] if head else EntityClass.POLICY if _ARTICLES.search(term) else EntityClass.PROGRAM
        if not head and (_SLOGAN.match(term) and len(term) <= 6 or not _CJK.search(term) or term.endswith(rules.concept_tails)
                         or "、" in term or _NUMBERED_SLOGAN.fullmatch(term)):
            continue  # slogans: “一核五极多点支撑”, “双跨越、四提升”, “六税两费”
        pattern = "[“”\"]?".join(re.escape(ch) for ch in term)
        for m in re.finditer(pattern, doc.norm):
            out.append(Candidate(m.start(), m.end(), label, "glossary", term))
    return out


def _verbal(word: str, tags: dict[str, str]) -> bool:
    """An adverb-and-verb phrase that jieba keeps as one word (积极探索, 充分发挥)."""
    return len(word) >= 4 and tags.get(word[-2:]) == "v" and tags.get(word[:2]) in ("a", "ad", "d")


_TOWN_FIRST = re.compile(r"[\u4e00-\u9fff]{1,4}?(?:镇|乡|街道)(?=[\u4e00-\u9fff]{2,})")
_COUNTED_AFTER = re.compile(rf"\d+[{_CLASSIFIER}]")
_COUNTED_BEFORE = re.compile(rf"\d+[{_CLASSIFIER}]$")
_EVENT_PREFIX = re.compile(r"(?:(?:\d{4}年度?|第[一二三四五六七八九十百\d]+届|首届)(?:全国|全省|全市|全县|全区)?|全国|全省|全市|全县|全区)$")


def _event_prefix(norm: str, start: int) -> int:
    """An event's name keeps its edition, year and reach (第四届…, 2024年…, 全省…大赛)."""
    m = _EVENT_PREFIX.search(norm, max(0, start - 10), start)
    return m.start() if m else start


_ITEM = re.compile(r"[^、,，。；;:：！？!?()（）《》“”\n和及与]{2,8}")


def find_siblings(norm: str, tokens: tuple[Token, ...], found: list[Candidate], rules: Rules) -> list[Candidate]:
    """Members of a list that share a one-character head with a member already found
    (唐正街、惠民街、平安街: 惠民街 vouches for the others)."""
    out = []
    seeds = [c for c in found if c.rule == "suffix" and c.label in (EntityClass.PLACE, EntityClass.ORGANIZATION)]
    by_end = {c.end: c for c in found}
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
                start = _after_opening_verb(norm, start, end, tokens, rules)
                item = norm[start:end]
                if not item.endswith(head[0]) or len(item) <= len(head[0]) + 1 or item in rules.generic:
                    break
                out.append(Candidate(start, end, c.label, "suffix", item))
                pos = start if step < 0 else end
    return out


def _areas_as_place_names(tokens: tuple[Token, ...], areas: list[Candidate]) -> tuple[Token, ...]:
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


def find_suffix_names(tokens: tuple[Token, ...], norm: str, rules: Rules, tags: dict[str, str]) -> list[Candidate]:
    """Runs of name-like tokens that end in a head noun of the genre (…局, …医院, …论坛)."""
    out = []
    cue_words = {w for words in rules.cues.values() for w in words}
    cue_tails = tuple(sorted(w for w in cue_words if len(w) == 2))
    for j, tok in enumerate(tokens):
        head = rules.head_of(tok.text)
        if not head:
            continue
        h, label = head
        if tok.text != h:
            # the head is inside a dictionary word: a common noun (道路, 思路) unless it is a name
            after_proper = j > 0 and tokens[j - 1].end == tok.start and tokens[j - 1].pos in _PROPER_POS
            if tok.text in tags and tok.pos not in _PROPER_POS and not (len(h) == 1 and len(tok.text) >= 3) and not after_proper:
                continue  # …but 监管局 names an institution by what it does, 太行山|文化论坛 one by its place
            # a one-character head that closes a common word (新格局 ends in 格局, not in 局)
            if len(h) == 1 and tags.get(tok.text[-2:], "ns") not in _PROPER_POS:
                continue
        k = j
        proper = tok.text != h and (tok.text not in tags or tok.pos in _PROPER_POS)
        while k > 0:
            prev = tokens[k - 1]
            if prev.end != tokens[k].start or prev.text in rules.modifiers or prev.text in cue_words:
                break
            if any(ch in _PUNCT for ch in prev.text) or prev.pos in _STOP_POS or prev.text in _FUNCTION_CHARS:
                break
            # a descriptive word right before a separate head token names the institution (复兴医院)
            adjacent_word = k == j and tok.text == h and len(prev.text) >= 2 and prev.pos in ("vn", "a", "l", "i")
            # events and programmes are named by what is done in them (广场舞大赛, 健身比赛)
            inner_verb = (label in (EntityClass.EVENT, EntityClass.PROGRAM) and prev.pos in ("v", "vn", "t")) or (
                label == EntityClass.ORGANIZATION and prev.pos == "v" and len(prev.text) == 2 and prev.text not in rules.openers)
            # institutions say what they do (融资担保公司, 应急医疗救护中心)
            if prev.pos not in _NAME_POS and not adjacent_word and not inner_verb:
                break
            if _verbal(prev.text, tags) or (len(prev.text) > 2 and prev.text.endswith(cue_tails)):
                break  # 积极探索, 全面推行: a verb phrase, not part of the name
            if tokens[j].end - prev.start > 24:
                break
            if prev.pos == "m" and not prev.text.startswith("第") and not (label == EntityClass.EVENT and prev.text[:1].isdigit()):
                break
            if prev.pos == "x" and (len(prev.text) < 2 or any(ch in _FUNCTION_CHARS for ch in prev.text)
                                    or tags.get(prev.text[0]) in ("v", "d", "r")):
                break  # an unknown word that opens with a verb or pronoun (争建, 做实, 这一)
            if prev.pos in _PROPER_POS:
                proper = True
            k -= 1
        while k < j and (tokens[k].pos in ("v", "vd", "a", "ad", "d", "l", "i") or tokens[k].text in rules.modifiers
                         or _verbal(tokens[k].text, tags)
                         or (tokens[k].pos == "m" and not tokens[k].text.startswith("第") and label != EntityClass.EVENT)):
            k += 1  # a name does not open with a verb, adjective, count or generic modifier
        proper = proper or any(tokens[i].pos in _PROPER_POS for i in range(k, j))
        start, end = tokens[k].start, tok.end
        if label in (EntityClass.PROGRAM, EntityClass.EVENT):
            start = _extend_to_opener(norm, start, end, tokens, rules, label)
        if label == EntityClass.EVENT:
            start = _event_prefix(norm, start)
        while start < end - len(h) and norm[start] in _FUNCTION_CHARS:
            start += 1  # 了|区三届人大三次会议
        # a relative name: the issuer's level before an institution (建成|县|中医院 → 县中医院)
        relative = (label == EntityClass.ORGANIZATION and k > 0 and tokens[k - 1].text in _LEVEL_WORDS
                    and tokens[k - 1].pos != "ns" and tokens[k - 1].end == start)
        if relative:
            start = tokens[k - 1].start
            proper = True
        name = norm[start:end]
        if len(h) == 1 and len(name) < 3 and not (k == j and tok.pos in ("ns", "nz") and tags.get(name[0]) != "v"):
            continue
        if len(h) == 1 and re.search(r"[\d一二三四五六七八九十百千万两几多]$", name[: -len(h)]):
            continue  # a count with a measure word (电梯20部, 3处), not a name
        # institutions and events are named by ordinary words too (阅读推广中心, 广场舞大赛)
        plain_ok = (label in (EntityClass.ORGANIZATION, EntityClass.EVENT) and len(h) >= 2 and len(name) >= 4
                    and h not in rules.brand_heads) or (label == EntityClass.PROGRAM and len(h) >= 2 and len(name) >= 6)
        if len(name) <= len(h) or name in rules.generic or not (proper or plain_ok) or _SLOGAN.match(name):
            continue
        if label == EntityClass.PROGRAM and norm.startswith(("定位", "任务", "格局", "要求"), end):
            continue  # 首都城市战略定位: the head noun qualifies another word
        if label in (EntityClass.ORGANIZATION, EntityClass.PLACE) and (
                _COUNTED_AFTER.match(norm, end) or _COUNTED_BEFORE.search(norm, max(0, start - 6), start)):
            continue  # 组建教育集团4个, 24家养老照料中心: counted things are kinds, not names
        town = _TOWN_FIRST.match(name) if label == EntityClass.PLACE and h in ("村", "社区", "小区") else None
        if town:
            start += town.end()  # 冉庄镇|冉庄村: the township is an area of its own
            name = name[town.end():]
        if label == EntityClass.ORGANIZATION and name.startswith("原") and len(name) >= 4:
            start += 1  # 原蓝山集团: the former company is still named 蓝山集团
            name = name[1:]
        out.append(Candidate(start, end, label, "suffix", name))
    return out


_LEVEL_WORDS = ("县", "区", "市", "省", "旗")
_LEVEL_PREFIX = ("全国", "国家级", "国家", "省级", "市级", "县级", "区级", "全省", "全市")
_CONJUNCTIONS = re.compile(r"和|及|与|、")


def _extend_to_opener(norm: str, start: int, end: int, tokens: tuple[Token, ...], rules: Rules, label: EntityClass) -> int:
    """A programme or event name runs back to the verb that opens its phrase in the clause
    (实施|农村饮水安全巩固提升工程, 完成|全国社区治理和服务创新实验区验收), when what lies between is
    plain name material: no punctuation, no 的 or 等, no other name of the same kind before a
    conjunction. Then the name loses what opens it: modifiers, opening verbs, 好, counts, 首批."""
    clause_start = max(norm.rfind(c, 0, start) for c in _CLAUSE_BREAK + "“”、") + 1
    window_start = max(clause_start, start - 16)
    token_starts = {t.start for t in tokens if window_start <= t.start < end}
    token_ends = {t.end for t in tokens if window_start < t.end <= end}
    best = -1
    for opener in rules.openers:
        at = norm.rfind(opener, window_start, start)
        while at >= 0 and not (at in token_starts and at + len(opener) in token_ends):
            at = norm.rfind(opener, window_start, at)
        if at >= 0:
            best = max(best, at + len(opener))
    if best >= 0:
        gap = norm[best:start]
        if "的" in gap or "等" in gap or any(ch in _PUNCT for ch in gap):
            best = -1
        else:
            for m in _CONJUNCTIONS.finditer(gap):
                head = rules.head_of(gap[: m.start()])
                if head and head[1] == label:
                    best += m.end()  # 管理机制和|人事薪酬制度: the conjunction joins two names
                    gap = norm[best:start]
    if best >= 0:
        start = best
    return _strip_opening(norm, start, end, rules)


def _strip_opening(norm: str, start: int, end: int, rules: Rules) -> int:
    words = sorted({w for w in rules.modifiers if w not in _LEVEL_PREFIX} | set(rules.openers), key=len, reverse=True)
    while start < end:
        word = next((w for w in words if norm.startswith(w, start) and start + len(w) < end - 1), None)
        if word:
            start += len(word)
        elif norm.startswith("好", start):
            start += 1  # 实施好, 落实好
        elif m := re.match(rf"(?:[省市县区]级|全国|全省)?(?:首批|第[一二三四五六七八九十\d]+批)|\d+{_COUNT}?[{_CLASSIFIER}]\S*?(?=[\u4e00-\u9fff]{{2}})"
                           r"|\d+(?:\.\d+)?[万亿]*元",
                           norm[start:end]):
            start += m.end()
        else:
            break
    return start


_ANNIVERSARY = re.compile(r"(?:成立|诞辰|诞生|解放|建立|开放|建党|建校|建院)(?:\d+|[一二三四五六七八九十百]+)周年")
_SELF_NAMED = ("建党", "建校", "建院")
_ANNIVERSARY_SUBJECT_POS = {"ns", "n", "nz", "nt", "nr", "j", "a", "b"}
_CELEBRATION = re.compile(r"(?:主题|纪念|庆祝)?(?:系列)?(?:活动|大会)")
_CONGRESS = re.compile(
    r"(?:中央|全国|[省市县区旗州盟]委?)"
    r"(?:第?[一二三四五六七八九十]{1,3}届[一二三四五六七八九十]{1,3}次全会|第[一二三四五六七八九十]{1,3}次党代会"
    r"|第?[一二三四五六七八九十]{1,3}届人大[一二三四五六七八九十]{1,3}次会议|人代会|党代会)"
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


def find_parties(norm: str, taken: list[Candidate], modifiers: frozenset[str] = frozenset()) -> list[Candidate]:
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
                trimmed = re.sub(r"(?:通力|共同|携手|联合|紧密|积极|全面|的)+$", "", name)
                end -= len(name) - len(trimmed)
                name = trimmed
                if not 2 <= len(name) <= 16 or not _CJK.search(name) or _GENERIC_PARTY.search(name):
                    continue
                if any(name.startswith(w) for w in modifiers):
                    continue
                covered = {i for c in taken if c.start < end and start < c.end for i in range(c.start, c.end)}
                if all(i in covered for i in range(start, end)) or name in ("我们", "我区", "我县", "我市"):
                    continue  # already named, perhaps by several mentions (天津市 + 蓟州区)
                out.append(Candidate(start, end, EntityClass.ORGANIZATION, "partner", name))
    return out


_MEMBER_SPLIT = re.compile(r"、|”“|和|及|以及|与")
_CLAUSE_BREAK = ",，。；;:：！？!?()（）《》\n"
_LEADING_VERB_POS = {"v", "vd", "p", "c", "u", "uj", "r"}


def find_typed_lists(norm: str, tokens: tuple[Token, ...], taken: list[Candidate], rules: Rules,
                     tags: dict[str, str]) -> list[Candidate]:
    """Members of an enumeration closed by a category noun (A、B等20处口袋公园; A、B和C等活动):
    the category gives every member its class. A member loses the verb that opens it (参加, 庆祝)."""
    categories = "|".join(sorted(map(re.escape, rules.list_types), key=len, reverse=True))
    pattern = re.compile(
        rf"(?:等{_COUNT}?[{_CLASSIFIER}]?|{_COUNT}[{_CLASSIFIER}])(?P<mod>[^{_CLAUSE_BREAK}、等“”]{{0,5}}?)(?P<cat>{categories})"
    )
    token_ends = {t.end for t in tokens}
    token_starts = {t.start for t in tokens}
    by_end = {c.end: c for c in sorted(taken, key=lambda c: c.end - c.start)}
    out = []
    for m in pattern.finditer(norm):
        if m.end() not in token_ends or (m.group("mod") and m.group("mod") in rules.list_types):
            continue
        if m.group().startswith("等") and m.start() not in token_starts:
            continue  # 等 inside a word (中等职业学校)
        label = rules.list_types[m.group("cat")]
        clause_start = max(norm.rfind(c, 0, m.start()) for c in _CLAUSE_BREAK) + 1
        region = norm[clause_start : m.start()]
        pieces = [(p.start(), p.end()) for p in _MEMBER_SPLIT.finditer(region)]
        if not pieces and not m.group().startswith("等"):
            continue  # one thing and a count (建成2处城市森林): no enumeration
        bounds = [0, *(x for pair in pieces for x in pair), len(region)]
        members = [(clause_start + bounds[i], clause_start + bounds[i + 1]) for i in range(0, len(bounds), 2)]
        kinds = sum(1 for s, e in members if e - s <= 2 and tags.get(norm[s:e], "ns") not in _PROPER_POS)
        if kinds * 2 >= len(members):
            continue  # a list of kinds (国有、民营、外资等企业), not of names
        found = []
        for start, end in members:
            start, end = _strip_quotes(norm, start, end)
            known = by_end.get(end) or by_end.get(end + 1)
            limit = known.start if known and known.start >= start else end
            start = _after_opening_verb(norm, start, limit, tokens, rules)
            if known and start <= known.start < end:
                end = known.end
            name = norm[start:end].strip("“”\"")
            if not 2 <= len(name) <= 20 or not _CJK.search(name) or name in rules.generic or name in rules.list_types:
                continue
            if any(name.startswith(w) for w in rules.modifiers) or re.search(rf"(?<!第){_COUNT}[{_CLASSIFIER}]", name):
                continue
            if "的" in name or (len(name) <= 2 and tags.get(name, "ns") not in _PROPER_POS):
                continue  # a description (我们的节日) or a common word
            found.append(Candidate(start, end, label, "typed", name))
        out += found
    return out


def _strip_quotes(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and norm[start] in " “\"":
        start += 1
    while end > start and norm[end - 1] in " ”\"":
        end -= 1
    if start > 0 and norm[start - 1] == "“" and end < len(norm) and norm[end] == "”":
        start, end = start - 1, end + 1  # keep a quoted member's marks, as the quote rule does
    return start, end


def _after_opening_verb(norm: str, start: int, limit: int, tokens: tuple[Token, ...], rules: Rules) -> int:
    """Where the first member of an enumeration begins: after the last verb, preposition or
    conjunction of the clause before ``limit`` (组团参加|首届中国国际进口博览会), then after modifiers."""
    cue_words = {w for words in rules.cues.values() for w in words}
    inside = [t for t in tokens if start <= t.start and t.end <= limit]
    cut = -1
    for i, tok in enumerate(inside):
        if (tok.pos in _LEADING_VERB_POS and (len(tok.text) > 1 or tok.pos != "v")) or tok.text in cue_words:
            cut = i  # a one-character "verb" is often a character of a name (四达大厦)
        elif tok.pos in ("d", "ad") and i + 1 < len(inside) and inside[i + 1].pos.startswith("v"):
            cut = i
    if cut >= 0:
        start = inside[cut].end
    rest = [t for t in inside if t.start >= start]
    while rest and rest[0].text in rules.modifiers:
        start = rest.pop(0).end
    return start


_NT_ORG_ENDING = ("院", "部", "局", "社", "军", "署", "联合国", "组织", "部队", "集团", "公司", "大学", "学院", "二局", "三局")


def find_named_bodies(tokens: tuple[Token, ...], rules: Rules, tags: dict[str, str]) -> list[Candidate]:
    """jieba's organization names (nt: 国务院, 新华社, 中铁二局) that end like a body, not in a
    common word (新格局 ends in 格局)."""
    out = []
    for tok in tokens:
        if tok.pos != "nt" or len(tok.text) < 3 or tok.text in rules.generic or tags.get(tok.text[-2:], "nt") != "nt":
            continue
        if tok.text.endswith(_NT_ORG_ENDING):
            out.append(Candidate(tok.start, tok.end, EntityClass.ORGANIZATION, "suffix", tok.text))
    return out


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


def find_campaigns(norm: str, areas: list[Candidate], rules: Rules) -> list[Candidate]:
    """平安河北, 健康西城建设, “书香西城”: a quality before an area's name names a campaign (a Program)
    where the phrase stands on its own: after a quote, a break or an opening verb, and before
    a break or 建设."""
    out = []
    for c in areas:
        if c.label != EntityClass.AREA or c.rule != "gazetteer" or c.start < 2:
            continue
        start = c.start - 2
        if norm[start : c.start] not in rules.campaign_prefixes:
            continue
        opens = start == 0 or not _CJK.match(norm[start - 1]) or norm[:start].endswith(rules.openers)
        closes = c.end >= len(norm) or not _CJK.match(norm[c.end]) or norm.startswith("建设", c.end)
        if opens and closes:
            out.append(Candidate(start, c.end, EntityClass.PROGRAM, "campaign", norm[start : c.end]))
    return out


def find_coref(norm: str, issuer_name: str, rules: Rules, issuer: str) -> list[Candidate]:
    """我区, 全市, 县政府, 我们 …: the issuer, by the level character its own name ends with."""
    if not issuer:
        return []
    chars = [issuer_name[-1]] if issuer_name and issuer_name[-1] in "省市区县旗州盟" else ["区", "县", "市", "旗"]
    words = sorted({t.replace("{L}", c) for t in rules.coref for c in chars}, key=len, reverse=True)
    pattern = "|".join(re.escape(w) for w in words)
    out = []
    for m in re.finditer(pattern, norm):
        out.append(Candidate(m.start(), m.end(), EntityClass.AREA, "coref", m.group(), issuer))
    return out


# ----------------------------------------------------------------------------- resolution


def resolve(cands: list[Candidate]) -> list[Candidate]:
    """Keep the longest of overlapping candidates (then the most trusted rule); a gazetteer
    area inside a kept name survives as a nested mention (rule ``nested``)."""
    ordered = sorted(set(cands), key=lambda c: (-(c.end - c.start), PRIORITY.get(c.rule, 9), c.start, c.label))
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    nested: list[Candidate] = []
    for c in ordered:
        clash = next(((s, e) for s, e in taken if c.start < e and s < c.end), None)
        if clash is None:
            kept.append(c)
            taken.append((c.start, c.end))
        elif c.label == EntityClass.AREA and c.rule == "gazetteer" and c.code and c.name == c.surface and clash[0] <= c.start and c.end <= clash[1]:
            nested.append(c._replace(rule="nested"))
    return sorted(kept + nested, key=lambda c: (c.start, c.end, c.label, c.rule))


def detect_mentions(doc: Doc, *, gazetteer: Gazetteer, rules: Rules, tags: dict[str, str],
                    freq: dict[str, int] | None = None) -> Doc:
    """Stage: resolve the issuer, then find and resolve candidate mentions."""
    issuer = resolve_issuer(doc.meta, doc.norm, gazetteer)
    level = gazetteer.areas[issuer].level if issuer else ""
    body = doc.meta.header_end
    cands: list[Candidate] = []
    cands += find_areas(doc.norm, doc.tokens, gazetteer, issuer, tags, freq)
    cands += find_titles(doc.norm)
    cands += find_unquoted_titles(doc.norm, doc.tokens)
    cands += find_quotes(doc.norm, rules)
    cands += find_glossary_terms(doc, rules)
    suffixed = find_suffix_names(_areas_as_place_names(doc.tokens, cands), doc.norm, rules, tags)
    cands += suffixed + find_siblings(doc.norm, doc.tokens, suffixed, rules)
    cands += find_party_events(doc.norm, doc.tokens)
    cands += find_named_bodies(doc.tokens, rules, tags)
    cands += find_people(doc, doc.tokens)
    cands += find_parties(doc.norm, cands, rules.modifiers)
    cands += find_typed_lists(doc.norm, doc.tokens, cands, rules, tags)
    cands += find_campaigns(doc.norm, cands, rules)
    issuer_name = gazetteer.areas[issuer].name if issuer else ""
    cands += [c for c in find_coref(doc.norm, issuer_name, rules, issuer) if c.start >= body]
    mentions = tuple(
        Mention(c.start, c.end, doc.text[c.start : c.end], c.label, c.rule, c.name, c.code)
        for c in resolve(cands)
    )
    return replace(doc, meta=replace(doc.meta, issuer_code=issuer), mentions=mentions)
