"""relations: cue words → typed relations with evidence; subjects, lists, planned, negation."""

from __future__ import annotations

import pytest

from conftest import ISSUER, PLAN, TINY, relation_set

LY = "涞源县"  # the issuer of the fixed header


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason="bug: " + reason)


def stated(doc) -> set[tuple[str, str, str, bool]]:  # type: ignore[no-untyped-def]
    """Relations stated in the text, partnersWith with its ends in name order (it is symmetric)."""
    out = set()
    for kind, s, o, planned in relation_set(doc):
        if kind == "partnersWith":
            s, o = sorted((s, o))
        out.add((kind, s, o, planned))
    return out


def pw(a: str, b: str, planned: bool = False) -> tuple[str, str, str, bool]:
    x, y = sorted((a, b))
    return ("partnersWith", x, y, planned)


# sentence → relations that must be stated (kind, subject, object, planned)
STATED = [
    # partnersWith, from cue words, with the issuer as implicit or pronominal subject
    ("我县与门头沟区签订合作协议。", {pw(LY, "门头沟区")}),
    ("与门头沟区签订合作协议。", {pw(LY, "门头沟区")}),
    ("我们与天津市蓟州区开展战略合作。", {pw(LY, "蓟州区")}),
    ("与北京大学、清华大学和中国农业大学签订合作协议。",
     {pw(LY, "北京大学"), pw(LY, "清华大学"), pw(LY, "中国农业大学")}),
    ("涞源县人民医院与河北大学签订合作协议。", {pw("涞源县人民医院", "河北大学")}),
    # assists (helper → helped)
    ("东城区对口支援涞源县。", {("assists", "东城区", LY, False)}),
    ("助力河北阜平实现脱贫。", {("assists", LY, "阜平县", False), ("locatedIn", "阜平县", "河北省", False)}),
    ("对口帮扶河北张北县和阜平县。", {("assists", LY, "张北县", False), ("assists", LY, "阜平县", False)}),
    # the other six kinds
    ("支持白石山镇发展特色农业。", {("supports", LY, "白石山镇", False)}),
    ("白石山景区位于白石山镇。", {("locatedIn", "白石山景区", "白石山镇", False)}),
    ("涞源县文化旅游发展中心落户白石山镇。", {("locatedIn", "涞源县文化旅游发展中心", "白石山镇", False)}),
    ("成立涞源县文化旅游发展中心。", {("establishes", LY, "涞源县文化旅游发展中心", False)}),
    ("成功举办白石山登山节。", {("hosts", LY, "白石山登山节", False)}),
    ("出台《涞源县全域旅游发展实施方案》。", {("enacts", LY, "涞源县全域旅游发展实施方案", False)}),
    ("新（修）订《政府工作规则》《重大决策制度实施办法》。",
     {("enacts", LY, "政府工作规则", False), ("enacts", LY, "重大决策制度实施办法", False)}),
    ("中国华电和中铁二局三级子公司落户涞源。",
     {("locatedIn", "中国华电", LY, False), ("locatedIn", "中铁二局", LY, False)}),
    ("深入实施“清山绿水”专项行动。", {("implements", LY, "清山绿水专项行动", False)}),
    # planned (将, 力争, this year's plan) vs achieved
    ("我们将与门头沟区签订合作协议。", {pw(LY, "门头沟区", True)}),
    ("力争与门头沟区签订合作协议。", {pw(LY, "门头沟区", True)}),
    (PLAN + "与门头沟区签订合作协议，筹备举办太行山康养论坛。",
     {pw(LY, "门头沟区", True), ("hosts", LY, "太行山康养论坛", True)}),
    # implements: a programme; 建立…制度/机制 puts a rule into effect (implements, not establishes)
    ("建立企业家早餐会制度。", {("implements", LY, "企业家早餐会制度", False)}),
    ("建立“一委七办三中心”大部制工作体制。", {("implements", LY, "一委七办三中心", False)}),
    ("建立“四位一体”联动服务机制。", {("implements", LY, "四位一体联动服务机制", False)}),
    # establishes: organizations and funds or platforms
    ("设立产业发展扶持专项资金。", {("establishes", LY, "产业发展扶持专项资金", False)}),
    # supports the list right after the cue; help towards 脱贫 is both support and assistance
    ("支持河北张北县、阜平县脱贫攻坚。",
     {("supports", LY, "张北县", False), ("supports", LY, "阜平县", False),
      ("assists", LY, "张北县", False), ("assists", LY, "阜平县", False)}),
    ("做好太行山康养论坛等重大活动服务保障。", {("supports", LY, "太行山康养论坛", False)}),
    # locatedIn: every member of the list right before 落户/入驻 (unrecognised members in between)
    ("河北大学、保定学院等机构入驻白石山镇。",
     {("locatedIn", "河北大学", "白石山镇", False), ("locatedIn", "保定学院", "白石山镇", False)}),
    # …and the firms whose headquarters are listed
    ("中资信创总部、中汽新能总部等央企资源实质性落地。",
     {("locatedIn", "中资信创", LY, False), ("locatedIn", "中汽新能", LY, False)}),
    # hosts: every event listed after one cue; 开展 and 办好 an event host it
    ("举办白石山登山节、太行山康养论坛等活动。",
     {("hosts", LY, "白石山登山节", False), ("hosts", LY, "太行山康养论坛", False)}),
    ("开展白石山登山节等活动。", {("hosts", LY, "白石山登山节", False)}),
    (PLAN + "办好太行山康养论坛。", {("hosts", LY, "太行山康养论坛", True)}),
    # an explicit subject opening the clause beats the issuer
    ("白石山镇成功举办白石山登山节。", {("hosts", "白石山镇", "白石山登山节", False)}),
    # …and so does the area the issuer supports in doing it (支持白石山镇|举办); 我县 is the issuer
    ("支持白石山镇举办白石山登山节。", {("hosts", "白石山镇", "白石山登山节", False)}),
    ("支持我县举办白石山登山节。", {("hosts", LY, "白石山登山节", False)}),
    # partnersWith from bare 合作: the parties listed right after 与, a few words before the cue
    ("与河北大学、保定学院等高校深度合作。", {pw(LY, "河北大学"), pw(LY, "保定学院")}),
    ("与河北大学开展“3+2”合作办学。", {pw(LY, "河北大学")}),
    ("我们将与河北大学、保定学院深度合作。", {pw(LY, "河北大学", True), pw(LY, "保定学院", True)}),
    ("推动与门头沟区通力合作。", {pw(LY, "门头沟区", True)}),
    ("门头沟区与北京大学合作共建实验室。", {pw("门头沟区", "北京大学")}),
    # 签约 with the parties listed before it: they sign with the issuer (and settle in its area)
    ("河北大学、保定学院等项目签约落地。",
     {pw(LY, "河北大学"), pw(LY, "保定学院"), ("locatedIn", "河北大学", LY, False),
      ("locatedIn", "保定学院", LY, False)}),
    # hosts: 组织 the event right after it; quoted activities; events listed before the cue
    ("组织白石山登山节。", {("hosts", LY, "白石山登山节", False)}),
    ("白石山登山节成功举办。", {("hosts", LY, "白石山登山节", False)}),
    ("白石山登山节、太行山康养论坛等在白石山镇成功举办。",
     {("hosts", "白石山镇", "白石山登山节", False), ("hosts", "白石山镇", "太行山康养论坛", False)}),
    # services to events listed before the cue; 庆祝 opens the next member's name
    ("做好白石山登山节、庆祝涞源建县70周年等重大活动服务保障。",
     {("supports", LY, "白石山登山节", False), ("supports", LY, "涞源建县70周年", False)}),
    # a programme before the cue that closes its clause (a note mark and adverbs in between)
    ("林长制〔4〕全面推行，人工造林3.2万亩。", {("implements", LY, "林长制", False)}),
    ("“清河行动”深入实施。", {("implements", LY, "清河行动", False)}),
    # a quoted programme that qualifies the rule of conduct set up is a programme put into effect
    ("建立“三级联动”综合执法体制。", {("implements", LY, "三级联动", False)}),
    # assists: 援藏/援疆/援青 name the aided province by its one-character abbreviation
    ("做好援藏援疆等工作。", {("assists", LY, "西藏自治区", False), ("assists", LY, "新疆维吾尔自治区", False)}),
    (PLAN + "继续做好援青工作。", {("assists", LY, "青海省", True)}),
    # implements: 打好/打响 a campaign named as a battle
    ("打好“三大攻坚战”。", {("implements", LY, "三大攻坚战", False)}),
    ("全面打响文物腾退攻坚战。", {("implements", LY, "文物腾退攻坚战", False)}),
    # implements: the programme itself, not a step of procedure (申报), is still reached before 建设
    ("启动国家级全域旅游示范区建设。", {("implements", LY, "国家级全域旅游示范区", False)}),
    # locatedIn: a cue that closes the phrase settles in the issuer's own area
    ("中国建筑集团有限公司等3家企业落户。", {("locatedIn", "中国建筑集团有限公司", LY, False)}),
    # known-bad cases
    ("门头沟区与我县签订合作协议。", {pw(LY, "门头沟区")}),
    ("北京市东城区对口帮扶我县。", {("assists", "东城区", LY, False)}),
    ("与中国建筑集团有限公司、河北大学和保定学院开展战略合作。",
     {pw(LY, "中国建筑集团有限公司"), pw(LY, "河北大学"), pw(LY, "保定学院")}),
]


@pytest.mark.parametrize(("sentence", "expected"), STATED)
def test_relations_stated(make_doc, sentence: str, expected: set[tuple[str, str, str, bool]]) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(sentence, upto="relations")
    got = stated(doc)
    assert expected <= got, f"missing {expected - got}; got {sorted(got)}"


# sentence → relations that must NOT be stated (kind, subject, object) in any planned state
NOT_STATED = [
    ("不再举办白石山音乐节。", {("hosts", LY, "白石山音乐节")}),
    ("没有实施“清河行动”。", {("implements", LY, "清河行动")}),
    ("与门头沟区的交流日益密切。", {("partnersWith", "门头沟区", LY), ("partnersWith", LY, "门头沟区")}),
    ("未与门头沟区签订合作协议。", {("partnersWith", "门头沟区", LY), ("partnersWith", LY, "门头沟区")}),
    ("我县与北京市东城区签订合作协议。", {("partnersWith", "北京市", LY), ("partnersWith", LY, "北京市")}),
    ("对口帮扶河北张北县。", {("assists", LY, "河北省")}),
    # implements reaches programmes only: a document that is 落实 is enacted elsewhere, not run
    ("落实《涞源县全域旅游发展实施方案》。", {("implements", LY, "涞源县全域旅游发展实施方案")}),
    ("建立企业家早餐会制度。", {("establishes", LY, "企业家早餐会制度")}),
    # 建成 a school is building work
    ("建成涞源县第一中学。", {("establishes", LY, "涞源县第一中学")}),
    # supports: not a party named further on in the clause, not a programme
    ("支持开发区与北京大学共建实验室。", {("supports", LY, "北京大学")}),
    ("以服务保障重大活动为契机深化“清河行动”。", {("supports", LY, "清河行动")}),
    # 落实 a meeting's decisions is not hosting it
    ("落实中央经济工作会议精神。", {("hosts", LY, "中央经济工作会议")}),
    # locatedIn: 落地 said of the tasks of a programme, not of the programme settling
    ("“清河行动”各项具体任务全面落地。", {("locatedIn", "清河行动", LY)}),
    # 服务 as a noun (…的服务体系) serves nothing; a fund that lands (落地) is run, it does not settle
    ("完善太行山康养论坛一体的服务体系。", {("supports", LY, "太行山康养论坛")}),
    ("抓好白石山产业基金落地。", {("locatedIn", "白石山产业基金", LY)}),
    # implements: what the programme does, or its tasks, are not the programme being run
    ("“清河行动”各项任务全面推进。", {("implements", LY, "清河行动")}),
    ("“清河行动”推进白石山镇建设。", {("implements", LY, "清河行动")}),
    # the issuer has others do it: not the issuer's own hosting or setting up
    ("支持白石山镇举办白石山登山节。", {("hosts", LY, "白石山登山节")}),
    ("鼓励企业举办白石山登山节。", {("hosts", LY, "白石山登山节")}),
    ("鼓励开发区建立产业发展扶持专项资金。", {("establishes", LY, "产业发展扶持专项资金")}),
    # partnersWith: the issuer encourages others to partner; bare 合作 negated; 合作 far from 与
    ("支持开发区与北京大学共建实验室。", {("partnersWith", "北京大学", LY), ("partnersWith", LY, "北京大学")}),
    ("引导企业与河北大学加强合作。", {("partnersWith", "河北大学", LY), ("partnersWith", LY, "河北大学")}),
    ("未与河北大学合作。", {("partnersWith", "河北大学", LY), ("partnersWith", LY, "河北大学")}),
    ("与河北大学的交流日益密切，推动区域合作。", {("partnersWith", "河北大学", LY), ("partnersWith", LY, "河北大学")}),
    # hosts: 组织参与 is taking part; an event's date or occasion is not its hosting
    ("组织参与白石山登山节。", {("hosts", LY, "白石山登山节")}),
    ("以党的二十大胜利召开为契机。", {("hosts", LY, "党的二十大")}),
    ("党的二十大召开之年。", {("hosts", LY, "党的二十大")}),
    ("太行山康养论坛召开以来。", {("hosts", LY, "太行山康养论坛")}),
    # establishes: a role (以X为核心), a count of facilities, a detail of a longer description
    ("组建了以涞源县第一中学为核心示范校的职教联盟。", {("establishes", LY, "涞源县第一中学")}),
    ("组建教育集团4个。", {("establishes", LY, "教育集团")}),
    ("建成“四好农村路”35.8公里。", {("establishes", LY, "四好农村路")}),
    # …nor does a body named by numbers: it is the programme of setting such bodies up
    ("建立“一委七办三中心”大部制工作体制。", {("establishes", LY, "一委七办三中心")}),
    ("建成3处城市书房、2个“山东手造”品牌展示体验中心。", {("establishes", LY, "品牌展示体验中心")}),
    ("建立“预防、医疗、康复”五位一体的健康养老服务模式。",
     {("establishes", LY, "预防、医疗、康复"), ("implements", LY, "预防、医疗、康复")}),
    ("建立涞源县文化旅游发展中心运行机制。",
     {("establishes", LY, "涞源县文化旅游发展中心"), ("implements", LY, "涞源县文化旅游发展中心")}),
    # assists: an aid cue that qualifies a noun (帮扶资源, 帮扶政策) names nobody helped
    ("主动对接帮扶资源和河北大学。", {("assists", LY, "河北大学")}),
    # 援 + an abbreviation only as aid (not 支援青年, 救援), and not negated
    ("支援青年创业。", {("assists", LY, "青海省")}),
    ("开展救援青年志愿活动。", {("assists", LY, "青海省")}),
    ("未开展援藏工作。", {("assists", LY, "西藏自治区")}),
    # implements: 打好/打响 reach battles only (a brand, a 组合拳 are no programme run)
    ("打响“清河行动”品牌。", {("implements", LY, "清河行动")}),
    # implements: 申报/筹备/换届 of a programme is a step of procedure, not the programme run
    ("启动国家级全域旅游示范区申报。", {("implements", LY, "国家级全域旅游示范区")}),
    # locatedIn: settled somewhere not recognised (落户雄安), or into places counted, not the issuer's area
    ("中国建筑集团有限公司落户雄安。", {("locatedIn", "中国建筑集团有限公司", LY)}),
    ("中国建筑集团有限公司入驻3个社区。", {("locatedIn", "中国建筑集团有限公司", LY)}),
]


@pytest.mark.parametrize(("sentence", "absent"), NOT_STATED)
def test_relations_not_stated(make_doc, sentence: str, absent: set[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(sentence, upto="relations")
    got = {(k, s, o) for k, s, o, _ in relation_set(doc)}
    assert not absent & got, f"stated {absent & got}"


def test_relations_carry_their_evidence(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("我县与门头沟区签订合作协议。", upto="relations")
    rel = next(r for r in doc.relations if r.kind.value == "partnersWith")
    sentence = doc.sentences[rel.sentence]
    assert sentence.text == "我县与门头沟区签订合作协议。"
    assert sentence.start <= rel.start < rel.end <= sentence.end
    assert "门头沟区" in doc.text[rel.start : rel.end] and rel.cue in doc.text[rel.start : rel.end]
    assert rel.cue.startswith("签订") and not rel.derived and not rel.planned


def test_relations_partners_are_stored_in_key_order_once_per_sentence(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("我县与门头沟区签订合作协议。我们同门头沟区签订合作协议。", upto="relations")
    partners = [r for r in doc.relations if r.kind.value == "partnersWith"]
    assert [(r.subject, r.object) for r in partners] == [("area:110109", ISSUER)] * 2  # symmetric: one direction
    assert [r.sentence for r in partners] == sorted({r.sentence for r in partners})  # one per stating sentence


def test_relations_planned_and_achieved_statements_are_told_apart(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("我们将与门头沟区签订合作协议。我县与门头沟区签订合作协议。", upto="relations")
    partners = [r for r in doc.relations if r.kind.value == "partnersWith"]
    by_sentence = {doc.sentences[r.sentence].text: r.planned for r in partners}
    assert by_sentence == {"我们将与门头沟区签订合作协议。": True, "我县与门头沟区签订合作协议。": False}


def test_relations_gazetteer_chain_is_derived(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("各位代表：\n支持白石山镇发展特色农业。", header="", upto="relations", issuer="涞源县")
    derived = {(r.subject, r.object) for r in doc.relations if r.derived}
    assert {("area:130630/白石山镇", ISSUER), (ISSUER, "area:130600"), ("area:130600", "area:130000")} <= derived
    for r in doc.relations:
        if r.derived:
            assert r.kind.value == "locatedIn" and r.sentence == -1
    # the parents are entities of the report, without mentions
    keys = {e.key: e for e in doc.entities}
    assert keys["area:130600"].name == "保定市" and keys["area:130600"].mentions == ()


def test_relations_written_hierarchy_is_stated_not_derived(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("助力河北阜平实现脱贫。", upto="relations")
    written = [r for r in doc.relations if r.kind.value == "locatedIn" and r.subject == "area:130624"
               and r.object == "area:130000" and not r.derived]
    assert len(written) == 1
    assert doc.text[written[0].start : written[0].end] == "河北阜平"


def test_relations_location_implied_by_a_name_is_marked_as_such(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("北京市西城区人民法院依法审理案件。助力河北阜平实现脱贫。", upto="relations")
    by_name = [r for r in doc.relations if r.by_name and r.start >= doc.meta.header_end]
    assert [(r.kind.value, r.object) for r in by_name] == [("locatedIn", "area:110102")]
    assert doc.text[by_name[0].start : by_name[0].end] == "北京市西城区人民法院"
    # the written hierarchy is stated by the text, not implied by a name
    assert not any(r.by_name for r in doc.relations if r.subject == "area:130624")


def test_relations_are_sorted(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(TINY.read_text(encoding="utf-8"), header="", upto="relations")
    order = [(r.kind, r.subject, r.object, r.sentence, r.start) for r in doc.relations]
    assert order == sorted(order) and len(order) == len(set(order))


@pytest.mark.parametrize("subject", ["我区", "区政府", "本区", "全区", "我们", ""])
def test_relations_issuer_pronouns_and_implicit_subjects(make_doc, subject: str) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(f"各位代表：\n一、2018年工作回顾\n{subject}与门头沟区签订合作协议。", header="", upto="relations",
                   issuer="北京市西城区", year=2019)
    assert doc.meta.issuer_code == "110102"
    assert ("partnersWith", "西城区", "门头沟区", False) in {
        (k, *sorted((s, o)), p) if k == "partnersWith" else (k, s, o, p) for k, s, o, p in relation_set(doc)}


def test_relations_an_explicit_subject_wins_over_the_issuer(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("东城区对口支援阜平县。", upto="relations")
    assists = {(s, o) for k, s, o, _ in relation_set(doc) if k == "assists"}
    assert assists == {("东城区", "阜平县")}


@pytest.mark.parametrize("sentence", [s for s, _ in STATED] + [s for s, _ in NOT_STATED])
def test_relations_objects_are_in_the_ontology_range(make_doc, sentence: str) -> None:  # type: ignore[no-untyped-def]
    from kg_build.relations import OBJECTS

    doc = make_doc(sentence, upto="relations")
    labels = {e.key: e.label for e in doc.entities}
    for r in doc.relations:
        if r.kind.value != "locatedIn":
            assert labels[r.object] in OBJECTS[r.kind], (r.kind.value, r.object)
