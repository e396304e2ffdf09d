"""Command line: a thin translator from options to library calls.

Domain errors (``KgBuildError``) become ``click.ClickException`` ("Error: …", exit 1);
anything else keeps its traceback.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .config import Config
from .errors import KgBuildError
from .vocab import DEFAULT_BASE

F = TypeVar("F", bound=Callable[..., Any])


def out_option(func: F) -> F:
    """The ``--out DIR`` every command shares to find the built graph."""
    return click.option("--out", "out", type=click.Path(path_type=Path), default=Path("out"), show_default=True,
                        help="Directory of the built graph.")(func)


def parse_params(items: tuple[str, ...]) -> dict[str, str]:
    """``--param name=value`` options as a dict; the value is bound as data, never spliced."""
    bound: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"'{item}' is not NAME=VALUE.", param_hint="--param")
        bound[name.strip()] = value
    return bound


def domain_errors(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except KgBuildError as error:
            raise click.ClickException(str(error)) from error

    return wrapper  # type: ignore[return-value]


@click.group()
@click.version_option(package_name="kg-build")
def main() -> None:
    """Turn Chinese government work reports into a linked-data knowledge graph."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@out_option
@click.option("--base", default=DEFAULT_BASE, show_default=True, help="Base IRI of the graph's resources.")
@click.option("--config", "config_file", type=click.Path(exists=True, path_type=Path), help="TOML file with settings.")
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
@click.option("--keep-text", "keep_text", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write the text read from each report to KEEP_TEXT/<file name>.txt "
                   "(evidence offsets count characters in it).")
@domain_errors
def build(paths: tuple[Path, ...], out: Path, base: str, config_file: Path | None, quiet: bool,
          keep_text: Path | None) -> None:
    """Build the graph of report files (.txt, .html, .pdf, .docx, recognised by content) or
    directories (default: seeds/) into DIR/kg.ttl, DIR/void.ttl and DIR/graph.html.

    Example: kg-build build seeds/ --out out
    """
    from .build import build as run_build
    from .build import collect_inputs, write_outputs

    config = Config.from_toml(config_file, base=base, out=out) if config_file else Config(base=base, out=out)
    inputs = list(paths) or [Path("seeds")]
    files, _ = collect_inputs(inputs)
    bar = None
    if len(files) > 3 and not quiet:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="report", desc="building", leave=False)
    result = run_build(inputs, config, progress=(lambda _: bar.update(1)) if bar else None)
    if bar:
        bar.close()
    for path, message in result.failures:
        click.echo(f"Error: {message}" if str(path) in message else f"Error: {path}: {message}", err=True)
    written = write_outputs(result, out, config) if result.docs else []
    if keep_text and result.docs:
        from .extract import write_texts

        written += write_texts(result.docs, keep_text)
    if not quiet:
        summary = result.summary()
        click.echo(f"built {summary['reports']} report(s) in {summary['seconds']} s"
                   + (f", {summary['failed']} failed" if summary["failed"] else ""))
        click.echo("entities: " + json.dumps(summary["entities"], ensure_ascii=False))
        click.echo("relations: " + json.dumps(summary["relations"], ensure_ascii=False))
        click.echo(f"observations: {summary['observations']}  triples: {summary['triples']}")
        for path in written:
            click.echo(f"wrote {path}")
    if result.failures:
        raise SystemExit(1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["ttl", "nt", "jsonld", "trig", "nq"]), default="ttl",
              show_default=True, help="RDF format; trig and nq put each report in its own named graph.")
@click.option("--file", "file", type=click.Path(path_type=Path), default=None,
              help="Output file, or - for standard output. [default: DIR/kg.<format>]")
@out_option
@domain_errors
def export(fmt: str, file: Path | None, out: Path) -> None:
    """Export the built graph DIR/kg.ttl in another RDF format.

    Example: kg-build export --format jsonld --out out
    """
    from .publish import export as run_export
    from .publish import render
    from .validate import load_built_graph

    if file is not None and str(file) == "-":
        click.echo(render(load_built_graph(out), fmt).decode("utf-8"), nl=False)
        return
    click.echo(f"wrote {run_export(out, fmt, file)}")


@main.command()
@out_option
@click.option("--no-owl", is_flag=True, help="Skip the owlready2/HermiT check of the ontology (needs Java).")
@domain_errors
def validate(out: Path, no_owl: bool) -> None:
    """Check DIR/kg.ttl against ontology/shapes.ttl (SHACL) and the ontology's consistency; exit 1 on violations.

    Example: kg-build validate --out out
    """
    from .errors import ValidationError
    from .validate import validate_dir

    report = validate_dir(out, check_owl=not no_owl)
    click.echo(report.text())
    if not report.conforms:
        raise ValidationError(f"{out / 'kg.ttl'}: {len(report.violations)} violation(s), "
                              f"{len(report.ontology_problems)} ontology problem(s); see the list above.")


@main.command()
@click.option("--site", "site", type=click.Path(path_type=Path), required=True, help="Directory to write the site to.")
@out_option
@domain_errors
def publish(site: Path, out: Path) -> None:
    """Write static linked data: one Turtle and one HTML page per resource, at its IRI's path.

    Example: kg-build publish --site site --out out
    """
    from .publish import publish_site

    result = publish_site(out, site)
    click.echo(f"wrote {result.resources} resources ({result.files} files) to {result.root}")


@main.command()
@click.option("--endpoint", required=True, help="SPARQL 1.1 Graph Store endpoint, e.g. http://127.0.0.1:7878/store.")
@click.option("--graph", "graph_iri", default=None, help="Push only this named graph (a report's IRI). [default: all]")
@out_option
@domain_errors
def push(endpoint: str, graph_iri: str | None, out: Path) -> None:
    """Replace each report's named graph (and the gazetteer and ontology graphs) in a triple store.

    Example: kg-build push --endpoint http://127.0.0.1:7878/store --out out
    """
    from .publish import push as run_push

    for name, triples in run_push(out, endpoint, graph_iri):
        click.echo(f"PUT <{name}>: {triples} triples")


@main.command("query")
@click.argument("name_or_file", required=False)
@click.option("-e", "text", metavar="TEXT", help="SPARQL text to run instead of a named query or file.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (repeatable); bound as an RDF term, never spliced into the text.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml"]), default="table",
              show_default=True, help="Result format (CONSTRUCT and DESCRIBE always print Turtle).")
@click.option("--engine", type=click.Choice(["oxigraph", "rdflib"]), default="oxigraph", show_default=True,
              help="Query engine.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and their parameters.")
@out_option
@domain_errors
def query_command(name_or_file: str | None, text: str | None, params: tuple[str, ...], fmt: str, engine: str,
                  list_queries: bool, out: Path) -> None:
    """Run a named query, a .rq file or SPARQL text (-e) over DIR/kg.ttl.

    Example: kg-build query partners --param area=西城区 --out out
    """
    from .query import load_queries, run

    if list_queries:
        for named in load_queries().values():
            args = " ".join(f"{p.name}={p.default or '?'}" for p in named.params)
            click.echo(f"{named.name:<17} {named.title}")
            click.echo(f"{'':<17} params: {args}" if args else f"{'':<17} params: none")
        return
    if (name_or_file is None) == (text is None):
        raise click.UsageError("give a query NAME, a FILE, or -e TEXT (exactly one); see --list.")
    bound = parse_params(params)
    result = run(text if text is not None else str(name_or_file), out=out, params=bound, engine=engine)
    click.echo(result.serialize(fmt), nl=False)


@main.command("serve")
@out_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (localhost only by default).")
@click.option("--port", default=8000, type=int, show_default=True, help="Port (0 picks a free one).")
@click.option("--timeout", default=10.0, type=float, show_default=True, help="Seconds a query may run.")
@click.option("--limit", default=10000, type=int, show_default=True, help="Most rows or triples in one answer.")
@click.option("--get", "get_path", metavar="PATH", help="Print the answer to GET PATH and exit, without a server.")
@domain_errors
def serve_command(out: Path, host: str, port: int, timeout: float, limit: int, get_path: str | None) -> None:
    """Serve DIR/kg.ttl read-only as a SPARQL 1.1 endpoint at /sparql, with a query page at /.

    Example: kg-build serve --out out --port 8000
    """
    from .serve import get, make_server

    if get_path is not None:
        response = get(get_path, out=out)
        click.echo(response.body.decode("utf-8"), nl=False)
        if response.status >= 400:
            raise SystemExit(1)
        return
    server = make_server(out, host, port, timeout=timeout, limit=limit)
    bound_host, bound_port = server.server_address[:2]
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host!s}, reachable from other machines.", err=True)
    where = f"http://{bound_host!s}:{bound_port}"
    click.echo(f"SPARQL endpoint: {where}/sparql  (page: {where}/)")
    click.echo("read-only; press Ctrl-C to stop.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@main.command("view")
@out_option
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the page (default: DIR/graph.html).")
@click.option("--focus", metavar="NAME", help="Show this entity (rdfs:label or skos:altLabel) and its neighbours.")
@click.option("--hops", type=click.IntRange(min=0), default=1, show_default=True,
              help="How many relation steps around --focus to show.")
@click.option("--class", "classes", multiple=True, metavar="C",
              help="Keep only entities of class C (repeatable or comma-separated), e.g. Program or 项目与行动.")
@click.option("--relation", "relations", multiple=True, metavar="R",
              help="Keep only relations of kind R (repeatable or comma-separated), e.g. assists or 帮扶.")
@click.option("--report", metavar="R", help="Keep what one report mentions: its file, file stem, title or IRI.")
@click.option("--query", metavar="NAME|FILE",
              help="Keep what a named query or .rq file selects (CONSTRUCT: its subgraph; SELECT: its IRIs).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind a --query parameter (repeatable).")
@click.option("--max-nodes", type=click.IntRange(min=1), default=2000, show_default=True,
              help="Above this, keep the best-connected entities; the page says what was left out.")
@click.option("--color", type=click.Choice(["class", "community"]), default="class", show_default=True,
              help="Colour nodes by class or by network community (shapes always show the class).")
@click.option("--title", help="Page title (default: from the report titles).")
@domain_errors
def view_command(out: Path, file: Path | None, focus: str | None, hops: int, classes: tuple[str, ...],
                 relations: tuple[str, ...], report: str | None, query: str | None, params: tuple[str, ...],
                 max_nodes: int, color: str, title: str | None) -> None:
    """Write an interactive, offline HTML view of DIR/kg.ttl (one self-contained file).

    Example: kg-build view --out out --focus 西城区 --hops 2 --file out/xicheng.html
    """
    from .views import view_names, write_view

    bound = parse_params(params)
    options: dict[str, object] = {"focus": focus, "hops": hops, "classes": view_names(classes) or None,
                                  "relations": view_names(relations) or None, "report": report, "query": query,
                                  "params": bound or None, "max_nodes": max_nodes, "color": color}
    if title:
        options["title"] = title
    path = write_view(out, file, **options)  # type: ignore[arg-type]
    click.echo(f"wrote {path}")
