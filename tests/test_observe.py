"""observe: headline figures with indicator, area, period, value, unit, change and target flag."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import ISSUER, PLAN, TINY
from kg_build.observe import normalize, to_decimal


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason="bug: " + reason)


# (indicator, value, unit, change, change_unit, period, is_target); the header's year is 2023 and a
# snippet sits in the review of 2022 unless PLAN puts it in this year's plan
ROWS = [
    ("地区生产总值达到85.6亿元、增长5.2%。", ("地区生产总值", "85.6", "亿元", "5.2", "%", 2022, False)),
    ("一般公共预算收入下降3.1%。", ("一般公共预算收入增速", "-3.1", "%", "", "", 2022, False)),
    ("城镇登记失业率控制在3%以内。", ("城镇登记失业率", "3", "%", "", "", 2022, True)),
    ("新增就业三千人。", ("城镇新增就业", "3000", "人", "", "", 2022, False)),
    ("PM2.5平均浓度下降到38微克/立方米。", ("PM2.5年均浓度", "38", "微克/立方米", "", "", 2022, False)),
    ("2021年地区生产总值为80亿元。", ("地区生产总值", "80", "亿元", "", "", 2021, False)),
    (PLAN + "全县地区生产总值增长6%左右。", ("地区生产总值增速", "6", "%", "", "", 2023, True)),
    (PLAN + "一般公共预算收入增长5%。", ("一般公共预算收入增速", "5", "%", "", "", 2023, True)),
    ("全县地区生产总值完成85.6亿元，增长5.2%。", ("地区生产总值", "85.6", "亿元", "5.2", "%", 2022, False)),
    ("一般公共预算收入6.3亿元，下降3.1%。", ("一般公共预算收入", "6.3", "亿元", "-3.1", "%", 2022, False)),
    ("城镇登记失业率下降0.3个百分点。", ("城镇登记失业率", "-0.3", "百分点", "", "", 2022, False)),
    ("新增城镇就业一万二千人。", ("城镇新增就业", "12000", "人", "", "", 2022, False)),
]


# figures stated together: the pair's changes, the pair of a name that stands for two quantities
PAIR_ROWS = [
    ("城乡居民人均可支配收入分别达到42469元和26000元，分别同比增长5.8%和6.8%。",
     [("城镇居民人均可支配收入", "42469", "元", "5.8", "%", 2022, False),
      ("农村居民人均可支配收入", "26000", "元", "6.8", "%", 2022, False)]),
    ("城乡居民人均可支配收入分别完成25600元和12100元，增长10%和12%。",
     [("城镇居民人均可支配收入", "25600", "元", "10", "%", 2022, False),
      ("农村居民人均可支配收入", "12100", "元", "12", "%", 2022, False)]),
    ("金融机构存贷款余额分别达到370亿元、204亿元，较年初分别增长15.8%、14.7%。",
     [("金融机构存款余额", "370", "亿元", "15.8", "%", 2022, False),
      ("金融机构贷款余额", "204", "亿元", "14.7", "%", 2022, False)]),
    # two rates without values, one for each part; a target in the plan section
    (PLAN + "城乡居民人均可支配收入分别增长10%和12%以上。",
     [("城镇居民人均可支配收入增速", "10", "%", "", "", 2023, True),
      ("农村居民人均可支配收入增速", "12", "%", "", "", 2023, True)]),
    ("城乡居民人均可支配收入分别下降1.5%和2%。",
     [("城镇居民人均可支配收入增速", "-1.5", "%", "", "", 2022, False),
      ("农村居民人均可支配收入增速", "-2", "%", "", "", 2022, False)]),
    ("城乡居民人均可支配收入分别达到42469元和26000元。",  # no change stated: none invented
     [("城镇居民人均可支配收入", "42469", "元", "", "", 2022, False),
      ("农村居民人均可支配收入", "26000", "元", "", "", 2022, False)]),
]

# other counts: named by the words before the figure, by the thing named after it when those only
# say what was done (a verb, a list closed by 等, members of a list), or by the figure before it
COUNT_ROWS = [
    ("新增城市绿地8.37公顷。", ("新增城市绿地", "8.37", "公顷", "", "", 2022, False)),
    ("实施52个帮扶项目。", ("帮扶项目", "52", "个", "", "", 2022, False)),
    ("加快推进12个老旧小区改造。", ("老旧小区改造", "12", "个", "", "", 2022, False)),
    ("整治东大街、西大街等7条街巷。", ("街巷", "7", "条", "", "", 2022, False)),
    ("12个社区完成改造。", ("社区", "12", "个", "", "", 2022, False)),
    ("新建东园、西园2处城市森林。", ("城市森林", "2", "处", "", "", 2022, False)),
    ("打造10个“数字领航”企业。", ("数字领航企业", "10", "个", "", "", 2022, False)),
    ("对85项改革任务立项分解。", ("改革任务立项分解", "85", "项", "", "", 2022, False)),
    ("制定8类37项问题清单。", ("问题清单", "37", "项", "", "", 2022, False)),
    ("翻建平房8841间、12.4万平方米。", ("翻建平房", "12.4", "万平方米", "", "", 2022, False)),
    ("认定监测对象1969户4700人。", ("认定监测对象", "4700", "人", "", "", 2022, False)),
    ("完成国有建设用地、划拨用地等供地100宗。", ("供地", "100", "宗", "", "", 2022, False)),
    ("完成营造林3195万亩。", ("营造林", "3195", "万亩", "", "", 2022, False)),
    ("森林覆盖率提高到50.03%。", ("森林覆盖率", "50.03", "%", "", "", 2022, False)),
    ("可再生能源装机比重由47.6%提升至73.4%。", ("可再生能源装机比重", "73.4", "%", "", "", 2022, False)),
    ("可再生能源装机比重由47.6%提升至73.4%。", ("可再生能源装机比重", "47.6", "%", "", "", 2017, False)),
    ("科技型中小企业从1.2万家增加到2.8万家。", ("科技型中小企业", "1.2", "万家", "", "", 2017, False)),
    ("科技型中小企业从1.2万家增加到2.8万家。", ("科技型中小企业", "2.8", "万家", "", "", 2022, False)),
    ("技术合同输出额从2022年的92万元增加到1.85亿元。", ("技术合同输出额", "92", "万元", "", "", 2022, False)),
    ("新建5G基站307处。", ("新建5G基站", "307", "处", "", "", 2022, False)),
    ("更新电采暖设备5960台。", ("更新电采暖设备", "5960", "台", "", "", 2022, False)),
    ("开展文化活动1.78万场次。", ("开展文化活动", "1.78", "万场次", "", "", 2022, False)),
    ("开展全民健身赛事活动30余场。", ("开展全民健身赛事活动", "30", "场", "", "", 2022, False)),
    ("新能源发电量11.8亿千瓦时。", ("新能源发电量", "11.8", "亿千瓦时", "", "", 2022, False)),
    ("粮食总产13.4亿斤。", ("粮食产量", "13.4", "亿斤", "", "", 2022, False)),
    ("全年接待俄罗斯、蒙古国游客1200人次。", ("接待游客", "1200", "人次", "", "", 2022, False)),
    ("2023年纳税约1500万元。", ("纳税", "1500", "万元", "", "", 2023, False)),
    ("2000年以前建成的57个老旧小区完成改造。", ("老旧小区", "57", "个", "", "", 2022, False)),
    ("制定《三年行动计划(2018-2020年)》，实施52个帮扶项目。", ("帮扶项目", "52", "个", "", "", 2022, False)),
    ("新能源汽车产量增长5.1倍，13个大模型通过备案。", ("大模型", "13", "个", "", "", 2022, False)),
    (PLAN + "引进亿元以上项目不少于10个。", ("引进亿元以上项目", "10", "个", "", "", 2023, True)),
    (PLAN + "力争1个以上外资项目签约。", ("外资项目", "1", "个", "", "", 2023, True)),
]

# no count: a change in points, a duration, a figure inside a name or a bound, a verb with nothing counted
NO_COUNT_ROWS = [
    ("城镇登记失业率下降0.3个百分点。", ("0.3", "个")),
    ("利用14个月完成建设。", ("14", "个")),
    ("利用20天完成播种。", ("20", "天")),
    ("组成一支11人的队伍。", ("11", "人")),
    ("每个街道建成2个站点。", ("2", "个")),
    ("推动50万元以上的经济强村增加。", ("50", "万元")),
    ("“八抓20项”措施全面落实。", ("20", "项")),
    ("1人获省级荣誉称号。", ("1", "人")),
    ("新能源汽车产量增长5.1倍。", ("5.1", "倍")),
    ("工业投资增长5%。", ("5", "%")),
    ("示范片区达到30%。", ("30", "%")),
]


def rows(doc):  # type: ignore[no-untyped-def]
    return {(o.indicator, o.value, o.unit, o.change, o.change_unit, o.period, o.is_target) for o in doc.observations}


@pytest.mark.parametrize(("sentence", "expected"), ROWS)
def test_observe_reads_the_figure(make_doc, sentence: str, expected: tuple[object, ...]) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(sentence)
    got = rows(doc)
    if expected[2] == "百分点":  # a change in percentage points without a level: either form is right
        assert any(r[0] == expected[0] and "百分点" in (r[2], r[4]) and "-0.3" in (r[1], r[3]) for r in got), got
        return
    assert expected in got, got


@pytest.mark.parametrize(("sentence", "expected"), PAIR_ROWS)
def test_observe_reads_a_pair_of_figures(make_doc, sentence: str, expected: list[tuple[object, ...]]) -> None:  # type: ignore[no-untyped-def]
    got = rows(make_doc(sentence))
    assert set(expected) <= got, got


@pytest.mark.parametrize(("sentence", "expected"), COUNT_ROWS)
def test_observe_reads_a_count(make_doc, sentence: str, expected: tuple[object, ...]) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(sentence)
    assert expected in rows(doc), rows(doc)


@pytest.mark.parametrize(("sentence", "figure"), NO_COUNT_ROWS)
def test_observe_reads_no_count(make_doc, sentence: str, figure: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    got = rows(make_doc(sentence))
    assert not [r for r in got if (r[1].lstrip("-"), r[2]) == figure], got


@pytest.mark.parametrize("sentence", [row[0] for row in COUNT_ROWS])
def test_observe_count_names_are_not_verbs_or_lists(make_doc, sentence: str) -> None:  # type: ignore[no-untyped-def]
    from kg_build.rules import load_rules

    verbs = set(load_rules().figure_words["verb"])
    for obs in make_doc(sentence).observations:
        assert obs.indicator not in verbs and not obs.indicator.endswith("等") and "、" not in obs.indicator, obs


def test_observe_count_span_covers_name_and_figure(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("实施52个帮扶项目。")
    (obs,) = doc.observations
    assert doc.text[obs.start : obs.end] == "52个帮扶项目"


def test_observe_evidence_span_and_area(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("地区生产总值达到85.6亿元、增长5.2%。")
    (obs,) = doc.observations
    assert obs.area == ISSUER
    assert doc.text[obs.start : obs.end].startswith("地区生产总值")
    assert "85.6亿元" in doc.text[obs.start : obs.end]
    assert doc.sentences[obs.sentence].start <= obs.start < obs.end <= doc.sentences[obs.sentence].end
    assert (obs.normalized, obs.base_unit) == ("8560000000", "元")


def test_observe_an_area_named_in_the_clause_owns_the_figure(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("白石山镇地区生产总值达到5.6亿元。")
    assert [o.area for o in doc.observations] == ["area:130630/白石山镇"]


def test_observe_no_issuer_no_observations(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("地区生产总值达到85.6亿元。", header="各位代表：\n")
    assert doc.meta.issuer_code == "" and doc.observations == ()


def test_observe_sentence_without_a_figure(make_doc) -> None:  # type: ignore[no-untyped-def]
    assert make_doc("地区生产总值稳步增长，质量效益明显提升。").observations == ()


@pytest.mark.parametrize(
    ("raw", "value"),
    [("85.6", "85.6"), ("三千", "3000"), ("一万二千", "12000"), ("十五", "15"), ("三点五", "3.5")],
)
def test_observe_numerals(raw: str, value: str) -> None:
    assert to_decimal(raw) == Decimal(value)


@pytest.mark.parametrize(
    ("value", "unit", "normalized", "base"),
    [("4260", "亿元", "426000000000", "元"), ("8.13", "万元", "81300", "元"), ("5", "亿美元", "500000000", "美元"),
     ("1.2", "万亿元", "1200000000000", "元"), ("52", "微克/立方米", "52", "微克/立方米"), ("3", "万人", "30000", "人")],
)
def test_observe_normalizes_units(value: str, unit: str, normalized: str, base: str) -> None:
    number, base_unit = normalize(Decimal(value), unit)
    assert (number, base_unit) == (Decimal(normalized), base)


def test_observe_tiny_report_headline_figures(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(TINY.read_text(encoding="utf-8"), header="")
    got = {(o.indicator, o.value, o.unit, o.period, o.is_target) for o in doc.observations}
    assert {
        ("地区生产总值", "85.6", "亿元", 2022, False),
        ("一般公共预算收入", "6.3", "亿元", 2022, False),
        ("城镇居民人均可支配收入", "32580", "元", 2022, False),
        ("城镇新增就业", "3000", "人", 2022, False),
        ("地区生产总值增速", "6", "%", 2023, True),
        ("PM2.5年均浓度", "35", "微克/立方米", 2023, True),
    } <= got
    keys = [(o.start, o.end, o.indicator) for o in doc.observations]
    assert keys == sorted(keys)


def test_observe_indicator_names_hold_no_area(make_doc, gazetteer) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("全年接待俄罗斯、蒙古国游客1200人次。")
    for obs in doc.observations:
        assert not any(gazetteer.lookup(obs.indicator[:n]) for n in range(2, len(obs.indicator))), obs.indicator
