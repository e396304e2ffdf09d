"""link: mentions → one entity per real thing, canonical names, aliases, codes, definitions."""

from __future__ import annotations

import pytest

from conftest import ISSUER, TINY


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason="bug: " + reason)


def by_key(doc):  # type: ignore[no-untyped-def]
    return {e.key: e for e in doc.entities}


def test_link_short_and_full_forms_are_one_area_with_aliases(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("支持阜平和阜平县发展，助力河北阜平实现脱贫。", upto="link")
    fuping = by_key(doc)["area:130624"]
    assert (fuping.name, fuping.aliases, fuping.code, fuping.level) == ("阜平县", ("阜平",), "130624", "county")
    assert len(fuping.mentions) == 3
    assert by_key(doc)["area:130000"].aliases == ("河北",)


def test_link_a_new_area_and_its_stem_are_one_area(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("支持两江新区建设，一批企业落户两江。", upto="link")
    area = by_key(doc)["AdministrativeArea:两江新区"]
    assert (area.name, area.aliases, len(area.mentions)) == ("两江新区", ("两江",), 2)


def test_link_issuer_pronouns_are_mentions_but_not_aliases(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("我县经济稳步增长，全县人民共同努力，县政府大力支持。", upto="link")
    issuer = by_key(doc)[ISSUER]
    assert issuer.name == "涞源县"
    assert not {"我县", "全县", "县政府"} & set(issuer.aliases)
    texts = {doc.mentions[i].text for i in issuer.mentions}
    assert {"我县", "全县", "县政府"} <= texts


def test_link_issuer_is_an_entity_even_when_not_named(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("经济稳步增长。", header="各位代表：\n", upto="link", issuer="河北省保定市涞源县")
    assert doc.meta.issuer_code == "130630"
    assert ISSUER in by_key(doc)


def test_link_relative_names_are_completed_with_the_issuer(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("县住建局开展检查。", upto="link")
    org = by_key(doc)["Organization:涞源县住建局"]
    assert (org.name, org.aliases) == ("涞源县住建局", ("县住建局",))


def test_link_relative_names_in_a_list(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("县住建局、县财政局开展检查。", upto="link")
    assert {"Organization:涞源县住建局", "Organization:涞源县财政局"} <= set(by_key(doc))


@bug("link.canonical completes any name that starts with 县 with the issuer: 县域特色产业集群 → 涞源县域特色产业集群")
def test_link_county_wide_terms_are_not_completed(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(TINY.read_text(encoding="utf-8"), header="", upto="link")
    names = {e.name for e in doc.entities}
    assert "县域特色产业集群" in names
    assert "涞源县域特色产业集群" not in names


def test_link_abbreviations_defined_in_the_text_are_aliases(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("出台《关于支持民营经济发展的若干措施》(以下简称“民营十条”)，落实“民营十条”。", upto="link")
    policy = by_key(doc)["PolicyDocument:关于支持民营经济发展的若干措施"]
    assert "民营十条" in policy.aliases
    assert not any(e.name == "民营十条" for e in doc.entities)


def test_link_one_entity_per_name_in_a_report(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("推进北京金融科技与专业服务创新示范区(简称“金科新区”)建设。加快推动“金科新区”建设。", upto="link")
    owners: dict[str, set[str]] = {}
    for e in doc.entities:
        for surface in (e.name, *e.aliases):
            owners.setdefault(surface, set()).add(e.key)
    shared = {surface: keys for surface, keys in owners.items() if len(keys) > 1}
    assert not shared, shared


def test_link_glossary_definitions_are_attached(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(TINY.read_text(encoding="utf-8"), header="", upto="link")
    program = by_key(doc)["Program:清山绿水专项行动"]
    assert "修复矿山生态" in program.definition
    assert len(program.mentions) == 3


def test_link_townships_and_countries_keep_their_keys(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("支持白石山镇发展，与韩国开展经贸交流。", upto="link")
    keys = by_key(doc)
    assert keys["area:130630/白石山镇"].name == "白石山镇"
    assert (keys["area:ISO:KR"].name, keys["area:ISO:KR"].code, keys["area:ISO:KR"].aliases) == ("大韩民国", "KR", ("韩国",))


def test_link_entities_are_sorted_and_point_at_mentions(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc(TINY.read_text(encoding="utf-8"), header="", upto="link")
    keys = [e.key for e in doc.entities]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    used = [i for e in doc.entities for i in e.mentions]
    assert len(used) == len(set(used))
    assert set(used) == {i for i, m in enumerate(doc.mentions) if m.rule != "nested"}
