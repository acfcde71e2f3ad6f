"""Flood control with the limits of config.yaml: people at human pace are never limited;
a spammer gets one warning saying when to go on, toasts for taps, and nobody else notices."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from bot.config import load_config
from tests.e2e import pacing
from tests.e2e.botproc import REPO, BotProcess, start_bot
from tests.emulator import Emulator, User

pytestmark = pytest.mark.e2e
FLOOD = load_config(REPO / "config.yaml").flood
PACE = 1.5  # seconds between actions: the quick reader of the report
SPAM = 200


@pytest.fixture(scope="module")
def limited_bot(emu: Emulator, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[BotProcess]:
    bot = start_bot(emu, tmp_path_factory.mktemp("bot"),
                    flood={"per_user_messages": FLOOD.per_user_messages,
                           "per_user_seconds": FLOOD.per_user_seconds})
    yield bot
    bot.stop()


def test_fourteen_actions_at_human_pace_each_get_a_visible_answer(
    emu: Emulator, limited_bot: BotProcess
) -> None:
    actions = (pacing.lotrinh_walk(3) + pacing.KIEMTRA_WALK + pacing.QUESTIONS)
    assert len(actions) == 14
    seen = pacing.Person(emu, User(7001, "Nhanh tay"), PACE).run(actions)
    assert [s.action for s in seen if not s.answer] == [], limited_bot.diagnostics()
    assert [s.toast for s in seen if s.toast] == []  # no "slow down" toast either
    assert not any(m.text.startswith("⏳") for m in emu.bot_messages(7001))


def test_a_spam_burst_gets_one_warning_taps_get_toasts_and_others_are_unaffected(
    emu: Emulator, limited_bot: BotProcess
) -> None:
    spammer, other = User(7002, "Spam"), User(7003, "Bình thường")
    for n in range(SPAM):
        emu.send_text(spammer, f"vào đảng cần điều kiện gì {n}")
    asked = time.monotonic()
    question = emu.send_text(other, "vào đảng cần điều kiện gì")
    [answer] = emu.wait_reply(question, timeout=30)
    assert "⏳" not in answer.text and time.monotonic() - asked < 30
    emu.wait_idle(quiet=1.5, timeout=120)
    texts = [m.text for m in emu.bot_messages(spammer.id)]
    warnings = [t for t in texts if t.startswith("⏳")]
    assert len(warnings) == 1, limited_bot.diagnostics()
    assert "giây" in warnings[0] and "gửi lại" in warnings[0]
    assert len(texts) == FLOOD.per_user_messages + 1  # answers up to the limit, one warning

    tapped = next(m for m in emu.bot_messages(spammer.id) if m.callback_buttons())
    query_id = emu.tap_button(spammer, tapped)
    toast = emu.wait_callback_answer(query_id, timeout=15).get("text", "")
    assert "tạm nghỉ" in toast and "giây" in toast
    emu.wait_idle(quiet=1.0, timeout=15)
    assert sum(m.text.startswith("⏳") for m in emu.bot_messages(spammer.id)) == 1
