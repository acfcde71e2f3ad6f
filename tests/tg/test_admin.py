"""Admin commands: /stats, /misses, /reload, and the normal reply for everyone else."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tg.harness import ADMIN_ID, GROUP_ID, Harness
from tests.tg.telegram_html import visible_text

UNKNOWN = "Mình không có lệnh này. Bạn cứ gõ câu hỏi, hoặc gõ /help để xem cách hỏi."


async def admin(harness: Harness, command: str) -> str:
    calls = await harness.private(command, user_id=ADMIN_ID)
    assert [c.method for c in calls] == ["sendMessage"]
    return visible_text(calls[0].text)


async def test_stats_counts_questions_answers_and_misses(harness: Harness) -> None:
    for text in ["mấy tuổi được vào đảng", "em 17 tuổi có vào đảng được không", "hồ sơ",
                 "thời tiết hôm nay", "Thời tiết  hôm nay", "chào"]:
        await harness.private(text)
    text = await admin(harness, "/stats")
    assert text.splitlines()[:6] == [
        "📊 Thống kê 30 ngày gần nhất",
        "Câu hỏi: 5",
        "Trả lời ngay: 2 (40%)",
        "Gợi ý câu gần đúng: 1",
        "Chưa trả lời được: 2",
        "Góp ý: 👍 0 · 👎 0",
    ]
    assert "• Bao nhiêu tuổi thì được vào Đảng? (2)" in text
    assert "• «Thời tiết hôm nay» (2)" in text


async def test_misses_lists_recent_unanswered_questions_scrubbed(harness: Harness) -> None:
    await harness.private("số em là 0912 345 678, email lan@example.com, hỏi về lương hưu")
    text = await admin(harness, "/misses")
    assert "«số em là [số điện thoại], email [email], hỏi về lương hưu»" in text
    assert "0912" not in text


@pytest.mark.parametrize("command", ["/stats", "/misses", "/reload"])
async def test_others_get_the_normal_reply(harness: Harness, command: str) -> None:
    calls = await harness.private(command)
    assert [visible_text(c.text) for c in calls] == [UNKNOWN]
    assert await harness.group(command) == []


async def test_admin_commands_work_in_groups_for_admins(harness: Harness) -> None:
    calls = await harness.group("/stats", user_id=ADMIN_ID)
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
