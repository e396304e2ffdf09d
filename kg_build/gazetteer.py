"""China's administrative divisions (GB/T 2260 codes and hierarchy) and the world's countries.

The data come from maintained packages, read once into an index of our own:
- jionlp's ``china_location`` table: province → city → county with official short forms and
  the townships (乡/镇/街道) under each county; read straight from the package's data file, so
  jionlp itself (and its slow recognizer) is never imported;
- jionlp's ``world_location`` table for countries' Chinese short and full names and their
  capitals, joined to ISO 3166-1 codes through pycountry's Chinese translations;
- jionlp's table of the provinces' one-character abbreviations (冀 for 河北, 津 for 天津), read
  from its rule module's source, which name joint regions (川渝, 粤港澳, 晋冀鲁豫); from the same
  module, China's family names, for people the tagger does not know.
"""

from __future__ import annotations

import ast
import gettext
import importlib.metadata
import importlib.util
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .errors import KgBuildError

LEVELS = ("province", "city", "county", "town")
_GENERIC_SHORT = re.compile(r"(?:新区|开发区|高新区|经开区|城区|郊区|矿区|林区|市辖区|省直辖|县|区|市|旗|省)$")
_SUFFIX = re.compile(r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|地区|新区|林区|省|市|区|县|旗|盟)$")


@dataclass(frozen=True, slots=True)
class Area:
    """One area; iterable as a plain tuple for the on-disk cache."""

    key: str  # "130624" (GB/T 2260), "130624/城南庄镇" (township), "ISO:KR" (country)
    name: str  # official full name
    level: str  # province, city, county, town, country, world-city
    parent: str = ""  # key of the parent area, "" at the top
    shorts: tuple[str, ...] = ()  # official and derived short forms
    code: str = ""  # GB/T 2260 or ISO 3166-1 code; "" for townships

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter((self.key, self.name, self.level, self.parent, list(self.shorts), self.code))

    @property
    def province(self) -> str:
        return self.key[:2] if self.key[:2].isdigit() else ""


@dataclass
class Gazetteer:
    """Areas by key, and every name and short form → candidate keys."""

    areas: dict[str, Area] = field(default_factory=dict)
    full: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    short: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    towns: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # county key → town keys
    province_aliases: dict[str, str] = field(default_factory=dict)  # 冀 → 130000
    source: str = ""

    def add(self, area: Area) -> None:
        self.areas[area.key] = area
        self.full[area.name].append(area.key)
        for s in area.shorts:
            if s != area.name:
                self.short[s].append(area.key)
        if area.level == "town":
            self.towns[area.parent].append(area.key)

    @property
    def prefixes(self) -> frozenset[str]:
        """Every prefix (of two characters or more) of every name and short form, so that a
        scan can stop as soon as no name can continue."""
        cached = self.__dict__.get("_prefixes")
        if cached is None:
            cached = frozenset(name[:n] for name in (*self.full, *self.short) for n in range(2, len(name) + 1))
            self.__dict__["_prefixes"] = cached
        return cached

    def ancestors(self, key: str) -> list[str]:
        chain: list[str] = []
        area = self.areas.get(key)
        while area and area.parent and area.parent not in chain and area.parent != key:
            chain.append(area.parent)
            area = self.areas.get(area.parent)
        return chain

    def chain_names(self, key: str) -> str:
        names = [self.areas[k].name for k in reversed([key, *self.ancestors(key)]) if k in self.areas]
        return "".join(names)

    def region(self, word: str) -> tuple[str, ...]:
        """Keys of the provinces a joint region is named by (川渝 → Sichuan, Chongqing), or ()
        when ``word`` is not made of two to four distinct one-character province abbreviations."""
        if not 2 <= len(word) <= 4 or len(set(word)) != len(word):
            return ()
        keys = tuple(self.province_aliases.get(ch, "") for ch in word)
        return keys if all(keys) else ()

    def lookup(self, name: str) -> list[str]:
        """Keys of areas with this full name or short form (full names first)."""
        return list(dict.fromkeys([*self.full.get(name, ()), *self.short.get(name, ())]))

    def resolve_issuer(self, text: str) -> str:
        """Key of the area a header names (e.g. "北京市西城区" → "110102"), or ""."""
        best = ""
        pos = 0
        parent = ""
        while pos < len(text):
            for length in range(min(len(text) - pos, 20), 1, -1):
                piece = text[pos : pos + length]
                keys = self.full.get(piece) or self.short.get(piece) or []
                if keys:
                    if parent:
                        inside = [k for k in keys if parent in self.ancestors(k)]
                        keys = inside or keys
                    keys = sorted(keys, key=lambda k: (self.areas[k].level == "town", k))
                    parent = best = keys[0]
                    pos += length
                    break
            else:
                pos += 1
        return best


def _data_dir() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise KgBuildError("the jionlp package is not installed; run `pip install jionlp` (its data is our gazetteer).")
    return Path(list(spec.submodule_search_locations)[0]) / "dictionary"


def _short_forms(name: str, official: str) -> tuple[str, ...]:
    forms = []
    if official and official != name and len(official) >= 2 and not _GENERIC_SHORT.search(official):
        forms.append(official)
    stripped = _SUFFIX.sub("", name)
    if len(stripped) >= 2 and stripped != name and not _GENERIC_SHORT.search(stripped):
        forms.append(stripped)
    return tuple(dict.fromkeys(forms))


def _read_china(gaz: Gazetteer, data: str) -> None:
    stack: list[str] = []  # keys by depth
    for line in data.splitlines():
        depth = len(line) - len(line.lstrip("\t"))
        if depth > 3 or not line.strip():
            continue  # villages are below what we link
        parts = line.strip().split("\t")
        name = parts[0]
        del stack[depth:]
        if depth < 3:
            code = parts[1][:6] if len(parts) > 1 else ""
            official = parts[2] if len(parts) > 2 else ""
            if name == "省直辖行政区划" or name == "市辖区":
                stack.append(stack[-1] if stack else "")
                continue
            parent = stack[-1] if stack else ""
            if not code or (parent and code == gaz.areas[parent].code):
                stack.append(parent)  # municipalities repeat themselves a level down; no code, no area
                continue
            level = LEVELS[depth] if not (depth == 1 and code[4:] != "00") else "county"
            gaz.add(Area(code, name, level, parent, _short_forms(name, official), code))
            stack.append(code)
        else:
            county = stack[-1] if stack else ""
            if county and re.search(r"(?:镇|乡|街道|苏木|地区办事处)$", name):
                gaz.add(Area(f"{county}/{name}", name, "town", county, ()))
            stack.append("")


def _iso_names() -> dict[str, str]:
    import pycountry

    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"], fallback=True)
    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            english = getattr(country, attr, None)
            if english:
                chinese = zh.gettext(english)
                if chinese != english:
                    table.setdefault(chinese, country.alpha_2)
    return table


def _read_world(gaz: Gazetteer, data: str) -> None:
    iso = _iso_names()
    for line in data.splitlines():
        parts = [p.strip() for p in line.split("\t")]
        if len(parts) < 2 or line.endswith(":"):
            continue
        short, full = parts[0], parts[1]
        if short == "中国":
            continue  # the country every report is in; not a foreign area
        code = iso.get(full) or iso.get(short) or ""
        key = f"ISO:{code}" if code else f"WORLD:{full}"
        shorts = (short,) if short != full and not (len(short) == 2 and short.startswith("中")) else ()
        gaz.add(Area(key, full, "country", "", shorts, code))
        cities = [parts[2]] if len(parts) > 2 and parts[2] else []
        if len(parts) > 3:
            cities += [c for c in parts[3].split("/") if c]
        for city in cities:
            if len(city) >= 2 and city not in gaz.full:
                gaz.add(Area(f"{key}/{city}", city, "world-city", key, ()))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The packages' tables, parsed once and then cached on disk (keyed by package versions)."""
    from .cache import cached

    base = _data_dir()
    identity = ("gazetteer-v1", importlib.metadata.version("jionlp"), importlib.metadata.version("pycountry"),
                (base / "china_location.zip").stat().st_size)
    rows = cached("gazetteer", identity, lambda: [tuple(a) for a in _build(base).areas.values()])
    gaz = Gazetteer(source=f"jionlp {importlib.metadata.version('jionlp')} china_location (GB/T 2260)")
    for key, name, level, parent, shorts, code in rows:
        gaz.add(Area(key, name, level, parent, tuple(shorts), code))
    gaz.full = dict(gaz.full)
    gaz.short = dict(gaz.short)
    gaz.towns = dict(gaz.towns)
    gaz.province_aliases = _province_aliases(gaz, base.parent / "rule" / "rule_pattern.py")
    return gaz


def _province_aliases(gaz: Gazetteer, module: Path) -> dict[str, str]:
    """One-character abbreviation → province key, from jionlp's pattern of the provinces' short
    names and its string of their abbreviations in the same order. Empty when the package no
    longer has them: regions are then not recognised."""
    values = _string_constants(module, ("CHINA_PROVINCE_SHORT_PATTERN", "CHINA_PROVINCE_ALIAS"))
    if len(values) < 2:
        return {}
    shorts = values["CHINA_PROVINCE_SHORT_PATTERN"].strip("()").split("|")
    chars = values["CHINA_PROVINCE_ALIAS"]
    keys = [next((k for k in gaz.lookup(short) if gaz.areas[k].level == "province"), "") for short in shorts]
    if len(keys) != len(chars) or not all(keys):
        return {}
    return dict(zip(chars, keys))


@lru_cache(maxsize=1)
def load_surnames() -> frozenset[str]:
    """China's one-character family names, from jionlp's table (百家姓); empty without it."""
    values = _string_constants(_data_dir().parent / "rule" / "rule_pattern.py", ("SINGLE_CHINESE_FAMILY_NAME",))
    return frozenset(values.get("SINGLE_CHINESE_FAMILY_NAME", ""))


def _string_constants(module: Path, names: tuple[str, ...]) -> dict[str, str]:
    """String constants of a module, read from its source (importing jionlp is slow)."""
    try:
        tree = ast.parse(module.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return {}
    out = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id in names:
                    try:
                        value = ast.literal_eval(node.value)
                    except ValueError:
                        continue
                    if isinstance(value, str):
                        out[target.id] = value
    return out


def _build(base: Path) -> Gazetteer:
    gaz = Gazetteer()
    with zipfile.ZipFile(base / "china_location.zip") as archive:
        name = archive.namelist()[0]
        with archive.open(name) as raw:
            _read_china(gaz, io.TextIOWrapper(raw, encoding="utf-8").read())
    _read_world(gaz, (base / "world_location.txt").read_text(encoding="utf-8"))
    return gaz
