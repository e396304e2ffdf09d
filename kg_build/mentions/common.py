"""What the rule families of the mentions stage share: the candidate type, its priorities,
jieba POS classes and the helpers that cut a list member out of its clause."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from ..doc import Token
from ..rules import Rules
from ..vocab import EntityClass


CJK = re.compile(r"[\u3400-\u9fff]")


PROPER_POS = {"ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "eng", "x"}


NAME_POS = PROPER_POS | {"n", "vn", "b", "s", "ng", "nrt", "an", "f", "m", "a", "z"}


FUNCTION_CHARS = set("我你他们的了在和与及是对把被将要也都就还又或等经由向从为以指即")


STOP_POS = {"p", "c", "u", "uj", "ul", "uz", "uv", "ud", "ug", "d", "r", "q", "y", "e", "o", "zg", "t", "tg", "k", "h"}


PUNCT = set(" ,.;:!?()[]\"'、，。；：！？（）【】《》“”‘’·—-…\n\t/")


SLOGAN = re.compile(r"^[一二三四五六七八九十两双百千万多几\d]+[个大项条种类化有无不]")


COUNT = r"(?:\d+(?:\.\d+)?|[一二三四五六七八九十百几多两]+)"


CLASSIFIER = "个家处条座所项批场届名位类种栋户"


class Candidate(NamedTuple):
    start: int
    end: int
    label: EntityClass
    rule: str
    name: str
    code: str = ""
    surface: str = ""


PRIORITY = {"partner": 7, "firm": 4.5, "typed": 0.5, "title": 0, "glossary": 1, "quote": 2, "party": 2, "gazetteer": 3, "suffix": 4, "sibling": 4.2, "person": 5, "header": 0, "coref": 6, "repeat": 6.5}


EDITION = r"(?:第[一二三四五六七八九十百\d]+届|首届)"  # the edition of an event or the term of a body (第二十届, 首届)


LEVEL_WORDS = ("县", "区", "市", "省", "旗")


LEVEL_PREFIX = ("全国", "国家级", "国家", "省级", "市级", "县级", "区级", "全省", "全市")


CLAUSE_BREAK = ",，。；;:：！？!?()（）《》\n"


LEADING_VERB_POS = {"v", "vd", "p", "c", "u", "uj", "r"}


def strip_quotes(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (norm[start] == " " or (norm[start] in "“\"" and "”" not in norm[start + 1 : end - 1])):
        start += 1  # (but “村超”足球赛 keeps the quote that opens its name)
    while end > start and norm[end - 1] in " ”\"":
        end -= 1
    if start > 0 and norm[start - 1] == "“" and end < len(norm) and norm[end] == "”":
        start, end = start - 1, end + 1  # keep a quoted member's marks, as the quote rule does
    return start, end


def after_opening_verb(norm: str, start: int, limit: int, tokens: tuple[Token, ...], rules: Rules,
                       tags: dict[str, str] | None = None) -> int:
    """Where the first member of an enumeration begins: after the last verb, preposition or
    conjunction of the clause before ``limit`` (组团参加|首届中国国际进口博览会), then after modifiers."""
    cue_words = rules.cue_words
    first = bisect_left(tokens, start, key=lambda t: t.start)
    last = bisect_right(tokens, limit, key=lambda t: t.end)
    inside = [t for t in tokens[first:last] if t.end <= limit]
    cut = -1
    for i, tok in enumerate(inside):
        if ((tok.pos in LEADING_VERB_POS and (len(tok.text) > 1 or tok.pos != "v")) or tok.text in cue_words
                or tok.text in rules.openers or (tok.pos == "vn" and tok.text in rules.modifiers)):
            cut = i  # a one-character "verb" is often a character of a name (四达大厦)
        elif tok.pos in ("d", "ad") and i + 1 < len(inside) and inside[i + 1].pos.startswith("v"):
            cut = i
        elif (tags is not None and tok.pos == "l" and tags.get(tok.text[-2:]) in ("v", "vn", "a", "ad")
              and ((i + 1 < len(inside) and inside[i + 1].pos in PROPER_POS) or tok.end == limit)):
            cut = i  # 发展壮大|东利…: a set phrase that ends in a verb acts on the name after it
    if cut >= 0:
        start = inside[cut].end
    rest = [t for t in inside if t.start >= start]
    while rest and rest[0].text in rules.modifiers:
        start = rest.pop(0).end
    if rest and rest[0].start == start and rest[0].pos == "x" and len(rest[0].text) > 2 and rest[0].text[0] in "以对在与和为将把从向由":
        start += 1  # 以宏泽|食品: jieba joined the preposition to an unknown name
    return start
