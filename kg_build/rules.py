"""Rule data read from ``resources/``: head nouns, modifiers, generic names, cue words.

Every entry is general to the genre of government work reports; none names a report's entities.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .vocab import EntityClass, RelationKind


def _lines(name: str) -> list[str]:
    text = (resources.files("kg_build") / "resources" / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Rules:
    heads: dict[str, EntityClass]  # head noun → class
    brand_heads: frozenset[str]  # heads that are ordinary words: need a proper name before them
    phrase_heads: frozenset[str]  # heads of names that are whole verb phrases (学习贯彻…主题教育)
    quote_heads: dict[str, EntityClass]  # heads that name a thing only right after a quoted core (“放管服”改革)
    head_lengths: tuple[int, ...]  # distinct head lengths, longest first
    modifiers: frozenset[str]
    generic: frozenset[str]
    coref: tuple[str, ...]
    concept_tails: tuple[str, ...]
    cues: dict[RelationKind, tuple[str, ...]]
    planned: tuple[str, ...]
    negations: tuple[str, ...]
    indicators: tuple[tuple[str, str], ...]  # (pattern, canonical indicator name)
    cue_words: frozenset[str]  # every cue word of every relation kind
    openers: tuple[str, ...]  # verbs that open a name's phrase (实施, 启动 …), cue words included, longest first
    campaign_prefixes: tuple[str, ...]  # 平安, 健康 …: before an area's name they name a campaign
    list_types: dict[str, EntityClass]  # category noun closing an enumeration → its members' class
    figure_words: dict[str, tuple[str, ...]]  # observe's word lists by kind (unit, verb …)

    def head_of(self, name: str) -> tuple[str, EntityClass] | None:
        """The longest head noun ``name`` ends with, and its class."""
        for length in self.head_lengths:
            if len(name) >= length and name[-length:] in self.heads:
                return name[-length:], self.heads[name[-length:]]
        return None


# relation kinds whose cue words open a name's phrase (not 服务, 保障: they occur inside names)
_OPENING_KINDS = (RelationKind.IMPLEMENTS, RelationKind.ESTABLISHES, RelationKind.ENACTS, RelationKind.HOSTS)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    heads = {}
    brands = set()
    phrases = set()
    quoted = {}
    for line in _lines("heads.tsv"):
        head, label, *flags = line.split("\t")
        if "quoted" in flags:
            quoted[head] = EntityClass(label)
            continue
        heads[head] = EntityClass(label)
        if "brand" in flags:
            brands.add(head)
        if "phrase" in flags:
            phrases.add(head)
    cues: dict[RelationKind, list[str]] = {}
    planned: list[str] = []
    negations: list[str] = []
    for line in _lines("cues.tsv"):
        kind, words = line.split("\t", 1)
        items = tuple(w for w in words.split() if w)
        if kind == "planned":
            planned.extend(items)
        elif kind == "negation":
            negations.extend(items)
        else:
            cues[RelationKind(kind)] = cues.get(RelationKind(kind), []) + list(items)
    indicators = []
    for line in _lines("indicators.tsv"):
        name, *patterns = line.split("\t")
        for pattern in patterns or [name]:
            indicators.append((pattern, name))
    indicators.sort(key=lambda pair: -len(pair[0]))
    return Rules(
        heads=heads,
        brand_heads=frozenset(brands),
        phrase_heads=frozenset(phrases),
        quote_heads=quoted,
        head_lengths=tuple(sorted({len(h) for h in (*heads, *quoted)}, reverse=True)),
        modifiers=frozenset(_lines("modifiers.txt")),
        generic=frozenset(_lines("generic_names.txt")),
        coref=tuple(_lines("coref.txt")),
        concept_tails=tuple(_lines("concept_tails.txt")),
        cues={k: tuple(sorted(set(v), key=lambda w: (-len(w), w))) for k, v in cues.items()},
        planned=tuple(planned),
        negations=tuple(negations),
        indicators=tuple(indicators),
        cue_words=frozenset(w for words in cues.values() for w in words),
        openers=tuple(sorted({*_lines("openers.txt"), *(w for k in _OPENING_KINDS for w in cues.get(k, ()))},
                             key=lambda w: (-len(w), w))),
        campaign_prefixes=tuple(_lines("campaign_prefixes.txt")),
        list_types={word: EntityClass(label) for word, label in (line.split("\t") for line in _lines("list_types.tsv"))},
        figure_words={kind: tuple(words.split()) for kind, words in (line.split("\t", 1) for line in _lines("figures.tsv"))},
    )
