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
@domain_errors
def build(paths: tuple[Path, ...], out: Path, base: str, config_file: Path | None, quiet: bool) -> None:
    """Build the graph of report files or directories (default: seeds/) into DIR/kg.ttl.

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
    written = write_outputs(result, out) if result.docs else []
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
