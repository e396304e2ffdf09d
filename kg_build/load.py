"""Bytes → strictly decoded text → a Doc with normalized text, sentences, header and glossary.

This is the input edge: ``read_report`` touches the file system; everything else is pure.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from . import errors
from .doc import Doc, GlossaryEntry, Meta, Sentence
from .errors import InputError

_CJK = re.compile(r"[\u3400-\u9fff]")
_ALLOWED_ENCODINGS = ("utf_8", "gb18030", "gbk", "gb2312", "big5", "utf_16", "utf_16_le", "utf_16_be", "hz")


# ----------------------------------------------------------------------------- decoding


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode report bytes strictly; return ``(text, encoding)`` or raise ``InputError``."""
    if not data:
        raise InputError(errors.EMPTY_FILE.format(path=path))
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _strict(data, encoding, path), encoding
    utf16 = _sniff_utf16(data) or _cjk_utf16(data)
    if utf16:
        return _strict(data, utf16, path), utf16
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(errors.BINARY_FILE.format(path=path, reason=f"NUL byte at offset {nul}"))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        detected = _detect(data)
        if detected is None:
            raise InputError(
                errors.DECODE_FAILED.format(path=path, encoding="UTF-8", offset=utf8_error.start)
            ) from None
        return _strict(data, detected, path), detected


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(errors.DECODE_FAILED.format(path=path, encoding=encoding, offset=error.start)) from None


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes in every other position of ASCII-heavy text."""
    sample = data[:4000]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _cjk_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM of Chinese text: few NUL bytes, but a strict decode that is mostly CJK."""
    if len(data) % 2 or b"\x00" not in data:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            sample = data[:8000].decode(encoding)
        except UnicodeDecodeError:
            continue
        if sample and len(_CJK.findall(sample)) > 0.3 * len(sample) and any(p in sample for p in "，。、\n"):
            return encoding
    return None


def _detect(data: bytes) -> str | None:
    """Ask charset-normalizer; accept only encodings a Chinese report can be in. GB* → GB18030."""
    from charset_normalizer import from_bytes

    for match in from_bytes(data[:200_000], cp_isolation=list(_ALLOWED_ENCODINGS)):
        name = match.encoding.lower().replace("-", "_")
        if name in ("gbk", "gb2312", "gb18030", "hz"):
            return "gb18030"
        if name in _ALLOWED_ENCODINGS:
            return name
    return None


def check_text(text: str, path: str) -> None:
    """Reject text that cannot be a report: blank, control-character soup, or no Chinese."""
    if not text.strip():
        raise InputError(errors.BLANK_FILE.format(path=path))
    controls = sum(1 for ch in text[:20_000] if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    if controls > max(8, len(text[:20_000]) // 50):
        raise InputError(errors.BINARY_FILE.format(path=path, reason=f"{controls} control characters"))
    cjk = len(_CJK.findall(text[:200_000]))
    if cjk < 10:
        raise InputError(errors.NO_TEXT_REPORT.format(path=path, count=cjk))


# ----------------------------------------------------------------------------- normalization


@lru_cache(maxsize=1)
def _t2s():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")


def normalize(text: str) -> tuple[str, bool]:
    """A same-length analysis copy of ``text``: simplified characters, half-width ASCII forms,
    spaces for the "??" that scraping left where spaces were lost. Returns ``(norm, traditional)``."""
    chars = list(text)
    for i, ch in enumerate(chars):
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E:
            chars[i] = chr(code - 0xFEE0)
        elif ch == "\u3000" or ch == "\xa0":
            chars[i] = " "
    norm = "".join(chars).replace("??", "  ")
    converted = _t2s().convert(norm)
    if len(converted) != len(norm):  # a phrase rule changed the length: convert character by character
        converted = "".join(c if len(c) == 1 else o for o, c in zip(norm, (_t2s().convert(ch) for ch in norm)))
    changed = sum(1 for a, b in zip(norm, converted) if a != b)
    traditional = changed > max(3, len(_CJK.findall(norm[:20_000])) // 100)
    return (converted if traditional else norm), traditional


# ----------------------------------------------------------------------------- sentences

_END = "。！？!?"
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分|\(?[一二三四五六七八九十]+\)|\d+[.、])?")
_REVIEW = re.compile(r"回顾|过去|成就")
_PLAN = re.compile(r"任务|安排|目标|工作重点|思路|要求|计划|奋斗")


def split_sentences(text: str, norm: str, year: int) -> tuple[Sentence, ...]:
    """Split at sentence-final punctuation and at line breaks that end a paragraph; mark each
    sentence with the report section it is in (review of last year / plan for this year)."""
    sentences: list[Sentence] = []
    section = ""
    start = 0
    n = len(norm)
    i = 0
    while i <= n:
        boundary = i == n
        if not boundary:
            ch = norm[i]
            if ch in _END:
                while i + 1 < n and norm[i + 1] in "”’\")）":
                    i += 1
                boundary = True
            elif ch == "\n":
                boundary = not _line_continues(norm, start, i)
        if boundary:
            end = i + 1 if i < n else n
            s, e = _strip(norm, start, end)
            if s < e:
                piece = norm[s:e]
                if _is_heading(piece):
                    section = _section_of(piece, year) or section
                sentences.append(Sentence(s, e, text[s:e], section))
            start = end
        i += 1
    return tuple(sentences)


def _line_continues(norm: str, line_start: int, newline: int) -> bool:
    """A line break inside a long line of running text that stops mid-sentence is a defect."""
    line_begin = norm.rfind("\n", 0, newline) + 1
    line = norm[line_begin:newline].rstrip()
    if len(line) < 40 or not line or line[-1] in _END + ":;；：”」』)":
        return False
    nxt = norm[newline + 1 : newline + 2]
    return bool(nxt) and bool(_CJK.match(nxt) or nxt.isdigit())


def _strip(norm: str, start: int, end: int) -> tuple[int, int]:
    while start < end and norm[start].isspace():
        start += 1
    while end > start and norm[end - 1].isspace():
        end -= 1
    return start, end


def _is_heading(piece: str) -> bool:
    return len(piece) <= 40 and not piece.endswith(("。", ",", "，")) and "报告" not in piece


def _section_of(heading: str, year: int) -> str:
    if _REVIEW.search(heading):
        return "review"
    if _PLAN.search(heading):
        return "plan"
    years = [int(y) for y in re.findall(r"(20\d\d)年", heading)]
    if years and year and max(years) >= year:
        return "plan"
    return ""


# ----------------------------------------------------------------------------- header

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_TITLE_YEAR = re.compile(r"(20\d\d|19\d\d)\s*年")
_OFFICE = r"(?:代理|代)?(?:省长|市长|区长|县长|旗长|州长|盟长|主席)"
_SPEAKER = re.compile(r"^(?P<issuer>.*?)(?:人民政府)?(?P<office>" + _OFFICE + r")[\s?]*(?P<name>[\u4e00-\u9fff](?:[\s?]{0,3}[\u4e00-\u9fff]){1,3})\s*$")
_COMRADE = re.compile(r"(?:印发|关于|^)(?P<name>[\u4e00-\u9fff]{2,3}?)同志在")
_CONGRESS = re.compile(r"在(?P<issuer>[\u4e00-\u9fff]{2,20}?)第[一二三四五六七八九十\d]+届")
_GOV = re.compile(r"(?P<issuer>[\u4e00-\u9fff]{2,20}?)(?:人民)?政府")


def read_header(text: str, norm: str) -> Meta:
    """Title, year, date, issuer string, speaker and office from the first lines."""
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", norm[:3000])]
    content = [(s, line.strip()) for s, line in lines if line.strip()][:12]
    title = ""
    if content:
        raw_title = content[0][1]
        title = re.sub(r"\s+", "", raw_title)
    date = ""
    year = 0
    issuer = speaker = office = congress = ""
    header_end = 0
    for start, line in content:
        compact = re.sub(r"\s+", "", line)
        if compact.startswith("各位代表"):
            header_end = start
            break
        if not date and (m := _DATE.search(compact)):
            y, mo, d = (int(g) for g in m.groups())
            if 1 <= mo <= 12 and 1 <= d <= 31:
                date = f"{y:04d}-{mo:02d}-{d:02d}"
        if not speaker and (m := _SPEAKER.match(compact.split("——")[-1])):
            speaker, office = m.group("name"), m.group("office")
            issuer = issuer or _clean_issuer(m.group("issuer"))
        if not speaker and (m := _COMRADE.search(compact)):
            speaker = m.group("name")
        if not congress and (m := _CONGRESS.search(compact)):
            congress = _clean_issuer(m.group("issuer"))
    issuer = congress or issuer
    if not issuer:
        for _, line in content[:3]:
            if m := _GOV.search(re.sub(r"\s+", "", line)):
                issuer = _clean_issuer(m.group("issuer"))
                break
    if m := _TITLE_YEAR.search(title):
        year = int(m.group(1))
    elif date:
        y, mo = int(date[:4]), int(date[5:7])
        year = y + 1 if mo == 12 else y
    else:
        if m := re.search(r"(20\d\d)年(?:主要)?(?:经济)?工作回顾", norm[:20_000]):
            year = int(m.group(1)) + 1
    return Meta(title=title, year=year, date=date, issuer=issuer, speaker=speaker, office=office, header_end=header_end)


def _clean_issuer(raw: str) -> str:
    raw = re.sub(r"^[(（][^)）]*[)）]", "", raw)  # "(内蒙古)2022年正蓝旗…"
    raw = re.sub(r"^.*?\d{4}年", "", raw)
    raw = raw.split("在")[-1]
    return raw.strip("—-:： ")


# ----------------------------------------------------------------------------- glossary

_GLOSSARY_HEAD = re.compile(r"^[\s※*附:：]*(?:名词解释|注释|名词注释|注解)[\s※*:：]*$", re.M)
_ENTRY = re.compile(
    r"^[ \t]*(?:\d+[.、．]|〔\d+〕|\[\d+\]|[(（]\d+[)）]|【\d+】)[ \t]*"
    r"(?P<term>[^:：\n]{1,40}?)[ \t]*(?:[:：]|是指|指的是)[ \t]*(?P<definition>[^\n]+)$",
    re.M,
)


_SEPARATOR_WORD = re.compile(r"^(?:是指|指的是|即|指(?![导标数南挥示出引]))\s*")  # “term：是指…”


def read_glossary(norm: str, text: str) -> tuple[GlossaryEntry, ...]:
    """The report's own glossary section (名词解释/注释): numbered ``term：definition`` lines."""
    entries: list[GlossaryEntry] = []
    for head in _GLOSSARY_HEAD.finditer(norm):
        pos = head.end()
        for m in _ENTRY.finditer(norm, pos):
            between = norm[pos : m.start()]
            if between.strip() and len(between) > 400:
                break
            term_start, term_end = m.start("term"), m.end("term")
            quote = norm.find("“", term_start, term_end)
            if quote > term_start:
                term_start = quote  # 区委“1135”, 河道“清五乱”: the quoted core is the term, not who runs it
            while term_start < term_end and norm[term_start] in "“\"'‘《 ":
                term_start += 1
            inner_end = term_end
            while inner_end > term_start and norm[inner_end - 1] in "”\"'’》 ":
                inner_end -= 1
            term = re.sub(r"[“”\"‘’《》]", "", norm[term_start:inner_end])
            if term:
                definition = re.sub(r"[(（]见第\d+页[)）]\s*$", "", m.group("definition")).strip()
                definition = _SEPARATOR_WORD.sub("", definition, count=1)
                entries.append(GlossaryEntry(term.strip(), definition, term_start, inner_end))
            pos = m.end()
    return tuple(entries)


# ----------------------------------------------------------------------------- the stage


def load_text(text: str, *, path: str, encoding: str = "utf-8", sha256: str = "", fmt: str = "text") -> Doc:
    """Build a Doc from already decoded text (the pure part of loading)."""
    check_text(text, path)
    norm, traditional = normalize(text)
    meta = read_header(text, norm)
    meta = replace(
        meta,
        source=path,
        encoding=encoding,
        sha256=sha256 or hashlib.sha256(text.encode("utf-8")).hexdigest(),
        format=fmt,
        traditional=traditional,
        glossary=read_glossary(norm, text),
    )
    sentences = split_sentences(text, norm, meta.year)
    doc_id = Path(path).stem
    return Doc(doc_id=doc_id, text=text, norm=norm, meta=meta, sentences=sentences)


def read_report(path: Path) -> Doc:
    """Read one report file: text, web page, PDF or Word file, recognised by content. Raises
    ``InputError`` naming the file for anything unreadable. ``meta.sha256`` is the checksum of
    the file's bytes; ``meta.format`` the format its text was extracted from."""
    from .extract import extract

    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(errors.NOT_FOUND.format(path=path)) from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a report file.") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read the file ({error.strerror}).") from None
    if not data:
        raise InputError(errors.EMPTY_FILE.format(path=path))
    text, fmt, encoding = extract(data, str(path), path.suffix)
    return load_text(text, path=str(path), encoding=encoding, sha256=hashlib.sha256(data).hexdigest(), fmt=fmt)
