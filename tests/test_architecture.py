"""The core knows nothing of Telegram or SQLite (STYLE.md: a core that knows nothing)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

CORE = sorted((ROOT / "bot" / "core").glob("*.py"))
FORBIDDEN = {"telegram", "sqlite3", "httpx"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", CORE, ids=[p.name for p in CORE])
def test_core_module_imports_no_telegram_or_sqlite(path: Path) -> None:
    assert imported_modules(path) & FORBIDDEN == set()


def test_core_limit_matches_telegram() -> None:
    from telegram.constants import MessageLimit

    from bot.core.faq_rules import TELEGRAM_MESSAGE_LIMIT

    assert TELEGRAM_MESSAGE_LIMIT == MessageLimit.MAX_TEXT_LENGTH
