"""A small on-disk cache for derived resource tables (jieba's POS table, the gazetteer index),
kept beside jieba's own cache in the temporary directory and keyed by the source's identity."""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cache_path(name: str, *identity: object) -> Path:
    digest = hashlib.sha1(repr(identity).encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"kg-build-{name}-{digest}.marshal"


def cached(name: str, identity: tuple[object, ...], make: Callable[[], Any]) -> Any:
    """``make()``'s value, stored with marshal (plain containers only) and reused while
    ``identity`` (e.g. a package version and a file's size and mtime) is unchanged."""
    path = cache_path(name, *identity)
    try:
        with open(path, "rb") as handle:
            return marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = make()
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(value, handle)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only temp dir only costs speed
    return value


def file_identity(path: Path) -> tuple[str, int, int]:
    stat = path.stat()
    return (str(path), stat.st_size, int(stat.st_mtime))
