"""Reload faq/ when its files change; a broken edit keeps the last good FAQ and tells the admins.

A repeating job on the application's JobQueue (`schedule`, from post_init): every `interval`
seconds the watcher compares the files' (mtime, size) with the last look.
On a change it loads the FAQ off the event loop: on success the engine is swapped whole (as
/reload does); on FaqError — a typo, a deleted file, the folder gone — the old engine keeps
answering, the problems are logged once and the admins get one message. The same problems
are not reported again until the FAQ changes into something different. The job queue starts
and stops it with the application; an unexpected error in one check goes to the error handler
and the next check runs as planned.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path
from typing import Any

from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import CallbackContext, Job, JobQueue

from bot.core.engine import Engine
from bot.core.problems import FaqError, Problem
from bot.tg import render_admin
from bot.tg.send import send
from bot.tg.services import Services

logger = logging.getLogger(__name__)

Snapshot = dict[str, tuple[int, int]]
LOGGED_PROBLEMS = 10  # the log and the admins' message show this many; `validate` shows all
JOB_NAME = "faq-watch"


def snapshot(faq_dir: Path) -> Snapshot:
    """(mtime in ns, size) of every file under faq_dir; empty when the folder is gone."""
    found: Snapshot = {}
    with contextlib.suppress(OSError):
        for path in faq_dir.rglob("*"):
            with contextlib.suppress(OSError):  # a file deleted while we walk
                stat = path.stat()
                if path.is_file():
                    found[str(path.relative_to(faq_dir))] = (stat.st_mtime_ns, stat.st_size)
    return found


class FaqWatcher:
    def __init__(
        self, services: Services, bot: Bot, interval: float, seen: Snapshot | None = None
    ) -> None:
        self.services = services
        self.bot = bot
        self.interval = interval
        # What the running engine was built from: take it before loading, so no edit is missed.
        self._seen = snapshot(services.config.faq_dir) if seen is None else seen
        self._reported: tuple[str, ...] = ()

    async def check(self) -> bool:
        """One look at faq/; True when a changed FAQ was loaded and is now in use."""
        faq_dir = self.services.config.faq_dir
        now = await asyncio.to_thread(snapshot, faq_dir)
        if now == self._seen:
            return False
        self._seen = now
        try:  # parsing YAML and building the matcher: off the event loop
            engine = await asyncio.to_thread(Engine.load, faq_dir, self.services.config.matching)
        except FaqError as exc:
            await self._broken(exc.problems)
            return False
        self.services.engine = engine
        self._reported = ()
        logger.info("FAQ changed on disk and reloaded: %d entries", len(engine.faq.entries))
        return True

    async def _broken(self, problems: tuple[Problem, ...]) -> None:
        lines = tuple(str(p) for p in problems)
        if lines == self._reported:
            return  # the same breakage, touched again: already said
        self._reported = lines
        logger.error(
            "FAQ on disk is broken (%d problem(s)); still serving the last good one:\n%s",
            len(lines),
            "\n".join(lines[:LOGGED_PROBLEMS]),
        )
        message = render_admin.faq_broken(problems, LOGGED_PROBLEMS)
        for admin in self.services.config.telegram.admins:
            try:
                await send(self.bot, admin, message)
            except TelegramError as exc:  # e.g. the admin never opened a chat with the bot
                logger.warning("could not tell an admin about the broken FAQ: %s", exc)


def schedule(job_queue: JobQueue[Any], watcher: FaqWatcher) -> Job[Any]:
    """Check every `watcher.interval` seconds while the application runs (from post_init)."""
    return job_queue.run_repeating(
        _check, interval=watcher.interval, first=watcher.interval, data=watcher, name=JOB_NAME
    )


async def _check(context: CallbackContext[Any, Any, Any, Any]) -> None:
    job = context.job
    if job is not None and isinstance(job.data, FaqWatcher):
        await job.data.check()
