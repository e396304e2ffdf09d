"""The SPARQL endpoint, started for real on 127.0.0.1 and queried with SPARQLWrapper and urllib."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from click.testing import CliRunner
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, XML, SPARQLWrapper

from kg_build.cli import main
from kg_build.query import load_queries, run
from kg_build.serve import NO_SERVICE, READ_ONLY, RESULT_TYPES, Endpoint, make_server, negotiate

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
KG = "PREFIX kg: <https://w3id.org/kg-build/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


@pytest.fixture(scope="module")
def out(seed_build: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("serve-seed")
    (folder / "kg.ttl").write_bytes((seed_build[1] / "kg.ttl").read_bytes())
    return folder


@pytest.fixture(scope="module")
def url(out: Path) -> Iterator[str]:
    server = make_server(out, "127.0.0.1", 0, timeout=5, limit=500)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def _fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
           method: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _wrapper(url: str, text: str, fmt: str = JSON, method: str | None = None) -> Any:
    client = SPARQLWrapper(url + "/sparql")
    client.setQuery(text)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client.query().convert()


def _triples(out: Path) -> int:
    return int(run(COUNT, out=out).rows[0]["n"])


def test_serve_binds_to_localhost_by_default(out: Path) -> None:
    server = make_server(out, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


@pytest.mark.parametrize("method", [None, POST])
def test_serve_select_with_sparqlwrapper(url: str, out: Path, method: str | None) -> None:
    text = KG + "SELECT ?label WHERE { ?a kg:partnersWith ?b . ?b rdfs:label ?label } ORDER BY ?label"
    data = _wrapper(url, text, JSON, method)
    assert data["head"]["vars"] == ["label"]
    assert [b["label"]["value"] for b in data["results"]["bindings"]] == [str(r["label"]) for r in run(text, out=out).rows]
    assert data["results"]["bindings"][0]["label"]["xml:lang"] == "zh"


def test_serve_other_result_formats(url: str) -> None:
    text = KG + "SELECT ?r ?label WHERE { ?r a kg:Report ; rdfs:label ?label }"
    xml = _wrapper(url, text, XML)
    assert len(xml.getElementsByTagName("result")) == 1
    csv = _wrapper(url, text, CSV).decode("utf-8").splitlines()
    assert csv[0] == "r,label" and "人民政府工作报告" in csv[1]
    tsv = _wrapper(url, text, TSV).decode("utf-8").splitlines()
    assert tsv[0] == "?r\t?label" and tsv[1].endswith('"@zh')
    assert _wrapper(url, "ASK { ?s a <https://w3id.org/kg-build/ontology#Report> }", JSON)["boolean"] is True


def test_serve_construct_as_turtle_and_jsonld(url: str) -> None:
    text = KG + "CONSTRUCT { ?r rdfs:label ?l } WHERE { ?r a kg:Report ; rdfs:label ?l }"
    turtle = _wrapper(url, text, TURTLE)
    graph = turtle if isinstance(turtle, Graph) else Graph().parse(data=turtle, format="turtle")
    assert len(graph) == 1
    jsonld = _wrapper(url, text, JSONLD)
    graph = jsonld if isinstance(jsonld, Graph) else Graph().parse(data=jsonld, format="json-ld")
    assert len(graph) == 1


def test_serve_named_query_with_parameters(url: str, out: Path) -> None:
    status, headers, body = _fetch(url + "/queries/partners?area=" + quote("西城区"),
                                   headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and headers["Content-Type"] == "application/sparql-results+json"
    labels = sorted(b["partnerLabel"]["value"] for b in json.loads(body)["results"]["bindings"])
    assert labels == sorted(str(r["partnerLabel"]) for r in run("partners", out=out).rows)
    status, _, body = _fetch(url + "/queries/partners?bogus=1")
    assert status == 400 and b"has no parameter 'bogus'" in body
    status, _, body = _fetch(url + "/queries/nothing")
    assert status == 404 and b"the named queries are: areas-within" in body


def _rows(bindings: list[dict[str, Any]]) -> list[str]:
    return sorted(json.dumps(b, sort_keys=True, ensure_ascii=False) for b in bindings)


def test_serve_twenty_concurrent_clients(url: str, out: Path) -> None:
    names = sorted(n for n, q in load_queries().items() if q.form == "SELECT")
    expected = {n: _rows(json.loads(run(n, out=out).serialize("json"))["results"]["bindings"]) for n in names}

    def client(i: int) -> tuple[str, list[str]]:
        name = names[i % len(names)]
        status, _, body = _fetch(f"{url}/queries/{name}", headers={"Accept": "application/sparql-results+json"})
        assert status == 200, body
        return name, _rows(json.loads(body)["results"]["bindings"])

    def wrapped(i: int) -> int:
        return int(_wrapper(url, COUNT)["results"]["bindings"][0]["n"]["value"])

    with ThreadPoolExecutor(max_workers=20) as pool:
        named = list(pool.map(client, range(40)))
        counts = list(pool.map(wrapped, range(20)))
    assert len(named) == 40 and all(expected[name] == rows for name, rows in named)
    assert set(counts) == {_triples(out)}


def test_serve_refuses_updates_without_harm(url: str, out: Path) -> None:
    before = _triples(out)
    insert = "INSERT DATA { <http://e/x> <http://e/p> <http://e/o> }"
    for data, headers, target in [
        (insert.encode(), {"Content-Type": "application/sparql-update"}, "/sparql"),
        (urlencode({"update": insert}).encode(), {"Content-Type": "application/x-www-form-urlencoded"}, "/sparql"),
        (None, {}, "/sparql?" + urlencode({"update": insert})),
        (None, {}, "/sparql?" + urlencode({"query": "PREFIX ex: <http://e/>\nDELETE WHERE { ?s ?p ?o }"})),
        (urlencode({"query": "CLEAR ALL"}).encode(), {"Content-Type": "application/x-www-form-urlencoded"}, "/sparql"),
    ]:
        status, _, body = _fetch(url + target, data=data, headers=headers)
        assert status == 403 and body.decode("utf-8") == READ_ONLY + "\n"
    client = SPARQLWrapper(url + "/sparql")
    client.setQuery(insert)
    client.setMethod(POST)
    with pytest.raises(Exception):
        client.query()
    assert _triples(out) == before
    assert int(_wrapper(url, COUNT)["results"]["bindings"][0]["n"]["value"]) == before


def test_serve_refuses_malformed_queries_and_keeps_serving(url: str) -> None:
    status, _, body = _fetch(url + "/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p }"}))
    assert status == 400 and body.decode("utf-8").startswith("query given with -e, line 1, column 25: ")
    status, _, body = _fetch(url + "/sparql")
    assert status == 400 and body.startswith(b"no query:")
    status, _, _ = _fetch(url + "/sparql", data=b"x", headers={"Content-Type": "image/png"})
    assert status == 415
    status, _, _ = _fetch(url + "/sparql?" + urlencode({"query": COUNT}), headers={"Accept": "image/png"})
    assert status == 406
    status, _, _ = _fetch(url + "/sparql", method="DELETE")
    assert status == 405
    status, _, body = _fetch(url + "/sparql?" + urlencode({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/s> { ?s ?p ?o } }"}))
    assert status == 403 and body.decode("utf-8") == NO_SERVICE + "\n"
    assert _wrapper(url, "ASK {}")["boolean"] is True


def test_serve_cors(url: str) -> None:
    status, headers, _ = _fetch(url + "/sparql", method="OPTIONS",
                                headers={"Origin": "http://example.org", "Access-Control-Request-Method": "POST"})
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    _, headers, _ = _fetch(url + "/sparql?" + urlencode({"query": "ASK {}"}))
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_serve_page_lists_queries_and_works_offline(url: str) -> None:
    status, headers, body = _fetch(url + "/")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    for name in load_queries():
        assert f'"name": "{name}"' in page
    lowered = page.lower()
    assert "src=" not in lowered and "<link" not in lowered and "@import" not in lowered
    assert "http://" not in page.replace("http://www.w3.org/2000/01/rdf-schema#", "")
    assert "</script>" not in page.split('<script id="queries" type="application/json">')[1].split("</script>")[0]


def test_serve_result_limit_and_timeout(out: Path) -> None:
    endpoint = Endpoint(out, timeout=0.5, limit=5)
    try:
        answer = endpoint.handle("GET", "/sparql?" + urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"}), {})
        assert answer.status == 200 and answer.headers["X-Result-Truncated"] == "true"
        assert len(json.loads(answer.body)["results"]["bindings"]) == 5
        endpoint.limit = 10**9
        slow = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        answer = endpoint.handle("GET", "/sparql?" + urlencode({"query": slow}), {})
        assert answer.status == 503 and b"longer than 0.5 s" in answer.body or b"ran out of time" in answer.body
    finally:
        endpoint.close()


@pytest.mark.parametrize("accept,expected", [
    ("", "json"),
    ("text/csv;q=0.5, application/sparql-results+xml", "xml"),
    ("application/json", "json"),
    ("text/*", "csv"),
    ("image/png", None),
])
def test_serve_negotiation(accept: str, expected: str | None) -> None:
    assert negotiate(None, accept, RESULT_TYPES) == expected


def test_serve_cli_get_answers_without_a_server(out: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--out", str(out), "--get",
                                       "/queries/report-figures?format=csv&year=2019"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "indicatorLabel,areaLabel,period,value,unit,changePercent,isTarget"
    result = CliRunner().invoke(main, ["serve", "--out", str(out), "--get", "/queries/nothing"])
    assert result.exit_code == 1 and "no query named 'nothing'" in result.output


def _chromium() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


@pytest.mark.browser
def test_serve_page_runs_queries_in_a_browser(url: str, out: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium on this machine")
    outside: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            page.on("request", lambda r: None if r.url.startswith(url) else outside.append(r.url))
            page.goto(url + "/")
            box = page.locator(".q").filter(has_text="(partners)")
            box.locator("button").click()
            page.wait_for_selector("#results table")
            cells = page.locator("#results table tr td:nth-child(2)").all_inner_texts()
            assert sorted(cells) == sorted(str(r["partnerLabel"]) for r in run("partners", out=out).rows)
            page.fill("#text", "SELECT * WHERE { ?s ?p }")
            page.click("#runtext")
            page.wait_for_function("document.getElementById('status').textContent.startsWith('400')")
            assert "line 1, column" in page.inner_text("#status")
        finally:
            browser.close()
    assert outside == []
