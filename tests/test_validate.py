"""SHACL validation (ontology/shapes.ttl) and the readable report: a small valid graph conforms,
and each kind of breakage is reported with the offending node and the rule it breaks."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS
import rdflib.namespace as rns

from kg_build import errors
from kg_build.cli import main
from kg_build.errors import InputError
from kg_build.validate import load_built_graph, validate_dir, validate_graph
from kg_build.vocab import DEFAULT_BASE, KG

ROOT = Path(__file__).resolve().parent.parent
B = DEFAULT_BASE
REPORT = URIRef(B + "report/2019-110102-00000000")
AREA = URIRef(B + "area/110102")
OTHER = URIRef(B + "area/110109")
PROGRAM = URIRef(B + "program/x-1234abcd")
EVIDENCE = URIRef(B + "evidence/aaaaaaaaaa")
OBSERVATION = URIRef(B + "observation/bbbbbbbbbb")
INDICATOR = URIRef(B + "indicator/gdp-cccccc")


def tiny_graph() -> Graph:
    """A hand-made graph with one of each kind of node, shaped as emit.py shapes them."""
    g = Graph(bind_namespaces="core")
    g.bind("kg", KG._NS)
    add = g.add
    add((REPORT, RDF.type, KG.Report))
    add((REPORT, RDFS.label, Literal("2019年某区政府工作报告", lang="zh")))
    add((REPORT, KG.title, Literal("2019年某区政府工作报告", lang="zh")))
    add((REPORT, KG.year, Literal("2019", datatype=rns.XSD.gYear)))
    add((REPORT, KG.sourceFile, Literal("r.txt")))
    add((REPORT, KG.checksum, Literal("sha256:" + "0" * 64)))
    add((REPORT, KG.issuer, AREA))
    for node, name, code in ((AREA, "甲区", "110102"), (OTHER, "乙区", "110109")):
        add((node, RDF.type, KG.AdministrativeArea))
        add((node, RDFS.label, Literal(name, lang="zh")))
        add((node, KG.code, Literal(code)))
        add((REPORT, KG.mentions, node))
    add((OTHER, SKOS.altLabel, Literal("乙", lang="zh")))
    add((PROGRAM, RDF.type, KG.Program))
    add((PROGRAM, RDFS.label, Literal("某工程", lang="zh")))
    add((REPORT, KG.mentions, PROGRAM))
    add((AREA, KG.partnersWith, OTHER))
    add((EVIDENCE, RDF.type, KG.Evidence))
    add((EVIDENCE, RDF.subject, AREA))
    add((EVIDENCE, RDF.predicate, KG.partnersWith))
    add((EVIDENCE, RDF.object, OTHER))
    add((EVIDENCE, KG.derivation, KG.TextExtraction))
    add((EVIDENCE, PROV.wasDerivedFrom, REPORT))
    for node in (EVIDENCE, OBSERVATION):
        add((node, KG.sentence, Literal("与乙区签署合作协议。", lang="zh")))
        add((node, KG.sentenceStart, Literal(10)))
        add((node, KG.sentenceEnd, Literal(20)))
        add((node, KG.evidenceStart, Literal(11)))
        add((node, KG.evidenceEnd, Literal(18)))
    add((INDICATOR, RDF.type, KG.Indicator))
    add((INDICATOR, RDFS.label, Literal("地区生产总值", lang="zh")))
    add((OBSERVATION, RDF.type, KG.Observation))
    add((OBSERVATION, KG.indicator, INDICATOR))
    add((OBSERVATION, KG.area, AREA))
    add((OBSERVATION, KG.period, Literal("2018", datatype=rns.XSD.gYear)))
    add((OBSERVATION, KG.value, Literal(Decimal("1.5"))))
    add((OBSERVATION, KG.unit, Literal("亿元")))
    add((OBSERVATION, KG.isTarget, Literal(False)))
    add((OBSERVATION, PROV.wasDerivedFrom, REPORT))
    return g


def test_validate_tiny_graph_conforms() -> None:
    report = validate_graph(tiny_graph(), check_owl=False)
    assert report.violations == ()
    assert report.conforms
    assert report.text().endswith("conforms")


def _set(node: URIRef, prop: URIRef, value: object) -> Callable[[Graph], None]:
    def change(g: Graph) -> None:
        g.remove((node, prop, None))
        if value is not None:
            g.add((node, prop, value))  # type: ignore[arg-type]
    return change


BROKEN: list[tuple[str, Callable[[Graph], None], str, str, str]] = [
    # (case, mutation, offending node, rule, path or text in the message)
    ("entity without label", _set(PROGRAM, RDFS.label, None), "program:x-1234abcd", "ks:EntityLabel", "rdfs:label"),
    ("two rdfs:labels", lambda g: g.add((AREA, RDFS.label, Literal("另一个名字", lang="zh"))), "area:110102",
     "ks:EntityLabel", "exactly one rdfs:label"),
    ("label not @zh", _set(OTHER, RDFS.label, Literal("Yi District", lang="en")), "area:110109", "ks:EntityLabel", "@zh"),
    ("observation without value", _set(OBSERVATION, KG.value, None), "observation:bbbbbbbbbb", "ks:ObservationShape",
     "kg:value"),
    ("value not a decimal", _set(OBSERVATION, KG.value, Literal("1.5亿")), "observation:bbbbbbbbbb",
     "ks:ObservationShape", "xsd:decimal"),
    ("relation to an untyped node", lambda g: g.add((AREA, KG.assists, URIRef(B + "area/999999"))), "area:999999",
     "ks:RelationEndsShape", "typed entities"),
    ("entity in two classes", lambda g: g.add((PROGRAM, RDF.type, KG.Event)), "program:x-1234abcd", "ks:EntityShape",
     "exactly one of the seven"),
    ("range of implements", lambda g: g.add((AREA, KG.implements, OTHER)), "area:110109", "ks:Range-implements",
     "kg:Program"),
    ("evidence for an unasserted relation", lambda g: g.remove((AREA, KG.partnersWith, OTHER)), "evidence:aaaaaaaaaa",
     "ks:EvidenceAsserted", "not asserted"),
    ("text evidence without its report", _set(EVIDENCE, PROV.wasDerivedFrom, None), "evidence:aaaaaaaaaa",
     "ks:TextEvidenceTraced", "prov:wasDerivedFrom"),
    ("offsets out of order", _set(EVIDENCE, KG.evidenceEnd, Literal(5)), "evidence:aaaaaaaaaa", "ks:EvidenceShape",
     "not after"),
    ("bad checksum", _set(REPORT, KG.checksum, Literal("md5:abc")), "report:2019-110102-00000000", "ks:ReportShape",
     "sha256"),
    ("code on a program", lambda g: g.add((PROGRAM, KG.code, Literal("110102"))), "program:x-1234abcd",
     "ks:Domain-code", "only a kg:AdministrativeArea has kg:code"),
    ("area code malformed", _set(AREA, KG.code, Literal("1101")), "area:110102", "ks:AreaShape", "GB/T 2260"),
]


@pytest.mark.parametrize("case, mutate, node, rule, text", BROKEN, ids=[b[0] for b in BROKEN])
def test_validate_broken_graph_names_node_and_rule(case: str, mutate: Callable[[Graph], None], node: str,
                                                  rule: str, text: str) -> None:
    g = tiny_graph()
    mutate(g)
    report = validate_graph(g, check_owl=False)
    assert not report.conforms
    hits = [v for v in report.violations if v.focus == node and v.shape == rule]
    assert hits, report.text()
    assert any(text in v.text() for v in hits), report.text()
    assert f"{node}" in report.text() and f"(rule {rule})" in report.text()


def test_validate_cli_exit_codes(tmp_path: Path) -> None:
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    tiny_graph().serialize(good / "kg.ttl", format="turtle")
    broken = tiny_graph()
    broken.remove((PROGRAM, RDFS.label, None))
    broken.serialize(bad / "kg.ttl", format="turtle")
    runner = CliRunner()
    ok = runner.invoke(main, ["validate", "--out", str(good), "--no-owl"])
    assert ok.exit_code == 0, ok.output
    assert "0 SHACL violation(s)" in ok.output and ok.output.strip().endswith("conforms")
    failed = runner.invoke(main, ["validate", "--out", str(bad), "--no-owl"])
    assert failed.exit_code == 1
    assert "Violation: program:x-1234abcd" in failed.output
    assert "(rule ks:EntityLabel)" in failed.output
    assert "Error: " in failed.output and "1 violation(s)" in failed.output


def test_validate_missing_graph_message(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_built_graph(tmp_path)
    assert str(info.value) == errors.NO_GRAPH.format(path=tmp_path / "kg.ttl", out=tmp_path)
    assert "run `kg-build build --out" in str(info.value)


@pytest.fixture(scope="module")
def seed_out(seed_build: tuple[object, Path]) -> Path:
    return seed_build[1]  # conftest's session build of seeds/ (read only here)


def test_validate_seed_conforms(seed_out: Path) -> None:
    report = validate_dir(seed_out, check_owl=True)
    assert report.ontology_problems == ()
    assert report.violations == (), report.text()


def test_validate_seed_has_no_other_violations(seed_out: Path) -> None:
    report = validate_dir(seed_out, check_owl=False)
    others = [v for v in report.violations if v.shape != "ks:Range-implements"]
    assert others == [], report.text()
    assert report.triples > 1000
