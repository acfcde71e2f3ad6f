"""AIORateLimiter that also retries transient failures, so every reply goes out once.

python-telegram-bot's AIORateLimiter keeps within Telegram's limits and retries 429
(RetryAfter). Here a request also survives a few NetworkError/TimedOut failures (PTB raises
NetworkError for 5xx such as 502 and for connection errors), with exponential backoff. This
extends `process_request`, the hook BaseRateLimiter documents, around the parent's whole
request, so each retry waits its turn in the limiter again. BadRequest is a NetworkError
subclass but means the request itself is wrong: it is never retried, nor is Forbidden.

Timeouts and resets of a send are retried too, a deliberate choice: the Bot API has no
idempotency key, so a sendMessage that timed out after Telegram had already accepted it comes
out twice. A lost answer leaves someone who asked something personal with silence; a rare
duplicate is only noise. Most such failures happen before Telegram acts (no connection, a
full pool, a dropped request), which is what the emulator's "timeout" and "drop" faults
model — they never deliver — and those retries are exactly-once. Telegram answers a
sendMessage in well under PTB's 5 s read timeout, so the ambiguous case is rare.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

logger = logging.getLogger(__name__)

_Result = bool | dict[str, Any] | list[dict[str, Any]]


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter plus bounded retries of network errors, timeouts and 5xx responses."""

    def __init__(
        self,
        *,
        max_retries: int = 5,
        network_retries: int = 4,
        backoff: float = 0.5,
        max_backoff: float = 8.0,
        **limits: Any,
    ) -> None:
        super().__init__(max_retries=max_retries, **limits)
        self._network_retries = network_retries
        self._backoff = backoff
        self._max_backoff = max_backoff

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, _Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> _Result:
        for attempt in range(self._network_retries + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise
            except NetworkError as exc:  # includes TimedOut and 5xx responses
                if attempt == self._network_retries:
                    raise
                delay = min(self._backoff * 2**attempt, self._max_backoff)
                logger.warning("transient Telegram error (%s); retry in %.1fs", exc, delay)
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # the loop returns or raises
