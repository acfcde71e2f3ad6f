"""/lotrinh and /kiemtra end to end: the real bot process over HTTP against the emulator.

This module runs its own bot with a short self-check timeout, so the timeout is seen end to
end too (the shared bot of test_conversations keeps the default ten minutes).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.botproc import BotProcess, start_bot
from tests.emulator import Emulator, User

pytestmark = pytest.mark.e2e
REPLY_TIMEOUT = 20.0  # the first picture is drawn by matplotlib in the bot process
SELFCHECK_TIMEOUT = 3


@pytest.fixture(scope="module")
def path_bot(emu: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    bot = start_bot(emu, tmp_path_factory.mktemp("bot"), selfcheck_timeout=SELFCHECK_TIMEOUT)
    yield bot
    bot.stop()


def test_lotrinh_sends_the_picture_and_its_buttons_work(emu: Emulator, path_bot: BotProcess
                                                        ) -> None:
    user = User(3101, "Hạnh")
    question = emu.send_text(user, "/lotrinh")
    [picture] = emu.wait_reply(question, timeout=REPLY_TIMEOUT)
    assert picture.method == "sendPhoto", path_bot.diagnostics()
    [upload] = emu.calls("sendPhoto", "ok")
    assert str(upload.params["photo"]).startswith("<file ")  # uploaded bytes, not a URL
    assert picture.text.startswith("Lộ trình kết nạp Đảng") and "Nguồn: " in picture.text
    labels = [b["text"] for b in picture.callback_buttons()]
    assert "8. Quyết định kết nạp" in labels and len(labels) == 13, labels

    query_id = emu.tap_button(user, picture, text_contains="8. Quyết định kết nạp")
    emu.wait_callback_answer(query_id, timeout=REPLY_TIMEOUT)
    emu.wait_for(lambda: any("60 ngày làm việc" in m.text and "❓" in m.text
                             for m in emu.bot_messages(user.id)),
                 REPLY_TIMEOUT, "the answer of step 8")

    query_id = emu.tap_button(user, picture, text_contains="Bản chữ")
    emu.wait_callback_answer(query_id, timeout=REPLY_TIMEOUT)
    emu.wait_for(lambda: any("11. Công nhận đảng viên chính thức" in m.text
                             for m in emu.bot_messages(user.id)),
                 REPLY_TIMEOUT, "the text version")


def test_kiemtra_runs_to_a_checklist(emu: Emulator, path_bot: BotProcess) -> None:
    user = User(3102, "Khánh")
    question = emu.send_text(user, "/kiemtra")
    [asking] = emu.wait_reply(question, timeout=REPLY_TIMEOUT)
    assert "Câu 1/5" in asking.text, path_bot.diagnostics()
    for number, label in enumerate(["Từ 18 đến 30", "Tốt nghiệp THCS", "Chưa học",
                                    "Đoàn Thanh niên", "Đã có"], 2):
        query_id = emu.tap_button(user, asking, text_contains=label)
        emu.wait_callback_answer(query_id, timeout=REPLY_TIMEOUT)
        expected = f"Câu {number}/5" if number <= 5 else "Việc bạn nên làm tiếp"
        emu.wait_for(lambda e=expected: e in asking.text, REPLY_TIMEOUT,  # edited in place
                     f"{expected!r} after {label!r}")
    data = [b["callback_data"] for b in asking.callback_buttons()]
    assert data == ["a:buoc-dau-tien", "a:ai-cu-di-hoc", "a:doan-gioi-thieu",
                    "a:cac-buoc-ket-nap"], path_bot.diagnostics()


def test_kiemtra_cancel_and_timeout(emu: Emulator, path_bot: BotProcess) -> None:
    user = User(3103, "Linh")
    emu.wait_reply(emu.send_text(user, "/kiemtra"), timeout=REPLY_TIMEOUT)
    [cancelled] = emu.wait_reply(emu.send_text(user, "/huy"), timeout=REPLY_TIMEOUT)
    assert "Đã dừng" in cancelled.text, path_bot.diagnostics()

    [asking] = emu.wait_reply(emu.send_text(user, "/kiemtra"), timeout=REPLY_TIMEOUT)
    emu.wait_callback_answer(emu.tap_button(user, asking, text_contains="Trên 60"),
                             timeout=REPLY_TIMEOUT)
    emu.wait_for(lambda: any("lâu không có trả lời" in m.text
                             for m in emu.bot_messages(user.id)),
                 SELFCHECK_TIMEOUT + REPLY_TIMEOUT, "the timeout notice", poll=0.2)
    late = emu.tap_button(user, asking, text_contains="Tốt nghiệp THCS")
    answer = emu.wait_callback_answer(late, timeout=REPLY_TIMEOUT)
    assert "cũ" in str(answer), answer  # the conversation is over: a stale button
