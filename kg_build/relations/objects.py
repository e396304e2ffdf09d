"""What a cue word reaches, kind by kind: the objects of each relation kind within a clause.

Each function takes the mentions of the clause before and after the cue (``before``, ``after``)
and returns ``(kind, mention index, mention)`` triples; a cue of one kind may state another
(建立…制度 puts a programme into effect: ``implements``, not ``establishes``; 助力…脱贫 is
assistance as well as support). ``OBJECTS`` is the range the extractor keeps to for each kind.
"""

from __future__ import annotations

import re

from ..doc import Doc, Mention, Relation
from ..vocab import EntityClass as C
from ..vocab import RelationKind as R
from .lists import drop_qualifiers, list_after, list_before

# The ontology lets ``implements`` reach a PolicyDocument too (实施《…行动计划》); the extractor
# keeps to programmes: a resolution or a regulation that is 落实 is not a programme being run.
OBJECTS: dict[R, frozenset[C]] = {
    R.PARTNERS_WITH: frozenset({C.AREA, C.ORGANIZATION}),
    R.ASSISTS: frozenset({C.AREA, C.ORGANIZATION}),
    R.SUPPORTS: frozenset({C.AREA, C.ORGANIZATION, C.EVENT, C.PLACE}),
    R.LOCATED_IN: frozenset({C.AREA, C.PLACE}),
    R.ESTABLISHES: frozenset({C.ORGANIZATION, C.PROGRAM}),
    R.HOSTS: frozenset({C.EVENT}),
    R.ENACTS: frozenset({C.POLICY}),
    R.IMPLEMENTS: frozenset({C.PROGRAM}),
}
Found = list[tuple[R, int, Mention]]
Listed = list[tuple[int, Mention]]

_CLAUSE_END = re.compile(r"[,，;；:：。!！?？]|$")
# Cue words kept out of cues.tsv: every cue word there also bounds a name for the mention stage,
# and these are inside too many names (中非合作论坛, 上海合作组织峰会, 党组织). Each takes only what
# stands right next to it: 合作 the parties listed right after 与 (与A、B等企业合作), 组织 the
# list right after it (组织|天桥音乐剧演出季, not 组织参与…).
BARE_PARTNER_CUES = ("合作",)
BARE_HOST_CUES = ("组织",)
# 打好/打赢/打响 a campaign named as a battle (“三大攻坚战”, 蓝天保卫战): kept out of cues.tsv,
# where they would open names (打好人才“引育留用管”组合拳 is no programme)
BATTLE_CUES = ("打好", "打赢", "打响")
_BATTLE = re.compile(r"(?:战|仗)[”\"]?$")

# partnersWith, assists
_PARTY = re.compile(r"(?:与|同|和|跟)")
_COUNTERPART = re.compile(r"(?:与|同|跟)")
# what may stand between the parties and bare 合作 (等头部旅游企业|深度, 开展“3+2”); 合作社, 合作区
# and 合作医疗 are no partnership
_PARTNER_GAP = re.compile(r"(?:等[^,，;；:：。与同跟]{0,10}|[^,，;；:：。等与同跟]{0,8})")
_NOT_PARTNERSHIP = re.compile(r"社|区|园|医疗")
# 支持企业与高校合作: the issuer encourages others to partner; it is not a party itself
_THIRD_PARTIES = re.compile(r"(?:支持|鼓励|引导|推动|促进|帮助|指导)[^与同跟]+$")
# A、B等项目签约: with no party after 与, the things listed before the cue sign with the issuer
_SIGNING_CUES = frozenset({"签约"})
_AID_CONTEXT = re.compile(r"脱贫|扶贫|帮扶|援|协作|对口")
# 对接帮扶资源、…, 帮扶政策保持稳定: an aid cue that qualifies the noun after it names nobody helped
_AID_AS_MODIFIER = re.compile(r"资源|政策|措施|机制|单位|力量|资金|干部|对象|责任|体系|成效|成果|举措|项目|工作")

# supports: cue words of 服务保障 that are nouns as often as verbs take the events named before
# them when they close the phrase (…等重大活动服务保障,), not in …论坛四位一体的服务体系
_SERVICE_CUES = frozenset({"服务保障", "服务", "保障"})
_SERVICE_END = re.compile(r"[,，;；:：。、]|工作|任务|$")

# establishes, implements: a rule of conduct (建立…制度/机制/模式) is a programme put into effect,
# not a body that is set up
_INSTITUTION = re.compile(r"(?:制度|机制|体制|模式|体系|工作法|责任制|长制|制)$")
# a name that only qualifies the rule of conduct named after it (“A”大部制工作体制); with 的 in
# between, the name is one detail of a longer description (“A、B、C”五位一体的健康养老服务模式)
_QUALIFIED = re.compile(r"[^,，;；:：。、“”]{0,16}?(?:制度|机制|体制|模式|体系)(?![\u4e00-\u9fff])")
_QUALIFIED_AT_LENGTH = re.compile(r"[^,，;；:：。、“”]*的")
# a count before or after an object (建成3处X, 2个“A”中心, 组建教育集团4个): facilities of a kind
_COUNTED_BEFORE = re.compile(r"(?:\d+|[一二两三四五六七八九十百千]+)(?:个|家|处|座|所|支|批|条|项)(?:“[^”]{0,16}”)?[“\"]?$")
_COUNTED_AFTER = re.compile(r"[”\"]?(?:\d+|[一二两三四五六七八九十百千]+)(?:个|家|处|座|所|支|批|条|项)")
# 建成 a school, a hospital, a hall or a programme (“四好农村路”35公里) is building work, not setting up a body
_FACILITY = re.compile(r"(?:学校|中学|小学|学院|大学|幼儿园|医院|卫生院|馆|小屋)$")
_BUILD_CUES = frozenset({"建成"})
# 启动…示范区申报, 推进…基金筹备, 启动社区“两委”换届: the cue reaches a step of procedure that
# the name only qualifies, not a programme being run
_PROCEDURE = re.compile(r"[”\"]?(?:申报|筹备|换届|验收|申请)")
# between a programme and the cue that closes its clause: a note mark, adverbs (林长制〔4〕全面推行)
_PASSIVE_GAP = re.compile(r"(?:[〔\[【(（]\d+[〕\]】)）])?(?:深入|全面|扎实|持续|有序|稳步|有效|加快|顺利|已|正式|得到|逐步|进一步)*")

# hosts: between the events and a cue that follows them: 等, the venue, an adverb (…等在清苑成功|举办)
_HOSTED_GAP = re.compile(r"等?(?:[在于][^,，;；:：。、等]{1,8})?(?:相继|先后|成功|顺利|圆满|隆重|陆续)*")
# 党的二十大召开以来, …召开之年, 以…召开为契机: a date or an occasion, not a report of hosting
_NOT_HOSTING = re.compile(r"以来|之|期间|前后|后|为|的|精神")

_LANDING_CUES = frozenset({"落地"})
# with no place named after the cue, the thing settles in the issuer's own area only when the cue
# closes the phrase (…等15家机构落户。, 揭牌落户,)
_SETTLED_HERE = re.compile(r"[,，;；:：。!！?？、）)]|$")


def parties(text: str, kind: R, cue: str, pos: int, c_start: int, before: Listed, after: Listed,
            subject: str, issuer: str) -> tuple[Found, str]:
    """partnersWith and assists: the parties named after 与/同/和 before the cue (bare 合作: the list
    right after the last 与), for assistance else those after it; and the subject, which is the
    issuer when A、B等项目签约 lists the parties before the cue."""
    if kind == R.PARTNERS_WITH and cue in BARE_PARTNER_CUES:
        if _NOT_PARTNERSHIP.match(text, pos + len(cue)):
            return [], subject
        return [(kind, i, m) for i, m in drop_qualifiers(_counterparts(text, before, pos, c_start))], subject
    party = [(i, m) for i, m in before if _PARTY.search(text[c_start : m.start])]
    found = [(i, m) for i, m in party if m.label in OBJECTS[kind]]
    if kind == R.ASSISTS and not found and not _AID_AS_MODIFIER.match(text, pos + len(cue)):
        found = [(i, m) for i, m in after if m.label in OBJECTS[kind]]
    first = _COUNTERPART.search(text, c_start, pos)
    if kind == R.PARTNERS_WITH and first and _THIRD_PARTIES.search(text, c_start, first.start()):
        found = []  # 支持开发区与北京大学共建: others partner
    elif kind == R.PARTNERS_WITH and not found and cue in _SIGNING_CUES:
        # A、B等项目签约: the parties listed right before sign with the issuer (they open the clause)
        found = [(i, m) for i, m in list_before(before, pos, text) if m.label == C.ORGANIZATION]
        subject = issuer
    return [(kind, i, m) for i, m in drop_qualifiers(found)], subject


def _counterparts(text: str, before: Listed, pos: int, c_start: int) -> Listed:
    """与A、B等企业(深度)合作: the list right after the last 与/同/跟 of the clause, when only a few
    words (等…企业, 通力, 开展“3+2”) stand between it and the bare cue at ``pos``."""
    preps = list(_COUNTERPART.finditer(text, c_start, pos))
    if not preps or _THIRD_PARTIES.search(text, c_start, preps[-1].start()):
        return []
    listed = list_after([(i, m) for i, m in before if m.start >= preps[-1].end()], preps[-1].end(), text)
    found = [(i, m) for i, m in listed if m.label in OBJECTS[R.PARTNERS_WITH]]
    if not found or not _PARTNER_GAP.fullmatch(text, listed[-1][1].end, pos):
        return []
    return found


def supported(text: str, cue: str, pos: int, cue_end: int, before: Listed, after: Listed, c_end: int) -> Found:
    """支持/助力 the list right after the cue (支持A、B和C); help towards 脱贫 is assistance as well
    as support. 服务保障 takes the events listed before it (…峰会等重大活动服务保障) or right after it."""
    listed = list_after(after, cue_end, text)
    if cue in _SERVICE_CUES:
        events = [(i, m) for i, m in listed if m.label == C.EVENT]
        if not events and not listed and _SERVICE_END.match(text, cue_end):
            events = [(i, m) for i, m in list_before(before, pos, text) if m.label == C.EVENT]
        return [(R.SUPPORTS, i, m) for i, m in events]
    found = drop_qualifiers([(i, m) for i, m in listed if m.label in OBJECTS[R.SUPPORTS]])
    out = [(R.SUPPORTS, i, m) for i, m in found]
    if _AID_CONTEXT.search(text, cue_end, c_end):
        out += [(R.ASSISTS, i, m) for i, m in found if m.label in OBJECTS[R.ASSISTS]]
    return out


def established(text: str, cue: str, after: Listed) -> Found:
    """成立/设立/组建/建成 the organizations and platforms after the cue; 建立…制度/机制 and a quoted
    name qualifying such a rule (建立“一委七办三中心”大部制工作体制) put a programme into effect."""
    out: Found = []
    for i, m in after:
        if text[m.start - 1] == "以" or _COUNTED_BEFORE.search(text, max(0, m.start - 24), m.start) \
                or _COUNTED_AFTER.match(text, m.end):
            continue  # 以X为核心…; 组建教育集团4个, 建成2个X: a role, or generic facilities counted
        if _QUALIFIED.match(text, m.end):
            if m.label == C.PROGRAM and m.rule == "quote" and not _QUALIFIED_AT_LENGTH.match(text, m.end):
                out.append((R.IMPLEMENTS, i, m))  # 建立“一委七办三中心”大部制工作体制
            continue  # the name only qualifies the institution that is set up
        if m.label == C.PROGRAM and _INSTITUTION.search(m.name or m.text):
            out.append((R.IMPLEMENTS, i, m))  # 建立…制度/机制: a programme put into effect
        elif m.label in OBJECTS[R.ESTABLISHES] and not (cue in _BUILD_CUES and (_FACILITY.search(m.name or m.text)
                                                                               or m.label == C.PROGRAM)):
            out.append((R.ESTABLISHES, i, m))
    return out


def implemented(text: str, cue: str, pos: int, cue_end: int, before: Listed, after: Listed) -> Found:
    """实施/推进/落实 the programmes after the cue, else the programme that the cue closes
    (林长制〔4〕全面推行, 文化惠民工程深入实施); 打好/打响 only the battles listed right after it."""
    if cue in BATTLE_CUES:
        return [(R.IMPLEMENTS, i, m) for i, m in list_after(after, cue_end, text)
                if m.label in OBJECTS[R.IMPLEMENTS] and _BATTLE.search(m.name or m.text)]
    objects = [(R.IMPLEMENTS, i, m) for i, m in after if m.label in OBJECTS[R.IMPLEMENTS]  # 落实《决议》 runs no programme
               and not _PROCEDURE.match(text, m.end)]
    if not objects and before and before[-1][1].label == C.PROGRAM and _CLAUSE_END.match(text, cue_end) \
            and _PASSIVE_GAP.fullmatch(text, before[-1][1].end, pos):
        objects = [(R.IMPLEMENTS, *before[-1])]  # 林长制〔4〕全面推行, 文化惠民工程深入实施
    return objects


def hosted(text: str, cue: str, pos: int, cue_end: int, before: Listed, after: Listed) -> Found:
    """举办 every event after the cue; 组织 only the list right after it. With no event after the
    cue, the events listed right before it are hosted (A、B等在清苑成功举办)."""
    listed = list_after(after, cue_end, text)
    out = [(R.HOSTS, i, m) for i, m in (listed if cue in BARE_HOST_CUES else after) if m.label == C.EVENT]
    if not out and not _NOT_HOSTING.match(text, cue_end):
        events = [(i, m) for i, m in before if m.label == C.EVENT]
        if events and _HOSTED_GAP.fullmatch(text, events[-1][1].end, pos):
            out = [(R.HOSTS, i, m) for i, m in list_before(events, events[-1][1].end, text)]
    return sorted(out, key=lambda o: o[2].start)


def venue(text: str, before: Listed, start: int, pos: int, keys: dict[int, str]) -> str:
    """The area named after 在/于 between ``start`` and the cue at ``pos`` (…等在清苑成功举办)."""
    for i, m in before:
        if start <= m.start and m.end <= pos and m.label == C.AREA and text[m.start - 1] in "在于":
            return keys[i]
    return ""


def settlements(doc: Doc, cue: str, pos: int, cue_end: int, before: Listed, after: Listed,
                keys: dict[int, str], issuer: str, s_index: int, planned: bool) -> list[Relation]:
    """A、B等企业落户(河北阜平): every thing listed right before the cue settles in the most specific
    area named after it, or in the issuer's own area when none is named."""
    text = doc.norm
    movers = [(i, m) for i, m in list_before(before, pos, text)
              if m.label in (C.ORGANIZATION, C.PROGRAM, C.EVENT, C.PLACE)]
    places: Listed = []
    for i, m in after:
        if m.label not in OBJECTS[R.LOCATED_IN] or (places and m.start > places[-1][1].end + 1):
            break
        places.append((i, m))
    if cue in _LANDING_CUES and not places:
        # 抓好…产业基金落地: a programme or a fund that lands is put into effect, it does not settle
        movers = [(i, m) for i, m in movers if m.label in (C.ORGANIZATION, C.PLACE)]
    if not movers:
        return []
    if not places and not _SETTLED_HERE.match(text, cue_end):
        return []  # 落户雄安, 入驻49个老旧小区: settled somewhere not recognised, not in the issuer's area
    target = keys[places[-1][0]] if places else issuer
    if not target:
        return []
    last = places[-1][1] if places else None
    return [Relation(R.LOCATED_IN, keys[i], target, s_index, min(m.start, pos),
                     max(cue_end, last.end if last else cue_end), cue, planned) for i, m in movers if m.rule != "coref"]
