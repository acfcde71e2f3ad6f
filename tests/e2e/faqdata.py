"""Test inputs chosen with the engine itself, so the tests follow the FAQ as it grows.

The end-to-end tests check the Telegram layer; which entry answers which question is the
engine's business (and its own tests'). Here we only ask it for a question that it answers,
one it is unsure about, and so on — then check the bot delivers exactly that.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from bot.config import Config, load_config
from bot.core.decision import Answer, Suggest
from bot.core.engine import Engine
from bot.core.model import Entry

VAGUE_QUERIES = ("đảng phí", "lý lịch", "người giới thiệu", "dự bị", "học lớp", "hồ sơ",
                 "điều kiện", "công đoàn")


@cache
def engine(config_path: Path) -> Engine:
    config = load_config(config_path)
    return Engine.load(config.faq_dir, config.matching)


def answered(config_path: Path, count: int) -> list[Entry]:
    """Entries whose own question gets them as the answer, shortest answers first."""
    eng = engine(config_path)
    hits = [e for e in eng.faq.entries
            if isinstance(d := eng.ask(e.question), Answer) and d.entry.id == e.id]
    assert len(hits) >= count, f"only {len(hits)} entries answer their own question"
    return sorted(hits, key=lambda e: (len(e.answer), e.id))[:count]


def vague(config_path: Path) -> tuple[str, Suggest]:
    """A question the engine is unsure about, with its 2-3 candidates."""
    eng = engine(config_path)
    for query in VAGUE_QUERIES:
        decision = eng.ask(query)
        if isinstance(decision, Suggest) and len(decision.candidates) >= 2:
            return query, decision
    raise AssertionError(f"none of {VAGUE_QUERIES} gets a suggestion any more; add one")


def shows_source(text: str, entry: Entry) -> bool:
    """The reply carries the entry's source line(s) and its reviewed date."""
    refs = all(citation.ref in text for citation in entry.sources)
    reviewed: dt.date = entry.reviewed
    dated = reviewed.strftime("%d/%m/%Y") in text or reviewed.isoformat() in text
    return refs and dated


@cache
def engine_config(config_path: Path) -> Config:
    return load_config(config_path)
