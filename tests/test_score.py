"""benchmarks/score_extraction.py: the matching rules behind the quality figures (relations by
any name of their entities, growth rates stated without a value, lenient name containment)."""

from __future__ import annotations

import importlib.util
from types import SimpleNamespace

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("score_extraction", ROOT / "benchmarks" / "score_extraction.py")
assert _spec and _spec.loader
score = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(score)


def test_score_relation_matches_by_any_name_of_its_entities() -> None:
    pred = {("establishes", "满城区", "满城区乡村振兴局")}
    names = {("establishes", "满城区", "满城区乡村振兴局"): (frozenset({"满城区", "满城"}), frozenset({"满城区乡村振兴局", "区乡村振兴局"}))}
    gold = {("establishes", "满城区", "区乡村振兴局"), ("establishes", "满城区", "区财政局")}
    assert score._match_by_names(pred, gold, names) == {("establishes", "满城区", "满城区乡村振兴局"): ("establishes", "满城区", "区乡村振兴局")}


def test_score_partners_match_in_either_order_and_one_to_one() -> None:
    a, b = frozenset({"西城区"}), frozenset({"门头沟区"})
    pred = {("partnersWith", "西城区", "门头沟区")}
    gold = {("partnersWith", "门头沟区", "西城区")}
    assert len(score._match_by_names(pred, gold, {next(iter(pred)): (b, a)})) == 1
    twice = {("partnersWith", "门头沟区", "西城区"), ("partnersWith", "西城区", "门头沟区")}
    assert len(score._match_by_names(pred, twice, {next(iter(pred)): (a, b)})) == 1


def test_score_a_rate_stated_alone_matches_the_gold_change_without_value() -> None:
    gold = {"line": 7, "indicator": "地区生产总值", "value": None, "unit": None, "change_percent": "-4",
            "change_unit": "%", "period": 2022}
    rate = SimpleNamespace(indicator="地区生产总值增速", value="-4", unit="%", change="")
    assert score._gold_key(gold) == score._observation_key(7, rate) == (7, "4", "rate")
    assert score._same_change(gold, rate)
    assert not score._same_change(gold, SimpleNamespace(indicator="地区生产总值增速", value="4", unit="%", change=""))
    # a figure with a value keeps its unit in the key, so 4% of something else is no match
    share = SimpleNamespace(indicator="税收占比", value="4", unit="%", change="")
    assert score._observation_key(7, share) != score._gold_key(gold)


def test_score_lenient_accepts_containment_but_not_a_single_character() -> None:
    pred = {(3, "疏整促专项行动", "Program"), (3, "区", "AdministrativeArea")}
    gold = {(3, "疏整促", "Program"), (3, "西城区", "AdministrativeArea")}
    tp, fp, fn, _, _ = score.match(pred, gold, lenient=True)
    assert (tp, fp, fn) == (1, 1, 1)
    assert score.match(pred, gold, lenient=False)[:3] == (0, 2, 2)


def test_score_probes_scores_a_probe_file_and_names_a_broken_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    good = tmp_path / "good.tsv"
    good.write_text("举办第五届中国国际进口博览会，建成县人民医院。\t第五届中国国际进口博览会|Event;县人民医院|Organization\n"
                    "完成解放路改造，顺安远大建成投产。\t解放路|Place;顺安远大|Organization\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "score_probes.py"), str(good)],
                         capture_output=True, text=True, timeout=300, check=True)
    micro = next(line.split() for line in run.stdout.splitlines() if line.strip().startswith("micro"))
    assert micro[1:4] == ["1.00", "0.75", "0.86"]  # 3 of 4 found (a firm with no trade word is missed), none wrong
    bad = tmp_path / "bad.tsv"
    bad.write_text("完成解放路改造。\t人民路|Place\n", encoding="utf-8")
    broken = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "score_probes.py"), str(bad)],
                            capture_output=True, text=True, timeout=300)
    assert broken.returncode != 0 and f"{bad}:1" in broken.stderr
