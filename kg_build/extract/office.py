"""PDF and Word files: the text layer of every page of a PDF (pypdf), and the body paragraphs and
table rows of a .docx (python-docx), with one-line messages for encrypted, scanned, damaged and
oversized files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

from ..errors import InputError
from .common import (DOCX_BROKEN, MAX_DOCX_XML, PDF_BROKEN, PDF_ENCRYPTED, PDF_NO_TEXT, ZIP_NOT_DOCX, _one_line,
                     _quiet)


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
