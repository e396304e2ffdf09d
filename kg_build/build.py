"""Build a knowledge graph from report files: read, run the pipeline, emit, write atomically.

One bad file costs only its own result: its error is collected and the others are built.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from . import errors
from .config import Config
from .doc import Doc
from .errors import InputError, KgBuildError

SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")  # in a directory; a named file is read by content


@dataclass
class BuildResult:
    graph: Graph
    docs: list[Doc] = field(default_factory=list)
    failures: list[tuple[Path, str]] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> dict[str, object]:
        classes: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        seen: set[str] = set()
        for doc in self.docs:
            for e in doc.entities:
                if e.key not in seen and (e.mentions or e.key == f"area:{doc.meta.issuer_code}"):
                    seen.add(e.key)
                    classes[e.label.value] += 1
            for kind, _, _ in sorted({(r.kind.value, r.subject, r.object) for r in doc.relations}):
                kinds[kind] += 1
        return {
            "reports": len(self.docs),
            "failed": len(self.failures),
            "entities": dict(sorted(classes.items())),
            "relations": dict(sorted(kinds.items())),
            "observations": sum(len(d.observations) for d in self.docs),
            "triples": len(self.graph),
            "seconds": round(self.seconds, 2),
        }


def collect_inputs(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Expand directories into their report files (``SUFFIXES``, any case, sorted; hidden files and
    Word's ``~$`` lock files skipped); a file named on its own is taken whatever its suffix;
    missing paths become failures."""
    files: list[Path] = []
    failures: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.suffix.lower() in SUFFIXES and not p.name.startswith((".", "~$")) and p.is_file())
            if not found:
                failures.append((path, errors.NO_INPUTS.format(path=path)))
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            failures.append((path, errors.NOT_FOUND.format(path=path)))
    return list(dict.fromkeys(files)), failures


def build(paths: Sequence[str | Path], config: Config | None = None,
          progress: Callable[[Path], None] | None = None) -> BuildResult:
    """Read and analyse every report; return the merged graph and per-file failures."""
    from .emit import Minter, emit, merge_labels, new_graph
    from .gazetteer import load_gazetteer
    from .load import read_report
    from .pipeline import default_pipeline

    started = time.perf_counter()
    config = config or Config()
    files, failures = collect_inputs(Path(p) for p in paths)
    pipeline = default_pipeline(config)
    minter = Minter(config.base)
    graph = new_graph(minter.base)
    result = BuildResult(graph, failures=failures)
    source = load_gazetteer().source
    for path in files:
        try:
            doc = pipeline(read_report(path))
        except KgBuildError as error:
            result.failures.append((path, str(error)))
        else:
            emit(doc, minter=minter, gazetteer_source=source, graph=graph)
            result.docs.append(doc)
        if progress:
            progress(path)
    merge_labels(graph)
    result.seconds = time.perf_counter() - started
    return result


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)  # readable by a web server, like any file written with open()
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_outputs(result: BuildResult, out: Path, config: Config | None = None) -> list[Path]:
    """Write DIR/kg.ttl, DIR/void.ttl and DIR/graph.html atomically; return the written paths."""
    from .emit import serialize
    from .publish import write_void
    from .views import write_view

    if not result.docs:
        raise InputError("no report could be built; nothing was written to " + str(out))
    if out.exists() and not out.is_dir():
        raise InputError(errors.OUT_IS_FILE.format(path=out))
    target = out / "kg.ttl"
    write_atomic(target, serialize(result.graph, "turtle"))
    written = [target, write_void(result, out, config=config, files=[target])]
    if config is None or config.html:
        written.append(write_view(out, graph=result.graph))
    return written
