"""How fast the core answers, without Telegram: load time, then ask() latency.

    python scripts/bench_engine.py [QUESTIONS.yaml ...]   (default: tests/eval/holdout.yaml)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from bot.core.engine import Engine
from bot.core.evaluation import load_cases
from bot.core.settings import MatchingConfig


def main() -> None:
    started = time.perf_counter()
    engine = Engine.load(Path("faq"), MatchingConfig())
    load_ms = (time.perf_counter() - started) * 1000
    files = sys.argv[1:] or ["tests/eval/holdout.yaml"]
    questions = [c.q for f in files for c in load_cases(Path(f))]
    # Distinct strings each round: the normaliser caches, a real stream mostly does not repeat.
    rounds = [[f"{q} {i}" for q in questions] for i in range(20)]
    latencies = []
    for batch in rounds:
        for q in batch:
            t = time.perf_counter()
            engine.ask(q)
            latencies.append((time.perf_counter() - t) * 1000)
    latencies.sort()
    total_s = sum(latencies) / 1000
    print(f"entries {len(engine.faq.entries)}, phrasings "
          f"{sum(len(e.phrasings) for e in engine.faq.entries)}, load {load_ms:.0f} ms")
    print(f"questions {len(latencies)}, {len(latencies) / total_s:.0f} questions/s on one core")
    print(f"latency ms: p50 {statistics.median(latencies):.2f}, "
          f"p99 {latencies[int(len(latencies) * 0.99)]:.2f}, max {latencies[-1]:.2f}")


if __name__ == "__main__":
    main()
