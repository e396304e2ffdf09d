"""pipeline and build: ordered stages that name the culprit; building the development corpus
together (every file, issuer and year right, entities merged across reports)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from conftest import DEV, DEV_FILES
from kg_build.build import build, collect_inputs
from kg_build.emit import Minter, emit, merge_labels, new_graph, serialize
from kg_build.errors import StageError
from kg_build.pipeline import Pipeline, Stage, default_pipeline
from kg_build.vocab import DEFAULT_BASE, KG

from test_load import HEADERS


def _identity(doc):  # type: ignore[no-untyped-def]
    return doc


def test_pipeline_default_stage_order() -> None:
    assert default_pipeline().names == ("segment", "mentions", "link", "relations", "observe")


def test_pipeline_rejects_a_misordered_pipeline() -> None:
    stages = default_pipeline().stages
    with pytest.raises(StageError) as info:
        Pipeline([stages[0], stages[2], stages[1]])
    assert str(info.value) == ("stage 'link' requires 'mentions', which no earlier stage assigns; "
                               "put a stage that assigns 'mentions' before it.")


def test_pipeline_names_the_failing_stage_and_document(make_doc) -> None:  # type: ignore[no-untyped-def]
    def boom(doc):  # type: ignore[no-untyped-def]
        raise ValueError("no luck")

    doc = make_doc("我县经济稳步增长。", upto=None, path="reports/x.txt")
    pipeline = Pipeline([Stage("boom", boom, frozenset({"norm"}), frozenset())])
    with pytest.raises(StageError) as info:
        pipeline(doc)
    assert str(info.value) == "reports/x.txt: stage 'boom' failed: ValueError: no luck"
    assert isinstance(info.value.__cause__, ValueError)


def test_pipeline_rejects_a_stage_that_returns_no_doc(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("我县经济稳步增长。", upto=None, path="x.txt")
    pipeline = Pipeline([Stage("nothing", lambda d: None, frozenset(), frozenset())])  # type: ignore[arg-type,return-value]
    with pytest.raises(StageError) as info:
        pipeline(doc)
    assert str(info.value) == "x: stage 'nothing' returned a document that breaks an invariant: returned NoneType, not Doc"


def test_pipeline_check_mode_catches_a_stage_that_breaks_a_span(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("我县经济稳步增长。", upto="segment", path="x.txt")

    def shift(d):  # type: ignore[no-untyped-def]
        t = d.tokens[-1]
        return replace(d, tokens=(*d.tokens[:-1], replace(t, start=t.start + 1, end=t.end + 1)))

    stage = Stage("shift", shift, frozenset(), frozenset())
    with pytest.raises(StageError) as info:
        Pipeline([stage], check=True)(doc)
    assert str(info.value).startswith("x: stage 'shift' returned a document that breaks an invariant: token [")
    Pipeline([stage], check=False)(doc)  # without check mode the broken Doc passes through


def test_pipeline_stages_are_pure(make_doc) -> None:  # type: ignore[no-untyped-def]
    doc = make_doc("我县与门头沟区签订合作协议。", upto=None)
    before = doc.to_json()
    default_pipeline()(doc)
    assert doc.to_json() == before


def test_pipeline_collect_inputs_expands_directories_sorted(tmp_path: Path) -> None:
    files, failures = collect_inputs([DEV, tmp_path / "missing.txt", DEV_FILES[0]])
    assert files == DEV_FILES  # sorted, the repeated file once
    assert failures == [(tmp_path / "missing.txt", f"{tmp_path / 'missing.txt'}: no such file or directory.")]


def test_pipeline_build_equals_the_fixture_assembly(pipeline) -> None:  # type: ignore[no-untyped-def]
    """conftest assembles the development corpus from checked Docs the way build() does; prove it."""
    from kg_build.gazetteer import load_gazetteer
    from kg_build.load import read_report

    paths = [DEV / "2019_haidian_district_excerpt.txt", DEV / "2022_zhenglan_banner_excerpt.txt"]
    minter = Minter()
    graph = new_graph(minter.base)
    for path in paths:
        emit(pipeline(read_report(path)), minter=minter, gazetteer_source=load_gazetteer().source, graph=graph)
    merge_labels(graph)
    assert serialize(graph) == serialize(build(paths).graph)


# ----------------------------------------------------------------------------- the development corpus


def test_pipeline_dev_corpus_every_file_builds(dev_build) -> None:  # type: ignore[no-untyped-def]
    assert dev_build.failures == []
    assert dev_build.summary["reports"] == len(DEV_FILES) == 17
    assert sorted(Path(d.meta.source).name for d in dev_build.docs) == [p.name for p in DEV_FILES]


@pytest.fixture(scope="module")
def dev_graph(dev_build) -> Graph:  # type: ignore[no-untyped-def]
    return dev_build.graph()


def test_pipeline_dev_corpus_issuer_and_year_of_every_report(dev_graph: Graph) -> None:
    reports = {str(dev_graph.value(r, KG.sourceFile)): r for r in dev_graph.subjects(RDF.type, KG.Report)}
    assert set(reports) == {p.name for p in DEV_FILES}
    for name, report in reports.items():
        _, year, speaker, _, _, code = HEADERS[name]
        issuer = dev_graph.value(report, KG.issuer)
        assert issuer == URIRef(f"{DEFAULT_BASE}area/{code}"), name
        assert dev_graph.value(issuer, KG.code) == Literal(code)
        assert int(str(dev_graph.value(report, KG.year))) == year, name
        person = dev_graph.value(report, KG.speaker)
        assert person is not None and str(dev_graph.value(person, RDFS.label)) == speaker, name


def test_pipeline_dev_corpus_areas_are_merged_across_reports(dev_graph: Graph) -> None:
    baoding = URIRef(DEFAULT_BASE + "area/130600")
    reports = set(dev_graph.subjects(KG.mentions, baoding))
    assert len(reports) >= 5  # the Baoding counties and districts, and the province, name their city
    assert list(dev_graph.objects(baoding, RDFS.label)) == [Literal("保定市", lang="zh")]
    assert list(dev_graph.objects(baoding, RDF.type)) == [KG.AdministrativeArea]
    for area in set(dev_graph.subjects(RDF.type, KG.AdministrativeArea)):
        assert len(list(dev_graph.objects(area, RDFS.label))) == 1, area
        assert len(list(dev_graph.objects(area, KG.code))) <= 1, area


def test_pipeline_dev_corpus_other_entities_are_merged_across_reports(dev_graph: Graph) -> None:
    """Every entity node has one label, and some non-area entities are shared by several reports."""
    shared = []
    for node in set(dev_graph.objects(None, KG.mentions)):
        assert len(list(dev_graph.objects(node, RDFS.label))) == 1, node
        if dev_graph.value(node, KG.code) is None and len(set(dev_graph.subjects(KG.mentions, node))) >= 3:
            shared.append(str(dev_graph.value(node, RDFS.label)))
    assert shared, "no entity other than an area is shared by three reports"


def test_pipeline_dev_corpus_same_issuer_in_two_reports_is_one_node(dev_graph: Graph) -> None:
    dongcheng = URIRef(DEFAULT_BASE + "area/110101")
    assert len(set(dev_graph.subjects(KG.issuer, dongcheng))) == 2  # 2017 (traditional) and 2025
    assert list(dev_graph.objects(dongcheng, RDFS.label)) == [Literal("东城区", lang="zh")]


def test_pipeline_dev_corpus_areas_are_linked_to_their_codes(dev_graph: Graph) -> None:
    codes = {str(c) for c in dev_graph.objects(None, KG.code)}
    assert {"130624", "130607", "130608", "130633", "130636", "130683", "371526", "510421", "152530", "130828"} <= codes
