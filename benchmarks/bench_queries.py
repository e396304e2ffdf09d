"""Latency of every named query, pyoxigraph against rdflib, on the seed graph and on a synthetic
graph of about a hundred reports.

The synthetic graph re-mints the seed's report-level nodes (the report, its observations and
its text evidence) once per extra report, each copy a year earlier with slightly different
figures, and keeps the entities shared, as a long run of one area's reports would.

    .venv/bin/python benchmarks/bench_queries.py                 # seed + 100 reports
    .venv/bin/python benchmarks/bench_queries.py --reports 20 --repeat 3

Prints a Markdown table of median milliseconds per query (store/graph loading excluded) for the
on-disk pyoxigraph store (the command and the Python API), its in-memory copy (the endpoint) and
rdflib.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg_build.query import bind_params, execute, load_graph, load_queries, open_store  # noqa: E402
from kg_build.vocab import KG  # noqa: E402


COLUMNS = ("oxigraph", "memory", "rdflib")  # the on-disk store, its in-memory copy (the server's), rdflib


def build_seed(out: Path) -> Path:
    from kg_build.build import build, write_outputs

    write_outputs(build([ROOT / "seeds"]), out)
    return out / "kg.ttl"


def synthetic(seed: Graph, reports: int) -> Graph:
    """The seed plus ``reports - 1`` re-minted copies of every report's own nodes."""
    graph = Graph()
    for triple in seed:
        graph.add(triple)
    originals = sorted(seed.subjects(RDF.type, KG.Report), key=str)
    for copy in range(1, reports):
        for report in originals:
            owned = {report} | set(seed.subjects(PROV.wasDerivedFrom, report))
            renamed = {node: URIRef(f"{node}-s{copy:03d}") for node in owned if isinstance(node, URIRef)}
            for node in sorted(renamed, key=str):
                for _, p, o in seed.triples((node, None, None)):
                    graph.add((renamed[node], p, _shift(renamed.get(o, o) if isinstance(o, URIRef) else o, p, copy)))
    return graph


def _shift(term: object, predicate: object, copy: int) -> object:
    """Move years back by ``copy`` and change figures a little, so copies are distinct reports."""
    if not isinstance(term, Literal):
        return term
    if term.datatype == XSD.gYear:
        return Literal(str(int(str(term)) - copy), datatype=XSD.gYear)
    if predicate == KG.value:
        return Literal(Decimal(str(term)) * (1 - Decimal(copy) / 1000))
    if predicate == KG.date:
        year, rest = str(term).split("-", 1)
        return Literal(f"{int(year) - copy}-{rest}", datatype=XSD.date)
    if predicate == KG.checksum:
        return Literal(f"{term}-s{copy:03d}")
    return term


def measure(out: Path, repeat: int, rdflib_timeout: float) -> dict[tuple[str, str], float | None]:
    """Median milliseconds of each named query with its default parameters, per engine. rdflib
    runs in a forked child that is stopped after ``rdflib_timeout`` seconds (None: too slow)."""
    open_store(out)  # build the stores and parse the graph before timing
    open_store(out, memory=True)
    load_graph(out)
    timings: dict[tuple[str, str], float | None] = {}
    for name, named in load_queries().items():
        bindings = bind_params(named)

        def timed(engine: str, memory: bool = False) -> float:
            execute(named, bindings, out=out, engine=engine, memory=memory)  # warm-up
            runs = []
            for _ in range(repeat):
                started = time.perf_counter()
                execute(named, bindings, out=out, engine=engine, memory=memory)
                runs.append((time.perf_counter() - started) * 1000)
                if runs[-1] > 3000:
                    break
            return statistics.median(runs)

        timings[(name, "oxigraph")] = timed("oxigraph")
        timings[(name, "memory")] = timed("oxigraph", memory=True)
        timings[(name, "rdflib")] = _in_child(lambda: timed("rdflib"), rdflib_timeout)
        for engine in COLUMNS:
            value = timings[(name, engine)]
            shown = "timed out" if value is None else f"{value:.1f} ms"
            print(f"  {out.name} {name} {engine}: {shown}", file=sys.stderr, flush=True)
    return timings


def _in_child(work: Callable[[], float], timeout: float) -> float | None:
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=lambda: sender.send(work()))
    child.start()
    answer = receiver.recv() if receiver.poll(timeout) else None
    if child.is_alive():
        child.kill()
    child.join()
    return answer


def _cell(value: float | None, timeout: float) -> str:
    return f"> {timeout * 1000:.0f}" if value is None else f"{value:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100, help="reports in the synthetic graph (default 100)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query and engine (default 5)")
    parser.add_argument("--graph", type=Path, help="a built kg.ttl to use instead of building seeds/")
    parser.add_argument("--rdflib-timeout", type=float, default=60.0,
                        help="seconds one query may take on rdflib before it is stopped (default 60)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        seed_dir, synth_dir = Path(tmp, "seed"), Path(tmp, "synthetic")
        seed_dir.mkdir()
        synth_dir.mkdir()
        if args.graph:
            (seed_dir / "kg.ttl").write_bytes(args.graph.read_bytes())
        else:
            build_seed(seed_dir)
        seed = Graph().parse(seed_dir / "kg.ttl", format="turtle")
        big = synthetic(seed, args.reports)
        (synth_dir / "kg.ttl").write_bytes(big.serialize(format="nt", encoding="utf-8"))
        started = time.perf_counter()
        open_store(synth_dir)
        store_s = time.perf_counter() - started
        started = time.perf_counter()
        load_graph(synth_dir)
        parse_s = time.perf_counter() - started
        small = measure(seed_dir, args.repeat, args.rdflib_timeout)
        large = measure(synth_dir, args.repeat, args.rdflib_timeout)
    reports = len(set(big.subjects(RDF.type, KG.Report)))
    print(f"seed: {len(seed)} triples, 1 report; synthetic: {len(big)} triples, {reports} reports "
          f"(store built in {store_s:.2f} s, rdflib parse {parse_s:.2f} s); median of {args.repeat} runs, ms\n")
    heads = {"oxigraph": "oxigraph disk", "memory": "oxigraph memory", "rdflib": "rdflib"}
    print("| query | " + " | ".join(f"seed {heads[c]}" for c in COLUMNS) + " | "
          + " | ".join(f"synthetic {heads[c]}" for c in COLUMNS) + " |")
    print("|---|" + "---:|" * (2 * len(COLUMNS)))
    for name in load_queries():
        cells = [small[(name, c)] for c in COLUMNS] + [large[(name, c)] for c in COLUMNS]
        print(f"| {name} | " + " | ".join(_cell(c, args.rdflib_timeout) for c in cells) + " |")
    for column in ("oxigraph", "memory"):
        worst = max((small[(n, column)] or 0.0, n) for n in load_queries())
        print(f"\nslowest named query on the seed, {heads[column]}: {worst[1]} {worst[0]:.1f} ms (aim: under 20 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
