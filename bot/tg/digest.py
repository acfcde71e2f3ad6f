"""Once every `telegram.digest_days`, admins get the new missed groups and the 👎 rate.

The job runs hourly on the JobQueue and sends when the last digest (kept in storage, so a
restart neither repeats nor skips one) is old enough. The first run only starts the clock.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from bot.tg import render_review
from bot.tg.services import Services, services

logger = logging.getLogger(__name__)

CHECK_EVERY = 3600.0  # seconds between looks at whether a digest is due
FIRST_CHECK = 60.0
LAST_SENT = "digest_sent_at"  # storage meta key
_DAY = 86400


def schedule(app: Application[Any, Any, Any, Any, Any, Any], every_days: float) -> None:
    if every_days <= 0:
        return
    if app.job_queue is None:
        logger.warning("no job queue: the admins' digest is off")
        return
    app.job_queue.run_repeating(_check, interval=CHECK_EVERY, first=FIRST_CHECK, name="digest")


async def _check(context: ContextTypes.DEFAULT_TYPE) -> None:
    await send_if_due(services(context), context.bot)


async def send_if_due(svc: Services, bot: Bot) -> bool:
    """Send the digest to every admin if it is due; True when it was sent."""
    every = int(svc.config.telegram.digest_days * _DAY)
    now = svc.storage.now()
    last = svc.storage.get_meta(LAST_SENT)
    if last is None:
        svc.storage.set_meta(LAST_SENT, str(now))
        return False
    if every <= 0 or now - int(last) < every:
        return False
    groups = await svc.curator.groups(svc.engine)
    votes = svc.storage.votes_since(every)
    if groups is None or votes is None:
        return False  # storage is down: try again at the next check
    new = [g for g in groups if g.first_asked.timestamp() > int(last)]
    content = render_review.digest(new, votes[1], sum(votes), round(every / _DAY))
    for admin in svc.config.telegram.admins:
        try:
            for part in content.parts:
                await bot.send_message(admin, part)
        except TelegramError as exc:  # e.g. the admin never opened a chat with the bot
            logger.warning("could not send the digest to an admin: %s", exc)
    svc.storage.set_meta(LAST_SENT, str(now))
    return True
