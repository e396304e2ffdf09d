"""errors: the hierarchy, every message template (each is checked word for word somewhere in the
suite, listed here), and how the CLI reports domain errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TINY
from kg_build import errors
from kg_build.build import BuildResult, collect_inputs, write_outputs
from kg_build.cli import main
from kg_build.errors import InputError, KgBuildError, OntologyError, QueryError, StageError, ValidationError
from kg_build.load import read_report

# template → the test that triggers it and compares its full text
CHECKED = {
    "EMPTY_FILE": "test_load.py::test_load_empty_file_is_refused_with_the_template_text",
    "BLANK_FILE": "test_load.py::test_load_whitespace_only_file_is_refused",
    "BINARY_FILE": "test_load.py::test_load_binary_file_with_nul_bytes_is_refused",
    "DECODE_FAILED": "test_load.py::test_load_truncated_utf8_names_file_offset_and_encoding",
    "NO_TEXT_REPORT": "test_load.py::test_load_non_report_text_is_refused",
    "NOT_FOUND": "test_load.py::test_load_missing_file_is_refused",
    "NO_INPUTS": "test_errors.py::test_errors_directory_without_reports",
    "STAGE_FAILED": "test_pipeline.py::test_pipeline_names_the_failing_stage_and_document",
    "STAGE_BROKE_DOC": "test_pipeline.py::test_pipeline_rejects_a_stage_that_returns_no_doc",
    "PIPELINE_ORDER": "test_pipeline.py::test_pipeline_rejects_a_misordered_pipeline",
    "NO_GRAPH": "test_errors.py::test_errors_no_built_graph",
    "OUT_IS_FILE": "test_cli.py::test_cli_build_out_is_a_file",
    "BAD_CONFIG": "test_errors.py::test_errors_cli_reports_a_malformed_config_file",
}


def test_errors_every_template_has_a_test() -> None:
    templates = {name for name, value in vars(errors).items() if name.isupper() and isinstance(value, str)}
    missing = templates - set(CHECKED)
    assert not missing, f"templates without a test of their text: {sorted(missing)}; add one and list it in CHECKED"
    here = Path(__file__).parent
    for name, where in CHECKED.items():
        file, test = where.split("::")
        assert f"def {test}(" in (here / file).read_text(encoding="utf-8"), where


def test_errors_hierarchy() -> None:
    for cls in (InputError, OntologyError, QueryError, ValidationError, StageError):
        assert issubclass(cls, KgBuildError) and cls is not KgBuildError
    assert issubclass(KgBuildError, Exception)


def test_errors_templates_say_where_and_how_to_fix() -> None:
    for name in CHECKED:
        text = getattr(errors, name)
        assert "{path}" in text or "{doc}" in text or "{stage}" in text, name
        assert text.rstrip().endswith((".", "?")) or "{error}" in text, name


def test_errors_directory_without_reports(tmp_path: Path) -> None:
    _, failures = collect_inputs([tmp_path])
    assert failures == [(tmp_path, f"{tmp_path}: no report files (*.txt, *.html, *.htm, *.pdf, *.docx) found in this directory.")]


def test_errors_no_built_graph(tmp_path: Path) -> None:
    from kg_build.validate import load_built_graph

    with pytest.raises(KgBuildError) as info:
        load_built_graph(tmp_path)
    assert str(info.value) == f"{tmp_path / 'kg.ttl'}: no built graph here; run `kg-build build --out {tmp_path}` first."


def test_errors_a_directory_given_as_a_report(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        read_report(tmp_path)
    assert str(info.value) == f"{tmp_path}: is a directory, not a report file."


def test_errors_nothing_built_nothing_written(tmp_path: Path) -> None:
    from rdflib import Graph

    with pytest.raises(InputError) as info:
        write_outputs(BuildResult(Graph()), tmp_path / "out")
    assert str(info.value) == f"no report could be built; nothing was written to {tmp_path / 'out'}"
    assert not (tmp_path / "out").exists()


def test_errors_cli_turns_domain_errors_into_error_lines(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"Error: {tmp_path / 'missing.txt'}: no such file or directory." in result.output


def test_errors_cli_keeps_the_traceback_of_a_bug(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import kg_build.build as build_module

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ZeroDivisionError("a bug, not a user error")

    monkeypatch.setattr(build_module, "build", broken)
    result = CliRunner().invoke(main, ["build", str(TINY), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert isinstance(result.exception, ZeroDivisionError)


def test_errors_cli_reports_a_malformed_config_file(tmp_path: Path) -> None:
    config = tmp_path / "kg.toml"
    config.write_text("base = \n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(TINY), "--out", str(tmp_path / "out"), "--config", str(config)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    line = result.output.strip().splitlines()[-1]
    assert line.startswith(f"Error: {config}: not a valid TOML configuration (")
    assert line.endswith("); fix the file or leave out --config.")
    assert not (tmp_path / "out").exists()
