"""The build command: exit codes, summary text, failures that name the file, atomic output, help."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from conftest import HOSTILE, TINY
from kg_build.cli import main

SUMMARY = re.compile(
    r"built (?P<reports>\d+) report\(s\) in (?P<seconds>\d+(?:\.\d+)?) s(?P<failed>, \d+ failed)?\n"
    r"entities: (?P<entities>\{.*\})\n"
    r"relations: (?P<relations>\{.*\})\n"
    r"observations: (?P<observations>\d+)  triples: (?P<triples>\d+)\n"
    r"(?P<wrote>(?:wrote .+\n)+)$"
)


def _leftovers(out: Path) -> list[str]:
    """Temporary files an interrupted write would leave (write_atomic's .kg.ttl.*.tmp)."""
    return sorted(p.name for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith("."))


@pytest.fixture()
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:  # click >= 8.2 keeps stderr apart already
        return CliRunner()


def test_cli_build_prints_a_summary_and_writes_kg_ttl(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(TINY), "--out", str(out)])
    assert result.exit_code == 0, result.output
    m = SUMMARY.match(result.stdout)
    assert m, result.stdout
    assert m["reports"] == "1" and m["failed"] is None
    entities = json.loads(m["entities"])
    assert entities["AdministrativeArea"] >= 6 and entities["Person"] == 1
    assert list(entities) == sorted(entities)
    relations = json.loads(m["relations"])
    assert relations["partnersWith"] >= 2 and relations["enacts"] == 1
    assert f"wrote {out / 'kg.ttl'}\n" in m["wrote"]
    graph = Graph().parse(out / "kg.ttl", format="turtle")
    assert len(graph) == int(m["triples"])
    assert result.stderr == ""


def test_cli_build_quiet_prints_nothing(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(TINY), "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 0
    assert result.stdout == "" and result.stderr == ""
    assert (tmp_path / "kg.ttl").is_file()


def test_cli_build_bad_file_among_good_ones(runner: CliRunner, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(TINY, reports / "a_good.txt")
    shutil.copy(HOSTILE / "empty.txt", reports / "b_empty.txt")
    shutil.copy(HOSTILE / "binary.txt", reports / "c_binary.txt")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(reports), "--out", str(out)])
    assert result.exit_code == 1
    assert f"Error: {reports / 'b_empty.txt'}: the file is empty (0 bytes)" in result.stderr
    assert f"Error: {reports / 'c_binary.txt'}: looks like a binary file" in result.stderr
    assert "a_good.txt" not in result.stderr
    assert result.stdout.startswith("built 1 report(s) in ") and ", 2 failed" in result.stdout.splitlines()[0]
    graph = Graph().parse(out / "kg.ttl", format="turtle")
    files = {str(o) for o in graph.objects(None, None) if str(o).endswith(".txt")}
    assert files == {"a_good.txt"}
    assert _leftovers(out) == []  # no *.tmp left


def test_cli_build_all_bad_keeps_the_old_graph(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(TINY), "--out", str(out), "--quiet"]).exit_code == 0
    before = (out / "kg.ttl").read_bytes()
    result = runner.invoke(main, ["build", str(HOSTILE / "empty.txt"), str(HOSTILE / "binary.txt"), "--out", str(out)])
    assert result.exit_code == 1
    assert str(HOSTILE / "empty.txt") in result.stderr and str(HOSTILE / "binary.txt") in result.stderr
    assert (out / "kg.ttl").read_bytes() == before
    assert _leftovers(out) == []
    assert "wrote" not in result.stdout


def test_cli_build_write_failure_leaves_no_half_file(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """If the final rename fails (disk full, permissions), kg.ttl stays the old complete one and the
    temporary file is removed."""
    import os

    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(TINY), "--out", str(out), "--quiet"]).exit_code == 0
    before = (out / "kg.ttl").read_bytes()
    written: list[str] = []

    def failing_replace(src, dst):  # type: ignore[no-untyped-def]
        written.append(Path(src).read_bytes().decode("utf-8")[:20])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing_replace)
    result = runner.invoke(main, ["build", str(TINY), "--out", str(out), "--quiet"])
    assert result.exit_code != 0
    assert written and written[0].startswith("@prefix")  # the temporary file was complete
    assert (out / "kg.ttl").read_bytes() == before
    assert _leftovers(out) == []


def test_cli_build_missing_path_names_it(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    result = runner.invoke(main, ["build", str(TINY), str(missing), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {missing}: no such file or directory.\n"
    assert (tmp_path / "out" / "kg.ttl").is_file()


def test_cli_build_directory_without_reports(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("# nothing", encoding="utf-8")
    result = runner.invoke(main, ["build", str(empty), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"Error: {empty}: no report files (*.txt, *.html, *.htm, *.pdf, *.docx) found in this directory." in result.stderr
    assert not (tmp_path / "out" / "kg.ttl").exists()


def test_cli_build_defaults_to_seeds(runner: CliRunner, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "seeds").mkdir()
    shutil.copy(TINY, tmp_path / "seeds" / "tiny.txt")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("built 1 report(s)")
    assert f"wrote {Path('out') / 'kg.ttl'}\n" in result.stdout
    assert (tmp_path / "out" / "kg.ttl").is_file()


def test_cli_build_base_option(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", str(TINY), "--out", str(tmp_path), "--base", "http://example.org/kg/", "--quiet"])
    assert result.exit_code == 0
    text = (tmp_path / "kg.ttl").read_text(encoding="utf-8")
    assert "<http://example.org/kg/area/>" in text and "w3id.org/kg-build/id/" not in text


def test_cli_build_config_file(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "kg.toml"
    config.write_text('base = "http://example.org/cfg/"\n', encoding="utf-8")
    result = runner.invoke(main, ["build", str(TINY), "--out", str(tmp_path), "--config", str(config),
                                  "--base", "http://example.org/cli/", "--quiet"])
    assert result.exit_code == 0
    assert "http://example.org/cli/area/" in (tmp_path / "kg.ttl").read_text(encoding="utf-8")


def test_cli_build_help(runner: CliRunner) -> None:
    result = runner.invoke(main, ["build", "--help"])
    assert result.exit_code == 0
    for text in ("Usage: main build [OPTIONS] [PATHS]...", "--out", "--base", "--quiet", "--config",
                 "Example: kg-build build seeds/ --out out", "[default: out]", "https://w3id.org/kg-build/id/"):
        assert text in result.stdout, text


def test_cli_build_real_process(subprocess_seed_builds) -> None:  # type: ignore[no-untyped-def]
    for proc, out in subprocess_seed_builds:
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith("built 1 report(s) in ")
        assert f"wrote {out / 'kg.ttl'}\n" in proc.stdout
        assert "Traceback" not in proc.stderr


def test_cli_build_out_is_a_file(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "afile"
    target.write_text("x", encoding="utf-8")
    result = runner.invoke(main, ["build", str(TINY), "--out", str(target), "--quiet"])
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {target}: is a file, not a directory; "
                             "give --out a directory (it is created if missing).\n")
    assert target.read_text(encoding="utf-8") == "x"


def test_cli_build_progress_bar_only_for_many_files(runner: CliRunner, tmp_path: Path) -> None:
    from conftest import DEV

    excerpts = sorted(DEV.glob("*_excerpt.txt"))[:4]
    many = runner.invoke(main, ["build", *map(str, excerpts), "--out", str(tmp_path / "a")])
    assert many.exit_code == 0
    assert "building:" in many.stderr and "/4 [" in many.stderr
    assert many.stdout.startswith("built 4 report(s) in ")
    few = runner.invoke(main, ["build", *map(str, excerpts[:3]), "--out", str(tmp_path / "b")])
    assert few.exit_code == 0 and few.stderr == ""
    quiet = runner.invoke(main, ["build", *map(str, excerpts), "--out", str(tmp_path / "c"), "--quiet"])
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == ""
