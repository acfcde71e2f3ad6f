"""Questions the FAQ missed, grouped by need: the same need asked ten ways is one group.

Two questions are alike when they share the words that matter: the matcher's features
(words and word pairs, abbreviations spelled out, polite fillers dropped, folded),
each weighted by how telling it is, so "đảng" or "được" count little and "lương" or
"nghỉ phép" a lot. Similarity is the weighted Dice coefficient of the two feature sets.
A question joins the group it is most alike, if alike enough; a 👎's follow-up ("what did
you need?") always joins the group of its 👎.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bot.core.engine import Engine
from bot.core.model import Entry

SIMILAR = 0.5  # weighted Dice at or above this: the same need
PROTOTYPES = 8  # a question is compared with at most this many members of each group
CLOSEST = 3  # entries offered per group
CLOSEST_FLOOR = 15.0  # below this score an entry is not worth offering
# The normaliser reads a doubled letter typed without diacritics as a stretched one ("huu"
# → "hu") but keeps "hưu": compare folded features with every run of a letter collapsed.
_RUNS = re.compile(r"(\w)\1+")


class Asked(Protocol):
    """A stored miss as the grouping sees it (bot.store.storage.Miss fits)."""

    @property
    def id(self) -> int: ...
    @property
    def at(self) -> dt.datetime: ...
    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def parent(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class MissGroup:
    anchor: int  # id of the oldest member: names the group in buttons while it lives
    question: str  # the wording most alike the others: what ➕ adds
    members: tuple[Asked, ...]
    closest: tuple[Entry, ...]

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def downvotes(self) -> int:
        return sum(m.kind == "downvote" for m in self.members)

    @property
    def last_asked(self) -> dt.datetime:
        return max(m.at for m in self.members)

    @property
    def first_asked(self) -> dt.datetime:
        return min(m.at for m in self.members)

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(m.id for m in self.members)

    @property
    def wordings(self) -> tuple[str, ...]:
        """Distinct wordings, the group's question first."""
        seen: dict[str, str] = {_key(self.question): self.question}
        for member in reversed(self.members):
            seen.setdefault(_key(member.text), member.text)
        return tuple(seen.values())


@dataclass(slots=True)
class _Forming:
    members: list[Asked] = field(default_factory=list)
    features: list[dict[str, float]] = field(default_factory=list)


def similarity(a: dict[str, float], b: dict[str, float]) -> float:
    """Weighted Dice: 2 × shared weight / total weight, 0 to 1."""
    total = sum(a.values()) + sum(b.values())
    if not total:
        return 0.0
    shared = sum(min(weight, b[feature]) for feature, weight in a.items() if feature in b)
    return 2 * shared / total


def group_misses(misses: Sequence[Asked], engine: Engine) -> list[MissGroup]:
    """Groups, most asked first (then most recent); `misses` oldest first."""
    forming: list[_Forming] = []
    where: dict[int, _Forming] = {}
    for miss in misses:
        features = _features(engine, miss.text)
        home = where.get(miss.parent) if miss.parent is not None else None
        if home is None:
            home = _most_alike(features, forming)
        if home is None:
            home = _Forming()
            forming.append(home)
        home.members.append(miss)
        home.features.append(features)
        where[miss.id] = home
    groups = [_finish(f, engine) for f in forming]
    return sorted(groups, key=lambda g: (-g.count, -g.last_asked.timestamp(), g.anchor))


def _features(engine: Engine, text: str) -> dict[str, float]:
    merged: dict[str, float] = {}
    for feature, weight in engine.features(text).items():
        key = _RUNS.sub(r"\1", feature)
        merged[key] = max(weight, merged.get(key, 0.0))
    return merged


def find_group(groups: Sequence[MissGroup], anchor: int) -> MissGroup | None:
    return next((g for g in groups if g.anchor == anchor), None)


def _most_alike(features: dict[str, float], forming: list[_Forming]) -> _Forming | None:
    best, best_score = None, SIMILAR
    for group in forming:
        score = max(similarity(features, f) for f in group.features[:PROTOTYPES])
        if score >= best_score:
            best, best_score = group, score
    return best


def _finish(forming: _Forming, engine: Engine) -> MissGroup:
    members, features = forming.members, forming.features
    # The member most alike the others (the latest on a tie) speaks for the group.
    centrality = [
        (sum(similarity(f, g) for g in features), index) for index, f in enumerate(features)
    ]
    _, central = max(centrality)
    question = members[central].text
    closest = tuple(
        c.entry for c in engine.rank(question, CLOSEST) if c.score >= CLOSEST_FLOOR
    )
    return MissGroup(members[0].id, question, tuple(members), closest)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())
