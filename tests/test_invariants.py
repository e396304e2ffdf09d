"""Invariants on every input: Doc.check() after every stage, and a lossless JSON round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import INVARIANT_INPUTS
from kg_build.doc import Doc



@pytest.mark.parametrize("path", INVARIANT_INPUTS, ids=[p.name for p in INVARIANT_INPUTS])
def test_invariants_hold_after_every_stage(path: Path, checked_reports) -> None:  # type: ignore[no-untyped-def]
    """conftest ran the pipeline in check mode (Doc.check() after every stage) and the JSON round trip."""
    status, data = checked_reports["checked"][str(path)]
    assert status == "ok", data
    doc = Doc.from_json(data)
    assert doc.sentences and doc.tokens
    assert doc.meta.issuer_code, "no issuer resolved"
    for rel in doc.relations:
        if not rel.derived:
            s = doc.sentences[rel.sentence]
            assert s.start <= rel.start <= rel.end <= s.end
    for obs in doc.observations:
        s = doc.sentences[obs.sentence]
        assert s.start <= obs.start < obs.end <= s.end
        assert obs.value and obs.unit


def test_invariants_checked_after_each_stage(make_doc) -> None:  # type: ignore[no-untyped-def]
    """The check mode used above runs Doc.check() after every stage and round-trips every stage's Doc."""
    from conftest import STAGES

    doc = make_doc("我县与门头沟区签订合作协议，地区生产总值达到85.6亿元。", upto=None)
    for name in STAGES:
        doc = make_doc("我县与门头沟区签订合作协议，地区生产总值达到85.6亿元。", upto=name)
        doc.check()
        assert Doc.from_json(doc.to_json()) == doc, name


def test_invariants_check_catches_a_broken_span(make_doc) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    doc = make_doc("我县与门头沟区签订合作协议。", upto="mentions")
    bad = replace(doc, mentions=(replace(doc.mentions[-1], start=doc.mentions[-1].start + 1),))
    with pytest.raises(AssertionError, match="says"):
        bad.check()
    dangling = replace(doc, entities=(replace(make_doc("我县经济增长。", upto="link").entities[0], mentions=(999,)),))
    with pytest.raises(AssertionError, match="points at mention 999"):
        dangling.check()
    unordered = replace(doc, mentions=tuple(reversed(doc.mentions)))
    assert len(doc.mentions) > 1
    with pytest.raises(AssertionError, match="mentions are not in text order"):
        unordered.check()


def test_invariants_json_is_sorted_and_readable(make_doc) -> None:  # type: ignore[no-untyped-def]
    import json

    data = make_doc("我县与门头沟区签订合作协议。").to_json()
    raw = json.loads(data)
    assert "门头沟区" in data  # not \u-escaped
    assert list(raw) == sorted(raw)
