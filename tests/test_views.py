"""The interactive view: a self-contained page, the right subgraph, inert hostile labels, and the
page itself driven in headless Chromium (Debian's /usr/bin/chromium through Playwright)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from kg_build.build import build, write_outputs
from kg_build.cli import main
from kg_build.errors import KgBuildError
from kg_build.views import CLASS_STYLE, RELATION_STYLE, ViewError, render_html, write_view
from kg_build.vocab import KG, EntityClass, RelationKind

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-default-apps", "--disable-sync", "--no-first-run",
                 "--disable-domain-reliability", "--disable-client-side-phishing-detection"]
RELATIONS = " ".join(f"kg:{k.value}" for k in RelationKind)
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "form", "input", "button",
                "span", "datalist", "option", "div", "main", "aside", "p", "label", "script", "canvas", "dl", "dt",
                "dd", "ul", "li", "blockquote", "cite"}
PREFIX = "PREFIX kg: <https://w3id.org/kg-build/ontology#>\n"
HOSTILE_NAMES = ("<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>", "<b onmouseover=alert(2)>粗</b>")
HOSTILE_REPORT = (
    "2023年河北省保定市涞源县人民政府工作报告\n"
    "——2023年1月12日在涞源县第十七届人民代表大会第三次会议上\n"
    "各位代表：\n"
    "一、2022年工作回顾\n"
    "我们制定《</script><script>alert(1)</script>发展规划》，深入实施“<img src=x onerror=alert(1)>”专项行动。\n"
    "成功举办“<svg onload=alert(3)>”文化节，与“</script><b>粗</b>”集团签订合作协议。\n"
    "全县地区生产总值完成85.6亿元。\n"
)


# ---------------------------------------------------------------- helpers


def page_data(html: str) -> dict[str, Any]:
    """The JSON blocks of a page, parsed the way the browser parses them."""
    blocks = dict(re.findall(r'<script type="application/json" id="kg-(\w+)">(.*?)</script>', html, flags=re.S))
    return {name: json.loads(text) for name, text in blocks.items()}


def graph_counts(graph: Graph) -> tuple[int, int]:
    """Distinct entities, and distinct relation triples between two entities."""
    entities = {s for c in EntityClass for s in graph.subjects(RDF.type, c.iri)}
    edges = {(s, k, o) for k in RelationKind for s, o in graph.subject_objects(k.iri) if s in entities and o in entities}
    return len(entities), len(edges)


def labels_of(data: dict[str, Any]) -> set[str]:
    return {d["label"] for d in data["meta"]["details"].values()}


def neighbourhood(graph: Graph, name: str) -> set[str]:
    rows = graph.query(PREFIX + f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT DISTINCT ?label WHERE {{
          ?x rdfs:label ?name . VALUES ?p {{ {RELATIONS} }}
          {{ ?x ?p ?y }} UNION {{ ?y ?p ?x }}
          ?y rdfs:label ?label }}""", initBindings={"name": Literal(name, lang="zh")})
    return {str(r[0]) for r in rows} | {name}


class Tags(HTMLParser):
    """Collect every start tag with its attributes (script bodies are not parsed as markup)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def seed_view(seed_build: Any) -> tuple[Graph, Path, str]:
    result, out = seed_build
    path = write_view(out)
    return result.graph, path, path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, seed_build: Any) -> tuple[Graph, Path]:
    """A generated report with markup in 《》 and “” names, built by the real pipeline, plus
    entities whose label and alias are exactly the hostile strings (the pipeline drops spaces)."""
    folder = tmp_path_factory.mktemp("hostile")
    report = folder / "2023_hostile.txt"
    report.write_text(HOSTILE_REPORT, encoding="utf-8")
    out = folder / "out"
    write_outputs(build([report]), out)
    graph = Graph().parse(out / "kg.ttl", format="turtle")
    names = {str(o) for o in graph.objects(None, RDFS.label)}
    assert any("</script><script>alert(1)</script>" in n for n in names), sorted(names)
    base = "https://example.org/hostile/"
    first, second = URIRef(base + "a"), URIRef(base + "b")
    graph.add((first, RDF.type, KG.Program))
    graph.add((first, RDFS.label, Literal(HOSTILE_NAMES[0], lang="zh")))
    graph.add((first, SKOS.altLabel, Literal(HOSTILE_NAMES[1], lang="zh")))
    graph.add((second, RDF.type, KG.Organization))
    graph.add((second, RDFS.label, Literal(HOSTILE_NAMES[2], lang="zh")))
    graph.add((second, KG.code, Literal("</code><img src=y onerror=alert(5)>")))
    graph.add((second, KG.implements, first))
    path = write_view(out, graph=graph, title="<script>alert(6)</script>标题")
    return graph, path


@pytest.fixture(scope="module")
def browser() -> Any:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page with every console message, page error, dialog and request recorded."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("window.kgView && window.kgView.state.ready", timeout=60_000)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg: Any = None) -> Any:
        return self.page.evaluate(expression, arg)


# ---------------------------------------------------------------- the page as a file


def test_views_page_is_self_contained(seed_view: tuple[Graph, Path, str]) -> None:
    html = seed_view[2]
    parser = Tags()
    parser.feed(html)
    names = [tag for tag, _ in parser.tags]
    assert "link" not in names and "iframe" not in names
    for tag, attrs in parser.tags:
        assert "src" not in attrs and "href" not in attrs, (tag, attrs)
    assert names.count("script") == 6  # four JSON blocks, vis-network, ours: none with src
    assert re.search(r"@import|url\((?!\"?data:)", html) is None
    assert "default-src 'none'" in html  # the CSP also forbids any fetch
    assert "vis.Network" in html and len(html) > 400_000  # vis-network inlined


def test_views_counts_match_graph(seed_view: tuple[Graph, Path, str]) -> None:
    graph, _, html = seed_view
    data = page_data(html)
    nodes, edges = graph_counts(graph)
    assert nodes > 100 and edges > 50
    assert (len(data["nodes"]), len(data["edges"])) == (nodes, edges)
    assert data["meta"]["counts"] == {"nodes": nodes, "edges": edges}
    assert data["options"]["physics"]["enabled"] is False  # laid out ahead of time


def test_views_nodes_carry_style_position_and_size(seed_view: tuple[Graph, Path, str]) -> None:
    data = page_data(seed_view[2])
    for node in data["nodes"]:
        label, colour, shape = CLASS_STYLE[EntityClass(node["cls"])]
        group = data["options"]["groups"][node["group"]]
        assert (group["color"], group["shape"], node["shape"]) == (colour, shape, shape)
        assert isinstance(node["x"], float) and isinstance(node["y"], float)
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) == len(data["nodes"])  # no two nodes on one spot
    degree = {n["id"]: 0 for n in data["nodes"]}
    for edge in data["edges"]:
        degree[edge["from"]] += 1
        degree[edge["to"]] += 1
    biggest = max(data["nodes"], key=lambda n: n["size"])
    assert degree[biggest["id"]] == max(degree.values())
    assert {e["label"] for e in data["edges"]} <= {label for label, _ in RELATION_STYLE.values()}


def test_views_planned_relations_are_dashed(seed_view: tuple[Graph, Path, str]) -> None:
    graph, _, html = seed_view
    data = page_data(html)
    planned = {str(r[0]) for r in graph.query(PREFIX + """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?s ?p ?o WHERE { ?ev rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:planned true
          FILTER NOT EXISTS { ?other rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:planned false } }""")}
    assert planned
    iri = {nid: d["iri"] for nid, d in data["meta"]["details"].items()}
    dashed = {iri[e["from"]] for e in data["edges"] if e["dashes"]}
    assert dashed and dashed <= planned
    assert any(not e["dashes"] for e in data["edges"])


def test_views_output_is_deterministic(seed_build: Any, tmp_path: Path) -> None:
    out = seed_build[1]
    pages = []
    for hashseed in ("1", "2"):
        target = tmp_path / f"view-{hashseed}.html"
        env = dict(os.environ, PYTHONHASHSEED=hashseed)
        subprocess.run([sys.executable, "-m", "kg_build", "view", "--out", str(out), "--file", str(target)],
                       check=True, env=env, cwd=ROOT, capture_output=True)
        pages.append(target.read_bytes())
    assert pages[0] == pages[1]


def test_views_labels_match_ontology() -> None:
    ontology = Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")

    def zh(term: URIRef) -> str:
        return next(str(o) for o in ontology.objects(term, RDFS.label) if getattr(o, "language", None) == "zh")

    assert {c: CLASS_STYLE[c][0] for c in EntityClass} == {c: zh(c.iri) for c in EntityClass}
    assert {k: RELATION_STYLE[k][0] for k in RelationKind} == {k: zh(k.iri) for k in RelationKind}


# ---------------------------------------------------------------- choosing the subgraph


def test_views_focus_keeps_the_neighbourhood(seed_view: tuple[Graph, Path, str]) -> None:
    graph = seed_view[0]
    one = page_data(render_html(graph, title="t", focus="门头沟区", hops=1))
    assert labels_of(one) == neighbourhood(graph, "门头沟区")
    two = page_data(render_html(graph, title="t", focus="门头沟区", hops=2))
    assert labels_of(one) < labels_of(two)
    alias = page_data(render_html(graph, title="t", focus="阜平", hops=0))  # an skos:altLabel
    assert labels_of(alias) == {"阜平县"}
    areas = page_data(render_html(graph, title="t", focus="门头沟区", hops=1, classes=["AdministrativeArea"]))
    assert {n["cls"] for n in areas["nodes"]} == {"AdministrativeArea"}
    assert labels_of(areas) == {d["label"] for d in one["meta"]["details"].values() if d["cls"] == "AdministrativeArea"}


def test_views_class_and_relation_filters(seed_view: tuple[Graph, Path, str]) -> None:
    graph = seed_view[0]
    programs = page_data(render_html(graph, title="t", classes=["Program", "AdministrativeArea"]))
    assert {n["cls"] for n in programs["nodes"]} == {"Program", "AdministrativeArea"}
    chinese = page_data(render_html(graph, title="t", classes=["项目与行动", "行政区"]))
    assert chinese["nodes"] == programs["nodes"]
    assists = page_data(render_html(graph, title="t", relations=["assists"]))
    assert {e["kind"] for e in assists["edges"]} == {"assists"}
    assert len(assists["nodes"]) == graph_counts(graph)[0]  # a relation filter hides edges, not nodes


def test_views_report_filter(seed_view: tuple[Graph, Path, str]) -> None:
    graph = seed_view[0]
    whole = page_data(render_html(graph, title="t"))
    one = page_data(render_html(graph, title="t", report="2019_xicheng_district"))
    assert 0 < len(one["nodes"]) <= len(whole["nodes"])
    assert one["meta"]["reports"] == whole["meta"]["reports"]


def test_views_query_chooses_the_subgraph(seed_view: tuple[Graph, Path, str], tmp_path: Path) -> None:
    graph = seed_view[0]
    construct = page_data(render_html(graph, title="t", query="entity-graph", params={"entity": "门头沟区"}))
    assert labels_of(construct) == neighbourhood(graph, "门头沟区")
    select = tmp_path / "programs.rq"
    select.write_text(PREFIX + "SELECT ?x WHERE { ?x a kg:Program }\n", encoding="utf-8")
    chosen = page_data(render_html(graph, title="t", query=str(select)))
    assert {n["cls"] for n in chosen["nodes"]} == {"Program"}
    assert len(chosen["nodes"]) == len(list(graph.subjects(RDF.type, KG.Program)))


def test_views_max_nodes_keeps_the_most_connected(seed_view: tuple[Graph, Path, str]) -> None:
    graph = seed_view[0]
    total = graph_counts(graph)[0]
    data = page_data(render_html(graph, title="t", max_nodes=10))
    assert len(data["nodes"]) == 10
    notice = data["meta"]["notice"]
    assert f"共 {total} 个" in notice and f"省略了 {total - 10} 个" in notice
    assert f"--max-nodes {total}" in notice and "--focus" in notice
    assert "门头沟区" not in labels_of(data) and "西城区" in labels_of(data)
    assert page_data(render_html(graph, title="t"))["meta"]["notice"] == ""


def test_views_community_colouring(seed_view: tuple[Graph, Path, str]) -> None:
    graph = seed_view[0]
    data = page_data(render_html(graph, title="t", color="community"))
    communities = data["meta"]["communities"]
    assert len(communities) > 2 and sum(c["count"] for c in communities) == len(data["nodes"])
    assert communities[-1]["number"] == 0  # "other": entities without relations
    assert communities[0]["count"] >= communities[1]["count"] > 1
    assert len({data["options"]["groups"][n["group"]]["color"] for n in data["nodes"]}) > 2
    assert render_html(graph, title="t", color="community") == render_html(graph, title="t", color="community")


@pytest.mark.parametrize(("options", "message"), [
    ({"focus": "没有这个地方"}, "no entity is labelled '没有这个地方'; --focus matches an rdfs:label or skos:altLabel exactly."),
    ({"focus": "门头"}, "no entity is labelled '门头' (did you mean: 门头沟区?)"),
    ({"classes": ["Foo"]}, "unknown class 'Foo'; choose from: AdministrativeArea, Organization, Program, "
                           "PolicyDocument, Place, Event, Person."),
    ({"relations": ["likes"]}, "unknown relation 'likes'; choose from: partnersWith, assists,"),
    ({"report": "nope"}, "no report matches 'nope'; give a source file, its stem, a title or an IRI: 2019_xicheng_district"),
    ({"color": "rainbow"}, "unknown colouring 'rainbow'; choose from: class, community."),
    ({"max_nodes": 0}, "--max-nodes must be 1 or more, not 0."),
    ({"hops": -1}, "--hops must be 0 or more, not -1."),
])
def test_views_error_messages(seed_view: tuple[Graph, Path, str], options: dict[str, Any], message: str) -> None:
    with pytest.raises(ViewError) as caught:
        render_html(seed_view[0], title="t", **options)
    assert message in str(caught.value)


def test_views_error_without_a_graph(tmp_path: Path) -> None:
    with pytest.raises(KgBuildError) as caught:
        write_view(tmp_path)
    assert str(caught.value) == f"{tmp_path}: no built graph here; run `kg-build build --out {tmp_path}` first."


def test_views_cli_writes_the_page(seed_build: Any, tmp_path: Path) -> None:
    out = seed_build[1]
    target = tmp_path / "focus.html"
    result = CliRunner().invoke(main, ["view", "--out", str(out), "--file", str(target), "--focus", "门头沟区",
                                       "--hops", "1", "--relation", "partnersWith,locatedIn"])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {target}\n"
    data = page_data(target.read_text(encoding="utf-8"))
    assert {e["kind"] for e in data["edges"]} <= {"partnersWith", "locatedIn"} and data["edges"]
    failed = CliRunner().invoke(main, ["view", "--out", str(out), "--class", "Nope"])
    assert failed.exit_code == 1 and failed.output.startswith("Error: unknown class 'Nope'")


# ---------------------------------------------------------------- hostile labels, as text


def test_views_hostile_labels_stay_json_data(hostile: tuple[Graph, Path]) -> None:
    html = hostile[1].read_text(encoding="utf-8")
    assert html.lower().count("</script") == 6  # only our own six script elements close
    assert "<img" not in html and "<svg" not in html and "<b " not in html
    assert "<title>&lt;script&gt;alert(6)&lt;/script&gt;标题</title>" in html
    data = page_data(html)
    details = data["meta"]["details"].values()
    assert {HOSTILE_NAMES[0], HOSTILE_NAMES[2]} <= {d["label"] for d in details}
    assert any(HOSTILE_NAMES[1] in d["aliases"] for d in details)
    sentences = {ev["sentence"] for e in data["meta"]["edgeDetails"].values() for ev in e["evidence"]}
    assert any("</script><script>alert(1)</script>" in s for s in sentences)


# ---------------------------------------------------------------- in the browser


@pytest.mark.browser
def test_views_browser_seed_page_loads_offline(browser: Any, seed_view: tuple[Graph, Path, str],
                                               tmp_path_factory: pytest.TempPathFactory) -> None:
    graph, path, _ = seed_view
    page = Watched(browser, path)
    nodes, edges = graph_counts(graph)
    assert page.js("[kgView.nodes.length, kgView.edges.length]") == [nodes, edges]
    assert page.js("[kgView.network.body.nodeIndices.length, kgView.network.body.edgeIndices.length]") == [nodes, edges]
    status = page.page.locator("#kg-status")
    assert (status.get_attribute("data-nodes"), status.get_attribute("data-edges")) == (str(nodes), str(edges))
    shot = tmp_path_factory.mktemp("screenshots") / "seed-view.png"
    page.page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000
    assert page.errors == []
    assert page.requests and all(url.startswith("file://") for url in page.requests), page.requests
    page.page.close()


@pytest.mark.browser
def test_views_browser_search_focuses_an_entity(browser: Any, seed_view: tuple[Graph, Path, str]) -> None:
    page = Watched(browser, seed_view[1])
    page.page.fill("#kg-search", "门头沟区")
    page.page.press("#kg-search", "Enter")
    selected = page.js("kgView.network.getSelectedNodes()")
    assert [page.js("id => kgView.meta.details[id].label", nid) for nid in selected] == ["门头沟区"]
    assert page.page.locator("#kg-panel h2").first.text_content() == "门头沟区"
    assert "110109" in (page.page.locator("#kg-panel").text_content() or "")  # its code
    page.page.fill("#kg-search", "阜平")  # an alias
    page.page.press("#kg-search", "Enter")
    assert page.page.locator("#kg-panel h2").first.text_content() == "阜平县"
    page.page.fill("#kg-search", "不存在的名称")
    page.page.press("#kg-search", "Enter")
    assert page.page.locator("#kg-search-status").text_content() == "没有找到：不存在的名称"
    assert page.errors == []


@pytest.mark.browser
def test_views_browser_class_filter_hides_nodes(browser: Any, seed_view: tuple[Graph, Path, str]) -> None:
    page = Watched(browser, seed_view[1])
    areas = page.js("kgView.nodes.get({filter: n => n.cls === 'AdministrativeArea'}).map(n => n.id)")
    assert len(areas) > 5
    page.page.locator('#kg-classes input[data-key="AdministrativeArea"]').uncheck()
    hidden = page.js("kgView.nodes.get({filter: n => n.hidden}).map(n => n.id)")
    assert sorted(hidden) == sorted(areas)
    drawn = page.js("Object.values(kgView.network.body.nodes).filter(n => n.options.hidden).length")
    assert drawn == len(areas)
    loose = page.js("kgView.edges.get().filter(e => !e.hidden && (ids => ids.includes(e.from) || ids.includes(e.to))(%s)).length"
                    % json.dumps(areas))
    assert loose == 0
    total = page.js("kgView.nodes.length")
    assert page.page.locator("#kg-status").get_attribute("data-nodes") == str(total - len(areas))
    page.page.locator('#kg-relations input[data-key="implements"]').uncheck()
    assert page.js("kgView.edges.get({filter: e => e.kind === 'implements' && !e.hidden}).length") == 0
    page.page.locator('#kg-classes input[data-key="AdministrativeArea"]').check()
    assert page.js("kgView.nodes.get({filter: n => n.hidden}).length") == 0
    assert page.errors == []


@pytest.mark.browser
def test_views_browser_click_opens_the_panel(browser: Any, seed_view: tuple[Graph, Path, str]) -> None:
    page = Watched(browser, seed_view[1])
    nid = page.js("kgView.nodes.get({filter: n => n.label === '门头沟区'})[0].id")
    page.js("id => kgView.network.focus(id, {scale: 2, animation: false})", nid)
    point = page.js("id => kgView.network.canvasToDOM(kgView.network.getPosition(id))", nid)
    box = page.page.locator("#kg-network").bounding_box()
    page.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    panel = page.page.locator("#kg-panel")
    assert panel.locator("h2").first.text_content() == "门头沟区"
    assert panel.locator("blockquote").count() >= 1  # evidence sentences
    assert "2019年" in (panel.locator("cite").first.text_content() or "")  # with their report
    assert page.errors == []


@pytest.mark.browser
def test_views_browser_hostile_report_runs_nothing(browser: Any, hostile: tuple[Graph, Path]) -> None:
    page = Watched(browser, hostile[1])
    for name in HOSTILE_NAMES:
        page.page.fill("#kg-search", name)
        page.page.press("#kg-search", "Enter")
        assert page.page.locator("#kg-panel h2").first.text_content() in HOSTILE_NAMES
    for nid in page.js("kgView.nodes.getIds()"):  # open every panel, entities and their relations
        page.js("id => kgView.focusNode(id)", nid)
        assert page.js("document.querySelectorAll('#kg-panel img, #kg-panel svg, #kg-panel b, #kg-panel script').length") == 0
    page.page.mouse.move(700, 450)
    page.page.wait_for_timeout(200)
    assert page.dialogs == []
    tags = set(page.js("[...document.querySelectorAll('*')].map(e => e.tagName.toLowerCase())"))
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    assert page.js("[...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
                   ".filter(a => a.name.startsWith('on')).length") == 0
    assert page.js("document.scripts.length") == 6
    assert page.js("document.title") == "<script>alert(6)</script>标题"
    assert page.js("document.getElementById('kg-panel').textContent").count("alert(") >= 1  # shown as text
    assert page.errors == [] and all(url.startswith("file://") for url in page.requests)
