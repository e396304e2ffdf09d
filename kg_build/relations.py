"""Entity pairs → typed relations, each with its evidence sentence and span.

A cue word of the genre (resources/cues.tsv) states a relation; its objects are the mentions of
the right classes that follow it in the clause (lists split into one relation per member), or
for partnerships and assistance the parties named after 与/同/和. Some cues take what stands
before them when nothing follows (A、B等项目签约, …等在X成功举办, 林长制全面推行). The subject is
an area or organization opening the clause or named right before the cue (支持X举办), else the
issuer (implicit subjects and 我区, 区政府 …); when the issuer only encourages somebody unnamed
(鼓励企业…), there is no relation. Planned relations (将, 要, 力争, this year's tasks) are kept
and marked; negated ones dropped. The gazetteer's hierarchy adds ``locatedIn`` for every area,
marked as derived.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .doc import Doc, Entity, Mention, Relation
from .gazetteer import Gazetteer
from .link import area_key
from .rules import Rules
from .vocab import EntityClass as C
from .vocab import RelationKind as R

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
SUBJECTS = frozenset({C.AREA, C.ORGANIZATION})
_CLAUSE = re.compile(r"[^,，;；:：。!！?？\n]+")
_CLAUSE_BREAK = re.compile(r"[,，;；:：。!！?？]")
_CLAUSE_END = re.compile(r"[,，;；:：。!！?？]|$")
_NEGATION = re.compile(r"未(?!来)|没有|尚未|不再|并非|从未")
# Cue words kept out of cues.tsv: every cue word there also bounds a name for the mention stage,
# and these are inside too many names (中非合作论坛, 上海合作组织峰会, 党组织). Each takes only what
# stands right next to it: 合作 the parties listed right after 与 (与A、B等企业合作), 组织 the
# list right after it (组织|天桥音乐剧演出季, not 组织参与…).
_BARE_PARTNER_CUES = ("合作",)
_BARE_HOST_CUES = ("组织",)
_BARE_CUES = ((R.PARTNERS_WITH, _BARE_PARTNER_CUES), (R.HOSTS, _BARE_HOST_CUES))
# the issuer has somebody else do it (鼓励开发区|建立, 支持白石山镇|举办): the agent right before the cue
_AGENT = re.compile(r"(?:支持|鼓励|引导|帮助|指导|推动|督促)([^,，;；:：。、“”\"等和与]{1,10})$")

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
# 建成 a school, a hospital or a hall is building work, not setting up an organization
_FACILITY = re.compile(r"(?:学校|中学|小学|学院|大学|幼儿园|医院|卫生院|馆|小屋)$")
_BUILD_CUES = frozenset({"建成"})
# between a programme and the cue that closes its clause: a note mark, adverbs (林长制〔4〕全面推行)
_PASSIVE_GAP = re.compile(r"(?:[〔\[【(（]\d+[〕\]】)）])?(?:深入|全面|扎实|持续|有序|稳步|有效|加快|顺利|已|正式|得到|逐步|进一步)*")

# hosts: between the events and a cue that follows them: 等, the venue, an adverb (…等在清苑成功|举办)
_HOSTED_GAP = re.compile(r"等?(?:[在于][^,，;；:：。、等]{1,8})?(?:相继|先后|成功|顺利|圆满|隆重|陆续)*")
# 党的二十大召开以来, …召开之年, 以…召开为契机: a date or an occasion, not a report of hosting
_NOT_HOSTING = re.compile(r"以来|之|期间|前后|后|为|的|精神")

# locatedIn: what may stand between the things that settle and the cue (…等15家机构相继|揭牌|签约 落户);
# a programme or a fund that lands (落地) with no place named is put into effect, it does not settle
_MOVER_GAP = re.compile(r"(?:等[^,，;；。]{0,10}|[^,，;；。等]{0,5})")
_LANDING_CUES = frozenset({"落地"})

# lists: between members of a list of objects (A、B和C), or an area and its qualifier; the words
# that open an unrecognised part of the next member's name (A、第四届河北省“B”比赛, A、庆祝B)
_LIST_GAP = re.compile(r"[、和及与,，“”\"\s]*|以及")
_LIST_MARK = re.compile(r"以及|[、和及与]")
_MEMBER_OPENING = re.compile(r"(?:首届|第[一二三四五六七八九十\d]+届)[^,，;；。、]{0,6}|庆祝|纪念")
_UNNAMED_MEMBER = 10  # longest member of a list that the mention stage did not recognise

def relate(doc: Doc, *, gazetteer: Gazetteer, rules: Rules) -> Doc:
    """Stage: relations from the text, from names, and from the gazetteer's hierarchy."""
    keys = _mention_keys(doc)
    found: dict[tuple[R, str, str, int], Relation] = {}

    def add(rel: Relation) -> None:
        if rel.subject == rel.object:
            return
        if rel.kind == R.PARTNERS_WITH and rel.subject > rel.object:
            rel = replace(rel, subject=rel.object, object=rel.subject)
        if rel.derived and any(r.kind == rel.kind and r.subject == rel.subject and r.object == rel.object
                               for r in found.values()):
            return  # the text already states it
        k = (rel.kind, rel.subject, rel.object, rel.sentence)
        old = found.get(k)
        if old is None or (old.planned and not rel.planned):
            found[k] = rel

    issuer = area_key(doc.meta.issuer_code) if doc.meta.issuer_code else ""
    for s_index, sentence in enumerate(doc.sentences):
        members = [(i, m) for i, m in _mentions_in(doc, sentence.start, sentence.end) if i in keys]
        planned_section = sentence.section == "plan"
        clauses = [(c.start(), c.end()) for c in _CLAUSE.finditer(doc.norm, sentence.start, sentence.end)]
        for n, (c_start, c_end) in enumerate(clauses):
            in_clause = [(i, m) for i, m in members if c_start <= m.start and m.end <= c_end]
            # a list of areas grouped by province runs on into the next clauses (支持河北A、B,内蒙古C和D…)
            for nxt_start, nxt_end in clauses[n + 1 :]:
                nxt = [(i, m) for i, m in members if nxt_start <= m.start and m.end <= nxt_end]
                if not nxt or nxt[0][1].label != C.AREA or doc.norm[nxt_start : nxt[0][1].start].strip():
                    break
                in_clause += [(i, m) for i, m in nxt if m.label == C.AREA]
                c_end = nxt_end
            for rel in _clause_relations(doc, rules, in_clause, members, keys, issuer, c_start, c_end,
                                         s_index, planned_section):
                add(rel)
        for rel in _written_hierarchy(members, keys, gazetteer, s_index, sentence.start, sentence.end):
            add(rel)
    for rel in _name_locations(doc, keys):
        add(rel)
    entities, chain = _gazetteer_chain(doc, gazetteer)
    for rel in chain:
        add(rel)
    relations = tuple(sorted(found.values(), key=lambda r: (r.kind, r.subject, r.object, r.sentence, r.start)))
    return replace(doc, entities=entities, relations=relations)


def _mention_keys(doc: Doc) -> dict[int, str]:
    return {index: e.key for e in doc.entities for index in e.mentions}


def _mentions_in(doc: Doc, start: int, end: int) -> list[tuple[int, Mention]]:
    return [(i, m) for i, m in enumerate(doc.mentions) if start <= m.start and m.end <= end and m.rule != "nested"]


def _clause_relations(doc: Doc, rules: Rules, in_clause: list[tuple[int, Mention]], sentence_members: list[tuple[int, Mention]],
                      keys: dict[int, str], issuer: str, c_start: int, c_end: int, s_index: int,
                      planned_section: bool) -> list[Relation]:
    text = doc.norm
    out: list[Relation] = []
    covered: list[tuple[int, int]] = [(m.start, m.end) for _, m in in_clause]
    for kind, cues in [*rules.cues.items(), *_BARE_CUES]:
        for cue in cues:
            pos = text.find(cue, c_start, c_end)
            while pos != -1:
                cue_end = pos + len(cue)
                inside_name = any(s <= pos and cue_end <= e for s, e in covered)
                negated = bool(_NEGATION.search(text[max(c_start, pos - 12) : pos]))
                if not inside_name and not negated:
                    planned = planned_section or any(w in text[c_start:pos] for w in rules.planned)
                    out += _cue_relations(doc, kind, cue, pos, cue_end, in_clause, sentence_members, keys, issuer,
                                          c_start, c_end, s_index, planned)
                pos = text.find(cue, cue_end, c_end)
    return out


def _cue_relations(doc: Doc, kind: R, cue: str, pos: int, cue_end: int, in_clause: list[tuple[int, Mention]],
                   sentence_members: list[tuple[int, Mention]], keys: dict[int, str], issuer: str,
                   c_start: int, c_end: int, s_index: int, planned: bool) -> list[Relation]:
    text = doc.norm
    before = [(i, m) for i, m in in_clause if m.end <= pos]
    after = [(i, m) for i, m in in_clause if m.start >= cue_end]
    subject = _subject(before, keys, issuer, c_start, text)
    if kind in (R.ESTABLISHES, R.HOSTS):
        agent = _AGENT.search(text, max(c_start, pos - 12), pos)
        if agent:  # 支持白石山镇举办…: the area does it; 鼓励开发区建立…: somebody other than the issuer
            doer = next(((i, m) for i, m in before if m.start == agent.start(1) and m.end == pos and m.label in SUBJECTS),
                        None)
            subject = "" if doer is None else issuer if doer[1].rule == "coref" else keys[doer[0]]
    objects: list[tuple[R, int, Mention]] = []
    if kind == R.PARTNERS_WITH and cue in _BARE_PARTNER_CUES:
        if _NOT_PARTNERSHIP.match(text, cue_end):
            return []
        objects = [(kind, i, m) for i, m in _drop_qualifiers(_counterparts(text, before, pos, c_start))]
    elif kind in (R.PARTNERS_WITH, R.ASSISTS):
        party = [(i, m) for i, m in before if _PARTY.search(text[c_start : m.start])]
        found = [(i, m) for i, m in party if m.label in OBJECTS[kind]]
        if kind == R.ASSISTS and not found:
            found = [(i, m) for i, m in after if m.label in OBJECTS[kind]]
        first = _COUNTERPART.search(text, c_start, pos)
        if kind == R.PARTNERS_WITH and first and _THIRD_PARTIES.search(text, c_start, first.start()):
            found = []  # 支持开发区与北京大学共建: others partner
        elif kind == R.PARTNERS_WITH and not found and cue in _SIGNING_CUES:
            # A、B等项目签约: the parties listed right before sign with the issuer (they open the clause)
            found = [(i, m) for i, m in _list_before(before, pos, text) if m.label == C.ORGANIZATION]
            subject = issuer
        objects = [(kind, i, m) for i, m in _drop_qualifiers(found)]
    elif kind == R.LOCATED_IN:
        return _settlements(doc, cue, pos, cue_end, before, after, keys, issuer, s_index, planned)
    elif kind == R.SUPPORTS:
        objects = _support_objects(text, cue, pos, cue_end, before, after, c_end)
    elif kind == R.ESTABLISHES:
        for i, m in after:
            if text[m.start - 1] == "以" or _COUNTED_BEFORE.search(text, max(0, m.start - 24), m.start) \
                    or _COUNTED_AFTER.match(text, m.end):
                continue  # 以X为核心…; 组建教育集团4个, 建成2个X: a role, or generic facilities counted
            if _QUALIFIED.match(text, m.end):
                if m.label == C.PROGRAM and m.rule == "quote" and not _QUALIFIED_AT_LENGTH.match(text, m.end):
                    objects.append((R.IMPLEMENTS, i, m))  # 建立“一委七办三中心”大部制工作体制
                continue  # the name only qualifies the institution that is set up
            if m.label == C.PROGRAM and _INSTITUTION.search(m.name or m.text):
                objects.append((R.IMPLEMENTS, i, m))  # 建立…制度/机制: a programme put into effect
            elif m.label in OBJECTS[kind] and not (cue in _BUILD_CUES and _FACILITY.search(m.name or m.text)):
                objects.append((kind, i, m))
    elif kind == R.IMPLEMENTS:
        objects = [(kind, i, m) for i, m in after if m.label in OBJECTS[kind]]  # 落实《决议》 runs no programme
        if not objects and before and before[-1][1].label == C.PROGRAM and _CLAUSE_END.match(text, cue_end) \
                and _PASSIVE_GAP.fullmatch(text, before[-1][1].end, pos):
            objects = [(kind, *before[-1])]  # 林长制〔4〕全面推行, 文化惠民工程深入实施
    elif kind == R.HOSTS:
        objects = _hosted(text, cue, pos, cue_end, before, after)
        if objects and objects[-1][2].end <= pos:  # A、B等在清苑成功举办: hosted where the text says
            subject = _venue(text, before, objects[-1][2].end, pos, keys) or subject
    else:
        objects = [(kind, i, m) for i, m in after if m.label in OBJECTS[kind]]
    if not subject:
        return []
    out = []
    for rel_kind, index, m in objects:
        target = issuer if m.rule == "coref" else keys[index]  # 门头沟区与我县…, 对口帮扶我县
        if target:
            out.append(Relation(rel_kind, subject, target, s_index, min(pos, m.start), max(cue_end, m.end), cue,
                                planned))
    return out


def _support_objects(text: str, cue: str, pos: int, cue_end: int, before: list[tuple[int, Mention]],
                     after: list[tuple[int, Mention]], c_end: int) -> list[tuple[R, int, Mention]]:
    """支持/助力 the list right after the cue (支持A、B和C); help towards 脱贫 is assistance as well
    as support. 服务保障 takes the events listed before it (…峰会等重大活动服务保障) or right after it."""
    listed = _list_after(after, cue_end, text)
    if cue in _SERVICE_CUES:
        events = [(i, m) for i, m in listed if m.label == C.EVENT]
        if not events and not listed and _SERVICE_END.match(text, cue_end):
            events = [(i, m) for i, m in _list_before(before, pos, text) if m.label == C.EVENT]
        return [(R.SUPPORTS, i, m) for i, m in events]
    parties = _drop_qualifiers([(i, m) for i, m in listed if m.label in OBJECTS[R.SUPPORTS]])
    out = [(R.SUPPORTS, i, m) for i, m in parties]
    if _AID_CONTEXT.search(text, cue_end, c_end):
        out += [(R.ASSISTS, i, m) for i, m in parties if m.label in OBJECTS[R.ASSISTS]]
    return out


def _counterparts(text: str, before: list[tuple[int, Mention]], pos: int, c_start: int) -> list[tuple[int, Mention]]:
    """与A、B等企业(深度)合作: the list right after the last 与/同/跟 of the clause, when only a few
    words (等…企业, 通力, 开展“3+2”) stand between it and the bare cue at ``pos``."""
    preps = list(_COUNTERPART.finditer(text, c_start, pos))
    if not preps or _THIRD_PARTIES.search(text, c_start, preps[-1].start()):
        return []
    listed = _list_after([(i, m) for i, m in before if m.start >= preps[-1].end()], preps[-1].end(), text)
    parties = [(i, m) for i, m in listed if m.label in OBJECTS[R.PARTNERS_WITH]]
    if not parties or not _PARTNER_GAP.fullmatch(text, listed[-1][1].end, pos):
        return []
    return parties


def _hosted(text: str, cue: str, pos: int, cue_end: int, before: list[tuple[int, Mention]],
            after: list[tuple[int, Mention]]) -> list[tuple[R, int, Mention]]:
    """举办 every event after the cue; 组织 only the list right after it. With no event after the
    cue, the events listed right before it are hosted (A、B等在清苑成功举办)."""
    listed = _list_after(after, cue_end, text)
    out = [(R.HOSTS, i, m) for i, m in (listed if cue in _BARE_HOST_CUES else after) if m.label == C.EVENT]
    if not out and not _NOT_HOSTING.match(text, cue_end):
        events = [(i, m) for i, m in before if m.label == C.EVENT]
        if events and _HOSTED_GAP.fullmatch(text, events[-1][1].end, pos):
            out = [(R.HOSTS, i, m) for i, m in _list_before(events, events[-1][1].end, text)]
    return sorted(out, key=lambda o: o[2].start)


def _venue(text: str, before: list[tuple[int, Mention]], start: int, pos: int, keys: dict[int, str]) -> str:
    """The area named after 在/于 between ``start`` and the cue at ``pos`` (…等在清苑成功举办)."""
    for i, m in before:
        if start <= m.start and m.end <= pos and m.label == C.AREA and text[m.start - 1] in "在于":
            return keys[i]
    return ""


def _list_after(after: list[tuple[int, Mention]], cue_end: int, text: str) -> list[tuple[int, Mention]]:
    """The mentions that follow ``cue_end`` one after another, joined only by list marks (A、B和C)."""
    out: list[tuple[int, Mention]] = []
    end = cue_end
    for i, m in after:
        if not _joined(text[end : m.start], first=not out):
            break
        out.append((i, m))
        end = m.end
    return out


def _list_before(before: list[tuple[int, Mention]], pos: int, text: str) -> list[tuple[int, Mention]]:
    """The list that ends right before the cue at ``pos`` (A、B等15家机构 | 落户)."""
    if not before or not _MOVER_GAP.fullmatch(text[before[-1][1].end : pos]):
        return []
    out = [before[-1]]
    for i, m in reversed(before[:-1]):
        if not _joined(text[m.end : out[0][1].start]):
            break
        out.insert(0, (i, m))
    return out


def _joined(gap: str, *, first: bool = False) -> bool:
    """Whether ``gap`` only joins two members of a list: list marks (、 和 及), or members that are not
    recognised as names (A、光大云缴费、C), or the words that open the next one's name (A、第四届
    河北省“B”比赛, A、庆祝B). Right after the cue (``first``) only list marks pass."""
    if _LIST_GAP.fullmatch(gap):
        return True
    pieces = _LIST_MARK.split(gap)
    return not first and len(pieces) > 1 and not pieces[0].strip("“”\"") and all(
        0 < len(p) <= _UNNAMED_MEMBER and not _CLAUSE_BREAK.search(p) for p in pieces[1:-1]) \
        and (not pieces[-1].strip("“”\"") or bool(_MEMBER_OPENING.fullmatch(pieces[-1])))


def _settlements(doc: Doc, cue: str, pos: int, cue_end: int, before: list[tuple[int, Mention]],
                 after: list[tuple[int, Mention]], keys: dict[int, str], issuer: str, s_index: int,
                 planned: bool) -> list[Relation]:
    """A、B等企业落户(河北阜平): every thing listed right before the cue settles in the most specific
    area named after it, or in the issuer's own area when none is named."""
    movers = [(i, m) for i, m in _list_before(before, pos, doc.norm)
              if m.label in (C.ORGANIZATION, C.PROGRAM, C.EVENT, C.PLACE)]
    places: list[tuple[int, Mention]] = []
    for i, m in after:
        if m.label not in OBJECTS[R.LOCATED_IN] or (places and m.start > places[-1][1].end + 1):
            break
        places.append((i, m))
    if cue in _LANDING_CUES and not places:
        # 抓好…产业基金落地: a programme or a fund that lands is put into effect, it does not settle
        movers = [(i, m) for i, m in movers if m.label in (C.ORGANIZATION, C.PLACE)]
    if not movers:
        return []
    target = keys[places[-1][0]] if places else issuer
    if not target:
        return []
    last = places[-1][1] if places else None
    return [Relation(R.LOCATED_IN, keys[i], target, s_index, min(m.start, pos),
                     max(cue_end, last.end if last else cue_end), cue, planned) for i, m in movers if m.rule != "coref"]


def _subject(before: list[tuple[int, Mention]], keys: dict[int, str], issuer: str, c_start: int, text: str) -> str:
    """An area or organization that opens the clause (the last of a written hierarchy such as
    北京市东城区), else the issuer."""
    for n, (index, m) in enumerate(before):
        if m.label in SUBJECTS and not text[c_start : m.start].strip(" “”\""):
            if m.rule == "coref":
                return issuer
            while n + 1 < len(before) and before[n + 1][1].start == m.end and before[n + 1][1].label == C.AREA \
                    and m.label == C.AREA and before[n + 1][1].rule != "coref":
                n += 1
                index, m = before[n]
            return keys[index]
    return issuer


def _drop_qualifiers(objects: list[tuple[int, Mention]]) -> list[tuple[int, Mention]]:
    """In 河北张北县 the province qualifies the county; it is not a party of its own."""
    keep = []
    for n, (index, m) in enumerate(objects):
        nxt = objects[n + 1][1] if n + 1 < len(objects) else None
        if nxt is not None and nxt.start == m.end and m.label == C.AREA and nxt.label == C.AREA:
            continue
        keep.append((index, m))
    return keep


def _written_hierarchy(members: list[tuple[int, Mention]], keys: dict[int, str], gaz: Gazetteer,
                       s_index: int, start: int, end: int) -> list[Relation]:
    """河北阜平: an area written right after its parent is located in it (the text says so)."""
    out = []
    for (i, a), (j, b) in zip(members, members[1:]):
        if a.label == C.AREA and b.label == C.AREA and a.end == b.start and a.code and b.code:
            if a.code in gaz.ancestors(b.code):
                out.append(Relation(R.LOCATED_IN, keys[j], keys[i], s_index, a.start, b.end, "", False))
    del start, end
    return out


def _name_locations(doc: Doc, keys: dict[int, str]) -> list[Relation]:
    """北京市西城区人民法院 is located in 西城区: an area written at the head of a name."""
    out = []
    outer = [(i, m) for i, m in enumerate(doc.mentions) if m.rule != "nested" and m.label in (C.ORGANIZATION, C.PLACE)]
    nested = [m for m in doc.mentions if m.rule == "nested" and m.code]
    for index, m in outer:
        inner = [n for n in nested if m.start <= n.start and n.end <= m.end]
        if inner and index in keys:
            area = inner[-1]
            s_index = doc.sentence_at(m.start)
            out.append(Relation(R.LOCATED_IN, keys[index], area_key(area.code), s_index, m.start, m.end, "", False))
    return out


def _gazetteer_chain(doc: Doc, gaz: Gazetteer) -> tuple[tuple[Entity, ...], list[Relation]]:
    """Every area's parents become entities (without mentions) linked by derived ``locatedIn``."""
    entities = {e.key: e for e in doc.entities}
    relations = []
    nested_codes = {m.code for m in doc.mentions if m.rule == "nested" and m.code}
    for code in nested_codes:
        key = area_key(code)
        if key not in entities:
            area = gaz.areas[code]
            entities[key] = Entity(key, C.AREA, area.name, (), (), area.code, area.level)
    for key in sorted(k for k, e in entities.items() if e.label == C.AREA and k.startswith("area:")):
        code = key[len("area:") :]
        if code not in gaz.areas:
            continue
        chain = [code, *gaz.ancestors(code)]
        for child, parent in zip(chain, chain[1:]):
            parent_key = area_key(parent)
            if parent_key not in entities:
                area = gaz.areas[parent]
                entities[parent_key] = Entity(parent_key, C.AREA, area.name, (), (), area.code, area.level)
            relations.append(Relation(R.LOCATED_IN, area_key(child), parent_key, -1, 0, 0, "", False, True))
    return tuple(entities[k] for k in sorted(entities)), relations
