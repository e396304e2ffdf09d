"""Benchmark of the interactive view: time to render and time until the page is ready in
headless Chromium, for the seed graph and a synthetic 5,000-node graph; HTML sizes.

Usage: .venv/bin/python benchmarks/bench_views.py [--nodes 5000] [--out DIR]
Needs Debian's chromium (/usr/bin/chromium) and the playwright Python package.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from kg_build.build import build, write_outputs
from kg_build.views import render_html, write_view
from kg_build.vocab import KG, EntityClass, RelationKind

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-default-apps", "--disable-sync",
                 "--no-first-run", "--metrics-recording-only"]
BASE = "https://example.org/bench/"


def synthetic_graph(nodes: int, seed: int = 1) -> Graph:
    """A report-shaped graph: a few issuers with many programmes, documents and places each,
    cross links between them, evidence sentences (a third of them planned)."""
    rng = random.Random(seed)
    g = Graph()
    classes = list(EntityClass)
    reports = [URIRef(f"{BASE}report/{i}") for i in range(max(1, nodes // 500))]
    for i, report in enumerate(reports):
        g.add((report, RDF.type, KG.Report))
        g.add((report, KG.title, Literal(f"合成报告{i}", lang="zh")))
    entities = []
    for i in range(nodes):
        cls = EntityClass.AREA if i < len(reports) * 3 else classes[i % len(classes)]
        node = URIRef(f"{BASE}e/{i}")
        g.add((node, RDF.type, cls.iri))
        g.add((node, RDFS.label, Literal(f"实体{i}号{cls.value[:3]}", lang="zh")))
        if i % 7 == 0:
            g.add((node, SKOS.altLabel, Literal(f"别名{i}", lang="zh")))
        g.add((reports[i % len(reports)], KG.mentions, node))
        entities.append(node)
    hubs = entities[: len(reports) * 3]
    kinds = list(RelationKind)
    for i, node in enumerate(entities[len(hubs):], start=len(hubs)):
        links = [(hubs[i % len(hubs)], kinds[i % len(kinds)], node)]
        if rng.random() < 0.3:
            links.append((node, RelationKind.LOCATED_IN, entities[rng.randrange(len(entities))]))
        for s, kind, o in links:
            if s == o:
                continue
            g.add((s, kind.iri, o))
            ev = URIRef(f"{BASE}evidence/{i}-{kind.value}")
            g.add((ev, RDF.type, KG.Evidence))
            g.add((ev, RDF.subject, s))
            g.add((ev, RDF.predicate, kind.iri))
            g.add((ev, RDF.object, o))
            g.add((ev, PROV.wasDerivedFrom, reports[i % len(reports)]))
            g.add((ev, KG.sentence, Literal(f"第{i}句：关于实体{i}的工作安排。", lang="zh")))
            g.add((ev, KG.planned, Literal(rng.random() < 0.33)))
    return g


def time_in_browser(path: Path) -> tuple[float, int, int, str]:
    """Seconds from navigation until the view has drawn its first frame, its counts, and the
    page's own marks (ms since navigation: data parsed, network built, first frame drawn)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        started = time.perf_counter()
        page.goto(path.resolve().as_uri())
        page.wait_for_function("window.kgView && window.kgView.state.ready", timeout=300_000)
        seconds = time.perf_counter() - started
        counts = page.evaluate("[kgView.nodes.length, kgView.edges.length]")
        marks = page.evaluate("performance.getEntriesByType('mark').map(m => m.name.slice(3) + ' ' + Math.round(m.startTime))")
        browser.close()
    return seconds, counts[0], counts[1], ", ".join(marks)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-views-"))

    result = build(["seeds"])
    write_outputs(result, out)
    started = time.perf_counter()
    seed_html = write_view(out)
    seed_render = time.perf_counter() - started
    seconds, n, e, marks = time_in_browser(seed_html)
    print(f"seed: {n} nodes, {e} edges; render {seed_render:.2f} s (includes imports); "
          f"ready in Chromium {seconds:.2f} s ({marks} ms); {seed_html.stat().st_size / 1e6:.2f} MB  {seed_html}")

    graph = synthetic_graph(args.nodes)
    started = time.perf_counter()
    html = render_html(graph, title=f"合成图 {args.nodes}", max_nodes=args.nodes)
    render = time.perf_counter() - started
    big = out / f"synthetic-{args.nodes}.html"
    big.write_text(html, encoding="utf-8")
    seconds, n, e, marks = time_in_browser(big)
    print(f"synthetic: {n} nodes, {e} edges; render {render:.2f} s; ready in Chromium {seconds:.2f} s "
          f"({marks} ms); {big.stat().st_size / 1e6:.2f} MB  {big}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
