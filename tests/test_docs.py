"""The README documents every command, and its quick start is the one CI runs."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from kg_build.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_docs_every_command_is_in_the_readme() -> None:
    missing = [name for name in sorted(main.commands) if f"kg-build {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_docs_every_command_has_help_with_an_example() -> None:
    runner = CliRunner()
    for name in sorted(main.commands):
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Example" in result.output, f"`kg-build {name} --help` shows no example"


def test_docs_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash tests/run.sh" in ci
    assert "bash tests/run.sh" in README


def test_docs_readme_quick_start_builds_the_seed() -> None:
    assert "kg-build build seeds/ --out out" in README
    assert (ROOT / "seeds").is_dir() and any((ROOT / "seeds").glob("*.txt"))
