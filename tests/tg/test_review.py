"""Admins turn missed questions into answers inside Telegram: /misses and its buttons,
undo, /changes, /stats as a picture, the 👎 follow-up, tapped suggestions, the digest."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.config import Config
from bot.core.faq_loader import read_faq
from bot.core.replies import STALE
from bot.tg import digest
from tests.png import png_size
from tests.tg.conftest import running
from tests.tg.harness import (
    ADMIN_ID,
    USER_ID,
    Call,
    Harness,
    bot_message,
    callback,
    message,
    update_with,
)
from tests.tg.photos import PhotoRequest
from tests.tg.telegram_html import visible_text

MISSED = "tuổi đảng tính từ khi nào"  # the test FAQ has no answer; closest: tuoi-vao-dang
OTHER_ADMIN = 4343


@pytest.fixture
def two_admins(config: Config) -> Config:
    import dataclasses

    telegram = dataclasses.replace(config.telegram, admins=(ADMIN_ID, OTHER_ADMIN))
    return dataclasses.replace(config, telegram=telegram)


async def misses(harness: Harness) -> list[Call]:
    calls = await harness.private("/misses", user_id=ADMIN_ID)
    assert {c.method for c in calls} == {"sendMessage"}
    return calls


def button(call: Call, starts: str) -> str:
    [data] = [b["callback_data"] for b in call.buttons if b["text"].startswith(starts)]
    return str(data)


async def tap(harness: Harness, data: str, user_id: int = ADMIN_ID) -> list[Call]:
    return await harness.send(callback(data, user_id=user_id, on=bot_message(user_id, 77)))


async def test_a_miss_becomes_an_answer_in_two_taps(harness: Harness, faq_dir: Path) -> None:
    path = faq_dir / "dieu-kien.yaml"
    before = path.read_bytes()
    for user in (USER_ID, 1002):
        [reply] = await harness.private(MISSED, user_id=user)
        assert not visible_text(reply.text).startswith("❓")
    header, group = await misses(harness)
    assert visible_text(header.text).startswith("🔎 1 nhóm câu hỏi chưa có câu trả lời")
    assert f"«{MISSED}»" in visible_text(group.text) and "Hỏi 2 lần" in group.text
    labels = [b["text"] for b in group.buttons]
    assert labels[0] == "➕ Bao nhiêu tuổi thì được vào Đảng?"
    assert labels[-2:] == ["🆕 Mục mới", "🗑 Bỏ qua"]

    calls = await tap(harness, button(group, "➕ Bao nhiêu tuổi"))
    assert [c.method for c in calls] == ["answerCallbackQuery", "editMessageText"]
    done = calls[1]
    assert visible_text(done.text) == (f"✅ Đã thêm «{MISSED}» vào «Bao nhiêu tuổi thì được vào "
                                       "Đảng?» (dieu-kien.yaml). Bot đã nạp lại FAQ.")
    assert f"    - {MISSED}\n" in path.read_text(encoding="utf-8")
    assert read_faq(faq_dir)[2] == []

    [answer] = await harness.private(MISSED, user_id=1003)
    assert visible_text(answer.text).startswith("❓ Bao nhiêu tuổi thì được vào Đảng?")
    assert [c.method for c in await misses(harness)] == ["sendMessage"]  # none left

    undo = await tap(harness, button(done, "↩️"))
    assert visible_text(undo[1].text) == "↩️ Đã hoàn tác: dieu-kien.yaml đã trở lại đúng như trước."
    assert path.read_bytes() == before
    [again] = await harness.private(MISSED, user_id=1004)
    assert not visible_text(again.text).startswith("❓")
    assert len(await misses(harness)) == 2  # the group is back to review


async def test_others_replaying_admin_buttons_change_nothing(
    harness: Harness, faq_dir: Path
) -> None:
    await harness.private(MISSED)
    _, group = await misses(harness)
    files = {p: p.read_bytes() for p in faq_dir.rglob("*") if p.is_file()}
    datas = [b["callback_data"] for b in group.buttons] + ["u:1", "g:1", "r:hoc-van:1"]
    for number, data in enumerate(datas):  # each from another user: no flood control
        calls = await tap(harness, data, user_id=3000 + number)
        assert [(c.method, c.params.get("text")) for c in calls] == [
            ("answerCallbackQuery", STALE)], data
    assert {p: p.read_bytes() for p in faq_dir.rglob("*") if p.is_file()} == files
    assert len(await misses(harness)) == 2  # still waiting for an admin


async def test_dismiss_and_draft(harness: Harness, faq_dir: Path) -> None:
    await harness.private(MISSED)
    await harness.private("đảng viên có được đi xuất khẩu lao động không")
    _, first, second = await misses(harness)
    skipped = await tap(harness, button(first, "🗑"))
    assert visible_text(skipped[1].text).startswith("🗑 Đã bỏ qua nhóm «")
    drafted = await tap(harness, button(second, "🆕"))
    text = visible_text(drafted[1].text)
    assert text.startswith("🆕 Đã tạo mục nháp «") and "drafts/nhap.yaml" in text
    assert (faq_dir / "drafts" / "nhap.yaml").exists()
    assert len(harness.services.engine.faq.entries) == 5  # the draft is not live
    [none] = await misses(harness)
    assert visible_text(none.text) == "Chưa có câu hỏi nào bị bỏ lỡ. 🎉"
    log = visible_text((await harness.private("/changes", user_id=ADMIN_ID))[0].text)
    assert "🆕 mục nháp nhap-" in log and "🗑 bỏ qua" in log
    assert str(ADMIN_ID) not in log


async def test_a_tap_on_a_group_already_handled_says_so(harness: Harness) -> None:
    await harness.private(MISSED)
    _, group = await misses(harness)
    await tap(harness, button(group, "🗑"))
    calls = await tap(harness, button(group, "➕"))
    assert [c.method for c in calls] == ["answerCallbackQuery", "sendMessage"]
    assert visible_text(calls[1].text).startswith("❌ Không làm được: nhóm câu hỏi này đã được")


async def test_two_admins_tapping_at_once(two_admins: Config, faq_dir: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_HASH_SECRET", raising=False)
    async with running(two_admins) as harness:
        await harness.private(MISSED)
        _, group = await misses(harness)
        to_age = button(group, "➕ Bao nhiêu")
        to_school = to_age.replace("tuoi-vao-dang", "hoc-van")  # another entry, same group
        before = len(harness.request.calls)
        await asyncio.gather(tap(harness, to_age, ADMIN_ID),
                             tap(harness, to_school, OTHER_ADMIN))
        calls = harness.request.calls[before:]
    outcomes = sorted(visible_text(c.text)[:1] for c in calls if c.method != "answerCallbackQuery")
    assert outcomes == ["✅", "❌"]
    faq, _, problems = read_faq(faq_dir)
    assert problems == [] and faq is not None
    owners = [e.id for e in faq.entries if MISSED in e.alternates]
    assert len(owners) == 1


async def test_a_tapped_suggestion_is_not_a_miss(harness: Harness) -> None:
    [offer] = await harness.private("hồ sơ vào đảng nộp cho ai")
    await harness.private("đảng phí đóng qua ngân hàng được không")
    assert len(harness.services.storage.open_misses()) == 2
    on = bot_message(USER_ID, int(offer.params.get("message_id") or 0) or _last_id(harness, 1))
    await harness.send(callback(offer.callback_data()[0], on=on))
    assert [m.text for m in harness.services.storage.open_misses()] == [
        "đảng phí đóng qua ngân hàng được không"]


def _last_id(harness: Harness, back: int) -> int:
    return 5000 + len([c for c in harness.request.calls if c.method in (
        "sendMessage", "editMessageText")]) - 1 - back


async def test_a_downvote_follow_up_joins_its_group(harness: Harness) -> None:
    await harness.private("mấy tuổi được vào đảng")
    answer_id = _last_id(harness, 0)
    on = bot_message(USER_ID, answer_id)
    calls = await harness.send(callback("v:tuoi-vao-dang:down", on=on))
    prompt = calls[1]
    assert prompt.params["reply_markup"]["force_reply"] is True
    assert visible_text(prompt.text).startswith("Bạn cần hỏi điều gì?")
    prompt_id = _last_id(harness, 0)
    follow = message("em 17 tuổi rưỡi thì có được không", reply_to=bot_message(USER_ID, prompt_id))
    await harness.send(update_with(message=follow))
    [group] = await harness.services.curator.groups(harness.services.engine)
    assert [m.kind for m in group.members] == ["downvote", "clarify"]


async def test_stats_is_a_phone_sized_picture_with_the_numbers(config: Config,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    monkeypatch.delenv("BOT_HASH_SECRET", raising=False)
    async with running(config, PhotoRequest()) as harness:
        for text in ("mấy tuổi được vào đảng", "em 17 tuổi có vào đảng được không",
                     "hồ sơ vào đảng nộp cho ai", MISSED, MISSED):
            await harness.private(text)
        calls = await harness.private("/stats", user_id=ADMIN_ID)
        uploads = harness.request.uploads  # type: ignore[attr-defined]
    assert [c.method for c in calls] == ["sendPhoto"]
    assert calls[0].params["caption"] == (
        "📊 30 ngày: 5 câu hỏi · trả lời ngay 2 (40%) · gợi ý 1 · chưa trả lời được 2 · "
        "👎 0/0 lượt góp ý (—)")
    assert png_size(uploads[0]) == (1080, 1920) and len(uploads[0]) < 1_000_000


async def test_the_digest_goes_to_admins_once_due(harness: Harness) -> None:
    svc = harness.services
    assert await digest.send_if_due(svc, harness.app.bot) is False  # starts the clock
    await harness.private(MISSED)
    assert await digest.send_if_due(svc, harness.app.bot) is False  # not a week yet
    svc.storage.set_meta(digest.LAST_SENT, str(svc.storage.now() - 8 * 86400))
    before = len(harness.request.calls)
    assert await digest.send_if_due(svc, harness.app.bot) is True
    [sent] = harness.request.calls[before:]
    assert sent.params["chat_id"] == ADMIN_ID
    assert visible_text(sent.text).splitlines()[:3] == [
        "📬 Bản tin 7 ngày", "1 nhóm câu hỏi mới chưa trả lời được:", f"• «{MISSED}» (1)"]
    assert await digest.send_if_due(svc, harness.app.bot) is False  # not again at once


async def test_misses_come_a_few_at_a_time(harness: Harness) -> None:
    asked = [MISSED, "đảng viên có được đi xuất khẩu lao động không", "lương hưu của đảng viên",
             "giá vàng hôm nay bao nhiêu"]
    for number, text in enumerate(asked):
        await harness.private(text, user_id=2100 + number)
    header, *groups = await misses(harness)
    assert visible_text(header.text).startswith("🔎 4 nhóm câu hỏi chưa có câu trả lời")
    assert len(groups) == 3
    assert [b["text"] for b in groups[-1].buttons][-1] == "⏬ Xem tiếp (1 nhóm)"
    assert all("⏬" not in b["text"] for g in groups[:-1] for b in g.buttons)
    calls = await tap(harness, button(groups[-1], "⏬"))
    page = [visible_text(c.text) for c in calls if c.method == "sendMessage"]
    assert page[0].endswith("nhóm 4–4.") and len(page) == 2


async def test_the_digest_is_on_the_job_queue(harness: Harness) -> None:
    assert "digest" in [job.name for job in harness.app.job_queue.jobs()]
