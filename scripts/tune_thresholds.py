"""Choose answer/suggest thresholds and margin by measurement, not by taste.

Ranks every case of each question set once, then replays the engine's own `decide()` over a
grid of thresholds (answer_threshold/margin and lead_threshold/lead_margin) and prints the best settings under the project's bars (>= 90% of in-scope
questions answered correctly, <= 3% answered wrongly, at most one out-of-scope answered).

    python scripts/tune_thresholds.py ../shared/eval/dev.yaml tests/eval/real/tune.yaml

Never on the held-out real questions (tests/eval/real/holdout*.yaml): they measure what the
bot does on questions nobody tuned it for, and the script refuses them.
"""

from __future__ import annotations

import itertools
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from bot.core.decision import Answer, Candidate
from bot.core.engine import Engine, decide
from bot.core.evaluation import Case, load_cases
from bot.core.markup import to_plain
from bot.core.settings import MatchingConfig
from bot.core.text import fold


@dataclass
class Ranked:
    case: Case
    small_talk: bool
    on_topic: bool
    top: list[Candidate]


def rank_all(engine: Engine, path: Path) -> list[Ranked]:
    out = []
    for case in load_cases(path):
        small_talk = engine.small_talk(case.q) is not None
        top = [] if small_talk else engine.rank(case.q)[:3]
        out.append(Ranked(case, small_talk, engine.on_topic(case.q), top))
    return out


def score(ranked: list[Ranked], matching: MatchingConfig) -> tuple[float, float, int]:
    correct = wrong = oos = 0
    for r in ranked:
        if r.small_talk or not r.top:
            continue
        decision = decide(r.top, r.on_topic, matching)
        if not isinstance(decision, Answer):
            continue
        if r.case.expect == "none":
            oos += 1
            continue
        text = fold(f"{decision.entry.question}\n{to_plain(decision.entry.answer)}".lower())
        if all(re.search(p, text) for p in r.case.facts):
            correct += 1
        else:
            wrong += 1
    n = sum(r.case.expect != "none" for r in ranked) or 1
    return correct / n, wrong / n, oos


HELD_OUT = "tests/eval/real/holdout"


def main() -> None:
    if any(HELD_OUT in Path(p).resolve().as_posix() for p in sys.argv[1:]):
        sys.exit(f"{HELD_OUT}*.yaml is held out: never tune on it")
    base = MatchingConfig()
    engine = Engine.load(Path("faq"), base)
    sets = [rank_all(engine, Path(p)) for p in sys.argv[1:]]
    results = []
    grid = itertools.product(range(36, 60, 2), [0, 0.5, 1, 2], range(30, 46, 2), [4, 6, 8, 12])
    for answer, margin, lead, lead_margin in grid:
        if lead > answer:
            continue
        matching = replace(base, answer_threshold=answer, margin=margin, lead_threshold=lead,
                           lead_margin=lead_margin, suggest_threshold=min(30, lead))
        rows = [score(s, matching) for s in sets]
        mean_correct = sum(r[0] for r in rows) / len(rows)
        worst_wrong = max(r[1] for r in rows)
        worst_oos = max(r[2] for r in rows)
        objective = mean_correct - 3 * max(0.0, worst_wrong - 0.02) - 0.05 * worst_oos
        results.append((objective, (answer, margin, lead, lead_margin), rows))
    results.sort(key=lambda r: r[0], reverse=True)
    for objective, (answer, margin, lead, lead_margin), rows in results[:10]:
        cells = "  ".join(f"correct {c:.1%} wrong {w:.1%} oos {o}" for c, w, o in rows)
        print(f"answer>={answer} margin>={margin} | lead>={lead} by>={lead_margin} "
              f"objective {objective:.3f} | {cells}")


if __name__ == "__main__":
    main()
