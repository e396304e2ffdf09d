"""Shared fixtures: a Doc builder for hand-written snippets, the session segmenter, goldens, and
one build of the seed (and of the development corpus) per test session."""

from __future__ import annotations

import multiprocessing
import pickle
import resource
import traceback
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
TESTS = ROOT / "tests"
DATA = TESTS / "data"
DEV = DATA / "dev-corpus"
HOSTILE = DATA / "hostile"
GOLDEN = TESTS / "golden"
SEEDS = ROOT / "seeds"
SEED = SEEDS / "2019_xicheng_district.txt"
TINY = DATA / "tiny_report.txt"
SHARED = ROOT.parent / "shared"  # the project's read-only sibling folder (../shared)
DEV_FILES = sorted(DEV.glob("*.txt"))
ALL_REPORTS = [SEED, *DEV_FILES, TINY]

# A fixed header naming an issuer (a real county of the gazetteer that is not in seeds/).
HEADER = (
    "2023年河北省保定市涞源县人民政府工作报告\n"
    "——2023年1月12日在涞源县第十七届人民代表大会第三次会议上\n"
    "涞源县人民政府县长 赵明远\n"
    "各位代表：\n"
    "一、2022年工作回顾\n"
)
PLAN = "二、2023年工作安排\n"  # put before a snippet to place it in this year's plan
ISSUER = "area:130630"  # 涞源县
STAGES = ("segment", "mentions", "link", "relations", "observe")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="Rewrite tests/golden/* from the current output (review the diff!).")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def segmenter():  # type: ignore[no-untyped-def]
    from kg_build.segment import default_userdict, get_segmenter

    return get_segmenter(default_userdict())


@pytest.fixture(scope="session")
def gazetteer():  # type: ignore[no-untyped-def]
    from kg_build.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def rules():  # type: ignore[no-untyped-def]
    from kg_build.rules import load_rules

    return load_rules()


@pytest.fixture(scope="session")
def pipeline(segmenter, gazetteer):  # type: ignore[no-untyped-def]
    """The default pipeline with ``Doc.check()`` after every stage."""
    from kg_build.pipeline import default_pipeline

    return default_pipeline(check=True)


@pytest.fixture(scope="session")
def make_doc(pipeline) -> Callable[..., Any]:  # type: ignore[no-untyped-def]
    """``make_doc(text, *, upto="observe", header=HEADER, path="snippet.txt", **meta)``.

    Prepends ``header`` (pass ``header=""`` for none), runs ``load_text``, replaces any ``Meta``
    field given in ``meta`` (``issuer="北京市西城区"``, ``year=2019`` …), then runs the default
    stages up to and including ``upto`` (``None`` for none), checking the Doc after each."""
    from kg_build.load import load_text
    from kg_build.pipeline import Pipeline

    def build(text: str, *, upto: str | None = "observe", header: str = HEADER, path: str = "snippet.txt",
              **meta: Any) -> Any:
        doc = load_text(header + text, path=path)
        if meta:
            doc = replace(doc, meta=replace(doc.meta, **meta))
        doc.check()
        if upto is None:
            return doc
        stages = pipeline.stages[: STAGES.index(upto) + 1]
        return Pipeline(stages, check=True)(doc)

    return build


def mention_set(doc: Any, *, header: bool = False) -> set[tuple[str, str]]:
    """(surface, class) of the non-nested mentions (those of the body only by default)."""
    start = 0 if header else doc.meta.header_end
    return {(m.text, m.label.value) for m in doc.mentions if m.rule != "nested" and m.start >= start}


def relation_set(doc: Any) -> set[tuple[str, str, str, bool]]:
    """(kind, subject name, object name, planned) of the relations stated in the text."""
    names = {e.key: e.name for e in doc.entities}
    return {(r.kind.value, names[r.subject], names[r.object], r.planned) for r in doc.relations if not r.derived}


# ----------------------------------------------------------------------------- isolation


def _child(conn: Any, func: Callable[[], Any], limit: int) -> None:
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        conn.send(("ok", pickle.dumps(func())))
    except BaseException as error:  # report any failure to the parent, with its traceback
        conn.send(("error", f"{type(error).__name__}: {error}\n{traceback.format_exc()[-3000:]}"))
    finally:
        conn.close()


def run_isolated(func: Callable[[], Any], *, timeout: float = 120, memory_gb: float = 4) -> Any:
    """Run ``func`` in a forked child (sharing the loaded tokenizer and gazetteer) with a time and
    memory limit, so that a build that hangs or eats memory fails the test instead of the machine.
    Raises AssertionError naming what went wrong."""
    import os

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    current = _vm_bytes()
    proc = ctx.Process(target=_child, args=(child, func, current + int(memory_gb * 2**30)))
    proc.start()
    child.close()
    try:
        if not parent.poll(timeout):
            raise AssertionError(f"still running after {timeout} s (hang?); killed")
        try:
            status, payload = parent.recv()
        except EOFError:
            proc.join(5)
            raise AssertionError(f"the child died (exit code {proc.exitcode}; out of memory?)") from None
    finally:
        if proc.is_alive():
            os.kill(proc.pid, 9)
        proc.join(10)
    if status != "ok":
        raise AssertionError(payload)
    return pickle.loads(payload)


def _vm_bytes() -> int:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[0]) * resource.getpagesize()


# ----------------------------------------------------------------------------- session builds


class Built:
    """What a build left: its summary, failures, the Docs (round-tripped through JSON) and out dir."""

    def __init__(self, data: dict[str, Any], out: Path) -> None:
        from kg_build.doc import Doc

        self.summary = data["summary"]
        self.failures = data["failures"]
        self.docs = [Doc.from_json(d) for d in data["docs"]]
        self.out = out

    def graph(self):  # type: ignore[no-untyped-def]
        from rdflib import Graph

        return Graph().parse(self.out / "kg.ttl", format="turtle")


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory, segmenter, gazetteer):  # type: ignore[no-untyped-def]
    """The seed built once per session: ``(BuildResult, out_dir)`` with ``out_dir/kg.ttl``."""
    from kg_build.build import build, write_outputs

    out = tmp_path_factory.mktemp("seed-out")
    result = build([SEEDS])
    write_outputs(result, out)
    return result, out


@pytest.fixture(scope="session")
def seed_graph(seed_build):  # type: ignore[no-untyped-def]
    from rdflib import Graph

    return Graph().parse(seed_build[1] / "kg.ttl", format="turtle")


INVARIANT_INPUTS = [*ALL_REPORTS, HOSTILE / "tiny_report_gbk.txt", HOSTILE / "tiny_report_utf16.txt",
                    HOSTILE / "script_names.txt"]


def _check_all(paths: list[Path], dev: list[Path], out: Path) -> dict[str, Any]:
    """In a child: every report through every stage with Doc.check() after each (the pipeline's
    check mode), the final Doc's JSON round trip, and the development corpus's Docs assembled into
    one graph exactly as ``build.build`` does (emit, then merge_labels), written to ``out``."""
    from kg_build.build import BuildResult, write_outputs
    from kg_build.doc import Doc
    from kg_build.emit import Minter, emit, merge_labels, new_graph
    from kg_build.gazetteer import load_gazetteer
    from kg_build.load import read_report
    from kg_build.pipeline import default_pipeline

    pipeline = default_pipeline(check=True)
    checked: dict[str, tuple[str, str]] = {}
    docs: dict[Path, Doc] = {}
    for path in paths:
        try:
            doc = pipeline(read_report(path))
            data = doc.to_json()
            if Doc.from_json(data) != doc:
                raise AssertionError("Doc.from_json(doc.to_json()) != doc")
            checked[str(path)] = ("ok", data)
            docs[path] = doc
        except Exception as error:  # noqa: BLE001 - reported per file by the tests
            checked[str(path)] = ("error", f"{type(error).__name__}: {error}")
    minter = Minter()
    graph = new_graph(minter.base)
    result = BuildResult(graph)
    source = load_gazetteer().source
    for path in dev:  # the order collect_inputs gives a directory: sorted
        if path in docs:
            emit(docs[path], minter=minter, gazetteer_source=source, graph=graph)
            result.docs.append(docs[path])
        else:
            result.failures.append((path, checked[str(path)][1]))
    merge_labels(graph)
    write_outputs(result, out)
    return {"checked": checked, "summary": result.summary(), "failures": [(str(p), m) for p, m in result.failures],
            "docs": [d.to_json() for d in result.docs]}


@pytest.fixture(scope="session")
def checked_reports(tmp_path_factory: pytest.TempPathFactory, segmenter, gazetteer) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Every input once through the checked pipeline (in an isolated child: see run_isolated), and
    the development corpus built together into ``["dev"].out``."""
    out = tmp_path_factory.mktemp("dev-out")
    data = run_isolated(lambda: _check_all(INVARIANT_INPUTS, DEV_FILES, out), timeout=240, memory_gb=6)
    return {"checked": data["checked"], "dev": Built(data, out)}


@pytest.fixture(scope="session")
def dev_build(checked_reports) -> Built:  # type: ignore[no-untyped-def]
    """All of tests/data/dev-corpus built together."""
    return checked_reports["dev"]


VENV_PYTHON = ROOT / ".venv" / "bin" / "python"


_SUBPROCESS_RUNS: list[tuple[Any, Path]] = []


def _start_seed_builds(tmp_root: Path) -> None:
    """Start two real processes building seeds/ under two PYTHONHASHSEEDs (the console script and
    ``python -m kg_build``); they run while other tests do."""
    import os
    import subprocess

    for seed, command in (("1", [str(ROOT / ".venv" / "bin" / "kg-build")]),
                          ("4242", [str(VENV_PYTHON), "-m", "kg_build"])):
        out = tmp_root / f"seed-hash-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.Popen([*command, "build", "seeds", "--out", str(out)], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _SUBPROCESS_RUNS.append((proc, out))


_SUBPROCESS_ROOT: list[Path] = []


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the two subprocess builds as soon as the selected tests are known, if one needs them."""
    if any("subprocess_seed_builds" in getattr(item, "fixturenames", ()) for item in session.items):
        import tempfile

        root = Path(tempfile.mkdtemp(prefix="kg-test-hashseed-"))
        _SUBPROCESS_ROOT.append(root)
        _start_seed_builds(root)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Stop builds nobody waited for (a run stopped early) and remove their output."""
    import shutil

    for proc, _ in _SUBPROCESS_RUNS:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    for root in _SUBPROCESS_ROOT:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def subprocess_seed_builds(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The two builds started at collection: ``[(CompletedProcess, out_dir), …]``."""
    import subprocess

    if not _SUBPROCESS_RUNS:
        _start_seed_builds(tmp_path_factory.mktemp("hashseed"))
    done = []
    for proc, out in _SUBPROCESS_RUNS:
        try:
            stdout, stderr = proc.communicate(timeout=240)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
        done.append((subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr), out))
    return done
