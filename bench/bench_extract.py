"""Extraction speed on one core: articles/s and MB/s over a folder of .txt articles.

    python bench/bench_extract.py ../shared/eval/pfsa-dev/articles [--repeat 5] [--profile]

Times `extract_corpus` over the whole folder (per-article extraction plus the
cross-article speaker resolution), after one warm-up run, and prints best and median by
the wall clock and by the CPU time of the process (which other work on a shared machine
lengthens less: it does not count the time the process waited for the core).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import statistics
import sys
import time
from pathlib import Path

from service.extraction import COMPILED, extract_corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", type=Path, help="folder of .txt articles")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print the top functions")
    args = parser.parse_args()
    files = sorted(args.articles.glob("*.txt"))
    if not files:
        print(f"no .txt files in {args.articles}", file=sys.stderr)
        return 2
    docs = [(f.name, f.read_text("utf-8")) for f in files]
    megabytes = sum(len(t.encode("utf-8")) for _, t in docs) / 1e6
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    extract_corpus(docs)  # warm-up: lexicons loaded, regexes compiled
    runs, cpu = [], []
    for _ in range(args.repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        extract_corpus(docs)
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    print(
        f"python {platform.python_version()}, {os.cpu_count()} cores (pinned to one); "
        f"extraction {'compiled with mypyc' if COMPILED else 'plain Python (KUTIP_PURE)'}"
    )
    print(f"{len(docs)} articles, {megabytes:.2f} MB, {args.repeat} runs")
    for clock, times in (("wall", runs), ("cpu", cpu)):
        for label, seconds in (("best", min(times)), ("median", statistics.median(times))):
            rate, mbs = len(docs) / seconds, megabytes / seconds
            print(f"{clock:4} {label:6} {seconds:.3f} s  {rate:7.0f} articles/s  {mbs:5.2f} MB/s")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(extract_corpus, docs)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)
    return 0


if __name__ == "__main__":
    sys.exit(main())
