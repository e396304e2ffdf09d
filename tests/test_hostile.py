"""hostile input: random Unicode, truncated multi-byte sequences, control characters, unbalanced
《《 and “ quotes, HTML with scripts, PDFs without text, corrupt PDFs and ZIPs, an endless line,
a 20 MB file. Every file ends in a built Doc or in an InputError whose one-line message names
the file: never another exception, never a hang (each file is read in a forked child with a
time limit), and a bad file never costs the other files of the same build.

Property-based with Hypothesis (modest example counts, no deadline: the child process has one).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, currently_in_test_context, event, given, settings
from hypothesis import strategies as st

from conftest import DEV, run_isolated
from kg_build import extract as ex
from kg_build.errors import InputError

REPORT = (DEV / "2022_fuping_county.txt").read_text(encoding="utf-8")
HEADER = "\n".join(REPORT.split("\n")[:4]) + "\n"  # title, dateline, speaker, 各位代表：
SNIPPET = REPORT[:3000]
TIMEOUT = 30  # seconds per file; a small file takes well under one
SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx", "")

SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# ----------------------------------------------------------------------------- the outcome of one file


PIPELINE: list[Any] = []  # the session pipeline, set before the first fork so children share it


FOLDER: list[Path] = []  # where the generated files go (pytest's tmp dir, cleaned up by pytest)


@pytest.fixture(autouse=True, scope="module")
def _shared_pipeline(pipeline, tmp_path_factory: pytest.TempPathFactory) -> None:  # type: ignore[no-untyped-def]
    PIPELINE[:] = [pipeline]
    FOLDER[:] = [tmp_path_factory.mktemp("hostile")]


def _read_and_build(path: Path) -> tuple[str, Any]:
    """In the child: read and analyse one file. ("doc", entity count) or ("error", message)."""
    from kg_build.load import read_report

    try:
        doc = PIPELINE[0](read_report(path))
    except InputError as error:
        return "error", str(error)
    doc.check()
    return "doc", len(doc.entities)


def outcome(path: Path, timeout: float = TIMEOUT) -> tuple[str, Any]:
    """The outcome of one file, checked: a Doc, or an InputError naming the file in one line.
    Any other exception, a hang or a crash fails the test (run_isolated raises AssertionError)."""
    kind, value = run_isolated(lambda: _read_and_build(path), timeout=timeout, memory_gb=3)
    if kind == "error":
        assert str(path) in value, value
        assert "\n" not in value and "Traceback" not in value, value
    if currently_in_test_context():
        event(f"outcome: {kind}")  # shown by --hypothesis-show-statistics
    return kind, value


def write(data: bytes, suffix: str) -> Path:
    folder = Path(tempfile.mkdtemp(dir=FOLDER[0]))
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    return path


# ----------------------------------------------------------------------------- property-based

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
NASTY = st.sampled_from(["《", "《《", "》", "“", "“《", "”", "‘", "「", "〔", "【", "（", "(", "\x00", "\x07",
                         "\x1b[31m", "\x7f", "\u200b", "\u202e", "\ufeff", "\r", "\r\n", "\f", "\t", "??", "。",
                         "</script>", "<p>", "&nbsp;", "\ud7ff", "\U0001F600", "𠀀", "Ａ１２", "\u3000"])


@st.composite
def report_texts(draw: st.DrawFn) -> str:
    """A report header or none, then a mix of real report text, random Unicode, CJK runs and
    nasty pieces (control characters, unbalanced quotes and title marks, markup)."""
    header = draw(st.sampled_from(["", HEADER]))
    parts = draw(st.lists(st.one_of(
        st.text(max_size=80),
        st.text(CJK, min_size=1, max_size=40),
        NASTY,
        st.integers(0, len(SNIPPET) - 200).map(lambda i: SNIPPET[i:i + 200]),
    ), max_size=25))
    return header + "".join(parts)


@SETTINGS
@given(text=report_texts(), suffix=st.sampled_from(SUFFIXES))
def test_hostile_random_unicode_text_builds_or_fails_cleanly(text: str, suffix: str) -> None:
    outcome(write(text.encode("utf-8"), suffix))


@SETTINGS
@given(text=report_texts(), encoding=st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-16-le", "big5"]),
       cut=st.floats(0.0, 1.0))
def test_hostile_truncated_multibyte_sequences(text: str, encoding: str, cut: float) -> None:
    data = (HEADER + text + SNIPPET).encode(encoding, errors="replace")
    outcome(write(data[: max(1, int(len(data) * cut)) | 1], ".txt"))  # an odd length cuts UTF-16 too


@SETTINGS
@given(pieces=st.lists(st.one_of(
    st.text(max_size=60).map(lambda t: f"<script>{t}</script>"),
    st.text(max_size=60).map(lambda t: f"<p>{t}"),
    st.text(CJK, max_size=60).map(lambda t: f"<div class=nav><a href='/'>{t}</a></div>"),
    st.integers(0, len(SNIPPET) - 300).map(lambda i: f"<p>{SNIPPET[i:i + 300]}</p>"),
    st.sampled_from(["<!--", "-->", "<![CDATA[", "]]>", "<style>", "</style>", "<", ">", "&", "&#0;", "&#xD800;",
                     "<meta charset='bogus'>", "<meta charset=gbk>", "</html>", "<table><tr><td>"]),
), max_size=30), doctype=st.booleans())
def test_hostile_html_with_scripts_and_broken_markup(pieces: list[str], doctype: bool) -> None:
    page = ("<!DOCTYPE html><html><body>" if doctype else "<html>") + "".join(pieces)
    outcome(write(page.encode("utf-8"), ".html"))


@SETTINGS
@given(magic=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"PK\x05\x06", b"<html>", b"\xef\xbb\xbf",
                              b"\xff\xfe", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]),
       body=st.binary(max_size=4000), suffix=st.sampled_from(SUFFIXES))
def test_hostile_random_bytes_behind_format_magic(magic: bytes, body: bytes, suffix: str) -> None:
    outcome(write(magic + body, suffix))


# ----------------------------------------------------------------------------- broken documents


def _pdf(draw_text: bool, *, encrypt: str | None = None) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1, encrypt=encrypt)
    for n in range(2):
        if draw_text:
            page.setFont("STSong-Light", 12)
            for i, line in enumerate(REPORT.split("\n")[n * 20:(n + 1) * 20]):
                page.drawString(40, 800 - 18 * i, line[:40])
        page.rect(100, 100, 300, 400, fill=1)  # a "scanned" page: only an image-like shape
        page.showPage()
    page.save()
    return buffer.getvalue()


def _docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_hostile_pdf_without_text_asks_for_ocr() -> None:
    path = write(_pdf(False), ".pdf")
    assert outcome(path) == ("error", ex.PDF_NO_TEXT.format(path=path, pages=2))
    assert "OCR it first" in ex.PDF_NO_TEXT


def test_hostile_encrypted_pdf_asks_to_remove_the_password() -> None:
    path = write(_pdf(True, encrypt="secret"), ".pdf")
    assert outcome(path) == ("error", ex.PDF_ENCRYPTED.format(path=path))


def test_hostile_a_pdf_with_a_text_layer_builds() -> None:
    assert outcome(write(_pdf(True), ".pdf"))[0] == "doc"


@pytest.mark.parametrize("cut", [0.05, 0.3, 0.6, 0.95])
def test_hostile_truncated_pdf_builds_what_is_left_or_says_it_is_damaged(cut: float) -> None:
    data = _pdf(True)
    path = write(data[: int(len(data) * cut)], ".pdf")
    kind, value = outcome(path)
    if kind == "error":
        assert value.startswith(f"{path}: ") and ("cannot read the PDF" in value or "no text layer" in value), value


def test_hostile_garbage_after_the_pdf_header_is_a_damaged_pdf() -> None:
    path = write(b"%PDF-1.7\n" + bytes(range(256)) * 40, ".pdf")
    kind, value = outcome(path)
    assert kind == "error"
    assert value.startswith(f"{path}: cannot read the PDF (") or value == ex.PDF_NO_TEXT.format(path=path, pages=0)


def test_hostile_corrupt_zip_and_docx() -> None:
    good = _docx(REPORT[:4000])
    truncated = write(good[: len(good) // 2], ".docx")
    kind, value = outcome(truncated)
    assert kind == "error" and value.startswith(f"{truncated}: cannot read the Word file (bad ZIP: "), value
    not_docx = write(_zip({"report.txt": REPORT.encode()}), ".zip")
    assert outcome(not_docx) == ("error", ex.ZIP_NOT_DOCX.format(path=not_docx))
    broken_xml = write(_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document><w:body>"}),
                       ".docx")
    kind, value = outcome(broken_xml)
    assert kind == "error" and value.startswith(f"{broken_xml}: cannot read the Word file ("), value
    assert outcome(write(good, ".docx"))[0] == "doc"


def test_hostile_legacy_doc_and_mislabelled_files() -> None:
    doc = write(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), ".doc")
    assert outcome(doc) == ("error", ex.LEGACY_DOC.format(path=doc))
    fake_pdf = write(bytes(range(256)) * 8, ".pdf")
    assert outcome(fake_pdf) == ("error", ex.MISLABELLED.format(path=fake_pdf, suffix=".pdf", kind="PDF",
                                                                reason="it does not start with %PDF-"))
    fake_docx = write(b"\x00\x01" * 500, ".DOCX")
    assert outcome(fake_docx) == ("error", ex.MISLABELLED.format(path=fake_docx, suffix=".docx", kind="Word .docx",
                                                                 reason="it is not a ZIP archive"))
    text_as_pdf = write(REPORT.encode("utf-8"), ".pdf")  # a text report with the wrong name: read by content
    assert outcome(text_as_pdf)[0] == "doc"


def test_hostile_one_endless_line() -> None:
    short = write(REPORT.replace("\n", "").encode("utf-8"), ".txt")  # the whole report on one line
    assert outcome(short)[0] == "doc"
    line = REPORT.replace("\n", "") * 64  # ~3 MB, ~1 M characters, no line break
    long = write(line.encode("utf-8"), ".txt")
    assert outcome(long) == ("error", ex.TOO_LONG.format(path=long, count=len(line), limit=ex.MAX_CHARS))
    ascii_line = write(b"x" * 3_000_000, ".txt")
    kind, value = outcome(ascii_line)
    assert kind == "error" and "no Chinese text" in value or "characters of text" in value, value


def test_hostile_twenty_megabyte_file() -> None:
    corpus = "".join(p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt")))
    data = (corpus * (20 * 2**20 // len(corpus.encode("utf-8")) + 1)).encode("utf-8")[: 20 * 2**20]
    data = data.decode("utf-8", errors="ignore").encode("utf-8")  # whole characters only
    path = write(data, ".txt")
    kind, value = outcome(path, timeout=60)
    assert kind == "error" and value.startswith(f"{path}: ") and f"more than the limit of {ex.MAX_CHARS}" in value
    html = write(b"<html><body>" + data.replace(b"\n", b"</p><p>") + b"</body></html>", ".html")
    kind, value = outcome(html, timeout=120)  # main-text extraction keeps a part of it: a Doc or an error
    assert kind == "doc" or value.startswith(f"{html}: "), value


# ----------------------------------------------------------------------------- one build, good and bad files


def test_hostile_bad_files_cost_only_themselves(tmp_path: Path) -> None:
    from test_formats import make_pdf

    folder = tmp_path / "mix"
    folder.mkdir()
    (folder / "a_good.txt").write_text(REPORT, encoding="utf-8")
    (folder / "b_good.pdf").write_bytes(make_pdf((DEV / "2024_qingyuan_district.txt").read_text(encoding="utf-8")))
    bad = {
        "c_empty.txt": b"",
        "d_scanned.pdf": _pdf(False),
        "e_truncated.docx": _docx(REPORT[:3000])[:900],
        "f_garbage.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 20,
        "g_truncated_utf8.txt": REPORT.encode("utf-8")[:1000 + REPORT.encode("utf-8")[1000:].find(b"\xe5") + 1],
        "h_endless.txt": (REPORT.replace("\n", "") * 64).encode("utf-8"),
        "i_script.html": b"<html><script>" + b"alert(1);" * 1000 + b"</script></html>",
        "j_binary.docx": bytes(range(256)) * 4,
    }
    for name, data in bad.items():
        (folder / name).write_bytes(data)

    def run() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        from kg_build.build import build

        result = build([folder])
        return ([(Path(d.meta.source).name, d.meta.format) for d in result.docs],
                [(Path(p).name, m) for p, m in result.failures])

    docs, failures = run_isolated(run, timeout=120)
    assert docs == [("a_good.txt", "text"), ("b_good.pdf", "pdf")]
    assert [name for name, _ in failures] == sorted(bad)
    for name, message in failures:
        assert str(folder / name) in message and "\n" not in message, message
