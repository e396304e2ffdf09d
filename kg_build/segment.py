"""jieba tokens with part-of-speech tags and character offsets.

The only global state of the package lives here: one ``jieba.Tokenizer`` per user dictionary,
behind ``lru_cache``. The module-level ``jieba.dt`` is never touched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .cache import cached, file_identity

from .doc import Doc, Token


@dataclass(frozen=True)
class Segmenter:
    """A jieba tokenizer plus the POS table of its dictionary."""

    tokenizer: object
    tags: dict[str, str]

    @property
    def frequencies(self) -> dict[str, int]:
        """Word frequencies of the dictionary (rare words are more likely names)."""
        return self.tokenizer.FREQ  # type: ignore[attr-defined,no-any-return]

    def tokens(self, text: str) -> tuple[Token, ...]:
        out: list[Token] = []
        pos = 0
        for word in self.tokenizer.cut(text, HMM=True):  # type: ignore[attr-defined]
            end = pos + len(word)
            if not word.isspace():
                out.append(Token(pos, end, word, self.tags.get(word, "x")))
            pos = end
        return tuple(out)


def default_userdict() -> str:
    """Path of the package's genre dictionary (head nouns and cue words jieba splits badly)."""
    return str(resources.files("kg_build") / "resources" / "userdict.txt")


@lru_cache(maxsize=4)
def get_segmenter(userdict: str | None = None) -> Segmenter:
    """One initialized tokenizer per user dictionary path (the jieba dictionary is the only
    global state the package keeps)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    dictionary = Path(tokenizer.get_dict_file().name)
    tags: dict[str, str] = dict(cached("jieba-tags", file_identity(dictionary), lambda: _read_tags(dictionary)))
    if userdict:
        with open(userdict, encoding="utf-8") as handle:
            for line in handle:
                parts = line.split()
                if not parts or parts[0].startswith("#"):
                    continue
                word, tag = parts[0], (parts[2] if len(parts) > 2 else "n")
                tokenizer.add_word(word, int(parts[1]) if len(parts) > 1 else None, tag)
                tags[word] = tag
    return Segmenter(tokenizer, tags)


def _read_tags(dictionary: Path) -> dict[str, str]:
    """word → POS tag from jieba's dictionary file (the table jieba.posseg builds, read faster)."""
    tags = {}
    with open(dictionary, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags


def segment(doc: Doc, *, segmenter: Segmenter) -> Doc:
    """Stage: tokenize the analysis text; offsets are valid in ``doc.text`` too."""
    tokens = segmenter.tokens(doc.norm)
    return replace(doc, tokens=tuple(Token(t.start, t.end, doc.text[t.start : t.end], t.pos) for t in tokens))
