"""Flood control, run before every other handler for the updates the bot would answer."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.core import replies
from bot.tg import render
from bot.tg.flood import Verdict
from bot.tg.send import ack, reply, send, thread_of
from bot.tg.services import services

logger = logging.getLogger(__name__)


async def flood_guard(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Let the update through, or stop it with a visible word: over the limit, one message
    says when the sender can go on, and every tap gets a toast saying the same."""
    sender = update.effective_sender  # the chat for anonymous admins, who share one user id
    if sender is None:
        return
    gate = services(context).flood
    verdict = gate.check(sender.id)
    if verdict is Verdict.ALLOW:
        return
    wait = gate.wait(sender.id)
    query = update.callback_query
    if query is not None:
        await ack(query, replies.slow_down(wait))  # a toast: the tap did something
    if verdict is Verdict.WARN:
        logger.info("flood control: one user over the limit for %.0f s", wait)
        await _warn(update, context, wait)
    raise ApplicationHandlerStop


async def _warn(update: Update, context: ContextTypes.DEFAULT_TYPE, wait: float) -> None:
    """The one message of this episode, under a question or in the chat of a tapped button."""
    query = update.callback_query
    if query is None and update.effective_message is not None:
        await reply(update.effective_message, render.slow_down(wait))
    elif query is not None and query.message is not None:
        await send(context.bot, query.message.chat.id, render.slow_down(wait), thread_of(query))
