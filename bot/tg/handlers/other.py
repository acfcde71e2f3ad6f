"""Everything that is not a question: stickers, photos, voice, files, unknown commands."""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.tg import render
from bot.tg.send import reply


async def on_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chats only: one short polite reply asking for text."""
    message = update.effective_message
    if message is not None:
        await reply(message, render.non_text())


async def on_unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is not None:
        await reply(message, render.unknown_command())
