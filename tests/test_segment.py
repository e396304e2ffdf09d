"""segment: jieba tokens with POS tags and offsets, one tokenizer per user dictionary."""

from __future__ import annotations

from conftest import SEED, TINY
from kg_build.load import load_text, read_report
from kg_build.segment import default_userdict, get_segmenter, segment


def test_segment_tokens_point_into_the_text(segmenter) -> None:  # type: ignore[no-untyped-def]
    doc = segment(read_report(SEED), segmenter=segmenter)
    assert len(doc.tokens) > 5_000
    for token in doc.tokens:
        assert doc.text[token.start : token.end] == token.text
        assert token.text.strip() == token.text and token.text
    starts = [t.start for t in doc.tokens]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(doc.tokens, doc.tokens[1:]))


def test_segment_covers_every_non_space_character(segmenter) -> None:  # type: ignore[no-untyped-def]
    doc = segment(read_report(TINY), segmenter=segmenter)
    covered = {i for t in doc.tokens for i in range(t.start, t.end)}
    assert {i for i, ch in enumerate(doc.text) if not ch.isspace()} <= covered


def test_segment_tags_parts_of_speech(segmenter) -> None:  # type: ignore[no-untyped-def]
    doc = segment(load_text("各位代表：我们与北京市东城区签订合作协议。", path="s.txt"), segmenter=segmenter)
    tags = {t.text: t.pos for t in doc.tokens}
    assert tags["北京市"] == "ns"
    assert tags["我们"] == "r"
    assert tags["与"] in ("p", "c")


def test_segment_traditional_text_is_cut_on_the_simplified_copy(segmenter) -> None:  # type: ignore[no-untyped-def]
    doc = segment(load_text("各位代表：北京市東城區人民政府向大會報告工作，請予審議。" * 3, path="t.txt"), segmenter=segmenter)
    assert doc.meta.traditional
    assert any(t.text == "東城區" and t.pos == "ns" for t in doc.tokens)
    for token in doc.tokens:
        assert doc.text[token.start : token.end] == token.text


def test_segment_keeps_one_tokenizer_per_dictionary(segmenter) -> None:  # type: ignore[no-untyped-def]
    assert get_segmenter(default_userdict()) is segmenter


def test_segment_does_not_touch_the_global_jieba_dictionary(segmenter) -> None:  # type: ignore[no-untyped-def]
    import jieba

    segment(read_report(TINY), segmenter=segmenter)
    assert segmenter.tokenizer is not jieba.dt
    assert not jieba.dt.initialized, "something initialized (and may have changed) the global jieba.dt"
    added = [line.split()[0] for line in open(default_userdict(), encoding="utf-8")
             if line.strip() and not line.startswith("#")]
    assert added and all(word in segmenter.tokenizer.FREQ for word in added[:50])


def test_segment_is_deterministic(segmenter) -> None:  # type: ignore[no-untyped-def]
    doc = read_report(TINY)
    assert segment(doc, segmenter=segmenter).tokens == segment(doc, segmenter=segmenter).tokens
