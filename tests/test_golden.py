"""Goldens and determinism: the tiny report's exact graph, the seed's reviewed summary, byte-identical
rebuilds under any PYTHONHASHSEED, ASCII IRIs, the shared contract check, and the seed's key facts."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import RDF, RDFS

from conftest import GOLDEN, ROOT, SHARED, TINY, VENV_PYTHON
from kg_build.build import build
from kg_build.emit import serialize
from kg_build.vocab import KG, EntityClass

KG_NS = str(KG._NS)


def _diff(expected: Graph, got: Graph, limit: int = 40) -> str:
    _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
    lines = []
    for sign, graph in (("-", only_expected), ("+", only_got)):
        # facts about entities first, then the evidence and observation records
        ordered = sorted(graph, key=lambda t: ("/evidence/" in str(t[0]) or "/observation/" in str(t[0]),
                                               tuple(str(x) for x in t)))
        for s, p, o in ordered[:limit]:
            lines.append(f"{sign} {s.n3()} {p.n3()} {o.n3()}")
    return "\n".join(lines)


def _check_golden(path: Path, data: bytes, update: bool) -> None:
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert path.is_file(), f"no golden {path.name}; run pytest --update-golden and review the diff"


def test_golden_tiny_report_graph(update_golden: bool) -> None:
    data = serialize(build([TINY]).graph)
    path = GOLDEN / "tiny_report.ttl"
    _check_golden(path, data, update_golden)
    expected = Graph().parse(path, format="turtle")
    got = Graph().parse(data=data, format="turtle")
    assert to_isomorphic(expected) == to_isomorphic(got), (
        "tiny report graph differs from tests/golden/tiny_report.ttl "
        "(- only in golden, + only in the build; review, then pytest --update-golden):\n" + _diff(expected, got))


def test_golden_tiny_report_rebuild_is_byte_identical() -> None:
    assert serialize(build([TINY]).graph) == serialize(build([TINY]).graph)


def _summary(graph: Graph) -> dict[str, object]:
    classes: Counter[str] = Counter()
    labels: dict[str, list[str]] = {}
    for cls in [c.value for c in EntityClass] + ["Report", "Indicator", "Observation"]:
        nodes = set(graph.subjects(RDF.type, URIRef(KG_NS + cls)))
        classes[cls] = len(nodes)
        if cls not in ("Report", "Observation"):
            labels[cls] = sorted(str(graph.value(n, RDFS.label)) for n in nodes)
    relations = Counter(str(p)[len(KG_NS):] for _, p, _ in graph if str(p)[len(KG_NS):] in
                        {"partnersWith", "assists", "supports", "locatedIn", "establishes", "hosts", "enacts",
                         "implements"} and str(p).startswith(KG_NS))
    return {"classes": dict(sorted(classes.items())), "relations": dict(sorted(relations.items())), "labels": labels}


def test_golden_seed_summary(seed_graph: Graph, update_golden: bool) -> None:
    got = _summary(seed_graph)
    path = GOLDEN / "seed_summary.json"
    data = (json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    _check_golden(path, data, update_golden)
    expected = json.loads(path.read_text(encoding="utf-8"))
    if got != expected:
        lines = []
        for cls in sorted(set(expected["labels"]) | set(got["labels"])):
            old, new = set(expected["labels"].get(cls, [])), set(got["labels"].get(cls, []))
            lines += [f"{cls}: - {x}" for x in sorted(old - new)] + [f"{cls}: + {x}" for x in sorted(new - old)]
        raise AssertionError("seed summary differs from tests/golden/seed_summary.json (review, then pytest "
                             f"--update-golden):\nclasses {expected['classes']} → {got['classes']}\n"
                             f"relations {expected['relations']} → {got['relations']}\n" + "\n".join(lines[:80]))


def test_golden_seed_is_byte_identical_under_any_hash_seed(seed_build, subprocess_seed_builds) -> None:  # type: ignore[no-untyped-def]
    in_process = (seed_build[1] / "kg.ttl").read_bytes()
    for proc, out in subprocess_seed_builds:
        assert proc.returncode == 0, proc.stderr
        assert (out / "kg.ttl").read_bytes() == in_process, f"{proc.args[0]} under another PYTHONHASHSEED differs"


def test_golden_all_iris_are_ascii(seed_graph: Graph) -> None:
    bad = sorted({str(t) for t in seed_graph.all_nodes() if isinstance(t, URIRef) and not str(t).isascii()})
    assert bad == []
    tiny = build([TINY]).graph
    assert all(str(t).isascii() for t in tiny.all_nodes() if isinstance(t, URIRef))


def test_golden_seed_passes_the_shared_contract_check(seed_build) -> None:  # type: ignore[no-untyped-def]
    tool = SHARED / "tools" / "contract-check"
    if not SHARED.is_dir():
        pytest.skip("../shared is not here (a clone without the project's sibling folder)")
    proc = subprocess.run([str(VENV_PYTHON), str(tool), str(seed_build[1]), str(ROOT / "ontology")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "contract holds" in proc.stdout


SEED_FACTS = """
PREFIX kg: <https://w3id.org/kg-build/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?kind ?subject ?object ?sclass ?oclass ?code ?sentence WHERE {
  ?s rdfs:label ?subject ; a ?sclass .
  ?o rdfs:label ?object ; a ?oclass ; kg:code ?code .
  ?s ?p ?o .
  VALUES ?p { kg:partnersWith kg:assists }
  BIND(STRAFTER(STR(?p), "#") AS ?kind)
  ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:sentence ?sentence ;
      prov:wasDerivedFrom ?report .
  ?report a kg:Report ; kg:issuer ?s .
}
"""


@pytest.fixture(scope="module")
def seed_facts(seed_graph: Graph) -> dict[tuple[str, str, str], tuple[set[str], set[str]]]:
    facts: dict[tuple[str, str, str], tuple[set[str], set[str]]] = {}
    rows = seed_graph.query(SEED_FACTS, initNs={"rdf": RDF})
    for row in rows:
        key = (str(row.kind), str(row.subject), str(row.object))
        classes, sentences = facts.setdefault(key, (set(), set()))
        classes.add(f"{str(row.sclass).split('#')[-1]}→{str(row.oclass).split('#')[-1]}:{row.code}")
        sentences.add(str(row.sentence))
    return facts


@pytest.mark.parametrize(
    ("kind", "obj", "code"),
    [("partnersWith", "门头沟区", "110109"), ("assists", "阜平县", "130624"), ("assists", "张北县", "130722")],
)
def test_golden_seed_key_relations(seed_facts, kind: str, obj: str, code: str) -> None:  # type: ignore[no-untyped-def]
    key = (kind, "西城区", obj)
    assert key in seed_facts, sorted(seed_facts)
    classes, sentences = seed_facts[key]
    assert f"AdministrativeArea→AdministrativeArea:{code}" in classes
    assert any(obj[:2] in s for s in sentences)


def test_golden_seed_all_paired_assistance_areas(seed_facts) -> None:  # type: ignore[no-untyped-def]
    assisted = {o for k, s, o in seed_facts if k == "assists" and s == "西城区"}
    assert {"张北县", "阜平县", "喀喇沁旗", "鄂伦春自治旗", "囊谦县", "邓州市"} <= assisted


def test_golden_tiny_report_has_every_entity_class() -> None:
    g = build([TINY]).graph
    for cls in EntityClass:
        assert any(True for _ in g.subjects(RDF.type, cls.iri)), cls.value


def test_golden_tiny_report_has_every_relation_kind() -> None:
    g = build([TINY]).graph
    kinds = {str(p)[len(KG_NS):] for _, p, _ in g if str(p).startswith(KG_NS)}
    assert {"partnersWith", "assists", "supports", "locatedIn", "establishes", "hosts", "enacts", "implements"} <= kinds


# labels seen in the seed's graph that are clause fragments, not names (reviewed in seed_summary.json)
SEED_FRAGMENTS = {
    "Event": ["为庆祝新中国成立70周年", "今年是新中国成立70周年", "以优异成绩庆祝新中国成立70周年",
              "围绕庆祝新中国成立70周年", "绕庆祝中华人民共和国成立70周年", "组织开展庆祝改革开放40周年", "精简会议"],
    "Organization": ["不断加强政府", "不断改进政府", "指街道纪工委", "规范民办幼儿园", "19部", "高科技", "金融监管科技"],
    "Place": ["5是指从市场", "着力缓解入园", "集中力量解决入园", "选优配强社区", "河湖", "西城区-街-社区"],
    "Person": ["祥和"],
}


@pytest.mark.xfail(strict=True, reason="bug: a verb jieba tags as a noun makes an event of a common phrase "
                                       "on the seed (Event 精简会议)")
def test_golden_seed_labels_are_names_not_clause_fragments(seed_graph: Graph) -> None:
    found = []
    for cls, labels in SEED_FRAGMENTS.items():
        present = {str(seed_graph.value(n, RDFS.label)) for n in seed_graph.subjects(RDF.type, URIRef(KG_NS + cls))}
        found += [f"{cls}:{x}" for x in labels if x in present]
    assert found == []


def test_golden_seed_every_chinese_area_has_a_code(seed_graph: Graph, gazetteer) -> None:  # type: ignore[no-untyped-def]
    """Areas without a GB/T 2260 code are only foreign places, townships (街道, 镇, 乡: below the
    code's level), new areas named in the text and joint regions of provinces (京津冀); 金科新区 (an
    abbreviation of a programme) is none."""
    areas = set(seed_graph.subjects(RDF.type, URIRef(KG_NS + "AdministrativeArea")))
    without = sorted(str(seed_graph.value(a, RDFS.label)) for a in areas if seed_graph.value(a, KG.code) is None)
    foreign = {str(seed_graph.value(a, RDFS.label)) for a in areas if "/area/iso-" in str(a)}
    unexpected = [name for name in without if name not in foreign and not name.endswith(("街道", "镇", "乡", "新区"))
                  and not gazetteer.region(name)]
    assert unexpected == []
    assert "金科新区" not in without


def test_golden_seed_evidence_offsets_point_into_the_source_file(seed_graph: Graph) -> None:
    """The provenance pattern: evidence → report → source file; the offsets cut the sentence out of it."""
    from conftest import SEED

    text = SEED.read_text(encoding="utf-8")
    rows = seed_graph.query("""
        PREFIX kg: <https://w3id.org/kg-build/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?file ?sentence ?s ?e ?es ?ee WHERE {
          ?ev prov:wasDerivedFrom ?report ; kg:sentence ?sentence ; kg:sentenceStart ?s ; kg:sentenceEnd ?e ;
              kg:evidenceStart ?es ; kg:evidenceEnd ?ee .
          ?report kg:sourceFile ?file .
        }""")
    count = 0
    for row in rows:
        assert str(row.file) == SEED.name
        s, e, es, ee = (int(x) for x in (row.s, row.e, row.es, row.ee))
        assert text[s:e] == str(row.sentence)
        assert s <= es < ee <= e
        count += 1
    assert count > 50


def test_golden_seed_headline_figures_with_evidence(seed_graph: Graph) -> None:
    rows = seed_graph.query("""
        PREFIX kg: <https://w3id.org/kg-build/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?name ?value ?unit ?change ?period ?target ?sentence ?area WHERE {
          ?o a kg:Observation ; kg:indicator/rdfs:label ?name ; kg:value ?value ; kg:unit ?unit ;
             kg:period ?period ; kg:isTarget ?target ; kg:sentence ?sentence ; kg:area/kg:code ?area .
          OPTIONAL { ?o kg:changePercent ?change }
        }""")
    from decimal import Decimal

    got = {(str(r.name), r.value.toPython(), str(r.unit), r.change.toPython() if r.change is not None else None,
            str(r.period), r.target.toPython(), str(r.area)) for r in rows}
    assert ("地区生产总值", Decimal("4260"), "亿元", Decimal("6.3"), "2018", False, "110102") in got
    assert ("一般公共预算收入", Decimal("430.85"), "亿元", Decimal("2.07"), "2018", False, "110102") in got
    assert ("PM2.5年均浓度", Decimal("52"), "微克/立方米", Decimal("-13.3"), "2018", False, "110102") in got
    assert any(name == "地区生产总值增速" and period == "2019" and target for name, _, _, _, period, target, _ in got)
    evidence = {str(r.sentence) for r in rows if str(r.name) == "地区生产总值" and r.value.toPython() == 4260}
    assert len(evidence) == 1 and "4260亿元" in evidence.pop()


def test_golden_input_order_does_not_change_the_bytes() -> None:
    from conftest import DEV

    a, b = DEV / "2019_haidian_district_excerpt.txt", DEV / "2025_dongcheng_district_excerpt.txt"
    assert serialize(build([a, b]).graph) == serialize(build([b, a]).graph)


def test_golden_seed_indicators_are_measured_quantities(seed_graph: Graph) -> None:
    labels = {str(seed_graph.value(i, RDFS.label)) for i in seed_graph.subjects(RDF.type, KG.Indicator)}
    verbs = {"推进", "实施", "建成", "开展", "确保", "给予", "设立", "形成", "打通", "建立", "划分", "全力推进", "加快推进"}
    assert not labels & verbs, sorted(labels & verbs)
    assert not [x for x in labels if x.endswith("等")]
