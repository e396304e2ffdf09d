"""Headline figures: indicator, area, period, value and unit as written, normalized value, signed
change (percent kept apart from percentage points) and whether the figure is a target; then the
other counts a report states, each named by the quantity it measures (word lists: figures.tsv)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .doc import Doc, Observation
from .link import area_key
from .rules import Rules
from .vocab import EntityClass

_NUM = r"(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+(?:万[零〇一二两三四五六七八九十百千]+)?(?:点[零〇一二三四五六七八九]+)?)"
_UP_DOWN = r"增长|增加|提高|上升|下降|降低|减少|回落|提升"
_DOWN = ("下降", "降低", "减少", "回落")
_CUNIT = r"%|个百分点|百分点"
_TARGET = re.compile(r"预期|力争|目标|左右|以上|以内|确保|争取|不少于|不低于")
_MULTIPLIER = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}
_CLAUSE_MARKS = ",，;；:：。"
_CONNECTORS = "、和及与并"
_ASIDE = re.compile(r"[“”‘’\"]|[(（][^)）]*[)）]|〔[^〕]*〕|【[^】]*】")  # quotes, asides and note marks inside a name
_YEAR = re.compile(r"^(?:(?:到|至|截至|截止)?20\d\d年(?:以来|以前|年底|底|末|的)*)+")
_COUNTED = re.compile(r"\d+[\u4e00-\u9fff]$")  # 制定8类 → 制定
_YEAR_OF = re.compile(r"(20\d\d)年(?!以前|以来|前|后|底前)")  # the year a figure is for, not a bound (2000年以前建成的)
_TITLE = re.compile(r"《[^》]*》")  # a year in a title (《…三年行动计划(2018-2020年)》) is not the figure's
_RANGE_FROM = re.compile(r"[由从]\s*$")
_RANGE_TO = re.compile(r"(?:" + _UP_DOWN + r"|跃升|扩大)?(?:到|至)(?:20\d\d年的?)?")
_YEAR_TAIL = re.compile(r"[从由]?20\d\d年(?:的|底|末)?$")  # 输出额从2022年的(92万元) → 输出额
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NAME = re.compile(r"[\u4e00-\u9fffA-Za-z0-9][\u4e00-\u9fffA-Za-z0-9.+·、]*")


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
    return format(d.normalize(), "f")


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class _Reader:
    """The patterns of the stage, built once from the word lists of ``resources/figures.tsv``."""

    value: re.Pattern[str]
    from_to: re.Pattern[str]
    pair: re.Pattern[str]
    pair_change: re.Pattern[str]
    change: re.Pattern[str]
    rate_only: re.Pattern[str]
    count: re.Pattern[str]
    lead: re.Pattern[str]
    trail: re.Pattern[str]
    adverb: re.Pattern[str]
    number_tail: re.Pattern[str]
    measure_word: re.Pattern[str]  # a name that is only part of a count: 每个街道, 组成一支
    verbs: frozenset[str]
    stops: tuple[str, ...]
    rates: tuple[str, ...]
    pairs: tuple[tuple[str, str, str], ...]  # (whole, first, second): 城乡 → 城镇, 农村


@lru_cache(maxsize=4)
def _reader(words: tuple[tuple[str, tuple[str, ...]], ...]) -> _Reader:
    w = dict(words)
    # 万/亿 may precede any unit but %: 1.78万场次, 13.4亿斤
    unit = r"(?:(?:万亿|亿|万)?(?:" + _alternation(tuple(u for u in w["unit"] if u != "%")) + r")|%)"
    unit += r"(?!" + _alternation(w["unit_tail"]) + r")"
    pairs = []
    for item in w.get("pair", ()):
        whole, parts = item.split(":")
        first, second = parts.split(",")
        pairs.append((whole, first, second))
    return _Reader(
        value=re.compile(
            r"^[^,，;；。\d零〇一二两三四五六七八九十]{0,12}?(?:达到|达|完成|实现|为|突破|超过|增加到|增至|降至|控制在|保持在|预计达到|预计完成)?"
            r"(?P<value>" + _NUM + r")(?P<unit>" + unit + r")"
        ),
        from_to=re.compile(
            r"^[^,，;；。\d]{0,6}?[从由](?:(?P<y1>20\d\d)年的?)?(?P<v1>" + _NUM + r")(?P<u1>" + unit + r")"
            r"(?:" + _UP_DOWN + r"|跃升|扩大)?(?:到|至)(?:(?P<y2>20\d\d)年的?)?(?P<v2>" + _NUM + r")(?P<u2>" + unit + r")"
        ),
        pair=re.compile(
            r"^[^,，;；。\d]{0,6}?分别(?:达到|完成|为|实现)?(?P<v1>" + _NUM + r")(?P<u1>" + unit + r")?(?:和|、)"
            r"(?P<v2>" + _NUM + r")(?P<u2>" + unit + r")"
        ),
        pair_change=re.compile(
            r"^[,，、]?[^,，;；。\d]{0,8}?(?P<verb>" + _UP_DOWN + r")(?P<c1>\d+(?:\.\d+)?)(?P<u1>" + _CUNIT + r")?"
            r"(?:和|、|与)(?P<c2>\d+(?:\.\d+)?)(?P<u2>" + _CUNIT + r")"
        ),
        change=re.compile(
            r"^[,，、]?[^,，;；。]{0,6}?(?P<verb>" + _UP_DOWN + r")(?P<change>\d+(?:\.\d+)?)(?P<cunit>" + _CUNIT + r")"
        ),
        rate_only=re.compile(
            r"^[^,，;；。\d]{0,4}?(?P<verb>增长|增速|下降|提高|降低|上升|回落|减少)(?P<value>\d+(?:\.\d+)?)(?P<unit>" + _CUNIT + r")"
        ),
        count=re.compile(r"(?<![\dA-Za-z.])(?P<value>\d+(?:\.\d+)?)(?:" + _alternation(w["approx"]) + r")?(?P<unit>" + unit + r")"),
        lead=re.compile(r"^(?:" + _alternation(w["lead"]) + r")+"),
        trail=re.compile(r"(?:" + _alternation(w["trail"]) + r")+$"),
        adverb=re.compile(r"^(?:" + _alternation(w["adverb"]) + r")+"),
        number_tail=re.compile(r"^(?:" + _alternation(w["number_tail"]) + r")"),
        measure_word=re.compile(r"^每|[一两几](?:" + _alternation(w["measure"]) + r")$"),
        verbs=frozenset(w["verb"]),
        stops=tuple(sorted(w["stop"], key=lambda s: (-len(s), s))),
        rates=tuple(w["rate"]),
        pairs=tuple(pairs),
    )


def observe(doc: Doc, *, rules: Rules) -> Doc:
    """Stage: observations of the named indicators, each with its evidence span."""
    issuer = area_key(doc.meta.issuer_code) if doc.meta.issuer_code else ""
    if not issuer:
        return replace(doc, observations=())
    r = _reader(tuple(sorted(rules.figure_words.items())))
    area_at: dict[int, str] = {}
    area_spans: list[tuple[int, int]] = []
    for e in doc.entities:
        if e.label == EntityClass.AREA:
            for i in e.mentions:
                area_at[doc.mentions[i].start] = e.key
                area_spans.append((doc.mentions[i].start, doc.mentions[i].end))
    found: dict[tuple[str, str, int, str, str, bool], Observation] = {}
    year = doc.meta.year
    text = doc.norm
    for s_index, sentence in enumerate(doc.sentences):
        for pattern, indicator in rules.indicators:
            start = text.find(pattern, sentence.start, sentence.end)
            while start != -1:
                end = start + len(pattern)
                overlapping = any(o.start <= start < o.end for o in found.values())
                for obs in _read_figures(text, start, end, sentence.end, indicator, issuer, year, sentence.section,
                                         s_index, area_at, sentence.start, r) if not overlapping else ():
                    key = (obs.indicator, obs.area, obs.period, obs.value, obs.unit, obs.is_target)
                    found.setdefault(key, obs)
                start = text.find(pattern, end, sentence.end)
    spans = [(o.start, o.end) for o in found.values()]
    for s_index, sentence in enumerate(doc.sentences):
        areas = sorted((s, e) for s, e in area_spans if sentence.start <= s < sentence.end)
        for obs in _counts(text, sentence.start, sentence.end, spans, areas, issuer, year, sentence.section, s_index, r):
            key = (obs.indicator, obs.area, obs.period, obs.value, obs.unit, obs.is_target)
            found.setdefault(key, obs)
    observations = tuple(sorted(found.values(), key=lambda o: (o.start, o.end, o.indicator)))
    return replace(doc, observations=observations)


def _is_action(name: str, r: _Reader) -> bool:
    """Only a verb, maybe after adverbs (实施, 加快推进): it says what was done, not what was counted."""
    if name in r.verbs:
        return True
    return any(name.endswith(v) and r.adverb.sub("", name[: -len(v)]) == "" for v in r.verbs)


def _clean_name(raw: str, start: int, areas: list[tuple[int, int]], r: _Reader) -> str:
    """The words of a clause as a quantity's name: no areas (nor the 、 after one), quotes, asides,
    years, opening or closing words; of a list closed by 等, only what follows it (…等供地 → 供地)."""
    kept = []
    dropped = False
    for i, ch in enumerate(raw):
        if any(s <= start + i < e for s, e in areas) or (dropped and ch in _CONNECTORS):
            dropped = True
            continue
        dropped = False
        kept.append(ch)
    name = _ASIDE.sub("", "".join(kept)).strip()
    name = r.lead.sub("", _YEAR.sub("", name.lstrip(_CONNECTORS)).lstrip(_CONNECTORS))
    name = r.trail.sub("", _YEAR_TAIL.sub("", _COUNTED.sub("", r.trail.sub("", name)))).strip(_CONNECTORS)
    if "等" in name[:-1] and len(name) - name.rindex("等") > 2:
        name = name[name.rindex("等") + 1 :]
    return name


def _is_name(name: str, r: _Reader) -> bool:
    return (2 <= len(name) <= 24 and bool(_NAME.fullmatch(name)) and len(_HAN.findall(name)) >= 2
            and not r.measure_word.search(name))


def _name_after(text: str, start: int, end: int, r: _Reader) -> tuple[str, int]:
    """The thing named right after a count, up to the verb that says what happened to it
    (15个街道实现… → 街道), and where it ends."""
    stop = start
    quoted = False
    while stop < end and stop - start < 24 and (_HAN.match(text[stop]) or text[stop] in "“”‘’·" or text[stop].isascii()
                                                 and text[stop].isalpha()):
        quoted = quoted != (text[stop] in "“‘") if text[stop] in "“”‘’" else quoted
        if not quoted and any(text.startswith(s, stop) for s in r.stops):
            break
        stop += 1
    name = r.number_tail.sub("", _ASIDE.sub("", text[start:stop])).rstrip(_CONNECTORS)
    if name.startswith(("的", *_CONNECTORS)) or _is_action(name, r):  # 3处并实行…: a new clause, not a name
        name = ""
    return name, stop


def _counts(text: str, start: int, end: int, spans: list[tuple[int, int]], areas: list[tuple[int, int]],
            issuer: str, year: int, section: str, s_index: int, r: _Reader) -> list[Observation]:
    """Other stated figures: a number with a unit, measured by the words that open its clause
    (新增城市绿地8.37公顷 → 新增城市绿地) or, when those only say what was done, by the thing named
    after it (实施52个帮扶项目 → 帮扶项目; 15个街道实现… → 街道), or else by the figure just before it
    in the clause (翻建平房8841间、12.4万平方米)."""
    out: list[Observation] = []
    previous = start  # end of the last figure read in this sentence, with the name after it
    last: tuple[str, int] | None = None  # name and end of the last figure named in this sentence
    opened = False  # the last figure opens a range (由47.6%…)
    for m in r.count.finditer(text, start, end):
        unit = m.group("unit")
        clause_start = max([text.rfind(c, start, m.start()) for c in _CLAUSE_MARKS] + [start - 1]) + 1
        name_start = max(clause_start, previous)
        after, after_end = _name_after(text, m.end(), end, r)
        previous = max(m.end(), after_end)
        if unit == "倍" or any(s <= m.start() < e for s, e in spans):
            continue
        raw = text[name_start : m.start()]
        if raw.count("“") > raw.count("”"):
            continue  # a figure inside a quoted name (“八抓20项”) is no count
        name = _clean_name(raw, name_start, areas, r)
        span_start, span_end = name_start, m.end()
        if unit != "%" and (len(name) < 2 or name.endswith(("等", "的")) or "、" in raw or _is_action(name, r)) and _is_name(
                after, r):  # the members of a list before the count, their kind after it (A、B2处城市森林)
            name, span_start, span_end = after, m.start(), after_end
        elif (len(name) < 2 or _is_action(name, r)) and last is not None and last[1] >= clause_start:
            name, span_start = last[0], m.start()
        if not _is_name(name, r) or _is_action(name, r) or name.endswith(("等", "的")) or (
                unit == "%" and not name.endswith(r.rates)):
            continue
        last = (name, m.end())
        change, change_unit = "", ""
        c = r.change.match(text[m.end() : min(end, m.end() + 20)])
        if c and span_end == m.end():
            change = ("-" if c.group("verb") in _DOWN else "") + c.group("change")
            change_unit = "%" if c.group("cunit") == "%" else "百分点"
            span_end += c.end()
        years = _YEAR_OF.findall(_TITLE.sub("", text[start : m.start()]))
        period = int(years[-1]) if years else (year if section == "plan" else year - 1)
        target = section == "plan" or bool(_TARGET.search(text[clause_start : min(end, span_end + 3)]))
        between = text[out[-1].end if out else start : m.start()]
        if out and out[-1].indicator == name and _RANGE_TO.fullmatch(between.strip()):  # 由A提升至B
            if not _YEAR_OF.search(between):
                period = year if section == "plan" else year - 1
            if opened:  # A is where the five years under review began
                out[-1] = replace(out[-1], period=period - 5)
        opened = bool(_RANGE_FROM.search(raw)) and not _YEAR_OF.search(raw)
        out.append(_figure(name, issuer, period, m.group("value"), unit, s_index, span_start, span_end,
                           change, change_unit, target))
    return out


def _read_figures(text: str, start: int, end: int, limit: int, indicator: str, issuer: str, year: int,
                  section: str, s_index: int, area_at: dict[int, str], s_start: int, r: _Reader) -> list[Observation]:
    """One figure, or two for 从A增长到B and 城乡…分别A和B."""
    window = text[end : min(limit, end + 60)]
    pair = r.from_to.match(window)
    if pair:
        late = int(pair.group("y2")) if pair.group("y2") else (year if section == "plan" else year - 1)
        early = int(pair.group("y1")) if pair.group("y1") else late - 5
        return [
            _figure(indicator, issuer, early, pair.group("v1"), pair.group("u1"), s_index, start, end + pair.end("u1"), "", "", False),
            _figure(indicator, issuer, late, pair.group("v2"), pair.group("u2"), s_index, start, end + pair.end(), "", "",
                    section == "plan"),
        ]
    pair = r.pair.match(window)
    split = next(((whole, a, b) for whole, a, b in r.pairs if whole in indicator), None)
    if pair and split:
        period = year if section == "plan" else year - 1
        whole, first, second = split
        names = (indicator.replace(whole, first, 1), indicator.replace(whole, second, 1))
        unit2 = pair.group("u2")
        span_end = end + pair.end()
        changes = [("", ""), ("", "")]
        c = r.pair_change.match(text[span_end : min(limit, span_end + 24)])
        if c:
            sign = "-" if c.group("verb") in _DOWN else ""
            unit = c.group("u2")
            changes = [(sign + c.group("c1"), "%" if (c.group("u1") or unit) == "%" else "百分点"),
                       (sign + c.group("c2"), "%" if unit == "%" else "百分点")]
            span_end += c.end()
        return [
            _figure(names[0], issuer, period, pair.group("v1"), pair.group("u1") or unit2, s_index, start, span_end,
                    *changes[0], section == "plan"),
            _figure(names[1], issuer, period, pair.group("v2"), unit2, s_index, start, span_end, *changes[1],
                    section == "plan"),
        ]
    rates = r.pair_change.match(window) if split and "分别" in window[:8] else None
    if rates and rates.group("u2") == "%" and (rates.group("u1") or "%") == "%":
        # 城乡居民人均可支配收入分别增长10%和12%: two rates, one for each part
        whole, first, second = split  # type: ignore[misc]
        period = year if section == "plan" else year - 1
        sign = "-" if rates.group("verb") in _DOWN else ""
        return [
            _figure(indicator.replace(whole, part, 1) + "增速", issuer, period, sign + value, "%", s_index, start,
                    end + rates.end(), "", "", section == "plan")
            for part, value in ((first, rates.group("c1")), (second, rates.group("c2")))
        ]
    one = _read_figure(text, start, end, limit, indicator, issuer, year, section, s_index, area_at, s_start, r)
    return [one] if one is not None else []


def _figure(indicator: str, area: str, period: int, value: str, unit: str, s_index: int, start: int, end: int,
            change: str, change_unit: str, target: bool) -> Observation:
    number = to_decimal(value)
    normalized, base = normalize(number, unit)
    return Observation(indicator=indicator, area=area, period=period, value=_fmt(number), unit=unit, sentence=s_index,
                       start=start, end=end, normalized=_fmt(normalized), base_unit=base, change=change,
                       change_unit=change_unit, is_target=target)


def _read_figure(text: str, start: int, end: int, limit: int, indicator: str, issuer: str, year: int,
                 section: str, s_index: int, area_at: dict[int, str], s_start: int, r: _Reader) -> Observation | None:
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
    m = r.value.match(window)
    rate = None
    if not m or (m.group("unit") == "%" and re.search(r"增长|增速|下降|提高|降低", window[: m.start("value")])):
        rate = r.rate_only.match(window)
        if not rate:
            return None
    if rate is not None:
        value = rate.group("value")
        if rate.group("verb") in _DOWN:
            value = "-" + value
        if rate.group("unit") == "%":
            indicator, unit = indicator + "增速", "%"
        else:  # 失业率下降0.3个百分点: a change of the rate itself, in points
            unit = "百分点"
        span_end = end + rate.end()
        change, change_unit = "", ""
    else:
        assert m is not None
        value, unit = m.group("value"), m.group("unit")
        span_end = end + m.end()
        rest = text[span_end : min(limit, span_end + 20)]
        c = r.change.match(rest)
        change, change_unit = "", ""
        if c:
            sign = "-" if c.group("verb") in _DOWN else ""
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
