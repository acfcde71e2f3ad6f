"""faq/reading.yaml: the words that tell a letter's question from its story, as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.core.text import fold, split_words
from bot.core.yaml_marks import MarkedDict

Phrase = tuple[str, ...]  # words as written, lower case, with diacritics


@dataclass(frozen=True, slots=True)
class Concept:
    """A situation word: who a story is about ("parent") or what happened ("prison")."""

    kind: str  # "relation" | "condition" | "" (looks like one, is not)
    name: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    salutations: frozenset[Phrase] = frozenset()  # folded
    closings: frozenset[Phrase] = frozenset()  # folded
    cues_ending: frozenset[str] = frozenset()  # single words as written
    cues_anywhere: frozenset[Phrase] = frozenset()  # as written
    # question kind phrase (folded) → kind, e.g. ("bao", "lau") → "duration"
    kinds: dict[Phrase, str] = field(default_factory=dict)
    # situation phrase as written → concept; matched by `situations.find`
    situations: dict[Phrase, Concept] = field(default_factory=dict)
    writer: frozenset[str] = frozenset()  # folded words by which the writer means himself
    # a condition ("abroad") named just after one of these phrases (as written: "hãng" is
    # not the "hàng" of "đơn hàng") is the employer's
    employer_condition: str = ""
    employer: frozenset[Phrase] = frozenset()


def _phrases(items: Any) -> list[Phrase]:
    return [tuple(split_words(str(i))) for i in items or () if split_words(str(i))]


def _folded(items: Any) -> frozenset[Phrase]:
    return frozenset(tuple(fold(w) for w in p) for p in _phrases(items))


def lexicon_from_data(data: MarkedDict) -> Lexicon:
    """Build from data the schema already checked (faq/schema/reading.schema.json)."""
    cues = data.get("question_cues") or {}
    kinds = {
        tuple(fold(w) for w in phrase): kind
        for kind, items in (data.get("question_kinds") or {}).items()
        for phrase in _phrases(items)
    }
    situations: dict[Phrase, Concept] = {}
    for kind, section in (("relation", "relations"), ("condition", "conditions")):
        for name, items in (data.get(section) or {}).items():
            for phrase in _phrases(items):
                situations[phrase] = Concept(kind, str(name))
    for phrase in _phrases(data.get("not_situations")):
        situations[phrase] = Concept("", "")
    return Lexicon(
        salutations=_folded(data.get("salutations")),
        closings=_folded(data.get("closings")),
        cues_ending=frozenset(w for p in _phrases(cues.get("ending")) for w in p),
        cues_anywhere=frozenset(_phrases(cues.get("anywhere"))),
        kinds=kinds,
        situations=situations,
        writer=frozenset(w for p in _folded(data.get("writer")) for w in p),
        employer_condition=str((data.get("employer") or {}).get("condition") or ""),
        employer=frozenset(_phrases((data.get("employer") or {}).get("words"))),
    )
