"""emit: the shape of the graph (labels, codes, reports, evidence, observations) and IRIs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as NS
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from conftest import HOSTILE, ROOT, TINY
from kg_build.build import build
from kg_build.doc import Entity
from kg_build.emit import Minter, emit, merge_labels, new_graph, serialize, slug
from kg_build.vocab import DEFAULT_BASE, KG, EntityClass

ENTITY_CLASSES = {c.iri for c in EntityClass}


@pytest.fixture(scope="module")
def tiny(pipeline):  # type: ignore[no-untyped-def]
    from kg_build.load import read_report

    doc = pipeline(read_report(TINY))
    return doc, emit(doc, minter=Minter(), gazetteer_source="jionlp test")


def test_emit_every_entity_has_one_zh_label_and_a_class(tiny) -> None:  # type: ignore[no-untyped-def]
    doc, g = tiny
    minter = Minter()
    for entity in doc.entities:
        node = minter.entity(entity)
        labels = list(g.objects(node, RDFS.label))
        assert labels == [Literal(entity.name, lang="zh")]
        assert (node, RDF.type, entity.label.iri) in g
        assert {str(a) for a in g.objects(node, SKOS.altLabel)} == set(entity.aliases)


def test_emit_areas_carry_their_code_and_level(tiny) -> None:  # type: ignore[no-untyped-def]
    _, g = tiny
    area = URIRef(DEFAULT_BASE + "area/130630")
    assert g.value(area, KG.code) == Literal("130630")
    assert g.value(area, KG.level) == Literal("county")
    assert g.value(area, RDFS.label) == Literal("涞源县", lang="zh")
    assert (URIRef(DEFAULT_BASE + "area/iso-ru"), KG.code, Literal("RU")) in g


def test_emit_report_node(tiny) -> None:  # type: ignore[no-untyped-def]
    doc, g = tiny
    report = Minter().report(doc)
    assert str(report).startswith(DEFAULT_BASE + "report/2023-130630-")
    assert g.value(report, RDF.type) == KG.Report
    assert g.value(report, KG.title) == Literal("2023年河北省保定市涞源县人民政府工作报告", lang="zh")
    assert g.value(report, KG.year) == Literal("2023", datatype=NS.XSD.gYear)
    assert g.value(report, KG.date) == Literal("2023-01-12", datatype=NS.XSD.date)
    assert g.value(report, KG.issuer) == URIRef(DEFAULT_BASE + "area/130630")
    assert g.value(report, KG.sourceFile) == Literal("tiny_report.txt")
    assert str(g.value(report, KG.checksum)) == "sha256:" + doc.meta.sha256
    mentioned = set(g.objects(report, KG.mentions))
    assert URIRef(DEFAULT_BASE + "area/130630") in mentioned
    # every entity with a mention is mentioned by the report; parents from the gazetteer are not
    minter = Minter()
    assert {minter.entity(e) for e in doc.entities if e.mentions} <= mentioned
    assert URIRef(DEFAULT_BASE + "area/130000") in mentioned  # 河北 is written
    speaker = g.value(report, KG.speaker)
    assert g.value(speaker, RDFS.label) == Literal("赵明远", lang="zh")


def test_emit_relations_are_direct_triples_with_evidence(tiny) -> None:  # type: ignore[no-untyped-def]
    doc, g = tiny
    minter = Minter()
    report = minter.report(doc)
    assert doc.relations
    for rel in doc.relations:
        s, o = minter.key(rel.subject, doc.entity(rel.subject).label, doc.entity(rel.subject).name), \
            minter.key(rel.object, doc.entity(rel.object).label, doc.entity(rel.object).name)
        assert (s, rel.kind.iri, o) in g
        ev = minter.evidence(doc, rel)
        assert (ev, RDF.type, KG.Evidence) in g
        assert (g.value(ev, RDF.subject), g.value(ev, RDF.predicate), g.value(ev, RDF.object)) == (s, rel.kind.iri, o)
        if rel.derived:
            assert g.value(ev, KG.derivation) == KG.GazetteerDerivation
            assert g.value(ev, PROV.wasDerivedFrom) is None
            continue
        assert g.value(ev, KG.derivation) == (KG.NameDerivation if rel.by_name else KG.TextExtraction)
        assert g.value(ev, PROV.wasDerivedFrom) == report
        start, end = int(g.value(ev, KG.sentenceStart)), int(g.value(ev, KG.sentenceEnd))
        assert doc.text[start:end] == str(g.value(ev, KG.sentence))
        e_start, e_end = int(g.value(ev, KG.evidenceStart)), int(g.value(ev, KG.evidenceEnd))
        assert start <= e_start < e_end <= end
        assert g.value(ev, KG.planned) == Literal(rel.planned)


def test_emit_observations(tiny) -> None:  # type: ignore[no-untyped-def]
    doc, g = tiny
    nodes = set(g.subjects(RDF.type, KG.Observation))
    assert len(nodes) == len(doc.observations) > 0
    gdp = [n for n in nodes if str(g.value(g.value(n, KG.indicator), RDFS.label)) == "地区生产总值"
           and g.value(n, KG.period) == Literal("2022", datatype=NS.XSD.gYear)]
    assert len(gdp) == 1
    node = gdp[0]
    assert g.value(node, KG.value).toPython() == Decimal("85.6")
    assert g.value(node, KG.value).datatype == NS.XSD.decimal
    assert g.value(node, KG.unit) == Literal("亿元")
    assert g.value(node, KG.area) == URIRef(DEFAULT_BASE + "area/130630")
    assert g.value(node, KG.isTarget) == Literal(False)
    assert g.value(node, KG.normalizedValue).toPython() == Decimal("8560000000")
    assert g.value(node, PROV.wasDerivedFrom) == Minter().report(doc)
    assert "85.6亿元" in str(g.value(node, KG.sentence))
    target = [n for n in nodes if g.value(n, KG.isTarget) == Literal(True)]
    assert target and all(g.value(n, KG.period) == Literal("2023", datatype=NS.XSD.gYear) for n in target)


def test_emit_one_indicator_node_per_name(tiny) -> None:  # type: ignore[no-untyped-def]
    _, g = tiny
    labels = [str(g.value(i, RDFS.label)) for i in g.subjects(RDF.type, KG.Indicator)]
    assert len(labels) == len(set(labels))
    assert str(Minter().indicator("地区生产总值")) == str(Minter("http://other/").indicator("地区生产总值")).replace(
        "http://other/", DEFAULT_BASE)


def test_emit_iris_are_ascii_and_content_derived() -> None:
    minter = Minter()
    org = Entity("Organization:涞源县人民医院", EntityClass.ORGANIZATION, "涞源县人民医院")
    iri = minter.entity(org)
    assert str(iri).isascii()
    assert str(iri).startswith(DEFAULT_BASE + "organization/lai-yuan-xian-ren-min-yi-yuan-")
    assert iri == Minter().entity(org)  # same content, same IRI
    other = Entity("Organization:涞源县中医医院", EntityClass.ORGANIZATION, "涞源县中医医院")
    assert minter.entity(other) != iri
    assert minter.key("area:130630", EntityClass.AREA, "涞源县") == URIRef(DEFAULT_BASE + "area/130630")
    assert minter.key("area:130630/白石山镇", EntityClass.AREA, "白石山镇") == URIRef(
        DEFAULT_BASE + "area/130630-bai-shi-shan-zhen")
    assert minter.key("area:ISO:KR", EntityClass.AREA, "大韩民国") == URIRef(DEFAULT_BASE + "area/iso-kr")


def test_emit_same_name_in_two_classes_gets_two_iris() -> None:
    minter = Minter()
    a = minter.key("Program:金科新区", EntityClass.PROGRAM, "金科新区")
    b = minter.key("Place:金科新区", EntityClass.PLACE, "金科新区")
    assert a != b


@pytest.mark.parametrize("name", ["</script>", "<img src=x onerror=alert(1)>", "A&B “引号” 《书名》", "㐀𠀀"])
def test_emit_slug_is_ascii_for_any_name(name: str) -> None:
    text = slug(name)
    assert text.isascii() and text and " " not in text and "<" not in text


def test_emit_base_iri_is_configurable() -> None:
    minter = Minter("http://example.org/kg")
    assert minter.base == "http://example.org/kg/"
    assert str(minter.key("area:130630", EntityClass.AREA, "涞源县")) == "http://example.org/kg/area/130630"


def test_emit_merge_labels_keeps_one_label() -> None:
    g = new_graph(DEFAULT_BASE)
    node = URIRef(DEFAULT_BASE + "place/x")
    for label in ("白石山", "白石山景区"):
        g.add((node, RDFS.label, Literal(label, lang="zh")))
    g.add((node, SKOS.altLabel, Literal("白石山景区", lang="zh")))
    merge_labels(g)
    assert list(g.objects(node, RDFS.label)) == [Literal("白石山景区", lang="zh")]
    assert list(g.objects(node, SKOS.altLabel)) == [Literal("白石山", lang="zh")]


def test_emit_binds_only_core_prefixes_and_ours(tiny) -> None:  # type: ignore[no-untyped-def]
    _, g = tiny
    text = serialize(g).decode("utf-8")
    prefixes = {line.split()[1].rstrip(":") for line in text.splitlines() if line.startswith("@prefix")}
    assert prefixes <= {"kg", "rdf", "rdfs", "owl", "xsd", "skos", "prov", "dcterms", "dcat", "void", "area",
                        "document", "event", "evidence", "indicator", "observation", "organization", "person",
                        "place", "program", "report"}
    assert "schema" not in prefixes and "brick" not in prefixes


def test_emit_serialization_is_repeatable(tiny, pipeline) -> None:  # type: ignore[no-untyped-def]
    doc, g = tiny
    again = emit(doc, minter=Minter(), gazetteer_source="jionlp test")
    assert serialize(g) == serialize(again)


def test_emit_hostile_names_stay_literal_text(tmp_path: Path) -> None:
    result = build([HOSTILE / "script_names.txt"])
    assert not result.failures
    data = serialize(result.graph)
    g = Graph().parse(data=data, format="turtle")
    labels = {str(o) for o in g.objects(None, RDFS.label)}
    assert any("</script>" in label for label in labels), sorted(labels)
    assert any("<img" in label and "onerror=alert(1)>" in label for label in labels), sorted(labels)
    assert all(str(t).isascii() for t in g.all_nodes() if isinstance(t, URIRef))


def test_emit_vocabulary_matches_the_ontology() -> None:
    onto = Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    declared = {str(s) for s in onto.subjects() if str(s).startswith(str(KG._NS))}
    used = {str(KG[name]) for name in KG.__annotations__}
    assert used <= declared, sorted(used - declared)
