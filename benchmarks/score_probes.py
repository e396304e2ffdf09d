"""Precision / recall / F1 per entity class on the genre probes (tests/data/probes/*.tsv): single
sentences of the kind a work report of any province is made of, each with the entities a careful
annotator marks, written from general knowledge of the genre by someone who never read the
corpus. Next to them, the same naive jieba-POS baseline as score_extraction.py, measured in the
same run.

Usage: python benchmarks/score_probes.py [--show-errors CLASS|all] [FILE.tsv ...]

A probe line is `sentence<TAB>text|Class;text|Class…`. Each sentence is built as the body of a
one-county report (the tests' fixed header), so areas of other provinces are read as a county's
report reads them. Entities match on (text without quotes or 《》, class) within a sentence.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBES = ROOT / "tests" / "data" / "probes"
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from conftest import HEADER  # noqa: E402  (the tests' fixed header of a county's report)
from score_extraction import CLASSES, POS_BASELINE, prf  # noqa: E402


def clean(text: str) -> str:
    return re.sub(r"[“”\"《》\s]", "", text)


def read_probes(path: Path) -> list[tuple[str, set[tuple[str, str]]]]:
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        sentence, _, entities = line.partition("\t")
        gold = set()
        for item in filter(None, entities.split(";")):
            text, _, cls = item.rpartition("|")
            if cls not in CLASSES or text not in sentence:
                raise SystemExit(f"{path}:{number}: bad entity {item!r}")
            gold.add((clean(text), cls))
        out.append((sentence, gold))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", type=Path, help="probe files (default: all of tests/data/probes)")
    parser.add_argument("--show-errors", default="", help="print the misses of this class (or 'all')")
    args = parser.parse_args()

    import jieba.posseg

    from kg_build.load import load_text
    from kg_build.pipeline import default_pipeline

    pipeline = default_pipeline()
    tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    files = args.files or sorted(PROBES.glob("*.tsv"))
    totals: dict[str, Counter[tuple[str, str]]] = {"kg-build": Counter(), "baseline": Counter()}
    for path in files:
        counts: dict[str, Counter[tuple[str, str]]] = {"kg-build": Counter(), "baseline": Counter()}
        for sentence, gold in read_probes(path):
            doc = pipeline(load_text(HEADER + sentence, path=path.name))
            ours = {(clean(m.text), m.label.value) for m in doc.mentions
                    if m.rule not in ("nested", "coref") and m.start >= doc.meta.header_end}
            naive = {(pair.word, POS_BASELINE[pair.flag]) for pair in tokenizer.cut(sentence) if pair.flag in POS_BASELINE}
            for system, pred in (("kg-build", ours), ("baseline", naive)):
                for cls in CLASSES:
                    p = {x for x in pred if x[1] == cls}
                    g = {x for x in gold if x[1] == cls}
                    counts[system][cls, "tp"] += len(p & g)
                    counts[system][cls, "fp"] += len(p - g)
                    counts[system][cls, "fn"] += len(g - p)
            if args.show_errors and (ours - gold or gold - ours):
                wanted = [x for x in sorted(ours ^ gold) if args.show_errors in ("all", x[1])]
                if wanted:
                    print(sentence)
                    for text, cls in wanted:
                        print(f"   {'FP' if (text, cls) in ours else 'FN'} {cls} {text}")
        _table(path.stem, counts)
        for system in totals:
            totals[system].update(counts[system])
    if len(files) > 1:
        _table("ALL", totals)


def _table(title: str, counts: dict[str, Counter[tuple[str, str]]]) -> None:
    print(f"\n{title}\n  {'class':20}  {'kg-build':>20}  {'baseline':>20}")
    for cls in (*CLASSES, "micro"):
        cells = []
        for system in ("kg-build", "baseline"):
            keys = CLASSES if cls == "micro" else (cls,)
            tp, fp, fn = (sum(counts[system][k, kind] for k in keys) for kind in ("tp", "fp", "fn"))
            cells.append("  ".join(f"{v:.2f}" for v in prf(tp, fp, fn)))
        print(f"  {cls:20}  {cells[0]:>20}  {cells[1]:>20}")


if __name__ == "__main__":
    main()
