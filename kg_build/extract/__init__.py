"""Report files in other formats → plain text: web pages, PDFs and Word files, recognised by
their content, plus the text repair every format shares.

``extract(data, path)`` sniffs the bytes (``%PDF-``, a ZIP holding ``word/document.xml``, HTML
markup, else plain text), pulls the text out with a library made for the format and repairs it
with ``repair``: lines broken inside a sentence are joined, page numbers and running headers are
dropped. Nothing else in the text changes; matching copies (full-/half-width, traditional
characters) are made later by ``load.normalize``.

Every failure is an ``InputError`` whose one-line message names the file.

The subpackage's modules: ``common`` (limits, messages, :class:`Extracted`), ``dispatch``
(:func:`sniff`, :func:`extract`, :func:`write_texts`), ``office`` (PDF and Word), ``web`` (HTML)
and ``pages`` (:func:`repair`).
"""

from __future__ import annotations

from .common import (DOCX_BROKEN, FORMATS, LEGACY_DOC, MAX_CHARS, MAX_DOCX_XML, MISLABELLED, PDF_BROKEN, PDF_ENCRYPTED,
                     PDF_NO_TEXT, TOO_LONG, ZIP_NOT_DOCX, Extracted)
from .dispatch import extract, sniff, write_texts
from .pages import repair

__all__ = [
    "DOCX_BROKEN", "FORMATS", "LEGACY_DOC", "MAX_CHARS", "MAX_DOCX_XML", "MISLABELLED", "PDF_BROKEN", "PDF_ENCRYPTED",
    "PDF_NO_TEXT", "TOO_LONG", "ZIP_NOT_DOCX",
    "Extracted",
    "extract", "repair", "sniff", "write_texts",
]
