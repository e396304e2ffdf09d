"""Named stages with declared requirements, run in order over one Doc.

A ``Pipeline`` rejects at construction a stage that requires a field no earlier stage assigns,
and wraps any failure so that the error names the stage and the document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from . import errors
from .config import Config
from .doc import Doc
from .errors import StageError

StageFn = Callable[[Doc], Doc]
LOADED = frozenset({"text", "norm", "meta", "sentences"})


@dataclass(frozen=True)
class Stage:
    name: str
    func: StageFn
    requires: frozenset[str]
    assigns: frozenset[str]


class Pipeline:
    def __init__(self, stages: Sequence[Stage], *, check: bool = False) -> None:
        available = set(LOADED)
        for stage in stages:
            missing = sorted(stage.requires - available)
            if missing:
                raise StageError(errors.PIPELINE_ORDER.format(stage=stage.name, field=missing[0]))
            available |= stage.assigns
        self.stages = tuple(stages)
        self.check = check

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    def __call__(self, doc: Doc) -> Doc:
        for stage in self.stages:
            try:
                result = stage.func(doc)
            except StageError:
                raise
            except Exception as error:  # name the culprit, keep the cause
                raise StageError(errors.STAGE_FAILED.format(doc=doc.meta.source or doc.doc_id, stage=stage.name,
                                                            error=f"{type(error).__name__}: {error}")) from error
            if not isinstance(result, Doc):
                raise StageError(errors.STAGE_BROKE_DOC.format(doc=doc.doc_id, stage=stage.name,
                                                               error=f"returned {type(result).__name__}, not Doc"))
            if self.check:
                try:
                    result.check()
                except AssertionError as error:
                    raise StageError(errors.STAGE_BROKE_DOC.format(doc=doc.doc_id, stage=stage.name, error=error)) from None
            doc = result
        return doc


def default_pipeline(config: Config | None = None, *, check: bool = False) -> Pipeline:
    """segment → mentions → link → relations → observe, with their resources bound."""
    from .gazetteer import load_gazetteer
    from .link import link
    from .mentions import detect_mentions
    from .observe import observe
    from .relations import relate
    from .rules import load_rules
    from .segment import default_userdict, get_segmenter, segment

    config = config or Config()
    segmenter = get_segmenter(config.userdict or default_userdict())
    gazetteer = load_gazetteer()
    rules = load_rules()
    return Pipeline(
        [
            Stage("segment", partial(segment, segmenter=segmenter), frozenset({"norm"}), frozenset({"tokens"})),
            Stage("mentions", partial(detect_mentions, gazetteer=gazetteer, rules=rules, tags=segmenter.tags,
                                      freq=segmenter.frequencies),
                  frozenset({"tokens", "meta"}), frozenset({"mentions", "meta"})),
            Stage("link", partial(link, gazetteer=gazetteer), frozenset({"mentions"}), frozenset({"entities"})),
            Stage("relations", partial(relate, gazetteer=gazetteer, rules=rules), frozenset({"entities", "sentences"}),
                  frozenset({"relations", "entities"})),
            Stage("observe", partial(observe, rules=rules), frozenset({"entities", "sentences"}),
                  frozenset({"observations"})),
        ],
        check=check,
    )
