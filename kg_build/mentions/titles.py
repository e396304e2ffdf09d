"""Names the text marks itself: 《》 titles and unbracketed document titles after an enacting verb,
“” quotes with a head noun or run by a cue verb, and the report's glossary terms."""

from __future__ import annotations

import re

from ..doc import Doc, Token
from ..rules import Rules
from ..vocab import EntityClass, RelationKind
from .common import CLASSIFIER, EDITION, Candidate, CJK, FUNCTION_CHARS, SLOGAN


_TITLE_DOC_HEADS = re.compile(
    r"(?:规划|计划|方案|意见|办法|条例|决定|决议|通知|规定|细则|纲要|法|标准|指南|措施|政策|清单|目录|"
    r"指引|公约|章程|协议|备忘录|白皮书|导则|要点|制度|规则|条|机制|行动|体系|纲领|建议|报告|批复|若干)$"
)


_ENACTED_BY = ("制定", "出台", "印发", "发布", "实施", "落实", "贯彻", "编制", "修订", "颁布", "执行", "审议", "通过", "决议")


def find_titles(norm: str) -> list[Candidate]:
    """《…》 titles of policy documents. A title without a document head (…办法, …意见, …规划)
    counts only where the clause enacts or applies it; books and shows are left out."""
    out = []
    for m in re.finditer(r"《([^《》\n]{2,80})》", norm):
        title = m.group(1).strip()
        if "政府工作报告" in title or not CJK.search(title):
            continue
        label = EntityClass.POLICY
        if not _TITLE_DOC_HEADS.search(re.sub(r"[(（][^)）]*[)）]$", "", title)):
            clause_start = max(norm.rfind(c, 0, m.start()) for c in ",，;；。:：\n") + 1
            if not any(cue in norm[clause_start : m.start()] for cue in _ENACTED_BY):
                continue
        out.append(Candidate(m.start(), m.end(), label, "title", title))
    return out


_NOT_PROGRAMME_AFTER = ("要求", "重要要求", "精神", "理念", "目标", "意识", "标准", "称号", "荣誉", "思想", "讲话", "指示",
                        "原则", "定位", "格局", "品牌", "特色品牌", "政策", "名片", "企业", "小巨人", "的")


_HONOURED_BY = ("获评", "评为", "入选", "荣获", "命名为", "获得", "授予")


def _runs_programme(norm: str, start: int, end: int, content: str, cues: tuple[str, ...]) -> bool:
    """A bare quoted phrase is a programme when the clause runs it (开展“清四乱”, 推进…和“水岸共治”);
    not a slogan (“提境界、强担当”), a metaphor (…的“最大增量”) or one of a run of quotes that
    qualifies something else (落实“双控”“四降”要求)."""
    clause_start = max(norm.rfind(c, 0, start) for c in ",，;；。:：\n") + 1
    before = norm[clause_start:start]
    # run right by its verb (继续推行“马上办、网上办”, 实施“1530”), a list or a code names the programme
    direct = re.sub(r"(?:“[^“”\n]*”[和及与、]?)+$", "", before).endswith(cues)
    if not 2 <= len(content) <= 24 or _FIVE_YEAR.fullmatch(content) or ("、" in content and not direct):
        return False
    glossed = norm.startswith(("〔", "【"), end)  # the report explains the term in its glossary
    if (SLOGAN.match(content) and "个" in content[:3] and not (direct and glossed)) or content.startswith(("全国", "全省", "全市", "全县", "全区", "在")):
        return False  # “四个意识”, “在全省率先”: slogans and rankings
    after_run = re.match(r"(?:“[^“”\n]{1,30}”)*(?:[〔【\[]\d{1,3}[〕】\]])?(?:等)?", norm[end:]).end() + end  # type: ignore[union-attr]
    if norm.startswith(_NOT_PROGRAMME_AFTER, after_run) or norm[start - 1 : start] == "的":
        return False
    if re.match(r"[\u4e00-\u9fff]{1,6}的", norm[after_run : after_run + 8]):
        return False  # “预防、医疗、康复”五位一体的…模式: the quote qualifies a noun further on
    if not CJK.search(content) and not (direct and _CODE.fullmatch(content)):
        return False
    if any(word in before for word in _HONOURED_BY):
        return False  # 获评“擂台赛优胜单位”: a title awarded, not a programme run
    # what is built, takes effect or is copied (“一村一景”建设, “园区事园区办”成效明显) is a programme
    return any(cue in before for cue in cues) or norm.startswith(_RUN_AFTER, after_run)


_COUNTED = re.compile(r"[一二两三四五六七八九十\d]+[项个大类条]")


_SERVICE = re.compile(r"(?:办|跑一次|一件事|即办)$|通办")  # “最多跑一次”, “一窗通办”: a way of serving people is a programme


_SCHEMA = re.compile(r"(?:[\u4e00-\u9fff]{1,2}[-—－])+[\u4e00-\u9fff]{1,2}")


_RUN_AFTER = ("建设", "成效", "取得", "惠及", "开辟", "引领", "覆盖", "实现", "典型经验", "经验做法", "打造")


_CODE = re.compile(r"(?=.*\d)[\dA-Z+]{3,12}")  # “1530”, “3+2”, “2+4+N”: a programme known by its numbers


_NUMBERED_SLOGAN = re.compile(r"(?:[一二两三四五六七八九十百千双多]+[\u4e00-\u9fff]{1,3}?){2,}[\u4e00-\u9fff]{0,4}")


_FIVE_YEAR = re.compile(r"[一二三四五六七八九十]+五")


_ARTICLES = re.compile(r"[\u4e00-\u9fff]{1,}(?:[一二三四五六七八九十]{1,3}|\d{1,3})条$")  # “民营十条”: a policy of N articles


_ENACTING = r"(?:出台|制定|印发|发布|落实|贯彻|修订|编制|颁布|实施|执行|审议通过|贯彻落实|认真落实|深入落实|严格落实|严格执行)"
_UNQUOTED_TITLE = re.compile(
    _ENACTING
    + r"(?P<title>(?:关于)?[^\s,，。；;:：、“”《》()（）\d]{4,30}?(?:条例|办法|(?<!反馈)意见|细则|规定|纲要|决定|方案|规划|若干措施)"
    r"(?:[（(]\d{4}\s*[—–\-－~～至]\s*\d{4}年?[)）])?)"  # …规划（2018—2022年）: the years a plan covers are in its title
    r"(?=[,，。；;、]|精神|及其|和|以及|要求)"
    # a policy of N articles (稳增长26条, “转企升规”6条支持政策, 优化营商环境21条升级举措)
    r"|" + _ENACTING + r"(?P<articles>(?:“[^“”\n]{2,12}”|[\u4e00-\u9fff]{2,12}?)\d{1,3}条(?:[\u4e00-\u9fff]{0,4}?(?:政策|措施|举措))?)"
    r"(?=[,，。；;、]|和|及)"
)


_LEADING_VERBS = re.compile(r"(?:好|实施|执行|落实|印发|制定|出台|发布|修订|编制|贯彻)+")


def find_unquoted_titles(norm: str, tokens: tuple[Token, ...]) -> list[Candidate]:
    """Policy documents named without 《》 after a verb that enacts or applies them (出台关于…的若干意见,
    落实民营经济促进条例, 严格落实中央八项规定精神)."""
    starts = {t.start for t in tokens}
    out = []
    for m in _UNQUOTED_TITLE.finditer(norm):
        group = "title" if m.group("title") else "articles"
        start = m.start(group)
        title = m.group(group)
        lead = _LEADING_VERBS.match(title)
        if lead:
            start += lead.end()  # 制定|实施|…规划, 落实|好|…条例: the second verb or its complement is no part of the title
            title = title[lead.end():]
        if start not in starts or _FIVE_YEAR.search(title):
            continue
        pair = _TWO_TITLES.fullmatch(title)
        if pair:  # 民营经济促进法和省民营经济促进条例: two documents
            out.append(Candidate(start, start + pair.end(1), EntityClass.POLICY, "title", pair.group(1)))
            out.append(Candidate(start + pair.start(2), m.end(group), EntityClass.POLICY, "title", pair.group(2)))
            continue
        out.append(Candidate(start, m.end(group), EntityClass.POLICY, "title", title))
    return out


_TWO_TITLES = re.compile(r"(.{4,}?(?:法|条例|办法|意见|规定|方案|规划|纲要|决定|细则))(?:和|及|与)(.{4,})")


def find_quotes(norm: str, rules: Rules) -> list[Candidate]:
    out = []
    program_cues = tuple(rules.cues.get(RelationKind.IMPLEMENTS, ())) + (
        "创建", "建立", "推出", "实行", "推广", "探索", "创新", "健全", "完善", "构建", "组织", "发放", "打响")
    for m in re.finditer(r"“([^“”\n]{1,30})”", norm):
        content = m.group(1).strip()
        if content in rules.generic:
            continue  # 村“两委”: a kind of body, not a name
        after = norm[m.end() : m.end() + 16]
        head = _head_after(after, rules)
        if "是指" in content or re.search(r"[,，:：;；]", content) or _SCHEMA.fullmatch(content):
            continue  # “区-街-社区”: levels of a structure, not a name
        if content.endswith(rules.concept_tails) and not (head and head[2] == EntityClass.EVENT):
            continue  # “总部经济”: an idea; but “夜经济”系列活动 is an event
        listed = "、" in content
        if _FIVE_YEAR.fullmatch(content):
            continue  # “十四五”规划: the plan period, not a named thing
        if _ARTICLES.search(content):
            out.append(Candidate(m.start(), m.end(), EntityClass.POLICY, "quote", content))  # “民营十条”
            continue
        if head and _COUNTED.match(head[0]) and norm[m.start() - 1 : m.start()] == "”":
            head = None  # “粤菜师傅”“广东技工”“南粤家政”|三项工程: the count's head belongs to the whole run
        if head:
            between, h, label = head
            end = m.end() + len(between) + len(h)
            start = m.start()
            if label == EntityClass.EVENT:  # 第四届“省长杯”工业设计大赛
                edition = re.search(rf"{EDITION}[\u4e00-\u9fff]{{0,4}}$", norm[max(0, start - 12) : start])
                start -= len(edition.group()) if edition else 0
            if h == "活动" and norm[: m.start()].endswith("系列"):
                label = EntityClass.EVENT  # 系列“雄安行”活动: a series of events
            out.append(Candidate(start, end, label, "quote", norm[start:m.start()] + content + between + h))
            continue
        if _SHORT_MEETING.fullmatch(content):
            out.append(Candidate(m.start(), m.end(), EntityClass.EVENT, "quote", content))  # 全国“两会”
            continue
        own = rules.head_of(content)
        if own and SLOGAN.match(content) and "个" in content[:3]:
            continue  # “四个中心”: a slogan that ends like a name
        if own and norm[: m.start()].endswith(_HONOURED_BY) and not CJK.match(norm[m.end() : m.end() + 1]):
            continue  # 获评“山东省法治政府建设示范项目”: an award's title
        if own and norm.startswith(("标准", "称号", "荣誉", "要求"), m.end()):
            continue  # 达到“放心肉菜示范超市”标准: the name of a standard or a title
        if own and not listed and len(content) > len(own[0]) and (len(own[0]) > 1 or _numbered(content, own[1]) != own[1]):
            out.append(Candidate(m.start(), m.end(), _numbered(content, own[1]), "quote", content))
        elif _runs_programme(norm, m.start(), m.end(), content, program_cues) or (
                _SERVICE.search(content) and not own and not norm[: m.start()].endswith(_HONOURED_BY)):
            out.append(Candidate(m.start(), m.end(), EntityClass.PROGRAM, "quote", content))
    return out


def award_titles(norm: str) -> list[tuple[int, int]]:
    """Spans (without their quotes) of the titles a report says something won (获评“省级文明村”,
    入选“第三批…基地”, 获评省三星级公园). Such a title names a kind of recipient, so the village, base
    or enterprise that ends it is no entity; a programme or contest named in it (入选“…文化工程”,
    荣获“…大赛…奖”) still is."""
    return sorted(m.span(1) for pattern in (_AWARD, _UNQUOTED_AWARD) for m in pattern.finditer(norm))


_AWARD = re.compile("(?:" + "|".join(_HONOURED_BY) + r")“([^“”\n]{2,40})”")
_UNQUOTED_AWARD = re.compile(r"(?:获评|评为|命名为|荣获)([^“”\n,，。；;、]{2,30})(?=[,，。；;])")


_SHORT_MEETING = re.compile(r"[一二两三四五六七八九十]会|[\u4e00-\u9fff]{1,2}[博洽交]会")  # “两会”, “廊洽会”: sessions, fairs


def _numbered(term: str, label: EntityClass) -> EntityClass:
    """A site or body named by numbers (“四好农村路”, “一门诊三中心”) is a programme of building them;
    so is taking something into a kind of place (“法律进社区”, “文化下乡村”)."""
    if label in (EntityClass.PLACE, EntityClass.ORGANIZATION) and (
            _NUMBERED_SLOGAN.fullmatch(term) or _NUMBERED.match(term) or _INTO_PLACE.search(term)):
        return EntityClass.PROGRAM
    return label


_INTO_PLACE = re.compile(r"[\u4e00-\u9fff]{2}[进入下](?:社区|乡村|农村|校园|企业|家庭|机关|园区|景区|基层)$")


_NUMBERED = re.compile(r"[一二三四五六七八九十]好")  # “四好农村路”, 五好家庭


def _head_after(after: str, rules: Rules) -> tuple[str, str, EntityClass] | None:
    """The head noun that follows a closing quote, perhaps after a few characters (“四名”汇智计划):
    (what lies between, head, class). Within four characters the head that ends farthest wins
    (“四位一体”联动服务机制), and of two that end together the longer (“夜经济”系列活动, not …活动);
    failing that, the nearest programme or event head within eight (“…、…”作风能力大提升|专项行动)."""
    plain = 0  # how many characters after the quote may belong to the name
    while plain < 8 and plain < len(after) and (CJK.match(after[plain]) or after[plain].isdigit()) and after[plain] not in FUNCTION_CHARS:
        plain += 1
    best: tuple[tuple[int, int], str, str, EntityClass] | None = None
    for cut in range(min(plain, 4) + 1):
        for length in rules.head_lengths:
            word = after[cut : cut + length]
            label = rules.heads.get(word) or rules.quote_heads.get(word)
            if label and len(word) == length > 1 and (best is None or (cut + length, length) > best[0]):
                best = ((cut + length, length), after[:cut], word, label)  # a one-character head is too weak (产业布局)
    for cut in range(5, plain + 1) if best is None else ():
        word = next((after[cut : cut + n] for n in rules.head_lengths if n > 1 and len(after[cut : cut + n]) == n
                     and (rules.heads.get(after[cut : cut + n]) or rules.quote_heads.get(after[cut : cut + n]))
                     in (EntityClass.PROGRAM, EntityClass.EVENT)), "")
        if word:
            return after[:cut], word, rules.heads.get(word) or rules.quote_heads[word]
    return best[1:] if best else None


def find_glossary_terms(doc: Doc, rules: Rules) -> list[Candidate]:
    out = []
    for entry in doc.meta.glossary:
        term = entry.term
        if len(term) < 2 or len(CJK.findall(term)) == 1:
            continue  # 糃（táng）: a note on a rare character, not a term
        if re.match(rf"\d+[{CLASSIFIER}]", term):
            continue  # 3个绿色社区: a count of a kind
        head = rules.head_of(term)
        label = _numbered(term, head[1]) if head else EntityClass.POLICY if _ARTICLES.search(term) else EntityClass.PROGRAM
        if not head and (SLOGAN.match(term) and len(term) <= 6 or not (CJK.search(term) or _CODE.fullmatch(term))
                         or term.endswith(rules.concept_tails)
                         or "、" in term or _NUMBERED_SLOGAN.fullmatch(term)):
            continue  # slogans: “一核五极多点支撑”, “双跨越、四提升”, “六税两费”
        pattern = "[“”\"]?".join(re.escape(ch) for ch in term)
        for m in re.finditer(pattern, doc.norm):
            start, end = m.start(), m.end()
            opened = m.group().count("“") - m.group().count("”")
            if opened > 0 and doc.norm.startswith("”", end):
                end += 1  # 乡村运输“金通工程|”: the mention closes the quote it opens
            elif opened < 0 and doc.norm[start - 1 : start] == "“":
                start -= 1  # “|六无”平安村
            out.append(Candidate(start, end, label, "glossary", term))
    return out
