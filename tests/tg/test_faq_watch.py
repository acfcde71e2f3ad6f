"""faq/ edited or deleted while the bot runs: good edits go live, broken ones never do."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import Job

from bot.config import Config
from bot.tg import faq_watch
from tests.tg.conftest import DANG_PHI, running
from tests.tg.harness import ADMIN_ID, Harness
from tests.tg.telegram_html import visible_text

QUESTION = "đảng phí bao nhiêu tiền"
NEW_QUESTION = "đảng phí đóng qua ngân hàng được không"
EDITED = DANG_PHI + """\
- id: dong-qua-ngan-hang
  topic: dang-phi
  question: Đảng phí đóng qua ngân hàng được không?
  alternates:
    - chuyển khoản đảng phí được không
  answer: Được, nếu chi bộ đồng ý.
  sources:
    - doc: qd-moi
      ref: Mục 5.2
  reviewed: 2026-11-22
"""


def watch_jobs(harness: Harness) -> list[Job[Any]]:
    assert harness.app.job_queue is not None
    return list(harness.app.job_queue.get_jobs_by_name(faq_watch.JOB_NAME))


def watcher_of(harness: Harness) -> faq_watch.FaqWatcher:
    [job] = watch_jobs(harness)  # post_init scheduled exactly one
    assert isinstance(job.data, faq_watch.FaqWatcher)
    return job.data


async def answer_to(harness: Harness, text: str, user_id: int = 5005) -> str:
    [call] = await harness.private(text, user_id=user_id)
    return visible_text(call.text)


def to_admins(harness: Harness) -> list[str]:
    return [visible_text(c.text) for c in harness.request.of("sendMessage")
            if c.params["chat_id"] == ADMIN_ID]


async def test_a_good_edit_goes_live_at_the_next_check(harness: Harness, faq_dir: Path) -> None:
    watcher = watcher_of(harness)
    assert await watcher.check() is False  # nothing changed yet
    assert not (await answer_to(harness, NEW_QUESTION)).startswith("❓ Đảng phí đóng qua")
    (faq_dir / "dang-phi.yaml").write_text(EDITED, encoding="utf-8")
    assert await watcher.check() is True
    assert (await answer_to(harness, NEW_QUESTION)).startswith("❓ Đảng phí đóng qua ngân hàng")
    assert to_admins(harness) == []


@pytest.mark.parametrize("breakage", ["typo", "deleted-file", "deleted-folder"])
async def test_a_broken_faq_keeps_the_last_good_one_and_tells_the_admins_once(
    harness: Harness, faq_dir: Path, caplog: pytest.LogCaptureFixture, breakage: str
) -> None:
    good = await answer_to(harness, QUESTION)
    assert good.startswith("❓ Đảng phí đóng bao nhiêu")
    if breakage == "typo":
        (faq_dir / "dang-phi.yaml").write_text(DANG_PHI.replace("topic:", "topik:"), "utf-8")
    elif breakage == "deleted-file":
        (faq_dir / "topics.yaml").unlink()
    else:
        shutil.rmtree(faq_dir)
    watcher = watcher_of(harness)
    assert await watcher.check() is False
    assert await answer_to(harness, QUESTION) == good  # still served from the last good FAQ

    [note] = to_admins(harness)
    assert note.startswith("❌ Tệp FAQ vừa sửa có ")
    assert "bot vẫn dùng bản cũ" in note
    broken = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(broken) == 1 and "still serving the last good one" in broken[0].getMessage()

    assert await watcher.check() is False  # looked at again, unchanged: nothing more said
    assert len(to_admins(harness)) == 1
    assert len([r for r in caplog.records if r.levelno == logging.ERROR]) == 1


async def test_fixing_it_again_goes_live(harness: Harness, faq_dir: Path) -> None:
    watcher = watcher_of(harness)
    good_text = (faq_dir / "dang-phi.yaml").read_text(encoding="utf-8")
    (faq_dir / "dang-phi.yaml").write_text("- id: [broken", encoding="utf-8")
    await watcher.check()
    (faq_dir / "dang-phi.yaml").write_text(EDITED, encoding="utf-8")
    assert await watcher.check() is True
    assert (await answer_to(harness, NEW_QUESTION)).startswith("❓ Đảng phí đóng qua ngân hàng")
    (faq_dir / "dang-phi.yaml").write_text(good_text + "\n# again broken: [", encoding="utf-8")
    assert await watcher.check() is True  # a comment is harmless: loads fine
    assert len(to_admins(harness)) == 1  # one note, for the one breakage


async def test_the_admins_get_at_most_ten_problems(harness: Harness, faq_dir: Path) -> None:
    entries = "".join(
        f"- id: muc-{n}\n  topic: khong-co-{n}\n  question: Câu {n}?\n" for n in range(30)
    )
    (faq_dir / "dang-phi.yaml").write_text(entries, encoding="utf-8")
    await watcher_of(harness).check()
    [note] = to_admins(harness)
    shown = [line for line in note.splitlines() if "dang-phi.yaml:" in line]
    assert 1 <= len(shown) <= faq_watch.LOGGED_PROBLEMS
    assert "lỗi khác" in note


async def test_the_watcher_runs_on_its_interval_and_stops_at_shutdown(
    config: Config, faq_dir: Path
) -> None:
    fast = dataclasses.replace(
        config, telegram=dataclasses.replace(config.telegram, faq_check_seconds=0.05)
    )
    async with running(fast) as harness:
        job_queue = harness.app.job_queue
        assert job_queue is not None
        await job_queue.start()  # as Application.start does in run_polling
        try:
            [job] = watch_jobs(harness)
            (faq_dir / "dang-phi.yaml").write_text(EDITED, encoding="utf-8")
            for _ in range(100):
                if len(harness.services.engine.faq.entries) == 6:
                    break
                await asyncio.sleep(0.05)
            assert len(harness.services.engine.faq.entries) == 6
            assert not job.removed and job.next_t is not None  # still scheduled
        finally:
            await job_queue.stop()  # as Application.stop does
    assert not job_queue.scheduler.running


async def test_zero_seconds_turns_the_watcher_off(config: Config) -> None:
    off = dataclasses.replace(
        config, telegram=dataclasses.replace(config.telegram, faq_check_seconds=0)
    )
    async with running(off) as harness:
        assert watch_jobs(harness) == []
