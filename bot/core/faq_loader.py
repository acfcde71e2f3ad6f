"""Reads faq/ into a validated `Faq`, or the list of problems a curator must fix."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.core import admission_path, faq_rules, schema_check, situation_rules, source_rules
from bot.core.glossary import load_glossary
from bot.core.lexicon import Lexicon, lexicon_from_data
from bot.core.model import Citation, Document, Entry, Faq, Topic
from bot.core.normalize import Normalizer
from bot.core.problems import FaqError, Problem
from bot.core.publishers import Publishers
from bot.core.raw_faq import Located, RawFaq, display_path
from bot.core.reading import Reader
from bot.core.yaml_marks import MarkedDict, MarkedList, load_marked

TOPICS_FILE = "topics.yaml"
GLOSSARY_FILE = "glossary.yaml"
READING_FILE = "reading.yaml"
SOURCES_DIR = "sources"
PUBLISHERS_FILE = "publishers.yaml"  # in SOURCES_DIR: domain -> class, not documents
SCHEMA_DIR = "schema"


@dataclass(frozen=True, slots=True)
class FaqReport:
    """What `validate` shows: the FAQ (None when broken), its errors and its warnings."""

    faq: Faq | None
    reader: Reader
    problems: list[Problem]
    warnings: list[Problem]


def load_faq(faq_dir: Path, today: dt.date | None = None) -> tuple[Faq, Reader]:
    """The valid FAQ and the reader of questions; raises FaqError listing every problem."""
    faq, reader, problems = read_faq(faq_dir, today)
    if problems or faq is None:
        raise FaqError(problems or [Problem(display_path(faq_dir), 1, "FAQ trống")])
    return faq, reader


def read_faq(
    faq_dir: Path, today: dt.date | None = None
) -> tuple[Faq | None, Reader, list[Problem]]:
    report = read_faq_report(faq_dir, today)
    return report.faq, report.reader, report.problems


def read_faq_report(faq_dir: Path, today: dt.date | None = None) -> FaqReport:
    """The FAQ with every error and warning; errors leave `faq` None."""
    raw, problems = _parse(faq_dir)
    normalizer = Normalizer(raw.glossary)
    reader = Reader(normalizer, raw.lexicon)
    if problems:  # structure is broken: semantic rules would only add noise
        return FaqReport(None, reader, problems, [])
    problems = faq_rules.check(raw, normalizer, today or dt.date.today())
    problems += admission_path.check_raw(faq_dir, raw)  # faq/path.yaml, if there is one
    link_errors, warnings = source_rules.check(raw)
    problems += link_errors
    warnings += situation_rules.check(raw, reader)
    return FaqReport(None if problems else _build(raw), reader, problems, warnings)


def _parse(faq_dir: Path) -> tuple[RawFaq, list[Problem]]:
    raw, problems = RawFaq(), []
    if not faq_dir.is_dir():
        return raw, [Problem(display_path(faq_dir), 1, "không tìm thấy thư mục FAQ")]
    schemas = faq_dir / SCHEMA_DIR
    topics_path = faq_dir / TOPICS_FILE
    data, found = _load(topics_path, schemas / "topics.schema.json")
    problems += found
    if isinstance(data, MarkedList):
        raw.topics = _mappings(data, display_path(topics_path))
    glossary = faq_dir / GLOSSARY_FILE
    raw.glossary, found = load_glossary(glossary, display_path(glossary),
                                        schemas / "glossary.schema.json")
    problems += found
    reading = faq_dir / READING_FILE
    raw.lexicon, found = load_lexicon(reading, schemas / "reading.schema.json")
    problems += found
    publishers_path = faq_dir / SOURCES_DIR / PUBLISHERS_FILE
    data, found = _load(publishers_path, schemas / "publishers.schema.json")
    problems += found
    raw.publishers = Publishers.from_yaml(data)
    for path in sorted((faq_dir / SOURCES_DIR).glob("*.yaml")):
        if path.name == PUBLISHERS_FILE:
            continue
        data, found = _load(path, schemas / "sources.schema.json")
        problems += found
        for key, doc in (data or {}).items() if isinstance(data, MarkedDict) else ():
            if key in raw.documents:
                other = raw.documents[key]
                problems.append(Problem(display_path(path), data.line_of(key),
                                        f"văn bản '{key}' đã khai báo ở {other.file}:"
                                        f"{other.data.line}; mỗi văn bản chỉ khai báo một lần"))
            elif isinstance(doc, MarkedDict):
                raw.documents[key] = Located(display_path(path), doc)
    for path in entry_files(faq_dir):
        data, found = _load(path, schemas / "entries.schema.json")
        problems += found
        if isinstance(data, MarkedList):
            raw.entries += _mappings(data, display_path(path))
    return raw, problems


def load_lexicon(path: Path, schema: Path) -> tuple[Lexicon, list[Problem]]:
    """faq/reading.yaml; without it the bot reads every message whole."""
    if not path.exists():
        return Lexicon(), []
    data, problems = _load(path, schema)
    if problems or not isinstance(data, MarkedDict):
        return Lexicon(), problems or [Problem(display_path(path), 1, (
            "reading.yaml phải gồm các mục 'tên: giá trị' như salutations, relations"))]
    return lexicon_from_data(data), []


def entry_files(faq_dir: Path) -> list[Path]:
    """The topic files holding entries (faq/*.yaml, not subfolders such as drafts/)."""
    skip = {TOPICS_FILE, GLOSSARY_FILE, READING_FILE, admission_path.PATH_FILE}
    return [p for p in sorted(faq_dir.glob("*.yaml")) if p.name not in skip]


def _load(path: Path, schema: Path) -> tuple[Any, list[Problem]]:
    display = display_path(path)
    if not path.exists():
        return None, [Problem(display, 1, "thiếu tệp này; tạo lại theo faq/README.md")]
    data, problems = load_marked(path, display)
    if problems:
        return None, problems
    if data is None:
        return None, [Problem(display, 1, "tệp trống")]
    return data, schema_check.check(data, schema, display)


def _mappings(items: MarkedList, file: str) -> list[Located]:
    """The list's mappings (the schema has reported anything else at its line)."""
    return [Located(file, item) for item in items if isinstance(item, MarkedDict)]


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _document(key: str, data: MarkedDict, publishers: Publishers) -> Document:
    return Document(
        key=key, kind=data["kind"], title=data["title"], url=data["url"],
        number=data.get("number", ""), date=_date(data.get("date")),
        effective=_date(data.get("effective")), issuer=data.get("issuer", ""),
        status=data.get("status"), superseded_by=data.get("superseded_by", ""),
        note=data.get("note", ""), source_kind=publishers.kind_of(data["url"]),
    )


def _citation(source: MarkedDict, documents: dict[str, Document],
              publishers: Publishers) -> Citation:
    document = documents[source["doc"]]
    url = source.get("url") or document.url
    return Citation(document, source["ref"], url, publishers.kind_of(url))


def _entry(data: MarkedDict, documents: dict[str, Document], publishers: Publishers) -> Entry:
    citations = tuple(_citation(s, documents, publishers) for s in data["sources"])
    return Entry(
        id=data["id"], topic=data["topic"], question=data["question"].strip(),
        alternates=tuple(a.strip() for a in data["alternates"]), answer=data["answer"].strip(),
        sources=citations, reviewed=_date(data["reviewed"]) or dt.date.min,
        related=tuple(data.get("related") or ()),
    )


def _build(raw: RawFaq) -> Faq:
    documents = {key: _document(key, loc.data, raw.publishers)
                 for key, loc in raw.documents.items()}
    topics = tuple(Topic(t.data["id"], t.data["name"]) for t in raw.topics)
    order = {t.id: i for i, t in enumerate(topics)}
    entries = sorted((_entry(e.data, documents, raw.publishers) for e in raw.entries),
                     key=lambda e: order.get(e.topic, len(order)))
    return Faq(topics=topics, entries=tuple(entries), documents=tuple(documents.values()))
