"""Does an entry speak to the situation a message describes?

A confident answer about another situation is the worst answer the bot can give: "married
to a foreigner, can I join?" answered with "foreigners cannot join" tells a Vietnamese worker
the opposite of the truth. The reader pairs each thing that happened (prison, abroad) with
whom it happened to (a father, a wife, or the writer); an entry's phrasings give the pairs
it speaks of. An entry fits when it speaks of at least one of the message's pairs, and the
message names what the entry is about: "xin ra khỏi Đảng rồi có kết nạp lại được không" is
not answered by the entry on rejoining after prison, though both speak of leaving the Party.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from bot.core.reading import Pair

ANY_RELATIVE = "relative"  # "người thân": stands for any relation, and any relation for it
SITUATIONAL_SHARE = 0.5  # an entry most of whose phrasings name a condition is about it
# A condition named by nearly every phrasing is what the entry is about: a message naming
# other conditions but not this one describes another situation. Read leave-one-out on the
# tuning part: right 45 -> 46, wrong 2 -> 1, answered without its entry 3 -> 2 (2026-12-01).
DEFINING_SHARE = 0.8


class _Clause(Protocol):
    @property
    def pairs(self) -> tuple[Pair, ...]: ...

    @property
    def relations(self) -> frozenset[str]: ...


class _Message(Protocol):
    @property
    def pairs(self) -> frozenset[Pair]: ...

    @property
    def focus_relations(self) -> frozenset[str]: ...


@dataclass(frozen=True, slots=True)
class SituationProfile:
    pairs: frozenset[Pair]
    relations: frozenset[str]
    situational: bool  # most phrasings name something that happened
    relational: bool = False  # most phrasings name a relative: the entry is about them
    defining: frozenset[str] = frozenset()  # conditions nearly every phrasing names

    @classmethod
    def of(cls, phrasings: Iterable[_Clause]) -> SituationProfile:
        clauses = list(phrasings)
        naming = sum(1 for c in clauses if c.pairs)
        relatives = sum(1 for c in clauses if c.relations)
        named = Counter(condition for c in clauses for condition in {k for _, k in c.pairs})
        return cls(
            pairs=frozenset(p for c in clauses for p in c.pairs),
            relations=frozenset(r for c in clauses for r in c.relations),
            situational=bool(clauses) and naming / len(clauses) >= SITUATIONAL_SHARE,
            relational=bool(clauses) and relatives / len(clauses) >= SITUATIONAL_SHARE,
            defining=frozenset(k for k, n in named.items()
                               if n >= DEFINING_SHARE * len(clauses)),
        )


def fits(message: _Message, entry: SituationProfile) -> bool:
    if message.pairs:
        if not entry.defining <= {condition for _, condition in message.pairs}:
            return False
        return any(_covers(entry.pairs, pair) for pair in message.pairs)
    if entry.situational:
        return False  # a general question is not answered with one particular situation
    # "mẹ em có bị thẩm tra không": an entry about other relatives is another question;
    # one that names a relative in passing ("bố em 62 tuổi") is not about relatives.
    asked = message.focus_relations - {ANY_RELATIVE}
    return not entry.relational or not asked or bool(asked & entry.relations) or (
        ANY_RELATIVE in entry.relations)


def _covers(pairs: frozenset[Pair], pair: Pair) -> bool:
    relation, condition = pair
    if pair in pairs:
        return True
    if relation is None:
        return False  # the writer's own situation is not a relative's
    if relation == ANY_RELATIVE:
        return any(r is not None and c == condition for r, c in pairs)
    return (ANY_RELATIVE, condition) in pairs
