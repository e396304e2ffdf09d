"""Web pages: the main text of a page (trafilatura, rendered from its XML one line per block),
or the whole visible text when no main text is found, decoded by the declared charset or, when
that is missing or wrong, like a text file."""

from __future__ import annotations

import re
from typing import Any

from .common import _quiet


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
    from ..load import decode

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
