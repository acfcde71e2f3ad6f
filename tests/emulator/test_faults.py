"""Fault injection and enforced flood limits, seen from a plain telegram.Bot."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TimedOut

from tests.emulator import Emulator, FaultPlan, User, group_chat
from tests.emulator.limits import GROUP_SLACK

ANH = User(1001, "Anh")
GROUP = group_chat(-1001234567890, "Tổ công đoàn")


@pytest.mark.parametrize(("kind", "error"), [
    ("429", RetryAfter), ("502", NetworkError), ("drop", NetworkError),
])
async def test_a_faulted_call_fails_and_changes_nothing(
    emu: Emulator, bot: Bot, kind: str, error: type[Exception], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # else RetryAfter() warns about its future type
    emu.send_text(ANH, "xin chào")
    emu.set_faults(FaultPlan(rate=1.0, kinds=(kind,), methods=frozenset({"sendMessage"})))
    with pytest.raises(error):
        await bot.send_message(ANH.id, "trả lời")
    assert emu.bot_messages() == []
    assert [c.outcome for c in emu.calls("sendMessage")] == [kind]
    emu.set_faults(FaultPlan())
    await bot.send_message(ANH.id, "trả lời")
    assert [m.text for m in emu.bot_messages()] == ["trả lời"]


async def test_a_timeout_fault_holds_the_call_and_delivers_nothing(
    emu: Emulator, bot: Bot
) -> None:
    emu.send_text(ANH, "xin chào")
    emu.set_faults(FaultPlan(rate=1.0, kinds=("timeout",), timeout_delay=0.6))
    with pytest.raises(TimedOut):
        await bot.send_message(ANH.id, "trả lời", read_timeout=0.2)
    assert emu.bot_messages() == [] and emu.calls("sendMessage")[0].outcome == "timeout"


async def test_enforced_limits_refuse_a_group_burst_past_20_a_minute(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # else RetryAfter() warns about its future type
    with Emulator(enforce_limits=True) as emu:
        emu.send_text(ANH, "chào", chat=GROUP)
        async with Bot("1:X", base_url=emu.base_url) as bot:
            for n in range(20 + GROUP_SLACK):  # 20 a minute, and a message's worth of jitter
                await bot.send_message(GROUP.id, f"tin {n}")
            with pytest.raises(RetryAfter) as refused:
                await bot.send_message(GROUP.id, "one too many")
    assert 1 <= refused.value.retry_after.total_seconds() <= 60
    assert len(emu.bot_messages()) == 20 + GROUP_SLACK and emu.calls(outcome="flood")


def test_faults_are_seeded_per_call_and_near_the_rate() -> None:
    def outcomes(seed: int) -> list[str | None]:
        plan = FaultPlan(rate=0.05, kinds=("429", "502", "drop"), seed=seed)
        return [plan.decide("sendMessage", {"chat_id": n % 50, "text": "x"})
                for n in range(4000)]
    first = outcomes(7)
    assert first == outcomes(7) and first != outcomes(8)
    assert 140 < sum(o is not None for o in first) < 260
    assert {o for o in first if o} == {"429", "502", "drop"}
