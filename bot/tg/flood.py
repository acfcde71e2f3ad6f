"""Per-user flood control: a sliding window per user, in memory, bounded.

Over the limit, a user gets one message saying when they can go on (and every tap a toast
saying the same) until the window has room again; other users are never affected. The
limits in config.yaml come from measured conversations (scripts/measure_pace.py). Users
idle longer than the window are forgotten, and at most `max_users` are tracked (least
recently seen dropped first), so memory stays flat however many people write. Raw ids
live only here, in memory, never stored.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"  # the first message over the limit: say "slow down" once
    DROP = "drop"


@dataclass(slots=True)
class _Window:
    times: deque[float] = field(default_factory=deque)
    warned: bool = False


class FloodGate:
    def __init__(
        self,
        messages: int,
        seconds: float,
        max_users: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.messages = messages
        self.seconds = seconds
        self.max_users = max_users
        self._clock = clock
        self._users: OrderedDict[int, _Window] = OrderedDict()

    def check(self, user_id: int) -> Verdict:
        now = self._clock()
        self._forget_idle(now)
        window = self._users.pop(user_id, None) or _Window()
        self._users[user_id] = window  # most recently seen last
        while window.times and now - window.times[0] >= self.seconds:
            window.times.popleft()
        if len(window.times) < self.messages:
            window.times.append(now)
            window.warned = False
            return Verdict.ALLOW
        if window.warned:
            return Verdict.DROP
        window.warned = True
        return Verdict.WARN

    def wait(self, user_id: int) -> float:
        """Seconds until `user_id` has room in the window again (0 when there is room)."""
        window = self._users.get(user_id)
        if window is None or len(window.times) < self.messages:
            return 0.0
        return max(0.0, window.times[0] + self.seconds - self._clock())

    def __len__(self) -> int:
        return len(self._users)

    def _forget_idle(self, now: float) -> None:
        while self._users:
            oldest_id, oldest = next(iter(self._users.items()))
            idle = not oldest.times or now - oldest.times[-1] >= self.seconds
            if len(self._users) < self.max_users and not idle:
                return
            del self._users[oldest_id]
