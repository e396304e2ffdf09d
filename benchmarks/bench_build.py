"""Wall time of a whole `kg-build build` against a process that only loads jieba and segments
the same text, measured in the same run. Usage: python benchmarks/bench_build.py [--repeat N]"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = {
    "seed": [ROOT / "seeds"],
    "dev-corpus": [ROOT / "tests" / "data" / "dev-corpus"],
}
BASELINE = """
import sys, jieba
from pathlib import Path
tokenizer = jieba.Tokenizer()
tokenizer.initialize()
files = [p for a in sys.argv[1:] for p in (sorted(Path(a).rglob('*.txt')) if Path(a).is_dir() else [Path(a)])]
n = sum(len(list(tokenizer.cut(p.read_text(encoding='utf-8')))) for p in files)
"""


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    kg_build = [sys.executable, "-m", "kg_build", "build", "--quiet"]
    print(f"{'corpus':<12}{'chars':>9}{'baseline s':>12}{'kg-build s':>12}{'ratio':>8}")
    for name, paths in CORPORA.items():
        chars = sum(len(p.read_text(encoding="utf-8")) for d in paths for p in sorted(d.rglob("*.txt")))
        base, ours = [], []
        for _ in range(args.repeat):
            base.append(timed([sys.executable, "-c", BASELINE, *map(str, paths)]))
            with tempfile.TemporaryDirectory() as out:
                ours.append(timed([*kg_build, *map(str, paths), "--out", out]))
        b, o = statistics.median(base), statistics.median(ours)
        print(f"{name:<12}{chars:>9}{b:>12.2f}{o:>12.2f}{o / b:>7.2f}x")


if __name__ == "__main__":
    main()
