"""Benchmark the analyzer: statements per second on one core, and the time of one 2,000-character answer.

Run: python benchmarks/analyzer.py [--repeat N]
Prints time and peak memory; compare against the targets in issue 4 (>= 5,000 statements/s; < 5 ms for a
2,000-character answer, so the rewrite coach can analyse on every keystroke).
"""
from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

from trustwork.analyzer import analyze, patterns
from trustwork.analyzer_model import model
from trustwork.statements import statement_bank


def long_answer(length: int = 2000) -> str:
    """A realistic long rewrite: bank sentences joined until it reaches `length` characters."""
    parts, total = [], 0
    for statement in statement_bank():
        parts.append(statement.text)
        total += len(statement.text) + 1
        if total >= length:
            break
    return " ".join(parts)[:length]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timing runs (the median is reported)")
    args = parser.parse_args()

    started = time.perf_counter()
    rules, reader = patterns(), model()
    load_seconds = time.perf_counter() - started
    texts = [s.text for s in statement_bank()]

    rates = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        for text in texts:
            analyze(text, rules, reader)
        rates.append(len(texts) / (time.perf_counter() - started))

    answer = long_answer()
    long_times = []
    for _ in range(args.repeat * 20):
        started = time.perf_counter()
        analyze(answer, rules, reader)
        long_times.append((time.perf_counter() - started) * 1000)
    # Memory in a separate pass: tracemalloc slows everything it watches.
    tracemalloc.start()
    for text in texts:
        analyze(text, rules, reader)
    analyze(answer, rules, reader)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"load patterns and reader weights: {load_seconds * 1000:.0f} ms")
    print(f"statements per second (median of {args.repeat} passes over {len(texts)}): {statistics.median(rates):,.0f}")
    print(f"one {len(answer)}-character answer: median {statistics.median(long_times):.2f} ms, "
          f"worst {max(long_times):.2f} ms")
    print(f"peak memory allocated while analysing (tracemalloc): {peak / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
