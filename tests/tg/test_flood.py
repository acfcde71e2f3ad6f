"""Per-user flood control: one "slow down", then silence; others unaffected; memory bounded."""

from __future__ import annotations

from bot.tg.flood import FloodGate, Verdict
from tests.tg.harness import GROUP_ID, Harness, callback
from tests.tg.telegram_html import visible_text

SLOW_DOWN = "⏳ Bạn gửi hơi nhanh, mình xin phép trả lời chậm lại. Đợi một chút rồi hỏi tiếp nhé."


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
    assert visible_text(replies[5][0].text) == SLOW_DOWN
    other = await harness.private("mấy tuổi được vào đảng", user_id=3003)
    assert visible_text(other[0].text).startswith("❓ Bao nhiêu tuổi")


async def test_taps_over_the_limit_are_still_acknowledged(harness: Harness) -> None:
    for _ in range(5):
        await harness.private("chào")
    calls = await harness.send(callback("a:hoc-van"))
    assert [(c.method, c.params.get("text")) for c in calls] == [("answerCallbackQuery", None)]


async def test_group_chatter_does_not_count(harness: Harness) -> None:
    for _ in range(20):
        assert await harness.group("nói chuyện phiếm") == []
    calls = await harness.group("/hoi mấy tuổi được vào đảng")
    assert visible_text(calls[0].text).startswith("❓ Bao nhiêu tuổi")
    assert calls[0].params["chat_id"] == GROUP_ID


async def test_one_user_flooding_a_group_does_not_silence_the_others(harness: Harness) -> None:
    flooder = [await harness.group("/hoi mấy tuổi được vào đảng", user_id=6001) for _ in range(8)]
    assert [len(calls) for calls in flooder] == [1, 1, 1, 1, 1, 1, 0, 0]
    assert visible_text(flooder[5][0].text) == SLOW_DOWN
    other = await harness.group("/hoi mấy tuổi được vào đảng", user_id=6002)
    assert visible_text(other[0].text).startswith("❓ Bao nhiêu tuổi")
    assert other[0].params["chat_id"] == GROUP_ID
