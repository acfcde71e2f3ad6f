"""Choose answer/suggest thresholds and margin by measurement, not by taste.

Ranks every case of each question set once, then replays the engine's own `decide()` over a
grid of thresholds (answer_threshold/margin and lead_threshold/lead_margin) and prints the
best settings under the project's bars (>= 90% of in-scope
questions answered correctly, <= 3% answered wrongly, at most one out-of-scope answered).

    python scripts/tune_thresholds.py ../shared/eval/dev.yaml tests/eval/real/tune.yaml
    python scripts/tune_thresholds.py --letters --faq OLD/faq tests/eval/real/tune.yaml
    python scripts/tune_thresholds.py --long --faq OLD/faq tests/eval/real/tune.yaml

`--letters` chooses the thresholds for a question with a story around it, `--long` those
for letters over 200 characters. Choose them on questions the FAQ has not been written
for: `--faq` ranks
against another FAQ folder, e.g. the FAQ as it was before a question set's gaps were
closed (`git worktree add OLD <commit>`), so the numbers are those of unseen questions.

Never on the held-out real questions (tests/eval/real/holdout*.yaml): they measure what the
bot does on questions nobody tuned it for, and the script refuses them.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from bot.config import load_config
from bot.core.decision import Answer, Candidate
from bot.core.engine import Engine, decide, form_of
from bot.core.evaluation import Case, load_cases, missing_facts
from bot.core.model import Entry
from bot.core.settings import MatchingConfig, MessageForm


@dataclass
class Ranked:
    case: Case
    small_talk: bool
    on_topic: bool
    top: list[Candidate]
    form: MessageForm
    alone: Entry | None  # the best entry for the question sentences without the story


def rank_all(engine: Engine, path: Path) -> list[Ranked]:
    out = []
    for case in load_cases(path):
        small_talk = engine.small_talk(case.q) is not None
        top = [] if small_talk else engine.rank(case.q)[:3]
        form = form_of(case.q, engine.read(case.q))
        alone = None if small_talk else engine.asked_alone(case.q)
        out.append(Ranked(case, small_talk, engine.on_topic(case.q), top, form, alone))
    return out


def score(ranked: list[Ranked], matching: MatchingConfig) -> tuple[float, float, int]:
    correct = wrong = oos = 0
    for r in ranked:
        if r.small_talk or not r.top:
            continue
        decision = decide(r.top, r.on_topic, matching, r.form, lambda r=r: r.alone)
        if not isinstance(decision, Answer):
            continue
        if r.case.expect == "none":
            oos += 1
            continue
        if not missing_facts(r.case, decision.entry):
            correct += 1
        else:
            wrong += 1
    n = sum(r.case.expect != "none" for r in ranked) or 1
    return correct / n, wrong / n, oos


HELD_OUT = "tests/eval/real/holdout"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", action="store_true", help="tune the story thresholds")
    parser.add_argument("--long", action="store_true", help="tune the long-letter thresholds")
    parser.add_argument("--faq", default="faq", help="the FAQ folder to rank against")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    if any(HELD_OUT in Path(p).resolve().as_posix() for p in args.files):
        sys.exit(f"{HELD_OUT}*.yaml is held out: never tune on it")
    base = load_config(Path("config.yaml")).matching
    engine = Engine.load(Path(args.faq), base)
    sets = [rank_all(engine, Path(p)) for p in args.files]
    results = []
    grid = _long_grid(base) if args.long else _letter_grid(base) if args.letters else _grid(base)
    for label, matching in grid:
        rows = [score(s, matching) for s in sets]
        mean_correct = sum(r[0] for r in rows) / len(rows)
        worst_wrong = max(r[1] for r in rows)
        worst_oos = max(r[2] for r in rows)
        objective = mean_correct - 3 * max(0.0, worst_wrong - 0.02) - 0.05 * worst_oos
        results.append((objective, label, rows))
    results.sort(key=lambda r: r[0], reverse=True)
    for objective, label, rows in results[:10]:
        cells = "  ".join(f"correct {c:.1%} wrong {w:.1%} oos {o}" for c, w, o in rows)
        print(f"{label} objective {objective:.3f} | {cells}")


def _grid(base: MatchingConfig) -> Iterator[tuple[str, MatchingConfig]]:
    grid = itertools.product(range(36, 60, 2), [0, 0.5, 1, 2], range(30, 46, 2), [4, 6, 8, 12])
    for answer, margin, lead, lead_margin in grid:
        if lead <= answer:
            yield (f"answer>={answer} margin>={margin} | lead>={lead} by>={lead_margin}",
                   replace(base, answer_threshold=answer, margin=margin, lead_threshold=lead,
                           lead_margin=lead_margin, suggest_threshold=min(30, lead)))


def _letter_grid(base: MatchingConfig) -> Iterator[tuple[str, MatchingConfig]]:
    for answer, lead_margin in itertools.product(range(44, 66, 2), [4, 6, 8, 10, 14]):
        yield (f"letters: answer>={answer} | lead>={answer - 4} by>={lead_margin}",
               replace(base, letter_answer_threshold=answer, letter_lead_threshold=answer - 4,
                       letter_lead_margin=lead_margin))



def _long_grid(base: MatchingConfig) -> Iterator[tuple[str, MatchingConfig]]:
    grid = itertools.product(range(46, 62, 2), range(38, 50, 2), [8, 10, 12, 14, 16])
    for answer, lead, lead_margin in grid:
        if lead <= answer:
            yield (f"long: answer>={answer} | lead>={lead} by>={lead_margin}",
                   replace(base, long_answer_threshold=answer, long_lead_threshold=lead,
                           long_lead_margin=lead_margin))


if __name__ == "__main__":
    main()
