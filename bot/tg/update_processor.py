"""Updates run concurrently across chats but in order within one chat.

With plain `concurrent_updates(True)`, a user who taps "/huy" right after the bot's reply can
be processed before the handler that sent that reply has returned, so the conversation state
(ConversationHandler) is not set yet. Serialising per chat settles each reply and the state
behind it before the same chat's next update; other chats are not held up.

When an update has been handled (whatever its handlers did, errors included), `on_handled`
is told its id: the inbox marks it done, so a restart does not handle it again. A handler
cancelled by a shutdown is not done. A reply sent inside `replying()` notes it handled as
soon as it is out, and only REPLIES_IN_FLIGHT such replies are out at once: a crash then
finds at most that many answered but not noted, which a restart answers again.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

# Far more updates in flight than the 16 pooled connections only queue inside httpcore, whose
# queue scan is quadratic (measured: 256 → 169 q/s, p99 4.5 s; 64 → 179 q/s, p99 2.3 s). Enough
# slots remain that updates waiting on one busy chat's lock cannot starve other chats.
MAX_CONCURRENT_UPDATES = 64
# A reply Telegram has and the inbox does not know of yet is answered again after a crash.
# At most this many such replies are on their way at once (measured with kill -9 under CPU
# load: unbounded, 3-4 of 100 questions were answered twice, at 30 replies a second).
REPLIES_IN_FLIGHT = 2


@dataclass(slots=True)
class _Handling:
    mark: Callable[[], None]
    slots: asyncio.Semaphore


_HANDLING: ContextVar[_Handling | None] = ContextVar("handling", default=None)


@contextlib.asynccontextmanager
async def replying(bounded: bool = True) -> AsyncIterator[None]:
    """Around the sending of an update's reply: once it is out, the update is noted handled
    (once), and few replies are out but not yet noted at any moment. Not `bounded` for a
    group, whose replies wait on Telegram's group limit: they must not hold up the rest."""
    handling = _HANDLING.get()
    if handling is None:  # not run by this processor (tests, jobs)
        yield
        return
    async with handling.slots if bounded else contextlib.nullcontext():
        yield
        handling.mark()


class PerChatUpdateProcessor(BaseUpdateProcessor):
    def __init__(
        self,
        max_concurrent_updates: int = MAX_CONCURRENT_UPDATES,
        on_handled: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._on_handled = on_handled
        self._reply_slots = asyncio.Semaphore(REPLIES_IN_FLIGHT)
        self._locks: dict[int, asyncio.Lock] = {}
        self._pending: dict[int, int] = {}  # locks live only while a chat has updates

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        mark = self._marker(update)
        token = _HANDLING.set(_Handling(mark, self._reply_slots))  # the handlers' context
        try:
            await self._in_order(update, coroutine)
        except asyncio.CancelledError:
            raise
        except Exception:
            mark()
            raise
        finally:
            _HANDLING.reset(token)
        mark()

    def _marker(self, update: object) -> Callable[[], None]:
        done = False

        def mark() -> None:
            nonlocal done
            if not done and self._on_handled is not None and isinstance(update, Update):
                done = True
                self._on_handled(update.update_id)

        return mark

    async def _in_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._pending[key] = self._pending.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._pending[key] -= 1
            if not self._pending[key]:
                del self._pending[key], self._locks[key]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""


def _chat_key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None
