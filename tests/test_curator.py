"""The code path Telegram and the CLI share: groups, edits, the audit log, undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.engine import Engine
from bot.core.settings import MatchingConfig
from bot.curation.review import STORAGE_DOWN, Curator, Done, Refused
from bot.store.storage import Storage

ADMIN = "a" * 64


@pytest.fixture
def curator(faq_copy: Path, tmp_path: Path) -> Curator:
    storage = Storage(tmp_path / "bot.sqlite3", retention_days=30)
    yield Curator(faq_copy, MatchingConfig(), storage)
    storage.close()


@pytest.fixture
def engine(faq_copy: Path) -> Engine:
    return Engine.load(faq_copy, MatchingConfig())


async def test_a_change_the_log_cannot_record_is_put_back(
    curator: Curator, faq_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (faq_copy / "dieu-kien.yaml").read_bytes()
    monkeypatch.setattr(curator.storage, "add_change", lambda change: None)
    outcome = await curator.add_phrasing("tuoi", "tuổi vào đảng tính theo tháng à", ADMIN)
    assert outcome == Refused(STORAGE_DOWN)
    assert (faq_copy / "dieu-kien.yaml").read_bytes() == before


async def test_a_group_added_leaves_review_and_undo_brings_it_back(
    curator: Curator, engine: Engine, faq_copy: Path
) -> None:
    for text in ("tuổi đảng tính từ khi nào", "tuoi dang tinh tu khi nao"):
        curator.storage.record_miss("u", text, "no_match", None)
    [group] = await curator.groups(engine) or []
    outcome = await curator.add_from_group(engine, group.anchor, "tuoi", ADMIN)
    assert isinstance(outcome, Done) and outcome.engine is not None
    assert await curator.groups(engine) == []
    assert isinstance(await curator.add_from_group(engine, group.anchor, "tuoi", ADMIN), Refused)
    undone = await curator.undo(outcome.change_id, ADMIN)
    assert isinstance(undone, Done) and undone.action == "undo"
    assert [g.count for g in await curator.groups(engine) or []] == [2]
    assert await curator.undo(outcome.change_id, ADMIN) == Refused(
        "thay đổi này đã được hoàn tác rồi.")
    assert await curator.undo(undone.change_id, ADMIN) == Refused(
        "không có thay đổi này để hoàn tác.")
    log = curator.storage.changes() or []
    assert [(c.action, c.admin, c.entry_id) for c in log] == [
        ("undo", ADMIN, "tuoi"), ("add_phrasing", ADMIN, "tuoi")]


async def test_dismiss_and_its_undo(curator: Curator, engine: Engine) -> None:
    curator.storage.record_miss("u", "giá vàng hôm nay", "no_match", None)
    [group] = await curator.groups(engine) or []
    dismissed = await curator.dismiss(engine, group.anchor, ADMIN)
    assert isinstance(dismissed, Done) and dismissed.file == ""
    assert await curator.groups(engine) == []
    await curator.undo(dismissed.change_id, ADMIN)
    assert len(await curator.groups(engine) or []) == 1
