"""Areas: the issuer, gazetteer names (full and short forms, townships, new areas) chosen among
same-named places, campaigns named after an area (平安河北) and the issuer's pronouns (我区)."""

from __future__ import annotations

import re

from ..doc import Meta, Token
from ..gazetteer import Gazetteer
from ..rules import Rules
from ..vocab import EntityClass
from .common import Candidate, CJK, PUNCT


_LEVEL_CHAR = {"province": "省", "city": "市", "county": "区", "town": "镇"}


def resolve_issuer(meta: Meta, norm: str, gaz: Gazetteer) -> str:
    """Key of the issuing area: the header's issuer string through the gazetteer, choosing
    between same-named areas by how often their parents are named in the text."""
    if not meta.issuer:
        return ""
    first = gaz.resolve_issuer(meta.issuer)
    if not first:
        return ""
    same = gaz.lookup(gaz.areas[first].name)
    if len(same) > 1 and gaz.areas[first].name == meta.issuer:
        return max(same, key=lambda k: (_parent_evidence(k, norm, gaz), -int(k.isdigit() and k or 0)))
    return first


def _parent_evidence(key: str, norm: str, gaz: Gazetteer) -> int:
    score = 0
    for parent in gaz.ancestors(key):
        area = gaz.areas[parent]
        for name in (area.name, *area.shorts):
            score += norm.count(name)
    return score


def choose_area(keys: list[str], issuer: str, norm: str, gaz: Gazetteer, before: str = "") -> str:
    """Pick one of several same-named areas: one whose parent is written right before it, else
    the one closest to the issuer, else the one whose parents the text names most."""
    if len(keys) == 1:
        return keys[0]
    if before:
        for key in keys:
            for parent in gaz.ancestors(key):
                area = gaz.areas[parent]
                if any(before.endswith(n) for n in (area.name, *area.shorts)):
                    return key
    issuer_chain = [issuer, *gaz.ancestors(issuer)] if issuer else []

    def score(key: str) -> tuple[int, int, int, str]:
        chain = [key, *gaz.ancestors(key)]
        shared = sum(1 for k in chain if k in issuer_chain)
        level = {"province": 3, "city": 2, "county": 1}.get(gaz.areas[key].level, 0)
        return (shared, _parent_evidence(key, norm, gaz), level, key)

    return max(keys, key=score)


def find_areas(norm: str, tokens: tuple[Token, ...], gaz: Gazetteer, issuer: str, tags: dict[str, str],
               freq: dict[str, int] | None = None) -> list[Candidate]:
    starts = {t.start for t in tokens}
    ends = {t.end for t in tokens}
    by_start = {t.start: t for t in tokens}
    towns = {gaz.areas[k].name: k for k in _issuer_towns(gaz, issuer)}
    home = {issuer, *gaz.ancestors(issuer)} if issuer else set()
    prefixes = gaz.prefixes
    town_prefixes = {name[:k] for name in towns for k in range(2, len(name) + 1)}
    out: list[Candidate] = []
    i, n = 0, len(norm)
    while i < n:
        if not CJK.match(norm[i]):
            i += 1
            continue
        found = None
        longest = 1
        for length in range(2, min(20, n - i) + 1):
            piece = norm[i : i + length]
            if piece not in prefixes and piece not in town_prefixes:
                break
            longest = length
        for length in range(longest, 1, -1):
            piece = norm[i : i + length]
            if piece in towns:
                found = (length, [towns[piece]], False)
                break
            full = gaz.full.get(piece)
            if full and length == 2 and (tags.get(piece, "ns") != "ns" or i not in starts or i + 2 not in ends):
                full = None  # a two-character official name that is a common word or part of one (城区, 完成县级)
            elif full and length == 3 and (i not in starts or (i + 3 not in ends and i + 3 < n and CJK.match(norm[i + 3]))):
                full = None  # a short official name across word boundaries (新增城区 is not 增城区)
            if full:
                full = [k for k in full if gaz.areas[k].level != "town"
                        and (length > 2 or _short_in_scope(k, issuer, gaz, out, i, norm)
                             or any(norm.startswith(gaz.areas[t].name, i + length) for t in gaz.towns.get(k, [])))]
                # 产业兴县: not 兴县 of another province (but 歙县|深渡镇 is the county before its township)
                if full:
                    found = (length, full, False)
                    break
            short = gaz.short.get(piece)
            if short and _short_ok(norm, i, i + length, piece, starts, ends, tags, gaz, short, out, home, issuer, freq):
                found = (length, short, True)
                break
        if found:
            length, keys, _ = found
            end = i + length
            # a short form plus a generic level suffix: 鄂伦春 + 旗 for 鄂伦春自治旗
            before = norm[max(0, i - 8) : i]
            key = choose_area(keys, issuer, norm, gaz, before)
            area = gaz.areas[key]
            if end < n and norm[end] in "省市区县旗盟州" and found[2] and area.name.endswith(norm[end]):
                end += 1
            if found[2] and not _short_in_scope(key, issuer, gaz, out, i, norm):
                i += 1
                continue
            if norm.startswith("段", end):
                i = end
                continue  # 省道242高唐段, （米易段）: a section of a road or a pipeline, named after the area
            after = by_start.get(end)
            if (found[2] and after is not None and after.pos == "x" and len(after.text) >= 2 and CJK.match(after.text[0])
                    and tags.get(after.text[0]) not in ("d", "f")):  # (but 北京|更多…, 阜平|东口 name the area)
                i = end
                continue  # 北京|央厨, 山东|手造: a short form before a word jieba does not know opens a brand
            out.append(Candidate(i, end, EntityClass.AREA, "gazetteer", area.name, key, norm[i:end]))
            i = end
        else:
            i += 1
    out.extend(_towns_after_their_county(norm, out, gaz))
    out.extend(_provinces_of_a_country(norm, out, gaz))
    out.extend(_town_stems(norm, out, towns, gaz, starts, ends))
    out.extend(_listed_town_stems(norm, out, towns, gaz, starts, ends))
    out.extend(_new_areas(norm, tokens))
    out.extend(_regions(norm, tokens, gaz))
    return out


def _town_stems(norm: str, found: list[Candidate], towns: dict[str, str], gaz: Gazetteer, starts: set[int],
                ends: set[int]) -> list[Candidate]:
    """Townships listed before the last one, which alone carries the level (什刹海、展览路和广外街道;
    城南庄、龙泉关和王林口镇): a member is the issuer's township whose name is the member plus that
    level; the last member is a township too, with its code where the tables know its name."""
    if not towns:
        return []
    taken = {(c.start, c.end) for c in found}
    out = []
    for m in re.finditer("街道|镇|乡", norm):
        level = m.group()
        last = next((m.start() - n for n in range(2, 6) if m.start() - n > 0 and norm[m.start() - n - 1] in "、和及与"
                     and all(CJK.match(ch) for ch in norm[m.start() - n : m.start()])), -1)
        members = []
        pos = last
        while pos > 0 and norm[pos - 1] in "、和及与":
            stem = next((norm[pos - 1 - n : pos - 1] for n in range(5, 1, -1) if norm[pos - 1 - n : pos - 1] + level in towns), "")
            if not stem:
                break
            members.append((pos - 1 - len(stem), pos - 1, towns[stem + level]))
            pos -= 1 + len(stem)
        if last < 0 or not members:
            continue
        name = norm[last : m.end()]
        if name not in towns and (last not in starts or m.end() not in ends or (
                m.start() not in starts and not starts.isdisjoint(range(last + 1, m.end())))):
            continue  # an unknown last member is a word of its own, with its level (白云|撤乡 is no township)
        out.append(Candidate(last, m.end(), EntityClass.AREA, "gazetteer", name, towns.get(name, ""), name))
        out += [Candidate(a, b, EntityClass.AREA, "gazetteer", gaz.areas[key].name, key, norm[a:b])
                for a, b, key in members if (a, b) not in taken]
    return out


def _towns_after_their_county(norm: str, found: list[Candidate], gaz: Gazetteer) -> list[Candidate]:
    """A township written right after its county (阜平县城南庄镇, 歙县深渡镇): the tables know the
    county's townships, so the next name that is one of them is that township, wherever the county is."""
    out = []
    taken = {c.start for c in found}
    for c in found:
        area = gaz.areas.get(c.code) if c.code else None
        if area is None or area.level != "county" or c.end in taken:
            continue
        names = {gaz.areas[k].name for k in gaz.towns.get(c.code, [])}
        town = next((norm[c.end : c.end + n] for n in range(6, 1, -1) if norm[c.end : c.end + n] in names), "")
        if town:
            key = next(k for k in gaz.towns[c.code] if gaz.areas[k].name == town)
            out.append(Candidate(c.end, c.end + len(town), EntityClass.AREA, "gazetteer", town, key, town))
    return out


def _provinces_of_a_country(norm: str, found: list[Candidate], gaz: Gazetteer) -> list[Candidate]:
    """A province, state or city of another country written right after it (越南|谅山省, 俄罗斯|阿穆尔州):
    an area the tables do not list, named by its level."""
    taken = {c.start for c in found}
    return [Candidate(c.end, m.end(), EntityClass.AREA, "gazetteer", m.group(), "", m.group())
            for c in found if c.code in gaz.areas and gaz.areas[c.code].level == "country" and c.end not in taken
            and (m := _FOREIGN_PART.match(norm, c.end)) is not None]


_FOREIGN_PART = re.compile(r"[\u4e00-\u9fff]{2,4}?[省州市]")


def _listed_town_stems(norm: str, found: list[Candidate], towns: dict[str, str], gaz: Gazetteer, starts: set[int],
                       ends: set[int]) -> list[Candidate]:
    """The issuer's townships listed by their stems alone (安阳、白云撤乡建镇): every member of a list
    of two or more is a stem no other township of the issuer shares, a word of its own."""
    stems: dict[str, list[str]] = {}
    for name, key in towns.items():
        for level in ("街道", "镇", "乡"):
            if name.endswith(level) and len(name) - len(level) >= 2:
                stems.setdefault(name[: -len(level)], []).append(key)
    unique = {stem: keys[0] for stem, keys in stems.items() if len(keys) == 1}
    if not unique:
        return []
    taken = {c.start for c in found}
    pattern = "|".join(sorted(map(re.escape, unique), key=len, reverse=True))
    out = []
    for run in re.finditer(rf"(?:(?:{pattern})[、和])+(?:{pattern})(?!镇|乡|街道)", norm):
        members = [(m.start(), m.end()) for m in re.finditer(pattern, run.group())]
        spans = [(run.start() + a, run.start() + b) for a, b in members]
        if len(spans) < 2 or any(a not in starts or b not in ends for a, b in spans):
            continue
        out += [Candidate(a, b, EntityClass.AREA, "gazetteer", gaz.areas[unique[norm[a:b]]].name, unique[norm[a:b]], norm[a:b])
                for a, b in spans if a not in taken]
    return out


def _regions(norm: str, tokens: tuple[Token, ...], gaz: Gazetteer) -> list[Candidate]:
    """Joint regions named by their provinces' abbreviations (晋冀鲁豫, 陕甘宁; of two characters
    only what jieba knows as an abbreviation: 川渝, 港澳), and the national strategies named after
    them (川渝协同发展)."""
    out = []
    for tok in tokens:
        if (len(tok.text) < 3 and tok.pos != "j") or not gaz.region(tok.text) or gaz.lookup(tok.text):
            continue
        out.append(Candidate(tok.start, tok.end, EntityClass.AREA, "gazetteer", tok.text, ""))
        strategy = _REGION_STRATEGY.match(norm, tok.end)
        if strategy:
            out.append(Candidate(tok.start, strategy.end(), EntityClass.PROGRAM, "suffix", norm[tok.start : strategy.end()]))
    return out


_REGION_STRATEGY = re.compile(r"(?:协同发展|一体化(?:高质量)?发展)")


def _issuer_towns(gaz: Gazetteer, issuer: str) -> list[str]:
    if not issuer or issuer not in gaz.areas:
        return []
    area = gaz.areas[issuer]
    if area.level == "county":
        return gaz.towns.get(issuer, [])
    if area.level == "city":
        counties = [k for k, a in gaz.areas.items() if a.parent == issuer and a.level == "county"]
        return [t for c in counties for t in gaz.towns.get(c, [])]
    if area.level == "province" and issuer[2:4] == "00" and issuer in ("110000", "120000", "310000", "500000"):
        return []
    return []


def _short_ok(norm: str, start: int, end: int, piece: str, starts: set[int], ends: set[int],
              tags: dict[str, str], gaz: Gazetteer, keys: list[str], found: list[Candidate], home: set[str],
              issuer: str = "", freq: dict[str, int] | None = None) -> bool:
    """A short form (阜平, 门头沟) is an area only where it stands as a word of its own and is
    not a common word (a place name to jieba, unless it names the issuer or its parents), or
    right after the name of its province or city (河北阜平)."""
    freq = freq or {}
    if found and found[-1].end == start:
        parent = found[-1].code
        if any(parent in gaz.ancestors(k) for k in keys):
            return True
    previous = found[-1].code if found else ""
    if (previous in gaz.areas and 0 < start - found[-1].end <= 2 and not norm[found[-1].end : start].strip("、和及与")
            and any(gaz.areas[k].province == gaz.areas[previous].province for k in keys)):
        return True  # the next member of a list of areas in one province (阿荣旗、莫力达瓦旗)
    if start not in starts or (end not in ends and norm[end : end + 1] not in "省市区县旗盟州"):
        return False
    tag = tags.get(piece)
    # a city no other area shares the short name with, which jieba takes for a noun or a person (合肥 'n', 桂林 'nr')
    city = len(keys) == 1 and gaz.areas[keys[0]].level == "city" and tag in ("n", "nr", "nrt", "nz", "s") and freq.get(piece, 0) < 2000
    if (tag is not None and tag not in ("ns", "j") and freq.get(piece, 0) >= 100 and not city
            and not any(k in home or issuer in gaz.ancestors(k) for k in keys)):
        return False  # a common word (保定 'v', 和平 'nz'); a rare one (门头沟 'n') is the place
    nxt = norm[end : end + 1]
    return not (nxt and nxt in "路街道村镇乡河湖山桥庄寺园")


def _short_in_scope(key: str, issuer: str, gaz: Gazetteer, found: list[Candidate], start: int, norm: str = "") -> bool:
    """Short forms of areas outside the issuer's province count only for provinces and for cities
    no other area shares the short form with, or right after the name of a parent (河南邓州)."""
    area = gaz.areas[key]
    if area.level in ("province", "country") or not issuer:
        return True
    if area.level == "city" and norm[start : start + 2] in area.shorts and len(gaz.short.get(norm[start : start + 2], ())) == 1:
        return True  # a prefecture-level city known by one short name (成都, 昆明), wherever it is
    if found and found[-1].end == start and found[-1].code in gaz.ancestors(key):
        return True
    if (found and found[-1].code in gaz.areas and start - found[-1].end <= 2
            and not norm[found[-1].end : start].strip("、和及与,，") and gaz.areas[found[-1].code].province == area.province):
        return True  # a list of areas in one province: 内蒙古阿荣旗、莫力达瓦旗
    return area.province == gaz.areas[issuer].province if issuer in gaz.areas else False


def _new_areas(norm: str, tokens: tuple[Token, ...]) -> list[Candidate]:
    """State-level new areas (…新区) that the division tables do not list."""
    starts = {t.start: t for t in tokens}
    out = []
    for m in re.finditer(r"(?<!高)新区", norm):  # 高新区 is a kind of development zone
        for length in (4, 3, 2):
            start = m.start() - length
            tok = starts.get(start)
            if start >= 0 and tok is not None and all(CJK.match(ch) for ch in norm[start : m.start()]) and tok.pos not in ("v", "vn", "d", "a", "p", "c", "u", "uj"):
                out.append(Candidate(start, m.end(), EntityClass.AREA, "gazetteer", norm[start : m.end()], ""))
                break
    # its stem, standing alone where the report names the area again (落户雄安。联动雄安、…, 服务雄安的…)
    stems = {c.name[:-2]: c.name for c in out}
    for tok in tokens:
        name = stems.get(tok.text)
        if name and (tok.end == len(norm) or norm[tok.end] in PUNCT or norm[tok.end] in "和与及的"):
            out.append(Candidate(tok.start, tok.end, EntityClass.AREA, "gazetteer", name, "", tok.text))
    return out


def find_campaigns(norm: str, areas: list[Candidate], rules: Rules) -> list[Candidate]:
    """平安河北, 健康山东建设, “书香江苏”: a quality before an area's name names a campaign (a Program)
    where the phrase stands on its own: after a quote, a break or an opening verb, and before
    a break or 建设."""
    out = []
    for c in areas:
        if c.label != EntityClass.AREA or c.rule != "gazetteer" or c.start < 2:
            continue
        start = c.start - 2
        if norm[start : c.start] not in rules.campaign_prefixes:
            continue
        opens = start == 0 or not CJK.match(norm[start - 1]) or norm[:start].endswith(rules.openers)
        closes = c.end >= len(norm) or not CJK.match(norm[c.end]) or norm.startswith("建设", c.end)
        if opens and closes:
            out.append(Candidate(start, c.end, EntityClass.PROGRAM, "campaign", norm[start : c.end]))
    return out


def find_coref(norm: str, issuer_name: str, rules: Rules, issuer: str) -> list[Candidate]:
    """我区, 全市, 县政府, 我们 …: the issuer, by the level character its own name ends with."""
    if not issuer:
        return []
    chars = [issuer_name[-1]] if issuer_name and issuer_name[-1] in "省市区县旗州盟" else ["区", "县", "市", "旗"]
    words = sorted({t.replace("{L}", c) for t in rules.coref for c in chars}, key=len, reverse=True)
    pattern = "|".join(re.escape(w) for w in words)
    out = []
    for m in re.finditer(pattern, norm):
        out.append(Candidate(m.start(), m.end(), EntityClass.AREA, "coref", m.group(), issuer))
    return out
