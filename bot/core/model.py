"""The FAQ as immutable values: documents, citations, entries, topics."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

DocumentKind = Literal["party", "law", "article"]
DocumentStatus = Literal["in-force", "superseded", "unverified"]
# Who publishes a link (faq/sources/publishers.yaml): Party/State site, legal database,
# newspaper, or anything else.
SourceKind = Literal["official", "legal-db", "press", "other"]


@dataclass(frozen=True, slots=True)
class Document:
    """A regulation, law or article declared once in faq/sources/*.yaml."""

    key: str
    kind: DocumentKind
    title: str
    url: str
    number: str = ""
    date: dt.date | None = None
    effective: dt.date | None = None
    issuer: str = ""
    status: DocumentStatus | None = None
    superseded_by: str = ""
    note: str = ""
    source_kind: SourceKind = "other"  # who publishes `url`

    @property
    def is_in_force_rule(self) -> bool:
        """True for a Party or State document currently in force (articles never are)."""
        return self.kind != "article" and self.status == "in-force"


@dataclass(frozen=True, slots=True)
class Citation:
    """One source of an entry: a document plus the article, clause or section."""

    document: Document
    ref: str
    url: str
    source_kind: SourceKind = "other"  # who publishes `url`

    @property
    def title(self) -> str:
        return self.document.title


@dataclass(frozen=True, slots=True)
class Topic:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    topic: str
    question: str
    alternates: tuple[str, ...]
    answer: str
    sources: tuple[Citation, ...]
    reviewed: dt.date
    related: tuple[str, ...] = ()

    @property
    def phrasings(self) -> tuple[str, ...]:
        """Every way of asking this entry: the canonical question first."""
        return (self.question, *self.alternates)


@dataclass(frozen=True, slots=True)
class Faq:
    """A loaded, validated FAQ. Lookups are built once."""

    topics: tuple[Topic, ...]
    entries: tuple[Entry, ...]
    documents: tuple[Document, ...]
    _by_id: dict[str, Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {e.id: e for e in self.entries})

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def topic(self, topic_id: str) -> Topic | None:
        return next((t for t in self.topics if t.id == topic_id), None)

    def entries_in(self, topic_id: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.topic == topic_id)
