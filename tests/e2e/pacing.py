"""A scripted person, one action at a time at a set pace, checking each gets a visible answer.

Used by the flood-control tests and by scripts/measure_pace.py. An action is a typed message
or a tap; its visible answer is a new bot message in the chat, an edit of one, or a toast
(answerCallbackQuery with text). The pace is the time from one action to the next, as a
person reads and taps; a reply slower than the pace makes the next action wait for it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.emulator import BotMessage, Emulator, User

REPLY_TIMEOUT = 20.0  # the first /lotrinh picture is drawn by matplotlib in the bot process


@dataclass
class Seen:
    action: str
    at: float  # time.monotonic() when the action was taken
    answer: str  # "message", "edit", "toast" or "" (nothing visible)
    toast: str = ""


@dataclass
class Person:
    emu: Emulator
    user: User
    pace: float
    seen: list[Seen] = field(default_factory=list)

    def run(self, actions: list[tuple[str, str]]) -> list[Seen]:
        for kind, value in actions:
            started = time.monotonic()
            self.seen.append(self.say(value) if kind == "say" else self.tap(value))
            time.sleep(max(0.0, started + self.pace - time.monotonic()))
        return self.seen

    def say(self, text: str) -> Seen:
        before = self._snapshot()
        at = time.monotonic()
        self.emu.send_text(self.user, text)
        answer = self._wait(lambda: self._changed(before), f"an answer to {text!r}")
        return Seen(text, at, answer or "")

    def tap(self, label: str) -> Seen:
        message, data = self._button(label)
        before = self._snapshot()
        at = time.monotonic()
        query_id = self.emu.tap(self.user, message, data)

        def visible() -> str | None:
            answered = self.emu.callback_answer(query_id)
            if answered is None:
                return None  # the answer comes first: wait for it
            return "toast" if answered.get("text") else self._changed(before)
        answer = self._wait(visible, f"a visible answer to the tap on {label!r}")
        toast = (self.emu.callback_answer(query_id) or {}).get("text", "")
        return Seen(f"tap {label}", at, answer or "", toast)

    def _button(self, label: str) -> tuple[BotMessage, str]:
        """The latest button in the chat whose label starts with `label`, and its data."""
        for message in reversed(self.emu.bot_messages(self.user.id)):
            for button in message.callback_buttons():
                if button["text"].startswith(label):
                    return message, button["callback_data"]
        raise LookupError(f"no button {label!r} in the chat")

    def _snapshot(self) -> tuple[int, int]:
        messages = self.emu.bot_messages(self.user.id)
        return len(messages), sum(len(m.edits) for m in messages)

    def _changed(self, before: tuple[int, int]) -> str | None:
        count, edits = self._snapshot()
        if count > before[0]:
            return "message"
        return "edit" if edits > before[1] else None

    def _wait(self, predicate: Callable[[], str | None], what: str) -> str | None:
        try:
            return self.emu.wait_for(predicate, REPLY_TIMEOUT, what)
        except TimeoutError:
            return None


def lotrinh_walk(steps: int) -> list[tuple[str, str]]:
    """/lotrinh, a tap on each step, the text version."""
    return [("say", "/lotrinh"), *[("tap", f"{n}. ") for n in range(1, steps + 1)],
            ("tap", "📝 Bản chữ")]


KIEMTRA_WALK = [("say", "/kiemtra"), ("tap", "Từ 18 đến 30"), ("tap", "Tốt nghiệp THCS"),
                ("tap", "Chưa học"), ("tap", "Đoàn Thanh niên"), ("tap", "Đã có")]
QUESTIONS = [("say", "vào đảng cần điều kiện gì"), ("say", "lop cam tinh dang hoc bao lau"),
             ("say", "cty em chưa có chi bộ thì sao")]


def windows(times: list[float], seconds: float) -> int:
    """The most actions that fall within any `seconds`-long window."""
    best, start = 0, 0
    for end, at in enumerate(times):
        while at - times[start] >= seconds:
            start += 1
        best = max(best, end - start + 1)
    return best
