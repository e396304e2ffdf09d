"""Report files in other formats → plain text: web pages, PDFs and Word files, recognised by
their content, plus the text repair every format shares.

``extract(data, path)`` sniffs the bytes (``%PDF-``, a ZIP holding ``word/document.xml``, HTML
markup, else plain text), pulls the text out with a library made for the format and repairs it
with ``repair``: lines broken inside a sentence are joined, page numbers and running headers are
dropped. Nothing else in the text changes; matching copies (full-/half-width, traditional
characters) are made later by ``load.normalize``.

Every failure is an ``InputError`` whose one-line message names the file.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import InputError

if TYPE_CHECKING:
    from .doc import Doc

FORMATS = ("text", "html", "pdf", "docx")
MAX_CHARS = 500_000  # ten times the longest work report; the pipeline reads ~12 000 characters/s
MAX_DOCX_XML = 200 * 2**20  # uncompressed word/document.xml; more is a ZIP bomb, not a report

# Message templates (one line each; every one is checked by tests/test_hostile.py).
PDF_BROKEN = "{path}: cannot read the PDF ({reason}); the file is damaged or incomplete, download it again."
PDF_ENCRYPTED = "{path}: the PDF is encrypted with a password; remove the password (or print it to a new PDF) first."
PDF_NO_TEXT = ("{path}: the PDF has no text layer ({pages} page(s), scanned images?); "
               "OCR it first, e.g. `ocrmypdf --language chi_sim in.pdf out.pdf`.")
DOCX_BROKEN = "{path}: cannot read the Word file ({reason}); the file is damaged or not a .docx, save it again as .docx."
ZIP_NOT_DOCX = "{path}: a ZIP archive but not a Word .docx file (no word/document.xml); unpack it and give the report inside."
LEGACY_DOC = "{path}: an old binary Word .doc file; save it as .docx or .txt first."
MISLABELLED = "{path}: named {suffix} but it is not a {kind} file ({reason}); the file is damaged or mislabelled."
TOO_LONG = ("{path}: {count} characters of text, more than the limit of {limit}; a work report is far shorter, "
            "give one report per file.")


class Extracted(NamedTuple):
    """The repaired text of a report file, the format it was read as and the encoding used."""

    text: str
    format: str
    encoding: str


# ----------------------------------------------------------------------------- sniffing

_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)\b",
                         re.I | re.S)


def sniff(data: bytes) -> str:
    """The format of a file from its first bytes: ``pdf``, ``docx`` (any ZIP), ``doc`` (OLE2),
    ``html`` or ``text``."""
    head = data[:2048]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    probe = head.lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(probe) or re.search(rb"<html[\s>]|<body[\s>]", head, re.I):
        return "html"
    return "text"


def extract(data: bytes, path: str, suffix: str = "") -> Extracted:
    """Text of a report file's bytes, by content. ``suffix`` (".pdf", ".docx" …) only sharpens
    the message when the content contradicts the name. Raises ``InputError`` naming ``path``."""
    from .load import check_text, decode

    kind = sniff(data)
    suffix = suffix.lower()
    if kind == "doc":
        raise InputError(LEGACY_DOC.format(path=path))
    if kind == "pdf":
        text, encoding = _pdf_text(data, path), "pdf-text-layer"
    elif kind == "docx":
        text, encoding = _docx_text(data, path), "utf-8"
    elif kind == "html":
        text, encoding = _html_text(data, path)
    else:
        try:
            text, encoding = decode(data, path)
            if suffix in (".pdf", ".docx"):
                check_text(text, path)
        except InputError as error:
            expected = {".pdf": ("PDF", "it does not start with %PDF-"),
                        ".docx": ("Word .docx", "it is not a ZIP archive")}.get(suffix)
            if expected:
                raise InputError(MISLABELLED.format(path=path, suffix=suffix, kind=expected[0],
                                                    reason=expected[1])) from error
            raise
        if "\f" in text:  # form feeds: the text of a paged document (pdftotext): repair it too
            text = repair(text)
        if len(text) > MAX_CHARS:
            raise InputError(TOO_LONG.format(path=path, count=len(text), limit=MAX_CHARS))
        return Extracted(text, "text", encoding)
    text = repair(text)
    if len(text) > MAX_CHARS:
        raise InputError(TOO_LONG.format(path=path, count=len(text), limit=MAX_CHARS))
    return Extracted(text, kind, encoding)


def _one_line(error: BaseException) -> str:
    """An exception as a short single line for a message."""
    words = " ".join(str(error).split()) or type(error).__name__
    return (words[:157] + "...") if len(words) > 160 else words


@contextmanager
def _quiet(*loggers: str) -> Iterator[None]:
    """Silence the libraries' own warnings about damaged files while one file is read."""
    saved = [(logging.getLogger(name), logging.getLogger(name).level) for name in loggers]
    for logger, _ in saved:
        logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)


# ----------------------------------------------------------------------------- PDF


def _pdf_text(data: bytes, path: str) -> str:
    """The text layer of every page (pypdf), pages separated by form feeds."""
    import pypdf
    from pypdf.errors import FileNotDecryptedError

    with _quiet("pypdf"):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(PDF_ENCRYPTED.format(path=path))
            pages = [page.extract_text() or "" for page in reader.pages]
        except InputError:
            raise
        except FileNotDecryptedError:
            raise InputError(PDF_ENCRYPTED.format(path=path)) from None
        except Exception as error:  # noqa: BLE001 — a damaged PDF makes pypdf raise many types
            raise InputError(PDF_BROKEN.format(path=path, reason=f"{type(error).__name__}: {_one_line(error)}")) from None
    text = "\f".join(pages)
    if not any(ch.isalnum() for ch in text):
        raise InputError(PDF_NO_TEXT.format(path=path, pages=len(pages)))
    return text


# ----------------------------------------------------------------------------- DOCX


def _docx_text(data: bytes, path: str) -> str:
    """Body paragraphs and table rows of a .docx in document order (python-docx); headers,
    footers and their page numbers live in other parts and are not read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise InputError(ZIP_NOT_DOCX.format(path=path))
            if archive.getinfo("word/document.xml").file_size > MAX_DOCX_XML:
                raise InputError(DOCX_BROKEN.format(path=path, reason="word/document.xml is larger than 200 MB"))
    except zipfile.BadZipFile as error:
        raise InputError(DOCX_BROKEN.format(path=path, reason=f"bad ZIP: {_one_line(error)}")) from None
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.extend(_table_rows(block))
    except InputError:
        raise
    except Exception as error:  # noqa: BLE001 — python-docx/lxml raise many types on damaged parts
        raise InputError(DOCX_BROKEN.format(path=path, reason=f"{type(error).__name__}: {_one_line(error)}")) from None
    return "\n".join(lines)


def _table_rows(table: object) -> Iterable[str]:
    for row in table.rows:  # type: ignore[attr-defined]
        cells: list[str] = []
        for cell in row.cells:
            value = " ".join(cell.text.split())
            if not cells or cells[-1] != value:  # merged cells repeat their text
                cells.append(value)
        yield "\t".join(cells)


# ----------------------------------------------------------------------------- HTML

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_BLOCKS = ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table",
           "blockquote", "pre", "dd", "dt", "td", "th")


def _html_text(data: bytes, path: str) -> tuple[str, str]:
    """The main text of a web page (trafilatura drops navigation, breadcrumbs and footers); the
    whole visible text when trafilatura finds no main text."""
    html, encoding = _decode_html(data, path)
    text = ""
    try:
        import trafilatura

        with _quiet("trafilatura", "htmldate", "courlan", "justext"):
            xml = trafilatura.extract(html, output_format="xml", include_comments=False, include_tables=True,
                                      include_links=False, include_images=False, include_formatting=False,
                                      favor_recall=True, deduplicate=False, with_metadata=False)
        if xml:
            text = _render_xml(xml)
    except Exception:  # noqa: BLE001 — any failure of the main-text heuristics: use the whole page
        text = ""
    if not text.strip():
        text = _visible_text(html)
    return text, encoding


_XML_LINES = ("p", "head", "item", "quote", "code", "label")


def _render_xml(xml: str) -> str:
    """trafilatura's XML as text: one line per paragraph, heading or list item, and per table row
    of plain cells (tab-separated); a cell that holds paragraphs (a layout table) gives their lines.
    Its own text rendering would flatten a layout table into one "| … |" line."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(recover=True, huge_tree=True))
    lines: list[str] = []
    main = root.find("main") if root is not None else None
    if main is not None:
        _render(main, lines)
    return "\n".join(lines)


def _render(element: Any, lines: list[str]) -> None:
    for child in element:
        if child.tag == "row" and not _has_blocks(child):
            lines.append("\t".join(" ".join(_inline(cell).split()) for cell in child))
        elif child.tag in _XML_LINES and not _has_blocks(child):
            lines.append(_inline(child))
        elif child.tag != "lb":  # a container: list, table, a layout table's row or cell, a block of blocks
            if (child.text or "").strip():
                lines.append(child.text.strip())
            _render(child, lines)
        if (child.tail or "").strip():  # loose text between blocks
            lines.append(child.tail.strip())


def _has_blocks(element: Any) -> bool:
    return any(node is not element for node in element.iter(*_XML_LINES, "list", "table", "row"))


def _inline(element: Any) -> str:
    """The text of an element, its line breaks (<lb/>) as newlines."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else _inline(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _decode_html(data: bytes, path: str) -> tuple[str, str]:
    from .load import decode

    declared = _CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace").lower()
        name = "gb18030" if name in ("gb2312", "gbk", "x-gbk") else name
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common: detect it like a text file instead
    return decode(data, path)


def _visible_text(html: str) -> str:
    """All text of a page outside scripts and styles, one block per line."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (ParserError, ValueError):
        return re.sub(r"<[^>]*>", " ", html)
    for bad in tree.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    for element in tree.iter("br", *_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    return str(tree.text_content())


# ----------------------------------------------------------------------------- repair

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


# ----------------------------------------------------------------------------- --keep-text


def write_texts(docs: Iterable[Doc], directory: Path) -> list[Path]:
    """Write each report's text, exactly as the evidence offsets count it, to
    ``DIR/<file name>.txt`` (UTF-8); return the written paths, sorted."""
    from .build import write_atomic

    written: list[Path] = []
    for doc in docs:
        name = Path(doc.meta.source or doc.doc_id).name
        target = directory / (name if name.endswith(".txt") else name + ".txt")
        write_atomic(target, doc.text.encode("utf-8"))
        written.append(target)
    return sorted(written)
