"""The one object that flows through the pipeline.

Every span is a half-open character range ``[start, end)`` into ``Doc.text``, the text as read.
Analysis runs over ``Doc.norm``, a same-length normalized copy (simplified characters,
half-width forms), so an offset found in ``norm`` is valid in ``text`` too.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .vocab import EntityClass, RelationKind


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    section: str = ""  # "review" (last year's results), "plan" (this year's tasks) or ""


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    pos: str


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: EntityClass
    rule: str  # which rule family found it: gazetteer, quote, title, glossary, suffix, header, …
    name: str = ""  # normalized name proposed by the rule ("" = the analysed surface)
    code: str = ""  # administrative code for areas, "" otherwise


@dataclass(frozen=True, slots=True)
class Entity:
    key: str  # content-derived identity: "area:130624", "Organization:北京市西城区人民法院"
    label: EntityClass
    name: str  # canonical name (the fullest official form)
    aliases: tuple[str, ...] = ()
    mentions: tuple[int, ...] = ()  # indices into Doc.mentions
    code: str = ""
    level: str = ""
    definition: str = ""


@dataclass(frozen=True, slots=True)
class Relation:
    kind: RelationKind
    subject: str  # Entity.key
    object: str  # Entity.key
    sentence: int  # index into Doc.sentences; -1 for gazetteer-derived facts
    start: int  # evidence span
    end: int
    cue: str = ""
    planned: bool = False
    derived: bool = False  # from the gazetteer, not the text
    by_name: bool = False  # read from the structure of a name (…区人民法院 → …区), not stated by a cue


@dataclass(frozen=True, slots=True)
class Observation:
    indicator: str  # normalized indicator name
    area: str  # Entity.key
    period: int
    value: str  # as written (Arabic digits)
    unit: str
    sentence: int
    start: int
    end: int
    normalized: str = ""  # value in base units, as a decimal string
    base_unit: str = ""
    change: str = ""  # signed decimal string, "" if none
    change_unit: str = ""  # "%" or "百分点"
    is_target: bool = False


@dataclass(frozen=True, slots=True)
class Diagnostic:
    level: str  # "warning" or "info"
    message: str
    start: int = 0


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: str
    definition: str
    start: int  # span of the term
    end: int


@dataclass(frozen=True, slots=True)
class Meta:
    source: str = ""
    encoding: str = ""
    sha256: str = ""
    format: str = "text"
    title: str = ""
    year: int = 0
    date: str = ""  # ISO date the report was delivered
    issuer: str = ""  # issuer's name as the header gives it
    issuer_code: str = ""
    speaker: str = ""
    office: str = ""
    traditional: bool = False
    glossary: tuple[GlossaryEntry, ...] = ()
    header_end: int = 0  # offset where the body starts


@dataclass(frozen=True, slots=True)
class Doc:
    doc_id: str
    text: str
    norm: str
    meta: Meta = field(default_factory=Meta)
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    observations: tuple[Observation, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    def check(self) -> None:
        """Raise AssertionError if a span does not point at its own text, or an index dangles."""
        if len(self.norm) != len(self.text):
            raise AssertionError(f"norm has {len(self.norm)} characters, text {len(self.text)}")
        for kind, spans in (("sentence", self.sentences), ("token", self.tokens), ("mention", self.mentions)):
            for span in spans:
                if not 0 <= span.start <= span.end <= len(self.text):
                    raise AssertionError(f"{kind} [{span.start}, {span.end}) out of range")
                if self.text[span.start : span.end] != span.text:
                    raise AssertionError(
                        f"{kind} [{span.start}, {span.end}) says {span.text!r}, "
                        f"text has {self.text[span.start:span.end]!r}"
                    )
        for kind, starts in (("sentence", [s.start for s in self.sentences]), ("token", [t.start for t in self.tokens]),
                             ("mention", [m.start for m in self.mentions])):
            if any(a > b for a, b in zip(starts, starts[1:])):
                raise AssertionError(f"{kind}s are not in text order")  # stages search them by offset
        keys = {e.key for e in self.entities}
        for entity in self.entities:
            for index in entity.mentions:
                if not 0 <= index < len(self.mentions):
                    raise AssertionError(f"entity {entity.key} points at mention {index}")
        for rel in self.relations:
            if rel.subject not in keys or rel.object not in keys:
                raise AssertionError(f"relation {rel.kind} {rel.subject} → {rel.object} dangles")
            if rel.sentence >= len(self.sentences):
                raise AssertionError(f"relation {rel.kind} points at sentence {rel.sentence}")
        for obs in self.observations:
            if obs.area not in keys:
                raise AssertionError(f"observation {obs.indicator} has unknown area {obs.area}")

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence that contains ``offset`` (binary search), or -1."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.sentences) and self.sentences[lo].start <= offset:
            return lo
        return -1

    def entity(self, key: str) -> Entity:
        for entity in self.entities:
            if entity.key == key:
                return entity
        raise KeyError(key)

    def to_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, indent=1, sort_keys=True)

    @classmethod
    def from_json(cls, data: str) -> Doc:
        raw = json.loads(data)
        meta = raw.pop("meta")
        meta["glossary"] = tuple(GlossaryEntry(**g) for g in meta["glossary"])
        return cls(
            doc_id=raw["doc_id"],
            text=raw["text"],
            norm=raw["norm"],
            meta=Meta(**meta),
            sentences=_rows(Sentence, raw["sentences"]),
            tokens=_rows(Token, raw["tokens"]),
            mentions=tuple(
                Mention(**{**m, "label": EntityClass(m["label"])}) for m in raw["mentions"]
            ),
            entities=tuple(
                Entity(
                    **{
                        **e,
                        "label": EntityClass(e["label"]),
                        "aliases": tuple(e["aliases"]),
                        "mentions": tuple(e["mentions"]),
                    }
                )
                for e in raw["entities"]
            ),
            relations=tuple(
                Relation(**{**r, "kind": RelationKind(r["kind"])}) for r in raw["relations"]
            ),
            observations=_rows(Observation, raw["observations"]),
            diagnostics=_rows(Diagnostic, raw["diagnostics"]),
        )


T = TypeVar("T")


def _rows(cls: type[T], rows: list[dict[str, Any]]) -> tuple[T, ...]:
    return tuple(cls(**row) for row in rows)
