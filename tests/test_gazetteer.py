"""gazetteer: GB/T 2260 areas and countries from maintained packages, short forms, same names,
townships, and the issuer's area."""

from __future__ import annotations

import re

import pytest

from kg_build.mentions import choose_area


@pytest.mark.parametrize(
    ("name", "key", "full"),
    [
        ("门头沟", "110109", "门头沟区"),
        ("门头沟区", "110109", "门头沟区"),
        ("阜平", "130624", "阜平县"),
        ("涞源", "130630", "涞源县"),
        ("围场满族蒙古族自治县", "130828", "围场满族蒙古族自治县"),
        ("围场", "130828", "围场满族蒙古族自治县"),
        ("正蓝旗", "152530", "正蓝旗"),
        ("鄂伦春", "150723", "鄂伦春自治旗"),
        ("香港", "810000", "香港特别行政区"),
        ("东莞市", "441900", "东莞市"),
        ("河北", "130000", "河北省"),
        ("天津市", "120000", "天津市"),
        ("保定市", "130600", "保定市"),
        ("锡林郭勒盟", "152500", "锡林郭勒盟"),
    ],
)
def test_gazetteer_full_and_short_forms(gazetteer, name: str, key: str, full: str) -> None:  # type: ignore[no-untyped-def]
    keys = gazetteer.lookup(name)
    assert key in keys
    assert gazetteer.areas[key].name == full
    assert gazetteer.areas[key].code == key


def test_gazetteer_hierarchy(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert gazetteer.ancestors("130624") == ["130600", "130000"]
    assert gazetteer.ancestors("110109") == ["110000"]  # municipalities have no city level
    assert gazetteer.chain_names("130624") == "河北省保定市阜平县"
    assert gazetteer.areas["130624"].level == "county"
    assert gazetteer.areas["130600"].level == "city"
    assert gazetteer.areas["130000"].level == "province"


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("北京市西城区", "110102"),
        ("河北省保定市涞源县", "130630"),
        ("保定市清苑区", "130608"),
        ("涞源县", "130630"),
        ("内蒙古正蓝旗", "152530"),
        ("天津市", "120000"),
    ],
)
def test_gazetteer_resolves_a_header_issuer(gazetteer, text: str, key: str) -> None:  # type: ignore[no-untyped-def]
    assert gazetteer.resolve_issuer(text) == key


@pytest.mark.parametrize(
    ("name", "issuer", "key"),
    [
        ("朝阳区", "110102", "110105"),  # issuer in 北京市
        ("朝阳区", "220102", "220104"),  # issuer in 长春市
        ("和平区", "120103", "120101"),  # issuer in 天津市
        ("和平区", "210103", "210102"),  # issuer in 沈阳市
    ],
)
def test_gazetteer_same_names_are_told_apart_by_the_issuer(gazetteer, name: str, issuer: str, key: str) -> None:  # type: ignore[no-untyped-def]
    keys = [k for k in gazetteer.lookup(name) if k]
    assert key in keys and len(keys) >= 2
    assert choose_area(keys, issuer, "", gazetteer) == key


def test_gazetteer_same_names_are_told_apart_by_the_parent_written_before(gazetteer) -> None:  # type: ignore[no-untyped-def]
    keys = [k for k in gazetteer.lookup("朝阳区") if k]
    assert choose_area(keys, "130630", "", gazetteer, before="吉林长春") == "220104"
    assert choose_area(keys, "130630", "", gazetteer, before="北京市") == "110105"


def test_gazetteer_townships_under_their_county(gazetteer) -> None:  # type: ignore[no-untyped-def]
    towns = {gazetteer.areas[k].name for k in gazetteer.towns["130630"]}
    assert {"白石山镇", "银坊镇", "涞源镇"} <= towns
    assert "130630/白石山镇" in gazetteer.lookup("白石山镇")
    assert gazetteer.ancestors("130630/白石山镇")[0] == "130630"
    # a township name that exists in several counties
    assert len(gazetteer.lookup("白石山镇")) >= 2


@pytest.mark.parametrize(
    ("name", "iso", "full"),
    [("韩国", "KR", "大韩民国"), ("日本", "JP", "日本国"), ("美国", "US", "美利坚合众国"),
     ("俄罗斯", "RU", "俄罗斯联邦"), ("蒙古国", "MN", "蒙古国")],
)
def test_gazetteer_countries_with_iso_codes(gazetteer, name: str, iso: str, full: str) -> None:  # type: ignore[no-untyped-def]
    key = f"ISO:{iso}"
    assert key in gazetteer.lookup(name)
    area = gazetteer.areas[key]
    assert (area.name, area.code, area.level) == (full, iso, "country")


def test_gazetteer_foreign_capital_is_under_its_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    keys = gazetteer.lookup("乌兰巴托")
    assert keys and gazetteer.ancestors(keys[0]) == ["ISO:MN"]


def test_gazetteer_china_is_not_a_foreign_country(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert not any(k.startswith(("ISO:", "WORLD:")) for k in gazetteer.lookup("中国"))


def test_gazetteer_is_read_from_the_package_data(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert gazetteer.source.startswith("jionlp ")
    counties = [a for a in gazetteer.areas.values() if a.level == "county"]
    assert len(counties) > 2800  # a hand-typed list would not be this long


def test_gazetteer_codes_are_six_digits(gazetteer) -> None:  # type: ignore[no-untyped-def]
    chinese = [a for a in gazetteer.areas.values() if a.level in ("province", "city", "county") and a.key[:1].isdigit()]
    assert all(re.fullmatch(r"\d{6}", a.code) and a.code == a.key for a in chinese)


def test_gazetteer_every_area_has_a_key(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert "" not in gazetteer.areas
    assert all("" not in keys for keys in gazetteer.full.values())


def _cycles(gaz) -> list[str]:  # type: ignore[no-untyped-def]
    bad = []
    for key in gaz.areas:
        seen = set()
        while key and key not in seen:
            seen.add(key)
            area = gaz.areas.get(key)
            key = area.parent if area else ""
        if key:
            bad.append(key)
    return sorted(set(bad))


def test_gazetteer_has_no_parent_cycles(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert _cycles(gazetteer) == []


@pytest.mark.parametrize(("name", "key"), [("东莞市", "441900"), ("中山市", "442000"), ("嘉峪关市", "620200")])
def test_gazetteer_cities_without_counties_keep_their_name(gazetteer, name: str, key: str) -> None:  # type: ignore[no-untyped-def]
    assert gazetteer.lookup(name) == [key]
    assert gazetteer.areas[key].name == name
    assert gazetteer.areas[key].level == "city"


def test_gazetteer_is_loaded_once(gazetteer) -> None:  # type: ignore[no-untyped-def]
    from kg_build.gazetteer import load_gazetteer

    assert load_gazetteer() is gazetteer


@pytest.mark.parametrize(
    ("word", "provinces"),
    [("京津冀", ("北京市", "天津市", "河北省")), ("晋冀鲁豫", ("山西省", "河北省", "山东省", "河南省")),
     ("川渝", ("四川省", "重庆市")), ("粤港澳", ("广东省", "香港特别行政区", "澳门特别行政区"))],
)
def test_gazetteer_joint_regions_by_province_abbreviations(gazetteer, word: str, provinces: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    assert tuple(gazetteer.areas[k].name for k in gazetteer.region(word)) == provinces


@pytest.mark.parametrize("word", ["京京", "京津冀鲁豫", "河北", "京城", "冀"])
def test_gazetteer_no_region_without_distinct_abbreviations(gazetteer, word: str) -> None:  # type: ignore[no-untyped-def]
    assert gazetteer.region(word) == ()


def test_gazetteer_family_names_come_from_the_package() -> None:
    from kg_build.gazetteer import load_surnames

    surnames = load_surnames()
    assert {"王", "李", "吕", "张"} <= surnames and len(surnames) > 100
    assert not {"的", "县", "区"} & surnames
