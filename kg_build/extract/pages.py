"""Text repair shared by every format: undo what page layout did to running text (running
headers and footers, page numbers, lines broken inside a sentence), and nothing else."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter


_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—－~]\s*\d{1,4}\s*[-–—－~]"       # - 3 -
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"  # 第3页 / 第3页 共20页
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"                  # 3/20
    r"|(?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?"  # Page 3 of 20
    r")\s*$",
    re.I,
)
_BARE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")  # a page number only at a page's top or foot
_CLOSERS = "，。、；：！？）》」』”’,.;:!?)%"
_ENDERS = "。！？!?…"
_QUOTES = "”’」』》）)\"'"
_HEADING = re.compile(r"(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|——"
                      r"|第[一二三四五六七八九十\d]{1,3}[章节部分条])")  # starts a heading or list item
_NOTE = re.compile(r"(?:〔\d+〕|\[\d+\]|【\d+】|\d{1,3}(?:、|．|\.(?!\d)))")  # a note, or a reference mark


def repair(text: str) -> str:
    """Undo what page layout did to running text: drop running headers and footers repeated on
    many pages, drop page numbers, join lines broken inside a sentence, strip the white space
    around lines. Pure; changes nothing else (no width or character normalization)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = [page.split("\n") for page in text.split("\f")]
    running = _running_lines(pages)
    lines: list[str] = []
    for page in pages:
        kept = [line.rstrip() for line in page if not (_PAGE_NUMBER.match(line) or _signature(line) in running)]
        if len(pages) > 1:
            content = [i for i, line in enumerate(kept) if line.strip()]
            edges = set(content[:1] + content[-1:])
            kept = [line for i, line in enumerate(kept) if not (i in edges and _BARE_NUMBER.match(line))]
        while kept and not kept[-1].strip():  # blank lines at a page's edges would stop a sentence's join
            kept.pop()
        while kept and not kept[0].strip():
            kept.pop(0)
        lines.extend(kept)
    return "\n".join(_join_wrapped(lines)).strip("\n") + "\n"


def _signature(line: str) -> str:
    """A line with its digits wildcarded, so "2022年政府工作报告 3" matches on every page."""
    return re.sub(r"\d+", "#", "".join(line.split()))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Signatures of the lines at the top or bottom of at least half the pages (and 3 or more)."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        content = [line for line in page if line.strip()]
        edge = {_signature(line) for line in content[:2] + content[-2:]}
        counts.update(sig for sig in edge if sig and len(sig) <= 60)
    needed = max(3, (len(pages) + 1) // 2)
    return {sig for sig, n in counts.items() if n >= needed}


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line.strip())


def _indented(line: str) -> bool:
    return bool(line.strip()) and line[:1] in " \t\u3000\xa0"


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join a line that fills the page width to the next one, or a line to a next one that starts
    with punctuation no line can start with. When paragraphs are marked by an indent, a full line
    continues unless the next is indented; otherwise unless it ends a sentence. Only text laid out
    in lines of a common width (PDF pages) qualifies; one-paragraph-per-line text is left alone.
    Returns the lines stripped of surrounding white space."""
    full = _full_width(lines)
    long_lines = [line for line in lines if full and _width(line) >= 20]
    indents = full > 0 and sum(map(_indented, long_lines)) >= max(3, len(long_lines) // 20)
    out: list[str] = []
    previous_full = False
    for line in lines:
        stripped = line.strip()
        joins = False
        if out and out[-1] and stripped and full:
            prev = out[-1]
            if stripped[0] in _CLOSERS:
                joins = True
            elif previous_full and not _HEADING.match(stripped):
                if indents:
                    joins = not _indented(line)
                else:
                    joins = prev.rstrip(_QUOTES)[-1:] not in _ENDERS and not (
                        _NOTE.match(stripped) and prev[-1] in _ENDERS + _QUOTES)
        if joins:
            prev = out[-1]
            glue = " " if prev[-1].isascii() and prev[-1].isalnum() and stripped[0].isascii() and stripped[0].isalnum() else ""
            out[-1] = prev + glue + stripped
        else:
            out.append(stripped)
        previous_full = bool(stripped) and _width(line) >= 0.85 * full
    return out


def _full_width(lines: list[str]) -> int:
    """The width of a full line when most long lines share it (a page's measure), else 0."""
    widths = [w for w in (_width(line) for line in lines) if w >= 20]
    if len(widths) < 5:
        return 0
    widths.sort()
    full = widths[int(0.8 * (len(widths) - 1))]
    if full > 160:  # more than 80 CJK characters: lines are paragraphs, not a page's measure
        return 0
    near = sum(1 for w in widths if 0.85 * full <= w <= 1.1 * full)
    return full if near >= 0.3 * len(widths) else 0
