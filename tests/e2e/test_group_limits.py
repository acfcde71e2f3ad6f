"""Telegram's 20 messages a minute in a group, enforced by the emulator: the bot keeps to it.

python-telegram-bot's AIORateLimiter (group_max_rate=20, group_time_period=60: its defaults,
which bot.tg.rate_limiter keeps) lets 20 replies go at once and then one every 3 s, the same
leaky bucket the emulator enforces; 25 questions therefore take ~15 s. Marked slow: run with
`pytest -m slow`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e import faqdata
from tests.e2e.botproc import start_bot
from tests.emulator import Emulator, User, group_chat

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
QUESTIONS = 25


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(enforce_limits=True) as emulator:
        yield emulator
    assert emulator.server_errors == []


def test_a_group_burst_is_answered_within_telegrams_group_limit(
    emu: Emulator, tmp_path: Path
) -> None:
    bot = start_bot(emu, tmp_path / "bot")
    try:
        chat = group_chat(-100_555_000, "Tổ sản xuất")
        entries = faqdata.answered(bot.config_path, 5)
        for n in range(QUESTIONS):  # ten members, so no one hits the per-user flood control
            member = User(82_000 + n % 10, f"Thợ {n % 10}")
            emu.send_text(member, f"/hoi {entries[n % 5].question}", chat=chat)
        emu.wait_for(lambda: len(emu.bot_messages(chat.id)) >= QUESTIONS, 60,
                     f"{QUESTIONS} replies in the group", poll=0.5)
        emu.wait_idle(quiet=1.0, timeout=30)
    finally:
        assert bot.stop() == 0, bot.diagnostics()
    assert len(emu.bot_messages(chat.id)) == QUESTIONS, bot.diagnostics()
    assert emu.calls(outcome="flood") == [], "the emulator refused sends over the group limit"
    sent = [c.time for c in emu.calls("sendMessage", "ok") if c.params.get("chat_id") == chat.id]
    assert sent[-1] - sent[0] >= (QUESTIONS - 20) * 60 / 20 * 0.8, "faster than 20 a minute"
