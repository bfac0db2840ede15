"""Time each lesson run top to bottom in a fresh kernel (the target: under 10 s each).

Run: python benchmarks/lessons.py [course/NN_name.ipynb ...]
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

import nbclient
import nbformat

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or sorted((ROOT / "course").glob("[0-9][0-9]_*.ipynb"))
    os.environ.setdefault("TRUSTWORK_PROGRESS", str(Path(tempfile.mkdtemp()) / "progress.json"))
    total = 0.0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        started = time.perf_counter()
        nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                resources={"metadata": {"path": str(path.parent)}}).execute()
        seconds = time.perf_counter() - started
        total += seconds
        flag = "" if seconds < 10 else "  <- over 10 s"
        print(f"{path.name:36} {seconds:5.1f} s{flag}")
    print(f"{'total':36} {total:5.1f} s for {len(paths)} lessons")


if __name__ == "__main__":
    main()
