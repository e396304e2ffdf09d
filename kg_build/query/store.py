"""The graph and the store: ``DIR/kg.ttl`` parsed by rdflib, and the pyoxigraph store in
``DIR/store``, rebuilt when the graph's checksum changes. Both are cached per process.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from pathlib import Path
from typing import Any

from rdflib import Graph

from .. import errors
from ..errors import QueryError

STORE_META = "kg-build-store.json"


def graph_path(out: str | Path) -> Path:
    path = Path(out) / "kg.ttl"
    if not path.is_file():
        raise QueryError(errors.NO_GRAPH.format(path=Path(out), out=out))
    return path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


_LOCK = threading.Lock()
_STORES: dict[tuple[str, str, bool], Any] = {}
_GRAPHS: dict[tuple[str, int, int], Graph] = {}


def ensure_store(out: str | Path) -> Path:
    """``DIR/store``, (re)built from ``DIR/kg.ttl`` when missing or when the graph's checksum
    differs from the one recorded at the last build. Built aside and swapped in by renames."""
    import fcntl

    import pyoxigraph as ox

    source = graph_path(out)
    store = Path(out) / "store"
    with _LOCK, open(Path(out) / ".store.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        stat = source.stat()
        meta_path = store / STORE_META
        meta = json.loads(meta_path.read_text()) if meta_path.is_file() else {}
        if meta.get("size") == stat.st_size and meta.get("mtime_ns") == stat.st_mtime_ns:
            return store
        checksum = _sha256(source)
        if meta.get("sha256") != checksum:
            for leftover in Path(out).glob(".store-*"):  # from a build that was killed halfway
                shutil.rmtree(leftover, ignore_errors=True)
            fresh = Path(out) / f".store-{os.getpid()}.tmp"
            loader = ox.Store(str(fresh))
            loader.bulk_load(path=str(source), format=ox.RdfFormat.TURTLE)
            loader.flush()
            del loader
            old = Path(out) / f".store-{os.getpid()}.old"
            if store.exists():
                os.replace(store, old)
            os.replace(fresh, store)
            shutil.rmtree(old, ignore_errors=True)
        meta = {"sha256": checksum, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "source": "kg.ttl"}
        tmp = store / (STORE_META + ".tmp")
        tmp.write_text(json.dumps(meta, sort_keys=True))
        os.replace(tmp, meta_path)
        return store


def open_store(out: str | Path, *, memory: bool = False) -> Any:
    """A pyoxigraph store of ``DIR/kg.ttl``: the on-disk ``DIR/store`` opened read-only, or with
    ``memory=True`` an in-memory copy (several times faster to query; what the server uses).
    Cached per directory and graph checksum."""
    import pyoxigraph as ox

    path = ensure_store(out)
    checksum = json.loads((path / STORE_META).read_text())["sha256"]
    key = (str(path.resolve()), checksum, memory)
    with _LOCK:
        if key not in _STORES:
            for stale in [k for k in _STORES if k[0] == key[0] and k[2] == memory]:
                del _STORES[stale]
            if memory:
                store = ox.Store()
                store.bulk_load(path=str(graph_path(out)), format=ox.RdfFormat.TURTLE)
            else:
                store = ox.Store.read_only(str(path))
            _STORES[key] = store
        return _STORES[key]


def load_graph(out: str | Path) -> Graph:
    """``DIR/kg.ttl`` parsed by rdflib (cached per file size and modification time)."""
    path = graph_path(out)
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    with _LOCK:
        if key not in _GRAPHS:
            graph = Graph()
            graph.parse(path, format="turtle")
            _GRAPHS.clear()
            _GRAPHS[key] = graph
        return _GRAPHS[key]
