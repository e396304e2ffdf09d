"""Candidate entity spans with class labels: the ``mentions`` stage.

Each rule family computes candidates on the analysis text (``doc.norm``); ``resolve`` keeps the
longest of overlapping candidates and marks areas nested inside a longer name; ``detect_mentions``
writes the result onto the Doc. Rule families, one module each: gazetteer areas, campaigns and
the issuer's pronouns (``areas``); 《》 titles, “” quotes and the glossary (``titles``); names by
their head noun (``names``); roads, their sections and villages after their township (``ways``);
enumerations of partners and of typed members (``lists``); congresses, anniversaries and people
(``events``); firms without a head noun (``firms``). Shared constants live in ``common``. What
follows the rule families here adjusts their candidates to each other: a name given once is the
same name where it recurs, a village after its county loses the county, works take the road they
are on.
"""

from __future__ import annotations

import re

from dataclasses import replace

from ..doc import Doc, Mention, Token
from ..gazetteer import Gazetteer
from ..rules import Rules
from ..vocab import EntityClass
from .areas import choose_area, find_areas, find_campaigns, find_coref, resolve_issuer
from .common import EDITION, Candidate, PRIORITY
from .events import find_abbreviated_events, find_party_events, find_people
from .firms import find_central_enterprises, find_project_firms
from .lists import find_bare_siblings, find_honoured, find_parties, find_typed_lists
from .names import areas_as_place_names, find_named_bodies, find_siblings, find_suffix_names
from .ways import find_road_works, find_villages
from .titles import award_titles, find_glossary_terms, find_quotes, find_titles, find_unquoted_titles

__all__ = ["Candidate", "choose_area", "detect_mentions", "resolve", "resolve_issuer"]


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


def _without_areas_in_other_titles(norm: str, cands: list[Candidate]) -> list[Candidate]:
    """A name inside the title of a book, yearbook or play (《某县年鉴》, 《坊间珍闻—西长安街访谈录》) is
    part of that title, not a mention of the area, street or body; inside a policy document's title
    an area stays nested."""
    titles = {(c.start, c.end) for c in cands if c.rule == "title"}
    others = [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]{1,80}》", norm) if (m.start(), m.end()) not in titles]
    if not others:
        return cands
    return [c for c in cands if not (c.rule != "title" and any(s < c.start and c.end < e for s, e in others))]


def _bodies_with_quoted_parts(norm: str, cands: list[Candidate]) -> list[Candidate]:
    """A body whose name quotes its remit after its parent (国务院“双碳”工作领导小组, 省委“三农”工作
    领导小组) is one body: the parent's name joins the quoted body that follows it directly."""
    ends = {c.end: c for c in cands if c.label == EntityClass.ORGANIZATION and c.rule != "quote"}
    return [Candidate(parent.start, c.end, c.label, "quote", norm[parent.start : c.start] + c.name)
            for c in cands if c.label == EntityClass.ORGANIZATION and c.rule == "quote"
            and norm.startswith("“", c.start) and (parent := ends.get(c.start)) is not None]


def _programmes_after_their_body(cands: list[Candidate]) -> list[Candidate]:
    """The reform of a named company (某某公司|混合所有制改革) and the system a ministry or bureau
    sets (某某部|最严格水资源管理制度) are named after the body: the programme starts where the body's
    name ends, and both stay."""
    bodies = {c.start: c for c in cands if c.label == EntityClass.ORGANIZATION and c.rule in ("suffix", "firm")}
    out = []
    for c in cands:
        body = bodies.get(c.start) if c.label == EntityClass.PROGRAM and c.rule == "suffix" else None
        if (body is not None and body.end < c.end and c.end - body.end >= 4
                and ((body.name.endswith(("公司", "集团")) and c.name.endswith("改革")) or body.name.endswith(("部", "局", "厅")))):
            c = c._replace(start=body.end, name=c.name[body.end - c.start :])
        out.append(c)
    return out


def _works_on_a_named_road(norm: str, cands: list[Candidate]) -> list[Candidate]:
    """Works on a road or river named with its section (省道242高唐段|大修工程, G60沪昆高速义乌至金华段|拓宽工程,
    京港澳高速新乡段|改扩建工程) are named by it: one programme from the road's name on."""
    out = []
    for way in cands:
        if way.label != EntityClass.PLACE or way.rule != "suffix":
            continue
        works = _WORKS_AFTER.match(norm, way.end)
        if works is not None and (works.group("section") or way.name.endswith("段")):
            out.append(Candidate(way.start, works.end(), EntityClass.PROGRAM, "suffix", norm[way.start : works.end()]))
    return out


_WORKS_AFTER = re.compile(r"(?P<section>[\u4e00-\u9fff]{1,10}?段|[（(][^（()）]{1,12}段[)）])?[\u4e00-\u9fff]{2,8}?工程")


def _without_kinds_in_awards(norm: str, cands: list[Candidate]) -> list[Candidate]:
    """The place or body that ends an award's title (获评“全国民主法治示范村”) is the kind of
    recipient, not a thing of its own; the body that gives the award (“工信部…优秀奖”) stays."""
    awards = award_titles(norm)
    if not awards:
        return cands
    return [c for c in cands if not (c.label in (EntityClass.PLACE, EntityClass.ORGANIZATION)
                                     and any(s <= c.start and c.end == e for s, e in awards))]


def _games_with_their_city(norm: str, cands: list[Candidate]) -> list[Candidate]:
    """Games named after their host city (杭州|亚运会, 北京|冬奥会, 杭州|第19届亚运会 with its edition):
    one event, the city nested."""
    areas = {c.end: c for c in cands if c.label == EntityClass.AREA and c.rule == "gazetteer"}
    return [Candidate(areas[c.start].start, c.end, EntityClass.EVENT, "party", norm[areas[c.start].start : c.end])
            for c in cands if c.label == EntityClass.EVENT and c.name.endswith(("运会", "奥会")) and c.start in areas]


def _forces_named_by_place(norm: str, cands: list[Candidate]) -> list[Candidate]:
    """A quoted area and the people it calls on (“西城大妈”, “朝阳群众”, “海淀网友”): a volunteer
    force, an organisation named by its place."""
    out = []
    for c in cands:
        if c.label == EntityClass.AREA and c.rule == "gazetteer" and norm[c.start - 1 : c.start] == "“":
            close = norm.find("”", c.end, c.end + 4)
            if close > 0 and norm[c.end : close] in _GROUPS:
                out.append(Candidate(c.start - 1, close + 1, EntityClass.ORGANIZATION, "quote", norm[c.start - 1 : close + 1]))
    return out


_GROUPS = frozenset({"大妈", "大爷", "群众", "网友", "大姐", "街坊"})


def _events_with_their_site(norm: str, cands: list[Candidate]) -> list[Candidate]:
    """An event named after its site, with the edition before the site (第二十二届|查干湖|冰雪渔猎文化旅游节):
    one event; the edition says the site's name belongs to it."""
    sites = {c.end: c for c in cands if c.label == EntityClass.PLACE and c.rule == "suffix" and _EDITION_START.match(c.name)}
    return [Candidate(sites[c.start].start, c.end, EntityClass.EVENT, "suffix", norm[sites[c.start].start : c.end])
            for c in cands if c.label == EntityClass.EVENT and c.start in sites]


_EDITION_START = re.compile(EDITION)


def _sessions_of_an_event(norm: str, cands: list[Candidate]) -> list[Candidate]:
    """A session of a recurring event written after its name (博鳌亚洲论坛|2024年年会): one event."""
    ends = {c.end: c for c in cands if c.label == EntityClass.EVENT}
    return [Candidate(ends[c.start].start, c.end, EntityClass.EVENT, c.rule, norm[ends[c.start].start : c.end])
            for c in cands if c.label == EntityClass.EVENT and c.start in ends and _YEAR_START.match(c.name)]


_YEAR_START = re.compile(r"\d{4}年?(?:年会|峰会|论坛|大会)")


def _firms_not_their_offices(cands: list[Candidate]) -> list[Candidate]:
    """A firm's headquarters (中资信创总部, 新紫光北方总部) names the firm; the office is no body."""
    out = []
    for c in cands:
        m = _OFFICE.search(c.name) if c.label == EntityClass.ORGANIZATION and c.surface in ("", c.name) else None
        if m and m.start() >= 2:
            c = c._replace(end=c.end - len(m.group()), name=c.name[: m.start()], surface=c.surface[: m.start()])
        out.append(c)
    return out


def _an_area_by_name(c: Candidate, gazetteer: Gazetteer) -> bool:
    """A river's name that is a county's or city's name (晋江, 镇江, 兰溪) names the area, not the
    river, whether or not the area is taken as a mention here. (Mountains and lakes that share a
    county's name, 五台山 or 龙湖, stay places: the report's own words, 山 and 湖, name them.)"""
    return c.label == EntityClass.PLACE and c.name[-1] in "江溪" and any(
        gazetteer.areas[key].level in ("province", "city", "county") for key in (*gazetteer.short.get(c.name, ()), *gazetteer.full.get(c.name, ())))


def _villages_after_their_county(norm: str, cands: list[Candidate]) -> list[Candidate]:
    """A village or scenic area written after its county (乐业县|百坭村, 阳朔县|遇龙河景区) is named
    without it: the county is an area of its own (as a township is: 冉庄镇|冉庄村). A shorter place
    from the county on (阳朔县遇龙河) goes with the longer one."""
    areas = {c.start: c for c in cands if c.label == EntityClass.AREA and c.rule == "gazetteer" and c.name == norm[c.start : c.end]
             and c.name.endswith(("县", "区", "市", "旗", "镇", "乡", "街道"))}
    cut: dict[Candidate, int] = {}
    for c in cands:
        start = c.start
        while c.label == EntityClass.PLACE and c.name.endswith(_OWN_NAMES) and (area := areas.get(start)) is not None:
            start = area.end  # 余杭区|良渚街道|良渚古城遗址公园: county and township both go
        if start > c.start and c.end - start >= (2 if c.name.endswith("村") else 3):  # (安吉县|余村)
            cut[c] = start
    if not cut:
        return cands
    spans = [(c.start, c.end) for c in cut]
    return [c._replace(start=cut[c], name=norm[cut[c] : c.end], surface="") if c in cut else c for c in cands
            if c in cut or not (c.label == EntityClass.PLACE and any(s == c.start and c.end < e for s, e in spans))]


_OWN_NAMES = ("村", "社区", "景区", "风景区", "风景名胜区", "旅游区", "古镇", "古城", "林场", "湖", "山", "河", "江", "湿地", "水库", "遗址",
              "公园")


def _without_areas_in_campaigns(norm: str, cands: list[Candidate], rules: Rules) -> list[Candidate]:
    """An area's short name after a campaign's quality (健康西城APP, 助力健康西城建设) belongs to the
    campaign's name, whether or not the phrase stands alone as a programme: no mention of the area."""
    return [c for c in cands if not (c.label == EntityClass.AREA and c.rule == "gazetteer" and c.name != norm[c.start : c.end]
                                     and norm[max(0, c.start - 2) : c.start] in rules.campaign_prefixes)]


def _names_again(norm: str, tokens: tuple[Token, ...], body: int, cands: list[Candidate]) -> list[Candidate]:
    """A name the report has given once is the same name wherever it recurs as whole words (one
    sense per report): 西板桥 found in a list of listed relics is 西板桥 again in 加强西板桥遗址保护, a
    firm named in a list of projects is the firm again where the text names it bare. Only names
    the rules kept (the longest of overlapping candidates), of one class, three characters or more,
    spread; a recurrence inside a longer candidate loses to it in ``resolve``. (Programmes are not
    spread: their words recur in other phrases.)"""
    classes: dict[str, set[EntityClass]] = {}
    for c in resolve(cands):
        if c.rule in _SPREAD and c.label in _SPREAD_CLASSES and c.start >= body and c.surface in ("", c.name):
            classes.setdefault(c.name, set()).add(c.label)
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    found = {(c.start, c.end) for c in cands}
    out = []
    for name, labels in sorted(classes.items()):
        if len(labels) > 1 or len(name) < 3:
            continue
        (label,) = labels
        at = norm.find(name, body)
        while at >= 0:
            end = at + len(name)
            if at in starts and (end in ends or len(name) >= 4) and (at, end) not in found:
                out.append(Candidate(at, end, label, "repeat", name))
            at = norm.find(name, at + 1)
    return out


_SPREAD = frozenset({"suffix", "sibling", "typed", "firm", "party"})


_SPREAD_CLASSES = frozenset({EntityClass.ORGANIZATION, EntityClass.PLACE, EntityClass.EVENT})


_OFFICE = re.compile(r"(?:北方|南方|华北|华东|华南|西南|西北|东北|中国|区域|销售|研发|运营|结算|第二)?总部$")


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
    suffixed = find_suffix_names(areas_as_place_names(doc.tokens, cands), doc.norm, rules, tags)
    cands += suffixed + find_siblings(doc.norm, doc.tokens, suffixed, rules)
    cands += find_road_works(doc.norm, doc.tokens, suffixed, rules)
    cands += find_villages(doc.norm, doc.tokens, cands, tags)
    cands += find_party_events(doc.norm, doc.tokens)
    cands += find_named_bodies(doc.tokens, rules, tags, freq)
    cands += find_bare_siblings(doc.norm, doc.tokens, suffixed, rules, freq or {})
    cands += find_people(doc, doc.tokens)
    cands += find_abbreviated_events(doc.norm, doc.tokens)
    cands += _games_with_their_city(doc.norm, cands)
    cands += _forces_named_by_place(doc.norm, cands)
    cands += _events_with_their_site(doc.norm, cands)
    cands += _sessions_of_an_event(doc.norm, cands)
    cands += find_central_enterprises(doc.norm, doc.tokens, rules)
    cands += find_parties(doc.norm, cands, rules.modifiers, rules.generic)
    cands += find_typed_lists(doc.norm, doc.tokens, cands, rules, tags)
    cands += find_honoured(doc.norm, doc.tokens, cands, rules, tags)
    cands += find_project_firms(doc.norm, doc.tokens, cands, rules)
    cands += find_campaigns(doc.norm, cands, rules)
    cands = [c for c in cands if not _an_area_by_name(c, gazetteer)]
    cands = _without_areas_in_campaigns(doc.norm, cands, rules)
    cands = _villages_after_their_county(doc.norm, cands)
    issuer_name = gazetteer.areas[issuer].name if issuer else ""
    cands += [c for c in find_coref(doc.norm, issuer_name, rules, issuer) if c.start >= body]
    cands += _bodies_with_quoted_parts(doc.norm, cands)
    cands = _programmes_after_their_body(cands)
    cands += _works_on_a_named_road(doc.norm, cands)
    cands = _without_areas_in_other_titles(doc.norm, cands)
    cands = _without_kinds_in_awards(doc.norm, cands)
    cands = _firms_not_their_offices(cands)
    cands += _names_again(doc.norm, doc.tokens, body, cands)
    mentions = tuple(
        Mention(c.start, c.end, doc.text[c.start : c.end], c.label, c.rule, c.name, c.code)
        for c in resolve(cands)
    )
    return replace(doc, meta=replace(doc.meta, issuer_code=issuer), mentions=mentions)
