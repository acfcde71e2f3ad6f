"""/lotrinh: the picture with its sources, a button per step, the text version, redrawing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.config import Config
from bot.core import replies
from bot.core.admission_path import load_path
from bot.core.faq_loader import load_faq
from bot.tg import path_replies
from tests.png import png_size
from tests.tg.conftest import copy_real_faq, running, write_faq
from tests.tg.harness import USER_ID, Call, Harness, bot_message, callback
from tests.tg.photos import PhotoRequest
from tests.tg.telegram_html import visible_text

STALE = replies.STALE


@pytest.fixture
def faq_dir(tmp_path: Path) -> Path:
    return copy_real_faq(tmp_path)


@pytest.fixture
async def harness(config: Config, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Harness]:
    monkeypatch.delenv("BOT_HASH_SECRET", raising=False)
    async with running(config, PhotoRequest()) as h:
        yield h


def methods(calls: list[Call]) -> list[str]:
    return [c.method for c in calls]


def edit_path(faq_dir: Path, old: str, new: str) -> None:
    file = faq_dir / "path.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


async def test_lotrinh_sends_the_picture_with_sources_and_a_button_per_step(
    harness: Harness, faq_dir: Path
) -> None:
    calls = await harness.private("/lotrinh")
    assert methods(calls) == ["sendPhoto"]
    [png] = harness.request.uploads
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png_size(png)[0] == 1080
    caption = visible_text(calls[0].params["caption"])
    assert caption.startswith("Lộ trình kết nạp Đảng")
    assert "Nguồn: " in caption and "294-QĐ/TW (2025)" in caption and "Điều lệ Đảng" in caption
    faq, _ = load_faq(faq_dir)
    path = load_path(faq_dir, faq)
    assert path is not None
    assert "hãy hỏi chi bộ" in caption and f"cập nhật {path.reviewed:%d/%m/%Y}" in caption
    assert calls[0].callback_data() == [
        *(f"a:{step.entry_id}" for step in path.steps), "p:chu", "k:batdau"]
    labels = [b["text"] for b in calls[0].buttons]
    assert labels[7] == "8. Quyết định kết nạp"


async def test_the_same_picture_is_sent_again_by_file_id(harness: Harness) -> None:
    await harness.private("/lotrinh")
    again = await harness.private("/lotrinh")
    assert again[0].params["photo"] == "photo-1"  # the largest size Telegram returned
    assert len(harness.request.uploads) == 1


async def test_a_changed_deadline_is_redrawn_and_uploaded(
    harness: Harness, faq_dir: Path, config: Config
) -> None:
    await harness.private("/lotrinh")
    edit_path(faq_dir, "      amount: 60\n", "      amount: 30\n")
    calls = await harness.private("/lotrinh")
    assert methods(calls) == ["sendPhoto"] and "photo" not in calls[0].params  # uploaded
    first, second = harness.request.uploads
    assert first != second
    pictures = sorted(p.name for p in (config.storage.path.parent / "cache").iterdir())
    assert len(pictures) == 1  # the old picture was dropped from the cache
    text = await harness.send(callback("p:chu"))
    assert "30 ngày làm việc kể từ nghị quyết chi bộ" in visible_text(text[1].text)


async def test_a_step_button_opens_its_entry(harness: Harness) -> None:
    calls = await harness.send(callback("a:thoi-han-quyet-dinh"))
    assert methods(calls) == ["answerCallbackQuery", "sendMessage"]
    text = visible_text(calls[1].text)
    assert text.startswith("❓ Chi bộ đề nghị rồi thì bao lâu có quyết định kết nạp?")
    assert "60 ngày làm việc" in text


async def test_the_text_version_button(harness: Harness) -> None:
    calls = await harness.send(callback("p:chu", on=bot_message(USER_ID, 31)))
    assert methods(calls) == ["answerCallbackQuery", "sendMessage"]
    text = visible_text(calls[1].text)
    assert text.startswith("Lộ trình kết nạp Đảng")
    assert "1. Vào danh sách cảm tình Đảng" in text
    assert "11. Công nhận đảng viên chính thức" in text
    assert "Thời hạn: 12 tháng kể từ ngày lễ kết nạp" in text
    assert "p:chu" not in calls[1].callback_data()  # no button for what is already shown
    assert "a:du-bi-bao-lau" in calls[1].callback_data()


async def test_lotrinh_chu_sends_the_text_straight_away(harness: Harness) -> None:
    calls = await harness.private("/lotrinh chu")
    assert methods(calls) == ["sendMessage"]
    assert "Ai làm: Cấp ủy có thẩm quyền" in visible_text(calls[0].text)


async def test_a_broken_path_file_gets_a_short_reply(
    harness: Harness, faq_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    edit_path(faq_dir, "entry: du-bi-bao-lau", "entry: khong-co")
    calls = await harness.private("/lotrinh")
    assert methods(calls) == ["sendMessage"]
    assert calls[0].text == path_replies.NO_PATH
    assert "faq/path.yaml is broken" in caplog.text


async def test_a_faq_without_a_path_file(tmp_path: Path, config: Config) -> None:
    small = write_faq(tmp_path / "small")
    async with running(Config(faq_dir=small, storage=config.storage), PhotoRequest()) as h:
        assert (await h.private("/lotrinh"))[0].text == path_replies.NO_PATH
        text = await h.send(callback("p:chu"))
        assert methods(text) == ["answerCallbackQuery", "sendMessage"]
        assert text[1].text == path_replies.NO_PATH


async def test_empty_callback_data_is_still_stale(harness: Harness) -> None:
    """PTB lets empty data match every pattern; our handlers must not act on it."""
    calls = await harness.send(callback(""))
    assert methods(calls) == ["answerCallbackQuery"]
    assert calls[0].params["text"] == STALE
