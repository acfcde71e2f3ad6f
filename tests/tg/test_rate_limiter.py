"""The retrying AIORateLimiter: transient failures retried a bounded number of times."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.tg.rate_limiter import RetryingRateLimiter


class Flaky:
    """A Bot API call that fails with the given errors, in order, then succeeds."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> dict[str, Any]:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return {"ok": True}


async def run(limiter: RetryingRateLimiter, call: Flaky) -> Any:
    return await limiter.process_request(
        call, args=(), kwargs={}, endpoint="sendMessage", data={"chat_id": 1},
        rate_limit_args=None,
    )


def limiter(**kwargs: Any) -> RetryingRateLimiter:
    return RetryingRateLimiter(backoff=0, **kwargs)


def flood() -> RetryAfter:
    return RetryAfter(dt.timedelta(0))  # built in the test: PTB_TIMEDELTA is set by a fixture


@pytest.mark.parametrize(
    "errors",
    [
        lambda: (NetworkError("Bad Gateway"),),
        lambda: (TimedOut(), NetworkError("httpx.ConnectError: connection reset")),
        lambda: (flood(), NetworkError("Bad Gateway"), flood()),
    ],
    ids=["502", "timeout-then-reset", "mixed-with-429"],
)
async def test_transient_errors_are_retried(errors: Callable[[], tuple[Exception, ...]]) -> None:
    call = Flaky(*errors())
    assert await run(limiter(), call) == {"ok": True}
    assert call.calls == len(errors()) + 1


@pytest.mark.parametrize(
    "error", [BadRequest("Bad Request: chat not found"), Forbidden("Forbidden: blocked")],
    ids=["bad-request", "forbidden"],
)
async def test_request_errors_are_never_retried(error: Exception) -> None:
    call = Flaky(error)
    with pytest.raises(type(error)):
        await run(limiter(), call)
    assert call.calls == 1


async def test_retries_are_bounded(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    call = Flaky(*[NetworkError("Bad Gateway")] * 10)
    with pytest.raises(NetworkError):
        await run(limiter(network_retries=3), call)
    assert call.calls == 4
    assert len([r for r in caplog.records if "transient" in r.getMessage()]) == 3


async def test_backoff_grows_and_is_capped() -> None:
    import asyncio

    slept: list[float] = []
    real_sleep = asyncio.sleep

    async def record(delay: float) -> None:
        slept.append(delay)
        await real_sleep(0)

    call = Flaky(*[NetworkError("Bad Gateway")] * 5)
    mp = pytest.MonkeyPatch()
    mp.setattr("bot.tg.rate_limiter.asyncio.sleep", record)
    try:
        await run(RetryingRateLimiter(network_retries=5, backoff=0.5, max_backoff=3), call)
    finally:
        mp.undo()
    assert slept == [0.5, 1.0, 2.0, 3, 3]
