"""Benchmark, not a test: a cold build against a warm (cached) build of the real data.

    .venv/bin/python bench/build.py [--runs N]

Both are run side by side in one process tree on a copy of the project, so the ratio
(warm / cold) is what to compare between machines, not the absolute seconds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    exe = str(Path(sys.executable).with_name("trendgraph"))
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as tmp:
        proj = Path(tmp) / "proj"
        shutil.copytree(ROOT / "ontology", proj / "ontology")
        shutil.copytree(ROOT / "data", proj / "data")
        env = {"TRENDGRAPH_HOME": str(proj), "PATH": "/usr/bin:/bin"}
        for i in range(args.runs):
            cold.append(timed([exe, "build", "--force"], env))
            warm.append(timed([exe, "build"], env))
            print(f"run {i + 1}: cold {cold[-1]:.2f} s, warm {warm[-1]:.3f} s", flush=True)
    c, w = statistics.median(cold), statistics.median(warm)
    print(f"median cold build {c:.2f} s, warm build {w:.3f} s, warm/cold = {w / c:.3f}")


if __name__ == "__main__":
    main()
