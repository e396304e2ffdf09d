"""Reading a report file by its content: :func:`sniff` recognises the format from the first bytes,
:func:`extract` sends the bytes to the matching reader, repairs the text and checks its length;
:func:`write_texts` writes the texts back out for ``--keep-text``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError
from .common import LEGACY_DOC, MAX_CHARS, MISLABELLED, TOO_LONG, Extracted
from .office import _docx_text, _pdf_text
from .pages import repair
from .web import _html_text

if TYPE_CHECKING:
    from ..doc import Doc


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
    from ..load import check_text, decode

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


def write_texts(docs: Iterable[Doc], directory: Path) -> list[Path]:
    """Write each report's text, exactly as the evidence offsets count it, to
    ``DIR/<file name>.txt`` (UTF-8); return the written paths, sorted."""
    from ..build import write_atomic

    written: list[Path] = []
    for doc in docs:
        name = Path(doc.meta.source or doc.doc_id).name
        target = directory / (name if name.endswith(".txt") else name + ".txt")
        write_atomic(target, doc.text.encode("utf-8"))
        written.append(target)
    return sorted(written)
