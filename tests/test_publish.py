"""Publishing the seed graph: five export formats that parse back to the same triples, named graphs
per report, a true void.ttl, a static site served by a plain web server, and pushing to a real
Oxigraph server (the `oxigraph` PyPI package's CLI)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
import rdflib.namespace as rns
from rdflib.namespace import PROV, RDF, RDFS

from kg_build.cli import main
from kg_build.errors import InputError
from kg_build.publish import (
    FORMATS,
    PublishError,
    dataset_iri,
    export,
    gazetteer_graph,
    named_graphs,
    publish_site,
    push,
    render,
    write_void,
)
from kg_build.validate import load_built_graph, load_ontology
from kg_build.vocab import DEFAULT_BASE, KG, ONTOLOGY_IRI

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")  # rdflib's own TriG/N-Quads parsers

ROOT = Path(__file__).resolve().parent.parent
SPDX = "http://spdx.org/rdf/terms#"


@pytest.fixture(scope="module")
def seed_out(seed_build: tuple[object, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's seed build (conftest.seed_build) with its void.ttl, as build writes it."""
    result, built = seed_build
    out = tmp_path_factory.mktemp("publish-seed")
    shutil.copyfile(built / "kg.ttl", out / "kg.ttl")
    if (built / "void.ttl").exists():
        shutil.copyfile(built / "void.ttl", out / "void.ttl")
    else:  # until build's write_outputs calls write_void itself
        write_void(result, out, files=[out / "kg.ttl"])  # type: ignore[arg-type]
    return out


def _quads(data: bytes, fmt: str) -> Dataset:
    ds = Dataset()
    ds.parse(data=data, format=FORMATS[fmt].rdflib)
    return ds


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_publish_format_parses_back_to_the_same_triples(seed_graph: Graph, fmt: str) -> None:
    data = render(seed_graph, fmt)
    assert data == render(seed_graph, fmt)
    if fmt in ("trig", "nq"):
        ds = _quads(data, fmt)
        data_triples: set[object] = set()
        ontology = Graph()
        for g in ds.graphs():
            if str(g.identifier) == ONTOLOGY_IRI:
                for t in g:
                    ontology.add(t)
            else:
                data_triples |= set(g)
        assert data_triples == set(seed_graph)
        assert isomorphic(ontology, load_ontology())
    else:
        back = Graph().parse(data=data, format=FORMATS[fmt].rdflib)
        assert set(back) == set(seed_graph)
    if fmt == "jsonld":
        doc = json.loads(data)
        context = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))["@context"]
        assert doc["@context"] == context


def test_publish_named_graphs_partition_by_report(seed_graph: Graph) -> None:
    ds = _quads(render(seed_graph, "trig"), "trig")
    graphs = {str(g.identifier): g for g in ds.graphs() if len(g)}
    reports = sorted(str(r) for r in seed_graph.subjects(RDF.type, KG.Report))
    gazetteer = str(gazetteer_graph(DEFAULT_BASE))
    assert sorted(graphs) == sorted(reports + [gazetteer, ONTOLOGY_IRI])
    report_graph = graphs[reports[0]]
    assert (URIRef(reports[0]), RDF.type, KG.Report) in report_graph
    text_evidence = set(seed_graph.subjects(KG.derivation, KG.TextExtraction))
    assert text_evidence and set(report_graph.subjects(KG.derivation, KG.TextExtraction)) == text_evidence
    for ev in text_evidence:  # each relation sits in the graph of the report its evidence cites
        s, p, o = (seed_graph.value(ev, x) for x in (RDF.subject, RDF.predicate, RDF.object))
        assert (s, p, o) in graphs[str(seed_graph.value(ev, PROV.wasDerivedFrom))]
    derived = set(graphs[gazetteer].subjects(KG.derivation, None))
    assert derived == set(seed_graph.subjects(KG.derivation, KG.GazetteerDerivation)) and derived
    assert not set(graphs[gazetteer].subjects(RDF.type, KG.Observation))
    observations = set(seed_graph.subjects(RDF.type, KG.Observation))
    assert observations and observations == set(report_graph.subjects(RDF.type, KG.Observation))
    assert None not in named_graphs(seed_graph)  # nothing left over in the default graph


def test_publish_output_is_the_same_under_another_hash_seed(seed_out: Path, seed_graph: Graph) -> None:
    script = ("import sys, hashlib; from pathlib import Path; from kg_build.publish import render, FORMATS; "
              "from kg_build.validate import load_built_graph; g = load_built_graph(Path(sys.argv[1])); "
              "print(' '.join(hashlib.sha256(render(g, f)).hexdigest() for f in sorted(FORMATS)))")
    env = dict(os.environ, PYTHONHASHSEED="12345")
    other = subprocess.run([sys.executable, "-c", script, str(seed_out)], env=env, capture_output=True, text=True,
                           check=True).stdout.split()
    assert other == [hashlib.sha256(render(seed_graph, f)).hexdigest() for f in sorted(FORMATS)]


def test_publish_export_writes_file_and_updates_void(seed_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(seed_out, out)
    (out / "kg.trig").write_text("# left over from an older build\n", encoding="utf-8")
    before = Graph().parse(out / "void.ttl")
    assert len(set(before.subjects(RDF.type, rns.DCAT.Distribution))) == 1
    runner = CliRunner()
    result = runner.invoke(main, ["export", "--format", "nq", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out / 'kg.nq'}\n"
    after = Graph().parse(out / "void.ttl")
    media = {str(m) for m in after.objects(None, rns.DCAT.mediaType)}
    assert media == {"https://www.iana.org/assignments/media-types/text/turtle",
                     "https://www.iana.org/assignments/media-types/application/n-quads"}
    nq = next(d for d in after.subjects(rns.DCAT.mediaType, URIRef(
        "https://www.iana.org/assignments/media-types/application/n-quads")))
    assert after.value(nq, rns.DCAT.byteSize).toPython() == (out / "kg.nq").stat().st_size
    assert runner.invoke(main, ["export", "--format", "jsonld", "--out", str(out)]).exit_code == 0
    assert len(set(Graph().parse(out / "void.ttl").subjects(RDF.type, rns.DCAT.Distribution))) == 3
    stdout = runner.invoke(main, ["export", "--format", "nt", "--file", "-", "--out", str(out)])
    assert stdout.exit_code == 0 and stdout.output.encode("utf-8") == render(load_built_graph(out), "nt")
    with pytest.raises(InputError, match="unknown export format 'xml'; use one of: ttl, nt, jsonld, trig, nq"):
        export(out, "xml")


def test_publish_void_counts_are_true(seed_out: Path, seed_graph: Graph) -> None:
    void = Graph().parse(seed_out / "void.ttl")
    ds = dataset_iri(DEFAULT_BASE)
    assert void.value(ds, rns.VOID.triples).toPython() == len(seed_graph)
    classes = {o for o in seed_graph.objects(None, RDF.type)}
    assert void.value(ds, rns.VOID.classes).toPython() == len(classes)
    assert void.value(ds, rns.VOID.properties).toPython() == len(set(seed_graph.predicates()))
    typed = {s for s in seed_graph.subjects(RDF.type, None) if isinstance(s, URIRef)}
    assert void.value(ds, rns.VOID.entities).toPython() == len(typed)
    for part in void.objects(ds, rns.VOID.classPartition):
        cls = void.value(part, rns.VOID["class"])
        query = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c }"
        n = next(iter(seed_graph.query(query, initBindings={"c": cls})))[0]
        assert void.value(part, rns.VOID.entities).toPython() == n.toPython(), cls
    partitions = {void.value(p, rns.VOID.property): void.value(p, rns.VOID.triples).toPython()
                  for p in void.objects(ds, rns.VOID.propertyPartition)}
    assert partitions == {p: len(list(seed_graph.triples((None, p, None)))) for p in set(seed_graph.predicates())}
    assert partitions[KG.partnersWith] >= 1
    assert set(void.objects(ds, URIRef("http://purl.org/dc/terms/source"))) == set(
        seed_graph.subjects(RDF.type, KG.Report))
    assert URIRef(ONTOLOGY_IRI) in set(void.objects(ds, rns.VOID.vocabulary))
    examples = set(void.objects(ds, rns.VOID.exampleResource))
    assert examples and all((e, None, None) in seed_graph for e in examples)
    dist = void.value(ds, rns.DCAT.distribution)
    data = (seed_out / "kg.ttl").read_bytes()
    assert void.value(dist, rns.DCAT.byteSize).toPython() == len(data)
    checksum = void.value(dist, URIRef(SPDX + "checksum"))
    assert str(void.value(checksum, URIRef(SPDX + "checksumValue"))) == hashlib.sha256(data).hexdigest()
    assert str(void.value(dist, rns.DCAT.downloadURL)) == DEFAULT_BASE + "kg.ttl"


def test_publish_void_is_deterministic_and_configurable(seed_graph: Graph, seed_out: Path, tmp_path: Path) -> None:
    from kg_build.config import Config

    shutil.copyfile(seed_out / "kg.ttl", tmp_path / "kg.ttl")
    first = write_void(seed_graph, tmp_path).read_bytes()
    assert write_void(seed_graph, tmp_path).read_bytes() == first
    assert b"sparqlEndpoint" not in first and b"issued" not in first
    config = Config(title="测试图谱", license="https://example.org/licence", publisher="https://example.org/me")
    void = Graph().parse(write_void(seed_graph, tmp_path, config=config, sparql_endpoint="http://127.0.0.1:7878/query",
                                    issued="2026-01-02"))
    ds = dataset_iri(DEFAULT_BASE)
    assert str(void.value(ds, URIRef("http://purl.org/dc/terms/title"))) == "测试图谱"
    assert void.value(ds, URIRef("http://purl.org/dc/terms/license")) == URIRef("https://example.org/licence")
    assert void.value(ds, URIRef("http://purl.org/dc/terms/publisher")) == URIRef("https://example.org/me")
    assert void.value(ds, rns.VOID.sparqlEndpoint) == URIRef("http://127.0.0.1:7878/query")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(url: str, proc: subprocess.Popen[bytes], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "server exited early"
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture
def site_server(seed_out: Path, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    site = tmp_path / "site"
    result = CliRunner().invoke(main, ["publish", "--site", str(site), "--out", str(seed_out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote ") and "resources" in result.output
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                             "--directory", str(site)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/"
        _wait_for(url, proc)
        yield url, site
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_publish_site_makes_every_iri_dereferenceable(site_server: tuple[str, Path], seed_graph: Graph) -> None:
    url, site = site_server
    ours = sorted({s for s in seed_graph.subjects() if str(s).startswith(DEFAULT_BASE)}, key=str)
    assert len(ours) > 100
    union = Graph()
    for page in site.rglob("*.ttl"):
        if page.name not in ("kg.ttl", "void.ttl"):
            union.parse(page)
    assert set(seed_graph) <= set(union)  # every triple is on its subject's page
    sample = [s for s in ours if "/report/" in str(s) or "/area/" in str(s)][:10] + ours[::40]
    for iri in sample:
        local = url + str(iri)[len(DEFAULT_BASE):]
        with urllib.request.urlopen(local, timeout=5) as response:  # the bare IRI path: HTML
            assert response.status == 200 and response.headers.get_content_type() == "text/html"
            body = response.read().decode("utf-8")
        label = seed_graph.value(iri, RDFS.label)
        if label is not None:
            assert str(label).replace("&", "&amp;").replace("<", "&lt;") in body
        with urllib.request.urlopen(local + ".ttl", timeout=5) as response:
            page = Graph().parse(data=response.read(), format="turtle")
        assert set(seed_graph.triples((iri, None, None))) <= set(page)
    for name in ("kg.ttl", "void.ttl", "index.html"):
        with urllib.request.urlopen(url + name, timeout=5) as response:
            assert response.status == 200
    dataset = url + str(dataset_iri(DEFAULT_BASE))[len(DEFAULT_BASE):] + ".ttl"
    with urllib.request.urlopen(dataset, timeout=5) as response:
        assert (dataset_iri(DEFAULT_BASE), RDF.type, rns.VOID.Dataset) in Graph().parse(data=response.read(), format="turtle")


def test_publish_site_escapes_hostile_text(seed_out: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    seed = load_built_graph(seed_out)
    report = next(iter(seed.subjects(RDF.type, KG.Report)))
    g = Graph()
    for prefix, namespace in seed.namespaces():
        g.bind(prefix, namespace, override=True)
    for triple in seed.triples((report, None, None)):  # a small graph: the report node alone
        g.add(triple)
    hostile = '</td><script>alert("x")</script>'
    g.set((report, RDFS.label, Literal(hostile, lang="zh")))
    g.serialize(out / "kg.ttl", format="turtle")
    site = publish_site(out, tmp_path / "site")
    page = (site.root / (str(report)[len(DEFAULT_BASE):] + ".html")).read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<script>" not in (site.root / "index.html").read_text(encoding="utf-8")


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), "the oxigraph server CLI is missing: pip install 'oxigraph>=0.4'"
    return found


def _count(query_url: str, graph: str | None = None) -> int:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "GRAPH ?g { ?s ?p ?o }"
    body = urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}"}).encode()
    request = urllib.request.Request(query_url, data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture
def oxigraph_server(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen([_oxigraph(), "serve", "--location", str(tmp_path / "store"), "--bind",
                             f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(f"http://127.0.0.1:{port}/", proc)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_publish_push_replaces_graphs_in_oxigraph(oxigraph_server: str, seed_out: Path, seed_graph: Graph) -> None:
    store, query = oxigraph_server + "/store", oxigraph_server + "/query"
    graphs = named_graphs(seed_graph)
    result = CliRunner().invoke(main, ["push", "--endpoint", store, "--out", str(seed_out)])
    assert result.exit_code == 0, result.output
    report = str(next(iter(seed_graph.subjects(RDF.type, KG.Report))))
    assert f"PUT <{report}>: {len(graphs[URIRef(report)])} triples" in result.output
    for name, part in graphs.items():
        assert name is not None and _count(query, str(name)) == len(part)
    ask = urllib.parse.urlencode({"query": f"ASK {{ GRAPH <{report}> {{ ?ev <{PROV.wasDerivedFrom}> <{report}> ; "
                                           f"<{RDF.predicate}> <{KG.partnersWith}> }} }}"}).encode()
    with urllib.request.urlopen(urllib.request.Request(query, data=ask, headers={
            "Accept": "application/sparql-results+json"}), timeout=10) as response:
        assert json.load(response)["boolean"] is True
    # Push again with a smaller report graph: PUT replaces it, other graphs stay as they were.
    smaller = dict(graphs)
    kept = Graph()
    for triple in sorted(graphs[URIRef(report)])[:10]:
        kept.add(triple)
    smaller[URIRef(report)] = kept
    assert push(seed_out, store, report, graphs=smaller) == [(report, 10)]
    assert _count(query, report) == 10
    assert _count(query) == sum(len(g) for g in graphs.values()) - len(graphs[URIRef(report)]) + 10
    with pytest.raises(InputError, match="no named graph <https://example.org/nope>"):
        push(seed_out, store, "https://example.org/nope", graphs=graphs)


def test_publish_push_names_an_unreachable_endpoint(seed_out: Path, seed_graph: Graph) -> None:
    endpoint = f"http://127.0.0.1:{_free_port()}/store"
    with pytest.raises(PublishError) as info:
        push(seed_out, endpoint, graphs=named_graphs(seed_graph))
    assert str(info.value).startswith(f"{endpoint}: PUT of graph <")
    assert "Graph Store endpoint" in str(info.value)
