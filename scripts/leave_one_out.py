"""Real questions as if the FAQ had never seen them, and the letter bars chosen on them.

Real questions of the tuning part were a source of alternates: ranked against today's FAQ
they look easier than new ones are. Here each question is ranked against the FAQ without
the phrasings that share a run of `--run` words with it (what a curator lifts from a
question), then the engine's own `decide()` is replayed over a grid of the bars a short
letter clears when its question sentences alone rank the same entry first
(`letter_agreed_answer_threshold`, `letter_agreed_lead_margin`), or with `--long` of a long
letter's bars (`long_*`).

    python scripts/leave_one_out.py tests/eval/real/tune.yaml
    python scripts/leave_one_out.py --long tests/eval/real/tune.yaml
    python scripts/leave_one_out.py --run 6 tests/eval/real/tune.yaml

Prints, per setting, right and wrong answers and out-of-scope questions answered, best
first among those that add no wrong answer to today's. Never on the held-out real
questions: the script refuses them.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from multiprocessing import Pool
from pathlib import Path

from bot.config import load_config
from bot.core.decision import Answer, Candidate
from bot.core.engine import Engine, decide, form_of
from bot.core.evaluation import Case, load_cases, missing_facts
from bot.core.faq_loader import load_faq
from bot.core.model import Faq
from bot.core.settings import MatchingConfig, MessageForm
from bot.core.text import fold, split_words

HELD_OUT = "tests/eval/real/holdout"
ANSWER_THRESHOLDS = range(36, 60, 2)
LEAD_THRESHOLDS = range(30, 50, 2)
LEAD_MARGINS = (2, 3, 4, 5, 6, 7, 8, 10, 12, 14)


@dataclass(frozen=True)
class Ranked:
    case: Case
    on_topic: bool
    top: list[Candidate]
    form: MessageForm
    alone: str | None  # best entry id for the question sentences without the story


def _words(text: str) -> list[str]:
    return [fold(w) for w in split_words(text.lower())]


def lifted(question: list[str], phrasing: list[str], run: int) -> bool:
    """Does the phrasing repeat `run` words of the question in a row (all of it if shorter)?"""
    match = SequenceMatcher(None, question, phrasing, autojunk=False).find_longest_match(
        0, len(question), 0, len(phrasing))
    return match.size >= min(run, len(phrasing))


def without_lifted(faq: Faq, question: str, run: int) -> Faq:
    asked = _words(question)
    entries = []
    for entry in faq.entries:
        kept = [p for p in entry.phrasings if not lifted(asked, _words(p), run)] or [
            entry.question]  # an entry keeps a phrasing: its answer may still be found
        entries.append(entry if len(kept) == len(entry.phrasings) else replace(
            entry, question=kept[0], alternates=tuple(kept[1:])))
    return Faq(faq.topics, tuple(entries), faq.documents)


_FAQ: Faq
_ENGINE_PARTS: tuple[object, MatchingConfig]
_RUN = 4


def _rank_one(case: Case) -> Ranked:
    reader, matching = _ENGINE_PARTS
    engine = Engine(without_lifted(_FAQ, case.q, _RUN), reader, matching)  # type: ignore[arg-type]
    alone = engine.asked_alone(case.q)
    return Ranked(case, engine.on_topic(case.q), engine.rank(case.q, 3),
                  form_of(case.q, engine.read(case.q)), alone.id if alone else None)


def score(ranked: list[Ranked], matching: MatchingConfig) -> tuple[int, int, int]:
    right = wrong = oos = 0
    for r in ranked:
        if not r.top:
            continue
        alone = next((c.entry for c in r.top if c.entry.id == r.alone), None)
        decision = decide(r.top, r.on_topic, matching, r.form, lambda a=alone: a)
        if not isinstance(decision, Answer):
            continue
        if r.case.expect == "none":
            oos += 1
        elif missing_facts(r.case, decision.entry):
            wrong += 1
        else:
            right += 1
    return right, wrong, oos


def main() -> None:
    global _FAQ, _ENGINE_PARTS, _RUN
    parser = argparse.ArgumentParser()
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--long", action="store_true",
                        help="choose the long letters' bars instead of the short ones'")
    parser.add_argument("--run", type=int, default=4,
                        help="words in a row that make a phrasing lifted from a question")
    args = parser.parse_args()
    if any(HELD_OUT in str(p) for p in args.sets):
        sys.exit("The held-out real questions measure, they do not tune: leave them out.")
    config = load_config(Path("config.yaml"))
    _FAQ, reader = load_faq(config.faq_dir)
    _ENGINE_PARTS, _RUN = (reader, config.matching), args.run
    cases = [c for path in args.sets for c in load_cases(path)]
    with Pool() as pool:  # an engine per question: a few minutes on two cores
        ranked = pool.map(_rank_one, cases, chunksize=4)
    today = config.matching
    grid = _long_grid(today) if args.long else _story_grid(today)
    base = score(ranked, today)
    print(f"today: right {base[0]}, wrong {base[1]}, out of scope answered {base[2]}")
    rows = []
    for name, matching in grid:
        right, wrong, oos = score(ranked, matching)
        if wrong <= base[1] and oos <= base[2]:
            rows.append((right, name, wrong, oos))
    for right, name, wrong, oos in sorted(rows, key=lambda r: -r[0])[:10]:
        print(f"{name}: right {right}, wrong {wrong}, out of scope answered {oos}")


def _story_grid(today: MatchingConfig) -> Iterator[tuple[str, MatchingConfig]]:
    """A short letter's second chance: (letter_agreed_answer_threshold, lead margin)."""
    for answer, margin in itertools.product(ANSWER_THRESHOLDS, LEAD_MARGINS):
        yield f"agreed {answer}/{margin}", replace(
            today, letter_agreed_answer_threshold=answer, letter_agreed_lead_margin=margin)


def _long_grid(today: MatchingConfig) -> Iterator[tuple[str, MatchingConfig]]:
    """A long letter's bars: (long_answer_threshold, long_lead_threshold, long_lead_margin)."""
    for answer, lead, margin in itertools.product(ANSWER_THRESHOLDS, LEAD_THRESHOLDS,
                                                  LEAD_MARGINS):
        if lead <= answer:
            yield f"long {answer}/{lead}/{margin}", replace(
                today, long_answer_threshold=answer, long_lead_threshold=lead,
                long_lead_margin=margin)


if __name__ == "__main__":
    main()
