"""The error handler: the operator gets the traceback, the user a short apology."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.tg import render
from bot.tg.handlers.groups import ADDRESSED
from bot.tg.send import ack, reply

logger = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    # The update itself is not logged: it holds names, ids and the user's text.
    kind = _kind(update)
    logger.error("error while handling %s", kind, exc_info=context.error)
    if not isinstance(update, Update):
        return
    apology = render.error()
    try:
        if update.callback_query is not None:
            await ack(update.callback_query, apology.parts[0])
        elif update.effective_message is not None and _addressed(update):
            await reply(update.effective_message, apology)
    except TelegramError as exc:  # Telegram itself is failing: nothing more to do
        logger.warning("could not send the apology: %s", exc)


def _kind(update: object) -> str:
    if isinstance(update, Update):
        fields = ("message", "callback_query", "inline_query", "edited_message")
        return next((f for f in fields if getattr(update, f) is not None), "an update")
    return "a background task"


def _addressed(update: Update) -> bool:
    """Apologise in private chats; in groups only where the bot was asked, never on chatter."""
    message = update.effective_message
    if message is None or update.inline_query is not None:
        return False
    if message.chat.type == message.chat.PRIVATE:
        return True
    return (message.text or "").startswith("/") or bool(ADDRESSED.check_update(update))
