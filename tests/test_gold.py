"""The hand-annotated gold (tests/data/gold/, and the held-out set in heldout/): every annotation
points at text that is really on its line, in a class and kind of the ontology, so the scores of
benchmarks/score_extraction.py measure what they claim to."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT

GOLD = ROOT / "tests" / "data" / "gold"
FILES = sorted(GOLD.glob("*.json")) + sorted((GOLD / "heldout").glob("*.json"))
CLASSES = {"AdministrativeArea", "Organization", "Program", "PolicyDocument", "Place", "Event", "Person"}
KINDS = {"partnersWith", "assists", "supports", "locatedIn", "establishes", "hosts", "enacts", "implements"}


def _source(name: str) -> list[str]:
    for folder in (ROOT / "seeds", ROOT / "tests" / "data" / "dev-corpus"):
        if (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8").split("\n")
    raise AssertionError(f"no source file {name}")


def _bare(text: str) -> str:
    return re.sub(r"[“”\"《》\s]", "", text)


def test_gold_there_are_development_and_held_out_files() -> None:
    assert len([f for f in FILES if f.parent == GOLD]) >= 5
    assert len([f for f in FILES if f.parent.name == "heldout"]) >= 1


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_gold_annotations_point_at_their_lines(path: Path) -> None:
    gold = json.loads(path.read_text(encoding="utf-8"))
    lines = _source(gold["file"])
    annotated = set(gold["lines"])
    assert gold["lines"] == sorted(annotated) and all(1 <= n <= len(lines) for n in annotated)
    for e in gold["entities"]:
        assert e["class"] in CLASSES, e
        assert e["line"] in annotated, e
        assert _bare(e["text"]) in _bare(lines[e["line"] - 1]), e
    for r in gold["relations"]:
        assert r["kind"] in KINDS and r["line"] in annotated and isinstance(r["planned"], bool), r
    for o in gold["observations"]:
        assert o["line"] in annotated, o
        assert o.get("value") or o.get("change_percent"), o  # a figure, or a change stated alone
        if o.get("value"):  # a number or a range (3—5), whether the text writes 5.5万人 or 一百万亿元
            assert re.fullmatch(r"\d+(?:\.\d+)?(?:[-—~～]\d+(?:\.\d+)?)?", str(o["value"])) and o.get("unit"), o
        assert o.get("period") and (o.get("change_unit") or "%") in ("%", "百分点"), o
