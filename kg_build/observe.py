"""Headline figures: indicator, area, period, value and unit as written, normalized value, signed
change (percent kept apart from percentage points) and whether the figure is a target."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from .doc import Doc, Observation
from .link import area_key
from .rules import Rules
from .vocab import EntityClass

_NUM = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?)"
_UNIT = (
    r"(?:万亿元|亿美元|万美元|亿元|万元|元|万人次|万人|人次|人|万户|户|万辆|辆|个|家|项|所|座|条|套|处|间|件|次|"
    r"万亩|亩|万平方米|平方米|公顷|平方公里|公里|千米|万吨|吨|千瓦|万千瓦|微克/立方米|天|倍|%)"
)
_VALUE = re.compile(
    r"^[^,，;；。\d零〇一二两三四五六七八九十]{0,12}?(?:达到|达|完成|实现|为|突破|超过|增加到|增至|降至|控制在|保持在|预计达到|预计完成)?"
    r"(?P<value>" + _NUM + r")(?P<unit>" + _UNIT + r")"
)
_FROM_TO = re.compile(
    r"^[^,，;；。\d]{0,6}?从(?:(?P<y1>20\d\d)年的?)?(?P<v1>" + _NUM + r")(?P<u1>" + _UNIT + r")"
    r"(?:增长|提高|增加|提升|扩大|跃升|上升|下降|减少|降低)?(?:到|至)(?:(?P<y2>20\d\d)年的?)?(?P<v2>" + _NUM + r")(?P<u2>" + _UNIT + r")"
)
_PAIR = re.compile(
    r"^[^,，;；。\d]{0,4}?分别(?:达到|完成|为|实现)?(?P<v1>" + _NUM + r")(?P<u1>" + _UNIT + r")?(?:和|、)(?P<v2>" + _NUM + r")(?P<u2>" + _UNIT + r")"
)
_CHANGE = re.compile(
    r"^[,，、]?[^,，;；。]{0,6}?(?P<verb>增长|增加|提高|上升|下降|降低|减少|回落|提升)(?P<change>\d+(?:\.\d+)?)"
    r"(?P<cunit>%|个百分点|百分点)"
)
_RATE_ONLY = re.compile(r"^[^,，;；。\d]{0,4}?(?P<verb>增长|增速|下降|提高|降低)(?P<value>\d+(?:\.\d+)?)(?P<unit>%)")
_TARGET = re.compile(r"预期|力争|目标|左右|以上|以内|确保|争取")
_MULTIPLIER = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}


def to_decimal(raw: str) -> Decimal:
    """Arabic or Chinese numerals (read with cn2an) as a Decimal."""
    try:
        return Decimal(raw)
    except InvalidOperation:
        import cn2an

        return Decimal(str(cn2an.cn2an(raw.replace("〇", "零"), "smart")))


def normalize(value: Decimal, unit: str) -> tuple[Decimal, str]:
    """万/亿 multiplied out: (4260, 亿元) → (426000000000, 元)."""
    for prefix, factor in _MULTIPLIER.items():
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return value * factor, unit[len(prefix) :]
    return value, unit


def _fmt(d: Decimal) -> str:
    text = format(d.normalize(), "f")
    return text


def observe(doc: Doc, *, rules: Rules) -> Doc:
    """Stage: observations of the named indicators, each with its evidence span."""
    issuer = area_key(doc.meta.issuer_code) if doc.meta.issuer_code else ""
    if not issuer:
        return replace(doc, observations=())
    area_at = {m.start: e.key for e in doc.entities for i in e.mentions for m in [doc.mentions[i]]
               if e.label == EntityClass.AREA}
    found: dict[tuple[str, str, int, str, str, bool], Observation] = {}
    year = doc.meta.year
    for s_index, sentence in enumerate(doc.sentences):
        text = doc.norm
        for pattern, indicator in rules.indicators:
            start = text.find(pattern, sentence.start, sentence.end)
            while start != -1:
                end = start + len(pattern)
                overlapping = any(o.start <= start < o.end for o in found.values())
                for obs in _read_figures(text, start, end, sentence.end, indicator, issuer, year, sentence.section,
                                         s_index, area_at, sentence.start) if not overlapping else ():
                    key = (obs.indicator, obs.area, obs.period, obs.value, obs.unit, obs.is_target)
                    found.setdefault(key, obs)
                start = text.find(pattern, end, sentence.end)
    spans = [(o.start, o.end) for o in found.values()]
    for s_index, sentence in enumerate(doc.sentences):
        for obs in _counts(doc.norm, sentence.start, sentence.end, spans, issuer, year, sentence.section, s_index):
            key = (obs.indicator, obs.area, obs.period, obs.value, obs.unit, obs.is_target)
            found.setdefault(key, obs)
    observations = tuple(sorted(found.values(), key=lambda o: (o.start, o.end, o.indicator)))
    return replace(doc, observations=observations)


_COUNT = re.compile(r"(?P<value>\d+(?:\.\d+)?)(?P<unit>" + _UNIT + r")")
_LEAD = re.compile(r"^(?:我们|我区|我县|我市|全区|全县|全市|全省|全年|累计|共|其中|同时|并|已|总计|合计|实现|完成|达到|预计|新|年)+")
_TRAIL = re.compile(r"(?:达到|达|完成|为|突破|超过|约|共|累计|实现|分别|增至|降至|至|到|了)+$")


def _counts(text: str, start: int, end: int, spans: list[tuple[int, int]], issuer: str, year: int, section: str,
            s_index: int) -> list[Observation]:
    """Other stated figures: a number with a unit, measured by the words that open its clause
    (新增城市绿地8.37公顷 → 新增城市绿地)."""
    out = []
    for m in _COUNT.finditer(text, start, end):
        if m.group("unit") in ("%", "倍") or any(s <= m.start() < e for s, e in spans):
            continue
        if text.startswith("百分点", m.end()) or text.startswith("个百分点", m.start("unit")):
            continue  # 下降0.3个百分点 is a change, not a count
        clause_start = max([text.rfind(c, start, m.start()) for c in ",，;；、:：(（"] + [start - 1]) + 1
        phrase = _TRAIL.sub("", _LEAD.sub("", text[clause_start : m.start()].strip()))
        if not 2 <= len(phrase) <= 14 or not re.fullmatch(r"[\u4e00-\u9fff]+", phrase):
            continue
        change, change_unit = "", ""
        c = _CHANGE.match(text[m.end() : min(end, m.end() + 20)])
        span_end = m.end()
        if c:
            change = ("-" if c.group("verb") in ("下降", "降低", "减少", "回落") else "") + c.group("change")
            change_unit = "%" if c.group("cunit") == "%" else "百分点"
            span_end += c.end()
        years = re.findall(r"(20\d\d)年", text[start : m.start()])
        period = int(years[-1]) if years else (year if section == "plan" else year - 1)
        target = section == "plan" or bool(_TARGET.search(text[clause_start : min(end, span_end + 3)]))
        out.append(_figure(phrase, issuer, period, m.group("value"), m.group("unit"), s_index, clause_start, span_end,
                           change, change_unit, target))
    return out


def _read_figures(text: str, start: int, end: int, limit: int, indicator: str, issuer: str, year: int,
                  section: str, s_index: int, area_at: dict[int, str], s_start: int) -> list[Observation]:
    """One figure, or two for 从A增长到B and 城乡…分别A和B."""
    window = text[end : min(limit, end + 60)]
    pair = _FROM_TO.match(window)
    if pair:
        late = int(pair.group("y2")) if pair.group("y2") else (year if section == "plan" else year - 1)
        early = int(pair.group("y1")) if pair.group("y1") else late - 5
        return [
            _figure(indicator, issuer, early, pair.group("v1"), pair.group("u1"), s_index, start, end + pair.end("u1"), "", "", False),
            _figure(indicator, issuer, late, pair.group("v2"), pair.group("u2"), s_index, start, end + pair.end(), "", "",
                    section == "plan"),
        ]
    pair = _PAIR.match(window)
    if pair and indicator.startswith("城乡"):
        period = year if section == "plan" else year - 1
        names = ("城镇" + indicator[2:], "农村" + indicator[2:])
        unit2 = pair.group("u2")
        return [
            _figure(names[0], issuer, period, pair.group("v1"), pair.group("u1") or unit2, s_index, start, end + pair.end(), "", "", section == "plan"),
            _figure(names[1], issuer, period, pair.group("v2"), unit2, s_index, start, end + pair.end(), "", "", section == "plan"),
        ]
    one = _read_figure(text, start, end, limit, indicator, issuer, year, section, s_index, area_at, s_start)
    return [one] if one is not None else []


def _figure(indicator: str, area: str, period: int, value: str, unit: str, s_index: int, start: int, end: int,
            change: str, change_unit: str, target: bool) -> Observation:
    number = to_decimal(value)
    normalized, base = normalize(number, unit)
    return Observation(indicator=indicator, area=area, period=period, value=_fmt(number), unit=unit, sentence=s_index,
                       start=start, end=end, normalized=_fmt(normalized), base_unit=base, change=change,
                       change_unit=change_unit, is_target=target)


def _read_figure(text: str, start: int, end: int, limit: int, indicator: str, issuer: str, year: int,
                 section: str, s_index: int, area_at: dict[int, str], s_start: int) -> Observation | None:
    window = text[end : min(limit, end + 40)]
    if text[end : end + 1] in ("增", "率") and indicator.endswith("总值") is False and window.startswith("率"):
        return None
    clause_start = max(text.rfind(c, s_start, start) for c in ",，;；") + 1
    clause_start = max(clause_start, s_start)
    context = text[clause_start:start]
    years = re.findall(r"(20\d\d)年", context)
    if years:
        period = int(years[-1])
    else:
        period = year if section == "plan" else year - 1
    m = _VALUE.match(window)
    rate = None
    if not m or (m.group("unit") == "%" and re.search(r"增长|增速|下降|提高|降低", window[: m.start("value")])):
        rate = _RATE_ONLY.match(window)
        if not rate:
            return None
    if rate is not None:
        value, unit = rate.group("value"), "%"
        verb = rate.group("verb")
        if verb in ("下降", "降低"):
            value = "-" + value
        indicator = indicator + "增速"
        span_end = end + rate.end()
        change, change_unit = "", ""
    else:
        assert m is not None
        value, unit = m.group("value"), m.group("unit")
        span_end = end + m.end()
        rest = text[span_end : min(limit, span_end + 20)]
        c = _CHANGE.match(rest)
        change, change_unit = "", ""
        if c:
            sign = "-" if c.group("verb") in ("下降", "降低", "减少", "回落") else ""
            change = sign + c.group("change")
            change_unit = "%" if c.group("cunit") == "%" else "百分点"
            span_end += c.end()
    try:
        number = to_decimal(value)
    except (InvalidOperation, ValueError, KeyError):
        return None
    normalized, base = normalize(number, unit)
    tail = text[span_end : min(limit, span_end + 6)]
    target = section == "plan" or bool(_TARGET.search(context + text[start:span_end] + tail[:3]))
    area = issuer
    for pos in range(clause_start, start):
        if pos in area_at:
            area = area_at[pos]
    return Observation(
        indicator=indicator, area=area, period=period, value=_fmt(number), unit=unit,
        sentence=s_index, start=start, end=span_end, normalized=_fmt(normalized), base_unit=base,
        change=change, change_unit=change_unit, is_target=target,
    )
