"""Real questions as if the FAQ had never seen them, and the letter bars chosen on them.

Real questions of the tuning part were a source of alternates: ranked against today's FAQ
they look easier than new ones are. Each question is read twice:

- leave-one-out: against the FAQ without the phrasings that share a run of `--run` words
  with it (what a curator lifts from a question). Right and wrong answers.
- leave-entry-out: against that FAQ without every entry that would answer it right, as if
  its situation were one the FAQ has no entry for (most wrong answers to new real questions
  are of this kind). Any answer is a confident answer to a different situation.

The engine's own `decide()` is then replayed over a grid of the bars a short letter clears
when its question sentences alone rank the same entry first (`letter_agreed_answer_threshold`,
`letter_agreed_lead_margin`), or with `--long` of a long letter's bars (`long_*`).

    python scripts/leave_one_out.py tests/eval/real/tune.yaml
    python scripts/leave_one_out.py --long tests/eval/real/tune.yaml
    python scripts/leave_one_out.py --run 6 tests/eval/real/tune.yaml

Prints today's numbers, then the settings no other setting beats on every count (more right,
fewer wrong, fewer answered without their entry), most right first. Never on the held-out
real questions: the script refuses them.
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
from bot.core.model import Entry, Faq
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
    without_entry: Ranked | None = None  # the same question, its right entries left out


@dataclass(frozen=True, order=True)
class Score:
    right: int
    wrong: int
    out_of_scope: int  # out-of-scope questions answered
    without_entry: int  # questions answered with every right entry left out

    def beats(self, other: Score) -> bool:
        """As good on every count and better on one."""
        return self != other and self.right >= other.right and (
            self.wrong <= other.wrong and self.out_of_scope <= other.out_of_scope
            and self.without_entry <= other.without_entry)

    def __str__(self) -> str:
        return (f"right {self.right}, wrong {self.wrong}, out of scope answered "
                f"{self.out_of_scope}, answered without its entry {self.without_entry}")


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


def without_right_entries(faq: Faq, case: Case) -> Faq:
    kept = tuple(e for e in faq.entries if missing_facts(case, e))
    return Faq(faq.topics, kept, faq.documents)


def _ranked(faq: Faq, case: Case) -> Ranked:
    reader, matching = _ENGINE_PARTS
    engine = Engine(faq, reader, matching)  # type: ignore[arg-type]
    alone = engine.asked_alone(case.q)
    return Ranked(case, engine.on_topic(case.q), engine.rank(case.q, 3),
                  form_of(case.q, engine.read(case.q)), alone.id if alone else None)


def _rank_one(case: Case) -> Ranked:
    faq = without_lifted(_FAQ, case.q, _RUN)
    ranked = _ranked(faq, case)
    if case.expect == "none":
        return ranked
    return replace(ranked, without_entry=_ranked(without_right_entries(faq, case), case))


def _answers(r: Ranked, matching: MatchingConfig) -> Entry | None:
    if not r.top:
        return None
    alone = next((c.entry for c in r.top if c.entry.id == r.alone), None)
    decision = decide(r.top, r.on_topic, matching, r.form, lambda: alone)
    return decision.entry if isinstance(decision, Answer) else None


def score(ranked: list[Ranked], matching: MatchingConfig) -> Score:
    right = wrong = oos = without = 0
    for r in ranked:
        if r.without_entry is not None and _answers(r.without_entry, matching):
            without += 1
        answer = _answers(r, matching)
        if answer is None:
            continue
        if r.case.expect == "none":
            oos += 1
        elif missing_facts(r.case, answer):
            wrong += 1
        else:
            right += 1
    return Score(right, wrong, oos, without)


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
    print(f"today: {score(ranked, today)}")
    scored = {name: score(ranked, matching) for name, matching in grid}
    front = {name: s for name, s in scored.items()
             if not any(other.beats(s) for other in scored.values())}
    shown: set[Score] = set()
    for name, s in sorted(front.items(), key=lambda ns: (-ns[1].right, ns[1])):
        if s not in shown:  # many settings tie: the first of each is enough
            shown.add(s)
            print(f"{name}: {s}")


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
