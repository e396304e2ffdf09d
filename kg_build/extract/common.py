"""What the readers share: the formats, the size limits, the one-line message templates, the
:class:`Extracted` result, and helpers for short error text and for silencing the libraries'
warnings while a damaged file is read."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

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
