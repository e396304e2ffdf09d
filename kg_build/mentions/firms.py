"""Companies named without a head noun: members of a list of projects that are signed, settled
or put into production (河北某某、某某食品等项目签约落地), and central enterprises written
中国 + a short proper name (中国某电、中国某化等央企项目)."""

from __future__ import annotations

import re

from ..doc import Token
from ..rules import Rules
from ..vocab import EntityClass
from .common import CJK, CLAUSE_BREAK, COUNT, PROPER_POS, Candidate, after_opening_verb, strip_quotes


# 等(一批)(N个)(重点)项目 + within a few characters a verb of a firm's arrival or output; 开工 and
# 建设 are left out: they are said of parks and scenic projects as well
_PROJECT_LIST = re.compile(
    rf"等(?:一批)?{COUNT}?个?(?:重点|重大|在谈|在建|签约|产业|工业)?项目[^{CLAUSE_BREAK}]{{0,4}}?"
    r"(?:签约|落地|落户|投产|入驻|开业|达产)"
    # firms that grow or settle, named in a list (A、B等快速成长; A、B等一批“金种子”茁壮成长)
    rf"|等(?:一批)?(?:“[^”]{{1,6}}”)?(?:企业)?(?:投产增效|快速成长|茁壮成长|深化布局|加快发展|做大做强)"
)


_MEMBER_SPLIT = re.compile(r"、|和|及|以及|与")


# what a producer's project says after the firm's name: 某某年产2万吨…
_OUTPUT = re.compile(r"(?:年产|年加工|年处理|年出栏|年存栏)")


# a firm's project by its phase or line (中船二期, 空客二线)
_PHASE = re.compile(r"[一二三四五六七八九十]+[期线]$")


_FIRM_POS = {"nz", "nt", "j", "x", "nr", "nrt", "eng"}


_AFTER_CENTRAL = re.compile(r"[、和及与等]|总部|集团|子公司|[二三]级|有限|股份|公司")


def find_project_firms(norm: str, tokens: tuple[Token, ...], taken: list[Candidate], rules: Rules) -> list[Candidate]:
    """Members of a list of projects that are signed, settled or put into production are firms
    when at least one member shows it: an area name before a brand (河北某某), a trade word at
    the end (某某食品), or an output figure after the name (某某年产2万吨…). Members named by
    another rule as something else (…产业园) keep their class."""
    areas = {c.start: c for c in taken if c.label == EntityClass.AREA and c.rule == "gazetteer"}
    others = [c for c in taken if c.label != EntityClass.AREA]
    out: list[Candidate] = []
    for m in _PROJECT_LIST.finditer(norm):
        clause_start = max(norm.rfind(c, 0, m.start()) for c in CLAUSE_BREAK) + 1
        region = norm[clause_start : m.start()]
        bounds = [0, *(x for p in _MEMBER_SPLIT.finditer(region) for x in p.span()), len(region)]
        members: list[tuple[int, int, bool]] = []
        named_firm = False
        for i in range(0, len(bounds), 2):
            start, end = strip_quotes(norm, clause_start + bounds[i], clause_start + bounds[i + 1])
            opened = after_opening_verb(norm, start, end, tokens, rules)
            if end - opened < 2:
                opened = start  # 融达|包装: a trade that jieba tags as a verb ends the name, it does not open it
            if any(start <= t.start and t.end <= opened and (t.pos.startswith("n") or t.pos in PROPER_POS) for t in tokens):
                continue  # the object of a clause with its own subject (某集团…开发田园综合体)
            start = opened
            output = _OUTPUT.search(norm, start, end) or _PHASE.search(norm, start + 2, end)
            if output:
                end = output.start()  # 某某|年产2万吨…, 空客|二线, 中船|二期: the project of a firm
            trade = next((t for t in tokens if start < t.start and t.end < end and t.text in rules.brand_heads), None)
            if trade is not None:
                end = trade.end  # 潍柴动力|大缸径发动机: the firm's name ends at its trade, the product follows
            name = norm[start:end]
            if not 2 <= len(name) <= 10 or not all(CJK.match(ch) for ch in name) or name in rules.generic:
                continue
            if any(c.start < end and start < c.end for c in others):
                named_firm = named_firm or any(c.label == EntityClass.ORGANIZATION and (c.start, c.end) == (start, end) for c in others)
                continue  # already a park, a programme, a named body (which shows the list is of firms) …
            head = rules.head_of(name)
            if head and head[1] != EntityClass.ORGANIZATION and len(head[0]) > 1:
                continue  # …产业园, …工程; a one-character head (坊, 库) is also a trade's word
            area = areas.get(start)
            evidence = bool(output) or (head is not None and head[0] in rules.brand_heads and len(name) > len(head[0]) + 1)
            evidence = evidence or (area is not None and 2 <= end - area.end <= 4)
            inside = [t for t in tokens if start <= t.start and t.end <= end]
            if not evidence and inside and all(len(t.text) > 1 and t.pos not in PROPER_POS for t in inside):
                continue  # common words only (田园综合体): a description, not a brand
            members.append((start, end, evidence))
        if named_firm or any(e for _, _, e in members):
            out += [Candidate(s, e, EntityClass.ORGANIZATION, "firm", norm[s:e]) for s, e, _ in members]
    return out


def find_central_enterprises(norm: str, tokens: tuple[Token, ...], rules: Rules) -> list[Candidate]:
    """中国 + one short proper-name token (not a common word) that is followed by a list mark or
    by what a corporation has (总部, 子公司): a central enterprise."""
    out = []
    for i in range(len(tokens) - 1):
        country, short = tokens[i], tokens[i + 1]
        if country.text != "中国" or short.start != country.end or len(short.text) != 2 or short.pos not in _FIRM_POS:
            continue
        if not all(CJK.match(ch) for ch in short.text) or short.text in rules.generic:
            continue
        before = norm[country.start - 1] if country.start else "，"
        if CJK.match(before) and before not in "和及与、" and not (i and tokens[i - 1].pos.startswith("v")):
            continue  # inside a longer phrase (…中国华电…)
        if not _AFTER_CENTRAL.match(norm, short.end):
            continue
        out.append(Candidate(country.start, short.end, EntityClass.ORGANIZATION, "firm", norm[country.start : short.end]))
    return out
