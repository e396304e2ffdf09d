"""formats: the same graph from a report as plain text, as a web page with site chrome, as a PDF
(CJK font, running header, page numbers) and as a Word file; the shared text repair; input
collection; --keep-text.

The web pages, PDFs and Word files are generated at test time from development-corpus reports
(reportlab with its built-in CID font STSong-Light, python-docx); no binary is committed.

Equivalence is measured as the Jaccard index |A ∩ B| / |A ∪ B| of the entity keys and of the
(kind, subject, object) relation triples, against the build of the plain-text original.
"""

from __future__ import annotations

import hashlib
import html
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import DEV
from kg_build.build import SUFFIXES, build, collect_inputs
from kg_build.doc import Doc
from kg_build.extract import extract, repair, sniff, write_texts
from kg_build.load import read_report

REPORTS = ("2022_fuping_county", "2024_qingyuan_district", "2023_miyi_county")
RUNNING = "政府工作报告（全文）"
THRESHOLD = 0.95


# ----------------------------------------------------------------------------- generators


def make_html(text: str) -> bytes:
    """A government portal's article page: scripts, top bar, navigation, breadcrumbs, article
    metadata, share links, related links and a footer around the report's paragraphs."""
    lines = [line for line in text.split("\n") if line.strip()]
    title = html.escape(lines[0])
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in lines)
    nav = "".join(f'<li><a href="/c/{i}.html">{name}</a></li>'
                  for i, name in enumerate(["首页", "政务公开", "政府信息公开", "新闻中心", "政务服务", "互动交流"]))
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}_人民政府门户网站</title>
<script>var _hmt = _hmt || []; (function() {{ var s = document.createElement("script"); s.src = "/x.js"; }})();</script>
<style>.nav li {{ float: left }}</style></head>
<body>
<div class="topbar"><a href="/">无障碍浏览</a> | <a href="/en">English</a> | 今天是2022年2月10日 星期四</div>
<div class="nav"><ul>{nav}</ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/bg">政府工作报告</a></div>
<div class="article"><h1>{title}</h1>
<div class="info">发布时间：2022-02-10 10:00　来源：政府办公室　浏览次数：<span id="hits">1024</span>
【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="content" id="zoom">
{body}
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> 【<a href="javascript:print()">打印本页</a>】
【<a href="javascript:close()">关闭窗口</a>】</div></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a/1.html">关于印发重点工作任务分工方案的通知</a></li>
<li><a href="/a/2.html">上一年政府工作报告</a></li></ul></div>
<div class="footer"><p><a href="/about">关于我们</a> | <a href="/map">网站地图</a> | <a href="/contact">联系我们</a></p>
<p>主办单位：人民政府办公室　版权所有　网站标识码：1306000001　冀ICP备05000000号</p></div>
<script src="/js/jquery.min.js"></script><script>document.write("<div>浮动广告</div>");</script>
</body></html>"""
    return page.encode("utf-8")


def make_pdf(text: str, *, indent: bool = True) -> bytes:
    """An A4 PDF in the CID font STSong-Light: one paragraph per line of ``text`` (first line
    indented or not), a running header and a page number "- n -" on every page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=18, wordWrap="CJK",
                           firstLineIndent=24 if indent else 0)

    def chrome(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        canvas.drawString(72, 800, RUNNING)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
        canvas.restoreState()

    buffer = io.BytesIO()
    story = [Paragraph(html.escape(line), style) for line in text.split("\n") if line.strip()]
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(story, onFirstPage=chrome, onLaterPages=chrome)
    return buffer.getvalue()


def make_docx(text: str) -> bytes:
    """A Word file: one paragraph per line, the first as a heading, a running header and a
    footer with the page number (header and footer are not body text)."""
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = RUNNING
    section.footer.paragraphs[0].text = "第 1 页"
    lines = [line for line in text.split("\n") if line.strip()]
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


MAKERS: dict[str, tuple[str, Callable[[str], bytes]]] = {
    "html": (".html", make_html),
    "pdf": (".pdf", make_pdf),
    "pdf-unindented": (".pdf", lambda text: make_pdf(text, indent=False)),
    "docx": (".docx", make_docx),
}


# ----------------------------------------------------------------------------- equivalence


@dataclass
class Facts:
    doc: Doc
    entities: set[str]
    relations: set[tuple[str, str, str]]


def facts(doc: Doc) -> Facts:
    return Facts(doc, {e.key for e in doc.entities}, {(r.kind.value, r.subject, r.object) for r in doc.relations})


def jaccard(a: set[Any], b: set[Any]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, pipeline) -> dict[tuple[str, str], Facts]:  # type: ignore[no-untyped-def]
    """Every report in every format, through read_report and the real default pipeline."""
    folder = tmp_path_factory.mktemp("formats")
    results: dict[tuple[str, str], Facts] = {}
    for name in REPORTS:
        source = DEV / f"{name}.txt"
        results[(name, "text")] = facts(pipeline(read_report(source)))
        text = source.read_text(encoding="utf-8")
        for fmt, (suffix, make) in MAKERS.items():
            path = folder / f"{name}.{fmt}{suffix}"
            path.write_bytes(make(text))
            results[(name, fmt)] = facts(pipeline(read_report(path)))
    return results


def test_formats_give_the_same_entities_and_relations_as_plain_text(built: dict[tuple[str, str], Facts]) -> None:
    print(f"\nJaccard vs plain text, ≥ {THRESHOLD:.0%} required (entities | relations):")
    worst: dict[str, float] = {}
    for fmt in MAKERS:
        ent_a = ent_b = rel_a = rel_b = 0
        for name in REPORTS:
            base, other = built[(name, "text")], built[(name, fmt)]
            ej, rj = jaccard(base.entities, other.entities), jaccard(base.relations, other.relations)
            print(f"  {fmt:15} {name:28} entities {ej:.3f} ({len(other.entities)}/{len(base.entities)})"
                  f"  relations {rj:.3f} ({len(other.relations)}/{len(base.relations)})")
            worst[fmt] = min(worst.get(fmt, 1.0), ej, rj)
            ent_a += len(base.entities & other.entities)
            ent_b += len(base.entities | other.entities)
            rel_a += len(base.relations & other.relations)
            rel_b += len(base.relations | other.relations)
        print(f"  {fmt:15} {'all':28} entities {ent_a / ent_b:.3f}  relations {rel_a / rel_b:.3f}")
    assert all(base.relations for (_, fmt), base in built.items() if fmt == "text")  # not trivially equal
    assert min(worst.values()) >= THRESHOLD, worst


def test_formats_record_format_checksum_of_the_file_and_valid_offsets(built: dict[tuple[str, str], Facts],
                                                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    for (name, fmt), result in built.items():
        doc = result.doc
        assert doc.meta.format == fmt.split("-")[0]
        data = Path(doc.meta.source).read_bytes()
        assert doc.meta.sha256 == hashlib.sha256(data).hexdigest()
        if fmt != "text":
            assert doc.meta.sha256 != hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
        doc.check()
        for relation in doc.relations:
            if relation.sentence >= 0:
                sentence = doc.sentences[relation.sentence]
                assert sentence.start <= relation.start < relation.end <= sentence.end


def test_formats_header_and_issuer_survive_every_format(built: dict[tuple[str, str], Facts]) -> None:
    for name in REPORTS:
        base = built[(name, "text")].doc.meta
        for fmt in MAKERS:
            meta = built[(name, fmt)].doc.meta
            assert (meta.title, meta.year, meta.date, meta.issuer_code, meta.speaker) == \
                   (base.title, base.year, base.date, base.issuer_code, base.speaker), (name, fmt)
            assert len(meta.glossary) == len(base.glossary), (name, fmt)


def test_formats_site_chrome_and_page_furniture_are_dropped(built: dict[tuple[str, str], Facts]) -> None:
    for name in REPORTS:
        for fmt in MAKERS:
            text = built[(name, fmt)].doc.text
            for chrome in ("当前位置", "网站地图", "冀ICP备", "浮动广告", "_hmt", "打印本页", RUNNING, "- 2 -", "第 1 页"):
                assert chrome not in text, (name, fmt, chrome)


@pytest.mark.parametrize("fmt", ["html", "pdf", "docx"])
def test_formats_extracted_lines_match_the_original_paragraphs(fmt: str) -> None:
    text = (DEV / f"{REPORTS[0]}.txt").read_text(encoding="utf-8")
    suffix, make = MAKERS[fmt]
    extracted = extract(make(text), f"report{suffix}")
    assert extracted.format == fmt
    assert [line for line in extracted.text.split("\n") if line.strip()] == \
           [line.strip() for line in text.split("\n") if line.strip()]


def test_formats_html_layout_tables_keep_their_paragraphs_and_data_tables_their_rows() -> None:
    text = (DEV / f"{REPORTS[1]}.txt").read_text(encoding="utf-8")
    page = make_html(text).decode("utf-8")
    layout = page.replace('<div class="content" id="zoom">', '<table width="100%"><tr><td id="zoom">')
    layout = layout.replace('</div>\n<div class="share">', '</td></tr></table>\n<div class="share">')
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    assert [line for line in extract(layout.encode(), "r.html").text.split("\n") if line] == lines
    data = page.replace(f"<p>{lines[3]}</p>", "<table><tr><td>指标</td><td>2023年</td></tr>"
                        f"<tr><td>生产<b>总值</b></td><td>176.6亿元</td></tr></table><p>{lines[3]}</p>")
    out = extract(data.encode(), "r.html").text.split("\n")
    assert out[3:6] == ["指标\t2023年", "生产总值\t176.6亿元", lines[3]]


def test_formats_html_without_main_text_falls_back_to_the_visible_text() -> None:
    page = "<html><head><script>var a = '脚本';</script></head><body><div>政府工作报告</div><script>b()</script></body></html>"
    extracted = extract(page.encode("utf-8"), "r.html")
    assert extracted.format == "html" and "政府工作报告" in extracted.text and "脚本" not in extracted.text


def test_formats_html_charset_declaration_is_honoured() -> None:
    text = (DEV / f"{REPORTS[1]}.txt").read_text(encoding="utf-8")
    page = make_html(text).replace(b'<meta charset="utf-8">', b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    extracted = extract(page.decode("utf-8").encode("gb18030"), "r.html")
    assert extracted.encoding == "gb18030"
    assert extracted.text.split("\n")[:3] == text.split("\n")[:3]


def test_formats_are_recognised_by_content_not_by_name(tmp_path: Path) -> None:
    text = (DEV / f"{REPORTS[1]}.txt").read_text(encoding="utf-8")
    for fmt in ("html", "pdf", "docx"):
        path = tmp_path / f"{fmt}-saved-as.txt"
        path.write_bytes(MAKERS[fmt][1](text))
        assert read_report(path).meta.format == fmt
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>") == "html"
    assert sniff(b"%PDF-1.7\n") == "pdf"
    assert sniff(b"PK\x03\x04rest") == "docx"
    assert sniff("政府工作报告\n各位代表：".encode()) == "text"
    assert sniff(b"<p>a paragraph</p>") == "html"


# ----------------------------------------------------------------------------- repair


def test_formats_repair_drops_page_numbers_and_running_headers() -> None:
    bodies = ["正文第一页。", "正文第二页。", "正文第三页。", "正文第四页。"]
    pages = [f"某县2023年政府工作报告 {n}\n{body}\n- {n} -" for n, body in enumerate(bodies, 1)]
    pages[1] = pages[1].replace("- 2 -", "第 2 页 共 4 页")
    pages[2] = pages[2].replace("- 3 -", "3")
    assert repair("\f".join(pages)) == "".join(body + "\n" for body in bodies)
    # a bare number is a page number only at a page's edge; elsewhere it is, e.g., a table's row number
    assert repair("正文一。\n12\n正文二。\n3/20\n正文三。\nPage 4 of 9\n") == "正文一。\n12\n正文二。\n正文三。\n"


def test_formats_repair_keeps_a_line_seen_on_only_two_pages() -> None:
    text = "\f".join(["附件一\n甲。", "附件一\n乙。", "丙。", "丁。"])
    assert repair(text) == "附件一\n甲。\n附件一\n乙。\n丙。\n丁。\n"


def test_formats_repair_joins_wrapped_lines_but_not_paragraphs() -> None:
    wide = "这是一段很长的正文用来占满整整一行宽度的文字内容而且没有句末标点符号啊"  # 36 characters
    lines = [wide, "续行。", "一、下一节标题", wide, "，以标点开头的续行。", wide[:30] + "完。", "new"]
    text = "\n".join(lines * 3)
    out = repair(text).split("\n")
    assert out[:4] == [wide + "续行。", "一、下一节标题", wide + "，以标点开头的续行。", wide[:30] + "完。"]


def test_formats_repair_glues_ascii_words_with_a_space() -> None:
    wide = "a" * 30 + " wide line of the page"
    text = "\n".join([wide + "\nword", wide + "。", wide + "。", wide + "。", wide + "。", "x"])
    assert repair(text).startswith(wide + " word\n")


@pytest.mark.parametrize("name", [p.stem for p in sorted(DEV.glob("*.txt"))])
def test_formats_repair_leaves_one_paragraph_per_line_text_alone(name: str) -> None:
    text = (DEV / f"{name}.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    assert repair(text).rstrip("\n") == "\n".join(lines).strip("\n")


def test_formats_repair_is_pure_and_idempotent() -> None:
    text = (DEV / f"{REPORTS[0]}.txt").read_text(encoding="utf-8")
    extracted = extract(make_pdf(text), "r.pdf").text
    assert repair(extracted) == extracted


# ----------------------------------------------------------------------------- collection, build, keep-text


def test_formats_collect_inputs_takes_every_supported_suffix_sorted(tmp_path: Path) -> None:
    for name in ("b.PDF", "a.txt", "c.htm", "d.html", "e.docx", "f.png", "~$e.docx", ".hidden.txt", "g.doc"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "h.txt").write_bytes(b"x")
    files, failures = collect_inputs([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == ["a.txt", "b.PDF", "c.htm", "d.html", "e.docx",
                                                                   "sub/h.txt"]
    assert failures == []
    assert set(SUFFIXES) == {".txt", ".html", ".htm", ".pdf", ".docx"}
    named, _ = collect_inputs([tmp_path / "g.doc"])
    assert named == [tmp_path / "g.doc"]  # a file given by name is taken and read by content


def test_formats_one_build_of_a_mix_and_keep_text(tmp_path: Path) -> None:
    text = (DEV / f"{REPORTS[1]}.txt").read_text(encoding="utf-8")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(text, encoding="utf-8")
    for fmt in ("html", "pdf", "docx"):
        suffix, make = MAKERS[fmt]
        (inputs / f"a{suffix}").write_bytes(make(text))
    result = build([inputs])
    assert result.failures == []
    assert sorted(d.meta.format for d in result.docs) == ["docx", "html", "pdf", "text"]
    written = write_texts(result.docs, tmp_path / "text")
    assert [p.name for p in written] == ["a.docx.txt", "a.html.txt", "a.pdf.txt", "a.txt"]
    for doc in result.docs:
        kept = (tmp_path / "text" / (Path(doc.meta.source).name.removesuffix(".txt") + ".txt")).read_bytes()
        assert kept.decode("utf-8") == doc.text
        assert any(not r.derived for r in doc.relations)
        for relation in doc.relations:
            if not relation.derived:
                assert doc.text[relation.start:relation.end] in doc.sentences[relation.sentence].text
