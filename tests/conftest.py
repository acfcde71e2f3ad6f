from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.settings import MatchingConfig

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_FAQ = ROOT / "tests" / "fixtures" / "faq"


@pytest.fixture
def faq_copy(tmp_path: Path) -> Path:
    """A writable copy of the small fixture FAQ, for tests that break it on purpose."""
    target = tmp_path / "faq"
    shutil.copytree(FIXTURE_FAQ, target)
    return target


@pytest.fixture(scope="session")
def small_engine() -> Engine:
    return Engine.load(FIXTURE_FAQ, MatchingConfig())


@pytest.fixture(scope="session")
def real_engine() -> Engine:
    return Engine.load(ROOT / "faq", MatchingConfig())
