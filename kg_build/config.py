"""One frozen configuration object, built by the CLI or from a TOML file."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from .vocab import DEFAULT_BASE


@dataclass(frozen=True)
class Config:
    base: str = DEFAULT_BASE  # base IRI of the data's resources
    userdict: str | None = None  # jieba user dictionary; None = the package's genre dictionary
    out: Path = Path("out")
    title: str = "kg-build knowledge graph of government work reports"
    license: str = "http://creativecommons.org/publicdomain/zero/1.0/"
    publisher: str = "kg-build"
    html: bool = True

    @classmethod
    def from_toml(cls, path: Path, **overrides: object) -> Config:
        from . import errors
        from .errors import InputError

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise InputError(errors.BAD_CONFIG.format(path=path, error=error)) from None
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "out" in values:
            values["out"] = Path(str(values["out"]))
        return cls(**values)
