"""Telegram's flood limits, optionally enforced: a bot going faster gets 429 like the real API.

About 30 messages a second overall and 20 a minute in a group, modelled as leaky buckets (a
burst up to the limit, then the steady rate) — the model python-telegram-bot's AIORateLimiter
keeps to, so a bot using it is never refused. Off by default: Emulator(enforce_limits=True).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

SENDING = frozenset({"sendMessage", "sendPhoto"})
OVERALL = (30, 1.0)  # messages per seconds
GROUP = (20, 60.0)
SLACK = 3  # messages: requests paced by the bot arrive with jitter; Telegram is not exact
# A group's 21st reply, paced to the millisecond by AIORateLimiter, can arrive a few ms
# "early" when the first of the burst waited for a new connection: one message of slack.
GROUP_SLACK = 1


@dataclass
class _Bucket:
    capacity: int
    span: float
    slack: int = 0
    level: float = 0.0
    at: float = 0.0

    def overflow(self, now: float) -> float:
        """Seconds to wait before one more message fits (0: it fits now)."""
        rate = self.capacity / self.span
        self.level = max(0.0, self.level - (now - self.at) * rate)
        self.at = now
        return max(0.0, (self.level + 1 - self.capacity - self.slack) / rate)


class FloodLimits:
    def __init__(self) -> None:
        self._overall = _Bucket(*OVERALL, slack=SLACK)
        self._groups: dict[int, _Bucket] = {}

    def check(self, method: str, chat_id: object, now: float) -> int | None:
        """retry_after in seconds if this send breaks a limit, else None (and count it)."""
        if method not in SENDING:
            return None
        buckets = [self._overall]
        if isinstance(chat_id, int) and chat_id < 0:
            buckets.append(self._groups.setdefault(chat_id, _Bucket(*GROUP, slack=GROUP_SLACK)))
        wait = max(bucket.overflow(now) for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.level += 1
        return None
