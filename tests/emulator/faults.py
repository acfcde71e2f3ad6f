"""Seeded fault injection: which Bot API calls fail, and how.

The decision for a call depends only on the seed, the method, its parameters and how many
times that same call was made before — not on the interleaving of concurrent requests — so a
run with a given seed fails the same requests every time. A faulted call never changes state.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

KINDS = ("429", "502", "drop", "timeout")


@dataclass
class FaultPlan:
    rate: float = 0.0
    kinds: tuple[str, ...] = ("429", "502")
    seed: int = 0
    methods: frozenset[str] | None = None  # None: every method, getUpdates included
    retry_after: int = 1  # seconds, as Telegram's 429 'parameters.retry_after'
    timeout_delay: float = 6.0  # "timeout": hold this long, then drop the connection
    _seen: Counter[str] = field(default_factory=Counter, repr=False)

    def __post_init__(self) -> None:
        unknown = set(self.kinds) - set(KINDS)
        if unknown or not self.kinds:
            raise ValueError(f"fault kinds must be among {KINDS}, got {self.kinds}")
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError("fault rate must be within [0, 1]")

    def decide(self, method: str, params: dict[str, Any]) -> str | None:
        """The fault for this call, or None; callers hold the emulator's lock."""
        if self.rate <= 0 or (self.methods is not None and method not in self.methods):
            return None
        key = f"{method}|{json.dumps(params, sort_keys=True, ensure_ascii=False, default=str)}"
        attempt = self._seen[key]
        self._seen[key] += 1
        digest = hashlib.sha256(f"{self.seed}|{key}|{attempt}".encode()).digest()
        draw = int.from_bytes(digest[:8], "big") / 2**64
        if draw >= self.rate:
            return None
        return self.kinds[digest[8] % len(self.kinds)]
