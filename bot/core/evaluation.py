"""Runs a question set (the format of shared/eval/dev.yaml) through the engine."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

from bot.core.decision import Answer, Suggest
from bot.core.engine import LETTER_CHARS, Engine
from bot.core.markup import to_plain
from bot.core.model import Entry
from bot.core.text import fold

Outcome = Literal["correct", "wrong", "suggest", "none", "declined", "answered_out_of_scope"]


class EvalFileError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Case:
    q: str
    expect: Literal["answer", "none"]
    facts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Result:
    q: str
    outcome: Outcome
    id: str | None
    score: float | None
    missing: tuple[str, ...] = ()
    offered: bool = False  # a suggestion whose buttons include a right answer


@dataclass
class Report:
    results: list[Result] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(r.outcome == outcome for r in self.results)

    @property
    def in_scope(self) -> int:
        return sum(r.outcome in ("correct", "wrong", "suggest", "none") for r in self.results)

    @property
    def out_of_scope(self) -> int:
        return len(self.results) - self.in_scope

    def summary(self) -> dict[str, Any]:
        n = max(self.in_scope, 1)
        long = [r for r in self.results if len(r.q) > LETTER_CHARS
                and r.outcome in ("correct", "wrong", "suggest", "none")]
        long_wrong = sum(r.outcome == "wrong" for r in long)
        return {
            "in_scope": self.in_scope,
            "correct": self.count("correct"),
            "wrong": self.count("wrong"),
            "suggest": self.count("suggest"),
            "none": self.count("none"),
            "correct_rate": round(self.count("correct") / n, 3),
            "wrong_rate": round(self.count("wrong") / n, 3),
            "out_of_scope": self.out_of_scope,
            "out_of_scope_answered": self.count("answered_out_of_scope"),
            "suggest_offered": sum(r.offered for r in self.results),
            "long_in_scope": len(long),
            "long_correct": sum(r.outcome == "correct" for r in long),
            "long_wrong": long_wrong,
            "long_wrong_rate": round(long_wrong / max(len(long), 1), 3),
        }

    def to_json(self) -> dict[str, Any]:
        return {"summary": self.summary(), "results": [asdict(r) for r in self.results]}


def load_cases(path: Path) -> list[Case]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise EvalFileError(f"{path}: cannot read the question set ({exc})") from exc
    if not isinstance(data, list):
        raise EvalFileError(f"{path}: expected a list of cases")
    cases = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("q"), str):
            raise EvalFileError(f"{path}: every case needs a 'q' string: {item!r}")
        expect = item.get("expect", "answer")
        cases.append(Case(item["q"], expect, tuple(item.get("facts") or ())))
    return cases


def _checkable(text: str) -> str:
    return fold(text.lower())


def evaluate(engine: Engine, cases: list[Case]) -> Report:
    report = Report()
    for case in cases:
        report.results.append(_run(engine, case))
    return report


def _run(engine: Engine, case: Case) -> Result:
    decision = engine.ask(case.q)
    if isinstance(decision, Answer):
        entry_id, score = decision.entry.id, decision.score
        if case.expect == "none":
            return Result(case.q, "answered_out_of_scope", entry_id, score)
        missing = missing_facts(case, decision.entry)
        return Result(case.q, "wrong" if missing else "correct", entry_id, score, missing)
    best = decision.candidates[0] if isinstance(decision, Suggest) else decision.best
    best_id, best_score = (best.entry.id, best.score) if best else (None, None)
    if case.expect == "none":
        return Result(case.q, "declined", best_id, best_score)
    if isinstance(decision, Suggest):
        offered = any(not missing_facts(case, c.entry) for c in decision.candidates)
        return Result(case.q, "suggest", best_id, best_score, offered=offered)
    return Result(case.q, "none", best_id, best_score)


def missing_facts(case: Case, entry: Entry) -> tuple[str, ...]:
    """The facts a right answer must contain that this entry's answer lacks."""
    text = _checkable(f"{entry.question}\n{to_plain(entry.answer)}")
    return tuple(p for p in case.facts if not re.search(p, text))


def format_report(report: Report) -> str:
    s = report.summary()
    failing = [r for r in report.results if r.outcome not in ("correct", "declined")]
    lines = [f"{r.outcome:>22}  {r.id or '-':<28} {r.score or 0:5.1f}  {r.q}"
             + (f"  (thiếu: {', '.join(r.missing)})" if r.missing else "") for r in failing]
    lines += [
        "",
        (f"Trong phạm vi: {s['in_scope']} câu — đúng {s['correct']} ({s['correct_rate']:.1%}), "
         f"sai {s['wrong']} ({s['wrong_rate']:.1%}), gợi ý {s['suggest']} "
         f"(có nút đúng: {s['suggest_offered']}), không khớp {s['none']}"),
        (f"Tin dài (trên {LETTER_CHARS} ký tự): {s['long_in_scope']} câu — đúng "
         f"{s['long_correct']}, sai {s['long_wrong']} ({s['long_wrong_rate']:.1%})"),
        (f"Ngoài phạm vi: {s['out_of_scope']} câu — bị trả lời nhầm "
         f"{s['out_of_scope_answered']}"),
    ]
    return "\n".join(lines)
