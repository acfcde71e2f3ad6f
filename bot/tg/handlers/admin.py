"""Admin command /reload (user ids from config.yaml); /stats, /misses and /changes are in
bot.tg.handlers.review.

They are registered with a user filter, so for anyone else they fall through to the normal
unknown-command reply and reveal nothing.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Message
from telegram.ext import ContextTypes

from bot.core.engine import Engine
from bot.core.problems import FaqError
from bot.tg import render_admin
from bot.tg.send import reply
from bot.tg.services import Services, on_message

logger = logging.getLogger(__name__)


@on_message
async def on_reload(message: Message, svc: Services, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Re-read faq/; a broken edit keeps the last good FAQ and shows what to fix."""
    config = svc.config
    try:  # loading parses YAML and builds the matcher: off the event loop
        engine = await asyncio.to_thread(Engine.load, config.faq_dir, config.matching)
    except FaqError as exc:
        logger.warning("reload refused: %d problem(s) in the FAQ", len(exc.problems))
        await reply(message, render_admin.reload_failed(exc.problems))
        return
    svc.engine = engine
    logger.info("FAQ reloaded: %d entries", len(engine.faq.entries))
    await reply(message, render_admin.reload_ok(engine.faq))
