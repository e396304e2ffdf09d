"""Named queries: headers, syntax, golden answers on the seed graph on both engines, parameter
binding, errors, result formats, the embedded store and the CLI."""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from collections import Counter
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

import kg_build
from kg_build.cli import main
from kg_build.errors import QueryError
from kg_build.query import (ENGINES, NamedQuery, Result, bind_params, ensure_store, execute, load_queries, resolve,
                            run, to_json, with_values)

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "queries"
QUERIES = load_queries()
NUMERIC = {"http://www.w3.org/2001/XMLSchema#" + t for t in ("integer", "decimal", "double", "float", "long", "int")}


def _updating(request: pytest.FixtureRequest) -> bool:
    try:
        flag = bool(request.config.getoption("--update-golden"))
    except ValueError:
        flag = False
    return flag or os.environ.get("KG_UPDATE_GOLDEN") == "1"


def _norm(term: dict[str, str]) -> tuple[str, ...]:
    """A term of SPARQL JSON results, comparable across engines (numbers by value)."""
    if term["type"] == "literal" and term.get("datatype") in NUMERIC:
        try:
            return ("number", format(Decimal(term["value"]).normalize(), "f"))
        except InvalidOperation:
            pass
    return (term["type"], term["value"], term.get("xml:lang", "").lower(), term.get("datatype", ""))


def _bag(srj: dict[str, Any]) -> Counter[frozenset[tuple[str, tuple[str, ...]]]]:
    return Counter(frozenset((k, _norm(v)) for k, v in row.items()) for row in srj["results"]["bindings"])


def _difference(have: Counter[Any], want: Counter[Any]) -> str:
    """The rows one bag has and the other lacks, readable (values only), for a failing comparison."""
    def show(bag: Counter[Any]) -> list[str]:
        return sorted(" | ".join(f"{k}={v[1]}" for k, v in sorted(row)) for row in bag.elements())[:8]

    return (f"rows missing ({sum((want - have).values())}): {show(want - have)}\n"
            f"rows not expected ({sum((have - want).values())}): {show(have - want)}\n"
            "if the graph changed on purpose, rerun with --update-golden and review the diff")


def _as_srj(result: Result) -> dict[str, Any]:
    if result.graph is not None:
        rows = [{"subject": s, "predicate": p, "object": o} for s, p, o in sorted(result.graph)]
        return to_json(Result("SELECT", ["subject", "predicate", "object"], rows))
    return to_json(result)


@pytest.fixture(scope="session")
def seed_out(seed_build: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's seed graph in a directory of its own (the store is written there)."""
    out = tmp_path_factory.mktemp("query-seed")
    (out / "kg.ttl").write_bytes((seed_build[1] / "kg.ttl").read_bytes())
    return out


@pytest.fixture(scope="module")
def pair_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two reports of one district, seven years apart: a real time series."""
    from kg_build.build import build, write_outputs

    corpus = ROOT / "tests" / "data" / "dev-corpus"
    out = tmp_path_factory.mktemp("pair-out")
    write_outputs(build([corpus / "2017_dongcheng_district_traditional_excerpt.txt",
                         corpus / "2025_dongcheng_district_excerpt.txt"]), out)
    return out


def test_query_there_are_at_least_twelve() -> None:
    assert len(QUERIES) >= 12


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_has_header_and_parses(name: str) -> None:
    import pyoxigraph as ox
    from rdflib.plugins.sparql import prepareQuery

    named = QUERIES[name]
    assert named.title and named.description, name
    assert named.params, f"{name} declares no # param: line"
    assert all(p.default and p.description for p in named.params), name
    assert named.form in ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
    prepareQuery(named.text)
    text, _ = with_values(named, bind_params(named))
    ox.Store().query(text)  # parses, runs on an empty store


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_golden_on_seed(name: str, engine: str, seed_out: Path, request: pytest.FixtureRequest) -> None:
    named = QUERIES[name]
    got = _as_srj(execute(named, bind_params(named), out=seed_out, engine=engine))
    path = GOLDEN / f"{name}.srj"
    if _updating(request) and engine == "oxigraph":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert path.is_file(), f"no golden for {name}; run pytest with --update-golden (or KG_UPDATE_GOLDEN=1)"
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert got["head"] == expected["head"]
    have, want = _bag(got), _bag(expected)
    assert have == want, _difference(have, want)


def test_query_goldens_mostly_answer_something() -> None:
    empty = [p.stem for p in GOLDEN.glob("*.srj") if not json.loads(p.read_text())["results"]["bindings"]]
    assert empty == ["mention-diff"]  # one report only: nothing appears or disappears


def test_query_engines_agree_across_two_reports(pair_out: Path) -> None:
    params = {"area": "东城区", "from": "2017", "to": "2025"}
    for name, extra in (("report-diff", params), ("mention-diff", params),
                        ("indicator-series", {"area": "东城区", "indicator": "一般公共预算收入"}),
                        ("reports", {"area": "北京市"}), ("indicators", {"area": "东城区"})):
        answers = [_bag(_as_srj(run(name, out=pair_out, params=extra, engine=e))) for e in ENGINES]
        assert answers[0] == answers[1], name
        assert answers[0], name


def test_query_report_diff_agrees_with_the_series(pair_out: Path) -> None:
    """The change report-diff gives equals the latest figure of each report in indicator-series."""
    area, indicator = "东城区", "一般公共预算收入"
    series = kg_build.query("indicator-series", out=pair_out, params={"area": area, "indicator": indicator})
    latest: dict[str, tuple[str, Decimal]] = {}
    for row in series:
        if str(row["unit"]) == "亿元" and str(row["isTarget"]) == "false":
            year, period = str(row["reportYear"]), str(row["period"])
            if year not in latest or period > latest[year][0]:
                latest[year] = (period, Decimal(str(row["value"])))
    assert sorted(latest) == ["2017", "2025"]
    rows = kg_build.query("report-diff", out=pair_out, params={"area": area, "from": "2017", "to": "2025"})
    revenue = [r for r in rows if str(r["indicatorLabel"]) == indicator and str(r["unit"]) == "亿元"
               and str(r["isTarget"]) == "false"]
    assert len(revenue) == 1
    (row,) = revenue
    assert (str(row["fromPeriod"]), Decimal(str(row["fromValue"]))) == latest["2017"]
    assert (str(row["toPeriod"]), Decimal(str(row["toValue"]))) == latest["2025"]
    assert Decimal(str(row["difference"])) == latest["2025"][1] - latest["2017"][1]


def test_query_indicator_series_spans_reports(pair_out: Path) -> None:
    rows = kg_build.query("indicator-series", out=pair_out, params={"area": "东城区", "indicator": "一般公共预算收入"},
                          engine="rdflib")
    pairs = [(str(r["period"]), str(r["reportYear"])) for r in rows]
    assert {year for _, year in pairs} == {"2017", "2025"}
    assert all(period <= year for period, year in pairs)
    assert [p for p, _ in pairs] == sorted(p for p, _ in pairs)


def test_query_mention_diff_is_symmetric(pair_out: Path) -> None:
    forward = run("mention-diff", out=pair_out, params={"area": "东城区", "from": "2017", "to": "2025"}).rows
    backward = run("mention-diff", out=pair_out, params={"area": "东城区", "from": "2025", "to": "2017"}).rows
    flip = {"added": "dropped", "dropped": "added"}
    assert {(flip[str(r["change"])], r["entity"]) for r in forward} == {(str(r["change"]), r["entity"]) for r in backward}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("hostile", ['西城区"@zh } ?s ?p ?o . { ?s ?p "x', "西城区\\", "西城区\n} UNION { ?a ?b ?c }", "?area"])
def test_query_params_are_values_not_text(hostile: str, engine: str, seed_out: Path) -> None:
    rows = run("partners", out=seed_out, params={"area": hostile}, engine=engine).rows
    assert rows == []
    rows = run("-e" if False else "SELECT ?v WHERE { BIND(STR(?x) AS ?v) }", out=seed_out,
               params={"x": hostile}, engine=engine).rows
    assert [str(r["v"]) for r in rows] == [hostile]


def test_query_values_block_goes_into_the_where_group() -> None:
    text = ('# a comment with { braces }\nPREFIX ex: <http://e/>\n'
            'CONSTRUCT { ?s ex:p "{" } WHERE { ?s ex:q ?x }')
    named = NamedQuery.from_text("t", text)
    out, (line, _, _) = with_values(named, {"x": Literal("a\"b")})
    assert line == 3
    assert out.endswith('WHERE { VALUES (?x) { ("a\\"b") }  ?s ex:q ?x }')
    with pytest.raises(QueryError, match="no WHERE group"):
        with_values(NamedQuery.from_text("d", "DESCRIBE <http://e/x>"), {"x": Literal("1")})


def test_query_unknown_name_lists_the_names() -> None:
    with pytest.raises(QueryError) as caught:
        resolve("partner")
    assert str(caught.value).startswith("no query named 'partner'; the named queries are: areas-within, ")
    assert "partners" in str(caught.value)


@pytest.mark.parametrize("engine,column", [("oxigraph", 25), ("rdflib", 18)])
def test_query_syntax_error_names_line_and_column(engine: str, column: int, seed_out: Path) -> None:
    with pytest.raises(QueryError) as caught:
        run("PREFIX ex: <http://e/>\nSELECT * WHERE { ?s ?p }", out=seed_out, engine=engine)
    message = str(caught.value)
    assert message.startswith(f"query given with -e, line 2, column {column}: ")
    assert message.endswith("SELECT * WHERE { ?s ?p }\n    " + " " * (column - 1) + "^")


@pytest.mark.parametrize("engine", ENGINES)
def test_query_syntax_error_in_named_query_is_mapped_past_the_values(engine: str, seed_out: Path,
                                                                      tmp_path: Path) -> None:
    import re

    line = "SELECT * WHERE { ?a ?b ?area } LIMIT x"
    path = tmp_path / "broken.rq"
    path.write_text(f"# title: t\n# description: d\n# param: area 西城区 — a\n{line}\n", encoding="utf-8")
    with pytest.raises(QueryError) as caught:
        run(str(path), out=seed_out, engine=engine)
    found = re.match(r"query '.*broken.rq', line 4, column (\d+): .+\n    (.*)\n    ( *)\^$", str(caught.value))
    assert found, str(caught.value)
    assert found[2] == line  # the user's line, without the VALUES block the engine saw
    assert line.index("LIMIT") < int(found[1]) <= len(line) + 1 and len(found[3]) == int(found[1]) - 1


def test_query_parameter_errors() -> None:
    named = QUERIES["report-figures"]
    with pytest.raises(QueryError, match="^query 'report-figures' has no parameter 'yr'; its parameters are: area, year.$"):
        bind_params(named, {"yr": "2019"})
    with pytest.raises(QueryError, match="^parameter 'year': 'MMXIX' is not a year such as 2019.$"):
        bind_params(named, {"year": "MMXIX"})
    with pytest.raises(QueryError, match="^parameter 'class': 'Planet' is not an entity class; use one of "):
        bind_params(QUERIES["entities"], {"class": "Planet"})
    assert bind_params(QUERIES["entities"], {"class": "kg:Event"})["class"] == URIRef(
        "https://w3id.org/kg-build/ontology#Event")


def test_query_missing_graph_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="no built graph here; run `kg-build build --out"):
        run("partners", out=tmp_path)


def test_query_formats(seed_out: Path) -> None:
    result = run("partners", out=seed_out)
    data = json.loads(result.serialize("json"))
    assert data["head"]["vars"] == ["partner", "partnerLabel", "class", "sentence"]
    rows = len(result.rows)
    assert rows >= 3 and len(data["results"]["bindings"]) == rows
    root = ET.fromstring(result.serialize("xml"))
    ns = "{http://www.w3.org/2005/sparql-results#}"
    assert len(root.findall(f"{ns}results/{ns}result")) == rows
    assert root.find(f".//{ns}literal[@{{http://www.w3.org/XML/1998/namespace}}lang='zh']") is not None
    table = list(csv.reader(io.StringIO(result.serialize("csv"))))
    assert table[0] == data["head"]["vars"] and len(table) == rows + 1
    tsv = result.serialize("tsv").splitlines()
    assert tsv[0] == "?partner\t?partnerLabel\t?class\t?sentence" and len(tsv) == rows + 1
    assert any(line.split("\t")[1] == '"门头沟区"@zh' for line in tsv[1:])
    assert result.serialize("table").endswith(f"({rows} rows)\n")
    with pytest.raises(QueryError, match="unknown result format 'yaml'"):
        result.serialize("yaml")


def test_query_ask_and_construct(seed_out: Path) -> None:
    assert kg_build.query("ASK { ?s a <https://w3id.org/kg-build/ontology#Report> }", out=seed_out) is True
    graph = kg_build.query("entity-graph", out=seed_out)
    assert isinstance(graph, Graph) and len(graph) > 3
    turtle = run("entity-graph", out=seed_out).serialize("table")
    assert len(Graph().parse(data=turtle, format="turtle")) == len(graph)


def test_query_store_is_rebuilt_only_when_the_graph_changes(seed_out: Path, tmp_path: Path) -> None:
    (tmp_path / "kg.ttl").write_bytes((seed_out / "kg.ttl").read_bytes())
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = int(run(count, out=tmp_path).rows[0]["n"])
    store = ensure_store(tmp_path)
    first = (store / "kg-build-store.json").read_text()
    os.utime(tmp_path / "kg.ttl")  # touched, same content: checksum matches, no rebuild
    ensure_store(tmp_path)
    assert json.loads((store / "kg-build-store.json").read_text())["sha256"] == json.loads(first)["sha256"]
    with (tmp_path / "kg.ttl").open("a", encoding="utf-8") as handle:
        handle.write('\n<https://example.org/x> <https://example.org/p> "新" .\n')
    assert int(run(count, out=tmp_path).rows[0]["n"]) == before + 1
    assert int(run(count, out=tmp_path, engine="rdflib").rows[0]["n"]) == before + 1


def test_query_cli_list_names_every_query() -> None:
    result = CliRunner().invoke(main, ["query", "--list"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines() if not line.startswith(" ")] == sorted(QUERIES)
    assert "params: area=西城区 indicator=地区生产总值" in result.output


def test_query_cli_runs_with_params_and_formats(seed_out: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["query", "report-figures", "--param", "year=2019", "--format", "csv",
                                  "--out", str(seed_out)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "indicatorLabel,areaLabel,period,value,unit,changePercent,isTarget"
    result = runner.invoke(main, ["query", "-e", "SELECT * WHERE { ?s ?p }", "--out", str(seed_out)])
    assert result.exit_code == 1 and result.output.startswith("Error: query given with -e, line 1, column 25")
    result = runner.invoke(main, ["query", "--out", str(seed_out)])
    assert result.exit_code == 2 and "give a query NAME, a FILE, or -e TEXT" in result.output
    result = runner.invoke(main, ["query", "partners", "--param", "area", "--out", str(seed_out)])
    assert result.exit_code == 2 and "'area' is not NAME=VALUE." in result.output
    result = runner.invoke(main, ["query", "entity-graph", "--out", str(seed_out)])
    assert result.exit_code == 0 and result.output.startswith("@prefix ")


def test_query_header_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# title: t\n# param: area\nSELECT * WHERE { ?s ?p ?area }\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"bad.rq, line 2: cannot read '# param: area'; write '# param: NAME\[:KIND\] "
                                         r"DEFAULT — DESCRIPTION'.$"):
        resolve(str(bad))
    bad.write_text("# title: t\n\n# param: area:colour red — c\nSELECT * WHERE { ?s ?p ?area }\n", encoding="utf-8")
    with pytest.raises(QueryError, match=r"bad.rq, line 3: unknown parameter kind 'colour'; use one of label, string, "):
        resolve(str(bad))
    with pytest.raises(QueryError, match=r"^nothing.rq: no such file or directory.$"):
        resolve("nothing.rq")


def test_query_runtime_errors_and_engines(seed_out: Path) -> None:
    with pytest.raises(QueryError, match="^unknown engine 'jena'; use one of oxigraph, rdflib.$"):
        run("partners", out=seed_out, engine="jena")
    with pytest.raises(QueryError, match="^query given with -e failed: "):
        run('SELECT * WHERE { BIND(REGEX("a", "(") AS ?x) }', out=seed_out, engine="rdflib")


def test_query_notices_federated_calls() -> None:
    assert NamedQuery.from_text("-e", "SELECT * WHERE { service silent <x:y> { ?s ?p ?o } }").federated
    assert not NamedQuery.from_text("-e", 'SELECT * WHERE { ?service <x:SERVICE> "SERVICE" }').federated
