"""The FAQ as parsed, before it becomes model values: shared by the loader and the rules.

A leaf of the core: the loader, the FAQ rules and the admission path all import it, and it
imports none of them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.glossary import Glossary
from bot.core.lexicon import Lexicon
from bot.core.publishers import Publishers
from bot.core.yaml_marks import MarkedDict


@dataclass(frozen=True, slots=True)
class Located:
    """A YAML mapping and the file it came from."""

    file: str
    data: MarkedDict


@dataclass
class RawFaq:
    """The FAQ as parsed, with line marks, before it becomes model values."""

    topics: list[Located] = field(default_factory=list)
    documents: dict[str, Located] = field(default_factory=dict)
    entries: list[Located] = field(default_factory=list)
    glossary: Glossary = field(default_factory=Glossary)
    lexicon: Lexicon = field(default_factory=Lexicon)
    publishers: Publishers = field(default_factory=Publishers)


def phrasings_at(entry: Located) -> list[tuple[int, str]]:
    """An entry's question and alternates, each with its line."""
    alternates = entry.data["alternates"]
    return [(entry.data.line_of("question"), entry.data["question"]),
            *((alternates.line_of(i), a) for i, a in enumerate(alternates))]


def display_path(path: Path) -> str:
    """Relative to the working directory when possible: what a curator can click."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
