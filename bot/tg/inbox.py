"""Durable updates: recorded in SQLite before Telegram is told they arrived, handled once.

Long polling confirms updates with the next getUpdates' offset, so each batch is written to
the inbox before that call; a webhook confirms with its HTTP 200, sent only after the write
(bot/tg/webhook.py). The update processor marks an update handled when its handlers are done
(bot/tg/update_processor.py). On start, what was received but never handled — the process
was killed — is handled first. An update id the inbox already holds is not handled again:
Telegram redelivers whatever it did not see confirmed.

This replaces python-telegram-bot's Updater through its public interface only
(start_polling, start_webhook, stop, running); Application.run_polling and run_webhook drive
it, with their signal handling, post_init and shutdown, unchanged.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
from collections.abc import Callable, Sequence
from typing import Any

from telegram import Bot, Update
from telegram.error import InvalidToken, RetryAfter, TelegramError
from telegram.ext import Updater
from tornado.httpserver import HTTPServer

from bot.store.storage import Storage
from bot.tg import webhook

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3  # restarts an unhandled update survives before it is given up
_BACKOFF_FIRST, _BACKOFF_MAX = 1.0, 30.0  # seconds between failed getUpdates calls


class DurableUpdater(Updater):
    def __init__(self, bot: Bot, update_queue: asyncio.Queue[object], storage: Storage) -> None:
        super().__init__(bot=bot, update_queue=update_queue)
        self.storage = storage
        self._active = False
        self._poller: asyncio.Task[None] | None = None
        self._server: HTTPServer | None = None

    @property
    def running(self) -> bool:
        return self._active

    async def start_polling(
        self,
        poll_interval: float = 0.0,
        timeout: int | dt.timedelta = dt.timedelta(seconds=10),
        bootstrap_retries: int = 0,
        allowed_updates: Sequence[str] | None = None,
        drop_pending_updates: bool | None = None,
        error_callback: Callable[[TelegramError], None] | None = None,
    ) -> asyncio.Queue[object]:
        """Handle what a crash left, then poll; each batch recorded before it is confirmed."""
        self._ensure_stopped()
        await self.bot.delete_webhook(drop_pending_updates=drop_pending_updates)
        self._replay()
        self._active = True
        self._poller = asyncio.create_task(
            self._poll(timeout, allowed_updates, poll_interval), name="durable-polling"
        )
        return self.update_queue

    async def start_webhook(  # the signature of python-telegram-bot's Updater
        self,
        listen: Any = "127.0.0.1",
        port: Any = 80,
        url_path: str = "",
        cert: Any = None,
        key: Any = None,
        bootstrap_retries: int = 0,
        webhook_url: str | None = None,
        allowed_updates: Sequence[str] | None = None,
        drop_pending_updates: bool | None = None,
        ip_address: str | None = None,
        max_connections: int = 40,
        secret_token: str | None = None,
        unix: Any = None,
    ) -> asyncio.Queue[object]:
        """Handle what a crash left, listen, then register the webhook with its secret."""
        self._ensure_stopped()
        if not secret_token:
            raise ValueError("a webhook needs a secret token: never serve one without")
        if not webhook_url:
            raise ValueError("a webhook needs its public URL")
        if cert or key or unix:
            raise ValueError("TLS and unix sockets belong to the reverse proxy, not the bot")
        self._replay()
        self._server = webhook.serve(str(listen), int(port), url_path, secret_token, self._post)
        self._active = True
        await self.bot.set_webhook(
            url=webhook_url,
            allowed_updates=allowed_updates,
            drop_pending_updates=drop_pending_updates,
            max_connections=max_connections,
            ip_address=ip_address,
            secret_token=secret_token,
        )
        return self.update_queue

    async def stop(self) -> None:
        if not self._active:
            raise RuntimeError("This Updater is not running!")
        self._active = False
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None

    def _ensure_stopped(self) -> None:
        if self._active:
            raise RuntimeError("This Updater is already running!")

    def _replay(self) -> None:
        """Queue what was received but not handled before the last stop, oldest first."""
        pending = self.storage.unhandled_updates(MAX_ATTEMPTS)
        for update_id, body in pending:
            try:
                update = Update.de_json(json.loads(body), self.bot)
            except (ValueError, TypeError, KeyError):
                logger.exception("update %d in the inbox cannot be read; skipped", update_id)
                self.storage.update_handled(update_id)
                continue
            self.update_queue.put_nowait(update)
        if pending:
            logger.info("handling %d update(s) received before a restart", len(pending))

    def _accept(self, updates: Sequence[Update]) -> None:
        """Record, then queue the ones never seen; no await in here, so no cancellation
        lands between the two."""
        fresh = self.storage.receive_updates(
            [(u.update_id, json.dumps(u.to_dict(), ensure_ascii=False)) for u in updates]
        )
        if fresh is None:  # the database is down (logged there): answer anyway
            fresh = [u.update_id for u in updates]
        wanted = set(fresh)
        for update in updates:
            if update.update_id in wanted:
                self.update_queue.put_nowait(update)

    async def _post(self, data: dict[str, Any]) -> None:
        update = Update.de_json(data, self.bot)
        self._accept([update])

    async def _poll(
        self, timeout: int | dt.timedelta, allowed: Sequence[str] | None, interval: float
    ) -> None:
        offset: int | None = None
        delay = 0.0
        try:
            while True:
                try:
                    updates = await self.bot.get_updates(
                        offset=offset, timeout=timeout, allowed_updates=allowed
                    )
                except InvalidToken:
                    logger.critical("Telegram refused the token; polling stopped")
                    raise
                except TelegramError as exc:
                    delay = _backoff(exc, delay)
                    logger.warning("getUpdates failed (%s); trying again in %.0f s", exc, delay)
                    await asyncio.sleep(delay)
                    continue
                delay = 0.0
                if updates:
                    self._accept(updates)
                    offset = updates[-1].update_id + 1
                if interval:
                    await asyncio.sleep(interval)
        finally:
            if offset is not None:
                await self._confirm(offset)

    async def _confirm(self, offset: int) -> None:
        """At stop: tell Telegram that everything recorded arrived (best effort)."""
        with contextlib.suppress(TelegramError, asyncio.CancelledError):
            await self.bot.get_updates(offset=offset, timeout=0, limit=1)


def _backoff(exc: TelegramError, previous: float) -> float:
    if isinstance(exc, RetryAfter):
        wait = exc.retry_after
        return wait.total_seconds() if isinstance(wait, dt.timedelta) else float(wait)
    return min(max(previous * 2, _BACKOFF_FIRST), _BACKOFF_MAX)
