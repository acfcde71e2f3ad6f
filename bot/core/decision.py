"""What the engine decides for one question: a value, never an exception."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.core.model import Entry

NoMatchReason = Literal["empty", "greeting", "thanks", "no_match"]


@dataclass(frozen=True, slots=True)
class Candidate:
    entry: Entry
    score: float  # 0-100
    fits: bool = True  # speaks to the situation the message describes


@dataclass(frozen=True, slots=True)
class Answer:
    """One entry is a confident match; `also` answers a second question in the message."""

    entry: Entry
    score: float
    also: Entry | None = None


@dataclass(frozen=True, slots=True)
class Suggest:
    """Unsure, or two entries are close: offer these 2-3 questions."""

    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class NoMatch:
    """Nothing to answer from the FAQ; `reason` tells the reply what to say."""

    reason: NoMatchReason
    best: Candidate | None = None


Decision = Answer | Suggest | NoMatch
