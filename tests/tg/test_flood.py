"""Per-user flood control: one message saying when to go on, a toast for every tap; others
unaffected; memory bounded."""

from __future__ import annotations

import re

from bot.core import replies
from bot.tg.flood import FloodGate, Verdict
from tests.tg.harness import GROUP_ID, Harness, callback
from tests.tg.telegram_html import visible_text

# The harness allows 5 messages a minute: the wait is a minute less the test's own time.
SLOW_DOWN = re.compile(re.escape("⏳ " + replies.slow_down(60)).replace("60", "(59|60)"))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_gate_warns_once_then_drops_until_the_window_has_room() -> None:
    clock = Clock()
    gate = FloodGate(messages=2, seconds=10, clock=clock)
    assert [gate.check(1) for _ in range(4)] == [
        Verdict.ALLOW, Verdict.ALLOW, Verdict.WARN, Verdict.DROP,
    ]
    assert gate.check(2) is Verdict.ALLOW
    clock.now += 10
    assert [gate.check(1) for _ in range(3)] == [Verdict.ALLOW, Verdict.ALLOW, Verdict.WARN]


def test_gate_memory_is_bounded() -> None:
    clock = Clock()
    gate = FloodGate(messages=3, seconds=10, max_users=100, clock=clock)
    for user in range(10_000):
        gate.check(user)
    assert len(gate) == 100
    clock.now += 11
    gate.check(-1)
    assert len(gate) == 1  # everyone idle longer than the window is forgotten


async def test_over_the_limit_one_warning_then_silence(harness: Harness) -> None:
    replies = [await harness.private("mấy tuổi được vào đảng") for _ in range(7)]
    assert [len(r) for r in replies] == [1, 1, 1, 1, 1, 1, 0]
    assert SLOW_DOWN.fullmatch(visible_text(replies[5][0].text))
    other = await harness.private("mấy tuổi được vào đảng", user_id=3003)
    assert visible_text(other[0].text).startswith("❓ Bao nhiêu tuổi")


async def test_a_tap_over_the_limit_gets_a_toast_and_the_one_message(harness: Harness) -> None:
    for _ in range(5):
        await harness.private("chào")
    first, second = [await harness.send(callback("a:hoc-van")) for _ in range(2)]
    assert [c.method for c in first] == ["answerCallbackQuery", "sendMessage"]
    toast = first[0].params["text"]
    assert SLOW_DOWN.fullmatch("⏳ " + toast) and len(toast) <= 200  # Telegram's toast limit
    assert SLOW_DOWN.fullmatch(visible_text(first[1].text))
    assert [c.method for c in second] == ["answerCallbackQuery"]  # a toast, not a message
    assert SLOW_DOWN.fullmatch("⏳ " + second[0].params["text"])


def test_the_wait_is_until_the_oldest_action_leaves_the_window() -> None:
    clock = Clock()
    gate = FloodGate(messages=2, seconds=10, clock=clock)
    gate.check(1)
    clock.now += 4
    gate.check(1)
    assert gate.wait(1) == 6  # the first leaves at 10 s
    assert gate.check(1) is Verdict.WARN and gate.wait(1) == 6
    clock.now += 6
    assert (gate.wait(1), gate.check(1)) == (0, Verdict.ALLOW)
    assert gate.wait(2) == 0


async def test_group_chatter_does_not_count(harness: Harness) -> None:
    for _ in range(20):
        assert await harness.group("nói chuyện phiếm") == []
    calls = await harness.group("/hoi mấy tuổi được vào đảng")
    assert visible_text(calls[0].text).startswith("❓ Bao nhiêu tuổi")
    assert calls[0].params["chat_id"] == GROUP_ID


async def test_one_user_flooding_a_group_does_not_silence_the_others(harness: Harness) -> None:
    flooder = [await harness.group("/hoi mấy tuổi được vào đảng", user_id=6001) for _ in range(8)]
    assert [len(calls) for calls in flooder] == [1, 1, 1, 1, 1, 1, 0, 0]
    assert SLOW_DOWN.fullmatch(visible_text(flooder[5][0].text))
    other = await harness.group("/hoi mấy tuổi được vào đảng", user_id=6002)
    assert visible_text(other[0].text).startswith("❓ Bao nhiêu tuổi")
    assert other[0].params["chat_id"] == GROUP_ID
