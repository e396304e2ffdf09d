"""Where a name found by its head begins: the verb that opens a programme's phrase, the list mark
before a name that is a whole verb phrase, an event's edition and reach, a place in brackets inside
a name, and the modifiers, counts and verbs that open a phrase without belonging to it."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..doc import Token
from ..rules import Rules
from ..vocab import EntityClass, RelationKind
from .common import CLASSIFIER, CLAUSE_BREAK, COUNT, EDITION, LEVEL_PREFIX, PROPER_POS, PUNCT


_REACH = r"(?:全国|全省|全市|全县|全区|(?:中国)?(?:国际|世界|全球)|中国|夏季|冬季)"
_EVENT_PREFIX = re.compile(rf"(?:(?:\d{{4}}年度?|{EDITION})?{_REACH}|\d{{4}}年度?|{EDITION})$")


def event_prefix(norm: str, start: int) -> int:
    """An event's name keeps its edition, year and reach (第四届…, 2024年…, 全省…大赛, 国际…博览会,
    夏季…论坛)."""
    if norm[start - 1 : start] == "’" and (mark := norm.rfind("‘", max(0, start - 12), start - 1)) >= 0:
        start = mark  # ‘绽放杯’5G应用大赛: a cup named in single quotes inside a quotation
    m = _EVENT_PREFIX.search(norm, max(0, start - 10), start)
    return m.start() if m else start


_CONJUNCTIONS = re.compile(r"和|及|与|、")


_PARENTHESIS = re.compile(r"[（(][\u4e00-\u9fff]{1,8}[）)]$")


def through_parenthesis(norm: str, start: int, tokens: tuple[Token, ...], rules: Rules) -> int:
    """A name may carry a place or section in brackets inside it (北供保障（北京）供应链管理有限公司,
    唐河（东石桥段）治理工程): it starts at the name-like words before the bracket (a verb after a
    proper word among them: 北供|保障)."""
    m = None
    if not any(ch in "）)" for ch in norm[max(0, start - 5) : start]):
        return start
    for gap in ("", *sorted((w for w in rules.modifiers if norm.startswith(w, start - len(w))), key=len)):
        m = _PARENTHESIS.search(norm, max(0, start - len(gap) - 10), start - len(gap))  # …（京津冀）国际|科技创新中心
        if m:
            break
    if not m:
        return start
    i = bisect_left(tokens, m.start(), key=lambda t: t.end)
    begin = m.start()
    while i >= 0 and i < len(tokens) and tokens[i].end == begin and m.start() - tokens[i].start <= 6:
        tok = tokens[i]
        if (tok.pos in ("v", "vn") and i > 0 and tokens[i - 1].end == tok.start and tokens[i - 1].pos in PROPER_POS
                and tokens[i - 1].start >= m.start() - 6):
            begin = tokens[i - 1].start  # 北供|保障（北京）…: a coined name that ends in a verb
            break
        if (tok.pos not in PROPER_POS | {"n", "f", "s"} or tok.text in rules.cue_words or tok.text in rules.openers
                or tok.text in rules.modifiers or any(ch in PUNCT for ch in tok.text)):
            break  # 、|中核…（天津）公司: a list mark is no name material
        begin = tok.start
        i -= 1
    return begin if begin < m.start() else start


def conjoined_start(norm: str, start: int, end: int, tokens: tuple[Token, ...], rules: Rules,
                    label: EntityClass = EntityClass.EVENT) -> int:
    """Two events held as one (…高峰论坛暨…研讨会, …30周年暨…交流会), two works run as one
    (南延北伸暨城乡智慧供水工程): the name runs back over 暨 to the verb that holds or runs them, or
    to the start of the clause."""
    if norm.find("暨", max(0, start - 1), end) < 0:
        return start
    mark = max(norm.rfind(c, max(0, start - 40), start) for c in CLAUSE_BREAK + "、“”") + 1
    near = tokens[bisect_left(tokens, mark, key=lambda t: t.start) : bisect_left(tokens, start, key=lambda t: t.start)]
    if not near or near[0].start != mark:
        return start
    holds = rules.cues.get(RelationKind.HOSTS, ()) if label == EntityClass.EVENT else (
        *rules.cues.get(RelationKind.IMPLEMENTS, ()), *rules.openers)
    begin = mark
    for tok in near:
        if tok.text in holds or tok.pos == "p":
            begin = tok.end  # …举办|, 按照|: the verb that holds them, or a preposition, opens the name
    return min(begin, start)


_STUDY_VERBS = ("学习", "贯彻", "落实", "宣传", "深入")  # the verbs a study campaign is named by (学习贯彻…主题教育)


def phrase_start(norm: str, start: int, tokens: tuple[Token, ...], rules: Rules) -> int:
    """A name that is a whole verb phrase (学习贯彻…主题教育) starts at its list mark or clause,
    after the verb that runs it (扎实开展) and its adverbs; verbs of its own stay."""
    mark = max(norm.rfind(c, max(0, start - 30), start) for c in CLAUSE_BREAK + "、“”") + 1
    near = tokens[bisect_left(tokens, mark, key=lambda t: t.start) : bisect_left(tokens, start, key=lambda t: t.start)]
    begin = mark
    for tok in near:
        if tok.text in rules.openers or tok.text in rules.cue_words or tok.pos in ("d", "ad", "vd", "i", "p") or (
                tok.pos == "v" and tok.text not in _STUDY_VERBS):
            begin = tok.end  # 持续巩固|党史学习教育: the report's verbs, not the campaign's own
    return min(max(begin, mark), start) if near and near[0].start == mark else start


def extend_to_opener(norm: str, start: int, end: int, tokens: tuple[Token, ...], rules: Rules, label: EntityClass,
                      opening: tuple[str, ...]) -> int:
    """A programme or event name runs back to the verb that opens its phrase in the clause
    (实施|农村饮水安全巩固提升工程, 完成|全国社区治理和服务创新实验区验收), when what lies between is
    plain name material: no punctuation, no 的 or 等, no other name of the same kind before a
    conjunction. Then the name loses what opens it: modifiers, opening verbs, 好, counts, 首批."""
    clause_start = max(norm.rfind(c, 0, start) for c in CLAUSE_BREAK + "“”、") + 1
    window_start = max(clause_start, start - 16)
    near = tokens[bisect_left(tokens, window_start, key=lambda t: t.start) : bisect_left(tokens, end, key=lambda t: t.start)]
    token_starts = {t.start for t in near}
    token_ends = {t.end for t in near if t.end <= end}
    best = -1
    for opener in rules.openers:
        at = norm.rfind(opener, window_start, start)
        while at >= 0 and not (at in token_starts and at + len(opener) in token_ends):
            at = norm.rfind(opener, window_start, at)
        if at >= 0:
            best = max(best, at + len(opener))
    if best >= 0:
        gap = norm[best:start]
        if "的" in gap or "等" in gap or any(ch in PUNCT for ch in gap) or any(
                t.pos == "p" and t.text not in "与和及同跟" and best <= t.start < start for t in near):
            best = -1  # 以推进…发展|为|战略牵引: a preposition between them ends the verb's phrase
        else:
            for m in _CONJUNCTIONS.finditer(gap):
                head = rules.head_of(gap[: m.start()])
                if head and (head[1] == label or (len(head[0]) >= 2 and head[0] not in rules.brand_heads)):
                    best += m.end()  # 管理机制和|人事薪酬制度, …生态城和|…示范区: the conjunction joins two names
                    gap = norm[best:start]
    if best >= 0:
        start = best
    return strip_opening(norm, start, end, opening)


def opening_words(rules: Rules) -> tuple[str, ...]:
    """What may open a name's phrase without belonging to it: modifiers (but not level prefixes
    such as 全国, which belong to a designation) and opening verbs; longest first."""
    return tuple(sorted({w for w in rules.modifiers if w not in LEVEL_PREFIX} | set(rules.openers), key=len, reverse=True))


def strip_opening(norm: str, start: int, end: int, words: tuple[str, ...]) -> int:
    while start < end:
        word = next((w for w in words if norm.startswith(w, start) and start + len(w) < end - 1), None)
        if word:
            start += len(word)
        elif norm.startswith("好", start):
            start += 1  # 实施好, 落实好
        elif m := re.match(rf"(?:[省市县区]级|全国|全省)?(?:首批|第[一二三四五六七八九十\d]+批)|\d+{COUNT}?[{CLASSIFIER}]\S*?(?=[\u4e00-\u9fff]{{2}})"
                           r"|\d+(?:\.\d+)?[万亿]*元",
                           norm[start:end]):
            start += m.end()
        else:
            break
    return start


_AFTER_ETC = re.compile(rf"等(?:{COUNT}余?[{CLASSIFIER}])?$")


def closes_list(norm: str, start: int, tokens: tuple[Token, ...], rules: Rules) -> bool:
    """Whether the phrase at ``start`` follows the 等 that closes a list (…等5所|学校, …等重点|平台)."""
    modifier = next((w for w in rules.modifiers if norm.startswith(w, start - len(w))), "")
    m = _AFTER_ETC.search(norm, max(0, start - len(modifier) - 8), start - len(modifier))
    if not m:
        return False
    i = bisect_left(tokens, m.start(), key=lambda t: t.start)
    return i < len(tokens) and tokens[i].start == m.start() and tokens[i].text == "等"


def word_at(tokens: tuple[Token, ...], offset: int) -> bool:
    """Whether a word of two or more characters starts at ``offset``."""
    i = bisect_left(tokens, offset, key=lambda t: t.start)
    return i < len(tokens) and tokens[i].start == offset and len(tokens[i].text) >= 2


def join_split_heads(tokens: tuple[Token, ...], rules: Rules) -> tuple[Token, ...]:
    """Two tokens that together are a head noun jieba split (救援|站 → 救援站) become one; a
    programme head fused with the level of what carries it (试点|县, 示范|区) becomes two."""
    out: list[Token] = []
    for tok in tokens:
        joined = out[-1].text + tok.text if out and out[-1].end == tok.start and out[-1].text.isalpha() else ""
        if joined and (head := rules.head_of(joined)) and head[0] == joined:
            out[-1] = Token(out[-1].start, tok.end, joined, "n")
        elif len(tok.text) >= 3 and tok.text[-1] in _CARRIERS and rules.heads.get(tok.text[:-1]) == EntityClass.PROGRAM:
            out += [Token(tok.start, tok.end - 1, tok.text[:-1], "n"), Token(tok.end - 1, tok.end, tok.text[-1], "n")]
        else:
            out.append(tok)
    return tuple(out)


_CARRIERS = "县镇乡村区市"  # 建设试点|县, 推进试点|镇: the kind of place a programme is run in
