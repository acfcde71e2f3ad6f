"""faq/glossary.yaml: abbreviations, fillers, greetings and thanks, as data."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def glossary_from_data(data: Any, display: str) -> tuple[Glossary, list[Problem]]:
    if not isinstance(data, MarkedDict):
        return Glossary(), [Problem(display, 1, "glossary.yaml phải có các mục "
                                    "abbreviations, fillers, greetings, thanks")]
    problems: list[Problem] = []
    expansions: dict[Phrase, tuple[tuple[Phrase, Phrase], ...]] = {}
    abbreviations = data.get("abbreviations") or {}
    if not isinstance(abbreviations, dict):
        problems.append(Problem(display, data.line_of("abbreviations"),
                                "'abbreviations' phải là các dòng 'viết tắt: nghĩa đầy đủ'"))
        abbreviations = {}
    for short, meaning in abbreviations.items():
        line = abbreviations.line_of(short) if isinstance(abbreviations, MarkedDict) else 1
        if not isinstance(meaning, str) or not meaning.strip():
            problems.append(Problem(display, line, f"'{short}' cần nghĩa đầy đủ (văn bản)"))
            continue
        written = tuple(split_words(str(short)))
        folded = tuple(fold(w) for w in written)
        expansions[folded] = (*expansions.get(folded, ()), (written, tuple(split_words(meaning))))
    lists = {}
    for name in ("fillers", "greetings", "thanks"):
        items = data.get(name) or []
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            problems.append(Problem(display, data.line_of(name),
                                    f"'{name}' phải là danh sách văn bản ('- ...')"))
            items = []
        lists[name] = frozenset(_phrase(i) for i in items if _phrase(i))
    terms = data.get("domain_terms") or []
    if not isinstance(terms, list) or not all(isinstance(t, str) for t in terms):
        problems.append(Problem(display, data.line_of("domain_terms"),
                                "'domain_terms' phải là danh sách văn bản ('- ...')"))
        terms = []
    domain = tuple(tuple(split_words(t)) for t in terms if split_words(t))
    spellings: dict[Phrase, set[Phrase]] = {}
    for item in data.get("fillers") or [] if isinstance(data.get("fillers"), list) else []:
        written = tuple(split_words(str(item)))
        if written:
            spellings.setdefault(tuple(fold(w) for w in written), set()).add(written)
    glossary = Glossary(expansions, lists["fillers"], lists["greetings"], lists["thanks"], domain,
                        {k: frozenset(v) for k, v in spellings.items()})
    return glossary, problems


def load_glossary(path: Path, display: str) -> tuple[Glossary, list[Problem]]:
    if not path.exists():
        return Glossary(), []
    data, problems = load_marked(path, display)
    if problems:
        return Glossary(), problems
    return glossary_from_data(data, display)
