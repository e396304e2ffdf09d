"""kg-build: Chinese government work reports → linked data.

    >>> import kg_build
    >>> graph = kg_build.build(["seeds/"])          # doctest: +SKIP
    >>> rows = kg_build.query("partners", out="out", params={"area": "西城区"})  # doctest: +SKIP

Importing the package does no work: the tokenizer, gazetteer and heavy libraries load on use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Doc", "Pipeline", "build", "query", "__version__"]

if TYPE_CHECKING:
    from .doc import Doc
    from .pipeline import Pipeline


def __getattr__(name: str) -> Any:
    if name == "Doc":
        from .doc import Doc

        return Doc
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    if name == "build":
        from .build import build

        return build
    if name == "query":
        from .query import query

        return query
    raise AttributeError(name)
