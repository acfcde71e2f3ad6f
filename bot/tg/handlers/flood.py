"""Flood control, run before every other handler for the updates the bot would answer."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.tg import render
from bot.tg.flood import Verdict
from bot.tg.send import ack, reply
from bot.tg.services import services

logger = logging.getLogger(__name__)


async def flood_guard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Let the update through, or warn once and stop it, or drop it silently."""
    sender = update.effective_sender  # the chat for anonymous admins, who share one user id
    if sender is None:
        return
    verdict = services(context).flood.check(sender.id)
    if verdict is Verdict.ALLOW:
        return
    if update.callback_query is not None:
        await ack(update.callback_query)  # still answered, or the button spins forever
    elif verdict is Verdict.WARN and update.effective_message is not None:
        logger.info("flood control: one user over the limit")
        await reply(update.effective_message, render.slow_down())
    raise ApplicationHandlerStop
