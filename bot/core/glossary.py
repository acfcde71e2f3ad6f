"""faq/glossary.yaml: abbreviations, fillers, greetings and thanks, as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bot.core import schema_check
from bot.core.problems import Problem
from bot.core.text import fold, split_words
from bot.core.yaml_marks import MarkedDict, load_marked

Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Glossary:
    """`expansions`: folded key → (key as written, meaning words), e.g.
    ('dv',) → ((('dv',), ('đảng', 'viên')),). Fillers, greetings, thanks: folded phrases."""

    expansions: dict[Phrase, tuple[tuple[Phrase, Phrase], ...]] = field(default_factory=dict)
    fillers: frozenset[Phrase] = frozenset()
    greetings: frozenset[Phrase] = frozenset()
    thanks: frozenset[Phrase] = frozenset()
    domain_terms: tuple[Phrase, ...] = ()  # as written, with diacritics
    # folded filler → the fillers as written: "nha" (nhé) must not drop a typed "nhà"
    filler_spellings: dict[Phrase, frozenset[Phrase]] = field(default_factory=dict)


def _phrase(text: str) -> Phrase:
    return tuple(fold(w) for w in split_words(text))


def glossary_from_data(data: MarkedDict) -> Glossary:
    """Build from data the schema already checked (faq/schema/glossary.schema.json)."""
    expansions: dict[Phrase, tuple[tuple[Phrase, Phrase], ...]] = {}
    for short, meaning in (data.get("abbreviations") or {}).items():
        written = tuple(split_words(str(short)))
        folded = tuple(fold(w) for w in written)
        expansions[folded] = (*expansions.get(folded, ()), (written, tuple(split_words(meaning))))
    lists = {
        name: frozenset(_phrase(i) for i in data.get(name) or () if _phrase(i))
        for name in ("fillers", "greetings", "thanks")
    }
    terms = data.get("domain_terms") or ()
    domain = tuple(tuple(split_words(t)) for t in terms if split_words(t))
    spellings: dict[Phrase, set[Phrase]] = {}
    for item in data.get("fillers") or ():
        written = tuple(split_words(str(item)))
        if written:
            spellings.setdefault(tuple(fold(w) for w in written), set()).add(written)
    return Glossary(expansions, lists["fillers"], lists["greetings"], lists["thanks"], domain,
                    {k: frozenset(v) for k, v in spellings.items()})


def load_glossary(path: Path, display: str, schema: Path) -> tuple[Glossary, list[Problem]]:
    """No file: an empty glossary. Problems: file:line, and an empty glossary meanwhile."""
    if not path.exists():
        return Glossary(), []
    data, problems = load_marked(path, display)
    if not problems:
        problems = schema_check.check(data, schema, display)
    if problems or not isinstance(data, MarkedDict):
        return Glossary(), problems
    return glossary_from_data(data), []
