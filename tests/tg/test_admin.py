"""Admin commands: /stats, /misses, /reload, and the normal reply for everyone else."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.config import Config
from tests.tg.conftest import running
from tests.tg.harness import ADMIN_ID, GROUP_ID, Harness, message, update_with
from tests.tg.telegram_html import visible_text

UNKNOWN = "Mình không có lệnh này. Bạn cứ gõ câu hỏi, hoặc gõ /help để xem cách hỏi."


async def admin(harness: Harness, command: str) -> str:
    calls = await harness.private(command, user_id=ADMIN_ID)
    assert [c.method for c in calls] == ["sendMessage"]
    return visible_text(calls[0].text)


async def test_misses_are_shown_scrubbed(harness: Harness) -> None:
    await harness.private("số em là 0912 345 678, email lan@example.com, hỏi về lương hưu")
    calls = await harness.private("/misses", user_id=ADMIN_ID)
    text = visible_text(calls[1].text)
    assert "«số em là [số điện thoại], email [email], hỏi về lương hưu»" in text
    assert "0912" not in text


@pytest.mark.parametrize("command", ["/stats", "/misses", "/changes", "/reload"])
async def test_others_get_the_normal_reply(harness: Harness, command: str) -> None:
    calls = await harness.private(command)
    assert [visible_text(c.text) for c in calls] == [UNKNOWN]
    assert await harness.group(command) == []


async def test_admin_commands_work_in_groups_for_admins(harness: Harness) -> None:
    calls = await harness.group("/changes", user_id=ADMIN_ID)
    assert calls[0].params["chat_id"] == GROUP_ID


async def test_reload_picks_up_a_new_entry(harness: Harness, faq_dir: Path) -> None:
    with (faq_dir / "dang-phi.yaml").open("a", encoding="utf-8") as f:
        f.write(NEW_ENTRY)
    assert await admin(harness, "/reload") == "✅ Đã nạp lại FAQ: 6 câu hỏi, 3 chủ đề."
    calls = await harness.private("miễn đảng phí")
    assert visible_text(calls[0].text).startswith("❓ Ai được miễn đóng đảng phí?")


async def test_a_broken_reload_keeps_the_last_good_faq(harness: Harness, faq_dir: Path) -> None:
    (faq_dir / "dang-phi.yaml").write_text("- id: muc-dang-phi\n  topic: [\n", encoding="utf-8")
    text = await admin(harness, "/reload")
    assert text.startswith("❌ FAQ có 1 lỗi; bot vẫn dùng bản cũ.")
    assert "dang-phi.yaml:" in text
    calls = await harness.private("đảng phí bao nhiêu tiền")
    assert visible_text(calls[0].text).startswith("❓ Đảng phí đóng bao nhiêu mỗi tháng?")


NEW_ENTRY = """\
- id: mien-dang-phi
  topic: dang-phi
  question: Ai được miễn đóng đảng phí?
  alternates:
    - miễn đảng phí
    - trường hợp nào không phải đóng đảng phí
  answer: Đảng viên gặp khó khăn về kinh tế có thể được chi bộ xét miễn.
  sources:
    - doc: qd-moi
      ref: Mục 5.2
  reviewed: 2026-11-22
"""


REFUSED = [
    ("private", "/stats"), ("private", "/misses 50"), ("private", "/reload now"),
    ("private", "/stats@HoiDapTestBot"), ("group", "/stats"), ("group", "/misses@HoiDapTestBot"),
    ("group", "/reload@HoiDapTestBot"),
]


@pytest.mark.parametrize(("chat", "command"), REFUSED, ids=[f"{c}-{m}" for c, m in REFUSED])
async def test_admin_commands_get_exactly_the_unknown_command_reply(
    harness: Harness, faq_dir: Path, chat: str, command: str
) -> None:
    """Anyone not listed learns nothing: the same reply as for a command that does not exist
    (a short hint in private, silence in groups), and nothing happens."""
    engine = harness.services.engine
    (faq_dir / "dang-phi.yaml").write_text("broken: [", encoding="utf-8")
    unknown = await getattr(harness, chat)("/khong_co_lenh_nay")
    refused = await getattr(harness, chat)(command)
    assert [(c.method, c.text) for c in refused] == [(c.method, c.text) for c in unknown]
    assert harness.services.engine is engine  # /reload did not run


async def test_a_forwarded_admin_command_is_refused(harness: Harness) -> None:
    origin = {"forward_origin": {"type": "user", "date": 1,
                                 "sender_user": {"id": ADMIN_ID, "is_bot": False,
                                                 "first_name": "Admin"}}}
    calls = await harness.send(update_with(message=message("/stats", extra=origin)))
    assert [visible_text(c.text) for c in calls] == [UNKNOWN]


async def test_an_edited_admin_command_does_nothing(harness: Harness) -> None:
    edited = message("/stats", user_id=ADMIN_ID, extra={"edit_date": 2})
    assert await harness.send(update_with(edited_message=edited)) == []


async def test_with_no_admins_listed_nobody_is_one(config: Config) -> None:
    nobody = dataclasses.replace(config, telegram=dataclasses.replace(config.telegram, admins=()))
    async with running(nobody) as harness:
        for command in ("/stats", "/misses", "/reload"):
            calls = await harness.private(command, user_id=ADMIN_ID)
            assert [visible_text(c.text) for c in calls] == [UNKNOWN]
