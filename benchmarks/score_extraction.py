"""Precision / recall / F1 of the extractor against the hand-annotated development set
(tests/data/gold/), per entity class, per relation kind and for observations, next to a naive
jieba-POS baseline measured in the same run.

Usage: python benchmarks/score_extraction.py [--gold DIR] [--lenient] [--with-name-locations] [--show-errors CLASS]

Entities match on (line, text without quotes/《》, class); --lenient also accepts a prediction
whose text contains the gold text or is contained in it (same line and class). Relations match on
(kind, subject, object) within the annotated lines (partnersWith unordered), where an entity
answers to its label and its other names (skos:altLabel); the gold
annotates stated relations, so locatedIn implied by a name (北京市西城区人民法院 → 西城区, published
as kg:NameDerivation) is scored only with --with-name-locations.
Observations match on (line, value, unit), or on (line, rate) where a growth rate is stated
without a value (kg-build: an observation of …增速 in %; the gold: a change without a value);
"headline" restricts the gold to the indicators listed
in HEADLINE below, which belong to this script, not to the extractor.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "gold"
SOURCES = [ROOT / "seeds", ROOT / "tests" / "data" / "dev-corpus"]
CLASSES = ("AdministrativeArea", "Organization", "Program", "PolicyDocument", "Place", "Event", "Person")
KINDS = ("partnersWith", "assists", "supports", "locatedIn", "establishes", "hosts", "enacts", "implements")
HEADLINE = re.compile(r"生产总值|GDP|一般公共预算|固定资产投资|社会消费品零售|可支配收入|工业增加值|PM2\.5|细颗粒物|进出口|外资|新增就业|失业率")
POS_BASELINE = {"ns": "AdministrativeArea", "nt": "Organization", "nr": "Person", "nz": "Program"}


def clean(text: str) -> str:
    return re.sub(r"[“”\"《》\s?]", "", text)


def line_starts(text: str) -> list[int]:
    starts = [0]
    for i, ch in enumerate(text):
        if ch == "\n":
            starts.append(i + 1)
    return starts


def line_of(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return lo  # 1-based


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def match(pred: set[tuple], gold: set[tuple], lenient: bool) -> tuple[int, int, int, set[tuple], set[tuple]]:
    if not lenient:
        tp = pred & gold
        return len(tp), len(pred - tp), len(gold - tp), pred - tp, gold - tp
    used_gold: set[tuple] = set()
    used_pred: set[tuple] = set()
    for p in sorted(pred):
        for g in sorted(gold):
            if g in used_gold or p[0] != g[0] or p[2] != g[2]:
                continue
            if p[1] == g[1] or (min(len(p[1]), len(g[1])) >= 2 and (p[1] in g[1] or g[1] in p[1])):
                used_gold.add(g)
                used_pred.add(p)
                break
    return len(used_pred), len(pred - used_pred), len(gold - used_gold), pred - used_pred, gold - used_gold


def _match_by_names(pred: set[tuple], gold: set[tuple], pred_names: dict[tuple, tuple[frozenset[str], frozenset[str]]]) -> dict[tuple, tuple]:
    """Predicted relation → the gold relation it states: same kind, and the gold's subject and object
    are names of the predicted entities (either order for partnersWith); one to one."""
    matched: dict[tuple, tuple] = {}
    used: set[tuple] = set()
    for x in sorted(pred):
        subjects, objects = pred_names[x]
        for y in sorted(gold - used):
            direct = y[1] in subjects and y[2] in objects
            if direct or (x[0] == "partnersWith" and y[1] in objects and y[2] in subjects):
                matched[x] = y
                used.add(y)
                break
    return matched


def _gold_rate(o: dict) -> bool:
    return not o.get("value") and bool(o.get("change_percent")) and o.get("change_unit") == "%"


def _gold_key(o: dict) -> tuple:
    if _gold_rate(o):
        return (o["line"], str(o["change_percent"]).lstrip("+-"), "rate")
    return (o["line"], str(o["value"]), o["unit"])


def _observation_key(line: int, o: object) -> tuple:
    if o.indicator.endswith("增速") and o.unit == "%":  # type: ignore[attr-defined]
        return (line, o.value.lstrip("-"), "rate")  # type: ignore[attr-defined]
    return (line, o.value.lstrip("-"), o.unit)  # type: ignore[attr-defined]


def _same_change(gold: dict, pred: object) -> bool:
    if _gold_rate(gold):  # the rate's sign is the change's sign
        return str(gold["change_percent"]).startswith("-") == pred.value.startswith("-")  # type: ignore[attr-defined]
    return (gold.get("change_percent") or "").lstrip("+") == (pred.change or "")  # type: ignore[attr-defined]


def _same_name(a: str, b: str) -> bool:
    return a == b or (min(len(a), len(b)) >= 2 and (a in b or b in a))


def _same_relation(gold: tuple, pred: tuple) -> bool:
    if gold[0] != pred[0]:
        return False
    if _same_name(gold[1], pred[1]) and _same_name(gold[2], pred[2]):
        return True
    return gold[0] == "partnersWith" and _same_name(gold[1], pred[2]) and _same_name(gold[2], pred[1])


def source_of(name: str) -> Path:
    for folder in SOURCES:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(name)


def baseline_entities(text: str, lines: set[int]) -> set[tuple]:
    import jieba
    import jieba.posseg

    tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    out = set()
    for number, line in enumerate(text.split("\n"), start=1):
        if number in lines:
            for pair in tokenizer.cut(line):
                if pair.flag in POS_BASELINE:
                    out.add((number, pair.word, POS_BASELINE[pair.flag]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lenient", action="store_true")
    parser.add_argument("--gold", type=Path, default=GOLD,
                        help="directory of gold files (tests/data/gold/heldout: reports no rule was tuned on)")
    parser.add_argument("--with-name-locations", action="store_true",
                        help="also score locatedIn implied by a name (kg:NameDerivation), which the gold does not annotate")
    parser.add_argument("--show-errors", default="", help="print false positives/negatives of this class or kind")
    args = parser.parse_args()

    from kg_build.load import read_report
    from kg_build.pipeline import default_pipeline

    pipeline = default_pipeline()
    totals: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    for gold_file in sorted(args.gold.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        path = source_of(gold["file"])
        doc = pipeline(read_report(path))
        starts = line_starts(doc.text)
        lines = set(gold["lines"])
        report = path.stem

        pred_e = {(line_of(starts, m.start), clean(m.text), m.label.value)
                  for m in doc.mentions if m.rule not in ("nested", "coref") and line_of(starts, m.start) in lines}
        gold_e = {(e["line"], clean(e["text"]), e["class"]) for e in gold["entities"]}
        base_e = baseline_entities(doc.text, lines)
        for system, pred in (("kg-build", pred_e), ("baseline", base_e)):
            for cls in CLASSES:
                p = {x for x in pred if x[2] == cls}
                g = {x for x in gold_e if x[2] == cls}
                tp, fp, fn, fps, fns = match(p, g, args.lenient)
                for key, value in (("tp", tp), ("fp", fp), ("fn", fn)):
                    totals[(report, system, "entities")][cls][key] += value  # type: ignore[index]
                if system == "kg-build" and args.show_errors == cls:
                    print(f"--- {report} {cls}\n  FP: {sorted(x[1] for x in fps)}\n  FN: {sorted(x[1] for x in fns)}")

        names = {e.key: e.name for e in doc.entities}
        # an entity answers to its label and its other names (区乡村振兴局 is labelled 满城区乡村振兴局)
        known_as = {e.key: frozenset(clean(n) for n in (e.name, *e.aliases)) for e in doc.entities}
        pred_r = set()
        pred_names = {}
        for r in doc.relations:
            if r.derived or r.sentence < 0 or (r.by_name and not args.with_name_locations):
                continue
            if line_of(starts, doc.sentences[r.sentence].start) not in lines:
                continue
            pair = (names[r.subject], names[r.object])
            if r.kind.value == "partnersWith":
                pair = tuple(sorted(pair))  # type: ignore[assignment]
            key = (r.kind.value, clean(pair[0]), clean(pair[1]))
            pred_r.add(key)
            pred_names[key] = (known_as[r.subject], known_as[r.object])
        gold_r = set()
        for r in gold["relations"]:
            pair = (clean(r["subject"]), clean(r["object"]))
            if r["kind"] == "partnersWith":
                pair = tuple(sorted(pair))  # type: ignore[assignment]
            gold_r.add((r["kind"], *pair))
        for kind in KINDS:
            p = {x for x in pred_r if x[0] == kind}
            g = {x for x in gold_r if x[0] == kind}
            matched = _match_by_names(p, g, pred_names)
            p = {x for x in p if x not in matched} | set(matched.values())  # name the match as the gold does
            tp = len(matched)
            if args.lenient:  # …and then accept a name that contains the gold's, or is contained in it
                rest = p - g
                tp += sum(1 for x in g - set(matched.values()) if any(_same_relation(x, y) for y in rest))
            c = totals[(report, "kg-build", "relations")][kind]
            c["tp"] += tp
            c["fp"] += len(p) - tp
            c["fn"] += len(g) - tp
            if args.show_errors == kind:
                print(f"--- {report} {kind}\n  FP: {sorted(p - g)}\n  FN: {sorted(g - p)}")

        # a growth rate stated alone (增长6%左右) is an observation of the rate (…增速, 6 %) here and a
        # change without a value in the gold: the two match on (line, rate)
        pred_o = {_observation_key(line_of(starts, o.start), o): o for o in doc.observations}
        for scope in ("all", "headline"):
            gold_o = [o for o in gold["observations"] if (o.get("value") or _gold_rate(o))
                      and (scope == "all" or HEADLINE.search(o["indicator"]))]
            keys = {_gold_key(o): o for o in gold_o}
            tp = set(pred_o) & set(keys)
            right = sum(1 for k in tp if int(keys[k]["period"]) == pred_o[k].period and _same_change(keys[k], pred_o[k]))
            c = totals[(report, "kg-build", "observations")][scope]
            c["tp"] += len(tp)
            c["fp"] += len(set(pred_o) - tp) if scope == "all" else 0
            c["fn"] += len(set(keys) - tp)
            c["right"] += right

    print("Entities (P / R / F1); baseline = naive jieba POS (ns, nt, nr, nz)" + (" [lenient]" if args.lenient else ""))
    reports = sorted({k[0] for k in totals})
    for report in reports + ["ALL"]:
        print(f"\n{report}")
        print(f"  {'class':<20}{'kg-build':>22}{'baseline':>22}")
        for cls in (*CLASSES, "micro"):
            row = []
            for system in ("kg-build", "baseline"):
                keys = [k for k in totals if k[1] == system and k[2] == "entities" and (report == "ALL" or k[0] == report)]
                tp = sum(totals[k][c]["tp"] for k in keys for c in CLASSES if cls in (c, "micro"))
                fp = sum(totals[k][c]["fp"] for k in keys for c in CLASSES if cls in (c, "micro"))
                fn = sum(totals[k][c]["fn"] for k in keys for c in CLASSES if cls in (c, "micro"))
                p, r, f = prf(tp, fp, fn)
                row.append(f"{p:6.2f} {r:6.2f} {f:6.2f}  ")
            print(f"  {cls:<20}{row[0]:>22}{row[1]:>22}")
    print("\nRelations (P / R / F1)")
    for report in reports + ["ALL"]:
        keys = [k for k in totals if k[2] == "relations" and (report == "ALL" or k[0] == report)]
        cells = []
        for kind in (*KINDS, "micro"):
            tp = sum(totals[k][c]["tp"] for k in keys for c in KINDS if kind in (c, "micro"))
            fp = sum(totals[k][c]["fp"] for k in keys for c in KINDS if kind in (c, "micro"))
            fn = sum(totals[k][c]["fn"] for k in keys for c in KINDS if kind in (c, "micro"))
            p, r, f = prf(tp, fp, fn)
            cells.append(f"{kind}={p:.2f}/{r:.2f}/{f:.2f}" if tp + fp + fn else f"{kind}=n/a")
        print(f"  {report:<28} " + "  ".join(cells))
    print("\nObservations: recall of gold figures (line, value, unit); 'right' = period and change also right")
    for report in reports + ["ALL"]:
        keys = [k for k in totals if k[2] == "observations" and (report == "ALL" or k[0] == report)]
        for scope in ("all", "headline"):
            tp = sum(totals[k][scope]["tp"] for k in keys)
            fn = sum(totals[k][scope]["fn"] for k in keys)
            fp = sum(totals[k][scope]["fp"] for k in keys)
            right = sum(totals[k][scope]["right"] for k in keys)
            rec = tp / (tp + fn) if tp + fn else 0.0
            extra = f"  precision {tp / (tp + fp):.2f}" if scope == "all" and tp + fp else ""
            print(f"  {report:<28} {scope:<9} recall {rec:.2f} ({tp}/{tp + fn}), right {right}{extra}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
